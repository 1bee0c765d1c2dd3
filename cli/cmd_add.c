/*
 * siar add: probe files (or every media file under folders) with media/,
 * two at a time, and store each as a draft episode of a show. A file that
 * fails is reported and skipped, a file already in the catalogue (same
 * SHA-256) is skipped with a note, and the rest are still added; the exit
 * status says whether anything failed. A single file may bring its
 * transcripts and renditions (other files of the same episode, measured
 * here too).
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../media/media.h"

static const char usage[] =
	"add --show SLUG [--title T] [--description D] [--guest NAME]...\n"
	"       [--person NAME:ROLE[:GROUP]]...\n"
	"       [--topic NAME]... [--season N] [--episode N] [--image FILE]\n"
	"       [--type full|trailer|bonus] [--explicit] [--by NAME]\n"
	"       [--transcript FILE[:LANG]]... [--rendition FILE]...\n"
	"       [--loudness] [--poster-at SECONDS] [--quiet] [--json] "
	"FILE|DIR...";

/* The extensions 'siar add DIR' picks up. */
static const char *const media_exts[] = {
	"mp3", "m4a", "m4b", "mp4", "m4v", "mov", "aac", "ogg", "oga",
	"opus", "flac", "wav", "webm", "mkv", "mka", NULL,
};

struct add_opts {
	const char *show;
	const char *title;
	const char *description;
	const char *image;
	const char *guests[CLI_MAX_LIST];
	size_t n_guests;
	const char *people[CLI_MAX_LIST];	/* --person, checked */
	size_t n_people;
	struct catalog_credit credits[CLI_MAX_LIST];	/* made from people */
	size_t n_credits;
	const char *topics[CLI_MAX_LIST];
	size_t n_topics;
	const char *transcripts[CLI_MAX_LIST];
	size_t n_transcripts;
	const char *renditions[CLI_MAX_LIST];
	size_t n_renditions;
	const char *type;	/* NULL: full */
	const char *by;		/* --by, or NULL */
	int season;
	int episode;
	double poster_at;	/* < 0: choose automatically */
	bool explicit;
	bool loudness;
	bool quiet;
	bool json;
};

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Measure each FILE, or every media file under each DIR, and add "
	       "it to show\nSLUG as a draft episode; print each new episode's "
	       "ID on its own line.\nFiles already in the catalogue (same "
	       "SHA-256) are skipped.\n\n"
	       "  --show SLUG        the show (required)\n"
	       "  --title T          title (default: the file's title tag, "
	       "else its name)\n"
	       "  --description D    description (default: the comment tag)\n"
	       "  --guest NAME       a guest (narasumber); repeat for more\n"
	       "  --person NAME:ROLE[:GROUP]  credit NAME in a Podcasting 2.0 "
	       "role, e.g.\n"
	       "                     'Budi Santoso:producer:creative "
	       "direction' (group\n"
	       "                     default: cast); repeat for more\n"
	       "  --topic NAME       a topic; repeat for more\n"
	       "  --season N         season number\n"
	       "  --episode N        episode number\n"
	       "  --image FILE       episode image (default: the file's cover "
	       "art)\n"
	       "  --type T           full (default), trailer or bonus\n"
	       "  --explicit         the episode has explicit content\n"
	       "  --transcript FILE[:LANG]  a transcript or captions file "
	       "(.vtt, .srt,\n"
	       "                     .txt, .html or .json), in language LANG "
	       "(default: the\n"
	       "                     show's); repeat for more\n"
	       "  --rendition FILE   another file of the same episode (e.g. "
	       "audio only);\n"
	       "                     repeat for more\n"
	       "  --by NAME          who adds it, for the log (default: "
	       "$SIAR_USER, else\n"
	       "                     the login name)\n"
	       "  --loudness         measure EBU R128 loudness (a full "
	       "decode: slower)\n"
	       "  --poster-at S      take a video's poster frame at S seconds\n"
	       "  --quiet            no progress, no summary; errors only\n"
	       "  --json             print each new episode as a JSON line\n\n"
	       "--title, --episode, --image, --transcript and --rendition "
	       "apply to one\nfile only.\n",
	       usage);
	return CLI_EXIT_OK;
}

