/* faqmatch.c: ranking the entries for a question by the idf-weighted share of the question their phrasings (and answers) cover and of the best phrasing the question covers; typos corrected against the phrasings' words. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "faq_internal.h"

/* How much covering the question's words counts against covering the
 * phrasing's (see similarity); chosen on the tests' held-out questions.
 * With one phrasing an entry, more, fading as the files fill: a formal
 * phrasing holds words citizens do not use ("kutipan kedua akta"), and
 * how much of the question an entry covers says more than how much of
 * that phrasing the question does (bench/README, session 18). */
#define QUESTION_COVERAGE 0.45
#define SPARSE_QUESTION_COVERAGE 0.5
/* An answer's words say what an entry is about less surely than its
 * phrasings: how much of the question they cover counts this much. */
#define ANSWER_WEIGHT 0.35
/* A word no entry has weighs this much more than the rarest word an entry
 * has: it is the surest sign of a question about something else. */
#define UNKNOWN_WEIGHT 1.3
/* ... times this for a word the topics list names, this for any other,
 * with one phrasing an entry (unknown_factor). */
#define TOPIC_UNKNOWN 2.0
#define STORY_UNKNOWN 0.8
/* A word matched only after correcting a typo counts less than as typed;
 * one matched through a synonym of the thesaurus or a translation of the
 * dictionary, less again, and keeps this share of an unknown word's
 * weight: a thesaurus is loose ("hilang" is also "mati"), and a question
 * about something else finds synonyms too (measured by
 * bench/faqbot-sparse). */
#define CORRECTED_WEIGHT 0.8
/* A word matched through the root an informal form is guessed to have
 * ("dilaporin": lapor) or, in an English question, through its
 * Indonesian stem ("disnaker"): nearly as sure as the word itself. */
#define INFORMAL_WEIGHT 0.9
#define LEXICON_WEIGHT 0.7
#define LEXICON_DOUBT 0.6
/* A dictionary's translation is surer than a thesaurus's synonym.  An
 * Indonesian word the topics list names (pajak, sertifikat, stnk) keeps
 * all its doubt, as if unknown: it is likelier another office's subject
 * that a synonym happens to join to these answers ("biaya" for "pajak")
 * than a citizen's word for this office's (bench/README, session 18).
 * Not an English one: translation is how an English question reaches
 * the office's own subjects ("marriage certificate": akta nikah). */
#define TRANSLATION_DOUBT 0.3
/* A word the synonyms list relates ("~" groups: "bimtek" and "pelatihan")
 * was put there by people who know the offices' words: surer than the
 * thesaurus, as sure as the dictionary (bench/README, session 23: 0.7 and
 * 0.6 as the thesaurus, 0.8-0.9 and 0-0.3 alike within 0.3 points). */
#define RELATED_WEIGHT 0.9
#define RELATED_DOUBT TRANSLATION_DOUBT
/* Words shorter than this are never corrected: too many near neighbours;
 * words of this length only by a letter wrong or two swapped, since a
 * letter more or less makes another word too often (darah, daerah). */
/* The answer threshold for answer files of one phrasing per entry, the
 * phrasings per entry from which they count as full (ARC_DIALOGUE_ANSWER_AT
 * holds, answers add nothing to phrasings), how much the words an answer
 * has and its entry's phrasings lack add to a phrasing's score with one
 * phrasing per entry (fading as 1 - fullness^2: the phrasings a clerk
 * adds from the log take little of it away), and the number of entries
 * below which the threshold rises. */
#define SPARSE_ANSWER_AT 0.36
/* ... and without a topics list (none given, or an empty one), which
 * tells other offices' subjects apart: higher (bench/README, session
 * 18: measured with --topics /dev/null). */
#define SPARSE_ANSWER_AT_UNLISTED 0.41
#define SPARSE_FULL 8.0
#define SPARSE_ANSWER_BLEND 0.5
#define FEW_ENTRIES 20.0
/* In an entry of two phrasings or more, a word of one phrasing that the
 * entry says nowhere else weighs this much of its idf there with about one
 * phrasing an entry in the files, fading to all of it at SPARSE_FULL
 * (weigh_phrasing_words). */
#define STORY_WORD 0.5
/* The lead over the runner-up an answer needs with one phrasing per
 * entry (ARC_DIALOGUE_MARGIN from SPARSE_FULL). */
#define SPARSE_MARGIN 0.10
/* An English question's words reach the Indonesian phrasings through the
 * normalisation list and the dictionary, weighing less than their own: a
 * right answer scores lower, by about this much with one phrasing per
 * entry, nothing with eight (bench/README, session 17). */
#define SPARSE_ENGLISH_EASE 0.05
#define TYPO_MIN_LEN 5
#define TYPO_TWO_EDITS_LEN 9

