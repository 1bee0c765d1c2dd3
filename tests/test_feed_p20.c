/*
 * Tests for the Podcasting 2.0 side of feed/: people with their links and
 * photos, podcast:updateFrequency, show and episode artwork, a video's
 * poster, transcripts and captions, chapters tags and the chapters files
 * (JSON 1.2.0, read back with jansson), alternate enclosures with their
 * SRI integrity, and the limit, topic and person filters. Each feed is
 * written from an in-memory catalogue, parsed back with libxml2 and
 * queried with XPath.
 *
 * Two golden files, tests/data/feed/audio-p20.xml and video.xml, hold
 * the whole feed of each show. The catalogue gives every episode a random
 * GUID, which appears in <guid> and in the chapters URL; the comparison
 * replaces every occurrence of each episode's GUID with "@GUID-N@" (N
 * counting the items) first. After a deliberate change to the output,
 * run
 *
 *	SIAR_UPDATE_GOLDEN=1 build/normal/tests/test_feed_p20
 *
 * from the top of the tree, and read the diff line by line against
 * /work/shared/feed-spec.md before committing it. SIAR_TEST_DATA
 * overrides the "tests/data" directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../feed/feed.h"

#define XC(s) ((const xmlChar *)(s))

/* 2024-02-20 12:00:00 +0700. */
#define NOW_UNIX ((int64_t)1708405200)

#define AUDIO	    "kpu-audio"
#define AUDIO_TITLE "Siniar KPU Jakarta Timur"
#define BASE_A	    "https://media.example.id/audio/"
#define VIDEO	    "kpu-video"
#define BASE_V	    "https://media.example.id/video"

/*
 * SHA-256 digests whose SRI form is known independently of siar: those of
 * "", "abc" and "a", as "openssl dgst -sha256 -binary | base64" gives
 * them (the first two are the usual SRI examples).
 */
#define SHA_EMPTY                                                              \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SRI_EMPTY "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
#define SHA_ABC                                                                \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SRI_ABC "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="
#define SHA_A	"ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
#define SRI_A	"sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs="

/* A chapter title with quotes, markup, an emoji and two bytes no UTF-8
 * has; the catalogue stores it with U+FFFD for each of those bytes. */
#define HOSTILE_CHAPTER                                                        \
	"\"Tanya\" & 'jawab' <b>\xF0\x9F\x8E\x99\xEF\xB8\x8F</b> \xFF\xFE "    \
	"akhir"
#define CLEAN_CHAPTER                                                          \
	"\"Tanya\" & 'jawab' <b>\xF0\x9F\x8E\x99\xEF\xB8\x8F</b> "             \
	"\xEF\xBF\xBD\xEF\xBF\xBD akhir"

#define T_GUESTS    "Mengenal Daftar Pemilih"
#define T_NEWEST    "Jadwal Kampanye"
#define T_DRAFT	    "Draf: Rekapitulasi"
#define T_SCHEDULED "Hasil Rekapitulasi"
#define T_VIDEO	    "Debat Calon Bupati"
#define T_VPLAIN    "Cuplikan Debat"

enum {
	EP_GUESTS,    /* audio: people, transcripts, chapters, image */
	EP_NEWEST,    /* audio: nothing but a topic */
	EP_DRAFT,     /* audio: chapters, never published */
	EP_SCHEDULED, /* audio: chapters, published in the future */
	EP_VIDEO,     /* video: poster, renditions, captions, chapters */
	EP_VPLAIN,    /* video: none of that */
	EP_COUNT
};

struct feed_doc {
	char *xml;
	size_t len;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

struct fixture {
	struct catalog *cat;
	int64_t id[EP_COUNT];
	char *guid[EP_COUNT];
	struct feed_doc audio;
	struct feed_doc video;
};

/*
 * The catalogue borrows every string it is given (catalog.h); the structs
 * hold 'char *' only because they also own strings they are filled with.
 */
static char *str(const char *s)
{
	return (char *)s;
}

/* ---- Writing and reading feeds ----------------------------------------- */

/* Write the feed of 'slug' into '*xml' (always set; the caller frees it). */
static int write_feed(struct catalog *cat, const char *slug,
		      const struct feed_opts *opts, char **xml, size_t *len,
		      struct siar_err *err)
{
	FILE *fp;
	int rc;

