/* arc-web-pages.c: arc-web's pages in Indonesian: the search, the reports with charts drawn as SVG by the server, the log-in; every text of the archive or the request written through page_html. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arc-web.h"

/* Results a page. */
#define PER_PAGE 20
/* Pages a search goes to at most: arc_find ranks every result up to the
 * last one shown. */
#define PAGES_MAX 50
/* The bars of the tags' chart. */
#define TAGS_TOP 20
/* The days of the documents' chart. */
#define DAYS 30

void
page_add(struct page *pg, const char *s, size_t n)
{
	if (pg->failed)
		return;
	if (pg->len + n + 1 > pg->cap) {
		size_t cap = pg->cap > 0 ? pg->cap : 4096;
		char *p;
		while (cap < pg->len + n + 1)
			cap *= 2;
		if ((p = realloc(pg->p, cap)) == NULL) {
			pg->failed = 1;
			return;
		}
		pg->p = p;
		pg->cap = cap;
	}
	memcpy(pg->p + pg->len, s, n);
	pg->len += n;
	pg->p[pg->len] = '\0';
}

void
page_puts(struct page *pg, const char *s)
{
	page_add(pg, s, strlen(s));
}

void
page_printf(struct page *pg, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n > 0)
		page_add(pg, buf, (size_t)n < sizeof(buf) ? (size_t)n :
		    sizeof(buf) - 1);
}

void
page_html(struct page *pg, const char *s)
{
	const char *run = s;

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		const char *e;
		switch (*s) {
		case '&': e = "&amp;"; break;
		case '<': e = "&lt;"; break;
		case '>': e = "&gt;"; break;
		case '"': e = "&quot;"; break;
		case '\'': e = "&#39;"; break;
		default: continue;
		}
		page_add(pg, run, (size_t)(s - run));
		page_puts(pg, e);
		run = s + 1;
	}
	page_add(pg, run, (size_t)(s - run));
}

void
page_url(struct page *pg, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	char b[3] = "%";

	for (; s != NULL && *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~", c) != NULL) {
			page_add(pg, s, 1);
			continue;
		}
		b[1] = hex[c >> 4];
		b[2] = hex[c & 15];
		page_add(pg, b, 3);
	}
}

/* The top of every page: its title, and for a clerk the menu and the
 * log-out form with the session's token. */
static void
head(struct page *pg, const char *title, const char *user, const char *csrf)
{
	page_puts(pg, "<!DOCTYPE html>\n<html lang=\"id\"><head>"
	    "<meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"><title>");
	page_html(pg, title);
	page_puts(pg, " — Arsip</title><link rel=\"stylesheet\" "
	    "href=\"/arc-web.css\"></head><body>\n<header><h1>");
	page_html(pg, title);
	page_puts(pg, "</h1>");
	if (user != NULL) {
		page_puts(pg, "<nav><a href=\"/\">Pencarian</a> "
		    "<a href=\"/reports\">Laporan</a> <span class=\"user\">");
		page_html(pg, user);
		page_puts(pg, "</span> <form method=\"post\" "
		    "action=\"/logout\"><input type=\"hidden\" name=\"csrf\" "
		    "value=\"");
		page_html(pg, csrf);
		page_puts(pg, "\"><button type=\"submit\">Keluar</button>"
		    "</form></nav>");
	}
	page_puts(pg, "</header>\n<main>\n");
}

static void
foot(struct page *pg)
{
	page_puts(pg, "</main>\n</body></html>\n");
}

void
web_message_page(struct page *pg, const char *title, const char *message)
{
	head(pg, title, NULL, NULL);
	page_puts(pg, "<p class=\"error\">");
	page_html(pg, message);
	page_puts(pg, "</p><p><a href=\"/\">Kembali ke pencarian</a></p>\n");
	foot(pg);
}

void
web_login_page(struct page *pg, const char *csrf, const char *error)
{
	head(pg, "Masuk", NULL, NULL);
	if (error != NULL) {
		page_puts(pg, "<p class=\"error\" role=\"alert\">");
		page_html(pg, error);
		page_puts(pg, "</p>\n");
	}
	page_puts(pg, "<form method=\"post\" action=\"/login\" "
	    "class=\"login\"><input type=\"hidden\" name=\"csrf\" value=\"");
	page_html(pg, csrf);
	page_puts(pg, "\"><label for=\"name\">Nama pengguna</label>"
	    "<input id=\"name\" name=\"name\" autocomplete=\"username\" "
	    "required autofocus><label for=\"password\">Kata sandi</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required>"
	    "<button type=\"submit\">Masuk</button></form>\n"
	    "<p>Hanya untuk petugas kantor. Akun dibuat oleh bagian TI.</p>\n");
	foot(pg);
}

/* ---- Search -------------------------------------------------------------- */

/* A link to the search f asks for, on page p. */
static void
search_link(struct page *pg, const struct search_form *f, const char *q,
    long p)
{
	const char *names[] = { "q", "tag", "since", "until", "folder" };
	const char *values[] = { q, f->tag, f->since, f->until, f->folder };
	int first = 1;

	page_puts(pg, "/");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			continue;
		page_printf(pg, "%s%s=", first ? "?" : "&amp;", names[i]);
		page_url(pg, values[i]);
		first = 0;
	}
	if (p > 0)
		page_printf(pg, "%sp=%ld", first ? "?" : "&amp;", p + 1);
}

