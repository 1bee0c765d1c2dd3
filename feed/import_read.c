/*
 * Reading another host's podcast feed: the bytes are parsed safely with
 * libxml2 (no network, no DTD, no entity expansion: a feed that declares
 * an entity stops the parse), then the channel and each item are read
 * into catalogue structs, every value checked on the way so the
 * catalogue is never handed something it refuses. Dates and durations in
 * the forms real hosts write are parsed here too.
 *
 * Elements are matched by namespace URI, not prefix, and both URIs of the
 * Podcasting 2.0 namespace are read. Storing what was read is import.c's
 * job; fetching a URL is fetch.c's.
 */
#include "feed_int.h"
#include "xmllib.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#define XC(s) ((const xmlChar *)(s))

/* Lists an item may bring; more are ignored (a sane feed has a few). */
#define IMPORT_LIST_MAX 64

enum import_ns {
	NS_RSS,			/* no namespace: RSS 2.0's own elements */
	NS_ITUNES,
	NS_PODCAST,
	NS_CONTENT,
	NS_PSC,
	NS_ATOM,
	NS_DC,
	NS_OTHER,
};

/* ---- Helpers shared with import.c ---------------------------------------- */

void import_warn(const struct import_feed *f, const char *fmt, ...)
{
	struct siar_buf b;
	va_list ap;
	char line[512];
	int n;

	if (!f->opts->on_warning)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* A warning cut at 511 bytes still says what it is about. */
	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, line, strlen(line), true);
	if (!b.failed)
		f->opts->on_warning(b.buf, f->opts->ctx);
	siar_buf_release(&b);
}

void import_item_label(struct siar_buf *b, const struct import_item *it)
{
	const char *t = it->ep.title ? it->ep.title : "";
	size_t len = strlen(t), i;

	/* 60 bytes of title say which item; cut on a code point. */
	if (len > 60) {
		len = 60;
		while (len > 0 && ((unsigned char)t[len] & 0xC0) == 0x80)
			len--;
	}
	siar_buf_addf(b, "item %zu '", it->index);
	for (i = 0; i < len; i++)
		siar_buf_addc(b, (unsigned char)t[i] < 0x20 ? ' ' : t[i]);
	siar_buf_adds(b, len < strlen(t) ? "...'" : "'");
}

static void nomem(struct import_feed *f)
{
	if (!f->rc)
		f->rc = siar_err_set(f->err, SIAR_ENOMEM, "out of memory");
}

/* A copy of 's' (NULL allowed), failing 'f' when memory runs out. */
static char *dup(struct import_feed *f, const char *s)
{
	char *copy;

	if (!s)
		return NULL;
	copy = siar_strdup(s);
	if (!copy)
		nomem(f);
	return copy;
}

char *import_url(struct import_feed *f, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct siar_buf b;
	size_t scheme, i;
	unsigned char c;
	char *url;

	if (!s)
		return NULL;
	if (!strncasecmp(s, "http://", 7))
		scheme = 7;
	else if (!strncasecmp(s, "https://", 8))
		scheme = 8;
	else
		return NULL;
	siar_buf_init(&b, 0);
	for (i = 0; i < scheme; i++)
		siar_buf_addc(&b, (char)tolower((unsigned char)s[i]));
	for (i = scheme; s[i]; i++) {
		c = (unsigned char)s[i];
		if (c > 0x20 && c < 0x7f) {
			siar_buf_addc(&b, (char)c);
			continue;
		}
		siar_buf_addc(&b, '%');
		siar_buf_addc(&b, hex[c >> 4]);
		siar_buf_addc(&b, hex[c & 0x0F]);
	}
	url = siar_buf_detach(&b);
	siar_buf_release(&b);
	if (!url) {
		nomem(f);
		return NULL;
	}
	if (!catalog_path_remote(url)) {
		free(url);
		return NULL;
	}
	return url;
}

/* ---- Dates and durations ------------------------------------------------- */

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return s;
}

/*
 * Up to 'max' digits at '*s' into '*out', moving '*s' past them. False if
 * there is none.
 */
static bool digits(const char **s, int max, int64_t *out)
{
	const char *p = *s;
	int64_t v = 0;
	int n = 0;

	while (n < max && *p >= '0' && *p <= '9') {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (!n)
		return false;
	*s = p;
	*out = v;
	return true;
}

/* Milliseconds of a fraction ".25" at '*s' (the dot included). */
static int64_t fraction_ms(const char **s)
{
	const char *p = *s + 1;
	int64_t ms = 0, scale = 100;

	while (*p >= '0' && *p <= '9') {
		ms += (*p - '0') * scale;
		scale /= 10;
		p++;
	}
	*s = p;
	return ms;
}

bool feed_parse_duration(const char *text, int64_t *ms)
{
	const char *s;
	int64_t part[3], total = 0, frac = 0;
	int n = 0, i;

	if (!text)
		return false;
	s = skip_space(text);
	for (;;) {
		if (n == 3 || !digits(&s, 10, &part[n]))
			return false;
		n++;
		if (*s != ':')
			break;
		s++;
	}
	if (*s == '.' && s[1] >= '0' && s[1] <= '9')
		frac = fraction_ms(&s);
	if (*skip_space(s))
		return false;
	for (i = 0; i < n; i++)
		total = total * 60 + part[i];
	*ms = total * 1000 + frac;
	return true;
}

static int days_in_month(int64_t year, int64_t month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* A broken-down time read from a feed; 'offset_s' east of UTC. */
struct feed_tm {
	int64_t year, month, day, hour, minute, second;
	int64_t offset_s;
};

static bool tm_to_unix(const struct feed_tm *t, int64_t *unix_s)
{
	if (t->year < 1900 || t->year > 9999 || t->month < 1 ||
	    t->month > 12 || t->day < 1 ||
	    t->day > days_in_month(t->year, t->month) || t->hour > 23 ||
	    t->minute > 59 || t->second > 60)
		return false;
	/* A leap second is the last second of its minute to us. */
	*unix_s = siar_days_from_civil((int)t->year, (int)t->month,
				       (int)t->day) * 86400 +
		  t->hour * 3600 + t->minute * 60 +
		  (t->second == 60 ? 59 : t->second) - t->offset_s;
	return true;
}

/* The month named at '*s' (English, 3 letters or in full), moving on. */
static bool month_name(const char **s, int64_t *month)
{
	static const char *const names[12] = {
		"january", "february", "march",	    "april",
		"may",	   "june",     "july",	    "august",
		"september", "october", "november", "december",
	};
	const char *p = *s;
	size_t len = 0, i;

	while (isalpha((unsigned char)p[len]))
		len++;
	for (i = 0; len >= 3 && i < 12; i++) {
		if (strncasecmp(p, names[i], len) || len > strlen(names[i]))
			continue;
		/* "Sept" is common too; anything between 3 and full. */
		*month = (int64_t)i + 1;
		*s = p + len;
		return true;
	}
	return false;
}

/* "+0700", "-07:00", "GMT", "EST", "Z" ... at 's', the rest of the text. */
static bool zone(const char *s, int64_t *offset_s)
{
	static const struct {
		const char *name;
		int hours;
	} names[] = {
		{"UT", 0},   {"UTC", 0},  {"GMT", 0},  {"Z", 0},
		{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
		{"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
	};
	int64_t hh = 0, mm = 0;
	int sign;
	size_t i;

	s = skip_space(s);
	if (!*s) {
		*offset_s = 0;	/* no zone: UTC, as feedparser takes it */
		return true;
	}
	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		s++;
		if (!digits(&s, 2, &hh))
			return false;
		if (*s == ':')
			s++;
		if (*s && !digits(&s, 2, &mm))
			return false;
		if (hh > 23 || mm > 59 || *skip_space(s))
			return false;
		*offset_s = sign * (hh * 3600 + mm * 60);
		return true;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strncasecmp(s, names[i].name, strlen(names[i].name)) &&
		    !*skip_space(s + strlen(names[i].name))) {
			*offset_s = names[i].hours * 3600;
			return true;
		}
	}
	return false;
}

/* "13:00" or "13:00:00" at '*s', moving on. */
static bool wall_clock(const char **s, struct feed_tm *t)
{
	const char *p = *s;

	if (!digits(&p, 2, &t->hour) || *p++ != ':' ||
	    !digits(&p, 2, &t->minute))
		return false;
	t->second = 0;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &t->second))
			return false;
	}
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		fraction_ms(&p);
	*s = p;
	return true;
}

