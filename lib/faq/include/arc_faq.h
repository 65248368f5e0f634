/* arc_faq.h: the chatbot: its knowledge (answer files, word lists, ranking, the status export), its dialogue with a citizen, and the record of each interaction. */
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
/* Adds a list of the subjects of public services (topik.txt: SIM, pajak,
 * passport): a question's word no entry has and the list names is a surer
 * sign of a question for another office than any other such word. */
int arc_faq_load_topics(struct arc_faq *faq, const char *path,
    arc_diag_fn diag, void *ctx);
/*
 * Reads the Indonesian thesaurus (mythes .dat, such as Debian's
 * /usr/share/mythes/th_id_ID_v2.dat) and the English-Indonesian dictionary
 * (dictd NAME.dict.dz with its NAME.index, such as Debian's
 * /usr/share/dictd/freedict-eng-ind.dict.dz), either NULL: a word of a
 * question no entry has then counts, at less weight, as the commonest of
 * its synonyms or translations that one has.  A file that cannot be read is a
 * warning to diag; ARC_FATAL only when out of memory.
 */
int arc_faq_load_lexicon(struct arc_faq *faq, const char *thesaurus,
    const char *dictionary, arc_diag_fn diag, void *ctx);
#define ARC_FAQ_THESAURUS "/usr/share/mythes/th_id_ID_v2.dat"
#define ARC_FAQ_DICTIONARY "/usr/share/dictd/freedict-eng-ind.dict.dz"

/*
 * Adds the questions a clerk accepted in the review file (lines
 * "ID<TAB>question[<TAB>note]", # comments; ID "-" skips the question) as
 * phrasings of their entries, each after the entry's last phrasing in the
 * entry's own file, which keeps everything else.  Each file is rewritten
 * beside itself, read back as an answer file and renamed over the old
 * one.  A review with any error (an unknown id, a line without a tab)
 * changes nothing.  *learned: the phrasings added.  ARC_ERR (said to
 * diag) or ARC_FATAL when out of memory.
 */
int arc_faq_learn(const struct arc_faq *faq, const char *review,
    arc_diag_fn diag, void *ctx, int *learned);

/* Builds the index of every phrasing; call once, after loading. */
int arc_faq_prepare(struct arc_faq *faq, struct arc_error *err);

/* Warns of duplicate ids, one phrasing under two entries, entries a
 * phrasing reaches about equally (faq prepared), empty answers, a missing
 * _decline text, the example office's contacts still in an answer;
 * returns the number of warnings and errors. */
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
	int nterms;         /* the question's words the answer files have */
	int nunknown;       /* and those they do not (numbers left out; one
	                     * of another office's subject counts more) */
	int closest_answer; /* the entry whose answers cover the question
	                     * best, by their words alone; -1: none */
	double closest_answer_score;  /* how well, from 0 to 1 */
	int answers_chose;  /* the closest answer was moved ahead of entries
	                     * scoring a little more (a near tie broken) */
};

/* Ranks the entries for a question (valid UTF-8), after arc_faq_prepare
 * (for --review, which proposes the likeliest entry).  Not thread-safe:
 * the stemmers keep state between calls. */
int arc_faq_ask(const struct arc_faq *faq, const char *question,
    struct arc_faq_result *res);

/* An entry's id and phrasings, as --explain shows them. */
const char *arc_faq_id(const struct arc_faq *faq, int entry);
/* The text of the special entry id (_greeting, _prompt, _decline...), in
 * English when asked and it has one; NULL when the files have none. */
const char *arc_faq_special(const struct arc_faq *faq, const char *id,
    int english);
const char *arc_faq_phrasing(const struct arc_faq *faq, int entry, int n);

/* The status export: TSV, a header line, application numbers first. */
struct arc_status;
struct arc_status *arc_status_load(const char *path, arc_diag_fn diag,
    void *ctx);
void arc_status_free(struct arc_status *st);

/* ---- The record of one interaction (interaction.c) ----------------------- */

/* One of the entries that came closest, without the one answered. */
struct arc_interaction_alt {
	const char *id;
	double score;
	const char *q;          /* the entry's first phrasing */
};

/*
 * What faqbot(1) writes and logs per question and arc-index(1) keeps
 * (faqbot(1), ANSWER RECORDS): named fields, borrowed, never freed here.
 * A NULL id is no entry (JSON null).
 */
struct arc_interaction {
	const char *time, *session, *q, *status, *id, *lang, *answer;
	double score, margin;
	int has_score, has_margin;  /* else null in the record */
	int nalt;
	struct arc_interaction_alt alt[ARC_FAQ_TOP];
};

