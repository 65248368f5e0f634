/* pg.h: the archive on a PostgreSQL server (pg*.c), behind the same functions of arc_archive.h as the SQLite archive: store.c, index.c, find.c and the upkeep dispatch to these when the archive's address is a postgresql:// URI; the reports read both through one cursor (cursor.c). */
#ifndef ARC_PG_H
#define ARC_PG_H

#include <libpq-fe.h>

#include "store.h"

/*
 * libpq's functions, loaded when the first archive on PostgreSQL is opened
 * (pqlib.c) rather than linked: the libraries libpq brings (Kerberos,
 * LDAP, GnuTLS) took two thirds of the start-up of every program that
 * could open such an archive, an SQLite one too (bench/README, session
 * 23).  The calls below read as libpq's; arc_pq_load before the first.
 */
struct arc_pq {
	__typeof__(&PQclear) clear;
	__typeof__(&PQcmdTuples) cmd_tuples;
	__typeof__(&PQconnectdb) connectdb;
	__typeof__(&PQerrorMessage) error_message;
	__typeof__(&PQexec) exec;
	__typeof__(&PQexecParams) exec_params;
	__typeof__(&PQfinish) finish;
	__typeof__(&PQfname) fname;
	__typeof__(&PQftype) ftype;
	__typeof__(&PQgetisnull) getisnull;
	__typeof__(&PQgetlength) getlength;
	__typeof__(&PQgetvalue) getvalue;
	__typeof__(&PQnfields) nfields;
	__typeof__(&PQntuples) ntuples;
	__typeof__(&PQresultErrorField) result_error_field;
	__typeof__(&PQresultStatus) result_status;
	__typeof__(&PQstatus) status;
	__typeof__(&PQtransactionStatus) transaction_status;
};
extern struct arc_pq arc_pq;
/* Loads libpq once a process; ARC_FATAL with err when it cannot. */
int arc_pq_load(struct arc_error *err);

#define PQclear arc_pq.clear
#define PQcmdTuples arc_pq.cmd_tuples
#define PQconnectdb arc_pq.connectdb
#define PQerrorMessage arc_pq.error_message
#define PQexec arc_pq.exec
#define PQexecParams arc_pq.exec_params
#define PQfinish arc_pq.finish
#define PQfname arc_pq.fname
#define PQftype arc_pq.ftype
#define PQgetisnull arc_pq.getisnull
#define PQgetlength arc_pq.getlength
#define PQgetvalue arc_pq.getvalue
#define PQnfields arc_pq.nfields
#define PQntuples arc_pq.ntuples
#define PQresultErrorField arc_pq.result_error_field
#define PQresultStatus arc_pq.result_status
#define PQstatus arc_pq.status
#define PQtransactionStatus arc_pq.transaction_status

/* Is the archive's address a PostgreSQL connection URI? */
int arc_pg_is_uri(const char *address);

/*
 * A connection to the city's archive.  shown is the address without its
 * password, for messages; office, the office this program writes for
 * (arc.conf's office, or ARC_OFFICE), or NULL.
 */
struct arc_pg {
	PGconn *conn;
	char *shown;
	char *office;
	char code[6];           /* the last error's SQLSTATE, or "" */
	/* The vocabulary (pgvocab.c): 0 none (layout 2, or no right to
	 * read it), 1 read, 2 read and written; vocab_table: it is there
	 * (layout 3), whatever this role may do with it. */
	int vocab, vocab_table;
};

/* The offices a row of doc (alias d) is listed for, as an SQL array; a
 * row of none is the office '' (what was archived with no office set). */
#define PG_OFFICES(d) "(CASE WHEN cardinality(" d ".offices) = 0 " \
	"THEN ARRAY[''] ELSE " d ".offices END)"

/* Connects (s->path is the URI), makes the tables when writing and none
 * are there, and sets s->files to the folder of copies (arc.conf's
 * copies, or ARC_COPIES).  ARC_ERR: reading, no tables there yet; a
 * writer that arc_member does not let write is refused. */
int arc_pg_open(struct arc_store *s, int write, struct arc_error *err);
void arc_pg_close(struct arc_store *s);

/* err set to what the server said (its first line), after the address;
 * ARC_FATAL. */
int arc_pg_fail(struct arc_store *s, struct arc_error *err);
/* Says why r failed, keeping its SQLSTATE in s->pg->code; clears r.
 * ARC_FATAL. */
int arc_pg_failed(struct arc_store *s, PGresult *r, struct arc_error *err);
/* Runs SQL with no result and no parameters; ARC_FATAL with err. */
int arc_pg_exec(struct arc_store *s, const char *sql, struct arc_error *err);
/* Runs SQL with text parameters (NULL: SQL's NULL); the result, to be
 * PQclear'ed, or NULL with err set when it failed. */
PGresult *arc_pg_query(struct arc_store *s, const char *sql, int n,
    const char *const *params, struct arc_error *err);
