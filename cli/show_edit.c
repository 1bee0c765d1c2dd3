/*
 * siar show add|edit: the two commands that set a show's fields share one
 * option parser. 'add' starts from a new show's defaults, 'edit' from the
 * stored show; each given option replaces one field (an empty value clears
 * an optional one) and each --host credits a person as the show's host.
 * Listing, removing and the help text are in cli/cmd_show.c.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../feed/feed.h"

/* The options that set one string field of struct catalog_show. */
enum show_field {
	F_TITLE,
	F_AUTHOR,
	F_BASE_URL,
	F_DESCRIPTION,
	F_LANGUAGE,
	F_CATEGORY,
	F_SUBCATEGORY,
	F_IMAGE,
	F_OWNER_NAME,
	F_OWNER_EMAIL,
	F_LINK,
	F_TIMEZONE,
	F_MEDIUM,
	F_TYPE,
	F_COPYRIGHT,
	F_CADENCE,
	F_OFFICE,
	F_LEVEL,
	F_REGION,
	F_APPLE,
	F_SPOTIFY,
	F_POCKETCASTS,
	F_SLUG,
	F_COUNT
};

/* getopt values: a field option is OPT_FIELD + its enum show_field. */
enum {
	OPT_FIELD = 256,
	OPT_EXPLICIT = 512,
	OPT_NO_EXPLICIT,
	OPT_REVIEW,
	OPT_NO_REVIEW,
	OPT_HOST,
	OPT_HOST_ROLE,
	OPT_JSON,
};

#define MAX_HOSTS 32

/* parse() saw --help and printed the help: stop with success. */
#define PARSE_HELP (-1)

struct show_args {
	const char *field[F_COUNT];	/* NULL: not given */
	int explicit;			/* -1: not given */
	int review;			/* -1: not given */
	const char *hosts[MAX_HOSTS];
	size_t n_hosts;
	const char *host_role;		/* NULL: "host" */
	bool json;
	const char *slug;		/* the show to add or edit */
};

