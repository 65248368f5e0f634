/* arc-index: stores records, and a verified copy of each original, in the archive. */
#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_archive.h"
#include "arc_i18n.h"

static const char usage[] = N_(
"usage: arc-index [--db PATH] [file ...]\n"
"       arc-index [--db PATH] --check | --optimize\n"
"       arc-index [--db PATH] --forget SHA256...\n"
"Stores records in the archive with a verified copy of each original, so\n"
"that arc-find finds them; a record with \"error\" is kept as failed, to be\n"
"offered again by arc-scan --new.\n"
"\n"
"      --db PATH    the archive (default: $ARC_DB, else arc.conf's\n"
"                   archive, else ~/.local/share/arc/archive.db)\n"
"      --print-db   print the archive it would use, and exit\n"
"      --print-kept after the run, print how many documents it kept\n"
"      --check      verify the database and the sha256 of every copy\n"
"      --optimize   merge the index for faster searches\n"
"      --forget     erase these documents completely: copy, searchable\n"
"                   PDF, rows and words (a citizen's request); they are\n"
"                   not archived again\n"
"  -j, --jobs N     records copied and prepared at once (default: number\n"
"                   of cores; one thread writes the archive)\n"
"  -q, --quiet      no summary on stderr\n"
"  -h, --help       show this help\n"
"      --version    show the version\n");

enum { OPT_DB = 256, OPT_CHECK, OPT_OPTIMIZE, OPT_FORGET, OPT_PRINT_DB,
    OPT_PRINT_KEPT };

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "optimize", no_argument, NULL, OPT_OPTIMIZE },
	{ "forget", no_argument, NULL, OPT_FORGET },
	{ "print-db", no_argument, NULL, OPT_PRINT_DB },
	{ "print-kept", no_argument, NULL, OPT_PRINT_KEPT },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

static void
check_problem(void *ctx, const char *sha256, const char *problem)
{
	const char *db = ctx;

	if (sha256 != NULL)
		arc_cli_diag(db, 0, "%s: %s", sha256, problem);
	else
		arc_cli_diag(db, 0, "%s", problem);
}

static int
check(struct arc_store *s, const char *db)
{
	struct arc_check_stats stats;
	struct arc_error err;

	if (arc_store_check(s, check_problem, (void *)db, &stats, &err) !=
	    ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	if (stats.temporaries > 0)
		arc_cli_diag(db, 0, P_("removed %ld temporary file left by "
		    "interrupted runs", "removed %ld temporary files left by "
		    "interrupted runs", (unsigned long)stats.temporaries),
		    stats.temporaries);
	if (stats.strays > 0 && stats.readonly)
		arc_cli_diag(db, 0, P_("found %ld copy that no document "
		    "points to (left by interrupted runs, or under an older "
		    "type's name)", "found %ld copies that no document points "
		    "to (left by interrupted runs, or under an older type's "
		    "name)", (unsigned long)stats.strays), stats.strays);
	else if (stats.strays > 0)
		arc_cli_diag(db, 0, P_("removed %ld copy that no document "
		    "points to (left by interrupted runs, or under an older "
		    "type's name)", "removed %ld copies that no document "
		    "points to (left by interrupted runs, or under an older "
		    "type's name)", (unsigned long)stats.strays), stats.strays);
	if (stats.index_missing > 0 || stats.index_differing > 0 ||
	    stats.index_extra > 0)
		arc_cli_diag(db, 0, _("the search index did not match the "
		    "archive (archived documents missing %ld, held with other "
		    "words %ld, others held %ld): made again from the "
		    "archive"), stats.index_missing, stats.index_differing,
		    stats.index_extra);
	/* Four counts, each after its name: no plural to get wrong. */
	arc_cli_diag(db, 0, "documents %ld, copies verified %ld, failed "
	    "documents %ld, problems %ld", stats.documents, stats.copies,
	    stats.failed, stats.problems);
	return stats.problems > 0 ? ARC_EXIT_REJECTED : ARC_EXIT_OK;
}

/* --forget's operands: sha256s as arc-find prints them. */
static int
all_sha256(char **shas, int n)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(shas[i]);
		for (char *c = shas[i]; *c != '\0'; c++)
			if (*c >= 'A' && *c <= 'F')
				*c = (char)(*c + 32);
		if (len != 64 || strspn(shas[i], "0123456789abcdef") != 64) {
			arc_cli_usage_error("--forget takes the documents' "
			    "sha256 (64 hex digits, as arc-find shows them)");
			return 0;
		}
	}
	return 1;
}

