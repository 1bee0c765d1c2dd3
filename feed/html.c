/*
 * The description sanitizer. gumbo parses the producer's text as an HTML5
 * fragment in <body>, with the tokenizer and tree builder browsers use, so
 * a hostile description means here what it would mean in a browser. A walk
 * over that tree then writes back an allow-list of tags as escaped,
 * XML-friendly HTML, and the text content as plain text alongside. Putting
 * either into a feed is feed.c's business.
 *
 * gumbo 0.10 checks none of its allocations and bounds none of its work,
 * so limits keep one description from taking the process down:
 *
 *  - HTML_INPUT_MAX bytes are parsed, as feed.h promises.
 *  - HTML_TAGS_MAX tags are parsed. Every scope check for a tag, and every
 *    character of text, costs gumbo time in proportion to the number of
 *    open elements: 1 MiB of "<div>" takes it minutes, and 2,048 open
 *    elements and 1 MiB of text a second.
 *  - HTML_ATTRS_MAX attributes: gumbo compares each attribute's name with
 *    every earlier one in its tag, so 100,000 in one tag take 30 s.
 *  - HTML_PARSE_MEM_MAX bytes may be allocated. HTML5's "reconstruct the
 *    active formatting elements" clones every open <b>, <i>, <font>...
 *    with its attributes at each new block: 14 KB of such tags asks for
 *    over 300 MiB.
 *
 * gumbo cannot report a failed allocation, so the allocator it is given
 * (struct html_arena) longjmp()s out of the parse when a budget is spent
 * or malloc() fails. Every block handed out is on the arena's list and is
 * freed from there, which also replaces gumbo_destroy_output(): that
 * recurses once per level of the tree and overflows the stack on deep ones.
 * Attributes are counted as the allocations of sizeof(GumboAttribute)
 * bytes, the only way to see them from outside the tokenizer (a string of
 * that size counts too, which errs on the safe side).
 *
 * The tree is walked through its parent pointers, without recursion, for
 * the same reason, and kept elements nest at most HTML_DEPTH_MAX deep in
 * the output (deeper ones are unwrapped), which apps and XML parsers with
 * a depth limit (libxml2's is 256) can take.
 */
#include "feed.h"

#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#define HTML_INPUT_MAX	   ((size_t)1 << 20)
#define HTML_TAGS_MAX	   ((size_t)1024)
#define HTML_ATTRS_MAX	   ((size_t)8192)
#define HTML_PARSE_MEM_MAX ((size_t)32 << 20)
#define HTML_DEPTH_MAX	   64 /* kept elements inside one another */

/* What stands between an element's text and its neighbours' in plain text. */
enum html_sep {
	HTML_SEP_NONE,
	HTML_SEP_SPACE, /* table cells */
	HTML_SEP_LINE,	/* "\n": list items, <div> and the like */
	HTML_SEP_PARA,	/* "\n\n": paragraphs, headings, lists, tables */
};

/* One block given to gumbo, on the arena's list. */
union html_block {
	struct {
		union html_block *prev, *next;
		size_t size;
	} h;
	max_align_t align; /* what follows is aligned as malloc()'s is */
};

/* Why a parse was abandoned. */
enum html_fail {
	HTML_FAIL_NONE,
	HTML_FAIL_MALLOC,
	HTML_FAIL_MEMORY, /* over HTML_PARSE_MEM_MAX */
	HTML_FAIL_ATTRS,  /* over HTML_ATTRS_MAX */
};

/* Everything gumbo allocated for one parse, and how it ended. */
struct html_arena {
	union html_block *head;
	size_t used;  /* bytes held, headers included */
	size_t attrs; /* attributes made, roughly */
	enum html_fail fail;
	jmp_buf escape;
};

/* One sanitizer run's output and where it stands. */
struct html_out {
	struct siar_buf *html;
	struct siar_buf *plain;
	const GumboNode *open_a; /* the <a> written and not closed yet */
	unsigned depth;		 /* kept elements written and not closed */
	unsigned unwrapped;	 /* containers open past HTML_DEPTH_MAX */
	unsigned pre;		 /* <pre> elements open */
	unsigned li;		 /* <li> elements open */
	bool html_inline;	 /* visible text since the last block tag */
	enum html_sep html_owed; /* separator an unwrapped block left */
	bool lines;		 /* newlines in text are line breaks */
	bool plain_started;	 /* visible plain text written */
	unsigned plain_nl;	 /* newlines owed before the next text, 0-2 */
	size_t ws_len;		 /* spaces owed */
	char ws[16];		 /* the spaces: " ", or <pre>'s indentation */
	struct siar_buf fixed; /* text gumbo gave as invalid UTF-8, repaired */
};

static const GumboTag kept_tags[] = {
    GUMBO_TAG_P,  GUMBO_TAG_BR, GUMBO_TAG_A,	  GUMBO_TAG_UL,
    GUMBO_TAG_OL, GUMBO_TAG_LI, GUMBO_TAG_STRONG, GUMBO_TAG_B,
    GUMBO_TAG_EM, GUMBO_TAG_I,	GUMBO_TAG_U,	  GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_CODE,	  GUMBO_TAG_PRE,
};

