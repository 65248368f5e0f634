/* store.c: the archive: where it lives, opening it (its layout brought up to date by schema.c) for many readers and one writer at a time. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "pg.h"

#ifndef ARC_PAGE_SIZE
#define ARC_PAGE_SIZE "8192"
#endif

int
arc_db_path(const char *opt, char *buf, size_t size, struct arc_error *err)
{
	const char *env = getenv("ARC_DB"), *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (opt != NULL && *opt != '\0') {
		snprintf(buf, size, "%s", opt);
		return ARC_OK;
	}
	if (env != NULL && *env != '\0') {
		snprintf(buf, size, "%s", env);
		return ARC_OK;
	}
	/* The office's archive, named in arc.conf(5). */
	if (arc_conf_lookup("archive", buf, size, err) != ARC_OK)
		return ARC_ERR;
	if (*buf != '\0')
		return ARC_OK;
	if (data != NULL && *data == '/')
		snprintf(buf, size, "%s/arc/archive.db", data);
	else if (home != NULL && *home == '/')
		snprintf(buf, size, "%s/.local/share/arc/archive.db", home);
	else
		return arc_error_set(err, "no archive given: use --db, or set "
		    "ARC_DB or HOME");
	return ARC_OK;
}

/* Creates the folders leading to path, readable by owner and group. */
static int
make_parents(const char *path)
{
	char *copy = strdup(path), *p;

	if (copy == NULL)
		return -1;
	for (p = copy + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(copy, 0750) != 0 && errno != EEXIST) {
			free(copy);
			return -1;
		}
		*p = '/';
	}
	free(copy);
	return 0;
}

/* Why the archive cannot be written: errno for the database or its folder
 * (where the -wal and -shm files are made), the first that cannot be
 * written; 0 when both can. */
static int
why_unwritable(const char *path)
{
	char *copy;
	int why = 0;

	if (access(path, W_OK) != 0 && errno != ENOENT)
		return errno;
	if ((copy = strdup(path)) == NULL)
		return 0;
	if (access(dirname(copy), W_OK) != 0)
		why = errno;
	free(copy);
	return why;
}

/*
 * SQLite's message, with the system's reason when a system call failed:
 * "disk I/O error" or "unable to open database file" alone do not say
 * that the disk is full, failing or read-only.
 */
static void
store_error(struct arc_store *s, const char *msg, struct arc_error *err)
{
	int ext = sqlite3_extended_errcode(s->db), code = ext & 0xff;
	int sys = sqlite3_system_errno(s->db), why;

	if (code != SQLITE_IOERR && code != SQLITE_CANTOPEN &&
	    code != SQLITE_READONLY && code != SQLITE_FULL) {
		arc_error_set(err, "%s: %s", s->path, msg);
		return;
	}
	/* SQLite's errno is that of its last system call, which is not
	 * always the one that failed (ENOENT, for the -wal it could not make
	 * in a read-only folder): kept only when it speaks of the disk. */
	if (sys != ENOSPC && sys != EDQUOT && sys != EIO && sys != EROFS &&
	    sys != EACCES && sys != EPERM && sys != EFBIG && sys != EMFILE &&
	    sys != ENFILE)
		sys = 0;
	if ((code == SQLITE_CANTOPEN || code == SQLITE_READONLY) &&
	    (why = why_unwritable(s->path)) != 0)
		sys = why;
	/* SQLite keeps no errno for SQLITE_FULL; arc sets no page limit, so
	 * it is the disk (ENOSPC, or a write cut short by it). */
	if (code == SQLITE_FULL)
		sys = ENOSPC;
	if (sys != 0)
		arc_error_sys(err, sys, "%s: %s (%s)", s->path, msg,
		    strerror(sys));
	else if (ext == SQLITE_IOERR_FSYNC || ext == SQLITE_IOERR_DIR_FSYNC)
		arc_error_set(err, "%s: %s (flushing to the disk failed)",
		    s->path, msg);
	else
		arc_error_set(err, "%s: %s", s->path, msg);
}

