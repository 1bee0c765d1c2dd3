/*
 * Tests for feed/lint.c: feed_lint() on a show in an in-memory catalogue,
 * with a fake measure function that answers from a table instead of
 * opening files. A clean show gives no problem at all; each rule has a
 * test that breaks exactly what it checks.
 *
 * Some rules guard against what catalog_show_add() already refuses (a
 * language of the wrong form, an unknown category, a base URL that is
 * not ASCII) or what the schema cannot hold (two equal GUIDs): those
 * catalogues are made by copying the catalogue to a file with
 * catalog_backup(), changing the file with SQL, and restoring it, as a
 * catalogue from an older siar or edited by hand would be. The previous
 * feeds are small files written by the tests into a temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <sqlite3.h>

#include "../feed/feed.h"

/* 2024-02-20 12:00:00 +0700. */
#define NOW_UNIX ((int64_t)1708405200)

#define SLUG	 "kpu-jaksel"
#define BASE	 "https://media.example.id/siar"
#define ART	 "/srv/siar/art/sampul.jpg"
#define MEDIA_A	 "/srv/siar/media/ep1.mp3"
#define MEDIA_B	 "/srv/siar/media/ep2.m4a"
#define VTT_A	 "/srv/siar/media/ep1.vtt"
#define LOW_A	 "/srv/siar/media/ep1-low.mp3"
#define SIZE_A	 ((int64_t)24000123)
#define SIZE_B	 ((int64_t)18000000)
#define SIZE_LOW ((int64_t)5000000)
#define SHA	 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define PUB_A	 ((int64_t)1704855600) /* 2024-01-10 10:00 WIB */
#define PUB_B	 ((int64_t)1705753800) /* 2024-01-20 19:30 WIB */

#define MAX_FACTS    16
#define MAX_PROBLEMS 64

/* What the fake measure function says of one path. */
struct fact {
	const char *path;
	struct feed_file_facts facts;
	int rc; /* returned instead, when not SIAR_OK */
};

/* A problem as reported, copied. */
struct problem {
	enum feed_lint_level level;
	char *rule;
	char *where;
	char *message;
};

struct fixture {
	struct catalog *cat;
	int64_t id_a, id_b;
	struct fact facts[MAX_FACTS];
	size_t n_facts;
	size_t n_measured;
	struct problem problems[MAX_PROBLEMS];
	size_t n_problems;
	size_t n_errors, n_warnings;
	int stop_after; /* the callback fails at this problem (0: never) */
	char dir[64];	/* temporary folder for feeds */
};

/*
 * The catalogue borrows every string it is given (catalog.h) and the
 * structs only hold 'char *' because they also own strings they are
 * filled with; nothing writes through these.
 */
static char *str(const char *s)
{
	return (char *)s;
}

/* ---- The fake measure function and the callback ------------------------ */

static struct fact *fact_for(struct fixture *fx, const char *path)
{
	size_t i;

	for (i = 0; i < fx->n_facts; i++)
		if (!strcmp(fx->facts[i].path, path))
			return &fx->facts[i];
	return NULL;
}

/* Set what 'path' measures: a file of 'size' bytes (size < 0: missing). */
static struct feed_file_facts *set_fact(struct fixture *fx, const char *path,
					int64_t size)
{
	struct fact *f = fact_for(fx, path);

	if (!f) {
		assert_true(fx->n_facts < MAX_FACTS);
		f = &fx->facts[fx->n_facts++];
		f->path = path;
	}
	memset(&f->facts, 0, sizeof(f->facts));
	f->rc = SIAR_OK;
	f->facts.exists = size >= 0;
	f->facts.size_bytes = size >= 0 ? size : 0;
	return &f->facts;
}

static int fake_measure(const char *path, bool want_duration,
			struct feed_file_facts *out, void *ctx,
			struct siar_err *err)
{
	struct fixture *fx = ctx;
	struct fact *f = fact_for(fx, path);

	fx->n_measured++;
	if (!f)
		return SIAR_OK; /* not in the table: missing */
	if (f->rc)
		return siar_err_set(err, (enum siar_rc)f->rc,
				    "cannot measure '%s'", path);
	*out = f->facts;
	if (!want_duration)
		out->duration_ms = 0;
	return SIAR_OK;
}

static int collect(const struct feed_lint_problem *p, void *ctx,
		   struct siar_err *err)
{
	struct fixture *fx = ctx;
	struct problem *q;

	assert_true(fx->n_problems < MAX_PROBLEMS);
	q = &fx->problems[fx->n_problems++];
	q->level = p->level;
	q->rule = strdup(p->rule);
	q->where = strdup(p->where);
	q->message = strdup(p->message);
	assert_non_null(q->rule);
	assert_non_null(q->where);
	assert_non_null(q->message);
	/* One line each. */
	assert_null(strchr(p->where, '\n'));
	assert_null(strchr(p->message, '\n'));
	if (fx->stop_after && fx->n_problems == (size_t)fx->stop_after)
		return siar_err_set(err, SIAR_EIO, "stopped by the callback");
	return SIAR_OK;
}

static void clear_problems(struct fixture *fx)
{
	size_t i;

	for (i = 0; i < fx->n_problems; i++) {
		free(fx->problems[i].rule);
		free(fx->problems[i].where);
		free(fx->problems[i].message);
	}
	fx->n_problems = 0;
	fx->n_errors = 0;
	fx->n_warnings = 0;
	fx->n_measured = 0;
}

/* Run feed_lint with the fake measure (unless 'no_files'). */
static int lint_with(struct fixture *fx, bool no_files, const char *previous,
		     const struct feed_opts *feed, struct siar_err *err)
{
	struct feed_lint_opts opts = {0};

	clear_problems(fx);
	opts.feed = feed;
	opts.measure = no_files ? NULL : fake_measure;
	opts.measure_ctx = fx;
	opts.previous_path = previous;
	return feed_lint(fx->cat, SLUG, &opts, collect, fx, &fx->n_errors,
			 &fx->n_warnings, err);
}

static void lint(struct fixture *fx)
{
	struct siar_err err = {0};

	assert_int_equal(lint_with(fx, false, NULL, NULL, &err), SIAR_OK);
}

/*
 * The same rules as 'siar feed' runs them while it writes the feed (the
 * gate: errors only, no files), the feed itself thrown away.
 */
static void gate(struct fixture *fx)
{
	struct feed_check check = {collect, fx, 0};
	struct siar_err err = {0};
	struct feed_opts opts;
	FILE *fp = fopen("/dev/null", "w");

	assert_non_null(fp);
	clear_problems(fx);
	feed_opts_init(&opts);
	opts.check = &check;
	assert_int_equal(feed_write_rss(fx->cat, SLUG, &opts, fp, &err),
			 SIAR_OK);
	assert_int_equal(fclose(fp), 0);
	fx->n_errors = check.n_errors;
}

