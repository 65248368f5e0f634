/* pages.h: a document as a sequence of pages to read, inside libarc only. */
#ifndef ARC_PAGES_H
#define ARC_PAGES_H

#include <leptonica/allheaders.h>

#include "arc_ocr.h"

/* One page: an image to recognise, or text the document already carries. */
struct arc_page {
	PIX *pix;      /* owned by the caller after arc_pages_next; or NULL */
	char *text;    /* malloc'd text layer of a PDF page, or NULL */
	int dpi;       /* resolution of pix */
	const unsigned char *jpeg;  /* the page's own JPEG bytes (borrowed from
	                             * the document), for searchable PDFs */
	size_t jpeg_len;
	int jpeg_spp;
	int rendered;  /* pix is a rendering of a PDF page */
};

struct arc_pages;

/*
 * Opens the document's bytes (borrowed until arc_pages_free) as pages.
 * Images are checked against max_pixels from their headers before they
 * are decoded, and a PDF or TIFF of more than max_pages pages is refused
 * here, before any page is read; dpi is assumed for images that do not
 * say theirs.
 */
int arc_pages_open(struct arc_pages **out, const unsigned char *data,
    size_t size, uint64_t max_pixels, int max_pages, int dpi,
    struct arc_error *err);

/* The next page: ARC_OK, ARC_EOF when none is left, ARC_ERR (err says why;
 * the document cannot be read further). */
int arc_pages_next(struct arc_pages *p, struct arc_page *page,
    struct arc_error *err);
void arc_pages_free(struct arc_pages *p);

/* PDF pages, through poppler (pdf.c). */
struct arc_pdf;
struct arc_pdf *arc_pdf_open(const unsigned char *data, size_t size,
    struct arc_error *err);
int arc_pdf_count(const struct arc_pdf *pdf);
int arc_pdf_page(struct arc_pdf *pdf, int index, uint64_t max_pixels, int dpi,
    struct arc_page *page, struct arc_error *err);
void arc_pdf_free(struct arc_pdf *pdf);

#endif