/* RFC 2822: "[Wed,] 2 Oct 2002 13:00[:00] ZONE". */
static bool parse_rfc2822(const char *s, int64_t *unix_s)
{
	struct feed_tm t = {0, 0, 0, 0, 0, 0, 0};
	const char *p = skip_space(s);

	if (isalpha((unsigned char)*p)) {
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		p = skip_space(p);
	}
	if (!digits(&p, 2, &t.day))
		return false;
	p = skip_space(p);
	if (*p == '-')
		p++;
	if (!month_name(&p, &t.month))
		return false;
	p = skip_space(p);
	if (*p == '-')
		p++;
	s = p;
	if (!digits(&p, 4, &t.year) || (p - s != 2 && p - s != 4 && p - s != 3))
		return false;
	if (p - s == 2)
		t.year += t.year < 50 ? 2000 : 1900;
	else if (p - s == 3)
		t.year += 1900;
	p = skip_space(p);
	if (!wall_clock(&p, &t) || !zone(p, &t.offset_s))
		return false;
	return tm_to_unix(&t, unix_s);
}

/* RFC 3339 / ISO 8601: "2002-10-02", "2002-10-02T13:00:00.5+07:00". */
static bool parse_iso8601(const char *s, int64_t *unix_s)
{
	struct feed_tm t = {0, 0, 0, 0, 0, 0, 0};
	const char *p = skip_space(s);

	if (!digits(&p, 4, &t.year) || *p++ != '-' ||
	    !digits(&p, 2, &t.month) || *p++ != '-' ||
	    !digits(&p, 2, &t.day))
		return false;
	if (*skip_space(p) == '\0')
		return tm_to_unix(&t, unix_s);
	if (*p != 'T' && *p != 't' && *p != ' ')
		return false;
	p++;
	if (!wall_clock(&p, &t) || !zone(p, &t.offset_s))
		return false;
	return tm_to_unix(&t, unix_s);
}

bool feed_parse_date(const char *text, int64_t *unix_s)
{
	if (!text)
		return false;
	return parse_rfc2822(text, unix_s) || parse_iso8601(text, unix_s);
}

/* ---- The XML tree ---------------------------------------------------------- */

static enum import_ns ns_of(const xmlNode *n)
{
	static const struct {
		const char *uri;
		enum import_ns ns;
	} known[] = {
		{"http://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
		{"https://www.itunes.com/dtds/podcast-1.0.dtd", NS_ITUNES},
		{"https://podcastindex.org/namespace/1.0", NS_PODCAST},
		{"http://podcastindex.org/namespace/1.0", NS_PODCAST},
		{"https://github.com/Podcastindex-org/podcast-namespace/blob/"
		 "main/docs/1.0.md",
		 NS_PODCAST},
		{"http://purl.org/rss/1.0/modules/content/", NS_CONTENT},
		{"http://podlove.org/simple-chapters", NS_PSC},
		{"http://www.w3.org/2005/Atom", NS_ATOM},
		{"http://www.w3.org/2005/Atom/", NS_ATOM},
		{"http://purl.org/dc/elements/1.1/", NS_DC},
	};
	const char *uri;
	size_t i;

	if (!n->ns || !n->ns->href)
		return NS_RSS;
	uri = (const char *)n->ns->href;
	/* Some hosts write Apple's URI in another case. */
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcasecmp(uri, known[i].uri))
			return known[i].ns;
	return NS_OTHER;
}

static bool is_el(const xmlNode *n, enum import_ns ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && ns_of(n) == ns &&
	       !strcmp((const char *)n->name, name);
}

static const xmlNode *child_el(const xmlNode *parent, enum import_ns ns,
			       const char *name)
{
	const xmlNode *n;

	for (n = parent->children; n; n = n->next)
		if (is_el(n, ns, name))
			return n;
	return NULL;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Append the text and CDATA under 'n' to 'b'. Entity references are left
 * out: only the predefined ones exist (a feed declaring any is refused),
 * and the parser has already put those in as text.
 */
static void gather(struct siar_buf *b, const xmlNode *n)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			siar_buf_adds(b, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			gather(b, n->children);
	}
}

