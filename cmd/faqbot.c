/* faqbot: answers citizens' questions from the office's answer files, or says honestly that it cannot. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_faq.h"
#include "arc_i18n.h"
#include "faqbot.h"

static const char usage[] =
/* TRANSLATORS: keep the option names, FAQ, STATUS, FILE, X, arc.conf,
 * normalisasi.txt, sinonim.txt and topik.txt as they are, and the descriptions
 * starting in column 25 within 80 columns. */
N_("usage: faqbot [-f FAQ ...] [-s STATUS] [options] [file ...]\n"
"       faqbot --check [-f FAQ ...] [-w WORDS ...] [--synonyms FILE ...]\n"
"                      [--topics FILE ...]\n"
"       faqbot --review LOG [-f FAQ ...] >review.tsv\n"
"       faqbot --learn review.tsv [-f FAQ ...]\n"
"Answers each question (a plain line, or a JSON object with \"q\" and\n"
"\"session\") with one JSON record; on a terminal, talks instead.\n"
"\n"
"  -f, --faq FAQ         answer file or folder of *.faq (repeatable;\n"
"                        default: arc.conf's faq, else the office's)\n"
"  -s, --status FILE     status export (TSV) for application numbers\n"
"                        (default: arc.conf's status)\n"
"  -w, --words FILE      normalisation list (repeatable; default: the\n"
"                        office's normalisasi.txt)\n"
"      --synonyms FILE   synonym groups (repeatable; default: the\n"
"                        office's sinonim.txt)\n"
"      --topics FILE     subjects of public services, for words no entry\n"
"                        has (repeatable; default: the office's topik.txt)\n"
"      --thesaurus FILE  Indonesian thesaurus, mythes .dat (default:\n"
"                        Debian's mythes-id, if installed; '' for none)\n"
"      --dictionary FILE English-Indonesian dictionary, dictd .dict.dz\n"
"                        (default: Debian's dict-freedict-eng-ind, if\n"
"                        installed; '' for none)\n"
"      --answer-at X     answer when the best score is at least X (from\n"
"                        0.36 to 0.48, as the answer files have 1 to 8\n"
"                        or more phrasings per entry)\n"
"      --margin X        ... and leads the runner-up by X (from 0.10\n"
"                        to 0.05, as for --answer-at)\n"
"      --suggest-at X    else offer the closest entries from X (0.02\n"
"                        below --answer-at)\n"
"      --log FILE        append every interaction to FILE as JSON lines\n"
"      --explain         say on stderr why each answer was chosen\n"
"      --check           check the answer and word files and stop\n"
"      --review LOG      list the logged questions declined, suggested or\n"
"                        answered narrowly, each with the entry it most\n"
"                        likely belongs to, as a file to edit for --learn\n"
"      --learn FILE      add the questions of an edited review to their\n"
"                        entries' answer files as phrasings\n"
"      --listen [ADDR:]PORT  serve the chat page and its JSON API over\n"
"                        HTTP (address default 127.0.0.1)\n"
"      --rate N          questions a minute one address may ask the\n"
"                        service (60; 0 for no limit)\n"
"      --trust-proxy     take the client's address from X-Forwarded-For\n"
"                        when the request comes from this machine\n"
"      --access-log FILE append a line for each request to FILE\n"
"  -h, --help            show this help\n"
"      --version         show the version\n");

enum {
	OPT_SYNONYMS = 256, OPT_THESAURUS, OPT_DICTIONARY, OPT_ANSWER_AT,
	OPT_MARGIN, OPT_SUGGEST_AT, OPT_LOG, OPT_EXPLAIN, OPT_CHECK,
	OPT_REVIEW, OPT_LEARN, OPT_LISTEN, OPT_RATE, OPT_TRUST_PROXY,
	OPT_ACCESS_LOG, OPT_TOPICS,
};

static const struct option options[] = {
	{ "faq", required_argument, NULL, 'f' },
	{ "status", required_argument, NULL, 's' },
	{ "words", required_argument, NULL, 'w' },
	{ "synonyms", required_argument, NULL, OPT_SYNONYMS },
	{ "topics", required_argument, NULL, OPT_TOPICS },
	{ "review", required_argument, NULL, OPT_REVIEW },
	{ "learn", required_argument, NULL, OPT_LEARN },
	{ "thesaurus", required_argument, NULL, OPT_THESAURUS },
	{ "dictionary", required_argument, NULL, OPT_DICTIONARY },
	{ "answer-at", required_argument, NULL, OPT_ANSWER_AT },
	{ "margin", required_argument, NULL, OPT_MARGIN },
	{ "suggest-at", required_argument, NULL, OPT_SUGGEST_AT },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "explain", no_argument, NULL, OPT_EXPLAIN },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "rate", required_argument, NULL, OPT_RATE },
	{ "trust-proxy", no_argument, NULL, OPT_TRUST_PROXY },
	{ "access-log", required_argument, NULL, OPT_ACCESS_LOG },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* Input lines are read up to this much; the rest of a line is skipped. */
