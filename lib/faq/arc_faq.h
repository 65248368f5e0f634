/* arc_faq.h: the chatbot's knowledge: answer files, word lists, ranking of entries for a question, the status export. */
#ifndef ARC_FAQ_H
#define ARC_FAQ_H

#include "arc_core.h"

/* ---- The chatbot's knowledge (faq.c, faqwords.c, faqmatch.c, status.c) --- */

struct arc_faq;
struct arc_faq *arc_faq_new(void);
void arc_faq_free(struct arc_faq *faq);

/*
 * Adds an answer file, or every *.faq file of a folder in name order
 * (faqbot-faq(5)).  A file with an error adds nothing (ARC_ERR).
 */
int arc_faq_load(struct arc_faq *faq, const char *path, arc_diag_fn diag,
    void *ctx);
/* Adds a normalisation list ("gmn = bagaimana") or synonym groups. */
int arc_faq_load_words(struct arc_faq *faq, const char *path,
    arc_diag_fn diag, void *ctx);
int arc_faq_load_synonyms(struct arc_faq *faq, const char *path,
    arc_diag_fn diag, void *ctx);

/* Builds the index of every phrasing; call once, after loading. */
int arc_faq_prepare(struct arc_faq *faq, struct arc_error *err);

/* Warns of duplicate ids, one phrasing under two entries, empty answers,
 * a missing _decline text; returns the number of warnings and errors. */
int arc_faq_check(const struct arc_faq *faq, arc_diag_fn diag, void *ctx);
int arc_faq_count(const struct arc_faq *faq);

#define ARC_FAQ_TOP 3

struct arc_faq_candidate {
	int entry;          /* index of the entry */
	double score;       /* 0..1: how well the question matches it */
	int phrasing;       /* its phrasing that matched best */
};

struct arc_faq_result {
	int english;        /* the question is in English */
	int ncand;
	struct arc_faq_candidate cand[ARC_FAQ_TOP];  /* best first */
	char words[512];    /* the question's words as matched, for --explain */
};

/* Ranks the entries for a question (valid UTF-8), after arc_faq_prepare.
 * Not thread-safe: the stemmers keep state between calls. */
int arc_faq_ask(const struct arc_faq *faq, const char *question,
    struct arc_faq_result *res);

/* An entry's parts; text may be "_decline" etc. (special texts). */
const char *arc_faq_id(const struct arc_faq *faq, int entry);
const char *arc_faq_phrasing(const struct arc_faq *faq, int entry, int n);
const char *arc_faq_answer(const struct arc_faq *faq, int entry, int english);
int arc_faq_handoff(const struct arc_faq *faq, int entry);
/* The entry with this id, or -1. */
int arc_faq_find(const struct arc_faq *faq, const char *id);

/*
 * The status export: TSV, a header line, application numbers first.
 * arc_status_lookup looks for an application number in a question: 1 and
 * the row in *row (header names and values, "name: value; ...") when it is
 * known, 0 when the question holds none, -1 when it holds one that is not
 * in the file (number gets it, for the answer).
 */
struct arc_status;
struct arc_status *arc_status_load(const char *path, arc_diag_fn diag,
    void *ctx);
void arc_status_free(struct arc_status *st);
int arc_status_lookup(const struct arc_status *st, const char *question,
    char *number, size_t size, const char **row);

#endif
