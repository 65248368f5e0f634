/* pgupkeep.c: a PostgreSQL archive's upkeep: every copy checked against its sha256, a document erased on request, the tables vacuumed and analysed. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pg.h"

int
arc_pg_check(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, struct arc_error *err)
{
	PGresult *r;

	memset(stats, 0, sizeof(*stats));
	stats->readonly = 1;
	/* Each document's copy: the server checks its own pages. */
	if ((r = arc_pg_query(s, "SELECT sha256, state, mime FROM doc "
	    "ORDER BY id", 0, NULL, err)) == NULL)
		return ARC_FATAL;
	for (int i = 0; i < PQntuples(r); i++) {
		stats->documents++;
		if (strcmp(PQgetvalue(r, i, 1), "archived") != 0)
			stats->failed++;
		else
			arc_check_copy(s, NULL, PQgetvalue(r, i, 0),
			    arc_pg_text(r, i, 2), report, ctx, stats);
	}
	PQclear(r);
	return ARC_OK;
}

/* Erases every copy of the document in its folder of copies (any
 * extension: the mime may have changed) and its searchable PDF. */
static int
shred_copies(struct arc_store *s, const char *sha, const char *pdf,
    struct arc_forget_result *res, struct arc_error *err)
{
	size_t n = strlen(s->files) + 8;
	char *folder = malloc(n), shown[4096];
	struct dirent *e;
	DIR *d;
	int rc = ARC_OK;

	if (folder == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	snprintf(folder, n, "%s/%.2s", s->files, sha);
	if ((d = opendir(folder)) != NULL) {
		while (rc == ARC_OK && (e = readdir(d)) != NULL) {
			if (!arc_copy_name_of(e->d_name, sha))
				continue;
			snprintf(shown, sizeof(shown), "%s/%s", folder,
			    e->d_name);
			rc = arc_shred_at(dirfd(d), e->d_name, shown, err);
			res->copies += rc == ARC_OK;
		}
		closedir(d);
	}
	free(folder);
	if (rc == ARC_OK && pdf != NULL && *pdf != '\0' &&
	    access(pdf, F_OK) == 0) {
		rc = arc_shred_at(AT_FDCWD, pdf, pdf, err);
		if (rc == ARC_OK && (res->pdf = strdup(pdf)) == NULL) {
			arc_error_set(err, "out of memory");
			rc = ARC_FATAL;
		}
	}
	return rc;
}

/* arc_pg_forget's, under the ranking segments' lock. */
static int
forget_locked(struct arc_store *s, const char *sha256,
    struct arc_forget_result *res, struct arc_error *err)
{
	const char *p[2] = { sha256, NULL };
	char now[32], *pdf = NULL;
	PGresult *r;
	int rc;

	memset(res, 0, sizeof(*res));
	arc_time_iso8601(time(NULL), now);
	p[1] = now;
	if (arc_pg_exec(s, "BEGIN", err) != ARC_OK)
		return ARC_FATAL;
	/* The row goes and the sha256 is kept as forgotten at once: from
	 * then on no writer archives it again (arc_pg_begin reads them). */
	r = arc_pg_query(s, "WITH gone AS (DELETE FROM doc WHERE sha256 = $1 "
	    "RETURNING path, member, pdf, id, title, body, offices), kept AS "
	    "(INSERT INTO forgotten SELECT $1, $2 WHERE EXISTS (SELECT 1 FROM "
	    "gone) ON CONFLICT DO NOTHING) SELECT path, member, pdf, id, "
	    "title, body, " PG_OFFICES("gone") "::text FROM gone", 2, p,
	    err);
	/* Its words out of the ranking segments and the vocabulary too, in
	 * the same transaction. */
	if (r != NULL && PQntuples(r) > 0 && (arc_pg_rank_forget(s,
	    atoll(PQgetvalue(r, 0, 3)), err) != ARC_OK ||
	    arc_pg_vocab_forget(s, arc_pg_text(r, 0, 4), arc_pg_text(r, 0,
	    5), PQgetvalue(r, 0, 6), err) != ARC_OK)) {
		PQclear(r);
		r = NULL;
	}
	if (r == NULL) {
		arc_pg_rollback(s);
		return ARC_FATAL;
	}
	if (PQntuples(r) == 0) {
		PQclear(r);
		arc_pg_rollback(s);
		/* Erased before, its copies perhaps not (the disk failed):
		 * this finishes it. */
		if (arc_pg_state(s, sha256, 0, &rc) == ARC_STORE_FORGOTTEN &&
		    shred_copies(s, sha256, NULL, res, err) == ARC_OK &&
		    res->copies > 0) {
			res->resumed = 1;
			return ARC_OK;
		}
		return arc_error_set(err, "%s: no such document in the archive "
		    "(or erased already)", sha256);
	}
	res->original = arc_pg_text(r, 0, 0) ?
	    strdup(arc_pg_text(r, 0, 0)) : NULL;
	res->member = arc_pg_text(r, 0, 1) ?
	    strdup(arc_pg_text(r, 0, 1)) : NULL;
	pdf = arc_pg_text(r, 0, 2) ? strdup(arc_pg_text(r, 0, 2)) : NULL;
	PQclear(r);
	if (arc_pg_exec(s, "COMMIT", err) != ARC_OK) {
		free(pdf);
		return ARC_FATAL;
	}
	rc = shred_copies(s, sha256, pdf, res, err);
	free(pdf);
	/* The deleted row's space is reused at once, not kept for old
	 * snapshots; the server's log (WAL) and backups still hold it
	 * until they are recycled (see arc-postgresql(7)). */
	if (rc == ARC_OK)
		rc = arc_pg_exec(s, "VACUUM doc", err);
	if (rc == ARC_OK)
		rc = arc_pg_exec(s, "VACUUM rank_post", err);
	if (rc == ARC_OK && s->pg->vocab == 2)
		rc = arc_pg_exec(s, "VACUUM word", err);
	if (rc == ARC_OK)
		res->original_left = res->original != NULL &&
		    access(res->original, F_OK) == 0;
	return rc;
}

int
arc_pg_forget(struct arc_store *s, const char *sha256,
    struct arc_forget_result *res, struct arc_error *err)
{
	int rc;

	/* No maker of segments counts the document while it goes: one
	 * that read its row before would put its words back. */
	memset(res, 0, sizeof(*res));
	if (arc_pg_rank_lock(s, err) != ARC_OK)
		return ARC_FATAL;
	rc = forget_locked(s, sha256, res, err);
	arc_pg_rank_unlock(s);
	return rc;
}

int
arc_pg_optimize(struct arc_store *s, struct arc_error *err)
{
	/* One statement each: several in one string run in a transaction,
	 * where VACUUM cannot. */
	if (arc_pg_rank_update(s, 1, err) != ARC_OK ||
	    arc_pg_exec(s, "VACUUM ANALYZE doc", err) != ARC_OK ||
	    arc_pg_exec(s, "VACUUM ANALYZE doc_tag", err) != ARC_OK ||
	    arc_pg_exec(s, "VACUUM ANALYZE rank_post", err) != ARC_OK ||
	    arc_pg_exec(s, "VACUUM ANALYZE rank_segment", err) != ARC_OK)
		return ARC_FATAL;
	return arc_pg_exec(s, "VACUUM ANALYZE chat", err);
}
