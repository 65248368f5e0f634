/* pgrank.c: the ranking segments of a PostgreSQL archive, one office's documents each: counted as SQLite's are (rankseg.c) from the documents new or changed since (rank_todo), merged as they grow, and read by ranking.c as the role's row-level security lets it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* As in rankseg.c: a segment holds at most this many documents, and a
 * new one is merged with those before while it holds at least a
 * MERGE_SHARE'th of them. */
#define SEGMENT_MAX_DOCS 250000
#define MERGE_SHARE 4
/* Documents read from the server at a time while a segment is counted. */
#define READ_CHUNK 500
/* The advisory lock one maker of segments holds at a time. */
#define RANK_LOCK "7361602"

/* Ids, and for those of rank_todo the row's version (n). */
struct ids {
	long long *v, *n;
	size_t len, cap, ncap;
};

static int
ids_push(struct ids *l, long long id, long long n)
{
	if (arc_grow(&l->v, &l->cap, l->len, 1, sizeof(*l->v)) != ARC_OK ||
	    arc_grow(&l->n, &l->ncap, l->len, 1, sizeof(*l->n)) != ARC_OK)
		return ARC_FATAL;
	l->v[l->len] = id;
	l->n[l->len++] = n;
	return ARC_OK;
}

static void
ids_free(struct ids *l)
{
	free(l->v);
	free(l->n);
	memset(l, 0, sizeof(*l));
}

/* The ids in order, each once (their versions no longer kept). */
static void
ids_sort_unique(struct ids *l)
{
	size_t k = 0;

	qsort(l->v, l->len, sizeof(*l->v), arc_pg_id_order);
	for (size_t i = 0; i < l->len; i++)
		if (k == 0 || l->v[i] != l->v[k - 1])
			l->v[k++] = l->v[i];
	l->len = k;
}

/* A bigint of a binary result: 8 bytes, most significant first. */
static long long
int8_at(const PGresult *r, int row, int col)
{
	const unsigned char *p = (const unsigned char *)PQgetvalue(r, row,
	    col);
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return (long long)v;
}

/*
 * A segment's lengths as rank_segment keeps them: for each document in
 * the order of ids, a varint of the gap from the id before (the first
 * whole), and a varint of its length plus one (a document of no words is
 * held too: its older versions' words are then no longer its).  fn is
 * called for each with the length; its first non-OK return, ARC_ERR when
 * the bytes are cut short or broken, else ARC_OK.
 */
typedef int (*lens_fn)(void *ctx, long long id, uint32_t len);

static int
lens_walk(const unsigned char *p, size_t n, lens_fn fn, void *ctx)
{
	const unsigned char *end = p + n;
	uint64_t id = 0, gap, len;
	size_t a, b;
	int rc;

	while (p < end) {
		if ((a = arc_varint_get(p, end, &gap)) == 0 ||
		    (b = arc_varint_get(p + a, end, &len)) == 0)
			return ARC_ERR;
		p += a + b;
		id += gap;
		if (len == 0 || len > UINT32_MAX)
			return ARC_ERR;
		if ((rc = fn(ctx, (long long)id, (uint32_t)(len - 1))) !=
		    ARC_OK)
			return rc;
	}
	return ARC_OK;
}

static int
collect_id(void *ctx, long long id, uint32_t len)
{
	(void)len;
	return ids_push(ctx, id, 0);
}

/*
 * A document's row as a segment counts it: ROW_COLUMNS of doc d, read
 * into the columns its words are counted from, as the writer made them
 * (arc_fts_columns).  An archive of layout 3 has no title_guessed: the
 * SQL of both, by s->has_title_guessed.
 */
#define ROW_COLUMNS(guessed) \
	"d.id, d.lang, d.title, d.body, d.tags, d.fields, " guessed
#define ROWS_SQL(tail) { "SELECT " ROW_COLUMNS("NULL") " " tail, \
	"SELECT " ROW_COLUMNS("d.title_guessed") " " tail }

static int
row_columns(struct arc_stemmers *st, const PGresult *r, int i,
    struct fts_columns *c)
{
	const char *body = arc_pg_text(r, i, 3);
	const char *guessed = arc_pg_text(r, i, 6);

