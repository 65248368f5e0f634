/* vocab.c: the archive's vocabulary, the numbers its texts are kept in (textcode.c): given by the writer, read by the workers, looked up again to read a text. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/*
 * One indexer's copy of the word table.  The workers number the words of
 * the texts they prepare with what it holds (a read lock for a whole
 * text); the writer, in its transaction, numbers the rest and adds them
 * (a write lock for a whole batch: taken for each new word, the lock's
 * hand-overs doubled the indexer's system time).  A number is given once,
 * in the database, by whoever holds its write lock: another arc-index's
 * numbers are read in before giving any.
 */
struct arc_vocab {
	pthread_rwlock_t lock;
	struct arc_strmap *ids;
	int64_t last;           /* the highest number read or given */
	struct arc_store *s;    /* the writer's */
	/* The last pruning (word_pruned) when the copy was read: another
	 * means words were taken out, and the copy is read again whole. */
	int64_t pruned;
	unsigned gen;           /* the copy's: one more each time */
	/* The writer's words looked up to read texts (arc_index_unwords),
	 * made on first use. */
	struct arc_word_cache *words;
};

struct arc_vocab *
arc_vocab_new(struct arc_store *s)
{
	struct arc_vocab *v = calloc(1, sizeof(*v));
	pthread_rwlockattr_t attr;

	if (v == NULL || (v->ids = arc_strmap_new()) == NULL) {
		free(v);
		return NULL;
	}
	/* The writer waits for no more than the texts being numbered. */
	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr,
	    PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&v->lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	v->last = TC_FIRST_ID - 1;
	v->s = s;
	v->pruned = -1;
	return v;
}

void
arc_vocab_free(struct arc_vocab *v)
{
	if (v == NULL)
		return;
	arc_strmap_free(v->ids);
	arc_word_cache_free(v->words);
	pthread_rwlock_destroy(&v->lock);
	free(v);
}

/* Reads the numbers given since v->last, by another arc-index or before
 * this one started. */
