/* digest.c: one sha256 of what the index holds of a document, for the indexer and upkeep; apart from docrow.c so that arc-find, which reads rows only, does not load the hash's library. */
#include <string.h>

#include "store.h"

void
arc_digest_of(const char *lang, const char *title, const char *text,
    size_t text_len, const char *tags, const char *fields, char hex[65])
{
	struct arc_sha256 *h = arc_sha256_new();
	const char *parts[] = { lang ? lang : "", title, tags ? tags : "",
	    fields ? fields : "" };

	hex[0] = '\0';
	if (h == NULL)
		return;
	for (size_t i = 0; i < 4; i++)
		arc_sha256_update(h, parts[i], strlen(parts[i]) + 1);
	arc_sha256_update(h, text, text_len);
	arc_sha256_hex(h, hex);
	arc_sha256_free(h);
}
