/* arc-tag: labels records by the clerks' keyword rules and extracts their fields. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_i18n.h"
#include "arc_tag.h"

static const char usage[] = N_(
"usage: arc-tag [-r RULES ...] [-j N] [--explain] [file ...]\n"
"       arc-tag --lint [-r RULES ...]\n"
"Adds \"tags\" and \"fields\" to each record from its text, by the rules in\n"
"RULES (a file, or a folder of *.rules files; default: arc.conf's rules,\n"
"else the office's, else the shipped ones; see arc.conf(5)).\n"
"\n"
"  -r, --rules RULES   rules to use instead of the shipped ones (repeatable)\n"
"  -j, --jobs N        records tagged at once (default: number of cores)\n"
"      --explain       say on stderr which rule gave each tag and field\n"
"      --lint          check the rule files and stop\n"
"  -h, --help          show this help\n"
"      --version       show the version\n");

enum { OPT_EXPLAIN = 256, OPT_LINT };

static const struct option options[] = {
	{ "rules", required_argument, NULL, 'r' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "lint", no_argument, NULL, OPT_LINT },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* Where a worker leaves a record's notes for the writer; never written. */
#define NOTES_KEY "arc-tag notes"

static int explain;
static struct arc_cli_problems rule_problems;

static int
load(struct arc_rules *rs, const char *path)
{
	struct stat st;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return arc_rules_load_dir(rs, path, arc_cli_problem,
		    &rule_problems);
	return arc_rules_load(rs, path, arc_cli_problem, &rule_problems);
}

static int
work(void *worker, json_t *rec, struct arc_error *err)
{
	char doc[1024];
	json_t *notes;
	int st;

	/* A stage that failed before us has the say: pass it on untouched. */
	if (json_object_get(rec, "error") != NULL)
		return ARC_OK;
	arc_record_name(rec, NULL, 0, doc, sizeof(doc));
	if ((notes = json_array()) == NULL)
		return arc_error_set(err, "out of memory");
	st = arc_tag_record(worker, rec, doc, notes, explain, err);
	if (json_array_size(notes) > 0)
		json_object_set(rec, NOTES_KEY, notes);
	json_decref(notes);
	return st;
}

static void
print_notes(json_t *rec)
{
	json_t *notes = json_object_get(rec, NOTES_KEY), *n;
	size_t i;

	json_array_foreach(notes, i, n) {
		int warning = json_is_true(json_object_get(n, "warning"));

		arc_cli_problem(NULL, json_string_value(json_object_get(n,
		    "file")), (long)json_integer_value(json_object_get(n,
		    "line")), warning ? ARC_SEVERITY_WARNING :
		    ARC_SEVERITY_ERROR, json_string_value(json_object_get(n,
		    "message")));
		if (warning)
			arc_cli_fail();
	}
	json_object_del(rec, NOTES_KEY);
}

static int
done(void *ctx, json_t *rec, int status, const struct arc_error *err,
    const char *file, long line)
{
	(void)ctx;
	if (rec == NULL) {
		arc_cli_diag(file, line, "%s", arc_error_text(err));
		arc_cli_fail();
		return 0;
	}
	print_notes(rec);
	if (status != ARC_OK) {
		char doc[1024];
		arc_record_name(rec, NULL, 0, doc, sizeof(doc));
		if (json_object_get(rec, "path") != NULL)
			arc_cli_diag(file, line, "%s: %s", doc,
			    arc_error_text(err));
		else
			arc_cli_diag(file, line, "%s", arc_error_text(err));
		arc_cli_fail();
		if (arc_record_set_error(rec, "tag", err->message) != ARC_OK)
			return -1;
	}
	return arc_record_write(stdout, rec) == ARC_OK ? 0 : -1;
}

