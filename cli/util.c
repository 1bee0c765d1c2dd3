/*
 * Helpers every command shares: error and usage messages, opening the
 * catalogue by the --db / SIAR_DB rule, number parsing, JSON output.
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("siar: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_report(const struct siar_err *err)
{
	cli_error("%s", err->msg[0] ? err->msg : siar_rc_name(err->code));
}

int cli_usage(const char *usage)
{
	fprintf(stderr, "usage: siar %s\n", usage);
	fprintf(stderr, "Try 'siar help' or add --help for more.\n");
	return CLI_EXIT_USAGE;
}

int cli_open_catalog(const struct cli_ctx *ctx, bool create,
		     struct catalog **out, struct siar_err *err)
{
	return catalog_open(out, ctx->db_path, create ? CATALOG_OPEN_CREATE : 0,
			    err);
}

bool cli_parse_uint(const char *name, const char *text, long long max,
		    long long *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(text, &end, 10);
	if (!*text || *end || errno || v < 0 || v > max || text[0] == '-' ||
	    text[0] == '+' || text[0] == ' ') {
		cli_error("bad %s '%s': expected a whole number from 0 to %lld",
			  name, text, max);
		return false;
	}
	*out = v;
	return true;
}

int cli_print_json(json_t *json, bool compact)
{
	/* 15 significant digits print 12.345 as 12.345, not 12.3450000001. */
	size_t flags = JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15);
	int rc;

	if (!json) {
		cli_error("out of memory");
		return CLI_EXIT_FAIL;
	}
	flags |= compact ? JSON_COMPACT : JSON_INDENT(2);
	rc = json_dumpf(json, stdout, flags);
	json_decref(json);
	fputc('\n', stdout);
	return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

json_t *cli_json_str(const char *s)
{
	char *clean;
	json_t *j;

	if (!s)
		return json_null();
	clean = siar_utf8_dup(s, false);
	if (!clean)
		return NULL;
	j = json_string(clean);
	free(clean);
	return j;
}

void cli_format_duration(int64_t ms, char *buf, size_t len)
{
	int64_t s = (ms + 500) / 1000;

	if (s >= 3600)
		snprintf(buf, len, "%lld:%02lld:%02lld", (long long)(s / 3600),
			 (long long)(s % 3600 / 60), (long long)(s % 60));
	else
		snprintf(buf, len, "%lld:%02lld", (long long)(s / 60),
			 (long long)(s % 60));
}

int cli_finish(int status)
{
	if (fflush(stdout) || ferror(stdout)) {
		cli_error("cannot write to standard output: %s",
			  strerror(errno));
		return CLI_EXIT_FAIL;
	}
	return status;
}

int cli_getopt(int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (c == ':') {
		cli_error("%s: option '%s' needs a value", argv[0],
			  argv[optind - 1]);
		return '?';
	}
	if (c == '?') {
		if (optopt && optopt != '?')
			cli_error("%s: unknown option '-%c'", argv[0], optopt);
		else
			cli_error("%s: unknown option '%s'", argv[0],
				  argv[optind - 1]);
	}
	return c;
}

bool cli_is_help(const char *s)
{
	return !strcmp(s, "-h") || !strcmp(s, "--help");
}
