/* status.c: the office's status export (TSV) and finding an application number in a question. */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "faq_internal.h"

#define PREFIXES_MAX 8
#define KEY_MAX 64

struct arc_status {
	struct arc_strmap *rows;     /* key -> index into text */
	char **text;                 /* "column: value; ..." */
	int n;
	size_t cap;
	char **header;
	int ncolumns;
	/* The letters numbers start with ("REG"), upper case; numbers of
	 * digits only have none. */
	char prefix[PREFIXES_MAX][16];
	int nprefix;
	uint64_t digits_only;        /* bit n: some all-digit number has n */
	struct arc_place at;  /* while reading */
};

static int
separator(int c)
{
	return c == '-' || c == '/' || c == '.' || c == ' ' || c == '_';
}

/* A number as compared: letters and digits only, upper case. */
static size_t
key_of(const char *s, size_t len, char *key)
{
	size_t k = 0;

	for (size_t i = 0; i < len && k < KEY_MAX; i++)
		if (isalnum((unsigned char)s[i]))
			key[k++] = (char)toupper((unsigned char)s[i]);
	key[k] = '\0';
	return k;
}

static void
note_prefix(struct arc_status *st, const char *key)
{
	size_t n = 0;

	while (key[n] != '\0' && isalpha((unsigned char)key[n]))
		n++;
	if (n == 0) {
		if (strlen(key) < 64)
			st->digits_only |= 1ull << strlen(key);
		return;
	}
	for (int i = 0; i < st->nprefix; i++)
		if (strlen(st->prefix[i]) == n &&
		    strncmp(st->prefix[i], key, n) == 0)
			return;
	if (st->nprefix == PREFIXES_MAX || n >= sizeof(st->prefix[0])) {
		arc_place_warning(&st->at, "numbers starting with \"%.*s\" "
		    "are not looked for: at most %d kinds of %zu letters or "
		    "fewer", (int)n, key, PREFIXES_MAX,
		    sizeof(st->prefix[0]) - 1);
		return;
	}
	memcpy(st->prefix[st->nprefix], key, n);
	st->prefix[st->nprefix++][n] = '\0';
}

static int
split_tabs(char *line, char **cols, int max)
{
	int n = 0;

	for (char *p = line;; p++) {
		if (n < max)
			cols[n] = p;
		n++;
		if ((p = strchr(p, '\t')) == NULL)
			break;
		*p = '\0';
	}
	return n;
}

static int
read_header(struct arc_status *st, char *line)
{
	char *cols[64];
	int n = split_tabs(line, cols, 64);

	if (n < 2 || n > 64) {
		arc_place_error(&st->at, "the header needs two to 64 "
		    "tab-separated columns: number first");
		return ARC_OK;
	}
	if ((st->header = calloc((size_t)n, sizeof(char *))) == NULL)
		return ARC_FATAL;
	for (int i = 0; i < n; i++) {
		/* Column names are shown in answers as the values are: a NIK
		 * there (an export gone wrong) is masked as well. */
		arc_mask_nik(cols[i]);
		if ((st->header[st->ncolumns++] = strdup(cols[i])) == NULL)
			return ARC_FATAL;
	}
	return ARC_OK;
}

static int
read_row(struct arc_status *st, char *line)
{
	char *cols[64], key[KEY_MAX + 1], *text;
	int n = split_tabs(line, cols, 64);
	size_t size = 1, at = 0;

	if (n != st->ncolumns) {
		arc_place_error(&st->at, "%d columns where the header has %d",
		    n, st->ncolumns);
		return ARC_OK;
	}
	if (key_of(cols[0], strlen(cols[0]), key) < 4) {
		arc_place_error(&st->at, "no application number in the first "
		    "column");
		return ARC_OK;
	}
	if (arc_strmap_get(st->rows, key, strlen(key), NULL)) {
		arc_place_warning(&st->at, "this number is already listed "
		    "above; the first row counts");
		return ARC_OK;
	}
	for (int i = 1; i < n; i++) {
		/* an export may carry NIKs: never shown */
		arc_mask_nik(cols[i]);
		size += strlen(st->header[i]) + strlen(cols[i]) + 4;
	}
	if ((text = malloc(size)) == NULL)
		return ARC_FATAL;
	text[0] = '\0';
	for (int i = 1; i < n; i++)
		at += (size_t)snprintf(text + at, size - at, "%s%s: %s",
		    i > 1 ? "; " : "", st->header[i], cols[i]);
	if (arc_grow(&st->text, &st->cap, (size_t)st->n, 1,
	    sizeof(*st->text)) != ARC_OK) {
		free(text);
		return ARC_FATAL;
	}
	st->text[st->n++] = text;
	note_prefix(st, key);
	return arc_strmap_put(st->rows, key, strlen(key), st->n - 1);
}

