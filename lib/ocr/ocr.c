/* ocr.c: one OCR engine: straightens each page (rotation, skew, background) and reads it with Tesseract. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <leptonica/allheaders.h>
#include <tesseract/capi.h>

#include "arc_ocr.h"
#include "pages.h"
#include "searchpdf.h"

/* Where Debian's tesseract-ocr-* packages put their data. */
#define TESSDATA_DEFAULT "/usr/share/tesseract-ocr/5/tessdata"

/* Orientation is trusted above this OSD confidence; below it a page stays as
 * it is (ocrmypdf's default threshold, on the same scale, is 14; OSD's own
 * margin is lower on sparse pages, so we take less). */
#define OSD_MIN_CONFIDENCE 2.0f
/* Skews smaller than this (degrees) are not worth resampling the page. */
#define SKEW_MIN 0.1f
/* Dust on a black-and-white scan: specks up to this many pixels (at 300
 * dpi) each way: a full stop in 10 pt type is about 7 ... */
#define DUST_MAX 5
/* ... and further than this many pixels from anything larger. */
#define DUST_REACH 8
/* Ink is darker than this, for finding lines (orientation and skew). */
#define BINARY_THRESHOLD 160
/* A background darker than this gray level is flattened to white. */
#define BACKGROUND_WHITE 225

struct arc_ocr {
	struct arc_ocr_options o;
	TessBaseAPI *api;      /* recognition in the chosen languages */
	TessBaseAPI *osd;      /* orientation detection, loaded when first needed */
	int osd_failed;        /* loading it failed: pages stay as they are */
	ETEXT_DESC *monitor;   /* carries the per-page deadline */
	char version[32];
	unsigned char *font;   /* Tesseract's pdf.ttf, for searchable PDFs */
	size_t font_len;
};

/* How a scanned page was turned into the page Tesseract read, so that the
 * scan can be placed under the text in a searchable PDF. */
struct geometry {
	int w0, h0;            /* the scan */
	int w1, h1;            /* after scaling to the working resolution */
	int quads;             /* then quarter turns clockwise */
	double skew;           /* then degrees clockwise, about the centre */
	int wp, hp;            /* the page read */
	int dpi;               /* its resolution */
};

/* What was done to one page and what came of it. */
struct page_result {
	char *text;            /* malloc'd */
	int confidence;        /* 0-100, -1 when not OCR'd */
	int rotation;          /* degrees turned clockwise to read it */
	float skew;            /* degrees corrected */
	int cleaned;           /* background flattened */
	struct geometry g;
	struct arc_spdf_word *words;  /* for a searchable PDF, or NULL */
	int nwords;
};

void
arc_ocr_options_default(struct arc_ocr_options *o)
{
	memset(o, 0, sizeof(*o));
	o->lang = ARC_OCR_LANG_DEFAULT;
	o->dpi = ARC_OCR_DPI_DEFAULT;
	o->max_pixels = ARC_OCR_MAX_PIXELS_DEFAULT;
	o->max_pages = ARC_OCR_MAX_PAGES_DEFAULT;
	o->max_bytes = ARC_OCR_MAX_BYTES_DEFAULT;
	o->page_timeout = ARC_OCR_PAGE_TIMEOUT_DEFAULT;
	o->preprocess = 1;
}

static const char *
tessdata_dir(void)
{
	const char *dir = getenv("TESSDATA_PREFIX");

	return dir != NULL && *dir != '\0' ? dir : TESSDATA_DEFAULT;
}

static int
have_language(const char *lang)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s.traineddata", tessdata_dir(), lang);
	return stat(path, &st) == 0;
}

int
arc_ocr_check_languages(const char *lang, struct arc_error *err)
{
	char one[64], pkg[80];
	const char *p = lang, *plus;
	size_t len;

	for (;;) {
		plus = strchr(p, '+');
		len = plus ? (size_t)(plus - p) : strlen(p);
		if (len == 0 || len >= sizeof(one))
			return arc_error_set(err, "'%s' is not a list of "
			    "languages such as ind+eng", lang);
		memcpy(one, p, len);
		one[len] = '\0';
		for (size_t i = 0; i < len; i++)
			if (!(one[i] >= 'a' && one[i] <= 'z') && one[i] != '_')
				return arc_error_set(err, "'%s' is not a "
				    "language code such as ind or eng", one);
		if (!have_language(one)) {
			/* Debian names the packages with '-' for '_'. */
			snprintf(pkg, sizeof(pkg), "tesseract-ocr-%s", one);
			for (char *c = pkg; *c; c++)
				if (*c == '_')
					*c = '-';
			return arc_error_set(err, "language '%s' is not installed "
			    "in %s; install it with: apt-get install %s", one,
			    tessdata_dir(), pkg);
		}
		if (plus == NULL)
			return ARC_OK;
		p = plus + 1;
	}
}

