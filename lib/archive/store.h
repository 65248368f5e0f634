/* store.h: the insides of the archive (SQLite, FTS5, copies), shared by the files of lib/archive. */
#ifndef ARC_STORE_H
#define ARC_STORE_H

#include <stdint.h>

#include <sqlite3.h>

#include "arc_archive.h"
#include "arc_i18n.h"

/* Starts a query's text for the tokenizer: the marker, then "ind " or
 * "eng ", then the text: look up that language's stems only. */
#define ARC_LANG_MARK '\x1b'

/* Statements an archive keeps prepared (arc_store_prepare): an
 * arc-index run that counts its documents for ranking as it writes them
 * used all of 24. */
#define STMT_CACHE 32

/* How long a writer waits for another before it gives up: a nightly run's
 * batch, an --optimize of a large archive. */
#define ARC_BUSY_TIMEOUT_MS (10 * 60 * 1000)

struct arc_pg;

struct arc_store {
	/* The archive on a PostgreSQL server (pg.h), or NULL: then db. */
	struct arc_pg *pg;
	sqlite3 *db;
	char *path;             /* the database */
	char *files;            /* the folder of copies beside it */
	int readonly;
	int lockfd;             /* holds a reader's lock, or -1 */
	/* Has the archive conversations (the chat table) and pages' OCR
	 * confidence (doc.confidence)?  Said by its layout (schema.c), as
	 * has_coded is. */
	int has_chat, has_confidence;
	/* Has it the unread table (layout 4)?  The ranking segments
	 * (5)? */
	int has_unread, has_ranking;
	/* Has doc a "coded" column?  Archives made before texts were coded
	 * by word have it only once an arc-index has opened them. */
	int has_coded;
	/* Has doc a "title_guessed" column (SQLite's layout 6, PostgreSQL's
	 * 4)?  A PostgreSQL archive of 3 lacks it until its owner's
	 * arc-index upgrades it, even while another office's writes. */
	int has_title_guessed;
	/* In an indexer's write transaction, the highest id a ranking
	 * segment holds (arc_rank_begin): a document written above it is in
	 * no segment, and needs no rank_dirty row.  -1: not known. */
	sqlite3_int64 ranked_to;
	/* Statements prepared once, by their SQL text's address: see
	 * arc_store_prepare. */
	struct { const char *sql; sqlite3_stmt *st; } cache[STMT_CACHE];
};

/*
 * A statement for sql, prepared on first use, reset and unbound after;
 * done with it, sqlite3_reset, never finalize.  sql must be a string
 * literal or a static array: the statement is found again by the text's
 * address, which such a text keeps for the life of the process, without
 * comparing the text.  (Two equal literals merged into one by the
 * compiler are the same statement, which is no harm.)
 */
int arc_store_prepare(struct arc_store *s, const char *sql,
    sqlite3_stmt **st);
/* Steps a statement that returns no row, then resets it: ARC_OK, or
 * ARC_FATAL when the database failed. */
int arc_store_step_done(sqlite3_stmt *st);

/* Is rec one of faqbot's interactions (arc_interaction_parse)?  (chat.c) */
int arc_chat_is(const json_t *rec);
/* Keeps it in the chat table, NIKs masked, once: the same time, session
 * and question again is no new row; *added counts the new.  (chat.c) */
int arc_chat_put(struct arc_store *s, const json_t *rec, long *added);

/* The forms a query's word is looked up by: as written, then its
 * Indonesian stem (with ind) and its English stem (with eng), each once;
 * how many.  (tokenizer.c) */
#define ARC_FORMS_MAX 3
int arc_word_forms(struct arc_stemmers *st, int ind, int eng,
    const char *word, size_t wlen, char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1],
    size_t lens[ARC_FORMS_MAX]);

/*
 * The words OCR may have made of a query's word (wlen bytes, lower case as
 * arc_next_word makes it; misread.c): with one of the letters Tesseract
 * confuses read as the other (l, i and 1; rn and m; o and 0; cl and d; li
 * and h; vv and w; ii and u), or, with edits 2, with two; never the word
 * itself, each once, those with one confusion first, the commonest
 * confusions first; at most max (up to ARC_MISREAD_MAX), into out,
 * NUL-terminated.  How many.
 */
