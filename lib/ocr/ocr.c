/* ocr.c: one OCR engine: reads each page of a document with Tesseract, after clean.c has straightened it. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arc_i18n.h"
#include "ocr_internal.h"
#include "pages.h"

/* Where Debian's tesseract-ocr-* packages put their data. */
#define TESSDATA_DEFAULT "/usr/share/tesseract-ocr/5/tessdata"

struct arc_ocr {
	struct arc_ocr_options o;
	TessBaseAPI *api;      /* recognition in the chosen languages */
	TessBaseAPI *osd;      /* orientation detection, loaded when first
	                        * needed */
	int osd_failed;        /* loading it failed: pages stay as they are */
	ETEXT_DESC *monitor;   /* carries the per-page deadline */
	char version[32];
	unsigned char *font;   /* Tesseract's pdf.ttf, for searchable PDFs */
	size_t font_len;
};

/* What was done to one page and what came of it. */
struct page_result {
	char *text;            /* malloc'd */
	int confidence;        /* 0-100, -1 when not OCR'd */
	struct arc_clean clean;
	struct arc_spdf_word *words;  /* for a searchable PDF, or NULL */
	int nwords;
};

void
arc_ocr_options_default(struct arc_ocr_options *o)
{
	memset(o, 0, sizeof(*o));
	o->lang = "ind+eng";
	o->dpi = 300;
	o->max_pixels = 60ull * 1000 * 1000;
	o->max_pages = 1000;
	o->max_bytes = (size_t)512 << 20;
	o->page_timeout = 120;
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
			return arc_error_set(err, "language '%s' is not "
			    "installed in %s; install it with: apt-get "
			    "install %s", one, tessdata_dir(), pkg);
		}
		if (plus == NULL)
			return ARC_OK;
		p = plus + 1;
	}
}

/*
 * Tesseract's own chatter would reach stderr, unsorted and without a file
 * name: ours says what matters.  debug_file is one of its global
 * parameters: set once, before any engine loads (engines load on threads
 * of their own, and setting it from each raced with the others).
 */
static void
quiet_tesseract(void)
{
	TessBaseAPI *api = TessBaseAPICreate();

	if (api != NULL) {
		TessBaseAPISetVariable(api, "debug_file", "/dev/null");
		TessBaseAPIDelete(api);
	}
}

static TessBaseAPI *
engine(const char *lang)
{
	static pthread_once_t quiet = PTHREAD_ONCE_INIT;
	TessBaseAPI *api;

	pthread_once(&quiet, quiet_tesseract);
	if ((api = TessBaseAPICreate()) == NULL)
		return NULL;
	if (TessBaseAPIInit3(api, NULL, lang) != 0) {
		TessBaseAPIDelete(api);
		return NULL;
	}
	return api;
}

/* One engine; arc_ocr_new_all makes them. */
static struct arc_ocr *
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
		arc_error_set(err, "Tesseract cannot load '%s' from %s",
		    o->lang, tessdata_dir());
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
			struct arc_error why = *err;

			arc_error_set(err, "%s: %s (Tesseract's font for "
			    "searchable PDFs)", path, why.message);
			arc_mask_format(err->local, sizeof(err->local),
			    _("%s: %s (Tesseract's font for searchable PDFs)"),
			    path, arc_error_text(&why));
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

TessBaseAPI *
arc_ocr_osd(struct arc_ocr *ocr)
{
	if (ocr->osd == NULL && !ocr->osd_failed) {
		if ((ocr->osd = engine("osd")) != NULL)
			TessBaseAPISetPageSegMode(ocr->osd, PSM_OSD_ONLY);
		ocr->osd_failed = ocr->osd == NULL;
	}
	return ocr->osd;
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

/* Trims trailing white space; Tesseract ends every block with new lines. */
static void
trim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' ||
	    s[n - 1] == '\f'))
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
	size_t cap = 0;
	int l, t, rr, b;

	if (it == NULL)
		return ARC_OK;
	do {
		char *word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
		if (word == NULL)
			continue;
		if (!TessPageIteratorBoundingBox(
		    TessResultIteratorGetPageIterator(it), RIL_WORD, &l, &t,
		    &rr, &b) || *word == '\0') {
			TessDeleteText(word);
			continue;
		}
		if (arc_grow(&r->words, &cap, (size_t)r->nwords, 1,
		    sizeof(*r->words)) != ARC_OK) {
			TessDeleteText(word);
			TessResultIteratorDelete(it);
			return ARC_FATAL;
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
		.scale = 72.0 / r->clean.g.dpi,
		.width_px = r->clean.g.wp,
		.height_px = r->clean.g.hp,
		.words = r->words,
		.nwords = r->nwords,
	};

	arc_spdf_image_matrix(&r->clean.g, pg.cm);
	return arc_spdf_add_page(pdf, &pg);
}

static int
ocr_page(struct arc_ocr *ocr, PIX *pix, int dpi, int pageno,
    struct page_result *r, struct arc_error *err)
{
	PIX *gray = arc_clean_page(ocr, pix, dpi, ocr->o.preprocess,
	    ocr->o.max_pixels, &r->clean);
	char *text;
	double start;
	int st = ARC_OK;

	if (gray == NULL)
		return arc_error_set(err, "page %d: cannot convert the image",
		    pageno);
	start = seconds();
	TessBaseAPISetImage2(ocr->api, gray);
	TessBaseAPISetSourceResolution(ocr->api, r->clean.g.dpi);
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

	if (arc_grow(buf, cap, *len, n + 1, 1) != ARC_OK)
		return ARC_FATAL;
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
		return json_pack("{s:i, s:s}", "page", pageno,
		    "source", "text");
	return json_pack("{s:i, s:s, s:i, s:i, s:f, s:b}", "page", pageno,
	    "source", "ocr", "confidence", r->confidence, "rotation",
	    r->clean.rotation, "skew", roundf(r->clean.skew * 100) / 100.0,
	    "cleaned", r->clean.cleaned);
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
				st = arc_error_set(err, "searchable PDF: "
				    "cannot write page %d", n);
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
		json_array_append_new(info, page_info(n, &r,
		    page.text == NULL));
		free(r.text);
		if (st != ARC_OK) {
			st = arc_error_set(err, "out of memory");
			break;
		}
	}
	arc_pages_free(pages);
	if (st == ARC_EOF && pdf != NULL) {
		snprintf(pdf_path, sizeof(pdf_path), "%s/%s.pdf",
		    ocr->o.pdf_dir, sha256);
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
		json_object_set_new(rec, "ocr",
		    json_pack("{s:s, s:s, s:s, s:o, s:o}",
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
		/* A path given alone has no "mime": its bytes are judged as
		 * arc-scan judges a text libmagic misnamed. */
		if (mime != NULL ? strncmp(mime, "text/plain", 10) == 0 :
		    arc_text_is_plain(data, size, 0))
			st = arc_textfile_read(data, size, rec) == ARC_OK ?
			    ARC_OK : arc_error_set(err, "out of memory");
		else
			st = read_pages(ocr, data, size, sha256, rec, err);
	}
	free(data);
	return st;
}
