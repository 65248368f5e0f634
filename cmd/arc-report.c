/* arc-report: what the archive says to IT and the office heads, as JSON lines, CSV or a table. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_archive.h"
#include "arc_i18n.h"

static const char usage[] = N_(
"usage: arc-report [--db PATH] [--since DATE] [--until DATE]\n"
"                  [--format json|csv|table] [REPORT ...]\n"
"Reports on the archive: documents (per day), tags, folders, failures,\n"
"review (pages read with low OCR confidence), chat (the chatbot's\n"
"interactions per day) and unanswered (questions it did not answer, alike\n"
"ones together); all of them when none is named.\n"
"\n"
"      --db PATH          the archive (default: $ARC_DB, else arc.conf's\n"
"                         archive, else ~/.local/share/arc/archive.db)\n"
"      --since DATE       from DATE on (2026, Des 2026, 3 Desember 2026,\n"
"                         03-12-2026, 2026-12-03)\n"
"      --until DATE       up to DATE, inclusive\n"
"      --format FORMAT    json (JSON lines), csv, or table (the default on\n"
"                         a terminal; JSON lines otherwise)\n"
"  -h, --help             show this help\n"
"      --version          show the version\n");

enum { OPT_DB = 256, OPT_SINCE, OPT_UNTIL, OPT_FORMAT };

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "format", required_argument, NULL, OPT_FORMAT },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

enum format { JSON, CSV, TABLE };

/* One report's rows, kept for CSV and tables, which need them all (or
 * their columns) before the first line. */
struct output {
	enum format format;
	json_t *rows;
	int failed;              /* a write failed */
	int sections;            /* reports printed so far */
};

/* Characters of UTF-8 text, for columns: bytes that start one. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The length in bytes of the first n characters of s. */
static size_t
prefix_bytes(const char *s, size_t n)
{
	size_t i = 0;

	for (; s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80 && n-- == 0)
			break;
	return i;
}

/* A value as text: arrays joined with " | ", null as nothing. */
static char *
text_of(json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_null(v) || v == NULL)
		return strdup("");
	if (json_is_array(v)) {
		size_t len = 1, i;
		json_t *x;
		json_array_foreach(v, i, x)
			len += strlen(json_string_value(x) ?
			    json_string_value(x) : "") + 3;
		char *s = malloc(len);
		if (s == NULL)
			return NULL;
		s[0] = '\0';
		json_array_foreach(v, i, x) {
			if (i > 0)
				strcat(s, " | ");
			strcat(s, json_string_value(x) ? json_string_value(x) :
			    "");
		}
		return s;
	}
	return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(4));
}

/* A CSV field: quoted when it holds a comma, quote or line break. */
static void
csv_field(const char *s, int first)
{
	if (!first)
		putchar(',');
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, stdout);
		return;
	}
	putchar('"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	putchar('"');
}

static void
print_csv(json_t *rows)
{
	json_t *first = json_array_get(rows, 0), *row, *v;
	const char *key;
	size_t i;
	int n = 0;

	json_object_foreach(first, key, v)
		if (strcmp(key, "report") != 0)
			csv_field(key, n++ == 0);
	putchar('\n');
	json_array_foreach(rows, i, row) {
		n = 0;
		json_object_foreach(first, key, v) {
			if (strcmp(key, "report") == 0)
				continue;
			char *s = text_of(json_object_get(row, key));
			csv_field(s ? s : "", n++ == 0);
			free(s);
		}
		putchar('\n');
	}
}

/* A value as a table shows it: control characters, escape sequences
 * among them, as '?' (text_of's is for CSV, which keeps them). */
static char *
table_text(json_t *v)
{
	char *s = text_of(v), *shown;

	if (s == NULL)
		return NULL;
	shown = arc_text_printable(s);
	free(s);
	return shown;
}

/* What a table shows over each report: what it counts, in the reader's
 * language (the report's name is for the command line and the records). */
static const struct {
	const char *report, *heading;
} headings[] = {
	{ "documents", N_("Documents indexed per day") },
	{ "tags", N_("Archived documents per tag") },
	{ "folders", N_("Archived documents per folder") },
	{ "failures", N_("Documents and files that failed") },
	{ "review", N_("Pages to check against the scan (low OCR "
	    "confidence)") },
	{ "chat", N_("The chatbot's conversations per day") },
	{ "unanswered", N_("Questions the chatbot did not answer") },
};