	*xml = NULL;
	*len = 0;
	fp = open_memstream(xml, len);
	assert_non_null(fp);
	rc = feed_write_rss(cat, slug, opts, fp, err);
	assert_int_equal(fclose(fp), 0);
	return rc;
}

static void count_error(void *ctx, xmlErrorPtr e)
{
	int *count = ctx;

	(void)e;
	(*count)++;
}

static xmlXPathContextPtr xpath_context(xmlDocPtr doc)
{
	static const char *const ns[][2] = {
	    {"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
	    {"podcast", "https://podcastindex.org/namespace/1.0"},
	    {"atom", "http://www.w3.org/2005/Atom"},
	};
	xmlXPathContextPtr xp = xmlXPathNewContext(doc);
	size_t i;

	assert_non_null(xp);
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		assert_int_equal(
		    xmlXPathRegisterNs(xp, XC(ns[i][0]), XC(ns[i][1])), 0);
	return xp;
}

/* Write and parse the feed of 'slug', asserting both go without error. */
static void feed_open(struct feed_doc *fd, struct catalog *cat,
		      const char *slug, const struct feed_opts *opts)
{
	struct siar_err err = {0};
	int errors = 0;

	assert_int_equal(write_feed(cat, slug, opts, &fd->xml, &fd->len, &err),
			 SIAR_OK);
	xmlSetStructuredErrorFunc(&errors, count_error);
	fd->doc = xmlReadMemory(fd->xml, (int)fd->len, "feed.xml", NULL,
				XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	assert_non_null(fd->doc);
	assert_int_equal(errors, 0);
	fd->xp = xpath_context(fd->doc);
}

static void feed_close(struct feed_doc *fd)
{
	xmlXPathFreeContext(fd->xp);
	xmlFreeDoc(fd->doc);
	free(fd->xml);
	memset(fd, 0, sizeof(*fd));
}

/* The XPath 'expr' as a string, in memory the caller frees. */
static char *xpath_string(xmlXPathContextPtr xp, const char *expr)
{
	xmlXPathObjectPtr obj = xmlXPathEvalExpression(XC(expr), xp);
	xmlChar *s;
	char *copy;

	if (!obj)
		fail_msg("bad XPath '%s'", expr);
	s = xmlXPathCastToString(obj);
	assert_non_null(s);
	copy = strdup((const char *)s);
	xmlFree(s);
	xmlXPathFreeObject(obj);
	assert_non_null(copy);
	return copy;
}

static void check_xpath(xmlXPathContextPtr xp, const char *expr,
			const char *want, const char *file, int line)
{
	char *got = xpath_string(xp, expr);

	if (strcmp(got, want))
		fail_msg("%s:%d: %s is '%s', not '%s'", file, line, expr, got,
			 want);
	free(got);
}

/* assert_xpath(fd, EXPR, WANT): string(EXPR) equals WANT. */
#define assert_xpath(fd, expr, want)                                           \
	check_xpath((fd)->xp, "string(" expr ")", (want), __FILE__, __LINE__)

/* assert_count(fd, EXPR, N): EXPR selects N nodes. */
#define assert_count(fd, expr, n)                                              \
	check_xpath((fd)->xp, "count(" expr ")", #n, __FILE__, __LINE__)

/* An item of the feed by its title, for XPath. */
#define ITEM(title) "/rss/channel/item[title='" title "']"

static void check_url(char *url, const char *want)
{
	if (!want) {
		assert_null(url);
		return;
	}
	assert_non_null(url);
	assert_string_equal(url, want);
	free(url);
}

static char *join(const char *a, const char *b, const char *c)
{
	struct siar_buf buf;
	char *out;

	siar_buf_init(&buf, 0);
	siar_buf_adds(&buf, a);
	siar_buf_adds(&buf, b);
	siar_buf_adds(&buf, c);
	out = siar_buf_detach(&buf);
	siar_buf_release(&buf);
	assert_non_null(out);
	return out;
}

/* ---- The catalogue ------------------------------------------------------- */

static void add_person(struct catalog *cat, const char *name, const char *url,
		       const char *photo)
{
	struct siar_err err = {0};
	struct catalog_person p;

	catalog_person_init(&p);
	p.name = str(name);
	p.url = str(url);
	p.photo = str(photo);
	assert_int_equal(catalog_person_add(cat, &p, NULL, &err), SIAR_OK);
}

/*
 * The audio show: artwork as a local file, two hosts (one with a link and
 * a photo), a weekly cadence in Indonesian.
 */
static void add_audio_show(struct catalog *cat)
{
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	show.review_required = false; /* published directly */
	show.slug = str(AUDIO);
	show.title = str(AUDIO_TITLE);
	show.description = str("Siniar KPU Kota Jakarta Timur.");
	show.author = str("KPU Kota Jakarta Timur");
	show.language = str("id");
	show.category = str("Government");
	show.image_path = str("/srv/siar/kpu-audio/Sampul Siniar.jpg");
	show.owner_name = str("Humas KPU Jakarta Timur");
	show.owner_email = str("humas@kpu-jaktim.example.id");
	show.link = str("https://kpu-jaktim.example.id/");
	show.base_url = str(BASE_A);
	show.cadence = str("weekly");
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
	add_person(cat, "Rina Wijaya", "https://kpu-jaktim.example.id/rina",
		   "https://kpu-jaktim.example.id/foto/rina.jpg");
	assert_int_equal(catalog_show_person_add(cat, AUDIO, "Rina Wijaya",
						 NULL, NULL, &err),
			 SIAR_OK);
	assert_int_equal(catalog_show_person_add(cat, AUDIO, "Agus Salim",
						 "co-host", NULL, &err),
			 SIAR_OK);
}

/* The video show: artwork by URL, no people, monthly, in English. */
static void add_video_show(struct catalog *cat)
{
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	show.review_required = false; /* published directly */
	show.slug = str(VIDEO);
	show.title = str("KPU Video");
	show.author = str("KPU Kabupaten Bogor");
	show.language = str("en");
	show.category = str("Government");
	show.image = str("https://cdn.example.id/kpu-video/cover.png");
	show.base_url = str(BASE_V);
	show.medium = str("video");
	show.cadence = str("monthly");
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
}

/* The fields every episode needs; 'path' is under /srv/siar/SLUG/. */
static void episode_base(struct catalog_episode *ep, const char *slug,
			 const char *title, const char *path, const char *mime)
{
	catalog_episode_init(ep);
	ep->show_slug = str(slug);
	ep->title = str(title);
	ep->media_path = str(path);
	ep->media_mime = str(mime);
	ep->media_kind = str(strncmp(mime, "video/", 6) ? "audio" : "video");
	ep->media_sha256 = str(SHA_EMPTY);
	ep->media_size_bytes = 1000000;
	ep->duration_ms = 600000;
	ep->duration_method = str("container");
	ep->bit_rate = 64000;
}

static int64_t add_and_publish(struct catalog *cat,
			       const struct catalog_episode *ep,
			       int64_t publish_at)
{
	struct siar_err err = {0};
	int64_t id = 0;

	assert_int_equal(catalog_episode_add(cat, ep, &id, &err), SIAR_OK);
	if (publish_at)
		assert_int_equal(
		    catalog_episode_publish(cat, id, publish_at, &err),
		    SIAR_OK);
	return id;
}

static int64_t add_guest_episode(struct catalog *cat)
{
	/* Given out of order; stored and written by start time. */
	struct catalog_chapter chapters[] = {
	    {61234, 0, str(HOSTILE_CHAPTER)}, /* no end, fraction */
	    {0, 2000, str("Pembukaan")},      /* whole seconds */
	    {2500, 60000, str("Tahapan \"Pemilu\" 2024")}, /* fraction */
	    {90000, 0, NULL},				   /* untitled */
	};
	struct catalog_transcript transcripts[] = {
	    {str("/srv/siar/kpu-audio/ep1.vtt"), str("text/vtt"), NULL},
	    {str("/srv/siar/kpu-audio/ep1 english.srt"),
	     str("application/x-subrip"), str("en")},
	    {str("/srv/siar/kpu-audio/ep1.txt"), str("text/plain"), NULL},
	};
	struct catalog_credit credits[] = {
	    {str("Dewi Lestari"), str("producer"), str("creative direction")},
	};
	char *guests[] = {str("Budi Santoso"), str("Siti Rahayu")};
	char *topics[] = {str("Daftar Pemilih")};
	struct catalog_episode ep;

	add_person(cat, "Budi Santoso", "https://id.example.org/budi",
		   "https://id.example.org/budi.png");
	add_person(cat, "Dewi Lestari", NULL,
		   "https://kpu-jaktim.example.id/foto/dewi.jpg");
	episode_base(&ep, AUDIO, T_GUESTS, "/srv/siar/kpu-audio/ep1.mp3",
		     "audio/mpeg");
	ep.description = str("Cara memeriksa daftar pemilih tetap.");
	ep.guests = guests;
	ep.n_guests = 2;
	ep.credits = credits;
	ep.n_credits = 1;
	ep.topics = topics;
	ep.n_topics = 1;
	ep.transcripts = transcripts;
	ep.n_transcripts = 3;
	ep.chapters = chapters;
	ep.n_chapters = 4;
	ep.image_path = str("/srv/siar/kpu-audio/gambar ep1.jpg");
	ep.season = 1;
	ep.episode_number = 1;
	return add_and_publish(cat, &ep, 1704855600); /* 2024-01-10 */
}

/* A draft, a future episode and the newest live one, all audio. */
static void add_other_audio(struct fixture *fx)
{
	struct catalog_chapter chapters[] = {{0, 0, str("Satu")},
					     {1000, 0, str("Dua")}};
	char *topics[] = {str("Tahapan Pemilu")};
	struct catalog_episode ep;

	episode_base(&ep, AUDIO, T_NEWEST, "/srv/siar/kpu-audio/ep2.mp3",
		     "audio/mpeg");
	ep.topics = topics;
	ep.n_topics = 1;
	fx->id[EP_NEWEST] = add_and_publish(fx->cat, &ep, 1706750100);
	episode_base(&ep, AUDIO, T_DRAFT, "/srv/siar/kpu-audio/draf.mp3",
		     "audio/mpeg");
	ep.chapters = chapters;
	ep.n_chapters = 2;
	fx->id[EP_DRAFT] = add_and_publish(fx->cat, &ep, 0);
	episode_base(&ep, AUDIO, T_SCHEDULED, "/srv/siar/kpu-audio/hasil.mp3",
		     "audio/mpeg");
	ep.chapters = chapters;
	ep.n_chapters = 2;
	fx->id[EP_SCHEDULED] = add_and_publish(fx->cat, &ep, 1709258400);
}

/*
 * A 1920x1080 video with its poster, captions, chapters and two other
 * renditions (360p, and audio only), and a plain one without any.
 */
static void add_video_episodes(struct fixture *fx)
{
	struct catalog_rendition renditions[] = {
	    {str("/srv/siar/kpu-video/debat 360p.mp4"), str("video/mp4"),
	     str("video"), str(SHA_ABC), 9000000, 1800000, 400000, 640, 360,
	     NULL},
	    {str("/srv/siar/kpu-video/debat-audio.m4a"), str("audio/mp4"),
	     str("audio"), str(SHA_A), 3000000, 1800000, 64000, 0, 0,
	     str("Audio saja")},
	};
	struct catalog_transcript captions[] = {
	    {str("/srv/siar/kpu-video/debat.vtt"), str("text/vtt"), NULL},
	};
	struct catalog_chapter chapters[] = {{0, 0, str("Opening")},
					     {30000, 0, str("Debate")}};
	struct catalog_episode ep;

	episode_base(&ep, VIDEO, T_VIDEO, "/srv/siar/kpu-video/debat.mp4",
		     "video/mp4");
	ep.media_size_bytes = 52428800;
	ep.duration_ms = 1800000;
	ep.bit_rate = 2500000;
	ep.width = 1920;
	ep.height = 1080;
	ep.video_codec = str("h264");
	ep.poster_path = str("/srv/siar/kpu-video/debat-poster.jpg");
	ep.renditions = renditions;
	ep.n_renditions = 2;
	ep.transcripts = captions;
	ep.n_transcripts = 1;
	ep.chapters = chapters;
	ep.n_chapters = 2;
	fx->id[EP_VIDEO] = add_and_publish(fx->cat, &ep, 1707130800);
	episode_base(&ep, VIDEO, T_VPLAIN, "/srv/siar/kpu-video/cuplikan.mp4",
		     "video/mp4");
	ep.media_sha256 = str(SHA_ABC);
	fx->id[EP_VPLAIN] = add_and_publish(fx->cat, &ep, 1706144400);
}

static char *episode_guid(struct catalog *cat, int64_t id)
{
	struct siar_err err = {0};
	struct catalog_episode ep;
	char *guid;

	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(cat, id, &ep, &err), SIAR_OK);
	guid = strdup(ep.guid);
	assert_non_null(guid);
	catalog_episode_release(&ep);
	return guid;
}

static int setup(void **state)
{
	struct siar_err err = {0};
	struct fixture *fx = calloc(1, sizeof(*fx));
	size_t i;

	assert_non_null(fx);
	assert_int_equal(
	    catalog_open(&fx->cat, ":memory:", CATALOG_OPEN_CREATE, &err),
	    SIAR_OK);
	catalog_set_now(fx->cat, NOW_UNIX);
	add_audio_show(fx->cat);
	add_video_show(fx->cat);
	fx->id[EP_GUESTS] = add_guest_episode(fx->cat);
	add_other_audio(fx);
	add_video_episodes(fx);
	for (i = 0; i < EP_COUNT; i++)
		fx->guid[i] = episode_guid(fx->cat, fx->id[i]);
	feed_open(&fx->audio, fx->cat, AUDIO, NULL);
	feed_open(&fx->video, fx->cat, VIDEO, NULL);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;
	size_t i;

	feed_close(&fx->audio);
	feed_close(&fx->video);
	for (i = 0; i < EP_COUNT; i++)
		free(fx->guid[i]);
	catalog_close(fx->cat);
	free(fx);
	return 0;
}

/* ---- Channel ------------------------------------------------------------- */

static void feeds_hold_only_live_episodes(void **state)
{
	struct fixture *fx = *state;

	assert_count(&fx->audio, "//item", 2);
	assert_xpath(&fx->audio, "//item[1]/title", T_NEWEST);
	assert_xpath(&fx->audio, "//item[2]/title", T_GUESTS);
	assert_count(&fx->video, "//item", 2);
	assert_xpath(&fx->video, "//item[1]/title", T_VIDEO);
	assert_null(strstr(fx->audio.xml, fx->guid[EP_DRAFT]));
	assert_null(strstr(fx->audio.xml, fx->guid[EP_SCHEDULED]));
}

static void channel_lists_show_people_with_links_and_photos(void **state)
{
	struct fixture *fx = *state;
	struct feed_doc *a = &fx->audio;

	assert_count(a, "/rss/channel/podcast:person", 2);
	assert_xpath(a, "/rss/channel/podcast:person[1]", "Rina Wijaya");
	assert_xpath(a, "/rss/channel/podcast:person[1]/@role", "host");
	assert_xpath(a, "/rss/channel/podcast:person[1]/@group", "cast");
	assert_xpath(a, "/rss/channel/podcast:person[1]/@href",
		     "https://kpu-jaktim.example.id/rina");
	assert_xpath(a, "/rss/channel/podcast:person[1]/@img",
		     "https://kpu-jaktim.example.id/foto/rina.jpg");
	assert_xpath(a, "/rss/channel/podcast:person[2]", "Agus Salim");
	assert_xpath(a, "/rss/channel/podcast:person[2]/@role", "co-host");
	assert_xpath(a, "/rss/channel/podcast:person[2]/@group", "cast");
	/* No link or photo on record: no empty attributes either. */
	assert_count(a, "/rss/channel/podcast:person[2]/@href", 0);
	assert_count(a, "/rss/channel/podcast:person[2]/@img", 0);
	assert_count(&fx->video, "/rss/channel/podcast:person", 0);
}

static void channel_artwork_comes_from_file_or_url(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(&fx->audio, "/rss/channel/itunes:image/@href",
		     BASE_A "Sampul%20Siniar.jpg");
	assert_xpath(&fx->audio, "/rss/channel/image/url",
		     BASE_A "Sampul%20Siniar.jpg");
	assert_xpath(&fx->video, "/rss/channel/itunes:image/@href",
		     "https://cdn.example.id/kpu-video/cover.png");
	assert_xpath(&fx->video, "/rss/channel/image/url",
		     "https://cdn.example.id/kpu-video/cover.png");
	assert_count(&fx->audio, "/rss/channel/itunes:image", 1);
}

/* A URL of artwork hosted elsewhere wins over a local file. */
static void channel_artwork_url_wins_over_file(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_show show;
	struct feed_doc fd = {0};

	catalog_show_init(&show);
	show.review_required = false;
	show.slug = str("dua-sampul");
	show.title = str("Dua Sampul");
	show.author = str("KPU");
	show.base_url = str("https://media.example.id/dua");
	show.image = str("https://cdn.example.id/dua.jpg");
	show.image_path = str("/srv/siar/dua/lokal.jpg");
	assert_int_equal(catalog_show_add(fx->cat, &show, NULL, &err), SIAR_OK);
	feed_open(&fd, fx->cat, "dua-sampul", NULL);
	assert_xpath(&fd, "/rss/channel/itunes:image/@href",
		     "https://cdn.example.id/dua.jpg");
	assert_null(strstr(fd.xml, "lokal.jpg"));
	feed_close(&fd);
	show.image = NULL;
	show.image_path = NULL;
	check_url(feed_show_image_url(&show), NULL);
}

/* One show per cadence and language; its feed's updateFrequency. */
static void check_frequency(struct catalog *cat, int n, const char *cadence,
			    const char *language, const char *rrule,
			    const char *label)
{
	struct siar_err err = {0};
	struct catalog_show show;
	struct feed_doc fd = {0};
	char slug[32];

	snprintf(slug, sizeof(slug), "frek-%d", n);
	catalog_show_init(&show);
	show.slug = slug;
	show.title = str("Frekuensi");
	show.author = str("KPU");
	show.base_url = str("https://media.example.id/frek");
	show.cadence = str(cadence);
	show.language = str(language);
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
	feed_open(&fd, cat, slug, NULL);
	assert_count(&fd, "/rss/channel/podcast:updateFrequency", 1);
	assert_xpath(&fd, "/rss/channel/podcast:updateFrequency/@rrule", rrule);
	assert_xpath(&fd, "/rss/channel/podcast:updateFrequency", label);
	assert_count(&fd, "/rss/channel/podcast:updateFrequency/@complete", 0);
	feed_close(&fd);
}

static void update_frequency_follows_cadence_and_language(void **state)
{
	static const struct {
		const char *cadence, *rrule, *id, *en;
	} freq[] = {
	    {"daily", "FREQ=DAILY", "Harian", "Daily"},
	    {"weekly", "FREQ=WEEKLY", "Mingguan", "Weekly"},
	    {"biweekly", "FREQ=WEEKLY;INTERVAL=2", "Dua mingguan",
	     "Every two weeks"},
	    {"monthly", "FREQ=MONTHLY", "Bulanan", "Monthly"},
	    {NULL, "FREQ=WEEKLY", "Mingguan", "Weekly"}, /* the default */
	};
	struct fixture *fx = *state;
	int n = 0;
	size_t i;

	for (i = 0; i < sizeof(freq) / sizeof(freq[0]); i++) {
		check_frequency(fx->cat, n++, freq[i].cadence, "id",
				freq[i].rrule, freq[i].id);
		check_frequency(fx->cat, n++, freq[i].cadence, "id-ID",
				freq[i].rrule, freq[i].id);
		check_frequency(fx->cat, n++, freq[i].cadence, "en",
				freq[i].rrule, freq[i].en);
		check_frequency(fx->cat, n++, freq[i].cadence, "en-US",
				freq[i].rrule, freq[i].en);
		/* Javanese and "ind..." are not Indonesian: English. */
		check_frequency(fx->cat, n++, freq[i].cadence, "jv",
				freq[i].rrule, freq[i].en);
		check_frequency(fx->cat, n++, freq[i].cadence, "inh",
				freq[i].rrule, freq[i].en);
	}
	/* The fixture's shows: weekly in Indonesian, monthly in English. */
	assert_xpath(&fx->audio, "/rss/channel/podcast:updateFrequency",
		     "Mingguan");
	assert_xpath(&fx->video, "/rss/channel/podcast:updateFrequency/@rrule",
		     "FREQ=MONTHLY");
	assert_xpath(&fx->video, "/rss/channel/podcast:updateFrequency",
		     "Monthly");
}

static void channel_names_medium_and_guid(void **state)
{
	struct fixture *fx = *state;
	char *guid = feed_podcast_guid(BASE_V "/feed.xml");

	assert_non_null(guid);
	assert_xpath(&fx->video, "/rss/channel/podcast:medium", "video");
	assert_xpath(&fx->audio, "/rss/channel/podcast:medium", "podcast");
	assert_xpath(&fx->video, "/rss/channel/podcast:guid", guid);
	assert_xpath(&fx->audio, "/rss/channel/podcast:locked/@owner",
		     "humas@kpu-jaktim.example.id");
	assert_count(&fx->video, "/rss/channel/podcast:locked", 0);
	free(guid);
}

/* ---- Items: people and images ------------------------------------------ */

static void item_people_carry_links_and_photos(void **state)
{
	struct fixture *fx = *state;
	struct feed_doc *a = &fx->audio;

	assert_count(a, ITEM(T_GUESTS) "/podcast:person[@role='guest']", 2);
	assert_xpath(a, ITEM(T_GUESTS) "/podcast:person[@role='guest'][1]",
		     "Budi Santoso");
	assert_xpath(a,
		     ITEM(T_GUESTS) "/podcast:person[.='Budi Santoso']/@group",
		     "cast");
	assert_xpath(a,
		     ITEM(T_GUESTS) "/podcast:person[.='Budi Santoso']/@href",
		     "https://id.example.org/budi");
	assert_xpath(a, ITEM(T_GUESTS) "/podcast:person[.='Budi Santoso']/@img",
		     "https://id.example.org/budi.png");
	assert_xpath(a, ITEM(T_GUESTS) "/podcast:person[@role='guest'][2]",
		     "Siti Rahayu");
	assert_count(a, ITEM(T_GUESTS) "/podcast:person[.='Siti Rahayu']/@*",
		     2);
	/* A credit: its role and group, and the photo on record only. */
	assert_xpath(a,
		     ITEM(T_GUESTS) "/podcast:person[.='Dewi Lestari']/@role",
		     "producer");
	assert_xpath(a,
		     ITEM(T_GUESTS) "/podcast:person[.='Dewi Lestari']/@group",
		     "creative direction");
	assert_xpath(a, ITEM(T_GUESTS) "/podcast:person[.='Dewi Lestari']/@img",
		     "https://kpu-jaktim.example.id/foto/dewi.jpg");
	assert_count(
	    a, ITEM(T_GUESTS) "/podcast:person[.='Dewi Lestari']/@href", 0);
	/* Credits come after the guests. */
	assert_count(a,
		     ITEM(T_GUESTS) "/podcast:person[.='Dewi Lestari']"
				    "/following-sibling::podcast:person"
				    "[@role='guest']",
		     0);
	assert_count(a, ITEM(T_NEWEST) "/podcast:person", 0);
}

/*
 * People in an item replace the channel's (feed-spec §5, the namespace's
 * "Big Daddy" example): an episode with a guest restates the show's
 * hosts, once each, even when it credits one of them itself.
 */
static void item_with_people_restates_show_people(void **state)
{
	struct fixture *fx = *state;
	struct catalog_credit credits[] = {
	    {str("Agus Salim"), str("co-host"), str("cast")},
	    {str("Rina Wijaya"), str("audio editor"),
	     str("audio post-production")},
	};
	char *guests[] = {str("Budi Santoso")};
	struct catalog_episode ep;
	struct feed_doc fd = {0};

	assert_count(&fx->audio, ITEM(T_GUESTS) "/podcast:person", 5);
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:person[1]",
		     "Rina Wijaya");
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:person[1]/@role",
		     "host");
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:person[1]/@href",
		     "https://kpu-jaktim.example.id/rina");
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:person[2]",
		     "Agus Salim");
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:person[2]/@role",
		     "co-host");
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:person[3]",
		     "Budi Santoso");
	/* No people of its own: the channel's stand. */
	assert_count(&fx->audio, ITEM(T_NEWEST) "/podcast:person", 0);

	episode_base(&ep, AUDIO, "Tamu dan Tim", "/srv/siar/kpu-audio/e3.mp3",
		     "audio/mpeg");
	ep.guests = guests;
	ep.n_guests = 1;
	ep.credits = credits;
	ep.n_credits = 2;
	add_and_publish(fx->cat, &ep, NOW_UNIX - 60);
	feed_open(&fd, fx->cat, AUDIO, NULL);
	assert_xpath(&fd, "//item[1]/title", "Tamu dan Tim");
	assert_count(&fd, "//item[1]/podcast:person", 4);
	assert_xpath(&fd, "//item[1]/podcast:person[1]", "Rina Wijaya");
	assert_xpath(&fd, "//item[1]/podcast:person[1]/@role", "host");
	assert_xpath(&fd, "//item[1]/podcast:person[2]", "Budi Santoso");
	assert_xpath(&fd, "//item[1]/podcast:person[3]", "Agus Salim");
	assert_xpath(&fd, "//item[1]/podcast:person[3]/@role", "co-host");
	assert_xpath(&fd, "//item[1]/podcast:person[4]", "Rina Wijaya");
	assert_xpath(&fd, "//item[1]/podcast:person[4]/@role", "audio editor");
	assert_count(&fd, "//item[1]/podcast:person[.='Agus Salim']", 1);
	/* The channel is unchanged. */
	assert_count(&fd, "/rss/channel/podcast:person", 2);
	feed_close(&fd);
}

