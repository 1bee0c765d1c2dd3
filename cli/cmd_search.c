/*
 * siar search: find episodes by words in their titles, descriptions,
 * people (and their organisations) and topics, best match first. The
 * matching and ranking are catalog_search()'s.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] =
	"search [--show SLUG] [--limit N] [--json] TEXT...";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Find episodes whose title, description, people (and their "
	       "organisations)\nor topics contain every word of TEXT; a word "
	       "ending in '*' (rekap*)\nmatches words that start with it. Case "
	       "and accents do not matter. Prints\nID, status, show and title, "
	       "best match first.\n\n"
	       "  --show SLUG        only this show's episodes\n"
	       "  --limit N          at most N episodes (default 50)\n"
	       "  --json             a JSON array of episode objects, as "
	       "'siar list --json'\n",
	       usage);
	return CLI_EXIT_OK;
}

struct search_state {
	struct catalog *cat;
	struct catalog_show show;	/* the last episode's show, cached */
	json_t *array;			/* NULL: print a table */
	size_t n;
};

static int found(const struct catalog_episode *ep, void *ctx,
		 struct siar_err *err)
{
	struct search_state *st = ctx;
	const char *tz;

	st->n++;
	if (!st->array) {
		printf("%5lld  %-11s  %-16s  %s\n", (long long)ep->id,
		       catalog_status_name(ep->status), ep->show_slug,
		       ep->title);
		return SIAR_OK;
	}
	if (cli_show_zone(st->cat, &st->show, ep->show_slug, &tz, err))
		return err->code;
	if (json_array_append_new(st->array, cli_episode_json(ep, tz)))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, const char **show, size_t *limit,
		 bool *json)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
		{"limit", required_argument, NULL, 'l'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	long long n;
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h') {
			print_help();
			return -1;
		} else if (c == 's') {
			*show = optarg;
		} else if (c == 'j') {
			*json = true;
		} else if (c != 'l') {
			return cli_usage(usage);
		} else if (!cli_parse_uint("--limit", optarg, 100000, &n)) {
			return CLI_EXIT_USAGE;
		} else {
			*limit = (size_t)n;
		}
	}
	if (optind >= argc) {
		cli_error("search: give the TEXT to search for");
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

static int join(int argc, char **argv, struct siar_buf *text,
		struct siar_err *err)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (i)
			siar_buf_addc(text, ' ');
		siar_buf_adds(text, argv[i]);
	}
	return siar_buf_check(text, err);
}

int cmd_search(struct cli_ctx *ctx, int argc, char **argv)
{
	struct search_state st = {NULL, {0}, NULL, 0};
	struct siar_err err = {0};
	struct siar_buf text;
	const char *show = NULL;
	size_t limit = 0;
	bool json = false;
	int rc;

	rc = parse(argc, argv, &show, &limit, &json);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	catalog_show_init(&st.show);
	siar_buf_init(&text, 0);
	st.array = json ? json_array() : NULL;
	rc = CLI_EXIT_FAIL;
	if (json && !st.array) {
		cli_error("out of memory");
		goto out;
	}
	if (join(argc - optind, argv + optind, &text, &err) ||
	    cli_open_catalog(ctx, false, &st.cat, &err) ||
	    catalog_search(st.cat, text.buf, show, limit, found, &st, &err)) {
		cli_report(&err);
		json_decref(st.array);
		goto out;
	}
	rc = st.array ? cli_print_json(st.array, false) : CLI_EXIT_OK;
out:
	siar_buf_release(&text);
	catalog_show_release(&st.show);
	catalog_close(st.cat);
	return rc;
}