#define LINE_MAX_BYTES 65536

/* ---- Options ---------------------------------------------------------- */

static int
parse_score(const char *opt, const char *arg, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !(v >= 0 && v <= 1)) {
		arc_cli_usage_error("%s wants a number from 0 to 1, not \"%s\"",
		    opt, arg);
		return ARC_ERR;
	}
	*out = v;
	return ARC_OK;
}

static int
add_path(const char **list, int *n, const char *opt, const char *path)
{
	if (*n >= FILES_MAX) {
		arc_cli_usage_error("at most %d %s options", FILES_MAX, opt);
		return ARC_ERR;
	}
	list[(*n)++] = path;
	return ARC_OK;
}

/* Parses the options; returns -1 to go on, else the exit status. */
static int
parse_options(int argc, char **argv, struct settings *s)
{
	int c, st = ARC_OK;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:s:w:h", options, NULL)) != -1) {
		switch (c) {
		case 'f':
			st = add_path(s->faq, &s->nfaq, "--faq", optarg);
			break;
		case 'w':
			st = add_path(s->words, &s->nwords, "--words", optarg);
			break;
		case OPT_REVIEW:
			s->review = optarg;
			break;
		case OPT_LEARN:
			s->learn = optarg;
			break;
		case OPT_THESAURUS:
			s->thesaurus = optarg;
			break;
		case OPT_DICTIONARY:
			s->dictionary = optarg;
			break;
		case OPT_SYNONYMS:
			st = add_path(s->synonyms, &s->nsynonyms, "--synonyms",
			    optarg);
			break;
		case OPT_TOPICS:
			st = add_path(s->topics, &s->ntopics, "--topics",
			    optarg);
			break;
		case 's':
			s->status = optarg;
			break;
		case OPT_LOG:
			s->log = optarg;
			break;
		case OPT_ANSWER_AT:
			st = parse_score("--answer-at", optarg,
			    &s->score.answer_at);
			s->answer_given = 1;
			break;
		case OPT_MARGIN:
			st = parse_score("--margin", optarg, &s->score.margin);
			s->margin_given = 1;
			break;
		case OPT_SUGGEST_AT:
			st = parse_score("--suggest-at", optarg,
			    &s->score.suggest_at);
			s->suggest_given = 1;
			break;
		case OPT_EXPLAIN:
			s->explain = 1;
			break;
		case OPT_CHECK:
			s->check = 1;
			break;
		case OPT_LISTEN:
			s->listen = optarg;
			break;
		case OPT_RATE:
			if (strcmp(optarg, "0") == 0)
				s->rate = 0;
			else
				st = arc_cli_parse_count("--rate", optarg,
				    1000000, &s->rate);
			break;
		case OPT_TRUST_PROXY:
			s->trust_proxy = 1;
			break;
		case OPT_ACCESS_LOG:
			s->access_log = optarg;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
		if (st != ARC_OK)
			return ARC_EXIT_FATAL;
	}
	if (s->answer_given && s->suggest_given &&
	    s->score.suggest_at > s->score.answer_at) {
		arc_cli_usage_error("--suggest-at (%.2f) is above --answer-at "
		    "(%.2f)", s->score.suggest_at, s->score.answer_at);
		return ARC_EXIT_FATAL;
	}
	if ((s->check != 0) + (s->review != NULL) + (s->learn != NULL) > 1) {
		arc_cli_usage_error("--check, --review and --learn are apart: "
		    "give one");
		return ARC_EXIT_FATAL;
	}
	if (s->listen != NULL && (s->check || s->review != NULL ||
	    s->learn != NULL || s->explain || optind < argc)) {
		arc_cli_usage_error("--listen answers over HTTP: no --check, "
		    "--review, --learn, --explain or question files with it");
		return ARC_EXIT_FATAL;
	}
	if ((s->check || s->review != NULL || s->learn != NULL) &&
	    optind < argc) {
		arc_cli_usage_error("--check, --review and --learn read answer "
		    "files (-f), not questions");
		return ARC_EXIT_FATAL;
	}
	return -1;
}