/* A trimmed copy of 's', or NULL when nothing is left. */
static char *trimmed(struct import_feed *f, const char *s, size_t len)
{
	char *out;

	while (len && is_blank(*s)) {
		s++;
		len--;
	}
	while (len && is_blank(s[len - 1]))
		len--;
	if (!len)
		return NULL;
	out = malloc(len + 1);
	if (!out) {
		nomem(f);
		return NULL;
	}
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

/* The text of element 'n' (NULL allowed), trimmed; NULL if empty. */
static char *text_of(struct import_feed *f, const xmlNode *n)
{
	struct siar_buf b;
	char *out;

	if (!n)
		return NULL;
	siar_buf_init(&b, 0);
	gather(&b, n->children);
	if (b.failed) {
		siar_buf_release(&b);
		nomem(f);
		return NULL;
	}
	out = trimmed(f, b.buf, b.len);
	siar_buf_release(&b);
	return out;
}

/* Attribute 'name' of 'n' (no namespace), trimmed; NULL if none. */
static char *attr_of(struct import_feed *f, const xmlNode *n,
		     const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, XC(name));
	char *out;

	if (!v)
		return NULL;
	out = trimmed(f, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	return out;
}

/*
 * The URL of an itunes:image: its href, as Apple asks, else its text, as
 * some hosts write it.
 */
static char *image_of(struct import_feed *f, const xmlNode *n)
{
	char *href = attr_of(f, n, "href");

	return href ? href : text_of(f, n);
}

/* Keep 'v' in '*slot' unless it holds something already (first wins). */
static void keep(char **slot, char *v)
{
	if (*slot || !v) {
		free(v);
		return;
	}
	*slot = v;
}

static void lower(char *s)
{
	for (; s && *s; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* true, yes, explicit (any case) are explicit; the rest is not. */
static bool explicit_word(const char *s)
{
	return s && (!strcasecmp(s, "true") || !strcasecmp(s, "yes") ||
		     !strcasecmp(s, "explicit"));
}

/*
 * A whole number from 1 to 'max' ("12", or "12.0" as podcast:episode
 * may have it); 0 for anything else.
 */
static int count_of(const char *s, int64_t max)
{
	const char *p = s;
	int64_t v = 0;

	if (!s || !digits(&p, 10, &v))
		return 0;
	if (*p == '.')
		for (p++; *p == '0'; p++)
			;
	return *p || v < 1 || v > max ? 0 : (int)v;
}

/* A picture height or width attribute: 1 to 100000, else 0. */
static int size_attr(struct import_feed *f, const xmlNode *n,
		     const char *name)
{
	char *s = attr_of(f, n, name);
	int v = count_of(s, 100000);

	free(s);
	return v;
}

/* ---- Parsing --------------------------------------------------------------- */

/*
 * SAX entityDecl: any entity declaration stops the parse. Podcast feeds
 * never declare one, and declared entities are how an XML file reads
 * local files (file://), fetches URLs or expands to gigabytes.
 */
static void refuse_entity(void *ctx, const xmlChar *name, int type,
			  const xmlChar *public_id, const xmlChar *system_id,
			  xmlChar *content)
{
	xmlParserCtxtPtr ctxt = ctx;
	bool *declared = ctxt->_private;

	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	*declared = true;
	xmlStopParser(ctxt);
}

static int parse_failed(struct import_feed *f, xmlParserCtxtPtr ctxt)
{
	const xmlError *e = xmlCtxtGetLastError(ctxt);
	size_t len;

	if (!e || !e->message)
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': not XML", f->source);
	if (e->code == XML_ERR_NO_MEMORY)
		return siar_err_set(f->err, SIAR_ENOMEM, "out of memory");
	/* libxml2's messages end with a newline; ours do not. */
	len = strlen(e->message);
	while (len > 0 && is_blank(e->message[len - 1]))
		len--;
	return siar_err_set(f->err, SIAR_EINVAL,
			    "cannot import '%s': not well-formed XML (line"
			    " %d: %.*s)",
			    f->source, e->line, (int)len, e->message);
}

/*
 * Parse without network access (XML_PARSE_NONET), without loading a DTD
 * or substituting entities (neither DTDLOAD nor NOENT), and quietly: the
 * library must not print, the error is read back instead.
 */
static int parse(struct import_feed *f, const char *data, size_t len,
		 xmlDocPtr *doc)
{
	xmlParserCtxtPtr ctxt;
	bool declared = false;
	int rc = SIAR_OK;

	if (len > (size_t)INT32_MAX)
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': too large", f->source);
	ctxt = xmlNewParserCtxt();
	if (!ctxt)
		return siar_err_set(f->err, SIAR_ENOMEM, "out of memory");
	ctxt->sax->entityDecl = refuse_entity;
	ctxt->_private = &declared;
	*doc = xmlCtxtReadMemory(ctxt, data, (int)len, f->source, NULL,
				 XML_PARSE_NONET | XML_PARSE_NOERROR |
					 XML_PARSE_NOWARNING |
					 XML_PARSE_NOCDATA);
	if (declared)
		rc = siar_err_set(f->err, SIAR_EINVAL,
				  "cannot import '%s': it declares XML"
				  " entities, which siar refuses (no feed"
				  " needs them; they can read files or expand"
				  " without end)",
				  f->source);
	else if (!*doc)
		rc = parse_failed(f, ctxt);
	if (rc) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return rc;
}

/*
 * True if the XML declaration at the start of 'data' names an encoding
 * other than UTF-8, or the bytes are UTF-16 or UTF-32 (a byte order mark,
 * or a NUL in the first two bytes).
 */
static bool other_encoding(const char *data, size_t len)
{
	const char *end, *enc;
	size_t n = len < 256 ? len : 256;
	char head[257];

	if (len >= 2 && (!data[0] || !data[1] ||
			 ((unsigned char)data[0] == 0xFE &&
			  (unsigned char)data[1] == 0xFF) ||
			 ((unsigned char)data[0] == 0xFF &&
			  (unsigned char)data[1] == 0xFE)))
		return true;
	memcpy(head, data, n);
	head[n] = '\0';
	if (!strstr(head, "<?xml"))
		return false;
	end = strstr(head, "?>");
	enc = strstr(head, "encoding");
	if (!enc || (end && enc > end))
		return false;
	enc += strcspn(enc, "\"'");
	if (!*enc)
		return false;
	return strncasecmp(enc + 1, "utf-8", 5) &&
	       strncasecmp(enc + 1, "utf8", 4);
}

/* True if 'data' has bytes no UTF-8 XML document may hold. */
static bool needs_repair(const char *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)data[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return true;
	}
	return !siar_utf8_valid(data, len);
}

/* The <channel> of an RSS 2.0 document, or why there is none. */
static int find_channel(struct import_feed *f, xmlDocPtr doc,
			const xmlNode **channel)
{
	const xmlNode *root = xmlDocGetRootElement(doc);
	const char *name = root ? (const char *)root->name : "";

	if (root && !strcmp(name, "feed") && ns_of(root) == NS_ATOM &&
	    xmlSearchNsByHref(doc, (xmlNodePtr)root,
			      XC("http://www.youtube.com/xml/schemas/2015")))
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': a YouTube channel's"
				    " Atom feed, with videos to watch but no"
				    " media files to import",
				    f->source);
	if (root && !strcmp(name, "feed") && ns_of(root) == NS_ATOM)
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': an Atom feed; siar"
				    " imports podcast RSS 2.0 feeds",
				    f->source);
	if (root && !strcmp(name, "RDF"))
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': an RSS 1.0 (RDF) feed;"
				    " siar imports RSS 2.0 podcast feeds",
				    f->source);
	if (!root || strcmp(name, "rss") || ns_of(root) == NS_OTHER)
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': not an RSS feed (its"
				    " root element is <%s>)",
				    f->source, name);
	*channel = child_el(root, NS_RSS, "channel");
	if (!*channel)
		return siar_err_set(f->err, SIAR_EINVAL,
				    "cannot import '%s': RSS without a"
				    " <channel>",
				    f->source);
	return SIAR_OK;
}

/* ---- The channel -------------------------------------------------------------- */

/* What the channel says, as written, before it is checked. */
struct channel_raw {
	char *title, *description, *summary, *link, *language, *copyright;
	char *author, *rss_author, *owner_name, *owner_email, *explicit, *type;
	char *itunes_image, *rss_image, *category, *subcategory;
	char *guid, *medium, *rrule, *self_url;
};

