/*
 * siar backup|restore: copy the whole catalogue to a file while others may
 * keep using it, and put such a copy back. Restoring over a catalogue that
 * holds episodes needs --force, since they are replaced.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char backup_usage[] = "backup FILE";
static const char restore_usage[] = "restore [--force] FILE";

/* Parse "[--force] FILE"; returns an exit status, or -1 after help. */
static int parse(int argc, char **argv, const char *usage, const char *help,
		 bool *force)
{
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":hf", opts)) != -1) {
		if (c == 'h') {
			printf("usage: siar %s\n\n%s", usage, help);
			return -1;
		}
		if (c == 'f' && !force)
			cli_error("%s: unknown option '--force'", argv[0]);
		if (c != 'f' || !force)
			return cli_usage(usage);
		*force = true;
	}
	if (optind != argc - 1) {
		cli_error("%s: give exactly one FILE", argv[0]);
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

int cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	int rc;

	rc = parse(argc, argv, backup_usage,
		   "Copy the whole catalogue to FILE, consistently, even while "
		   "others use it.\nFILE is written beside its final name and "
		   "renamed into place.\n",
		   NULL);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_backup(cat, argv[optind], &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	} else {
		printf("backed up catalogue '%s' to '%s'\n", ctx->db_path,
		       argv[optind]);
	}
	catalog_close(cat);
	return rc;
}

static int restore(struct catalog *cat, const char *path, bool force,
		   struct siar_err *err)
{
	size_t n;

	if (cli_count_episodes(cat, NULL, &n, err))
		return err->code;
	if (n && !force)
		return siar_err_set(err, SIAR_EINVAL, "restore replaces the "
				    "catalogue's %zu episode%s: use --force",
				    n, n == 1 ? "" : "s");
	if (catalog_restore(cat, path, err) ||
	    cli_count_episodes(cat, NULL, &n, err))
		return err->code;
	printf("restored catalogue from '%s': %zu episode%s\n", path, n,
	       n == 1 ? "" : "s");
	return SIAR_OK;
}

int cmd_restore(struct cli_ctx *ctx, int argc, char **argv)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool force = false;
	int rc;

	rc = parse(argc, argv, restore_usage,
		   "Replace the catalogue's content with the backup FILE (made "
		   "by 'siar backup').\nA missing catalogue is created. One "
		   "that holds episodes is replaced only\nwith --force.\n\n"
		   "  --force            replace the catalogue's episodes\n",
		   &force);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	/* Check first: a failed restore must not leave a new catalogue. */
	if (access(argv[optind], R_OK)) {
		cli_error("cannot read backup '%s': %s", argv[optind],
			  strerror(errno));
		return CLI_EXIT_FAIL;
	}
	if (cli_open_catalog(ctx, true, &cat, &err) ||
	    restore(cat, argv[optind], force, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
