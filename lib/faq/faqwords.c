/* faqwords.c: how faqbot reads a question: normalisation list, function words, synonyms, Snowball stems. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "faq_internal.h"

/*
 * Words that say nothing about what a citizen asks, dropped before
 * matching so that "tolong dong min" costs a question nothing.  Question
 * words (apa, berapa, kapan, how, where) stay: they tell hours from costs.
 * Sorted (strcmp), for bsearch.
 */
static const char *const function_words[] = {
	"a", "aja", "akan", "aku", "also", "am", "an", "and", "anda", "any",
	"anything", "apakah", "are", "at", "atau", "be", "been", "bisakah",
	"bu", "but", "can", "could", "dan", "deh", "dengan", "di", "did",
	"do", "does", "dong", "for", "gan", "had", "has", "have", "he", "her",
	"him", "his", "i", "ibu", "if", "ini", "is", "it", "its", "itu",
	"juga", "just", "kah", "kak", "kakak", "kali", "kami", "kan", "kita",
	"kok", "lah", "me", "mohon", "my", "nih", "nya", "of", "oleh", "or",
	"our", "pada", "pak", "please", "saja", "saya", "she", "sih", "so",
	"some", "someone", "something", "still", "tersebut", "that", "the",
	"their", "them", "there", "they", "this", "to", "tolong", "tuh",
	"was", "we", "were", "will", "would", "ya", "yang", "you", "your",
};

