/* rankseg.c: the ranking segments made from the archive's documents: every document's terms counted, so that a search ranks all its matches at once (ranking.c). */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/*
 * A segment is made in memory from its documents' rows, about 3 bytes a
 * (term, document): at most this many documents in one, so that making
 * one takes a few hundred megabytes at most, whatever the archive's size.
 */
#define SEGMENT_MAX_DOCS 250000
/* A new segment is merged with the one before while it holds at least
 * this share of it: each document is counted again a few times in all
 * (as the archive grows fourfold), not at every run. */
#define MERGE_SHARE 4
/* More changed or erased documents than this share of the archive (or
 * than DIRTY_MAX) are worth counting again: each is ranked from FTS5. */
#define DIRTY_SHARE 20
#define DIRTY_MAX 20000

const int arc_rank_weight[ARC_RANK_COLUMNS] = { 1, 12, 2, 2 };

/* One term's documents so far: for each, a varint of the gap from the
 * previous id (the first id whole) times two, plus one when the count is
 * 1; else the count follows, a varint too.  Most counts are 1: a byte a
 * document saved, a third of the segments' size. */
struct postings {
	unsigned char *data;
	size_t len, cap;
	sqlite3_int64 last;
	long df;
};

struct segment {
	sqlite3_int64 first, last;
	long docs;
	sqlite3_int64 tokens;
	uint32_t *lens;                 /* last - first + 1 */
	struct arc_strmap *terms;       /* term -> index into posts */
	char **names;
	struct postings *posts;
	size_t nposts, cap, names_cap;
};

