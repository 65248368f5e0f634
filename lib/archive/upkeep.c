/* upkeep.c: the archive's checks and upkeep: arc-index --check and --optimize. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "pg.h"

/*
 * A temporary copy that a run killed half-way left behind
 * (SHA256.ext.tmp.PID.N, made by arc_write_atomic): a partial original,
 * personal data that no run will finish or clean.  Only if its process
 * is gone: a running arc-index may be writing it.
 */
static int
stale_temporary(const char *name)
{
	const char *t = strstr(name, ".tmp.");
	char *end;
	long pid;

	if (t == NULL)
		return 0;
	pid = strtol(t + 5, &end, 10);
	return end != t + 5 && *end == '.' && pid > 0 &&
	    kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Copies younger than this may be a running arc-index's, whose row is
 * not yet committed: left alone. */
#define STRAY_AGE (60 * 60)

/* Is a copy's document erased, and where is its copy: parameter 1 its
 * sha256; no row when it is neither archived nor erased. */
static const char stray_sql[] = "SELECT "
	"  sha256 IN (SELECT sha256 FROM forgotten), archived, mime "
	"FROM doc WHERE sha256 = ?1 AND state = 'archived' "
	"UNION ALL SELECT 1, NULL, NULL FROM forgotten WHERE sha256 = ?1";
enum { STRAY_ERASED, STRAY_ARCHIVED, STRAY_MIME };

/*
 * What to do with the copy name (of the document sha) in folder dfd: 1 if
 * no archived row points to it (a run killed after copying, or a copy
 * under an older mime's name), 2 if its document was erased on request, 0
 * if it is the copy of an archived document, or too young to tell.
 */
static int
stray_kind(struct arc_store *s, sqlite3_stmt *row, int dfd, const char *name,
    const char *sha)
{
	struct stat sb;
	int kind = 1;

	sqlite3_bind_text(row, 1, sha, -1, SQLITE_STATIC);
	if (sqlite3_step(row) == SQLITE_ROW) {
		char *copy;
		if (sqlite3_column_int(row, STRAY_ERASED))
			kind = 2;
		else if ((copy = arc_copy_path(s, (const char *)
		    sqlite3_column_text(row, STRAY_ARCHIVED), sha,
		    (const char *)sqlite3_column_text(row, STRAY_MIME))) !=
		    NULL) {
			const char *slash = strrchr(copy, '/');
			kind = strcmp(slash ? slash + 1 : copy, name) != 0;
			free(copy);
		} else
			kind = 0;
	}
	sqlite3_reset(row);
	if (kind == 1 && (fstatat(dfd, name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    sb.st_mtime > time(NULL) - STRAY_AGE))
		kind = 0;
	return kind;
}

/* The sha256 a file of the folders of copies is a copy of, if it is one. */
static int
copy_sha(const char *name, char sha[65])
{
	if (strspn(name, "0123456789abcdef") < 64)
		return 0;
	memcpy(sha, name, 64);
	sha[64] = '\0';
	return arc_copy_name_of(name, sha);
}

/*
 * Goes through the folders of copies: removes temporary files of killed
 * runs and copies no document points to (left by a run killed between
 * the copy and its row's commit); erases copies of documents erased on
 * request, and reports those.  Read-only, only counts.
 */
static void
sweep_copies(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats)
{
	size_t size = strlen(s->files) + 8;
	char *dir = malloc(size), sha[65];
	sqlite3_stmt *row = NULL;
	struct arc_error err;

	if (dir == NULL || sqlite3_prepare_v2(s->db, stray_sql, -1, &row,
	    NULL) != SQLITE_OK) {
		free(dir);
		return;
	}
	for (int folder = 0; folder < 256; folder++) {
		struct dirent *e;
		DIR *d;

		snprintf(dir, size, "%s/%02x", s->files, folder);
		if ((d = opendir(dir)) == NULL)
			continue;
		/* A folder at a time in a write transaction: a writer checks
		 * that its copies are still there in its own, so no copy
		 * can go between its check and its commit. */
		if (!s->readonly && sqlite3_exec(s->db, "BEGIN IMMEDIATE",
		    NULL, NULL, NULL) != SQLITE_OK) {
			report(ctx, NULL, sqlite3_errmsg(s->db));
			stats->problems++;
			closedir(d);
			break;
		}
		while ((e = readdir(d)) != NULL) {
			int kind = 0;
			if (stale_temporary(e->d_name)) {
				if (!s->readonly &&
				    unlinkat(dirfd(d), e->d_name, 0) == 0)
					stats->temporaries++;
				continue;
			}
			if (copy_sha(e->d_name, sha))
				kind = stray_kind(s, row, dirfd(d), e->d_name,
				    sha);
			if (kind == 1 && (s->readonly || unlinkat(dirfd(d),
			    e->d_name, 0) == 0))
				stats->strays++;
			if (kind != 2)
				continue;
			stats->problems++;
			err.message[0] = '\0';
			if (s->readonly)
				report(ctx, sha, _("a copy of this document, "
				    "erased on request, is still in the "
				    "archive: run arc-index --forget with it "
				    "again"));
			else if (arc_shred_at(dirfd(d), e->d_name, e->d_name,
			    &err) == ARC_OK)
				report(ctx, sha, _("a copy of this document, "
				    "erased on request, was still in the "
				    "archive: erased now"));
			else
				report(ctx, sha, arc_error_text(&err));
		}
		if (!s->readonly)
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
		closedir(d);
	}
	sqlite3_finalize(row);
	free(dir);
}

/* What --check learns of the search index while it reads the texts. */
struct index_check {
	struct arc_stemmers stemmers;
	long lacking;           /* unreadable texts it has no words of */
	long differing;         /* documents it holds other words of */
};

/* The words of a column as the tokenizer emits them: space-separated. */
static uint64_t
column_words(const char *c)
{
	uint64_t n = 0;

	for (; *c != '\0'; c++)
		n += *c != ' ' && (c[1] == ' ' || c[1] == '\0');
	return n;
}

/*
 * Does the index hold document id's words as its row makes them, by each
 * column's count of words (fts_docsize)?  The index keeps no text, so its
 * own check cannot tell; a document indexed from other columns (a title
 * weighed otherwise, a bug's rebuild) makes its next update fail.  1 when
 * the same or not in the index (counted apart), 0 when not, -1 when out
 * of memory.
 */
static int
index_holds(struct arc_store *s, struct arc_stemmers *stemmers,
    const struct arc_doc_row *r, const char *text, size_t len)
{
	struct fts_columns c;
	sqlite3_stmt *st;
	int same = 1;

	if (arc_fts_columns(stemmers, r->lang, r->title, r->title_guessed,
	    text, len, r->tags, r->fields, &c) != ARC_OK)
		return -1;
	if (arc_store_prepare(s, "SELECT sz FROM fts_docsize WHERE id = ?",
	    &st) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, r->id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			/* FTS5's sizes of the document: its tokens in each
			 * column. */
			const unsigned char *p = sqlite3_column_blob(st, 0);
			size_t n = (size_t)sqlite3_column_bytes(st, 0), at = 0;
			const char *cols[ARC_RANK_COLUMNS] = { c.body, c.title,
			    c.tags, c.fields };
			for (size_t k = 0; k < ARC_RANK_COLUMNS && same; k++) {
				uint64_t tokens;
				size_t used = p == NULL ? 0 :
				    arc_sqlite_varint(p + at, n - at, &tokens);
				same = used > 0 &&
				    tokens == column_words(cols[k]);
				at += used;
			}
		}
		sqlite3_reset(st);
	}
	arc_fts_columns_free(&c);
	return same;
}

/* Whether the search index holds document id. */
static int
in_index(struct arc_store *s, sqlite3_int64 id)
{
	sqlite3_stmt *st;
	int found;

	if (arc_store_prepare(s, "SELECT 1 FROM fts_docsize WHERE id = ?",
	    &st) != SQLITE_OK)
		return 1;
	sqlite3_bind_int64(st, 1, id);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found;
}

/* What is wrong with the text kept of the document: it cannot be read (a
 * broken blob, a word the vocabulary lacks) or is not the text that was
 * indexed (its digest differs); NULL when it is whole.  What the index
 * holds of it, into ix. */
static const char *
text_problem(struct arc_store *s, struct arc_word_cache *words,
    const struct arc_doc_row *row, struct index_check *ix)
{
	char *text, again[65];
	size_t len;

	if (arc_doc_text(s, words, row, &text, &len) != ARC_OK) {
		/* Made again, the index would have none of its words
		 * either. */
		if (!in_index(s, row->id))
			ix->lacking++;
		return _("its text cannot be read back from the archive");
	}
	if (index_holds(s, &ix->stemmers, row, text, len) == 0)
		ix->differing++;
	arc_digest_of(row->lang, row->title, text, len, row->tags, row->fields,
	    again);
	free(text);
	return row->digest != NULL && strcmp(row->digest, again) != 0 ?
	    _("its text reads back other than it was indexed (digest "
	    "differs)") :
	    NULL;
}

void
arc_check_copy(struct arc_store *s, const char *kept, const char *sha,
    const char *mime, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats)
{
	char *copy = arc_copy_path(s, kept, sha, mime);

	if (copy == NULL || !arc_copy_intact(copy, sha)) {
		report(ctx, sha, copy == NULL ? _("no copy in the archive") :
		    _("copy missing or damaged (sha256 differs)"));
		stats->problems++;
	} else
		stats->copies++;
	free(copy);
}

/*
 * Whether the search index holds each archived document once, with the
 * words its row makes, and no other document (one whose text cannot be
 * read back has no words there): FTS5's own check cannot tell, the index
 * keeping no text.  An index that does not is made again from the rows,
 * when the archive may be written.  One that lost documents finds them
 * only through the ranking segments, and a later change to one, or to one
 * it holds other words of, fails: FTS5 cannot delete words it never held
 * (the step from layout 4 to 5 of the arcs of layout 5 lost every archived
 * document so: schema.c).
 */
static void
check_index(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, const struct index_check *ix)
{
	char line[320];
	struct arc_error err;
	int rc = ARC_OK;
	sqlite3_int64 missing = arc_store_number(s, "SELECT count(*) FROM doc "
	    "WHERE state = 'archived' AND id NOT IN (SELECT id FROM "
	    "fts_docsize)", &rc) - ix->lacking;
	sqlite3_int64 extra = arc_store_number(s, "SELECT count(*) FROM "
	    "fts_docsize WHERE id NOT IN (SELECT id FROM doc WHERE state = "
	    "'archived')", &rc);

	if (rc != ARC_OK) {
		report(ctx, NULL, sqlite3_errmsg(s->db));
		stats->problems++;
		return;
	}
	if (missing == 0 && extra == 0 && ix->differing == 0)
		return;
	if (s->readonly) {
		snprintf(line, sizeof(line), _("the search index does not "
		    "match the archive (archived documents missing %lld, held "
		    "with other words %ld, others held %lld): run arc-index "
		    "--check as an account that may write the archive to make "
		    "it again"), (long long)missing, ix->differing,
		    (long long)extra);
		report(ctx, NULL, line);
		stats->problems++;
		return;
	}
	if (arc_store_exec(s, "BEGIN IMMEDIATE", &err) != ARC_OK ||
	    arc_fts_rebuild(s, &err) != ARC_OK ||
	    arc_store_exec(s, "COMMIT", &err) != ARC_OK) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		report(ctx, NULL, arc_error_text(&err));
		stats->problems++;
		return;
	}
	stats->index_missing = missing;
	stats->index_differing = ix->differing;
	stats->index_extra = extra;
}

