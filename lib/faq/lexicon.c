/*
 * lexicon.c: the language knowledge Debian packages for Indonesian, read
 * when it is installed: LibreOffice's Indonesian thesaurus (mythes-id),
 * for a word of a question that no phrasing has but a synonym of which
 * one has ("mengurangi" for "mengubah"), and FreeDict's English-Indonesian
 * dictionary (dict-freedict-eng-ind), for English questions to answer
 * files written in Indonesian only.  Both are optional: without them
 * faqbot matches as before.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <zlib.h>

#include "faq_internal.h"

/* The words a related word may bring, at most, of which the commonest the
 * answer files have counts. */
#define RELATED_MAX 64

struct faq_lexicon {
	/* The thesaurus as UTF-8 lines; headword -> offset of its line. */
	char *thesaurus;
	struct arc_strmap *headwords;
	/* The dictionary's first translations, "kartu" or "membuka, buka",
	 * NUL-separated; English headword -> offset of its first, and a
	 * headword of several entries has them one after the other, joined
	 * by ", ". */
	char *english;
	size_t english_len, english_cap;
	struct arc_strmap *english_words;
};

/* Larger lexicon files are refused: Debian's are under 2 MB. */
#define LEXICON_MAX (64u << 20)

static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;
	struct stat st;

	if (f == NULL)
		return NULL;
	/* Not a FIFO that never ends, nor /dev/zero. */
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > LEXICON_MAX) {
		fclose(f);
		return NULL;
	}
	do {
		if (arc_grow(&buf, &cap, n, 65536, 1) != ARC_OK) {
			free(buf);
			fclose(f);
			errno = ENOMEM;
			return NULL;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	} else {
		buf[n] = '\0';
		*len = n;
	}
	fclose(f);
	return buf;
}

/* ISO-8859-1, as the thesaurus says it is, into UTF-8. */
static char *
latin1_to_utf8(const char *in, size_t len)
{
	char *out = malloc(2 * len + 1), *o = out;

	if (out == NULL)
		return NULL;
	/* A Latin-1 byte is its own code point. */
	for (size_t i = 0; i < len; i++)
		o += arc_utf8_encode((unsigned char)in[i], o);
	*o = '\0';
	return out;
}

/* mythes: an encoding line, then for each headword "word|N" and its N
 * lines of senses "[pos]|synonym|synonym...". */
static int
load_thesaurus(struct faq_lexicon *lx, const char *path)
{
	size_t len;
	char *raw = read_file(path, &len), *line, *next;

	if (raw == NULL)
		return ARC_ERR;
	lx->thesaurus = latin1_to_utf8(raw, len);
	free(raw);
	if (lx->thesaurus == NULL ||
	    (lx->headwords = arc_strmap_new()) == NULL)
		return ARC_FATAL;
	for (line = lx->thesaurus; *line != '\0'; line = next) {
		char *bar = NULL, *end = strchr(line, '\n');
		next = end != NULL ? end + 1 : line + strlen(line);
		if (*line == '[' || (bar = memchr(line, '|', (size_t)(next -
		    line))) == NULL || bar[1] < '0' || bar[1] > '9')
			continue;
		/* Questions are in lower case: so are the keys ("Ahad").
		 * A headword given twice keeps its first senses. */
		for (char *c = line; c < bar; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c + 32);
		if (!arc_strmap_get(lx->headwords, line, (size_t)(bar - line),
		    NULL) &&
		    arc_strmap_put(lx->headwords, line, (size_t)(bar - line),
		    line - lx->thesaurus) != ARC_OK)
			return ARC_FATAL;
	}
	return ARC_OK;
}

/* dictd's numbers: base64 digits, most significant first. */
static long
b64_number(const char *s, size_t n)
{
	static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789+/";
	long v = 0;

	for (size_t i = 0; i < n; i++) {
		const char *d = strchr(digits, s[i]);
		if (d == NULL || s[i] == '\0' || v > (1L << 40))
			return -1;
		v = v * 64 + (d - digits);
	}
	return v;
}

