/*
 * Tests of catalog/ for imports from another host's feed (schema 5):
 * media, renditions and chapters kept at a URL without a hash, GUIDs given
 * and kept byte for byte and unique within a show, finding an episode by
 * its GUID, catalog_episode_import() adding, updating and logging, and a
 * show's imported podcast:guid.
 *
 * Every test uses a private in-memory catalogue with two shows that need
 * no review, "asal" and "lain", and a fixed clock.
 */
#include "../catalog/catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define NOW 1718000000		/* 2024-06-10, a Monday */
#define SHA_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define MP3_URL "https://media.example.com/show/ep1.mp3"

struct fx {
	struct catalog *cat;
	struct siar_err err;
};

static const struct catalog_actor importer = {"pemindah", "from feed.xml"};

/* ---- Helpers ------------------------------------------------------------ */

static void add_show(struct catalog *cat, const char *slug)
{
	struct catalog_show show;
	struct siar_err err = {0};

	catalog_show_init(&show);
	show.slug = siar_strdup(slug);
	show.title = siar_strdup("Siniar Asal");
	show.author = siar_strdup("KPU Kota Semarang");
	show.base_url = siar_strdup("https://kpu.example.id/podcast");
	show.review_required = true;
	if (catalog_show_add(cat, &show, NULL, &err))
		fail_msg("add show '%s': %s", slug, err.msg);
	catalog_show_release(&show);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	if (catalog_open(&fx->cat, ":memory:", CATALOG_OPEN_CREATE, &fx->err))
		return -1;
	catalog_set_now(fx->cat, NOW);
	add_show(fx->cat, "asal");
	add_show(fx->cat, "lain");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	catalog_close(fx->cat);
	free(fx);
	return 0;
}

/* An item of a feed, its media at MP3_URL: what an import gives. */
static void remote_episode(struct catalog_episode *ep, const char *show,
			   const char *guid)
{
	catalog_episode_init(ep);
	ep->show_slug = siar_strdup(show);
	ep->guid = siar_strdup(guid);
	ep->title = siar_strdup("Episode satu");
	ep->description = siar_strdup("<p>Catatan &amp; tautan</p>");
	ep->media_path = siar_strdup(MP3_URL);
	ep->media_mime = siar_strdup("audio/mpeg");
	ep->media_kind = siar_strdup("audio");
	ep->media_size_bytes = 1234567;
	ep->duration_ms = 61500;
	ep->published_unix = NOW - 86400;
}

static int add(struct fx *fx, const struct catalog_episode *ep, int64_t *id)
{
	siar_err_clear(&fx->err);
	return catalog_episode_add(fx->cat, ep, id, &fx->err);
}

static int import(struct fx *fx, const struct catalog_episode *ep,
		  struct catalog_import_result *res)
{
	siar_err_clear(&fx->err);
	return catalog_episode_import(fx->cat, ep, &importer, res, &fx->err);
}

static void get(struct fx *fx, int64_t id, struct catalog_episode *out)
{
	catalog_episode_init(out);
	siar_err_clear(&fx->err);
	if (catalog_episode_get(fx->cat, id, out, &fx->err))
		fail_msg("get %lld: %s", (long long)id, fx->err.msg);
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!haystack || !strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'",
			 haystack ? haystack : "(null)", needle);
}

/* The log of an episode, one "action|from|to|actor|note" line each. */
static int log_line(const struct catalog_log_entry *e, void *ctx,
		    struct siar_err *err)
{
	struct siar_buf *b = ctx;

	(void)err;
	siar_buf_addf(b, "%s|%s|%s|%s|%s\n", e->action,
		      e->from_status ? e->from_status : "",
		      e->to_status ? e->to_status : "", e->actor,
		      e->note ? e->note : "");
	return SIAR_OK;
}

static char *log_of(struct fx *fx, int64_t id)
{
	struct siar_buf b;
	char *s;

	siar_buf_init(&b, 0);
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_log_each(fx->cat, id, log_line, &b, &fx->err),
			 SIAR_OK);
	s = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(s);
	return s;
}

/* ---- Remote media and given GUIDs -------------------------------------- */

static void path_remote_means_http_or_https_url_with_host(void **state)
{
	(void)state;
	assert_true(catalog_path_remote(MP3_URL));
	assert_true(catalog_path_remote("http://a.example/x.mp3?x=1"));
	assert_false(catalog_path_remote("/srv/kpu/ep01.mp3"));
	assert_false(catalog_path_remote("https://"));
	assert_false(catalog_path_remote("ftp://a.example/x.mp3"));
	assert_false(catalog_path_remote("https://a.example/with space.mp3"));
	assert_false(catalog_path_remote(NULL));
}

