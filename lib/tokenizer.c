/* tokenizer.c: the archive's FTS5 tokenizer: words, lower case, Snowball stems in the document's language. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <libstemmer.h>

#include "store.h"

/* Longer runs of letters are not words anyone searches for. */
#define WORD_MAX ARC_WORD_MAX

/* The character at s; ASCII, nearly all of most text, without the
 * decoder's call. */
static inline unsigned long
char_at(const unsigned char *s, size_t left, size_t *k)
{
	if (*s < 0x80) {
		*k = 1;
		return *s;
	}
	return arc_utf8_decode(s, left, k);
}

static inline int
is_word_char(unsigned long cp)
{
	if (cp < 0x80)
		return ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
		    (cp >= '0' && cp <= '9');
	return iswalnum((wint_t)cp);
}

size_t
arc_next_word(const char *text, size_t len, size_t from, size_t *start,
    char *word, size_t *wlen)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = from, n = 0, k;
	unsigned long cp;

	*wlen = 0;
	/* Skip what is not a letter or digit. */
	while (i < len && !is_word_char(char_at(s + i, len - i, &k)))
		i += k;
	if (i >= len)
		return len;
	*start = i;
	while (i < len && is_word_char(cp = char_at(s + i, len - i, &k))) {
		if (cp < 0x80) {
			if (n < WORD_MAX)
				word[n++] = (char)(cp >= 'A' && cp <= 'Z' ?
				    cp + 32 : cp);
		} else {
			char buf[4];
			size_t m = arc_utf8_encode((unsigned long)
			    towlower((wint_t)cp), buf);
			if (n + m <= WORD_MAX) {
				memcpy(word + n, buf, m);
				n += m;
			}
		}
		i += k;
	}
	*wlen = n;
	return i;
}

static int
has_digit(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			return 1;
	return 0;
}

/* The stem of a word; numbers and codes are kept as they are. */
static const char *
stem(struct sb_stemmer *st, const char *w, size_t n, int *len)
{
	const sb_symbol *out;

	if (st == NULL || has_digit(w, n)) {
		*len = (int)n;
		return w;
	}
	out = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);
	/* A stem is never longer than its word; if one were, the word. */
	if (out == NULL || sb_stemmer_length(st) > WORD_MAX) {
		*len = (int)n;
		return w;
	}
	*len = sb_stemmer_length(st);
	return (const char *)out;
}

/*
 * Stems already made, by word, for arc_index_words: text follows Zipf's
 * law, so a few thousand words make most of any page, and looking one up
 * costs a fraction of Snowball's work.  Direct-mapped: a word whose slot
 * is taken replaces the one there.
 */
#define STEM_CACHE_SLOTS 16384          /* a power of two */
#define STEM_CACHE_WORD 24              /* longer words are not kept */

struct stem_slot {
	unsigned char wlen, slen;
	char word[STEM_CACHE_WORD], stem[STEM_CACHE_WORD];
};

struct stem_cache {
	struct stem_slot slot[STEM_CACHE_SLOTS];
};

static const char *
stem_cached(struct sb_stemmer *st, struct stem_cache **cachep, const char *w,
    size_t n, int *len)
{
	uint32_t h = 2166136261u;       /* FNV-1a */
	struct stem_slot *e;
	const char *s;

	if (st == NULL || n >= STEM_CACHE_WORD ||
	    (*cachep == NULL && (*cachep = calloc(1, sizeof(**cachep))) == NULL))
		return stem(st, w, n, len);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	e = &(*cachep)->slot[h & (STEM_CACHE_SLOTS - 1)];
	if (e->wlen == n && memcmp(e->word, w, n) == 0) {
		*len = e->slen;
		return e->stem;
	}
	s = stem(st, w, n, len);
	if (*len < STEM_CACHE_WORD) {
		e->wlen = (unsigned char)n;
		memcpy(e->word, w, n);
		e->slen = (unsigned char)*len;
		memcpy(e->stem, s, (size_t)*len);
	}
	return s;
}

int
arc_stemmers_init(struct arc_stemmers *st)
{
	st->ind_cache = st->eng_cache = NULL;
	st->ind = sb_stemmer_new("indonesian", "UTF_8");
	st->eng = sb_stemmer_new("english", "UTF_8");
	if (st->ind != NULL && st->eng != NULL)
		return ARC_OK;
	arc_stemmers_done(st);
	return ARC_FATAL;
}

void
arc_stemmers_done(struct arc_stemmers *st)
{
	sb_stemmer_delete(st->ind);
	sb_stemmer_delete(st->eng);
	free(st->ind_cache);
	free(st->eng_cache);
	st->ind = st->eng = NULL;
	st->ind_cache = st->eng_cache = NULL;
}

