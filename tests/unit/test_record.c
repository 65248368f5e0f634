/* test_record.c: the record stream: reading JSON lines with file:line diagnostics, writing them. */
#include <stdlib.h>
#include <unistd.h>

#include "arc.h"
#include "check.h"

static char *
temp_file(const char *content, size_t len)
{
	char *name = strdup("/tmp/arc-test-record-XXXXXX");
	int fd = mkstemp(name);

	if (fd < 0 || write(fd, content, len) != (ssize_t)len)
		abort();
	close(fd);
	return name;
}

static void
test_lines(void)
{
	static const char input[] =
	    "{\"path\":\"a.pdf\",\"x\":{\"keep\":[1,2]}}\n"
	    "\n"
	    "   \n"
	    "{\"path\":\"b.pdf\"}\r\n"
	    "{not json}\n"
	    "[1,2]\n"
	    "{\"path\":\"caf\xe9\"}\n"
	    "{\"nik\":\"3201234567890001\",}\n"
	    "{\"path\":\"c.pdf\"}";  /* no final newline */
	char *name = temp_file(input, sizeof(input) - 1);
	char *files[] = { name };
	struct arc_reader *r = arc_reader_new(files, 1, 0);
	struct arc_error err;
	json_t *rec;

	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")), "a.pdf");
	CHECK(arc_reader_line(r) == 1);
	json_decref(rec);

	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")), "b.pdf");
	CHECK(arc_reader_line(r) == 4);
	json_decref(rec);

	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK(arc_reader_line(r) == 5);
	CHECK(strstr(err.message, "invalid JSON at column") != NULL);

	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK_STR(err.message, "a record must be a JSON object");

	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK(arc_reader_line(r) == 7);
	CHECK_STR(err.message, "invalid UTF-8 at byte 13");

	/* The parser's message never quotes the input: it may hold a NIK. */
	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK(strstr(err.message, "3201") == NULL);

	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")), "c.pdf");
	CHECK(arc_reader_line(r) == 9);
	json_decref(rec);

	CHECK(arc_reader_next(r, &rec, &err) == ARC_EOF);
	CHECK_STR(arc_reader_file(r), name);
	arc_reader_free(r);
	unlink(name);
	free(name);
}

static void
test_long_line_and_missing_file(void)
{
	char line[300];
	char *name, *files[3];
	struct arc_reader *r;
	struct arc_error err;
	json_t *rec;

	memset(line, 'x', sizeof(line));
	memcpy(line, "{\"a\":\"", 6);
	memcpy(line + 290, "\"}\n{\"b\":1}\n", 10);
	name = temp_file(line, 300);
	files[0] = "/nonexistent/arc-records";
	files[1] = name;
	r = arc_reader_new(files, 2, 0);
	arc_reader_set_line_max(r, 100);

	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK_STR(arc_reader_file(r), "/nonexistent/arc-records");
	CHECK_STR(err.message, "No such file or directory");

	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK(arc_reader_line(r) == 1);
	CHECK_STR(err.message, "line longer than 100 bytes; skipped");

	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK(arc_reader_line(r) == 2);
	CHECK(json_integer_value(json_object_get(rec, "b")) == 1);
	json_decref(rec);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_EOF);
	arc_reader_free(r);
	unlink(name);
	free(name);
}

static void
test_paths(void)
{
	static const char input[] = "scans/surat 1.pdf\n{\"path\":\"b.pdf\"}\n";
	char *name = temp_file(input, sizeof(input) - 1);
	char *files[] = { name };
	struct arc_reader *r = arc_reader_new(files, 1, ARC_READ_PATHS);
	struct arc_error err;
	json_t *rec;

	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")),
	    "scans/surat 1.pdf");
	json_decref(rec);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")), "b.pdf");
	json_decref(rec);
	arc_reader_free(r);
	unlink(name);
	free(name);
}

static void
test_write(void)
{
	json_t *rec = json_pack("{s:s, s:{s:i}}", "path", "a.pdf", "ocr",
	    "pages", 2);
	char buf[256] = "";
	FILE *f = tmpfile();

	CHECK(arc_record_set_text(rec, "member", "caf\xe9.txt") == ARC_OK);
	CHECK(arc_record_set_error(rec, "ocr", "bad\xff page") == ARC_OK);
	CHECK(arc_record_write(f, rec) == ARC_OK);
	rewind(f);
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK_STR(buf, "{\"path\":\"a.pdf\",\"ocr\":{\"pages\":2},"
	    "\"member\":\"caf\xef\xbf\xbd.txt\",\"error\":{\"stage\":\"ocr\","
	    "\"message\":\"bad\xef\xbf\xbd page\"}}\n");
	fclose(f);
	json_decref(rec);

	f = fopen("/dev/full", "w");
	if (f != NULL) {
		rec = json_pack("{s:s}", "path", "a.pdf");
		setvbuf(f, NULL, _IONBF, 0);
		CHECK(arc_record_write(f, rec) == ARC_FATAL);
		json_decref(rec);
		fclose(f);
	}
}

static void
test_time(void)
{
	char iso[32];

	setenv("TZ", "Asia/Jakarta", 1);
	tzset();
	arc_time_iso8601(1767323046, iso);
	CHECK_STR(iso, "2026-01-02T10:04:06+07:00");
	setenv("TZ", "UTC", 1);
	tzset();
	arc_time_iso8601(1767323046, iso);
	CHECK_STR(iso, "2026-01-02T03:04:06+00:00");
}

int
main(void)
{
	test_lines();
	test_long_line_and_missing_file();
	test_paths();
	test_write();
	test_time();
	return CHECK_DONE();
}