static void channel_raw_release(struct channel_raw *r)
{
	char **fields[] = {
		&r->title,	  &r->description, &r->summary,
		&r->link,	  &r->language,	   &r->copyright,
		&r->author,	  &r->rss_author,  &r->owner_name,
		&r->owner_email,
		&r->explicit,	  &r->type,	   &r->itunes_image,
		&r->rss_image,	  &r->category,	   &r->subcategory,
		&r->guid,	  &r->medium,	   &r->rrule,
		&r->self_url,
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}

/* A podcast:person of the channel: a host of the show. */
static void read_host(struct import_feed *f, const xmlNode *n);

/* An attribute of 'n' that is an http(s) URL, fit to keep; or NULL. */
static char *url_attr(struct import_feed *f, const xmlNode *n,
		      const char *name)
{
	char *raw = attr_of(f, n, name);
	char *url = import_url(f, raw);

	free(raw);
	return url;
}

/* A podcast:person anywhere: remember its link and photo by name. */
static void note_person(struct import_feed *f, const char *name,
			const xmlNode *n)
{
	struct import_person *p;
	char *url = url_attr(f, n, "href"), *img = url_attr(f, n, "img");
	size_t i;

	for (i = 0; i < f->n_people && (url || img); i++) {
		p = &f->people[i];
		if (strcmp(p->name, name))
			continue;
		keep(&p->url, url);
		keep(&p->photo, img);
		return;
	}
	if (!url && !img)
		return;
	if (!siar_grow((void **)&f->people, &f->cap_people, f->n_people,
		       sizeof(*f->people))) {
		free(url);
		free(img);
		nomem(f);
		return;
	}
	p = &f->people[f->n_people];
	p->name = dup(f, name);
	p->url = url;
	p->photo = img;
	if (p->name)
		f->n_people++;
	else {
		free(url);
		free(img);
	}
}

static void read_host(struct import_feed *f, const xmlNode *n)
{
	struct import_host *h;
	char *name = text_of(f, n), *role = attr_of(f, n, "role");
	char *group = attr_of(f, n, "group");

	lower(role);
	lower(group);
	if (name && !catalog_person_role_valid(group ? group : "cast",
					       role ? role : "host")) {
		import_warn(f, "show host '%s' has role '%s' in group '%s',"
			       " which is not in the Podcasting 2.0 taxonomy:"
			       " left out",
			    name, role ? role : "host",
			    group ? group : "cast");
	} else if (name && siar_grow((void **)&f->hosts, &f->cap_hosts,
				     f->n_hosts, sizeof(*f->hosts))) {
		note_person(f, name, n);
		h = &f->hosts[f->n_hosts++];
		h->name = name;
		h->role = role ? role : dup(f, "host");
		h->group = group ? group : dup(f, "cast");
		return;
	} else if (name) {
		nomem(f);
	}
	free(name);
	free(role);
	free(group);
}

static void read_owner(struct import_feed *f, struct channel_raw *r,
		       const xmlNode *n)
{
	keep(&r->owner_name, text_of(f, child_el(n, NS_ITUNES, "name")));
	keep(&r->owner_email, text_of(f, child_el(n, NS_ITUNES, "email")));
}

/* The first itunes:category Apple knows, with its subcategory. */
static void read_category(struct import_feed *f, struct channel_raw *r,
			  const xmlNode *n)
{
	char *text = attr_of(f, n, "text");
	const xmlNode *sub = child_el(n, NS_ITUNES, "category");

	if (r->category || !text || !catalog_category_valid(text)) {
		free(text);
		return;
	}
	r->category = text;
	if (sub)
		r->subcategory = attr_of(f, sub, "text");
}

static void read_atom_link(struct import_feed *f, struct channel_raw *r,
			   const xmlNode *n)
{
	char *rel = attr_of(f, n, "rel");

	if (rel && !strcmp(rel, "self"))
		keep(&r->self_url, attr_of(f, n, "href"));
	free(rel);
}

static void read_channel_rss(struct import_feed *f, struct channel_raw *r,
			     const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "title"))
		keep(&r->title, text_of(f, n));
	else if (!strcmp(name, "description"))
		keep(&r->description, text_of(f, n));
	else if (!strcmp(name, "link"))
		keep(&r->link, text_of(f, n));
	else if (!strcmp(name, "language"))
		keep(&r->language, text_of(f, n));
	else if (!strcmp(name, "copyright"))
		keep(&r->copyright, text_of(f, n));
	else if (!strcmp(name, "author"))
		keep(&r->rss_author, text_of(f, n));
	else if (!strcmp(name, "image"))
		keep(&r->rss_image, text_of(f, child_el(n, NS_RSS, "url")));
}

static void read_channel_itunes(struct import_feed *f, struct channel_raw *r,
				const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "author"))
		keep(&r->author, text_of(f, n));
	else if (!strcmp(name, "summary"))
		keep(&r->summary, text_of(f, n));
	else if (!strcmp(name, "owner"))
		read_owner(f, r, n);
	else if (!strcmp(name, "explicit"))
		keep(&r->explicit, text_of(f, n));
	else if (!strcmp(name, "type"))
		keep(&r->type, text_of(f, n));
	else if (!strcmp(name, "image"))
		keep(&r->itunes_image, image_of(f, n));
	else if (!strcmp(name, "category"))
		read_category(f, r, n);
}

static void read_channel_podcast(struct import_feed *f, struct channel_raw *r,
				 const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "guid"))
		keep(&r->guid, text_of(f, n));
	else if (!strcmp(name, "medium"))
		keep(&r->medium, text_of(f, n));
	else if (!strcmp(name, "updateFrequency"))
		keep(&r->rrule, attr_of(f, n, "rrule"));
	else if (!strcmp(name, "person"))
		read_host(f, n);
}

/* FREQ=WEEKLY;INTERVAL=2 ... as the show's cadence, or NULL. */
static const char *cadence_of(const char *rrule)
{
	static const char *const map[][2] = {
		{"FREQ=DAILY", "daily"},
		{"FREQ=WEEKLY;INTERVAL=2", "biweekly"},
		{"FREQ=WEEKLY", "weekly"},
		{"FREQ=MONTHLY", "monthly"},
	};
	size_t i;

	for (i = 0; rrule && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(rrule, map[i][0]))
			return map[i][1];
	return NULL;
}

/* A UUID in any case, lowercased; NULL (with a warning) if not one. */
static char *feed_guid_of(struct import_feed *f, char *guid)
{
	size_t i;

	if (!guid)
		return NULL;
	lower(guid);
	for (i = 0; i < 36; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;

		if (dash ? guid[i] != '-' : !isxdigit((unsigned char)guid[i]))
			break;
	}
	if (i == 36 && !guid[36])
		return guid;
	import_warn(f, "podcast:guid '%s' is not a UUID: left out", guid);
	free(guid);
	return NULL;
}

/* Move 'r->FIELD' into 's', taking it. */
#define TAKE(s, r, field) ((s) = (r)->field, (r)->field = NULL)

/* The checked channel fields as the show's. */
static void channel_to_show(struct import_feed *f, struct channel_raw *r)
{
	struct catalog_show *s = &f->show;

	TAKE(s->title, r, title);
	TAKE(s->description, r, description);
	if (!s->description)
		TAKE(s->description, r, summary);
	TAKE(s->author, r, author);
	if (!s->author)
		TAKE(s->author, r, rss_author);
	if (!s->author)
		s->author = dup(f, r->owner_name);
	TAKE(s->copyright, r, copyright);
	if (catalog_language_valid(r->language))
		TAKE(s->language, r, language);
	else if (r->language)
		import_warn(f, "show language '%s' is not a language code:"
			       " left out",
			    r->language);
	s->link = import_url(f, r->link);
	s->image = import_url(f, r->itunes_image);
	if (!s->image)
		s->image = import_url(f, r->rss_image);
	TAKE(s->owner_name, r, owner_name);
	if (catalog_email_valid(r->owner_email))
		TAKE(s->owner_email, r, owner_email);
	TAKE(s->category, r, category);
	if (s->category &&
	    catalog_subcategory_valid(s->category, r->subcategory))
		TAKE(s->subcategory, r, subcategory);
	s->explicit = explicit_word(r->explicit);
	lower(r->type);
	if (r->type && (!strcmp(r->type, "episodic") ||
			!strcmp(r->type, "serial")))
		TAKE(s->show_type, r, type);
	lower(r->medium);
	if (catalog_medium_valid(r->medium))
		TAKE(s->medium, r, medium);
	s->cadence = dup(f, cadence_of(r->rrule));
	f->feed_guid = feed_guid_of(f, r->guid);
	r->guid = NULL;
	f->self_url = import_url(f, r->self_url);
}

