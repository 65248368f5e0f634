/* pgvocab.c: a city archive's vocabulary, the words of its texts as written (lower case, Latin letters without diacritics) by office, which "did you mean" offers on PostgreSQL as it offers SQLite's word table: the ranking maker adds the words of the documents it counts, a search asks. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* Words shorter than this are never a word to offer (suggest.c looks at
 * query words of four letters and more, one edit from a shorter one). */
#define VOCAB_SHORT 3
/* Bytes of new words sent in one statement. */
#define VOCAB_BATCH (4u << 20)

int
arc_pg_vocab_writable(struct arc_store *s, struct arc_error *err)
{
	/* A writer that may not write it would leave its documents' words
	 * out, and an erased letter's in: said, not skipped. */
	if (s->pg->vocab_table && s->pg->vocab != 2)
		return arc_error_set(err, "%s: this role may not write the "
		    "vocabulary (table word): grant it INSERT and DELETE on "
		    "word and USAGE on word_id_seq (arc-postgresql(7))",
		    s->pg->shown);
	return ARC_OK;
}

int
arc_pg_vocab_init(struct arc_pg_vocab *v)
{
	memset(v, 0, sizeof(*v));
	return (v->seen = arc_strmap_new()) != NULL ? ARC_OK : ARC_FATAL;
}

void
arc_pg_vocab_done(struct arc_pg_vocab *v)
{
	arc_strmap_free(v->seen);
	free(v->words);
	memset(v, 0, sizeof(*v));
}

void
arc_pg_vocab_add(struct arc_pg_vocab *v, const char *text)
{
	char word[ARC_WORD_MAX + 1];
	size_t n, at = 0, start, wlen;

	if (text == NULL || v->oom)
		return;
	n = strlen(text);
	while ((at = arc_next_word(text, n, at, &start, word, &wlen)) <= n &&
	    wlen > 0) {
		/* As SQLite's vocabulary: no word with a digit (a number,
		 * a date, a NIK: personal data is not to outlive its
		 * document), nor a long one. */
		if (wlen < VOCAB_SHORT || !arc_textcode_worthy(word, wlen) ||
		    arc_strmap_get(v->seen, word, wlen, NULL))
			continue;
		if (arc_strmap_put(v->seen, word, wlen, 0) != ARC_OK ||
		    arc_grow(&v->words, &v->cap, v->len, wlen + 2, 1) !=
		    ARC_OK) {
			v->oom = 1;
			return;
		}
		/* One word a line: a word has no newline. */
		memcpy(v->words + v->len, word, wlen);
		v->len += wlen;
		v->words[v->len++] = '\n';
		v->words[v->len] = '\0';
	}
}

int
arc_pg_vocab_flush(struct arc_store *s, struct arc_pg_vocab *v,
    const char *office, int last, struct arc_error *err)
{
	const char *p[2] = { office, v->words };
	PGresult *r;

	if (v->oom)
		return arc_error_set(err, "out of memory");
	if (v->len == 0 || (!last && v->len < VOCAB_BATCH))
		return ARC_OK;
	/* In the order met: the commonest words come first and get the
	 * smaller numbers, which "did you mean" prefers among equals. */
	r = arc_pg_query(s, "INSERT INTO word (office, w) SELECT $1, w FROM "
	    "unnest(string_to_array($2, E'\\n')) WITH ORDINALITY AS t(w, i) "
	    "WHERE w <> '' ORDER BY i ON CONFLICT DO NOTHING", 2, p, err);
	if (r == NULL)
		return ARC_FATAL;
	PQclear(r);
	v->len = 0;
	return ARC_OK;
}

