/* error.c: the one way the library says why something failed. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "arc_core.h"
#include "arc_i18n.h"

static int
error_vset(struct arc_error *err, const char *fmt, va_list ap)
{
	const char *local;
	va_list again;

	if (err == NULL)
		return ARC_ERR;
	/* Messages name documents: masked, as every diagnostic. */
	va_copy(again, ap);
	arc_mask_vformat(err->message, sizeof(err->message), fmt, ap);
	/* Formatted again only when the user's language has its own. */
	if ((local = _(fmt)) == fmt)
		memcpy(err->local, err->message, sizeof(err->local));
	else
		arc_mask_vformat(err->local, sizeof(err->local), local, again);
	va_end(again);
	return ARC_ERR;
}

int
arc_error_set(struct arc_error *err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	error_vset(err, fmt, ap);
	va_end(ap);
	return ARC_ERR;
}

int
arc_error_sys(struct arc_error *err, int errnum, const char *fmt, ...)
{
	char reason[256], rest[sizeof(err->local)];
	const char *local;
	char *at;
	va_list ap;

	snprintf(reason, sizeof(reason), "%s", strerror(errnum));
	va_start(ap, fmt);
	error_vset(err, fmt, ap);
	va_end(ap);
	if (err == NULL || (local = arc_strerror(errnum)) == NULL ||
	    strcmp(local, reason) == 0 ||
	    (at = strstr(err->local, reason)) == NULL)
		return ARC_ERR;
	snprintf(rest, sizeof(rest), "%s", at + strlen(reason));
	snprintf(at, sizeof(err->local) - (size_t)(at - err->local), "%s%s",
	    local, rest);
	return ARC_ERR;
}

const char *
arc_error_text(const struct arc_error *err)
{
	return err->message[0] != '\0' && err->local[0] != '\0' ?
	    err->local : err->message;
}
