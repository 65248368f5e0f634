/* arc-web: the archive's search page for the office's network, for its staff only: log-in, search, documents, reports. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_http.h"
#include "arc_i18n.h"
#include "arc-web.h"

/* The stylesheet, made from share/web by cmake/embed.cmake. */
extern const char web_arc_web_css[];
extern const size_t web_arc_web_css_len;

static const char usage[] = N_(
"usage: arc-web [--db PATH] [--users FILE | --pam[=SERVICE]]\n"
"               [--listen [ADDRESS:]PORT] [--trust-proxy]\n"
"               [--access-log FILE] [--idle SECONDS]\n"
"       arc-web [--users FILE] --add-user NAME\n"
"Serves the archive's search page, documents and reports over HTTP to\n"
"the office's staff: accounts of this machine in the archive's group,\n"
"with a password in the users file, or with --pam their own.\n"
"\n"
"      --db PATH          the archive (default: $ARC_DB, else arc.conf's\n"
"                         archive, else ~/.local/share/arc/archive.db)\n"
"      --users FILE       the users file (default:\n"
"                         PREFIX/etc/arc/web-users)\n"
"      --pam[=SERVICE]    check the accounts' own passwords by PAM, with\n"
"                         /etc/pam.d/SERVICE (default arc-web), instead\n"
"      --listen ADDR      where to listen (default 127.0.0.1:8082; port 0:\n"
"                         one the system chooses)\n"
"      --trust-proxy      believe X-Forwarded-For and X-Forwarded-Proto\n"
"                         from a proxy on this machine\n"
"      --access-log FILE  a line a request, NIKs masked\n"
"      --idle SECONDS     log out after this long unused (default 1800)\n"
"      --add-user NAME    set NAME's password in the users file (read\n"
"                         twice from the terminal, once from a pipe)\n"
"  -h, --help             show this help\n"
"      --version          show the version\n");

enum {
	OPT_DB = 256, OPT_USERS, OPT_PAM, OPT_LISTEN, OPT_TRUST, OPT_ACCESS,
	OPT_IDLE, OPT_ADD
};

static const struct option options[] = {
	{ "db", required_argument, NULL, OPT_DB },
	{ "users", required_argument, NULL, OPT_USERS },
	{ "pam", optional_argument, NULL, OPT_PAM },
	{ "listen", required_argument, NULL, OPT_LISTEN },
	{ "trust-proxy", no_argument, NULL, OPT_TRUST },
	{ "access-log", required_argument, NULL, OPT_ACCESS },
	{ "idle", required_argument, NULL, OPT_IDLE },
	{ "add-user", required_argument, NULL, OPT_ADD },
	ARC_CLI_COMMON_OPTIONS,
	{ NULL, 0, NULL, 0 },
};

/* Bodies are forms of a few fields: a name, a password, a token. */
#define BODY_MAX 4096
/* A session lasts this long at most, used or not: a working day. */
#define LIFETIME_SECONDS (8 * 3600)
/* Log-in attempts an address may make a minute, refused or not. */
#define LOGIN_RATE 10
/* A refused log-in is answered this many seconds after it came, whatever
 * was refused and however long the check took: guessing is slow even
 * within the rate, and the time tells nothing. */
#define LOGIN_DELAY 1.0

struct web {
	/* Held while a request uses what follows, but for a log-in's check
	 * of the password (login); what is not changed after start-up is
	 * read without it. */
	pthread_mutex_t lock;
	struct arc_store *store;
	struct web_sessions *sessions;
	struct arc_http_rate *logins;
	const char *users;
	const char *pam;        /* PAM's service, or NULL: the users file */
	char copies[PATH_MAX];  /* the archive's copies, real path */
	unsigned group;         /* the archive's file's group */
	int trust_proxy;
	int access_fd;
};

/* A field of a form body (application/x-www-form-urlencoded) into buf,
 * decoded; "" when it has none.  Longer values are cut. */
