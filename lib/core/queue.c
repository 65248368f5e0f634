/* queue.c: work done by a few threads and handed back in the order it was given, with bounded memory. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arc_core.h"

/* Items done that wake a submitter waiting for room (or fewer: an eighth
 * of those held, plus one): waking it for each one, when the workers are
 * the slower side, cost a wait and a wake-up an item. */
#define ROOM_AT_ONCE 64

enum slot_state { SLOT_QUEUED, SLOT_TAKEN, SLOT_DONE };

struct slot {
	void *item;
	size_t bytes;
	enum slot_state state;
};

struct worker {
	struct arc_queue *q;
	void *ctx;
	pthread_t thread;
};

struct arc_queue {
	pthread_mutex_t lock;
	pthread_cond_t work;       /* a slot was queued, or shutdown */
	pthread_cond_t done;       /* a slot is done */
	struct slot *ring;
	size_t cap;
	size_t head, tail;         /* sequence numbers in flight:
	                            * [head, tail) */
	size_t next;               /* next sequence number a worker looks at */
	size_t bytes, max_bytes;   /* the items' in flight, and at most */
	size_t wanted;             /* done items at the head the submitter
	                            * waits for; 0: it does not wait */
	int shutdown, stopped;
	arc_queue_run_fn run;
	arc_queue_done_fn done_fn;
	void *ctx;
	struct worker *workers;
	int nworkers;
};

/* Are the oldest items done, which only the submitter hands back and in
 * order, as many as it waits for?  An item done behind one still being
 * worked on frees no room. */
static int
enough_done(const struct arc_queue *q)
{
	size_t n = 0;

	/* wanted is never more than the items held (room_wanted), which
	 * do not change while the one submitter waits. */
	while (n < q->wanted && q->ring[(q->head + n) % q->cap].state ==
	    SLOT_DONE)
		n++;
	return q->wanted > 0 && n == q->wanted;
}

static size_t
room_wanted(const struct arc_queue *q)
{
	size_t held = q->tail - q->head;

	return held / 8 < ROOM_AT_ONCE ? held / 8 + 1 : ROOM_AT_ONCE;
}

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct arc_queue *q = w->q;
	struct slot *sl;

	pthread_mutex_lock(&q->lock);
	for (;;) {
		while (q->next < q->tail &&
		    q->ring[q->next % q->cap].state != SLOT_QUEUED)
			q->next++;
		if (q->next == q->tail) {
			if (q->shutdown)
				break;
			pthread_cond_wait(&q->work, &q->lock);
			continue;
		}
		sl = &q->ring[q->next++ % q->cap];
		sl->state = SLOT_TAKEN;
		pthread_mutex_unlock(&q->lock);
		q->run(w->ctx, sl->item);
		pthread_mutex_lock(&q->lock);
		sl->state = SLOT_DONE;
		if (enough_done(q))
			pthread_cond_broadcast(&q->done);
	}
	pthread_mutex_unlock(&q->lock);
	return NULL;
}

struct arc_queue *
arc_queue_new(void *const *worker_ctx, int nworkers, size_t depth,
    size_t max_bytes, arc_queue_run_fn run, arc_queue_done_fn done,
    void *ctx)
{
	struct arc_queue *q = calloc(1, sizeof(*q));

	if (q == NULL)
		return NULL;
	/* Two items per worker keep every worker busy while the oldest item
	 * waits for the slowest; more only hold memory, unless the done
	 * calls take long (then the workers get ahead by depth). */
	q->cap = (size_t)nworkers * 2 + 2;
	if (depth > q->cap)
		q->cap = depth;
	q->ring = calloc(q->cap, sizeof(*q->ring));
	q->workers = calloc((size_t)nworkers, sizeof(*q->workers));
	if (q->ring == NULL || q->workers == NULL) {
		free(q->ring);
		free(q->workers);
		free(q);
		return NULL;
	}
	q->max_bytes = max_bytes;
	q->run = run;
	q->done_fn = done;
	q->ctx = ctx;
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->work, NULL);
	pthread_cond_init(&q->done, NULL);
	for (; q->nworkers < nworkers; q->nworkers++) {
		struct worker *w = &q->workers[q->nworkers];
		w->q = q;
		w->ctx = worker_ctx[q->nworkers];
		if (pthread_create(&w->thread, NULL, worker_main, w) != 0)
			break;
	}
	if (q->nworkers == 0) {
		arc_queue_finish(q);
		return NULL;
	}
	return q;
}

/* Hands the oldest items that are done back, in order.  Called and returns
 * with the lock held; after a stop, items are dropped unseen. */
static void
flush(struct arc_queue *q)
{
	while (q->head < q->tail &&
	    q->ring[q->head % q->cap].state == SLOT_DONE) {
		void *item = q->ring[q->head % q->cap].item;
		int stop;
		q->bytes -= q->ring[q->head++ % q->cap].bytes;
		pthread_mutex_unlock(&q->lock);
		stop = q->done_fn(q->ctx, item, q->stopped);
		pthread_mutex_lock(&q->lock);
		if (stop)
			q->stopped = 1;
	}
}

/* Is there no room for an item of this many bytes?  One alone always
 * has room, however large. */
static int
full(const struct arc_queue *q, size_t bytes)
{
	return q->tail - q->head == q->cap || (q->max_bytes > 0 &&
	    q->tail > q->head && q->bytes + bytes > q->max_bytes);
}

int
arc_queue_submit(struct arc_queue *q, void *item, int ready, size_t bytes)
{
	pthread_mutex_lock(&q->lock);
	flush(q);
	while (full(q, bytes)) {
		q->wanted = room_wanted(q);
		pthread_cond_wait(&q->done, &q->lock);
		q->wanted = 0;
		flush(q);
	}
	q->bytes += bytes;
	q->ring[q->tail % q->cap].bytes = bytes;
	q->ring[q->tail % q->cap].item = item;
	q->ring[q->tail % q->cap].state = ready ? SLOT_DONE : SLOT_QUEUED;
	q->tail++;
	if (ready)
		flush(q);
	else
		pthread_cond_signal(&q->work);
	int st = q->stopped ? ARC_FATAL : ARC_OK;
	pthread_mutex_unlock(&q->lock);
	return st;
}

int
arc_queue_collect(struct arc_queue *q)
{
	int st;

	pthread_mutex_lock(&q->lock);
	flush(q);
	st = q->stopped ? ARC_FATAL : ARC_OK;
	pthread_mutex_unlock(&q->lock);
	return st;
}

int
arc_queue_finish(struct arc_queue *q)
{
	int st;

	pthread_mutex_lock(&q->lock);
	for (flush(q); q->head < q->tail; flush(q)) {
		q->wanted = room_wanted(q);
		pthread_cond_wait(&q->done, &q->lock);
		q->wanted = 0;
	}
	q->shutdown = 1;
	pthread_cond_broadcast(&q->work);
	pthread_mutex_unlock(&q->lock);
	for (int i = 0; i < q->nworkers; i++)
		pthread_join(q->workers[i].thread, NULL);
	st = q->stopped ? ARC_FATAL : ARC_OK;
	pthread_cond_destroy(&q->done);
	pthread_cond_destroy(&q->work);
	pthread_mutex_destroy(&q->lock);
	free(q->ring);
	free(q->workers);
	free(q);
	return st;
}
