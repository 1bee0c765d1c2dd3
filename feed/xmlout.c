/*
 * The feed's XML writer: the output of libxml2's xmlTextWriter (indented
 * with two spaces), byte for byte, without its cost per element.
 *
 * xmlTextWriter allocates a stack entry, a copy of the name and a list
 * link for every element, and an escaped copy of every value; for a feed
 * of 10,000 episodes that was more time than the whole feed may take
 * (README, "Speed"). This writer keeps the open elements' names (string
 * constants of feed.c) on a fixed stack and copies values straight into
 * one output buffer. The escaping stays libxml2's: a value holding any
 * byte that needs escaping goes through xmlEncodeSpecialChars() (element
 * text) or xmlAttrSerializeTxtContent() (attribute values), the very
 * functions xmlTextWriter calls, and only values that need none are
 * copied as they are. tests/test_feed_xmlout.c writes the same documents
 * through both writers and compares the bytes.
 *
 * Output goes to the FILE in chunks of XO_BUF bytes, so memory stays the
 * same whatever the size of the feed. (A thread that wrote the chunks
 * while the next were made saved nothing measurable: copying into the
 * page cache is a small part of a feed's time.)
 */
#include "xmlout.h"
#include "xmllib.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>


#define XC(s) ((const xmlChar *)(s))

/* The bytes element text may not carry as they are (xmlEncodeSpecialChars). */
static const char text_special[] = "<>&\"\r";

/*
 * Whether attribute value byte 'c' is copied as is: xmlAttrSerializeTxt-
 * Content() escapes the five above, tab and newline. (Non-ASCII text stays
 * as it is in a document whose encoding is set, as xmlTextWriter's is
 * once its XML declaration names UTF-8.)
 */
static bool attr_plain(unsigned char c)
{
	return c >= 0x20 && c != '<' && c != '>' && c != '&' && c != '"';
}

/* ---- The buffer ---------------------------------------------------------- */

/* Write out the buffer; the first failure is kept and later ones ignored. */
static void flush_buf(struct xml_out *xo)
{
	size_t len = xo->len;

	xo->len = 0;
	if (xo->errnum || !len)
		return;
	errno = 0;
	if (fwrite(xo->buf, 1, len, xo->fp) != len)
		xo->errnum = errno ? errno : EIO;
}

/* put() of what does not fit in the buffer. */
static void put_slow(struct xml_out *xo, const char *data, size_t len)
{
	size_t room;

	while (len) {
		room = XO_BUF - xo->len;
		if (room > len)
			room = len;
		memcpy(xo->buf + xo->len, data, room);
		xo->len += room;
		data += room;
		len -= room;
		if (xo->len == XO_BUF)
			flush_buf(xo);
	}
}

/*
 * Append 'len' bytes. Called for every name, quote and value: the common
 * case, room in the buffer, stays a copy. The buffer is never left full,
 * so putc_() always has room.
 */
static inline void put(struct xml_out *xo, const char *data, size_t len)
{
	if (len < XO_BUF - xo->len) {
		memcpy(xo->buf + xo->len, data, len);
		xo->len += len;
		return;
	}
	put_slow(xo, data, len);
}

static void puts_(struct xml_out *xo, const char *s)
{
	put(xo, s, strlen(s));
}

static void putc_(struct xml_out *xo, char c)
{
	xo->buf[xo->len++] = c;
	if (xo->len == XO_BUF)
		flush_buf(xo);
}

int xo_open(struct xml_out *xo, FILE *fp)
{
	memset(xo, 0, sizeof(*xo));
	xo->fp = fp;
	xo->buf = malloc(XO_BUF);
	if (!xo->buf)
		return SIAR_ENOMEM;
	return SIAR_OK;
}

/*
 * What xmlAttrSerializeTxtContent() needs, made when a value first needs
 * it: a feed whose values need no escaping never loads libxml2.
 */
static bool attr_ready(struct xml_out *xo)
{
	if (!xo->attr)
		xo->attr = xmlBufferCreate();
	if (!xo->doc) {
		xo->doc = xmlNewDoc(NULL);
		if (xo->doc)
			xo->doc->encoding = xmlStrdup(XC("UTF-8"));
	}
	return xo->attr && xo->doc && xo->doc->encoding;
}

int xo_flush(struct xml_out *xo)
{
	if (!xo->buf)
		return SIAR_ENOMEM;
	flush_buf(xo);
	if (xo->failed)
		return xo->failed;
	return xo->errnum ? SIAR_EIO : SIAR_OK;
}

