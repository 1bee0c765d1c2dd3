/*
 * Progress of long batches: a bar with count, rate and ETA redrawn on a
 * terminal; one plain line per item when stderr is not a terminal; nothing
 * with --quiet. Errors are printed through cli_progress_error() so they do
 * not collide with the bar.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_init(struct cli_progress *p, size_t total, bool quiet)
{
	p->total = total;
	p->done = 0;
	p->quiet = quiet;
	p->tty = isatty(STDERR_FILENO);
	p->drawn = false;
	p->start_s = now_s();
}

static void clear_bar(struct cli_progress *p)
{
	if (p->drawn)
		fputs("\r\033[K", stderr);
	p->drawn = false;
}

static void draw_bar(struct cli_progress *p)
{
	double elapsed = now_s() - p->start_s;
	double rate = elapsed > 0 ? (double)p->done / elapsed : 0;
	double eta = rate > 0 ? (double)(p->total - p->done) / rate : 0;
	int width = 30, filled = (int)((double)width * (double)p->done /
				       (double)(p->total ? p->total : 1));

	fprintf(stderr, "\r\033[K[%.*s%*s] %zu/%zu  %.1f files/s  ETA %d:%02d",
		filled, "##############################", width - filled, "",
		p->done, p->total, rate, (int)eta / 60, (int)eta % 60);
	p->drawn = true;
}

void cli_progress_step(struct cli_progress *p, const char *fmt, ...)
{
	va_list ap;

	p->done++;
	if (p->quiet || p->total < 2)
		return;
	if (p->tty) {
		draw_bar(p);
		return;
	}
	fprintf(stderr, "[%zu/%zu] ", p->done, p->total);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_progress_error(struct cli_progress *p, const struct siar_err *err)
{
	clear_bar(p);
	cli_report(err);
}

void cli_progress_finish(struct cli_progress *p)
{
	clear_bar(p);
}
