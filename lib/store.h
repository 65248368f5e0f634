/* store.h: the insides of the archive (SQLite, FTS5, copies), shared by store.c, index.c, find.c and tokenizer.c. */
#ifndef ARC_STORE_H
#define ARC_STORE_H

#include <sqlite3.h>

#include "arc.h"
#include "private.h"

/* Starts a query's text for the tokenizer: the marker, then "ind " or
 * "eng ", then the text: look up that language's stems only. */
#define ARC_LANG_MARK '\x1b'

#define STMT_CACHE 16

struct arc_store {
	sqlite3 *db;
	char *path;             /* the database */
	char *files;            /* the folder of copies beside it */
	int readonly;
	/* Which of the copies' 256 folders (by the sha256's first byte) this
	 * process has made or found: set by the indexer's workers, atomically. */
	unsigned char folder_made[256];
	/* The folder of copies, open from before the first copy this process
	 * writes until the store is closed, for arc_archive_sync; -1 until
	 * then.  Set once by a worker, atomically. */
	int files_fd;
	/* Statements prepared once, by their SQL text's address. */
	struct { const char *sql; sqlite3_stmt *st; } cache[STMT_CACHE];
};

/* A statement for sql (a string literal), prepared on first use, reset and
 * unbound after; done with it, sqlite3_reset, never finalize. */
int arc_store_prepare(struct arc_store *s, const char *sql,
    sqlite3_stmt **st);

/* Registers the "arc" tokenizer and the arc_rank() function with db's
 * FTS5. */
int arc_register_fts5(sqlite3 *db);
int arc_register_rank(fts5_api *api);

/* Snowball's stemmers for Indonesian and English: not to be shared between
 * threads. */
struct sb_stemmer;
struct stem_cache;
struct arc_stemmers {
	struct sb_stemmer *ind, *eng;
	struct stem_cache *ind_cache, *eng_cache;  /* arc_index_words' */
};
int arc_stemmers_init(struct arc_stemmers *st);
void arc_stemmers_done(struct arc_stemmers *st);

/*
 * The words of text as the index holds them, separated by single spaces:
 * lower case, stemmed in lang ("ind" or "eng"; any other: as they are).
 * The tokenizer only splits what this made.  malloc'd; NULL: no memory.
 */
char *arc_index_words(struct arc_stemmers *st, const char *lang,
    const char *text, size_t len);

/* Longest word kept (bytes); longer runs of letters are cut. */
#define ARC_WORD_MAX 64

/*
 * Finds the next word of text at or after from: its start in *start, its
 * lower-case form in word (at most ARC_WORD_MAX bytes, not terminated) and
 * length in *wlen (0 when there is none).  Returns the offset after it.
 */
size_t arc_next_word(const char *text, size_t len, size_t from, size_t *start,
    char *word, size_t *wlen);

/* The column values the FTS index holds for a document, made the same way
 * for insertion and for deletion (contentless FTS5 needs them again). */
struct fts_columns {
	char *body, *title, *tags, *fields;
};
int arc_fts_columns(struct arc_stemmers *st, const char *lang, const char *title, const char *text,
    size_t text_len, const char *tags_json, const char *fields_json,
    struct fts_columns *c);
void arc_fts_columns_free(struct fts_columns *c);

/* Takes document id's words out of the index (contentless: made again
 * from its row). */
int arc_index_unwords(struct arc_store *s, struct arc_stemmers *stemmers,
    sqlite3_int64 id);

/* Is this lower-case word too common to search by? (stopwords.c) */
int arc_is_stopword(const char *word);

/* Text compressed for the doc table (zlib's format, so that any zlib
 * reads it), and back; malloc'd.  A compressor is one thread's: made with
 * arc_compressor_new (NULL: out of memory). */
struct libdeflate_compressor;
struct libdeflate_compressor *arc_compressor_new(void);
void arc_compressor_free(struct libdeflate_compressor *c);
int arc_compress(struct libdeflate_compressor *c, const char *text,
    size_t len, unsigned char **out, size_t *out_len);
int arc_uncompress(const void *blob, size_t len, char **text,
    size_t *text_len);

/* Is the file at path whole: 1 if its sha256 is sha, 0 if not or missing.
 * (copy.c) */
int arc_copy_intact(const char *path, const char *sha);

/* Sets err to the database's last error; returns ARC_FATAL. */
int arc_store_fail(struct arc_store *s, struct arc_error *err);

/* Runs SQL with no result; ARC_FATAL with the database's reason in err. */
int arc_store_exec(struct arc_store *s, const char *sql,
    struct arc_error *err);

#endif
