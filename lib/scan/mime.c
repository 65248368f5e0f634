/* mime.c: content types from a document's bytes (libmagic), never from its name. */
#include <stdlib.h>
#include <string.h>

#include <magic.h>

#include "scan_internal.h"

struct arc_mime {
	magic_t cookie;
};

struct arc_mime *
arc_mime_new(struct arc_error *err)
{
	struct arc_mime *m = calloc(1, sizeof(*m));

	if (m == NULL) {
		arc_error_set(err, "out of memory");
		return NULL;
	}
	/* MAGIC_NO_CHECK_COMPRESS: a .tar.gz is application/gzip, not its
	 * inside. */
	m->cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS |
	    MAGIC_ERROR);
	if (m->cookie == NULL || magic_load(m->cookie, NULL) != 0) {
		arc_error_set(err, "cannot load the libmagic database: %s",
		    m->cookie ? magic_error(m->cookie) : "out of memory");
		arc_mime_free(m);
		return NULL;
	}
	return m;
}

void
arc_mime_free(struct arc_mime *m)
{
	if (m == NULL)
		return;
	if (m->cookie != NULL)
		magic_close(m->cookie);
	free(m);
}

/*
 * The types arc reads, and those libmagic knows by magic numbers no text
 * has by chance: the other names it gives are only what a text's first
 * bytes call to mind.
 */
static int
readable(const char *mime)
{
	return strcmp(mime, "text/plain") == 0 ||
	    strcmp(mime, "application/pdf") == 0 ||
	    strncmp(mime, "image/", 6) == 0 ||
	    strcmp(mime, "application/x-empty") == 0 ||
	    arc_mime_is_container(mime);
}

const char *
arc_mime_of(struct arc_mime *m, const void *head, size_t len)
{
	const char *t;
	size_t n = len > ARC_MIME_HEAD ? ARC_MIME_HEAD : len;

	if (len == 0)
		return "application/x-empty";
	t = magic_buffer(m->cookie, head, n);
	if (t == NULL)
		t = "application/octet-stream";
	/*
	 * A letter that begins "PATTIRO (Pusat" or "SPT Tahunan" is HP-GL to
	 * libmagic (two capitals and a plotter command), one that begins
	 * "Date:" mail: arc-ocr would refuse it and it would never be
	 * archived.  A type arc cannot read is no loss, so text is text.
	 */
	if (!readable(t) && arc_text_is_plain(head, n, n < len ||
	    n == ARC_MIME_HEAD))
		t = "text/plain";
	return t;
}

int
arc_mime_is_container(const char *mime)
{
	static const char *const containers[] = {
		"application/zip",
		"application/x-tar",
		"application/x-7z-compressed",
		/* Compressed: opened when a tar is inside, else a plain
		 * document. */
		"application/gzip",
		"application/x-bzip2",
		"application/x-xz",
		"application/zstd",
		NULL,
	};

	for (int i = 0; containers[i] != NULL; i++)
		if (strcmp(mime, containers[i]) == 0)
			return 1;
	return 0;
}
