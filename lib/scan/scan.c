/* scan.c: walking scanner folders and archives, one record per document. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive_entry.h>

#include "arc_i18n.h"
#include "scan_internal.h"

/* What one worker thread needs to read documents: its own libmagic handle
 * (libmagic is not thread-safe), hash and buffers. */
struct digester {
	struct arc_mime *mime;
	struct arc_sha256 *sha;
	unsigned char *chunk;    /* read buffer */
	unsigned char *head;     /* a document's first bytes, for libmagic */
	size_t head_len;
	uint64_t doc_size;       /* bytes of the current document so far */
};

/* Something to tell the caller, kept until its turn comes. */
struct event {
	enum arc_scan_event ev;
	char *file, *member, *message;
	json_t *rec;
};

/* One file to read on a worker, or only events to pass on in order. */
struct job {
	char *path;
	int fd;                  /* -1 for a job of events only */
	struct event *events;
	int nevents;
	size_t cap;
	int oom;                 /* an event was lost to lack of memory */
	int bad_name;            /* its name is not valid UTF-8 */
	const struct arc_scan_options *options;
};

struct arc_scan {
	struct arc_scan_options o;
	arc_scan_fn fn;
	void *ctx;
	struct digester *digesters;
	int nworkers;
	struct arc_queue *queue;
	char root[PATH_MAX];     /* real path of the folder being walked */
	int root_fd;             /* and that folder, open (-1 outside a walk) */
	int stopped;             /* the callback asked to stop */
};

/* What a document's bytes came to. */
struct digest {
	char sha256[65];
	char mime[128];
	uint64_t size;
};

/* Where a document was read: the file (for later stages to check that they
 * read the same one), and a member's place in its archive. */
struct origin {
	const struct stat *file;
	long long index;         /* the member's entry, counted from 0; or -1 */
	long long offset;        /* the byte offset of its header; or -1 */
};

void
arc_scan_options_default(struct arc_scan_options *o)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);

	memset(o, 0, sizeof(*o));
	o->jobs = cores > 0 ? (int)cores : 1;
	o->max_unpacked = ARC_SCAN_MAX_UNPACKED_DEFAULT;
	o->max_ratio = ARC_SCAN_MAX_RATIO_DEFAULT;
}

static void
digester_free(struct digester *d)
{
	arc_mime_free(d->mime);
	arc_sha256_free(d->sha);
	free(d->chunk);
	free(d->head);
}

static int
digester_init(struct digester *d, struct arc_error *err)
{
	d->chunk = malloc(ARC_READ_CHUNK);
	d->head = malloc(ARC_MIME_HEAD);
	d->sha = arc_sha256_new();
	if (d->chunk == NULL || d->head == NULL || d->sha == NULL)
		return arc_error_set(err, "out of memory");
	if ((d->mime = arc_mime_new(err)) == NULL)
		return ARC_ERR;
	return ARC_OK;
}

static void run_job(void *worker, void *item);
static int job_done(void *ctx, void *item, int stopped);

struct arc_scan *
arc_scan_new(const struct arc_scan_options *o, arc_scan_fn fn, void *ctx,
    struct arc_error *err)
{
	struct arc_scan *s = calloc(1, sizeof(*s));
	void *wctx[64];

	if (s == NULL) {
		arc_error_set(err, "out of memory");
		return NULL;
	}
	s->o = *o;
	if (s->o.now == 0)
		s->o.now = time(NULL);
	s->fn = fn;
	s->ctx = ctx;
	s->root_fd = -1;
	s->nworkers = o->jobs < 1 ? 1 : o->jobs > 64 ? 64 : o->jobs;
	if ((s->digesters = calloc((size_t)s->nworkers,
	    sizeof(*s->digesters))) == NULL) {
		arc_error_set(err, "out of memory");
		free(s);
		return NULL;
	}
	for (int i = 0; i < s->nworkers; i++) {
		if (digester_init(&s->digesters[i], err) != ARC_OK) {
			s->nworkers = i + 1;
			arc_scan_free(s);
			return NULL;
		}
		wctx[i] = &s->digesters[i];
	}
	if ((s->queue = arc_queue_new(wctx, s->nworkers, 0, 0, run_job,
	    job_done, s)) == NULL) {
		arc_error_set(err, "cannot start worker threads");
		arc_scan_free(s);
		return NULL;
	}
	return s;
}