/* The .dict.dz: gzip (dictzip is gzip with an index of its chunks). */
static char *
inflate_file(const char *path, size_t *len)
{
	gzFile gz;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	struct stat st;
	int got;

	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (gz = gzopen(path, "rb")) == NULL)
		return NULL;
	for (;;) {
		/* A gzip bomb stops at the cap, as a plain file would. */
		if (n >= LEXICON_MAX ||
		    arc_grow(&buf, &cap, n, 65536, 1) != ARC_OK)
			goto fail;
		got = gzread(gz, buf + n, (unsigned)(cap - n - 1));
		if (got < 0)
			goto fail;
		if (got == 0)
			break;
		n += (size_t)got;
	}
	/* Not gzip at all, or cut short: no dictionary. */
	if (gzdirect(gz) || gzclose_r(gz) != Z_OK) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	free(buf);
	gzclose(gz);
	return NULL;
}

/* Appends text to the English translations, NUL-terminated; its offset,
 * or -1 when out of memory. */
static long
add_translation(struct faq_lexicon *lx, const char *text, size_t n)
{
	long at = (long)lx->english_len;

	if (arc_grow(&lx->english, &lx->english_cap, lx->english_len, n + 1,
	    1) != ARC_OK)
		return -1;
	memcpy(lx->english + lx->english_len, text, n);
	lx->english[lx->english_len + n] = '\0';
	lx->english_len += n + 1;
	return at;
}

/* The length of a sense's number before its translations ("2. ",
 * "10. "), or 0. */
static size_t
sense_number(const char *s, const char *e)
{
	const char *d = s;

	while (d < e && *d >= '0' && *d <= '9')
		d++;
	return d > s && d + 1 < e && d[0] == '.' && d[1] == ' ' ?
	    (size_t)(d + 2 - s) : 0;
}

/* A translation line without its sense number: "1. mengawinkan,
 * menikahkan" or "buka 2." (a number the next sense's line lacks). */
static size_t
translation_line(const char *s, const char *e, const char **from)
{
	s += sense_number(s, e);
	while (e > s && (e[-1] == '.' || e[-1] == ' ' ||
	    (e[-1] >= '0' && e[-1] <= '9')))
		e--;
	*from = s;
	return (size_t)(e - s);
}

/*
 * An entry's translations, joined by ", " into out (size cap): the line
 * after its headword line, and each numbered sense's ("2. ruang" after
 * "1. kamar, bilik"), not the English glosses between them ("division in
 * a building").  Their length; 0 when it has none.
 */
static size_t
translations(const char *entry, size_t n, char *out, size_t cap)
{
	const char *end = entry + n, *s = memchr(entry, '\n', n), *e;
	size_t len = 0;

	for (int line = 0; s != NULL && s + 1 < end; line++, s = e) {
		const char *tr;
		size_t trlen;

		s++;
		if ((e = memchr(s, '\n', (size_t)(end - s))) == NULL)
			e = end;
		if (line > 0 && sense_number(s, e) == 0)
			continue;
		if ((trlen = translation_line(s, e, &tr)) == 0 ||
		    len + trlen + 3 > cap)
			continue;
		if (len > 0) {
			memcpy(out + len, ", ", 2);
			len += 2;
		}
		memcpy(out + len, tr, trlen);
		len += trlen;
	}
	out[len] = '\0';
	return len;
}

/* The .index: "headword TAB offset TAB length", numbers in base64. */
static int
load_dictionary(struct faq_lexicon *lx, const char *dict_path,
    const char *index_path)
{
	size_t dlen, ilen;
	char *dict = inflate_file(dict_path, &dlen), *index, *line, *next;
	int st = ARC_OK;

	if (dict == NULL)
		return ARC_ERR;
	if ((index = read_file(index_path, &ilen)) == NULL) {
		free(dict);
		return ARC_ERR;
	}
	if ((lx->english_words = arc_strmap_new()) == NULL)
		st = ARC_FATAL;
	for (line = index; st == ARC_OK && *line != '\0'; line = next) {
		char *t1 = strchr(line, '\t'), *t2, *end = strchr(line, '\n');
		const char *line_end;
		char key[FAQ_WORD_MAX + 1], tr[512];
		long off, n, at, was;
		size_t klen, trlen;
		next = end != NULL ? end + 1 : line + strlen(line);
		if (t1 == NULL || t1 > next || (t2 = strchr(t1 + 1, '\t')) ==
		    NULL || t2 > next)
			continue;
		line_end = end != NULL ? end : next;
		if (line_end > t2 + 1 && line_end[-1] == '\r')
			line_end--;
		off = b64_number(t1 + 1, (size_t)(t2 - t1 - 1));
		n = b64_number(t2 + 1, (size_t)(line_end - t2 - 1));
		klen = (size_t)(t1 - line);
		if (off < 0 || n <= 0 || (size_t)(off + n) > dlen ||
		    klen > FAQ_WORD_MAX || memchr(line, ' ', klen) != NULL ||
		    (trlen = translations(dict + off, (size_t)n, tr,
		    sizeof(tr))) == 0)
			continue;
		for (size_t i = 0; i < klen; i++)
			key[i] = (char)(line[i] >= 'A' && line[i] <= 'Z' ?
			    line[i] + 32 : line[i]);
		key[klen] = '\0';
		/* A second entry of the word: its translations joined on. */
		if (arc_strmap_get(lx->english_words, key, klen, &was)) {
			char joined[512];
			int m = snprintf(joined, sizeof(joined), "%s, %s",
			    lx->english + was, tr);
			if (m < 0 || (size_t)m >= sizeof(joined))
				continue;
			at = add_translation(lx, joined, (size_t)m);
		} else {
			at = add_translation(lx, tr, trlen);
		}
		if (at < 0 || arc_strmap_put(lx->english_words, key, klen,
		    at) != ARC_OK)
			st = ARC_FATAL;
	}
	free(index);
	free(dict);
	/* Nothing read from it is no dictionary. */
	if (st == ARC_OK && arc_strmap_count(lx->english_words) == 0)
		st = ARC_ERR;
	return st;
}

