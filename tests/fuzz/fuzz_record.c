/* fuzz_record.c: records (JSON lines) as every filter reads them: arc_reader over a file, as records and as paths, each record written back out and tagged, raw reading (arc-index) against whole, the quick reader against jansson, and the identity read from the start of a line too long. */
#include <string.h>

#include "arc_tag.h"
#include "core_internal.h"
#include "fuzz.h"

/* The shipped rules, as arc-tag uses them: a record's hostile shape
 * (text not a string, odd tags and fields) must not upset the tagger. */
static struct arc_rules *rules;
static struct arc_tagger *tagger;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct fuzz_diag d = { 0 };
	struct arc_error err;

	(void)argc;
	(void)argv;
	FUZZ_CHECK((rules = arc_rules_new()) != NULL);
	FUZZ_CHECK(arc_rules_load_dir(rules, FUZZ_SHARE "/rules", fuzz_diag,
	    &d) == ARC_OK);
	FUZZ_CHECK(arc_rules_compile(rules, &err) == ARC_OK);
	FUZZ_CHECK((tagger = arc_tagger_new(rules)) != NULL);
	return 0;
}

/*
 * A record written out must be one line (JSON Lines: a newline in a
 * string would split it) that reads back as the same record.
 */
static void
check_written(const json_t *rec)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	json_t *back;

	FUZZ_CHECK(out != NULL);
	FUZZ_CHECK(arc_record_write(out, rec) == ARC_OK);
	FUZZ_CHECK(fclose(out) == 0);
	FUZZ_CHECK(len > 0 && buf[len - 1] == '\n');
	FUZZ_CHECK(memchr(buf, '\n', len - 1) == NULL);
	FUZZ_CHECK(arc_utf8_valid(buf, len));
	back = json_loadb(buf, len, JSON_REJECT_DUPLICATES, NULL);
	FUZZ_CHECK(back != NULL && json_equal(back, rec));
	json_decref(back);
	free(buf);
}

static void
use_record(json_t *rec, const char *input)
{
	struct arc_error err;
	json_t *notes = json_array();
	int st;

	FUZZ_CHECK(json_is_object(rec) && notes != NULL);
	check_written(rec);
	/* As arc-tag does: a record that failed before passes untouched. */
	if (json_object_get(rec, "error") == NULL) {
		st = arc_tag_record(tagger, rec, "fuzz", notes, 1, &err);
		FUZZ_CHECK(st == ARC_OK || st == ARC_ERR);
		if (st == ARC_OK) {
			FUZZ_CHECK(json_is_array(json_object_get(rec, "tags")));
			FUZZ_CHECK(json_is_object(json_object_get(rec,
			    "fields")));
		}
		check_written(notes);
	}
	/* Any bytes as an error message (a file's name, a library's
	 * message) still make a valid record. */
	FUZZ_CHECK(arc_record_set_error(rec, "fuzz", input) == ARC_OK);
	FUZZ_CHECK(arc_record_set_text(rec, "path", input) == ARC_OK);
	check_written(rec);
	json_decref(notes);
}

/* What the start of a line too long gives: a document's identity, its
 * fields of the right type, and a valid record. */
static void
check_identity(const json_t *id)
{
	const char *key;
	json_t *value;

	FUZZ_CHECK(json_is_object(id));
	FUZZ_CHECK(json_object_get(id, "path") != NULL ||
	    json_object_get(id, "sha256") != NULL);
	json_object_foreach((json_t *)id, key, value) {
		if (strcmp(key, "size") == 0)
			FUZZ_CHECK(json_is_integer(value));
		else
			FUZZ_CHECK(json_is_string(value) &&
			    (strcmp(key, "path") == 0 ||
			    strcmp(key, "member") == 0 ||
			    strcmp(key, "sha256") == 0 ||
			    strcmp(key, "mtime") == 0 ||
			    strcmp(key, "mime") == 0));
	}
	check_written(id);
}

/* The identity read from a line, whole or cut anywhere: never a field
 * the record, when jansson reads it, does not have so. */
