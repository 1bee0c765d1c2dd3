/*
 * Tests for feed/'s importer: durations and dates in every form hosts
 * write, then small inline feeds imported into an in-memory catalogue,
 * one rule each: GUID forms, both Podcasting 2.0 namespace URIs, the
 * channel made into a show or filling an existing one, every item field,
 * re-imports and dry runs, and what is refused (entity attacks, what is
 * not XML or not RSS, Atom, feeds over the size cap) or skipped (no
 * enclosure, a bad date, a repeated GUID).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include <libxml/parser.h>

#include "../feed/feed.h"

#define NOW ((int64_t)1718000000) /* 2024-06-10 */

#define P20_NEW "https://podcastindex.org/namespace/1.0"
#define P20_OLD                                                                \
	"https://github.com/Podcastindex-org/podcast-namespace/blob/main/"    \
	"docs/1.0.md"

/* The start of a feed declaring the usual namespaces, podcast: as 'ns'. */
#define HEAD(ns)                                                               \
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                         \
	"<rss version=\"2.0\""                                                 \
	" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""         \
	" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\""          \
	" xmlns:psc=\"http://podlove.org/simple-chapters\""                    \
	" xmlns:atom=\"http://www.w3.org/2005/Atom\""                          \
	" xmlns:podcast=\"" ns "\"><channel>"                                  \
	"<title>Siniar Asal</title><link>https://asal.example.com/</link>"
#define TAIL "</channel></rss>"

/* An item with a GUID, a date and an enclosure, and 'extra' inside. */
#define ITEM(guid, extra)                                                      \
	"<item><title>Episode " guid "</title><guid isPermaLink=\"false\">"    \
	guid "</guid><pubDate>Mon, 03 Jun 2024 10:00:00 +0700</pubDate>"       \
	"<enclosure url=\"https://cdn.example.com/pod/" guid ".mp3\""          \
	" length=\"1000\" type=\"audio/mpeg\"/>" extra "</item>"

struct fx {
	struct catalog *cat;
	struct siar_err err;
	struct feed_import_opts opts;
	struct feed_import_summary sum;
	struct feed_import_item items[16];
	char *guids[16];
	char *reasons[16];
	size_t n_items;
	char *warnings[32];
	size_t n_warnings;
};

/* ---- Fixture ------------------------------------------------------------ */

/*
 * The catalogue borrows what it is given; the structs hold 'char *' only
 * because they also own what they are filled with.
 */
static char *str(const char *s)
{
	return (char *)s;
}

static int on_item(const struct feed_import_item *it, void *ctx,
		   struct siar_err *err)
{
	struct fx *fx = ctx;

	(void)err;
	assert_true(fx->n_items < 16);
	fx->items[fx->n_items] = *it;
	fx->guids[fx->n_items] = it->guid ? strdup(it->guid) : NULL;
	fx->reasons[fx->n_items] = it->reason ? strdup(it->reason) : NULL;
	fx->items[fx->n_items].title = NULL;
	fx->n_items++;
	return SIAR_OK;
}

static void on_warning(const char *message, void *ctx)
{
	struct fx *fx = ctx;

	if (fx->n_warnings < 32)
		fx->warnings[fx->n_warnings++] = strdup(message);
}

static void forget(struct fx *fx)
{
	size_t i;

	for (i = 0; i < fx->n_items; i++) {
		free(fx->guids[i]);
		free(fx->reasons[i]);
	}
	for (i = 0; i < fx->n_warnings; i++)
		free(fx->warnings[i]);
	fx->n_items = 0;
	fx->n_warnings = 0;
	memset(&fx->sum, 0, sizeof(fx->sum));
	siar_err_clear(&fx->err);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (!fx || catalog_open(&fx->cat, ":memory:", 0, &fx->err))
		return -1;
	catalog_set_now(fx->cat, NOW);
	feed_import_opts_init(&fx->opts);
	fx->opts.show_slug = "asal";
	fx->opts.actor = "pemindah";
	fx->opts.on_item = on_item;
	fx->opts.on_warning = on_warning;
	fx->opts.ctx = fx;
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	forget(fx);
	catalog_close(fx->cat);
	free(fx);
	return 0;
}

static int import(struct fx *fx, const char *xml)
{
	forget(fx);
	return feed_import_memory(fx->cat, "feed.xml", xml, strlen(xml),
				  &fx->opts, &fx->sum, &fx->err);
}

static void import_ok(struct fx *fx, const char *xml)
{
	if (import(fx, xml))
		fail_msg("import failed: %s", fx->err.msg);
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!haystack || !strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'",
			 haystack ? haystack : "(null)", needle);
}

static bool warned(const struct fx *fx, const char *needle)
{
	size_t i;

	for (i = 0; i < fx->n_warnings; i++)
		if (strstr(fx->warnings[i], needle))
			return true;
	return false;
}

/* The episode of show "asal" with GUID 'guid', into 'ep'. */
static void get(struct fx *fx, const char *guid, struct catalog_episode *ep)
{
	struct siar_err err = {0};
	int64_t id = 0;

	if (catalog_episode_find_guid(fx->cat, "asal", guid, &id, &err))
		fail_msg("no episode with GUID '%s' %s", guid, err.msg);
	catalog_episode_init(ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, ep, &err), SIAR_OK);
}

static bool has(struct fx *fx, const char *guid)
{
	struct siar_err err = {0};
	int64_t id = 0;

	return catalog_episode_find_guid(fx->cat, "asal", guid, &id, &err) ==
	       SIAR_OK;
}

/* ---- Durations and dates ----------------------------------------------- */

static void check_duration(const char *text, int64_t want)
{
	int64_t ms = -1;

	if (!feed_parse_duration(text, &ms))
		fail_msg("'%s' refused", text);
	if (ms != want)
		fail_msg("'%s' gave %lld ms, not %lld", text, (long long)ms,
			 (long long)want);
}