/* ---- Loading -------------------------------------------------------- */

/* DIR/NAME when dir names a folder that has it, else the office's own
 * SYSCONFDIR/arc/faq/NAME or the shipped share/faq/NAME; NULL (with a
 * message) when none is there. */
static const char *
shipped(const char *dir, const char *name, char *buf, size_t size)
{
	struct stat st;
	char rel[64];

	if (dir != NULL && *dir != '\0') {
		snprintf(buf, size, "%s/%s", dir, name);
		if (stat(buf, &st) == 0)
			return buf;
	}
	snprintf(rel, sizeof(rel), "faq%s%s", *name ? "/" : "", name);
	if (arc_office_path(rel, buf, size) == ARC_OK)
		return buf;
	arc_cli_diag(NULL, 0, "the shipped answer files are not installed "
	    "(share/arc/%s); give them with -f, -w, --synonyms and --topics",
	    rel);
	return NULL;
}

/* The answer folder and status export arc.conf(5) names, for what no
 * option gave.  When the options give everything, arc.conf is not read:
 * a mistake in it then stops no one who named the files. */
static int
office_defaults(struct settings *s, char *faq, char *status, size_t size)
{
	struct arc_conf *c;
	const char *v;
	int rc;

	faq[0] = status[0] = '\0';
	if (s->nfaq > 0 && s->nwords > 0 && s->nsynonyms > 0 &&
	    (s->status != NULL || s->check))
		return ARC_OK;
	rc = arc_conf_read(arc_conf_path(), &c, arc_cli_problem, NULL);
	if (rc == ARC_OK && (v = arc_conf_value(c, "faq")) != NULL)
		snprintf(faq, size, "%s", v);
	if (rc == ARC_OK && (v = arc_conf_value(c, "status")) != NULL)
		snprintf(status, size, "%s", v);
	arc_conf_free(c);
	if (rc == ARC_OK && s->nfaq == 0 && *faq != '\0')
		s->faq[s->nfaq++] = faq;
	if (rc == ARC_OK && s->status == NULL && *status != '\0')
		s->status = status;
	return rc;
}

/* The thresholds no option gave, from the answer files: the fewer their
 * phrasings, the lower a right answer scores.  --suggest-at alone above
 * the answer threshold raises it; --answer-at alone below the suggestion
 * threshold lowers that.  An --answer-at given holds for English
 * questions too. */
static void
calibrate(struct settings *s, const struct arc_faq *faq)
{
	struct arc_dialogue_settings found = s->score;

	arc_faq_calibrate(faq, &found);
	if (!s->answer_given)
		s->score.answer_at = found.answer_at;
	if (!s->suggest_given)
		s->score.suggest_at = found.suggest_at;
	if (!s->margin_given)
		s->score.margin = found.margin;
	if (!s->answer_given)
		s->score.english_ease = found.english_ease;
	/* An --answer-at or --margin given holds as given: no second
	 * opinion moves it. */
	s->score.second_opinion = !s->answer_given && !s->margin_given;
	if (s->score.suggest_at > s->score.answer_at) {
		if (s->suggest_given)
			s->score.answer_at = s->score.suggest_at;
		else
			s->score.suggest_at = s->score.answer_at;
	}
}

/* The thesaurus or dictionary to read: the one given ("" for none), else
 * Debian's when installed; --check says when it is not. */
static const char *
lexicon_file(const char *given, const char *debian, int check,
    const char *package)
{
	if (given != NULL)
		return *given != '\0' ? given : NULL;
	if (access(debian, R_OK) == 0)
		return debian;
	if (check)
		arc_cli_diag(NULL, 0, "note: %s is not installed (Debian "
		    "package %s): questions are matched without it", debian,
		    package);
	return NULL;
}

