/* arc-ocr: adds the text of each document (Tesseract OCR, or a PDF's own text) to its record. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_i18n.h"
#include "arc_ocr.h"

static const char usage[] = N_(
"usage: arc-ocr [-j N] [-l LANGS] [--dpi N] [--pdf DIR] [file ...]\n"
"Reads records from arc-scan (or file paths, one per line) and writes them\n"
"back with the documents' text, page count, language and OCR details.\n"
"\n"
"  -j, --jobs N           documents read at once (default: number of cores)\n"
"  -l, --lang LANGS       Tesseract languages (default ind+eng)\n"
"      --dpi N            resolution of images that do not say (default 300)\n"
"      --max-pixels N     refuse pages larger than N pixels "
    "(default 60000000)\n"
"      --max-pages N      refuse documents of more than N pages "
    "(default 1000)\n"
"      --page-timeout S   give up on a page after S seconds (default 120)\n"
"      --no-preprocess    do not undo rotation and skew or clean the paper\n"
"      --pdf DIR          also write a searchable PDF of each document to\n"
"                         DIR/SHA256.pdf (the scan with its text under it)\n"
"  -h, --help             show this help\n"
"      --version          show the version\n"
"\n"
"Exit status: 0 all read, 1 some documents could not be read, 2 error.\n"
"See arc-ocr(1) and arc-record(5).\n");

enum { OPT_DPI = 256, OPT_MAX_PIXELS, OPT_MAX_PAGES, OPT_PAGE_TIMEOUT,
	OPT_NO_PREPROCESS, OPT_PDF };

static const struct option options[] = {
	{ "jobs", required_argument, NULL, 'j' },
	{ "lang", required_argument, NULL, 'l' },
	{ "dpi", required_argument, NULL, OPT_DPI },
	{ "max-pixels", required_argument, NULL, OPT_MAX_PIXELS },
	{ "max-pages", required_argument, NULL, OPT_MAX_PAGES },
	{ "page-timeout", required_argument, NULL, OPT_PAGE_TIMEOUT },
	{ "no-preprocess", no_argument, NULL, OPT_NO_PREPROCESS },
	{ "pdf", required_argument, NULL, OPT_PDF },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/*
 * Tesseract's OpenMP threads would fight our workers for the cores (about
 * 5x slower on 2 cores), and libgomp reads OMP_THREAD_LIMIT when it is
 * loaded, before main: so the limit is set and the program started again.
 */
static void
limit_openmp(char **argv)
{
	const char *limit = getenv("OMP_THREAD_LIMIT");

	/* Any other value, even one a user set, would oversubscribe: the
	 * workers already fill the cores. */
	if (limit != NULL && strcmp(limit, "1") == 0)
		return;
	setenv("OMP_THREAD_LIMIT", "1", 1);
	execv("/proc/self/exe", argv);
	/* Not fatal: slower, but still right. */
	arc_cli_diag(NULL, 0, "warning: cannot restart with "
	    "OMP_THREAD_LIMIT=1; set it in the environment");
}

static int
work(void *worker, json_t *rec, struct arc_error *err)
{
	int st;

	/* A stage that failed before us has the say: pass it on untouched. */
	if (json_object_get(rec, "error") != NULL)
		return ARC_OK;
	if ((st = arc_ocr_record(worker, rec, err)) != ARC_OK)
		return st;
	/* A record the next stages could not read: the document is named
	 * in an error record instead. */
	if (arc_record_longer_than(rec, ARC_LINE_MAX_DEFAULT)) {
		if (arc_record_keep_identity(rec) != ARC_OK)
			return arc_error_set(err, "out of memory");
		return arc_error_set(err, "text too long: its record would be "
		    "longer than %u bytes, more than a line may hold",
		    ARC_LINE_MAX_DEFAULT);
	}
	return ARC_OK;
}

static struct arc_progress progress;

