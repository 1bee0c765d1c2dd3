/*
 * feed: write a show's podcast feed (RSS 2.0 with Apple's itunes: tags and
 * the Podcasting 2.0 podcast: namespace) with libxml2's xmlTextWriter,
 * streaming the episodes from a catalogue cursor.
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
	/* Only the newest 'limit' episodes; 0: all. */
	size_t limit;
	/* Only episodes with this topic (name or slug); NULL: any. */
	const char *topic;
	/* Only episodes crediting this person (any role); NULL: any. */
	const char *person;
	/*
	 * Where the show's files are served from, instead of its stored
	 * base URL (a site built for another host); NULL: the stored one.
	 */
	const char *base_url;
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
 * The URL the feed written with 'opts' is published at: opts->self_url
 * when given; for a topic's or a person's feed the show's base URL
 * followed by "/topics/NAME/feed.xml" or "/people/NAME/feed.xml" (NAME
 * percent-encoded as given); else feed_default_url(). Caller frees; NULL
 * when memory runs out. 'opts' may be NULL.
 */
char *feed_self_url(const struct catalog_show *show,
		    const struct feed_opts *opts);

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
 * The public URL of a file published beside the feed (media, renditions,
 * transcripts, images): the show's base URL, a slash, and the file's base
 * name percent-encoded (RFC 3986 unreserved bytes kept). The site builder
 * puts each file at that name. Returned string belongs to the caller;
 * NULL when memory runs out.
 */
char *feed_file_url(const struct catalog_show *show, const char *path);

/* The enclosure URL of an episode's media: feed_file_url() of it. */
char *feed_media_url(const struct catalog_show *show, const char *media_path);

/*
 * The show's artwork URL: 'image' when set (hosted elsewhere), else
 * feed_file_url() of 'image_path', else NULL. Caller frees; NULL also
 * when memory runs out (then 'show' has artwork: check it).
 */
char *feed_show_image_url(const struct catalog_show *show);

/*
 * Where an episode's chapters JSON file lives, relative to the feed's
 * folder: "chapters/GUID.json". Caller frees; NULL when memory runs out.
 */
char *feed_chapters_name(const struct catalog_episode *ep);

/* Its public URL: the show's base URL, a slash, feed_chapters_name(). */
char *feed_chapters_url(const struct catalog_show *show,
			const struct catalog_episode *ep);

/*
 * Write the chapters of 'ep' as a Podcasting 2.0 chapters file (JSON,
 * version 1.2.0: startTime and endTime in seconds, title) to 'out'.
 * Deterministic. Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int feed_write_chapters(const struct catalog_show *show,
			const struct catalog_episode *ep, FILE *out,
			struct siar_err *err);

/*
 * Write the chapters file of every live episode of show 'slug' that has
 * chapters (and matches 'opts' filters) into 'dir'/chapters/, each
 * atomically and only when its content changed. '*n_written' (may be
 * NULL) receives how many files were (re)written. Returns SIAR_OK,
 * SIAR_ENOTFOUND, SIAR_EIO, SIAR_EDB or SIAR_ENOMEM.
 */
int feed_write_chapter_files(struct catalog *cat, const char *slug,
			     const struct feed_opts *opts, const char *dir,
			     size_t *n_written, struct siar_err *err);

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

/*
 * The whole seconds itunes:duration carries for 'duration_ms': rounded
 * half up, and a non-zero duration is never 0. The JSON Feed and the
 * site use it too, so every output agrees. Cannot fail.
 */
int64_t feed_duration_seconds(int64_t duration_ms);

/* ---- JSON Feed (feed/jsonfeed.c) ---------------------------------------- */

/*
 * Write the JSON Feed 1.1 of show 'slug' (feed-spec §7) to 'out': the
 * same episodes as feed_write_rss() with the same 'opts', in the same
 * order, with the same IDs (the RSS guid), sizes (the enclosure length)
 * and durations (feed_duration_seconds), dates in RFC 3339 in the show's
 * zone, topics as tags, every file of an episode (its media, then its
 * renditions) as attachments, and the Podcasting 2.0 details in a
 * "_podcast" extension. The feed sits at BASE/feed.json and each item's
 * page at BASE/feed_episode_page_name(), BASE being opts->base_url or
 * else the show's. Deterministic.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (no such show, topic or person),
 * SIAR_EIO (writing to 'out' failed), SIAR_EDB or SIAR_ENOMEM. On failure
 * part of the feed may have been written.
 */
