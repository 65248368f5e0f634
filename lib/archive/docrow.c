/* docrow.c: a document's row of the doc table, written and read in one place: its columns, its words in the index and its tags. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

/*
 * The doc table's columns as the readers read them, in the order of
 * enum doc_column.  Those of every archive of schema 2: the columns added
 * since (pages' OCR confidence, the searchable PDF) are missing from
 * archives no arc-index has opened since, which the read-only tools read
 * as they are; their few readers ask for them on their own.
 */
#define DOC_COLUMNS(X) \
	X(SHA256, sha256) X(STATE, state) X(PATH, path) X(MEMBER, member) \
	X(SIZE, size) X(MTIME, mtime) X(MIME, mime) X(LANG, lang) \
	X(PAGES, pages) X(TITLE, title) X(TANGGAL, tanggal) \
	X(NOMOR, nomor) X(TAGS, tags) X(FIELDS, fields) \
	X(ARCHIVED, archived) X(ERROR, error) X(ATTEMPTS, attempts) \
	X(DIGEST, digest) X(INDEXED, indexed)
/* The text, read only where it is wanted: the writer looks up every
 * record's row, and reading its text too would read the whole archive
 * again on a run of unchanged documents.  With it, whether the title was
 * guessed from it: what its words in the index are made from. */
#define DOC_TEXTS(X) X(BODY, body) X(CODED, coded) \
	X(TITLE_GUESSED, title_guessed)

#define DOC_ENUM(k, name) DOC_##k,
enum doc_column { DOC_ID, DOC_COLUMNS(DOC_ENUM) DOC_TEXTS(DOC_ENUM) };
#define DOC_NAME(k, name) ", " #name

#define ROWS "SELECT id" DOC_COLUMNS(DOC_NAME) " FROM doc "
/* Archives of layouts before 6 lack title_guessed, and those made before
 * texts were coded by word, until an arc-index opens them, coded too:
 * NULL in their place (s->has_title_guessed, s->has_coded). */
#define TEXTS "SELECT id" DOC_COLUMNS(DOC_NAME) DOC_TEXTS(DOC_NAME) \
	" FROM doc "
#define TEXTS_5 "SELECT id" DOC_COLUMNS(DOC_NAME) ", body, coded, NULL " \
	"FROM doc "
#define OLD_TEXTS "SELECT id" DOC_COLUMNS(DOC_NAME) ", body, NULL, NULL " \
	"FROM doc "
#define VARIANTS(where) \
	{ ROWS where, TEXTS where, TEXTS_5 where, OLD_TEXTS where }

/* By how a row is found: without its text; with it, by what the archive
 * has. */
static const char *const select_sql[][4] = {
	[ARC_DOC_BY_ID] = VARIANTS("WHERE id = ?"),
	[ARC_DOC_BY_SHA256] = VARIANTS("WHERE sha256 = ?"),
	[ARC_DOC_ALL] = VARIANTS("ORDER BY id"),
	[ARC_DOC_RANGE] = VARIANTS("WHERE id BETWEEN ? AND ? ORDER BY id"),
};

const char *
arc_doc_sql(const struct arc_store *s, enum arc_doc_by by, int with_text)
{
	return select_sql[by][!with_text ? 0 : s->has_title_guessed ? 1 :
	    s->has_coded ? 2 : 3];
}

static const char *
text_at(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

void
arc_doc_row_read(sqlite3_stmt *st, struct arc_doc_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, DOC_ID);
	r->sha256 = text_at(st, DOC_SHA256);
	r->state = text_at(st, DOC_STATE);
	r->is_archived = r->state != NULL &&
	    strcmp(r->state, "archived") == 0;
	r->path = text_at(st, DOC_PATH);
	r->member = text_at(st, DOC_MEMBER);
	r->size = sqlite3_column_int64(st, DOC_SIZE);
	r->mtime = text_at(st, DOC_MTIME);
	r->mime = text_at(st, DOC_MIME);
	r->lang = text_at(st, DOC_LANG);
	r->pages = sqlite3_column_int64(st, DOC_PAGES);
	r->title = text_at(st, DOC_TITLE);
	r->tanggal = text_at(st, DOC_TANGGAL);
	r->nomor = text_at(st, DOC_NOMOR);
	r->tags = text_at(st, DOC_TAGS);
	r->fields = text_at(st, DOC_FIELDS);
	r->archived = text_at(st, DOC_ARCHIVED);
	r->error = text_at(st, DOC_ERROR);
	r->attempts = sqlite3_column_int(st, DOC_ATTEMPTS);
	r->digest = text_at(st, DOC_DIGEST);
	r->indexed = text_at(st, DOC_INDEXED);
	r->title_guessed = -1;
	if (sqlite3_column_count(st) <= DOC_TITLE_GUESSED)
		return;
	if (sqlite3_column_type(st, DOC_TITLE_GUESSED) != SQLITE_NULL)
		r->title_guessed = sqlite3_column_int(st, DOC_TITLE_GUESSED);
	r->body = sqlite3_column_blob(st, DOC_BODY);
	r->body_len = (size_t)sqlite3_column_bytes(st, DOC_BODY);
	r->coded = sqlite3_column_blob(st, DOC_CODED);
	r->coded_len = (size_t)sqlite3_column_bytes(st, DOC_CODED);
}

