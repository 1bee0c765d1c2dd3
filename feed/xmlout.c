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
 * Output is handed on in blocks of XO_BLOCK bytes to a writer thread
 * (when it can be started) that fwrite()s them to the FILE, so the disk
 * copy overlaps the reading of the catalogue. Memory stays XO_BLOCKS
 * blocks, whatever the size of the feed.
 */
#include "xmlout.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/entities.h>
#include <libxml/tree.h>

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

/* ---- Blocks and the thread that writes them ------------------------------ */

static void set_errnum(struct xml_out *xo, int errnum)
{
	if (!xo->errnum)
		xo->errnum = errnum;
}

/*
 * Write 'len' bytes to the FILE unless a write failed before ('errnum');
 * returns errno of this failure, or 'errnum'.
 */
static int put_file(FILE *fp, const char *data, size_t len, int errnum)
{
	if (errnum || !len)
		return errnum;
	errno = 0;
	if (fwrite(data, 1, len, fp) != len)
		return errno ? errno : EIO;
	return 0;
}

static void *writer_main(void *arg)
{
	struct xml_out *xo = arg;
	struct xo_block *b;
	int errnum;

	pthread_mutex_lock(&xo->lock);
	for (;;) {
		while (!xo->full && !xo->closing)
			pthread_cond_wait(&xo->cond, &xo->lock);
		if (!xo->full)
			break;
		b = xo->full;
		xo->full = b->next;
		if (!xo->full)
			xo->full_tail = NULL;
		errnum = xo->errnum;
		pthread_mutex_unlock(&xo->lock);
		errnum = put_file(xo->fp, b->data, b->len, errnum);
		pthread_mutex_lock(&xo->lock);
		set_errnum(xo, errnum);
		b->len = 0;
		b->next = xo->free;
		xo->free = b;
		pthread_cond_broadcast(&xo->cond);
	}
	pthread_mutex_unlock(&xo->lock);
	return NULL;
}

/* Hand the current block on and take an empty one. */
static void hand_on(struct xml_out *xo)
{
	struct xo_block *b = xo->cur;

	if (!b->len)
		return;
	if (!xo->threaded) {
		set_errnum(xo, put_file(xo->fp, b->data, b->len, xo->errnum));
		b->len = 0;
		return;
	}
	pthread_mutex_lock(&xo->lock);
	b->next = NULL;
	if (xo->full_tail)
		xo->full_tail->next = b;
	else
		xo->full = b;
	xo->full_tail = b;
	pthread_cond_broadcast(&xo->cond);
	while (!xo->free)
		pthread_cond_wait(&xo->cond, &xo->lock);
	xo->cur = xo->free;
	xo->free = xo->cur->next;
	pthread_mutex_unlock(&xo->lock);
}

/* put() of what does not fit in the current block. */
static void put_slow(struct xml_out *xo, const char *data, size_t len)
{
	struct xo_block *b = xo->cur;
	size_t room;

	while (len) {
		room = XO_BLOCK - b->len;
		if (room > len)
			room = len;
		memcpy(b->data + b->len, data, room);
		b->len += room;
		data += room;
		len -= room;
		if (b->len == XO_BLOCK) {
			hand_on(xo);
			b = xo->cur;
		}
	}
}

/*
 * Append 'len' bytes. Called for every name, quote and value: the common
 * case, room in the block, stays a copy.
 */
