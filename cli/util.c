/*
 * Helpers every command shares: error and usage messages, opening the
 * catalogue by the --db / SIAR_DB rule, number and ID parsing, JSON
 * output, who is acting, --transcript arguments and show time zones.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

bool cli_parse_number(const char *name, const char *text, int *out)
{
	long long v;

	if (!cli_parse_uint(name, text, 100000, &v))
		return false;
	*out = (int)v;
	return true;
}

bool cli_push_arg(const char *cmd, const char **list, size_t *n, const char *v,
		  const char *what)
{
	if (*n >= CLI_MAX_LIST) {
		cli_error("%s: more than %d %ss", cmd, CLI_MAX_LIST, what);
		return false;
	}
	list[(*n)++] = v;
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

int cli_json_append(json_t *array, json_t *value, struct siar_err *err)
{
	/* jansson refuses a NULL value, so one check covers both. */
	if (json_array_append_new(array, value))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

int cli_list_main(struct cli_ctx *ctx, int argc, char **argv,
		  const struct cli_list *list)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};
	json_t *array = NULL;
	int rc = CLI_EXIT_FAIL;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json"))) {
		if (argc == 2 && cli_is_help(argv[1]))
			return list->help();
		cli_error("%s: unexpected argument '%s'", list->name, argv[1]);
		return cli_usage(list->usage);
	}
	if (argc == 2) {
		array = json_array();
		if (!array) {
			cli_error("out of memory");
			return CLI_EXIT_FAIL;
		}
	} else if (ctx->progress) {
		list->header();
	}
	if (cli_open_catalog(ctx, false, &cat, &err) ||
	    list->each(cat, array, &err)) {
		cli_report(&err);
		json_decref(array);
		goto out;
	}
	rc = array ? cli_print_json(array, false) : CLI_EXIT_OK;
out:
	catalog_close(cat);
	return rc;
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

bool cli_no_options(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			cli_error("%s: unknown option '%s'", argv[0], argv[i]);
			return false;
		}
	}
	return true;
}

