/* progress.c: a one-line progress report on a terminal (documents, pages, rate, time left), nothing elsewhere. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_i18n.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Lines of a regular file, read through its own descriptor so that the
 * reader's position is not moved; 0 when it is no regular file. */
static long
count_lines(const char *path)
{
	char buf[1 << 16];
	struct stat st;
	long lines = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return 0;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (ssize_t i = 0; i < n; i++)
			lines += buf[i] == '\n';
	close(fd);
	return lines;
}

void
arc_progress_start(struct arc_progress *p, char *const *files, int nfiles)
{
	memset(p, 0, sizeof(*p));
	p->out = arc_cli_stream();
	p->on = isatty(fileno(p->out));
	if (!p->on)
		return;
	p->start = p->shown = now();
	/* A total is known when the records come from one regular file,
	 * as in arc-batch, which scans into one first. */
	if (nfiles == 0)
		p->total = count_lines("/dev/stdin");
	else if (nfiles == 1)
		p->total = count_lines(files[0]);
}

void
arc_progress_clear(struct arc_progress *p)
{
	if (p->on && p->visible) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
		p->visible = 0;
	}
}

void
arc_progress_step(struct arc_progress *p, long pages)
{
	double t, elapsed, rate, rest = -1;
	char docs[64], pgs[64];

	p->done++;
	p->pages += pages;
	if (!p->on || ((t = now()) - p->shown < 0.5 && p->done != p->total))
		return;
	p->shown = t;
	elapsed = t - p->start;
	rate = elapsed > 0 ? p->pages / elapsed : 0;
	if (p->total > p->done && p->done > 0)
		rest = elapsed / p->done * (double)(p->total - p->done);
	/* The line is a list of measures, each a number with its noun. */
	if (p->total > 0)
		snprintf(docs, sizeof(docs), P_("%ld/%ld document",
		    "%ld/%ld documents", (unsigned long)p->total), p->done,
		    p->total);
	else
		snprintf(docs, sizeof(docs), P_("%ld document",
		    "%ld documents", (unsigned long)p->done), p->done);
	snprintf(pgs, sizeof(pgs), P_("%ld page", "%ld pages",
	    (unsigned long)p->pages), p->pages);
	fputs("\r\033[K", p->out);
	/* TRANSLATORS: a progress line: the program, "3/10 documents",
	 * "12 pages", the rate, and maybe the time left. */
	if (rest < 0)
		fprintf(p->out, _("%s: %s, %s, %.1f pages/s"),
		    arc_cli_progname(), docs, pgs, rate);
	else if (rest < 90)
		fprintf(p->out, _("%s: %s, %s, %.1f pages/s, about %.0f s "
		    "left"), arc_cli_progname(), docs, pgs, rate, rest);
	else
		fprintf(p->out, _("%s: %s, %s, %.1f pages/s, about %.0f min "
		    "left"), arc_cli_progname(), docs, pgs, rate, rest / 60);
	fflush(p->out);
	p->visible = 1;
}

void
arc_progress_end(struct arc_progress *p)
{
	arc_progress_clear(p);
}
