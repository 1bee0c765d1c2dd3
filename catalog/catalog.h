/*
 * catalog: the production catalogue in SQLite: shows, episodes with what
 * media/ measured, guests and topics, and publication state.
 *
 * Every function that changes the catalogue is atomic: it completes or
 * leaves the catalogue as it was. Strings passed in are borrowed; strings
 * in filled-in structs belong to the struct and are freed by its
 * _release() function. Text is stored as valid UTF-8 (repaired on the way
 * in); file paths are stored as given.
 *
 * This module knows nothing of FFmpeg or XML.
 */
#ifndef SIAR_CATALOG_H
#define SIAR_CATALOG_H

#include "../common/siar.h"

struct catalog;

enum catalog_open_flags {
	CATALOG_OPEN_CREATE = 1 << 0,	/* create the file if it is missing */
};

/*
 * Open the catalogue at 'path' (":memory:" for a private in-memory one)
 * and bring its schema up to date. Without CATALOG_OPEN_CREATE a missing
 * file is SIAR_ENOTFOUND. A file that is not a siar catalogue, or one made
 * by a newer siar, is SIAR_EDB.
 *
 * On success '*out' is a handle the caller closes with catalog_close(); on
 * failure '*out' is NULL. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EDB or
 * SIAR_ENOMEM; 'err' names 'path'.
 */
int catalog_open(struct catalog **out, const char *path,
		 enum catalog_open_flags flags, struct siar_err *err);

/* Close 'cat'. NULL is allowed. Cannot fail. */
void catalog_close(struct catalog *cat);

/*
 * Use 'now_unix' as the current time for every timestamp the catalogue
 * records and every "has its time come" test, instead of the clock (0
 * returns to the clock). For reproducible tests and demos. Cannot fail.
 */
void catalog_set_now(struct catalog *cat, int64_t now_unix);

/* The catalogue's idea of now (see catalog_set_now). Cannot fail. */
int64_t catalog_now(const struct catalog *cat);

/* The schema version of an open catalogue. Cannot fail. */
int catalog_schema_version(const struct catalog *cat);

/* ---- Shows ------------------------------------------------------------- */

struct catalog_show {
	int64_t id;
	char *slug;		/* [a-z0-9-], 1-64 bytes; the show's name in URLs */
	char *title;
	char *description;	/* NULL if none */
	char *author;
	char *language;		/* BCP 47 / ISO 639, default "id" */
	char *category;		/* an Apple Podcasts category, NULL if none */
	char *image;		/* absolute URL, NULL if none */
	char *owner_name;	/* NULL if none */
	char *owner_email;	/* NULL if none */
	char *link;		/* the show's website, NULL if none */
	char *base_url;		/* where media files are served from */
	char *timezone;		/* IANA name, default "Asia/Jakarta" */
	bool explicit;
	int64_t created_unix;
	int64_t updated_unix;
};

/* Prepare an empty show. Allocates nothing; cannot fail. */
void catalog_show_init(struct catalog_show *show);

/* Free what 'show' owns and leave it as after catalog_show_init(). */
void catalog_show_release(struct catalog_show *show);

/*
 * True if 'name' is an Apple Podcasts top-level category, with exactly
 * Apple's spelling and case ("Government", "Society & Culture").
 */
bool catalog_category_valid(const char *name);

/*
 * Add a show. 'show->id', 'created_unix' and 'updated_unix' are ignored.
 * Required: slug, title, author, base_url (http or https). NULL language
 * and timezone take their defaults. '*id_out' (may be NULL) receives the
 * new show's ID.
 *
 * Returns SIAR_OK, SIAR_EINVAL (a field is missing or malformed; 'err'
 * names it), SIAR_EEXIST (the slug is taken), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_add(struct catalog *cat, const struct catalog_show *show,
		     int64_t *id_out, struct siar_err *err);

/*
 * Fill 'out' (initialised with catalog_show_init) with the show 'slug'.
 * Returns SIAR_OK, SIAR_ENOTFOUND (naming 'slug'), SIAR_EDB or SIAR_ENOMEM;
 * on failure 'out' is left empty.
 */
