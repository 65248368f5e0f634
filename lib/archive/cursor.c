/* cursor.c: the rows of a read-only query from either back end, for the reports (report.c): SQLite's statement stepped, or PostgreSQL's result walked, the same SQL for both. */
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* The SQL for PostgreSQL: ?1 and ?2 as text parameters ($1::text). */
static char *
pg_sql(const char *sql)
{
	char *out = malloc(strlen(sql) * 4 + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (const char *p = sql; *p != '\0'; p++)
		if (p[0] == '?' && (p[1] == '1' || p[1] == '2')) {
			o += sprintf(o, "$%c::text", p[1]);
			p++;
		} else
			*o++ = *p;
	*o = '\0';
	return out;
}

int
arc_cursor_open(struct arc_store *s, const char *sql, const char *p1,
    const char *p2, struct arc_cursor *c, struct arc_error *err)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->row = -1;
	if (s->pg != NULL) {
		const char *params[2] = { p1, p2 };
		char *text = pg_sql(sql);
		if (text == NULL)
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		c->res = arc_pg_query(s, text, 2, params, err);
		free(text);
		return c->res != NULL ? ARC_OK : ARC_FATAL;
	}
	if (sqlite3_prepare_v2(s->db, sql, -1, &c->st, NULL) != SQLITE_OK)
		return arc_store_fail(s, err);
	if (p1 != NULL)
		sqlite3_bind_text(c->st, 1, p1, -1, SQLITE_STATIC);
	if (p2 != NULL)
		sqlite3_bind_text(c->st, 2, p2, -1, SQLITE_STATIC);
	return ARC_OK;
}

int
arc_cursor_next(struct arc_cursor *c, struct arc_error *err)
{
	int rc;

	if (c->res != NULL)
		return ++c->row < PQntuples(c->res);
	if ((rc = sqlite3_step(c->st)) == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return arc_store_fail(c->s, err);
}

int
arc_cursor_columns(const struct arc_cursor *c)
{
	return c->res != NULL ? PQnfields(c->res) :
	    sqlite3_column_count(c->st);
}

const char *
arc_cursor_name(const struct arc_cursor *c, int i)
{
	return c->res != NULL ? PQfname(c->res, i) :
	    sqlite3_column_name(c->st, i);
}

/* PostgreSQL's types by their fixed OIDs (pg_type.dat). */
enum { PG_INT8 = 20, PG_INT4 = 23, PG_FLOAT8 = 701, PG_NUMERIC = 1700 };

enum arc_cursor_type
arc_cursor_type(const struct arc_cursor *c, int i)
{
	if (c->res != NULL) {
		Oid t = PQftype(c->res, i);
		if (PQgetisnull(c->res, c->row, i))
			return ARC_CURSOR_NULL;
		return t == PG_INT8 || t == PG_INT4 ? ARC_CURSOR_INTEGER :
		    t == PG_FLOAT8 || t == PG_NUMERIC ? ARC_CURSOR_REAL :
		    ARC_CURSOR_TEXT;
	}
	switch (sqlite3_column_type(c->st, i)) {
	case SQLITE_INTEGER:
		return ARC_CURSOR_INTEGER;
	case SQLITE_FLOAT:
		return ARC_CURSOR_REAL;
	case SQLITE_NULL:
		return ARC_CURSOR_NULL;
	default:
		return ARC_CURSOR_TEXT;
	}
}

const char *
arc_cursor_text(const struct arc_cursor *c, int i)
{
	return c->res != NULL ? arc_pg_text(c->res, c->row, i) :
	    (const char *)sqlite3_column_text(c->st, i);
}

long long
arc_cursor_int(const struct arc_cursor *c, int i)
{
	return c->res != NULL ? atoll(PQgetvalue(c->res, c->row, i)) :
	    sqlite3_column_int64(c->st, i);
}

double
arc_cursor_real(const struct arc_cursor *c, int i)
{
	return c->res != NULL ? atof(PQgetvalue(c->res, c->row, i)) :
	    sqlite3_column_double(c->st, i);
}

void
arc_cursor_close(struct arc_cursor *c)
{
	/* libpq is loaded only for an archive on PostgreSQL (pg.h). */
	if (c->res != NULL)
		PQclear(c->res);
	sqlite3_finalize(c->st);
	memset(c, 0, sizeof(*c));
}