int
arc_scan_finish(struct arc_scan *s)
{
	if (s->queue != NULL && arc_queue_finish(s->queue) != ARC_OK)
		s->stopped = 1;
	s->queue = NULL;
	return s->stopped ? ARC_FATAL : ARC_OK;
}

void
arc_scan_free(struct arc_scan *s)
{
	if (s == NULL)
		return;
	arc_scan_finish(s);
	for (int i = 0; i < s->nworkers; i++)
		digester_free(&s->digesters[i]);
	free(s->digesters);
	free(s);
}

/* ---- events ---- */

static char *
dup_or_null(const char *p)
{
	return p != NULL ? strdup(p) : NULL;
}

/* Keeps an event for its turn; rec is taken over. */
static void
add_event(struct job *job, enum arc_scan_event ev, const char *file,
    const char *member, json_t *rec, const char *message)
{
	struct event *e;

	if (arc_grow(&job->events, &job->cap, (size_t)job->nevents, 1,
	    sizeof(*job->events)) != ARC_OK) {
		json_decref(rec);
		job->oom = 1;
		return;
	}
	e = &job->events[job->nevents++];
	e->ev = ev;
	e->file = dup_or_null(file);
	e->member = dup_or_null(member);
	e->message = dup_or_null(message);
	e->rec = rec;
}

static void
tell(struct job *job, enum arc_scan_event ev, const char *file,
    const char *member, const char *message)
{
	add_event(job, ev, file, member, NULL, message);
}

/* Starts a record for path (and member); NULL when out of memory. */
static json_t *
record_new(const char *path, const char *member)
{
	json_t *rec = json_object();

	if (rec == NULL || arc_record_set_text(rec, "path", path) != ARC_OK ||
	    (member != NULL &&
	    arc_record_set_text(rec, "member", member) != ARC_OK)) {
		json_decref(rec);
		return NULL;
	}
	return rec;
}

static int
set_mtime(json_t *rec, time_t t)
{
	char iso[32];

	arc_time_iso8601(t, iso);
	return json_object_set_new(rec, "mtime", json_string(iso));
}

/* Queues a finished record (with its error, if any: in English for the
 * record, local in the user's language for the event). */
static void
emit(struct job *job, json_t *rec, const char *path, const char *member,
    const char *error, const char *local)
{
	if (rec == NULL || (error != NULL &&
	    arc_record_set_error(rec, "scan", error) != ARC_OK)) {
		json_decref(rec);
		job->oom = 1;
		return;
	}
	add_event(job, ARC_SCAN_RECORD, path, member, rec, local);
}

/* A document that could not be read: a record with "error", so nothing is
 * lost.  error is a message marked N_ or the system's (strerror): the
 * event has its translation. */
static void
emit_error_local(struct job *job, const char *path, const char *member,
    const struct stat *st, const char *error, const char *local)
{
	json_t *rec = record_new(path, member);

	if (rec != NULL && st != NULL && member == NULL) {
		json_object_set_new(rec, "size", json_integer(st->st_size));
		set_mtime(rec, st->st_mtime);
	}
	emit(job, rec, path, member, error, local);
}

static void
emit_error(struct job *job, const char *path, const char *member,
    const struct stat *st, const char *error)
{
	emit_error_local(job, path, member, st, error, _(error));
}

/* The same for an error made by arc_error_set. */
static void
emit_arc_error(struct job *job, const char *path, const char *member,
    const struct stat *st, const struct arc_error *err)
{
	emit_error_local(job, path, member, st, err->message,
	    arc_error_text(err));
}

/* Sets rec's integer field name, unless n is -1 (unknown). */
static int
set_number(json_t *rec, const char *name, long long n)
{
	return n < 0 ? 0 : json_object_set_new(rec, name,
	    json_integer((json_int_t)n));
}

/* A file whose name is not valid UTF-8 is read by its real name, but its
 * record's path is repaired: the record fails, with its sha256, so that
 * the archive counts its attempts. */
static const char bad_name_error[] = N_("file name is not valid UTF-8; "
    "rename the file to have it read");