/* Kept tags that are not blocks: they continue the line around them. */
static const GumboTag inline_tags[] = {
    GUMBO_TAG_A, GUMBO_TAG_STRONG, GUMBO_TAG_B,	   GUMBO_TAG_EM,
    GUMBO_TAG_I, GUMBO_TAG_U,	   GUMBO_TAG_CODE,
};

static const GumboTag dropped_tags[] = {
    GUMBO_TAG_SCRIPT,	GUMBO_TAG_STYLE,  GUMBO_TAG_TEMPLATE,
    GUMBO_TAG_IFRAME,	GUMBO_TAG_OBJECT, GUMBO_TAG_EMBED,
    GUMBO_TAG_NOSCRIPT, GUMBO_TAG_HEAD,	  GUMBO_TAG_TITLE,
};

static const GumboTag para_tags[] = {
    GUMBO_TAG_P,       GUMBO_TAG_H1,	     GUMBO_TAG_H2,
    GUMBO_TAG_H3,      GUMBO_TAG_H4,	     GUMBO_TAG_H5,
    GUMBO_TAG_H6,      GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE,
    GUMBO_TAG_UL,      GUMBO_TAG_OL,	     GUMBO_TAG_DL,
    GUMBO_TAG_TABLE,   GUMBO_TAG_HR,	     GUMBO_TAG_FIGURE,
    GUMBO_TAG_ADDRESS, GUMBO_TAG_FIELDSET,   GUMBO_TAG_DETAILS,
    GUMBO_TAG_CENTER,
};

static const GumboTag line_tags[] = {
    GUMBO_TAG_LI,      GUMBO_TAG_DIV,	    GUMBO_TAG_SECTION,
    GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE,	    GUMBO_TAG_HEADER,
    GUMBO_TAG_FOOTER,  GUMBO_TAG_NAV,	    GUMBO_TAG_MAIN,
    GUMBO_TAG_HGROUP,  GUMBO_TAG_TR,	    GUMBO_TAG_DT,
    GUMBO_TAG_DD,      GUMBO_TAG_CAPTION,   GUMBO_TAG_FIGCAPTION,
    GUMBO_TAG_SUMMARY, GUMBO_TAG_LEGEND,    GUMBO_TAG_FORM,
    GUMBO_TAG_MENU,    GUMBO_TAG_DIR,	    GUMBO_TAG_LISTING,
    GUMBO_TAG_XMP,     GUMBO_TAG_PLAINTEXT, GUMBO_TAG_TEXTAREA,
    GUMBO_TAG_OPTION,
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool tag_in(GumboTag tag, const GumboTag *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (list[i] == tag)
			return true;
	}
	return false;
}

/* ---- gumbo's allocator --------------------------------------------------- */

/* Abandon the parse: back to parse_fragment(), which returns NULL. */
static _Noreturn void arena_fail(struct html_arena *a, enum html_fail why)
{
	a->fail = why;
	longjmp(a->escape, 1);
}

static void *arena_alloc(void *userdata, size_t size)
{
	struct html_arena *a = userdata;
	size_t room = HTML_PARSE_MEM_MAX - a->used;
	union html_block *b;

	if (room < sizeof(*b) || size > room - sizeof(*b))
		arena_fail(a, HTML_FAIL_MEMORY);
	if (size == sizeof(GumboAttribute))
		a->attrs++;
	if (a->attrs > HTML_ATTRS_MAX)
		arena_fail(a, HTML_FAIL_ATTRS);
	/*
	 * Zeroed: in a fragment parse gumbo 0.10 never sets its document's
	 * doc_type_quirks_mode, then reads it at each <table>. Zero is
	 * no-quirks, what a fragment of a modern page is parsed in; left to
	 * malloc() it would make output vary from run to run.
	 */
	b = calloc(1, sizeof(*b) + size);
	if (!b)
		arena_fail(a, HTML_FAIL_MALLOC);
	b->h.prev = NULL;
	b->h.next = a->head;
	b->h.size = size;
	if (a->head)
		a->head->h.prev = b;
	a->head = b;
	a->used += sizeof(*b) + size;
	return b + 1;
}

static void arena_free(void *userdata, void *ptr)
{
	struct html_arena *a = userdata;
	union html_block *b;

	if (!ptr)
		return;
	b = (union html_block *)ptr - 1;
	if (b->h.prev)
		b->h.prev->h.next = b->h.next;
	else
		a->head = b->h.next;
	if (b->h.next)
		b->h.next->h.prev = b->h.prev;
	a->used -= sizeof(*b) + b->h.size;
	free(b);
}

/* Free every block gumbo still holds: its whole tree, after a parse. */
static void arena_release(struct html_arena *a)
{
	union html_block *b = a->head;
	union html_block *next;

	while (b) {
		next = b->h.next;
		free(b);
		b = next;
	}
	a->head = NULL;
	a->used = 0;
}

