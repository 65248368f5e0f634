/* ranking.c: every document that holds any of a search's words, scored by BM25, from the ranking segments and FTS5. */
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pg.h"

/* Okapi BM25's usual constants, as FTS5's bm25(). */
#define K1 1.2
#define B 0.75
/* Changed documents looked up one by one in FTS5; more, all at once. */
#define DIRTY_ONE_BY_ONE 256

/*
 * A query word is also looked up as OCR may have misread it
 * (arc_query_misreadings), as its other forms are: "pemerintah" finds a
 * scan that reads "pernerintah".  Of its misreadings, the first
 * MISREAD_KEPT that the archive has are read.
 */
#define MISREAD_KEPT 8
/*
 * An occurrence of a misreading counts MISREAD_PARTS of the word's
 * WORD_PARTS: a paper found only by its misreading ranks below one with
 * the word as typed as often (same length, same other words).  It is the
 * same term otherwise, weighed by the word's documents: as rare as the
 * misreading is, it would else outweigh the word.
 */
#define WORD_PARTS 2
#define MISREAD_PARTS 1

/* A query word, or one of its misreadings (after the words). */
struct rank_word {
	char fts[2 * ARC_WORD_MAX + 16];        /* as an FTS5 string */
	char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1];
	size_t lens[ARC_FORMS_MAX];
	int nforms;
	int of;         /* a misreading: its word's index; a word: -1 */
	int as_typed;   /* a word of phrases alone: not misread */
	int dropped;    /* a misreading commoner than its word */
	long df;        /* documents: the commonest form's in the segments,
	                 * plus those of the others that have it */
	double idf;
};

/* A document no segment holds (or holds as it was): its counts from FTS5
 * (arc_counts), or from its text on PostgreSQL (pg_fresh). */
struct fresh {
	sqlite3_int64 id;
	uint32_t *counts;       /* per word, then the length */
};

struct arc_ranking {
	struct arc_store *s;
	struct rank_word *w;
	int nw;                         /* the query's words */
	int nt;                         /* and their misreadings, after */
	size_t wcap;
	sqlite3_int64 top;              /* the highest id */
	sqlite3_int64 covered;          /* the last id a segment holds */
	double docs, avg_len;
	uint32_t *len;                  /* by id, from the segments */
	unsigned char *dirty;           /* by id, or NULL: none */
	sqlite3_int64 *dirty_ids;
	size_t ndirty;
	struct fresh *fresh;
	size_t nfresh, fresh_cap;
	float *score;                   /* by id */
	unsigned char *held;            /* by id: how many of the words */
	long matches;
	int any_whole;                  /* a document holds every word */
	char *match;                    /* fts_query's */
	/* A PostgreSQL archive's segments (pgrank.c): each id's postings
	 * count in the newest segment that holds it (owner, by id: its
	 * place in segs), as one document may be in two offices' segments,
	 * or in an older one as it was before it changed. */
	uint32_t *owner;
	long long *segs;
	size_t nsegs;
	long shadowed;                  /* ids an older segment holds too */
	struct arc_error *err;
	int pg_failed;                  /* err says why */
	struct arc_word_cache *words;   /* the caller's, or NULL */
	struct arc_ranked *best;        /* the BEST_KEPT best, best first */
	size_t nbest;
	struct arc_stemmers *st;        /* while running: the lead's forms */
	int ind, eng;                   /* the query's stems: make_term's */
};