/* The number of problems of 'rule'. */
static size_t count_rule(const struct fixture *fx, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < fx->n_problems; i++)
		n += !strcmp(fx->problems[i].rule, rule);
	return n;
}

/* The only problem of 'rule', of 'level'; the test fails otherwise. */
static const struct problem *the_problem(const struct fixture *fx,
					 const char *rule,
					 enum feed_lint_level level)
{
	size_t i;
	const struct problem *found = NULL;

	for (i = 0; i < fx->n_problems; i++) {
		if (strcmp(fx->problems[i].rule, rule))
			continue;
		if (found)
			fail_msg("rule %s reported twice", rule);
		found = &fx->problems[i];
	}
	if (!found)
		fail_msg("rule %s not reported", rule);
	assert_int_equal(found->level, level);
	return found;
}

static void assert_contains(const char *s, const char *needle)
{
	if (!strstr(s, needle))
		fail_msg("'%s' does not contain '%s'", s, needle);
}

/* Exactly one problem, of 'rule' and 'level', about the show. */
static const struct problem *only_problem(const struct fixture *fx,
					  const char *rule,
					  enum feed_lint_level level)
{
	const struct problem *p;

	if (fx->n_problems != 1) {
		size_t i;

		for (i = 0; i < fx->n_problems; i++)
			print_message("# %s %s: %s\n", fx->problems[i].rule,
				      fx->problems[i].where,
				      fx->problems[i].message);
		fail_msg("%zu problems, want only %s", fx->n_problems, rule);
	}
	p = the_problem(fx, rule, level);
	assert_int_equal(fx->n_errors, level == FEED_LINT_ERROR);
	assert_int_equal(fx->n_warnings, level == FEED_LINT_WARNING);
	return p;
}

/* ---- The catalogue ------------------------------------------------------ */

static void add_show(struct catalog *cat, const char *type)
{
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	show.review_required = false;
	show.slug = str(SLUG);
	show.title = str("Suara Pemilu Jakarta Selatan");
	show.description = str("Siniar resmi KPU Kota Jakarta Selatan.");
	show.author = str("KPU Kota Jakarta Selatan");
	show.language = str("id");
	show.category = str("Government");
	show.image_path = str(ART);
	show.owner_name = str("Humas KPU Jakarta Selatan");
	show.owner_email = str("humas@kpu-jaksel.example.id");
	show.link = str("https://kpu-jaksel.example.id/siniar");
	show.base_url = str(BASE);
	show.timezone = str("Asia/Jakarta");
	show.show_type = str(type);
	/* January's episodes keep a monthly show on track on 20 February. */
	show.cadence = str("monthly");
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
}

/* An episode of the show; published at 'pub' unless it is 0. */
static int64_t add_ep(struct catalog *cat, const struct catalog_episode *tmpl,
		      int64_t pub)
{
	struct siar_err err = {0};
	struct catalog_episode ep = *tmpl;
	int64_t id = 0;

	ep.show_slug = str(SLUG);
	if (!ep.media_mime)
		ep.media_mime = str("audio/mpeg");
	ep.media_kind =
	    str(strncmp(ep.media_mime, "video/", 6) ? "audio" : "video");
	ep.media_sha256 = str(SHA);
	ep.duration_method = str("container");
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	if (pub)
		assert_int_equal(catalog_episode_publish(cat, id, pub, &err),
				 SIAR_OK);
	return id;
}

/* A plain episode template: title, file, size and duration. */
static struct catalog_episode ep_tmpl(const char *title, const char *path,
				      int64_t size)
{
	struct catalog_episode ep;

	catalog_episode_init(&ep);
	ep.title = str(title);
	ep.media_path = str(path);
	ep.media_size_bytes = size;
	ep.duration_ms = 1500000;
	return ep;
}

/* The two clean episodes, a draft with problems, and their files. */
static void add_clean_episodes(struct fixture *fx)
{
	struct catalog_transcript t = {str(VTT_A), str("text/vtt"), NULL};
	struct catalog_rendition r;
	struct catalog_episode ep;

	memset(&r, 0, sizeof(r));
	r.path = str(LOW_A);
	r.mime = str("audio/mpeg");
	r.kind = str("audio");
	r.sha256 = str(SHA);
	r.size_bytes = SIZE_LOW;
	r.duration_ms = 1500000;
	ep = ep_tmpl("Mengenal Tahapan Pemilu", MEDIA_A, SIZE_A);
	ep.description = str("Tahapan Pemilu 2024.");
	ep.transcripts = &t;
	ep.n_transcripts = 1;
	ep.renditions = &r;
	ep.n_renditions = 1;
	ep.has_loudness = true;
	ep.loudness_lufs = -16.4;
	fx->id_a = add_ep(fx->cat, &ep, PUB_A);
	ep = ep_tmpl("Kampanye Damai", MEDIA_B, SIZE_B);
	ep.media_mime = str("audio/x-m4a");
	ep.duration_ms = 1800000;
	fx->id_b = add_ep(fx->cat, &ep, PUB_B);
	/* A draft is not in the feed: none of its faults count. */
	ep = ep_tmpl("Draf", "/srv/siar/media/draf.ogg", 1);
	ep.media_mime = str("audio/ogg");
	ep.duration_ms = 0;
	add_ep(fx->cat, &ep, 0);
	set_fact(fx, MEDIA_A, SIZE_A)->duration_ms = 1500400;
	set_fact(fx, MEDIA_B, SIZE_B)->duration_ms = 1799000;
	set_fact(fx, VTT_A, 1234);
	set_fact(fx, LOW_A, SIZE_LOW);
}

static void set_art(struct fixture *fx, const char *format, int w, int h)
{
	struct feed_file_facts *f = set_fact(fx, ART, 400000);

	snprintf(f->format, sizeof(f->format), "%s", format);
	f->width = w;
	f->height = h;
}

static void open_catalog(struct fixture *fx, const char *type)
{
	struct siar_err err = {0};

	assert_int_equal(
	    catalog_open(&fx->cat, ":memory:", CATALOG_OPEN_CREATE, &err),
	    SIAR_OK);
	catalog_set_now(fx->cat, NOW_UNIX);
	add_show(fx->cat, type);
	set_art(fx, "jpeg", 1400, 1400);
	add_clean_episodes(fx);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/siar-lint-test.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	open_catalog(fx, NULL);
	*state = fx;
	return 0;
}