static void item_images_are_episode_art_and_poster(void **state)
{
	struct fixture *fx = *state;
	struct feed_doc *v = &fx->video;

	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/itunes:image/@href",
		     BASE_A "gambar%20ep1.jpg");
	assert_count(&fx->audio, ITEM(T_GUESTS) "/podcast:image", 0);
	assert_count(&fx->audio, ITEM(T_NEWEST) "/itunes:image", 0);
	assert_count(v, ITEM(T_VIDEO) "/podcast:image", 1);
	assert_xpath(v, ITEM(T_VIDEO) "/podcast:image/@href",
		     BASE_V "/debat-poster.jpg");
	assert_xpath(v, ITEM(T_VIDEO) "/podcast:image/@purpose", "poster");
	assert_xpath(v, ITEM(T_VIDEO) "/podcast:image/@aspect-ratio", "16/9");
	assert_xpath(v, ITEM(T_VIDEO) "/podcast:image/@width", "1920");
	assert_xpath(v, ITEM(T_VIDEO) "/podcast:image/@height", "1080");
	assert_xpath(v, ITEM(T_VIDEO) "/podcast:image/@alt", T_VIDEO);
	assert_count(v, ITEM(T_VIDEO) "/itunes:image", 0);
	assert_count(v, ITEM(T_VPLAIN) "/podcast:image", 0);
}

