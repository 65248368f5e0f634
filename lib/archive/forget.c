/* forget.c: erasing one document completely on request (Indonesia's personal data protection law): its copy, its searchable PDF, its rows and its words. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pg.h"

static char *
text_dup(const char *v)
{
	return v != NULL ? strdup(v) : NULL;
}

/* One row's value for sha, the first column of sql's result, in *value
 * (malloc'd, NULL when the value is); 1 when there is a row, 0 when not,
 * ARC_FATAL when the database fails. */
static int
row_of(struct arc_store *s, const char *sql, const char *sha, char **value)
{
	sqlite3_stmt *st;
	int rc;

	if (value != NULL)
		*value = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && value != NULL)
		*value = text_dup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : ARC_FATAL;
}

/*
 * Calls fn with the folder and the name of each of the document's copies:
 * every file of its folder named by its sha256, whatever the extension
 * (the mime libmagic gave may have changed between two runs), including
 * one no row points to (a run killed after the copy).  The number of
 * copies, or ARC_FATAL with err set when the folder cannot be read or fn
 * fails.
 */
static int
each_copy(struct arc_store *s, const char *sha,
    int (*fn)(int dirfd, const char *name, const char *shown,
    struct arc_error *err), struct arc_error *err)
{
	size_t size = strlen(s->files) + NAME_MAX + 8;
	char *shown = malloc(size);
	struct dirent *e;
	int n = 0;
	DIR *d;

	if (shown == NULL) {
		arc_error_set(err, "out of memory");
		return ARC_FATAL;
	}
	snprintf(shown, size, "%s/%.2s", s->files, sha);
	if ((d = opendir(shown)) == NULL) {
		n = errno == ENOENT ? 0 : ARC_FATAL;
		if (n == ARC_FATAL)
			arc_error_set(err, "cannot read %s: %s", shown,
			    strerror(errno));
		free(shown);
		return n;
	}
	while (n >= 0 && (e = readdir(d)) != NULL) {
		if (!arc_copy_name_of(e->d_name, sha))
			continue;
		snprintf(shown, size, "%s/%.2s/%s", s->files, sha, e->d_name);
		if (fn != NULL && fn(dirfd(d), e->d_name, shown, err) != ARC_OK)
			n = ARC_FATAL;
		else
			n++;
	}
	closedir(d);
	free(shown);
	return n;
}

static int
run_bound(struct arc_store *s, const char *sql, sqlite3_int64 id,
    const char *text, const char *text2, struct arc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	if (text != NULL) {
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, text2, -1, SQLITE_STATIC);
	} else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ARC_OK : arc_store_fail(s, err);
}

/* The document's rows and words out (in the caller's transaction). */
static int
drop_rows(struct arc_store *s, const char *sha, sqlite3_int64 id,
    int archived, struct arc_error *err)
{
	struct arc_stemmers stemmers;
	struct arc_word_cache *words = NULL;
	int rc = ARC_OK;

	if (arc_stemmers_init(&stemmers) != ARC_OK)
		return arc_error_set(err, "out of memory");
	if (archived) {
		/* NULL, out of memory: the text is said to be unreadable. */
		words = arc_word_cache_new();
		int unwords = arc_index_unwords(s, &stemmers, words, id);
		if (unwords == ARC_ERR) {
			arc_error_set(err, "%s: %s: its text in the archive "
			    "cannot be read back, so its old words cannot be "
			    "taken out of the index; see arc-index --check",
			    s->path, sha);
			rc = ARC_FATAL;
		} else if (unwords != ARC_OK || arc_vocab_prune(s, id) !=
		    ARC_OK || arc_rank_forget(s, id) != ARC_OK)
			rc = arc_store_fail(s, err);
	}
	if (rc == ARC_OK)
		rc = run_bound(s, "DELETE FROM doc_tag WHERE doc = ?", id, NULL,
		    NULL, err);
	if (rc == ARC_OK)
		rc = run_bound(s, "DELETE FROM doc WHERE id = ?", id, NULL,
		    NULL, err);
	arc_stemmers_done(&stemmers);
	arc_word_cache_free(words);
	return rc;
}

/*
 * The document's row, if it has one: its id, state, searchable PDF and
 * where the original was.  0 when there is none, 1 when there is,
 * ARC_FATAL when the database fails.
 */
static int
look_up(struct arc_store *s, const char *sha, sqlite3_int64 *id,
    int *archived, struct arc_forget_result *r)
{
	struct arc_doc_row row;
	sqlite3_stmt *st;
	int pdf, found = arc_doc_find(s, ARC_DOC_BY_SHA256, 0, sha, 0, &st,
	    &row);

	if (found != 1)
		return found;
	*id = row.id;
	*archived = row.is_archived;
	r->original = text_dup(row.path);
	r->member = text_dup(row.member);
	sqlite3_reset(st);
	/* The row is there (this transaction holds the archive): its PDF,
	 * or none. */
	pdf = row_of(s, "SELECT pdf FROM doc WHERE sha256 = ?", sha, &r->pdf);
	return pdf == ARC_FATAL ? ARC_FATAL : 1;
}

