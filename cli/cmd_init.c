/*
 * siar init: create the catalogue (or bring an existing one's schema up to
 * date) at the path chosen by --db / SIAR_DB / ./siar.db.
 */
#include "cli.h"

#include <stdio.h>
#include <sys/stat.h>

static const char usage[] = "init";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Create a catalogue: ./siar.db, or --db PATH, or $SIAR_DB.\n"
	       "Running it on an existing catalogue only upgrades its schema.\n",
	       usage);
	return CLI_EXIT_OK;
}

int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	struct stat st;
	bool existed;

	if (argc > 1 && cli_is_help(argv[1]))
		return print_help();
	if (argc > 1) {
		cli_error("init: unexpected argument '%s'", argv[1]);
		return cli_usage(usage);
	}
	existed = stat(ctx->db_path, &st) == 0;
	if (cli_open_catalog(ctx, true, &cat, &err)) {
		cli_report(&err);
		return CLI_EXIT_FAIL;
	}
	printf("%s catalogue '%s' (schema version %d)\n",
	       existed ? "opened existing" : "created", ctx->db_path,
	       catalog_schema_version(cat));
	catalog_close(cat);
	return CLI_EXIT_OK;
}
