/* searchpdf.c: searchable PDFs: each page's scan, placed as it was straightened, with an invisible text layer over it, written atomically. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "searchpdf.h"

/* Objects 1-8 are fixed: catalog, page tree, and the text layer's font. */
enum {
	OBJ_CATALOG = 1, OBJ_PAGES, OBJ_FONT, OBJ_CIDFONT, OBJ_CIDTOGID,
	OBJ_TOUNICODE, OBJ_DESCRIPTOR, OBJ_FONTFILE, OBJ_FIRST_PAGE,
};

struct arc_spdf {
	FILE *f;
	char *tmp_path;        /* where it is written */
	char *final_path;      /* what it is renamed to when complete */
	long *offsets;         /* byte offset of each object, by number */
	size_t cap;
	int nobjs;
	int npages;
	int failed;
};

static int
begin_obj(struct arc_spdf *p, int num)
{
	size_t old = p->cap;

	if (arc_grow(&p->offsets, &p->cap, (size_t)num, 1,
	    sizeof(*p->offsets)) != ARC_OK)
		return p->failed = 1, ARC_FATAL;
	memset(p->offsets + old, 0, (p->cap - old) * sizeof(*p->offsets));
	if (num > p->nobjs)
		p->nobjs = num;
	p->offsets[num] = ftell(p->f);
	fprintf(p->f, "%d 0 obj\n", num);
	return ARC_OK;
}

/* Writes a stream object: dict holds the entries besides /Length. */
static void
write_stream(struct arc_spdf *p, int num, const char *dict,
    const void *data, size_t len)
{
	if (begin_obj(p, num) != ARC_OK)
		return;
	fprintf(p->f, "<< %s /Length %zu >>\nstream\n", dict, len);
	fwrite(data, 1, len, p->f);
	fputs("\nendstream\nendobj\n", p->f);
}

/* Deflates data and writes it as a stream with /Filter /FlateDecode. */
static void
write_deflated(struct arc_spdf *p, int num, const char *dict,
    const void *data, size_t len)
{
	uLongf clen = compressBound(len);
	unsigned char *c = malloc(clen);
	char full[512];

	if (c == NULL || compress2(c, &clen, data, len, 6) != Z_OK) {
		free(c);
		p->failed = 1;
		return;
	}
	snprintf(full, sizeof(full), "%s /Filter /FlateDecode", dict);
	write_stream(p, num, full, c, clen);
	free(c);
}

/*
 * The text layer's font, as Tesseract's own PDFs have it: one glyph of
 * width 500 for every character (GlyphLessFont, Tesseract's pdf.ttf), with
 * character codes that are the text's UTF-16, so that what a viewer
 * selects or finds is the OCR'd text.
 */
static void
write_font(struct arc_spdf *p, const unsigned char *ttf, size_t ttf_len)
{
	static const char tounicode[] =
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n"
	    "/CMapName /Adobe-Identify-UCS def\n/CMapType 2 def\n"
	    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
	    "1 beginbfrange\n<0000> <FFFF> <0000>\nendbfrange\n"
	    "endcmap\nCMapName currentdict /CMap defineresource pop\n"
	    "end\nend\n";
	unsigned char *gids = malloc(2 * 65536);
	char dict[128];

	begin_obj(p, OBJ_FONT);
	fprintf(p->f, "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont "
	    "/Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R "
	    ">>\nendobj\n", OBJ_CIDFONT, OBJ_TOUNICODE);
	begin_obj(p, OBJ_CIDFONT);
	fprintf(p->f, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "
	    "/GlyphLessFont /CIDSystemInfo << /Registry (Adobe) /Ordering "
	    "(Identity) /Supplement 0 >> /FontDescriptor %d 0 R /DW 500 "
	    "/CIDToGIDMap %d 0 R >>\nendobj\n", OBJ_DESCRIPTOR, OBJ_CIDTOGID);
	/* Every character code draws glyph 1. */
	if (gids == NULL) {
		p->failed = 1;
		return;
	}
	for (int i = 0; i < 65536; i++) {
		gids[2 * i] = 0;
		gids[2 * i + 1] = 1;
	}
	write_deflated(p, OBJ_CIDTOGID, "", gids, 2 * 65536);
	free(gids);
	write_stream(p, OBJ_TOUNICODE, "", tounicode, sizeof(tounicode) - 1);
	begin_obj(p, OBJ_DESCRIPTOR);
	fprintf(p->f, "<< /Type /FontDescriptor /FontName /GlyphLessFont "
	    "/Flags 5 /FontBBox [0 0 500 1000] /ItalicAngle 0 /Ascent 1000 "
	    "/Descent -1 /CapHeight 1000 /StemV 80 /FontFile2 %d 0 R >>\n"
	    "endobj\n", OBJ_FONTFILE);
	snprintf(dict, sizeof(dict), "/Length1 %zu", ttf_len);
	write_stream(p, OBJ_FONTFILE, dict, ttf, ttf_len);
}