static TessBaseAPI *
engine(const char *lang)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (api == NULL)
		return NULL;
	/* Tesseract's own chatter would reach stderr, unsorted and without
	 * a file name: ours says what matters. */
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	if (TessBaseAPIInit3(api, NULL, lang) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	TessBaseAPISetVariable(api, "debug_file", "/dev/null");
	return api;
}

struct arc_ocr *
arc_ocr_new(const struct arc_ocr_options *o, struct arc_error *err)
{
	struct arc_ocr *ocr;

	if (arc_ocr_check_languages(o->lang, err) != ARC_OK)
		return NULL;
	if ((ocr = calloc(1, sizeof(*ocr))) == NULL) {
		arc_error_set(err, "out of memory");
		return NULL;
	}
	ocr->o = *o;
	setMsgSeverity(L_SEVERITY_NONE);
	if ((ocr->api = engine(o->lang)) == NULL) {
		arc_error_set(err, "Tesseract cannot load '%s' from %s", o->lang,
		    tessdata_dir());
		arc_ocr_free(ocr);
		return NULL;
	}
	/* Office papers are one column; automatic layout analysis takes the
	 * labels of a decree ("Menimbang :", "a.") for a column of their own
	 * and reads them apart from their text. */
	TessBaseAPISetPageSegMode(ocr->api, PSM_SINGLE_COLUMN);
	/* Office papers have no white-on-black lines worth reading twice:
	 * retrying every doubtful line inverted costs more than it finds. */
	TessBaseAPISetVariable(ocr->api, "tessedit_do_invert", "0");
	/* The orientation model (a quarter of a second and 38 MB) is loaded
	 * only for the first page Leptonica is unsure about, which most runs
	 * never meet; but a missing one is said at once, not mid-run. */
	if (o->preprocess && !have_language("osd")) {
		arc_error_set(err, "orientation data is not installed in %s; "
		    "install it with: apt-get install tesseract-ocr-osd",
		    tessdata_dir());
		arc_ocr_free(ocr);
		return NULL;
	}
	if (o->pdf_dir != NULL) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/pdf.ttf", tessdata_dir());
		if (arc_document_load(path, NULL, 1 << 20, &ocr->font,
		    &ocr->font_len, err) != ARC_OK) {
			arc_error_set(err, "%s: %s (Tesseract's font for "
			    "searchable PDFs)", path, err->message);
			arc_ocr_free(ocr);
			return NULL;
		}
	}
	ocr->monitor = TessMonitorCreate();
	snprintf(ocr->version, sizeof(ocr->version), "%s", TessVersion());
	return ocr;
}

void
arc_ocr_free(struct arc_ocr *ocr)
{
	if (ocr == NULL)
		return;
	if (ocr->api != NULL)
		TessBaseAPIDelete(ocr->api);
	if (ocr->osd != NULL)
		TessBaseAPIDelete(ocr->osd);
	if (ocr->monitor != NULL)
		TessMonitorDelete(ocr->monitor);
	free(ocr->font);
	free(ocr);
}

struct engine_start {
	const struct arc_ocr_options *o;
	struct arc_ocr *ocr;
	struct arc_error err;
	pthread_t thread;
	int started;
};

static void *
start_engine(void *arg)
{
	struct engine_start *s = arg;

	s->ocr = arc_ocr_new(s->o, &s->err);
	return NULL;
}

int
arc_ocr_new_all(const struct arc_ocr_options *o, int n,
    struct arc_ocr **engines, struct arc_error *err)
{
	struct engine_start *s = calloc((size_t)n, sizeof(*s));
	int i, st = ARC_OK;

