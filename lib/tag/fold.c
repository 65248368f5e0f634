/* fold.c: text folded for matching (lower case, one space for any white space), with the way back to the original. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "tag_internal.h"

static int
is_space(unsigned long cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r') || cp == 0xa0 ||
	    cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	    cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

int
arc_fold(const char *text, size_t len, struct arc_folded *f)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, n, k;
	/* A few capitals have a longer lower case (U+023A, 2 bytes, becomes
	 * U+2C65, 3 bytes): never more than half as long again. */
	size_t cap = len + len / 2 + 4;
	int in_space = 0;

	memset(f, 0, sizeof(*f));
	if (len > (size_t)UINT32_MAX / 2 ||
	    (f->text = malloc(cap + 1)) == NULL ||
	    (f->orig = malloc((cap + 1) * sizeof(*f->orig))) == NULL) {
		arc_fold_free(f);
		return ARC_FATAL;
	}
	while (i < len) {
		unsigned long cp;

		if (s[i] < 0x80) {
			cp = s[i];
			n = 1;
			if (cp >= 'A' && cp <= 'Z')
				cp += 'a' - 'A';
		} else {
			cp = arc_utf8_decode(s + i, len - i, &n);
			cp = (unsigned long)towlower((wint_t)cp);
		}
		if (is_space(cp)) {
			if (!in_space) {
				f->orig[f->len] = (uint32_t)i;
				f->text[f->len++] = ' ';
			}
			in_space = 1;
			i += n;
			continue;
		}
		in_space = 0;
		if (cp < 0x80) {
			f->orig[f->len] = (uint32_t)i;
			f->text[f->len++] = (char)cp;
		} else {
			char buf[4];
			size_t m = arc_utf8_encode(cp, buf);
			for (k = 0; k < m; k++) {
				f->orig[f->len] = (uint32_t)i;
				f->text[f->len++] = buf[k];
			}
		}
		i += n;
	}
	f->orig[f->len] = (uint32_t)len;
	f->text[f->len] = '\0';
	f->source = text;
	f->source_len = len;
	return ARC_OK;
}

void
arc_fold_free(struct arc_folded *f)
{
	free(f->text);
	free(f->orig);
	f->text = NULL;
	f->orig = NULL;
}

char *
arc_fold_string(const char *s)
{
	struct arc_folded f;
	char *out;
	size_t a = 0, b;

	if (arc_fold(s, strlen(s), &f) != ARC_OK)
		return NULL;
	/* A pattern's white space at either end means nothing. */
	b = f.len;
	while (a < b && f.text[a] == ' ')
		a++;
	while (b > a && f.text[b - 1] == ' ')
		b--;
	out = strndup(f.text + a, b - a);
	arc_fold_free(&f);
	return out;
}

int
arc_is_word_char_at(const char *s, size_t len, size_t i)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	unsigned long cp;

	if (i >= len)
		return 0;
	cp = p[i] < 0x80 ? p[i] : arc_utf8_decode(p + i, len - i, &n);
	return arc_is_word_char(cp);
}

int
arc_is_word_char_before(const char *s, size_t i)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t start;

	if (i == 0)
		return 0;
	start = i - 1;
	while (start > 0 && i - start < 4 && (p[start] & 0xc0) == 0x80)
		start--;
	return arc_is_word_char_at(s, i, start);
}

long
arc_line_of(const char *text, size_t offset)
{
	long line = 1;

	for (size_t i = 0; i < offset; i++)
		if (text[i] == '\n' || text[i] == '\f')
			line++;
	return line;
}