static char *path_in(const struct fixture *fx, const char *name)
{
	struct siar_buf b;
	char *path;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "%s/%s", fx->dir, name);
	path = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(path);
	return path;
}

static int teardown(void **state)
{
	static const char *const files[] = {
	    "prev.xml", "cat.db", "cat.db-wal", "cat.db-shm", "secret.txt",
	};
	struct fixture *fx = *state;
	size_t i;
	char *p;

	clear_problems(fx);
	catalog_close(fx->cat);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		p = path_in(fx, files[i]);
		unlink(p);
		free(p);
	}
	rmdir(fx->dir);
	free(fx);
	return 0;
}

/*
 * Change the catalogue behind catalog.h's back: copy it to a file, run
 * 'sql' on the file, and restore the copy.
 */
static void tamper(struct fixture *fx, const char *sql)
{
	struct siar_err err = {0};
	char *path = path_in(fx, "cat.db");
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(catalog_backup(fx->cat, path, &err), SIAR_OK);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
	assert_int_equal(catalog_restore(fx->cat, path, &err), SIAR_OK);
	free(path);
}

/* Change show SLUG with catalog_show_update: 'edit' changes the copy. */
static void edit_show(struct fixture *fx, void (*edit)(struct catalog_show *))
{
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, SLUG, &show, &err), SIAR_OK);
	edit(&show);
	assert_int_equal(catalog_show_update(fx->cat, SLUG, &show, &err),
			 SIAR_OK);
	catalog_show_release(&show);
}

/* Replace '*field' (owned by the show) with a copy of 'value' or NULL. */
static void set_field(char **field, const char *value)
{
	free(*field);
	*field = value ? strdup(value) : NULL;
	if (value)
		assert_non_null(*field);
}

/* Change episode 'id' with catalog_episode_update. */
static void edit_ep(struct fixture *fx, int64_t id,
		    void (*edit)(struct catalog_episode *))
{
	struct catalog_actor who = {"test", NULL};
	struct siar_err err = {0};
	struct catalog_episode ep;

	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), SIAR_OK);
	edit(&ep);
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &who, &err),
			 SIAR_OK);
	catalog_episode_release(&ep);
}

/* ---- A clean show ------------------------------------------------------ */

static void clean_show_has_no_problem(void **state)
{
	struct fixture *fx = *state;

	lint(fx);
	assert_int_equal(fx->n_problems, 0);
	assert_int_equal(fx->n_errors, 0);
	assert_int_equal(fx->n_warnings, 0);
	/* Artwork, two media files, a transcript and a rendition. */
	assert_int_equal(fx->n_measured, 5);
}

static void without_measure_no_file_is_opened(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};

	set_fact(fx, MEDIA_A, -1);
	set_fact(fx, ART, -1);
	assert_int_equal(lint_with(fx, true, NULL, NULL, &err), SIAR_OK);
	assert_int_equal(fx->n_problems, 0);
	assert_int_equal(fx->n_measured, 0);
}

static void null_counts_and_options_are_allowed(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};

	assert_int_equal(
	    feed_lint(fx->cat, SLUG, NULL, collect, fx, NULL, NULL, &err),
	    SIAR_OK);
	assert_int_equal(fx->n_problems, 0);
}

static void level_names(void **state)
{
	(void)state;
	assert_string_equal(feed_lint_level_name(FEED_LINT_ERROR), "error");
	assert_string_equal(feed_lint_level_name(FEED_LINT_WARNING), "warning");
}

static void unknown_show_is_not_found(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};

	assert_int_equal(feed_lint(fx->cat, "tidak-ada", NULL, collect, fx,
				   NULL, NULL, &err),
			 SIAR_ENOTFOUND);
	assert_contains(err.msg, "tidak-ada");
	assert_int_equal(fx->n_problems, 0);
}

static void callback_failure_stops_and_is_returned(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};

	set_fact(fx, ART, -1);
	set_fact(fx, MEDIA_A, -1);
	fx->stop_after = 1;
	assert_int_equal(lint_with(fx, false, NULL, NULL, &err), SIAR_EIO);
	assert_int_equal(fx->n_problems, 1);
	assert_string_equal(err.msg, "stopped by the callback");
	assert_int_equal(fx->n_errors, 1);
}

static void measure_failure_stops_and_is_returned(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};

	fact_for(fx, MEDIA_B)->rc = SIAR_EIO;
	assert_int_equal(lint_with(fx, false, NULL, NULL, &err), SIAR_EIO);
	assert_contains(err.msg, MEDIA_B);
}

/* ---- Show rules -------------------------------------------------------- */

static void no_image(struct catalog_show *s)
{
	set_field(&s->image_path, NULL);
	set_field(&s->image, NULL);
}

static void weekly(struct catalog_show *s)
{
	set_field(&s->cadence, "weekly");
}

/* Weekly, the last episode on 20 January is a month behind 20 February. */
static void overdue_show_is_a_warning(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	edit_show(fx, weekly);
	lint(fx);
	p = only_problem(fx, "overdue", FEED_LINT_WARNING);
	assert_string_equal(p->where, "show '" SLUG "'");
	assert_contains(p->message, "no episode since 2024-01-20");
	assert_contains(p->message, "weekly");
	assert_contains(p->message, "due by 2024-02-25");
}

static void artwork_missing(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	edit_show(fx, no_image);
	lint(fx);
	p = only_problem(fx, "artwork-missing", FEED_LINT_ERROR);
	assert_string_equal(p->where, "show '" SLUG "'");
}

static void artwork_file_missing(void **state)
{
	struct fixture *fx = *state;

	set_fact(fx, ART, -1);
	lint(fx);
	assert_contains(
	    only_problem(fx, "artwork-file", FEED_LINT_ERROR)->message, ART);
}

static void artwork_not_jpeg_or_png(void **state)
{
	struct fixture *fx = *state;

	set_art(fx, "", 1400, 1400);
	lint(fx);
	only_problem(fx, "artwork-format", FEED_LINT_ERROR);
}

static void webp_image_url(struct catalog_show *s)
{
	set_field(&s->image_path, NULL);
	set_field(&s->image, "https://cdn.example.id/sampul.webp");
}

static void artwork_url_of_wrong_type(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, webp_image_url);
	lint(fx);
	assert_int_equal(fx->n_problems, 2);
	assert_contains(
	    the_problem(fx, "artwork-format", FEED_LINT_ERROR)->message,
	    "sampul.webp");
	the_problem(fx, "artwork-unchecked", FEED_LINT_WARNING);
}

