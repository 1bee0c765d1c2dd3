/*
 * siar log: an episode's history, oldest first: who added, edited,
 * submitted, approved, published or removed it, when, and their notes.
 * Times are in the show's zone; a removed episode's in Asia/Jakarta.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "log [--json] ID";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Print the log of episode ID, oldest first, one entry a line:\n"
	       "  TIME  WHO  ACTION  FROM -> TO  NOTE\n"
	       "with TIME as \"YYYY-MM-DD HH:MM\" in the show's time zone. The "
	       "log of a\nremoved episode can still be read.\n\n"
	       "  --json             a JSON array of {at, actor, action, "
	       "from_status,\n"
	       "                     to_status, note}\n",
	       usage);
	return CLI_EXIT_OK;
}

struct log_state {
	const char *tz;
	json_t *array;		/* NULL: print lines */
};

static json_t *entry_json(const struct catalog_log_entry *e, const char *tz)
{
	struct siar_buf at;
	struct siar_err err = {0};
	json_t *o = json_object();

	siar_buf_init(&at, 0);
	if (o && !siar_time_rfc3339(&at, e->at_unix, tz, &err))
		json_object_set_new(o, "at", json_string(at.buf));
	siar_buf_release(&at);
	if (!o)
		return NULL;
	json_object_set_new(o, "actor", cli_json_str(e->actor));
	json_object_set_new(o, "action", cli_json_str(e->action));
	json_object_set_new(o, "from_status", cli_json_str(e->from_status));
	json_object_set_new(o, "to_status", cli_json_str(e->to_status));
	json_object_set_new(o, "note", cli_json_str(e->note));
	return o;
}

static int print_entry(const struct catalog_log_entry *e, void *ctx,
		       struct siar_err *err)
{
	struct log_state *st = ctx;
	struct siar_buf line;
	char when[32], move[80] = "";
	int rc;

	if (st->array)
		return json_array_append_new(st->array, entry_json(e, st->tz))
			       ? siar_err_set(err, SIAR_ENOMEM, "out of memory")
			       : SIAR_OK;
	cli_format_local(e->at_unix, st->tz, when, sizeof(when));
	if (e->from_status || e->to_status)
		snprintf(move, sizeof(move), "%s%s->%s%s",
			 e->from_status ? e->from_status : "",
			 e->from_status ? " " : "", e->to_status ? " " : "",
			 e->to_status ? e->to_status : "");
	siar_buf_init(&line, 0);
	siar_buf_addf(&line, "%s  %-12s  %-15s  %-25s  %s", when, e->actor,
		      e->action, move, e->note ? e->note : "");
	rc = siar_buf_check(&line, err);
	/* Padding is for the columns in between, not the end of a line. */
	while (!rc && line.len && line.buf[line.len - 1] == ' ')
		line.buf[--line.len] = '\0';
	if (!rc)
		puts(line.buf);
	siar_buf_release(&line);
	return rc;
}

/* The zone of the episode's show; Asia/Jakarta once it is removed. */
static int episode_zone(struct catalog *cat, int64_t id,
			struct catalog_show *show, const char **tz,
			struct siar_err *err)
{
	struct catalog_episode ep;
	int rc;

	*tz = CLI_DEFAULT_TZ;
	catalog_episode_init(&ep);
	rc = catalog_episode_get(cat, id, &ep, err);
	if (rc == SIAR_ENOTFOUND) {
		siar_err_clear(err);
		rc = SIAR_OK;
	} else if (!rc) {
		rc = cli_show_zone(cat, show, ep.show_slug, tz, err);
	}
	catalog_episode_release(&ep);
	return rc;
}

int cmd_log(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct log_state st = {NULL, NULL};
	struct catalog_show show;
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	bool json = false;
	int64_t id;
	int c, rc;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help();
		if (c != 'j')
			return cli_usage(usage);
		json = true;
	}
	rc = cli_one_id("log", usage, argc, argv, &id);
	if (rc)
		return rc;
	catalog_show_init(&show);
	st.array = json ? json_array() : NULL;
	if (json && !st.array)
		siar_err_set(&err, SIAR_ENOMEM, "out of memory");
	if (err.code || cli_open_catalog(ctx, false, &cat, &err) ||
	    episode_zone(cat, id, &show, &st.tz, &err) ||
	    catalog_log_each(cat, id, print_entry, &st, &err)) {
		cli_report(&err);
		json_decref(st.array);
		rc = CLI_EXIT_FAIL;
	} else if (st.array) {
		rc = cli_print_json(st.array, false);
	}
	catalog_show_release(&show);
	catalog_close(cat);
	return rc;
}