int
arc_store_fail(struct arc_store *s, struct arc_error *err)
{
	store_error(s, sqlite3_errmsg(s->db), err);
	return ARC_FATAL;
}

int
arc_store_exec(struct arc_store *s, const char *sql, struct arc_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) == SQLITE_OK)
		return ARC_OK;
	store_error(s, msg ? msg : sqlite3_errmsg(s->db), err);
	sqlite3_free(msg);
	return ARC_FATAL;
}

/*
 * Runs setup SQL that SQLite answers with "database is locked" at once,
 * without waiting, when another process holds a lock (switching to WAL
 * while another arc-index makes the same new archive): tried again for as
 * long as the busy timeout, a little later each time.
 */
static int
exec_waiting(struct arc_store *s, const char *sql, struct arc_error *err)
{
	for (int waited = 0;; waited += 50) {
		int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return ARC_OK;
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) ||
		    waited >= ARC_BUSY_TIMEOUT_MS)
			return arc_store_exec(s, sql, err);  /* says why */
		usleep(50 * 1000);
	}
}

/* "archive.db" keeps its copies in "archive.files". */
static char *
files_dir(const char *path)
{
	size_t n = strlen(path);
	char *dir = malloc(n + 7);

	if (dir == NULL)
		return NULL;
	memcpy(dir, path, n + 1);
	if (n > 3 && strcmp(dir + n - 3, ".db") == 0)
		dir[n - 3] = '\0';
	strcat(dir, ".files");
	return dir;
}

static char *uri_of(const char *path, const char *query);
static const char *reader_vfs_name(void);

int
arc_store_may_exist(const char *path)
{
	return arc_pg_is_uri(path) || access(path, F_OK) == 0;
}

int
arc_store_being_made(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int empty = 0, rc;
	/* Opened as every reader is (see reader_vfs): never leaving a -wal
	 * or -shm of this account's in the archive's folder. */
	const char *vfs = reader_vfs_name();
	char *uri;

	if (arc_pg_is_uri(path))
		return 0;               /* the server makes it in one go */
	uri = vfs != NULL ? uri_of(path, "?readonly_shm=1") : NULL;
	rc = sqlite3_open_v2(uri != NULL ? uri : path, &db,
	    SQLITE_OPEN_READONLY | (uri != NULL ? SQLITE_OPEN_URI : 0),
	    uri != NULL ? vfs : NULL);
	free(uri);
	if (rc != SQLITE_OK) {
		sqlite3_close(db);
		return 0;
	}
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1,
	    &st, NULL) == SQLITE_OK) {
		empty = sqlite3_step(st) == SQLITE_ROW &&
		    sqlite3_column_int(st, 0) == 0;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return empty;
}

/* Opens the database (a path, or with SQLITE_OPEN_URI a "file:" URI)
 * through vfs (NULL: the system's) with arc's tokenizer. */
static int
open_db(struct arc_store *s, const char *path, int flags, const char *vfs,
    struct arc_error *err)
{
	if (sqlite3_open_v2(path, &s->db, flags | SQLITE_OPEN_NOMUTEX, vfs) !=
	    SQLITE_OK) {
		if (s->db != NULL)
			store_error(s, sqlite3_errmsg(s->db), err);
		else
			arc_error_set(err, "%s: cannot open", s->path);
		return ARC_FATAL;
	}
	sqlite3_busy_timeout(s->db, ARC_BUSY_TIMEOUT_MS);
	if (arc_register_fts5(s->db) != SQLITE_OK)
		return arc_error_set(err, "%s: SQLite has no FTS5", s->path),
		    ARC_FATAL;
	return ARC_OK;
}

/* "file:" and path, with what a URI gives meaning escaped, then query.
 * The caller frees it. */
