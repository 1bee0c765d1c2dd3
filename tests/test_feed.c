/*
 * Tests for feed/: the RSS written for a show in an in-memory catalogue,
 * checked by parsing it back with libxml2 and querying it with XPath, and
 * byte for byte against tests/data/feed/basic.xml.
 *
 * Regenerating the golden file: the catalogue gives every episode a random
 * GUID, so the comparison replaces the text of each <guid> with "@GUID@"
 * first. After a deliberate change to the output, run
 *
 *	SIAR_UPDATE_GOLDEN=1 build/normal/tests/test_feed
 *
 * from the top of the tree, which rewrites the golden file instead of
 * comparing with it, then read the diff line by line against
 * /work/shared/feed-spec.md before committing it. SIAR_TEST_DATA overrides
 * the "tests/data" directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <pthread.h>
#include <regex.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "../feed/feed.h"

#define XC(s) ((const xmlChar *)(s))

/* 2024-02-20 12:00:00 +0700, six days after the 2024 general election. */
#define NOW_UNIX ((int64_t)1708405200)

#define SLUG	      "kpu-jaksel"
#define HOSTILE_TITLE "Suara Pemilu & <Demokrasi> \"Jakarta\" \xff\x01Selatan"
/* What the feed must say for it: U+FFFD for 0xFF, the control gone. */
#define CLEAN_TITLE "Suara Pemilu & <Demokrasi> \"Jakarta\" \xEF\xBF\xBDSelatan"

enum { EP_FIRST, EP_SECOND, EP_DRAFT, EP_SCHEDULED, EP_VIDEO, EP_COUNT };

struct fixture {
	struct catalog *cat;
	int64_t ep_id[EP_COUNT];
	char *xml; /* the feed of SLUG */
	size_t len;
	int parse_errors;
	xmlDocPtr doc;
	xmlXPathContextPtr xp;
};