void
faq_lexicon_free(struct faq_lexicon *lx)
{
	if (lx == NULL)
		return;
	free(lx->thesaurus);
	arc_strmap_free(lx->headwords);
	free(lx->english);
	arc_strmap_free(lx->english_words);
	free(lx);
}

int
arc_faq_load_lexicon(struct arc_faq *faq, const char *thesaurus,
    const char *dictionary, arc_diag_fn diag, void *ctx)
{
	char index[4096];
	size_t n;
	int st;

	if (faq->lexicon == NULL &&
	    (faq->lexicon = calloc(1, sizeof(*faq->lexicon))) == NULL)
		return ARC_FATAL;
	if (thesaurus != NULL) {
		st = load_thesaurus(faq->lexicon, thesaurus);
		if (st == ARC_FATAL)
			return ARC_FATAL;
		if (st != ARC_OK && diag != NULL)
			diag(ctx, thesaurus, 0, ARC_SEVERITY_WARNING,
			    _("cannot read the thesaurus; questions are "
			    "matched without its synonyms"));
	}
	if (dictionary != NULL) {
		/* words.dict.dz beside words.index */
		n = strlen(dictionary);
		if (n > 8 && strcmp(dictionary + n - 8, ".dict.dz") == 0 &&
		    n - 8 + 7 < sizeof(index))
			snprintf(index, sizeof(index), "%.*s.index",
			    (int)(n - 8), dictionary);
		else
			index[0] = '\0';
		st = index[0] != '\0' ? load_dictionary(faq->lexicon,
		    dictionary, index) : ARC_ERR;
		if (st == ARC_FATAL)
			return ARC_FATAL;
		if (st != ARC_OK && diag != NULL)
			diag(ctx, dictionary, 0, ARC_SEVERITY_WARNING,
			    _("cannot read the English-Indonesian dictionary "
			    "(NAME.dict.dz and NAME.index); English questions "
			    "are matched without it"));
	}
	return ARC_OK;
}

/* Calls fn with each word related to w: its thesaurus synonyms (and
 * opposites, which ask about the same thing: "tutup" for "buka"), or its
 * dictionary translations for an English w. */
static void
related(const struct faq_lexicon *lx, const char *w, int english,
    void (*fn)(void *arg, const char *word, size_t len), void *arg)
{
	const char *text, *p;
	long at, senses;
	int lines;

	if (english) {
		if (lx->english_words == NULL || !arc_strmap_get(
		    lx->english_words, w, strlen(w), &at))
			return;
		text = lx->english + at;
		lines = 1;
	} else {
		if (lx->headwords == NULL || !arc_strmap_get(lx->headwords, w,
		    strlen(w), &at))
			return;
		text = lx->thesaurus + at;
		p = strchr(text, '|');
		senses = p != NULL ? strtol(p + 1, NULL, 10) : 0;
		if ((text = strchr(text, '\n')) == NULL)
			return;
		text++;
		lines = senses > 0 && senses < 50 ? (int)senses : 0;
	}
	for (int l = 0; l < lines && *text != '\0'; l++) {
		const char *end = strchr(text, '\n');
		/* Fewer sense lines than the headword said: the next
		 * headword is no synonym. */
		if (!english && *text != '[')
			break;
		if (end == NULL)
			end = text + strlen(text);
		/* Words between separators; "[n]" and phrases of several
		 * words are no word to match. */
		for (p = text; p < end;) {
			size_t n = strcspn(p, english ? ",\n" : "|\n");
			const char *s = p;
			if (s + n > end)
				n = (size_t)(end - s);
			while (n > 0 && *s == ' ') {
				s++;
				n--;
			}
			while (n > 0 && s[n - 1] == ' ')
				n--;
			if (n > 0 && *s != '[' && memchr(s, ' ', n) == NULL)
				fn(arg, s, n);
			p += strcspn(p, english ? ",\n" : "|\n");
			if (p < end)
				p++;
		}
		text = *end != '\0' ? end + 1 : end;
	}
}

