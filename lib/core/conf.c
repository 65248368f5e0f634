/* conf.c: the office's configuration file (arc.conf(5)), read by every program so that clerks need no variables. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arc_core.h"
#include "arc_i18n.h"

static const char *const keys[] = {
	"archive", "scan", "rules", "faq", "status", "copies", "office",
	"chat",
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

struct arc_conf {
	char *value[NKEYS];
	struct arc_place *at;
};

static char default_conf[PATH_MAX + sizeof("/arc/arc.conf")];

static void
find_default_conf(void)
{
	snprintf(default_conf, sizeof(default_conf), "%s/arc/arc.conf",
	    arc_sysconf_dir());
}

const char *
arc_conf_path(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *env = getenv("ARC_CONF");

	if (env != NULL && *env != '\0')
		return env;
	pthread_once(&once, find_default_conf);
	return default_conf;
}

static char *
trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/*
 * Is the setting a path, or (scan) paths apart by spaces?  Every one but
 * office is, from the root, since each program reads them from its own
 * folder; the archive may be a PostgreSQL server's address instead.
 */
static int
is_path(const char *name, const char *value)
{
	if (strcmp(name, "office") == 0)
		return 0;
	return strcmp(name, "archive") != 0 ||
	    (strncmp(value, "postgresql://", 13) != 0 &&
	    strncmp(value, "postgres://", 11) != 0);
}

static int
conf_line(void *arg, char *line)
{
	struct arc_conf *c = arg;
	char *name, *value, *eq;
	size_t i;

	name = trim(line);
	if (*name == '\0' || *name == '#')
		return ARC_OK;
	if ((eq = strchr(name, '=')) == NULL) {
		arc_place_error(c->at, "not a 'name = value' line");
		return ARC_OK;
	}
	*eq = '\0';
	name = trim(name);
	value = trim(eq + 1);
	if (*name == '\0') {
		arc_place_error(c->at, "no name before '='");
		return ARC_OK;
	}
	for (i = 0; i < NKEYS; i++)
		if (strcmp(name, keys[i]) == 0)
			break;
	if (i == NKEYS) {
		arc_place_warning(c->at, "unknown name '%s' (ignored)", name);
		return ARC_OK;
	}
	for (const char *p = value; is_path(name, value) && *p != '\0';
	    p += strcspn(p, " \t")) {
		p += strspn(p, " \t");
		if (*p != '\0' && *p != '/') {
			arc_place_error(c->at, "%s: '%s' is not an absolute "
			    "path (one from /)", name, value);
			return ARC_OK;
		}
	}
	free(c->value[i]);
	if ((c->value[i] = strdup(value)) == NULL)
		return ARC_FATAL;
	return ARC_OK;
}

int
arc_conf_read(const char *path, struct arc_conf **out, arc_diag_fn diag,
    void *ctx)
{
	struct arc_place at = { path, 0, diag, ctx, 0 };
	struct arc_conf *c;
	struct stat st;
	int rc;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return ARC_FATAL;
	/* No file is no setting: a program then uses its own defaults. */
	if (stat(path, &st) != 0 && errno == ENOENT) {
		*out = c;
		return ARC_OK;
	}
	c->at = &at;
	rc = arc_staff_file_read(&at, N_("configuration file"), 4096, conf_line,
	    c);
	c->at = NULL;
	if (rc == ARC_FATAL) {
		arc_conf_free(c);
		return ARC_FATAL;
	}
	*out = c;
	return at.errors > 0 ? ARC_ERR : ARC_OK;
}

const char *
arc_conf_value(const struct arc_conf *c, const char *name)
{
	if (c == NULL)
		return NULL;
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(name, keys[i]) == 0)
			return c->value[i] != NULL && *c->value[i] != '\0' ?
			    c->value[i] : NULL;
	return NULL;
}

void
arc_conf_free(struct arc_conf *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < NKEYS; i++)
		free(c->value[i]);
	free(c);
}

/* Keeps the first error as "file:line: message" for arc_conf_lookup. */
static void
first_error(void *ctx, const char *file, long line,
    enum arc_severity severity, const char *message)
{
	struct arc_error *err = ctx;

	if (severity != ARC_SEVERITY_ERROR || err->message[0] != '\0')
		return;
	if (line > 0)
		arc_error_set(err, "%s:%ld: %s", file, line, message);
	else
		arc_error_set(err, "%s: %s", file, message);
}

int
arc_conf_lookup(const char *name, char *buf, size_t size,
    struct arc_error *err)
{
	struct arc_conf *c;
	const char *value;
	int rc;

	buf[0] = '\0';
	err->message[0] = '\0';
	rc = arc_conf_read(arc_conf_path(), &c, first_error, err);
	if (rc == ARC_FATAL) {
		arc_conf_free(c);
		return arc_error_set(err, "out of memory");
	}
	if (rc == ARC_OK && (value = arc_conf_value(c, name)) != NULL)
		snprintf(buf, size, "%s", value);
	arc_conf_free(c);
	return rc;
}

int
arc_office_path(const char *name, char *buf, size_t size)
{
	struct stat st;

	/* The build tree's programs keep to the sources' share/. */
	if (!arc_share_in_build_tree()) {
		snprintf(buf, size, "%s/arc/%s", arc_sysconf_dir(), name);
		if (stat(buf, &st) == 0)
			return ARC_OK;
	}
	return arc_share_path(name, buf, size);
}