static void
form_value(const char *body, const char *name, char *buf, size_t size)
{
	size_t n = strlen(name), o = 0;
	const char *p = body;

	buf[0] = '\0';
	while (p != NULL && *p != '\0') {
		if (strncmp(p, name, n) == 0 && p[n] == '=') {
			for (p += n + 1; *p != '\0' && *p != '&' &&
			    o + 1 < size; p++) {
				unsigned v;
				if (*p == '+')
					buf[o++] = ' ';
				else if (*p == '%' && strspn(p + 1,
				    "0123456789abcdefABCDEF") >= 2 &&
				    sscanf(p + 1, "%2x", &v) == 1) {
					buf[o++] = (char)v;
					p += 2;
				} else
					buf[o++] = *p;
			}
			buf[o] = '\0';
			return;
		}
		p = strchr(p, '&');
		p = p != NULL ? p + 1 : NULL;
	}
}

/* A page as the response (taken over), with the session's cookie when
 * cookie is not NULL. */
static enum MHD_Result
send_page(struct MHD_Connection *c, unsigned status, struct page *pg,
    const char *cookie)
{
	struct MHD_Response *r;

	if (pg->failed) {
		free(pg->p);
		return arc_http_send(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "text/plain; charset=utf-8", "out of memory\n", 14,
		    MHD_RESPMEM_PERSISTENT);
	}
	r = MHD_create_response_from_buffer(pg->len, pg->p,
	    MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(pg->p);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
	if (cookie != NULL)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	arc_http_secure(r, ARC_HTTP_CSP_PAGE);
	return arc_http_queue(c, status, r);
}

/* See Other, to where (a path of ours), with a cookie or none. */
static enum MHD_Result
redirect(struct MHD_Connection *c, const char *where, const char *cookie)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, "",
	    MHD_RESPMEM_PERSISTENT);

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Location", where);
	if (cookie != NULL)
		MHD_add_response_header(r, "Set-Cookie", cookie);
	arc_http_secure(r, ARC_HTTP_CSP_PAGE);
	return arc_http_queue(c, MHD_HTTP_SEE_OTHER, r);
}

static enum MHD_Result
message(struct MHD_Connection *c, unsigned status, const char *title,
    const char *text)
{
	struct page pg = { 0 };

	web_message_page(&pg, title, text);
	return send_page(c, status, &pg, NULL);
}

/* The Set-Cookie value of a session (NULL: ending it): never readable
 * by scripts, never sent from another site, Secure behind a proxy that
 * says the client came over https. */
static void
cookie_of(struct web *w, struct MHD_Connection *c,
    const struct web_session *s, char *buf, size_t size)
{
	const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "X-Forwarded-Proto");
	int secure = w->trust_proxy && arc_http_peer_local(c) &&
	    proto != NULL && strcmp(proto, "https") == 0;

	snprintf(buf, size, "arc_session=%s; Path=/; HttpOnly; "
	    "SameSite=Strict; Max-Age=%d%s", s != NULL ? s->id : "",
	    s != NULL ? LIFETIME_SECONDS : 0, secure ? "; Secure" : "");
}

static struct web_session *
session_of(struct web *w, struct MHD_Connection *c)
{
	return web_session_find(w->sessions, MHD_lookup_connection_value(c,
	    MHD_COOKIE_KIND, "arc_session"));
}

/* GET /login: the form, in a session of its own (made now when there
 * is none) whose token the form carries. */
static enum MHD_Result
login_form(struct web *w, struct MHD_Connection *c, struct web_session *s,
    unsigned status, const char *error)
{
	struct page pg = { 0 };
	char cookie[160];
	int fresh = s == NULL;

	if (s == NULL && (s = web_session_new(w->sessions, "")) == NULL)
		return message(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "Galat",
		    "Sesi tidak dapat dibuat.");
	cookie_of(w, c, s, cookie, sizeof(cookie));
	web_login_page(&pg, s->csrf, error);
	return send_page(c, status, &pg, fresh ? cookie : NULL);
}

static enum MHD_Result
form_expired(struct MHD_Connection *c)
{
	return message(c, MHD_HTTP_FORBIDDEN, "Ditolak",
	    "Formulir kedaluwarsa. Muat ulang halaman masuk.");
}

/*
 * POST /login, called with w->lock held: the form's token and the rate
 * checked, then the name and password with the lock released, since PAM
 * may take seconds (and yescrypt tens of milliseconds) while the other
 * clients are answered; the form's session is looked up again after.  A
 * refusal is said in the log (never the password), and *late set to when
 * it may be answered.
 */
