/* utf8.c: UTF-8 checks and repair, so that every record and message is valid text. */
#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"

/* Length of the valid UTF-8 sequence at s (at most len bytes), or 0. */
static size_t
sequence_length(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

size_t
arc_utf8_valid_prefix(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = sequence_length(p + i, len - i);
		if (n == 0)
			break;
		i += n;
	}
	return i;
}

int
arc_utf8_valid(const char *s, size_t len)
{
	return arc_utf8_valid_prefix(s, len) == len;
}

/* The UTF-16 code unit at p, of either byte order. */
static unsigned long
utf16_unit(const unsigned char *p, int le)
{
	return le ? p[0] | (unsigned long)p[1] << 8 :
	    (unsigned long)p[0] << 8 | p[1];
}

/*
 * The character at p (avail bytes), its length in *n; 0 when the bytes
 * are no character (a NUL is none either, in a text), ULONG_MAX when they
 * are the start of one that the end of the bytes cut.
 */
static unsigned long
text_char(const unsigned char *p, size_t avail, int utf16, int le, size_t *n)
{
	unsigned long c, low;

	if (!utf16) {
		if ((*n = sequence_length(p, avail)) == 0)
			return avail < 4 && p[0] >= 0xc2 && p[0] <= 0xf4 ?
			    ULONG_MAX : 0;
		return arc_utf8_decode(p, avail, n);
	}
	if (avail < 2)
		return ULONG_MAX;
	c = utf16_unit(p, le);
	*n = 2;
	if (c >= 0xdc00 && c <= 0xdfff)
		return 0;
	if (c < 0xd800 || c > 0xdbff)
		return c;
	if (avail < 4)
		return ULONG_MAX;
	low = utf16_unit(p + 2, le);
	if (low < 0xdc00 || low > 0xdfff)
		return 0;
	*n = 4;
	return 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
}

int
arc_text_is_plain(const void *data, size_t len, int cut)
{
	const unsigned char *p = data;
	int utf16 = len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff));
	size_t i = utf16 ? 2 : 0, n, chars = 0, controls = 0;
	unsigned long c;

	while (i < len) {
		c = text_char(p + i, len - i, utf16, p[0] == 0xff, &n);
		if (c == ULONG_MAX && cut)
			break;
		if (c == 0 || c == ULONG_MAX)
			return 0;
		/* A stray escape or DOS end-of-file mark does not make a
		 * letter something else; a binary format has many. */
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f') || (c >= 0x7f && c <= 0x9f))
			controls++;
		chars++;
		i += n;
	}
	return chars > 0 && controls * 100 <= chars;
}

