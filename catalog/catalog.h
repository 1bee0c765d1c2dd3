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
 * failure '*out' is NULL. A handle must be used by one thread at a time;
 * several processes and handles may share the file. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EDB or
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

	char *subcategory;	/* Apple subcategory of 'category', or NULL */
	char *medium;		/* Podcasting 2.0 medium; NULL: "podcast" */
	char *show_type;	/* "episodic" or "serial"; NULL: "episodic" */
	char *copyright;	/* NULL if none */
	char *feed_guid;	/* podcast:guid, set once at creation; or NULL */
	char *cadence;		/* daily|weekly|biweekly|monthly; NULL: weekly */
	bool review_required;	/* catalog_show_init() sets true */
	char *office_name;	/* the office the show belongs to, or NULL */
	char *office_level;	/* national|province|district, or NULL */
	char *office_region;	/* e.g. "Jawa Tengah", or NULL */
	/*
	 * The artwork as a local file (absolute path), published beside the
	 * feed; 'image', when set, is the URL of artwork hosted elsewhere
	 * and wins in the feed. NULL if none.
	 */
	char *image_path;
	/* The show's page in each app's directory, http(s), or NULL. */
	char *apple_url;
	char *spotify_url;
	char *pocketcasts_url;
};

/*
 * Prepare an empty show with the defaults of a new one (review required).
 * Allocates nothing; cannot fail.
 */
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
 * Required: slug, title, author, base_url (http or https). NULL language,
 * timezone, medium, show_type and cadence take their defaults. Checked:
 * a subcategory only with its category (catalog_subcategory_valid), the
 * medium (catalog_medium_valid), show type, cadence and office level
 * against their lists, and a feed GUID as a lowercase UUID (stored as
 * given; NULL leaves it unset). '*id_out' (may be NULL) receives the new
 * show's ID.
 *
 * Returns SIAR_OK, SIAR_EINVAL (a field is missing or malformed; 'err'
 * names it), SIAR_EEXIST (the slug is taken), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_add(struct catalog *cat, const struct catalog_show *show,
		     int64_t *id_out, struct siar_err *err);

/*
 * Replace every field of show 'slug' with those of 'show' (fetch it with
 * catalog_show_get, change what you need, then call this). The slug may be
 * changed; id, created_unix and feed_guid are kept (a feed GUID never
 * changes once set: a NULL one is filled in). Validation as for
 * catalog_show_add. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EINVAL,
 * SIAR_EEXIST (new slug taken), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_update(struct catalog *cat, const char *slug,
			const struct catalog_show *show, struct siar_err *err);

/*
 * Remove show 'slug'. Refused with SIAR_EINVAL while it has episodes,
 * unless 'force', which removes them too (their media files stay on
 * disk; their logs stay in the catalogue). Returns SIAR_OK,
 * SIAR_ENOTFOUND, SIAR_EINVAL, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_remove(struct catalog *cat, const char *slug, bool force,
			struct siar_err *err);

/*
 * True if 'tag' is a language a show may have: ISO 639 letters (2 or 3)
 * and an optional subtag of 2-8 letters or digits ("id", "en-US"). NULL is
 * not. Cannot fail.
 */
bool catalog_language_valid(const char *tag);

/*
 * True if 's' has the shape of an owner email the catalogue keeps: one
 * '@' with text on both sides, no spaces or controls. NULL is not.
 * Cannot fail.
 */
bool catalog_email_valid(const char *s);

/* True if 'sub' is an Apple subcategory of top-level 'category'. */
bool catalog_subcategory_valid(const char *category, const char *sub);

/* True if 'medium' is in the Podcasting 2.0 list (podcast, video, ...). */
bool catalog_medium_valid(const char *medium);

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

/*
 * True if 'path' names a file kept elsewhere rather than on disk: an
 * absolute http:// or https:// URL with a host, in printable ASCII. Media,
 * renditions, transcripts and images imported from another host's feed
 * stay there (siar import); feed/ then links to the URL as it is, and
 * such a media file or rendition may have no SHA-256. Cannot fail.
 */
bool catalog_path_remote(const char *path);

/* A transcript or captions file of an episode. */
struct catalog_transcript {
	char *path;		/* absolute path of the file, or its URL */
	char *mime;		/* text/vtt, application/x-subrip, text/plain,
				 * text/html or application/json */
	char *language;		/* e.g. "id"; NULL: the show's language */
};

/* Another file of the same episode: lower resolution, audio-only... */
struct catalog_rendition {
	char *path;		/* absolute path of the file, or its URL */
	char *mime;
	char *kind;		/* "audio" or "video" */
	char *sha256;		/* 64 lowercase hex digits; NULL for a URL */
	int64_t size_bytes;
	int64_t duration_ms;
	int64_t bit_rate;
	int width;
	int height;
	char *title;		/* e.g. "Audio saja", or NULL */
};

/*
 * A person credited on an episode in a role of the Podcasting 2.0
 * taxonomy (feed-spec §10), as podcast:person has it.
 */
struct catalog_credit {
	char *name;
	char *role;		/* e.g. "producer"; NULL on the way in: "host" */
	char *group;		/* e.g. "creative direction"; NULL on the way
				 * in: "cast" */
};

struct catalog_episode {
	int64_t id;
	int64_t show_id;
	char *show_slug;
	/*
	 * The item's GUID in the feed, never changed once stored: given
	 * (an import keeps the feed's, byte for byte) or, when NULL on the
	 * way in, a random UUID. Unique within the show; at most
	 * CATALOG_GUID_MAX bytes of UTF-8 without control characters.
	 */
	char *guid;
	char *title;
	char *description;	/* NULL if none */