static char *
uri_of(const char *path, const char *query)
{
	size_t n = strlen(path);
	char *uri = malloc(3 * n + strlen(query) + 16), *o;

	if (uri == NULL)
		return NULL;
	o = uri + sprintf(uri, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		if (*c == '%' || *c == '?' || *c == '#')
			o += sprintf(o, "%%%02X", *c);
		else
			*o++ = (char)*c;
	strcpy(o, query);
	return uri;
}

/*
 * The readers' VFS: the system's, except that it never makes a -wal file.
 * SQLite's read-only connection makes a missing -wal (and, without
 * readonly_shm, the -shm) in any folder it may write: in the office's
 * shared folder, a clerk's search would leave them owned by the clerk,
 * and the service account could write the archive no more.
 */
static sqlite3_vfs reader_vfs;
static int (*system_open)(sqlite3_vfs *, sqlite3_filename, sqlite3_file *,
    int, int *);

static int
reader_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f,
    int flags, int *out)
{
	if (flags & SQLITE_OPEN_WAL)
		flags &= ~SQLITE_OPEN_CREATE;
	return system_open(vfs, name, f, flags, out);
}

static const char *
reader_vfs_name(void)
{
	sqlite3_vfs *sys;

	if (reader_vfs.xOpen != NULL)
		return reader_vfs.zName;
	if ((sys = sqlite3_vfs_find(NULL)) == NULL)
		return NULL;
	reader_vfs = *sys;
	reader_vfs.pNext = NULL;
	reader_vfs.zName = "arc-reader";
	system_open = sys->xOpen;
	reader_vfs.xOpen = reader_open;
	if (sqlite3_vfs_register(&reader_vfs, 0) != SQLITE_OK) {
		reader_vfs.xOpen = NULL;
		return NULL;
	}
	return reader_vfs.zName;
}

/* The bytes SQLite's readers lock in the database file (its SHARED
 * lock, os_unix.c): a writer's last close needs them to itself. */
#define SHARED_FIRST (0x40000000 + 2)
#define SHARED_SIZE 510

/*
 * The archive's writer keeps its -wal and -shm files (see
 * arc_store_open), and a reader reads them without writing.  An archive
 * last written by an older arc has neither: nothing is being written
 * (a writer running would have made them), and the database file holds
 * every change.  It is read as an immutable file (no -wal, no -shm),
 * holding the lock a reader holds, so that a writer that starts meanwhile
 * leaves its log unfolded at its end rather than change the file under
 * this search.  A checkpoint while that writer runs (every 128 MB, and
 * at the end of its run) needs no such lock and could still make the
 * search fail; it cannot harm the archive, and once the new arc has
 * written, the -wal and -shm stay and this path is not taken.
 */
static int
read_unlocked(struct arc_store *s, struct arc_error *err)
{
	size_t n = strlen(s->path);
	char *wal = malloc(n + 8), *uri;
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET,
		.l_start = SHARED_FIRST, .l_len = SHARED_SIZE };
	int st = ARC_ERR;

	if (wal == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	snprintf(wal, n + 8, "%s-wal", s->path);
	/* The failed connection closed first: closing any descriptor of
	 * the file would drop this process's lock on it. */
	sqlite3_close(s->db);
	s->db = NULL;
	s->lockfd = open(s->path, O_RDONLY | O_CLOEXEC);
	if (s->lockfd >= 0 && fcntl(s->lockfd, F_SETLK, &fl) == 0 &&
	    access(wal, F_OK) != 0 && errno == ENOENT) {
		if ((uri = uri_of(s->path, "?immutable=1")) == NULL) {
			free(wal);
			return arc_error_set(err, "out of memory"), ARC_FATAL;
		}
		st = open_db(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
		    NULL, err);
		free(uri);
	}
	free(wal);
	return st;
}

/* The -wal or -shm file beside the database that this account cannot
 * write, or NULL: left by a search of an older arc, as the searcher's
 * own.  The caller frees it; *owner is its owner's uid. */
