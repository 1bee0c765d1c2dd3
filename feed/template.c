/*
 * The site's template language (see feed.h): templates compiled once into
 * a list of nodes, rendered with a tree of values that lives in one arena.
 *
 * Escaping is decided when a template is compiled, not by whoever fills
 * the values: a small HTML tokenizer follows the literal text, so each
 * {{value}} knows whether it lands in text, in a quoted attribute, or at
 * the start of a URL attribute, and places where no escaping is safe
 * (script, style, event handlers, unquoted attributes) are compile errors.
 * The pages themselves are in feed/templates/ and built into siar by the
 * Makefile; site.c fills the values.
 */
#include "feed.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed_int.h"

#define TPL_NAME_MAX	64 /* bytes in a {{name}} */
#define TPL_NEST_MAX	32 /* sections inside sections */
#define TPL_PARTIAL_MAX 8  /* partials inside partials */

/* ---- Values ------------------------------------------------------------ */

enum val_kind { V_TEXT, V_HTML, V_URL, V_BOOL, V_OBJ, V_LIST };

struct tpl_val {
	enum val_kind kind;
	const char *key;
	struct tpl_val *next;	    /* the next name of the same object */
	const char *s;		    /* V_TEXT, V_HTML, V_URL */
	bool b;			    /* V_BOOL */
	struct feed_tpl_data *obj;  /* V_OBJ; V_LIST: its first item */
	struct feed_tpl_data *last; /* V_LIST: its last item */
};

struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_block *blocks;
	bool failed;
};

struct feed_tpl_data {
	struct arena *arena;
	struct tpl_val *first, *last;
	struct feed_tpl_data *next_item; /* in a list */
};

#define ARENA_BLOCK ((size_t)64 << 10)

static void *arena_alloc(struct arena *a, size_t len)
{
	struct arena_block *b = a->blocks;
	size_t align = sizeof(max_align_t), size;
	void *p;

	len = (len + align - 1) / align * align;
	if (!b || b->size - b->used < len) {
		size = len > ARENA_BLOCK ? len : ARENA_BLOCK;
		b = malloc(sizeof(*b) + size);
		if (!b) {
			a->failed = true;
			return NULL;
		}
		b->used = 0;
		b->size = size;
		b->next = a->blocks;
		a->blocks = b;
	}
	p = (char *)b->data + b->used;
	b->used += len;
	return p;
}