static enum MHD_Result
login(struct web *w, struct MHD_Connection *c, struct web_session *s,
    const char *addr, const struct arc_http_upload *u, double *late)
{
	char name[64], account[64], password[256], token[WEB_TOKEN_LEN + 2];
	char id[WEB_TOKEN_LEN + 1], cookie[160];
	const char *body = u->data != NULL ? u->data : "", *why;
	double came = arc_http_now();
	int ok;

	form_value(body, "csrf", token, sizeof(token));
	if (s == NULL || !web_token_equal(token, s->csrf))
		return form_expired(c);
	if (!arc_http_rate_allows(w->logins, addr)) {
		arc_cli_diag(NULL, 0, "log-in refused from %s: too many "
		    "attempts", addr);
		return message(c, MHD_HTTP_TOO_MANY_REQUESTS, "Ditolak",
		    "Terlalu banyak percobaan masuk. Coba lagi sebentar lagi.");
	}
	form_value(body, "name", name, sizeof(name));
	form_value(body, "password", password, sizeof(password));
	snprintf(id, sizeof(id), "%s", s->id);
	snprintf(account, sizeof(account), "%s", name);
	pthread_mutex_unlock(&w->lock);
	if (w->pam != NULL)
		ok = web_pam_check(w->pam, name, password, addr, w->group,
		    account, sizeof(account), &why);
	else
		ok = web_user_check(w->users, name, password, w->group, &why);
	explicit_bzero(password, sizeof(password));
	pthread_mutex_lock(&w->lock);
	s = web_session_find(w->sessions, id);
	if (!ok) {
		arc_cli_diag(NULL, 0, "log-in refused for \"%s\" from %s: %s",
		    name, addr, _(why));
		*late = came + LOGIN_DELAY;
		return login_form(w, c, s, MHD_HTTP_FORBIDDEN,
		    "Nama pengguna atau kata sandi salah, atau akun tidak "
		    "berhak membuka arsip ini.");
	}
	/* Gone meanwhile: the same form logged in on another tab. */
	if (s == NULL)
		return form_expired(c);
	/* A new session for the clerk: the form's id, which another could
	 * have planted, is never the logged-in one. */
	web_session_end(w->sessions, s);
	if ((s = web_session_new(w->sessions, account)) == NULL)
		return message(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "Galat",
		    "Sesi tidak dapat dibuat.");
	arc_cli_diag(NULL, 0, "logged in: \"%s\" from %s", account, addr);
	cookie_of(w, c, s, cookie, sizeof(cookie));
	return redirect(c, "/", cookie);
}

/* The suffix of a copy's name, as the archive gives copies theirs, to
 * the type a browser shows; NULL: any other, downloaded. */