/* What --forget erased: the copies (none, one or n), the searchable PDF
 * or not, and rows and words, or the end of an earlier erasure. */
static void
say_erased(const char *db, const char *sha, const struct arc_forget_result *r)
{
	unsigned long n = (unsigned long)r->copies;

	if (r->strays)
		arc_cli_diag(db, 0, P_("%s: erased: %d copy that no document "
		    "of the archive pointed to", "%s: erased: %d copies that "
		    "no document of the archive pointed to", n), sha,
		    r->copies);
	else if (r->resumed && r->copies > 0 && r->pdf)
		arc_cli_diag(db, 0, P_("%s: erased: %d copy, searchable PDF, "
		    "the erasure an earlier --forget began is finished",
		    "%s: erased: %d copies, searchable PDF, the erasure an "
		    "earlier --forget began is finished", n), sha, r->copies);
	else if (r->resumed && r->copies > 0)
		arc_cli_diag(db, 0, P_("%s: erased: %d copy, the erasure an "
		    "earlier --forget began is finished", "%s: erased: %d "
		    "copies, the erasure an earlier --forget began is "
		    "finished", n), sha, r->copies);
	else if (r->resumed && r->pdf)
		arc_cli_diag(db, 0, "%s: erased: searchable PDF, the erasure "
		    "an earlier --forget began is finished", sha);
	else if (r->resumed)
		arc_cli_diag(db, 0, "%s: erased: the erasure an earlier "
		    "--forget began is finished", sha);
	else if (r->copies > 0 && r->pdf)
		arc_cli_diag(db, 0, P_("%s: erased: %d copy, searchable PDF, "
		    "rows and words", "%s: erased: %d copies, searchable PDF, "
		    "rows and words", n), sha, r->copies);
	else if (r->copies > 0)
		arc_cli_diag(db, 0, P_("%s: erased: %d copy, rows and words",
		    "%s: erased: %d copies, rows and words", n), sha,
		    r->copies);
	else if (r->pdf)
		arc_cli_diag(db, 0, "%s: erased: searchable PDF, rows and "
		    "words", sha);
	else
		arc_cli_diag(db, 0, "%s: erased: rows and words", sha);
}

static int
forget(struct arc_store *s, const char *db, char **shas, int n)
{
	struct arc_forget_result r;
	struct arc_error err;

	for (int i = 0; i < n; i++) {
		int st = arc_forget(s, shas[i], &r, &err);
		if (st == ARC_FATAL) {
			arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
			arc_forget_result_free(&r);
			return ARC_EXIT_FATAL;
		}
		if (st == ARC_ERR) {
			arc_cli_diag(db, 0, "%s", arc_error_text(&err));
			arc_cli_fail();
		} else
			say_erased(db, shas[i], &r);
		if (r.original_left && r.member != NULL)
			arc_cli_diag(r.original, 0, "the original is still in "
			    "this archive file, as %s: arc never changes "
			    "originals; take that member out of it yourself "
			    "(the file's other documents stay archived)",
			    r.member);
		else if (r.original_left)
			arc_cli_diag(r.original, 0, "the original is still "
			    "here: arc never changes originals; delete it "
			    "yourself");
		arc_forget_result_free(&r);
	}
	return ARC_EXIT_OK;
}

/* Erasures on request that an arc-index --forget began and could not
 * finish (a full disk, a kill): finished by the next run, not left to a
 * clerk to notice. */
static int
finish_erasures(struct arc_store *s, const char *db)
{
	struct arc_error err;
	int n = arc_forget_pending(s, &err);

	if (n == ARC_FATAL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_FATAL;
	}
	if (n > 0)
		arc_cli_diag(db, 0, P_("finished %d erasure on request that "
		    "an earlier arc-index --forget began", "finished %d "
		    "erasures on request that an earlier arc-index --forget "
		    "began", (unsigned long)n), n);
	return ARC_OK;
}

