/* forgotten.c: the list of documents erased on request (the forgotten table), as the indexer checks its records against it. */
#include <stdlib.h>
#include <string.h>

#include "pg.h"

static int
compare_sha(const void *a, const void *b)
{
	return strcmp(a, b);
}

int
arc_sha_list_has(const struct arc_sha_list *l, const char *sha)
{
	return l->n > 0 && bsearch(sha, l->sha, l->n, sizeof(*l->sha),
	    compare_sha) != NULL;
}

void
arc_sha_list_free(struct arc_sha_list *l)
{
	free(l->sha);
	l->sha = NULL;
	l->n = l->cap = 0;
}

int
arc_forgotten_load(struct arc_store *s, struct arc_sha_list *l)
{
	struct arc_error ignored;
	sqlite3_stmt *st;
	int rc;

	if (s->pg != NULL)
		return arc_pg_forgotten_load(s, l, &ignored);
	l->n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT sha256 FROM forgotten "
	    "ORDER BY sha256", -1, &st, NULL) != SQLITE_OK)
		return ARC_FATAL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		if (arc_grow(&l->sha, &l->cap, l->n, 1, sizeof(*l->sha)) !=
		    ARC_OK)
			break;
		snprintf(l->sha[l->n++], 65, "%s", sha ? sha : "");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

int
arc_forgotten_catch_up(struct arc_store *s, struct arc_sha_list *l)
{
	sqlite3_stmt *st;
	sqlite3_int64 n = -1;

	if (arc_store_prepare(s, "SELECT count(*) FROM forgotten", &st) !=
	    SQLITE_OK)
		return ARC_FATAL;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (n < 0)
		return ARC_FATAL;
	return (size_t)n == l->n ? ARC_OK : arc_forgotten_load(s, l);
}
