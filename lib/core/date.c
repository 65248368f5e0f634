/* date.c: dates as people write and read them. */
#include <stdio.h>
#include <string.h>

#include "arc_core.h"
#include "arc_i18n.h"

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
	N_("June"), N_("July"), N_("August"), N_("September"),
	N_("October"), N_("November"), N_("December"),
};

const char *
arc_date_long(const char *iso, char *buf, size_t size)
{
	int y, m, d, n = 0;

	/* YYYY-MM-DD, YYYY-MM or YYYY; anything else is shown as it is. */
	if (sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
	    iso[n] == '\0' && m >= 1 && m <= 12 && d >= 1 && d <= 31)
		snprintf(buf, size, "%d %s %d", d, _(month_names[m - 1]), y);
	else if (sscanf(iso, "%4d-%2d%n", &y, &m, &n) == 2 &&
	    iso[n] == '\0' && m >= 1 && m <= 12)
		snprintf(buf, size, "%s %d", _(month_names[m - 1]), y);
	else
		snprintf(buf, size, "%s", iso);
	return buf;
}

/* The months as clerks write them, Indonesian and English, in full and
 * cut short, the old spellings (Pebruari, Nopember) too. */
static const struct {
	const char *name;
	int month;
} month_words[] = {
	{ "januari", 1 }, { "january", 1 }, { "jan", 1 },
	{ "februari", 2 }, { "pebruari", 2 }, { "february", 2 },
	{ "feb", 2 }, { "peb", 2 },
	{ "maret", 3 }, { "march", 3 }, { "mar", 3 },
	{ "april", 4 }, { "apr", 4 },
	{ "mei", 5 }, { "may", 5 },
	{ "juni", 6 }, { "june", 6 }, { "jun", 6 },
	{ "juli", 7 }, { "july", 7 }, { "jul", 7 },
	{ "agustus", 8 }, { "august", 8 }, { "agu", 8 }, { "agt", 8 },
	{ "ags", 8 }, { "aug", 8 },
	{ "september", 9 }, { "sept", 9 }, { "sep", 9 },
	{ "oktober", 10 }, { "october", 10 }, { "okt", 10 }, { "oct", 10 },
	{ "november", 11 }, { "nopember", 11 }, { "nov", 11 }, { "nop", 11 },
	{ "desember", 12 }, { "december", 12 }, { "des", 12 }, { "dec", 12 },
};