/* An empty file or member (a scanner's failed save) has nothing to
 * archive: a record with "error" and no sha256, counted by its path as a
 * file that could not be read, so that empty files are not all one
 * failed document (the sha256 of nothing). */
static const char empty_error[] = N_("empty (0 bytes): nothing to "
    "archive");

static void
emit_document(struct job *job, const char *path, const char *member,
    const struct digest *d, time_t mtime, const struct origin *o)
{
	json_t *rec = record_new(path, member);

	if (rec != NULL &&
	    (json_object_set_new(rec, "sha256", json_string(d->sha256)) != 0 ||
	    json_object_set_new(rec, "size",
	    json_integer((json_int_t)d->size)) != 0 ||
	    set_mtime(rec, mtime) != 0 ||
	    arc_record_set_text(rec, "mime", d->mime) != ARC_OK ||
	    json_object_set_new(rec, "dev",
	    json_integer((json_int_t)o->file->st_dev)) != 0 ||
	    json_object_set_new(rec, "ino",
	    json_integer((json_int_t)o->file->st_ino)) != 0 ||
	    set_number(rec, "member_index", o->index) != 0 ||
	    set_number(rec, "member_offset", o->offset) != 0)) {
		json_decref(rec);
		rec = NULL;
	}
	emit(job, rec, path, member, job->bad_name ? bad_name_error : NULL,
	    job->bad_name ? _(bad_name_error) : NULL);
}

static struct job *
job_new(struct arc_scan *s, const char *path, int fd)
{
	struct job *job = calloc(1, sizeof(*job));

	if (job != NULL && (job->path = strdup(path)) == NULL) {
		free(job);
		job = NULL;
	}
	if (job != NULL) {
		job->fd = fd;
		job->options = &s->o;
	}
	return job;
}

/* Hands the job's events to the caller, in order, and frees it. */
static int
job_done(void *ctx, void *item, int stopped)
{
	struct arc_scan *s = ctx;
	struct job *job = item;
	int stop = stopped || job->oom;

	for (int i = 0; i < job->nevents; i++) {
		struct event *e = &job->events[i];
		if (!stop && s->fn(s->ctx, e->ev, e->file, e->member, e->rec,
		    e->message) != 0)
			stop = 1;
		free(e->file);
		free(e->member);
		free(e->message);
		json_decref(e->rec);
	}
	free(job->events);
	free(job->path);
	free(job);
	return stop;
}

/* Queues a job: a file for a worker to read (fd >= 0), or events only. */
static void
submit(struct arc_scan *s, struct job *job)
{
	if (job == NULL) {
		s->stopped = 1;
		return;
	}
	if (arc_queue_submit(s->queue, job, job->fd < 0, 0) != ARC_OK)
		s->stopped = 1;
}

/* An event met while walking folders, passed on in its place. */
static void
walk_event(struct arc_scan *s, enum arc_scan_event ev, const char *file,
    const char *message)
{
	struct job *job = job_new(s, file, -1);

	if (job != NULL)
		tell(job, ev, file, NULL, message);
	submit(s, job);
}

static void
walk_error(struct arc_scan *s, const char *path, const struct stat *st,
    const char *error)
{
	struct job *job = job_new(s, path, -1);

	if (job != NULL)
		emit_error(job, path, NULL, st, error);
	submit(s, job);
}

/* ---- digesting: hash and content type in one pass ---- */

/* A worker reading one job's file. */
struct work {
	struct job *job;
	struct digester *d;
	const struct arc_scan_options *o;
};

static void
digest_begin(struct work *w)
{
	arc_sha256_reset(w->d->sha);
	w->d->head_len = 0;
	w->d->doc_size = 0;
}

static void
digest_feed(struct work *w, const unsigned char *p, size_t n)
{
	size_t room = ARC_MIME_HEAD - w->d->head_len;

	if (room > 0) {
		size_t take = n < room ? n : room;
		memcpy(w->d->head + w->d->head_len, p, take);
		w->d->head_len += take;
	}
	arc_sha256_update(w->d->sha, p, n);
	w->d->doc_size += n;
}

/* Ends the hash; mime is the content type when already known, else NULL. */
static void
digest_end(struct work *w, struct digest *d, const char *mime)
{
	arc_sha256_hex(w->d->sha, d->sha256);
	snprintf(d->mime, sizeof(d->mime), "%s", mime != NULL ? mime :
	    arc_mime_of(w->d->mime, w->d->head, w->d->head_len));
	d->size = w->d->doc_size;
}

