/*
 * Tests for feed/html.c: the description sanitizer and the markup check.
 * Every output is compared byte for byte where it is short; longer and
 * generated ones are checked for what must hold of any output: valid
 * UTF-8, no "]]>", and well-formed XML (parsed back with libxml2 inside a
 * root element) holding only allowed elements, with an http, https or
 * mailto href as the only attribute.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "../feed/feed.h"

#define MIB ((size_t)1 << 20)

/* One call's results. */
struct result {
	struct siar_buf html;
	struct siar_buf plain;
	struct siar_err err;
	int rc;
};

static void sanitize_len(struct result *r, const char *text, size_t len)
{
	siar_buf_init(&r->html, 0);
	siar_buf_init(&r->plain, 0);
	siar_err_clear(&r->err);
	r->rc = feed_html_sanitize(text, len, &r->html, &r->plain, &r->err);
}

static void sanitize(struct result *r, const char *text)
{
	sanitize_len(r, text, strlen(text));
}

static void release(struct result *r)
{
	siar_buf_release(&r->html);
	siar_buf_release(&r->plain);
}

/* Sanitize 'text' and compare both outputs with the expected ones. */
static void check(const char *text, const char *html, const char *plain)
{
	struct result r;

	sanitize(&r, text);
	assert_int_equal(r.rc, SIAR_OK);
	assert_string_equal(r.html.buf, html);
	assert_string_equal(r.plain.buf, plain);
	release(&r);
}

/* ---- Well-formedness ----------------------------------------------------- */

static void count_error(void *ctx, xmlErrorPtr e)
{
	int *count = ctx;

	(void)e;
	(*count)++;
}

static bool allowed_element(const xmlChar *name)
{
	static const char *const allowed[] = {
	    "p",  "br", "a", "ul",	   "ol", "li", "strong", "b",
	    "em", "i",	"u", "blockquote", "h3", "h4", "code",	 "pre",
	};
	size_t i;

	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if (xmlStrEqual(name, (const xmlChar *)allowed[i]))
			return true;
	}
	return false;
}

/* Whether the href of <a> 'node' is http, https or mailto. */
static bool safe_href(xmlNodePtr node)
{
	xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
	bool ok =
	    href && (!xmlStrncasecmp(href, (const xmlChar *)"http:", 5) ||
		     !xmlStrncasecmp(href, (const xmlChar *)"https:", 6) ||
		     !xmlStrncasecmp(href, (const xmlChar *)"mailto:", 7));

	xmlFree(href);
	return ok;
}

/* Check every element under 'node' (recursively: outputs nest 64 deep). */
static void check_elements(xmlNodePtr node)
{
	xmlNodePtr child;
	xmlAttrPtr attr;

	for (child = node->children; child; child = child->next) {
		if (child->type != XML_ELEMENT_NODE)
			continue;
		if (!allowed_element(child->name))
			fail_msg("element <%s> in the output", child->name);
		for (attr = child->properties; attr; attr = attr->next) {
			if (!xmlStrEqual(child->name, (const xmlChar *)"a") ||
			    !xmlStrEqual(attr->name, (const xmlChar *)"href"))
				fail_msg("attribute %s on <%s>", attr->name,
					 child->name);
		}
		if (xmlStrEqual(child->name, (const xmlChar *)"a") &&
		    !safe_href(child))
			fail_msg("<a> without a safe href");
		check_elements(child);
	}
}

/*
 * Assert that 'html' is valid UTF-8 without "]]>", and that inside a root
 * element it parses as XML with only allowed elements and attributes.
 */
static void assert_well_formed(const struct siar_buf *html)
{
	struct siar_buf doc;
	xmlDocPtr xml;
	int errors = 0;

	assert_true(siar_utf8_valid(html->buf, html->len));
	assert_null(strstr(html->buf, "]]>"));
	siar_buf_init(&doc, 0);
	siar_buf_adds(&doc, "<root>");
	siar_buf_add(&doc, html->buf, html->len);
	siar_buf_adds(&doc, "</root>");
	assert_int_equal(doc.failed, SIAR_OK);
	xmlSetStructuredErrorFunc(&errors, count_error);
	xml = xmlReadMemory(doc.buf, (int)doc.len, "description.xml", NULL,
			    XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!xml || errors)
		fail_msg("not well-formed (%d errors): %s", errors, doc.buf);
	check_elements(xmlDocGetRootElement(xml));
	xmlFreeDoc(xml);
	siar_buf_release(&doc);
}

/* ---- Dropped and unwrapped elements -------------------------------------- */

static void sanitize_drops_script_style_iframe_with_content(void **state)
{
	(void)state;
	check("<p>Halo<script>alert('x')</script> semua</p>"
	      "<style>p { color: red }</style>"
	      "<iframe src=\"https://evil.example/\">frame text</iframe>"
	      "<p>akhir</p>",
	      "<p>Halo semua</p><p>akhir</p>", "Halo semua\n\nakhir");
}

