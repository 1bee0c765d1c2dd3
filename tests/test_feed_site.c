/*
 * Tests for the site half of feed/: the template renderer (escaping in
 * text and attributes, URLs, sections, missing names, refused places),
 * the interface strings, the JSON Feed (feed-spec §7, and consistent with
 * the RSS of the same show, both parsed back), and feed_build_site() on an
 * in-memory catalogue in a temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <regex.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

#include "../feed/feed.h"

#define XC(s) ((const xmlChar *)(s))

/* 2024-02-20 12:00:00 +0700. */
#define NOW_UNIX ((int64_t)1708405200)

/* ---- Template helpers ---------------------------------------------------- */

/* Compile 'text' as template "t.html" (and 'partial' as "p.html"). */
static int compile(const char *text, const char *partial,
		   struct feed_tpls **out, struct siar_err *err)
{
	struct feed_tpl_source src[2] = {
	    {"t.html", text, strlen(text)},
	    {"p.html", partial ? partial : "", partial ? strlen(partial) : 0},
	};

	return feed_tpls_new(out, src, 2, err);
}

/* Render 'text' with 'd'; returns the output (caller frees). */
static char *render(const char *text, const char *partial,
		    const struct feed_tpl_data *d)
{
	struct siar_err err = {0};
	struct feed_tpls *t = NULL;
	struct siar_buf out;
	char *s;

	assert_int_equal(compile(text, partial, &t, &err), SIAR_OK);
	siar_buf_init(&out, 0);
	assert_int_equal(feed_tpl_render(t, "t.html", d, &out, &err), SIAR_OK);
	s = siar_buf_detach(&out);
	siar_buf_release(&out);
	feed_tpls_free(t);
	assert_non_null(s);
	return s;
}

static void check_render(const char *text, const struct feed_tpl_data *d,
			 const char *want)
{
	char *got = render(text, NULL, d);

	assert_string_equal(got, want);
	free(got);
}

/* Compiling 'text' fails with a message containing 'why'. */
static void check_refused(const char *text, const char *why)
{
	struct siar_err err = {0};
	struct feed_tpls *t = NULL;

	assert_int_equal(compile(text, NULL, &t, &err), SIAR_EINVAL);
	assert_null(t);
	if (!strstr(err.msg, why))
		fail_msg("'%s': got '%s', want '%s'", text, err.msg, why);
}

/* ---- Templates ---------------------------------------------------------- */

static void template_escapes_text(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	feed_tpl_set(d, "x",
		     "<b>Tom & \"Jerry\"</b> 'n' emoji \xF0\x9F\x8E\x99");
	check_render("<p>{{x}}</p>", d,
		     "<p>&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; "
		     "&#39;n&#39; emoji \xF0\x9F\x8E\x99</p>");
	feed_tpl_set(d, "x", "<script>alert(1)</script>");
	check_render("{{ x }}", d, "&lt;script&gt;alert(1)&lt;/script&gt;");
	/* Controls go, bad UTF-8 becomes U+FFFD. */
	feed_tpl_set(d, "x",
		     "a\x01"
		     "b\xff"
		     "c\td");
	check_render("{{x}}", d,
		     "ab\xEF\xBF\xBD"
		     "c\td");
	feed_tpl_data_free(d);
}

static void template_escapes_attributes(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	feed_tpl_set(d, "x", "\" onmouseover=\"alert(1)");
	check_render("<a title=\"{{x}}\">t</a>", d,
		     "<a title=\"&quot; onmouseover=&quot;alert(1)\">t</a>");
	feed_tpl_set(d, "x", "' onfocus='alert(1)");
	check_render("<a title='{{x}}'>t</a>", d,
		     "<a title='&#39; onfocus=&#39;alert(1)'>t</a>");
	feed_tpl_data_free(d);
}

static void check_url(const char *url, const char *want)
{
	struct feed_tpl_data *d = feed_tpl_data_new();
	char expect[512];

	feed_tpl_set(d, "u", url);
	snprintf(expect, sizeof(expect), "<a href=\"%s\">x</a>", want);
	check_render("<a href=\"{{u}}\">x</a>", d, expect);
	snprintf(expect, sizeof(expect), "<img src=\"%s\" alt=\"\">", want);
	check_render("<img src=\"{{u}}\" alt=\"\">", d, expect);
	feed_tpl_data_free(d);
}

