/* report.c: what the archive tells IT and the office heads: documents per day, tag and folder, failures, pages to review, and the chatbot's interactions. */
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* Unanswered questions shown, at most, and how alike two must be (shared
 * words over all their words) to count as one. */
#define UNANSWERED_TOP 20
#define ALIKE 0.5

const char *const arc_report_names[] = {
	"documents", "tags", "folders", "failures", "review", "chat",
	"unanswered", NULL,
};

/* Pages read with less OCR confidence than this (0-100) want a look. */
#define REVIEW_BELOW 60

/* arc-scan --new's default, as text for SQL. */
#define STR(x) #x
#define XSTR(x) STR(x)
#define RETRIES XSTR(ARC_RETRIES_DEFAULT)

/* How many rows cond holds for: SQL both SQLite and PostgreSQL read (a
 * truth is no number in PostgreSQL). */
#define COUNT_IF(cond) "sum(CASE WHEN " cond " THEN 1 ELSE 0 END)"

/* The days a report covers: ?1 since and ?2 until, either NULL. */
#define IN_RANGE(day) \
	"(?1 IS NULL OR " day " >= ?1) AND " \
	"(?2 IS NULL OR substr(" day ", 1, length(?2)) <= ?2)"

/* The failures: documents by their sha256, then (from layout 4) files
 * that could not be read, by their path, in the same columns. */
#define RETRY \
	"CASE WHEN attempts < " RETRIES " THEN 'next run' ELSE " \
	"'given up' END AS retry"
#define FAILURES \
	"SELECT path, member, attempts, " RETRY ", error, " \
	"substr(indexed, 1, 10) AS last_tried, sha256 FROM doc " \
	"WHERE state = 'failed' AND " IN_RANGE("substr(indexed, 1, 10)")

struct report {
	struct arc_store *s;
	const struct arc_report_range *range;
	arc_report_fn fn;
	void *ctx;
	struct arc_error *err;
};

/* The report's query, its range bound, from either back end: the SQL
 * is what SQLite and PostgreSQL both read. */
static int
prepare(struct report *r, const char *sql, struct arc_cursor *c)
{
	return arc_cursor_open(r->s, sql, r->range->since, r->range->until,
	    c, r->err);
}

/* A text of the archive as a report shows it: NIKs masked, whatever
 * wrote them (a title, a path, an error, a question). */
static json_t *
masked_string(const char *text)
{
	char *copy = strdup(text != NULL ? text : "");
	json_t *v;

	if (copy == NULL)
		return NULL;
	arc_mask_nik(copy);
	v = json_string(copy);
	free(copy);
	return v;
}

static json_t *
column_value(const struct arc_cursor *c, int i)
{
	switch (arc_cursor_type(c, i)) {
	case ARC_CURSOR_INTEGER:
		return json_integer(arc_cursor_int(c, i));
	case ARC_CURSOR_REAL:
		return json_real(arc_cursor_real(c, i));
	case ARC_CURSOR_NULL:
		return json_null();
	default:
		return masked_string(arc_cursor_text(c, i));
	}
}

/* Hands every row of a query to the caller, named by its columns. */
static int
rows(struct report *r, const char *name, const char *sql)
{
	struct arc_cursor c;
	int rc;

	if (prepare(r, sql, &c) != ARC_OK)
		return ARC_FATAL;
	while ((rc = arc_cursor_next(&c, r->err)) == 1) {
		json_t *row = json_pack("{s:s}", "report", name);
		for (int i = 0; row != NULL && i < arc_cursor_columns(&c); i++)
			json_object_set_new(row, arc_cursor_name(&c, i),
			    column_value(&c, i));
		if (row == NULL) {
			rc = arc_error_set(r->err, "out of memory");
			break;
		}
		int stop = r->fn(r->ctx, name, row);
		json_decref(row);
		if (stop)
			break;
	}
	arc_cursor_close(&c);
	return rc == ARC_FATAL || rc == ARC_ERR ? ARC_FATAL : ARC_OK;
}

/* Archives made before conversations and OCR confidence were kept lack
 * the chat table and the confidence column; a report on them is empty,
 * not an error. */
static int
has_chat(struct report *r)
{
	return r->s->has_chat;
}

struct folder_count {
	const char *name;   /* a key of the counts object */
	json_int_t n;
};

