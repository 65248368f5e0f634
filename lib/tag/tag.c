/* tag.c: a record's tags and fields from the rules: keywords in one pass, then regex and fuzzy rules, then fields. */
#include <stdlib.h>
#include <string.h>

#include "arc_i18n.h"
#include "tag_internal.h"

/* Places a fuzzy rule is looked for around, at most; beyond, the whole
 * text is scanned. */
#define SEEDS_MAX 16
/* Characters of matched text shown by --explain. */
#define EXCERPT_MAX 60

struct arc_tagger {
	const struct arc_rules *rs;
	unsigned gen;              /* this document's number: marks below
	                            * older than it count as unset */
	unsigned *term_gen;
	size_t *term_start, *term_end;     /* first find, folded offsets */
	unsigned *label_gen;
	int *undecided;            /* rules whose regex gave up */
	/* Per fuzzy rule: where its pieces were seen (folded offsets);
	 * count SEEDS_MAX + 1 means too many to list: scan it all. */
	unsigned *seed_gen;
	int *seed_count;
	size_t *seed_at;           /* nrules x SEEDS_MAX */
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *stack;
	struct arc_folded f;
	/* This document's notes (explanations, warnings), or NULL. */
	json_t *notes;
	const char *doc;
};

struct arc_tagger *
arc_tagger_new(const struct arc_rules *rs)
{
	struct arc_tagger *t = calloc(1, sizeof(*t));
	size_t nt = (size_t)rs->nterms + 1, nl = (size_t)rs->ntags + 1;

	if (t == NULL)
		return NULL;
	t->rs = rs;
	t->term_gen = calloc(nt, sizeof(*t->term_gen));
	t->term_start = calloc(nt, sizeof(*t->term_start));
	t->term_end = calloc(nt, sizeof(*t->term_end));
	t->label_gen = calloc(nl, sizeof(*t->label_gen));
	t->undecided = calloc((size_t)rs->nrules + 1, sizeof(*t->undecided));
	t->seed_gen = calloc((size_t)rs->nrules + 1, sizeof(*t->seed_gen));
	t->seed_count = calloc((size_t)rs->nrules + 1, sizeof(*t->seed_count));
	t->seed_at = calloc(((size_t)rs->nrules + 1) * SEEDS_MAX,
	    sizeof(*t->seed_at));
	t->md = pcre2_match_data_create(32, NULL);
	t->mc = pcre2_match_context_create(NULL);
	t->stack = pcre2_jit_stack_create(32 << 10, 1 << 20, NULL);
	if (t->term_gen == NULL || t->term_start == NULL ||
	    t->term_end == NULL || t->label_gen == NULL ||
	    t->undecided == NULL || t->seed_gen == NULL ||
	    t->seed_count == NULL || t->seed_at == NULL || t->md == NULL ||
	    t->mc == NULL || t->stack == NULL) {
		arc_tagger_free(t);
		return NULL;
	}
	pcre2_set_match_limit(t->mc, ARC_REGEX_MATCH_LIMIT);
	pcre2_set_depth_limit(t->mc, ARC_REGEX_MATCH_LIMIT / 10);
	pcre2_jit_stack_assign(t->mc, NULL, t->stack);
	return t;
}

void
arc_tagger_free(struct arc_tagger *t)
{
	if (t == NULL)
		return;
	free(t->term_gen);
	free(t->term_start);
	free(t->term_end);
	free(t->label_gen);
	free(t->undecided);
	free(t->seed_gen);
	free(t->seed_count);
	free(t->seed_at);
	pcre2_match_data_free(t->md);
	pcre2_match_context_free(t->mc);
	pcre2_jit_stack_free(t->stack);
	free(t);
}

/* ---- notes ---- */

static void
note(struct arc_tagger *t, const char *file, long line, int warning,
    const char *msg)
{
	if (t->notes != NULL)
		json_array_append_new(t->notes, json_pack("{s:s?,s:i,s:b,s:s}",
		    "file", file, "line", (json_int_t)line, "warning", warning,
		    "message", msg));
}

/* Whether c can be part of a NIK as people write it (in groups, across
 * lines too). */