	/* absolute path of the media file, or its URL (catalog_path_remote) */
	char *media_path;
	char *media_mime;	/* "audio/mpeg", "video/mp4", ... */
	char *media_kind;	/* "audio" or "video" */
	char *media_container;	/* libavformat's name, NULL if unknown */
	char *media_sha256;	/* 64 lowercase hex digits; may be NULL for
				 * a URL */
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
	/*
	 * A Podcasting 2.0 chapters file hosted elsewhere (an http(s) URL),
	 * for an episode without chapters of its own; NULL if none.
	 */
	char *chapters_url;

	int season;		/* 0 = none */
	int episode_number;	/* 0 = none */
	char *episode_type;	/* "full", "trailer", "bonus"; NULL: "full" */
	bool explicit;

	char *added_by;		/* for the log's "add" entry; NULL: "siar" */

	struct catalog_transcript *transcripts;
	size_t n_transcripts;
	struct catalog_rendition *renditions;
	size_t n_renditions;

	enum catalog_status status;
	int64_t published_unix;	/* meaningful when status is published */
	int64_t created_unix;
	int64_t updated_unix;

	char **guests;		/* names, in the order they were given */
	size_t n_guests;
	char **topics;		/* names, in the order they were given */
	size_t n_topics;

	/*
	 * People credited on the episode other than its guests, in order:
	 * role and group from the taxonomy, matched ignoring ASCII case and
	 * stored lowercase (host/cast, producer/creative direction,
	 * audio editor/audio post-production ...). Guests stay in 'guests' (role
	 * guest, group cast); a credit with the role guest is refused.
	 */
	struct catalog_credit *credits;
	size_t n_credits;
};

/* The longest GUID an episode may have, in bytes. */
#define CATALOG_GUID_MAX 1024

/* Prepare an empty episode. Allocates nothing; cannot fail. */
void catalog_episode_init(struct catalog_episode *ep);

/* Free what 'ep' owns and leave it as after catalog_episode_init(). */
void catalog_episode_release(struct catalog_episode *ep);

/*
 * Add 'ep' as a draft of the show 'ep->show_slug', with its guests (people
 * with the role guest, created when new), credits (after the guests;
 * people created when new), topics (created when new), chapters,
 * transcripts and renditions, and log an "add" entry by
 * 'ep->added_by' (NULL: "siar"). Its GUID is ep->guid when given, else a
 * new random UUID. Ignored: id, show_id, status, published_unix,
 * created_unix, updated_unix, and the loudness figures unless
 * has_loudness is set. Required: show_slug, title, media_path, media_mime,
 * media_kind, and media_sha256 unless media_path is a URL
 * (catalog_path_remote; likewise a rendition's sha256). Checked: the
 * GUID as its comment says, chapters_url a URL,
 * sizes, duration, bit rate, picture size, sample rate, channels
 * and frame rate not negative; frame rate and loudness finite; image_path
 * and poster_path not empty when given; recorded_on and episode_type as
 * their comments say; added_by not blank when given; each credit's
 * (group, role) a pair of the taxonomy (catalog_person_role_valid), else
 * "bad role 'ROLE' in group 'GROUP'"; chapter times not
 * negative and an end either 0 or not before its start; transcripts with
 * a path, a listed MIME type and a language tag of BCP 47's shape (or
 * none); renditions checked like the media fields. Chapter titles are
 * stored as valid UTF-8. An ID is never reused, not even that of a removed
 * episode, whose log is kept. '*id_out' (may be NULL) receives the new
 * episode's ID.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (no such show), SIAR_EINVAL (a field is
 * missing or malformed; 'err' names it and the value), SIAR_EEXIST (the
 * GUID is another episode's in the show, or episode_number, if not 0, is
 * already used in the same season of the show; 'err' names the episode
 * that has it), SIAR_EDB or SIAR_ENOMEM.
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
 * Find the episode of show 'show_slug' whose GUID is exactly 'guid' (byte
 * for byte, case included). '*id_out' receives its ID; on failure it is
 * untouched. Returns SIAR_OK; SIAR_ENOTFOUND without setting 'err' when
 * the show has no such episode (an answer, not a failure); SIAR_ENOTFOUND
 * with 'err' set ("no show 'SLUG'") when the show does not exist; SIAR_EDB
 * or SIAR_ENOMEM.
 */
int catalog_episode_find_guid(struct catalog *cat, const char *show_slug,
			      const char *guid, int64_t *id_out,
			      struct siar_err *err);

/*
 * Fill 'out' (initialised with catalog_episode_init) with episode 'id',
 * its guests, credits, topics, chapters, transcripts and renditions;
 * episode_type is never NULL, and added_by (who added or imported it) is
 * NULL only for an episode from before the log existed. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EDB
 * or SIAR_ENOMEM; on failure 'out' is left empty.
 */
int catalog_episode_get(struct catalog *cat, int64_t id,
			struct catalog_episode *out, struct siar_err *err);