static int
done(void *ctx, json_t *rec, int status, const struct arc_error *err,
    const char *file, long line)
{
	char name[4096];

	(void)ctx;
	arc_progress_clear(&progress);  /* a message may follow */
	if (rec == NULL) {
		arc_cli_diag(file, line, "%s", arc_error_text(err));
		arc_cli_fail();
		return 0;
	}
	if (status != ARC_OK) {
		arc_record_name(rec, file, line, name, sizeof(name));
		arc_cli_diag(name, 0, "%s", arc_error_text(err));
		arc_cli_fail();
		if (arc_record_set_error(rec, "ocr", err->message) != ARC_OK)
			return -1;
	}
	arc_progress_step(&progress, (long)json_integer_value(
	    json_object_get(rec, "pages")));
	/* Each record out whole as soon as it is made (a page's OCR takes
	 * seconds, a write nothing): a run stopped between two documents
	 * leaves no half record for arc-tag to refuse. */
	return arc_record_write(stdout, rec) == ARC_OK &&
	    arc_cli_flush() == ARC_OK ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct arc_ocr_options o;
	struct arc_reader *reader;
	struct arc_error err;
	struct arc_ocr **engines;
	long jobs = sysconf(_SC_NPROCESSORS_ONLN), n;
	uint64_t pixels;
	int c, st;

	arc_cli_init("arc-ocr");
	arc_ocr_options_default(&o);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":j:l:h", options, NULL)) != -1) {
		switch (c) {
		case 'j':
			if (arc_cli_parse_count("--jobs", optarg, 256, &jobs) !=
			    ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case 'l':
			o.lang = optarg;
			break;
		case OPT_DPI:
			if (arc_cli_parse_count("--dpi", optarg, 2400, &n) !=
			    ARC_OK)
				return ARC_EXIT_FATAL;
			o.dpi = (int)n;
			break;
		case OPT_MAX_PIXELS:
			if (arc_parse_size(optarg, &pixels) != ARC_OK ||
			    pixels == 0) {
				arc_cli_usage_error("--max-pixels: '%s' is "
				    "not a number of pixels", optarg);
				return ARC_EXIT_FATAL;
			}
			o.max_pixels = pixels;
			break;
		case OPT_MAX_PAGES:
			if (arc_cli_parse_count("--max-pages", optarg, 1000000,
			    &n) != ARC_OK)
				return ARC_EXIT_FATAL;
			o.max_pages = (int)n;
			break;
		case OPT_PAGE_TIMEOUT:
			if (arc_cli_parse_count("--page-timeout", optarg, 86400,
			    &n) != ARC_OK)
				return ARC_EXIT_FATAL;
			o.page_timeout = (int)n;
			break;
		case OPT_NO_PREPROCESS:
			o.preprocess = 0;
			break;
		case OPT_PDF:
			o.pdf_dir = optarg;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	if (arc_ocr_check_languages(o.lang, &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	if (o.pdf_dir != NULL && access(o.pdf_dir, W_OK | X_OK) != 0) {
		arc_cli_diag(o.pdf_dir, 0,
		    "cannot write searchable PDFs here: %s",
		    arc_strerror(errno));
		return ARC_EXIT_FATAL;
	}
	limit_openmp(argv);
	arc_cli_mute_libraries();

	if ((engines = calloc((size_t)jobs, sizeof(*engines))) == NULL)
		return ARC_EXIT_FATAL;
	if (arc_ocr_new_all(&o, (int)jobs, engines, &err) != ARC_OK) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		free(engines);
		return ARC_EXIT_FATAL;
	}
	reader = arc_reader_new(argv + optind, argc - optind, ARC_READ_PATHS);
	if (reader == NULL)
		return ARC_EXIT_FATAL;
	/* TRANSLATORS: the two parts of "reading %s from the terminal
	 * (Ctrl-D ends); %s, or see %s --help". */
	arc_cli_terminal_hint(argc - optind, _("file names or records"),
	    _("name the scans as operands, pipe arc-scan's output in"));
	arc_progress_start(&progress, argv + optind, argc - optind);
	st = arc_pool_run(reader, (void *const *)engines, (int)jobs, work,
	    done, NULL);
	arc_progress_end(&progress);
	arc_reader_free(reader);
	for (long i = 0; i < jobs; i++)
		arc_ocr_free(engines[i]);
	free(engines);
	c = arc_cli_finish();
	return st == ARC_OK ? c : ARC_EXIT_FATAL;
}
