/* suggest.c: "did you mean": a query word the archive does not know, and the nearest word its texts have, for a search that found little. */
#include <stdlib.h>
#include <string.h>

#include "pg.h"
#include "query.h"

/* A search of one word with this many results holds no typo. */
#define FEW_RESULTS 3
/* A word in at most this many documents may be a typo (a clerk's, or OCR's
 * in a few papers) when a near word is in MANY_TIMES as many. */
#define HANDFUL 3
#define MANY_TIMES 10
/* Documents counted at most for a word: enough to tell few from many, and
 * a common word's count stops there rather than read its whole list. */
#define COUNT_MAX 1000
/* Shorter words have too many near words to guess from; from LONG_WORD
 * letters a word may be two edits away, after its first KEPT letters. */
#define SHORT_WORD 4
#define LONG_WORD 8
#define KEPT 4
/* Near words whose documents are counted: the nearest, earliest first. */
#define NEAR_MAX 16
/* Words of the vocabulary read, at most, in a search two edits away, in
 * each case: the words that begin "meny" or "peng", the commonest four
 * letters, are a few thousand in a vocabulary of millions. */
#define SCAN_MAX 20000
/* Query words looked at, at most. */
#define QUERY_WORDS_MAX 8
/* Bytes of a word with one character more than ARC_WORD_MAX allows. */
#define WORD_BYTES (ARC_WORD_MAX + 8)

/*
 * The vocabulary keeps each word as the texts wrote it, "Kependudukan"
 * and "KEPENDUDUKAN" apart from "kependudukan": a near word is looked for
 * in the three.  The smallest number is the word met first, and the words
 * met first are the common ones (textcode.c).  The words one edit away
 * are a thousand or two: looked up in one statement, given as a JSON
 * array, a statement's run each cost more than its lookup.
 */
static const char probe_sql[] =
	"SELECT id, w FROM word WHERE w IN (SELECT value FROM json_each(?1))";
static const char scan_sql[] =
	"SELECT id, w FROM word WHERE w >= ?1 AND w < ?2 LIMIT ?3";
/* A word written in mixed case ("SQLite", "SiLPA") is none of the three
 * cases: it is looked up folded among the ranking's terms (lower case,
 * stems too), and kept when the vocabulary has it in some case (wrote). */
static const char folded_sql[] =
	"SELECT DISTINCT term FROM rank_post WHERE term IN "
	"(SELECT value FROM json_each(?1))";
static const char cased_sql[] =
	"SELECT id FROM word WHERE w >= ?1 AND w < ?2 AND lower(w) = ?3 "
	"LIMIT 1";
/* Letters of a word's start tried in every case, to find it so: the words
 * that start with three given letters are few. */
#define CASED_LETTERS 3
/* The index's documents with the word, or its stems (the query tokenizer
 * makes them), counted up to a cap.  fts5vocab would count every
 * occurrence of a common stem, a million at a million pages. */
static const char count_sql[] =
	"SELECT count(*) FROM (SELECT 1 FROM fts WHERE fts MATCH ?1 LIMIT ?2)";

struct near {
	char w[WORD_BYTES];     /* lower case */
	int dist;
	sqlite3_int64 id;       /* its number in the vocabulary */
	long docs;
};

/* The search for one query word's near words. */
struct hunt {
	struct arc_store *s;
	struct arc_stemmers *st;        /* PostgreSQL's: a word's forms */
	struct arc_error *err;          /* PostgreSQL's failures */
	const char *word;       /* lower case */
	unsigned long cp[ARC_WORD_MAX];
	int n;                  /* characters */
	struct near near[NEAR_MAX];
	int nnear;
	/* The misreadings the search looked the word up by, when it has
	 * them already: not offered. */
	char (*searched)[ARC_WORD_MAX + 1];
	int nsearched;
	char *probes;           /* the words to look up, a JSON array */
	size_t plen, pcap;
	int failed;             /* the database failed */
	int oom;
};

/* Is a nearer, else earlier, than b? */
static int
before(const struct near *a, int dist, sqlite3_int64 id)
{
	return a->dist < dist || (a->dist == dist && a->id < id);
}

