/*
 * siar topic: the topics episodes are filed under (they become the feed's
 * categories): add, list with how many episodes each has, rename, and
 * merge one into another.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"topic add NAME\n"
	"       siar topic list [--json]\n"
	"       siar topic rename OLD NEW\n"
	"       siar topic merge FROM INTO";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "topic add NAME: add a topic (its slug, made from the name, "
	       "must be new).\n"
	       "topic list: every topic, by name: episodes, slug and name.\n"
	       "  --json             print a JSON array\n"
	       "topic rename OLD NEW: rename a topic (OLD by name or slug); "
	       "its slug follows.\n"
	       "topic merge FROM INTO: move FROM's episodes to INTO and "
	       "remove FROM.\n",
	       usage);
	return CLI_EXIT_OK;
}

static json_t *topic_json(const struct catalog_topic *t)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "id", json_integer(t->id));
	json_object_set_new(o, "name", cli_json_str(t->name));
	json_object_set_new(o, "slug", cli_json_str(t->slug));
	json_object_set_new(o, "episodes", json_integer(t->n_episodes));
	return o;
}

static int list_one(const struct catalog_topic *t, void *ctx,
		    struct siar_err *err)
{
	json_t *array = ctx;

	if (array)
		return cli_json_append(array, topic_json(t), err);
	printf("%8lld  %-24s  %s\n", (long long)t->n_episodes, t->slug,
	       t->name);
	return SIAR_OK;
}

static void list_header(void)
{
	printf("%8s  %-24s  %s\n", "EPISODES", "SLUG", "NAME");
}

static int list_each(struct catalog *cat, json_t *array, struct siar_err *err)
{
	return catalog_topic_each(cat, list_one, array, err);
}

static const struct cli_list topic_list = {
	.name = "topic list",
	.usage = usage,
	.help = print_help,
	.header = list_header,
	.each = list_each,
};

/* 'add NAME', 'rename OLD NEW' and 'merge FROM INTO': positional only. */
static int topic_change(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool add = !strcmp(argv[0], "add");
	bool rename = !strcmp(argv[0], "rename");
	int rc = CLI_EXIT_OK;

	if (argc == 2 && cli_is_help(argv[1]))
		return print_help();
	if (!cli_no_options(argc, argv))
		return cli_usage(usage);
	if (argc != (add ? 2 : 3)) {
		cli_error("topic %s: give %s", argv[0],
			  add ? "one NAME" : rename ? "OLD and NEW"
						    : "FROM and INTO");
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    (add && catalog_topic_add(cat, argv[1], NULL, &err)) ||
	    (rename && catalog_topic_rename(cat, argv[1], argv[2], &err)) ||
	    (!add && !rename &&
	     catalog_topic_merge(cat, argv[1], argv[2], &err))) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	} else if (add) {
		printf("added topic '%s'\n", argv[1]);
	} else {
		printf("%s topic '%s' %s '%s'\n", rename ? "renamed" : "merged",
		       argv[1], rename ? "to" : "into", argv[2]);
	}
	catalog_close(cat);
	return rc;
}

int cmd_topic(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2) {
		cli_error("topic: say 'add', 'list', 'rename' or 'merge'");
		return cli_usage(usage);
	}
	if (cli_is_help(argv[1]))
		return print_help();
	if (!strcmp(argv[1], "list"))
		return cli_list_main(ctx, argc - 1, argv + 1, &topic_list);
	if (!strcmp(argv[1], "add") || !strcmp(argv[1], "rename") ||
	    !strcmp(argv[1], "merge"))
		return topic_change(ctx, argc - 1, argv + 1);
	cli_error("topic: unknown subcommand '%s'", argv[1]);
	return cli_usage(usage);
}
