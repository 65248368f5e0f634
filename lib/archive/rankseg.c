/* rankseg.c: the ranking segments made from the archive's documents: every document's terms counted, so that a search ranks all its matches at once (ranking.c). */
#include <pthread.h>
#include <stdio.h>
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

/*
 * A term of a segment and its documents so far: for each, a varint of the
 * gap from the previous id (the first id whole) times two, plus one when
 * the count is 1; else the count follows, a varint too.  Most counts are
 * 1: a byte a document saved, a third of the segments' size.  One cache
 * line a term, its name in it when short: counting a document's words
 * looks up a term for each, and its rarer words' terms are in no cache;
 * a map of names to an array of postings waited for memory once more.
 */
#define TERM_INLINE 16
struct term {
	union {
		char bytes[TERM_INLINE];
		char *ptr;              /* len > TERM_INLINE: malloc'd */
	} name;
	uint32_t len;
	uint32_t df;
	sqlite3_int64 last;
	/* While a document is counted: its id once the term is seen in
	 * it, and the term's count there so far. */
	sqlite3_int64 doc;
	uint32_t count;
	uint32_t data_len, data_cap;
	unsigned char *data;
};
_Static_assert(sizeof(struct term) == 64, "a term is a cache line");

/*
 * The postings' bytes, in blocks of 2^k bytes cut from slabs of their
 * own, a block given up when its term outgrows it kept for the next term
 * of that size: growing each term's bytes with realloc in the indexer's
 * writer thread, among SQLite's and FTS5's own allocations, left malloc's
 * free lists cut up, and FTS5's allocations slower.
 */
#define POOL_SLAB ((size_t)1 << 20)
#define POOL_MIN 4                      /* 16 bytes */
#define POOL_CLASSES 32
struct pool {
	unsigned char **slabs;
	size_t nslabs, slabs_cap;
	unsigned char *at, *end;        /* what is left of the last slab */
	void *spare[POOL_CLASSES];      /* blocks given up, by size */
};

/* A block of 2^k bytes, or NULL when out of memory. */
static void *
pool_get(struct pool *p, unsigned k)
{
	size_t size = (size_t)1 << k;
	unsigned char *b;

	if ((b = p->spare[k]) != NULL) {
		memcpy(&p->spare[k], b, sizeof(void *));
		return b;
	}
	if (size > (size_t)(p->end - p->at)) {
		/* A large block is a slab of its own: the rest of the
		 * current slab stays for the small ones. */
		size_t slab = size > POOL_SLAB / 4 ? size : POOL_SLAB;
		if (arc_grow(&p->slabs, &p->slabs_cap, p->nslabs, 1,
		    sizeof(*p->slabs)) != ARC_OK ||
		    (b = malloc(slab)) == NULL)
			return NULL;
		p->slabs[p->nslabs++] = b;
		if (slab != POOL_SLAB)
			return b;
		p->at = b;
		p->end = b + slab;
	}
	b = p->at;
	p->at += size;
	return b;
}

static void
pool_put(struct pool *p, void *b, unsigned k)
{
	memcpy(b, &p->spare[k], sizeof(void *));
	p->spare[k] = b;
}

static void
pool_free(struct pool *p)
{
	for (size_t i = 0; i < p->nslabs; i++)
		free(p->slabs[i]);
	free(p->slabs);
	memset(p, 0, sizeof(*p));
}

/* A token of a document, its term's hash, and the slot value whose
 * hash is the same (0: none: a new term). */
struct token {
	const char *s;
	uint32_t len, weight, hash;
	uint64_t slot;
};

/* A term a document holds that the segment has not seen yet. */
struct doc_term {
	const char *s;
	size_t len;
	unsigned count;
};

