/* clean.c: image clean-up before OCR: working resolution, dust, background, rotation and skew. */
#include <math.h>

#include "ocr_internal.h"

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
	TessBaseAPI *osd = arc_ocr_osd(ocr);
	PIX *small;

	if (osd == NULL)
		return 0;
	small = scale < 1 ? pixScaleGrayLI(gray, scale, scale) : pixClone(gray);
	if (small == NULL)
		return 0;
	TessBaseAPISetImage2(osd, small);
	TessBaseAPISetSourceResolution(osd, (int)(dpi * scale));
	if (!TessBaseAPIDetectOrientationScript(osd, &deg, &conf, &script,
	    &script_conf) || conf < OSD_MIN_CONFIDENCE)
		deg = 0;
	TessBaseAPIClear(osd);
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

PIX *
arc_clean_page(struct arc_ocr *ocr, PIX *pix, int dpi, int preprocess,
    uint64_t max_pixels, struct arc_clean *c)
{
	PIX *clean = preprocess && pixGetDepth(pix) == 1 ?
	    despeckle(pix, dpi) : pixClone(pix);
	PIX *gray = clean ? to_working_gray(clean, &dpi, max_pixels) : NULL;

	pixDestroy(&clean);
	if (gray == NULL)
		return NULL;
	c->g.w0 = pixGetWidth(pix);
	c->g.h0 = pixGetHeight(pix);
	c->g.w1 = pixGetWidth(gray);
	c->g.h1 = pixGetHeight(gray);
	if (preprocess) {
		c->cleaned = clean_background(&gray);
		PIX *bin = pixConvertTo1(gray, BINARY_THRESHOLD);
		if (bin != NULL) {
			c->rotation = fix_orientation(ocr, &gray, &bin, dpi);
			c->skew = fix_skew(&gray, bin);
			pixDestroy(&bin);
		}
	}
	c->g.quads = c->rotation / 90;
	c->g.skew = c->skew;
	c->g.wp = pixGetWidth(gray);
	c->g.hp = pixGetHeight(gray);
	c->g.dpi = dpi;
	return gray;
}