static void sanitize_drops_other_hidden_elements_with_content(void **state)
{
	(void)state;
	check("<template><b>t</b></template><noscript><b>n</b></noscript>"
	      "<object data=x>o</object><embed src=x>"
	      "<title>judul</title><head><title>h</title></head>"
	      "<svg><script>s</script><style>s</style></svg>"
	      "<math><style><img src=x onerror=alert(1)></style></math>"
	      "<p>isi</p>",
	      "<p>isi</p>", "isi");
}

static void sanitize_drops_comments(void **state)
{
	(void)state;
	check("<p>a<!-- secret --></p><!--[if IE]><b>x</b><![endif]-->",
	      "<p>a</p>", "a");
	check("<!-- only a comment -->", "", "");
}

static void sanitize_removes_attributes(void **state)
{
	(void)state;
	check("<p onclick=\"steal()\" style=\"color:red\" class=\"big\" "
	      "id=\"x\">Halo <b class=c onmouseover=x>dunia</b> "
	      "<a href=\"https://kpu.go.id/\" onclick=\"x()\" "
	      "style=\"x\" class=\"y\" target=\"_blank\" rel=\"x\">KPU</a>"
	      "</p>",
	      "<p>Halo <b>dunia</b> <a href=\"https://kpu.go.id/\">KPU</a></p>",
	      "Halo dunia KPU");
}

static void sanitize_unwraps_nested_disallowed_tags(void **state)
{
	(void)state;
	check("<div><span style=x><font color=red><section><b>tebal</b> "
	      "<mark>teks</mark></section></font></span></div>",
	      "<b>tebal</b> teks", "tebal teks");
	check("<p><span><span><em>a</em></span></span><sup>2</sup></p>",
	      "<p><em>a</em>2</p>", "a2");
	check("<h1>Judul</h1><h2>Sub</h2><h3>Tiga</h3>",
	      "Judul<br/>Sub<h3>Tiga</h3>", "Judul\n\nSub\n\nTiga");
}

static void sanitize_separates_unwrapped_blocks(void **state)
{
	(void)state;
	check("<div>satu</div><div>dua</div><span>tiga</span>",
	      "satu<br/>dua<br/>tiga", "satu\ndua\ntiga");
	check("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>"
	      "</table>",
	      "a b<br/>c", "a b\nc");
	check("<div><p>x</p></div><div>y</div>", "<p>x</p>y", "x\n\ny");
}

static void sanitize_keeps_allowed_tags(void **state)
{
	(void)state;
	check("<p>a<br>b</p><ul><li>x</li></ul><ol><li>y</li></ol>"
	      "<blockquote>q</blockquote><h3>h</h3><h4>i</h4>"
	      "<p><strong>s</strong><b>b</b><em>e</em><i>i</i><u>u</u>"
	      "<code>c</code></p><pre>p</pre>",
	      "<p>a<br/>b</p><ul><li>x</li></ul><ol><li>y</li></ol>"
	      "<blockquote>q</blockquote><h3>h</h3><h4>i</h4>"
	      "<p><strong>s</strong><b>b</b><em>e</em><i>i</i><u>u</u>"
	      "<code>c</code></p><pre>p</pre>",
	      "a\nb\n\nx\n\ny\n\nq\n\nh\n\ni\n\nsbeiuc\n\np");
}

/* ---- Links --------------------------------------------------------------- */

static void sanitize_drops_unsafe_hrefs_keeping_text(void **state)
{
	static const char *const hrefs[] = {
	    "javascript:alert(1)",
	    " JavaScript:alert(1)",
	    "jav&#x09;ascript:alert(1)",
	    "&#106;avascript:alert(1)",
	    "data:text/html;base64,PHNjcmlwdD4=",
	    "vbscript:msgbox(1)",
	    "/episode/12",
	    "episode.html",
	    "//evil.example/",
	    "#top",
	    "",
	    "ftp://files.example/",
	    "http",
	};
	struct result r;
	struct siar_buf in;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hrefs) / sizeof(hrefs[0]); i++) {
		siar_buf_init(&in, 0);
		siar_buf_addf(&in, "<p>Dengar <a href=\"%s\">di sini</a></p>",
			      hrefs[i]);
		sanitize(&r, in.buf);
		assert_int_equal(r.rc, SIAR_OK);
		assert_string_equal(r.html.buf, "<p>Dengar di sini</p>");
		assert_string_equal(r.plain.buf, "Dengar di sini");
		release(&r);
		siar_buf_release(&in);
	}
	check("<a>no href</a>", "no href", "no href");
}

static void sanitize_keeps_http_https_mailto_links(void **state)
{
	(void)state;
	check("<a href=\"http://kpu.go.id\">a</a>",
	      "<a href=\"http://kpu.go.id\">a</a>", "a");
	check("<a href=\"  HTTPS://KPU.go.id/x?a=1&amp;b=2&quot;\n\">b</a>",
	      "<a href=\"HTTPS://KPU.go.id/x?a=1&amp;b=2&quot;\">b</a>", "b");
	check("<a href='MailTo:redaksi@kpu.go.id'>c</a>",
	      "<a href=\"MailTo:redaksi@kpu.go.id\">c</a>", "c");
	check("<a href=\"https://x.example/<]]>\">d</a>",
	      "<a href=\"https://x.example/&lt;]]&gt;\">d</a>", "d");
}