static int
status_line(void *arg, char *line)
{
	struct arc_status *st = arg;

	if (line[0] == '\0')
		return ARC_OK;
	return st->header == NULL ? read_header(st, line) : read_row(st, line);
}

void
arc_status_free(struct arc_status *st)
{
	if (st == NULL)
		return;
	for (int i = 0; i < st->n; i++)
		free(st->text[i]);
	free(st->text);
	for (int i = 0; i < st->ncolumns; i++)
		free(st->header[i]);
	free(st->header);
	arc_strmap_free(st->rows);
	free(st);
}

struct arc_status *
arc_status_load(const char *path, arc_diag_fn diag, void *ctx)
{
	struct arc_status *st = calloc(1, sizeof(*st));

	if (st == NULL || (st->rows = arc_strmap_new()) == NULL) {
		arc_status_free(st);
		return NULL;
	}
	st->at = (struct arc_place){ path, 0, diag, ctx, 0 };
	if (arc_staff_file_read(&st->at, NULL, FAQ_LINE_MAX, status_line,
	    st) != ARC_OK || st->at.errors > 0) {
		arc_status_free(st);
		return NULL;
	}
	if (st->n == 0) {
		diag(ctx, path, 0, ARC_SEVERITY_ERROR,
		    _("no application numbers in the status file"));
		arc_status_free(st);
		return NULL;
	}
	return st;
}

/* The digits from s on, as a key: one separator may follow the prefix
 * ("REG 2026"), and '-', '/', '.', '_' (and spaces, if spaces) may stand
 * between digits. */
static size_t
digit_run(const char *s, char *key, size_t k, int spaces, size_t *end)
{
	size_t i = separator(s[0]) && isdigit((unsigned char)s[1]) ? 1 : 0;

	while (k < KEY_MAX) {
		if (isdigit((unsigned char)s[i]))
			key[k++] = s[i++];
		else if ((spaces || s[i] != ' ') && separator(s[i]) && i > 0 &&
		    isdigit((unsigned char)s[i - 1]) &&
		    isdigit((unsigned char)s[i + 1]))
			i++;
		else
			break;
	}
	key[k] = '\0';
	*end = i;
	return k;
}

/* Says which number the question asked about, for the answer. */
static void
show(char *number, size_t size, const char *s, size_t len)
{
	char *copy = strndup(s, len);

	number[0] = '\0';
	if (copy == NULL)
		return;
	for (char *p = copy; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	/* Masked before it is cut, so that no NIK is cut out of the mask. */
	arc_mask_copy(number, size, copy);
	free(copy);
}

static int
answer(const struct arc_status *st, const char *key, size_t klen,
    const char *from, size_t len, char *number, size_t size,
    const char **row)
{
	long i;

	show(number, size, from, len);
	if (arc_strmap_get(st->rows, key, klen, &i)) {
		*row = st->text[i];
		return 1;
	}
	return -1;
}

int
arc_status_lookup(const struct arc_status *st, const char *question,
    char *number, size_t size, const char **row)
{
	*row = NULL;
	for (const char *p = question; *p != '\0'; p++) {
		char key[KEY_MAX + 1];
		size_t end, k;
		if (p > question && arc_is_word_byte(p[-1]))
			continue;  /* numbers start where words start */
		for (int i = 0; i < st->nprefix; i++) {
			size_t n = strlen(st->prefix[i]);
			if (strncasecmp(p, st->prefix[i], n) != 0)
				continue;
			memcpy(key, st->prefix[i], n);
			k = digit_run(p + n, key, n, 0, &end);
			if (k - n < 4)
				continue;
			/* "REG 2026 000123" is one number if the file has it
			 * and the digits up to the space are not. */
			if (!arc_is_word_byte(p[n + end]) &&
			    !arc_strmap_get(st->rows, key, k, NULL)) {
				char spaced[KEY_MAX + 1];
				size_t send, sk;
				memcpy(spaced, key, n);
				sk = digit_run(p + n, spaced, n, 1, &send);
				if (!arc_is_word_byte(p[n + send]) &&
				    arc_strmap_get(st->rows, spaced, sk, NULL))
					return answer(st, spaced, sk, p,
					    n + send, number, size, row);
			}
			/* "REG-2026-000123A" is no number of the file's: not
			 * found, rather than the row of REG-2026-000123. */
			if (arc_is_word_byte(p[n + end]))
				return answer(st, "", 0, p, n + end +
				    strcspn(p + n + end, " \t,.?!;:"), number,
				    size, row);
			return answer(st, key, k, p, n + end, number, size,
			    row);
		}
		if (st->digits_only != 0 && isdigit((unsigned char)*p)) {
			k = digit_run(p, key, 0, 0, &end);
			if (k < 64 && (st->digits_only >> k & 1) &&
			    !arc_is_word_byte(p[end]))
				return answer(st, key, k, p, end, number, size,
				    row);
		}
	}
	return 0;
}
