/* rules.c: reading rule files (TAG KIND PATTERN), refusing a broken one whole, and linting them. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arc_i18n.h"
#include "tag_internal.h"

/* A rule line longer than this is surely not a rule. */
#define RULE_LINE_MAX 8192

static const char *const kind_names[] = {
	[KIND_ANY] = "any", [KIND_ALL] = "all", [KIND_EXACT] = "exact",
	[KIND_REGEX] = "regex", [KIND_FUZZY] = "fuzzy",
};

const char *
arc_rule_kind_name(int kind)
{
	return kind_names[kind];
}

struct loader {
	struct arc_rules *rs;
	struct arc_place at;
};

struct arc_rules *
arc_rules_new(void)
{
	return calloc(1, sizeof(struct arc_rules));
}

static void
rule_clear(struct rule *r)
{
	free(r->label);
	free(r->pattern);
	free(r->fuzzy.pattern);
	pcre2_code_free(r->re);
}

void
arc_rules_free(struct arc_rules *rs)
{
	if (rs == NULL)
		return;
	for (int i = 0; i < rs->nrules; i++)
		rule_clear(&rs->rules[i]);
	for (int i = 0; i < rs->nterms; i++)
		free(rs->terms[i].folded);
	for (int i = 0; i < rs->nfiles; i++)
		free(rs->files[i]);
	for (int i = 0; i < rs->ntags; i++)
		free(rs->tags[i]);
	free(rs->rules);
	free(rs->terms);
	free(rs->seeds);
	free(rs->files);
	free(rs->tags);
	arc_ac_free(rs->ac);
	free(rs);
}

int
arc_rules_count(const struct arc_rules *rs)
{
	return rs->nrules;
}

static int
add_term(struct arc_rules *rs, int rule, const char *text, size_t len)
{
	char *raw = strndup(text, len), *folded;

	if (raw == NULL)
		return ARC_FATAL;
	folded = arc_fold_string(raw);
	free(raw);
	if (folded == NULL)
		return ARC_FATAL;
	if (*folded == '\0') {
		free(folded);
		return ARC_ERR;
	}
	if (arc_grow(&rs->terms, &rs->cap_terms, (size_t)rs->nterms, 1,
	    sizeof(*rs->terms)) != ARC_OK) {
		free(folded);
		return ARC_FATAL;
	}
	rs->terms[rs->nterms++] = (struct term){ folded, strlen(folded), rule };
	return ARC_OK;
}

/* Splits an any/all pattern into words and "quoted phrases". */
static int
parse_terms(struct loader *l, struct rule *r, int index)
{
	const char *p = r->pattern;
	int st;

	r->first_term = l->rs->nterms;
	while (*p != '\0') {
		const char *start, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (*p == '"') {
			start = ++p;
			if ((end = strchr(start, '"')) == NULL) {
				arc_place_error(&l->at,
				    "unterminated quoted phrase");
				return ARC_ERR;
			}
			p = end + 1;
			if (*p != '\0' && *p != ' ' && *p != '\t') {
				arc_place_error(&l->at, "a quoted phrase must "
				    "be followed by a space");
				return ARC_ERR;
			}
		} else {
			start = p;
			while (*p != '\0' && *p != ' ' && *p != '\t')
				p++;
			end = p;
		}
		if ((st = add_term(l->rs, index, start,
		    (size_t)(end - start))) == ARC_FATAL)
			return ARC_FATAL;
		if (st == ARC_ERR) {
			arc_place_error(&l->at, "empty phrase");
			return ARC_ERR;
		}
		r->nterms++;
	}
	return ARC_OK;
}