static void artwork_too_small(void **state)
{
	struct fixture *fx = *state;

	set_art(fx, "png", 1200, 1200);
	lint(fx);
	assert_string_equal(
	    only_problem(fx, "artwork-size", FEED_LINT_ERROR)->message,
	    "artwork is 1200x1200 px; Apple needs 1400-3000 px square");
}

static void artwork_not_square_or_too_big(void **state)
{
	struct fixture *fx = *state;

	set_art(fx, "jpeg", 1400, 1500);
	lint(fx);
	only_problem(fx, "artwork-size", FEED_LINT_ERROR);
	set_art(fx, "jpeg", 3001, 3001);
	lint(fx);
	only_problem(fx, "artwork-size", FEED_LINT_ERROR);
	set_art(fx, "jpeg", 3000, 3000);
	lint(fx);
	assert_int_equal(fx->n_problems, 0);
}

static void jpg_image_url(struct catalog_show *s)
{
	set_field(&s->image_path, NULL);
	set_field(&s->image, "https://cdn.example.id/sampul.JPG");
}

static void artwork_only_a_url(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, jpg_image_url);
	lint(fx);
	only_problem(fx, "artwork-unchecked", FEED_LINT_WARNING);
	assert_int_equal(fx->n_measured, 4); /* not the artwork */
}

static void no_owner_email(struct catalog_show *s)
{
	set_field(&s->owner_email, NULL);
}

static void owner_email_missing(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, no_owner_email);
	lint(fx);
	only_problem(fx, "owner-email", FEED_LINT_ERROR);
}

static void no_owner_name(struct catalog_show *s)
{
	set_field(&s->owner_name, NULL);
}

static void owner_name_missing(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, no_owner_name);
	lint(fx);
	only_problem(fx, "owner-name", FEED_LINT_WARNING);
}

static void no_category(struct catalog_show *s)
{
	set_field(&s->category, NULL);
}

static void category_missing(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, no_category);
	lint(fx);
	only_problem(fx, "category", FEED_LINT_ERROR);
}

static void category_not_apple(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE shows SET category = 'Politik'");
	lint(fx);
	assert_contains(only_problem(fx, "category", FEED_LINT_ERROR)->message,
			"'Politik'");
}

static void subcategory_not_under_category(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE shows SET subcategory = 'Drama'");
	lint(fx);
	assert_contains(only_problem(fx, "category", FEED_LINT_ERROR)->message,
			"'Drama' is not an Apple Podcasts subcategory of "
			"'Government'");
}

static void no_description(struct catalog_show *s)
{
	set_field(&s->description, NULL);
}

static void long_show_description(struct catalog_show *s)
{
	static char desc[4002];

	memset(desc, 'a', 4001);
	desc[4001] = '\0';
	set_field(&s->description, desc);
}

static void description_missing_or_too_long(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, no_description);
	lint(fx);
	only_problem(fx, "description", FEED_LINT_WARNING);
	edit_show(fx, long_show_description);
	lint(fx);
	assert_contains(
	    only_problem(fx, "description", FEED_LINT_ERROR)->message,
	    "4001 bytes");
}

static void no_link(struct catalog_show *s)
{
	set_field(&s->link, NULL);
}

static void link_missing(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, no_link);
	lint(fx);
	only_problem(fx, "link", FEED_LINT_WARNING);
}

static void http_base(struct catalog_show *s)
{
	set_field(&s->base_url, "http://media.example.id/siar");
}

static void base_url_http(void **state)
{
	struct fixture *fx = *state;

	edit_show(fx, http_base);
	lint(fx);
	only_problem(fx, "base-url", FEED_LINT_WARNING);
}

static void base_url_not_absolute(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE shows SET base_url = 'https:///siar'");
	lint(fx);
	/* The enclosures are built on it: each of them is wrong too. */
	the_problem(fx, "base-url", FEED_LINT_ERROR);
	assert_int_equal(count_rule(fx, "enclosure-url"), 2);
	assert_int_equal(fx->n_problems, 3);
}

static void base_url_not_ascii(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	tamper(fx, "UPDATE shows SET base_url = "
		   "'https://media.example.id/siar/pemilu-jakarta-selatan/"
		   "ru\xC3\xA1ng'");
	lint(fx);
	assert_contains(the_problem(fx, "base-url", FEED_LINT_ERROR)->message,
			"ASCII");
	assert_int_equal(count_rule(fx, "enclosure-url"), 2);
	p = &fx->problems[1];
	assert_string_equal(p->rule, "enclosure-url");
	assert_contains(p->where, "'Kampanye Damai'"); /* newest first */
	assert_int_equal(fx->n_problems, 3);
}

static void language_malformed(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE shows SET language = 'bahasa indonesia'");
	lint(fx);
	only_problem(fx, "language", FEED_LINT_ERROR);
}

static void author_blank(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE shows SET author = '  '");
	lint(fx);
	only_problem(fx, "author", FEED_LINT_ERROR);
}

static void no_live_episode(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE episodes SET status = 'unpublished'");
	lint(fx);
	only_problem(fx, "no-episodes", FEED_LINT_WARNING);
	assert_int_equal(fx->n_measured, 1); /* the artwork */
}

/* ---- Episode rules ----------------------------------------------------- */

static void duration_missing(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE episodes SET duration_ms = 0 WHERE title = "
		   "'Kampanye Damai'");
	lint(fx);
	assert_string_equal(
	    only_problem(fx, "duration-missing", FEED_LINT_ERROR)->where,
	    "episode 2 'Kampanye Damai'");
}

static void duration_mismatch(void **state)
{
	struct fixture *fx = *state;

	/* 1 % of 1500 s is 15 s: 15 s off passes, 15.1 s does not. */
	set_fact(fx, MEDIA_A, SIZE_A)->duration_ms = 1500000 + 15000;
	lint(fx);
	assert_int_equal(fx->n_problems, 0);
	set_fact(fx, MEDIA_A, SIZE_A)->duration_ms = 1500000 - 15100;
	lint(fx);
	assert_contains(
	    only_problem(fx, "duration-mismatch", FEED_LINT_ERROR)->message,
	    "lasts 1484.9 s, the catalogue says 1500.0 s");
}

static void duration_mismatch_allows_two_seconds(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE episodes SET duration_ms = 60000 WHERE title = "
		   "'Kampanye Damai'");
	set_fact(fx, MEDIA_B, SIZE_B)->duration_ms = 62000;
	lint(fx);
	assert_int_equal(fx->n_problems, 0);
	set_fact(fx, MEDIA_B, SIZE_B)->duration_ms = 62001;
	lint(fx);
	only_problem(fx, "duration-mismatch", FEED_LINT_ERROR);
}