/*
 * Parse 'len' bytes of 's' as the content of a <body>. Returns NULL when
 * the arena gave out; what gumbo had allocated stays in 'a' either way.
 */
static GumboOutput *parse_fragment(struct html_arena *a, const char *s,
				   size_t len)
{
	GumboOptions opts = kGumboDefaultOptions;

	opts.allocator = arena_alloc;
	opts.deallocator = arena_free;
	opts.userdata = a;
	opts.max_errors = 0; /* unused, and each one would be allocated */
	opts.fragment_context = GUMBO_TAG_BODY;
	opts.fragment_namespace = GUMBO_NAMESPACE_HTML;
	if (setjmp(a->escape))
		return NULL;
	return gumbo_parse_with_options(&opts, s, len);
}

/* ---- Input --------------------------------------------------------------- */

static bool is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The longest prefix of [s, s + len) no longer than 'max' bytes that does
 * not end inside a UTF-8 sequence. Continuation bytes are skipped back over
 * at most three times, as no sequence has more.
 */
static size_t utf8_prefix(const char *s, size_t len, size_t max)
{
	size_t n = max;

	if (len <= max)
		return len;
	while (n > 0 && max - n < 3 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* The length of 's' up to its HTML_TAGS_MAX + 1st '<' that may open a tag. */
static size_t tags_prefix(const char *s, size_t len)
{
	const char *p = s;
	const char *end = s + len;
	size_t tags = 0;
	unsigned char c;

	while (p < end) {
		p = memchr(p, '<', (size_t)(end - p));
		if (!p || p + 1 == end)
			break;
		c = (unsigned char)p[1];
		if (is_alpha(c) || c == '/' || c == '!' || c == '?') {
			tags++;
			if (tags > HTML_TAGS_MAX)
				return (size_t)(p - s);
		}
		p++;
	}
	return len;
}

/* ---- Characters ---------------------------------------------------------- */

/*
 * The length of the character at 'p' if XML 1.0 cannot carry it (C0
 * controls but tab, newline and carriage return; U+FFFE, U+FFFF), or DEL,
 * which siar_utf8_repair() drops too; otherwise 0. Character references
 * ("&#1;") bring these back after the input was repaired.
 */
static size_t xml_illegal(const unsigned char *p, const unsigned char *end)
{
	if (*p < 0x20)
		return *p == '\t' || *p == '\n' || *p == '\r' ? 0 : 1;
	if (*p == 0x7F)
		return 1;
	if (*p == 0xEF && end - p >= 3 && p[1] == 0xBF &&
	    (p[2] == 0xBE || p[2] == 0xBF))
		return 3;
	return 0;
}

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The length of the whitespace character at 'p' (no-break space too), or 0. */
static size_t space_len(const unsigned char *p, const unsigned char *end)
{
	if (is_space(*p))
		return 1;
	if (*p == 0xC2 && end - p >= 2 && p[1] == 0xA0)
		return 2;
	return 0;
}

/*
 * Append [s, s + len) escaped for HTML text, or for a double-quoted
 * attribute value if 'attr' is set, without what XML cannot carry. '>' is
 * always escaped, so the output never holds "]]>".
 */
static void put_escaped(struct siar_buf *b, const char *s, size_t len,
			bool attr)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	const unsigned char *run = p;
	const char *rep;
	size_t skip;

	while (p < end) {
		rep = NULL;
		skip = xml_illegal(p, end);
		if (*p == '&')
			rep = "&amp;";
		else if (*p == '<')
			rep = "&lt;";
		else if (*p == '>')
			rep = "&gt;";
		else if (*p == '"' && attr)
			rep = "&quot;";
		if (!rep && !skip) {
			p++;
			continue;
		}
		siar_buf_add(b, (const char *)run, (size_t)(p - run));
		if (rep)
			siar_buf_adds(b, rep);
		p += skip ? skip : 1;
		run = p;
	}
	siar_buf_add(b, (const char *)run, (size_t)(p - run));
}

static bool has_visible(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	size_t n;

	while (p < end) {
		n = space_len(p, end) + xml_illegal(p, end);
		if (!n)
			return true;
		p += n;
	}
	return false;
}

/* ---- Plain text ---------------------------------------------------------- */

/* Owe a line break ('nl' 1) or a blank line ('nl' 2) before the next text. */
static void plain_break(struct html_out *o, unsigned nl)
{
	if (o->plain_nl < nl)
		o->plain_nl = nl;
	o->ws_len = 0;
}

static void plain_space(struct html_out *o)
{
	if (o->plain_nl || o->ws_len)
		return;
	o->ws[0] = ' ';
	o->ws_len = 1;
}

/* Write what is owed before visible text; nothing at the very start. */
static void plain_flush(struct html_out *o)
{
	unsigned i;

	if (o->plain_started) {
		for (i = 0; i < o->plain_nl; i++)
			siar_buf_addc(o->plain, '\n');
		siar_buf_add(o->plain, o->ws, o->ws_len);
	}
	o->plain_started = true;
	o->plain_nl = 0;
	o->ws_len = 0;
}

/*
 * Account for the whitespace character at 'p'. Outside <pre> a run
 * of it is one space, or a newline when newlines count (plain-text input);
 * inside <pre> newlines and indentation are kept, up to a blank line and
 * sizeof(ws) bytes of indentation.
 */
static void plain_whitespace(struct html_out *o, const unsigned char *p)
{
	if (*p == '\n' && (o->pre || o->lines)) {
		plain_break(o, o->plain_nl < 2 ? o->plain_nl + 1 : 2);
		return;
	}
	if (!o->pre || o->plain_nl == 0 || (*p != ' ' && *p != '\t')) {
		plain_space(o);
		return;
	}
	if (o->ws_len < sizeof(o->ws))
		o->ws[o->ws_len++] = (char)*p;
}

static void plain_text(struct html_out *o, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	const unsigned char *run = NULL;
	size_t ws, bad;

	while (p < end) {
		ws = space_len(p, end);
		bad = xml_illegal(p, end);
		if (!ws && !bad) {
			if (!run) {
				plain_flush(o);
				run = p;
			}
			p++;
			continue;
		}
		if (run)
			siar_buf_add(o->plain, (const char *)run,
				     (size_t)(p - run));
		run = NULL;
		if (ws)
			plain_whitespace(o, p);
		p += ws ? ws : bad;
	}
	if (run)
		siar_buf_add(o->plain, (const char *)run, (size_t)(p - run));
}

/* ---- HTML ---------------------------------------------------------------- */

/*
 * Write the separator an unwrapped block owes, as inline content (text,
 * or an inline tag that may hold some) follows.
 */
static void html_flush(struct html_out *o)
{
	if (o->html_owed == HTML_SEP_SPACE)
		siar_buf_addc(o->html, ' ');
	else if (o->html_owed != HTML_SEP_NONE)
		siar_buf_adds(o->html, "<br/>");
	o->html_owed = HTML_SEP_NONE;
}

/*
 * 's' (of '*len' bytes) as valid UTF-8. gumbo's is not always: it keeps a
 * character reference's number in an int, and "&#xEEEEEEEEEE;" comes out
 * as the lone byte 0xEE. Such text is repaired into o->fixed, which holds
 * it until the next call.
 */
static const char *valid_utf8(struct html_out *o, const char *s, size_t *len)
{
	if (siar_utf8_valid(s, *len))
		return s;
	siar_buf_release(&o->fixed);
	siar_utf8_repair(&o->fixed, s, *len, true);
	*len = o->fixed.len;
	return o->fixed.buf;
}

static void out_text(struct html_out *o, const char *text)
{
	size_t len = strlen(text);
	const char *s = valid_utf8(o, text, &len);

	if (has_visible(s, len)) {
		html_flush(o);
		o->html_inline = true;
	}
	put_escaped(o->html, s, len, false);
	plain_text(o, s, len);
}

/* What separates element 'e' from its neighbours in plain text. */
static enum html_sep element_sep(const struct html_out *o,
				 const GumboElement *e)
{
	if ((e->tag == GUMBO_TAG_UL || e->tag == GUMBO_TAG_OL) && o->li)
		return HTML_SEP_LINE; /* a list inside a list item */
	if (tag_in(e->tag, para_tags, COUNT(para_tags)))
		return HTML_SEP_PARA;
	if (tag_in(e->tag, line_tags, COUNT(line_tags)))
		return HTML_SEP_LINE;
	if (e->tag == GUMBO_TAG_TD || e->tag == GUMBO_TAG_TH)
		return HTML_SEP_SPACE;
	return HTML_SEP_NONE;
}

/*
 * Separate an element's content from what is around it, at its start and
 * end; 'shown' says whether its tag is written. An unwrapped block (<div>,
 * <h1>...) leaves a <br/> or a space owed in the HTML, written only if
 * inline content follows, so that "<div>a</div><div>b</div>" does not
 * become "ab".
 */
static void out_sep(struct html_out *o, const GumboElement *e, bool shown)
{
	enum html_sep sep = element_sep(o, e);

	if (sep == HTML_SEP_PARA || sep == HTML_SEP_LINE)
		plain_break(o, sep == HTML_SEP_PARA ? 2 : 1);
	else if (sep == HTML_SEP_SPACE)
		plain_space(o);
	if (!shown && sep != HTML_SEP_NONE && o->html_inline &&
	    sep > o->html_owed)
		o->html_owed = sep;
}

static bool is_kept(const GumboElement *e)
{
	return e->tag_namespace == GUMBO_NAMESPACE_HTML &&
	       tag_in(e->tag, kept_tags, COUNT(kept_tags));
}

static bool is_dropped(const GumboNode *node)
{
	return node->type == GUMBO_NODE_TEMPLATE ||
	       (node->type == GUMBO_NODE_ELEMENT &&
		tag_in(node->v.element.tag, dropped_tags, COUNT(dropped_tags)));
}

static bool has_prefix_ci(const char *s, size_t len, const char *prefix)
{
	size_t i, n = strlen(prefix);

	if (len < n)
		return false;
	for (i = 0; i < n; i++) {
		if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] | 0x20 : s[i]) !=
		    prefix[i])
			return false;
	}
	return true;
}