static void sanitize_never_nests_links(void **state)
{
	struct result r;

	(void)state;
	/* The HTML5 parser itself closes an <a> at the next <a>. */
	check("<a href=\"http://a\">x<a href=\"http://b\">y</a></a>",
	      "<a href=\"http://a\">x</a><a href=\"http://b\">y</a>", "xy");
	/* Foster parenting can still put one inside another. */
	sanitize(&r, "<a href=\"http://a\"><table><a href=\"http://b\">y"
		     "</a></table></a>");
	assert_int_equal(r.rc, SIAR_OK);
	assert_well_formed(&r.html);
	assert_string_equal(r.plain.buf, "y");
	release(&r);
}

/* ---- Text ---------------------------------------------------------------- */

static void sanitize_decodes_and_escapes_entities(void **state)
{
	(void)state;
	check("<p>Tom &amp; Jerry &lt;3 &gt; &quot;kutip&quot; &copy; "
	      "&#x1F600; &#8212; &eacute; &nbsp;x</p>",
	      "<p>Tom &amp; Jerry &lt;3 &gt; \"kutip\" \xC2\xA9 "
	      "\xF0\x9F\x98\x80 \xE2\x80\x94 \xC3\xA9 \xC2\xA0x</p>",
	      "Tom & Jerry <3 > \"kutip\" \xC2\xA9 \xF0\x9F\x98\x80 "
	      "\xE2\x80\x94 \xC3\xA9 x");
	check("<p>5 < 6 && 7 > 3</p>", "<p>5 &lt; 6 &amp;&amp; 7 &gt; 3</p>",
	      "5 < 6 && 7 > 3");
}

static void sanitize_escapes_cdata_end(void **state)
{
	(void)state;
	check("<p>a ]]> b</p>", "<p>a ]]&gt; b</p>", "a ]]> b");
	check("]]>", "<p>]]&gt;</p>", "]]>");
	/* Outside SVG and MathML, "<![CDATA[" opens a comment. */
	check("<![CDATA[x]]><p>]]&gt;</p>", "<p>]]&gt;</p>", "]]>");
}

static void sanitize_repairs_utf8_and_controls(void **state)
{
	(void)state;
	/* Each byte of 0xFF and a cut sequence becomes U+FFFD; controls go. */
	check("<p>a\xFF"
	      "b\xE2\x82 c\x01\x02\x1B\x7F"
	      "d</p>",
	      "<p>a\xEF\xBF\xBD"
	      "b\xEF\xBF\xBD\xEF\xBF\xBD c"
	      "d</p>",
	      "a\xEF\xBF\xBD"
	      "b\xEF\xBF\xBD\xEF\xBF\xBD c"
	      "d");
	/* Character references cannot bring them back. */
	check("<p>x&#1;&#x1b;&#0;&#xFFFE;&#xFFFF;&#xD800;&#x110000;y</p>",
	      "<p>x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy</p>",
	      "x\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDy");
	/* gumbo overflows on this reference to the lone byte 0xEE. */
	check("<p>a&#xEEEEEEEEEE;b</p>",
	      "<p>a\xEF\xBF\xBD"
	      "b</p>",
	      "a\xEF\xBF\xBD"
	      "b");
	check("a&#xEEEEEEEEEE;b",
	      "<p>a\xEF\xBF\xBD"
	      "b</p>",
	      "a\xEF\xBF\xBD"
	      "b");
	check("<a href=\"http://x/&#xEEEEEEEEEE;\">c</a>",
	      "<a href=\"http://x/\xEF\xBF\xBD\">c</a>", "c");
	/* An overlong '<' is not a tag. */
	check("\xC0\xBCscript\xC0\xBE",
	      "<p>\xEF\xBF\xBD\xEF\xBF\xBDscript\xEF\xBF\xBD\xEF\xBF\xBD</p>",
	      "\xEF\xBF\xBD\xEF\xBF\xBDscript\xEF\xBF\xBD\xEF\xBF\xBD");
}

static void sanitize_turns_plain_text_into_paragraphs(void **state)
{
	(void)state;
	check("Episode 12: Pemilu 2024\n"
	      "Bersama KPU Jakarta Selatan.\n"
	      "\n"
	      "\n"
	      "   \n"
	      "Tamu:  Budi & Sari\r\n"
	      "Durasi 30 menit \n",
	      "<p>Episode 12: Pemilu 2024<br/>Bersama KPU Jakarta Selatan."
	      "</p><p>Tamu: Budi &amp; Sari<br/>Durasi 30 menit</p>",
	      "Episode 12: Pemilu 2024\nBersama KPU Jakarta Selatan.\n\n"
	      "Tamu: Budi & Sari\nDurasi 30 menit");
	check("satu baris", "<p>satu baris</p>", "satu baris");
	check("a < b &amp; c", "<p>a &lt; b &amp; c</p>", "a < b & c");
	check("", "", "");
	check(" \n\n \t", "", "");
}