static void durations_parse_in_every_form(void **state)
{
	int64_t ms = 7;

	(void)state;
	check_duration("3723", 3723000);	   /* seconds (Buzzsprout) */
	check_duration("59:12", 3552000);	   /* MM:SS (Libsyn) */
	check_duration("1:03:27", 3807000);	   /* H:MM:SS (PowerPress) */
	check_duration("01:03:27", 3807000);	   /* HH:MM:SS */
	check_duration("00:00:07", 7000);
	check_duration("12.5", 12500);		   /* fractional seconds */
	check_duration("59:12.25", 3552250);
	check_duration("1:03:27.125", 3807125);
	check_duration(" 42\n", 42000);
	check_duration("90:00", 5400000); /* minutes past 59, as hosts write */
	check_duration("00:02:36.949", 156949); /* psc:chapter start */
	assert_false(feed_parse_duration("", &ms));
	assert_false(feed_parse_duration("abc", &ms));
	assert_false(feed_parse_duration("1:02:03:04", &ms));
	assert_false(feed_parse_duration("-5", &ms));
	assert_false(feed_parse_duration("12:", &ms));
	assert_false(feed_parse_duration(":12", &ms));
	assert_false(feed_parse_duration("1.5:30", &ms));
	assert_false(feed_parse_duration("45 min", &ms));
	assert_false(feed_parse_duration(NULL, &ms));
	assert_int_equal(ms, 7);
}

static void check_date(const char *text, int64_t want)
{
	int64_t t = -1;

	if (!feed_parse_date(text, &t))
		fail_msg("'%s' refused", text);
	if (t != want)
		fail_msg("'%s' gave %lld, not %lld", text, (long long)t,
			 (long long)want);
}

static void dates_parse_rfc2822_and_iso8601(void **state)
{
	/* 2002-10-02 13:00:00 UTC */
	const int64_t t = 1033563600;
	int64_t got = 7;

	(void)state;
	check_date("Wed, 02 Oct 2002 13:00:00 GMT", t);
	check_date("Wed, 02 Oct 2002 13:00:00 +0000", t);
	check_date("Wed, 02 Oct 2002 13:00:00 -0000", t);
	check_date("Wed, 02 Oct 2002 20:00:00 +0700", t);
	check_date("Wed, 02 Oct 2002 08:00:00 -0500", t);
	check_date("Wed, 02 Oct 2002 08:00:00 EST", t);
	check_date("Wed, 02 Oct 2002 09:00:00 EDT", t);
	check_date("Wed, 02 Oct 2002 06:00:00 PDT", t);
	check_date("Wed, 02 Oct 2002 13:00:00 UT", t);
	check_date("Wed, 02 Oct 2002 13:00:00 Z", t);
	check_date("Wed, 02 Oct 2002 13:00 GMT", t);
	check_date("Wed, 2 Oct 2002 13:00:00 GMT", t);
	check_date("02 Oct 2002 13:00:00 GMT", t);
	check_date("Wednesday, 02 October 2002 13:00:00 GMT", t);
	check_date("Wed, 02 Oct 02 13:00:00 GMT", t);
	check_date("Wed, 02 Oct 2002 13:00:00", t);	/* no zone: UTC */
	check_date("Wed, 02 Oct 2002 18:30:00 +05:30", t);
	check_date("Tue, 02 Oct 2002 13:00:00 GMT", t); /* weekday unchecked */
	check_date("2002-10-02T20:00:00+07:00", t);
	check_date("2002-10-02T13:00:00Z", t);
	check_date("2002-10-02T13:00:00.250Z", t);
	check_date("2002-10-02", t - 13 * 3600);
	check_date("Thu, 29 Feb 2024 00:00:00 GMT", 1709164800);
	assert_false(feed_parse_date("Thu, 31 Apr 2020 10:00:00 GMT", &got));
	assert_false(feed_parse_date("Fri, 29 Feb 2019 10:00:00 GMT", &got));
	assert_false(feed_parse_date("Mon, 32 Jan 2020 10:00:00 GMT", &got));
	assert_false(feed_parse_date("Mon, 01 Foo 2020 10:00:00 GMT", &got));
	assert_false(feed_parse_date("Mon, 01 Jan 2020 25:00:00 GMT", &got));
	assert_false(feed_parse_date("Mon, 01 Jan 2020 10:00:00 +9900", &got));
	assert_false(feed_parse_date("Mon, 01 Jan 2020 10:00:00 XYZ", &got));
	assert_false(feed_parse_date("yesterday", &got));
	assert_false(feed_parse_date("", &got));
	assert_false(feed_parse_date(NULL, &got));
	assert_int_equal(got, 7);
}

/* ---- GUIDs --------------------------------------------------------------- */

static void guids_are_kept_byte_for_byte(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, HEAD(P20_NEW)
		  ITEM("Buzzsprout-18133270", "")
		  "<item><title>URL</title>"
		  "<guid>https://Old.example.com/?p=15137&amp;x=1</guid>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/u.mp3\""
		  " length=\"1\" type=\"audio/mpeg\"/></item>"
		  "<item><title>CDATA</title><guid isPermaLink=\"false\">"
		  "<![CDATA[29b924c4-6A40-40b1-9c37-367b35a63121]]></guid>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/c.mp3\""
		  " length=\"1\" type=\"audio/mpeg\"/></item>"
		  "<item><title>Spaced</title><guid>\n  tag:soundcloud,2010:"
		  "tracks/123  \n</guid>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/s.mp3\""
		  " length=\"1\" type=\"audio/mpeg\"/></item>" TAIL);
	assert_int_equal(fx->sum.added, 4);
	assert_true(has(fx, "Buzzsprout-18133270"));
	assert_true(has(fx, "https://Old.example.com/?p=15137&x=1"));
	assert_true(has(fx, "29b924c4-6A40-40b1-9c37-367b35a63121"));
	assert_false(has(fx, "29b924c4-6a40-40b1-9c37-367b35a63121"));
	/* Surrounding white space is not part of it, as parsers agree. */
	get(fx, "tag:soundcloud,2010:tracks/123", &ep);
	assert_string_equal(ep.title, "Spaced");
	catalog_episode_release(&ep);
}