static char *
foreign_log(const char *path, uid_t *owner)
{
	static const char *const ends[] = { "-wal", "-shm" };
	size_t n = strlen(path);
	struct stat sb;
	char *name;

	if (access(path, W_OK) != 0)
		return NULL;   /* said as the database's own */
	for (size_t i = 0; i < 2; i++) {
		if ((name = malloc(n + 8)) == NULL)
			return NULL;
		snprintf(name, n + 8, "%s%s", path, ends[i]);
		if (lstat(name, &sb) == 0 && sb.st_uid != geteuid() &&
		    access(name, W_OK) != 0 && errno == EACCES) {
			*owner = sb.st_uid;
			return name;
		}
		free(name);
	}
	return NULL;
}

/* The name of the account uid, or its number when it has none. */
static void
account_name(uid_t uid, char *buf, size_t size)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "%ld", (long)uid);
}

/* Says why the archive at path opened read-only for a writer.  On an
 * office's shared archive that is a clerk of its group, who may search
 * it but not write it: told whose nightly job writes it, as arc-batch
 * tells them. */
static void
unwritable(const char *path, struct arc_error *err)
{
	struct stat sb;
	char me[64], owner[64];
	int why = why_unwritable(path);

	if (why == 0)
		why = EACCES;
	if (why != EACCES || stat(path, &sb) != 0 || sb.st_uid == geteuid()) {
		arc_error_sys(err, why, "%s: attempt to write a readonly "
		    "database (%s)", path, strerror(why));
		return;
	}
	account_name(geteuid(), me, sizeof(me));
	account_name(sb.st_uid, owner, sizeof(owner));
	arc_error_sys(err, why, "%s: this account (%s) cannot write the "
	    "archive; the nightly job of %s does (%s)", path, me, owner,
	    strerror(why));
}

/* Whether root is about to write an archive another account keeps (its
 * database, else the folder it would be made in), said in err.  Root
 * may write anything, but the folders and copies it made would be its
 * own, and the account's nightly job could then not write them. */
static int
root_in_anothers(const char *path, struct arc_error *err)
{
	struct stat sb;
	char owner[64], *copy, *at;
	int found;

	if (geteuid() != 0 || (copy = at = strdup(path)) == NULL)
		return 0;
	/* The database, else the nearest folder above it that exists
	 * (the folders root would make below it would be root's). */
	while (!(found = stat(at, &sb) == 0) && strcmp(at, "/") != 0 &&
	    strcmp(at, ".") != 0)
		at = dirname(at);
	free(copy);
	if (!found || sb.st_uid == 0)
		return 0;
	account_name(sb.st_uid, owner, sizeof(owner));
	arc_error_set(err, "%s: the archive of %s: run this as that account "
	    "(runuser -u %s -- ...), not as root, whose files there would "
	    "stop its nightly job", path, owner, owner);
	return 1;
}

static struct arc_store *store_open(const char *path, int write, int *none,
    struct arc_error *err);

struct arc_store *
arc_store_open(const char *path, int write, struct arc_error *err)
{
	return store_open(path, write, NULL, err);
}

struct arc_store *
arc_store_open_existing(const char *path, int *none, struct arc_error *err)
{
	*none = !arc_store_may_exist(path) || arc_store_being_made(path);
	return *none ? NULL : store_open(path, 0, none, err);
}

