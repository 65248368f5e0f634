/* arc-find: searches the archive as a clerk would ask, in milliseconds. */
#include <errno.h>
#include <getopt.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_archive.h"
#include "arc_i18n.h"

static const char usage[] = N_(
"usage: arc-find [--db PATH] [-n N] [--since DATE] [--until DATE]\n"
"                [--format table|json|paths] [--open N] [query ...]\n"
"Finds documents in the archive: words (those holding the most of them\n"
"first), \"phrases\", -word to leave out, tag:NAME, nomor:005/2318,\n"
"tanggal:2026-11, mime:pdf, path:FOLDER.  No query lists every document,\n"
"newest first.\n"
"\n"
"      --db PATH      the archive (default: $ARC_DB, else arc.conf's\n"
"                     archive, else ~/.local/share/arc/archive.db)\n"
"  -n, --limit N      at most N results (default 10)\n"
"      --since DATE   papers dated on or after DATE (2026, Des 2026,\n"
"                     3 Desember 2026, 03-12-2026, 2026-12-03)\n"
"      --until DATE   papers dated on or before DATE\n"
"      --format F     table (for people), json (JSON lines) or paths\n"
"                     (the files to open, one a line); default: table\n"
"                     on a terminal, else json\n"
"      --json         the same as --format json\n"
"      --open N       open result N (xdg-open), or print its path when\n"
"                     there is no display\n"
"  -h, --help         show this help\n"
"      --version      show the version\n");

enum {
	OPT_DB = 256, OPT_SINCE, OPT_UNTIL, OPT_JSON, OPT_FORMAT, OPT_OPEN
};

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "limit", required_argument, NULL, 'n' },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "open", required_argument, NULL, OPT_OPEN },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* Is this argument a -word to leave out, rather than an option? */
static int
query_word(const char *a)
{
	if (a[0] != '-' || a[1] == '-' || a[1] == '\0')
		return a[0] != '-';
	if (strcmp(a, "-h") == 0 || strcmp(a, "-n") == 0)
		return 0;
	if (a[1] == 'n' && strspn(a + 2, "0123456789") == strlen(a + 2))
		return 0;
	return 1;
}

/*
 * Splits the command line: options (anywhere) stay in argv for getopt,
 * the query's words (-words included) go to words, in order.  Returns
 * the new argc.
 */
static int
split_args(int argc, char **argv, char **words, int *nwords)
{
	int n = 1, i;

	*nwords = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			for (i++; i < argc; i++)
				words[(*nwords)++] = argv[i];
			break;
		}
		if (query_word(a)) {
			words[(*nwords)++] = argv[i];
			continue;
		}
		argv[n++] = argv[i];
		/* An option's value is not a query word. */
		if (i + 1 < argc && (strcmp(a, "-n") == 0 ||
		    strcmp(a, "--db") == 0 || strcmp(a, "--limit") == 0 ||
		    strcmp(a, "--since") == 0 || strcmp(a, "--until") == 0 ||
		    strcmp(a, "--format") == 0 || strcmp(a, "--open") == 0))
			argv[n++] = argv[++i];
	}
	argv[n] = NULL;
	return n;
}

enum format { FORMAT_AUTO, FORMAT_TABLE, FORMAT_JSON, FORMAT_PATHS };

struct listing {
	enum format format;
	int bold;
	size_t width;           /* the terminal's columns */
	long shown;
	int partial;            /* the results had only some of the words */
	long open;              /* --open N: result N's path kept */
	char *open_path;
};

/* Bold on and off in a line being laid out: control characters, which
 * arc_text_printable leaves in no archive text. */
#define BOLD_ON '\001'
#define BOLD_OFF '\002'

/* Columns this word takes on a terminal: a character one. */
static size_t
columns(const char *s, size_t n)
{
	size_t cols = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c & 0xC0) != 0x80 && c != BOLD_ON && c != BOLD_OFF)
			cols++;
	}
	return cols;
}

static void
put_word(const struct listing *l, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == BOLD_ON || s[i] == BOLD_OFF) {
			if (l->bold)
				fputs(s[i] == BOLD_ON ? "\033[1m" : "\033[0m",
				    stdout);
			continue;
		}
		putchar(s[i]);
	}
}

/*
 * A line laid out in the terminal's width, starting at column at: broken
 * only where there is white space, the next line indented by indent.  A
 * word wider than a line has one of its own, whole.
 */