/* A document kept as failed: its original could not be copied. */
static void
problem(void *ctx, const char *name, const char *message)
{
	(void)ctx;
	arc_cli_diag(name, 0, "%s", message);
	arc_cli_fail();
}

/* A record of a document that could not be read, kept as failed and said
 * in its place among the documents' reports, by the document's name. */
static int
keep_failed(struct arc_indexer *ix, json_t *rec, const char *file, long line,
    struct arc_error *err)
{
	char name[1024], local[sizeof(err->local)];
	int st;

	/* The record keeps the English; the note is said to the user. */
	snprintf(local, sizeof(local), "%s", arc_error_text(err));
	arc_record_name(rec, file, line, name, sizeof(name));
	if (arc_record_set_error(rec, "index", err->message) != ARC_OK) {
		arc_error_set(err, "out of memory");
		return ARC_FATAL;
	}
	st = arc_index_note(ix, name, local, err);
	return st == ARC_OK ? arc_index_record(ix, rec, name, err) : st;
}

/* The signal that asked to stop (SIGINT, SIGTERM, SIGHUP), or 0. */
static volatile sig_atomic_t stop_signal;

/* The first signal stops the reading: what was read is still written.  A
 * second one ends the run at once; SQLite then rolls the batch being
 * written back, and what was committed stays. */
static void
on_signal(int sig)
{
	if (stop_signal != 0)
		_exit(128 + stop_signal);
	stop_signal = sig;
}

/* The signals that stop a run: caught by the calling thread alone, so that
 * they interrupt its wait for input, not a worker's. */
static void
catch_signals(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP };
	struct sigaction sa;
	sigset_t set;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&set);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		struct sigaction was;

		/* A signal ignored by whoever started the run (nohup) stays
		 * ignored. */
		if (sigaction(sigs[i], NULL, &was) == 0 &&
		    was.sa_handler == SIG_IGN)
			continue;
		sigaction(sigs[i], &sa, NULL);
		sigaddset(&set, sigs[i]);
	}
	pthread_sigmask(SIG_BLOCK, &set, NULL);
}

static void
unblock_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

static const char *
signal_name(int sig)
{
	return sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" :
	    "SIGHUP";
}

/* Waits for the next input, and meanwhile has the indexer write the
 * records that have waited long enough.  0: stopped by a signal. */
static int
await_input(struct arc_reader *r, struct arc_indexer *ix,
    struct arc_error *err, int *st)
{
	*st = ARC_OK;
	while (stop_signal == 0 && !arc_reader_wait(r, 1000))
		if ((*st = arc_indexer_tick(ix, err)) != ARC_OK)
			return 1;
	return stop_signal == 0;
}

/* ARC_COMMIT_SECONDS: the time bound on a batch, for tests and tuning. */
static void
commit_seconds(struct arc_indexer *ix)
{
	const char *v = getenv("ARC_COMMIT_SECONDS");
	char *end;
	double secs;

	if (v == NULL || *v == '\0')
		return;
	secs = strtod(v, &end);
	if (*end != '\0' || secs < 0 || secs > 86400)
		arc_cli_diag(NULL, 0, "ARC_COMMIT_SECONDS: not a number of "
		    "seconds from 0 to 86400: '%s'; 30 it is", v);
	else
		arc_indexer_set_commit_seconds(ix, secs);
}

