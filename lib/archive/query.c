/* query.c: what a clerk types, read without ever being a syntax error: words, "phrases", -words, and key:value filters. */
#include <stdlib.h>
#include <string.h>

#include "query.h"

static const char *const filter_keys[] = {
	[QF_TAG] = "tag", [QF_NOMOR] = "nomor", [QF_TANGGAL] = "tanggal",
	[QF_MIME] = "mime", [QF_PATH] = "path",
};

static int
push(struct arc_query *q, enum qkind kind, const char *text, size_t len)
{
	struct qterm *t;

	if (arc_grow(&q->terms, &q->cap, (size_t)q->n, 1,
	    sizeof(*q->terms)) != ARC_OK)
		return ARC_FATAL;
	t = &q->terms[q->n];
	if ((t->text = strndup(text, len)) == NULL)
		return ARC_FATAL;
	t->kind = kind;
	q->n++;
	return ARC_OK;
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Reads text[0..len) as a date into iso; *shaped as arc_date_read's. */
static int
read_date(const char *text, size_t len, char *iso, int *shaped,
    struct arc_error *err)
{
	char *copy = strndup(text, len);
	int rc;

	if (copy == NULL)
		return ARC_FATAL;
	rc = arc_date_read(copy, iso, shaped, err);
	free(copy);
	return rc;
}

/*
 * Pushes a tanggal: filter's value, start..*end, as the date it is in
 * ISO form (its prefix is what the search matches).  Unquoted, a value
 * that is no date by itself goes on over the next words while they make
 * one (tanggal:3 Desember 2026), *end then moved past them.  A value
 * that is no date is kept as typed, and q->date_error says why.
 */
static int
push_date(struct arc_query *q, const char *start, const char **end,
    int quoted)
{
	struct arc_error err;
	char iso[ARC_DATE_ISO_MAX];
	const char *stop = *end, *p = *end;
	int shaped, rc;

	rc = read_date(start, (size_t)(stop - start), iso, &shaped, &err);
	/* Up to two more words: 3 Desember 2026 is three. */
	for (int more = 0; !quoted && !shaped && more < 2; more++) {
		const char *w = p;
		struct arc_error werr;
		int wrc, wshaped;

		while (is_blank(*w))
			w++;
		if (*w == '\0' || w == p)
			break;
		for (p = w; *p != '\0' && !is_blank(*p); p++)
			;
		wrc = read_date(start, (size_t)(p - start), iso, &wshaped,
		    &werr);
		if (wrc == ARC_FATAL)
			return ARC_FATAL;
		if (wshaped) {
			rc = wrc;
			err = werr;
			stop = p;
			break;
		}
	}
	if (rc == ARC_FATAL)
		return ARC_FATAL;
	*end = stop;
	if (rc != ARC_OK && q->date_error.message[0] == '\0')
		q->date_error = err;
	if (rc == ARC_OK)
		rc = push(q, QT_FILTER, iso, strlen(iso));
	else
		rc = push(q, QT_FILTER, start, (size_t)(stop - start));
	if (rc == ARC_OK)
		q->terms[q->n - 1].key = QF_TANGGAL;
	return rc;
}

/* Queues a word, one written twice with a 2 as its two halves joined by a
 * hyphen, which the index finds whole and by its parts. */
static int
push_word(struct arc_query *q, enum qkind kind, const char *text, size_t len)
{
	size_t root = arc_said_twice(text, len);
	char *twice;
	int rc;

	if (root == 0)
		return push(q, kind, text, len);
	if ((twice = malloc(2 * root + 1)) == NULL)
		return ARC_FATAL;
	memcpy(twice, text, root);
	twice[root] = '-';
	memcpy(twice + root + 1, text, root);
	rc = push(q, kind, twice, 2 * root + 1);
	free(twice);
	return rc;
}

/* Does the text hold a word the index knows (a letter or digit)? */
static int
has_word(const char *text)
{
	char word[80];
	size_t start, wlen;

	arc_next_word(text, strlen(text), 0, &start, word, &wlen);
	return wlen > 0;
}

int
arc_query_parse(const char *s, struct arc_query *q)
{
	const char *p = s;

	memset(q, 0, sizeof(*q));
	while (*p != '\0') {
		const char *start, *end, *colon;
		int negate = 0, quoted = 0, key = -1;
		enum qkind kind;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		/* -word, -"phrase": only before something to exclude. */
		if (*p == '-' && p[1] != '\0' && p[1] != ' ' && p[1] != '-') {
			negate = 1;
			p++;
		}
		/* key:value, value maybe quoted. */
		colon = strchr(p, ':');
		if (!negate && colon != NULL && *p != '"') {
			for (size_t k = 0; k < QF_COUNT; k++)
				if ((size_t)(colon - p) ==
				    strlen(filter_keys[k]) &&
				    strncmp(p, filter_keys[k],
				    (size_t)(colon - p)) == 0 &&
				    colon[1] != '\0' && colon[1] != ' ')
					key = (int)k;
			if (key >= 0)
				p = colon + 1;
		}
		if (*p == '"') {
			quoted = 1;
			start = ++p;
			/* An unclosed quote runs to the end: never an error. */
			end = strchr(start, '"');
			if (end == NULL)
				end = start + strlen(start);
			p = *end == '"' ? end + 1 : end;
		} else {
			start = p;
			while (*p != '\0' && *p != ' ' && *p != '\t' &&
			    *p != '\n' && *p != '\r')
				p++;
			end = p;
		}
		if (end == start)
			continue;
		if (key == QF_TANGGAL) {
			if (push_date(q, start, &end, quoted) != ARC_OK)
				return ARC_FATAL;
			if (!quoted)
				p = end;
			continue;
		}
		if (key >= 0) {
			if (push(q, QT_FILTER, start, (size_t)(end - start)) !=
			    ARC_OK)
				return ARC_FATAL;
			q->terms[q->n - 1].key = (enum qfilter)key;
			continue;
		}
		kind = negate ? QT_EXCLUDE : quoted ? QT_PHRASE : QT_WORD;
		if ((kind == QT_PHRASE ? push(q, kind, start, (size_t)(end -
		    start)) : push_word(q, kind, start, (size_t)(end -
		    start))) != ARC_OK)
			return ARC_FATAL;
		/* "C++" is a word; "---" or "&" says nothing the index
		 * knows. */
		if (!has_word(q->terms[q->n - 1].text))
			free(q->terms[--q->n].text);
	}
	/* A long question says its language by its little words. */
	q->lang = arc_lang_guess(s);
	return ARC_OK;
}

void
arc_query_free(struct arc_query *q)
{
	for (int i = 0; i < q->n; i++)
		free(q->terms[i].text);
	free(q->terms);
	memset(q, 0, sizeof(*q));
}

/* Appends text as an FTS5 string: its words as a phrase, nothing in it
 * read as syntax. */
static int
append_string(char **buf, size_t *len, size_t *cap, const char *text,
    const char *before, const char *lang)
{
	if (arc_grow(buf, cap, *len, strlen(before) + 2 * strlen(text) + 10,
	    1) != ARC_OK)
		return ARC_FATAL;
	*len += (size_t)sprintf(*buf + *len, "%s\"", before);
	/* The tokenizer's language mark: which stems to look up. */
	if (lang != NULL)
		*len += (size_t)sprintf(*buf + *len, "%c%s ", ARC_LANG_MARK,
		    lang);
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '"')
			(*buf)[(*len)++] = '"';
		(*buf)[(*len)++] = *p;
	}
	(*buf)[(*len)++] = '"';
	(*buf)[*len] = '\0';
	return ARC_OK;
}