/* One episode to add: 'publish_at' 0 leaves it a draft. */
struct ep_spec {
	const char *slug;
	const char *title;
	const char *description;
	const char *path;
	const char *mime;
	int64_t size_bytes;
	int64_t duration_ms;
	int season, number;
	const char *guests[3]; /* NULL-terminated */
	const char *topics[3];
	int64_t publish_at;
	const char *episode_type; /* NULL: the default */
	bool explicit;
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

static size_t fill_names(char **dst, const char *const *src)
{
	size_t n = 0;

	while (n < 3 && src[n]) {
		dst[n] = str(src[n]);
		n++;
	}
	return n;
}

static int64_t add_episode(struct catalog *cat, const struct ep_spec *spec)
{
	struct siar_err err = {0};
	struct catalog_episode ep;
	char *guests[3], *topics[3];
	int64_t id = 0;

	catalog_episode_init(&ep);
	ep.show_slug = str(spec->slug);
	ep.title = str(spec->title);
	ep.description = str(spec->description);
	ep.media_path = str(spec->path);
	ep.media_mime = str(spec->mime);
	ep.media_kind =
	    str(strncmp(spec->mime, "video/", 6) ? "audio" : "video");
	ep.media_sha256 = str("0123456789abcdef0123456789abcdef"
			      "0123456789abcdef0123456789abcdef");
	ep.media_size_bytes = spec->size_bytes;
	ep.duration_ms = spec->duration_ms;
	ep.duration_method = str("container");
	ep.season = spec->season;
	ep.episode_number = spec->number;
	ep.n_guests = fill_names(guests, spec->guests);
	ep.guests = guests;
	ep.n_topics = fill_names(topics, spec->topics);
	ep.topics = topics;
	ep.episode_type = str(spec->episode_type);
	ep.explicit = spec->explicit;
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	if (spec->publish_at)
		assert_int_equal(
		    catalog_episode_publish(cat, id, spec->publish_at, &err),
		    SIAR_OK);
	return id;
}

static void add_main_show(struct catalog *cat)
{
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	show.review_required = false; /* published directly */
	show.slug = str(SLUG);
	show.title = str(HOSTILE_TITLE);
	show.description = str("Siniar resmi KPU Kota Jakarta Selatan tentang "
			       "tahapan Pemilu 2024 bagi pemilih muda.");
	show.author = str("KPU Kota Jakarta Selatan");
	show.language = str("id");
	show.category = str("Government");
	show.image = str("https://media.example.id/siar/sampul.jpg");
	show.owner_name = str("Humas KPU Jakarta Selatan");
	show.owner_email = str("humas@kpu-jaksel.example.id");
	show.link = str("https://kpu-jaksel.example.id/siniar");
	show.base_url = str("https://media.example.id/siar/");
	show.timezone = str("Asia/Jakarta");
	show.copyright = str("© 2024 KPU Kota Jakarta Selatan");
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
}

/* A show with nothing optional set, in another zone, with one episode. */
static void add_minimal_show(struct catalog *cat)
{
	static const struct ep_spec ep = {
	    .slug = "kpu-makassar",
	    .title = "Sosialisasi TPS",
	    .path = "/srv/siar/makassar/tps.m4a",
	    .mime = "audio/x-m4a",
	    .size_bytes = 1000,
	    .duration_ms = 61000,
	    .publish_at = 1706750100,
	};
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	show.review_required = false; /* published directly */
	show.slug = str("kpu-makassar");
	show.title = str("Siniar KPU Makassar");
	show.author = str("KPU Kota Makassar");
	show.base_url = str("https://media.example.id/makassar");
	show.timezone = str("Asia/Makassar");
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
	add_episode(cat, &ep);
}

static const struct ep_spec main_episodes[EP_COUNT] = {
    [EP_FIRST] =
	{
	    .slug = SLUG,
	    .title = "Mengenal Tahapan Pemilu",
	    .description = "Tahapan <b>Pemilu</b> 2024 & daftar pemilih "
			   "tetap (DPT).",
	    .path = "/srv/siar/kpu-jaksel/Episode 1 — Pemilu.mp3",
	    .mime = "audio/mpeg",
	    .size_bytes = 24000123,
	    .duration_ms = 1499500, /* rounds up to 1500 */
	    .season = 1,
	    .number = 1,
	    .guests = {"Budi Santoso", "Siti \"Ita\" Rahayu"},
	    .topics = {"Pemilu 2024", "Daftar Pemilih"},
	    .publish_at = 1704855600, /* 2024-01-10 10:00 WIB */
	},
    [EP_SECOND] =
	{
	    .slug = SLUG,
	    .title = "Kampanye Damai & Tertib <2024>",
	    .path = "/srv/siar/kpu-jaksel/kampanye-damai.mp3",
	    .mime = "audio/mpeg",
	    .size_bytes = 18000000,
	    .duration_ms = 1800499, /* rounds down to 1800 */
	    .season = 1,
	    .number = 2,
	    .topics = {"Kampanye"},
	    .publish_at = 1705753800, /* 2024-01-20 19:30 WIB */
	    .episode_type = "bonus",
	    .explicit = true, /* in a show that is not */
	},
    [EP_DRAFT] =
	{
	    .slug = SLUG,
	    .title = "Draf: Rekapitulasi Suara",
	    .path = "/srv/siar/kpu-jaksel/rekap.mp3",
	    .mime = "audio/mpeg",
	    .size_bytes = 5000,
	    .duration_ms = 5000,
	},
    [EP_SCHEDULED] =
	{
	    .slug = SLUG,
	    .title = "Hasil Pemungutan Suara",
	    .path = "/srv/siar/kpu-jaksel/hasil.mp3",
	    .mime = "audio/mpeg",
	    .size_bytes = 6000,
	    .duration_ms = 6000,
	    .publish_at = 1709258400, /* 2024-03-01 09:00 WIB */
	},
    [EP_VIDEO] =
	{
	    .slug = SLUG,
	    .title = "Wawancara Ketua",
	    .description = "Ketua KPU menjawab pertanyaan pemilih.",
	    .path = "/srv/siar/kpu-jaksel/wawancara ketua (final).mp4",
	    .mime = "video/mp4",
	    .size_bytes = 52428800,
	    .duration_ms = 300,	      /* under half a second: 1 */
	    .publish_at = 1706750100, /* 2024-02-01 08:15 WIB */
	},
};

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

/* Parse without network access, counting every error and warning. */
static xmlDocPtr parse(const char *xml, size_t len, int *errors)
{
	xmlDocPtr doc;

	*errors = 0;
	xmlSetStructuredErrorFunc(errors, count_error);
	doc = xmlReadMemory(xml, (int)len, "feed.xml", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	return doc;
}

static xmlXPathContextPtr xpath_context(xmlDocPtr doc)
{
	static const char *const ns[][2] = {
	    {"itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
	    {"podcast", "https://podcastindex.org/namespace/1.0"},
	    {"atom", "http://www.w3.org/2005/Atom"},
	    {"content", "http://purl.org/rss/1.0/modules/content/"},
	};
	xmlXPathContextPtr xp = xmlXPathNewContext(doc);
	size_t i;

	assert_non_null(xp);
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		assert_int_equal(
		    xmlXPathRegisterNs(xp, XC(ns[i][0]), XC(ns[i][1])), 0);
	return xp;
}

/* The XPath 'expr' as a string, in memory the caller frees. */
static char *xpath_string(xmlXPathContextPtr xp, const char *expr)
{
	xmlXPathObjectPtr obj = xmlXPathEvalExpression(XC(expr), xp);
	xmlChar *s;
	char *copy;

	assert_non_null(obj);
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

	_assert_string_equal(got, want, file, line);
	free(got);
}

#define assert_xpath(fx, expr, want)                                           \
	check_xpath((fx)->xp, (expr), (want), __FILE__, __LINE__)

/* Assert the channel's podcast:guid is feed_podcast_guid(feed_url). */
static void check_guid(xmlXPathContextPtr xp, const char *feed_url)
{
	char *want = feed_podcast_guid(feed_url);

	assert_non_null(want);
	check_xpath(xp, "string(/rss/channel/podcast:guid)", want, __FILE__,
		    __LINE__);
	free(want);
}

/* ---- Fixture ----------------------------------------------------------- */

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
	add_main_show(fx->cat);
	for (i = 0; i < EP_COUNT; i++)
		fx->ep_id[i] = add_episode(fx->cat, &main_episodes[i]);
	add_minimal_show(fx->cat);
	assert_int_equal(
	    write_feed(fx->cat, SLUG, NULL, &fx->xml, &fx->len, &err), SIAR_OK);
	fx->doc = parse(fx->xml, fx->len, &fx->parse_errors);
	assert_non_null(fx->doc);
	fx->xp = xpath_context(fx->doc);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	xmlXPathFreeContext(fx->xp);
	xmlFreeDoc(fx->doc);
	free(fx->xml);
	catalog_close(fx->cat);
	free(fx);
	return 0;
}

/* ---- Golden file ------------------------------------------------------- */

/* A copy of 'xml' with the text of every <guid> replaced by "@GUID@". */
static char *mask_guids(const char *xml)
{
	static const char open[] = "<guid isPermaLink=\"false\">";
	struct siar_buf b;
	const char *p = xml;
	const char *start, *end;
	char *out;

	siar_buf_init(&b, 0);
	for (;;) {
		start = strstr(p, open);
		if (!start)
			break;
		start += strlen(open);
		end = strstr(start, "</guid>");
		assert_non_null(end);
		siar_buf_add(&b, p, (size_t)(start - p));
		siar_buf_adds(&b, "@GUID@");
		p = end;
	}
	siar_buf_adds(&b, p);
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(out);
	return out;
}

static char *golden_path(const char *name)
{
	const char *dir = getenv("SIAR_TEST_DATA");
	struct siar_buf b;
	char *path;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "%s/feed/%s", dir && *dir ? dir : "tests/data", name);
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
		fail_msg("cannot open golden file '%s' (run from the top of "
			 "the tree, or set SIAR_UPDATE_GOLDEN=1)",
			 path);
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

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	assert_int_equal(fclose(fp), 0);
}

static void feed_matches_golden_file(void **state)
{
	struct fixture *fx = *state;
	const char *update = getenv("SIAR_UPDATE_GOLDEN");
	char *path = golden_path("basic.xml");
	char *masked = mask_guids(fx->xml);
	char *golden;

	assert_int_equal(strlen(fx->xml), fx->len);
	if (update && !strcmp(update, "1"))
		write_file(path, masked);
	golden = read_file(path);
	assert_string_equal(masked, golden);
	free(golden);
	free(masked);
	free(path);
}

/* ---- Structure --------------------------------------------------------- */

static void feed_parses_without_errors(void **state)
{
	struct fixture *fx = *state;
	static const char decl[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

	assert_int_equal(fx->parse_errors, 0);
	assert_memory_equal(fx->xml, decl, strlen(decl));
	assert_true(siar_utf8_valid(fx->xml, fx->len));
	assert_xpath(fx, "name(/*)", "rss");
	assert_xpath(fx, "string(/rss/@version)", "2.0");
	assert_xpath(fx, "string(count(/rss/*))", "1");
	assert_xpath(fx, "string(count(/rss/channel))", "1");
}

static size_t count_substr(const char *s, const char *needle)
{
	size_t n = 0;

	for (s = strstr(s, needle); s; s = strstr(s + strlen(needle), needle))
		n++;
	return n;
}

static void feed_declares_namespaces_once_on_root(void **state)
{
	struct fixture *fx = *state;
	xmlNsPtr ns;
	size_t n = 0;

	for (ns = xmlDocGetRootElement(fx->doc)->nsDef; ns; ns = ns->next)
		n++;
	assert_int_equal(n, 4);
	assert_int_equal(count_substr(fx->xml, "xmlns"), 4);
	assert_non_null(strstr(fx->xml, "xmlns:itunes=\"http://www.itunes.com/"
					"dtds/podcast-1.0.dtd\""));
	assert_non_null(strstr(fx->xml, "xmlns:content=\"http://purl.org/rss/"
					"1.0/modules/content/\""));
	/* 2-space indentation, as the golden file shows. */
	assert_non_null(strstr(fx->xml, "\n  <channel>\n    <title>"));
}

static void feed_escapes_and_repairs_hostile_text(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(fx, "string(/rss/channel/title)", CLEAN_TITLE);
	assert_xpath(fx, "string(/rss/channel/image/title)", CLEAN_TITLE);
	assert_null(memchr(fx->xml, '\x01', fx->len));
	assert_non_null(strstr(fx->xml, "<title>Suara Pemilu &amp; "
					"&lt;Demokrasi&gt;"));
	assert_xpath(fx, "string(//item[2]/title)",
		     "Kampanye Damai & Tertib <2024>");
	/* Rich text goes out as sanitised HTML in CDATA (feed-spec §4.2). */
	assert_xpath(
	    fx, "string(//item[3]/description)",
	    "Tahapan <b>Pemilu</b> 2024 &amp; daftar pemilih tetap (DPT).");
	assert_non_null(strstr(fx->xml, "<description><![CDATA[Tahapan <b>"));
	assert_xpath(
	    fx, "string(//item[3]/content:encoded)",
	    "Tahapan <b>Pemilu</b> 2024 &amp; daftar pemilih tetap (DPT).");
	assert_xpath(fx, "string(//item[3]/podcast:person[2])",
		     "Siti \"Ita\" Rahayu");
}

/* ---- Episodes ---------------------------------------------------------- */

static void feed_omits_draft_and_scheduled_episodes(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(fx, "string(count(//item))", "3");
	assert_xpath(fx,
		     "string(count(//item[title='Draf: Rekapitulasi "
		     "Suara']))",
		     "0");
	assert_xpath(fx,
		     "string(count(//item[title='Hasil Pemungutan "
		     "Suara']))",
		     "0");
	assert_null(strstr(fx->xml, "rekap.mp3"));
	assert_null(strstr(fx->xml, "hasil.mp3"));
}

static void feed_lists_newest_episode_first(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(fx, "string(//item[1]/title)", "Wawancara Ketua");
	assert_xpath(fx, "string(//item[2]/title)",
		     "Kampanye Damai & Tertib <2024>");
	assert_xpath(fx, "string(//item[3]/title)", "Mengenal Tahapan Pemilu");
}

static void feed_holds_only_its_own_show(void **state)
{
	struct fixture *fx = *state;

	assert_null(strstr(fx->xml, "Sosialisasi TPS"));
	assert_null(strstr(fx->xml, "makassar"));
}

static void feed_percent_encodes_enclosure_url(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(fx, "string(//item[3]/enclosure/@url)",
		     "https://media.example.id/siar/"
		     "Episode%201%20%E2%80%94%20Pemilu.mp3");
	assert_xpath(fx, "string(//item[1]/enclosure/@url)",
		     "https://media.example.id/siar/"
		     "wawancara%20ketua%20%28final%29.mp4");
	assert_xpath(fx, "string(//item[3]/enclosure/@length)", "24000123");
	assert_xpath(fx, "string(//item[3]/enclosure/@type)", "audio/mpeg");
	assert_xpath(fx, "string(//item[1]/enclosure/@type)", "video/mp4");
}

static void check_url(char *url, const char *want)
{
	assert_non_null(url);
	assert_string_equal(url, want);
	free(url);
}

static void media_url_handles_base_with_or_without_slash(void **state)
{
	static const char file[] = "/a/b/Episode 1 — Pemilu.mp3";
	static const char want[] = "https://m.example.id/siar/"
				   "Episode%201%20%E2%80%94%20Pemilu.mp3";
	struct catalog_show show;

	(void)state;
	catalog_show_init(&show);
	show.base_url = str("https://m.example.id/siar");
	check_url(feed_media_url(&show, file), want);
	show.base_url = str("https://m.example.id/siar/");
	check_url(feed_media_url(&show, file), want);
	/* Unreserved bytes stay; everything else, bad UTF-8 too, is %XX. */
	check_url(feed_media_url(&show, "A-z_0.9~+&?#%\xff.mp3"),
		  "https://m.example.id/siar/A-z_0.9~%2B%26%3F%23%25%FF.mp3");
	check_url(feed_media_url(&show, "relative name.mp3"),
		  "https://m.example.id/siar/relative%20name.mp3");
}

static void default_url_handles_base_with_or_without_slash(void **state)
{
	struct catalog_show show;

	(void)state;
	catalog_show_init(&show);
	show.base_url = str("https://m.example.id/siar");
	check_url(feed_default_url(&show),
		  "https://m.example.id/siar/feed.xml");
	show.base_url = str("https://m.example.id/siar/");
	check_url(feed_default_url(&show),
		  "https://m.example.id/siar/feed.xml");
}

/* The generator regex of feed-spec §4.1, in POSIX ERE. */
static void check_rfc2822(xmlXPathContextPtr xp, const char *expr)
{
	static const char pattern[] =
	    "^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} "
	    "(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
	    "[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} ([+-][0-9]{4}|GMT)$";
	char *date = xpath_string(xp, expr);
	regex_t re;

	assert_int_equal(regcomp(&re, pattern, REG_EXTENDED | REG_NOSUB), 0);
	if (regexec(&re, date, 0, NULL, 0))
		fail_msg("'%s' is '%s', not an RFC 2822 date", expr, date);
	regfree(&re);
	assert_non_null(strstr(date, " +0700"));
	free(date);
}

static void feed_dates_match_rfc2822_in_show_zone(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct siar_buf want;
	int64_t last = 0;

	check_rfc2822(fx->xp, "string(/rss/channel/lastBuildDate)");
	check_rfc2822(fx->xp, "string(//item[1]/pubDate)");
	check_rfc2822(fx->xp, "string(//item[2]/pubDate)");
	check_rfc2822(fx->xp, "string(//item[3]/pubDate)");
	assert_xpath(fx, "string(//item[3]/pubDate)",
		     "Wed, 10 Jan 2024 10:00:00 +0700");
	assert_xpath(fx, "string(//item[2]/pubDate)",
		     "Sat, 20 Jan 2024 19:30:00 +0700");
	/* lastBuildDate is the catalogue's last change, not the clock. */
	assert_int_equal(catalog_show_last_change(fx->cat, SLUG, &last, &err),
			 SIAR_OK);
	siar_buf_init(&want, 0);
	assert_int_equal(siar_time_rfc2822(&want, last, "Asia/Jakarta", &err),
			 SIAR_OK);
	assert_xpath(fx, "string(/rss/channel/lastBuildDate)", want.buf);
	siar_buf_release(&want);
}

static void feed_rounds_duration_to_whole_seconds(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(fx, "string(//item[3]/itunes:duration)", "1500");
	assert_xpath(fx, "string(//item[2]/itunes:duration)", "1800");
	assert_xpath(fx, "string(//item[1]/itunes:duration)", "1");
}

static void feed_writes_channel_fields(void **state)
{
	struct fixture *fx = *state;

	assert_xpath(fx, "string(/rss/channel/link)",
		     "https://kpu-jaksel.example.id/siniar");
	assert_xpath(fx, "string(/rss/channel/language)", "id");
	assert_xpath(fx, "string(/rss/channel/atom:link[@rel='self']/@href)",
		     "https://media.example.id/siar/feed.xml");
	assert_xpath(fx, "string(/rss/channel/atom:link/@type)",
		     "application/rss+xml");
	assert_xpath(fx, "string(/rss/channel/itunes:author)",
		     "KPU Kota Jakarta Selatan");
	assert_xpath(fx, "string(/rss/channel/itunes:owner/itunes:email)",
		     "humas@kpu-jaksel.example.id");
	assert_xpath(fx, "string(/rss/channel/itunes:image/@href)",
		     "https://media.example.id/siar/sampul.jpg");
	assert_xpath(fx, "string(/rss/channel/image/link)",
		     "https://kpu-jaksel.example.id/siniar");
	assert_xpath(fx, "string(/rss/channel/itunes:category/@text)",
		     "Government");
	assert_xpath(fx, "string(/rss/channel/itunes:explicit)", "false");
	assert_xpath(fx, "string(count(/rss/channel/itunes:category/*))", "0");
	assert_xpath(fx, "string(/rss/channel/itunes:type)", "episodic");
	assert_xpath(fx, "string(/rss/channel/copyright)",
		     "© 2024 KPU Kota Jakarta Selatan");
	/* No stored GUID: the one of the self URL, default feed_default_url. */
	check_guid(fx->xp, "https://media.example.id/siar/feed.xml");
	assert_xpath(fx, "string(count(/rss/channel/podcast:guid))", "1");
	assert_xpath(fx, "string(/rss/channel/podcast:medium)", "podcast");
	assert_xpath(fx, "string(/rss/channel/podcast:locked/@owner)",
		     "humas@kpu-jaksel.example.id");
	assert_xpath(fx, "string(/rss/channel/podcast:locked)", "no");
	assert_xpath(fx, "string(/rss/channel/generator)",
		     "siar " SIAR_VERSION);
}

static void feed_writes_item_fields(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_episode ep;

	catalog_episode_init(&ep);
	assert_int_equal(
	    catalog_episode_get(fx->cat, fx->ep_id[EP_FIRST], &ep, &err),
	    SIAR_OK);
	assert_xpath(fx, "string(//item[3]/guid)", ep.guid);
	catalog_episode_release(&ep);
	assert_xpath(fx, "string(//item[3]/guid/@isPermaLink)", "false");
	assert_xpath(fx, "string(//item[3]/itunes:episodeType)", "full");
	assert_xpath(fx, "string(//item[3]/itunes:season)", "1");
	assert_xpath(fx, "string(//item[3]/podcast:episode)", "1");
	assert_xpath(fx, "string(//item[2]/itunes:episode)", "2");
	assert_xpath(fx, "string(//item[3]/itunes:explicit)", "false");
	assert_xpath(fx, "string(//item[2]/itunes:episodeType)", "bonus");
	assert_xpath(fx, "string(//item[2]/itunes:explicit)", "true");
	assert_xpath(fx, "string(count(//item[1]/itunes:season))", "0");
	assert_xpath(fx, "string(count(//item[1]/podcast:episode))", "0");
	assert_xpath(fx, "string(//item[3]/podcast:person[1])", "Budi Santoso");
	assert_xpath(fx,
		     "string(count(//item[3]/podcast:person"
		     "[@role='guest'][@group='cast']))",
		     "2");
	assert_xpath(fx, "string(//item[3]/category[2])", "Daftar Pemilih");
	/* No episode description: the title stands in. */
	assert_xpath(fx, "string(//item[2]/description)",
		     "Kampanye Damai & Tertib <2024>");
}

/* ---- Other shows and options ------------------------------------------- */

/* Write the feed of 'slug' and parse it, asserting both succeed. */
static xmlDocPtr feed_doc(struct catalog *cat, const char *slug,
			  const struct feed_opts *opts, char **xml)
{
	struct siar_err err = {0};
	size_t len;
	xmlDocPtr doc;
	int errors;

	assert_int_equal(write_feed(cat, slug, opts, xml, &len, &err), SIAR_OK);
	doc = parse(*xml, len, &errors);
	assert_non_null(doc);
	assert_int_equal(errors, 0);
	return doc;
}

static void feed_falls_back_for_minimal_show(void **state)
{
	struct fixture *fx = *state;
	struct fixture mini = {0};

	mini.doc = feed_doc(fx->cat, "kpu-makassar", NULL, &mini.xml);
	mini.xp = xpath_context(mini.doc);
	assert_xpath(&mini, "string(/rss/channel/description)",
		     "Siniar KPU Makassar");
	assert_xpath(&mini, "string(/rss/channel/link)",
		     "https://media.example.id/makassar");
	assert_xpath(&mini, "string(/rss/channel/atom:link/@href)",
		     "https://media.example.id/makassar/feed.xml");
	assert_xpath(&mini, "string(/rss/channel/language)", "id");
	assert_xpath(&mini,
		     "string(count(/rss/channel/itunes:owner | "
		     "/rss/channel/itunes:image | /rss/channel/image | "
		     "/rss/channel/itunes:category | "
		     "/rss/channel/podcast:locked | /rss/channel/copyright))",
		     "0");
	assert_xpath(&mini, "string(/rss/channel/itunes:type)", "episodic");
	assert_xpath(&mini, "string(/rss/channel/podcast:medium)", "podcast");
	check_guid(mini.xp, "https://media.example.id/makassar/feed.xml");
	assert_xpath(&mini, "string(//item/itunes:episodeType)", "full");
	assert_xpath(&mini, "string(//item/itunes:explicit)", "false");
	assert_xpath(&mini, "string(//item/pubDate)",
		     "Thu, 01 Feb 2024 09:15:00 +0800");
	assert_xpath(&mini, "string(//item/itunes:duration)", "61");
	assert_xpath(&mini, "string(//item/enclosure/@url)",
		     "https://media.example.id/makassar/tps.m4a");
	xmlXPathFreeContext(mini.xp);
	xmlFreeDoc(mini.doc);
	free(mini.xml);
}

/*
 * An imported episode keeps its files on the old host: the feed links to
 * each URL as it is, with no integrity value (no hash), and to the old
 * host's chapters file.
 */
static void feed_links_remote_files_as_they_are(void **state)
{
	static const char media[] = "https://cdn.example.com/a%20b/ep.mp3?x=1";
	struct fixture *fx = *state;
	struct fixture remote = {0};
	struct catalog_transcript t = {
	    str("https://cdn.example.com/ep.vtt"), str("text/vtt"), NULL};
	struct catalog_rendition r = {0};
	struct siar_err err = {0};
	struct catalog_episode ep;
	struct catalog_show show;
	int64_t id = 0;

	catalog_show_init(&show);
	show.review_required = false;
	show.slug = str("pindahan");
	show.title = str("Siniar Pindahan");
	show.author = str("KPU");
	show.base_url = str("https://kpu.example.id/pindahan");
	assert_int_equal(catalog_show_add(fx->cat, &show, NULL, &err), SIAR_OK);
	catalog_episode_init(&ep);
	ep.show_slug = str("pindahan");
	ep.guid = str("https://old.example.com/?p=1");
	ep.title = str("Episode lama");
	ep.media_path = str(media);
	ep.media_mime = str("audio/mpeg");
	ep.media_kind = str("audio");
	ep.media_size_bytes = 4321;
	ep.image_path = str("https://cdn.example.com/ep.jpg");
	ep.chapters_url = str("https://cdn.example.com/ep.json");
	ep.transcripts = &t;
	ep.n_transcripts = 1;
	r.path = str("https://cdn.example.com/ep.m4a");
	r.mime = str("audio/mp4");
	r.kind = str("audio");
	ep.renditions = &r;
	ep.n_renditions = 1;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &err), SIAR_OK);
	assert_int_equal(catalog_episode_publish(fx->cat, id, 1706750100, &err),
			 SIAR_OK);