/*
 * catalog_episode_act(cat, id, CATALOG_ACTION_PUBLISH, at_unix, {"siar"}):
 * publish episode 'id' at 'at_unix' (which may be in the future: the
 * episode then waits for its time), subject to the show's review rule.
 * Publishing a published episode again moves its publication time.
 * Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EINVAL, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_episode_publish(struct catalog *cat, int64_t id, int64_t at_unix,
			    struct siar_err *err);

/*
 * What a walk need not read, for catalog_filter's 'skip': reading an
 * episode's lists costs a walk more than its own row, and most callers
 * use only some. A list skipped comes back empty (NULL, count 0); with
 * CATALOG_SKIP_ADDER added_by is NULL. CATALOG_SKIP_DETAILS leaves out
 * what no feed carries: show_slug, media_kind, media_container,
 * duration_method, audio_codec and video_codec (NULL), sample_rate,
 * channels, frame_rate, the loudness figures (has_loudness false),
 * recorded_on (NULL) and created_unix (0); 15% of a feed's walk.
 */
enum catalog_skip_flags {
	CATALOG_SKIP_PEOPLE = 1 << 0,		/* guests and credits */
	CATALOG_SKIP_TOPICS = 1 << 1,
	CATALOG_SKIP_CHAPTERS = 1 << 2,
	CATALOG_SKIP_TRANSCRIPTS = 1 << 3,
	CATALOG_SKIP_RENDITIONS = 1 << 4,
	CATALOG_SKIP_ADDER = 1 << 5,		/* who added it (the log) */
	CATALOG_SKIP_DETAILS = 1 << 6,		/* see above */
};

struct catalog_filter {
	const char *show_slug;	/* NULL: every show */
	bool live_only;		/* only published episodes whose time has come */
	const char *status;	/* "draft", "in_review", ...; NULL: any */
	const char *topic;	/* topic name or slug; NULL: any */
	const char *person;	/* person name (any role); NULL: any */
	int64_t from_unix;	/* published (or, unpublished, created) at or */
	int64_t to_unix;	/* after from and before to; 0: no bound */
	size_t limit;		/* at most this many; 0: no limit */
	unsigned skip;		/* enum catalog_skip_flags; 0: everything */
};

typedef int (*catalog_episode_fn)(const struct catalog_episode *ep,
				  void *ctx, struct siar_err *err);

/*
 * Call 'fn' for each episode that matches 'filter' (every condition set
 * in it), read from a cursor so memory does not grow with the catalogue.
 * With 'live_only' the order is newest publication first (then highest
 * ID); otherwise by ascending ID. Each episode is filled as by
 * catalog_episode_get(), less the lists filter->skip names.
 *
 * The episode 'fn' gets, its strings and its lists are the walk's and
 * valid only until 'fn' returns: 'fn' copies what it keeps and frees
 * nothing.
 *
 * Returns SIAR_OK, what 'fn' returned, SIAR_EINVAL (an unknown status
 * name), SIAR_ENOTFOUND (the filter names a show, topic or person that
 * does not exist: "no topic 'NAME'"), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_episode_each(struct catalog *cat,
			 const struct catalog_filter *filter,
			 catalog_episode_fn fn, void *ctx,
			 struct siar_err *err);

/*
 * Memory that the episodes of catalog_episode_each_kept() are read into,
 * for a reader that keeps them past its callback (the feed writer, a few
 * episodes behind the walk on a thread of its own). The reader clears it
 * when it is done with them; the memory is then reused.
 */
struct catalog_pool;

/* A new, empty pool. Returns SIAR_OK or SIAR_ENOMEM. */
int catalog_pool_new(struct catalog_pool **out, struct siar_err *err);

/* The bytes 'pool' holds, in use or kept for reuse. */
size_t catalog_pool_bytes(const struct catalog_pool *pool);

/* Take back every episode read into 'pool'; some memory is kept. */
void catalog_pool_clear(struct catalog_pool *pool);

/* Free 'pool' and all it holds. NULL is ignored. */
void catalog_pool_free(struct catalog_pool *pool);

/* The pool the next episode of a walk goes into. */
typedef struct catalog_pool *(*catalog_pool_fn)(void *ctx);

/* The end of a walk: 'rc' is how it ended (SIAR_OK: every episode given). */
typedef void (*catalog_end_fn)(int rc, void *ctx);

/*
 * As catalog_episode_each(), but each episode, its strings and its lists
 * are read into the pool 'pool' returns just before, and stay there
 * until the caller clears that pool: 'fn' may keep the episode it gets
 * (a struct copy of it), and use it on another thread. The names of
 * people and topics in the lists are shared by the episodes of the walk
 * and kept by it until 'end' returns; the walk calls 'end' once, after
 * its last episode or its failure, and the kept episodes must not be
 * used after that. 'pool', 'fn' and 'end' get 'ctx'. Returns as
 * catalog_episode_each().
 */
int catalog_episode_each_kept(struct catalog *cat,
			      const struct catalog_filter *filter,
			      catalog_pool_fn pool, catalog_episode_fn fn,
			      catalog_end_fn end, void *ctx,
			      struct siar_err *err);

typedef int (*catalog_duplicate_fn)(int64_t id, int64_t first_id,
				    const char *key, void *ctx,
				    struct siar_err *err);

/*
 * Call 'fn' for each episode of the walk 'filter' describes (as
 * catalog_episode_each) that shares a key with one the walk meets before
 * it, 'first_id': with 'by_file', the file its feed names (a remote media
 * URL as it is, else the file's name, the last segment of its path);
 * otherwise the GUID without surrounding white space. By ascending 'id'.
 * Memory does not grow with the number of episodes (SQLite sorts, on
 * disk when it must). Returns SIAR_OK, what 'fn' returned, or as
 * catalog_episode_each().
 */
int catalog_episode_duplicates(struct catalog *cat,
			       const struct catalog_filter *filter,
			       bool by_file, catalog_duplicate_fn fn,
			       void *ctx, struct siar_err *err);

