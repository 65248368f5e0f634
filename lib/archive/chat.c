/* chat.c: faqbot's interactions kept beside the documents, for the office's reports. */
#include <stdlib.h>
#include <string.h>

#include "arc_faq.h"
#include "store.h"

int
arc_chat_is(const json_t *rec)
{
	struct arc_interaction in;

	return arc_interaction_parse(rec, &in);
}

int
arc_chat_put(struct arc_store *s, const json_t *rec, long *added)
{
	struct arc_interaction in;
	char *value[7] = { NULL };
	sqlite3_stmt *st;
	int rc = ARC_FATAL;

	arc_interaction_parse(rec, &in);
	const char *text[] = { in.time, in.session, in.q, in.status, in.id,
	    in.lang, in.answer };
	if (arc_store_prepare(s, "INSERT OR IGNORE INTO chat (time, "
	    "session, q, status, entry, lang, answer, score) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &st) != SQLITE_OK)
		return ARC_FATAL;
	for (int i = 0; i < 7; i++) {
		/* Masked again, whoever made the record. */
		if (text[i] != NULL && (value[i] = strdup(text[i])) == NULL)
			goto out;
		if (value[i] != NULL)
			arc_mask_nik(value[i]);
		sqlite3_bind_text(st, i + 1, value[i], -1, SQLITE_STATIC);
	}
	if (in.has_score)
		sqlite3_bind_double(st, 8, in.score);
	else
		sqlite3_bind_null(st, 8);
	rc = arc_store_step_done(st);
	if (rc == ARC_OK)
		*added += sqlite3_changes(s->db);
out:
	sqlite3_clear_bindings(st);
	for (int i = 0; i < 7; i++)
		free(value[i]);
	return rc;
}