static void read_channel(struct import_feed *f, const xmlNode *channel)
{
	struct channel_raw r;
	const xmlNode *n;

	memset(&r, 0, sizeof(r));
	for (n = channel->children; n && !f->rc; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		switch (ns_of(n)) {
		case NS_RSS:
			read_channel_rss(f, &r, n);
			break;
		case NS_ITUNES:
			read_channel_itunes(f, &r, n);
			break;
		case NS_PODCAST:
			read_channel_podcast(f, &r, n);
			break;
		case NS_ATOM:
			read_atom_link(f, &r, n);
			break;
		case NS_CONTENT:
		case NS_PSC:
		case NS_DC:
		case NS_OTHER:
			break;
		}
	}
	if (!f->rc)
		channel_to_show(f, &r);
	channel_raw_release(&r);
}

/* ---- Items ---------------------------------------------------------------------- */

/* What an item says, as written, before it is checked. */
struct item_raw {
	char *description, *content, *summary;
	char *guid, *pub_date, *dc_date, *enc_url, *enc_length, *enc_type;
	char *duration, *season, *episode, *p_season, *p_episode;
	char *episode_type, *explicit, *image, *chapters_url;
	const xmlNode *alternates[IMPORT_LIST_MAX];
	size_t n_alternates;
};

static void item_raw_release(struct item_raw *r)
{
	char **fields[] = {
		&r->description, &r->content,	&r->summary,
		&r->guid,
		&r->pub_date, &r->dc_date,	&r->enc_url,
		&r->enc_length, &r->enc_type,	&r->duration,
		&r->season,   &r->episode,	&r->p_season,
		&r->p_episode, &r->episode_type, &r->explicit,
		&r->image,    &r->chapters_url,
	};
	size_t i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		free(*fields[i]);
		*fields[i] = NULL;
	}
}

/* Skip 'it' for the reason formatted, unless it is skipped already. */
static void skip_item(struct import_feed *f, struct import_item *it,
		      const char *fmt, ...) SIAR_PRINTF(3, 4);

static void skip_item(struct import_feed *f, struct import_item *it,
		      const char *fmt, ...)
{
	struct siar_buf b;
	va_list ap;
	char line[512];

	if (it->skip)
		return;
	va_start(ap, fmt);
	/* A reason cut at 511 bytes still says what it is. */
	if (vsnprintf(line, sizeof(line), fmt, ap) < 0)
		line[0] = '\0';
	va_end(ap);
	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, line, strlen(line), true);
	it->skip = siar_buf_detach(&b);
	siar_buf_release(&b);
	if (!it->skip)
		nomem(f);
}

/* Warn about item 'it': "item N 'TITLE': MESSAGE". */
static void warn_item(struct import_feed *f, const struct import_item *it,
		      const char *fmt, ...) SIAR_PRINTF(3, 4);

static void warn_item(struct import_feed *f, const struct import_item *it,
		      const char *fmt, ...)
{
	struct siar_buf label;
	va_list ap;
	char line[400];

	va_start(ap, fmt);
	if (vsnprintf(line, sizeof(line), fmt, ap) < 0)
		line[0] = '\0';
	va_end(ap);
	siar_buf_init(&label, 0);
	import_item_label(&label, it);
	if (!label.failed)
		import_warn(f, "%s: %s", label.buf, line);
	siar_buf_release(&label);
}

static void read_enclosure(struct import_feed *f, struct item_raw *r,
			   const xmlNode *n)
{
	if (r->enc_url)
		return;	/* Apple and most apps take the first */
	r->enc_url = attr_of(f, n, "url");
	r->enc_length = attr_of(f, n, "length");
	r->enc_type = attr_of(f, n, "type");
}

static void read_item_rss(struct import_feed *f, struct import_item *it,
			  struct item_raw *r, const xmlNode *n);
static void read_item_itunes(struct import_feed *f, struct item_raw *r,
			     const xmlNode *n);
static void read_item_podcast(struct import_feed *f, struct import_item *it,
			      struct item_raw *r, const xmlNode *n);
static void read_psc_chapters(struct import_feed *f, struct import_item *it,
			      const xmlNode *n);

static void read_item_child(struct import_feed *f, struct import_item *it,
			    struct item_raw *r, const xmlNode *n)
{
	switch (ns_of(n)) {
	case NS_RSS:
		read_item_rss(f, it, r, n);
		break;
	case NS_ITUNES:
		read_item_itunes(f, r, n);
		break;
	case NS_PODCAST:
		read_item_podcast(f, it, r, n);
		break;
	case NS_CONTENT:
		if (!strcmp((const char *)n->name, "encoded"))
			keep(&r->content, text_of(f, n));
		break;
	case NS_PSC:
		if (!strcmp((const char *)n->name, "chapters"))
			read_psc_chapters(f, it, n);
		break;
	case NS_DC:
		if (!strcmp((const char *)n->name, "date"))
			keep(&r->dc_date, text_of(f, n));
		break;
	case NS_ATOM:
	case NS_OTHER:
		break;
	}
}

/* A <category>: a topic, unless it has no letters or digits or is known. */
static void add_topic(struct import_feed *f, struct import_item *it,
		      const xmlNode *n)
{
	struct catalog_episode *ep = &it->ep;
	char *name = text_of(f, n);
	size_t i;
	bool word = false;

	for (i = 0; name && name[i]; i++)
		if (isalnum((unsigned char)name[i]) ||
		    (unsigned char)name[i] >= 0x80)
			word = true;
	for (i = 0; word && i < ep->n_topics; i++)
		if (!strcasecmp(ep->topics[i], name))
			word = false;
	if (!word || ep->n_topics >= IMPORT_LIST_MAX) {
		free(name);
		return;
	}
	if (!siar_grow((void **)&ep->topics, &it->cap_topics, ep->n_topics,
		       sizeof(*ep->topics))) {
		free(name);
		nomem(f);
		return;
	}
	ep->topics[ep->n_topics++] = name;
}

static void read_item_rss(struct import_feed *f, struct import_item *it,
			  struct item_raw *r, const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "description"))
		keep(&r->description, text_of(f, n));
	else if (!strcmp(name, "guid"))
		keep(&r->guid, text_of(f, n));
	else if (!strcmp(name, "pubDate"))
		keep(&r->pub_date, text_of(f, n));
	else if (!strcmp(name, "enclosure"))
		read_enclosure(f, r, n);
	else if (!strcmp(name, "category"))
		add_topic(f, it, n);
}

static void read_item_itunes(struct import_feed *f, struct item_raw *r,
			     const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "summary"))
		keep(&r->summary, text_of(f, n));
	else if (!strcmp(name, "duration"))
		keep(&r->duration, text_of(f, n));
	else if (!strcmp(name, "season"))
		keep(&r->season, text_of(f, n));
	else if (!strcmp(name, "episode"))
		keep(&r->episode, text_of(f, n));
	else if (!strcmp(name, "episodeType"))
		keep(&r->episode_type, text_of(f, n));
	else if (!strcmp(name, "explicit"))
		keep(&r->explicit, text_of(f, n));
	else if (!strcmp(name, "image"))
		keep(&r->image, image_of(f, n));
}

/* ---- Item: people ----------------------------------------------------------------- */

static bool has_name(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcasecmp(names[i], name))
			return true;
	return false;
}

static void add_guest(struct import_feed *f, struct import_item *it,
		      char *name)
{
	struct catalog_episode *ep = &it->ep;

	if (has_name(ep->guests, ep->n_guests, name) ||
	    ep->n_guests >= IMPORT_LIST_MAX) {
		free(name);
		return;
	}
	if (!siar_grow((void **)&ep->guests, &it->cap_guests, ep->n_guests,
		       sizeof(*ep->guests))) {
		free(name);
		nomem(f);
		return;
	}
	ep->guests[ep->n_guests++] = name;
}