/*
 * Whether 'href' is an http, https or mailto URL once the C0 controls and
 * spaces around it are trimmed (as browsers trim them). '*url' and '*len'
 * receive the trimmed value.
 */
static bool href_allowed(const char *href, const char **url, size_t *len)
{
	const char *s = href;
	const char *end = href + strlen(href);

	while (s < end && (unsigned char)*s <= 0x20)
		s++;
	while (end > s && (unsigned char)end[-1] <= 0x20)
		end--;
	*url = s;
	*len = (size_t)(end - s);
	return has_prefix_ci(s, *len, "http:") ||
	       has_prefix_ci(s, *len, "https:") ||
	       has_prefix_ci(s, *len, "mailto:");
}

/* Open <a> with its href, or leave it unwrapped (its text kept). */
static void enter_a(struct html_out *o, const GumboNode *node)
{
	const GumboAttribute *href;
	const char *url;
	size_t len;

	href = gumbo_get_attribute(&node->v.element.attributes, "href");
	if (o->open_a || o->depth >= HTML_DEPTH_MAX || !href ||
	    !href_allowed(href->value, &url, &len))
		return;
	html_flush(o);
	url = valid_utf8(o, url, &len);
	siar_buf_adds(o->html, "<a href=\"");
	put_escaped(o->html, url, len, true);
	siar_buf_adds(o->html, "\">");
	o->open_a = node;
	o->depth++;
}

