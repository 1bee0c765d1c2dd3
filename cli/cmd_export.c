/*
 * siar export: the whole catalogue as one JSON document, on standard
 * output or atomically in a file (a temporary file renamed into place),
 * for 'siar import' into a new catalogue. The document is described in
 * README.md; catalog/dump.c writes it.
 */
#include "cli.h"

#include <stdio.h>

static const char usage[] = "export [-o FILE]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Write the whole catalogue as one JSON document: the shows with "
	       "their hosts,\npeople, topics, episodes with their credits, "
	       "topics, chapters, transcripts\nand renditions, and the review "
	       "log, with every ID, GUID, time and status.\n'siar import FILE' "
	       "loads it into a new, empty catalogue.\n\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of "
	       "standard output\n",
	       usage);
	return CLI_EXIT_OK;
}

static int export_to(struct catalog *cat, const char *path,
		     struct siar_err *err)
{
	struct siar_atomic a;

	if (!path)
		return catalog_export(cat, stdout, err);
	if (siar_atomic_open(&a, path, err))
		return err->code;
	if (catalog_export(cat, a.fp, err)) {
		siar_atomic_abort(&a);
		return err->code;
	}
	return siar_atomic_commit(&a, err);
}

int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	const char *path = NULL;
	int c, rc = CLI_EXIT_OK;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":ho:", opts)) != -1) {
		if (c == 'h')
			return print_help();
		if (c != 'o')
			return cli_usage(usage);
		path = optarg;
	}
	if (optind != argc) {
		cli_error("export: unexpected argument '%s'", argv[optind]);
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    export_to(cat, path, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
