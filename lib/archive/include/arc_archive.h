/* arc_archive.h: the archive: one SQLite database with its full-text index and the copies of the originals; indexing, search, erasure, checks and reports. */
#ifndef ARC_ARCHIVE_H
#define ARC_ARCHIVE_H

#include "arc_scan.h"

/* ---- Opening it (store.c) ------------------------------------------------ */

/* The archive's database: opt (--db) if given, else $ARC_DB, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/arc/archive.db. */
int arc_db_path(const char *opt, char *buf, size_t size,
    struct arc_error *err);

/*
 * Opens the archive; with write, creates it (and its folder) if need be,
 * in WAL mode, files readable by owner and group only.  Readers never
 * wait; a writer waits for another (up to ten minutes).
 */
struct arc_store;
/* May there be an archive at this address: a file that is there, or a
 * PostgreSQL server's (postgresql://...), which only opening tells? */
int arc_store_may_exist(const char *path);
/* Does the file at path hold no tables yet: an archive another arc-index
 * is making at this moment (or an empty file)?  Such an archive holds
 * nothing yet. */
int arc_store_being_made(const char *path);
struct arc_store *arc_store_open(const char *path, int write,
    struct arc_error *err);
/* Opens the archive for reading, as arc_store_open does; when there is
 * none there yet (no file, one being made, a PostgreSQL database without
 * arc's tables), NULL with *none set: an archive that holds nothing. */
struct arc_store *arc_store_open_existing(const char *path, int *none,
    struct arc_error *err);
void arc_store_close(struct arc_store *s);
/* Is the archive on a PostgreSQL server (not an SQLite file)? */
int arc_store_on_server(const struct arc_store *s);
/* The folder of the archive's copies of the originals (borrowed, valid
 * until arc_store_close), whether or not it exists yet. */
const char *arc_store_copies(const struct arc_store *s);

enum { ARC_STORE_ABSENT, ARC_STORE_ARCHIVED, ARC_STORE_FAILED,
	ARC_STORE_FORGOTTEN };
/* Failures after which arc-scan --new stops offering a document. */
#define ARC_RETRIES_DEFAULT 3
/*
 * What the archive knows of a document; attempts counts failures.  One
 * that failed because its name was not valid UTF-8 (its path kept
 * repaired, with U+FFFD) is absent for a record found under a name that
 * is (renamed: named_ok), which is then tried.
 */
int arc_store_state(struct arc_store *s, const char *sha256, int named_ok,
    int *attempts);
/* Failures of the file at path (and member, or NULL) that could not be
 * read, so has no sha256: counted by where it is (0: none). */
int arc_store_unread(struct arc_store *s, const char *path,
    const char *member);

/* ---- Upkeep: checks, erasure on request (upkeep.c, forget.c) ------------ */

/* Checks the database and every copy (its sha256): each problem goes to
 * report, with the document's sha256 or NULL. */
typedef void (*arc_check_fn)(void *ctx, const char *sha256,
    const char *problem);
struct arc_check_stats {
	long documents, copies, failed, problems;
	long temporaries;       /* interrupted runs' partial copies removed */
	long strays;            /* copies no document points to, removed */
	/* Archived documents the search index lacked, held with other
	 * words, and others it held: it was made again. */
	long index_missing, index_differing, index_extra;
	int readonly;           /* checked read-only: nothing removed */
};
int arc_store_check(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, struct arc_error *err);
/*
 * Erases the document with this sha256 on request: its rows and words
 * deleted with SQLite's secure_delete and the sha256 kept as forgotten
 * (one transaction: from then on no arc-index, running or not, archives
 * it again), then every copy of it and its searchable PDF overwritten and
 * removed, the index merged and the log emptied, so that no file keeps
 * any of it.  ARC_ERR: no such document, or erased already; ARC_FATAL:
 * the archive could not be changed, and running it again finishes the
 * work (the archive notes the erasure as unfinished until then).  Copies
 * with no row (a run killed after copying) are erased too.
 */
struct arc_forget_result {
	int copies;             /* copies erased */
	char *pdf;              /* the searchable PDF erased, or NULL */
	char *original;         /* where the original was, or NULL */
	char *member;           /* and the member of it, or NULL */
	int original_left;      /* and it is still there */
	int resumed;            /* an earlier --forget's erasure, finished */
	int strays;             /* only copies no row pointed to */
};
int arc_forget(struct arc_store *s, const char *sha256,
    struct arc_forget_result *r, struct arc_error *err);
/* Finishes every erasure an earlier arc_forget began and could not
 * finish: how many, or ARC_FATAL (err set: run it again). */
int arc_forget_pending(struct arc_store *s, struct arc_error *err);
void arc_forget_result_free(struct arc_forget_result *r);

/* Merges the index's segments and checkpoints the log. */
int arc_store_optimize(struct arc_store *s, struct arc_error *err);

/* ---- Indexing (index.c) -------------------------------------------------- */

struct arc_index_stats {
	long added, updated, unchanged, failed;
	long chats;     /* faqbot interactions newly kept */
	long erased;    /* erased on request (--forget) while the run went on */
};

/*
 * Indexes records: arc_index_record hands the record to one of jobs worker
 * threads, which copies the original (setting the record's "archived") and
 * makes its words; the calling thread writes the rows, in input order, a
 * batch to a transaction.  A document that cannot be copied is kept as
 * failed and reported through problem (on the calling thread, with the
 * name given with the record); a record that comes with "error" is kept as
 * failed without a report, one without a valid sha256 reported and not
 * kept.  arc_index_note reports a message in its place among the records
 * (a line that was not a record), said only, never kept: in the user's
 * language.  Both return ARC_OK, or ARC_FATAL when
 * the archive cannot be written (err says why).
 *
 * A record without "sha256" that is one of faqbot's interactions (string
 * "q", "status", "time" and "session") is kept in the archive's chat table
 * instead, once: the same time, session and question again is no new row.
 */