static char *arena_strdup(struct arena *a, const char *s, size_t len)
{
	char *p = arena_alloc(a, len + 1);

	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

static struct feed_tpl_data *data_new_in(struct arena *a)
{
	struct feed_tpl_data *d = arena_alloc(a, sizeof(*d));

	if (d) {
		d->arena = a;
		d->first = d->last = NULL;
		d->next_item = NULL;
	}
	return d;
}

struct feed_tpl_data *feed_tpl_data_new(void)
{
	struct arena *a = calloc(1, sizeof(*a));
	struct feed_tpl_data *d;

	if (!a)
		return NULL;
	d = data_new_in(a);
	if (!d) {
		free(a);
		return NULL;
	}
	return d;
}

void feed_tpl_data_free(struct feed_tpl_data *d)
{
	struct arena_block *b, *next;
	struct arena *a;

	if (!d)
		return;
	a = d->arena;
	for (b = a->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* The value named 'key' in 'd' itself, or NULL. */
static struct tpl_val *own_val(const struct feed_tpl_data *d, const char *key)
{
	struct tpl_val *v;

	for (v = d->first; v; v = v->next)
		if (!strcmp(v->key, key))
			return v;
	return NULL;
}

/* The value named 'key' in 'd', made (as 'kind') if missing; or NULL. */
static struct tpl_val *put_val(struct feed_tpl_data *d, const char *key,
			       enum val_kind kind)
{
	struct tpl_val *v = own_val(d, key);

	if (v) {
		v->kind = kind;
		return v;
	}
	v = arena_alloc(d->arena, sizeof(*v));
	if (!v)
		return NULL;
	memset(v, 0, sizeof(*v));
	v->kind = kind;
	v->key = arena_strdup(d->arena, key, strlen(key));
	if (!v->key)
		return NULL;
	if (d->last)
		d->last->next = v;
	else
		d->first = v;
	d->last = v;
	return v;
}

static void set_string(struct feed_tpl_data *d, const char *key, const char *s,
		       enum val_kind kind)
{
	struct tpl_val *v;

	if (!d || !s)
		return;
	v = put_val(d, key, kind);
	if (v)
		v->s = arena_strdup(d->arena, s, strlen(s));
	if (v && !v->s)
		d->arena->failed = true;
}

void feed_tpl_set(struct feed_tpl_data *d, const char *key, const char *text)
{
	set_string(d, key, text, V_TEXT);
}

void feed_tpl_setf(struct feed_tpl_data *d, const char *key, const char *fmt,
		   ...)
{
	struct tpl_val *v;
	va_list ap;
	char *s;
	int n;

	if (!d)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		d->arena->failed = true;
		return;
	}
	s = arena_alloc(d->arena, (size_t)n + 1);
	v = s ? put_val(d, key, V_TEXT) : NULL;
	if (!v)
		return;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	v->s = s;
}

void feed_tpl_set_html(struct feed_tpl_data *d, const char *key,
		       const char *html)
{
	set_string(d, key, html, V_HTML);
}

void feed_tpl_set_url(struct feed_tpl_data *d, const char *key, const char *url)
{
	set_string(d, key, url, V_URL);
}

void feed_tpl_set_bool(struct feed_tpl_data *d, const char *key, bool b)
{
	struct tpl_val *v;

	if (!d)
		return;
	v = put_val(d, key, V_BOOL);
	if (v)
		v->b = b;
}

struct feed_tpl_data *feed_tpl_obj(struct feed_tpl_data *d, const char *key)
{
	struct tpl_val *v;

	if (!d)
		return NULL;
	v = own_val(d, key);
	if (v && v->kind == V_OBJ)
		return v->obj;
	v = put_val(d, key, V_OBJ);
	if (!v)
		return NULL;
	v->obj = data_new_in(d->arena);
	return v->obj;
}

struct feed_tpl_data *feed_tpl_add(struct feed_tpl_data *d, const char *key)
{
	struct feed_tpl_data *item;
	struct tpl_val *v;

	if (!d)
		return NULL;
	v = own_val(d, key);
	if (!v || v->kind != V_LIST) {
		v = put_val(d, key, V_LIST);
		if (!v)
			return NULL;
		v->obj = v->last = NULL;
	}
	item = data_new_in(d->arena);
	if (!item)
		return NULL;
	if (v->last)
		v->last->next_item = item;
	else
		v->obj = item;
	v->last = item;
	return item;
}

/* ---- Escaping ---------------------------------------------------------- */

void feed_html_escape(struct siar_buf *b, const char *s)
{
	struct siar_buf fixed;
	const char *p;

	if (!s)
		return;
	siar_buf_init(&fixed, 0);
	if (!siar_utf8_valid(s, strlen(s))) {
		siar_utf8_repair(&fixed, s, strlen(s), false);
		s = fixed.buf;
	}
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		switch (c) {
		case '&':
			siar_buf_adds(b, "&amp;");
			break;
		case '<':
			siar_buf_adds(b, "&lt;");
			break;
		case '>':
			siar_buf_adds(b, "&gt;");
			break;
		case '"':
			siar_buf_adds(b, "&quot;");
			break;
		case '\'':
			siar_buf_adds(b, "&#39;");
			break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7F)
				break;
			siar_buf_addc(b, (char)c);
		}
	}
	siar_buf_release(&fixed);
}