static void episode_add_keeps_remote_media_without_hash(void **state)
{
	struct fx *fx = *state;
	struct catalog_rendition r = {0};
	struct catalog_episode ep, got;
	int64_t id = 0;

	remote_episode(&ep, "asal", "https://Example.com/?p=15137");
	r.path = siar_strdup("https://media.example.com/show/ep1-240.mp4");
	r.mime = siar_strdup("video/mp4");
	r.kind = siar_strdup("video");
	r.height = 240;
	ep.renditions = &r;
	ep.n_renditions = 1;
	ep.chapters_url = siar_strdup("https://example.com/ch/1.json");
	assert_int_equal(add(fx, &ep, &id), SIAR_OK);
	get(fx, id, &got);
	assert_string_equal(got.guid, "https://Example.com/?p=15137");
	assert_string_equal(got.media_path, MP3_URL);
	assert_null(got.media_sha256);
	assert_int_equal(got.n_renditions, 1);
	assert_null(got.renditions[0].sha256);
	assert_string_equal(got.chapters_url, "https://example.com/ch/1.json");
	assert_int_equal(got.status, CATALOG_STATUS_DRAFT);
	catalog_episode_release(&got);
	free(r.path);
	free(r.mime);
	free(r.kind);
	ep.renditions = NULL;
	ep.n_renditions = 0;
	catalog_episode_release(&ep);
}

static void episode_add_still_needs_hash_of_local_file(void **state)
{
	struct fx *fx = *state;
	struct catalog_rendition r = {0};
	struct catalog_episode ep;

	remote_episode(&ep, "asal", "g1");
	free(ep.media_path);
	ep.media_path = siar_strdup("/srv/kpu/ep01.mp3");
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad SHA-256");
	ep.media_sha256 = siar_strdup(SHA_A);
	r.path = siar_strdup("/srv/kpu/ep01-audio.m4a");
	r.mime = siar_strdup("audio/mp4");
	r.kind = siar_strdup("audio");
	ep.renditions = &r;
	ep.n_renditions = 1;
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	assert_contains(fx->err.msg, "ep01-audio.m4a");
	ep.n_renditions = 0;
	ep.chapters_url = siar_strdup("file:///etc/passwd");
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad chapters URL");
	free(r.path);
	free(r.mime);
	free(r.kind);
	ep.renditions = NULL;
	catalog_episode_release(&ep);
}

static void episode_add_keeps_given_guid_unique_per_show(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep, got;
	int64_t a = 0, b = 0, c = 0, found = 0;

	remote_episode(&ep, "asal", "PC2001");
	assert_int_equal(add(fx, &ep, &a), SIAR_OK);
	/* Apps compare GUIDs case-sensitively: another case is another. */
	free(ep.guid);
	ep.guid = siar_strdup("pc2001");
	assert_int_equal(add(fx, &ep, &b), SIAR_OK);
	free(ep.guid);
	ep.guid = siar_strdup("PC2001");
	assert_int_equal(add(fx, &ep, NULL), SIAR_EEXIST);
	assert_contains(fx->err.msg, "GUID 'PC2001'");
	assert_contains(fx->err.msg, "show 'asal'");
	/* Another show's feed may have the same GUID. */
	free(ep.show_slug);
	ep.show_slug = siar_strdup("lain");
	assert_int_equal(add(fx, &ep, &c), SIAR_OK);
	catalog_episode_release(&ep);

	assert_int_equal(catalog_episode_find_guid(fx->cat, "asal", "PC2001",
						   &found, &fx->err),
			 SIAR_OK);
	assert_int_equal(found, a);
	assert_int_equal(catalog_episode_find_guid(fx->cat, "lain", "PC2001",
						   &found, &fx->err),
			 SIAR_OK);
	assert_int_equal(found, c);
	get(fx, b, &got);
	assert_string_equal(got.guid, "pc2001");
	catalog_episode_release(&got);
}