char *
arc_index_words(struct arc_stemmers *st, const char *lang,
    const char *text, size_t len)
{
	int eng = lang != NULL && strcmp(lang, "eng") == 0;
	struct sb_stemmer *stemmer = lang == NULL ? NULL : eng ? st->eng :
	    strcmp(lang, "ind") == 0 ? st->ind : NULL;
	struct stem_cache **cache = eng ? &st->eng_cache : &st->ind_cache;
	/* A stem is at most its word, and each word is at least one byte
	 * plus one skipped: the words fit in twice the text. */
	size_t cap = 2 * len + 1, n = 0, at = 0, start, wlen;
	char word[WORD_MAX + 1], *out = malloc(cap);

	if (out == NULL)
		return NULL;
	while ((at = arc_next_word(text, len, at, &start, word, &wlen)) <=
	    len && wlen > 0) {
		int slen;
		const char *s = stem_cached(stemmer, cache, word, wlen, &slen);

		if (n + (size_t)slen + 1 >= cap) {
			char *g = realloc(out, cap = 2 * cap + (size_t)slen);
			if (g == NULL) {
				free(out);
				return NULL;
			}
			out = g;
		}
		if (n > 0)
			out[n++] = ' ';
		memcpy(out + n, s, (size_t)slen);
		n += (size_t)slen;
	}
	out[n] = '\0';
	return out;
}

static int
create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	struct arc_stemmers *t = calloc(1, sizeof(*t));

	(void)ctx;
	(void)args;
	(void)nargs;
	if (t == NULL)
		return SQLITE_NOMEM;
	if (arc_stemmers_init(t) != ARC_OK) {
		free(t);
		return SQLITE_ERROR;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
destroy(Fts5Tokenizer *tok)
{
	arc_stemmers_done((struct arc_stemmers *)tok);
	free(tok);
}

/* A document's words come made by arc_index_words (on the indexer's
 * worker threads, not in the one writer): split at the spaces. */
static int
document_words(void *ctx, const char *text, int len,
    int (*emit)(void *, int, const char *, int, int, int))
{
	int at = 0, rc;

	while (at < len) {
		int end = at;
		while (end < len && text[end] != ' ')
			end++;
		if (end > at &&
		    (rc = emit(ctx, 0, text + at, end - at, at, end)) != SQLITE_OK)
			return rc;
		at = end + 1;
	}
	return SQLITE_OK;
}

/*
 * A query's words are looked up as written and by both stems at once
 * (colocated tokens), since a query does not say its language:
 * "pelayanan" finds "layanan" in an Indonesian letter, "services" finds
 * "service" in an English one.  A query may start with a marker naming
 * its language (ARC_LANG_MARK "ind " or "eng "): then that stem only.
 */
static int
tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
    int (*emit)(void *, int, const char *, int, int, int))
{
	struct arc_stemmers *t = (struct arc_stemmers *)tok;
	struct sb_stemmer *q1 = t->ind, *q2 = t->eng;
	size_t n = (size_t)len, at = 0, start, wlen;
	char word[WORD_MAX + 1], first[WORD_MAX + 1];
	int rc;

	if ((flags & FTS5_TOKENIZE_QUERY) == 0)
		return document_words(ctx, text, len, emit);
	if (n >= 5 && text[0] == ARC_LANG_MARK) {
		/* The other language's stemmer mangles foreign words into
		 * false matches ("between" into "tween"). */
		if (memcmp(text + 1, "eng ", 4) == 0)
			q1 = NULL;
		else if (memcmp(text + 1, "ind ", 4) == 0)
			q2 = NULL;
		at = 5;
	}
	while ((at = arc_next_word(text, n, at, &start, word, &wlen)) <= n &&
	    wlen > 0) {
		const char *s;
		int slen, flen;

		if ((rc = emit(ctx, 0, word, (int)wlen, (int)start, (int)at)) !=
		    SQLITE_OK)
			return rc;
		flen = 0;
		if (q1 != NULL) {
			s = stem(q1, word, wlen, &slen);
			memcpy(first, s, (size_t)slen);
			flen = slen;
			if ((slen != (int)wlen || memcmp(s, word, wlen) != 0) &&
			    (rc = emit(ctx, FTS5_TOKEN_COLOCATED, first, flen,
			    (int)start, (int)at)) != SQLITE_OK)
				return rc;
		}
		if (q2 == NULL)
			continue;
		s = stem(q2, word, wlen, &slen);
		if ((slen != (int)wlen || memcmp(s, word, wlen) != 0) &&
		    (slen != flen || memcmp(s, first, (size_t)flen) != 0) &&
		    (rc = emit(ctx, FTS5_TOKEN_COLOCATED, s, slen, (int)start,
		    (int)at)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

int
arc_register_fts5(sqlite3 *db)
{
	static fts5_tokenizer methods = { create, destroy, tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		return SQLITE_ERROR;
	if (api->xCreateTokenizer(api, "arc", NULL, &methods, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	return arc_register_rank(api);
}