	if (s == NULL)
		return arc_error_set(err, "out of memory");
	/* The first engine loads on this thread, the others beside it. */
	for (i = 1; i < n; i++) {
		s[i].o = o;
		s[i].started = pthread_create(&s[i].thread, NULL, start_engine,
		    &s[i]) == 0;
	}
	s[0].o = o;
	start_engine(&s[0]);
	for (i = 1; i < n; i++) {
		if (s[i].started)
			pthread_join(s[i].thread, NULL);
		else
			start_engine(&s[i]);
	}
	for (i = 0; i < n; i++)
		if (s[i].ocr == NULL && st == ARC_OK) {
			*err = s[i].err;
			st = ARC_ERR;
		}
	for (i = 0; i < n; i++) {
		if (st != ARC_OK)
			arc_ocr_free(s[i].ocr);
		engines[i] = st == ARC_OK ? s[i].ocr : NULL;
	}
	free(s);
	return st;
}

/* ---- straightening a page ---- */

/* Replaces *pix by next (if not NULL), destroying the old one. */
static void
replace(PIX **pix, PIX *next)
{
	if (next != NULL && next != *pix) {
		pixDestroy(pix);
		*pix = next;
	}
}

/* Asks Tesseract's orientation detector how far the page is turned; returns
 * the clockwise quarter turns that make it upright, or 0 when unsure. */
static int
osd_quarter_turns(struct arc_ocr *ocr, PIX *gray, int dpi)
{
	int deg = 0;
	float conf = 0, script_conf;
	const char *script;
	/* OSD needs no more than 150 dpi to see which way lines run. */
	float scale = dpi > 200 ? 150.0f / dpi : 1.0f;
	PIX *small;

	if (ocr->osd == NULL && !ocr->osd_failed) {
		if ((ocr->osd = engine("osd")) != NULL)
			TessBaseAPISetPageSegMode(ocr->osd, PSM_OSD_ONLY);
		ocr->osd_failed = ocr->osd == NULL;
	}
	if (ocr->osd == NULL)
		return 0;
	small = scale < 1 ? pixScaleGrayLI(gray, scale, scale) : pixClone(gray);
	if (small == NULL)
		return 0;
	TessBaseAPISetImage2(ocr->osd, small);
	TessBaseAPISetSourceResolution(ocr->osd, (int)(dpi * scale));
	if (!TessBaseAPIDetectOrientationScript(ocr->osd, &deg, &conf, &script,
	    &script_conf) || conf < OSD_MIN_CONFIDENCE)
		deg = 0;
	TessBaseAPIClear(ocr->osd);
	pixDestroy(&small);
	/* OSD says how far the text is turned clockwise. */
	return deg == 90 || deg == 180 || deg == 270 ? (360 - deg) / 90 : 0;
}

/*
 * Turns a page fed sideways or upside down; returns the degrees turned
 * clockwise.  Leptonica's count of ascenders and descenders decides in a few
 * milliseconds for most pages; Tesseract's slower detector (a good part of
 * a second) is asked only when that count is not sure.
 */
static int
fix_orientation(struct arc_ocr *ocr, PIX **gray, PIX **bin, int dpi)
{
	l_float32 up = 0, left = 0;
	l_int32 orient = L_TEXT_ORIENT_UNKNOWN;
	int quads;

	if (pixOrientDetect(*bin, &up, &left, 0, 0) == 0)
		makeOrientDecision(up, left, 0, 0, &orient, 0);
	switch (orient) {
	case L_TEXT_ORIENT_UP: quads = 0; break;
	case L_TEXT_ORIENT_LEFT: quads = 1; break;
	case L_TEXT_ORIENT_DOWN: quads = 2; break;
	case L_TEXT_ORIENT_RIGHT: quads = 3; break;
	default: quads = osd_quarter_turns(ocr, *gray, dpi); break;
	}
	if (quads == 0)
		return 0;
	replace(gray, pixRotateOrth(*gray, quads));
	replace(bin, pixRotateOrth(*bin, quads));
	return 90 * quads;
}

/* The gray level most pixels have: the paper. */
static int
background_level(PIX *gray)
{
	NUMA *hist = pixGetGrayHistogram(gray, 4);
	l_float32 val = 255, count;
	l_int32 idx = 255;

	if (hist == NULL)
		return 255;
	numaGetMax(hist, &count, &idx);
	val = (l_float32)idx;
	numaDestroy(&hist);
	return (int)val;
}