static bool parse_seconds(const char *text, double *out)
{
	char *end;

	errno = 0;
	*out = strtod(text, &end);
	if (!*text || *end || errno || !(*out >= 0) || *out > 1e7) {
		cli_error("bad --poster-at '%s': expected seconds, e.g. 12.5",
			  text);
		return false;
	}
	return true;
}

static bool parse_transcript(struct add_opts *o)
{
	return cli_transcript_check(optarg) &&
	       cli_push_arg("add", o->transcripts, &o->n_transcripts, optarg,
			    "transcript");
}

static bool parse_one(int c, struct add_opts *o)
{
	switch (c) {
	case 'y': return cli_parse_episode_type(optarg, &o->type);
	case 'x': o->explicit = true; return true;
	case 'b': o->by = optarg; return true;
	case 'r': return parse_transcript(o);
	case 'R':
		return cli_push_arg("add", o->renditions, &o->n_renditions,
				    optarg, "rendition");
	case 's': o->show = optarg; return true;
	case 't': o->title = optarg; return true;
	case 'd': o->description = optarg; return true;
	case 'i': o->image = optarg; return true;
	case 'g':
		return cli_push_arg("add", o->guests, &o->n_guests, optarg,
				    "guest");
	case 'T':
		return cli_push_arg("add", o->topics, &o->n_topics, optarg,
				    "topic");
	case 'P':
		return cli_person_check("add", optarg) &&
		       cli_push_arg("add", o->people, &o->n_people, optarg,
				    "person");
	case 'S': return cli_parse_number("--season", optarg, &o->season);
	case 'e': return cli_parse_number("--episode", optarg, &o->episode);
	case 'p': return parse_seconds(optarg, &o->poster_at);
	case 'l': o->loudness = true; return true;
	case 'q': o->quiet = true; return true;
	case 'j': o->json = true; return true;
	default: return false;
	}
}

/* Returns CLI_EXIT_OK, CLI_EXIT_USAGE, or -1 after printing help. */
static int parse(int argc, char **argv, struct add_opts *o)
{
	static const struct option opts[] = {
		{"show", required_argument, NULL, 's'},
		{"title", required_argument, NULL, 't'},
		{"description", required_argument, NULL, 'd'},
		{"image", required_argument, NULL, 'i'},
		{"guest", required_argument, NULL, 'g'},
		{"topic", required_argument, NULL, 'T'},
		{"person", required_argument, NULL, 'P'},
		{"season", required_argument, NULL, 'S'},
		{"episode", required_argument, NULL, 'e'},
		{"poster-at", required_argument, NULL, 'p'},
		{"type", required_argument, NULL, 'y'},
		{"explicit", no_argument, NULL, 'x'},
		{"by", required_argument, NULL, 'b'},
		{"transcript", required_argument, NULL, 'r'},
		{"rendition", required_argument, NULL, 'R'},
		{"loudness", no_argument, NULL, 'l'},
		{"quiet", no_argument, NULL, 'q'},
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int c;

	o->poster_at = -1;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":hq", opts)) != -1) {
		if (c == 'h') {
			print_help();
			return -1;
		}
		if (!parse_one(c, o))
			return cli_usage(usage);
	}
	if (!o->show || optind >= argc) {
		cli_error("add: give --show SLUG and at least one FILE");
		return cli_usage(usage);
	}
	return CLI_EXIT_OK;
}

/* Expand folders into the media files under them. */
static int expand(char **args, int n, struct siar_paths *out,
		  struct siar_err *err)
{
	struct stat st;
	int i, rc = SIAR_OK;

	for (i = 0; !rc && i < n; i++) {
		if (stat(args[i], &st) == 0 && S_ISDIR(st.st_mode))
			rc = siar_paths_walk(out, args[i], media_exts, err);
		else
			rc = siar_paths_add(out, args[i], err);
	}
	return rc;
}

struct add_state {
	const struct add_opts *o;
	const struct cli_ctx *ctx;
	struct catalog *cat;
	const struct catalog_show *show;
	struct cli_progress progress;
	size_t added, skipped, failed;
	struct siar_buf failures;	/* "  path: reason" lines */
};

