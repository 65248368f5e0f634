/* find.c: a query against the archive: best matches by BM25, filters, and a snippet with the matched words marked. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libstemmer.h>

#include "pg.h"
#include "query.h"

/* Words shown in a snippet. */
#define SNIPPET_WORDS 24
/* Query words remembered for marking matches. */
#define MARK_MAX 64

struct marker {
	struct sb_stemmer *ind, *eng;
	char *forms[MARK_MAX * 3];  /* each query word, and its two stems */
	int n;
};

static void
add_form(struct marker *m, const char *s, size_t len)
{
	for (int i = 0; i < m->n; i++)
		if (strlen(m->forms[i]) == len &&
		    memcmp(m->forms[i], s, len) == 0)
			return;
	if (m->n < MARK_MAX * 3)
		m->forms[m->n++] = strndup(s, len);
	if (m->n > 0 && m->forms[m->n - 1] == NULL)
		m->n--;
}

static void
stem_into(struct sb_stemmer *st, const char *w, size_t n, char *out,
    size_t *out_len)
{
	const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);

	if (s == NULL || (size_t)sb_stemmer_length(st) > 64) {
		memcpy(out, w, n);
		*out_len = n;
		return;
	}
	*out_len = (size_t)sb_stemmer_length(st);
	memcpy(out, s, *out_len);
}

/* A word to mark (lower case, wlen bytes), and its two stems. */
static void
marker_add(struct marker *m, const char *word, size_t wlen)
{
	char stem[80];
	size_t slen;

	add_form(m, word, wlen);
	if (m->ind != NULL) {
		stem_into(m->ind, word, wlen, stem, &slen);
		add_form(m, stem, slen);
	}
	if (m->eng != NULL) {
		stem_into(m->eng, word, wlen, stem, &slen);
		add_form(m, stem, slen);
	}
}

static void
marker_init(struct marker *m, const struct arc_query *q)
{
	char word[80];
	size_t start, wlen, at;

	memset(m, 0, sizeof(*m));
	m->ind = sb_stemmer_new("indonesian", "UTF_8");
	m->eng = sb_stemmer_new("english", "UTF_8");
	for (int i = 0; i < q->n; i++) {
		const char *t = q->terms[i].text;
		if (q->terms[i].kind != QT_WORD &&
		    q->terms[i].kind != QT_PHRASE)
			continue;
		at = 0;
		while ((at = arc_next_word(t, strlen(t), at, &start, word,
		    &wlen)) <= strlen(t) && wlen > 0)
			marker_add(m, word, wlen);
	}
}

static void
marker_free(struct marker *m)
{
	for (int i = 0; i < m->n; i++)
		free(m->forms[i]);
	sb_stemmer_delete(m->ind);
	sb_stemmer_delete(m->eng);
}

/* Which query word (index into forms) this document word is, or -1. */
static int
marked(struct marker *m, struct sb_stemmer *st, const char *w, size_t n)
{
	char stem[80];
	size_t slen = n;

	if (st != NULL)
		stem_into(st, w, n, stem, &slen);
	else
		memcpy(stem, w, n);
	for (int i = 0; i < m->n; i++) {
		size_t len = strlen(m->forms[i]);
		if ((len == n && memcmp(m->forms[i], w, n) == 0) ||
		    (len == slen && memcmp(m->forms[i], stem, slen) == 0))
			return i;
	}
	return -1;
}

struct word_at {
	size_t start, end;
	int mark;
};

