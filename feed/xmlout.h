/*
 * The feed's XML writer (xmlout.c), private to feed.c and its test.
 */
#ifndef SIAR_FEED_XMLOUT_H
#define SIAR_FEED_XMLOUT_H

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>

#include "../common/siar.h"

#define XO_BUF	((size_t)64 << 10)
#define XO_DEPTH	16

/*
 * A document being written with xmlTextWriter's layout (see xmlout.c).
 * Like siar_buf, it keeps its first failure ('failed': SIAR_ENOMEM, or
 * SIAR_EINVAL for calls out of order) and then does nothing; a failed
 * write of the FILE is 'errnum'.
 */
struct xml_out {
	FILE *fp;
	char *buf;		/* XO_BUF bytes, written out when full */
	size_t len;
	const char *names[XO_DEPTH];	/* the open elements, outermost first */
	size_t name_lens[XO_DEPTH];	/* and the lengths of their names */
	bool open[XO_DEPTH];	/* start tag not yet closed with '>' */
	size_t depth;
	bool doindent;		/* the next end tag goes on a line of its own */
	xmlBufferPtr attr;	/* room for libxml2's attribute escaping */
	xmlDocPtr doc;		/* for that escaping: the encoding, UTF-8 */
	enum siar_rc failed;
	int errnum;		/* errno of the first failed write, 0 if none */
};

/*
 * Start writing to 'fp'. Returns SIAR_OK or SIAR_ENOMEM; either way
 * xo_close() releases what was allocated.
 */
int xo_open(struct xml_out *xo, FILE *fp);

/* The XML declaration. */
void xo_decl(struct xml_out *xo);

/*
 * A start tag; 'name' ('len' bytes) must stay valid until its xo_end() (a
 * constant). xo_start() works out the length, at compile time for a
 * constant.
 */
void xo_start_n(struct xml_out *xo, const char *name, size_t len);
#define xo_start(xo, name) xo_start_n((xo), (name), strlen(name))

/*
 * An attribute of the element just started, named 'name' ('len' bytes);
 * 'value' is escaped. xo_attr() works out the name's length.
 */
void xo_attr_n(struct xml_out *xo, const char *name, size_t len,
	       const char *value);
#define xo_attr(xo, name, value) xo_attr_n((xo), (name), strlen(name), (value))

/* Text in the current element, escaped. */
void xo_text(struct xml_out *xo, const char *text);

/* A CDATA section in the current element; 'text' must not hold "]]>". */
void xo_cdata(struct xml_out *xo, const char *text);

/*
 * xo_cdata() of "<p>" 'text' "</p>", without the copy that would take;
 * 'text' (of 'len' bytes) must not hold '>'.
 */
void xo_cdata_para(struct xml_out *xo, const char *text, size_t len);

/* The end of the current element: an end tag, or "/>" if it is empty. */
void xo_end(struct xml_out *xo);

/* errno of a write that failed so far, or 0. */
int xo_errnum(const struct xml_out *xo);

/*
 * Write out everything. Returns SIAR_OK, the first failure, or SIAR_EIO
 * when a write failed (xo_errnum() says why). The FILE is not flushed.
 */
int xo_flush(struct xml_out *xo);

/* Free everything (what was not flushed is lost). */
void xo_close(struct xml_out *xo);

#endif