char *
arc_query_match(const struct arc_query *q, int any)
{
	size_t len = 0, cap = 64;
	char *buf = malloc(cap);
	int n = 0, stop_only = 1;

	if (buf == NULL)
		return NULL;
	buf[0] = '\0';
	/* Falling back to any word, the words every paper has say
	 * nothing, unless there is nothing else. */
	for (int i = 0; i < q->n; i++)
		if (q->terms[i].kind == QT_PHRASE || (q->terms[i].kind ==
		    QT_WORD && !arc_query_is_stopword(q->terms[i].text)))
			stop_only = 0;
	for (int i = 0; i < q->n; i++) {
		const struct qterm *t = &q->terms[i];
		if (t->kind != QT_WORD && t->kind != QT_PHRASE)
			continue;
		if (any && !stop_only && t->kind == QT_WORD &&
		    arc_query_is_stopword(t->text))
			continue;
		if (append_string(&buf, &len, &cap, t->text, n == 0 ? "" :
		    any ? " OR " : " ", q->lang) != ARC_OK) {
			free(buf);
			return NULL;
		}
		n++;
	}
	if (n == 0) {
		free(buf);
		return strdup("");
	}
	return buf;
}

/* The terms of one kind as FTS5 strings joined by join, or "". */
static char *
joined(const struct arc_query *q, enum qkind kind, const char *join)
{
	size_t len = 0, cap = 64;
	char *buf = malloc(cap);
	int n = 0;

	if (buf == NULL)
		return NULL;
	buf[0] = '\0';
	for (int i = 0; i < q->n; i++) {
		if (q->terms[i].kind != kind)
			continue;
		if (append_string(&buf, &len, &cap, q->terms[i].text,
		    n++ == 0 ? "" : join, q->lang) != ARC_OK) {
			free(buf);
			return NULL;
		}
	}
	return buf;
}

char *
arc_query_excluded(const struct arc_query *q)
{
	return joined(q, QT_EXCLUDE, " OR ");
}

char *
arc_query_phrases(const struct arc_query *q)
{
	return joined(q, QT_PHRASE, " ");
}

int
arc_query_words(const struct arc_query *q)
{
	int n = 0;

	for (int i = 0; i < q->n; i++)
		n += q->terms[i].kind == QT_WORD ||
		    q->terms[i].kind == QT_PHRASE;
	return n;
}

int
arc_query_is_stopword(const char *text)
{
	char word[80];
	size_t start, wlen, end;

	/* One word, as the index reads it ("Yang" is "yang"). */
	end = arc_next_word(text, strlen(text), 0, &start, word, &wlen);
	if (wlen == 0 || has_word(text + end))
		return 0;
	word[wlen] = '\0';
	return arc_is_stopword(word);
}