static void leave_a(struct html_out *o, const GumboNode *node)
{
	if (o->open_a != node)
		return;
	siar_buf_adds(o->html, "</a>");
	o->open_a = NULL;
	o->depth--;
}

/* Kept elements that hold content: not <a> (see enter_a), not <br>. */
static bool is_container(const GumboElement *e)
{
	return is_kept(e) && e->tag != GUMBO_TAG_A && e->tag != GUMBO_TAG_BR;
}

static bool is_inline(const GumboElement *e)
{
	return tag_in(e->tag, inline_tags, COUNT(inline_tags));
}

/*
 * Start container 'e': write its tag, or, past HTML_DEPTH_MAX, count it
 * as unwrapped. Returns whether the tag was written.
 */
static bool open_container(struct html_out *o, const GumboElement *e)
{
	if (e->tag == GUMBO_TAG_PRE)
		o->pre++;
	if (e->tag == GUMBO_TAG_LI)
		o->li++;
	if (o->depth >= HTML_DEPTH_MAX) {
		o->unwrapped++;
		return false;
	}
	if (is_inline(e)) {
		html_flush(o);
	} else {
		o->html_owed = HTML_SEP_NONE;
		o->html_inline = false;
	}
	siar_buf_addf(o->html, "<%s>", gumbo_normalized_tagname(e->tag));
	o->depth++;
	return true;
}

/*
 * End container 'e'. Containers unwrapped for depth are all inside the
 * deepest one written, so they end first.
 */
static bool close_container(struct html_out *o, const GumboElement *e)
{
	if (e->tag == GUMBO_TAG_PRE)
		o->pre--;
	if (e->tag == GUMBO_TAG_LI)
		o->li--;
	if (o->unwrapped) {
		o->unwrapped--;
		return false;
	}
	siar_buf_addf(o->html, "</%s>", gumbo_normalized_tagname(e->tag));
	o->depth--;
	if (!is_inline(e)) {
		o->html_owed = HTML_SEP_NONE;
		o->html_inline = false;
	}
	return true;
}

static void out_br(struct html_out *o)
{
	siar_buf_adds(o->html, "<br/>");
	o->html_owed = HTML_SEP_NONE;
	o->html_inline = false;
	plain_break(o, o->plain_nl < 2 ? o->plain_nl + 1 : 2);
}

/* Write the start of 'node'; returns whether to walk into its children. */
static bool enter(struct html_out *o, const GumboNode *node)
{
	const GumboElement *e = &node->v.element;
	bool shown = false;

	if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
	    node->type == GUMBO_NODE_WHITESPACE)
		out_text(o, node->v.text.text);
	if (node->type != GUMBO_NODE_ELEMENT || is_dropped(node))
		return false;
	if (is_kept(e) && e->tag == GUMBO_TAG_BR) {
		out_br(o);
		return false;
	}
	if (is_kept(e) && e->tag == GUMBO_TAG_A) {
		enter_a(o, node);
		return true;
	}
	/* The separator goes before the tag, which may cancel it. */
	shown = is_container(e) && o->depth < HTML_DEPTH_MAX;
	out_sep(o, e, shown);
	if (is_container(e))
		open_container(o, e);
	return true;
}

