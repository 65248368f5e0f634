/* listdir.c: the files of a folder with one suffix, in name order, so that loading them is repeatable. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arc_core.h"

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
arc_list_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

int
arc_list_dir(const char *dir, const char *suffix, char ***out, size_t *nout)
{
	size_t n = 0, cap = 0, slen = strlen(suffix);
	char **names = NULL;
	struct dirent *e;
	DIR *d;

	*out = NULL;
	*nout = 0;
	if ((d = opendir(dir)) == NULL)
		return ARC_ERR;
	for (;;) {
		struct stat sb;
		size_t len;
		errno = 0;
		if ((e = readdir(d)) == NULL)
			break;
		len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len <= slen ||
		    strcmp(e->d_name + len - slen, suffix) != 0)
			continue;
		if (arc_grow(&names, &cap, n, 1, sizeof(*names)) != ARC_OK)
			goto nomem;
		if ((names[n] = malloc(strlen(dir) + len + 2)) == NULL)
			goto nomem;
		sprintf(names[n], "%s/%s", dir, e->d_name);
		/* A folder named x.faq is no answer file. */
		if (stat(names[n], &sb) == 0 && !S_ISREG(sb.st_mode)) {
			free(names[n]);
			continue;
		}
		n++;
	}
	if (errno != 0) {
		int saved = errno;
		closedir(d);
		arc_list_free(names, n);
		errno = saved;
		return ARC_ERR;
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), compare_names);
	*out = names;
	*nout = n;
	return ARC_OK;
nomem:
	closedir(d);
	arc_list_free(names, n);
	errno = ENOMEM;
	return ARC_FATAL;
}
