/* ranking.c: every document that holds any of a search's words, scored by BM25, from the ranking segments and FTS5. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* Okapi BM25's usual constants, as FTS5's bm25(). */
#define K1 1.2
#define B 0.75
/* Changed documents looked up one by one in FTS5; more, all at once. */
#define DIRTY_ONE_BY_ONE 256

struct rank_word {
	char fts[2 * ARC_WORD_MAX + 16];        /* as an FTS5 string */
	char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1];
	size_t lens[ARC_FORMS_MAX];
	int nforms;
	long df;        /* documents: the commonest form's in the segments,
	                 * plus those of the others that have it */
	double idf;
};

/* A document no segment holds: its counts from FTS5 (arc_counts). */
struct fresh {
	sqlite3_int64 id;
	uint32_t *counts;       /* per word, then the length */
};

struct arc_ranking {
	struct arc_store *s;
	struct rank_word *w;
	int nw;
	sqlite3_int64 top;              /* the highest id */
	sqlite3_int64 covered;          /* the last id a segment holds */
	double docs, avg_len;
	uint32_t *len;                  /* by id, from the segments */
	unsigned char *dirty;           /* by id, or NULL: none */
	struct fresh *fresh;
	size_t nfresh, fresh_cap;
	float *score;                   /* by id */
	unsigned char *held;            /* by id: how many of the words */
	long matches;
	int any_whole;                  /* a document holds every word */
	char *match;                    /* fts_query's */
};

/* SQLite's varint (big-endian, 7 bits a byte, the 9th whole), as FTS5
 * keeps its totals; bytes read, 0 when cut short. */
static size_t
sqlite_varint(const unsigned char *p, size_t n, uint64_t *v)
{
	uint64_t x = 0;

	for (size_t i = 0; i < 9 && i < n; i++) {
		if (i == 8) {
			*v = (x << 8) | p[i];
			return 9;
		}
		x = (x << 7) | (p[i] & 0x7f);
		if ((p[i] & 0x80) == 0) {
			*v = x;
			return i + 1;
		}
	}
	return 0;
}

/*
 * The documents FTS5 holds and their tokens in all: its own totals (the
 * "averages" record, row 1 of fts_data: the rows, then each column's
 * tokens), which it keeps exact as documents come and go.
 */
static int
totals(struct arc_ranking *r)
{
	sqlite3_stmt *st;
	uint64_t rows = 0, col, tokens = 0;
	int rc = ARC_FATAL;

	if (arc_store_prepare(r->s, "SELECT block FROM fts_data WHERE id = 1",
	    &st) != SQLITE_OK)
		return ARC_FATAL;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *p = sqlite3_column_blob(st, 0);
		size_t n = (size_t)sqlite3_column_bytes(st, 0), at, k;

		at = p != NULL ? sqlite_varint(p, n, &rows) : 0;
		for (int c = 0; at > 0 && c < ARC_RANK_COLUMNS; c++) {
			if ((k = sqlite_varint(p + at, n - at, &col)) == 0)
				break;
			at += k;
			tokens += col;
		}
		rc = ARC_OK;
	} else
		rc = ARC_OK;    /* an empty index has no totals yet */
	sqlite3_reset(st);
	r->docs = (double)rows;
	r->avg_len = rows > 0 ? (double)tokens / (double)rows : 1.0;
	if (r->avg_len <= 0.0)
		r->avg_len = 1.0;
	return rc;
}

