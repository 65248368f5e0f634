/* faq.c: answer files (faqbot-faq(5)): stanzas of id, q, a, en and action, read and checked. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libstemmer.h>

#include "faq_internal.h"

struct loader {
	struct arc_faq *faq;
	struct arc_place at;
	struct faq_entry *entry;  /* the stanza being read, or NULL */
	char **field;             /* the field a continuation line extends */
	int id_refused;           /* the stanza's id was said to be invalid */
};

struct arc_faq *
arc_faq_new(void)
{
	struct arc_faq *faq = calloc(1, sizeof(*faq));

	if (faq == NULL)
		return NULL;
	faq->norm = arc_strmap_new();
	faq->syn = arc_strmap_new();
	faq->related_of = arc_strmap_new();
	faq->related_stem_of = arc_strmap_new();
	faq->terms = arc_strmap_new();
	faq->surface_seen = arc_strmap_new();
	faq->topics = arc_strmap_new();
	if (faq->norm == NULL || faq->syn == NULL || faq->related_of == NULL ||
	    faq->related_stem_of == NULL || faq->terms == NULL ||
	    faq->surface_seen == NULL || faq->topics == NULL ||
	    arc_stemmers_init(&faq->stemmers) != ARC_OK) {
		arc_faq_free(faq);
		return NULL;
	}
	return faq;
}

