/* index.c: records into the archive, in batches: the copy first, then the row and its words in one transaction. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "store.h"

/* Records per transaction: fewer commits (each an fsync) without holding
 * other writers off for long. */
#define BATCH 256

struct pending {
	json_t *rec;
	char *archived;         /* the copy, or NULL */
	char *error;            /* why it failed, or NULL */
};

struct arc_indexer {
	struct arc_store *s;
	struct pending batch[BATCH];
	int n;
	struct arc_index_stats stats;
};

struct arc_indexer *
arc_indexer_new(struct arc_store *s)
{
	struct arc_indexer *ix = calloc(1, sizeof(*ix));

	if (ix != NULL)
		ix->s = s;
	return ix;
}

static int
valid_sha256(const char *s)
{
	if (s == NULL || strlen(s) != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* ---- one row ---- */

static const char *
str(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

/* A line's text from p, trimmed, at most 160 bytes; NULL if it has no
 * letter. */
static char *
line_title(const char *p)
{
	const char *end = p + strcspn(p, "\n\f"), *c;
	size_t n;

	while (p < end && (*p == ' ' || *p == '\t' || *p == ':'))
		p++;
	for (c = p; c < end; c++)
		if ((*c | 0x20) >= 'a' && (*c | 0x20) <= 'z')
			break;
	if (c == end)
		return NULL;
	while (end > p && (end[-1] == ' ' || end[-1] == '\r'))
		end--;
	n = (size_t)(end - p) > 160 ? 160 : (size_t)(end - p);
	n = arc_utf8_valid_prefix(p, n);
	return strndup(p, n);
}

/* Does the line look like part of a letterhead? */
static int
letterhead(const char *p)
{
	static const char *const words[] = { "pemerintah", "kecamatan",
	    "kelurahan", "desa ", "dinas", "badan", "kantor", "sekretariat",
	    "jalan", "jl.", "jl ", "telp", "telepon", "phone", "fax", "email",
	    "e-mail", "website", "laman", "kode pos" };

	while (*p == ' ' || *p == '\t')
		p++;
	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++)
		if (strncasecmp(p, words[i], strlen(words[i])) == 0)
			return 1;
	return 0;
}

/*
 * What a clerk would call the paper: a stage's "title", else its subject
 * (fields.perihal), else what a decree is "TENTANG" (about), else its
 * first line with a letter past the letterhead.
 */
static char *
title_of(json_t *rec, const char *text)
{
	const char *t = str(rec, "title"), *p;
	json_t *perihal = json_object_get(json_object_get(rec, "fields"),
	    "perihal");
	char *title;

	if (t != NULL)
		return strdup(t);
	if (json_is_string(perihal))
		return strdup(json_string_value(perihal));
	for (p = text; *p != '\0'; p += strcspn(p, "\n\f"), p += *p != '\0') {
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "tentang", 7) != 0 ||
		    ((p[7] | 0x20) >= 'a' && (p[7] | 0x20) <= 'z'))
			continue;
		if ((title = line_title(p + 7)) != NULL)
			return title;
		/* "TENTANG" alone: the subject is on the next line with
		 * words, past any blank ones. */
		for (int lines = 0; lines < 3; lines++) {
			p += strcspn(p, "\n\f");
			if (*p == '\0')
				break;
			if ((title = line_title(++p)) != NULL)
				return title;
		}
	}
	/* Past the letterhead: the office's name and address. */
	for (p = text; *p != '\0'; p += strcspn(p, "\n\f"), p += *p != '\0')
		if (!letterhead(p) && (title = line_title(p)) != NULL)
			return title;
	for (p = text; *p != '\0'; p += strcspn(p, "\n\f"), p += *p != '\0')
		if ((title = line_title(p)) != NULL)
			return title;
	return strdup("");
}

