/* test_dialogue.c: the chatbot's dialogue driven directly, on the shipped answer files: answers, suggestions and their pick, declines, status lookups, and the interaction record read back. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "faq_internal.h"

/* Problems in the shipped files fail the test loudly. */
static void
say(void *ctx, const char *file, long line, enum arc_severity severity,
    const char *message)
{
	(void)ctx;
	(void)severity;
	fprintf(stderr, "%s:%ld: %s\n", file ? file : "-", line, message);
}

static const char *
shipped(const char *name, char *buf, size_t size)
{
	const char *tests = getenv("ARC_TESTS");

	snprintf(buf, size, "%s/../share/faq/%s", tests ? tests : "tests",
	    name);
	return buf;
}

static struct arc_faq *
load_shipped(void)
{
	struct arc_faq *faq = arc_faq_new();
	struct arc_error err;
	char path[4096];

	CHECK(arc_faq_load_words(faq, shipped("normalisasi.txt", path,
	    sizeof(path)), say, NULL) == ARC_OK);
	CHECK(arc_faq_load_synonyms(faq, shipped("sinonim.txt", path,
	    sizeof(path)), say, NULL) == ARC_OK);
	CHECK(arc_faq_load(faq, shipped("", path, sizeof(path)), say, NULL) ==
	    ARC_OK);
	CHECK(arc_faq_prepare(faq, &err) == ARC_OK);
	return faq;
}

/* Asks q in session and checks the reply's status and entry id. */
static void
ask(struct arc_dialogue *d, const char *session, const char *q,
    const char *status, const char *id, struct arc_reply *r)
{
	CHECK(arc_dialogue_ask(d, session, q, strlen(q), 1795925482, 0, r) ==
	    ARC_OK);
	CHECK_STR(r->status, status);
	CHECK_STR(json_string_value(json_object_get(r->record, "status")),
	    status);
	if (id != NULL)
		CHECK_STR(json_string_value(json_object_get(r->record, "id")),
		    id);
	else
		CHECK(json_is_null(json_object_get(r->record, "id")));
}

static void
test_dialogue(struct arc_faq *faq, struct arc_status *st)
{
	struct arc_dialogue_settings set = {
		.answer_at = ARC_DIALOGUE_ANSWER_AT,
		.margin = ARC_DIALOGUE_MARGIN,
		.suggest_at = ARC_DIALOGUE_SUGGEST_AT,
	};
	struct arc_dialogue *d = arc_dialogue_new(faq, st, &set);
	struct arc_reply r;

	ask(d, "s1", "kantor buka jam brp", "answered", "jam-layanan", &r);
	CHECK(r.entry == arc_faq_find(faq, "jam-layanan"));
	CHECK(strncmp(r.text, "Loket Disdukcapil di MPP buka", 29) == 0);
	arc_reply_free(&r);

	/* A suggestion; "2" in another session picks nothing there.  The
	 * KTP's and the KK's entries come first and second, in either
	 * order: they score within 0.01 of each other. */
	ask(d, "s1", "kalau rusak gmn", "suggested", NULL, &r);
	CHECK(strstr(r.text, "Bagaimana cara mengganti KTP-el yang rusak?")
	    != NULL);
	CHECK(r.res.ncand >= 2);
	char second[64];
	snprintf(second, sizeof(second), "%s", arc_faq_id(faq,
	    r.res.cand[1].entry));
	CHECK(strcmp(second, "ktp-rusak") == 0 ||
	    strcmp(second, "kk-hilang-rusak") == 0);
	arc_reply_free(&r);
	ask(d, "s2", "2", "smalltalk", NULL, &r);
	arc_reply_free(&r);
	ask(d, "s1", "nomor 2.", "answered", second, &r);
	CHECK(json_is_null(json_object_get(r.record, "margin")));
	CHECK(json_array_size(json_object_get(r.record, "alternatives")) ==
	    0);
	arc_reply_free(&r);
	/* The pick dropped the list: a second "2" is no pick, and gets a
	 * word back, not the decline. */
	ask(d, "s1", "2", "smalltalk", NULL, &r);
	arc_reply_free(&r);

	/* The office's own decline text, in English for English. */
	ask(d, "s1", "harga cabai di pasar", "declined", NULL, &r);
	CHECK_STR(r.text, arc_faq_answer(faq, arc_faq_find(faq, "_decline"),
	    0));
	arc_reply_free(&r);
	ask(d, "s1", "what is the price of chili at the market", "declined",
	    NULL, &r);
	CHECK_STR(r.text, arc_faq_answer(faq, arc_faq_find(faq, "_decline"),
	    1));
	CHECK_STR(json_string_value(json_object_get(r.record, "lang")), "eng");
	arc_reply_free(&r);

	ask(d, "s3", "status permohonan REG-2026-000123 gmn", "status", NULL,
	    &r);
	CHECK(strncmp(r.text, "Permohonan REG-2026-000123: layanan: ", 37) ==
	    0);
	arc_reply_free(&r);
	ask(d, "s3", "status REG-2026-999999", "status", NULL, &r);
	CHECK(strncmp(r.text, "Nomor permohonan REG-2026-999999 tidak", 38) ==
	    0);
	arc_reply_free(&r);

	/* Cleaning: a NIK masked, control characters out; a blank question
	 * is none when the caller says so. */
	ask(d, "s4", "ktp 3201234567890123\thilang", "answered", "ktp-hilang",
	    &r);
	CHECK_STR(r.q, "ktp 3201************ hilang");
	arc_reply_free(&r);
	CHECK(arc_dialogue_ask(d, "s4", " \t ", 3, 0, ARC_ASK_SKIP_BLANK,
	    &r) == ARC_EOF);
	CHECK(r.record == NULL);
	arc_reply_free(&r);
	ask(d, "s4", "", "declined", NULL, &r);
	arc_reply_free(&r);
	arc_dialogue_free(d);
}

