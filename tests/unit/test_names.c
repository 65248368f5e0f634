/* test_names.c: member-name safety and option value parsing. */
#include "arc_cli.h"
#include "scan_internal.h"
#include "check.h"

static void
test_member_names(void)
{
	CHECK(arc_member_name_problem("surat/undangan.pdf") == NULL);
	CHECK(arc_member_name_problem("./surat/undangan.pdf") == NULL);
	CHECK(arc_member_name_problem("..surat..pdf") == NULL);
	CHECK(arc_member_name_problem("caf\xc3\xa9.pdf") == NULL);
	CHECK_STR(arc_member_name_problem(""), "empty name");
	CHECK_STR(arc_member_name_problem("../x"), "name contains '..'");
	CHECK_STR(arc_member_name_problem("a/../../x"), "name contains '..'");
	CHECK_STR(arc_member_name_problem("a/.."), "name contains '..'");
	CHECK_STR(arc_member_name_problem("..\\x"), "name contains '..'");
	CHECK_STR(arc_member_name_problem("/etc/passwd"),
	    "name is an absolute path");
	CHECK_STR(arc_member_name_problem("C:\\x"), "name is an absolute path");
	CHECK_STR(arc_member_name_problem("a\nb"),
	    "name contains control characters");
	CHECK_STR(arc_member_name_problem("caf\xe9"), "name is not valid UTF-8");
}

static void
test_parse(void)
{
	uint64_t n = 0;
	long s = 0;

	CHECK(arc_parse_size("0", &n) == ARC_OK && n == 0);
	CHECK(arc_parse_size("512", &n) == ARC_OK && n == 512);
	CHECK(arc_parse_size("8G", &n) == ARC_OK && n == 8ull << 30);
	CHECK(arc_parse_size("3k", &n) == ARC_OK && n == 3072);
	CHECK(arc_parse_size("-1", &n) == ARC_ERR);
	CHECK(arc_parse_size("1X", &n) == ARC_ERR);
	CHECK(arc_parse_size("", &n) == ARC_ERR);
	CHECK(arc_parse_size("99999999999T", &n) == ARC_ERR);
	CHECK(arc_parse_seconds("60", &s) == ARC_OK && s == 60);
	CHECK(arc_parse_seconds("1m", &s) == ARC_ERR);
	CHECK(arc_parse_seconds(" 5", &s) == ARC_ERR);
}

int
main(void)
{
	test_member_names();
	test_parse();
	return CHECK_DONE();
}