	remote.doc = feed_doc(fx->cat, "pindahan", NULL, &remote.xml);
	remote.xp = xpath_context(remote.doc);
	assert_xpath(&remote, "string(//item/guid)",
		     "https://old.example.com/?p=1");
	assert_xpath(&remote, "string(//item/enclosure/@url)", media);
	assert_xpath(&remote, "string(//item/enclosure/@length)", "4321");
	assert_xpath(&remote, "string(//item/itunes:image/@href)",
		     "https://cdn.example.com/ep.jpg");
	assert_xpath(&remote, "string(//item/podcast:transcript/@url)",
		     "https://cdn.example.com/ep.vtt");
	assert_xpath(&remote, "string(//item/podcast:chapters/@url)",
		     "https://cdn.example.com/ep.json");
	assert_xpath(&remote,
		     "string(//item/podcast:alternateEnclosure[2]/"
		     "podcast:source/@uri)",
		     "https://cdn.example.com/ep.m4a");
	assert_xpath(&remote, "string(count(//podcast:integrity))", "0");
	xmlXPathFreeContext(remote.xp);
	xmlFreeDoc(remote.doc);
	free(remote.xml);
}

static void feed_uses_self_url_and_generator_options(void **state)
{
	struct fixture *fx = *state;
	struct fixture other = {0};
	struct feed_opts opts;

	feed_opts_init(&opts);
	opts.self_url = "https://kpu-jaksel.example.id/siniar/rss?x=1&y=2";
	opts.generator = "siar-uji";
	other.doc = feed_doc(fx->cat, SLUG, &opts, &other.xml);
	other.xp = xpath_context(other.doc);
	assert_xpath(&other, "string(/rss/channel/atom:link/@href)",
		     opts.self_url);
	assert_xpath(&other, "string(/rss/channel/generator)", "siar-uji");
	check_guid(other.xp, opts.self_url);
	xmlXPathFreeContext(other.xp);
	xmlFreeDoc(other.doc);
	free(other.xml);
}