/*
 * A document without a row: an erasure an earlier --forget began, to be
 * finished (r->resumed), or copies no row points to, to be erased
 * (r->strays); else ARC_ERR, erased already or never archived.
 */
static int
without_row(struct arc_store *s, const char *sha, struct arc_forget_result *r,
    struct arc_error *err)
{
	int n = row_of(s, "SELECT pdf FROM forgetting WHERE sha256 = ?", sha,
	    &r->pdf);

	if (n == 1) {
		r->resumed = 1;
		return ARC_OK;
	}
	if (n == 0 && (n = each_copy(s, sha, NULL, err)) > 0) {
		r->strays = 1;
		return ARC_OK;
	}
	if (n == 0)
		n = row_of(s, "SELECT 1 FROM forgotten WHERE sha256 = ?", sha,
		    NULL);
	if (n == 1)
		return arc_error_set(err, "%s: erased already", sha);
	if (n == 0)
		return arc_error_set(err, "%s: no such document in the archive",
		    sha);
	return err->message[0] != '\0' ? ARC_FATAL : arc_store_fail(s, err);
}

/*
 * The first step, in one write transaction: the rows and words out, and
 * the sha256 noted both as forgotten (for good) and as being forgotten
 * (until the files are erased and the index merged).  A running arc-index
 * looks the sha256 up in its own write transactions, so from the commit
 * on it archives the document no more.  Without a row, what an earlier
 * --forget left unfinished, or copies no row points to, are taken up.
 */
static int
begin(struct arc_store *s, const char *sha, struct arc_forget_result *r,
    struct arc_error *err)
{
	char now[32];
	sqlite3_int64 id = 0;
	int archived = 0, found, rc;

	if (arc_store_exec(s, "BEGIN IMMEDIATE", err) != ARC_OK)
		return ARC_FATAL;
	found = look_up(s, sha, &id, &archived, r);
	if (found == 1)
		rc = drop_rows(s, sha, id, archived, err);
	else if (found == 0)
		rc = without_row(s, sha, r, err);
	else
		rc = arc_store_fail(s, err);
	arc_time_iso8601(time(NULL), now);
	if (rc == ARC_OK && !r->resumed)
		rc = run_bound(s, "INSERT OR REPLACE INTO forgotten (sha256, "
		    "time) VALUES (?, ?)", 0, sha, now, err);
	if (rc == ARC_OK && !r->resumed)
		rc = run_bound(s, "INSERT OR REPLACE INTO forgetting (sha256, "
		    "pdf) VALUES (?, ?)", 0, sha, r->pdf, err);
	if (rc == ARC_OK)
		rc = arc_store_exec(s, "COMMIT", err);
	if (rc != ARC_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc == ARC_OK || rc == ARC_ERR ? rc : ARC_FATAL;
}

/*
 * The log moved into the database and emptied.  This waits for readers of
 * older states, blocking writers meanwhile, and SQLite says "locked" at
 * once while another connection checkpoints (a running arc-index does,
 * after each batch): tried a few seconds at a time, writers let in
 * between, for as long as a writer waits for another in all.  A reader
 * holding its state longer makes it fail: running it again finishes.
 */
static int
empty_log(struct arc_store *s)
{
	struct timespec start, now;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &start);
	sqlite3_busy_timeout(s->db, 2000);
	for (;;) {
		rc = sqlite3_wal_checkpoint_v2(s->db, NULL,
		    SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    (now.tv_sec - start.tv_sec) * 1000 >= ARC_BUSY_TIMEOUT_MS)
			break;
		usleep(50 * 1000);
	}
	sqlite3_busy_timeout(s->db, ARC_BUSY_TIMEOUT_MS);
	return rc;
}

/*
 * The rest, which running it again finishes whatever stopped it (a full
 * disk, a reader holding the log): the files overwritten and removed;
 * then, since FTS5 deletes by adding a tombstone and the words stay in
 * older segments until merged, the index merged and the log moved into
 * the database, so that neither file keeps any of it; only then is the
 * erasure noted as finished.
 */
