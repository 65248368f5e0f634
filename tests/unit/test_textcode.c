/* test_textcode.c: texts coded by word and back, with a vocabulary kept in memory: every byte comes back, numbers stay out of the vocabulary, broken blobs are refused. */
#include <stdlib.h>

#include "check.h"
#include "store.h"

/* The vocabulary: words by number (from TC_FIRST_ID) and numbers by word. */
static struct arc_strmap *ids;
static char *words[4096];
static size_t nwords;

static int64_t
known(void *ctx, const char *tok, size_t len)
{
	long id;

	(void)ctx;
	return arc_strmap_get(ids, tok, len, &id) ? id : 0;
}

static int64_t
give(void *ctx, const char *tok, size_t len)
{
	int64_t id = known(ctx, tok, len);

	if (id == 0 && nwords < 4096) {
		words[nwords] = strndup(tok, len);
		id = TC_FIRST_ID + (int64_t)nwords++;
		arc_strmap_put(ids, tok, len, (long)id);
	}
	return id;
}

static int
word_of(void *ctx, int64_t id, const char **tok, size_t *len)
{
	(void)ctx;
	if (id < TC_FIRST_ID || (size_t)(id - TC_FIRST_ID) >= nwords)
		return ARC_ERR;
	*tok = words[id - TC_FIRST_ID];
	*len = strlen(*tok);
	return ARC_OK;
}

/* text coded with the words known, then with all it has numbered: both
 * read back the same; the size of the second in *coded. */
static void
round_trip(const char *text, size_t *coded)
{
	unsigned char *blob, *resolved;
	size_t blen, rlen, tlen;
	char *back;
	int fresh;

	CHECK(arc_textcode_encode(text, strlen(text), known, NULL, &blob,
	    &blen, &fresh) == ARC_OK);
	CHECK(arc_textcode_decode(blob, blen, word_of, NULL, &back, &tlen) ==
	    ARC_OK);
	CHECK(tlen == strlen(text));
	CHECK_STR(back, text);
	free(back);
	CHECK(arc_textcode_resolve(blob, blen, give, NULL, &resolved, &rlen) ==
	    ARC_OK);
	CHECK(arc_textcode_decode(resolved, rlen, word_of, NULL, &back,
	    &tlen) == ARC_OK);
	CHECK_STR(back, text);
	free(back);
	/* Everything worthy numbered: coding it again finds none fresh. */
	free(blob);
	CHECK(arc_textcode_encode(text, strlen(text), known, NULL, &blob,
	    &blen, &fresh) == ARC_OK);
	CHECK(fresh == 0);
	CHECK(blen == rlen && memcmp(blob, resolved, blen) == 0);
	if (coded != NULL)
		*coded = rlen;
	free(blob);
	free(resolved);
}

static void
test_round_trips(void)
{
	static const char *const texts[] = {
		"", " ", "a", "a b", "a  b", " a b ", "a\nb\n", "\n\n",
		"Surat Keterangan Domisili\n\nNomor: 470/12/KEL/2026\n",
		"a-b c.d, e;  f\t\tg", "hello  ", "  hello",
		"NIK 3201234567890001 atas nama Budi",
		"k\xc3\xa9" "camatan \xc3\xbc" "ber na\xc3\xaf" "ve caf\xc3\xa9",
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa panjang",
		"titik ............................................ 12",
		"x y z x y z x y z", "1 2 3", "a1b2 c3", "....", "a. b. c.",
	};
	size_t coded;

	for (size_t i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		round_trip(texts[i], NULL);
	/* The same words again: one byte each, the spaces between them
	 * free. */
	round_trip("surat keterangan surat keterangan surat keterangan",
	    &coded);
	CHECK(coded < 10);
}

/* Numbers and long tokens are kept in the text, never given a number:
 * a NIK must not outlive its document in the vocabulary. */
static void
test_not_worthy(void)
{
	size_t before = nwords;

	round_trip("3201234567890001", NULL);
	round_trip("KTP2026 dan 005/2318", NULL);
	CHECK(!arc_strmap_get(ids, "3201234567890001", 16, NULL));
	CHECK(!arc_strmap_get(ids, "KTP2026", 7, NULL));
	CHECK(arc_strmap_get(ids, "dan", 3, NULL));
	CHECK(nwords > before);
	CHECK(arc_textcode_worthy("kecamatan", 9));
	CHECK(!arc_textcode_worthy("2026", 4));
	CHECK(arc_textcode_worthy(". ", 2));
	CHECK(!arc_textcode_worthy("          ", 10));
}

/* Numbers of five bytes, for tokens of one byte: the blob may be five
 * times the text (ASan would see it written past its end). */
static int64_t
late(void *ctx, const char *tok, size_t len)
{
	(void)ctx;
	return 500000 + (unsigned char)tok[0] + (int64_t)len;
}

static int
late_word(void *ctx, int64_t id, const char **tok, size_t *len)
{
	static char c;

	(void)ctx;
	c = (char)(id - 500001);
	*tok = &c;
	*len = 1;
	return ARC_OK;
}

static void
test_late_numbers(void)
{
	const char *text = "a.b.c.d.e.f.g.h.";
	unsigned char *blob;
	size_t blen, tlen;
	char *back;
	int fresh;

	CHECK(arc_textcode_encode(text, strlen(text), late, NULL, &blob,
	    &blen, &fresh) == ARC_OK);
	CHECK(fresh == 0);
	CHECK(blen == 1 + 5 * strlen(text));
	CHECK(arc_textcode_decode(blob, blen, late_word, NULL, &back, &tlen) ==
	    ARC_OK);
	CHECK_STR(back, text);
	free(back);
	free(blob);
}

/* Broken blobs: refused, never read past their end. */
static void
test_broken(void)
{
	const char *text = "Surat undangan rapat desa";
	unsigned char *blob, bad[8];
	size_t blen, tlen;
	char *back;
	int fresh;

	CHECK(arc_textcode_encode(text, strlen(text), known, NULL, &blob,
	    &blen, &fresh) == ARC_OK);
	for (size_t cut = 0; cut < blen; cut++)
		CHECK(arc_textcode_decode(blob, cut, word_of, NULL, &back,
		    &tlen) == ARC_ERR);
	free(blob);
	/* A number the vocabulary does not have. */
	bad[0] = 3;             /* length 3 */
	bad[1] = 159;           /* word 159: none */
	CHECK(arc_textcode_decode(bad, 2, word_of, NULL, &back, &tlen) ==
	    ARC_ERR);
	/* A literal longer than the blob. */
	bad[0] = 3;
	bad[1] = TC_WORD;
	bad[2] = 9;
	bad[3] = 'a';
	CHECK(arc_textcode_decode(bad, 4, word_of, NULL, &back, &tlen) ==
	    ARC_ERR);
	/* A length no blob of 2 bytes could give. */
	bad[0] = 255;
	bad[1] = 0xff;
	CHECK(arc_textcode_decode(bad, 2, word_of, NULL, &back, &tlen) ==
	    ARC_ERR);
}

int
main(void)
{
	ids = arc_strmap_new();
	test_round_trips();
	test_not_worthy();
	test_late_numbers();
	test_broken();
	arc_strmap_free(ids);
	for (size_t i = 0; i < nwords; i++)
		free(words[i]);
	return CHECK_DONE();
}
