/* pool.c: records processed by worker threads and written back in input order, with bounded memory. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arc.h"

enum item_state { ITEM_QUEUED, ITEM_TAKEN, ITEM_DONE };

struct item {
	json_t *rec;               /* NULL for a line the reader rejected */
	int status;
	struct arc_error err;
	const char *file;
	long line;
	enum item_state state;
};

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t work;       /* an item was queued, or shutdown */
	pthread_cond_t done;       /* an item is done */
	struct item *ring;
	size_t cap;
	size_t head, tail;         /* sequence numbers: [head, tail) in flight */
	size_t next;               /* next sequence number a worker looks at */
	int shutdown;
	arc_pool_work_fn work_fn;
};

struct worker {
	struct pool *pool;
	void *ctx;
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct pool *p = w->pool;
	struct item *it;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->next < p->tail &&
		    p->ring[p->next % p->cap].state != ITEM_QUEUED)
			p->next++;
		if (p->next == p->tail) {
			if (p->shutdown)
				break;
			pthread_cond_wait(&p->work, &p->lock);
			continue;
		}
		it = &p->ring[p->next++ % p->cap];
		it->state = ITEM_TAKEN;
		pthread_mutex_unlock(&p->lock);
		it->status = p->work_fn(w->ctx, it->rec, &it->err);
		pthread_mutex_lock(&p->lock);
		it->state = ITEM_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Hands the oldest items that are done to the callback, in order.  Called
 * and returns with the lock held. */
static int
flush(struct pool *p, arc_pool_done_fn done_fn, void *ctx, int *stopped)
{
	while (p->head < p->tail && p->ring[p->head % p->cap].state == ITEM_DONE) {
		struct item it = p->ring[p->head % p->cap];
		p->head++;
		pthread_mutex_unlock(&p->lock);
		if (!*stopped && done_fn(ctx, it.rec, it.status, &it.err,
		    it.file, it.line) != 0)
			*stopped = 1;
		json_decref(it.rec);
		pthread_mutex_lock(&p->lock);
	}
	return *stopped;
}

int
arc_pool_run(struct arc_reader *r, void *const *worker_ctx, int nworkers,
    arc_pool_work_fn work_fn, arc_pool_done_fn done_fn, void *ctx)
{
	struct pool p;
	struct worker *workers;
	pthread_t *threads;
	int started = 0, eof = 0, stopped = 0, st;

	memset(&p, 0, sizeof(p));
	/* Two items per worker keep every worker busy while output waits for
	 * the slowest; more would only hold memory. */
	p.cap = (size_t)nworkers * 2 + 2;
	p.ring = calloc(p.cap, sizeof(*p.ring));
	workers = calloc((size_t)nworkers, sizeof(*workers));
	threads = calloc((size_t)nworkers, sizeof(*threads));
	p.work_fn = work_fn;
	if (p.ring == NULL || workers == NULL || threads == NULL) {
		st = ARC_FATAL;
		goto out;
	}
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.work, NULL);
	pthread_cond_init(&p.done, NULL);
	for (; started < nworkers; started++) {
		workers[started].pool = &p;
		workers[started].ctx = worker_ctx[started];
		if (pthread_create(&threads[started], NULL, worker_main,
		    &workers[started]) != 0)
			break;
	}
	pthread_mutex_lock(&p.lock);
	while (!stopped && (!eof || p.head < p.tail)) {
		if (flush(&p, done_fn, ctx, &stopped))
			break;
		if (eof || p.tail - p.head == p.cap) {
			if (p.head < p.tail)
				pthread_cond_wait(&p.done, &p.lock);
			continue;
		}
		pthread_mutex_unlock(&p.lock);
		struct item it;
		memset(&it, 0, sizeof(it));
		it.status = arc_reader_next(r, &it.rec, &it.err);
		it.file = arc_reader_file(r);
		it.line = arc_reader_line(r);
		pthread_mutex_lock(&p.lock);
		if (it.status == ARC_EOF) {
			eof = 1;
			continue;
		}
		if (it.status == ARC_FATAL) {
			stopped = 1;
			break;
		}
		it.state = it.status == ARC_OK ? ITEM_QUEUED : ITEM_DONE;
		p.ring[p.tail++ % p.cap] = it;
		pthread_cond_signal(&p.work);
	}
	p.shutdown = 1;
	pthread_cond_broadcast(&p.work);
	pthread_mutex_unlock(&p.lock);
	for (int i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	/* After a stop, what is still in flight is dropped. */
	for (size_t i = p.head; i < p.tail; i++)
		json_decref(p.ring[i % p.cap].rec);
	pthread_cond_destroy(&p.done);
	pthread_cond_destroy(&p.work);
	pthread_mutex_destroy(&p.lock);
	st = stopped ? ARC_FATAL : started == nworkers ? ARC_OK : ARC_FATAL;
out:
	free(p.ring);
	free(workers);
	free(threads);
	return st;
}
