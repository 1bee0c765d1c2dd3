/*
 * feed: write a show's podcast feed (RSS 2.0 with Apple's itunes: tags and
 * the Podcasting 2.0 podcast: namespace) in xmlTextWriter's layout with
 * libxml2's escaping, streaming the episodes from a catalogue cursor to a
 * writer thread; and import another
 * host's feed into the catalogue (libxml2's parser, libcurl for URLs).
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

struct feed_check;

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
	/*
	 * feed_write_rss() only: check the feed as it is written (see
	 * struct feed_check); NULL: no checks.
	 */
	struct feed_check *check;
};

/* Prepare default options. Cannot fail. */
void feed_opts_init(struct feed_opts *opts);

/*
 * Let go of what feed/ set up for the whole process (libxml2's parser,
 * if a command loaded it), for the end of main(). Cannot fail.
 */
void feed_cleanup(void);

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
 * puts each file at that name. A file kept elsewhere ('path' is a URL,
 * catalog_path_remote) is its URL, unchanged. Returned string belongs to
 * the caller; NULL when memory runs out.
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
 * folder: "chapters/GUID.json" (a GUID that is not a short run of
 * unreserved characters by the first 32 hex digits of its SHA-256).
 * Caller frees; NULL with 'err' set when memory runs out or libcrypto
 * cannot be loaded.
 */
char *feed_chapters_name(const struct catalog_episode *ep,
			 struct siar_err *err);

/* Its public URL: the show's base URL, a slash, feed_chapters_name(). */
char *feed_chapters_url(const struct catalog_show *show,
			const struct catalog_episode *ep,
			struct siar_err *err);

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
 * change, not the clock). The items are written on a thread of the
 * function's own, which it joins before returning; 'out' is only ever
 * written by one thread at a time.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (no such show), SIAR_EIO (writing to
 * 'out' failed), SIAR_EDB or SIAR_ENOMEM. On failure part of the feed may
 * have been written to 'out'. With opts->check, errors of the checks do
 * not make it fail: they are counted there.
 */
int feed_write_rss(struct catalog *cat, const char *slug,
		   const struct feed_opts *opts, FILE *out,
		   struct siar_err *err);

/* ---- Importing another host's feed (feed/import.c, feed/fetch.c) ------- */

/* The largest feed an import reads: 64 MiB. */
#define FEED_IMPORT_MAX_BYTES ((size_t)64 << 20)

/*
 * Fetch 'url' (http:// or https:// only, also after redirects, at most 5)
 * into 'out', an initialised buffer, refusing more than 'max_bytes'. Gives
 * up after 10 s without a connection or 120 s in all. Returns SIAR_OK,
 * SIAR_EINVAL (not an http(s) URL; larger than 'max_bytes'), SIAR_EIO (no
 * connection, a timeout, HTTP status 400 or more: 'err' names the URL and
 * the cause in one line) or SIAR_ENOMEM. On failure 'out' may hold part of
 * the body.
 */
int feed_fetch(const char *url, size_t max_bytes, struct siar_buf *out,
	       struct siar_err *err);

/*
 * Download 'url' as feed_fetch() does, into the stream 'out' (flushed at
 * the end), refusing more than 'max_bytes'. There is no limit on the
 * whole time, but a transfer slower than 1 KiB/s for a minute gives up.
 * Returns as feed_fetch(); SIAR_EIO also when writing to 'out' fails. On
 * failure 'out' may hold part of the file.
 */
int feed_fetch_file(const char *url, uint64_t max_bytes, FILE *out,
		    struct siar_err *err);

/* What a conditional fetch learnt of the feed. */
struct feed_fetch_result {
	long status;		/* 200, 304 ... */
	bool not_modified;	/* 304: the body is empty, nothing changed */
	char *etag;		/* the answer's ETag, or NULL */
	char *last_modified;	/* its Last-Modified, or NULL */
};

/* Free what 'res' owns and empty it. */
void feed_fetch_result_release(struct feed_fetch_result *res);

/*
 * feed_fetch() with the validators of the last answer: 'etag' (may be
 * NULL) as If-None-Match and 'last_modified' (may be NULL) as
 * If-Modified-Since, so a server with nothing new answers 304 and sends
 * nothing. 'timeout_s' is the whole transfer's limit (0: 120 s). Fills
 * 'res' (initialised or not; release it) when the server answered below
 * 400. Returns as feed_fetch().
 */
