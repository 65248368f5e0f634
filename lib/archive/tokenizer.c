/* tokenizer.c: the archive's FTS5 tokenizer over the words words.c makes. */
#include <stdlib.h>
#include <string.h>

#include "store.h"

static int
create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	struct arc_stemmers *t = calloc(1, sizeof(*t));

	(void)ctx;
	(void)args;
	(void)nargs;
	if (t == NULL)
		return SQLITE_NOMEM;
	if (arc_stemmers_init(t) != ARC_OK) {
		free(t);
		return SQLITE_ERROR;
	}
	*out = (Fts5Tokenizer *)t;
	return SQLITE_OK;
}

static void
destroy(Fts5Tokenizer *tok)
{
	arc_stemmers_done((struct arc_stemmers *)tok);
	free(tok);
}

/* A document's words come made by arc_index_words (on the indexer's
 * worker threads, not in the one writer): split at the spaces. */
static int
document_words(void *ctx, const char *text, int len,
    int (*emit)(void *, int, const char *, int, int, int))
{
	int at = 0, rc;

	while (at < len) {
		int end = at;
		while (end < len && text[end] != ' ')
			end++;
		if (end > at && (rc = emit(ctx, 0, text + at, end - at, at,
		    end)) != SQLITE_OK)
			return rc;
		at = end + 1;
	}
	return SQLITE_OK;
}

int
arc_word_forms(struct arc_stemmers *st, int ind, int eng, const char *word,
    size_t wlen, char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1],
    size_t lens[ARC_FORMS_MAX])
{
	struct sb_stemmer *which[2] = { ind ? st->ind : NULL,
	    eng ? st->eng : NULL };
	int n = 1;

	memcpy(forms[0], word, wlen);
	lens[0] = wlen;
	for (int k = 0; k < 2; k++) {
		const char *s;
		int slen, seen = 0;

		if (which[k] == NULL)
			continue;
		s = arc_stem(which[k], word, wlen, &slen);
		for (int i = 0; i < n; i++)
			seen |= lens[i] == (size_t)slen &&
			    memcmp(forms[i], s, (size_t)slen) == 0;
		if (seen)
			continue;
		memcpy(forms[n], s, (size_t)slen);
		lens[n++] = (size_t)slen;
	}
	return n;
}

/*
 * A query's words are looked up as written and by both stems at once
 * (colocated tokens), since a query does not say its language:
 * "pelayanan" finds "layanan" in an Indonesian letter, "services" finds
 * "service" in an English one.  A query may start with a marker naming
 * its language (ARC_LANG_MARK "ind " or "eng "): then that stem only.
 */
static int
tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text, int len,
    int (*emit)(void *, int, const char *, int, int, int))
{
	struct arc_stemmers *t = (struct arc_stemmers *)tok;
	int ind = 1, eng = 1;
	size_t n = (size_t)len, at = 0, start, wlen;
	char word[ARC_WORD_MAX + 1];
	char forms[ARC_FORMS_MAX][ARC_WORD_MAX + 1];
	size_t lens[ARC_FORMS_MAX];
	int rc;

	if ((flags & FTS5_TOKENIZE_QUERY) == 0)
		return document_words(ctx, text, len, emit);
	if (n >= 5 && text[0] == ARC_LANG_MARK) {
		/* The other language's stemmer mangles foreign words into
		 * false matches ("between" into "tween"). */
		if (memcmp(text + 1, "eng ", 4) == 0)
			ind = 0;
		else if (memcmp(text + 1, "ind ", 4) == 0)
			eng = 0;
		at = 5;
	}
	while ((at = arc_next_word(text, n, at, &start, word, &wlen)) <= n &&
	    wlen > 0) {
		int nforms = arc_word_forms(t, ind, eng, word, wlen, forms,
		    lens);
		for (int i = 0; i < nforms; i++)
			if ((rc = emit(ctx, i == 0 ? 0 : FTS5_TOKEN_COLOCATED,
			    forms[i], (int)lens[i], (int)start, (int)at)) !=
			    SQLITE_OK)
				return rc;
	}
	return SQLITE_OK;
}

int
arc_register_fts5(sqlite3 *db)
{
	static fts5_tokenizer methods = { create, destroy, tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL)
		return SQLITE_ERROR;
	if (api->xCreateTokenizer(api, "arc", NULL, &methods, NULL) !=
	    SQLITE_OK)
		return SQLITE_ERROR;
	return arc_register_rank(api);
}
