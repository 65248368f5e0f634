/* arc_cli.h: the programs' shared front end: diagnostics, options, exit statuses, progress. */
#ifndef ARC_CLI_H
#define ARC_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "arc_core.h"

/* Exit statuses of every program (EXIT STATUS in each one's manual). */
enum {
	ARC_EXIT_OK = 0,
	ARC_EXIT_REJECTED = 1,  /* some input rejected, the rest processed */
	ARC_EXIT_FATAL = 2,     /* usage error, bad rule file, I/O failure */
};

/* ---- The programs' front end (cli.c) ------------------------------------ */

/*
 * Every program calls arc_cli_init first.  Diagnostics then go to stderr as
 * "prog: file:line: message" with control characters and invalid UTF-8
 * replaced and NIK numbers masked, so that one message is one safe line.
 * arc_cli_fail marks the run as "some input rejected" (exit 1).
 */
void arc_cli_init(const char *progname);
const char *arc_cli_progname(void);
void arc_cli_diag(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void arc_cli_fail(void);
int arc_cli_status(void);

/* What was found wrong in staff files (rules, answers, word lists). */
struct arc_cli_problems {
	int errors, warnings;
};
/* An arc_diag_fn: says the problem as a diagnostic, a warning's message
 * after "warning: ", and counts it in ctx (struct arc_cli_problems, or
 * NULL). */
void arc_cli_problem(void *ctx, const char *file, long line,
    enum arc_severity severity, const char *message);

/*
 * The value of name in the office's arc.conf(5) into buf, "" when not set;
 * the file's problems said with arc_cli_problem.  ARC_OK, or ARC_ERR (the
 * file has an error) or ARC_FATAL (out of memory), buf "".
 */
int arc_cli_conf(const char *name, char *buf, size_t size);

/*
 * On a terminal with nothing piped in and no file named (nfiles 0), says
 * that what (records, ...) is read from the terminal, then advice (where
 * it usually comes from) and a pointer to --help: one line, so that a
 * program waiting for input does not look hung.
 */
void arc_cli_terminal_hint(int nfiles, const char *what, const char *advice);

/* Prints "prog: message" and a pointer to --help; for usage errors (exit 2). */
void arc_cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void arc_cli_version(void);

/* The options every program has, for its struct option array, and their
 * handling: a getopt_long loop (optstring starting with ':' and holding
 * 'h') passes every value it does not know here, and returns what this
 * returns: the exit status after --help or --version, or 2 after an
 * unknown option or a missing value. */
#define ARC_CLI_OPT_VERSION 0x1000
#define ARC_CLI_COMMON_OPTIONS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, ARC_CLI_OPT_VERSION }
int arc_cli_common_option(int c, const char *usage, char **argv);

/*
 * Sends what libraries print on their own (libpng, libtiff, libjpeg
 * warnings without a file name) to /dev/null; arc's diagnostics keep the
 * real stderr.  For programs that decode untrusted images.
 */
void arc_cli_mute_libraries(void);
/* Where diagnostics go: stderr, or its copy once libraries are muted. */
FILE *arc_cli_stream(void);

/*
 * Flushes and closes stdout.  Returns the exit status to use: the run's
 * status, or ARC_EXIT_FATAL if any write to stdout failed (disk full, EIO).
 */
int arc_cli_finish(void);
/* Flushes stdout now (a record out whole as soon as it is made); a
 * failure is ARC_FATAL here and said by arc_cli_finish. */
int arc_cli_flush(void);

/* Parses a non-negative number with an optional K, M, G or T suffix
 * (powers of 1024). Returns ARC_ERR on anything else. */
int arc_parse_size(const char *s, uint64_t *out);
int arc_parse_seconds(const char *s, long *out);

/* Parses an option's whole number from 1 to max; on anything else prints
 * a usage error naming opt and returns ARC_ERR. */
int arc_cli_parse_count(const char *opt, const char *arg, long max,
    long *out);

/* Parses a --since or --until date, YYYY, YYYY-MM or YYYY-MM-DD, into
 * *out; on anything else prints a usage error naming opt (ARC_ERR). */
int arc_cli_parse_date(const char *opt, const char *arg, const char **out);

/* ---- Progress (progress.c) ----------------------------------------------- */

/*
 * Progress on a terminal (stderr a tty; nothing otherwise), one line kept
 * up to date: documents done (of the total, when the records come from one
 * regular file), pages, pages a second, time left.  Clear it before
 * printing a diagnostic.
 */
struct arc_progress {
	FILE *out;
	int on, visible;
	long total, done, pages;
	double start, shown;
};
void arc_progress_start(struct arc_progress *p, char *const *files,
    int nfiles);
void arc_progress_step(struct arc_progress *p, long pages);
void arc_progress_clear(struct arc_progress *p);
void arc_progress_end(struct arc_progress *p);

#endif
