/*
 * learn.c: questions citizens asked, accepted by a clerk in a review file
 * ("ID<TAB>question", faqbot --review), added as phrasings to their
 * entries: each in the entry's own answer file, after its last phrasing,
 * the rest of the file (comments, order, layout) as it was.  A file is
 * written whole or not at all: the new text is written beside it, read
 * back as an answer file, and only then renamed over it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "faq_internal.h"

/* One accepted question: its entry and the line it goes after. */
struct lesson {
	int entry;
	long after;             /* line of the entry's last phrasing */
	char *q;
};

struct review {
	const struct arc_faq *faq;
	struct arc_place at;
	struct lesson *lessons;
	size_t n, cap;
	struct arc_strmap *pending;  /* questions taken, folded -> lesson */
	int skipped;            /* already phrasings, or marked "-" */
};

/* A question with its ASCII letters in lower case, to compare. */
static void
fold(const char *q, char *out, size_t size)
{
	size_t i;

	for (i = 0; q[i] != '\0' && i + 1 < size; i++)
		out[i] = (char)(q[i] >= 'A' && q[i] <= 'Z' ? q[i] + 32 : q[i]);
	out[i] = '\0';
}

/* Whether q holds a NIK, as typed or as faqbot masks it: a citizen's
 * number never goes into an answer file. */
static int
has_nik(const char *q)
{
	char *copy = strdup(q);
	int found;

	if (copy == NULL)
		return 1;
	arc_mask_nik(copy);
	found = strcmp(copy, q) != 0 || strstr(q, "************") != NULL;
	free(copy);
	return found;
}

/* Whether entry e already has q as a phrasing, by its words. */
static int
has_phrasing(const struct arc_faq *faq, int e, const char *q)
{
	const struct faq_entry *en = &faq->entries[e];

	for (int k = 0; k < en->count; k++)
		if (strcasecmp(faq->phrasings[en->first + k].text, q) == 0)
			return 1;
	return 0;
}

static int
review_line(void *arg, char *line)
{
	struct review *r = arg;
	char *tab = strchr(line, '\t'), *q, *end, key[FAQ_LINE_MAX + 1];
	long was;
	int e;

	if (*line == '#' || line[strspn(line, " \t")] == '\0')
		return ARC_OK;
	if (tab == NULL) {
		arc_place_error(&r->at, "not 'ID<TAB>question'");
		return ARC_OK;
	}
	*tab = '\0';
	q = tab + 1;
	if ((end = strchr(q, '\t')) != NULL)
		*end = '\0';  /* the review's note, after the question */
	q += strspn(q, " ");
	for (end = q + strlen(q); end > q && end[-1] == ' '; end--)
		end[-1] = '\0';
	if (strcmp(line, "-") == 0 || *q == '\0') {
		r->skipped++;
		return ARC_OK;
	}
	if ((e = arc_faq_find(r->faq, line)) < 0 || line[0] == '_' ||
	    r->faq->entries[e].count == 0) {
		arc_place_error(&r->at, "no entry \"%s\" with phrasings in the "
		    "answer files", line);
		return ARC_OK;
	}
	if (strlen(q) + 3 > FAQ_LINE_MAX) {
		arc_place_error(&r->at, "the question is longer than an answer "
		    "file's line may be");
		return ARC_OK;
	}
	if (has_nik(q)) {
		arc_place_error(&r->at, "the question holds a NIK: take it out "
		    "or leave the question out");
		return ARC_OK;
	}
	fold(q, key, sizeof(key));
	if (arc_strmap_get(r->pending, key, strlen(key), &was)) {
		if (r->lessons[was].entry != e)
			arc_place_error(&r->at, "the same question under two "
			    "entries, \"%s\" and \"%s\"",
			    r->faq->entries[r->lessons[was].entry].id, line);
		else
			r->skipped++;
		return ARC_OK;
	}
	if (has_phrasing(r->faq, e, q)) {
		r->skipped++;
		return ARC_OK;
	}
	if (arc_grow(&r->lessons, &r->cap, r->n, 1, sizeof(*r->lessons)) !=
	    ARC_OK || (r->lessons[r->n].q = strdup(q)) == NULL ||
	    arc_strmap_put(r->pending, key, strlen(key), (long)r->n) != ARC_OK)
		return ARC_FATAL;
	r->lessons[r->n].entry = e;
	r->lessons[r->n].after = r->faq->phrasings[r->faq->entries[e].first +
	    r->faq->entries[e].count - 1].line;
	r->n++;
	return ARC_OK;
}

/* Writes the lessons of file that go after line `after`, in the file's
 * own line ends (newline: 1 LF, 2 CRLF, 0 the last line had none). */
static void
insert(const struct review *r, const char *file, long after, FILE *out,
    int newline)
{
	const char *end = newline == 2 ? "\r\n" : "\n";

	if (newline == 0)
		fputs("\n", out);
	for (size_t i = 0; i < r->n; i++) {
		const struct lesson *l = &r->lessons[i];
		if (l->after == after && strcmp(r->faq->entries[
		    l->entry].file, file) == 0)
			fprintf(out, "q: %s%s", l->q, end);
	}
}

/* Writes file with the lessons for it inserted into tmp (its folder),
 * each "q: ..." after its line; ARC_ERR (said) when it cannot. */