#define ARC_MISREAD_MAX 64
int arc_misreadings(const char *word, size_t wlen, int edits,
    char (*out)[ARC_WORD_MAX + 1], int max);
/* The misreadings a search looks a query word (NUL-terminated) up by: none
 * for a stopword or a short word, two confusions in a long one; at most
 * ARC_MISREAD_TRIED. */
#define ARC_MISREAD_TRIED 32
int arc_query_misreadings(const char *word, size_t wlen,
    char (*out)[ARC_WORD_MAX + 1]);

/* Registers the "arc" tokenizer and the arc_rank() function with db's
 * FTS5. */
int arc_register_fts5(sqlite3 *db);
int arc_register_rank(fts5_api *api);

/* The column values the FTS index holds for a document, made the same way
 * for insertion and for deletion (contentless FTS5 needs them again). */
struct fts_columns {
	char *body, *title, *tags, *fields;
};
/* title_guessed: as arc_title_of said, or -1 for a row archived before
 * it was kept (arc_doc_row). */
int arc_fts_columns(struct arc_stemmers *st, const char *lang,
    const char *title, int title_guessed, const char *text, size_t text_len,
    const char *tags_json, const char *fields_json,
    struct fts_columns *c);
void arc_fts_columns_free(struct fts_columns *c);

/* Takes document id's words out of the index (contentless: made again
 * from its row); ARC_ERR when its text cannot be read back, and then the
 * words cannot be found: said as "NAME: its text in the archive cannot be
 * read back, ..." (the whole sentence in each format, for translators). */
struct arc_word_cache;
int arc_index_unwords(struct arc_store *s, struct arc_stemmers *stemmers,
    struct arc_word_cache *words, sqlite3_int64 id);

/*
 * Ranking every match (rankseg.c, ranking.c).  The index's columns (body,
 * title, tags, fields): a token of each counts this many times.
 */
#define ARC_RANK_COLUMNS 4
extern const int arc_rank_weight[ARC_RANK_COLUMNS];
/*
 * The documents an indexer writes, counted for ranking as it writes them
 * (on a thread of their own), from the words it indexes them by
 * (rankseg.c): arc_rank_update then need not read them back.  Added by
 * the writer, in its transaction, once archived document id is written
 * with this digest and these words (taken: *c is left empty; short of
 * memory or of a thread, the run's documents are counted from their rows
 * at its end instead).  At the end of the transaction,
 * arc_rank_tally_write writes as segments the chunks of ids the counter
 * filled meanwhile; once it is committed, arc_rank_tally_committed hands
 * its documents to the counter (and waits while the counter is far
 * behind).  ARC_FATAL when the database fails; after a transaction that
 * failed, the run ends.
 */
struct arc_rank_tally;
struct arc_rank_tally *arc_rank_tally_new(void);
void arc_rank_tally_free(struct arc_rank_tally *t);
int arc_rank_tally_add(struct arc_store *s, struct arc_rank_tally *t,
    sqlite3_int64 id, const char *digest, struct fts_columns *c);
int arc_rank_tally_write(struct arc_store *s, struct arc_rank_tally *t);
void arc_rank_tally_committed(struct arc_rank_tally *t);
/* Takes document id out of the ranking segment that holds it (its
 * postings, the terms only it had, its length), in the caller's
 * transaction: arc-index --forget.  ARC_FATAL when the database fails or
 * memory runs out. */
int arc_rank_forget(struct arc_store *s, sqlite3_int64 id);
/* At the start and the end of a write transaction that writes many
 * documents' words: s->ranked_to read, and forgotten. */
int arc_rank_begin(struct arc_store *s);
void arc_rank_end(struct arc_store *s);
/* Counts the documents no ranking segment holds yet into new ones (and
 * merges the last ones), or, with whole or after many changes, every
 * document again; those t (NULL: none) counted as they were written are
 * not read again.  Each segment in a transaction of its own: a run
 * stopped half-way leaves the rest to FTS5, and to the next run. */