static void template_keeps_safe_urls_and_drops_others(void **state)
{
	(void)state;
	check_url("https://kpu.example.id/a?b=1&c=2",
		  "https://kpu.example.id/a?b=1&amp;c=2");
	check_url("http://kpu.example.id/", "http://kpu.example.id/");
	check_url("HTTPS://KPU.example.id/", "HTTPS://KPU.example.id/");
	check_url("mailto:humas@kpu.example.id", "mailto:humas@kpu.example.id");
	check_url("episode-12.html", "episode-12.html");
	check_url("../topics/pemilu.html#top", "../topics/pemilu.html#top");
	check_url("Episode%201.mp3#t=12.5", "Episode%201.mp3#t=12.5");
	check_url("?page=2", "?page=2");
	check_url("a/b:c", "a/b:c");
	check_url("javascript:alert(1)", "");
	check_url("JaVaScRiPt:alert(1)", "");
	check_url(" javascript:alert(1)", "");
	check_url("java\tscript:alert(1)", "");
	check_url("java\nscript:alert(1)", "");
	check_url("data:text/html,<script>alert(1)</script>", "");
	check_url("vbscript:msgbox", "");
	check_url("file:///etc/passwd", "");
	check_url("a b.html", "");
	assert_true(feed_url_safe("https://x.id/"));
	assert_false(feed_url_safe("javascript:x"));
	assert_false(feed_url_safe(NULL));
}

static void template_checks_url_values_anywhere(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	/* content= is no URL attribute, but the value was set as a URL. */
	feed_tpl_set_url(d, "u", "javascript:alert(1)");
	check_render("<meta content=\"{{u}}\">", d, "<meta content=\"\">");
	check_render("<p>{{u}}</p>", d, "<p></p>");
	feed_tpl_set_url(d, "u", "https://kpu.example.id/x.jpg");
	check_render("<meta content=\"{{u}}\">", d,
		     "<meta content=\"https://kpu.example.id/x.jpg\">");
	/* Only a value that starts a URL attribute decides its scheme. */
	feed_tpl_set(d, "n", "javascript:alert(1)");
	check_render("<a href=\"page-{{n}}.html\">x</a>", d,
		     "<a href=\"page-javascript:alert(1).html\">x</a>");
	feed_tpl_data_free(d);
}

static void template_writes_raw_only_marked_html(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	feed_tpl_set_html(d, "h", "<p>aman</p>");
	feed_tpl_set(d, "t", "<p>teks</p>");
	check_render("{{{h}}}|{{{t}}}|{{h}}", d,
		     "<p>aman</p>|&lt;p&gt;teks&lt;/p&gt;|"
		     "&lt;p&gt;aman&lt;/p&gt;");
	feed_tpl_data_free(d);
}

static void template_sections_repeat_lists_and_test_values(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new(), *item, *o;

	(void)state;
	item = feed_tpl_add(d, "eps");
	feed_tpl_set(item, "title", "Satu");
	item = feed_tpl_add(d, "eps");
	feed_tpl_set(item, "title", "Dua & Tiga");
	feed_tpl_set(d, "show", "Siniar");
	feed_tpl_set_bool(d, "yes", true);
	feed_tpl_set_bool(d, "no", false);
	feed_tpl_set(d, "empty", "");
	o = feed_tpl_obj(d, "t");
	feed_tpl_set(o, "listen", "Dengarkan");
	check_render("<ul>{{#eps}}<li>{{title}} ({{show}})</li>{{/eps}}</ul>",
		     d,
		     "<ul><li>Satu (Siniar)</li><li>Dua &amp; Tiga "
		     "(Siniar)</li></ul>");
	check_render("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!N{{/no}}"
		     "{{#empty}}E{{/empty}}{{^empty}}!E{{/empty}}",
		     d, "Y!N!E");
	check_render("{{t.listen}} {{#t}}{{listen}}{{/t}}", d,
		     "Dengarkan Dengarkan");
	check_render("{{^eps}}none{{/eps}}", d, "");
	/* Setting a name again replaces it. */
	feed_tpl_set(d, "show", "Video");
	check_render("{{show}}", d, "Video");
	feed_tpl_setf(d, "n", "%d episode", 12);
	check_render("{{n}}", d, "12 episode");
	feed_tpl_data_free(d);
}