int feed_fetch_conditional(const char *url, size_t max_bytes, long timeout_s,
			   const char *etag, const char *last_modified,
			   struct siar_buf *out, struct feed_fetch_result *res,
			   struct siar_err *err);

/*
 * An itunes:duration (or psc:chapter start) in milliseconds: seconds
 * ("3723", "3723.5"), "MM:SS", "H:MM:SS" or "HH:MM:SS", the last part
 * with an optional fraction ("59:12.25"). Surrounding white space is
 * ignored. False, '*ms' untouched, for anything else. Cannot fail.
 */
bool feed_parse_duration(const char *text, int64_t *ms);

/*
 * A feed's date as a Unix time: RFC 2822 as pubDate has it, "Wed, 02 Oct
 * 2002 13:00:00 GMT" (weekday optional and not checked, day of one or two
 * digits, English month names long or short, 2- or 4-digit year, seconds
 * optional, zone +hhmm/-hhmm, UT, GMT, Z, US zone names or none for UTC),
 * or RFC 3339 / ISO 8601 as dc:date has it ("2002-10-02T13:00:00+07:00",
 * "2002-10-02"). False, '*unix_s' untouched, for anything else or a date
 * that does not exist (31 April). Cannot fail.
 */
bool feed_parse_date(const char *text, int64_t *unix_s);

enum feed_import_status {
	FEED_IMPORT_ADDED,
	FEED_IMPORT_UPDATED,
	FEED_IMPORT_UNCHANGED,
	FEED_IMPORT_SKIPPED,
};

/* "added", "updated", "unchanged" or "skipped". Cannot fail. */
const char *feed_import_status_name(enum feed_import_status status);

/* What became of one item of the feed; strings borrowed for the call. */
struct feed_import_item {
	size_t index;		/* its place in the feed, from 1 */
	enum feed_import_status status;
	int64_t id;		/* the episode; 0 if skipped, or added by a
				 * dry run */
	const char *guid;	/* NULL if it had none and no enclosure */
	const char *title;	/* never NULL: its title or a stand-in */
	unsigned changed;	/* enum catalog_import_fields, when updated */
	const char *reason;	/* why it was skipped; NULL otherwise */
};

typedef int (*feed_import_item_fn)(const struct feed_import_item *item,
				   void *ctx, struct siar_err *err);

/*
 * A problem that did not stop anything, in one line ("item 3 'Title':
 * bad itunes:duration 'abc', left out"). Borrowed for the call.
 */
typedef void (*feed_import_warn_fn)(const char *message, void *ctx);

/*
 * Measure the media file 'path', just downloaded for the new episode 'ep',
 * and set the media fields of 'ep' from what was measured (media_mime,
 * media_kind, media_sha256, media_size_bytes, duration_ms ...), freeing
 * the strings it replaces and setting allocated ones, which 'ep' then
 * owns. feed/ does not probe media itself: cli/ passes a function that
 * asks media/. Returns SIAR_OK or the failure, which skips the item.
 */
typedef int (*feed_import_probe_fn)(const char *path,
				    struct catalog_episode *ep, void *ctx,
				    struct siar_err *err);

struct feed_import_opts {
	const char *show_slug;	/* required; the show is made if new */
	const char *actor;	/* who imports, for the log; required */
	bool dry_run;		/* report what would happen; change nothing */
	size_t max_bytes;	/* largest feed; 0: FEED_IMPORT_MAX_BYTES */
	/*
	 * Download each new episode's enclosure into this folder (which
	 * must exist; an absolute path) and keep it there, measured by
	 * 'probe'; NULL: the media stays where the feed has it.
	 */
	const char *media_dir;
	feed_import_probe_fn probe;
	void *probe_ctx;
	feed_import_item_fn on_item;	/* each item, in feed order; or NULL */
	feed_import_warn_fn on_warning;	/* or NULL */
	void *ctx;			/* for on_item and on_warning */
};

/* Prepare empty options. Cannot fail. */
void feed_import_opts_init(struct feed_import_opts *opts);

struct feed_import_summary {
	bool show_created;
	bool feed_guid_set;	/* the show took the feed's podcast:guid */
	char show_filled[256];	/* fields of an existing show that were
				 * empty and came from the feed: "image,
				 * link"; "" if none */
	size_t added, updated, unchanged, skipped;
};