int arc_rank_update(struct arc_store *s, int whole, struct arc_rank_tally *t,
    struct arc_error *err);
/*
 * A segment counted elsewhere (a PostgreSQL archive's, pgrank.c), as
 * arc_rank_update counts them: room for ids first..last, documents added
 * in the order of their ids.  Its totals, a document's length (0: not
 * held), and its terms (i < terms) with their postings.
 */
struct segment;
struct segment *arc_segment_new(sqlite3_int64 first, sqlite3_int64 last);
int arc_segment_add(struct segment *g, sqlite3_int64 id,
    const struct fts_columns *c);
void arc_segment_free(struct segment *g);
void arc_segment_totals(const struct segment *g, long *docs,
    sqlite3_int64 *tokens, size_t *terms);
uint32_t arc_segment_len(const struct segment *g, sqlite3_int64 id);
void arc_segment_term(const struct segment *g, size_t i, const char **name,
    size_t *len, uint32_t *df, const unsigned char **data, size_t *bytes);
/*
 * A search's words (each word of texts, once; lang as a query's marker
 * says, NULL: both stems) scored in every archived document that holds
 * any: BM25 over all the index's columns (arc_rank_weight), the
 * stopwords left out unless there is nothing else (ranking.c).  Each word
 * is found also as OCR may have misread it (arc_misreadings), but the
 * words of phrases alone (phrase[t] set for a text that is one; phrase
 * NULL: none is).  The documents ranking segments hold are read from
 * them; the newer and the changed ones from FTS5 (arc_counts).
 */
struct arc_ranking;
/* SQLite's varint (big-endian, 7 bits a byte, the 9th whole), as FTS5
 * keeps its totals and each document's sizes (fts_docsize); bytes read,
 * 0 when cut short. */
size_t arc_sqlite_varint(const unsigned char *p, size_t n, uint64_t *v);
struct arc_ranked {
	sqlite3_int64 id;
	double score;
};
/* words: the caller's cache of the word table, which its snippets read
 * the best texts through again (NULL on PostgreSQL, or none: the best
 * gain nothing for their words as written). */
int arc_ranking_run(struct arc_store *s, const char *lang,
    const char *const *texts, const int *phrase, int ntexts,
    struct arc_word_cache *words, struct arc_ranking **out,
    struct arc_error *err);
/* How many documents hold any of the words; whether one holds them all. */
long arc_ranking_matches(const struct arc_ranking *r);
int arc_ranking_any_whole(const struct arc_ranking *r);
/* The words and the misreadings found OR'ed as an FTS5 query. */
const char *arc_ranking_match(const struct arc_ranking *r);
/* The misreadings of the words that were found, from i = 0 (lower case,
 * as arc_next_word makes words); NULL after the last.  Valid until r is
 * freed. */
const char *arc_ranking_misreading(const struct arc_ranking *r, int i);
/* The best k into out (room for k), best first (equal scores: the newer
 * first); how many. */
size_t arc_ranking_top(const struct arc_ranking *r, size_t k,
    struct arc_ranked *out);
void arc_ranking_free(struct arc_ranking *r);

/* The number the SQL's one row gives (a string literal: see
 * arc_store_prepare); *rc set to ARC_FATAL when the database fails. */
sqlite3_int64 arc_store_number(struct arc_store *s, const char *sql,
    int *rc);
/* v as a varint of 7 bits a byte, low first, into out (10 bytes of
 * room); how many bytes. */
size_t arc_varint_put(unsigned char *out, uint64_t v);
/* The varint at p (before end) into *v; its bytes, 0 when cut short. */
size_t arc_varint_get(const unsigned char *p, const unsigned char *end,
    uint64_t *v);

/* Calls fn with each archived document of ids first..last and the words
 * the index holds for it (made again from its row, as arc_index_unwords
 * does), in order of id; a document whose text cannot be read back is
 * passed over (arc-index --check names it).  ARC_FATAL when the database
 * fails, memory runs out, or fn returns other than ARC_OK. */
