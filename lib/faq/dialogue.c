/* dialogue.c: what the chatbot says to a question: an answer, suggestions to pick from, a status, or an honest decline, per session. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "faq_internal.h"

/* Sessions remembered for "reply with the number" picks. */
#define SESSIONS_MAX 100000

/* What a session was offered last, so that "2" can pick. */
struct pending {
	int entry[ARC_FAQ_TOP];
	double score[ARC_FAQ_TOP];
	int n, english;
};

struct arc_dialogue {
	const struct arc_faq *faq;
	const struct arc_status *status;
	struct arc_dialogue_settings set;
	struct arc_strmap *sessions;    /* session -> index into pending */
	struct pending *pending;
	size_t npending, pending_cap;
};

struct arc_dialogue *
arc_dialogue_new(const struct arc_faq *faq, const struct arc_status *st,
    const struct arc_dialogue_settings *set)
{
	struct arc_dialogue *d = calloc(1, sizeof(*d));

	if (d == NULL)
		return NULL;
	d->faq = faq;
	d->status = st;
	d->set = *set;
	if ((d->sessions = arc_strmap_new()) == NULL) {
		free(d);
		return NULL;
	}
	return d;
}

void
arc_dialogue_free(struct arc_dialogue *d)
{
	if (d == NULL)
		return;
	arc_strmap_free(d->sessions);
	free(d->pending);
	free(d);
}

void
arc_reply_free(struct arc_reply *reply)
{
	json_decref(reply->record);
	free(reply->text);
	free(reply->q);
	reply->record = NULL;
	reply->text = reply->q = NULL;
}

/*
 * Makes a question safe to match, answer, log and echo: valid UTF-8,
 * control characters as spaces, NIK numbers masked, at most
 * ARC_QUESTION_MAX bytes.  Returns a malloc'd copy; *cut tells whether it
 * was cut.
 */
