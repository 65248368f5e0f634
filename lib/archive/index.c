/* index.c: records into the archive, in batches: the copy first, then the row and its words in one transaction. */
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pg.h"

/*
 * Records per transaction, at most, and their text: fewer commits (each
 * syncs the copies and the WAL, and writes out every page of the sha256
 * index that its records touched, scattered as sha256s are) without
 * holding other writers off for long or holding much memory (figures in
 * bench/README, "Constants in the code").
 */
#define BATCH 8192
#define BATCH_BYTES (32u << 20)
/* Records prepared ahead by the workers while a batch is written: a
 * whole batch, or they wait for the writer; but no more than RING_BYTES
 * of them (as read), or long documents would take gigabytes: 8192 books of
 * 300 KB, with their parsed records, coded texts and words, about 7 GB.
 * What is held is then at most the ring's records (a few times
 * RING_BYTES) and two batches of BATCH_BYTES: a few hundred MB. */
#define AHEAD BATCH
/* Seconds a batch may wait for more records before it is written
 * anyway: a slow OCR upstream does not hold finished documents
 * uncommitted for hours, where a kill or a power cut would lose them. */
#define COMMIT_SECONDS 30
#define RING_BYTES (64u << 20)

struct worker;

/*
 * A record on its way: a worker copies the original and makes everything
 * the rows need (title, digest, coded text, stemmed words), so that the
 * one thread that writes to SQLite does little else.
 */
struct pending {
	json_t *rec;
	char *line;             /* the record's JSON, until a worker
	                         * parses it */
	size_t line_len;
	const char *file;       /* where the line came from */
	long lineno;
	char *name;             /* the document in messages */
	char *archived;         /* the copy, or NULL */
	char *stale;            /* its copy under an older mime's name */
	char *error;            /* why it failed, or NULL */
	char *error_local;      /* the same for people (arc_error's
	                         * local), or NULL: error */
	int fatal;              /* the archive itself cannot be written */
	int reported;           /* the error came with the record */
	int note_only;          /* nothing to write: only error to report */
	int chat;               /* a faqbot interaction, for the chat table */
	int skip;               /* erased meanwhile: not to be written */
	int unread;             /* a file that could not be read: counted
	                         * by its path, having no sha256 */
	int malformed;          /* no sha256 and no stage's error: named
	                         * by its line too, for the one who made it */
	char *title, *tags, *fields, digest[65];
	int title_guessed;      /* from a line of the text (arc_title_of) */
	char *confidence;       /* per page: "93,-,41" ('-': not OCR'd) */
	unsigned char *coded;   /* the text, coded by word (textcode.c) */
	size_t coded_len;
	int fresh;              /* its words the vocabulary lacked */
	unsigned vocab_gen;     /* the vocabulary's copy it was coded with */
	struct fts_columns words;
};

struct arc_indexer {
	struct arc_store *s;
	struct arc_vocab *vocab;
	struct arc_copies *copies;
	struct arc_stemmers main;       /* the writer's: old words out */
	struct arc_rank_tally *tally;   /* the writer's: its documents
	                                 * counted for ranking */
	struct worker *workers;
	int nworkers;
	struct arc_queue *q;
	arc_index_problem_fn problem;
	void *ctx;
	pthread_mutex_t report_lock;    /* problems come from two threads */
	struct pending *batch[BATCH];   /* prepared, to write together */
	int n;
	size_t bytes;                   /* of their text */
	double first_at;                /* when its first record came */
	double commit_seconds;          /* written this long after, at most */
	/*
	 * The writer thread writes one batch while the calling thread fills
	 * the next and keeps the workers fed: when the calling thread wrote
	 * the batches itself, the workers waited for every batch's write.
	 */
	pthread_t writer;
	int writer_running;
	pthread_mutex_t lock;           /* guards writing, nwriting, quit */
	pthread_cond_t handed;          /* a batch, or quit, for the writer */
	pthread_cond_t written;         /* the writer is free again */
	struct pending *writing[BATCH];
	int nwriting;                   /* > 0: the writer's batch */
	int quit;
	struct arc_error fatal;         /* why it stopped, if it did */
	/* The documents erased on request: as the run began, for the
	 * workers; and as of the batch being written, for the writer. */
	struct arc_sha_list forgotten, erased;
	int stopped;                    /* read by the workers: atomic */
	struct arc_index_stats stats;
};

static int
valid_sha256(const char *s)
{
	if (s == NULL || strlen(s) != 64)
		return 0;
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static const char *
str(json_t *rec, const char *key)
{
	return json_string_value(json_object_get(rec, key));
}

static char *
dump(json_t *v)
{
	return v != NULL ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) : NULL;
}

/* The document's row, if any: its id (0: none), whether archived, its
 * digest, and (in *copy, malloc'd) where its copy was when archived, if
 * not where a copy of this mime goes (NULL). */
static int
existing(struct arc_store *s, const char *sha, const char *mime,
    sqlite3_int64 *id, int *archived, char digest[65], char **copy)
{
	struct arc_doc_row r;
	sqlite3_stmt *st;
	int found, rc = ARC_OK;

	*id = 0;
	*archived = 0;
	*copy = NULL;
	digest[0] = '\0';
	found = arc_doc_find(s, ARC_DOC_BY_SHA256, 0, sha, 0, &st, &r);
	if (found != 1)
		return found == 0 ? ARC_OK : ARC_FATAL;
	*id = r.id;
	*archived = r.is_archived;
	if (r.digest != NULL)
		snprintf(digest, 65, "%s", r.digest);
	/* Only a kept path or another mime can name another file. */
	if (*archived && (r.archived != NULL || r.mime == NULL ||
	    mime == NULL || strcmp(r.mime, mime) != 0) &&
	    (*copy = arc_copy_path(s, r.archived, sha, r.mime)) == NULL)
		rc = ARC_FATAL;
	sqlite3_reset(st);
	return rc;
}