int
arc_pg_vocab_forget(struct arc_store *s, const char *title, const char *body,
    const char *offices, struct arc_error *err)
{
	struct arc_pg_vocab v;
	struct arc_stemmers st;
	char *queries = NULL, *word, *next;
	size_t len = 0, cap = 0;
	int rc = ARC_OK;

	if (arc_pg_vocab_writable(s, err) != ARC_OK)
		return ARC_FATAL;
	if (s->pg->vocab != 2)
		return ARC_OK;
	if (arc_pg_vocab_init(&v) != ARC_OK)
		return arc_error_set(err, "out of memory");
	if (arc_stemmers_init(&st) != ARC_OK) {
		arc_pg_vocab_done(&v);
		return arc_error_set(err, "out of memory");
	}
	arc_pg_vocab_add(&v, title);
	arc_pg_vocab_add(&v, body);
	/* Each word's forms as a tsquery, one a line beside the words. */
	for (word = v.words; !v.oom && rc == ARC_OK && word != NULL &&
	    *word != '\0'; word = next) {
		char *q;
		size_t n;
		next = strchr(word, '\n');
		*next = '\0';
		if ((q = arc_pg_tsquery_text(&st, NULL, word)) == NULL ||
		    arc_grow(&queries, &cap, len, (n = strlen(q)) + 2, 1) !=
		    ARC_OK)
			rc = arc_error_set(err, "out of memory");
		else {
			memcpy(queries + len, q, n);
			len += n;
			queries[len++] = '\n';
			queries[len] = '\0';
		}
		free(q);
		*next++ = '\n';
	}
	if (v.oom)
		rc = arc_error_set(err, "out of memory");
	if (rc == ARC_OK && len > 0) {
		/* A word leaves an office's vocabulary when none of the
		 * office's documents has it any more: one of its forms in the
		 * index, then the word itself in the text (the index holds
		 * stems: "suparman" and "suparmi" are both "suparm").  A text
		 * that writes it with a diacritic does not keep it: its
		 * document's next count brings it back. */
		const char *p[3] = { v.words, queries, offices };
		PGresult *r = arc_pg_query(s, "DELETE FROM word w USING unnest("
		    "string_to_array(rtrim($1, E'\\n'), E'\\n'), "
		    "string_to_array(rtrim($2, E'\\n'), E'\\n')) AS t(x, q) "
		    "WHERE w.w = t.x AND w.office = ANY ($3::text[]) AND "
		    "t.q <> '' AND NOT EXISTS (SELECT 1 FROM doc d WHERE "
		    "d.state = 'archived' AND w.office = ANY " PG_OFFICES("d")
		    " AND d.words @@ t.q::tsquery AND lower(coalesce("
		    "d.title, '') || ' ' || coalesce(d.body, '')) ~ "
		    "('\\m' || t.x || '\\M'))", 3, p, err);
		rc = r != NULL ? ARC_OK : ARC_FATAL;
		PQclear(r);
	}
	free(queries);
	arc_stemmers_done(&st);
	arc_pg_vocab_done(&v);
	return rc;
}

/* Calls fn with each row (id, w) of r; ARC_OK. */
static int
each_word(PGresult *r, arc_pg_word_fn fn, void *ctx)
{
	for (int i = 0; i < PQntuples(r); i++)
		fn(ctx, atoll(PQgetvalue(r, i, 0)), PQgetvalue(r, i, 1),
		    (size_t)PQgetlength(r, i, 1));
	PQclear(r);
	return ARC_OK;
}

int
arc_pg_vocab_lookup(struct arc_store *s, const char *json,
    arc_pg_word_fn fn, void *ctx, struct arc_error *err)
{
	const char *p[1] = { json };
	/* As an array: one scan of the index for all (IN reads each word
	 * by itself, three times slower for a thousand). */
	PGresult *r = arc_pg_query(s, "SELECT id, w FROM word WHERE w = ANY "
	    "(ARRAY(SELECT json_array_elements_text($1::json)))", 1, p, err);

	return r != NULL ? each_word(r, fn, ctx) : ARC_FATAL;
}

