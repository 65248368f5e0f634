/* ocr_internal.h: the page clean-up and the plain-text reader that ocr.c's per-record flow calls, inside lib/ocr only. */
#ifndef ARC_OCR_INTERNAL_H
#define ARC_OCR_INTERNAL_H

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "arc_ocr.h"
#include "searchpdf.h"

/* ---- clean.c: the page Tesseract reads, made from a scan ---- */

/* What was done to a scan to make the page Tesseract read. */
struct arc_clean {
	int rotation;          /* degrees turned clockwise to read it */
	float skew;            /* degrees corrected */
	int cleaned;           /* background flattened */
	struct arc_spdf_geometry g;  /* how the scan became the page read */
};

/*
 * Makes the page to read from a scan of dpi: gray at a working resolution
 * and, with preprocess, without dust, its background flattened, turned
 * upright and straightened.  Returns it (the caller destroys it) and says
 * in c what was done; NULL when the image cannot be converted.  Pages whose
 * orientation Leptonica is unsure of are asked of ocr's orientation
 * detector.
 */
PIX *arc_clean_page(struct arc_ocr *ocr, PIX *pix, int dpi, int preprocess,
    uint64_t max_pixels, struct arc_clean *c);

/* ---- ocr.c ---- */

/* Tesseract's orientation detector, loaded when first asked for and kept
 * by ocr; NULL when it cannot be loaded (then not tried again). */
TessBaseAPI *arc_ocr_osd(struct arc_ocr *ocr);

/* ---- textfile.c: plain-text documents, UTF-8 or UTF-16 ---- */

/* Adds "text", "pages", "lang" and "ocr" to rec from a text document's
 * bytes; ARC_FATAL when out of memory. */
int arc_textfile_read(const unsigned char *data, size_t size, json_t *rec);

#endif