static int
load(struct bot *bot)
{
	struct settings *s = bot->set;
	static char faq_dir[4096], words[4096], synonyms[4096], topics[4096];
	static char conf_faq[4096], conf_status[4096];
	struct arc_error err;
	int rc;

	if ((rc = office_defaults(s, conf_faq, conf_status,
	    sizeof(conf_faq))) != ARC_OK)
		return rc;
	if (s->nfaq == 0 && (s->faq[s->nfaq++] = shipped(NULL, "", faq_dir,
	    sizeof(faq_dir))) == NULL)
		return ARC_ERR;
	if (s->nwords == 0 && (s->words[s->nwords++] = shipped(conf_faq,
	    "normalisasi.txt", words, sizeof(words))) == NULL)
		return ARC_ERR;
	if (s->nsynonyms == 0 && (s->synonyms[s->nsynonyms++] = shipped(
	    conf_faq, "sinonim.txt", synonyms, sizeof(synonyms))) == NULL)
		return ARC_ERR;
	if (s->ntopics == 0 && (s->topics[s->ntopics++] = shipped(conf_faq,
	    "topik.txt", topics, sizeof(topics))) == NULL)
		return ARC_ERR;
	if ((bot->faq = arc_faq_new()) == NULL)
		return ARC_FATAL;
	if (arc_faq_load_lexicon(bot->faq, lexicon_file(s->thesaurus,
	    ARC_FAQ_THESAURUS, s->check, "mythes-id"), lexicon_file(
	    s->dictionary, ARC_FAQ_DICTIONARY, s->check,
	    "dict-freedict-eng-ind"), arc_cli_problem, &bot->problems) ==
	    ARC_FATAL)
		return ARC_FATAL;
	/* Word lists first: phrasings are read through them. */
	for (int i = 0; i < s->nwords; i++)
		if (arc_faq_load_words(bot->faq, s->words[i], arc_cli_problem,
		    &bot->problems) == ARC_FATAL)
			return ARC_FATAL;
	for (int i = 0; i < s->nsynonyms; i++)
		if (arc_faq_load_synonyms(bot->faq, s->synonyms[i],
		    arc_cli_problem, &bot->problems) == ARC_FATAL)
			return ARC_FATAL;
	for (int i = 0; i < s->ntopics; i++)
		if (arc_faq_load_topics(bot->faq, s->topics[i],
		    arc_cli_problem, &bot->problems) == ARC_FATAL)
			return ARC_FATAL;
	for (int i = 0; i < s->nfaq; i++)
		if (arc_faq_load(bot->faq, s->faq[i], arc_cli_problem,
		    &bot->problems) == ARC_FATAL)
			return ARC_FATAL;
	if (s->status != NULL && !s->check) {
		int before = bot->problems.errors;
		bot->status = arc_status_load(s->status, arc_cli_problem,
		    &bot->problems);
		if (bot->status == NULL && bot->problems.errors == before)
			return ARC_FATAL;  /* no memory: nothing was said */
	}
	if (bot->problems.errors > 0)
		return ARC_ERR;
	if (arc_faq_count(bot->faq) == 0) {
		arc_cli_diag(NULL, 0, "no entries in the answer files");
		return ARC_ERR;
	}
	if (arc_faq_prepare(bot->faq, &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_FATAL;
	}
	calibrate(s, bot->faq);
	return ARC_OK;
}

/* ---- Questions ------------------------------------------------------ */

static void
explain(const struct bot *bot, const char *file, long line,
    const struct arc_reply *r)
{
	char buf[1400];
	size_t at;

	/* TRANSLATORS: --explain, for staff: the record's status (answered,
	 * suggested, declined, handoff, status: kept as is), then the words
	 * of the question that were matched. */
	at = (size_t)snprintf(buf, sizeof(buf), _("%s: words: %s"),
	    r->status, r->res.words[0] ? r->res.words : _("(none)"));
	for (int i = 0; i < r->res.ncand && at < sizeof(buf); i++) {
		const struct arc_faq_candidate *c = &r->res.cand[i];
		at += (size_t)snprintf(buf + at, sizeof(buf) - at,
		    "; %d. %s %.3f \"%s\"", i + 1,
		    arc_faq_id(bot->faq, c->entry), c->score,
		    arc_faq_phrasing(bot->faq, c->entry, c->phrasing));
	}
	/* The entry whose answer alone matches the question best. */
	if (r->res.ncand > 0 && r->res.closest_answer >= 0 &&
	    at < sizeof(buf))
		snprintf(buf + at, sizeof(buf) - at, r->res.answers_chose ?
		    /* TRANSLATORS: --explain: as "closest answer", which
		     * broke a near tie: its entry is first though it scores
		     * a little less. */
		    _("; closest answer, put first: %s %.3f") :
		    /* TRANSLATORS: --explain: the entry whose answer alone
		     * matches the question best (the best entry answers
		     * lower when it is the same). */
		    _("; closest answer: %s %.3f"),
		    arc_faq_id(bot->faq, r->res.closest_answer),
		    r->res.closest_answer_score);
	arc_cli_diag(file, line, "%s", buf);
}

/* Appends one record to the log in one write, so that lines of two
 * faqbots sharing a log never interleave. */
static void
log_record(struct bot *bot, const json_t *rec)
{
	char *line;
	size_t len;

	if (bot->log_fd < 0)
		return;
	if ((line = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(4))) ==
	    NULL) {
		bot->log_failed++;
		return;
	}
	len = strlen(line);
	line[len++] = '\n';  /* over the NUL: json_dumps leaves it ours */
	/* One write, normally; the rest of a short one (a full disk) right
	 * after it rather than never. */
	for (size_t done = 0; done < len;) {
		ssize_t n = write(bot->log_fd, line + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (bot->log_failed++ == 0)
				arc_cli_diag(bot->set->log, 0, "cannot append "
				    "to the log: %s", n < 0 ?
				    arc_strerror(errno) : _("nothing written"));
			break;
		}
		done += (size_t)n;
	}
	free(line);
}

