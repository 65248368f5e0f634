/* pgindex.c: an indexer's rows written to a PostgreSQL archive, in the writer's transaction, as docrow.c and chat.c write them to SQLite; each document listed for the office that archived it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arc_faq.h"
#include "pg.h"

static const char *
str(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* An integer of the record as text, or NULL. */
static const char *
integer(json_t *rec, const char *key, char buf[24])
{
	json_t *v = json_object_get(rec, key);

	if (!json_is_integer(v))
		return NULL;
	snprintf(buf, 24, "%lld", (long long)json_integer_value(v));
	return buf;
}

/* Runs a statement whose result is not wanted; ARC_FATAL with err. */
static int
run(struct arc_store *s, const char *sql, int n, const char *const *params,
    struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, sql, n, params, err);

	if (r == NULL)
		return ARC_FATAL;
	PQclear(r);
	return ARC_OK;
}

int
arc_pg_forgotten_load(struct arc_store *s, struct arc_sha_list *l,
    struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, "SELECT sha256 FROM forgotten "
	    "ORDER BY sha256 COLLATE \"C\"", 0, NULL, err);

	if (r == NULL)
		return ARC_FATAL;
	l->n = 0;
	for (int i = 0; i < PQntuples(r); i++) {
		if (arc_grow(&l->sha, &l->cap, l->n, 1, sizeof(*l->sha)) !=
		    ARC_OK) {
			PQclear(r);
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		}
		snprintf(l->sha[l->n++], 65, "%s", PQgetvalue(r, i, 0));
	}
	PQclear(r);
	return ARC_OK;
}

int
arc_pg_begin(struct arc_store *s, struct arc_sha_list *erased,
    struct arc_error *err)
{
	if (arc_pg_exec(s, "BEGIN", err) != ARC_OK)
		return ARC_FATAL;
	/* The erasures so far: a document erased while this run went on
	 * is not written. */
	return arc_pg_forgotten_load(s, erased, err);
}

int
arc_pg_commit(struct arc_store *s, struct arc_error *err)
{
	if (arc_pg_exec(s, "COMMIT", err) == ARC_OK)
		return ARC_OK;
	arc_pg_rollback(s);
	/* 40P01 deadlock, 40001 serialization: two writers met. */
	return strncmp(s->pg->code, "40", 2) == 0 ? ARC_ERR : ARC_FATAL;
}

/* The document's row is listed for this run's office too ($1). */
#define ADD_OFFICE(param) \
	"offices = CASE WHEN " param "::text IS NULL OR " param \
	" = ANY (doc.offices) THEN doc.offices ELSE " \
	"array_append(doc.offices, " param ") END"


/* A document's words, as a ranking segment counts its length. */
static void
words_of(const struct fts_columns *c, char out[24])
{
	const char *cols[] = { c->body, c->title, c->tags, c->fields };
	long n = 0;

	for (size_t k = 0; k < sizeof(cols) / sizeof(*cols); k++)
		for (const char *p = cols[k]; p != NULL && *p != '\0';) {
			size_t len = strcspn(p, " ");
			n += len > 0;
			p += len + (p[len] == ' ');
		}
	snprintf(out, 24, "%ld", n);
}

/*
 * One statement: the row; the document to be counted into the ranking
 * segments of every office it is listed for ('' when none; a version the
 * maker of segments counted is replaced, so that it counts it again:
 * pgrank.c); its tags, strings only.  Without title_guessed ($22) and
 * with it.
 */
#define PUT_SQL(guessed, value, set) \
	"WITH d AS (INSERT INTO doc AS doc (sha256, path, member, size, " \
	"  mtime, mime, pages, indexed, state, lang, title, tanggal, " \
	"  nomor, tags, fields, digest, body, confidence, pdf, words, " \
	"  offices" guessed ") " \
	"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'archived', $9, $10, " \
	"  $11, $12, $13, $14, $15, $16, $17, $18, $19::tsvector, " \
	"  CASE WHEN $20::text IS NULL THEN '{}' ELSE ARRAY[$20] END" \
	value ") " \
	"ON CONFLICT (sha256) DO UPDATE SET " \
	"  path = excluded.path, member = excluded.member, " \
	"  size = excluded.size, mtime = excluded.mtime, " \
	"  mime = excluded.mime, pages = excluded.pages, " \
	"  indexed = excluded.indexed, state = 'archived', " \
	"  lang = excluded.lang, title = excluded.title, " \
	"  tanggal = excluded.tanggal, nomor = excluded.nomor, " \
	"  tags = excluded.tags, fields = excluded.fields, " \
	"  digest = excluded.digest, body = excluded.body, " \
	"  confidence = excluded.confidence, pdf = excluded.pdf, " \
	"  words = excluded.words, error = NULL, " set ADD_OFFICE("$20") \
	" RETURNING id, offices, xmax <> 0 AS was_there), " \
	"todo AS (INSERT INTO rank_todo (doc, office, len) " \
	"  SELECT d.id, o, $21 FROM d, unnest(" PG_OFFICES("d") ") o " \
	"  ON CONFLICT (doc, office) DO UPDATE SET " \
	"  n = nextval('rank_todo_n'), len = excluded.len), " \
	"tags AS (INSERT INTO doc_tag (tag, doc) SELECT DISTINCT " \
	"  e #>> '{}', d.id FROM d, jsonb_array_elements(CASE WHEN " \
	"  jsonb_typeof($13::jsonb) = 'array' THEN $13::jsonb " \
	"  ELSE '[]' END) e WHERE jsonb_typeof(e) = 'string' " \
	"  ON CONFLICT DO NOTHING) " \
	"SELECT id, was_there FROM d"
