/* upkeep.c: the archive's checks and upkeep: arc-index --check and --optimize. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

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
	if (sqlite3_prepare_v2(s->db, "SELECT sha256, archived, state FROM doc "
	    "ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		const char *copy = (const char *)sqlite3_column_text(st, 1);
		const char *state = (const char *)sqlite3_column_text(st, 2);
		stats->documents++;
		if (state == NULL || strcmp(state, "archived") != 0) {
			stats->failed++;
			continue;
		}
		if (copy == NULL || !arc_copy_intact(copy, sha)) {
			report(ctx, sha, copy == NULL ? "no copy in the archive" :
			    "copy missing or damaged (sha256 differs)");
			stats->problems++;
		} else
			stats->copies++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ARC_OK : arc_store_fail(s, err);
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
