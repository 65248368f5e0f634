/* fuzz_text.c: texts coded by word (textcode.c): any input read as a blob is read safely or refused, and any input taken as a text comes back byte for byte, coded with part of its words known, then with all. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "store.h"

/* A vocabulary in memory, emptied when full: numbers from TC_FIRST_ID,
 * SPREAD apart, so that numbers of every length (up to five bytes) come
 * up after a few dozen words. */
#define WORDS 65536
#define SPREAD 7919
static struct arc_strmap *ids;
static char *words[WORDS];
static size_t lens[WORDS], nwords;

static void
forget_words(void)
{
	arc_strmap_free(ids);
	ids = arc_strmap_new();
	for (size_t i = 0; i < nwords; i++)
		free(words[i]);
	nwords = 0;
}

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

	if (id != 0 || nwords == WORDS)
		return id;
	FUZZ_CHECK((words[nwords] = malloc(len + 1)) != NULL);
	memcpy(words[nwords], tok, len);
	words[nwords][len] = '\0';
	lens[nwords] = len;
	id = TC_FIRST_ID + (int64_t)nwords++ * SPREAD;
	FUZZ_CHECK(arc_strmap_put(ids, tok, len, (long)id) == ARC_OK);
	return id;
}

static int
word_of(void *ctx, int64_t id, const char **tok, size_t *len)
{
	int64_t i = (id - TC_FIRST_ID) / SPREAD;

	(void)ctx;
	if (id < TC_FIRST_ID || (id - TC_FIRST_ID) % SPREAD != 0 ||
	    (uint64_t)i >= nwords)
		return ARC_ERR;
	*tok = words[i];
	*len = lens[i];
	return ARC_OK;
}

/* The blob reads back as text, byte for byte. */
static void
check_decodes_to(const unsigned char *blob, size_t blen, const char *text,
    size_t len)
{
	char *back = NULL;
	size_t back_len = 0;

	FUZZ_CHECK(arc_textcode_decode(blob, blen, word_of, NULL, &back,
	    &back_len) == ARC_OK);
	FUZZ_CHECK(back_len == len && memcmp(back, text, len) == 0);
	FUZZ_CHECK(back[len] == '\0');
	free(back);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	unsigned char *blob, *resolved;
	size_t blen, rlen, len;
	char *back;
	int fresh;

	if (ids == NULL || nwords == WORDS)
		forget_words();
	/* As a blob: read or refused, within its bytes. */
	if (arc_textcode_decode(data, size, word_of, NULL, &back, &len) ==
	    ARC_OK) {
		FUZZ_CHECK(back[len] == '\0');
		free(back);
	}
	/* As a text: with the words earlier inputs numbered, then all. */
	FUZZ_CHECK(arc_textcode_encode(text, size, known, NULL, &blob, &blen,
	    &fresh) == ARC_OK);
	FUZZ_CHECK(blen <= 5 * size + 8);
	check_decodes_to(blob, blen, text, size);
	FUZZ_CHECK(arc_textcode_resolve(blob, blen, give, NULL, &resolved,
	    &rlen) == ARC_OK);
	FUZZ_CHECK(rlen <= 2 * blen + 8);
	check_decodes_to(resolved, rlen, text, size);
	free(blob);
	free(resolved);
	return 0;
}
