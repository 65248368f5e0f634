/* container.c: zip, tar and 7z archives read in memory through libarchive, never unpacked to disk. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive_entry.h>

#include "arc_i18n.h"
#include "scan_internal.h"

struct archive *
arc_container_open(int fd, int *not_archive, struct arc_error *err)
{
	struct archive *a = archive_read_new();

	if (not_archive != NULL)
		*not_archive = 0;
	if (a == NULL) {
		arc_error_set(err, "out of memory");
		return NULL;
	}
	/* Only the containers scanners and clerks make; not "all", which would
	 * also take plain text for an mtree or a CD image for iso9660. */
	archive_read_support_format_zip(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	archive_read_support_format_7zip(a);
	archive_read_support_filter_all(a);
	if (archive_read_open_fd(a, fd, 1 << 16) != ARCHIVE_OK) {
		arc_error_set(err, "%s", archive_error_string(a));
		/* EILSEQ is libarchive's ARCHIVE_ERRNO_FILE_FORMAT on Linux
		 * ("Unrecognized archive format"); any other failure is
		 * damage, such as a gzip stream cut short. */
		if (not_archive != NULL)
			*not_archive = archive_errno(a) == EILSEQ;
		archive_read_free(a);
		return NULL;
	}
	return a;
}

const char *
arc_container_entry_name(struct archive_entry *e)
{
	const char *name = archive_entry_pathname_utf8(e);

	if (name == NULL)
		name = archive_entry_pathname(e);
	return name != NULL ? name : "";
}

const char *
arc_member_name_problem(const char *name)
{
	size_t len = strlen(name);
	const char *p, *start;

	if (len == 0)
		return N_("empty name");
	if (!arc_utf8_valid(name, len))
		return N_("name is not valid UTF-8");
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return N_("name contains control characters");
	if (name[0] == '/' || name[0] == '\\' ||
	    (len >= 2 && name[1] == ':' &&
	    ((name[0] >= 'A' && name[0] <= 'Z') ||
	    (name[0] >= 'a' && name[0] <= 'z'))))
		return N_("name is an absolute path");
	/* Windows tools write backslashes: "..\\x" climbs out just the same. */
	for (start = p = name;; p++) {
		if (*p == '/' || *p == '\\' || *p == '\0') {
			if (p - start == 2 && start[0] == '.' &&
			    start[1] == '.')
				return N_("name contains '..'");
			if (*p == '\0')
				break;
			start = p + 1;
		}
	}
	return NULL;
}

/* Reads the current entry's data whole, up to max bytes. */
static int
read_entry(struct archive *a, size_t max, unsigned char **data, size_t *size,
    struct arc_error *err)
{
	size_t len = 0, cap = 0;
	unsigned char *buf = NULL;
	la_ssize_t n;

	for (;;) {
		/* At least 64 KB free for the next read. */
		if (arc_grow(&buf, &cap, len, 1 << 16, 1) != ARC_OK) {
			free(buf);
			return arc_error_set(err, "out of memory");
		}
		n = archive_read_data(a, buf + len, cap - len);
		if (n == 0)
			break;
		/* A warning too: the member is not as it was packed (a
		 * zip's bad CRC), and that read's bytes are lost. */
		if (n < 0) {
			arc_error_set(err, "%s", archive_error_string(a));
			free(buf);
			return ARC_ERR;
		}
		if (n > 0)
			len += (size_t)n;
		if (len > max) {
			free(buf);
			return arc_error_set(err,
			    "document is larger than %zu bytes", max);
		}
	}
	*data = buf;
	*size = len;
	return ARC_OK;
}

/* Whether entry e is the member asked for: a regular file of that name. */
static int
is_member(struct archive_entry *e, const char *member)
{
	return archive_entry_filetype(e) == AE_IFREG &&
	    strcmp(arc_container_entry_name(e), member) == 0;
}

/* Reads the data of entry e, the member asked for. */
static int
read_member(struct archive *a, struct archive_entry *e, size_t max,
    unsigned char **data, size_t *size, struct arc_error *err)
{
	if (archive_entry_is_data_encrypted(e))
		return arc_error_set(err, "encrypted; cannot be read without "
		    "the password");
	return read_entry(a, max, data, size, err);
}

/*
 * Reads the archive on fd from its start: the entry at position index
 * (counting every entry from 0), which must be the member asked for, or,
 * for index -1 (a record made before positions were kept), the first
 * member of that name.
 */
static int
load_member(int fd, const char *member, long long index, size_t max,
    unsigned char **data, size_t *size, struct arc_error *err)
{
	struct archive *a;
	struct archive_entry *e;
	long long i;
	int r, st;

	if (lseek(fd, 0, SEEK_SET) != 0)
		return arc_error_set(err, "%s", strerror(errno));
	if ((a = arc_container_open(fd, NULL, err)) == NULL)
		return ARC_ERR;
	for (i = 0;; i++) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF || (index >= 0 && i > index)) {
			if (index < 0)
				st = arc_error_set(err, "no member '%s' in "
				    "this archive", member);
			else
				st = arc_error_set(err, "no member '%s' in "
				    "this archive at the place it was "
				    "scanned; scan it again", member);
			break;
		}
		if (r < ARCHIVE_WARN) {
			st = arc_error_set(err, "broken archive: %s",
			    archive_error_string(a));
			break;
		}
		if ((index >= 0 && i != index) || !is_member(e, member))
			continue;
		st = read_member(a, e, max, data, size, err);
		break;
	}
	archive_read_free(a);
	return st;
}

