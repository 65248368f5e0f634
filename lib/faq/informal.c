/* informal.c: the roots an informal Indonesian word may be made of ("ngurusin" is urus, "nyanggah" sanggah, "dilaporin" lapor), for the words of a question no phrasing has. */
#include <string.h>

#include "faq_internal.h"

/*
 * Spoken Indonesian, as citizens type it, makes verbs its own way, which
 * no stemmer for the written language undoes:
 *   - the nasal prefix fused with the root's first letter: ng- before a
 *     vowel (ngurus: urus; ngirim: kirim), nge- before a short root
 *     (ngecek: cek), ny- for s and c (nyanggah: sanggah, nyari: cari), m-
 *     for p (milih: pilih), n- for t (nanya: tanya);
 *   - -in for -kan and -i (bikinin, laporin), often after di- (diusulin);
 *   - -nya after all of it (ngaktifinnya).
 * The written language's menge- and penge-...-an before a root of one
 * syllable (mengecek, pengecekan) are undone here too.
 * The candidates are only guesses: the caller keeps the first one whose
 * term the answer files have.
 */

#define ROOT_MIN 3

struct roots {
	const char *word;  /* never one of its own roots */
	char (*out)[FAQ_WORD_MAX + 1];
	int n, max;
};

static void
add(struct roots *r, const char *first, const char *rest, size_t len)
{
	size_t fl = strlen(first);

	if (r->n >= r->max || len + fl < ROOT_MIN || len + fl > FAQ_WORD_MAX)
		return;
	memcpy(r->out[r->n], first, fl);
	memcpy(r->out[r->n] + fl, rest, len);
	r->out[r->n][fl + len] = '\0';
	if (strcmp(r->out[r->n], r->word) == 0)
		return;
	for (int i = 0; i < r->n; i++)
		if (strcmp(r->out[i], r->out[r->n]) == 0)
			return;
	r->n++;
}

static int
vowel(char c)
{
	return c != '\0' && strchr("aeiou", c) != NULL;
}

/* The roots of a word without suffixes, after its prefix is taken off. */
static void
unprefix(struct roots *r, const char *w, size_t len)
{
	if (len > 2 && strncmp(w, "di", 2) == 0)
		add(r, "", w + 2, len - 2);
	if (len > 3 && strncmp(w, "nge", 3) == 0)
		add(r, "", w + 3, len - 3);
	/* The written language does it too, with roots of one syllable
	 * (mengecek, pengecekan), which stemmers cut as "ecek". */
	if (len > 5 && (strncmp(w, "menge", 5) == 0 ||
	    strncmp(w, "penge", 5) == 0))
		add(r, "", w + 5, len - 5);
	if (len > 2 && strncmp(w, "ng", 2) == 0 && vowel(w[2])) {
		add(r, "", w + 2, len - 2);
		add(r, "k", w + 2, len - 2);
	}
	if (len > 2 && strncmp(w, "ny", 2) == 0 && vowel(w[2])) {
		add(r, "s", w + 2, len - 2);
		add(r, "c", w + 2, len - 2);
	}
	if (len > 1 && w[0] == 'm' && vowel(w[1]))
		add(r, "p", w + 1, len - 1);
	if (len > 1 && w[0] == 'n' && vowel(w[1]))
		add(r, "t", w + 1, len - 1);
}

static int
ends(const char *w, size_t len, const char *end)
{
	size_t el = strlen(end);

	return len > el + ROOT_MIN - 1 && memcmp(w + len - el, end, el) == 0;
}

/*
 * Jakarta speech says the last syllable's a as e and u as o when a
 * consonant closes it (tangkep: tangkap, jatoh: jatuh, pinter: pintar):
 * the word and each root found so far, so changed, are guesses too.
 */
static void
unshift_vowel(struct roots *r, const char *root, size_t len)
{
	char changed[FAQ_WORD_MAX + 1];

	if (len < ROOT_MIN + 1 || len > FAQ_WORD_MAX || vowel(root[len - 1]) ||
	    (root[len - 2] != 'e' && root[len - 2] != 'o'))
		return;
	memcpy(changed, root, len);
	changed[len - 2] = root[len - 2] == 'e' ? 'a' : 'u';
	add(r, "", changed, len);
}

int
faq_informal_roots(const char *w, char (*out)[FAQ_WORD_MAX + 1], int max)
{
	struct roots r = { w, out, 0, max };
	size_t len = strlen(w);
	int found;

	if (ends(w, len, "nya"))
		len -= 3;
	/* The word as it stands, then without -in: "ngasih" is kasih, not
	 * "ngas" + -ih; "dilaporin" is lapor. */
	add(&r, "", w, len);
	unprefix(&r, w, len);
	if (ends(w, len, "in")) {
		add(&r, "", w, len - 2);
		unprefix(&r, w, len - 2);
	}
	if (ends(w, len, "an") && strncmp(w, "penge", 5) == 0)
		unprefix(&r, w, len - 2);
	found = r.n;
	unshift_vowel(&r, w, len);
	for (int i = 0; i < found; i++)
		unshift_vowel(&r, out[i], strlen(out[i]));
	return r.n;
}
