/*
 * siar serve --rebuild: a thread beside the HTTP server that keeps the
 * served site in step with the catalogue. It polls the catalogue's files
 * (the database and its WAL) once a second; when they changed and then
 * held still for a second, it builds the site again with
 * feed_build_site(), which writes beside the old site and swaps it in
 * whole, and which rewrites only what changed. The server looks the folder
 * up for every request, so the next request sees the new site.
 */
#include "cli.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

struct cli_rebuild {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	struct cli_ctx ctx;
	char *outdir;
	char *wal_path;
	struct feed_site_opts opts;
	bool quiet;
};

/* What the catalogue's files look like now: sizes and change times. */
struct stamp {
	long long size, sec, nsec, wal_size, wal_sec, wal_nsec;
};

static void stamp_of(const struct cli_rebuild *rb, struct stamp *s)
{
	struct stat st;

	memset(s, 0, sizeof(*s));
	if (!stat(rb->ctx.db_path, &st)) {
		s->size = (long long)st.st_size;
		s->sec = (long long)st.st_mtim.tv_sec;
		s->nsec = (long long)st.st_mtim.tv_nsec;
	}
	if (!stat(rb->wal_path, &st)) {
		s->wal_size = (long long)st.st_size;
		s->wal_sec = (long long)st.st_mtim.tv_sec;
		s->wal_nsec = (long long)st.st_mtim.tv_nsec;
	}
}

static bool stamp_same(const struct stamp *a, const struct stamp *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/* One build, as 'siar build' makes it; reported, never fatal. */
static void rebuild(struct cli_rebuild *rb)
{
	struct feed_site_stats stats;
	struct catalog *cat = NULL;
	struct siar_err err = {0};

	if (cli_open_catalog(&rb->ctx, false, &cat, &err) ||
	    cli_check_shows(cat, &err) ||
	    feed_build_site(cat, rb->outdir, &rb->opts, &stats, &err)) {
		fprintf(stderr, "siar: serve: not rebuilt, the old site stays: "
				"%s\n",
			err.msg);
	} else if (!rb->quiet) {
		fprintf(stderr,
			"siar: serve: built '%s': %zu files written, %zu "
			"removed\n",
			rb->outdir, stats.n_written, stats.n_removed);
	}
	catalog_close(cat);
}

/* Sleep a second, or less when asked to stop. True: go on. */
static bool wait_a_second(struct cli_rebuild *rb)
{
	struct timespec until;
	bool go_on;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 1;
	pthread_mutex_lock(&rb->lock);
	while (!rb->stop &&
	       pthread_cond_timedwait(&rb->wake, &rb->lock, &until) != ETIMEDOUT)
		;
	go_on = !rb->stop;
	pthread_mutex_unlock(&rb->lock);
	return go_on;
}

static void *run(void *arg)
{
	struct cli_rebuild *rb = arg;
	struct stamp built, seen, now;

	stamp_of(rb, &built);
	seen = built;
	while (wait_a_second(rb)) {
		stamp_of(rb, &now);
		/* Build once the writing has stopped for a second. */
		if (stamp_same(&now, &seen) && !stamp_same(&now, &built)) {
			rebuild(rb);
			built = now;
		}
		seen = now;
	}
	return NULL;
}

void cli_rebuild_stop(struct cli_rebuild *rb)
{
	if (!rb)
		return;
	pthread_mutex_lock(&rb->lock);
	rb->stop = true;
	pthread_cond_signal(&rb->wake);
	pthread_mutex_unlock(&rb->lock);
	pthread_join(rb->thread, NULL);
	pthread_cond_destroy(&rb->wake);
	pthread_mutex_destroy(&rb->lock);
	free(rb->outdir);
	free(rb->wal_path);
	free(rb);
}

int cli_rebuild_start(const struct cli_ctx *ctx, const char *outdir,
		      const struct feed_site_opts *opts, bool quiet,
		      struct cli_rebuild **out, struct siar_err *err)
{
	struct cli_rebuild *rb = calloc(1, sizeof(*rb));
	struct siar_buf wal;
	sigset_t all, old;
	int e;

	*out = NULL;
	if (!rb)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	siar_buf_init(&wal, 0);
	siar_buf_addf(&wal, "%s-wal", ctx->db_path);
	rb->wal_path = siar_buf_detach(&wal);
	siar_buf_release(&wal);
	rb->outdir = siar_strdup(outdir);
	rb->ctx = *ctx;
	rb->opts = *opts;
	rb->quiet = quiet;
	if (!rb->wal_path || !rb->outdir) {
		free(rb->wal_path);
		free(rb->outdir);
		free(rb);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&rb->lock, NULL);
	pthread_cond_init(&rb->wake, NULL);
	/* The first build before serving, so there is a site to serve. */
	rebuild(rb);
	/* SIGINT and SIGTERM are the server's: the thread never takes them. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	e = pthread_create(&rb->thread, NULL, run, rb);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e) {
		pthread_cond_destroy(&rb->wake);
		pthread_mutex_destroy(&rb->lock);
		free(rb->wal_path);
		free(rb->outdir);
		free(rb);
		return siar_err_set(err, SIAR_EIO, "cannot start a thread: %s",
				    strerror(e));
	}
	*out = rb;
	return SIAR_OK;
}