static void
show_interactive(const struct arc_reply *r)
{
	printf("%s\n\n", r->text);
	fflush(stdout);
}

static int
write_record(const json_t *rec)
{
	char *line = json_dumps(rec, JSON_COMPACT | JSON_REAL_PRECISION(4));
	int st = ARC_OK;

	if (line == NULL || fputs(line, stdout) == EOF || putchar('\n') == EOF)
		st = ARC_FATAL;
	free(line);
	return st;
}

/* Answers one question.  An empty plain line is no question; an empty
 * "q" of a JSON line is one (declined), so that every object gets its
 * record.  ARC_FATAL: out of memory or output failed (said). */
static int
ask(struct bot *bot, const char *file, long line, const char *raw,
    size_t len, const char *session, int empty_asks)
{
	struct arc_reply r;
	int st;

	st = arc_dialogue_ask(bot->dialogue, session, raw, len, time(NULL),
	    empty_asks ? 0 : ARC_ASK_SKIP_BLANK, &r);
	if (r.cut)
		arc_cli_diag(file, line, "question longer than %d bytes: cut",
		    ARC_QUESTION_MAX);
	if (st == ARC_EOF) {
		arc_reply_free(&r);
		return ARC_OK;
	}
	if (st != ARC_OK) {
		arc_cli_diag(file, line, "out of memory");
		arc_reply_free(&r);
		return ARC_FATAL;
	}
	if (bot->set->explain)
		explain(bot, file, line, &r);
	if (strcmp(r.status, "declined") == 0 ||
	    strcmp(r.status, "suggested") == 0)
		arc_cli_fail();
	log_record(bot, r.record);
	if (bot->interactive)
		show_interactive(&r);
	else if ((st = write_record(r.record)) != ARC_OK)
		arc_cli_diag(NULL, 0, "cannot write the answers: %s",
		    arc_strerror(errno));
	arc_reply_free(&r);
	return st;
}

/* A JSON line: its "q" and "session". */
static int
ask_json(struct bot *bot, const char *file, long line, const char *text,
    size_t len)
{
	json_error_t jerr;
	json_t *obj = json_loadb(text, len, JSON_REJECT_DUPLICATES |
	    JSON_ALLOW_NUL, &jerr);
	json_t *q, *s;
	char session[128], number[24];
	const char *id;
	int st;

	if (obj == NULL || !json_is_object(obj)) {
		/* jansson quotes the text "near" the error, cut at 160 bytes:
		 * a NIK there would be cut out of the mask. */
		char *near = strstr(jerr.text, " near '");
		if (near != NULL)
			*near = '\0';
		arc_cli_diag(file, line, "not a JSON object: %s", obj == NULL ?
		    jerr.text : "another JSON value");
		arc_cli_fail();
		json_decref(obj);
		return ARC_OK;
	}
	q = json_object_get(obj, "q");
	s = json_object_get(obj, "session");
	if (!json_is_string(q)) {
		arc_cli_diag(file, line, "no \"q\" string in the object");
		arc_cli_fail();
		json_decref(obj);
		return ARC_OK;
	}
	if (json_is_string(s))
		id = json_string_value(s);
	else if (json_is_integer(s)) {
		snprintf(number, sizeof(number), "%lld",
		    (long long)json_integer_value(s));
		id = number;
	} else
		id = bot->default_session;
	/* A session id is the caller's, but it is echoed and logged too. */
	if (arc_session_clean(session, sizeof(session), id) != ARC_OK) {
		json_decref(obj);
		return ARC_FATAL;
	}
	st = ask(bot, file, line, json_string_value(q),
	    json_string_length(q), session, 1);
	json_decref(obj);
	return st;
}