/*
 * Where the document's copy was kept under another name (another mime:
 * libmagic updated), to be removed once the row points to the new one:
 * the file of that name in the same folder of copies as new, never a path
 * as a row of an older archive spelled it (that may be new itself, spelled
 * otherwise).  malloc'd; NULL when there is none.
 */
static char *
stale_copy(struct arc_store *s, const char *old, const char *new)
{
	const char *old_name = old != NULL ? strrchr(old, '/') : NULL;
	const char *new_name = new != NULL ? strrchr(new, '/') : NULL;
	size_t folder;
	char *stale;

	if (old_name == NULL || new_name == NULL ||
	    strcmp(old_name, new_name) == 0 ||
	    strncmp(new, s->files, strlen(s->files)) != 0)
		return NULL;
	folder = (size_t)(new_name - new);
	if ((stale = malloc(folder + strlen(old_name) + 1)) != NULL) {
		memcpy(stale, new, folder);
		strcpy(stale + folder, old_name);
	}
	return stale;
}

/* A document that failed: kept so that arc-scan --new offers it again;
 * one already archived stays archived. */
static int
write_failed(struct arc_indexer *ix, struct pending *p, const char *now)
{
	ix->stats.failed++;
	return arc_doc_put_failed(ix->s, p->rec, p->error, now);
}

/*
 * A file that could not be read (no sha256): its failures counted by its
 * path and member, so that arc-scan --new gives it up as it does a
 * document (arc_store_unread).
 */
