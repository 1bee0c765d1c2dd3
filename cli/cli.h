/*
 * cli: the thin command-line front end. Parses arguments, calls media/,
 * catalog/ and feed/, prints results. No SQL, no libav calls, no XML here:
 * logic that needs testing belongs in a module.
 */
#ifndef SIAR_CLI_H
#define SIAR_CLI_H

#include <getopt.h>
#include <jansson.h>

#include "../catalog/catalog.h"
#include "../feed/feed.h"
#include "../common/siar.h"

/* Exit statuses, documented in siar(1). */
enum cli_exit {
	CLI_EXIT_OK = 0,
	CLI_EXIT_FAIL = 1,	/* something failed; the message says what */
	CLI_EXIT_USAGE = 2,	/* bad command line */
};

struct cli_ctx {
	const char *db_path;	/* --db, else $SIAR_DB, else "siar.db" */
	bool verbose;
	bool progress;		/* stdout is a terminal: show progress */
};

struct cli_cmd {
	const char *name;
	int (*fn)(struct cli_ctx *ctx, int argc, char **argv);
	const char *usage;	/* after "siar ": "feed [-o FILE] SLUG" */
	const char *summary;	/* one line for 'siar help' */
};

/* Print "siar: MESSAGE" on stderr. */
void cli_error(const char *fmt, ...) SIAR_PRINTF(1, 2);

/* Print the error in 'err' as "siar: MESSAGE" on stderr. */
void cli_report(const struct siar_err *err);

/*
 * Print "usage: siar USAGE" and a hint to stderr; return CLI_EXIT_USAGE.
 */
int cli_usage(const char *usage);

/*
 * Open the catalogue chosen by ctx. Without 'create' a missing catalogue
 * is an error telling the user to run 'siar init'. Returns SIAR_OK or the
 * catalogue's error, described in 'err'.
 */
int cli_open_catalog(const struct cli_ctx *ctx, bool create,
		     struct catalog **out, struct siar_err *err);

/*
 * Parse a non-negative decimal integer no larger than 'max' from 'text' for
 * option 'name'. Prints a one-line error and returns false when it is not.
 */
bool cli_parse_uint(const char *name, const char *text, long long max,
		    long long *out);

/*
 * A season or episode number, 0 to 100000, from 'text' for option 'name'
 * into '*out'. Prints a one-line error and returns false when it is not.
 */
bool cli_parse_number(const char *name, const char *text, int *out);

/* How many times a repeatable option (--guest, --topic, ...) may be given. */
#define CLI_MAX_LIST 64

/*
 * Append 'v' to 'list', which holds '*n' of at most CLI_MAX_LIST values
 * of a repeatable option. When it is full, prints "siar: CMD: more than
 * 64 WHATs" and returns false.
 */
bool cli_push_arg(const char *cmd, const char **list, size_t *n, const char *v,
		  const char *what);

/*
 * Print 'json' (whose reference this takes) on stdout, compact on one line
 * when 'compact', indented otherwise, followed by a newline. Returns
 * CLI_EXIT_OK, or CLI_EXIT_FAIL when 'json' is NULL (out of memory).
 */
int cli_print_json(json_t *json, bool compact);

/* A JSON string of 's' repaired as UTF-8, or JSON null when 's' is NULL. */
json_t *cli_json_str(const char *s);

/*
 * Append 'value' to 'array', taking its reference; a NULL 'value' (making
 * it ran out of memory) is refused. Returns SIAR_OK or SIAR_ENOMEM.
 */
int cli_json_append(json_t *array, json_t *value, struct siar_err *err);

/*
 * What differs between 'show list', 'person list' and 'topic list'.
 * 'each' walks the catalogue, filling 'array' for --json or printing a
 * line each when 'array' is NULL.
 */
struct cli_list {
	const char *name;	/* "person list", for messages */
	const char *usage;
	int (*help)(void);	/* prints the help; returns CLI_EXIT_OK */
	void (*header)(void);	/* prints the column titles */
	int (*each)(struct catalog *cat, json_t *array, struct siar_err *err);
};

/*
 * Run 'NAME list [--json]' (argv[0] is "list"): with --json print a JSON
 * array, otherwise the lines 'each' prints, under the column titles when
 * stdout is a terminal. Returns an exit status.
 */
int cli_list_main(struct cli_ctx *ctx, int argc, char **argv,
		  const struct cli_list *list);

/* "1:02:03" or "2:03" for a duration, into 'buf'. */
void cli_format_duration(int64_t ms, char *buf, size_t len);

/*
 * getopt_long() with siar's messages: returns the next option, -1 after
 * the last, or '?' after printing "siar: CMD: ..." for an unknown option or
 * a missing value. Start each command's parse with optind = 0.
 */
int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts);

/* True if 's' is "-h" or "--help". */
bool cli_is_help(const char *s);

/*
 * For commands that take no options: true if no argument after argv[0]
 * looks like one; otherwise prints "siar: CMD: unknown option ..." and
 * returns false.
 */
bool cli_no_options(int argc, char **argv);