/*
 * Import the podcast RSS feed at 'source', a file or an http(s) URL
 * (feed_fetch), into show opts->show_slug, in one transaction.
 *
 * The feed is parsed with libxml2 without network access, without loading
 * DTDs and without expanding entities: a feed that declares an entity is
 * refused, so neither an external entity (file://, http://) nor an
 * expansion bomb gets anywhere. A feed larger than opts->max_bytes is
 * refused, and so is what is not XML, not RSS 2.0, or an Atom feed
 * (YouTube's carry no media files to import).
 *
 * A new show is made from the channel (title, description, author,
 * language, Apple category and subcategory, image, owner, link, explicit,
 * type, copyright, medium, update frequency, hosts), with the base URL the
 * folder its enclosures share, else its link. An existing show only gets
 * the fields it lacks. The feed's podcast:guid (either namespace URI)
 * becomes the show's (catalog_show_set_feed_guid); a new show without one
 * gets the GUID of the feed's own URL.
 *
 * Each item goes through catalog_episode_import() with its GUID byte for
 * byte (else its enclosure URL), title, description (content:encoded
 * first, HTML kept), pubDate, enclosure, duration, season and episode
 * (itunes: or podcast:), type, explicit flag, image, people, transcripts,
 * chapters (podcast:chapters by URL, psc:chapters as the episode's own),
 * <category> as topics, and audio and video podcast:alternateEnclosure
 * sources as renditions, all files staying at their URLs unless
 * opts->media_dir is given. An item without an enclosure, without a date
 * or with one that cannot be read, or repeating an earlier GUID, is
 * skipped; so is one the catalogue refuses (its message is the reason).
 * An episode number already taken is dropped with a warning.
 *
 * opts->on_item hears of every item after the transaction committed (or,
 * in a dry run, was undone). 'out' receives the counts. Returns SIAR_OK
 * (items may have been skipped: the counts say), SIAR_ENOTFOUND (no file
 * at 'source'), SIAR_EINVAL (not a feed siar imports, too large, a bad
 * show slug ...), SIAR_EIO (cannot read or fetch 'source'), what a
 * callback returned, SIAR_EDB or SIAR_ENOMEM; 'err' names 'source' in one
 * line. On failure nothing was imported and every file downloaded for
 * the import is removed again.
 */
int feed_import(struct catalog *cat, const char *source,
		const struct feed_import_opts *opts,
		struct feed_import_summary *out, struct siar_err *err);

/*
 * feed_import() of a feed already in memory: 'len' bytes at 'data', called
 * 'name' in messages.
 */
int feed_import_memory(struct catalog *cat, const char *name,
		       const char *data, size_t len,
		       const struct feed_import_opts *opts,
		       struct feed_import_summary *out, struct siar_err *err);

/* ---- Following other offices' shows (feed/follow.c) ---------------------- */

struct feed_refresh_result {
	bool not_modified;	/* the server answered 304: nothing to do */
	struct feed_import_summary summary;	/* what the import did */
};

/*
 * Follow the feed at 'url' as show opts->show_slug: fetch it, import it
 * (making the show when it is new, see feed_import) and remember the URL
 * and the answer's validators, all in one transaction. 'timeout_s' limits
 * the fetch (0: 120 s). Fills 'out'. Returns as feed_import(), and
 * SIAR_EINVAL for a URL that is not http(s).
 */
int feed_follow(struct catalog *cat, const char *url,
		const struct feed_import_opts *opts, long timeout_s,
		struct feed_refresh_result *out, struct siar_err *err);

/*
 * Refresh the followed show 'slug' (opts->show_slug is ignored): ask its
 * feed again with the validators of the last answer; on 304 nothing
 * changes, otherwise the feed is imported again (only what is new or
 * changed is touched) and its new validators kept. Either way the time is
 * recorded, and a failure is kept as the follow's last error. Fills
 * 'out'. Returns SIAR_OK, SIAR_ENOTFOUND ("show 'SLUG' is not followed"),
 * or the failure of the fetch or the import.
 */
int feed_refresh(struct catalog *cat, const char *slug,
		 const struct feed_import_opts *opts, long timeout_s,
		 struct feed_refresh_result *out, struct siar_err *err);
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

/* "error" or "warning". Cannot fail. */
const char *feed_lint_level_name(enum feed_lint_level level);

/* One problem found by feed_lint(); the strings are borrowed for the call. */
struct feed_lint_problem {
	enum feed_lint_level level;
	const char *rule;	/* a stable short name: "artwork-size" */
	const char *where;	/* "show 'SLUG'" or "episode ID 'TITLE'" */
	const char *message;	/* one line, no trailing period */
};

