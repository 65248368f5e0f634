/* schema.c: the archive's layout, its one owner: a new archive made at the newest, an older one brought up to it step by step. */
#include <stdio.h>

#include "store.h"

/*
 * The layouts, by PRAGMA user_version:
 *
 * 1  the first: the index's title column first, words stemmed by FTS5's
 *    tokenizer.  Never upgraded: its index would be made again from every
 *    text, for an archive only test versions of arc made.
 * 2  the index's body column first (FTS5 stores column 0's positions
 *    without a column marker: a third smaller), words stemmed before FTS5
 *    sees them.  While the number stayed 2, arc-index added to such
 *    archives, each when it first opened one: the chat table; the doc
 *    table's confidence; the forgotten table and doc.pdf; the word table
 *    and doc.coded; word_pruned; forgetting; FTS5's automerge of 8.  An
 *    archive of 2 may have any of these, in that order.
 * 3  2 with all of them.  From here on the number alone says what an
 *    archive has: a change to the layout is a new number and a step.
 * 4  3 and the unread table: the failures of files that could not be
 *    read, which have no sha256 to key a doc row by.
 * 5  4 and the ranking segments (ranking.c): every document's words
 *    counted, term by term, for ranking all matches of a search; the
 *    index's words without diacritics (made again from the texts).
 * 6  5 and doc.title_guessed: whether arc_title_of took the title from a
 *    line of the text (1) or the paper named it (0); NULL in rows archived
 *    before, whose title words the index holds by the older rule.
 */

/* The newest layout, made at once in a new archive.  Its doc table's
 * columns are in the order of the archives that grew into it (added
 * columns come last), so that every archive of 3 has the same. */
static const char newest[] =
	"CREATE TABLE IF NOT EXISTS doc ("
	"  id INTEGER PRIMARY KEY,"
	"  sha256 TEXT NOT NULL UNIQUE,"
	"  state TEXT NOT NULL CHECK (state IN ('archived', 'failed')),"
	"  path TEXT, member TEXT, size INTEGER, mtime TEXT, mime TEXT,"
	"  lang TEXT, pages INTEGER, title TEXT, tanggal TEXT, nomor TEXT,"
	"  tags TEXT, fields TEXT,"
	"  archived TEXT,"               /* the copy, in older archives: now
	                                  * arc_copy_path makes its path */
	"  error TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
	"  digest TEXT,"                 /* what the index holds, to skip
	                                  * unchanged documents */
	"  indexed TEXT NOT NULL,"
	"  body BLOB,"                   /* the text, deflated: before
	                                  * coded held it */
	"  confidence TEXT,"             /* OCR's, per page: "93,-,41" */
	"  pdf TEXT,"                    /* arc-ocr's searchable PDF */
	"  coded BLOB,"                  /* the text, coded by word */
	"  title_guessed INTEGER"        /* see layout 6 above */
	");"
	"CREATE INDEX IF NOT EXISTS doc_date ON doc (tanggal);"
	"CREATE TABLE IF NOT EXISTS doc_tag ("
	"  tag TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (tag, doc)"
	") WITHOUT ROWID;"
	/* Contentless: the text is kept once, in doc.coded. */
	"CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5("
	"  body, title, tags, fields, content='', tokenize='arc');";

/*
 * The tables layout 2 gained, as made in it, and made in a new archive
 * too: the same text, so that both are alike.
 *
 * faqbot's interactions, beside the documents, for the office's reports.
 * One interaction is its time, session and question.
 *
 * The documents erased by arc-index --forget, by sha256 alone: so that the
 * original, if still in a scanner folder, is not archived again; and
 * those whose erasure is begun and not yet finished (files, index merge,
 * log), with their searchable PDF, so that running it again finishes it.
 *
 * The vocabulary the texts in doc.coded are kept in (textcode.c): each
 * word or gap once, numbered in the order they came; and each time
 * arc-index --forget took words out of it, so that a running arc-index
 * reads it again.
 */
static const char tables_of_2[] =
	"CREATE TABLE IF NOT EXISTS forgotten ("
	"  sha256 TEXT PRIMARY KEY, time TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS forgetting ("
	"  sha256 TEXT PRIMARY KEY, pdf TEXT"
	") WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS chat ("
	"  id INTEGER PRIMARY KEY,"
	"  time TEXT NOT NULL, session TEXT NOT NULL, q TEXT NOT NULL,"
	"  status TEXT NOT NULL, entry TEXT, score REAL, lang TEXT,"
	"  answer TEXT,"
	"  UNIQUE (time, session, q)"
	");"
	"CREATE INDEX IF NOT EXISTS chat_time ON chat (time);"
	"CREATE TABLE IF NOT EXISTS word ("
	"  id INTEGER PRIMARY KEY, w TEXT NOT NULL UNIQUE"
	");"
	"CREATE TABLE IF NOT EXISTS word_pruned ("
	"  id INTEGER PRIMARY KEY, time TEXT NOT NULL"
	");";