struct media_info;
struct media_loudness;
struct catalog_episode;

/* {integrated_lufs, range_lu, true_peak_dbtp}, to 0.1; NULL: no memory. */
json_t *cli_loudness_json(const struct media_loudness *l);

/* The JSON object 'siar probe --json' prints for one file; NULL: no memory. */
json_t *cli_media_json(const struct media_info *info);

/*
 * The JSON object 'siar list --json' prints for one episode, with times
 * in RFC 3339 in zone 'tz'; NULL when memory runs out.
 */
json_t *cli_episode_json(const struct catalog_episode *ep, const char *tz);

/* The JSON object 'siar show list --json' prints for one show. */
json_t *cli_show_json(const struct catalog_show *show);

/* The zone used for dates when no show is named. */
#define CLI_DEFAULT_TZ "Asia/Jakarta"

/*
 * Who acts, for the catalogue's log: 'by' (--by) when given and not empty,
 * else $SIAR_USER, else the login name of the effective user, else "siar".
 * The string is borrowed: it stays valid until the next call. Cannot fail.
 */
const char *cli_actor(const char *by);

/*
 * Check an episode --type: "full", "trailer" or "bonus"; '*out' = 'text'.
 * Prints "siar: bad --type ..." and returns false for anything else.
 */
bool cli_parse_episode_type(const char *text, const char **out);

/*
 * Parse the episode ID 'text' into '*out'. Prints "siar: bad episode ID
 * ..." and returns false when it is not a whole number.
 */
bool cli_parse_id(const char *text, int64_t *out);

/*
 * Take exactly one episode ID from argv[optind..argc) for command 'cmd'.
 * Returns CLI_EXIT_OK or, after printing why, CLI_EXIT_USAGE.
 */
int cli_one_id(const char *cmd, const char *usage, int argc, char **argv,
	       int64_t *out);

/*
 * Check the form of a --transcript FILE[:LANG] argument: FILE must end in
 * .vtt, .srt, .txt, .html or .json. Prints why and returns false if not.
 * The file itself is read by cli_transcript_make().
 */
bool cli_transcript_check(const char *arg);

/*
 * Fill 't' (all zero) from the --transcript argument 'arg': the real path
 * of FILE, the MIME type its extension gives, and LANG (or NULL). On
 * success the strings belong to 't' (cli_transcript_release); on failure
 * 't' is left zero. Returns SIAR_OK, SIAR_EINVAL (unknown extension),
 * SIAR_EIO (cannot resolve FILE, named) or SIAR_ENOMEM.
 */
int cli_transcript_make(const char *arg, struct catalog_transcript *t,
			struct siar_err *err);

/* Free the strings of 't' and zero it. */
void cli_transcript_release(struct catalog_transcript *t);

/*
 * Check the form of a --person NAME:ROLE[:GROUP] argument of command
 * 'cmd': NAME and ROLE not empty, and GROUP not empty when a second ':'
 * is given. Prints "siar: CMD: bad --person 'ARG': ..." and returns false
 * if not. The role itself is checked by the catalogue.
 */
bool cli_person_check(const char *cmd, const char *arg);

/*
 * Fill 'c' (all zero) from the checked --person argument 'arg': copies of
 * NAME, ROLE and GROUP (NULL when not given: "cast"), which belong to 'c'
 * (cli_credit_release). Returns SIAR_OK, SIAR_EINVAL (no ':') or
 * SIAR_ENOMEM, 'c' left zero.
 */
int cli_credit_make(const char *arg, struct catalog_credit *c,
		    struct siar_err *err);

/* Free the strings of 'c' and zero it. */
void cli_credit_release(struct catalog_credit *c);

/*
 * Count the episodes of show 'slug' (NULL: of every show) into '*n'.
 * Returns SIAR_OK or the catalogue's error.
 */
int cli_count_episodes(struct catalog *cat, const char *slug, size_t *n,
		       struct siar_err *err);

/*
 * The time zone of show 'slug', read into 'cache' (initialised with
 * catalog_show_init) unless it already holds that show. '*tz' is borrowed
 * from 'cache'. Returns SIAR_OK or the catalogue's error.
 */
int cli_show_zone(struct catalog *cat, struct catalog_show *cache,
		  const char *slug, const char **tz, struct siar_err *err);

/*
 * "YYYY-MM-DD HH:MM" of 'unix_s' in zone 'tz' into 'buf'; "-" when the
 * zone or time cannot be converted.
 */
void cli_format_local(int64_t unix_s, const char *tz, char *buf, size_t len);

/*
 * The review commands (cli/cmd_review.c) and 'publish' share one runner:
 * parse "[--by NAME] [--note TEXT] [--json] ID" (and --at TIME when
 * 'action' is CATALOG_ACTION_PUBLISH), act, and print
 * "episode ID 'TITLE': FROM -> TO". 'help' is printed after the usage line
 * for --help. Returns an exit status.
 */
int cli_act_main(struct cli_ctx *ctx, int argc, char **argv,
		 enum catalog_action action, const char *usage,
		 const char *help);