static void media_missing(void **state)
{
	struct fixture *fx = *state;

	set_fact(fx, MEDIA_B, -1);
	lint(fx);
	assert_contains(
	    only_problem(fx, "media-missing", FEED_LINT_ERROR)->message,
	    MEDIA_B);
}

static void size_mismatch(void **state)
{
	struct fixture *fx = *state;

	set_fact(fx, MEDIA_B, SIZE_B + 1)->duration_ms = 1800000;
	lint(fx);
	assert_contains(
	    only_problem(fx, "size-mismatch", FEED_LINT_ERROR)->message,
	    "18000001 bytes, the enclosure says 18000000");
}

static void enclosure_type_not_apple(void **state)
{
	struct fixture *fx = *state;
	struct catalog_episode ep =
	    ep_tmpl("Opus", "/srv/siar/media/o.opus", 100);

	ep.media_mime = str("audio/ogg");
	ep.audio_codec = str("opus");
	add_ep(fx->cat, &ep, PUB_B + 60);
	set_fact(fx, "/srv/siar/media/o.opus", 100)->duration_ms = 1500000;
	lint(fx);
	assert_string_equal(
	    only_problem(fx, "enclosure-type", FEED_LINT_WARNING)->message,
	    "enclosure type 'audio/ogg' (opus) is not one Apple Podcasts "
	    "accepts (MP3, AAC/M4A, MP4, M4V or MOV)");
}

static void enclosure_duplicate_names_both(void **state)
{
	struct fixture *fx = *state;
	struct catalog_episode ep =
	    ep_tmpl("Salinan", "/srv/lain/ep1.mp3", SIZE_A); /* same name */
	const struct problem *p;

	add_ep(fx->cat, &ep, PUB_A - 60);
	set_fact(fx, "/srv/lain/ep1.mp3", SIZE_A)->duration_ms = 1500000;
	lint(fx);
	p = only_problem(fx, "enclosure-duplicate", FEED_LINT_ERROR);
	assert_contains(p->where, "'Salinan'");
	assert_contains(p->message, "episode 1 'Mengenal Tahapan Pemilu'");
	assert_contains(p->message, BASE "/ep1.mp3");
}

/*
 * Duplicates count within the feed being checked: with --limit 1 only
 * the newest episode is in it, and the two files of one name are not.
 */
static void enclosure_duplicate_only_within_the_feed(void **state)
{
	struct fixture *fx = *state;
	struct catalog_episode ep =
	    ep_tmpl("Salinan", "/srv/lain/ep1.mp3", SIZE_A); /* same name */
	struct feed_opts feed;
	struct siar_err err = {0};

	add_ep(fx->cat, &ep, PUB_A - 60);
	set_fact(fx, "/srv/lain/ep1.mp3", SIZE_A)->duration_ms = 1500000;
	feed_opts_init(&feed);
	feed.limit = 1;
	assert_int_equal(lint_with(fx, false, NULL, &feed, &err), SIAR_OK);
	assert_int_equal(count_rule(fx, "enclosure-duplicate"), 0);
	feed.limit = 0;
	assert_int_equal(lint_with(fx, false, NULL, &feed, &err), SIAR_OK);
	assert_int_equal(count_rule(fx, "enclosure-duplicate"), 1);
}

static void guid_duplicate(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	/* The schema keeps GUIDs unique; the feed trims them. */
	tamper(fx, "UPDATE episodes SET guid = (SELECT guid FROM episodes "
		   "WHERE title = 'Kampanye Damai') || ' ' WHERE title = "
		   "'Mengenal Tahapan Pemilu'");
	lint(fx);
	p = only_problem(fx, "guid-duplicate", FEED_LINT_ERROR);
	assert_contains(p->where, "'Mengenal Tahapan Pemilu'");
	assert_contains(p->message, "episode 2 'Kampanye Damai'");
	/* The feed's checks find it after the walk, in the catalogue. */
	gate(fx);
	p = only_problem(fx, "guid-duplicate", FEED_LINT_ERROR);
	assert_contains(p->where, "'Mengenal Tahapan Pemilu'");
	assert_contains(p->message, "episode 2 'Kampanye Damai'");
}

/*
 * The first of the two in the feed has the white space: the second, a
 * GUID like any other, is the duplicate.
 */
static void guid_duplicate_spaced_first(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;
	int pass;

	tamper(fx, "UPDATE episodes SET guid = ' ' || (SELECT guid FROM "
		   "episodes WHERE title = 'Mengenal Tahapan Pemilu') WHERE "
		   "title = 'Kampanye Damai'");
	for (pass = 0; pass < 2; pass++) {
		if (pass)
			gate(fx);
		else
			lint(fx);
		p = only_problem(fx, "guid-duplicate", FEED_LINT_ERROR);
		assert_contains(p->where, "'Mengenal Tahapan Pemilu'");
		assert_contains(p->message, "episode 2 'Kampanye Damai'");
	}
}

static void long_description(struct catalog_episode *ep)
{
	static char desc[4002];

	memset(desc, 'x', 4001);
	desc[4001] = '\0';
	free(ep->description);
	ep->description = strdup(desc);
	assert_non_null(ep->description);
}

static void description_length(void **state)
{
	struct fixture *fx = *state;

	edit_ep(fx, fx->id_a, long_description);
	lint(fx);
	only_problem(fx, "description-length", FEED_LINT_ERROR);
}

static void long_title(struct catalog_episode *ep)
{
	static char title[300];

	memset(title, 'j', 256);
	title[256] = '\0';
	free(ep->title);
	ep->title = strdup(title);
	assert_non_null(ep->title);
}

static void title_length(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	edit_ep(fx, fx->id_a, long_title);
	lint(fx);
	p = only_problem(fx, "title-length", FEED_LINT_WARNING);
	assert_contains(p->message, "256 bytes");
	/* The name in 'where' is cut to 60 bytes. */
	assert_int_equal(strlen(p->where), strlen("episode 1 ''") + 60);
}

static void utf8_title(struct catalog_episode *ep)
{
	/* 58 ASCII bytes, then "é" (2 bytes) twice: the cut falls inside. */
	static const char t[] = "0123456789012345678901234567890123456789"
				"012345678901234567\xC3\xA9\xC3\xA9";

	free(ep->title);
	ep->title = strdup(t);
	assert_non_null(ep->title);
	ep->duration_ms = 0;
}