/* A text field of the search form. */
static void
field(struct page *pg, const char *name, const char *label, const char *type,
    const char *value)
{
	page_printf(pg, "<label for=\"%s\">%s</label><input id=\"%s\" "
	    "name=\"%s\" type=\"%s\" value=\"", name, label, name, name, type);
	page_html(pg, value);
	page_puts(pg, "\">");
}

/* The query arc_find gets: what was typed, and the tag and folder as its
 * filters (quoted, so that a space stays in them). */
static char *
full_query(const struct search_form *f)
{
	struct page q = { 0 };
	const char *keys[] = { "tag", "path" };
	const char *values[] = { f->tag, f->folder };

	page_puts(&q, f->q != NULL ? f->q : "");
	for (int i = 0; i < 2; i++) {
		if (values[i] == NULL || values[i][0] == '\0')
			continue;
		page_printf(&q, " %s:\"", keys[i]);
		for (const char *s = values[i]; *s != '\0'; s++)
			if (*s != '"')
				page_add(&q, s, 1);
		page_puts(&q, "\"");
	}
	page_add(&q, "", 0);
	if (q.failed) {
		free(q.p);
		return NULL;
	}
	return q.p;
}

struct results {
	struct page *pg;
	long skip, shown;
	int partial;
};

/* A snippet: its «marks» as <mark>, the rest escaped. */
static void
snippet(struct page *pg, const char *s)
{
	while (s != NULL && *s != '\0') {
		const char *open = strstr(s, "«"), *close;
		if (open == NULL) {
			page_html(pg, s);
			return;
		}
		close = strstr(open + 2, "»");
		if (close == NULL) {
			page_html(pg, s);
			return;
		}
		char *before = strndup(s, (size_t)(open - s));
		char *marked = strndup(open + 2, (size_t)(close - open - 2));
		if (before == NULL || marked == NULL) {
			pg->failed = 1;
			free(before);
			free(marked);
			return;
		}
		page_html(pg, before);
		page_puts(pg, "<mark>");
		page_html(pg, marked);
		page_puts(pg, "</mark>");
		free(before);
		free(marked);
		s = close + 2;
	}
}

/* A paper's date as the office writes it, in Indonesian whatever the
 * service's locale: 3 Desember 2026 (Desember 2026, 2026); anything else
 * as it is. */
static void
date_long(struct page *pg, const char *iso)
{
	static const char *const months[] = { "Januari", "Februari", "Maret",
	    "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
	    "November", "Desember" };
	int y, m, d, n = sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);

	if (n >= 2 && m >= 1 && m <= 12) {
		if (n == 3)
			page_printf(pg, "%d ", d);
		page_printf(pg, "%s %d", months[m - 1], y);
	} else
		page_html(pg, iso);
}