/* A piece of the text around the most query words, marked «so». */
static char *
snippet(struct marker *m, const char *lang, const char *text, size_t len)
{
	struct sb_stemmer *st = lang && strcmp(lang, "eng") == 0 ? m->eng :
	    m->ind;
	struct word_at *words = NULL;
	size_t nwords = 0, cap = 0, at = 0, start, wlen, best = 0, i, j;
	char word[80], *out;
	int best_score = -1;
	size_t out_len = 0, out_cap;

	while ((at = arc_next_word(text, len, at, &start, word,
	    &wlen)) <= len && wlen > 0) {
		if (arc_grow(&words, &cap, nwords, 1, sizeof(*words)) !=
		    ARC_OK) {
			free(words);
			return NULL;
		}
		words[nwords].start = start;
		words[nwords].end = at;
		words[nwords].mark = m->n > 0 ? marked(m, st, word, wlen) : -1;
		nwords++;
	}
	/* The window with the most different query words, earliest first. */
	for (i = 0; i < nwords; i++) {
		unsigned long long seen = 0;
		int score = 0;
		if (words[i].mark < 0 && i > 0 && best_score >= 0)
			continue;
		for (j = i; j < nwords && j < i + SNIPPET_WORDS; j++)
			if (words[j].mark >= 0 &&
			    !(seen & (1ull << (words[j].mark % 64)))) {
				seen |= 1ull << (words[j].mark % 64);
				score++;
			}
		if (score > best_score) {
			best_score = score;
			best = i;
		}
	}
	/* Start a little before the first match, for context. */
	best = best > 3 ? best - 3 : 0;
	out_cap = 16 + (nwords ? words[nwords < best + SNIPPET_WORDS ?
	    nwords - 1 : best + SNIPPET_WORDS - 1].end -
	    words[best].start : 0) * 2 + 8 * SNIPPET_WORDS;
	if ((out = malloc(out_cap)) == NULL) {
		free(words);
		return NULL;
	}
	if (best > 0)
		out_len += (size_t)sprintf(out, "…");
	for (j = best; j < nwords && j < best + SNIPPET_WORDS; j++) {
		/* The text between words, white space made one space. */
		if (j > best) {
			int space = 0;
			for (size_t k = words[j - 1].end; k < words[j].start;
			    k++) {
				unsigned char c = (unsigned char)text[k];
				if (c == ' ' || (c >= '\t' && c <= '\r')) {
					space = 1;
					continue;
				}
				if (space)
					out[out_len++] = ' ';
				space = 0;
				out[out_len++] = (char)c;
			}
			if (space)
				out[out_len++] = ' ';
		}
		if (words[j].mark >= 0)
			out_len += (size_t)sprintf(out + out_len, "«");
		memcpy(out + out_len, text + words[j].start,
		    words[j].end - words[j].start);
		out_len += words[j].end - words[j].start;
		if (words[j].mark >= 0)
			out_len += (size_t)sprintf(out + out_len, "»");
	}
	if (j < nwords)
		out_len += (size_t)sprintf(out + out_len, "…");
	out[out_len] = '\0';
	free(words);
	return out;
}

/* ---- the search ---- */

struct search {
	struct arc_store *s;
	const struct arc_find_options *o;
	struct arc_query q;
	struct marker m;
	struct arc_word_cache *words;   /* the results' texts' */
	arc_find_fn fn;
	void *ctx;
	/* A document's searchable PDF, prepared at the first result that
	 * asks; pdf_missing when the archive's layout has no such column. */
	sqlite3_stmt *pdf;
	int pdf_missing;
	/* On PostgreSQL: the result's searchable PDF, as its row says. */
	const char *pg_pdf;
};

static json_t *
json_or_null(const char *text)
{
	json_t *v = text ? json_loads(text, JSON_DECODE_ANY, NULL) : NULL;

	return v ? v : json_null();
}

/* The searchable PDF of the document with this id, malloc'd; NULL when it
 * has none, it is gone from its folder, or it cannot be looked up. */
static char *
searchable_pdf(struct search *se, sqlite3_int64 id)
{
	const char *path;
	char *pdf = NULL;

	if (se->s->pg != NULL)
		return se->pg_pdf != NULL && *se->pg_pdf != '\0' &&
		    access(se->pg_pdf, F_OK) == 0 ? strdup(se->pg_pdf) : NULL;
	if (se->pdf == NULL && !se->pdf_missing &&
	    sqlite3_prepare_v2(se->s->db, "SELECT pdf FROM doc WHERE id = ?",
	    -1, &se->pdf, NULL) != SQLITE_OK) {
		/* An archive of layout 2 that no arc-index has opened
		 * since lacks the column: no document has one. */
		se->pdf_missing = 1;
		se->pdf = NULL;
	}
	if (se->pdf == NULL)
		return NULL;
	sqlite3_bind_int64(se->pdf, 1, id);
	if (sqlite3_step(se->pdf) == SQLITE_ROW &&
	    (path = (const char *)sqlite3_column_text(se->pdf, 0)) != NULL &&
	    *path != '\0' && access(path, F_OK) == 0)
		pdf = strdup(path);
	sqlite3_reset(se->pdf);
	return pdf;
}

