/* http.c: the HTTP services' shared edges (arc_http.h): headers, bodies, addresses, rate limits, logs. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_http.h"
#include "arc_i18n.h"

/* Headers and the body's buffer per connection (MHD answers 431 above):
 * a browser's headers fit in a few KB. */
#define CONNECTION_MEMORY 32768
/* A client that sends nothing for this long is cut off (slowloris). */
#define IDLE_SECONDS 15
/* Connections at once; no limit per address, which behind a proxy would
 * be the proxy's: the rate limits tell clients apart. */
#define CONNECTIONS_MAX 2000
/* Addresses a rate limit tells apart; two that share a slot share a
 * budget, which errs towards refusing. */
#define RATE_SLOTS 4096

/* The status of the response being sent, for the access log: a request
 * is handled on one thread from start to end. */
static _Thread_local unsigned sent_status;

void
arc_http_secure(struct MHD_Response *r, const char *csp)
{
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "Cache-Control", "no-store");
}

enum MHD_Result
arc_http_queue(struct MHD_Connection *c, unsigned status,
    struct MHD_Response *r)
{
	enum MHD_Result ok;

	sent_status = status;
	ok = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ok;
}

unsigned
arc_http_status(void)
{
	unsigned s = sent_status;

	sent_status = 0;
	return s;
}

enum MHD_Result
arc_http_send(struct MHD_Connection *c, unsigned status, const char *type,
    const void *data, size_t len, enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len,
	    (void *)data, mode);

	sent_status = status;
	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, "Content-Type", type);
	arc_http_secure(r, ARC_HTTP_CSP_PAGE);
	return arc_http_queue(c, status, r);
}

enum MHD_Result
arc_http_send_json(struct MHD_Connection *c, unsigned status, json_t *v)
{
	char *text = v != NULL ? json_dumps(v, JSON_COMPACT |
	    JSON_REAL_PRECISION(4)) : NULL;

	json_decref(v);
	if (text == NULL)
		return arc_http_send(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "application/json", "{\"error\":\"out of memory\"}", 25,
		    MHD_RESPMEM_PERSISTENT);
	return arc_http_send(c, status, "application/json; charset=utf-8",
	    text, strlen(text), MHD_RESPMEM_MUST_FREE);
}

enum MHD_Result
arc_http_send_error(struct MHD_Connection *c, unsigned status,
    const char *what)
{
	return arc_http_send_json(c, status, json_pack("{s:s}", "error",
	    what));
}

int
arc_http_receive(void **con_cls, const char *data, size_t *size, size_t max,
    struct arc_http_upload **out)
{
	struct arc_http_upload *u = *con_cls;
	size_t n = *size;
	char *grown;

	if (u == NULL) {
		/* The first call: only the headers have come. */
		if ((u = calloc(1, sizeof(*u))) == NULL)
			return -1;
		*con_cls = u;
		return 0;
	}
	if (n == 0) {
		*out = u;
		return 1;
	}
	*size = 0;
	if (u->too_big || u->len + n > max) {
		u->too_big = 1;
		return 0;
	}
	if ((grown = realloc(u->data, u->len + n + 1)) == NULL)
		return -1;
	memcpy(grown + u->len, data, n);
	u->data = grown;
	u->len += n;
	u->data[u->len] = '\0';
	return 0;
}

void
arc_http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct arc_http_upload *u = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (u != NULL) {
		free(u->data);
		free(u);
		*con_cls = NULL;
	}
}

/* The peer's address into buf; whether it is on this machine. */
static int
peer(struct MHD_Connection *c, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;

	snprintf(buf, size, "-");
	if (sa != NULL && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		inet_ntop(AF_INET, &in->sin_addr, buf, (socklen_t)size);
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa != NULL && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, buf, (socklen_t)size);
		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	return 0;
}

int
arc_http_peer_local(struct MHD_Connection *c)
{
	char buf[INET6_ADDRSTRLEN];

	return peer(c, buf, sizeof(buf));
}

/* Behind a proxy, the last address of X-Forwarded-For is the one the
 * proxy itself saw; the ones before it are the client's word. */
