/* test_document.c: SHA-256, content types, and loading a document or an archive member. */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan_internal.h"
#include "check.h"

static const char letter[] = "%PDF-1.4\n% surat keputusan camat\n%%EOF\n";

static void
test_sha256(void)
{
	struct arc_sha256 *h = arc_sha256_new();
	char hex[65];

	arc_sha256_update(h, "abc", 3);
	arc_sha256_hex(h, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	/* The handle starts again after each digest. */
	arc_sha256_hex(h, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	arc_sha256_free(h);
	arc_sha256_free(NULL);
}

static void
test_mime(void)
{
	struct arc_error err;
	struct arc_mime *m = arc_mime_new(&err);
	static const unsigned char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR"
	    "\0\0\0\1\0\0\0\1\x08\x02\0\0\0";

	CHECK(m != NULL);
	CHECK_STR(arc_mime_of(m, letter, sizeof(letter) - 1), "application/pdf");
	CHECK_STR(arc_mime_of(m, png, sizeof(png) - 1), "image/png");
	CHECK_STR(arc_mime_of(m, "", 0), "application/x-empty");
	CHECK(arc_mime_is_container("application/zip"));
	CHECK(!arc_mime_is_container("application/vnd.openxmlformats-"
	    "officedocument.wordprocessingml.document"));
	arc_mime_free(m);
}

/* Writes a zip with one member, through libarchive's writer. */
static void
write_zip(const char *path)
{
	struct archive *a = archive_write_new();
	struct archive_entry *e = archive_entry_new();

	archive_write_set_format_zip(a);
	archive_write_open_filename(a, path);
	archive_entry_set_pathname(e, "surat/sk.pdf");
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, 0644);
	archive_entry_set_size(e, sizeof(letter) - 1);
	archive_write_header(a, e);
	archive_write_data(a, letter, sizeof(letter) - 1);
	archive_entry_free(e);
	archive_write_close(a);
	archive_write_free(a);
}

static void
test_load(void)
{
	char zip[] = "/tmp/arc-test-doc-XXXXXX";
	unsigned char *data;
	struct arc_error err;
	size_t size;
	int fd = mkstemp(zip);

	close(fd);
	write_zip(zip);
	CHECK(arc_document_load(zip, "surat/sk.pdf", 1 << 20, &data, &size,
	    &err) == ARC_OK);
	CHECK(size == sizeof(letter) - 1 && memcmp(data, letter, size) == 0);
	free(data);

	CHECK(arc_document_load(zip, "tidak/ada.pdf", 1 << 20, &data, &size,
	    &err) == ARC_ERR);
	CHECK_STR(err.message, "no member 'tidak/ada.pdf' in this archive");

	CHECK(arc_document_load(zip, "surat/sk.pdf", 10, &data, &size,
	    &err) == ARC_ERR);
	CHECK_STR(err.message, "document is larger than 10 bytes");

	/* The zip itself, as a plain file. */
	CHECK(arc_document_load(zip, NULL, 1 << 20, &data, &size, &err) == ARC_OK);
	CHECK(size > sizeof(letter) && memcmp(data, "PK", 2) == 0);
	free(data);

	CHECK(arc_document_load("/nonexistent/x.pdf", NULL, 1 << 20, &data,
	    &size, &err) == ARC_ERR);
	CHECK_STR(err.message, "cannot open: No such file or directory");
	unlink(zip);
}

/* Loads through a record for the zip of write_zip, its one member at
 * index and offset (-1: not in the record), the file's dev and ino bumped
 * by moved; ARC_OK when the bytes are the letter's. */
static int
load_record(const char *zip, long long index, long long offset, int moved,
    struct arc_error *err)
{
	json_t *rec = json_pack("{s:s, s:s}", "path", zip, "member",
	    "surat/sk.pdf");
	unsigned char *data;
	struct stat st;
	size_t size;
	int rc;

	stat(zip, &st);
	json_object_set_new(rec, "dev", json_integer((json_int_t)st.st_dev));
	json_object_set_new(rec, "ino", json_integer((json_int_t)st.st_ino +
	    moved));
	if (index >= 0)
		json_object_set_new(rec, "member_index", json_integer(index));
	if (offset >= 0)
		json_object_set_new(rec, "member_offset", json_integer(offset));
	rc = arc_document_load_record(rec, 1 << 20, &data, &size, err);
	if (rc == ARC_OK && (size != sizeof(letter) - 1 ||
	    memcmp(data, letter, size) != 0))
		rc = ARC_FATAL;
	free(data);
	json_decref(rec);
	return rc;
}

static void
test_load_record(void)
{
	char zip[] = "/tmp/arc-test-doc-XXXXXX";
	struct arc_error err;
	int fd = mkstemp(zip);

	close(fd);
	write_zip(zip);
	CHECK(load_record(zip, 0, 0, 0, &err) == ARC_OK);
	/* Read at its offset alone: a wrong index is not even looked at. */
	CHECK(load_record(zip, 7, 0, 0, &err) == ARC_OK);
	/* No member at a wrong offset: read by position instead. */
	CHECK(load_record(zip, 0, 5, 0, &err) == ARC_OK);
	CHECK(load_record(zip, 0, 1 << 20, 0, &err) == ARC_OK);
	/* Neither: the first member of the name, as records used to be. */
	CHECK(load_record(zip, -1, -1, 0, &err) == ARC_OK);
	CHECK(load_record(zip, 1, -1, 0, &err) == ARC_ERR);
	CHECK_STR(err.message, "no member 'surat/sk.pdf' in this archive at "
	    "the place it was scanned; scan it again");
	/* Another file at the path: refused whatever its bytes. */
	CHECK(load_record(zip, 0, 0, 1, &err) == ARC_ERR);
	CHECK_STR(err.message, "document changed since it was scanned "
	    "(another file is at its path); scan it again");
	unlink(zip);
}

int
main(void)
{
	test_sha256();
	test_mime();
	test_load();
	test_load_record();
	return CHECK_DONE();
}
