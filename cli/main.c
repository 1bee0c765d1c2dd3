/*
 * siar's entry point: process-wide library setup, global options, finding
 * the subcommand in the table, running it and turning the result into an
 * exit status. Each command lives in its own cli/cmd_<name>.c.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../media/media.h"

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv);
static int cmd_version(struct cli_ctx *ctx, int argc, char **argv);

static const struct cli_cmd commands[] = {
	{"init", cmd_init, "init", "create a catalogue"},
	{"show", cmd_show, "show add|edit|list|rm ...",
	 "add, change, list or remove shows"},
	{"add", cmd_add, "add --show SLUG [OPTION...] FILE|DIR...",
	 "probe media files and add them as draft episodes"},
	{"edit", cmd_edit, "edit ID [OPTION...]", "change an episode"},
	{"rm", cmd_rm, "rm [--force] ID",
	 "remove an episode (its media file stays)"},
	{"list", cmd_list, "list [--show SLUG] [--status S] [FILTER...]",
	 "list episodes"},
	{"search", cmd_search, "search [--show SLUG] TEXT...",
	 "find episodes by words in them"},
	{"submit", cmd_submit, "submit ID", "send a draft for review"},
	{"approve", cmd_approve, "approve ID",
	 "approve an episode in review"},
	{"request-changes", cmd_request_changes,
	 "request-changes --note TEXT ID", "send an episode back to draft"},
	{"publish", cmd_publish, "publish [--at \"YYYY-MM-DD HH:MM\"] ID",
	 "publish an episode now or at a given time"},
	{"unpublish", cmd_unpublish, "unpublish ID",
	 "take an episode out of its feed"},
	{"archive", cmd_archive, "archive ID",
	 "archive an episode (kept, but out of feeds and review)"},
	{"log", cmd_log, "log ID", "show an episode's history"},
	{"person", cmd_person, "person add|edit|list|merge ...",
	 "manage guests and hosts"},
	{"topic", cmd_topic, "topic add|list|rename|merge ...",
	 "manage topics"},
	{"import", cmd_import,
	 "import --show SLUG [--download] [--dry-run] [--json] SOURCE",
	 "import a podcast's RSS feed (file or URL) into a show"},
	{"probe", cmd_probe, "probe [--json] FILE...",
	 "measure media files without adding them"},
	{"feed", cmd_feed, "feed [-o FILE] [--self-url URL] [--force] SLUG",
	 "write a show's podcast RSS feed"},
	{"follow", cmd_follow, "follow URL --office NAME [OPTION...]",
	 "follow another office's show by its feed"},
	{"unfollow", cmd_unfollow, "unfollow SLUG",
	 "stop refreshing a followed show"},
	{"refresh", cmd_refresh, "refresh [SLUG...]",
	 "fetch the followed shows' feeds again"},
	{"report", cmd_report,
	 "report [--show SLUG] [--office NAME] [--from DATE] [--to DATE] ...",
	 "report publishing rhythm, output and review"},
	{"lint", cmd_lint, "lint [--previous FEED] [--no-files] [--json] SLUG",
	 "check a show before its feed goes out"},
	{"serve", cmd_serve, "serve [--port N] [--bind ADDR] [--quiet] [OUTDIR]",
	 "serve a published site over HTTP"},
	{"build", cmd_build, "build [--base-url URL] [--lang id|en] OUTDIR",
	 "write the static site of every show"},
	{"check", cmd_check, "check [--show SLUG]",
	 "find missing or changed media files"},
	{"backup", cmd_backup, "backup FILE", "copy the catalogue to a file"},
	{"restore", cmd_restore, "restore [--force] FILE",
	 "replace the catalogue with a backup"},
	{"export", cmd_export, "export [-o FILE]",
	 "write the whole catalogue as one JSON document"},
	{"help", cmd_help, "help [COMMAND]", "show help for siar or a command"},
	{"version", cmd_version, "version", "print siar's version"},
	{NULL, NULL, NULL, NULL},
};

static const struct cli_cmd *find_command(const char *name)
{
	const struct cli_cmd *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

static void print_overview(FILE *out)
{
	const struct cli_cmd *c;

	fputs("usage: siar [--db PATH] [-v] COMMAND [ARGS]\n\n"
	      "siar keeps a catalogue of podcast and video episodes and "
	      "publishes their feeds.\n\nCommands:\n",
	      out);
	for (c = commands; c->name; c++)
		fprintf(out, "  %-16s %s\n", c->name, c->summary);
	fputs("\nThe catalogue is --db PATH, else $SIAR_DB, else ./siar.db.\n"
	      "Run 'siar COMMAND --help' for a command's options; "
	      "'man siar' for the manual.\n"
	      "Exit status: 0 success, 1 failure, 2 usage error.\n",
	      out);
}

static int cmd_help(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_cmd *c;
	char help[] = "--help";
	char *sub[] = {NULL, help, NULL};

	if (argc < 2) {
		print_overview(stdout);
		return CLI_EXIT_OK;
	}
	if (cli_is_help(argv[1])) {
		puts("usage: siar help [COMMAND]\n\n"
		     "Show the overview of siar's commands, or COMMAND's help.");
		return CLI_EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c) {
		cli_error("unknown command '%s'", argv[1]);
		return CLI_EXIT_USAGE;
	}
	sub[0] = argv[1];
	return c->fn(ctx, 2, sub);
}

static int cmd_version(struct cli_ctx *ctx, int argc, char **argv)
{
	(void)ctx;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		puts("usage: siar version\n\nPrint siar's version.");
		return CLI_EXIT_OK;
	}
	printf("siar %s\n", SIAR_VERSION);
	return CLI_EXIT_OK;
}

/*
 * Take --db PATH (or --db=PATH) from anywhere before "--", so that
 * 'siar --db x list' and 'siar list --db x' both work, and remove it from
 * argv. Returns false on a --db without a value.
 */