static int
clean_background(PIX **gray)
{
	if (background_level(*gray) >= BACKGROUND_WHITE)
		return 0;
	PIX *norm = pixBackgroundNormSimple(*gray, NULL, NULL);
	if (norm == NULL)
		return 0;
	replace(gray, norm);
	return 1;
}

static float
fix_skew(PIX **gray, PIX *bin)
{
	l_float32 angle = 0, conf = 0;

	if (pixFindSkew(bin, &angle, &conf) != 0 || conf < 3.0f ||
	    fabsf(angle) < SKEW_MIN)
		return 0;
	replace(gray, pixRotate(*gray, angle * (float)M_PI / 180.0f,
	    L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0));
	return angle;
}

/*
 * Removes dust from a black-and-white scan: specks smaller than a full stop
 * that are not close to a letter, which Tesseract would read as
 * punctuation.  The dots of i and j, full stops and commas all sit within a
 * few pixels of a letter, so they stay.  Gray scans need not: Tesseract's
 * thresholding drops such specks itself.
 */
static PIX *
despeckle(PIX *bin, int dpi)
{
	int size = (int)(DUST_MAX * dpi / 300.0 + 0.5);
	int reach = 2 * (int)(DUST_REACH * dpi / 300.0 + 0.5) + 1;
	PIX *big, *small, *near;

	if (size < 1)
		return pixClone(bin);
	big = pixSelectBySize(bin, size, size, 8, L_SELECT_IF_EITHER,
	    L_SELECT_IF_GT, NULL);
	if (big == NULL)
		return pixClone(bin);
	small = pixSubtract(NULL, bin, big);
	near = pixDilateBrick(NULL, big, reach, reach);
	if (small != NULL && near != NULL) {
		pixAnd(small, small, near);
		pixOr(big, big, small);
	}
	pixDestroy(&small);
	pixDestroy(&near);
	return big;
}

/* Scales to a resolution Tesseract reads well: 300 dpi from above 400 or
 * below 200. */
static PIX *
to_working_gray(PIX *pix, int *dpi, uint64_t max_pixels)
{
	PIX *gray = pixGetDepth(pix) == 8 && pixGetColormap(pix) == NULL ?
	    pixClone(pix) : pixConvertTo8(pix, 0);
	float scale = 300.0f / *dpi;
	double scaled = (double)pixGetWidth(pix) * pixGetHeight(pix) * scale *
	    scale;

	/* Enlarging stays within the pixel limit too. */
	if (gray != NULL && (*dpi > 400 || (*dpi < 200 && *dpi >= 70 &&
	    scaled <= (double)max_pixels))) {
		replace(&gray, pixScaleGrayLI(gray, scale, scale));
		*dpi = 300;
	}
	return gray;
}

/* Trims trailing white space; Tesseract ends every block with new lines. */
static void
trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\f'))
		s[--n] = '\0';
}

static double
seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* The words Tesseract found and their boxes, for the text layer. */
static int
collect_words(struct arc_ocr *ocr, struct page_result *r)
{
	TessResultIterator *it = TessBaseAPIGetIterator(ocr->api);
	int cap = 0, l, t, rr, b;

	if (it == NULL)
		return ARC_OK;
	do {
		char *word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
		if (word == NULL)
			continue;
		if (!TessPageIteratorBoundingBox(
		    TessResultIteratorGetPageIterator(it), RIL_WORD, &l, &t, &rr,
		    &b) || *word == '\0') {
			TessDeleteText(word);
			continue;
		}
		if (r->nwords == cap) {
			cap = cap ? cap * 2 : 256;
			struct arc_spdf_word *grown = realloc(r->words,
			    (size_t)cap * sizeof(*grown));
			if (grown == NULL) {
				TessDeleteText(word);
				TessResultIteratorDelete(it);
				return ARC_FATAL;
			}
			r->words = grown;
		}
		r->words[r->nwords++] = (struct arc_spdf_word){ strdup(word),
		    l, t, rr, b };
		TessDeleteText(word);
	} while (TessResultIteratorNext(it, RIL_WORD));
	TessResultIteratorDelete(it);
	return ARC_OK;
}

