/*
 * siar list: the episodes of the catalogue, optionally filtered by show,
 * status, topic, person and publication date, as a table or a JSON array.
 * The filtering itself is catalog_episode_each()'s.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"list [--show SLUG] [--status S] [--topic T] [--person NAME]\n"
	"       [--from DATE] [--to DATE] [--limit N] [--json]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "List episodes, oldest first: ID, status, publication time (in "
	       "the show's\ntime zone), duration, show and title.\n\n"
	       "  --show SLUG        only this show's episodes\n"
	       "  --status S         only episodes in status S: draft, "
	       "in_review, approved,\n"
	       "                     published, unpublished or archived\n"
	       "  --topic T          only episodes with topic T (name or "
	       "slug)\n"
	       "  --person NAME      only episodes with NAME as guest or in "
	       "any other role\n"
	       "  --from DATE        only episodes published (or, if not "
	       "published, created)\n"
	       "                     on or after DATE, \"YYYY-MM-DD\"\n"
	       "  --to DATE          ... and on or before DATE\n"
	       "  --limit N          at most N episodes\n"
	       "  --json             a JSON array of episode objects\n\n"
	       "Dates are days in the time zone of --show's show, else "
	       "Asia/Jakarta.\n",
	       usage);
	return CLI_EXIT_OK;
}

struct list_opts {
	struct catalog_filter filter;
	const char *from;	/* "YYYY-MM-DD" or NULL */
	const char *to;
	bool json;
};

struct list_state {
	struct catalog *cat;
	struct catalog_show show;	/* the last episode's show, cached */
	json_t *array;			/* NULL: print a table */
};

static void print_row(const struct catalog_episode *ep, const char *tz)
{
	char when[32] = "-", dur[32];

	if (ep->status == CATALOG_STATUS_PUBLISHED)
		cli_format_local(ep->published_unix, tz, when, sizeof(when));
	cli_format_duration(ep->duration_ms, dur, sizeof(dur));
	printf("%5lld  %-11s  %-16s  %8s  %-16s  %s\n", (long long)ep->id,
	       catalog_status_name(ep->status), when, dur, ep->show_slug,
	       ep->title);
}

static int list_one(const struct catalog_episode *ep, void *ctx,
		    struct siar_err *err)
{
	struct list_state *st = ctx;
	const char *tz;