/* Files made for one episode (cover, poster), removed if it fails. */
struct add_files {
	char *image;
	char *poster;
	bool made_image;
};

static void add_files_release(struct add_files *f, bool keep)
{
	if (!keep && f->made_image && f->image)
		unlink(f->image);
	if (!keep && f->poster)
		unlink(f->poster);
	free(f->image);
	free(f->poster);
}

/* "<folder of the catalogue>/siar-files/images/<sha256>-<what>". */
static int asset_path(const struct cli_ctx *ctx, const char *sha256,
		      const char *what, char **out, struct siar_err *err)
{
	const char *slash = strrchr(ctx->db_path, '/');
	struct siar_buf b;
	int rc;

	siar_buf_init(&b, 0);
	if (slash)
		siar_buf_add(&b, ctx->db_path, (size_t)(slash - ctx->db_path) + 1);
	siar_buf_adds(&b, "siar-files");
	mkdir(b.buf, 0755);
	siar_buf_adds(&b, "/images");
	if (mkdir(b.buf, 0755) && errno != EEXIST) {
		rc = siar_err_set(err, SIAR_EIO, "cannot create '%s': %s",
				  b.buf, strerror(errno));
		siar_buf_release(&b);
		return rc;
	}
	siar_buf_addf(&b, "/%s-%s", sha256, what);
	rc = siar_buf_check(&b, err);
	*out = rc ? NULL : siar_buf_detach(&b);
	siar_buf_release(&b);
	return rc ? rc : (*out ? SIAR_OK : siar_err_set(err, SIAR_ENOMEM,
							"out of memory"));
}

static int image_from_cover(struct add_state *st, const char *path,
			    const struct media_info *m, struct add_files *f,
			    struct siar_err *err)
{
	const char *ext = m->cover.mime && !strcmp(m->cover.mime, "image/png")
				  ? "cover.png" : "cover.jpg";

	if (asset_path(st->ctx, m->sha256, ext, &f->image, err) ||
	    media_cover_save(path, f->image, err))
		return err->code;
	f->made_image = true;
	return SIAR_OK;
}

/* Cover, image and poster files for the episode of 'path'. */
static int make_files(struct add_state *st, const char *path,
		      const struct media_info *m, struct add_files *f,
		      struct siar_err *err)
{
	struct siar_err warn = {0};

	if (st->o->image) {
		f->image = realpath(st->o->image, NULL);
		if (!f->image)
			return siar_err_set(err, SIAR_EIO, "cannot read image "
					    "'%s': %s", st->o->image,
					    strerror(errno));
	} else if (m->cover.present && image_from_cover(st, path, m, f, err)) {
		return err->code;
	}
	if (m->kind != MEDIA_KIND_VIDEO ||
	    (m->cover.present && st->o->poster_at < 0))
		return SIAR_OK;
	if (asset_path(st->ctx, m->sha256, "poster.jpg", &f->poster, err))
		return err->code;
	if (media_poster_save(path, st->o->poster_at, f->poster, NULL, &warn)) {
		if (warn.code == SIAR_EINVAL)
			return siar_err_set(err, warn.code, "%s", warn.msg);
		/* A video is still an episode without a poster. */
		cli_progress_error(&st->progress, &warn);
		free(f->poster);
		f->poster = NULL;
	}
	return SIAR_OK;
}

static bool all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/*
 * "YYYY-MM-DD" or "YYYY" from the start of a date tag ("2024-05-01",
 * "2024-05-01T10:00:00Z", "2024"), or NULL for anything else.
 */
static char *recorded_on(const char *tag)
{
	char buf[11];
	size_t n;

	if (!tag || !all_digits(tag, 4))
		return NULL;
	if (tag[4] == '-' && all_digits(tag + 5, 2) && tag[7] == '-' &&
	    all_digits(tag + 8, 2))
		n = 10;
	else if (!tag[4])
		n = 4;
	else
		return NULL;
	memcpy(buf, tag, n);
	buf[n] = '\0';
	return siar_strdup(buf);
}