struct segment {
	sqlite3_int64 first, last;
	long docs;
	sqlite3_int64 tokens;
	uint32_t *lens;                 /* last - first + 1 */
	/* The terms in the order they came (as rank_post's rows are
	 * written), found through slots: each the term's hash above its
	 * index + 1, 0 when empty; a power of two, at most half full. */
	struct term *terms;
	size_t nterms, terms_cap;
	uint64_t *slots;
	size_t nslots;
	struct pool pool;               /* the terms' data */
	/* Room for counting one document: its tokens, its new terms, and
	 * the terms it holds. */
	struct token *toks;
	size_t toks_cap;
	struct doc_term *fresh;
	size_t fresh_cap;
	uint32_t *seen;
	size_t seen_cap;
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

static const char *
term_name(const struct term *t)
{
	return t->len <= TERM_INLINE ? t->name.bytes : t->name.ptr;
}

/* The slot of the term s (hash h), or the empty one where it would go. */
static uint64_t *
term_slot(const struct segment *g, const char *s, size_t len, uint32_t h)
{
	size_t mask = g->nslots - 1, i = h & mask;

	for (;; i = (i + 1) & mask) {
		uint64_t v = g->slots[i];
		const struct term *t;

		if (v == 0)
			return &g->slots[i];
		if ((uint32_t)(v >> 32) != h)
			continue;
		t = &g->terms[(uint32_t)v - 1];
		if (t->len == len && memcmp(term_name(t), s, len) == 0)
			return &g->slots[i];
	}
}

/* The term s, or NULL when the segment has not seen it. */
static struct term *
term_find(const struct segment *g, const char *s, size_t len)
{
	uint64_t v = *term_slot(g, s, len, arc_strmap_hash(s, len));

	return v != 0 ? &g->terms[(uint32_t)v - 1] : NULL;
}

static int
slots_grow(struct segment *g)
{
	size_t n = g->nslots ? g->nslots * 2 : 1024;
	uint64_t *old = g->slots;
	size_t oldn = g->nslots;

	if ((g->slots = calloc(n, sizeof(*g->slots))) == NULL) {
		g->slots = old;
		return ARC_FATAL;
	}
	g->nslots = n;
	for (size_t i = 0; i < oldn; i++)
		if (old[i] != 0) {
			size_t k = (uint32_t)(old[i] >> 32) & (n - 1);
			while (g->slots[k] != 0)
				k = (k + 1) & (n - 1);
			g->slots[k] = old[i];
		}
	free(old);
	return ARC_OK;
}

/* Room for another term: the terms on cache lines of their own, each
 * read whole by one fetch. */
static int
terms_grow(struct segment *g)
{
	size_t cap = g->terms_cap ? 2 * g->terms_cap : 1024;
	struct term *terms;

	if (g->nterms < g->terms_cap)
		return ARC_OK;
	if (cap > SIZE_MAX / sizeof(*terms) ||
	    (terms = aligned_alloc(64, cap * sizeof(*terms))) == NULL)
		return ARC_FATAL;
	if (g->nterms > 0)
		memcpy(terms, g->terms, g->nterms * sizeof(*terms));
	free(g->terms);
	g->terms = terms;
	g->terms_cap = cap;
	return ARC_OK;
}

/* A term the segment has not seen, after the others. */
static struct term *
term_new(struct segment *g, const char *s, size_t len)
{
	uint32_t h = arc_strmap_hash(s, len);
	struct term *t;

	if (len > UINT32_MAX || g->nterms >= UINT32_MAX - 1 ||
	    ((g->nterms + 1) * 2 > g->nslots && slots_grow(g) != ARC_OK) ||
	    terms_grow(g) != ARC_OK)
		return NULL;
	t = &g->terms[g->nterms];
	memset(t, 0, sizeof(*t));
	if (len > TERM_INLINE) {
		if ((t->name.ptr = malloc(len)) == NULL)
			return NULL;
		memcpy(t->name.ptr, s, len);
	} else
		memcpy(t->name.bytes, s, len);
	t->len = (uint32_t)len;
	*term_slot(g, s, len, h) = (uint64_t)h << 32 | (g->nterms + 1);
	g->nterms++;
	return t;
}

/* Room for more bytes of t's data. */
static int
term_room(struct pool *p, struct term *t, size_t more)
{
	size_t need = (size_t)t->data_len + more;
	unsigned k = POOL_MIN;
	unsigned char *d;

	if (need <= t->data_cap)
		return ARC_OK;
	while (((size_t)1 << k) < need)
		if (++k >= POOL_CLASSES)
			return ARC_FATAL;
	if ((d = pool_get(p, k)) == NULL)
		return ARC_FATAL;
	if (t->data != NULL) {
		memcpy(d, t->data, t->data_len);
		pool_put(p, t->data, (unsigned)__builtin_ctz(t->data_cap));
	}
	t->data = d;
	t->data_cap = (uint32_t)1 << k;
	return ARC_OK;
}

static size_t
varint_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

static int
add_posting(struct segment *g, struct term *t, sqlite3_int64 id,
    unsigned count)
{
	uint64_t gap = (uint64_t)(id - t->last) * 2 + (count == 1);

	if (term_room(&g->pool, t, varint_len(gap) +
	    (count != 1 ? varint_len(count) : 0)) != ARC_OK)
		return ARC_FATAL;
	t->data_len += (uint32_t)arc_varint_put(t->data + t->data_len, gap);
	if (count != 1)
		t->data_len += (uint32_t)arc_varint_put(t->data + t->data_len,
		    count);
	t->last = id;
	t->df++;
	return ARC_OK;
}

static int
term_order(const void *a, const void *b)
{
	const struct doc_term *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

/* Term t of the segment is in document id, count more times. */
static int
seen_term(struct segment *g, struct term *t, sqlite3_int64 id,
    unsigned count, size_t *nseen)
{
	if (t->doc != id) {
		if (*nseen == g->seen_cap && arc_grow(&g->seen, &g->seen_cap,
		    *nseen, 1, sizeof(*g->seen)) != ARC_OK)
			return ARC_FATAL;
		g->seen[(*nseen)++] = (uint32_t)(t - g->terms);
		t->doc = id;
		t->count = 0;
		/* A new term has no data yet: NULL + 0 is undefined. */
		if (t->data != NULL)
			__builtin_prefetch(t->data + t->data_len, 1);
	}
	t->count += count;
	return ARC_OK;
}

/*
 * A document's terms (the columns of the FTS5 index, space-separated
 * tokens), each token of column c counting arc_rank_weight[c], summed.
 * The terms the segment has not seen are numbered in the order of the
 * documents, and within one in byte order: the rows of rank_post come out
 * the same however the documents are counted (from their rows, or as an
 * indexer writes them).  Its tokens are looked up in passes over them
 * all, each fetching what the next reads (slots, terms, their data) for
 * every token at once: a lookup at a time waited for the memory of each
 * in turn, and that was most of the time.
 */
static int
add_document(struct segment *g, sqlite3_int64 id, const struct fts_columns *c)
{
	const char *cols[ARC_RANK_COLUMNS] = { c->body, c->title, c->tags,
	    c->fields };
	size_t ntoks = 0, nfresh = 0, nseen = 0, mask = g->nslots - 1;

	for (int k = 0; k < ARC_RANK_COLUMNS; k++) {
		for (const char *p = cols[k]; *p != '\0';) {
			const char *e = p;
			struct token *t;

			while (*e != '\0' && *e != ' ')
				e++;
			if (e > p) {
				if ((ntoks == g->toks_cap && arc_grow(&g->toks,
				    &g->toks_cap, ntoks, 1, sizeof(*g->toks)) !=
				    ARC_OK) || (size_t)(e - p) > UINT32_MAX)
					return ARC_FATAL;
				t = &g->toks[ntoks++];
				t->s = p;
				t->len = (uint32_t)(e - p);
				t->weight = (uint32_t)arc_rank_weight[k];
				t->hash = arc_strmap_hash(p, t->len);
				__builtin_prefetch(&g->slots[t->hash & mask]);
			}
			p = *e == ' ' ? e + 1 : e;
		}
	}
	for (size_t i = 0; i < ntoks; i++) {
		struct token *t = &g->toks[i];
		size_t at = t->hash & mask;

		while ((t->slot = g->slots[at]) != 0 &&
		    (uint32_t)(t->slot >> 32) != t->hash)
			at = (at + 1) & mask;
		if (t->slot != 0)
			__builtin_prefetch(&g->terms[(uint32_t)t->slot - 1]);
	}
	for (size_t i = 0; i < ntoks; i++) {
		const struct token *tok = &g->toks[i];
		struct term *t = NULL;

		if (tok->slot != 0) {
			t = &g->terms[(uint32_t)tok->slot - 1];
			/* Another term of the same hash: the whole way. */
			if (t->len != tok->len || memcmp(term_name(t), tok->s,
			    tok->len) != 0)
				t = term_find(g, tok->s, tok->len);
		}
		if (t != NULL) {
			if (seen_term(g, t, id, tok->weight, &nseen) != ARC_OK)
				return ARC_FATAL;
		} else {
			if (arc_grow(&g->fresh, &g->fresh_cap, nfresh, 1,
			    sizeof(*g->fresh)) != ARC_OK)
				return ARC_FATAL;
			g->fresh[nfresh++] = (struct doc_term){ tok->s,
			    tok->len, tok->weight };
		}
	}
	/* The new terms, each once, in byte order (a document of no words
	 * has none, and no room for them yet). */
	if (nfresh > 1)
		qsort(g->fresh, nfresh, sizeof(*g->fresh), term_order);
	for (size_t i = 0; i < nfresh;) {
		size_t j = i + 1;
		unsigned count = g->fresh[i].count;
		struct term *t;

		while (j < nfresh && term_order(&g->fresh[i], &g->fresh[j]) ==
		    0)
			count += g->fresh[j++].count;
		if ((t = term_new(g, g->fresh[i].s, g->fresh[i].len)) ==
		    NULL || seen_term(g, t, id, count, &nseen) != ARC_OK)
			return ARC_FATAL;
		i = j;
	}
	for (size_t i = 0; i < nseen; i++) {
		struct term *t = &g->terms[g->seen[i]];
		if (add_posting(g, t, id, t->count) != ARC_OK)
			return ARC_FATAL;
	}
	g->lens[id - g->first] = (uint32_t)(ntoks > UINT32_MAX ? UINT32_MAX :
	    ntoks);
	g->tokens += (sqlite3_int64)ntoks;
	g->docs++;
	return ARC_OK;
}

/* Room for the documents of ids first..last; ARC_FATAL when out of
 * memory. */
static int
segment_init(struct segment *g, sqlite3_int64 first, sqlite3_int64 last)
{
	memset(g, 0, sizeof(*g));
	g->first = first;
	g->last = last;
	g->lens = calloc((size_t)(last - first + 1), sizeof(*g->lens));
	return g->lens != NULL && slots_grow(g) == ARC_OK ? ARC_OK :
	    ARC_FATAL;
}

static void
segment_free(struct segment *g)
{
	for (size_t i = 0; i < g->nterms; i++)
		if (g->terms[i].len > TERM_INLINE)
			free(g->terms[i].name.ptr);
	pool_free(&g->pool);
	free(g->terms);
	free(g->slots);
	free(g->lens);
	free(g->toks);
	free(g->fresh);
	free(g->seen);
	memset(g, 0, sizeof(*g));
}

/*
 * The documents of t (counted from t->first on) after those of g, which
 * end before: each of t's terms' postings after g's, its first id as a
 * gap from g's last; t's new terms after g's, in t's order, which is the
 * order counting all the documents into g would give them.
 */
static int
segment_append(struct segment *g, const struct segment *t)
{
	for (size_t i = 0; i < t->nterms; i++) {
		const struct term *src = &t->terms[i];
		const char *name = term_name(src);
		struct term *dst = term_find(g, name, src->len);
		size_t n;
		uint64_t v;

		if (dst == NULL && (dst = term_new(g, name, src->len)) == NULL)
			return ARC_FATAL;
		if ((n = arc_varint_get(src->data, src->data + src->data_len,
		    &v)) == 0 || term_room(&g->pool, dst, src->data_len + 10) !=
		    ARC_OK)
			return ARC_FATAL;
		dst->data_len += (uint32_t)arc_varint_put(dst->data +
		    dst->data_len, ((v >> 1) - (uint64_t)dst->last) * 2 +
		    (v & 1));
		memcpy(dst->data + dst->data_len, src->data + n,
		    src->data_len - n);
		dst->data_len += (uint32_t)(src->data_len - n);
		dst->last = src->last;
		dst->df += src->df;
	}
	memcpy(g->lens + (t->first - g->first), t->lens,
	    (size_t)(g->last - t->first + 1) * sizeof(*g->lens));
	g->tokens += t->tokens;
	g->docs += t->docs;
	return ARC_OK;
}

static int
count_document(void *ctx, sqlite3_int64 id, const struct fts_columns *c)
{
	return add_document(ctx, id, c);
}

/* Writes g in place of the segments within its ids, and forgets the
 * changes to documents it now holds as they are; its id in *seg. */
static int
segment_write(struct arc_store *s, struct segment *g, sqlite3_int64 *seg)
{
	sqlite3_stmt *st;

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
	*seg = sqlite3_last_insert_rowid(s->db);
	if (s->ranked_to >= 0 && g->last > s->ranked_to)
		s->ranked_to = g->last;
	if (arc_store_prepare(s, "INSERT INTO rank_post (term, segment, df, "
	    "data) VALUES (?, ?, ?, ?)", &st) != SQLITE_OK)
		return ARC_FATAL;
	for (size_t i = 0; i < g->nterms; i++) {
		const struct term *t = &g->terms[i];
		sqlite3_bind_text64(st, 1, term_name(t), t->len, SQLITE_STATIC,
		    SQLITE_UTF8);
		sqlite3_bind_int64(st, 2, *seg);
		sqlite3_bind_int64(st, 3, t->df);
		sqlite3_bind_blob64(st, 4, t->data, t->data_len,
		    SQLITE_STATIC);
		if (arc_store_step_done(st) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

int
arc_rank_begin(struct arc_store *s)
{
	int rc = ARC_OK;

	s->ranked_to = -1;
	if (s->has_ranking)
		s->ranked_to = arc_store_number(s, "SELECT coalesce(max(last), "
		    "0) FROM rank_segment", &rc);
	if (rc != ARC_OK)
		s->ranked_to = -1;
	return rc;
}

void
arc_rank_end(struct arc_store *s)
{
	s->ranked_to = -1;
}

/* A term's postings that held the document erased: without it. */
struct unposted {
	sqlite3_int64 row;
	uint32_t df;
	unsigned char *data;    /* NULL: no other document */
	size_t len;
};

/*
 * The postings of data (len bytes) without document id's, into *out
 * (malloc'd; ARC_FATAL when out of memory): 1 when they held it, 0 when
 * not (or data is broken: then left as it is).
 */
static int
posting_cut(const unsigned char *data, size_t len, sqlite3_int64 id,
    unsigned char **out, size_t *out_len)
{
	const unsigned char *p = data, *end = data + len;
	uint64_t prev = 0, at = 0, v, count;
	size_t n;

	while (p < end) {
		const unsigned char *start = p;
		if ((n = arc_varint_get(p, end, &v)) == 0)
			return 0;
		p += n;
		if ((v & 1) == 0) {
			if ((n = arc_varint_get(p, end, &count)) == 0)
				return 0;
			p += n;
		}
		at += v >> 1;
		if (at > (uint64_t)id)
			return 0;
		if (at < (uint64_t)id) {
			prev = at;
			continue;
		}
		/* Its bytes out; the next posting's gap then from the one
		 * before it. */
		if ((*out = malloc(len + 10)) == NULL)
			return ARC_FATAL;
		memcpy(*out, data, (size_t)(start - data));
		*out_len = (size_t)(start - data);
		if (p < end) {
			if ((n = arc_varint_get(p, end, &v)) == 0) {
				free(*out);
				*out = NULL;
				return 0;
			}
			*out_len += arc_varint_put(*out + *out_len,
			    ((at + (v >> 1)) - prev) << 1 | (v & 1));
			p += n;
			memcpy(*out + *out_len, p, (size_t)(end - p));
			*out_len += (size_t)(end - p);
		}
		return 1;
	}
	return 0;
}

/*
 * Takes document id out of the ranking segment that holds it, in the
 * caller's transaction (arc-index --forget): its postings, the terms no
 * other document of the segment has (a name, say), its length.  The
 * segment is then what counting its rows again would make (but for
 * rank_post's row ids).  Every term of the segment is read: a document
 * changed since it was counted has other words now than those the
 * segment holds.  ARC_FATAL when the database fails or memory runs out.
 */
int
arc_rank_forget(struct arc_store *s, sqlite3_int64 id)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 seg = 0, first = 0;
	struct unposted *cut = NULL;
	size_t ncut = 0, cap = 0;
	uint32_t *lens = NULL, len = 0;
	size_t lens_bytes = 0;
	int rc = ARC_OK, step;

	if (!s->has_ranking)
		return ARC_OK;
	/* Rare: statements of their own, not of the cache. */
	if (sqlite3_prepare_v2(s->db, "SELECT id, first, lens FROM "
	    "rank_segment WHERE ?1 BETWEEN first AND last", -1, &st, NULL) !=
	    SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, id);
	if ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(st, 2);
		lens_bytes = (size_t)sqlite3_column_bytes(st, 2);
		seg = sqlite3_column_int64(st, 0);
		first = sqlite3_column_int64(st, 1);
		if ((size_t)(id - first) >= lens_bytes / sizeof(*lens))
			;       /* a broken segment: left to --optimize */
		else if ((lens = malloc(lens_bytes)) == NULL)
			rc = ARC_FATAL;
		else {
			memcpy(lens, blob, lens_bytes);
			len = lens[id - first];
			lens[id - first] = 0;
		}
	} else if (step != SQLITE_DONE)
		rc = ARC_FATAL;
	sqlite3_finalize(st);
	/* No segment holds it, or holds it without words. */
	if (rc != ARC_OK || lens == NULL || len == 0) {
		free(lens);
		return rc;
	}
	/* What changes is gathered first: rank_post is not written while
	 * it is read. */
	if (sqlite3_prepare_v2(s->db, "SELECT id, df, data FROM rank_post "
	    "WHERE segment = ?", -1, &st, NULL) != SQLITE_OK) {
		free(lens);
		return ARC_FATAL;
	}
	sqlite3_bind_int64(st, 1, seg);
	while (rc == ARC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct unposted u = { sqlite3_column_int64(st, 0),
		    (uint32_t)sqlite3_column_int64(st, 1), NULL, 0 };
		int held = posting_cut(sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2), id, &u.data, &u.len);

		if (held == ARC_FATAL || (held == 1 && arc_grow(&cut, &cap,
		    ncut, 1, sizeof(*cut)) != ARC_OK)) {
			free(u.data);
			rc = ARC_FATAL;
		} else if (held == 1) {
			if (u.len == 0) {
				free(u.data);
				u.data = NULL;
			}
			u.df--;
			cut[ncut++] = u;
		}
	}
	if (rc == ARC_OK && step != SQLITE_DONE)
		rc = ARC_FATAL;
	sqlite3_finalize(st);
	for (size_t i = 0; rc == ARC_OK && i < ncut; i++) {
		if (sqlite3_prepare_v2(s->db, cut[i].data == NULL ?
		    "DELETE FROM rank_post WHERE id = ?1" :
		    "UPDATE rank_post SET df = ?2, data = ?3 WHERE id = ?1", -1,
		    &st, NULL) != SQLITE_OK) {
			rc = ARC_FATAL;
			break;
		}
		sqlite3_bind_int64(st, 1, cut[i].row);
		if (cut[i].data != NULL) {
			sqlite3_bind_int64(st, 2, cut[i].df);
			sqlite3_bind_blob64(st, 3, cut[i].data, cut[i].len,
			    SQLITE_STATIC);
		}
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = ARC_FATAL;
		sqlite3_finalize(st);
	}
	/* Its length; and its change, which the segment now holds. */
	if (rc == ARC_OK && sqlite3_prepare_v2(s->db, "UPDATE rank_segment "
	    "SET docs = docs - 1, tokens = tokens - ?2, lens = ?3 WHERE id = "
	    "?1", -1, &st, NULL) != SQLITE_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK) {
		sqlite3_bind_int64(st, 1, seg);
		sqlite3_bind_int64(st, 2, len);
		sqlite3_bind_blob64(st, 3, lens, lens_bytes, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = ARC_FATAL;
		sqlite3_finalize(st);
	}
	if (rc == ARC_OK && sqlite3_prepare_v2(s->db, "DELETE FROM rank_dirty "
	    "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK) {
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = ARC_FATAL;
		sqlite3_finalize(st);
	}
	for (size_t i = 0; i < ncut; i++)
		free(cut[i].data);
	free(cut);
	free(lens);
	return rc;
}

/*
 * The documents an indexer writes, counted as it writes them, from the
 * words its workers made for FTS5: the end of the run then need not read
 * each one back, decode and tokenise it again (about 160 us a page, on
 * one core, after the last batch).  They are counted on a thread of their
 * own, the counter: the writer thread, which sets the pace of a run, only
 * hands each over.  Counts are used only where they are what counting the
 * rows would give: a chunk of SEGMENT_MAX_DOCS ids from the first id no
 * segment held when the run began (where arc_rank_update cuts its
 * segments), its documents counted in order of id, and its archived
 * documents, when it is written, exactly those counted, with the digests
 * counted (the words follow from what a digest covers).  Anything else (a
 * document written twice, another arc-index meanwhile) leaves the chunk
 * to be counted from its rows.  A chunk filled before the end is written
 * by the writer in its next transaction, since no new segment can be
 * merged with it: a run holds a chunk's counts or two at most, as
 * counting the rows holds one.
 */
struct counted {
	sqlite3_int64 id;
	unsigned char digest[32];
};

/* A chunk of ids being counted, or filled: stale, given up (its rows
 * will be counted). */
struct chunk {
	struct chunk *next;
	int stale;
	struct segment g;       /* of its ids g.first..g.last */
	struct counted *docs;   /* its documents counted, in order */
	size_t ndocs, docs_cap;
};

/* A document written, for the counter; its words its own. */
struct tally_item {
	struct tally_item *next;
	sqlite3_int64 id;
	char digest[65];
	size_t bytes;           /* of its words */
	struct fts_columns words;
};

/* A chunk written during the run, and whether one of its documents was
 * written again since. */
struct early {
	sqlite3_int64 first, last, segment;
	int changed;
};

struct arc_rank_tally {
	int started;            /* the writer's: the counter runs */
	/* The writer's: a document was not handed over (out of memory, no
	 * thread): the counts are not used. */
	int lost;
	sqlite3_int64 base;     /* the first id no segment held */
	/* The writer's documents of the batch, handed over once it is
	 * committed: one wakeup of the counter a batch, not one a
	 * document. */
	struct tally_item *batch, **batch_tail;
	size_t nbatch, batch_bytes;
	pthread_t counter;
	pthread_mutex_t lock;   /* guards what follows, to done */
	pthread_cond_t more;    /* documents, or quit, for the counter */
	pthread_cond_t counted; /* fewer documents wait */
	struct tally_item *head, **tail;
	size_t queued, queued_bytes;    /* handed over, not counted */
	/* failed: out of memory on the counter, the counts are not used */
	int quit, failed;
	struct chunk *full, **full_tail;        /* filled, to be written */
	struct early *early;
	size_t nearly, early_cap;
	sqlite3_int64 done;     /* the counter's: chunks up to it are full */
	struct chunk *open;     /* the counter's: the chunk being counted */
};

struct arc_rank_tally *
arc_rank_tally_new(void)
{
	struct arc_rank_tally *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->tail = &t->head;
	t->full_tail = &t->full;
	t->batch_tail = &t->batch;
	pthread_mutex_init(&t->lock, NULL);
	pthread_cond_init(&t->more, NULL);
	pthread_cond_init(&t->counted, NULL);
	return t;
}

static void
chunk_free(struct chunk *c)
{
	if (c == NULL)
		return;
	segment_free(&c->g);
	free(c->docs);
	free(c);
}

/* Its counts dropped, to be counted from its rows. */
static void
chunk_give_up(struct chunk *c)
{
	sqlite3_int64 first = c->g.first, last = c->g.last;

	segment_free(&c->g);
	c->g.first = first;
	c->g.last = last;
	free(c->docs);
	c->docs = NULL;
	c->ndocs = c->docs_cap = 0;
	c->stale = 1;
}

/*
 * Should the counter fall behind (a busy machine) by more than two
 * batches of documents, or more than this many bytes of their words,
 * which it holds, the writer waits for it.
 */
#define TALLY_BEHIND 16384
#define TALLY_BEHIND_BYTES ((size_t)64 << 20)

void
arc_rank_tally_committed(struct arc_rank_tally *t)
{
	if (t == NULL || t->batch == NULL)
		return;
	pthread_mutex_lock(&t->lock);
	*t->tail = t->batch;
	t->tail = t->batch_tail;
	t->queued += t->nbatch;
	t->queued_bytes += t->batch_bytes;
	pthread_cond_signal(&t->more);
	while (t->queued > TALLY_BEHIND || t->queued_bytes >
	    TALLY_BEHIND_BYTES)
		pthread_cond_wait(&t->counted, &t->lock);
	pthread_mutex_unlock(&t->lock);
	t->batch = NULL;
	t->batch_tail = &t->batch;
	t->nbatch = t->batch_bytes = 0;
}

/* Waits for the counter to count what it was given, and end.  A batch
 * not handed over is of a transaction that did not commit. */
static void
tally_finish(struct arc_rank_tally *t)
{
	if (!t->started)
		return;
	pthread_mutex_lock(&t->lock);
	t->quit = 1;
	pthread_cond_signal(&t->more);
	pthread_mutex_unlock(&t->lock);
	pthread_join(t->counter, NULL);
	t->started = 0;
}

void
arc_rank_tally_free(struct arc_rank_tally *t)
{
	if (t == NULL)
		return;
	tally_finish(t);
	while (t->batch != NULL) {
		struct tally_item *it = t->batch;
		t->batch = it->next;
		arc_fts_columns_free(&it->words);
		free(it);
	}
	while (t->full != NULL) {
		struct chunk *c = t->full;
		t->full = c->next;
		chunk_free(c);
	}
	chunk_free(t->open);
	free(t->early);
	pthread_cond_destroy(&t->more);
	pthread_cond_destroy(&t->counted);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

static int
hex_digit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
	    c - 'a' + 10 : -1;
}

/* A digest's 64 hex digits as 32 bytes; 0 when it is not one. */
static int
digest_bytes(const char *hex, unsigned char out[32])
{
	if (hex == NULL || strlen(hex) != 64)
		return 0;
	for (int i = 0; i < 32; i++) {
		int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 1;
}

/* On the counter: the chunk being counted is full, for the writer. */
static void
chunk_full(struct arc_rank_tally *t)
{
	struct chunk *c = t->open;

	t->open = NULL;
	t->done = c->g.last;
	pthread_mutex_lock(&t->lock);
	*t->full_tail = c;
	t->full_tail = &c->next;
	pthread_mutex_unlock(&t->lock);
}

/* On the counter: one document written.  ARC_FATAL when out of memory. */
static int
count_item(struct arc_rank_tally *t, const struct tally_item *it)
{
	sqlite3_int64 id = it->id;
	struct counted *d;
	struct chunk *c;
	int written = 0;

	/* In a chunk written already: counted again at the end. */
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->nearly; i++)
		if (id >= t->early[i].first && id <= t->early[i].last) {
			t->early[i].changed = 1;
			written = 1;
		}
	pthread_mutex_unlock(&t->lock);
	if (written)
		return ARC_OK;
	if (t->open != NULL && id > t->open->g.last)
		chunk_full(t);
	/* In a full chunk: its rows, checked when it is written, say. */
	if (id <= t->done)
		return ARC_OK;
	/* The chunks before id's, if none of their ids was written (all
	 * failed documents, say), as the end would make them; then id's. */
	while (t->open == NULL) {
		sqlite3_int64 first = t->done + 1;
		if ((c = calloc(1, sizeof(*c))) == NULL ||
		    segment_init(&c->g, first, first + SEGMENT_MAX_DOCS - 1) !=
		    ARC_OK) {
			chunk_free(c);
			return ARC_FATAL;
		}
		t->open = c;
		if (id > c->g.last) {
			c->stale = 1;
			chunk_full(t);
		}
	}
	if ((c = t->open)->stale)
		return ARC_OK;
	if (arc_grow(&c->docs, &c->docs_cap, c->ndocs, 1, sizeof(*c->docs)) !=
	    ARC_OK)
		return ARC_FATAL;
	d = &c->docs[c->ndocs];
	d->id = id;
	/* Written again, or out of order: the rows will say. */
	if ((c->ndocs > 0 && id <= c->docs[c->ndocs - 1].id) ||
	    !digest_bytes(it->digest, d->digest)) {
		chunk_give_up(c);
		return ARC_OK;
	}
	c->ndocs++;
	return add_document(&c->g, id, &it->words);
}

static void *
counter_main(void *arg)
{
	struct arc_rank_tally *t = arg;

	pthread_mutex_lock(&t->lock);
	for (;;) {
		struct tally_item *it;
		size_t n = 0, bytes = 0;
		int failed;

		while (t->head == NULL && !t->quit)
			pthread_cond_wait(&t->more, &t->lock);
		if ((it = t->head) == NULL)
			break;
		t->head = NULL;
		t->tail = &t->head;
		failed = t->failed;
		pthread_mutex_unlock(&t->lock);
		while (it != NULL) {
			struct tally_item *next = it->next;
			if (!failed && count_item(t, it) != ARC_OK)
				failed = 1;
			n++;
			bytes += it->bytes;
			arc_fts_columns_free(&it->words);
			free(it);
			it = next;
		}
		pthread_mutex_lock(&t->lock);
		t->failed = failed;
		t->queued -= n;
		t->queued_bytes -= bytes;
		pthread_cond_signal(&t->counted);
	}
	pthread_mutex_unlock(&t->lock);
	return NULL;
}

int
arc_rank_tally_add(struct arc_store *s, struct arc_rank_tally *t,
    sqlite3_int64 id, const char *digest, struct fts_columns *c)
{
	struct tally_item *it;
	int rc = ARC_OK;

	if (t == NULL || t->lost || !s->has_ranking || s->readonly)
		return ARC_OK;
	if (!t->started) {
		t->base = arc_store_number(s, "SELECT coalesce(max(last), 0) "
		    "+ 1 FROM rank_segment", &rc);
		if (rc != ARC_OK)
			return ARC_FATAL;
		t->done = t->base - 1;
		/* No thread, no memory: the end counts the rows, as it
		 * would without counts. */
		if (pthread_create(&t->counter, NULL, counter_main, t) != 0) {
			t->lost = 1;
			return ARC_OK;
		}
		t->started = 1;
	}
	if ((it = calloc(1, sizeof(*it))) == NULL) {
		t->lost = 1;
		return ARC_OK;
	}
	it->id = id;
	snprintf(it->digest, sizeof(it->digest), "%s", digest);
	it->words = *c;
	memset(c, 0, sizeof(*c));
	it->bytes = strlen(it->words.body) + strlen(it->words.title) +
	    strlen(it->words.tags) + strlen(it->words.fields);
	*t->batch_tail = it;
	t->batch_tail = &it->next;
	t->nbatch++;
	t->batch_bytes += it->bytes;
	return ARC_OK;
}

/* Are the archived documents of ids c->g.first..last those counted, as
 * counted (*same)?  ARC_FATAL when the database fails. */
static int
chunk_matches(struct arc_store *s, const struct chunk *c, sqlite3_int64 last,
    int *same)
{
	sqlite3_stmt *st;
	size_t i = 0;
	int rc = SQLITE_DONE;

	*same = !c->stale;
	if (!*same)
		return ARC_OK;
	if (arc_store_prepare(s, "SELECT id, digest FROM doc WHERE id "
	    "BETWEEN ? AND ? AND state = 'archived' ORDER BY id", &st) !=
	    SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, c->g.first);
	sqlite3_bind_int64(st, 2, last);
	while (*same && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		unsigned char d[32];

		*same = i < c->ndocs &&
		    c->docs[i].id == sqlite3_column_int64(st, 0) &&
		    digest_bytes((const char *)sqlite3_column_text(st, 1), d) &&
		    memcmp(d, c->docs[i].digest, sizeof(d)) == 0;
		i++;
	}
	sqlite3_reset(st);
	if (*same && rc != SQLITE_DONE)
		return ARC_FATAL;
	*same = *same && i == c->ndocs;
	return ARC_OK;
}

int
arc_rank_tally_write(struct arc_store *s, struct arc_rank_tally *t)
{
	struct chunk *c;
	int rc = ARC_OK;

	if (t == NULL || !t->started)
		return ARC_OK;
	pthread_mutex_lock(&t->lock);
	c = t->full;
	t->full = NULL;
	t->full_tail = &t->full;
	pthread_mutex_unlock(&t->lock);
	while (c != NULL) {
		struct chunk *next = c->next;
		sqlite3_int64 first = c->g.first, last = c->g.last, seg;
		int same = 0;

		if (rc == ARC_OK)
			rc = chunk_matches(s, c, last, &same);
		/* Counted from its rows as the end of the run would: the
		 * segments are made in the same order, with the same ids. */
		if (rc == ARC_OK && !same) {
			segment_free(&c->g);
			rc = segment_init(&c->g, first, last);
			if (rc == ARC_OK)
				rc = arc_doc_each_words(s, first, last,
				    count_document, &c->g);
		}
		pthread_mutex_lock(&t->lock);
		if (rc == ARC_OK)
			rc = arc_grow(&t->early, &t->early_cap, t->nearly, 1,
			    sizeof(*t->early));
		pthread_mutex_unlock(&t->lock);
		if (rc == ARC_OK)
			rc = segment_write(s, &c->g, &seg);
		pthread_mutex_lock(&t->lock);
		if (rc == ARC_OK)
			t->early[t->nearly++] = (struct early){ first, last,
			    seg, 0 };
		pthread_mutex_unlock(&t->lock);
		chunk_free(c);
		c = next;
	}
	return rc;
}

/* The chunk t counted that ids first..last begin with (or that begins
 * after first: the segment is merged), or NULL. */
static struct chunk *
tally_chunk(struct arc_rank_tally *t, sqlite3_int64 first, sqlite3_int64 last)
{
	struct chunk *c = t != NULL ? t->full : NULL;

	for (; c != NULL; c = c->next)
		if (c->g.first >= first && c->g.first <= last &&
		    last <= c->g.last)
			return c;
	c = t != NULL ? t->open : NULL;
	return c != NULL && c->g.first >= first && c->g.first <= last &&
	    last <= c->g.last ? c : NULL;
}

/* c, used: t holds it no more. */
static void
tally_forget(struct arc_rank_tally *t, struct chunk *c)
{
	struct chunk **p = &t->full;

	if (t->open == c)
		t->open = NULL;
	while (*p != NULL && *p != c)
		p = &(*p)->next;
	if (*p == c)
		*p = c->next;
	chunk_free(c);
}

/* Counts the documents of ids first..last into one segment, in place of
 * those it covers, in one transaction: those t counted as they are, the
 * others from their rows. */
static int
make_segment(struct arc_store *s, sqlite3_int64 first, sqlite3_int64 last,
    struct arc_rank_tally *t, struct arc_error *err)
{
	struct chunk *c = tally_chunk(t, first, last);
	struct segment own, *g = &own;
	sqlite3_int64 seg;
	int rc, same = 0, oom = 0;

	memset(&own, 0, sizeof(own));
	if (arc_store_exec(s, "BEGIN IMMEDIATE", err) != ARC_OK)
		return ARC_FATAL;
	rc = c != NULL ? chunk_matches(s, c, last, &same) : ARC_OK;
	if (rc == ARC_OK && same && c->g.first == first) {
		g = &c->g;
		g->last = last;
	} else if (rc == ARC_OK) {
		if (segment_init(g, first, last) != ARC_OK) {
			arc_error_set(err, "out of memory");
			oom = 1;
			rc = ARC_FATAL;
		}
		if (rc == ARC_OK)
			rc = arc_doc_each_words(s, first, same ?
			    c->g.first - 1 : last, count_document, g);
		if (rc == ARC_OK && same)
			rc = segment_append(g, &c->g);
	}
	if (rc == ARC_OK)
		rc = segment_write(s, g, &seg);
	segment_free(&own);
	if (c != NULL)
		tally_forget(t, c);
	if (rc != ARC_OK) {
		if (!oom)
			arc_store_fail(s, err);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return ARC_FATAL;
	}
	return arc_store_exec(s, "COMMIT", err);
}

/* The segments, in order of ids. */
struct seg_row {
	sqlite3_int64 id, first, last, docs;
};

static int
read_segments(struct arc_store *s, struct seg_row **rows, size_t *n)
{
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (arc_store_prepare(s, "SELECT id, first, last, docs FROM "
	    "rank_segment ORDER BY first", &st) != SQLITE_OK)
		return ARC_FATAL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (arc_grow(rows, &cap, *n, 1, sizeof(**rows)) != ARC_OK) {
			sqlite3_reset(st);
			return ARC_FATAL;
		}
		(*rows)[*n].id = sqlite3_column_int64(st, 0);
		(*rows)[*n].first = sqlite3_column_int64(st, 1);
		(*rows)[*n].last = sqlite3_column_int64(st, 2);
		(*rows)[(*n)++].docs = sqlite3_column_int64(st, 3);
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
    struct arc_rank_tally *t, struct arc_error *err)
{
	for (sqlite3_int64 at = first; at <= last; at += SEGMENT_MAX_DOCS) {
		sqlite3_int64 end = at + SEGMENT_MAX_DOCS - 1;
		if (make_segment(s, at, end < last ? end : last, t, err) !=
		    ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/* Is segment id one t wrote during the run? */
static int
is_early(const struct arc_rank_tally *t, sqlite3_int64 id)
{
	for (size_t i = 0; t != NULL && i < t->nearly; i++)
		if (t->early[i].segment == id)
			return 1;
	return 0;
}

/* The segments t wrote during the run but the first keep, taken out
 * again. */
static int
tally_drop(struct arc_store *s, struct arc_rank_tally *t, size_t keep,
    struct arc_error *err)
{
	if (keep >= t->nearly)
		return ARC_OK;
	if (arc_store_exec(s, "BEGIN IMMEDIATE", err) != ARC_OK)
		return ARC_FATAL;
	/* Rare: statements of their own, not of the cache. */
	for (size_t i = keep; i < t->nearly; i++) {
		static const char *const gone[] = {
			"DELETE FROM rank_post WHERE segment = ?",
			"DELETE FROM rank_segment WHERE id = ?",
		};
		for (size_t k = 0; k < sizeof(gone) / sizeof(*gone); k++) {
			sqlite3_stmt *st;
			int done;
			if (sqlite3_prepare_v2(s->db, gone[k], -1, &st, NULL) !=
			    SQLITE_OK)
				goto fail;
			sqlite3_bind_int64(st, 1, t->early[i].segment);
			done = sqlite3_step(st) == SQLITE_DONE;
			sqlite3_finalize(st);
			if (!done)
				goto fail;
		}
	}
	t->nearly = keep;
	return arc_store_exec(s, "COMMIT", err);
fail:
	arc_store_fail(s, err);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return ARC_FATAL;
}

/*
 * The segments t wrote during the run are those arc_rank_update would
 * make now, after the segments before the run, if nothing else changed
 * them: else (another arc-index counted meanwhile, documents erased at
 * the end) they go, and are made again as the others are.
 */
static int
tally_settle(struct arc_store *s, struct arc_rank_tally *t,
    const struct seg_row *seg, size_t n, sqlite3_int64 top,
    struct arc_error *err)
{
	sqlite3_int64 before = 0;
	size_t found = 0;
	int fits;

	for (size_t i = 0; i < n; i++) {
		if (is_early(t, seg[i].id))
			found++;
		else if (seg[i].last > before)
			before = seg[i].last;
	}
	fits = before == t->base - 1 && found == t->nearly;
	for (size_t i = 0; i < t->nearly; i++)
		fits &= t->early[i].first == t->base + (sqlite3_int64)i *
		    SEGMENT_MAX_DOCS && t->early[i].last <= top;
	return fits ? ARC_OK : tally_drop(s, t, 0, err);
}

/*
 * The new documents' segments from first on: those t wrote during the
 * run stay, up to the first with a document written again since (or
 * that the segments from first on do not begin with); the rest are made
 * again, in order, as if they never had been: the same ids.
 */
static int
make_new_segments(struct arc_store *s, sqlite3_int64 first,
    sqlite3_int64 last, struct arc_rank_tally *t, struct arc_error *err)
{
	size_t keep = 0;

	if (t != NULL && first == t->base)
		while (keep < t->nearly && !t->early[keep].changed)
			keep++;
	if (t != NULL && tally_drop(s, t, keep, err) != ARC_OK)
		return ARC_FATAL;
	return make_segments(s, first + (sqlite3_int64)keep *
	    SEGMENT_MAX_DOCS, last, t, err);
}

int
arc_rank_update(struct arc_store *s, int whole, struct arc_rank_tally *t,
    struct arc_error *err)
{
	struct seg_row *seg = NULL;
	sqlite3_stmt *st;
	size_t n = 0, kept;
	sqlite3_int64 top, covered, dirty, docs;
	int rc = ARC_OK;

	if (!s->has_ranking || s->readonly)
		return ARC_OK;
	if (t != NULL) {
		tally_finish(t);
		/* Counts missing (out of memory, no thread): the rows are
		 * counted, those of the chunks written during the run too,
		 * as if none had been counted. */
		if (t->failed || t->lost) {
			while (t->full != NULL)
				tally_forget(t, t->full);
			if (t->open != NULL)
				tally_forget(t, t->open);
			for (size_t i = 0; i < t->nearly; i++)
				t->early[i].changed = 1;
		}
	}
	top = arc_store_number(s, "SELECT coalesce(max(id), 0) FROM doc", &rc);
	if (rc != ARC_OK || read_segments(s, &seg, &n) != ARC_OK) {
		free(seg);
		return arc_store_fail(s, err);
	}
	if (t != NULL && t->nearly > 0 &&
	    tally_settle(s, t, seg, n, top, err) != ARC_OK) {
		free(seg);
		return ARC_FATAL;
	}
	/* Decided on the segments and changes as they were before the
	 * run: those t wrote since are what this would make now. */
	if (arc_store_prepare(s, "SELECT count(*) FROM rank_dirty WHERE id < ?",
	    &st) != SQLITE_OK) {
		free(seg);
		return arc_store_fail(s, err);
	}
	sqlite3_bind_int64(st, 1, t != NULL && t->nearly > 0 ? t->base :
	    INT64_MAX);
	rc = sqlite3_step(st) == SQLITE_ROW ? ARC_OK : ARC_FATAL;
	dirty = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != ARC_OK) {
		free(seg);
		return arc_store_fail(s, err);
	}
	kept = 0;
	for (size_t i = 0; i < n; i++)
		if (!is_early(t, seg[i].id))
			seg[kept++] = seg[i];
	n = kept;
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
		if (t != NULL)
			t->nearly = 0;
		return top > 0 ? make_segments(s, 1, top, t, err) : ARC_OK;
	}
	if (top > covered) {
		/* The new documents, merged with the last segment while it
		 * is not much larger, so that segments grow fourfold. */
		sqlite3_int64 from = covered + 1;
		while (n > 0 && seg[n - 1].docs < MERGE_SHARE * (top - from + 1)
		    && top - seg[n - 1].first < SEGMENT_MAX_DOCS)
			from = seg[--n].first;
		rc = make_new_segments(s, from, top, t, err);
	}
	free(seg);
	return rc;
}

/* ---- A segment counted for a PostgreSQL archive (pgrank.c) ---------- */

struct segment *
arc_segment_new(sqlite3_int64 first, sqlite3_int64 last)
{
	struct segment *g = malloc(sizeof(*g));

	if (g != NULL && segment_init(g, first, last) != ARC_OK) {
		segment_free(g);
		free(g);
		g = NULL;
	}
	return g;
}

int
arc_segment_add(struct segment *g, sqlite3_int64 id,
    const struct fts_columns *c)
{
	return add_document(g, id, c);
}

void
arc_segment_free(struct segment *g)
{
	if (g == NULL)
		return;
	segment_free(g);
	free(g);
}

void
arc_segment_totals(const struct segment *g, long *docs,
    sqlite3_int64 *tokens, size_t *terms)
{
	*docs = g->docs;
	*tokens = g->tokens;
	*terms = g->nterms;
}

uint32_t
arc_segment_len(const struct segment *g, sqlite3_int64 id)
{
	return id >= g->first && id <= g->last ? g->lens[id - g->first] : 0;
}

void
arc_segment_term(const struct segment *g, size_t i, const char **name,
    size_t *len, uint32_t *df, const unsigned char **data, size_t *bytes)
{
	const struct term *t = &g->terms[i];

	*name = term_name(t);
	*len = t->len;
	*df = t->df;
	*data = t->data;
	*bytes = t->data_len;
}