/*
 * The latest change to show 'slug' or to any of its live episodes, as a
 * Unix time, for the feed's lastBuildDate: it moves only when the
 * published content does. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EDB.
 */
int catalog_show_last_change(struct catalog *cat, const char *slug,
			     int64_t *unix_out, struct siar_err *err);


/* ---- Editing and removing episodes -------------------------------------- */

/*
 * Who does something to the catalogue, for the log: the name (--by, else
 * SIAR_USER, else the login name: the caller decides) and a note.
 */
struct catalog_actor {
	const char *name;	/* required, non-empty */
	const char *note;	/* NULL if none */
};

/*
 * Replace the editable fields of episode 'id' with those of 'ep' (fetch
 * it with catalog_episode_get, change what you need, then call this):
 * title, description, season, episode_number, episode_type, explicit,
 * image_path, poster_path, recorded_on, guests, credits (logged as
 * "people"), topics, chapters, transcripts, renditions. Media fields, guid, status and times are kept.
 * Checks as in catalog_episode_add. When something changed, updated_unix
 * moves and an "edit" entry by who->name is logged, its note the fields
 * that changed as stored ("title, guests"), followed by ": " and
 * who->note when there is one; when nothing changed, neither happens. An
 * episode number already used in the same season of the show is
 * SIAR_EEXIST. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EINVAL (also: no
 * actor name), SIAR_EEXIST, SIAR_EDB or SIAR_ENOMEM; on failure nothing
 * changed.
 */
int catalog_episode_update(struct catalog *cat, int64_t id,
			   const struct catalog_episode *ep,
			   const struct catalog_actor *who,
			   struct siar_err *err);

/*
 * Remove episode 'id' from the catalogue (its media file stays on disk;
 * its log is kept, with a "remove" entry by who->name, from its status,
 * with who->note). Its guests, topics, chapters, files and search entry
 * go with it. A published episode (scheduled or live) is refused with
 * SIAR_EINVAL unless 'force'; no actor name is SIAR_EINVAL too. Returns
 * SIAR_OK, SIAR_ENOTFOUND, SIAR_EINVAL, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_episode_remove(struct catalog *cat, int64_t id, bool force,
			   const struct catalog_actor *who,
			   struct siar_err *err);

/* ---- Importing episodes published elsewhere ------------------------------ */

/* The fields an import compares and follows (catalog_episode_import). */
enum catalog_import_fields {
	CATALOG_IMPORT_TITLE = 1 << 0,
	CATALOG_IMPORT_DESCRIPTION = 1 << 1,
	CATALOG_IMPORT_ENCLOSURE = 1 << 2,	/* media URL, type or size */
	CATALOG_IMPORT_DATE = 1 << 3,		/* publication time */
	CATALOG_IMPORT_DURATION = 1 << 4,
};

/* What catalog_episode_import() did. */
struct catalog_import_result {
	int64_t id;		/* the episode added or found */
	bool added;		/* false: it was there already */
	unsigned changed;	/* enum catalog_import_fields updated */
};

/*
 * Import 'ep', an item of a feed already published elsewhere, into show
 * ep->show_slug, matched by its GUID (ep->guid, required).
 *
 * A GUID the show does not have yet is added as catalog_episode_add()
 * adds, but straight to published at ep->published_unix (it was published
 * already: no review), with an "import" entry in the log by who->name,
 * from no status to published, with who->note (the source, say).
 *
 * A GUID the show has is the same episode: its title, description,
 * enclosure (media URL, MIME type, kind and size), publication time and
 * duration are compared with those of 'ep' as they would be stored, and
 * those that differ are updated, since the feed being imported is the
 * source of truth while a show moves. An episode whose media is on disk
 * (downloaded, or added with siar add) keeps its file, size and measured
 * duration. Status, lists and every other field are kept. A change moves
 * updated_unix and is logged as an "import" entry without a status,
 * its note the fields that changed ("title, date") followed by ": " and
 * who->note when there is one; no change, no entry.
 *
 * 'out' receives what was done. Returns SIAR_OK, SIAR_EINVAL (no GUID, no
 * actor, a field as catalog_episode_add checks it), SIAR_ENOTFOUND (no
 * such show), SIAR_EEXIST (a new episode's episode_number is already used
 * in its season: 'err' names the episode), SIAR_EDB or SIAR_ENOMEM; on
 * failure nothing changed and 'out' is untouched.
 */
int catalog_episode_import(struct catalog *cat,
			   const struct catalog_episode *ep,
			   const struct catalog_actor *who,
			   struct catalog_import_result *out,
			   struct siar_err *err);

/*
 * Set the podcast:guid of show 'slug' to 'guid' (a lowercase UUID),
 * replacing the one it was given: the GUID of a feed being imported is
 * the podcast's identity (feed-spec §5, "an imported value is
 * canonical"). Returns SIAR_OK, SIAR_EINVAL (not a lowercase UUID),
 * SIAR_ENOTFOUND, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_set_feed_guid(struct catalog *cat, const char *slug,
			       const char *guid, struct siar_err *err);

/* ---- Review -------------------------------------------------------------- */

enum catalog_action {
	CATALOG_ACTION_SUBMIT,		/* draft -> in_review */
	CATALOG_ACTION_APPROVE,		/* in_review -> approved */
	CATALOG_ACTION_REQUEST_CHANGES,	/* in_review/approved -> draft;
					 * needs a note */
	CATALOG_ACTION_PUBLISH,		/* approved (or any unpublished state
					 * when the show needs no review),
					 * unpublished -> published */
	CATALOG_ACTION_UNPUBLISH,	/* published -> unpublished */
	CATALOG_ACTION_ARCHIVE,		/* any -> archived */
};

