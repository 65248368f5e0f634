/* pgfind.c: a search of a PostgreSQL archive: every match of the query's words scored from the ranking segments as in SQLite (ranking.c, pgrank.c), the best checked against the filters in SQL, phrases and excluded words as tsqueries of arc's own stems; find.c makes the results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "query.h"

/* A statement being made: its text and its parameters. */
struct sql {
	char *text;
	size_t len, cap;
	const char **param;     /* as many as the query has values */
	size_t pcap;
	int n;
	int failed;             /* out of memory */
};

static void
add(struct sql *q, const char *s)
{
	size_t n = strlen(s);

	if (q->failed || arc_grow(&q->text, &q->cap, q->len, n + 1, 1) !=
	    ARC_OK) {
		q->failed = 1;
		return;
	}
	memcpy(q->text + q->len, s, n + 1);
	q->len += n;
}

/* A new parameter of value v, numbered q->n. */
static void
add_value(struct sql *q, const char *v)
{
	if (q->failed || arc_grow(&q->param, &q->pcap, (size_t)q->n, 1,
	    sizeof(*q->param)) != ARC_OK) {
		q->failed = 1;
		return;
	}
	q->param[q->n++] = v;
}

/* Adds fmt with "$%d" for a new parameter of value v. */
static void
add_param(struct sql *q, const char *fmt, const char *v)
{
	char buf[512];

	add_value(q, v);
	snprintf(buf, sizeof(buf), fmt, q->n);
	add(q, buf);
}

/* The filters a result must pass, on doc d: the clerk's, the options',
 * the phrases (not NULL or "": required) and the excluded words. */
static void
add_filters(struct sql *q, const struct arc_query *aq,
    const struct arc_find_options *o, const char *phrases,
    const char *excluded)
{
	static const char *const clause[] = {
		[QF_TAG] = (" AND d.id IN (SELECT doc FROM doc_tag "
		    "WHERE tag = $%d)"),
		[QF_NOMOR] = " AND strpos(lower(d.nomor), lower($%d)) > 0",
		[QF_TANGGAL] = " AND d.tanggal LIKE $%d || '%%'",
		[QF_MIME] = " AND strpos(d.mime, $%d) > 0",
		[QF_PATH] = " AND strpos(d.path, $%d) > 0",
	};

	for (int i = 0; i < aq->n; i++)
		if (aq->terms[i].kind == QT_FILTER)
			add_param(q, clause[aq->terms[i].key],
			    aq->terms[i].text);
	if (o->sha256 != NULL)
		add_param(q, " AND d.sha256 = $%d", o->sha256);
	if (o->since != NULL)
		add_param(q, " AND coalesce(d.tanggal, substr(d.mtime, 1, 10)) "
		    ">= $%d", o->since);
	if (o->until != NULL) {
		add_param(q, " AND substr(coalesce(d.tanggal, "
		    "substr(d.mtime, 1, 10)), 1, length($%d))", o->until);
		add_param(q, " <= $%d", o->until);
	}
	if (phrases != NULL && *phrases != '\0')
		add_param(q, " AND d.words @@ $%d::tsquery", phrases);
	if (excluded != NULL && *excluded != '\0')
		add_param(q, " AND NOT d.words @@ $%d::tsquery", excluded);
}

/* The query's texts of this kind as one tsquery, joined by op; ""
 * when it has none. */
static char *
tsquery_of(struct arc_stemmers *st, const struct arc_query *aq, int kind,
    const char *op)
{
	char *out = strdup(""), *t;
	size_t len = 0, cap = 1;

	for (int i = 0; out != NULL && i < aq->n; i++) {
		const struct qterm *qt = &aq->terms[i];
		if ((int)qt->kind != kind)
			continue;
		if ((t = arc_pg_tsquery_text(st, aq->lang, qt->text)) == NULL) {
			free(out);
			return NULL;
		}
		if (*t != '\0') {
			size_t need = strlen(t) + strlen(op) + 3;
			if (arc_grow(&out, &cap, len, need, 1) != ARC_OK) {
				free(t);
				free(out);
				return NULL;
			}
			len += (size_t)sprintf(out + len, "%s(%s)",
			    len > 0 ? op : "", t);
		}
		free(t);
	}
	return out;
}

