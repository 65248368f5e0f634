/* textfile.c: plain-text documents, UTF-8, UTF-16 or Windows-1252, read as their own text layer without OCR. */
#include <stdlib.h>

#include "ocr_internal.h"

/*
 * A text file saved as "Unicode" by Windows Notepad is UTF-16 after a byte
 * order mark, a NUL in every other byte: taken for UTF-8 it would be two
 * letters and a jumble.  Returns its text as UTF-8 (malloc'd; NUL and
 * unpaired surrogates as U+FFFD, as arc_utf8_repair does); NULL when out
 * of memory.
 */
static char *
from_utf16(const unsigned char *data, size_t size)
{
	int le = data[0] == 0xff;
	size_t units = (size - 2) / 2;
	char *out = malloc(units * 3 + 1), *o = out;
	const unsigned char *u;
	unsigned long c, low;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < units; i++) {
		u = data + 2 + 2 * i;
		c = le ? u[0] | (unsigned)u[1] << 8 :
		    (unsigned)u[0] << 8 | u[1];
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < units) {
			low = le ? u[2] | (unsigned)u[3] << 8 :
			    (unsigned)u[2] << 8 | u[3];
			if (low >= 0xdc00 && low <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (low - 0xdc00);
				i++;
			}
		}
		if (c == 0 || (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		o += arc_utf8_encode(c, o);
	}
	*o = '\0';
	return out;
}

/*
 * A text saved by an older Windows program is Windows-1252 (Latin-1 and
 * more), not UTF-8: its "é", "½" or curly quotes are single bytes that
 * UTF-8 cannot read, and repaired they would be U+FFFD.  Taken so when
 * none of its bytes above 127 makes a UTF-8 character and some are
 * there; a UTF-8 text with a few stray bytes stays UTF-8.
 */
static int
is_windows_1252(const unsigned char *data, size_t size)
{
	size_t stray = 0, n;

	for (size_t i = 0; i < size; i += n) {
		n = 1;
		if (data[i] < 0x80)
			continue;
		(void)arc_utf8_decode(data + i, size - i, &n);
		if (n > 1)
			return 0;       /* a UTF-8 character */
		stray++;
	}
	return stray > 0;
}

/* Windows-1252's characters 0x80-0x9f (0: none there); the bytes from
 * 0xa0 are Latin-1's, the code points of the same number. */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
	0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

/* data as UTF-8 (malloc'd; NUL and the bytes Windows-1252 leaves
 * undefined as U+FFFD); NULL when out of memory. */
static char *
from_windows_1252(const unsigned char *data, size_t size)
{
	char *out = malloc(size * 3 + 1), *o = out;
	unsigned long c;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < size; i++) {
		c = data[i];
		if (c >= 0x80 && c < 0xa0)
			c = cp1252_high[c - 0x80];
		if (c == 0)
			c = 0xfffd;
		o += arc_utf8_encode(c, o);
	}
	*o = '\0';
	return out;
}

/* Plain text needs no OCR: it is its own text layer. */
int
arc_textfile_read(const unsigned char *data, size_t size, json_t *rec)
{
	int utf16 = size >= 2 && ((data[0] == 0xff && data[1] == 0xfe) ||
	    (data[0] == 0xfe && data[1] == 0xff));
	char *text = utf16 ? from_utf16(data, size) :
	    is_windows_1252(data, size) ? from_windows_1252(data, size) :
	    arc_utf8_repair((const char *)data, size);
	const char *lang;

	if (text == NULL)
		return ARC_FATAL;
	lang = arc_lang_guess(text);
	arc_record_set_text(rec, "text", text);
	json_object_set_new(rec, "pages", json_integer(1));
	json_object_set_new(rec, "lang", lang ? json_string(lang) :
	    json_null());
	json_object_set_new(rec, "ocr", json_pack("{s:s, s:[{s:i, s:s}]}",
	    "engine", "none", "pages", "page", 1, "source", "text"));
	free(text);
	return ARC_OK;
}
