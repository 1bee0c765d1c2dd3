/*
 * siar lint: check a show before its feed goes out. The rules are
 * feed_lint()'s (feed/lint.c); this file only measures files for it with
 * media/ (stat() for presence and size, media_probe() for durations and
 * picture sizes) and prints what it finds.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../feed/feed.h"
#include "../media/media.h"

static const char usage[] = "lint [--previous FEED] [--no-files] [--json] SLUG";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Check show SLUG and the feed 'siar feed' would write for it "
	       "before it goes\nout: artwork, owner, category, URLs, and "
	       "every live episode's duration,\nenclosure, GUID, text and "
	       "files. Prints one line per problem,\n"
	       "  error|warning RULE WHERE: MESSAGE\n"
	       "then \"N errors, M warnings\" on standard error. Exit status 1 "
	       "if there is\nan error; warnings alone exit 0. siar(1) lists the "
	       "rules.\n\n"
	       "  --previous FEED    also compare with FEED, the feed as last "
	       "published:\n"
	       "                     changed GUIDs, URLs and dates, vanished "
	       "episodes\n"
	       "  --no-files         do not open the files (artwork, media, "
	       "transcripts,\n"
	       "                     renditions); checks only the catalogue\n"
	       "  --json             {errors, warnings, problems: [{level, "
	       "rule, where,\n"
	       "                     message}]}\n",
	       usage);
	return CLI_EXIT_OK;
}

/* JPEG and PNG start with these bytes; "jpeg", "png" or NULL. */
static const char *picture_format(const char *path)
{
	static const unsigned char jpeg[] = {0xFF, 0xD8, 0xFF};
	static const unsigned char png[] = {0x89, 'P', 'N', 'G',
					    '\r', '\n', 0x1A, '\n'};
	unsigned char head[8];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	n = read(fd, head, sizeof(head));
	close(fd);
	if (n >= (ssize_t)sizeof(jpeg) && !memcmp(head, jpeg, sizeof(jpeg)))
		return "jpeg";
	if (n >= (ssize_t)sizeof(png) && !memcmp(head, png, sizeof(png)))
		return "png";
	return NULL;
}

/*
 * A feed_measure_fn. A file media/ cannot measure (EMEDIA) is there with
 * its size and nothing more; feed_lint() then judges what it knows.
 */
static int measure(const char *path, bool want_duration,
		   struct feed_file_facts *out, void *ctx,
		   struct siar_err *err)
{
	struct media_info info;
	struct siar_err probe_err = {0};
	const char *picture = NULL;
	struct stat sb;
	int rc;

	(void)ctx;
	if (stat(path, &sb)) {
		if (errno == ENOENT || errno == ENOTDIR)
			return SIAR_OK;
		return siar_err_set(err, SIAR_EIO, "cannot check '%s': %s",
				    path, strerror(errno));
	}
	out->exists = true;
	out->size_bytes = (int64_t)sb.st_size;
	if (!S_ISREG(sb.st_mode))
		return SIAR_OK;
	if (!want_duration) {
		picture = picture_format(path);
		if (!picture)
			return SIAR_OK;
		snprintf(out->format, sizeof(out->format), "%s", picture);
	}
	media_info_init(&info);
	rc = media_probe(path, &info, &probe_err);
	if (rc == SIAR_OK) {
		out->duration_ms = want_duration ? info.duration_ms : 0;
		out->width = info.width;
		out->height = info.height;
	} else if (rc != SIAR_EMEDIA) {
		siar_err_set(err, probe_err.code, "%s", probe_err.msg);
	}
	media_info_release(&info);
	return rc == SIAR_EMEDIA ? SIAR_OK : rc;
}

struct lint_out {
	json_t *problems; /* --json: the array; else NULL (print lines) */
};

/* A feed_lint_fn: a line on stdout, or an object in the array. */
static int print_problem(const struct feed_lint_problem *p, void *ctx,
			 struct siar_err *err)
{
	struct lint_out *lo = ctx;
	json_t *o;

	if (!lo->problems) {
		printf("%s %s %s: %s\n", feed_lint_level_name(p->level),
		       p->rule, p->where, p->message);
		return SIAR_OK;
	}
	o = json_pack("{s:s, s:s, s:o, s:o}", "level",
		      feed_lint_level_name(p->level), "rule", p->rule, "where",
		      cli_json_str(p->where), "message",
		      cli_json_str(p->message));
	return cli_json_append(lo->problems, o, err);
}

/* "2 errors, 1 warning". */
static void print_counts(FILE *out, size_t n_errors, size_t n_warnings)
{
	/* After the problems, when both streams go to one place. */
	fflush(stdout);
	fprintf(out, "%zu error%s, %zu warning%s\n", n_errors,
		n_errors == 1 ? "" : "s", n_warnings,
		n_warnings == 1 ? "" : "s");
}

struct lint_args {
	const char *slug;
	const char *previous;
	bool no_files;
	bool json;
};

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct lint_args *a)
{
	static const struct option opts[] = {
		{"previous", required_argument, NULL, 'p'},
		{"no-files", no_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h') {
			print_help();
			return -1;
		} else if (c == 'p') {
			a->previous = optarg;
		} else if (c == 'n') {
			a->no_files = true;
		} else if (c == 'j') {
			a->json = true;
		} else {
			return cli_usage(usage);
		}
	}
	if (optind != argc - 1) {
		cli_error("lint: give exactly one show SLUG");
		return cli_usage(usage);
	}
	a->slug = argv[optind];
	return CLI_EXIT_OK;
}

/* Print the --json document. Returns an exit status. */
static int print_json(struct lint_out *lo, size_t n_errors,
		      size_t n_warnings)
{
	json_t *doc = json_pack("{s:I, s:I, s:O}", "errors",
				(json_int_t)n_errors, "warnings",
				(json_int_t)n_warnings, "problems",
				lo->problems);

	return cli_print_json(doc, false);
}

int cmd_lint(struct cli_ctx *ctx, int argc, char **argv)
{
	struct lint_args a = {NULL, NULL, false, false};
	struct lint_out lo = {NULL};
	struct feed_lint_opts lopts = {0};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	struct feed_opts fo;
	size_t n_errors = 0, n_warnings = 0;
	int rc;

	rc = parse(argc, argv, &a);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	feed_opts_init(&fo);
	lopts.feed = &fo;
	lopts.measure = a.no_files ? NULL : measure;
	lopts.previous_path = a.previous;
	if (a.json) {
		lo.problems = json_array();
		if (!lo.problems)
			siar_err_set(&err, SIAR_ENOMEM, "out of memory");
	}
	rc = CLI_EXIT_FAIL;
	if (err.code || cli_open_catalog(ctx, false, &cat, &err) ||
	    feed_lint(cat, a.slug, &lopts, print_problem, &lo, &n_errors,
		      &n_warnings, &err)) {
		cli_report(&err);
		goto out;
	}
	if (a.json)
		rc = print_json(&lo, n_errors, n_warnings);
	else
		print_counts(stderr, n_errors, n_warnings);
	if (!a.json || rc == CLI_EXIT_OK)
		rc = n_errors ? CLI_EXIT_FAIL : CLI_EXIT_OK;
out:
	json_decref(lo.problems);
	catalog_close(cat);
	return rc;
}