static inline void put(struct xml_out *xo, const char *data, size_t len)
{
	struct xo_block *b = xo->cur;

	if (len < XO_BLOCK - b->len) {
		memcpy(b->data + b->len, data, len);
		b->len += len;
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
	struct xo_block *b = xo->cur;

	b->data[b->len++] = c;
	if (b->len == XO_BLOCK)
		hand_on(xo);
}

int xo_open(struct xml_out *xo, FILE *fp)
{
	size_t i;

	memset(xo, 0, sizeof(*xo));
	xo->fp = fp;
	for (i = 0; i < XO_BLOCKS; i++) {
		xo->blocks[i] = malloc(sizeof(*xo->blocks[i]));
		if (!xo->blocks[i]) {
			xo_close(xo);
			return SIAR_ENOMEM;
		}
		xo->blocks[i]->len = 0;
		xo->blocks[i]->next = i > 1 ? xo->blocks[i - 1] : NULL;
	}
	xo->cur = xo->blocks[0];
	xo->free = xo->blocks[XO_BLOCKS - 1];
	xo->attr = xmlBufferCreate();
	xo->doc = xmlNewDoc(NULL);
	if (xo->doc)
		xo->doc->encoding = xmlStrdup(XC("UTF-8"));
	if (!xo->attr || !xo->doc || !xo->doc->encoding) {
		xo_close(xo);
		return SIAR_ENOMEM;
	}
	/* Without a thread the blocks are written in turn: slower, not wrong. */
	if (!pthread_mutex_init(&xo->lock, NULL)) {
		if (!pthread_cond_init(&xo->cond, NULL)) {
			xo->threaded =
			    !pthread_create(&xo->thread, NULL, writer_main, xo);
			if (!xo->threaded)
				pthread_cond_destroy(&xo->cond);
		}
		if (!xo->threaded)
			pthread_mutex_destroy(&xo->lock);
	}
	return SIAR_OK;
}

/* Stop the thread once it has written every block handed to it. */
static void stop_thread(struct xml_out *xo)
{
	if (!xo->threaded)
		return;
	pthread_mutex_lock(&xo->lock);
	xo->closing = true;
	pthread_cond_broadcast(&xo->cond);
	pthread_mutex_unlock(&xo->lock);
	pthread_join(xo->thread, NULL);
	pthread_cond_destroy(&xo->cond);
	pthread_mutex_destroy(&xo->lock);
	xo->threaded = false;
}

int xo_flush(struct xml_out *xo)
{
	if (!xo->cur)
		return xo->failed ? xo->failed : SIAR_ENOMEM;
	hand_on(xo);
	stop_thread(xo);
	if (xo->failed)
		return xo->failed;
	return xo->errnum ? SIAR_EIO : SIAR_OK;
}

void xo_close(struct xml_out *xo)
{
	size_t i;

	stop_thread(xo);
	for (i = 0; i < XO_BLOCKS; i++)
		free(xo->blocks[i]);
	if (xo->attr)
		xmlBufferFree(xo->attr);
	if (xo->doc)
		xmlFreeDoc(xo->doc);
	memset(xo, 0, sizeof(*xo));
}

int xo_errnum(const struct xml_out *xo)
{
	int errnum;

	if (!xo->threaded)
		return xo->errnum;
	pthread_mutex_lock((pthread_mutex_t *)&xo->lock);
	errnum = xo->errnum;
	pthread_mutex_unlock((pthread_mutex_t *)&xo->lock);
	return errnum;
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

void xo_start(struct xml_out *xo, const char *name)
{
	if (xo->failed)
		return;
	if (xo->depth == XO_DEPTH) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	close_start(xo, true);
	xo->names[xo->depth] = name;
	xo->open[xo->depth] = true;
	xo->depth++;
	indent(xo, xo->depth - 1);
	putc_(xo, '<');
	puts_(xo, name);
}

void xo_attr(struct xml_out *xo, const char *name, const char *value)
{
	const unsigned char *p = (const unsigned char *)value;

	if (xo->failed)
		return;
	if (!xo->depth || !xo->open[xo->depth - 1]) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	putc_(xo, ' ');
	puts_(xo, name);
	put(xo, "=\"", 2);
	while (*p && attr_plain(*p))
		p++;
	if (!*p) {
		put(xo, value, (size_t)(p - (const unsigned char *)value));
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

void xo_end(struct xml_out *xo)
{
	const char *name;

	if (xo->failed)
		return;
	if (!xo->depth) {
		xo->failed = SIAR_EINVAL;
		return;
	}
	name = xo->names[xo->depth - 1];
	if (xo->open[xo->depth - 1]) {
		xo->doindent = true;
		put(xo, "/>\n", 3);
	} else {
		if (xo->doindent)
			indent(xo, xo->depth - 1);
		xo->doindent = true;
		put(xo, "</", 2);
		puts_(xo, name);
		put(xo, ">\n", 2);
	}
	xo->depth--;
}
