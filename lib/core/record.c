/* record.c: reading and writing records, one JSON object per line. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_i18n.h"
#include "core_internal.h"

struct arc_reader {
	char *const *files;
	int nfiles;
	int next_file;     /* index of the next file to open */
	unsigned flags;
	size_t line_max;

	int fd;            /* -1 when no file is open */
	const char *name;  /* current file's name for diagnostics */
	long lineno;

	char *buf;         /* raw bytes read but not yet consumed */
	size_t buf_len, buf_off, buf_cap;
	int at_eof;

	char *line;        /* the current line, NUL-terminated */
	size_t line_cap;
	size_t kept;       /* of a line over line_max: its first bytes kept */
	int is_document;   /* the open file is a document, not records */
	const char *document_hint;  /* borrowed; see arc_reader_set_hint */
};

struct arc_reader *
arc_reader_new(char *const *files, int nfiles, unsigned flags)
{
	struct arc_reader *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->files = files;
	r->nfiles = nfiles;
	r->flags = flags;
	r->line_max = ARC_LINE_MAX_DEFAULT;
	r->fd = -1;
	r->buf_cap = 1 << 16;
	if ((r->buf = malloc(r->buf_cap)) == NULL) {
		free(r);
		return NULL;
	}
	return r;
}

void
arc_reader_set_line_max(struct arc_reader *r, size_t max)
{
	r->line_max = max;
}

void
arc_reader_set_hint(struct arc_reader *r, const char *hint)
{
	r->document_hint = hint;
}

static void
close_current(struct arc_reader *r)
{
	if (r->fd > 0)
		close(r->fd);
	r->fd = -1;
}

void
arc_reader_free(struct arc_reader *r)
{
	if (r == NULL)
		return;
	close_current(r);
	free(r->buf);
	free(r->line);
	free(r);
}

const char *
arc_reader_file(const struct arc_reader *r)
{
	return r->name ? r->name : "-";
}

long
arc_reader_line(const struct arc_reader *r)
{
	return r->lineno;
}

int
arc_reader_wait(struct arc_reader *r, int ms)
{
	struct pollfd p;

	if (r->fd < 0 || r->at_eof || r->buf_off < r->buf_len)
		return 1;
	p.fd = r->fd;
	p.events = POLLIN;
	/* An error or a hang-up is for the read to say. */
	return poll(&p, 1, ms) > 0;
}

/* The first bytes of the documents people name where records are due. */
static const struct {
	const char *bytes;
	size_t len;
} document_magic[] = {
	{ "%PDF-", 5 },
	{ "\x89PNG\r\n\x1a\n", 8 },
	{ "\xff\xd8\xff", 3 },                 /* JPEG */
	{ "II*\0", 4 }, { "MM\0*", 4 },         /* TIFF */
	{ "GIF8", 4 },
	{ "PK\x03\x04", 4 },                   /* zip, docx, odt */
	{ "7z\xbc\xaf\x27\x1c", 6 },
	{ "\x1f\x8b", 2 },                      /* gzip, tar.gz */
};
#define NMAGIC (sizeof(document_magic) / sizeof(document_magic[0]))

/* Reads the open file's first block into the buffer, where it stays for
 * reading lines. */
static void
read_first_block(struct arc_reader *r)
{
	ssize_t got;

	do
		got = read(r->fd, r->buf, r->buf_cap);
	while (got < 0 && errno == EINTR);
	/* Nothing read: end of file, or an error read_line meets again. */
	if (got == 0)
		r->at_eof = 1;
	if (got > 0)
		r->buf_len = (size_t)got;
}

static int
has_magic(const struct arc_reader *r)
{
	for (size_t i = 0; i < NMAGIC; i++)
		if (r->buf_len >= document_magic[i].len &&
		    memcmp(r->buf, document_magic[i].bytes,
		    document_magic[i].len) == 0)
			return 1;
	return 0;
}

/* Whether the first block holds a NUL byte or is not UTF-8. */
static int
is_binary(const struct arc_reader *r)
{
	size_t valid;

	if (r->buf_len == 0)
		return 0;
	if (memchr(r->buf, '\0', r->buf_len) != NULL)
		return 1;
	valid = arc_utf8_valid_prefix(r->buf, r->buf_len);
	/* A character cut at the end of the block is not a fault. */
	return r->buf_len - valid > 3;
}

