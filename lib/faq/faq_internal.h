/* faq_internal.h: the insides of the chatbot's knowledge, shared by faq.c (answer files), faqwords.c (words), faqmatch.c (ranking), status.c. */
#ifndef ARC_FAQ_INTERNAL_H
#define ARC_FAQ_INTERNAL_H

#include "arc_faq.h"
#include "arc_i18n.h"

/* Longest line of an answer or word file. */
#define FAQ_LINE_MAX 4096
/* Words of one question that count; the rest are ignored. */
#define FAQ_WORDS_MAX 96
/* Words of one answer that count. */
#define FAQ_ANSWER_WORDS 400
/* Longest run of words the normalisation list replaces at once. */
#define NORM_WORDS_MAX 4
/* Longest word kept (bytes), as the archive's tokenizer. */
#define FAQ_WORD_MAX ARC_WORD_MAX

struct faq_phrasing {
	char *text;
	long line;
	int entry;
	int *terms;       /* unique term ids */
	int nterms;
	double norm;      /* of its idf vector, as weighed (by_phrasing) */
};

struct faq_entry {
	char *id, *file;
	long line;
	char *answer, *answer_en;
	int handoff;
	int nik_masked;    /* a NIK in its text was masked as it was read */
	int first, count;  /* its phrasings */
	int *terms;        /* the union of its phrasings' terms */
	int nterms;
	int *answer_terms; /* the terms of its answers (a and en) */
	int nanswer_terms;
	double answer_norm2;  /* their answer_idf, squared and summed */
};

struct faq_postings {
	int *ids;
	int n;
	size_t cap;
	double *weight2;  /* by_phrasing only: the word's weight in each,
			   * squared (as scores use it) */
};

struct arc_faq {
	struct faq_entry *entries;
	int nentries;
	size_t entries_cap;
	struct faq_phrasing *phrasings;
	int nphrasings;
	size_t phrasings_cap;

	/* Normalisation: "from" (1-4 words joined by one space) -> index
	 * into norm_to, the replacement words ("" drops the words). */
	struct arc_strmap *norm;
	char **norm_to;
	int nnorm;
	size_t norm_cap;
	/* Synonyms: word or stem -> index into canon, its group's first. */
	struct arc_strmap *syn;
	char **canon;
	int ncanon;
	size_t canon_cap;
	/* Related words (the synonyms list's "~" groups): word, and apart
	 * its stems (a stem of one group is no word of another: "booking"
	 * gives "book") -> index into related, the group's words joined by
	 * spaces. */
	struct arc_strmap *related_of, *related_stem_of;
	char **related;
	int nrelated;
	size_t related_cap;
	struct arc_stemmers stemmers;
	/* Subjects of public services (SIM, pajak, passport), as the
	 * topics list writes them: a question's word no entry has weighs
	 * more when it, or its stem, is one of them, and one the thesaurus
	 * alone joins to the answer files doubts as much (faqmatch.c). */
	struct arc_strmap *topics;
	int ntopics;

	/* The index arc_faq_prepare builds. */
	int prepared, answerable;
	double fullness;        /* phrasings per entry, 0 (one) to 1 (many) */
	double answer_blend;    /* what an answer's words add to a phrasing's */
	double question_coverage;  /* its share in a score (similarity) */
	struct arc_strmap *terms;     /* term -> id */
	double *idf;
	double *answer_idf;  /* how rare a word is among the answers; 0: none */
	struct faq_postings *by_phrasing, *by_entry, *by_answer;  /* per term */
	int nterms;
	size_t terms_cap;
	double unknown_weight;        /* of a word no entry has */
	double min_mass;
	/* Words as the phrasings spell them, for typo correction. */
	char **surface;
	int nsurface;
	size_t surface_cap;
	struct arc_strmap *surface_seen;
	/* The thesaurus and the English dictionary, or NULL (lexicon.c). */
	struct faq_lexicon *lexicon;
};

/* One word of a question on its way to a term. */
struct faq_word {
	char surface[FAQ_WORD_MAX + 1];  /* after normalisation */
	char term[FAQ_WORD_MAX + 1];     /* after synonyms and stemming */
};

/*
 * The words of text that matter, normalised, synonyms joined, stemmed: at
 * most max of them.  *english tells the question's language.
 */
int faq_words(const struct arc_faq *faq, const char *text, size_t len,
    struct faq_word *out, int max, int *english);
/* faq_term, and whether the term is the word's own (itself or its stem),
 * not a synonym group's that holds it ("allowed": "allow", "tunjangan"). */
int faq_term_own(const struct arc_faq *faq, const char *surface,
    int english, char *term);
/* Is this word of a question (as normalised, or its stem) a subject of
 * public services the topics list names? */
int faq_in_topics(const struct arc_faq *faq, const char *surface,
    int english);
/* Is this a word that only sets the scene (kemarin, anak, need)? */
int faq_is_context_word(const char *surface);

/* The roots an informal word may be made of ("ngurusin": urus), likeliest
 * first, at most max; their number. */
#define INFORMAL_ROOTS_MAX 12
int faq_informal_roots(const char *w, char (*out)[FAQ_WORD_MAX + 1],
    int max);

/* The term (id) of the answer files a word no phrasing has stands for
 * through the lexicon: the commonest of its related words in the synonyms
 * list (*listed_related set), else of its thesaurus synonyms, or for an
 * English word of its dictionary translations; -1 when none. */
struct faq_lexicon;
long faq_lexicon_term(const struct arc_faq *faq, const char *surface,
    const char *term, int english, int *listed_related);
void faq_lexicon_free(struct faq_lexicon *lx);

/* What a message is when it is talk, not a question (smalltalk.c);
 * *english tells the language to reply in. */
enum faq_small {
	FAQ_SMALL_NONE,         /* a question */
	FAQ_SMALL_THANKS,       /* "makasih ya min", "thank you" */
	FAQ_SMALL_GREETING,     /* "halo", "selamat pagi", "assalamualaikum" */
	FAQ_SMALL_NUDGE,        /* "ok", "p", an emoji, punctuation */
};
enum faq_small faq_small_talk(const char *q, int *english);
/* How many of a question's first words are a salutation ("selamat
 * siang", "assalamualaikum", "halo", "good morning"), which says nothing
 * of what is asked; 0 when every word is (small talk, not a question).
 * "Pagi" or "malam" alone may be what is asked ("malam buka?"): only
 * after "selamat" or "good". */
int faq_salutation(const struct faq_word *w, int n);
/* The term of one normalised word (synonyms, then stemming). */
void faq_term(const struct arc_faq *faq, const char *surface, int english,
    char *term);

/* An entry's answer, in English if asked and it has one; whether it
 * hands the citizen to staff; the entry with this id, or -1 (special
 * entries are "_decline" etc.). */
const char *arc_faq_answer(const struct arc_faq *faq, int entry, int english);
int arc_faq_handoff(const struct arc_faq *faq, int entry);
int arc_faq_find(const struct arc_faq *faq, const char *id);

/*
 * Looks for an application number in a question: 1 and the row in *row
 * (header names and values, "name: value; ...") when it is known, 0 when
 * the question holds none, -1 when it holds one that is not in the file
 * (number gets it, for the answer).
 */
int arc_status_lookup(const struct arc_status *st, const char *question,
    char *number, size_t size, const char **row);

#endif
