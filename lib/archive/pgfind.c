/* pgfind.c: a search of a PostgreSQL archive: the query's words as tsqueries of arc's own stems, every match scored in one statement (each word's idf times its ts_rank, over the columns weighed as in SQLite), the filters as SQL; find.c makes the results. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "query.h"

/* ts_rank's weights of D, C, B and A: body 1, tags 2, fields 2 and title
 * 12, as arc_rank_weight weighs the columns, over 12. */
#define PG_WEIGHTS "'{0.0833, 0.1667, 0.1667, 1.0}'::float4[]"

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

/* The query's texts of these kinds as one tsquery, joined by op; ""
 * when it has none.  Stopwords are left out of the words (with
 * no_stop) unless there is nothing else. */
static char *
tsquery_of(struct arc_stemmers *st, const struct arc_query *aq,
    int kind_a, int kind_b, const char *op, int no_stop)
{
	char *out = strdup(""), *t;
	size_t len = 0, cap = 1;
	int stop_only = 1;

	for (int i = 0; i < aq->n; i++)
		if (aq->terms[i].kind != QT_WORD ||
		    !arc_query_is_stopword(aq->terms[i].text))
			stop_only = 0;
	for (int i = 0; out != NULL && i < aq->n; i++) {
		const struct qterm *qt = &aq->terms[i];
		if ((int)qt->kind != kind_a && (int)qt->kind != kind_b)
			continue;
		if (no_stop && !stop_only && qt->kind == QT_WORD &&
		    arc_query_is_stopword(qt->text))
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

/* The texts scored: the words and phrases, stopwords left out unless
 * there is nothing else, each as its tsquery. */
struct scored {
	char *q[64];
	int forms[64];          /* each one's lexemes */
	int n;
};

static int
scored_of(struct arc_stemmers *st, const struct arc_query *aq,
    struct scored *sc)
{
	struct arc_query one = *aq;
	int stop_only = 1;

	sc->n = 0;
	for (int i = 0; i < aq->n; i++)
		if (aq->terms[i].kind == QT_PHRASE ||
		    (aq->terms[i].kind == QT_WORD &&
		    !arc_query_is_stopword(aq->terms[i].text)))
			stop_only = 0;
	for (int i = 0; i < aq->n && sc->n < 64; i++) {
		const struct qterm *qt = &aq->terms[i];
		if ((qt->kind != QT_WORD && qt->kind != QT_PHRASE) ||
		    (!stop_only && qt->kind == QT_WORD &&
		    arc_query_is_stopword(qt->text)))
			continue;
		one.terms = &aq->terms[i];
		one.n = 1;
		if ((sc->q[sc->n] = tsquery_of(st, &one, QT_WORD, QT_PHRASE,
		    "", 0)) == NULL)
			return ARC_FATAL;
		if (*sc->q[sc->n] == '\0') {
			free(sc->q[sc->n]);
			continue;
		}
		/* Lexemes are quoted; arc's words have no quote. */
		sc->forms[sc->n] = 0;
		for (const char *c = sc->q[sc->n]; *c != '\0'; c++)
			sc->forms[sc->n] += *c == '\'';
		sc->forms[sc->n] /= 2;
		sc->n++;
	}
	return ARC_OK;
}

/*
 * The ranked statement.  Every archived document (that the role may see)
 * holding any word is in m; each word's document frequency is counted
 * over them (a word's documents all hold some word), the score is
 * sum(idf * ts_rank) over the words, ts_rank normalized by the length;
 * the filters then pick the results, best first, newest first among
 * equals; n counts them all.
 */
static void
ranked_sql(struct sql *q, const struct scored *sc, const char *any,
    const char *all, const char *docs, const struct arc_query *aq,
    const struct arc_find_options *o, const char *phrases,
    const char *excluded, const char *limit)
{
	char buf[256];

	add_param(q, "WITH m AS MATERIALIZED (SELECT d.id, d.words FROM doc d "
	    "WHERE d.state = 'archived' AND d.words @@ $%d::tsquery), ", any);
	add(q, "s AS (SELECT id, words");
	for (int i = 0; i < sc->n; i++) {
		snprintf(buf, sizeof(buf), ", count(*) FILTER (WHERE words @@ "
		    "$%d::tsquery) OVER () AS df%d", q->n + 1 + i, i);
		add(q, buf);
	}
	for (int i = 0; i < sc->n; i++)
		add_value(q, sc->q[i]);
	add_param(q, ", bool_or(words @@ $%d::tsquery) OVER () AS whole "
	    "FROM m) ", all);
	/* ts_rank averages over a tsquery's lexemes: a word's rank times
	 * its forms, so that a word the stemmer changes (two forms, one in
	 * the document) weighs as much as one it leaves. */
	add(q, "SELECT d.id, (0");
	for (int i = 0; i < sc->n; i++) {
		snprintf(buf, sizeof(buf), " + ln(1 + ($%d::float8 - df%d + "
		    "0.5) / (df%d + 0.5)) * %d * ts_rank(" PG_WEIGHTS ", "
		    "s.words, $%d::tsquery, 1)", q->n + 1, i, i,
		    sc->forms[i], q->n + 2 + i);
		add(q, buf);
	}
	add_value(q, docs);
	for (int i = 0; i < sc->n; i++)
		add_value(q, sc->q[i]);
	add(q, ") AS score, s.whole, count(*) OVER () AS n "
	    "FROM s JOIN doc d ON d.id = s.id WHERE true");
	add_filters(q, aq, o, phrases, excluded);
	add_param(q, " ORDER BY score DESC, d.id DESC LIMIT $%d", limit);
}

/* How many archived documents the role sees: the idf's N.  The
 * planner's estimate once the table is analysed (autovacuum does), so
 * that a search need not count a million rows; counted while it is
 * small or not yet analysed. */
static int
documents(struct arc_store *s, char out[32], struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, "SELECT CASE WHEN c.reltuples >= 10000 "
	    "THEN c.reltuples::bigint ELSE (SELECT count(*) FROM doc WHERE "
	    "state = 'archived') END FROM pg_class c WHERE c.oid = "
	    "'doc'::regclass", 0, NULL, err);

	if (r == NULL)
		return ARC_FATAL;
	snprintf(out, 32, "%s", PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) :
	    "1");
	PQclear(r);
	return ARC_OK;
}

