/* replay.c: runs a fuzz target over saved inputs, for builds without libFuzzer (gcc, or clang without ARC_FUZZ), so that the corpus is an ordinary test. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* Defined only by the targets that need it, as libFuzzer allows. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct stat sb;
	uint8_t *data;
	size_t size;

	if (f == NULL || fstat(fileno(f), &sb) != 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		if (f != NULL)
			fclose(f);
		return -1;
	}
	size = (size_t)sb.st_size;
	/* Exactly size bytes, as libFuzzer gives them, so that the
	 * sanitizers see a read past the end. */
	if ((data = malloc(size > 0 ? size : 1)) == NULL ||
	    fread(data, 1, size, f) != size) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		free(data);
		fclose(f);
		return -1;
	}
	fclose(f);
	/* Said before running, so that a crash names its input. */
	fprintf(stderr, "replay: %s\n", path);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

static int
hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Every file of dir, in name order; adds to *ran and *failed. */
static void
run_dir(const char *dir, long *ran, int *failed)
{
	struct dirent **names;
	int n = scandir(dir, &names, hidden, alphasort);

	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		*failed = 1;
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
		char *path = malloc(len);
		if (path == NULL)
			*failed = 1;
		else {
			snprintf(path, len, "%s/%s", dir, names[i]->d_name);
			if (run_file(path) == 0)
				(*ran)++;
			else
				*failed = 1;
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

int
main(int argc, char **argv)
{
	struct stat sb;
	long total = 0;
	int failed = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIR ...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		if (stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			run_dir(argv[i], &total, &failed);
		else if (run_file(argv[i]) == 0)
			total++;
		else
			failed = 1;
	}
	printf("replay: %ld inputs\n", total);
	/* No input at all is a mistake in the test, not a pass. */
	return failed || total == 0 ? 1 : 0;
}
