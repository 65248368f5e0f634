/*
 * fuzz_faq.c: faqbot's knowledge: answer files (faqbot-faq(5)), the
 * normalisation list and synonym groups, loaded as faqbot loads them, then
 * checked, prepared and asked questions.
 *
 * An input is an answer file, optionally followed by a line "%%" and a
 * normalisation list, and another "%%" and synonym groups; so a plain
 * .faq file is a valid input, and the lists can change how it is read.
 */
#include <math.h>
#include <string.h>

#include "arc_faq.h"
#include "faq_internal.h"
#include "fuzz.h"

/* Questions a citizen might ask, besides the input's own lines. */
static const char *const questions[] = {
	"Apa syarat membuat KTP elektronik?",
	"ktp sy ilang kemarin gmn ngurusnya",
	"What do I need for a new ID card?",
	"jam berapa kantor buka", "berapa?", "", "a", "x y z",
	"akta kelahiran anak saya hilang, bisa dibuat lagi?",
};

/* Limits that keep one input fast: ranking is linear in the entries. */
#define ASK_LINES 32
#define ASK_PHRASINGS 64

/* Cuts the input at its "%%" lines into up to three parts. */
static int
split_parts(char *s, char *part[3])
{
	int n = 1;

	part[0] = s;
	part[1] = part[2] = NULL;
	while (n < 3) {
		char *sep = strstr(part[n - 1], "\n%%\n");
		if (sep == NULL)
			break;
		sep[1] = '\0';
		part[n++] = sep + 4;
	}
	return n;
}

static void
ask(const struct arc_faq *faq, const char *question)
{
	struct arc_faq_result res;

	FUZZ_CHECK(arc_faq_ask(faq, question, &res) == ARC_OK);
	FUZZ_CHECK(res.ncand >= 0 && res.ncand <= ARC_FAQ_TOP);
	FUZZ_CHECK(memchr(res.words, '\0', sizeof(res.words)) != NULL);
	for (int i = 0; i < res.ncand; i++) {
		const struct arc_faq_candidate *c = &res.cand[i];
		FUZZ_CHECK(c->entry >= 0 && c->entry < faq->nentries);
		/* Never a special text (_decline): faqbot shows a candidate's
		 * first phrasing as a suggestion. */
		FUZZ_CHECK(arc_faq_id(faq, c->entry)[0] != '_');
		FUZZ_CHECK(arc_faq_phrasing(faq, c->entry, 0) != NULL);
		FUZZ_CHECK(arc_faq_phrasing(faq, c->entry, c->phrasing) !=
		    NULL);
		FUZZ_CHECK(arc_faq_answer(faq, c->entry, res.english) != NULL);
		FUZZ_CHECK(isfinite(c->score) && c->score >= 0 &&
		    c->score <= 1 + 1e-9);
		/* Best first by score, but for the closest answer put first
		 * when it scores a little less (a near tie broken). */
		if (i > 1 || (i == 1 && !res.answers_chose))
			FUZZ_CHECK(c->score <= res.cand[i - 1].score);
	}
	if (res.answers_chose)
		FUZZ_CHECK(res.ncand > 1 &&
		    res.cand[0].entry == res.closest_answer &&
		    res.cand[1].score - res.cand[0].score < 0.1);
}

/* Each line of text as a question, made safe as faqbot makes them:
 * valid UTF-8, no control characters, at most 1000 bytes. */
static void
ask_lines(const struct arc_faq *faq, const char *text)
{
	char *q = arc_utf8_repair(text, strlen(text)), *line, *save;
	int n = 0;

	FUZZ_CHECK(q != NULL);
	for (line = strtok_r(q, "\n", &save); line != NULL && n < ASK_LINES;
	    line = strtok_r(NULL, "\n", &save), n++) {
		for (unsigned char *p = (unsigned char *)line; *p != '\0'; p++)
			if (*p < 0x20 || *p == 0x7f)
				*p = ' ';
		if (strlen(line) > 1000)
			line[arc_utf8_valid_prefix(line, 1000)] = '\0';
		ask(faq, line);
	}
	free(q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arc_faq *faq = arc_faq_new();
	struct fuzz_diag words = { 0 }, answers = { 0 }, check = { 0 };
	char *input = fuzz_string(data, size), *part[3];
	struct arc_error err;
	int n = split_parts(input, part), st;

	FUZZ_CHECK(faq != NULL);
	/* Word lists first: phrasings are read through them. */
	if (n > 1)
		FUZZ_CHECK(arc_faq_load_words(faq, fuzz_file((uint8_t *)part[1],
		    strlen(part[1])), fuzz_diag, &words) != ARC_FATAL);
	if (n > 2)
		FUZZ_CHECK(arc_faq_load_synonyms(faq, fuzz_file((uint8_t *)
		    part[2], strlen(part[2])), fuzz_diag, &words) != ARC_FATAL);
	st = arc_faq_load(faq, fuzz_file((uint8_t *)part[0], strlen(part[0])),
	    fuzz_diag, &answers);
	/* A file is taken whole, or refused whole with its reasons. */
	FUZZ_CHECK(st == ARC_OK || st == ARC_ERR);
	FUZZ_CHECK((st == ARC_OK) == (answers.errors == 0));
	if (st != ARC_OK)
		FUZZ_CHECK(faq->nentries == 0 && faq->nphrasings == 0);
	/* faqbot goes on only with something to answer. */
	if (arc_faq_count(faq) > 0) {
		FUZZ_CHECK(arc_faq_prepare(faq, &err) == ARC_OK);
		/* Checking only warns. */
		arc_faq_check(faq, fuzz_diag, &check);
		FUZZ_CHECK(check.errors == 0);
		for (size_t i = 0; i < sizeof(questions) / sizeof(*questions);
		    i++)
			ask(faq, questions[i]);
		for (int i = 0; i < faq->nphrasings && i < ASK_PHRASINGS; i++)
			ask(faq, faq->phrasings[i].text);
		ask_lines(faq, part[0]);
	}
	arc_faq_free(faq);
	free(input);
	return 0;
}