/* "submit", "approve", "request-changes", ... Cannot fail. */
const char *catalog_action_name(enum catalog_action action);

/*
 * Move episode 'id' through the review workflow and log who did it, when
 * and why. 'at_unix' is the publication time for CATALOG_ACTION_PUBLISH
 * (may be in the future: scheduled) and ignored otherwise. A step the
 * workflow does not allow from the current status (publishing an episode
 * that was not approved in a show that requires review, approving a
 * draft ...) is SIAR_EINVAL naming the status and what is needed, and
 * so are a missing actor name (who->name), a request for changes without
 * a note (who->note) and archiving an archived episode. An archived
 * episode cannot be published. The step, its log entry (from_status NULL
 * when publishing again only moves the time) and updated_unix change in
 * one transaction. Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EINVAL, SIAR_EDB
 * or SIAR_ENOMEM.
 */
int catalog_episode_act(struct catalog *cat, int64_t id,
			enum catalog_action action, int64_t at_unix,
			const struct catalog_actor *who,
			struct siar_err *err);

/* One entry of an episode's log. */
struct catalog_log_entry {
	int64_t id;
	int64_t episode_id;
	int64_t at_unix;
	const char *actor;
	const char *action;	/* "add", "submit", "approve", "edit", ... */
	const char *from_status;	/* NULL when the status did not change */
	const char *to_status;
	const char *note;	/* NULL if none */
};

typedef int (*catalog_log_fn)(const struct catalog_log_entry *entry,
			      void *ctx, struct siar_err *err);

/*
 * Call 'fn' for each log entry of episode 'id', oldest first (the strings
 * are borrowed for the call). The log of a removed episode can still be
 * read; one from before the log existed has none. Entries: "add" (to
 * draft), "import" (to published when added; no status when an import
 * updated it, the note listing the fields), the names of
 * catalog_action_name(), "edit" (no status; the note lists the fields)
 * and "remove" (from the last status, to NULL). Returns
 * SIAR_OK, what 'fn' returned, SIAR_ENOTFOUND (no entries and no such
 * episode), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_log_each(struct catalog *cat, int64_t id, catalog_log_fn fn,
		     void *ctx, struct siar_err *err);

/* ---- Search -------------------------------------------------------------- */

/*
 * Call 'fn' for the episodes matching 'text' (whole words, all required,
 * case and accents folded; "rekap*" matches words starting with "rekap")
 * in titles, descriptions,
 * people, their organisations and topics, best match first, at most
 * 'limit' (0: 50). Only the 2,000 newest matching episodes are ranked,
 * so that a word found in nearly every episode stays fast.
 * 'show_slug' (may be NULL) limits it to one show.
 * Returns SIAR_OK, what 'fn' returned, SIAR_EINVAL (nothing to search
 * for), SIAR_ENOTFOUND (no such show), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_search(struct catalog *cat, const char *text,
		   const char *show_slug, size_t limit, catalog_episode_fn fn,
		   void *ctx, struct siar_err *err);

/* ---- People and topics --------------------------------------------------- */

struct catalog_person {
	int64_t id;
	char *name;
	char *organisation;	/* e.g. "KPU Provinsi Jawa Tengah", or NULL */
	char *position;		/* e.g. "Sekretaris", or NULL */
	char *url;		/* http(s), or NULL */
	char *photo;		/* http(s) URL of a photo, or NULL */
	int64_t n_episodes;	/* filled by get/each: episodes they are in */
};

/* Prepare an empty person. Allocates nothing; cannot fail. */
void catalog_person_init(struct catalog_person *p);

/* Free what 'p' owns and leave it as after catalog_person_init(). */
void catalog_person_release(struct catalog_person *p);

/*
 * Add a person (name required, unique ignoring ASCII case; stored trimmed
 * and, like organisation and position, as valid UTF-8; blank optional
 * fields are stored as none). 'p->id' and 'n_episodes' are ignored;
 * '*id_out' (may be NULL) receives the new ID. Returns SIAR_OK,
 * SIAR_EINVAL (no name, a URL that is not http(s)), SIAR_EEXIST ("person
 * 'NAME' already exists"), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_person_add(struct catalog *cat, const struct catalog_person *p,
		       int64_t *id_out, struct siar_err *err);

/*
 * Fill 'out' (initialised with catalog_person_init) with the person named
 * 'name' (ASCII case and surrounding white space ignored). Returns
 * SIAR_OK, SIAR_ENOTFOUND ("no person 'NAME'"), SIAR_EDB or SIAR_ENOMEM;
 * on failure 'out' is left empty.
 */
int catalog_person_get(struct catalog *cat, const char *name,
		       struct catalog_person *out, struct siar_err *err);

/*
 * Replace the fields of person 'name' with those of 'p' (may rename; the
 * ID stays), checked as for catalog_person_add, and refresh the search
 * index of the episodes they are credited on. Returns SIAR_OK,
 * SIAR_ENOTFOUND, SIAR_EINVAL, SIAR_EEXIST (the new name is someone
 * else's), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_person_update(struct catalog *cat, const char *name,
			  const struct catalog_person *p,
			  struct siar_err *err);

/*
 * Merge person 'from' into person 'into': every credit of 'from' moves to
 * 'into' (duplicates dropped), empty fields of 'into' take those of
 * 'from', and 'from' is removed. Returns SIAR_OK, SIAR_ENOTFOUND,
 * SIAR_EINVAL (the same person), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_person_merge(struct catalog *cat, const char *from,
			 const char *into, struct siar_err *err);

typedef int (*catalog_person_fn)(const struct catalog_person *p, void *ctx,
				 struct siar_err *err);

/*
 * Call 'fn' for every person, by name ignoring ASCII case. Returns
 * SIAR_OK, what 'fn' returned, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_person_each(struct catalog *cat, catalog_person_fn fn,
			void *ctx, struct siar_err *err);

/*
 * Call 'fn' for every person with a link or a photo (what a feed's
 * podcast:person carries), by name as catalog_person_each(), with
 * n_episodes left 0: counting them reads every credit.
 */
