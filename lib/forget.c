/* forget.c: erasing one document completely on request (Indonesia's personal data protection law): its copy, its searchable PDF, its rows and its words. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store.h"

/*
 * Overwrites the file at path with zeros, flushes that to the disk, then
 * removes it: on a filesystem that writes in place (ext4, xfs) the bytes
 * are gone, not only the name.  A file already gone is no error.
 */
static int
shred(const char *path, struct arc_error *err)
{
	static const char zeros[1 << 16];
	struct stat sb;
	off_t left;
	int fd = open(path, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return errno == ENOENT ? ARC_OK :
		    arc_error_set(err, "cannot erase %s: %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return arc_error_set(err, "cannot erase %s: not a file", path);
	}
	for (left = sb.st_size; left > 0;) {
		size_t n = left > (off_t)sizeof(zeros) ? sizeof(zeros) :
		    (size_t)left;
		ssize_t w = write(fd, zeros, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			arc_error_set(err, "cannot erase %s: %s", path,
			    w < 0 ? strerror(errno) : "no space");
			close(fd);
			return ARC_ERR;
		}
		left -= w;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		arc_error_set(err, "cannot erase %s: %s", path, strerror(errno));
		return ARC_ERR;
	}
	if (unlink(path) != 0 && errno != ENOENT)
		return arc_error_set(err, "cannot remove %s: %s", path,
		    strerror(errno));
	return ARC_OK;
}

static char *
column_dup(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v != NULL ? strdup(v) : NULL;
}

static int
was_forgotten(struct arc_store *s, const char *sha)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM forgotten WHERE "
	    "sha256 = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

/* The document's row: its id, state, copy, searchable PDF and where the
 * original was.  ARC_ERR when the archive has no such document. */
static int
look_up(struct arc_store *s, const char *sha, sqlite3_int64 *id,
    int *archived, struct arc_forget_result *r, struct arc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, "SELECT id, state, archived, pdf, path, "
	    "mime FROM doc WHERE sha256 = ?", -1, &st, NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 1);
		*id = sqlite3_column_int64(st, 0);
		*archived = state != NULL && strcmp(state, "archived") == 0;
		/* A failed document has no copy. */
		r->copy = *archived ? arc_copy_path(s, (const char *)
		    sqlite3_column_text(st, 2), sha, (const char *)
		    sqlite3_column_text(st, 5)) : NULL;
		r->pdf = column_dup(st, 3);
		r->original = column_dup(st, 4);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE && was_forgotten(s, sha))
		return arc_error_set(err, "%s: erased already", sha);
	if (rc == SQLITE_DONE)
		return arc_error_set(err, "%s: no such document in the archive",
		    sha);
	return rc == SQLITE_ROW ? ARC_OK : arc_store_fail(s, err);
}

static int
run_bound(struct arc_store *s, const char *sql, sqlite3_int64 id,
    const char *text, struct arc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	if (text != NULL)
		sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ARC_OK : arc_store_fail(s, err);
}

/* The rows and the words, in one transaction, and the sha256 kept as
 * forgotten. */
static int
drop_rows(struct arc_store *s, const char *sha, sqlite3_int64 id,
    int archived, struct arc_error *err)
{
	struct arc_stemmers stemmers;
	char now[32], sql[160];
	int rc;

	if (arc_stemmers_init(&stemmers) != ARC_OK)
		return arc_error_set(err, "out of memory");
	arc_time_iso8601(time(NULL), now);
	snprintf(sql, sizeof(sql), "INSERT OR REPLACE INTO forgotten "
	    "(sha256, time) VALUES (?, '%s')", now);
	rc = arc_store_exec(s, "BEGIN IMMEDIATE", err);
	if (rc == ARC_OK && archived) {
		int unwords = arc_index_unwords(s, &stemmers, id);
		if (unwords == ARC_ERR)
			rc = arc_error_set(err, "%s: %s: " ARC_UNREADABLE_TEXT,
			    s->path, sha);
		else if (unwords != ARC_OK || arc_vocab_prune(s, id) != ARC_OK)
			rc = arc_store_fail(s, err);
	}
	if (rc == ARC_OK)
		rc = run_bound(s, "DELETE FROM doc_tag WHERE doc = ?", id, NULL,
		    err);
	if (rc == ARC_OK)
		rc = run_bound(s, "DELETE FROM doc WHERE id = ?", id, NULL, err);
	if (rc == ARC_OK)
		rc = run_bound(s, sql, 0, sha, err);
	if (rc == ARC_OK)
		rc = arc_store_exec(s, "COMMIT", err);
	if (rc != ARC_OK)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	arc_stemmers_done(&stemmers);
	return rc;
}

int
arc_forget(struct arc_store *s, const char *sha, struct arc_forget_result *r,
    struct arc_error *err)
{
	sqlite3_int64 id = 0;
	int archived = 0;

	memset(r, 0, sizeof(*r));
	/* Every page SQLite frees from now on is overwritten with zeros:
	 * the deleted row, and the index's old segments once merged. */
	if (arc_store_exec(s, "PRAGMA secure_delete=ON", err) != ARC_OK ||
	    look_up(s, sha, &id, &archived, r, err) != ARC_OK)
		return ARC_ERR;
	/* The files first: if this stops half-way, the row is still there
	 * and the same command finishes the work. */
	if ((r->copy != NULL && shred(r->copy, err) != ARC_OK) ||
	    (r->pdf != NULL && shred(r->pdf, err) != ARC_OK) ||
	    drop_rows(s, sha, id, archived, err) != ARC_OK)
		return ARC_FATAL;
	/*
	 * FTS5 deletes by adding a tombstone; the words stay in the older
	 * segments until they are merged.  Merging them all and moving the
	 * log into the database leaves no copy of the words in either file.
	 */
	if (arc_store_exec(s, "INSERT INTO fts (fts) VALUES ('optimize')",
	    err) != ARC_OK)
		return ARC_FATAL;
	/* Waits (as long as a writer would) for readers of older states. */
	if (sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
	    NULL, NULL) != SQLITE_OK) {
		arc_store_fail(s, err);
		return ARC_FATAL;
	}
	r->original_left = r->original != NULL && access(r->original, F_OK) == 0;
	return ARC_OK;
}

void
arc_forget_result_free(struct arc_forget_result *r)
{
	free(r->copy);
	free(r->pdf);
	free(r->original);
	memset(r, 0, sizeof(*r));
}
