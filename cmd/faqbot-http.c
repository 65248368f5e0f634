/* faqbot-http.c: faqbot --listen, the chat page and its JSON API over HTTP (libmicrohttpd), for citizens on a phone and for the WhatsApp gateways offices use. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arc_i18n.h"
#include "faqbot.h"

/* The page, made from share/web by cmake/embed.cmake. */
extern const char web_chat_html[], web_chat_css[], web_chat_js[];
extern const size_t web_chat_html_len, web_chat_css_len, web_chat_js_len;

/* A question is at most ARC_QUESTION_MAX bytes; its JSON, with escapes
 * and a session, fits in this.  Larger bodies are refused (413). */
#define BODY_MAX 8192
/* Headers and the body's buffer per connection (MHD answers 431 above):
 * a browser's headers fit in a few KB. */
#define CONNECTION_MEMORY 32768
/* A client that sends nothing for this long is cut off (slowloris). */
#define IDLE_SECONDS 15
/* Connections at once; no limit per address, which behind a proxy would
 * be the proxy's: the rate limit (--rate) tells clients apart. */
#define CONNECTIONS_MAX 2000
/* Addresses the rate limit tells apart; two that share a slot share a
 * budget, which errs towards refusing. */
#define RATE_SLOTS 4096

/* The status of the response being sent, for the access log: requests
 * are handled one at a time, by the daemon's one thread. */
static unsigned sent_status;

struct bucket {
	char addr[INET6_ADDRSTRLEN];
	double tokens;
	double at;  /* when tokens was last filled, in seconds */
};

struct server {
	pthread_mutex_t lock;   /* held while the bot answers or is swapped */
	struct bot *bot;
	struct bot *first;      /* the caller's, which is not ours to free */
	struct settings *set;
	struct bucket *buckets;
	int access_fd;
};

/* A request's body as it arrives. */
struct upload {
	char *data;
	size_t len;
	int too_big;
};

static double
now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The client's address: the peer's, or behind a proxy on this machine
 * (--trust-proxy) the last address of X-Forwarded-For, which is the one
 * the proxy itself saw. */
static void
client_address(struct MHD_Connection *c, const struct settings *set,
    char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;
	const char *fwd, *last;
	int local = 0;

	snprintf(buf, size, "-");
	if (sa != NULL && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		inet_ntop(AF_INET, &in->sin_addr, buf, (socklen_t)size);
		local = (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	} else if (sa != NULL && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, buf, (socklen_t)size);
		local = IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	if (!set->trust_proxy || !local || (fwd = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, "X-Forwarded-For")) == NULL)
		return;
	last = strrchr(fwd, ',');
	last = last != NULL ? last + 1 : fwd;
	last += strspn(last, " ");
	if (*last != '\0' && strlen(last) < size &&
	    strspn(last, "0123456789abcdefABCDEF.:") == strlen(last))
		snprintf(buf, size, "%s", last);
}

/* Whether addr may ask one more question now: a bucket of --rate tokens
 * a minute, holding at most a minute's worth. */
