/*
 * siar edit: change what a producer may change in an episode after adding
 * it (title, description, numbering, type, guests, other credits,
 * topics, image, transcripts), through catalog_episode_update(), which checks the result
 * and logs who changed which fields. The media file and its measurements
 * never change here: add the new file as a new episode instead.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char usage[] =
	"edit ID [--title T] [--description D] [--season N] [--episode N]\n"
	"       [--type full|trailer|bonus] [--explicit|--no-explicit]\n"
	"       [--guest NAME]... [--clear-guests] [--topic NAME]... "
	"[--clear-topics]\n"
	"       [--person NAME:ROLE[:GROUP]]... [--clear-people]\n"
	"       [--image FILE] [--transcript FILE[:LANG]]... "
	"[--clear-transcripts]\n"
	"       [--by NAME] [--note TEXT] [--json]";

struct edit_opts {
	const char *title;
	const char *description;
	const char *type;
	const char *image;
	int season;		/* -1: unchanged */
	int episode;		/* -1: unchanged */
	int explicit;		/* -1: unchanged */
	bool clear_guests;
	bool clear_people;
	bool clear_topics;
	bool clear_transcripts;
	const char *guests[CLI_MAX_LIST];
	size_t n_guests;
	const char *topics[CLI_MAX_LIST];
	size_t n_topics;
	const char *people[CLI_MAX_LIST];	/* --person, checked */
	size_t n_people;
	const char *transcripts[CLI_MAX_LIST];
	size_t n_transcripts;
	const char *by;
	const char *note;
	bool json;
	bool changed;		/* some option changes the episode */
};

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Change episode ID. Only the fields given change; an empty "
	       "--description or\n--image clears it. Logged as an 'edit' "
	       "naming the fields that changed.\n\n"
	       "  --title T          the title\n"
	       "  --description D    the description\n"
	       "  --season N         season number (0: none)\n"
	       "  --episode N        episode number (0: none)\n"
	       "  --type T           full, trailer or bonus\n"
	       "  --explicit, --no-explicit  explicit content or not\n"
	       "  --guest NAME       add a guest; repeat for more\n"
	       "  --clear-guests     remove every guest first\n"
	       "  --person NAME:ROLE[:GROUP]  credit NAME in a Podcasting 2.0 "
	       "role, e.g.\n"
	       "                     'Budi Santoso:producer:creative "
	       "direction' (group\n"
	       "                     default: cast); repeat for more\n"
	       "  --clear-people     remove every credit but the guests "
	       "first\n"
	       "  --topic NAME       add a topic; repeat for more\n"
	       "  --clear-topics     remove every topic first\n"
	       "  --image FILE       the episode image\n"
	       "  --transcript FILE[:LANG]  add (or replace) a transcript: "
	       ".vtt, .srt,\n"
	       "                     .txt, .html or .json\n"
	       "  --clear-transcripts  remove every transcript first\n"
	       "  --by NAME          who edits, for the log (default: "
	       "$SIAR_USER, else\n"
	       "                     the login name)\n"
	       "  --note TEXT        a note for the log\n"
	       "  --json             print the episode as JSON afterwards\n",
	       usage);
	return CLI_EXIT_OK;
}

/* An option that changes the episode. */
static bool parse_change(int c, struct edit_opts *o)
{
	switch (c) {
	case 't': o->title = optarg; return true;
	case 'd': o->description = optarg; return true;
	case 'i': o->image = optarg; return true;
	case 'S': return cli_parse_number("--season", optarg, &o->season);
	case 'e': return cli_parse_number("--episode", optarg, &o->episode);
	case 'y': return cli_parse_episode_type(optarg, &o->type);
	case 'x': o->explicit = 1; return true;
	case 'X': o->explicit = 0; return true;
	case 'g':
		return cli_push_arg("edit", o->guests, &o->n_guests, optarg,
				    "guest");
	case 'G': o->clear_guests = true; return true;
	case 'P':
		return cli_person_check("edit", optarg) &&
		       cli_push_arg("edit", o->people, &o->n_people, optarg,
				    "person");
	case 'C': o->clear_people = true; return true;
	case 'T':
		return cli_push_arg("edit", o->topics, &o->n_topics, optarg,
				    "topic");
	case 'O': o->clear_topics = true; return true;
	case 'r':
		return cli_transcript_check(optarg) &&
		       cli_push_arg("edit", o->transcripts, &o->n_transcripts,
				    optarg, "transcript");
	case 'R': o->clear_transcripts = true; return true;
	default: return false;
	}
}

