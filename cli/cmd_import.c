/*
 * siar import: bring a podcast over from another host. SOURCE, a feed
 * file or an http(s) URL, is read by feed/ into show SLUG (made from the
 * feed if new) in one transaction; each item is printed as added,
 * changed or unchanged, each skipped item and each warning gets a line on
 * stderr, and a summary ends the output. With --download each new
 * episode's media is fetched and measured by media/, like 'siar add'.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../feed/feed.h"
#include "../media/media.h"

static const char usage[] =
	"import --show SLUG [--download] [--dry-run] [--json] [--by NAME]"
	" SOURCE\n   or: siar import FILE.json";

struct import_cli {
	const char *show;
	const char *by;
	const char *source;
	bool download;
	bool dry_run;
	bool json;
	json_t *items;		/* --json: what became of each item */
	json_t *warnings;
};

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "With FILE.json (or - for standard input) and no --show, load "
	       "a document of\n'siar export' into this new, empty "
	       "catalogue.\n\n"
	       "Import the podcast feed SOURCE (an RSS file, or an http:// or "
	       "https:// URL)\ninto show SLUG, made from the feed's channel "
	       "if it does not exist yet\n(an existing show only gets the "
	       "fields it lacks). Each item with an\nenclosure becomes a "
	       "published episode with its GUID, date, media URL,\nlength, "
	       "type and duration, people, transcripts, chapters, topics "
	       "and\nalternate files; the media stays where the feed has it.\n"
	       "Importing again adds what is new and updates the title, "
	       "description,\nenclosure, date and duration of episodes that "
	       "changed: the feed is the\nsource of truth while a show "
	       "moves. One line per item on stdout:\n"
	       "  added: 'TITLE' (episode ID)\n"
	       "  changed: FIELDS: 'TITLE' (episode ID)\n"
	       "  unchanged: 'TITLE' (episode ID)\n"
	       "then \"N added, N updated, N unchanged, N skipped\". Skipped "
	       "items (no\nenclosure, a date that cannot be read ...) and "
	       "warnings go to stderr;\nthe exit status is 1 if any item was "
	       "skipped. Atom feeds (YouTube's)\nare refused: they carry no "
	       "media files.\n\n"
	       "  --show SLUG        the show to import into (required)\n"
	       "  --download         fetch each new episode's media into\n"
	       "                     siar-files/media/ beside the catalogue "
	       "and measure it\n"
	       "  --dry-run          say what would happen; change nothing, "
	       "fetch no media\n"
	       "  --json             one JSON object: show, items, warnings, "
	       "counts\n"
	       "  --by NAME          who imports, for the log (default: "
	       "$SIAR_USER, else\n"
	       "                     the login name)\n",
	       usage);
	return CLI_EXIT_OK;
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct import_cli *o)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
		{"download", no_argument, NULL, 'd'},
		{"dry-run", no_argument, NULL, 'n'},
		{"json", no_argument, NULL, 'j'},
		{"by", required_argument, NULL, 'b'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	optind = 0;
	while ((c = cli_getopt(argc, argv, ":hn", opts)) != -1) {
		if (c == 'h') {
			print_help();
			return -1;
		}
		if (c == 's')
			o->show = optarg;
		else if (c == 'd')
			o->download = true;
		else if (c == 'n')
			o->dry_run = true;
		else if (c == 'j')
			o->json = true;
		else if (c == 'b')
			o->by = optarg;
		else
			return cli_usage(usage);
	}
	if (!o->show || optind != argc - 1) {
		cli_error("import: give --show SLUG and one SOURCE");
		return cli_usage(usage);
	}
	o->source = argv[optind];
	return CLI_EXIT_OK;
}

/* ---- Downloads --------------------------------------------------------- */

/* Replace the string '*slot' with a copy of 's'; false: out of memory. */
static bool set_str(char **slot, const char *s)
{
	char *copy = s ? siar_strdup(s) : NULL;

	if (s && !copy)
		return false;
	free(*slot);
	*slot = copy;
	return true;
}

/* A feed_import_probe_fn: measure a downloaded file, as 'siar add' does. */
static int probe(const char *path, struct catalog_episode *ep, void *ctx,
		 struct siar_err *err)
{
	struct media_info m;
	bool ok;
	int rc;

	(void)ctx;
	media_info_init(&m);
	rc = media_probe(path, &m, err);
	if (rc)
		return rc;
	ok = set_str(&ep->media_mime, m.mime) &&
	     set_str(&ep->media_kind, media_kind_name(m.kind)) &&
	     set_str(&ep->media_container, m.container) &&
	     set_str(&ep->media_sha256, m.sha256) &&
	     set_str(&ep->duration_method, m.duration_method) &&
	     set_str(&ep->audio_codec, m.audio_codec) &&
	     set_str(&ep->video_codec, m.video_codec);
	ep->media_size_bytes = m.size_bytes;
	ep->duration_ms = m.duration_ms;
	ep->bit_rate = m.bit_rate;
	ep->width = m.width;
	ep->height = m.height;
	ep->sample_rate = m.sample_rate;
	ep->channels = m.channels;
	ep->frame_rate = m.frame_rate;
	media_info_release(&m);
	return ok ? SIAR_OK : siar_err_set(err, SIAR_ENOMEM, "out of memory");
}

