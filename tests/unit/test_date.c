/* test_date.c: dates as clerks type them, read into ISO form (arc_date_read) for the options and for tanggal: in queries. */
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"
#include "check.h"
#include "query.h"

/* text reads as want. */
static void
reads(const char *text, const char *want)
{
	struct arc_error err = { "", "" };
	char iso[ARC_DATE_ISO_MAX] = "";
	int shaped = -1;

	if (arc_date_read(text, iso, &shaped, &err) != ARC_OK)
		fprintf(stderr, "'%s': %s\n", text, err.message);
	CHECK_STR(iso, want);
	CHECK(shaped == 1);
}

/* text is no date, err saying so with why; shaped as want_shaped. */
static void
fails(const char *text, const char *why, int want_shaped)
{
	struct arc_error err = { "", "" };
	char iso[ARC_DATE_ISO_MAX] = "unchanged";
	int shaped = -1;

	CHECK(arc_date_read(text, iso, &shaped, &err) == ARC_ERR);
	CHECK_STR(iso, "unchanged");
	if (strstr(err.message, why) == NULL) {
		fprintf(stderr, "'%s': got \"%s\", want \"%s\" in it\n", text,
		    err.message, why);
		check_failures++;
	}
	CHECK(shaped == want_shaped);
}

static void
test_iso(void)
{
	/* As --since and --until always took them. */
	reads("2026", "2026");
	reads("2026-11", "2026-11");
	reads("2026-11-03", "2026-11-03");
	reads(" 2026-11-03 ", "2026-11-03");
	reads("2026-1-5", "2026-01-05");
	reads("2026/12/03", "2026-12-03");
	reads("2026.12", "2026-12");
}

static void
test_numbers(void)
{
	/* The day first, never the month: 03-12 is the 3rd of December. */
	reads("03-12-2026", "2026-12-03");
	reads("3/12/2026", "2026-12-03");
	reads("3.12.2026", "2026-12-03");
	reads("3-1-2026", "2026-01-03");
	reads("12-03-2026", "2026-03-12");
	reads("31.12.2026", "2026-12-31");
	/* A month alone. */
	reads("12-2026", "2026-12");
	reads("12/2026", "2026-12");
	reads("1.2026", "2026-01");
}

static void
test_names(void)
{
	static const struct {
		const char *name;
		const char *month;
	} names[] = {
		{ "Januari", "01" }, { "Jan", "01" }, { "January", "01" },
		{ "Februari", "02" }, { "Feb", "02" }, { "Peb", "02" },
		{ "Pebruari", "02" }, { "February", "02" },
		{ "Maret", "03" }, { "Mar", "03" }, { "March", "03" },
		{ "April", "04" }, { "Apr", "04" },
		{ "Mei", "05" }, { "May", "05" },
		{ "Juni", "06" }, { "Jun", "06" }, { "June", "06" },
		{ "Juli", "07" }, { "Jul", "07" }, { "July", "07" },
		{ "Agustus", "08" }, { "Agu", "08" }, { "Agt", "08" },
		{ "Ags", "08" }, { "Aug", "08" }, { "August", "08" },
		{ "September", "09" }, { "Sep", "09" }, { "Sept", "09" },
		{ "Oktober", "10" }, { "Okt", "10" }, { "Oct", "10" },
		{ "October", "10" },
		{ "November", "11" }, { "Nov", "11" }, { "Nop", "11" },
		{ "Nopember", "11" },
		{ "Desember", "12" }, { "Des", "12" }, { "Dec", "12" },
		{ "December", "12" },
	};
	char text[64], want[16];

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(text, sizeof(text), "%s 2026", names[i].name);
		snprintf(want, sizeof(want), "2026-%s", names[i].month);
		reads(text, want);
		snprintf(text, sizeof(text), "7 %s 2026", names[i].name);
		snprintf(want, sizeof(want), "2026-%s-07", names[i].month);
		reads(text, want);
	}
	/* Any case, any spaces, a dot after a short name, dashes. */
	reads("3 Desember 2026", "2026-12-03");
	reads("03 des 2026", "2026-12-03");
	reads("3 DESEMBER 2026", "2026-12-03");
	reads("3 dEsEmBeR 2026", "2026-12-03");
	reads("  3   Des\t2026 ", "2026-12-03");
	reads("3 Des. 2026", "2026-12-03");
	reads("Des.2026", "2026-12");
	reads("3-Des-2026", "2026-12-03");
	reads("03-des-2026", "2026-12-03");
	reads("DESEMBER 2026", "2026-12");
	reads("Des 2026", "2026-12");
	reads("dec 2026", "2026-12");
}

static void
test_leap(void)
{
	reads("29-02-2024", "2024-02-29");
	reads("29 Februari 2000", "2000-02-29");
	reads("2028-02-29", "2028-02-29");
	fails("29-02-2026", "there is no day 29 in February 2026", 1);
	fails("29 Peb 1900", "there is no day 29 in February 1900", 1);
	fails("2100-02-29", "there is no day 29 in February 2100", 1);
	reads("28-02-2026", "2026-02-28");
}