/*
 * Hostile text in an episode: quotes, &, a script, "]]>", emoji, control
 * characters, invalid UTF-8 and a 100 KB title. The feed stays
 * well-formed, nothing active survives, and valid text parses back equal.
 */
static void feed_makes_hostile_episode_inert(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_show show;
	struct siar_buf title;
	struct fixture other = {0};
	struct ep_spec spec = {
	    .slug = "liar",
	    .description =
		"Awas \"kutip\" & <script>alert(1)</script>"
		"<p onclick=\"alert(2)\" style=\"x\">Paragraf ]]> "
		"\xF0\x9F\x97\xB3\xEF\xB8\x8F\x01 \xC3\x28 "
		"<a href=\"javascript:alert(3)\">tautan</a> "
		"<a href=\"https://kpu.go.id/?a=1&b=2\">KPU</a></p>",
	    .path = "/srv/siar/liar/episode \"1\" ]]>.mp3",
	    .mime = "audio/mpeg",
	    .size_bytes = 1,
	    .duration_ms = 1000,
	    .publish_at = NOW_UNIX - 60,
	};
	char *got;
	int i;

	siar_buf_init(&title, 0);
	for (i = 0; i < 10000; i++)
		siar_buf_adds(&title, "Pemilu \xF0\x9F\x97\xB3 ");
	assert_true(title.len > 100000);
	spec.title = title.buf;
	catalog_show_init(&show);
	show.review_required = false;
	show.slug = str("liar");
	show.title = str("Siniar <b>Liar</b> ]]> \"&\"");
	show.author = str("KPU");
	show.base_url = str("https://media.example.id/liar");
	assert_int_equal(catalog_show_add(fx->cat, &show, NULL, &err), SIAR_OK);
	add_episode(fx->cat, &spec);
	siar_buf_release(&title);

	other.doc = feed_doc(fx->cat, "liar", NULL, &other.xml);
	other.xp = xpath_context(other.doc);
	assert_xpath(&other, "string(/rss/channel/title)",
		     "Siniar <b>Liar</b> ]]> \"&\"");
	/* The title is cut to 255 bytes on a code point, still valid. */
	got = xpath_string(other.xp, "string(//item/title)");
	assert_true(strlen(got) <= 255 && strlen(got) > 240);
	assert_true(siar_utf8_valid(got, strlen(got)));
	assert_int_equal(strncmp(got, "Pemilu \xF0\x9F\x97\xB3 Pemilu", 16),
			 0);
	free(got);
	got = xpath_string(other.xp, "string(//item/content:encoded)");
	assert_null(strstr(got, "script"));
	assert_null(strstr(got, "onclick"));
	assert_null(strstr(got, "style"));
	assert_null(strstr(got, "javascript"));
	assert_null(strstr(got, "]]>"));
	assert_non_null(strstr(got, "]]&gt;"));
	assert_non_null(strstr(got, "href=\"https://kpu.go.id/?a=1&amp;b=2\""));
	assert_non_null(strstr(got, "\xF0\x9F\x97\xB3\xEF\xB8\x8F"));
	assert_null(strchr(got, '\x01'));
	assert_true(siar_utf8_valid(got, strlen(got)));
	free(got);
	got = xpath_string(other.xp, "string(//item/description)");
	assert_null(strstr(got, "<script"));
	assert_non_null(strstr(got, "Awas"));
	free(got);
	/* The enclosure's file name is percent-encoded, not escaped. */
	assert_xpath(&other, "string(//item/enclosure/@url)",
		     "https://media.example.id/liar/"
		     "episode%20%221%22%20%5D%5D%3E.mp3");
	xmlXPathFreeContext(other.xp);
	xmlFreeDoc(other.doc);
	free(other.xml);
}