static void sanitize_keeps_indonesian_text_and_emoji(void **state)
{
	static const char text[] =
	    "Halo, pendengar setia! \xF0\x9F\x8E\x99\xEF\xB8\x8F Di episode "
	    "ini kami membahas \xE2\x80\x9C"
	    "daftar pemilih tetap\xE2\x80\x9D "
	    "bersama Ibu Sri Wahyuningsih \xE2\x80\x94 jangan lupa cek "
	    "nama Anda! \xF0\x9F\x87\xAE\xF0\x9F\x87\xA9 \xF0\x9F\x91\x8D"
	    "\xF0\x9F\x8F\xBD";
	struct siar_buf html;

	(void)state;
	siar_buf_init(&html, 0);
	siar_buf_adds(&html, "<p>");
	siar_buf_adds(&html, text);
	siar_buf_adds(&html, "</p>");
	check(text, html.buf, text);
	siar_buf_release(&html);
	check("<p><b>Sesi tanya jawab</b> \xF0\x9F\x97\xB3\xEF\xB8\x8F</p>",
	      "<p><b>Sesi tanya jawab</b> \xF0\x9F\x97\xB3\xEF\xB8\x8F</p>",
	      "Sesi tanya jawab \xF0\x9F\x97\xB3\xEF\xB8\x8F");
}

static void sanitize_writes_plain_text(void **state)
{
	(void)state;
	check("<h3>Catatan</h3>\n<p>Pertama   baris\n  lanjut<br>kedua</p>"
	      "<ul>\n<li>satu</li>\n<li>dua<ul><li>dua.a</li></ul></li>\n"
	      "</ul><blockquote><p>kutipan</p></blockquote>"
	      "<pre>\nif (x)\n\treturn  1;\n</pre>  akhir  ",
	      "<h3>Catatan</h3>\n<p>Pertama   baris\n  lanjut<br/>kedua</p>"
	      "<ul>\n<li>satu</li>\n<li>dua<ul><li>dua.a</li></ul></li>\n"
	      "</ul><blockquote><p>kutipan</p></blockquote>"
	      "<pre>if (x)\n\treturn  1;\n</pre>  akhir  ",
	      "Catatan\n\nPertama baris lanjut\nkedua\n\nsatu\ndua\ndua.a"
	      "\n\nkutipan\n\nif (x)\n\treturn 1;\n\nakhir");
	check("<p>a<br><br><br><br>b</p><p></p><p>&nbsp;</p><p>c</p>",
	      "<p>a<br/><br/><br/><br/>b</p><p></p><p>\xC2\xA0</p><p>c</p>",
	      "a\n\nb\n\nc");
}

/* ---- Size and repetition ------------------------------------------------- */

static void sanitize_truncates_2mb_input_on_code_point(void **state)
{
	/* "a" then 4-byte emoji: the 1 MiB mark falls inside one. */
	static const char emoji[] = "\xF0\x9F\x8E\xA7";
	size_t len = 2 * MIB;
	char *text = malloc(len);
	struct result r;
	size_t i;

	(void)state;
	assert_non_null(text);
	text[0] = 'a';
	for (i = 1; i + 4 <= len; i += 4)
		memcpy(text + i, emoji, 4);
	memset(text + i, 'z', len - i);
	sanitize_len(&r, text, len);
	assert_int_equal(r.rc, SIAR_OK);
	assert_true(siar_utf8_valid(r.html.buf, r.html.len));
	assert_true(siar_utf8_valid(r.plain.buf, r.plain.len));
	/* 'a' and 262,143 whole emoji: 1 MiB less the 3 bytes cut off. */
	assert_int_equal(r.plain.len, MIB - 3);
	assert_memory_equal(r.plain.buf + r.plain.len - 4, emoji, 4);
	assert_int_equal(r.html.len, r.plain.len + strlen("<p></p>"));
	release(&r);
	free(text);
}

static void sanitize_parses_only_first_mib_of_markup(void **state)
{
	size_t len = 2 * MIB;
	char *text = malloc(len);
	struct result r;
	size_t i;

	(void)state;
	assert_non_null(text);
	memset(text, 'x', len);
	memcpy(text, "<p>", 3);
	memcpy(text + MIB, "<b>late</b>", 11);
	sanitize_len(&r, text, len);
	assert_int_equal(r.rc, SIAR_OK);
	assert_int_equal(r.plain.len, MIB - 3);
	for (i = 0; i < r.plain.len; i++)
		assert_int_equal(r.plain.buf[i], 'x');
	assert_null(strstr(r.html.buf, "late"));
	release(&r);
	free(text);
}