/* "<folder of the catalogue>/siar-files/media", made if missing. */
static char *media_dir(const struct cli_ctx *ctx, struct siar_err *err)
{
	const char *slash = strrchr(ctx->db_path, '/');
	struct siar_buf b;
	char *dir = NULL;

	siar_buf_init(&b, 0);
	if (slash)
		siar_buf_add(&b, ctx->db_path,
			     (size_t)(slash - ctx->db_path) + 1);
	siar_buf_adds(&b, "siar-files");
	mkdir(b.buf, 0755);
	siar_buf_adds(&b, "/media");
	if (siar_buf_check(&b, err) == SIAR_OK) {
		if (mkdir(b.buf, 0755) && errno != EEXIST)
			siar_err_set(err, SIAR_EIO, "cannot create '%s': %s",
				     b.buf, strerror(errno));
		else
			dir = realpath(b.buf, NULL);
		if (!dir && !err->code)
			siar_err_set(err, SIAR_EIO, "cannot resolve '%s': %s",
				     b.buf, strerror(errno));
	}
	siar_buf_release(&b);
	return dir;
}

/* ---- Output ------------------------------------------------------------ */

/* The names of the fields in 'changed', "title, date", into 'b'. */
static void changed_names(struct siar_buf *b, unsigned changed,
			  json_t *array)
{
	static const struct {
		unsigned field;
		const char *name;
	} names[] = {
		{CATALOG_IMPORT_TITLE, "title"},
		{CATALOG_IMPORT_DESCRIPTION, "description"},
		{CATALOG_IMPORT_ENCLOSURE, "enclosure"},
		{CATALOG_IMPORT_DATE, "date"},
		{CATALOG_IMPORT_DURATION, "duration"},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!(changed & names[i].field))
			continue;
		if (b->len)
			siar_buf_adds(b, ", ");
		siar_buf_adds(b, names[i].name);
		if (array)
			json_array_append_new(array,
					      json_string(names[i].name));
	}
}

static json_t *item_json(const struct feed_import_item *it)
{
	json_t *o = json_object(), *changed = json_array();
	struct siar_buf unused;

	siar_buf_init(&unused, 0);
	changed_names(&unused, it->changed, changed);
	siar_buf_release(&unused);
	json_object_set_new(o, "index", json_integer((json_int_t)it->index));
	json_object_set_new(o, "status",
			    json_string(feed_import_status_name(it->status)));
	json_object_set_new(o, "id", it->id ? json_integer(it->id)
					    : json_null());
	json_object_set_new(o, "guid", cli_json_str(it->guid));
	json_object_set_new(o, "title", cli_json_str(it->title));
	json_object_set_new(o, "changed", changed);
	json_object_set_new(o, "reason", cli_json_str(it->reason));
	return o;
}

/* 's' on one line: valid UTF-8, line breaks and tabs made spaces. */
static void one_line(struct siar_buf *b, const char *s)
{
	size_t i;

	siar_utf8_repair(b, s, strlen(s), true);
	for (i = 0; i < b->len; i++)
		if (b->buf[i] == '\n' || b->buf[i] == '\r' || b->buf[i] == '\t')
			b->buf[i] = ' ';
}

/* "'TITLE'" (and " (episode ID)" when there is one) after 'what'. */
static void print_item(const char *what, const struct feed_import_item *it)
{
	struct siar_buf title;

	siar_buf_init(&title, 0);
	one_line(&title, it->title);
	printf("%s: '%s'", what, title.buf);
	if (it->id)
		printf(" (episode %lld)", (long long)it->id);
	putchar('\n');
	siar_buf_release(&title);
}

static void print_skipped(const struct feed_import_item *it)
{
	struct siar_buf title;

	siar_buf_init(&title, 0);
	one_line(&title, it->title);
	cli_error("item %zu '%s': %s: skipped", it->index, title.buf,
		  it->reason ? it->reason : "");
	siar_buf_release(&title);
}

/* A feed_import_item_fn. */
static int on_item(const struct feed_import_item *it, void *ctx,
		   struct siar_err *err)
{
	struct import_cli *o = ctx;
	struct siar_buf names, what;

	if (it->status == FEED_IMPORT_SKIPPED)
		print_skipped(it);
	if (o->items)
		return cli_json_append(o->items, item_json(it), err);
	if (it->status == FEED_IMPORT_SKIPPED)
		return SIAR_OK;
	siar_buf_init(&names, 0);
	siar_buf_init(&what, 0);
	changed_names(&names, it->changed, NULL);
	siar_buf_addf(&what, "changed: %s", names.buf);
	print_item(it->status == FEED_IMPORT_ADDED     ? "added"
		   : it->status == FEED_IMPORT_UPDATED ? what.buf
						       : "unchanged",
		   it);
	siar_buf_release(&names);
	siar_buf_release(&what);
	return SIAR_OK;
}

