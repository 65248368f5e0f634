/*
 * learn.c: questions citizens asked, accepted by a clerk in a review file
 * ("ID<TAB>question", faqbot --review), added as phrasings to their
 * entries: each in the entry's own answer file, after its last phrasing,
 * the rest of the file (comments, order, layout) as it was.  A file is
 * written whole or not at all: the new text is written beside it, read
 * back as an answer file, and only then renamed over it.
 */
#include <errno.h>
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
	int skipped;            /* already phrasings, or marked "-" */
};

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
	char *tab = strchr(line, '\t'), *q, *end;
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
	if (has_phrasing(r->faq, e, q)) {
		r->skipped++;
		return ARC_OK;
	}
	if (arc_grow(&r->lessons, &r->cap, r->n, 1, sizeof(*r->lessons)) !=
	    ARC_OK || (r->lessons[r->n].q = strdup(q)) == NULL)
		return ARC_FATAL;
	r->lessons[r->n].entry = e;
	r->lessons[r->n].after = r->faq->phrasings[r->faq->entries[e].first +
	    r->faq->entries[e].count - 1].line;
	r->n++;
	return ARC_OK;
}

/* Writes file with the lessons for it inserted into tmp (its folder),
 * each "q: ..." after its line; ARC_ERR (said) when it cannot. */
static int
write_with(struct review *r, const char *file, const char *tmp, int fd)
{
	FILE *in = fopen(file, "r"), *out = fdopen(fd, "w");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int st = ARC_OK;

	if (in == NULL || out == NULL) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    strerror(errno));
		if (in != NULL)
			fclose(in);
		if (out != NULL)
			fclose(out);
		else
			close(fd);
		return ARC_ERR;
	}
	while (getline(&line, &cap, in) > 0) {
		lineno++;
		fputs(line, out);
		for (size_t i = 0; i < r->n; i++) {
			const struct lesson *l = &r->lessons[i];
			if (l->after == lineno && strcmp(r->faq->entries[
			    l->entry].file, file) == 0)
				fprintf(out, "%sq: %s\n", line[strlen(line) -
				    1] == '\n' ? "" : "\n", l->q);
		}
	}
	free(line);
	fclose(in);
	if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
		arc_place_error(&r->at, "cannot write %s: %s", tmp,
		    strerror(errno));
		st = ARC_ERR;
	}
	fclose(out);
	return st;
}

/* The file rewritten with its lessons, checked, renamed over it. */
static int
learn_file(struct review *r, const char *file)
{
	char tmp[4096];
	struct stat st;
	struct arc_faq *check;
	int fd, rc;

	if (snprintf(tmp, sizeof(tmp), "%s.learn-XXXXXX", file) >=
	    (int)sizeof(tmp) || stat(file, &st) != 0 ||
	    (fd = mkstemp(tmp)) < 0) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    strerror(errno));
		return ARC_ERR;
	}
	(void)fchmod(fd, st.st_mode & 07777);
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
		    "file: left as it was", file);
		unlink(tmp);
		return ARC_ERR;
	}
	if (rename(tmp, file) != 0) {
		arc_place_error(&r->at, "cannot rewrite %s: %s", file,
		    strerror(errno));
		unlink(tmp);
		return ARC_ERR;
	}
	return ARC_OK;
}

int
arc_faq_learn(const struct arc_faq *faq, const char *review,
    arc_diag_fn diag, void *ctx, int *learned)
{
	struct review r = { faq, { review, 0, diag, ctx, 0 }, NULL, 0, 0, 0 };
	int st;

	*learned = 0;
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
	if (st == ARC_FATAL)
		return ARC_FATAL;
	return r.at.errors > 0 || st != ARC_OK ? ARC_ERR : ARC_OK;
}