/* Progress of a batch on stderr (see cli/progress.c). */
struct cli_progress {
	size_t total;
	size_t done;
	bool quiet;
	bool tty;
	bool drawn;
	double start_s;
};

void cli_progress_init(struct cli_progress *p, size_t total, bool quiet);

/* One more item is done; 'fmt' describes it (a plain line off a tty). */
void cli_progress_step(struct cli_progress *p, const char *fmt, ...)
	SIAR_PRINTF(2, 3);

/* Print 'err' as "siar: ..." without garbling the bar. */
void cli_progress_error(struct cli_progress *p, const struct siar_err *err);

/* Take the bar off the screen. */
void cli_progress_finish(struct cli_progress *p);

/* Flush stdout; a write error there (full disk, closed pipe) is a failure. */
int cli_finish(int status);

int cmd_init(struct cli_ctx *ctx, int argc, char **argv);
int cmd_show(struct cli_ctx *ctx, int argc, char **argv);
int cmd_add(struct cli_ctx *ctx, int argc, char **argv);
int cmd_publish(struct cli_ctx *ctx, int argc, char **argv);
int cmd_probe(struct cli_ctx *ctx, int argc, char **argv);
int cmd_import(struct cli_ctx *ctx, int argc, char **argv);
int cmd_list(struct cli_ctx *ctx, int argc, char **argv);
int cmd_feed(struct cli_ctx *ctx, int argc, char **argv);
int cmd_edit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_rm(struct cli_ctx *ctx, int argc, char **argv);
int cmd_person(struct cli_ctx *ctx, int argc, char **argv);
int cmd_topic(struct cli_ctx *ctx, int argc, char **argv);
int cmd_search(struct cli_ctx *ctx, int argc, char **argv);
int cmd_submit(struct cli_ctx *ctx, int argc, char **argv);
int cmd_approve(struct cli_ctx *ctx, int argc, char **argv);
int cmd_request_changes(struct cli_ctx *ctx, int argc, char **argv);
int cmd_unpublish(struct cli_ctx *ctx, int argc, char **argv);
int cmd_archive(struct cli_ctx *ctx, int argc, char **argv);
int cmd_log(struct cli_ctx *ctx, int argc, char **argv);
int cmd_check(struct cli_ctx *ctx, int argc, char **argv);
int cmd_lint(struct cli_ctx *ctx, int argc, char **argv);
int cmd_build(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_restore(struct cli_ctx *ctx, int argc, char **argv);
int cmd_report(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);

/*
 * 'import FILE.json' (argv[0] is the command's name, argv[1] FILE, "-"
 * for standard input): load a document of 'siar export' into the empty
 * catalogue and print what it held. 'siar import' runs it for a FILE that
 * ends in .json (or is '-'). Returns an exit
 * status.
 */
int cli_import_dump(struct cli_ctx *ctx, int argc, char **argv);

/*
 * A feed_lint_fn that prints an error (not a warning) on stderr as 'siar
 * lint' prints it: "error RULE WHERE: MESSAGE" (cli/cmd_feed.c).
 */
int cli_lint_print_error(const struct feed_lint_problem *p, void *ctx,
			 struct siar_err *err);

/*
 * The checks of 'siar feed' on every show before a site is built: each
 * error printed on stderr as 'siar lint' prints it, and SIAR_EINVAL
 * ("build: N errors: nothing written ...") when there is one
 * (cli/cmd_build.c).
 */
int cli_check_shows(struct catalog *cat, struct siar_err *err);

/* Rebuilding a served site when its catalogue changes (cli/serve_rebuild.c). */
struct cli_rebuild;

/*
 * Build the site of the catalogue of 'ctx' into 'outdir' with 'opts'
 * (copied; its strings must outlive the thread) now, then start a thread
 * that builds it again whenever the catalogue's files change (polled every second),
 * after the checks of 'siar build'. A failed build keeps the old site and
 * is reported on stderr; so is each rebuild, unless 'quiet'. Returns
 * SIAR_OK or SIAR_ENOMEM / SIAR_EIO (no thread).
 */
int cli_rebuild_start(const struct cli_ctx *ctx, const char *outdir,
		      const struct feed_site_opts *opts, bool quiet,
		      struct cli_rebuild **out, struct siar_err *err);

/* Stop the thread (after the build under way, if any) and free it. */
void cli_rebuild_stop(struct cli_rebuild *rb);
int cmd_follow(struct cli_ctx *ctx, int argc, char **argv);
int cmd_unfollow(struct cli_ctx *ctx, int argc, char **argv);
int cmd_refresh(struct cli_ctx *ctx, int argc, char **argv);
int cmd_serve(struct cli_ctx *ctx, int argc, char **argv);

/* 'show add' and 'show edit' (cli/show_edit.c); 'show' dispatches. */
int cli_show_help(void);	/* prints the help; returns CLI_EXIT_OK */
int cli_show_usage(void);	/* prints the usage; returns CLI_EXIT_USAGE */
int cli_show_add(struct cli_ctx *ctx, int argc, char **argv);
int cli_show_edit(struct cli_ctx *ctx, int argc, char **argv);

#endif