static const char *
heading(const char *report)
{
	for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
		if (strcmp(headings[i].report, report) == 0)
			return _(headings[i].heading);
	return report;
}

/* A table's column headings: the field names of the records and CSV, as
 * written in English, in the reader's language otherwise. */
static const char *const labels[] = {
	/* TRANSLATORS: the column headings of arc-report's tables.  In
	 * English they are the field names of its JSON and CSV (arc-report
	 * (1) says what each holds); say what the column holds, briefly. */
	N_("day"), N_("archived"), N_("failed"), N_("tag"), N_("documents"),
	N_("folder"), N_("path"), N_("member"), N_("attempts"), N_("retry"),
	N_("error"), N_("last_tried"), N_("sha256"), N_("page"),
	N_("confidence"), N_("asked"), N_("answered"), N_("suggested"),
	N_("declined"), N_("answered_rate"), N_("suggested_rate"),
	N_("declined_rate"), N_("smalltalk"), N_("question"), N_("also"),
};

static const char *
label(const char *key)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(labels[i], key) == 0)
			return _(labels[i]);
	return key;
}

/* A cell as a table shows it: dates as people write them, the failures'
 * retry and reason in the reader's language (a reason is kept in the
 * archive as arc's message was written, the same whoever ran the job: one
 * with no translation, a system's or one naming a file, shows as it is);
 * the rest as table_text. */
static char *
cell_text(const char *key, json_t *v)
{
	char when[64];

	if (json_is_string(v) && (strcmp(key, "day") == 0 ||
	    strcmp(key, "last_tried") == 0))
		return arc_text_printable(arc_date_long(json_string_value(v),
		    when, sizeof(when)));
	if (json_is_string(v) && strcmp(key, "retry") == 0) {
		const char *retry = json_string_value(v);
		if (strcmp(retry, "next run") == 0)
			/* TRANSLATORS: arc-report's failures table: the
			 * next arc-scan --new offers the document again. */
			return strdup(_("next run"));
		if (strcmp(retry, "given up") == 0)
			/* TRANSLATORS: arc-report's failures table: it
			 * failed too often to be offered again. */
			return strdup(_("given up"));
	}
	if (json_is_string(v) && strcmp(key, "error") == 0) {
		/* Kept in English, with its numbers ("page 2: ..."). */
		char *local = arc_stored_text(json_string_value(v)), *shown;
		if (local == NULL)
			return NULL;
		shown = arc_text_printable(local);
		free(local);
		return shown;
	}
	return table_text(v);
}

#define COLUMNS_MAX 16

/* Columns as wide as their widest value (in characters), numbers right. */
static void
print_table(const char *report, json_t *rows)
{
	json_t *first = json_array_get(rows, 0), *row, *v;
	size_t width[COLUMNS_MAX] = { 0 }, i;
	const char *key;
	int n;

	printf("%s\n", heading(report));
	n = 0;
	json_object_foreach(first, key, v)
		if (strcmp(key, "report") != 0 && n < COLUMNS_MAX)
			width[n++] = chars(label(key));
	int ncolumns = n;
	json_array_foreach(rows, i, row) {
		n = 0;
		json_object_foreach(first, key, v) {
			if (strcmp(key, "report") == 0 || n >= COLUMNS_MAX)
				continue;
			char *s = cell_text(key, json_object_get(row, key));
			size_t w = s ? chars(s) : 0;
			if (w > 60)
				w = 60;
			if (w > width[n])
				width[n] = w;
			n++;
			free(s);
		}
	}
	for (int pass = 0; pass < 1 + (int)json_array_size(rows); pass++) {
		row = pass == 0 ? NULL : json_array_get(rows, pass - 1);
		n = 0;
		json_object_foreach(first, key, v) {
			if (strcmp(key, "report") == 0 || n >= COLUMNS_MAX)
				continue;
			json_t *cell = row ? json_object_get(row, key) : NULL;
			char *s = row ? cell_text(key, cell) :
			    strdup(label(key));
			int right = json_is_number(cell);
			size_t w = s ? chars(s) : 0;
			if (w > 60 && s != NULL) {  /* cut long questions */
				s[prefix_bytes(s, 57)] = '\0';
				strcat(s, "...");
				w = 60;
			}
			n++;
			/* No padding after the last column. */
			int last = n == ncolumns;
			printf("%s%*s%s%*s", n > 1 ? "  " : "",
			    right ? (int)(width[n - 1] - w) : 0, "", s ? s : "",
			    right || last ? 0 : (int)(width[n - 1] - w), "");
			free(s);
		}
		putchar('\n');
	}
}

