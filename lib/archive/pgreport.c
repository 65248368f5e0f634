/* pgreport.c: arc-report's reports of a PostgreSQL archive, the same rows as report.c makes from SQLite, each office's clerks seeing their own (row-level security). */
#include <stdlib.h>
#include <string.h>

#include "pg.h"

/* The days a report covers: $1 since and $2 until, either NULL. */
#define IN_RANGE(day) \
	"($1::text IS NULL OR " day " >= $1) AND " \
	"($2::text IS NULL OR substr(" day ", 1, length($2)) <= $2)"
#define RETRY \
	"CASE WHEN attempts < 3 THEN 'next run' ELSE 'given up' END AS retry"

static json_t *
value(const PGresult *r, int row, int col)
{
	const char *v = arc_pg_text(r, row, col);
	Oid type = PQftype(r, col);
	char *copy;
	json_t *j;

	if (v == NULL)
		return json_null();
	/* int8, int4 and numeric (a rate) as numbers. */
	if (type == 20 || type == 23)
		return json_integer(atoll(v));
	if (type == 1700 || type == 701)
		return json_real(atof(v));
	/* NIKs masked, whatever wrote them. */
	if ((copy = strdup(v)) == NULL)
		return NULL;
	arc_mask_nik(copy);
	j = json_string(copy);
	free(copy);
	return j;
}

static int
rows(struct arc_store *s, const char *name, const char *sql,
    const struct arc_report_range *range, arc_report_fn fn, void *ctx,
    struct arc_error *err)
{
	const char *p[2] = { range->since, range->until };
	PGresult *r = arc_pg_query(s, sql, 2, p, err);

	if (r == NULL)
		return ARC_FATAL;
	for (int i = 0; i < PQntuples(r); i++) {
		json_t *row = json_pack("{s:s}", "report", name);
		for (int c = 0; row != NULL && c < PQnfields(r); c++)
			json_object_set_new(row, PQfname(r, c),
			    value(r, i, c));
		if (row == NULL) {
			PQclear(r);
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		}
		int stop = fn(ctx, name, row);
		json_decref(row);
		if (stop)
			break;
	}
	PQclear(r);
	return ARC_OK;
}

int
arc_pg_report(struct arc_store *s, const char *name,
    const struct arc_report_range *range, arc_report_fn fn, void *ctx,
    struct arc_error *err)
{
	const char *sql = NULL;

	if (strcmp(name, "documents") == 0)
		sql = "SELECT substr(indexed, 1, 10) AS day, "
		    "count(*) FILTER (WHERE state = 'archived') AS archived, "
		    "count(*) FILTER (WHERE state = 'failed') AS failed "
		    "FROM doc WHERE " IN_RANGE("substr(indexed, 1, 10)")
		    " GROUP BY day ORDER BY day";
	else if (strcmp(name, "tags") == 0)
		sql = "SELECT tag, count(*) AS documents FROM doc_tag "
		    "JOIN doc ON doc.id = doc_tag.doc WHERE state = 'archived' "
		    "AND " IN_RANGE("substr(indexed, 1, 10)")
		    " GROUP BY tag ORDER BY documents DESC, tag";
	else if (strcmp(name, "failures") == 0)
		sql = "SELECT path, member, attempts, " RETRY ", error, "
		    "substr(indexed, 1, 10) AS last_tried, sha256 FROM doc "
		    "WHERE state = 'failed' AND "
		    IN_RANGE("substr(indexed, 1, 10)") " UNION ALL "
		    "SELECT path, nullif(member, ''), attempts, " RETRY ", "
		    "error, substr(time, 1, 10), NULL FROM unread WHERE "
		    IN_RANGE("substr(time, 1, 10)")
		    " ORDER BY attempts DESC, path, member";
	else if (strcmp(name, "chat") == 0)
		sql = "SELECT day, asked, answered, suggested, declined, "
		    "round(answered::numeric / nullif(asked, 0), 3) AS "
		    "answered_rate, round(suggested::numeric / "
		    "nullif(asked, 0), 3) AS suggested_rate, "
		    "round(declined::numeric / nullif(asked, 0), 3) AS "
		    "declined_rate, smalltalk FROM "
		    "(SELECT substr(time, 1, 10) AS day, "
		    "count(*) FILTER (WHERE status != 'smalltalk') AS asked, "
		    "count(*) FILTER (WHERE status IN ('answered', 'handoff', "
		    "'status')) AS answered, "
		    "count(*) FILTER (WHERE status = 'suggested') "
		    "AS suggested, "
		    "count(*) FILTER (WHERE status = 'declined') AS declined, "
		    "count(*) FILTER (WHERE status = 'smalltalk') AS smalltalk "
		    "FROM chat WHERE " IN_RANGE("substr(time, 1, 10)")
		    " GROUP BY day) c ORDER BY day";
	if (sql != NULL)
		return rows(s, name, sql, range, fn, ctx, err);
	for (int i = 0; arc_report_names[i] != NULL; i++) {
		if (strcmp(name, arc_report_names[i]) != 0)
			continue;
		arc_error_set(err, "%s: the report \"%s\" is not made from a "
		    "PostgreSQL archive yet (there are: documents, tags, "
		    "failures, chat)", s->pg->shown, name);
		return ARC_FATAL;
	}
	return arc_error_set(err, "no report \"%s\" (there are: documents, "
	    "tags, folders, failures, review, chat, unanswered)", name);
}
