/* fiu_syncfs.c: a libfiu failure point for syncfs(2), which arc-index flushes its copies with and libfiu's POSIX preload lacks. */
/*
 * Preloaded after fiu-run's libraries, it fails syncfs as the point
 * "posix/io/sync/syncfs", enabled like theirs (libfiu's wildcard for the
 * posix/io/sync family takes it too): with failinfo=5 errno is 5 (EIO),
 * and EIO when failinfo is not given.  Without libfiu loaded it only
 * passes the call on.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

int syncfs(int fd);

static int (*fiu_fail_fn)(const char *);
static void *(*fiu_failinfo_fn)(void);

/* libfiu is there by now: fiu-run's own preload library needs it. */
__attribute__((constructor)) static void
find_libfiu(void)
{
	fiu_fail_fn = (int (*)(const char *))dlsym(RTLD_DEFAULT, "fiu_fail");
	fiu_failinfo_fn = (void *(*)(void))dlsym(RTLD_DEFAULT,
	    "fiu_failinfo");
}

int
syncfs(int fd)
{
	if (fiu_fail_fn != NULL && fiu_fail_fn("posix/io/sync/syncfs")) {
		long info = fiu_failinfo_fn != NULL ?
		    (long)fiu_failinfo_fn() : 0;
		errno = info != 0 ? (int)info : EIO;
		return -1;
	}
	return (int)syscall(SYS_syncfs, fd);
}