static int
nik_part(char c)
{
	return (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '-' ||
	    (c >= '\t' && c <= '\r');
}

/*
 * The source text between two offsets, white space folded, NIKs masked,
 * shortened.  Masked before it is cut, and with the digits around the
 * match, so that neither the cut nor a match that starts or ends inside a
 * NIK shows part of one.
 */
static void
excerpt(const char *text, size_t len, size_t start, size_t end, char *out,
    size_t cap)
{
	size_t from = start, to = end, n = 0, a = 0, b = 0, k;
	char *buf;

	while (from > 0 && start - from < 40 && nik_part(text[from - 1]))
		from--;
	while (to < len && to - end < 40 && nik_part(text[to]))
		to++;
	out[0] = '\0';
	if ((buf = malloc(to - from + 1)) == NULL)
		return;
	for (size_t i = from; i < to; i++) {
		unsigned char c = (unsigned char)text[i];
		if (i == start)
			a = n;
		if (i == end)
			b = n;
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			c = ' ';
		if (c != ' ' || (n > 0 && buf[n - 1] != ' '))
			buf[n++] = (char)c;
	}
	if (end == to)
		b = n;
	buf[n] = '\0';
	arc_mask_nik(buf);
	while (a < b && buf[a] == ' ')
		a++;
	while (b > a && buf[b - 1] == ' ')
		b--;
	/* Cut at the first character past EXCERPT_MAX bytes. */
	for (k = a; k < b; k++)
		if (k - a >= EXCERPT_MAX && buf[k] != ' ' &&
		    ((unsigned char)buf[k] & 0xc0) != 0x80)
			break;
	if (k - a > cap - 4)
		k = a + cap - 4;
	memcpy(out, buf + a, k - a);
	n = k - a;
	if (k < b) {
		memcpy(out + n, "...", 3);
		n += 3;
	}
	free(buf);
	/* Never end inside a UTF-8 sequence. */
	n = arc_utf8_valid_prefix(out, n);
	out[n] = '\0';
}

static void
explain_match(struct arc_tagger *t, const struct rule *r, size_t start,
    size_t end)
{
	char text[EXCERPT_MAX * 4 + 8], msg[900];
	const char *label = t->rs->tags[r->tag] + 1;

	excerpt(t->f.source, t->f.source_len, start, end, text,
	    sizeof(text));
	/* TRANSLATORS: --explain: tag LABEL: RULEFILE:LINE (KIND), the line
	 * of the document and the text matched.  KIND is a rule's kind
	 * (any, all, exact, regex, fuzzy), as written in rule files. */
	arc_mask_format(msg, sizeof(msg), r->is_field ?
	    _("field %s: %s:%ld (%s), line %ld: \"%s\"") :
	    _("tag %s: %s:%ld (%s), line %ld: \"%s\""), label, r->file,
	    r->line, arc_rule_kind_name(r->kind),
	    arc_line_of(t->f.source, start), text);
	note(t, t->doc, 0, 0, msg);
}

/* ---- keywords ---- */

/* A piece of a fuzzy pattern seen: remember where, for fuzzy_rule. */
static void
seed_hit(struct arc_tagger *t, int rule, size_t start)
{
	if (t->seed_gen[rule] != t->gen) {
		t->seed_gen[rule] = t->gen;
		t->seed_count[rule] = 0;
	}
	if (t->seed_count[rule] < SEEDS_MAX)
		t->seed_at[(size_t)rule * SEEDS_MAX +
		    (size_t)t->seed_count[rule]] = start;
	if (t->seed_count[rule] <= SEEDS_MAX)
		t->seed_count[rule]++;
}

static int
keyword_hit(void *ctx, int id, size_t start, size_t end)
{
	struct arc_tagger *t = ctx;

	if (id >= t->rs->nterms) {
		seed_hit(t, t->rs->seeds[id - t->rs->nterms].rule, start);
		return 0;
	}
	if (t->term_gen[id] == t->gen)
		return 0;
	/* A keyword counts only as a whole: no letter or digit either side. */
	if (arc_is_word_char_before(t->f.text, start) ||
	    arc_is_word_char_at(t->f.text, t->f.len, end))
		return 0;
	t->term_gen[id] = t->gen;
	t->term_start[id] = start;
	t->term_end[id] = end;
	return 0;
}

static int
term_found(const struct arc_tagger *t, int term)
{
	return t->term_gen[term] == t->gen;
}

/* Does an any, all or exact rule match?  Its evidence is the first term
 * found (any, exact), or the earliest of its terms (all). */
static int
keyword_rule(struct arc_tagger *t, const struct rule *r, size_t *start,
    size_t *end)
{
	int found = -1;

	for (int i = r->first_term; i < r->first_term + r->nterms; i++) {
		if (!term_found(t, i)) {
			if (r->kind == KIND_ALL)
				return 0;
			continue;
		}
		if (found < 0 || t->term_start[i] < t->term_start[found])
			found = i;
	}
	if (found < 0)
		return 0;
	*start = t->f.orig[t->term_start[found]];
	*end = t->f.orig[t->term_end[found]];
	return 1;
}

/* ---- fuzzy ---- */

/*
 * A fuzzy rule is looked for only around the pieces of its pattern seen in
 * the text: a span within k edits holds one of its k + 1 pieces exactly.
 * Sets the match's source offsets; 1 found, 0 not.
 */
static int
fuzzy_rule(struct arc_tagger *t, int i, size_t *start, size_t *end)
{
	const struct arc_fuzzy *fz = &t->rs->rules[i].fuzzy;
	size_t reach = fz->m + (size_t)fz->k, s, e, from, to;
	int edits, n;

	if (t->seed_gen[i] != t->gen)
		return 0;
	n = t->seed_count[i];
	for (int j = 0; j < (n > SEEDS_MAX ? 1 : n); j++) {
		if (n > SEEDS_MAX) {
			from = 0;
			to = t->f.len;
		} else {
			size_t at = t->seed_at[(size_t)i * SEEDS_MAX +
			    (size_t)j];
			from = at > reach ? at - reach : 0;
			to = at + reach < t->f.len ? at + reach : t->f.len;
		}
		if (arc_fuzzy_find(fz, t->f.text + from, to - from, &s, &e,
		    &edits)) {
			*start = t->f.orig[from + s];
			*end = t->f.orig[from + e];
			return 1;
		}
	}
	return 0;
}

/* ---- regex ---- */

/* Runs a regex over the source; 1 match, 0 none, -1 cut off (a warning
 * naming the rule and document is noted). */
static int
regex_rule(struct arc_tagger *t, const struct rule *r, size_t *start,
    size_t *end)
{
	int rc = pcre2_match(r->re, (PCRE2_SPTR)t->f.source, t->f.source_len,
	    0, PCRE2_NO_UTF_CHECK, t->md, t->mc);
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(t->md);
	char msg[800];

	if (rc >= 0) {
		int g = r->is_field && r->captures >= 1 && rc > 1 &&
		    ov[2] != PCRE2_UNSET ? 1 : 0;
		*start = ov[2 * g];
		*end = ov[2 * g + 1];
		return 1;
	}
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
		arc_mask_format(msg, sizeof(msg), r->is_field ?
		    _("%s: regex for field '%s' gave up (too much "
		    "backtracking): undecided, not 'no match'") :
		    _("%s: regex for tag '%s' gave up (too much "
		    "backtracking): undecided, not 'no match'"), t->doc,
		    r->label);
	else {
		PCRE2_UCHAR why[200];
		pcre2_get_error_message(rc, why, sizeof(why));
		arc_mask_format(msg, sizeof(msg), r->is_field ?
		    _("%s: regex for field '%s' failed: %s") :
		    _("%s: regex for tag '%s' failed: %s"), t->doc, r->label,
		    (char *)why);
	}
	note(t, r->file, r->line, 1, msg);
	return -1;
}

/* ---- the record ---- */

/* Sets fields[label] from source[start, end), white space folded. */
static int
set_field(json_t *fields, const char *label, const char *src, size_t start,
    size_t end)
{
	char *value = malloc(end - start + 1);
	size_t n = 0;
	int space = 0, st;

	if (value == NULL)
		return ARC_FATAL;
	for (size_t i = start; i < end; i++) {
		unsigned char c = (unsigned char)src[i];
		if (c == ' ' || (c >= '\t' && c <= '\r')) {
			space = 1;
			continue;
		}
		if (space && n > 0)
			value[n++] = ' ';
		space = 0;
		value[n++] = (char)c;
	}
	value[n] = '\0';
	st = n == 0 ? ARC_OK :
	    json_object_set_new(fields, label, json_string(value)) == 0 ?
	    ARC_OK : ARC_FATAL;
	free(value);
	return st;
}

static int
tag_text(struct arc_tagger *t, json_t *tags, json_t *fields, int explain,
    json_t *undecided)
{
	const struct arc_rules *rs = t->rs;
	size_t start, end;
	int pass, i, m, nundecided = 0;

	arc_ac_scan(rs->ac, t->f.text, t->f.len, keyword_hit, t);
	/* Keywords first, then the dearer kinds for the labels still open. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < rs->nrules; i++) {
			const struct rule *r = &rs->rules[i];
			int keyword = r->kind == KIND_ANY ||
			    r->kind == KIND_ALL || r->kind == KIND_EXACT;
			if (keyword != (pass == 0) ||
			    t->label_gen[r->tag] == t->gen)
				continue;
			if (keyword)
				m = keyword_rule(t, r, &start, &end);
			else if (r->kind == KIND_REGEX)
				m = regex_rule(t, r, &start, &end);
			else
				m = fuzzy_rule(t, i, &start, &end);
			if (m < 0)
				t->undecided[nundecided++] = i;
			if (m <= 0)
				continue;
			t->label_gen[r->tag] = t->gen;
			if (r->is_field) {
				if (set_field(fields, r->label, t->f.source,
				    start, end) != ARC_OK)
					return ARC_FATAL;
			} else if (json_array_append_new(tags,
			    json_string(r->label)) != 0)
				return ARC_FATAL;
			if (explain)
				explain_match(t, r, start, end);
		}
	}
	/* A rule that gave up matters only if no other rule decided. */
	for (i = 0; i < nundecided; i++) {
		const struct rule *r = &rs->rules[t->undecided[i]];
		char where[600];
		if (t->label_gen[r->tag] == t->gen)
			continue;
		arc_mask_format(where, sizeof(where), "%s:%ld", r->file,
		    r->line);
		if (json_array_append_new(undecided, json_string(where)) != 0)
			return ARC_FATAL;
	}
	return ARC_OK;
}

int
arc_tag_record(struct arc_tagger *t, json_t *rec, const char *doc,
    json_t *notes, int explain, struct arc_error *err)
{
	json_t *jtext = json_object_get(rec, "text");
	json_t *tags = json_array(), *fields = json_object();
	json_t *undecided = json_array();
	const char *text = json_string_value(jtext);
	size_t len = json_string_length(jtext);
	int st = ARC_FATAL;

	if (tags == NULL || fields == NULL || undecided == NULL)
		goto out;
	if (jtext != NULL && text == NULL) {
		st = arc_error_set(err, "\"text\" is not a string");
		goto out;
	}
	if (text == NULL) {
		text = "";
		len = 0;
	}
	/* A wrapped generation number would make old marks look new. */
	if (++t->gen == 0) {
		memset(t->term_gen, 0, (size_t)(t->rs->nterms + 1) *
		    sizeof(*t->term_gen));
		memset(t->label_gen, 0, (size_t)(t->rs->ntags + 1) *
		    sizeof(*t->label_gen));
		memset(t->seed_gen, 0, (size_t)(t->rs->nrules + 1) *
		    sizeof(*t->seed_gen));
		t->gen = 1;
	}
	t->notes = notes;
	t->doc = doc;
	if (arc_fold(text, len, &t->f) != ARC_OK)
		goto out;
	if (arc_extract_fields(text, len, fields, explain ? notes : NULL,
	    doc) != ARC_OK || tag_text(t, tags, fields, explain, undecided) !=
	    ARC_OK) {
		arc_fold_free(&t->f);
		goto out;
	}
	arc_fold_free(&t->f);
	if (explain && json_array_size(tags) == 0)
		note(t, doc, 0, 0, _("no tag"));
	if (json_object_set(rec, "tags", tags) != 0 ||
	    json_object_set(rec, "fields", fields) != 0)
		goto out;
	if (json_array_size(undecided) > 0) {
		if (json_object_set(rec, "tags_undecided", undecided) != 0)
			goto out;
	} else
		json_object_del(rec, "tags_undecided");
	st = ARC_OK;
out:
	if (st == ARC_FATAL)
		arc_error_set(err, "out of memory");
	json_decref(tags);
	json_decref(fields);
	json_decref(undecided);
	t->notes = NULL;
	return st;
}