static void template_missing_names_render_nothing(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	check_render("[{{nope}}][{{a.b.c}}][{{#nope}}x{{/nope}}]"
		     "[{{^nope}}y{{/nope}}][{{{nope}}}]",
		     d, "[][][][y][]");
	check_render("[{{x}}]", NULL, "[]");
	feed_tpl_data_free(d);
}

static void template_drops_lines_of_section_tags(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	feed_tpl_set_bool(d, "yes", true);
	check_render("<ul>\n\t{{#yes}}\n<li>a</li>\n\t{{/yes}}\n"
		     "{{! a comment }}\n</ul>\n",
		     d, "<ul>\n<li>a</li>\n</ul>\n");
	feed_tpl_data_free(d);
}

static void template_includes_partials(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();
	struct siar_err err = {0};
	struct feed_tpls *t = NULL;
	struct siar_buf out;
	char *got;

	(void)state;
	feed_tpl_set(d, "name", "<Siti>");
	got = render("<p>{{>p}}</p>", "Halo {{name}}", d);
	assert_string_equal(got, "<p>Halo &lt;Siti&gt;</p>");
	free(got);
	/* A partial that includes itself stops, with an error. */
	assert_int_equal(compile("{{>p}}", "x{{>p}}", &t, &err), SIAR_OK);
	siar_buf_init(&out, 0);
	assert_int_equal(feed_tpl_render(t, "t.html", d, &out, &err),
			 SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "too deep"));
	siar_buf_release(&out);
	siar_err_clear(&err);
	siar_buf_init(&out, 0);
	assert_int_equal(feed_tpl_render(t, "nope.html", d, &out, &err),
			 SIAR_ENOTFOUND);
	siar_buf_release(&out);
	feed_tpls_free(t);
	feed_tpl_data_free(d);
}

static void template_refuses_unsafe_places(void **state)
{
	(void)state;
	check_refused("<script>var x = \"{{x}}\";</script>", "<script>");
	check_refused("<style>p { color: {{x}} }</style>", "<style>");
	check_refused("<a href={{x}}>", "quoted");
	check_refused("<a {{x}}>", "quoted");
	check_refused("<{{x}}>", "quoted");
	check_refused("<a onclick=\"{{x}}\">", "event handler");
	check_refused("<p style=\"{{x}}\">", "style or srcdoc");
	check_refused("<iframe srcdoc=\"{{x}}\">", "srcdoc attribute");
	check_refused("<a ONCLICK=\"{{x}}\">", "event handler");
	check_refused("<!-- {{x}} -->", "comment");
	check_refused("<a title=\"{{{x}}}\">", "raw");
	check_refused("<a {{>p}}>", "partial");
	check_refused("{{#a}}x", "not closed");
	check_refused("{{#a}}x{{/b}}", "another section");
	check_refused("x{{/a}}", "without a section");
	check_refused("<a {{#x}}href=\"{{/x}}\">", "same HTML context");
	check_refused("{{x", "unclosed");
	check_refused("{{a b}}", "bad name");
	check_refused("{{>nope}}", "no partial 'nope'");
}

static void template_allows_sections_between_attributes(void **state)
{
	struct feed_tpl_data *d = feed_tpl_data_new();

	(void)state;
	feed_tpl_set(d, "poster", "p.jpg");
	check_render("<video controls{{#poster}} poster=\"{{poster}}\""
		     "{{/poster}}>",
		     d, "<video controls poster=\"p.jpg\">");
	feed_tpl_data_free(d);
}

static void builtin_templates_compile(void **state)
{
	const struct feed_tpl_source *src;
	struct siar_err err = {0};
	struct feed_tpls *t = NULL;
	size_t n;

	(void)state;
	src = feed_tpl_builtin(&n);
	assert_true(n >= 10);
	if (feed_tpls_new(&t, src, n, &err))
		fail_msg("%s", err.msg);
	feed_tpls_free(t);
}

/* ---- Strings ------------------------------------------------------------ */

