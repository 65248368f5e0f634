/* share.c: finding share/ (rules, answers) and the message catalogues from
 * the build tree and after install. */
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arc_core.h"

static int
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The running program's folder in exe, or 0 when unknown. */
static int
exe_dir(char *exe, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", exe, size - 1);
	char *slash;

	if (n <= 0)
		return 0;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	return 1;
}

int
arc_share_in_build_tree(void)
{
	char exe[PATH_MAX];

	return exe_dir(exe, sizeof(exe)) && strcmp(exe, ARC_BUILD_BINDIR) == 0;
}

int
arc_share_path(const char *name, char *buf, size_t size)
{
	char exe[PATH_MAX];

	if (exe_dir(exe, sizeof(exe))) {
		/* A program in the build tree uses the sources' share/, so
		 * that an edit there counts without installing. */
		if (strcmp(exe, ARC_BUILD_BINDIR) == 0) {
			snprintf(buf, size, "%s/%s", ARC_SOURCE_SHARE, name);
			return exists(buf) ? ARC_OK : ARC_ERR;
		}
		/* Installed: beside the program first, so that a tree moved
		 * or staged with DESTDIR finds its own. */
		snprintf(buf, size, "%s/../share/arc/%s", exe, name);
		if (exists(buf))
			return ARC_OK;
	}
	snprintf(buf, size, "%s/%s", ARC_DATADIR, name);
	return exists(buf) ? ARC_OK : ARC_ERR;
}

static char sysconf_dir[PATH_MAX];

static void
find_sysconf_dir(void)
{
	char exe[PATH_MAX], path[PATH_MAX + 32];
	FILE *f;

	/* Installed: the folder the install chose, which it writes beside
	 * the shipped files (cmake/install-office.cmake), so that programs
	 * and install agree whatever the prefix, staging or links. */
	if (exe_dir(exe, sizeof(exe)) && strcmp(exe, ARC_BUILD_BINDIR) != 0) {
		snprintf(path, sizeof(path), "%s/../share/arc/sysconfdir", exe);
		if ((f = fopen(path, "r")) != NULL) {
			char *nl;
			int ok = fgets(sysconf_dir, sizeof(sysconf_dir), f) !=
			    NULL;
			fclose(f);
			if (ok && sysconf_dir[0] == '/' &&
			    (nl = strchr(sysconf_dir, '\n')) != NULL) {
				*nl = '\0';
				return;
			}
		}
	}
	snprintf(sysconf_dir, sizeof(sysconf_dir), "%s", ARC_SYSCONFDIR);
}

const char *
arc_sysconf_dir(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	/* Read once: every program asks for it several times. */
	pthread_once(&once, find_sysconf_dir);
	return sysconf_dir;
}

void
arc_locale_dir(char *buf, size_t size)
{
	char exe[PATH_MAX];

	if (exe_dir(exe, sizeof(exe))) {
		/* The build tree's catalogues are made beside its programs. */
		if (strcmp(exe, ARC_BUILD_BINDIR) == 0) {
			snprintf(buf, size, "%s", ARC_BUILD_LOCALEDIR);
			return;
		}
		/* Installed: beside the program when its share/arc is there
		 * (a tree moved or staged), as arc_share_path. */
		snprintf(buf, size, "%s/../share/arc", exe);
		if (exists(buf)) {
			snprintf(buf, size, "%s/../share/locale", exe);
			return;
		}
	}
	snprintf(buf, size, "%s", ARC_LOCALEDIR);
}
