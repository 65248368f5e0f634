/* error.c: the one way the library says why something failed. */
#include <stdarg.h>
#include <string.h>

#include "arc_core.h"
#include "arc_i18n.h"

int
arc_error_set(struct arc_error *err, const char *fmt, ...)
{
	const char *local;
	va_list ap;

	if (err == NULL)
		return ARC_ERR;
	/* Messages name documents: masked, as every diagnostic. */
	va_start(ap, fmt);
	arc_mask_vformat(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	/* Formatted again only when the user's language has its own. */
	if ((local = _(fmt)) == fmt) {
		memcpy(err->local, err->message, sizeof(err->local));
		return ARC_ERR;
	}
	va_start(ap, fmt);
	arc_mask_vformat(err->local, sizeof(err->local), local, ap);
	va_end(ap);
	return ARC_ERR;
}

const char *
arc_error_text(const struct arc_error *err)
{
	return err->message[0] != '\0' && err->local[0] != '\0' ?
	    err->local : err->message;
}