static int
compare_word(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

static int
is_function_word(const char *w)
{
	return bsearch(w, function_words, sizeof(function_words) /
	    sizeof(*function_words), sizeof(*function_words),
	    compare_word) != NULL;
}

/*
 * Words that set a scene rather than ask something: family, time, need,
 * and in English the verbs and adverbs of any question (get, much, like,
 * exactly, somewhere).
 * When no entry has one, it is left out instead of counting as a word the
 * office knows nothing of ("ktp sy ilang kemarin": still the lost card).
 * Sorted (strcmp), for bsearch.
 */
static const char *const context_words[] = {
	"adik", "afternoon", "ago", "another", "anyone", "anywhere", "around",
	"ayah", "back", "bapak", "barusan", "besok", "biar", "brother", "bulan",
	"butuh", "cepat", "child", "children", "dad", "daughter", "day", "dulu",
	"else", "evening", "ever", "every", "exactly", "family", "father",
	"friend", "get", "gets", "getting", "give", "go", "going", "good",
	"got", "grandfather", "grandmother", "happen", "happened", "happens",
	"hari", "harus", "husband", "ibu", "ingin", "istri", "iya", "kakak",
	"kakek", "kemaren", "kemarin", "kmrn", "know", "lagi", "let", "like",
	"look", "lusa", "make", "mama", "many", "masih", "maybe", "mertua",
	"minggu", "mom", "month", "morning", "mother", "much", "nanti", "need",
	"nenek", "never", "night", "now", "often", "om", "orangtua", "paman",
	"papa", "pengen", "perlu", "possible", "pun", "really", "saudara",
	"say", "see", "segera", "sekali", "sekarang", "sister", "somewhere",
	"son", "soon", "suami", "sure", "tadi", "tahun", "take", "tante",
	"tell", "teman", "thanks", "thing", "things", "think", "thinking",
	"today", "tomorrow", "tonight", "try", "urgent", "use", "used", "using",
	"want", "way", "week", "whether", "wife", "year", "yesterday", "yet",
};

int
faq_is_context_word(const char *w)
{
	return bsearch(w, context_words, sizeof(context_words) /
	    sizeof(*context_words), sizeof(*context_words),
	    compare_word) != NULL;
}

/* Words that tell English from Indonesian questions; sorted. */
static const char *const english_marks[] = {
	"a", "an", "are", "can", "do", "does", "for", "get", "how", "i", "is",
	"long", "lost", "much", "my", "need", "of", "open", "please", "the",
	"to", "what", "when", "where", "which", "with", "you", "your",
};
static const char *const indonesian_marks[] = {
	"ada", "apa", "bagaimana", "berapa", "bisa", "buat", "cara", "dan",
	"di", "dimana", "jam", "kalau", "kapan", "ke", "mana", "mau", "saya",
	"sudah", "syarat", "tidak", "untuk", "urus", "yang",
};

static int
marked(const char *w, const char *const *list, size_t n)
{
	return bsearch(w, list, n, sizeof(*list), compare_word) != NULL;
}

/* ---- Loading the word lists ---------------------------------------------- */

/* A word of the topics list that the normalisation list rewrites, and its
 * line: checked once the whole list is read (warn_rewritten). */
struct rewritten {
	char word[FAQ_WORD_MAX + 1];
	long line;
};

struct list_loader {
	struct arc_faq *faq;
	struct arc_place at;
	struct rewritten *rewritten;
	size_t nrewritten, rewritten_cap;
};

/* The words of s, lower case, joined by single spaces, at most max. */
static int
joined_words(const char *s, char *out, size_t size, int max)
{
	char word[FAQ_WORD_MAX];
	size_t at = 0, len = strlen(s), start, wlen, k = 0;
	int n = 0;

	out[0] = '\0';
	for (;;) {
		at = arc_next_word(s, len, at, &start, word, &wlen);
		if (wlen == 0)
			return n;
		if (++n > max || k + wlen + 2 > size)
			return -1;
		if (k > 0)
			out[k++] = ' ';
		memcpy(out + k, word, wlen);
		k += wlen;
		out[k] = '\0';
	}
}

static int
add_string(char ***v, int *n, size_t *cap, const char *s)
{
	if (arc_grow(v, cap, (size_t)*n, 1, sizeof(**v)) != ARC_OK)
		return ARC_FATAL;
	if (((*v)[*n] = strdup(s)) == NULL)
		return ARC_FATAL;
	(*n)++;
	return ARC_OK;
}

static int
norm_line(void *arg, char *line)
{
	struct list_loader *l = arg;
	struct arc_faq *faq = l->faq;
	char from[256], to[256], *eq;
	long old;
	int n;

	if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
		return ARC_OK;
	if ((eq = strchr(line, '=')) == NULL) {
		arc_place_error(&l->at, "expected \"words = replacement\"");
		return ARC_OK;
	}
	*eq = '\0';
	if ((n = joined_words(line, from, sizeof(from), NORM_WORDS_MAX)) <= 0) {
		arc_place_error(&l->at, n == 0 ?
		    N_("nothing to replace before \"=\"") :
		    N_("more than four words, or too long, before \"=\""));
		return ARC_OK;
	}
	if (joined_words(eq + 1, to, sizeof(to), 8) < 0) {
		arc_place_error(&l->at, "more than eight words, or too long, "
		    "after \"=\"");
		return ARC_OK;
	}
	/* "e-ktp" and "e ktp" are the same words: say so only if they are
	 * given two different replacements. */
	if (arc_strmap_get(faq->norm, from, strlen(from), &old) &&
	    strcmp(faq->norm_to[old], to) != 0)
		arc_place_warning(&l->at, "\"%s\" is normalised twice; "
		    "the last one counts", from);
	if (add_string(&faq->norm_to, &faq->nnorm, &faq->norm_cap, to) !=
	    ARC_OK)
		return ARC_FATAL;
	return arc_strmap_put(faq->norm, from, strlen(from), faq->nnorm - 1);
}

/* Stems shorter than this are not a synonym's (add_synonym). */
#define SYNONYM_STEM_MIN 4

/* Maps word (and its stems, unless taken) to group number g in map. */
static int
add_synonym(struct arc_faq *faq, struct arc_strmap *map, const char *word,
    long g, int stems)
{
	struct sb_stemmer *st[2] = { faq->stemmers.ind, faq->stemmers.eng };

	if (!stems)
		return arc_strmap_put(map, word, strlen(word), g);
	for (int i = 0; i < 2; i++) {
		const sb_symbol *s = sb_stemmer_stem(st[i],
		    (const sb_symbol *)word, (int)strlen(word));
		int len = sb_stemmer_length(st[i]);
		if (s == NULL)
			return ARC_FATAL;
		/* A stem of a few letters is the stem of too many words:
		 * "berapa" and "apa" both give "apa", which would make
		 * every "apa" a "berapa". */
		if (len < SYNONYM_STEM_MIN &&
		    strcmp((const char *)s, word) != 0)
			continue;
		if (!arc_strmap_get(map, (const char *)s, (size_t)len,
		    NULL) && arc_strmap_put(map, (const char *)s,
		    (size_t)len, g) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/*
 * A "~" line: words related to each other, not the same word.  A word of a
 * question that no entry has ("bimtek") counts as the one of its group the
 * answer files have most ("pelatihan"), weighing what a thesaurus synonym
 * does (faq_lexicon_term): a word the files use keeps its own meaning.
 * Each item is one word: "cuma-cuma" would be "cuma" twice, and "cuma"
 * ("only") is in many questions.
 */
static int
related_group(struct list_loader *l, const char *line)
{
	struct arc_faq *faq = l->faq;
	char copy[FAQ_LINE_MAX + 1], words[1024], one[FAQ_WORD_MAX + 2];
	char *item, *save, *w;
	size_t used = 0;
	long g = faq->nrelated, other;
	int n = 0;

	snprintf(copy, sizeof(copy), "%s", line + strspn(line, " \t") + 1);
	words[0] = '\0';
	for (item = strtok_r(copy, " \t", &save); item != NULL;
	    item = strtok_r(NULL, " \t", &save)) {
		int k = joined_words(item, one, sizeof(one), 1);
		if (k == 0)
			continue;
		if (k < 0) {
			arc_place_warning(&l->at, "\"%s\" is more than one "
			    "word as questions are split: left out of the "
			    "group", item);
			continue;
		}
		if (n == 64 || used + strlen(one) + 2 > sizeof(words)) {
			arc_place_error(&l->at,
			    N_("too many words in one group"));
			return ARC_OK;
		}
		used += (size_t)sprintf(words + used, "%s%s", n > 0 ? " " : "",
		    one);
		n++;
	}
	if (n < 2) {
		arc_place_error(&l->at, N_("a group needs two words or more"));
		return ARC_OK;
	}
	if (add_string(&faq->related, &faq->nrelated, &faq->related_cap,
	    words) != ARC_OK)
		return ARC_FATAL;
	snprintf(copy, sizeof(copy), "%s", words);
	for (w = strtok_r(copy, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (arc_strmap_get(faq->related_of, w, strlen(w), &other) &&
		    other != g)
			arc_place_warning(&l->at, "\"%s\" is already in the "
			    "related group of \"%.*s\"; now in this one", w,
			    (int)strcspn(faq->related[other], " "),
			    faq->related[other]);
		if (add_synonym(faq, faq->related_of, w, g, 0) != ARC_OK ||
		    add_synonym(faq, faq->related_stem_of, w, g, 1) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

static int
synonym_line(void *arg, char *line)
{
	struct list_loader *l = arg;
	struct arc_faq *faq = l->faq;
	char words[1024], *w, *save;
	long g;
	int n;

	if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
		return ARC_OK;
	if (line[strspn(line, " \t")] == '~')
		return related_group(l, line);
	if ((n = joined_words(line, words, sizeof(words), 64)) < 2) {
		arc_place_error(&l->at, n < 0 ?
		    N_("too many words in one group") :
		    N_("a group needs two words or more"));
		return ARC_OK;
	}
	w = strtok_r(words, " ", &save);
	if (add_string(&faq->canon, &faq->ncanon, &faq->canon_cap, w) != ARC_OK)
		return ARC_FATAL;
	g = faq->ncanon - 1;
	for (; w != NULL; w = strtok_r(NULL, " ", &save)) {
		long other;
		if (arc_strmap_get(faq->syn, w, strlen(w), &other) &&
		    strcmp(faq->canon[other], faq->canon[g]) != 0)
			arc_place_warning(&l->at, "\"%s\" is already in the "
			    "group of \"%s\"; now in this one", w,
			    faq->canon[other]);
		if (add_synonym(faq, faq->syn, w, g, 0) != ARC_OK)
			return ARC_FATAL;
	}
	/* Stems second, so that no stem takes a word's place. */
	joined_words(line, words, sizeof(words), 64);
	for (w = strtok_r(words, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save))
		if (add_synonym(faq, faq->syn, w, g, 1) != ARC_OK)
			return ARC_FATAL;
	return ARC_OK;
}

/* A line of the topics list: its words as written.  Not their stems:
 * those of "perdata" and "pinjaman" are "data" and "pinjam". */
static int
topic_line(void *arg, char *line)
{
	struct list_loader *l = arg;
	struct arc_faq *faq = l->faq;
	char words[FAQ_LINE_MAX + 1], *w, *save;

	if (line[0] == '#' || line[strspn(line, " \t")] == '\0')
		return ARC_OK;
	if (joined_words(line, words, sizeof(words), 64) < 0) {
		arc_place_error(&l->at, "more than 64 words on one line");
		return ARC_OK;
	}
	for (w = strtok_r(words, " ", &save); w != NULL;
	    w = strtok_r(NULL, " ", &save)) {
		if (arc_strmap_put(faq->topics, w, strlen(w), 1) != ARC_OK)
			return ARC_FATAL;
		faq->ntopics++;
		if (!arc_strmap_get(faq->norm, w, strlen(w), NULL))
			continue;
		if (arc_grow(&l->rewritten, &l->rewritten_cap, l->nrewritten,
		    1, sizeof(*l->rewritten)) != ARC_OK)
			return ARC_FATAL;
		snprintf(l->rewritten[l->nrewritten].word, FAQ_WORD_MAX + 1,
		    "%s", w);
		l->rewritten[l->nrewritten++].line = l->at.line;
	}
	return ARC_OK;
}

/* A question's word reaches the topics list as the normalisation list
 * rewrites it: a listed word it rewrites into words the list does not
 * have ("spt" into "seperti") never counts, and the clerk who listed it
 * should know. */
static void
warn_rewritten(struct list_loader *l)
{
	const struct arc_faq *faq = l->faq;

	for (size_t i = 0; i < l->nrewritten; i++) {
		const char *w = l->rewritten[i].word, *to;
		char words[FAQ_LINE_MAX], *t, *save;
		long id;
		int listed = 0;
		if (!arc_strmap_get(faq->norm, w, strlen(w), &id))
			continue;
		to = faq->norm_to[id];
		snprintf(words, sizeof(words), "%s", to);
		for (t = strtok_r(words, " ", &save); t != NULL;
		    t = strtok_r(NULL, " ", &save))
			listed |= arc_strmap_get(faq->topics, t, strlen(t),
			    NULL);
		if (listed)
			continue;
		l->at.line = l->rewritten[i].line;
		arc_place_warning(&l->at, "\"%s\" is read as \"%s\" first "
		    "(normalisation list), which is not listed: it never "
		    "counts", w, to);
	}
}

/* The question's word as written or as its stem: "pajaknya" and "taxes"
 * are still the subject.  Not through its synonym group: "fine" is
 * "denda" there, but no subject in "I'm fine". */
int
faq_in_topics(const struct arc_faq *faq, const char *surface, int english)
{
	struct sb_stemmer *st = english ? faq->stemmers.eng :
	    faq->stemmers.ind;
	const sb_symbol *stem;

	if (arc_strmap_get(faq->topics, surface, strlen(surface), NULL))
		return 1;
	stem = sb_stemmer_stem(st, (const sb_symbol *)surface,
	    (int)strlen(surface));
	return stem != NULL && arc_strmap_get(faq->topics,
	    (const char *)stem, (size_t)sb_stemmer_length(st), NULL);
}

static int
load_list(struct arc_faq *faq, const char *path, arc_diag_fn diag,
    void *ctx, int (*fn)(void *, char *))
{
	struct list_loader l = { faq, { path, 0, diag, ctx, 0 }, NULL, 0, 0 };
	int st = arc_staff_file_read(&l.at, NULL, FAQ_LINE_MAX, fn, &l);

	if (st == ARC_OK)
		warn_rewritten(&l);  /* topics lists' words only */
	free(l.rewritten);
	return st == ARC_OK && l.at.errors > 0 ? ARC_ERR : st;
}

int
arc_faq_load_words(struct arc_faq *faq, const char *path,
    arc_diag_fn diag, void *ctx)
{
	return load_list(faq, path, diag, ctx, norm_line);
}

int
arc_faq_load_synonyms(struct arc_faq *faq, const char *path,
    arc_diag_fn diag, void *ctx)
{
	return load_list(faq, path, diag, ctx, synonym_line);
}

int
arc_faq_load_topics(struct arc_faq *faq, const char *path,
    arc_diag_fn diag, void *ctx)
{
	int before = faq->ntopics, st = load_list(faq, path, diag, ctx,
	    topic_line);

	/* An empty list turns the topics off, and the threshold with
	 * them: said, not silently. */
	if (st == ARC_OK && faq->ntopics == before) {
		struct arc_place at = { path, 0, diag, ctx, 0 };
		arc_place_warning(&at, "no words: every word no entry has "
		    "weighs the same, other offices' subjects too");
	}
	return st;
}

/* ---- From a question to its terms ---------------------------------------- */

static int
has_digit(const char *w)
{
	return strpbrk(w, "0123456789") != NULL;
}

static void
copy_word(char *dst, const char *src, size_t len)
{
	if (len > FAQ_WORD_MAX)
		len = FAQ_WORD_MAX;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

static int
synonym(const struct arc_faq *faq, const char *w, size_t len, char *term)
{
	long g;

	if (!arc_strmap_get(faq->syn, w, len, &g))
		return 0;
	copy_word(term, faq->canon[g], strlen(faq->canon[g]));
	return 1;
}

/* The term of a word; tries may allow one more pass through the
 * normalisation list for its stem (never more: two lines of the list may
 * point at each other). */
static void
term_of(const struct arc_faq *faq, const char *surface, int english,
    char *term, int tries)
{
	struct sb_stemmer *st = english ? faq->stemmers.eng :
	    faq->stemmers.ind;
	const char *stem;
	long to;
	int len;

	if (synonym(faq, surface, strlen(surface), term))
		return;
	if (has_digit(surface) || (stem = (const char *)sb_stemmer_stem(st,
	    (const sb_symbol *)surface, (int)strlen(surface))) == NULL) {
		copy_word(term, surface, strlen(surface));
		return;
	}
	len = sb_stemmer_length(st);
	if (synonym(faq, stem, (size_t)len, term))
		return;
	/* A stem that is itself a spelling the list knows ("ngurusnya" ->
	 * "ngurus" -> "urus"): once more with the standard word. */
	if (tries > 0 && arc_strmap_get(faq->norm, stem, (size_t)len, &to) &&
	    faq->norm_to[to][0] != '\0' && strchr(faq->norm_to[to], ' ') ==
	    NULL && strcmp(faq->norm_to[to], surface) != 0) {
		term_of(faq, faq->norm_to[to], english, term, tries - 1);
		return;
	}
	copy_word(term, stem, (size_t)len);
}

void
faq_term(const struct arc_faq *faq, const char *surface, int english,
    char *term)
{
	term_of(faq, surface, english, term, 1);
}

int
faq_term_own(const struct arc_faq *faq, const char *surface, int english,
    char *term)
{
	struct sb_stemmer *st = english ? faq->stemmers.eng :
	    faq->stemmers.ind;
	const sb_symbol *s = sb_stemmer_stem(st, (const sb_symbol *)surface,
	    (int)strlen(surface));
	char stem[FAQ_WORD_MAX + 1];

	/* Copied: term_of stems again, into the stemmer's own buffer. */
	copy_word(stem, s != NULL ? (const char *)s : surface,
	    s != NULL ? (size_t)sb_stemmer_length(st) : strlen(surface));
	term_of(faq, surface, english, term, 1);
	return strcmp(term, surface) == 0 || strcmp(term, stem) == 0;
}

/* The question's words, lower case, as written. */
static int
split(const char *text, size_t len, char (*words)[FAQ_WORD_MAX + 1], int max)
{
	size_t at = 0, start, wlen;
	int n = 0;

	while (n < max) {
		at = arc_next_word(text, len, at, &start, words[n], &wlen);
		if (wlen == 0)
			break;
		words[n++][wlen] = '\0';
	}
	return n;
}

/* Replaces the longest runs of up to NORM_WORDS_MAX words the list knows. */
static int
normalise(const struct arc_faq *faq, char (*in)[FAQ_WORD_MAX + 1], int nin,
    struct faq_word *out, int max)
{
	int n = 0;

	for (int i = 0; i < nin && n < max;) {
		int taken = 0;
		long to = 0;
		size_t root;
		for (int k = nin - i < NORM_WORDS_MAX ? nin - i :
		    NORM_WORDS_MAX; k >= 1 && !taken; k--) {
			char key[NORM_WORDS_MAX * (FAQ_WORD_MAX + 1)];
			size_t kl = 0;
			for (int j = 0; j < k; j++) {
				size_t wl = strlen(in[i + j]);
				if (j > 0)
					key[kl++] = ' ';
				memcpy(key + kl, in[i + j], wl);
				kl += wl;
			}
			if (arc_strmap_get(faq->norm, key, kl, &to))
				taken = k;
		}
		/* A word written twice with a 2 ("buku2") is the word,
		 * unless the list knows the whole ("kira2": kira kira). */
		root = taken == 0 ? arc_said_twice(in[i], strlen(in[i])) : 0;
		if (root > 0) {
			in[i][root] = '\0';
			taken = arc_strmap_get(faq->norm, in[i], root, &to) ?
			    1 : 0;
		}
		if (taken == 0) {
			strcpy(out[n++].surface, in[i++]);
			continue;
		}
		i += taken;
		char copy[256], *w, *save;
		snprintf(copy, sizeof(copy), "%s", faq->norm_to[to]);
		for (w = strtok_r(copy, " ", &save); w != NULL && n < max;
		    w = strtok_r(NULL, " ", &save))
			copy_word(out[n++].surface, w, strlen(w));
	}
	return n;
}

int
faq_words(const struct arc_faq *faq, const char *text, size_t len,
    struct faq_word *out, int max, int *english)
{
	char (*raw)[FAQ_WORD_MAX + 1] = malloc((size_t)max * sizeof(*raw));
	int nraw, n, kept = 0, eng = 0, ind = 0;

	if (raw == NULL)
		return -1;
	nraw = split(text, len, raw, max);
	n = normalise(faq, raw, nraw, out, max);
	free(raw);
	for (int i = 0; i < n; i++) {
		eng += marked(out[i].surface, english_marks,
		    sizeof(english_marks) / sizeof(*english_marks));
		ind += marked(out[i].surface, indonesian_marks,
		    sizeof(indonesian_marks) / sizeof(*indonesian_marks));
	}
	*english = eng > ind;
	for (int i = 0; i < n; i++) {
		/* Single letters ("x", "u") say nothing on their own. */
		if (is_function_word(out[i].surface) ||
		    out[i].surface[1] == '\0')
			continue;
		if (kept != i)
			out[kept] = out[i];
		faq_term(faq, out[kept].surface, *english, out[kept].term);
		kept++;
	}
	return kept;
}
