/*
 * siar submit|approve|request-changes|unpublish, and the runner they share
 * with 'siar publish' (cli/cmd_publish.c): move an episode one step through
 * the review workflow with catalog_episode_act(), which checks the step
 * and logs who took it, and print "episode ID 'TITLE': FROM -> TO".
 */
#include "cli.h"

#include <stdio.h>

struct act_args {
	enum catalog_action action;
	int64_t id;
	const char *at;		/* publish: wall-clock time, or NULL: now */
	struct catalog_actor who;
	bool json;
};

/* parse() saw --help and printed the help: stop with success. */
#define PARSE_HELP (-1)

static int print_help(const char *usage, const char *help)
{
	printf("usage: siar %s\n\n%s", usage, help);
	return CLI_EXIT_OK;
}

static const struct option *options(enum catalog_action action)
{
	static const struct option publish_opts[] = {
		{"at", required_argument, NULL, 'a'},
		{"by", required_argument, NULL, 'b'},
		{"note", required_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};

	/* Every action but publishing takes the options after --at. */
	return action == CATALOG_ACTION_PUBLISH ? publish_opts
						 : publish_opts + 1;
}

/* Returns CLI_EXIT_OK, PARSE_HELP or CLI_EXIT_USAGE. */
static int parse(int argc, char **argv, struct act_args *a,
		 const char *usage, const char *help)
{
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", options(a->action))) != -1) {
		if (c == 'h') {
			print_help(usage, help);
			return PARSE_HELP;
		} else if (c == 'a') {
			a->at = optarg;
		} else if (c == 'b') {
			a->who.name = optarg;
		} else if (c == 'n') {
			a->who.note = *optarg ? optarg : NULL;
		} else if (c == 'j') {
			a->json = true;
		} else {
			return cli_usage(usage);
		}
	}
	return cli_one_id(argv[0], usage, argc, argv, &a->id);
}

/* Print what happened to the episode, now 'after'. */
static int report(struct catalog *cat, const struct act_args *a,
		  const struct catalog_episode *before,
		  const struct catalog_episode *after, const char *tz,
		  struct siar_err *err)
{
	struct siar_buf when;
	bool future = after->published_unix > catalog_now(cat);
	int rc = SIAR_OK;

	if (a->json)
		return cli_print_json(cli_episode_json(after, tz), false)
			       ? siar_err_set(err, SIAR_ENOMEM, "out of memory")
			       : SIAR_OK;
	printf("episode %lld '%s': %s -> %s", (long long)after->id,
	       after->title, catalog_status_name(before->status),
	       catalog_status_name(after->status));
	siar_buf_init(&when, 0);
	if (a->action == CATALOG_ACTION_PUBLISH &&
	    after->status == CATALOG_STATUS_PUBLISHED)
		rc = siar_time_rfc2822(&when, after->published_unix, tz, err);
	if (!rc && when.len)
		printf(" (%s %s)", future ? "scheduled for" : "at", when.buf);
	putchar('\n');
	siar_buf_release(&when);
	return rc;
}

static int act(struct catalog *cat, const struct act_args *a,
	       struct siar_err *err)
{
	struct catalog_episode before, after;
	struct catalog_show show;
	int64_t at_unix;
	int rc;

	catalog_episode_init(&before);
	catalog_episode_init(&after);
	catalog_show_init(&show);
	rc = catalog_episode_get(cat, a->id, &before, err);
	if (!rc)
		rc = catalog_show_get(cat, before.show_slug, &show, err);
	if (rc)
		goto out;
	at_unix = catalog_now(cat);
	if (a->at)
		rc = siar_time_parse_local(a->at, show.timezone, &at_unix, err);
	if (!rc)
		rc = catalog_episode_act(cat, a->id, a->action, at_unix,
					 &a->who, err);
	if (!rc)
		rc = catalog_episode_get(cat, a->id, &after, err);
	if (!rc)
		rc = report(cat, a, &before, &after, show.timezone, err);
out:
	catalog_show_release(&show);
	catalog_episode_release(&after);
	catalog_episode_release(&before);
	return rc;
}

int cli_act_main(struct cli_ctx *ctx, int argc, char **argv,
		 enum catalog_action action, const char *usage,
		 const char *help)
{
	struct act_args a = {action, 0, NULL, {NULL, NULL}, false};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int rc;

	rc = parse(argc, argv, &a, usage, help);
	if (rc)
		return rc == PARSE_HELP ? CLI_EXIT_OK : rc;
	/* A refusal like the catalogue's: the command line itself is fine. */
	if (action == CATALOG_ACTION_REQUEST_CHANGES && !a.who.note) {
		cli_error("request-changes needs a note: say what to change "
			  "with --note TEXT");
		return CLI_EXIT_FAIL;
	}
	a.who.name = cli_actor(a.who.name);
	rc = CLI_EXIT_OK;
	if (cli_open_catalog(ctx, false, &cat, &err) || act(cat, &a, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}

#define ACT_OPTIONS                                                        \
	"  --by NAME          who acts, for the log (default: $SIAR_USER, "   \
	"else the\n"                                                           \
	"                     login name)\n"

int cmd_submit(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_act_main(
	    ctx, argc, argv, CATALOG_ACTION_SUBMIT,
	    "submit [--by NAME] [--note TEXT] [--json] ID",
	    "Send draft episode ID for review: draft -> in_review.\n\n"
	    ACT_OPTIONS
	    "  --note TEXT        a note for the reviewer, kept in the log\n"
	    "  --json             print the episode as JSON afterwards\n");
}

int cmd_approve(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_act_main(
	    ctx, argc, argv, CATALOG_ACTION_APPROVE,
	    "approve [--by NAME] [--note TEXT] [--json] ID",
	    "Approve episode ID, which is in review, for publication: "
	    "in_review ->\napproved. 'siar publish' then publishes it.\n\n"
	    ACT_OPTIONS
	    "  --note TEXT        a note, kept in the log\n"
	    "  --json             print the episode as JSON afterwards\n");
}

int cmd_request_changes(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_act_main(
	    ctx, argc, argv, CATALOG_ACTION_REQUEST_CHANGES,
	    "request-changes --note TEXT [--by NAME] [--json] ID",
	    "Send episode ID (in review or approved) back to its producer: "
	    "-> draft.\n\n"
	    "  --note TEXT        what to change (required), kept in the log\n"
	    ACT_OPTIONS
	    "  --json             print the episode as JSON afterwards\n");
}

int cmd_unpublish(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_act_main(
	    ctx, argc, argv, CATALOG_ACTION_UNPUBLISH,
	    "unpublish [--by NAME] [--note TEXT] [--json] ID",
	    "Take published episode ID out of its feed: published -> "
	    "unpublished.\n'siar publish' can publish it again.\n\n"
	    ACT_OPTIONS
	    "  --note TEXT        why, kept in the log\n"
	    "  --json             print the episode as JSON afterwards\n");
}

int cmd_archive(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_act_main(
	    ctx, argc, argv, CATALOG_ACTION_ARCHIVE,
	    "archive [--by NAME] [--note TEXT] [--json] ID",
	    "Archive episode ID, in whatever state: it leaves its feed and the "
	    "review\nqueue but stays in the catalogue, with its log.\n\n"
	    ACT_OPTIONS
	    "  --note TEXT        why, kept in the log\n"
	    "  --json             print the episode as JSON afterwards\n");
}
