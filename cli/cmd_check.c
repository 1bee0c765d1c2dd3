/*
 * siar check: make sure every file the catalogue points at is still there
 * and unchanged: each episode's media file and renditions (by SHA-256,
 * computed by media/), its transcripts, image and poster (present).
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../media/media.h"

static const char usage[] = "check [--show SLUG] [--json]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Check the files of every episode (or of one show's): media "
	       "files and\nrenditions must be there with the SHA-256 they had "
	       "when added; transcripts,\nimages and posters must be there. "
	       "Files kept at a URL (imported) are\nnot checked. "
	       "Prints a line per problem,\n"
	       "  missing: ID PATH\n"
	       "  changed: ID PATH\n"
	       "then \"N files checked, N missing, N changed\". Exit status 1 "
	       "if anything\nis missing, changed or cannot be read.\n\n"
	       "  --show SLUG        only this show's episodes\n"
	       "  --json             {checked, missing: [{id, path}], changed: "
	       "[...],\n"
	       "                     unreadable}\n",
	       usage);
	return CLI_EXIT_OK;
}

struct check_state {
	size_t checked, n_missing, n_changed, n_unreadable;
	json_t *missing;	/* --json: arrays of {id, path}; else NULL */
	json_t *changed;
};

static void problem(struct check_state *st, bool missing, int64_t id,
		    const char *path)
{
	json_t *array = missing ? st->missing : st->changed;
	json_t *o;

	if (missing)
		st->n_missing++;
	else
		st->n_changed++;
	if (!array) {
		printf("%s: %lld %s\n", missing ? "missing" : "changed",
		       (long long)id, path);
		return;
	}
	o = json_object();
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "path", cli_json_str(path));
	json_array_append_new(array, o);
}

/* Check the file 'path' (NULL: none); 'sha256' NULL: only that it is there. */
static void check_file(struct check_state *st, int64_t id, const char *path,
		       const char *sha256)
{
	struct siar_err err = {0};
	struct stat sb;
	char hex[65];

	/* A file kept on another host (imported) is not ours to check. */
	if (!path || catalog_path_remote(path))
		return;
	st->checked++;
	if (stat(path, &sb)) {
		if (errno == ENOENT || errno == ENOTDIR) {
			problem(st, true, id, path);
			return;
		}
		cli_error("cannot check '%s': %s", path, strerror(errno));
		st->n_unreadable++;
		return;
	}
	if (!sha256)
		return;
	if (media_file_sha256(path, hex, &err)) {
		cli_report(&err);
		st->n_unreadable++;
	} else if (strcmp(hex, sha256)) {
		problem(st, false, id, path);
	}
}

static int check_episode(const struct catalog_episode *ep, void *ctx,
			 struct siar_err *err)
{
	struct check_state *st = ctx;
	size_t i;

	(void)err;
	check_file(st, ep->id, ep->media_path, ep->media_sha256);
	for (i = 0; i < ep->n_renditions; i++)
		check_file(st, ep->id, ep->renditions[i].path,
			   ep->renditions[i].sha256);
	for (i = 0; i < ep->n_transcripts; i++)
		check_file(st, ep->id, ep->transcripts[i].path, NULL);
	check_file(st, ep->id, ep->image_path, NULL);
	check_file(st, ep->id, ep->poster_path, NULL);
	return SIAR_OK;
}

static int summarise(struct check_state *st)
{
	json_t *o;

	if (!st->missing) {
		printf("%zu files checked, %zu missing, %zu changed",
		       st->checked, st->n_missing, st->n_changed);
		if (st->n_unreadable)
			printf(", %zu unreadable", st->n_unreadable);
		putchar('\n');
		return CLI_EXIT_OK;
	}
	o = json_object();
	json_object_set_new(o, "checked",
			    json_integer((json_int_t)st->checked));
	json_object_set_new(o, "missing", json_incref(st->missing));
	json_object_set_new(o, "changed", json_incref(st->changed));
	json_object_set_new(o, "unreadable",
			    json_integer((json_int_t)st->n_unreadable));
	return cli_print_json(o, false);
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct catalog_filter *f, bool *json)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
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
		} else if (c == 's') {
			f->show_slug = optarg;
		} else if (c == 'j') {
			*json = true;
		} else {
			return cli_usage(usage);
		}
	}
	if (optind != argc) {
		cli_error("check: unexpected argument '%s'", argv[optind]);
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

int cmd_check(struct cli_ctx *ctx, int argc, char **argv)
{
	struct check_state st = {0, 0, 0, 0, NULL, NULL};
	struct catalog_filter filter = {0};
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool json = false;
	int rc;

	rc = parse(argc, argv, &filter, &json);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	rc = CLI_EXIT_FAIL;
	if (json) {
		st.missing = json_array();
		st.changed = json_array();
		if (!st.missing || !st.changed)
			siar_err_set(&err, SIAR_ENOMEM, "out of memory");
	}
	if (err.code || cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_episode_each(cat, &filter, check_episode, &st, &err)) {
		cli_report(&err);
		goto out;
	}
	rc = summarise(&st);
	if (!rc && (st.n_missing || st.n_changed || st.n_unreadable))
		rc = CLI_EXIT_FAIL;
out:
	json_decref(st.missing);
	json_decref(st.changed);
	catalog_close(cat);
	return rc;
}