static const struct option opts[] = {
	{"title", required_argument, NULL, OPT_FIELD + F_TITLE},
	{"author", required_argument, NULL, OPT_FIELD + F_AUTHOR},
	{"base-url", required_argument, NULL, OPT_FIELD + F_BASE_URL},
	{"description", required_argument, NULL, OPT_FIELD + F_DESCRIPTION},
	{"language", required_argument, NULL, OPT_FIELD + F_LANGUAGE},
	{"category", required_argument, NULL, OPT_FIELD + F_CATEGORY},
	{"subcategory", required_argument, NULL, OPT_FIELD + F_SUBCATEGORY},
	{"image", required_argument, NULL, OPT_FIELD + F_IMAGE},
	{"owner-name", required_argument, NULL, OPT_FIELD + F_OWNER_NAME},
	{"owner-email", required_argument, NULL, OPT_FIELD + F_OWNER_EMAIL},
	{"link", required_argument, NULL, OPT_FIELD + F_LINK},
	{"timezone", required_argument, NULL, OPT_FIELD + F_TIMEZONE},
	{"medium", required_argument, NULL, OPT_FIELD + F_MEDIUM},
	{"type", required_argument, NULL, OPT_FIELD + F_TYPE},
	{"copyright", required_argument, NULL, OPT_FIELD + F_COPYRIGHT},
	{"cadence", required_argument, NULL, OPT_FIELD + F_CADENCE},
	{"office", required_argument, NULL, OPT_FIELD + F_OFFICE},
	{"level", required_argument, NULL, OPT_FIELD + F_LEVEL},
	{"region", required_argument, NULL, OPT_FIELD + F_REGION},
	{"apple-url", required_argument, NULL, OPT_FIELD + F_APPLE},
	{"spotify-url", required_argument, NULL, OPT_FIELD + F_SPOTIFY},
	{"pocketcasts-url", required_argument, NULL, OPT_FIELD + F_POCKETCASTS},
	{"slug", required_argument, NULL, OPT_FIELD + F_SLUG},
	{"explicit", no_argument, NULL, OPT_EXPLICIT},
	{"no-explicit", no_argument, NULL, OPT_NO_EXPLICIT},
	{"review", no_argument, NULL, OPT_REVIEW},
	{"no-review", no_argument, NULL, OPT_NO_REVIEW},
	{"host", required_argument, NULL, OPT_HOST},
	{"host-role", required_argument, NULL, OPT_HOST_ROLE},
	{"json", no_argument, NULL, OPT_JSON},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static char **field_ptr(struct catalog_show *s, enum show_field f)
{
	switch (f) {
	case F_TITLE: return &s->title;
	case F_AUTHOR: return &s->author;
	case F_BASE_URL: return &s->base_url;
	case F_DESCRIPTION: return &s->description;
	case F_LANGUAGE: return &s->language;
	case F_CATEGORY: return &s->category;
	case F_SUBCATEGORY: return &s->subcategory;
	case F_IMAGE: return &s->image;
	case F_OWNER_NAME: return &s->owner_name;
	case F_OWNER_EMAIL: return &s->owner_email;
	case F_LINK: return &s->link;
	case F_TIMEZONE: return &s->timezone;
	case F_MEDIUM: return &s->medium;
	case F_TYPE: return &s->show_type;
	case F_COPYRIGHT: return &s->copyright;
	case F_CADENCE: return &s->cadence;
	case F_OFFICE: return &s->office_name;
	case F_LEVEL: return &s->office_level;
	case F_REGION: return &s->office_region;
	case F_APPLE: return &s->apple_url;
	case F_SPOTIFY: return &s->spotify_url;
	case F_POCKETCASTS: return &s->pocketcasts_url;
	case F_SLUG: return &s->slug;
	case F_COUNT: break;
	}
	return NULL;
}

static bool parse_flag(int c, struct show_args *a)
{
	switch (c) {
	case OPT_EXPLICIT: a->explicit = 1; return true;
	case OPT_NO_EXPLICIT: a->explicit = 0; return true;
	case OPT_REVIEW: a->review = 1; return true;
	case OPT_NO_REVIEW: a->review = 0; return true;
	case OPT_JSON: a->json = true; return true;
	case OPT_HOST_ROLE: a->host_role = optarg; return true;
	case OPT_HOST:
		if (!*optarg) {
			cli_error("show: --host needs a name");
			return false;
		}
		if (a->n_hosts >= MAX_HOSTS) {
			cli_error("show: more than %d hosts", MAX_HOSTS);
			return false;
		}
		a->hosts[a->n_hosts++] = optarg;
		return true;
	default: return false;
	}
}

/* An empty value is allowed: it returns the field to its default. */
static bool one_of(const char *opt, const char *v,
		   const char *const *allowed, const char *expected)
{
	size_t i;

	if (!v || !*v)
		return true;
	for (i = 0; allowed[i]; i++)
		if (!strcmp(v, allowed[i]))
			return true;
	cli_error("bad %s '%s': expected %s", opt, v, expected);
	return false;
}

static bool check_choices(const struct show_args *a)
{
	static const char *const types[] = {"episodic", "serial", NULL};
	static const char *const levels[] = {"national", "province",
					     "district", NULL};
	static const char *const cadences[] = {"daily", "weekly", "biweekly",
					       "monthly", NULL};

	return one_of("--type", a->field[F_TYPE], types,
		      "episodic or serial") &&
	       one_of("--level", a->field[F_LEVEL], levels,
		      "national, province or district") &&
	       one_of("--cadence", a->field[F_CADENCE], cadences,
		      "daily, weekly, biweekly or monthly");
}

/* Whether the show's own fields change (hosts aside). */
static bool fields_given(const struct show_args *a)
{
	size_t f;

	for (f = 0; f < F_COUNT; f++)
		if (a->field[f])
			return true;
	return a->explicit >= 0 || a->review >= 0;
}

/* What 'add' and 'edit' need beyond the options' own forms. */
static int check_args(const struct show_args *a, bool edit)
{
	const char *cmd = edit ? "show edit" : "show add";

	if (!check_choices(a))
		return CLI_EXIT_USAGE;
	if (edit && !fields_given(a) && !a->n_hosts) {
		cli_error("%s: nothing to change for '%s'", cmd, a->slug);
		return cli_show_usage();
	}
	if (!edit && a->field[F_SLUG]) {
		cli_error("%s: --slug is for 'show edit'", cmd);
		return cli_show_usage();
	}
	if (!edit && (!a->field[F_TITLE] || !a->field[F_AUTHOR] ||
		      !a->field[F_BASE_URL])) {
		cli_error("%s: --title, --author and --base-url are required",
			  cmd);
		return cli_show_usage();
	}
	return CLI_EXIT_OK;
}

/* Returns CLI_EXIT_OK, PARSE_HELP or CLI_EXIT_USAGE. */
static int parse(int argc, char **argv, struct show_args *a, bool edit)
{
	int c;

	memset(a, 0, sizeof(*a));
	a->explicit = -1;
	a->review = -1;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h') {
			cli_show_help();
			return PARSE_HELP;
		}
		if (c >= OPT_FIELD && c < OPT_FIELD + F_COUNT)
			a->field[c - OPT_FIELD] = optarg;
		else if (!parse_flag(c, a))
			return cli_show_usage();
	}
	if (optind != argc - 1) {
		cli_error("show %s: give exactly one SLUG",
			  edit ? "edit" : "add");
		return cli_show_usage();
	}
	a->slug = argv[optind];
	return check_args(a, edit);
}

