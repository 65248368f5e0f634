/* arc.h: the one public header of libarc, the library every arc program links. */
#ifndef ARC_H
#define ARC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include <jansson.h>

/*
 * Conventions.  The library never prints and never exits: a function that
 * can fail returns ARC_OK or a negative status and leaves a one-line,
 * human-readable reason in the struct arc_error it was given.  Functions
 * named _free accept NULL.
 */
enum {
	ARC_OK = 0,
	ARC_EOF = 1,     /* a reader has nothing more */
	ARC_ERR = -1,    /* this input was bad; the caller may go on */
	ARC_FATAL = -2,  /* nothing more can be done (I/O error, no memory) */
};

/* Exit statuses of every program (DESIGN.md). */
enum {
	ARC_EXIT_OK = 0,
	ARC_EXIT_REJECTED = 1,  /* some input rejected, the rest processed */
	ARC_EXIT_FATAL = 2,     /* usage error, bad rule file, I/O failure */
};

struct arc_error {
	char message[512];
};

/* Sets err's message from a printf format; returns ARC_ERR for convenience. */
int arc_error_set(struct arc_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- The programs' front end (cli.c) ------------------------------------ */

/*
 * Every program calls arc_cli_init first.  Diagnostics then go to stderr as
 * "prog: file:line: message" with control characters and invalid UTF-8
 * replaced and NIK numbers masked, so that one message is one safe line.
 * arc_cli_fail marks the run as "some input rejected" (exit 1).
 */
void arc_cli_init(const char *progname);
const char *arc_cli_progname(void);
void arc_cli_diag(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void arc_cli_fail(void);
int arc_cli_status(void);

/* Prints "prog: message" and a pointer to --help; for usage errors (exit 2). */
void arc_cli_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void arc_cli_version(void);

/* The options every program has, for its struct option array, and their
 * handling: a getopt_long loop (optstring starting with ':' and holding
 * 'h') passes every value it does not know here, and returns what this
 * returns: the exit status after --help or --version, or 2 after an
 * unknown option or a missing value. */
#define ARC_CLI_OPT_VERSION 0x1000
#define ARC_CLI_COMMON_OPTIONS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, ARC_CLI_OPT_VERSION }
int arc_cli_common_option(int c, const char *usage, char **argv);

/*
 * Sends what libraries print on their own (libpng, libtiff, libjpeg
 * warnings without a file name) to /dev/null; arc's diagnostics keep the
 * real stderr.  For programs that decode untrusted images.
 */
void arc_cli_mute_libraries(void);
/* Where diagnostics go: stderr, or its copy once libraries are muted. */
FILE *arc_cli_stream(void);

/*
 * Flushes and closes stdout.  Returns the exit status to use: the run's
 * status, or ARC_EXIT_FATAL if any write to stdout failed (disk full, EIO).
 */
int arc_cli_finish(void);

/* Parses a non-negative number with an optional K, M, G or T suffix
 * (powers of 1024). Returns ARC_ERR on anything else. */
int arc_parse_size(const char *s, uint64_t *out);
int arc_parse_seconds(const char *s, long *out);

/*
 * Progress on a terminal (stderr a tty; nothing otherwise), one line kept
 * up to date: documents done (of the total, when the records come from one
 * regular file), pages, pages a second, time left.  Clear it before
 * printing a diagnostic.
 */
struct arc_progress {
	FILE *out;
	int on, visible;
	long total, done, pages;
	double start, shown;
};
void arc_progress_start(struct arc_progress *p, char *const *files,
    int nfiles);
void arc_progress_step(struct arc_progress *p, long pages);
void arc_progress_clear(struct arc_progress *p);
void arc_progress_end(struct arc_progress *p);

/* Parses an option's whole number from 1 to max; on anything else prints
 * a usage error naming opt and returns ARC_ERR. */
int arc_cli_parse_count(const char *opt, const char *arg, long max,
    long *out);

/* Parses a --since or --until date, YYYY, YYYY-MM or YYYY-MM-DD, into
 * *out; on anything else prints a usage error naming opt (ARC_ERR). */
int arc_cli_parse_date(const char *opt, const char *arg, const char **out);

/* ---- Records: JSON lines in and out (record.c) -------------------------- */

/* Longest input line accepted by default; longer ones are reported. */
#define ARC_LINE_MAX_DEFAULT (64u << 20)

enum {
	/* A line that is not a JSON object is a file path, and a file operand
	 * that is not text (an image, a PDF) is itself the document. */
	ARC_READ_PATHS = 1 << 0,
};

struct arc_reader;

/*
 * Opens a reader over files (NULL or "-" is stdin); nfiles 0 means stdin.
 * The file names are borrowed and must outlive the reader.
 */
struct arc_reader *arc_reader_new(char *const *files, int nfiles,
    unsigned flags);
void arc_reader_free(struct arc_reader *r);
void arc_reader_set_line_max(struct arc_reader *r, size_t max);

/*
 * Reads the next record.  ARC_OK: *rec is a new reference the caller owns.
 * ARC_EOF: all files read.  ARC_ERR: a bad line or an unopenable file was
 * skipped; err tells why and arc_reader_file/_line where; call again to go
 * on.  Blank lines are skipped silently.  A line longer than the cap whose
 * start names its document (arc_record_identity_of_prefix) is ARC_ERR with
 * *rec set to that identity, for the caller (who owns it) to pass on with
 * "error" set: the document is not lost.
 */
int arc_reader_next(struct arc_reader *r, json_t **rec, struct arc_error *err);
/*
 * Like arc_reader_next, but leaves the parsing to the caller, who may do it
 * on another thread: ARC_OK gives either *rec (a document named on the
 * command line, or a bare path) or *line, the line's text (malloc'd, len
 * bytes and a NUL) for arc_record_parse.
 */
int arc_reader_next_raw(struct arc_reader *r, json_t **rec, char **line,
    size_t *len, struct arc_error *err);
/* One line into a record: ARC_ERR (err says why) unless it is a JSON
 * object in valid UTF-8. */
int arc_record_parse(const char *line, size_t len, json_t **rec,
    struct arc_error *err);
const char *arc_reader_file(const struct arc_reader *r);  /* "-" for stdin */
long arc_reader_line(const struct arc_reader *r);

/*
 * The fields that identify the document ("path", "member", "sha256",
 * "size", "mtime", "mime") of the record a line begins with, read from
 * that beginning alone (the rest of a long line is not there): a new
 * object, or NULL when it names neither "path" nor "sha256", or names a
 * field twice.  Fields of the wrong type are left out.
 */
json_t *arc_record_identity_of_prefix(const char *line, size_t len);
/* Takes every field out of rec but those; ARC_FATAL when out of memory. */
int arc_record_keep_identity(json_t *rec);
/* Whether rec, written as one line, is longer than max bytes. */
int arc_record_longer_than(const json_t *rec, size_t max);

/*
 * The document a record is about, as messages name it: "path(member)",
 * "path", or, for a record without "path", where it was read
 * ("file:line"; "a record without \"path\"" when file is NULL).  NIKs
 * masked before it is cut to fit buf.
 */
void arc_record_name(const json_t *rec, const char *file, long line,
    char *buf, size_t size);

/* Writes rec as one line; ARC_FATAL if the stream failed. */
int arc_record_write(FILE *out, const json_t *rec);

/*
 * Sets rec's "error" to {"stage": stage, "message": message}; the message is
 * made valid UTF-8 first.  Returns ARC_OK or ARC_FATAL (no memory).
 */
int arc_record_set_error(json_t *rec, const char *stage, const char *message);

/*
 * Sets rec[key] to a string; bytes that are not valid UTF-8 are replaced by
 * U+FFFD, so that a record is always valid JSON whatever a file is named.
 */
int arc_record_set_text(json_t *rec, const char *key, const char *value);

/* Formats t as ISO 8601 local time with offset: 2026-11-28T10:25:05+07:00. */
void arc_time_iso8601(time_t t, char buf[32]);

/* ---- Text (utf8.c) ------------------------------------------------------ */

/* Returns the length of the valid UTF-8 prefix of s[0..len). */
size_t arc_utf8_valid_prefix(const char *s, size_t len);
int arc_utf8_valid(const char *s, size_t len);

/* Returns a malloc'd copy of s[0..len) with invalid sequences and NUL bytes
 * replaced by U+FFFD; NULL when out of memory.  The caller frees. */
char *arc_utf8_repair(const char *s, size_t len);

/* Returns a malloc'd copy of text fit for a terminal: invalid UTF-8 and
 * control characters (C0 with tab and newline, DEL, C1 as U+0080-U+009F,
 * so every escape sequence) become '?'.  NULL when out of memory.  Every
 * human-readable layout of archive text goes through it; diagnostics
 * through arc_safe_line, which masks NIKs too. */
char *arc_text_printable(const char *text);

/* Masks every NIK in s, in place, 16 digits in a row or in groups parted
 * by single spaces, dots or dashes: the first four digits (the region)
 * stay, the rest become '*'. */
void arc_mask_nik(char *s);

/* The length of s[0..n) without the digits, spaces, dots and dashes it
 * ends in: what is left of text cut too soon to be masked, with no part of
 * a NIK the cut may have split. */
size_t arc_nik_trim(const char *s, size_t n);

/* Copies src into dst (cap bytes, at least 1) with its NIKs masked first,
 * then cut to fit at a character boundary, so that a cut never leaves part
 * of a NIK in clear.  Returns 1 when src was cut, else 0. */
int arc_mask_copy(char *dst, size_t cap, const char *src);
/* arc_mask_copy of what a printf format makes. */
int arc_mask_format(char *dst, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int arc_mask_vformat(char *dst, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* ---- Hashing (sha256.c) ------------------------------------------------- */

struct arc_sha256;
struct arc_sha256 *arc_sha256_new(void);
void arc_sha256_free(struct arc_sha256 *h);
void arc_sha256_reset(struct arc_sha256 *h);
void arc_sha256_update(struct arc_sha256 *h, const void *data, size_t len);
void arc_sha256_hex(struct arc_sha256 *h, char hex[65]);  /* ends the hash */

/* ---- Content types (mime.c) --------------------------------------------- */

/* Bytes of a document's head that the content-type detector looks at. */
#define ARC_MIME_HEAD (256u << 10)

struct arc_mime;
struct arc_mime *arc_mime_new(struct arc_error *err);
void arc_mime_free(struct arc_mime *m);

/* Returns the MIME type of a document from its first bytes; the string is
 * valid until the next call.  Never NULL: unknown is application/octet-stream. */
const char *arc_mime_of(struct arc_mime *m, const void *head, size_t len);

/* Is this a container arc-scan opens (zip, tar, 7z, compressed tar)? */
int arc_mime_is_container(const char *mime);

/* ---- Scanning folders and archives (scan.c, container.c) ---------------- */

struct arc_scan_options {
	int recurse;             /* descend into subfolders */
	long settle;             /* leave files modified in the last N seconds */
	time_t now;              /* "now" for settle; 0 is the current time */
	uint64_t max_unpacked;   /* cap on bytes read out of one archive */
	double max_ratio;        /* cap on unpacked bytes / archive size */
	int jobs;                /* files read at once (threads) */
};

#define ARC_SCAN_MAX_UNPACKED_DEFAULT (8ull << 30)
#define ARC_SCAN_MAX_RATIO_DEFAULT 100.0
/* The ratio cap applies once this much has come out of an archive, so that
 * small, highly compressible archives (a few blank TIFFs) still open. */
#define ARC_SCAN_RATIO_GRACE (16ull << 20)

void arc_scan_options_default(struct arc_scan_options *o);

enum arc_scan_event {
	ARC_SCAN_RECORD,  /* a document's record (maybe with "error") */
	ARC_SCAN_NOTICE,  /* something left alone on purpose (settle, symlink) */
	ARC_SCAN_FAILURE, /* something could not be read; exit status 1 */
};

/*
 * Called for every event, on the thread that called arc_scan_path or
 * arc_scan_finish.  For ARC_SCAN_RECORD, rec is borrowed: the
 * callback writes it and returns; message is the record's error, or NULL.
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

/* Checks a name from inside an archive: returns NULL if it is safe, or why
 * not (absolute, "..", control characters, invalid UTF-8, empty). */
const char *arc_member_name_problem(const char *name);

/* ---- Ordered work queue (queue.c) ------------------------------------------ */

/* Runs on a worker thread; worker is that thread's own context. */
typedef void (*arc_queue_run_fn)(void *worker, void *item);

/* Called on the submitting thread for every item, in submission order,
 * after its run; stopped says an earlier call asked to stop (the item is
 * then only to be freed).  Nonzero asks to stop. */
typedef int (*arc_queue_done_fn)(void *ctx, void *item, int stopped);

struct arc_queue;

/* Starts nworkers threads; NULL when none could start.  At most depth
 * items are in flight (0: a few per worker), and, unless max_bytes is 0,
 * items of at most max_bytes in all (as submit counts them). */
struct arc_queue *arc_queue_new(void *const *worker_ctx, int nworkers,
    size_t depth, size_t max_bytes, arc_queue_run_fn run,
    arc_queue_done_fn done, void *ctx);

/*
 * Queues item (ready: nothing to run, only its place in the order), which
 * holds this many bytes.  Hands back finished items meanwhile, and waits
 * while the queue is full (depth items, or max_bytes).  ARC_FATAL once a
 * done call asked to stop.
 */
int arc_queue_submit(struct arc_queue *q, void *item, int ready,
    size_t bytes);

/* Waits for every item, hands them back, ends the threads and frees q. */
int arc_queue_finish(struct arc_queue *q);

/* ---- Parallel record processing (pool.c) --------------------------------- */

/* Processes one record in place on a worker thread; worker is that thread's
 * own context.  Returns ARC_OK, or ARC_ERR with err set. */
typedef int (*arc_pool_work_fn)(void *worker, json_t *rec,
    struct arc_error *err);

/*
 * Called on the calling thread for every input line, in input order: rec
 * (borrowed) with the worker's status and err, or rec NULL when the reader
 * rejected the line at file:line (err says why).  A line too long that
 * named its document comes as its identity, not worked on, with status
 * ARC_ERR and the reader's err.  Nonzero stops the run.
 */
typedef int (*arc_pool_done_fn)(void *ctx, json_t *rec, int status,
    const struct arc_error *err, const char *file, long line);

/* Reads every record from r and runs it through nworkers threads, at most a
 * few records per worker in memory at once.  ARC_FATAL if stopped. */
int arc_pool_run(struct arc_reader *r, void *const *worker_ctx, int nworkers,
    arc_pool_work_fn work, arc_pool_done_fn done, void *ctx);

/* ---- Language (lang.c) ---------------------------------------------------- */

/* "ind" or "eng" by the text's commonest words; NULL when too little text. */
const char *arc_lang_guess(const char *text);

/* ---- OCR (ocr.c, pages.c, pdf.c) ----------------------------------------- */

struct arc_ocr_options {
	const char *lang;        /* Tesseract languages, as "ind+eng" */
	int dpi;                 /* for images that do not say theirs */
	uint64_t max_pixels;     /* per page, checked before decoding */
	int max_pages;           /* per document, checked before reading */
	size_t max_bytes;        /* per document */
	int page_timeout;        /* seconds one page may take */
	int preprocess;          /* undo rotation and skew, clean background */
	const char *pdf_dir;     /* write searchable PDFs here, or NULL */
};

#define ARC_OCR_LANG_DEFAULT "ind+eng"
#define ARC_OCR_DPI_DEFAULT 300
#define ARC_OCR_MAX_PIXELS_DEFAULT (60ull * 1000 * 1000)
#define ARC_OCR_MAX_PAGES_DEFAULT 1000
#define ARC_OCR_MAX_BYTES_DEFAULT ((size_t)512 << 20)
#define ARC_OCR_PAGE_TIMEOUT_DEFAULT 120

void arc_ocr_options_default(struct arc_ocr_options *o);

/* Checks that every language's data is installed; if not, err names the
 * Debian package to install. */
int arc_ocr_check_languages(const char *lang, struct arc_error *err);

/*
 * One OCR engine: Tesseract handles initialised once and reused for every
 * page.  Not thread-safe: each worker thread has its own.
 */
struct arc_ocr;
struct arc_ocr *arc_ocr_new(const struct arc_ocr_options *o,
    struct arc_error *err);
void arc_ocr_free(struct arc_ocr *ocr);

/* Makes n engines at once, each loading its models in its own thread, so
 * that start-up takes as long as one engine's.  ARC_ERR: none is kept. */
int arc_ocr_new_all(const struct arc_ocr_options *o, int n,
    struct arc_ocr **engines, struct arc_error *err);

/*
 * Reads the document a record names and adds "text", "pages", "lang" and
 * "ocr" to it, and "pdf" when it wrote a searchable PDF.  ARC_ERR: the document could not be read (err says why);
 * the caller sets the record's "error".
 */
int arc_ocr_record(struct arc_ocr *ocr, json_t *rec, struct arc_error *err);

/* ---- Shared data (share.c) ----------------------------------------------- */

/*
 * Finds share/NAME (rules, faq, samples): in the source tree when the
 * program runs from its build tree, else where `make install` put it.
 * Returns ARC_OK with the path in buf, or ARC_ERR when it is not there.
 */
int arc_share_path(const char *name, char *buf, size_t size);

/* ---- Tagging (rules.c, tag.c, extract.c, fold.c, ac.c, fuzzy.c) ---------- */

/* Receives every problem in a rule file: errors, and warnings whose
 * message starts with "warning: ". */
typedef void (*arc_rules_diag_fn)(void *ctx, const char *file, long line,
    const char *message);

struct arc_rules;
struct arc_rules *arc_rules_new(void);
void arc_rules_free(struct arc_rules *rs);

/* Adds a rule file, or every *.rules file in a folder in name order.  A
 * file with any error adds nothing (ARC_ERR); every error goes to diag. */
int arc_rules_load(struct arc_rules *rs, const char *path,
    arc_rules_diag_fn diag, void *ctx);
int arc_rules_load_dir(struct arc_rules *rs, const char *dir,
    arc_rules_diag_fn diag, void *ctx);
int arc_rules_count(const struct arc_rules *rs);

/* Prepares the loaded rules for matching; call once after loading. */
int arc_rules_compile(struct arc_rules *rs, struct arc_error *err);

/* Warns (through diag) of rules that duplicate or can never add to
 * another; returns the number of warnings. */
int arc_rules_lint(const struct arc_rules *rs, arc_rules_diag_fn diag,
    void *ctx);

/* One thread's matcher over compiled rules (shared, read-only). */
struct arc_tagger;
struct arc_tagger *arc_tagger_new(const struct arc_rules *rs);
void arc_tagger_free(struct arc_tagger *t);

/*
 * Sets rec's "tags" and "fields" from its "text" (none: no tags), and
 * "tags_undecided" when a regex gave up on it.  doc names the document in
 * notes.  With notes (a JSON array), appends {"file", "line", "warning",
 * "message"} objects: warnings, and with explain, which rule gave each tag
 * and field and what it matched.  ARC_ERR: rec is not taggable.
 */
int arc_tag_record(struct arc_tagger *t, json_t *rec, const char *doc,
    json_t *notes, int explain, struct arc_error *err);

/* ---- The archive (store.c, index.c, copy.c, find.c, query.c) ------------- */

/* The archive's database: opt (--db) if given, else $ARC_DB, else
 * ${XDG_DATA_HOME:-$HOME/.local/share}/arc/archive.db. */
int arc_db_path(const char *opt, char *buf, size_t size,
    struct arc_error *err);

/*
 * Opens the archive; with write, creates it (and its folder) if need be,
 * in WAL mode, files readable by owner and group only.  Readers never
 * wait; a writer waits for another (up to ten minutes).
 */
struct arc_store;
/* Does the file at path hold no tables yet: an archive another arc-index
 * is making at this moment (or an empty file)?  Such an archive holds
 * nothing yet. */
int arc_store_being_made(const char *path);
struct arc_store *arc_store_open(const char *path, int write,
    struct arc_error *err);
void arc_store_close(struct arc_store *s);

enum { ARC_STORE_ABSENT, ARC_STORE_ARCHIVED, ARC_STORE_FAILED,
	ARC_STORE_FORGOTTEN };
/* Failures after which arc-scan --new stops offering a document. */
#define ARC_RETRIES_DEFAULT 3
/* What the archive knows of a document; attempts counts failures. */
int arc_store_state(struct arc_store *s, const char *sha256, int *attempts);

/* Checks the database and every copy (its sha256): each problem goes to
 * report, with the document's sha256 or NULL. */
typedef void (*arc_check_fn)(void *ctx, const char *sha256,
    const char *problem);
struct arc_check_stats {
	long documents, copies, failed, problems;
	long temporaries;       /* interrupted runs' partial copies removed */
	long strays;            /* copies no document points to, removed */
	int readonly;           /* checked read-only: nothing removed */
};
int arc_store_check(struct arc_store *s, arc_check_fn report, void *ctx,
    struct arc_check_stats *stats, struct arc_error *err);
/*
 * Erases the document with this sha256 on request: its rows and words
 * deleted with SQLite's secure_delete and the sha256 kept as forgotten
 * (one transaction: from then on no arc-index, running or not, archives
 * it again), then every copy of it and its searchable PDF overwritten and
 * removed, the index merged and the log emptied, so that no file keeps
 * any of it.  ARC_ERR: no such document, or erased already; ARC_FATAL:
 * the archive could not be changed, and running it again finishes the
 * work (the archive notes the erasure as unfinished until then).  Copies
 * with no row (a run killed after copying) are erased too.
 */
struct arc_forget_result {
	int copies;             /* copies erased */
	char *pdf;              /* the searchable PDF erased, or NULL */
	char *original;         /* where the original was, or NULL */
	char *member;           /* and the member of it, or NULL */
	int original_left;      /* and it is still there */
	int resumed;            /* an earlier --forget's erasure, finished */
	int strays;             /* only copies no row pointed to */
};
int arc_forget(struct arc_store *s, const char *sha256,
    struct arc_forget_result *r, struct arc_error *err);
/* Finishes every erasure an earlier arc_forget began and could not
 * finish: how many, or ARC_FATAL (err set: run it again). */
int arc_forget_pending(struct arc_store *s, struct arc_error *err);
/* Reports each erasure begun and not finished, and each document in the
 * archive although erased; how many. */
int arc_forget_problems(struct arc_store *s, arc_check_fn report,
    void *ctx);
void arc_forget_result_free(struct arc_forget_result *r);

/* Merges the index's segments and checkpoints the log. */
int arc_store_optimize(struct arc_store *s, struct arc_error *err);

/* Writes data to path through a temporary file (mode, less the umask):
 * unnamed and linked in where the filesystem allows (O_TMPFILE), else
 * named and renamed over path; with durable, fsync'd (file and folder). */
int arc_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, int durable, struct arc_error *err);

/* Copies a record's original into the archive (verifying its sha256);
 * *archived gets the copy's path, malloc'd.  ARC_ERR: the original could
 * not be read or changed; ARC_FATAL: the copy could not be written. */
int arc_archive_copy(struct arc_store *s, json_t *rec, char **archived,
    struct arc_error *err);

/* Flushes the copies written so far to disk, before the database says
 * they exist. */
int arc_archive_sync(struct arc_store *s, struct arc_error *err);

struct arc_index_stats {
	long added, updated, unchanged, failed;
	long chats;     /* faqbot interactions newly kept */
	long erased;    /* erased on request (--forget) while the run went on */
};

/*
 * Indexes records: arc_index_record hands the record to one of jobs worker
 * threads, which copies the original (setting the record's "archived") and
 * makes its words; the calling thread writes the rows, in input order, a
 * batch to a transaction.  A document that cannot be copied is kept as
 * failed and reported through problem (on the calling thread, with the
 * name given with the record); a record that comes with "error" is kept as
 * failed without a report, one without a valid sha256 reported and not
 * kept.  arc_index_note reports a message in its place among the records
 * (a line that was not a record).  Both return ARC_OK, or ARC_FATAL when
 * the archive cannot be written (err says why).
  *
 * A record without "sha256" that is one of faqbot's interactions (string
 * "q", "status", "time" and "session") is kept in the archive's chat table
 * instead, once: the same time, session and question again is no new row.
 */
struct arc_indexer;
typedef void (*arc_index_problem_fn)(void *ctx, const char *name,
    const char *message);
struct arc_indexer *arc_indexer_new(struct arc_store *s, int jobs,
    arc_index_problem_fn problem, void *ctx);
int arc_index_record(struct arc_indexer *ix, json_t *rec, const char *name,
    struct arc_error *err);
/* The same for a record still as its JSON line (from arc_reader_next_raw;
 * taken over, freed here), parsed on a worker: a line that is no record is
 * reported as file:lineno. */
int arc_index_line(struct arc_indexer *ix, char *line, size_t len,
    const char *file, long lineno, struct arc_error *err);
int arc_index_note(struct arc_indexer *ix, const char *name,
    const char *message, struct arc_error *err);
int arc_indexer_finish(struct arc_indexer *ix, struct arc_index_stats *stats,
    struct arc_error *err);
void arc_indexer_free(struct arc_indexer *ix);

/*
 * Searches the archive.  The query is what a clerk types: words (all must
 * match; if no document has them all, the best with some, marked
 * "partial"), "phrases", -excluded, and tag:, nomor:, tanggal:, mime:,
 * path: filters; nothing in it is ever a syntax error.  No words: every
 * document, newest first.  fn gets each result record (borrowed); nonzero
 * stops.  Returns the number of results, or ARC_FATAL.
 */
struct arc_find_options {
	const char *query;
	long limit;
	const char *since, *until;      /* YYYY[-MM[-DD]], inclusive */
	/* Told of a result whose text cannot be read back (damaged: its
	 * snippet is then empty); NULL: not told. */
	arc_check_fn problem;
	void *problem_ctx;
};
typedef int (*arc_find_fn)(void *ctx, json_t *result);
long arc_find(struct arc_store *s, const struct arc_find_options *o,
    arc_find_fn fn, void *ctx, struct arc_error *err);

/* ---- String maps (strmap.c) ---------------------------------------------- */

/* A hash map from byte strings (copied in) to numbers. */
struct arc_strmap;
struct arc_strmap *arc_strmap_new(void);
void arc_strmap_free(struct arc_strmap *m);
int arc_strmap_put(struct arc_strmap *m, const char *key, size_t len,
    long value);                                   /* ARC_OK or ARC_FATAL */
int arc_strmap_get(const struct arc_strmap *m, const char *key, size_t len,
    long *value);                                  /* 1 found, 0 not */
size_t arc_strmap_count(const struct arc_strmap *m);

/* ---- The chatbot's knowledge (faq.c, faqwords.c, faqmatch.c, status.c) --- */

/* Receives every problem in an answer, word or status file: errors, and
 * warnings whose message starts with "warning: ". */
typedef void (*arc_faq_diag_fn)(void *ctx, const char *file, long line,
    const char *message);

struct arc_faq;
struct arc_faq *arc_faq_new(void);
void arc_faq_free(struct arc_faq *faq);

/*
 * Adds an answer file, or every *.faq file of a folder in name order
 * (faqbot-faq(5)).  A file with an error adds nothing (ARC_ERR).
 */
int arc_faq_load(struct arc_faq *faq, const char *path, arc_faq_diag_fn diag,
    void *ctx);
/* Adds a normalisation list ("gmn = bagaimana") or synonym groups. */
int arc_faq_load_words(struct arc_faq *faq, const char *path,
    arc_faq_diag_fn diag, void *ctx);
int arc_faq_load_synonyms(struct arc_faq *faq, const char *path,
    arc_faq_diag_fn diag, void *ctx);

/* Builds the index of every phrasing; call once, after loading. */
int arc_faq_prepare(struct arc_faq *faq, struct arc_error *err);

/* Warns of duplicate ids, one phrasing under two entries, empty answers,
 * a missing _decline text; returns the number of warnings and errors. */
int arc_faq_check(const struct arc_faq *faq, arc_faq_diag_fn diag, void *ctx);
int arc_faq_count(const struct arc_faq *faq);

#define ARC_FAQ_TOP 3

struct arc_faq_candidate {
	int entry;          /* index of the entry */
	double score;       /* 0..1: how well the question matches it */
	int phrasing;       /* its phrasing that matched best */
};

struct arc_faq_result {
	int english;        /* the question is in English */
	int ncand;
	struct arc_faq_candidate cand[ARC_FAQ_TOP];  /* best first */
	char words[512];    /* the question's words as matched, for --explain */
};

/* Ranks the entries for a question (valid UTF-8), after arc_faq_prepare.
 * Not thread-safe: the stemmers keep state between calls. */
int arc_faq_ask(const struct arc_faq *faq, const char *question,
    struct arc_faq_result *res);

/* An entry's parts; text may be "_decline" etc. (special texts). */
const char *arc_faq_id(const struct arc_faq *faq, int entry);
const char *arc_faq_phrasing(const struct arc_faq *faq, int entry, int n);
const char *arc_faq_answer(const struct arc_faq *faq, int entry, int english);
int arc_faq_handoff(const struct arc_faq *faq, int entry);
/* The entry with this id, or -1. */
int arc_faq_find(const struct arc_faq *faq, const char *id);

/*
 * The status export: TSV, a header line, application numbers first.
 * arc_status_lookup looks for an application number in a question: 1 and
 * the row in *row (header names and values, "name: value; ...") when it is
 * known, 0 when the question holds none, -1 when it holds one that is not
 * in the file (number gets it, for the answer).
 */
struct arc_status;
struct arc_status *arc_status_load(const char *path, arc_faq_diag_fn diag,
    void *ctx);
void arc_status_free(struct arc_status *st);
int arc_status_lookup(const struct arc_status *st, const char *question,
    char *number, size_t size, const char **row);

/* ---- Reports (report.c) ------------------------------------------------- */

/*
 * The reports of arc-report(1), each a list of rows (objects with
 * "report" and their columns, in order): documents (per day indexed),
 * tags, folders, failures, chat (per day), unanswered (questions faqbot
 * did not answer, alike ones grouped).  fn gets every row (borrowed);
 * nonzero stops.
 */
struct arc_report_range {
	const char *since, *until;      /* YYYY[-MM[-DD]], inclusive */
};
typedef int (*arc_report_fn)(void *ctx, const char *report, json_t *row);
extern const char *const arc_report_names[];   /* NULL-terminated */
int arc_report(struct arc_store *s, const char *name,
    const struct arc_report_range *range, arc_report_fn fn, void *ctx,
    struct arc_error *err);
#endif
