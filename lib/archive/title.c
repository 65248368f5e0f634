/* title.c: what a clerk would call a paper, guessed from its record and text when no stage named it. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store.h"

/*
 * How the lines of an Indonesian office's letterhead begin: the office's
 * name and its address.  A line that begins so names the office, not the
 * paper, and is passed over.
 */
static const char *const letterhead_words[] = {
	"pemerintah", "kecamatan", "kelurahan", "desa ", "dinas", "badan",
	"kantor", "sekretariat", "jalan", "jl.", "jl ", "telp", "telepon",
	"phone", "fax", "email", "e-mail", "website", "laman", "kode pos",
};

/* A line's text from p, trimmed, at most 160 bytes; NULL if it has no
 * letter. */
static char *
line_title(const char *p)
{
	const char *end = p + strcspn(p, "\n\f"), *c;
	size_t n;

	while (p < end && (*p == ' ' || *p == '\t' || *p == ':'))
		p++;
	for (c = p; c < end; c++)
		if ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z')
			break;
	if (c == end)
		return NULL;
	while (end > p && (end[-1] == ' ' || end[-1] == '\r'))
		end--;
	n = (size_t)(end - p) > 160 ? 160 : (size_t)(end - p);
	n = arc_utf8_valid_prefix(p, n);
	return strndup(p, n);
}

/* Does the line look like part of a letterhead? */
static int
letterhead(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	for (size_t i = 0; i < sizeof(letterhead_words) /
	    sizeof(*letterhead_words); i++)
		if (strncasecmp(p, letterhead_words[i],
		    strlen(letterhead_words[i])) == 0)
			return 1;
	return 0;
}

char *
arc_title_of(json_t *rec, const char *text, int *guessed)
{
	const char *t = json_string_value(json_object_get(rec, "title")), *p;
	json_t *perihal = json_object_get(json_object_get(rec, "fields"),
	    "perihal");
	char *title;

	/* A decree's subject (TENTANG) is named by the paper as a letter's
	 * perihal is, even when its words stand on a line of their own. */
	*guessed = 0;
	if (t != NULL)
		return strdup(t);
	if (json_is_string(perihal))
		return strdup(json_string_value(perihal));
	for (p = text; *p != '\0'; p += strcspn(p, "\n\f"), p += *p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "tentang", 7) != 0 ||
		    ((p[7] | 0x20) >= 'a' && (p[7] | 0x20) <= 'z'))
			continue;
		if ((title = line_title(p + 7)) != NULL)
			return title;
		/* "TENTANG" alone: the subject is on the next line with
		 * words, past any blank ones. */
		for (int lines = 0; lines < 3; lines++) {
			p += strcspn(p, "\n\f");
			if (*p == '\0')
				break;
			if ((title = line_title(++p)) != NULL)
				return title;
		}
	}
	/* Past the letterhead: the office's name and address. */
	*guessed = 1;
	for (p = text; *p != '\0'; p += strcspn(p, "\n\f"), p += *p != '\0')
		if (!letterhead(p) && (title = line_title(p)) != NULL)
			return title;
	for (p = text; *p != '\0'; p += strcspn(p, "\n\f"), p += *p != '\0')
		if ((title = line_title(p)) != NULL)
			return title;
	return strdup("");
}

int
arc_title_guessed(const char *title, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t n = strlen(title);

	if (n == 0)
		return 0;
	while (p < end) {
		const char *line = p;
		char *t;
		int same;

		while (p < end && *p != '\n' && *p != '\f')
			p++;
		p += p < end;
		/* Only a line that starts with the title's first letters
		 * is made a title, to look at fewer. */
		if (memchr(line, title[0], (size_t)(p - line)) == NULL)
			continue;
		if ((t = line_title(line)) == NULL)
			continue;
		same = strcmp(t, title) == 0;
		free(t);
		if (same)
			return 1;
	}
	return 0;
}