static void
check_prefix(const char *s, size_t len)
{
	json_t *whole = json_loadb(s, len, JSON_REJECT_DUPLICATES, NULL), *id;
	const char *key;
	json_t *value;

	for (size_t cut = len; ; cut /= 2) {
		if ((id = arc_record_identity_of_prefix(s, cut)) != NULL) {
			check_identity(id);
			if (json_is_object(whole))
				json_object_foreach(id, key, value)
					FUZZ_CHECK(json_equal(value,
					    json_object_get(whole, key)));
			json_decref(id);
		}
		if (cut == 0)
			break;
	}
	json_decref(whole);
}

/* Reads every record of the file at path; a bad line is skipped with a
 * reason, as the programs do. */
static void
read_all(const char *path, unsigned flags, size_t line_max, const char *input)
{
	char *files[1] = { (char *)path };
	struct arc_reader *r = arc_reader_new(files, 1, flags);
	struct arc_error err;
	json_t *rec;
	long line = 0;
	int st;

	FUZZ_CHECK(r != NULL);
	if (line_max > 0)
		arc_reader_set_line_max(r, line_max);
	while ((st = arc_reader_next(r, &rec, &err)) != ARC_EOF) {
		FUZZ_CHECK(st == ARC_OK || st == ARC_ERR);
		FUZZ_CHECK(arc_reader_line(r) >= line);
		line = arc_reader_line(r);
		if (st == ARC_ERR) {
			FUZZ_CHECK(err.message[0] != '\0');
			/* A line too long that names its document. */
			if (rec != NULL) {
				check_identity(rec);
				json_decref(rec);
			}
			continue;
		}
		use_record(rec, input);
		json_decref(rec);
	}
	arc_reader_free(r);
}

/* arc-index reads lines raw and parses them on its workers: the same
 * records, and the same lines refused, as arc_reader_next. */
static void
read_raw(const char *path)
{
	char *files[1] = { (char *)path }, *line;
	struct arc_reader *r = arc_reader_new(files, 1, 0);
	struct arc_reader *whole = arc_reader_new(files, 1, 0);
	struct arc_error err;
	json_t *rec, *want;
	size_t len;
	int st, st_want;

	FUZZ_CHECK(r != NULL && whole != NULL);
	do {
		st = arc_reader_next_raw(r, &rec, &line, &len, &err);
		st_want = arc_reader_next(whole, &want, &err);
		if (st == ARC_OK && line != NULL) {
			FUZZ_CHECK(rec == NULL && strlen(line) <= len);
			st = arc_record_parse(line, len, &rec, &err);
			free(line);
		}
		FUZZ_CHECK(st == st_want);
		FUZZ_CHECK(arc_reader_line(r) == arc_reader_line(whole));
		if (st == ARC_OK || (st == ARC_ERR && want != NULL))
			FUZZ_CHECK(json_equal(rec, want));
		if (st == ARC_OK || st == ARC_ERR) {
			json_decref(rec);
			json_decref(want);
		}
	} while (st != ARC_EOF);
	arc_reader_free(r);
	arc_reader_free(whole);
}

/* arc_json_quick reads a record as jansson does, or leaves it to
 * jansson: never a different record, never one jansson refuses. */
static void
check_quick(const char *s, size_t len)
{
	json_t *quick, *slow;

	if (!arc_utf8_valid(s, len))
		return;
	quick = arc_json_quick(s, len);
	slow = json_loadb(s, len, JSON_REJECT_DUPLICATES, NULL);
	if (quick != NULL)
		FUZZ_CHECK(slow != NULL && json_equal(quick, slow));
	json_decref(quick);
	json_decref(slow);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(data, size);
	char *input = fuzz_string(data, size);
	const char *line = (const char *)data, *end = line + size, *nl;

	for (; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		check_quick(line, (size_t)(nl - line));
		check_prefix(line, (size_t)(nl - line));
	}

	read_all(path, 0, 0, input);
	read_raw(path);
	/* As arc-ocr reads: a line that is no record is a file's path, and
	 * a short line limit makes overlong lines common. */
	read_all(path, ARC_READ_PATHS, 256, input);
	read_all(path, 0, 64, input);
	free(input);
	return 0;
}