static int
write_with(struct review *r, const char *file, const char *tmp, int fd)
{
	FILE *in = fopen(file, "r"), *out = fdopen(fd, "w");
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, due = 0;
	int st = ARC_OK, newline = 1;

	if (in == NULL || out == NULL) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    arc_strerror(errno));
		if (in != NULL)
			fclose(in);
		if (out != NULL)
			fclose(out);
		else
			close(fd);
		return ARC_ERR;
	}
	/* The new phrasings go after the last phrasing's own line and the
	 * indented lines that continue it (faqbot-faq(5)). */
	while ((n = getline(&line, &cap, in)) > 0) {
		if (due > 0 && line[0] != ' ' && line[0] != '\t') {
			insert(r, file, due, out, newline);
			due = 0;
		}
		lineno++;
		fwrite(line, 1, (size_t)n, out);
		newline = line[n - 1] == '\n';
		if (newline && n > 1 && line[n - 2] == '\r')
			newline = 2;  /* the file's lines end in CRLF */
		for (size_t i = 0; i < r->n; i++)
			if (r->lessons[i].after == lineno && strcmp(
			    r->faq->entries[r->lessons[i].entry].file,
			    file) == 0)
				due = lineno;
	}
	if (due > 0)
		insert(r, file, due, out, newline);
	free(line);
	fclose(in);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		arc_place_error(&r->at, "cannot write %s: %s", tmp,
		    arc_strerror(errno));
		st = ARC_ERR;
	}
	fclose(out);
	return st;
}

/* The file rewritten with its lessons, checked, renamed over it. */
static int
learn_file(struct review *r, const char *file)
{
	char tmp[PATH_MAX + 16], real[PATH_MAX], *slash;
	struct stat st;
	struct arc_faq *check;
	int fd, rc, dir;

	/* A link's target is what changes: written beside it, with its
	 * owner, group and mode; a file the user may not write stays. */
	if (realpath(file, real) == NULL || stat(real, &st) != 0 ||
	    access(real, W_OK) != 0) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    arc_strerror(errno));
		return ARC_ERR;
	}
	if (st.st_nlink > 1) {
		arc_place_error(&r->at, "cannot rewrite %s: it has other "
		    "names (hard links), which would keep the old text", file);
		return ARC_ERR;
	}
	snprintf(tmp, sizeof(tmp), "%s.learn-XXXXXX", real);
	if ((fd = mkstemp(tmp)) < 0) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    arc_strerror(errno));
		return ARC_ERR;
	}
	if ((fchown(fd, st.st_uid, st.st_gid) != 0 && geteuid() == 0) ||
	    fchmod(fd, st.st_mode & 07777) != 0) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    arc_strerror(errno));
		close(fd);
		unlink(tmp);
		return ARC_ERR;
	}
	if (write_with(r, file, tmp, fd) != ARC_OK) {
		unlink(tmp);
		return ARC_ERR;
	}
	/* Read back as an answer file before it takes the old one's place. */
	if ((check = arc_faq_new()) == NULL) {
		unlink(tmp);
		return ARC_FATAL;
	}
	rc = arc_faq_load(check, tmp, r->at.diag, r->at.ctx);
	arc_faq_free(check);
	if (rc != ARC_OK) {
		arc_place_error(&r->at, "%s would not read back as an answer "
		    "file (the lines above name its new text): left as it was",
		    file);
		unlink(tmp);
		return ARC_ERR;
	}
	if (rename(tmp, real) != 0) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    arc_strerror(errno));
		unlink(tmp);
		return ARC_ERR;
	}
	/* The rename itself made lasting. */
	if ((slash = strrchr(real, '/')) != NULL)
		*slash = '\0';
	if ((dir = open(slash != NULL ? real : ".", O_RDONLY)) >= 0) {
		(void)fsync(dir);
		close(dir);
	}
	return ARC_OK;
}

int
arc_faq_learn(const struct arc_faq *faq, const char *review,
    arc_diag_fn diag, void *ctx, int *learned)
{
	struct review r = { faq, { review, 0, diag, ctx, 0 }, NULL, 0, 0,
	    arc_strmap_new(), 0 };
	int st;

	*learned = 0;
	if (r.pending == NULL)
		return ARC_FATAL;
	st = arc_staff_file_read(&r.at, "review file", FAQ_LINE_MAX,
	    review_line, &r);
	/* A review with a mistake changes nothing: fix it, run it again. */
	r.at.line = 0;
	if (st == ARC_OK && r.at.errors == 0) {
		for (size_t i = 0; i < r.n && st != ARC_FATAL; i++) {
			const char *file =
			    faq->entries[r.lessons[i].entry].file;
			int first = 1;
			for (size_t j = 0; j < i; j++)
				if (strcmp(faq->entries[
				    r.lessons[j].entry].file, file) == 0)
					first = 0;
			if (!first)
				continue;
			st = learn_file(&r, file);
			for (size_t j = i; st == ARC_OK && j < r.n; j++)
				*learned += strcmp(faq->entries[
				    r.lessons[j].entry].file, file) == 0;
		}
	}
	for (size_t i = 0; i < r.n; i++)
		free(r.lessons[i].q);
	free(r.lessons);
	arc_strmap_free(r.pending);
	if (st == ARC_FATAL)
		return ARC_FATAL;
	return r.at.errors > 0 || st != ARC_OK ? ARC_ERR : ARC_OK;
}
