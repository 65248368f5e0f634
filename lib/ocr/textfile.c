/* textfile.c: plain-text documents, UTF-8 or UTF-16, read as their own text layer without OCR. */
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

/* Plain text needs no OCR: it is its own text layer. */
int
arc_textfile_read(const unsigned char *data, size_t size, json_t *rec)
{
	int utf16 = size >= 2 && ((data[0] == 0xff && data[1] == 0xfe) ||
	    (data[0] == 0xfe && data[1] == 0xff));
	char *text = utf16 ? from_utf16(data, size) :
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
