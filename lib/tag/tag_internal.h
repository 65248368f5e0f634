/* tag_internal.h: the insides of the rule matching, shared by the files of lib/tag. */
#ifndef ARC_TAG_INTERNAL_H
#define ARC_TAG_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "arc_tag.h"

/* ---- Folded text (fold.c) ---- */

/*
 * Text as rules see it: lower case, and every run of white space (line
 * breaks, tabs, form feeds, no-break spaces) one space.  orig[i] is the
 * offset in the source of folded byte i, so that a match can be shown
 * where it really is.
 */
struct arc_folded {
	char *text;
	size_t len;
	uint32_t *orig;         /* len + 1 entries */
	const char *source;
	size_t source_len;
};

int arc_fold(const char *text, size_t len, struct arc_folded *f);
void arc_fold_free(struct arc_folded *f);
/* Folds a pattern, without white space at either end; malloc'd. */
char *arc_fold_string(const char *s);
/* Is the character starting at (or ending just before) byte i of s a
 * letter or digit? */
int arc_is_word_char_at(const char *s, size_t len, size_t i);
int arc_is_word_char_before(const char *s, size_t i);
/* Line number (from 1) of byte offset in text; \f starts a line too. */
long arc_line_of(const char *text, size_t offset);

/* ---- Keywords (ac.c) ---- */

struct arc_ac;
struct arc_ac *arc_ac_new(void);
void arc_ac_free(struct arc_ac *ac);
int arc_ac_add(struct arc_ac *ac, const char *bytes, size_t len, int id);
int arc_ac_compile(struct arc_ac *ac);
/* Calls hit for every keyword occurrence, [start, end) in text; a nonzero
 * return stops the scan. */
typedef int (*arc_ac_hit_fn)(void *ctx, int id, size_t start, size_t end);
int arc_ac_scan(const struct arc_ac *ac, const char *text, size_t len,
    arc_ac_hit_fn hit, void *ctx);

/* ---- Approximate matching (fuzzy.c) ---- */

#define ARC_FUZZY_MAX 64        /* bytes of a folded fuzzy pattern */

struct arc_fuzzy {
	uint64_t peq[256];
	size_t m;               /* pattern length */
	int k;                  /* edits allowed */
	char *pattern;
};

/* Prepares pattern (folded, 1 to ARC_FUZZY_MAX bytes) for at most k edits. */
void arc_fuzzy_init(struct arc_fuzzy *fz, char *pattern, int k);
/* Finds the first span of text within k edits of the pattern: returns 1
 * and sets [*start, *end), or 0. */
int arc_fuzzy_find(const struct arc_fuzzy *fz, const char *text, size_t len,
    size_t *start, size_t *end, int *edits);

/* ---- Rules (rules.c) ---- */

enum rule_kind { KIND_ANY, KIND_ALL, KIND_EXACT, KIND_REGEX, KIND_FUZZY };

struct rule {
	char *label;            /* the tag, or the field's name */
	int is_field;           /* "field:NAME": a value, not a tag */
	enum rule_kind kind;
	const char *file;       /* borrowed from the rule set's file list */
	long line;
	char *pattern;          /* as written */
	int first_term, nterms; /* any, all, exact: terms[first, first+n) */
	pcre2_code *re;         /* regex */
	int captures;
	struct arc_fuzzy fuzzy; /* fuzzy */
	int tag;                /* index among the distinct tags */
};

struct term {
	char *folded;
	size_t len;
	int rule;
};

/* A piece of a fuzzy pattern: of k + 1 pieces, a span within k edits
 * holds at least one exactly, so only around them need Myers look. */
struct seed {
	int rule;
};

struct arc_rules {
	struct rule *rules;
	int nrules;
	size_t cap_rules;
	struct term *terms;
	int nterms;
	size_t cap_terms;
	struct seed *seeds;     /* keyword ids nterms + i */
	int nseeds;
	char **files;
	int nfiles;
	size_t cap_files;
	char **tags;            /* distinct tags, in order of first rule */
	int ntags;
	struct arc_ac *ac;
};

const char *arc_rule_kind_name(int kind);

/* ---- Built-in fields (extract.c) ---- */

/*
 * Adds the fields arc finds in any Indonesian office paper: "nomor" (the
 * letter number), "perihal" (its subject), "tanggal" (the paper's date,
 * ISO 8601), "nik" and
 * "registrasi" (arrays).  With notes, explains each (see arc_tag_record).
 */
int arc_extract_fields(const char *text, size_t len, json_t *fields,
    json_t *notes, const char *doc);

/* Is this 16-digit string a possible NIK: a province that exists, a
 * regency, district and date of birth (day + 40 for women) that can be? */
int arc_nik_valid(const char *digits);

/* How long a regex may search one text (PCRE2's match limit). */
#define ARC_REGEX_MATCH_LIMIT 500000

#endif
