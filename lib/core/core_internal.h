/* core_internal.h: the insides of record reading, shared by record.c and jsonquick.c. */
#ifndef ARC_CORE_INTERNAL_H
#define ARC_CORE_INTERNAL_H

#include "arc_core.h"

/* A JSON object read fast from valid UTF-8, or NULL when it is not sure
 * (errors included): then jansson must read it (jsonquick.c). */
json_t *arc_json_quick(const char *s, size_t len);

/*
 * The fields that identify the document ("path", "member", "sha256",
 * "size", "mtime", "mime") of the record a line begins with, read from
 * that beginning alone (the rest of a long line is not there): a new
 * object, or NULL when it names neither "path" nor "sha256", or names a
 * field twice.  Fields of the wrong type are left out.
 */
json_t *arc_record_identity_of_prefix(const char *line, size_t len);

#endif