static void strings_table_is_complete_in_both_languages(void **state)
{
	const struct feed_string *s;
	size_t n, i, j;

	(void)state;
	s = feed_strings(&n);
	assert_true(n > 50);
	for (i = 0; i < n; i++) {
		assert_non_null(s[i].key);
		for (j = 0; j < FEED_N_LANGS; j++)
			if (!s[i].text[j] || !*s[i].text[j])
				fail_msg("'%s' has no text in language %zu",
					 s[i].key, j);
		/* Sorted and unique: feed_str() bisects. */
		if (i > 0 && strcmp(s[i - 1].key, s[i].key) >= 0)
			fail_msg("'%s' is out of order", s[i].key);
		assert_string_equal(feed_str(FEED_LANG_EN, s[i].key),
				    s[i].text[FEED_LANG_EN]);
	}
	assert_null(feed_str(FEED_LANG_ID, "no_such_key"));
	assert_string_equal(feed_str(FEED_LANG_ID, "subscribe"),
			    "Berlangganan");
	assert_string_equal(feed_str(FEED_LANG_EN, "subscribe"), "Subscribe");
}

/* Every {{t.KEY}} of the built-in templates is in the table. */
static void templates_use_only_known_strings(void **state)
{
	const struct feed_tpl_source *src;
	const char *p, *end;
	char key[80];
	size_t n, i, len, used = 0;

	(void)state;
	src = feed_tpl_builtin(&n);
	for (i = 0; i < n; i++) {
		for (p = src[i].text; (p = strstr(p, "{{t.")); p = end) {
			p += 4;
			end = strstr(p, "}}");
			assert_non_null(end);
			len = (size_t)(end - p);
			assert_true(len < sizeof(key));
			memcpy(key, p, len);
			key[len] = '\0';
			if (!feed_str(FEED_LANG_ID, key))
				fail_msg("%s uses unknown string '%s'",
					 src[i].name, key);
			used++;
		}
	}
	assert_true(used > 30);
}

static void languages_parse(void **state)
{
	enum feed_lang l = FEED_LANG_EN;

	(void)state;
	assert_true(feed_lang_parse("id", &l));
	assert_int_equal(l, FEED_LANG_ID);
	assert_true(feed_lang_parse("en-GB", &l));
	assert_int_equal(l, FEED_LANG_EN);
	assert_true(feed_lang_parse("id-ID", &l));
	assert_int_equal(l, FEED_LANG_ID);
	assert_true(feed_lang_parse("in", &l));
	assert_false(feed_lang_parse("jv", &l));
	assert_false(feed_lang_parse("end", &l));
	assert_false(feed_lang_parse(NULL, &l));
	assert_string_equal(feed_lang_code(FEED_LANG_EN), "en");
}

static void dates_read_as_people_write_them(void **state)
{
	struct siar_err err = {0};
	struct siar_buf b;

	(void)state;
	siar_buf_init(&b, 0);
	/* 2025-01-11 20:00 UTC is 12 January in Jakarta. */
	assert_int_equal(feed_format_date(&b, 1736625600, "Asia/Jakarta",
					  FEED_LANG_ID, &err),
			 SIAR_OK);
	assert_string_equal(b.buf, "12 Januari 2025");
	b.len = 0;
	assert_int_equal(
	    feed_format_date(&b, 1736625600, "UTC", FEED_LANG_EN, &err),
	    SIAR_OK);
	assert_string_equal(b.buf, "11 January 2025");
	b.len = 0;
	assert_int_equal(
	    feed_format_date(&b, 0, "Nowhere/Land", FEED_LANG_EN, &err),
	    SIAR_EINVAL);
	b.len = 0;
	b.buf[0] = '\0';
	feed_format_duration(&b, 1499500);
	assert_string_equal(b.buf, "25:00");
	b.len = 0;
	feed_format_duration(&b, 3723000);
	assert_string_equal(b.buf, "1:02:03");
	b.len = 0;
	feed_format_duration(&b, 300);
	assert_string_equal(b.buf, "0:01");
	siar_buf_release(&b);
	assert_int_equal(feed_duration_seconds(1499500), 1500);
	assert_int_equal(feed_duration_seconds(1800499), 1800);
	assert_int_equal(feed_duration_seconds(0), 0);
}

/* ---- A catalogue to publish ---------------------------------------------- */

static char *str(const char *s)
{
	return (char *)s;
}

struct fixture {
	struct catalog *cat;
	char dir[64]; /* a temporary folder */
	char path[3][128];
};

static void add_show(struct catalog *cat, const char *slug, const char *title,
		     const char *image_path)
{
	struct siar_err err = {0};
	struct catalog_show show;

	catalog_show_init(&show);
	show.review_required = false;
	show.slug = str(slug);
	show.title = str(title);
	show.description = str("Siniar resmi tentang tahapan pemilu.");
	show.author = str("KPU Kota Jakarta Selatan");
	show.base_url = str("https://media.example.id/siar/");
	show.image_path = str(image_path);
	show.office_name = str("KPU Kota Jakarta Selatan");
	assert_int_equal(catalog_show_add(cat, &show, NULL, &err), SIAR_OK);
}

