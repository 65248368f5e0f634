/* pgwords.c: arc's own words as PostgreSQL's text search types: a document's words (made by arc_index_words, stemmed as SQLite's index has them) as a tsvector, a query's as a tsquery, so that both back ends find the same documents by the same stems. */
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/*
 * PostgreSQL keeps positions up to 16383 (later words share the last)
 * and weights A to D: the columns body, title, tags and fields are D, A,
 * C and B (ranking is from the ranking segments, pgrank.c: the weights
 * only tell the columns apart).
 */
#define POS_MAX 16383

struct buf {
	char *p;
	size_t len, cap;
	int failed;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->failed || arc_grow(&b->p, &b->cap, b->len, n + 1, 1) !=
	    ARC_OK) {
		b->failed = 1;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

size_t
arc_pg_lexeme(char *out, const char *w, size_t n)
{
	size_t k = 0;

	out[k++] = '\'';
	for (size_t i = 0; i < n; i++) {
		/* As tsvector and tsquery read it: ' and \\ doubled. */
		if (w[i] == '\'' || w[i] == '\\')
			out[k++] = w[i];
		out[k++] = w[i];
	}
	out[k++] = '\'';
	out[k] = '\0';
	return k;
}

/* A lexeme quoted. */
static void
put_lexeme(struct buf *b, const char *w, size_t n)
{
	if (b->failed || arc_grow(&b->p, &b->cap, b->len, 2 * n + 3, 1) !=
	    ARC_OK) {
		b->failed = 1;
		return;
	}
	b->len += arc_pg_lexeme(b->p + b->len, w, n);
}

/* One column's words (apart by spaces) at positions from *pos on. */
static void
put_column(struct buf *b, const char *words, char weight, int *pos)
{
	const char *w = words != NULL ? words : "";

	while (*w != '\0') {
		size_t n = strcspn(w, " ");
		char tail[16];

		if (n > 0) {
			put_lexeme(b, w, n);
			snprintf(tail, sizeof(tail), ":%d%c ", *pos, weight);
			puts_(b, tail);
			if (*pos < POS_MAX)
				(*pos)++;
		}
		w += n;
		w += *w == ' ';
	}
}

char *
arc_pg_tsvector(const struct fts_columns *c)
{
	struct buf b = { 0 };
	int pos = 1;

	puts_(&b, "");
	put_column(&b, c->body, 'D', &pos);
	put_column(&b, c->title, 'A', &pos);
	put_column(&b, c->tags, 'C', &pos);
	put_column(&b, c->fields, 'B', &pos);
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

char *
arc_pg_tsquery_text(struct arc_stemmers *st, const char *lang,
    const char *text)
{
	int ind = lang == NULL || strcmp(lang, "ind") == 0;
	int eng = lang == NULL || strcmp(lang, "eng") == 0;
	char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1], word[ARC_WORD_MAX + 1];
	size_t lens[ARC_FORMS_MAX], n = strlen(text), at = 0, start, wlen;
	struct buf b = { 0 };
	int words = 0;

	puts_(&b, "");
	while ((at = arc_next_word(text, n, at, &start, word, &wlen)) <= n &&
	    wlen > 0) {
		int nforms = arc_word_forms(st, ind, eng, word, wlen, forms,
		    lens);
		/* A word in parts ("kura-kura") is its parts in a row, as a
		 * phrase's words are. */
		if (words++ > 0)
			puts_(&b, " <-> ");
		puts_(&b, "(");
		for (int i = 0; i < nforms; i++) {
			if (i > 0)
				puts_(&b, " | ");
			put_lexeme(&b, forms[i], lens[i]);
		}
		puts_(&b, ")");
	}
	if (b.failed) {
		free(b.p);
		return NULL;
	}
	return b.p;
}