static void
put_wrapped(const struct listing *l, const char *s, size_t at, size_t indent)
{
	size_t col = at, line_start = at;

	while (*s != '\0') {
		size_t sp = strspn(s, " "), w = strcspn(s + sp, " ");
		size_t cols = columns(s + sp, w);
		if (w == 0)
			break;
		if (col > line_start && col + sp + cols > l->width) {
			printf("\n%*s", (int)indent, "");
			col = line_start = indent;
		} else {
			printf("%.*s", (int)sp, s);
			col += sp;
		}
		put_word(l, s + sp, w);
		col += cols;
		s += sp + w;
	}
	putchar('\n');
}

/* Appends archive text made safe for a terminal (control characters,
 * escape sequences among them, as '?') to a line being laid out;
 * marks, «so», become bold when shown bold.  -1 when out of memory. */
static int
add_text(char **line, size_t *len, const char *s, int marks, int bold)
{
	char *shown = arc_text_printable(s != NULL ? s : "(null)"), *p;

	if (shown == NULL || (p = realloc(*line, *len + strlen(shown) + 1)) ==
	    NULL) {
		free(shown);
		return -1;
	}
	*line = p;
	for (const char *t = shown; *t != '\0'; t++) {
		if (marks && bold && (strncmp(t, "«", 2) == 0 ||
		    strncmp(t, "»", 2) == 0)) {
			p[(*len)++] = strncmp(t, "«", 2) == 0 ? BOLD_ON :
			    BOLD_OFF;
			t++;
			continue;
		}
		p[(*len)++] = *t;
	}
	p[*len] = '\0';
	free(shown);
	return 0;
}

/* The first line of a result: its number, title, date and tags. */
static char *
heading(json_t *r)
{
	const char *date = json_string_value(json_object_get(r, "tanggal"));
	json_t *tags = json_object_get(r, "tags"), *t;
	char *line = NULL, when[64];
	size_t len = 0, i;
	int ok;

	/* The title bold: marks around it, the title's own left as text. */
	ok = add_text(&line, &len, "«", 1, 1) == 0 && add_text(&line, &len,
	    json_string_value(json_object_get(r, "title")), 0, 0) == 0 &&
	    add_text(&line, &len, "»", 1, 1) == 0;
	/* The paper's date as people write it: 28 November 2026. */
	if (ok && date != NULL)
		ok = add_text(&line, &len, "  (", 0, 0) == 0 &&
		    add_text(&line, &len, arc_date_long(date, when,
		    sizeof(when)), 0, 0) == 0 &&
		    add_text(&line, &len, ")", 0, 0) == 0;
	json_array_foreach(tags, i, t) {
		if (ok)
			ok = add_text(&line, &len, i == 0 ? "  [" : ", ", 0,
			    0) == 0 && add_text(&line, &len,
			    json_string_value(t), 0, 0) == 0;
	}
	if (ok && json_array_size(tags) > 0)
		ok = add_text(&line, &len, "]", 0, 0) == 0;
	if (!ok) {
		free(line);
		return NULL;
	}
	return line;
}

/* A labelled path of a result, whole on its line. */
static void
put_path(const char *label, const char *path, const char *member)
{
	char *shown = arc_text_printable(path != NULL ? path : _("(none)"));

	printf("    %s %s", label, shown != NULL ? shown : "?");
	free(shown);
	if (member != NULL) {
		shown = arc_text_printable(member);
		printf(" (%s)", shown != NULL ? shown : "?");
		free(shown);
	}
	putchar('\n');
}

static int
show_table(struct listing *l, json_t *r)
{
	char *line, *snip = NULL;
	size_t len = 0;

	if (l->shown == 1 && json_is_true(json_object_get(r, "partial")))
		fputs(_("No document has every word; these have some:\n\n"),
		    stdout);
	if ((line = heading(r)) == NULL ||
	    add_text(&snip, &len, json_string_value(json_object_get(r,
	    "snippet")), 1, l->bold) != 0) {
		free(line);
		free(snip);
		return -1;
	}
	printf("%2ld  ", l->shown);
	put_wrapped(l, line, 4, 4);
	/* TRANSLATORS: the labels of a result's two paths in arc-find's
	 * table: the file to open (the archive's copy, a PDF of a scan)
	 * and the file it was scanned from. */
	put_path(_("open:"), json_string_value(json_object_get(r, "open")),
	    NULL);
	put_path(_("original:"), json_string_value(json_object_get(r, "path")),
	    json_string_value(json_object_get(r, "member")));
	printf("    ");
	put_wrapped(l, snip, 4, 4);
	putchar('\n');
	free(line);
	free(snip);
	return 0;
}

