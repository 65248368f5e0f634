/* fuzzy.c: approximate matching with Myers' bit-vector algorithm: one pass, a few word operations per byte. */
#include <stdlib.h>
#include <string.h>

#include "tag_internal.h"

void
arc_fuzzy_init(struct arc_fuzzy *fz, char *pattern, int k)
{
	memset(fz->peq, 0, sizeof(fz->peq));
	fz->pattern = pattern;
	fz->m = strlen(pattern);
	fz->k = k;
	for (size_t i = 0; i < fz->m; i++)
		fz->peq[(unsigned char)pattern[i]] |= (uint64_t)1 << i;
}

/*
 * Edit distance between pattern and text[s, end), the start s chosen best,
 * searched backwards from end over at most m + k bytes: the span a match
 * found by its end covers.  Small (m x (m + k)), and run once per match.
 */
static void
span_start(const struct arc_fuzzy *fz, const char *text, size_t end,
    size_t *start, int *edits)
{
	size_t w = fz->m + (size_t)fz->k, m = fz->m;
	int prev[ARC_FUZZY_MAX + 1], cur[ARC_FUZZY_MAX + 1];
	int best = -1;
	size_t best_len = 0;

	if (w > end)
		w = end;
	/* Pattern and text both read backwards from end: row j is j text
	 * bytes taken, column i the last i pattern bytes. */
	for (size_t i = 0; i <= m; i++)
		prev[i] = (int)i;
	for (size_t j = 1; j <= w; j++) {
		char c = text[end - j];
		cur[0] = (int)j;
		for (size_t i = 1; i <= m; i++) {
			int sub = prev[i - 1] + (fz->pattern[m - i] != c);
			int del = prev[i] + 1, ins = cur[i - 1] + 1;
			cur[i] = sub < del ? sub : del;
			if (ins < cur[i])
				cur[i] = ins;
		}
		if (best < 0 || cur[m] < best) {
			best = cur[m];
			best_len = j;
		}
		memcpy(prev, cur, sizeof(cur));
	}
	*start = end - best_len;
	*edits = best;
}

int
arc_fuzzy_find(const struct arc_fuzzy *fz, const char *text, size_t len,
    size_t *start, size_t *end, int *edits)
{
	const unsigned char *p = (const unsigned char *)text;
	uint64_t pv, mv = 0, high;
	int score, best = -1;
	size_t best_end = 0;

	if (fz->m == 0 || fz->m > ARC_FUZZY_MAX)
		return 0;
	high = (uint64_t)1 << (fz->m - 1);
	pv = fz->m == 64 ? ~(uint64_t)0 : ((uint64_t)1 << fz->m) - 1;
	score = (int)fz->m;
	/* Column j of the table of edit distances between the pattern and
	 * the best-fitting span ending at j, kept as vertical differences
	 * (Myers 1999); the first row is all zeros, so a match may start
	 * anywhere. */
	for (size_t j = 0; j < len; j++) {
		uint64_t eq = fz->peq[p[j]];
		uint64_t xv = eq | mv;
		uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
		uint64_t ph = mv | ~(xh | pv);
		uint64_t mh = pv & xh;

		if (ph & high)
			score++;
		else if (mh & high)
			score--;
		ph <<= 1;
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
		/* The first end within k edits may cut the span short
		 * ("tidak mamp" for "tidak mampu"): go on while it gets
		 * better, at most k more bytes. */
		if (score <= fz->k && (best < 0 || score < best)) {
			best = score;
			best_end = j + 1;
		}
		if (best >= 0 && (score > best ||
		    j + 1 - best_end >= (size_t)fz->k || best == 0))
			break;
	}
	if (best < 0)
		return 0;
	*end = best_end;
	span_start(fz, text, best_end, start, edits);
	return 1;
}
