/* arc-web-pam.c: arc-web --pam: the clerks' names and passwords checked by PAM against the machine's own accounts, limited to the archive's group. */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <security/pam_appl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_i18n.h"
#include "arc-web.h"

/* What the conversation answers with: the form's two fields. */
struct answers {
	const char *name, *password;
};

static void
free_responses(struct pam_response *r, int n)
{
	for (int i = 0; i < n; i++)
		if (r[i].resp != NULL) {
			explicit_bzero(r[i].resp, strlen(r[i].resp));
			free(r[i].resp);
		}
	free(r);
}

/* PAM's questions, answered from the form: a hidden one (a password
 * prompt, of whichever module asks) with the password, a shown one with
 * the name; what a module only tells is dropped.  A question the form
 * cannot answer (a one-time code) gets the password too, and fails. */
static int
converse(int n, const struct pam_message **msg, struct pam_response **out,
    void *data)
{
	const struct answers *a = data;
	struct pam_response *r;

	*out = NULL;
	if (n <= 0 || n > PAM_MAX_NUM_MSG)
		return PAM_CONV_ERR;
	if ((r = calloc((size_t)n, sizeof(*r))) == NULL)
		return PAM_BUF_ERR;
	for (int i = 0; i < n; i++) {
		const char *answer = NULL;

		switch (msg[i]->msg_style) {
		case PAM_PROMPT_ECHO_OFF:
			answer = a->password;
			break;
		case PAM_PROMPT_ECHO_ON:
			answer = a->name;
			break;
		case PAM_ERROR_MSG:
		case PAM_TEXT_INFO:
			break;
		default:
			free_responses(r, n);
			return PAM_CONV_ERR;
		}
		if (answer != NULL && (r[i].resp = strdup(answer)) == NULL) {
			free_responses(r, n);
			return PAM_BUF_ERR;
		}
	}
	*out = r;
	return PAM_SUCCESS;
}

/* pam_unix asks for 2 seconds after a failure, which libpam would sleep
 * inside pam_authenticate; arc-web waits itself instead, after the
 * server's lock is released and as long for every refusal, whatever was
 * refused (arc-web.c), so that the time tells nothing. */
static void
no_delay(int status, unsigned usec, void *data)
{
	(void)status;
	(void)usec;
	(void)data;
}

/* One PAM conversation at a time: modules look accounts up with
 * getpwnam and getgrgid, whose answers live in static buffers that
 * another log-in's thread would overwrite (ThreadSanitizer showed it in
 * pam_cap).  Log-ins are few; arc-web waits out a failure's delay itself,
 * outside the lock. */
static pthread_mutex_t pam_lock = PTHREAD_MUTEX_INITIALIZER;

int
web_pam_check(const char *service, const char *name, const char *password,
    const char *rhost, unsigned group, char *account, size_t size,
    const char **why)
{
	struct answers a = { name, password };
	struct pam_conv conv = { converse, &a };
	pam_handle_t *h = NULL;
	const void *user = NULL;
	int rc;

	snprintf(account, size, "%s", name);
	/* The group first: the page never tries the password of an account
	 * outside it (root's), so that it tells nobody whether one is
	 * right. */
	if (!web_account_check(name, group, why))
		return 0;
	if (password[0] == '\0') {
		*why = N_("wrong password");
		return 0;
	}
	pthread_mutex_lock(&pam_lock);
	if ((rc = pam_start(service, name, &conv, &h)) != PAM_SUCCESS) {
		pthread_mutex_unlock(&pam_lock);
		*why = N_("PAM cannot start");
		return 0;
	}
	if ((rc = pam_set_item(h, PAM_RHOST, rhost)) != PAM_SUCCESS ||
	    (rc = pam_set_item(h, PAM_FAIL_DELAY, (const void *)no_delay)) !=
	    PAM_SUCCESS)
		*why = N_("PAM cannot start");
	else if ((rc = pam_authenticate(h, PAM_SILENT |
	    PAM_DISALLOW_NULL_AUTHTOK)) != PAM_SUCCESS)
		/* Debian's common-auth ends every failure in pam_deny's
		 * PAM_AUTH_ERR: a password PAM could not check (shadow
		 * unreadable) looks the same; web_pam_warn says so. */
		*why = rc == PAM_AUTH_ERR || rc == PAM_USER_UNKNOWN ||
		    rc == PAM_MAXTRIES ? N_("wrong password") :
		    N_("PAM cannot check the password");
	else if ((rc = pam_acct_mgmt(h, PAM_SILENT |
	    PAM_DISALLOW_NULL_AUTHTOK)) != PAM_SUCCESS)
		*why = rc == PAM_NEW_AUTHTOK_REQD ?
		    N_("password expired (passwd sets a new one)") :
		    N_("account expired or locked");
	else if ((rc = pam_get_item(h, PAM_USER, &user)) != PAM_SUCCESS ||
	    user == NULL || (size_t)snprintf(account, size, "%s",
	    (const char *)user) >= size) {
		*why = N_("PAM cannot check the password");
		rc = PAM_SYSTEM_ERR;
	} else if (strcmp(account, name) != 0 &&
	    !web_account_check(account, group, why))
		/* A module mapped the name to another account: that one
		 * must be a clerk too. */
		rc = PAM_PERM_DENIED;
	pam_end(h, rc);
	pthread_mutex_unlock(&pam_lock);
	return rc == PAM_SUCCESS;
}

void
web_pam_warn(const char *service)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/etc/pam.d/%s", service);
	if (access(path, F_OK) != 0)
		arc_cli_diag(NULL, 0, "warning: --pam: no %s: PAM uses its "
		    "service \"other\" (copy %s there)", path,
		    ARC_DATADIR "/pam.d/arc-web");
	/* pam_unix reads another account's hash from /etc/shadow itself;
	 * its helper unix_chkpwd checks only the caller's own password. */
	if (geteuid() != 0 && faccessat(AT_FDCWD, "/etc/shadow", R_OK,
	    AT_EACCESS) != 0)
		arc_cli_diag(NULL, 0, "warning: --pam: this account cannot "
		    "read /etc/shadow: pam_unix checks no other account's "
		    "password (give it the group shadow, arc-web(1))");
}