static void item_without_guid_takes_its_enclosure_url(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, HEAD(P20_NEW)
		  "<item><title>No GUID</title>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/a b.mp3?x=1\""
		  " length=\"5\" type=\"audio/mpeg\"/></item>" TAIL);
	get(fx, "https://cdn.example.com/a b.mp3?x=1", &ep);
	/* The media URL itself is made fit to link to. */
	assert_string_equal(ep.media_path,
			    "https://cdn.example.com/a%20b.mp3?x=1");
	catalog_episode_release(&ep);
}

static void repeated_guid_is_skipped(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(import(fx, HEAD(P20_NEW) ITEM("dup", "")
				ITEM("dup", "") TAIL),
			 SIAR_OK);
	assert_int_equal(fx->sum.added, 1);
	assert_int_equal(fx->sum.skipped, 1);
	assert_int_equal(fx->items[1].status, FEED_IMPORT_SKIPPED);
	assert_contains(fx->reasons[1], "repeats that of item 1");
}

/* ---- Skipped items --------------------------------------------------------- */

static void items_without_enclosure_or_good_date_are_skipped(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(
	    import(fx, HEAD(P20_NEW)
		   "<item><title>Blog post</title><guid>post</guid>"
		   "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate></item>"
		   "<item><title>Bad date</title><guid>bad</guid>"
		   "<pubDate>Mon, 33 Jun 2024 10:00:00 GMT</pubDate>"
		   "<enclosure url=\"https://cdn.example.com/b.mp3\""
		   " length=\"1\" type=\"audio/mpeg\"/></item>"
		   "<item><title>No date</title><guid>none</guid>"
		   "<enclosure url=\"https://cdn.example.com/n.mp3\""
		   " length=\"1\" type=\"audio/mpeg\"/></item>"
		   "<item><title>FTP</title><guid>ftp</guid>"
		   "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		   "<enclosure url=\"ftp://cdn.example.com/f.mp3\""
		   " length=\"1\" type=\"audio/mpeg\"/></item>"
		   "<item><title>dc:date</title><guid>dc</guid>"
		   "<dc:date xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
		   "2024-06-03T10:00:00+07:00</dc:date>"
		   "<enclosure url=\"https://cdn.example.com/d.mp3\""
		   " length=\"1\" type=\"audio/mpeg\"/></item>" TAIL),
	    SIAR_OK);
	assert_int_equal(fx->n_items, 5);
	assert_int_equal(fx->sum.added, 1);
	assert_int_equal(fx->sum.skipped, 4);
	assert_string_equal(fx->reasons[0], "no enclosure");
	assert_string_equal(fx->reasons[1],
			    "bad pubDate 'Mon, 33 Jun 2024 10:00:00 GMT'");
	assert_string_equal(fx->reasons[2], "no pubDate");
	assert_contains(fx->reasons[3], "not an http(s) URL");
	assert_int_equal(fx->items[4].status, FEED_IMPORT_ADDED);
	assert_false(has(fx, "post"));
	assert_false(has(fx, "bad"));
	assert_true(has(fx, "dc"));
}

/* ---- Refused documents -------------------------------------------------------- */

static const char laughs[] =
	"<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n"
	" <!ENTITY a \"lollollollollollollollollollol\">\n"
	" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
	" <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
	" <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
	" <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
	" <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
	" <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
	" <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
	" <!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
	"]>\n<rss version=\"2.0\"><channel><title>&i;</title>"
	"<item><title>&i;</title><guid>g</guid>"
	"<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
	"<enclosure url=\"https://e.example/a.mp3\" length=\"1\""
	" type=\"audio/mpeg\"/></item></channel></rss>";

static void entity_expansion_is_refused(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;

	assert_int_equal(import(fx, laughs), SIAR_EINVAL);
	assert_contains(fx->err.msg, "declares XML entities");
	siar_err_clear(&fx->err);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &show, &fx->err),
			 SIAR_ENOTFOUND);
	catalog_show_release(&show);
}

/* A file with a marker, named by an external entity: never read. */
static void external_entity_is_never_read(void **state)
{
	struct fx *fx = *state;
	char path[] = "/tmp/siar-secret-XXXXXX";
	char xml[1024];
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, "SIAR-SECRET", 11), 11);
	close(fd);
	snprintf(xml, sizeof(xml),
		 "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM"
		 " \"file://%s\">]>\n<rss version=\"2.0\"><channel>"
		 "<title>&x;</title><item><title>&x;</title><guid>g</guid>"
		 "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		 "<enclosure url=\"https://e.example/a.mp3\" length=\"1\""
		 " type=\"audio/mpeg\"/></item></channel></rss>",
		 path);
	assert_int_equal(import(fx, xml), SIAR_EINVAL);
	assert_contains(fx->err.msg, "declares XML entities");
	assert_false(has(fx, "g"));
	/* A parameter entity is a declaration too. */
	snprintf(xml, sizeof(xml),
		 "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY %% p SYSTEM"
		 " \"file://%s\"> %%p;]>\n<rss version=\"2.0\"><channel>"
		 "<title>t</title></channel></rss>",
		 path);
	assert_int_equal(import(fx, xml), SIAR_EINVAL);
	assert_contains(fx->err.msg, "declares XML entities");
	unlink(path);
}