bool feed_url_safe(const char *url)
{
	static const char *const schemes[] = {"http", "https", "mailto"};
	const char *p;
	size_t len, i;

	if (!url)
		return false;
	for (p = url; *p; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7F)
			return false;
	/* The scheme is whatever comes before a ':' that precedes / ? #. */
	len = strcspn(url, ":/?#");
	if (url[len] != ':')
		return true;
	for (i = 0; i < sizeof(schemes) / sizeof(schemes[0]); i++)
		if (strlen(schemes[i]) == len &&
		    !strncasecmp(url, schemes[i], len))
			return true;
	return false;
}

/* ---- Compiling --------------------------------------------------------- */

/* Where the literal HTML before a tag left off. */
enum html_state {
	H_TEXT,
	H_TAG_OPEN, /* after '<' */
	H_TAG_NAME,
	H_END_TAG,
	H_IN_TAG, /* between attributes */
	H_ATTR_NAME,
	H_AFTER_ATTR,	/* after a name, before '=' or the next one */
	H_BEFORE_VALUE, /* after '=' */
	H_VALUE_DQ,
	H_VALUE_SQ,
	H_VALUE_UNQ,
	H_COMMENT,
	H_BANG,	   /* <!DOCTYPE ...> */
	H_RAWTEXT, /* inside <script> or <style> */
};

struct html_ctx {
	enum html_state st;
	char tag[16];
	char attr[24];
	bool value_empty; /* nothing yet in the attribute's value */
};

enum node_op { OP_TEXT, OP_VAR, OP_RAW, OP_SECTION, OP_INVERTED, OP_PARTIAL };

/* How a {{value}} is written, from where it lands. */
enum var_ctx { CTX_TEXT, CTX_ATTR, CTX_URL };

struct tpl_node {
	enum node_op op;
	const char *s; /* literal text, or the name (not terminated) */
	size_t len;
	size_t end;	  /* sections: the index just after the section */
	enum var_ctx ctx; /* OP_VAR */
};

struct tpl {
	const char *name;
	struct tpl_node *nodes;
	size_t n, cap;
};

struct feed_tpls {
	struct tpl *v;
	size_t n;
};

/* What compiling one template needs. */
struct compiler {
	struct tpl *t;
	const char *src, *end;
	const char *pos;
	struct html_ctx html;
	struct {
		size_t node;
		struct html_ctx html;
	} open[TPL_NEST_MAX];
	size_t depth;
	struct siar_err *err;
};

static int comp_fail(struct compiler *c, const char *at, const char *why)
{
	const char *p;
	int line = 1;

	for (p = c->src; p < at && p < c->end; p++)
		line += *p == '\n';
	return siar_err_set(c->err, SIAR_EINVAL, "template '%s' line %d: %s",
			    c->t->name, line, why);
}

static int add_node(struct compiler *c, enum node_op op, const char *s,
		    size_t len)
{
	struct tpl *t = c->t;
	struct tpl_node *grown, *nd;
	size_t cap;

	if (t->n == t->cap) {
		cap = t->cap ? t->cap * 2 : 32;
		grown = realloc(t->nodes, cap * sizeof(*grown));
		if (!grown)
			return siar_err_set(c->err, SIAR_ENOMEM,
					    "out of memory");
		t->nodes = grown;
		t->cap = cap;
	}
	nd = &t->nodes[t->n++];
	nd->op = op;
	nd->s = s;
	nd->len = len;
	nd->end = 0;
	nd->ctx = CTX_TEXT;
	return SIAR_OK;
}

static bool is_alpha(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == '\f';
}

static void name_add(char *name, size_t size, char ch)
{
	size_t len = strlen(name);

	if (ch >= 'A' && ch <= 'Z')
		ch = (char)(ch - 'A' + 'a');
	if (len + 1 < size) {
		name[len] = ch;
		name[len + 1] = '\0';
	}
}

/* The '>' of a start tag: <script> and <style> hold raw text. */
static void html_tag_end(struct html_ctx *h)
{
	h->st = (!strcmp(h->tag, "script") || !strcmp(h->tag, "style"))
		    ? H_RAWTEXT
		    : H_TEXT;
}

