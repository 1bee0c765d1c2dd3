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
 * Print 'json' (whose reference this takes) on stdout, compact on one line
 * when 'compact', indented otherwise, followed by a newline. Returns
 * CLI_EXIT_OK, or CLI_EXIT_FAIL when 'json' is NULL (out of memory).
 */
int cli_print_json(json_t *json, bool compact);

/* A JSON string of 's' repaired as UTF-8, or JSON null when 's' is NULL. */
json_t *cli_json_str(const char *s);

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
int cmd_list(struct cli_ctx *ctx, int argc, char **argv);
int cmd_feed(struct cli_ctx *ctx, int argc, char **argv);

#endif