/* Fill the media part of 'ep' from what was measured (borrowing). */
static void episode_from_media(struct catalog_episode *ep,
			       const struct media_info *m)
{
	ep->media_mime = m->mime;
	ep->media_kind = (char *)media_kind_name(m->kind);
	ep->media_container = m->container;
	ep->media_sha256 = (char *)m->sha256;
	ep->media_size_bytes = m->size_bytes;
	ep->duration_ms = m->duration_ms;
	ep->duration_method = m->duration_method;
	ep->bit_rate = m->bit_rate;
	ep->audio_codec = m->audio_codec;
	ep->video_codec = m->video_codec;
	ep->width = m->width;
	ep->height = m->height;
	ep->sample_rate = m->sample_rate;
	ep->channels = m->channels;
	ep->frame_rate = m->frame_rate;
	ep->image_apple_ok = m->cover.present && m->cover.apple_ok;
}

/* Chapters of 'm' as the catalogue's (titles borrowed); NULL if none. */
static struct catalog_chapter *chapters_from_media(const struct media_info *m)
{
	struct catalog_chapter *c;
	size_t i;

	if (!m->n_chapters)
		return NULL;
	c = calloc(m->n_chapters, sizeof(*c));
	for (i = 0; c && i < m->n_chapters; i++) {
		c[i].start_ms = m->chapters[i].start_ms;
		c[i].end_ms = m->chapters[i].end_ms;
		c[i].title = m->chapters[i].title;
	}
	return c;
}

/* Flags and tags of the episode (all borrowed). */
static void episode_from_opts(struct catalog_episode *ep,
			      const struct add_opts *o,
			      const struct media_info *m, char *fallback)
{
	ep->show_slug = (char *)o->show;
	ep->title = (char *)(o->title ? o->title : media_info_tag(m, "title"));
	if (!ep->title || !*ep->title)
		ep->title = fallback;
	ep->description = (char *)(o->description ? o->description
				   : media_info_tag(m, "comment"));
	ep->guests = (char **)o->guests;
	ep->n_guests = o->n_guests;
	ep->credits = (struct catalog_credit *)o->credits;
	ep->n_credits = o->n_credits;
	ep->topics = (char **)o->topics;
	ep->n_topics = o->n_topics;
	ep->season = o->season;
	ep->episode_number = o->episode;
	ep->episode_type = (char *)o->type;
	ep->explicit = o->explicit;
	ep->added_by = (char *)cli_actor(o->by);
}

/* The loudness figures of 'ep' from 'l' (NULL: not measured). */
static void episode_loudness(struct catalog_episode *ep,
			     const struct media_loudness *l)
{
	ep->has_loudness = l != NULL;
	if (!l)
		return;
	ep->loudness_lufs = l->integrated_lufs;
	ep->loudness_range_lu = l->range_lu;
	ep->true_peak_dbtp = l->true_peak_dbtp;
}

/* Transcripts and renditions of one episode, owned here. */
struct add_extras {
	struct catalog_transcript *transcripts;
	size_t n_transcripts;
	struct catalog_rendition *renditions;
	size_t n_renditions;
};

static void rendition_release(struct catalog_rendition *r)
{
	free(r->path);
	free(r->mime);
	free(r->kind);
	free(r->sha256);
	free(r->title);
}

static void extras_release(struct add_extras *x)
{
	size_t i;

	for (i = 0; i < x->n_transcripts; i++)
		cli_transcript_release(&x->transcripts[i]);
	for (i = 0; i < x->n_renditions; i++)
		rendition_release(&x->renditions[i]);
	free(x->transcripts);
	free(x->renditions);
}

/* Measure the rendition 'path' into 'r' (all zero; owned on success). */
static int rendition_make(const char *path, struct catalog_rendition *r,
			  struct siar_err *err)
{
	struct media_info m;
	int rc;

	media_info_init(&m);
	rc = media_probe(path, &m, err);
	if (rc)
		return rc;
	r->path = realpath(path, NULL);
	r->mime = siar_strdup(m.mime);
	r->kind = siar_strdup(media_kind_name(m.kind));
	r->sha256 = siar_strdup(m.sha256);
	r->size_bytes = m.size_bytes;
	r->duration_ms = m.duration_ms;
	r->bit_rate = m.bit_rate;
	r->width = m.width;
	r->height = m.height;
	if (!r->path)
		rc = siar_err_set(err, SIAR_EIO, "cannot resolve rendition "
				  "'%s': %s", path, strerror(errno));
	else if (!r->mime || !r->kind || !r->sha256)
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	if (rc)
		rendition_release(r);
	media_info_release(&m);
	return rc;
}