static int
rate_allows(struct server *srv, const char *addr)
{
	uint32_t h = 2166136261u;
	struct bucket *b;
	double t = now_seconds(), per_second, cap;

	if (srv->set->rate <= 0)
		return 1;
	for (const char *p = addr; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	b = &srv->buckets[h % RATE_SLOTS];
	cap = (double)srv->set->rate;
	per_second = cap / 60.0;
	if (strcmp(b->addr, addr) != 0) {
		snprintf(b->addr, sizeof(b->addr), "%s", addr);
		b->tokens = cap;
		b->at = t;
	}
	b->tokens += (t - b->at) * per_second;
	if (b->tokens > cap)
		b->tokens = cap;
	b->at = t;
	if (b->tokens < 1)
		return 0;
	b->tokens -= 1;
	return 1;
}

/* One line of the access log: time, address, method, path (NIKs masked:
 * a path is typed by anyone) and status. */
static void
access_line(struct server *srv, const char *addr, const char *method,
    const char *url, unsigned status)
{
	char line[600], path[400], when[32];
	time_t t = time(NULL);
	struct tm tm;
	int n;

	if (srv->access_fd < 0)
		return;
	snprintf(path, sizeof(path), "%s", url);
	for (char *p = path; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	arc_mask_nik(path);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	n = snprintf(line, sizeof(line), "%s %s %.10s %s %u\n", when, addr,
	    method, path, status);
	if (n > 0 && write(srv->access_fd, line, (size_t)n < sizeof(line) ?
	    (size_t)n : sizeof(line) - 1) < 0) {
		/* A full disk must not stop the answers. */
	}
}

static enum MHD_Result
send_bytes(struct MHD_Connection *c, unsigned status, const char *type,
    const void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len,
	    (void *)data, mode);
	enum MHD_Result ok;

	sent_status = status;
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy",
	    "default-src 'self'; frame-ancestors 'none'; form-action 'self'");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

/* A JSON value as the response; it is released. */
static enum MHD_Result
send_json(struct MHD_Connection *c, unsigned status, json_t *v)
{
	char *text = v != NULL ? json_dumps(v, JSON_COMPACT |
	    JSON_REAL_PRECISION(4)) : NULL;
	enum MHD_Result ok;

	json_decref(v);
	if (text == NULL)
		return send_bytes(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "application/json", "{\"error\":\"out of memory\"}", 25,
		    MHD_RESPMEM_PERSISTENT);
	ok = send_bytes(c, status, "application/json; charset=utf-8", text,
	    strlen(text), MHD_RESPMEM_MUST_FREE);
	return ok;
}

/* An error the client caused, said in a word: no paths, no details. */
static enum MHD_Result
send_error(struct MHD_Connection *c, unsigned status, const char *what)
{
	return send_json(c, status, json_pack("{s:s}", "error", what));
}

/* The office's name and greeting for the page's top. */
static json_t *
office(const struct bot *bot)
{
	json_t *o = json_object();
	const char *fields[][3] = {
		{ "title", "_office", "" }, { "title_en", "_office", "en" },
		{ "greeting", "_greeting", "" },
		{ "greeting_en", "_greeting", "en" },
	};

	for (size_t i = 0; o != NULL && i < sizeof(fields) /
	    sizeof(fields[0]); i++) {
		const char *t = faqbot_special(bot, fields[i][1],
		    fields[i][2][0] != '\0');
		if (t != NULL)
			json_object_set_new(o, fields[i][0], json_string(t));
	}
	return o;
}

/* The question and session of a body: {"q": ..., "session": ...} from
 * the page and API, {"from": ..., "text": ...} from a gateway's webhook
 * (the sender is the session). */
static int
read_question(const struct upload *u, int webhook, const char **q,
    size_t *qlen, const char **session, json_t **doc)
{
	json_t *v, *s;

	*doc = json_loadb(u->data != NULL ? u->data : "", u->len,
	    JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
	if (*doc == NULL || !json_is_object(*doc))
		return 0;
	v = json_object_get(*doc, webhook ? "text" : "q");
	s = json_object_get(*doc, webhook ? "from" : "session");
	if (!json_is_string(v) || (s != NULL && !json_is_string(s)))
		return 0;
	*q = json_string_value(v);
	*qlen = json_string_length(v);
	*session = s != NULL ? json_string_value(s) : "web";
	return 1;
}

/* A webhook's reply: to whom, the text, and the suggestions' phrasings,
 * which a gateway may show as buttons (a reply of their number picks). */
static json_t *
webhook_reply(json_t *rec, const char *to)
{
	json_t *out = json_pack("{s:s,s:O,s:O,s:[]}", "to", to, "text",
	    json_object_get(rec, "answer"), "status",
	    json_object_get(rec, "status"), "choices");
	json_t *alt = json_object_get(rec, "alternatives"), *a;
	size_t i;

	if (out != NULL && strcmp(json_string_value(json_object_get(rec,
	    "status")), "suggested") == 0)
		json_array_foreach(alt, i, a)
			json_array_append(json_object_get(out, "choices"),
			    json_object_get(a, "q"));
	json_decref(rec);
	return out;
}

static enum MHD_Result
answer(struct server *srv, struct MHD_Connection *c, const char *addr,
    const struct upload *u, int webhook)
{
	const char *q, *session, *type;
	size_t qlen;
	json_t *doc, *rec;
	char clean[128];

	/* A form of another site cannot send JSON without asking first. */
	type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Content-Type");
	if (type == NULL || strncmp(type, "application/json", 16) != 0)
		return send_error(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
		    "send application/json");
	if (u->too_big)
		return send_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
		    "question too long");
	if (!rate_allows(srv, addr))
		return send_error(c, MHD_HTTP_TOO_MANY_REQUESTS,
		    "too many questions");
	if (!read_question(u, webhook, &q, &qlen, &session, &doc)) {
		json_decref(doc);
		return send_error(c, MHD_HTTP_BAD_REQUEST, webhook ?
		    "expected {\"from\": ..., \"text\": ...}" :
		    "expected {\"q\": ..., \"session\": ...}");
	}
	pthread_mutex_lock(&srv->lock);
	rec = faqbot_answer(srv->bot, q, qlen, session);
	pthread_mutex_unlock(&srv->lock);
	if (rec == NULL || arc_session_clean(clean, sizeof(clean), session) !=
	    ARC_OK) {
		json_decref(doc);
		json_decref(rec);
		return send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "out of memory");
	}
	json_decref(doc);
	return send_json(c, MHD_HTTP_OK, webhook ? webhook_reply(rec, clean) :
	    rec);
}