static int
compile_regex(struct loader *l, struct rule *r)
{
	int code;
	PCRE2_SIZE offset;
	uint32_t captures = 0;

	r->re = pcre2_compile((PCRE2_SPTR)r->pattern, PCRE2_ZERO_TERMINATED,
	    PCRE2_UTF | PCRE2_UCP | PCRE2_MULTILINE | PCRE2_CASELESS, &code,
	    &offset, NULL);
	if (r->re == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(code, msg, sizeof(msg));
		arc_place_error(&l->at, "regex: %s at character %zu",
		    (char *)msg, (size_t)offset + 1);
		return ARC_ERR;
	}
	/* Without JIT (not built for this machine) it still works, slower. */
	pcre2_jit_compile(r->re, PCRE2_JIT_COMPLETE);
	pcre2_pattern_info(r->re, PCRE2_INFO_CAPTURECOUNT, &captures);
	r->captures = (int)captures;
	return ARC_OK;
}

static int
valid_label(const char *s, int field)
{
	if (*s == '\0')
		return 0;
	for (const char *p = s; *p != '\0'; p++) {
		int alnum = (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') ||
		    (!field && *p >= 'A' && *p <= 'Z');
		if (!alnum && !(*p == '_' || (!field && (*p == '-' ||
		    *p == '.' || *p == '/'))))
			return 0;
	}
	return (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') ||
	    (s[0] >= '0' && s[0] <= '9');
}

static int
parse_line(struct loader *l, char *line)
{
	struct arc_rules *rs = l->rs;
	char *label, *kind, *pattern, *end;
	struct rule r = { 0 };
	int k, st;

	while (*line == ' ' || *line == '\t')
		line++;
	if (*line == '\0' || *line == '#')
		return ARC_OK;
	end = line + strlen(line);
	while (end > line && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	label = line;
	kind = label + strcspn(label, " \t");
	if (*kind != '\0')
		*kind++ = '\0';
	kind += strspn(kind, " \t");
	pattern = kind + strcspn(kind, " \t");
	if (*pattern != '\0')
		*pattern++ = '\0';
	pattern += strspn(pattern, " \t");
	if (*kind == '\0' || *pattern == '\0') {
		arc_place_error(&l->at, "expected TAG KIND PATTERN");
		return ARC_ERR;
	}
	for (k = 0; k <= KIND_FUZZY; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			break;
	if (k > KIND_FUZZY) {
		arc_place_error(&l->at, "unknown kind '%s' (any, all, exact, "
		    "regex or fuzzy)", kind);
		return ARC_ERR;
	}
	r.kind = (enum rule_kind)k;
	r.file = rs->files[rs->nfiles - 1];
	r.line = l->at.line;
	if (strncmp(label, "field:", 6) == 0) {
		r.is_field = 1;
		label += 6;
		if (!valid_label(label, 1)) {
			arc_place_error(&l->at, "a field name is lower-case "
			    "letters, digits and _: '%s'", label);
			return ARC_ERR;
		}
		if (r.kind != KIND_REGEX) {
			arc_place_error(&l->at, "a field rule must be a regex, "
			    "whose first group (or whole match) is the value");
			return ARC_ERR;
		}
	} else if (!valid_label(label, 0)) {
		arc_place_error(&l->at, "a tag is letters, digits, '-', '_', "
		    "'.' and '/', starting with a letter or digit: '%s'",
		    label);
		return ARC_ERR;
	}
	if ((r.label = strdup(label)) == NULL ||
	    (r.pattern = strdup(pattern)) == NULL) {
		rule_clear(&r);
		return ARC_FATAL;
	}
	switch (r.kind) {
	case KIND_ANY:
	case KIND_ALL:
		st = parse_terms(l, &r, rs->nrules);
		break;
	case KIND_EXACT:
		r.first_term = rs->nterms;
		r.nterms = 1;
		st = add_term(rs, rs->nrules, pattern, strlen(pattern));
		if (st == ARC_ERR)
			arc_place_error(&l->at, "empty phrase");
		break;
	case KIND_REGEX:
		st = compile_regex(l, &r);
		break;
	case KIND_FUZZY: {
		char *folded = arc_fold_string(pattern);
		size_t m;
		if (folded == NULL) {
			st = ARC_FATAL;
			break;
		}
		if ((m = strlen(folded)) == 0) {
			arc_place_error(&l->at, "empty phrase");
			free(folded);
			st = ARC_ERR;
			break;
		}
		if (m > ARC_FUZZY_MAX) {
			arc_place_error(&l->at, "a fuzzy pattern may be at "
			    "most %d bytes long (this one is %zu)",
			    ARC_FUZZY_MAX, m);
			free(folded);
			st = ARC_ERR;
			break;
		}
		/* At least 90% similar: one edit in ten bytes. */
		arc_fuzzy_init(&r.fuzzy, folded, (int)(m / 10));
		st = ARC_OK;
		break;
	}
	default:
		st = ARC_ERR;
	}
	if (st != ARC_OK) {
		rule_clear(&r);
		return st;
	}
	if (arc_grow(&rs->rules, &rs->cap_rules, (size_t)rs->nrules, 1,
	    sizeof(*rs->rules)) != ARC_OK) {
		rule_clear(&r);
		return ARC_FATAL;
	}
	rs->rules[rs->nrules++] = r;
	return ARC_OK;
}

/* Forgets the rules and terms from (nrules, nterms) on: a broken file is
 * refused whole. */
static void
truncate_rules(struct arc_rules *rs, int nrules, int nterms)
{
	while (rs->nrules > nrules)
		rule_clear(&rs->rules[--rs->nrules]);
	while (rs->nterms > nterms)
		free(rs->terms[--rs->nterms].folded);
}

/* A rule with a mistake refuses its file but not the reading: every
 * mistake in it is told at once. */
static int
rule_line(void *arg, char *line)
{
	return parse_line(arg, line) == ARC_FATAL ? ARC_FATAL : ARC_OK;
}

int
arc_rules_load(struct arc_rules *rs, const char *path, arc_diag_fn diag,
    void *ctx)
{
	struct loader l = { rs, { path, 0, diag, ctx, 0 } };
	int nrules = rs->nrules, nterms = rs->nterms, st;

	if (arc_grow(&rs->files, &rs->cap_files, (size_t)rs->nfiles, 1,
	    sizeof(*rs->files)) != ARC_OK ||
	    (rs->files[rs->nfiles] = strdup(path)) == NULL)
		return ARC_FATAL;
	rs->nfiles++;
	st = arc_staff_file_read(&l.at, N_("rule file"), RULE_LINE_MAX,
	    rule_line, &l);
	if (st == ARC_OK && l.at.errors > 0)
		st = ARC_ERR;
	if (st != ARC_OK) {
		/* No rule is left to name the file. */
		truncate_rules(rs, nrules, nterms);
		free(rs->files[--rs->nfiles]);
	}
	return st;
}

int
arc_rules_load_dir(struct arc_rules *rs, const char *dir,
    arc_diag_fn diag, void *ctx)
{
	char **names;
	size_t n;
	int st = arc_list_dir(dir, ".rules", &names, &n);

	if (st != ARC_OK) {
		char msg[300];
		snprintf(msg, sizeof(msg), _("cannot open rule folder: %s"),
		    arc_strerror(errno));
		diag(ctx, dir, 0, ARC_SEVERITY_ERROR, msg);
		return st;
	}
	for (size_t i = 0; i < n; i++) {
		int one = st == ARC_FATAL ? ARC_FATAL :
		    arc_rules_load(rs, names[i], diag, ctx);
		if (one != ARC_OK && st == ARC_OK)
			st = one;
		if (one == ARC_FATAL)
			st = ARC_FATAL;
	}
	arc_list_free(names, n);
	return st;
}

/* Adds each fuzzy pattern's k + 1 pieces to the keyword automaton. */
static int
add_seeds(struct arc_rules *rs)
{
	int n = 0;

	free(rs->seeds);
	rs->nseeds = 0;
	for (int i = 0; i < rs->nrules; i++)
		if (rs->rules[i].kind == KIND_FUZZY)
			n += rs->rules[i].fuzzy.k + 1;
	if ((rs->seeds = calloc((size_t)n + 1, sizeof(*rs->seeds))) == NULL)
		return ARC_FATAL;
	for (int i = 0; i < rs->nrules; i++) {
		const struct arc_fuzzy *fz = &rs->rules[i].fuzzy;
		size_t pieces, at = 0;
		if (rs->rules[i].kind != KIND_FUZZY)
			continue;
		pieces = (size_t)fz->k + 1;
		for (size_t p = 0; p < pieces; p++) {
			size_t len = fz->m / pieces + (p < fz->m % pieces);
			if (arc_ac_add(rs->ac, fz->pattern + at, len,
			    rs->nterms + rs->nseeds) != ARC_OK)
				return ARC_FATAL;
			rs->seeds[rs->nseeds++].rule = i;
			at += len;
		}
	}
	return ARC_OK;
}

int
arc_rules_compile(struct arc_rules *rs, struct arc_error *err)
{
	int t;

	arc_ac_free(rs->ac);
	for (int i = 0; i < rs->ntags; i++)
		free(rs->tags[i]);
	free(rs->tags);
	rs->tags = NULL;
	rs->ntags = 0;
	if ((rs->ac = arc_ac_new()) == NULL)
		return arc_error_set(err, "out of memory");
	for (int i = 0; i < rs->nterms; i++)
		if (arc_ac_add(rs->ac, rs->terms[i].folded, rs->terms[i].len,
		    i) != ARC_OK)
			return arc_error_set(err, "out of memory");
	if (add_seeds(rs) != ARC_OK)
		return arc_error_set(err, "out of memory");
	if (arc_ac_compile(rs->ac) != ARC_OK)
		return arc_error_set(err, "out of memory");
	/* Distinct labels, tags and fields apart, in the order first met. */
	if ((rs->tags = calloc((size_t)rs->nrules + 1, sizeof(char *))) == NULL)
		return arc_error_set(err, "out of memory");
	for (int i = 0; i < rs->nrules; i++) {
		struct rule *r = &rs->rules[i];
		for (t = 0; t < rs->ntags; t++)
			if (strcmp(rs->tags[t] + 1, r->label) == 0 &&
			    rs->tags[t][0] == (r->is_field ? 'f' : 't'))
				break;
		if (t == rs->ntags) {
			size_t len = strlen(r->label) + 2;
			if ((rs->tags[t] = malloc(len)) == NULL)
				return arc_error_set(err, "out of memory");
			snprintf(rs->tags[t], len, "%c%s",
			    r->is_field ? 'f' : 't', r->label);
			rs->ntags++;
		}
		r->tag = t;
	}
	return ARC_OK;
}

/* ---- lint ---- */

/* Does the folded phrase contain term at word boundaries? */
static int
contains_term(const char *phrase, const struct term *t)
{
	size_t len = strlen(phrase);

	for (const char *p = strstr(phrase, t->folded); p != NULL;
	    p = strstr(p + 1, t->folded)) {
		size_t start = (size_t)(p - phrase);
		if (!arc_is_word_char_before(phrase, start) &&
		    !arc_is_word_char_at(phrase, len, start + t->len))
			return 1;
	}
	return 0;
}

/* Does any term of rule s (an "any" rule) occur in the phrase? */
static int
any_term_in(const struct arc_rules *rs, const struct rule *s,
    const char *phrase)
{
	for (int i = 0; i < s->nterms; i++)
		if (contains_term(phrase, &rs->terms[s->first_term + i]))
			return 1;
	return 0;
}

/* Whenever r matches, does s (an "any" rule for the same tag)? */
static int
shadows(const struct arc_rules *rs, const struct rule *s, const struct rule *r)
{
	int i;

	switch (r->kind) {
	case KIND_ANY:
		for (i = 0; i < r->nterms; i++)
			if (!any_term_in(rs, s,
			    rs->terms[r->first_term + i].folded))
				return 0;
		return 1;
	case KIND_ALL:
	case KIND_EXACT:
		for (i = 0; i < r->nterms; i++)
			if (any_term_in(rs, s,
			    rs->terms[r->first_term + i].folded))
				return 1;
		return 0;
	default:
		return 0;
	}
}

/* Where a rule is, for the warnings of arc_rules_lint. */
static struct arc_place
place_of(arc_diag_fn diag, void *ctx, const struct rule *r)
{
	struct arc_place at = { r->file, r->line, diag, ctx, 0 };

	return at;
}

/* Terms of an "any" rule that can never make a difference: another term
 * for the same tag (in this rule or another "any" rule) occurs within them,
 * as "izin" does in "izin usaha". */
static int
redundant_terms(const struct arc_rules *rs, const struct rule *r,
    arc_diag_fn diag, void *ctx)
{
	struct arc_place at = place_of(diag, ctx, r);
	int warnings = 0;

	for (int a = r->first_term; a < r->first_term + r->nterms; a++) {
		const struct term *ta = &rs->terms[a];
		for (int j = 0; j < rs->nrules; j++) {
			const struct rule *s = &rs->rules[j];
			int b, hit = -1;
			if (s->kind != KIND_ANY || s->is_field ||
			    strcmp(s->label, r->label) != 0)
				continue;
			for (b = s->first_term; b < s->first_term + s->nterms &&
			    hit < 0; b++)
				if (b != a && rs->terms[b].len < ta->len &&
				    contains_term(ta->folded, &rs->terms[b]))
					hit = b;
			if (hit >= 0) {
				arc_place_warning(&at, "'%s' never makes a "
				    "difference: '%s' (%s:%ld) matches "
				    "wherever it does", ta->folded,
				    rs->terms[hit].folded, s->file, s->line);
				warnings++;
				break;
			}
		}
	}
	return warnings;
}

int
arc_rules_lint(const struct arc_rules *rs, arc_diag_fn diag, void *ctx)
{
	int warnings = 0;

	for (int i = 0; i < rs->nrules; i++) {
		const struct rule *r = &rs->rules[i];
		struct arc_place at = place_of(diag, ctx, r);

		if (r->kind == KIND_FUZZY && r->fuzzy.m < 10) {
			arc_place_warning(&at, "fuzzy pattern shorter than "
			    "10 characters allows no error: use exact");
			warnings++;
		}
		for (int a = 0; a < r->nterms; a++)
			for (int b = 0; b < a; b++)
				if (strcmp(rs->terms[r->first_term + a].folded,
				    rs->terms[r->first_term + b].folded) == 0) {
					arc_place_warning(&at, "term '%s' "
					    "given twice", rs->terms[
					    r->first_term + a].folded);
					warnings++;
				}
		if (r->kind == KIND_ANY)
			warnings += redundant_terms(rs, r, diag, ctx);
		for (int j = 0; j < rs->nrules; j++) {
			const struct rule *s = &rs->rules[j];
			if (j == i || s->is_field != r->is_field ||
			    strcmp(s->label, r->label) != 0)
				continue;
			if (s->kind == r->kind &&
			    strcmp(s->pattern, r->pattern) == 0) {
				if (j < i) {
					arc_place_warning(&at, "duplicate of "
					    "the rule at %s:%ld", s->file,
					    s->line);
					warnings++;
					break;
				}
				continue;
			}
			if (!r->is_field && s->kind == KIND_ANY &&
			    shadows(rs, s, r) && !(r->kind == KIND_ANY &&
			    shadows(rs, r, s) && j > i)) {
				arc_place_warning(&at, "never makes a "
				    "difference: whenever it matches, so does "
				    "the rule at %s:%ld", s->file, s->line);
				warnings++;
				break;
			}
		}
	}
	return warnings;
}
