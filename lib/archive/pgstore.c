/* pgstore.c: the archive on a PostgreSQL server: connecting, its tables made once, the state of a document, and the server's errors said plainly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* The layout of a city archive, in arc_meta's 'schema'. */
#define PG_SCHEMA_VERSION "4"

/*
 * The tables: as in SQLite (schema.c), with the text kept as text (the
 * server compresses it) and the words as a tsvector, and each document
 * listed for every office that archived it (offices).  Row-level
 * security: a role sees the documents of the offices that arc_member
 * lists for it (or every office, for '*'); a role listed as a writer
 * sees and writes every row, since one document is stored once for all
 * the offices that hold it.  The table owner (the role that made the
 * archive) is above the policies.
 */
/*
 * The ranking segments (pgrank.c), each of one office's documents, and
 * the documents new or changed since they were made (rank_todo, n their
 * version, len their words), read by office as doc is.  Layout 2;
 * layout 1 had none.
 */
#define RANK_SQL \
	"CREATE TABLE IF NOT EXISTS rank_segment (" \
	"  id bigserial PRIMARY KEY, office text NOT NULL," \
	"  docs bigint NOT NULL, tokens bigint NOT NULL," \
	"  lens bytea NOT NULL);" \
	"CREATE TABLE IF NOT EXISTS rank_post (" \
	"  term text COLLATE \"C\" NOT NULL," \
	"  segment bigint NOT NULL REFERENCES rank_segment ON DELETE CASCADE," \
	"  office text NOT NULL, df bigint NOT NULL, data bytea NOT NULL," \
	"  PRIMARY KEY (term, segment));" \
	"CREATE INDEX IF NOT EXISTS rank_post_segment ON rank_post (segment);" \
	"CREATE SEQUENCE IF NOT EXISTS rank_todo_n;" \
	"CREATE TABLE IF NOT EXISTS rank_todo (" \
	"  doc bigint NOT NULL REFERENCES doc ON DELETE CASCADE," \
	"  office text NOT NULL," \
	"  n bigint NOT NULL DEFAULT nextval('rank_todo_n')," \
	"  len bigint NOT NULL DEFAULT 0," \
	"  PRIMARY KEY (doc, office));" \
	RANK_POLICIES("rank_segment") RANK_POLICIES("rank_post") \
	RANK_POLICIES("rank_todo")
#define RANK_POLICIES(t) \
	"ALTER TABLE " t " ENABLE ROW LEVEL SECURITY;" \
	"DROP POLICY IF EXISTS " t "_read ON " t ";" \
	"CREATE POLICY " t "_read ON " t " FOR SELECT USING (" \
	"  ARRAY[office] <@ (SELECT arc_offices())" \
	"  OR (SELECT arc_offices()) @> '{*}');" \
	"DROP POLICY IF EXISTS " t "_write ON " t ";" \
	"CREATE POLICY " t "_write ON " t " FOR ALL" \
	"  USING ((SELECT arc_writes())) WITH CHECK ((SELECT arc_writes()));"

/*
 * The vocabulary (pgvocab.c): each office's words as written, numbered in
 * the order met, for "did you mean", read by office as doc is.  Layout 3;
 * layout 2 had none.
 */
#define WORD_SQL \
	"CREATE TABLE IF NOT EXISTS word (" \
	"  id bigserial NOT NULL, office text NOT NULL," \
	"  w text COLLATE \"C\" NOT NULL, PRIMARY KEY (w, office));" \
	RANK_POLICIES("word")

/*
 * Whether arc_title_of took a document's title from a line of its text:
 * NULL in the rows archived before, whose words are counted by the older
 * rule (arc_fts_columns).  Layout 4; layout 3 had none.
 */
#define TITLE_GUESSED_SQL \
	"ALTER TABLE doc ADD COLUMN IF NOT EXISTS title_guessed boolean;"

/* Layout 1 to 4: the segments' tables and the vocabulary, every archived
 * document to be counted into them by the next arc-index. */