int catalog_person_each_linked(struct catalog *cat, catalog_person_fn fn,
			       void *ctx, struct siar_err *err);

/*
 * Credit person 'name' (created if new) on show 'slug' with 'role' and
 * 'group' from the Podcasting 2.0 taxonomy, matched ignoring ASCII case
 * and stored lowercase ("co-host", "cast"). A NULL role is "host" and a
 * NULL group "cast", each on its own as podcast:person has it. Crediting
 * the same person in the same role again changes nothing. Used for hosts.
 * Returns SIAR_OK, SIAR_EINVAL ("bad role 'ROLE' in group 'GROUP'", an
 * empty name), SIAR_ENOTFOUND (no such show), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_person_add(struct catalog *cat, const char *slug,
			    const char *name, const char *role,
			    const char *group, struct siar_err *err);

/* A person credited on a show (its hosts ...), as the feed shows them. */
struct catalog_show_credit {
	const char *name;
	const char *role;	/* lowercase, e.g. "host" */
	const char *group;	/* lowercase, e.g. "cast" */
	const char *url;	/* the person's http(s) URL, or NULL */
	const char *photo;	/* the person's photo URL, or NULL */
};

typedef int (*catalog_show_credit_fn)(const struct catalog_show_credit *c,
				      void *ctx, struct siar_err *err);

/*
 * Call 'fn' for each person credited on show 'slug', in the order they
 * were credited (the strings are borrowed for the call). Returns SIAR_OK,
 * what 'fn' returned, SIAR_ENOTFOUND (no such show), SIAR_EDB or
 * SIAR_ENOMEM.
 */
int catalog_show_people_each(struct catalog *cat, const char *slug,
			     catalog_show_credit_fn fn, void *ctx,
			     struct siar_err *err);

/*
 * True if (group, role) is a pair of the Podcasting 2.0 taxonomy, ignoring
 * ASCII case. NULL is not. Cannot fail.
 */
bool catalog_person_role_valid(const char *group, const char *role);

struct catalog_topic {
	int64_t id;
	const char *name;
	const char *slug;
	int64_t n_episodes;
};

typedef int (*catalog_topic_fn)(const struct catalog_topic *t, void *ctx,
				struct siar_err *err);

/*
 * Add a topic named 'name' (trimmed, valid UTF-8), with a slug made from
 * it as for an episode's topics. '*id_out' (may be NULL) receives its ID.
 * Returns SIAR_OK, SIAR_EINVAL (empty, or no letters or digits),
 * SIAR_EEXIST (its slug is taken), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_topic_add(struct catalog *cat, const char *name,
		      int64_t *id_out, struct siar_err *err);

/*
 * Call 'fn' for every topic, by name ignoring ASCII case, with how many
 * episodes have it (the strings are borrowed for the call). Returns
 * SIAR_OK, what 'fn' returned, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_topic_each(struct catalog *cat, catalog_topic_fn fn, void *ctx,
		       struct siar_err *err);

/*
 * Rename topic 'from' (name or slug) to 'to'; its slug follows, and the
 * search index of its episodes is refreshed. Returns SIAR_OK,
 * SIAR_ENOTFOUND ("no topic 'FROM'"), SIAR_EINVAL (bad 'to'), SIAR_EEXIST
 * (the new slug is another topic's), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_topic_rename(struct catalog *cat, const char *from,
			 const char *to, struct siar_err *err);

/*
 * Move every episode of topic 'from' to 'into' (each name or slug),
 * keeping its place in the episode's list (an episode that has both keeps
 * that of 'into'), and remove 'from'. Returns SIAR_OK, SIAR_ENOTFOUND,
 * SIAR_EINVAL (the same topic), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_topic_merge(struct catalog *cat, const char *from,
			const char *into, struct siar_err *err);

/* ---- Publishing rhythm ---------------------------------------------------- */

/* One period of a show's cadence (a day, week, fortnight or month). */
struct catalog_period {
	int64_t start_unix;	/* local midnight of its first day */
	int64_t end_unix;	/* the next period's start */
	size_t n_published;	/* episodes published in it */
	bool complete;		/* it has ended (end <= now) */
};

struct catalog_rhythm {
	const char *cadence;	/* "daily", "weekly", "biweekly", "monthly" */
	/* The periods overlapping [from, to), oldest first. */
	struct catalog_period *periods;
	size_t n_periods;
	size_t n_met;		/* complete periods in [from, to) with an episode */
	size_t n_missed;	/* complete periods in [from, to) without one */
	/*
	 * The longest time without a publication, between two episodes in
	 * [from, min(to, now)) or from the last one to min(to, now).
	 */
	int64_t longest_gap_s;
	int64_t longest_gap_from;
	int64_t longest_gap_to;
	size_t streak;		/* periods met in a row up to now (the current
				 * one counts once met; it is not missed yet) */
	int64_t last_published_unix;	/* 0: none before min(to, now) */
	int64_t next_due_unix;	/* the end of the period that needs the next
				 * episode: this one, or the next once this
				 * one is met */
	bool overdue;		/* the last whole period had none, nor has
				 * this one so far */
};