static const char *
content_type(const char *path)
{
	static const char *const types[][2] = {
		{ ".pdf", "application/pdf" }, { ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" }, { ".png", "image/png" },
		{ ".gif", "image/gif" }, { ".tif", "image/tiff" },
		{ ".tiff", "image/tiff" }, { ".webp", "image/webp" },
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot != NULL && i < sizeof(types) /
	    sizeof(types[0]); i++)
		if (strcmp(dot, types[i][0]) == 0)
			return types[i][1];
	return NULL;
}

struct found_doc {
	char *open, *archived;
};

static int
keep_doc(void *ctx, json_t *r)
{
	struct found_doc *d = ctx;
	const char *open = json_string_value(json_object_get(r, "open"));
	const char *copy = json_string_value(json_object_get(r, "archived"));

	d->open = open != NULL ? strdup(open) : NULL;
	d->archived = copy != NULL ? strdup(copy) : NULL;
	return 0;
}

/* path's file opened when its real path is in the archive's copies,
 * else -1: what the archive names, never what the request does. */
static int
open_copy(const struct web *w, const char *path, char *real)
{
	size_t n = strlen(w->copies);
	int fd;

	if (path == NULL || realpath(path, real) == NULL ||
	    strncmp(real, w->copies, n) != 0 || real[n] != '/')
		return -1;
	if ((fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return -1;
	return fd;
}

/* GET /doc/SHA256: the searchable PDF, else the archived copy, as it is;
 * sandboxed, so that a document's scripts run nowhere. */
static enum MHD_Result
document(struct web *w, struct MHD_Connection *c, const char *sha)
{
	struct arc_find_options o = { .query = "", .limit = 1,
	    .with_open = 1, .sha256 = sha };
	struct found_doc d = { NULL, NULL };
	struct MHD_Response *r;
	struct arc_error err;
	struct stat sb;
	char real[PATH_MAX], disposition[128];
	const char *type;
	int fd;

	if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
		return message(c, MHD_HTTP_NOT_FOUND, "Tidak ditemukan",
		    "Dokumen tidak ada.");
	if (arc_find(w->store, &o, keep_doc, &d, &err) == ARC_FATAL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return message(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "Galat",
		    "Arsip tidak dapat dibaca.");
	}
	if ((fd = open_copy(w, d.open, real)) < 0)
		fd = open_copy(w, d.archived, real);
	free(d.open);
	free(d.archived);
	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		return message(c, MHD_HTTP_NOT_FOUND, "Tidak ditemukan",
		    "Dokumen tidak ada, atau salinannya tidak ada di arsip.");
	}
	if ((r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd)) ==
	    NULL) {
		close(fd);
		return MHD_NO;
	}
	type = content_type(real);
	MHD_add_response_header(r, "Content-Type", type != NULL ? type :
	    "application/octet-stream");
	if (type == NULL) {
		const char *dot = strrchr(real, '.');
		snprintf(disposition, sizeof(disposition), "attachment; "
		    "filename=\"%s%s\"", sha, dot != NULL && strlen(dot) < 8 &&
		    strspn(dot + 1, "abcdefghijklmnopqrstuvwxyz0123456789") ==
		    strlen(dot + 1) ? dot : "");
		MHD_add_response_header(r, "Content-Disposition", disposition);
	}
	arc_http_secure(r, "sandbox");
	return arc_http_queue(c, MHD_HTTP_OK, r);
}

static const char *
arg(struct MHD_Connection *c, const char *name)
{
	return MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, name);
}

/* The search page, or with reports the reports page, for session s. */
static enum MHD_Result
page(struct web *w, struct MHD_Connection *c, struct web_session *s,
    int reports)
{
	struct search_form f = { arg(c, "q"), arg(c, "tag"), arg(c, "since"),
	    arg(c, "until"), arg(c, "folder"), 0 };
	const char *p = arg(c, "p");
	struct page pg = { 0 };
	struct arc_error err;
	int rc;

	if (p != NULL && strspn(p, "0123456789") == strlen(p) &&
	    strlen(p) > 0 && strlen(p) < 6)
		f.page = atol(p) - 1;
	rc = reports ? web_reports_page(&pg, w->store, s->user, s->csrf,
	    &err) : web_search_page(&pg, w->store, &f, s->user, s->csrf,
	    &err);
	if (rc != ARC_OK) {
		free(pg.p);
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return message(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "Galat",
		    "Arsip tidak dapat dibaca.");
	}
	return send_page(c, MHD_HTTP_OK, &pg, NULL);
}