/* Prints the rows kept for one report (whole: it did not fail). */
static void
flush_rows(struct output *o, const char *report, int whole)
{
	/* CSV has no line for a report of no rows (JSON lines are written
	 * as they come); a table says it is empty, so that a reader tells
	 * "no failures" from "not shown": unless it failed, and is not. */
	if (json_array_size(o->rows) == 0 && (o->format != TABLE || !whole))
		return;
	if (o->sections++ > 0)
		putchar('\n');
	if (o->format == CSV)
		print_csv(o->rows);
	else if (json_array_size(o->rows) == 0)
		/* TRANSLATORS: under a heading of arc-report's tables. */
		printf("%s\n%s\n", heading(report), _("(none)"));
	else
		print_table(report, o->rows);
	json_array_clear(o->rows);
}

static int
take(void *ctx, const char *report, json_t *row)
{
	struct output *o = ctx;

	(void)report;
	if (o->format != JSON)
		return json_array_append(o->rows, row) != 0;
	/* Rates are rounded already: no float noise in the last digits. */
	char *line = json_dumps(row, JSON_COMPACT | JSON_REAL_PRECISION(6));
	if (line == NULL || fputs(line, stdout) == EOF || putchar('\n') == EOF)
		o->failed = 1;
	free(line);
	return o->failed;
}

static int
parse_format(const char *s, enum format *f)
{
	if (strcmp(s, "json") == 0)
		*f = JSON;
	else if (strcmp(s, "csv") == 0)
		*f = CSV;
	else if (strcmp(s, "table") == 0)
		*f = TABLE;
	else {
		arc_cli_usage_error("--format is json, csv or table, not '%s'",
		    s);
		return ARC_ERR;
	}
	return ARC_OK;
}

static int
known_report(const char *name)
{
	for (int i = 0; arc_report_names[i] != NULL; i++)
		if (strcmp(arc_report_names[i], name) == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	struct arc_report_range range = { NULL, NULL };
	struct output out = { JSON, NULL, 0, 0 };
	const char *db_opt = NULL;
	struct arc_store *s;
	struct arc_error err;
	char db[4096];
	int c, st = ARC_OK, format_given = 0;

	arc_cli_init("arc-report");
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db_opt = optarg;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (arc_cli_parse_date(c == OPT_SINCE ? "--since" :
			    "--until", optarg, c == OPT_SINCE ? &range.since :
			    &range.until) != ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case OPT_FORMAT:
			if (parse_format(optarg, &out.format) != ARC_OK)
				return ARC_EXIT_FATAL;
			format_given = 1;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	for (int i = optind; i < argc; i++)
		if (!known_report(argv[i])) {
			arc_cli_usage_error("no report '%s' (there are: "
			    "documents, tags, folders, failures, review, chat, "
			    "unanswered)", argv[i]);
			return ARC_EXIT_FATAL;
		}
	if (!format_given && isatty(1))
		out.format = TABLE;
	if (arc_db_path(db_opt, db, sizeof(db), &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	if (!arc_store_may_exist(db)) {
		arc_cli_diag(db, 0, "no archive here");
		return ARC_EXIT_FATAL;
	}
	if ((s = arc_store_open(db, 0, &err)) == NULL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	if ((out.rows = json_array()) == NULL) {
		arc_store_close(s);
		return ARC_EXIT_FATAL;
	}
	/* The reports named, else all of them. */
	char *const *names = optind < argc ? argv + optind :
	    (char *const *)arc_report_names;
	int nnames = optind < argc ? argc - optind : -1;
	for (int i = 0; st == ARC_OK && !out.failed && i != nnames &&
	    names[i] != NULL; i++) {
		st = arc_report(s, names[i], &range, take, &out, &err);
		if (st != ARC_OK)
			arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		flush_rows(&out, names[i], st == ARC_OK);
	}
	json_decref(out.rows);
	arc_store_close(s);
	c = arc_cli_finish();
	return st != ARC_OK ? ARC_EXIT_FATAL : c;
}
