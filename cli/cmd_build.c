/*
 * siar build: write the static site of every show into a folder (see
 * feed_build_site in feed/feed.h and README "The static site").
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "../feed/feed.h"

static const char usage[] =
	"build [--base-url URL] [--lang id|en] [--rewrite] [--force] OUTDIR";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Write a complete static site into OUTDIR, ready to copy to "
	       "any web server:\n"
	       "per show SLUG/ with feed.xml, feed.json, chapters/, its media "
	       "files, images\n"
	       "and transcripts, index.html (page-2.html, ...) and one page "
	       "per episode;\n"
	       "index.html listing the shows, topics/, people/, "
	       "embed/SLUG.html (for an\n"
	       "<iframe>), shows.opml, style.css and site.js.\n\n"
	       "The site is built in OUTDIR.new and swapped in whole; a file "
	       "whose content\n"
	       "did not change keeps its time stamp. OUTDIR must be new, "
	       "empty, or a site\n"
	       "siar built before.\n\n"
	       "  --base-url URL   the public URL of OUTDIR: show SLUG is then "
	       "at URL/SLUG/\n"
	       "                   (default: each show's own --base-url is "
	       "its folder's URL)\n"
	       "  --lang id|en     the language of the pages (default: each "
	       "show's language\n"
	       "                   for its pages, Indonesian for the rest)\n"
	       "  --rewrite        write every file afresh, even those that "
	       "did not change\n"
	       "  --force          build even when the checks of 'siar feed' "
	       "find errors\n"
	       "                   in a show (printed, one line each, as "
	       "'siar lint' does)\n",
	       usage);
	return CLI_EXIT_OK;
}

/* A catalog_show_fn: the checks of 'siar feed' on one show. */
static int check_show(const struct catalog_show *s, void *ctx,
		      struct siar_err *err)
{
	struct catalog *cat = ((void **)ctx)[0];
	size_t *n_errors = ((void **)ctx)[1];
	struct feed_lint_opts lo = {0};
	size_t n = 0;
	int rc;

	rc = feed_lint(cat, s->slug, &lo, cli_lint_print_error, NULL, &n, NULL,
		       err);
	*n_errors += n;
	return rc;
}

/*
 * The site holds every show's feed, so it goes out only when no show's
 * feed has an error (as 'siar feed' refuses one), unless --force.
 */
int cli_check_shows(struct catalog *cat, struct siar_err *err)
{
	size_t n_errors = 0;
	void *ctx[2] = {cat, &n_errors};

	if (catalog_show_each(cat, check_show, ctx, err))
		return err->code;
	if (!n_errors)
		return SIAR_OK;
	return siar_err_set(err, SIAR_EINVAL,
			    "build: %zu error%s: nothing written (see 'siar "
			    "lint SLUG'; --force builds anyway)",
			    n_errors, n_errors == 1 ? "" : "s");
}

int cmd_build(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"base-url", required_argument, NULL, 'b'},
		{"lang", required_argument, NULL, 'l'},
		{"rewrite", no_argument, NULL, 'r'},
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct feed_site_stats stats;
	struct feed_site_opts so;
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool force = false;
	int c, rc = CLI_EXIT_OK;

	feed_site_opts_init(&so);
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help();
		else if (c == 'b')
			so.base_url = optarg;
		else if (c == 'l')
			so.lang = optarg;
		else if (c == 'r')
			so.force = true;
		else if (c == 'f')
			force = true;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 1) {
		cli_error("build: give exactly one OUTDIR");
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    (!force && cli_check_shows(cat, &err)) ||
	    feed_build_site(cat, argv[optind], &so, &stats, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	} else {
		printf("built '%s': %zu shows, %zu episodes, %zu files "
		       "(%zu written, %zu media linked, %zu copied, "
		       "%zu removed)\n",
		       argv[optind], stats.n_shows, stats.n_episodes,
		       stats.n_files, stats.n_written, stats.n_media_linked,
		       stats.n_media_copied, stats.n_removed);
	}
	catalog_close(cat);
	return rc;
}