static int64_t add_ep(struct catalog *cat, const char *slug, const char *title,
		      const char *path, int64_t size, int64_t duration_ms,
		      int64_t publish_at,
		      const struct catalog_rendition *rendition)
{
	char *guests[] = {str("Budi Santoso")};
	char *topics[] = {str("Pemilu 2024"), str("Daftar Pemilih")};
	struct catalog_chapter ch[2] = {{0, 0, str("Pembuka")},
					{2500, 0, str("Isi")}};
	struct siar_err err = {0};
	struct catalog_episode ep;
	int64_t id = 0;

	catalog_episode_init(&ep);
	ep.show_slug = str(slug);
	ep.title = str(title);
	ep.description = str("Tahapan <b>Pemilu</b> 2024 & DPT.");
	ep.media_path = str(path);
	ep.media_mime = str("audio/mpeg");
	ep.media_kind = str("audio");
	ep.media_sha256 = str("0123456789abcdef0123456789abcdef"
			      "0123456789abcdef0123456789abcdef");
	ep.media_size_bytes = size;
	ep.duration_ms = duration_ms;
	ep.duration_method = str("container");
	ep.guests = guests;
	ep.n_guests = 1;
	ep.topics = topics;
	ep.n_topics = 2;
	ep.chapters = ch;
	ep.n_chapters = 2;
	if (rendition) {
		ep.renditions = (struct catalog_rendition *)rendition;
		ep.n_renditions = 1;
	}
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	if (publish_at)
		assert_int_equal(
		    catalog_episode_publish(cat, id, publish_at, &err),
		    SIAR_OK);
	return id;
}

static void write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct siar_err err = {0};
	struct catalog_rendition r;
	size_t i;

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/siar-site-test.XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	for (i = 0; i < 3; i++)
		snprintf(f->path[i], sizeof(f->path[i]), "%s/ep%zu.mp3", f->dir,
			 i);
	write_file(f->path[0], "bukan mp3 sungguhan, cukup untuk disalin");
	write_file(f->path[1], "yang kedua");
	write_file(f->path[2], "rendisi");
	assert_int_equal(
	    catalog_open(&f->cat, ":memory:", CATALOG_OPEN_CREATE, &err),
	    SIAR_OK);
	catalog_set_now(f->cat, NOW_UNIX);
	add_show(f->cat, "kpu-jaksel", "Siniar KPU <Jaksel>", NULL);
	memset(&r, 0, sizeof(r));
	r.path = f->path[2];
	r.mime = str("audio/mpeg");
	r.kind = str("audio");
	r.sha256 = str("fedcba9876543210fedcba9876543210"
		       "fedcba9876543210fedcba9876543210");
	r.size_bytes = 777;
	r.duration_ms = 61700;
	r.title = str("Kecil");
	add_ep(f->cat, "kpu-jaksel", "Mengenal \"Tahapan\" Pemilu", f->path[0],
	       24000123, 1499500, 1704855600, &r);
	add_ep(f->cat, "kpu-jaksel", "Kampanye & Tertib", f->path[1], 18000000,
	       1800499, 1705753800, NULL);
	add_ep(f->cat, "kpu-jaksel", "Draf", "/nowhere/draf.mp3", 5, 5000, 0,
	       NULL);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	struct siar_err err = {0};
	char cmd[256];

	catalog_close(f->cat);
	/* Only our own mkdtemp() folder. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	(void)err;
	free(f);
	return 0;
}

static char *write_to_string(struct catalog *cat, bool json)
{
	struct siar_err err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	assert_non_null(fp);
	if (json)
		assert_int_equal(
		    feed_write_json(cat, "kpu-jaksel", NULL, fp, &err),
		    SIAR_OK);
	else
		assert_int_equal(
		    feed_write_rss(cat, "kpu-jaksel", NULL, fp, &err), SIAR_OK);
	assert_int_equal(fclose(fp), 0);
	return text;
}

static bool is_rfc3339(const char *s)
{
	regex_t re;
	bool ok;

	assert_int_equal(
	    regcomp(&re,
		    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:"
		    "[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2})$",
		    REG_EXTENDED | REG_NOSUB),
	    0);
	ok = s && regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/* feed-spec §7.1-9 */
