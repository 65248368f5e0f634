/* stopwords.c: words too common to search by, in Indonesian and English, left out when a query falls back to any of its words. */
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"

/* Sorted (strcmp), for bsearch. */
static const char *const stopwords[] = {
	"a", "about", "above", "ada", "adalah", "after", "again", "agar",
	"akan", "all", "also", "am", "an", "and", "antara", "any", "apa",
	"apakah", "are", "as", "at", "atas", "atau", "be", "because", "been",
	"before", "begitu", "being", "below", "belum", "between", "bisa",
	"both", "but", "by", "can", "could", "dalam", "dan", "dapat", "dari",
	"daripada", "dengan", "di", "dia", "did", "do", "does", "doing",
	"down", "during", "each", "few", "for", "from", "further", "had",
	"hal", "has", "have", "having", "he", "her", "here", "hers", "him",
	"his", "how", "i", "if", "in", "ini", "into", "is", "it", "its",
	"itu", "jika", "juga", "kami", "kamu", "karena", "ke", "kepada",
	"kita", "lagi", "maka", "me", "mereka", "more", "most", "must", "my",
	"namun", "no", "nor", "not", "of", "off", "oleh", "on", "once",
	"only", "or", "other", "our", "out", "over", "own", "pada", "para",
	"same", "saya", "she", "should", "so", "some", "such", "sudah",
	"tapi", "telah", "tentang", "than", "that", "the", "their", "them",
	"then", "there", "these", "they", "this", "those", "through", "to",
	"too", "under", "until", "untuk", "up", "very", "was", "we", "were",
	"what", "when", "where", "which", "while", "who", "whom", "why",
	"will", "with", "would", "yang", "you", "your",
};

static int
compare(const void *key, const void *item)
{
	return strcmp(key, *(const char *const *)item);
}

int
arc_is_stopword(const char *word)
{
	return bsearch(word, stopwords, sizeof(stopwords) / sizeof(*stopwords),
	    sizeof(*stopwords), compare) != NULL;
}
