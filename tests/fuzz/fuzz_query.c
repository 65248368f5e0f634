/* fuzz_query.c: arc-find queries: parsed, turned into FTS5 expressions, and run against a small archive made at start, where no query may be an error. */
#define _XOPEN_SOURCE 700  /* nftw */
#include <ftw.h>
#include <string.h>
#include <unistd.h>

#include "arc_tag.h"
#include "query.h"
#include "fuzz.h"

/* Letters as arc-scan | arc-ocr | arc-tag would make them records. */
static const char *const letters[] = {
	"PEMERINTAH KABUPATEN BOGOR\nKECAMATAN CIBINONG\n"
	"Nomor    : 005/123/Kec/2026\n"
	"Perihal  : Undangan Rapat Koordinasi Pelayanan\n\n"
	"Dengan hormat, kami mengundang Saudara pada rapat koordinasi "
	"pelayanan\nadministrasi kependudukan, hari Rabu, 9 Desember 2026.\n"
	"Cibinong, 30 November 2026\n",
	"KEPUTUSAN CAMAT CIBINONG\nNOMOR 100/47/Kep/Kec/2026\nTENTANG\n"
	"PEMBENTUKAN TIM PELAYANAN ADMINISTRASI TERPADU\n"
	"Menimbang bahwa pelayanan perlu ditingkatkan; Mengingat undang-"
	"undang;\nMEMUTUSKAN Menetapkan keputusan ini. Anggaran dibebankan "
	"pada DPA 12/KPTS/2023.\nDitetapkan di Cibinong pada tanggal 2 "
	"November 2026\n",
	"Perihal : Pengaduan keterlambatan KTP-el\nSaya menyampaikan "
	"pengaduan: KTP-el saya belum terbit sejak Agustus.\f"
	"Bogor, 3 September 2026\n",
	"Subject : Proposal for a records digitisation partnership\n"
	"Dear Sir, our foundation helps local governments preserve public "
	"records.\nJakarta, 18 December 2026\n",
};

static char dir[4096];
static struct arc_store *store;

static int
remove_entry(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void
remove_archive(void)
{
	arc_store_close(store);
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void
index_problem(void *ctx, const char *name, const char *message)
{
	(void)ctx;
	/* The archive every input is searched in must be whole. */
	fprintf(stderr, "fuzz_query: cannot archive %s: %s\n", name, message);
	abort();
}

/* One letter's record: written to a file, hashed and tagged. */
static json_t *
letter_record(int i, struct arc_tagger *t)
{
	char path[4200], hex[65];
	struct arc_sha256 *h = arc_sha256_new();
	struct arc_error err;
	size_t len = strlen(letters[i]);
	FILE *f;
	json_t *rec;

	snprintf(path, sizeof(path), "%s/surat-%d.txt", dir, i);
	FUZZ_CHECK((f = fopen(path, "w")) != NULL);
	FUZZ_CHECK(fwrite(letters[i], 1, len, f) == len && fclose(f) == 0);
	FUZZ_CHECK(h != NULL);
	arc_sha256_update(h, letters[i], len);
	arc_sha256_hex(h, hex);
	arc_sha256_free(h);
	rec = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:i}",
	    "path", path, "sha256", hex, "size", (json_int_t)len,
	    "mtime", "2026-11-28T10:00:00+00:00", "mime", "text/plain",
	    "text", letters[i], "lang", i == 3 ? "eng" : "ind", "pages", 1);
	FUZZ_CHECK(rec != NULL);
	FUZZ_CHECK(arc_tag_record(t, rec, path, NULL, 0, &err) == ARC_OK);
	return rec;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	struct arc_rules *rules = arc_rules_new();
	struct arc_index_stats stats;
	struct fuzz_diag d = { 0 };
	struct arc_indexer *ix;
	struct arc_tagger *t;
	struct arc_error err;
	char db[4200];

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/arc-fuzz-query-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	snprintf(db, sizeof(db), "%s/arsip.db", dir);
	FUZZ_CHECK(rules != NULL && arc_rules_load_dir(rules, FUZZ_SHARE
	    "/rules", fuzz_diag, &d) == ARC_OK);
	FUZZ_CHECK(arc_rules_compile(rules, &err) == ARC_OK);
	FUZZ_CHECK((t = arc_tagger_new(rules)) != NULL);
	FUZZ_CHECK((store = arc_store_open(db, 1, &err)) != NULL);
	atexit(remove_archive);
	FUZZ_CHECK((ix = arc_indexer_new(store, 1, index_problem, NULL)) !=
	    NULL);
	for (int i = 0; i < (int)(sizeof(letters) / sizeof(*letters)); i++) {
		json_t *rec = letter_record(i, t);
		FUZZ_CHECK(arc_index_record(ix, rec, "letter", &err) == ARC_OK);
		json_decref(rec);
	}
	FUZZ_CHECK(arc_indexer_finish(ix, &stats, &err) == ARC_OK);
	FUZZ_CHECK(stats.added == (long)(sizeof(letters) / sizeof(*letters)));
	arc_indexer_free(ix);
	arc_tagger_free(t);
	arc_rules_free(rules);
	/* Searched as arc-find searches: read-only. */
	arc_store_close(store);
	FUZZ_CHECK((store = arc_store_open(db, 0, &err)) != NULL);
	return 0;
}

static int
check_result(void *ctx, json_t *r)
{
	(void)ctx;
	FUZZ_CHECK(json_is_string(json_object_get(r, "sha256")));
	FUZZ_CHECK(json_is_string(json_object_get(r, "snippet")));
	return 0;
}

/* The parser alone, and the expressions made from it. */
static void
parse(const char *query)
{
	struct arc_query q;
	char *all, *any, *excluded;

	FUZZ_CHECK(arc_query_parse(query, &q) == ARC_OK);
	FUZZ_CHECK(q.n >= 0 && (size_t)q.n <= q.cap);
	for (int i = 0; i < q.n; i++) {
		FUZZ_CHECK(q.terms[i].text != NULL && *q.terms[i].text != '\0');
		if (q.terms[i].kind == QT_FILTER)
			FUZZ_CHECK(q.terms[i].key < QF_COUNT);
		arc_query_is_stopword(q.terms[i].text);
	}
	FUZZ_CHECK((all = arc_query_match(&q, 0)) != NULL);
	FUZZ_CHECK((any = arc_query_match(&q, 1)) != NULL);
	FUZZ_CHECK((excluded = arc_query_excluded(&q)) != NULL);
	/* No words, no expression: then every document is listed. */
	FUZZ_CHECK((*all == '\0') == (arc_query_words(&q) == 0));
	free(all);
	free(any);
	free(excluded);
	arc_query_free(&q);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A query comes from argv: it has no NUL, but any other byte. */
	char *query = fuzz_string(data, size);
	struct arc_find_options o = { .query = query, .limit = 3 };
	struct arc_error err;
	long found;

	/* Some inputs with --since and --until as well (as arc-find checks
	 * them: valid dates only), chosen by size to stay reproducible. */
	if (size % 2 == 1)
		o.since = "2026-11";
	if (size % 3 == 0)
		o.until = size % 2 ? "2026" : "2026-12-09";
	parse(query);
	/* "nothing in it is ever a syntax error" (arc_archive.h). */
	found = arc_find(store, &o, check_result, NULL, &err);
	if (found < 0)
		fprintf(stderr, "fuzz_query: %s\n", err.message);
	FUZZ_CHECK(found >= 0);
	free(query);
	return 0;
}