/*
 * The record of in, a new object the caller owns, its fields in the order
 * faqbot has always written them; NULL when out of memory or a field that
 * must be a string (all but id) is NULL.
 */
json_t *arc_interaction_record(const struct arc_interaction *in);
/*
 * Reads rec back: 1 when it is an interaction (it has the strings "q",
 * "status", "time" and "session"), with *out's strings borrowed from rec
 * (valid while rec is); fields of the wrong type are left NULL or unset.
 * 0 when it is not one.
 */
int arc_interaction_parse(const json_t *rec, struct arc_interaction *out);

/* ---- The dialogue with citizens (dialogue.c) ----------------------------- */

/* A question longer than this many bytes is cut: nobody types more to a
 * chatbot. */
#define ARC_QUESTION_MAX 1000

/* The thresholds on the best entry's score (faqbot(1), Decisions). */
struct arc_dialogue_settings {
	double answer_at;   /* answer from this score ... */
	double margin;      /* ... when it leads the runner-up by this */
	double suggest_at;  /* else suggest the entries from this score */
	double english_ease;  /* an English question answers this much lower */
	/* The closest answer (arc_faq_result) moves the threshold and the
	 * margin, as dialogue.c says: 1 from arc_faq_calibrate. */
	int second_opinion;
};
#define ARC_DIALOGUE_ANSWER_AT 0.48
#define ARC_DIALOGUE_MARGIN 0.05
#define ARC_DIALOGUE_SUGGEST_AT 0.46

/*
 * The thresholds for faq's answer files (prepared): answer_at from 0.36
 * (0.41 without a topics list) with one phrasing per entry, to
 * ARC_DIALOGUE_ANSWER_AT with eight or more (on a log scale), as a right
 * answer scores lower when fewer
 * phrasings cover the citizens' words, and higher again for fewer than 20
 * entries;
 * suggest_at 0.02 below; margin from 0.10 with one phrasing per entry
 * to ARC_DIALOGUE_MARGIN with eight or more; english_ease from 0.05 with
 * one phrasing per entry to 0 with eight or more; second_opinion 1.
 */
void arc_faq_calibrate(const struct arc_faq *faq,
    struct arc_dialogue_settings *s);

/*
 * A dialogue remembers, per session, the suggestions it made last, so that
 * a reply of only their number ("2", "nomor 2.") picks one; at most
 * 100000 sessions, then all are forgotten at once.  It borrows faq
 * (prepared) and st (or NULL: no status lookups): they must outlive it.
 * NULL when out of memory.  Not thread-safe, as arc_faq_ask.
 */
struct arc_dialogue;
struct arc_dialogue *arc_dialogue_new(const struct arc_faq *faq,
    const struct arc_status *st, const struct arc_dialogue_settings *set);
void arc_dialogue_free(struct arc_dialogue *d);

/* What the dialogue answers to one question. */
struct arc_reply {
	char *q;                /* the question as cleaned, matched and
	                         * logged */
	int cut;                /* it was longer than ARC_QUESTION_MAX */
	const char *status;     /* answered, handoff, suggested, declined,
	                         * status */
	int entry;              /* the entry answered, or -1 */
	char *text;             /* what to show the citizen */
	struct arc_faq_result res;  /* the ranking, for explanations */
	char time[32];
	json_t *record;         /* the interaction record (arc_interaction_*) */
};

/* For arc_dialogue_ask: a blank question is no question. */
#define ARC_ASK_SKIP_BLANK 1

/*
 * Answers the question raw[0..len) (any bytes) asked at now in session (a
 * caller's id, echoed in the record as given: see arc_session_clean).  The
 * question is cleaned first: invalid UTF-8 replaced, NUL and control
 * characters made spaces, NIKs masked, cut to ARC_QUESTION_MAX bytes,
 * trailing spaces dropped.  ARC_OK: *reply is filled; ARC_EOF: the
 * question is blank and flags hold ARC_ASK_SKIP_BLANK (only reply->cut and
 * reply->q are set, the session untouched); ARC_FATAL: out of memory.
 * Either way free the reply with arc_reply_free.
 */
int arc_dialogue_ask(struct arc_dialogue *d, const char *session,
    const char *raw, size_t len, time_t now, int flags,
    struct arc_reply *reply);
void arc_reply_free(struct arc_reply *reply);

/*
 * A session id a caller gave, fit to echo and log: control characters
 * made spaces (a NIK may be grouped across lines), then NIKs masked, then
 * cut to size - 1 bytes at a character boundary, so that no NIK is cut out
 * of the mask.  ARC_FATAL when out of memory.
 */
int arc_session_clean(char *dst, size_t size, const char *id);

#endif