static void sanitize_parses_only_first_1024_tags(void **state)
{
	struct siar_buf in, want;
	struct result r;
	int i;

	(void)state;
	siar_buf_init(&in, 0);
	siar_buf_init(&want, 0);
	for (i = 0; i < 1100; i++)
		siar_buf_adds(&in, "<b>x</b>");
	/* Each holds two tags: the 1025th is the start of the 513th. */
	for (i = 0; i < 512; i++)
		siar_buf_adds(&want, "<b>x</b>");
	sanitize(&r, in.buf);
	assert_int_equal(r.rc, SIAR_OK);
	assert_string_equal(r.html.buf, want.buf);
	assert_int_equal(r.plain.len, 512);
	release(&r);
	siar_buf_release(&in);
	siar_buf_release(&want);
}

/*
 * Deep nesting: parsing stops at the tag cap instead of taking minutes,
 * and the walk does not recurse.
 */
static void sanitize_survives_deep_nesting(void **state)
{
	static const char *const tags[] = {"<div>", "<b>", "<i><div>",
					   "<table>", "<a href=http://x>"};
	size_t len = MIB;
	char *text = malloc(len + 1);
	struct result r;
	size_t i, j, n;

	(void)state;
	assert_non_null(text);
	for (j = 0; j < sizeof(tags) / sizeof(tags[0]); j++) {
		n = strlen(tags[j]);
		for (i = 0; i + n <= len; i += n)
			memcpy(text + i, tags[j], n);
		text[i] = '\0';
		sanitize(&r, text);
		assert_int_equal(r.rc, SIAR_OK);
		assert_well_formed(&r.html);
		release(&r);
	}
	free(text);
}

static void sanitize_caps_output_depth(void **state)
{
	struct siar_buf in, want;
	struct result r;
	int i;

	(void)state;
	siar_buf_init(&in, 0);
	siar_buf_init(&want, 0);
	for (i = 0; i < 100; i++)
		siar_buf_adds(&in, i % 2 ? "<i>" : "<blockquote>");
	siar_buf_adds(&in, "<a href=\"http://x\">dalam</a>");
	for (i = 0; i < 64; i++)
		siar_buf_adds(&want, i % 2 ? "<i>" : "<blockquote>");
	siar_buf_adds(&want, "dalam");
	for (i = 63; i >= 0; i--)
		siar_buf_adds(&want, i % 2 ? "</i>" : "</blockquote>");
	sanitize(&r, in.buf);
	assert_int_equal(r.rc, SIAR_OK);
	assert_string_equal(r.html.buf, want.buf);
	assert_string_equal(r.plain.buf, "dalam");
	release(&r);
	siar_buf_release(&in);
	siar_buf_release(&want);
}

/* Assert that 'text' fails with SIAR_ENOMEM naming 'what', appending nothing.
 */
static void assert_refused(const char *text, const char *what)
{
	struct result r;

	sanitize(&r, text);
	assert_int_equal(r.rc, SIAR_ENOMEM);
	assert_int_equal(r.err.code, SIAR_ENOMEM);
	if (!strstr(r.err.msg, what))
		fail_msg("'%s' does not say '%s'", r.err.msg, what);
	assert_int_equal(r.html.len, 0);
	assert_int_equal(r.plain.len, 0);
	release(&r);
}

/*
 * HTML5 copies every open formatting element, with its attributes, into
 * each new block: these few kilobytes would ask gumbo for gigabytes.
 */
static void sanitize_refuses_formatting_clone_bomb(void **state)
{
	struct siar_buf in;
	int i;

	(void)state;
	siar_buf_init(&in, 0);
	siar_buf_adds(&in, "<p>");
	for (i = 0; i < 500; i++)
		siar_buf_addf(&in, "<b id=%d>", i);
	for (i = 0; i < 500; i++)
		siar_buf_adds(&in, "<p>x");
	assert_int_equal(in.failed, SIAR_OK);
	assert_refused(in.buf, "attributes");
	siar_buf_release(&in);

	/* One large attribute, copied 500 times. */
	siar_buf_init(&in, 0);
	siar_buf_adds(&in, "<p><b title=\"");
	for (i = 0; i < 100000; i++)
		siar_buf_addc(&in, 'x');
	siar_buf_adds(&in, "\">");
	for (i = 0; i < 500; i++)
		siar_buf_adds(&in, "<p>x");
	assert_int_equal(in.failed, SIAR_OK);
	assert_refused(in.buf, "MiB");
	siar_buf_release(&in);
}

/* gumbo compares each attribute name with all before it in the tag. */
static void sanitize_refuses_attribute_flood(void **state)
{
	struct siar_buf in;
	int i;

	(void)state;
	siar_buf_init(&in, 0);
	siar_buf_adds(&in, "<p");
	for (i = 0; i < 100000; i++)
		siar_buf_addf(&in, " a%d", i);
	siar_buf_adds(&in, ">x</p>");
	assert_int_equal(in.failed, SIAR_OK);
	assert_refused(in.buf, "attributes");
	siar_buf_release(&in);
}