static bool parse_one(int c, struct edit_opts *o)
{
	switch (c) {
	case 'b': o->by = optarg; return true;
	case 'n': o->note = *optarg ? optarg : NULL; return true;
	case 'j': o->json = true; return true;
	default: break;
	}
	o->changed = true;
	return parse_change(c, o);
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct edit_opts *o, int64_t *id)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"description", required_argument, NULL, 'd'},
		{"season", required_argument, NULL, 'S'},
		{"episode", required_argument, NULL, 'e'},
		{"type", required_argument, NULL, 'y'},
		{"explicit", no_argument, NULL, 'x'},
		{"no-explicit", no_argument, NULL, 'X'},
		{"guest", required_argument, NULL, 'g'},
		{"clear-guests", no_argument, NULL, 'G'},
		{"person", required_argument, NULL, 'P'},
		{"clear-people", no_argument, NULL, 'C'},
		{"topic", required_argument, NULL, 'T'},
		{"clear-topics", no_argument, NULL, 'O'},
		{"image", required_argument, NULL, 'i'},
		{"transcript", required_argument, NULL, 'r'},
		{"clear-transcripts", no_argument, NULL, 'R'},
		{"by", required_argument, NULL, 'b'},
		{"note", required_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c, rc;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h') {
			print_help();
			return -1;
		}
		if (!parse_one(c, o))
			return cli_usage(usage);
	}
	rc = cli_one_id("edit", usage, argc, argv, id);
	if (!rc && !o->changed) {
		cli_error("edit: nothing to change in episode %s",
			  argv[optind]);
		return cli_usage(usage);
	}
	return rc;
}

/* Replace '*field' with a copy of 'v'; an empty 'v' clears it if 'clear'. */
static int set_text(char **field, const char *v, bool clear,
		    struct siar_err *err)
{
	char *copy = clear && !*v ? NULL : siar_strdup(v);

	if (!copy && !(clear && !*v))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	free(*field);
	*field = copy;
	return SIAR_OK;
}

static int set_image(char **field, const char *v, struct siar_err *err)
{
	char *path;

	if (!*v)
		return set_text(field, v, true, err);
	path = realpath(v, NULL);
	if (!path)
		return siar_err_set(err, SIAR_EIO, "cannot read image '%s': %s",
				    v, strerror(errno));
	free(*field);
	*field = path;
	return SIAR_OK;
}

/* Title, description, numbers, type, flags and image. */
static int apply_fields(struct catalog_episode *ep, const struct edit_opts *o,
			struct siar_err *err)
{
	if (o->title && set_text(&ep->title, o->title, false, err))
		return err->code;
	if (o->description &&
	    set_text(&ep->description, o->description, true, err))
		return err->code;
	if (o->type && set_text(&ep->episode_type, o->type, false, err))
		return err->code;
	if (o->image && set_image(&ep->image_path, o->image, err))
		return err->code;
	if (o->season >= 0)
		ep->season = o->season;
	if (o->episode >= 0)
		ep->episode_number = o->episode;
	if (o->explicit >= 0)
		ep->explicit = o->explicit;
	return SIAR_OK;
}

static void names_clear(char **v, size_t *n)
{
	while (*n)
		free(v[--*n]);
}

/* Add 'name' to the list unless it is there already (ASCII case aside). */
static int names_add(char ***v, size_t *n, const char *name,
		     struct siar_err *err)
{
	char **grown, *copy;
	size_t i;

	for (i = 0; i < *n; i++)
		if (!strcasecmp((*v)[i], name))
			return SIAR_OK;
	grown = realloc(*v, (*n + 1) * sizeof(**v));
	if (!grown)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	*v = grown;
	copy = siar_strdup(name);
	if (!copy)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	grown[(*n)++] = copy;
	return SIAR_OK;
}

static int names_apply(char ***v, size_t *n, bool clear,
		       const char *const *add, size_t n_add,
		       struct siar_err *err)
{
	size_t i;

	if (clear)
		names_clear(*v, n);
	for (i = 0; i < n_add; i++)
		if (names_add(v, n, add[i], err))
			return err->code;
	return SIAR_OK;
}

static bool credit_same(const struct catalog_credit *a,
			const struct catalog_credit *b)
{
	const char *ga = a->group ? a->group : "cast";
	const char *gb = b->group ? b->group : "cast";

	return !strcasecmp(a->name, b->name) && !strcasecmp(a->role, b->role) &&
	       !strcasecmp(ga, gb);
}