static enum MHD_Result
route(struct web *w, struct MHD_Connection *c, const char *addr,
    const char *url, const char *method, const struct arc_http_upload *u,
    double *late)
{
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	int post = strcmp(method, "POST") == 0;
	struct web_session *s;
	char token[WEB_TOKEN_LEN + 2], cookie[160];

	if (!get && !post)
		return message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Ditolak",
		    "Metode tidak didukung.");
	if (strcmp(url, "/arc-web.css") == 0 && get)
		return arc_http_send(c, MHD_HTTP_OK, "text/css; charset=utf-8",
		    web_arc_web_css, web_arc_web_css_len,
		    MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/healthz") == 0 && get)
		return arc_http_send(c, MHD_HTTP_OK, "text/plain", "ok\n", 3,
		    MHD_RESPMEM_PERSISTENT);
	if (post && u->too_big)
		return message(c, MHD_HTTP_CONTENT_TOO_LARGE, "Ditolak",
		    "Isian terlalu panjang.");
	s = session_of(w, c);
	if (strcmp(url, "/login") == 0) {
		if (s != NULL && s->user[0] != '\0')
			return redirect(c, "/", NULL);
		return post ? login(w, c, s, addr, u, late) :
		    login_form(w, c, s, MHD_HTTP_OK, NULL);
	}
	if (s == NULL || s->user[0] == '\0')
		return redirect(c, "/login", NULL);
	/* Every form sends its session's token: a form of another site
	 * cannot know it. */
	if (post) {
		form_value(u->data != NULL ? u->data : "", "csrf", token,
		    sizeof(token));
		if (!web_token_equal(token, s->csrf))
			return message(c, MHD_HTTP_FORBIDDEN, "Ditolak",
			    "Formulir tidak sah atau kedaluwarsa.");
	}
	if (strcmp(url, "/logout") == 0 && post) {
		arc_cli_diag(NULL, 0, "logged out: \"%s\" from %s", s->user,
		    addr);
		web_session_end(w->sessions, s);
		cookie_of(w, c, NULL, cookie, sizeof(cookie));
		return redirect(c, "/login", cookie);
	}
	if (!get)
		return message(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Ditolak",
		    "Metode tidak didukung.");
	if (strcmp(url, "/") == 0 || strcmp(url, "/reports") == 0)
		return page(w, c, s, url[1] == 'r');
	if (strncmp(url, "/doc/", 5) == 0)
		return document(w, c, url + 5);
	return message(c, MHD_HTTP_NOT_FOUND, "Tidak ditemukan",
	    "Halaman tidak ada.");
}

/* Sleeps until t on arc_http_now's clock. */
static void
wait_until(double t)
{
	double left = t - arc_http_now();
	struct timespec ts;

	if (left <= 0)
		return;
	ts.tv_sec = (time_t)left;
	ts.tv_nsec = (long)((left - (double)ts.tv_sec) * 1e9);
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct web *w = cls;
	struct arc_http_upload *u;
	char addr[INET6_ADDRSTRLEN];
	enum MHD_Result ok;
	double late = 0;
	int got;

	(void)version;
	if ((got = arc_http_receive(con_cls, upload_data, upload_data_size,
	    BODY_MAX, &u)) <= 0)
		return got == 0 ? MHD_YES : MHD_NO;
	arc_http_client_address(c, w->trust_proxy, addr, sizeof(addr));
	arc_http_status();
	pthread_mutex_lock(&w->lock);
	ok = route(w, c, addr, url, method, u, &late);
	pthread_mutex_unlock(&w->lock);
	arc_http_access_line(w->access_fd, addr, method, url,
	    arc_http_status());
	/* On this connection's own thread, the lock released: the others
	 * go on meanwhile. */
	wait_until(late);
	return ok;
}

struct config {
	const char *db, *users, *pam, *listen, *access_log, *add_user;
	int trust_proxy, users_given;
	long idle;
};

static int
parse_options(int argc, char **argv, struct config *cf)
{
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case OPT_DB:
			cf->db = optarg;
			break;
		case OPT_USERS:
			cf->users = optarg;
			cf->users_given = 1;
			break;
		case OPT_PAM:
			cf->pam = optarg != NULL ? optarg : "arc-web";
			break;
		case OPT_LISTEN:
			cf->listen = optarg;
			break;
		case OPT_TRUST:
			cf->trust_proxy = 1;
			break;
		case OPT_ACCESS:
			cf->access_log = optarg;
			break;
		case OPT_IDLE:
			if (arc_cli_parse_count("--idle", optarg, 86400,
			    &cf->idle) != ARC_OK)
				return ARC_EXIT_FATAL;
			break;
		case OPT_ADD:
			cf->add_user = optarg;
			break;
		default:
			return arc_cli_common_option(c, _(usage), argv);
		}
	}
	if (optind < argc) {
		arc_cli_usage_error("unexpected argument '%s'", argv[optind]);
		return ARC_EXIT_FATAL;
	}
	if (cf->pam != NULL && (cf->users_given || cf->add_user != NULL)) {
		arc_cli_usage_error("--pam checks the machine's own passwords: "
		    "no users file (--users, --add-user) with it");
		return ARC_EXIT_FATAL;
	}
	/* A name in /etc/pam.d, never a path. */
	if (cf->pam != NULL && (cf->pam[0] == '\0' || cf->pam[0] == '.' ||
	    strspn(cf->pam, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV"
	    "WXYZ0123456789._-") != strlen(cf->pam))) {
		arc_cli_usage_error("--pam wants the name of a service in "
		    "/etc/pam.d, not \"%s\"", cf->pam);
		return ARC_EXIT_FATAL;
	}
	return -1;
}

