/* test_record.c: the record stream: reading JSON lines with file:line diagnostics, writing them. */
#include <stdlib.h>
#include <unistd.h>

#include "core_internal.h"
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

/* A file of a line of size bytes that begins with head, then {"b":1}. */
static char *
long_line_file(const char *head, size_t size)
{
	static const char tail[] = "\"}\n{\"b\":1}\n";
	char *line = malloc(size), *name;

	if (line == NULL)
		abort();
	memset(line, 'x', size);
	memcpy(line, head, strlen(head));
	memcpy(line + size - (sizeof(tail) - 1), tail, sizeof(tail) - 1);
	name = temp_file(line, size);
	free(line);
	return name;
}

static void
test_long_line_and_missing_file(void)
{
	char *name, *files[3];
	struct arc_reader *r;
	struct arc_error err;
	json_t *rec;

	name = long_line_file("{\"a\":\"", 300);
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

/* A line too long still names its document, from its start: the error
 * record that takes its place keeps the identity and nothing else. */
static void
test_long_record_named(void)
{
	static const char head[] =
	    "{\"path\":\"scans/a \\\"b\\\".txt\",\"member\":\"m/1.txt\","
	    "\"sha256\":\"abababababababababababababababababababababababababab"
	    "abababababab\",\"size\":12,\"tags\":[\"x\",{\"path\":\"no\"}],"
	    "\"mtime\":\"2026-11-28T10:25:05+07:00\",\"mime\":\"text/plain\","
	    "\"text\":\"";
	char *name = long_line_file(head, 600), *files[1] = { name };
	struct arc_reader *r;
	struct arc_error err;
	json_t *rec;

	r = arc_reader_new(files, 1, 0);
	arc_reader_set_line_max(r, 300);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK(arc_reader_line(r) == 1);
	CHECK_STR(err.message, "record longer than 300 bytes: its text is "
	    "too long to archive");
	CHECK(json_object_size(rec) == 6);
	CHECK_STR(json_string_value(json_object_get(rec, "path")),
	    "scans/a \"b\".txt");
	CHECK_STR(json_string_value(json_object_get(rec, "member")), "m/1.txt");
	CHECK(json_integer_value(json_object_get(rec, "size")) == 12);
	CHECK_STR(json_string_value(json_object_get(rec, "mime")),
	    "text/plain");
	CHECK(json_object_get(rec, "text") == NULL);
	json_decref(rec);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK(json_integer_value(json_object_get(rec, "b")) == 1);
	json_decref(rec);
	arc_reader_free(r);
	unlink(name);
	free(name);
}

/* The start of a line, hostile or cut anywhere: a field is taken only at
 * the record's top level, with its type, once. */
static void
test_identity_of_prefix(void)
{
	static const struct {
		const char *line, *want;  /* want: the identity, or NULL */
	} cases[] = {
		{ "{\"path\":\"a\",\"text\":\"xx", "{\"path\":\"a\"}" },
		{ " { \"path\" : \"a\" , \"size\" : 12 , \"x\":1",
		    "{\"path\":\"a\",\"size\":12}" },
		{ "{\"path\":\"a\",\"path\":\"b\",\"text\":\"", NULL },
		{ "{\"text\":\"{\\\"path\\\":\\\"x\\\"}\",\"sha256\":\"ab\"}",
		    "{\"sha256\":\"ab\"}" },
		{ "{\"x\":{\"path\":\"in\"},\"y\":[{\"sha256\":\"in\"}],\"mime\":\"t\"}",
		    NULL },
		{ "{\"path\":\"a\\u0000b\",\"sha256\":\"cd\"}",
		    "{\"sha256\":\"cd\"}" },
		{ "{\"path\":5,\"size\":\"12\",\"sha256\":\"cd\"}",
		    "{\"sha256\":\"cd\"}" },
		{ "{\"size\":1.5,\"member\":null,\"path\":\"p\"}",
		    "{\"path\":\"p\"}" },
		{ "{\"path\":\"sc", NULL },
		{ "{\"path\":\"a\\", NULL },
		{ "{\"path\":\"a\nb\"}", NULL },
		{ "[{\"path\":\"a\"}]", NULL },
		{ "{\"x\":]]]],\"path\":\"a\"}", NULL },
		{ "{\"x\":[[[[\"path\",\"a\"", NULL },
		{ "{\"path\":\"caf\xe9\"}", NULL },
		{ "", NULL },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *id = arc_record_identity_of_prefix(cases[i].line,
		    strlen(cases[i].line));
		json_t *want = cases[i].want ? json_loads(cases[i].want, 0,
		    NULL) : NULL;
		CHECK(want == NULL ? id == NULL : json_equal(id, want));
		json_decref(id);
		json_decref(want);
	}
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

/* A scan named where records are due is one error at line 0, with the
 * caller's hint naming it; the file after it is read.  A text file of
 * records with a bad byte is not a scan. */
static void
test_documents(void)
{
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	static const char pdf[] = "%PDF-1.7\n1 0 obj\n";
	static const char bin[] = "\xff\xfe\xfd\xfc\xfb binary";
	static const char good[] = "{\"path\":\"caf\xe9\"}\n{\"path\":\"b\"}\n";
	char *files[4] = {
		temp_file(png, sizeof(png) - 1), temp_file(pdf, sizeof(pdf) - 1),
		temp_file(bin, sizeof(bin) - 1), temp_file(good, sizeof(good) - 1),
	};
	char want[512];
	struct arc_reader *r = arc_reader_new(files, 4, 0);
	struct arc_error err;
	json_t *rec;

	arc_reader_set_hint(r, "try arc-scan %s | arc-ocr");
	for (int i = 0; i < 3; i++) {
		CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
		CHECK(rec == NULL);
		CHECK(arc_reader_line(r) == 0);
		CHECK_STR(arc_reader_file(r), files[i]);
		snprintf(want, sizeof(want), "this is a scan or document, not "
		    "records; try arc-scan %s | arc-ocr", files[i]);
		CHECK_STR(err.message, want);
	}
	CHECK(arc_reader_next(r, &rec, &err) == ARC_ERR);
	CHECK_STR(err.message, "invalid UTF-8 at byte 13");
	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")), "b");
	json_decref(rec);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_EOF);
	arc_reader_free(r);

	/* Where paths are read, a scan operand is the document itself. */
	r = arc_reader_new(files, 1, ARC_READ_PATHS);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_OK);
	CHECK_STR(json_string_value(json_object_get(rec, "path")), files[0]);
	json_decref(rec);
	CHECK(arc_reader_next(r, &rec, &err) == ARC_EOF);
	arc_reader_free(r);
	for (int i = 0; i < 4; i++) {
		unlink(files[i]);
		free(files[i]);
	}
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
	test_long_record_named();
	test_identity_of_prefix();
	test_paths();
	test_documents();
	test_write();
	test_time();
	return CHECK_DONE();
}