static int
result_row(void *ctx, json_t *r)
{
	struct results *res = ctx;
	struct page *pg = res->pg;
	const char *sha = json_string_value(json_object_get(r, "sha256"));
	const char *title = json_string_value(json_object_get(r, "title"));
	const char *date = json_string_value(json_object_get(r, "tanggal"));
	const char *nomor = json_string_value(json_object_get(
	    json_object_get(r, "fields"), "nomor"));
	const char *path = json_string_value(json_object_get(r, "path"));
	json_t *tags = json_object_get(r, "tags"), *t;
	size_t i;

	if (json_is_true(json_object_get(r, "partial")))
		res->partial = 1;
	if (res->skip > 0) {
		res->skip--;
		return 0;
	}
	res->shown++;
	page_puts(pg, "<tr><td class=\"title\"><a href=\"/doc/");
	page_url(pg, sha);
	page_puts(pg, "\">");
	page_html(pg, title != NULL && *title != '\0' ? title : path);
	page_puts(pg, "</a><div class=\"path\">");
	page_html(pg, path);
	page_puts(pg, "</div></td><td>");
	if (date != NULL)
		date_long(pg, date);
	page_puts(pg, "</td><td>");
	json_array_foreach(tags, i, t) {
		page_puts(pg, "<a class=\"tag\" href=\"/?tag=");
		page_url(pg, json_string_value(t));
		page_puts(pg, "\">");
		page_html(pg, json_string_value(t));
		page_puts(pg, "</a> ");
	}
	page_puts(pg, "</td><td>");
	page_html(pg, nomor);
	page_puts(pg, "</td><td class=\"snippet\">");
	snippet(pg, json_string_value(json_object_get(r, "snippet")));
	page_puts(pg, "</td></tr>\n");
	return pg->failed;
}

/* YYYY, YYYY-MM or YYYY-MM-DD, what a date field sends; else NULL. */
static const char *
date_or_null(const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if ((n == 4 || n == 7 || n == 10) && strspn(s, "0123456789-") == n &&
	    s[0] != '-' && (n < 7 || s[4] == '-') && (n < 10 || s[7] == '-'))
		return s;
	return NULL;
}

int
web_search_page(struct page *pg, struct arc_store *s,
    const struct search_form *f, const char *user, const char *csrf,
    struct arc_error *err)
{
	struct arc_find_options o = { 0 };
	struct results res = { pg, 0, 0, 0 };
	long total = 0, found, page = f->page;
	char *query = full_query(f), *better = NULL;
	int bad_date = 0;

	if (query == NULL)
		return arc_error_set(err, "out of memory"), ARC_FATAL;
	if (page < 0 || page >= PAGES_MAX)
		page = page < 0 ? 0 : PAGES_MAX - 1;
	o.query = query;
	o.since = date_or_null(f->since);
	o.until = date_or_null(f->until);
	bad_date = (f->since != NULL && *f->since != '\0' && o.since == NULL) ||
	    (f->until != NULL && *f->until != '\0' && o.until == NULL);
	o.limit = (page + 1) * PER_PAGE;
	o.total = &total;
	res.skip = page * PER_PAGE;
	head(pg, "Pencarian arsip", user, csrf);
	page_puts(pg, "<form method=\"get\" action=\"/\" class=\"search\" "
	    "role=\"search\">");
	field(pg, "q", "Cari", "search", f->q);
	page_puts(pg, "<button type=\"submit\">Cari</button>"
	    "<details><summary>Saring</summary>");
	field(pg, "tag", "Tag", "text", f->tag);
	field(pg, "since", "Dari tanggal", "date", f->since);
	field(pg, "until", "Sampai tanggal", "date", f->until);
	field(pg, "folder", "Folder", "text", f->folder);
	page_puts(pg, "</details></form>\n<p class=\"help\">Kata (semua "
	    "harus ada), \"frasa\", -kata untuk mengecualikan, tag:NAMA, "
	    "nomor:005/2318, tanggal:2026-11, mime:pdf, path:FOLDER.</p>\n");
	if (bad_date)
		page_puts(pg, "<p class=\"error\">Tanggal tidak dikenali "
		    "(tulis TTTT-BB-HH); saringan tanggal tidak "
		    "dipakai.</p>\n");
	page_puts(pg, "<table class=\"results\"><thead><tr><th>Judul</th>"
	    "<th>Tanggal</th><th>Tag</th><th>Nomor</th><th>Cuplikan</th>"
	    "</tr></thead><tbody>\n");
	found = arc_find(s, &o, result_row, &res, err);
	page_puts(pg, "</tbody></table>\n");
	if (found == ARC_FATAL) {
		free(query);
		return ARC_FATAL;
	}
	if (found > 0 && arc_find_suggest(s, query, found, res.partial,
	    &better, err) == ARC_FATAL)
		better = NULL;
	if (found == 0 && arc_find_suggest(s, query, 0, 0, &better, err) ==
	    ARC_FATAL)
		better = NULL;
	if (better != NULL && f->q != NULL && *f->q != '\0') {
		page_puts(pg, "<p class=\"suggest\">Mungkin maksud Anda: "
		    "<a href=\"");
		search_link(pg, f, better, 0);
		page_puts(pg, "\">");
		page_html(pg, better);
		page_puts(pg, "</a>?</p>\n");
	}
	free(better);
	if (total == 0)
		page_puts(pg, "<p class=\"count\">Tidak ada dokumen yang "
		    "cocok.</p>\n");
	else {
		page_printf(pg, "<p class=\"count\">%ld dokumen ditemukan",
		    total);
		if (res.shown > 0)
			page_printf(pg, "; ditampilkan %ld–%ld",
			    page * PER_PAGE + 1, page * PER_PAGE + res.shown);
		page_puts(pg, res.partial ? ". Tidak ada dokumen yang memuat "
		    "semua kata; ini memuat sebagian.</p>\n" : ".</p>\n");
	}
	page_puts(pg, "<nav class=\"pages\">");
	if (page > 0) {
		page_puts(pg, "<a rel=\"prev\" href=\"");
		search_link(pg, f, f->q, page - 1);
		page_puts(pg, "\">‹ Sebelumnya</a> ");
	}
	if ((page + 1) * PER_PAGE < total && page + 1 < PAGES_MAX) {
		page_puts(pg, "<a rel=\"next\" href=\"");
		search_link(pg, f, f->q, page + 1);
		page_puts(pg, "\">Berikutnya ›</a>");
	}
	page_puts(pg, "</nav>\n");
	foot(pg);
	free(query);
	return ARC_OK;
}

