/* faqbot.h: what faqbot's command line and its HTTP service (faqbot-http.c) share: the settings, the loaded answers, and answering one question. */
#ifndef FAQBOT_H
#define FAQBOT_H

#include <jansson.h>

#include "arc_cli.h"
#include "arc_faq.h"

#define FILES_MAX 64

struct settings {
	const char *faq[FILES_MAX], *words[FILES_MAX], *synonyms[FILES_MAX];
	const char *topics[FILES_MAX];
	int nfaq, nwords, nsynonyms, ntopics;
	const char *status, *log;
	const char *thesaurus, *dictionary;  /* NULL: Debian's, if there */
	const char *review, *learn;  /* --review LOG, --learn FILE */
	struct arc_dialogue_settings score;
	/* Given as options; else from the answer files (calibrate). */
	int answer_given, suggest_given, margin_given;
	int explain, check;
	/* --listen: the HTTP service's address, the questions an address
	 * may ask a minute (0: no limit), whether to believe a proxy's
	 * X-Forwarded-For, and the access log. */
	const char *listen, *access_log;
	long rate;
	int trust_proxy;
};

struct bot {
	struct settings *set;
	struct arc_faq *faq;
	struct arc_status *status;
	struct arc_dialogue *dialogue;
	int log_fd;
	int log_failed;
	char default_session[64];
	int interactive;
	struct arc_cli_problems problems;  /* in the files read */
};

/* Loads what the settings name into bot (its set filled in, log_fd -1),
 * makes its dialogue and opens its log: ARC_OK, or ARC_ERR / ARC_FATAL
 * with the reason said.  Either way free it with faqbot_free. */
int faqbot_start(struct bot *bot);
void faqbot_free(struct bot *bot);

/* Answers one question of a session as the command line does: the record,
 * logged (a new reference), or NULL when out of memory. */
json_t *faqbot_answer(struct bot *bot, const char *q, size_t len,
    const char *session);

/* The text of a special entry (_greeting, _prompt...) or NULL. */
const char *faqbot_special(const struct bot *bot, const char *id,
    int english);

/* faqbot --listen: serves the chat page and API until SIGTERM or SIGINT,
 * loading the answers again on SIGHUP; bot is loaded.  The exit status. */
int faqbot_serve(struct bot *bot);

#endif