static void episode_add_refuses_empty_long_and_control_guids(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	char *long_guid = malloc(CATALOG_GUID_MAX + 2);

	assert_non_null(long_guid);
	memset(long_guid, 'x', CATALOG_GUID_MAX + 1);
	long_guid[CATALOG_GUID_MAX + 1] = '\0';
	remote_episode(&ep, "asal", " \t");
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	assert_contains(fx->err.msg, "empty GUID");
	free(ep.guid);
	ep.guid = long_guid;
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	assert_contains(fx->err.msg, "longer than");
	long_guid[CATALOG_GUID_MAX] = '\0';
	assert_int_equal(add(fx, &ep, NULL), SIAR_OK);
	free(ep.guid);
	ep.guid = siar_strdup("a\x01z");
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	free(ep.guid);
	ep.guid = siar_strdup("a\xff");
	assert_int_equal(add(fx, &ep, NULL), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad GUID");
	catalog_episode_release(&ep);
}

static void find_guid_tells_missing_episode_from_missing_show(void **state)
{
	struct fx *fx = *state;
	int64_t id = 42;

	siar_err_clear(&fx->err);
	assert_int_equal(catalog_episode_find_guid(fx->cat, "asal", "none",
						   &id, &fx->err),
			 SIAR_ENOTFOUND);
	assert_int_equal(fx->err.code, SIAR_OK);
	assert_int_equal(id, 42);
	assert_int_equal(catalog_episode_find_guid(fx->cat, "tidak-ada",
						   "none", &id, &fx->err),
			 SIAR_ENOTFOUND);
	assert_contains(fx->err.msg, "no show 'tidak-ada'");
}

/* ---- catalog_episode_import ---------------------------------------------- */

static void import_adds_published_episode_and_logs_it(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result res = {0, false, 0};
	struct catalog_episode ep, got;
	char *log;

	remote_episode(&ep, "asal", "Buzzsprout-123");
	/* The show needs review, but an imported episode was published. */
	assert_int_equal(import(fx, &ep, &res), SIAR_OK);
	assert_true(res.added);
	assert_int_equal(res.changed, 0);
	get(fx, res.id, &got);
	assert_int_equal(got.status, CATALOG_STATUS_PUBLISHED);
	assert_int_equal(got.published_unix, NOW - 86400);
	assert_string_equal(got.added_by, "pemindah");
	assert_string_equal(got.guid, "Buzzsprout-123");
	assert_string_equal(got.description, "<p>Catatan &amp; tautan</p>");
	catalog_episode_release(&got);
	log = log_of(fx, res.id);
	assert_string_equal(log, "import||published|pemindah|from feed.xml\n");
	free(log);
	catalog_episode_release(&ep);
}

static void import_again_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result first, again;
	struct catalog_episode ep;
	char *log;

	remote_episode(&ep, "asal", "g-1");
	assert_int_equal(import(fx, &ep, &first), SIAR_OK);
	catalog_set_now(fx->cat, NOW + 60);
	assert_int_equal(import(fx, &ep, &again), SIAR_OK);
	assert_false(again.added);
	assert_int_equal(again.id, first.id);
	assert_int_equal(again.changed, 0);
	log = log_of(fx, first.id);
	assert_string_equal(log, "import||published|pemindah|from feed.xml\n");
	free(log);
	catalog_episode_release(&ep);
}

static void import_updates_fields_that_changed_and_logs_them(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result first, again;
	struct catalog_episode ep, got;
	char *log;

	remote_episode(&ep, "asal", "g-1");
	assert_int_equal(import(fx, &ep, &first), SIAR_OK);
	catalog_set_now(fx->cat, NOW + 60);
	free(ep.title);
	ep.title = siar_strdup("Episode satu (edisi revisi)");
	ep.published_unix = NOW - 3600;
	free(ep.media_path);
	ep.media_path = siar_strdup("https://cdn.example.com/ep1.mp3");
	ep.duration_ms = 62000;
	assert_int_equal(import(fx, &ep, &again), SIAR_OK);
	assert_false(again.added);
	assert_int_equal(again.changed,
			 CATALOG_IMPORT_TITLE | CATALOG_IMPORT_DATE |
				 CATALOG_IMPORT_ENCLOSURE |
				 CATALOG_IMPORT_DURATION);
	get(fx, first.id, &got);
	assert_string_equal(got.title, "Episode satu (edisi revisi)");
	assert_string_equal(got.media_path, "https://cdn.example.com/ep1.mp3");
	assert_int_equal(got.published_unix, NOW - 3600);
	assert_int_equal(got.duration_ms, 62000);
	assert_int_equal(got.updated_unix, NOW + 60);
	assert_string_equal(got.description, "<p>Catatan &amp; tautan</p>");
	catalog_episode_release(&got);
	log = log_of(fx, first.id);
	assert_string_equal(log, "import||published|pemindah|from feed.xml\n"
				 "import|||pemindah|title, enclosure, date,"
				 " duration: from feed.xml\n");
	free(log);
	catalog_episode_release(&ep);
}

/* Text is stored repaired, so the repaired form is what compares. */
static void import_compares_text_as_stored(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result first, again;
	struct catalog_episode ep;

	remote_episode(&ep, "asal", "g-1");
	free(ep.title);
	ep.title = siar_strdup("Bad \xff byte");
	assert_int_equal(import(fx, &ep, &first), SIAR_OK);
	assert_int_equal(import(fx, &ep, &again), SIAR_OK);
	assert_int_equal(again.changed, 0);
	free(ep.description);
	ep.description = NULL;
	assert_int_equal(import(fx, &ep, &again), SIAR_OK);
	assert_int_equal(again.changed, CATALOG_IMPORT_DESCRIPTION);
	catalog_episode_release(&ep);
}