static enum MHD_Result
route(struct server *srv, struct MHD_Connection *c, const char *addr,
    const char *url, const char *method, const struct upload *u)
{
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	int post = strcmp(method, "POST") == 0;

	if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
		return get ? send_bytes(c, MHD_HTTP_OK,
		    "text/html; charset=utf-8", web_chat_html,
		    web_chat_html_len, MHD_RESPMEM_PERSISTENT) :
		    send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use GET");
	if (strcmp(url, "/chat.css") == 0 && get)
		return send_bytes(c, MHD_HTTP_OK, "text/css; charset=utf-8",
		    web_chat_css, web_chat_css_len, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/chat.js") == 0 && get)
		return send_bytes(c, MHD_HTTP_OK,
		    "text/javascript; charset=utf-8", web_chat_js,
		    web_chat_js_len, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/healthz") == 0 && get)
		return send_bytes(c, MHD_HTTP_OK, "text/plain", "ok\n", 3,
		    MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/api/office") == 0 && get) {
		json_t *o;
		pthread_mutex_lock(&srv->lock);
		o = office(srv->bot);
		pthread_mutex_unlock(&srv->lock);
		return send_json(c, MHD_HTTP_OK, o);
	}
	if (strcmp(url, "/api/ask") == 0 || strcmp(url, "/api/webhook") == 0)
		return post ? answer(srv, c, addr, u, url[5] == 'w') :
		    send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED, "use POST");
	return send_error(c, MHD_HTTP_NOT_FOUND, "not found");
}

/* Logs each finished request and frees its body. */
static void
completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct upload *u = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (u != NULL) {
		free(u->data);
		free(u);
		*con_cls = NULL;
	}
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct upload *u = *con_cls;
	char addr[INET6_ADDRSTRLEN];
	enum MHD_Result ok;

	(void)version;
	if (u == NULL) {
		/* The first call: only the headers have come. */
		if ((u = calloc(1, sizeof(*u))) == NULL)
			return MHD_NO;
		*con_cls = u;
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (u->too_big || u->len + n > BODY_MAX) {
			u->too_big = 1;
			return MHD_YES;
		}
		char *grown = realloc(u->data, u->len + n + 1);
		if (grown == NULL)
			return MHD_NO;
		memcpy(grown + u->len, upload_data, n);
		u->data = grown;
		u->len += n;
		u->data[u->len] = '\0';
		return MHD_YES;
	}
	client_address(c, srv->set, addr, sizeof(addr));
	sent_status = 0;
	ok = route(srv, c, addr, url, method, u);
	access_line(srv, addr, method, url, sent_status);
	return ok;
}

/* MHD's own errors (a client that sent garbage, a full table), on the
 * service's stderr, which the journal keeps: at most one a second, and
 * the number left out with the next. */
static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	static time_t last;
	static long skipped;
	time_t t = time(NULL);
	char msg[300];
	size_t n;

	(void)cls;
	if (t == last) {
		skipped++;
		return;
	}
	last = t;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	arc_mask_nik(msg);
	if (skipped > 0)
		arc_cli_diag(NULL, 0, "http: %s (and %ld messages left out)",
		    msg, skipped);
	else
		arc_cli_diag(NULL, 0, "http: %s", msg);
	skipped = 0;
}

/* [ADDR:]PORT, ADDR an IPv4 address, [IPv6] or a name, into *ss; port 0
 * lets the system choose (tests). */
