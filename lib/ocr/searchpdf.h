/* searchpdf.h: writing searchable PDFs (scan + invisible text) and placing the scan on the page, inside lib/ocr only. */
#ifndef ARC_SEARCHPDF_H
#define ARC_SEARCHPDF_H

#include <leptonica/allheaders.h>

#include "arc_ocr.h"

/* A recognised word and its box, in pixels of the straightened page. */
struct arc_spdf_word {
	char *text;
	int l, t, r, b;
};

/* How a scanned page was turned into the page Tesseract read, so that the
 * scan can be placed under the text. */
struct arc_spdf_geometry {
	int w0, h0;            /* the scan */
	int w1, h1;            /* after scaling to the working resolution */
	int quads;             /* then quarter turns clockwise */
	double skew;           /* then degrees clockwise, about the centre */
	int wp, hp;            /* the page read */
	int dpi;               /* its resolution */
};

/* The PDF matrix (a page's cm) that maps the scan's unit square onto the
 * page read. */
void arc_spdf_image_matrix(const struct arc_spdf_geometry *g, double cm[6]);

struct arc_spdf_page {
	PIX *image;                 /* the page as scanned (borrowed) */
	const unsigned char *jpeg;  /* its JPEG bytes, embedded as they are;
	                             * or NULL */
	size_t jpeg_len;
	int jpeg_spp;               /* 1 gray, 3 colour */
	int rendered;               /* a rendering, not a scan: JPEG will do */
	double cm[6];               /* places the image's unit square on the
	                             * page */
	double scale;               /* points per pixel of the straightened
	                             * page */
	int width_px, height_px;    /* size of the straightened page */
	const struct arc_spdf_word *words;
	int nwords;
};

struct arc_spdf;

/* Starts DIR/NAME.pdf, written under a hidden temporary name; ttf is the
 * text layer's font (Tesseract's pdf.ttf), copied. */
struct arc_spdf *arc_spdf_begin(const char *dir, const char *name,
    const unsigned char *ttf, size_t ttf_len, struct arc_error *err);
int arc_spdf_add_page(struct arc_spdf *p, const struct arc_spdf_page *page);

/* Finishes, fsyncs and renames the file into place; frees p either way. */
int arc_spdf_commit(struct arc_spdf *p, struct arc_error *err);

/* Removes the unfinished file and frees p. */
void arc_spdf_abort(struct arc_spdf *p);

#endif