typedef int (*feed_lint_fn)(const struct feed_lint_problem *p, void *ctx,
			    struct siar_err *err);

/*
 * The checks feed_write_rss() runs while it writes, when feed_opts.check
 * points here: feed_lint()'s catalogue checks without files, on the show
 * and then on each episode as it is written, errors only, each reported
 * through 'fn' with 'ctx'. 'n_errors' receives their count. The feed is
 * written whole all the same, so the errors of every episode are found:
 * a caller that got any must throw the output away, as cli/ does (a
 * temporary file not renamed, or standard output cut back). One walk
 * instead of feed_lint()'s and then the writer's.
 */
struct feed_check {
	feed_lint_fn fn;
	void *ctx;
	size_t n_errors;
};

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
 * for a media file's duration, which may mean reading all of it. Width,
 * height and format are wanted for pictures (the show's artwork, asked
 * for without a duration): a function may fill them only for files whose
 * first bytes are a JPEG or PNG signature. A file that does not exist is
 * SIAR_OK with out->exists false; one that exists but cannot be measured
 * is SIAR_OK with what is unknown left 0; any other failure is returned
 * and stops the checks. feed/ does not probe media itself: cli/ passes a
 * function that asks media/.
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
 * '*n_errors' and '*n_warnings' (may be NULL) receive the counts, also
 * on failure (what was found until then). Memory does not grow with the
 * episodes: the catalogue finds the duplicates before the walk
 * (catalog_episode_duplicates, sorting on disk when it must), and only
 * the duplicates and the previous feed's items are held. 'opts' may be
 * NULL (no filters, no files, no previous feed).
 *
 * Rules and their names are listed in README.md ("Checks before
 * publishing"). The previous feed is read without the network and
 * without loading or expanding external entities; it may be at most
 * 256 MiB.
 *
 * Returns SIAR_OK whatever was found (the counts say), what 'fn' or the
 * measure function returned, SIAR_ENOTFOUND (no such show, or a topic or
 * person of the filter), SIAR_EINVAL (the previous feed is not a
 * readable RSS file: 'err' names it, "not an RSS feed: 'PATH'" when it is
 * XML but not RSS; nothing was reported yet), SIAR_EDB or SIAR_ENOMEM.
 */
int feed_lint(struct catalog *cat, const char *slug,
	      const struct feed_lint_opts *opts, feed_lint_fn fn, void *ctx,
	      size_t *n_errors, size_t *n_warnings, struct siar_err *err);

/* ---- Reports of publishing rhythm (siar report) -------------------------- */

enum feed_report_format {
	FEED_REPORT_TEXT,
	FEED_REPORT_MD,
	FEED_REPORT_CSV,
	FEED_REPORT_JSON,
	FEED_REPORT_HTML,
};

struct feed_report_opts {
	enum feed_report_format format;
	const char *lang;	/* "id" (default) or "en": labels */
};

/* Defaults: text, Indonesian. Cannot fail. */
void feed_report_opts_init(struct feed_report_opts *opts);

/* "text", "md", "csv", "json", "html" into '*out': SIAR_OK or SIAR_EINVAL. */
int feed_report_format_parse(const char *name, enum feed_report_format *out);

/*
 * Write the reports of 'n' shows (from catalog_show_report(), same period)
 * to 'out' in opts->format: each show's rhythm, output, guests, topics and
 * review queue, and a summary with one row per office, grouped by region,
 * with the offices that are overdue marked. Every format carries the same
 * figures; HTML is one self-contained page with an SVG publication
 * calendar per show, laid out for A4. Dates are the shows' local dates.
 * Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int feed_write_report(const struct catalog_show_report *reports, size_t n,
		      const struct feed_report_opts *opts, FILE *out,
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
 * Text with tags but no block tags (p, div, br, lists, headings ...)
 * keeps its blank-line separated blocks as paragraphs too.
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
 * True if 'text' (NUL-terminated at 'len') is one line of text that
 * feed_html_sanitize() leaves as it is: valid UTF-8 without controls, no
 * '<', '>' or '&', no white space but single spaces between words,
 * nothing XML cannot carry. Its plain form is then 'text' itself and its
 * HTML "<p>text</p>": the description of nearly every episode, which the
 * feed writes without sanitising it. Cannot fail.
 */
bool feed_html_simple(const char *text, size_t len);

/*
 * True if 'text' contains anything that looks like an HTML tag or entity
 * (so callers know whether a description is rich text). Cannot fail.
 */
bool feed_html_has_markup(const char *text, size_t len);
/* ---- Serving a site over HTTP (feed/serve.c) --------------------------- */

/*
 * 'siar serve': an HTTP/1.1 static file server for a published site, for
 * an office without a web server. libmicrohttpd parses requests, keeps
 * connections alive and sends file bodies with sendfile(); feed/serve.c
 * chooses the file (never one outside the site), its type, its validators,
 * conditional requests (RFC 7232), byte ranges (RFC 7233) and gzip.
 *
 * Every request opens the site folder and the file again, so a site rebuilt
 * and renamed into place is served at once. Only compressed bodies are
 * kept between requests, keyed by path and ETag.
 */

/*
 * One finished request, for an access log. Every pointer is borrowed for
 * the duration of the callback.
 */
struct feed_serve_log {
	const char *client;  /* numeric address: "127.0.0.1", "::1" */
	const char *method;  /* as sent: "GET" */
	const char *target;  /* as sent, query included; any bytes */
	const char *version; /* "HTTP/1.1" */
	unsigned status;     /* 200, 206, 304, 404, ... */
	uint64_t body_bytes; /* body bytes of the response; 0 for HEAD */
	double elapsed_ms;   /* from the request line to the response sent */
	int64_t time_unix;   /* when the request line came */
};

struct feed_server_opts {
	const char *root;	 /* the folder to serve; default "site" */
	const char *bind_addr;	 /* numeric IPv4 or IPv6; default 127.0.0.1 */
	unsigned port;		 /* default 8080; 0 picks a free port */
	unsigned threads;	 /* worker threads; 0: one per CPU */
	size_t gzip_cache_bytes; /* compressed bodies kept; default 32 MiB */
	/*
	 * Called once the server listens, before any request is handled,
	 * with its URL ("http://127.0.0.1:8080/"). May be NULL.
	 */
	void (*on_ready)(void *arg, const char *url);
	/*
	 * Called after each request from the server's threads, several at a
	 * time, so it must be thread-safe. NULL: no access log. Requests that
	 * libmicrohttpd refuses before they reach siar (a malformed request
	 * line, headers too large) are not reported.
	 */
	void (*on_request)(void *arg, const struct feed_serve_log *entry);
	void *arg; /* passed to both callbacks */
};

/* Prepare default options. Cannot fail. */
void feed_server_opts_init(struct feed_server_opts *opts);

/*
 * Serve the files under opts->root over HTTP until the process receives
 * SIGINT or SIGTERM, then stop and return SIAR_OK. The two signals are
 * blocked in the calling thread (and so in every server thread) while it
 * runs, and the caller's signal mask is put back before it returns.
 *
 * GET and HEAD are answered; any other method gets 405. See siar(1) for
 * what is served and how.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (opts->root is missing or not a folder),
 * SIAR_EINVAL (opts->bind_addr is not a numeric address, or the port is
 * above 65535), SIAR_EIO (cannot
 * listen: the port is in use, the address is not this machine's, ...,
 * 'err' naming the address and port) or SIAR_ENOMEM.
 */
int feed_serve(const struct feed_server_opts *opts, struct siar_err *err);

/*
 * The Content-Type for the file at 'path', from its extension (any case):
 * "audio/mpeg" for .mp3, ...; a file named "feed.xml" is
 * "application/rss+xml" and "feed.json" "application/feed+json".
 * "application/octet-stream" for anything unknown. A static string; cannot
 * fail.
 */
const char *feed_serve_mime_type(const char *path);

/*
 * True if the file at 'path' is text worth sending gzipped: HTML, XML,
 * JSON, CSS, JavaScript, SVG, plain text, WebVTT, OPML. Cannot fail.
 */
bool feed_serve_compressible(const char *path);

/* The longest path below the root that is served, in bytes. */
#define FEED_SERVE_PATH_MAX 1024

/* A file a request names, opened. */
struct feed_serve_file {
	int fd;	       /* read-only, blocking; -1 when none */
	bool redirect; /* a folder named without its final '/' */
	uint64_t size_bytes;
	int64_t mtime_s;
	long mtime_ns;
	uint64_t inode;
	/* The file opened, decoded, relative to the root: "a/index.html". */
	char path[FEED_SERVE_PATH_MAX];
};

/* Prepare an empty 'f'. Cannot fail. */
void feed_serve_file_init(struct feed_serve_file *f);

/* Close the file 'f' holds, if any, and leave it as after _init. */
void feed_serve_file_release(struct feed_serve_file *f);

enum feed_serve_resolve_flags {
	/*
	 * Resolve with realpath() and a prefix check, as on kernels without
	 * openat2() (before Linux 5.6), instead of openat2()'s
	 * RESOLVE_BENEATH. For tests of that path.
	 */
	FEED_SERVE_NO_OPENAT2 = 1 << 0,
};

/*
 * Open the file that the request target 'target' (the path as sent,
 * percent-encoded, without the query) names under the folder 'root'.
 * A target ending in '/' names the folder's index.html.
 *
 * Refused as SIAR_ENOTFOUND, never opened: a segment that is empty
 * ("//x", "/a//b"), starts with '.' (".", "..", dotfiles) or holds, raw or
 * percent-encoded, a '\', a NUL or an encoded '/'; a path longer than
 * FEED_SERVE_PATH_MAX; a symbolic link that leads outside 'root' (with
 * openat2(), any absolute link); anything that is not a regular file or a
 * folder. 'root' itself is opened again on every call.
 *
 * On SIAR_OK 'f' (initialised) holds the open file and its stat, or, for a
 * folder named without its final '/', no file and 'redirect' set. Returns
 * SIAR_OK, SIAR_EINVAL (the target does not start with '/' or has a bad
 * %-escape), SIAR_ENOTFOUND, SIAR_EIO (an OS call failed otherwise) or
 * SIAR_ENOMEM; on failure 'f' is left empty.
 */
int feed_serve_resolve(const char *root, const char *target, unsigned flags,
		       struct feed_serve_file *f, struct siar_err *err);

/* Room for an ETag, quotes and NUL included. */
#define FEED_SERVE_ETAG_MAX 64

/*
 * The strong ETag of 'f' into 'buf': "SIZE-MTIME_NS-INODE" in hex, quoted,
 * with "-gz" before the closing quote for the gzip variant. Cannot fail.
 */
void feed_serve_etag(const struct feed_serve_file *f, bool gzip, char *buf,
		     size_t len);

/* Room for an HTTP date, NUL included. */
#define FEED_SERVE_DATE_MAX 30

/*
 * 'unix_s' as an RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT",
 * into 'buf' ("" if 'len' is too small or the year is out of range).
 */
void feed_serve_http_date(int64_t unix_s, char *buf, size_t len);

/*
 * Parse an HTTP date in any of the three forms RFC 7231 requires a server
 * to accept (IMF-fixdate, RFC 850, asctime). Returns false, '*unix_s'
 * untouched, when 'text' is NULL or not a date.
 */
bool feed_serve_parse_http_date(const char *text, int64_t *unix_s);

/*
 * True if the If-None-Match value 'list' ("*", or entity-tags separated by
 * commas) matches 'etag' by weak comparison (W/ ignored). NULL or a
 * malformed list matches nothing from the bad tag on.
 */
bool feed_serve_etag_match(const char *list, const char *etag);

/*
 * True if the If-Range value 'value' lets a range of the file with strong
 * ETag 'etag' and modification time 'mtime_s' be sent: the same strong
 * ETag, or exactly its Last-Modified date. A weak or malformed value never
 * does; NULL (no If-Range) always does.
 */
bool feed_serve_if_range(const char *value, const char *etag, int64_t mtime_s);

/* True if the Accept-Encoding value 'value' accepts gzip (q > 0). */
bool feed_serve_accepts_gzip(const char *value);

enum feed_serve_range {
	FEED_RANGE_NONE,    /* send the whole file (no, bad or many ranges) */
	FEED_RANGE_PARTIAL, /* send bytes [*first, *last] with 206 */
	FEED_RANGE_UNSATISFIABLE, /* answer 416 */
};

/*
 * Read the Range header 'value' (may be NULL) for a file of 'size_bytes'.
 * One range of bytes, "a-b", "a-" or "-n", is honoured: an end past the
 * file is clipped, a start at or past the end (or "-0") is unsatisfiable.
 * A malformed value, another unit or several ranges give FEED_RANGE_NONE:
 * the whole file is sent, as RFC 7233 allows. '*first' and '*last' are
 * set only for FEED_RANGE_PARTIAL.
 */
enum feed_serve_range feed_serve_parse_range(const char *value,
					     uint64_t size_bytes,
					     uint64_t *first, uint64_t *last);

#endif