static char *
dump(json_t *v)
{
	return v != NULL ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

/* What the index holds of a document, as one hash: equal means nothing to
 * redo. */
static void
digest_of(const char *lang, const char *title, const char *text,
    size_t text_len, const char *tags, const char *fields, char hex[65])
{
	struct arc_sha256 *h = arc_sha256_new();
	const char *parts[] = { lang ? lang : "", title, tags ? tags : "",
	    fields ? fields : "" };

	hex[0] = '\0';
	if (h == NULL)
		return;
	for (size_t i = 0; i < 4; i++)
		arc_sha256_update(h, parts[i], strlen(parts[i]) + 1);
	arc_sha256_update(h, text, text_len);
	arc_sha256_hex(h, hex);
	arc_sha256_free(h);
}

static int
sql_fail(struct arc_store *s, struct arc_error *err)
{
	arc_error_set(err, "%s: %s", s->path, sqlite3_errmsg(s->db));
	return ARC_FATAL;
}

static int
step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

/* Adds (or, with del, removes) a document's words. */
static int
fts_write(struct arc_store *s, sqlite3_int64 id, int del,
    const struct fts_columns *c)
{
	sqlite3_stmt *st;

	if (arc_store_prepare(s, del ?
	    "INSERT INTO fts (fts, rowid, title, body, tags, fields) "
	    "VALUES ('delete', ?, ?, ?, ?, ?)" :
	    "INSERT INTO fts (rowid, title, body, tags, fields) "
	    "VALUES (?, ?, ?, ?, ?)", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, c->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->body, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, c->fields, -1, SQLITE_STATIC);
	return step_done(st);
}

/* Takes a document's old words out of the index. */
static int
fts_remove(struct arc_store *s, sqlite3_int64 id)
{
	sqlite3_stmt *st;
	struct fts_columns c;
	char *text = NULL;
	size_t len = 0;
	int rc = ARC_FATAL;

	if (arc_store_prepare(s, "SELECT lang, title, tags, fields, body "
	    "FROM doc WHERE id = ?", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    arc_uncompress(sqlite3_column_blob(st, 4),
	    (size_t)sqlite3_column_bytes(st, 4), &text, &len) == ARC_OK &&
	    arc_fts_columns((const char *)sqlite3_column_text(st, 0),
	    (const char *)sqlite3_column_text(st, 1), text, len,
	    (const char *)sqlite3_column_text(st, 2),
	    (const char *)sqlite3_column_text(st, 3), &c) == ARC_OK) {
		rc = fts_write(s, id, 1, &c);
		arc_fts_columns_free(&c);
	}
	free(text);
	sqlite3_reset(st);
	return rc;
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
	if (step_done(st) != ARC_OK)
		return ARC_FATAL;
	json_array_foreach(tags, i, t) {
		if (!json_is_string(t))
			continue;
		if (arc_store_prepare(s, "INSERT OR IGNORE INTO doc_tag "
		    "(tag, doc) VALUES (?, ?)", &st) != SQLITE_OK)
			return ARC_FATAL;
		sqlite3_bind_text(st, 1, json_string_value(t), -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, id);
		if (step_done(st) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/* The row as it is now: id (0: none), state, digest. */
static int
existing(struct arc_store *s, const char *sha, sqlite3_int64 *id,
    int *archived, char digest[65])
{
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	*archived = 0;
	digest[0] = '\0';
	if (arc_store_prepare(s, "SELECT id, state, digest FROM doc "
	    "WHERE sha256 = ?", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, sha, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *state = (const char *)sqlite3_column_text(st, 1);
		const char *d = (const char *)sqlite3_column_text(st, 2);
		*id = sqlite3_column_int64(st, 0);
		*archived = state != NULL && strcmp(state, "archived") == 0;
		if (d != NULL)
			snprintf(digest, 65, "%s", d);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

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

/* A document that failed: kept so that arc-scan --new offers it again;
 * one already archived stays archived. */
static int
write_failed(struct arc_indexer *ix, struct pending *p, const char *now)
{
	sqlite3_stmt *st;

	if (arc_store_prepare(ix->s,
	    "INSERT INTO doc (sha256, path, member, size, mtime, mime, pages, "
	    "  indexed, state, error, attempts) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'failed', ?, 1) "
	    "ON CONFLICT (sha256) DO UPDATE SET "
	    "  error = excluded.error, attempts = attempts + 1, "
	    "  indexed = excluded.indexed, path = excluded.path, "
	    "  member = excluded.member "
	    "WHERE state = 'failed'", &st) != SQLITE_OK)
		return ARC_FATAL;
	bind_common(st, p->rec, now);
	sqlite3_bind_text(st, 9, p->error, -1, SQLITE_STATIC);
	ix->stats.failed++;
	return step_done(st);
}

static int
write_archived(struct arc_indexer *ix, struct pending *p, const char *now,
    struct arc_error *err)
{
	struct arc_store *s = ix->s;
	json_t *rec = p->rec, *fields = json_object_get(rec, "fields");
	json_t *jtext = json_object_get(rec, "text");
	const char *text = json_is_string(jtext) ? json_string_value(jtext) : "";
	size_t len = json_is_string(jtext) ? json_string_length(jtext) : 0;
	const char *lang = str(rec, "lang");
	char *title = title_of(rec, text), *tags = dump(json_object_get(rec,
	    "tags")), *fjson = dump(fields), hex[65], old[65];
	unsigned char *body = NULL;
	size_t body_len = 0;
	sqlite3_int64 id;
	sqlite3_stmt *st = NULL;
	struct fts_columns c = { 0 };
	int was_archived, rc = ARC_FATAL;

	if (title == NULL)
		goto out;
	digest_of(lang, title, text, len, tags, fjson, hex);
	if (existing(s, str(rec, "sha256"), &id, &was_archived, old) != ARC_OK)
		goto out;
	if (was_archived && strcmp(hex, old) == 0) {
		/* Unchanged: no FTS work; only where it was found. */
		if (arc_store_prepare(s, "UPDATE doc SET path = ?, "
		    "member = ?, mtime = ?, archived = ? WHERE id = ?", &st) != SQLITE_OK)
			goto out;
		sqlite3_bind_text(st, 1, str(rec, "path"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, str(rec, "member"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, str(rec, "mtime"), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, p->archived, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, id);
		ix->stats.unchanged++;
		rc = step_done(st);
		st = NULL;
		goto out;
	}
	if (was_archived && fts_remove(s, id) != ARC_OK)
		goto out;
	if (arc_compress(text, len, &body, &body_len) != ARC_OK)
		goto out;
	if (arc_store_prepare(s,
	    "INSERT INTO doc (sha256, path, member, size, mtime, mime, pages, "
	    "  indexed, state, lang, title, tanggal, nomor, tags, fields, "
	    "  archived, digest, body, error) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'archived', ?, ?, ?, ?, ?, ?, ?, ?, "
	    "  ?, NULL) "
	    "ON CONFLICT (sha256) DO UPDATE SET "
	    "  path = excluded.path, member = excluded.member, "
	    "  size = excluded.size, mtime = excluded.mtime, "
	    "  mime = excluded.mime, pages = excluded.pages, "
	    "  indexed = excluded.indexed, state = 'archived', "
	    "  lang = excluded.lang, title = excluded.title, "
	    "  tanggal = excluded.tanggal, nomor = excluded.nomor, "
	    "  tags = excluded.tags, fields = excluded.fields, "
	    "  archived = excluded.archived, digest = excluded.digest, "
	    "  body = excluded.body, error = NULL "
	    "RETURNING id", &st) != SQLITE_OK)
		goto out;
	bind_common(st, rec, now);
	sqlite3_bind_text(st, 9, lang, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, json_string_value(json_object_get(fields,
	    "tanggal")), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, json_string_value(json_object_get(fields,
	    "nomor")), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, tags, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 14, fjson, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 15, p->archived, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, hex, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 17, body, (int)body_len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		goto out;
	id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	st = NULL;
	if (arc_fts_columns(lang, title, text, len, tags, fjson, &c) !=
	    ARC_OK || fts_write(s, id, 0, &c) != ARC_OK ||
	    set_tags(s, id, json_object_get(rec, "tags")) != ARC_OK)
		goto out;
	if (was_archived)
		ix->stats.updated++;
	else
		ix->stats.added++;
	rc = ARC_OK;
out:
	if (rc != ARC_OK && err->message[0] == '\0')
		sql_fail(s, err);
	sqlite3_reset(st);
	arc_fts_columns_free(&c);
	free(title);
	free(tags);
	free(fjson);
	free(body);
	return rc;
}

static void
clear(struct pending *p)
{
	json_decref(p->rec);
	free(p->archived);
	free(p->error);
	memset(p, 0, sizeof(*p));
}

/* Writes the batch in one transaction. */
static int
flush(struct arc_indexer *ix, struct arc_error *err)
{
	char now[32];
	int rc = ARC_OK;

	if (ix->n == 0)
		return ARC_OK;
	arc_time_iso8601(time(NULL), now);
	err->message[0] = '\0';
	/* The copies reach the disk before the rows that point to them. */
	if (arc_archive_sync(ix->s, err) != ARC_OK)
		rc = ARC_FATAL;
	/* IMMEDIATE: wait here for another writer, not deadlock later. */
	else if (arc_store_exec(ix->s, "BEGIN IMMEDIATE", err) != ARC_OK)
		rc = ARC_FATAL;
	for (int i = 0; i < ix->n && rc == ARC_OK; i++)
		rc = ix->batch[i].error != NULL ?
		    write_failed(ix, &ix->batch[i], now) :
		    write_archived(ix, &ix->batch[i], now, err);
	if (rc == ARC_OK)
		rc = arc_store_exec(ix->s, "COMMIT", err);
	if (rc != ARC_OK) {
		if (err->message[0] == '\0')
			sql_fail(ix->s, err);
		sqlite3_exec(ix->s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	for (int i = 0; i < ix->n; i++)
		clear(&ix->batch[i]);
	ix->n = 0;
	return rc;
}

int
arc_index_record(struct arc_indexer *ix, json_t *rec, struct arc_error *err)
{
	const char *sha = str(rec, "sha256");
	json_t *error = json_object_get(rec, "error");
	struct pending *p;
	int rc = ARC_OK;

	if (!valid_sha256(sha))
		return arc_error_set(err, "record has no valid \"sha256\"");
	p = &ix->batch[ix->n];
	p->rec = json_incref(rec);
	if (error != NULL) {
		const char *m = str(error, "message");
		p->error = strdup(m != NULL ? m : "failed");
	} else {
		rc = arc_archive_copy(ix->s, rec, &p->archived, err);
		if (rc == ARC_FATAL) {
			clear(p);
			return ARC_FATAL;
		}
		/* Kept as failed, so that it is offered again. */
		if (rc == ARC_ERR)
			p->error = strdup(err->message);
		else if (json_object_set_new(rec, "archived",
		    json_string(p->archived)) != 0)
			rc = ARC_FATAL;
	}
	if ((error != NULL || rc == ARC_ERR) && p->error == NULL) {
		clear(p);
		return arc_error_set(err, "out of memory");
	}
	ix->n++;
	if (ix->n == BATCH) {
		struct arc_error ferr;
		if (flush(ix, &ferr) != ARC_OK) {
			*err = ferr;
			return ARC_FATAL;
		}
	}
	return rc;
}

int
arc_indexer_finish(struct arc_indexer *ix, struct arc_index_stats *stats,
    struct arc_error *err)
{
	int rc = flush(ix, err);

	if (stats != NULL)
		*stats = ix->stats;
	return rc;
}

void
arc_indexer_free(struct arc_indexer *ix)
{
	if (ix == NULL)
		return;
	for (int i = 0; i < ix->n; i++)
		clear(&ix->batch[i]);
	free(ix);
}