/* Most documents first, then by name. */
static int
folder_order(const void *pa, const void *pb)
{
	const struct folder_count *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Documents per folder: the path up to its last '/', counted in C, as
 * SQLite has no function to cut a path.  Folders are counted under their
 * masked names, which are all a report shows. */
static int
folders(struct report *r)
{
	json_t *counts = json_object(), *value;
	struct folder_count *list = NULL;
	size_t n = 0;
	struct arc_cursor c;
	const char *key;
	int rc = ARC_FATAL, more;

	if (counts == NULL)
		goto nomem;
	if (prepare(r, "SELECT path FROM doc WHERE state = 'archived' AND "
	    IN_RANGE("substr(indexed, 1, 10)"), &c) != ARC_OK)
		goto out;
	while ((more = arc_cursor_next(&c, r->err)) == 1) {
		const char *path = arc_cursor_text(&c, 0);
		const char *slash = path ? strrchr(path, '/') : NULL;
		char *folder = slash == NULL ? strdup(".") :
		    strndup(path, slash == path ? 1 : (size_t)(slash - path));
		json_t *seen;
		if (folder == NULL) {
			arc_cursor_close(&c);
			goto nomem;
		}
		arc_mask_nik(folder);
		seen = json_object_get(counts, folder);
		if (seen != NULL)
			json_integer_set(seen, json_integer_value(seen) + 1);
		else if (json_object_set_new(counts, folder,
		    json_integer(1)) != 0) {
			free(folder);
			arc_cursor_close(&c);
			goto nomem;
		}
		free(folder);
	}
	arc_cursor_close(&c);
	if (more != 0)
		goto out;
	if (json_object_size(counts) > 0 && (list = malloc(
	    json_object_size(counts) * sizeof(*list))) == NULL)
		goto nomem;
	json_object_foreach(counts, key, value) {
		list[n].name = key;
		list[n++].n = json_integer_value(value);
	}
	if (n > 1)
		qsort(list, n, sizeof(*list), folder_order);
	rc = ARC_OK;
	for (size_t i = 0; i < n; i++) {
		json_t *row = json_pack("{s:s, s:s, s:I}", "report", "folders",
		    "folder", list[i].name, "documents", list[i].n);
		int stop;
		if (row == NULL)
			goto nomem;
		stop = r->fn(r->ctx, "folders", row);
		json_decref(row);
		if (stop)
			break;
	}
	goto out;
nomem:
	rc = ARC_FATAL;
	arc_error_set(r->err, "out of memory");
out:
	json_decref(counts);
	free(list);
	return rc;
}

/* Pages whose OCR confidence was low, for a clerk to check: each page of
 * the confidence lists arc-index keeps ("93,-,41").  The columns of its
 * query, in order: */
enum { REVIEW_PATH, REVIEW_MEMBER, REVIEW_CONFIDENCE, REVIEW_SHA256 };
static int
review(struct report *r)
{
	struct arc_cursor cur;
	int rc = 0, stop = 0;

	if (!r->s->has_confidence)
		return ARC_OK;
	if (prepare(r, "SELECT path, member, confidence, sha256 FROM doc "
	    "WHERE state = 'archived' AND confidence IS NOT NULL AND "
	    IN_RANGE("substr(indexed, 1, 10)") " ORDER BY path, member",
	    &cur) != ARC_OK)
		return ARC_FATAL;
	while (!stop && (rc = arc_cursor_next(&cur, r->err)) == 1) {
		const char *c = arc_cursor_text(&cur, REVIEW_CONFIDENCE);
		for (long page = 1; c != NULL && *c != '\0' && !stop; page++) {
			char *end;
			long v = strtol(c, &end, 10);
			if (end != c && v < REVIEW_BELOW) {
				json_t *row = json_pack("{s:s, s:o?, s:o?, "
				    "s:i, s:i, s:s?}", "report", "review",
				    "path", column_value(&cur, REVIEW_PATH),
				    "member", column_value(&cur,
				    REVIEW_MEMBER), "page", (int)page,
				    "confidence", (int)v, "sha256",
				    arc_cursor_text(&cur, REVIEW_SHA256));
				if (row == NULL) {
					arc_cursor_close(&cur);
					return arc_error_set(r->err,
					    "out of memory");
				}
				stop = r->fn(r->ctx, "review", row);
				json_decref(row);
			}
			c += strcspn(c, ",");
			c += *c == ',';
		}
	}
	arc_cursor_close(&cur);
	return !stop && rc != 0 ? ARC_FATAL : ARC_OK;
}

/* ---- Unanswered questions, grouped ------------------------------------ */

struct question {
	char *text;
	char **words;      /* distinct, at least 3 letters, no digits */
	int nwords;
	size_t cap;
	long asked;        /* times asked, as this exact text */
};

struct group {
	int first;         /* the question that names it */
	long asked;
	int variants[3], nvariants;
};

static void
question_free(struct question *q)
{
	for (int i = 0; i < q->nwords; i++)
		free(q->words[i]);
	free(q->words);
	free(q->text);
}

static int
words_of(struct question *q)
{
	char word[ARC_WORD_MAX];
	size_t at = 0, len = strlen(q->text), start, wlen;

	for (;;) {
		at = arc_next_word(q->text, len, at, &start, word, &wlen);
		if (wlen == 0)
			return ARC_OK;
		/* word is not terminated: look at its wlen bytes only. */
		int digit = 0;
		for (size_t i = 0; i < wlen && !digit; i++)
			digit = word[i] >= '0' && word[i] <= '9';
		if (wlen < 3 || digit)
			continue;
		int dup = 0;
		for (int i = 0; i < q->nwords && !dup; i++)
			dup = strlen(q->words[i]) == wlen &&
			    memcmp(q->words[i], word, wlen) == 0;
		if (dup)
			continue;
		if (arc_grow(&q->words, &q->cap, (size_t)q->nwords, 1,
		    sizeof(*q->words)) != ARC_OK)
			return ARC_FATAL;
		if ((q->words[q->nwords] = strndup(word, wlen)) == NULL)
			return ARC_FATAL;
		q->nwords++;
	}
}

/* Shared words over all words of the two: 1 is the same words. */
static double
alike(const struct question *a, const struct question *b)
{
	int shared = 0;

	if (a->nwords == 0 || b->nwords == 0)
		return 0;
	for (int i = 0; i < a->nwords; i++)
		for (int j = 0; j < b->nwords; j++)
			if (strcmp(a->words[i], b->words[j]) == 0) {
				shared++;
				break;
			}
	return (double)shared / (a->nwords + b->nwords - shared);
}

static int
emit_groups(struct report *r, struct question *qs, struct group *g, int ng)
{
	/* Most asked first; groups are few, a simple sort does. */
	for (int i = 1; i < ng; i++)
		for (int j = i; j > 0 && g[j - 1].asked < g[j].asked; j--) {
			struct group t = g[j - 1];
			g[j - 1] = g[j];
			g[j] = t;
		}
	for (int i = 0; i < ng && i < UNANSWERED_TOP; i++) {
		json_t *variants = json_array(), *row;
		for (int k = 0; variants != NULL && k < g[i].nvariants; k++)
			json_array_append_new(variants,
			    json_string(qs[g[i].variants[k]].text));
		row = json_pack("{s:s, s:I, s:s, s:o}", "report", "unanswered",
		    "asked", (json_int_t)g[i].asked, "question",
		    qs[g[i].first].text, "also", variants);
		if (row == NULL) {
			arc_error_set(r->err, "out of memory");
			return ARC_FATAL;
		}
		int stop = r->fn(r->ctx, "unanswered", row);
		json_decref(row);
		if (stop)
			break;
	}
	return ARC_OK;
}

/* Questions declined or only suggested, the most asked first, alike ones
 * together, so that staff see which phrasings are missing. */
static int
unanswered(struct report *r)
{
	struct question *qs = NULL;
	struct group *g = NULL;
	int nq = 0, ng = 0, rc = ARC_FATAL, more;
	size_t qcap = 0;
	struct arc_cursor c;

	if (!has_chat(r))
		return ARC_OK;
	if (prepare(r, "SELECT lower(q), count(*) AS n FROM chat WHERE "
	    "status IN ('declined', 'suggested') AND trim(q) != '' AND "
	    IN_RANGE("substr(time, 1, 10)") " GROUP BY lower(q) "
	    "ORDER BY n DESC, lower(q)", &c) != ARC_OK)
		return ARC_FATAL;
	while ((more = arc_cursor_next(&c, r->err)) == 1) {
		const char *text = arc_cursor_text(&c, 0);
		if (arc_grow(&qs, &qcap, (size_t)nq, 1, sizeof(*qs)) != ARC_OK)
			goto nomem;
		memset(&qs[nq], 0, sizeof(*qs));
		qs[nq].asked = arc_cursor_int(&c, 1);
		if ((qs[nq].text = strdup(text != NULL ? text : "")) == NULL ||
		    words_of(&qs[nq]) != ARC_OK) {
			nq++;
			goto nomem;
		}
		arc_mask_nik(qs[nq].text);
		nq++;
	}
	arc_cursor_close(&c);
	if (more != 0)
		goto out;
	if ((g = calloc((size_t)nq + 1, sizeof(*g))) == NULL)
		goto nomem;
	/* Each question joins the first group, most asked first, whose
	 * question it is alike enough. */
	for (int i = 0; i < nq; i++) {
		int k = 0;
		while (k < ng && alike(&qs[g[k].first], &qs[i]) < ALIKE)
			k++;
		if (k == ng)
			g[ng++].first = i;
		else if (g[k].nvariants < 3)
			g[k].variants[g[k].nvariants++] = i;
		g[k].asked += qs[i].asked;
	}
	rc = emit_groups(r, qs, g, ng);
	goto out;
nomem:
	arc_error_set(r->err, "out of memory");
	arc_cursor_close(&c);
out:
	for (int i = 0; i < nq; i++)
		question_free(&qs[i]);
	free(qs);
	free(g);
	return rc;
}

int
arc_report(struct arc_store *s, const char *name,
    const struct arc_report_range *range, arc_report_fn fn, void *ctx,
    struct arc_error *err)
{
	struct report r = { s, range, fn, ctx, err };

	if (strcmp(name, "documents") == 0)
		return rows(&r, name, "SELECT substr(indexed, 1, 10) AS day, "
		    COUNT_IF("state = 'archived'") " AS archived, "
		    COUNT_IF("state = 'failed'") " AS failed FROM doc WHERE "
		    IN_RANGE("substr(indexed, 1, 10)")
		    " GROUP BY day ORDER BY day");
	if (strcmp(name, "tags") == 0)
		return rows(&r, name, "SELECT tag, count(*) AS documents "
		    "FROM doc_tag JOIN doc ON doc.id = doc_tag.doc WHERE "
		    "state = 'archived' AND " IN_RANGE("substr(indexed, 1, 10)")
		    " GROUP BY tag ORDER BY documents DESC, tag");
	if (strcmp(name, "folders") == 0)
		return folders(&r);
	if (strcmp(name, "failures") == 0)
		return rows(&r, name, s->has_unread ? FAILURES " UNION ALL "
		    "SELECT path, nullif(member, ''), attempts, " RETRY ", "
		    "error, substr(time, 1, 10), NULL FROM unread WHERE "
		    IN_RANGE("substr(time, 1, 10)") " ORDER BY attempts DESC, "
		    "path, member" : FAILURES " ORDER BY attempts DESC, path, "
		    "member");
	if (strcmp(name, "review") == 0)
		return review(&r);
	if (strcmp(name, "chat") == 0)
		return !has_chat(&r) ? ARC_OK : rows(&r, name,
		    "SELECT day, asked, answered, suggested, declined, "
		    "round(1.0 * answered / nullif(asked, 0), 3) AS "
		    "answered_rate, round(1.0 * suggested / nullif(asked, 0), "
		    "3) AS suggested_rate, round(1.0 * declined / "
		    "nullif(asked, 0), 3) AS declined_rate, smalltalk FROM "
		    "(SELECT substr(time, 1, 10) AS day, "
		    COUNT_IF("status != 'smalltalk'") " AS asked, "
		    COUNT_IF("status IN ('answered', 'handoff', 'status')")
		    " AS answered, " COUNT_IF("status = 'suggested'")
		    " AS suggested, " COUNT_IF("status = 'declined'")
		    " AS declined, " COUNT_IF("status = 'smalltalk'")
		    " AS smalltalk FROM chat WHERE "
		    IN_RANGE("substr(time, 1, 10)")
		    " GROUP BY day) AS c ORDER BY day");
	if (strcmp(name, "unanswered") == 0)
		return unanswered(&r);
	return arc_error_set(err, "no report \"%s\" (there are: documents, "
	    "tags, folders, failures, review, chat, unanswered)", name);
}