static int
hits_of(PGresult *r, int ranked, struct arc_pg_hits *h)
{
	int n = PQntuples(r);

	h->n = 0;
	if (n > 0 && (h->hit = calloc((size_t)n, sizeof(*h->hit))) == NULL)
		return ARC_FATAL;
	for (int i = 0; i < n; i++) {
		h->hit[i].id = atoll(PQgetvalue(r, i, 0));
		h->hit[i].score = ranked ? atof(PQgetvalue(r, i, 1)) : 0;
	}
	h->n = n;
	if (n > 0) {
		h->total = atol(PQgetvalue(r, 0, ranked ? 3 : 1));
		h->partial = ranked && strcmp(PQgetvalue(r, 0, 2), "t") != 0;
	}
	return ARC_OK;
}

/* Runs the statement q into h; ARC_FATAL with err. */
static int
run_hits(struct arc_store *s, struct sql *q, int ranked,
    struct arc_pg_hits *h, struct arc_error *err)
{
	PGresult *r;
	int rc;

	if (q->failed)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	if ((r = arc_pg_query(s, q->text, q->n, q->param, err)) == NULL)
		return ARC_FATAL;
	rc = hits_of(r, ranked, h);
	PQclear(r);
	if (rc != ARC_OK)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	return ARC_OK;
}

int
arc_pg_find(struct arc_store *s, const struct arc_query *aq,
    const struct arc_find_options *o, struct arc_pg_hits *h,
    struct arc_error *err)
{
	struct arc_stemmers st;
	struct scored sc = { .n = 0 };
	struct sql q = { 0 };
	char *any = NULL, *all = NULL, *phrases = NULL, *excluded = NULL;
	char limit[32], docs[32];
	int rc = ARC_FATAL, words = 0, plain = 0;

	memset(h, 0, sizeof(*h));
	snprintf(limit, sizeof(limit), "%ld", o->limit);
	if (arc_stemmers_init(&st) != ARC_OK)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	for (int i = 0; i < aq->n; i++) {
		plain += aq->terms[i].kind == QT_WORD;
		words += aq->terms[i].kind == QT_WORD ||
		    aq->terms[i].kind == QT_PHRASE;
	}
	if ((phrases = tsquery_of(&st, aq, QT_PHRASE, QT_PHRASE, " & ",
	    0)) == NULL || (excluded = tsquery_of(&st, aq, QT_EXCLUDE,
	    QT_EXCLUDE, " | ", 0)) == NULL || (any = tsquery_of(&st, aq,
	    QT_WORD, QT_PHRASE, " | ", 1)) == NULL || (all = tsquery_of(&st,
	    aq, QT_WORD, QT_PHRASE, " & ", 0)) == NULL ||
	    scored_of(&st, aq, &sc) != ARC_OK) {
		arc_error_set(err, "out of memory");
		goto out;
	}
	if (words == 0 || *any == '\0') {
		/* No words: every document, newest first. */
		add(&q, "SELECT d.id, count(*) OVER () FROM doc d "
		    "WHERE d.state = 'archived'");
		add_filters(&q, aq, o, NULL, excluded);
		add_param(&q, " ORDER BY coalesce(d.tanggal, substr(d.mtime, "
		    "1, 10)) DESC, d.id DESC LIMIT $%d", limit);
		rc = run_hits(s, &q, 0, h, err);
		goto out;
	}
	if (documents(s, docs, err) != ARC_OK)
		goto out;
	ranked_sql(&q, &sc, any, all, docs, aq, o, phrases, excluded, limit);
	rc = run_hits(s, &q, 1, h, err);
	/* No document holds the phrases: the best with some of the words,
	 * partial, as in SQLite. */
	if (rc == ARC_OK && h->n == 0 && *phrases != '\0' && plain > 0) {
		free(q.text);
		free(q.param);
		memset(&q, 0, sizeof(q));
		ranked_sql(&q, &sc, any, all, docs, aq, o, NULL, excluded,
		    limit);
		rc = run_hits(s, &q, 1, h, err);
		h->partial = 1;
	}
out:
	for (int i = 0; i < sc.n; i++)
		free(sc.q[i]);
	free(q.text);
	free(q.param);
	free(any);
	free(all);
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