static const char upgrade1_sql[] =
	RANK_SQL WORD_SQL TITLE_GUESSED_SQL
	"INSERT INTO rank_todo (doc, office) SELECT d.id, o FROM doc d,"
	"  unnest(" PG_OFFICES("d") ") o WHERE d.state = 'archived'"
	"  ON CONFLICT DO NOTHING;"
	"UPDATE arc_meta SET value = '" PG_SCHEMA_VERSION "' WHERE key = "
	"  'schema';";

/* Layout 2 to 4: the vocabulary, made at once from the archived texts by
 * the server: their words of ASCII letters only, as arc_next_word makes
 * them (one with another letter waits till its document is counted
 * again); counting every document again would leave searches slow till
 * done. */
static const char upgrade2_sql[] =
	WORD_SQL TITLE_GUESSED_SQL
	"INSERT INTO word (office, w) SELECT DISTINCT o, w FROM doc d,"
	"  unnest(" PG_OFFICES("d") ") o, regexp_split_to_table(lower("
	"  coalesce(d.title, '') || ' ' || coalesce(d.body, '')),"
	"  '[[:space:][:punct:]]+') w"
	"  WHERE d.state = 'archived' AND w ~ '^[a-z]{3,40}$'"
	"  ON CONFLICT DO NOTHING;"
	"UPDATE arc_meta SET value = '" PG_SCHEMA_VERSION "' WHERE key = "
	"  'schema';";