/*
 * Reads one line of at most LINE_MAX_BYTES into buf; the rest of a longer
 * line is read and dropped (*cut).  Returns the length, or -1 at the end.
 */
static long
read_line(FILE *in, char *buf, int *cut)
{
	long n = 0;
	int c;

	*cut = 0;
	while ((c = getc_unlocked(in)) != EOF && c != '\n') {
		if (n < LINE_MAX_BYTES)
			buf[n++] = (char)(c == '\0' ? ' ' : c);
		else
			*cut = 1;
	}
	if (c == EOF && n == 0 && !*cut)
		return -1;
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	return n;
}

static int
answer_stream(struct bot *bot, FILE *in, const char *file)
{
	char *buf = malloc(LINE_MAX_BYTES + 1);
	long len, line = 0;
	int cut, st = ARC_OK;

	if (buf == NULL)
		return ARC_FATAL;
	for (;;) {
		if (bot->interactive) {
			fputs("Tanya> ", stdout);
			fflush(stdout);
		}
		if ((len = read_line(in, buf, &cut)) < 0)
			break;
		line++;
		if (cut)
			arc_cli_diag(file, line, "line longer than %d bytes: "
			    "the rest is left out", LINE_MAX_BYTES);
		const char *p = buf + strspn(buf, " \t");
		if (*p == '{')
			st = ask_json(bot, file, line, buf, (size_t)len);
		else
			st = ask(bot, file, line, buf, (size_t)len,
			    bot->default_session, 0);
		if (st != ARC_OK)
			break;
	}
	if (st == ARC_OK && ferror(in)) {
		arc_cli_diag(file, line, "cannot read: %s",
		    arc_strerror(errno));
		st = ARC_FATAL;
	}
	if (bot->interactive)
		putchar('\n');
	free(buf);
	return st;
}

static int
answer_files(struct bot *bot, char **files, int nfiles)
{
	int st = ARC_OK;

	if (nfiles == 0)
		return answer_stream(bot, stdin, "-");
	for (int i = 0; i < nfiles && st == ARC_OK; i++) {
		FILE *in = strcmp(files[i], "-") == 0 ? stdin :
		    fopen(files[i], "r");
		struct stat sb;
		if (in != NULL && fstat(fileno(in), &sb) == 0 &&
		    S_ISDIR(sb.st_mode)) {
			fclose(in);
			in = NULL;
			errno = EISDIR;
		}
		if (in == NULL) {
			arc_cli_diag(files[i], 0, "cannot open: %s",
			    arc_strerror(errno));
			arc_cli_fail();
			continue;
		}
		st = answer_stream(bot, in, files[i]);
		if (in != stdin)
			fclose(in);
	}
	return st;
}

static int
check(struct bot *bot)
{
	/* Warnings while loading (unknown fields, a word in two synonym
	 * groups) count as much as those of the checks. */
	int loading = bot->problems.warnings;
	int problems = loading + arc_faq_check(bot->faq, arc_cli_problem,
	    &bot->problems);
	int entries = arc_faq_count(bot->faq);

	if (entries == 1)
		/* TRANSLATORS: --check's summary: entries in the answer
		 * files, and problems found in them. */
		arc_cli_diag(NULL, 0, P_("%d entry, %d problem",
		    "%d entry, %d problems", problems), entries, problems);
	else
		/* TRANSLATORS: --check's summary, as the one above. */
		arc_cli_diag(NULL, 0, P_("%d entries, %d problem",
		    "%d entries, %d problems", problems), entries, problems);
	return problems > 0 ? ARC_EXIT_REJECTED : ARC_EXIT_OK;
}

/* A logged question to review: not answered, or answered narrowly: by
 * less than REVIEW_MARGIN more than the lead an answer needs (which the
 * answer files set, from 0.05 to 0.10), or under the answer threshold
 * (an English question, which is answered a little below it).  A pick
 * of a suggestion ("2") is answered with no margin: its question was
 * listed as suggested. */