/* An external DTD is not loaded: what it declares stays unknown. */
static void external_dtd_is_not_loaded(void **state)
{
	struct fx *fx = *state;
	char path[] = "/tmp/siar-dtd-XXXXXX";
	char xml[1024];
	struct catalog_episode ep;
	int fd = mkstemp(path);
	static const char dtd[] = "<!ENTITY x \"LOADED\">";

	assert_true(fd >= 0);
	assert_int_equal(write(fd, dtd, sizeof(dtd) - 1),
			 (ssize_t)sizeof(dtd) - 1);
	close(fd);
	snprintf(xml, sizeof(xml),
		 "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"%s\">\n"
		 "<rss version=\"2.0\"><channel><title>t</title>"
		 "<item><title>a&x;b</title><guid>g</guid>"
		 "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		 "<enclosure url=\"https://e.example/a.mp3\" length=\"1\""
		 " type=\"audio/mpeg\"/></item></channel></rss>",
		 path);
	import_ok(fx, xml);
	get(fx, "g", &ep);
	assert_string_equal(ep.title, "ab");
	catalog_episode_release(&ep);
	unlink(path);
}

static void what_is_not_rss_is_refused(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(import(fx, "not xml at all"), SIAR_EINVAL);
	assert_contains(fx->err.msg, "not well-formed XML (line 1");
	assert_int_equal(import(fx, ""), SIAR_EINVAL);
	assert_int_equal(import(fx, "<rss><channel><title>x</channel></rss>"),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "not well-formed XML");
	assert_int_equal(import(fx, "<html><body>404</body></html>"),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "not an RSS feed (its root element is"
				     " <html>)");
	assert_int_equal(import(fx, "<rss version=\"2.0\"></rss>"),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "without a <channel>");
	assert_int_equal(
	    import(fx, "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf"
		       "-syntax-ns#\"/>"),
	    SIAR_EINVAL);
	assert_contains(fx->err.msg, "RSS 1.0");
	assert_int_equal(
	    import(fx, "<feed xmlns=\"http://www.w3.org/2005/Atom\""
		       " xmlns:yt=\"http://www.youtube.com/xml/schemas/2015\">"
		       "<title>Kanal</title><entry><yt:videoId>x</yt:videoId>"
		       "</entry></feed>"),
	    SIAR_EINVAL);
	assert_contains(fx->err.msg, "a YouTube channel's Atom feed");
	assert_int_equal(
	    import(fx, "<feed xmlns=\"http://www.w3.org/2005/Atom\">"
		       "<title>Blog</title></feed>"),
	    SIAR_EINVAL);
	assert_contains(fx->err.msg, "an Atom feed; siar imports podcast RSS");
	assert_int_equal(fx->n_items, 0);
}

static void feed_over_size_cap_is_refused(void **state)
{
	struct fx *fx = *state;
	const char *xml = HEAD(P20_NEW) ITEM("a", "") TAIL;

	fx->opts.max_bytes = 100;
	assert_int_equal(import(fx, xml), SIAR_EINVAL);
	assert_contains(fx->err.msg, "larger than 100 bytes");
	fx->opts.max_bytes = 0;
	import_ok(fx, xml);
}

static void bad_bytes_are_repaired_with_a_warning(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, HEAD(P20_NEW)
		  "<item><title>Caf\xe9 \x01ok</title><guid>g</guid>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://e.example/a.mp3\" length=\"1\""
		  " type=\"audio/mpeg\"/></item>" TAIL);
	assert_true(warned(fx, "not clean UTF-8"));
	get(fx, "g", &ep);
	assert_string_equal(ep.title, "Caf\xEF\xBF\xBD ok");
	catalog_episode_release(&ep);
}

/* ---- Both namespace URIs ------------------------------------------------------ */

#define P20_ITEM                                                               \
	ITEM("p20",                                                            \
	     "<podcast:season>2</podcast:season>"                              \
	     "<podcast:episode>7</podcast:episode>"                            \
	     "<podcast:person role=\"guest\">Siti Aminah</podcast:person>"     \
	     "<podcast:transcript url=\"https://cdn.example.com/t.srt\""       \
	     " type=\"application/srt\" language=\"id\"/>"                     \
	     "<podcast:chapters url=\"https://cdn.example.com/c.json\""        \
	     " type=\"application/json+chapters\"/>")
#define P20_CHANNEL                                                            \
	"<podcast:guid>917393E3-1B1E-5CEF-ACE4-EDAA54E1F810</podcast:guid>"    \
	"<podcast:medium>music</podcast:medium>"                               \
	"<podcast:person role=\"host\" href=\"https://budi.example.id/\">"     \
	"Budi</podcast:person>"

static void check_p20(struct fx *fx)
{
	struct catalog_episode ep;
	struct catalog_show show;

	get(fx, "p20", &ep);
	assert_int_equal(ep.season, 2);
	assert_int_equal(ep.episode_number, 7);
	assert_int_equal(ep.n_guests, 1);
	assert_string_equal(ep.guests[0], "Siti Aminah");
	assert_int_equal(ep.n_transcripts, 1);
	assert_string_equal(ep.transcripts[0].path,
			    "https://cdn.example.com/t.srt");
	assert_string_equal(ep.transcripts[0].mime, "application/x-subrip");
	assert_string_equal(ep.transcripts[0].language, "id");
	assert_string_equal(ep.chapters_url, "https://cdn.example.com/c.json");
	catalog_episode_release(&ep);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &show, &fx->err),
			 SIAR_OK);
	assert_string_equal(show.feed_guid,
			    "917393e3-1b1e-5cef-ace4-edaa54e1f810");
	assert_string_equal(show.medium, "music");
	catalog_show_release(&show);
}