/*
 * A file arc-scan could not read (no permission, or gone), counted by
 * where it is, as a failed document is by its sha256, so that arc-scan
 * --new stops offering it after --retries and arc-report failures lists
 * it.  Its row goes once a record of that path comes with a sha256.
 */
static const char tables_of_4[] =
	"CREATE TABLE IF NOT EXISTS unread ("
	"  path TEXT NOT NULL, member TEXT NOT NULL DEFAULT '',"
	"  attempts INTEGER NOT NULL, error TEXT, time TEXT NOT NULL,"
	"  PRIMARY KEY (path, member)"
	") WITHOUT ROWID;";

/*
 * The ranking segments (rankseg.c builds them, ranking.c reads them).
 * A segment holds the documents of ids first..last as they were when it
 * was made: their lengths in tokens (lens: 4 bytes a document, 0 for an
 * id that had no archived document) and, for each term, in how many of
 * them it is (df) and the documents and weighted counts (data).  A
 * document changed or erased since (rank_dirty) is ranked from FTS5
 * instead, as are the documents newer than the last segment.
 */
static const char tables_of_5[] =
	"CREATE TABLE IF NOT EXISTS rank_segment ("
	"  id INTEGER PRIMARY KEY, first INTEGER NOT NULL,"
	"  last INTEGER NOT NULL, docs INTEGER NOT NULL,"
	"  tokens INTEGER NOT NULL, lens BLOB NOT NULL"
	");"
	"CREATE TABLE IF NOT EXISTS rank_post ("
	"  id INTEGER PRIMARY KEY, term TEXT NOT NULL,"
	"  segment INTEGER NOT NULL, df INTEGER NOT NULL, data BLOB NOT NULL"
	");"
	"CREATE UNIQUE INDEX IF NOT EXISTS rank_post_term ON rank_post "
	"  (term, segment);"
	"CREATE INDEX IF NOT EXISTS rank_post_segment ON rank_post (segment);"
	"CREATE TABLE IF NOT EXISTS rank_dirty (id INTEGER PRIMARY KEY);";

/* Does the query, its parameter bound to name, find a row?  For what
 * an archive's number does not say: what one of layout 2 has, whether an
 * index lacks documents. */
static int
found(struct arc_store *s, const char *sql, const char *name)
{
	sqlite3_stmt *st;
	int any;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	any = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return any;
}

static int
has_column(struct arc_store *s, const char *name)
{
	return found(s, "SELECT 1 FROM pragma_table_info('doc') WHERE "
	    "name = ?", name);
}

static int
has_table(struct arc_store *s, const char *name)
{
	return found(s, "SELECT 1 FROM sqlite_master WHERE name = ?", name);
}

/*
 * FTS5 merges its index's segments 8 at a time rather than 4: each word
 * is written again fewer times as the index grows, which shortens a
 * large run's writing, for a few more segments to read in a search until
 * the next --optimize merges them all.
 */
static const char merge_less[] =
	"INSERT INTO fts (fts, rank) VALUES ('automerge', 8);";

/* A new archive: the newest layout at once. */
static int
make_newest(struct arc_store *s, struct arc_error *err)
{
	if (arc_store_exec(s, newest, err) != ARC_OK ||
	    arc_store_exec(s, tables_of_2, err) != ARC_OK ||
	    arc_store_exec(s, tables_of_4, err) != ARC_OK ||
	    arc_store_exec(s, tables_of_5, err) != ARC_OK)
		return ARC_FATAL;
	return arc_store_exec(s, merge_less, err);
}

/* 2 to 3: whatever of layout 2 the archive lacks, added (empty: nothing
 * else changes), found by looking, the one step that must. */
static int
complete_2(struct arc_store *s, struct arc_error *err)
{
	static const struct { const char *name, *type; } columns[] = {
		{ "confidence", "TEXT" }, { "pdf", "TEXT" },
		{ "coded", "BLOB" },
	};
	char sql[128];

	if (arc_store_exec(s, tables_of_2, err) != ARC_OK)
		return ARC_FATAL;
	for (size_t i = 0; i < sizeof(columns) / sizeof(*columns); i++) {
		if (has_column(s, columns[i].name))
			continue;
		snprintf(sql, sizeof(sql), "ALTER TABLE doc ADD COLUMN %s %s",
		    columns[i].name, columns[i].type);
		if (arc_store_exec(s, sql, err) != ARC_OK)
			return ARC_FATAL;
	}
	if (found(s, "SELECT 1 FROM fts_config WHERE k = ?", "automerge"))
		return ARC_OK;
	return arc_store_exec(s, merge_less, err);
}

