/*
 * siar report: the publishing rhythm of one show, one office's shows or
 * every show, over a period, in text, Markdown, CSV, JSON or HTML.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../feed/feed.h"

static const char usage[] =
	"report [--show SLUG] [--office NAME] [--from DATE] [--to DATE]\n"
	"       [--format text|md|csv|json|html] [--lang id|en] [-o FILE]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Report each show's publishing rhythm over a period: the "
	       "periods of its\ncadence met and missed, the longest gap, the "
	       "current streak, the next due\ndate and whether it is overdue; "
	       "episodes, videos and minutes published;\nnew and returning "
	       "guests and their organisations; topics; what waits for\n"
	       "review and how long review took. Ends with one row per office,"
	       " grouped\nby region.\n\n"
	       "  --show SLUG        only this show\n"
	       "  --office NAME      only the shows of this office\n"
	       "  --from DATE        first day, YYYY-MM-DD (default: 90 days "
	       "ago)\n"
	       "  --to DATE          last day, YYYY-MM-DD (default: now)\n"
	       "                     Dates are each show's local dates.\n"
	       "  --format F         text (default), md, csv, json or html (one"
	       " page with\n"
	       "                     charts, for printing on A4)\n"
	       "  --lang L           labels in Indonesian (id, default) or "
	       "English (en)\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of "
	       "standard output\n",
	       usage);
	return CLI_EXIT_OK;
}

struct report_args {
	const char *show;
	const char *office;
	const char *from;
	const char *to;
	const char *output;
	struct feed_report_opts fo;
};

/* The reports being gathered, one per show. */
struct reports {
	struct catalog *cat;
	const struct report_args *a;
	struct catalog_show_report *v;
	size_t n, cap;
};

#define DAY_S ((int64_t)86400)

/* Local midnight of "YYYY-MM-DD" in 'tz'; 'next' gives the day after. */
static int parse_day(const char *opt, const char *text, const char *tz,
		     bool next, int64_t *out, struct siar_err *err)
{
	char buf[32];
	int64_t t;

	struct siar_err ignored = {0};

	if (strlen(text) != 10 ||
	    snprintf(buf, sizeof(buf), "%s 00:00", text) >= (int)sizeof(buf) ||
	    siar_time_parse_local(buf, tz, &t, &ignored))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad %s '%s': expected YYYY-MM-DD", opt,
				    text);
	/* Noon of the next day, back to its midnight: DST-proof. */
	if (next) {
		struct siar_tm tm;

		if (siar_time_to_local(t + DAY_S + 12 * 3600, tz, &tm, err))
			return err->code;
		snprintf(buf, sizeof(buf), "%04d-%02d-%02d 00:00", tm.year,
			 tm.month, tm.day);
		if (siar_time_parse_local(buf, tz, &t, err))
			return err->code;
	}
	*out = t;
	return SIAR_OK;
}

/* The period of the report in the show's zone. */
static int period(const struct report_args *a, const struct catalog_show *s,
		  int64_t now, int64_t *from, int64_t *to, struct siar_err *err)
{
	char day[SIAR_DAY_MAX];

	/* Up to and including this second. */
	*to = now + 1;
	if (a->to && parse_day("--to", a->to, s->timezone, true, to, err))
		return err->code;
	if (a->from)
		return parse_day("--from", a->from, s->timezone, false, from,
				 err);
	if (siar_time_day(day, *to - 90 * DAY_S, s->timezone, err))
		return err->code;
	return parse_day("--from", day, s->timezone, false, from, err);
}

/* A catalog_show_fn: the report of each show the options select. */
static int gather(const struct catalog_show *s, void *ctx,
		  struct siar_err *err)
{
	struct reports *r = ctx;
	struct catalog_show_report *grown;
	int64_t from = 0, to = 0;
	size_t cap;

	if (r->a->show && strcmp(s->slug, r->a->show))
		return SIAR_OK;
	if (r->a->office &&
	    (!s->office_name || strcmp(s->office_name, r->a->office)))
		return SIAR_OK;
	if (period(r->a, s, catalog_now(r->cat), &from, &to, err))
		return err->code;
	if (to <= from)
		return siar_err_set(err, SIAR_EINVAL,
				    "--to is before --from");
	if (r->n == r->cap) {
		cap = r->cap ? r->cap * 2 : 8;
		grown = realloc(r->v, cap * sizeof(*grown));
		if (!grown)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		r->v = grown;
		r->cap = cap;
	}
	if (catalog_show_report(r->cat, s->slug, from, to, &r->v[r->n], err))
		return err->code;
	r->n++;
	return SIAR_OK;
}

static int write_report(const struct reports *r, const char *path,
			const struct feed_report_opts *fo, struct siar_err *err)
{
	struct siar_atomic at;

	if (!path)
		return feed_write_report(r->v, r->n, fo, stdout, err);
	if (siar_atomic_open(&at, path, err))
		return err->code;
	if (feed_write_report(r->v, r->n, fo, at.fp, err)) {
		siar_atomic_abort(&at);
		return err->code;
	}
	return siar_atomic_commit(&at, err);
}

static int run(struct cli_ctx *ctx, const struct report_args *a,
	       struct siar_err *err)
{
	struct reports r = {NULL, a, NULL, 0, 0};
	size_t i;
	int rc;

	rc = cli_open_catalog(ctx, false, &r.cat, err);
	if (!rc)
		rc = catalog_show_each(r.cat, gather, &r, err);
	if (!rc && !r.n)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show matches: %s",
				  a->show     ? a->show
				  : a->office ? a->office
					      : "the catalogue has no shows");
	if (!rc)
		rc = write_report(&r, a->output, &a->fo, err);
	for (i = 0; i < r.n; i++)
		catalog_show_report_release(&r.v[i]);
	free(r.v);
	catalog_close(r.cat);
	return rc;
}

int cmd_report(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
		{"office", required_argument, NULL, 'O'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"format", required_argument, NULL, 'F'},
		{"lang", required_argument, NULL, 'l'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct report_args a;
	struct siar_err err = {0};
	int c;

	memset(&a, 0, sizeof(a));
	feed_report_opts_init(&a.fo);
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":ho:", opts)) != -1) {
		switch (c) {
		case 'h': return print_help();
		case 's': a.show = optarg; break;
		case 'O': a.office = optarg; break;
		case 'f': a.from = optarg; break;
		case 't': a.to = optarg; break;
		case 'o': a.output = optarg; break;
		case 'l':
			if (strcmp(optarg, "id") && strcmp(optarg, "en")) {
				cli_error("bad --lang '%s': expected id or en",
					  optarg);
				return cli_usage(usage);
			}
			a.fo.lang = optarg;
			break;
		case 'F':
			if (feed_report_format_parse(optarg, &a.fo.format)) {
				cli_error("bad --format '%s': expected text, "
					  "md, csv, json or html",
					  optarg);
				return cli_usage(usage);
			}
			break;
		default: return cli_usage(usage);
		}
	}
	if (optind != argc) {
		cli_error("report: unexpected argument '%s'", argv[optind]);
		return cli_usage(usage);
	}
	if (run(ctx, &a, &err)) {
		cli_report(&err);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}