/* The month a word names, in any case; 0 when none. */
static int
month_of_word(const char *w, size_t len)
{
	char lower[16];

	if (len >= sizeof(lower))
		return 0;
	for (size_t i = 0; i < len; i++)
		lower[i] = (char)(w[i] | 0x20);
	lower[len] = '\0';
	for (size_t i = 0; i < sizeof(month_words) / sizeof(*month_words); i++)
		if (strcmp(lower, month_words[i].name) == 0)
			return month_words[i].month;
	return 0;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	if (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* A date's parts as written: up to three runs of digits or of letters,
 * and what parts them. */
struct parts {
	int n;
	const char *at[3];
	size_t len[3];
	int digits[3];          /* 1: digits, 0: letters */
	const char *sep[2];     /* what comes between part i and i + 1 */
	size_t seplen[2];
};

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Splits text (len bytes) into its parts; 0 when it has more than
 * three, or a character no date has. */
static int
split(const char *text, size_t len, struct parts *pt)
{
	size_t i = 0;

	memset(pt, 0, sizeof(*pt));
	while (len > 0 && is_space(text[len - 1]))
		len--;
	while (i < len && is_space(text[i]))
		i++;
	while (i < len) {
		size_t start = i;
		int digits = is_digit(text[i]);

		if (!digits && !is_letter(text[i]))
			return 0;
		while (i < len && (digits ? is_digit(text[i]) :
		    is_letter(text[i])))
			i++;
		if (pt->n == 3)
			return 0;
		pt->at[pt->n] = text + start;
		pt->len[pt->n] = i - start;
		pt->digits[pt->n] = digits;
		pt->n++;
		if (i == len)
			break;
		start = i;
		while (i < len && (is_space(text[i]) || text[i] == '-' ||
		    text[i] == '/' || text[i] == '.'))
			i++;
		/* Parts run together, or nothing after the last one. */
		if (i == start || i == len || pt->n == 3)
			return 0;
		pt->sep[pt->n - 1] = text + start;
		pt->seplen[pt->n - 1] = i - start;
	}
	return pt->n > 0;
}

/* The separator of numbers alone: one '-', '/' or '.'; 0 when not. */
static char
number_sep(const struct parts *pt, int i)
{
	char c = pt->sep[i][0];

	return pt->seplen[i] == 1 && (c == '-' || c == '/' || c == '.') ?
	    c : 0;
}

/* Between a month's name and a number: spaces or one '-', a '.' after
 * the name (Des. 2026, Des.2026). */
static int
word_sep(const struct parts *pt, int i)
{
	const char *s = pt->sep[i];
	size_t n = pt->seplen[i], k = 0;

	if (!pt->digits[i] && s[0] == '.')
		k++;
	if (k < n && s[k] == '-')
		return k + 1 == n;
	while (k < n && is_space(s[k]))
		k++;
	return k == n && n > 0;
}

/* A part's number (at most 9 digits: more are no date's). */
static int
number(const struct parts *pt, int i, int *value)
{
	int v = 0;

	if (!pt->digits[i] || pt->len[i] > 9)
		return 0;
	for (size_t k = 0; k < pt->len[i]; k++)
		v = v * 10 + (pt->at[i][k] - '0');
	*value = v;
	return 1;
}

/* Reads the parts as a year, month and day (0: not given), or as a
 * month's name that is none (*bad_word).  0 when they are not written as
 * a date is. */
static int
shape(const struct parts *pt, int *y, int *m, int *d, int *ylen,
    int *bad_word)
{
	int a = 0, b = 0, c = 0;

	*y = *m = *d = 0;
	*bad_word = -1;
	*ylen = 4;
	if (pt->n == 1)
		/* 2026 */
		return pt->len[0] == 4 && number(pt, 0, y);
	if (pt->digits[0] && pt->digits[1] && (pt->n == 2 ||
	    pt->digits[2])) {
		/* 2026-12, 12-2026, 2026-12-03, 03-12-2026, 3/12/2026 */
		char s = number_sep(pt, 0);

		if (s == 0 || (pt->n == 3 && number_sep(pt, 1) != s) ||
		    !number(pt, 0, &a) || !number(pt, 1, &b) ||
		    (pt->n == 3 && !number(pt, 2, &c)))
			return 0;
		if (pt->len[0] == 4) {
			*y = a;
			*m = b;
			*d = pt->n == 3 ? c : 0;
			return 1;
		}
		*ylen = (int)pt->len[pt->n - 1];
		*y = pt->n == 3 ? c : b;
		*m = pt->n == 3 ? b : a;
		*d = pt->n == 3 ? a : 0;
		return 1;
	}
	if (pt->n == 2 && !pt->digits[0] && word_sep(pt, 0) &&
	    number(pt, 1, y)) {
		/* Desember 2026, Des 2026 */
		*ylen = (int)pt->len[1];
		if ((*m = month_of_word(pt->at[0], pt->len[0])) == 0)
			*bad_word = 0;
		return 1;
	}
	if (pt->n == 3 && !pt->digits[1] && word_sep(pt, 0) &&
	    word_sep(pt, 1) && number(pt, 0, d) && number(pt, 2, y)) {
		/* 3 Desember 2026, 3 Des 2026, 03-Des-2026 */
		*ylen = (int)pt->len[2];
		if ((*m = month_of_word(pt->at[1], pt->len[1])) == 0)
			*bad_word = 1;
		return 1;
	}
	return 0;
}

/* err says that day d is not in month m of year y, the month named in
 * English in the message and in the user's language in the local one. */
static int
no_such_day(struct arc_error *err, const char *text, int d, int m, int y)
{
	arc_error_set(err, "'%s' is not a date: there is no day %d in %s %d",
	    text, d, month_names[m - 1], y);
	/* The month named in the reader's language too, when it has
	 * its own message. */
	if (err != NULL && _(month_names[m - 1]) != month_names[m - 1])
		arc_mask_format(err->local, sizeof(err->local),
		    _("'%s' is not a date: there is no day %d in %s %d"),
		    text, d, _(month_names[m - 1]), y);
	return ARC_ERR;
}

int
arc_date_read(const char *text, char iso[ARC_DATE_ISO_MAX], int *shaped,
    struct arc_error *err)
{
	struct parts pt;
	int y, m, d, ylen, bad_word, ok;

	ok = split(text, strlen(text), &pt) &&
	    shape(&pt, &y, &m, &d, &ylen, &bad_word);
	/* A word that is no month makes no date's shape: "tanggal:3
	 * rapat 2026" leaves "rapat" and "2026" to the search. */
	if (shaped != NULL)
		*shaped = ok && bad_word < 0;
	if (!ok)
		return arc_error_set(err, "'%s' is not a date such as "
		    "28-11-2026, 28 November 2026, November 2026 or 2026",
		    text);
	if (bad_word >= 0)
		return arc_error_set(err, "'%s' is not a date: '%.*s' is not "
		    "a month", text, (int)pt.len[bad_word], pt.at[bad_word]);
	/* 26 might be 1926 or 2026: the year is written whole. */
	if (ylen != 4 || y < 1000 || y > 9999)
		return arc_error_set(err, "'%s' is not a date: write the year "
		    "with four digits, such as 2026", text);
	if (pt.n > 1 && (m < 1 || m > 12))
		return arc_error_set(err, "'%s' is not a date: there is no "
		    "month %d", text, m);
	/* As precise as it was written: a day, a month or a year. */
	if (pt.n == 3 && (d < 1 || d > days_in_month(y, m)))
		return no_such_day(err, text, d, m, y);
	/* The remainders only tell the compiler how short they are. */
	snprintf(iso, ARC_DATE_ISO_MAX, "%04u", (unsigned)y % 10000u);
	if (pt.n > 1)
		snprintf(iso + 4, ARC_DATE_ISO_MAX - 4, "-%02u",
		    (unsigned)m % 100u);
	if (pt.n > 2)
		snprintf(iso + 7, ARC_DATE_ISO_MAX - 7, "-%02u",
		    (unsigned)d % 100u);
	return ARC_OK;
}
