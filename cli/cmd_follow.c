/*
 * siar follow, unfollow, refresh: a province or national office follows
 * the shows of the offices under it by their public feeds, so that its
 * reports cover them too.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../feed/feed.h"

static const char follow_usage[] =
	"follow URL --office NAME [--level national|province|district]\n"
	"       [--region R] [--show SLUG] [--timeout S] [--by NAME] [--json]\n"
	"   or: siar follow [--json]   (list the followed shows)";
static const char unfollow_usage[] = "unfollow SLUG";
static const char refresh_usage[] =
	"refresh [--timeout S] [--by NAME] [--json] [SLUG...]";

static int follow_help(void)
{
	printf("usage: siar %s\n\n"
	       "Follow another office's show by its public feed: fetch it, "
	       "import it as a\nshow of this catalogue (its episodes with "
	       "their GUIDs, dates and media\nURLs, see 'siar import'), mark "
	       "the show with the office, and remember\nthe feed for 'siar "
	       "refresh'. Reports then cover the followed offices\ntoo. "
	       "Without URL, list the followed shows.\n\n"
	       "  --office NAME      the office the show belongs to "
	       "(required)\n"
	       "  --level L          national, province or district\n"
	       "  --region R         e.g. \"Jawa Tengah\"\n"
	       "  --show SLUG        the show's slug here (default: from the "
	       "office name)\n"
	       "  --timeout S        give up on the feed after S seconds "
	       "(default 120)\n"
	       "  --by NAME          who follows, for the episodes' log\n"
	       "  --json             print as JSON\n",
	       follow_usage);
	return CLI_EXIT_OK;
}

static int refresh_help(void)
{
	printf("usage: siar %s\n\n"
	       "Fetch the feed of each followed show (or of each SLUG) again, "
	       "asking only\nfor what changed since the last fetch "
	       "(If-None-Match, If-Modified-Since):\na feed that did not change "
	       "costs one 304; one that did is imported\nagain, which adds new "
	       "episodes and updates changed ones. One line per\nshow; a show "
	       "whose feed cannot be fetched or read does not stop the\nothers, "
	       "and makes the exit status 1.\n\n"
	       "  --timeout S        give up on a feed after S seconds "
	       "(default 120)\n"
	       "  --by NAME          who refreshes, for the episodes' log\n"
	       "  --json             print as JSON\n",
	       refresh_usage);
	return CLI_EXIT_OK;
}

struct follow_args {
	const char *url;
	const char *office;
	const char *level;
	const char *region;
	const char *show;
	const char *by;
	long timeout_s;
	bool json;
};

static bool parse_timeout(const char *text, long *out)
{
	long long v;

	if (!cli_parse_uint("--timeout", text, 86400, &v) || v == 0) {
		if (v == 0)
			cli_error("bad --timeout '%s': at least 1 second", text);
		return false;
	}
	*out = (long)v;
	return true;
}

static json_t *summary_json(const char *slug, const struct feed_refresh_result *r,
			    const char *error)
{
	return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:o}", "show", slug,
			 "status",
			 error ? "failed"
			 : r->not_modified ? "not-modified"
					   : "imported",
			 "added", (json_int_t)r->summary.added, "updated",
			 (json_int_t)r->summary.updated, "unchanged",
			 (json_int_t)r->summary.unchanged, "skipped",
			 (json_int_t)r->summary.skipped, "error",
			 error ? json_string(error) : json_null());
}

static void summary_line(const char *slug, const struct feed_refresh_result *r)
{
	if (r->not_modified)
		printf("%s: not modified\n", slug);
	else
		printf("%s: %zu added, %zu updated, %zu unchanged, %zu "
		       "skipped\n",
		       slug, r->summary.added, r->summary.updated,
		       r->summary.unchanged, r->summary.skipped);
}

/* Mark the followed show with its office. */
static int set_office(struct catalog *cat, const struct follow_args *a,
		      const char *slug, struct siar_err *err)
{
	struct catalog_show s;
	char **fields[3];
	const char *values[3] = {a->office, a->level, a->region};
	size_t i;
	int rc;

	catalog_show_init(&s);
	rc = catalog_show_get(cat, slug, &s, err);
	fields[0] = &s.office_name;
	fields[1] = &s.office_level;
	fields[2] = &s.office_region;
	for (i = 0; !rc && i < 3; i++) {
		if (!values[i])
			continue;
		free(*fields[i]);
		*fields[i] = siar_strdup(values[i]);
		if (!*fields[i])
			rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	if (!rc)
		rc = catalog_show_update(cat, slug, &s, err);
	catalog_show_release(&s);
	return rc;
}

static int do_follow(struct cli_ctx *ctx, const struct follow_args *a,
		     struct siar_err *err)
{
	struct feed_import_opts opts;
	struct feed_refresh_result res;
	struct catalog *cat = NULL;
	/* "KPU Kabupaten Grobogan": "kpu-kabupaten-grobogan". */
	char *slug = a->show ? siar_strdup(a->show) : siar_slug(a->office, 64);
	int rc;

	if (!slug)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	if (!*slug) {
		free(slug);
		return siar_err_set(err, SIAR_EINVAL,
				    "no slug can be made of office '%s': give"
				    " --show SLUG",
				    a->office);
	}
	feed_import_opts_init(&opts);
	opts.show_slug = slug;
	opts.actor = cli_actor(a->by);
	rc = cli_open_catalog(ctx, false, &cat, err);
	if (!rc)
		rc = feed_follow(cat, a->url, &opts, a->timeout_s, &res, err);
	/* The office is set after the import made the show. */
	if (!rc)
		rc = set_office(cat, a, slug, err);
	if (!rc && a->json)
		rc = cli_print_json(summary_json(slug, &res, NULL), false)
			 ? siar_err_set(err, SIAR_ENOMEM, "out of memory")
			 : SIAR_OK;
	else if (!rc)
		printf("following '%s' as show '%s': %zu episodes\n", a->url,
		       slug, res.summary.added);
	catalog_close(cat);
	free(slug);
	return rc;
}

/* A catalog_follow_fn: one line or object of 'siar follow' alone. */
static int list_one(const struct catalog_follow *f, void *ctx,
		    struct siar_err *err)
{
	json_t *array = ctx;

	if (array)
		return cli_json_append(
		    array,
		    json_pack("{s:s, s:s, s:I, s:I, s:o}", "show",
			      f->show_slug, "url", f->url, "checked_unix",
			      (json_int_t)f->checked_unix, "changed_unix",
			      (json_int_t)f->changed_unix, "last_error",
			      f->last_error ? json_string(f->last_error)
					    : json_null()),
		    err);
	printf("%s\t%s%s%s\n", f->show_slug, f->url,
	       f->last_error ? "\tlast refresh failed: " : "",
	       f->last_error ? f->last_error : "");
	return SIAR_OK;
}

static int list_follows(struct cli_ctx *ctx, bool json, struct siar_err *err)
{
	struct catalog *cat = NULL;
	json_t *array = json ? json_array() : NULL;
	int rc;

	if (json && !array)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	rc = cli_open_catalog(ctx, false, &cat, err);
	if (!rc)
		rc = catalog_follow_each(cat, NULL, list_one, array, err);
	catalog_close(cat);
	if (!rc && array)
		return cli_print_json(array, false)
			   ? siar_err_set(err, SIAR_ENOMEM, "out of memory")
			   : SIAR_OK;
	json_decref(array);
	return rc;
}

int cmd_follow(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"office", required_argument, NULL, 'O'},
		{"level", required_argument, NULL, 'l'},
		{"region", required_argument, NULL, 'r'},
		{"show", required_argument, NULL, 's'},
		{"timeout", required_argument, NULL, 't'},
		{"by", required_argument, NULL, 'b'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct follow_args a;
	struct siar_err err = {0};
	int c;

	memset(&a, 0, sizeof(a));
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (c) {
		case 'h': return follow_help();
		case 'O': a.office = optarg; break;
		case 'l': a.level = optarg; break;
		case 'r': a.region = optarg; break;
		case 's': a.show = optarg; break;
		case 'b': a.by = optarg; break;
		case 'j': a.json = true; break;
		case 't':
			if (!parse_timeout(optarg, &a.timeout_s))
				return cli_usage(follow_usage);
			break;
		default: return cli_usage(follow_usage);
		}
	}
	if (optind == argc && !a.office) {
		if (list_follows(ctx, a.json, &err)) {
			cli_report(&err);
			return CLI_EXIT_FAIL;
		}
		return CLI_EXIT_OK;
	}
	if (optind != argc - 1 || !a.office) {
		cli_error("follow: give one feed URL and --office NAME");
		return cli_usage(follow_usage);
	}
	if (a.level && strcmp(a.level, "national") &&
	    strcmp(a.level, "province") && strcmp(a.level, "district")) {
		cli_error("bad --level '%s': expected national, province or "
			  "district",
			  a.level);
		return cli_usage(follow_usage);
	}
	a.url = argv[optind];
	if (do_follow(ctx, &a, &err)) {
		cli_report(&err);
		return CLI_EXIT_FAIL;
	}
	return CLI_EXIT_OK;
}