static void new_namespace_uri_is_read(void **state)
{
	struct fx *fx = *state;

	import_ok(fx, HEAD(P20_NEW) P20_CHANNEL P20_ITEM TAIL);
	check_p20(fx);
}

static void old_namespace_uri_is_read(void **state)
{
	struct fx *fx = *state;

	import_ok(fx, HEAD(P20_OLD) P20_CHANNEL P20_ITEM TAIL);
	check_p20(fx);
}

/* ---- The show ---------------------------------------------------------------- */

#define FULL_CHANNEL                                                           \
	"<?xml version=\"1.0\"?><rss version=\"2.0\""                          \
	" xmlns:itunes=\"http://www.itunes.com/DTDs/Podcast-1.0.dtd\""         \
	" xmlns:atom=\"http://www.w3.org/2005/Atom\""                          \
	" xmlns:podcast=\"" P20_NEW "\"><channel>"                             \
	"<title>Siniar &amp; Asal</title>"                                     \
	"<link>https://asal.example.com/</link>"                               \
	"<description><![CDATA[<p>Tentang <b>pemilu</b></p>]]></description>"  \
	"<language>en-US</language><copyright>(c) KPU</copyright>"             \
	"<atom:link rel=\"self\" href=\"https://feeds.example.com/asal\"/>"    \
	"<itunes:author>KPU Asal</itunes:author>"                              \
	"<itunes:owner><itunes:name>Humas</itunes:name>"                       \
	"<itunes:email>humas@asal.example.com</itunes:email></itunes:owner>"   \
	"<itunes:image href=\"https://asal.example.com/cover.jpg\"/>"          \
	"<itunes:category text=\"Podcasting\"/>"                               \
	"<itunes:category text=\"Society &amp; Culture\">"                     \
	"<itunes:category text=\"Documentary\"/></itunes:category>"            \
	"<itunes:explicit>yes</itunes:explicit>"                               \
	"<itunes:type>Serial</itunes:type>"                                    \
	"<podcast:updateFrequency rrule=\"FREQ=WEEKLY;INTERVAL=2\">Dua"        \
	"</podcast:updateFrequency>"                                           \
	"<podcast:person group=\"cast\" role=\"co-host\">Ani</podcast:person>" \
	"<podcast:person role=\"wizard\">Joko</podcast:person>"

static int count_host(const struct catalog_show_credit *c, void *ctx,
		      struct siar_err *err)
{
	size_t *n = ctx;

	(void)err;
	assert_string_equal(c->name, "Ani");
	assert_string_equal(c->role, "co-host");
	(*n)++;
	return SIAR_OK;
}

static void new_show_is_made_from_channel(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct catalog_show s;
	size_t hosts = 0;
	char *want;

	import_ok(fx, FULL_CHANNEL
		  "<item><title>a</title><guid>a</guid>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://media.example.com/pod/x/a.mp3\""
		  " length=\"1\" type=\"audio/mpeg\"/></item>"
		  "<item><title>b</title><guid>b</guid>"
		  "<pubDate>Mon, 03 Jun 2024 11:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://media.example.com/pod/y/b.mp3\""
		  " length=\"1\" type=\"audio/mpeg\"/>"
		  "<itunes:image>https://media.example.com/b.jpg</itunes:image>"
		  "</item>" TAIL);
	assert_true(fx->sum.show_created);
	catalog_show_init(&s);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &s, &fx->err),
			 SIAR_OK);
	assert_string_equal(s.title, "Siniar & Asal");
	assert_string_equal(s.description, "<p>Tentang <b>pemilu</b></p>");
	assert_string_equal(s.author, "KPU Asal");
	assert_string_equal(s.language, "en-US");
	assert_string_equal(s.copyright, "(c) KPU");
	assert_string_equal(s.link, "https://asal.example.com/");
	assert_string_equal(s.image, "https://asal.example.com/cover.jpg");
	assert_string_equal(s.owner_name, "Humas");
	assert_string_equal(s.owner_email, "humas@asal.example.com");
	assert_string_equal(s.category, "Society & Culture");
	assert_string_equal(s.subcategory, "Documentary");
	assert_true(s.explicit);
	assert_string_equal(s.show_type, "serial");
	assert_string_equal(s.cadence, "biweekly");
	/* The folder the enclosures share is where the files are. */
	assert_string_equal(s.base_url, "https://media.example.com/pod");
	/* No podcast:guid: the namespace's GUID of the feed's own URL. */
	want = feed_podcast_guid("https://feeds.example.com/asal");
	assert_string_equal(s.feed_guid, want);
	free(want);
	catalog_show_release(&s);
	/* Some hosts write an image's URL as its text. */
	get(fx, "b", &ep);
	assert_string_equal(ep.image_path, "https://media.example.com/b.jpg");
	catalog_episode_release(&ep);
	assert_int_equal(catalog_show_people_each(fx->cat, "asal", count_host,
						  &hosts, &fx->err),
			 SIAR_OK);
	assert_int_equal(hosts, 1);
	assert_true(warned(fx, "'wizard'"));
}