/* ---- Reports ------------------------------------------------------------- */

/* The rows of one report, kept. */
static int
keep_row(void *ctx, const char *report, json_t *row)
{
	(void)report;
	return json_array_append(ctx, row) != 0;
}

static json_t *
report_rows(struct arc_store *s, const char *name, const char *since,
    struct arc_error *err)
{
	struct arc_report_range range = { since, NULL };
	json_t *rows = json_array();

	if (rows == NULL)
		return arc_error_set(err, "out of memory"), NULL;
	if (arc_report(s, name, &range, keep_row, rows, err) != ARC_OK) {
		json_decref(rows);
		return NULL;
	}
	return rows;
}

static long
num(json_t *row, const char *key)
{
	json_t *v = json_object_get(row, key);

	return json_is_integer(v) ? (long)json_integer_value(v) : 0;
}

static const char *
str(json_t *row, const char *key)
{
	const char *s = json_string_value(json_object_get(row, key));

	return s != NULL ? s : "";
}

/* The documents archived a day over the last DAYS days: a bar a day,
 * each with its <title> for screen readers, and the table the chart
 * draws. */
static void
documents_chart(struct page *pg, json_t *rows, const char *days[DAYS],
    long counts[DAYS])
{
	long most = 1;
	size_t i;
	json_t *row;

	for (int d = 0; d < DAYS; d++)
		counts[d] = 0;
	json_array_foreach(rows, i, row)
		for (int d = 0; d < DAYS; d++)
			if (strcmp(str(row, "day"), days[d]) == 0)
				counts[d] = num(row, "archived");
	for (int d = 0; d < DAYS; d++)
		if (counts[d] > most)
			most = counts[d];
	page_puts(pg, "<h2 id=\"dokumen\">Dokumen diarsipkan per hari (30 "
	    "hari terakhir)</h2>\n<svg class=\"chart\" viewBox=\"0 0 620 170\" "
	    "role=\"img\" aria-labelledby=\"dokumen\">\n");
	for (int d = 0; d < DAYS; d++) {
		long h = counts[d] * 140 / most;
		page_printf(pg, "<rect x=\"%d\" y=\"%ld\" width=\"16\" "
		    "height=\"%ld\" fill=\"#2a6f97\"><title>", 10 + d * 20,
		    150 - h, h);
		page_html(pg, days[d]);
		page_printf(pg, ": %ld dokumen</title></rect>\n", counts[d]);
	}
	page_puts(pg, "<line x1=\"8\" y1=\"150\" x2=\"612\" y2=\"150\" "
	    "stroke=\"#333\"/>\n<text x=\"10\" y=\"166\">");
	page_html(pg, days[0]);
	page_puts(pg, "</text><text x=\"610\" y=\"166\" "
	    "text-anchor=\"end\">");
	page_html(pg, days[DAYS - 1]);
	page_puts(pg, "</text></svg>\n<details><summary>Tabel</summary>"
	    "<table><thead><tr><th>Tanggal</th><th>Dokumen</th></tr></thead>"
	    "<tbody>\n");
	for (int d = 0; d < DAYS; d++) {
		page_puts(pg, "<tr><td>");
		page_html(pg, days[d]);
		page_printf(pg, "</td><td>%ld</td></tr>\n", counts[d]);
	}
	page_puts(pg, "</tbody></table></details>\n");
}