/* Keeps w (lower case) among the NEAR_MAX nearest, earliest found. */
static void
keep(struct hunt *h, const char *w, int dist, sqlite3_int64 id)
{
	struct near *worst = NULL;

	if (strlen(w) >= WORD_BYTES || strcmp(w, h->word) == 0)
		return;
	for (int i = 0; i < h->nsearched; i++)
		if (strcmp(h->searched[i], w) == 0)
			return;
	for (int i = 0; i < h->nnear; i++) {
		struct near *k = &h->near[i];
		if (strcmp(k->w, w) == 0) {
			if (!before(k, dist, id)) {
				k->dist = dist;
				k->id = id;
			}
			return;
		}
		if (worst == NULL || before(worst, k->dist, k->id))
			worst = k;
	}
	if (h->nnear < NEAR_MAX)
		worst = &h->near[h->nnear++];
	else if (before(worst, dist, id))
		return;
	snprintf(worst->w, sizeof(worst->w), "%s", w);
	worst->dist = dist;
	worst->id = id;
}

/* w with its ASCII letters in capitals: all (upper), or the first. */
static void
capitals(const char *w, char *out, int all)
{
	size_t i = 0;

	for (; w[i] != '\0'; i++)
		out[i] = (all || i == 0) && w[i] >= 'a' && w[i] <= 'z' ?
		    (char)(w[i] - 32) : w[i];
	out[i] = '\0';
}

/* A word's characters, lower case, into cp; how many, or -1 when text is
 * not one whole word (a token with punctuation in it). */
static int
characters(const char *text, size_t len, char *lower, unsigned long *cp)
{
	size_t start, wlen, end, k;
	int n = 0;

	end = arc_next_word(text, len, 0, &start, lower, &wlen);
	if (wlen == 0 || start != 0 || end != len)
		return -1;
	lower[wlen] = '\0';
	for (size_t i = 0; i < wlen && n < ARC_WORD_MAX; i += k)
		cp[n++] = arc_utf8_decode((const unsigned char *)lower + i,
		    wlen - i, &k);
	return n;
}

/* Adds the lower-case word w, in its three cases, to the words to look
 * up: each "as JSON", and a comma. */
static void
probe(struct hunt *h, const char *w)
{
	size_t len = strlen(w);
	char form[3][WORD_BYTES];

	/* No word of the vocabulary has a digit; nor a quote or a
	 * backslash, which JSON would need escaped. */
	if (len >= WORD_BYTES || strpbrk(w, "0123456789\"\\") != NULL)
		return;
	if (arc_grow(&h->probes, &h->pcap, h->plen, 3 * (len + 3) + 2, 1) !=
	    ARC_OK) {
		h->oom = 1;
		return;
	}
	if (h->plen == 0)
		h->probes[h->plen++] = '[';
	memcpy(form[0], w, len + 1);
	capitals(w, form[1], 0);
	capitals(w, form[2], 1);
	/* PostgreSQL's vocabulary keeps words in lower case only. */
	for (int c = 0; c < (h->s->pg != NULL ? 1 : 3); c++) {
		/* Capitalised and all capitals, when they differ. */
		if (c > 0 && strcmp(form[c], form[c - 1]) == 0)
			continue;
		h->plen += (size_t)sprintf(h->probes + h->plen, "\"%s\",",
		    form[c]);
	}
}

/* A word the vocabulary has of those probe added: a near word, one edit
 * away. */
static void
found_one_edit(void *ctx, long long id, const char *w, size_t len)
{
	struct hunt *h = ctx;
	unsigned long cp[ARC_WORD_MAX];
	char lower[WORD_BYTES];

	if (w != NULL && len < WORD_BYTES && characters(w, len, lower, cp) > 0)
		keep(h, lower, 1, id);
}

/* Looks up the words probe added. */
static void
look_up(struct hunt *h)
{
	sqlite3_stmt *st;
	int rc;

	if (h->plen == 0 || h->oom)
		return;
	/* The last comma ends the array. */
	h->probes[h->plen - 1] = ']';
	h->probes[h->plen] = '\0';
	if (h->s->pg != NULL) {
		if (arc_pg_vocab_lookup(h->s, h->probes, found_one_edit, h,
		    h->err) != ARC_OK)
			h->failed = 1;
		return;
	}
	if (arc_store_prepare(h->s, probe_sql, &st) != SQLITE_OK) {
		h->failed = 1;
		return;
	}
	sqlite3_bind_text(st, 1, h->probes, (int)h->plen, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		found_one_edit(h, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1));
	if (rc != SQLITE_DONE)
		h->failed = 1;
	sqlite3_reset(st);
}

