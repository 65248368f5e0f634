/* fuzz.c: helpers for the fuzz targets (fuzz.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_core.h"
#include "fuzz.h"

static char scratch[4096];
static int scratch_fd = -1;

static void
remove_scratch(void)
{
	if (scratch_fd >= 0)
		unlink(scratch);
}

const char *
fuzz_file(const uint8_t *data, size_t size)
{
	size_t done = 0;

	if (scratch_fd < 0) {
		const char *tmp = getenv("TMPDIR");
		snprintf(scratch, sizeof(scratch), "%s/arc-fuzz-XXXXXX",
		    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
		FUZZ_CHECK((scratch_fd = mkstemp(scratch)) >= 0);
		atexit(remove_scratch);
	}
	/* Rewritten in place: one file for millions of inputs. */
	FUZZ_CHECK(ftruncate(scratch_fd, 0) == 0);
	while (done < size) {
		ssize_t n = pwrite(scratch_fd, data + done, size - done,
		    (off_t)done);
		FUZZ_CHECK(n > 0);
		done += (size_t)n;
	}
	return scratch;
}

char *
fuzz_string(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

void
fuzz_diag(void *ctx, const char *file, long line,
    enum arc_severity severity, const char *message)
{
	struct fuzz_diag *d = ctx;

	(void)file;
	FUZZ_CHECK(message != NULL && *message != '\0' && line >= 0);
	if (severity == ARC_SEVERITY_WARNING)
		d->warnings++;
	else
		d->errors++;
}

int
fuzz_nik_masked(const char *s)
{
	char *copy = strdup(s);
	int same;

	FUZZ_CHECK(copy != NULL);
	arc_mask_nik(copy);
	same = strcmp(copy, s) == 0;
	free(copy);
	return same;
}
