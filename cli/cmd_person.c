/*
 * siar person: the people credited in episodes (guests) and shows (hosts):
 * add one with the details feeds show (organisation, position, links),
 * edit, list with how many episodes each is in, and merge two entries for
 * the same person.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
	"person add NAME [--organisation O] [--position P] [--url U]\n"
	"                       [--photo U] [--json]\n"
	"       siar person edit NAME [--name NEW] [--organisation O]\n"
	"                        [--position P] [--url U] [--photo U] "
	"[--json]\n"
	"       siar person list [--json]\n"
	"       siar person merge FROM INTO";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "person add NAME: add a person (names are unique, ignoring "
	       "case).\n"
	       "person edit NAME: change the details given; an empty value "
	       "clears one.\n"
	       "  --name NEW         rename (edit only)\n"
	       "  --organisation O   e.g. \"KPU Provinsi Jawa Tengah\"\n"
	       "  --position P       e.g. \"Sekretaris\"\n"
	       "  --url U            their page (http or https)\n"
	       "  --photo U          a photo (http or https URL)\n"
	       "  --json             print the person as JSON\n\n"
	       "person list: everyone, by name, with how many episodes they "
	       "are in.\n"
	       "  --json             print a JSON array\n\n"
	       "person merge FROM INTO: move every credit of FROM to INTO, "
	       "fill INTO's\nempty details from FROM's, and remove FROM.\n",
	       usage);
	return CLI_EXIT_OK;
}

static json_t *person_json(const struct catalog_person *p)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "name", cli_json_str(p->name));
	json_object_set_new(o, "organisation", cli_json_str(p->organisation));
	json_object_set_new(o, "position", cli_json_str(p->position));
	json_object_set_new(o, "url", cli_json_str(p->url));
	json_object_set_new(o, "photo", cli_json_str(p->photo));
	json_object_set_new(o, "episodes", json_integer(p->n_episodes));
	return o;
}

/* The options of 'person add' and 'person edit'; NULL: not given. */
struct person_args {
	const char *name;	/* the person acted on */
	const char *new_name;
	const char *organisation;
	const char *position;
	const char *url;
	const char *photo;
	bool json;
};

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct person_args *a, bool edit)
{
	static const struct option opts[] = {
		{"organisation", required_argument, NULL, 'o'},
		{"organization", required_argument, NULL, 'o'},
		{"position", required_argument, NULL, 'p'},
		{"url", required_argument, NULL, 'u'},
		{"photo", required_argument, NULL, 'f'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{"name", required_argument, NULL, 'n'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (c) {
		case 'o': a->organisation = optarg; break;
		case 'p': a->position = optarg; break;
		case 'u': a->url = optarg; break;
		case 'f': a->photo = optarg; break;
		case 'j': a->json = true; break;
		case 'h': print_help(); return -1;
		case 'n':
			if (edit) {
				a->new_name = optarg;
				break;
			}
			cli_error("person add: --name is for 'person edit'");
			return cli_usage(usage);
		default: return cli_usage(usage);
		}
	}
	if (optind != argc - 1) {
		cli_error("person %s: give exactly one NAME", argv[0]);
		return cli_usage(usage);
	}
	a->name = argv[optind];
	return CLI_EXIT_OK;
}

static int set_field(char **field, const char *v, struct siar_err *err)
{
	char *copy = NULL;

	if (!v)
		return SIAR_OK;
	if (*v) {
		copy = siar_strdup(v);
		if (!copy)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	free(*field);
	*field = copy;
	return SIAR_OK;
}

static int apply(struct catalog_person *p, const struct person_args *a,
		 struct siar_err *err)
{
	if (set_field(&p->name, a->new_name, err) ||
	    set_field(&p->organisation, a->organisation, err) ||
	    set_field(&p->position, a->position, err) ||
	    set_field(&p->url, a->url, err) ||
	    set_field(&p->photo, a->photo, err))
		return err->code;
	return SIAR_OK;
}

static int print_person(struct catalog *cat, const char *name, bool json,
			const char *verb, struct siar_err *err)
{
	struct catalog_person p;
	int rc;

	catalog_person_init(&p);
	rc = catalog_person_get(cat, name, &p, err);
	if (!rc && json && cli_print_json(person_json(&p), false))
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	else if (!rc && !json)
		printf("%s person '%s'\n", verb, p.name);
	catalog_person_release(&p);
	return rc;
}

static int add_or_edit(struct catalog *cat, const struct person_args *a,
		       bool edit, struct siar_err *err)
{
	struct catalog_person p;
	const char *name = a->new_name && *a->new_name ? a->new_name : a->name;
	int rc;

	catalog_person_init(&p);
	if (edit)
		rc = catalog_person_get(cat, a->name, &p, err);
	else
		rc = set_field(&p.name, a->name, err);
	if (!rc)
		rc = apply(&p, a, err);
	if (!rc && edit)
		rc = catalog_person_update(cat, a->name, &p, err);
	else if (!rc)
		rc = catalog_person_add(cat, &p, NULL, err);
	catalog_person_release(&p);
	if (!rc)
		rc = print_person(cat, name, a->json,
				  edit ? "updated" : "added", err);
	return rc;
}

static int person_write(struct cli_ctx *ctx, int argc, char **argv, bool edit)
{
	struct person_args a = {0};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int rc;

	rc = parse(argc, argv, &a, edit);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (edit && !a.new_name && !a.organisation && !a.position && !a.url &&
	    !a.photo) {
		cli_error("person edit: nothing to change for '%s'", a.name);
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    add_or_edit(cat, &a, edit, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}

static int list_one(const struct catalog_person *p, void *ctx,
		    struct siar_err *err)
{
	json_t *array = ctx;

	if (array)
		return cli_json_append(array, person_json(p), err);
	printf("%8lld  %-32s  %-20s  %s\n", (long long)p->n_episodes, p->name,
	       p->position ? p->position : "-",
	       p->organisation ? p->organisation : "-");
	return SIAR_OK;
}

static void list_header(void)
{
	printf("%8s  %-32s  %-20s  %s\n", "EPISODES", "NAME", "POSITION",
	       "ORGANISATION");
}

static int list_each(struct catalog *cat, json_t *array, struct siar_err *err)
{
	return catalog_person_each(cat, list_one, array, err);
}

static const struct cli_list person_list = {
	.name = "person list",
	.usage = usage,
	.help = print_help,
	.header = list_header,
	.each = list_each,
};

static int person_merge(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int rc = CLI_EXIT_OK;

	if (argc == 2 && cli_is_help(argv[1]))
		return print_help();
	if (!cli_no_options(argc, argv))
		return cli_usage(usage);
	if (argc != 3) {
		cli_error("person merge: give FROM and INTO");
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_person_merge(cat, argv[1], argv[2], &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	} else {
		printf("merged person '%s' into '%s'\n", argv[1], argv[2]);
	}
	catalog_close(cat);
	return rc;
}

int cmd_person(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2) {
		cli_error("person: say 'add', 'edit', 'list' or 'merge'");
		return cli_usage(usage);
	}
	if (cli_is_help(argv[1]))
		return print_help();
	if (!strcmp(argv[1], "add"))
		return person_write(ctx, argc - 1, argv + 1, false);
	if (!strcmp(argv[1], "edit"))
		return person_write(ctx, argc - 1, argv + 1, true);
	if (!strcmp(argv[1], "list"))
		return cli_list_main(ctx, argc - 1, argv + 1, &person_list);
	if (!strcmp(argv[1], "merge"))
		return person_merge(ctx, argc - 1, argv + 1);
	cli_error("person: unknown subcommand '%s'", argv[1]);
	return cli_usage(usage);
}