/* Prepare an empty rhythm. Allocates nothing; cannot fail. */
void catalog_rhythm_init(struct catalog_rhythm *r);

/* Free what 'r' owns and leave it as after catalog_rhythm_init(). */
void catalog_rhythm_release(struct catalog_rhythm *r);

/*
 * The rhythm of a show of 'cadence' (NULL: weekly) in zone 'tz' whose
 * episodes were published at 'published' (n times, any order) over the
 * report period [from, to), seen at 'now'. Weeks start on Monday and
 * fortnights on the Mondays of even weeks counted from 1970-01-05, in
 * local time; months on the 1st. Fills 'out' (initialised or not).
 * Returns SIAR_OK, SIAR_EINVAL (unknown cadence or zone, to <= from) or
 * SIAR_ENOMEM.
 */
int catalog_rhythm_compute(const char *cadence, const char *tz,
			   const int64_t *published, size_t n, int64_t from,
			   int64_t to, int64_t now, struct catalog_rhythm *out,
			   struct siar_err *err);

/*
 * The rhythm part of catalog_show_report() alone, without the rest of the
 * report's queries: for checks that only need to know whether show
 * 'slug' is keeping its cadence. Fills 'out' (initialised or not; its
 * cadence is a constant string). Returns as catalog_show_report().
 */
int catalog_show_rhythm(struct catalog *cat, const char *slug, int64_t from,
			int64_t to, struct catalog_rhythm *out,
			struct siar_err *err);

/* A guest of the report's period. */
struct catalog_guest_stat {
	char *name;
	char *organisation;	/* NULL if unknown */
	size_t n_episodes;	/* live episodes of the period they are in */
	bool is_new;		/* their first live episode of the show is in
				 * the period; otherwise they are returning */
};

struct catalog_topic_stat {
	char *name;
	size_t n_episodes;	/* live episodes of the period on it */
};

/* An episode waiting for review (in_review) or for publication (approved). */
struct catalog_waiting {
	int64_t episode_id;
	char *title;
	char *status;
	int64_t since_unix;	/* its last submission (or its creation) */
};

struct catalog_show_report {
	struct catalog_show show;
	int64_t from_unix, to_unix, now_unix;
	struct catalog_rhythm rhythm;
	/* Live episodes published in [from, to), videos among them. */
	size_t n_episodes;
	size_t n_videos;
	int64_t total_ms;
	struct catalog_guest_stat *guests;	/* most episodes first */
	size_t n_guests;
	size_t n_new_guests;
	struct catalog_topic_stat *topics;	/* most episodes first */
	size_t n_topics;
	struct catalog_waiting *waiting;	/* longest waiting first */
	size_t n_waiting;
	/*
	 * From the last submission to publication, for the episodes of the
	 * period that went through review.
	 */
	size_t n_lead_times;
	int64_t lead_median_s, lead_mean_s, lead_max_s;
};

/* Prepare an empty report. Allocates nothing; cannot fail. */
void catalog_show_report_init(struct catalog_show_report *r);

/* Free what 'r' owns and leave it as after catalog_show_report_init(). */
void catalog_show_report_release(struct catalog_show_report *r);

/*
 * The report of show 'slug' for [from, to), as seen at catalog_now():
 * only episodes published by then count. Fills 'out' (initialised or
 * not). Returns SIAR_OK, SIAR_ENOTFOUND, SIAR_EINVAL (to <= from),
 * SIAR_EDB or SIAR_ENOMEM; on failure 'out' is left empty.
 */
int catalog_show_report(struct catalog *cat, const char *slug, int64_t from,
			int64_t to, struct catalog_show_report *out,
			struct siar_err *err);

/* ---- Followed shows ------------------------------------------------------ */

/*
 * A show followed by its public feed (siar follow): a province or
 * national office keeps the shows of the offices under it this way.
 */
struct catalog_follow {
	char *show_slug;
	char *url;		/* the feed, http(s) */
	char *etag;		/* of the last 200 answer, for If-None-Match */
	char *last_modified;	/* of the last 200 answer, for
				 * If-Modified-Since */
	int64_t followed_unix;
	int64_t checked_unix;	/* the last refresh that reached the feed or
				 * tried to; 0: never */
	int64_t changed_unix;	/* the last refresh that imported a change */
	char *last_error;	/* why the last refresh failed; NULL if it
				 * did not */
};

/* Prepare an empty follow. Allocates nothing; cannot fail. */
void catalog_follow_init(struct catalog_follow *f);

/* Free what 'f' owns and leave it as after catalog_follow_init(). */
void catalog_follow_release(struct catalog_follow *f);

/*
 * Follow show 'slug' by the feed at 'url'; following it again by another
 * URL forgets the old URL's validators. Returns SIAR_OK, SIAR_EINVAL (not
 * an http(s) URL), SIAR_ENOTFOUND (no such show), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_follow_set(struct catalog *cat, const char *slug,
		       const char *url, struct siar_err *err);

/*
 * Record a refresh of show 'slug': f->etag, last_modified, checked_unix,
 * changed_unix and last_error replace the stored ones (the rest of 'f' is
 * ignored). Returns SIAR_OK, SIAR_ENOTFOUND ("show 'SLUG' is not
 * followed"), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_follow_checked(struct catalog *cat, const char *slug,
			   const struct catalog_follow *f,
			   struct siar_err *err);

/* Stop following show 'slug' (the show and its episodes stay). */
int catalog_follow_remove(struct catalog *cat, const char *slug,
			  struct siar_err *err);