static int
term_id(struct arc_faq *faq, const char *term)
{
	long id;

	if (arc_strmap_get(faq->terms, term, strlen(term), &id))
		return (int)id;
	if ((size_t)faq->nterms == faq->terms_cap) {
		/* Three arrays of one length: each grows from the same
		 * capacity to the same capacity. */
		size_t n = (size_t)faq->nterms;
		size_t each = sizeof(struct faq_postings);
		size_t cap_p = faq->terms_cap, cap_e = cap_p, cap_a = cap_p;
		if (arc_grow(&faq->by_phrasing, &cap_p, n, 1, each) != ARC_OK ||
		    arc_grow(&faq->by_entry, &cap_e, n, 1, each) != ARC_OK ||
		    arc_grow(&faq->by_answer, &cap_a, n, 1, each) != ARC_OK)
			return -1;
		faq->terms_cap = cap_p;
	}
	memset(&faq->by_phrasing[faq->nterms], 0, sizeof(struct faq_postings));
	memset(&faq->by_entry[faq->nterms], 0, sizeof(struct faq_postings));
	memset(&faq->by_answer[faq->nterms], 0, sizeof(struct faq_postings));
	if (arc_strmap_put(faq->terms, term, strlen(term), faq->nterms) !=
	    ARC_OK)
		return -1;
	return faq->nterms++;
}

static int
post(struct faq_postings *p, int id)
{
	if (p->n > 0 && p->ids[p->n - 1] == id)
		return ARC_OK;
	if (arc_grow(&p->ids, &p->cap, (size_t)p->n, 1, sizeof(*p->ids)) !=
	    ARC_OK)
		return ARC_FATAL;
	p->ids[p->n++] = id;
	return ARC_OK;
}

/* A setting that is sparse with one phrasing an entry and full from
 * SPARSE_FULL, in between as the answer files fill (fullness). */
static double
sparse_to_full(const struct arc_faq *faq, double sparse, double full)
{
	return full + (1.0 - faq->fullness) * (sparse - full);
}

/* Whether a set kept as a small unsorted array holds id. */
static int
contains(const int *set, int n, int id)
{
	for (int i = 0; i < n; i++)
		if (set[i] == id)
			return 1;
	return 0;
}

/* Adds id to such a set; 1 if it was new. */
static int
add_unique(int *set, int *n, int id)
{
	if (contains(set, *n, id))
		return 0;
	set[(*n)++] = id;
	return 1;
}

static int
add_surface(struct arc_faq *faq, const char *w)
{
	size_t len = strlen(w);

	if (len < TYPO_MIN_LEN || arc_strmap_get(faq->surface_seen, w, len,
	    NULL))
		return ARC_OK;
	if (arc_grow(&faq->surface, &faq->surface_cap, (size_t)faq->nsurface,
	    1, sizeof(*faq->surface)) != ARC_OK)
		return ARC_FATAL;
	if ((faq->surface[faq->nsurface] = strdup(w)) == NULL)
		return ARC_FATAL;
	faq->nsurface++;
	return arc_strmap_put(faq->surface_seen, w, len, 1);
}