static int
parse_listen(const char *arg, struct sockaddr_storage *ss)
{
	char host[256] = "127.0.0.1";
	const char *port = arg, *colon = strrchr(arg, ':');
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
	    .ai_flags = AI_NUMERICSERV }, *res;
	char *end;
	long p;

	if (colon != NULL) {
		size_t n = (size_t)(colon - arg);
		if (n >= 2 && arg[0] == '[' && arg[n - 1] == ']') {
			arg++;
			n -= 2;
		}
		if (n == 0 || n >= sizeof(host))
			return ARC_ERR;
		memcpy(host, arg, n);
		host[n] = '\0';
		port = colon + 1;
	}
	errno = 0;
	p = strtol(port, &end, 10);
	if (errno != 0 || end == port || *end != '\0' || p < 0 || p > 65535)
		return ARC_ERR;
	if (getaddrinfo(host, port, &hints, &res) != 0)
		return ARC_ERR;
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	freeaddrinfo(res);
	return ARC_OK;
}

/* Loads the answers again; on success the new bot takes the old one's
 * place between two requests, on failure the old one stays. */
static void
reload(struct server *srv)
{
	struct bot *fresh = calloc(1, sizeof(*fresh)), *old;

	if (fresh == NULL)
		return;
	fresh->set = srv->set;
	fresh->log_fd = -1;
	if (faqbot_start(fresh) != ARC_OK) {
		arc_cli_diag(NULL, 0, "the answer files were not loaded again: "
		    "the ones loaded before still answer");
		faqbot_free(fresh);
		free(fresh);
		return;
	}
	pthread_mutex_lock(&srv->lock);
	old = srv->bot;
	srv->bot = fresh;
	pthread_mutex_unlock(&srv->lock);
	arc_cli_diag(NULL, 0, "answer files loaded again: %d entries",
	    arc_faq_count(fresh->faq));
	faqbot_free(old);
	/* The first bot is the caller's; later ones are ours. */
	if (old != srv->first)
		free(old);
}

int
faqbot_serve(struct bot *bot)
{
	struct settings *set = bot->set;
	struct server srv = { .bot = bot, .first = bot, .set = set,
	    .access_fd = -1 };
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	sigset_t sigs;
	int sig, st = ARC_EXIT_OK;

	if (parse_listen(set->listen, &ss) != ARC_OK) {
		arc_cli_usage_error("--listen wants [ADDRESS:]PORT, not \"%s\"",
		    set->listen);
		return ARC_EXIT_FATAL;
	}
	if (set->access_log != NULL && (srv.access_fd = open(set->access_log,
	    O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0) {
		arc_cli_diag(set->access_log, 0, "cannot open the access "
		    "log: %s", strerror(errno));
		return ARC_EXIT_FATAL;
	}
	if ((srv.buckets = calloc(RATE_SLOTS, sizeof(*srv.buckets))) ==
	    NULL) {
		arc_cli_diag(NULL, 0, "out of memory");
		return ARC_EXIT_FATAL;
	}
	pthread_mutex_init(&srv.lock, NULL);
	/* The signals are waited for here, never delivered to the daemon's
	 * thread, which inherits this mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	d = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG |
	    (ss.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0), 0, NULL, NULL,
	    handle, &srv,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_SECONDS,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTIONS_MAX,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_END);
	if (d == NULL) {
		arc_cli_diag(NULL, 0, "cannot listen on %s: %s", set->listen,
		    strerror(errno));
		st = ARC_EXIT_FATAL;
		goto out;
	}
	/* The port the system chose, when 0 was asked for. */
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d,
	    MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "?";
	if (ss.ss_family == AF_INET6)
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr,
		    host, sizeof(host));
	else
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr,
		    host, sizeof(host));
	arc_cli_diag(NULL, 0, "listening on http://%s%s%s:%u/, %d entries",
	    ss.ss_family == AF_INET6 ? "[" : "", host,
	    ss.ss_family == AF_INET6 ? "]" : "",
	    info != NULL ? (unsigned)info->port : 0, arc_faq_count(bot->faq));
	while (sigwait(&sigs, &sig) == 0 && sig == SIGHUP)
		reload(&srv);
	MHD_stop_daemon(d);
	if (srv.bot != bot) {
		/* The caller's bot was freed at the first reload: it gets the
		 * last one to free instead. */
		*bot = *srv.bot;
		free(srv.bot);
	}
out:
	pthread_mutex_destroy(&srv.lock);
	free(srv.buckets);
	if (srv.access_fd >= 0)
		close(srv.access_fd);
	return st;
}
