/* arc-scan: lists the documents in scanner folders and archives as records. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_archive.h"
#include "arc_i18n.h"

static const char usage[] = N_(
"usage: arc-scan [-r] [-j N] [--new [--db PATH]] [--settle SECONDS]\n"
"                [--max-unpacked SIZE] [--max-ratio N] [file|folder ...]\n"
"Writes one JSON record per document found in the files, folders and\n"
"zip/tar/7z archives given (or named one per line on standard input).\n"
"\n"
"  -r, --recursive        scan subfolders too\n"
"  -j, --jobs N           files read at once (default: number of cores)\n"
"      --new              only documents the archive does not hold yet, or\n"
"                         whose last attempt failed\n"
"      --db PATH          the archive for --new (default: $ARC_DB, else\n"
"                         arc.conf's archive, else\n"
"                         ~/.local/share/arc/archive.db)\n"
"      --retries N        with --new, offer a failed document again only\n"
"                         while it failed fewer than N times (default 3)\n"
"      --settle SECONDS   leave files modified in the last SECONDS for the\n"
"                         next run (a scanner may still be writing them)\n"
"      --max-unpacked SIZE  refuse an archive that unpacks to more than SIZE\n"
"                         bytes (K, M, G, T suffixes; default 8G)\n"
"      --max-ratio N      refuse an archive that expands more than N times\n"
"                         its size (default 100)\n"
"  -h, --help             show this help\n"
"      --version          show the version\n"
"\n"
"Exit status: 0 all documents recorded, 1 some could not be read, 2 error.\n"
"See arc-scan(1) and arc-record(5).\n");

enum {
	OPT_SETTLE = 256, OPT_MAX_UNPACKED, OPT_MAX_RATIO, OPT_NEW, OPT_DB,
	OPT_RETRIES,
};

static const struct option options[] = {
	{ "recursive", no_argument, NULL, 'r' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "new", no_argument, NULL, OPT_NEW },
	{ "db", required_argument, NULL, OPT_DB },
	{ "retries", required_argument, NULL, OPT_RETRIES },
	{ "settle", required_argument, NULL, OPT_SETTLE },
	{ "max-unpacked", required_argument, NULL, OPT_MAX_UNPACKED },
	{ "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* With --new, the archive that says what is already done. */
static struct arc_store *archive;
static long retries = ARC_RETRIES_DEFAULT;

/* A document or file no longer offered, said at every run. */
static void
given_up(const char *where, int attempts)
{
	arc_cli_diag(where, 0, P_("failed %d time: not offered again "
	    "(arc-report failures lists it; scan it without --new to try "
	    "once more)", "failed %d times: not offered again "
	    "(arc-report failures lists it; scan it without --new to try "
	    "once more)", (unsigned long)attempts), attempts);
}

/*
 * Is this document done with: archived, or failed --retries times (said
 * on stderr each time, so that a nightly run's mail shows it)?  Not
 * offered again either way.  A file that could not be read has no
 * sha256: its failures are counted by its path.
 */
static int
done_with(const json_t *rec, const char *where)
{
	const char *sha = json_string_value(json_object_get(rec, "sha256"));
	const char *path = json_string_value(json_object_get(rec, "path"));
	int attempts = 0, state;

	if (archive == NULL)
		return 0;
	if (sha == NULL) {
		if (path == NULL || json_object_get(rec, "error") == NULL ||
		    (attempts = arc_store_unread(archive, path,
		    json_string_value(json_object_get(rec, "member")))) <
		    retries)
			return 0;
		given_up(where, attempts);
		return 1;
	}
	state = arc_store_state(archive, sha,
	    json_object_get(rec, "error") == NULL, &attempts);
	if (state == ARC_STORE_FORGOTTEN) {
		/* Erased on request: the original is personal data
		 * still lying in the scanner folder. */
		arc_cli_diag(where, 0, "erased from the archive on request "
		    "(arc-index --forget): not offered again; delete the "
		    "original");
		return 1;
	}
	if (state == ARC_STORE_FAILED && attempts >= retries) {
		given_up(where, attempts);
		return 1;
	}
	return state == ARC_STORE_ARCHIVED;
}