static void where_cuts_title_on_code_point(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	edit_ep(fx, fx->id_a, utf8_title);
	tamper(fx, "UPDATE episodes SET duration_ms = 0 WHERE title LIKE "
		   "'0123%'");
	lint(fx);
	p = the_problem(fx, "duration-missing", FEED_LINT_ERROR);
	assert_string_equal(p->where,
			    "episode 1 '012345678901234567890123456789"
			    "0123456789012345678901234567\xC3\xA9'");
}

static void loudness_off_target(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE episodes SET loudness_lufs = -19.0, "
		   "loudness_range_lu = 5, true_peak_dbtp = -1 WHERE title = "
		   "'Kampanye Damai'");
	lint(fx);
	assert_int_equal(fx->n_problems, 0); /* -19 is within 3 LU */
	tamper(fx, "UPDATE episodes SET loudness_lufs = -23.0 WHERE title = "
		   "'Kampanye Damai'");
	lint(fx);
	assert_contains(
	    only_problem(fx, "loudness", FEED_LINT_WARNING)->message,
	    "-23.0 LUFS");
}

static void image_not_apple(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE episodes SET image_path = '/srv/siar/art/e.png', "
		   "image_apple_ok = 0 WHERE title = 'Kampanye Damai'");
	lint(fx);
	only_problem(fx, "image", FEED_LINT_WARNING);
	tamper(fx, "UPDATE episodes SET image_apple_ok = 1");
	lint(fx);
	assert_int_equal(fx->n_problems, 0);
}

static void serial_needs_numbers(void **state)
{
	struct fixture *fx = *state;

	tamper(fx, "UPDATE shows SET show_type = 'serial';"
		   "UPDATE episodes SET episode_number = 1 WHERE title = "
		   "'Mengenal Tahapan Pemilu'");
	lint(fx);
	assert_string_equal(
	    only_problem(fx, "serial-number", FEED_LINT_ERROR)->where,
	    "episode 2 'Kampanye Damai'");
}

static void transcript_missing(void **state)
{
	struct fixture *fx = *state;

	set_fact(fx, VTT_A, -1);
	lint(fx);
	only_problem(fx, "transcript-missing", FEED_LINT_ERROR);
}

static void rendition_missing(void **state)
{
	struct fixture *fx = *state;

	set_fact(fx, LOW_A, -1);
	lint(fx);
	only_problem(fx, "rendition-missing", FEED_LINT_ERROR);
}

static void rendition_size(void **state)
{
	struct fixture *fx = *state;

	set_fact(fx, LOW_A, SIZE_LOW - 1);
	lint(fx);
	only_problem(fx, "rendition-size", FEED_LINT_ERROR);
}

static void filters_of_the_feed_apply(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct feed_opts fo;

	set_fact(fx, MEDIA_A, -1); /* the older episode */
	feed_opts_init(&fo);
	fo.limit = 1;
	assert_int_equal(lint_with(fx, false, NULL, &fo, &err), SIAR_OK);
	assert_int_equal(fx->n_problems, 0);
	fo.limit = 0;
	fo.topic = "tidak-ada";
	assert_int_equal(lint_with(fx, false, NULL, &fo, &err), SIAR_ENOTFOUND);
}

/*
 * Thousands of episodes: the hash sets and the table of fingerprints grow
 * several times (the first file's fingerprint goes into the smallest
 * table), every file is distinct, and the one real duplicate, the last
 * episode's, is found once.
 */
static void many_episodes_only_real_duplicates(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_bulk bulk;
	struct catalog_episode ep;
	char path[64];
	int i;

	assert_int_equal(catalog_bulk_begin(fx->cat, &bulk, &err), SIAR_OK);
	for (i = 0; i < 9000; i++) {
		snprintf(path, sizeof(path), "/srv/banyak/ep-%04d.mp3", i);
		ep = ep_tmpl("Banyak", i == 8999 ? "/srv/x/ep-0000.mp3" : path,
			     1);
		add_ep(fx->cat, &ep, PUB_A - 3600 - i);
	}
	assert_int_equal(catalog_bulk_end(fx->cat, &bulk, SIAR_OK, &err),
			 SIAR_OK);
	assert_int_equal(lint_with(fx, true, NULL, NULL, &err), SIAR_OK);
	assert_int_equal(fx->n_problems, 1);
	assert_string_equal(fx->problems[0].rule, "enclosure-duplicate");
}

/* ---- The previous feed ------------------------------------------------- */

static char *write_prev(struct fixture *fx, const char *xml)
{
	char *path = path_in(fx, "prev.xml");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(xml, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
	return path;
}

/* The GUID of episode 'id'; caller frees. */
static char *guid_of(struct fixture *fx, int64_t id)
{
	struct siar_err err = {0};
	struct catalog_episode ep;
	char *guid;

	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), SIAR_OK);
	guid = strdup(ep.guid);
	catalog_episode_release(&ep);
	assert_non_null(guid);
	return guid;
}

/* A feed of the items given, in the RSS siar writes. */
static char *feed_of(const char *items)
{
	struct siar_buf b;
	char *xml;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b,
		      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		      "<rss version=\"2.0\" "
		      "xmlns:itunes=\"http://www.itunes.com/dtds/"
		      "podcast-1.0.dtd\"><channel><title>T</title>%s"
		      "</channel></rss>\n",
		      items);
	xml = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(xml);
	return xml;
}

/* <item> with these values (NULL: element left out). */
static void add_item(struct siar_buf *b, const char *title, const char *guid,
		     const char *url, const char *date)
{
	siar_buf_adds(b, "<item>");
	if (title)
		siar_buf_addf(b,
			      "<title>%s</title><itunes:title>X</itunes:"
			      "title>",
			      title);
	if (url)
		siar_buf_addf(b,
			      "<enclosure url=\"%s\" length=\"1\" "
			      "type=\"audio/mpeg\"/>",
			      url);
	if (guid)
		siar_buf_addf(b, "<guid isPermaLink=\"false\">\n  %s\n</guid>",
			      guid);
	if (date)
		siar_buf_addf(b, "<pubDate>%s</pubDate>", date);
	siar_buf_adds(b, "</item>");
}

/* Lint with a previous feed holding the two clean episodes as they are. */
static void lint_prev(struct fixture *fx, const char *date_a, const char *url_b,
		      const char *guid_b, const char *extra)
{
	struct siar_err err = {0};
	char *a = guid_of(fx, fx->id_a);
	char *b = guid_of(fx, fx->id_b);
	struct siar_buf items;
	char *xml, *path;

	siar_buf_init(&items, 0);
	add_item(&items, "Kampanye Damai", guid_b ? guid_b : b,
		 url_b ? url_b : BASE "/ep2.m4a",
		 "Sat, 20 Jan 2024 19:30:00 +0700");
	add_item(&items, "Mengenal Tahapan Pemilu", a, BASE "/ep1.mp3",
		 date_a ? date_a : "Wed, 10 Jan 2024 10:00:00 +0700");
	if (extra)
		siar_buf_adds(&items, extra);
	xml = feed_of(items.buf);
	path = write_prev(fx, xml);
	assert_int_equal(lint_with(fx, true, path, NULL, &err), SIAR_OK);
	free(path);
	free(xml);
	siar_buf_release(&items);
	free(a);
	free(b);
}