/* The newest documents the filters let through (no words). */
static int
newest(struct arc_store *s, struct sql *q, struct arc_pg_hits *h,
    struct arc_error *err)
{
	PGresult *r;
	int n;

	if (q->failed)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	if ((r = arc_pg_query(s, q->text, q->n, q->param, err)) == NULL)
		return ARC_FATAL;
	n = PQntuples(r);
	if (n > 0 && (h->hit = calloc((size_t)n, sizeof(*h->hit))) == NULL) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	for (int i = 0; i < n; i++)
		h->hit[i].id = atoll(PQgetvalue(r, i, 0));
	h->n = n;
	if (n > 0)
		h->total = atol(PQgetvalue(r, 0, 1));
	PQclear(r);
	return ARC_OK;
}

/* Which of the ranked documents best[0..n) are results: their ids, in
 * order, into pass (room for n; *npass).  q's first value is the ids'
 * array. */
static int
check_batch(struct arc_store *s, struct sql *q, const struct arc_ranked *best,
    size_t n, long long *pass, size_t *npass, struct arc_error *err)
{
	char *ids;
	PGresult *r;

	for (size_t i = 0; i < n; i++)
		pass[i] = best[i].id;
	if ((ids = arc_pg_ids_text(pass, n)) == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	q->param[0] = ids;
	r = arc_pg_query(s, q->text, q->n, q->param, err);
	free(ids);
	if (r == NULL)
		return ARC_FATAL;
	*npass = (size_t)PQntuples(r);
	for (size_t i = 0; i < *npass; i++)
		pass[i] = atoll(PQgetvalue(r, (int)i, 0));
	PQclear(r);
	qsort(pass, *npass, sizeof(*pass), arc_pg_id_order);
	return ARC_OK;
}

/*
 * The best of the ranked documents that are results (still archived,
 * seen by the role, let through by the filters, holding the phrases and
 * none of the excluded words), up to the limit: the best looked at four
 * times as many at a time until there are enough, each batch checked in
 * one statement.  The number of results in all into h->total: the
 * matches when nothing filters them, else counted when there are more
 * than the limit.
 */
static int
ranked_hits(struct arc_store *s, const struct arc_ranking *r,
    const struct arc_query *aq, const struct arc_find_options *o,
    const char *phrases, const char *excluded, struct arc_pg_hits *h,
    struct arc_error *err)
{
	size_t want = (size_t)o->limit, seen = 0, got = 0, npass = 0;
	struct arc_ranked *best = NULL;
	long long *pass = NULL;
	struct sql q = { 0 };
	int rc = ARC_OK, filtered;

	add_param(&q, "SELECT d.id FROM doc d WHERE d.id = ANY ($%d::bigint[])"
	    " AND d.state = 'archived'", "");
	add_filters(&q, aq, o, phrases, excluded);
	filtered = q.n > 1;
	if (q.failed || (h->hit = calloc((size_t)o->limit + 1,
	    sizeof(*h->hit))) == NULL)
		rc = arc_error_set(err, "out of memory");
	while (rc == ARC_OK && h->n < o->limit &&
	    seen < (size_t)arc_ranking_matches(r)) {
		free(best);
		free(pass);
		want *= 4;
		best = malloc(want * sizeof(*best));
		pass = malloc(want * sizeof(*pass));
		if (best == NULL || pass == NULL) {
			rc = arc_error_set(err, "out of memory");
			break;
		}
		if ((got = arc_ranking_top(r, want, best)) <= seen)
			break;
		rc = check_batch(s, &q, best + seen, got - seen, pass, &npass,
		    err);
		for (size_t i = seen; rc == ARC_OK && i < got &&
		    h->n < o->limit; i++) {
			long long id = best[i].id;
			if (bsearch(&id, pass, npass, sizeof(*pass),
			    arc_pg_id_order) == NULL)
				continue;
			h->hit[h->n].id = id;
			h->hit[h->n++].score = best[i].score;
		}
		seen = got;
	}
	h->total = filtered ? h->n : arc_ranking_matches(r);
	if (rc == ARC_OK && filtered && h->n >= o->limit &&
	    o->total != NULL) {
		PGresult *c;

		free(q.text);
		free(q.param);
		memset(&q, 0, sizeof(q));
		add_param(&q, "SELECT count(*) FROM doc d WHERE d.state = "
		    "'archived' AND d.words @@ $%d::tsquery",
		    arc_ranking_match(r));
		add_filters(&q, aq, o, phrases, excluded);
		if (q.failed)
			rc = arc_error_set(err, "out of memory");
		else if ((c = arc_pg_query(s, q.text, q.n, q.param, err)) ==
		    NULL)
			rc = ARC_FATAL;
		else {
			h->total = atol(PQgetvalue(c, 0, 0));
			PQclear(c);
		}
	}
	free(best);
	free(pass);
	free(q.text);
	free(q.param);
	return rc;
}

/* The query's words and phrases scored (ranking.c), the best results
 * into h. */
static int
ranked(struct arc_store *s, const struct arc_query *aq,
    const struct arc_find_options *o, const char *phrases,
    const char *excluded, int plain, struct arc_pg_hits *h,
    struct arc_error *err)
{
	const char **texts = calloc((size_t)aq->n + 1, sizeof(*texts));
	int *phrase = calloc((size_t)aq->n + 1, sizeof(*phrase));
	struct arc_ranking *r = NULL;
	int ntexts = 0, rc = ARC_FATAL;

	if (texts == NULL || phrase == NULL) {
		arc_error_set(err, "out of memory");
		goto out;
	}
	for (int i = 0; i < aq->n; i++)
		if (aq->terms[i].kind == QT_WORD ||
		    aq->terms[i].kind == QT_PHRASE) {
			phrase[ntexts] = aq->terms[i].kind == QT_PHRASE;
			texts[ntexts++] = aq->terms[i].text;
		}
	if (arc_ranking_run(s, aq->lang, texts, phrase, ntexts, NULL, &r,
	    err) != ARC_OK)
		goto out;
	rc = ranked_hits(s, r, aq, o, phrases, excluded, h, err);
	h->partial = !arc_ranking_any_whole(r);
	/* No document holds the phrases: the best with some of the words,
	 * partial, as in SQLite. */
	if (rc == ARC_OK && h->n == 0 && *phrases != '\0' && plain > 0) {
		arc_pg_hits_free(h);
		rc = ranked_hits(s, r, aq, o, NULL, excluded, h, err);
		h->partial = 1;
	}
	/* The misreadings found are marked in the snippets too. */
	for (int i = 0; rc == ARC_OK && arc_ranking_misreading(r, i) != NULL &&
	    i < ARC_PG_MISREAD_MAX; i++) {
		if ((h->misread[i] = strdup(arc_ranking_misreading(r, i))) ==
		    NULL)
			rc = arc_error_set(err, "out of memory");
	}
out:
	arc_ranking_free(r);
	free(texts);
	free(phrase);
	return rc;
}

int
arc_pg_find(struct arc_store *s, const struct arc_query *aq,
    const struct arc_find_options *o, struct arc_pg_hits *h,
    struct arc_error *err)
{
	struct arc_stemmers st;
	struct sql q = { 0 };
	char *phrases = NULL, *excluded = NULL, limit[32];
	int rc = ARC_FATAL, plain = 0;

	memset(h, 0, sizeof(*h));
	snprintf(limit, sizeof(limit), "%ld", o->limit);
	if (arc_stemmers_init(&st) != ARC_OK)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	for (int i = 0; i < aq->n; i++)
		plain += aq->terms[i].kind == QT_WORD;
	if ((phrases = tsquery_of(&st, aq, QT_PHRASE, " & ")) == NULL ||
	    (excluded = tsquery_of(&st, aq, QT_EXCLUDE, " | ")) == NULL) {
		arc_error_set(err, "out of memory");
		goto out;
	}
	if (arc_query_words(aq) > 0) {
		rc = ranked(s, aq, o, phrases, excluded, plain, h, err);
		goto out;
	}
	/* No words: every document, newest first. */
	add(&q, "SELECT d.id, count(*) OVER () FROM doc d "
	    "WHERE d.state = 'archived'");
	add_filters(&q, aq, o, NULL, excluded);
	add_param(&q, " ORDER BY coalesce(d.tanggal, substr(d.mtime, 1, 10)) "
	    "DESC, d.id DESC LIMIT $%d", limit);
	rc = newest(s, &q, h, err);
out:
	free(q.text);
	free(q.param);
	free(phrases);
	free(excluded);
	arc_stemmers_done(&st);
	return rc;
}

void
arc_pg_hits_free(struct arc_pg_hits *h)
{
	free(h->hit);
	h->hit = NULL;
	h->n = 0;
	for (int i = 0; i < ARC_PG_MISREAD_MAX; i++) {
		free(h->misread[i]);
		h->misread[i] = NULL;
	}
}

PGresult *
arc_pg_doc(struct arc_store *s, long long id, struct arc_doc_row *row,
    struct arc_error *err)
{
	char idtext[32];
	const char *p[1] = { idtext };
	PGresult *r;

	snprintf(idtext, sizeof(idtext), "%lld", id);
	r = arc_pg_query(s, "SELECT id, sha256, path, member, mime, lang, "
	    "title, tanggal, tags, fields, body, pdf FROM doc WHERE id = $1",
	    1, p, err);
	if (r == NULL)
		return NULL;
	memset(row, 0, sizeof(*row));
	if (PQntuples(r) != 1)
		return r;
	row->id = id;
	row->sha256 = arc_pg_text(r, 0, 1);
	row->path = arc_pg_text(r, 0, 2);
	row->member = arc_pg_text(r, 0, 3);
	row->mime = arc_pg_text(r, 0, 4);
	row->lang = arc_pg_text(r, 0, 5);
	row->title = arc_pg_text(r, 0, 6);
	row->tanggal = arc_pg_text(r, 0, 7);
	row->tags = arc_pg_text(r, 0, 8);
	row->fields = arc_pg_text(r, 0, 9);
	row->body = arc_pg_text(r, 0, 10);
	row->body_len = row->body != NULL ? strlen(row->body) : 0;
	row->archived = NULL;
	row->state = "archived";
	row->is_archived = 1;
	return r;
}

int
arc_pg_spell_tag(struct arc_store *s, const char *typed, char **found,
    struct arc_error *err)
{
	const char *p[1] = { typed };
	/* The tags walked one index seek each, as in SQLite. */
	PGresult *r = arc_pg_query(s, "WITH RECURSIVE t(tag) AS ("
	    "  SELECT min(tag) FROM doc_tag"
	    "  UNION ALL SELECT (SELECT min(tag) FROM doc_tag"
	    "  WHERE tag > t.tag) FROM t WHERE t.tag IS NOT NULL) "
	    "SELECT tag FROM t WHERE lower(tag) = lower($1) LIMIT 1", 1, p,
	    err);

	*found = NULL;
	if (r == NULL)
		return ARC_FATAL;
	if (PQntuples(r) == 1 && (*found = strdup(PQgetvalue(r, 0, 0))) ==
	    NULL) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	PQclear(r);
	return ARC_OK;
}