static struct arc_store *
store_open(const char *path, int write, int *none, struct arc_error *err)
{
	struct arc_store *s = calloc(1, sizeof(*s));
	int flags = write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE :
	    SQLITE_OPEN_READONLY;
	int version = 0, rc, persist = 1;
	const char *vfs = NULL;
	char *uri = NULL, *log;
	uid_t owner;
	struct stat sb;

	if (s != NULL) {
		s->lockfd = -1;
		s->ranked_to = -1;
	}
	if (s != NULL && arc_pg_is_uri(path)) {
		if ((s->path = strdup(path)) == NULL)
			arc_error_set(err, "out of memory");
		else if ((rc = arc_pg_open(s, write, err)) == ARC_OK)
			return s;
		else if (rc == ARC_ERR && none != NULL)
			*none = 1;
		arc_store_close(s);
		return NULL;
	}
	if (s == NULL || (s->path = strdup(path)) == NULL ||
	    (s->files = files_dir(path)) == NULL) {
		arc_error_set(err, "out of memory");
		arc_store_close(s);
		return NULL;
	}
	s->readonly = !write;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		arc_error_set(err, "%s: is a folder; --db names the archive's "
		    "database file in it, such as %s/arsip.db", path, path);
		arc_store_close(s);
		return NULL;
	}
	if (!write && access(path, F_OK) != 0) {
		arc_error_sys(err, errno, "%s: no archive here (%s); arc-index "
		    "makes one", path, strerror(errno));
		arc_store_close(s);
		return NULL;
	}
	if (write && root_in_anothers(path, err)) {
		arc_store_close(s);
		return NULL;
	}
	/* Personal data: nothing the archive writes is for others to read. */
	if (write) {
		umask(027);
		if (make_parents(path) != 0) {
			arc_error_sys(err, errno, "%s: cannot create its "
			    "folder: %s", path, strerror(errno));
			arc_store_close(s);
			return NULL;
		}
	}
	if (write && (log = foreign_log(path, &owner)) != NULL) {
		struct passwd *pw = getpwuid(owner);
		arc_error_set(err, "%s: belongs to %s, not to this account, "
		    "which writes the archive (left by another program, such "
		    "as an older arc's search or the sqlite3 tool): remove "
		    "%s-wal and %s-shm while no arc program runs",
		    log, pw != NULL ? pw->pw_name : "another account", path,
		    path);
		free(log);
		goto fail;
	}
	/* A reader opens the log read-only (SQLite 3.22 and later) and
	 * makes no file; see reader_vfs. */
	if (!write && (vfs = reader_vfs_name()) != NULL &&
	    (uri = uri_of(path, "?readonly_shm=1")) == NULL) {
		arc_error_set(err, "out of memory");
		goto fail;
	}
	rc = open_db(s, uri != NULL ? uri : path,
	    flags | (uri != NULL ? SQLITE_OPEN_URI : 0), vfs, err);
	free(uri);
	if (rc != ARC_OK)
		goto fail;
	/* The writer keeps its -wal and -shm at its end, the database's
	 * owner's and mode (0640), for readers to open read-only: a
	 * reader that made them would make them its own. */
	if (write && sqlite3_file_control(s->db, "main",
	    SQLITE_FCNTL_PERSIST_WAL, &persist) != SQLITE_OK) {
		arc_store_fail(s, err);
		goto fail;
	}
	/* A database this account may not write (a clerk of the archive's
	 * group, the file the service account's, 0640) SQLite opens
	 * read-only without a word, and each change then fails on its own:
	 * said once, now, as for a folder that cannot be written. */
	if (write && sqlite3_db_readonly(s->db, "main") == 1) {
		unwritable(path, err);
		goto fail;
	}
	/* Larger pages pack the deflated texts (a KB or two each) and the
	 * index's leaves tighter; only a new database takes it. */
	if (write && arc_store_exec(s, "PRAGMA page_size=" ARC_PAGE_SIZE ";",
	    err) != ARC_OK)
		goto fail;
	/* A writer's cache of 64 MB (SQLite's default is 2): the sha256
	 * index and FTS5's segments are read back while they grow, and with
	 * 2 MB that was a read of the disk cache for every record.  The log
	 * folded back every 128 MB rather than 8: a page that many batches
	 * change (the sha256 index's, FTS5's) is copied into the database
	 * once for all of them, not once for each.  Each commit is on the
	 * disk when it returns (FULL: the log synced, one fsync a batch of
	 * up to 8192 documents or 30 s), so a power cut loses no more than
	 * the batch being written. */
	if (write && (exec_waiting(s, "PRAGMA journal_mode=WAL;"
	    "PRAGMA synchronous=FULL;PRAGMA cache_size=-65536;"
	    "PRAGMA wal_autocheckpoint=16384;", err) != ARC_OK ||
	    exec_waiting(s, "BEGIN IMMEDIATE", err) != ARC_OK))
		goto fail;
	rc = arc_schema_version(s, &version);
	if (rc != SQLITE_OK && !write && ((rc & 0xff) == SQLITE_CANTOPEN ||
	    (rc & 0xff) == SQLITE_READONLY)) {
		if ((rc = read_unlocked(s, err)) == ARC_FATAL)
			goto fail;
		if (rc == ARC_ERR) {
			arc_error_set(err, "%s: cannot be read until the "
			    "account that writes it has opened it again (its "
			    "-wal or -shm file is missing): run arc-batch as "
			    "that account", path);
			goto fail;
		}
		rc = arc_schema_version(s, &version);
	}
	/* Not readable is not "not an arc archive": SQLite says why. */
	if (rc != SQLITE_OK) {
		arc_store_fail(s, err);
		goto fail;
	}
	if (arc_schema_usable(s, version, err) != ARC_OK)
		goto fail;
	if (write && (arc_schema_upgrade(s, version, err) != ARC_OK ||
	    arc_store_exec(s, "COMMIT", err) != ARC_OK))
		goto fail;
	if (!write && version == 0) {
		arc_error_set(err, "%s: not an arc archive", path);
		goto fail;
	}
	arc_schema_features(s, write ? ARC_SCHEMA_VERSION : version);
	return s;
