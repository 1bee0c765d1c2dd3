/*
 * siar add: probe each file with media/ and store it in the catalogue as a
 * draft episode of a show. One file that fails is reported and skipped;
 * the others are still added, and the exit status says something failed.
 */
#include "cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../media/media.h"

static const char usage[] =
	"add --show SLUG [--title T] [--description D] [--guest NAME]...\n"
	"       [--topic NAME]... [--season N] [--episode N] [--json] FILE...";

#define MAX_LIST 64

struct add_opts {
	const char *show;
	const char *title;
	const char *description;
	const char *guests[MAX_LIST];
	size_t n_guests;
	const char *topics[MAX_LIST];
	size_t n_topics;
	int season;
	int episode;
	bool json;
};

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Measure each FILE and add it to show SLUG as a draft episode;\n"
	       "print the new episode's ID (one line per file).\n\n"
	       "  --show SLUG        the show (required)\n"
	       "  --title T          title (default: the file's title tag, "
	       "else its name)\n"
	       "  --description D    description (default: the comment tag)\n"
	       "  --guest NAME       a guest (narasumber); repeat for more\n"
	       "  --topic NAME       a topic; repeat for more\n"
	       "  --season N         season number\n"
	       "  --episode N        episode number\n"
	       "  --json             print each new episode as a JSON line\n\n"
	       "--title and --episode apply to one FILE only.\n",
	       usage);
	return CLI_EXIT_OK;
}

static bool push(const char **list, size_t *n, const char *v, const char *what)
{
	if (*n >= MAX_LIST) {
		cli_error("add: more than %d %ss", MAX_LIST, what);
		return false;
	}
	list[(*n)++] = v;
	return true;
}

static bool parse_number(const char *name, int *out)
{
	long long v;

	if (!cli_parse_uint(name, optarg, 100000, &v))
		return false;
	*out = (int)v;
	return true;
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct add_opts *o)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
		{"title", required_argument, NULL, 't'},
		{"description", required_argument, NULL, 'd'},
		{"guest", required_argument, NULL, 'g'},
		{"topic", required_argument, NULL, 'T'},
		{"season", required_argument, NULL, 'S'},
		{"episode", required_argument, NULL, 'e'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	bool ok = true;
	int c;

	optind = 0;
	while (ok && (c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (c) {
		case 's': o->show = optarg; break;
		case 't': o->title = optarg; break;
		case 'd': o->description = optarg; break;
		case 'g': ok = push(o->guests, &o->n_guests, optarg, "guest"); break;
		case 'T': ok = push(o->topics, &o->n_topics, optarg, "topic"); break;
		case 'S': ok = parse_number("--season", &o->season); break;
		case 'e': ok = parse_number("--episode", &o->episode); break;
		case 'j': o->json = true; break;
		case 'h': print_help(); return -1;
		default: ok = false; break;
		}
	}
	if (!ok)
		return cli_usage(usage);
	if (!o->show || optind >= argc) {
		cli_error("add: give --show SLUG and at least one FILE");
		return cli_usage(usage);
	}
	if (argc - optind > 1 && (o->title || o->episode)) {
		cli_error("add: --title and --episode apply to one FILE only");
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

/* The file's name without folder and extension, as a last-resort title. */
static char *title_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	struct siar_buf b;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, base, dot && dot > base ? (size_t)(dot - base)
						     : strlen(base), true);
	return siar_buf_detach(&b);
}

/* Fill the media part of 'ep' from what was measured (borrowing). */
static void episode_from_media(struct catalog_episode *ep,
			       const struct media_info *m, char *abs_path)
{
	ep->media_path = abs_path;
	ep->media_mime = m->mime;
	ep->media_kind = (char *)media_kind_name(m->kind);
	ep->media_container = m->container;
	ep->media_sha256 = (char *)m->sha256;
	ep->media_size_bytes = m->size_bytes;
	ep->duration_ms = m->duration_ms;
	ep->duration_method = m->duration_method;
	ep->bit_rate = m->bit_rate;
	ep->audio_codec = m->audio_codec;
	ep->video_codec = m->video_codec;
	ep->width = m->width;
	ep->height = m->height;
}

/* Probe 'path' and add it; print the new ID. */
static int add_one(struct catalog *cat, const struct add_opts *o,
		   const char *path, const char *tz, struct siar_err *err)
{
	struct media_info m;
	struct catalog_episode ep, stored;
	char *abs_path = NULL, *fallback = NULL;
	int64_t id;
	int rc;

	media_info_init(&m);
	catalog_episode_init(&ep);	/* borrows: never released */
	catalog_episode_init(&stored);
	rc = media_probe(path, &m, err);
	if (rc)
		goto out;
	abs_path = realpath(path, NULL);
	if (!abs_path) {
		rc = siar_err_set(err, SIAR_EIO, "cannot resolve '%s': %s",
				  path, strerror(errno));
		goto out;
	}
	fallback = title_from_path(path);
	episode_from_media(&ep, &m, abs_path);
	ep.show_slug = (char *)o->show;
	ep.title = (char *)(o->title ? o->title : media_info_tag(&m, "title"));
	if (!ep.title || !*ep.title)
		ep.title = fallback;
	ep.description = (char *)(o->description ? o->description
			 : media_info_tag(&m, "comment"));
	ep.guests = (char **)o->guests;
	ep.n_guests = o->n_guests;
	ep.topics = (char **)o->topics;
	ep.n_topics = o->n_topics;
	ep.season = o->season;
	ep.episode_number = o->episode;
	rc = catalog_episode_add(cat, &ep, &id, err);
	if (rc)
		goto out;
	if (!o->json) {
		printf("%lld\n", (long long)id);
		goto out;
	}
	rc = catalog_episode_get(cat, id, &stored, err);
	if (!rc && cli_print_json(cli_episode_json(&stored, tz), true))
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
out:
	catalog_episode_release(&stored);
	media_info_release(&m);
	free(abs_path);
	free(fallback);
	return rc;
}

int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct add_opts o = {0};
	struct catalog *cat = NULL;
	struct catalog_show show;
	struct siar_err err = {0};
	int rc, i, failed = 0;

	rc = parse(argc, argv, &o);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	catalog_show_init(&show);
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_show_get(cat, o.show, &show, &err)) {
		cli_report(&err);
		failed = 1;
		goto out;
	}
	for (i = optind; i < argc; i++) {
		if (ctx->progress && argc - optind > 1)
			fprintf(stderr, "[%d/%d] %s\n", i - optind + 1,
				argc - optind, argv[i]);
		siar_err_clear(&err);
		if (add_one(cat, &o, argv[i], show.timezone, &err)) {
			cli_report(&err);
			failed++;
		}
		fflush(stdout);
	}
out:
	catalog_show_release(&show);
	catalog_close(cat);
	return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