/* Reads up to len bytes, retrying short reads; returns bytes read or -1. */
static ssize_t
read_full(int fd, unsigned char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Hashes fd from its current offset to the end. */
static int
digest_fd(struct work *w, int fd, struct digest *d, const char *mime)
{
	ssize_t n;

	digest_begin(w);
	while ((n = read_full(fd, w->d->chunk, ARC_READ_CHUNK)) > 0)
		digest_feed(w, w->d->chunk, (size_t)n);
	if (n < 0)
		return ARC_ERR;
	digest_end(w, d, mime);
	return ARC_OK;
}

/* ---- names ---- */

/* Hidden and temporary files: a scanner or an office program is not done
 * with them. */
static int
is_hidden_or_temp(const char *name)
{
	size_t len = strlen(name);

	if (name[0] == '.' || (name[0] == '~' && name[1] == '$'))
		return 1;
	return (len >= 5 && strcmp(name + len - 5, ".part") == 0) ||
	    (len >= 4 && strcmp(name + len - 4, ".tmp") == 0);
}

/* The same, for any folder of a member's path ("./" is not hidden). */
static int
member_is_hidden(const char *name)
{
	const char *p = name, *slash;
	char part[NAME_MAX + 1];
	size_t len;

	for (;;) {
		slash = strchr(p, '/');
		len = slash ? (size_t)(slash - p) : strlen(p);
		if (len > NAME_MAX)
			len = NAME_MAX;
		memcpy(part, p, len);
		part[len] = '\0';
		if (len > 0 && strcmp(part, ".") != 0 &&
		    is_hidden_or_temp(part))
			return 1;
		if (slash == NULL)
			return 0;
		p = slash + 1;
	}
}

/* ---- archives ---- */

enum { CONTAINER_DONE, CONTAINER_NOT };

/*
 * Counts bytes coming out of an archive and says when they exceed the caps.
 * Returns 0 while within them, else 1, err saying why the archive is
 * refused.
 */
static int
over_caps(const struct work *w, uint64_t unpacked, uint64_t archive_size,
    struct arc_error *err)
{
	if (unpacked > w->o->max_unpacked) {
		arc_error_set(err, "archive unpacks to more than %llu bytes; "
		    "refused", (unsigned long long)w->o->max_unpacked);
		return 1;
	}
	if (unpacked > ARC_SCAN_RATIO_GRACE && (double)unpacked >
	    w->o->max_ratio * (double)(archive_size ? archive_size : 1)) {
		arc_error_set(err, "archive expands more than %g times its "
		    "size (a zip bomb?); refused", w->o->max_ratio);
		return 1;
	}
	return 0;
}

/* Reads the current member; ARC_OK with d filled, ARC_ERR member unreadable
 * (err says why), ARC_FATAL archive broken or over its caps (err says why). */
static int
digest_member(struct work *w, struct archive *a, const char *name,
    uint64_t *unpacked, uint64_t archive_size, struct digest *d,
    struct arc_error *err)
{
	la_ssize_t n;

	digest_begin(w);
	for (;;) {
		n = archive_read_data(a, w->d->chunk, ARC_READ_CHUNK);
		if (n == 0)
			break;
		/* A warning while reading data is a member that is not as it
		 * was packed (a zip's bad CRC), and the bytes of that read are
		 * lost: unreadable, not a shorter document. */
		if (n == ARCHIVE_WARN || n == ARCHIVE_FAILED) {
			arc_error_set(err, "%s", archive_error_string(a));
			return ARC_ERR;
		}
		if (n < 0) {
			arc_error_set(err, "broken archive at '%s': %s", name,
			    archive_error_string(a));
			return ARC_FATAL;
		}
		*unpacked += (uint64_t)n;
		if (over_caps(w, *unpacked, archive_size, err))
			return ARC_FATAL;
		digest_feed(w, w->d->chunk, (size_t)n);
	}
	digest_end(w, d, NULL);
	return ARC_OK;
}

/* One entry of an archive; returns ARC_FATAL when the archive must be left. */
static int
scan_member(struct work *w, struct archive *a, struct archive_entry *e,
    const char *path, const struct origin *o, uint64_t *unpacked,
    struct arc_error *aerr)
{
	const struct stat *ast = o->file;
	const char *name = arc_container_entry_name(e);
	const char *problem;
	struct arc_error err;
	struct digest d;
	int st;

	if (archive_entry_filetype(e) == AE_IFDIR)
		return ARC_OK;
	if ((problem = arc_member_name_problem(name)) != NULL) {
		arc_error_set(&err, "unsafe member name: %s; not read",
		    problem);
		arc_mask_format(err.local, sizeof(err.local),
		    _("unsafe member name: %s; not read"), _(problem));
		emit_arc_error(w->job, path, name, NULL, &err);
		return ARC_OK;
	}
	if (member_is_hidden(name))
		return ARC_OK;
	if (archive_entry_hardlink(e) != NULL ||
	    archive_entry_filetype(e) == AE_IFLNK) {
		tell(w->job, ARC_SCAN_NOTICE, path, name,
		    _("link inside an archive; not followed"));
		return ARC_OK;
	}
	if (archive_entry_filetype(e) != AE_IFREG) {
		tell(w->job, ARC_SCAN_NOTICE, path, name,
		    _("not a regular file; skipped"));
		return ARC_OK;
	}
	if (archive_entry_is_data_encrypted(e)) {
		emit_error(w->job, path, name, NULL,
		    N_("encrypted; cannot be read without the password"));
		return ARC_OK;
	}
	st = digest_member(w, a, name, unpacked, (uint64_t)ast->st_size, &d,
	    &err);
	if (st == ARC_FATAL) {
		*aerr = err;
		return ARC_FATAL;
	}
	if (st == ARC_ERR) {
		emit_arc_error(w->job, path, name, NULL, &err);
		return ARC_OK;
	}
	if (d.size == 0) {
		emit_error(w->job, path, name, NULL, empty_error);
		return ARC_OK;
	}
	emit_document(w->job, path, name, &d, archive_entry_mtime_is_set(e) ?
	    archive_entry_mtime(e) : ast->st_mtime, o);
	if (arc_mime_is_container(d.mime))
		tell(w->job, ARC_SCAN_NOTICE, path, name,
		    _("archive inside an archive; recorded, not opened"));
	return ARC_OK;
}

/* Where, from buf, the zip local header of name (len bytes) is; or -1. */
static long long
find_zip_header(const unsigned char *buf, size_t n, const char *name,
    size_t len)
{
	for (size_t i = 0; i + 30 + len <= n; i++)
		if (memcmp(buf + i, "PK\3\4", 4) == 0 &&
		    (size_t)(buf[i + 26] | buf[i + 27] << 8) == len &&
		    memcmp(buf + i + 30, name, len) == 0)
			return (long long)i;
	return -1;
}

/*
 * Where the current entry's header begins in the file, for arc-ocr and
 * arc-index to read it alone; -1 where they cannot start there (a
 * compressed tar, 7z) or it was not found.  libarchive's count is exact
 * for tar; for zip it may stop short, by a data descriptor or a skipped
 * entry's data, so the local header of that name is looked for a little
 * further: in 4 KiB, then 64 KiB (buf has room for that).
 */
static long long
member_offset(struct archive *a, int fd, const char *name, unsigned char *buf)
{
	static const size_t window[] = { 1 << 12, 1 << 16 };
	long long at = archive_read_header_position(a), found;
	int format = archive_format(a) & ARCHIVE_FORMAT_BASE_MASK;
	ssize_t n;

	if (at < 0 || archive_filter_count(a) != 1)
		return -1;
	if (format == ARCHIVE_FORMAT_TAR)
		return at;
	if (format != ARCHIVE_FORMAT_ZIP)
		return -1;
	for (size_t w = 0; w < sizeof(window) / sizeof(window[0]); w++) {
		if ((n = pread(fd, buf, window[w], (off_t)at)) < 0)
			return -1;
		if ((found = find_zip_header(buf, (size_t)n, name,
		    strlen(name))) >= 0)
			return at + found;
		if ((size_t)n < window[w])
			break;
	}
	return -1;
}

/*
 * Walks the members of the archive open on fd.  CONTAINER_NOT when it turns
 * out not to be one (a gzip'd PDF), so that the caller records it as a
 * plain document.
 */
static int
scan_container(struct work *w, int fd, const char *path,
    const struct stat *st, const char *mime)
{
	struct arc_error err;
	struct archive *a;
	struct archive_entry *e;
	struct origin o = { st, -1, -1 };
	uint64_t unpacked = 0;
	int r, members = 0, not_archive = 0;
	int compressed_only = strcmp(mime, "application/zip") != 0 &&
	    strcmp(mime, "application/x-tar") != 0 &&
	    strcmp(mime, "application/x-7z-compressed") != 0;

	if (lseek(fd, 0, SEEK_SET) != 0) {
		emit_error(w->job, path, NULL, st, strerror(errno));
		return CONTAINER_DONE;
	}
	if ((a = arc_container_open(fd, &not_archive, &err)) == NULL) {
		/* A gzip'd PDF is a document; a .tar.gz cut short is not one,
		 * and arc-ocr would only say "not an image or PDF". */
		if (compressed_only && not_archive)
			return CONTAINER_NOT;
		struct arc_error why = err;

		arc_error_set(&err, "broken archive: %s", why.message);
		arc_mask_format(err.local, sizeof(err.local),
		    _("broken archive: %s"), arc_error_text(&why));
		emit_arc_error(w->job, path, NULL, st, &err);
		return CONTAINER_DONE;
	}
	for (;; members++) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF)
			break;
		if (r < ARCHIVE_WARN) {
			if (members == 0 && compressed_only) {
				archive_read_free(a);
				return CONTAINER_NOT;
			}
			arc_error_set(&err, "broken or encrypted archive: %s",
			    archive_error_string(a));
			emit_arc_error(w->job, path, NULL, st, &err);
			break;
		}
		o.index = members;
		o.offset = archive_entry_filetype(e) == AE_IFREG ?
		    member_offset(a, fd, arc_container_entry_name(e),
		    w->d->chunk) : -1;
		if (scan_member(w, a, e, path, &o, &unpacked, &err) ==
		    ARC_FATAL) {
			emit_arc_error(w->job, path, NULL, st, &err);
			break;
		}
	}
	if (r == ARCHIVE_EOF && members == 0)
		tell(w->job, ARC_SCAN_NOTICE, path, NULL, _("empty archive"));
	archive_read_free(a);
	return CONTAINER_DONE;
}