/*
 * A <table> closes an open <p> unless the document is in quirks mode, which
 * gumbo leaves uninitialised when parsing a fragment.
 */
static void sanitize_parses_tables_in_no_quirks_mode(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 20; i++)
		check("<p>a<table><tr><td>b</td></tr></table>c</p>",
		      "<p>a</p>b<br/>c<p></p>", "a\n\nb\n\nc");
}

static void sanitize_output_is_deterministic(void **state)
{
	static const char text[] =
	    "<div class=x><p>Halo <b>semua<i>!</b> ]]> &amp; "
	    "<a href=\"https://a.example/?q=1&r=2\">tautan</a></p>"
	    "<script>x</script><ul><li>a<li>b</ul><table><td>c</table>"
	    "\xFF tamat</div>";
	struct result first, again;
	int i;

	(void)state;
	sanitize(&first, text);
	assert_int_equal(first.rc, SIAR_OK);
	for (i = 0; i < 3; i++) {
		sanitize(&again, text);
		assert_int_equal(again.rc, SIAR_OK);
		assert_string_equal(again.html.buf, first.html.buf);
		assert_string_equal(again.plain.buf, first.plain.buf);
		release(&again);
	}
	release(&first);
}

/* ---- Well-formed output -------------------------------------------------- */

static void sanitize_output_parses_as_xml(void **state)
{
	static const char *const texts[] = {
	    "<p>unclosed <b>bold <i>both</b> italic",
	    "<ul><li>a<li>b</ul></li></p></div>",
	    "<table><tr><td><p>cell<a href=http://x>link</td></tr>",
	    "<b><p>misnested</b></p> </i> <br/> <br></br>",
	    "a & b < c > d \" e ' f ]]> g",
	    "<a href='http://x/\"><script>alert(1)</script>'>q</a>",
	    "<svg><foreignObject><p>in svg</p></foreignObject></svg>",
	    "<textarea><p>not a tag</p></textarea><xmp><b>x</b></xmp>",
	    "<plaintext><p>everything after is text ]]>",
	    "<pre>\n\nleading newlines</pre>",
	    "<p>\x01\x08\x0B\x0C\x1F&#x0C;&#11;&#xFFFF;</p>",
	    "<<p>>< /p><!doctype html><html lang=id><body onload=x>b",
	    "<p>line\r\nbreak\rcr</p>",
	};
	struct result r;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		sanitize(&r, texts[i]);
		assert_int_equal(r.rc, SIAR_OK);
		assert_well_formed(&r.html);
		assert_true(siar_utf8_valid(r.plain.buf, r.plain.len));
		release(&r);
	}
}

/* A small deterministic generator (xorshift), so failures reproduce. */
static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Tag soup made of pieces that have broken sanitizers before. */
static void sanitize_random_tag_soup_stays_well_formed(void **state)
{
	static const char *const pieces[] = {
	    "<p>",
	    "</p>",
	    "<b>",
	    "</b>",
	    "<i>",
	    "</i>",
	    "<a href=\"http://x\">",
	    "</a>",
	    "<ul>",
	    "<li>",
	    "</ul>",
	    "<table>",
	    "<td>",
	    "</table>",
	    "<div>",
	    "</div>",
	    "<br>",
	    "<pre>",
	    "</pre>",
	    "<script>",
	    "</script>",
	    "<style>",
	    "<!--",
	    "-->",
	    "<svg>",
	    "</svg>",
	    "<math>",
	    "<template>",
	    "&amp;",
	    "&lt;",
	    "&#0;",
	    "&#x1;",
	    "]]>",
	    "\xFF",
	    "\xF0\x9F\x8E\xA7",
	    "\n\n",
	    "\n",
	    " ",
	    "<",
	    ">",
	    "&",
	    "\"",
	    "teks",
	    "<a href=\"javascript:x\">",
	    "<b id=1>",
	    "<![CDATA[",
	    "<h1>",
	    "<code>",
	    "<blockquote>",
	    "<noscript>",
	};
	struct siar_buf in;
	struct result r;
	uint32_t seed = 20240214;
	int i, j, n;

	(void)state;
	for (i = 0; i < 300; i++) {
		siar_buf_init(&in, 0);
		n = (int)(next_random(&seed) % 60);
		for (j = 0; j < n; j++)
			siar_buf_adds(
			    &in, pieces[next_random(&seed) %
					(sizeof(pieces) / sizeof(pieces[0]))]);
		sanitize(&r, in.buf);
		assert_int_equal(r.rc, SIAR_OK);
		assert_well_formed(&r.html);
		assert_true(siar_utf8_valid(r.plain.buf, r.plain.len));
		release(&r);
		siar_buf_release(&in);
	}
}

/* ---- Buffers and errors -------------------------------------------------- */