/* A feed_import_warn_fn. */
static void on_warning(const char *message, void *ctx)
{
	struct import_cli *o = ctx;

	cli_error("warning: %s", message);
	if (o->warnings)
		json_array_append_new(o->warnings, cli_json_str(message));
}

static void print_show(const struct import_cli *o,
		       const struct feed_import_summary *s)
{
	if (s->show_created)
		printf("show '%s': created from the feed\n", o->show);
	if (s->show_filled[0])
		printf("show '%s': filled %s from the feed\n", o->show,
		       s->show_filled);
	if (s->feed_guid_set && !s->show_created)
		printf("show '%s': podcast:guid taken from the feed\n",
		       o->show);
}

static int print_json(struct import_cli *o,
		      const struct feed_import_summary *s)
{
	json_t *obj = json_object();

	json_object_set_new(obj, "source", cli_json_str(o->source));
	json_object_set_new(obj, "show", cli_json_str(o->show));
	json_object_set_new(obj, "dry_run", json_boolean(o->dry_run));
	json_object_set_new(obj, "show_created",
			    json_boolean(s->show_created));
	json_object_set_new(obj, "show_filled",
			    cli_json_str(s->show_filled[0] ? s->show_filled
							   : NULL));
	json_object_set_new(obj, "feed_guid_set",
			    json_boolean(s->feed_guid_set));
	json_object_set_new(obj, "items", json_incref(o->items));
	json_object_set_new(obj, "warnings", json_incref(o->warnings));
	json_object_set_new(obj, "added", json_integer((json_int_t)s->added));
	json_object_set_new(obj, "updated",
			    json_integer((json_int_t)s->updated));
	json_object_set_new(obj, "unchanged",
			    json_integer((json_int_t)s->unchanged));
	json_object_set_new(obj, "skipped",
			    json_integer((json_int_t)s->skipped));
	return cli_print_json(obj, false);
}

static int print_summary(struct import_cli *o,
			 const struct feed_import_summary *s)
{
	if (o->json)
		return print_json(o, s);
	printf("%zu added, %zu updated, %zu unchanged, %zu skipped%s\n",
	       s->added, s->updated, s->unchanged, s->skipped,
	       o->dry_run ? " (dry run: nothing written)" : "");
	return CLI_EXIT_OK;
}

/* ---- The command ----------------------------------------------------------- */

static int run(struct cli_ctx *ctx, struct import_cli *o,
	       struct feed_import_summary *sum, struct siar_err *err)
{
	struct feed_import_opts opts;
	struct catalog *cat = NULL;
	char *dir = NULL;
	int rc;

	feed_import_opts_init(&opts);
	opts.show_slug = o->show;
	opts.actor = cli_actor(o->by);
	opts.dry_run = o->dry_run;
	opts.on_item = on_item;
	opts.on_warning = on_warning;
	opts.ctx = o;
	rc = cli_open_catalog(ctx, false, &cat, err);
	if (!rc && o->download && !o->dry_run) {
		dir = media_dir(ctx, err);
		rc = dir ? SIAR_OK : err->code;
		opts.media_dir = dir;
		opts.probe = probe;
	}
	if (!rc)
		rc = feed_import(cat, o->source, &opts, sum, err);
	free(dir);
	catalog_close(cat);
	return rc;
}

/*
 * 'siar import FILE.json' (or '-') without --show loads a 'siar export'
 * document into an empty catalogue (cli/cmd_import_dump.c); any other
 * SOURCE is a feed.
 */
static bool is_dump(int argc, char **argv)
{
	const char *src = NULL;
	size_t len;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--show") || !strncmp(argv[i], "--show=", 7))
			return false;
		if (argv[i][0] != '-' || !strcmp(argv[i], "-"))
			src = argv[i];
	}
	if (!src)
		return false;
	len = strlen(src);
	return !strcmp(src, "-") ||
	       (len > 5 && !strcasecmp(src + len - 5, ".json"));
}

int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	struct import_cli o = {0};
	struct feed_import_summary sum;
	struct siar_err err = {0};
	int rc;

	if (is_dump(argc, argv))
		return cli_import_dump(ctx, argc, argv);
	rc = parse(argc, argv, &o);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	if (o.json) {
		o.items = json_array();
		o.warnings = json_array();
		if (!o.items || !o.warnings) {
			cli_error("out of memory");
			rc = CLI_EXIT_FAIL;
			goto out;
		}
	}
	memset(&sum, 0, sizeof(sum));
	if (run(ctx, &o, &sum, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
		goto out;
	}
	if (!o.json)
		print_show(&o, &sum);
	rc = print_summary(&o, &sum);
	if (!rc && sum.skipped)
		rc = CLI_EXIT_FAIL;
out:
	json_decref(o.items);
	json_decref(o.warnings);
	return rc;
}