/* The ratio is reduced, and a picture of unknown size has none. */
static void poster_ratio_is_reduced(void **state)
{
	static const struct {
		int w, h;
		const char *ratio;
	} sizes[] = {
	    {1280, 720, "16/9"}, {720, 1280, "9/16"},	  {1080, 1080, "1/1"},
	    {320, 240, "4/3"},	 {1918, 1080, "959/540"},
	};
	struct fixture *fx = *state;
	struct catalog_episode ep;
	struct feed_doc fd = {0};
	char path[64];
	char *sha[] = {str(SHA_A), str(SHA_ABC)};
	size_t i;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		snprintf(path, sizeof(path), "/srv/siar/kpu-video/r%zu.mp4", i);
		episode_base(&ep, VIDEO, "Rasio", path, "video/mp4");
		ep.media_sha256 = sha[i % 2];
		ep.width = sizes[i].w;
		ep.height = sizes[i].h;
		ep.poster_path = str("/srv/siar/kpu-video/rasio.jpg");
		add_and_publish(fx->cat, &ep, NOW_UNIX - 60);
		feed_open(&fd, fx->cat, VIDEO, NULL);
		assert_xpath(&fd, "//item[1]/podcast:image/@aspect-ratio",
			     sizes[i].ratio);
		feed_close(&fd);
	}
	episode_base(&ep, VIDEO, "Tanpa ukuran", "/srv/siar/kpu-video/x.mp4",
		     "video/mp4");
	ep.poster_path = str("/srv/siar/kpu-video/x.jpg");
	add_and_publish(fx->cat, &ep, NOW_UNIX - 30);
	feed_open(&fd, fx->cat, VIDEO, NULL);
	assert_xpath(&fd, "//item[1]/podcast:image/@purpose", "poster");
	assert_count(&fd, "//item[1]/podcast:image/@aspect-ratio", 0);
	assert_count(&fd, "//item[1]/podcast:image/@width", 0);
	feed_close(&fd);
}

