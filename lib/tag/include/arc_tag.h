/* arc_tag.h: labelling documents by the clerks' keyword rules and finding the fields of office papers. */
#ifndef ARC_TAG_H
#define ARC_TAG_H

#include "arc_core.h"

/* ---- Tagging (rules.c, tag.c, extract.c, fold.c, ac.c, fuzzy.c) ---------- */

struct arc_rules;
struct arc_rules *arc_rules_new(void);
void arc_rules_free(struct arc_rules *rs);

/* Adds a rule file, or every *.rules file in a folder in name order.  A
 * file with any error adds nothing (ARC_ERR); every problem goes to diag. */
int arc_rules_load(struct arc_rules *rs, const char *path,
    arc_diag_fn diag, void *ctx);
int arc_rules_load_dir(struct arc_rules *rs, const char *dir,
    arc_diag_fn diag, void *ctx);
int arc_rules_count(const struct arc_rules *rs);

/* Prepares the loaded rules for matching; call once after loading. */
int arc_rules_compile(struct arc_rules *rs, struct arc_error *err);

/* Warns (through diag) of rules that duplicate or can never add to
 * another; returns the number of warnings. */
int arc_rules_lint(const struct arc_rules *rs, arc_diag_fn diag,
    void *ctx);

/* One thread's matcher over compiled rules (shared, read-only). */
struct arc_tagger;
struct arc_tagger *arc_tagger_new(const struct arc_rules *rs);
void arc_tagger_free(struct arc_tagger *t);

/*
 * Sets rec's "tags" and "fields" from its "text" (none: no tags), and
 * "tags_undecided" when a regex gave up on it.  doc names the document in
 * notes.  With notes (a JSON array), appends {"file", "line", "warning",
 * "message"} objects: warnings, and with explain, which rule gave each tag
 * and field and what it matched.  ARC_ERR: rec is not taggable.
 */
int arc_tag_record(struct arc_tagger *t, json_t *rec, const char *doc,
    json_t *notes, int explain, struct arc_error *err);

#endif