/* Ids v[0..n) as an SQL array's text, "{1,2,3}": malloc'd, or NULL.
 * qsort's order of ids (long long). */
char *arc_pg_ids_text(const long long *v, size_t n);
int arc_pg_id_order(const void *a, const void *b);
/* A row's text or NULL for SQL's NULL (borrowed from the result). */
const char *arc_pg_text(const PGresult *r, int row, int col);

/* arc_store_state and arc_store_unread (pgstore.c). */
int arc_pg_state(struct arc_store *s, const char *sha256, int named_ok,
    int *attempts);
int arc_pg_unread(struct arc_store *s, const char *path, const char *member);

/* ---- Writing (pgindex.c), in a transaction an indexer's writer holds -- */

/* The documents erased on request (sorted) into l. */
int arc_pg_forgotten_load(struct arc_store *s, struct arc_sha_list *l,
    struct arc_error *err);
/* Begins the writer's transaction; the sha256s erased so far into l. */
int arc_pg_begin(struct arc_store *s, struct arc_sha_list *erased,
    struct arc_error *err);
/* Commits it; ARC_ERR (err set) when two writers met (a deadlock, or a
 * serialization failure): the batch is to be written again. */
int arc_pg_commit(struct arc_store *s, struct arc_error *err);
void arc_pg_rollback(struct arc_store *s);
/*
 * The rows of one record, as arc_doc_put, arc_doc_put_failed,
 * arc_chat_put and the indexer's unread rows make them in SQLite, the
 * text taken from the record.  An archived document's *outcome says
 * whether it is new, changed, or the same as archived (its digest: then
 * only where it was found is written); *old_mime is the mime it was
 * archived with before (malloc'd, or NULL).
 */
enum { ARC_PG_ADDED, ARC_PG_UPDATED, ARC_PG_UNCHANGED };
int arc_pg_put_archived(struct arc_store *s, json_t *rec,
    const struct arc_doc_made *m, const char *now, int *outcome,
    char **old_mime, struct arc_error *err);
int arc_pg_put_failed(struct arc_store *s, json_t *rec, const char *error,
    const char *now, struct arc_error *err);
int arc_pg_put_unread(struct arc_store *s, json_t *rec, const char *error,
    const char *now, struct arc_error *err);
int arc_pg_clear_unread(struct arc_store *s, json_t *rec,
    struct arc_error *err);
int arc_pg_chat_put(struct arc_store *s, const json_t *rec, long *added,
    struct arc_error *err);

/* A document's words as a tsvector's text: each column's words at their
 * positions, weighted as arc_rank_weight weighs them (pgwords.c).
 * malloc'd; NULL when out of memory. */
char *arc_pg_tsvector(const struct fts_columns *c);
/* The words of a query's text (a word, or a phrase's words) as tsquery
 * text: each word by its forms (as written and its stems, OR'ed), the
 * words of a phrase, or the parts of a word ("kura-kura"), followed by
 * one another; "" when it has none.  malloc'd; NULL when out of memory. */
char *arc_pg_tsquery_text(struct arc_stemmers *st, const char *lang,
    const char *text);

/* ---- Search (pgfind.c) ------------------------------------------------ */

/* The results of a search: ids (best first) and scores, how many match
 * in all, whether none holds every word, and the misreadings of its
 * words that were found (NULL after the last). */
#define ARC_PG_MISREAD_MAX 64
struct arc_pg_hits {
	struct arc_pg_hit {
		long long id;
		double score;
	} *hit;
	int n;
	long total;
	int partial;
	char *misread[ARC_PG_MISREAD_MAX];
};
struct arc_query;
/* The documents the query finds (o's filters, up to o->limit): ranked
 * when it has words, else newest first.  ARC_FATAL with err. */
int arc_pg_find(struct arc_store *s, const struct arc_query *q,
    const struct arc_find_options *o, struct arc_pg_hits *h,
    struct arc_error *err);
void arc_pg_hits_free(struct arc_pg_hits *h);
/* The row of document id into *row (its text in row->body, NUL-
 * terminated; row->id 0 when there is none), borrowed from the result
 * returned, which the caller PQclears; NULL with err when it fails. */
PGresult *arc_pg_doc(struct arc_store *s, long long id,
    struct arc_doc_row *row, struct arc_error *err);
/* The archive's spelling of a tag typed in any case, malloc'd in *found;
 * NULL there when no document has it. */
int arc_pg_spell_tag(struct arc_store *s, const char *typed, char **found,
    struct arc_error *err);

/* ---- Ranking segments (pgrank.c) -------------------------------------- */

/*
 * Counts the documents new or changed since (rank_todo) into segments of
 * their offices, merging the newest as they grow; with whole, each
 * office's segments merged into as few as can be (--optimize).  One maker
 * at a time: another waits for it.
 */
int arc_pg_rank_update(struct arc_store *s, int whole, struct arc_error *err);
/* The lock a maker of segments holds (for the session), which --forget
 * takes too: a maker never counts a document being erased. */