int cmd_unfollow(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int c, rc = CLI_EXIT_OK;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h') {
			printf("usage: siar %s\n\nStop refreshing show SLUG "
			       "from its feed. The show and its episodes\n"
			       "stay.\n",
			       unfollow_usage);
			return CLI_EXIT_OK;
		}
		return cli_usage(unfollow_usage);
	}
	if (optind != argc - 1)
		return cli_usage(unfollow_usage);
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_follow_remove(cat, argv[optind], &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}

struct refresh_state {
	struct catalog *cat;
	struct feed_import_opts opts;
	long timeout_s;
	json_t *array;
	size_t failed;
};

/* Refresh one followed show; a failure is reported and counted. */
static int refresh_one(struct refresh_state *st, const char *slug,
		       struct siar_err *err)
{
	struct feed_refresh_result res;
	struct siar_err why = {0};
	int rc;

	rc = feed_refresh(st->cat, slug, &st->opts, st->timeout_s, &res, &why);
	if (rc == SIAR_ENOMEM || rc == SIAR_EDB)
		return siar_err_set(err, why.code, "%s", why.msg);
	if (rc) {
		st->failed++;
		if (!st->array)
			cli_error("%s: %s", slug, why.msg);
		memset(&res, 0, sizeof(res));
	} else if (!st->array) {
		summary_line(slug, &res);
	}
	if (st->array)
		return cli_json_append(
		    st->array, summary_json(slug, &res, rc ? why.msg : NULL),
		    err);
	return SIAR_OK;
}