struct best_term {
	const struct arc_faq *faq;
	long id;
	int tried;
};

static void
keep_commonest(void *arg, const char *word, size_t len)
{
	struct best_term *b = arg;
	char w[FAQ_WORD_MAX + 1], term[FAQ_WORD_MAX + 1];
	long id;

	if (len > FAQ_WORD_MAX || b->tried >= RELATED_MAX)
		return;
	b->tried++;
	for (size_t i = 0; i < len; i++)
		w[i] = (char)(word[i] >= 'A' && word[i] <= 'Z' ? word[i] + 32 :
		    word[i]);
	w[len] = '\0';
	/* The related word is Indonesian: read as a phrasing's word is. */
	faq_term(b->faq, w, 0, term);
	/* The commonest in the answer files: a thesaurus lists every sense
	 * of a word, and its rare synonyms are its rare senses ("lenyap":
	 * "habis" as well as "hilang"). */
	if (arc_strmap_get(b->faq->terms, term, strlen(term), &id) &&
	    (b->id < 0 || b->faq->idf[id] < b->faq->idf[b->id]))
		b->id = id;
}

/* Calls fn with each word of words, joined by single spaces. */
static void
each_word(const char *words, void (*fn)(void *arg, const char *word,
    size_t len), void *arg)
{
	while (*words != '\0') {
		size_t n = strcspn(words, " ");
		if (n > 0)
			fn(arg, words, n);
		words += n + (words[n] == ' ');
	}
}

/* English word forms the dictionary lists under their base. */
static const char *const english_endings[][2] = {
	{ "ies", "y" }, { "ied", "y" }, { "es", "" }, { "s", "" },
	{ "ed", "" }, { "ed", "e" }, { "ing", "" }, { "ing", "e" },
	{ "d", "" },
};

long
faq_lexicon_term(const struct arc_faq *faq, const char *surface,
    const char *term, int english, int *listed_related)
{
	struct best_term b = { faq, -1, 0 };
	char base[FAQ_WORD_MAX + 1];
	size_t len = strlen(surface);
	long g;

	*listed_related = 0;
	if (len > FAQ_WORD_MAX)
		return -1;
	/* The synonyms list's related words first: an office's own.  A word
	 * of a group before a stem of another. */
	if (arc_strmap_get(faq->related_of, surface, len, &g) ||
	    arc_strmap_get(faq->related_of, term, strlen(term), &g) ||
	    arc_strmap_get(faq->related_stem_of, surface, len, &g) ||
	    arc_strmap_get(faq->related_stem_of, term, strlen(term), &g)) {
		each_word(faq->related[g], keep_commonest, &b);
		if (b.id >= 0) {
			*listed_related = 1;
			return b.id;
		}
		b.tried = 0;    /* the thesaurus's own RELATED_MAX */
	}
	if (faq->lexicon == NULL)
		return -1;
	related(faq->lexicon, surface, english, keep_commonest, &b);
	/* "diamputasi": the thesaurus has "amputasi". */
	if (b.id < 0 && !english && strcmp(term, surface) != 0)
		related(faq->lexicon, term, 0, keep_commonest, &b);
	if (b.id >= 0 || !english)
		return b.id;
	for (size_t i = 0; i < sizeof(english_endings) /
	    sizeof(english_endings[0]) && b.id < 0; i++) {
		const char *end = english_endings[i][0];
		size_t el = strlen(end);
		if (len <= el + 2 || strcmp(surface + len - el, end) != 0)
			continue;
		snprintf(base, sizeof(base), "%.*s%s", (int)(len - el),
		    surface, english_endings[i][1]);
		related(faq->lexicon, base, 1, keep_commonest, &b);
	}
	return b.id;
}