static void previous_feed_of_same_catalogue_is_clean(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	char *path = path_in(fx, "prev.xml");
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	assert_int_equal(feed_write_rss(fx->cat, SLUG, NULL, fp, &err),
			 SIAR_OK);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(lint_with(fx, false, path, NULL, &err), SIAR_OK);
	assert_int_equal(fx->n_problems, 0);
	free(path);
	lint_prev(fx, NULL, NULL, NULL, NULL);
	assert_int_equal(fx->n_problems, 0);
}

static void previous_dates_in_other_forms_are_the_same(void **state)
{
	static const char *const same[] = {
	    "Wed, 10 Jan 2024 03:00:00 GMT",
	    "10 Jan 2024 03:00 UT",
	    "Wed, 10 Jan 24 03:00:00 Z",
	    "wed,10 jan 2024 03:00:00 UTC",
	    "Tue, 09 Jan 2024 22:00:00 EST",
	    "Tue, 9 Jan 2024 23:00:00 EDT",
	    "Tue, 09 Jan 2024 21:00:00 CST",
	    "Tue, 09 Jan 2024 20:00:00 MST",
	    "Tue, 09 Jan 2024 19:00:00 PST",
	    "Tue, 09 Jan 2024 20:00:00 PDT",
	    "Wed, 10 Jan 2024 08:30:00 +0530",
	    "Tue, 09 Jan 2024 23:30:00 -0330",
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		lint_prev(fx, same[i], NULL, NULL, NULL);
		if (fx->n_problems)
			fail_msg("'%s': %s", same[i], fx->problems[0].message);
	}
}

static void previous_date_changed(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	lint_prev(fx, "Wed, 10 Jan 2024 10:00:01 +0700", NULL, NULL, NULL);
	p = only_problem(fx, "date-changed", FEED_LINT_WARNING);
	assert_string_equal(p->where, "episode 1 'Mengenal Tahapan Pemilu'");
	assert_contains(p->message, "'Wed, 10 Jan 2024 10:00:01 +0700' to "
				    "'Wed, 10 Jan 2024 10:00:00 +0700'");
}

static void previous_unreadable_date_is_not_compared(void **state)
{
	static const char *const bad[] = {
	    "2024-01-10T10:00:00+07:00",
	    "Wed, 10 Jan 2024 10:00:00",
	    "Wed, 10 Jan 2024 10:00:00 XYZ",
	    "Wed, 32 Jan 2024 10:00:00 +0700",
	    "Wed, 29 Feb 2023 10:00:00 +0700",
	    "Wed, 10 Jan 2024 24:00:00 +0700",
	    "Wed, 10 Jan 2024 10:00:00 +07",
	    "Wed 10 Jan 2024 10:00:00 +0700",
	    "Wed, 10 Jan 2024 10:00:00 +0700 extra",
	};
	struct fixture *fx = *state;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		lint_prev(fx, bad[i], NULL, NULL, NULL);
		assert_int_equal(fx->n_problems, 0);
	}
	/* A leap year has it. */
	lint_prev(fx, "Thu, 29 Feb 2024 10:00:00 +0700", NULL, NULL, NULL);
	only_problem(fx, "date-changed", FEED_LINT_WARNING);
}

static void previous_enclosure_changed(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	lint_prev(fx, NULL, "https://old.example.id/ep2.m4a", NULL, NULL);
	p = only_problem(fx, "enclosure-changed", FEED_LINT_WARNING);
	assert_string_equal(p->where, "episode 2 'Kampanye Damai'");
	assert_contains(p->message,
			"https://old.example.id/ep2.m4a to " BASE "/ep2.m4a");
}

static void previous_guid_changed(void **state)
{
	struct fixture *fx = *state;
	const struct problem *p;

	lint_prev(fx, NULL, NULL, "guid-lama-42", NULL);
	p = only_problem(fx, "guid-changed", FEED_LINT_ERROR);
	assert_string_equal(p->where, "episode 2 'Kampanye Damai'");
	assert_contains(p->message, "'guid-lama-42'");
	assert_contains(p->message, "apps will download it again as new");
}

static void previous_episode_vanished(void **state)
{
	struct fixture *fx = *state;
	struct siar_buf extra;
	const struct problem *p;

	siar_buf_init(&extra, 0);
	add_item(&extra, "Ralat &amp; Klarifikasi", "guid-hilang",
		 BASE "/ralat.mp3", "Mon, 01 Jan 2024 10:00:00 +0700");
	add_item(&extra, NULL, NULL, NULL, NULL);
	lint_prev(fx, NULL, NULL, NULL, extra.buf);
	siar_buf_release(&extra);
	assert_int_equal(fx->n_problems, 2);
	p = &fx->problems[0];
	assert_string_equal(p->rule, "episode-vanished");
	assert_string_equal(p->where,
			    "previous feed item 'Ralat & Klarifikasi'");
	assert_contains(p->message, "'guid-hilang'");
	assert_contains(p->message, "unpublished or removed; apps drop it");
	assert_string_equal(fx->problems[1].where, "previous feed item 4");
	assert_int_equal(fx->n_warnings, 2);
}

static void previous_not_rss_is_refused(void **state)
{
	static const char *const docs[] = {
	    "<?xml version=\"1.0\"?><html><body/></html>",
	    "<?xml version=\"1.0\"?><rss version=\"2.0\"/>",
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>",
	};
	struct fixture *fx = *state;
	struct siar_err err;
	char *path;
	size_t i;

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		memset(&err, 0, sizeof(err));
		path = write_prev(fx, docs[i]);
		assert_int_equal(lint_with(fx, false, path, NULL, &err),
				 SIAR_EINVAL);
		assert_contains(err.msg, "not an RSS feed: '");
		assert_contains(err.msg, path);
		/* Refused before anything is reported. */
		assert_int_equal(fx->n_problems, 0);
		free(path);
	}
}