static void
free_words(struct page_result *r)
{
	for (int i = 0; i < r->nwords; i++)
		free(r->words[i].text);
	free(r->words);
	r->words = NULL;
	r->nwords = 0;
}

/* Where a point of the scan (pixels, y down) lands on the PDF page
 * (points, y up), following what was done to the page. */
static void
map_point(const struct geometry *g, double x, double y, double *px,
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

/* The PDF matrix that maps the scan's unit square onto the page. */
static void
image_matrix(const struct geometry *g, double cm[6])
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

static int
add_pdf_page(struct arc_spdf *pdf, const struct arc_page *page,
    const struct page_result *r)
{
	struct arc_spdf_page pg = {
		.image = page->pix,
		.jpeg = page->jpeg,
		.jpeg_len = page->jpeg_len,
		.jpeg_spp = page->jpeg_spp,
		.rendered = page->rendered,
		.scale = 72.0 / r->g.dpi,
		.width_px = r->g.wp,
		.height_px = r->g.hp,
		.words = r->words,
		.nwords = r->nwords,
	};

	image_matrix(&r->g, pg.cm);
	return arc_spdf_add_page(pdf, &pg);
}

static int
ocr_page(struct arc_ocr *ocr, PIX *pix, int dpi, int pageno,
    struct page_result *r, struct arc_error *err)
{
	PIX *clean = ocr->o.preprocess && pixGetDepth(pix) == 1 ?
	    despeckle(pix, dpi) : pixClone(pix);
	PIX *gray = clean ? to_working_gray(clean, &dpi, ocr->o.max_pixels) : NULL;
	char *text;
	double start;
	int st = ARC_OK;

	pixDestroy(&clean);
	if (gray == NULL)
		return arc_error_set(err, "page %d: cannot convert the image",
		    pageno);
	r->g.w0 = pixGetWidth(pix);
	r->g.h0 = pixGetHeight(pix);
	r->g.w1 = pixGetWidth(gray);
	r->g.h1 = pixGetHeight(gray);
	if (ocr->o.preprocess) {
		r->cleaned = clean_background(&gray);
		PIX *bin = pixConvertTo1(gray, BINARY_THRESHOLD);
		if (bin != NULL) {
			r->rotation = fix_orientation(ocr, &gray, &bin, dpi);
			r->skew = fix_skew(&gray, bin);
			pixDestroy(&bin);
		}
	}
	r->g.quads = r->rotation / 90;
	r->g.skew = r->skew;
	r->g.wp = pixGetWidth(gray);
	r->g.hp = pixGetHeight(gray);
	r->g.dpi = dpi;
	start = seconds();
	TessBaseAPISetImage2(ocr->api, gray);
	TessBaseAPISetSourceResolution(ocr->api, dpi);
	TessMonitorSetDeadlineMSecs(ocr->monitor, ocr->o.page_timeout * 1000);
	if (TessBaseAPIRecognize(ocr->api, ocr->monitor) != 0 ||
	    seconds() - start >= ocr->o.page_timeout) {
		st = seconds() - start >= ocr->o.page_timeout ?
		    arc_error_set(err, "page %d: not read within %d s "
		    "(--page-timeout)", pageno, ocr->o.page_timeout) :
		    arc_error_set(err, "page %d: Tesseract failed", pageno);
		goto out;
	}
	text = TessBaseAPIGetUTF8Text(ocr->api);
	r->text = strdup(text != NULL ? text : "");
	TessDeleteText(text);
	if (r->text == NULL) {
		st = arc_error_set(err, "out of memory");
		goto out;
	}
	trim(r->text);
	r->confidence = TessBaseAPIMeanTextConf(ocr->api);
	if (ocr->o.pdf_dir != NULL && collect_words(ocr, r) != ARC_OK)
		st = arc_error_set(err, "out of memory");
out:
	TessBaseAPIClear(ocr->api);
	pixDestroy(&gray);
	return st;
}

/* ---- a whole document ---- */

/* Appends s (and a form feed before every page but the first). */
static int
append_page(char **buf, size_t *len, size_t *cap, const char *s, int first)
{
	size_t n = strlen(s) + 1;

	if (*len + n + 1 > *cap) {
		size_t c = *cap ? *cap : 4096;
		while (c < *len + n + 1)
			c *= 2;
		char *grown = realloc(*buf, c);
		if (grown == NULL)
			return ARC_FATAL;
		*buf = grown;
		*cap = c;
	}
	if (!first)
		(*buf)[(*len)++] = '\f';
	memcpy(*buf + *len, s, n);
	*len += n - 1;
	return ARC_OK;
}

static json_t *
page_info(int pageno, const struct page_result *r, int from_ocr)
{
	if (!from_ocr)
		return json_pack("{s:i, s:s}", "page", pageno, "source", "text");
	return json_pack("{s:i, s:s, s:i, s:i, s:f, s:b}", "page", pageno,
	    "source", "ocr", "confidence", r->confidence, "rotation",
	    r->rotation, "skew", roundf(r->skew * 100) / 100.0, "cleaned",
	    r->cleaned);
}

/* Reads every page of a document into text, and what was done into pages;
 * with a PDF folder, also writes the searchable PDF named sha256.pdf. */
static int
read_pages(struct arc_ocr *ocr, const unsigned char *data, size_t size,
    const char *sha256, json_t *rec, struct arc_error *err)
{
	struct arc_pages *pages;
	struct arc_page page;
	struct page_result r;
	struct arc_spdf *pdf = NULL;
	json_t *info = json_array();
	char *text = NULL, pdf_path[4096] = "";
	size_t len = 0, cap = 0;
	int st, n = 0, ocr_pages = 0;
	long conf_sum = 0;

	if (info == NULL || append_page(&text, &len, &cap, "", 1) != ARC_OK) {
		json_decref(info);
		return arc_error_set(err, "out of memory");
	}
	if ((st = arc_pages_open(&pages, data, size, ocr->o.max_pixels,
	    ocr->o.max_pages, ocr->o.dpi, err)) != ARC_OK)
		goto out;
	if (ocr->o.pdf_dir != NULL && (pdf = arc_spdf_begin(ocr->o.pdf_dir,
	    sha256, ocr->font, ocr->font_len, err)) == NULL) {
		st = ARC_ERR;
		arc_pages_free(pages);
		goto out;
	}
	while ((st = arc_pages_next(pages, &page, err)) == ARC_OK) {
		n++;
		memset(&r, 0, sizeof(r));
		if (page.pix != NULL) {
			st = ocr_page(ocr, page.pix, page.dpi, n, &r, err);
			if (st == ARC_OK && pdf != NULL &&
			    add_pdf_page(pdf, &page, &r) != ARC_OK)
				st = arc_error_set(err, "searchable PDF: cannot "
				    "write page %d", n);
			pixDestroy(&page.pix);
			free_words(&r);
			if (st != ARC_OK) {
				free(r.text);
				break;
			}
			ocr_pages++;
			conf_sum += r.confidence;
		} else {
			r.text = page.text;
			/* A PDF that has its own text is searchable already. */
			arc_spdf_abort(pdf);
			pdf = NULL;
		}
		st = append_page(&text, &len, &cap, r.text, n == 1);
		json_array_append_new(info, page_info(n, &r, page.text == NULL));
		free(r.text);
		if (st != ARC_OK) {
			st = arc_error_set(err, "out of memory");
			break;
		}
	}
	arc_pages_free(pages);
	if (st == ARC_EOF && pdf != NULL) {
		snprintf(pdf_path, sizeof(pdf_path), "%s/%s.pdf", ocr->o.pdf_dir,
		    sha256);
		st = arc_spdf_commit(pdf, err) == ARC_OK ? ARC_EOF : ARC_ERR;
		pdf = NULL;
	}
	if (st == ARC_EOF) {
		st = ARC_OK;
		const char *lang = arc_lang_guess(text);
		arc_record_set_text(rec, "text", text);
		json_object_set_new(rec, "pages", json_integer(n));
		json_object_set_new(rec, "lang", lang ? json_string(lang) :
		    json_null());
		json_object_set_new(rec, "ocr", json_pack("{s:s, s:s, s:s, s:o, s:o}",
		    "engine", "tesseract", "version", ocr->version,
		    "languages", ocr->o.lang, "confidence", ocr_pages ?
		    json_integer(conf_sum / ocr_pages) : json_null(),
		    "pages", info));
		info = NULL;
		if (pdf_path[0] != '\0')
			arc_record_set_text(rec, "pdf", pdf_path);
	}
out:
	arc_spdf_abort(pdf);
	json_decref(info);
	free(text);
	return st;
}

/*
 * A text file saved as "Unicode" by Windows Notepad is UTF-16 after a byte
 * order mark, a NUL in every other byte: taken for UTF-8 it would be two
 * letters and a jumble.  Returns its text as UTF-8 (malloc'd; NUL and
 * unpaired surrogates as U+FFFD, as arc_utf8_repair does); NULL when out
 * of memory.
 */
static char *
from_utf16(const unsigned char *data, size_t size)
{
	int le = data[0] == 0xff;
	size_t units = (size - 2) / 2;
	char *out = malloc(units * 3 + 1), *o = out;
	const unsigned char *u;
	unsigned long c, low;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < units; i++) {
		u = data + 2 + 2 * i;
		c = le ? u[0] | (unsigned)u[1] << 8 : (unsigned)u[0] << 8 | u[1];
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < units) {
			low = le ? u[2] | (unsigned)u[3] << 8 :
			    (unsigned)u[2] << 8 | u[3];
			if (low >= 0xdc00 && low <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
				i++;
			}
		}
		if (c == 0 || (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		o += arc_utf8_encode(c, o);
	}
	*o = '\0';
	return out;
}

/* Plain text needs no OCR: it is its own text layer. */
static int
read_text(const unsigned char *data, size_t size, json_t *rec)
{
	int utf16 = size >= 2 && ((data[0] == 0xff && data[1] == 0xfe) ||
	    (data[0] == 0xfe && data[1] == 0xff));
	char *text = utf16 ? from_utf16(data, size) :
	    arc_utf8_repair((const char *)data, size);
	const char *lang;

	if (text == NULL)
		return ARC_FATAL;
	lang = arc_lang_guess(text);
	arc_record_set_text(rec, "text", text);
	json_object_set_new(rec, "pages", json_integer(1));
	json_object_set_new(rec, "lang", lang ? json_string(lang) : json_null());
	json_object_set_new(rec, "ocr", json_pack("{s:s, s:[{s:i, s:s}]}",
	    "engine", "none", "pages", "page", 1, "source", "text"));
	free(text);
	return ARC_OK;
}

/* For a path given without arc-scan's "mime": UTF-8 text with no control
 * characters but line and page breaks and tabs. */
static int
looks_like_text(const unsigned char *data, size_t size)
{
	for (size_t i = 0; i < size; i++)
		if (data[i] < 0x20 && data[i] != '\n' && data[i] != '\r' &&
		    data[i] != '\t' && data[i] != '\f')
			return 0;
	return size > 0 && arc_utf8_valid((const char *)data, size);
}

/* Hashes the bytes read: the name of the searchable PDF, and a check that
 * the document is still the one arc-scan recorded. */
static int
identify(const json_t *rec, const unsigned char *data, size_t size,
    char sha256[65], struct arc_error *err)
{
	const char *want = json_string_value(json_object_get(rec, "sha256"));
	struct arc_sha256 *h;

	if ((h = arc_sha256_new()) == NULL)
		return arc_error_set(err, "out of memory");
	arc_sha256_update(h, data, size);
	arc_sha256_hex(h, sha256);
	arc_sha256_free(h);
	if (want != NULL && strcmp(sha256, want) != 0)
		return arc_error_set(err, "document changed since it was "
		    "scanned (sha256 differs); scan it again");
	return ARC_OK;
}

int
arc_ocr_record(struct arc_ocr *ocr, json_t *rec, struct arc_error *err)
{
	const char *mime = json_string_value(json_object_get(rec, "mime"));
	unsigned char *data;
	char sha256[65];
	size_t size;
	int st;

	if (arc_document_load_record(rec, ocr->o.max_bytes, &data, &size,
	    err) != ARC_OK)
		return ARC_ERR;
	st = identify(rec, data, size, sha256, err);
	if (st == ARC_OK) {
		if (mime != NULL ? strncmp(mime, "text/plain", 10) == 0 :
		    looks_like_text(data, size))
			st = read_text(data, size, rec) == ARC_OK ? ARC_OK :
			    arc_error_set(err, "out of memory");
		else
			st = read_pages(ocr, data, size, sha256, rec, err);
	}
	free(data);
	return st;
}
