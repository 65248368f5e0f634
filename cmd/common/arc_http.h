/* arc_http.h: what the programs' HTTP services (faqbot --listen, arc-web) share on top of libmicrohttpd: responses with the security headers, bodies with a limit, listen addresses, rate limits, the access log. */
#ifndef ARC_HTTP_H
#define ARC_HTTP_H

#include <jansson.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <sys/socket.h>

/* The policy of the services' own pages: nothing from elsewhere, no
 * inline script, in no frame, forms only to themselves. */
#define ARC_HTTP_CSP_PAGE "default-src 'self'; frame-ancestors 'none'; " \
	"form-action 'self'"

/*
 * The security headers every response carries (no sniffing, no referrer,
 * no frames, no caching), with csp as its Content-Security-Policy, and
 * the response queued with status and released.  The status is kept for
 * the access log (arc_http_status), per thread.
 */
void arc_http_secure(struct MHD_Response *r, const char *csp);
enum MHD_Result arc_http_queue(struct MHD_Connection *c, unsigned status,
    struct MHD_Response *r);
unsigned arc_http_status(void);
/* data (len bytes, kept as mode says) as a page of type. */
enum MHD_Result arc_http_send(struct MHD_Connection *c, unsigned status,
    const char *type, const void *data, size_t len,
    enum MHD_ResponseMemoryMode mode);
/* A JSON value as the response; it is released. */
enum MHD_Result arc_http_send_json(struct MHD_Connection *c, unsigned status,
    json_t *v);
/* An error the client caused, said in a word as {"error": what}: no
 * paths, no details. */
enum MHD_Result arc_http_send_error(struct MHD_Connection *c,
    unsigned status, const char *what);

/*
 * A request's body as it arrives, kept on the connection (con_cls) until
 * the request is done (arc_http_completed frees it).  In the access
 * handler: arc_http_receive returns 1 with *u the whole body (too_big
 * set, data left out, past max bytes), 0 while more is to come (the
 * handler returns MHD_YES) and -1 when out of memory (MHD_NO).
 */
struct arc_http_upload {
	char *data;             /* NUL-terminated; NULL when empty */
	size_t len;
	int too_big;
};
int arc_http_receive(void **con_cls, const char *data, size_t *size,
    size_t max, struct arc_http_upload **u);
void arc_http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
    enum MHD_RequestTerminationCode toe);

/* The client's address: the peer's, or with trust_proxy and a peer on
 * this machine the last address of X-Forwarded-For. */
void arc_http_client_address(struct MHD_Connection *c, int trust_proxy,
    char *buf, size_t size);
/* Is the peer on this machine (a proxy we may believe)? */
int arc_http_peer_local(struct MHD_Connection *c);

/* Seconds on a clock no one sets (CLOCK_MONOTONIC). */
double arc_http_now(void);

/* A rate limit per address: per_minute requests a minute (0: none), at
 * most a minute's worth at once.  NULL when out of memory. */
struct arc_http_rate;
struct arc_http_rate *arc_http_rate_new(long per_minute);
int arc_http_rate_allows(struct arc_http_rate *r, const char *addr);
void arc_http_rate_free(struct arc_http_rate *r);

/* One line of the access log on fd (nothing when fd < 0): time, address,
 * method, path with NIKs masked, and status. */
void arc_http_access_line(int fd, const char *addr, const char *method,
    const char *url, unsigned status);
/* Opens the access log for appending: the fd, or -1 with it said. */
int arc_http_access_open(const char *path);

/* [ADDR:]PORT, ADDR an IPv4 address, [IPv6] or a name (127.0.0.1 when
 * left out), into *ss; port 0 lets the system choose.  ARC_ERR when it
 * is none. */
int arc_http_parse_listen(const char *arg, struct sockaddr_storage *ss);

/*
 * Blocks the signals the service waits for (HUP, TERM, INT) into *sigs,
 * before the daemon's threads start and inherit the mask, and ignores
 * SIGPIPE.  Then arc_http_start starts the daemon on ss with the limits
 * of both services (headers, idle clients, connections) and flags added
 * (MHD_USE_AUTO_INTERNAL_THREAD, or a thread per connection), MHD's own
 * errors on stderr at most one a second; NULL with the reason said.
 * arc_http_url writes where it listens (the port the system chose for 0)
 * as http://HOST:PORT/.
 */
void arc_http_block_signals(sigset_t *sigs);
struct MHD_Daemon *arc_http_start(const char *listen,
    const struct sockaddr_storage *ss, unsigned flags,
    MHD_AccessHandlerCallback handler, void *cls);
void arc_http_url(struct MHD_Daemon *d, const struct sockaddr_storage *ss,
    char *buf, size_t size);

#endif