/* The slugs to refresh, collected first: refreshing writes. */
static int collect(const struct catalog_follow *f, void *ctx,
		   struct siar_err *err)
{
	return siar_paths_add(ctx, f->show_slug, err);
}

int cmd_refresh(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"timeout", required_argument, NULL, 't'},
		{"by", required_argument, NULL, 'b'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct refresh_state st;
	struct siar_paths slugs;
	struct siar_err err = {0};
	const char *by = NULL;
	bool json = false;
	size_t i;
	int c, rc;

	memset(&st, 0, sizeof(st));
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		switch (c) {
		case 'h': return refresh_help();
		case 'b': by = optarg; break;
		case 'j': json = true; break;
		case 't':
			if (!parse_timeout(optarg, &st.timeout_s))
				return cli_usage(refresh_usage);
			break;
		default: return cli_usage(refresh_usage);
		}
	}
	siar_paths_init(&slugs);
	feed_import_opts_init(&st.opts);
	st.opts.actor = cli_actor(by);
	st.array = json ? json_array() : NULL;
	rc = json && !st.array ? siar_err_set(&err, SIAR_ENOMEM,
					      "out of memory")
			       : cli_open_catalog(ctx, false, &st.cat, &err);
	for (i = optind; !rc && i < (size_t)argc; i++)
		rc = siar_paths_add(&slugs, argv[i], &err);
	if (!rc && optind == argc)
		rc = catalog_follow_each(st.cat, NULL, collect, &slugs, &err);
	for (i = 0; !rc && i < slugs.n; i++)
		rc = refresh_one(&st, slugs.items[i], &err);
	if (!rc && st.array) {
		rc = cli_print_json(st.array, false)
			 ? siar_err_set(&err, SIAR_ENOMEM, "out of memory")
			 : SIAR_OK;
		st.array = NULL;
	}
	json_decref(st.array);
	siar_paths_release(&slugs);
	catalog_close(st.cat);
	if (rc) {
		cli_report(&err);
		return CLI_EXIT_FAIL;
	}
	return st.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
