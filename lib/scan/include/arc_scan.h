/* arc_scan.h: finding documents: folders and archives walked, content types, a document's bytes read back as arc-scan found them. */
#ifndef ARC_SCAN_H
#define ARC_SCAN_H

#include "arc_core.h"

/* ---- Scanning folders and archives (scan.c, container.c) ---------------- */

struct arc_scan_options {
	int recurse;             /* descend into subfolders */
	long settle;             /* leave files modified in the last N
	                          * seconds */
	time_t now;              /* "now" for settle; 0 is the current time */
	uint64_t max_unpacked;   /* cap on bytes read out of one archive */
	double max_ratio;        /* cap on unpacked bytes / archive size */
	int jobs;                /* files read at once (threads) */
};

void arc_scan_options_default(struct arc_scan_options *o);

enum arc_scan_event {
	ARC_SCAN_RECORD,  /* a document's record (maybe with "error") */
	ARC_SCAN_NOTICE,  /* something left alone on purpose (settle,
	                   * symlink) */
	ARC_SCAN_FAILURE, /* something could not be read; exit status 1 */
};

/*
 * Called for every event, on the thread that called arc_scan_path or
 * arc_scan_finish.  For ARC_SCAN_RECORD, rec is borrowed: the
 * callback writes it and returns; message is the record's error (in
 * the user's language: the record holds the English), or NULL.  A notice's
 * or failure's message is in the user's language too.
 * file names what the event is about; member is the archive member or NULL.
 * A nonzero return stops the scan (stdout failed).
 */
typedef int (*arc_scan_fn)(void *ctx, enum arc_scan_event ev,
    const char *file, const char *member, const json_t *rec,
    const char *message);

struct arc_scan;
struct arc_scan *arc_scan_new(const struct arc_scan_options *o, arc_scan_fn fn,
    void *ctx, struct arc_error *err);
void arc_scan_free(struct arc_scan *s);

/*
 * Scans a file or folder given by the user: folders are walked here, files
 * read on worker threads, and the callback called on this thread, in walk
 * order, as they finish.  ARC_FATAL if the callback asked to stop or memory
 * ran out, otherwise ARC_OK (failures go to the callback).
 */
int arc_scan_path(struct arc_scan *s, const char *path);

/* Waits for the files still being read and passes on their events; after
 * it, arc_scan_path refuses.  ARC_FATAL as for arc_scan_path. */
int arc_scan_finish(struct arc_scan *s);

/* ---- Reading a document's bytes (container.c) --------------------------- */

/*
 * Loads the document a record names: the file at path, or, when member is
 * not NULL, that member of the archive at path, read in memory under the
 * same caps as arc-scan (max_bytes bounds the document itself).  On ARC_OK
 * *data is a malloc'd buffer of *size bytes the caller frees.
 */
int arc_document_load(const char *path, const char *member, size_t max_bytes,
    unsigned char **data, size_t *size, struct arc_error *err);

/*
 * The same for the document a record names (its "path" and "member"), read
 * as arc-scan found it: the file must be the one scanned (its "dev" and
 * "ino", when the record has them: else "document changed since it was
 * scanned"), and a member is the one at its "member_offset" or
 * "member_index", when the record has them, so that two members of one
 * name are told apart and a member costs one read, not a walk of the
 * archive.  The caller still checks the sha256.
 */
int arc_document_load_record(const json_t *rec, size_t max_bytes,
    unsigned char **data, size_t *size, struct arc_error *err);

#endif
