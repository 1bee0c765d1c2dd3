/*
 * siar show add|list: create shows and list them.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
	"show add SLUG --title T --author A --base-url URL [OPTION...]\n"
	"       siar show list [--json]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "show add SLUG: create a show. SLUG is its short name in URLs "
	       "and commands\n(lowercase letters, digits and '-').\n"
	       "  --title T          the show's title (required)\n"
	       "  --author A         who makes it, e.g. the office (required)\n"
	       "  --base-url URL     where its media files are served "
	       "(required)\n"
	       "  --description D    what the show is about\n"
	       "  --language L       language code, default 'id'\n"
	       "  --category C       Apple Podcasts category, e.g. "
	       "\"Government\"\n"
	       "  --image URL        square cover art, 1400-3000 px JPEG/PNG\n"
	       "  --owner-name N     owner's name (Apple contact)\n"
	       "  --owner-email E    owner's email (Apple contact)\n"
	       "  --link URL         the show's website\n"
	       "  --timezone TZ      time zone for dates, default "
	       "Asia/Jakarta\n"
	       "  --explicit         the show has explicit content\n"
	       "  --json             print the new show as JSON\n\n"
	       "show list: list shows.\n"
	       "  --json             print a JSON array\n",
	       usage);
	return CLI_EXIT_OK;
}

static json_t *show_json(const struct catalog_show *s)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "id", json_integer(s->id));
	json_object_set_new(o, "slug", cli_json_str(s->slug));
	json_object_set_new(o, "title", cli_json_str(s->title));
	json_object_set_new(o, "description", cli_json_str(s->description));
	json_object_set_new(o, "author", cli_json_str(s->author));
	json_object_set_new(o, "language", cli_json_str(s->language));
	json_object_set_new(o, "category", cli_json_str(s->category));
	json_object_set_new(o, "image", cli_json_str(s->image));
	json_object_set_new(o, "owner_name", cli_json_str(s->owner_name));
	json_object_set_new(o, "owner_email", cli_json_str(s->owner_email));
	json_object_set_new(o, "link", cli_json_str(s->link));
	json_object_set_new(o, "base_url", cli_json_str(s->base_url));
	json_object_set_new(o, "timezone", cli_json_str(s->timezone));
	json_object_set_new(o, "explicit", json_boolean(s->explicit));
	return o;
}

/* parse_add() saw --help and printed the help: stop with success. */
#define PARSE_HELP (-1)

/*
 * Parse 'show add' options into 'show' (borrowing argv's strings).
 * Returns CLI_EXIT_OK, PARSE_HELP or CLI_EXIT_USAGE.
 */
static int parse_add(int argc, char **argv, struct catalog_show *show,
		     bool *json)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"author", required_argument, NULL, 'a'},
		{"base-url", required_argument, NULL, 'b'},
		{"description", required_argument, NULL, 'd'},
		{"language", required_argument, NULL, 'l'},
		{"category", required_argument, NULL, 'c'},
		{"image", required_argument, NULL, 'i'},
		{"owner-name", required_argument, NULL, 'N'},
		{"owner-email", required_argument, NULL, 'E'},
		{"link", required_argument, NULL, 'L'},
		{"timezone", required_argument, NULL, 'z'},
		{"explicit", no_argument, NULL, 'x'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (c) {
		case 't': show->title = optarg; break;
		case 'a': show->author = optarg; break;
		case 'b': show->base_url = optarg; break;
		case 'd': show->description = optarg; break;
		case 'l': show->language = optarg; break;
		case 'c': show->category = optarg; break;
		case 'i': show->image = optarg; break;
		case 'N': show->owner_name = optarg; break;
		case 'E': show->owner_email = optarg; break;
		case 'L': show->link = optarg; break;
		case 'z': show->timezone = optarg; break;
		case 'x': show->explicit = true; break;
		case 'j': *json = true; break;
		case 'h': print_help(); return PARSE_HELP;
		default: return cli_usage(usage);
		}
	}
	if (optind != argc - 1) {
		cli_error("show add: give exactly one SLUG");
		return cli_usage(usage);
	}
	show->slug = argv[optind];
	if (!show->title || !show->author || !show->base_url) {
		cli_error("show add: --title, --author and --base-url are "
			  "required");
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

static int show_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog_show show, stored;
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool json = false;
	int rc;

	/* 'show' only borrows argv's strings: it is never released. */
	catalog_show_init(&show);
	catalog_show_init(&stored);
	rc = parse_add(argc, argv, &show, &json);
	if (rc)
		return rc == PARSE_HELP ? CLI_EXIT_OK : rc;
	rc = CLI_EXIT_FAIL;
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_show_add(cat, &show, NULL, &err) ||
	    catalog_show_get(cat, show.slug, &stored, &err)) {
		cli_report(&err);
		goto out;
	}
	if (json)
		rc = cli_print_json(show_json(&stored), false);
	else
		rc = printf("added show '%s': %s\n", stored.slug,
			    stored.title) < 0;
out:
	catalog_show_release(&stored);
	catalog_close(cat);
	return rc;
}

struct list_state {
	json_t *array;
	size_t n;
};

static int print_show(const struct catalog_show *s, void *ctx,
		      struct siar_err *err)
{
	struct list_state *st = ctx;

	st->n++;
	if (st->array) {
		if (json_array_append_new(st->array, show_json(s)))
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		return SIAR_OK;
	}
	printf("%-24s %-8s %s\n", s->slug, s->language, s->title);
	return SIAR_OK;
}

static int show_list(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	struct list_state st = {NULL, 0};
	int rc = CLI_EXIT_FAIL;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json"))) {
		if (argc == 2 && cli_is_help(argv[1]))
			return print_help();
		return cli_usage(usage);
	}
	if (argc == 2) {
		st.array = json_array();
		if (!st.array) {
			cli_error("out of memory");
			return CLI_EXIT_FAIL;
		}
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_show_each(cat, print_show, &st, &err)) {
		cli_report(&err);
		json_decref(st.array);
		goto out;
	}
	if (st.array)
		rc = cli_print_json(st.array, false);
	else
		rc = CLI_EXIT_OK;
out:
	catalog_close(cat);
	return rc;
}

int cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2) {
		cli_error("show: say 'add' or 'list'");
		return cli_usage(usage);
	}
	if (cli_is_help(argv[1]))
		return print_help();
	if (!strcmp(argv[1], "add"))
		return show_add(ctx, argc - 1, argv + 1);
	if (!strcmp(argv[1], "list"))
		return show_list(ctx, argc - 1, argv + 1);
	cli_error("show: unknown subcommand '%s'", argv[1]);
	return cli_usage(usage);
}