static void
test_bad(void)
{
	/* Written as a date, but none. */
	fails("31-02-2026", "'31-02-2026' is not a date: there is no day 31 "
	    "in February 2026", 1);
	fails("31 April 2026", "there is no day 31 in April 2026", 1);
	fails("0-12-2026", "there is no day 0 in December 2026", 1);
	fails("32.01.2026", "there is no day 32 in January 2026", 1);
	fails("2026-11-31", "there is no day 31 in November 2026", 1);
	fails("13-13-2026", "there is no month 13", 1);
	fails("2026-13", "there is no month 13", 1);
	fails("2026-00", "there is no month 0", 1);
	fails("12-31-2026", "there is no month 31", 1);
	fails("3 Dessember 2026", "'Dessember' is not a month", 0);
	fails("rapat 2026", "'rapat' is not a month", 0);
	/* 26 might be 1926 or 2026. */
	fails("3/12/26", "write the year with four digits", 1);
	fails("3 Des 26", "write the year with four digits", 1);
	fails("Des 26", "write the year with four digits", 1);
	fails("12-26", "write the year with four digits", 1);
	fails("3-12-02026", "write the year with four digits", 1);
	fails("0026", "write the year with four digits", 1);
	/* Not written as a date at all. */
	fails("kemarin", "'kemarin' is not a date such as 28-11-2026, "
	    "28 November 2026, November 2026 or 2026", 0);
	fails("", "not a date such as", 0);
	fails("   ", "not a date such as", 0);
	fails("26", "not a date such as", 0);
	fails("Desember", "not a date such as", 0);
	fails("3 Desember", "not a date such as", 0);
	fails("2026-", "not a date such as", 0);
	fails("-2026", "not a date such as", 0);
	fails("3-12/2026", "not a date such as", 0);
	fails("3--12--2026", "not a date such as", 0);
	fails("3 12 2026", "not a date such as", 0);
	fails("Des2026", "not a date such as", 0);
	fails("Desember 3, 2026", "not a date such as", 0);
	fails("3 Desember 2026 10:00", "not a date such as", 0);
	fails("2026-12-03T10:00", "not a date such as", 0);
	fails("D\xc3\xa9sember 2026", "not a date such as", 0);
	fails("99999999999-12-2026", "not a date such as", 0);
}

/* query's tanggal: filter reads as want; the other terms stay. */
static void
query_reads(const char *query, const char *want, int nterms)
{
	struct arc_query q;
	int found = 0;

	CHECK(arc_query_parse(query, &q) == ARC_OK);
	CHECK(q.n == nterms);
	for (int i = 0; i < q.n; i++)
		if (q.terms[i].kind == QT_FILTER &&
		    q.terms[i].key == QF_TANGGAL) {
			CHECK_STR(q.terms[i].text, want);
			found++;
		}
	CHECK(found == 1);
	if (q.date_error.message[0] != '\0')
		fprintf(stderr, "%s: %s\n", query, q.date_error.message);
	CHECK(q.date_error.message[0] == '\0');
	arc_query_free(&q);
}

/* query's first term is its tanggal: as typed, which is no date. */
static void
query_fails(const char *query, const char *typed, int nterms,
    const char *why)
{
	struct arc_query q;

	CHECK(arc_query_parse(query, &q) == ARC_OK);
	CHECK(q.n == nterms && q.terms[0].kind == QT_FILTER &&
	    q.terms[0].key == QF_TANGGAL);
	CHECK_STR(q.terms[0].text, typed);
	CHECK(q.terms[1].kind == QT_WORD);
	CHECK_STR(q.terms[1].text, "rapat");
	CHECK_STR(q.date_error.message, why);
	arc_query_free(&q);
}

static void
test_query(void)
{
	struct arc_query q;

	query_reads("tanggal:2026-11", "2026-11", 1);
	query_reads("tanggal:30-11-2026 rapat", "2026-11-30", 2);
	query_reads("rapat tanggal:3/12/2026", "2026-12-03", 2);
	query_reads("tanggal:\"3 Desember 2026\" rapat", "2026-12-03", 2);
	query_reads("tanggal:\"Des 2026\"", "2026-12", 1);
	query_reads("tanggal:3-Des-2026", "2026-12-03", 1);
	/* Unquoted, the date goes on over the words that make it. */
	query_reads("tanggal:3 Desember 2026 rapat", "2026-12-03", 2);
	query_reads("tanggal:Des 2026 rapat koordinasi", "2026-12", 3);
	query_reads("tanggal:2026 Desember", "2026", 2);
	query_reads("tanggal:Nopember\t2026", "2026-11", 1);

	/* A month's name alone is a word to search for, not a date. */
	CHECK(arc_query_parse("Desember 2026", &q) == ARC_OK);
	CHECK(q.n == 2 && q.terms[0].kind == QT_WORD &&
	    q.terms[1].kind == QT_WORD);
	CHECK_STR(q.terms[0].text, "Desember");
	CHECK(q.date_error.message[0] == '\0');
	arc_query_free(&q);

	/* No date: kept as typed, and why is said (the first). */
	query_fails("tanggal:31-02-2026 rapat", "31-02-2026", 2,
	    "'31-02-2026' is not a date: there is no day 31 in February 2026");
	query_fails("tanggal:31 Februari 2026 rapat", "31 Februari 2026", 2,
	    "'31 Februari 2026' is not a date: there is no day 31 in "
	    "February 2026");
	query_fails("tanggal:kemarin rapat tanggal:bulan", "kemarin", 3,
	    "'kemarin' is not a date such as 28-11-2026, 28 November 2026, "
	    "November 2026 or 2026");
}

int
main(void)
{
	test_iso();
	test_numbers();
	test_names();
	test_leap();
	test_bad();
	test_query();
	return CHECK_DONE();
}