/* An archive read from a byte offset of its file, through pread. */
struct at_offset {
	int fd;
	off_t pos;
	unsigned char buf[1 << 16];
};

static la_ssize_t
read_at(struct archive *a, void *p, const void **buf)
{
	struct at_offset *at = p;
	ssize_t n;

	do
		n = pread(at->fd, at->buf, sizeof(at->buf), at->pos);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		archive_set_error(a, errno, "%s", strerror(errno));
		return -1;
	}
	at->pos += n;
	*buf = at->buf;
	return n;
}

/*
 * Reads the member whose header arc-scan found at byte offset of a zip or
 * an uncompressed tar: one entry read, whatever the archive's size.
 * ARC_OK, ARC_ERR with err set when the member is there but unreadable,
 * and ARC_FATAL when it is not there (the caller then reads from the
 * start).
 */
static int
load_member_at(int fd, const char *member, long long offset, size_t max,
    unsigned char **data, size_t *size, struct arc_error *err)
{
	struct at_offset *at = malloc(sizeof(*at));
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	int st = ARC_FATAL;

	if (at == NULL || a == NULL) {
		free(at);
		archive_read_free(a);
		return arc_error_set(err, "out of memory");
	}
	at->fd = fd;
	at->pos = (off_t)offset;
	/* No seek callback: zip is then read from its local headers, not
	 * its central directory, which is what made each member cost the
	 * whole archive. */
	archive_read_support_format_zip_streamable(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_gnutar(a);
	if (archive_read_open(a, at, NULL, read_at, NULL) == ARCHIVE_OK &&
	    archive_read_next_header(a, &e) >= ARCHIVE_WARN &&
	    is_member(e, member))
		st = read_member(a, e, max, data, size, err);
	archive_read_free(a);
	free(at);
	return st;
}

static int
load_file(int fd, size_t max, unsigned char **data, size_t *size,
    struct arc_error *err)
{
	struct stat st;
	unsigned char *buf;
	size_t len = 0;
	ssize_t n;

	if (fstat(fd, &st) != 0)
		return arc_error_set(err, "%s", strerror(errno));
	if (!S_ISREG(st.st_mode))
		return arc_error_set(err, "not a regular file");
	if ((uint64_t)st.st_size > max)
		return arc_error_set(err, "document is larger than %zu bytes",
		    max);
	if ((buf = malloc((size_t)st.st_size + 1)) == NULL)
		return arc_error_set(err, "out of memory");
	/* The file may shrink or grow while read: take what is there, to
	 * size. */
	while (len < (size_t)st.st_size) {
		n = read(fd, buf + len, (size_t)st.st_size - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return arc_error_set(err, "%s", strerror(errno));
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	*data = buf;
	*size = len;
	return ARC_OK;
}

/* The record's integer field name, or -1 when it has none. */
static long long
record_number(const json_t *rec, const char *name)
{
	json_t *v = json_object_get(rec, name);

	return json_is_integer(v) ? (long long)json_integer_value(v) : -1;
}

/*
 * Opens the file a record names and checks that it is the file arc-scan
 * read: same device and inode, when the record has them.  A path that now
 * leads elsewhere (a folder swapped for a link, a file replaced) is refused
 * whatever its bytes.
 */
static int
open_scanned(const char *path, const json_t *rec, struct arc_error *err)
{
	json_t *dev = json_object_get(rec, "dev"), *ino = json_object_get(rec,
	    "ino");
	struct stat st;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0) {
		arc_error_set(err, "cannot open: %s", strerror(errno));
		return -1;
	}
	if (!json_is_integer(dev) || !json_is_integer(ino))
		return fd;
	if (fstat(fd, &st) != 0) {
		arc_error_set(err, "%s", strerror(errno));
		close(fd);
		return -1;
	}
	if ((json_int_t)st.st_dev != json_integer_value(dev) ||
	    (json_int_t)st.st_ino != json_integer_value(ino)) {
		arc_error_set(err, "document changed since it was scanned "
		    "(another file is at its path); scan it again");
		close(fd);
		return -1;
	}
	return fd;
}

static int
load_open(int fd, const char *member, long long index, long long offset,
    size_t max_bytes, unsigned char **data, size_t *size,
    struct arc_error *err)
{
	int st;

	if (member == NULL)
		return load_file(fd, max_bytes, data, size, err);
	if (offset >= 0 && (st = load_member_at(fd, member, offset, max_bytes,
	    data, size, err)) != ARC_FATAL)
		return st;
	return load_member(fd, member, index, max_bytes, data, size, err);
}

int
arc_document_load(const char *path, const char *member, size_t max_bytes,
    unsigned char **data, size_t *size, struct arc_error *err)
{
	int fd, st;

	*data = NULL;
	*size = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return arc_error_set(err, "cannot open: %s", strerror(errno));
	st = load_open(fd, member, -1, -1, max_bytes, data, size, err);
	close(fd);
	return st;
}

int
arc_document_load_record(const json_t *rec, size_t max_bytes,
    unsigned char **data, size_t *size, struct arc_error *err)
{
	const char *path = json_string_value(json_object_get(rec, "path"));
	const char *member = json_string_value(json_object_get(rec, "member"));
	int fd, st;

	*data = NULL;
	*size = 0;
	if (path == NULL)
		return arc_error_set(err, "record has no \"path\"");
	if ((fd = open_scanned(path, rec, err)) < 0)
		return ARC_ERR;
	st = load_open(fd, member, record_number(rec, "member_index"),
	    record_number(rec, "member_offset"), max_bytes, data, size, err);
	close(fd);
	return st;
}