int
arc_pg_vocab_scan(struct arc_store *s, const char *prefix, int limit,
    arc_pg_word_fn fn, void *ctx, struct arc_error *err)
{
	char max[24];
	const char *p[2] = { prefix, max };
	PGresult *r;

	snprintf(max, sizeof(max), "%d", limit);
	/* In the column's C order every word that starts with the prefix
	 * sorts below it followed by the last character of Unicode. */
	r = arc_pg_query(s, "SELECT id, w FROM word WHERE w >= $1 AND "
	    "w < ($1 || chr(1114111)) ORDER BY w LIMIT $2::int", 2, p, err);
	return r != NULL ? each_word(r, fn, ctx) : ARC_FATAL;
}

int
arc_pg_vocab_has(struct arc_store *s, const char *word, struct arc_error *err)
{
	const char *p[1] = { word };
	PGresult *r = arc_pg_query(s, "SELECT 1 FROM word WHERE w = $1 LIMIT 1",
	    1, p, err);
	int found;

	if (r == NULL)
		return ARC_FATAL;
	found = PQntuples(r) > 0;
	PQclear(r);
	return found;
}

/* At least how many documents the ranking segments count for a word:
 * the most of any of its forms (as the search finds it); -1 with err. */
static long
counted(struct arc_store *s, struct arc_stemmers *st, const char *word,
    struct arc_error *err)
{
	char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1];
	char terms[ARC_FORMS_MAX * (ARC_WORD_MAX + 3) + 3];
	size_t lens[ARC_FORMS_MAX], at = 0;
	int n = strlen(word) > ARC_WORD_MAX ? 0 : arc_word_forms(st, 1, 1,
	    word, strlen(word), forms, lens);
	const char *p[1] = { terms };
	PGresult *r;
	long most;

	/* Forms are letters and digits: nothing to escape. */
	terms[at++] = '{';
	for (int i = 0; i < n; i++)
		at += (size_t)sprintf(terms + at, "%s\"%.*s\"",
		    i > 0 ? "," : "", (int)lens[i], forms[i]);
	terms[at++] = '}';
	terms[at] = '\0';
	r = arc_pg_query(s, "SELECT coalesce(max(n), 0) FROM (SELECT sum(df) "
	    "n FROM rank_post WHERE term = ANY ($1::text[]) GROUP BY term) t",
	    1, p, err);
	if (r == NULL)
		return -1;
	most = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	return most;
}

long
arc_pg_vocab_documents(struct arc_store *s, struct arc_stemmers *st,
    const char *word, long max, struct arc_error *err)
{
	char *tsquery, most[24];
	const char *p[2] = { NULL, most };
	PGresult *r;
	long n;

	/* A common word is told from its postings' counts, not by reading
	 * its documents; they count a document again for each office's
	 * segment that holds it, or an older version: only well above max
	 * do they tell. */
	if ((n = counted(s, st, word, err)) < 0 || n >= 2 * max)
		return n < 0 ? -1 : max;
	if ((tsquery = arc_pg_tsquery_text(st, NULL, word)) == NULL)
		return arc_error_set(err, "out of memory"), -1;
	if (*tsquery == '\0') {
		free(tsquery);
		return 0;
	}
	p[0] = tsquery;
	snprintf(most, sizeof(most), "%ld", max);
	/* The documents planned as if all were wanted (MATERIALIZED), and
	 * read till max: planned for a few, a rare word's would be looked
	 * for by reading the whole table. */
	r = arc_pg_query(s, "WITH m AS MATERIALIZED (SELECT 1 FROM doc WHERE "
	    "state = 'archived' AND words @@ $1::tsquery) SELECT count(*) "
	    "FROM (SELECT 1 FROM m LIMIT $2::int) d", 2, p, err);
	free(tsquery);
	if (r == NULL)
		return -1;
	n = atol(PQgetvalue(r, 0, 0));
	PQclear(r);
	return n;
}