int feed_write_json(struct catalog *cat, const char *slug,
		    const struct feed_opts *opts, FILE *out,
		    struct siar_err *err);

/*
 * The file name of an episode's page in a built site, in its show's
 * folder: "episode-ID.html". It depends on the ID alone, so a page keeps
 * its address when the title is edited. Caller frees; NULL when memory
 * runs out.
 */
char *feed_episode_page_name(const struct catalog_episode *ep);

/* ---- Interface strings (feed/strings.c) --------------------------------- */

/* The languages the site's interface is written in. */
enum feed_lang {
	FEED_LANG_ID,		/* Indonesian, the default */
	FEED_LANG_EN,
};

#define FEED_N_LANGS 2

/* One interface string in every language; the table is static. */
struct feed_string {
	const char *key;	/* [a-z0-9_], used as {{t.KEY}} in templates */
	const char *text[FEED_N_LANGS];
};

/* The table of every interface string; '*n' receives its length. */
const struct feed_string *feed_strings(size_t *n);

/* The text of 'key' in 'lang', or NULL for an unknown key. Cannot fail. */
const char *feed_str(enum feed_lang lang, const char *key);

/*
 * The interface language for a BCP 47 tag: "id", "id-ID" and "in" are
 * Indonesian, "en" and "en-*" English. False (and '*out' untouched) for
 * any other tag or NULL. Cannot fail.
 */
bool feed_lang_parse(const char *tag, enum feed_lang *out);

/* "id" or "en". Cannot fail. */
const char *feed_lang_code(enum feed_lang lang);

/*
 * Append the date of 'unix_s' in zone 'tz' as people write it in 'lang':
 * "12 Januari 2025", "12 January 2025". Returns SIAR_OK or SIAR_EINVAL
 * (unknown zone, time out of range).
 */
int feed_format_date(struct siar_buf *b, int64_t unix_s, const char *tz,
		     enum feed_lang lang, struct siar_err *err);

/* Append a duration as "4:05" or "1:02:03" (feed_duration_seconds). */
void feed_format_duration(struct siar_buf *b, int64_t duration_ms);

/* ---- HTML templates (feed/template.c) ----------------------------------- */

/*
 * A tiny template language for the site's pages, which escapes every value
 * by default:
 *
 *	{{name}}		the value, HTML-escaped (& < > " ')
 *	{{{name}}}		the value unescaped, but only a value set with
 *				feed_tpl_set_html(); any other is escaped
 *	{{#name}}...{{/name}}	repeated for each item of a list, once for a
 *				true, non-empty or object value, else skipped
 *	{{^name}}...{{/name}}	once when 'name' is missing, false or empty
 *	{{>name}}		the template 'name' or 'name'.html (a partial)
 *	{{! comment }}
 *
 * Names may be dotted ("t.subscribe") and are looked up from the innermost
 * section outwards; a missing name gives nothing. A line holding only a
 * section, comment or partial tag leaves no blank line behind.
 *
 * Templates are checked for where each value lands when they are compiled:
 * a value may go in text or in a quoted attribute, never into a tag name,
 * an unquoted attribute, a comment, <script> or <style>, an on* event, a
 * style attribute or srcdoc. A value that starts the value of a URL attribute (href,
 * src, poster, action, cite...), or that was set with feed_tpl_set_url(),
 * is written only when it is an http, https or mailto URL or a relative
 * one (no scheme, no white space or controls); otherwise it is dropped.
 * A section must close where it opened, so skipping it cannot change
 * what follows. {{{raw}}} and partials are allowed in text only.
 */

/* A template's source: name (e.g. "show.html") and text. */
struct feed_tpl_source {
	const char *name;
	const char *text;
	size_t len;
};

/* The templates compiled into siar from feed/templates/, and their count. */
const struct feed_tpl_source *feed_tpl_builtin(size_t *n);

struct feed_tpls;

/*
 * Compile the 'n' templates of 'src' (borrowed: they must outlive
 * '*out'). Every partial a template names must be among them. On success
 * '*out' is freed with feed_tpls_free(); on failure it is NULL. Returns
 * SIAR_OK, SIAR_EINVAL ("template 'NAME' line N: WHY") or SIAR_ENOMEM.
 */