/* ---- files and folders ---- */

/* Records the regular file open on fd (which this function closes). */
static void
scan_open_file(struct work *w, int fd, const char *path)
{
	struct stat st;
	struct origin whole = { &st, -1, -1 };
	struct digest d;
	char msg[256], mime[128];
	ssize_t n;

	if (fstat(fd, &st) != 0) {
		emit_error(w->job, path, NULL, NULL, strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		tell(w->job, ARC_SCAN_NOTICE, path, NULL,
		    _("not a regular file; skipped"));
		goto out;
	}
	/* A file dated well in the future has a wrong clock behind it, not a
	 * scanner still writing: waiting would skip it forever. */
	if (w->o->settle > 0 && st.st_mtime > w->o->now - w->o->settle &&
	    st.st_mtime <= w->o->now + 60) {
		snprintf(msg, sizeof(msg), _("modified less than %ld s ago; "
		    "left for the next run"), w->o->settle);
		tell(w->job, ARC_SCAN_NOTICE, path, NULL, msg);
		goto out;
	}
	/* The head says what it is: a container is walked, anything else
	 * hashed. */
	if ((n = read_full(fd, w->d->chunk, ARC_MIME_HEAD)) < 0) {
		emit_error(w->job, path, NULL, &st, strerror(errno));
		goto out;
	}
	snprintf(mime, sizeof(mime), "%s",
	    arc_mime_of(w->d->mime, w->d->chunk, (size_t)n));
	if (arc_mime_is_container(mime) && !w->job->bad_name) {
		if (scan_container(w, fd, path, &st, mime) == CONTAINER_DONE)
			goto out;
		if (lseek(fd, 0, SEEK_SET) != 0) {
			emit_error(w->job, path, NULL, &st, strerror(errno));
			goto out;
		}
		if (digest_fd(w, fd, &d, mime) != ARC_OK) {
			emit_error(w->job, path, NULL, &st, strerror(errno));
			goto out;
		}
	} else {
		digest_begin(w);
		digest_feed(w, w->d->chunk, (size_t)n);
		while ((n = read_full(fd, w->d->chunk, ARC_READ_CHUNK)) > 0)
			digest_feed(w, w->d->chunk, (size_t)n);
		if (n < 0) {
			emit_error(w->job, path, NULL, &st, strerror(errno));
			goto out;
		}
		digest_end(w, &d, mime);
	}
	if (d.size == 0)
		emit_error(w->job, path, NULL, &st, empty_error);
	else
		emit_document(w->job, path, NULL, &d, st.st_mtime, &whole);
out:
	close(fd);
}

/* A worker's turn: reads the job's file, keeping its events. */
static void
run_job(void *worker, void *item)
{
	struct digester *d = worker;
	struct job *job = item;
	struct work w = { job, d, job->options };

	scan_open_file(&w, job->fd, job->path);
}

static char *
join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	int slash = dl > 0 && dir[dl - 1] == '/';
	char *p = malloc(dl + strlen(name) + 2);

	if (p != NULL)
		sprintf(p, "%s%s%s", dir, slash ? "" : "/", name);
	return p;
}