static void sanitize_appends_to_buffers(void **state)
{
	struct siar_buf html, plain;
	struct siar_err err = {0};

	(void)state;
	siar_buf_init(&html, 0);
	siar_buf_init(&plain, 0);
	siar_buf_adds(&html, "<x>");
	siar_buf_adds(&plain, "y:");
	assert_int_equal(feed_html_sanitize("<b>a</b>", 8, &html, &plain, &err),
			 SIAR_OK);
	assert_int_equal(feed_html_sanitize("b\n\nc", 4, &html, &plain, &err),
			 SIAR_OK);
	assert_string_equal(html.buf, "<x><b>a</b><p>b</p><p>c</p>");
	assert_string_equal(plain.buf, "y:ab\n\nc");
	siar_buf_release(&html);
	siar_buf_release(&plain);
}

static void sanitize_accepts_null_plain(void **state)
{
	struct siar_buf html;
	struct siar_err err = {0};

	(void)state;
	siar_buf_init(&html, 0);
	assert_int_equal(feed_html_sanitize("x\n\ny", 4, &html, NULL, &err),
			 SIAR_OK);
	assert_int_equal(feed_html_sanitize("<i>z</i>", 8, &html, NULL, &err),
			 SIAR_OK);
	assert_string_equal(html.buf, "<p>x</p><p>y</p><i>z</i>");
	assert_int_equal(feed_html_sanitize(NULL, 0, &html, NULL, &err),
			 SIAR_OK);
	siar_buf_release(&html);
}

static void sanitize_reports_buffer_failure(void **state)
{
	struct siar_buf small, big;
	struct siar_err err = {0};

	(void)state;
	siar_buf_init(&small, 8);
	siar_buf_init(&big, 0);
	assert_int_equal(feed_html_sanitize("<p>too long for it</p>", 22,
					    &small, &big, &err),
			 SIAR_ENOMEM);
	assert_int_equal(err.code, SIAR_ENOMEM);
	assert_true(err.msg[0] != '\0');
	siar_buf_release(&small);
	siar_buf_release(&big);

	siar_err_clear(&err);
	siar_buf_init(&small, 8);
	siar_buf_init(&big, 0);
	assert_int_equal(
	    feed_html_sanitize("too long for it", 15, &big, &small, &err),
	    SIAR_ENOMEM);
	assert_int_equal(err.code, SIAR_ENOMEM);
	siar_buf_release(&small);
	siar_buf_release(&big);
}

/* ---- feed_html_has_markup ------------------------------------------------ */

static bool markup(const char *s)
{
	return feed_html_has_markup(s, strlen(s));
}

static void has_markup_finds_tags_and_entities(void **state)
{
	(void)state;
	assert_true(markup("<p>x</p>"));
	assert_true(markup("a<br>b"));
	assert_true(markup("a</b"));
	assert_true(markup("<!-- c -->"));
	assert_true(markup("Tom &amp; Jerry"));
	assert_true(markup("&#8212;"));
	assert_true(markup("&#x1F600;"));
	assert_true(markup("x &nbsp;"));
}

static void has_markup_ignores_plain_text(void **state)
{
	(void)state;
	assert_false(markup(""));
	assert_false(markup("Tom & Jerry"));
	assert_false(markup("a < b > c"));
	assert_false(markup("I <3 podcasts"));
	assert_false(markup("R&D, 5 &; &#; &#x; &#xZ;"));
	assert_false(markup("< p>"));
	assert_false(markup("ends with <"));
	assert_false(markup("ends with &amp"));
	assert_false(feed_html_has_markup("<p>", 1));
	assert_false(feed_html_has_markup(NULL, 0));
}

/*
 * Text without '<' or '&' takes a path without gumbo; it must give what
 * the parser gives: CR LF and CR are line ends, spaces collapse, quotes
 * and '>' are escaped, bad bytes repaired. (Checked against the parser on
 * 20,000 random strings when the path was added.)
 */
static void plain_text_without_parser_matches_parser(void **state)
{
	(void)state;
	check("a\r\nb\r\rc  d\t e", "<p>a<br/>b</p><p>c d e</p>",
	      "a\nb\n\nc d e");
	check("\"kutip\" > 'x' ]]> \xff\x01 \xF0\x9F\x97\xB3",
	      "<p>\"kutip\" &gt; 'x' ]]&gt; \xEF\xBF\xBD \xF0\x9F\x97\xB3</p>",
	      "\"kutip\" > 'x' ]]> \xEF\xBF\xBD \xF0\x9F\x97\xB3");
	check("\r\n\r\n", "", "");
}

/*
 * Show notes with a link and blank-line paragraphs but no block tags keep
 * their paragraphs; with a block tag, the markup's own layout wins.
 */