struct arc_indexer;
typedef void (*arc_index_problem_fn)(void *ctx, const char *name,
    const char *message);
struct arc_indexer *arc_indexer_new(struct arc_store *s, int jobs,
    arc_index_problem_fn problem, void *ctx);
int arc_index_record(struct arc_indexer *ix, json_t *rec, const char *name,
    struct arc_error *err);
/* The same for a record still as its JSON line (from arc_reader_next_raw;
 * taken over, freed here), parsed on a worker: a line that is no record is
 * reported as file:lineno. */
int arc_index_line(struct arc_indexer *ix, char *line, size_t len,
    const char *file, long lineno, struct arc_error *err);
int arc_index_note(struct arc_indexer *ix, const char *name,
    const char *message, struct arc_error *err);
/*
 * A batch is written when it is full, or once its first record has waited
 * this many seconds (30 unless set; 0: every record at once): as records
 * come in, and at arc_indexer_tick, which the caller calls while it waits
 * for input that is slow to come (every second or so).  tick hands back
 * the records finished meanwhile, without waiting; ARC_FATAL (err says
 * why) once the indexer has stopped.
 */
void arc_indexer_set_commit_seconds(struct arc_indexer *ix, double seconds);
int arc_indexer_tick(struct arc_indexer *ix, struct arc_error *err);
/* Writes every record given (those still with the workers too), then
 * ends: what a run stopped early (a signal) keeps as well. */
int arc_indexer_finish(struct arc_indexer *ix, struct arc_index_stats *stats,
    struct arc_error *err);
void arc_indexer_free(struct arc_indexer *ix);

/* ---- Search (find.c, query.c) ------------------------------------------- */

/*
 * Searches the archive.  The query is what a clerk types: words (every
 * document with any of them ranked by BM25, each word found also as OCR
 * misreads it, at a lower weight; marked "partial" when none has them
 * all), "phrases" (required, as written, unless none has them and there
 * are words besides), -excluded, and tag:, nomor:,
 * tanggal:, mime:, path: filters; nothing in it is ever a syntax error.
 * No words: every document, newest first.  fn gets each result record
 * (borrowed); nonzero stops.  Returns the number of results, or
 * ARC_FATAL.
 */
struct arc_find_options {
	const char *query;
	long limit;
	const char *since, *until;      /* YYYY[-MM[-DD]], inclusive */
	/* Not NULL: only the document with this sha256 (a program that
	 * opens one by the sha256 a search gave it: arc-web). */
	const char *sha256;
	/* Told of a result whose text cannot be read back (damaged: its
	 * snippet is then empty), and with sha256 NULL of a tanggal: that
	 * is no date (searched as typed); NULL: not told. */
	arc_check_fn problem;
	void *problem_ctx;
	/* Nonzero: each result also has "open", the file a clerk opens: the
	 * searchable PDF when the archive has one for it (and it is there),
	 * else the archived copy.  Zero leaves the records as they were. */
	int with_open;
	/* Not NULL: set to how many documents match in all, the results
	 * shown and those beyond limit, counted by one query with the same
	 * filters (no ranking). */
	long *total;
};
typedef int (*arc_find_fn)(void *ctx, json_t *result);
long arc_find(struct arc_store *s, const struct arc_find_options *o,
    arc_find_fn fn, void *ctx, struct arc_error *err);

/*
 * "Did you mean" (suggest.c), after a search that handed over found
 * results (partial: marked so).  Each word of the query's words and
 * phrases that the archive's index does not have, or has in at most three
 * documents, is matched to the nearest word its texts have that ten times
 * as many documents have (one, for a word none has): one edit away (a
 * letter left out, put in, changed, or two swapped), or, for a word of
 * eight letters or more, two edits but not in its first four letters; or
 * one OCR confusion away (l, i and 1; rn and m; o and 0; cl and d; li and
 * h; vv and w; ii and u), but for those the search found already: the
 * misreadings of a word no document has, out of a phrase.  Of the
 * nearest, the commonest.  Words of fewer than four letters
 * and stopwords are left as they are.  *out is the query again, the near
 * words in their places, in the case the words were typed in (malloc'd,
 * the caller frees); NULL when there is none.  ARC_FATAL: err says why.
 * A query of one word that found three documents or more costs nothing;
 * another, a capped count of documents a word (a fraction of a
 * millisecond), and a few milliseconds at a million pages for a word in
 * three documents or fewer.
 */
int arc_find_suggest(struct arc_store *s, const char *query, long found,
    int partial, char **out, struct arc_error *err);

/* ---- Reports (report.c) ------------------------------------------------- */

/*
 * The reports of arc-report(1), each a list of rows (objects with
 * "report" and their columns, in order): documents (per day indexed),
 * tags, folders, failures, chat (per day), unanswered (questions faqbot
 * did not answer, alike ones grouped).  fn gets every row (borrowed);
 * nonzero stops.
 */
struct arc_report_range {
	const char *since, *until;      /* YYYY[-MM[-DD]], inclusive */
};
typedef int (*arc_report_fn)(void *ctx, const char *report, json_t *row);
extern const char *const arc_report_names[];   /* NULL-terminated */
int arc_report(struct arc_store *s, const char *name,
    const struct arc_report_range *range, arc_report_fn fn, void *ctx,
    struct arc_error *err);

#endif