int
arc_doc_find(struct arc_store *s, enum arc_doc_by by, sqlite3_int64 id,
    const char *sha256, int with_text, sqlite3_stmt **st,
    struct arc_doc_row *r)
{
	int rc;

	if (arc_store_prepare(s, arc_doc_sql(s, by, with_text), st) !=
	    SQLITE_OK)
		return ARC_FATAL;
	if (by == ARC_DOC_BY_SHA256)
		sqlite3_bind_text(*st, 1, sha256, -1, SQLITE_STATIC);
	else
		sqlite3_bind_int64(*st, 1, id);
	if ((rc = sqlite3_step(*st)) == SQLITE_ROW) {
		arc_doc_row_read(*st, r);
		return 1;
	}
	sqlite3_reset(*st);
	return rc == SQLITE_DONE ? 0 : ARC_FATAL;
}

static const char *
str(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* Adds (or, with del, removes) a document's words.  A document a ranking
 * segment holds is then ranked from FTS5 until the segment is made
 * again (rankseg.c). */
static int
fts_write(struct arc_store *s, sqlite3_int64 id, int del,
    const struct fts_columns *c)
{
	sqlite3_stmt *st;

	if (s->has_ranking && (s->ranked_to < 0 || id <= s->ranked_to)) {
		if (arc_store_prepare(s, "INSERT OR IGNORE INTO rank_dirty "
		    "(id) SELECT ?1 WHERE ?1 <= (SELECT max(last) FROM "
		    "rank_segment)", &st) != SQLITE_OK)
			return ARC_FATAL;
		sqlite3_bind_int64(st, 1, id);
		if (arc_store_step_done(st) != ARC_OK)
			return ARC_FATAL;
	}
	if (arc_store_prepare(s, del ?
	    "INSERT INTO fts (fts, rowid, body, title, tags, fields) "
	    "VALUES ('delete', ?, ?, ?, ?, ?)" :
	    "INSERT INTO fts (rowid, body, title, tags, fields) "
	    "VALUES (?, ?, ?, ?, ?)", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, c->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->fields, -1, SQLITE_STATIC);
	return arc_store_step_done(st);
}

int
arc_index_unwords(struct arc_store *s, struct arc_stemmers *stemmers,
    struct arc_word_cache *words, sqlite3_int64 id)
{
	sqlite3_stmt *st;
	struct arc_doc_row r;
	struct fts_columns c;
	char *text = NULL;
	size_t len = 0;
	int rc = ARC_FATAL;

	if (arc_doc_find(s, ARC_DOC_BY_ID, id, NULL, 1, &st, &r) != 1)
		return ARC_FATAL;
	if (arc_doc_text(s, words, &r, &text, &len) != ARC_OK)
		rc = ARC_ERR;
	else if (arc_fts_columns(stemmers, r.lang, r.title, r.title_guessed,
	    text, len, r.tags, r.fields, &c) == ARC_OK)
		rc = ARC_OK;
	free(text);
	/* Reset before the write: after it, the reset would clear the
	 * message of a write that failed. */
	sqlite3_reset(st);
	if (rc == ARC_OK) {
		rc = fts_write(s, id, 1, &c);
		arc_fts_columns_free(&c);
	}
	return rc;
}

int
arc_doc_each_words(struct arc_store *s, sqlite3_int64 first,
    sqlite3_int64 last, arc_doc_words_fn fn, void *ctx)
{
	struct arc_stemmers stemmers;
	struct arc_word_cache *words = arc_word_cache_new();
	sqlite3_stmt *st = NULL;
	int rc = ARC_OK, step = SQLITE_DONE;

	if (words == NULL || arc_stemmers_init(&stemmers) != ARC_OK) {
		arc_word_cache_free(words);
		return ARC_FATAL;
	}
	/* Its own statement: fn may write with the cached ones. */
	if (sqlite3_prepare_v2(s->db, arc_doc_sql(s, ARC_DOC_RANGE, 1), -1,
	    &st, NULL) != SQLITE_OK)
		rc = ARC_FATAL;
	sqlite3_bind_int64(st, 1, first);
	sqlite3_bind_int64(st, 2, last);
	while (rc == ARC_OK && (step = sqlite3_step(st)) == SQLITE_ROW) {
		struct arc_doc_row r;
		struct fts_columns c;
		char *text = NULL;
		size_t len = 0;

		arc_doc_row_read(st, &r);
		/* A text that cannot be read back had no words to find
		 * before either: arc-index --check names it. */
		if (r.is_archived && arc_doc_text(s, words, &r, &text, &len) ==
		    ARC_OK) {
			if (arc_fts_columns(&stemmers, r.lang, r.title,
			    r.title_guessed, text, len, r.tags, r.fields,
			    &c) != ARC_OK)
				rc = ARC_FATAL;
			else {
				rc = fn(ctx, r.id, &c);
				arc_fts_columns_free(&c);
			}
		}
		free(text);
	}
	if (rc == ARC_OK && step != SQLITE_DONE)
		rc = ARC_FATAL;
	sqlite3_finalize(st);
	arc_word_cache_free(words);
	arc_stemmers_done(&stemmers);
	return rc;
}

static int
write_words(void *ctx, sqlite3_int64 id, const struct fts_columns *c)
{
	return fts_write(ctx, id, 0, c);
}

int
arc_fts_rebuild(struct arc_store *s, struct arc_error *err)
{
	if (arc_store_exec(s, "INSERT INTO fts (fts) VALUES ('delete-all')",
	    err) != ARC_OK)
		return ARC_FATAL;
	if (arc_doc_each_words(s, 0, INT64_MAX, write_words, s) != ARC_OK)
		return arc_store_fail(s, err);
	return ARC_OK;
}

/* Whether the row's title is one its paper names, its perihal or what a
 * decree is TENTANG about, as arc_title_of finds them from the row's
 * fields and text; -1 when out of memory. */
static int
row_title_named(const struct arc_doc_row *r, const char *text)
{
	json_t *rec = json_object(), *fields = r->fields != NULL ?
	    json_loads(r->fields, 0, NULL) : NULL;
	char *title;
	int guessed = 1, named;

	if (rec == NULL) {
		json_decref(fields);
		return -1;
	}
	if (fields != NULL)
		json_object_set_new(rec, "fields", fields);
	title = arc_title_of(rec, text, &guessed);
	named = title == NULL ? -1 : !guessed && strcmp(title, r->title !=
	    NULL ? r->title : "") == 0;
	free(title);
	json_decref(rec);
	return named;
}

/* Row r, archived before layout 6, its text read: its title_guessed
 * settled, and its words in the index made again if its title now weighs
 * otherwise. */
static int
settle_title(struct arc_store *s, struct arc_stemmers *stemmers,
    const struct arc_doc_row *r, const char *text, size_t len)
{
	struct fts_columns before, after;
	sqlite3_stmt *st;
	int named, before_rule, guessed, rc;

	if ((named = row_title_named(r, text)) < 0)
		return ARC_FATAL;
	before_rule = arc_title_guessed(r->title != NULL ? r->title : "",
	    text, len);
	guessed = named ? 0 : before_rule;
	if (guessed != before_rule) {
		if (arc_fts_columns(stemmers, r->lang, r->title, -1, text, len,
		    r->tags, r->fields, &before) != ARC_OK)
			return ARC_FATAL;
		if (arc_fts_columns(stemmers, r->lang, r->title, guessed, text,
		    len, r->tags, r->fields, &after) != ARC_OK) {
			arc_fts_columns_free(&before);
			return ARC_FATAL;
		}
		rc = fts_write(s, r->id, 1, &before);
		if (rc == ARC_OK)
			rc = fts_write(s, r->id, 0, &after);
		arc_fts_columns_free(&before);
		arc_fts_columns_free(&after);
		if (rc != ARC_OK)
			return ARC_FATAL;
	}
	if (arc_store_prepare(s, "UPDATE doc SET title_guessed = ? "
	    "WHERE id = ?", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int(st, 1, guessed);
	sqlite3_bind_int64(st, 2, r->id);
	return arc_store_step_done(st);
}

/* The unsettled rows, each read whole by its id: only they are read (one
 * whose text cannot be read back stays unsettled: arc-index --check
 * names it). */
static int
settle_titles(struct arc_store *s, struct arc_stemmers *stemmers,
    struct arc_word_cache *words)
{
	sqlite3_stmt *ids;
	int rc = ARC_OK, step = SQLITE_DONE;

	/* Its own statement: the rows are found and written with the
	 * cached ones. */
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM doc WHERE "
	    "title_guessed IS NULL AND state = 'archived'", -1, &ids,
	    NULL) != SQLITE_OK)
		return ARC_FATAL;
	while (rc == ARC_OK && (step = sqlite3_step(ids)) == SQLITE_ROW) {
		sqlite3_stmt *st;
		struct arc_doc_row r;
		char *text = NULL;
		size_t len = 0;
		int found = arc_doc_find(s, ARC_DOC_BY_ID,
		    sqlite3_column_int64(ids, 0), NULL, 1, &st, &r);

		if (found < 0)
			rc = ARC_FATAL;
		else if (found == 1 && arc_doc_text(s, words, &r, &text,
		    &len) == ARC_OK)
			rc = settle_title(s, stemmers, &r, text, len);
		if (found == 1)
			sqlite3_reset(st);
		free(text);
	}
	if (rc == ARC_OK && step != SQLITE_DONE)
		rc = ARC_FATAL;
	sqlite3_finalize(ids);
	return rc;
}

int
arc_titles_settle(struct arc_store *s, struct arc_error *err)
{
	struct arc_stemmers stemmers;
	struct arc_word_cache *words;
	int rc;

	if (!s->has_title_guessed)
		return ARC_OK;
	if ((words = arc_word_cache_new()) == NULL ||
	    arc_stemmers_init(&stemmers) != ARC_OK) {
		arc_word_cache_free(words);
		return arc_error_set(err, "out of memory");
	}
	/* One transaction: settled all, or none. */
	if ((rc = arc_store_exec(s, "BEGIN IMMEDIATE", err)) == ARC_OK &&
	    (rc = settle_titles(s, &stemmers, words)) != ARC_OK) {
		arc_store_fail(s, err);
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	arc_word_cache_free(words);
	arc_stemmers_done(&stemmers);
	return rc == ARC_OK ? arc_store_exec(s, "COMMIT", err) : ARC_FATAL;
}

static int
set_tags(struct arc_store *s, sqlite3_int64 id, json_t *tags)
{
	sqlite3_stmt *st;
	json_t *t;
	size_t i;

	if (arc_store_prepare(s, "DELETE FROM doc_tag WHERE doc = ?",
	    &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, id);
	if (arc_store_step_done(st) != ARC_OK)
		return ARC_FATAL;
	json_array_foreach(tags, i, t) {
		if (!json_is_string(t))
			continue;
		if (arc_store_prepare(s, "INSERT OR IGNORE INTO doc_tag "
		    "(tag, doc) VALUES (?, ?)", &st) != SQLITE_OK)
			return ARC_FATAL;
		sqlite3_bind_text(st, 1, json_string_value(t), -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		if (arc_store_step_done(st) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/* The values of a new row that come from the record as they are: the
 * first eight parameters of both inserts below. */
static void
bind_common(sqlite3_stmt *st, json_t *rec, const char *now)
{
	json_t *size = json_object_get(rec, "size");
	json_t *pages = json_object_get(rec, "pages");

	sqlite3_bind_text(st, 1, str(rec, "sha256"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, str(rec, "path"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, str(rec, "member"), -1, SQLITE_STATIC);
	if (json_is_integer(size))
		sqlite3_bind_int64(st, 4, json_integer_value(size));
	sqlite3_bind_text(st, 5, str(rec, "mtime"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, str(rec, "mime"), -1, SQLITE_STATIC);
	if (json_is_integer(pages))
		sqlite3_bind_int64(st, 7, json_integer_value(pages));
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
}

int
arc_doc_put_failed(struct arc_store *s, json_t *rec, const char *error,
    const char *now)
{
	sqlite3_stmt *st;

	if (arc_store_prepare(s,
	    "INSERT INTO doc (sha256, path, member, size, mtime, mime, pages, "
	    "  indexed, state, error, attempts) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'failed', ?, 1) "
	    "ON CONFLICT (sha256) DO UPDATE SET "
	    "  error = excluded.error, attempts = attempts + 1, "
	    "  indexed = excluded.indexed, path = excluded.path, "
	    "  member = excluded.member "
	    "WHERE state = 'failed'", &st) != SQLITE_OK)
		return ARC_FATAL;
	bind_common(st, rec, now);
	sqlite3_bind_text(st, 9, error, -1, SQLITE_STATIC);
	return arc_store_step_done(st);
}

int
arc_doc_put_found(struct arc_store *s, json_t *rec, sqlite3_int64 id)
{
	sqlite3_stmt *st;

	/* The copy's path is made from sha256 and mime: the mime of the
	 * copy just made or found. */
	if (arc_store_prepare(s, "UPDATE doc SET path = ?, "
	    "member = ?, mtime = ?, mime = ?, archived = NULL, "
	    "pdf = coalesce(?, pdf) WHERE id = ?", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, str(rec, "path"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, str(rec, "member"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, str(rec, "mtime"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, str(rec, "mime"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, str(rec, "pdf"), -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, id);
	return arc_store_step_done(st);
}

int
arc_doc_put(struct arc_store *s, json_t *rec, const struct arc_doc_made *m,
    sqlite3_int64 *id, const char *now)
{
	json_t *fields = json_object_get(rec, "fields");
	sqlite3_stmt *st;

	/* No RETURNING: it would run the statement in a savepoint of its
	 * own, and FTS5 writes out its pending words at every savepoint,
	 * one segment per document instead of one per batch. */
	if (arc_store_prepare(s,
	    "INSERT INTO doc (sha256, path, member, size, mtime, mime, pages, "
	    "  indexed, state, lang, title, tanggal, nomor, tags, fields, "
	    "  archived, digest, body, coded, confidence, pdf, error, "
	    "  title_guessed) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'archived', ?, ?, ?, ?, ?, ?, "
	    "  NULL, ?, NULL, ?, ?, ?, NULL, ?) "
	    "ON CONFLICT (sha256) DO UPDATE SET "
	    "  path = excluded.path, member = excluded.member, "
	    "  size = excluded.size, mtime = excluded.mtime, "
	    "  mime = excluded.mime, pages = excluded.pages, "
	    "  indexed = excluded.indexed, state = 'archived', "
	    "  lang = excluded.lang, title = excluded.title, "
	    "  tanggal = excluded.tanggal, nomor = excluded.nomor, "
	    "  tags = excluded.tags, fields = excluded.fields, "
	    "  archived = NULL, digest = excluded.digest, "
	    "  body = NULL, coded = excluded.coded, "
	    "  confidence = excluded.confidence, "
	    "  pdf = excluded.pdf, error = NULL, "
	    "  title_guessed = excluded.title_guessed", &st) != SQLITE_OK)
		return ARC_FATAL;
	bind_common(st, rec, now);
	sqlite3_bind_text(st, 9, str(rec, "lang"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, m->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, json_string_value(json_object_get(fields,
	    "tanggal")), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, json_string_value(json_object_get(fields,
	    "nomor")), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, m->tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, m->fields, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, m->digest, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 16, m->coded, (int)m->coded_len, SQLITE_STATIC);
	sqlite3_bind_text(st, 17, m->confidence, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 18, str(rec, "pdf"), -1, SQLITE_STATIC);
	if (m->title_guessed >= 0)
		sqlite3_bind_int(st, 19, m->title_guessed);
	if (arc_store_step_done(st) != ARC_OK)
		return ARC_FATAL;
	if (*id == 0)
		*id = sqlite3_last_insert_rowid(s->db);
	if (fts_write(s, *id, 0, m->words) != ARC_OK ||
	    set_tags(s, *id, json_object_get(rec, "tags")) != ARC_OK)
		return ARC_FATAL;
	return ARC_OK;
}