/*
 * Whether the file just opened is a document (an image, a PDF, an archive)
 * rather than records or paths: known first bytes, or a first block that
 * is not text.  A file that starts as records is not (its bad lines are
 * its own, each said where it is), nor is a list of paths piped in for
 * being binary: one name in it may not be UTF-8.
 */
static int
looks_like_document(struct arc_reader *r)
{
	size_t i = 0;

	read_first_block(r);
	if (has_magic(r))
		return 1;
	if ((r->flags & ARC_READ_PATHS) && strcmp(r->name, "-") == 0)
		return 0;
	while (i < r->buf_len && strchr(" \t\r\n", r->buf[i]) != NULL)
		i++;
	if (i < r->buf_len && r->buf[i] == '{')
		return 0;
	return is_binary(r);
}

/* Says that the file r has open is a document, not records. */
static int
document_error(const struct arc_reader *r, struct arc_error *err)
{
	const char *hint = r->document_hint, *at;
	const char *name = strcmp(r->name, "-") == 0 ? "FILE" : r->name;

	if (r->flags & ARC_READ_PATHS)
		return arc_error_set(err, "this is a scan or document, not "
		    "file names or records; name the file as an operand "
		    "instead");
	if (hint == NULL)
		return arc_error_set(err, "this is a scan or document, not "
		    "records");
	/* The hint (N_) in English for the record, and in the user's
	 * language for people. */
	if ((at = strstr(hint, "%s")) == NULL) {
		arc_error_set(err, "this is a scan or document, not records; "
		    "%s", hint);
		arc_mask_format(err->local, sizeof(err->local),
		    _("this is a scan or document, not records; %s"),
		    _(hint));
		return ARC_ERR;
	}
	arc_error_set(err, "this is a scan or document, not records; "
	    "%.*s%s%s", (int)(at - hint), hint, name, at + 2);
	hint = _(hint);
	if ((at = strstr(hint, "%s")) != NULL)
		arc_mask_format(err->local, sizeof(err->local),
		    _("this is a scan or document, not records; %.*s%s%s"),
		    (int)(at - hint), hint, name, at + 2);
	return ARC_ERR;
}

/* Opens the next input; ARC_EOF when none is left, ARC_ERR if it cannot be
 * opened or is a document where records are due. */
static int
open_next(struct arc_reader *r, struct arc_error *err)
{
	const char *name;

	if (r->next_file >= (r->nfiles > 0 ? r->nfiles : 1))
		return ARC_EOF;
	name = r->nfiles > 0 ? r->files[r->next_file] : "-";
	r->next_file++;
	r->name = name;
	r->lineno = 0;
	r->buf_len = r->buf_off = 0;
	r->at_eof = 0;
	if (strcmp(name, "-") == 0)
		r->fd = 0;
	else if ((r->fd = open(name, O_RDONLY | O_CLOEXEC)) < 0)
		return arc_error_sys(err, errno, "%s", strerror(errno));
	if (!looks_like_document(r))
		return ARC_OK;
	/* Named as an operand, where paths are read: the document itself. */
	if ((r->flags & ARC_READ_PATHS) && strcmp(r->name, "-") != 0) {
		r->is_document = 1;
		return ARC_OK;
	}
	close_current(r);
	return document_error(r, err);
}

/* Appends n bytes to the current line, or what fits under the cap: the
 * start of a line too long is kept, to name its document. */
static int
line_append(struct arc_reader *r, size_t *len, const char *p, size_t n,
    int *too_long)
{
	if (*too_long)
		return ARC_OK;
	if (*len + n > r->line_max) {
		*too_long = 1;
		n = r->line_max - *len;
	}
	if (arc_grow(&r->line, &r->line_cap, *len, n + 1, 1) != ARC_OK)
		return ARC_FATAL;
	memcpy(r->line + *len, p, n);
	*len += n;
	r->line[*len] = '\0';
	return ARC_OK;
}

/*
 * Reads one line of the current file into r->line without its newline.
 * ARC_EOF at end of file, ARC_ERR for a read error or an overlong line
 * (which is consumed to its end), ARC_FATAL when out of memory.
 */
