/* arc-web-auth.c: arc-web's log-in: the staff's users file (yescrypt hashes from libcrypt), the archive's group, and the sessions kept in memory. */
#include <crypt.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "arc_cli.h"
#include "arc_http.h"
#include "arc_i18n.h"
#include "arc-web.h"

/* Sessions kept at once: an office's clerks, each on a few browsers,
 * and the forms of log-ins not yet made. */
#define SESSIONS_MAX 1024
/* A password's bytes at most (yescrypt reads them all). */
#define PASSWORD_MAX 256
/* A users file's line: a name, a colon and a hash. */
#define LINE_MAX_USERS 512

int
web_token_equal(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	unsigned char diff = na != nb;

	for (size_t i = 0; i < na && i < nb; i++)
		diff |= (unsigned char)a[i] ^ (unsigned char)b[i];
	return diff == 0;
}

/* A name as Debian's useradd takes one: nothing a users file or a log
 * line would read differently. */
static int
name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n < 32 && strspn(name,
	    "abcdefghijklmnopqrstuvwxyz0123456789_.-") == n &&
	    name[0] != '-' && name[0] != '.';
}

/* The hash of name's line in the users file into hash ("" when it has
 * none); -1 when the file cannot be read. */
static int
find_hash(const char *users, const char *name, char *hash, size_t size)
{
	char line[LINE_MAX_USERS];
	size_t n = strlen(name);
	FILE *f = fopen(users, "re");

	hash[0] = '\0';
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		if (strncmp(line, name, n) == 0 && line[n] == ':')
			snprintf(hash, size, "%s", line + n + 1);
	}
	fclose(f);
	return 0;
}

/* Is the account pw in the group gid (its own group or one more)? */
static int
in_group(const struct passwd *pw, gid_t gid)
{
	gid_t groups[256];
	int n = (int)(sizeof(groups) / sizeof(groups[0]));

	if (pw->pw_gid == gid)
		return 1;
	if (getgrouplist(pw->pw_name, pw->pw_gid, groups, &n) < 0)
		return 0;
	for (int i = 0; i < n; i++)
		if (groups[i] == gid)
			return 1;
	return 0;
}

int
web_account_check(const char *name, unsigned group, const char **why)
{
	struct passwd pwbuf, *pw = NULL;
	char buf[16384];

	/* getpwnam_r: log-ins are checked on several threads at once. */
	if (!name_ok(name) || getpwnam_r(name, &pwbuf, buf, sizeof(buf),
	    &pw) != 0 || pw == NULL) {
		*why = N_("no system account of that name");
		return 0;
	}
	if (!in_group(pw, (gid_t)group)) {
		*why = N_("not in the archive's group");
		return 0;
	}
	return 1;
}

int
web_user_check(const char *users, const char *name, const char *password,
    unsigned group, const char **why)
{
	/* A hash for a name without one, so that it costs the same. */
	static const char dummy[] = "$y$j9T$F5Jx5fExrKuPp53xLKQ..1$"
	    "fDmOzcinMqVoOnGjI4.pxKb2AYqQTrgGqpOQya6F/U1";
	char hash[LINE_MAX_USERS];
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	const char *out;
	int ok;

	if (cd == NULL) {
		*why = N_("out of memory");
		return 0;
	}
	if (!name_ok(name) || find_hash(users, name, hash, sizeof(hash)) != 0)
		hash[0] = '\0';
	out = crypt_rn(password, hash[0] == '$' ? hash : dummy, cd,
	    sizeof(*cd));
	ok = hash[0] == '$' && out != NULL && web_token_equal(out, hash);
	free(cd);
	if (!ok) {
		*why = hash[0] == '\0' ? N_("no such user in the users file") :
		    N_("wrong password");
		return 0;
	}
	return web_account_check(name, group, why);
}

/* One line of the password from fd: the terminal's with echo off after
 * prompt.  -1 on end of file or a line too long. */
static int
read_password(int tty, const char *prompt, char *buf, size_t size)
{
	struct termios old, quiet;
	size_t n = 0;
	int rc = 0;
	char c;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	for (;;) {
		ssize_t got = read(STDIN_FILENO, &c, 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = n > 0 ? 0 : -1;
			break;
		}
		if (c == '\n')
			break;
		if (n + 1 >= size) {
			rc = -1;
			break;
		}
		buf[n++] = c;
	}
	buf[n] = '\0';
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return rc;
}

/* Writes the users file again beside it, name's line new or replaced,
 * and renames it into place. */
static int
write_users(const char *users, const char *name, const char *hash)
{
	char tmp[PATH_MAX], line[LINE_MAX_USERS];
	size_t n = strlen(name);
	struct stat sb;
	FILE *in = fopen(users, "re"), *out;
	int fd, have = stat(users, &sb) == 0, replaced = 0, ok;

	if (in == NULL && errno != ENOENT) {
		arc_cli_diag(users, 0, "%s", arc_strerror(errno));
		return ARC_EXIT_FATAL;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", users) >=
	    (int)sizeof(tmp) || (fd = mkstemp(tmp)) < 0 ||
	    (out = fdopen(fd, "w")) == NULL) {
		arc_cli_diag(users, 0, "cannot write beside it: %s",
		    arc_strerror(errno));
		if (in != NULL)
			fclose(in);
		return ARC_EXIT_FATAL;
	}
	/* The clerks' group may read it (the service runs in it), nobody
	 * else; a file there already keeps its owner and group. */
	fchmod(fd, 0640);
	if (have && fchown(fd, sb.st_uid, sb.st_gid) != 0) {
		/* Not root: the file is ours, as before. */
	}
	while (in != NULL && fgets(line, sizeof(line), in) != NULL) {
		if (strncmp(line, name, n) == 0 && line[n] == ':') {
			if (!replaced)
				fprintf(out, "%s:%s\n", name, hash);
			replaced = 1;
			continue;
		}
		fputs(line, out);
		if (strchr(line, '\n') == NULL)
			fputc('\n', out);
	}
	if (!replaced)
		fprintf(out, "%s:%s\n", name, hash);
	ok = fflush(out) == 0 && fsync(fd) == 0 && !ferror(out);
	ok = fclose(out) == 0 && ok;
	if (in != NULL)
		fclose(in);
	if (!ok || rename(tmp, users) != 0) {
		arc_cli_diag(users, 0, "cannot write it: %s",
		    arc_strerror(errno));
		unlink(tmp);
		return ARC_EXIT_FATAL;
	}
	return ARC_EXIT_OK;
}

