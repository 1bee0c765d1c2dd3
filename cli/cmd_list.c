/*
 * siar list: the episodes of the catalogue, optionally of one show, as a
 * table or a JSON array.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "list [--show SLUG] [--json]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "List episodes, oldest first: ID, status, publication time (in "
	       "the show's\ntime zone), duration, show and title.\n\n"
	       "  --show SLUG        only this show's episodes\n"
	       "  --json             a JSON array of episode objects\n",
	       usage);
	return CLI_EXIT_OK;
}

struct list_state {
	struct catalog *cat;
	struct catalog_show show;	/* the last episode's show, cached */
	json_t *array;			/* NULL: print a table */
};

/* Make st->show the show of 'slug' (episodes come grouped by show). */
static int load_show(struct list_state *st, const char *slug,
		     struct siar_err *err)
{
	if (st->show.slug && !strcmp(st->show.slug, slug))
		return SIAR_OK;
	catalog_show_release(&st->show);
	return catalog_show_get(st->cat, slug, &st->show, err);
}

static void print_row(const struct catalog_episode *ep, const char *tz)
{
	struct siar_err err = {0};
	struct siar_tm t;
	char when[32] = "-", dur[32];

	if (ep->status == CATALOG_STATUS_PUBLISHED &&
	    !siar_time_to_local(ep->published_unix, tz, &t, &err))
		snprintf(when, sizeof(when), "%04d-%02d-%02d %02d:%02d", t.year,
			 t.month, t.day, t.hour, t.minute);
	cli_format_duration(ep->duration_ms, dur, sizeof(dur));
	printf("%5lld  %-9s  %-16s  %8s  %-16s  %s\n", (long long)ep->id,
	       catalog_status_name(ep->status), when, dur, ep->show_slug,
	       ep->title);
}

static int list_one(const struct catalog_episode *ep, void *ctx,
		    struct siar_err *err)
{
	struct list_state *st = ctx;

	if (load_show(st, ep->show_slug, err))
		return err->code;
	if (!st->array) {
		print_row(ep, st->show.timezone);
		return SIAR_OK;
	}
	if (json_array_append_new(st->array,
				  cli_episode_json(ep, st->show.timezone)))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

static int parse(int argc, char **argv, struct catalog_filter *f, bool *json)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
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
		} else if (c == 's') {
			f->show_slug = optarg;
		} else if (c == 'j') {
			*json = true;
		} else {
			return cli_usage(usage);
		}
	}
	if (optind != argc) {
		cli_error("list: unexpected argument '%s'", argv[optind]);
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

int cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog_filter filter = {NULL, false};
	struct list_state st = {NULL, {0}, NULL};
	struct siar_err err = {0};
	bool json = false;
	int rc;

	rc = parse(argc, argv, &filter, &json);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	catalog_show_init(&st.show);
	if (json) {
		st.array = json_array();
		if (!st.array) {
			cli_error("out of memory");
			return CLI_EXIT_FAIL;
		}
	} else if (ctx->progress) {
		printf("%5s  %-9s  %-16s  %8s  %-16s  %s\n", "ID", "STATUS",
		       "PUBLISHED", "DURATION", "SHOW", "TITLE");
	}
	rc = CLI_EXIT_FAIL;
	if (cli_open_catalog(ctx, false, &st.cat, &err) ||
	    catalog_episode_each(st.cat, &filter, list_one, &st, &err)) {
		cli_report(&err);
		json_decref(st.array);
		goto out;
	}
	rc = st.array ? cli_print_json(st.array, false) : CLI_EXIT_OK;
out:
	catalog_show_release(&st.show);
	catalog_close(st.cat);
	return rc;
}