int catalog_show_get(struct catalog *cat, const char *slug,
		     struct catalog_show *out, struct siar_err *err);

/*
 * Called once per show or episode by the _each() functions. The struct is
 * borrowed for the call only. A non-zero return stops the walk and is
 * passed back by the _each() function (set 'err' before returning it).
 */
typedef int (*catalog_show_fn)(const struct catalog_show *show, void *ctx,
			       struct siar_err *err);

/*
 * Call 'fn' for every show, ordered by slug. Returns SIAR_OK, what 'fn'
 * returned, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_each(struct catalog *cat, catalog_show_fn fn, void *ctx,
		      struct siar_err *err);

/* ---- Episodes ---------------------------------------------------------- */

enum catalog_status {
	CATALOG_STATUS_DRAFT,
	CATALOG_STATUS_IN_REVIEW,
	CATALOG_STATUS_APPROVED,
	CATALOG_STATUS_PUBLISHED,
	CATALOG_STATUS_UNPUBLISHED,
	CATALOG_STATUS_ARCHIVED,
};

/* "draft", "in_review", ... Cannot fail. */
const char *catalog_status_name(enum catalog_status status);

/* A chapter: where it starts and ends, and its title. */
struct catalog_chapter {
	int64_t start_ms;	/* not negative */
	int64_t end_ms;		/* 0 = until the next chapter or the end */
	char *title;		/* NULL if untitled */
};

struct catalog_episode {
	int64_t id;
	int64_t show_id;
	char *show_slug;
	char *guid;		/* assigned at creation, never changes */
	char *title;
	char *description;	/* NULL if none */

	char *media_path;	/* absolute path of the media file */
	char *media_mime;	/* "audio/mpeg", "video/mp4", ... */
	char *media_kind;	/* "audio" or "video" */
	char *media_container;	/* libavformat's name, NULL if unknown */
	char *media_sha256;	/* 64 lowercase hex digits */
	int64_t media_size_bytes;
	int64_t duration_ms;
	char *duration_method;	/* how duration_ms was measured */
	int64_t bit_rate;	/* bits per second, 0 if unknown */
	char *audio_codec;	/* NULL if none */
	char *video_codec;	/* NULL if none */
	int width;		/* 0 for audio */
	int height;

	int sample_rate;	/* Hz, 0 if unknown */
	int channels;		/* 0 if unknown */
	double frame_rate;	/* 0 for audio */

	/*
	 * EBU R128 loudness, when measured (siar add --loudness). The three
	 * figures are stored only when has_loudness is set, and are then
	 * finite; otherwise they are ignored on the way in and 0 on the way
	 * out.
	 */
	bool has_loudness;
	double loudness_lufs;
	double loudness_range_lu;
	double true_peak_dbtp;

	char *image_path;	/* episode image file, NULL if none */
	bool image_apple_ok;	/* square JPEG/PNG of 1400-3000 px */
	char *poster_path;	/* JPEG poster frame of a video, NULL if none */
	/*
	 * From the file's date tag: "YYYY-MM-DD", "YYYY-MM" or "YYYY", a
	 * real date; NULL if unknown.
	 */
	char *recorded_on;

	/*
	 * In any order on the way in; stored and read back by start time,
	 * chapters that start together in the order they were given.
	 */
	struct catalog_chapter *chapters;
	size_t n_chapters;

	int season;		/* 0 = none */
	int episode_number;	/* 0 = none */

	enum catalog_status status;
	int64_t published_unix;	/* meaningful when status is published */
	int64_t created_unix;
	int64_t updated_unix;

	char **guests;		/* names, in the order they were given */
	size_t n_guests;
	char **topics;		/* names, in the order they were given */
	size_t n_topics;
};