static int
read_line(struct arc_reader *r, size_t *lenp, struct arc_error *err)
{
	size_t len = 0;
	int too_long = 0, any = 0;
	ssize_t got;

	for (;;) {
		if (r->buf_off == r->buf_len) {
			if (r->at_eof)
				break;
			do
				got = read(r->fd, r->buf, r->buf_cap);
			while (got < 0 && errno == EINTR);
			if (got < 0) {
				r->at_eof = 1;
				return arc_error_sys(err, errno,
				    "read error: %s", strerror(errno));
			}
			if (got == 0) {
				r->at_eof = 1;
				break;
			}
			r->buf_len = (size_t)got;
			r->buf_off = 0;
		}
		any = 1;
		char *start = r->buf + r->buf_off;
		size_t avail = r->buf_len - r->buf_off;
		char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) : avail;
		if (line_append(r, &len, start, take, &too_long) != ARC_OK)
			return ARC_FATAL;
		r->buf_off += take + (nl ? 1 : 0);
		if (nl)
			break;
	}
	if (!any && len == 0)
		return ARC_EOF;
	r->lineno++;
	if (too_long) {
		r->kept = len;
		return arc_error_set(err, "line longer than %zu bytes; skipped",
		    r->line_max);
	}
	if (r->line == NULL && line_append(r, &len, "", 0, &too_long) != ARC_OK)
		return ARC_FATAL;
	if (len > 0 && r->line[len - 1] == '\r')
		r->line[--len] = '\0';
	*lenp = len;
	return ARC_OK;
}

static int
is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* Turns a jansson message into ours: its "near '...'" part would quote the
 * input, which may hold personal data, so it is cut. */
static void
json_reason(const json_error_t *je, struct arc_error *err)
{
	char text[JSON_ERROR_TEXT_LENGTH];
	char *near;

	snprintf(text, sizeof(text), "%s", je->text);
	if ((near = strstr(text, " near ")) != NULL)
		*near = '\0';
	arc_error_set(err, "invalid JSON at column %d: %s", je->column, text);
}

int
arc_record_parse(const char *line, size_t len, json_t **rec,
    struct arc_error *err)
{
	size_t valid = arc_utf8_valid_prefix(line, len);
	json_error_t je;

	*rec = NULL;
	if (valid != len)
		return arc_error_set(err, "invalid UTF-8 at byte %zu",
		    valid + 1);
	if ((*rec = arc_json_quick(line, len)) != NULL)
		return ARC_OK;
	*rec = json_loadb(line, len, JSON_REJECT_DUPLICATES, &je);
	if (*rec == NULL) {
		json_reason(&je, err);
		return ARC_ERR;
	}
	if (!json_is_object(*rec)) {
		json_decref(*rec);
		*rec = NULL;
		return arc_error_set(err, "a record must be a JSON object");
	}
	return ARC_OK;
}

/* A bare path, in ARC_READ_PATHS mode: a line that is not a record. */
static int
is_path_line(const struct arc_reader *r)
{
	const char *p = r->line;

	while (*p == ' ' || *p == '\t')
		p++;
	return (r->flags & ARC_READ_PATHS) && *p != '{';
}

static int
path_record(const struct arc_reader *r, size_t len, json_t **rec,
    struct arc_error *err)
{
	size_t valid = arc_utf8_valid_prefix(r->line, len);

	*rec = NULL;
	/* A name a record cannot hold is one bad line, not the end of the
	 * run (json_string refuses it). */
	if (valid != len)
		return arc_error_set(err, "invalid UTF-8 at byte %zu",
		    valid + 1);
	if (strlen(r->line) != len)
		return arc_error_set(err, "NUL byte in a file name");
	if ((*rec = json_object()) == NULL ||
	    json_object_set_new(*rec, "path", json_string(r->line)) != 0) {
		json_decref(*rec);
		*rec = NULL;
		return ARC_FATAL;
	}
	return ARC_OK;
}

/*
 * A line too long to read whole may still name its document: arc-scan
 * writes "path", "sha256" and the rest first, and the text comes after.
 * These are the fields an error record keeps (arc-record(5)).
 */
static const char *const identity_keys[] = {
	"path", "member", "sha256", "size", "mtime", "mime",
};
#define NIDENTITY (sizeof(identity_keys) / sizeof(identity_keys[0]))
/* A value longer than this is not a name: not kept. */
#define IDENTITY_VALUE_MAX 65536