static int
finish(struct arc_store *s, const char *sha, struct arc_forget_result *r,
    struct arc_error *err)
{
	if ((r->copies = each_copy(s, sha, arc_shred_at, err)) < 0 ||
	    (r->pdf != NULL && arc_shred_at(AT_FDCWD, r->pdf, r->pdf, err) !=
	    ARC_OK) ||
	    arc_store_exec(s, "INSERT INTO fts (fts) VALUES ('optimize')",
	    err) != ARC_OK)
		return ARC_FATAL;
	if (empty_log(s) != SQLITE_OK)
		return arc_store_fail(s, err);
	if (run_bound(s, "DELETE FROM forgetting WHERE sha256 = ?", 0, sha,
	    NULL, err) != ARC_OK)
		return ARC_FATAL;
	/* That row named the PDF: out of the log too (secure_delete zeroed
	 * it in the page).  Busy is no failure: the erasure is whole. */
	empty_log(s);
	return ARC_OK;
}

int
arc_forget(struct arc_store *s, const char *sha, struct arc_forget_result *r,
    struct arc_error *err)
{
	int rc;

	if (s->pg != NULL)
		return arc_pg_forget(s, sha, r, err);
	memset(r, 0, sizeof(*r));
	err->message[0] = '\0';
	/* Every page SQLite frees from now on is overwritten with zeros:
	 * the deleted row, and the index's old segments once merged. */
	if (arc_store_exec(s, "PRAGMA secure_delete=ON", err) != ARC_OK)
		return ARC_FATAL;
	if ((rc = begin(s, sha, r, err)) == ARC_OK &&
	    (rc = finish(s, sha, r, err)) != ARC_OK) {
		struct arc_error why = *err, shown;
		arc_error_set(err, "%s; the erasure is not finished: run "
		    "arc-index --forget %s again", why.message, sha);
		/* For people, the reason in their language too. */
		arc_error_set(&shown, "%s; the erasure is not finished: run "
		    "arc-index --forget %s again", arc_error_text(&why), sha);
		memcpy(err->local, shown.local, sizeof(err->local));
		rc = ARC_FATAL;
	}
	/* Zeroing every page freed costs writes: only for the erasure. */
	sqlite3_exec(s->db, "PRAGMA secure_delete=OFF", NULL, NULL, NULL);
	if (rc == ARC_OK)
		r->original_left = r->original != NULL &&
		    access(r->original, F_OK) == 0;
	return rc;
}

int
arc_forget_pending(struct arc_store *s, struct arc_error *err)
{
	struct arc_forget_result r;
	char (*shas)[65] = NULL;
	sqlite3_stmt *st;
	size_t have = 0, cap = 0;
	int finished = 0, rc = ARC_OK;

	/* PostgreSQL's erasures finish by running --forget again. */
	if (s->pg != NULL)
		return 0;
	/* Read first: finishing one writes to the table being read. */
	if (sqlite3_prepare_v2(s->db, "SELECT sha256 FROM forgetting", -1,
	    &st, NULL) != SQLITE_OK)
		return 0;
	while (rc == ARC_OK && sqlite3_step(st) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		if (arc_grow(&shas, &cap, have, 1, sizeof(*shas)) != ARC_OK) {
			arc_error_set(err, "out of memory");
			rc = ARC_FATAL;
		}
		if (rc == ARC_OK && sha != NULL && strlen(sha) == 64)
			memcpy(shas[have++], sha, 65);
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < have && rc != ARC_FATAL; i++) {
		/* ARC_ERR: the --forget that began it (still running, say)
		 * finished it meanwhile. */
		if ((rc = arc_forget(s, shas[i], &r, err)) == ARC_OK)
			finished++;
		arc_forget_result_free(&r);
	}
	free(shas);
	return rc == ARC_OK || rc == ARC_ERR ? finished : ARC_FATAL;
}

/* Reports, with message, the sha256 of each row of sql; how many. */
static int
report_each(struct arc_store *s, const char *sql, const char *message,
    arc_check_fn report, void *ctx)
{
	sqlite3_stmt *st;
	int n = 0;

	/* Archives from before erasures (or before they could be resumed)
	 * have no such table: nothing to report. */
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		report(ctx, (const char *)sqlite3_column_text(st, 0), message);
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

int
arc_forget_problems(struct arc_store *s, arc_check_fn report, void *ctx)
{
	return report_each(s, "SELECT sha256 FROM forgetting ORDER BY sha256",
	    _("its erasure on request was begun and not finished: run "
	    "arc-index --forget with it again"), report, ctx) +
	    report_each(s, "SELECT sha256 FROM doc JOIN forgotten "
	    "USING (sha256) ORDER BY sha256", _("in the archive although "
	    "erased on request: run arc-index --forget with it again"),
	    report, ctx);
}

void
arc_forget_result_free(struct arc_forget_result *r)
{
	free(r->pdf);
	free(r->original);
	free(r->member);
	memset(r, 0, sizeof(*r));
}
