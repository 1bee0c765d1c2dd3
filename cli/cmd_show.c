/*
 * siar show: manage shows. 'add' and 'edit' (which share their options)
 * are in cli/show_edit.c; listing, removing, the help text and choosing
 * the subcommand are here.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"show add SLUG --title T --author A --base-url URL [OPTION...]\n"
	"       siar show edit SLUG [--slug NEW] [OPTION...]\n"
	"       siar show list [--json]\n"
	"       siar show rm SLUG [--force]";

int cli_show_usage(void)
{
	return cli_usage(usage);
}

static void print_options(void)
{
	fputs("  --title T          the show's title (required for add)\n"
	      "  --author A         who makes it, e.g. the office (required)\n"
	      "  --base-url URL     where its media files are served "
	      "(required)\n"
	      "  --description D    what the show is about\n"
	      "  --language L       language code, default 'id'\n"
	      "  --category C       Apple Podcasts category, e.g. "
	      "\"Government\"\n"
	      "  --subcategory S    Apple subcategory of the category\n"
	      "  --image FILE|URL   square cover art, 1400-3000 px JPEG/PNG: a\n"
	      "                     file published beside the feed, or the URL\n"
	      "                     of artwork hosted elsewhere\n"
	      "  --owner-name N     owner's name (Apple contact)\n"
	      "  --owner-email E    owner's email (Apple contact)\n"
	      "  --link URL         the show's website\n"
	      "  --apple-url URL, --spotify-url URL, --pocketcasts-url URL\n"
	      "                     the show's page in each app, for the "
	      "site's\n"
	      "                     subscribe links\n"
	      "  --timezone TZ      time zone for dates, default "
	      "Asia/Jakarta\n"
	      "  --medium M         Podcasting 2.0 medium, default podcast\n"
	      "  --type T           episodic (default) or serial\n"
	      "  --copyright C      copyright notice\n"
	      "  --cadence C        daily, weekly (default), biweekly or "
	      "monthly\n"
	      "  --office NAME      the office the show belongs to\n"
	      "  --level L          national, province or district\n"
	      "  --region R         the office's region, e.g. \"Jawa "
	      "Tengah\"\n"
	      "  --host NAME        credit NAME as a host; repeat for more\n"
	      "  --host-role ROLE   credit the --host people with this "
	      "Podcasting 2.0 role\n"
	      "                     instead, e.g. \"co-host\"\n"
	      "  --explicit, --no-explicit  explicit content or not\n"
	      "  --review, --no-review      episodes need approval before "
	      "publishing\n"
	      "                     (the default) or not\n"
	      "  --json             print the show as JSON\n",
	      stdout);
}

int cli_show_help(void)
{
	printf("usage: siar %s\n\n"
	       "show add SLUG: create a show. SLUG is its short name in URLs "
	       "and commands\n(lowercase letters, digits and '-').\n"
	       "show edit SLUG: change the fields given; an empty value "
	       "clears an optional\nfield. --slug NEW renames the show.\n\n",
	       usage);
	print_options();
	printf("\nshow list: list the shows (slug, office, cadence, review, "
	       "title).\n"
	       "  --json             print a JSON array\n\n"
	       "show rm SLUG: remove a show that has no episodes.\n"
	       "  --force            remove its episodes too (their media "
	       "files stay on disk)\n");
	return CLI_EXIT_OK;
}

static int print_show(const struct catalog_show *s, void *ctx,
		      struct siar_err *err)
{
	json_t *array = ctx;

	if (array)
		return cli_json_append(array, cli_show_json(s), err);
	printf("%-24s  %-28s  %-8s  %-6s  %s\n", s->slug,
	       s->office_name ? s->office_name : "-",
	       s->cadence ? s->cadence : "weekly",
	       s->review_required ? "yes" : "no", s->title);
	return SIAR_OK;
}

static void list_header(void)
{
	printf("%-24s  %-28s  %-8s  %-6s  %s\n", "SLUG", "OFFICE", "CADENCE",
	       "REVIEW", "TITLE");
}

static int list_each(struct catalog *cat, json_t *array, struct siar_err *err)
{
	return catalog_show_each(cat, print_show, array, err);
}

static const struct cli_list show_list = {
	.name = "show list",
	.usage = usage,
	.help = cli_show_help,
	.header = list_header,
	.each = list_each,
};

static int remove_show(struct catalog *cat, const char *slug, bool force,
		       struct siar_err *err)
{
	size_t n = 0;

	if (cli_count_episodes(cat, slug, &n, err) ||
	    catalog_show_remove(cat, slug, force, err))
		return err->code;
	if (n)
		printf("removed show '%s' and its %zu episode%s (media files "
		       "kept)\n", slug, n, n == 1 ? "" : "s");
	else
		printf("removed show '%s'\n", slug);
	return SIAR_OK;
}

static int show_rm(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool force = false;
	int c, rc = CLI_EXIT_OK;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":hf", opts)) != -1) {
		if (c == 'h')
			return cli_show_help();
		if (c != 'f')
			return cli_usage(usage);
		force = true;
	}
	if (optind != argc - 1) {
		cli_error("show rm: give exactly one SLUG");
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    remove_show(cat, argv[optind], force, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}

int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2) {
		cli_error("show: say 'add', 'edit', 'list' or 'rm'");
		return cli_usage(usage);
	}
	if (cli_is_help(argv[1]))
		return cli_show_help();
	if (!strcmp(argv[1], "add"))
		return cli_show_add(ctx, argc - 1, argv + 1);
	if (!strcmp(argv[1], "edit"))
		return cli_show_edit(ctx, argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return cli_list_main(ctx, argc - 1, argv + 1, &show_list);
	if (!strcmp(argv[1], "rm"))
		return show_rm(ctx, argc - 1, argv + 1);
	cli_error("show: unknown subcommand '%s'", argv[1]);
	return cli_usage(usage);
}
