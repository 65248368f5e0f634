/* scan_internal.h: libarchive readers shared by scan.c and container.c. */
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

#endif
