/* error.c: the one way the library says why something failed. */
#include <stdarg.h>

#include "arc_core.h"

int
arc_error_set(struct arc_error *err, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL) {
		/* Messages name documents: masked, as every diagnostic. */
		va_start(ap, fmt);
		arc_mask_vformat(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return ARC_ERR;
}