/* Write the end of 'node', after its children. */
static void leave(struct html_out *o, const GumboNode *node)
{
	const GumboElement *e = &node->v.element;
	bool shown = false;

	if (node->type != GUMBO_NODE_ELEMENT || is_dropped(node))
		return;
	if (is_kept(e) && e->tag == GUMBO_TAG_BR)
		return;
	if (is_kept(e) && e->tag == GUMBO_TAG_A) {
		leave_a(o, node);
		return;
	}
	if (is_container(e))
		shown = close_container(o, e);
	out_sep(o, e, shown);
}

static const GumboVector *children(const GumboNode *node)
{
	if (node->type == GUMBO_NODE_ELEMENT ||
	    node->type == GUMBO_NODE_TEMPLATE)
		return &node->v.element.children;
	if (node->type == GUMBO_NODE_DOCUMENT)
		return &node->v.document.children;
	return NULL;
}

static const GumboNode *first_child(const GumboNode *node)
{
	const GumboVector *v = children(node);

	return v && v->length ? v->data[0] : NULL;
}

static const GumboNode *next_sibling(const GumboNode *node)
{
	const GumboVector *v = children(node->parent);
	size_t i = node->index_within_parent + 1;

	return v && i < v->length ? v->data[i] : NULL;
}

/* Write everything under 'root', depth first, without recursing. */
static void walk(struct html_out *o, const GumboNode *root)
{
	const GumboNode *node = first_child(root);
	const GumboNode *next;

	while (node) {
		if (enter(o, node)) {
			next = first_child(node);
			if (next) {
				node = next;
				continue;
			}
		}
		for (;;) {
			leave(o, node);
			next = next_sibling(node);
			if (next || node->parent == root)
				break;
			node = node->parent;
		}
		node = next;
	}
}

/* ---- Plain-text input ---------------------------------------------------- */

/* True if everything under 'root' is text: no tag and no comment. */
static bool only_text(const GumboNode *root)
{
	const GumboNode *node;

	for (node = first_child(root); node; node = next_sibling(node)) {
		if (node->type != GUMBO_NODE_TEXT &&
		    node->type != GUMBO_NODE_WHITESPACE)
			return false;
	}
	return true;
}

/*
 * Write 'text', plain text as out_plain_input() made it (no leading,
 * trailing or doubled spaces, at most one blank line in a row), as
 * paragraphs: "\n\n" ends one, "\n" is <br/>.
 */
static void put_paragraphs(struct siar_buf *html, const char *text, size_t len)
{
	const char *end = text + len;
	const char *nl;

	if (!len)
		return;
	siar_buf_adds(html, "<p>");
	while (text < end) {
		nl = memchr(text, '\n', (size_t)(end - text));
		if (!nl)
			nl = end;
		put_escaped(html, text, (size_t)(nl - text), false);
		if (nl + 1 < end && nl[1] == '\n') {
			siar_buf_adds(html, "</p><p>");
			nl++;
		} else if (nl < end) {
			siar_buf_adds(html, "<br/>");
		}
		text = nl < end ? nl + 1 : end;
	}
	siar_buf_adds(html, "</p>");
}

/*
 * Text without a tag: its plain form keeps line breaks and blank lines,
 * and the HTML is made from that.
 */
static void out_plain_input(struct html_out *o, const GumboNode *root)
{
	size_t start = o->plain->len;
	const GumboNode *node;
	const char *s;
	size_t len;

	o->lines = true;
	for (node = first_child(root); node; node = next_sibling(node)) {
		len = strlen(node->v.text.text);
		s = valid_utf8(o, node->v.text.text, &len);
		plain_text(o, s, len);
	}
	if (!o->plain->failed)
		put_paragraphs(o->html, o->plain->buf + start,
			       o->plain->len - start);
}

/* ---- Entry points -------------------------------------------------------- */

static int check_out(const struct siar_buf *b, const char *what,
		     struct siar_err *err)
{
	if (b->failed == SIAR_OK)
		return SIAR_OK;
	if (b->failed == SIAR_ENOMEM)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return siar_err_set(err, SIAR_ENOMEM, "sanitized %s over %zu bytes",
			    what, b->max);
}

static void html_out_init(struct html_out *o, struct siar_buf *html,
			  struct siar_buf *plain)
{
	memset(o, 0, sizeof(*o));
	o->html = html;
	o->plain = plain;
	o->html_owed = HTML_SEP_NONE;
	siar_buf_init(&o->fixed, 0);
}

/* Write the sanitized forms of the parsed 'root' to 'html' and 'plain'. */
static int write_out(const GumboNode *root, struct siar_buf *html,
		     struct siar_buf *plain, struct siar_err *err)
{
	struct html_out o;
	int rc;

	html_out_init(&o, html, plain);
	if (only_text(root))
		out_plain_input(&o, root);
	else
		walk(&o, root);
	rc = check_out(html, "html", err);
	if (!rc)
		rc = check_out(plain, "text", err);
	if (!rc)
		rc = check_out(&o.fixed, "text", err);
	siar_buf_release(&o.fixed);
	return rc;
}

