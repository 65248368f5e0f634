/* container.c: zip, tar and 7z archives read in memory through libarchive, never unpacked to disk. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <archive_entry.h>

#include "arc.h"
#include "private.h"

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
		return "empty name";
	if (!arc_utf8_valid(name, len))
		return "name is not valid UTF-8";
	for (p = name; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "name contains control characters";
	if (name[0] == '/' || name[0] == '\\' ||
	    (len >= 2 && name[1] == ':' &&
	    ((name[0] >= 'A' && name[0] <= 'Z') ||
	    (name[0] >= 'a' && name[0] <= 'z'))))
		return "name is an absolute path";
	/* Windows tools write backslashes: "..\\x" climbs out just the same. */
	for (start = p = name;; p++) {
		if (*p == '/' || *p == '\\' || *p == '\0') {
			if (p - start == 2 && start[0] == '.' && start[1] == '.')
				return "name contains '..'";
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
	size_t len = 0, cap = 1 << 16;
	unsigned char *buf = malloc(cap), *grown;
	la_ssize_t n;

	if (buf == NULL)
		return arc_error_set(err, "out of memory");
	for (;;) {
		if (cap - len < (1 << 16)) {
			cap *= 2;
			if ((grown = realloc(buf, cap)) == NULL) {
				free(buf);
				return arc_error_set(err, "out of memory");
			}
			buf = grown;
		}
		n = archive_read_data(a, buf + len, cap - len);
		if (n == 0)
			break;
		if (n < 0 && n != ARCHIVE_WARN) {
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

static int
load_member(int fd, const char *member, size_t max, unsigned char **data,
    size_t *size, struct arc_error *err)
{
	struct archive *a = arc_container_open(fd, NULL, err);
	struct archive_entry *e;
	int r, st;

	if (a == NULL)
		return ARC_ERR;
	for (;;) {
		r = archive_read_next_header(a, &e);
		if (r == ARCHIVE_EOF) {
			st = arc_error_set(err, "no member '%s' in this archive",
			    member);
			break;
		}
		if (r < ARCHIVE_WARN) {
			st = arc_error_set(err, "broken archive: %s",
			    archive_error_string(a));
			break;
		}
		if (archive_entry_filetype(e) != AE_IFREG ||
		    strcmp(arc_container_entry_name(e), member) != 0)
			continue;
		if (archive_entry_is_data_encrypted(e)) {
			st = arc_error_set(err, "encrypted; cannot be read "
			    "without the password");
			break;
		}
		st = read_entry(a, max, data, size, err);
		break;
	}
	archive_read_free(a);
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
	/* The file may shrink or grow while read: take what is there, to size. */
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

int
arc_document_load(const char *path, const char *member, size_t max_bytes,
    unsigned char **data, size_t *size, struct arc_error *err)
{
	int fd, st;

	*data = NULL;
	*size = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return arc_error_set(err, "cannot open: %s", strerror(errno));
	if (member != NULL)
		st = load_member(fd, member, max_bytes, data, size, err);
	else
		st = load_file(fd, max_bytes, data, size, err);
	close(fd);
	return st;
}
