/* test_faq.c: the chatbot's string map, word pipeline (normalisation, synonyms, stems) and status lookups. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "faq_internal.h"

static void
quiet(void *ctx, const char *file, long line, enum arc_severity severity,
    const char *message)
{
	(void)ctx;
	(void)severity;
	fprintf(stderr, "%s:%ld: %s\n", file ? file : "-", line, message);
}

static void
test_strmap(void)
{
	struct arc_strmap *m = arc_strmap_new();
	char key[32];
	long v = 0;

	/* Enough keys to grow the table several times. */
	for (long i = 0; i < 5000; i++) {
		int n = snprintf(key, sizeof(key), "k%ld", i);
		CHECK(arc_strmap_put(m, key, (size_t)n, i * 3) == ARC_OK);
	}
	CHECK(arc_strmap_count(m) == 5000);
	CHECK(arc_strmap_get(m, "k4321", 5, &v) && v == 4321 * 3);
	CHECK(!arc_strmap_get(m, "k5000", 5, NULL));
	/* Keys are counted bytes: a prefix of one key is another key. */
	CHECK(arc_strmap_get(m, "k4321", 4, &v) && v == 432 * 3);
	CHECK(arc_strmap_put(m, "k1", 2, -7) == ARC_OK);
	CHECK(arc_strmap_get(m, "k1", 2, &v) && v == -7);
	CHECK(arc_strmap_count(m) == 5000);
	arc_strmap_free(m);
}

static const char *
write_file(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");

	fputs(text, f);
	fclose(f);
	return name;
}

/* The terms of text joined by spaces. */
static const char *
terms(const struct arc_faq *faq, const char *text, int *english)
{
	static char out[512];
	struct faq_word w[FAQ_WORDS_MAX];
	int n = faq_words(faq, text, strlen(text), w, FAQ_WORDS_MAX, english);

	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i > 0)
			strcat(out, " ");
		strcat(out, w[i].term);
	}
	return out;
}

static void
test_words(void)
{
	struct arc_faq *faq = arc_faq_new();
	int english;

	CHECK(arc_faq_load_words(faq, write_file("norm.txt",
	    "# test\ngmn = bagaimana\nkartu keluarga = kk\nktp el = ktp\n"
	    "ngurus = urus\ndong =\nsy = saya\n"), quiet, NULL) == ARC_OK);
	CHECK(arc_faq_load_synonyms(faq, write_file("syn.txt",
	    "syarat persyaratan requirements\nhilang lost\n"), quiet,
	    NULL) == ARC_OK);
	/* Longest match first; fillers and function words go; synonyms
	 * join; Indonesian stems ("ngurusnya" -> "ngurus" -> "urus"). */
	CHECK_STR(terms(faq, "Kartu Keluarga hilang gmn ngurusnya dong",
	    &english), "kk hilang bagaimana urus");
	CHECK(!english);
	CHECK_STR(terms(faq, "persyaratan KTP-el sy", &english), "syarat ktp");
	/* English: English stems, synonyms into the canonical word. */
	CHECK_STR(terms(faq, "What are the requirements? I lost my card",
	    &english), "what syarat hilang card");
	CHECK(english);
	/* Numbers stay as they are. */
	CHECK_STR(terms(faq, "jam 08.00", &english), "jam 08 00");
	arc_faq_free(faq);
	remove("norm.txt");
	remove("syn.txt");
}