static int parse_failed(const struct html_arena *a, struct siar_err *err)
{
	switch (a->fail) {
	case HTML_FAIL_NONE:
	case HTML_FAIL_MALLOC:
		break;
	case HTML_FAIL_MEMORY:
		return siar_err_set(err, SIAR_ENOMEM,
				    "html needs over %zu MiB to parse",
				    HTML_PARSE_MEM_MAX >> 20);
	case HTML_FAIL_ATTRS:
		return siar_err_set(err, SIAR_ENOMEM,
				    "html has over %zu attributes",
				    HTML_ATTRS_MAX);
	}
	return siar_err_set(err, SIAR_ENOMEM, "out of memory");
}

/*
 * Text without '<' or '&' parses to text alone, with only line ends
 * changed (HTML's input stream turns CR LF and CR into LF): write it as
 * out_plain_input() would, without building a tree. Most descriptions are
 * such text, and gumbo would be most of a feed's time.
 */
static int write_plain_text(const char *text, size_t len,
			    struct siar_buf *html, struct siar_buf *plain,
			    struct siar_err *err)
{
	struct siar_buf lf;
	struct html_out o;
	size_t i, start;
	int rc;

	siar_buf_init(&lf, 0);
	for (i = 0; i < len; i++) {
		if (text[i] != '\r') {
			siar_buf_addc(&lf, text[i]);
			continue;
		}
		siar_buf_addc(&lf, '\n');
		if (i + 1 < len && text[i + 1] == '\n')
			i++;
	}
	rc = check_out(&lf, "input", err);
	if (rc) {
		siar_buf_release(&lf);
		return rc;
	}
	html_out_init(&o, html, plain);
	o.lines = true;
	start = plain->len;
	plain_text(&o, lf.len ? lf.buf : "", lf.len);
	if (!plain->failed)
		put_paragraphs(html, plain->buf + start, plain->len - start);
	rc = check_out(html, "html", err);
	if (!rc)
		rc = check_out(plain, "text", err);
	if (!rc)
		rc = check_out(&o.fixed, "text", err);
	siar_buf_release(&o.fixed);
	siar_buf_release(&lf);
	return rc;
}

/* True if 's' has an empty line ("\n\n" or "\n\r\n"). */
static bool has_blank_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if (s[i] == '\n' && (s[i + 1] == '\n' ||
				     (s[i + 1] == '\r' && i + 2 < len &&
				      s[i + 2] == '\n')))
			return true;
	return false;
}

/* True if 's' has something that looks like a tag: '<' then a letter. */
static bool has_tag(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++)
		if (s[i] == '<' && (is_alpha((unsigned char)s[i + 1]) ||
				    s[i + 1] == '/'))
			return true;
	return false;
}

/* Tags that make their own blocks: text with one of them has its layout. */
static bool has_block_tag(const char *s, size_t len)
{
	static const char *const blocks[] = {
		"p", "div", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4",
		"h5", "h6", "blockquote", "pre", "table", "tr", "section",
		"article", "dl", "hr",
	};
	const char *end = s + len, *p, *name;
	size_t i, n;

	for (p = memchr(s, '<', len); p; p = memchr(p + 1, '<', (size_t)(end - p - 1))) {
		name = p + 1 + (p + 1 < end && p[1] == '/');
		for (i = 0; i < sizeof(blocks) / sizeof(blocks[0]); i++) {
			n = strlen(blocks[i]);
			if ((size_t)(end - name) >= n &&
			    !strncasecmp(name, blocks[i], n) &&
			    (name + n == end || !is_alpha((unsigned char)name[n])))
				return true;
		}
		if (p + 1 >= end)
			break;
	}
	return false;
}

/*
 * Show notes with a link or two and paragraphs separated by blank lines,
 * but no block tags, would lose their paragraphs: HTML folds blank lines.
 * Wrap each blank-line separated block (outside tags) in <p> before
 * parsing, so they keep them. The parser still decides what is safe.
 */
static void wrap_paragraphs(struct siar_buf *out, const char *s, size_t len)
{
	size_t i = 0, start = 0, end;
	bool in_tag = false;

	while (i <= len) {
		if (i < len && s[i] == '<')
			in_tag = true;
		else if (i < len && s[i] == '>')
			in_tag = false;
		if (i == len || (!in_tag && s[i] == '\n' && i + 1 < len &&
				 (s[i + 1] == '\n' ||
				  (s[i + 1] == '\r' && i + 2 < len &&
				   s[i + 2] == '\n')))) {
			end = i;
			while (start < end && (s[start] == '\n' || s[start] == '\r' ||
					       s[start] == ' ' || s[start] == '\t'))
				start++;
			while (end > start && (s[end - 1] == '\n' ||
					       s[end - 1] == '\r' ||
					       s[end - 1] == ' ' ||
					       s[end - 1] == '\t'))
				end--;
			if (end > start) {
				siar_buf_adds(out, "<p>");
				siar_buf_add(out, s + start, end - start);
				siar_buf_adds(out, "</p>");
			}
			while (i < len && (s[i] == '\n' || s[i] == '\r'))
				i++;
			start = i;
			if (i == len)
				break;
			continue;
		}
		i++;
	}
}