/* A file on disk was measured: the feed's enclosure does not replace it. */
static void import_keeps_local_media_of_matched_episode(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result res;
	struct catalog_episode ep, got;
	int64_t id = 0;

	remote_episode(&ep, "asal", "g-local");
	free(ep.media_path);
	ep.media_path = siar_strdup("/srv/kpu/ep01.mp3");
	ep.media_sha256 = siar_strdup(SHA_A);
	ep.duration_ms = 61234;
	assert_int_equal(add(fx, &ep, &id), SIAR_OK);
	catalog_episode_release(&ep);

	remote_episode(&ep, "asal", "g-local");
	assert_int_equal(import(fx, &ep, &res), SIAR_OK);
	assert_int_equal(res.id, id);
	assert_int_equal(res.changed, CATALOG_IMPORT_DATE);
	get(fx, id, &got);
	assert_string_equal(got.media_path, "/srv/kpu/ep01.mp3");
	assert_int_equal(got.duration_ms, 61234);
	assert_string_equal(got.media_sha256, SHA_A);
	catalog_episode_release(&got);
	catalog_episode_release(&ep);
}

static void import_refuses_missing_guid_actor_and_bad_fields(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result res = {7, false, 0};
	struct catalog_actor nobody = {"", NULL};
	struct catalog_episode ep;

	remote_episode(&ep, "asal", "g-1");
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_episode_import(fx->cat, &ep, &nobody, &res,
						&fx->err),
			 SIAR_EINVAL);
	free(ep.guid);
	ep.guid = NULL;
	assert_int_equal(import(fx, &ep, &res), SIAR_EINVAL);
	assert_contains(fx->err.msg, "no GUID");
	ep.guid = siar_strdup("g-1");
	free(ep.media_kind);
	ep.media_kind = siar_strdup("text");
	assert_int_equal(import(fx, &ep, &res), SIAR_EINVAL);
	free(ep.show_slug);
	ep.show_slug = siar_strdup("tidak-ada");
	free(ep.media_kind);
	ep.media_kind = siar_strdup("audio");
	assert_int_equal(import(fx, &ep, &res), SIAR_ENOTFOUND);
	assert_int_equal(res.id, 7);
	catalog_episode_release(&ep);
}

/* A taken episode number is refused with nothing stored. */
static void import_reports_taken_episode_number(void **state)
{
	struct fx *fx = *state;
	struct catalog_import_result res;
	struct catalog_episode ep;
	int64_t found = 0;

	remote_episode(&ep, "asal", "g-1");
	ep.season = 1;
	ep.episode_number = 5;
	assert_int_equal(import(fx, &ep, &res), SIAR_OK);
	free(ep.guid);
	ep.guid = siar_strdup("g-2");
	assert_int_equal(import(fx, &ep, &res), SIAR_EEXIST);
	assert_contains(fx->err.msg, "episode 5 of season 1");
	assert_int_equal(catalog_episode_find_guid(fx->cat, "asal", "g-2",
						   &found, &fx->err),
			 SIAR_ENOTFOUND);
	catalog_episode_release(&ep);
}

/* ---- The show's podcast:guid --------------------------------------------- */

static void show_feed_guid_takes_imported_value(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	static const char guid[] = "917393e3-1b1e-5cef-ace4-edaa54e1f810";

	siar_err_clear(&fx->err);
	assert_int_equal(catalog_show_set_feed_guid(fx->cat, "asal", guid,
						    &fx->err),
			 SIAR_OK);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &show, &fx->err),
			 SIAR_OK);
	assert_string_equal(show.feed_guid, guid);
	catalog_show_release(&show);
	assert_int_equal(catalog_show_set_feed_guid(fx->cat, "asal",
						    "917393E3-1B1E-5CEF-ACE4"
						    "-EDAA54E1F810",
						    &fx->err),
			 SIAR_EINVAL);
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_show_set_feed_guid(fx->cat, "tidak-ada", guid,
						    &fx->err),
			 SIAR_ENOTFOUND);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(path_remote_means_http_or_https_url_with_host),
		T(episode_add_keeps_remote_media_without_hash),
		T(episode_add_still_needs_hash_of_local_file),
		T(episode_add_keeps_given_guid_unique_per_show),
		T(episode_add_refuses_empty_long_and_control_guids),
		T(find_guid_tells_missing_episode_from_missing_show),
		T(import_adds_published_episode_and_logs_it),
		T(import_again_changes_nothing),
		T(import_updates_fields_that_changed_and_logs_them),
		T(import_compares_text_as_stored),
		T(import_keeps_local_media_of_matched_episode),
		T(import_refuses_missing_guid_actor_and_bad_fields),
		T(import_reports_taken_episode_number),
		T(show_feed_guid_takes_imported_value),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