/* ---- Items: transcripts and chapters ------------------------------------ */

static void item_lists_transcripts_and_captions(void **state)
{
	struct fixture *fx = *state;
	struct feed_doc *a = &fx->audio;

#define TR ITEM(T_GUESTS) "/podcast:transcript"
	assert_count(a, TR, 3);
	assert_xpath(a, TR "[1]/@url", BASE_A "ep1.vtt");
	assert_xpath(a, TR "[1]/@type", "text/vtt");
	assert_xpath(a, TR "[1]/@language", "id"); /* the show's */
	assert_xpath(a, TR "[1]/@rel", "captions");
	assert_xpath(a, TR "[2]/@url", BASE_A "ep1%20english.srt");
	assert_xpath(a, TR "[2]/@type", "application/x-subrip");
	assert_xpath(a, TR "[2]/@language", "en");
	assert_xpath(a, TR "[2]/@rel", "captions");
	assert_xpath(a, TR "[3]/@type", "text/plain");
	assert_count(a, TR "[3]/@rel", 0);
#undef TR
	assert_count(a, ITEM(T_NEWEST) "/podcast:transcript", 0);
	assert_xpath(&fx->video, ITEM(T_VIDEO) "/podcast:transcript/@language",
		     "en");
	assert_xpath(&fx->video, ITEM(T_VIDEO) "/podcast:transcript/@rel",
		     "captions");
}

static void item_points_to_chapters_file(void **state)
{
	struct fixture *fx = *state;
	char *url = join(BASE_A "chapters/", fx->guid[EP_GUESTS], ".json");
	char *vurl = join(BASE_V "/chapters/", fx->guid[EP_VIDEO], ".json");

	assert_count(&fx->audio, ITEM(T_GUESTS) "/podcast:chapters", 1);
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:chapters/@url", url);
	assert_xpath(&fx->audio, ITEM(T_GUESTS) "/podcast:chapters/@type",
		     "application/json+chapters");
	assert_count(&fx->audio, ITEM(T_NEWEST) "/podcast:chapters", 0);
	assert_xpath(&fx->video, ITEM(T_VIDEO) "/podcast:chapters/@url", vurl);
	assert_count(&fx->video, ITEM(T_VPLAIN) "/podcast:chapters", 0);
	free(vurl);
	free(url);
}

static void chapters_name_and_url_follow_guid(void **state)
{
	struct catalog_episode ep;
	struct catalog_show show;
	struct siar_err err = {0};

	(void)state;
	catalog_episode_init(&ep);
	catalog_show_init(&show);
	ep.guid = str("0b9d5d52-7c2b-4b4e-9a0e-2f4b8f1c6d3a");
	show.base_url = str("https://m.example.id/siar//");
	check_url(feed_chapters_name(&ep, &err),
		  "chapters/0b9d5d52-7c2b-4b4e-9a0e-2f4b8f1c6d3a.json");
	check_url(feed_chapters_url(&show, &ep, &err),
		  "https://m.example.id/siar/chapters/"
		  "0b9d5d52-7c2b-4b4e-9a0e-2f4b8f1c6d3a.json");
	/* Imported GUIDs that are not plain names are hashed (the first 32
	 * hex digits of `printf %s GUID | sha256sum`), so two GUIDs with the
	 * same last segment no longer share a file. */
	ep.guid = str("https://a/ep/1");
	check_url(feed_chapters_name(&ep, &err),
		  "chapters/76f3708ab16ebebe5d785e3feb44138b.json");
	ep.guid = str("https://b/x/1");
	check_url(feed_chapters_name(&ep, &err),
		  "chapters/3fcdb9e0fed89a05618122d30eddcee0.json");
	ep.guid = str("..");
	check_url(feed_chapters_name(&ep, &err),
		  "chapters/5ec1f7e700f37c3d0b2981d04855fc34.json");
}

/* ---- Alternate enclosures ------------------------------------------------ */

static void video_lists_renditions_main_file_first(void **state)
{
	struct fixture *fx = *state;
	struct feed_doc *v = &fx->video;

#define AE ITEM(T_VIDEO) "/podcast:alternateEnclosure"
	/* The item keeps its own enclosure. */
	assert_xpath(v, ITEM(T_VIDEO) "/enclosure/@url", BASE_V "/debat.mp4");
	assert_count(v, AE, 3);
	assert_count(v, AE "[@default]", 1);
	assert_xpath(v, AE "[1]/@default", "true");
	assert_xpath(v, AE "[1]/@type", "video/mp4");
	assert_xpath(v, AE "[1]/@length", "52428800");
	assert_xpath(v, AE "[1]/@bitrate", "2500000");
	assert_xpath(v, AE "[1]/@height", "1080");
	assert_count(v, AE "[1]/@title", 0);
	assert_count(v, AE "[1]/podcast:source", 1);
	assert_xpath(v, AE "[1]/podcast:source/@uri", BASE_V "/debat.mp4");
	assert_xpath(v, AE "[1]/podcast:source/@contentType", "video/mp4");
	assert_xpath(v, AE "[1]/podcast:integrity/@type", "sri");
	assert_xpath(v, AE "[1]/podcast:integrity/@value", SRI_EMPTY);

	assert_xpath(v, AE "[2]/@type", "video/mp4");
	assert_xpath(v, AE "[2]/@length", "9000000");
	assert_xpath(v, AE "[2]/@bitrate", "400000");
	assert_xpath(v, AE "[2]/@height", "360");
	assert_xpath(v, AE "[2]/podcast:source/@uri",
		     BASE_V "/debat%20360p.mp4");
	assert_xpath(v, AE "[2]/podcast:integrity/@value", SRI_ABC);

	assert_xpath(v, AE "[3]/@type", "audio/mp4");
	assert_xpath(v, AE "[3]/@title", "Audio saja");
	assert_xpath(v, AE "[3]/@length", "3000000");
	assert_xpath(v, AE "[3]/@bitrate", "64000");
	assert_count(v, AE "[3]/@height", 0);
	assert_count(v, AE "[3]/@default", 0);
	assert_xpath(v, AE "[3]/podcast:source/@uri",
		     BASE_V "/debat-audio.m4a");
	assert_xpath(v, AE "[3]/podcast:source/@contentType", "audio/mp4");
	assert_xpath(v, AE "[3]/podcast:integrity/@value", SRI_A);
	/* Sources first, one integrity each, after them. */
	assert_count(v, AE "/podcast:integrity", 3);
	assert_count(v, AE "/podcast:integrity/following-sibling::*", 0);
#undef AE
	assert_count(v, ITEM(T_VPLAIN) "/podcast:alternateEnclosure", 0);
	assert_count(&fx->audio, "//podcast:alternateEnclosure", 0);
}

/* ---- The chapters file ----------------------------------------------------
 */

/* The chapters file of episode 'which', as text (caller frees). */
static char *chapters_text(struct fixture *fx, int which, const char *slug)
{
	struct siar_err err = {0};
	struct catalog_episode ep;
	struct catalog_show show;
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	catalog_episode_init(&ep);
	catalog_show_init(&show);
	assert_int_equal(catalog_episode_get(fx->cat, fx->id[which], &ep, &err),
			 SIAR_OK);
	assert_int_equal(catalog_show_get(fx->cat, slug, &show, &err), SIAR_OK);
	assert_int_equal(feed_write_chapters(&show, &ep, fp, &err), SIAR_OK);
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(strlen(text), len);
	catalog_episode_release(&ep);
	catalog_show_release(&show);
	return text;
}

static json_t *parse_json(const char *text)
{
	json_error_t jerr;
	json_t *doc = json_loads(text, JSON_REJECT_DUPLICATES, &jerr);

	if (!doc)
		fail_msg("chapters JSON does not parse: %s (line %d)",
			 jerr.text, jerr.line);
	return doc;
}