static void existing_show_gets_only_what_it_lacks(void **state)
{
	struct fx *fx = *state;
	struct catalog_show s;

	catalog_show_init(&s);
	s.slug = str("asal");
	s.title = str("Judul Sendiri");
	s.author = str("Penulis Sendiri");
	s.base_url = str("https://kpu.example.id/asal");
	s.link = str("https://kpu.example.id/");
	s.feed_guid = str("00000000-0000-5000-8000-000000000000");
	assert_int_equal(catalog_show_add(fx->cat, &s, NULL, &fx->err),
			 SIAR_OK);
	import_ok(fx, FULL_CHANNEL "<podcast:guid>"
				   "917393e3-1b1e-5cef-ace4-edaa54e1f810"
				   "</podcast:guid>" TAIL);
	assert_false(fx->sum.show_created);
	assert_true(fx->sum.feed_guid_set);
	assert_string_equal(fx->sum.show_filled,
			    "description, category, image, owner name, owner"
			    " email, copyright");
	catalog_show_init(&s);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &s, &fx->err),
			 SIAR_OK);
	assert_string_equal(s.title, "Judul Sendiri");
	assert_string_equal(s.author, "Penulis Sendiri");
	assert_string_equal(s.link, "https://kpu.example.id/");
	assert_string_equal(s.base_url, "https://kpu.example.id/asal");
	assert_string_equal(s.image, "https://asal.example.com/cover.jpg");
	assert_string_equal(s.feed_guid,
			    "917393e3-1b1e-5cef-ace4-edaa54e1f810");
	catalog_show_release(&s);
	/* Again: nothing left to fill, the GUID is the same. */
	import_ok(fx, FULL_CHANNEL "<podcast:guid>"
				   "917393e3-1b1e-5cef-ace4-edaa54e1f810"
				   "</podcast:guid>" TAIL);
	assert_string_equal(fx->sum.show_filled, "");
	assert_false(fx->sum.feed_guid_set);
}

static void channel_values_that_do_not_fit_are_left_out(void **state)
{
	struct fx *fx = *state;
	struct catalog_show s;

	import_ok(fx, "<rss version=\"2.0\""
		      " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0"
		      ".dtd\" xmlns:podcast=\"" P20_NEW "\"><channel>"
		      "<title>T</title><link>not a url</link>"
		      "<language>Bahasa Indonesia</language>"
		      "<podcast:guid>not-a-uuid</podcast:guid>"
		      "<podcast:medium>hologram</podcast:medium>"
		      "<itunes:category text=\"Arts\">"
		      "<itunes:category text=\"Investing\"/></itunes:category>"
		      "<itunes:owner><itunes:email>nobody</itunes:email>"
		      "</itunes:owner>" ITEM("a", "") TAIL);
	catalog_show_init(&s);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &s, &fx->err),
			 SIAR_OK);
	assert_null(s.link);
	assert_string_equal(s.language, "id");
	assert_string_equal(s.category, "Arts");
	assert_null(s.subcategory);
	assert_null(s.owner_email);
	assert_string_equal(s.medium, "podcast");
	assert_null(s.feed_guid);
	assert_string_equal(s.author, "T");
	assert_string_equal(s.base_url, "https://cdn.example.com/pod");
	catalog_show_release(&s);
	assert_true(warned(fx, "'Bahasa Indonesia'"));
	assert_true(warned(fx, "'not-a-uuid'"));
}

/* ---- Item fields --------------------------------------------------------------- */

static void item_fields_are_imported(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, HEAD(P20_NEW)
		  "<item><title>Full</title><guid>full</guid>"
		  "<description>short &lt;b&gt;text&lt;/b&gt;</description>"
		  "<content:encoded><![CDATA[<p>Long&nbsp;<b>notes</b></p>]]>"
		  "</content:encoded>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 +0700</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/v.mp4\""
		  " length=\"21096526\" type=\"Video/MP4\"/>"
		  "<enclosure url=\"https://cdn.example.com/second.mp3\""
		  " length=\"2\" type=\"audio/mpeg\"/>"
		  "<itunes:duration>1:03:27.5</itunes:duration>"
		  "<itunes:season>3</itunes:season>"
		  "<itunes:episode>12</itunes:episode>"
		  "<podcast:episode>99</podcast:episode>"
		  "<itunes:episodeType>Trailer</itunes:episodeType>"
		  "<itunes:explicit>explicit</itunes:explicit>"
		  "<itunes:image href=\"https://cdn.example.com/e.jpg\"/>"
		  "<category>Pemilu</category><category>pemilu</category>"
		  "<category>2024</category><category>--</category>"
		  "</item>" TAIL);
	get(fx, "full", &ep);
	assert_string_equal(ep.title, "Full");
	assert_string_equal(ep.description, "<p>Long&nbsp;<b>notes</b></p>");
	assert_int_equal(ep.published_unix, 1717383600);
	assert_string_equal(ep.media_path, "https://cdn.example.com/v.mp4");
	assert_null(ep.media_sha256);
	assert_string_equal(ep.media_mime, "video/mp4");
	assert_string_equal(ep.media_kind, "video");
	assert_int_equal(ep.media_size_bytes, 21096526);
	assert_int_equal(ep.duration_ms, 3807500);
	assert_int_equal(ep.season, 3);
	assert_int_equal(ep.episode_number, 12);
	assert_string_equal(ep.episode_type, "trailer");
	assert_true(ep.explicit);
	assert_string_equal(ep.image_path, "https://cdn.example.com/e.jpg");
	assert_int_equal(ep.n_topics, 2);
	assert_string_equal(ep.topics[0], "Pemilu");
	assert_string_equal(ep.topics[1], "2024");
	assert_int_equal(ep.status, CATALOG_STATUS_PUBLISHED);
	assert_string_equal(ep.added_by, "pemindah");
	catalog_episode_release(&ep);
}