/* Add the credit --person 'arg' unless the episode has it already. */
static int credit_add(struct catalog_episode *ep, const char *arg,
		      struct siar_err *err)
{
	struct catalog_credit c = {NULL, NULL, NULL}, *grown;
	size_t i;

	if (cli_credit_make(arg, &c, err))
		return err->code;
	for (i = 0; i < ep->n_credits; i++) {
		if (credit_same(&ep->credits[i], &c)) {
			cli_credit_release(&c);
			return SIAR_OK;
		}
	}
	grown = realloc(ep->credits, (ep->n_credits + 1) * sizeof(*grown));
	if (!grown) {
		cli_credit_release(&c);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	ep->credits = grown;
	ep->credits[ep->n_credits++] = c;
	return SIAR_OK;
}

/* Add transcript 'arg', replacing one of the same file. */
static int transcript_add(struct catalog_episode *ep, const char *arg,
			  struct siar_err *err)
{
	struct catalog_transcript t = {NULL, NULL, NULL}, *grown;
	size_t i;

	if (cli_transcript_make(arg, &t, err))
		return err->code;
	for (i = 0; i < ep->n_transcripts; i++)
		if (!strcmp(ep->transcripts[i].path, t.path))
			break;
	if (i == ep->n_transcripts) {
		grown = realloc(ep->transcripts, (i + 1) * sizeof(*grown));
		if (!grown) {
			cli_transcript_release(&t);
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		}
		ep->transcripts = grown;
		ep->n_transcripts++;
	} else {
		cli_transcript_release(&ep->transcripts[i]);
	}
	ep->transcripts[i] = t;
	return SIAR_OK;
}

static int apply_lists(struct catalog_episode *ep, const struct edit_opts *o,
		       struct siar_err *err)
{
	size_t i;

	if (names_apply(&ep->guests, &ep->n_guests, o->clear_guests,
			o->guests, o->n_guests, err) ||
	    names_apply(&ep->topics, &ep->n_topics, o->clear_topics,
			o->topics, o->n_topics, err))
		return err->code;
	if (o->clear_people)
		while (ep->n_credits)
			cli_credit_release(&ep->credits[--ep->n_credits]);
	for (i = 0; i < o->n_people; i++)
		if (credit_add(ep, o->people[i], err))
			return err->code;
	if (o->clear_transcripts)
		while (ep->n_transcripts)
			cli_transcript_release(
			    &ep->transcripts[--ep->n_transcripts]);
	for (i = 0; i < o->n_transcripts; i++)
		if (transcript_add(ep, o->transcripts[i], err))
			return err->code;
	return SIAR_OK;
}

static int print_edited(struct catalog *cat, int64_t id, bool json,
			struct siar_err *err)
{
	struct catalog_episode ep;
	struct catalog_show show;
	const char *tz = CLI_DEFAULT_TZ;
	int rc;

	catalog_episode_init(&ep);
	catalog_show_init(&show);
	rc = catalog_episode_get(cat, id, &ep, err);
	if (!rc && json)
		rc = cli_show_zone(cat, &show, ep.show_slug, &tz, err);
	if (!rc && json && cli_print_json(cli_episode_json(&ep, tz), false))
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	else if (!rc && !json)
		printf("updated episode %lld '%s'\n", (long long)id, ep.title);
	catalog_show_release(&show);
	catalog_episode_release(&ep);
	return rc;
}

static int edit(struct catalog *cat, int64_t id, const struct edit_opts *o,
		struct siar_err *err)
{
	struct catalog_actor who = {cli_actor(o->by), o->note};
	struct catalog_episode ep;
	int rc;

	catalog_episode_init(&ep);
	rc = catalog_episode_get(cat, id, &ep, err);
	if (!rc)
		rc = apply_fields(&ep, o, err);
	if (!rc)
		rc = apply_lists(&ep, o, err);
	if (!rc)
		rc = catalog_episode_update(cat, id, &ep, &who, err);
	catalog_episode_release(&ep);
	return rc ? rc : print_edited(cat, id, o->json, err);
}

int cmd_edit(struct cli_ctx *ctx, int argc, char **argv)
{
	struct edit_opts o = {0};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int64_t id;
	int rc;

	o.season = -1;
	o.episode = -1;
	o.explicit = -1;
	rc = parse(argc, argv, &o, &id);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	rc = CLI_EXIT_OK;
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    edit(cat, id, &o, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