/* JSON seconds (not negative) as whole milliseconds, rounded. */
static int64_t to_ms(const json_t *seconds)
{
	return (int64_t)(json_number_value(seconds) * 1000.0 + 0.5);
}

/* Chapter 'i' of 'doc' starts at 'start_ms', ends at 'end_ms' (0: no
 * endTime) and is titled 'title' (NULL: no title). */
static void check_chapter(json_t *doc, size_t i, int64_t start_ms,
			  int64_t end_ms, const char *title)
{
	json_t *c = json_array_get(json_object_get(doc, "chapters"), i);
	json_t *start = json_object_get(c, "startTime");
	json_t *end = json_object_get(c, "endTime");
	json_t *t = json_object_get(c, "title");

	assert_true(json_is_object(c));
	assert_true(json_is_number(start));
	assert_int_equal(to_ms(start), start_ms);
	/* Whole seconds are written as integers. */
	assert_int_equal(json_is_integer(start), start_ms % 1000 == 0);
	if (end_ms) {
		assert_true(json_is_number(end));
		assert_int_equal(to_ms(end), end_ms);
	} else {
		assert_null(end);
	}
	if (title) {
		assert_true(json_is_string(t));
		assert_string_equal(json_string_value(t), title);
	} else {
		assert_null(t);
	}
	assert_int_equal(json_object_size(c),
			 1 + (end_ms != 0) + (title != NULL));
}

static void chapters_file_is_podcasting20_json(void **state)
{
	struct fixture *fx = *state;
	char *text = chapters_text(fx, EP_GUESTS, AUDIO);
	json_t *doc = parse_json(text);
	json_t *list = json_object_get(doc, "chapters");
	double prev = -1;
	size_t i;

	assert_true(siar_utf8_valid(text, strlen(text)));
	assert_int_equal(text[strlen(text) - 1], '\n');
	assert_string_equal(json_string_value(json_object_get(doc, "version")),
			    "1.2.0");
	assert_string_equal(json_string_value(json_object_get(doc, "title")),
			    T_GUESTS);
	assert_string_equal(
	    json_string_value(json_object_get(doc, "podcastName")),
	    AUDIO_TITLE);
	assert_true(json_is_array(list));
	assert_int_equal(json_array_size(list), 4);
	for (i = 0; i < json_array_size(list); i++) {
		double t = json_number_value(
		    json_object_get(json_array_get(list, i), "startTime"));

		assert_true(t > prev);
		prev = t;
	}
	check_chapter(doc, 0, 0, 2000, "Pembukaan");
	check_chapter(doc, 1, 2500, 60000, "Tahapan \"Pemilu\" 2024");
	check_chapter(doc, 2, 61234, 0, CLEAN_CHAPTER);
	check_chapter(doc, 3, 90000, 0, NULL);
	/* Seconds as plain JSON numbers, not strings or exponents. */
	assert_non_null(strstr(text, "\"startTime\": 2.5,"));
	assert_non_null(strstr(text, "\"startTime\": 61.234,"));
	assert_non_null(strstr(text, "\"endTime\": 60,"));
	json_decref(doc);
	free(text);
}

static void chapters_file_is_deterministic(void **state)
{
	struct fixture *fx = *state;
	char *a = chapters_text(fx, EP_VIDEO, VIDEO);
	char *b = chapters_text(fx, EP_VIDEO, VIDEO);
	json_t *doc = parse_json(a);

	assert_string_equal(a, b);
	check_chapter(doc, 0, 0, 0, "Opening");
	check_chapter(doc, 1, 30000, 0, "Debate");
	json_decref(doc);
	free(b);
	free(a);
}

static void chapters_write_reports_io_error(void **state)
{
	struct catalog_episode ep;
	struct catalog_show show;
	struct siar_err err = {0};
	struct catalog_chapter ch = {0, 0, str("Satu")};
	FILE *fp = fopen("/dev/full", "w");

	(void)state;
	if (!fp)
		skip();
	catalog_episode_init(&ep);
	catalog_show_init(&show);
	ep.title = str("Judul");
	ep.chapters = &ch;
	ep.n_chapters = 1;
	show.title = str("Acara");
	assert_int_equal(feed_write_chapters(&show, &ep, fp, &err), SIAR_EIO);
	assert_int_equal(err.code, SIAR_EIO);
	assert_non_null(strstr(err.msg, "cannot write chapters"));
	fclose(fp);
}

/* ---- Chapters files on disk --------------------------------------------- */

struct tmp_dir {
	char path[64];
};

static void tmp_dir_make(struct tmp_dir *d)
{
	const char *base = getenv("TMPDIR");

	snprintf(d->path, sizeof(d->path), "%s/siar-p20.XXXXXX",
		 base && *base && strlen(base) < 40 ? base : "/tmp");
	assert_non_null(mkdtemp(d->path));
}