static int
index_all(struct arc_store *s, const char *db, char **files, int nfiles,
    long jobs, int quiet, int print_kept)
{
	struct arc_reader *r = arc_reader_new(files, nfiles, 0);
	struct arc_indexer *ix;
	struct arc_index_stats stats;
	struct arc_error err;
	json_t *rec;
	int rc = ARC_OK, interrupted = 0;
	long kept;

	catch_signals();
	ix = arc_indexer_new(s, (int)jobs, problem, NULL);
	unblock_signals();
	if (ix != NULL)
		commit_seconds(ix);
	if (r == NULL || ix == NULL) {
		arc_cli_diag(NULL, 0, "out of memory, or no threads");
		arc_reader_free(r);
		arc_indexer_free(ix);
		return ARC_EXIT_FATAL;
	}
	/* TRANSLATORS: said after "this is a scan or document, not
	 * records;"; %s is the file's name. */
	arc_reader_set_hint(r, N_("archive it with arc-scan %s | arc-ocr | "
	    "arc-tag | arc-index (arc-batch archives whole folders)"));
	/* TRANSLATORS: the two parts of "reading %s from the terminal
	 * (Ctrl-D ends); %s, or see %s --help". */
	arc_cli_terminal_hint(nfiles, _("records"),
	    _("pipe arc-tag's output in"));
	for (;;) {
		char name[1024], *line;
		size_t len;
		int st;

		if (!await_input(r, ix, &err, &st) || st != ARC_OK) {
			interrupted = st == ARC_OK ? stop_signal : 0;
			if (st != ARC_OK) {
				arc_cli_diag(NULL, 0, "%s",
				    arc_error_text(&err));
				rc = ARC_FATAL;
			}
			break;
		}
		st = arc_reader_next_raw(r, &rec, &line, &len, &err);
		if (st == ARC_EOF)
			break;
		if (st == ARC_FATAL) {
			arc_cli_diag(arc_reader_file(r), arc_reader_line(r),
			    "%s", arc_error_text(&err));
			rc = ARC_FATAL;
			break;
		}
		if (st == ARC_OK && line != NULL) {
			/* Parsed on a worker: this thread also writes. */
			st = arc_index_line(ix, line, len, arc_reader_file(r),
			    arc_reader_line(r), &err);
		} else if (st == ARC_OK) {
			arc_record_name(rec, arc_reader_file(r),
			    arc_reader_line(r), name, sizeof(name));
			st = arc_index_record(ix, rec, name, &err);
			json_decref(rec);
		} else if (rec != NULL) {
			/* A line too long to read that names its document:
			 * kept as failed, so that arc-report lists it and
			 * arc-scan --retries stops offering it. */
			st = keep_failed(ix, rec, arc_reader_file(r),
			    arc_reader_line(r), &err);
			json_decref(rec);
		} else {
			/* Said in its place among the documents' reports;
			 * a whole file refused is at line 0. */
			if (arc_reader_line(r) > 0)
				arc_mask_format(name, sizeof(name), "%s:%ld",
				    arc_reader_file(r), arc_reader_line(r));
			else
				arc_mask_copy(name, sizeof(name),
				    arc_reader_file(r));
			st = arc_index_note(ix, name, arc_error_text(&err),
			    &err);
		}
		if (st == ARC_FATAL) {
			arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
			rc = ARC_FATAL;
			break;
		}
	}
	if (arc_indexer_finish(ix, &stats, &err) != ARC_OK && rc == ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		rc = ARC_FATAL;
	}
	arc_indexer_free(ix);
	arc_reader_free(r);
	kept = stats.added + stats.updated + stats.unchanged + stats.failed;
	/* For arc-batch, which says what an interrupted run kept. */
	if (print_kept)
		printf("%ld\n", rc == ARC_OK ? kept : 0);
	if (rc == ARC_OK && interrupted != 0) {
		/* TRANSLATORS: %s is SIGINT, SIGTERM or SIGHUP. */
		arc_cli_diag(db, 0, P_("interrupted by %s: %ld document kept "
		    "(%ld added, %ld updated, %ld unchanged, %ld failed), the "
		    "rest not read", "interrupted by %s: %ld documents kept "
		    "(%ld added, %ld updated, %ld unchanged, %ld failed), the "
		    "rest not read", (unsigned long)kept),
		    signal_name(interrupted), kept, stats.added,
		    stats.updated, stats.unchanged, stats.failed);
		return 128 + interrupted;
	}
	if (rc == ARC_OK)
		rc = finish_erasures(s, db);
	/* Conversations only when there were some: a documents-only run
	 * reads as it always has. */
	if (rc == ARC_OK && !quiet && stats.chats > 0)
		arc_cli_diag(db, 0, P_("%ld added, %ld updated, %ld unchanged, "
		    "%ld failed; %ld chatbot interaction", "%ld added, %ld "
		    "updated, %ld unchanged, %ld failed; %ld chatbot "
		    "interactions", (unsigned long)stats.chats), stats.added,
		    stats.updated, stats.unchanged, stats.failed, stats.chats);
	else if (rc == ARC_OK && !quiet)
		arc_cli_diag(db, 0, "%ld added, %ld updated, %ld unchanged, "
		    "%ld failed", stats.added, stats.updated, stats.unchanged,
		    stats.failed);
	return rc == ARC_OK ? ARC_EXIT_OK : ARC_EXIT_FATAL;
}