/* Prints what the scan meets; records go to stdout, the rest to stderr. */
static int
on_event(void *ctx, enum arc_scan_event ev, const char *file,
    const char *member, const json_t *rec, const char *message)
{
	char where[8192];

	(void)ctx;
	arc_document_name(file, member, where, sizeof(where));
	if (ev == ARC_SCAN_RECORD && done_with(rec, where))
		return 0;
	if (ev == ARC_SCAN_RECORD && arc_record_write(stdout, rec) != ARC_OK)
		return -1;
	if (message != NULL)
		arc_cli_diag(where, 0, "%s", message);
	if (ev == ARC_SCAN_FAILURE ||
	    (ev == ARC_SCAN_RECORD && message != NULL))
		arc_cli_fail();
	return 0;
}

/* Opens the archive for --new; one not made yet, or being made by an
 * arc-index running at the same time, holds nothing. */
static int
open_archive(const char *db_opt)
{
	struct arc_error err;
	char db[4096];
	int none;

	if (arc_db_path(db_opt, db, sizeof(db), &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_ERR;
	}
	/* None there yet: it holds nothing, and everything is new. */
	if ((archive = arc_store_open_existing(db, &none, &err)) == NULL &&
	    !none) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_ERR;
	}
	return ARC_OK;
}

/* Scans the paths named one per line on standard input. */
static int
scan_stdin(struct arc_scan *scan)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int st = ARC_OK;

	while (st == ARC_OK && (len = getline(&line, &cap, stdin)) >= 0) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
		if (len == 0)
			continue;
		st = arc_scan_path(scan, line);
	}
	free(line);
	return st;
}

int
main(int argc, char **argv)
{
	struct arc_scan_options o;
	struct arc_scan *scan;
	struct arc_error err;
	const char *db_opt = NULL;
	char *end;
	long jobs;
	int c, st = ARC_OK, new_only = 0;

	arc_cli_init("arc-scan");
	arc_scan_options_default(&o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":rj:h", options, NULL)) != -1) {
		switch (c) {
		case 'r':
			o.recurse = 1;
			break;
		case 'j':
			if (arc_cli_parse_count("--jobs", optarg, 64, &jobs) !=
			    ARC_OK)
				return ARC_EXIT_FATAL;
			o.jobs = (int)jobs;
			break;
		case OPT_SETTLE:
			if (arc_parse_seconds(optarg, &o.settle) != ARC_OK) {
				arc_cli_usage_error("--settle: '%s' is not a "
				    "number of seconds", optarg);
				return ARC_EXIT_FATAL;
			}
			break;
		case OPT_MAX_UNPACKED:
			if (arc_parse_size(optarg, &o.max_unpacked) != ARC_OK) {
				arc_cli_usage_error("--max-unpacked: '%s' is "
				    "not a size", optarg);
				return ARC_EXIT_FATAL;
			}
			break;
		case OPT_MAX_RATIO:
			o.max_ratio = strtod(optarg, &end);
			if (end == optarg || *end != '\0' ||
			    !(o.max_ratio >= 1 && o.max_ratio <= 1e9)) {
				arc_cli_usage_error("--max-ratio: '%s' is not "
				    "a number of at least 1", optarg);
				return ARC_EXIT_FATAL;
			}
			break;
		case OPT_NEW:
			new_only = 1;
			break;
		case OPT_RETRIES:
			if (arc_cli_parse_count("--retries", optarg, 1000,
			    &retries) != ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case OPT_DB:
			db_opt = optarg;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	if (db_opt != NULL && !new_only) {
		arc_cli_usage_error("--db goes with --new");
		return ARC_EXIT_FATAL;
	}
	if (optind == argc && isatty(STDIN_FILENO)) {
		arc_cli_usage_error("no file or folder given");
		return ARC_EXIT_FATAL;
	}
	if (new_only && open_archive(db_opt) != ARC_OK)
		return ARC_EXIT_FATAL;
	if ((scan = arc_scan_new(&o, on_event, NULL, &err)) == NULL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		arc_store_close(archive);
		return ARC_EXIT_FATAL;
	}
	if (optind == argc)
		st = scan_stdin(scan);
	for (int i = optind; i < argc && st == ARC_OK; i++)
		st = strcmp(argv[i], "-") == 0 ? scan_stdin(scan) :
		    arc_scan_path(scan, argv[i]);
	if (arc_scan_finish(scan) != ARC_OK)
		st = ARC_FATAL;
	arc_scan_free(scan);
	arc_store_close(archive);
	c = arc_cli_finish();
	return st == ARC_OK ? c : ARC_EXIT_FATAL;
}
