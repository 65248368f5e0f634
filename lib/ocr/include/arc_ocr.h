/* arc_ocr.h: reading documents' text: Tesseract over images and PDF pages, searchable PDFs. */
#ifndef ARC_OCR_H
#define ARC_OCR_H

#include "arc_scan.h"

/* ---- OCR (ocr.c, clean.c, textfile.c, pages.c, pdf.c) -------------------- */

struct arc_ocr_options {
	const char *lang;        /* Tesseract languages, as "ind+eng" */
	int dpi;                 /* for images that do not say theirs */
	uint64_t max_pixels;     /* per page, checked before decoding */
	int max_pages;           /* per document, checked before reading */
	size_t max_bytes;        /* per document */
	int page_timeout;        /* seconds one page may take */
	int preprocess;          /* undo rotation and skew, clean background */
	const char *pdf_dir;     /* write searchable PDFs here, or NULL */
};

/* Sets the defaults arc-ocr(1) documents. */
void arc_ocr_options_default(struct arc_ocr_options *o);

/* Checks that every language's data is installed; if not, err names the
 * Debian package to install. */
int arc_ocr_check_languages(const char *lang, struct arc_error *err);

/*
 * One OCR engine: Tesseract handles initialised once and reused for every
 * page.  Not thread-safe: each worker thread has its own.
 */
struct arc_ocr;
void arc_ocr_free(struct arc_ocr *ocr);

/* Makes n engines at once, each loading its models in its own thread, so
 * that start-up takes as long as one engine's.  ARC_ERR: none is kept. */
int arc_ocr_new_all(const struct arc_ocr_options *o, int n,
    struct arc_ocr **engines, struct arc_error *err);

/*
 * Reads the document a record names and adds "text", "pages", "lang" and
 * "ocr" to it, and "pdf" when it wrote a searchable PDF.  ARC_ERR: the
 * document could not be read (err says why); the caller sets the record's
 * "error".
 */
int arc_ocr_record(struct arc_ocr *ocr, json_t *rec, struct arc_error *err);

#endif