static void item_falls_back_on_what_it_has(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, HEAD(P20_NEW)
		  "<item><itunes:title>Only iTunes</itunes:title>"
		  "<guid>a</guid><itunes:summary>Summary</itunes:summary>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/a.m4a\"/>"
		  "<itunes:duration>soon</itunes:duration>"
		  "<itunes:episode>-1</itunes:episode>"
		  "<itunes:explicit>clean</itunes:explicit></item>"
		  "<item><guid>b</guid>"
		  "<pubDate>Mon, 03 Jun 2024 10:00:00 GMT</pubDate>"
		  "<enclosure url=\"https://cdn.example.com/dir/b.mp4?x=1\""
		  " length=\"junk\"/></item>" TAIL);
	get(fx, "a", &ep);
	assert_string_equal(ep.title, "Only iTunes");
	assert_string_equal(ep.description, "Summary");
	assert_string_equal(ep.media_mime, "audio/x-m4a");
	assert_int_equal(ep.media_size_bytes, 0);
	assert_int_equal(ep.duration_ms, 0);
	assert_int_equal(ep.episode_number, 0);
	assert_false(ep.explicit);
	catalog_episode_release(&ep);
	assert_true(warned(fx, "bad itunes:duration 'soon'"));
	get(fx, "b", &ep);
	assert_string_equal(ep.title, "b.mp4");
	assert_string_equal(ep.media_mime, "video/mp4");
	assert_string_equal(ep.media_kind, "video");
	assert_int_equal(ep.media_size_bytes, 0);
	catalog_episode_release(&ep);
}

static void people_become_guests_credits_and_links(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct catalog_person p;

	import_ok(fx, HEAD(P20_OLD) ITEM(
		      "ppl",
		      "<podcast:person>Tim</podcast:person>"
		      "<podcast:person role=\"Guest\" group=\"Cast\""
		      " href=\"https://siti.example.id/\""
		      " img=\"https://siti.example.id/f.jpg\">Siti</podcast:person>"
		      "<podcast:person role=\"editor\" group=\"audio post-"
		      "production\">Ani</podcast:person>"
		      "<podcast:person role=\"guest\">Siti</podcast:person>"
		      "<podcast:person role=\"juggler\">Joko</podcast:person>"
		      "<podcast:person href=\"\" img=\"\" group=\"cast\""
		      " role=\"host\"/>") TAIL);
	get(fx, "ppl", &ep);
	assert_int_equal(ep.n_guests, 1);
	assert_string_equal(ep.guests[0], "Siti");
	assert_int_equal(ep.n_credits, 1);
	assert_string_equal(ep.credits[0].name, "Tim");
	assert_string_equal(ep.credits[0].role, "host");
	assert_string_equal(ep.credits[0].group, "cast");
	catalog_episode_release(&ep);
	assert_true(warned(fx, "'juggler'"));
	assert_true(warned(fx, "'editor'"));
	catalog_person_init(&p);
	assert_int_equal(catalog_person_get(fx->cat, "Siti", &p, &fx->err),
			 SIAR_OK);
	assert_string_equal(p.url, "https://siti.example.id/");
	assert_string_equal(p.photo, "https://siti.example.id/f.jpg");
	catalog_person_release(&p);
}

static void chapters_transcripts_and_alternates_are_kept(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(
	    fx,
	    HEAD(P20_NEW) ITEM(
		"files",
		"<psc:chapters version=\"1.2\">"
		"<psc:chapter start=\"00:00:00.000\" title=\"Vorrede\"/>"
		"<psc:chapter start=\"00:02:36.949\" title=\"Begr\xC3\xBC\xC3\x9F"
		"ung\"/><psc:chapter start=\"later\" title=\"Bad\"/>"
		"</psc:chapters>"
		"<podcast:chapters url=\"https://cdn.example.com/ch.json\"/>"
		"<podcast:transcript url=\"https://cdn.example.com/t.vtt\""
		" type=\"text/vtt\" rel=\"captions\"/>"
		"<podcast:transcript url=\"https://cdn.example.com/t.pdf\""
		" type=\"application/pdf\"/>"
		"<podcast:alternateEnclosure type=\"audio/mpeg\" length=\"1000\""
		" bitrate=\"128000.5\" default=\"true\">"
		"<podcast:source uri=\"https://cdn.example.com/pod/files.mp3\"/>"
		"</podcast:alternateEnclosure>"
		"<podcast:alternateEnclosure type=\"video/mp4\" length=\"5000\""
		" bitrate=\"432294.5\" height=\"720\" title=\"HD\">"
		"<podcast:source uri=\"https://cdn.example.com/720.torrent\""
		" contentType=\"application/x-bittorrent\"/>"
		"<podcast:source uri=\"https://cdn.example.com/720.mp4\"/>"
		"</podcast:alternateEnclosure>"
		"<podcast:alternateEnclosure type=\"application/x-mpegURL\">"
		"<podcast:source uri=\"https://cdn.example.com/hls.m3u8\"/>"
		"</podcast:alternateEnclosure>"
		"<podcast:image href=\"https://cdn.example.com/poster.jpg\""
		" purpose=\"poster\" width=\"1920\" height=\"1080\"/>") TAIL);
	get(fx, "files", &ep);
	assert_int_equal(ep.n_chapters, 2);
	assert_int_equal(ep.chapters[1].start_ms, 156949);
	assert_string_equal(ep.chapters[1].title, "Begr\xC3\xBC\xC3\x9Fung");
	assert_string_equal(ep.chapters_url, "https://cdn.example.com/ch.json");
	assert_int_equal(ep.n_transcripts, 1);
	assert_string_equal(ep.transcripts[0].mime, "text/vtt");
	assert_int_equal(ep.bit_rate, 128000);
	assert_int_equal(ep.n_renditions, 1);
	assert_string_equal(ep.renditions[0].path,
			    "https://cdn.example.com/720.mp4");
	assert_string_equal(ep.renditions[0].kind, "video");
	assert_int_equal(ep.renditions[0].size_bytes, 5000);
	assert_int_equal(ep.renditions[0].bit_rate, 432294);
	assert_int_equal(ep.renditions[0].height, 720);
	assert_string_equal(ep.renditions[0].title, "HD");
	assert_null(ep.renditions[0].sha256);
	assert_string_equal(ep.poster_path, "https://cdn.example.com/poster.jpg");
	assert_int_equal(ep.width, 1920);
	assert_int_equal(ep.height, 1080);
	catalog_episode_release(&ep);
	assert_true(warned(fx, "psc:chapter start 'later'"));
	assert_true(warned(fx, "application/pdf"));
}