static int
show(void *ctx, json_t *r)
{
	struct listing *l = ctx;
	const char *open = json_string_value(json_object_get(r, "open"));

	l->shown++;
	if (json_is_true(json_object_get(r, "partial")))
		l->partial = 1;
	if (l->open > 0) {
		if (l->shown == l->open && open != NULL &&
		    (l->open_path = strdup(open)) == NULL)
			return -1;
		return 0;
	}
	switch (l->format) {
	case FORMAT_JSON:
		return arc_record_write(stdout, r) == ARC_OK ? 0 : -1;
	case FORMAT_PATHS:
		if (open != NULL)
			printf("%s\n", open);
		break;
	default:
		if (show_table(l, r) != 0)
			return -1;
	}
	return ferror(stdout) ? -1 : 0;
}

/* The terminal's width: $COLUMNS, else the terminal's own, else 80. */
static size_t
terminal_width(void)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	long n;
	char *end;

	if (env != NULL) {
		n = strtol(env, &end, 10);
		if (*env != '\0' && *end == '\0' && n >= 20 && n <= 1000)
			return (size_t)n;
	}
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* xdg-open, when there is a display for it to open a file on. */
static int
can_open(void)
{
	const char *path = getenv("PATH"), *d = getenv("DISPLAY"),
	    *w = getenv("WAYLAND_DISPLAY");
	char file[4096];

	if ((d == NULL || *d == '\0') && (w == NULL || *w == '\0'))
		return 0;
	while (path != NULL && *path != '\0') {
		size_t n = strcspn(path, ":");
		if (n > 0 && n + sizeof("/xdg-open") < sizeof(file)) {
			snprintf(file, sizeof(file), "%.*s/xdg-open", (int)n,
			    path);
			if (access(file, X_OK) == 0)
				return 1;
		}
		path += n + (path[n] == ':');
	}
	return 0;
}

/* Opens result N's file, or prints its path; the exit status. */
static int
open_result(const struct listing *l)
{
	extern char **environ;
	char *argv[] = { "xdg-open", l->open_path, NULL };
	pid_t pid;
	int status, rc;

	if (!can_open()) {
		printf("%s\n", l->open_path);
		return ARC_EXIT_OK;
	}
	fflush(stdout);
	if ((rc = posix_spawnp(&pid, "xdg-open", NULL, NULL, argv,
	    environ)) != 0) {
		arc_cli_diag(NULL, 0, "xdg-open: %s", arc_strerror(rc));
		return ARC_EXIT_FATAL;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			arc_cli_diag(NULL, 0, "xdg-open: %s",
			    arc_strerror(errno));
			return ARC_EXIT_FATAL;
		}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		arc_cli_diag(l->open_path, 0, "xdg-open could not open it");
		return ARC_EXIT_FATAL;
	}
	return ARC_EXIT_OK;
}

/* The words of the command line, as one query. */
static char *
join(char **words, int n)
{
	size_t len = 1;
	char *q;

	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	if ((q = malloc(len)) == NULL)
		return NULL;
	q[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			strcat(q, " ");
		strcat(q, words[i]);
	}
	return q;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, struct arc_find_options *o,
    const char **db_opt, struct listing *l)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:h", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			*db_opt = optarg;
			break;
		case 'n':
			if (arc_cli_parse_count("--limit", optarg, 1000000,
			    &o->limit) != ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case OPT_SINCE:
		case OPT_UNTIL:
			if (arc_cli_parse_date(c == OPT_SINCE ? "--since" :
			    "--until", optarg, c == OPT_SINCE ? &o->since :
			    &o->until) != ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case OPT_JSON:
			l->format = FORMAT_JSON;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "table") == 0)
				l->format = FORMAT_TABLE;
			else if (strcmp(optarg, "json") == 0)
				l->format = FORMAT_JSON;
			else if (strcmp(optarg, "paths") == 0)
				l->format = FORMAT_PATHS;
			else {
				arc_cli_usage_error("--format: '%s' is not "
				    "table, json or paths", optarg);
				return ARC_EXIT_FATAL;
			}
			break;
		case OPT_OPEN:
			if (arc_cli_parse_count("--open", optarg, 1000000,
			    &l->open) != ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	return -1;
}

/* A damaged text: said, the result shown without its snippet.  A query
 * word that is not what it looks like (sha256 NULL): a warning, the search
 * goes on. */
static void
text_problem(void *ctx, const char *sha256, const char *problem)
{
	if (sha256 == NULL)
		arc_cli_diag(NULL, 0, "warning: %s", problem);
	else
		arc_cli_diag(ctx, 0, "%s: %s", sha256, problem);
}

/*
 * After a search: the query again with a word the archive does not know,
 * or knows in a handful of papers, made the near one it has; NULL when
 * there is none.  A suggestion that cannot be made (the archive failed
 * after the search) is only not made.
 */