/* Prepare an empty episode. Allocates nothing; cannot fail. */
void catalog_episode_init(struct catalog_episode *ep);

/* Free what 'ep' owns and leave it as after catalog_episode_init(). */
void catalog_episode_release(struct catalog_episode *ep);

/*
 * Add 'ep' as a draft of the show 'ep->show_slug', with its guests (people
 * with the role guest, created when new), topics (created when new) and
 * chapters. Ignored: id, show_id, guid (a new random UUID is assigned),
 * status, published_unix, created_unix, updated_unix, and the loudness
 * figures unless has_loudness is set. Required: show_slug, title,
 * media_path, media_mime, media_kind, media_sha256. Checked: sizes,
 * duration, bit rate, picture size, sample rate, channels and frame rate
 * not negative; frame rate and loudness finite; image_path and
 * poster_path not empty when given; recorded_on as its comment says;
 * chapter times not negative and an end either 0 or not before its start.
 * Chapter titles are stored as valid UTF-8. '*id_out' (may be NULL)
 * receives the new episode's ID.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (no such show), SIAR_EINVAL (a field is
 * missing or malformed; 'err' names it and the value), SIAR_EDB or
 * SIAR_ENOMEM.
 */
int catalog_episode_add(struct catalog *cat, const struct catalog_episode *ep,
			int64_t *id_out, struct siar_err *err);

/*
 * Find an episode whose media file has SHA-256 'sha256' (64 lowercase hex
 * digits), in show 'show_slug' or, when it is NULL, in any show. '*id_out'
 * receives the lowest such ID; on failure it is untouched.
 *
 * Returns SIAR_OK; SIAR_ENOTFOUND when no episode has that file, without
 * setting 'err', so the caller may treat this as an answer; SIAR_ENOTFOUND
 * with 'err' set ("no show 'SLUG'") when the show does not exist;
 * SIAR_EINVAL (malformed 'sha256', named in 'err'), SIAR_EDB or
 * SIAR_ENOMEM.
 */
int catalog_episode_find_sha256(struct catalog *cat, const char *show_slug,
				const char *sha256, int64_t *id_out,
				struct siar_err *err);

/*
 * Fill 'out' (initialised with catalog_episode_init) with episode 'id',
 * its guests, topics and chapters. Returns SIAR_OK, SIAR_ENOTFOUND,
 * SIAR_EDB or SIAR_ENOMEM; on failure 'out' is left empty.
 */
int catalog_episode_get(struct catalog *cat, int64_t id,
			struct catalog_episode *out, struct siar_err *err);

/*
 * Publish episode 'id' at 'at_unix' (which may be in the future: the
 * episode then waits for its time). Publishing a published episode again
 * moves its publication time. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EDB or
 * SIAR_ENOMEM.
 */
int catalog_episode_publish(struct catalog *cat, int64_t id, int64_t at_unix,
			    struct siar_err *err);

struct catalog_filter {
	const char *show_slug;	/* NULL: every show */
	bool live_only;		/* only published episodes whose time has come */
};

typedef int (*catalog_episode_fn)(const struct catalog_episode *ep,
				  void *ctx, struct siar_err *err);

/*
 * Call 'fn' for each episode that matches 'filter', read from a cursor so
 * memory does not grow with the catalogue. With 'live_only' the order is
 * newest publication first (then highest ID); otherwise by ascending ID.
 * Returns SIAR_OK, what 'fn' returned, SIAR_ENOTFOUND (filter names a show
 * that does not exist), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_episode_each(struct catalog *cat,
			 const struct catalog_filter *filter,
			 catalog_episode_fn fn, void *ctx,
			 struct siar_err *err);

/*
 * The latest change to show 'slug' or to any of its live episodes, as a
 * Unix time, for the feed's lastBuildDate: it moves only when the
 * published content does. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EDB.
 */
int catalog_show_last_change(struct catalog *cat, const char *slug,
			     int64_t *unix_out, struct siar_err *err);

#endif