/* The role of the --host people, known to the Podcasting 2.0 taxonomy. */
static int check_host_role(const struct show_args *a, struct siar_err *err)
{
	if (!a->host_role || catalog_person_role_valid("cast", a->host_role))
		return SIAR_OK;
	return siar_err_set(err, SIAR_EINVAL, "bad --host-role '%s': not a "
			    "Podcasting 2.0 role of the group 'cast'",
			    a->host_role);
}

/*
 * --image takes the URL of artwork hosted elsewhere, or a local file that
 * is published beside the feed (and measured by 'siar lint'); setting one
 * clears the other, and an empty value clears both.
 */
static int apply_image(struct catalog_show *s, const char *v,
		       struct siar_err *err)
{
	char *path = NULL;
	char *url = NULL;

	if (!strncmp(v, "http://", 7) || !strncmp(v, "https://", 8)) {
		url = siar_strdup(v);
		if (!url)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	} else if (*v) {
		path = realpath(v, NULL);
		if (!path)
			return siar_err_set(err, SIAR_EIO,
					    "cannot read image '%s': %s", v,
					    strerror(errno));
	}
	free(s->image);
	free(s->image_path);
	s->image = url;
	s->image_path = path;
	return SIAR_OK;
}

/* Copy the given options into 's' (which owns its strings). */
static int apply(struct catalog_show *s, const struct show_args *a,
		 struct siar_err *err)
{
	char **p, *v;
	size_t f;

	for (f = 0; f < F_COUNT; f++) {
		if (!a->field[f])
			continue;
		if (f == F_IMAGE) {
			if (apply_image(s, a->field[f], err))
				return err->code;
			continue;
		}
		p = field_ptr(s, (enum show_field)f);
		v = *a->field[f] ? siar_strdup(a->field[f]) : NULL;
		if (*a->field[f] && !v)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		free(*p);
		*p = v;
	}
	if (a->explicit >= 0)
		s->explicit = a->explicit;
	if (a->review >= 0)
		s->review_required = a->review;
	return SIAR_OK;
}

/*
 * Credit the --host people. The role is checked first, so that a bad one
 * is refused before anything is written.
 */
static int add_hosts(struct catalog *cat, const char *slug,
		     const struct show_args *a, struct siar_err *err)
{
	size_t i;

	for (i = 0; i < a->n_hosts; i++)
		if (catalog_show_person_add(cat, slug, a->hosts[i],
					    a->host_role ? a->host_role
							 : "host",
					    NULL, err))
			return err->code;
	return SIAR_OK;
}