static void html_new_attr(struct html_ctx *h, char ch)
{
	h->attr[0] = '\0';
	name_add(h->attr, sizeof(h->attr), ch);
	h->st = H_ATTR_NAME;
}

/* Inside a tag, between attributes and around their names. */
static void html_step_tag(struct html_ctx *h, char ch)
{
	switch (h->st) {
	case H_IN_TAG:
		if (ch == '>')
			html_tag_end(h);
		else if (!is_blank(ch) && ch != '/')
			html_new_attr(h, ch);
		break;
	case H_ATTR_NAME:
		if (ch == '=')
			h->st = H_BEFORE_VALUE;
		else if (is_blank(ch))
			h->st = H_AFTER_ATTR;
		else if (ch == '>')
			html_tag_end(h);
		else if (ch == '/')
			h->st = H_IN_TAG;
		else
			name_add(h->attr, sizeof(h->attr), ch);
		break;
	case H_AFTER_ATTR:
		if (ch == '=')
			h->st = H_BEFORE_VALUE;
		else if (ch == '>')
			html_tag_end(h);
		else if (!is_blank(ch) && ch != '/')
			html_new_attr(h, ch);
		break;
	case H_BEFORE_VALUE:
		h->value_empty = true;
		if (ch == '"')
			h->st = H_VALUE_DQ;
		else if (ch == '\'')
			h->st = H_VALUE_SQ;
		else if (ch == '>')
			html_tag_end(h);
		else if (!is_blank(ch))
			h->st = H_VALUE_UNQ;
		break;
	default:
		break;
	}
}

/* Feed the literal [p, end) to the tokenizer. */
static void html_feed(struct html_ctx *h, const char *p, const char *end)
{
	size_t n;

	for (; p < end; p++) {
		char ch = *p;

		switch (h->st) {
		case H_TEXT:
			if (ch == '<')
				h->st = H_TAG_OPEN;
			break;
		case H_TAG_OPEN:
			h->tag[0] = '\0';
			if (is_alpha(ch)) {
				name_add(h->tag, sizeof(h->tag), ch);
				h->st = H_TAG_NAME;
			} else if (ch == '/') {
				h->st = H_END_TAG;
			} else if (ch == '!') {
				h->st = end - p >= 3 && !strncmp(p, "!--", 3)
					    ? H_COMMENT
					    : H_BANG;
				if (h->st == H_COMMENT)
					p += 2;
			} else {
				h->st = H_TEXT;
			}
			break;
		case H_TAG_NAME:
			if (is_blank(ch) || ch == '/')
				h->st = H_IN_TAG;
			else if (ch == '>')
				html_tag_end(h);
			else
				name_add(h->tag, sizeof(h->tag), ch);
			break;
		case H_END_TAG:
		case H_BANG:
			if (ch == '>')
				h->st = H_TEXT;
			break;
		case H_COMMENT:
			if (end - p >= 3 && !strncmp(p, "-->", 3)) {
				p += 2;
				h->st = H_TEXT;
			}
			break;
		case H_RAWTEXT:
			n = strlen(h->tag);
			if (ch == '<' && (size_t)(end - p) > n + 1 &&
			    p[1] == '/' && !strncasecmp(p + 2, h->tag, n)) {
				p += 1 + n;
				h->st = H_END_TAG;
			}
			break;
		case H_VALUE_DQ:
		case H_VALUE_SQ:
			if (ch == (h->st == H_VALUE_DQ ? '"' : '\''))
				h->st = H_IN_TAG;
			else
				h->value_empty = false;
			break;
		case H_VALUE_UNQ:
			if (is_blank(ch))
				h->st = H_IN_TAG;
			else if (ch == '>')
				html_tag_end(h);
			break;
		case H_IN_TAG:
		case H_ATTR_NAME:
		case H_AFTER_ATTR:
		case H_BEFORE_VALUE:
			html_step_tag(h, ch);
			break;
		}
	}
}