int
main(int argc, char **argv)
{
	const char *db_opt = NULL;
	char db[4096];
	struct arc_store *s;
	struct arc_error err, ro_err;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);
	int c, st, mode = 0, quiet = 0, print_db = 0, print_kept = 0;

	arc_cli_init("arc-index");
	/* Every record allocates and frees buffers of up to a few hundred
	 * KB: kept in the heap rather than mapped and unmapped each time,
	 * which cost more than the indexing (TLB flushes), and the worker
	 * threads' heaps grown in large steps (without the pad they grew and
	 * shrank with an mprotect call or two a record). */
	mallopt(M_MMAP_THRESHOLD, 64 << 20);
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_TOP_PAD, 64 << 20);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":j:qh", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			db_opt = optarg;
			break;
		case OPT_CHECK:
		case OPT_OPTIMIZE:
		case OPT_FORGET:
			if (mode != 0 && mode != c) {
				arc_cli_usage_error("--check, --optimize and "
				    "--forget go one at a time");
				return ARC_EXIT_FATAL;
			}
			mode = c;
			break;
		case 'j':
			if (arc_cli_parse_count("--jobs", optarg, 64, &jobs) !=
			    ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case 'q':
			quiet = 1;
			break;
		case OPT_PRINT_DB:
			print_db = 1;
			break;
		case OPT_PRINT_KEPT:
			print_kept = 1;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	if (print_db && (mode != 0 || optind < argc)) {
		arc_cli_usage_error("--print-db reads no records and does "
		    "nothing else");
		return ARC_EXIT_FATAL;
	}
	if ((mode == OPT_CHECK || mode == OPT_OPTIMIZE) && optind < argc) {
		arc_cli_usage_error("--check and --optimize read no records");
		return ARC_EXIT_FATAL;
	}
	if (mode == OPT_FORGET && (optind == argc ||
	    !all_sha256(argv + optind, argc - optind)))
		return ARC_EXIT_FATAL;
	if (arc_db_path(db_opt, db, sizeof(db), &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	/* For scripts (arc-batch) that need the path every program uses. */
	if (print_db) {
		printf("%s\n", db);
		return arc_cli_finish();
	}
	/* --check opens for writing only to run FTS5's own check; it does
	 * not make an archive that is not there, nor does --forget. */
	if ((mode == OPT_CHECK || mode == OPT_FORGET) &&
	    !arc_store_may_exist(db)) {
		arc_cli_diag(db, 0, "no archive here");
		return ARC_EXIT_FATAL;
	}
	s = arc_store_open(db, 1, &err);
	/* An archive that cannot be written (a read-only filesystem, after
	 * ext4 remounted it so on errors, or a backup) is still checked, as
	 * any reader reads it; FTS5's own check needs writing. */
	if (s == NULL && mode == OPT_CHECK &&
	    (s = arc_store_open(db, 0, &ro_err)) != NULL)
		arc_cli_diag(NULL, 0, "%s; checked read-only, without FTS5's "
		    "own check", arc_error_text(&err));
	if (s == NULL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	if (mode == OPT_CHECK)
		st = check(s, db);
	else if (mode == OPT_FORGET)
		st = forget(s, db, argv + optind, argc - optind);
	else if (mode == OPT_OPTIMIZE) {
		st = arc_store_optimize(s, &err) == ARC_OK ? ARC_EXIT_OK :
		    ARC_EXIT_FATAL;
		if (st != ARC_EXIT_OK)
			arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
	} else
		st = index_all(s, db, argv + optind, argc - optind,
		    jobs < 1 ? 1 : jobs, quiet, print_kept);
	arc_store_close(s);
	c = arc_cli_finish();
	return st != ARC_EXIT_OK ? st : c;
}