static int
catch_up(struct arc_vocab *v)
{
	sqlite3_stmt *st;
	int rc;

	if (arc_store_prepare(v->s, "SELECT id, w FROM word WHERE id > ? "
	    "ORDER BY id", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, v->last);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(st, 1);
		int64_t id = sqlite3_column_int64(st, 0);
		if (w != NULL && arc_strmap_put(v->ids, w,
		    (size_t)sqlite3_column_bytes(st, 1), (long)id) != ARC_OK) {
			rc = SQLITE_NOMEM;
			break;
		}
		v->last = id;
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

/* A worker's lookup, under the read lock its caller holds. */
static int64_t
known_id(void *ctx, const char *tok, size_t len)
{
	long id;

	return arc_strmap_get(ctx, tok, len, &id) ? id : 0;
}

int
arc_vocab_encode(struct arc_vocab *v, const char *text, size_t len,
    unsigned char **out, size_t *out_len, int *fresh, unsigned *gen)
{
	int rc;

	pthread_rwlock_rdlock(&v->lock);
	rc = arc_textcode_encode(text, len, known_id, v->ids, out, out_len,
	    fresh);
	*gen = v->gen;
	pthread_rwlock_unlock(&v->lock);
	return rc;
}

/* The writer's: the token's number, given now if it has none. */
static int64_t
give_id(void *ctx, const char *tok, size_t len)
{
	struct arc_vocab *v = ctx;
	sqlite3_stmt *st;
	long id;

	if (arc_strmap_get(v->ids, tok, len, &id))
		return id;
	if (arc_store_prepare(v->s, "INSERT INTO word (id, w) VALUES (?, ?)",
	    &st) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, v->last + 1);
	sqlite3_bind_text(st, 2, tok, (int)len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		sqlite3_reset(st);
		return -1;
	}
	sqlite3_reset(st);
	id = (long)++v->last;
	return arc_strmap_put(v->ids, tok, len, id) == ARC_OK ? id : -1;
}

/* The last time words were taken out (0: never); -1 when the database
 * fails. */
static int64_t
last_pruning(struct arc_store *s)
{
	sqlite3_stmt *st;
	int64_t n = -1;

	if (arc_store_prepare(s, "SELECT coalesce(max(id), 0) FROM "
	    "word_pruned", &st) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return n;
}

/* Forgets the copy, to read it again whole; and the words looked up to
 * read texts, whose numbers may since have been given again. */
static int
start_over(struct arc_vocab *v)
{
	struct arc_strmap *fresh = arc_strmap_new();

	if (fresh == NULL)
		return ARC_FATAL;
	arc_strmap_free(v->ids);
	v->ids = fresh;
	arc_word_cache_clear(v->words);
	v->last = TC_FIRST_ID - 1;
	v->gen++;
	return ARC_OK;
}

int
arc_vocab_begin(struct arc_vocab *v)
{
	int64_t pruned;

	pthread_rwlock_wrlock(&v->lock);
	if ((pruned = last_pruning(v->s)) < 0)
		goto fail;
	if (pruned != v->pruned) {
		if (v->pruned >= 0 && start_over(v) != ARC_OK)
			goto fail;
		v->pruned = pruned;
	}
	if (catch_up(v) == ARC_OK)
		return ARC_OK;
fail:
	pthread_rwlock_unlock(&v->lock);
	return ARC_FATAL;
}

struct arc_word_cache *
arc_vocab_words(struct arc_vocab *v)
{
	if (v->words == NULL)
		v->words = arc_word_cache_new();
	return v->words;
}

unsigned
arc_vocab_gen(const struct arc_vocab *v)
{
	return v->gen;
}

int
arc_vocab_recode(struct arc_vocab *v, const char *text, size_t len,
    unsigned char **blob, size_t *blob_len)
{
	unsigned char *out;
	size_t out_len;
	int failed;

	/* give_id numbers every worthy word; one it could not is counted
	 * as fresh: the database failed. */
	if (arc_textcode_encode(text, len, give_id, v, &out, &out_len,
	    &failed) != ARC_OK)
		return ARC_FATAL;
	if (failed > 0) {
		free(out);
		return ARC_FATAL;
	}
	free(*blob);
	*blob = out;
	*blob_len = out_len;
	return ARC_OK;
}

void
arc_vocab_end(struct arc_vocab *v)
{
	pthread_rwlock_unlock(&v->lock);
}

int
arc_vocab_resolve(struct arc_vocab *v, unsigned char **blob, size_t *len)
{
	unsigned char *out;
	size_t out_len;
	int rc = arc_textcode_resolve(*blob, *len, give_id, v, &out, &out_len);

	if (rc != ARC_OK)
		return ARC_FATAL;
	free(*blob);
	*blob = out;
	*len = out_len;
	return ARC_OK;
}

/* ---- taking words out ---- */

/* The numbers the texts use: a bit each, up to the highest given. */
struct used {
	unsigned char *bits;
	int64_t last;
};

static void
mark_used(void *ctx, int64_t id)
{
	struct used *u = ctx;

	if (id <= u->last)
		u->bits[id / 8] |= (unsigned char)(1u << (id % 8));
}

static int
is_used(const struct used *u, int64_t id)
{
	return u->bits[id / 8] >> (id % 8) & 1;
}

/* The highest number given, 0 for none; -1 when the database fails. */
static int64_t
last_word(struct arc_store *s)
{
	sqlite3_stmt *st;
	int64_t last = -1;

	if (arc_store_prepare(s, "SELECT coalesce(max(id), 0) FROM word",
	    &st) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return last;
}

/* Marks the numbers the texts of every document but doc use; ARC_ERR
 * when one is broken (--check says which). */
static int
mark_texts(struct arc_store *s, sqlite3_int64 doc, struct used *u)
{
	sqlite3_stmt *st;
	int rc, broken = 0;

	if (arc_store_prepare(s, "SELECT coded FROM doc WHERE id <> ? AND "
	    "coded IS NOT NULL", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_int64(st, 1, doc);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (arc_textcode_ids(sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0), mark_used, u) !=
		    ARC_OK)
			broken = 1;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return ARC_FATAL;
	return broken ? ARC_ERR : ARC_OK;
}

/* Deletes the words no text uses; *n: how many. */
static int
delete_unused(struct arc_store *s, const struct used *u, long *n)
{
	sqlite3_stmt *ids, *del;
	int rc = ARC_OK;

	*n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM word", -1, &ids, NULL) !=
	    SQLITE_OK)
		return ARC_FATAL;
	if (arc_store_prepare(s, "DELETE FROM word WHERE id = ?", &del) !=
	    SQLITE_OK) {
		sqlite3_finalize(ids);
		return ARC_FATAL;
	}
	while (rc == ARC_OK && sqlite3_step(ids) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(ids, 0);
		if (id >= 0 && id <= u->last && is_used(u, id))
			continue;
		sqlite3_bind_int64(del, 1, id);
		rc = sqlite3_step(del) == SQLITE_DONE ? ARC_OK : ARC_FATAL;
		sqlite3_reset(del);
		(*n)++;
	}
	sqlite3_finalize(ids);
	return rc;
}

/*
 * Every other text is read, and every word none of them uses is deleted:
 * the forgotten document's names, and any word left behind by a text
 * since changed (a few seconds for a million pages, as an erasure may
 * take).  A broken text might use words past the break: then nothing is
 * taken out.  A running arc-index sees the new word_pruned row and reads
 * the vocabulary again (arc_vocab_begin).
 */
int
arc_vocab_prune(struct arc_store *s, sqlite3_int64 doc)
{
	struct used u = { NULL, last_word(s) };
	long deleted = 0;
	int rc;

	/* Numbers past five bytes' are none arc gave (textcode.c): a
	 * vocabulary made otherwise is left as it is. */
	if (!s->has_coded || u.last == 0 || u.last > ((int64_t)1 << 33))
		return ARC_OK;
	if (u.last < 0 || (u.bits = calloc((size_t)(u.last / 8 + 1), 1)) ==
	    NULL)
		return ARC_FATAL;
	rc = mark_texts(s, doc, &u);
	if (rc == ARC_OK)
		rc = delete_unused(s, &u, &deleted);
	else if (rc == ARC_ERR)
		rc = ARC_OK;
	free(u.bits);
	if (rc == ARC_OK && deleted > 0)
		rc = sqlite3_exec(s->db, "INSERT INTO word_pruned (time) "
		    "VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))", NULL,
		    NULL, NULL) == SQLITE_OK ? ARC_OK : ARC_FATAL;
	return rc;
}

/* ---- reading a text again ---- */

/* A number's slot is its remainder; a collision looks up again. */
#define WORD_CACHE 4096

struct arc_word_cache {
	int64_t id[WORD_CACHE];
	char *word[WORD_CACHE];
	size_t len[WORD_CACHE];
};

struct arc_word_cache *
arc_word_cache_new(void)
{
	return calloc(1, sizeof(struct arc_word_cache));
}

void
arc_word_cache_clear(struct arc_word_cache *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < WORD_CACHE; i++) {
		free(c->word[i]);
		c->word[i] = NULL;
	}
}

void
arc_word_cache_free(struct arc_word_cache *c)
{
	arc_word_cache_clear(c);
	free(c);
}

/* How a text is read: the store its words are looked up in, and the cache
 * kept of them. */
struct reading {
	struct arc_store *s;
	struct arc_word_cache *c;
};

static int
stored_word(void *ctx, int64_t id, const char **tok, size_t *len)
{
	struct reading *r = ctx;
	struct arc_word_cache *c = r->c;
	size_t slot = (size_t)id % WORD_CACHE;
	sqlite3_stmt *st;
	int rc = ARC_ERR;

	if (c->word[slot] != NULL && c->id[slot] == id) {
		*tok = c->word[slot];
		*len = c->len[slot];
		return ARC_OK;
	}
	if (arc_store_prepare(r->s, "SELECT w FROM word WHERE id = ?", &st) !=
	    SQLITE_OK)
		return ARC_ERR;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		size_t n = (size_t)sqlite3_column_bytes(st, 0);
		char *w = malloc(n + 1);
		if (w != NULL) {
			memcpy(w, sqlite3_column_text(st, 0), n);
			w[n] = '\0';
			free(c->word[slot]);
			c->word[slot] = w;
			c->id[slot] = id;
			c->len[slot] = n;
			*tok = w;
			*len = n;
			rc = ARC_OK;
		}
	}
	sqlite3_reset(st);
	return rc;
}

int
arc_doc_text(struct arc_store *s, struct arc_word_cache *c,
    const struct arc_doc_row *row, char **text, size_t *len)
{
	struct reading r = { s, c };

	if (row->coded == NULL)         /* indexed before texts were coded */
		return arc_uncompress(row->body, row->body_len, text, len);
	if (c == NULL)
		return ARC_ERR;
	return arc_textcode_decode(row->coded, row->coded_len, stored_word, &r,
	    text, len);
}