fail:
	arc_store_close(s);
	return NULL;
}

int
arc_store_prepare(struct arc_store *s, const char *sql, sqlite3_stmt **st)
{
	int i;

	for (i = 0; i < STMT_CACHE && s->cache[i].sql != NULL; i++)
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			*st = s->cache[i].st;
			return SQLITE_OK;
		}
	/* A fixed set of statements: running out is a bug, said loudly. */
	if (i == STMT_CACHE || sqlite3_prepare_v3(s->db, sql, -1,
	    SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK)
		return SQLITE_ERROR;
	s->cache[i].sql = sql;
	s->cache[i].st = *st;
	return SQLITE_OK;
}

int
arc_store_step_done(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	return rc == SQLITE_DONE ? ARC_OK : ARC_FATAL;
}

int
arc_store_on_server(const struct arc_store *s)
{
	return s->pg != NULL;
}

const char *
arc_store_copies(const struct arc_store *s)
{
	return s->files;
}

void
arc_store_close(struct arc_store *s)
{
	if (s == NULL)
		return;
	arc_pg_close(s);
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(s->cache[i].st);
	if (s->db != NULL)
		sqlite3_close(s->db);
	if (s->lockfd >= 0)
		close(s->lockfd);
	free(s->path);
	free(s->files);
	free(s);
}

int
arc_store_state(struct arc_store *s, const char *sha256, int named_ok,
    int *attempts)
{
	struct arc_doc_row row;
	sqlite3_stmt *st;
	int state = ARC_STORE_ABSENT;

	if (s->pg != NULL)
		return arc_pg_state(s, sha256, named_ok, attempts);
	*attempts = 0;
	if (arc_store_prepare(s, arc_doc_sql(s, ARC_DOC_BY_SHA256, 0), &st) !=
	    SQLITE_OK)
		return ARC_FATAL;
	sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		arc_doc_row_read(st, &row);
		state = row.is_archived ? ARC_STORE_ARCHIVED :
		    ARC_STORE_FAILED;
		*attempts = row.attempts;
		if (state == ARC_STORE_FAILED && named_ok &&
		    row.path != NULL && strstr(row.path, "\xef\xbf\xbd")) {
			state = ARC_STORE_ABSENT;
			*attempts = 0;
		}
	}
	sqlite3_reset(st);
	/* Archives made before arc-index --forget have no such table. */
	if (state == ARC_STORE_ABSENT && sqlite3_prepare_v2(s->db,
	    "SELECT 1 FROM forgotten WHERE sha256 = ?", -1, &st, NULL) ==
	    SQLITE_OK) {
		sqlite3_bind_text(st, 1, sha256, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			state = ARC_STORE_FORGOTTEN;
		sqlite3_finalize(st);
	}
	return state;
}