/* The segments' lengths by id, and the last id they hold. */
static int
read_lengths(struct arc_ranking *r)
{
	sqlite3_stmt *st;
	int rc;

	if (arc_store_prepare(r->s, "SELECT first, last, lens FROM "
	    "rank_segment", &st) != SQLITE_OK)
		return ARC_FATAL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 first = sqlite3_column_int64(st, 0);
		sqlite3_int64 last = sqlite3_column_int64(st, 1);
		const void *lens = sqlite3_column_blob(st, 2);
		size_t bytes = (size_t)sqlite3_column_bytes(st, 2);

		/* A segment past the highest id (its last documents erased
		 * since) or of a length that does not fit: counted again by
		 * the next arc-index; its ids are read from FTS5 till then. */
		if (first < 1 || last > r->top || bytes !=
		    (size_t)(last - first + 1) * sizeof(uint32_t))
			continue;
		memcpy(r->len + first, lens, bytes);
		if (last > r->covered)
			r->covered = last;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

static int
read_dirty(struct arc_ranking *r, sqlite3_int64 **ids, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*ids = NULL;
	*n = 0;
	if (arc_store_prepare(r->s, "SELECT id FROM rank_dirty WHERE id <= ?",
	    &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, r->covered);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		if (id < 0 || id > r->top)
			continue;
		if (arc_grow(ids, &cap, *n, 1, sizeof(**ids)) != ARC_OK) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
		(*ids)[(*n)++] = id;
		if (r->dirty == NULL &&
		    (r->dirty = calloc((size_t)r->top + 1, 1)) == NULL) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
		r->dirty[id] = 1;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

/* The query's words OR'ed, each an FTS5 string, in the order of r->w. */
static char *
fts_query(const struct arc_ranking *r)
{
	size_t size = 1;
	char *q;

	for (int i = 0; i < r->nw; i++)
		size += strlen(r->w[i].fts) + 4;
	if ((q = malloc(size)) == NULL)
		return NULL;
	q[0] = '\0';
	for (int i = 0; i < r->nw; i++) {
		if (i > 0)
			strcat(q, " OR ");
		strcat(q, r->w[i].fts);
	}
	return q;
}

/* Keeps the counts of the rows FTS5 finds (of ids over after, or of one
 * id), those of the changed documents among them when all. */
static int
read_fresh(struct arc_ranking *r, const char *match, const char *sql,
    sqlite3_int64 id)
{
	sqlite3_stmt *st;
	int rc;

	if (arc_store_prepare(r->s, sql, &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 row = sqlite3_column_int64(st, 0);
		const void *c = sqlite3_column_blob(st, 1);
		size_t bytes = (size_t)(r->nw + 1) * sizeof(uint32_t);
		struct fresh *f;

		/* Those a segment holds as they are: scored from it. */
		if (row < 0 || row > r->top || (size_t)sqlite3_column_bytes(st,
		    1) != bytes || (row <= r->covered && (r->dirty == NULL ||
		    !r->dirty[row])))
			continue;
		if (arc_grow(&r->fresh, &r->fresh_cap, r->nfresh, 1,
		    sizeof(*r->fresh)) != ARC_OK) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
		f = &r->fresh[r->nfresh];
		if ((f->counts = malloc(bytes)) == NULL) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
		memcpy(f->counts, c, bytes);
		f->id = row;
		r->nfresh++;
		for (int i = 0; i < r->nw; i++)
			r->w[i].df += f->counts[i] > 0;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

/* The documents no segment holds as they are: those newer than the
 * segments, and those changed since. */
static int
fresh_documents(struct arc_ranking *r)
{
	sqlite3_int64 *dirty = NULL;
	size_t ndirty = 0;
	char *match = r->match = fts_query(r);
	int rc = match == NULL ? ARC_FATAL : !r->s->has_ranking ? ARC_OK :
	    read_dirty(r, &dirty, &ndirty);

	if (rc == ARC_OK)
		rc = read_fresh(r, match, "SELECT rowid, arc_counts(fts) FROM "
		    "fts WHERE fts MATCH ? AND rowid > ?", r->covered);
	if (rc == ARC_OK && ndirty > DIRTY_ONE_BY_ONE)
		rc = read_fresh(r, match, "SELECT rowid, arc_counts(fts) FROM "
		    "fts WHERE fts MATCH ? AND rowid <= ?", r->covered);
	else
		for (size_t i = 0; rc == ARC_OK && i < ndirty; i++)
			rc = read_fresh(r, match, "SELECT rowid, "
			    "arc_counts(fts) FROM fts WHERE fts MATCH ? AND "
			    "rowid = ?", dirty[i]);
	free(dirty);
	return rc;
}

/* A form's postings in one segment. */
struct postings {
	unsigned char *data;
	size_t len;
	int form;
};

struct word_postings {
	struct postings *p;
	size_t n, cap;
};

/* Every segment's postings of each form of word w, and w's df. */
static int
read_postings(struct arc_ranking *r, struct rank_word *w,
    struct word_postings *out)
{
	long most = 0;

	for (int f = 0; f < w->nforms; f++) {
		sqlite3_stmt *st;
		long df = 0;
		int rc;

		if (arc_store_prepare(r->s, "SELECT df, data FROM rank_post "
		    "WHERE term = ?", &st) != SQLITE_OK)
			return ARC_FATAL;
		sqlite3_bind_text(st, 1, w->forms[f], (int)w->lens[f],
		    SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			size_t n = (size_t)sqlite3_column_bytes(st, 1);
			struct postings *p;

			df += (long)sqlite3_column_int64(st, 0);
			if (arc_grow(&out->p, &out->cap, out->n, 1,
			    sizeof(*out->p)) != ARC_OK) {
				sqlite3_reset(st);
				return ARC_FATAL;
			}
			p = &out->p[out->n];
			if ((p->data = malloc(n ? n : 1)) == NULL) {
				sqlite3_reset(st);
				return ARC_FATAL;
			}
			memcpy(p->data, sqlite3_column_blob(st, 1), n);
			p->len = n;
			p->form = f;
			out->n++;
		}
		sqlite3_reset(st);
		if (rc != SQLITE_DONE)
			return ARC_FATAL;
		if (df > most)
			most = df;
	}
	w->df += most;
	return ARC_OK;
}

static double
bm25(const struct arc_ranking *r, double idf, double tf, double len)
{
	return idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len /
	    r->avg_len));
}

/* A walk over a segment's postings of one form. */
struct posting_walk {
	const unsigned char *at, *end;
	uint64_t id;
};

/* The next document the segment holds as it is, and its count: 1, or 0
 * at the end (or where the postings are cut short). */
static int
next_posting(const struct arc_ranking *r, struct posting_walk *w,
    uint64_t *id, uint64_t *count)
{
	while (w->at < w->end) {
		uint64_t gap;
		size_t a = arc_varint_get(w->at, w->end, &gap), b = 0;

		*count = 1;
		if (a == 0 || ((gap & 1) == 0 && (b = arc_varint_get(w->at + a,
		    w->end, count)) == 0))
			return 0;
		w->at += a + b;
		w->id += gap >> 1;
		if (w->id > (uint64_t)r->covered || (r->dirty != NULL &&
		    r->dirty[w->id]) || r->len[w->id] == 0)
			continue;
		*id = w->id;
		return 1;
	}
	return 0;
}

static void
add_score(struct arc_ranking *r, const struct rank_word *w, uint64_t id,
    double tf)
{
	r->score[id] += (float)bm25(r, w->idf, tf, r->len[id]);
	if (r->held[id] < UCHAR_MAX)
		r->held[id]++;
}

/*
 * Adds word w's part of every score it has.  When more than one of its
 * forms is in the segments, its forms' counts in one document are summed
 * first (tf, by id), as FTS5 counts colocated tokens as one phrase; most
 * words have one (the documents hold stems), and are scored straight
 * from their postings.
 */
static int
score_word(struct arc_ranking *r, const struct rank_word *w,
    const struct word_postings *wp, uint32_t **tf, uint32_t **touched)
{
	size_t ntouched = 0;
	uint64_t id, count;
	int forms = 0;

	for (size_t k = 0; k < wp->n; k++)
		forms |= 1 << wp->p[k].form;
	if ((forms & (forms - 1)) == 0) {
		for (size_t k = 0; k < wp->n; k++) {
			struct posting_walk pw = { wp->p[k].data,
			    wp->p[k].data + wp->p[k].len, 0 };
			while (next_posting(r, &pw, &id, &count))
				add_score(r, w, id, (double)count);
		}
		return ARC_OK;
	}
	if (*tf == NULL && ((*tf = calloc((size_t)r->top + 1,
	    sizeof(**tf))) == NULL || (*touched = malloc(((size_t)r->top +
	    1) * sizeof(**touched))) == NULL))
		return ARC_FATAL;
	for (size_t k = 0; k < wp->n; k++) {
		struct posting_walk pw = { wp->p[k].data,
		    wp->p[k].data + wp->p[k].len, 0 };
		while (next_posting(r, &pw, &id, &count)) {
			if ((*tf)[id] == 0)
				(*touched)[ntouched++] = (uint32_t)id;
			(*tf)[id] += (uint32_t)count;
		}
	}
	for (size_t i = 0; i < ntouched; i++) {
		uint32_t doc = (*touched)[i];
		add_score(r, w, doc, (*tf)[doc]);
		(*tf)[doc] = 0;
	}
	return ARC_OK;
}

static void
score_fresh(struct arc_ranking *r)
{
	for (size_t k = 0; k < r->nfresh; k++) {
		const struct fresh *f = &r->fresh[k];
		for (int i = 0; i < r->nw; i++) {
			if (f->counts[i] == 0)
				continue;
			r->score[f->id] += (float)bm25(r, r->w[i].idf,
			    f->counts[i], f->counts[r->nw]);
			if (r->held[f->id] < UCHAR_MAX)
				r->held[f->id]++;
		}
	}
}

/* Has any of the texts a word that is no stopword? */
static int
has_content(const char *const *texts, int ntexts)
{
	for (int t = 0; t < ntexts; t++) {
		size_t n = strlen(texts[t]), at = 0, start, wlen;
		char word[ARC_WORD_MAX + 1];

		while ((at = arc_next_word(texts[t], n, at, &start, word,
		    &wlen)) <= n && wlen > 0) {
			word[wlen] = '\0';
			if (!arc_is_stopword(word))
				return 1;
		}
	}
	return 0;
}

/*
 * Each distinct word of the texts, with its forms and FTS5 string.  The
 * stopwords as typed (yang, apa, the, of) are left out, unless there is
 * nothing else: the rest are weighed by how many documents have them,
 * which also takes the weight from a stem every text has ("diadakan" is
 * "ada").  Leaving them out was measured better than weighing them too
 * (bench/README, bench/quality).
 */
static int
add_words(struct arc_ranking *r, struct arc_stemmers *st, const char *lang,
    const char *const *texts, int ntexts)
{
	int ind = lang == NULL || strcmp(lang, "eng") != 0;
	int eng = lang == NULL || strcmp(lang, "ind") != 0;
	int skip_stopwords = has_content(texts, ntexts);
	size_t cap = 0;

	for (int t = 0; t < ntexts; t++) {
		const char *text = texts[t];
		size_t n = strlen(text), at = 0, start, wlen;
		char word[ARC_WORD_MAX + 1];

		while ((at = arc_next_word(text, n, at, &start, word,
		    &wlen)) <= n && wlen > 0) {
			struct rank_word *w;
			int seen = 0;
			char *q;

			for (int i = 0; i < r->nw; i++)
				seen |= r->w[i].lens[0] == wlen &&
				    memcmp(r->w[i].forms[0], word, wlen) == 0;
			word[wlen] = '\0';
			if (seen || (skip_stopwords && arc_is_stopword(word)))
				continue;
			if (arc_grow(&r->w, &cap, (size_t)r->nw, 1,
			    sizeof(*r->w)) != ARC_OK)
				return ARC_FATAL;
			w = &r->w[r->nw++];
			memset(w, 0, sizeof(*w));
			w->nforms = arc_word_forms(st, ind, eng, word, wlen,
			    w->forms, w->lens);
			for (int f = 0; f < w->nforms; f++)
				w->forms[f][w->lens[f]] = '\0';
			/* The word as an FTS5 string, for the tokenizer to
			 * find the same forms. */
			q = w->fts;
			*q++ = '"';
			if (lang != NULL)
				q += sprintf(q, "%c%s ", ARC_LANG_MARK, lang);
			for (size_t i = 0; i < wlen; i++) {
				if (word[i] == '"')
					*q++ = '"';
				*q++ = word[i];
			}
			*q++ = '"';
			*q = '\0';
		}
	}
	return ARC_OK;
}

static void
postings_free(struct word_postings *wp, int n)
{
	for (int i = 0; wp != NULL && i < n; i++) {
		for (size_t k = 0; k < wp[i].n; k++)
			free(wp[i].p[k].data);
		free(wp[i].p);
	}
	free(wp);
}

int
arc_ranking_run(struct arc_store *s, const char *lang,
    const char *const *texts, int ntexts, struct arc_ranking **out,
    struct arc_error *err)
{
	struct arc_ranking *r = calloc(1, sizeof(*r));
	struct word_postings *wp = NULL;
	struct arc_stemmers st = { 0 };
	uint32_t *tf = NULL, *touched = NULL;
	int rc = ARC_OK, own = 0;

	*out = NULL;
	if (r == NULL || arc_stemmers_init(&st) != ARC_OK) {
		free(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	r->s = s;
	rc = add_words(r, &st, lang, texts, ntexts);
	arc_stemmers_done(&st);
	/* One snapshot for the segments, the changes and FTS5: an
	 * arc-index counting them again meanwhile changes none of them. */
	if (rc == ARC_OK && sqlite3_get_autocommit(s->db)) {
		own = 1;
		if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			rc = ARC_FATAL;
	}
	if (rc == ARC_OK)
		r->top = arc_store_number(s, "SELECT coalesce(max(id), 0) "
		    "FROM doc", &rc);
	/* Ids are kept in 32 bits while scoring. */
	if (rc == ARC_OK && (r->top < 0 || r->top >= UINT32_MAX))
		rc = ARC_FATAL;
	if (rc == ARC_OK && totals(r) != ARC_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK && ((r->len = calloc((size_t)r->top + 1,
	    sizeof(*r->len))) == NULL || (r->score = calloc((size_t)r->top +
	    1, sizeof(*r->score))) == NULL || (r->held = calloc((size_t)
	    r->top + 1, sizeof(*r->held))) == NULL))
		rc = ARC_FATAL;
	if (rc == ARC_OK && s->has_ranking && read_lengths(r) != ARC_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK && fresh_documents(r) != ARC_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK && (wp = calloc((size_t)r->nw + 1,
	    sizeof(*wp))) == NULL)
		rc = ARC_FATAL;
	for (int i = 0; rc == ARC_OK && s->has_ranking && i < r->nw; i++)
		rc = read_postings(r, &r->w[i], &wp[i]);
	for (int i = 0; rc == ARC_OK && i < r->nw; i++) {
		struct rank_word *w = &r->w[i];
		w->idf = log((r->docs - (double)w->df + 0.5) /
		    ((double)w->df + 0.5));
		/* A word in more than half the documents still counts, a
		 * little, as in FTS5's bm25(). */
		if (!(w->idf > 1e-6))
			w->idf = 1e-6;
	}
	for (int i = 0; rc == ARC_OK && i < r->nw; i++)
		rc = score_word(r, &r->w[i], &wp[i], &tf, &touched);
	if (rc == ARC_OK)
		score_fresh(r);
	for (sqlite3_int64 id = 0; rc == ARC_OK && id <= r->top; id++) {
		r->matches += r->held[id] > 0;
		/* held counts to UCHAR_MAX: a longer query is whole there. */
		r->any_whole |= r->held[id] >= (r->nw < UCHAR_MAX ? r->nw :
		    UCHAR_MAX);
	}
	free(tf);
	free(touched);
	postings_free(wp, r->nw);
	if (rc != ARC_OK) {
		if (sqlite3_errcode(s->db) != SQLITE_OK &&
		    sqlite3_errcode(s->db) != SQLITE_ROW &&
		    sqlite3_errcode(s->db) != SQLITE_DONE)
			arc_store_fail(s, err);
		else
			arc_error_set(err, "out of memory");
		arc_ranking_free(r);
		r = NULL;
	}
	/* Read only: ended either way. */
	if (own)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	*out = r;
	return r != NULL ? ARC_OK : ARC_FATAL;
}

long
arc_ranking_matches(const struct arc_ranking *r)
{
	return r->matches;
}

int
arc_ranking_any_whole(const struct arc_ranking *r)
{
	return r->any_whole;
}

const char *
arc_ranking_match(const struct arc_ranking *r)
{
	return r->match;
}

/* Before: higher score, then newer. */
static int
better(const struct arc_ranked *a, const struct arc_ranked *b)
{
	return a->score > b->score || (a->score == b->score && a->id > b->id);
}

static void
sift_down(struct arc_ranked *h, size_t n, size_t i)
{
	for (;;) {
		size_t c = 2 * i + 1, m = i;
		if (c < n && better(&h[m], &h[c]))
			m = c;
		if (c + 1 < n && better(&h[m], &h[c + 1]))
			m = c + 1;
		if (m == i)
			return;
		struct arc_ranked t = h[i];
		h[i] = h[m];
		h[m] = t;
		i = m;
	}
}

static int
by_rank(const void *a, const void *b)
{
	return better(a, b) ? -1 : better(b, a) ? 1 : 0;
}

size_t
arc_ranking_top(const struct arc_ranking *r, size_t k,
    struct arc_ranked *out)
{
	size_t n = 0;

	if (k == 0)
		return 0;
	/* A heap of the k best so far, the worst of them on top. */
	for (sqlite3_int64 id = 0; id <= r->top; id++) {
		struct arc_ranked c;
		if (r->held[id] == 0 ||
		    (n == k && (double)r->score[id] < out[0].score))
			continue;
		c.id = id;
		c.score = r->score[id];
		if (n < k) {
			size_t i = n++;
			out[i] = c;
			while (i > 0 && better(&out[(i - 1) / 2], &out[i])) {
				struct arc_ranked t = out[i];
				out[i] = out[(i - 1) / 2];
				out[(i - 1) / 2] = t;
				i = (i - 1) / 2;
			}
		} else if (better(&c, &out[0])) {
			out[0] = c;
			sift_down(out, n, 0);
		}
	}
	qsort(out, n, sizeof(*out), by_rank);
	return n;
}

void
arc_ranking_free(struct arc_ranking *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nfresh; i++)
		free(r->fresh[i].counts);
	free(r->fresh);
	free(r->match);
	free(r->w);
	free(r->len);
	free(r->dirty);
	free(r->score);
	free(r->held);
	free(r);
}