static void feed_cuts_long_description_on_code_point(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_show show;
	struct siar_buf desc;
	struct fixture other = {0};
	char *got;
	int i;

	/* "a" then 2-byte characters: byte 4000 falls inside one. */
	siar_buf_init(&desc, 0);
	siar_buf_adds(&desc, "  a");
	for (i = 0; i < 2500; i++)
		siar_buf_adds(&desc, "\xC3\xA9");
	catalog_show_init(&show);
	show.review_required = false; /* published directly */
	show.slug = str("panjang");
	show.title = str("\t Judul berspasi \n");
	show.description = desc.buf;
	show.author = str("KPU");
	show.base_url = str("https://media.example.id/panjang");
	assert_int_equal(catalog_show_add(fx->cat, &show, NULL, &err), SIAR_OK);
	siar_buf_release(&desc);
	other.doc = feed_doc(fx->cat, "panjang", NULL, &other.xml);
	other.xp = xpath_context(other.doc);
	assert_xpath(&other, "string(/rss/channel/title)", "Judul berspasi");
	got = xpath_string(other.xp, "string(/rss/channel/description)");
	assert_int_equal(strlen(got), 3999);
	assert_true(siar_utf8_valid(got, strlen(got)));
	free(got);
	xmlXPathFreeContext(other.xp);
	xmlFreeDoc(other.doc);
	free(other.xml);
}