static void add_credit(struct import_feed *f, struct import_item *it,
		       char *name, char *role, char *group)
{
	struct catalog_episode *ep = &it->ep;
	struct catalog_credit *c;

	if (ep->n_credits >= IMPORT_LIST_MAX ||
	    !siar_grow((void **)&ep->credits, &it->cap_credits, ep->n_credits,
		       sizeof(*ep->credits))) {
		if (ep->n_credits < IMPORT_LIST_MAX)
			nomem(f);
		free(name);
		free(role);
		free(group);
		return;
	}
	c = &ep->credits[ep->n_credits++];
	c->name = name;
	c->role = role;
	c->group = group;
}

/* True if the channel names 'name' in the same role and group. */
static bool is_channel_person(const struct import_feed *f, const char *name,
			      const char *role, const char *group)
{
	size_t i;

	for (i = 0; i < f->n_hosts; i++)
		if (!strcasecmp(f->hosts[i].name, name) &&
		    !strcasecmp(f->hosts[i].role, role) &&
		    !strcasecmp(f->hosts[i].group, group))
			return true;
	return false;
}

/*
 * An item's podcast:person: a guest, or a credit in a role of the
 * taxonomy; role and group take podcast:person's defaults.
 */
static void read_item_person(struct import_feed *f, struct import_item *it,
			     const xmlNode *n)
{
	char *name = text_of(f, n), *role = attr_of(f, n, "role");
	char *group = attr_of(f, n, "group");

	lower(role);
	lower(group);
	if (name)
		note_person(f, name, n);
	if (name && role && !strcmp(role, "guest")) {
		add_guest(f, it, name);
		free(role);
		free(group);
		return;
	}
	if (name && is_channel_person(f, name, role ? role : "host",
				      group ? group : "cast")) {
		/* The channel's host restated, as items with people of their
		 * own must: the show has them already. */
		free(name);
		free(role);
		free(group);
		return;
	}
	if (name && catalog_person_role_valid(group ? group : "cast",
					      role ? role : "host")) {
		add_credit(f, it, name, role ? role : dup(f, "host"),
			   group ? group : dup(f, "cast"));
		return;
	}
	if (name)
		warn_item(f, it, "podcast:person '%s' has role '%s' in group"
				 " '%s', which is not in the Podcasting 2.0"
				 " taxonomy: left out",
			  name, role ? role : "host", group ? group : "cast");
	free(name);
	free(role);
	free(group);
}

/* ---- Item: files -------------------------------------------------------------------- */

/* The transcript types the catalogue takes, and what hosts also write. */
static const char *transcript_type(const char *type)
{
	static const char *const map[][2] = {
		{"text/plain", "text/plain"},
		{"text/html", "text/html"},
		{"text/vtt", "text/vtt"},
		{"application/json", "application/json"},
		{"application/x-subrip", "application/x-subrip"},
		{"application/srt", "application/x-subrip"},
		{"application/x-srt", "application/x-subrip"},
		{"text/srt", "application/x-subrip"},
	};
	size_t i;

	for (i = 0; type && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcasecmp(type, map[i][0]))
			return map[i][1];
	return NULL;
}

static void read_transcript(struct import_feed *f, struct import_item *it,
			    const xmlNode *n)
{
	struct catalog_episode *ep = &it->ep;
	struct catalog_transcript *t;
	char *raw = attr_of(f, n, "url"), *type = attr_of(f, n, "type");
	char *url = import_url(f, raw), *lang = attr_of(f, n, "language");

	const char *mime = transcript_type(type);

	if (!url || !mime)
		warn_item(f, it, "podcast:transcript '%s' of type '%s' is not"
				 " one siar keeps: left out",
			  raw ? raw : "", type ? type : "");
	if (lang && !catalog_language_valid(lang)) {
		free(lang);
		lang = NULL;
	}
	if (url && mime && ep->n_transcripts < IMPORT_LIST_MAX &&
	    siar_grow((void **)&ep->transcripts, &it->cap_transcripts,
		      ep->n_transcripts, sizeof(*ep->transcripts))) {
		t = &ep->transcripts[ep->n_transcripts++];
		t->path = url;
		t->mime = dup(f, mime);
		t->language = lang;
		url = lang = NULL;
	}
	free(raw);
	free(type);
	free(url);
	free(lang);
}

/* podcast:image with purpose "poster": the poster frame of a video. */
static void read_poster(struct import_feed *f, struct import_item *it,
			const xmlNode *n)
{
	struct catalog_episode *ep = &it->ep;
	char *purpose = attr_of(f, n, "purpose");
	int w, h;

	if (!purpose || !strstr(purpose, "poster") || ep->poster_path) {
		free(purpose);
		return;
	}
	free(purpose);
	ep->poster_path = url_attr(f, n, "href");
	w = size_attr(f, n, "width");
	h = size_attr(f, n, "height");
	/* The poster is a frame of the video: its size is the video's. */
	if (!ep->width && !ep->height && w && h) {
		ep->width = w;
		ep->height = h;
	}
}

static void read_item_podcast(struct import_feed *f, struct import_item *it,
			      struct item_raw *r, const xmlNode *n)
{
	const char *name = (const char *)n->name;

	if (!strcmp(name, "season"))
		keep(&r->p_season, text_of(f, n));
	else if (!strcmp(name, "episode"))
		keep(&r->p_episode, text_of(f, n));
	else if (!strcmp(name, "person"))
		read_item_person(f, it, n);
	else if (!strcmp(name, "transcript"))
		read_transcript(f, it, n);
	else if (!strcmp(name, "chapters"))
		keep(&r->chapters_url, attr_of(f, n, "url"));
	else if (!strcmp(name, "image"))
		read_poster(f, it, n);
	else if (!strcmp(name, "alternateEnclosure") &&
		 r->n_alternates < IMPORT_LIST_MAX)
		r->alternates[r->n_alternates++] = n;
}

/* psc:chapters: each psc:chapter's start and title, in the order given. */
static void read_psc_chapters(struct import_feed *f, struct import_item *it,
			      const xmlNode *n)
{
	struct catalog_episode *ep = &it->ep;
	const xmlNode *c;
	char *start;
	int64_t ms = 0;

	if (ep->n_chapters)
		return;
	for (c = n->children; c && !f->rc; c = c->next) {
		if (!is_el(c, NS_PSC, "chapter") ||
		    ep->n_chapters >= 4 * IMPORT_LIST_MAX)
			continue;
		start = attr_of(f, c, "start");
		if (!feed_parse_duration(start, &ms)) {
			warn_item(f, it, "psc:chapter start '%s' is not a"
					 " time: left out",
				  start ? start : "");
		} else if (!siar_grow((void **)&ep->chapters, &it->cap_chapters,
				      ep->n_chapters, sizeof(*ep->chapters))) {
			nomem(f);
		} else {
			ep->chapters[ep->n_chapters].start_ms = ms;
			ep->chapters[ep->n_chapters].end_ms = 0;
			ep->chapters[ep->n_chapters++].title =
			    attr_of(f, c, "title");
		}
		free(start);
	}
}

/* ---- Item: alternate enclosures ----------------------------------------------------- */