/* Where another attribute may start: after a name or between values. */
static bool between_attrs(enum html_state st)
{
	return st == H_IN_TAG || st == H_ATTR_NAME || st == H_AFTER_ATTR;
}

/* The attribute's name matters only inside its value, the tag's only
 * inside it. */
static bool html_same(const struct html_ctx *a, const struct html_ctx *b)
{
	bool in_value =
	    a->st == H_VALUE_DQ || a->st == H_VALUE_SQ || a->st == H_VALUE_UNQ;
	enum html_state sa = between_attrs(a->st) ? H_IN_TAG : a->st;
	enum html_state sb = between_attrs(b->st) ? H_IN_TAG : b->st;

	/* In text, the last tag seen does not matter. */
	return sa == sb && (sa == H_TEXT || !strcmp(a->tag, b->tag)) &&
	       (!in_value || !strcmp(a->attr, b->attr));
}

/* Attributes whose value is a URL that a browser follows or loads. */
static bool is_url_attr(const char *attr)
{
	static const char *const names[] = {
	    "href", "src",	"poster", "action",	"formaction",
	    "cite", "data",	"srcset", "background", "manifest",
	    "ping", "longdesc", "usemap", "xlink:href",
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(attr, names[i]))
			return true;
	return false;
}

/* Decide how the {{value}} at 'at' is escaped, or refuse its place. */
static int var_context(struct compiler *c, const char *at, bool raw,
		       enum var_ctx *ctx)
{
	const struct html_ctx *h = &c->html;

	if (h->st == H_TEXT) {
		*ctx = CTX_TEXT;
		return SIAR_OK;
	}
	if (raw)
		return comp_fail(c, at, "{{{raw}}} outside text");
	if (h->st != H_VALUE_DQ && h->st != H_VALUE_SQ) {
		if (h->st == H_RAWTEXT)
			return comp_fail(c, at,
					 "a value inside <script> or "
					 "<style>");
		if (h->st == H_COMMENT)
			return comp_fail(c, at, "a value inside a comment");
		return comp_fail(c, at,
				 "a value outside text and quoted "
				 "attribute values");
	}
	/* srcdoc is a whole document: entities in it become markup. */
	if (!strncmp(h->attr, "on", 2) || !strcmp(h->attr, "style") ||
	    !strcmp(h->attr, "srcdoc"))
		return comp_fail(c, at,
				 "a value in an event handler, style or "
				 "srcdoc attribute");
	*ctx = is_url_attr(h->attr) && h->value_empty ? CTX_URL : CTX_ATTR;
	return SIAR_OK;
}

/*
 * A tag alone on its line (but for blanks) that writes nothing: drop the
 * line's indentation from the literal node before it, and return where
 * the line after it starts; else return 'after'.
 */
static const char *standalone(struct compiler *c, const char *tag_start,
			      const char *after)
{
	const char *p = tag_start, *q = after;
	struct tpl_node *prev;

	while (p > c->src && (p[-1] == ' ' || p[-1] == '\t'))
		p--;
	if (p > c->src && p[-1] != '\n')
		return after;
	while (q < c->end && (*q == ' ' || *q == '\t' || *q == '\r'))
		q++;
	if (q < c->end && *q != '\n')
		return after;
	prev = c->t->n ? &c->t->nodes[c->t->n - 1] : NULL;
	if (prev && prev->op == OP_TEXT && prev->s + prev->len == tag_start)
		prev->len -= (size_t)(tag_start - p);
	return q < c->end ? q + 1 : q;
}

