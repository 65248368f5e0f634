/* pool.c: records read, processed by worker threads, and handed back in input order. */
#include <stdlib.h>

#include "arc_core.h"

struct item {
	json_t *rec;    /* NULL for a line the reader rejected (but one too
	                 * long that named its document: status ARC_ERR) */
	int status;
	struct arc_error err;
	const char *file;
	long line;
};

struct pool {
	arc_pool_work_fn work;
	arc_pool_done_fn done;
	void *ctx;
};

/* The queue hands workers only items; the work function rides along. */
struct worker {
	struct pool *pool;
	void *ctx;
};

static void
run(void *worker, void *arg)
{
	struct worker *w = worker;
	struct item *it = arg;

	it->status = w->pool->work(w->ctx, it->rec, &it->err);
}

static int
done(void *arg, void *item_arg, int stopped)
{
	struct pool *p = arg;
	struct item *it = item_arg;
	int stop = 0;

	if (!stopped)
		stop = p->done(p->ctx, it->rec, it->status, &it->err, it->file,
		    it->line);
	json_decref(it->rec);
	free(it);
	return stop;
}

int
arc_pool_run(struct arc_reader *r, void *const *worker_ctx, int nworkers,
    arc_pool_work_fn work, arc_pool_done_fn done_fn, void *ctx)
{
	struct pool p = { work, done_fn, ctx };
	struct worker *workers = calloc((size_t)nworkers, sizeof(*workers));
	void **wctx = calloc((size_t)nworkers, sizeof(*wctx));
	struct arc_queue *q = NULL;
	int st = ARC_FATAL;

	if (workers == NULL || wctx == NULL)
		goto out;
	for (int i = 0; i < nworkers; i++) {
		workers[i] = (struct worker){ &p, worker_ctx[i] };
		wctx[i] = &workers[i];
	}
	if ((q = arc_queue_new(wctx, nworkers, 0, 0, run, done, &p)) == NULL)
		goto out;
	for (st = ARC_OK; st == ARC_OK;) {
		struct item *it = calloc(1, sizeof(*it));
		if (it == NULL) {
			st = ARC_FATAL;
			break;
		}
		it->status = arc_reader_next(r, &it->rec, &it->err);
		it->file = arc_reader_file(r);
		it->line = arc_reader_line(r);
		if (it->status == ARC_EOF || it->status == ARC_FATAL) {
			st = it->status == ARC_EOF ? ARC_EOF : ARC_FATAL;
			free(it);
			break;
		}
		st = arc_queue_submit(q, it, it->status != ARC_OK, 0);
	}
	if (arc_queue_finish(q) != ARC_OK || st == ARC_FATAL)
		st = ARC_FATAL;
	else
		st = ARC_OK;
out:
	free(workers);
	free(wctx);
	return st;
}