/* An alternate's first podcast:source that is a plain http(s) file. */
static char *alternate_uri(struct import_feed *f, const xmlNode *alt)
{
	const xmlNode *s;
	char *type, *uri, *url;

	for (s = alt->children; s; s = s->next) {
		if (!is_el(s, NS_PODCAST, "source"))
			continue;
		/* A torrent or another protocol's address is no file. */
		type = attr_of(f, s, "contentType");
		if (type && strncasecmp(type, "audio/", 6) &&
		    strncasecmp(type, "video/", 6)) {
			free(type);
			continue;
		}
		free(type);
		uri = attr_of(f, s, "uri");
		url = import_url(f, uri);
		free(uri);
		if (url)
			return url;
	}
	return NULL;
}

static int64_t number_attr(struct import_feed *f, const xmlNode *n,
			   const char *name)
{
	char *s = attr_of(f, n, name), *end = NULL;
	double v = 0;

	if (s) {
		errno = 0;
		v = strtod(s, &end);
		if (errno || *end || !(v >= 0) || v > 9e15)
			v = 0;
	}
	free(s);
	return (int64_t)v;
}

static void add_rendition(struct import_feed *f, struct import_item *it,
			  const xmlNode *alt, char *uri, char *type)
{
	struct catalog_episode *ep = &it->ep;
	struct catalog_rendition *r;

	if (!siar_grow((void **)&ep->renditions, &it->cap_renditions,
		       ep->n_renditions, sizeof(*ep->renditions))) {
		nomem(f);
		free(uri);
		free(type);
		return;
	}
	r = &ep->renditions[ep->n_renditions++];
	memset(r, 0, sizeof(*r));
	r->path = uri;
	r->mime = type;
	r->kind = dup(f, strncmp(type, "video/", 6) ? "audio" : "video");
	r->size_bytes = number_attr(f, alt, "length");
	r->bit_rate = number_attr(f, alt, "bitrate");
	r->height = size_attr(f, alt, "height");
	r->title = attr_of(f, alt, "title");
}

/*
 * Each podcast:alternateEnclosure that is an audio or video file becomes a
 * rendition. The one that is the enclosure itself (siar's own feeds list
 * it first, as the default) lends its bit rate and height to the episode.
 */
static void read_alternates(struct import_feed *f, struct import_item *it,
			    const struct item_raw *r)
{
	struct catalog_episode *ep = &it->ep;
	char *uri, *type;
	size_t i;

	for (i = 0; i < r->n_alternates && !f->rc; i++) {
		uri = alternate_uri(f, r->alternates[i]);
		type = attr_of(f, r->alternates[i], "type");
		lower(type);
		if (uri && ep->media_path && !strcmp(uri, ep->media_path)) {
			if (!ep->bit_rate)
				ep->bit_rate = number_attr(f, r->alternates[i],
							   "bitrate");
			if (!ep->height)
				ep->height =
				    size_attr(f, r->alternates[i], "height");
		} else if (uri && type && ep->n_renditions < IMPORT_LIST_MAX &&
			   (!strncmp(type, "audio/", 6) ||
			    !strncmp(type, "video/", 6))) {
			add_rendition(f, it, r->alternates[i], uri, type);
			continue;
		}
		free(uri);
		free(type);
	}
}

/* ---- Item: putting it together ------------------------------------------------------- */

/* The last part of a URL's path: a title for an item without one. */
static char *file_name_of(struct import_feed *f, const char *url)
{
	size_t end = strcspn(url, "?#"), start = end;

	while (start > 0 && url[start - 1] != '/')
		start--;
	return start < end ? trimmed(f, url + start, end - start) : NULL;
}

/* MIME type of the enclosure: as given, else from the file's extension. */
static char *media_type(struct import_feed *f, const struct item_raw *r)
{
	static const char *const by_ext[][2] = {
		{".mp3", "audio/mpeg"}, {".m4a", "audio/x-m4a"},
		{".m4b", "audio/x-m4a"}, {".aac", "audio/aac"},
		{".ogg", "audio/ogg"},	{".oga", "audio/ogg"},
		{".opus", "audio/ogg"}, {".flac", "audio/flac"},
		{".wav", "audio/wav"},	{".mp4", "video/mp4"},
		{".m4v", "video/x-m4v"}, {".mov", "video/quicktime"},
		{".webm", "video/webm"},
	};
	size_t end = strcspn(r->enc_url, "?#"), i, len;

	if (r->enc_type && strchr(r->enc_type, '/')) {
		char *type = dup(f, r->enc_type);

		lower(type);
		return type;
	}
	for (i = 0; i < sizeof(by_ext) / sizeof(by_ext[0]); i++) {
		len = strlen(by_ext[i][0]);
		if (end >= len &&
		    !strncasecmp(r->enc_url + end - len, by_ext[i][0], len))
			return dup(f, by_ext[i][1]);
	}
	return dup(f, "audio/mpeg");
}

static const char *media_kind(const char *mime, const char *url)
{
	static const char *const video_ext[] = {".mp4", ".m4v", ".mov",
						".webm", ".mkv"};
	size_t end = strcspn(url, "?#"), i, len;

	if (!strncmp(mime, "video/", 6))
		return "video";
	if (!strncmp(mime, "audio/", 6))
		return "audio";
	for (i = 0; i < sizeof(video_ext) / sizeof(video_ext[0]); i++) {
		len = strlen(video_ext[i]);
		if (end >= len &&
		    !strncasecmp(url + end - len, video_ext[i], len))
			return "video";
	}
	return "audio";
}

/* The enclosure: URL, type, kind, length. False: the item is skipped. */
static bool item_enclosure(struct import_feed *f, struct import_item *it,
			   const struct item_raw *r)
{
	struct catalog_episode *ep = &it->ep;
	int64_t length = 0;
	const char *p = r->enc_length;

	if (!r->enc_url) {
		skip_item(f, it, "no enclosure");
		return false;
	}
	it->enclosure_url = import_url(f, r->enc_url);
	ep->media_path = dup(f, it->enclosure_url);
	if (!ep->media_path) {
		skip_item(f, it, "enclosure URL '%s' is not an http(s) URL",
			  r->enc_url);
		return false;
	}
	ep->media_mime = media_type(f, r);
	ep->media_kind =
	    dup(f, media_kind(ep->media_mime ? ep->media_mime : "",
			      ep->media_path));
	/* feed-spec §3.2: 0 when unknown; hosts write "" or junk too. */
	if (p && digits(&p, 18, &length) && !*p)
		ep->media_size_bytes = length;
	return true;
}

static void item_date(struct import_feed *f, struct import_item *it,
		      const struct item_raw *r)
{
	const char *date = r->pub_date ? r->pub_date : r->dc_date;

	if (!date)
		skip_item(f, it, "no pubDate");
	else if (!feed_parse_date(date, &it->ep.published_unix))
		skip_item(f, it, "bad pubDate '%s'", date);
}

/*
 * True if 'a' and 'b' read the same once their markup is gone: then the
 * plainer one is the description (content:encoded often only wraps the
 * description in <p>).
 */
static bool same_text(const char *a, const char *b)
{
	struct siar_err ignored = {0};
	struct siar_buf pa, pb, ha, hb;
	bool same;

	if (!a || !b)
		return false;
	siar_buf_init(&pa, 0);
	siar_buf_init(&pb, 0);
	siar_buf_init(&ha, 0);
	siar_buf_init(&hb, 0);
	same = !feed_html_sanitize(a, strlen(a), &ha, &pa, &ignored) &&
	       !feed_html_sanitize(b, strlen(b), &hb, &pb, &ignored) &&
	       pa.len == pb.len && (!pa.len || !memcmp(pa.buf, pb.buf, pa.len));
	siar_buf_release(&pa);
	siar_buf_release(&pb);
	siar_buf_release(&ha);
	siar_buf_release(&hb);
	return same;
}