void xo_close(struct xml_out *xo)
{
	free(xo->buf);
	if (xo->attr)
		xmlBufferFree(xo->attr);
	if (xo->doc)
		xmlFreeDoc(xo->doc);
	memset(xo, 0, sizeof(*xo));
}

int xo_errnum(const struct xml_out *xo)
{
	return xo->errnum;
}

/* ---- Elements ------------------------------------------------------------ */

static void indent(struct xml_out *xo, size_t levels)
{
	static const char spaces[2 * XO_DEPTH] =
	    "                                ";

	put(xo, spaces, 2 * levels);
}

/* Close the start tag of the innermost element, if still open. */
static void close_start(struct xml_out *xo, bool newline)
{
	if (!xo->depth || !xo->open[xo->depth - 1])
		return;
	if (newline) {
		put(xo, ">\n", 2);
	} else {
		putc_(xo, '>');
	}
	xo->open[xo->depth - 1] = false;
}

void xo_decl(struct xml_out *xo)
{
	if (!xo->failed)
		puts_(xo, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void xo_start_n(struct xml_out *xo, const char *name, size_t len)
{
	if (xo->failed)
		return;
	if (xo->depth == XO_DEPTH) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	close_start(xo, true);
	xo->names[xo->depth] = name;
	xo->name_lens[xo->depth] = len;
	xo->open[xo->depth] = true;
	xo->depth++;
	indent(xo, xo->depth - 1);
	putc_(xo, '<');
	put(xo, name, len);
}

void xo_attr_n(struct xml_out *xo, const char *name, size_t len,
	       const char *value)
{
	const unsigned char *p = (const unsigned char *)value;

	if (xo->failed)
		return;
	if (!xo->depth || !xo->open[xo->depth - 1]) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	putc_(xo, ' ');
	put(xo, name, len);
	put(xo, "=\"", 2);
	while (*p && attr_plain(*p))
		p++;
	if (!*p) {
		put(xo, value, (size_t)(p - (const unsigned char *)value));
	} else if (!attr_ready(xo)) {
		xo->failed = SIAR_ENOMEM;
		return;
	} else {
		xmlBufferEmpty(xo->attr);
		xmlAttrSerializeTxtContent(xo->attr, xo->doc, NULL, XC(value));
		put(xo, (const char *)xmlBufferContent(xo->attr),
		    (size_t)xmlBufferLength(xo->attr));
	}
	putc_(xo, '"');
}

void xo_text(struct xml_out *xo, const char *text)
{
	size_t plain;
	xmlChar *esc;

	if (xo->failed)
		return;
	if (!xo->depth) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	close_start(xo, false);
	xo->doindent = false;
	plain = strcspn(text, text_special);
	if (!text[plain]) {
		put(xo, text, plain);
		return;
	}
	esc = xmlEncodeSpecialChars(NULL, XC(text));
	if (!esc) {
		xo->failed = SIAR_ENOMEM;
		return;
	}
	puts_(xo, (const char *)esc);
	xmlFree(esc);
}

void xo_cdata(struct xml_out *xo, const char *text)
{
	if (xo->failed)
		return;
	if (!xo->depth || strstr(text, "]]>")) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	close_start(xo, false);
	xo->doindent = false;
	put(xo, "<![CDATA[", 9);
	puts_(xo, text);
	put(xo, "]]>", 3);
}

void xo_cdata_para(struct xml_out *xo, const char *text, size_t len)
{
	if (xo->failed)
		return;
	/* Without a '>' neither the text nor its tags can make "]]>". */
	if (!xo->depth || memchr(text, '>', len)) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	close_start(xo, false);
	xo->doindent = false;
	put(xo, "<![CDATA[<p>", 12);
	put(xo, text, len);
	put(xo, "</p>]]>", 7);
}

void xo_end(struct xml_out *xo)
{
	if (xo->failed)
		return;
	if (!xo->depth) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	if (xo->open[xo->depth - 1]) {
		xo->doindent = true;
		put(xo, "/>\n", 3);
	} else {
		if (xo->doindent)
			indent(xo, xo->depth - 1);
		xo->doindent = true;
		put(xo, "</", 2);
		put(xo, xo->names[xo->depth - 1], xo->name_lens[xo->depth - 1]);
		put(xo, ">\n", 2);
	}
	xo->depth--;
}
