/*
 * feed: write a show's podcast feed (RSS 2.0 with Apple's itunes: tags and
 * the Podcasting 2.0 podcast: namespace) with libxml2's xmlTextWriter,
 * streaming the episodes from a catalogue cursor; and import another
 * host's feed into the catalogue (libxml2's parser, libcurl for URLs).
 *
 * Reads and writes the catalogue only through catalog.h. Writing to a file
 * atomically is the caller's business (see siar_atomic_open in
 * common/siar.h).
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