/* Hands the file open on fd to a worker (which closes it). */
static void
submit_file(struct arc_scan *s, int fd, const char *path)
{
	struct job *job = job_new(s, path, fd);

	if (job == NULL)
		close(fd);
	else
		job->bad_name = !arc_utf8_valid(path, strlen(path));
	submit(s, job);
}

/*
 * Opens rel, a path inside the folder open on root with no "..", one
 * folder at a time and following no link: what is opened is inside the
 * folder even if a folder on the way is swapped for a link meanwhile.
 */
static int
open_beneath(int root, const char *rel)
{
	char part[NAME_MAX + 1];
	const char *slash;
	int dfd = root, fd;
	size_t len;

	for (;;) {
		slash = strchr(rel, '/');
		len = slash != NULL ? (size_t)(slash - rel) : strlen(rel);
		if (len > NAME_MAX) {
			errno = ENAMETOOLONG;
			fd = -1;
			break;
		}
		memcpy(part, rel, len);
		part[len] = '\0';
		fd = openat(dfd, part, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    (slash != NULL ? O_DIRECTORY : O_NONBLOCK));
		if (dfd != root)
			close(dfd);
		if (fd < 0 || slash == NULL)
			break;
		dfd = fd;
		rel = slash + 1;
	}
	return fd;
}

