/* query.h: a clerk's query, parsed (query.c) for the search (find.c). */
#ifndef ARC_QUERY_H
#define ARC_QUERY_H

#include "store.h"

enum qkind { QT_WORD, QT_PHRASE, QT_EXCLUDE, QT_FILTER };
enum qfilter { QF_TAG, QF_NOMOR, QF_TANGGAL, QF_MIME, QF_PATH, QF_COUNT };

struct qterm {
	enum qkind kind;
	enum qfilter key;       /* QT_FILTER */
	char *text;
};

struct arc_query {
	struct qterm *terms;
	int n;
	size_t cap;
	const char *lang;       /* "ind", "eng", or NULL: not known */
	/* Why the first tanggal: that is no date is none; message empty
	 * when every one was read. */
	struct arc_error date_error;
};

/*
 * Parses; never fails but for memory (ARC_FATAL).  A tanggal: filter's
 * value is read as arc_date_read reads dates: its text is then the ISO
 * form, YYYY, YYYY-MM or YYYY-MM-DD (what the documents' dates start
 * with).  Unquoted, it takes the next words as long as they make the
 * date (tanggal:3 Desember 2026, tanggal:Des 2026).  A value that is no
 * date stays as typed, matched as the start of the documents' dates as
 * before, and date_error says why, for the user to be told.
 */
int arc_query_parse(const char *s, struct arc_query *q);
void arc_query_free(struct arc_query *q);

/* The FTS5 expression for the words and phrases: all of them, or (any)
 * any of them but stopwords; "" when there are none.  malloc'd. */
char *arc_query_match(const struct arc_query *q, int any);
/* The FTS5 expression for the excluded words (any), or for the phrases
 * (all), or "". */
char *arc_query_excluded(const struct arc_query *q);
char *arc_query_phrases(const struct arc_query *q);
/* How many words and phrases it has. */
int arc_query_words(const struct arc_query *q);
int arc_query_is_stopword(const char *text);

#endif
