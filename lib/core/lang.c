/* lang.c: telling Indonesian from English text by their commonest words, cheap enough for every page. */
#include <string.h>

#include "arc_core.h"

/* Frequent function words, sorted; a word on both lists would count twice. */
static const char *const indonesian[] = {
	"adalah", "akan", "atas", "atau", "bagi", "bahwa", "dalam", "dan",
	"dari", "dengan", "di", "ini", "itu", "kami", "ke", "kepada", "oleh",
	"pada", "sebagai", "tahun", "telah", "tentang", "tersebut", "untuk",
	"yang",
};
static const char *const english[] = {
	"and", "are", "as", "be", "by", "for", "from", "has", "have", "in",
	"is", "it", "of", "on", "that", "the", "this", "to", "was", "were",
	"which", "will", "with", "you",
};

static int
listed(const char *word, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(word, list[i]) == 0)
			return 1;
	return 0;
}

const char *
arc_lang_guess(const char *text)
{
	char word[16];
	size_t len = 0;
	long ind = 0, eng = 0;

	for (const char *p = text;; p++) {
		char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
			if (len < sizeof(word) - 1)
				word[len] = (char)(c | 0x20);
			len++;
			continue;
		}
		if (len > 0 && len < sizeof(word)) {
			word[len] = '\0';
			ind += listed(word, indonesian,
			    sizeof(indonesian) / sizeof(*indonesian));
			eng += listed(word, english,
			    sizeof(english) / sizeof(*english));
		}
		len = 0;
		if (c == '\0')
			break;
	}
	if (ind + eng < 3)
		return NULL;
	return ind >= eng ? "ind" : "eng";
}