typedef int (*arc_doc_words_fn)(void *ctx, sqlite3_int64 id,
    const struct fts_columns *c);
int arc_doc_each_words(struct arc_store *s, sqlite3_int64 first,
    sqlite3_int64 last, arc_doc_words_fn fn, void *ctx);
/* Every archived document's words into the index again, made by this
 * arc's words.c (an upgrade whose words differ from those before). */
int arc_fts_rebuild(struct arc_store *s, struct arc_error *err);
/* The documents archived before layout 6 (title_guessed NULL: their
 * titles weigh by arc_title_guessed's older rule) given title_guessed as
 * arc_title_of says from their rows; those whose titles now weigh
 * otherwise have their words in the index made again, for arc-index
 * --optimize, whose ranking segments are counted again after. */
int arc_titles_settle(struct arc_store *s, struct arc_error *err);

/* Text deflated in the doc table (zlib's format, after its length in 8
 * bytes), as arc-index kept it before texts were coded by word. */
int arc_uncompress(const void *blob, size_t len, char **text,
    size_t *text_len);

/*
 * Text kept as numbers of the archive's words (textcode.c): the blob's
 * tokens are TC_WORD or TC_GAP followed by the token itself, or a number
 * of the vocabulary (TC_FIRST_ID and up).
 */
enum { TC_WORD = 0, TC_GAP = 1, TC_FIRST_ID = 2 };
/* The vocabulary's number for a token (len bytes at tok), or 0 when it has
 * none; -1 when it cannot say (the database failed). */
typedef int64_t (*arc_word_id_fn)(void *ctx, const char *tok, size_t len);
/* The token numbered id: ARC_OK, or ARC_ERR when there is none. */
typedef int (*arc_word_of_fn)(void *ctx, int64_t id, const char **tok,
    size_t *len);
/* Is byte c part of a word (ASCII letters and digits, UTF-8 sequences)? */
int arc_textcode_word_byte(unsigned char c);
/* Is the token worth a number of the vocabulary?  Not numbers, not long
 * words or gaps. */
int arc_textcode_worthy(const char *tok, size_t len);
/* text as a blob, with id_of's numbers; *fresh: how many worthy tokens
 * had none.  ARC_FATAL: out of memory. */
int arc_textcode_encode(const char *text, size_t len, arc_word_id_fn id_of,
    void *ctx, unsigned char **out, size_t *out_len, int *fresh);
/* The blob again, its worthy tokens numbered by assign (which gives them
 * numbers); ARC_ERR for a broken blob, ARC_FATAL when assign fails. */
int arc_textcode_resolve(const unsigned char *blob, size_t len,
    arc_word_id_fn assign, void *ctx, unsigned char **out, size_t *out_len);
/* The text again, NUL-terminated; ARC_ERR for a broken blob (or a number
 * word_of does not know). */
int arc_textcode_decode(const unsigned char *blob, size_t len,
    arc_word_of_fn word_of, void *ctx, char **text, size_t *text_len);
/* Calls fn with each vocabulary number the blob holds, in order;
 * ARC_ERR for a broken blob. */
int arc_textcode_ids(const unsigned char *blob, size_t len,
    void (*fn)(void *ctx, int64_t id), void *ctx);

/*
 * The archive's vocabulary as one indexer keeps it (vocab.c): the workers
 * number their texts' words with it, the writer numbers the rest (in its
 * transaction, after catching up with other writers' numbers).
 */
struct arc_vocab;
/* Reads the word table through s, once started: arc_vocab_begin. */
struct arc_vocab *arc_vocab_new(struct arc_store *s);
void arc_vocab_free(struct arc_vocab *v);
/* A worker's: text coded with the numbers known (*fresh: how many worthy
 * tokens had none), with the copy of the vocabulary it used (*gen). */
int arc_vocab_encode(struct arc_vocab *v, const char *text, size_t len,
    unsigned char **out, size_t *out_len, int *fresh, unsigned *gen);
