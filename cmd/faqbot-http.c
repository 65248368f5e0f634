/* faqbot-http.c: faqbot --listen, the chat page and its JSON API over HTTP (libmicrohttpd), for citizens on a phone and for the WhatsApp gateways offices use. */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_i18n.h"
#include "arc_http.h"
#include "faqbot.h"

/* The page, made from share/web by cmake/embed.cmake. */
extern const char web_chat_html[], web_chat_css[], web_chat_js[];
extern const size_t web_chat_html_len, web_chat_css_len, web_chat_js_len;

/* A question is at most ARC_QUESTION_MAX bytes; its JSON, with escapes
 * and a session, fits in this.  Larger bodies are refused (413). */
#define BODY_MAX 8192
struct server {
	pthread_mutex_t lock;   /* held while the bot answers or is swapped */
	struct bot *bot;
	struct bot *first;      /* the caller's, which is not ours to free */
	struct settings *set;
	struct arc_http_rate *rate;
	int access_fd;
};

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
read_question(const struct arc_http_upload *u, int webhook, const char **q,
    size_t *qlen, const char **session, json_t **doc)
{
	json_t *v, *s;

	*doc = json_loadb(u->data != NULL ? u->data : "", u->len,
	    JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, NULL);
	/* Bytes that are not UTF-8 (a gateway or phone in another code
	 * page) are replaced, as on standard input, not refused. */
	if (*doc == NULL && u->data != NULL) {
		char *repaired = arc_utf8_repair(u->data, u->len);
		if (repaired != NULL)
			*doc = json_loads(repaired, JSON_REJECT_DUPLICATES |
			    JSON_ALLOW_NUL, NULL);
		free(repaired);
	}
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
    const struct arc_http_upload *u, int webhook)
{
	const char *q, *session, *type;
	size_t qlen;
	json_t *doc, *rec;
	char clean[128];

	/* A form of another site cannot send JSON without asking first. */
	type = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "Content-Type");
	if (type == NULL || strncmp(type, "application/json", 16) != 0)
		return arc_http_send_error(c, MHD_HTTP_UNSUPPORTED_MEDIA_TYPE,
		    "send application/json");
	if (u->too_big)
		return arc_http_send_error(c, MHD_HTTP_CONTENT_TOO_LARGE,
		    "question too long");
	if (!arc_http_rate_allows(srv->rate, addr))
		return arc_http_send_error(c, MHD_HTTP_TOO_MANY_REQUESTS,
		    "too many questions");
	if (!read_question(u, webhook, &q, &qlen, &session, &doc)) {
		json_decref(doc);
		return arc_http_send_error(c, MHD_HTTP_BAD_REQUEST, webhook ?
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
		return arc_http_send_error(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
		    "out of memory");
	}
	json_decref(doc);
	return arc_http_send_json(c, MHD_HTTP_OK, webhook ?
	    webhook_reply(rec, clean) : rec);
}

static enum MHD_Result
route(struct server *srv, struct MHD_Connection *c, const char *addr,
    const char *url, const char *method, const struct arc_http_upload *u)
{
	int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
	int post = strcmp(method, "POST") == 0;

	if (strcmp(url, "/") == 0 || strcmp(url, "/index.html") == 0)
		return get ? arc_http_send(c, MHD_HTTP_OK,
		    "text/html; charset=utf-8", web_chat_html,
		    web_chat_html_len, MHD_RESPMEM_PERSISTENT) :
		    arc_http_send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "use GET");
	if (strcmp(url, "/chat.css") == 0 && get)
		return arc_http_send(c, MHD_HTTP_OK, "text/css; charset=utf-8",
		    web_chat_css, web_chat_css_len, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/chat.js") == 0 && get)
		return arc_http_send(c, MHD_HTTP_OK,
		    "text/javascript; charset=utf-8", web_chat_js,
		    web_chat_js_len, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/healthz") == 0 && get)
		return arc_http_send(c, MHD_HTTP_OK, "text/plain", "ok\n", 3,
		    MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/api/office") == 0 && get) {
		json_t *o;
		pthread_mutex_lock(&srv->lock);
		o = office(srv->bot);
		pthread_mutex_unlock(&srv->lock);
		return arc_http_send_json(c, MHD_HTTP_OK, o);
	}
	if (strcmp(url, "/api/ask") == 0 || strcmp(url, "/api/webhook") == 0)
		return post ? answer(srv, c, addr, u, url[5] == 'w') :
		    arc_http_send_error(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "use POST");
	return arc_http_send_error(c, MHD_HTTP_NOT_FOUND, "not found");
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct server *srv = cls;
	struct arc_http_upload *u;
	char addr[INET6_ADDRSTRLEN];
	enum MHD_Result ok;
	int got;

	(void)version;
	if ((got = arc_http_receive(con_cls, upload_data, upload_data_size,
	    BODY_MAX, &u)) <= 0)
		return got == 0 ? MHD_YES : MHD_NO;
	arc_http_client_address(c, srv->set->trust_proxy, addr, sizeof(addr));
	arc_http_status();
	ok = route(srv, c, addr, url, method, u);
	arc_http_access_line(srv->access_fd, addr, method, url,
	    arc_http_status());
	return ok;
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
	char url[INET6_ADDRSTRLEN + 16];
	int sig, st = ARC_EXIT_OK;

	if (arc_http_parse_listen(set->listen, &ss) != ARC_OK) {
		arc_cli_usage_error("--listen wants [ADDRESS:]PORT, not \"%s\"",
		    set->listen);
		return ARC_EXIT_FATAL;
	}
	if (set->access_log != NULL && (srv.access_fd = arc_http_access_open(
	    set->access_log)) < 0)
		return ARC_EXIT_FATAL;
	if ((srv.rate = arc_http_rate_new(set->rate)) == NULL) {
		arc_cli_diag(NULL, 0, "out of memory");
		if (srv.access_fd >= 0)
			close(srv.access_fd);
		return ARC_EXIT_FATAL;
	}
	pthread_mutex_init(&srv.lock, NULL);
	arc_http_block_signals(&sigs);
	if ((d = arc_http_start(set->listen, &ss, MHD_USE_AUTO_INTERNAL_THREAD,
	    handle, &srv)) == NULL) {
		st = ARC_EXIT_FATAL;
		goto out;
	}
	arc_http_url(d, &ss, url, sizeof(url));
	arc_cli_diag(NULL, 0, "listening on %s, %d entries", url,
	    arc_faq_count(bot->faq));
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
	arc_http_rate_free(srv.rate);
	if (srv.access_fd >= 0)
		close(srv.access_fd);
	return st;
}