/*
 * A symbolic link met inside a folder: followed only to a file inside the
 * tree.  Where it leads is worked out by name, but the file is then opened
 * from the tree's open folder down, so that a folder swapped for a link
 * between the two cannot lead out of the tree.
 */
static void
scan_link(struct arc_scan *s, const char *path)
{
	char target[PATH_MAX];
	size_t rl = strlen(s->root);
	struct stat st;
	int fd;

	if (realpath(path, target) == NULL) {
		walk_event(s, ARC_SCAN_NOTICE, path,
		    _("broken symbolic link; skipped"));
		return;
	}
	if (strncmp(target, s->root, rl) != 0 ||
	    (target[rl] != '/' && !(rl == 1 && s->root[0] == '/'))) {
		walk_event(s, ARC_SCAN_NOTICE, path,
		    _("symbolic link leads outside the folder; not followed"));
		return;
	}
	if ((fd = open_beneath(s->root_fd, target + rl +
	    (target[rl] == '/'))) < 0) {
		walk_error(s, path, NULL, errno == ELOOP || errno == ENOTDIR ?
		    N_("the folder changed while it was scanned; link not "
		    "followed, scan it again") : strerror(errno));
		return;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		walk_event(s, ARC_SCAN_NOTICE, path,
		    _("symbolic link to a folder; not followed"));
		close(fd);
		return;
	}
	submit_file(s, fd, path);
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a folder's entry names, sorted, so that runs are reproducible. */
static char **
list_folder(int dfd, size_t *countp)
{
	DIR *d = fdopendir(dfd);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0;

	if (d == NULL)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (arc_grow(&names, &cap, n, 1, sizeof(*names)) != ARC_OK)
			break;
		if ((names[n] = strdup(de->d_name)) == NULL)
			break;
		n++;
	}
	closedir(d);  /* also closes dfd */
	if (n > 1)
		qsort(names, n, sizeof(*names), compare_names);
	*countp = n;
	return names != NULL ? names : calloc(1, sizeof(*names));
}