/*
 * The writer's, in a write transaction.  begin (the workers wait until
 * end) reads in the numbers other writers gave, or the whole vocabulary
 * again after an arc-index --forget took words out of it: a new copy
 * (arc_vocab_gen), and texts coded with an older one are coded again
 * (recode).  resolve numbers the words of a blob that had none.
 */
int arc_vocab_begin(struct arc_vocab *v);
unsigned arc_vocab_gen(const struct arc_vocab *v);
int arc_vocab_recode(struct arc_vocab *v, const char *text, size_t len,
    unsigned char **blob, size_t *blob_len);
int arc_vocab_resolve(struct arc_vocab *v, unsigned char **blob,
    size_t *len);
void arc_vocab_end(struct arc_vocab *v);
/* Takes out of the vocabulary every word that no text but document doc's
 * uses, before doc is deleted (arc-index --forget). */
int arc_vocab_prune(struct arc_store *s, sqlite3_int64 doc);
/* The vocabulary's words looked up by number to read texts back, kept by
 * whoever reads them (a search, a check, an indexer's writer): most texts
 * share most of their words.  NULL when out of memory. */
struct arc_word_cache *arc_word_cache_new(void);
void arc_word_cache_free(struct arc_word_cache *c);
/* Forgets every word: their numbers may since have been given again (an
 * arc-index --forget took words out). */
void arc_word_cache_clear(struct arc_word_cache *c);
/* The indexer's writer's cache, cleared whenever its copy of the
 * vocabulary is read again whole. */
struct arc_word_cache *arc_vocab_words(struct arc_vocab *v);

/*
 * A document's row (docrow.c).  Its texts and blobs are the statement's:
 * valid until it is stepped again or reset.  Read with arc_doc_row_read
 * from a statement of arc_doc_sql, or found with arc_doc_find.  Not the
 * columns added to schema 2 (confidence, pdf), which archives no
 * arc-index has opened since lack: their readers ask for them.
 */
struct arc_doc_row {
	sqlite3_int64 id;
	const char *sha256;
	const char *state;      /* "archived" or "failed" */
	int is_archived;        /* state is "archived" */
	const char *path, *member;      /* where the original was found */
	sqlite3_int64 size, pages;      /* 0 when not known */
	const char *mtime, *mime, *lang, *title, *tanggal, *nomor;
	const char *tags, *fields;      /* JSON */
	/* Was the title guessed from a line of the text (arc_title_of)?
	 * -1: not known, the row was archived before layout 6 kept it, or
	 * read by a statement without its text. */
	int title_guessed;
	const char *archived;   /* the copy, as older archives kept its path */
	const char *error;      /* why it failed */
	int attempts;           /* failures */
	const char *digest;     /* arc_digest_of what the index holds */
	const char *indexed;    /* when, ISO 8601 */
	/* The text, by statements that read it, else NULL: coded by word,
	 * or deflated (arc_uncompress) as older archives kept it. */
	const void *body, *coded;
	size_t body_len, coded_len;
};
enum arc_doc_by { ARC_DOC_BY_ID, ARC_DOC_BY_SHA256, ARC_DOC_ALL,
    ARC_DOC_RANGE };
/* The SQL reading whole rows of doc: by id or by sha256 (parameter 1),
 * every row in order of id, or those of ids ?1 to ?2 in order; with_text,
 * with their texts too. */
const char *arc_doc_sql(const struct arc_store *s, enum arc_doc_by by,
    int with_text);
void arc_doc_row_read(sqlite3_stmt *st, struct arc_doc_row *r);
/* The row with this id or sha256 into *r: 1, and *st (prepared by
 * arc_store_prepare) to be reset once done with r; 0 when there is none;
 * ARC_FATAL when the database fails. */
int arc_doc_find(struct arc_store *s, enum arc_doc_by by, sqlite3_int64 id,
    const char *sha256, int with_text, sqlite3_stmt **st,
    struct arc_doc_row *r);
/* The row's text, NUL-terminated, malloc'd; ARC_ERR when it cannot be
 * read (a broken blob, a number the vocabulary lacks, no text).
 * (vocab.c) */