/*
 * The writer asks this of every episode's description before, and instead
 * of, feed_html_sanitize(): hence the C library's vector code, pass by
 * pass, rather than a loop over the bytes.
 */
bool feed_html_simple(const char *text, size_t len)
{
	const char *p;

	if (!len || len > HTML_INPUT_MAX || text[0] == ' ' ||
	    text[len - 1] == ' ' || text[len] != '\0' ||
	    siar_utf8_clean_len(text, len, true) != len)
		return false;
	if (strcspn(text, "\t\n\r<>&") != len || strstr(text, "  "))
		return false;
	for (p = memchr(text, 0xC2, len); p; /* U+00A0, a no-break space */
	     p = memchr(p + 1, 0xC2, (size_t)(text + len - p - 1)))
		if ((unsigned char)p[1] == 0xA0)
			return false;
	for (p = memchr(text, 0xEF, len); p; /* U+FFFE and U+FFFF */
	     p = memchr(p + 1, 0xEF, (size_t)(text + len - p - 1)))
		if ((unsigned char)p[1] == 0xBF &&
		    ((unsigned char)p[2] == 0xBE || (unsigned char)p[2] == 0xBF))
			return false;
	return true;
}

int feed_html_sanitize(const char *text, size_t len, struct siar_buf *html,
		       struct siar_buf *plain, struct siar_err *err)
{
	struct siar_buf in, scratch;
	struct html_arena arena = {0};
	GumboOutput *tree;
	size_t n;
	int rc;

	siar_buf_init(&in, 0);
	siar_buf_init(&scratch, 0);
	if (!len)
		text = "";
	/* Every bad byte can become three: cut before and after repair. */
	siar_utf8_repair(&in, text, utf8_prefix(text, len, HTML_INPUT_MAX),
			 true);
	rc = check_out(&in, "input", err);
	if (rc)
		goto out;
	n = utf8_prefix(in.buf, in.len, HTML_INPUT_MAX);
	if (!memchr(in.buf, '<', n) && !memchr(in.buf, '&', n)) {
		rc = write_plain_text(in.buf, n, html, plain ? plain : &scratch,
				      err);
		goto out;
	}
	/* Text with tags but no blocks keeps its blank-line paragraphs. */
	if (has_blank_line(in.buf, n) && has_tag(in.buf, n)) {
		if (!has_block_tag(in.buf, n)) {
			struct siar_buf wrapped;

			siar_buf_init(&wrapped, 0);
			wrap_paragraphs(&wrapped, in.buf, n);
			rc = check_out(&wrapped, "input", err);
			if (!rc) {
				siar_buf_release(&in);
				in = wrapped;
				n = in.len;
			} else {
				siar_buf_release(&wrapped);
				goto out;
			}
		}
	}
	tree = parse_fragment(&arena, in.buf, tags_prefix(in.buf, n));
	if (!tree) {
		rc = parse_failed(&arena, err);
		goto out;
	}
	rc = write_out(tree->root, html, plain ? plain : &scratch, err);
out:
	arena_release(&arena);
	siar_buf_release(&in);
	siar_buf_release(&scratch);
	return rc;
}

/* Whether 'c' can be in the name or number of a character reference. */
static bool ref_char(unsigned char c, bool num, bool hex)
{
	if (hex)
		return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
	if (num)
		return is_digit(c);
	return is_alpha(c) || is_digit(c);
}

/*
 * True if 's', at an '&', starts what looks like a character reference:
 * "&name;", "&#digits;" or "&#xhex;".
 */
static bool at_entity(const char *s, const char *end)
{
	const char *p = s + 1;
	const char *name;
	bool num = p < end && *p == '#';
	bool hex = false;
	unsigned char c;

	if (num) {
		p++;
		hex = p < end && (*p == 'x' || *p == 'X');
		p += hex;
	}
	for (name = p; p < end && p - name < 32; p++) {
		c = (unsigned char)*p;
		if (!ref_char(c, num, hex))
			break;
	}
	if (p == name || p == end || *p != ';')
		return false;
	return num || is_alpha((unsigned char)*name);
}

bool feed_html_has_markup(const char *text, size_t len)
{
	const char *end = text + len;
	const char *p;
	unsigned char c;

	if (!len)
		return false;
	for (p = text; p + 1 < end; p++) {
		if (*p == '&' && at_entity(p, end))
			return true;
		if (*p != '<')
			continue;
		c = (unsigned char)p[1];
		if (is_alpha(c) || c == '!' || c == '?')
			return true;
		if (c == '/' && p + 2 < end && is_alpha((unsigned char)p[2]))
			return true;
	}
	return false;
}
