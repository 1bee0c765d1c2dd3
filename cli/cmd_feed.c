/*
 * siar feed: write a show's RSS feed to standard output, or atomically to a
 * file (a temporary file renamed into place, so a podcast app polling it
 * never reads half a feed). A feed that 'siar lint' finds errors in is
 * not written unless --force.
 *
 * The checks run as the feed is written (feed_opts.check), and a feed
 * with errors is then taken back: the temporary file is not renamed, and
 * standard output, when it is a regular file being written at its end
 * (siar feed SLUG > FILE, or >> FILE), is cut back to where it began.
 * Other standard outputs (a pipe, a terminal) cannot be taken back: the
 * checks then run first (lint_gate), as a walk of their own.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../feed/feed.h"

static const char usage[] =
	"feed [-o FILE] [--self-url URL] [--limit N] [--topic T] [--person P]"
	" [--force] SLUG";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Write the podcast RSS feed of show SLUG: every published "
	       "episode whose\ntime has come, newest first. Nothing is written "
	       "when the catalogue\nchecks of 'siar lint --no-files' find an "
	       "error; they are printed instead.\n\n"
	       "  --force            write the feed despite errors\n"
	       "  -o, --output FILE  write to FILE (atomically) instead of "
	       "standard output\n"
	       "                     and each episode's chapters file to\n"
	       "                     chapters/GUID.json beside it\n"
	       "  --self-url URL     the feed's public URL (default: the "
	       "show's base URL\n"
	       "                     followed by /feed.xml)\n"
	       "  --limit N          only the newest N episodes\n"
	       "  --topic T          only episodes on topic T (name or slug);"
	       " a feed of its\n"
	       "                     own, at BASE/topics/T/feed.xml unless "
	       "--self-url\n"
	       "  --person P         only episodes crediting person P;"
	       " at\n"
	       "                     BASE/people/P/feed.xml unless --self-url\n",
	       usage);
	return CLI_EXIT_OK;
}

/* The folder of 'path' ("." for a bare name); caller frees. */
static char *dir_of(const char *path, struct siar_err *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;

	if (!slash)
		dir = siar_strdup(".");
	else if (slash == path)
		dir = siar_strdup("/");
	else
		dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return dir;
}

/* The refusal of a feed with 'n' errors. */
static int refuse(size_t n, const char *slug, struct siar_err *err)
{
	return siar_err_set(err, SIAR_EINVAL,
			    "feed: %zu error%s: not written (see 'siar lint "
			    "%s'; --force writes it anyway)",
			    n, n == 1 ? "" : "s", slug);
}

/*
 * Where standard output began if it can be cut back to it: a regular file
 * written at its end. -1 if it cannot.
 */
static off_t stdout_start(void)
{
	int fd = fileno(stdout);
	struct stat st;
	off_t pos;
	int flags;

	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode))
		return -1;
	flags = fcntl(fd, F_GETFL);
	if (flags < 0)
		return -1;
	if (flags & O_APPEND)
		return st.st_size;
	pos = lseek(fd, 0, SEEK_CUR);
	return pos == st.st_size ? pos : -1;
}

/* Take back what this run wrote to standard output, which began at 'start'. */
static void stdout_cut(off_t start)
{
	int fd = fileno(stdout);

	/* Nothing more of ours may reach the file after the cut. */
	fflush(stdout);
	if (ftruncate(fd, start) == 0)
		lseek(fd, start, SEEK_SET);
	clearerr(stdout);
}

/* A feed_lint_fn: print errors as 'siar lint' does, on stderr. */
int cli_lint_print_error(const struct feed_lint_problem *p, void *ctx,
			 struct siar_err *err)
{
	(void)ctx;
	(void)err;
	if (p->level == FEED_LINT_ERROR)
		fprintf(stderr, "%s %s %s: %s\n",
			feed_lint_level_name(p->level), p->rule, p->where,
			p->message);
	return SIAR_OK;
}