static void
test_status(void)
{
	struct arc_status *st = arc_status_load(write_file("status.tsv",
	    "nomor\tstatus\nREG-2026-000123\tselesai\nREG-2026-000124\t"
	    "diproses\n"), quiet, NULL);
	char number[80];
	const char *row;

	CHECK(st != NULL);
	CHECK(arc_status_lookup(st, "status REG-2026-000123?", number,
	    sizeof(number), &row) == 1);
	CHECK_STR(row, "status: selesai");
	CHECK_STR(number, "REG-2026-000123");
	/* Typed loosely: lower case, a space after the prefix. */
	CHECK(arc_status_lookup(st, "cek reg 2026-000124", number,
	    sizeof(number), &row) == 1);
	CHECK_STR(row, "status: diproses");
	/* Spaces between the digits, when the file has the number so. */
	CHECK(arc_status_lookup(st, "REG 2026 000123 sudah jadi?", number,
	    sizeof(number), &row) == 1);
	CHECK_STR(number, "REG 2026 000123");
	CHECK(arc_status_lookup(st, "REG-2026-000124 2 kali", number,
	    sizeof(number), &row) == 1);
	CHECK_STR(row, "status: diproses");
	/* A known number with more after it is another number. */
	CHECK(arc_status_lookup(st, "REG-2026-000123A", number,
	    sizeof(number), &row) == -1);
	CHECK_STR(number, "REG-2026-000123A");
	/* A number of the same shape that is not there is never guessed. */
	CHECK(arc_status_lookup(st, "REG-2026-000125", number, sizeof(number),
	    &row) == -1);
	CHECK(row == NULL);
	/* Not a number: words starting with the prefix, short digit runs. */
	CHECK(arc_status_lookup(st, "registrasi ktp jam 8", number,
	    sizeof(number), &row) == 0);
	CHECK(arc_status_lookup(st, "xREG-2026-000123", number,
	    sizeof(number), &row) == 0);
	arc_status_free(st);
	remove("status.tsv");
}

/* Whether root is one of the roots faq_informal_roots guesses for w. */
static int
has_root(const char *w, const char *root)
{
	char roots[INFORMAL_ROOTS_MAX][FAQ_WORD_MAX + 1];
	int n = faq_informal_roots(w, roots, INFORMAL_ROOTS_MAX);

	for (int i = 0; i < n; i++)
		if (strcmp(roots[i], root) == 0)
			return 1;
	return 0;
}

static void
test_informal(void)
{
	char roots[INFORMAL_ROOTS_MAX][FAQ_WORD_MAX + 1];

	CHECK(has_root("ngurus", "urus"));
	CHECK(has_root("ngirim", "kirim"));
	CHECK(has_root("ngecek", "cek"));
	CHECK(has_root("nyanggah", "sanggah"));
	CHECK(has_root("nyari", "cari"));
	CHECK(has_root("milih", "pilih"));
	CHECK(has_root("nanya", "tanya"));
	CHECK(has_root("dilaporin", "lapor"));
	CHECK(has_root("dimintain", "minta"));
	CHECK(has_root("ngaktifinnya", "aktif"));
	CHECK(has_root("bikinin", "bikin"));
	CHECK(has_root("mengecek", "cek"));
	CHECK(has_root("pengecekan", "cek"));
	/* The word itself is never among them; short roots are not made. */
	CHECK(!has_root("ngurus", "ngurus"));
	CHECK(faq_informal_roots("nya", roots, INFORMAL_ROOTS_MAX) == 0);
	CHECK(!has_root("dia", "a"));
	/* No more than asked for. */
	CHECK(faq_informal_roots("nyanggahin", roots, 2) == 2);
}

/* The best entry's score for q. */
static double
best_score(const struct arc_faq *faq, const char *q)
{
	struct arc_faq_result res;

	CHECK(arc_faq_ask(faq, q, &res) == ARC_OK);
	CHECK(res.ncand > 0);
	return res.ncand > 0 ? res.cand[0].score : 0;
}

/* An answer file of one phrasing an entry, ktp-hilang's answer as given
 * (NULL: "Bawa surat polisi."), read with a topics list or without
 * (topics NULL). */
static struct arc_faq *
faq_with(const char *answer, const char *topics)
{
	struct arc_faq *faq = arc_faq_new();
	struct arc_error err;
	char text[512];

	snprintf(text, sizeof(text), "id: ktp-hilang\nq: ktp hilang\n"
	    "a: %s\n\nid: kk-baru\nq: bikin kk baru\na: Bawa buku nikah.\n\n"
	    "id: jam\nq: jam buka kantor\na: Senin-Jumat.\n",
	    answer != NULL ? answer : "Bawa surat polisi.");
	CHECK(arc_faq_load(faq, write_file("t.faq", text), quiet, NULL) ==
	    ARC_OK);
	if (topics != NULL)
		CHECK(arc_faq_load_topics(faq, write_file("topik.txt", topics),
		    quiet, NULL) == ARC_OK);
	CHECK(arc_faq_prepare(faq, &err) == ARC_OK);
	remove("t.faq");
	remove("topik.txt");
	return faq;
}