int
arc_store_check(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, struct arc_error *err)
{
	struct arc_word_cache *words;
	struct index_check ix = { .lacking = 0 };
	sqlite3_stmt *st;
	int rc;

	if (s->pg != NULL)
		return arc_pg_check(s, report, ctx, stats, err);
	memset(stats, 0, sizeof(*stats));
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st,
	    NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *r = (const char *)sqlite3_column_text(st, 0);
		if (r != NULL && strcmp(r, "ok") != 0) {
			report(ctx, NULL, r);
			stats->problems++;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return arc_store_fail(s, err);
	if (!s->readonly && sqlite3_exec(s->db, "INSERT INTO fts (fts) VALUES "
	    "('integrity-check')", NULL, NULL, NULL) != SQLITE_OK) {
		report(ctx, NULL, sqlite3_errmsg(s->db));
		stats->problems++;
	}
	if (sqlite3_prepare_v2(s->db, arc_doc_sql(s, ARC_DOC_ALL, 1), -1, &st,
	    NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	/* Out of memory, the texts cannot be read: each is reported. */
	words = arc_word_cache_new();
	if (arc_stemmers_init(&ix.stemmers) != ARC_OK) {
		sqlite3_finalize(st);
		arc_word_cache_free(words);
		return arc_error_set(err, "out of memory");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct arc_doc_row row;
		const char *sha, *problem;
		arc_doc_row_read(st, &row);
		sha = row.sha256;
		stats->documents++;
		if (!row.is_archived) {
			stats->failed++;
			continue;
		}
		if ((problem = text_problem(s, words, &row, &ix)) != NULL) {
			report(ctx, sha, problem);
			stats->problems++;
		}
		arc_check_copy(s, row.archived, sha, row.mime, report, ctx,
		    stats);
	}
	sqlite3_finalize(st);
	arc_word_cache_free(words);
	arc_stemmers_done(&ix.stemmers);
	if (rc != SQLITE_DONE)
		return arc_store_fail(s, err);
	stats->readonly = s->readonly;
	check_index(s, report, ctx, stats, &ix);
	stats->problems += arc_forget_problems(s, report, ctx);
	sweep_copies(s, report, ctx, stats);
	return ARC_OK;
}

int
arc_store_optimize(struct arc_store *s, struct arc_error *err)
{
	if (s->pg != NULL)
		return arc_pg_optimize(s, err);
	if (arc_titles_settle(s, err) != ARC_OK ||
	    arc_store_exec(s, "INSERT INTO fts (fts) VALUES ('optimize');"
	    "PRAGMA optimize;", err) != ARC_OK ||
	    arc_rank_update(s, 1, NULL, err) != ARC_OK)
		return ARC_FATAL;
	/* Folds the write-ahead log back into the database file. */
	return arc_store_exec(s, "PRAGMA wal_checkpoint(TRUNCATE);", err);
}
