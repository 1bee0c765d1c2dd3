/*
 * siar feed: write a show's RSS feed to standard output, or atomically to a
 * file (a temporary file renamed into place, so a podcast app polling it
 * never reads half a feed).
 */
#include "cli.h"

#include <stdio.h>

#include "../feed/feed.h"

static const char usage[] = "feed [-o FILE] [--self-url URL] SLUG";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Write the podcast RSS feed of show SLUG: every published "
	       "episode whose\ntime has come, newest first.\n\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of "
	       "standard output\n"
	       "  --self-url URL     the feed's public URL (default: the "
	       "show's base URL\n"
	       "                     followed by /feed.xml)\n",
	       usage);
	return CLI_EXIT_OK;
}

static int write_feed(struct catalog *cat, const char *slug,
		      const struct feed_opts *fo, const char *path,
		      struct siar_err *err)
{
	struct siar_atomic a;

	if (!path)
		return feed_write_rss(cat, slug, fo, stdout, err);
	if (siar_atomic_open(&a, path, err))
		return err->code;
	if (feed_write_rss(cat, slug, fo, a.fp, err)) {
		siar_atomic_abort(&a);
		return err->code;
	}
	return siar_atomic_commit(&a, err);
}

int cmd_feed(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"self-url", required_argument, NULL, 's'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog *cat = NULL;
	struct feed_opts fo;
	struct siar_err err = {0};
	const char *path = NULL;
	int c, rc = CLI_EXIT_OK;

	feed_opts_init(&fo);
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":ho:", opts)) != -1) {
		if (c == 'h')
			return print_help();
		else if (c == 'o')
			path = optarg;
		else if (c == 's')
			fo.self_url = optarg;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 1) {
		cli_error("feed: give exactly one show SLUG");
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    write_feed(cat, argv[optind], &fo, path, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