typedef int (*catalog_follow_fn)(const struct catalog_follow *f, void *ctx,
				 struct siar_err *err);

/*
 * Call 'fn' for the followed show 'slug', or for every followed show by
 * slug when 'slug' is NULL ('f' is borrowed for the call). Returns
 * SIAR_OK, what 'fn' returned, SIAR_ENOTFOUND (slug given and not
 * followed), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_follow_each(struct catalog *cat, const char *slug,
			catalog_follow_fn fn, void *ctx, struct siar_err *err);

/* ---- Reading one state -------------------------------------------------- */

/*
 * Read one state of the catalogue: every read until catalog_read_end()
 * sees the catalogue as it was at the first of them, whatever other
 * processes write meanwhile (a feed's channel and items agree), and they
 * share one read transaction instead of each starting its own. Only
 * reads may come in between. Inside a transaction of the caller's it
 * does nothing. Returns SIAR_OK or SIAR_EDB; '*read' says whether
 * catalog_read_end() has something to end.
 */
int catalog_read_begin(struct catalog *cat, bool *read, struct siar_err *err);

/* End what catalog_read_begin() began, if 'read'. Cannot fail. */
void catalog_read_end(struct catalog *cat, bool read);

/* ---- Bulk changes ---------------------------------------------------------- */

/* A group of changes that commit together (see catalog_bulk_begin). */
struct catalog_bulk {
	bool active;
	bool outer;
};

/*
 * Start a group of changes: every catalog_*() change until
 * catalog_bulk_end() becomes part of one transaction, which commits once.
 * For imports and bulk loads. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_bulk_begin(struct catalog *cat, struct catalog_bulk *bulk,
		       struct siar_err *err);

/*
 * End the group: commit it when 'rc' is SIAR_OK, undo all of it
 * otherwise. Returns 'rc', or the failure to commit. Safe after a failed
 * catalog_bulk_begin().
 */
int catalog_bulk_end(struct catalog *cat, struct catalog_bulk *bulk, int rc,
		     struct siar_err *err);

/* ---- Backup ---------------------------------------------------------------- */

/*
 * Copy the whole catalogue to 'path' with SQLite's online backup, while
 * others may keep using it, into a temporary file renamed into place
 * (replacing what was at 'path'). The backup is a single file in rollback
 * journal mode. On failure nothing is left at or beside 'path'. Returns
 * SIAR_OK, SIAR_EIO (cannot write there), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_backup(struct catalog *cat, const char *path,
		   struct siar_err *err);

/*
 * Replace the catalogue's content with the backup at 'path' (read only),
 * which must be a siar catalogue (an older schema is upgraded after the
 * copy; a newer one is refused). The copy is one transaction; if the
 * upgrade after it fails, the catalogue holds the backup as it was.
 * Fails inside catalog_bulk_begin(). Returns SIAR_OK, SIAR_ENOTFOUND ("no
 * backup at 'PATH'"), SIAR_EDB (not a siar catalogue, made by a newer
 * siar, unreadable) or SIAR_ENOMEM.
 */
int catalog_restore(struct catalog *cat, const char *path,
		    struct siar_err *err);

/* ---- Export and import ------------------------------------------------------ */

/*
 * Write the whole catalogue to 'out' as one JSON document (README.md,
 * "Export and import", shows it): the shows with their people, the
 * people, the topics, the episodes with their credits, topics, chapters,
 * transcripts and renditions, and the episode log, every ID, GUID, time,
 * status and position as stored. It is read in one transaction, so it is
 * consistent while others write, and written a row at a time, so memory
 * does not grow with the catalogue. Real numbers are written with the
 * digits they need to read back as the same number.
 *
 * Returns SIAR_OK, SIAR_EIO (writing to 'out' failed), SIAR_EDB (also: a
 * stored value that JSON cannot hold) or SIAR_ENOMEM. On failure part of
 * the document may have been written.
 */
int catalog_export(struct catalog *cat, FILE *out, struct siar_err *err);

/* How many of each catalog_import_dump() stored. */
struct catalog_import_counts {
	size_t shows;
	size_t people;
	size_t topics;
	size_t episodes;
	size_t log_entries;
};

/*
 * Load the document 'json' ('len' bytes), as catalog_export() writes it,
 * into 'cat', which must be empty: no show, person, topic, episode or log
 * entry. Everything keeps its ID, GUID, times, status and position, and
 * the search index is built for the episodes. Each item is checked as
 * the API checks it (catalog_show_add, catalog_person_add,
 * catalog_topic_add, catalog_episode_add, the taxonomy of roles, the
 * statuses) and against the schema's constraints; refused too are a
 * field missing, unknown or of the wrong type, an ID given twice, and a
 * reference to an item the document does not have. Text is stored as
 * valid UTF-8 as the API stores it; paths byte for byte. All of it is one
 * transaction: on failure the catalogue is left empty. '*counts' (may be
 * NULL) receives how many of each were stored.
 *
 * Returns SIAR_OK; SIAR_EEXIST (the catalogue is not empty); SIAR_EINVAL
 * (not JSON, not a siar dump, a format or schema version newer than this
 * siar knows, or a bad item: 'err' names the item, as "episode 12" or
 * "episode 12, chapters[2]", and the field); SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_import_dump(struct catalog *cat, const char *json, size_t len,
			struct catalog_import_counts *counts,
			struct siar_err *err);

#endif