#define REVIEW_MARGIN 0.05
static int
to_review(const struct arc_interaction *in,
    const struct arc_dialogue_settings *score)
{
	if (*in->q == '\0')
		return 0;
	if (strcmp(in->status, "declined") == 0 ||
	    strcmp(in->status, "suggested") == 0)
		return 1;
	if (strcmp(in->status, "answered") != 0 || !in->has_margin)
		return 0;
	return in->margin < score->margin + REVIEW_MARGIN ||
	    (in->has_score && in->score < score->answer_at);
}

/* One question of the log as the review shows it: cut on a character, a
 * NIK masked (a log from elsewhere may hold one), control characters as
 * spaces (tabs and line ends would break the file, escapes the clerk's
 * terminal); *key the same with ASCII letters folded, to list it once. */
static void
review_text(const char *q, char *shown, char *key, size_t size)
{
	/* Never past the question's end: q is shorter than size often. */
	size_t n = arc_utf8_valid_prefix(q, strnlen(q, size - 1));

	memcpy(shown, q, n);
	shown[n] = '\0';
	arc_mask_nik(shown);
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)shown[i];
		if ((c < 0x20 && c != '\0') || c == 0x7f)
			shown[i] = ' ';
		key[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : shown[i]);
	}
}

/* --review LOG: the questions to look at, each with the entry it most
 * likely belongs to, as a file a clerk edits for --learn. */
static int
review(struct bot *bot, const char *log)
{
	struct arc_strmap *seen = arc_strmap_new();
	FILE *f = fopen(log, "r");
	char *line = NULL;
	size_t cap = 0;
	long lineno = 0;
	int listed = 0, skipped = 0;

	if (f == NULL || seen == NULL) {
		arc_cli_diag(log, 0, "cannot open the log: %s",
		    arc_strerror(errno));
		if (f != NULL)
			fclose(f);
		arc_strmap_free(seen);
		return ARC_EXIT_FATAL;
	}
	/* TRANSLATORS: the head of a review file; keep "ID", TAB, "-" and
	 * "faqbot --learn FILE". */
	fputs(_("# faqbot --review: questions declined, only suggested or "
	    "answered narrowly.\n# Each line: ID, TAB, the question, TAB, "
	    "what faqbot did.  Keep the ID when it\n# is the right entry, "
	    "write the right one, or \"-\" to leave the question out;\n"
	    "# then: faqbot --learn FILE, with the same answer files.\n"),
	    stdout);
	while (getline(&line, &cap, f) > 0) {
		json_error_t jerr;
		json_t *rec = json_loads(line, 0, &jerr);
		struct arc_interaction in;
		struct arc_faq_result res;
		char shown[ARC_QUESTION_MAX + 1], key[ARC_QUESTION_MAX + 1];

		lineno++;
		if (rec == NULL || !arc_interaction_parse(rec, &in)) {
			skipped++;
			json_decref(rec);
			continue;
		}
		if (!to_review(&in, &bot->set->score)) {
			json_decref(rec);
			continue;
		}
		review_text(in.q, shown, key, sizeof(shown));
		if (!arc_strmap_get(seen, key, strlen(key), NULL) &&
		    arc_strmap_put(seen, key, strlen(key), lineno) == ARC_OK &&
		    arc_faq_ask(bot->faq, shown, &res) == ARC_OK) {
			printf("%s\t%s\t%s %.2f\n", res.ncand > 0 ?
			    arc_faq_id(bot->faq, res.cand[0].entry) : "-",
			    shown, in.status,
			    res.ncand > 0 ? res.cand[0].score : 0.0);
			listed++;
		}
		json_decref(rec);
	}
	free(line);
	if (ferror(f)) {
		arc_cli_diag(log, 0, "cannot read the log: %s",
		    arc_strerror(errno));
		fclose(f);
		arc_strmap_free(seen);
		return ARC_EXIT_FATAL;
	}
	fclose(f);
	arc_strmap_free(seen);
	if (skipped > 0)
		arc_cli_diag(log, 0, P_("warning: %d line is no faqbot "
		    "record: skipped", "warning: %d lines are no faqbot "
		    "records: skipped", skipped), skipped);
	arc_cli_diag(log, 0, P_("%d question to review",
	    "%d questions to review", listed), listed);
	return arc_cli_finish();
}

