/* misread.c: the words OCR may have made of a word, by the letters Tesseract confuses, for the search (ranking.c) and its "did you mean" (suggest.c). */
#include <string.h>

#include "store.h"

/*
 * What OCR reads for what, in lower case as a query word is: a capital I
 * read for l, or l for I, is i for l after case folding; so the pairs that
 * survive it are l, i and 1; rn and m; o and 0; cl and d; li and h; vv and
 * w; ii and u.  Both ways round: the clerk types the word right and the
 * scan has it wrong, or the clerk types what the paper shows.  The commonest
 * first as we take them to be (l, I and 1, then rn and m), as the first
 * are kept when a word has more than max.
 */
static const char *const confusions[][2] = {
	{ "l", "i" }, { "i", "l" }, { "l", "1" }, { "1", "l" },
	{ "i", "1" }, { "1", "i" }, { "rn", "m" }, { "m", "rn" },
	{ "o", "0" }, { "0", "o" }, { "cl", "d" }, { "d", "cl" },
	{ "li", "h" }, { "h", "li" }, { "vv", "w" }, { "w", "vv" },
	{ "ii", "u" }, { "u", "ii" },
};

#define NCONFUSIONS (sizeof(confusions) / sizeof(*confusions))

/* The misreadings made so far (at most max), of word. */
struct made {
	int n, max;
	char (*out)[ARC_WORD_MAX + 1];
	const char *word;
	size_t wlen;
};

/* Adds w (len bytes) unless it is the word, is already there, or is too
 * long; 1 when added. */
static int
add(struct made *m, const char *w, size_t len)
{
	if (len > ARC_WORD_MAX || m->n >= m->max || (len == m->wlen &&
	    memcmp(w, m->word, len) == 0))
		return 0;
	for (int i = 0; i < m->n; i++)
		if (strlen(m->out[i]) == len && memcmp(m->out[i], w, len) == 0)
			return 0;
	memcpy(m->out[m->n], w, len);
	m->out[m->n][len] = '\0';
	m->n++;
	return 1;
}

/*
 * Each single confusion of w (len bytes) outside bytes [from, to) into m;
 * with spans, where each new one's confusion wrote (its start, its end),
 * for a second confusion to be made only outside them: not "m" to "rn"
 * and back, nor "l" to "i" to "1", which is one.
 */
static void
confuse(struct made *m, const char *w, size_t len, size_t from, size_t to,
    size_t (*spans)[2])
{
	char v[2 * ARC_WORD_MAX + 2];

	for (size_t k = 0; k < NCONFUSIONS; k++) {
		const char *a = confusions[k][0], *b = confusions[k][1];
		size_t al = strlen(a), bl = strlen(b);
		for (size_t at = 0; at + al <= len; at++) {
			if (memcmp(w + at, a, al) != 0 || (at < to &&
			    at + al > from))
				continue;
			memcpy(v, w, at);
			memcpy(v + at, b, bl);
			memcpy(v + at + bl, w + at + al, len - at - al);
			if (add(m, v, len - al + bl) && spans != NULL) {
				spans[m->n - 1][0] = at;
				spans[m->n - 1][1] = at + bl;
			}
		}
	}
}

/* Characters of a UTF-8 word (its bytes but continuation bytes). */
static int
characters(const char *w, size_t len)
{
	int n = 0;

	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)w[i] & 0xc0) != 0x80;
	return n;
}

/*
 * Words of fewer characters than MISREAD_SHORT have too many real words
 * one confusion away ("hal", "hai"); from MISREAD_LONG, two confusions.
 * ARC_MISREAD_TRIED at most: a search looks each up by its forms, an
 * index seek each, a few microseconds.
 */
#define MISREAD_SHORT 4
#define MISREAD_LONG 8

int
arc_query_misreadings(const char *word, size_t wlen,
    char (*out)[ARC_WORD_MAX + 1])
{
	int chars = characters(word, wlen);

	if (chars < MISREAD_SHORT || arc_is_stopword(word))
		return 0;
	return arc_misreadings(word, wlen, chars >= MISREAD_LONG ? 2 : 1, out,
	    ARC_MISREAD_TRIED);
}

int
arc_misreadings(const char *word, size_t wlen, int edits,
    char (*out)[ARC_WORD_MAX + 1], int max)
{
	struct made m = { 0, max, out, word, wlen };
	size_t spans[ARC_MISREAD_MAX][2];
	int singles;

	if (max > ARC_MISREAD_MAX)
		m.max = max = ARC_MISREAD_MAX;
	confuse(&m, word, wlen, 0, 0, spans);
	singles = m.n;
	/* Then a second confusion in each: a word with two is less likely,
	 * so these come after every word with one. */
	for (int i = 0; edits >= 2 && i < singles && m.n < max; i++) {
		char w[ARC_WORD_MAX + 1];
		size_t len = strlen(out[i]);

		memcpy(w, out[i], len + 1);
		confuse(&m, w, len, spans[i][0], spans[i][1], NULL);
	}
	return m.n;
}
