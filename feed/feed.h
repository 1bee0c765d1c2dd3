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
