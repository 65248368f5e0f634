/* rank.c: what FTS5 says of a matching document for ranking.c: its weighted count of each of the query's words, and its length. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/*
 * arc_counts(fts): for the row, a blob of 4-byte numbers: for each phrase
 * of the query, its tokens in the row, each counting its column's
 * arc_rank_weight; then the row's length in tokens.  The documents no
 * ranking segment holds are counted this way (ranking.c), as rankseg.c
 * counts the others.
 */
static void
arc_counts(const Fts5ExtensionApi *api, Fts5Context *fts,
    sqlite3_context *ctx, int nval, sqlite3_value **val)
{
	int n = api->xPhraseCount(fts), ninst = 0, len = 0, rc;
	uint32_t *out = calloc((size_t)n + 1, sizeof(*out));

	(void)nval;
	(void)val;
	if (out == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	rc = api->xInstCount(fts, &ninst);
	for (int i = 0; i < ninst && rc == SQLITE_OK; i++) {
		int phrase, col, off;
		if ((rc = api->xInst(fts, i, &phrase, &col, &off)) !=
		    SQLITE_OK || phrase >= n)
			continue;
		out[phrase] += (uint32_t)(col < ARC_RANK_COLUMNS ?
		    arc_rank_weight[col] : 1);
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &len);
	if (rc != SQLITE_OK) {
		free(out);
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	out[n] = (uint32_t)len;
	sqlite3_result_blob(ctx, out, (int)(((size_t)n + 1) * sizeof(*out)),
	    free);
}

int
arc_register_rank(fts5_api *api)
{
	return api->xCreateFunction(api, "arc_counts", NULL, arc_counts, NULL);
}