/* The vocabulary's number of the ASCII word w (lower case) as the texts
 * wrote it in any case, or 0: the words that start with its first letters
 * in each of their cases, looked through. */
static sqlite3_int64
wrote(struct hunt *h, const char *w)
{
	size_t k = strlen(w) < CASED_LETTERS ? strlen(w) : CASED_LETTERS;
	sqlite3_int64 id = 0;

	for (unsigned mask = 0; mask < 1u << k && id == 0 && !h->failed;
	    mask++) {
		char start[CASED_LETTERS + 1], end[CASED_LETTERS + 2];
		sqlite3_stmt *st;
		int rc;
		for (size_t i = 0; i < k; i++)
			start[i] = mask & 1u << i ? (char)(w[i] - 32) : w[i];
		start[k] = '\0';
		memcpy(end, start, k);
		end[k] = '\xff';
		end[k + 1] = '\0';
		if (arc_store_prepare(h->s, cased_sql, &st) != SQLITE_OK) {
			h->failed = 1;
			return 0;
		}
		sqlite3_bind_text(st, 1, start, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, w, -1, SQLITE_STATIC);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		else if (rc != SQLITE_DONE)
			h->failed = 1;
		sqlite3_reset(st);
	}
	return id;
}

/* When the three cases found no near word: the words probe added looked
 * up folded (folded_sql), SQLite's archives with ranking segments only
 * (PostgreSQL's vocabulary is folded already).  Words of ASCII letters
 * only: lower() folds no other. */
static void
look_up_folded(struct hunt *h)
{
	sqlite3_stmt *st;
	char found[NEAR_MAX][WORD_BYTES];
	int n = 0, rc;

	if (h->nnear > 0 || h->plen == 0 || h->oom || h->failed ||
	    h->s->pg != NULL || !h->s->has_ranking)
		return;
	if (arc_store_prepare(h->s, folded_sql, &st) != SQLITE_OK) {
		h->failed = 1;
		return;
	}
	sqlite3_bind_text(st, 1, h->probes, (int)h->plen, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < NEAR_MAX) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		if (t != NULL && len < WORD_BYTES &&
		    strspn(t, "abcdefghijklmnopqrstuvwxyz") == len)
			memcpy(found[n++], t, len + 1);
	}
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		h->failed = 1;
	sqlite3_reset(st);
	for (int i = 0; i < n && !h->failed; i++) {
		sqlite3_int64 id = wrote(h, found[i]);
		if (id > 0)
			keep(h, found[i], 1, id);
	}
}

/* The characters cp[0..n) as UTF-8 in out (WORD_BYTES * 4 bytes). */
static void
encode(const unsigned long *cp, int n, char *out)
{
	size_t len = 0;

	for (int i = 0; i < n; i++)
		len += arc_utf8_encode(cp[i], out + len);
	out[len] = '\0';
}

/* The words one character away: a letter left out, put in, changed, or
 * two swapped. */
static void
one_edit(struct hunt *h)
{
	unsigned long v[ARC_WORD_MAX + 1];
	char w[WORD_BYTES * 4];
	int n = h->n;

	for (int i = 0; i < n; i++) {
		memcpy(v, h->cp, (size_t)i * sizeof(*v));
		memcpy(v + i, h->cp + i + 1, (size_t)(n - i - 1) *
		    sizeof(*v));
		encode(v, n - 1, w);
		probe(h, w);
	}
	for (int i = 0; i + 1 < n; i++) {
		if (h->cp[i] == h->cp[i + 1])
			continue;
		memcpy(v, h->cp, (size_t)n * sizeof(*v));
		v[i] = h->cp[i + 1];
		v[i + 1] = h->cp[i];
		encode(v, n, w);
		probe(h, w);
	}
	for (int i = 0; i <= n; i++)
		for (unsigned long c = 'a'; c <= 'z'; c++) {
			/* Changed at i. */
			if (i < n && c != h->cp[i]) {
				memcpy(v, h->cp, (size_t)n * sizeof(*v));
				v[i] = c;
				encode(v, n, w);
				probe(h, w);
			}
			/* Put in before i. */
			memcpy(v, h->cp, (size_t)i * sizeof(*v));
			v[i] = c;
			memcpy(v + i + 1, h->cp + i, (size_t)(n - i) *
			    sizeof(*v));
			encode(v, n + 1, w);
			probe(h, w);
		}
}