/* The tags with most documents, as horizontal bars, and their table. */
static void
tags_chart(struct page *pg, json_t *rows)
{
	size_t n = json_array_size(rows), i;
	long most = n > 0 ? num(json_array_get(rows, 0), "documents") : 1;
	json_t *row;

	if (n > TAGS_TOP)
		n = TAGS_TOP;
	if (most < 1)
		most = 1;
	page_puts(pg, "<h2 id=\"tag\">Tag terbanyak</h2>\n");
	if (n == 0) {
		page_puts(pg, "<p>Belum ada dokumen bertag.</p>\n");
		return;
	}
	page_printf(pg, "<svg class=\"chart\" viewBox=\"0 0 620 %zu\" "
	    "role=\"img\" aria-labelledby=\"tag\">\n", n * 22 + 4);
	for (i = 0; i < n; i++) {
		row = json_array_get(rows, i);
		long w = num(row, "documents") * 400 / most;
		page_printf(pg, "<text x=\"160\" y=\"%zu\" "
		    "text-anchor=\"end\">", i * 22 + 16);
		page_html(pg, str(row, "tag"));
		page_printf(pg, "</text><rect x=\"170\" y=\"%zu\" "
		    "width=\"%ld\" height=\"16\" fill=\"#2a6f97\"><title>",
		    i * 22 + 4, w > 0 ? w : 1);
		page_html(pg, str(row, "tag"));
		page_printf(pg, ": %ld dokumen</title></rect><text x=\"%ld\" "
		    "y=\"%zu\">%ld</text>\n", num(row, "documents"), 176 + w,
		    i * 22 + 16, num(row, "documents"));
	}
	page_puts(pg, "</svg>\n<details><summary>Tabel</summary><table>"
	    "<thead><tr><th>Tag</th><th>Dokumen</th></tr></thead><tbody>\n");
	json_array_foreach(rows, i, row) {
		if (i >= TAGS_TOP)
			break;
		page_puts(pg, "<tr><td>");
		page_html(pg, str(row, "tag"));
		page_printf(pg, "</td><td>%ld</td></tr>\n",
		    num(row, "documents"));
	}
	page_puts(pg, "</tbody></table></details>\n");
}

/* The failures' retry column in Indonesian, as arc-report's table says
 * it; any other value as it is. */
static const char *
retry_text(const char *key, const char *value)
{
	if (value == NULL || strcmp(key, "retry") != 0)
		return value;
	if (strcmp(value, "next run") == 0)
		return "proses berikutnya";
	if (strcmp(value, "given up") == 0)
		return "tidak dicoba lagi";
	return value;
}

/* A report's rows under its heading, as a table: the columns named,
 * values as text. */
static void
table(struct page *pg, const char *heading, json_t *rows,
    const char *const keys[], const char *const labels[], int n)
{
	size_t i;
	json_t *row;

	page_printf(pg, "<h2>%s</h2>\n", heading);
	if (json_array_size(rows) == 0) {
		page_puts(pg, "<p>Tidak ada.</p>\n");
		return;
	}
	page_puts(pg, "<table><thead><tr>");
	for (int k = 0; k < n; k++)
		page_printf(pg, "<th>%s</th>", labels[k]);
	page_puts(pg, "</tr></thead><tbody>\n");
	json_array_foreach(rows, i, row) {
		page_puts(pg, "<tr>");
		for (int k = 0; k < n; k++) {
			json_t *v = json_object_get(row, keys[k]), *x;
			size_t j;
			page_puts(pg, "<td>");
			if (json_is_integer(v))
				page_printf(pg, "%lld",
				    (long long)json_integer_value(v));
			else if (json_is_array(v))
				json_array_foreach(v, j, x) {
					page_puts(pg, j > 0 ? "<br>" : "");
					page_html(pg, json_string_value(x));
				}
			else if (json_is_string(v) &&
			    strcmp(keys[k], "last_tried") == 0)
				date_long(pg, json_string_value(v));
			else
				page_html(pg, retry_text(keys[k],
				    json_string_value(v)));
			page_puts(pg, "</td>");
		}
		page_puts(pg, "</tr>\n");
	}
	page_puts(pg, "</tbody></table>\n");
}

