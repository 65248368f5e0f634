/* smalltalk.c: what is no question but talk (thanks, a greeting, "ok", a
 * lone "p" or emoji), so that it gets a word back as a person would give,
 * never the decline with every phone number. */
#include <stdlib.h>
#include <string.h>

#include "faq_internal.h"

/* Words that make a message thanks, a greeting or a nudge; and the
 * words around them that change nothing ("makasih ya min"). */
static const char *const thanks_words[] = {
	"hatur", "kasih", "makasi", "makasih", "maksih", "matur", "mksh",
	"nuhun", "suwun", "terimakasih", "thank", "thanks", "thankyou", "thx",
	"tks", "tq", "trims", "trimakasih", "ty",
};
static const char *const greeting_words[] = {
	"afternoon", "alaikum", "assalamu", "assalamualaikum", "evening",
	"good", "hai", "hallo", "halo", "hello", "hey", "hi", "kabar",
	"kabarnya", "kbr", "malam", "met", "morning", "pagi", "permisi",
	"punten", "salam", "selamat", "siang", "sore", "wassalamualaikum",
};
static const char *const nudge_words[] = {
	"baik", "hm", "hmm", "iya", "lol", "noted", "o", "oh", "ok", "oke",
	"okay", "okey", "p", "ping", "siap", "sip", "tes", "test", "y", "ya",
	"yoi",
};
/* The words that ask after someone ("apa kabar", "how are you"): talk
 * only beside "kabar" or "are you", else a question's words. */
static const char *const asking_words[] = {
	"apa", "are", "bagaimana", "gimana", "gmn", "how",
};
static const char *const filler_words[] = {
	"admin", "all", "atas", "bang", "banyak", "bapak", "bnyk", "bro", "bu",
	"byk", "dong", "gan", "ibu", "infonya", "informasinya", "ka", "kak",
	"kakak", "mas", "mba", "mbak", "min", "mimin", "much", "om", "pak",
	"sekali", "semua", "sir", "sis", "sist", "so", "terima", "very", "wr",
	"wb", "warahmatullahi", "wabarakatuh", "yaa", "yah", "you",
};
/* English among them: the reply is then in English. */
static const char *const english_words[] = {
	"afternoon", "all", "are", "evening", "good", "hello", "hey", "hi",
	"how", "lol", "morning", "much", "noted", "okay", "sir", "so", "thank",
	"thanks", "thankyou", "thx", "ty", "very", "you",
};

static int
in(const char *w, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w, list[i]) == 0)
			return 1;
	return 0;
}
#define IN(w, list) in(w, list, sizeof(list) / sizeof(list[0]))

/* Laughter as it is typed: "wkwk", "wkwkwk", "haha", "hehehe", "hihi",
 * "xixi" (two letters again and again, four letters at least). */
static int
is_laughter(const char *w)
{
	static const char *const pairs[] = {
		"wk", "kw", "ha", "he", "hi", "xi", "ah", "eh",
	};
	size_t n = strlen(w);

	if (n < 4)
		return 0;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		size_t k = 0;
		while (k < n && w[k] == pairs[i][k % 2])
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

/* Whether code point cp is a letter of a script, not a symbol, an emoji
 * or punctuation: everything from U+00C0 but the blocks of punctuation,
 * symbols, arrows, dingbats, variation selectors and emoji. */
static int
is_letter_elsewhere(unsigned long cp)
{
	return cp >= 0xc0 && !(cp >= 0x2000 && cp <= 0x2bff) &&
	    !(cp >= 0x3000 && cp <= 0x303f) && !(cp >= 0xfe00 &&
	    cp <= 0xfe0f) && !(cp >= 0x1f000 && cp <= 0x1faff) &&
	    cp < 0xe0000 && cp != 0xd7 && cp != 0xf7;
}

enum faq_small
faq_small_talk(const char *q, int *english)
{
	int thanks = 0, greeting = 0, nudge = 0, words = 0, en = 0;
	int asking = 0, are_you = 0;
	char last[24] = "";
	const char *p = q;

	if (q[strspn(q, " ")] == '\0')
		return FAQ_SMALL_NONE;  /* blank: no message at all */
	while (*p != '\0') {
		char w[24];
		size_t n = 0;
		/* A letter of another script (a question in Chinese, Arabic,
		 * Russian) makes a question; emoji and symbols do not. */
		if ((unsigned char)*p >= 0x80) {
			unsigned long cp = arc_utf8_decode(
			    (const unsigned char *)p, strlen(p), &n);
			if (cp != 0xfffd && is_letter_elsewhere(cp))
				return FAQ_SMALL_NONE;
			p += n > 0 ? n : 1;
			n = 0;
			continue;
		}
		/* ASCII letters make words; digits make a question ("2", a
		 * number); anything else (emoji, punctuation) parts them. */
		while (*p != '\0' && !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			p++;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9')) {
			if (*p >= '0' && *p <= '9')
				return FAQ_SMALL_NONE;
			if (n + 1 < sizeof(w))
				w[n++] = (char)(*p | 0x20);
			p++;
		}
		if (n == 0)
			continue;
		w[n] = '\0';
		words++;
		en |= IN(w, english_words);
		if (IN(w, thanks_words))
			thanks = 1;
		else if (IN(w, greeting_words))
			greeting = 1;
		else if (IN(w, nudge_words) || is_laughter(w))
			nudge = 1;
		else if (IN(w, asking_words))
			asking = 1;
		else if (strcmp(w, "you") == 0 && strcmp(last, "are") == 0)
			are_you = 1;
		else if (!IN(w, filler_words))
			return FAQ_SMALL_NONE;  /* a word of a question */
		memcpy(last, w, n + 1);
	}
	/* "how are you" greets; "apa" beside nothing that greets asks. */
	greeting |= are_you;
	if (asking && !greeting)
		return FAQ_SMALL_NONE;
	*english = en;
	if (thanks)
		return FAQ_SMALL_THANKS;
	if (greeting)
		return FAQ_SMALL_GREETING;
	/* "ok", "p", an emoji or punctuation alone, nothing at all. */
	return nudge || words == 0 ? FAQ_SMALL_NUDGE : FAQ_SMALL_NONE;
}

/* The times of day "selamat", "met" and "good" greet by (normalisation
 * makes most English greetings Indonesian); the words that close
 * "assalamualaikum", only after it ("WR" is a deputy rector elsewhere). */
static const char *const times_of_day[] = {
	"afternoon", "day", "evening", "malam", "morning", "pagi", "siang",
	"sore",
};
static const char *const closing_words[] = {
	"wabarakatuh", "warahmatullahi", "wb", "wr",
};

static int
greets_by_time(const char *w)
{
	return strcmp(w, "selamat") == 0 || strcmp(w, "met") == 0 ||
	    strcmp(w, "good") == 0;
}

int
faq_salutation(const struct faq_word *w, int n)
{
	int i = 0;

	while (i < n) {
		const char *s = w[i].surface, *next = i + 1 < n ?
		    w[i + 1].surface : "";
		if ((greets_by_time(s) && IN(next, times_of_day)) ||
		    (strcmp(s, "salam") == 0 && strcmp(next, "sejahtera") == 0))
			i += 2;
		/* A greeting word of small talk that is no time of day
		 * and needs none: "halo", "assalamualaikum", "permisi". */
		else if ((IN(s, greeting_words) && !IN(s, times_of_day) &&
		    !greets_by_time(s)) || (i > 0 && IN(s, closing_words)))
			i++;
		else
			break;
	}
	return i < n ? i : 0;
}