static int
serve(struct web *w, const struct config *cf)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	sigset_t sigs;
	char url[INET6_ADDRSTRLEN + 16];
	int sig;

	if (arc_http_parse_listen(cf->listen, &ss) != ARC_OK) {
		arc_cli_usage_error("--listen wants [ADDRESS:]PORT, not \"%s\"",
		    cf->listen);
		return ARC_EXIT_FATAL;
	}
	if (cf->access_log != NULL && (w->access_fd = arc_http_access_open(
	    cf->access_log)) < 0)
		return ARC_EXIT_FATAL;
	arc_http_block_signals(&sigs);
	/* A thread a connection: a document streams, and a failed log-in
	 * waits, while the others are answered. */
	if ((d = arc_http_start(cf->listen, &ss,
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION,
	    handle, w)) == NULL)
		return ARC_EXIT_FATAL;
	arc_http_url(d, &ss, url, sizeof(url));
	arc_cli_diag(NULL, 0, "listening on %s", url);
	/* SIGHUP changes nothing: the users file, or PAM's service, is read
	 * at each log-in. */
	while (sigwait(&sigs, &sig) == 0 && sig == SIGHUP)
		;
	MHD_stop_daemon(d);
	return ARC_EXIT_OK;
}

int
main(int argc, char **argv)
{
	struct config cf = { .listen = "127.0.0.1:8082", .idle = 1800 };
	struct web w = { .access_fd = -1 };
	struct arc_error err;
	struct stat sb;
	char db[4096], users[PATH_MAX + sizeof("/arc/web-users")];
	const char *owned;
	int st;

	arc_cli_init("arc-web");
	if ((st = parse_options(argc, argv, &cf)) >= 0)
		return st;
	if (cf.users == NULL) {
		snprintf(users, sizeof(users), "%s/arc/web-users",
		    arc_sysconf_dir());
		cf.users = users;
	}
	if (cf.add_user != NULL)
		return web_add_user(cf.users, cf.add_user);
	if (arc_db_path(cf.db, db, sizeof(db), &err) != ARC_OK ||
	    (w.store = arc_store_open(db, 0, &err)) == NULL) {
		arc_cli_diag(NULL, 0, "%s", arc_error_text(&err));
		return ARC_EXIT_FATAL;
	}
	/* The clerks are the archive's group: who may read its file (on a
	 * server, its folder of copies). */
	owned = arc_store_on_server(w.store) ? arc_store_copies(w.store) : db;
	if (stat(owned, &sb) != 0) {
		arc_cli_diag(owned, 0, "%s", arc_strerror(errno));
		arc_store_close(w.store);
		return ARC_EXIT_FATAL;
	}
	w.group = (unsigned)sb.st_gid;
	if (realpath(arc_store_copies(w.store), w.copies) == NULL) {
		/* No copies yet: no document can be opened. */
		snprintf(w.copies, sizeof(w.copies), "/nonexistent/");
	}
	w.users = cf.users;
	w.pam = cf.pam;
	if (w.pam != NULL)
		web_pam_warn(w.pam);
	w.trust_proxy = cf.trust_proxy;
	if ((w.sessions = web_sessions_new((double)cf.idle,
	    LIFETIME_SECONDS)) == NULL || (w.logins = arc_http_rate_new(
	    LOGIN_RATE)) == NULL) {
		arc_cli_diag(NULL, 0, "out of memory");
		st = ARC_EXIT_FATAL;
	} else {
		pthread_mutex_init(&w.lock, NULL);
		st = serve(&w, &cf);
		pthread_mutex_destroy(&w.lock);
	}
	web_sessions_free(w.sessions);
	arc_http_rate_free(w.logins);
	arc_store_close(w.store);
	if (w.access_fd >= 0)
		close(w.access_fd);
	return st;
}