const char *cli_actor(const char *by)
{
	const char *env = getenv("SIAR_USER");
	const struct passwd *pw;

	if (by && *by)
		return by;
	if (env && *env)
		return env;
	pw = getpwuid(geteuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	return "siar";
}

bool cli_parse_episode_type(const char *text, const char **out)
{
	if (strcmp(text, "full") && strcmp(text, "trailer") &&
	    strcmp(text, "bonus")) {
		cli_error("bad --type '%s': expected full, trailer or bonus",
			  text);
		return false;
	}
	*out = text;
	return true;
}

bool cli_parse_id(const char *text, int64_t *out)
{
	long long v;

	if (!cli_parse_uint("episode ID", text, INT64_MAX, &v))
		return false;
	*out = v;
	return true;
}

int cli_one_id(const char *cmd, const char *usage, int argc, char **argv,
	       int64_t *out)
{
	if (optind != argc - 1) {
		cli_error("%s: give exactly one episode ID", cmd);
		return cli_usage(usage);
	}
	return cli_parse_id(argv[optind], out) ? CLI_EXIT_OK : CLI_EXIT_USAGE;
}

/* A BCP 47 tag as people write it: "id", "en-US", "jv". */
static bool lang_tag_ok(const char *s)
{
	size_t i = 0, part;

	while (isalpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return false;
	while (s[i] == '-') {
		part = 0;
		for (i++; isalnum((unsigned char)s[i]); i++)
			part++;
		if (part < 1 || part > 8)
			return false;
	}
	return !s[i];
}

/*
 * Where LANG starts in "FILE:LANG", or NULL when there is none. A file
 * whose own name ends in ":xx" is taken whole.
 */
static const char *transcript_lang(const char *arg)
{
	const char *colon = strrchr(arg, ':');
	struct stat st;

	if (!colon || colon == arg || !lang_tag_ok(colon + 1) ||
	    stat(arg, &st) == 0)
		return NULL;
	return colon + 1;
}

/* The MIME type of a transcript named [path, path + len), or NULL. */
static const char *transcript_mime(const char *path, size_t len)
{
	static const char *const types[][2] = {
		{"vtt", "text/vtt"},	     {"srt", "application/x-subrip"},
		{"txt", "text/plain"},	     {"html", "text/html"},
		{"htm", "text/html"},	     {"json", "application/json"},
	};
	const char *ext = NULL;
	size_t i, n;

	for (i = 0; i < len; i++)
		if (path[i] == '.')
			ext = path + i + 1;
		else if (path[i] == '/')
			ext = NULL;
	if (!ext)
		return NULL;
	n = (size_t)(path + len - ext);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strlen(types[i][0]) == n &&
		    !strncasecmp(ext, types[i][0], n))
			return types[i][1];
	return NULL;
}

static size_t transcript_file_len(const char *arg)
{
	const char *lang = transcript_lang(arg);

	return lang ? (size_t)(lang - 1 - arg) : strlen(arg);
}

bool cli_transcript_check(const char *arg)
{
	if (transcript_mime(arg, transcript_file_len(arg)))
		return true;
	cli_error("bad --transcript '%s': expected FILE[:LANG] with FILE "
		  "ending in .vtt, .srt, .txt, .html or .json", arg);
	return false;
}

int cli_transcript_make(const char *arg, struct catalog_transcript *t,
			struct siar_err *err)
{
	size_t len = transcript_file_len(arg);
	const char *mime = transcript_mime(arg, len);
	const char *lang = transcript_lang(arg);
	char *file = strndup(arg, len);
	int rc = SIAR_OK;

	if (!file)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	if (!mime) {
		rc = siar_err_set(err, SIAR_EINVAL, "transcript '%s' is not "
				  ".vtt, .srt, .txt, .html or .json", file);
		goto out;
	}
	t->path = realpath(file, NULL);
	if (!t->path) {
		rc = siar_err_set(err, SIAR_EIO, "cannot read transcript "
				  "'%s': %s", file, strerror(errno));
		goto out;
	}
	t->mime = siar_strdup(mime);
	t->language = siar_strdup(lang);
	if (!t->mime || (lang && !t->language)) {
		cli_transcript_release(t);
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
out:
	free(file);
	return rc;
}

void cli_transcript_release(struct catalog_transcript *t)
{
	free(t->path);
	free(t->mime);
	free(t->language);
	t->path = NULL;
	t->mime = NULL;
	t->language = NULL;
}

bool cli_person_check(const char *cmd, const char *arg)
{
	const char *role = strchr(arg, ':');
	const char *group = role ? strchr(role + 1, ':') : NULL;

	if (!role || role == arg || role[1] == ':' || !role[1] ||
	    (group && !group[1])) {
		cli_error("%s: bad --person '%s': use NAME:ROLE[:GROUP], e.g."
			  " 'Budi Santoso:producer:creative direction'",
			  cmd, arg);
		return false;
	}
	return true;
}

int cli_credit_make(const char *arg, struct catalog_credit *c,
		    struct siar_err *err)
{
	const char *role = strchr(arg, ':');
	const char *group;

	if (!role)
		return siar_err_set(err, SIAR_EINVAL, "bad --person '%s'", arg);
	group = strchr(role + 1, ':');
	c->name = strndup(arg, (size_t)(role - arg));
	role++;
	c->role = group ? strndup(role, (size_t)(group - role))
			: siar_strdup(role);
	c->group = group ? siar_strdup(group + 1) : NULL;
	if (!c->name || !c->role || (group && !c->group)) {
		cli_credit_release(c);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	return SIAR_OK;
}

void cli_credit_release(struct catalog_credit *c)
{
	free(c->name);
	free(c->role);
	free(c->group);
	c->name = NULL;
	c->role = NULL;
	c->group = NULL;
}

static int count_one(const struct catalog_episode *ep, void *ctx,
		     struct siar_err *err)
{
	size_t *n = ctx;

	(void)ep;
	(void)err;
	(*n)++;
	return SIAR_OK;
}

int cli_count_episodes(struct catalog *cat, const char *slug, size_t *n,
		       struct siar_err *err)
{
	struct catalog_filter filter = {0};

	filter.show_slug = slug;
	*n = 0;
	return catalog_episode_each(cat, &filter, count_one, n, err);
}

int cli_show_zone(struct catalog *cat, struct catalog_show *cache,
		  const char *slug, const char **tz, struct siar_err *err)
{
	int rc = SIAR_OK;

	if (!cache->slug || strcmp(cache->slug, slug)) {
		catalog_show_release(cache);
		rc = catalog_show_get(cat, slug, cache, err);
	}
	*tz = rc ? NULL : cache->timezone;
	return rc;
}

void cli_format_local(int64_t unix_s, const char *tz, char *buf, size_t len)
{
	struct siar_err err = {0};
	struct siar_tm t;

	if (siar_time_to_local(unix_s, tz, &t, &err))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%04d-%02d-%02d %02d:%02d", t.year, t.month,
			 t.day, t.hour, t.minute);
}
