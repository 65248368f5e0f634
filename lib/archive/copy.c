/* copy.c: the archive's own copy of each original, named by its sha256, written so that a crash leaves none half-written. */
/* syncfs(2): one flush for a batch of copies. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"

/* Documents above this are not copied whole into memory. */
#define COPY_MAX ((size_t)2 << 30)

/* What one indexer's workers know of the folders of copies. */
struct arc_copies {
	struct arc_store *s;
	/* Which of the copies' 256 folders (by the sha256's first byte)
	 * have been made or found: set by the workers, atomically. */
	unsigned char folder_made[256];
	/* The folder of copies, open from before the first copy is written
	 * until this is freed, for arc_copies_sync; -1 until then.  Set once
	 * by a worker, atomically. */
	int files_fd;
};

struct arc_copies *
arc_copies_new(struct arc_store *s)
{
	struct arc_copies *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->s = s;
	c->files_fd = -1;
	return c;
}

void
arc_copies_free(struct arc_copies *c)
{
	if (c == NULL)
		return;
	if (c->files_fd >= 0)
		close(c->files_fd);
	free(c);
}

/* The value of the two hex digits at p (valid, lower case). */
static unsigned
hex_byte(const char *p)
{
	unsigned v = 0;

	for (int i = 0; i < 2; i++)
		v = v * 16 + (unsigned)(p[i] <= '9' ? p[i] - '0' :
		    p[i] - 'a' + 10);
	return v & 0xff;
}

/*
 * A new file beside path, named path.tmp.PID.N, with mode (less what the
 * umask takes away).  Not mkstemp: its file needs a chmod after, one more
 * system call for every copy; the process id and a counter are unique
 * enough.  A name left by a crash of an earlier process with the same id
 * is skipped.
 */