int feed_tpls_new(struct feed_tpls **out, const struct feed_tpl_source *src,
		  size_t n, struct siar_err *err);

/* Free 't'; NULL is allowed. */
void feed_tpls_free(struct feed_tpls *t);

/*
 * The values a template is rendered with: an object whose names hold
 * text, HTML, URLs, booleans, objects and lists of objects. Everything
 * set in it, and in the objects reached from it, is copied into memory
 * owned by the object made with feed_tpl_data_new() and freed with it.
 * Setting a name again replaces its value. A setter that runs out of
 * memory records it, and feed_tpl_render() reports it.
 */
struct feed_tpl_data;

/* A new, empty object; NULL when memory runs out. */
struct feed_tpl_data *feed_tpl_data_new(void);

/* Free 'd' and everything made from it; NULL is allowed. */
void feed_tpl_data_free(struct feed_tpl_data *d);

/* Text, escaped wherever it lands; NULL leaves 'key' missing. */
void feed_tpl_set(struct feed_tpl_data *d, const char *key, const char *text);

/* Text formatted with printf. */
void feed_tpl_setf(struct feed_tpl_data *d, const char *key, const char *fmt,
		   ...) SIAR_PRINTF(3, 4);

/* Pre-sanitised HTML, for {{{key}}}; NULL leaves 'key' missing. */
void feed_tpl_set_html(struct feed_tpl_data *d, const char *key,
		       const char *html);

/* A URL, checked (see above) wherever it lands; NULL: missing. */
void feed_tpl_set_url(struct feed_tpl_data *d, const char *key,
		      const char *url);

void feed_tpl_set_bool(struct feed_tpl_data *d, const char *key, bool b);

/*
 * The object held by 'key', made (empty) if 'key' holds none. Belongs to
 * 'd'. NULL when memory runs out.
 */
struct feed_tpl_data *feed_tpl_obj(struct feed_tpl_data *d, const char *key);

/*
 * Append a new, empty object to the list 'key' (made if missing) and
 * return it. Belongs to 'd'. NULL when memory runs out.
 */
struct feed_tpl_data *feed_tpl_add(struct feed_tpl_data *d, const char *key);

/*
 * Render template 'name' of 't' with 'data', appending to 'out'. Returns
 * SIAR_OK, SIAR_ENOTFOUND (no template 'name'), SIAR_EINVAL (partials
 * nested too deep) or SIAR_ENOMEM (also when a setter of 'data' ran out of
 * memory, or 'out' is full).
 */
int feed_tpl_render(const struct feed_tpls *t, const char *name,
		    const struct feed_tpl_data *data, struct siar_buf *out,
		    struct siar_err *err);

/*
 * Append 's' to 'b' escaped for HTML text and quoted attributes: & < > "
 * and ' become entities, and C0 controls other than tab, newline and
 * carriage return are dropped. Invalid UTF-8 becomes U+FFFD.
 */
void feed_html_escape(struct siar_buf *b, const char *s);

/*
 * True if 'url' may go into an href or src: http, https or mailto (any
 * case), or relative (no scheme); never with white space or controls.
 */
bool feed_url_safe(const char *url);

/* ---- Static site (feed/site.c) ------------------------------------------- */

struct feed_site_opts {
	/*
	 * The public URL of the site's folder: each show is then at
	 * BASE_URL/SLUG/ and its feeds use that (feed_opts.base_url). NULL:
	 * each show's stored base URL is taken to be its folder's URL.
	 */
	const char *base_url;
	/* The interface language; NULL: each show's language, else "id". */
	const char *lang;
	/* Write every file afresh instead of keeping unchanged ones. */
	bool force;
	/* Text of the feeds' <generator>; NULL gives "siar VERSION". */
	const char *generator;
};

/* Prepare default options. Cannot fail. */
void feed_site_opts_init(struct feed_site_opts *opts);

/* What feed_build_site() did. */
struct feed_site_stats {
	size_t n_shows;
	size_t n_episodes;	/* live episodes, over every show */
	size_t n_files;		/* files in the site */
	size_t n_written;	/* files written because they changed */
	size_t n_media_linked;	/* media hard-linked in this build */
	size_t n_media_copied;	/* media copied (another file system) */
	size_t n_removed;	/* files of the last build no longer there */
};