void
arc_http_client_address(struct MHD_Connection *c, int trust_proxy,
    char *buf, size_t size)
{
	const char *fwd, *last;
	int local = peer(c, buf, size);

	if (!trust_proxy || !local || (fwd = MHD_lookup_connection_value(
	    c, MHD_HEADER_KIND, "X-Forwarded-For")) == NULL)
		return;
	last = strrchr(fwd, ',');
	last = last != NULL ? last + 1 : fwd;
	last += strspn(last, " ");
	if (*last != '\0' && strlen(last) < size &&
	    strspn(last, "0123456789abcdefABCDEF.:") == strlen(last))
		snprintf(buf, size, "%s", last);
}

struct bucket {
	char addr[INET6_ADDRSTRLEN];
	double tokens;
	double at;  /* when tokens was last filled, in seconds */
};

struct arc_http_rate {
	long per_minute;
	struct bucket *buckets;
};

double
arc_http_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

struct arc_http_rate *
arc_http_rate_new(long per_minute)
{
	struct arc_http_rate *r = calloc(1, sizeof(*r));

	if (r == NULL || (r->buckets = calloc(RATE_SLOTS,
	    sizeof(*r->buckets))) == NULL) {
		free(r);
		return NULL;
	}
	r->per_minute = per_minute;
	return r;
}

void
arc_http_rate_free(struct arc_http_rate *r)
{
	if (r != NULL)
		free(r->buckets);
	free(r);
}

int
arc_http_rate_allows(struct arc_http_rate *r, const char *addr)
{
	uint32_t h = 2166136261u;
	struct bucket *b;
	double t = arc_http_now(), per_second, cap;

	if (r->per_minute <= 0)
		return 1;
	for (const char *p = addr; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	b = &r->buckets[h % RATE_SLOTS];
	cap = (double)r->per_minute;
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

void
arc_http_access_line(int fd, const char *addr, const char *method,
    const char *url, unsigned status)
{
	char line[600], path[400], when[32];
	time_t t = time(NULL);
	struct tm tm;
	int n;

	if (fd < 0)
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
	if (n > 0 && write(fd, line, (size_t)n < sizeof(line) ? (size_t)n :
	    sizeof(line) - 1) < 0) {
		/* A full disk must not stop the answers. */
	}
}

int
arc_http_access_open(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);

	if (fd < 0)
		arc_cli_diag(path, 0, "cannot open the access log: %s",
		    arc_strerror(errno));
	return fd;
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

int
arc_http_parse_listen(const char *arg, struct sockaddr_storage *ss)
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

void
arc_http_block_signals(sigset_t *sigs)
{
	sigemptyset(sigs);
	sigaddset(sigs, SIGHUP);
	sigaddset(sigs, SIGTERM);
	sigaddset(sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
}

struct MHD_Daemon *
arc_http_start(const char *listen, const struct sockaddr_storage *ss,
    unsigned flags, MHD_AccessHandlerCallback handler, void *cls)
{
	struct MHD_Daemon *d = MHD_start_daemon(flags | MHD_USE_ERROR_LOG |
	    (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0), 0, NULL, NULL,
	    handler, cls,
	    MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)ss,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)IDLE_SECONDS,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned int)CONNECTIONS_MAX,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
	    MHD_OPTION_NOTIFY_COMPLETED, arc_http_completed, NULL,
	    MHD_OPTION_END);

	if (d == NULL)
		arc_cli_diag(NULL, 0, "cannot listen on %s: %s", listen,
		    arc_strerror(errno));
	return d;
}

void
arc_http_url(struct MHD_Daemon *d, const struct sockaddr_storage *ss,
    char *buf, size_t size)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d,
	    MHD_DAEMON_INFO_BIND_PORT);
	char host[INET6_ADDRSTRLEN] = "?";
	int six = ss->ss_family == AF_INET6;

	if (six)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->
		    sin6_addr, host, sizeof(host));
	else
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr,
		    host, sizeof(host));
	snprintf(buf, size, "http://%s%s%s:%u/", six ? "[" : "", host,
	    six ? "]" : "", info != NULL ? (unsigned)info->port : 0);
}
