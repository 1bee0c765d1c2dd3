/*
 * Probing many files at once: a few worker threads call media_probe() (each
 * probe opens its own libavformat context, so they share nothing), and the
 * calling thread hands the results on in the order of the paths. A ring of
 * result slots bounds how far the workers may run ahead.
 *
 * Lives in the siar binary beside load.c: it calls media_probe() through
 * the loader like any other caller.
 */
#include "media.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS_PER_WORKER 4
#define MAX_WORKERS 64

struct slot {
	struct media_info info;
	struct siar_err err;
	int rc;
	bool done;
};

struct batch {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *const *paths;
	size_t n;
	size_t next;		/* next index a worker claims */
	size_t delivered;	/* results handed on so far */
	size_t window;		/* number of slots */
	struct slot *slots;	/* slot of index i: slots[i % window] */
	bool stop;
};

/* Claim the next index, or return false when there is no more work. */
static bool claim(struct batch *b, size_t *i)
{
	while (!b->stop && b->next < b->n &&
	       b->next >= b->delivered + b->window)
		pthread_cond_wait(&b->cv, &b->mu);
	if (b->stop || b->next >= b->n)
		return false;
	*i = b->next++;
	return true;
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	struct slot s;
	size_t i;

	pthread_mutex_lock(&b->mu);
	while (claim(b, &i)) {
		pthread_mutex_unlock(&b->mu);
		media_info_init(&s.info);
		siar_err_clear(&s.err);
		s.rc = media_probe(b->paths[i], &s.info, &s.err);
		s.done = true;
		pthread_mutex_lock(&b->mu);
		b->slots[i % b->window] = s;
		pthread_cond_broadcast(&b->cv);
	}
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

/* Wait for result 'i', move it out of its slot and free the slot. */
static void take(struct batch *b, size_t i, struct slot *out)
{
	struct slot *s = &b->slots[i % b->window];

	pthread_mutex_lock(&b->mu);
	while (!s->done)
		pthread_cond_wait(&b->cv, &b->mu);
	*out = *s;
	s->done = false;
	b->delivered = i + 1;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
}

static int deliver(struct batch *b, media_batch_fn fn, void *ctx,
		   struct siar_err *err)
{
	struct slot s;
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; !rc && i < b->n; i++) {
		take(b, i, &s);
		rc = fn(i, b->paths[i], s.rc, &s.info, &s.err, ctx, err);
		media_info_release(&s.info);
	}
	pthread_mutex_lock(&b->mu);
	b->stop = true;
	pthread_cond_broadcast(&b->cv);
	pthread_mutex_unlock(&b->mu);
	return rc;
}

/* Release results that were probed but never delivered (after a stop). */
static void drain(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->window; i++)
		if (b->slots[i].done)
			media_info_release(&b->slots[i].info);
}

int media_probe_batch(char *const *paths, size_t n, unsigned threads,
		      media_batch_fn fn, void *ctx, struct siar_err *err)
{
	struct batch b = {.paths = paths, .n = n};
	pthread_t tid[MAX_WORKERS];
	unsigned started = 0, i;
	int rc = SIAR_OK;

	if (threads < 1)
		threads = 1;
	if (threads > MAX_WORKERS)
		threads = MAX_WORKERS;
	b.window = (size_t)threads * SLOTS_PER_WORKER;
	b.slots = calloc(b.window, sizeof(*b.slots));
	if (!b.slots)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	pthread_mutex_init(&b.mu, NULL);
	pthread_cond_init(&b.cv, NULL);
	for (i = 0; i < threads; i++) {
		if (pthread_create(&tid[i], NULL, worker, &b))
			break;
		started++;
	}
	if (!started)
		rc = siar_err_set(err, SIAR_EIO, "cannot start a thread: %s",
				  strerror(errno));
	else
		rc = deliver(&b, fn, ctx, err);
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	drain(&b);
	pthread_cond_destroy(&b.cv);
	pthread_mutex_destroy(&b.mu);
	free(b.slots);
	return rc;
}