static bool take_db_option(int *argc, char **argv, struct cli_ctx *ctx)
{
	int i, j = 1;

	for (i = 1; i < *argc; i++) {
		if (!strcmp(argv[i], "--")) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		}
		if (!strncmp(argv[i], "--db=", 5)) {
			ctx->db_path = argv[i] + 5;
		} else if (!strcmp(argv[i], "--db")) {
			if (i + 1 >= *argc)
				return false;
			ctx->db_path = argv[++i];
		} else {
			argv[j++] = argv[i];
		}
	}
	*argc = j;
	argv[j] = NULL;
	return true;
}

static void global_init(struct cli_ctx *ctx)
{
	/*
	 * libcurl and libxml2 set themselves up when a command first uses
	 * them (feed/).
	 */
	media_global_init(ctx->verbose);
}

/* Standard output's buffer when it is not a terminal (SIAR_OUT_BUF). */
static char out_buf[SIAR_OUT_BUF];

int main(int argc, char **argv)
{
	struct cli_ctx ctx = {0};
	const struct cli_cmd *cmd;
	const char *env = getenv("SIAR_DB");
	int argi = 1, status;

	ctx.db_path = env && *env ? env : "siar.db";
	ctx.progress = isatty(STDOUT_FILENO) && isatty(STDERR_FILENO);
	/* A terminal keeps its line buffering. */
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, out_buf, _IOFBF, sizeof(out_buf));
	if (!take_db_option(&argc, argv, &ctx))
		return cli_usage("--db PATH COMMAND ...");
	while (argi < argc && argv[argi][0] == '-') {
		if (!strcmp(argv[argi], "-v") || !strcmp(argv[argi], "--verbose"))
			ctx.verbose = true;
		else if (!strcmp(argv[argi], "--version"))
			return cli_finish(cmd_version(&ctx, 1, argv));
		else if (!strcmp(argv[argi], "--help") ||
			 !strcmp(argv[argi], "-h")) {
			print_overview(stdout);
			return cli_finish(CLI_EXIT_OK);
		} else {
			cli_error("unknown option '%s'", argv[argi]);
			return cli_usage("[--db PATH] [-v] COMMAND [ARGS]");
		}
		argi++;
	}
	if (argi >= argc) {
		print_overview(stderr);
		return CLI_EXIT_USAGE;
	}
	cmd = find_command(argv[argi]);
	if (!cmd) {
		cli_error("unknown command '%s'", argv[argi]);
		return cli_usage("[--db PATH] [-v] COMMAND [ARGS]");
	}
	global_init(&ctx);
	status = cmd->fn(&ctx, argc - argi, argv + argi);
	feed_cleanup();
	return cli_finish(status);
}