static const char *const put_sql[2] = {
	PUT_SQL("", "", ""),
	PUT_SQL(", title_guessed", ", $22::boolean",
	    "title_guessed = excluded.title_guessed, "),
};

int
arc_pg_put_archived(struct arc_store *s, json_t *rec,
    const struct arc_doc_made *m, const char *now, int *outcome,
    char **old_mime, struct arc_error *err)
{
	json_t *fields = json_object_get(rec, "fields");
	const char *sha = str(rec, "sha256"), *office = s->pg->office;
	char size[24], pages[24], len[24], *words = NULL;
	PGresult *r;

	*old_mime = NULL;
	/* The row, locked: another writer archiving the same document
	 * waits here until this one commits. */
	const char *find[2] = { sha, office };
	if ((r = arc_pg_query(s, "SELECT id, state, digest, mime, $2::text IS "
	    "NOT NULL AND NOT $2 = ANY (offices) FROM doc WHERE sha256 = $1 "
	    "FOR UPDATE", 2, find, err)) == NULL)
		return ARC_FATAL;
	if (PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 1), "archived") ==
	    0) {
		const char *digest = arc_pg_text(r, 0, 2);
		const char *mime = arc_pg_text(r, 0, 3);
		if (mime != NULL && (*old_mime = strdup(mime)) == NULL) {
			PQclear(r);
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		}
		if (digest != NULL && strcmp(digest, m->digest) == 0) {
			char id[24];
			const char *p[8] = { str(rec, "path"),
			    str(rec, "member"), str(rec, "mtime"),
			    str(rec, "mime"), str(rec, "pdf"), id, office,
			    len };
			int newly_listed = strcmp(PQgetvalue(r, 0, 4), "t") ==
			    0;
			snprintf(id, sizeof(id), "%s", PQgetvalue(r, 0, 0));
			PQclear(r);
			*outcome = ARC_PG_UNCHANGED;
			if (run(s, "UPDATE doc SET path = $1, member = $2, "
			    "mtime = $3, mime = $4, pdf = coalesce($5, pdf), "
			    ADD_OFFICE("$7") " WHERE id = $6", 7, p, err) !=
			    ARC_OK)
				return ARC_FATAL;
			/* Listed for this office now: to be counted into its
			 * segments too. */
			if (!newly_listed)
				return ARC_OK;
			words_of(m->words, len);
			return run(s, "INSERT INTO rank_todo (doc, office, "
			    "len) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
			    3, p + 5, err);
		}
		*outcome = ARC_PG_UPDATED;
	} else
		*outcome = ARC_PG_ADDED;
	/* A changed document's tags go; the record's are written below. */
	if (*outcome == ARC_PG_UPDATED) {
		const char *id[1] = { PQgetvalue(r, 0, 0) };
		if (run(s, "DELETE FROM doc_tag WHERE doc = $1", 1, id, err) !=
		    ARC_OK) {
			PQclear(r);
			return ARC_FATAL;
		}
	}
	PQclear(r);
	if ((words = arc_pg_tsvector(m->words)) == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	words_of(m->words, len);
	const char *p[22] = { sha, str(rec, "path"), str(rec, "member"),
	    integer(rec, "size", size), str(rec, "mtime"), str(rec, "mime"),
	    integer(rec, "pages", pages), now, str(rec, "lang"), m->title,
	    json_string_value(json_object_get(fields, "tanggal")),
	    json_string_value(json_object_get(fields, "nomor")), m->tags,
	    m->fields, m->digest, str(rec, "text") ? str(rec, "text") : "",
	    m->confidence, str(rec, "pdf"), words, office, len };
	p[21] = m->title_guessed < 0 ? NULL : m->title_guessed ? "t" : "f";
	/* An archive of layout 3, which a writer other than its owner
	 * does not upgrade, has no title_guessed (pgstore.c). */
	r = arc_pg_query(s, s->has_title_guessed ? put_sql[1] : put_sql[0],
	    s->has_title_guessed ? 22 : 21, p, err);
	free(words);
	if (r == NULL)
		return ARC_FATAL;
	/* The row was there after all (another writer archived it
	 * meanwhile, or it had failed before): its tags replaced by the
	 * record's. */
	if (*outcome == ARC_PG_ADDED && strcmp(PQgetvalue(r, 0, 1), "t") ==
	    0) {
		const char *t[2] = { PQgetvalue(r, 0, 0), m->tags };
		if (run(s, "DELETE FROM doc_tag WHERE doc = $1", 1, t, err) !=
		    ARC_OK || run(s, "INSERT INTO doc_tag (tag, doc) SELECT "
		    "DISTINCT e #>> '{}', $1::bigint FROM "
		    "jsonb_array_elements(CASE WHEN jsonb_typeof($2::jsonb) = "
		    "'array' THEN $2::jsonb ELSE '[]' END) e WHERE "
		    "jsonb_typeof(e) = 'string'", 2, t,
		    err) != ARC_OK) {
			PQclear(r);
			return ARC_FATAL;
		}
	}
	PQclear(r);
	return ARC_OK;
}

