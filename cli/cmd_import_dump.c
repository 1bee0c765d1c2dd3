/*
 * siar import FILE.json: load a document written by 'siar export' into a
 * new, empty catalogue, everything under its own ID. cli_import_dump() is
 * what 'siar import' runs for such a file (see cli.h); catalog/dump.c
 * checks and stores it.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/*
 * SQLite's longest string by default: the document is handed to it
 * whole. About 400,000 episodes.
 */
#define DUMP_MAX_BYTES ((size_t)1000000000)

static int print_help(const char *cmd)
{
	printf("usage: siar %s FILE.json\n\n"
	       "Load the document 'siar export' wrote (FILE, or - for standard "
	       "input) into\nthe catalogue, which must be empty: make one "
	       "with 'siar --db NEW.db init'.\nEvery show, person, topic, "
	       "episode and log entry keeps its ID, GUID, times\nand status. "
	       "Each is checked as 'siar add' and the others check theirs; "
	       "one\nbad item refuses the whole document and leaves the "
	       "catalogue empty.\n",
	       cmd);
	return CLI_EXIT_OK;
}

/* Append all of 'fp' (named 'path') to 'b'. */
static int read_all(FILE *fp, const char *path, struct siar_buf *b,
		    struct siar_err *err)
{
	char chunk[65536];
	size_t n;

	do {
		n = fread(chunk, 1, sizeof(chunk), fp);
		siar_buf_add(b, chunk, n);
	} while (n == sizeof(chunk) && !b->failed);
	if (ferror(fp))
		return siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
				    path, strerror(errno));
	if (b->failed == SIAR_EINVAL)
		return siar_err_set(err, SIAR_EINVAL,
				    "'%s' is larger than siar imports (%zu"
				    " bytes)",
				    path, DUMP_MAX_BYTES);
	return siar_buf_check(b, err);
}

/* The document at 'path' ("-": standard input) into 'b'. */
static int read_dump(const char *path, struct siar_buf *b,
		     struct siar_err *err)
{
	FILE *fp;
	int rc;

	if (!strcmp(path, "-"))
		return read_all(stdin, "standard input", b, err);
	fp = fopen(path, "rb");
	if (!fp)
		return siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
				    path, strerror(errno));
	rc = read_all(fp, path, b, err);
	fclose(fp);
	return rc;
}

static void print_counts(const struct catalog_import_counts *n,
			 const char *path)
{
	printf("imported %zu show%s, %zu episode%s, %zu %s, %zu topic%s and"
	       " %zu log entr%s from '%s'\n",
	       n->shows, n->shows == 1 ? "" : "s", n->episodes,
	       n->episodes == 1 ? "" : "s", n->people,
	       n->people == 1 ? "person" : "people", n->topics,
	       n->topics == 1 ? "" : "s", n->log_entries,
	       n->log_entries == 1 ? "y" : "ies", path);
}

int cli_import_dump(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog_import_counts counts;
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	struct siar_buf dump;
	char usage[64];
	int c, rc = CLI_EXIT_OK;

	snprintf(usage, sizeof(usage), "%.32s FILE.json", argv[0]);
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help(argv[0]);
		return cli_usage(usage);
	}
	if (optind != argc - 1) {
		cli_error("%s: give exactly one FILE", argv[0]);
		return cli_usage(usage);
	}
	siar_buf_init(&dump, DUMP_MAX_BYTES);
	if (read_dump(argv[optind], &dump, &err) ||
	    cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_import_dump(cat, dump.buf, dump.len, &counts, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	} else {
		print_counts(&counts, argv[optind]);
	}
	catalog_close(cat);
	siar_buf_release(&dump);
	return rc;
}