/* The chatbot's questions over the whole archive: answered, suggested
 * and declined, one stacked bar of their shares, and their table. */
static void
chat_chart(struct page *pg, json_t *rows)
{
	static const char *const names[] = { "answered", "suggested",
	    "declined" };
	static const char *const labels[] = { "Dijawab", "Disarankan",
	    "Ditolak" };
	static const char *const colours[] = { "#2a9d8f", "#e9c46a",
	    "#e76f51" };
	long counts[3] = { 0, 0, 0 }, asked = 0, x = 0;
	size_t i;
	json_t *row;

	json_array_foreach(rows, i, row) {
		asked += num(row, "asked");
		for (int k = 0; k < 3; k++)
			counts[k] += num(row, names[k]);
	}
	page_puts(pg, "<h2 id=\"chat\">Pertanyaan warga (faqbot)</h2>\n");
	if (asked == 0) {
		page_puts(pg, "<p>Belum ada pertanyaan.</p>\n");
		return;
	}
	page_puts(pg, "<svg class=\"chart\" viewBox=\"0 0 620 40\" "
	    "role=\"img\" aria-labelledby=\"chat\">\n");
	for (int k = 0; k < 3; k++) {
		long w = counts[k] * 600 / asked;
		page_printf(pg, "<rect x=\"%ld\" y=\"4\" width=\"%ld\" "
		    "height=\"28\" fill=\"%s\"><title>%s: %ld dari %ld "
		    "(%ld%%)</title></rect>\n", 10 + x, w, colours[k],
		    labels[k], counts[k], asked, counts[k] * 100 / asked);
		x += w;
	}
	page_puts(pg, "</svg>\n<table><thead><tr><th>Status</th>"
	    "<th>Pertanyaan</th><th>Persen</th></tr></thead><tbody>\n");
	for (int k = 0; k < 3; k++)
		page_printf(pg, "<tr><td><span class=\"swatch s%d\"></span>%s"
		    "</td><td>%ld</td><td>%.1f%%</td></tr>\n", k, labels[k],
		    counts[k], 100.0 * (double)counts[k] / (double)asked);
	page_puts(pg, "</tbody></table>\n");
}

int
web_reports_page(struct page *pg, struct arc_store *s, const char *user,
    const char *csrf, struct arc_error *err)
{
	static const char *const fail_keys[] = { "path", "member", "attempts",
	    "retry", "error", "last_tried" };
	static const char *const fail_labels[] = { "Berkas", "Anggota",
	    "Percobaan", "Diulang", "Galat", "Terakhir" };
	static const char *const q_keys[] = { "asked", "question", "also" };
	static const char *const q_labels[] = { "Ditanyakan", "Pertanyaan",
	    "Serupa" };
	char day_buf[DAYS][11], since[11];
	const char *days[DAYS];
	long counts[DAYS];
	time_t t = time(NULL);
	json_t *docs, *tags = NULL, *fails = NULL, *chat = NULL, *unans = NULL;
	struct tm tm;
	int rc = ARC_FATAL;

	for (int d = 0; d < DAYS; d++) {
		time_t at = t - (time_t)(DAYS - 1 - d) * 86400;
		gmtime_r(&at, &tm);
		strftime(day_buf[d], sizeof(day_buf[d]), "%Y-%m-%d", &tm);
		days[d] = day_buf[d];
	}
	snprintf(since, sizeof(since), "%s", days[0]);
	if ((docs = report_rows(s, "documents", since, err)) == NULL ||
	    (tags = report_rows(s, "tags", NULL, err)) == NULL ||
	    (fails = report_rows(s, "failures", NULL, err)) == NULL ||
	    (chat = report_rows(s, "chat", NULL, err)) == NULL ||
	    (unans = report_rows(s, "unanswered", NULL, err)) == NULL)
		goto out;
	head(pg, "Laporan arsip", user, csrf);
	documents_chart(pg, docs, days, counts);
	tags_chart(pg, tags);
	table(pg, "Dokumen gagal diarsipkan", fails, fail_keys, fail_labels,
	    6);
	chat_chart(pg, chat);
	table(pg, "Pertanyaan yang belum terjawab", unans, q_keys, q_labels,
	    3);
	foot(pg);
	rc = ARC_OK;
out:
	json_decref(docs);
	json_decref(tags);
	json_decref(fails);
	json_decref(chat);
	json_decref(unans);
	return rc;
}
