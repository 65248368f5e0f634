/* arc-find: searches the archive as a clerk would ask, in milliseconds. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_archive.h"

static const char usage[] =
"usage: arc-find [--db PATH] [-n N] [--since DATE] [--until DATE] [--json]\n"
"                [query ...]\n"
"Finds documents in the archive: words (all must match), \"phrases\",\n"
"-word to leave out, tag:NAME, nomor:005/2318, tanggal:2026-11, mime:pdf,\n"
"path:FOLDER.  No query lists every document, newest first.\n"
"\n"
"      --db PATH      the archive (default: $ARC_DB, else\n"
"                     ~/.local/share/arc/archive.db)\n"
"  -n, --limit N      at most N results (default 10)\n"
"      --since DATE   papers dated on or after DATE (2026, 2026-11, "
    "2026-11-28)\n"
"      --until DATE   papers dated on or before DATE\n"
"      --json         JSON lines even on a terminal\n"
"  -h, --help         show this help\n"
"      --version      show the version\n";

enum { OPT_DB = 256, OPT_SINCE, OPT_UNTIL, OPT_JSON };

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "limit", required_argument, NULL, 'n' },
	{ "since", required_argument, NULL, OPT_SINCE },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "json", no_argument, NULL, OPT_JSON },
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
		    strcmp(a, "--since") == 0 || strcmp(a, "--until") == 0))
			argv[n++] = argv[++i];
	}
	argv[n] = NULL;
	return n;
}

struct listing {
	int terminal;
	int bold;
	long shown;
};

/* Archive text for the terminal: control characters, escape sequences
 * among them, as '?'. */
static void
print_text(const char *s)
{
	char *shown = arc_text_printable(s != NULL ? s : "(null)");

	fputs(shown != NULL ? shown : "?", stdout);
	free(shown);
}

/* The snippet with its «marks» shown bold on a terminal that can. */
static void
print_snippet(const char *snippet, int bold)
{
	char *shown = arc_text_printable(snippet != NULL ? snippet : "");
	const char *s = shown != NULL ? shown : "";

	for (; *s != '\0'; s++) {
		if (strncmp(s, "«", 2) == 0 || strncmp(s, "»", 2) == 0) {
			if (bold)
				fputs(strncmp(s, "«", 2) == 0 ? "\033[1m" :
				    "\033[0m", stdout);
			else
				fwrite(s, 1, 2, stdout);
			s++;
			continue;
		}
		putchar(*s);
	}
	putchar('\n');
	free(shown);
}

static int
show(void *ctx, json_t *r)
{
	struct listing *l = ctx;
	const char *member = json_string_value(json_object_get(r, "member"));
	const char *date = json_string_value(json_object_get(r, "tanggal"));
	json_t *tags = json_object_get(r, "tags"), *t;
	size_t i;

	l->shown++;
	if (!l->terminal)
		return arc_record_write(stdout, r) == ARC_OK ? 0 : -1;
	if (l->shown == 1 && json_is_true(json_object_get(r, "partial")))
		printf("No document has every word; these have some:\n\n");
	printf("%2ld  %s", l->shown, l->bold ? "\033[1m" : "");
	print_text(json_string_value(json_object_get(r, "title")));
	fputs(l->bold ? "\033[0m" : "", stdout);
	if (date != NULL) {
		fputs("  (", stdout);
		print_text(date);
		putchar(')');
	}
	json_array_foreach(tags, i, t) {
		fputs(i == 0 ? "  [" : ", ", stdout);
		print_text(json_string_value(t));
	}
	printf("%s\n    ", json_array_size(tags) > 0 ? "]" : "");
	print_text(json_string_value(json_object_get(r, "path")));
	if (member != NULL) {
		fputs(" (", stdout);
		print_text(member);
		putchar(')');
	}
	printf("\n    ");
	print_snippet(json_string_value(json_object_get(r, "snippet")),
	    l->bold);
	putchar('\n');
	return ferror(stdout) ? -1 : 0;
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
    const char **db_opt, int *json)
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
			*json = 1;
			break;
		default:
			return arc_cli_common_option(c, usage, argv);
		}
	}
	return -1;
}

/* A damaged text: said, the result shown without its snippet. */
static void
text_problem(void *ctx, const char *sha256, const char *problem)
{
	arc_cli_diag(ctx, 0, "%s: %s", sha256, problem);
}

int
main(int argc, char **argv)
{
	struct arc_find_options o = { .limit = 10 };
	struct listing l = { 0 };
	const char *db_opt = NULL;
	char db[4096], *query, **words;
	struct arc_store *s;
	struct arc_error err;
	int c, json = 0, nwords;
	long found;

	arc_cli_init("arc-find");
	if ((words = calloc((size_t)argc + 1, sizeof(*words))) == NULL)
		return ARC_EXIT_FATAL;
	/* A word such as -undangan is the query's, not an unknown option. */
	argc = split_args(argc, argv, words, &nwords);
	query = join(words, nwords);
	free(words);
	if (query == NULL)
		return ARC_EXIT_FATAL;
	if ((c = parse_options(argc, argv, &o, &db_opt, &json)) >= 0) {
		free(query);
		return c;
	}
	if (arc_db_path(db_opt, db, sizeof(db), &err) != ARC_OK ||
	    (s = arc_store_open(db, 0, &err)) == NULL) {
		arc_cli_diag(NULL, 0, "%s", err.message);
		free(query);
		return ARC_EXIT_FATAL;
	}
	o.query = query;
	o.problem = text_problem;
	o.problem_ctx = db;
	l.terminal = !json && isatty(STDOUT_FILENO);
	l.bold = l.terminal && getenv("NO_COLOR") == NULL;
	found = arc_find(s, &o, show, &l, &err);
	free(query);
	arc_store_close(s);
	if (found == ARC_FATAL) {
		arc_cli_diag(NULL, 0, "%s", err.message);
		arc_cli_finish();
		return ARC_EXIT_FATAL;
	}
	if (found == 0 && l.terminal)
		printf("Nothing found.\n");
	c = arc_cli_finish();
	if (c != ARC_EXIT_OK)
		return c;
	return found > 0 ? ARC_EXIT_OK : ARC_EXIT_REJECTED;
}