static const char *
skip_space(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The byte after the JSON string opening at p, or NULL when the text ends
 * first (or has a control byte, which no string may hold). */
static const char *
string_end(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '"')
			return p + 1;
		if (*p == '\\' && ++p == end)
			return NULL;
		if ((unsigned char)*p < 0x20)
			return NULL;
	}
	return NULL;
}

/* The end of the value at p: after a string or a whole object or array
 * (counted, not recursed into), or, for any other value, the ',' or '}'
 * after it.  NULL when the text ends first.  Nothing is checked here but
 * where strings end: the values kept are read again by jansson. */
static const char *
value_end(const char *p, const char *end)
{
	size_t depth = 0;

	while (p < end) {
		if (*p == '"') {
			if ((p = string_end(p, end)) == NULL)
				return NULL;
			if (depth == 0)
				return p;
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if (*p == '}' || *p == ']') {
			if (depth == 0)
				return p;
			if (--depth == 0)
				return p + 1;
		} else if (*p == ',' && depth == 0)
			return p;
		p++;
	}
	return NULL;
}

/* The identity field named by the key from k to kend (quotes included),
 * or -1. */
static int
identity_key(const char *k, const char *kend)
{
	size_t n = (size_t)(kend - k) - 2;

	for (size_t i = 0; i < NIDENTITY; i++)
		if (strlen(identity_keys[i]) == n &&
		    memcmp(identity_keys[i], k + 1, n) == 0)
			return (int)i;
	return -1;
}

/* The value from v to vend, when it has the type the field must have. */
static json_t *
identity_value(int field, const char *v, const char *vend)
{
	json_error_t je;
	json_t *value;

	if ((size_t)(vend - v) > IDENTITY_VALUE_MAX)
		return NULL;
	value = json_loadb(v, (size_t)(vend - v), JSON_DECODE_ANY, &je);
	if (strcmp(identity_keys[field], "size") == 0 ?
	    json_is_integer(value) : json_is_string(value))
		return value;
	json_decref(value);
	return NULL;
}

json_t *
arc_record_identity_of_prefix(const char *line, size_t len)
{
	const char *p = line, *end = line + len, *k, *kend, *v;
	json_t *id = json_object(), *value;
	int field;

	p = skip_space(p, end);
	if (id == NULL || p == end || *p++ != '{')
		goto none;
	for (;;) {
		p = skip_space(p, end);
		k = p;
		if (p == end || *p != '"' ||
		    (kend = string_end(k, end)) == NULL)
			break;
		p = skip_space(kend, end);
		if (p == end || *p++ != ':')
			break;
		v = p = skip_space(p, end);
		if ((p = value_end(p, end)) == NULL || p == v)
			break;
		if ((field = identity_key(k, kend)) >= 0 &&
		    (value = identity_value(field, v, p)) != NULL) {
			/* Named twice: which one is the document? */
			if (json_object_get(id, identity_keys[field]) != NULL) {
				json_decref(value);
				goto none;
			}
			if (json_object_set_new(id, identity_keys[field],
			    value) != 0)
				goto none;
		}
		p = skip_space(p, end);
		if (p == end || *p++ != ',')
			break;
	}
	if (json_object_get(id, "path") != NULL ||
	    json_object_get(id, "sha256") != NULL)
		return id;
none:
	json_decref(id);
	return NULL;
}

int
arc_record_keep_identity(json_t *rec)
{
	json_t *id = json_object(), *value;
	int st = ARC_OK;

	if (id == NULL)
		return ARC_FATAL;
	for (size_t i = 0; i < NIDENTITY; i++)
		if ((value = json_object_get(rec, identity_keys[i])) != NULL &&
		    json_object_set(id, identity_keys[i], value) != 0)
			st = ARC_FATAL;
	if (st == ARC_OK && (json_object_clear(rec) != 0 ||
	    json_object_update(rec, id) != 0))
		st = ARC_FATAL;
	json_decref(id);
	return st;
}

/*
 * The next line that is not blank, in r->line (*rec NULL), or a record
 * made for a document named on the command line (*rec set).  A line too
 * long to read that names its document: ARC_ERR with *rec set to the
 * document's identity.
 */
static int
next_line(struct arc_reader *r, size_t *len, json_t **rec,
    struct arc_error *err)
{
	int st;

	*rec = NULL;
	for (;;) {
		if (r->fd < 0) {
			st = open_next(r, err);
			if (st != ARC_OK)
				return st;
			if (r->is_document) {
				close_current(r);
				r->is_document = 0;
				*rec = json_pack("{s:s}", "path", r->name);
				return *rec != NULL ? ARC_OK : ARC_FATAL;
			}
		}
		r->kept = 0;
		st = read_line(r, len, err);
		if (st == ARC_EOF) {
			close_current(r);
			continue;
		}
		if (st == ARC_ERR && r->kept > 0 && (*rec =
		    arc_record_identity_of_prefix(r->line, r->kept)) != NULL)
			arc_error_set(err, "record longer than %zu bytes: its "
			    "text is too long to archive", r->line_max);
		if (st != ARC_OK)
			return st;
		if (!is_blank(r->line, *len))
			return ARC_OK;
	}
}

int
arc_reader_next(struct arc_reader *r, json_t **rec, struct arc_error *err)
{
	size_t len = 0;
	int st = next_line(r, &len, rec, err);

	if (st != ARC_OK || *rec != NULL)
		return st;
	if (is_path_line(r))
		return path_record(r, len, rec, err);
	return arc_record_parse(r->line, len, rec, err);
}

int
arc_reader_next_raw(struct arc_reader *r, json_t **rec, char **line,
    size_t *len, struct arc_error *err)
{
	int st = next_line(r, len, rec, err);

	*line = NULL;
	if (st != ARC_OK || *rec != NULL)
		return st;
	if (is_path_line(r))
		return path_record(r, *len, rec, err);
	if ((*line = malloc(*len + 1)) == NULL) {
		arc_error_set(err, "out of memory");
		return ARC_FATAL;
	}
	memcpy(*line, r->line, *len + 1);
	return ARC_OK;
}

int
arc_record_longer_than(const json_t *rec, size_t max)
{
	/* Counted, not kept: jansson writes nothing past the size given. */
	return json_dumpb(rec, NULL, 0, JSON_COMPACT) > max;
}

int
arc_record_write(FILE *out, const json_t *rec)
{
	if (json_dumpf(rec, out, JSON_COMPACT) != 0 || putc('\n', out) == EOF ||
	    ferror(out))
		return ARC_FATAL;
	return ARC_OK;
}

int
arc_record_set_text(json_t *rec, const char *key, const char *value)
{
	size_t len = strlen(value);
	char *fixed = NULL;
	json_t *s;

	if (!arc_utf8_valid(value, len)) {
		if ((fixed = arc_utf8_repair(value, len)) == NULL)
			return ARC_FATAL;
		value = fixed;
	}
	s = json_string(value);
	free(fixed);
	if (s == NULL || json_object_set_new(rec, key, s) != 0)
		return ARC_FATAL;
	return ARC_OK;
}

void
arc_document_name(const char *path, const char *member, char *buf,
    size_t size)
{
	if (member != NULL)
		arc_mask_format(buf, size, "%s(%s)", path, member);
	else
		arc_mask_copy(buf, size, path);
}

void
arc_record_name(const json_t *rec, const char *file, long line, char *buf,
    size_t size)
{
	const char *path = json_string_value(json_object_get(rec, "path"));
	const char *member = json_string_value(json_object_get(rec, "member"));

	if (path != NULL)
		arc_document_name(path, member, buf, size);
	else if (file != NULL)
		arc_mask_format(buf, size, "%s:%ld", file, line);
	else
		snprintf(buf, size, "a record without \"path\"");
}

int
arc_record_set_error(json_t *rec, const char *stage, const char *message)
{
	json_t *e = json_object();

	if (e == NULL || arc_record_set_text(e, "stage", stage) != ARC_OK ||
	    arc_record_set_text(e, "message", message) != ARC_OK ||
	    json_object_set_new(rec, "error", e) != 0) {
		json_decref(e);
		return ARC_FATAL;
	}
	return ARC_OK;
}

void
arc_time_iso8601(time_t t, char buf[32])
{
	struct tm tm;
	long off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	size_t n = strftime(buf, 32, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, 32 - n, "%c%02ld:%02ld", off < 0 ? '-' : '+',
	    labs(off) / 60, labs(off) % 60);
}