/* The words OCR makes of this one, or this one of (arc_misreadings):
 * one confusion each, as near as one edit.  Those with a digit are not
 * looked up: the vocabulary keeps no word with one. */
static void
misread(struct hunt *h)
{
	char w[ARC_MISREAD_MAX][ARC_WORD_MAX + 1];
	int n = arc_misreadings(h->word, strlen(h->word), 1, w,
	    ARC_MISREAD_MAX);

	for (int i = 0; i < n; i++)
		probe(h, w[i]);
}

/* The optimal string alignment distance of a and b (edits, a swap of two
 * neighbours one), or max + 1 once it is more than max. */
static int
distance(const unsigned long *a, int n, const unsigned long *b, int m,
    int max)
{
	int d[ARC_WORD_MAX + 1][ARC_WORD_MAX + 1];

	if (n > ARC_WORD_MAX || m > ARC_WORD_MAX || abs(n - m) > max)
		return max + 1;
	for (int i = 0; i <= n; i++)
		d[i][0] = i;
	for (int j = 0; j <= m; j++)
		d[0][j] = j;
	for (int i = 1; i <= n; i++) {
		int least = max + 1;
		for (int j = 1; j <= m; j++) {
			int v = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
			if (v < least)
				least = v;
		}
		if (least > max)
			return max + 1;
	}
	return d[n][m];
}

/* Keeps the vocabulary's word w (len bytes, numbered id) if it is two
 * edits away or nearer. */
static void
weigh(void *ctx, long long id, const char *w, size_t len)
{
	struct hunt *h = ctx;
	unsigned long cp[ARC_WORD_MAX];
	char lower[WORD_BYTES];
	int n, d;

	/* Characters are at most as many as bytes. */
	if (w == NULL || len + 2 < (size_t)h->n || len >= WORD_BYTES ||
	    (n = characters(w, len, lower, cp)) < 0)
		return;
	if ((d = distance(h->cp, h->n, cp, n, 2)) <= 2)
		keep(h, lower, d, id);
}

/*
 * The words two edits away that start as this one does: its first KEPT
 * letters, in the vocabulary's three cases.  A mistake in them and another
 * later is not found: the index of words is ordered from their start, and
 * three letters would read ten times as many ("pen", "men").
 */
static void
two_edits(struct hunt *h)
{
	/* KEPT characters, four bytes at most each. */
	char prefix[3][4 * KEPT + 1], end[4 * KEPT + 2];
	sqlite3_stmt *st;
	int rc, n;

	encode(h->cp, KEPT, prefix[0]);
	if (h->s->pg != NULL) {
		if (arc_pg_vocab_scan(h->s, prefix[0], SCAN_MAX, weigh, h,
		    h->err) != ARC_OK)
			h->failed = 1;
		return;
	}
	capitals(prefix[0], prefix[1], 0);
	capitals(prefix[0], prefix[2], 1);
	for (int c = 0; c < 3 && !h->failed; c++) {
		if ((c == 1 && strcmp(prefix[1], prefix[0]) == 0) ||
		    (c == 2 && strcmp(prefix[2], prefix[1]) == 0))
			continue;
		/* No byte of UTF-8 is 0xff: every word with the prefix sorts
		 * before it followed by one. */
		n = (int)strlen(prefix[c]);
		memcpy(end, prefix[c], (size_t)n);
		end[n] = '\xff';
		end[n + 1] = '\0';
		if (arc_store_prepare(h->s, scan_sql, &st) != SQLITE_OK) {
			h->failed = 1;
			return;
		}
		sqlite3_bind_text(st, 1, prefix[c], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, end, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 3, SCAN_MAX);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			weigh(h, sqlite3_column_int64(st, 0),
			    (const char *)sqlite3_column_text(st, 1),
			    (size_t)sqlite3_column_bytes(st, 1));
		if (rc != SQLITE_DONE)
			h->failed = 1;
		sqlite3_reset(st);
	}
}