static bool name_ok(const char *s, size_t len)
{
	size_t i;

	if (!len || len > TPL_NAME_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (!is_alpha(s[i]) && !(s[i] >= '0' && s[i] <= '9') &&
		    s[i] != '_' && s[i] != '.' && s[i] != '-')
			return false;
	return true;
}

static int open_section(struct compiler *c, const char *at, enum node_op op,
			const char *name, size_t len)
{
	if (c->depth == TPL_NEST_MAX)
		return comp_fail(c, at, "sections nested too deep");
	c->open[c->depth].node = c->t->n;
	c->open[c->depth].html = c->html;
	c->depth++;
	return add_node(c, op, name, len);
}

static int close_section(struct compiler *c, const char *at, const char *name,
			 size_t len)
{
	struct tpl_node *open;

	if (!c->depth)
		return comp_fail(c, at, "{{/...}} without a section to close");
	c->depth--;
	open = &c->t->nodes[c->open[c->depth].node];
	if (open->len != len || memcmp(open->s, name, len))
		return comp_fail(c, at, "{{/...}} closes another section");
	if (!html_same(&c->open[c->depth].html, &c->html))
		return comp_fail(c, at,
				 "a section must close in the same "
				 "HTML context it opened in");
	open->end = c->t->n;
	return SIAR_OK;
}

/* One {{tag}} from 'at' (at "{{"); sets c->pos after it. */
static int compile_tag(struct compiler *c, const char *at)
{
	const char *p = at + 2, *close, *name, *after;
	bool raw = p < c->end && *p == '{';
	char sigil = '\0';
	size_t len;
	int rc;

	if (raw || (p < c->end && strchr("#^/>!", *p)))
		sigil = *p++;
	close = NULL;
	for (after = p; after + 1 < c->end; after++)
		if (after[0] == '}' && after[1] == '}') {
			close = after;
			break;
		}
	if (!close || (raw && (close + 2 >= c->end || close[2] != '}')))
		return comp_fail(c, at, "unclosed {{");
	after = close + (raw ? 3 : 2);
	c->pos = after;
	if (sigil == '!') {
		c->pos = standalone(c, at, after);
		return SIAR_OK;
	}
	name = p;
	while (name < close && is_blank(*name))
		name++;
	len = (size_t)(close - name);
	while (len && is_blank(name[len - 1]))
		len--;
	if (!name_ok(name, len))
		return comp_fail(c, at, "bad name in {{...}}");
	switch (sigil) {
	case '#':
	case '^':
		c->pos = standalone(c, at, after);
		return open_section(
		    c, at, sigil == '#' ? OP_SECTION : OP_INVERTED, name, len);
	case '/':
		c->pos = standalone(c, at, after);
		return close_section(c, at, name, len);
	case '>':
		if (c->html.st != H_TEXT)
			return comp_fail(c, at, "a partial outside text");
		c->pos = standalone(c, at, after);
		return add_node(c, OP_PARTIAL, name, len);
	default:
		break;
	}
	rc = add_node(c, raw ? OP_RAW : OP_VAR, name, len);
	if (!rc)
		rc = var_context(c, at, raw, &c->t->nodes[c->t->n - 1].ctx);
	if (!rc && (c->html.st == H_VALUE_DQ || c->html.st == H_VALUE_SQ))
		c->html.value_empty = false;
	return rc;
}

static const char *find_open(const char *p, const char *end)
{
	for (; p + 1 < end; p++)
		if (p[0] == '{' && p[1] == '{')
			return p;
	return end;
}

static int compile_one(struct tpl *t, const struct feed_tpl_source *src,
		       struct siar_err *err)
{
	struct compiler c;
	const char *lit;
	int rc;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.src = c.pos = src->text;
	c.end = src->text + src->len;
	c.err = err;
	c.html.st = H_TEXT;
	t->name = src->name;
	while (c.pos < c.end) {
		lit = find_open(c.pos, c.end);
		if (lit > c.pos) {
			rc =
			    add_node(&c, OP_TEXT, c.pos, (size_t)(lit - c.pos));
			if (rc)
				return rc;
			html_feed(&c.html, c.pos, lit);
		}
		if (lit == c.end)
			break;
		rc = compile_tag(&c, lit);
		if (rc)
			return rc;
	}
	if (c.depth)
		return comp_fail(&c, c.end, "a section is not closed");
	return SIAR_OK;
}

/* The template named 'name' ('len' bytes), or 'name' ".html". */
static const struct tpl *find_tpl(const struct feed_tpls *t, const char *name,
				  size_t len)
{
	const char *tn;
	size_t i, n;

	for (i = 0; i < t->n; i++) {
		tn = t->v[i].name;
		n = strlen(tn);
		if (n == len && !memcmp(tn, name, len))
			return &t->v[i];
		if (n == len + 5 && !memcmp(tn, name, len) &&
		    !strcmp(tn + len, ".html"))
			return &t->v[i];
	}
	return NULL;
}

/* Every partial must name a template of the set. */
static int check_partials(const struct feed_tpls *t, struct siar_err *err)
{
	const struct tpl_node *nd;
	size_t i, j;

	for (i = 0; i < t->n; i++) {
		for (j = 0; j < t->v[i].n; j++) {
			nd = &t->v[i].nodes[j];
			if (nd->op == OP_PARTIAL &&
			    !find_tpl(t, nd->s, nd->len))
				return siar_err_set(
				    err, SIAR_EINVAL,
				    "template '%s': no partial '%.*s'",
				    t->v[i].name, (int)nd->len, nd->s);
		}
	}
	return SIAR_OK;
}

int feed_tpls_new(struct feed_tpls **out, const struct feed_tpl_source *src,
		  size_t n, struct siar_err *err)
{
	struct feed_tpls *t = calloc(1, sizeof(*t));
	size_t i;
	int rc = SIAR_OK;

	*out = NULL;
	if (t)
		t->v = calloc(n ? n : 1, sizeof(*t->v));
	if (!t || !t->v) {
		feed_tpls_free(t);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	for (i = 0; !rc && i < n; i++) {
		t->n++;
		rc = compile_one(&t->v[i], &src[i], err);
	}
	if (!rc)
		rc = check_partials(t, err);
	if (rc) {
		feed_tpls_free(t);
		return rc;
	}
	*out = t;
	return SIAR_OK;
}

void feed_tpls_free(struct feed_tpls *t)
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		free(t->v[i].nodes);
	free(t->v);
	free(t);
}

const struct feed_tpl_source *feed_tpl_builtin(size_t *n)
{
	*n = feed_builtin_templates_n;
	return feed_builtin_templates;
}

/* ---- Rendering --------------------------------------------------------- */

struct renderer {
	const struct feed_tpls *tpls;
	const struct feed_tpl_data *stack[TPL_NEST_MAX * TPL_PARTIAL_MAX + 1];
	size_t depth;
	int partials;
	struct siar_buf *out;
	struct siar_err *err;
};

/* The value of the dotted 'name', looked up from the innermost object. */
static const struct tpl_val *lookup(const struct renderer *r, const char *name,
				    size_t len)
{
	char part[TPL_NAME_MAX + 1];
	const struct feed_tpl_data *d;
	const struct tpl_val *v = NULL;
	const char *dot;
	size_t i, n;

	dot = memchr(name, '.', len);
	n = dot ? (size_t)(dot - name) : len;
	memcpy(part, name, n);
	part[n] = '\0';
	for (i = r->depth; i-- > 0 && !v;)
		v = own_val(r->stack[i], part);
	while (v && dot) {
		if (v->kind != V_OBJ)
			return NULL;
		d = v->obj;
		name = dot + 1;
		len -= n + 1;
		dot = memchr(name, '.', len);
		n = dot ? (size_t)(dot - name) : len;
		memcpy(part, name, n);
		part[n] = '\0';
		v = own_val(d, part);
	}
	return v;
}

static bool truthy(const struct tpl_val *v)
{
	if (!v)
		return false;
	switch (v->kind) {
	case V_TEXT:
	case V_HTML:
	case V_URL:
		return v->s && *v->s;
	case V_BOOL:
		return v->b;
	case V_OBJ:
		return true;
	case V_LIST:
		return v->obj != NULL;
	}
	return false;
}

static void write_var(struct renderer *r, const struct tpl_node *nd)
{
	const struct tpl_val *v = lookup(r, nd->s, nd->len);

	if (!v || !v->s)
		return;
	if (v->kind == V_HTML && nd->op == OP_RAW) {
		siar_buf_adds(r->out, v->s);
		return;
	}
	if ((nd->ctx == CTX_URL || v->kind == V_URL) && !feed_url_safe(v->s))
		return;
	feed_html_escape(r->out, v->s);
}

static int render_range(struct renderer *r, const struct tpl *t, size_t from,
			size_t to);

static int render_partial(struct renderer *r, const struct tpl_node *nd)
{
	const struct tpl *p = find_tpl(r->tpls, nd->s, nd->len);
	int rc;

	if (r->partials == TPL_PARTIAL_MAX)
		return siar_err_set(r->err, SIAR_EINVAL,
				    "template partials nested too deep at "
				    "'%.*s'",
				    (int)nd->len, nd->s);
	r->partials++;
	rc = p ? render_range(r, p, 0, p->n) : SIAR_OK;
	r->partials--;
	return rc;
}

static int render_with(struct renderer *r, const struct tpl *t, size_t from,
		       size_t to, const struct feed_tpl_data *d)
{
	int rc;

	if (!d)
		return render_range(r, t, from, to);
	if (r->depth == sizeof(r->stack) / sizeof(r->stack[0]))
		return siar_err_set(r->err, SIAR_EINVAL,
				    "template sections nested too deep");
	r->stack[r->depth++] = d;
	rc = render_range(r, t, from, to);
	r->depth--;
	return rc;
}

static int render_section(struct renderer *r, const struct tpl *t, size_t i)
{
	const struct tpl_node *nd = &t->nodes[i];
	const struct tpl_val *v = lookup(r, nd->s, nd->len);
	const struct feed_tpl_data *item;
	int rc = SIAR_OK;

	if (nd->op == OP_INVERTED)
		return truthy(v) ? SIAR_OK : render_range(r, t, i + 1, nd->end);
	if (!truthy(v))
		return SIAR_OK;
	if (v->kind == V_LIST) {
		for (item = v->obj; item && !rc; item = item->next_item)
			rc = render_with(r, t, i + 1, nd->end, item);
		return rc;
	}
	return render_with(r, t, i + 1, nd->end,
			   v->kind == V_OBJ ? v->obj : NULL);
}

static int render_range(struct renderer *r, const struct tpl *t, size_t from,
			size_t to)
{
	const struct tpl_node *nd;
	size_t i = from;
	int rc;

	while (i < to) {
		nd = &t->nodes[i];
		switch (nd->op) {
		case OP_TEXT:
			siar_buf_add(r->out, nd->s, nd->len);
			break;
		case OP_VAR:
		case OP_RAW:
			write_var(r, nd);
			break;
		case OP_PARTIAL:
			rc = render_partial(r, nd);
			if (rc)
				return rc;
			break;
		case OP_SECTION:
		case OP_INVERTED:
			rc = render_section(r, t, i);
			if (rc)
				return rc;
			i = nd->end;
			continue;
		}
		i++;
	}
	return SIAR_OK;
}

int feed_tpl_render(const struct feed_tpls *t, const char *name,
		    const struct feed_tpl_data *data, struct siar_buf *out,
		    struct siar_err *err)
{
	const struct tpl *tpl = find_tpl(t, name, strlen(name));
	struct renderer r;
	int rc;

	if (!tpl)
		return siar_err_set(err, SIAR_ENOTFOUND, "no template '%s'",
				    name);
	if (data && data->arena->failed)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	memset(&r, 0, sizeof(r));
	r.tpls = t;
	r.out = out;
	r.err = err;
	if (data)
		r.stack[r.depth++] = data;
	rc = render_range(&r, tpl, 0, tpl->n);
	if (!rc)
		rc = siar_buf_check(out, err);
	return rc;
}