/*
 * A show with every channel setting the main one leaves at its default,
 * and a stored feed GUID, which wins over the one of its URL.
 */
static void feed_writes_show_settings(void **state)
{
	static const struct ep_spec ep = {
	    .slug = "kpu-serial",
	    .title = "Bagian 1",
	    .path = "/srv/siar/serial/bagian-1.mp4",
	    .mime = "video/mp4",
	    .size_bytes = 1000,
	    .duration_ms = 60000,
	    .season = 1,
	    .number = 1,
	    .publish_at = 1706750100,
	    .episode_type = "trailer",
	};
	static const char guid[] = "c7a1b2d3-0000-5000-8000-0123456789ab";
	struct fixture *fx = *state;
	struct siar_err err = {0};
	struct catalog_show show;
	struct fixture other = {0};

	catalog_show_init(&show);
	show.review_required = false; /* published directly */
	show.slug = str("kpu-serial");
	show.title = str("Kisah Pemilu");
	show.author = str("KPU");
	show.base_url = str("https://media.example.id/serial");
	show.category = str("News");
	show.subcategory = str("Politics");
	show.medium = str("video");
	show.show_type = str("serial");
	show.feed_guid = str(guid);
	show.explicit = true;
	assert_int_equal(catalog_show_add(fx->cat, &show, NULL, &err), SIAR_OK);
	add_episode(fx->cat, &ep);
	other.doc = feed_doc(fx->cat, "kpu-serial", NULL, &other.xml);
	other.xp = xpath_context(other.doc);
	assert_xpath(&other, "string(/rss/channel/itunes:category/@text)",
		     "News");
	assert_xpath(
	    &other,
	    "string(/rss/channel/itunes:category/itunes:category/@text)",
	    "Politics");
	assert_xpath(&other, "string(count(//itunes:category))", "2");
	assert_xpath(&other, "string(/rss/channel/itunes:type)", "serial");
	assert_xpath(&other, "string(/rss/channel/podcast:medium)", "video");
	assert_xpath(&other, "string(/rss/channel/podcast:guid)", guid);
	assert_xpath(&other, "string(/rss/channel/itunes:explicit)", "true");
	assert_xpath(&other, "string(//item/itunes:episodeType)", "trailer");
	/* An explicit show makes every episode explicit. */
	assert_xpath(&other, "string(//item/itunes:explicit)", "true");
	xmlXPathFreeContext(other.xp);
	xmlFreeDoc(other.doc);
	free(other.xml);
}

/* ---- podcast:guid ------------------------------------------------------ */

