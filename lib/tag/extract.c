/* extract.c: the fields every Indonesian office paper carries: letter number, date, NIK, registration numbers. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arc_i18n.h"
#include "tag_internal.h"

/*
 * "Nomor: 005/2318-Umum/2026", "No. 12/KPTS/2023", "Nomor : 800 / 15 / 2026",
 * "Our ref. : LRF/112/2026": a number with at least one slash, right after
 * "Nomor", "No" or "Ref".  "Nomor
 * Induk Kependudukan" has no slash and is left alone.
 */
static const char nomor_re[] =
    "\\b(?:nomor|no|(?:our\\s+)?ref(?:erence)?)\\s*\\.?\\s*:?\\s*"
    "([0-9a-z][0-9a-z.\\-]*(?:\\s*/\\s*[0-9a-z][0-9a-z.\\-]*)+)";

#define MONTHS \
    "januari|january|jan|februari|pebruari|february|feb|peb|maret|march|" \
    "mar|april|apr|mei|may|juni|june|jun|juli|july|jul|agustus|august|" \
    "agu|agt|ags|aug|september|sept|sep|oktober|october|okt|oct|november|" \
    "nopember|nov|desember|december|des|dec"

/* "Rabu, 9 Desember 2026", "9 Des. 2026", "09-12-2026", "9/12/2026",
 * "2026-12-09"; not the tail of a letter number such as 005/18/12/2026. */
static const char date_re[] =
    "(?<![\\d/.\\-])(?:"
    "(\\d{1,2})\\s*(" MONTHS ")\\.?\\s+(\\d{4})"
    "|(\\d{1,2})([\\-/.])(\\d{1,2})\\5(\\d{4})"
    "|(\\d{4})-(\\d{2})-(\\d{2})"
    ")(?![\\d/.\\-]?\\d)";

/* "Perihal : Undangan Rapat Koordinasi", "Hal: ...", "Subject : ...". */
static const char perihal_re[] =
    "^[ \\t]*(?:perihal|hal|subject|re)[ \\t]*(?:[:\\-—][ \\t]*)+"
    "(\\S[^\\n\\f]*)";

static const char nik_re[] = "(?<!\\d)\\d{16}(?!\\d)";

/* Application numbers as the office's status export writes them. */
static const char reg_re[] = "\\b[a-z]{2,6}-\\d{4}-\\d{4,8}\\b";

static pcre2_code *nomor_code, *date_code, *nik_code, *reg_code, *perihal_code;
static pthread_once_t compiled = PTHREAD_ONCE_INIT;

static pcre2_code *
compile(const char *pattern)
{
	int code;
	PCRE2_SIZE offset;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern,
	    PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_CASELESS | PCRE2_MULTILINE,
	    &code, &offset, NULL);

	if (re != NULL)
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	return re;
}

static void
compile_all(void)
{
	nomor_code = compile(nomor_re);
	date_code = compile(date_re);
	nik_code = compile(nik_re);
	reg_code = compile(reg_re);
	perihal_code = compile(perihal_re);
}

/* ---- NIK ---- */

static int
province_exists(int p)
{
	static const int provinces[] = {
		11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36,
		51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73, 74, 75, 76, 81, 82,
		91, 92, 93, 94, 95, 96,
	};

	for (size_t i = 0; i < sizeof(provinces) / sizeof(*provinces); i++)
		if (provinces[i] == p)
			return 1;
	return 0;
}

static int
days_in_month(int month, int year)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (month == 2 && year > 0)
		return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ?
		    29 : 28;
	return days[month - 1];
}

static int
two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int
arc_nik_valid(const char *d)
{
	int day;

	for (int i = 0; i < 16; i++)
		if (d[i] < '0' || d[i] > '9')
			return 0;
	if (d[16] != '\0')
		return 0;
	/* Province, regency or city, district; birth date, 40 added to the
	 * day for women; a serial that is never 0000.  The year has no
	 * century, so 29 February is always possible. */
	if (!province_exists(two(d)) || two(d + 2) == 0 || two(d + 4) == 0)
		return 0;
	day = two(d + 6);
	if (day > 40)
		day -= 40;
	if (two(d + 8) < 1 || two(d + 8) > 12 || day < 1 ||
	    day > days_in_month(two(d + 8), 0))
		return 0;
	return strcmp(d + 12, "0000") != 0;
}

/* ---- dates ---- */

static int
month_number(const char *name, size_t len)
{
	static const char *const prefixes[] = {
		"jan", "feb", "mar", "apr", "mei", "jun", "jul", "ag", "sep",
		"ok", "nov", "des",
	};
	char low[16];

	if (len >= sizeof(low))
		return 0;
	for (size_t i = 0; i < len; i++)
		low[i] = (char)(name[i] | 0x20);
	low[len] = '\0';
	/* English spellings that Indonesian prefixes miss. */
	if (strcmp(low, "may") == 0)
		return 5;
	if (strncmp(low, "aug", 3) == 0)
		return 8;
	if (strncmp(low, "oct", 3) == 0)
		return 10;
	if (strncmp(low, "dec", 3) == 0)
		return 12;
	if (strncmp(low, "peb", 3) == 0)
		return 2;
	if (strncmp(low, "nop", 3) == 0)
		return 11;
	for (int m = 0; m < 12; m++)
		if (strncmp(low, prefixes[m], strlen(prefixes[m])) == 0)
			return m + 1;
	return 0;
}

