/* scan_internal.h: the insides of scanning, shared by the files of lib/scan: content types, archive readers, the options' defaults. */
#ifndef ARC_SCAN_INTERNAL_H
#define ARC_SCAN_INTERNAL_H

#include <archive.h>

#include "arc_scan.h"

/* Opens an archive reader over fd for the containers arc-scan supports.
 * On NULL, err says why, and *not_archive (unless not_archive is NULL) is
 * 1 when fd holds no archive at all, 0 when it holds a damaged one. */
struct archive *arc_container_open(int fd, int *not_archive,
    struct arc_error *err);

/* The name of an archive entry as UTF-8 if it has one, else raw bytes. */
const char *arc_container_entry_name(struct archive_entry *e);

/* Bytes of a document's head that the content-type detector looks at. */
#define ARC_MIME_HEAD (256u << 10)

struct arc_mime;
struct arc_mime *arc_mime_new(struct arc_error *err);
void arc_mime_free(struct arc_mime *m);

/* Returns the MIME type of a document from its first bytes; the string is
 * valid until the next call.  Never NULL: unknown is
 * application/octet-stream. */
const char *arc_mime_of(struct arc_mime *m, const void *head, size_t len);

/* Is this a container arc-scan opens (zip, tar, 7z, compressed tar)? */
int arc_mime_is_container(const char *mime);

/* The defaults of arc_scan_options_default. */
#define ARC_SCAN_MAX_UNPACKED_DEFAULT (8ull << 30)
#define ARC_SCAN_MAX_RATIO_DEFAULT 100.0
/* The ratio cap applies once this much has come out of an archive, so that
 * small, highly compressible archives (a few blank TIFFs) still open. */
#define ARC_SCAN_RATIO_GRACE (16ull << 20)

/* Checks a name from inside an archive: returns NULL if it is safe, or why
 * not (absolute, "..", control characters, invalid UTF-8, empty), in
 * English, marked N_ for the diagnostics to translate. */
const char *arc_member_name_problem(const char *name);

#endif