static int
write_unread(struct arc_indexer *ix, struct pending *p, const char *now)
{
	const char *member = str(p->rec, "member");
	sqlite3_stmt *st;

	if (arc_store_prepare(ix->s,
	    "INSERT INTO unread (path, member, attempts, error, time) "
	    "VALUES (?, ?, 1, ?, ?) ON CONFLICT (path, member) DO UPDATE SET "
	    "  attempts = attempts + 1, error = excluded.error, "
	    "  time = excluded.time", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, str(p->rec, "path"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, member != NULL ? member : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 3, p->error, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	return arc_store_step_done(st);
}

/* A document read at last, archived or failed by its sha256: the count
 * of its path's earlier unread failures goes. */
static int
clear_unread(struct arc_indexer *ix, struct pending *p)
{
	const char *path = str(p->rec, "path"), *member;
	sqlite3_stmt *st;

	if (path == NULL)
		return ARC_OK;
	member = str(p->rec, "member");
	if (arc_store_prepare(ix->s, "DELETE FROM unread WHERE path = ? AND "
	    "member = ?", &st) != SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, member != NULL ? member : "", -1,
	    SQLITE_STATIC);
	return arc_store_step_done(st);
}

/* The OCR confidence of each page, for arc-report's review list: a few
 * bytes a page rather than the whole "ocr" object.  NULL when there is
 * none. */
static char *
confidences(json_t *rec)
{
	json_t *pages = json_object_get(json_object_get(rec, "ocr"), "pages");
	size_t n = json_array_size(pages), at = 0, i;
	char *out;
	json_t *page;

	if (n == 0 || (out = malloc(n * 5 + 1)) == NULL)
		return NULL;
	out[0] = '\0';
	json_array_foreach(pages, i, page) {
		json_t *c = json_object_get(page, "confidence");
		const char *source = json_string_value(json_object_get(page,
		    "source"));
		if (json_is_number(c) && (source == NULL ||
		    strcmp(source, "ocr") == 0))
			at += (size_t)snprintf(out + at, 6, "%s%d",
			    i ? "," : "", (int)json_number_value(c) % 1000);
		else
			at += (size_t)snprintf(out + at, 6, "%s-",
			    i ? "," : "");
	}
	return out;
}

/* On a worker: everything a document's rows need that is not in the
 * database.  ARC_FATAL only when out of memory.  keeps_guess: the archive
 * has doc.title_guessed; without it (PostgreSQL's layout 3, which this
 * writer, not its owner, did not upgrade) a title counts by the older
 * rule (-1), as the segments will count the row again. */
static int
prepare(struct pending *p, struct arc_stemmers *st, struct arc_vocab *vocab,
    int keeps_guess)
{
	json_t *rec = p->rec, *jtext = json_object_get(rec, "text");
	const char *text = json_is_string(jtext) ?
	    json_string_value(jtext) : "";
	size_t len = json_is_string(jtext) ? json_string_length(jtext) : 0;
	const char *lang = str(rec, "lang");

	p->tags = dump(json_object_get(rec, "tags"));
	p->fields = dump(json_object_get(rec, "fields"));
	p->confidence = confidences(rec);
	if ((p->title = arc_title_of(rec, text, &p->title_guessed)) == NULL)
		return ARC_FATAL;
	if (!keeps_guess)
		p->title_guessed = -1;
	arc_digest_of(lang, p->title, text, len, p->tags, p->fields, p->digest);
	/* PostgreSQL keeps the text as it is (vocab NULL). */
	if (vocab != NULL && arc_vocab_encode(vocab, text, len, &p->coded,
	    &p->coded_len, &p->fresh, &p->vocab_gen) != ARC_OK)
		return ARC_FATAL;
	return arc_fts_columns(st, lang, p->title, p->title_guessed, text, len,
	    p->tags, p->fields, &p->words);
}

/*
 * Erases what this run made of a document erased on request: its copy
 * and the searchable PDF arc-ocr wrote for it (DIR/SHA256.pdf: no other
 * file is taken for one).
 */
static int
shred_made(struct pending *p, struct arc_error *err)
{
	const char *sha = str(p->rec, "sha256"), *pdf = str(p->rec, "pdf");
	const char *name = pdf != NULL ? strrchr(pdf, '/') : NULL;

	name = name != NULL ? name + 1 : pdf;
	if (p->archived != NULL && arc_shred_at(AT_FDCWD, p->archived,
	    p->archived, err) != ARC_OK)
		return ARC_FATAL;
	if (sha != NULL && name != NULL && strncmp(name, sha, 64) == 0 &&
	    strcmp(name + strlen(sha), ".pdf") == 0 &&
	    arc_shred_at(AT_FDCWD, pdf, pdf, err) != ARC_OK)
		return ARC_FATAL;
	return ARC_OK;
}

/*
 * What the record asks for: a chatbot interaction kept as it is, a
 * document that failed at an earlier stage (kept as failed), nothing but
 * a report (no valid sha256), or the archiving the workers do.  ARC_FATAL
 * when out of memory.
 */
static int
classify(const struct arc_indexer *ix, struct pending *p)
{
	json_t *rec = p->rec, *error = json_object_get(rec, "error");
	const char *message = str(error, "message"), *local = NULL;
	struct arc_error err;

	if (str(rec, "sha256") == NULL && arc_chat_is(rec)) {
		p->chat = 1;
		return ARC_OK;
	}
	if (!valid_sha256(str(rec, "sha256"))) {
		/* Nothing to keep it by but its path, when a stage failed
		 * before it had the bytes (arc-scan on a file it could not
		 * read), which said why already: no second line. */
		p->reported = error != NULL;
		p->unread = error != NULL && str(rec, "path") != NULL &&
		    str(rec, "sha256") == NULL;
		p->note_only = !p->unread;
		if (error == NULL) {
			p->malformed = 1;
			message = "record has no valid \"sha256\"";
			local = _("record has no valid \"sha256\"");
		} else if (message == NULL) {
			message = "failed";
			local = _("failed");
		}
	} else if (arc_sha_list_has(&ix->forgotten, str(rec, "sha256"))) {
		p->note_only = 1;
		message = "erased from the archive on request (arc-index "
		    "--forget): not archived again; delete the original";
		local = _("erased from the archive on request (arc-index "
		    "--forget): not archived again; delete the original");
		err.message[0] = '\0';
		if (shred_made(p, &err) != ARC_OK) {
			message = err.message;
			local = arc_error_text(&err);
		}
	} else if (error != NULL) {
		/* The stage that failed said so already. */
		p->reported = 1;
		if (message == NULL)
			message = "failed";
	}
	if (message != NULL && (p->error = strdup(message)) == NULL)
		return ARC_FATAL;
	if (local != NULL && (p->error_local = strdup(local)) == NULL)
		return ARC_FATAL;
	return ARC_OK;
}

/* The document's name in messages: its path (and member), else where its
 * line was; both for a malformed record. */
static char *
name_of(json_t *rec, const char *file, long line, int malformed)
{
	char buf[1024], at[1100];

	arc_record_name(rec, file, line, buf, sizeof(buf));
	if (!malformed || file == NULL ||
	    json_object_get(rec, "path") == NULL)
		return strdup(buf);
	arc_mask_format(at, sizeof(at), "%s:%ld: %s", file, line, buf);
	return strdup(at);
}

/* On a worker: the record's line into the record.  A line that is no
 * record is reported in its place.  ARC_FATAL when out of memory. */
static int
parse(const struct arc_indexer *ix, struct pending *p)
{
	struct arc_error err;
	int st;

	err.message[0] = '\0';
	st = arc_record_parse(p->line, p->line_len, &p->rec, &err);
	free(p->line);
	p->line = NULL;
	if (st != ARC_OK) {
		p->note_only = 1;
		p->name = name_of(NULL, p->file, p->lineno, 0);
		p->error = strdup(err.message);
		p->error_local = strdup(arc_error_text(&err));
		return p->name != NULL && p->error != NULL &&
		    p->error_local != NULL ? ARC_OK : ARC_FATAL;
	}
	if (classify(ix, p) != ARC_OK)
		return ARC_FATAL;
	p->name = name_of(p->rec, p->file, p->lineno, p->malformed);
	return p->name != NULL ? ARC_OK : ARC_FATAL;
}

/* A worker thread's own things. */
struct worker {
	const struct arc_indexer *ix;
	struct arc_stemmers stemmers;
};

/* On a worker: the copy, then the rest. */
static void
run(void *worker_arg, void *item)
{
	struct worker *w = worker_arg;
	struct pending *p = item;
	struct arc_error err;
	int rc;

	/* Stopped (the disk full, say): the records queued behind are
	 * dropped unwritten, not copied into the archive for nothing. */
	if (__atomic_load_n(&w->ix->stopped, __ATOMIC_RELAXED))
		return;
	if (p->line != NULL && parse(w->ix, p) != ARC_OK) {
		p->fatal = 1;
		return;
	}
	if (p->error != NULL || p->chat)
		return;
	err.message[0] = '\0';
	rc = arc_copies_add(w->ix->copies, p->rec, &p->archived, &err);
	if (rc == ARC_OK && (json_object_set_new(p->rec, "archived",
	    json_string(p->archived)) != 0 || prepare(p, &w->stemmers,
	    w->ix->vocab, w->ix->s->has_title_guessed) != ARC_OK)) {
		arc_error_set(&err, "out of memory");
		rc = ARC_FATAL;
	}
	if (rc == ARC_OK)
		return;
	/* Not copied: kept as failed, so that it is offered again. */
	p->fatal = rc == ARC_FATAL;
	p->error = strdup(err.message);
	p->error_local = strdup(arc_error_text(&err));
	if (p->error == NULL || p->error_local == NULL)
		p->fatal = 1;
}

static int
write_archived(struct arc_indexer *ix, struct pending *p, const char *now,
    struct arc_error *err)
{
	struct arc_store *s = ix->s;
	json_t *rec = p->rec;
	struct arc_doc_made made = { .title = p->title,
	    .title_guessed = p->title_guessed, .tags = p->tags,
	    .fields = p->fields, .confidence = p->confidence,
	    .digest = p->digest, .coded = p->coded, .coded_len = p->coded_len,
	    .words = &p->words };
	sqlite3_int64 id;
	int was_archived, rc;
	char old[65], *old_copy;

	if (existing(s, str(rec, "sha256"), str(rec, "mime"), &id,
	    &was_archived, old, &old_copy) != ARC_OK)
		return ARC_FATAL;
	p->stale = stale_copy(s, old_copy, p->archived);
	free(old_copy);
	if (was_archived && strcmp(p->digest, old) == 0) {
		/* Unchanged: no FTS work; only where it was found. */
		ix->stats.unchanged++;
		return arc_doc_put_found(s, rec, id);
	}
	if (was_archived && (rc = arc_index_unwords(s, &ix->main,
	    arc_vocab_words(ix->vocab), id)) != ARC_OK) {
		if (rc == ARC_ERR)
			arc_error_set(err, "%s: its text in the archive "
			    "cannot be read back, so its old words cannot be "
			    "taken out of the index; see arc-index --check",
			    p->name);
		else
			arc_error_set(err, "%s: its old words cannot be taken "
			    "out of the index (%s); see arc-index --check",
			    p->name, sqlite3_errmsg(s->db));
		return ARC_FATAL;
	}
	if (arc_doc_put(s, rec, &made, &id, now) != ARC_OK ||
	    arc_rank_tally_add(s, ix->tally, id, p->digest, &p->words) !=
	    ARC_OK)
		return ARC_FATAL;
	if (was_archived)
		ix->stats.updated++;
	else
		ix->stats.added++;
	return ARC_OK;
}

/* An archived document into a PostgreSQL archive (write_archived's). */
static int
write_archived_pg(struct arc_indexer *ix, struct pending *p, const char *now,
    struct arc_error *err)
{
	struct arc_doc_made made = { .title = p->title,
	    .title_guessed = p->title_guessed, .tags = p->tags,
	    .fields = p->fields, .confidence = p->confidence,
	    .digest = p->digest, .words = &p->words };
	const char *sha = str(p->rec, "sha256"), *mime = str(p->rec, "mime");
	char *old_mime = NULL, *old_copy;
	int outcome;

	if (arc_pg_put_archived(ix->s, p->rec, &made, now, &outcome,
	    &old_mime, err) != ARC_OK) {
		free(old_mime);
		return ARC_FATAL;
	}
	if (old_mime != NULL && (mime == NULL || strcmp(old_mime, mime) != 0)
	    && (old_copy = arc_copy_path(ix->s, NULL, sha, old_mime)) !=
	    NULL) {
		free(p->stale);
		p->stale = stale_copy(ix->s, old_copy, p->archived);
		free(old_copy);
	}
	free(old_mime);
	if (outcome == ARC_PG_UNCHANGED)
		ix->stats.unchanged++;
	else if (outcome == ARC_PG_UPDATED)
		ix->stats.updated++;
	else
		ix->stats.added++;
	return ARC_OK;
}

static void
pending_free(struct pending *p)
{
	json_decref(p->rec);
	free(p->line);
	free(p->name);
	free(p->archived);
	free(p->stale);
	free(p->error);
	free(p->error_local);
	free(p->title);
	free(p->tags);
	free(p->fields);
	free(p->confidence);
	free(p->coded);
	arc_fts_columns_free(&p->words);
	free(p);
}

/* The first reason given is kept; either thread may give one. */
static int
stop(struct arc_indexer *ix, const struct arc_error *why)
{
	pthread_mutex_lock(&ix->lock);
	if (!ix->stopped)
		ix->fatal = *why;
	__atomic_store_n(&ix->stopped, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&ix->lock);
	return 1;
}

/* On the writer thread, in the batch's transaction: the words of its
 * texts that no worker could number, numbered.  The numbers another
 * arc-index gave meanwhile are read in first: never given twice.  A text
 * coded before an arc-index --forget took words out is coded again. */
static int
number_words(struct arc_indexer *ix, struct pending **batch, int n)
{
	struct arc_vocab *v = ix->vocab;
	int rc = ARC_OK;

	if (arc_vocab_begin(v) != ARC_OK)
		return ARC_FATAL;
	for (int i = 0; i < n && rc == ARC_OK; i++) {
		struct pending *p = batch[i];
		json_t *text = json_object_get(p->rec, "text");
		if (p->coded == NULL || p->skip || p->error != NULL)
			continue;
		if (p->vocab_gen != arc_vocab_gen(v))
			rc = arc_vocab_recode(v, json_is_string(text) ?
			    json_string_value(text) : "",
			    json_string_length(text), &p->coded,
			    &p->coded_len);
		else if (p->fresh > 0)
			rc = arc_vocab_resolve(v, &p->coded, &p->coded_len);
	}
	arc_vocab_end(v);
	return rc;
}

/* A problem with p, said through the caller's function: from the calling
 * thread (done) or the writer's. */
static void
report(struct arc_indexer *ix, struct pending *p, const char *message)
{
	if (ix->problem == NULL)
		return;
	pthread_mutex_lock(&ix->report_lock);
	ix->problem(ix->ctx, p->name, message);
	pthread_mutex_unlock(&ix->report_lock);
}

/*
 * On the writer thread, in the batch's transaction, before its words are
 * numbered (words of a document not archived would stay in the
 * vocabulary): each document is checked to be still wanted.  One an
 * arc-index --forget erased since this run began is not written (a name
 * the erasure took out of the vocabulary would come back), and what this
 * run made of it is erased.  One whose copy is gone (an arc-index --check
 * took it for one no row points to) is kept as failed, and offered again.
 */
static int
settle_batch(struct arc_indexer *ix, struct pending **batch, int n,
    struct arc_error *err)
{
	for (int i = 0; i < n; i++) {
		struct pending *p = batch[i];
		if (p->chat || p->skip || p->unread)
			continue;
		if (arc_sha_list_has(&ix->erased, str(p->rec, "sha256"))) {
			if (shred_made(p, err) != ARC_OK)
				return ARC_FATAL;
			p->skip = 1;
			ix->stats.erased++;
			report(ix, p, _("erased from the archive on "
			    "request (arc-index --forget) while this run went "
			    "on: not archived; delete the original"));
		} else if (p->error == NULL && access(p->archived, F_OK) != 0) {
			if ((p->error = strdup("its copy was removed from the "
			    "archive while it was being indexed (arc-index "
			    "--check ran meanwhile): offered again next "
			    "run")) == NULL)
				return ARC_FATAL;
			report(ix, p, _("its copy was removed from the "
			    "archive while it was being indexed (arc-index "
			    "--check ran meanwhile): offered again next "
			    "run"));
		}
	}
	return ARC_OK;
}

/* After the batch's commit: copies no row points to any more. */
static void
remove_stale(struct pending **batch, int n)
{
	for (int i = 0; i < n; i++)
		if (batch[i]->stale != NULL)
			unlink(batch[i]->stale);
}

/*
 * A document the server refused (a data exception, or one of its limits:
 * a tsvector of more than 1 MB): kept as failed, with the server's reason,
 * and said; the batch is then written again without it.  ARC_FATAL when
 * out of memory.
 */
static int
refused(struct arc_indexer *ix, struct pending *p, const struct arc_error *why)
{
	struct arc_error said;
	/* The server's reason after the archive's address. */
	const char *reason = strstr(why->message, ": ");

	reason = reason != NULL ? reason + 2 : why->message;
	arc_error_set(&said, "the archive's server refused it: %s", reason);
	free(p->error);
	if ((p->error = strdup(said.message)) == NULL)
		return ARC_FATAL;
	report(ix, p, arc_error_text(&said));
	return ARC_OK;
}

/* Is the SQLSTATE a refusal of one document's values (class 22, data
 * exception; 54, a limit exceeded), not of the archive? */
static int
refusal(const char *code)
{
	return strncmp(code, "22", 2) == 0 || strncmp(code, "54", 2) == 0;
}

/* A batch into a PostgreSQL archive: one try, rolled back by the caller
 * when it fails; ARC_ERR when it met another writer, or the server
 * refused a document (now failed): then to be tried again. */
static int
write_batch_pg_once(struct arc_indexer *ix, struct pending **batch, int n,
    struct arc_error *err)
{
	struct arc_store *s = ix->s;
	char now[32];
	int rc;

	arc_time_iso8601(time(NULL), now);
	if (arc_pg_begin(s, &ix->erased, err) != ARC_OK ||
	    settle_batch(ix, batch, n, err) != ARC_OK)
		return ARC_FATAL;
	for (int i = 0; i < n; i++) {
		struct pending *p = batch[i];
		if (p->skip)
			continue;
		if (p->chat)
			rc = arc_pg_chat_put(s, p->rec, &ix->stats.chats, err);
		else if (p->unread)
			rc = arc_pg_put_unread(s, p->rec, p->error, now, err);
		else if (p->error != NULL) {
			ix->stats.failed++;
			rc = arc_pg_put_failed(s, p->rec, p->error, now, err);
		} else
			rc = write_archived_pg(ix, p, now, err);
		if (rc == ARC_OK && !p->unread && !p->chat)
			rc = arc_pg_clear_unread(s, p->rec, err);
		if (rc == ARC_OK)
			continue;
		if (p->error == NULL && !p->chat && !p->unread &&
		    refusal(s->pg->code))
			return refused(ix, p, err) == ARC_OK ? ARC_ERR :
			    ARC_FATAL;
		return strncmp(s->pg->code, "40", 2) == 0 ? ARC_ERR :
		    ARC_FATAL;
	}
	return arc_pg_commit(s, err);
}

/* Times a batch is tried when it meets other writers (deadlocks). */
#define PG_TRIES 8

static void
write_batch_pg(struct arc_indexer *ix, struct pending **batch, int n)
{
	struct arc_index_stats before = ix->stats;
	struct arc_error err;
	int rc = ARC_ERR, met = 0;

	/* Tried again after meeting another writer (the other let through
	 * first), or after the server refused a document (failed in the next
	 * try): each refusal fails one more, so it ends. */
	for (int tries = 0; rc == ARC_ERR && met < PG_TRIES; tries++) {
		if (tries > 0) {
			/* The rows of the try rolled back: counted again. */
			before.erased = ix->stats.erased;
			ix->stats = before;
		}
		err.message[0] = '\0';
		if ((rc = write_batch_pg_once(ix, batch, n, &err)) == ARC_OK)
			break;
		arc_pg_rollback(ix->s);
		if (rc == ARC_ERR && strncmp(ix->s->pg->code, "40", 2) == 0) {
			met++;
			usleep((useconds_t)(10000 << met) +
			    (useconds_t)(rand() % 10000));
		}
	}
	if (rc == ARC_OK)
		remove_stale(batch, n);
	else
		stop(ix, &err);
}

/* On the writer thread: the batch in one transaction, its copies already
 * on disk (flush).  The transaction is open only meanwhile: not while the
 * next records are awaited. */
static void
write_batch(struct arc_indexer *ix, struct pending **batch, int n)
{
	struct arc_error err;
	char now[32];
	int rc = ARC_OK;

	if (__atomic_load_n(&ix->stopped, __ATOMIC_RELAXED))
		goto out;
	if (ix->s->pg != NULL) {
		write_batch_pg(ix, batch, n);
		goto out;
	}
	arc_time_iso8601(time(NULL), now);
	err.message[0] = '\0';
	/* IMMEDIATE: wait here for another writer, not deadlock later. */
	if (arc_store_exec(ix->s, "BEGIN IMMEDIATE", &err) != ARC_OK)
		rc = ARC_FATAL;
	if (rc == ARC_OK)
		rc = arc_rank_begin(ix->s);
	if (rc == ARC_OK)
		rc = arc_forgotten_catch_up(ix->s, &ix->erased);
	if (rc == ARC_OK)
		rc = settle_batch(ix, batch, n, &err);
	if (rc == ARC_OK)
		rc = number_words(ix, batch, n);
	for (int i = 0; i < n && rc == ARC_OK; i++) {
		struct pending *p = batch[i];
		if (p->skip)
			continue;
		if (p->chat) {
			rc = arc_chat_put(ix->s, p->rec, &ix->stats.chats);
			continue;
		}
		rc = p->unread ? write_unread(ix, p, now) :
		    p->error != NULL ? write_failed(ix, p, now) :
		    write_archived(ix, p, now, &err);
		if (rc == ARC_OK && !p->unread)
			rc = clear_unread(ix, p);
	}
	/* Said before more statements run, which would clear SQLite's
	 * message ("not an error"). */
	if (rc != ARC_OK && err.message[0] == '\0')
		arc_store_fail(ix->s, &err);
	/* The chunks of ids the ranking's counter filled meanwhile, as
	 * segments; once committed, the batch's documents to it. */
	if (rc == ARC_OK)
		rc = arc_rank_tally_write(ix->s, ix->tally);
	arc_rank_end(ix->s);
	if (rc == ARC_OK)
		rc = arc_store_exec(ix->s, "COMMIT", &err);
	if (rc == ARC_OK) {
		remove_stale(batch, n);
		arc_rank_tally_committed(ix->tally);
	}
	if (rc != ARC_OK) {
		if (err.message[0] == '\0')
			arc_store_fail(ix->s, &err);
		sqlite3_exec(ix->s->db, "ROLLBACK", NULL, NULL, NULL);
		stop(ix, &err);
	}
out:
	for (int i = 0; i < n; i++)
		pending_free(batch[i]);
}

static void *
writer_main(void *arg)
{
	struct arc_indexer *ix = arg;

	pthread_mutex_lock(&ix->lock);
	for (;;) {
		while (ix->nwriting == 0 && !ix->quit)
			pthread_cond_wait(&ix->handed, &ix->lock);
		if (ix->nwriting == 0)
			break;
		pthread_mutex_unlock(&ix->lock);
		write_batch(ix, ix->writing, ix->nwriting);
		pthread_mutex_lock(&ix->lock);
		ix->nwriting = 0;
		pthread_cond_signal(&ix->written);
	}
	pthread_mutex_unlock(&ix->lock);
	return NULL;
}

/*
 * Hands the batch to the writer, once it has written the one before;
 * ARC_FATAL when the indexer has stopped.  The batch's copies are made
 * durable first, before any row can point to them: here, while the writer
 * still writes the batch before, not on the writer's time.
 */
static int
flush(struct arc_indexer *ix)
{
	struct arc_error err;

	err.message[0] = '\0';
	if (!__atomic_load_n(&ix->stopped, __ATOMIC_RELAXED) &&
	    arc_copies_sync(ix->copies, &err) != ARC_OK)
		stop(ix, &err);
	pthread_mutex_lock(&ix->lock);
	while (ix->nwriting > 0)
		pthread_cond_wait(&ix->written, &ix->lock);
	memcpy(ix->writing, ix->batch, (size_t)ix->n * sizeof(ix->batch[0]));
	ix->nwriting = ix->n;
	ix->n = 0;
	ix->bytes = 0;
	pthread_cond_signal(&ix->handed);
	pthread_mutex_unlock(&ix->lock);
	return __atomic_load_n(&ix->stopped, __ATOMIC_RELAXED) ? ARC_FATAL :
	    ARC_OK;
}

/* Waits for the writer to write what it has and end. */
static void
writer_join(struct arc_indexer *ix)
{
	if (!ix->writer_running)
		return;
	pthread_mutex_lock(&ix->lock);
	ix->quit = 1;
	pthread_cond_signal(&ix->handed);
	pthread_mutex_unlock(&ix->lock);
	pthread_join(ix->writer, NULL);
	ix->writer_running = 0;
}

/* Seconds on a clock that only goes forward. */
static double
now_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Has the batch waited long enough to be written as it is? */
static int
batch_due(const struct arc_indexer *ix)
{
	return ix->n > 0 &&
	    now_seconds() - ix->first_at >= ix->commit_seconds;
}

/* On the calling thread, in input order: reports, then the batch. */
static int
done(void *ctx, void *item, int stopped)
{
	struct arc_indexer *ix = ctx;
	struct pending *p = item;
	struct arc_error err;

	if (stopped || __atomic_load_n(&ix->stopped, __ATOMIC_RELAXED)) {
		pending_free(p);
		return 1;
	}
	if (p->fatal) {
		struct arc_error shown;
		arc_error_set(&err, "%s: %s", p->name ? p->name : "arc-index",
		    p->error ? p->error : "out of memory");
		/* For people, the reason in their language. */
		arc_error_set(&shown, "%s: %s", p->name ? p->name :
		    "arc-index", p->error_local ? p->error_local : p->error ?
		    p->error : _("out of memory"));
		memcpy(err.local, shown.local, sizeof(err.local));
		pending_free(p);
		return stop(ix, &err);
	}
	if (p->error != NULL && !p->reported)
		report(ix, p, p->error_local ? p->error_local : p->error);
	if (p->note_only) {
		pending_free(p);
		return 0;
	}
	if (ix->n == 0)
		ix->first_at = now_seconds();
	ix->batch[ix->n++] = p;
	ix->bytes += p->coded_len + (p->words.body ? strlen(p->words.body) : 0);
	return (ix->n == BATCH || ix->bytes >= BATCH_BYTES ||
	    batch_due(ix)) && flush(ix) != ARC_OK;
}

struct arc_indexer *
arc_indexer_new(struct arc_store *s, int jobs, arc_index_problem_fn problem,
    void *ctx)
{
	struct arc_indexer *ix = calloc(1, sizeof(*ix));
	struct worker *w = NULL;
	void **wctx = NULL;
	int i;

	if (ix == NULL)
		return NULL;
	ix->s = s;
	ix->commit_seconds = COMMIT_SECONDS;
	ix->problem = problem;
	ix->ctx = ctx;
	pthread_mutex_init(&ix->lock, NULL);
	pthread_mutex_init(&ix->report_lock, NULL);
	pthread_cond_init(&ix->handed, NULL);
	pthread_cond_init(&ix->written, NULL);
	if (jobs < 1)
		jobs = 1;
	if (arc_stemmers_init(&ix->main) != ARC_OK ||
	    (w = calloc((size_t)jobs, sizeof(*w))) == NULL ||
	    (wctx = calloc((size_t)jobs, sizeof(*wctx))) == NULL)
		goto fail;
	ix->workers = w;
	if (arc_forgotten_load(s, &ix->forgotten) != ARC_OK ||
	    (ix->copies = arc_copies_new(s)) == NULL)
		goto fail;
	/* SQLite's: the vocabulary texts are coded with, the counts for
	 * ranking. */
	if (s->pg == NULL && ((ix->tally = arc_rank_tally_new()) == NULL ||
	    (ix->vocab = arc_vocab_new(s)) == NULL ||
	    arc_vocab_begin(ix->vocab) != ARC_OK))
		goto fail;
	if (ix->vocab != NULL)
		arc_vocab_end(ix->vocab);
	for (i = 0; i < jobs; i++) {
		w[i].ix = ix;
		if (arc_stemmers_init(&w[i].stemmers) != ARC_OK)
			goto fail;
		ix->nworkers = i + 1;
		wctx[i] = &w[i];
	}
	if (pthread_create(&ix->writer, NULL, writer_main, ix) != 0)
		goto fail;
	ix->writer_running = 1;
	/* The workers prepare the next batch while this one is written. */
	if ((ix->q = arc_queue_new(wctx, jobs, AHEAD, RING_BYTES, run, done,
	    ix)) == NULL)
		goto fail;
	free(wctx);
	return ix;
fail:
	free(wctx);
	arc_indexer_free(ix);
	return NULL;
}

/* Queues p (ready: nothing for a worker to do), or frees it; ARC_FATAL
 * when the indexer has stopped. */
static int
submit(struct arc_indexer *ix, struct pending *p, int ready,
    struct arc_error *err)
{
	json_t *text = json_object_get(p->rec, "text");
	size_t bytes = p->line != NULL ? p->line_len :
	    json_string_length(text);

	if (arc_queue_submit(ix->q, p, ready, bytes) != ARC_OK) {
		*err = ix->fatal;
		return ARC_FATAL;
	}
	return ARC_OK;
}

static struct pending *
pending_new(const char *name, json_t *rec, const char *error)
{
	struct pending *p = calloc(1, sizeof(*p));

	if (p == NULL || (p->name = strdup(name)) == NULL ||
	    (error != NULL && (p->error = strdup(error)) == NULL)) {
		if (p != NULL)
			free(p->name);
		free(p);
		return NULL;
	}
	p->rec = json_incref(rec);
	return p;
}

int
arc_index_note(struct arc_indexer *ix, const char *name, const char *message,
    struct arc_error *err)
{
	struct pending *p = pending_new(name, NULL, message);

	if (p == NULL) {
		arc_error_set(err, "out of memory");
		return ARC_FATAL;
	}
	p->note_only = 1;
	return submit(ix, p, 1, err);
}

int
arc_index_record(struct arc_indexer *ix, json_t *rec, const char *name,
    struct arc_error *err)
{
	struct pending *p = pending_new(name, rec, NULL);

	if (p == NULL || classify(ix, p) != ARC_OK) {
		if (p != NULL)
			pending_free(p);
		arc_error_set(err, "out of memory");
		return ARC_FATAL;
	}
	/* Nothing for the workers to do: straight to the batch, in order. */
	return submit(ix, p, p->error != NULL || p->chat, err);
}

int
arc_index_line(struct arc_indexer *ix, char *line, size_t len,
    const char *file, long lineno, struct arc_error *err)
{
	struct pending *p = calloc(1, sizeof(*p));

	if (p == NULL) {
		free(line);
		arc_error_set(err, "out of memory");
		return ARC_FATAL;
	}
	p->line = line;
	p->line_len = len;
	p->file = file;
	p->lineno = lineno;
	return submit(ix, p, 0, err);
}

void
arc_indexer_set_commit_seconds(struct arc_indexer *ix, double seconds)
{
	ix->commit_seconds = seconds > 0 ? seconds : 0;
}

int
arc_indexer_tick(struct arc_indexer *ix, struct arc_error *err)
{
	if ((ix->q != NULL && arc_queue_collect(ix->q) != ARC_OK) ||
	    (batch_due(ix) && flush(ix) != ARC_OK) ||
	    __atomic_load_n(&ix->stopped, __ATOMIC_RELAXED)) {
		pthread_mutex_lock(&ix->lock);
		*err = ix->fatal;
		pthread_mutex_unlock(&ix->lock);
		return ARC_FATAL;
	}
	return ARC_OK;
}

/*
 * The log into the database now, rather than when the archive is closed,
 * where SQLite says nothing of an fsync that fails: a disk that fails is
 * reported (exit status 2), not left to lose the commits, which are not
 * flushed before (synchronous=NORMAL).  SQLITE_BUSY: another process is
 * checkpointing.
 */
static void
checkpoint(struct arc_indexer *ix)
{
	struct arc_error err, shown;
	int rc;

	if (ix->stopped)
		return;
	rc = sqlite3_wal_checkpoint_v2(ix->s->db, NULL,
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	if (rc == SQLITE_OK || rc == SQLITE_BUSY)
		return;
	arc_store_fail(ix->s, &err);
	arc_error_set(&ix->fatal, "%s; what was stored may not be on the "
	    "disk", err.message);
	arc_error_set(&shown, "%s; what was stored may not be on the "
	    "disk", arc_error_text(&err));
	memcpy(ix->fatal.local, shown.local, sizeof(ix->fatal.local));
	__atomic_store_n(&ix->stopped, 1, __ATOMIC_RELAXED);
}

int
arc_indexer_finish(struct arc_indexer *ix, struct arc_index_stats *stats,
    struct arc_error *err)
{
	struct arc_queue *q = ix->q;

	ix->q = NULL;
	if (q != NULL)
		arc_queue_finish(q);
	if (ix->n > 0)
		flush(ix);
	writer_join(ix);
	/* The new documents into ranking segments, once they are all in
	 * (most counted already as the writer wrote them): until then, and
	 * if this fails, FTS5 gives their counts. */
	if (ix->s->pg == NULL && !ix->stopped && arc_rank_update(ix->s, 0,
	    ix->tally, &ix->fatal) != ARC_OK)
		__atomic_store_n(&ix->stopped, 1, __ATOMIC_RELAXED);
	if (ix->s->pg != NULL && !ix->stopped && arc_pg_rank_update(ix->s, 0,
	    &ix->fatal) != ARC_OK)
		__atomic_store_n(&ix->stopped, 1, __ATOMIC_RELAXED);
	if (ix->s->pg == NULL)
		checkpoint(ix);
	if (stats != NULL)
		*stats = ix->stats;
	if (ix->stopped) {
		*err = ix->fatal;
		return ARC_FATAL;
	}
	return ARC_OK;
}

void
arc_indexer_free(struct arc_indexer *ix)
{
	struct worker *w;

	if (ix == NULL)
		return;
	if (ix->q != NULL) {
		__atomic_store_n(&ix->stopped, 1, __ATOMIC_RELAXED);
		arc_queue_finish(ix->q);
	}
	writer_join(ix);
	for (int i = 0; i < ix->n; i++)
		pending_free(ix->batch[i]);
	w = ix->workers;
	for (int i = 0; i < ix->nworkers; i++) {
		arc_stemmers_done(&w[i].stemmers);
	}
	free(w);
	arc_stemmers_done(&ix->main);
	arc_rank_tally_free(ix->tally);
	arc_vocab_free(ix->vocab);
	arc_copies_free(ix->copies);
	arc_sha_list_free(&ix->forgotten);
	arc_sha_list_free(&ix->erased);
	pthread_cond_destroy(&ix->written);
	pthread_cond_destroy(&ix->handed);
	pthread_mutex_destroy(&ix->lock);
	pthread_mutex_destroy(&ix->report_lock);
	free(ix);
}