static void sanitize_keeps_paragraphs_of_inline_markup(void **state)
{
	(void)state;
	check("Tamu hari ini: <b>Budi</b>.\n\nSimak di "
	      "<a href=\"https://kpu.go.id\">kpu.go.id</a>\r\n\r\nTerima kasih",
	      "<p>Tamu hari ini: <b>Budi</b>.</p><p>Simak di "
	      "<a href=\"https://kpu.go.id\">kpu.go.id</a></p><p>Terima "
	      "kasih</p>",
	      "Tamu hari ini: Budi.\n\nSimak di kpu.go.id\n\nTerima kasih");
	/* A blank line inside a tag is not a paragraph break. */
	check("<a\n\nhref=\"https://kpu.go.id\">x</a>\n\ny",
	      "<p><a href=\"https://kpu.go.id\">x</a></p><p>y</p>", "x\n\ny");
	check("<p>Satu</p>\n\n<b>dua</b>", "<p>Satu</p>\n\n<b>dua</b>",
	      "Satu\n\ndua");
}

/*
 * feed_html_simple() says yes only of text the sanitiser gives back as it
 * is and in <p>, and no to each thing that makes it change the text.
 */
static void simple_text_is_what_the_sanitiser_keeps(void **state)
{
	static const char *const yes[] = {
		"Sosialisasi tahapan pemilu",
		"Caf\xC3\xA9 \"demokrasi\" 'muda' \xF0\x9F\x8E\x99 100%",
		"x",
	};
	static const char *const no[] = {
		"", " awal", "akhir ", "dua  spasi", "tab\tdi", "baris\nbaru",
		"cr\rdi", "a < b", "a > b", "a & b", "a&amp;b",
		"nbsp\xC2\xA0" "di", "bukan \xEF\xBF\xBE karakter",
		"\xEF\xBF\xBF", "rusak \xFF", "kontrol \x01",
	};
	struct result r;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		len = strlen(yes[i]);
		assert_true(feed_html_simple(yes[i], len));
		sanitize_len(&r, yes[i], len);
		assert_int_equal(r.rc, SIAR_OK);
		assert_string_equal(r.plain.buf, yes[i]);
		assert_int_equal(r.html.len, len + 7);
		assert_memory_equal(r.html.buf, "<p>", 3);
		assert_memory_equal(r.html.buf + 3, yes[i], len);
		assert_string_equal(r.html.buf + 3 + len, "</p>");
		release(&r);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (feed_html_simple(no[i], strlen(no[i])))
			fail_msg("'%s' taken for simple text", no[i]);
	/* Not NUL-terminated at 'len': not taken, whatever it holds. */
	assert_false(feed_html_simple("kata lain", 4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_text_without_parser_matches_parser),
		cmocka_unit_test(simple_text_is_what_the_sanitiser_keeps),
	    cmocka_unit_test(sanitize_drops_script_style_iframe_with_content),
	    cmocka_unit_test(sanitize_drops_other_hidden_elements_with_content),
	    cmocka_unit_test(sanitize_drops_comments),
	    cmocka_unit_test(sanitize_removes_attributes),
	    cmocka_unit_test(sanitize_unwraps_nested_disallowed_tags),
	    cmocka_unit_test(sanitize_separates_unwrapped_blocks),
	    cmocka_unit_test(sanitize_keeps_allowed_tags),
	    cmocka_unit_test(sanitize_drops_unsafe_hrefs_keeping_text),
	    cmocka_unit_test(sanitize_keeps_http_https_mailto_links),
	    cmocka_unit_test(sanitize_never_nests_links),
	    cmocka_unit_test(sanitize_decodes_and_escapes_entities),
	    cmocka_unit_test(sanitize_escapes_cdata_end),
	    cmocka_unit_test(sanitize_repairs_utf8_and_controls),
	    cmocka_unit_test(sanitize_turns_plain_text_into_paragraphs),
	    cmocka_unit_test(sanitize_keeps_paragraphs_of_inline_markup),
	    cmocka_unit_test(sanitize_keeps_indonesian_text_and_emoji),
	    cmocka_unit_test(sanitize_writes_plain_text),
	    cmocka_unit_test(sanitize_truncates_2mb_input_on_code_point),
	    cmocka_unit_test(sanitize_parses_only_first_mib_of_markup),
	    cmocka_unit_test(sanitize_parses_only_first_1024_tags),
	    cmocka_unit_test(sanitize_survives_deep_nesting),
	    cmocka_unit_test(sanitize_caps_output_depth),
	    cmocka_unit_test(sanitize_refuses_formatting_clone_bomb),
	    cmocka_unit_test(sanitize_refuses_attribute_flood),
	    cmocka_unit_test(sanitize_parses_tables_in_no_quirks_mode),
	    cmocka_unit_test(sanitize_output_is_deterministic),
	    cmocka_unit_test(sanitize_output_parses_as_xml),
	    cmocka_unit_test(sanitize_random_tag_soup_stays_well_formed),
	    cmocka_unit_test(sanitize_appends_to_buffers),
	    cmocka_unit_test(sanitize_accepts_null_plain),
	    cmocka_unit_test(sanitize_reports_buffer_failure),
	    cmocka_unit_test(has_markup_finds_tags_and_entities),
	    cmocka_unit_test(has_markup_ignores_plain_text),
	};
	int rc;

	xmlInitParser();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