static char *
clean_question(const char *raw, size_t len, int *cut)
{
	char *copy = malloc(len + 1), *q;
	size_t n;

	if (copy == NULL)
		return NULL;
	/* A JSON string may hold NUL: a space, like any control character. */
	for (size_t i = 0; i < len; i++)
		copy[i] = raw[i] == '\0' ? ' ' : raw[i];
	copy[len] = '\0';
	q = arc_utf8_repair(copy, len);
	free(copy);
	if (q == NULL)
		return NULL;
	for (unsigned char *p = (unsigned char *)q; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
	arc_mask_nik(q);
	n = strlen(q);
	*cut = n > ARC_QUESTION_MAX;
	if (*cut) {
		n = arc_utf8_valid_prefix(q, ARC_QUESTION_MAX);
		q[n] = '\0';
	}
	while (n > 0 && q[n - 1] == ' ')
		q[--n] = '\0';
	return q;
}

int
arc_session_clean(char *dst, size_t size, const char *id)
{
	char *copy = strdup(id);

	if (copy == NULL)
		return ARC_FATAL;
	for (char *p = copy; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	arc_mask_copy(dst, size, copy);
	free(copy);
	if (!arc_utf8_valid(dst, strlen(dst)))
		dst[arc_utf8_valid_prefix(dst, strlen(dst))] = '\0';
	return ARC_OK;
}

/* "2", "no 2", "nomor 2.": a pick from the last suggestions, or 0. */
static int
pick_number(const char *q)
{
	const char *p = q;
	int n;

	p += strspn(p, " ");
	if (strncasecmp(p, "nomor", 5) == 0)
		p += 5;
	else if (strncasecmp(p, "no", 2) == 0)
		p += 2;
	p += strspn(p, " .:");
	if (*p < '1' || *p > '0' + ARC_FAQ_TOP)
		return 0;
	n = *p++ - '0';
	p += strspn(p, " .!)");
	return *p == '\0' ? n : 0;
}

/* The session's pending suggestions; NULL only when out of memory.  A
 * long run forgets all sessions at SESSIONS_MAX, to stay bounded: an old
 * list of suggestions is then no longer picked from. */
static struct pending *
session_pending(struct arc_dialogue *d, const char *session)
{
	long i;

	if (arc_strmap_get(d->sessions, session, strlen(session), &i))
		return &d->pending[i];
	if (d->npending == SESSIONS_MAX) {
		arc_strmap_free(d->sessions);
		if ((d->sessions = arc_strmap_new()) == NULL)
			return NULL;
		d->npending = 0;
	}
	if (arc_grow(&d->pending, &d->pending_cap, d->npending, 1,
	    sizeof(*d->pending)) != ARC_OK)
		return NULL;
	if (arc_strmap_put(d->sessions, session, strlen(session),
	    (long)d->npending) != ARC_OK)
		return NULL;
	memset(&d->pending[d->npending], 0, sizeof(*d->pending));
	return &d->pending[d->npending++];
}

/* What is being decided about one question. */
struct decision {
	double score, margin;
	int has_margin;         /* margin over a runner-up was measured */
	int english;
};

/* The answer for questions faqbot cannot answer: the office's own words
 * if the answer files have them. */
static char *
decline_text(const struct arc_dialogue *d, int english)
{
	int e = arc_faq_find(d->faq, "_decline");

	if (e >= 0)
		return strdup(arc_faq_answer(d->faq, e, english));
	return strdup(english ? "Sorry, I cannot answer that. Please ask "
	    "the office's staff." : "Maaf, pertanyaan itu belum bisa saya "
	    "jawab. Silakan tanyakan kepada petugas kami.");
}

static char *
suggestion_text(const struct arc_dialogue *d, const struct pending *p)
{
	size_t size = 256, at;
	char *text;

	for (int i = 0; i < p->n; i++)
		size += strlen(arc_faq_phrasing(d->faq, p->entry[i], 0)) + 8;
	if ((text = malloc(size)) == NULL)
		return NULL;
	at = (size_t)snprintf(text, size, "%s", p->english ?
	    "Did you mean one of these? Reply with its number:" :
	    "Apakah maksud Anda salah satu dari ini? Balas dengan nomornya:");
	for (int i = 0; i < p->n; i++)
		at += (size_t)snprintf(text + at, size - at, "\n%d. %s", i + 1,
		    arc_faq_phrasing(d->faq, p->entry[i], 0));
	return text;
}

static char *
status_text(const char *number, const char *row, int english)
{
	size_t size = strlen(number) + (row ? strlen(row) : 0) + 300;
	char *text = malloc(size);

	if (text == NULL)
		return NULL;
	if (row != NULL)
		snprintf(text, size, english ? "Application %s: %s." :
		    "Permohonan %s: %s.", number, row);
	else
		snprintf(text, size, english ? "Application number %s was not "
		    "found. Please check the number; if it is right, contact "
		    "our staff." : "Nomor permohonan %s tidak kami temukan. "
		    "Periksa kembali nomornya; bila sudah benar, silakan "
		    "hubungi petugas kami.", number);
	return text;
}

/* The reply to talk that is no question: the office's own words (the
 * special entries _thanks, _greeting, _prompt) or built-in ones. */
static void
small_talk_reply(const struct arc_dialogue *d, struct arc_reply *r,
    enum faq_small kind, int english)
{
	static const char *const ids[] = {
		[FAQ_SMALL_THANKS] = "_thanks",
		[FAQ_SMALL_GREETING] = "_greeting",
		[FAQ_SMALL_NUDGE] = "_prompt",
	};
	static const char *const ind[] = {
		[FAQ_SMALL_THANKS] = "Sama-sama, senang dapat membantu. Bila "
		    "ada pertanyaan lain, silakan tulis di sini.",
		[FAQ_SMALL_GREETING] = "Halo, selamat datang. Silakan tulis "
		    "pertanyaan Anda tentang layanan kami, misalnya tentang "
		    "syarat, biaya atau jam layanan.",
		[FAQ_SMALL_NUDGE] = "Silakan tulis pertanyaan Anda, misalnya "
		    "tentang syarat, biaya atau jam layanan.",
	};
	static const char *const eng[] = {
		[FAQ_SMALL_THANKS] = "You're welcome, glad to help. If you "
		    "have another question, just write it here.",
		[FAQ_SMALL_GREETING] = "Hello, welcome. Please write your "
		    "question about our services, for example about "
		    "requirements, fees or opening hours.",
		[FAQ_SMALL_NUDGE] = "Please write your question, for example "
		    "about requirements, fees or opening hours.",
	};
	int e = arc_faq_find(d->faq, ids[kind]);

	r->status = "smalltalk";
	r->res.ncand = 0;  /* no entry was asked for */
	/* An empty special entry is never given (--check says so). */
	if (e >= 0 && arc_faq_answer(d->faq, e, english)[strspn(
	    arc_faq_answer(d->faq, e, english), " \t")] != '\0') {
		r->entry = e;
		r->text = strdup(arc_faq_answer(d->faq, e, english));
	} else {
		r->text = strdup(english ? eng[kind] : ind[kind]);
	}
}

/* The best score of the entries ranked: the first's, unless the closest
 * answer put an entry scoring a little less first (faqmatch.c,
 * break_near_tie).  The thresholds ask it of the question, whatever the
 * order. */
static double
best_score(const struct arc_faq_result *res)
{
	double best = 0;

	for (int i = 0; i < res->ncand; i++)
		if (res->cand[i].score > best)
			best = res->cand[i].score;
	return best;
}

/* Offers the entries that came closest, from the score floor, as
 * numbered choices; 0 when none scores that high.  An entry the closest
 * answer put first is offered first whatever its score: the record lists
 * the entries in this order, and front ends number their buttons so. */
static int
suggest(const struct arc_dialogue *d, struct pending *pend,
    struct arc_reply *r, const struct decision *how, double floor)
{
	const struct arc_faq_result *res = &r->res;

	pend->n = 0;
	pend->english = how->english;
	for (int i = 0; i < res->ncand; i++)
		if (res->cand[i].score >= floor ||
		    (i == 0 && res->answers_chose)) {
			pend->entry[pend->n] = res->cand[i].entry;
			pend->score[pend->n++] = res->cand[i].score;
		}
	if (pend->n == 0)
		return 0;
	r->status = "suggested";
	r->text = suggestion_text(d, pend);
	return 1;
}

/* A question of one word that several entries are about alike ("ktp",
 * "akta"): a topic, whose entries are offered rather than one guessed. */
#define TOPIC_ALIKE 0.6
/* A lone word scores low ("ktp" in a handful of entries: 0.28): it is a
 * topic from this share of the suggestion threshold. */
#define TOPIC_FLOOR 0.5
static int
is_topic(const struct arc_dialogue *d, const struct arc_faq_result *res,
    double best)
{
	int alike = 0;

	for (int i = 0; i < res->ncand; i++)
		alike += res->cand[i].score >= TOPIC_ALIKE * best;
	return res->nterms == 1 && res->nunknown == 0 && alike >= 2 &&
	    best >= d->set.suggest_at * TOPIC_FLOOR;
}

/* Answers with an entry: its text, or a handoff to a person. */
static void
give(const struct arc_dialogue *d, struct arc_reply *r,
    const struct decision *how, int entry)
{
	r->entry = entry;
	r->status = arc_faq_handoff(d->faq, entry) ? "handoff" : "answered";
	r->text = strdup(arc_faq_answer(d->faq, entry, how->english));
}

/*
 * The entry whose answers alone cover the question best (faqmatch.c,
 * closest_answer) is the best entry for 61% of the questions of the
 * tests' offices, and then the right one 93% of the time, against 67%
 * when it is another: a second opinion, from the words the office wrote
 * for citizens rather than the few it guessed they would ask with.  So the
 * best entry is answered AGREE_EASE lower, and with only AGREE_MARGIN of a
 * lead over the runner-up (never a tie), when it agrees; AGREE_SURE_EASE
 * lower when that answer covers the question well (an out-of-scope
 * question's closest answer scores under 0.16 nine times in ten, a right
 * one's 0.22 at the median); DISAGREE_STRICT higher when it does not
 * agree; as it was when there is none (no answer has a word of the
 * question).  bench/README, session 21.
 */
#define AGREE_EASE 0.02
#define AGREE_SURE_AT 0.20
#define AGREE_SURE_EASE 0.08
#define AGREE_MARGIN 0.02
#define DISAGREE_STRICT 0.04

/* Whether the second opinion is the best entry. */
static int
agrees(const struct arc_dialogue_settings *s,
    const struct arc_faq_result *res)
{
	return s->second_opinion && res->ncand > 0 &&
	    res->closest_answer == res->cand[0].entry;
}

/* How much lower than the threshold the best entry is answered by the
 * second opinion: negative, higher, when it is another entry. */
static double
second_opinion(const struct arc_dialogue_settings *s,
    const struct arc_faq_result *res)
{
	if (!s->second_opinion || res->closest_answer < 0)
		return 0;
	if (!agrees(s, res))
		return -DISAGREE_STRICT;
	return res->closest_answer_score >= AGREE_SURE_AT ? AGREE_SURE_EASE :
	    AGREE_EASE;
}

/* Decides between answering, suggesting and declining; pend is the
 * session's list of suggestions. */
static void
decide(const struct arc_dialogue *d, struct pending *pend,
    struct arc_reply *r, struct decision *how)
{
	const struct arc_dialogue_settings *s = &d->set;
	const struct arc_faq_result *res = &r->res;
	char number[80];
	const char *row;
	double best;
	int pick = pick_number(r->q), small_english = 0;
	enum faq_small small = faq_small_talk(r->q, &small_english);

	r->entry = -1;
	if (pick > 0 && pick <= pend->n) {
		how->score = pend->score[pick - 1];
		r->res.ncand = 0;  /* "2" is no question to rank */
		how->english = pend->english;
		give(d, r, how, pend->entry[pick - 1]);
		return;
	}
	if (d->status != NULL && arc_status_lookup(d->status, r->q, number,
	    sizeof(number), &row) != 0) {
		r->status = "status";
		how->score = 1;
		r->text = status_text(number, row, how->english);
		return;
	}
	/* A number with nothing to pick (the list dropped, another
	 * session's) is a nudge, not a question to decline. */
	if (pick > 0)
		small = FAQ_SMALL_NUDGE;
	/* Thanks and nudges never reach the entries ("makasih" is no
	 * question); a greeting may, if an entry greets. */
	if (small == FAQ_SMALL_THANKS || small == FAQ_SMALL_NUDGE) {
		how->english = small_english;
		small_talk_reply(d, r, small, small_english);
		return;
	}
	how->score = res->ncand > 0 ? res->cand[0].score : 0;
	how->margin = how->score - (res->ncand > 1 ? res->cand[1].score : 0);
	how->has_margin = res->ncand > 0;
	best = best_score(res);
	if (is_topic(d, res, best) && suggest(d, pend, r, how,
	    TOPIC_ALIKE * best))
		return;
	/* A near tie the closest answer broke is offered, never answered. */
	if (!res->answers_chose && how->score >= s->answer_at -
	    (how->english ? s->english_ease : 0) - second_opinion(s, res) &&
	    how->margin >= (agrees(s, res) ? AGREE_MARGIN : s->margin)) {
		give(d, r, how, res->cand[0].entry);
		return;
	}
	/* A greeting the answer files do not answer themselves. */
	if (small != FAQ_SMALL_NONE) {
		how->english = small_english;
		small_talk_reply(d, r, small, small_english);
		return;
	}
	if (best >= s->suggest_at && suggest(d, pend, r, how,
	    s->suggest_at * 0.8))
		return;
	r->status = "declined";
	r->text = decline_text(d, how->english);
}

static void
add_alternative(struct arc_interaction *in, const struct arc_dialogue *d,
    int entry, double score)
{
	in->alt[in->nalt].id = arc_faq_id(d->faq, entry);
	in->alt[in->nalt].score = score;
	in->alt[in->nalt++].q = arc_faq_phrasing(d->faq, entry, 0);
}

/* The record of what was decided, its strings borrowed from r.  For a
 * suggestion its alternatives are the entries offered, in their numbers'
 * order: front ends make their buttons from them, and a button for an
 * entry not offered would pick another or nothing. */
static json_t *
record_of(const struct arc_dialogue *d, const char *session,
    const struct arc_reply *r, const struct decision *how,
    const struct pending *pend)
{
	struct arc_interaction in = {
		.time = r->time, .session = session, .q = r->q,
		.status = r->status, .lang = how->english ? "eng" : "ind",
		.answer = r->text,
		.score = how->score, .has_score = 1,
		.margin = how->margin, .has_margin = how->has_margin,
	};

	if (r->entry >= 0)
		in.id = arc_faq_id(d->faq, r->entry);
	if (strcmp(r->status, "suggested") == 0)
		for (int i = 0; i < pend->n; i++)
			add_alternative(&in, d, pend->entry[i], pend->score[i]);
	else
		for (int i = 0; i < r->res.ncand; i++)
			if (r->res.cand[i].entry != r->entry)
				add_alternative(&in, d, r->res.cand[i].entry,
				    r->res.cand[i].score);
	return arc_interaction_record(&in);
}

int
arc_dialogue_ask(struct arc_dialogue *d, const char *session,
    const char *raw, size_t len, time_t now, int flags,
    struct arc_reply *reply)
{
	struct decision how = { 0 };
	struct pending *pend;

	memset(reply, 0, sizeof(*reply));
	reply->entry = -1;
	if ((reply->q = clean_question(raw, len, &reply->cut)) == NULL)
		return ARC_FATAL;
	if (reply->q[strspn(reply->q, " ")] == '\0' &&
	    (flags & ARC_ASK_SKIP_BLANK))
		return ARC_EOF;
	if (arc_faq_ask(d->faq, reply->q, &reply->res) != ARC_OK ||
	    (pend = session_pending(d, session)) == NULL)
		return ARC_FATAL;
	how.english = reply->res.english;
	decide(d, pend, reply, &how);
	/* Any other question drops the list: "2" then means nothing. */
	if (strcmp(reply->status, "suggested") != 0)
		pend->n = 0;
	arc_time_iso8601(now, reply->time);
	if (reply->text == NULL ||
	    (reply->record = record_of(d, session, reply, &how, pend)) ==
	    NULL)
		return ARC_FATAL;
	return ARC_OK;
}
