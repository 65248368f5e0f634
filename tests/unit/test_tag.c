/* test_tag.c: folding, keyword boundaries, fuzzy matching, NIK and date extraction. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "tag_internal.h"

static void
test_fold(void)
{
	struct arc_folded f;
	const char *text = "Surat  KETERANGAN\n\tDomisili ÉCOLE";

	CHECK(arc_fold(text, strlen(text), &f) == ARC_OK);
	CHECK_STR(f.text, "surat keterangan domisili école");
	/* The way back: "domisili" starts after the line break and tab. */
	CHECK(f.orig[17] == 19 && text[f.orig[17]] == 'D');
	CHECK(f.orig[f.len] == strlen(text));
	arc_fold_free(&f);
	CHECK(arc_line_of("a\nb\fc", 4) == 3);
}

static void
test_fuzzy(void)
{
	struct arc_fuzzy fz;
	char *p = strdup("surat keterangan tidak mampu");
	const char *damaged = "yang bersangkutan surat keterangn tidak rnampu ok";
	size_t s, e;
	int edits;

	/* keterangn: one edit; rnampu for mampu: two. */
	arc_fuzzy_init(&fz, p, 3);
	CHECK(arc_fuzzy_find(&fz, damaged, strlen(damaged), &s, &e, &edits));
	CHECK(edits == 3);
	CHECK(strncmp(damaged + s, "surat keterangn tidak rnampu", e - s) == 0);
	CHECK(!arc_fuzzy_find(&fz, "surat kelakuan baik tidak mampu", 31, &s,
	    &e, &edits));
	free(p);
}

static void
test_nik(void)
{
	CHECK(arc_nik_valid("3273014505900001"));   /* woman, 5 May 1990 */
	CHECK(arc_nik_valid("3201010101000001"));
	CHECK(!arc_nik_valid("9901010101000001"));  /* no province 99 */
	CHECK(!arc_nik_valid("3200010101000001"));  /* regency 00 */
	CHECK(!arc_nik_valid("3201013202900001"));  /* 32 February */
	CHECK(!arc_nik_valid("3201017202900001"));  /* 32nd + 40 */
	CHECK(!arc_nik_valid("3201010113900001"));  /* month 13 */
	CHECK(!arc_nik_valid("3201010101900000"));  /* serial 0000 */
	CHECK(!arc_nik_valid("320101010190000"));   /* 15 digits */
}

static const char *
field(json_t *fields, const char *name)
{
	return json_string_value(json_object_get(fields, name));
}

static void
extract(const char *text, json_t **fields)
{
	*fields = json_object();
	CHECK(arc_extract_fields(text, strlen(text), *fields, NULL, NULL) ==
	    ARC_OK);
}

static void
test_dates(void)
{
	json_t *f;

	extract("Undangan rapat pada Rabu, 9 Desember 2026 pukul 09.00", &f);
	CHECK_STR(field(f, "tanggal"), "2026-12-09");
	json_decref(f);
	extract("tgl 09-12-2026", &f);
	CHECK_STR(field(f, "tanggal"), "2026-12-09");
	json_decref(f);
	extract("9 Des. 2026", &f);
	CHECK_STR(field(f, "tanggal"), "2026-12-09");
	json_decref(f);
	/* The signature's date wins over a meeting's and a birth date. */
	extract("Lahir : Bandung, 14 Maret 1994\nhari Senin, 7 Desember 2026\n"
	    "Cibinong, 30 November 2026\n", &f);
	CHECK_STR(field(f, "tanggal"), "2026-11-30");
	json_decref(f);
	/* Not dates: 31 April, the tail of a letter number. */
	extract("31 April 2026 dan Nomor: 005/18/12/2026", &f);
	CHECK(field(f, "tanggal") == NULL);
	CHECK_STR(field(f, "nomor"), "005/18/12/2026");
	json_decref(f);
}

static void
test_numbers(void)
{
	json_t *f, *nik;

	extract("NOMOR : 800 / 15 / BKPSDM / 2026.\nNomor Induk Kependudukan "
	    "3273014505900001, 1234567890123456, 32730145059000011; "
	    "pendaftaran reg-2026-000123", &f);
	CHECK_STR(field(f, "nomor"), "800/15/BKPSDM/2026");
	nik = json_object_get(f, "nik");
	CHECK(json_array_size(nik) == 1);
	CHECK_STR(json_string_value(json_array_get(nik, 0)), "3273014505900001");
	CHECK_STR(json_string_value(json_array_get(json_object_get(f,
	    "registrasi"), 0)), "REG-2026-000123");
	json_decref(f);
}

/* Rules from a string through a temporary file, as a clerk writes them. */
static struct arc_rules *
rules(const char *text)
{
	char path[] = "/tmp/test_tag.XXXXXX";
	int fd = mkstemp(path);
	struct arc_rules *rs = arc_rules_new();
	struct arc_error err;

	CHECK(fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text));
	close(fd);
	CHECK(arc_rules_load(rs, path, NULL, NULL) == ARC_OK);
	unlink(path);
	CHECK(arc_rules_compile(rs, &err) == ARC_OK);
	return rs;
}

static int
has_tag(json_t *rec, const char *tag)
{
	size_t i;
	json_t *v;

	json_array_foreach(json_object_get(rec, "tags"), i, v)
		if (strcmp(json_string_value(v), tag) == 0)
			return 1;
	return 0;
}

static json_t *
tag(struct arc_rules *rs, const char *text)
{
	struct arc_tagger *t = arc_tagger_new(rs);
	json_t *rec = json_pack("{s:s}", "text", text);
	struct arc_error err;

	CHECK(arc_tag_record(t, rec, "doc", NULL, 0, &err) == ARC_OK);
	arc_tagger_free(t);
	return rec;
}

static void
test_keywords(void)
{
	struct arc_rules *rs = rules(
	    "pt exact PT.\n"
	    "persero any (Persero)\n"
	    "bank any Ban\n"
	    "rapat any \"rapat koordinasi\"\n"
	    "both all anggaran realisasi\n");
	json_t *rec = tag(rs, "PT. Bank (Persero) rapat\n  Koordinasi; "
	    "realisasi");

	CHECK(has_tag(rec, "pt"));
	CHECK(has_tag(rec, "persero"));
	CHECK(!has_tag(rec, "bank"));
	CHECK(has_tag(rec, "rapat"));
	CHECK(!has_tag(rec, "both"));
	json_decref(rec);
	rec = tag(rs, "PTX. anggaran dan realisasi");
	CHECK(!has_tag(rec, "pt"));
	CHECK(has_tag(rec, "both"));
	json_decref(rec);
	arc_rules_free(rs);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_fold();
	test_fuzzy();
	test_nik();
	test_dates();
	test_numbers();
	test_keywords();
	return CHECK_DONE();
}
