/* pdf.c: PDF pages through poppler: the page's own text when it has some, else a rendering to OCR. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <poppler.h>

#include "pages.h"

/* A page with fewer letters and digits than this is taken as a scan. */
#define TEXT_LAYER_MIN 20

/* A page whose largest image covers this share of it is a scan. */
#define SCAN_COVER 0.9

/* Image dictionaries remembered from the file; past this, sizes are
 * unknown. */
#define IMAGES_MAX 4096

struct image_size {
	double w, h;
};

struct arc_pdf {
	PopplerDocument *doc;
	GBytes *bytes;
	int count;
	struct image_size *images;  /* every image XObject's /Width, /Height */
	int nimages;
	int images_unknown;  /* an image whose size could not be read */
};

static int
is_delim(unsigned char c)
{
	return strchr(" \t\r\n\f/<>[]()%", c) != NULL || c == 0;
}

static const unsigned char *
find(const unsigned char *from, const unsigned char *end, const char *word)
{
	size_t n = strlen(word);

	for (const unsigned char *p = from; p + n <= end; p++)
		if (memcmp(p, word, n) == 0)
			return p;
	return NULL;
}

static const unsigned char *
skip_space(const unsigned char *p, const unsigned char *end)
{
	while (p < end && strchr(" \t\r\n\f", *p) != NULL && *p != 0)
		p++;
	return p;
}

/* The direct whole number after key in [from, end); -1 when there is none
 * or it is a reference to another object. */
static double
dict_number(const unsigned char *from, const unsigned char *end,
    const char *key)
{
	const unsigned char *p = from;
	size_t n = strlen(key);
	double v = 0;
	int digits = 0;

	while ((p = find(p, end, key)) != NULL && p + n < end &&
	    !is_delim(p[n]))
		p += n;
	if (p == NULL || p + n >= end)
		return -1;
	for (p = skip_space(p + n, end); p < end && *p >= '0' && *p <= '9';
	    p++, digits++)
		v = v * 10 + (*p - '0');
	if (digits == 0 || digits > 9)
		return -1;
	p = skip_space(p, end);
	if (p < end && *p >= '0' && *p <= '9')
		return -1;
	return v;
}

/*
 * Notes the size of every image XObject from its dictionary, so that an
 * image can be measured before poppler decodes it. Image XObjects are
 * streams, and streams are never inside object streams: their
 * dictionaries are in the file as written.
 */
static void
read_image_sizes(struct arc_pdf *pdf, const unsigned char *data, size_t size)
{
	const unsigned char *end = data + size, *p = data;

	while ((p = find(p, end, "/Image")) != NULL) {
		const unsigned char *at = p, *q = p;
		p += 6;
		if (p < end && !is_delim(*p))
			continue;
		while (q > data && strchr(" \t\r\n\f", q[-1]) != NULL &&
		    q[-1] != 0)
			q--;
		if (q - data < 8 || memcmp(q - 8, "/Subtype", 8) != 0)
			continue;
		const unsigned char *from = at - (at - data > 4096 ? 4096 :
		    at - data), *to = end - at > 4096 ? at + 4096 : end;
		const unsigned char *o, *s = from;
		while ((o = find(s, at, "obj")) != NULL)
			s = from = o + 3;
		if ((o = find(at, to, "stream")) != NULL)
			to = o;
		if (pdf->nimages == IMAGES_MAX) {
			/* More would only cost time: these are enough. */
			pdf->images_unknown = 1;
			return;
		}
		double w = dict_number(from, to, "/Width");
		double h = dict_number(from, to, "/Height");
		if (w < 0 || h < 0) {
			pdf->images_unknown = 1;
			continue;
		}
		if (pdf->nimages % 64 == 0) {
			struct image_size *n = realloc(pdf->images,
			    (pdf->nimages + 64) * sizeof(*n));
			if (n == NULL) {
				pdf->images_unknown = 1;
				return;
			}
			pdf->images = n;
		}
		pdf->images[pdf->nimages++] = (struct image_size){ w, h };
	}
}

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
	read_image_sizes(pdf, data, size);
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
	free(pdf->images);
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

/* The page's largest image when it covers most of the page, as a scan does;
 * 0 when it has none such. */
static int
scan_image(PopplerPage *page, double wpt, double hpt, PopplerRectangle *area,
    gint *id)
{
	GList *map = poppler_page_get_image_mapping(page);
	double best = 0;

	for (GList *l = map; l != NULL; l = l->next) {
		PopplerImageMapping *m = l->data;
		double a = fabs((m->area.x2 - m->area.x1) *
		    (m->area.y2 - m->area.y1));
		if (a > best) {
			best = a;
			*area = m->area;
			*id = m->image_id;
		}
	}
	poppler_page_free_image_mapping(map);
	return best > 0 && best >= SCAN_COVER * wpt * hpt;
}

/*
 * The resolution at which to render a scanned page: that of its image, so
 * that the OCR sees the scan's own pixels, within max_pixels.  The image's
 * width is the one its dictionary gives (never decoded to be measured:
 * a crafted file could make that gigabytes); when no image of the page's
 * shape, or several of other widths, are known, the page is rendered at
 * dpi, or lower to fit.  0, with err set, when the image itself is over
 * max_pixels.
 */
static int
scan_dpi(const struct arc_pdf *pdf, PopplerPage *page, int index,
    double wpt, double hpt, uint64_t max_pixels, int dpi,
    struct arc_error *err)
{
	PopplerRectangle area = { 0, 0, 0, 0 };
	gint id = 0;
	int matched = 0, over = 0;
	struct image_size big = { 0, 0 };
	double width = 0, own;

	if (!scan_image(page, wpt, hpt, &area, &id))
		return dpi;
	double aw = fabs(area.x2 - area.x1), ah = fabs(area.y2 - area.y1);
	for (int i = 0; i < pdf->nimages; i++) {
		struct image_size im = pdf->images[i];
		int too_big = im.w * im.h > (double)max_pixels;
		if (im.h > 0 && ah > 0 &&
		    fabs(im.w / im.h - aw / ah) <= 0.01 * aw / ah) {
			/* Images of this shape but another width: which is
			 * the page's is not known. */
			width = matched == 0 || width == im.w ? im.w : -1;
			matched++;
			if (too_big) {
				over++;
				if (im.w * im.h > big.w * big.h)
					big = im;
			}
		}
	}
	if (matched > 0 && over == matched) {
		arc_error_set(err, "page %d: image of %.0fx%.0f pixels is over "
		    "the limit of %llu pixels (--max-pixels)", index + 1,
		    big.w, big.h, (unsigned long long)max_pixels);
		return 0;
	}
	(void)id;
	/* An image the scan of the file could not measure may be the
	 * page's: then its width is not known either. */
	if (pdf->images_unknown)
		width = -1;
	own = width > 0 && aw > 0 ? floor(width * 72.0 / aw + 0.5) : dpi;
	double fit = floor(sqrt((double)max_pixels / (wpt * hpt)) * 72.0);
	if (own > fit)
		own = fit;
	/* Clamped as a double: a sliver of an image could make it huge. */
	return own < 1 ? 1 : own > 100000 ? 100000 : (int)own;
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
	if (wpt > 0 && hpt > 0 && (dpi = scan_dpi(pdf, page, index, wpt, hpt,
	    max_pixels, dpi, err)) == 0) {
		st = ARC_ERR;
		goto done;
	}
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
