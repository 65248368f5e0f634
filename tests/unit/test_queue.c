/* test_queue.c: the ordered work queue hands every item back in order, and holds no more items' bytes than it was given (one item alone, however large), however deep. */
#include <stdlib.h>
#include <time.h>

#include "arc_core.h"
#include "check.h"

#define ITEMS 600

static int held, most_held, next_back, out_of_order;

static void
run(void *worker, void *item)
{
	struct timespec ms = { 0, 1000000 };

	(void)worker;
	(void)item;
	nanosleep(&ms, NULL);          /* the submitter gets ahead */
}

/* On the submitting thread, as submit is: no lock needed. */
static int
done(void *ctx, void *item, int stopped)
{
	(void)ctx;
	(void)stopped;
	if (*(int *)item != next_back++)
		out_of_order = 1;
	held--;
	return 0;
}

/* Submits ITEMS items of bytes each to a queue of depth and max_bytes,
 * every seventh ready (nothing to run) if said; returns the most items
 * that were held at once. */
static int
most_held_with(size_t depth, size_t max_bytes, size_t bytes, int some_ready)
{
	static int numbers[ITEMS];
	void *workers[2] = { NULL, NULL };
	struct arc_queue *q = arc_queue_new(workers, 2, depth, max_bytes, run,
	    done, NULL);

	held = most_held = next_back = out_of_order = 0;
	CHECK(q != NULL);
	if (q == NULL)
		return -1;
	for (int i = 0; i < ITEMS; i++) {
		numbers[i] = i;
		held++;
		CHECK(arc_queue_submit(q, &numbers[i], some_ready && i % 7 == 0,
		    bytes) == ARC_OK);
		if (held > most_held)
			most_held = held;
	}
	CHECK(arc_queue_finish(q) == ARC_OK);
	CHECK(next_back == ITEMS && held == 0 && !out_of_order);
	return most_held;
}

int
main(void)
{
	/* 60 bytes each, 100 at most: one at a time. */
	CHECK(most_held_with(16, 100, 60, 0) == 1);
	/* Larger than the whole budget: still one at a time, never stuck. */
	CHECK(most_held_with(16, 100, 500, 0) == 1);
	/* 250 bytes for items of 60: four. */
	CHECK(most_held_with(16, 250, 60, 0) <= 4);
	/* No budget: up to the depth, 16. */
	CHECK(most_held_with(16, 0, 60, 0) <= 16);
	/* A deep queue, which the submitter waits on for several items at
	 * once (up to 64), with items that are ready when queued. */
	CHECK(most_held_with(512, 0, 60, 1) <= 512);
	CHECK(most_held_with(512, 6000, 60, 1) <= 100);
	return CHECK_DONE();
}
