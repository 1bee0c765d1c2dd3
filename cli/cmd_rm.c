/*
 * siar rm: remove an episode from the catalogue. Its media file stays on
 * disk and its log stays in the catalogue ('siar log ID' still reads it);
 * a published episode needs --force, since it leaves the feed.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] = "rm [--force] [--by NAME] [--note TEXT] ID";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Remove episode ID from the catalogue. Its media file is kept "
	       "on disk and\nits log is kept ('siar log ID').\n\n"
	       "  --force            remove it even if it is published (it "
	       "leaves the feed)\n"
	       "  --by NAME          who removes it, for the log (default: "
	       "$SIAR_USER, else\n"
	       "                     the login name)\n"
	       "  --note TEXT        why, for the log\n",
	       usage);
	return CLI_EXIT_OK;
}

static int remove_episode(struct catalog *cat, int64_t id, bool force,
			  const struct catalog_actor *who,
			  struct siar_err *err)
{
	struct catalog_episode ep;
	int rc;

	catalog_episode_init(&ep);
	rc = catalog_episode_get(cat, id, &ep, err);
	if (!rc)
		rc = catalog_episode_remove(cat, id, force, who, err);
	if (!rc)
		printf("removed episode %lld '%s' (media file kept: %s)\n",
		       (long long)id, ep.title, ep.media_path);
	catalog_episode_release(&ep);
	return rc;
}

int cmd_rm(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{"by", required_argument, NULL, 'b'},
		{"note", required_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog_actor who = {NULL, NULL};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool force = false;
	int64_t id;
	int c, rc;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":hf", opts)) != -1) {
		if (c == 'h')
			return print_help();
		else if (c == 'f')
			force = true;
		else if (c == 'b')
			who.name = optarg;
		else if (c == 'n')
			who.note = *optarg ? optarg : NULL;
		else
			return cli_usage(usage);
	}
	rc = cli_one_id("rm", usage, argc, argv, &id);
	if (rc)
		return rc;
	who.name = cli_actor(who.name);
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    remove_episode(cat, id, force, &who, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