/* Title, GUID and description. */
static void item_text(struct import_feed *f, struct import_item *it,
		      struct item_raw *r)
{
	struct catalog_episode *ep = &it->ep;

	if (!ep->title && r->enc_url)
		ep->title = file_name_of(f, r->enc_url);
	if (!ep->title) {
		struct siar_buf b;

		siar_buf_init(&b, 0);
		siar_buf_addf(&b, "Item %zu", it->index);
		ep->title = siar_buf_detach(&b);
		siar_buf_release(&b);
		if (!ep->title)
			nomem(f);
	}
	/* Apps fall back on the enclosure URL as it is written. */
	TAKE(ep->guid, r, guid);
	if (!ep->guid)
		ep->guid = dup(f, r->enc_url);
	if (ep->guid && strlen(ep->guid) > CATALOG_GUID_MAX)
		skip_item(f, it, "GUID longer than %d bytes",
			  CATALOG_GUID_MAX);
	if (same_text(r->content, r->description))
		TAKE(ep->description, r, description);
	if (!ep->description)
		TAKE(ep->description, r, content);
	if (!ep->description)
		TAKE(ep->description, r, description);
	if (!ep->description)
		TAKE(ep->description, r, summary);
	/* siar and many hosts write the title when there is no description. */
	if (ep->description && same_text(ep->description, ep->title)) {
		free(ep->description);
		ep->description = NULL;
	}
}

static void item_duration(struct import_feed *f, struct import_item *it,
			  const struct item_raw *r)
{
	if (r->duration && !feed_parse_duration(r->duration,
						&it->ep.duration_ms))
		warn_item(f, it, "bad itunes:duration '%s': left out",
			  r->duration);
}

/* Numbers, type, flags, image and chapters. */
static void item_details(struct import_feed *f, struct import_item *it,
			 struct item_raw *r)
{
	struct catalog_episode *ep = &it->ep;

	ep->season = count_of(r->season ? r->season : r->p_season, 1000000);
	ep->episode_number =
	    count_of(r->episode ? r->episode : r->p_episode, 1000000);
	lower(r->episode_type);
	if (r->episode_type && (!strcmp(r->episode_type, "trailer") ||
				!strcmp(r->episode_type, "bonus")))
		TAKE(ep->episode_type, r, episode_type);
	ep->explicit = explicit_word(r->explicit);
	ep->image_path = import_url(f, r->image);
	/* Kept beside psc:chapters too; the feed prefers the episode's own. */
	ep->chapters_url = import_url(f, r->chapters_url);
}

static void read_item(struct import_feed *f, const xmlNode *n, size_t index)
{
	struct import_item *it;
	struct item_raw r;
	const xmlNode *c;

	if (!siar_grow((void **)&f->items, &f->cap_items, f->n_items,
		       sizeof(*f->items))) {
		nomem(f);
		return;
	}
	it = &f->items[f->n_items++];
	memset(it, 0, sizeof(*it));
	catalog_episode_init(&it->ep);
	it->index = index;
	memset(&r, 0, sizeof(r));
	/* First, so that warnings about the item can name it. */
	it->ep.title = text_of(f, child_el(n, NS_RSS, "title"));
	if (!it->ep.title)
		it->ep.title = text_of(f, child_el(n, NS_ITUNES, "title"));
	for (c = n->children; c && !f->rc; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			read_item_child(f, it, &r, c);
	item_text(f, it, &r);
	it->ep.show_slug = dup(f, f->opts->show_slug);
	if (item_enclosure(f, it, &r))
		read_alternates(f, it, &r);
	item_date(f, it, &r);
	item_duration(f, it, &r);
	item_details(f, it, &r);
	item_raw_release(&r);
}

/* ---- Duplicate GUIDs --------------------------------------------------------------- */

static int by_guid(const void *a, const void *b)
{
	const struct import_item *x = *(const struct import_item *const *)a;
	const struct import_item *y = *(const struct import_item *const *)b;
	int c = strcmp(x->ep.guid, y->ep.guid);

	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* A GUID seen before in the feed: the later item is skipped. */
static void skip_duplicates(struct import_feed *f)
{
	struct import_item **v;
	size_t i, n = 0;

	v = calloc(f->n_items ? f->n_items : 1, sizeof(*v));
	if (!v) {
		nomem(f);
		return;
	}
	for (i = 0; i < f->n_items; i++)
		if (f->items[i].ep.guid)
			v[n++] = &f->items[i];
	qsort(v, n, sizeof(*v), by_guid);
	for (i = 1; i < n; i++)
		if (!strcmp(v[i - 1]->ep.guid, v[i]->ep.guid))
			skip_item(f, v[i], "GUID '%s' repeats that of item %zu",
				  v[i]->ep.guid, v[i - 1]->index);
	free(v);
}

/* ---- Entry ------------------------------------------------------------------------- */

void import_feed_init(struct import_feed *f, const struct feed_import_opts *opts,
		      const char *source, struct siar_err *err)
{
	memset(f, 0, sizeof(*f));
	f->opts = opts;
	f->source = source;
	f->err = err;
	catalog_show_init(&f->show);
}

void import_feed_release(struct import_feed *f)
{
	size_t i;

	catalog_show_release(&f->show);
	free(f->feed_guid);
	free(f->self_url);
	for (i = 0; i < f->n_hosts; i++) {
		free(f->hosts[i].name);
		free(f->hosts[i].role);
		free(f->hosts[i].group);
	}
	free(f->hosts);
	for (i = 0; i < f->n_people; i++) {
		free(f->people[i].name);
		free(f->people[i].url);
		free(f->people[i].photo);
	}
	free(f->people);
	for (i = 0; i < f->n_items; i++) {
		catalog_episode_release(&f->items[i].ep);
		free(f->items[i].enclosure_url);
		free(f->items[i].skip);
		free(f->items[i].download);
	}
	free(f->items);
	memset(f, 0, sizeof(*f));
}

int import_read(struct import_feed *f, const char *data, size_t len)
{
	const xmlNode *channel = NULL, *n;
	struct siar_buf fixed;
	xmlDocPtr doc = NULL;
	size_t index = 0;
	int rc = SIAR_OK;

	/*
	 * libxml2 refuses a whole UTF-8 feed for one bad byte or control
	 * character; apps read such feeds anyway, so they are repaired
	 * (U+FFFD, controls dropped) and the import goes on with a warning.
	 */
	siar_buf_init(&fixed, len + 1);
	if (needs_repair(data, len) && !other_encoding(data, len)) {
		siar_utf8_repair(&fixed, data, len, true);
		rc = siar_buf_check(&fixed, f->err);
		data = fixed.buf;
		len = fixed.len;
		import_warn(f, "'%s' is not clean UTF-8: bad bytes and control"
			       " characters were replaced or dropped",
			    f->source);
	}
	if (!rc)
		rc = parse(f, data, len, &doc);
	if (!rc)
		rc = find_channel(f, doc, &channel);
	if (rc)
		goto out;
	read_channel(f, channel);
	for (n = channel->children; n && !f->rc; n = n->next)
		if (is_el(n, NS_RSS, "item"))
			read_item(f, n, ++index);
	if (!f->rc)
		skip_duplicates(f);
	rc = f->rc;
out:
	xmlFreeDoc(doc);
	siar_buf_release(&fixed);
	return rc;
}