	if (body == NULL)
		body = "";
	return arc_fts_columns(st, arc_pg_text(r, i, 1), arc_pg_text(r, i, 2),
	    guessed == NULL ? -1 : strcmp(guessed, "t") == 0, body,
	    strlen(body), arc_pg_text(r, i, 4), arc_pg_text(r, i, 5), c);
}

/* ---- Making segments -------------------------------------------------- */

/*
 * The segment's terms into rank_post, POSTS_AT_ONCE rows a statement,
 * their postings sent as bytes (COPY would be faster, but a role under
 * row-level security may not use it).
 */
#define POSTS_AT_ONCE 1000

struct posts {
	const char *param[2 + 3 * POSTS_AT_ONCE];
	int length[2 + 3 * POSTS_AT_ONCE], format[2 + 3 * POSTS_AT_ONCE];
	char df[POSTS_AT_ONCE][24];
	char sql[64 + 40 * POSTS_AT_ONCE];
};

/* Writes rows 0..n of p. */
static int
insert_posts(struct arc_store *s, struct posts *p, int n,
    struct arc_error *err)
{
	size_t at = (size_t)sprintf(p->sql, "INSERT INTO rank_post (segment, "
	    "office, term, df, data) VALUES ");
	PGresult *r;

	for (int i = 0; i < n; i++)
		at += (size_t)sprintf(p->sql + at, "%s($1, $2, $%d, $%d, $%d)",
		    i > 0 ? ", " : "", 3 + 3 * i, 4 + 3 * i, 5 + 3 * i);
	r = PQexecParams(s->pg->conn, p->sql, 2 + 3 * n, NULL, p->param,
	    p->length, p->format, 0);
	if (PQresultStatus(r) != PGRES_COMMAND_OK)
		return arc_pg_failed(s, r, err);
	PQclear(r);
	return ARC_OK;
}