static struct arc_faq *
sparse_faq(const char *topics)
{
	return faq_with(NULL, topics);
}

/* What an answer adds to its phrasings: only the question's words the
 * phrasings lack; the words they have count once. */
static void
test_answer_words(void)
{
	struct arc_faq *plain = faq_with("Bawa surat polisi.", NULL);
	struct arc_faq *repeats = faq_with("KTP hilang: bawa surat polisi.",
	    NULL);
	struct arc_faq *other = faq_with("Bawa surat keterangan.", NULL);

	CHECK(best_score(repeats, "ktp hilang lapor polisi") ==
	    best_score(plain, "ktp hilang lapor polisi"));
	CHECK(best_score(plain, "ktp hilang lapor polisi") >
	    best_score(other, "ktp hilang lapor polisi"));
	arc_faq_free(plain);
	arc_faq_free(repeats);
	arc_faq_free(other);
}

/* An entry of two phrasings, the second one a citizen's question added
 * from the log, with the answer given; and an entry of one phrasing, with
 * the answer given too. */
static struct arc_faq *
learned_faq(const char *answer, const char *sppl_answer)
{
	struct arc_faq *faq = arc_faq_new();
	struct arc_error err;
	char text[512];

	snprintf(text, sizeof(text), "id: sampah-besar\nq: angkut sampah "
	    "besar\nq: sofa lama bs diangkut petugas gk? bayar?\na: %s\n\n"
	    "id: sppl\nq: cara dapat sppl\na: %s\n\n"
	    "id: jam\nq: jam buka kantor\na: Senin-Jumat.\n", answer,
	    sppl_answer);
	CHECK(arc_faq_load(faq, write_file("t.faq", text), quiet, NULL) ==
	    ARC_OK);
	CHECK(arc_faq_prepare(faq, &err) == ARC_OK);
	remove("t.faq");
	return faq;
}

/* A word of the asker's story, which the entry says nowhere but in that
 * one phrasing, weighs less than a word the answer says too. */
static void
test_story_words(void)
{
	struct arc_faq *story = learned_faq("Petugas mengangkut sofa.",
	    "Isi formulir SPPL.");
	struct arc_faq *said = learned_faq("Petugas mengangkut sofa; "
	    "bayar di loket.", "Cara dapat SPPL: isi formulir.");

	struct arc_dialogue_settings set;

	CHECK(best_score(story, "lama bayar") <
	    best_score(said, "lama bayar"));
	/* An entry of one phrasing is as it was: its words weigh the same
	 * whether its answer says them or not ("sppl" covers less of the
	 * phrasing if "cara" and "dapat" weigh more). */
	CHECK(best_score(story, "sppl") == best_score(said, "sppl"));
	/* Sparse files: an English question answers 0.05 lower. */
	arc_faq_calibrate(story, &set);
	CHECK(set.english_ease > 0.04 && set.english_ease <= 0.05);
	arc_faq_free(story);
	arc_faq_free(said);
}

static void
test_topics(void)
{
	struct arc_faq *plain = sparse_faq(NULL);
	struct arc_faq *faq = sparse_faq("# subjects\nstnk pajak\nsim\n");

	/* Without the list, any word no entry has weighs the same. */
	CHECK(best_score(plain, "ktp hilang tetangga") ==
	    best_score(plain, "ktp hilang stnk"));
	/* With it, another office's subject lowers the score more than a
	 * word of the citizen's story does, written with a suffix too. */
	CHECK(best_score(faq, "ktp hilang tetangga") >
	    best_score(plain, "ktp hilang tetangga"));
	CHECK(best_score(faq, "ktp hilang stnk") <
	    best_score(plain, "ktp hilang stnk"));
	CHECK(best_score(faq, "ktp hilang pajaknya") ==
	    best_score(faq, "ktp hilang stnk"));
	/* A word an entry has is never taken for another office's. */
	CHECK(best_score(faq, "ktp hilang") == best_score(plain,
	    "ktp hilang"));
	arc_faq_free(plain);
	arc_faq_free(faq);
}

int
main(void)
{
	test_strmap();
	test_informal();
	test_words();
	test_status();
	test_topics();
	test_answer_words();
	test_story_words();
	return CHECK_DONE();
}
