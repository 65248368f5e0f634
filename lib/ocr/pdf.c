/* pdf.c: PDF pages through poppler: the page's own text when it has some, else a rendering to OCR. */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "pages.h"

/* A page with fewer letters and digits than this is taken as a scan. */
#define TEXT_LAYER_MIN 20

struct arc_pdf {
	PopplerDocument *doc;
	GBytes *bytes;
	int count;
};

struct arc_pdf *
arc_pdf_open(const unsigned char *data, size_t size, struct arc_error *err)
{
	struct arc_pdf *pdf = calloc(1, sizeof(*pdf));
	GError *gerr = NULL;

	if (pdf == NULL) {
		arc_error_set(err, "out of memory");
		return NULL;
	}
	pdf->bytes = g_bytes_new_static(data, size);
	pdf->doc = poppler_document_new_from_bytes(pdf->bytes, NULL, &gerr);
	if (pdf->doc == NULL) {
		if (gerr != NULL && gerr->domain == POPPLER_ERROR &&
		    gerr->code == POPPLER_ERROR_ENCRYPTED)
			arc_error_set(err, "encrypted PDF; cannot be read "
			    "without the password");
		else
			arc_error_set(err, "corrupt PDF: %s",
			    gerr ? gerr->message : "unreadable");
		g_clear_error(&gerr);
		arc_pdf_free(pdf);
		return NULL;
	}
	pdf->count = poppler_document_get_n_pages(pdf->doc);
	return pdf;
}

void
arc_pdf_free(struct arc_pdf *pdf)
{
	if (pdf == NULL)
		return;
	if (pdf->doc != NULL)
		g_object_unref(pdf->doc);
	if (pdf->bytes != NULL)
		g_bytes_unref(pdf->bytes);
	free(pdf);
}

int
arc_pdf_count(const struct arc_pdf *pdf)
{
	return pdf->count;
}

static int
has_text(const char *text)
{
	int n = 0;

	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if (*p >= 0x80 || (*p >= '0' && *p <= '9') ||
		    ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			if (++n >= TEXT_LAYER_MIN)
				return 1;
	return 0;
}

/* Renders the page in gray at dpi; NULL when out of memory. */
static PIX *
render(PopplerPage *page, int w, int h, int dpi)
{
	cairo_surface_t *surface;
	cairo_t *cr;
	PIX *pix = NULL;

	surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
		goto out;
	cr = cairo_create(surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, dpi / 72.0, dpi / 72.0);
	poppler_page_render_for_printing(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(surface);

	if ((pix = pixCreate(w, h, 8)) == NULL)
		goto out;
	const unsigned char *src = cairo_image_surface_get_data(surface);
	int stride = cairo_image_surface_get_stride(surface);
	l_uint32 *dst = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(src +
		    (size_t)y * stride);
		l_uint32 *line = dst + (size_t)y * wpl;
		for (int x = 0; x < w; x++) {
			uint32_t px = row[x];
			unsigned r = (px >> 16) & 255, g = (px >> 8) & 255,
			    b = px & 255;
			SET_DATA_BYTE(line, x,
			    (r * 77 + g * 150 + b * 29) >> 8);
		}
	}
	pixSetResolution(pix, dpi, dpi);
out:
	cairo_surface_destroy(surface);
	return pix;
}

int
arc_pdf_page(struct arc_pdf *pdf, int index, uint64_t max_pixels, int dpi,
    struct arc_page *out, struct arc_error *err)
{
	PopplerPage *page = poppler_document_get_page(pdf->doc, index);
	double wpt, hpt;
	char *text;
	int st = ARC_OK;

	if (page == NULL)
		return arc_error_set(err, "page %d: cannot be read", index + 1);
	text = poppler_page_get_text(page);
	if (text != NULL && has_text(text)) {
		out->text = strdup(text);
		if (out->text == NULL)
			st = arc_error_set(err, "out of memory");
		goto done;
	}
	poppler_page_get_size(page, &wpt, &hpt);
	double w = wpt * dpi / 72.0, h = hpt * dpi / 72.0;
	if (!(w >= 1 && h >= 1) || w * h > (double)max_pixels) {
		st = arc_error_set(err, "page %d: %.0fx%.0f points is too "
		    "large to render at %d dpi (--max-pixels)", index + 1,
		    wpt, hpt, dpi);
		goto done;
	}
	if ((out->pix = render(page, (int)w, (int)h, dpi)) == NULL) {
		st = arc_error_set(err, "page %d: cannot be rendered",
		    index + 1);
		goto done;
	}
	out->dpi = dpi;
	out->rendered = 1;
done:
	g_free(text);
	g_object_unref(page);
	return st;
}