static int
write_postings(struct arc_store *s, const struct segment *g,
    const char *seg, const char *office, struct arc_error *err)
{
	struct posts *p = calloc(1, sizeof(*p));
	size_t terms;
	sqlite3_int64 tokens;
	long docs;
	int n = 0, rc = ARC_OK;

	if (p == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	arc_segment_totals(g, &docs, &tokens, &terms);
	p->param[0] = seg;
	p->param[1] = office;
	for (size_t i = 0; rc == ARC_OK && i < terms; i++) {
		const unsigned char *data;
		const char *name;
		size_t len, bytes;
		uint32_t df;
		int k = 2 + 3 * n;
		char *term;

		arc_segment_term(g, i, &name, &len, &df, &data, &bytes);
		/* A term's name is not NUL-terminated in the segment. */
		if ((term = strndup(name, len)) == NULL) {
			rc = arc_error_set(err, "out of memory");
			break;
		}
		p->param[k] = term;
		snprintf(p->df[n], sizeof(p->df[n]), "%u", df);
		p->param[k + 1] = p->df[n];
		p->param[k + 2] = (const char *)data;
		p->length[k + 2] = (int)bytes;
		p->format[k + 2] = 1;
		if (++n == POSTS_AT_ONCE || i + 1 == terms) {
			rc = insert_posts(s, p, n, err);
			for (int j = 0; j < n; j++)
				free((char *)p->param[2 + 3 * j]);
			n = 0;
		}
	}
	for (int j = 0; j < n; j++)
		free((char *)p->param[2 + 3 * j]);
	free(p);
	return rc;
}

/* The lengths of the documents l counted (in order), in rank_segment's
 * form; malloc'd in *out. */
static int
lens_bytes(const struct segment *g, const struct ids *l, unsigned char **out,
    size_t *n)
{
	long long prev = 0;

	*n = 0;
	if ((*out = malloc(l->len * 20 + 1)) == NULL)
		return ARC_FATAL;
	for (size_t i = 0; i < l->len; i++) {
		*n += arc_varint_put(*out + *n, (uint64_t)(l->v[i] - prev));
		*n += arc_varint_put(*out + *n,
		    (uint64_t)arc_segment_len(g, l->v[i]) + 1);
		prev = l->v[i];
	}
	return ARC_OK;
}

/* Writes g, of the documents l holds, as a segment of office. */
static int
write_segment(struct arc_store *s, const struct segment *g,
    const struct ids *l, const char *office, struct arc_error *err)
{
	char docs_text[24], tokens_text[24];
	const char *p[4] = { office, docs_text, tokens_text, NULL };
	int lengths[4] = { 0 }, formats[4] = { 0, 0, 0, 1 };
	unsigned char *lens;
	size_t lens_len, terms;
	sqlite3_int64 tokens;
	long docs;
	PGresult *r;
	int rc;

	arc_segment_totals(g, &docs, &tokens, &terms);
	if (docs == 0)
		return ARC_OK;
	if (lens_bytes(g, l, &lens, &lens_len) != ARC_OK)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	snprintf(docs_text, sizeof(docs_text), "%ld", docs);
	snprintf(tokens_text, sizeof(tokens_text), "%lld", (long long)tokens);
	p[3] = (const char *)lens;
	lengths[3] = (int)lens_len;
	r = PQexecParams(s->pg->conn, "INSERT INTO rank_segment (office, docs, "
	    "tokens, lens) VALUES ($1, $2, $3, $4) RETURNING id", 4, NULL, p,
	    lengths, formats, 0);
	free(lens);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return arc_pg_failed(s, r, err);
	rc = write_postings(s, g, PQgetvalue(r, 0, 0), office, err);
	PQclear(r);
	return rc;
}

/* Counts the documents of ids l->v[from, to) (in order) into a segment of
 * office, and writes it; their words join the office's vocabulary. */
static int
count_segment(struct arc_store *s, struct arc_stemmers *st,
    const struct ids *l, size_t from, size_t to, const char *office,
    struct arc_error *err)
{
	struct segment *g = arc_segment_new(l->v[from], l->v[to - 1]);
	struct ids counted = { 0 };     /* those still archived */
	struct arc_pg_vocab vocab = { 0 };
	int words = s->pg->vocab == 2;
	int rc = g != NULL && (!words || arc_pg_vocab_init(&vocab) ==
	    ARC_OK) ? ARC_OK : arc_error_set(err, "out of memory");

	if (rc == ARC_OK && arc_pg_vocab_writable(s, err) != ARC_OK)
		rc = ARC_FATAL;

	for (size_t at = from; rc == ARC_OK && at < to; at += READ_CHUNK) {
		size_t n = to - at < READ_CHUNK ? to - at : READ_CHUNK;
		char *ids = arc_pg_ids_text(l->v + at, n);
		const char *p[1] = { ids };
		static const char *const sql[2] = ROWS_SQL("FROM doc d "
		    "WHERE d.id = ANY ($1::bigint[]) AND d.state = 'archived' "
		    "ORDER BY d.id");
		PGresult *r = ids == NULL ? NULL : arc_pg_query(s,
		    sql[s->has_title_guessed], 1, p, err);

		free(ids);
		if (r == NULL) {
			rc = ids == NULL ? arc_error_set(err, "out of memory") :
			    ARC_FATAL;
			break;
		}
		for (int i = 0; rc == ARC_OK && i < PQntuples(r); i++) {
			long long id = atoll(PQgetvalue(r, i, 0));
			struct fts_columns c;

			if (row_columns(st, r, i, &c) != ARC_OK ||
			    arc_segment_add(g, id, &c) != ARC_OK ||
			    ids_push(&counted, id, 0) != ARC_OK)
				rc = arc_error_set(err, "out of memory");
			arc_fts_columns_free(&c);
			if (words) {
				arc_pg_vocab_add(&vocab, arc_pg_text(r, i, 2));
				arc_pg_vocab_add(&vocab, arc_pg_text(r, i, 3));
			}
		}
		PQclear(r);
		if (rc == ARC_OK && words)
			rc = arc_pg_vocab_flush(s, &vocab, office, 0, err);
	}
	if (rc == ARC_OK && words)
		rc = arc_pg_vocab_flush(s, &vocab, office, 1, err);
	if (rc == ARC_OK)
		rc = write_segment(s, g, &counted, office, err);
	if (words)
		arc_pg_vocab_done(&vocab);
	ids_free(&counted);
	arc_segment_free(g);
	return rc == ARC_OK ? ARC_OK : ARC_FATAL;
}

/* The office's segments, newest first: their ids, documents and the
 * documents they hold. */
struct segs {
	long long *id;
	long *docs;
	struct ids *held;
	size_t n;
};

static void
segs_free(struct segs *g)
{
	for (size_t i = 0; i < g->n; i++)
		ids_free(&g->held[i]);
	free(g->id);
	free(g->docs);
	free(g->held);
	memset(g, 0, sizeof(*g));
}

static int
read_segs(struct arc_store *s, const char *office, struct segs *g,
    struct arc_error *err)
{
	const char *p[1] = { office };
	PGresult *r = PQexecParams(s->pg->conn, "SELECT id, docs, lens FROM "
	    "rank_segment WHERE office = $1 ORDER BY id DESC", 1, NULL, p,
	    NULL, NULL, 1);
	size_t n;

	memset(g, 0, sizeof(*g));
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return arc_pg_failed(s, r, err);
	n = (size_t)PQntuples(r);
	if ((g->id = calloc(n + 1, sizeof(*g->id))) == NULL ||
	    (g->docs = calloc(n + 1, sizeof(*g->docs))) == NULL ||
	    (g->held = calloc(n + 1, sizeof(*g->held))) == NULL) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	for (size_t i = 0; i < n; i++) {
		g->id[i] = int8_at(r, (int)i, 0);
		g->docs[i] = (long)int8_at(r, (int)i, 1);
		g->n++;
		if (lens_walk((const unsigned char *)PQgetvalue(r, (int)i, 2),
		    (size_t)PQgetlength(r, (int)i, 2), collect_id,
		    &g->held[i]) == ARC_FATAL) {
			PQclear(r);
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		}
	}
	PQclear(r);
	return ARC_OK;
}

/* The office's documents new or changed since its segments were made
 * (at most SEGMENT_MAX_DOCS, or all with whole), with their versions. */
static int
read_todo(struct arc_store *s, const char *office, int whole,
    struct ids *todo, struct arc_error *err)
{
	const char *p[1] = { office };
	PGresult *r = arc_pg_query(s, whole ? "SELECT doc, n FROM rank_todo "
	    "WHERE office = $1 ORDER BY doc" : "SELECT doc, n FROM rank_todo "
	    "WHERE office = $1 ORDER BY doc LIMIT " "250000", 1, p, err);

	_Static_assert(SEGMENT_MAX_DOCS == 250000, "the LIMIT above");
	if (r == NULL)
		return ARC_FATAL;
	for (int i = 0; i < PQntuples(r); i++)
		if (ids_push(todo, atoll(PQgetvalue(r, i, 0)),
		    atoll(PQgetvalue(r, i, 1))) != ARC_OK) {
			PQclear(r);
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		}
	PQclear(r);
	return ARC_OK;
}

/* Forgets the rows of rank_todo that todo read, unless a writer changed
 * the document again since (its version then is another), or is changing
 * it now (its row locked: waiting for the writer's batch would hold up
 * every maker, and could deadlock with it); those are counted again by
 * the next run. */
static int
done_todo(struct arc_store *s, const char *office, const struct ids *todo,
    struct arc_error *err)
{
	char *docs = arc_pg_ids_text(todo->v, todo->len);
	char *versions = arc_pg_ids_text(todo->n, todo->len);
	const char *p[3] = { office, docs, versions };
	PGresult *r = NULL;

	if (docs != NULL && versions != NULL)
		r = arc_pg_query(s, "DELETE FROM rank_todo WHERE (doc, office) "
		    "IN (SELECT t.doc, t.office FROM rank_todo t JOIN unnest("
		    "$2::bigint[], $3::bigint[]) AS d(doc, n) ON t.doc = d.doc "
		    "AND t.n = d.n WHERE t.office = $1 FOR UPDATE OF t SKIP "
		    "LOCKED)", 3, p, err);
	else
		arc_error_set(err, "out of memory");
	free(docs);
	free(versions);
	if (r == NULL)
		return ARC_FATAL;
	PQclear(r);
	return ARC_OK;
}

/*
 * The office's new and changed documents into a segment, in one
 * transaction, merged with the newest segments while they hold no more
 * than MERGE_SHARE times as many (all of them, with whole): each
 * document is counted again a few times as the office's archive grows,
 * and a search reads a few segments an office.  1 when there may be more
 * to do, 0 when not, ARC_FATAL.
 */
static int
rank_office(struct arc_store *s, struct arc_stemmers *st, const char *office,
    int whole, struct arc_error *err)
{
	struct ids todo = { 0 }, all = { 0 };
	struct segs g = { 0 };
	size_t taken = 0;
	long acc;
	char *gone = NULL;
	int rc = ARC_OK, more;

	s->pg->code[0] = '\0';
	if (read_todo(s, office, whole, &todo, err) != ARC_OK ||
	    read_segs(s, office, &g, err) != ARC_OK) {
		ids_free(&todo);
		segs_free(&g);
		return ARC_FATAL;
	}
	more = !whole && todo.len == SEGMENT_MAX_DOCS;
	acc = (long)todo.len;
	while (taken < g.n && (whole || (g.docs[taken] <= MERGE_SHARE * acc &&
	    acc + g.docs[taken] <= SEGMENT_MAX_DOCS)))
		acc += g.docs[taken++];
	/* Nothing new, and one segment (or none) to merge: as it is. */
	if (todo.len == 0 && taken <= 1)
		goto out;
	for (size_t i = 0; rc == ARC_OK && i < todo.len; i++)
		rc = ids_push(&all, todo.v[i], 0);
	for (size_t k = 0; rc == ARC_OK && k < taken; k++)
		for (size_t i = 0; rc == ARC_OK && i < g.held[k].len; i++)
			rc = ids_push(&all, g.held[k].v[i], 0);
	if (rc != ARC_OK || (gone = arc_pg_ids_text(g.id, taken)) == NULL) {
		rc = arc_error_set(err, "out of memory");
		goto out;
	}
	ids_sort_unique(&all);
	if ((rc = arc_pg_exec(s, "BEGIN", err)) != ARC_OK)
		goto out;
	for (size_t at = 0; rc == ARC_OK && at < all.len;
	    at += SEGMENT_MAX_DOCS)
		rc = count_segment(s, st, &all, at, all.len - at >
		    SEGMENT_MAX_DOCS ? at + SEGMENT_MAX_DOCS : all.len, office,
		    err);
	if (rc == ARC_OK && taken > 0) {
		const char *p[1] = { gone };
		PGresult *r = arc_pg_query(s, "DELETE FROM rank_segment WHERE "
		    "id = ANY ($1::bigint[])", 1, p, err);
		rc = r != NULL ? ARC_OK : ARC_FATAL;
		PQclear(r);
	}
	if (rc == ARC_OK && todo.len > 0)
		rc = done_todo(s, office, &todo, err);
	if (rc == ARC_OK)
		rc = arc_pg_exec(s, "COMMIT", err);
	else
		arc_pg_rollback(s);
	/* Met a writer nonetheless (40P01, 40001): the next run counts
	 * them. */
	if (rc != ARC_OK && strncmp(s->pg->code, "40", 2) == 0)
		rc = ARC_OK, more = 0;
out:
	free(gone);
	ids_free(&todo);
	ids_free(&all);
	segs_free(&g);
	return rc != ARC_OK ? ARC_FATAL : more;
}

int
arc_pg_rank_update(struct arc_store *s, int whole, struct arc_error *err)
{
	struct arc_stemmers st;
	PGresult *offices;
	int rc = ARC_OK, stemmers = 0;

	/*
	 * One maker at a time: a writer whose run ends meanwhile waits,
	 * then counts what the other left (often nothing), so that no
	 * document waits for the next night's run.  Unless the server's
	 * lock_timeout ends the wait first (55P03): its documents are then
	 * left to the next run, and scored from their text till then.
	 */
	if (arc_pg_rank_lock(s, err) != ARC_OK)
		return strcmp(s->pg->code, "55P03") == 0 && !whole ? ARC_OK :
		    ARC_FATAL;
	offices = arc_pg_query(s, whole ? "SELECT office FROM rank_todo UNION "
	    "SELECT office FROM rank_segment" : "SELECT DISTINCT office FROM "
	    "rank_todo", 0, NULL, err);
	if (offices == NULL)
		rc = ARC_FATAL;
	else if (arc_stemmers_init(&st) != ARC_OK)
		rc = arc_error_set(err, "out of memory");
	else
		stemmers = 1;
	for (int i = 0; rc == ARC_OK && i < PQntuples(offices); i++) {
		int more;
		while ((more = rank_office(s, &st, PQgetvalue(offices, i, 0),
		    whole, err)) == 1)
			;
		rc = more == 0 ? ARC_OK : ARC_FATAL;
	}
	if (stemmers)
		arc_stemmers_done(&st);
	PQclear(offices);
	arc_pg_rank_unlock(s);
	return rc;
}

int
arc_pg_rank_lock(struct arc_store *s, struct arc_error *err)
{
	return arc_pg_exec(s, "SELECT pg_advisory_lock(" RANK_LOCK ")", err);
}

void
arc_pg_rank_unlock(struct arc_store *s)
{
	PQclear(PQexec(s->pg->conn, "SELECT pg_advisory_unlock(" RANK_LOCK
	    ")"));
}

/* Does a segment's lens hold document *ctx? */
static int
holds(void *ctx, long long id, uint32_t len)
{
	(void)len;
	return id == *(long long *)ctx ? 1 : ARC_OK;
}

int
arc_pg_rank_forget(struct arc_store *s, long long id, struct arc_error *err)
{
	PGresult *r = PQexecParams(s->pg->conn, "SELECT id, office, lens FROM "
	    "rank_segment", 0, NULL, NULL, NULL, NULL, 1);
	struct arc_stemmers st;
	int rc = ARC_OK;

	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return arc_pg_failed(s, r, err);
	if (arc_stemmers_init(&st) != ARC_OK) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	for (int i = 0; rc == ARC_OK && i < PQntuples(r); i++) {
		const unsigned char *lens = (const unsigned char *)
		    PQgetvalue(r, i, 2);
		size_t n = (size_t)PQgetlength(r, i, 2);
		struct ids held = { 0 };
		char seg[24];
		const char *p[1] = { seg };
		PGresult *gone;

		if (lens_walk(lens, n, holds, &id) != 1)
			continue;
		/* Its documents counted again, the row of this one gone
		 * already: no posting of it is left. */
		if (lens_walk(lens, n, collect_id, &held) == ARC_FATAL)
			rc = arc_error_set(err, "out of memory");
		else if (held.len > 1)
			rc = count_segment(s, &st, &held, 0, held.len,
			    PQgetvalue(r, i, 1), err);
		ids_free(&held);
		snprintf(seg, sizeof(seg), "%lld", int8_at(r, i, 0));
		if (rc == ARC_OK && (gone = arc_pg_query(s, "DELETE FROM "
		    "rank_segment WHERE id = $1", 1, p, err)) != NULL)
			PQclear(gone);
		else if (rc == ARC_OK)
			rc = ARC_FATAL;
	}
	arc_stemmers_done(&st);
	PQclear(r);
	return rc;
}

/* ---- Reading them for a search (ranking.c) ---------------------------- */

struct lengths {
	uint32_t *len, *owner, place;
	long long top;
	double docs, tokens;
	long shadowed;
};

/* A document's length, from the newest segment that holds it; an older
 * one that holds it too is shadowed there. */
static int
keep_length(void *ctx, long long id, uint32_t len)
{
	struct lengths *l = ctx;

	if (id < 1 || id > l->top)
		return ARC_OK;
	if (l->owner[id] != 0) {
		l->shadowed++;
		return ARC_OK;
	}
	l->owner[id] = l->place;
	l->len[id] = len;
	l->docs += 1;
	l->tokens += len;
	return ARC_OK;
}

int
arc_pg_rank_lengths(struct arc_store *s, long long top, uint32_t *len,
    uint32_t *owner, long long **segs, size_t *nsegs, double *docs,
    double *tokens, long *shadowed, struct arc_error *err)
{
	PGresult *r = PQexecParams(s->pg->conn, "SELECT id, lens FROM "
	    "rank_segment ORDER BY id DESC", 0, NULL, NULL, NULL, NULL, 1);
	struct lengths l = { len, owner, 0, top, 0, 0, 0 };
	size_t n;

	*segs = NULL;
	*nsegs = 0;
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return arc_pg_failed(s, r, err);
	n = (size_t)PQntuples(r);
	if ((*segs = calloc(n + 1, sizeof(**segs))) == NULL) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	for (size_t i = 0; i < n; i++) {
		(*segs)[i] = int8_at(r, (int)i, 0);
		l.place = (uint32_t)i + 1;
		/* A broken segment is left out; --optimize makes it again. */
		lens_walk((const unsigned char *)PQgetvalue(r, (int)i, 1),
		    (size_t)PQgetlength(r, (int)i, 1), keep_length, &l);
	}
	*nsegs = n;
	*docs = l.docs;
	*tokens = l.tokens;
	*shadowed = l.shadowed;
	PQclear(r);
	return ARC_OK;
}

uint32_t
arc_pg_rank_place(const long long *segs, size_t n, long long seg)
{
	size_t lo = 0, hi = n;

	/* segs is newest first: ids falling. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (segs[mid] == seg)
			return (uint32_t)mid + 1;
		if (segs[mid] > seg)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int
arc_pg_rank_todo(struct arc_store *s, long long **ids, long long **lens,
    size_t *n, struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, "SELECT doc, max(len) FROM rank_todo "
	    "GROUP BY doc", 0, NULL, err);
	size_t rows;

	*ids = *lens = NULL;
	*n = 0;
	if (r == NULL)
		return ARC_FATAL;
	rows = (size_t)PQntuples(r);
	if ((*ids = calloc(rows + 1, sizeof(**ids))) == NULL ||
	    (*lens = calloc(rows + 1, sizeof(**lens))) == NULL) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	for (size_t i = 0; i < rows; i++) {
		(*ids)[i] = atoll(PQgetvalue(r, (int)i, 0));
		(*lens)[i] = atoll(PQgetvalue(r, (int)i, 1));
	}
	*n = rows;
	PQclear(r);
	return ARC_OK;
}

int
arc_pg_rank_postings(struct arc_store *s, const char *term, size_t len,
    arc_pg_posting_fn fn, void *ctx, struct arc_error *err)
{
	char name[ARC_WORD_MAX + 1];
	const char *p[1] = { name };
	PGresult *r;
	int rc = ARC_OK;

	snprintf(name, sizeof(name), "%.*s", (int)len, term);
	r = PQexecParams(s->pg->conn, "SELECT segment, df, data FROM rank_post "
	    "WHERE term = $1", 1, NULL, p, NULL, NULL, 1);
	if (PQresultStatus(r) != PGRES_TUPLES_OK)
		return arc_pg_failed(s, r, err);
	for (int i = 0; rc == ARC_OK && i < PQntuples(r); i++)
		rc = fn(ctx, int8_at(r, i, 0), (long)int8_at(r, i, 1),
		    (const unsigned char *)PQgetvalue(r, i, 2),
		    (size_t)PQgetlength(r, i, 2));
	PQclear(r);
	if (rc != ARC_OK)
		arc_error_set(err, "out of memory");
	return rc;
}

/* The documents of rank_todo: new or changed since the segments. */
#define TODO_MATCHING "FROM doc d WHERE d.id IN (SELECT doc FROM rank_todo) " \
	"AND d.state = 'archived' AND d.words @@ $1::tsquery"

int
arc_pg_rank_fresh(struct arc_store *s, const char *tsquery,
    arc_pg_doc_fn fn, void *ctx, struct arc_error *err)
{
	static const char *const sql[2] = ROWS_SQL(TODO_MATCHING);
	const char *p[1] = { tsquery };
	struct arc_stemmers st;
	PGresult *r;
	int rc = ARC_OK;

	if ((r = arc_pg_query(s, sql[s->has_title_guessed], 1, p, err)) ==
	    NULL)
		return ARC_FATAL;
	if (arc_stemmers_init(&st) != ARC_OK) {
		PQclear(r);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	for (int i = 0; rc == ARC_OK && i < PQntuples(r); i++) {
		struct fts_columns c;

		rc = row_columns(&st, r, i, &c);
		if (rc == ARC_OK)
			rc = fn(ctx, atoll(PQgetvalue(r, i, 0)), &c);
		arc_fts_columns_free(&c);
	}
	arc_stemmers_done(&st);
	PQclear(r);
	if (rc != ARC_OK)
		arc_error_set(err, "out of memory");
	return rc;
}

int
arc_pg_rank_any(struct arc_store *s, const char *tsquery,
    struct arc_error *err)
{
	const char *p[1] = { tsquery };
	PGresult *r = arc_pg_query(s, "SELECT EXISTS (SELECT 1 " TODO_MATCHING
	    ")", 1, p, err);
	int found;

	if (r == NULL)
		return ARC_FATAL;
	found = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	return found;
}