/* 3 to 4: the unread table. */
static int
add_unread(struct arc_store *s, struct arc_error *err)
{
	return arc_store_exec(s, tables_of_4, err);
}

/* 4 to 5: the ranking segments, empty: the next arc-index makes them,
 * and until then FTS5 ranks every document.  Words lost their diacritics
 * (words.c): the index made again, so that its words are those a search
 * now looks up, and those a document's change takes out. */
static int
add_ranking(struct arc_store *s, struct arc_error *err)
{
	if (arc_store_exec(s, tables_of_5, err) != ARC_OK)
		return ARC_FATAL;
	return arc_fts_rebuild(s, err);
}

/* 5 to 6: doc.title_guessed, NULL in the rows there.  The index is made
 * again if an archived document with its text coded by word is missing
 * from it: arcs before this one made it again in the step from 4 to 5
 * reading the rows as an archive without coded texts, so that it held
 * only the texts kept deflated and the documents archived since. */
static int
add_title_guessed(struct arc_store *s, struct arc_error *err)
{
	if (arc_store_exec(s, "ALTER TABLE doc ADD COLUMN title_guessed "
	    "INTEGER", err) != ARC_OK)
		return ARC_FATAL;
	if (!found(s, "SELECT 1 FROM doc WHERE state = ? AND coded IS NOT "
	    "NULL AND id NOT IN (SELECT id FROM fts_docsize) LIMIT 1",
	    "archived"))
		return ARC_OK;
	return arc_fts_rebuild(s, err);
}

/* From layout N to N + 1, by N; none: N is not upgraded. */
static int (*const steps[ARC_SCHEMA_VERSION])(struct arc_store *,
    struct arc_error *) = {
	[2] = complete_2,
	[3] = add_unread,
	[4] = add_ranking,
	[5] = add_title_guessed,
};

int
arc_schema_version(struct arc_store *s, int *version)
{
	sqlite3_stmt *st;
	int rc;

	*version = 0;
	if ((rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL)) != SQLITE_OK)
		return rc;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int
arc_schema_usable(struct arc_store *s, int version, struct arc_error *err)
{
	if (version > ARC_SCHEMA_VERSION)
		return arc_error_set(err, "%s: made by a newer arc "
		    "(schema %d); this one knows %d", s->path, version,
		    ARC_SCHEMA_VERSION);
	for (int v = version; v > 0 && v < ARC_SCHEMA_VERSION; v++)
		if (steps[v] == NULL)
			return arc_error_set(err, "%s: made by an earlier test "
			    "version of arc (schema %d); move it aside and "
			    "index again", s->path, version);
	return ARC_OK;
}

int
arc_schema_upgrade(struct arc_store *s, int version, struct arc_error *err)
{
	char sql[64];

	if (version == ARC_SCHEMA_VERSION)
		return ARC_OK;
	if (arc_schema_usable(s, version, err) != ARC_OK)
		return ARC_FATAL;
	if (version == 0 && make_newest(s, err) != ARC_OK)
		return ARC_FATAL;
	/* Each step reads the rows as an archive of its layout has them. */
	for (int v = version; v > 0 && v < ARC_SCHEMA_VERSION; v++) {
		arc_schema_features(s, v);
		if (steps[v](s, err) != ARC_OK)
			return ARC_FATAL;
	}
	snprintf(sql, sizeof(sql), "PRAGMA user_version=%d;",
	    ARC_SCHEMA_VERSION);
	return arc_store_exec(s, sql, err);
}

void
arc_schema_features(struct arc_store *s, int version)
{
	/* A reader may not upgrade: what an archive of 2 has is looked
	 * for, as complete_2 does. */
	if (version == 2) {
		s->has_coded = has_column(s, "coded");
		s->has_confidence = has_column(s, "confidence");
		s->has_chat = has_table(s, "chat");
		s->has_unread = s->has_ranking = s->has_title_guessed = 0;
		return;
	}
	s->has_coded = s->has_confidence = s->has_chat =
	    version >= 3;
	s->has_unread = version >= 4;
	s->has_ranking = version >= 5;
	s->has_title_guessed = version >= 6;
}