/*
 * Build the static site of every show into the folder 'outdir': per show
 * SLUG/feed.xml, SLUG/feed.json, SLUG/chapters/, the show's pages
 * (index.html, page-N.html, one per episode), its media, images and
 * transcripts (hard links where possible, else copies); the home page,
 * topics/ and people/ pages, embed/SLUG.html, shows.opml, style.css and
 * site.js. See README, "The static site".
 *
 * The site is built in 'outdir'.new beside it, starting from hard links
 * to the files of the last build; each generated file is rewritten only
 * when its content changed, files no longer generated are removed, and
 * the new folder is swapped in with renameat2(RENAME_EXCHANGE) (two
 * renames where that is missing), so a web server never serves half a
 * site. 'outdir'.lock keeps two builds apart. An 'outdir' that exists,
 * is not empty and was not built by siar (no .siar-site file in it) is
 * refused. 'stats' (may be NULL) receives the counts.
 *
 * Returns SIAR_OK, SIAR_EINVAL (a bad option, an 'outdir' siar did not
 * build, two different files of a show with the same name: 'err' names
 * both), SIAR_EIO (a file could not be read or written; 'err' names it),
 * SIAR_EDB or SIAR_ENOMEM. On failure 'outdir' is as it was.
 */
int feed_build_site(struct catalog *cat, const char *outdir,
		    const struct feed_site_opts *opts,
		    struct feed_site_stats *stats, struct siar_err *err);

/* ---- Checks before publishing (siar lint) ------------------------------ */

enum feed_lint_level {
	FEED_LINT_ERROR,	/* the feed must not go out like this */
	FEED_LINT_WARNING,	/* worth fixing; apps cope */
};

/* One problem found by feed_lint(); the strings are borrowed for the call. */
struct feed_lint_problem {
	enum feed_lint_level level;
	const char *rule;	/* a stable short name: "artwork-size" */
	const char *where;	/* "show 'SLUG'" or "episode ID 'TITLE'" */
	const char *message;	/* one line, no trailing period */
};

typedef int (*feed_lint_fn)(const struct feed_lint_problem *p, void *ctx,
			    struct siar_err *err);

/* What a file on disk measures, for the checks that need the file. */
struct feed_file_facts {
	bool exists;		/* false: none of the rest is set */
	int64_t size_bytes;
	int64_t duration_ms;	/* media; 0 if unknown or not asked for */
	int width;		/* images and video; 0 if unknown */
	int height;
	char format[16];	/* images: "jpeg", "png", other; "" if unknown */
};

/*
 * Measure 'path' into 'out' (zeroed by the caller). 'want_duration' asks
 * for a media file's duration, which may mean decoding it. A file that
 * does not exist is SIAR_OK with out->exists false; any other failure is
 * returned and stops the checks. feed/ does not probe media itself: cli/
 * passes a function that asks media/.
 */
typedef int (*feed_measure_fn)(const char *path, bool want_duration,
			       struct feed_file_facts *out, void *ctx,
			       struct siar_err *err);

struct feed_lint_opts {
	/* Filters and self URL of the feed being checked; NULL: defaults. */
	const struct feed_opts *feed;
	/* Measures files; NULL: skip the checks that need the files. */
	feed_measure_fn measure;
	void *measure_ctx;
	/* The feed as last published (a file), to compare with; or NULL. */
	const char *previous_path;
};

/*
 * Check show 'slug' and the feed feed_write_rss() would write for it
 * against feed-spec.md's rules, calling 'fn' once per problem, show first,
 * then episodes newest first, then the comparison with the previous feed.
 * '*n_errors' and '*n_warnings' (may be NULL) receive the counts. Memory
 * stays small with many episodes (duplicates are found by hash).
 *
 * Returns SIAR_OK whatever was found (the counts say), what 'fn'
 * returned, SIAR_ENOTFOUND (no such show), SIAR_EINVAL (the previous feed
 * is not a readable RSS file: 'err' names it), SIAR_EDB or SIAR_ENOMEM.
 */
int feed_lint(struct catalog *cat, const char *slug,
	      const struct feed_lint_opts *opts, feed_lint_fn fn, void *ctx,
	      size_t *n_errors, size_t *n_warnings, struct siar_err *err);

#endif