int
arc_pg_put_failed(struct arc_store *s, json_t *rec, const char *error,
    const char *now, struct arc_error *err)
{
	char size[24], pages[24];
	const char *p[10] = { str(rec, "sha256"), str(rec, "path"),
	    str(rec, "member"), integer(rec, "size", size), str(rec, "mtime"),
	    str(rec, "mime"), integer(rec, "pages", pages), now, error,
	    s->pg->office };

	const char *listed[2] = { p[0], p[9] };

	if (run(s,
	    "INSERT INTO doc AS doc (sha256, path, member, size, mtime, mime, "
	    "  pages, indexed, state, error, attempts, offices) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'failed', $9, 1, "
	    "  CASE WHEN $10::text IS NULL THEN '{}' ELSE ARRAY[$10] END) "
	    "ON CONFLICT (sha256) DO UPDATE SET "
	    "  error = excluded.error, attempts = doc.attempts + 1, "
	    "  indexed = excluded.indexed, path = excluded.path, "
	    "  member = excluded.member, " ADD_OFFICE("$10")
	    " WHERE doc.state = 'failed'", 10, p, err) != ARC_OK)
		return ARC_FATAL;
	/* Another office archived it, and this one could not read it (a
	 * timeout, a language not installed): it is listed for this office
	 * as that one read it, to be counted into its segments; else
	 * arc-scan --new would offer it to this office every night
	 * (arc_pg_state). */
	return run(s, "WITH listed AS (UPDATE doc SET " ADD_OFFICE("$2")
	    " WHERE sha256 = $1 AND state = 'archived' AND $2::text IS NOT "
	    "NULL AND NOT $2 = ANY (offices) RETURNING id) "
	    "INSERT INTO rank_todo (doc, office) SELECT id, $2 FROM listed "
	    "ON CONFLICT DO NOTHING", 2, listed, err);
}

int
arc_pg_put_unread(struct arc_store *s, json_t *rec, const char *error,
    const char *now, struct arc_error *err)
{
	const char *member = str(rec, "member");
	const char *p[5] = { str(rec, "path"), member != NULL ? member : "",
	    error, now, s->pg->office };

	return run(s, "INSERT INTO unread (path, member, attempts, error, "
	    "time, office) VALUES ($1, $2, 1, $3, $4, $5) "
	    "ON CONFLICT (path, member) DO UPDATE SET "
	    "  attempts = unread.attempts + 1, error = excluded.error, "
	    "  time = excluded.time", 5, p, err);
}

int
arc_pg_clear_unread(struct arc_store *s, json_t *rec, struct arc_error *err)
{
	const char *member = str(rec, "member");
	const char *p[2] = { str(rec, "path"), member != NULL ? member : "" };

	if (p[0] == NULL)
		return ARC_OK;
	return run(s, "DELETE FROM unread WHERE path = $1 AND member = $2", 2,
	    p, err);
}

int
arc_pg_chat_put(struct arc_store *s, const json_t *rec, long *added,
    struct arc_error *err)
{
	struct arc_interaction in;
	char *value[7] = { NULL }, score[32];
	PGresult *r;
	int rc = ARC_FATAL;

	arc_interaction_parse(rec, &in);
	const char *text[] = { in.time, in.session, in.q, in.status, in.id,
	    in.lang, in.answer };
	for (int i = 0; i < 7; i++) {
		/* Masked again, whoever made the record. */
		if (text[i] != NULL && (value[i] = strdup(text[i])) == NULL) {
			arc_error_set(err, "out of memory");
			goto out;
		}
		if (value[i] != NULL)
			arc_mask_nik(value[i]);
	}
	snprintf(score, sizeof(score), "%.17g", in.score);
	const char *p[9] = { value[0], value[1], value[2], value[3], value[4],
	    value[5], value[6], in.has_score ? score : NULL, s->pg->office };
	r = arc_pg_query(s, "INSERT INTO chat (time, session, q, status, "
	    "entry, lang, answer, score, office) VALUES ($1, $2, $3, $4, $5, "
	    "$6, $7, $8, $9) ON CONFLICT DO NOTHING", 9, p, err);
	if (r != NULL) {
		*added += atol(PQcmdTuples(r));
		PQclear(r);
		rc = ARC_OK;
	}
out:
	for (int i = 0; i < 7; i++)
		free(value[i]);
	return rc;
}