/* Layout 3 to 4. */
static const char upgrade3_sql[] =
	TITLE_GUESSED_SQL
	"UPDATE arc_meta SET value = '" PG_SCHEMA_VERSION "' WHERE key = "
	"  'schema';";

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS arc_meta ("
	"  key text PRIMARY KEY, value text NOT NULL);"
	"CREATE TABLE IF NOT EXISTS arc_member ("
	"  role name NOT NULL, office text NOT NULL,"
	"  writes boolean NOT NULL DEFAULT false,"
	"  PRIMARY KEY (role, office));"
	"CREATE TABLE IF NOT EXISTS doc ("
	"  id bigserial PRIMARY KEY,"
	"  sha256 text NOT NULL UNIQUE,"
	"  state text NOT NULL CHECK (state IN ('archived', 'failed')),"
	"  path text, member text, size bigint, mtime text, mime text,"
	"  lang text, pages bigint, title text, tanggal text, nomor text,"
	"  tags text, fields text, error text,"
	"  attempts integer NOT NULL DEFAULT 0,"
	"  digest text, indexed text NOT NULL, confidence text, pdf text,"
	"  body text, words tsvector,"
	"  offices text[] NOT NULL DEFAULT '{}', title_guessed boolean);"
	"CREATE INDEX IF NOT EXISTS doc_words ON doc USING gin (words);"
	"CREATE INDEX IF NOT EXISTS doc_date ON doc (tanggal);"
	"CREATE INDEX IF NOT EXISTS doc_offices ON doc USING gin (offices);"
	"CREATE TABLE IF NOT EXISTS doc_tag ("
	"  tag text NOT NULL,"
	"  doc bigint NOT NULL REFERENCES doc ON DELETE CASCADE,"
	"  PRIMARY KEY (tag, doc));"
	"CREATE INDEX IF NOT EXISTS doc_tag_doc ON doc_tag (doc);"
	"CREATE TABLE IF NOT EXISTS forgotten ("
	"  sha256 text PRIMARY KEY, time text NOT NULL);"
	"CREATE TABLE IF NOT EXISTS chat ("
	"  id bigserial PRIMARY KEY,"
	"  time text NOT NULL, session text NOT NULL, q text NOT NULL,"
	"  status text NOT NULL, entry text, score double precision,"
	"  lang text, answer text, office text,"
	"  UNIQUE (time, session, q));"
	"CREATE INDEX IF NOT EXISTS chat_time ON chat (time);"
	"CREATE TABLE IF NOT EXISTS unread ("
	"  path text NOT NULL, member text NOT NULL DEFAULT '',"
	"  attempts integer NOT NULL, error text, time text NOT NULL,"
	"  office text, PRIMARY KEY (path, member));"
	/* The offices the current role reads ('*': all of them), and
	 * whether it writes: asked once a statement (the policies call them
	 * in a sub-select, which PostgreSQL runs once). */
	"CREATE OR REPLACE FUNCTION arc_offices() RETURNS text[]"
	"  LANGUAGE sql STABLE AS $$"
	"  SELECT coalesce(array_agg(m.office), '{}') FROM arc_member m"
	"  JOIN pg_roles r ON r.rolname = m.role"
	"  WHERE pg_has_role(r.oid, 'MEMBER') $$;"
	"CREATE OR REPLACE FUNCTION arc_writes() RETURNS boolean"
	"  LANGUAGE sql STABLE AS $$"
	"  SELECT EXISTS (SELECT 1 FROM arc_member m"
	"  JOIN pg_roles r ON r.rolname = m.role"
	"  WHERE m.writes AND pg_has_role(r.oid, 'MEMBER')) $$;"
	"ALTER TABLE doc ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE chat ENABLE ROW LEVEL SECURITY;"
	"ALTER TABLE unread ENABLE ROW LEVEL SECURITY;"
	"DROP POLICY IF EXISTS doc_read ON doc;"
	"CREATE POLICY doc_read ON doc FOR SELECT USING ("
	"  offices && (SELECT arc_offices())"
	"  OR (SELECT arc_offices()) @> '{*}');"
	"DROP POLICY IF EXISTS doc_write ON doc;"
	"CREATE POLICY doc_write ON doc FOR ALL"
	"  USING ((SELECT arc_writes())) WITH CHECK ((SELECT arc_writes()));"
	"DROP POLICY IF EXISTS chat_read ON chat;"
	"CREATE POLICY chat_read ON chat FOR SELECT USING ("
	"  ARRAY[office] <@ (SELECT arc_offices())"
	"  OR (SELECT arc_offices()) @> '{*}');"
	"DROP POLICY IF EXISTS chat_write ON chat;"
	"CREATE POLICY chat_write ON chat FOR ALL"
	"  USING ((SELECT arc_writes())) WITH CHECK ((SELECT arc_writes()));"
	"DROP POLICY IF EXISTS unread_read ON unread;"
	"CREATE POLICY unread_read ON unread FOR SELECT USING ("
	"  ARRAY[office] <@ (SELECT arc_offices())"
	"  OR (SELECT arc_offices()) @> '{*}');"
	"DROP POLICY IF EXISTS unread_write ON unread;"
	"CREATE POLICY unread_write ON unread FOR ALL"
	"  USING ((SELECT arc_writes())) WITH CHECK ((SELECT arc_writes()));"
	RANK_SQL WORD_SQL
	"INSERT INTO arc_meta VALUES ('schema', '" PG_SCHEMA_VERSION "')"
	"  ON CONFLICT (key) DO NOTHING;";

int
arc_pg_is_uri(const char *address)
{
	return address != NULL &&
	    (strncmp(address, "postgresql://", 13) == 0 ||
	    strncmp(address, "postgres://", 11) == 0);
}

/* The URI without its password (user:password@ becomes user@), for
 * messages and logs.  malloc'd. */
static char *
shown_uri(const char *uri)
{
	const char *rest = strstr(uri, "://"), *at, *colon;
	char *out = strdup(uri);

	if (out == NULL || rest == NULL)
		return out;
	rest += 3;
	at = rest + strcspn(rest, "@/?");
	colon = *at == '@' ? memchr(rest, ':', (size_t)(at - rest)) : NULL;
	if (colon != NULL)
		memmove(out + (colon - uri), out + (at - uri),
		    strlen(at) + 1);
	/* A password given as a parameter is cut off too, with or without
	 * a user before the host. */
	if ((rest = strstr(out, "password=")) != NULL)
		strcpy(out + (rest - out), "password=...");
	return out;
}

/* The first line of what the server or libpq said. */
static void
say(struct arc_store *s, const char *what, struct arc_error *err)
{
	size_t n = strcspn(what, "\n");

	while (n > 0 && (what[n - 1] == ' ' || what[n - 1] == '.'))
		n--;
	arc_error_set(err, "%s: %.*s", s->pg->shown, (int)n, what);
}

/* Not connected: libpq's reason as it gives it (its first line: the
 * server's own words), and what to do about it in the user's language,
 * for the commonest reasons. */
static void
connect_failed(struct arc_store *s, struct arc_error *err)
{
	const char *why = PQerrorMessage(s->pg->conn);
	int n = (int)strcspn(why, "\n");

	while (n > 0 && (why[n - 1] == ' ' || why[n - 1] == '.'))
		n--;
	/* libpq quotes an address it cannot read, password and all. */
	if (strncmp(why, "invalid", 7) == 0 || strncmp(why, "missing", 7) == 0)
		arc_error_set(err, "%s: the address is not valid: see "
		    "arc-postgresql(7)", s->pg->shown);
	else if (strstr(why, "password") != NULL ||
	    strstr(why, "authentication failed") != NULL ||
	    strstr(why, "pg_hba.conf") != NULL)
		arc_error_set(err, "%s: the server refused this account "
		    "(%.*s): check its pg_hba.conf, or ~/.pgpass (mode 0600) "
		    "for the role's password", s->pg->shown, n, why);
	else if (strstr(why, "database \"") != NULL &&
	    strstr(why, "does not exist") != NULL)
		arc_error_set(err, "%s: the server has no such database "
		    "(%.*s): check the address", s->pg->shown, n, why);
	else if (strstr(why, "role \"") != NULL &&
	    strstr(why, "does not exist") != NULL)
		arc_error_set(err, "%s: the server has no such role (%.*s): "
		    "check the address, or ask its administrator for one",
		    s->pg->shown, n, why);
	else
		arc_error_set(err, "%s: cannot connect to the server "
		    "(%.*s): is it running, and the address right?",
		    s->pg->shown, n, why);
}

int
arc_pg_fail(struct arc_store *s, struct arc_error *err)
{
	const char *msg = PQerrorMessage(s->pg->conn);

	/* The message names the error, never the values of the row. */
	if (strncmp(msg, "ERROR:  ", 8) == 0)
		msg += 8;
	if (PQstatus(s->pg->conn) == CONNECTION_BAD)
		arc_error_set(err, "%s: the connection to the server was lost "
		    "(%.*s); run again once it is back: nothing committed is "
		    "lost", s->pg->shown, (int)strcspn(msg, "\n"), msg);
	else
		say(s, *msg != '\0' ? msg : "the server failed", err);
	return ARC_FATAL;
}

int
arc_pg_failed(struct arc_store *s, PGresult *r, struct arc_error *err)
{
	const char *code = r != NULL ? PQresultErrorField(r,
	    PG_DIAG_SQLSTATE) : NULL;
	const char *primary = r != NULL ? PQresultErrorField(r,
	    PG_DIAG_MESSAGE_PRIMARY) : NULL;

	snprintf(s->pg->code, sizeof(s->pg->code), "%s",
	    code != NULL ? code : "");
	/* 57014: the statement_timeout the connection asked for. */
	if (code != NULL && strcmp(code, "57014") == 0)
		arc_error_set(err, "%s: the server cancelled a statement that "
		    "ran longer than its statement_timeout; run again, or "
		    "raise it", s->pg->shown);
	else if (primary != NULL && PQstatus(s->pg->conn) == CONNECTION_OK)
		say(s, primary, err);
	else
		arc_pg_fail(s, err);
	PQclear(r);
	return ARC_FATAL;
}

PGresult *
arc_pg_query(struct arc_store *s, const char *sql, int n,
    const char *const *params, struct arc_error *err)
{
	PGresult *r = PQexecParams(s->pg->conn, sql, n, NULL, params, NULL,
	    NULL, 0);

	if (PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK)
		return r;
	arc_pg_failed(s, r, err);
	return NULL;
}

int
arc_pg_exec(struct arc_store *s, const char *sql, struct arc_error *err)
{
	/* The simple protocol: sql may be several statements. */
	PGresult *r = PQexec(s->pg->conn, sql);

	if (PQresultStatus(r) == PGRES_COMMAND_OK ||
	    PQresultStatus(r) == PGRES_TUPLES_OK) {
		PQclear(r);
		return ARC_OK;
	}
	return arc_pg_failed(s, r, err);
}

char *
arc_pg_ids_text(const long long *v, size_t n)
{
	char *out = malloc(n * 21 + 3), *at = out;

	if (out == NULL)
		return NULL;
	*at++ = '{';
	for (size_t i = 0; i < n; i++)
		at += sprintf(at, i > 0 ? ",%lld" : "%lld", v[i]);
	*at++ = '}';
	*at = '\0';
	return out;
}

int
arc_pg_id_order(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

const char *
arc_pg_text(const PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

/* A setting of arc.conf, else the environment's, malloc'd; NULL when
 * neither gives one. */
static char *
setting(const char *conf_name, const char *env_name)
{
	const char *env = getenv(env_name);
	struct arc_error ignored;
	char buf[4096];

	if (env != NULL && *env != '\0')
		return strdup(env);
	if (arc_conf_lookup(conf_name, buf, sizeof(buf), &ignored) == ARC_OK &&
	    buf[0] != '\0')
		return strdup(buf);
	return NULL;
}

/* The archive's layout into was ("" when there are no tables). */
static int
layout(struct arc_store *s, char was[16], struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, "SELECT to_regclass('arc_meta') IS NOT "
	    "NULL", 0, NULL, err);
	int made;

	was[0] = '\0';
	if (r == NULL)
		return ARC_FATAL;
	made = strcmp(PQgetvalue(r, 0, 0), "t") == 0;
	PQclear(r);
	if (!made)
		return ARC_OK;
	if ((r = arc_pg_query(s, "SELECT value FROM arc_meta WHERE key = "
	    "'schema'", 0, NULL, err)) == NULL)
		return ARC_FATAL;
	if (PQntuples(r) == 1)
		snprintf(was, 16, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	return ARC_OK;
}

/* Makes the tables when they are not there, one writer at a time: only
 * then, since only the archive's owner may (another office's writer is
 * not). */
static int
make_tables(struct arc_store *s, struct arc_error *err)
{
	char was[16];
	int rc;

	if (layout(s, was, err) != ARC_OK)
		return ARC_FATAL;
	if (strcmp(was, PG_SCHEMA_VERSION) == 0)
		return ARC_OK;
	/* An older layout is brought up to date by the archive's owner
	 * only: tables another role made would be that role's, and not
	 * the owner's to write.  check_layout says so to the others. */
	if (was[0] != '\0') {
		PGresult *r = arc_pg_query(s, "SELECT pg_has_role(relowner, "
		    "'USAGE') FROM pg_class WHERE oid = 'arc_meta'::regclass",
		    0, NULL, err);
		int owner = r != NULL && strcmp(PQgetvalue(r, 0, 0), "t") == 0;

		if (r == NULL)
			return ARC_FATAL;
		PQclear(r);
		if (!owner)
			return ARC_OK;
	}
	if (arc_pg_exec(s, "BEGIN", err) != ARC_OK)
		return ARC_FATAL;
	/* Again under the lock: another writer may have made them. */
	if (arc_pg_exec(s, "SELECT pg_advisory_xact_lock(7361601)", err) !=
	    ARC_OK || layout(s, was, err) != ARC_OK) {
		arc_pg_rollback(s);
		return ARC_FATAL;
	}
	rc = arc_pg_exec(s, was[0] == '\0' ? schema_sql : strcmp(was, "1") ==
	    0 ? upgrade1_sql : strcmp(was, "2") == 0 ? upgrade2_sql :
	    strcmp(was, "3") == 0 ? upgrade3_sql : "SELECT 1", err);
	if (rc != ARC_OK || arc_pg_exec(s, "COMMIT", err) != ARC_OK) {
		arc_pg_rollback(s);
		return ARC_FATAL;
	}
	return ARC_OK;
}

/* Is the archive there, of a layout this arc reads?  And may this role
 * read, and write, its vocabulary (s->pg->vocab)? */
static int
check_layout(struct arc_store *s, struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, "SELECT value, CASE"
	    "  WHEN to_regclass('word') IS NULL THEN 0"
	    "  WHEN has_table_privilege('word', 'INSERT') THEN 2"
	    "  WHEN has_table_privilege('word', 'SELECT') THEN 1 ELSE 0 END "
	    "FROM arc_meta WHERE key = 'schema'", 0, NULL, err);
	const char *was;
	int rc = ARC_OK;

	if (r == NULL && strcmp(s->pg->code, "42P01") == 0)
		return arc_error_set(err, "%s: no archive here; arc-index "
		    "makes one", s->pg->shown);     /* ARC_ERR: none yet */
	/* 42501: a role given no SELECT (a clerk the grants missed). */
	if (r == NULL && strcmp(s->pg->code, "42501") == 0)
		arc_error_set(err, "%s: this role may not read the archive: "
		    "the server's administrator grants it SELECT on the tables "
		    "and an arc_member row (arc-postgresql(7))", s->pg->shown);
	if (r == NULL)
		return ARC_FATAL;
	was = PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : "unknown";
	/* Layout 1, older: its owner's next arc-index brings it up to
	 * date (make_tables).  Layout 2 lacks only the vocabulary, which
	 * "did you mean" does without till then, and title_guessed, as
	 * layout 3 does: its rows are counted by the older rule till then
	 * (arc_fts_columns). */
	if (strcmp(was, "1") == 0)
		rc = arc_error_set(err, "%s: the archive's layout is %s; this "
		    "arc reads %s: run arc-index --optimize once as the "
		    "archive's owner to bring it up to date", s->pg->shown,
		    was, PG_SCHEMA_VERSION);
	else if (strcmp(was, "2") != 0 && strcmp(was, "3") != 0 &&
	    strcmp(was, PG_SCHEMA_VERSION) != 0)
		rc = arc_error_set(err, "%s: the archive's layout is %s; this "
		    "arc reads %s", s->pg->shown, was, PG_SCHEMA_VERSION);
	else {
		s->pg->vocab = atoi(PQgetvalue(r, 0, 1));
		s->pg->vocab_table = strcmp(was, "2") != 0;
		/* doc.title_guessed, as in SQLite's layout 6. */
		s->has_title_guessed = strcmp(was, PG_SCHEMA_VERSION) == 0;
	}
	PQclear(r);
	return rc == ARC_OK ? ARC_OK : ARC_FATAL;
}

/* A role that arc_member lists as no office's writer, and that is not
 * the archive's owner, is told so before it does any work, with the roles
 * whose nightly jobs write (the owner, then arc_member's writers), as a
 * clerk on an SQLite archive is told its owner's: a clerk's arc-index
 * would otherwise be refused at its first row. */
static int
may_write(struct arc_store *s, struct arc_error *err)
{
	PGresult *r = arc_pg_query(s, "SELECT arc_writes() OR pg_has_role("
	    "relowner, 'USAGE'), current_user, concat_ws(', ', "
	    "pg_get_userbyid(relowner), (SELECT string_agg(DISTINCT "
	    "role::text, ', ') FROM arc_member WHERE writes AND role <> "
	    "pg_get_userbyid(relowner))) FROM pg_class WHERE oid = "
	    "'doc'::regclass", 0, NULL, err);
	int rc = ARC_OK;

	if (r == NULL)
		return ARC_FATAL;
	if (PQntuples(r) != 1 || strcmp(PQgetvalue(r, 0, 0), "t") != 0) {
		int one = PQntuples(r) == 1;
		arc_error_set(err, "%s: this role (%s) cannot write the "
		    "archive; the nightly job of %s does (arc-postgresql(7))",
		    s->pg->shown, one ? PQgetvalue(r, 0, 1) : "?",
		    one ? PQgetvalue(r, 0, 2) : "?");
		rc = ARC_FATAL;
	}
	PQclear(r);
	return rc;
}

int
arc_pg_open(struct arc_store *s, int write, struct arc_error *err)
{
	struct arc_pg *pg = calloc(1, sizeof(*pg));
	int rc;

	if (pg == NULL || (pg->shown = shown_uri(s->path)) == NULL) {
		free(pg);
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	}
	s->pg = pg;
	s->readonly = !write;
	/* What the reports ask of an archive's layout: all there. */
	s->has_chat = s->has_confidence = s->has_unread = 1;
	s->has_ranking = 1;
	pg->office = setting("office", "ARC_OFFICE");
	if ((s->files = setting("copies", "ARC_COPIES")) == NULL)
		return arc_error_set(err, "%s: an archive on PostgreSQL keeps "
		    "its copies of the originals in the folder arc.conf's "
		    "copies names (or ARC_COPIES): set it", pg->shown),
		    ARC_FATAL;
	if (s->files[0] != '/')
		return arc_error_set(err, "ARC_COPIES: '%s' is not an absolute "
		    "path (one from /)", s->files), ARC_FATAL;
	if (arc_pq_load(err) != ARC_OK)
		return ARC_FATAL;
	/* No password in the URI is needed: ~/.pgpass or peer. */
	pg->conn = PQconnectdb(s->path);
	if (pg->conn == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		connect_failed(s, err);
		return ARC_FATAL;
	}
	/* arc's texts are UTF-8 whatever the database's encoding (the
	 * server converts, or refuses what it cannot hold). */
	if (arc_pg_exec(s, "SET client_min_messages = warning; "
	    "SET client_encoding = 'UTF8'", err) != ARC_OK)
		return ARC_FATAL;
	if (write && make_tables(s, err) != ARC_OK)
		return ARC_FATAL;
	if ((rc = check_layout(s, err)) != ARC_OK)
		return rc;
	return write ? may_write(s, err) : ARC_OK;
}

void
arc_pg_close(struct arc_store *s)
{
	if (s->pg == NULL)
		return;
	/* None when libpq could not be loaded. */
	if (s->pg->conn != NULL)
		PQfinish(s->pg->conn);
	free(s->pg->shown);
	free(s->pg->office);
	free(s->pg);
	s->pg = NULL;
}

void
arc_pg_rollback(struct arc_store *s)
{
	PQclear(PQexec(s->pg->conn, "ROLLBACK"));
}

int
arc_pg_state(struct arc_store *s, const char *sha256, int named_ok,
    int *attempts)
{
	const char *params[2] = { sha256, s->pg->office };
	struct arc_error err;
	PGresult *r;
	int state = ARC_STORE_ABSENT;

	*attempts = 0;
	/* A document another office archived is this office's to archive
	 * too: arc-index lists it for this one as well (a writer sees every
	 * office's rows).  An erased one is no office's. */
	r = arc_pg_query(s, "SELECT state, attempts, path, $2::text IS NOT "
	    "NULL AND NOT $2 = ANY (offices) FROM doc WHERE sha256 = $1 "
	    "UNION ALL SELECT 'forgotten', 0, NULL, false FROM forgotten "
	    "WHERE sha256 = $1", 2, params, &err);
	if (r == NULL)
		return ARC_FATAL;
	if (PQntuples(r) > 0 && strcmp(PQgetvalue(r, 0, 3), "t") == 0) {
		PQclear(r);
		return ARC_STORE_ABSENT;
	}
	if (PQntuples(r) > 0) {
		const char *st = PQgetvalue(r, 0, 0), *path = arc_pg_text(r, 0,
		    2);
		state = strcmp(st, "archived") == 0 ? ARC_STORE_ARCHIVED :
		    strcmp(st, "failed") == 0 ? ARC_STORE_FAILED :
		    ARC_STORE_FORGOTTEN;
		*attempts = atoi(PQgetvalue(r, 0, 1));
		if (state == ARC_STORE_FAILED && named_ok && path != NULL &&
		    strstr(path, "\xef\xbf\xbd")) {
			state = ARC_STORE_ABSENT;
			*attempts = 0;
		}
	}
	PQclear(r);
	return state;
}

int
arc_pg_unread(struct arc_store *s, const char *path, const char *member)
{
	const char *params[2] = { path, member != NULL ? member : "" };
	struct arc_error err;
	PGresult *r = arc_pg_query(s, "SELECT attempts FROM unread WHERE "
	    "path = $1 AND member = $2", 2, params, &err);
	int attempts = 0;

	if (r == NULL)
		return 0;
	if (PQntuples(r) > 0)
		attempts = atoi(PQgetvalue(r, 0, 0));
	PQclear(r);
	return attempts;
}
