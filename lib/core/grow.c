/* grow.c: making room in an array that grows, with the overflow checked once here. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"

int
arc_grow(void *items, size_t *cap, size_t count, size_t more, size_t size)
{
	size_t want = *cap > 0 ? *cap : 8;
	void *array, *grown;

	if (more > SIZE_MAX - count)
		return ARC_FATAL;
	if (count + more <= *cap)
		return ARC_OK;
	while (want < count + more) {
		if (want > SIZE_MAX / 2)
			return ARC_FATAL;
		want *= 2;
	}
	if (size == 0 || want > SIZE_MAX / size)
		return ARC_FATAL;
	/* The array's pointer is a T *, read and written as its bytes: not
	 * through a void ** that would alias it. */
	memcpy(&array, items, sizeof(array));
	if ((grown = realloc(array, want * size)) == NULL)
		return ARC_FATAL;
	memcpy(items, &grown, sizeof(grown));
	*cap = want;
	return ARC_OK;
}
