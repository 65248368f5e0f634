/* test_misread.c: the words OCR may have made of a word: the confusions that survive lower case, one or two, each once, never the word, never more than asked. */
#include <string.h>

#include "check.h"
#include "store.h"

static char out[ARC_MISREAD_MAX][ARC_WORD_MAX + 1];

/* Is w among the first n of out? */
static int
has(int n, const char *w)
{
	for (int i = 0; i < n; i++)
		if (strcmp(out[i], w) == 0)
			return 1;
	return 0;
}

static int
misread(const char *w, int edits, int max)
{
	return arc_misreadings(w, strlen(w), edits, out, max);
}

static void
test_one(void)
{
	int n = misread("pemerintah", 1, ARC_MISREAD_MAX);

	CHECK(has(n, "pernerintah"));           /* m read as rn */
	CHECK(has(n, "pemerlntah") && has(n, "pemer1ntah"));
	CHECK(has(n, "pemerintali"));           /* h read as li */
	CHECK(!has(n, "pemerintah"));
	CHECK(!has(n, "pernerlntah"));          /* two: not asked */
	CHECK(n == 4);
	n = misread("kelurahan", 1, ARC_MISREAD_MAX);
	CHECK(has(n, "keiurahan"));             /* I for l, lower case */
	CHECK(has(n, "ke1urahan"));
	CHECK(has(n, "keluralian"));
	n = misread("dinas", 1, ARC_MISREAD_MAX);
	CHECK(has(n, "dlnas") && has(n, "clinas") && has(n, "d1nas"));
	n = misread("2024", 1, ARC_MISREAD_MAX);
	CHECK(has(n, "2o24") && n == 1);
	n = misread("modern", 1, ARC_MISREAD_MAX);
	CHECK(has(n, "modem") && has(n, "rnodern") && has(n, "m0dern"));
	n = misread("jawaban", 1, ARC_MISREAD_MAX);
	CHECK(has(n, "javvaban") && n == 1);
	n = misread("radii", 1, ARC_MISREAD_MAX);
	CHECK(has(n, "radu"));
	/* Nothing OCR confuses. */
	CHECK(misread("perkara", 1, ARC_MISREAD_MAX) == 0);
	CHECK(misread("", 1, ARC_MISREAD_MAX) == 0);
}

static void
test_two(void)
{
	int n = misread("pemerintah", 2, ARC_MISREAD_MAX);

	/* The four with one first, in the same order. */
	CHECK(n > 4);
	CHECK(strcmp(out[0], "pemerlntah") == 0);
	CHECK(has(4, "pernerintah"));
	CHECK(has(n, "pernerlntah") && has(n, "pernerintali"));
	/* A second confusion never undoes or redoes the first. */
	CHECK(!has(n, "pemerintah"));
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			CHECK(strcmp(out[i], out[j]) != 0);
	n = misread("lima", 2, ARC_MISREAD_MAX);
	CHECK(has(n, "iirna") && has(n, "1irna"));
}

static void
test_bounds(void)
{
	char longest[ARC_WORD_MAX + 1];
	int n;

	CHECK(misread("pemerintah", 2, 3) == 3);
	CHECK(strcmp(out[0], "pemerlntah") == 0);
	/* A word that would outgrow ARC_WORD_MAX is not made. */
	memset(longest, 'm', ARC_WORD_MAX);
	longest[ARC_WORD_MAX] = '\0';
	n = misread(longest, 2, ARC_MISREAD_MAX);
	CHECK(n == 0);
	/* Many letters to confuse: ARC_MISREAD_MAX at most. */
	CHECK(misread("illililililillilililili", 2, 1000) == ARC_MISREAD_MAX);
}

int
main(void)
{
	test_one();
	test_two();
	test_bounds();
	return CHECK_DONE();
}