static void
scan_folder(struct arc_scan *s, int dfd, const char *path)
{
	size_t n = 0, i;
	char **names;
	struct stat st;
	int fd, keep;

	/* list_folder closes the fd it is given: keep our own for openat. */
	if ((keep = dup(dfd)) < 0 || (names = list_folder(keep, &n)) == NULL) {
		if (keep >= 0)
			close(keep);
		walk_event(s, ARC_SCAN_FAILURE, path, strerror(errno));
		close(dfd);
		return;
	}
	for (i = 0; i < n && !s->stopped; i++) {
		const char *name = names[i];
		char *child;

		if (is_hidden_or_temp(name))
			continue;
		if ((child = join(path, name)) == NULL) {
			s->stopped = 1;
			break;
		}
		/* A record's path must name the file: repaired bytes would
		 * not.  A file is still read (submit_file), to be counted
		 * as failed by its sha256. */
		if (!arc_utf8_valid(name, strlen(name)) &&
		    (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISREG(st.st_mode))) {
			walk_error(s, child, NULL, bad_name_error);
		} else if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			walk_error(s, child, NULL, strerror(errno));
		} else if (S_ISDIR(st.st_mode)) {
			if (!s->o.recurse)
				walk_event(s, ARC_SCAN_NOTICE, child,
				    _("is a folder; use -r to scan inside "
				    "it"));
			else if ((fd = openat(dfd, name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) < 0)
				walk_event(s, ARC_SCAN_FAILURE, child,
				    strerror(errno));
			else
				scan_folder(s, fd, child);
		} else if (S_ISLNK(st.st_mode)) {
			scan_link(s, child);
		} else if (S_ISREG(st.st_mode)) {
			fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW |
			    O_CLOEXEC | O_NONBLOCK);
			if (fd < 0)
				walk_error(s, child, &st, strerror(errno));
			else
				submit_file(s, fd, child);
		} else {
			walk_event(s, ARC_SCAN_NOTICE, child,
			    _("not a regular file; skipped"));
		}
		free(child);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	close(dfd);
}

/* Whether the file open on fd is st's. */
static int
same_file(int fd, const struct stat *st)
{
	struct stat fst;

	errno = 0;
	return fstat(fd, &fst) == 0 && fst.st_dev == st->st_dev &&
	    fst.st_ino == st->st_ino;
}

int
arc_scan_path(struct arc_scan *s, const char *path)
{
	struct stat st;
	int fd;

	if (s->queue == NULL)
		return ARC_FATAL;  /* finished already */
	if (stat(path, &st) != 0) {
		walk_event(s, ARC_SCAN_FAILURE, path, strerror(errno));
		return s->stopped ? ARC_FATAL : ARC_OK;
	}
	/* As for a name met in a folder: a record's path must name the file,
	 * and the path of everything in a folder begins with the folder's. */
	if (!arc_utf8_valid(path, strlen(path)) && !S_ISREG(st.st_mode)) {
		walk_error(s, path, S_ISDIR(st.st_mode) ? NULL : &st,
		    bad_name_error);
		return s->stopped ? ARC_FATAL : ARC_OK;
	}
	if (S_ISDIR(st.st_mode)) {
		if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
		    (s->root_fd = dup(fd)) < 0 ||
		    realpath(path, s->root) == NULL ||
		    stat(s->root, &st) != 0 || !same_file(s->root_fd, &st)) {
			walk_event(s, ARC_SCAN_FAILURE, path, errno != 0 ?
			    strerror(errno) : _("the folder changed while it "
			    "was scanned"));
			if (fd >= 0)
				close(fd);
		} else {
			scan_folder(s, fd, path);
		}
		if (s->root_fd >= 0)
			close(s->root_fd);
		s->root_fd = -1;
	} else if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		walk_error(s, path, &st, strerror(errno));
	} else {
		submit_file(s, fd, path);
	}
	return s->stopped ? ARC_FATAL : ARC_OK;
}
