/* fuzz_rules.c: rule files (arc-rules(5)): loaded as arc-tag loads them, linted, compiled, and matched against a letter and against their own text. */
#include <string.h>

#include "arc_tag.h"
#include "fuzz.h"

/* A letter with something for every kind of rule to find. */
static const char letter[] =
    "PEMERINTAH KABUPATEN BOGOR\nKECAMATAN CIBINONG\n"
    "Nomor    : 005/123/Kec/2026\n"
    "Perihal  : Undangan Rapat Koordinasi Pelayanan\n\n"
    "Dengan hormat, kami mengundang Saudara pada rapat koordinasi\n"
    "pelayanan administrasi kependudukan, PT. Maju Jaya (Persero),\n"
    "surat keterangn tidak mampv, hari Rabu, 9 Desember 2026.\f"
    "KEPUTUSAN CAMAT CIBINONG NOMOR 100/47/Kep/Kec/2026\n"
    "Cibinong, 30 November 2026\n";

static void
tag(struct arc_tagger *t, const char *text)
{
	json_t *rec = json_pack("{s:s, s:s}", "path", "fuzz.txt", "text", text);
	json_t *notes = json_array(), *tags;
	struct arc_error err;
	size_t i;
	json_t *v;

	FUZZ_CHECK(rec != NULL && notes != NULL);
	FUZZ_CHECK(arc_tag_record(t, rec, "fuzz.txt", notes, 1, &err) ==
	    ARC_OK);
	tags = json_object_get(rec, "tags");
	FUZZ_CHECK(json_is_array(tags));
	json_array_foreach(tags, i, v)
		FUZZ_CHECK(json_is_string(v));
	FUZZ_CHECK(json_is_object(json_object_get(rec, "fields")));
	json_decref(notes);
	json_decref(rec);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arc_rules *rs = arc_rules_new();
	struct fuzz_diag load = { 0 }, lint = { 0 };
	struct arc_tagger *t;
	struct arc_error err;
	char *own;
	int st;

	FUZZ_CHECK(rs != NULL);
	st = arc_rules_load(rs, fuzz_file(data, size), fuzz_diag, &load);
	/* A file is taken whole, or refused whole with its reasons. */
	FUZZ_CHECK(st == ARC_OK || st == ARC_ERR);
	FUZZ_CHECK((st == ARC_OK) == (load.errors == 0));
	if (st != ARC_OK)
		FUZZ_CHECK(arc_rules_count(rs) == 0);
	/* Lint only warns. */
	arc_rules_lint(rs, fuzz_diag, &lint);
	FUZZ_CHECK(lint.errors == 0);
	FUZZ_CHECK(arc_rules_compile(rs, &err) == ARC_OK);
	FUZZ_CHECK((t = arc_tagger_new(rs)) != NULL);
	tag(t, letter);
	/* The rules' own words are where their patterns surely match. */
	FUZZ_CHECK((own = arc_utf8_repair((const char *)data, size)) != NULL);
	tag(t, own);
	free(own);
	arc_tagger_free(t);
	arc_rules_free(rs);
	return 0;
}