/* Remove 'dir'/chapters/ * and the two folders. */
static void tmp_dir_remove(struct tmp_dir *d)
{
	char *sub = join(d->path, "/chapters", "");
	DIR *dir = opendir(sub);
	struct dirent *e;
	char *file;

	while (dir && (e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		file = join(sub, "/", e->d_name);
		assert_int_equal(unlink(file), 0);
		free(file);
	}
	if (dir) {
		closedir(dir);
		assert_int_equal(rmdir(sub), 0);
	}
	assert_int_equal(rmdir(d->path), 0);
	free(sub);
}

/* How many entries 'dir'/chapters holds; -1 when it does not exist. */
static int count_files(const struct tmp_dir *d)
{
	char *sub = join(d->path, "/chapters", "");
	DIR *dir = opendir(sub);
	struct dirent *e;
	int n = 0;

	free(sub);
	if (!dir)
		return -1;
	while ((e = readdir(dir)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dir);
	return n;
}

static char *chapters_path(const struct tmp_dir *d, const char *guid)
{
	struct siar_buf b;
	char *path;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "%s/chapters/%s.json", d->path, guid);
	path = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(path);
	return path;
}

static char *read_file(const char *path)
{
	struct siar_buf b;
	char chunk[4096];
	size_t n;
	FILE *fp = fopen(path, "rb");
	char *text;

	if (!fp)
		fail_msg("cannot open '%s': %s", path, strerror(errno));
	siar_buf_init(&b, 0);
	do {
		n = fread(chunk, 1, sizeof(chunk), fp);
		siar_buf_add(&b, chunk, n);
	} while (n == sizeof(chunk));
	assert_int_equal(ferror(fp), 0);
	fclose(fp);
	text = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(text);
	return text;
}

/* Date 'path' back to 2001, so that a rewrite shows in its mtime. */
static void make_old(const char *path)
{
	struct timespec times[2] = {{1000000000, 0}, {1000000000, 0}};

	assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static int64_t mtime_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return (int64_t)st.st_mtime;
}

static size_t write_files(struct catalog *cat, const char *slug,
			  const struct feed_opts *opts, const char *dir)
{
	struct siar_err err = {0};
	size_t n = 99;

	assert_int_equal(
	    feed_write_chapter_files(cat, slug, opts, dir, &n, &err), SIAR_OK);
	return n;
}

static void chapter_files_are_written_for_live_episodes(void **state)
{
	struct fixture *fx = *state;
	struct tmp_dir d;
	char *path, *text, *want;

	tmp_dir_make(&d);
	/* The draft and the future episode have chapters; no file. */
	assert_int_equal(write_files(fx->cat, AUDIO, NULL, d.path), 1);
	assert_int_equal(count_files(&d), 1);
	path = chapters_path(&d, fx->guid[EP_GUESTS]);
	text = read_file(path);
	want = chapters_text(fx, EP_GUESTS, AUDIO);
	assert_string_equal(text, want);
	free(want);
	free(text);
	free(path);
	/* Another show's files go beside them. */
	assert_int_equal(write_files(fx->cat, VIDEO, NULL, d.path), 1);
	assert_int_equal(count_files(&d), 2);
	path = chapters_path(&d, fx->guid[EP_VIDEO]);
	text = read_file(path);
	assert_non_null(strstr(text, "\"Debate\""));
	free(text);
	free(path);
	tmp_dir_remove(&d);
}

static void chapter_files_are_rewritten_only_when_changed(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_actor who = {"penyunting", NULL};
	struct catalog_chapter *saved;
	struct catalog_chapter two[] = {{0, 0, str("Awal")},
					{1500, 0, str("Akhir")}};
	struct catalog_episode ep;
	struct tmp_dir d;
	char *path, *text;
	size_t n_saved;

	tmp_dir_make(&d);
	path = chapters_path(&d, fx->guid[EP_GUESTS]);
	assert_int_equal(write_files(fx->cat, AUDIO, NULL, d.path), 1);
	make_old(path);
	assert_int_equal(write_files(fx->cat, AUDIO, NULL, d.path), 0);
	assert_int_equal(mtime_of(path), 1000000000);
	/* The catalogue's chapters change: the file follows. */
	catalog_episode_init(&ep);
	assert_int_equal(
	    catalog_episode_get(fx->cat, fx->id[EP_GUESTS], &ep, &err),
	    SIAR_OK);
	saved = ep.chapters;
	n_saved = ep.n_chapters;
	ep.chapters = two;
	ep.n_chapters = 2;
	assert_int_equal(
	    catalog_episode_update(fx->cat, fx->id[EP_GUESTS], &ep, &who, &err),
	    SIAR_OK);
	ep.chapters = saved;
	ep.n_chapters = n_saved;
	catalog_episode_release(&ep);
	assert_int_equal(write_files(fx->cat, AUDIO, NULL, d.path), 1);
	assert_true(mtime_of(path) != 1000000000);
	text = read_file(path);
	assert_non_null(strstr(text, "\"Akhir\""));
	assert_null(strstr(text, "Pembukaan"));
	free(text);
	/* A file edited by hand is put right. */
	make_old(path);
	assert_int_equal(write_files(fx->cat, AUDIO, NULL, d.path), 0);
	free(path);
	tmp_dir_remove(&d);
}

/* A show without chapters gets no chapters folder at all. */
static void chapter_files_make_no_folder_without_chapters(void **state)
{
	struct fixture *fx = *state;
	struct feed_opts opts;
	struct tmp_dir d;

	tmp_dir_make(&d);
	feed_opts_init(&opts);
	opts.limit = 1; /* the newest audio episode has none */
	assert_int_equal(write_files(fx->cat, AUDIO, &opts, d.path), 0);
	assert_int_equal(count_files(&d), -1);
	opts.limit = 0;
	opts.topic = "Tahapan Pemilu";
	assert_int_equal(write_files(fx->cat, AUDIO, &opts, d.path), 0);
	assert_int_equal(count_files(&d), -1);
	opts.topic = "daftar-pemilih";
	assert_int_equal(write_files(fx->cat, AUDIO, &opts, d.path), 1);
	assert_int_equal(count_files(&d), 1);
	tmp_dir_remove(&d);
}

static void chapter_files_report_unknown_show_topic_and_person(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct feed_opts opts;
	struct tmp_dir d;
	size_t n = 99;

	tmp_dir_make(&d);
	assert_int_equal(feed_write_chapter_files(fx->cat, "tidak-ada", NULL,
						  d.path, &n, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(n, 0);
	siar_err_clear(&err);
	feed_opts_init(&opts);
	opts.topic = "Tidak Ada";
	assert_int_equal(
	    feed_write_chapter_files(fx->cat, AUDIO, &opts, d.path, &n, &err),
	    SIAR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "Tidak Ada"));
	siar_err_clear(&err);
	opts.topic = NULL;
	opts.person = "Orang Lain";
	assert_int_equal(
	    feed_write_chapter_files(fx->cat, AUDIO, &opts, d.path, &n, &err),
	    SIAR_ENOTFOUND);
	assert_int_equal(count_files(&d), -1);
	tmp_dir_remove(&d);
}

static void chapter_files_report_unwritable_folder(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};

	assert_int_equal(feed_write_chapter_files(fx->cat, AUDIO, NULL,
						  "/dev/null", NULL, &err),
			 SIAR_EIO);
	assert_non_null(strstr(err.msg, "/dev/null/chapters"));
}

/* ---- Filters ------------------------------------------------------------- */

/* The channel's podcast:guid is that of 'url'. */
static void check_guid(struct feed_doc *fd, const char *url)
{
	char *want = feed_podcast_guid(url);

	assert_non_null(want);
	check_xpath(fd->xp, "string(/rss/channel/podcast:guid)", want, __FILE__,
		    __LINE__);
	free(want);
}

static void limit_keeps_newest_episodes(void **state)
{
	struct fixture *fx = *state;
	struct feed_opts opts;
	struct feed_doc fd = {0};

	feed_opts_init(&opts);
	opts.limit = 1;
	feed_open(&fd, fx->cat, AUDIO, &opts);
	assert_count(&fd, "//item", 1);
	assert_xpath(&fd, "//item/title", T_NEWEST);
	/* Only the episodes are cut: the channel is the show's own. */
	assert_xpath(&fd, "/rss/channel/title", AUDIO_TITLE);
	assert_xpath(&fd, "/rss/channel/atom:link/@href", BASE_A "feed.xml");
	check_guid(&fd, BASE_A "feed.xml");
	feed_close(&fd);
	opts.limit = 5;
	feed_open(&fd, fx->cat, AUDIO, &opts);
	assert_count(&fd, "//item", 2);
	feed_close(&fd);
}

/* The feed of 'only' (a topic or person) at 'url', with episode 'title'. */
static void check_filtered(struct fixture *fx, const struct feed_opts *opts,
			   const char *only, const char *url, const char *title)
{
	struct feed_doc fd = {0};
	char *want_title = join(AUDIO_TITLE, ": ", only);
	char *guid = feed_podcast_guid(url);
	char *show_guid = feed_podcast_guid(BASE_A "feed.xml");
	assert_non_null(guid);
	assert_non_null(show_guid);
	assert_string_not_equal(guid, show_guid);
	feed_open(&fd, fx->cat, AUDIO, opts);
	assert_count(&fd, "//item", 1);
	assert_xpath(&fd, "//item/title", title);
	assert_xpath(&fd, "/rss/channel/title", want_title);
	assert_xpath(&fd, "/rss/channel/image/title", want_title);
	assert_xpath(&fd, "/rss/channel/atom:link/@href", url);
	assert_xpath(&fd, "/rss/channel/podcast:guid", guid);
	/* The rest of the channel is the show's. */
	assert_xpath(&fd, "/rss/channel/link",
		     "https://kpu-jaktim.example.id/");
	assert_count(&fd, "/rss/channel/podcast:person", 2);
	assert_xpath(&fd, "/rss/channel/podcast:updateFrequency", "Mingguan");
	feed_close(&fd);
	free(show_guid);
	free(guid);
	free(want_title);
}

static void topic_feed_is_a_podcast_of_its_own(void **state)
{
	struct fixture *fx = *state;
	struct feed_opts opts;

	feed_opts_init(&opts);
	opts.topic = "Daftar Pemilih";
	check_filtered(fx, &opts, "Daftar Pemilih",
		       BASE_A "topics/Daftar%20Pemilih/feed.xml", T_GUESTS);
	opts.topic = "daftar-pemilih";
	check_filtered(fx, &opts, "daftar-pemilih",
		       BASE_A "topics/daftar-pemilih/feed.xml", T_GUESTS);
	opts.topic = "tahapan-pemilu";
	check_filtered(fx, &opts, "tahapan-pemilu",
		       BASE_A "topics/tahapan-pemilu/feed.xml", T_NEWEST);
}

static void person_feed_is_a_podcast_of_its_own(void **state)
{
	struct fixture *fx = *state;
	struct feed_opts opts;

	feed_opts_init(&opts);
	opts.person = "Budi Santoso";
	check_filtered(fx, &opts, "Budi Santoso",
		       BASE_A "people/Budi%20Santoso/feed.xml", T_GUESTS);
	/* Any role: a producer's credit counts too. */
	opts.person = "Dewi Lestari";
	check_filtered(fx, &opts, "Dewi Lestari",
		       BASE_A "people/Dewi%20Lestari/feed.xml", T_GUESTS);
}

/* A given self URL names the filtered feed and its GUID. */
static void filtered_feed_takes_given_self_url(void **state)
{
	struct fixture *fx = *state;
	struct feed_opts opts;

	feed_opts_init(&opts);
	opts.topic = "Daftar Pemilih";
	opts.self_url = "https://kpu-jaktim.example.id/dpt.xml";
	check_filtered(fx, &opts, "Daftar Pemilih", opts.self_url, T_GUESTS);
}

static void self_url_names_filtered_feeds(void **state)
{
	struct catalog_show show;
	struct feed_opts opts;

	(void)state;
	catalog_show_init(&show);
	show.base_url = str("https://m.example.id/siar/");
	check_url(feed_self_url(&show, NULL),
		  "https://m.example.id/siar/feed.xml");
	feed_opts_init(&opts);
	check_url(feed_self_url(&show, &opts),
		  "https://m.example.id/siar/feed.xml");
	opts.topic = "Pemilu & Pilkada/2024";
	check_url(feed_self_url(&show, &opts),
		  "https://m.example.id/siar/topics/"
		  "Pemilu%20%26%20Pilkada%2F2024/feed.xml");
	opts.topic = NULL;
	opts.person = "Siti \"Ita\" Rahayu";
	check_url(feed_self_url(&show, &opts),
		  "https://m.example.id/siar/people/"
		  "Siti%20%22Ita%22%20Rahayu/feed.xml");
	opts.self_url = "https://x.example/y.xml";
	check_url(feed_self_url(&show, &opts), "https://x.example/y.xml");
}

/* Nothing reaches the FILE when the filter names nobody. */
static void check_unknown_filter(struct catalog *cat,
				 const struct feed_opts *opts,
				 const char *needle)
{
	struct siar_err err = {0};
	char *xml;
	size_t len;

	assert_int_equal(write_feed(cat, AUDIO, opts, &xml, &len, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(err.code, SIAR_ENOTFOUND);
	if (!strstr(err.msg, needle))
		fail_msg("message '%s' does not name '%s'", err.msg, needle);
	assert_int_equal(len, 0);
	free(xml);
}

static void unknown_topic_or_person_fails_before_output(void **state)
{
	struct fixture *fx = *state;
	struct feed_opts opts;

	feed_opts_init(&opts);
	opts.topic = "Tidak Ada";
	check_unknown_filter(fx->cat, &opts, "Tidak Ada");
	opts.topic = NULL;
	opts.person = "Orang Lain";
	check_unknown_filter(fx->cat, &opts, "Orang Lain");
	/* A show's host with no episode credit is a person, not unknown. */
	opts.person = "Rina Wijaya";
	{
		struct feed_doc fd = {0};

		feed_open(&fd, fx->cat, AUDIO, &opts);
		assert_count(&fd, "//item", 0);
		feed_close(&fd);
	}
}

/* ---- Golden files ----------------------------------------------------------
 */

/* Replace every occurrence of 'what' in '*text' with 'with'. */
static void replace_all(char **text, const char *what, const char *with)
{
	struct siar_buf b;
	const char *p = *text;
	const char *hit;

	siar_buf_init(&b, 0);
	while ((hit = strstr(p, what))) {
		siar_buf_add(&b, p, (size_t)(hit - p));
		siar_buf_adds(&b, with);
		p = hit + strlen(what);
	}
	siar_buf_adds(&b, p);
	free(*text);
	*text = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(*text);
}

/*
 * A copy of 'xml' with each item's GUID replaced by "@GUID-N@" (N from 1,
 * in the order of the items) wherever it occurs: in <guid>, in the
 * chapters URL, anywhere. Caller frees.
 */
static char *mask_guids(const char *xml)
{
	static const char open[] = "<guid isPermaLink=\"false\">";
	char *out = strdup(xml);
	const char *start, *end;
	char mask[32], *guid;
	int n = 0;

	assert_non_null(out);
	for (start = strstr(xml, open); start; start = strstr(end, open)) {
		start += strlen(open);
		end = strstr(start, "</guid>");
		assert_non_null(end);
		assert_true(end > start);
		guid = strndup(start, (size_t)(end - start));
		assert_non_null(guid);
		snprintf(mask, sizeof(mask), "@GUID-%d@", ++n);
		replace_all(&out, guid, mask);
		free(guid);
	}
	return out;
}

static void mask_replaces_every_occurrence_of_each_guid(void **state)
{
	static const char xml[] =
	    "<item><guid isPermaLink=\"false\">aa-1</guid>"
	    "<podcast:chapters url=\"https://x/chapters/aa-1.json\"/></item>"
	    "<item><guid isPermaLink=\"false\">bb-2</guid>"
	    "<x>aa-1 bb-2</x></item>";
	char *masked = mask_guids(xml);

	(void)state;
	assert_string_equal(masked,
			    "<item><guid isPermaLink=\"false\">@GUID-1@</guid>"
			    "<podcast:chapters url=\"https://x/chapters/"
			    "@GUID-1@.json\"/></item>"
			    "<item><guid isPermaLink=\"false\">@GUID-2@</guid>"
			    "<x>@GUID-1@ @GUID-2@</x></item>");
	free(masked);
}

static char *golden_path(const char *name)
{
	const char *dir = getenv("SIAR_TEST_DATA");

	return join(dir && *dir ? dir : "tests/data", "/feed/", name);
}

static void write_text(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static void check_golden(const struct feed_doc *fd, const char *name,
			 const char *const *guids, size_t n_guids)
{
	const char *update = getenv("SIAR_UPDATE_GOLDEN");
	char *path = golden_path(name);
	char *masked = mask_guids(fd->xml);
	char *golden;
	size_t i;

	assert_int_equal(strlen(fd->xml), fd->len);
	/* Nothing random is left: no GUID escaped the mask. */
	for (i = 0; i < n_guids; i++)
		assert_null(strstr(masked, guids[i]));
	if (update && !strcmp(update, "1"))
		write_text(path, masked);
	golden = read_file(path);
	assert_string_equal(masked, golden);
	free(golden);
	free(masked);
	free(path);
}

static void audio_feed_matches_golden_file(void **state)
{
	struct fixture *fx = *state;
	const char *guids[] = {fx->guid[EP_GUESTS], fx->guid[EP_NEWEST]};

	check_golden(&fx->audio, "audio-p20.xml", guids, 2);
}

static void video_feed_matches_golden_file(void **state)
{
	struct fixture *fx = *state;
	const char *guids[] = {fx->guid[EP_VIDEO], fx->guid[EP_VPLAIN]};

	check_golden(&fx->video, "video.xml", guids, 2);
}

/* ---- Main ------------------------------------------------------------------
 */

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

#define P20_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    P20_TEST(feeds_hold_only_live_episodes),
	    P20_TEST(channel_lists_show_people_with_links_and_photos),
	    P20_TEST(channel_artwork_comes_from_file_or_url),
	    P20_TEST(channel_artwork_url_wins_over_file),
	    P20_TEST(update_frequency_follows_cadence_and_language),
	    P20_TEST(channel_names_medium_and_guid),
	    P20_TEST(item_people_carry_links_and_photos),
	    P20_TEST(item_with_people_restates_show_people),
	    P20_TEST(item_images_are_episode_art_and_poster),
	    P20_TEST(poster_ratio_is_reduced),
	    P20_TEST(item_lists_transcripts_and_captions),
	    P20_TEST(item_points_to_chapters_file),
	    cmocka_unit_test(chapters_name_and_url_follow_guid),
	    P20_TEST(video_lists_renditions_main_file_first),
	    P20_TEST(chapters_file_is_podcasting20_json),
	    P20_TEST(chapters_file_is_deterministic),
	    cmocka_unit_test(chapters_write_reports_io_error),
	    P20_TEST(chapter_files_are_written_for_live_episodes),
	    P20_TEST(chapter_files_are_rewritten_only_when_changed),
	    P20_TEST(chapter_files_make_no_folder_without_chapters),
	    P20_TEST(chapter_files_report_unknown_show_topic_and_person),
	    P20_TEST(chapter_files_report_unwritable_folder),
	    P20_TEST(limit_keeps_newest_episodes),
	    P20_TEST(topic_feed_is_a_podcast_of_its_own),
	    P20_TEST(person_feed_is_a_podcast_of_its_own),
	    P20_TEST(filtered_feed_takes_given_self_url),
	    cmocka_unit_test(self_url_names_filtered_feeds),
	    P20_TEST(unknown_topic_or_person_fails_before_output),
	    cmocka_unit_test(mask_replaces_every_occurrence_of_each_guid),
	    P20_TEST(audio_feed_matches_golden_file),
	    P20_TEST(video_feed_matches_golden_file),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
