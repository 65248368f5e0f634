/* stafffile.c: reading the plain text files staff keep (rules, answers, word lists, the status export), and saying where each problem is. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"
#include "arc_i18n.h"

#define UTF8_BOM "\xef\xbb\xbf"

static void
report(struct arc_place *at, enum arc_severity severity, const char *fmt,
    va_list ap)
{
	char msg[700];

	/* Staff files quote documents and citizens: masked like any
	 * diagnostic.  Said in the user's language. */
	arc_mask_vformat(msg, sizeof(msg), _(fmt), ap);
	if (severity == ARC_SEVERITY_ERROR)
		at->errors++;
	if (at->diag != NULL)
		at->diag(at->ctx, at->file, at->line, severity, msg);
}

void
arc_place_error(struct arc_place *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(at, ARC_SEVERITY_ERROR, fmt, ap);
	va_end(ap);
}

void
arc_place_warning(struct arc_place *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(at, ARC_SEVERITY_WARNING, fmt, ap);
	va_end(ap);
}

int
arc_staff_file_read(struct arc_place *at, const char *kind, size_t line_max,
    int (*fn)(void *arg, char *line), void *arg)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int st = ARC_OK;
	FILE *f;

	/* kind is marked N_ by the caller: "rule file". */
	if (kind != NULL)
		kind = _(kind);
	at->line = 0;
	if ((f = fopen(at->file, "r")) == NULL) {
		/* TRANSLATORS: %s is the kind of file ("rule file"), then
		 * the system's reason. */
		if (kind != NULL)
			arc_place_error(at, "cannot open %s: %s", kind,
			    arc_strerror(errno));
		else
			arc_place_error(at, "cannot open: %s",
			    arc_strerror(errno));
		return ARC_ERR;
	}
	while (st == ARC_OK && (n = getline(&line, &cap, f)) > 0) {
		char *text = line;

		at->line++;
		if (line[n - 1] == '\n')
			line[--n] = '\0';
		if (n > 0 && line[n - 1] == '\r')
			line[--n] = '\0';
		/* A byte order mark, as Windows' Notepad may save UTF-8, is
		 * no part of the first line: unseen, it made "id" unknown. */
		if (at->line == 1 && n >= 3 && memcmp(line, UTF8_BOM, 3) == 0) {
			text += 3;
			n -= 3;
		}
		/* TRANSLATORS: %s is the kind of file ("rule file"). */
		if ((size_t)n != strlen(text) && kind != NULL)
			arc_place_error(at, "NUL byte in %s", kind);
		else if ((size_t)n != strlen(text))
			arc_place_error(at, "NUL byte in the line");
		else if ((size_t)n > line_max)
			arc_place_error(at, "line longer than %zu bytes",
			    line_max);
		else if (!arc_utf8_valid(text, (size_t)n))
			arc_place_error(at, "not valid UTF-8");
		else
			st = fn(arg, text);
	}
	if (st == ARC_OK && ferror(f) && kind != NULL)
		arc_place_error(at, "cannot read %s: %s", kind,
		    arc_strerror(errno));
	else if (st == ARC_OK && ferror(f))
		arc_place_error(at, "cannot read: %s", arc_strerror(errno));
	free(line);
	fclose(f);
	return st;
}