static void check_podcast_guid(const char *url, const char *want)
{
	char *got = feed_podcast_guid(url);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The examples of feed-spec §5 (Podcasting 2.0's guid.md). */
static void podcast_guid_matches_spec_examples(void **state)
{
	static const char podnews[] = "9b024349-ccf0-5f69-a609-6b82873eab3c";

	(void)state;
	check_podcast_guid("https://podnews.net/rss", podnews);
	check_podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml",
			   "917393e3-1b1e-5cef-ace4-edaa54e1f810");
	check_podcast_guid("podnews.net/rss", podnews);
	check_podcast_guid("podnews.net/rss/", podnews);
	check_podcast_guid("http://podnews.net/rss//", podnews);
	check_podcast_guid("feed+x.y://podnews.net/rss", podnews);
}

static void podcast_guid_changes_nothing_but_scheme_and_end(void **state)
{
	char *upper, *plain;

	(void)state;
	/* No lowercasing: another name, another GUID. */
	upper = feed_podcast_guid("https://Podnews.net/rss");
	plain = feed_podcast_guid("https://podnews.net/rss");
	assert_non_null(upper);
	assert_non_null(plain);
	assert_string_not_equal(upper, plain);
	free(upper);
	free(plain);
	/* A "://" after a character no scheme has is part of the name. */
	upper = feed_podcast_guid("podnews.net/go?u=https://x");
	plain = feed_podcast_guid("x");
	assert_non_null(upper);
	assert_non_null(plain);
	assert_string_not_equal(upper, plain);
	free(upper);
	free(plain);
}

static void podcast_guid_refuses_empty_name(void **state)
{
	(void)state;
	assert_null(feed_podcast_guid(NULL));
	assert_null(feed_podcast_guid(""));
	assert_null(feed_podcast_guid("https://"));
	assert_null(feed_podcast_guid("https:///"));
	assert_null(feed_podcast_guid("/"));
}

/* ---- Failures ---------------------------------------------------------- */

static void feed_reports_unknown_show(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	char *xml;
	size_t len;

	assert_int_equal(
	    write_feed(fx->cat, "tidak-ada", NULL, &xml, &len, &err),
	    SIAR_ENOTFOUND);
	assert_int_equal(err.code, SIAR_ENOTFOUND);
	assert_int_equal(len, 0);
	free(xml);
}

static void check_write_error(struct catalog *cat, FILE *fp)
{
	struct siar_err err = {0};

	assert_int_equal(feed_write_rss(cat, SLUG, NULL, fp, &err), SIAR_EIO);
	assert_int_equal(err.code, SIAR_EIO);
	if (strncmp(err.msg, "cannot write feed: ", 19))
		fail_msg("unexpected message '%s'", err.msg);
	fclose(fp);
}

static void feed_reports_write_to_read_only_stream(void **state)
{
	struct fixture *fx = *state;
	FILE *fp = fopen("/dev/null", "r");

	assert_non_null(fp);
	check_write_error(fx->cat, fp);
}

static void feed_reports_full_device(void **state)
{
	struct fixture *fx = *state;
	FILE *fp = fopen("/dev/full", "w");

	if (!fp)
		skip();
	check_write_error(fx->cat, fp);
}

/* With a buffer larger than the feed, the failure surfaces only at flush. */
static void feed_reports_full_device_at_flush(void **state)
{
	struct fixture *fx = *state;
	FILE *fp = fopen("/dev/full", "w");

	if (!fp)
		skip();
	assert_int_equal(setvbuf(fp, NULL, _IOFBF, 1 << 20), 0);
	check_write_error(fx->cat, fp);
}

static void feed_output_is_deterministic(void **state)
{
	struct fixture *fx = *state;
	struct siar_err err = {0};
	char *again;
	size_t len;

	assert_int_equal(write_feed(fx->cat, SLUG, NULL, &again, &len, &err),
			 SIAR_OK);
	assert_int_equal(len, fx->len);
	assert_memory_equal(again, fx->xml, len);
	free(again);
}

/* ---- A long feed: written behind the walk -------------------------------- */

/*
 * A feed of LONG_N episodes is written over many batches handed from the
 * walk to the writer's thread and many flushes of the output: the items
 * come out whole and in order, a failed write stops the walk with the
 * writer's error, and the checks find a duplicate far from its first
 * (suspected on the writer's thread, confirmed in the catalogue after the
 * walk).
 */
#define LONG_N 500

struct long_fixture {
	struct catalog *cat;
	int64_t id[LONG_N];
};

static int long_setup(void **state)
{
	struct long_fixture *lf = calloc(1, sizeof(*lf));
	struct siar_err err = {0};
	char title[64], path[64], desc[700];
	struct ep_spec spec = {0};
	size_t i;

	assert_non_null(lf);
	assert_int_equal(
	    catalog_open(&lf->cat, ":memory:", CATALOG_OPEN_CREATE, &err),
	    SIAR_OK);
	catalog_set_now(lf->cat, NOW_UNIX);
	add_main_show(lf->cat);
	memset(desc, 'a', sizeof(desc) - 1);
	desc[sizeof(desc) - 1] = '\0';
	spec.slug = SLUG;
	spec.description = desc;
	spec.mime = "audio/mpeg";
	spec.size_bytes = 1000;
	spec.duration_ms = 60000;
	spec.guests[0] = "Budi";
	spec.topics[0] = "Pemilu";
	for (i = 0; i < LONG_N; i++) {
		snprintf(title, sizeof(title), "Episode %zu", i);
		/* Episodes 7 and 420 share a file name. */
		snprintf(path, sizeof(path), "/srv/%s/ep-%zu.mp3",
			 i == 420 ? "lain" : "siar", i == 420 ? (size_t)7 : i);
		spec.title = title;
		spec.path = path;
		spec.publish_at = NOW_UNIX - 100000 + (int64_t)i * 60;
		lf->id[i] = add_episode(lf->cat, &spec);
	}
	*state = lf;
	return 0;
}

static int long_teardown(void **state)
{
	struct long_fixture *lf = *state;

	catalog_close(lf->cat);
	free(lf);
	return 0;
}

static void long_feed_holds_every_item_in_order(void **state)
{
	struct long_fixture *lf = *state;
	struct siar_err err = {0};
	char want[64];
	const char *p;
	size_t len, i, n = 0;
	char *xml;

	assert_int_equal(write_feed(lf->cat, SLUG, NULL, &xml, &len, &err),
			 SIAR_OK);
	assert_true(len > 4 * 64 * 1024);
	/* Newest first: episode LONG_N - 1 down to 0. */
	for (p = xml, i = LONG_N; i-- > 0; n++) {
		snprintf(want, sizeof(want), "<title>Episode %zu</title>", i);
		p = strstr(p, want);
		if (!p)
			fail_msg("item %zu missing or out of order", i);
	}
	assert_int_equal(n, LONG_N);
	assert_non_null(strstr(xml, "</channel>\n</rss>\n"));
	free(xml);
}

/* The processors this thread may run on. */
static void get_cpus(cpu_set_t *set)
{
	CPU_ZERO(set);
	assert_int_equal(pthread_getaffinity_np(pthread_self(), sizeof(*set),
						set),
			 0);
}

/*
 * While a long feed is written, the walk's thread is kept on one
 * processor and the writer's off it; the calling thread may use all it
 * could before once the feed is written, and the same when it may use
 * only one (nothing is pinned then).
 */
static void long_feed_leaves_the_caller_its_processors(void **state)
{
	struct long_fixture *lf = *state;
	struct siar_err err = {0};
	cpu_set_t before, after, one;
	size_t len;
	char *xml;
	int cpu;

	/* Every processor online, whatever an earlier test left. */
	CPU_ZERO(&before);
	for (cpu = 0; cpu < sysconf(_SC_NPROCESSORS_ONLN) &&
		      cpu < CPU_SETSIZE;
	     cpu++)
		CPU_SET(cpu, &before);
	assert_int_equal(pthread_setaffinity_np(pthread_self(),
						sizeof(before), &before),
			 0);
	get_cpus(&before);
	assert_int_equal(write_feed(lf->cat, SLUG, NULL, &xml, &len, &err),
			 SIAR_OK);
	free(xml);
	get_cpus(&after);
	assert_true(CPU_EQUAL(&before, &after));
	/* Only one processor: the feed is written all the same. */
	for (cpu = 0; !CPU_ISSET(cpu, &before); cpu++)
		;
	CPU_ZERO(&one);
	CPU_SET(cpu, &one);
	assert_int_equal(pthread_setaffinity_np(pthread_self(), sizeof(one),
						&one),
			 0);
	assert_int_equal(write_feed(lf->cat, SLUG, NULL, &xml, &len, &err),
			 SIAR_OK);
	assert_non_null(strstr(xml, "<title>Episode 0</title>"));
	free(xml);
	get_cpus(&after);
	assert_true(CPU_EQUAL(&one, &after));
	assert_int_equal(pthread_setaffinity_np(pthread_self(),
						sizeof(before), &before),
			 0);
}

static void long_feed_reports_full_device_mid_walk(void **state)
{
	struct long_fixture *lf = *state;
	FILE *fp = fopen("/dev/full", "w");
	struct siar_err err = {0};
	char *xml;
	size_t len;

	if (!fp)
		skip();
	check_write_error(lf->cat, fp);
	/* Nothing of the failed feed stays behind in the next. */
	assert_int_equal(write_feed(lf->cat, SLUG, NULL, &xml, &len, &err),
			 SIAR_OK);
	free(xml);
	(void)err;
}

struct found_problems {
	size_t n;
	char first[256];
};

static int note_problem(const struct feed_lint_problem *pr, void *ctx,
			struct siar_err *err)
{
	struct found_problems *f = ctx;

	(void)err;
	if (!f->n++)
		snprintf(f->first, sizeof(f->first), "%s %s: %s", pr->rule,
			 pr->where, pr->message);
	return SIAR_OK;
}

static void long_feed_checks_find_a_far_duplicate(void **state)
{
	struct long_fixture *lf = *state;
	struct found_problems found = {0};
	struct feed_check check = {note_problem, &found, 0};
	struct siar_err err = {0};
	struct feed_opts opts;
	char *xml;
	size_t len;

	feed_opts_init(&opts);
	opts.check = &check;
	assert_int_equal(write_feed(lf->cat, SLUG, &opts, &xml, &len, &err),
			 SIAR_OK);
	free(xml);
	assert_int_equal(check.n_errors, 1);
	assert_int_equal(found.n, 1);
	if (!strstr(found.first, "enclosure-duplicate") ||
	    !strstr(found.first, "'Episode 7'") ||
	    !strstr(found.first, "Episode 420"))
		fail_msg("unexpected problem '%s'", found.first);
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

#define FEED_TEST(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    FEED_TEST(feed_matches_golden_file),
	    FEED_TEST(feed_parses_without_errors),
	    FEED_TEST(feed_declares_namespaces_once_on_root),
	    FEED_TEST(feed_escapes_and_repairs_hostile_text),
	    FEED_TEST(feed_omits_draft_and_scheduled_episodes),
	    FEED_TEST(feed_lists_newest_episode_first),
	    FEED_TEST(feed_holds_only_its_own_show),
	    FEED_TEST(feed_percent_encodes_enclosure_url),
	    cmocka_unit_test(media_url_handles_base_with_or_without_slash),
	    cmocka_unit_test(default_url_handles_base_with_or_without_slash),
	    FEED_TEST(feed_dates_match_rfc2822_in_show_zone),
	    FEED_TEST(feed_rounds_duration_to_whole_seconds),
	    FEED_TEST(feed_writes_channel_fields),
	    FEED_TEST(feed_writes_item_fields),
	    FEED_TEST(feed_falls_back_for_minimal_show),
	    FEED_TEST(feed_links_remote_files_as_they_are),
	    FEED_TEST(feed_uses_self_url_and_generator_options),
	    FEED_TEST(feed_makes_hostile_episode_inert),
	    FEED_TEST(feed_cuts_long_description_on_code_point),
	    FEED_TEST(feed_writes_show_settings),
	    cmocka_unit_test(podcast_guid_matches_spec_examples),
	    cmocka_unit_test(podcast_guid_changes_nothing_but_scheme_and_end),
	    cmocka_unit_test(podcast_guid_refuses_empty_name),
	    FEED_TEST(feed_reports_unknown_show),
	    FEED_TEST(feed_reports_write_to_read_only_stream),
	    FEED_TEST(feed_reports_full_device),
	    FEED_TEST(feed_reports_full_device_at_flush),
	    FEED_TEST(feed_output_is_deterministic),
	    cmocka_unit_test_setup_teardown(long_feed_holds_every_item_in_order,
					    long_setup, long_teardown),
	    cmocka_unit_test_setup_teardown(
		long_feed_leaves_the_caller_its_processors, long_setup,
		long_teardown),
	    cmocka_unit_test_setup_teardown(
		long_feed_reports_full_device_mid_walk, long_setup,
		long_teardown),
	    cmocka_unit_test_setup_teardown(
		long_feed_checks_find_a_far_duplicate, long_setup,
		long_teardown),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