	if (cli_show_zone(st->cat, &st->show, ep->show_slug, &tz, err))
		return err->code;
	if (!st->array) {
		print_row(ep, tz);
		return SIAR_OK;
	}
	if (json_array_append_new(st->array, cli_episode_json(ep, tz)))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

static bool check_status(const char *s)
{
	int i;

	for (i = CATALOG_STATUS_DRAFT; i <= CATALOG_STATUS_ARCHIVED; i++)
		if (!strcmp(s, catalog_status_name((enum catalog_status)i)))
			return true;
	cli_error("bad --status '%s': expected draft, in_review, approved, "
		  "published, unpublished or archived", s);
	return false;
}

/* The form of a date; its zone comes later, with the catalogue. */
static bool check_date(const char *opt, const char *date)
{
	struct siar_err err = {0};
	char text[32];
	int64_t t;
	int n = snprintf(text, sizeof(text), "%s 00:00", date);

	if (n > 0 && (size_t)n < sizeof(text) && strlen(date) == 10 &&
	    !siar_time_parse_local(text, "UTC", &t, &err))
		return true;
	cli_error("bad %s '%s': expected a date, YYYY-MM-DD", opt, date);
	return false;
}

static bool parse_one(int c, struct list_opts *o)
{
	long long n;

	switch (c) {
	case 's': o->filter.show_slug = optarg; return true;
	case 'S':
		o->filter.status = optarg;
		return check_status(optarg);
	case 't': o->filter.topic = optarg; return true;
	case 'p': o->filter.person = optarg; return true;
	case 'f': o->from = optarg; return check_date("--from", optarg);
	case 'T': o->to = optarg; return check_date("--to", optarg);
	case 'l':
		if (!cli_parse_uint("--limit", optarg, 1000000000, &n))
			return false;
		o->filter.limit = (size_t)n;
		return true;
	case 'j': o->json = true; return true;
	default: return false;
	}
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct list_opts *o)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
		{"status", required_argument, NULL, 'S'},
		{"topic", required_argument, NULL, 't'},
		{"person", required_argument, NULL, 'p'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 'T'},
		{"limit", required_argument, NULL, 'l'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h') {
			print_help();
			return -1;
		}
		if (!parse_one(c, o))
			return cli_usage(usage);
	}
	if (optind != argc) {
		cli_error("list: unexpected argument '%s'", argv[optind]);
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

/* The start of day 'date' in 'tz', plus 'days'. */
static int day_start(const char *date, const char *tz, int days,
		     int64_t *out, struct siar_err *err)
{
	char text[32];

	snprintf(text, sizeof(text), "%s 00:00", date);
	if (siar_time_parse_local(text, tz, out, err))
		return err->code;
	*out += (int64_t)days * 86400;
	return SIAR_OK;
}

/* --from and --to as times, in the zone of --show's show. */
static int resolve_dates(struct list_state *st, struct list_opts *o,
			 struct siar_err *err)
{
	const char *tz = CLI_DEFAULT_TZ;

	if (!o->from && !o->to)
		return SIAR_OK;
	if (o->filter.show_slug &&
	    cli_show_zone(st->cat, &st->show, o->filter.show_slug, &tz, err))
		return err->code;
	if (o->from && day_start(o->from, tz, 0, &o->filter.from_unix, err))
		return err->code;
	/* --to is inclusive: up to the start of the next day. */
	if (o->to && day_start(o->to, tz, 1, &o->filter.to_unix, err))
		return err->code;
	return SIAR_OK;
}

/* A catalog_show_fn: warn about a show that is behind its cadence. */
static int warn_overdue(const struct catalog_show *s, void *ctx,
			struct siar_err *err)
{
	struct catalog *cat = ctx;
	struct catalog_rhythm r;
	int64_t now = catalog_now(cat);
	char last[SIAR_DAY_MAX];

	if (catalog_show_rhythm(cat, s->slug, now - 62 * 86400, now + 1, &r,
				err))
		return err->code;
	if (r.overdue && r.last_published_unix &&
	    !siar_time_day(last, r.last_published_unix, s->timezone, err))
		fprintf(stderr,
			"siar: warning: show '%s' is overdue: no episode "
			"since %s on a %s cadence\n",
			s->slug, last, r.cadence);
	catalog_rhythm_release(&r);
	return SIAR_OK;
}

/* After a listing on a terminal: the shows behind their rhythm. */
static void list_overdue(struct catalog *cat, const char *slug)
{
	struct siar_err err = {0};
	struct catalog_show show;

	fflush(stdout);
	if (!slug) {
		catalog_show_each(cat, warn_overdue, cat, &err);
		return;
	}
	catalog_show_init(&show);
	if (!catalog_show_get(cat, slug, &show, &err))
		warn_overdue(&show, cat, &err);
	catalog_show_release(&show);
}

int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct list_opts o;
	struct list_state st = {NULL, {0}, NULL};
	struct siar_err err = {0};
	int rc;

	memset(&o, 0, sizeof(o));
	rc = parse(argc, argv, &o);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	catalog_show_init(&st.show);
	if (o.json) {
		st.array = json_array();
		if (!st.array) {
			cli_error("out of memory");
			return CLI_EXIT_FAIL;
		}
	} else if (ctx->progress) {
		printf("%5s  %-11s  %-16s  %8s  %-16s  %s\n", "ID", "STATUS",
		       "PUBLISHED", "DURATION", "SHOW", "TITLE");
	}
	rc = CLI_EXIT_FAIL;
	if (cli_open_catalog(ctx, false, &st.cat, &err) ||
	    resolve_dates(&st, &o, &err) ||
	    catalog_episode_each(st.cat, &o.filter, list_one, &st, &err)) {
		cli_report(&err);
		json_decref(st.array);
		goto out;
	}
	rc = st.array ? cli_print_json(st.array, false) : CLI_EXIT_OK;
	if (!st.array && ctx->progress)
		list_overdue(st.cat, o.filter.show_slug);
out:
	catalog_show_release(&st.show);
	catalog_close(st.cat);
	return rc;
}