static void taken_episode_number_is_dropped_with_a_warning(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, HEAD(P20_NEW)
		  ITEM("one", "<itunes:episode>4</itunes:episode>")
		  ITEM("two", "<itunes:episode>4</itunes:episode>") TAIL);
	assert_int_equal(fx->sum.added, 2);
	assert_true(warned(fx, "imported without its number"));
	get(fx, "two", &ep);
	assert_int_equal(ep.episode_number, 0);
	catalog_episode_release(&ep);
}

/* ---- Importing again ---------------------------------------------------------- */

#define AGAIN_V1                                                               \
	HEAD(P20_NEW) ITEM("a", "<itunes:duration>61</itunes:duration>")       \
	ITEM("b", "") TAIL
#define AGAIN_V2                                                               \
	HEAD(P20_NEW)                                                          \
	"<item><title>Episode a, revised</title><guid>a</guid>"                \
	"<pubDate>Tue, 04 Jun 2024 10:00:00 +0700</pubDate>"                   \
	"<enclosure url=\"https://cdn.example.com/pod/a.mp3\" length=\"1000\"" \
	" type=\"audio/mpeg\"/><itunes:duration>62</itunes:duration></item>"   \
	ITEM("b", "") ITEM("c", "") TAIL

static void import_again_adds_only_what_is_new(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;

	import_ok(fx, AGAIN_V1);
	assert_int_equal(fx->sum.added, 2);
	import_ok(fx, AGAIN_V1);
	assert_int_equal(fx->sum.added, 0);
	assert_int_equal(fx->sum.unchanged, 2);
	assert_false(fx->sum.show_created);
	import_ok(fx, AGAIN_V2);
	assert_int_equal(fx->sum.added, 1);
	assert_int_equal(fx->sum.updated, 1);
	assert_int_equal(fx->sum.unchanged, 1);
	assert_int_equal(fx->items[0].status, FEED_IMPORT_UPDATED);
	assert_int_equal(fx->items[0].changed,
			 CATALOG_IMPORT_TITLE | CATALOG_IMPORT_DATE |
				 CATALOG_IMPORT_DURATION);
	get(fx, "a", &ep);
	assert_string_equal(ep.title, "Episode a, revised");
	assert_int_equal(ep.duration_ms, 62000);
	catalog_episode_release(&ep);
}

static void dry_run_changes_nothing_but_says_what_would(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;

	fx->opts.dry_run = true;
	import_ok(fx, AGAIN_V1);
	assert_int_equal(fx->sum.added, 2);
	assert_true(fx->sum.show_created);
	assert_int_equal(fx->items[0].status, FEED_IMPORT_ADDED);
	assert_int_equal(fx->items[0].id, 0);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, "asal", &show, &fx->err),
			 SIAR_ENOTFOUND);
	catalog_show_release(&show);
	fx->opts.dry_run = false;
	import_ok(fx, AGAIN_V1);
	fx->opts.dry_run = true;
	import_ok(fx, AGAIN_V2);
	assert_int_equal(fx->sum.added, 1);
	assert_int_equal(fx->sum.updated, 1);
	assert_false(has(fx, "c"));
}

static void bad_options_are_refused(void **state)
{
	struct fx *fx = *state;

	fx->opts.actor = "";
	assert_int_equal(import(fx, AGAIN_V1), SIAR_EINVAL);
	fx->opts.actor = "pemindah";
	fx->opts.show_slug = "Not A Slug";
	assert_int_equal(import(fx, AGAIN_V1), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad show slug");
	fx->opts.show_slug = "asal";
	fx->opts.media_dir = "/tmp";
	assert_int_equal(import(fx, AGAIN_V1), SIAR_EINVAL);
	fx->opts.media_dir = NULL;
	siar_err_clear(&fx->err);
	assert_int_equal(feed_import(fx->cat, "ftp://example.com/feed.xml",
				     &fx->opts, NULL, &fx->err),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "only http:// and https://");
	siar_err_clear(&fx->err);
	assert_int_equal(feed_import(fx->cat, "/nonexistent/feed.xml",
				     &fx->opts, NULL, &fx->err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&fx->err);
	assert_int_equal(feed_import(fx->cat, "/tmp", &fx->opts, NULL,
				     &fx->err),
			 SIAR_EIO);
	assert_contains(fx->err.msg, "not a regular file");
}

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

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(durations_parse_in_every_form),
		cmocka_unit_test(dates_parse_rfc2822_and_iso8601),
		T(guids_are_kept_byte_for_byte),
		T(item_without_guid_takes_its_enclosure_url),
		T(repeated_guid_is_skipped),
		T(items_without_enclosure_or_good_date_are_skipped),
		T(entity_expansion_is_refused),
		T(external_entity_is_never_read),
		T(external_dtd_is_not_loaded),
		T(what_is_not_rss_is_refused),
		T(feed_over_size_cap_is_refused),
		T(bad_bytes_are_repaired_with_a_warning),
		T(new_namespace_uri_is_read),
		T(old_namespace_uri_is_read),
		T(new_show_is_made_from_channel),
		T(existing_show_gets_only_what_it_lacks),
		T(channel_values_that_do_not_fit_are_left_out),
		T(item_fields_are_imported),
		T(item_falls_back_on_what_it_has),
		T(people_become_guests_credits_and_links),
		T(chapters_transcripts_and_alternates_are_kept),
		T(taken_episode_number_is_dropped_with_a_warning),
		T(import_again_adds_only_what_is_new),
		T(dry_run_changes_nothing_but_says_what_would),
		T(bad_options_are_refused),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
