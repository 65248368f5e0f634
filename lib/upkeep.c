/* upkeep.c: the archive's checks and upkeep: arc-index --check and --optimize. */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

/*
 * Removes the temporary copies that runs killed half-way left behind
 * (SHA256.ext.tmp.PID.N, made by arc_write_atomic): partial originals,
 * personal data that no run will finish or clean.  Only those whose
 * process is gone: a running arc-index may be writing the others.
 */
static long
remove_stale_temporaries(struct arc_store *s)
{
	size_t size = strlen(s->files) + 8;
	char *dir = malloc(size);
	long removed = 0;

	if (dir == NULL)
		return 0;
	for (int folder = 0; folder < 256; folder++) {
		struct dirent *e;
		DIR *d;

		snprintf(dir, size, "%s/%02x", s->files, folder);
		if ((d = opendir(dir)) == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			const char *t = strstr(e->d_name, ".tmp.");
			char *end;
			long pid;

			if (t == NULL)
				continue;
			pid = strtol(t + 5, &end, 10);
			if (end == t + 5 || *end != '.' || pid <= 0 ||
			    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
				continue;
			if (unlinkat(dirfd(d), e->d_name, 0) == 0)
				removed++;
		}
		closedir(d);
	}
	free(dir);
	return removed;
}

/* Each document's row, with what its text is read back against. */
#define ROW_COLUMNS "sha256, archived, state, lang, title, tags, fields, " \
	"digest, body, mime"
static const char rows_sql[] = "SELECT " ROW_COLUMNS ", coded FROM doc "
	"ORDER BY id";
static const char old_rows_sql[] = "SELECT " ROW_COLUMNS ", NULL FROM doc "
	"ORDER BY id";

/* What is wrong with the text kept of the document on st's row: it cannot
 * be read (a broken blob, a word the vocabulary lacks) or is not the text
 * that was indexed (its digest differs); NULL when it is whole. */
static const char *
text_problem(struct arc_store *s, sqlite3_stmt *st)
{
	const char *digest = (const char *)sqlite3_column_text(st, 7);
	char *text, again[65];
	size_t len;

	if (arc_store_text(s, st, 8, 10, &text, &len) != ARC_OK)
		return "its text cannot be read back from the archive";
	arc_digest_of((const char *)sqlite3_column_text(st, 3),
	    (const char *)sqlite3_column_text(st, 4), text, len,
	    (const char *)sqlite3_column_text(st, 5),
	    (const char *)sqlite3_column_text(st, 6), again);
	free(text);
	return digest != NULL && strcmp(digest, again) != 0 ?
	    "its text reads back other than it was indexed (digest differs)" :
	    NULL;
}

int
arc_store_check(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, struct arc_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(stats, 0, sizeof(*stats));
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r != NULL && strcmp(r, "ok") != 0) {
			report(ctx, NULL, r);
			stats->problems++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_store_fail(s, err);
	if (!s->readonly && sqlite3_exec(s->db, "INSERT INTO fts (fts) VALUES "
	    "('integrity-check')", NULL, NULL, NULL) != SQLITE_OK) {
		report(ctx, NULL, sqlite3_errmsg(s->db));
		stats->problems++;
	}
	if (sqlite3_prepare_v2(s->db, s->has_coded ? rows_sql : old_rows_sql,
	    -1, &st, NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		const char *state = (const char *)sqlite3_column_text(st, 2);
		const char *problem;
		char *copy;
		stats->documents++;
		if (state == NULL || strcmp(state, "archived") != 0) {
			stats->failed++;
			continue;
		}
		if ((problem = text_problem(s, st)) != NULL) {
			report(ctx, sha, problem);
			stats->problems++;
		}
		copy = arc_copy_path(s, (const char *)sqlite3_column_text(st,
		    1), sha, (const char *)sqlite3_column_text(st, 9));
		if (copy == NULL || !arc_copy_intact(copy, sha)) {
			report(ctx, sha, copy == NULL ? "no copy in the archive" :
			    "copy missing or damaged (sha256 differs)");
			stats->problems++;
		} else
			stats->copies++;
		free(copy);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_store_fail(s, err);
	if (!s->readonly)
		stats->temporaries = remove_stale_temporaries(s);
	return ARC_OK;
}

int
arc_store_optimize(struct arc_store *s, struct arc_error *err)
{
	if (arc_store_exec(s, "INSERT INTO fts (fts) VALUES ('optimize');"
	    "PRAGMA optimize;", err) != ARC_OK)
		return ARC_FATAL;
	/* Folds the write-ahead log back into the database file. */
	return arc_store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE);", err);
}