size_t
arc_varint_put(unsigned char *out, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		out[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	out[n++] = (unsigned char)v;
	return n;
}

size_t
arc_varint_get(const unsigned char *p, const unsigned char *end, uint64_t *v)
{
	uint64_t x = 0;
	size_t i = 0;

	for (int shift = 0; p + i < end && shift < 64; shift += 7) {
		unsigned char c = p[i++];
		x |= (uint64_t)(c & 0x7f) << shift;
		if ((c & 0x80) == 0) {
			*v = x;
			return i;
		}
	}
	return 0;
}

static int
add_posting(struct segment *g, const char *term, size_t len,
    sqlite3_int64 id, unsigned count)
{
	struct postings *p;
	long at;

	if (!arc_strmap_get(g->terms, term, len, &at)) {
		if (arc_grow(&g->posts, &g->cap, g->nposts, 1,
		    sizeof(*g->posts)) != ARC_OK ||
		    arc_grow(&g->names, &g->names_cap, g->nposts, 1,
		    sizeof(*g->names)) != ARC_OK ||
		    (g->names[g->nposts] = strndup(term, len)) == NULL)
			return ARC_FATAL;
		/* The first id whole, the others as gaps. */
		memset(&g->posts[g->nposts], 0, sizeof(*g->posts));
		at = (long)g->nposts++;
		if (arc_strmap_put(g->terms, term, len, at) != ARC_OK)
			return ARC_FATAL;
	}
	p = &g->posts[at];
	if (arc_grow(&p->data, &p->cap, p->len, 20, 1) != ARC_OK)
		return ARC_FATAL;
	p->len += arc_varint_put(p->data + p->len, (uint64_t)(id - p->last) *
	    2 + (count == 1));
	if (count != 1)
		p->len += arc_varint_put(p->data + p->len, count);
	p->last = id;
	p->df++;
	return ARC_OK;
}

/* A document's terms, each token of column c counting arc_rank_weight[c]:
 * the columns are the FTS5 index's, space-separated tokens. */
struct doc_term {
	const char *s;
	size_t len;
	unsigned count;
};

static int
term_order(const void *a, const void *b)
{
	const struct doc_term *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* A document's terms, summed. */
static int
add_document(struct segment *g, sqlite3_int64 id, const struct fts_columns *c,
    struct doc_term **buf, size_t *cap)
{
	const char *cols[ARC_RANK_COLUMNS] = { c->body, c->title, c->tags,
	    c->fields };
	size_t n = 0, tokens = 0;

	for (int k = 0; k < ARC_RANK_COLUMNS; k++) {
		for (const char *p = cols[k]; *p != '\0';) {
			const char *e = p;
			while (*e != '\0' && *e != ' ')
				e++;
			if (e > p) {
				if (arc_grow(buf, cap, n, 1, sizeof(**buf)) !=
				    ARC_OK)
					return ARC_FATAL;
				(*buf)[n++] = (struct doc_term){ p,
				    (size_t)(e - p),
				    (unsigned)arc_rank_weight[k] };
				tokens++;
			}
			p = *e == ' ' ? e + 1 : e;
		}
	}
	/* Each term once, its counts summed. */
	qsort(*buf, n, sizeof(**buf), term_order);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		unsigned count = (*buf)[i].count;
		while (j < n && term_order(&(*buf)[i], &(*buf)[j]) == 0)
			count += (*buf)[j++].count;
		if (add_posting(g, (*buf)[i].s, (*buf)[i].len, id, count) !=
		    ARC_OK)
			return ARC_FATAL;
		i = j;
	}
	g->lens[id - g->first] = (uint32_t)(tokens > UINT32_MAX ? UINT32_MAX :
	    tokens);
	g->tokens += (sqlite3_int64)tokens;
	g->docs++;
	return ARC_OK;
}

static void
segment_free(struct segment *g)
{
	for (size_t i = 0; i < g->nposts; i++) {
		free(g->posts[i].data);
		free(g->names[i]);
	}
	free(g->posts);
	free(g->names);
	free(g->lens);
	arc_strmap_free(g->terms);
}

/* A segment being counted, and room for one document's terms. */
struct counting {
	struct segment *g;
	struct doc_term *buf;
	size_t cap;
};

static int
count_document(void *ctx, sqlite3_int64 id, const struct fts_columns *c)
{
	struct counting *k = ctx;

	return add_document(k->g, id, c, &k->buf, &k->cap);
}

/* The archived documents of ids first..last counted into g. */
static int
count_documents(struct arc_store *s, struct segment *g)
{
	struct counting k = { g, NULL, 0 };
	int rc = arc_doc_each_words(s, g->first, g->last, count_document, &k);

	free(k.buf);
	return rc;
}

/* Writes g in place of the segments within its ids, and forgets the
 * changes to documents it now holds as they are. */
static int
segment_write(struct arc_store *s, struct segment *g)
{
	sqlite3_stmt *st;
	sqlite3_int64 seg;

	/* The segments it replaces, and the changes it holds. */
	static const char *const replaced[] = {
		("DELETE FROM rank_post WHERE segment IN (SELECT id FROM "
		"rank_segment WHERE first >= ?1 AND last <= ?2)"),
		"DELETE FROM rank_segment WHERE first >= ?1 AND last <= ?2",
		"DELETE FROM rank_dirty WHERE id BETWEEN ?1 AND ?2",
	};

	for (size_t i = 0; i < sizeof(replaced) / sizeof(*replaced); i++) {
		if (arc_store_prepare(s, replaced[i], &st) != SQLITE_OK)
			return ARC_FATAL;
		sqlite3_bind_int64(st, 1, g->first);
		sqlite3_bind_int64(st, 2, g->last);
		if (arc_store_step_done(st) != ARC_OK)
			return ARC_FATAL;
	}
	if (arc_store_prepare(s, "INSERT INTO rank_segment (first, last, docs, "
	    "tokens, lens) VALUES (?, ?, ?, ?, ?)", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, g->first);
	sqlite3_bind_int64(st, 2, g->last);
	sqlite3_bind_int64(st, 3, g->docs);
	sqlite3_bind_int64(st, 4, g->tokens);
	sqlite3_bind_blob64(st, 5, g->lens, (sqlite3_uint64)(g->last -
	    g->first + 1) * sizeof(*g->lens), SQLITE_STATIC);
	if (arc_store_step_done(st) != ARC_OK)
		return ARC_FATAL;
	seg = sqlite3_last_insert_rowid(s->db);
	if (arc_store_prepare(s, "INSERT INTO rank_post (term, segment, df, "
	    "data) VALUES (?, ?, ?, ?)", &st) != SQLITE_OK)
		return ARC_FATAL;
	for (size_t i = 0; i < g->nposts; i++) {
		sqlite3_bind_text(st, 1, g->names[i], -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, seg);
		sqlite3_bind_int64(st, 3, g->posts[i].df);
		sqlite3_bind_blob64(st, 4, g->posts[i].data, g->posts[i].len,
		    SQLITE_STATIC);
		if (arc_store_step_done(st) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/* Counts the documents of ids first..last into one segment, in place of
 * those it covers, in one transaction. */
static int
make_segment(struct arc_store *s, sqlite3_int64 first, sqlite3_int64 last,
    struct arc_error *err)
{
	struct segment g = { .first = first, .last = last };
	int rc;

	g.terms = arc_strmap_new();
	g.lens = calloc((size_t)(last - first + 1), sizeof(*g.lens));
	if (g.terms == NULL || g.lens == NULL) {
		segment_free(&g);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	if (arc_store_exec(s, "BEGIN IMMEDIATE", err) != ARC_OK) {
		segment_free(&g);
		return ARC_FATAL;
	}
	rc = count_documents(s, &g);
	if (rc == ARC_OK)
		rc = segment_write(s, &g);
	segment_free(&g);
	if (rc != ARC_OK) {
		arc_store_fail(s, err);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return ARC_FATAL;
	}
	return arc_store_exec(s, "COMMIT", err);
}

/* The segments, in order of ids. */
struct seg_row {
	sqlite3_int64 first, last, docs;
};

static int
read_segments(struct arc_store *s, struct seg_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (arc_store_prepare(s, "SELECT first, last, docs FROM rank_segment "
	    "ORDER BY first", &st) != SQLITE_OK)
		return ARC_FATAL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arc_grow(rows, &cap, *n, 1, sizeof(**rows)) != ARC_OK) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
		(*rows)[*n].first = sqlite3_column_int64(st, 0);
		(*rows)[*n].last = sqlite3_column_int64(st, 1);
		(*rows)[(*n)++].docs = sqlite3_column_int64(st, 2);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

sqlite3_int64
arc_store_number(struct arc_store *s, const char *sql, int *rc)
{
	sqlite3_stmt *st;
	sqlite3_int64 v = 0;

	if (arc_store_prepare(s, sql, &st) != SQLITE_OK) {
		*rc = ARC_FATAL;
		return 0;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		*rc = ARC_FATAL;
	sqlite3_reset(st);
	return v;
}

/* Makes segments of the ids first..last, SEGMENT_MAX_DOCS ids at most
 * each. */
static int
make_segments(struct arc_store *s, sqlite3_int64 first, sqlite3_int64 last,
    struct arc_error *err)
{
	for (sqlite3_int64 at = first; at <= last; at += SEGMENT_MAX_DOCS) {
		sqlite3_int64 end = at + SEGMENT_MAX_DOCS - 1;
		if (make_segment(s, at, end < last ? end : last, err) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

int
arc_rank_update(struct arc_store *s, int whole, struct arc_error *err)
{
	struct seg_row *seg = NULL;
	size_t n = 0;
	sqlite3_int64 top, covered, dirty, docs;
	int rc = ARC_OK;

	if (!s->has_ranking || s->readonly)
		return ARC_OK;
	top = arc_store_number(s, "SELECT coalesce(max(id), 0) FROM doc", &rc);
	dirty = arc_store_number(s, "SELECT count(*) FROM rank_dirty", &rc);
	if (rc != ARC_OK || read_segments(s, &seg, &n) != ARC_OK) {
		free(seg);
		return arc_store_fail(s, err);
	}
	covered = n > 0 ? seg[n - 1].last : 0;
	docs = 0;
	for (size_t i = 0; i < n; i++)
		docs += seg[i].docs;
	/* Counted again whole: asked, or too many documents changed since
	 * (or the ids went back: documents erased at the end). */
	if (whole || top < covered || dirty > DIRTY_MAX ||
	    (dirty > 0 && dirty * DIRTY_SHARE > docs)) {
		free(seg);
		if (arc_store_exec(s, "BEGIN IMMEDIATE; DELETE FROM rank_post; "
		    "DELETE FROM rank_segment; DELETE FROM rank_dirty; COMMIT",
		    err) != ARC_OK)
			return ARC_FATAL;
		return top > 0 ? make_segments(s, 1, top, err) : ARC_OK;
	}
	if (top > covered) {
		/* The new documents, merged with the last segment while it
		 * is not much larger, so that segments grow fourfold. */
		sqlite3_int64 from = covered + 1;
		while (n > 0 && seg[n - 1].docs < MERGE_SHARE * (top - from + 1)
		    && top - seg[n - 1].first < SEGMENT_MAX_DOCS)
			from = seg[--n].first;
		rc = make_segments(s, from, top, err);
	}
	free(seg);
	return rc;
}
