/* pqlib.c: libpq loaded with dlopen(3) when the first archive on a PostgreSQL server is opened, its functions into arc_pq (pg.h says why). */
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "pg.h"

/* Debian's libpq5; the soname every libpq since PostgreSQL 8.1 has. */
#define LIBPQ "libpq.so.5"

struct arc_pq arc_pq;

static const struct {
	const char *name;
	size_t at;
} functions[] = {
	{ "PQclear", offsetof(struct arc_pq, clear) },
	{ "PQcmdTuples", offsetof(struct arc_pq, cmd_tuples) },
	{ "PQconnectdb", offsetof(struct arc_pq, connectdb) },
	{ "PQerrorMessage", offsetof(struct arc_pq, error_message) },
	{ "PQexec", offsetof(struct arc_pq, exec) },
	{ "PQexecParams", offsetof(struct arc_pq, exec_params) },
	{ "PQfinish", offsetof(struct arc_pq, finish) },
	{ "PQfname", offsetof(struct arc_pq, fname) },
	{ "PQftype", offsetof(struct arc_pq, ftype) },
	{ "PQgetisnull", offsetof(struct arc_pq, getisnull) },
	{ "PQgetlength", offsetof(struct arc_pq, getlength) },
	{ "PQgetvalue", offsetof(struct arc_pq, getvalue) },
	{ "PQnfields", offsetof(struct arc_pq, nfields) },
	{ "PQntuples", offsetof(struct arc_pq, ntuples) },
	{ "PQresultErrorField", offsetof(struct arc_pq, result_error_field) },
	{ "PQresultStatus", offsetof(struct arc_pq, result_status) },
	{ "PQstatus", offsetof(struct arc_pq, status) },
	{ "PQtransactionStatus", offsetof(struct arc_pq, transaction_status) },
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
/* Why loading failed, or "": arc-web's threads may open archives at once,
 * and all of them are told. */
static char failure[512];

static void
load(void)
{
	struct arc_pq loaded;
	void *lib = dlopen(LIBPQ, RTLD_NOW | RTLD_LOCAL);

	if (lib == NULL) {
		snprintf(failure, sizeof(failure), "%s", dlerror());
		return;
	}
	for (size_t i = 0; i < sizeof(functions) / sizeof(*functions); i++) {
		void *fn = dlsym(lib, functions[i].name);
		if (fn == NULL) {
			snprintf(failure, sizeof(failure), "%s: no %s", LIBPQ,
			    functions[i].name);
			return;
		}
		/* A function pointer from dlsym's object pointer, as POSIX
		 * allows. */
		memcpy((char *)&loaded + functions[i].at, &fn, sizeof(fn));
	}
	arc_pq = loaded;
}

int
arc_pq_load(struct arc_error *err)
{
	pthread_once(&once, load);
	if (failure[0] != '\0')
		return arc_error_set(err, "cannot load the PostgreSQL client "
		    "library, which an archive on PostgreSQL needs (Debian's "
		    "libpq5): %s", failure), ARC_FATAL;
	return ARC_OK;
}