int arc_doc_text(struct arc_store *s, struct arc_word_cache *c,
    const struct arc_doc_row *r, char **text, size_t *len);

/* What arc-index writes into a document's row besides the record's own
 * values (its sha256, path, member, size, mtime, mime, pages, lang, pdf,
 * and the tanggal and nomor of its fields).  Borrowed. */
struct arc_doc_made {
	const char *title, *tags, *fields, *confidence;
	int title_guessed;      /* arc_title_of's, or -1: not kept */
	const char *digest;
	const unsigned char *coded;
	size_t coded_len;
	const struct fts_columns *words;
};
/* In the caller's transaction: the archived document's row (*id, 0 when
 * new: then set to the new row's), its words and tags. */
int arc_doc_put(struct arc_store *s, json_t *rec, const struct arc_doc_made *m,
    sqlite3_int64 *id, const char *now);
/* An archived document found unchanged: only where it was found. */
int arc_doc_put_found(struct arc_store *s, json_t *rec, sqlite3_int64 id);
/* A document that failed: kept so that arc-scan --new offers it again;
 * one already archived stays archived. */
int arc_doc_put_failed(struct arc_store *s, json_t *rec, const char *error,
    const char *now);

/* A paper's title: a stage's "title", else its subject (fields.perihal),
 * else what a decree is "TENTANG" (about), else its first line with a
 * letter past the letterhead: then *guessed is 1, else 0.  malloc'd; NULL
 * when out of memory.  (title.c) */
char *arc_title_of(json_t *rec, const char *text, int *guessed);
/* Is the title one of the text's lines?  How arc told a guessed title
 * before it kept whether it guessed (layout 6): the rule for the rows
 * archived before, whose words the index holds by it (arc_fts_columns). */
int arc_title_guessed(const char *title, const char *text, size_t len);

/* Sorted sha256s (forgotten.c). */
struct arc_sha_list {
	char (*sha)[65];
	size_t n, cap;
};
int arc_sha_list_has(const struct arc_sha_list *l, const char *sha);
void arc_sha_list_free(struct arc_sha_list *l);
/* The documents erased on request (arc-index --forget) into l; ARC_FATAL
 * when the database fails or memory runs out. */
int arc_forgotten_load(struct arc_store *s, struct arc_sha_list *l);
/* The same, read again only when there are more than l holds (the table
 * only grows). */
int arc_forgotten_catch_up(struct arc_store *s, struct arc_sha_list *l);

/* What the index holds of a document, as one hash (hex): equal means
 * nothing to redo; arc-index --check reads the texts back against it. */
void arc_digest_of(const char *lang, const char *title, const char *text,
    size_t text_len, const char *tags, const char *fields, char hex[65]);

/* Where the archive keeps the copy of the document with this sha256 and
 * mime: kept, the path a row of an older archive holds, if not NULL; or
 * made from them, in s->files.  malloc'd; NULL: out of memory. */
char *arc_copy_path(const struct arc_store *s, const char *kept,
    const char *sha, const char *mime);

/*
 * What one indexer knows of the folders of copies (copy.c), shared by its
 * workers: which of the 256 folders it has made, and the folder of copies
 * held open for arc_copies_sync.  NULL when out of memory.
 */
struct arc_copies;
struct arc_copies *arc_copies_new(struct arc_store *s);
void arc_copies_free(struct arc_copies *c);
/* Copies a record's original into the archive (verifying its sha256);
 * *archived gets the copy's path, malloc'd.  ARC_ERR: the original could
 * not be read or changed; ARC_FATAL: the copy could not be written. */
int arc_copies_add(struct arc_copies *c, json_t *rec, char **archived,
    struct arc_error *err);
/* Flushes the copies written so far to disk, before the database says
 * they exist. */
int arc_copies_sync(struct arc_copies *c, struct arc_error *err);

/* Checks the copy of document sha (its row's kept path, if any, and
 * mime) against its sha256, for arc_store_check: a problem reported and
 * counted in stats, or the copy counted.  (upkeep.c) */
void arc_check_copy(struct arc_store *s, const char *kept, const char *sha,
    const char *mime, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats);
