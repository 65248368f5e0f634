/* test_query.c: a clerk's query read without syntax errors ("surat2" as "surat-surat"), and the FTS5 expressions made of it. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "query.h"

static void
test_parse(void)
{
	struct arc_query q;
	char *all, *any, *ex;

	CHECK(arc_query_parse("rapat \"tim pelayanan\" -undangan tag:undangan "
	    "nomor:\"005/12\" C++ --- yang", &q) == ARC_OK);
	CHECK(q.n == 7);
	CHECK(q.terms[0].kind == QT_WORD);
	CHECK(q.terms[1].kind == QT_PHRASE);
	CHECK_STR(q.terms[1].text, "tim pelayanan");
	CHECK(q.terms[2].kind == QT_EXCLUDE);
	CHECK(q.terms[3].kind == QT_FILTER && q.terms[3].key == QF_TAG);
	CHECK(q.terms[4].kind == QT_FILTER && q.terms[4].key == QF_NOMOR);
	CHECK_STR(q.terms[4].text, "005/12");
	CHECK_STR(q.terms[5].text, "C++");
	all = arc_query_match(&q, 0);
	any = arc_query_match(&q, 1);
	ex = arc_query_excluded(&q);
	CHECK_STR(all, "\"rapat\" \"tim pelayanan\" \"C++\" \"yang\"");
	/* Falling back to any word leaves out the ones every paper has. */
	CHECK_STR(any, "\"rapat\" OR \"tim pelayanan\" OR \"C++\"");
	CHECK_STR(ex, "\"undangan\"");
	free(all);
	free(any);
	free(ex);
	arc_query_free(&q);
}

static void
test_literal(void)
{
	struct arc_query q;
	char *all;

	/* Quotes inside a word are doubled; an unclosed quote runs to the
	 * end; NEAR( is a word like any other. */
	CHECK(arc_query_parse("a\"b NEAR( \"unclosed phrase", &q) == ARC_OK);
	all = arc_query_match(&q, 0);
	CHECK_STR(all, "\"a\"\"b\" \"NEAR(\" \"unclosed phrase\"");
	free(all);
	arc_query_free(&q);
	CHECK(arc_query_parse("", &q) == ARC_OK && q.n == 0);
	all = arc_query_match(&q, 0);
	CHECK_STR(all, "");
	free(all);
	arc_query_free(&q);
}

/* A word written twice with a 2 is the word with a hyphen; not a code or
 * a number. */
static void
test_said_twice(void)
{
	struct arc_query q;

	CHECK(arc_query_parse("surat2 -kura2 \"buku2\" pasal12 b2 ab2 "
	    "daimyō2", &q) == ARC_OK);
	CHECK(q.n == 7);
	CHECK_STR(q.terms[0].text, "surat-surat");
	CHECK(q.terms[1].kind == QT_EXCLUDE);
	CHECK_STR(q.terms[1].text, "kura-kura");
	CHECK_STR(q.terms[2].text, "buku2");       /* a phrase, as written */
	CHECK_STR(q.terms[3].text, "pasal12");
	CHECK_STR(q.terms[4].text, "b2");
	CHECK_STR(q.terms[5].text, "ab2");
	CHECK_STR(q.terms[6].text, "daimyō-daimyō");
	arc_query_free(&q);
}

int
main(void)
{
	test_parse();
	test_said_twice();
	test_literal();
	return CHECK_DONE();
}