static void previous_unreadable_is_refused(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	char *path;

	path = write_prev(fx, "<rss><channel><item></channel>");
	assert_int_equal(lint_with(fx, false, path, NULL, &err), SIAR_EINVAL);
	assert_contains(err.msg, "cannot read previous feed '");
	assert_contains(err.msg, "line ");
	assert_int_equal(fx->n_problems, 0);
	free(path);
	memset(&err, 0, sizeof(err));
	assert_int_equal(lint_with(fx, false, "/tidak/ada.xml", NULL, &err),
			 SIAR_EINVAL);
	assert_contains(err.msg, "/tidak/ada.xml");
	memset(&err, 0, sizeof(err));
	assert_int_equal(lint_with(fx, false, fx->dir, NULL, &err),
			 SIAR_EINVAL);
}

/*
 * An external entity naming a local file: never loaded, so its text
 * (which would match episode 2's GUID) never reaches the comparison.
 */
static void previous_external_entity_is_not_loaded(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	char *secret = path_in(fx, "secret.txt");
	char *guid = guid_of(fx, fx->id_b);
	struct siar_buf xml;
	FILE *fp = fopen(secret, "w");
	char *path;
	size_t i;

	assert_non_null(fp);
	fprintf(fp, "%s", guid);
	assert_int_equal(fclose(fp), 0);
	siar_buf_init(&xml, 0);
	siar_buf_addf(&xml,
		      "<?xml version=\"1.0\"?>\n"
		      "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://%s\">]>\n"
		      "<rss version=\"2.0\"><channel><item>"
		      "<title>Rahasia</title><guid>&xxe;</guid>"
		      "<enclosure url=\"https://lain.example.id/x.mp3\"/>"
		      "</item></channel></rss>\n",
		      secret);
	path = write_prev(fx, xml.buf);
	assert_int_equal(lint_with(fx, true, path, NULL, &err), SIAR_OK);
	/* Not matched with episode 2: the item has no GUID at all. */
	only_problem(fx, "episode-vanished", FEED_LINT_WARNING);
	for (i = 0; i < fx->n_problems; i++)
		assert_null(strstr(fx->problems[i].message, guid));
	siar_buf_release(&xml);
	free(path);
	free(guid);
	free(secret);
}

/* The "billion laughs": refused, or read without expanding anything. */
static void previous_entity_bomb_is_not_expanded(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct siar_buf xml;
	char *path;
	int i, rc;

	siar_buf_init(&xml, 0);
	siar_buf_adds(&xml, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
			    "<!ENTITY lol0 \"lol\">\n");
	for (i = 1; i <= 9; i++)
		siar_buf_addf(&xml,
			      "<!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;&lol%d;"
			      "&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;\">\n",
			      i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1,
			      i - 1, i - 1, i - 1, i - 1);
	siar_buf_adds(&xml, "]>\n<rss version=\"2.0\"><channel><item>"
			    "<title>&lol9;</title><guid>bom</guid></item>"
			    "</channel></rss>\n");
	path = write_prev(fx, xml.buf);
	rc = lint_with(fx, true, path, NULL, &err);
	if (rc) {
		assert_int_equal(rc, SIAR_EINVAL);
		assert_int_equal(fx->n_problems, 0);
	} else {
		only_problem(fx, "episode-vanished", FEED_LINT_WARNING);
		assert_true(strlen(fx->problems[0].where) < 100);
	}
	siar_buf_release(&xml);
	free(path);
}

/* ---- Main -------------------------------------------------------------- */

static int group_setup(void **state)
{
	(void)state;
	xmlInitParser();
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	xmlCleanupParser();
	return 0;
}

#define LINT_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    LINT_TEST(clean_show_has_no_problem),
	    LINT_TEST(without_measure_no_file_is_opened),
	    LINT_TEST(null_counts_and_options_are_allowed),
	    cmocka_unit_test(level_names),
	    LINT_TEST(unknown_show_is_not_found),
	    LINT_TEST(callback_failure_stops_and_is_returned),
	    LINT_TEST(measure_failure_stops_and_is_returned),
	    LINT_TEST(overdue_show_is_a_warning),
	    LINT_TEST(artwork_missing),
	    LINT_TEST(artwork_file_missing),
	    LINT_TEST(artwork_not_jpeg_or_png),
	    LINT_TEST(artwork_url_of_wrong_type),
	    LINT_TEST(artwork_too_small),
	    LINT_TEST(artwork_not_square_or_too_big),
	    LINT_TEST(artwork_only_a_url),
	    LINT_TEST(owner_email_missing),
	    LINT_TEST(owner_name_missing),
	    LINT_TEST(category_missing),
	    LINT_TEST(category_not_apple),
	    LINT_TEST(subcategory_not_under_category),
	    LINT_TEST(description_missing_or_too_long),
	    LINT_TEST(link_missing),
	    LINT_TEST(base_url_http),
	    LINT_TEST(base_url_not_absolute),
	    LINT_TEST(base_url_not_ascii),
	    LINT_TEST(language_malformed),
	    LINT_TEST(author_blank),
	    LINT_TEST(no_live_episode),
	    LINT_TEST(duration_missing),
	    LINT_TEST(duration_mismatch),
	    LINT_TEST(duration_mismatch_allows_two_seconds),
	    LINT_TEST(media_missing),
	    LINT_TEST(size_mismatch),
	    LINT_TEST(enclosure_type_not_apple),
	    LINT_TEST(enclosure_duplicate_names_both),
	    LINT_TEST(enclosure_duplicate_only_within_the_feed),
	    LINT_TEST(guid_duplicate),
	    LINT_TEST(guid_duplicate_spaced_first),
	    LINT_TEST(description_length),
	    LINT_TEST(title_length),
	    LINT_TEST(where_cuts_title_on_code_point),
	    LINT_TEST(loudness_off_target),
	    LINT_TEST(image_not_apple),
	    LINT_TEST(serial_needs_numbers),
	    LINT_TEST(transcript_missing),
	    LINT_TEST(rendition_missing),
	    LINT_TEST(rendition_size),
	    LINT_TEST(filters_of_the_feed_apply),
	    LINT_TEST(many_episodes_only_real_duplicates),
	    LINT_TEST(previous_feed_of_same_catalogue_is_clean),
	    LINT_TEST(previous_dates_in_other_forms_are_the_same),
	    LINT_TEST(previous_date_changed),
	    LINT_TEST(previous_unreadable_date_is_not_compared),
	    LINT_TEST(previous_enclosure_changed),
	    LINT_TEST(previous_guid_changed),
	    LINT_TEST(previous_episode_vanished),
	    LINT_TEST(previous_not_rss_is_refused),
	    LINT_TEST(previous_unreadable_is_refused),
	    LINT_TEST(previous_external_entity_is_not_loaded),
	    LINT_TEST(previous_entity_bomb_is_not_expanded),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
