/* fuzz.h: what the fuzz targets share: the libFuzzer entry point, a scratch file for parsers that read files, and checks that stop the run. */
#ifndef ARC_FUZZ_H
#define ARC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arc_core.h"

/* libFuzzer calls this once per input; replay.c calls it once per saved
 * input.  Returns 0 (anything else is reserved by libFuzzer). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional: called once before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * A broken promise of the library: abort, so that libFuzzer saves the
 * input as a crash and the replay test fails.  Not assert(): a Release
 * build (NDEBUG) must check as well.
 */
#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
		    __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/*
 * Writes data to this process's scratch file and returns its path, the
 * same for every call (in $TMPDIR, removed at exit).  For the parsers that
 * take a file name, as the programs call them.
 */
const char *fuzz_file(const uint8_t *data, size_t size);

/* data as a C string, cut at its first NUL byte; malloc'd, never NULL. */
char *fuzz_string(const uint8_t *data, size_t size);

/* What a parser reported through its diag callback. */
struct fuzz_diag {
	int errors, warnings;
};
/* An arc_diag_fn counting into ctx, a struct fuzz_diag. */
void fuzz_diag(void *ctx, const char *file, long line,
    enum arc_severity severity, const char *message);

/* Is s free of NIKs, i.e. does masking it change nothing? */
int fuzz_nik_masked(const char *s);

#endif
