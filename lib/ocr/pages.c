/* pages.c: documents into pages: images through Leptonica, one TIFF page at a time, PDFs through pdf.c. */
#include <stdlib.h>
#include <string.h>

#include "pages.h"

enum kind { KIND_IMAGE, KIND_TIFF, KIND_PDF };

struct arc_pages {
	const unsigned char *data;
	size_t size;
	enum kind kind;
	uint64_t max_pixels;
	int dpi;
	int index;             /* next page */
	size_t tiff_offset;    /* where the next TIFF page starts; 0 at the
	                        * end */
	struct arc_pdf *pdf;
};

static int
is_pdf(const unsigned char *data, size_t size)
{
	/* The header may follow some junk, as readers allow in the first KB. */
	size_t n = size < 1024 ? size : 1024;

	for (size_t i = 0; i + 5 <= n; i++)
		if (memcmp(data + i, "%PDF-", 5) == 0)
			return 1;
	return 0;
}

static int
is_tiff(int format)
{
	/* Not a range: Leptonica numbers PNM, GIF and WebP among the TIFFs. */
	switch (format) {
	case IFF_TIFF: case IFF_TIFF_PACKBITS: case IFF_TIFF_RLE:
	case IFF_TIFF_G3: case IFF_TIFF_G4: case IFF_TIFF_LZW:
	case IFF_TIFF_ZIP: case IFF_TIFF_JPEG:
		return 1;
	}
	return 0;
}

/* Leptonica formats we accept as page images. */
static int
is_image_format(int format)
{
	switch (format) {
	case IFF_BMP: case IFF_JFIF_JPEG: case IFF_PNG: case IFF_PNM:
	case IFF_GIF: case IFF_JP2: case IFF_WEBP:
		return 1;
	}
	return is_tiff(format);
}

/*
 * Whether a TIFF has more than max pages.  Its pages are a chain that the
 * file itself links: 20000 pages of 8x8 pixels fit in 2 MB, and each one
 * read costs a walk down the chain, so the count is checked first.  A
 * chain that loops ends the walk early (libtiff notices), and the loop is
 * found when the pages are read.
 */
static int
tiff_over(const unsigned char *data, size_t size, int max)
{
	l_int32 w, h, bps, spp, res, cmap, format;

	/* Page max (from 0) is there: one page too many. */
	return readHeaderMemTiff(data, size, max, &w, &h, &bps, &spp, &res,
	    &cmap, &format) == 0;
}

int
arc_pages_open(struct arc_pages **out, const unsigned char *data, size_t size,
    uint64_t max_pixels, int max_pages, int dpi, struct arc_error *err)
{
	struct arc_pages *p;
	l_int32 format = IFF_UNKNOWN;

	*out = NULL;
	if (size < 8)
		return arc_error_set(err, "not an image or PDF (too short)");
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return arc_error_set(err, "out of memory");
	p->data = data;
	p->size = size;
	p->max_pixels = max_pixels;
	p->dpi = dpi;
	if (is_pdf(data, size)) {
		p->kind = KIND_PDF;
		if ((p->pdf = arc_pdf_open(data, size, err)) == NULL) {
			free(p);
			return ARC_ERR;
		}
		/* A few bytes a page: a small PDF can have a million. */
		if (arc_pdf_count(p->pdf) > max_pages) {
			arc_error_set(err, "PDF of %d pages is over the limit "
			    "of %d pages (--max-pages)", arc_pdf_count(p->pdf),
			    max_pages);
			arc_pages_free(p);
			return ARC_ERR;
		}
	} else if (findFileFormatBuffer(data, &format) == 0 &&
	    is_image_format(format)) {
		p->kind = is_tiff(format) ? KIND_TIFF : KIND_IMAGE;
		if (p->kind == KIND_TIFF && tiff_over(data, size, max_pages)) {
			arc_error_set(err, "TIFF of more than %d pages is over "
			    "the limit (--max-pages)", max_pages);
			free(p);
			return ARC_ERR;
		}
	} else {
		free(p);
		return arc_error_set(err, "not an image or PDF");
	}
	*out = p;
	return ARC_OK;
}

