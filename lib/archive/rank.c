/* rank.c: BM25 for arc-find, with document frequencies that cost a bounded scan. */
#include <math.h>
#include <stdlib.h>

#include "store.h"

/*
 * FTS5's own bm25() counts every document that has each query word, to
 * weigh rare words above common ones: in an archive of a million pages,
 * tens of milliseconds for each word that most pages have.  Here the count
 * stops at DF_SCAN matches; past that, the frequency is estimated from how
 * far into the archive (by rowid) those matches reached.  Such a word's
 * weight is near nothing either way; the rarer words, which decide the
 * order, are counted exactly.
 */
#define DF_SCAN 20000

/* Okapi BM25's usual constants, the same as FTS5's bm25(). */
#define K1 1.2
#define B 0.75

struct query_stats {
	int nphrase;
	double avg_len;         /* tokens per document */
	double *freq;           /* the row's, per phrase: room to count */
	double idf[];           /* per phrase, then room for freq */
};

struct match_count {
	sqlite3_int64 n, last_rowid;
};

static int
count_match(const Fts5ExtensionApi *api, Fts5Context *fts, void *arg)
{
	struct match_count *c = arg;

	c->last_rowid = api->xRowid(fts);
	return ++c->n >= DF_SCAN ? SQLITE_DONE : SQLITE_OK;
}

/* The statistics of the query, once per statement. */
static struct query_stats *
query_stats(const Fts5ExtensionApi *api, Fts5Context *fts, int *rc)
{
	struct query_stats *q = api->xGetAuxdata(fts, 0);
	sqlite3_int64 rows = 0, tokens = 0;
	int n = api->xPhraseCount(fts);

	if (q != NULL)
		return q;
	if ((q = calloc(1, sizeof(*q) + 2 * (size_t)n * sizeof(double))) ==
	    NULL) {
		*rc = SQLITE_NOMEM;
		return NULL;
	}
	q->nphrase = n;
	q->freq = q->idf + n;
	if ((*rc = api->xRowCount(fts, &rows)) != SQLITE_OK ||
	    (*rc = api->xColumnTotalSize(fts, -1, &tokens)) != SQLITE_OK)
		goto fail;
	q->avg_len = rows > 0 ? (double)tokens / (double)rows : 1.0;
	for (int i = 0; i < n; i++) {
		struct match_count c = { 0, 0 };
		double df;

		if ((*rc = api->xQueryPhrase(fts, i, &c, count_match)) !=
		    SQLITE_OK)
			goto fail;
		df = (double)c.n;
		/* Stopped early: as many again in each stretch of rowids as
		 * long (rowids are assigned in order, few are missing). */
		if (c.n >= DF_SCAN && c.last_rowid > 0 && c.last_rowid < rows)
			df = (double)c.n * (double)rows / (double)c.last_rowid;
		q->idf[i] = log(((double)rows - df + 0.5) / (df + 0.5));
		/* A word in more than half the documents still counts, a
		 * little, as in bm25(). */
		if (q->idf[i] <= 0.0)
			q->idf[i] = 1e-6;
	}
	if ((*rc = api->xSetAuxdata(fts, q, free)) != SQLITE_OK)
		return NULL;    /* FTS5 freed it */
	return q;
fail:
	free(q);
	return NULL;
}

/* arc_rank(fts, weight of column 0, weight of column 1, ...): minus the
 * BM25 score, as bm25(), so that ORDER BY rank puts the best first. */
static void
arc_rank(const Fts5ExtensionApi *api, Fts5Context *fts, sqlite3_context *ctx,
    int nval, sqlite3_value **val)
{
	struct query_stats *q;
	double score = 0.0, *freq;
	int rc = SQLITE_OK, ninst = 0, len = 0;

	if ((q = query_stats(api, fts, &rc)) == NULL) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	freq = q->freq;
	for (int p = 0; p < q->nphrase; p++)
		freq[p] = 0.0;
	rc = api->xInstCount(fts, &ninst);
	for (int i = 0; i < ninst && rc == SQLITE_OK; i++) {
		int phrase, col, off;
		if ((rc = api->xInst(fts, i, &phrase, &col, &off)) == SQLITE_OK)
			freq[phrase] += col < nval ?
			    sqlite3_value_double(val[col]) : 1.0;
	}
	if (rc == SQLITE_OK)
		rc = api->xColumnSize(fts, -1, &len);
	if (rc != SQLITE_OK) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	for (int p = 0; p < q->nphrase; p++) {
		double f = freq[p];
		score += q->idf[p] * f * (K1 + 1.0) /
		    (f + K1 * (1.0 - B + B * (double)len / q->avg_len));
	}
	sqlite3_result_double(ctx, -score);
}

int
arc_register_rank(fts5_api *api)
{
	return api->xCreateFunction(api, "arc_rank", NULL, arc_rank, NULL);
}
