/* arc_core.h: what every layer of libarc shares: statuses and errors, records, UTF-8 text, words and stems, hashing, maps, work queues, shared data. */
#ifndef ARC_CORE_H
#define ARC_CORE_H

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

/* Why something failed: message as written (in English), for records and
 * the archive, which read the same for everyone; local in the user's
 * language, for diagnostics (arc_error_text). */
struct arc_error {
	char message[512];
	char local[512];
};

/* Sets err's message, and its local one from the format's translation,
 * from a printf format; returns ARC_ERR for convenience. */
int arc_error_set(struct arc_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* As arc_error_set, for a message that quotes strerror(errnum) among its
 * arguments: the local one gives the system's reason in the user's
 * language (arc_strerror), the message keeps strerror's, as records do. */
int arc_error_sys(struct arc_error *err, int errnum, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The message to show the user: the local one when it is set. */
const char *arc_error_text(const struct arc_error *err);

/* ---- Dates people read and write (date.c) ------------------------------ */

/* An ISO date (2026-12-03, 2026-12) as people read it, in their language:
 * "3 December 2026", "December 2026"; another string as it is.  Returns
 * buf. */
const char *arc_date_long(const char *iso, char *buf, size_t size);

/* Room for the ISO form arc_date_read writes (YYYY-MM-DD and a NUL). */
#define ARC_DATE_ISO_MAX 11

/*
 * Reads a date as people type it, in Indonesian or English, the day ever
 * before the month: a year (2026), a month (2026-12, 12-2026, 12/2026,
 * Desember 2026, Des 2026, December 2026, Dec 2026) or a day (2026-12-03,
 * 03-12-2026, 3/12/2026, 3.12.2026, 3 Desember 2026, 3 Des 2026,
 * 3-Des-2026).  Between numbers one '-', '/' or '.', the same twice;
 * around a month's name spaces or one '-', a '.' after it (Des. 2026).
 * Month names in any case, in full or short, old spellings too (Peb,
 * Nopember); the year always with four digits.  Writes iso as precise as
 * the date given: YYYY, YYYY-MM or YYYY-MM-DD.  Returns ARC_OK, or
 * ARC_ERR with err saying why: not written as a date, a month name that
 * is none, a short year, no such month or day (31-02-2026).  shaped, when
 * not NULL, is set to whether text is written as a date is, with a real
 * month's name if any, its numbers aside ("31 Februari 2026" is; "3",
 * "kemarin" and "3 rapat 2026" are not).
 */
int arc_date_read(const char *text, char iso[ARC_DATE_ISO_MAX], int *shaped,
    struct arc_error *err);

/* ---- Growable arrays (grow.c) -------------------------------------------- */

/*
 * Makes room for more items after the count in use in the array *items
 * points to (a T **, of *cap items of size bytes each), doubling: ARC_OK,
 * or ARC_FATAL when out of memory or the size would overflow (the array is
 * then as it was).
 */
int arc_grow(void *items, size_t *cap, size_t count, size_t more,
    size_t size);

/* ---- Files staff keep (stafffile.c) -------------------------------------- */

/* How bad a problem in a staff file is: an error refuses the file. */
enum arc_severity { ARC_SEVERITY_ERROR, ARC_SEVERITY_WARNING };

/* Receives every problem in a rule, answer, word or status file; file is
 * NULL and line 0 for a problem of the whole set. */
typedef void (*arc_diag_fn)(void *ctx, const char *file, long line,
    enum arc_severity severity, const char *message);

/* Where a staff file is being read, and where its problems go. */
struct arc_place {
	const char *file;
	long line;
	arc_diag_fn diag;       /* or NULL: problems only counted */
	void *ctx;
	int errors;             /* problems that are not warnings */
};

/* Reports a problem at the place, its NIKs masked. */
void arc_place_error(struct arc_place *at, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void arc_place_warning(struct arc_place *at, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/*
 * Reads the staff file at->file line by line into fn (the line without
 * its end, NUL-terminated), reporting the lines no staff file may have: a
 * NUL byte, more than line_max bytes, invalid UTF-8.  kind names the file
 * in messages ("cannot open rule file: ..."), or NULL.  Stops when fn
 * returns anything but ARC_OK, and returns that; at->line follows the
 * reading.
 */
int arc_staff_file_read(struct arc_place *at, const char *kind,
    size_t line_max, int (*fn)(void *arg, char *line), void *arg);

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
 * A file that is a scan or other document where records are due (known
 * first bytes such as %PDF- or PNG's, or a first block with a NUL byte or
 * not UTF-8, unless it starts as a record) is skipped whole: one ARC_ERR,
 * at line 0, whose message ends with hint, the next step to suggest, in
 * which a "%s" stands for the file's name.  hint is borrowed; NULL for
 * none.  With ARC_READ_PATHS such an operand is read as the document.
 */
void arc_reader_set_hint(struct arc_reader *r, const char *hint);

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
/*
 * Waits at most ms milliseconds for input: 1 when the next read may not
 * wait (input buffered or ready, end of file, or a file yet to open), 0
 * when none came in time or a signal came meanwhile.
 */
int arc_reader_wait(struct arc_reader *r, int ms);
const char *arc_reader_file(const struct arc_reader *r);  /* "-" for stdin */
long arc_reader_line(const struct arc_reader *r);

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
/* The same for a document named by its path and member (or NULL). */
void arc_document_name(const char *path, const char *member, char *buf,
    size_t size);

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

/*
 * Are these bytes a plain text arc reads (arc-ocr's textfile.c)?  Valid
 * UTF-8, or UTF-16 after a byte order mark, with no NUL and at most one
 * control character in a hundred besides tab, line and page breaks.  cut:
 * the bytes are only a document's head, which may end inside a character.
 * The one definition of text arc-scan and arc-ocr both go by.
 */
int arc_text_is_plain(const void *data, size_t len, int cut);

/* Returns a malloc'd copy of s[0..len) with invalid sequences and NUL bytes
 * replaced by U+FFFD; NULL when out of memory.  The caller frees. */
char *arc_utf8_repair(const char *s, size_t len);

/* Returns a malloc'd copy of text fit for a terminal: invalid UTF-8 and
 * control characters (C0 with tab and newline, DEL, C1 as U+0080-U+009F,
 * so every escape sequence) become '?'.  NULL when out of memory.  Every
 * human-readable layout of archive text goes through it; diagnostics
 * through arc_safe_line, which masks NIKs too. */
char *arc_text_printable(const char *text);

/* Masks every NIK in s, in place, 16 digits in a row (15 or 17 too: one
 * digit missed or added) or in groups parted by single spaces, dots or
 * dashes: the first four digits (the region) stay, the rest become '*'.
 * Says whether it masked any. */
int arc_mask_nik(char *s);

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

/* ---- Words and stems (words.c, stopwords.c) ------------------------------ */

/* Snowball's stemmers for Indonesian and English: not to be shared between
 * threads. */
struct sb_stemmer;
struct stem_cache;
struct arc_stemmers {
	struct sb_stemmer *ind, *eng;
	struct stem_cache *ind_cache, *eng_cache;  /* arc_index_words' */
};
int arc_stemmers_init(struct arc_stemmers *st);
void arc_stemmers_done(struct arc_stemmers *st);
/* The stem of a word (n bytes) in st's language, *len bytes long; numbers
 * and codes, and every word when st is NULL, as they are. */
const char *arc_stem(struct sb_stemmer *st, const char *w, size_t n,
    int *len);

/*
 * The words of text as the index holds them, separated by single spaces:
 * lower case, stemmed in lang ("ind" or "eng"; any other: as they are).
 * The tokenizer only splits what this made.  malloc'd; NULL: no memory.
 */
char *arc_index_words(struct arc_stemmers *st, const char *lang,
    const char *text, size_t len);

/* Longest word kept (bytes); longer runs of letters are cut. */
#define ARC_WORD_MAX 64

/*
 * What words are made of, for the index, the tagger and the chatbot alike:
 * ASCII letters and digits (not '_'), and beyond ASCII what iswalnum says
 * in the current locale's LC_CTYPE (the programs make it a UTF-8 one).
 */
int arc_is_word_char(unsigned long cp);

/* The same for one byte of UTF-8 text taken alone: an ASCII letter or
 * digit, and never a byte of a longer sequence, which is no character by
 * itself.  Inline: the archive's text coder asks it of every byte. */
static inline int
arc_is_word_byte(unsigned char c)
{
	return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
	    (c >= '0' && c <= '9');
}

/*
 * Finds the next word of text at or after from: its start in *start, its
 * lower-case form, Latin letters without diacritics, in word (at most
 * ARC_WORD_MAX bytes, not terminated) and
 * length in *wlen (0 when there is none).  Returns the offset after it.
 */
size_t arc_next_word(const char *text, size_t len, size_t from, size_t *start,
    char *word, size_t *wlen);

/*
 * A word written twice as clerks and citizens type it, once with a 2 after
 * it ("surat2", "buku2": surat-surat, buku-buku): the length of the word,
 * or 0 when text[0..len) is none.  Only letters before the 2, three bytes
 * or more (a UTF-8 sequence's bytes count as letters): "b2", "p2",
 * "pasal12" are names and numbers.
 */
size_t arc_said_twice(const char *text, size_t len);

/* Is this lower-case word too common to search by? (stopwords.c) */
int arc_is_stopword(const char *word);

/* ---- Language (lang.c) --------------------------------------------------- */

/* "ind" or "eng" by the text's commonest words; NULL when too little text. */
const char *arc_lang_guess(const char *text);

/* ---- Hashing (sha256.c) ------------------------------------------------- */

struct arc_sha256;
struct arc_sha256 *arc_sha256_new(void);
void arc_sha256_free(struct arc_sha256 *h);
void arc_sha256_reset(struct arc_sha256 *h);
void arc_sha256_update(struct arc_sha256 *h, const void *data, size_t len);
void arc_sha256_hex(struct arc_sha256 *h, char hex[65]);  /* ends the hash */

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
/* The hash the map uses, for tables of their own over the same keys. */
uint32_t arc_strmap_hash(const char *key, size_t len);

/* ---- Ordered work queue (queue.c) ---------------------------------------- */

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
 * done call asked to stop.  One thread submits, collects and finishes.
 */
int arc_queue_submit(struct arc_queue *q, void *item, int ready,
    size_t bytes);

/* Hands back the items finished so far, in order, without waiting for
 * the others; ARC_FATAL once a done call asked to stop. */
int arc_queue_collect(struct arc_queue *q);

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

/* ---- Shared data (share.c) ----------------------------------------------- */

/*
 * Finds share/NAME (rules, faq, samples): in the source tree when the
 * program runs from its build tree, else where `make install` put it.
 * Returns ARC_OK with the path in buf, or ARC_ERR when it is not there.
 */
int arc_share_path(const char *name, char *buf, size_t size);

/* Whether the program runs from its build tree (share/ is the sources'). */
int arc_share_in_build_tree(void);

/* The folder of the message catalogues (LOCALE/LC_MESSAGES/arc.mo): the
 * build tree's, the one beside an installed program, or the configured
 * PREFIX/share/locale. */
void arc_locale_dir(char *buf, size_t size);

/* ---- The office's configuration (conf.c) --------------------------------- */

/*
 * arc.conf(5): "name = value" lines, the names archive, scan, rules, faq
 * and status.  A value given on the command line or in the environment
 * wins over the file's; the file wins over a built-in default.
 */
struct arc_conf;

/*
 * SYSCONFDIR, the folder that holds arc/ (arc.conf, the office's rules and
 * answers): for an installed program, the one its install wrote into
 * share/arc/sysconfdir beside it (/etc for /usr, else PREFIX/etc, also
 * with cmake --install --prefix); else the configured one.
 */
const char *arc_sysconf_dir(void);

/* The file every program reads: $ARC_CONF, else SYSCONFDIR/arc/arc.conf. */
const char *arc_conf_path(void);

/*
 * Reads the configuration file at path into *out (freed by the caller with
 * arc_conf_free), its problems to diag with file and line: an unknown name
 * is a warning, a line that is not "name = value" an error.  A missing
 * file is no error: *out then holds no value.  Returns ARC_OK, ARC_ERR
 * when some line was wrong (*out still holds the other lines), or
 * ARC_FATAL when out of memory (*out NULL).
 */
int arc_conf_read(const char *path, struct arc_conf **out, arc_diag_fn diag,
    void *ctx);
/* The value of name, valid until arc_conf_free; NULL when not set. */
const char *arc_conf_value(const struct arc_conf *c, const char *name);
void arc_conf_free(struct arc_conf *c);

/*
 * The value of name in arc_conf_path() into buf, "" when not set.  ARC_ERR
 * when the file has an error (the first in err, as "file:line: message");
 * warnings are left to the programs that read the file with arc_conf_read.
 */
int arc_conf_lookup(const char *name, char *buf, size_t size,
    struct arc_error *err);

/*
 * The office's own NAME (rules, faq): SYSCONFDIR/arc/NAME when it is
 * there, else the shipped share/NAME (arc_share_path).  ARC_ERR when
 * neither is.
 */
int arc_office_path(const char *name, char *buf, size_t size);

/* ---- For the library's layers and the programs' front end --------------- */

/*
 * Returns a malloc'd copy of text fit for one diagnostic line: that of
 * arc_text_printable, with 16-digit runs (NIK numbers) keeping their first
 * four digits only.  NULL when out of memory.
 */
char *arc_safe_line(const char *text);

/* Decodes the UTF-8 character at s (avail bytes there): *len gets its
 * length; an invalid byte is U+FFFD of length 1. */
unsigned long arc_utf8_decode(const unsigned char *s, size_t avail,
    size_t *len);
/* Writes cp as UTF-8 (1 to 4 bytes) and returns the length. */
size_t arc_utf8_encode(unsigned long cp, char *out);

/* The files of folder dir whose names end in suffix (hidden ones left out),
 * as "dir/name" in name order.  ARC_ERR: the folder cannot be read (errno
 * says why); ARC_FATAL: no memory.  Free the list with arc_list_free. */
int arc_list_dir(const char *dir, const char *suffix, char ***names,
    size_t *n);
void arc_list_free(char **names, size_t n);

/* Size of the read buffer for documents and archive members. */
#define ARC_READ_CHUNK (1u << 20)

#endif