void
arc_pages_free(struct arc_pages *p)
{
	if (p == NULL)
		return;
	arc_pdf_free(p->pdf);
	free(p);
}

static int
check_pixels(const struct arc_pages *p, l_int32 w, l_int32 h,
    struct arc_error *err)
{
	if (w <= 0 || h <= 0)
		return arc_error_set(err, "page %d: image has no size",
		    p->index + 1);
	if ((uint64_t)w * (uint64_t)h > p->max_pixels)
		return arc_error_set(err, "page %d: image of %dx%d pixels is "
		    "over the limit of %llu pixels (--max-pixels)",
		    p->index + 1, w, h, (unsigned long long)p->max_pixels);
	return ARC_OK;
}

/* The resolution to use for pix: its own, unless it has none or an
 * implausible one (a full-page scan claiming 72 dpi). */
static int
page_dpi(const struct arc_pages *p, PIX *pix)
{
	l_int32 res = pixGetXRes(pix);

	if (res <= 0 || (res < 150 && pixGetWidth(pix) >= 1500))
		return p->dpi;
	return res;
}

/* A JPEG cut short has no end marker; libjpeg would decode it anyway, gray
 * at the bottom, and complain on stderr. */
static int
jpeg_is_complete(const unsigned char *data, size_t size)
{
	/* Some scanners pad after the marker; look at the last few KB. */
	size_t from = size > 4096 ? size - 4096 : 0;

	for (size_t i = size - 1; i > from; i--)
		if (data[i - 1] == 0xff && data[i] == 0xd9)
			return 1;
	return 0;
}

static int
next_image(struct arc_pages *p, struct arc_page *page, struct arc_error *err)
{
	l_int32 format, w = 0, h = 0, bps, spp, cmap, res;
	PIX *pix;

	if (p->kind == KIND_IMAGE) {
		if (p->index > 0)
			return ARC_EOF;
		if (pixReadHeaderMem(p->data, p->size, &format, &w, &h, &bps,
		    &spp, &cmap) != 0)
			return arc_error_set(err, "corrupt image header");
		if (check_pixels(p, w, h, err) != ARC_OK)
			return ARC_ERR;
		if (format == IFF_JFIF_JPEG &&
		    !jpeg_is_complete(p->data, p->size))
			return arc_error_set(err,
			    "truncated JPEG (no end marker)");
		if (format == IFF_JFIF_JPEG && (spp == 1 || spp == 3)) {
			page->jpeg = p->data;
			page->jpeg_len = p->size;
			page->jpeg_spp = spp;
		}
		pix = pixReadMem(p->data, p->size);
	} else {
		if (p->index > 0 && p->tiff_offset == 0)
			return ARC_EOF;
		if (readHeaderMemTiff(p->data, p->size, p->index, &w, &h, &bps,
		    &spp, &res, &cmap, &format) != 0)
			return arc_error_set(err, "page %d: corrupt TIFF page",
			    p->index + 1);
		if (check_pixels(p, w, h, err) != ARC_OK)
			return ARC_ERR;
		pix = pixReadMemFromMultipageTiff(p->data, p->size,
		    &p->tiff_offset);
	}
	if (pix == NULL)
		return arc_error_set(err, "page %d: corrupt or truncated image",
		    p->index + 1);
	page->pix = pix;
	page->dpi = page_dpi(p, pix);
	p->index++;
	return ARC_OK;
}

int
arc_pages_next(struct arc_pages *p, struct arc_page *page,
    struct arc_error *err)
{
	memset(page, 0, sizeof(*page));
	if (p->kind != KIND_PDF)
		return next_image(p, page, err);
	if (p->index >= arc_pdf_count(p->pdf))
		return ARC_EOF;
	return arc_pdf_page(p->pdf, p->index++, p->max_pixels, p->dpi, page,
	    err);
}