static void json_feed_follows_json_feed_1_1(void **state)
{
	struct fixture *f = *state;
	char *text = write_to_string(f->cat, true);
	json_t *doc, *items, *item, *att, *id;
	json_error_t jerr;
	size_t i, j;

	doc = json_loads(text, 0, &jerr);
	if (!doc)
		fail_msg("not JSON: %s", jerr.text);
	assert_string_equal(json_string_value(json_object_get(doc, "version")),
			    "https://jsonfeed.org/version/1.1");
	assert_string_equal(json_string_value(json_object_get(doc, "title")),
			    "Siniar KPU <Jaksel>");
	assert_string_equal(json_string_value(json_object_get(doc, "feed_url")),
			    "https://media.example.id/siar/feed.json");
	assert_non_null(
	    json_string_value(json_object_get(doc, "home_page_url")));
	items = json_object_get(doc, "items");
	assert_true(json_is_array(items));
	assert_int_equal(json_array_size(items), 2); /* not the draft */
	json_array_foreach(items, i, item)
	{
		id = json_object_get(item, "id");
		assert_true(json_is_string(id));
		for (j = 0; j < i; j++)
			assert_string_not_equal(
			    json_string_value(id),
			    json_string_value(json_object_get(
				json_array_get(items, j), "id")));
		assert_true(is_rfc3339(json_string_value(
		    json_object_get(item, "date_published"))));
		assert_non_null(json_object_get(item, "content_text"));
		json_array_foreach(json_object_get(item, "attachments"), j, att)
		{
			assert_true(
			    json_is_string(json_object_get(att, "url")));
			assert_true(
			    json_is_string(json_object_get(att, "mime_type")));
		}
	}
	/* Newest first; the first has its rendition too; extensions. */
	item = json_array_get(items, 0);
	assert_string_equal(json_string_value(json_object_get(item, "title")),
			    "Kampanye & Tertib");
	item = json_array_get(items, 1);
	assert_int_equal(json_array_size(json_object_get(item, "attachments")),
			 2);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(item, "tags"), 0)),
	    "Pemilu 2024");
	assert_string_equal(
	    json_string_value(json_object_get(item, "date_published")),
	    "2024-01-10T10:00:00+07:00");
	assert_true(json_is_object(json_object_get(item, "_podcast")));
	assert_non_null(
	    json_object_get(json_object_get(item, "_podcast"), "chapters"));
	json_decref(doc);
	free(text);
}

/* feed-spec §7.11: the same IDs, sizes and durations as the RSS. */
static void json_feed_agrees_with_rss(void **state)
{
	struct fixture *f = *state;
	char *json = write_to_string(f->cat, true);
	char *xml = write_to_string(f->cat, false);
	xmlDocPtr xdoc = xmlReadMemory(xml, (int)strlen(xml), "feed.xml", NULL,
				       XML_PARSE_NONET);
	xmlXPathContextPtr xp;
	xmlXPathObjectPtr items;
	json_t *doc = json_loads(json, 0, NULL), *item, *att;
	xmlNodePtr node, c;
	int i;

	assert_non_null(xdoc);
	assert_non_null(doc);
	xp = xmlXPathNewContext(xdoc);
	items = xmlXPathEvalExpression(XC("/rss/channel/item"), xp);
	assert_int_equal(items->nodesetval->nodeNr,
			 (int)json_array_size(json_object_get(doc, "items")));
	for (i = 0; i < items->nodesetval->nodeNr; i++) {
		const char *guid = NULL, *len = NULL, *dur = NULL;
		xmlChar *g = NULL, *l = NULL, *d = NULL;

		node = items->nodesetval->nodeTab[i];
		for (c = node->children; c; c = c->next) {
			if (c->type != XML_ELEMENT_NODE)
				continue;
			if (!strcmp((const char *)c->name, "guid"))
				g = xmlNodeGetContent(c);
			if (!strcmp((const char *)c->name, "enclosure"))
				l = xmlGetProp(c, XC("length"));
			if (!strcmp((const char *)c->name, "duration"))
				d = xmlNodeGetContent(c);
		}
		guid = (const char *)g;
		len = (const char *)l;
		dur = (const char *)d;
		item = json_array_get(json_object_get(doc, "items"), (size_t)i);
		att = json_array_get(json_object_get(item, "attachments"), 0);
		assert_string_equal(
		    json_string_value(json_object_get(item, "id")), guid);
		assert_int_equal(
		    json_integer_value(json_object_get(att, "size_in_bytes")),
		    strtoll(len, NULL, 10));
		assert_int_equal(json_integer_value(json_object_get(
				     att, "duration_in_seconds")),
				 strtoll(dur, NULL, 10));
		xmlFree(g);
		xmlFree(l);
		xmlFree(d);
	}
	xmlXPathFreeObject(items);
	xmlXPathFreeContext(xp);
	xmlFreeDoc(xdoc);
	json_decref(doc);
	free(json);
	free(xml);
}