size_t
arc_sqlite_varint(const unsigned char *p, size_t n, uint64_t *v)
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

		at = p != NULL ? arc_sqlite_varint(p, n, &rows) : 0;
		for (int c = 0; at > 0 && c < ARC_RANK_COLUMNS; c++) {
			if ((k = arc_sqlite_varint(p + at, n - at, &col)) == 0)
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

/*
 * An array by id, zeroed, for free(): megabytes in a large archive, asked
 * in huge pages where the kernel lends them (madvise), as every 4 KB page
 * first touched was a fault, a tenth of a search of common words in a
 * million pages (bench/README, session 24).
 */
#define HUGE_PAGE ((size_t)2 << 20)

static void *
by_id(const struct arc_ranking *r, size_t size)
{
	size_t bytes;
	void *p;

	/* As calloc would: no size that wraps (32-bit size_t). */
	if ((size_t)r->top >= (SIZE_MAX - HUGE_PAGE) / size)
		return NULL;
	bytes = ((size_t)r->top + 1) * size;
	if (bytes < HUGE_PAGE)
		return calloc(1, bytes);
	bytes = (bytes + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (posix_memalign(&p, HUGE_PAGE, bytes) != 0)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, bytes, MADV_HUGEPAGE);
#endif
	memset(p, 0, bytes);
	return p;
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

/* The documents changed since the segments were made. */
static int
read_dirty(struct arc_ranking *r)
{
	sqlite3_int64 **ids = &r->dirty_ids;
	size_t *n = &r->ndirty, cap = 0;
	sqlite3_stmt *st;
	int rc;

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

/* ---- A PostgreSQL archive's segments (pgrank.c) ----------------------- */

/*
 * Its segments' lengths (the newest holding an id counts), and the
 * documents new or changed since they were made: every id is "covered",
 * those changed or new scored from their words (fresh_documents).
 */
static int
pg_segments(struct arc_ranking *r)
{
	long long *todo = NULL, *lens = NULL;
	size_t ntodo = 0;
	double docs, tokens;

	if ((r->owner = calloc((size_t)r->top + 1, sizeof(*r->owner))) ==
	    NULL)
		return ARC_FATAL;
	if (arc_pg_rank_lengths(r->s, r->top, r->len, r->owner, &r->segs,
	    &r->nsegs, &docs, &tokens, &r->shadowed, r->err) != ARC_OK ||
	    arc_pg_rank_todo(r->s, &todo, &lens, &ntodo, r->err) != ARC_OK) {
		free(todo);
		free(lens);
		r->pg_failed = 1;
		return ARC_FATAL;
	}
	r->covered = r->top;
	/* The totals as they are now: a changed document's length its
	 * new one, as FTS5's totals would have it. */
	for (size_t i = 0; i < ntodo; i++) {
		long long id = todo[i];

		if (id < 0 || id > r->top)
			continue;
		if (r->dirty == NULL &&
		    (r->dirty = calloc((size_t)r->top + 1, 1)) == NULL) {
			free(todo);
			free(lens);
			return ARC_FATAL;
		}
		r->dirty[id] = 1;
		r->ndirty++;
		if (r->owner[id] != 0) {
			docs -= 1;
			tokens -= r->len[id];
		}
		docs += 1;
		tokens += (double)lens[i];
	}
	r->docs = docs;
	r->avg_len = docs > 0 && tokens > 0 ? tokens / docs : 1.0;
	free(todo);
	free(lens);
	return ARC_OK;
}

/* The forms of n terms (those dropped left out) OR'ed as a tsquery;
 * malloc'd, NULL when out of memory. */
static char *
pg_tsquery(const struct rank_word *w, int n)
{
	size_t size = 1, at = 0;
	char *q;

	for (int i = 0; i < n; i++)
		for (int f = 0; f < w[i].nforms; f++)
			size += 2 * w[i].lens[f] + 6;
	if ((q = malloc(size)) == NULL)
		return NULL;
	q[0] = '\0';
	for (int i = 0; i < n; i++)
		for (int f = 0; !w[i].dropped && f < w[i].nforms; f++) {
			if (at > 0) {
				memcpy(q + at, " | ", 4);
				at += 3;
			}
			at += arc_pg_lexeme(q + at, w[i].forms[f],
			    w[i].lens[f]);
		}
	return q;
}

/* A new or changed document that holds a word: its counts, as FTS5's
 * arc_counts gives them (each token of a column counting its weight),
 * then its length in tokens. */
static int
pg_fresh(void *ctx, long long id, const struct fts_columns *c)
{
	struct arc_ranking *r = ctx;
	const char *cols[ARC_RANK_COLUMNS] = { c->body, c->title, c->tags,
	    c->fields };
	uint32_t ntoks = 0, *counts;
	struct fresh *f;

	if (id < 0 || id > r->top)
		return ARC_OK;
	if (arc_grow(&r->fresh, &r->fresh_cap, r->nfresh, 1,
	    sizeof(*r->fresh)) != ARC_OK || (counts = calloc((size_t)r->nt +
	    1, sizeof(*counts))) == NULL)
		return ARC_FATAL;
	for (int k = 0; k < ARC_RANK_COLUMNS; k++)
		for (const char *p = cols[k]; *p != '\0';) {
			const char *e = p + strcspn(p, " ");
			size_t n = (size_t)(e - p);

			ntoks += n > 0;
			for (int i = 0; n > 0 && i < r->nt; i++)
				for (int m = 0; m < r->w[i].nforms; m++)
					if (r->w[i].lens[m] == n && memcmp(
					    r->w[i].forms[m], p, n) == 0) {
						counts[i] += (uint32_t)
						    arc_rank_weight[k];
						break;
					}
			p = *e == ' ' ? e + 1 : e;
		}
	counts[r->nt] = ntoks;
	f = &r->fresh[r->nfresh++];
	f->id = id;
	f->counts = counts;
	for (int i = 0; i < r->nt; i++)
		r->w[i].df += counts[i] > 0;
	return ARC_OK;
}

/* fresh_documents' and in_fts's, of a PostgreSQL archive. */
static int
pg_fresh_documents(struct arc_ranking *r)
{
	if ((r->match = pg_tsquery(r->w, r->nt)) == NULL)
		return ARC_FATAL;
	if (r->ndirty == 0 || r->match[0] == '\0')
		return ARC_OK;
	if (arc_pg_rank_fresh(r->s, r->match, pg_fresh, r, r->err) != ARC_OK)
		return r->pg_failed = 1, ARC_FATAL;
	return ARC_OK;
}

static int
pg_in_fts(struct arc_ranking *r, const struct rank_word *w)
{
	char *q = pg_tsquery(w, 1);
	int rc = q != NULL ? arc_pg_rank_any(r->s, q, r->err) : ARC_FATAL;

	r->pg_failed |= q != NULL && rc == ARC_FATAL;
	free(q);
	return rc;
}

/* The query's words and misreadings OR'ed, each an FTS5 string, in the
 * order of r->w; those dropped left out. */
static char *
fts_query(const struct arc_ranking *r)
{
	size_t size = 1;
	char *q;

	for (int i = 0; i < r->nt; i++)
		size += strlen(r->w[i].fts) + 4;
	if ((q = malloc(size)) == NULL)
		return NULL;
	q[0] = '\0';
	for (int i = 0; i < r->nt; i++) {
		if (r->w[i].dropped)
			continue;
		if (q[0] != '\0')
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
		size_t bytes = (size_t)(r->nt + 1) * sizeof(uint32_t);
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
		for (int i = 0; i < r->nt; i++)
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
	sqlite3_int64 *dirty = r->dirty_ids;
	size_t ndirty = r->ndirty;
	char *match;
	int rc;

	if (r->s->pg != NULL)
		return pg_fresh_documents(r);
	match = r->match = fts_query(r);
	rc = match == NULL ? ARC_FATAL : ARC_OK;

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
	return rc;
}

/* A form's postings in one segment (of place: PostgreSQL's). */
struct postings {
	unsigned char *data;
	size_t len;
	int form;
	uint32_t place;
};

struct word_postings {
	struct postings *p;
	size_t n, cap;
};

/* A copy of a segment's postings of form f, after out's. */
static int
keep_postings(struct word_postings *out, const void *data, size_t len,
    int form, uint32_t place)
{
	struct postings *p;

	if (arc_grow(&out->p, &out->cap, out->n, 1, sizeof(*out->p)) != ARC_OK)
		return ARC_FATAL;
	p = &out->p[out->n];
	if ((p->data = malloc(len ? len : 1)) == NULL)
		return ARC_FATAL;
	memcpy(p->data, data, len);
	p->len = len;
	p->form = form;
	p->place = place;
	out->n++;
	return ARC_OK;
}

/* Form f's postings in every segment (SQLite's), their documents in
 * *df. */
static int
sqlite_postings(struct arc_ranking *r, const struct rank_word *w, int f,
    struct word_postings *out, long *df)
{
	sqlite3_stmt *st;
	int rc;

	if (arc_store_prepare(r->s, "SELECT df, data FROM rank_post "
	    "WHERE term = ?", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, w->forms[f], (int)w->lens[f], SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*df += (long)sqlite3_column_int64(st, 0);
		if (keep_postings(out, sqlite3_column_blob(st, 1), (size_t)
		    sqlite3_column_bytes(st, 1), f, 0) != ARC_OK) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

/* A PostgreSQL archive's rows of one form's postings. */
struct pg_rows {
	struct arc_ranking *r;
	struct word_postings *out;
	int form;
	long df;
};

static int
pg_posting(void *ctx, long long segment, long df, const unsigned char *data,
    size_t len)
{
	struct pg_rows *c = ctx;
	uint32_t place = arc_pg_rank_place(c->r->segs, c->r->nsegs, segment);

	/* Made since this search's snapshot: not among its segments. */
	if (place == 0)
		return ARC_OK;
	c->df += df;
	return keep_postings(c->out, data, len, c->form, place);
}

static long live_postings(const struct arc_ranking *r,
    const struct postings *p);

/*
 * Every segment's postings of each form of word w, and w's df: the most
 * documents one form has.  While some documents have changed since the
 * segments counted them, or (PostgreSQL) an older segment holds a
 * document again (an older version, or another office's), a form's
 * documents are those its postings give the search, walked: else they
 * would be counted twice.
 */
static int
read_postings(struct arc_ranking *r, struct rank_word *w,
    struct word_postings *out)
{
	long most = 0;

	for (int f = 0; f < w->nforms; f++) {
		struct pg_rows c = { r, out, f, 0 };
		size_t first = out->n;

		if (r->s->pg == NULL) {
			if (sqlite_postings(r, w, f, out, &c.df) != ARC_OK)
				return ARC_FATAL;
		} else if (arc_pg_rank_postings(r->s, w->forms[f], w->lens[f],
		    pg_posting, &c, r->err) != ARC_OK) {
			r->pg_failed = 1;
			return ARC_FATAL;
		}
		if (r->dirty != NULL || r->shadowed > 0) {
			c.df = 0;
			for (size_t k = first; k < out->n; k++)
				c.df += live_postings(r, &out->p[k]);
		}
		if (c.df > most)
			most = c.df;
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
	uint32_t place;
};

/* The next document the segment holds as it is, and its count: 1, or 0
 * at the end (or where the postings are cut short). */
static int
next_posting(const struct arc_ranking *r, struct posting_walk *w,
    uint64_t *id, uint64_t *count)
{
	while (w->at < w->end) {
		uint64_t gap;
		size_t a, b = 0;

		/* A common word's gaps are small: most take one byte, read
		 * here rather than by a call for each posting. */
		if (*w->at < 0x80) {
			gap = *w->at;
			a = 1;
		} else {
			a = arc_varint_get(w->at, w->end, &gap);
		}

		*count = 1;
		if (a == 0 || ((gap & 1) == 0 && (b = arc_varint_get(w->at + a,
		    w->end, count)) == 0))
			return 0;
		w->at += a + b;
		w->id += gap >> 1;
		if (w->id > (uint64_t)r->covered || (r->dirty != NULL &&
		    r->dirty[w->id]) || r->len[w->id] == 0 ||
		    (r->owner != NULL && r->owner[w->id] != w->place))
			continue;
		*id = w->id;
		return 1;
	}
	return 0;
}

/* How many documents a segment's postings give the search. */
static long
live_postings(const struct arc_ranking *r, const struct postings *p)
{
	struct posting_walk pw = { p->data, p->data + p->len, 0, p->place };
	uint64_t id, count;
	long n = 0;

	while (next_posting(r, &pw, &id, &count))
		n++;
	return n;
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
 * A word's BM25 parts for counts 1 to PART_COUNTS in documents shorter
 * than PART_LENGTHS, worked out once for a word of many postings: the two
 * divisions of every posting were a sixth of a search of common words in
 * a million pages (bench/README, session 24).  The same double arithmetic
 * as add_score's, then float: the scores are the same to the bit.  NULL
 * (out of memory, or a word of few postings): each worked out as it comes.
 */
#define PART_COUNTS 32
#define PART_LENGTHS 1024
#define PARTS_WORTH (4 * PART_COUNTS * PART_LENGTHS)

static float *
word_parts(const struct arc_ranking *r, const struct rank_word *w)
{
	float *parts = malloc(PART_COUNTS * PART_LENGTHS * sizeof(*parts));

	if (parts == NULL)
		return NULL;
	for (int c = 0; c < PART_COUNTS; c++)
		for (int len = 0; len < PART_LENGTHS; len++)
			parts[c * PART_LENGTHS + len] = (float)bm25(r, w->idf,
			    (double)(c + 1), len);
	return parts;
}

static void
add_score_from(struct arc_ranking *r, const struct rank_word *w,
    const float *parts, uint64_t id, uint64_t count)
{
	uint32_t len = r->len[id];

	if (parts != NULL && count - 1 < PART_COUNTS && len < PART_LENGTHS) {
		r->score[id] += parts[(count - 1) * PART_LENGTHS + len];
		if (r->held[id] < UCHAR_MAX)
			r->held[id]++;
	} else {
		add_score(r, w, id, (double)count);
	}
}

/* Adds parts for each count of a term's postings to tf (by id), and the
 * ids first met to touched. */
static void
tally(const struct arc_ranking *r, const struct word_postings *wp,
    uint32_t parts, uint32_t *tf, uint32_t *touched, size_t *ntouched)
{
	uint64_t id, count;

	for (size_t k = 0; k < wp->n; k++) {
		struct posting_walk pw = { wp->p[k].data,
		    wp->p[k].data + wp->p[k].len, 0, wp->p[k].place };
		while (next_posting(r, &pw, &id, &count)) {
			if (tf[id] == 0)
				touched[(*ntouched)++] = (uint32_t)id;
			tf[id] += (uint32_t)count * parts;
		}
	}
}

/*
 * Adds word i's part of every score it has.  When more than one of its
 * forms is in the segments, or a misreading of it, their counts in one
 * document are summed first (tf, by id), as FTS5 counts colocated tokens
 * as one phrase; most words have one (the documents hold stems), and are
 * scored straight from their postings.
 */
static int
score_word(struct arc_ranking *r, int i, const struct word_postings *wp,
    uint32_t **tf, uint32_t **touched)
{
	const struct rank_word *w = &r->w[i];
	size_t ntouched = 0;
	uint64_t id, count;
	int forms = 0, misread = 0;

	for (int m = r->nw; m < r->nt; m++)
		misread |= r->w[m].of == i && !r->w[m].dropped && wp[m].n > 0;
	for (size_t k = 0; k < wp[i].n; k++)
		forms |= 1 << wp[i].p[k].form;
	if (!misread && (forms & (forms - 1)) == 0) {
		float *parts = w->df >= PARTS_WORTH ? word_parts(r, w) : NULL;
		for (size_t k = 0; k < wp[i].n; k++) {
			struct posting_walk pw = { wp[i].p[k].data,
			    wp[i].p[k].data + wp[i].p[k].len, 0,
			    wp[i].p[k].place };
			while (next_posting(r, &pw, &id, &count))
				add_score_from(r, w, parts, id, count);
		}
		free(parts);
		return ARC_OK;
	}
	if (*tf == NULL && ((*tf = calloc((size_t)r->top + 1,
	    sizeof(**tf))) == NULL || (*touched = malloc(((size_t)r->top +
	    1) * sizeof(**touched))) == NULL))
		return ARC_FATAL;
	tally(r, &wp[i], WORD_PARTS, *tf, *touched, &ntouched);
	for (int m = r->nw; m < r->nt; m++)
		if (r->w[m].of == i && !r->w[m].dropped)
			tally(r, &wp[m], MISREAD_PARTS, *tf, *touched,
			    &ntouched);
	for (size_t k = 0; k < ntouched; k++) {
		uint32_t doc = (*touched)[k];
		add_score(r, w, doc, (double)(*tf)[doc] / WORD_PARTS);
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
			uint64_t parts = (uint64_t)f->counts[i] * WORD_PARTS;
			for (int m = r->nw; m < r->nt; m++)
				if (r->w[m].of == i && !r->w[m].dropped)
					parts += (uint64_t)f->counts[m] *
					    MISREAD_PARTS;
			if (parts == 0)
				continue;
			r->score[f->id] += (float)bm25(r, r->w[i].idf,
			    (double)parts / WORD_PARTS, f->counts[r->nt]);
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

/* w as the lower-case word (wlen bytes) of a query: its forms and its
 * FTS5 string, for the tokenizer to find the same forms. */
static void
make_term(struct rank_word *w, struct arc_stemmers *st, const char *lang,
    const char *word, size_t wlen)
{
	int ind = lang == NULL || strcmp(lang, "eng") != 0;
	int eng = lang == NULL || strcmp(lang, "ind") != 0;
	char *q;

	memset(w, 0, sizeof(*w));
	w->of = -1;
	w->nforms = arc_word_forms(st, ind, eng, word, wlen, w->forms,
	    w->lens);
	for (int f = 0; f < w->nforms; f++)
		w->forms[f][w->lens[f]] = '\0';
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

/* A term more at the end of r->w: NULL when out of memory. */
static struct rank_word *
new_term(struct arc_ranking *r)
{
	if (arc_grow(&r->w, &r->wcap, (size_t)r->nt, 1, sizeof(*r->w)) !=
	    ARC_OK)
		return NULL;
	return &r->w[r->nt++];
}

/*
 * Each distinct word of the texts, with its forms and FTS5 string; those
 * of phrases (phrase[t]) alone are not misread, as a phrase is found as
 * written.  The stopwords as typed (yang, apa, the, of) are left out,
 * unless there is nothing else: the rest are weighed by how many
 * documents have them, which also takes the weight from a stem every text
 * has ("diadakan" is "ada").  Leaving them out was measured better than
 * weighing them too (bench/README, bench/quality).
 */
static int
add_words(struct arc_ranking *r, struct arc_stemmers *st, const char *lang,
    const char *const *texts, const int *phrase, int ntexts)
{
	int skip_stopwords = has_content(texts, ntexts);

	for (int t = 0; t < ntexts; t++) {
		const char *text = texts[t];
		size_t n = strlen(text), at = 0, start, wlen;
		char word[ARC_WORD_MAX + 1];

		while ((at = arc_next_word(text, n, at, &start, word,
		    &wlen)) <= n && wlen > 0) {
			struct rank_word *w = NULL;

			for (int i = 0; i < r->nw && w == NULL; i++)
				if (r->w[i].lens[0] == wlen &&
				    memcmp(r->w[i].forms[0], word, wlen) == 0)
					w = &r->w[i];
			word[wlen] = '\0';
			if (w != NULL) {
				w->as_typed &= phrase != NULL && phrase[t];
				continue;
			}
			if (skip_stopwords && arc_is_stopword(word))
				continue;
			if ((w = new_term(r)) == NULL)
				return ARC_FATAL;
			r->nw++;
			make_term(w, st, lang, word, wlen);
			w->as_typed = phrase != NULL && phrase[t];
		}
	}
	return ARC_OK;
}

/* Is the term in a document FTS5 holds?  1, 0, or ARC_FATAL. */
static int
in_fts(struct arc_ranking *r, const struct rank_word *w)
{
	sqlite3_stmt *st;
	int rc;

	if (r->s->pg != NULL)
		return pg_in_fts(r, w);
	if (arc_store_prepare(r->s, "SELECT 1 FROM fts WHERE fts MATCH ? "
	    "LIMIT 1", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, w->fts, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : ARC_FATAL;
}

/* v with its ASCII letters in capitals: all, the first, or none (only
 * those at [from, to) made I when i). */
static void
cased(const char *v, char *out, int how, size_t from, size_t to)
{
	size_t i = 0;

	for (; v[i] != '\0'; i++) {
		int up = how == 2 || (how == 1 && i == 0) ||
		    (v[i] == 'i' && i >= from && i < to);
		out[i] = up && v[i] >= 'a' && v[i] <= 'z' ? (char)(v[i] - 32) :
		    v[i];
	}
	out[i] = '\0';
}

/*
 * Does the archive's vocabulary (the words of its texts as written, each
 * once: vocab.c) have the misreading v of word?  1 or 0; -1 when it cannot
 * tell (no vocabulary, or v a word it does not keep: one with a digit,
 * which the index has as it is); ARC_FATAL.  The texts' words are asked,
 * not the index's, whose stems a misreading may share with a word of its
 * own ("kasii" is "kasi").  A text writes the misreading in lower case,
 * with a capital, in capitals, or with a capital I that OCR read for l
 * (keIurahan, KeIurahan): each is one seek.
 */
static int
in_vocabulary(struct arc_ranking *r, const char *word, const char *v)
{
	size_t len = strlen(v), wlen = strlen(word), from = 0, to = len;
	char form[ARC_WORD_MAX + 1], last[ARC_WORD_MAX + 1] = "";
	sqlite3_stmt *st;
	int rc = SQLITE_DONE;

	/* PostgreSQL's vocabulary keeps the words in lower case, and only
	 * those of the documents counted into segments: while some wait,
	 * the segments and the waiting documents tell instead. */
	if (r->s->pg != NULL)
		return r->s->pg->vocab == 0 || r->ndirty > 0 ||
		    !arc_textcode_worthy(v, len) ? -1 :
		    arc_pg_vocab_has(r->s, v, r->err);
	if (!r->s->has_coded || !arc_textcode_worthy(v, len))
		return -1;
	/* The letters OCR changed: between what v and word share at their
	 * start and at their end. */
	while (from < len && from < wlen && v[from] == word[from])
		from++;
	while (to > from && wlen - (len - to) > from &&
	    v[to - 1] == word[wlen - (len - to) - 1])
		to--;
	if (arc_store_prepare(r->s, "SELECT 1 FROM word WHERE w = ?", &st) !=
	    SQLITE_OK)
		return ARC_FATAL;
	for (int how = 0; how < 5 && rc == SQLITE_DONE; how++) {
		cased(v, form, how % 3, how < 3 ? 0 : from, how < 3 ? 0 : to);
		if (strcmp(form, last) == 0)
			continue;
		memcpy(last, form, len + 1);
		sqlite3_bind_text(st, 1, form, (int)len, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : ARC_FATAL;
}

/* Has a term so far one of w's forms? */
static int
shares_form(const struct arc_ranking *r, const struct rank_word *w)
{
	for (int t = 0; t < r->nt; t++)
		for (int a = 0; a < r->w[t].nforms; a++)
			for (int b = 0; b < w->nforms; b++)
				if (r->w[t].lens[a] == w->lens[b] &&
				    memcmp(r->w[t].forms[a], w->forms[b],
				    w->lens[b]) == 0)
					return 1;
	return 0;
}

static void
postings_clear(struct word_postings *wp)
{
	for (size_t k = 0; k < wp->n; k++)
		free(wp->p[k].data);
	free(wp->p);
	memset(wp, 0, sizeof(*wp));
}

/* The length of w's shortest form. */
static size_t
shortest_form(const struct rank_word *w)
{
	size_t n = SIZE_MAX;

	for (int f = 0; f < w->nforms; f++)
		if (w->lens[f] < n)
			n = w->lens[f];
	return n;
}

/*
 * Where no vocabulary tells whether a text writes a misreading
 * (PostgreSQL's archive, a word with a digit), its stems must: but OCR
 * puts one letter for another (or two for one), and a misreading that the
 * stemmer cut two letters more than its word was cut into another word
 * ("mempeIai", read "mempeiai", has the stem "ia" of a word of its own,
 * where "mempelai" has "pela"; "auth" read "autli" has the English stem
 * "aut" of "menautkan", where "auth" keeps all its letters).  Such a
 * misreading is not looked for: a text that really writes it is then
 * found by SQLite's vocabulary, not on PostgreSQL.
 */
static int
stem_shrank(const struct rank_word *word, const struct rank_word *m)
{
	size_t mine = m->lens[0] - shortest_form(m);
	size_t its = word->lens[0] - shortest_form(word);

	return mine > its && mine - its >= 2;
}

/*
 * Adds, after the words, each word's misreadings that the archive's texts
 * have (their postings into wp, which has room for MISREAD_KEPT a word):
 * those its vocabulary has; where it cannot tell, those in a segment, or,
 * while some documents are in none, those FTS5 finds.  Each is looked
 * up, never found by a walk over the vocabulary.  One with a form of a
 * word or of another misreading is left out: it is that word already.
 */
static int
add_misreadings(struct arc_ranking *r, struct arc_stemmers *st,
    const char *lang, struct word_postings *wp)
{
	int fresh = !r->s->has_ranking || r->covered < r->top ||
	    r->ndirty > 0;
	char v[ARC_MISREAD_TRIED][ARC_WORD_MAX + 1];

	for (int i = 0; i < r->nw; i++) {
		int n, kept = 0;

		if (r->w[i].as_typed)
			continue;
		n = arc_query_misreadings(r->w[i].forms[0], r->w[i].lens[0],
		    v);
		for (int k = 0; k < n && kept < MISREAD_KEPT; k++) {
			struct word_postings *p = &wp[r->nt];
			struct rank_word m, *added;
			int found;

			make_term(&m, st, lang, v[k], strlen(v[k]));
			if (shares_form(r, &m))
				continue;
			m.of = i;
			if ((found = in_vocabulary(r, r->w[i].forms[0],
			    v[k])) == 0 || (found == -1 &&
			    stem_shrank(&r->w[i], &m)))
				continue;
			if (found == ARC_FATAL || (r->s->has_ranking &&
			    read_postings(r, &m, p) != ARC_OK))
				return ARC_FATAL;
			if (found < 0)
				found = p->n > 0;
			if (!found && fresh && (found = in_fts(r, &m)) < 0)
				return ARC_FATAL;
			if (!found) {
				postings_clear(p);
				continue;
			}
			if ((added = new_term(r)) == NULL)
				return ARC_FATAL;
			*added = m;
			kept++;
		}
	}
	return ARC_OK;
}

/*
 * Drops the misreadings commoner than their word: such a "misreading" is
 * a word of its own ("modem" for "modern", "dear" for "clear"), and would
 * make the word look commoner than it is.  A word no document has keeps
 * them all: the archive has it misread, if at all.  Then a word's
 * documents are the most of its own and of its misreadings', as of its
 * forms'; the FTS5 query is made again without those dropped.
 */
static int
weigh_misreadings(struct arc_ranking *r)
{
	int dropped = 0;

	for (int m = r->nw; m < r->nt; m++) {
		struct rank_word *v = &r->w[m];
		long own = r->w[v->of].df;
		dropped |= v->dropped = own > 0 && v->df > own;
	}
	for (int m = r->nw; m < r->nt; m++) {
		struct rank_word *v = &r->w[m], *w = &r->w[v->of];
		if (!v->dropped && v->df > w->df)
			w->df = v->df;
	}
	if (!dropped)
		return ARC_OK;
	free(r->match);
	r->match = r->s->pg != NULL ? pg_tsquery(r->w, r->nt) : fts_query(r);
	return r->match != NULL ? ARC_OK : ARC_FATAL;
}

/* A PostgreSQL archive's snapshot (unless the caller's transaction is
 * one), and its highest id. */
static int
pg_begin(struct arc_ranking *r, int *own)
{
	PGresult *res;

	if (PQtransactionStatus(r->s->pg->conn) == PQTRANS_IDLE) {
		if (arc_pg_exec(r->s, "BEGIN ISOLATION LEVEL REPEATABLE READ "
		    "READ ONLY", r->err) != ARC_OK)
			return r->pg_failed = 1, ARC_FATAL;
		*own = 1;
	}
	if ((res = arc_pg_query(r->s, "SELECT coalesce(max(id), 0) FROM doc",
	    0, NULL, r->err)) == NULL)
		return r->pg_failed = 1, ARC_FATAL;
	r->top = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return ARC_OK;
}

/*
 * The words as written.  The index holds a text's words by their stems,
 * so "dilahirkan" and "lahir" count alike; yet a text that writes a word
 * as the question does is more often the one asked for.  The WRITTEN_BEST
 * best documents are read again, and each word of the query a text
 * writes as it was typed adds WRITTEN_WEIGHT of its BM25 part once more
 * (its count as written, the text's own length in words).  TyDi-id's
 * questions, MRR@100 of arc-find: odd half 0.6744 -> 0.6793, even
 * 0.6873 -> 0.6932, odd with 50,000 newer pages 0.5440 -> 0.5590; in a
 * BM25 in Python re-reading the first 10 gained as much as scoring all
 * (bench/README, session 22).  A stage after the ranking of every match:
 * only the order among the first changes.
 */
#define WRITTEN_BEST 10
#define WRITTEN_WEIGHT 0.5

/*
 * The lead.  A text that names the question's subject in its first words
 * (an encyclopaedia's article its own, a letter its sender, an abstract
 * its title) is more often the one asked for than one that names it
 * further on.  Each word of the query that one of the first LEAD_WORDS
 * words of a text has, by any form (as written or stemmed), adds
 * LEAD_WEIGHT of the word's idf, once, for the same WRITTEN_BEST.  In
 * Python over arc-find's first 30 on TyDi-id (bench/README, session 26):
 * odd half 0.6786 -> 0.7025 MRR@100, even 0.6926 -> 0.7151; 5 or 20 words
 * and weights 0.25 or 1.0 gained less on both halves.
 */
#define LEAD_WORDS 10
#define LEAD_WEIGHT 0.5

/*
 * The best BEST_KEPT are kept after the words as written count: a pass
 * over every id is a tenth of a search at a million pages, and the
 * caller's first ask (four times its limit of 10, find.c) is then
 * answered from them.  The best after that stage are among the best
 * before it, as it only raises the first WRITTEN_BEST: every document
 * outside the BEST_KEPT had as many better than it, and still has.
 * bench/find at 1M pages: every word common, p50 28 -> 22 ms; the same
 * answers (bench/README, session 25).
 */
#define BEST_KEPT 64
static int keep_best(struct arc_ranking *r);

/* Document id's text, malloc'd; NULL when it has none or it cannot be
 * read (then it gains nothing); *failed when the database fails. */
static char *
text_of(struct arc_ranking *r, sqlite3_int64 id, size_t *len, int *failed)
{
	struct arc_doc_row row;
	sqlite3_stmt *st;
	char *text = NULL;
	int found;

	if (r->s->pg != NULL) {
		PGresult *res = arc_pg_doc(r->s, id, &row, r->err);

		if (res == NULL) {
			r->pg_failed = *failed = 1;
			return NULL;
		}
		if (row.id != 0 && row.body != NULL &&
		    (text = strdup(row.body)) != NULL)
			*len = strlen(text);
		PQclear(res);
		return text;
	}
	found = arc_doc_find(r->s, ARC_DOC_BY_ID, id, NULL, 1, &st, &row);
	if (found == ARC_FATAL) {
		*failed = 1;
		return NULL;
	}
	if (found == 1) {
		if (arc_doc_text(r->s, r->words, &row, &text, len) != ARC_OK)
			text = NULL;
		sqlite3_reset(st);
	}
	return text;
}

/* Marks in lead the query's words that word (wlen bytes), one of a
 * text's first, has by any form. */
static void
mark_lead(const struct arc_ranking *r, const char *word, size_t wlen,
    unsigned char *lead)
{
	char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1];
	size_t lens[ARC_FORMS_MAX];
	int n = arc_word_forms(r->st, r->ind, r->eng, word, wlen, forms, lens);

	for (int i = 0; i < r->nw; i++)
		for (int f = 0; f < r->w[i].nforms && !lead[i]; f++)
			for (int g = 0; g < n && !lead[i]; g++)
				lead[i] = r->w[i].lens[f] == lens[g] &&
				    memcmp(r->w[i].forms[f], forms[g],
				    lens[g]) == 0;
}

/* best: the n best, best first.  The words as written count, and the
 * words of the lead. */
static int
favour_written(struct arc_ranking *r, const struct arc_ranked *best,
    size_t n)
{
	uint32_t *count;
	unsigned char *lead;
	int failed = 0;

	/* On SQLite the texts are read through the caller's word cache,
	 * which its snippets of the same texts then find filled. */
	if (r->nw == 0 || (r->s->pg == NULL && r->words == NULL))
		return ARC_OK;
	count = calloc((size_t)r->nw, sizeof(*count));
	lead = calloc((size_t)r->nw, 1);
	if (count == NULL || lead == NULL) {
		free(count);
		free(lead);
		return ARC_FATAL;
	}
	if (n > WRITTEN_BEST)
		n = WRITTEN_BEST;
	for (size_t k = 0; k < n && !failed; k++) {
		char word[ARC_WORD_MAX + 1], *text;
		size_t len = 0, at = 0, start, wlen;
		uint32_t all = 0;

		if ((text = text_of(r, best[k].id, &len, &failed)) == NULL)
			continue;
		memset(count, 0, (size_t)r->nw * sizeof(*count));
		memset(lead, 0, (size_t)r->nw);
		while ((at = arc_next_word(text, len, at, &start, word,
		    &wlen)) <= len && wlen > 0) {
			if (all++ < LEAD_WORDS)
				mark_lead(r, word, wlen, lead);
			for (int i = 0; i < r->nw; i++)
				if (r->w[i].lens[0] == wlen &&
				    memcmp(r->w[i].forms[0], word, wlen) == 0)
					count[i]++;
		}
		for (int i = 0; i < r->nw; i++)
			if (count[i] > 0)
				r->score[best[k].id] += (float)(WRITTEN_WEIGHT *
				    bm25(r, r->w[i].idf, count[i], all));
		for (int i = 0; i < r->nw; i++)
			if (lead[i])
				r->score[best[k].id] += (float)(LEAD_WEIGHT *
				    r->w[i].idf);
		free(text);
	}
	free(count);
	free(lead);
	return failed ? ARC_FATAL : ARC_OK;
}

int
arc_ranking_run(struct arc_store *s, const char *lang,
    const char *const *texts, const int *phrase, int ntexts,
    struct arc_word_cache *words, struct arc_ranking **out,
    struct arc_error *err)
{
	struct arc_ranking *r = calloc(1, sizeof(*r));
	struct word_postings *wp = NULL;
	struct arc_stemmers st = { 0 };
	uint32_t *tf = NULL, *touched = NULL;
	size_t nwp = 0;
	int rc = ARC_OK, own = 0;

	*out = NULL;
	if (r == NULL || arc_stemmers_init(&st) != ARC_OK) {
		free(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	r->s = s;
	r->err = err;
	r->words = words;
	r->st = &st;
	r->ind = lang == NULL || strcmp(lang, "eng") != 0;
	r->eng = lang == NULL || strcmp(lang, "ind") != 0;
	rc = add_words(r, &st, lang, texts, phrase, ntexts);
	/* One snapshot for the segments, the changes and FTS5: an
	 * arc-index counting them again meanwhile changes none of them. */
	if (rc == ARC_OK && s->pg != NULL)
		rc = pg_begin(r, &own);
	else if (rc == ARC_OK && sqlite3_get_autocommit(s->db)) {
		own = 1;
		if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
			rc = ARC_FATAL;
	}
	if (rc == ARC_OK && s->pg == NULL)
		r->top = arc_store_number(s, "SELECT coalesce(max(id), 0) "
		    "FROM doc", &rc);
	/* Ids are kept in 32 bits while scoring. */
	if (rc == ARC_OK && (r->top < 0 || r->top >= UINT32_MAX))
		rc = ARC_FATAL;
	if (rc == ARC_OK && s->pg == NULL && totals(r) != ARC_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK && ((r->len = by_id(r, sizeof(*r->len))) == NULL ||
	    (r->score = by_id(r, sizeof(*r->score))) == NULL ||
	    (r->held = by_id(r, sizeof(*r->held))) == NULL))
		rc = ARC_FATAL;
	if (rc == ARC_OK && s->pg != NULL && pg_segments(r) != ARC_OK)
		rc = ARC_FATAL;
	else if (rc == ARC_OK && s->pg == NULL && s->has_ranking &&
	    (read_lengths(r) != ARC_OK || read_dirty(r) != ARC_OK))
		rc = ARC_FATAL;
	/* Each word's postings, then those of its misreadings. */
	nwp = (size_t)r->nw * (1 + MISREAD_KEPT) + 1;
	if (rc == ARC_OK && (wp = calloc(nwp, sizeof(*wp))) == NULL)
		rc = ARC_FATAL;
	for (int i = 0; rc == ARC_OK && s->has_ranking && i < r->nw; i++)
		rc = read_postings(r, &r->w[i], &wp[i]);
	if (rc == ARC_OK)
		rc = add_misreadings(r, &st, lang, wp);
	if (rc == ARC_OK && fresh_documents(r) != ARC_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK)
		rc = weigh_misreadings(r);
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
		rc = score_word(r, i, wp, &tf, &touched);
	if (rc == ARC_OK)
		score_fresh(r);
	for (sqlite3_int64 id = 0; rc == ARC_OK && id <= r->top; id++) {
		r->matches += r->held[id] > 0;
		/* held counts to UCHAR_MAX: a longer query is whole there. */
		r->any_whole |= r->held[id] >= (r->nw < UCHAR_MAX ? r->nw :
		    UCHAR_MAX);
	}
	if (rc == ARC_OK)
		rc = keep_best(r);
	r->st = NULL;
	arc_stemmers_done(&st);
	free(tf);
	free(touched);
	for (size_t i = 0; wp != NULL && i < nwp; i++)
		postings_clear(&wp[i]);
	free(wp);
	if (rc != ARC_OK && s->pg != NULL) {
		if (!r->pg_failed)
			arc_error_set(err, "out of memory");
		arc_ranking_free(r);
		r = NULL;
	} else if (rc != ARC_OK) {
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
	if (own && s->pg != NULL)
		PQclear(PQexec(s->pg->conn, "COMMIT"));
	else if (own)
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

const char *
arc_ranking_misreading(const struct arc_ranking *r, int i)
{
	for (int m = r->nw; m < r->nt; m++)
		if (!r->w[m].dropped && i-- == 0)
			return r->w[m].forms[0];
	return NULL;
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

/* arc_ranking_top's answer from a pass over every id. */
static size_t
top_pass(const struct arc_ranking *r, size_t k, struct arc_ranked *out)
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

size_t
arc_ranking_top(const struct arc_ranking *r, size_t k,
    struct arc_ranked *out)
{
	/* The kept best are the whole answer when k is no more, or when
	 * they are every match. */
	if (r->best != NULL && (k <= BEST_KEPT || r->nbest < BEST_KEPT)) {
		size_t n = k < r->nbest ? k : r->nbest;
		memcpy(out, r->best, n * sizeof(*out));
		return n;
	}
	return top_pass(r, k, out);
}

static int
keep_best(struct arc_ranking *r)
{
	struct arc_ranked *best = malloc(BEST_KEPT * sizeof(*best));
	size_t n;

	if (best == NULL)
		return ARC_FATAL;
	n = top_pass(r, BEST_KEPT, best);
	if (favour_written(r, best, n) != ARC_OK) {
		free(best);
		return ARC_FATAL;
	}
	for (size_t i = 0; i < n; i++)
		best[i].score = r->score[best[i].id];
	qsort(best, n, sizeof(*best), by_rank);
	r->best = best;
	r->nbest = n;
	return ARC_OK;
}

void
arc_ranking_free(struct arc_ranking *r)
{
	if (r == NULL)
		return;
	free(r->best);
	for (size_t i = 0; i < r->nfresh; i++)
		free(r->fresh[i].counts);
	free(r->fresh);
	free(r->match);
	free(r->w);
	free(r->len);
	free(r->dirty);
	free(r->dirty_ids);
	free(r->owner);
	free(r->segs);
	free(r->score);
	free(r->held);
	free(r);
}