static json_t *
result(struct search *se, const struct arc_doc_row *row, const double *score,
    int partial)
{
	json_t *r = json_object();
	char *text = NULL, *snip = NULL, *copy;
	size_t len = 0;

	if (r == NULL)
		return NULL;
	json_object_set_new(r, "sha256", json_string(row->sha256));
	arc_record_set_text(r, "path", row->path);
	if (row->member != NULL)
		arc_record_set_text(r, "member", row->member);
	copy = arc_copy_path(se->s, row->archived, row->sha256, row->mime);
	json_object_set_new(r, "archived", copy ? json_string(copy) :
	    json_null());
	if (se->o->with_open) {
		char *pdf = searchable_pdf(se, row->id);
		const char *open = pdf != NULL ? pdf : copy;
		json_object_set_new(r, "open", open ? json_string(open) :
		    json_null());
		free(pdf);
	}
	free(copy);
	json_object_set_new(r, "score", score != NULL ? json_real(*score) :
	    json_null());
	if (partial)
		json_object_set_new(r, "partial", json_true());
	json_object_set_new(r, "title", json_string(row->title ? row->title :
	    ""));
	if (se->s->pg != NULL) {
		/* PostgreSQL keeps the text as it is. */
		if ((text = strdup(row->body ? (const char *)row->body :
		    "")) != NULL)
			snip = snippet(&se->m, row->lang, text, row->body_len);
	} else if (arc_doc_text(se->s, se->words, row, &text, &len) == ARC_OK)
		snip = snippet(&se->m, row->lang, text, len);
	else if (se->o->problem != NULL)
		se->o->problem(se->o->problem_ctx, row->sha256, _("its text "
		    "cannot be read back from the archive; see arc-index "
		    "--check"));
	json_object_set_new(r, "snippet", json_string(snip ? snip : ""));
	json_object_set_new(r, "tags", json_or_null(row->tags));
	json_object_set_new(r, "fields", json_or_null(row->fields));
	json_object_set_new(r, "tanggal", row->tanggal ?
	    json_string(row->tanggal) : json_null());
	free(text);
	free(snip);
	return r;
}

/* Bytes of SQL one filter adds, at most (the --until clause, the longest). */
#define FILTER_SQL_MAX 128

/* Appends the filters' SQL, and remembers their values for binding: sql
 * has room for FILTER_SQL_MAX bytes a filter, binds for one a filter. */
static void
filters_sql(struct search *se, char *sql, size_t size, const char **binds,
    int *nbinds, const char *excluded)
{
	static const char *const clause[] = {
		[QF_TAG] = (" AND d.id IN (SELECT doc FROM doc_tag "
		    "WHERE tag = ?)"),
		[QF_NOMOR] = " AND instr(lower(d.nomor), lower(?)) > 0",
		[QF_TANGGAL] = " AND d.tanggal LIKE ? || '%'",
		[QF_MIME] = " AND instr(d.mime, ?) > 0",
		[QF_PATH] = " AND instr(d.path, ?) > 0",
	};
	size_t n = strlen(sql);

	for (int i = 0; i < se->q.n; i++) {
		if (se->q.terms[i].kind != QT_FILTER)
			continue;
		n += (size_t)snprintf(sql + n, size - n, "%s",
		    clause[se->q.terms[i].key]);
		binds[(*nbinds)++] = se->q.terms[i].text;
	}
	if (se->o->sha256 != NULL) {
		n += (size_t)snprintf(sql + n, size - n, " AND d.sha256 = ?");
		binds[(*nbinds)++] = se->o->sha256;
	}
	if (se->o->since != NULL) {
		n += (size_t)snprintf(sql + n, size - n, " AND coalesce("
		    "d.tanggal, substr(d.mtime, 1, 10)) >= ?");
		binds[(*nbinds)++] = se->o->since;
	}
	if (se->o->until != NULL) {
		n += (size_t)snprintf(sql + n, size - n, " AND substr(coalesce("
		    "d.tanggal, substr(d.mtime, 1, 10)), 1, length(?%d)) "
		    "<= ?%d", *nbinds + 1, *nbinds + 1);
		binds[(*nbinds)++] = se->o->until;
	}
	if (excluded != NULL && *excluded != '\0') {
		snprintf(sql + n, size - n, " AND d.id NOT IN (SELECT rowid "
		    "FROM fts WHERE fts MATCH ?)");
		binds[(*nbinds)++] = excluded;
	}
}