/*
 * Run the catalogue checks of 'siar lint' (no files: the feed stays fast)
 * with the feed's filters, printing the errors. Returns SIAR_OK when there
 * are none; otherwise SIAR_EINVAL with the refusal in 'err', or what
 * failed.
 */
static int lint_gate(struct catalog *cat, const char *slug,
		     const struct feed_opts *fo, struct siar_err *err)
{
	struct feed_lint_opts lo = {.feed = fo};
	size_t n_errors = 0;

	if (feed_lint(cat, slug, &lo, cli_lint_print_error, NULL, &n_errors,
		      NULL, err))
		return err->code;
	return n_errors ? refuse(n_errors, slug, err) : SIAR_OK;
}

/*
 * The feed to 'fp', checked as it is written unless 'force'. Returns
 * feed_write_rss()'s failure, or the refusal when the checks found errors:
 * the caller then takes back what was written.
 */
static int write_checked(struct catalog *cat, const char *slug,
			 struct feed_opts *fo, FILE *fp, bool force,
			 struct siar_err *err)
{
	struct feed_check check = {cli_lint_print_error, NULL, 0};
	int rc;

	fo->check = force ? NULL : &check;
	rc = feed_write_rss(cat, slug, fo, fp, err);
	fo->check = NULL;
	if (!rc && check.n_errors)
		rc = refuse(check.n_errors, slug, err);
	return rc;
}

static int write_stdout(struct catalog *cat, const char *slug,
			struct feed_opts *fo, bool force, struct siar_err *err)
{
	off_t start;
	int rc;

	if (force)
		return feed_write_rss(cat, slug, fo, stdout, err);
	start = stdout_start();
	if (start < 0) {
		if (lint_gate(cat, slug, fo, err))
			return err->code;
		return feed_write_rss(cat, slug, fo, stdout, err);
	}
	rc = write_checked(cat, slug, fo, stdout, false, err);
	if (rc)
		stdout_cut(start);
	return rc;
}

/*
 * The feed goes to a temporary file, checked as it is written; then the
 * chapters files, before the rename: a feed that points to them never
 * goes out before they exist, and a feed refused writes none.
 */
static int write_feed(struct catalog *cat, const char *slug,
		      struct feed_opts *fo, const char *path, bool force,
		      struct siar_err *err)
{
	struct siar_atomic a;
	char *dir;
	int rc;

	if (!path)
		return write_stdout(cat, slug, fo, force, err);
	if (siar_atomic_open(&a, path, err))
		return err->code;
	rc = write_checked(cat, slug, fo, a.fp, force, err);
	if (!rc) {
		dir = dir_of(path, err);
		if (dir)
			rc = feed_write_chapter_files(cat, slug, fo, dir, NULL,
						      err);
		else
			rc = err->code;
		free(dir);
	}
	if (rc) {
		siar_atomic_abort(&a);
		return rc;
	}
	return siar_atomic_commit(&a, err);
}

int cmd_feed(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"force", no_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"self-url", required_argument, NULL, 's'},
		{"limit", required_argument, NULL, 'l'},
		{"topic", required_argument, NULL, 't'},
		{"person", required_argument, NULL, 'p'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct catalog *cat = NULL;
	struct feed_opts fo;
	struct siar_err err = {0};
	bool force = false;
	const char *path = NULL;
	long long limit;
	int c, rc = CLI_EXIT_OK;

	feed_opts_init(&fo);
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":ho:", opts)) != -1) {
		if (c == 'h')
			return print_help();
		else if (c == 'o')
			path = optarg;
		else if (c == 'f')
			force = true;
		else if (c == 's')
			fo.self_url = optarg;
		else if (c == 't')
			fo.topic = optarg;
		else if (c == 'p')
			fo.person = optarg;
		else if (c == 'l' && cli_parse_uint("--limit", optarg,
						    1000000000, &limit))
			fo.limit = (size_t)limit;
		else
			return cli_usage(usage);
	}
	if (optind != argc - 1) {
		cli_error("feed: give exactly one show SLUG");
		return cli_usage(usage);
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    write_feed(cat, argv[optind], &fo, path, force, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	catalog_close(cat);
	return rc;
}
