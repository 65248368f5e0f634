/* copyname.c: the names of the archive's copies, kept apart from their writing (copy.c) so that arc-find, which only names them, loads neither the scanner's archive reader nor the hash: each library loaded is start-up time. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

static const struct {
	const char *mime, *ext;
} extensions[] = {
	{ "application/pdf", ".pdf" }, { "image/jpeg", ".jpg" },
	{ "image/png", ".png" }, { "image/tiff", ".tif" },
	{ "image/bmp", ".bmp" }, { "image/webp", ".webp" },
	{ "image/gif", ".gif" }, { "text/plain", ".txt" },
};

/* An extension, so that a clerk's viewer opens the copy; the name is the
 * sha256 whatever it is.  The archive keeps no copy's name but derives it
 * from sha256 and mime (arc_copy_path): an extension once given is never
 * changed. */
static const char *
extension(const char *mime)
{
	for (size_t i = 0; mime && i < sizeof(extensions) / sizeof(*extensions);
	    i++)
		if (strcmp(mime, extensions[i].mime) == 0)
			return extensions[i].ext;
	return "";
}

int
arc_copy_name_of(const char *name, const char *sha)
{
	if (strncmp(name, sha, 64) != 0 || strlen(sha) != 64)
		return 0;
	return name[64] == '\0' || (name[64] == '.' && name[65] != '\0' &&
	    strchr(name + 65, '.') == NULL);
}

char *
arc_copy_path(const struct arc_store *s, const char *kept, const char *sha,
    const char *mime)
{
	size_t n;
	char *path;

	if (kept != NULL)
		return strdup(kept);
	if (sha == NULL)
		return NULL;
	n = strlen(s->files) + strlen(sha) + 16;
	if ((path = malloc(n)) != NULL)
		snprintf(path, n, "%s/%.2s/%s%s", s->files, sha, sha,
		    extension(mime));
	return path;
}