static int
run(struct arc_rules *rs, long jobs, char **files, int nfiles)
{
	struct arc_tagger **taggers = calloc((size_t)jobs, sizeof(*taggers));
	struct arc_reader *reader;
	int st = ARC_FATAL;

	if (taggers == NULL)
		return ARC_FATAL;
	for (long i = 0; i < jobs; i++)
		if ((taggers[i] = arc_tagger_new(rs)) == NULL)
			goto out;
	if ((reader = arc_reader_new(files, nfiles, 0)) == NULL)
		goto out;
	/* TRANSLATORS: said after "this is a scan or document, not
	 * records;"; %s is the file's name. */
	arc_reader_set_hint(reader, N_("read its text first: arc-scan %s | "
	    "arc-ocr | arc-tag"));
	/* TRANSLATORS: the two parts of "reading %s from the terminal
	 * (Ctrl-D ends); %s, or see %s --help". */
	arc_cli_terminal_hint(nfiles, _("records"),
	    _("pipe arc-ocr's output in"));
	st = arc_pool_run(reader, (void *const *)taggers, (int)jobs, work, done,
	    NULL);
	arc_reader_free(reader);
out:
	for (long i = 0; i < jobs; i++)
		arc_tagger_free(taggers[i]);
	free(taggers);
	return st;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, char **rules, int *nrules, long *jobs,
    int *lint)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:j:h", options, NULL)) != -1) {
		switch (c) {
		case 'r':
			rules[(*nrules)++] = optarg;
			break;
		case 'j':
			if (arc_cli_parse_count("--jobs", optarg, 64, jobs) !=
			    ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case OPT_EXPLAIN:
			explain = 1;
			break;
		case OPT_LINT:
			*lint = 1;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	if (*lint && optind < argc) {
		arc_cli_usage_error("--lint reads rule files (-r), "
		    "not records");
		return ARC_EXIT_FATAL;
	}
	return -1;
}

int
main(int argc, char **argv)
{
	struct arc_rules *rs;
	struct arc_error err;
	char **rules, shared[4096];
	int nrules = 0, lint = 0, c, st;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN);

	arc_cli_init("arc-tag");
	if ((rules = calloc((size_t)argc + 1, sizeof(*rules))) == NULL)
		return ARC_EXIT_FATAL;
	if ((st = parse_options(argc, argv, rules, &nrules, &jobs,
	    &lint)) >= 0) {
		free(rules);
		return st;
	}
	if (jobs < 1)
		jobs = 1;
	if (nrules == 0 && arc_cli_conf("rules", shared, sizeof(shared)) !=
	    ARC_OK) {
		free(rules);
		return ARC_EXIT_FATAL;
	}
	if (nrules == 0 && *shared != '\0')
		rules[nrules++] = shared;
	if (nrules == 0) {
		if (arc_office_path("rules", shared, sizeof(shared)) !=
		    ARC_OK) {
			arc_cli_diag(NULL, 0, "the shipped rules are not "
			    "installed (share/arc/rules); give rules with -r");
			free(rules);
			return ARC_EXIT_FATAL;
		}
		rules[nrules++] = shared;
	}
	if ((rs = arc_rules_new()) == NULL) {
		free(rules);
		return ARC_EXIT_FATAL;
	}
	for (int i = 0; i < nrules; i++)
		if (load(rs, rules[i]) == ARC_FATAL)
			rule_problems.errors++;
	free(rules);
	if (rule_problems.errors > 0) {
		arc_cli_diag(NULL, 0, P_("%d error in the rules: nothing "
		    "tagged", "%d errors in the rules: nothing tagged",
		    (unsigned long)rule_problems.errors), rule_problems.errors);
		arc_rules_free(rs);
		return ARC_EXIT_FATAL;
	}
	if (arc_rules_compile(rs, &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		arc_rules_free(rs);
		return ARC_EXIT_FATAL;
	}
	if (lint) {
		arc_rules_lint(rs, arc_cli_problem, &rule_problems);
		unsigned long w = (unsigned long)rule_problems.warnings;

		if (arc_rules_count(rs) == 1)
			arc_cli_diag(NULL, 0, P_("%d rule, %d warning",
			    "%d rule, %d warnings", w), arc_rules_count(rs),
			    rule_problems.warnings);
		else
			arc_cli_diag(NULL, 0, P_("%d rules, %d warning",
			    "%d rules, %d warnings", w), arc_rules_count(rs),
			    rule_problems.warnings);
		arc_rules_free(rs);
		st = arc_cli_finish();
		return st == ARC_EXIT_OK && rule_problems.warnings > 0 ?
		    ARC_EXIT_REJECTED : st;
	}
	st = run(rs, jobs, argv + optind, argc - optind);
	arc_rules_free(rs);
	c = arc_cli_finish();
	return st == ARC_OK ? c : ARC_EXIT_FATAL;
}