static int
group_int(const char *text, const PCRE2_SIZE *ov, int g)
{
	int v = 0;

	if (ov[2 * g] == PCRE2_UNSET)
		return -1;
	for (PCRE2_SIZE i = ov[2 * g]; i < ov[2 * g + 1]; i++)
		v = v * 10 + (text[i] - '0');
	return v;
}

/* The date a match stands for, as YYYY-MM-DD; 0 if impossible. */
static int
match_date(const char *text, const PCRE2_SIZE *ov, char iso[11])
{
	int d, m, y;

	if (ov[2] != PCRE2_UNSET) {
		d = group_int(text, ov, 1);
		m = month_number(text + ov[4], ov[5] - ov[4]);
		y = group_int(text, ov, 3);
	} else if (ov[8] != PCRE2_UNSET) {
		d = group_int(text, ov, 4);
		m = group_int(text, ov, 6);
		y = group_int(text, ov, 7);
	} else {
		y = group_int(text, ov, 8);
		m = group_int(text, ov, 9);
		d = group_int(text, ov, 10);
	}
	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 ||
	    d > days_in_month(m, y))
		return 0;
	snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u,
	    (unsigned)m % 100u, (unsigned)d % 100u);
	return 1;
}

/*
 * How likely a date is the paper's own: 0 after "Place," (the line above
 * the signature: "Bandung, 9 Desember 2026"), 1 after "tanggal" or "tgl"
 * on the same line ("Ditetapkan pada tanggal"), 2 anything else (a
 * meeting's day, a date in the text), 3 a date of birth, taken only when
 * there is nothing else.
 */
static int
date_rank(const char *text, size_t start)
{
	static const char *const days[] = { "senin", "selasa", "rabu", "kamis",
	    "jumat", "jum'at", "sabtu", "minggu", "ahad" };
	size_t line = start, i, w;
	char before[64];

	while (line > 0 && text[line - 1] != '\n' && text[line - 1] != '\f' &&
	    start - line < sizeof(before) - 1)
		line--;
	for (i = 0; line + i < start; i++)
		before[i] = (char)(text[line + i] >= 'A' &&
		    text[line + i] <= 'Z' ? text[line + i] + 32 :
		    text[line + i]);
	before[i] = '\0';
	while (i > 0 && before[i - 1] == ' ')
		before[--i] = '\0';
	/* "Tempat, Tanggal Lahir : Bandung, 14 Maret 1994" is a person's. */
	if (strstr(before, "lahir") != NULL || strstr(before, "born") != NULL)
		return 3;
	if (i > 0 && before[i - 1] == ',') {
		before[--i] = '\0';
		w = i;
		while (w > 0 && before[w - 1] != ' ' && before[w - 1] != ':')
			w--;
		for (size_t d = 0; d < sizeof(days) / sizeof(*days); d++)
			if (strcmp(before + w, days[d]) == 0)
				return 2;
		return w < i ? 0 : 2;
	}
	return strstr(before, "tanggal") != NULL || strstr(before, "tgl") !=
	    NULL ? 1 : 2;
}

/* ---- the record ---- */

/* Explains a field found at start.  A value cut to fit its field
 * (cut != 0) may end in part of a NIK the mask no longer sees: the
 * message shows it without its last digits, and "...". */
static void
explain(json_t *notes, const char *doc, const char *label, const char *text,
    size_t start, const char *value, int cut)
{
	char msg[400];
	int n = (int)(cut ? arc_nik_trim(value, strlen(value)) :
	    strlen(value));

	if (notes == NULL)
		return;
	/* TRANSLATORS: --explain: field LABEL, line N: "VALUE". */
	arc_mask_format(msg, sizeof(msg), _("field %s: built in, line %ld: "
	    "\"%.*s%s\""), label, arc_line_of(text, start), n, value,
	    cut ? "..." : "");
	json_array_append_new(notes, json_pack("{s:s?,s:i,s:b,s:s}", "file",
	    doc, "line", 0, "warning", 0, "message", msg));
}

static int
add_unique(json_t *array, const char *value)
{
	size_t i;
	json_t *v;

	json_array_foreach(array, i, v)
		if (strcmp(json_string_value(v), value) == 0)
			return 0;
	json_array_append_new(array, json_string(value));
	return 1;
}

