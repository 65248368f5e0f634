/* cli.c: what every arc program shares at its edges: diagnostics, exit status, stdout. */
#include <errno.h>
#include <getopt.h>
#include <fcntl.h>
#include <unistd.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "arc_cli.h"
#include "arc_i18n.h"

#ifdef ARC_SANITIZE
#include <sanitizer/common_interface_defs.h>
#endif

static const char *progname = "arc";
static int run_status = ARC_EXIT_OK;
static FILE *diag_out;  /* where diagnostics go: stderr, or its copy */

void
arc_cli_init(const char *name)
{
	progname = name;
	/* Names and text are UTF-8 whatever locale cron gives us.  Only the
	 * character type is taken from the locale: numbers, dates and
	 * machine output stay as in C, and messages go through
	 * arc_i18n_init's own locale. */
	if (setlocale(LC_CTYPE, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	arc_i18n_init();
	/* Records go out in large blocks; diagnostics stay unbuffered. */
	static char outbuf[1 << 16];
	setvbuf(stdout, outbuf, _IOFBF, sizeof(outbuf));
}

const char *
arc_cli_progname(void)
{
	return progname;
}

void
arc_cli_fail(void)
{
	if (run_status < ARC_EXIT_REJECTED)
		run_status = ARC_EXIT_REJECTED;
}

int
arc_cli_status(void)
{
	return run_status;
}

/* Prints one line on stderr, made safe by arc_safe_line. */
static void
emit_line(const char *text)
{
	char *safe = arc_safe_line(text);

	fprintf(diag_out ? diag_out : stderr, "%s\n", safe ? safe : text);
	free(safe);
}

void
arc_cli_diag(const char *file, long line, const char *fmt, ...)
{
	char msg[1024], full[2048];
	va_list ap;

	/* Masked before each cut: a NIK cut in two would escape the mask. */
	va_start(ap, fmt);
	arc_mask_vformat(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	if (file != NULL && line > 0)
		arc_mask_format(full, sizeof(full), "%s: %s:%ld: %s", progname,
		    file, line, msg);
	else if (file != NULL)
		arc_mask_format(full, sizeof(full), "%s: %s: %s", progname,
		    file, msg);
	else
		arc_mask_format(full, sizeof(full), "%s: %s", progname, msg);
	emit_line(full);
}

void
arc_cli_problem(void *ctx, const char *file, long line,
    enum arc_severity severity, const char *message)
{
	struct arc_cli_problems *count = ctx;
	int warning = severity == ARC_SEVERITY_WARNING;

	if (count != NULL && warning)
		count->warnings++;
	else if (count != NULL)
		count->errors++;
	arc_cli_diag(file, line, "%s%s", warning ? _("warning: ") : "",
	    message);
}

int
arc_cli_conf(const char *name, char *buf, size_t size)
{
	struct arc_cli_problems problems = { 0, 0 };
	struct arc_conf *c;
	const char *value;
	int rc;

	buf[0] = '\0';
	rc = arc_conf_read(arc_conf_path(), &c, arc_cli_problem, &problems);
	if (rc == ARC_OK && (value = arc_conf_value(c, name)) != NULL)
		snprintf(buf, size, "%s", value);
	arc_conf_free(c);
	return rc;
}

void
arc_cli_usage_error(const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	arc_mask_vformat(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	arc_cli_diag(NULL, 0, "%s", msg);
	fprintf(diag_out ? diag_out : stderr,
	    _("Try '%s --help' for more information.\n"), progname);
}

void
arc_cli_terminal_hint(int nfiles, const char *what, const char *advice)
{
	if (nfiles == 0 && isatty(STDIN_FILENO))
		arc_cli_diag(NULL, 0, "reading %s from the terminal (Ctrl-D "
		    "ends); %s, or see %s --help", what, advice, progname);
}

void
arc_cli_version(void)
{
	printf("%s (arc) %s\n", progname, ARC_VERSION);
}

FILE *
arc_cli_stream(void)
{
	return diag_out != NULL ? diag_out : stderr;
}

void
arc_cli_mute_libraries(void)
{
	int copy = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	FILE *f;

	if (copy < 0 || null < 0 || (f = fdopen(copy, "w")) == NULL) {
		if (copy >= 0)
			close(copy);
		if (null >= 0)
			close(null);
		return;
	}
	fcntl(copy, F_SETFD, FD_CLOEXEC);
	setvbuf(f, NULL, _IOLBF, 0);
	diag_out = f;
	dup2(null, STDERR_FILENO);
	close(null);
#ifdef ARC_SANITIZE
	/* The sanitizers' reports must still be seen. */
	__sanitizer_set_report_fd((void *)(intptr_t)copy);
#endif
}

/* Why the first flush of stdout failed, for arc_cli_finish to say. */
static int flush_errno;

int
arc_cli_flush(void)
{
	if (fflush(stdout) == 0)
		return ARC_OK;
	if (flush_errno == 0)
		flush_errno = errno;
	return ARC_FATAL;
}

int
arc_cli_finish(void)
{
	int failed = ferror(stdout);

	errno = 0;
	if (fflush(stdout) != 0)
		failed = 1;
	if (fclose(stdout) != 0)
		failed = 1;
	if (errno == 0)
		errno = flush_errno;
	if (failed) {
		arc_cli_diag(NULL, 0, "error writing standard output: %s",
		    errno ? arc_strerror(errno) : "write failed");
		return ARC_EXIT_FATAL;
	}
	return run_status;
}

int
arc_cli_common_option(int c, const char *usage, char **argv)
{
	switch (c) {
	case 'h':
		fputs(usage, stdout);
		return arc_cli_finish();
	case ARC_CLI_OPT_VERSION:
		arc_cli_version();
		return arc_cli_finish();
	case ':':
		arc_cli_usage_error("option '%s' needs a value",
		    argv[optind - 1]);
		return ARC_EXIT_FATAL;
	default:
		if (optopt != 0)
			arc_cli_usage_error("unknown option '-%c'", optopt);
		else
			arc_cli_usage_error("unknown option '%s'",
			    argv[optind - 1]);
		return ARC_EXIT_FATAL;
	}
}

int
arc_parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;
	unsigned shift = 0;

	if (s == NULL || *s < '0' || *s > '9')
		return ARC_ERR;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return ARC_ERR;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	case 't': case 'T': shift = 40; end++; break;
	default: return ARC_ERR;
	}
	if (*end != '\0' || (shift && v > (UINT64_MAX >> shift)))
		return ARC_ERR;
	*out = (uint64_t)v << shift;
	return ARC_OK;
}

int
arc_parse_seconds(const char *s, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s < '0' || *s > '9')
		return ARC_ERR;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return ARC_ERR;
	*out = v;
	return ARC_OK;
}

int
arc_cli_parse_count(const char *opt, const char *arg, long max, long *out)
{
	if (arc_parse_seconds(arg, out) != ARC_OK || *out < 1 || *out > max) {
		arc_cli_usage_error("%s: '%s' is not a number from 1 to %ld",
		    opt, arg, max);
		return ARC_ERR;
	}
	return ARC_OK;
}

int
arc_cli_parse_date(const char *opt, const char *arg, const char **out)
{
	/* The dates read, kept while the program runs: one for each place
	 * they go (--since's, --until's: a program has two of the eight),
	 * a later date for the same place taking the earlier one's. */
	static struct {
		const char **out;
		char iso[ARC_DATE_ISO_MAX];
	} kept[8];
	struct arc_error err;
	char iso[ARC_DATE_ISO_MAX];
	size_t i = 0;

	if (arc_date_read(arg, iso, NULL, &err) != ARC_OK) {
		arc_cli_usage_error("%s: %s", opt, arc_error_text(&err));
		return ARC_ERR;
	}
	while (i < sizeof(kept) / sizeof(*kept) - 1 && kept[i].out != NULL &&
	    kept[i].out != out)
		i++;
	kept[i].out = out;
	memcpy(kept[i].iso, iso, sizeof(iso));
	*out = kept[i].iso;
	return ARC_OK;
}