static char *
suggestion(struct arc_store *s, const char *query, const struct listing *l,
    long found)
{
	struct arc_error err;
	char *better;

	if (found < 0 || arc_find_suggest(s, query, found, l->partial,
	    &better, &err) != ARC_OK)
		return NULL;
	return better;
}

/* Says it (and frees it) after the results, on standard error, so that
 * the results stay records, whatever the format. */
static void
suggest(char *better)
{
	if (better == NULL)
		return;
	fflush(stdout);
	/* TRANSLATORS: after a search's results: %s is the query again,
	 * a word in it the archive does not know made a near one it has. */
	arc_cli_diag(NULL, 0, "did you mean: %s?", better);
	free(better);
}

/* After the table: how many more there are, and how to see them. */
static void
more(const struct listing *l, long total)
{
	if (total <= l->shown)
		return;
	/* TRANSLATORS: the table's last line: how many more results there
	 * are, and the command that shows them (kept as it is). */
	printf(P_("… and %ld more: arc-find -n %ld ...\n",
	    "… and %ld more: arc-find -n %ld ...\n",
	    (unsigned long)(total - l->shown)), total - l->shown,
	    total < 1000000 ? total : 1000000);
}

int
main(int argc, char **argv)
{
	struct arc_find_options o = { .limit = 10 };
	struct listing l = { 0 };
	const char *db_opt = NULL;
	char db[4096], *query, **words, *better;
	struct arc_store *s;
	struct arc_error err;
	int c, nwords;
	long found, total = 0;

	arc_cli_init("arc-find");
	if ((words = calloc((size_t)argc + 1, sizeof(*words))) == NULL)
		return ARC_EXIT_FATAL;
	/* A word such as -undangan is the query's, not an unknown option. */
	argc = split_args(argc, argv, words, &nwords);
	query = join(words, nwords);
	free(words);
	if (query == NULL)
		return ARC_EXIT_FATAL;
	if ((c = parse_options(argc, argv, &o, &db_opt, &l)) >= 0) {
		free(query);
		return c;
	}
	if (arc_db_path(db_opt, db, sizeof(db), &err) != ARC_OK ||
	    (s = arc_store_open(db, 0, &err)) == NULL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		free(query);
		return ARC_EXIT_FATAL;
	}
	o.query = query;
	o.problem = text_problem;
	o.problem_ctx = db;
	if (l.format == FORMAT_AUTO)
		l.format = isatty(STDOUT_FILENO) ? FORMAT_TABLE : FORMAT_JSON;
	/* JSON stays the records it always was: no "open" in them. */
	o.with_open = l.format != FORMAT_JSON || l.open > 0;
	if (l.open > 0 && o.limit < l.open)
		o.limit = l.open;
	if (l.format == FORMAT_TABLE && l.open == 0)
		o.total = &total;
	l.bold = l.format == FORMAT_TABLE && isatty(STDOUT_FILENO) &&
	    getenv("NO_COLOR") == NULL;
	l.width = terminal_width();
	found = arc_find(s, &o, show, &l, &err);
	better = suggestion(s, query, &l, found);
	free(query);
	arc_store_close(s);
	if (found == ARC_FATAL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		arc_cli_finish();
		free(l.open_path);
		return ARC_EXIT_FATAL;
	}
	if (l.open > 0) {
		if (l.open_path != NULL)
			c = open_result(&l);
		else {
			if (found == 0)
				arc_cli_diag(NULL, 0, "--open %ld: nothing "
				    "found", l.open);
			else if (found >= l.open)
				arc_cli_diag(NULL, 0, "--open %ld: result "
				    "%ld has no file to open (its copy is "
				    "gone: see arc-index --check)", l.open,
				    l.open);
			else
				arc_cli_diag(NULL, 0, P_("--open %ld: there "
				    "is only %ld result", "--open %ld: there "
				    "are only %ld results",
				    (unsigned long)found), l.open, found);
			c = ARC_EXIT_FATAL;
		}
		suggest(better);
		free(l.open_path);
		return c != ARC_EXIT_OK ? (arc_cli_finish(), c) :
		    arc_cli_finish();
	}
	if (found == 0 && l.format == FORMAT_TABLE)
		fputs(_("Nothing found.\n"), stdout);
	else if (l.format == FORMAT_TABLE)
		more(&l, total);
	suggest(better);
	c = arc_cli_finish();
	if (c != ARC_EXIT_OK)
		return c;
	return found > 0 ? ARC_EXIT_OK : ARC_EXIT_REJECTED;
}
