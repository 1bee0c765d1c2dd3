/*
 * feed: write a show's podcast feed (RSS 2.0 with Apple's itunes: tags and
 * the Podcasting 2.0 podcast: namespace) with libxml2's xmlTextWriter,
 * streaming the episodes from a catalogue cursor.
 *
 * Also sanitizes the HTML of show and episode descriptions (html.c, with
 * gumbo), for the writer to put in the feed.
 *
 * Reads the catalogue only through catalog.h. Writing to a file atomically
 * is the caller's business (see siar_atomic_open in common/siar.h).
 */
#ifndef SIAR_FEED_H
#define SIAR_FEED_H

#include "../catalog/catalog.h"
#include "../common/siar.h"

struct feed_opts {
	/* The feed's public URL, for atom:link rel="self"; NULL gives
	 * feed_default_url() of the show. */
	const char *self_url;
	/* Text of <generator>; NULL gives "siar VERSION". */
	const char *generator;
};

/* Prepare default options. Cannot fail. */
void feed_opts_init(struct feed_opts *opts);

/*
 * The URL a show's feed is published at when none is given: the show's
 * base URL followed by "/feed.xml". Returned string belongs to the caller;
 * NULL when memory runs out.
 */
char *feed_default_url(const struct catalog_show *show);

/*
 * The Podcasting 2.0 podcast:guid of a feed at 'feed_url': the UUIDv5
 * (namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6) of the URL without its
 * scheme ("https://", any "scheme://") and trailing slashes, nothing else
 * changed, as 36 lowercase characters. "https://podnews.net/rss/" and
 * "podnews.net/rss" give the same GUID.
 *
 * Returned string belongs to the caller; NULL when 'feed_url' is NULL or
 * nothing is left after the stripping, or memory runs out.
 */
char *feed_podcast_guid(const char *feed_url);

/*
 * The enclosure URL of an episode's media: the show's base URL, a slash,
 * and the file's base name percent-encoded (RFC 3986 unreserved bytes kept).
 * Returned string belongs to the caller; NULL when memory runs out.
 */
char *feed_media_url(const struct catalog_show *show, const char *media_path);

/*
 * Write the RSS feed of show 'slug' to 'out': every published episode
 * whose time has come (catalog_now), newest first. Output is deterministic:
 * the same catalogue gives the same bytes (lastBuildDate is the latest
 * change, not the clock).
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (no such show), SIAR_EIO (writing to
 * 'out' failed), SIAR_EDB or SIAR_ENOMEM. On failure part of the feed may
 * have been written to 'out'.
 */
int feed_write_rss(struct catalog *cat, const char *slug,
		   const struct feed_opts *opts, FILE *out,
		   struct siar_err *err);

/* ---- Description HTML ------------------------------------------------ */

/*
 * Producers paste descriptions from word processors and websites: keep
 * what podcast apps render, drop everything else.
 *
 * feed_html_sanitize: parse 'text' (any bytes; repaired to valid UTF-8
 * without XML-illegal control chars first) as an HTML fragment and append
 * to 'html' safe HTML: only the tags
 * p br a ul ol li strong b em i u blockquote h3 h4 code pre
 * (others are unwrapped: their text kept), with only href on <a> (http,
 * https and mailto only, case-insensitive, after trimming; other hrefs
 * dropped with the link kept as text) and no other attribute; script,
 * style, template, iframe, object, embed, noscript, head, title contents
 * dropped entirely; comments dropped; text escaped (& < > and " in
 * attributes) so the result never contains "]]>" and is well-formed
 * XHTML-ish (<br/>). Plain text without any tags becomes paragraphs:
 * blank-line separated blocks -> <p>...</p>, single newlines -> <br/>.
 * And append to 'plain' (may be NULL) the text content: tags removed,
 * block elements and <br> separated by newlines ("\n\n" between
 * paragraphs), entities decoded, runs of spaces collapsed, trimmed.
 * Returns SIAR_OK or SIAR_ENOMEM (buffer failure in 'html' or 'plain', or
 * gumbo failure).
 *
 * Limits: only the first 1 MiB of 'text' (cut on a UTF-8 boundary) and
 * its first 1024 tags are parsed; kept tags nest at most 64 deep (deeper
 * ones are unwrapped). Text with over 8192 attributes, or that would take
 * the parser over 32 MiB of memory (nested formatting tags are copied at
 * every new block, so a few kilobytes can ask for gigabytes), fails with
 * SIAR_ENOMEM with nothing appended. After a buffer failure, what was
 * appended before it stays. The same bytes always give the same output.
 */
int feed_html_sanitize(const char *text, size_t len, struct siar_buf *html,
		       struct siar_buf *plain, struct siar_err *err);

/*
 * True if 'text' contains anything that looks like an HTML tag or entity
 * (so callers know whether a description is rich text). Cannot fail.
 */
bool feed_html_has_markup(const char *text, size_t len);

#endif
