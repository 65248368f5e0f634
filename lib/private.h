/* private.h: helpers shared inside libarc, not part of its public API. */
#ifndef ARC_PRIVATE_H
#define ARC_PRIVATE_H

#include <archive.h>

#include "arc.h"

/*
 * Returns a malloc'd copy of text fit for one diagnostic line: that of
 * arc_text_printable, with 16-digit runs (NIK numbers) keeping their first
 * four digits only.  NULL when out of memory.
 */
char *arc_safe_line(const char *text);

/* Opens an archive reader over fd for the containers arc-scan supports.
 * On NULL, err says why, and *not_archive (unless not_archive is NULL) is
 * 1 when fd holds no archive at all, 0 when it holds a damaged one. */
struct archive *arc_container_open(int fd, int *not_archive,
    struct arc_error *err);

/* The name of an archive entry as UTF-8 if it has one, else raw bytes. */
const char *arc_container_entry_name(struct archive_entry *e);

/* Decodes the UTF-8 character at s (avail bytes there): *len gets its
 * length; an invalid byte is U+FFFD of length 1. */
unsigned long arc_utf8_decode(const unsigned char *s, size_t avail,
    size_t *len);
/* Writes cp as UTF-8 (1 to 4 bytes) and returns the length. */
size_t arc_utf8_encode(unsigned long cp, char *out);

/* A JSON object read fast from valid UTF-8, or NULL when it is not sure
 * (errors included): then jansson must read it (jsonquick.c). */
json_t *arc_json_quick(const char *s, size_t len);

/* The files of folder dir whose names end in suffix (hidden ones left out),
 * as "dir/name" in name order.  ARC_ERR: the folder cannot be read (errno
 * says why); ARC_FATAL: no memory.  Free the list with arc_list_free. */
int arc_list_dir(const char *dir, const char *suffix, char ***names,
    size_t *n);
void arc_list_free(char **names, size_t n);

/* Size of the read buffer for documents and archive members. */
#define ARC_READ_CHUNK (1u << 20)

#endif