static int make_extras(const struct add_opts *o, struct add_extras *x,
		       struct siar_err *err)
{
	size_t i;

	x->transcripts = calloc(o->n_transcripts + 1, sizeof(*x->transcripts));
	x->renditions = calloc(o->n_renditions + 1, sizeof(*x->renditions));
	if (!x->transcripts || !x->renditions)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	for (i = 0; i < o->n_transcripts; i++) {
		if (cli_transcript_make(o->transcripts[i], &x->transcripts[i],
					err))
			return err->code;
		x->n_transcripts++;
	}
	for (i = 0; i < o->n_renditions; i++) {
		if (rendition_make(o->renditions[i], &x->renditions[i], err))
			return err->code;
		x->n_renditions++;
	}
	return SIAR_OK;
}

/* The file's name without folder and extension, as a last-resort title. */
static char *title_from_path(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;
	struct siar_buf b;
	char *s;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, base, dot && dot > base ? (size_t)(dot - base)
						     : strlen(base), true);
	s = siar_buf_detach(&b);
	siar_buf_release(&b);
	return s;
}

/* Store the measured file 'path' as an episode; '*id' receives its ID. */
static int store(struct add_state *st, const char *path,
		 const struct media_info *m, int64_t *id, struct siar_err *err)
{
	struct catalog_episode ep;	/* borrows everything: never released */
	struct media_loudness loud;
	struct add_files files = {NULL, NULL, false};
	struct add_extras extras = {NULL, 0, NULL, 0};
	char *abs_path = realpath(path, NULL), *title = title_from_path(path);
	char *date = recorded_on(media_info_tag(m, "date"));
	int rc;

	catalog_episode_init(&ep);
	if (!abs_path || !title) {
		rc = siar_err_set(err, SIAR_EIO, "cannot resolve '%s': %s",
				  path, strerror(errno));
		goto out;
	}
	rc = st->o->loudness ? media_loudness_measure(path, &loud, err) : 0;
	if (!rc)
		rc = make_files(st, path, m, &files, err);
	if (!rc)
		rc = make_extras(st->o, &extras, err);
	if (rc)
		goto out;
	episode_from_media(&ep, m);
	episode_from_opts(&ep, st->o, m, title);
	episode_loudness(&ep, st->o->loudness ? &loud : NULL);
	ep.media_path = abs_path;
	ep.recorded_on = date;
	ep.image_path = files.image;
	ep.poster_path = files.poster;
	ep.transcripts = extras.transcripts;
	ep.n_transcripts = extras.n_transcripts;
	ep.renditions = extras.renditions;
	ep.n_renditions = extras.n_renditions;
	ep.chapters = chapters_from_media(m);
	ep.n_chapters = ep.chapters ? m->n_chapters : 0;
	rc = m->n_chapters && !ep.chapters
		     ? siar_err_set(err, SIAR_ENOMEM, "out of memory")
		     : catalog_episode_add(st->cat, &ep, id, err);
	free(ep.chapters);
out:
	extras_release(&extras);
	add_files_release(&files, rc == SIAR_OK);
	free(abs_path);
	free(title);
	free(date);
	return rc;
}

static void failed(struct add_state *st, const char *path,
		   const struct siar_err *err)
{
	st->failed++;
	cli_progress_error(&st->progress, err);
	siar_buf_addf(&st->failures, "  %s\n", err->msg);
	cli_progress_step(&st->progress, "failed: %s", path);
}

static int print_added(struct add_state *st, int64_t id, struct siar_err *err)
{
	struct catalog_episode ep;
	int rc;

	if (!st->o->json) {
		printf("%lld\n", (long long)id);
		return SIAR_OK;
	}
	catalog_episode_init(&ep);
	rc = catalog_episode_get(st->cat, id, &ep, err);
	if (!rc && cli_print_json(cli_episode_json(&ep, st->show->timezone),
				  true))
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	catalog_episode_release(&ep);
	return rc;
}