/* The terms of one phrasing, into its own array and the index. */
static int
index_phrasing(struct arc_faq *faq, struct faq_phrasing *p)
{
	struct faq_word words[FAQ_WORDS_MAX];
	int english, n = faq_words(faq, p->text, strlen(p->text), words,
	    FAQ_WORDS_MAX, &english);

	if (n < 0 || (p->terms = malloc((size_t)(n + 1) * sizeof(int))) == NULL)
		return ARC_FATAL;
	for (int i = 0; i < n; i++) {
		int id = term_id(faq, words[i].term);
		if (id < 0 || add_surface(faq, words[i].surface) != ARC_OK)
			return ARC_FATAL;
		if (add_unique(p->terms, &p->nterms, id) &&
		    post(&faq->by_phrasing[id], (int)(p - faq->phrasings)) !=
		    ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/* Whether an entry can be given: not a special text, not a second entry
 * of the same id, and with something to say. */
static int
answerable(const struct arc_faq *faq, int i)
{
	const struct faq_entry *e = &faq->entries[i];

	return e->id[0] != '_' && arc_faq_find(faq, e->id) == i &&
	    e->answer[strspn(e->answer, " \t")] != '\0';
}

/* The terms of an entry's answers, which name its subject in words the
 * phrasings may not use ("lansia" in the answer on home visits). */
static int
index_answer(struct arc_faq *faq, int i)
{
	struct faq_entry *e = &faq->entries[i];
	const char *texts[2] = { e->answer, e->answer_en };
	struct faq_word *words = malloc(FAQ_ANSWER_WORDS * sizeof(*words));
	size_t cap = 0;

	if (words == NULL)
		return ARC_FATAL;
	for (int k = 0; k < 2; k++) {
		int english, n;
		if (texts[k] == NULL)
			continue;
		n = faq_words(faq, texts[k], strlen(texts[k]), words,
		    FAQ_ANSWER_WORDS, &english);
		if (n < 0)
			goto nomem;
		if (arc_grow(&e->answer_terms, &cap,
		    (size_t)e->nanswer_terms, (size_t)n + 1,
		    sizeof(*e->answer_terms)) != ARC_OK)
			goto nomem;
		for (int j = 0; j < n; j++) {
			int id;
			long have;
			/* "loket 1", "08.00": no question is about them.  But
			 * a phrasing's "b3" or "p2" the answer says too is the
			 * entry's subject (said_elsewhere), never posted. */
			if (strpbrk(words[j].term, "0123456789") != NULL) {
				if (arc_strmap_get(faq->terms, words[j].term,
				    strlen(words[j].term), &have))
					add_unique(e->answer_terms,
					    &e->nanswer_terms, (int)have);
				continue;
			}
			if ((id = term_id(faq, words[j].term)) < 0)
				goto nomem;
			if (add_unique(e->answer_terms, &e->nanswer_terms,
			    id) && post(&faq->by_answer[id], i) != ARC_OK)
				goto nomem;
		}
	}
	free(words);
	return ARC_OK;
nomem:
	free(words);
	return ARC_FATAL;
}

static int
index_entry(struct arc_faq *faq, int i)
{
	struct faq_entry *e = &faq->entries[i];
	int total = 0;

	for (int k = 0; k < e->count; k++) {
		if (index_phrasing(faq, &faq->phrasings[e->first + k]) !=
		    ARC_OK)
			return ARC_FATAL;
		total += faq->phrasings[e->first + k].nterms;
	}
	if ((e->terms = malloc((size_t)(total + 1) * sizeof(int))) == NULL)
		return ARC_FATAL;
	for (int k = 0; k < e->count; k++) {
		const struct faq_phrasing *p = &faq->phrasings[e->first + k];
		for (int j = 0; j < p->nterms; j++)
			if (add_unique(e->terms, &e->nterms, p->terms[j]) &&
			    post(&faq->by_entry[p->terms[j]], i) != ARC_OK)
				return ARC_FATAL;
	}
	return index_answer(faq, i);
}

/* Whether an entry says a word of one of its phrasings elsewhere: in its
 * answer or in another phrasing. */
static int
said_elsewhere(const struct arc_faq *faq, const struct faq_phrasing *p,
    int term)
{
	const struct faq_entry *e = &faq->entries[p->entry];

	if (contains(e->answer_terms, e->nanswer_terms, term))
		return 1;
	for (int k = 0; k < e->count; k++) {
		const struct faq_phrasing *o = &faq->phrasings[e->first + k];
		if (o != p && contains(o->terms, o->nterms, term))
			return 1;
	}
	return 0;
}

static int
compare_id(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* Phrasing i's squared weight in a term's postings (they are in phrasing
 * order, and every term of an indexed phrasing has one). */
static double *
weight_of(const struct faq_postings *pp, int i)
{
	const int *at = bsearch(&i, pp->ids, (size_t)pp->n, sizeof(int),
	    compare_id);

	return at != NULL ? &pp->weight2[at - pp->ids] : NULL;
}

/*
 * Each phrasing's words weigh their idf, and its norm is theirs.  But a
 * word that only one phrasing of an entry has, and that neither its answer
 * nor its other phrasings say, is likely the asker's story, not what the
 * entry is about: the questions a clerk adds from the log bring many
 * ("sofa lama bs diangkut petugas gk? bayar?" then caught "cara bikin sppl,
 * bayar gk").  In an entry of two phrasings or more such a word weighs
 * STORY_WORD of its idf with about one phrasing an entry in the files,
 * fading as they fill: an office's own eight phrasings an entry name its
 * subject in many words on purpose.  The office's own words that its
 * other phrasing and answer leave out are weighed so too (bench/README,
 * session 17).
 */
static int
weigh_phrasing_words(struct arc_faq *faq)
{
	double story = sparse_to_full(faq, STORY_WORD, 1.0);

	for (int t = 0; t < faq->nterms; t++) {
		struct faq_postings *pp = &faq->by_phrasing[t];
		if ((pp->weight2 = malloc(((size_t)pp->n + 1) *
		    sizeof(double))) == NULL)
			return ARC_FATAL;
	}
	for (int i = 0; i < faq->nphrasings; i++) {
		struct faq_phrasing *p = &faq->phrasings[i];
		double sum = 0;
		for (int j = 0; j < p->nterms; j++) {
			int t = p->terms[j];
			struct faq_postings *pp = &faq->by_phrasing[t];
			double w = (story < 1.0 &&
			    faq->entries[p->entry].count >= 2 &&
			    !said_elsewhere(faq, p, t)) ? story : 1.0;
			double *slot = weight_of(pp, i);
			if (slot == NULL)
				continue;
			*slot = w * w;
			sum += faq->idf[t] * faq->idf[t] * *slot;
		}
		p->norm = sqrt(sum);
	}
	return ARC_OK;
}

/*
 * Words of every question, whatever the office: wanting, being able,
 * asking, not.  In answer files of one or two phrasings an entry they are
 * in few entries and so look rare, and a short informal phrasing made of
 * them ("mau nikah, urus apa aja") catches questions about anything; they
 * weigh at most as a word found in half the entries (bench/README).
 * Sorted (strcmp), for bsearch (asks_nothing).
 */
static const char *const general_words[] = {
	"ada", "apa", "bagaimana", "belum", "berapa", "bisa", "boleh", "buat",
	"cara", "dapat", "dari", "dimana", "gimana", "harus", "jadi", "kalau",
	"kapan", "ke", "lagi", "lewat", "mana", "mau", "minta", "perlu",
	"punya", "siapa", "sudah", "tidak", "untuk",
};
#define GENERAL_IDF_MAX log(1.0 + 2.0)

/*
 * Their English counterparts, which an entry's English phrasing brings
 * ("How do I get a domicile letter from the village?"): an English question
 * about anything else matched it on "get" and "from".  Weighed as the
 * general words, by their English and their Indonesian stems: on the tests'
 * 40 sets right 66.8 -> 67.4%, wrong 3.9 -> 3.6% (bench/README, session
 * 23).  Not left out when no entry has them, as asks_nothing leaves the
 * Indonesian ones: most are function or context words already.
 */
static const char *const general_words_english[] = {
	"again", "already", "allowed", "ask", "become", "from", "get", "how",
	"in", "make", "many", "may", "much", "must", "need", "no", "not",
	"obtain", "on", "own", "should", "through", "via", "want", "way",
	"what", "when", "where", "which", "who", "why", "yet",
};

static int
compare_word(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

/* A word that asks or joins (bagaimana, tapi, who, should) says nothing
 * of what a question is about: when no entry has it, it is left out, not
 * counted as a sign of a question about something else.  Answer files
 * of few phrasings miss many of them (bench/README, session 15). */
static int
asks_nothing(const char *w)
{
	if (arc_is_stopword(w))
		return 1;
	return bsearch(w, general_words, sizeof(general_words) /
	    sizeof(*general_words), sizeof(*general_words),
	    compare_word) != NULL;
}

/* A term's idf, at most max: a term the files do not have is left. */
static void
cap_idf(struct arc_faq *faq, const char *term, double max)
{
	long id;

	if (arc_strmap_get(faq->terms, term, strlen(term), &id) &&
	    faq->idf[id] > max)
		faq->idf[id] = max;
}

/* The words' terms weigh at most GENERAL_IDF_MAX, read as Indonesian and,
 * with english, as English too; never through a synonym group ("allowed"
 * is "allow", which the shipped groups join to "tunjangan", a subject). */
static void
cap_words(struct arc_faq *faq, const char *const *words, size_t n,
    int english)
{
	char term[FAQ_WORD_MAX + 1];

	for (size_t i = 0; i < n; i++)
		for (int e = 0; e <= english; e++)
			if (faq_term_own(faq, words[i], e, term))
				cap_idf(faq, term, GENERAL_IDF_MAX);
}

static void
cap_general_words(struct arc_faq *faq)
{
	cap_words(faq, general_words, sizeof(general_words) /
	    sizeof(general_words[0]), 0);
	cap_words(faq, general_words_english, sizeof(general_words_english) /
	    sizeof(general_words_english[0]), 1);
}

/*
 * The decline names the office and how to reach it ("Dinas Sosial
 * Kabupaten Lembah Jati", WhatsApp, telepon): words a question to this
 * office may carry whatever it asks.  One phrasing that names the office
 * ("Kapan jam pelayanan Dinas Sosial Kabupaten Lembah Jati?") must not
 * win every question that does: they weigh at most as a word found in an
 * eighth of the entries (bench/README, session 15).
 */
#define OFFICE_IDF_MAX log(1.0 + 8.0)

static int
cap_office_words(struct arc_faq *faq)
{
	int e = arc_faq_find(faq, "_decline");
	const char *texts[2];
	struct faq_word *words;

	if (e < 0)
		return ARC_OK;
	texts[0] = faq->entries[e].answer;
	texts[1] = faq->entries[e].answer_en;
	if ((words = malloc(FAQ_ANSWER_WORDS * sizeof(*words))) == NULL)
		return ARC_FATAL;
	for (int k = 0; k < 2; k++) {
		int english, n = texts[k] == NULL ? 0 : faq_words(faq,
		    texts[k], strlen(texts[k]), words, FAQ_ANSWER_WORDS,
		    &english);
		if (n < 0) {
			free(words);
			return ARC_FATAL;
		}
		for (int i = 0; i < n; i++)
			cap_idf(faq, words[i].term, OFFICE_IDF_MAX);
	}
	free(words);
	return ARC_OK;
}

/* Each answer's words weigh their idf among the answers (closest_answer). */
static int
weigh_answer_words(struct arc_faq *faq)
{
	if ((faq->answer_idf = malloc((size_t)(faq->nterms + 1) *
	    sizeof(double))) == NULL)
		return ARC_FATAL;
	for (int t = 0; t < faq->nterms; t++)
		faq->answer_idf[t] = faq->by_answer[t].n > 0 ? log(1.0 +
		    (double)faq->answerable / faq->by_answer[t].n) : 0;
	for (int i = 0; i < faq->nentries; i++) {
		struct faq_entry *e = &faq->entries[i];
		e->answer_norm2 = 0;
		for (int k = 0; k < e->nanswer_terms; k++) {
			double w = faq->answer_idf[e->answer_terms[k]];
			e->answer_norm2 += w * w;
		}
	}
	return ARC_OK;
}

/* How fully the answer files phrase their entries, from 0 (one phrasing
 * each) to 1 (SPARSE_FULL or more), on a log scale: a second phrasing
 * adds more than a ninth. */
static double
fullness(const struct arc_faq *faq)
{
	double phrasings = 0, per_entry, f;

	for (int i = 0; i < faq->nentries; i++)
		if (answerable(faq, i))
			phrasings += faq->entries[i].count;
	per_entry = faq->answerable > 0 ? phrasings / faq->answerable : 1;
	f = log(per_entry) / log(SPARSE_FULL);
	return f > 1 ? 1 : f < 0 ? 0 : f;
}

int
arc_faq_prepare(struct arc_faq *faq, struct arc_error *err)
{
	if (faq->prepared)
		return ARC_OK;
	for (int i = 0; i < faq->nentries; i++) {
		if (!answerable(faq, i))
			continue;
		if (index_entry(faq, i) != ARC_OK)
			return arc_error_set(err, "out of memory");
		faq->answerable++;
	}
	if ((faq->idf = malloc((size_t)(faq->nterms + 1) * sizeof(double))) ==
	    NULL)
		return arc_error_set(err, "out of memory");
	/* How rare a word is among the entries' phrasings, not among the
	 * phrasings: an entry with many of them must not make its own words
	 * look common.  Answers are long and repeat the office's words
	 * (loket, gratis, KK): they count only for words no phrasing has. */
	for (int t = 0; t < faq->nterms; t++) {
		int df = faq->by_entry[t].n ? faq->by_entry[t].n :
		    faq->by_answer[t].n;
		faq->idf[t] = log(1.0 + (double)faq->answerable / df);
	}
	if (weigh_answer_words(faq) != ARC_OK)
		return arc_error_set(err, "out of memory");
	cap_general_words(faq);
	if (cap_office_words(faq) != ARC_OK)
		return arc_error_set(err, "out of memory");
	faq->unknown_weight = UNKNOWN_WEIGHT * log(1.0 + faq->answerable);
	faq->fullness = fullness(faq);
	faq->answer_blend = SPARSE_ANSWER_BLEND * (1 - faq->fullness *
	    faq->fullness);
	faq->question_coverage = sparse_to_full(faq, SPARSE_QUESTION_COVERAGE,
	    QUESTION_COVERAGE);
	/* A question of common words only ("berapa?") is no question to
	 * answer: its weight counts as at least that of a word found in a
	 * quarter of the entries. */
	faq->min_mass = log(1.0 + 4.0) * log(1.0 + 4.0);
	if (weigh_phrasing_words(faq) != ARC_OK)
		return arc_error_set(err, "out of memory");
	faq->prepared = 1;
	return ARC_OK;
}

/* Optimal string alignment distance, given up above max. */
static int
distance(const char *a, size_t la, const char *b, size_t lb, int max)
{
	int rows[3][FAQ_WORD_MAX + 2], *prev2 = rows[0], *prev = rows[1],
	    *cur = rows[2];

	for (size_t j = 0; j <= lb; j++)
		prev[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int best = cur[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int cost = a[i - 1] != b[j - 1];
			int d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
			if (d < best)
				best = d;
		}
		if (best > max)
			return max + 1;
		int *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/* The phrasings' word closest to a misspelt one, or NULL.  The first
 * letter must agree: citizens rarely get it wrong, and it keeps "japan"
 * from becoming "jalan" only half the time, which is still better. */
static const char *
correct(const struct arc_faq *faq, const char *w)
{
	size_t len = strlen(w);
	int max = len >= TYPO_TWO_EDITS_LEN ? 2 : 1, best = max + 1;
	const char *found = NULL;

	if (len < TYPO_MIN_LEN || len > FAQ_WORD_MAX)
		return NULL;
	for (int i = 0; i < faq->nsurface; i++) {
		const char *s = faq->surface[i];
		size_t sl = strlen(s);
		if (s[0] != w[0] || sl + (size_t)max < len ||
		    len + (size_t)max < sl ||
		    (len == TYPO_MIN_LEN && sl != len))
			continue;
		int d = distance(w, len, s, sl,
		    best - 1 < max ? best - 1 : max);
		if (d < best) {
			best = d;
			found = s;
		}
	}
	return found;
}

struct query_term {
	int id;
	double weight;
};

static void
explain_word(struct arc_faq_result *res, const char *fmt, const char *a,
    const char *b)
{
	size_t used = strlen(res->words);

	if (used + 1 < sizeof(res->words))
		snprintf(res->words + used, sizeof(res->words) - used, fmt,
		    used > 0 ? " " : "", a, b);
}

/* The id of a term the answer files have for a word that is not one of
 * theirs as written: its Indonesian stem (an office's name in an English
 * question), else the first root of it as an informal word; -1 when
 * none.  term gets the term found. */
static long
informal_term(const struct arc_faq *faq, const char *surface, char *term)
{
	char roots[INFORMAL_ROOTS_MAX][FAQ_WORD_MAX + 1];
	char t[FAQ_WORD_MAX + 1];
	int n = faq_informal_roots(surface, roots + 1, INFORMAL_ROOTS_MAX - 1);
	long id;

	strcpy(roots[0], surface);
	for (int i = 0; i <= n; i++) {
		faq_term(faq, roots[i], 0, t);
		if (arc_strmap_get(faq->terms, t, strlen(t), &id)) {
			strcpy(term, t);
			return id;
		}
	}
	return -1;
}

/*
 * How much a word no entry has weighs, as a share of unknown_weight.  One
 * the topics list names (SIM, pajak, passport) is a surer sign of a
 * question for another office than one that only tells the citizen's
 * story (tetangga, karaoke, charger).  With few phrasings an entry, many
 * words of the questions an office should answer are of the second kind;
 * with many phrasings, few are: the difference fades as the answer files
 * fill (bench/README, "faqbot: subjects no entry has", session 16).
 */
static double
unknown_factor(const struct arc_faq *faq, const char *surface, int english)
{
	double f;

	if (faq->ntopics == 0)
		return 1.0;
	f = faq_in_topics(faq, surface, english) ? TOPIC_UNKNOWN :
	    STORY_UNKNOWN;
	return sparse_to_full(faq, f, 1.0);
}

/* How much of an unknown word's weight (squared, as *unknown adds it) a
 * word matched through the thesaurus or dictionary adds: a share of it,
 * or, for another office's subject, all an unknown one of the topics list
 * would (*listed set); related says the synonyms list's "~" group gave
 * it. */
static double
lexicon_doubt(const struct arc_faq *faq, const char *surface, int english,
    int related, int *listed)
{
	double f = sparse_to_full(faq, TOPIC_UNKNOWN, 1.0);

	*listed = !english && faq->ntopics > 0 &&
	    faq_in_topics(faq, surface, english);
	if (*listed)
		return f * f;
	if (related)
		return RELATED_DOUBT;
	return english ? TRANSLATION_DOUBT : LEXICON_DOUBT;
}

/* Is word i's term one of words from..i-1's?  (A word the question
 * repeats, or normalisation made twice: "kartu kuning AK1" is ak1 ak1.) */
static int
said_before(const struct faq_word *words, int from, int i)
{
	for (int j = from; j < i; j++)
		if (strcmp(words[j].term, words[i].term) == 0)
			return 1;
	return 0;
}

/* The question's terms with their weights; *unknown gets the weight of
 * the words no entry has, which only lower every score, each once. */
static int
query_terms(const struct arc_faq *faq, const char *question,
    struct arc_faq_result *res, struct query_term *q, double *unknown)
{
	struct faq_word words[FAQ_WORDS_MAX];
	int n = faq_words(faq, question, strlen(question), words,
	    FAQ_WORDS_MAX, &res->english), nq = 0;

	int from = faq_salutation(words, n);

	*unknown = 0;
	for (int i = from; i < n; i++) {
		const char *fixed = NULL;
		double factor = 1.0;
		int related = 0;
		long id;
		if (!arc_strmap_get(faq->terms, words[i].term,
		    strlen(words[i].term), &id)) {
			if (said_before(words, from, i))
				continue;
			/* Numbers, scraps, scenery; but another office's
			 * subject is one even when short or with a digit
			 * ("sd", "ak1"). */
			if ((strpbrk(words[i].surface, "0123456789") != NULL ||
			    strlen(words[i].surface) < 3 ||
			    faq_is_context_word(words[i].surface) ||
			    asks_nothing(words[i].surface)) &&
			    !(faq->ntopics > 0 && faq_in_topics(faq,
			    words[i].surface, res->english)))
				continue;
			if ((id = informal_term(faq, words[i].surface,
			    words[i].term)) >= 0) {
				factor = INFORMAL_WEIGHT;
				explain_word(res, "%s%s>%s", words[i].surface,
				    words[i].term);
				goto found;
			}
			fixed = correct(faq, words[i].surface);
			if (fixed != NULL)
				faq_term(faq, fixed, res->english,
				    words[i].term);
			if (fixed != NULL && arc_strmap_get(faq->terms,
			    words[i].term, strlen(words[i].term), &id)) {
				factor = CORRECTED_WEIGHT;
				explain_word(res, "%s%s~%s", words[i].surface,
				    words[i].term);
			} else if ((id = faq_lexicon_term(faq,
			    words[i].surface, words[i].term,
			    res->english, &related)) >= 0) {
				/* A synonym or translation the answer files
				 * have: a sign, weaker than their own word. */
				int listed;
				factor = related ? RELATED_WEIGHT :
				    LEXICON_WEIGHT;
				*unknown += lexicon_doubt(faq,
				    words[i].surface, res->english, related,
				    &listed) * faq->unknown_weight *
				    faq->unknown_weight;
				/* "!pajak=": another office's subject. */
				explain_word(res, listed ? "%s!%s=%s" :
				    "%s%s=%s", words[i].surface, "");
			} else {
				double f = unknown_factor(faq,
				    words[i].surface, res->english);
				*unknown += f * f * faq->unknown_weight *
				    faq->unknown_weight;
				/* "!": another office's subject. */
				explain_word(res, f > 1 ? "%s!%s%s" : "%s?%s%s",
				    words[i].surface, "");
				continue;
			}
		} else {
			explain_word(res, "%s%s%s", words[i].term, "");
		}
found:;
		int seen = 0;
		for (int k = 0; k < nq; k++)
			if (q[k].id == (int)id) {
				seen = 1;
				if (q[k].weight < factor * faq->idf[id])
					q[k].weight = factor * faq->idf[id];
			}
		if (!seen) {
			q[nq].id = (int)id;
			q[nq++].weight = factor * faq->idf[id];
		}
	}
	return nq;
}

/*
 * How well a question matches an entry through one of its phrasings, from
 * 0 to 1, from how much of the question the entry's phrasings cover and
 * how much of this phrasing the question covers (both by squared idf, a
 * phrasing's words as weighed: weigh_phrasing_words), in
 * a weighted geometric mean: both must be high for a high score.
 */
static double
similarity(const struct arc_faq *faq, double of_question, double of_phrasing)
{
	return pow(of_question, faq->question_coverage) *
	    pow(of_phrasing, 1.0 - faq->question_coverage);
}

static void
keep_best(struct arc_faq_result *res, int entry, double score, int phrasing)
{
	int at = res->ncand;

	if (score <= 0)
		return;
	while (at > 0 && res->cand[at - 1].score < score)
		at--;
	if (at >= ARC_FAQ_TOP)
		return;
	if (res->ncand < ARC_FAQ_TOP)
		res->ncand++;
	memmove(&res->cand[at + 1], &res->cand[at],
	    (size_t)(res->ncand - 1 - at) * sizeof(res->cand[0]));
	res->cand[at].entry = entry;
	res->cand[at].score = score;
	res->cand[at].phrasing = phrasing;
}

/*
 * The entry whose answers alone match the question best, as if they were
 * its one phrasing: the question's words weighed by their idf among the
 * answers (a word no answer has, by its own), the same geometric mean of
 * the share of the question an answer covers and of the answer the
 * question covers (a long answer covers much of any question, and little
 * of it is the question's), with its score.  -1 when no answer has a word
 * of it.  Scratch: two doubles an entry, zeroed.
 */
static int
closest_answer(const struct arc_faq *faq, const struct query_term *q,
    int nq, double unknown, double *scratch, double *score)
{
	double *of_question = scratch, *of_answer = scratch + faq->nentries;
	double mass = unknown, best = 0;
	int pick = -1;

	for (int i = 0; i < nq; i++) {
		const struct faq_postings *pa = &faq->by_answer[q[i].id];
		/* The share of its idf a corrected or informal word keeps. */
		double kept = q[i].weight / faq->idf[q[i].id];
		double idf = faq->answer_idf[q[i].id];
		double w = idf > 0 ? kept * idf : q[i].weight;
		mass += w * w;
		for (int k = 0; k < pa->n; k++) {
			of_question[pa->ids[k]] += w * w;
			of_answer[pa->ids[k]] += kept * idf * idf;
		}
	}
	if (mass < faq->min_mass)
		mass = faq->min_mass;
	for (int e = 0; e < faq->nentries; e++) {
		double s;
		if (of_question[e] <= 0 || faq->entries[e].answer_norm2 <= 0)
			continue;
		s = sqrt(of_question[e] / mass * of_answer[e] /
		    faq->entries[e].answer_norm2);
		if (s > best) {
			best = s;
			pick = e;
		}
	}
	*score = best;
	return pick;
}

/*
 * Entries whose scores are within NEAR_TIE of the best are a near tie that
 * the phrasings cannot break: a question's words fall on two related
 * entries about equally.  When one of them is the closest answer
 * (covering at least TIE_ANSWER_AT of the question), it goes first: the
 * office's answers are the longer text and say which of the two the
 * question is about.  On the tests' 30 offices the right entry comes first
 * for 83.3% of the questions against 80.6% (bench/README, session 22).
 */
#define NEAR_TIE 0.10
#define TIE_ANSWER_AT 0.10

static void
break_near_tie(struct arc_faq_result *res)
{
	struct arc_faq_candidate chosen;
	int at = 1;

	if (res->closest_answer < 0 ||
	    res->closest_answer_score < TIE_ANSWER_AT)
		return;
	while (at < res->ncand && res->cand[at].entry != res->closest_answer)
		at++;
	if (at >= res->ncand ||
	    res->cand[0].score - res->cand[at].score >= NEAR_TIE)
		return;
	chosen = res->cand[at];
	memmove(&res->cand[1], &res->cand[0], (size_t)at * sizeof(chosen));
	res->cand[0] = chosen;
	res->answers_chose = 1;
}

int
arc_faq_ask(const struct arc_faq *faq, const char *question,
    struct arc_faq_result *res)
{
	struct query_term q[FAQ_WORDS_MAX];
	double unknown, mass, *dot_p, *dot_e, *dot_a, *dot_extra;
	int nq;

	memset(res, 0, sizeof(*res));
	res->closest_answer = -1;
	nq = query_terms(faq, question, res, q, &unknown);
	res->nterms = nq;
	if (faq->unknown_weight > 0)
		res->nunknown = (int)lround(unknown / (faq->unknown_weight *
		    faq->unknown_weight));
	if (nq == 0)
		return ARC_OK;
	mass = unknown;
	for (int i = 0; i < nq; i++)
		mass += q[i].weight * q[i].weight;
	if (mass < faq->min_mass)
		mass = faq->min_mass;
	dot_p = calloc((size_t)(faq->nphrasings + 5 * faq->nentries),
	    sizeof(double));
	if (dot_p == NULL)
		return ARC_FATAL;
	dot_e = dot_p + faq->nphrasings;
	dot_a = dot_e + faq->nentries;
	dot_extra = dot_a + faq->nentries;
	res->closest_answer = closest_answer(faq, q, nq, unknown,
	    dot_extra + faq->nentries, &res->closest_answer_score);
	for (int i = 0; i < nq; i++) {
		const struct faq_postings *pp = &faq->by_phrasing[q[i].id];
		const struct faq_postings *pe = &faq->by_entry[q[i].id];
		const struct faq_postings *pa = &faq->by_answer[q[i].id];
		/* A phrasing's share is measured by its idf (times its
		 * squared weight there: weigh_phrasing_words); the
		 * question's by the question's own weights, as mass is, so
		 * that a corrected word (weighing less than its idf) counts
		 * less, never more, and no score passes 1. */
		double w = q[i].weight * faq->idf[q[i].id];
		double wq = q[i].weight * q[i].weight;
		for (int k = 0; k < pp->n; k++)
			dot_p[pp->ids[k]] += w * pp->weight2[k];
		for (int k = 0; k < pe->n; k++)
			dot_e[pe->ids[k]] += wq;
		/* Both lists of entries are in entry order: an answer's
		 * word its phrasings lack is the one that says more. */
		for (int k = 0, j = 0; k < pa->n; k++) {
			while (j < pe->n && pe->ids[j] < pa->ids[k])
				j++;
			dot_a[pa->ids[k]] += wq;
			if (j >= pe->n || pe->ids[j] != pa->ids[k])
				dot_extra[pa->ids[k]] += wq;
		}
	}
	for (int e = 0; e < faq->nentries; e++) {
		const struct faq_entry *en = &faq->entries[e];
		double best, covered = 0;
		int which = -1;
		if (dot_e[e] <= 0 && dot_a[e] <= 0)
			continue;
		/* The entry's coverage of the question is the same for all its
		 * phrasings: the best phrasing is the one the question covers
		 * most. */
		for (int k = 0; k < en->count; k++) {
			const struct faq_phrasing *p =
			    &faq->phrasings[en->first + k];
			double c = dot_p[en->first + k] / (p->norm * p->norm);
			if (c > covered) {
				covered = c;
				which = k;
			}
		}
		best = ANSWER_WEIGHT * dot_a[e] / mass;
		if (which >= 0) {
			/* With few phrasings, what the answer says beyond
			 * them adds to them (answer_blend); with many, they
			 * say enough.  A word both have counts once: before,
			 * an answer that repeated its phrasings' words
			 * (0.2 of all its words) won questions those words
			 * alone matched (bench/README, session 16). */
			double s = similarity(faq, dot_e[e] / mass,
			    covered) +
			    faq->answer_blend * dot_extra[e] / mass;
			if (s > 1)
				s = 1;
			if (s > best)
				best = s;
		}
		if (which < 0)
			which = 0;
		keep_best(res, e, best, which);
	}
	free(dot_p);
	break_near_tie(res);
	return ARC_OK;
}

void
arc_faq_calibrate(const struct arc_faq *faq, struct arc_dialogue_settings *s)
{
	double few, sparse_at = faq->ntopics > 0 ? SPARSE_ANSWER_AT :
	    SPARSE_ANSWER_AT_UNLISTED;

	/* Measured by bench/faqbot-sparse on five answer sets, then by
	 * bench/faqbot-top on twelve, then twenty: the threshold that keeps
	 * wrong answers near 5% and most out-of-scope questions declined is
	 * about 0.36 with one phrasing per entry (0.41 without the topics
	 * list, which tells other offices' subjects apart), 0.40 with two,
	 * 0.48 with eight and more (bench/README; 0.38 and 0.42 until the
	 * question's coverage counted more with few phrasings, session
	 * 18). */
	s->answer_at = sparse_to_full(faq, sparse_at, ARC_DIALOGUE_ANSWER_AT);
	/* In a handful of entries every word is rare, and one shared word
	 * ("hilang") scores high: the fewer entries, the higher the bar. */
	few = (FEW_ENTRIES - faq->answerable) / FEW_ENTRIES;
	if (few > 0)
		s->answer_at += few * (ARC_DIALOGUE_ANSWER_AT -
		    sparse_at);
	if (s->answer_at > ARC_DIALOGUE_ANSWER_AT)
		s->answer_at = ARC_DIALOGUE_ANSWER_AT;
	s->suggest_at = s->answer_at - (ARC_DIALOGUE_ANSWER_AT -
	    ARC_DIALOGUE_SUGGEST_AT);
	/* Two entries close together are a guess between them when few
	 * phrasings say what each is about: offered both, not answered
	 * (bench/README, session 15: wrong answers 4.5% -> 3.1% on ten
	 * sets, right 58.1% -> 56.6%; the shipped files unchanged). */
	s->margin = sparse_to_full(faq, SPARSE_MARGIN, ARC_DIALOGUE_MARGIN);
	s->english_ease = sparse_to_full(faq, SPARSE_ENGLISH_EASE, 0.0);
	s->second_opinion = 1;
}