/* Print the stored show 'slug' as 'siar show add|edit' reports it. */
static int print_show(struct catalog *cat, const char *slug, bool json,
		      const char *verb, struct siar_err *err)
{
	struct catalog_show s;
	int rc;

	catalog_show_init(&s);
	rc = catalog_show_get(cat, slug, &s, err);
	if (!rc && json && cli_print_json(cli_show_json(&s), false))
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	else if (!rc && !json)
		printf("%s show '%s': %s\n", verb, s.slug, s.title);
	catalog_show_release(&s);
	return rc;
}

/*
 * Give the new show its podcast:guid, from the feed's URL as it is now
 * (feed-spec §5). The catalogue keeps it when the base URL changes later,
 * so the show stays the same podcast to the directories. Without a base
 * URL there is no feed URL; catalog_show_add() reports the missing field.
 */
static int assign_feed_guid(struct catalog_show *s, struct siar_err *err)
{
	char *url;

	if (!s->base_url)
		return SIAR_OK;
	url = feed_default_url(s);
	free(s->feed_guid);
	s->feed_guid = url ? feed_podcast_guid(url) : NULL;
	free(url);
	if (!s->feed_guid)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/* Add the show and its hosts, as one transaction. */
static int add(struct catalog *cat, const struct show_args *a,
	       struct siar_err *err)
{
	struct catalog_show show;
	struct catalog_bulk bulk;
	int rc;

	catalog_show_init(&show);
	rc = check_host_role(a, err);
	if (!rc)
		rc = apply(&show, a, err);
	if (!rc)
		rc = assign_feed_guid(&show, err);
	if (!rc)
		rc = catalog_bulk_begin(cat, &bulk, err);
	if (!rc) {
		rc = catalog_show_add(cat, &show, NULL, err);
		if (!rc)
			rc = add_hosts(cat, a->slug, a, err);
		rc = catalog_bulk_end(cat, &bulk, rc, err);
	}
	catalog_show_release(&show);
	return rc;
}

static int edit(struct catalog *cat, const struct show_args *a,
		char **new_slug, struct siar_err *err)
{
	struct catalog_show show;
	struct catalog_bulk bulk;
	int rc;

	catalog_show_init(&show);
	rc = check_host_role(a, err);
	if (!rc)
		rc = catalog_show_get(cat, a->slug, &show, err);
	if (!rc)
		rc = apply(&show, a, err);
	/* The fields and the hosts change together or not at all. */
	if (!rc)
		rc = catalog_bulk_begin(cat, &bulk, err);
	if (!rc) {
		if (fields_given(a))
			rc = catalog_show_update(cat, a->slug, &show, err);
		if (!rc)
			rc = add_hosts(cat, show.slug, a, err);
		rc = catalog_bulk_end(cat, &bulk, rc, err);
	}
	if (!rc) {
		*new_slug = show.slug;
		show.slug = NULL;
	}
	catalog_show_release(&show);
	return rc;
}

int cli_show_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct show_args a;
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int rc;

	rc = parse(argc, argv, &a, false);
	if (rc)
		return rc == PARSE_HELP ? CLI_EXIT_OK : rc;
	a.field[F_SLUG] = a.slug;
	rc = CLI_EXIT_OK;
	if (cli_open_catalog(ctx, false, &cat, &err) || add(cat, &a, &err) ||
	    print_show(cat, a.slug, a.json, "added", &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}

int cli_show_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	struct show_args a;
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	char *slug = NULL;
	int rc;

	rc = parse(argc, argv, &a, true);
	if (rc)
		return rc == PARSE_HELP ? CLI_EXIT_OK : rc;
	rc = CLI_EXIT_OK;
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    edit(cat, &a, &slug, &err) ||
	    print_show(cat, slug, a.json, "updated", &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	free(slug);
	catalog_close(cat);
	return rc;
}
