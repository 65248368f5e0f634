/* test_utf8.c: UTF-8 validation and repair, safe diagnostic lines, NIK masking. */
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"
#include "check.h"

static void
test_valid(void)
{
	CHECK(arc_utf8_valid("", 0));
	CHECK(arc_utf8_valid("Surat Keputusan", 15));
	CHECK(arc_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\x84", 14));
	CHECK(!arc_utf8_valid("caf\xe9", 4));             /* Latin-1 */
	CHECK(!arc_utf8_valid("\xc0\xaf", 2));            /* overlong '/' */
	CHECK(!arc_utf8_valid("\xed\xa0\x80", 3));        /* surrogate */
	CHECK(!arc_utf8_valid("\xf4\x90\x80\x80", 4));    /* past U+10FFFF */
	CHECK(!arc_utf8_valid("\xe2\x82", 2));            /* cut short */
	CHECK(arc_utf8_valid_prefix("ab\xff" "cd", 5) == 2);
}

/* Text as arc-scan and arc-ocr tell it, whatever libmagic guessed. */
static void
test_is_plain(void)
{
	char many[300];

	CHECK(arc_text_is_plain("PATTIRO (Pusat Telaah)\n", 23, 0));
	CHECK(arc_text_is_plain("Kepala Dinas\r\n\fhal. 2\tx", 23, 0));
	CHECK(!arc_text_is_plain("", 0, 0));
	CHECK(!arc_text_is_plain("a\0b", 3, 0));
	CHECK(!arc_text_is_plain("caf\xe9", 4, 0));           /* Latin-1 */
	/* A head cut inside a character is text; a whole file is not. */
	CHECK(arc_text_is_plain("caf\xc3", 4, 1));
	CHECK(!arc_text_is_plain("caf\xc3", 4, 0));
	/* UTF-16 after its byte order mark, either order; no NUL unit. */
	CHECK(arc_text_is_plain("\xff\xfeS\0K\0", 6, 0));
	CHECK(arc_text_is_plain("\xfe\xff\0S\0K", 6, 0));
	CHECK(!arc_text_is_plain("\xff\xfeS\0\0\0", 6, 0));
	CHECK(!arc_text_is_plain("\xff\xfeS\0K", 5, 0));
	CHECK(!arc_text_is_plain("\xff\xfe\0\xdc", 4, 0)); /* lone low */
	/* One control character in a hundred, not two. */
	memset(many, 'a', sizeof(many));
	many[10] = '\x1b';
	CHECK(arc_text_is_plain(many, 100, 0));
	many[20] = '\x1a';
	CHECK(!arc_text_is_plain(many, 100, 0));
	CHECK(arc_text_is_plain(many, 200, 0));
	/* C1 controls are control characters too. */
	CHECK(!arc_text_is_plain("ab\xc2\x9b", 4, 0));
}

static void
test_repair(void)
{
	char *s = arc_utf8_repair("a\xffz", 3);

	CHECK_STR(s, "a\xef\xbf\xbdz");
	free(s);
	s = arc_utf8_repair("utuh", 4);
	CHECK_STR(s, "utuh");
	free(s);
	/* A NUL inside is repaired too, not the end of the text. */
	s = arc_utf8_repair("a\0z", 3);
	CHECK_STR(s, "a\xef\xbf\xbdz");
	free(s);
}

/* arc_safe_line(in) is want. */
static void
safe_is(const char *in, const char *want)
{
	char *s = arc_safe_line(in);

	CHECK_STR(s, want);
	free(s);
}

static void
test_safe_line(void)
{
	safe_is("a\tb\x1b[31m\xff" "c", "a?b?[31m?c");
	/* C1 controls (U+009B is CSI) go; U+00A0 and later stay. */
	safe_is("a\xc2\x9b" "31m\xc2\x80\xc2\xa0\xc3\xa9",
	    "a?31m?\xc2\xa0\xc3\xa9");
	safe_is("ktp-3201234567890001.jpg: NIK 3201234567890001",
	    "ktp-3201************.jpg: NIK 3201************");
	/* A NIK with a digit too few or too many is masked too; 14 and 18
	 * digits (a civil servant's NIP) are other numbers. */
	safe_is("320123456789000 32012345678900011",
	    "3201*********** 3201*************");
	safe_is("32012345678900 198507262010011003",
	    "32012345678900 198507262010011003");
	/* The same typed in groups; a sha256's digits are no NIK. */
	safe_is("NIK 3201 2345 6789 012, 3201.2345.6789.0123.4",
	    "NIK 3201 **** **** ***, 3201.****.****.****.*");
	safe_is("4b1f0d0b3201234567890123f0d7e7a3c1b2a9d8e7f6a5b4c3d2e1f0a9b8c7d6",
	    "4b1f0d0b3201234567890123f0d7e7a3c1b2a9d8e7f6a5b4c3d2e1f0a9b8c7d6");
	/* Masking the grouped number before it cuts the hex word short:
	 * its 15 digits are then a NIK too, in the same pass (found by
	 * fuzz_status: masked text masked again must not change). */
	safe_is("88888.88888888888E88888888888E888888888888888ESLEA",
	    "8888*.***********E88888888888E8888***********ESLEA");
}

/* Masked first, then cut: a cut inside a NIK leaves no digits of it. */
static void
test_mask_copy(void)
{
	char buf[16], mid[19], big[64];

	CHECK(arc_mask_copy(buf, sizeof(buf), "id 3201234567890001") == 1);
	CHECK_STR(buf, "id 3201********");
	CHECK(arc_mask_copy(big, sizeof(big), "id 3201234567890001") == 0);
	CHECK_STR(big, "id 3201************");
	/* A longer run of digits is no NIK, but cut it may look like one. */
	CHECK(arc_mask_copy(mid, sizeof(mid),
	    "n 12345678901234567890123456") == 1);
	CHECK_STR(mid, "n 1234************");
	/* Never inside a character: é is two bytes. */
	CHECK(arc_mask_copy(buf, sizeof(buf), "aaaaaaaaaaaaaa\xc3\xa9") == 1);
	CHECK_STR(buf, "aaaaaaaaaaaaaa");
	CHECK(arc_mask_format(buf, sizeof(buf), "%s-%d", "3201 2345 6789 0001",
	    7) == 1);
	CHECK_STR(buf, "3201 **** **** ");
	/* Text for a terminal: escapes go, NIKs stay (arc-find shows them). */
	char *s = arc_text_printable("\x1b]0;t\x07 \x1b[2J 3201234567890001");
	CHECK_STR(s, "?]0;t? ?[2J 3201234567890001");
	free(s);
}

int
main(void)
{
	test_valid();
	test_is_plain();
	test_repair();
	test_safe_line();
	test_mask_copy();
	return CHECK_DONE();
}