/* Gives the caller result r (NULL: out of memory); ARC_FATAL when it
 * cannot. */
static int
give(struct search *se, json_t *r, struct arc_error *err)
{
	int stop;

	if (r == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	stop = se->fn(se->ctx, r);
	json_decref(r);
	if (stop)
		return arc_error_set(err, "cannot write the results"),
		    ARC_FATAL;
	return ARC_OK;
}

/* hand_over's, from a PostgreSQL archive. */
static int
hand_over_pg(struct search *se, sqlite3_int64 id, const double *score,
    int partial, struct arc_error *err)
{
	struct arc_doc_row row;
	PGresult *res = arc_pg_doc(se->s, id, &row, err);
	json_t *r;

	if (res == NULL)
		return ARC_FATAL;
	if (row.id == 0) {
		PQclear(res);
		return ARC_OK;          /* gone since it was found */
	}
	se->pg_pdf = arc_pg_text(res, 0, 11);
	r = result(se, &row, score, partial);
	PQclear(res);
	return give(se, r, err);
}

/* Every result of a search of a PostgreSQL archive (pgfind.c). */
static long
run_pg(struct search *se, struct arc_error *err)
{
	struct arc_pg_hits h;
	long found = 0;

	if (arc_pg_find(se->s, &se->q, se->o, &h, err) != ARC_OK) {
		arc_pg_hits_free(&h);
		return ARC_FATAL;
	}
	/* The misreadings found are marked in the snippets too. */
	for (int i = 0; i < ARC_PG_MISREAD_MAX && h.misread[i] != NULL; i++)
		marker_add(&se->m, h.misread[i], strlen(h.misread[i]));
	for (int i = 0; i < h.n && found >= 0; i++)
		if (hand_over_pg(se, h.hit[i].id, arc_query_words(&se->q) > 0 ?
		    &h.hit[i].score : NULL, h.partial, err) != ARC_OK)
			found = ARC_FATAL;
		else
			found++;
	if (found >= 0 && se->o->total != NULL)
		*se->o->total = h.total > found ? h.total : found;
	arc_pg_hits_free(&h);
	return found;
}

/* Hands the document with this id over as a result; ARC_FATAL when it
 * cannot. */
static int
hand_over(struct search *se, sqlite3_int64 id, const double *score,
    int partial, struct arc_error *err)
{
	struct arc_doc_row row;
	sqlite3_stmt *st;
	json_t *r;
	int found;

	found = arc_doc_find(se->s, ARC_DOC_BY_ID, id, NULL, 1, &st, &row);
	if (found == ARC_FATAL)
		return arc_store_fail(se->s, err);
	if (found == 0)
		return ARC_OK;          /* gone since it was found */
	r = result(se, &row, score, partial);
	sqlite3_reset(st);
	return give(se, r, err);
}

/* How many documents the search matches in all, by SQL of the documents
 * (those the filters, added to it, let through); ARC_FATAL when the
 * database fails. */
static long
count_all(struct search *se, const char *sql, const char **binds, int nbinds,
    struct arc_error *err)
{
	sqlite3_stmt *st;
	long n = ARC_FATAL;

	if (sqlite3_prepare_v2(se->s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return arc_store_fail(se->s, err);
	for (int i = 0; i < nbinds; i++)
		sqlite3_bind_text(st, i + 1, binds[i], -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	else
		n = arc_store_fail(se->s, err);
	sqlite3_finalize(st);
	return n;
}

/* A query's SQL: the filters' room, and their values. */
struct query_sql {
	char *sql, *filters;
	size_t size, fsize;
	const char **binds;
	int nbinds;
};

static int
query_sql_init(struct search *se, struct query_sql *qs)
{
	/* As many filters as the clerk typed (four more from the options,
	 * the phrases and the excluded words), each with its clause and its
	 * value. */
	qs->fsize = (size_t)(se->q.n + 5) * FILTER_SQL_MAX + 1;
	qs->size = qs->fsize + 512;
	qs->sql = malloc(qs->size);
	qs->filters = calloc(1, qs->fsize);
	qs->binds = calloc((size_t)se->q.n + 7, sizeof(*qs->binds));
	qs->nbinds = 0;
	return qs->sql && qs->filters && qs->binds ? ARC_OK : ARC_FATAL;
}

static void
query_sql_free(struct query_sql *qs)
{
	free(qs->sql);
	free(qs->filters);
	free(qs->binds);
}

/* No words: every document the filters let through, newest first. */
static long
run_unranked(struct search *se, const char *excluded, struct arc_error *err)
{
	struct query_sql qs;
	int rc = SQLITE_DONE;
	long found = 0;
	sqlite3_stmt *st;

	if (query_sql_init(se, &qs) != ARC_OK) {
		query_sql_free(&qs);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	filters_sql(se, qs.filters, qs.fsize, qs.binds, &qs.nbinds, excluded);
	snprintf(qs.sql, qs.size, "SELECT d.id FROM doc d WHERE "
	    "d.state = 'archived'%s ORDER BY coalesce(d.tanggal, "
	    "substr(d.mtime, 1, 10)) DESC, d.id DESC LIMIT ?", qs.filters);
	if (sqlite3_prepare_v2(se->s->db, qs.sql, -1, &st, NULL) != SQLITE_OK) {
		query_sql_free(&qs);
		return arc_store_fail(se->s, err);
	}
	for (int i = 0; i < qs.nbinds; i++)
		sqlite3_bind_text(st, i + 1, qs.binds[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, qs.nbinds + 1, se->o->limit);
	while (found >= 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (hand_over(se, sqlite3_column_int64(st, 0), NULL, 0, err) !=
		    ARC_OK)
			found = ARC_FATAL;
		else
			found++;
	}
	sqlite3_finalize(st);
	if (found >= 0 && rc != SQLITE_DONE)
		found = arc_store_fail(se->s, err);
	if (found >= 0 && se->o->total != NULL) {
		long total = found;
		if (found >= se->o->limit) {
			snprintf(qs.sql, qs.size, "SELECT count(*) FROM doc d "
			    "WHERE d.state = 'archived'%s", qs.filters);
			total = count_all(se, qs.sql, qs.binds, qs.nbinds, err);
		}
		if (total < 0)
			found = total;
		else
			*se->o->total = total > found ? total : found;
	}
	query_sql_free(&qs);
	return found;
}

/*
 * The statement that says whether a ranked document is a result: still
 * archived, let through by the filters, holding the phrases and none of
 * the excluded words.  NULL in *st when every ranked document is.
 */
static int
result_check(struct search *se, struct query_sql *qs, const char *phrases,
    const char *excluded, sqlite3_stmt **st, struct arc_error *err)
{
	size_t n;

	*st = NULL;
	filters_sql(se, qs->filters, qs->fsize, qs->binds, &qs->nbinds, NULL);
	n = strlen(qs->filters);
	if (*phrases != '\0') {
		n += (size_t)snprintf(qs->filters + n, qs->fsize - n, " AND "
		    "EXISTS (SELECT 1 FROM fts WHERE fts MATCH ? AND "
		    "rowid = d.id)");
		qs->binds[qs->nbinds++] = phrases;
	}
	if (*excluded != '\0') {
		snprintf(qs->filters + n, qs->fsize - n, " AND NOT EXISTS "
		    "(SELECT 1 FROM fts WHERE fts MATCH ? AND rowid = d.id)");
		qs->binds[qs->nbinds++] = excluded;
	}
	if (qs->nbinds == 0)
		return ARC_OK;
	/* The id last: the filters number some of their values (?N) as
	 * the first of the statement's. */
	snprintf(qs->sql, qs->size, "SELECT 1 FROM doc d WHERE "
	    "d.state = 'archived'%s AND d.id = ?", qs->filters);
	if (sqlite3_prepare_v2(se->s->db, qs->sql, -1, st, NULL) != SQLITE_OK)
		return arc_store_fail(se->s, err);
	for (int i = 0; i < qs->nbinds; i++)
		sqlite3_bind_text(*st, i + 1, qs->binds[i], -1, SQLITE_STATIC);
	return ARC_OK;
}

/* Is the ranked document with this id a result?  1, 0, or ARC_FATAL. */
static int
passes(struct search *se, sqlite3_stmt *check, sqlite3_int64 id,
    struct arc_error *err)
{
	int rc;

	if (check == NULL)
		return 1;
	sqlite3_bind_int64(check, sqlite3_bind_parameter_count(check), id);
	rc = sqlite3_step(check);
	sqlite3_reset(check);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return arc_store_fail(se->s, err);
}

/*
 * Hands over the best of the ranked documents that check lets through, up
 * to the limit.  The best are looked at four times as many at a time
 * until there are enough, so that a filter that lets few through still
 * finds them all.  The number handed over, or ARC_FATAL.
 */
static long
hand_best(struct search *se, const struct arc_ranking *r, sqlite3_stmt *check,
    int partial, struct arc_error *err)
{
	struct arc_ranked *best = NULL;
	size_t want = (size_t)se->o->limit, got = 0, seen = 0;
	long found = 0;

	while (found >= 0 && found < se->o->limit &&
	    seen < (size_t)arc_ranking_matches(r)) {
		struct arc_ranked *b;
		int ok;

		if (seen == got) {
			free(best);
			want *= 4;
			if ((best = malloc(want * sizeof(*best))) == NULL) {
				arc_error_set(err, "out of memory");
				return ARC_FATAL;
			}
			if ((got = arc_ranking_top(r, want, best)) <= seen)
				break;
		}
		b = &best[seen++];
		if ((ok = passes(se, check, b->id, err)) < 0 || (ok &&
		    hand_over(se, b->id, &b->score, partial, err) != ARC_OK))
			found = ARC_FATAL;
		else
			found += ok;
	}
	free(best);
	return found;
}

/*
 * Words: every document holding any of them scored (ranking.c), the best
 * handed over.  The phrases must be there, unless no document has them
 * and there are words besides: then, as when none has every word, the
 * best with some, "partial".
 */
static long
run_ranked(struct search *se, const char *phrases, const char *excluded,
    struct arc_error *err)
{
	const char **texts = calloc((size_t)se->q.n + 1, sizeof(*texts));
	int *phrase = calloc((size_t)se->q.n + 1, sizeof(*phrase));
	struct arc_ranking *r = NULL;
	struct query_sql qs;
	sqlite3_stmt *check = NULL;
	long found = ARC_FATAL;
	int ntexts = 0, words = 0;

	if (query_sql_init(se, &qs) != ARC_OK || texts == NULL ||
	    phrase == NULL) {
		arc_error_set(err, "out of memory");
		goto out;
	}
	for (int i = 0; i < se->q.n; i++) {
		words += se->q.terms[i].kind == QT_WORD;
		if (se->q.terms[i].kind == QT_WORD ||
		    se->q.terms[i].kind == QT_PHRASE) {
			phrase[ntexts] = se->q.terms[i].kind == QT_PHRASE;
			texts[ntexts++] = se->q.terms[i].text;
		}
	}
	if (arc_ranking_run(se->s, se->q.lang, texts, phrase, ntexts,
	    se->words, &r, err) != ARC_OK || result_check(se, &qs, phrases,
	    excluded, &check, err) != ARC_OK)
		goto out;
	/* The misreadings found are marked in the snippets too. */
	for (int i = 0; arc_ranking_misreading(r, i) != NULL; i++)
		marker_add(&se->m, arc_ranking_misreading(r, i),
		    strlen(arc_ranking_misreading(r, i)));
	found = hand_best(se, r, check, !arc_ranking_any_whole(r), err);
	if (found == 0 && *phrases != '\0' && words > 0) {
		sqlite3_finalize(check);
		qs.filters[0] = '\0';
		qs.nbinds = 0;
		found = result_check(se, &qs, "", excluded, &check, err) !=
		    ARC_OK ? ARC_FATAL : hand_best(se, r, check, 1, err);
	}
	if (found >= 0 && se->o->total != NULL) {
		long total = arc_ranking_matches(r);
		if (check != NULL && found >= se->o->limit) {
			/* The filters' count over every match. */
			snprintf(qs.sql, qs.size, "SELECT count(*) FROM fts "
			    "JOIN doc d ON d.id = fts.rowid WHERE "
			    "d.state = 'archived'%s AND fts MATCH ?",
			    qs.filters);
			qs.binds[qs.nbinds] = arc_ranking_match(r);
			total = count_all(se, qs.sql, qs.binds, qs.nbinds + 1,
			    err);
		} else if (check != NULL)
			total = found;
		if (total < 0)
			found = total;
		else
			*se->o->total = total > found ? total : found;
	}
out:
	sqlite3_finalize(check);
	arc_ranking_free(r);
	query_sql_free(&qs);
	free(texts);
	free(phrase);
	return found;
}

/* Do a and b differ only in the case of ASCII letters? */
static int
same_but_case(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a - 'A' + 'a') : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b - 'A' + 'a') : *b;
		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* The tag as the archive spells it (found, taken over), or, NULL, said to
 * be unknown. */
static int
tag_spelled(struct search *se, struct qterm *t, char *found)
{
	if (found != NULL) {
		free(t->text);
		t->text = found;
	} else if (se->o->problem != NULL) {
		char line[256];
		snprintf(line, sizeof(line), _("tag:%s: no document has this "
		    "tag (arc-report tags lists them)"), t->text);
		se->o->problem(se->o->problem_ctx, NULL, line);
	}
	return ARC_OK;
}

/*
 * A tag: filter's value as the archive spells the tag, whatever its case
 * (tag:KTP finds the documents tagged ktp); the archive's tags are walked
 * one seek each, not row by row.  A tag no document has is said to be
 * unknown.  ARC_FATAL when the database fails.
 */
static int
spell_tag(struct search *se, struct qterm *t, struct arc_error *err)
{
	sqlite3_stmt *st;
	char *found = NULL, *prev;
	int rc = SQLITE_ROW;

	if (se->s->pg != NULL) {
		if (arc_pg_spell_tag(se->s, t->text, &found, err) != ARC_OK)
			return ARC_FATAL;
		return tag_spelled(se, t, found);
	}
	if ((prev = strdup("")) == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	if (arc_store_prepare(se->s, "SELECT tag FROM doc_tag WHERE tag > ? "
	    "ORDER BY tag LIMIT 1", &st) != SQLITE_OK) {
		free(prev);
		return arc_store_fail(se->s, err);
	}
	while (found == NULL) {
		const char *tag;

		sqlite3_bind_text(st, 1, prev, -1, SQLITE_TRANSIENT);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW)
			break;
		tag = (const char *)sqlite3_column_text(st, 0);
		free(prev);
		if ((prev = strdup(tag ? tag : "")) == NULL)
			break;
		if (same_but_case(prev, t->text))
			found = strdup(prev);
		sqlite3_reset(st);
	}
	sqlite3_reset(st);
	free(prev);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		free(found);
		return arc_store_fail(se->s, err);
	}
	return tag_spelled(se, t, found);
}

long
arc_find(struct arc_store *s, const struct arc_find_options *o,
    arc_find_fn fn, void *ctx, struct arc_error *err)
{
	struct search se = { .s = s, .o = o, .fn = fn, .ctx = ctx };
	char *phrases = NULL, *excluded = NULL;
	long found = ARC_FATAL;

	if (arc_query_parse(o->query ? o->query : "", &se.q) != ARC_OK ||
	    (phrases = arc_query_phrases(&se.q)) == NULL ||
	    (excluded = arc_query_excluded(&se.q)) == NULL) {
		arc_error_set(err, "out of memory");
		goto out;
	}
	/* tanggal: with no date: searched as typed, and the user told. */
	if (se.q.date_error.message[0] != '\0' && o->problem != NULL)
		o->problem(o->problem_ctx, NULL,
		    arc_error_text(&se.q.date_error));
	for (int i = 0; i < se.q.n; i++)
		if (se.q.terms[i].kind == QT_FILTER &&
		    se.q.terms[i].key == QF_TAG &&
		    spell_tag(&se, &se.q.terms[i], err) != ARC_OK)
			goto out;
	marker_init(&se.m, &se.q);
	/* Out of memory, the texts cannot be read: each result says so. */
	se.words = arc_word_cache_new();
	if (s->pg != NULL)
		found = run_pg(&se, err);
	else if (arc_query_words(&se.q) == 0)
		found = run_unranked(&se, excluded, err);
	else
		found = run_ranked(&se, phrases, excluded, err);
	marker_free(&se.m);
	arc_word_cache_free(se.words);
	sqlite3_finalize(se.pdf);
out:
	arc_query_free(&se.q);
	free(phrases);
	free(excluded);
	return found;
}
