/* arc-web.h: what arc-web's files share: pages being written (HTML escaped by one function), the staff's log-in and sessions, and the pages. */
#ifndef ARC_WEB_H
#define ARC_WEB_H

#include <stddef.h>

#include "arc_archive.h"

/* ---- Pages (arc-web-pages.c) --------------------------------------------- */

/* A page being written; once out of memory, failed and left as it is.
 * p is malloc'd: whoever sends the page takes it over. */
struct page {
	char *p;
	size_t len, cap;
	int failed;
};
void page_add(struct page *pg, const char *s, size_t n);
void page_puts(struct page *pg, const char *s);
void page_printf(struct page *pg, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Text of the archive or of the request into HTML: the one escaping,
 * for text and attribute values alike (& < > " '). */
void page_html(struct page *pg, const char *s);
/* A value in a URL's query: percent-encoded, which leaves nothing to
 * escape for HTML either. */
void page_url(struct page *pg, const char *s);

/* What a search page asks for (GET /?q=&tag=&since=&until=&folder=&p=). */
struct search_form {
	const char *q, *tag, *since, *until, *folder;
	long page;              /* from 0 */
};

/* The pages, each whole, for a clerk logged in as user (csrf: the
 * session's token for the log-out form).  ARC_OK, or ARC_FATAL with err
 * set when the archive fails. */
int web_search_page(struct page *pg, struct arc_store *s,
    const struct search_form *f, const char *user, const char *csrf,
    struct arc_error *err);
int web_reports_page(struct page *pg, struct arc_store *s, const char *user,
    const char *csrf, struct arc_error *err);
/* The log-in form with its token, and why the last try failed (NULL). */
void web_login_page(struct page *pg, const char *csrf, const char *error);
/* A page that only says message (an error), with a link home. */
void web_message_page(struct page *pg, const char *title,
    const char *message);

/* ---- Log-in and sessions (arc-web-auth.c) -------------------------------- */

/*
 * Whether name may log in with password: a line name:HASH in the users
 * file whose yescrypt hash the password matches (compared in constant
 * time; a name without a line costs as much as one with), and name a
 * system account in the group of the archive's file (group_of, its
 * st_gid).  1 yes; 0 no, why (for the service's log, never the client)
 * set.
 */
int web_user_check(const char *users, const char *name, const char *password,
    unsigned group, const char **why);
/* Is name a system account in the group group (its own or one more)?
 * 1 yes; 0 no, why set.  Both ways of logging in end with it. */
int web_account_check(const char *name, unsigned group, const char **why);
/* arc-web --add-user: reads the password (twice on a terminal) and puts
 * name's line into the users file atomically, mode 0640.  The exit
 * status, with the reason said. */
int web_add_user(const char *users, const char *name);

/* ---- Log-in by PAM (arc-web-pam.c) -------------------------------------- */

/*
 * Whether name may log in with password by the machine's own accounts:
 * name a system account in the archive's group (checked first, so that
 * no other account's password is ever tried), then PAM's service
 * (/etc/pam.d/SERVICE) authenticates it and takes the account
 * (pam_acct_mgmt: expired or locked ones refused), for a client at rhost.
 * PAM's own delay after a failure is left out: the caller waits, off the
 * server's lock.  account receives the name PAM ended with (size bytes).
 * 1 yes; 0 no, why set (for the log).  Safe on several threads at once.
 */
int web_pam_check(const char *service, const char *name,
    const char *password, const char *rhost, unsigned group, char *account,
    size_t size, const char **why);
/* Says at start-up what would make every log-in by PAM fail here: no
 * /etc/pam.d/SERVICE, or an account that cannot read /etc/shadow. */
void web_pam_warn(const char *service);

/* A session: the random id in the cookie, the token of its forms, the
 * clerk (empty before log-in), and when it began and was last used. */
#define WEB_TOKEN_LEN 64
struct web_session {
	char id[WEB_TOKEN_LEN + 1];
	char csrf[WEB_TOKEN_LEN + 1];
	char user[64];
	double created, used;
};
/* The sessions kept in memory; idle and lifetime in seconds.  NULL when
 * out of memory. */
struct web_sessions;
struct web_sessions *web_sessions_new(double idle, double lifetime);
void web_sessions_free(struct web_sessions *ss);
/* The live session with this id (NULL: none, or expired, which ends
 * it); used now. */
struct web_session *web_session_find(struct web_sessions *ss,
    const char *id);
/* A new session for user ("" before log-in), in the place of the oldest
 * when full.  NULL when no random bytes could be had. */
struct web_session *web_session_new(struct web_sessions *ss,
    const char *user);
void web_session_end(struct web_sessions *ss, struct web_session *s);
/* Are these two tokens the same (in time that does not tell how alike
 * they are)? */
int web_token_equal(const char *a, const char *b);

#endif
