/* swap_folder.c: a preloaded realpath(3) that swaps a folder for a symbolic link right after resolving a given path, the race arc-scan must survive made certain. */
/*
 * With ARC_SWAP_AFTER set to a path, the first realpath() of exactly that
 * path resolves it, then renames the folder ARC_SWAP_FOLDER to
 * ARC_SWAP_FOLDER.old and puts in its place a symbolic link to
 * ARC_SWAP_TARGET: what someone who may write a scanner folder can do
 * between a program's check of a link and its opening of the file.
 * Without ARC_SWAP_AFTER it only passes the call on.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *realpath(const char *restrict path, char *restrict resolved);

char *
realpath(const char *restrict path, char *restrict resolved)
{
	static int swapped;
	char *(*real)(const char *, char *) =
	    (char *(*)(const char *, char *))dlsym(RTLD_NEXT, "realpath");
	const char *after = getenv("ARC_SWAP_AFTER");
	const char *folder = getenv("ARC_SWAP_FOLDER");
	const char *target = getenv("ARC_SWAP_TARGET");
	char *r, old[4096];

	if (real == NULL)
		abort();
	r = real(path, resolved);
	if (swapped || after == NULL || folder == NULL || target == NULL ||
	    strcmp(path, after) != 0)
		return r;
	swapped = 1;
	snprintf(old, sizeof(old), "%s.old", folder);
	if (rename(folder, old) != 0 || symlink(target, folder) != 0)
		perror("swap_folder");
	return r;
}