static void json_feed_of_unknown_show_is_not_found(void **state)
{
	struct fixture *f = *state;
	struct siar_err err = {0};
	FILE *fp = fopen("/dev/null", "w");

	assert_int_equal(feed_write_json(f->cat, "nope", NULL, fp, &err),
			 SIAR_ENOTFOUND);
	fclose(fp);
}

/* ---- The site ----------------------------------------------------------- */

static bool exists(const char *dir, const char *rel)
{
	char path[512];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	return stat(path, &st) == 0;
}

static void site_is_built_and_rebuilt_without_rewrites(void **state)
{
	struct fixture *f = *state;
	struct feed_site_stats st;
	struct feed_site_opts o;
	struct siar_err err = {0};
	char out[128], page[512];
	struct stat a, b;

	feed_site_opts_init(&o);
	o.base_url = "https://kpu.example.id/situs";
	snprintf(out, sizeof(out), "%s/site", f->dir);
	if (feed_build_site(f->cat, out, &o, &st, &err))
		fail_msg("%s", err.msg);
	assert_int_equal(st.n_shows, 1);
	assert_int_equal(st.n_episodes, 2);
	assert_true(exists(out, "index.html"));
	assert_true(exists(out, "kpu-jaksel/feed.xml"));
	assert_true(exists(out, "kpu-jaksel/feed.json"));
	assert_true(exists(out, "kpu-jaksel/ep0.mp3"));
	assert_true(exists(out, "kpu-jaksel/ep2.mp3"));
	assert_true(exists(out, "embed/kpu-jaksel.html"));
	assert_true(exists(out, "topics/pemilu-2024.html"));
	assert_true(exists(out, "people/budi-santoso.html"));
	assert_true(exists(out, "shows.opml"));
	assert_false(exists(f->dir, "site.new"));
	assert_int_equal(st.n_media_linked, 3);
	snprintf(page, sizeof(page), "%s/index.html", out);
	assert_int_equal(stat(page, &a), 0);
	assert_int_equal(feed_build_site(f->cat, out, &o, &st, &err), SIAR_OK);
	assert_int_equal(st.n_written, 0);
	assert_int_equal(st.n_media_linked, 0);
	assert_int_equal(st.n_removed, 0);
	assert_int_equal(stat(page, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
	/* --force writes every file afresh. */
	o.force = true;
	assert_int_equal(feed_build_site(f->cat, out, &o, &st, &err), SIAR_OK);
	assert_int_equal(st.n_written, st.n_files - 3);
}

/* The whole file at DIR/REL, or NULL; caller frees. */
static char *slurp(const char *dir, const char *rel)
{
	char path[512];
	char *text = NULL;
	long len;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) >= 0 &&
	    fseek(fp, 0, SEEK_SET) == 0) {
		text = calloc(1, (size_t)len + 1);
		if (text && fread(text, 1, (size_t)len, fp) != (size_t)len) {
			free(text);
			text = NULL;
		}
	}
	fclose(fp);
	return text;
}

static void site_links_remote_media_without_copying(void **state)
{
	struct fixture *f = *state;
	struct siar_err err = {0};
	char out[128], page[64];
	int64_t id;
	char *html;

	id = add_ep(f->cat, "kpu-jaksel", "Dari Jauh",
		    "https://cdn.example.id/siar/jauh.mp3", 100, 1000,
		    1706000000, NULL);
	snprintf(out, sizeof(out), "%s/site", f->dir);
	if (feed_build_site(f->cat, out, NULL, NULL, &err))
		fail_msg("%s", err.msg);
	assert_false(exists(out, "kpu-jaksel/jauh.mp3"));
	snprintf(page, sizeof(page), "kpu-jaksel/episode-%lld.html",
		 (long long)id);
	html = slurp(out, page);
	assert_non_null(html);
	assert_non_null(
	    strstr(html, "src=\"https://cdn.example.id/siar/jauh.mp3\""));
	free(html);
}