/* Is the file at path whole: 1 if its sha256 is sha, 0 if not or missing.
 * (copy.c) */
int arc_copy_intact(const char *path, const char *sha);

/*
 * Overwrites the file name (in folder dirfd, or AT_FDCWD) with zeros,
 * flushes that to the disk, then removes it: on a filesystem that writes
 * in place (ext4, xfs) the bytes are gone, not only the name.  A link is
 * not followed; a file already gone is no error.  Messages name it as
 * shown.  (copy.c)
 */
int arc_shred_at(int dirfd, const char *name, const char *shown,
    struct arc_error *err);

/* Is name (in a folder of copies) a copy of the document sha: its sha256,
 * then an extension or nothing (not a temporary file)? */
int arc_copy_name_of(const char *name, const char *sha);

/*
 * The archive's layout (schema.c): PRAGMA user_version, ARC_SCHEMA_VERSION
 * in an archive this arc made or upgraded.
 */
#define ARC_SCHEMA_VERSION 6
/* The version in *version (0: none, a new archive); an SQLite status. */
int arc_schema_version(struct arc_store *s, int *version);
/* Can this arc read (and upgrade) an archive of that version?  Not one
 * newer than it knows, nor one of an early layout it cannot bring up:
 * ARC_ERR, with the reason in err. */
int arc_schema_usable(struct arc_store *s, int version,
    struct arc_error *err);
/* Brings the archive of that version (0: a new one, made at once) up to
 * ARC_SCHEMA_VERSION, step by step, in the write transaction the caller
 * holds: all of it is kept, or none. */
int arc_schema_upgrade(struct arc_store *s, int version,
    struct arc_error *err);
/* Sets what readers ask of an archive of that version (has_coded,
 * has_chat, has_confidence, has_unread, has_ranking, has_title_guessed),
 * as read without upgrading it. */
void arc_schema_features(struct arc_store *s, int version);

/*
 * The rows of a read-only query from either back end (cursor.c): the same
 * SQL for both, its parameters ?1 and ?2 (text, or NULL).  next gives 1
 * for a row, 0 at the end, ARC_FATAL (err set) when the database fails;
 * the row's values are valid until the next.
 */
struct pg_result;
struct arc_cursor {
	struct arc_store *s;
	sqlite3_stmt *st;               /* SQLite's, or */
	struct pg_result *res;          /* PostgreSQL's, walked by row */
	int row;
};
enum arc_cursor_type { ARC_CURSOR_NULL, ARC_CURSOR_INTEGER, ARC_CURSOR_REAL,
	ARC_CURSOR_TEXT };
int arc_cursor_open(struct arc_store *s, const char *sql, const char *p1,
    const char *p2, struct arc_cursor *c, struct arc_error *err);
int arc_cursor_next(struct arc_cursor *c, struct arc_error *err);
int arc_cursor_columns(const struct arc_cursor *c);
const char *arc_cursor_name(const struct arc_cursor *c, int i);
enum arc_cursor_type arc_cursor_type(const struct arc_cursor *c, int i);
const char *arc_cursor_text(const struct arc_cursor *c, int i);
long long arc_cursor_int(const struct arc_cursor *c, int i);
double arc_cursor_real(const struct arc_cursor *c, int i);
void arc_cursor_close(struct arc_cursor *c);

/* Sets err to the database's last error; returns ARC_FATAL. */
int arc_store_fail(struct arc_store *s, struct arc_error *err);

/* Runs SQL with no result; ARC_FATAL with the database's reason in err. */
int arc_store_exec(struct arc_store *s, const char *sql,
    struct arc_error *err);

/* Reports each erasure begun and not finished, and each document in the
 * archive although erased; how many. */
int arc_forget_problems(struct arc_store *s, arc_check_fn report,
    void *ctx);

/* Writes data to path through a temporary file (mode, less the umask):
 * unnamed and linked in where the filesystem allows (O_TMPFILE), else
 * named and renamed over path; with durable, fsync'd (file and folder). */
int arc_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, int durable, struct arc_error *err);

#endif
