/* test_document.c: SHA-256, content types, and loading a document or an archive member. */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <unistd.h>

#include "arc.h"
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

int
main(void)
{
	test_sha256();
	test_mime();
	test_load();
	return CHECK_DONE();
}
