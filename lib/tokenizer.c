/* tokenizer.c: the archive's FTS5 tokenizer: words, lower case, Snowball stems in the document's language. */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include <libstemmer.h>

#include "store.h"

/* Longer runs of letters are not words anyone searches for. */
#define WORD_MAX 64

struct tokenizer {
	struct sb_stemmer *ind, *eng;
};

size_t
arc_next_word(const char *text, size_t len, size_t from, size_t *start,
    char *word, size_t *wlen)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = from, n = 0;

	*wlen = 0;
	for (;;) {
		/* Skip what is not a letter or digit. */
		while (i < len) {
			size_t k;
			unsigned long cp = arc_utf8_decode(s + i, len - i, &k);
			if (cp < 0x80 ? ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ||
			    (cp >= '0' && cp <= '9') : iswalnum((wint_t)cp))
				break;
			i += k;
		}
		if (i >= len)
			return len;
		*start = i;
		n = 0;
		while (i < len) {
			size_t k;
			unsigned long cp = arc_utf8_decode(s + i, len - i, &k);
			int alnum = cp < 0x80 ? ((cp | 0x20) >= 'a' &&
			    (cp | 0x20) <= 'z') || (cp >= '0' && cp <= '9') :
			    iswalnum((wint_t)cp);
			if (!alnum)
				break;
			if (cp < 0x80) {
				if (n < WORD_MAX)
					word[n++] = (char)(cp >= 'A' && cp <= 'Z' ?
					    cp + 32 : cp);
			} else {
				char buf[4];
				size_t m = arc_utf8_encode((unsigned long)
				    towlower((wint_t)cp), buf);
				if (n + m <= WORD_MAX) {
					memcpy(word + n, buf, m);
					n += m;
				}
			}
			i += k;
		}
		*wlen = n;
		return i;
	}
}

static int
has_digit(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] >= '0' && w[i] <= '9')
			return 1;
	return 0;
}

/* The stem of a word; numbers and codes are kept as they are. */
static const char *
stem(struct sb_stemmer *st, const char *w, size_t n, int *len)
{
	const sb_symbol *out;

	if (st == NULL || has_digit(w, n)) {
		*len = (int)n;
		return w;
	}
	out = sb_stemmer_stem(st, (const sb_symbol *)w, (int)n);
	/* A stem is never longer than its word; if one were, the word. */
	if (out == NULL || sb_stemmer_length(st) > WORD_MAX) {
		*len = (int)n;
		return w;
	}
	*len = sb_stemmer_length(st);
	return (const char *)out;
}

static int
create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	struct tokenizer *t = calloc(1, sizeof(*t));

	(void)ctx;
	(void)args;
	(void)nargs;
	if (t == NULL)
		return SQLITE_NOMEM;
	t->ind = sb_stemmer_new("indonesian", "UTF_8");
	t->eng = sb_stemmer_new("english", "UTF_8");
	if (t->ind == NULL || t->eng == NULL) {
		sb_stemmer_delete(t->ind);
		sb_stemmer_delete(t->eng);
		free(t);
		return SQLITE_ERROR;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
destroy(Fts5Tokenizer *tok)
{
	struct tokenizer *t = (struct tokenizer *)tok;

	sb_stemmer_delete(t->ind);
	sb_stemmer_delete(t->eng);
	free(t);
}

/*
 * A document's text starts with a marker naming its language
 * (ARC_LANG_MARK "ind ", "eng " or "raw "): its words are indexed by their
 * stems in that language, or as they are.  A query's words are looked up
 * as written and by both stems at once (colocated tokens), since a query
 * does not say its language: "pelayanan" finds "layanan" in an Indonesian
 * letter, "services" finds "service" in an English one.
 */
static int
tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
    int (*emit)(void *, int, const char *, int, int, int))
{
	struct tokenizer *t = (struct tokenizer *)tok;
	struct sb_stemmer *doc_stemmer = t->ind;
	struct sb_stemmer *q1 = t->ind, *q2 = t->eng;
	size_t n = (size_t)len, at = 0, start, wlen;
	char word[WORD_MAX + 1], first[WORD_MAX + 1];
	int query = (flags & FTS5_TOKENIZE_QUERY) != 0, rc;

	if (n >= 5 && text[0] == ARC_LANG_MARK) {
		if (memcmp(text + 1, "eng ", 4) == 0)
			doc_stemmer = t->eng;
		else if (memcmp(text + 1, "raw ", 4) == 0)
			doc_stemmer = NULL;
		/* A query whose language is known looks up that stem only:
		 * the other language's stemmer mangles foreign words into
		 * false matches ("between" into "tween"). */
		if (memcmp(text + 1, "eng ", 4) == 0)
			q1 = NULL;
		else if (memcmp(text + 1, "ind ", 4) == 0)
			q2 = NULL;
		at = 5;
	}
	while ((at = arc_next_word(text, n, at, &start, word, &wlen)) <= n &&
	    wlen > 0) {
		const char *s;
		int slen, flen;

		if (!query) {
			s = stem(doc_stemmer, word, wlen, &slen);
			if ((rc = emit(ctx, 0, s, slen, (int)start, (int)at)) !=
			    SQLITE_OK)
				return rc;
			continue;
		}
		if ((rc = emit(ctx, 0, word, (int)wlen, (int)start, (int)at)) !=
		    SQLITE_OK)
			return rc;
		flen = 0;
		if (q1 != NULL) {
			s = stem(q1, word, wlen, &slen);
			memcpy(first, s, (size_t)slen);
			flen = slen;
			if ((slen != (int)wlen || memcmp(s, word, wlen) != 0) &&
			    (rc = emit(ctx, FTS5_TOKEN_COLOCATED, first, flen,
			    (int)start, (int)at)) != SQLITE_OK)
				return rc;
		}
		if (q2 == NULL)
			continue;
		s = stem(q2, word, wlen, &slen);
		if ((slen != (int)wlen || memcmp(s, word, wlen) != 0) &&
		    (slen != flen || memcmp(s, first, (size_t)flen) != 0) &&
		    (rc = emit(ctx, FTS5_TOKEN_COLOCATED, s, slen, (int)start,
		    (int)at)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

int
arc_register_tokenizer(sqlite3 *db)
{
	static fts5_tokenizer methods = { create, destroy, tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		return SQLITE_ERROR;
	rc = api->xCreateTokenizer(api, "arc", NULL, &methods, NULL);
	return rc;
}