static void
free_strings(char **v, int n)
{
	for (int i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
arc_faq_free(struct arc_faq *faq)
{
	if (faq == NULL)
		return;
	for (int i = 0; i < faq->nentries; i++) {
		struct faq_entry *e = &faq->entries[i];
		free(e->id);
		free(e->file);
		free(e->answer);
		free(e->answer_en);
		free(e->terms);
		free(e->answer_terms);
	}
	free(faq->entries);
	for (int i = 0; i < faq->nphrasings; i++) {
		free(faq->phrasings[i].text);
		free(faq->phrasings[i].terms);
	}
	free(faq->phrasings);
	for (int i = 0; i < faq->nterms; i++) {
		free(faq->by_phrasing[i].ids);
		free(faq->by_phrasing[i].weight2);
		free(faq->by_entry[i].ids);
		free(faq->by_answer[i].ids);
	}
	faq_lexicon_free(faq->lexicon);
	free(faq->by_phrasing);
	free(faq->by_entry);
	free(faq->by_answer);
	free(faq->idf);
	free(faq->answer_idf);
	free_strings(faq->norm_to, faq->nnorm);
	free_strings(faq->canon, faq->ncanon);
	free_strings(faq->related, faq->nrelated);
	free_strings(faq->surface, faq->nsurface);
	arc_strmap_free(faq->norm);
	arc_strmap_free(faq->syn);
	arc_strmap_free(faq->related_of);
	arc_strmap_free(faq->related_stem_of);
	arc_strmap_free(faq->terms);
	arc_strmap_free(faq->surface_seen);
	arc_strmap_free(faq->topics);
	arc_stemmers_done(&faq->stemmers);
	free(faq);
}

static char *
trimmed_copy(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return strndup(s, n);
}

static int
valid_id(const char *id)
{
	const char *p = id;

	if (*p == '_')
		p++;
	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++)
		if (!(islower((unsigned char)*p) ||
		    isdigit((unsigned char)*p) || *p == '-' || *p == '_'))
			return 0;
	return 1;
}

/* A NIK written into an answer file is a citizen's number that the office
 * never meant to give: masked here, where the file is read, so no answer,
 * log line, review or message can show it; --check says where it was. */
static void
mask_entry_niks(struct arc_faq *faq, struct faq_entry *e)
{
	if (e->answer != NULL)
		e->nik_masked |= arc_mask_nik(e->answer);
	if (e->answer_en != NULL)
		e->nik_masked |= arc_mask_nik(e->answer_en);
	for (int i = e->first; i < e->first + e->count; i++)
		e->nik_masked |= arc_mask_nik(faq->phrasings[i].text);
}

/* Ends the stanza being read: it must have an id and an answer. */
static void
end_stanza(struct loader *l)
{
	struct faq_entry *e = l->entry;
	int id_refused = l->id_refused;

	l->entry = NULL;
	l->field = NULL;
	l->id_refused = 0;
	if (e == NULL)
		return;
	mask_entry_niks(l->faq, e);
	if (e->id == NULL) {
		long at = l->at.line;
		/* An invalid id was said at its own line: "without id"
		 * would only repeat it. */
		if (id_refused)
			return;
		l->at.line = e->line;
		arc_place_error(&l->at, "entry without \"id:\"");
		l->at.line = at;
	} else if (e->answer == NULL) {
		long at = l->at.line;
		l->at.line = e->line;
		arc_place_error(&l->at, "entry \"%s\" has no \"a:\" (answer)",
		    e->id);
		l->at.line = at;
	} else if (e->count == 0 && e->id[0] != '_') {
		long at = l->at.line;
		l->at.line = e->line;
		arc_place_error(&l->at, "entry \"%s\" has no \"q:\" (question)",
		    e->id);
		l->at.line = at;
	}
}

static int
start_stanza(struct loader *l)
{
	struct arc_faq *faq = l->faq;
	struct faq_entry *e;

	if (arc_grow(&faq->entries, &faq->entries_cap, (size_t)faq->nentries,
	    1, sizeof(*faq->entries)) != ARC_OK)
		return ARC_FATAL;
	e = &faq->entries[faq->nentries++];
	memset(e, 0, sizeof(*e));
	e->line = l->at.line;
	e->first = faq->nphrasings;
	if ((e->file = strdup(l->at.file)) == NULL)
		return ARC_FATAL;
	l->entry = e;
	return ARC_OK;
}

static int
add_phrasing(struct loader *l, char *text)
{
	struct arc_faq *faq = l->faq;
	struct faq_phrasing *p;

	if (arc_grow(&faq->phrasings, &faq->phrasings_cap,
	    (size_t)faq->nphrasings, 1, sizeof(*faq->phrasings)) != ARC_OK) {
		free(text);
		return ARC_FATAL;
	}
	p = &faq->phrasings[faq->nphrasings++];
	memset(p, 0, sizeof(*p));
	p->text = text;
	p->line = l->at.line;
	p->entry = (int)(l->entry - faq->entries);
	l->entry->count++;
	l->field = &p->text;
	return ARC_OK;
}

/* Sets a one-off field, refusing a second one in the same stanza. */
static int
set_once(struct loader *l, char **field, const char *name, char *value)
{
	if (*field != NULL) {
		arc_place_error(&l->at, "second \"%s:\" in one entry", name);
		free(value);
		return ARC_OK;
	}
	*field = value;
	l->field = field;
	return ARC_OK;
}

static int
parse_field(struct loader *l, char *line)
{
	char *colon = strchr(line, ':'), *value;
	struct faq_entry *e;

	if (colon == NULL) {
		arc_place_error(&l->at, "expected \"name: value\" (id, q, a, "
		    "en, action) or an indented continuation line");
		return ARC_OK;
	}
	*colon = '\0';
	if (l->entry == NULL && start_stanza(l) != ARC_OK)
		return ARC_FATAL;
	e = l->entry;
	if ((value = trimmed_copy(colon + 1)) == NULL)
		return ARC_FATAL;
	if (strcmp(line, "q") == 0) {
		if (*value == '\0') {
			arc_place_error(&l->at, "empty \"q:\"");
			free(value);
			return ARC_OK;
		}
		if (e->count > 0 && e->first + e->count != l->faq->nphrasings) {
			free(value);
			return ARC_FATAL; /* cannot happen: stanzas are whole */
		}
		return add_phrasing(l, value);
	}
	if (strcmp(line, "id") == 0) {
		if (!valid_id(value)) {
			arc_place_error(&l->at, "id \"%s\" is not lower-case "
			    "letters, digits, '-' and '_'", value);
			l->id_refused = 1;
			free(value);
			return ARC_OK;
		}
		set_once(l, &e->id, "id", value);
		l->field = NULL;  /* an id is one word: nothing continues it */
		return ARC_OK;
	}
	if (strcmp(line, "a") == 0)
		return set_once(l, &e->answer, "a", value);
	if (strcmp(line, "en") == 0)
		return set_once(l, &e->answer_en, "en", value);
	if (strcmp(line, "action") == 0) {
		if (strcmp(value, "handoff") == 0)
			e->handoff = 1;
		else
			arc_place_error(&l->at,
			    "unknown action \"%s\" (known: handoff)", value);
		free(value);
		l->field = NULL;
		return ARC_OK;
	}
	arc_place_warning(&l->at, "unknown field \"%s\" ignored", line);
	free(value);
	l->field = NULL;
	return ARC_OK;
}

/* Appends an indented line to the field above it, with one space. */
static int
continue_field(struct loader *l, const char *line)
{
	char *value, *joined;

	if (l->field == NULL || *l->field == NULL) {
		arc_place_error(&l->at, "indented line continues nothing");
		return ARC_OK;
	}
	if ((value = trimmed_copy(line)) == NULL)
		return ARC_FATAL;
	joined = malloc(strlen(*l->field) + strlen(value) + 2);
	if (joined == NULL) {
		free(value);
		return ARC_FATAL;
	}
	sprintf(joined, "%s%s%s", *l->field, **l->field ? " " : "", value);
	free(value);
	free(*l->field);
	*l->field = joined;
	return ARC_OK;
}

static int
parse_line(struct loader *l, char *line)
{
	if (line[0] == '#')
		return ARC_OK;
	if (line[strspn(line, " \t")] == '\0') {
		end_stanza(l);
		return ARC_OK;
	}
	if (line[0] == ' ' || line[0] == '\t')
		return continue_field(l, line);
	return parse_field(l, line);
}

/* Drops what a refused file added. */
static void
truncate_to(struct arc_faq *faq, int nentries, int nphrasings)
{
	while (faq->nphrasings > nphrasings)
		free(faq->phrasings[--faq->nphrasings].text);
	while (faq->nentries > nentries) {
		struct faq_entry *e = &faq->entries[--faq->nentries];
		free(e->id);
		free(e->file);
		free(e->answer);
		free(e->answer_en);
	}
}

static int
loader_line(void *arg, char *line)
{
	return parse_line(arg, line);
}

static int
load_file(struct arc_faq *faq, const char *path, arc_diag_fn diag,
    void *ctx)
{
	struct loader l = { faq, { path, 0, diag, ctx, 0 }, NULL, NULL, 0 };
	int nentries = faq->nentries, nphrasings = faq->nphrasings;
	int st = arc_staff_file_read(&l.at, NULL, FAQ_LINE_MAX, loader_line,
	    &l);

	if (st == ARC_OK)
		end_stanza(&l);
	if (st == ARC_OK && l.at.errors > 0)
		st = ARC_ERR;
	if (st != ARC_OK)
		truncate_to(faq, nentries, nphrasings);
	return st;
}

int
arc_faq_load(struct arc_faq *faq, const char *path, arc_diag_fn diag,
    void *ctx)
{
	struct stat sb;
	char **names, msg[300];
	size_t n;
	int st;

	if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return load_file(faq, path, diag, ctx);
	if ((st = arc_list_dir(path, ".faq", &names, &n)) != ARC_OK) {
		snprintf(msg, sizeof(msg), _("cannot open answer folder: %s"),
		    arc_strerror(errno));
		diag(ctx, path, 0, ARC_SEVERITY_ERROR, msg);
		return st;
	}
	if (n == 0) {
		diag(ctx, path, 0, ARC_SEVERITY_ERROR,
		    _("no *.faq answer files in this folder"));
		st = ARC_ERR;
	}
	for (size_t i = 0; i < n && st != ARC_FATAL; i++) {
		int one = load_file(faq, names[i], diag, ctx);
		if (one != ARC_OK)
			st = one;
	}
	arc_list_free(names, n);
	return st;
}

int
arc_faq_count(const struct arc_faq *faq)
{
	int n = 0;

	for (int i = 0; i < faq->nentries; i++)
		n += faq->entries[i].id[0] != '_';
	return n;
}

const char *
arc_faq_id(const struct arc_faq *faq, int entry)
{
	return faq->entries[entry].id;
}

const char *
arc_faq_phrasing(const struct arc_faq *faq, int entry, int n)
{
	const struct faq_entry *e = &faq->entries[entry];

	return n >= 0 && n < e->count ?
	    faq->phrasings[e->first + n].text : NULL;
}

const char *
arc_faq_answer(const struct arc_faq *faq, int entry, int english)
{
	const struct faq_entry *e = &faq->entries[entry];

	return english && e->answer_en != NULL && *e->answer_en != '\0' ?
	    e->answer_en : e->answer;
}

const char *
arc_faq_special(const struct arc_faq *faq, const char *id, int english)
{
	int e = arc_faq_find(faq, id);

	return e >= 0 ? arc_faq_answer(faq, e, english) : NULL;
}

int
arc_faq_handoff(const struct arc_faq *faq, int entry)
{
	return faq->entries[entry].handoff;
}

int
arc_faq_find(const struct arc_faq *faq, const char *id)
{
	for (int i = 0; i < faq->nentries; i++)
		if (strcmp(faq->entries[i].id, id) == 0)
			return i;
	return -1;
}

/* A warning from fmt, given translated (_()). */
static void __attribute__((format(printf, 5, 6)))
warn_at(arc_diag_fn diag, void *ctx, const char *file, long line,
    const char *fmt, ...)
{
	char msg[600];
	va_list ap;

	va_start(ap, fmt);
	arc_mask_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag(ctx, file, line, ARC_SEVERITY_WARNING, msg);
}

/* The same phrasing under two entries: compared by their words, so that
 * case and punctuation do not hide a duplicate. */
static int
check_phrasings(const struct arc_faq *faq, arc_diag_fn diag, void *ctx)
{
	struct arc_strmap *seen = arc_strmap_new();
	int problems = 0;

	if (seen == NULL)
		return 1;
	for (int i = 0; i < faq->nphrasings; i++) {
		const struct faq_phrasing *p = &faq->phrasings[i];
		const struct faq_entry *e = &faq->entries[p->entry];
		char key[1024], word[FAQ_WORD_MAX];
		size_t at = 0, len = strlen(p->text), start, wlen, k = 0;
		long first;

		for (;;) {
			at = arc_next_word(p->text, len, at, &start, word,
			    &wlen);
			if (wlen == 0 || k + wlen + 1 >= sizeof(key))
				break;
			memcpy(key + k, word, wlen);
			k += wlen;
			key[k++] = ' ';
		}
		if (!arc_strmap_get(seen, key, k, &first)) {
			if (arc_strmap_put(seen, key, k, i) != ARC_OK)
				break;
			continue;
		}
		const struct faq_phrasing *q = &faq->phrasings[first];
		warn_at(diag, ctx, e->file, p->line, _("the same "
		    "phrasing as %s:%ld (entry \"%s\")"),
		    faq->entries[q->entry].file, q->line,
		    faq->entries[q->entry].id);
		problems++;
	}
	arc_strmap_free(seen);
	return problems;
}

/* Two entries a phrasing of one reaches about equally: a citizen asking
 * it gets either, or neither (the margin).  Each pair is said once.  faq
 * must be prepared.  (Phrasings with a word left out were tried as well:
 * they flag a fragment without its subject, "syarat KTP-el yang ?", not
 * entries the office should part.) */
#define OVERLAP_ALIKE 0.85
static int
check_overlaps(const struct arc_faq *faq, arc_diag_fn diag, void *ctx)
{
	struct arc_strmap *said = arc_strmap_new();
	int problems = 0;

	if (said == NULL || !faq->prepared) {
		arc_strmap_free(said);
		return 0;
	}
	for (int i = 0; i < faq->nphrasings; i++) {
		const struct faq_phrasing *p = &faq->phrasings[i];
		const struct faq_entry *e = &faq->entries[p->entry];
		struct arc_faq_result res;
		double own = 0, other = 0;
		int rival = -1, n;
		char key[512];

		if (e->id[0] == '_' || arc_faq_ask(faq, p->text, &res) !=
		    ARC_OK)
			continue;
		for (int k = 0; k < res.ncand; k++) {
			const struct arc_faq_candidate *c = &res.cand[k];
			if (c->entry == p->entry)
				own = c->score;
			else if (c->score > other) {
				other = c->score;
				rival = c->entry;
			}
		}
		/* own 0: a duplicate id's entry, never answered (said). */
		if (rival < 0 || own <= 0 || other < OVERLAP_ALIKE * own ||
		    strcmp(e->id, faq->entries[rival].id) == 0)
			continue;
		/* The pair in id order, once. */
		n = strcmp(e->id, faq->entries[rival].id) < 0 ?
		    snprintf(key, sizeof(key), "%s %s", e->id,
		    faq->entries[rival].id) : snprintf(key, sizeof(key),
		    "%s %s", faq->entries[rival].id, e->id);
		if (n < 0 || (size_t)n >= sizeof(key) ||
		    arc_strmap_get(said, key, (size_t)n, NULL))
			continue;
		if (arc_strmap_put(said, key, (size_t)n, 1) != ARC_OK)
			break;
		warn_at(diag, ctx, e->file, p->line, _("entries \"%s\" and "
		    "\"%s\" overlap: \"%s\" reaches both about equally "
		    "(%.2f and %.2f); give each phrasings with words of its "
		    "own, or merge them into one entry"), e->id,
		    faq->entries[rival].id, p->text, own, other);
		problems++;
	}
	arc_strmap_free(said);
	return problems;
}

static int
example_contact(const char *text)
{
	return text != NULL && (strstr(text, "contoh.go.id") != NULL ||
	    strstr(text, "-555") != NULL || strstr(text, ") 555-") != NULL);
}

/* Answers that still give the shipped example office's contacts: its
 * e-mail domain (contoh.go.id, "example") or its fictional 555 numbers.
 * Each is said, at its line: one said alone was mended, and the check
 * then looked done while citizens got the others' made-up numbers. */
static int
check_example_contacts(const struct arc_faq *faq, arc_diag_fn diag,
    void *ctx)
{
	int problems = 0;

	for (int i = 0; i < faq->nentries; i++) {
		const struct faq_entry *e = &faq->entries[i];
		if (!example_contact(e->answer) &&
		    !example_contact(e->answer_en))
			continue;
		warn_at(diag, ctx, e->file, e->line, _("entry \"%s\" gives "
		    "an example office's contacts (contoh.go.id, 555 "
		    "numbers): replace them with your office's own"), e->id);
		problems++;
	}
	return problems;
}

int
arc_faq_check(const struct arc_faq *faq, arc_diag_fn diag, void *ctx)
{
	int problems = 0;

	for (int i = 0; i < faq->nentries; i++) {
		const struct faq_entry *e = &faq->entries[i];
		int first = arc_faq_find(faq, e->id);
		if (first != i) {
			warn_at(diag, ctx, e->file, e->line, _("id \"%s\" "
			    "already used at %s:%ld"), e->id,
			    faq->entries[first].file, faq->entries[first].line);
			problems++;
		}
		if (e->answer[strspn(e->answer, " \t")] == '\0') {
			warn_at(diag, ctx, e->file, e->line, _("entry "
			    "\"%s\" has an empty answer: it is never given"),
			    e->id);
			problems++;
		}
	}
	problems += check_phrasings(faq, diag, ctx);
	problems += check_overlaps(faq, diag, ctx);
	problems += check_example_contacts(faq, diag, ctx);
	for (int i = 0; i < faq->nentries; i++) {
		const struct faq_entry *e = &faq->entries[i];
		if (!e->nik_masked)
			continue;
		warn_at(diag, ctx, e->file, e->line, _("entry \"%s\" holds "
		    "a NIK (16 digits), shown masked: take it out of the "
		    "answer file"), e->id);
		problems++;
	}
	if (arc_faq_find(faq, "_decline") < 0) {
		diag(ctx, NULL, 0, ARC_SEVERITY_WARNING,
		    _("no \"_decline\" entry: questions faqbot cannot "
		    "answer get a built-in text without the office's "
		    "contacts"));
		problems++;
	}
	return problems;
}