int arc_pg_rank_lock(struct arc_store *s, struct arc_error *err);
void arc_pg_rank_unlock(struct arc_store *s);
/* Counts again, in the caller's transaction, every segment that held
 * document id, whose row is gone: none of its words is left in them
 * (--forget). */
int arc_pg_rank_forget(struct arc_store *s, long long id,
    struct arc_error *err);
/*
 * For a search, in the role's sight: every segment's lengths, newest
 * first, into len[id] (ids 1..top), owner[id] the place (1...) of the
 * newest that holds it; the segments' ids into *segs (malloc'd), the
 * documents and tokens held, and how many times an older segment holds
 * a document again (shadowed).  The place of a segment id in segs (0: not
 * there).  The documents new or changed since, and their lengths now
 * (both malloc'd).  A term's rows
 * of postings, to fn.  The new or changed documents that match tsquery,
 * to fn as their columns; whether any does (1 or 0).
 */
int arc_pg_rank_lengths(struct arc_store *s, long long top, uint32_t *len,
    uint32_t *owner, long long **segs, size_t *nsegs, double *docs,
    double *tokens, long *shadowed, struct arc_error *err);
uint32_t arc_pg_rank_place(const long long *segs, size_t n, long long seg);
int arc_pg_rank_todo(struct arc_store *s, long long **ids, long long **lens,
    size_t *n, struct arc_error *err);
typedef int (*arc_pg_posting_fn)(void *ctx, long long segment, long df,
    const unsigned char *data, size_t len);
int arc_pg_rank_postings(struct arc_store *s, const char *term, size_t len,
    arc_pg_posting_fn fn, void *ctx, struct arc_error *err);
typedef int (*arc_pg_doc_fn)(void *ctx, long long id,
    const struct fts_columns *c);
int arc_pg_rank_fresh(struct arc_store *s, const char *tsquery,
    arc_pg_doc_fn fn, void *ctx, struct arc_error *err);
int arc_pg_rank_any(struct arc_store *s, const char *tsquery,
    struct arc_error *err);
/* A lexeme quoted for a tsquery into out (room for 2 * n + 3); its
 * length. */
size_t arc_pg_lexeme(char *out, const char *w, size_t n);

/* ---- Vocabulary (pgvocab.c) -------------------------------------------- */

/*
 * The words of texts as written, gathered for one office, each once, and
 * added to its vocabulary (table word) by flush: when many are waiting,
 * or all of them when last.  Only the vocabulary's readers and writers
 * (s->pg->vocab) have it: an archive of layout 2 has none.
 */
struct arc_pg_vocab {
	struct arc_strmap *seen;
	char *words;            /* one a line */
	size_t len, cap;
	int oom;
};
/* ARC_OK, or ARC_FATAL with err when the vocabulary is there and this
 * role may not write it. */
int arc_pg_vocab_writable(struct arc_store *s, struct arc_error *err);
int arc_pg_vocab_init(struct arc_pg_vocab *v);
void arc_pg_vocab_done(struct arc_pg_vocab *v);
void arc_pg_vocab_add(struct arc_pg_vocab *v, const char *text);
int arc_pg_vocab_flush(struct arc_store *s, struct arc_pg_vocab *v,
    const char *office, int last, struct arc_error *err);
/* The words of an erased document's title and body (offices: its
 * offices as an SQL array's text, "{''}" for none) out of those offices'
 * vocabularies, where no other document has them. */
int arc_pg_vocab_forget(struct arc_store *s, const char *title,
    const char *body, const char *offices, struct arc_error *err);
/*
 * For "did you mean", in the role's sight: the vocabulary's words among
 * those of a JSON array, and those that start with prefix (at most
 * limit), to fn with their numbers (the smaller, the earlier met); the
 * archived documents that have a word (its forms, as a search finds
 * them), counted up to max, or -1 with err.
 */
typedef void (*arc_pg_word_fn)(void *ctx, long long id, const char *w,
    size_t len);
int arc_pg_vocab_lookup(struct arc_store *s, const char *json,
    arc_pg_word_fn fn, void *ctx, struct arc_error *err);
int arc_pg_vocab_scan(struct arc_store *s, const char *prefix, int limit,
    arc_pg_word_fn fn, void *ctx, struct arc_error *err);
/* Has the vocabulary this word (lower case), in the role's sight?  1 or
 * 0; ARC_FATAL with err. */
int arc_pg_vocab_has(struct arc_store *s, const char *word,
    struct arc_error *err);
long arc_pg_vocab_documents(struct arc_store *s, struct arc_stemmers *st,
    const char *word, long max, struct arc_error *err);

/* ---- Upkeep (pgupkeep.c) ---------------------------------------------- */

int arc_pg_check(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, struct arc_error *err);
int arc_pg_forget(struct arc_store *s, const char *sha256,
    struct arc_forget_result *r, struct arc_error *err);
int arc_pg_optimize(struct arc_store *s, struct arc_error *err);

#endif