static int on_result(size_t index, const char *path, int rc,
		     const struct media_info *m, const struct siar_err *perr,
		     void *ctx, struct siar_err *stop_err)
{
	struct add_state *st = ctx;
	struct siar_err err = {0};
	int64_t id;

	(void)index;
	(void)stop_err;
	if (rc) {
		failed(st, path, perr);
		return SIAR_OK;
	}
	rc = catalog_episode_find_sha256(st->cat, NULL, m->sha256, &id, &err);
	if (!rc) {
		st->skipped++;
		cli_progress_step(&st->progress, "skipped %s: same file as "
				  "episode %lld", path, (long long)id);
		return SIAR_OK;
	}
	if (rc == SIAR_ENOTFOUND && !err.code)
		rc = store(st, path, m, &id, &err);
	if (!rc)
		rc = print_added(st, id, &err);
	if (rc) {
		failed(st, path, &err);
		return SIAR_OK;
	}
	st->added++;
	fflush(stdout);
	cli_progress_step(&st->progress, "added episode %lld: %s",
			  (long long)id, path);
	return SIAR_OK;
}

static void summarise(struct add_state *st)
{
	if (st->o->quiet || st->progress.total < 2)
		return;
	fprintf(stderr, "added %zu, skipped %zu, failed %zu\n", st->added,
		st->skipped, st->failed);
	if (st->failed)
		fputs(st->failures.buf, stderr);
}

static int add_batch(struct cli_ctx *ctx, const struct add_opts *o,
		     struct catalog *cat, const struct catalog_show *show,
		     const struct siar_paths *paths)
{
	struct add_state st = {o, ctx, cat, show, {0}, 0, 0, 0, {0}};
	struct siar_err err = {0};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int rc;

	siar_buf_init(&st.failures, 0);
	cli_progress_init(&st.progress, paths->n, o->quiet);
	rc = media_probe_batch(paths->items, paths->n,
			       cores > 1 ? (unsigned)cores : 1, on_result, &st,
			       &err);
	cli_progress_finish(&st.progress);
	if (rc)
		cli_report(&err);
	summarise(&st);
	siar_buf_release(&st.failures);
	return rc || st.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}

/* The credits of every episode of the batch, from --person. */
static int make_credits(struct add_opts *o, struct siar_err *err)
{
	size_t i;

	for (i = 0; i < o->n_people; i++) {
		if (cli_credit_make(o->people[i], &o->credits[i], err))
			return err->code;
		o->n_credits++;
	}
	return SIAR_OK;
}

int cmd_add(struct cli_ctx *ctx, int argc, char **argv)
{
	struct add_opts o = {0};
	struct catalog *cat = NULL;
	struct catalog_show show;
	struct siar_paths paths;
	struct siar_err err = {0};
	int rc;

	rc = parse(argc, argv, &o);
	if (rc)
		return rc < 0 ? CLI_EXIT_OK : rc;
	catalog_show_init(&show);
	siar_paths_init(&paths);
	rc = CLI_EXIT_FAIL;
	if (make_credits(&o, &err) ||
	    expand(argv + optind, argc - optind, &paths, &err) ||
	    cli_open_catalog(ctx, false, &cat, &err) ||
	    catalog_show_get(cat, o.show, &show, &err)) {
		cli_report(&err);
		goto out;
	}
	if (paths.n > 1 && (o.title || o.episode || o.image ||
			    o.n_transcripts || o.n_renditions)) {
		cli_error("add: --title, --episode, --image, --transcript and "
			  "--rendition apply to one file only, and %zu were "
			  "given", paths.n);
		rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (!paths.n) {
		cli_error("add: no media files found in '%s'", argv[optind]);
		goto out;
	}
	rc = add_batch(ctx, &o, cat, &show, &paths);
out:
	while (o.n_credits)
		cli_credit_release(&o.credits[--o.n_credits]);
	siar_paths_release(&paths);
	catalog_show_release(&show);
	catalog_close(cat);
	return rc;
}