struct arc_spdf *
arc_spdf_begin(const char *dir, const char *name, const unsigned char *ttf,
    size_t ttf_len, struct arc_error *err)
{
	struct arc_spdf *p = calloc(1, sizeof(*p));
	size_t dl = strlen(dir) + strlen(name) + 32;
	int fd;

	if (p == NULL || (p->tmp_path = malloc(dl)) == NULL ||
	    (p->final_path = malloc(dl)) == NULL) {
		arc_spdf_abort(p);
		arc_error_set(err, "out of memory");
		return NULL;
	}
	snprintf(p->final_path, dl, "%s/%s.pdf", dir, name);
	/* A hidden name until complete: nothing half-written looks done. */
	snprintf(p->tmp_path, dl, "%s/.%s.pdf.XXXXXX", dir, name);
	if ((fd = mkstemp(p->tmp_path)) < 0 ||
	    (p->f = fdopen(fd, "w")) == NULL) {
		arc_error_set(err, "searchable PDF: cannot create a file "
		    "in %s: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		free(p->tmp_path);
		p->tmp_path = NULL;
		arc_spdf_abort(p);
		return NULL;
	}
	fchmod(fd, 0640);
	fputs("%PDF-1.5\n%\xe2\xe3\xcf\xd3\n", p->f);
	write_font(p, ttf, ttf_len);
	return p;
}

void
arc_spdf_abort(struct arc_spdf *p)
{
	if (p == NULL)
		return;
	if (p->f != NULL)
		fclose(p->f);
	if (p->tmp_path != NULL)
		unlink(p->tmp_path);
	free(p->tmp_path);
	free(p->final_path);
	free(p->offsets);
	free(p);
}

/* Where a point of the scan (pixels, y down) lands on the PDF page
 * (points, y up), following what was done to the page. */
static void
map_point(const struct arc_spdf_geometry *g, double x, double y, double *px,
    double *py)
{
	double w = g->w1, h = g->h1, t;
	double a = g->skew * M_PI / 180.0;

	x *= (double)g->w1 / g->w0;
	y *= (double)g->h1 / g->h0;
	for (int i = 0; i < g->quads; i++) {
		t = x;
		x = h - y;
		y = t;
		t = w;
		w = h;
		h = t;
	}
	/* pixRotate turns clockwise about the centre, y pointing down. */
	double cx = w / 2, cy = h / 2, dx = x - cx, dy = y - cy;
	x = cx + dx * cos(a) - dy * sin(a);
	y = cy + dx * sin(a) + dy * cos(a);
	*px = x * 72.0 / g->dpi;
	*py = (g->hp - y) * 72.0 / g->dpi;
}

void
arc_spdf_image_matrix(const struct arc_spdf_geometry *g, double cm[6])
{
	double x0, y0, x1, y1, x2, y2;

	map_point(g, 0, g->h0, &x0, &y0);       /* image space (0, 0) */
	map_point(g, g->w0, g->h0, &x1, &y1);   /* (1, 0) */
	map_point(g, 0, 0, &x2, &y2);           /* (0, 1) */
	cm[0] = x1 - x0;
	cm[1] = y1 - y0;
	cm[2] = x2 - x0;
	cm[3] = y2 - y0;
	cm[4] = x0;
	cm[5] = y0;
}

/* Writes the page's image XObject: the scan's own JPEG bytes when there
 * are some, else the image encoded without loss (G4 for black and white,
 * deflate otherwise) or as JPEG for renderings. */
static int
write_image(struct arc_spdf *p, int num, const struct arc_spdf_page *pg)
{
	L_COMP_DATA *cid = NULL;
	char dict[512];
	const char *cs;
	PIX *pix = NULL;
	int type;

	if (pg->jpeg != NULL) {
		cs = pg->jpeg_spp == 3 ? "/DeviceRGB" : "/DeviceGray";
		snprintf(dict, sizeof(dict), "/Type /XObject /Subtype /Image "
		    "/Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
		    "/Filter /DCTDecode", pixGetWidth(pg->image),
		    pixGetHeight(pg->image), cs);
		write_stream(p, num, dict, pg->jpeg, pg->jpeg_len);
		return ARC_OK;
	}
	/* No colormaps in the PDF: gray or RGB only. */
	pix = pixGetColormap(pg->image) ?
	    pixRemoveColormap(pg->image, REMOVE_CMAP_BASED_ON_SRC) :
	    pixClone(pg->image);
	if (pix != NULL && pixGetDepth(pix) != 1 && pixGetDepth(pix) != 8 &&
	    pixGetDepth(pix) != 32) {
		PIX *eight = pixConvertTo8(pix, 0);
		pixDestroy(&pix);
		pix = eight;
	}
	if (pix == NULL)
		return ARC_FATAL;
	type = pixGetDepth(pix) == 1 ? L_G4_ENCODE :
	    pg->rendered ? L_JPEG_ENCODE : L_FLATE_ENCODE;
	if (pixGenerateCIData(pix, type, 75, 0, &cid) != 0 || cid == NULL) {
		pixDestroy(&pix);
		return ARC_FATAL;
	}
	pixDestroy(&pix);
	cs = cid->spp == 3 ? "/DeviceRGB" : "/DeviceGray";
	if (type == L_G4_ENCODE)
		snprintf(dict, sizeof(dict), "/Type /XObject /Subtype /Image "
		    "/Width %d /Height %d /ColorSpace /DeviceGray "
		    "/BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms "
		    "<< /K -1 /Columns %d /Rows %d /BlackIs1 %s >>", cid->w,
		    cid->h, cid->w, cid->h, cid->minisblack ? "true" : "false");
	else if (type == L_JPEG_ENCODE)
		snprintf(dict, sizeof(dict), "/Type /XObject /Subtype /Image "
		    "/Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 "
		    "/Filter /DCTDecode", cid->w, cid->h, cs);
	else if (cid->predictor)
		snprintf(dict, sizeof(dict), "/Type /XObject /Subtype /Image "
		    "/Width %d /Height %d /ColorSpace %s /BitsPerComponent %d "
		    "/Filter /FlateDecode /DecodeParms << /Predictor 14 "
		    "/Colors %d /BitsPerComponent %d /Columns %d >>", cid->w,
		    cid->h, cs, cid->bps, cid->spp, cid->bps, cid->w);
	else
		snprintf(dict, sizeof(dict), "/Type /XObject /Subtype /Image "
		    "/Width %d /Height %d /ColorSpace %s /BitsPerComponent %d "
		    "/Filter /FlateDecode", cid->w, cid->h, cs, cid->bps);
	write_stream(p, num, dict, cid->datacomp, cid->nbytescomp);
	l_CIDataDestroy(&cid);
	return ARC_OK;
}

/* Appends text as UTF-16BE hex (characters past U+FFFF as U+FFFD);
 * returns the number of characters. */
static int
put_utf16_hex(FILE *f, const char *text)
{
	const unsigned char *s = (const unsigned char *)text;
	int n = 0;

	fputc('<', f);
	while (*s) {
		unsigned long cp;
		int len;
		if (*s < 0x80) {
			cp = *s;
			len = 1;
		} else if ((*s & 0xe0) == 0xc0) {
			cp = *s & 0x1f;
			len = 2;
		} else if ((*s & 0xf0) == 0xe0) {
			cp = *s & 0x0f;
			len = 3;
		} else {
			cp = 0xfffd;
			len = 4;
		}
		for (int i = 1; i < len; i++) {
			if ((s[i] & 0xc0) != 0x80) {
				len = i;
				cp = 0xfffd;
				break;
			}
			if (len < 4)
				cp = (cp << 6) | (s[i] & 0x3f);
		}
		fprintf(f, "%04lX", cp > 0xffff ? 0xfffdUL : cp);
		s += len;
		n++;
	}
	fputc('>', f);
	return n;
}

/* Counts the characters of UTF-8 text. */
static int
utf8_chars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/* The content stream: the image placed by its matrix, then every word
 * invisible (render mode 3), stretched to its box. */
static char *
page_content(const struct arc_spdf_page *pg, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	if (f == NULL)
		return NULL;
	fprintf(f, "q %.4f %.4f %.4f %.4f %.4f %.4f cm /Im0 Do Q\n", pg->cm[0],
	    pg->cm[1], pg->cm[2], pg->cm[3], pg->cm[4], pg->cm[5]);
	fputs("BT 3 Tr\n", f);
	for (int i = 0; i < pg->nwords; i++) {
		const struct arc_spdf_word *w = &pg->words[i];
		int n = utf8_chars(w->text);
		double size = (w->b - w->t) * pg->scale;
		double width = (w->r - w->l) * pg->scale;
		if (n == 0 || size <= 0 || width <= 0)
			continue;
		fprintf(f, "/F0 %.2f Tf %.2f Tz 1 0 0 1 %.2f %.2f Tm ", size,
		    100.0 * width / (n * size * 0.5), w->l * pg->scale,
		    (pg->height_px - w->b) * pg->scale);
		put_utf16_hex(f, w->text);
		fputs(" Tj\n", f);
	}
	fputs("ET\n", f);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int
arc_spdf_add_page(struct arc_spdf *p, const struct arc_spdf_page *pg)
{
	int page = OBJ_FIRST_PAGE + 3 * p->npages;
	size_t len;
	char *content;

	if (p->failed)
		return ARC_FATAL;
	if ((content = page_content(pg, &len)) == NULL)
		return p->failed = 1, ARC_FATAL;
	begin_obj(p, page);
	fprintf(p->f, "<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %.2f %.2f] "
	    "/Contents %d 0 R /Resources << /XObject << /Im0 %d 0 R >> "
	    "/Font << /F0 %d 0 R >> >> >>\nendobj\n", OBJ_PAGES,
	    pg->width_px * pg->scale, pg->height_px * pg->scale, page + 1,
	    page + 2, OBJ_FONT);
	write_deflated(p, page + 1, "", content, len);
	free(content);
	if (write_image(p, page + 2, pg) != ARC_OK)
		p->failed = 1;
	p->npages++;
	return p->failed || ferror(p->f) ? ARC_FATAL : ARC_OK;
}

int
arc_spdf_commit(struct arc_spdf *p, struct arc_error *err)
{
	long xref;
	int st = ARC_OK;

	begin_obj(p, OBJ_PAGES);
	fprintf(p->f, "<< /Type /Pages /Count %d /Kids [", p->npages);
	for (int i = 0; i < p->npages; i++)
		fprintf(p->f, " %d 0 R", OBJ_FIRST_PAGE + 3 * i);
	fputs(" ] >>\nendobj\n", p->f);
	begin_obj(p, OBJ_CATALOG);
	fprintf(p->f, "<< /Type /Catalog /Pages %d 0 R >>\nendobj\n",
	    OBJ_PAGES);
	xref = ftell(p->f);
	fprintf(p->f, "xref\n0 %d\n0000000000 65535 f \n", p->nobjs + 1);
	for (int i = 1; i <= p->nobjs; i++)
		fprintf(p->f, "%010ld 00000 n \n", p->offsets[i]);
	fprintf(p->f, "trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%ld\n"
	    "%%%%EOF\n", p->nobjs + 1, OBJ_CATALOG, xref);
	/* Complete and on disk before it takes its real name. */
	if (p->failed || fflush(p->f) != 0 || ferror(p->f) ||
	    fsync(fileno(p->f)) != 0)
		st = arc_error_set(err, "searchable PDF: cannot write %s: %s",
		    p->final_path, p->failed ? "out of memory" :
		    strerror(errno));
	if (fclose(p->f) != 0 && st == ARC_OK)
		st = arc_error_set(err, "searchable PDF: cannot write %s: %s",
		    p->final_path, strerror(errno));
	p->f = NULL;
	if (st == ARC_OK && rename(p->tmp_path, p->final_path) != 0)
		st = arc_error_set(err, "searchable PDF: cannot rename to "
		    "%s: %s", p->final_path, strerror(errno));
	if (st == ARC_OK) {
		free(p->tmp_path);
		p->tmp_path = NULL;
	}
	arc_spdf_abort(p);  /* frees, and removes the file if not renamed */
	return st;
}