/* An English question is answered english_ease below answer_at; an
 * Indonesian one is not. */
static void
test_english_ease(struct arc_faq *faq)
{
	struct arc_dialogue_settings set = { .answer_at = 1, .suggest_at = 1 };
	const char *en = "I lost my ID card", *id = "ktp ilang gmn";
	struct arc_dialogue *d;
	struct arc_reply r;
	double en_score, id_score;

	d = arc_dialogue_new(faq, NULL, &set);
	ask(d, "a", en, "declined", NULL, &r);
	en_score = r.res.cand[0].score;
	arc_reply_free(&r);
	ask(d, "a", id, "declined", NULL, &r);
	id_score = r.res.cand[0].score;
	arc_reply_free(&r);
	arc_dialogue_free(d);
	CHECK(en_score > 0.2 && id_score > 0.2);

	set.answer_at = set.suggest_at = en_score + 0.01;
	set.english_ease = 0.02;
	d = arc_dialogue_new(faq, NULL, &set);
	ask(d, "b", en, "answered", "ktp-hilang", &r);
	arc_reply_free(&r);
	arc_dialogue_free(d);
	set.answer_at = set.suggest_at = id_score + 0.01;
	d = arc_dialogue_new(faq, NULL, &set);
	ask(d, "c", id, "declined", NULL, &r);
	arc_reply_free(&r);
	arc_dialogue_free(d);
}

static void
test_session_clean(void)
{
	char buf[20];

	CHECK(arc_session_clean(buf, sizeof(buf), "a\nb") == ARC_OK);
	CHECK_STR(buf, "a b");
	/* Masked before it is cut, so that no part of the NIK shows. */
	CHECK(arc_session_clean(buf, sizeof(buf), "x 3201234567890123") ==
	    ARC_OK);
	CHECK_STR(buf, "x 3201************");
}

static void
test_round_trip(struct arc_faq *faq)
{
	struct arc_dialogue_settings set = { .answer_at = 0.48, .margin = 0.05,
	    .suggest_at = 0.46 };
	struct arc_dialogue *d = arc_dialogue_new(faq, NULL, &set);
	struct arc_interaction in;
	struct arc_reply r;
	json_t *again;

	ask(d, "w", "kalau rusak gmn", "suggested", NULL, &r);
	CHECK(arc_interaction_parse(r.record, &in) == 1);
	CHECK_STR(in.q, "kalau rusak gmn");
	CHECK_STR(in.session, "w");
	CHECK_STR(in.status, "suggested");
	CHECK_STR(in.lang, "ind");
	CHECK_STR(in.time, r.time);
	CHECK_STR(in.answer, r.text);
	CHECK(in.id == NULL && in.has_score && in.has_margin);
	CHECK(in.nalt == r.res.ncand && in.nalt > 0);
	CHECK(in.score == r.res.cand[0].score);
	CHECK_STR(in.alt[0].id, arc_faq_id(faq, r.res.cand[0].entry));
	/* What is read back makes the same record. */
	again = arc_interaction_record(&in);
	CHECK(json_equal(again, r.record));
	json_decref(again);
	arc_reply_free(&r);

	/* Not an interaction: a document record, or one without "time". */
	json_t *doc = json_pack("{s:s, s:s}", "path", "a.pdf", "q", "x");
	CHECK(arc_interaction_parse(doc, &in) == 0);
	json_decref(doc);
	arc_dialogue_free(d);
}

int
main(void)
{
	struct arc_faq *faq = load_shipped();
	char path[4096];
	struct arc_status *st = arc_status_load(shipped("status-contoh.tsv",
	    path, sizeof(path)), say, NULL);

	CHECK(st != NULL);
	test_dialogue(faq, st);
	test_session_clean();
	test_round_trip(faq);
	test_english_ease(faq);
	arc_status_free(st);
	arc_faq_free(faq);
	return CHECK_DONE();
}