/* Documents that have the word (or its stems), up to max; -1 when the
 * database fails. */
static long
documents_with(struct hunt *h, const char *word, long max)
{
	struct arc_store *s = h->s;
	char match[WORD_BYTES + 3];
	sqlite3_stmt *st;
	long n = -1;

	if (s->pg != NULL)
		return arc_pg_vocab_documents(s, h->st, word, max, h->err);
	/* A phrase, so that nothing in the word is FTS5's syntax. */
	snprintf(match, sizeof(match), "\"%s\"", word);
	if (arc_store_prepare(s, count_sql, &st) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, (int)max);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

static int
by_nearness(const void *a, const void *b)
{
	const struct near *x = a, *y = b;

	if (x->dist != y->dist)
		return x->dist - y->dist;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The nearest of the near words found that need documents have, and of
 * those the commonest: its index, or -1; ARC_FATAL when the database
 * fails. */
static int
choose(struct hunt *h, long need)
{
	int best = -1;

	qsort(h->near, (size_t)h->nnear, sizeof(*h->near), by_nearness);
	for (int i = 0; i < h->nnear; i++) {
		/* A farther word only when none nearer will do. */
		if (best >= 0 && h->near[i].dist > h->near[best].dist)
			break;
		if ((h->near[i].docs = documents_with(h, h->near[i].w,
		    COUNT_MAX)) < 0)
			return ARC_FATAL;
		if (h->near[i].docs >= need && (best < 0 ||
		    h->near[i].docs > h->near[best].docs))
			best = i;
	}
	return best;
}

/*
 * The near word to say for the lower-case query word into out
 * (WORD_BYTES): 1, or 0 when there is none; ARC_FATAL (err says why).
 * searched: the search looked the word up as OCR misreads it too (a word
 * out of a phrase).
 */
static int
nearest(struct arc_store *s, struct arc_stemmers *st, const char *word,
    int searched, char *out, struct arc_error *err)
{
	char misread_searched[ARC_MISREAD_TRIED][ARC_WORD_MAX + 1];
	struct hunt h = { .s = s, .st = st, .err = err, .word = word };
	size_t wlen = strlen(word), k;
	long docs;
	int letters = 0, best = -1;

	for (size_t i = 0; i < wlen && h.n < ARC_WORD_MAX; i += k) {
		h.cp[h.n] = arc_utf8_decode((const unsigned char *)word + i,
		    wlen - i, &k);
		letters += h.cp[h.n] < '0' || h.cp[h.n] > '9';
		h.n++;
	}
	if (h.n < SHORT_WORD || letters == 0 || arc_is_stopword(word))
		return 0;
	/* Whether a handful have it, no more: a common word's count stops
	 * there. */
	if ((docs = documents_with(&h, word, HANDFUL + 1)) < 0)
		return s->pg != NULL ? ARC_FATAL : arc_store_fail(s, err);
	if (docs > HANDFUL)
		return 0;
	/* A word no document has was searched as its misreadings that the
	 * archive has (ranking.c): its results have them already.  One in a
	 * few may be a misreading itself, of a word in many, or a misreading
	 * that is commoner (which the search leaves out). */
	if (docs == 0 && searched) {
		h.searched = misread_searched;
		h.nsearched = arc_query_misreadings(word, wlen,
		    misread_searched);
	}
	misread(&h);
	one_edit(&h);
	look_up(&h);
	look_up_folded(&h);
	free(h.probes);
	if (h.n >= LONG_WORD && !h.failed)
		two_edits(&h);
	if (h.oom)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	if (h.failed || (best = choose(&h, docs == 0 ? 1 :
	    MANY_TIMES * docs)) == ARC_FATAL)
		return s->pg != NULL ? ARC_FATAL : arc_store_fail(s, err);
	if (best < 0)
		return 0;
	snprintf(out, WORD_BYTES, "%s", h.near[best].w);
	return 1;
}

/* A query word and what to say instead. */
struct fix {
	char word[WORD_BYTES], better[WORD_BYTES];
	int found;
	int searched;   /* out of a phrase: searched misread too */
};

/* Adds the words of one of the query's words or phrases to those to look
 * at, each once. */
static void
gather(const char *t, int phrase, struct fix *fix, size_t *nfix)
{
	size_t tl = strlen(t), at = 0, start, wlen, j;
	char word[ARC_WORD_MAX + 1];

	while (*nfix < QUERY_WORDS_MAX && (at = arc_next_word(t, tl, at,
	    &start, word, &wlen)) <= tl && wlen > 0) {
		word[wlen] = '\0';
		for (j = 0; j < *nfix && strcmp(fix[j].word, word) != 0; j++)
			;
		if (j == *nfix) {
			snprintf(fix[j].word, sizeof(fix[j].word), "%s", word);
			fix[j].found = 0;
			fix[j].searched = 0;
			(*nfix)++;
		}
		fix[j].searched |= !phrase;
	}
}

/* Appends better in the case the clerk typed typed (n bytes) in: ALL
 * CAPITALS, a Capital first, or lower case. */
static void
put_as_typed(char *out, size_t *len, const char *typed, size_t n,
    const char *better)
{
	int upper = 0, lower = 0;

	for (size_t i = 0; i < n; i++) {
		upper += typed[i] >= 'A' && typed[i] <= 'Z';
		lower += typed[i] >= 'a' && typed[i] <= 'z';
	}
	if (upper > 1 && lower == 0)
		capitals(better, out + *len, 1);
	else if (upper > 0 && typed[0] >= 'A' && typed[0] <= 'Z')
		capitals(better, out + *len, 0);
	else
		strcpy(out + *len, better);
	*len += strlen(better);
}

/* The query as typed, each word to fix made better in its place; NULL
 * when out of memory. */
static char *
rewrite(const char *query, const struct fix *fix, size_t nfix)
{
	size_t qlen = strlen(query), at = 0, from = 0, len = 0, start, wlen;
	char word[ARC_WORD_MAX + 1], *out;
	const struct fix *f;

	/* Each word, a byte at least, may become WORD_BYTES. */
	if ((out = malloc(qlen * WORD_BYTES + 1)) == NULL)
		return NULL;
	while ((at = arc_next_word(query, qlen, at, &start, word,
	    &wlen)) <= qlen && wlen > 0) {
		word[wlen] = '\0';
		for (f = fix; f < fix + nfix && (!f->found ||
		    strcmp(f->word, word) != 0); f++)
			;
		if (f == fix + nfix)
			continue;
		memcpy(out + len, query + from, start - from);
		len += start - from;
		put_as_typed(out, &len, query + start, at - start, f->better);
		from = at;
	}
	memcpy(out + len, query + from, qlen - from + 1);
	return out;
}

int
arc_find_suggest(struct arc_store *s, const char *query, long found,
    int partial, char **out, struct arc_error *err)
{
	struct arc_query q;
	struct fix fix[QUERY_WORDS_MAX];
	struct arc_stemmers st;
	size_t nfix = 0, j;
	int rc = ARC_OK, any = 0;

	*out = NULL;
	/* An archive that keeps no vocabulary (texts not coded by word; on
	 * PostgreSQL, layout 2 or no right to read it) has no words to
	 * offer. */
	if ((s->pg != NULL ? s->pg->vocab == 0 : !s->has_coded) ||
	    query == NULL)
		return ARC_OK;
	if (arc_query_parse(query, &q) != ARC_OK)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	for (int i = 0; i < q.n; i++)
		if (q.terms[i].kind == QT_WORD || q.terms[i].kind == QT_PHRASE)
			gather(q.terms[i].text, q.terms[i].kind == QT_PHRASE,
			    fix, &nfix);
	arc_query_free(&q);
	/*
	 * A word that many documents have was not mistyped.  The results of
	 * several words do not say how many have each: a document with any
	 * of them is one.
	 */
	if (!partial && found >= FEW_RESULTS && nfix <= 1)
		return ARC_OK;
	/* PostgreSQL counts a word's documents by its forms. */
	if (s->pg != NULL && arc_stemmers_init(&st) != ARC_OK)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	for (j = 0; j < nfix && rc >= 0; j++) {
		if ((rc = nearest(s, &st, fix[j].word, fix[j].searched,
		    fix[j].better, err)) >= 0)
			any |= fix[j].found = rc;
	}
	if (s->pg != NULL)
		arc_stemmers_done(&st);
	if (rc < 0)
		return rc;
	if (any && (*out = rewrite(query, fix, nfix)) == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	return ARC_OK;
}
