/* words.c: what a word is, and its stem: one definition for the archive, the tagger and the chatbot. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <libstemmer.h>

#include "arc_core.h"

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

int
arc_is_word_char(unsigned long cp)
{
	if (cp < 0x80)
		return arc_is_word_byte((unsigned char)cp);
	return iswalnum((wint_t)cp) != 0;
}

/*
 * The Latin letters with diacritics (U+00C0 to U+017F) as the letter
 * without, so that "Daimyō" finds "Daimyo" and "François" "Francois", as
 * a clerk types them on a keyboard without such letters; '0': kept as it
 * is (Æ, Œ, ß, ...).
 */
static const char latin_fold[] =
	    "aaaaaa0ceeeeiiiidnooooo0ouuuuy00"	/* U+00C0 */
	    "aaaaaa0ceeeeiiiidnooooo0ouuuuy0y"	/* U+00E0 */
	    "aaaaaaccccccccddddeeeeeeeeeegggg"	/* U+0100 */
	    "gggghhhhiiiiiiiiii00jjkk0lllllll"	/* U+0120 */
	    "lllnnnnnnn00oooooo00rrrrrrssssss"	/* U+0140 */
	    "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs"	/* U+0160 */;

static unsigned long
fold(unsigned long cp)
{
	if (cp >= 0xC0 && cp < 0xC0 + sizeof(latin_fold) - 1 &&
	    latin_fold[cp - 0xC0] != '0')
		return (unsigned long)latin_fold[cp - 0xC0];
	return cp;
}

size_t
arc_said_twice(const char *text, size_t len)
{
	if (len < 4 || text[len - 1] != '2')
		return 0;
	for (size_t i = 0; i < len - 1; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return 0;
	}
	return len - 1;
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
	while (i < len && !arc_is_word_char(char_at(s + i, len - i, &k)))
		i += k;
	if (i >= len)
		return len;
	*start = i;
	while (i < len && arc_is_word_char(cp = char_at(s + i, len - i, &k))) {
		cp = fold(cp);
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
const char *
arc_stem(struct sb_stemmer *st, const char *w, size_t n, int *len)
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

static uint32_t
stem_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;       /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h;
}

/* The stem of w (n bytes, hash h: stem_hash). */
static const char *
stem_cached(struct sb_stemmer *st, struct stem_cache **cachep, const char *w,
    size_t n, uint32_t h, int *len)
{
	struct stem_slot *e;
	const char *s;

	if (st == NULL || n >= STEM_CACHE_WORD || (*cachep == NULL &&
	    (*cachep = calloc(1, sizeof(**cachep))) == NULL))
		return arc_stem(st, w, n, len);
	e = &(*cachep)->slot[h & (STEM_CACHE_SLOTS - 1)];
	if (e->wlen == n && memcmp(e->word, w, n) == 0) {
		*len = e->slen;
		return e->stem;
	}
	s = arc_stem(st, w, n, len);
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

/*
 * Words are stemmed STEM_WINDOW at a time, the cache's slots of all of
 * them fetched first: most of a page's rarer words' slots are in no CPU
 * cache, and looking them up one after the other waited for each in turn.
 */
#define STEM_WINDOW 32

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
	size_t cap = 2 * len + 1, n = 0, at = 0, start, nw;
	char word[STEM_WINDOW][WORD_MAX + 1], *out = malloc(cap);
	size_t wlen[STEM_WINDOW];
	uint32_t hash[STEM_WINDOW];

	if (out == NULL)
		return NULL;
	do {
		for (nw = 0; nw < STEM_WINDOW && (at = arc_next_word(text, len,
		    at, &start, word[nw], &wlen[nw])) <= len && wlen[nw] > 0;
		    nw++) {
			const char *e;

			hash[nw] = stem_hash(word[nw], wlen[nw]);
			if (stemmer == NULL || *cache == NULL)
				continue;
			e = (const char *)&(*cache)->slot[hash[nw] &
			    (STEM_CACHE_SLOTS - 1)];
			__builtin_prefetch(e);
			__builtin_prefetch(e + sizeof(struct stem_slot) - 1);
		}
		for (size_t i = 0; i < nw; i++) {
			int slen;
			const char *s = stem_cached(stemmer, cache, word[i],
			    wlen[i], hash[i], &slen);

			if (arc_grow(&out, &cap, n, (size_t)slen + 2, 1) !=
			    ARC_OK) {
				free(out);
				return NULL;
			}
			if (n > 0)
				out[n++] = ' ';
			memcpy(out + n, s, (size_t)slen);
			n += (size_t)slen;
		}
	} while (nw == STEM_WINDOW);
	out[n] = '\0';
	return out;
}
