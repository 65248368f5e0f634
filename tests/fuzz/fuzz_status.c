/* fuzz_status.c: the office's status export (TSV) as faqbot -s loads it, and application numbers looked up in questions, with NIKs never let out. */
#include <string.h>

#include "faq_internal.h"
#include "fuzz.h"

/* Questions with numbers in the forms citizens write them. */
static const char *const questions[] = {
	"status REG-2026-000123?", "cek reg 2026 000124 dong",
	"REG-2026-000123A", "nomor 20260001234", "2026-000123",
	"permohonan REG/2026/000123 sudah selesai?", "REG-", "reg 1",
	"NIK 3201014505900002 REG-2026-000125", "apa kabar", "",
};

#define ASK_LINES 64

static void
lookup(const struct arc_status *st, const char *question)
{
	char number[128];
	const char *row;
	int found;

	memset(number, 'x', sizeof(number));
	found = arc_status_lookup(st, question, number, sizeof(number), &row);
	FUZZ_CHECK(found >= -1 && found <= 1);
	FUZZ_CHECK((found == 1) == (row != NULL));
	if (found == 0)
		return;
	/* What the answer shows: the number asked for and its row. */
	FUZZ_CHECK(memchr(number, '\0', sizeof(number)) != NULL);
	FUZZ_CHECK(fuzz_nik_masked(number));
	if (row != NULL)
		FUZZ_CHECK(fuzz_nik_masked(row));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_diag d = { 0 };
	struct arc_status *st = arc_status_load(fuzz_file(data, size),
	    fuzz_diag, &d);
	char *input, *line, *save;
	int n = 0;

	/* Masked text holds no NIK: masking it again changes nothing. */
	input = fuzz_string(data, size);
	arc_mask_nik(input);
	FUZZ_CHECK(fuzz_nik_masked(input));
	free(input);

	/* Refused only with a reason; never with an error let through. */
	if (st == NULL) {
		FUZZ_CHECK(d.errors > 0);
		return 0;
	}
	FUZZ_CHECK(d.errors == 0);
	for (size_t i = 0; i < sizeof(questions) / sizeof(*questions); i++)
		lookup(st, questions[i]);
	/* The file's own lines hold numbers it has, and near misses. */
	input = fuzz_string(data, size);
	for (line = strtok_r(input, "\n", &save); line != NULL &&
	    n < ASK_LINES; line = strtok_r(NULL, "\n", &save), n++)
		lookup(st, line);
	free(input);
	arc_status_free(st);
	return 0;
}