static void
find_nomor(const char *text, size_t len, pcre2_match_data *md, json_t *fields,
    json_t *notes, const char *doc)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	PCRE2_SIZE at = 0;

	while (pcre2_match(nomor_code, (PCRE2_SPTR)text, len, at,
	    PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
		char value[128];
		size_t n = 0;
		int digit = 0;

		PCRE2_SIZE i;
		for (i = ov[2]; i < ov[3] && n < sizeof(value) - 1; i++) {
			if (text[i] == ' ' ||
			    (text[i] >= '\t' && text[i] <= '\r'))
				continue;
			digit |= text[i] >= '0' && text[i] <= '9';
			value[n++] = text[i];
		}
		while (n > 0 && (value[n - 1] == '.' || value[n - 1] == '-' ||
		    value[n - 1] == '/'))
			n--;
		value[n] = '\0';
		if (digit && strchr(value, '/') != NULL) {
			json_object_set_new(fields, "nomor",
			    json_string(value));
			explain(notes, doc, "nomor", text, ov[2], value,
			    i < ov[3]);
			return;
		}
		at = ov[1];
	}
}

static void
find_perihal(const char *text, size_t len, pcre2_match_data *md,
    json_t *fields, json_t *notes, const char *doc)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	char value[200];
	size_t n;

	if (pcre2_match(perihal_code, (PCRE2_SPTR)text, len, 0,
	    PCRE2_NO_UTF_CHECK, md, NULL) <= 0)
		return;
	n = ov[3] - ov[2];
	if (n >= sizeof(value))
		n = sizeof(value) - 1;
	memcpy(value, text + ov[2], n);
	while (n > 0 && (value[n - 1] == ' ' || value[n - 1] == '\t' ||
	    value[n - 1] == '\r'))
		n--;
	value[arc_utf8_valid_prefix(value, n)] = '\0';
	if (value[0] == '\0')
		return;
	json_object_set_new(fields, "perihal", json_string(value));
	explain(notes, doc, "perihal", text, ov[2], value,
	    ov[3] - ov[2] >= sizeof(value));
}

static void
find_tanggal(const char *text, size_t len, pcre2_match_data *md,
    json_t *fields, json_t *notes, const char *doc)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	PCRE2_SIZE at = 0;
	char iso[11], best[11] = "";
	size_t best_at = 0;
	int best_rank = 4, rank;

	while (best_rank > 0 && pcre2_match(date_code, (PCRE2_SPTR)text, len,
	    at, PCRE2_NO_UTF_CHECK, md, NULL) > 0) {
		if (match_date(text, ov, iso) &&
		    (rank = date_rank(text, ov[0])) < best_rank) {
			best_rank = rank;
			memcpy(best, iso, sizeof(iso));
			best_at = ov[0];
		}
		at = ov[1];
	}
	if (best[0] != '\0') {
		json_object_set_new(fields, "tanggal", json_string(best));
		explain(notes, doc, "tanggal", text, best_at, best, 0);
	}
}

/* Every distinct match of re that keep accepts, upper-cased, as an array. */
static void
find_all(const char *text, size_t len, pcre2_match_data *md, pcre2_code *re,
    int (*keep)(const char *), const char *label, json_t *fields,
    json_t *notes, const char *doc)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	PCRE2_SIZE at = 0;
	json_t *found = json_array();

	if (found == NULL)
		return;
	while (pcre2_match(re, (PCRE2_SPTR)text, len, at, PCRE2_NO_UTF_CHECK,
	    md, NULL) > 0) {
		char value[32];
		size_t n = ov[1] - ov[0];

		at = ov[1];
		if (n >= sizeof(value))
			continue;
		for (size_t i = 0; i < n; i++)
			value[i] = text[ov[0] + i] >= 'a' &&
			    text[ov[0] + i] <= 'z' ?
			    (char)(text[ov[0] + i] - 32) : text[ov[0] + i];
		value[n] = '\0';
		if ((keep == NULL || keep(value)) && add_unique(found, value))
			explain(notes, doc, label, text, ov[0], value, 0);
	}
	if (json_array_size(found) > 0)
		json_object_set(fields, label, found);
	json_decref(found);
}

int
arc_extract_fields(const char *text, size_t len, json_t *fields,
    json_t *notes, const char *doc)
{
	pcre2_match_data *md;

	pthread_once(&compiled, compile_all);
	if (nomor_code == NULL || date_code == NULL || nik_code == NULL ||
	    reg_code == NULL || perihal_code == NULL)
		return ARC_FATAL;
	if ((md = pcre2_match_data_create(16, NULL)) == NULL)
		return ARC_FATAL;
	find_nomor(text, len, md, fields, notes, doc);
	find_perihal(text, len, md, fields, notes, doc);
	find_tanggal(text, len, md, fields, notes, doc);
	find_all(text, len, md, nik_code, arc_nik_valid, "nik", fields, notes,
	    doc);
	find_all(text, len, md, reg_code, NULL, "registrasi", fields, notes,
	    doc);
	pcre2_match_data_free(md);
	return ARC_OK;
}