static void site_of_an_empty_catalogue_has_a_home_page(void **state)
{
	struct fixture *f = *state;
	struct catalog *empty = NULL;
	struct siar_err err = {0};
	char out[128];
	char *html;

	assert_int_equal(
	    catalog_open(&empty, ":memory:", CATALOG_OPEN_CREATE, &err),
	    SIAR_OK);
	snprintf(out, sizeof(out), "%s/kosong", f->dir);
	if (feed_build_site(empty, out, NULL, NULL, &err))
		fail_msg("%s", err.msg);
	catalog_close(empty);
	html = slurp(out, "index.html");
	assert_non_null(html);
	assert_non_null(strstr(html, "<html lang=\"id\">"));
	free(html);
	assert_true(exists(out, "shows.opml"));
	assert_true(exists(out, ".siar-site"));
}

static void site_refuses_a_folder_it_did_not_build(void **state)
{
	struct fixture *f = *state;
	struct siar_err err = {0};
	char out[128], file[160];

	snprintf(out, sizeof(out), "%s/mine", f->dir);
	assert_int_equal(mkdir(out, 0755), 0);
	snprintf(file, sizeof(file), "%s/penting.txt", out);
	write_file(file, "jangan hapus");
	assert_int_equal(feed_build_site(f->cat, out, NULL, NULL, &err),
			 SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "not built by siar"));
	assert_true(exists(out, "penting.txt"));
	assert_false(exists(f->dir, "mine.new"));
}

static void site_refuses_bad_options(void **state)
{
	struct fixture *f = *state;
	struct feed_site_opts o;
	struct siar_err err = {0};
	char out[128];

	snprintf(out, sizeof(out), "%s/x", f->dir);
	feed_site_opts_init(&o);
	o.lang = "fr";
	assert_int_equal(feed_build_site(f->cat, out, &o, NULL, &err),
			 SIAR_EINVAL);
	siar_err_clear(&err);
	feed_site_opts_init(&o);
	o.base_url = "ftp://x";
	assert_int_equal(feed_build_site(f->cat, out, &o, NULL, &err),
			 SIAR_EINVAL);
	siar_err_clear(&err);
	assert_int_equal(feed_build_site(f->cat, "/tmp/..", NULL, NULL, &err),
			 SIAR_EINVAL);
	assert_false(exists(f->dir, "x"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(template_escapes_text),
	    cmocka_unit_test(template_escapes_attributes),
	    cmocka_unit_test(template_keeps_safe_urls_and_drops_others),
	    cmocka_unit_test(template_checks_url_values_anywhere),
	    cmocka_unit_test(template_writes_raw_only_marked_html),
	    cmocka_unit_test(template_sections_repeat_lists_and_test_values),
	    cmocka_unit_test(template_missing_names_render_nothing),
	    cmocka_unit_test(template_drops_lines_of_section_tags),
	    cmocka_unit_test(template_includes_partials),
	    cmocka_unit_test(template_refuses_unsafe_places),
	    cmocka_unit_test(template_allows_sections_between_attributes),
	    cmocka_unit_test(builtin_templates_compile),
	    cmocka_unit_test(strings_table_is_complete_in_both_languages),
	    cmocka_unit_test(templates_use_only_known_strings),
	    cmocka_unit_test(languages_parse),
	    cmocka_unit_test(dates_read_as_people_write_them),
	    cmocka_unit_test_setup_teardown(json_feed_follows_json_feed_1_1,
					    setup, teardown),
	    cmocka_unit_test_setup_teardown(json_feed_agrees_with_rss, setup,
					    teardown),
	    cmocka_unit_test_setup_teardown(
		json_feed_of_unknown_show_is_not_found, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		site_is_built_and_rebuilt_without_rewrites, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		site_links_remote_media_without_copying, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		site_of_an_empty_catalogue_has_a_home_page, setup, teardown),
	    cmocka_unit_test_setup_teardown(
		site_refuses_a_folder_it_did_not_build, setup, teardown),
	    cmocka_unit_test_setup_teardown(site_refuses_bad_options, setup,
					    teardown),
	};

	xmlInitParser();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