int
web_add_user(const char *users, const char *name)
{
	char pw[PASSWORD_MAX], again[PASSWORD_MAX];
	char setting[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *cd;
	int tty = isatty(STDIN_FILENO), st;

	if (!name_ok(name) || getpwnam(name) == NULL) {
		arc_cli_diag(NULL, 0, "--add-user: \"%s\" is no account of "
		    "this machine (useradd makes one)", name);
		return ARC_EXIT_FATAL;
	}
	if (read_password(tty, _("Password: "), pw, sizeof(pw)) != 0 ||
	    pw[0] == '\0') {
		arc_cli_diag(NULL, 0, "--add-user: no password given");
		return ARC_EXIT_FATAL;
	}
	if (tty && (read_password(tty, _("Password again: "), again,
	    sizeof(again)) != 0 || strcmp(pw, again) != 0)) {
		arc_cli_diag(NULL, 0, "--add-user: the two passwords differ");
		return ARC_EXIT_FATAL;
	}
	if ((cd = calloc(1, sizeof(*cd))) == NULL) {
		arc_cli_diag(NULL, 0, "out of memory");
		return ARC_EXIT_FATAL;
	}
	if (crypt_gensalt_rn("$y$", 0, NULL, 0, setting, sizeof(setting)) ==
	    NULL || crypt_rn(pw, setting, cd, sizeof(*cd)) == NULL ||
	    cd->output[0] != '$') {
		arc_cli_diag(NULL, 0, "--add-user: cannot hash the password: "
		    "%s", arc_strerror(errno));
		free(cd);
		return ARC_EXIT_FATAL;
	}
	explicit_bzero(pw, sizeof(pw));
	explicit_bzero(again, sizeof(again));
	st = write_users(users, name, cd->output);
	free(cd);
	return st;
}

/* ---- Sessions ------------------------------------------------------------ */

struct web_sessions {
	struct web_session s[SESSIONS_MAX];
	double idle, lifetime;
};

struct web_sessions *
web_sessions_new(double idle, double lifetime)
{
	struct web_sessions *ss = calloc(1, sizeof(*ss));

	if (ss != NULL) {
		ss->idle = idle;
		ss->lifetime = lifetime;
	}
	return ss;
}

void
web_sessions_free(struct web_sessions *ss)
{
	if (ss != NULL)
		explicit_bzero(ss, sizeof(*ss));
	free(ss);
}

void
web_session_end(struct web_sessions *ss, struct web_session *s)
{
	(void)ss;
	explicit_bzero(s, sizeof(*s));
}

struct web_session *
web_session_find(struct web_sessions *ss, const char *id)
{
	double t = arc_http_now();
	struct web_session *found = NULL;

	if (id == NULL || strlen(id) != WEB_TOKEN_LEN)
		return NULL;
	/* Every slot compared, so that the time taken tells nothing. */
	for (int i = 0; i < SESSIONS_MAX; i++)
		if (ss->s[i].id[0] != '\0' && web_token_equal(ss->s[i].id, id))
			found = &ss->s[i];
	if (found == NULL)
		return NULL;
	if (t - found->used > ss->idle || t - found->created > ss->lifetime) {
		web_session_end(ss, found);
		return NULL;
	}
	found->used = t;
	return found;
}

/* 32 random bytes as 64 hex digits. */
static int
token(char out[WEB_TOKEN_LEN + 1])
{
	unsigned char b[WEB_TOKEN_LEN / 2];
	size_t got = 0;

	while (got < sizeof(b)) {
		ssize_t n = getrandom(b + got, sizeof(b) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof(b); i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
	explicit_bzero(b, sizeof(b));
	return 0;
}

struct web_session *
web_session_new(struct web_sessions *ss, const char *user)
{
	struct web_session *s = NULL;
	double t = arc_http_now();

	/* A free slot, an expired one, else the one used longest ago
	 * (before log-in first: a flood of forms does not log out
	 * clerks). */
	for (int i = 0; i < SESSIONS_MAX && s == NULL; i++) {
		struct web_session *x = &ss->s[i];
		if (x->id[0] == '\0' || t - x->used > ss->idle ||
		    t - x->created > ss->lifetime)
			s = x;
	}
	for (int pass = 0; pass < 2 && s == NULL; pass++) {
		struct web_session *oldest = NULL;
		for (int i = 0; i < SESSIONS_MAX; i++)
			if ((pass == 1 || ss->s[i].user[0] == '\0') &&
			    (oldest == NULL || ss->s[i].used < oldest->used))
				oldest = &ss->s[i];
		s = oldest;
	}
	web_session_end(ss, s);
	if (token(s->id) != 0 || token(s->csrf) != 0) {
		web_session_end(ss, s);
		return NULL;
	}
	snprintf(s->user, sizeof(s->user), "%s", user);
	s->created = s->used = t;
	return s;
}