/* --learn FILE: the edited review into the answer files. */
static int
learn(struct bot *bot, const char *file)
{
	int learned, st = arc_faq_learn(bot->faq, file, arc_cli_problem,
	    &bot->problems, &learned);

	arc_cli_diag(file, 0, P_("%d phrasing added to the answer files",
	    "%d phrasings added to the answer files", learned), learned);
	if (st == ARC_FATAL)
		return ARC_EXIT_FATAL;
	return st == ARC_OK ? ARC_EXIT_OK : ARC_EXIT_FATAL;
}

void
faqbot_free(struct bot *bot)
{
	arc_dialogue_free(bot->dialogue);
	arc_faq_free(bot->faq);
	arc_status_free(bot->status);
	if (bot->log_fd >= 0)
		close(bot->log_fd);
}

/* See faqbot.h.  The questions' tools (dialogue, log) only when questions
 * are to be answered. */
int
faqbot_start(struct bot *bot)
{
	struct settings *set = bot->set;
	int st;

	if ((st = load(bot)) != ARC_OK) {
		if (bot->problems.errors > 0)
			arc_cli_diag(NULL, 0, P_("%d error in the answer, "
			    "word or status files: nothing answered",
			    "%d errors in the answer, word or status files: "
			    "nothing answered", bot->problems.errors),
			    bot->problems.errors);
		return st;
	}
	if (set->check || set->review != NULL || set->learn != NULL)
		return ARC_OK;
	if ((bot->dialogue = arc_dialogue_new(bot->faq, bot->status,
	    &set->score)) == NULL)
		return ARC_FATAL;
	if (set->log != NULL && (bot->log_fd = open(set->log, O_WRONLY |
	    O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0) {
		arc_cli_diag(set->log, 0, "cannot open the log: %s",
		    arc_strerror(errno));
		return ARC_FATAL;
	}
	return ARC_OK;
}

json_t *
faqbot_answer(struct bot *bot, const char *q, size_t len,
    const char *session)
{
	struct arc_reply r;
	char clean[128];
	json_t *rec = NULL;

	/* A session id is the caller's, but it is echoed and logged too. */
	if (arc_session_clean(clean, sizeof(clean), session) != ARC_OK)
		return NULL;
	if (arc_dialogue_ask(bot->dialogue, clean, q, len, time(NULL), 0,
	    &r) == ARC_OK) {
		log_record(bot, r.record);
		rec = json_incref(r.record);
	}
	arc_reply_free(&r);
	return rec;
}

const char *
faqbot_special(const struct bot *bot, const char *id, int english)
{
	return arc_faq_special(bot->faq, id, english);
}

int
main(int argc, char **argv)
{
	struct settings set = { .score = {
		.answer_at = ARC_DIALOGUE_ANSWER_AT,
		.margin = ARC_DIALOGUE_MARGIN,
		.suggest_at = ARC_DIALOGUE_SUGGEST_AT,
	}, .rate = 60 };
	struct bot bot = { .set = &set, .log_fd = -1 };
	int st;

	arc_cli_init("faqbot");
	if ((st = parse_options(argc, argv, &set)) >= 0)
		return st;
	if ((st = faqbot_start(&bot)) != ARC_OK) {
		faqbot_free(&bot);
		return ARC_EXIT_FATAL;
	}
	if (set.check || set.review != NULL || set.learn != NULL) {
		st = set.check ? check(&bot) : set.review != NULL ?
		    review(&bot, set.review) : learn(&bot, set.learn);
		faqbot_free(&bot);
		return st;
	}
	if (set.listen != NULL) {
		st = faqbot_serve(&bot);
		faqbot_free(&bot);
		return st;
	}
	snprintf(bot.default_session, sizeof(bot.default_session), "%ld-%ld",
	    (long)time(NULL), (long)getpid());
	bot.interactive = optind == argc && isatty(0) && isatty(1);
	/* The chat's greeting and prompt are for whoever asks, a citizen
	 * too, and the chat answers in the question's language: they are in
	 * both languages and not translated, as the answers are not. */
	if (bot.interactive)
		printf("faqbot: tanyakan layanan kami (Ctrl-D untuk keluar).\n"
		    "Ask about our services (Ctrl-D to quit).\n\n");
	st = answer_files(&bot, argv + optind, argc - optind);
	if (bot.log_failed > 0) {
		arc_cli_diag(set.log, 0, P_("%d interaction not logged",
		    "%d interactions not logged", bot.log_failed),
		    bot.log_failed);
		st = ARC_FATAL;
	}
	faqbot_free(&bot);
	int out = arc_cli_finish();
	return st == ARC_OK ? out : ARC_EXIT_FATAL;
}