static int
create_temporary(const char *path, char *tmp, size_t size, mode_t mode)
{
	static unsigned long counter;
	int fd;

	for (int tries = 0; tries < 100; tries++) {
		snprintf(tmp, size, "%s.tmp.%ld.%lu", path, (long)getpid(),
		    __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* All of data into fd; err names path, the file meant. */
static int
write_all(int fd, const void *data, size_t len, const char *path,
    struct arc_error *err)
{
	const char *p = data;

	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return arc_error_set(err, "cannot write %s: %s", path,
			    strerror(w < 0 ? errno : ENOSPC));
		p += w;
		len -= (size_t)w;
	}
	return ARC_OK;
}

/*
 * Writes data into an unnamed file in path's folder (O_TMPFILE), then
 * links it in as path: nothing half-written ever has a name, and the
 * folder changes once rather than three times (a temporary name made,
 * then renamed away), which arc-index feels over a night's pages.
 * ARC_UNSUPPORTED where the filesystem or a missing /proc does not allow
 * it, or path is there already (a link does not replace): then
 * write_renamed must.
 */
#define ARC_UNSUPPORTED 100

static int
write_linked(const char *path, const void *data, size_t len, mode_t mode,
    int durable, struct arc_error *err)
{
	const char *slash = strrchr(path, '/');
	char folder[PATH_MAX], fd_path[40];
	int fd, st;

	if (slash == NULL || (size_t)(slash - path) >= sizeof(folder))
		return ARC_UNSUPPORTED;
	memcpy(folder, path, (size_t)(slash - path));
	folder[slash - path] = '\0';
	if ((fd = open(folder, O_TMPFILE | O_WRONLY | O_CLOEXEC, mode)) < 0)
		return ARC_UNSUPPORTED;
	st = write_all(fd, data, len, path, err);
	if (st == ARC_OK && durable && fsync(fd) != 0)
		st = arc_error_set(err, "cannot write %s: %s", path,
		    strerror(errno));
	snprintf(fd_path, sizeof(fd_path), "/proc/self/fd/%d", fd);
	if (st == ARC_OK && linkat(AT_FDCWD, fd_path, AT_FDCWD, path,
	    AT_SYMLINK_FOLLOW) != 0)
		st = errno == EEXIST || errno == ENOENT ? ARC_UNSUPPORTED :
		    arc_error_set(err, "cannot write %s: %s", path,
		    strerror(errno));
	if (close(fd) != 0 && st == ARC_OK) {
		st = arc_error_set(err, "cannot write %s: %s", path,
		    strerror(errno));
		unlink(path);
	}
	return st;
}

/* The same, through a named temporary file renamed over path. */
static int
write_renamed(const char *path, const void *data, size_t len, mode_t mode,
    int durable, struct arc_error *err)
{
	size_t n = strlen(path);
	char *tmp = malloc(n + 40);
	int fd, st;

	if (tmp == NULL)
		return arc_error_set(err, "out of memory");
	/* Messages name the file meant, not the temporary one: that is
	 * removed, and its name (process id, counter) means nothing to a
	 * clerk. */
	if ((fd = create_temporary(path, tmp, n + 40, mode)) < 0) {
		arc_error_set(err, "cannot create %s: %s", path,
		    strerror(errno));
		free(tmp);
		return ARC_ERR;
	}
	st = write_all(fd, data, len, path, err);
	if (st == ARC_OK && durable && fsync(fd) != 0)
		st = arc_error_set(err, "cannot write %s: %s", path,
		    strerror(errno));
	if (close(fd) != 0 && st == ARC_OK)
		st = arc_error_set(err, "cannot write %s: %s", path,
		    strerror(errno));
	if (st == ARC_OK && rename(tmp, path) != 0)
		st = arc_error_set(err, "cannot rename to %s: %s", path,
		    strerror(errno));
	if (st != ARC_OK)
		unlink(tmp);
	free(tmp);
	return st;
}

int
arc_write_atomic(const char *path, const void *data, size_t len, mode_t mode,
    int durable, struct arc_error *err)
{
	char *dir;
	int st = write_linked(path, data, len, mode, durable, err), dfd;

	if (st == ARC_UNSUPPORTED)
		st = write_renamed(path, data, len, mode, durable, err);
	/* The new name itself must reach the disk too. */
	if (st == ARC_OK && durable && (dir = strdup(path)) != NULL) {
		if ((dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY)) >= 0) {
			fsync(dfd);
			close(dfd);
		}
		free(dir);
	}
	return st;
}

int
arc_shred_at(int dirfd, const char *name, const char *shown,
    struct arc_error *err)
{
	static const char zeros[1 << 16];
	struct stat sb;
	off_t left;
	int fd = openat(dirfd, name, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return errno == ENOENT ? ARC_OK :
		    arc_error_set(err, "cannot erase %s: %s", shown,
		    strerror(errno));
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return arc_error_set(err, "cannot erase %s: not a file", shown);
	}
	for (left = sb.st_size; left > 0;) {
		size_t n = left > (off_t)sizeof(zeros) ? sizeof(zeros) :
		    (size_t)left;
		ssize_t w = write(fd, zeros, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			arc_error_set(err, "cannot erase %s: %s", shown,
			    w < 0 ? strerror(errno) : "no space");
			close(fd);
			return ARC_ERR;
		}
		left -= w;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return arc_error_set(err, "cannot erase %s: %s", shown,
		    strerror(errno));
	if (unlinkat(dirfd, name, 0) != 0 && errno != ENOENT)
		return arc_error_set(err, "cannot remove %s: %s", shown,
		    strerror(errno));
	return ARC_OK;
}

int
arc_copy_intact(const char *path, const char *sha)
{
	struct arc_sha256 *h;
	unsigned char buf[1 << 16];
	char hex[65];
	ssize_t n;
	int fd = open(path, O_RDONLY), ok;

	if (fd < 0)
		return 0;
	if ((h = arc_sha256_new()) == NULL) {
		close(fd);
		return 0;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		arc_sha256_update(h, buf, (size_t)n);
	arc_sha256_hex(h, hex);
	arc_sha256_free(h);
	close(fd);
	ok = n == 0 && strcmp(hex, sha) == 0;
	return ok;
}

/* A server's archive whose folder of copies its group writes (the
 * offices' writers, running as accounts of their own, share one:
 * arc-postgresql(7)) has folders its group writes too, whatever the umask:
 * else the first writer's would be its own, and every other office's
 * copies refused.  An office's own archive is left as it is. */
static void
share_folder(const struct arc_store *s, const char *folder)
{
	struct stat sb;

	if (s->pg != NULL && stat(s->files, &sb) == 0 &&
	    (sb.st_mode & S_IWGRP))
		(void)chmod(folder, sb.st_mode & (S_IRWXU | S_IRWXG |
		    S_ISGID));
}

/* The copy's folder (files/ab for sha256 ab...), made once a process
 * rather than tried with two mkdir calls for every document. */
static int
make_folder(struct arc_copies *c, const char *sha, const char *folder,
    struct arc_error *err)
{
	unsigned char *made = &c->folder_made[hex_byte(sha)];

	if (__atomic_load_n(made, __ATOMIC_RELAXED))
		return ARC_OK;
	if (mkdir(c->s->files, 0750) != 0 && errno != EEXIST)
		return arc_error_set(err, "cannot create %s: %s", c->s->files,
		    strerror(errno));
	if (mkdir(folder, 0750) == 0)
		share_folder(c->s, folder);
	else if (errno != EEXIST)
		return arc_error_set(err, "cannot create %s: %s", folder,
		    strerror(errno));
	__atomic_store_n(made, 1, __ATOMIC_RELAXED);
	return ARC_OK;
}

/*
 * Opens the folder of copies for arc_copies_sync before the first copy is
 * written.  syncfs(2) reports the write-back errors that came after its
 * file was opened, or that no one has seen yet: a folder opened only at
 * the batch's end would miss a copy whose write-back failed while the batch
 * was being prepared and that another process's syncfs saw first, and the
 * batch would be committed over a lost copy.
 */
static void
hold_folder(struct arc_copies *c)
{
	int fd, none = -1;

	if (__atomic_load_n(&c->files_fd, __ATOMIC_ACQUIRE) >= 0 ||
	    (fd = open(c->s->files, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if (!__atomic_compare_exchange_n(&c->files_fd, &none, fd, 0,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		close(fd);
}

int
arc_copies_add(struct arc_copies *c, json_t *rec, char **archived,
    struct arc_error *err)
{
	struct arc_store *s = c->s;
	const char *sha = json_string_value(json_object_get(rec, "sha256"));
	const char *path = json_string_value(json_object_get(rec, "path"));
	const char *mime = json_string_value(json_object_get(rec, "mime"));
	unsigned char *data = NULL;
	size_t len = 0;
	char hex[65], *dest;
	struct arc_sha256 *h;
	int st;

	*archived = NULL;
	if (path == NULL)
		return arc_error_set(err, "record has no \"path\"");
	if ((dest = arc_copy_path(s, NULL, sha, mime)) == NULL)
		return arc_error_set(err, "out of memory");
	dest[strlen(s->files) + 3] = '\0';     /* its folder */
	if (make_folder(c, sha, dest, err) != ARC_OK) {
		free(dest);
		return ARC_FATAL;
	}
	hold_folder(c);
	dest[strlen(s->files) + 3] = '/';
	/* Named by content: one already there is this one, if whole (a
	 * crash may have left it renamed but not yet on disk). */
	if (arc_copy_intact(dest, sha)) {
		/* Made now, as far as arc-index --check can tell: one a
		 * killed run left, which it would take for one no row points
		 * to once an hour old. */
		utimensat(AT_FDCWD, dest, NULL, 0);
		*archived = dest;
		return ARC_OK;
	}
	if (arc_document_load_record(rec, COPY_MAX, &data, &len, err) !=
	    ARC_OK) {
		free(dest);
		return ARC_ERR;
	}
	if ((h = arc_sha256_new()) == NULL) {
		free(data);
		free(dest);
		return arc_error_set(err, "out of memory");
	}
	arc_sha256_update(h, data, len);
	arc_sha256_hex(h, hex);
	arc_sha256_free(h);
	if (strcmp(hex, sha) != 0) {
		free(data);
		free(dest);
		return arc_error_set(err, "document changed since it was "
		    "scanned (sha256 differs); scan it again");
	}
	/* Made durable with the batch (arc_copies_sync), one flush for
	 * all its copies rather than one per file.  A torn copy of that
	 * name, from a crash, is replaced. */
	st = arc_write_atomic(dest, data, len, 0640, 0, err);
	free(data);
	if (st != ARC_OK) {
		free(dest);
		return ARC_FATAL;
	}
	*archived = dest;
	return ARC_OK;
}

int
arc_copies_sync(struct arc_copies *c, struct arc_error *err)
{
	struct arc_store *s = c->s;
	int held = __atomic_load_n(&c->files_fd, __ATOMIC_ACQUIRE);
	int fd = held >= 0 ? held : open(s->files, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC);
	int rc;

	if (fd < 0)
		return errno == ENOENT ? ARC_OK :
		    arc_error_set(err, "%s: %s", s->files, strerror(errno));
	/* Every copy written since the last sync, and their renames. */
	rc = syncfs(fd) == 0 ? 0 : errno;
	if (fd != held)
		close(fd);
	if (rc != 0)
		return arc_error_set(err, "%s: cannot flush the copies to "
		    "disk: %s", s->files, strerror(rc));
	return ARC_OK;
}