int
arc_store_unread(struct arc_store *s, const char *path, const char *member)
{
	sqlite3_stmt *st;
	int attempts = 0;

	if (s->pg != NULL)
		return arc_pg_unread(s, path, member);
	if (!s->has_unread || arc_store_prepare(s, "SELECT attempts FROM "
	    "unread WHERE path = ? AND member = ?", &st) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, member != NULL ? member : "", -1,
	    SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		attempts = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return attempts;
}

/* ---- text kept deflated, before it was coded by word ---- */

int
arc_uncompress(const void *blob, size_t len, char **text, size_t *text_len)
{
	const unsigned char *b = blob;
	uint64_t n = 0;
	uLongf got;
	char *buf;

	if (blob == NULL || len < 8)
		return ARC_ERR;
	for (int i = 0; i < 8; i++)
		n |= (uint64_t)b[i] << (8 * i);
	if (n > (1ull << 32) || (buf = malloc(n + 1)) == NULL)
		return ARC_ERR;
	got = (uLongf)n;
	if (uncompress((Bytef *)buf, &got, b + 8, (uLong)(len - 8)) != Z_OK ||
	    got != n) {
		free(buf);
		return ARC_ERR;
	}
	buf[n] = '\0';
	*text = buf;
	*text_len = n;
	return ARC_OK;
}

/* ---- what the FTS index holds ---- */

/* The words of a JSON value's strings, one after the other. */
static void
json_words(json_t *v, char **buf, size_t *len, size_t *cap)
{
	const char *key, *str;
	json_t *item;
	size_t i, n;

	if (json_is_string(v)) {
		str = json_string_value(v);
		n = strlen(str);
		if (arc_grow(buf, cap, *len, n + 2, 1) != ARC_OK)
			return;
		memcpy(*buf + *len, str, n);
		*len += n;
		(*buf)[(*len)++] = ' ';
		(*buf)[*len] = '\0';
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, item)
			json_words(item, buf, len, cap);
	} else if (json_is_object(v)) {
		json_object_foreach(v, key, item)
			json_words(item, buf, len, cap);
	}
}

/* Tags and fields are codes and names: their words as they are. */
static char *
json_text(struct arc_stemmers *st, const char *json)
{
	json_t *v = json ? json_loads(json, 0, NULL) : NULL;
	size_t len = 0, cap = 64;
	char *buf = malloc(cap), *out;

	if (buf == NULL) {
		json_decref(v);
		return NULL;
	}
	buf[0] = '\0';
	json_words(v, &buf, &len, &cap);
	json_decref(v);
	out = arc_index_words(st, "raw", buf, len);
	free(buf);
	return out;
}

int
arc_fts_columns(struct arc_stemmers *st, const char *lang,
    const char *title, int title_guessed, const char *text, size_t text_len,
    const char *tags_json, const char *fields_json, struct fts_columns *c)
{
	const char *l = lang != NULL && strcmp(lang, "eng") == 0 ? "eng" :
	    "ind";

	memset(c, 0, sizeof(*c));
	/* A title guessed from a line says nothing the text does not: it
	 * weighs as text.  A row archived before it was kept whether the
	 * title was guessed has its words in the index by the older rule,
	 * which took a title that is one of the lines for a guess, even a
	 * record's own. */
	if (title_guessed < 0)
		title_guessed = title != NULL &&
		    arc_title_guessed(title, text, text_len);
	if (title_guessed)
		title = NULL;
	c->body = arc_index_words(st, l, text, text_len);
	c->title = arc_index_words(st, l, title ? title : "",
	    title ? strlen(title) : 0);
	c->tags = json_text(st, tags_json);
	c->fields = json_text(st, fields_json);
	if (c->title == NULL || c->body == NULL || c->tags == NULL ||
	    c->fields == NULL) {
		arc_fts_columns_free(c);
		return ARC_FATAL;
	}
	return ARC_OK;
}

void
arc_fts_columns_free(struct fts_columns *c)
{
	free(c->title);
	free(c->body);
	free(c->tags);
	free(c->fields);
	memset(c, 0, sizeof(*c));
}
