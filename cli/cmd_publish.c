/*
 * siar publish: make an episode public now, or schedule it for a wall-clock
 * time in its show's time zone.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "publish [--at \"YYYY-MM-DD HH:MM\"] ID";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Publish episode ID now, or at a time given in the show's time "
	       "zone\n(default Asia/Jakarta). A future time schedules it: it "
	       "enters the feed\nwhen that time has come.\n\n"
	       "  --at TIME          \"YYYY-MM-DD HH:MM\" in the show's time "
	       "zone\n",
	       usage);
	return CLI_EXIT_OK;
}

/* Publish and say when, in the show's zone. */
static int publish(struct catalog *cat, int64_t id, const char *at,
		   struct siar_err *err)
{
	struct catalog_episode ep;
	struct catalog_show show;
	struct siar_buf when;
	int64_t at_unix;
	int rc;

	catalog_episode_init(&ep);
	catalog_show_init(&show);
	siar_buf_init(&when, 0);
	rc = catalog_episode_get(cat, id, &ep, err);
	if (!rc)
		rc = catalog_show_get(cat, ep.show_slug, &show, err);
	if (rc)
		goto out;
	at_unix = catalog_now(cat);
	if (at)
		rc = siar_time_parse_local(at, show.timezone, &at_unix, err);
	if (!rc)
		rc = catalog_episode_publish(cat, id, at_unix, err);
	if (!rc)
		rc = siar_time_rfc2822(&when, at_unix, show.timezone, err);
	if (rc)
		goto out;
	printf("%s episode %lld '%s' of '%s' %s %s\n",
	       at_unix > catalog_now(cat) ? "scheduled" : "published",
	       (long long)id, ep.title, show.slug,
	       at_unix > catalog_now(cat) ? "for" : "at", when.buf);
out:
	siar_buf_release(&when);
	catalog_show_release(&show);
	catalog_episode_release(&ep);
	return rc;
}

int cmd_publish(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"at", required_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	const char *at = NULL;
	long long id;
	int c, rc = CLI_EXIT_OK;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help();
		if (c != 'a')
			return cli_usage(usage);
		at = optarg;
	}
	if (optind != argc - 1) {
		cli_error("publish: give exactly one episode ID");
		return cli_usage(usage);
	}
	if (!cli_parse_uint("episode ID", argv[optind], INT64_MAX, &id))
		return CLI_EXIT_USAGE;
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    publish(cat, id, at, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