char *
arc_utf8_repair(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *o;
	size_t i = 0, n;

	/* Each bad byte becomes three (U+FFFD): the worst case triples. */
	if ((out = malloc(len * 3 + 1)) == NULL)
		return NULL;
	o = out;
	while (i < len) {
		n = sequence_length(p + i, len - i);
		/* A NUL would end the text where it stands, silently: the rest
		 * of a text file with one NUL in it would be lost. */
		if (n == 0 || p[i] == '\0') {
			memcpy(o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(o, p + i, n);
			o += n;
			i += n;
		}
	}
	*o = '\0';
	return out;
}

char *
arc_text_printable(const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	size_t len = strlen(text), i = 0, n;
	char *out, *o;

	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	o = out;
	while (i < len) {
		n = sequence_length(p + i, len - i);
		/* C1 controls (U+0080-U+009F, UTF-8 C2 80-C2 9F) too: some
		 * terminals take U+009B for CSI, as ESC [. */
		if (n == 0 || (n == 1 && (p[i] < 0x20 || p[i] == 0x7f)) ||
		    (n == 2 && p[i] == 0xc2 && p[i + 1] < 0xa0)) {
			*o++ = '?';
			i += n > 0 ? n : 1;
		} else {
			memcpy(o, p + i, n);
			o += n;
			i += n;
		}
	}
	*o = '\0';
	return out;
}

char *
arc_safe_line(const char *text)
{
	char *out = arc_text_printable(text);

	if (out != NULL)
		arc_mask_nik(out);
	return out;
}

/* Whether s[start, end) lies in a hash written in hex (a sha256's 64
 * characters, a sha1's 40) with digits elsewhere in it too: no NIK, but
 * the digits of a digest.  (A name padded with letters around a NIK is
 * no hash: it has no other digits.) */
static int
in_hex_word(const char *s, size_t start, size_t end)
{
	size_t a = start, b = end;
	int other_digits = 0;

	while (a > 0 && isxdigit((unsigned char)s[a - 1]))
		a--;
	while (isxdigit((unsigned char)s[b]))
		b++;
	if (b - a != 64 && b - a != 40)
		return 0;
	for (size_t i = a; i < b; i++)
		if ((i < start || i >= end) && isdigit((unsigned char)s[i]))
			other_digits = 1;
	return other_digits;
}

/* Masks NIK numbers typed in groups ("3201 2345 6789 0001"): 16 digits
 * (15 or 17: one missed or added) with single spaces, dots or dashes
 * between them.  Says whether it masked any. */
static int
mask_grouped_nik(char *s)
{
	int masked = 0;

	for (char *p = s; *p != '\0'; p++) {
		char *digit[17], *q = p;
		int n = 0, more, group = 0, widest = 0;
		if (*p < '0' || *p > '9' || (p > s && p[-1] >= '0' &&
		    p[-1] <= '9'))
			continue;
		while (n < 17 && *q != '\0') {
			if (*q >= '0' && *q <= '9') {
				digit[n++] = q++;
				if (++group > widest)
					widest = group;
			} else if ((*q == ' ' || *q == '.' || *q == '-') &&
			    q[1] >= '0' && q[1] <= '9') {
				q++;
				group = 0;
			} else {
				break;
			}
		}
		/* More digits after the 17th: a longer number.  15 or 17
		 * only in a NIK's groups (4 4 4 4, 6 6 4), not a time and a
		 * process ("1796677615-15146"). */
		more = (*q >= '0' && *q <= '9') || ((*q == ' ' || *q == '.' ||
		    *q == '-') && q[1] >= '0' && q[1] <= '9');
		if (n >= 15 && !(n == 17 && more) && (n == 16 || widest <= 6) &&
		    !in_hex_word(s, (size_t)(p - s), (size_t)(q - s))) {
			for (int i = 4; i < n; i++)
				*digit[i] = '*';
			masked = 1;
		}
	}
	return masked;
}

/* Masks runs of 15 to 17 digits.  Says whether it masked any. */
static int
mask_digit_runs(char *s)
{
	size_t i = 0, start, len = strlen(s);
	int masked = 0;

	while (i < len) {
		if (s[i] < '0' || s[i] > '9') {
			i++;
			continue;
		}
		start = i;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
		/* A NIK is 16 digits; typed with one too few or too many it
		 * still holds 15 of them.  Longer runs are other numbers (a
		 * civil servant's NIP has 18), shorter ones too, and so are
		 * the digits of a sha256 or another hash. */
		if (i - start >= 15 && i - start <= 17 &&
		    !in_hex_word(s, start, i)) {
			memset(s + start + 4, '*', i - start - 4);
			masked = 1;
		}
	}
	return masked;
}

int
arc_mask_nik(char *s)
{
	int masked = 0;

	/* Masking one number can leave others a NIK of their own: the
	 * digits before it ("3201 0145 0590 0032" of "3201 0145 0590
	 * 003201.9876540145"), or a run that was part of a hex word the
	 * mask has cut short.  Again until nothing changes, so that masked
	 * text holds no NIK. */
	while (mask_digit_runs(s) | mask_grouped_nik(s))
		masked = 1;
	return masked;
}

/* Cuts s to at most max bytes, never inside a character (bytes that are
 * not UTF-8 are kept as they are, for the caller's repair); says whether
 * it did. */
static int
cut_at(char *s, size_t max)
{
	size_t n = max;

	if (strlen(s) <= max)
		return 0;
	while (n > 0 && max - n < 3 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	if (((unsigned char)s[n] & 0xc0) == 0x80)
		n = max;  /* no character starts nearby: not UTF-8 */
	s[n] = '\0';
	return 1;
}

/* Out of memory, dst holds text cut (cut != 0) before it could be masked:
 * drops the digits at the cut, which may be part of a NIK the cut split,
 * then masks the rest. */
size_t
arc_nik_trim(const char *s, size_t n)
{
	while (n > 0 && strchr("0123456789 .-", s[n - 1]) != NULL)
		n--;
	return n;
}

static void
scrub_cut(char *dst, int cut)
{
	if (cut)
		dst[arc_nik_trim(dst, strlen(dst))] = '\0';
	arc_mask_nik(dst);
}

int
arc_mask_copy(char *dst, size_t cap, const char *src)
{
	char *copy = strdup(src);
	int cut;

	if (copy == NULL) {
		snprintf(dst, cap, "%s", src);
		cut = strlen(src) > cap - 1;
		scrub_cut(dst, cut);
		return cut;
	}
	arc_mask_nik(copy);
	cut = cut_at(copy, cap - 1);
	memcpy(dst, copy, strlen(copy) + 1);
	free(copy);
	/* A longer run of digits, which is no NIK, may be cut to one. */
	if (cut)
		arc_mask_nik(dst);
	return cut;
}

int
arc_mask_vformat(char *dst, size_t cap, const char *fmt, va_list ap)
{
	char *full;
	va_list again;
	int n, cut;

	va_copy(again, ap);
	n = vsnprintf(dst, cap, fmt, ap);
	if (n >= 0 && (size_t)n < cap) {
		/* It fits: nothing is cut. */
		va_end(again);
		arc_mask_nik(dst);
		return 0;
	}
	if (n < 0 || (full = malloc((size_t)n + 1)) == NULL) {
		va_end(again);
		scrub_cut(dst, 1);
		return 1;
	}
	vsnprintf(full, (size_t)n + 1, fmt, again);
	va_end(again);
	cut = arc_mask_copy(dst, cap, full);
	free(full);
	return cut;
}

int
arc_mask_format(char *dst, size_t cap, const char *fmt, ...)
{
	va_list ap;
	int cut;

	va_start(ap, fmt);
	cut = arc_mask_vformat(dst, cap, fmt, ap);
	va_end(ap);
	return cut;
}

unsigned long
arc_utf8_decode(const unsigned char *s, size_t avail, size_t *len)
{
	unsigned long cp = 0;
	size_t n = sequence_length(s, avail);

	if (n == 0) {
		*len = 1;
		return 0xfffd;
	}
	*len = n;
	if (n == 1)
		return s[0];
	cp = s[0] & (0xff >> (n + 1));
	for (size_t i = 1; i < n; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	return cp;
}

size_t
arc_utf8_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}
