/*
 * Episodes: checking and adding one with its guests, credits, topics,
 * chapters, transcripts and renditions, reading one or a filtered stream
 * of them back, and finding one by the hash of its file.
 *
 * Finding and linking guests and topics is names.c's job, other credits
 * people.c's; storing chapters, transcripts and renditions is
 * chapters.c's; reading all those lists back is lists.c's; editing,
 * removing, the review workflow and the log are review.c's; the search
 * index is search.c's.
 */
#include "catalog.h"

#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/*
 * Every query that fills a struct catalog_episode selects these, with
 * D() around the details CATALOG_SKIP_DETAILS leaves out.
 */
#define EPISODE_COLUMNS_OF(D)                                                 \
	"e.id, e.show_id, " D("s.slug") ", e.guid, e.title, e.description,"  \
	" e.media_path, e.media_mime, " D("e.media_kind") ","                 \
	" " D("e.media_container") ","                                       \
	" e.media_sha256, e.media_size_bytes, e.duration_ms,"                \
	" " D("e.duration_method") ", e.bit_rate, " D("e.audio_codec") ","   \
	" " D("e.video_codec") ", e.width, e.height,"                        \
	" " D("e.sample_rate") ", " D("e.channels") ","                      \
	" " D("e.frame_rate") ", " D("e.loudness_lufs") ","                  \
	" " D("e.loudness_range_lu") ", " D("e.true_peak_dbtp") ","          \
	" e.image_path, e.image_apple_ok, e.poster_path,"                    \
	" " D("e.recorded_on") ","                                           \
	" e.season, e.episode_number, e.status, e.published_unix,"           \
	" " D("e.created_unix") ", e.updated_unix, e.episode_type,"          \
	" e.explicit, e.chapters_url"
#define EPISODE_DETAIL(c) c
/* A detail left out: NULL in its place, which reads as empty. */
#define EPISODE_NO_DETAIL(c) "NULL"
#define EPISODE_COLUMNS EPISODE_COLUMNS_OF(EPISODE_DETAIL)

#define EPISODE_FROM "SELECT " EPISODE_COLUMNS " FROM " CATALOG_EPISODE_TABLES
/* Without the show's slug, the lean walk need not join the shows. */
#define EPISODE_FROM_LEAN                                                     \
	"SELECT " EPISODE_COLUMNS_OF(EPISODE_NO_DETAIL) " FROM episodes e"

/* Newest first; an ID breaks ties so the order never depends on chance. */
#define LIVE_ORDER "e.published_unix DESC, e.id DESC"

/* The date catalog_filter's from_unix and to_unix bound. */
#define EPISODE_DATE                                                          \
	"(CASE WHEN e.status = 'published' THEN e.published_unix"            \
	" ELSE e.created_unix END)"

/* A UUID as text: 32 hex digits, 4 hyphens, the terminator. */
#define GUID_SIZE 37

void catalog_episode_init(struct catalog_episode *ep)
{
	memset(ep, 0, sizeof(*ep));
}

static void free_list(char **list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

static void free_chapters(struct catalog_chapter *chapters, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(chapters[i].title);
	free(chapters);
}

static void free_transcripts(struct catalog_transcript *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(t[i].path);
		free(t[i].mime);
		free(t[i].language);
	}
	free(t);
}

static void free_credits(struct catalog_credit *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(c[i].name);
		free(c[i].role);
		free(c[i].group);
	}
	free(c);
}

static void free_renditions(struct catalog_rendition *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(r[i].path);
		free(r[i].mime);
		free(r[i].kind);
		free(r[i].sha256);
		free(r[i].title);
	}
	free(r);
}

void catalog_episode_release(struct catalog_episode *ep)
{
	free(ep->show_slug);
	free(ep->guid);
	free(ep->title);
	free(ep->description);
	free(ep->media_path);
	free(ep->media_mime);
	free(ep->media_kind);
	free(ep->media_container);
	free(ep->media_sha256);
	free(ep->duration_method);
	free(ep->audio_codec);
	free(ep->video_codec);
	free(ep->image_path);
	free(ep->poster_path);
	free(ep->recorded_on);
	free_chapters(ep->chapters, ep->n_chapters);
	free(ep->chapters_url);
	free(ep->episode_type);
	free(ep->added_by);
	free_transcripts(ep->transcripts, ep->n_transcripts);
	free_renditions(ep->renditions, ep->n_renditions);
	free_list(ep->guests, ep->n_guests);
	free_list(ep->topics, ep->n_topics);
	free_credits(ep->credits, ep->n_credits);
	catalog_episode_init(ep);
}

/* ---- Checking fields ---------------------------------------------------- */

bool catalog_sha256_valid(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		      (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

/* The strings; media_path names the episode, as the user knows it. */
static int check_text(const struct catalog_episode *ep, struct siar_err *err)
{
	if (catalog_blank(ep->show_slug))
		return siar_err_set(err, SIAR_EINVAL, "episode has no show");
	if (!ep->media_path || !*ep->media_path)
		return siar_err_set(err, SIAR_EINVAL,
				    "episode has no media file");
	if (catalog_blank(ep->title))
		return siar_err_set(err, SIAR_EINVAL,
				    "episode '%s' has no title",
				    ep->media_path);
	if (!ep->media_mime || !strchr(ep->media_mime, '/'))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad MIME type '%s' for '%s'",
				    ep->media_mime ? ep->media_mime : "",
				    ep->media_path);
	if (!ep->media_kind || (strcmp(ep->media_kind, "audio") &&
				strcmp(ep->media_kind, "video")))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad media kind '%s' for '%s': use audio"
				    " or video",
				    ep->media_kind ? ep->media_kind : "",
				    ep->media_path);
	if (ep->media_sha256 ? !catalog_sha256_valid(ep->media_sha256)
			     : !catalog_path_remote(ep->media_path))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad SHA-256 '%s' for '%s': use 64"
				    " lowercase hex digits",
				    ep->media_sha256 ? ep->media_sha256 : "",
				    ep->media_path);
	return SIAR_OK;
}

/*
 * A given GUID: apps compare GUIDs byte for byte, so it is stored exactly
 * as given, and must therefore already be clean.
 */
static int check_guid(const struct catalog_episode *ep, struct siar_err *err)
{
	size_t len, i;

	if (!ep->guid)
		return SIAR_OK;
	len = strlen(ep->guid);
	if (catalog_blank(ep->guid))
		return siar_err_set(err, SIAR_EINVAL, "empty GUID for '%s'",
				    ep->media_path);
	if (len > CATALOG_GUID_MAX)
		return siar_err_set(err, SIAR_EINVAL,
				    "GUID of '%s' is longer than %d bytes",
				    ep->media_path, CATALOG_GUID_MAX);
	for (i = 0; i < len; i++)
		if ((unsigned char)ep->guid[i] < 0x20 || ep->guid[i] == 0x7f)
			break;
	if (i < len || !siar_utf8_valid(ep->guid, len))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad GUID for '%s': not UTF-8 text without"
				    " control characters",
				    ep->media_path);
	return SIAR_OK;
}

static int check_numbers(const struct catalog_episode *ep,
			 struct siar_err *err)
{
	const char *what = NULL;

	if (ep->media_size_bytes < 0)
		what = "size";
	else if (ep->duration_ms < 0)
		what = "duration";
	else if (ep->bit_rate < 0)
		what = "bit rate";
	else if (ep->width < 0 || ep->height < 0)
		what = "picture size";
	else if (ep->sample_rate < 0)
		what = "sample rate";
	else if (ep->channels < 0)
		what = "channel count";
	else if (ep->season < 0)
		what = "season";
	else if (ep->episode_number < 0)
		what = "episode number";
	if (what)
		return siar_err_set(err, SIAR_EINVAL, "negative %s for '%s'",
				    what, ep->media_path);
	return SIAR_OK;
}

/*
 * Real numbers: NaN would be stored as NULL, and JSON and XML writers
 * refuse infinities, so neither gets in.
 */
static int check_reals(const struct catalog_episode *ep, struct siar_err *err)
{
	if (!isfinite(ep->frame_rate) || ep->frame_rate < 0)
		return siar_err_set(err, SIAR_EINVAL,
				    "bad frame rate %g for '%s'",
				    ep->frame_rate, ep->media_path);
	if (ep->has_loudness &&
	    (!isfinite(ep->loudness_lufs) ||
	     !isfinite(ep->loudness_range_lu) ||
	     !isfinite(ep->true_peak_dbtp)))
		return siar_err_set(err, SIAR_EINVAL,
				    "loudness of '%s' is not a finite number",
				    ep->media_path);
	return SIAR_OK;
}

static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
				     31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/*
 * "YYYY", "YYYY-MM" or "YYYY-MM-DD", a real date: a file's date tag often
 * holds only the year, and a made-up day would be worse than none.
 */
static bool date_valid(const char *s)
{
	size_t len = strlen(s);
	int year, month;

	if ((len != 4 && len != 7 && len != 10) || !digits(s, 4))
		return false;
	year = two_digits(s) * 100 + two_digits(s + 2);
	if (year == 0)
		return false;
	if (len == 4)
		return true;
	if (s[4] != '-' || !digits(s + 5, 2))
		return false;
	month = two_digits(s + 5);
	if (month < 1 || month > 12)
		return false;
	if (len == 7)
		return true;
	if (s[7] != '-' || !digits(s + 8, 2))
		return false;
	return two_digits(s + 8) >= 1 &&
	       two_digits(s + 8) <= days_in_month(year, month);
}

/* The optional paths and the date of recording. */
static int check_extras(const struct catalog_episode *ep,
			struct siar_err *err)
{
	if (ep->image_path && !*ep->image_path)
		return siar_err_set(err, SIAR_EINVAL,
				    "empty image path for '%s'",
				    ep->media_path);
	if (ep->poster_path && !*ep->poster_path)
		return siar_err_set(err, SIAR_EINVAL,
				    "empty poster path for '%s'",
				    ep->media_path);
	if (ep->chapters_url && !catalog_path_remote(ep->chapters_url))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad chapters URL '%s' for '%s': use an"
				    " http:// or https:// URL",
				    ep->chapters_url, ep->media_path);
	if (ep->recorded_on && !date_valid(ep->recorded_on))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad recording date '%s' for '%s': use"
				    " YYYY, YYYY-MM or YYYY-MM-DD",
				    ep->recorded_on, ep->media_path);
	return SIAR_OK;
}

/* The episode type and who adds it. */
static int check_kind(const struct catalog_episode *ep, struct siar_err *err)
{
	const char *type = ep->episode_type;

	if (type && strcmp(type, "full") && strcmp(type, "trailer") &&
	    strcmp(type, "bonus"))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad episode type '%s' for '%s': use full,"
				    " trailer or bonus",
				    type, ep->media_path);
	if (ep->added_by && catalog_blank(ep->added_by))
		return siar_err_set(err, SIAR_EINVAL,
				    "empty name of who adds '%s'",
				    ep->media_path);
	return SIAR_OK;
}

int catalog_episode_check(const struct catalog_episode *ep,
			  struct siar_err *err)
{
	int rc;

	rc = check_text(ep, err);
	if (!rc)
		rc = check_guid(ep, err);
	if (!rc)
		rc = check_numbers(ep, err);
	if (!rc)
		rc = check_reals(ep, err);
	if (!rc)
		rc = check_extras(ep, err);
	if (!rc)
		rc = check_kind(ep, err);
	if (!rc)
		rc = catalog_credits_check(ep, err);
	if (!rc)
		rc = catalog_chapters_check(ep, err);
	if (!rc)
		rc = catalog_files_check(ep, err);
	return rc;
}

static int number_taken(const struct catalog_episode *ep, int64_t other,
			struct siar_err *err)
{
	if (ep->season)
		return siar_err_set(err, SIAR_EEXIST,
				    "episode %d of season %d already exists in"
				    " show '%s' (episode id %lld)",
				    ep->episode_number, ep->season,
				    ep->show_slug, (long long)other);
	return siar_err_set(err, SIAR_EEXIST,
			    "episode %d already exists in show '%s' (episode"
			    " id %lld)",
			    ep->episode_number, ep->show_slug,
			    (long long)other);
}

int catalog_episode_number_check(struct catalog *cat,
				 const struct catalog_episode *ep,
				 int64_t show_id, int64_t self_id,
				 struct siar_err *err)
{
	static const char sql[] =
		"SELECT id FROM episodes WHERE show_id = ?1 AND season = ?2"
		" AND episode_number = ?3 AND episode_number > 0 AND id <> ?4"
		" ORDER BY id LIMIT 1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	if (ep->episode_number <= 0)
		return SIAR_OK;
	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_NUMBER_FIND, sql, &st,
			  err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, show_id);
	catalog_bind_int(&b, ep->season);
	catalog_bind_int(&b, ep->episode_number);
	catalog_bind_int(&b, self_id);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = number_taken(ep, sqlite3_column_int64(st, 0), err);
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "check an episode number", src, err);
	catalog_stmt_done(st);
	return rc;
}

/* ---- Adding ------------------------------------------------------------- */

/*
 * A random (version 4) UUID, lowercase, from SQLite's CSPRNG, so that the
 * guid never changes and never depends on a file name or a URL.
 */
static void make_guid(char out[GUID_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t i, o = 0;

	sqlite3_randomness(sizeof(r), r);
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	for (i = 0; i < sizeof(r); i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[r[i] >> 4];
		out[o++] = hex[r[i] & 0x0f];
	}
	out[o] = '\0';
}

/* The columns of schema versions 2, 3 and 5, parameters ?21 to ?33. */
static void bind_extras(struct catalog_bind *b,
			const struct catalog_episode *ep)
{
	catalog_bind_int(b, ep->sample_rate);
	catalog_bind_int(b, ep->channels);
	catalog_bind_double(b, ep->frame_rate);
	if (ep->has_loudness) {
		catalog_bind_double(b, ep->loudness_lufs);
		catalog_bind_double(b, ep->loudness_range_lu);
		catalog_bind_double(b, ep->true_peak_dbtp);
	} else {
		catalog_bind_null(b);
		catalog_bind_null(b);
		catalog_bind_null(b);
	}
	catalog_bind_text(b, ep->image_path, false);
	catalog_bind_int(b, ep->image_apple_ok);
	catalog_bind_text(b, ep->poster_path, false);
	catalog_bind_text(b, ep->recorded_on, false);
	catalog_bind_text(b, ep->episode_type ? ep->episode_type : "full",
			  false);
	catalog_bind_int(b, ep->explicit);
	catalog_bind_text(b, ep->chapters_url, false);
}

/*
 * ?34 and ?35 are the status and publication time: an import adds an
 * episode as published, siar add as a draft.
 */
static int bind_episode(sqlite3_stmt *st, const struct catalog_episode *ep,
			int64_t show_id, const char *guid,
			enum catalog_status status, int64_t now)
{
	struct catalog_bind b;

	catalog_bind_init(&b, st);
	catalog_bind_int(&b, show_id);
	catalog_bind_text(&b, guid, false);
	catalog_bind_text(&b, ep->title, true);
	catalog_bind_text(&b, ep->description, true);
	/* A path is bytes: kept as given so the file can be found again. */
	catalog_bind_text(&b, ep->media_path, false);
	catalog_bind_text(&b, ep->media_mime, true);
	catalog_bind_text(&b, ep->media_kind, false);
	catalog_bind_text(&b, ep->media_container, true);
	catalog_bind_text(&b, ep->media_sha256, false);
	catalog_bind_int(&b, ep->media_size_bytes);
	catalog_bind_int(&b, ep->duration_ms);
	catalog_bind_text(&b, ep->duration_method, true);
	catalog_bind_int(&b, ep->bit_rate);
	catalog_bind_text(&b, ep->audio_codec, true);
	catalog_bind_text(&b, ep->video_codec, true);
	catalog_bind_int(&b, ep->width);
	catalog_bind_int(&b, ep->height);
	catalog_bind_int(&b, ep->season);
	catalog_bind_int(&b, ep->episode_number);
	catalog_bind_int(&b, now);
	bind_extras(&b, ep);
	catalog_bind_text(&b, catalog_status_name(status), false);
	if (status == CATALOG_STATUS_PUBLISHED)
		catalog_bind_int(&b, ep->published_unix);
	else
		catalog_bind_null(&b);
	return b.src;
}

static int insert_episode(struct catalog *cat,
			  const struct catalog_episode *ep, int64_t show_id,
			  enum catalog_status status, int64_t *id,
			  struct siar_err *err)
{
	/*
	 * The ID is past every ID the log has seen: SQLite would otherwise
	 * reuse the ID of a removed last episode, and its kept log would
	 * then read as the new episode's.
	 */
	static const char sql[] =
		"INSERT INTO episodes (id, show_id, guid, title, description,"
		" media_path, media_mime, media_kind, media_container,"
		" media_sha256, media_size_bytes, duration_ms, duration_method,"
		" bit_rate, audio_codec, video_codec, width, height, season,"
		" episode_number, status, published_unix, created_unix,"
		" updated_unix, sample_rate, channels, frame_rate,"
		" loudness_lufs, loudness_range_lu, true_peak_dbtp,"
		" image_path, image_apple_ok, poster_path, recorded_on,"
		" episode_type, explicit, chapters_url)"
		" VALUES (1 + max(coalesce((SELECT max(id) FROM episodes), 0),"
		" coalesce((SELECT max(episode_id) FROM episode_log), 0)),"
		" ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?34, ?35, ?20, ?20,"
		" ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,"
		" ?33)";
	sqlite3_stmt *st = NULL;
	char guid[GUID_SIZE];
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_INSERT, sql, &st, err);
	if (rc)
		return rc;
	if (!ep->guid)
		make_guid(guid);
	src = bind_episode(st, ep, show_id, ep->guid ? ep->guid : guid,
			   status, catalog_now(cat));
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		*id = sqlite3_last_insert_rowid(cat->db);
	else
		rc = catalog_db_error(cat, "add an episode", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_episode_lists_link(struct catalog *cat, int64_t id,
			       const struct catalog_episode *ep,
			       struct siar_err *err)
{
	int rc;

	rc = catalog_guests_link(cat, id, ep->guests, ep->n_guests, err);
	if (!rc)
		rc = catalog_credits_link(cat, id, ep, err);
	if (!rc)
		rc = catalog_topics_link(cat, id, ep->topics, ep->n_topics,
					 err);
	if (!rc)
		rc = catalog_chapters_link(cat, id, ep, err);
	if (!rc)
		rc = catalog_files_link(cat, id, ep, err);
	return rc;
}

/*
 * The ID of the episode of show 'show_id' with GUID 'guid': SIAR_OK,
 * SIAR_ENOTFOUND without a message, SIAR_EDB or SIAR_ENOMEM.
 */
static int guid_find(struct catalog *cat, int64_t show_id, const char *guid,
		     int64_t *id, struct siar_err *err)
{
	static const char sql[] =
		"SELECT id FROM episodes WHERE show_id = ?1 AND guid = ?2";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_FIND_GUID, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, show_id);
	catalog_bind_text(&b, guid, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = SIAR_ENOTFOUND;
	else
		rc = catalog_db_error(cat, "find an episode", src, err);
	catalog_stmt_done(st);
	return rc;
}

/* SIAR_EEXIST when ep->guid is another episode's in show 'show_id'. */
static int guid_check(struct catalog *cat, const struct catalog_episode *ep,
		      int64_t show_id, struct siar_err *err)
{
	int64_t other = 0;
	int rc;

	if (!ep->guid)
		return SIAR_OK;
	rc = guid_find(cat, show_id, ep->guid, &other, err);
	if (rc == SIAR_ENOTFOUND && !err->code)
		return SIAR_OK;
	if (rc)
		return rc;
	return siar_err_set(err, SIAR_EEXIST,
			    "an episode with GUID '%s' already exists in show"
			    " '%s' (episode id %lld)",
			    ep->guid, ep->show_slug, (long long)other);
}

int catalog_episode_store(struct catalog *cat,
			  const struct catalog_episode *ep,
			  enum catalog_status status, int64_t *id,
			  struct siar_err *err)
{
	int64_t show_id = 0;
	int rc;

	rc = catalog_show_id(cat, ep->show_slug, &show_id, err);
	if (!rc)
		rc = guid_check(cat, ep, show_id, err);
	if (!rc)
		rc = catalog_episode_number_check(cat, ep, show_id, 0, err);
	if (!rc)
		rc = insert_episode(cat, ep, show_id, status, id, err);
	if (!rc)
		rc = catalog_episode_lists_link(cat, *id, ep, err);
	return rc;
}

static int log_added(struct catalog *cat, const struct catalog_episode *ep,
		     int64_t id, struct siar_err *err)
{
	struct catalog_log_entry entry = {
		.episode_id = id,
		.at_unix = catalog_now(cat),
		.actor = ep->added_by ? ep->added_by : "siar",
		.action = "add",
		.to_status = catalog_status_name(CATALOG_STATUS_DRAFT),
	};

	return catalog_log_add(cat, &entry, err);
}

int catalog_episode_add(struct catalog *cat, const struct catalog_episode *ep,
			int64_t *id_out, struct siar_err *err)
{
	int64_t id = 0;
	bool outer;
	int rc;

	assert(ep && err);
	assert(!ep->n_guests || ep->guests);
	assert(!ep->n_topics || ep->topics);
	rc = catalog_episode_check(ep, err);
	if (!rc)
		rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = catalog_episode_store(cat, ep, CATALOG_STATUS_DRAFT, &id, err);
	if (!rc)
		rc = log_added(cat, ep, id, err);
	if (!rc)
		rc = catalog_search_refresh(cat, id, err);
	rc = catalog_txn_end(cat, outer, rc, err);
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* ---- Reading ------------------------------------------------------------ */

bool catalog_status_parse(const char *name, enum catalog_status *out)
{
	enum catalog_status s;

	for (s = CATALOG_STATUS_DRAFT; s <= CATALOG_STATUS_ARCHIVED; s++) {
		if (name && !strcmp(name, catalog_status_name(s))) {
			*out = s;
			return true;
		}
	}
	return false;
}

int catalog_episode_row_done(const struct catalog *cat, int64_t id, int src,
			     const char *status, enum catalog_status *out,
			     struct siar_err *err)
{
	if (src)
		return catalog_db_error(cat, "read an episode", src, err);
	if (!catalog_status_parse(status, out))
		return siar_err_set(err, SIAR_EDB,
				    "episode %lld in '%s' has unknown status"
				    " '%s'",
				    (long long)id, cat->path,
				    status ? status : "");
	return SIAR_OK;
}

int catalog_episode_step(struct catalog *cat, sqlite3_stmt *st, int64_t id,
			 struct siar_err *err)
{
	int src;

	src = sqlite3_bind_int64(st, 1, id);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		return SIAR_OK;
	if (src == SQLITE_DONE)
		return siar_err_set(err, SIAR_ENOTFOUND, "no episode %lld",
				    (long long)id);
	return catalog_db_error(cat, "read an episode", src, err);
}

/*
 * A detail column (EPISODE_COLUMNS_OF's D): NULL in a lean row
 * (EPISODE_FROM_LEAN), where it is passed over without a call into
 * SQLite: the thirteen of them, read with three calls each, were 2 ms of
 * a feed of 10,000 episodes.
 */
static char *detail_text(struct catalog_row *r, bool lean, bool repair)
{
	if (!lean)
		return catalog_row_text(r, repair);
	r->col++;
	return NULL;
}

static int64_t detail_int(struct catalog_row *r, bool lean)
{
	if (!lean)
		return catalog_row_int(r);
	r->col++;
	return 0;
}

static double detail_double(struct catalog_row *r, bool lean)
{
	if (!lean)
		return catalog_row_double(r);
	r->col++;
	return 0;
}

/* The media columns of EPISODE_COLUMNS, from media_path on. */
static void media_from_row(struct catalog_row *r, bool lean,
			   struct catalog_episode *out)
{
	out->media_path = catalog_row_text(r, false);
	out->media_mime = catalog_row_text(r, true);
	out->media_kind = detail_text(r, lean, true);
	out->media_container = detail_text(r, lean, true);
	out->media_sha256 = catalog_row_text(r, true);
	out->media_size_bytes = catalog_row_int(r);
	out->duration_ms = catalog_row_int(r);
	out->duration_method = detail_text(r, lean, true);
	out->bit_rate = catalog_row_int(r);
	out->audio_codec = detail_text(r, lean, true);
	out->video_codec = detail_text(r, lean, true);
	out->width = (int)catalog_row_int(r);
	out->height = (int)catalog_row_int(r);
}

/* The columns of schema version 2, from sample_rate on. */
static void extras_from_row(struct catalog_row *r, bool lean,
			    struct catalog_episode *out)
{
	out->sample_rate = (int)detail_int(r, lean);
	out->channels = (int)detail_int(r, lean);
	out->frame_rate = detail_double(r, lean);
	/* The schema keeps the three loudness columns NULL together. */
	out->has_loudness = !lean && !catalog_row_null(r);
	out->loudness_lufs = detail_double(r, lean);
	out->loudness_range_lu = detail_double(r, lean);
	out->true_peak_dbtp = detail_double(r, lean);
	out->image_path = catalog_row_text(r, false);
	out->image_apple_ok = catalog_row_int(r) != 0;
	out->poster_path = catalog_row_text(r, false);
	out->recorded_on = detail_text(r, lean, true);
}

/* The columns of schema version 3 from episode_type on, and version 5. */
static void v3_from_row(struct catalog_row *r, struct catalog_episode *out)
{
	out->episode_type = catalog_row_text(r, true);
	out->explicit = catalog_row_int(r) != 0;
	out->chapters_url = catalog_row_text(r, false);
}

/*
 * Fill 'out' from a row of EPISODE_COLUMNS ('lean': EPISODE_FROM_LEAN),
 * without the lists that live in tables of their own, added_by among
 * them (lists.c). Its strings go into 'arena', or with NULL are
 * malloc()ed. On failure 'out' is left empty.
 */
static int episode_from_row(const struct catalog *cat, sqlite3_stmt *st,
			    bool lean, struct catalog_arena *arena,
			    struct catalog_episode *out, struct siar_err *err)
{
	struct catalog_row r;
	char *status;
	int rc;

	catalog_row_init(&r, st);
	r.arena = arena;
	out->id = catalog_row_int(&r);
	out->show_id = catalog_row_int(&r);
	out->show_slug = detail_text(&r, lean, true);
	out->guid = catalog_row_text(&r, true);
	out->title = catalog_row_text(&r, true);
	out->description = catalog_row_text(&r, true);
	media_from_row(&r, lean, out);
	extras_from_row(&r, lean, out);
	out->season = (int)catalog_row_int(&r);
	out->episode_number = (int)catalog_row_int(&r);
	status = catalog_row_text(&r, false);
	out->published_unix = catalog_row_int(&r);
	out->created_unix = detail_int(&r, lean);
	out->updated_unix = catalog_row_int(&r);
	v3_from_row(&r, out);
	rc = catalog_episode_row_done(cat, out->id, r.src, status, &out->status,
				      err);
	if (!arena)
		free(status);
	if (rc && arena)
		catalog_episode_init(out); /* the strings are the arena's */
	else if (rc)
		catalog_episode_release(out);
	return rc;
}

int catalog_episode_get(struct catalog *cat, int64_t id,
			struct catalog_episode *out, struct siar_err *err)
{
	static const char sql[] = EPISODE_FROM " WHERE e.id = ?1";
	sqlite3_stmt *st = NULL;
	int rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_GET, sql, &st, err);
	if (rc)
		return rc;
	rc = catalog_episode_step(cat, st, id, err);
	if (!rc)
		rc = episode_from_row(cat, st, false, NULL, out, err);
	catalog_stmt_done(st);
	if (!rc)
		rc = catalog_lists_load(cat, out, err);
	if (rc)
		catalog_episode_release(out);
	return rc;
}

/* ---- Finding by file --------------------------------------------------- */

int catalog_episode_find_sha256(struct catalog *cat, const char *show_slug,
				const char *sha256, int64_t *id_out,
				struct siar_err *err)
{
	/*
	 * ?2 NULL: any show. The episodes_sha256 index finds the few rows
	 * with this hash either way.
	 */
	static const char sql[] =
		"SELECT id FROM episodes WHERE media_sha256 = ?1"
		" AND (?2 IS NULL OR show_id = ?2) ORDER BY id LIMIT 1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int64_t show_id = 0;
	int src, rc;

	assert(id_out && err);
	if (!sha256 || !catalog_sha256_valid(sha256))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad SHA-256 '%s': use 64 lowercase hex"
				    " digits",
				    sha256 ? sha256 : "");
	if (show_slug) {
		rc = catalog_show_id(cat, show_slug, &show_id, err);
		if (rc)
			return rc;
	}
	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_FIND_SHA256, sql, &st,
			  err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, sha256, false);
	if (show_slug)
		catalog_bind_int(&b, show_id);
	else
		catalog_bind_null(&b);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id_out = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = SIAR_ENOTFOUND;	/* an answer, not a failure */
	else
		rc = catalog_db_error(cat, "find an episode", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_episode_find_guid(struct catalog *cat, const char *show_slug,
			      const char *guid, int64_t *id_out,
			      struct siar_err *err)
{
	int64_t show_id = 0;
	int rc;

	assert(show_slug && guid && id_out && err);
	rc = catalog_show_id(cat, show_slug, &show_id, err);
	if (!rc)
		rc = guid_find(cat, show_id, guid, id_out, err);
	return rc;
}

/* ---- Walking ------------------------------------------------------------ */

/* What the filter names, found in the catalogue. */
struct each_ids {
	int64_t show_id;
	int64_t topic_id;
	int64_t person_id;
};

/* The ID the one-column query 'sql' gives for 'key'; 'what' names it. */
static int find_id(struct catalog *cat, const char *sql, const char *what,
		   const char *key, int64_t *id, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no %s '%s'", what, key);
	else
		rc = catalog_db_error(cat, "read episodes", src, err);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Check the filter and look up what it names. A topic is found by slug
 * first, then by name; a person by name, ignoring ASCII case.
 */
static int each_resolve(struct catalog *cat, const struct catalog_filter *f,
			struct each_ids *ids, struct siar_err *err)
{
	enum catalog_status status;
	int rc = SIAR_OK;

	if (f->status && !catalog_status_parse(f->status, &status))
		return siar_err_set(err, SIAR_EINVAL,
				    "no status '%s': use draft, in_review,"
				    " approved, published, unpublished or"
				    " archived",
				    f->status);
	if (f->show_slug)
		rc = catalog_show_id(cat, f->show_slug, &ids->show_id, err);
	if (!rc && f->topic)
		rc = find_id(cat,
			     "SELECT id FROM topics WHERE slug = ?1"
			     " OR name = ?1 COLLATE NOCASE"
			     " ORDER BY slug = ?1 DESC, id LIMIT 1",
			     "topic", f->topic, &ids->topic_id, err);
	if (!rc && f->person)
		rc = find_id(cat, "SELECT id FROM people WHERE name = ?1",
			     "person", f->person, &ids->person_id, err);
	return rc;
}

/*
 * The walk's conditions, from fixed clauses only: ?1 show, ?2 now, ?3
 * status, ?4 topic, ?5 person, ?6 from, ?7 to (and ?8 the limit). The
 * live order uses the episodes_feed index.
 */
static void each_where(struct siar_buf *sql, const struct catalog_filter *f)
{
	if (f->show_slug)
		siar_buf_adds(sql, " AND e.show_id = ?1");
	if (f->live_only)
		siar_buf_adds(sql, " AND e.status = 'published'"
				   " AND e.published_unix <= ?2");
	if (f->status)
		siar_buf_adds(sql, " AND e.status = ?3");
	if (f->topic)
		siar_buf_adds(sql, " AND EXISTS (SELECT 1 FROM episode_topics"
				   " x WHERE x.episode_id = e.id"
				   " AND x.topic_id = ?4)");
	if (f->person)
		siar_buf_adds(sql, " AND EXISTS (SELECT 1 FROM episode_people"
				   " x WHERE x.episode_id = e.id"
				   " AND x.person_id = ?5)");
	if (f->from_unix)
		siar_buf_adds(sql, " AND " EPISODE_DATE " >= ?6");
	if (f->to_unix)
		siar_buf_adds(sql, " AND " EPISODE_DATE " < ?7");
}

/* What each_bind() binds. */
struct each_args {
	const struct catalog_filter *f;
	struct each_ids ids;
	int64_t now;
};

/*
 * Bind what each_where() and the limit used, by number, to the walk's
 * cursor or a list cursor (catalog_bind_fn; there is none with a limit).
 * Returns an SQLite result.
 */
static int each_bind(sqlite3_stmt *st, const void *arg)
{
	const struct each_args *a = arg;
	const struct catalog_filter *f = a->f;
	int src = SQLITE_OK;

	if (f->show_slug)
		src = sqlite3_bind_int64(st, 1, a->ids.show_id);
	if (!src && f->live_only)
		src = sqlite3_bind_int64(st, 2, a->now);
	if (!src && f->status)
		src = sqlite3_bind_text(st, 3, f->status, -1, SQLITE_STATIC);
	if (!src && f->topic)
		src = sqlite3_bind_int64(st, 4, a->ids.topic_id);
	if (!src && f->person)
		src = sqlite3_bind_int64(st, 5, a->ids.person_id);
	if (!src && f->from_unix)
		src = sqlite3_bind_int64(st, 6, f->from_unix);
	if (!src && f->to_unix)
		src = sqlite3_bind_int64(st, 7, f->to_unix);
	if (!src && f->limit)
		src = sqlite3_bind_int64(st, 8,
					 f->limit > INT64_MAX
						 ? INT64_MAX
						 : (int64_t)f->limit);
	return src;
}

/*
 * Whether the lists are read by cursors that move in step with the
 * walk's (catalog_lists_open) rather than per episode: when the walk
 * goes on to the end, through every episode of a show or of the
 * catalogue, live or not. Each list cursor then passes over the same
 * episodes as the walk does. A walk with a limit stops early, and one
 * filtered row by row (status, topic, person, dates) may keep few of the
 * episodes it passes: a cursor would pass them all again, and they read
 * their lists per episode.
 */
static bool each_lists_by_cursor(const struct catalog_filter *f)
{
	return !f->limit && !f->status && !f->topic && !f->person &&
	       !f->from_unix && !f->to_unix;
}

/* The walk's SQL, with its conditions 'where' and ORDER BY 'order'. */
static void each_sql(struct siar_buf *sql, const char *where,
		     const char *order, const struct catalog_filter *f)
{
	siar_buf_adds(sql, f->skip & CATALOG_SKIP_DETAILS
				   ? EPISODE_FROM_LEAN " WHERE 1"
				   : EPISODE_FROM " WHERE 1");
	siar_buf_adds(sql, where);
	siar_buf_adds(sql, " ORDER BY ");
	siar_buf_adds(sql, order);
	if (f->limit)
		siar_buf_adds(sql, " LIMIT ?8");
}

/*
 * Where the walk is, for a list cursor that goes on in the walk's order
 * from there (catalog_walk's 'from'): the episodes at or after ?9's place,
 * ?10 its date when live.
 */
#define LIVE_FROM " AND (e.published_unix, e.id) <= (?10, ?9)"
#define BY_ID_FROM " AND e.id >= ?9"

static int bind_live_from(sqlite3_stmt *st, const struct catalog_episode *ep)
{
	int src;

	src = sqlite3_bind_int64(st, 9, ep->id);
	if (src == SQLITE_OK)
		src = sqlite3_bind_int64(st, 10, ep->published_unix);
	return src;
}

static int bind_by_id_from(sqlite3_stmt *st, const struct catalog_episode *ep)
{
	return sqlite3_bind_int64(st, 9, ep->id);
}

/* A walk's conditions and parameters, kept while its lists follow it. */
struct each_state {
	struct each_args args;
	struct siar_buf where;
	struct catalog_walk walk;
};

/* The walk's cursor, a statement of its own, and its list cursors. */
static int each_prepare(struct catalog *cat, const struct catalog_filter *f,
			struct each_state *e, sqlite3_stmt **st,
			struct catalog_lists *lists, struct siar_err *err)
{
	const char *order = f->live_only ? LIVE_ORDER : "e.id";
	struct siar_buf sql;
	int src, rc;

	siar_buf_init(&sql, 0);
	rc = each_resolve(cat, f, &e->args.ids, err);
	if (!rc) {
		each_where(&e->where, f);
		rc = siar_buf_check(&e->where, err);
	}
	if (!rc) {
		each_sql(&sql, e->where.buf, order, f);
		rc = siar_buf_check(&sql, err);
	}
	if (!rc)
		rc = catalog_prepare(cat, sql.buf, st, err);
	if (!rc) {
		src = each_bind(*st, &e->args);
		if (src != SQLITE_OK)
			rc = catalog_db_error(cat, "read episodes", src, err);
	}
	/*
	 * Episodes are mostly added in the order they come out: a live
	 * walk, newest first, is likeliest by descending ID.
	 */
	e->walk.where = e->where.buf;
	e->walk.order = order;
	e->walk.from = f->live_only ? LIVE_FROM : BY_ID_FROM;
	e->walk.desc = f->live_only;
	e->walk.bind = each_bind;
	e->walk.bind_from = f->live_only ? bind_live_from : bind_by_id_from;
	e->walk.arg = &e->args;
	if (!rc && each_lists_by_cursor(f))
		rc = catalog_lists_open(cat, lists, &e->walk, err);
	siar_buf_release(&sql);
	return rc;
}

/*
 * The walk of catalog_episode_each_kept(): each episode into the pool
 * 'pool' gives, then to 'fn'; 'end' (if any) before the walk lets go.
 */
static int each_walk(struct catalog *cat, const struct catalog_filter *filter,
		     catalog_pool_fn pool, catalog_episode_fn fn,
		     catalog_end_fn end, void *ctx, struct siar_err *err)
{
	struct each_state e;
	sqlite3_stmt *st = NULL;
	struct catalog_arena *arena;
	struct catalog_lists lists;
	struct catalog_episode ep;
	bool whole;
	int src, rc;

	assert(filter && pool && fn);
	memset(&e, 0, sizeof(e));
	e.args.f = filter;
	e.args.now = catalog_now(cat);
	siar_buf_init(&e.where, 0);
	catalog_lists_init(&lists, filter->skip, NULL);
	whole = each_lists_by_cursor(filter);
	if (whole)
		catalog_walk_cache(cat, true);
	rc = each_prepare(cat, filter, &e, &st, &lists, err);
	while (!rc) {
		src = sqlite3_step(st);
		if (src == SQLITE_DONE)
			break;
		if (src != SQLITE_ROW) {
			rc = catalog_db_error(cat, "read episodes", src, err);
			break;
		}
		/* Every string and list of the episode goes there. */
		arena = &pool(ctx)->arena;
		lists.arena = arena;
		catalog_episode_init(&ep);
		rc = episode_from_row(cat, st,
				      (filter->skip & CATALOG_SKIP_DETAILS) != 0,
				      arena, &ep, err);
		if (!rc)
			rc = catalog_lists_next(cat, &lists, &ep, err);
		if (!rc)
			rc = fn(&ep, ctx, err);
	}
	/* The names the lists kept are still there. */
	if (end)
		end(rc, ctx);
	/* Our own statements, not cached ones: 'fn' may walk too. */
	catalog_lists_close(&lists);
	sqlite3_finalize(st);
	if (whole)
		catalog_walk_cache(cat, false);
	siar_buf_release(&e.where);
	return rc;
}

int catalog_episode_each_kept(struct catalog *cat,
			      const struct catalog_filter *filter,
			      catalog_pool_fn pool, catalog_episode_fn fn,
			      catalog_end_fn end, void *ctx,
			      struct siar_err *err)
{
	assert(end);
	return each_walk(cat, filter, pool, fn, end, ctx, err);
}

/* catalog_episode_each()'s pool: one, taken back whole for each episode. */
struct each_own {
	struct catalog_pool pool;
	catalog_episode_fn fn;
	void *ctx;
};

static struct catalog_pool *own_pool(void *ctx)
{
	struct each_own *o = ctx;

	catalog_arena_reset(&o->pool.arena);
	return &o->pool;
}

static int own_fn(const struct catalog_episode *ep, void *ctx,
		  struct siar_err *err)
{
	struct each_own *o = ctx;

	return o->fn(ep, o->ctx, err);
}

int catalog_episode_each(struct catalog *cat,
			 const struct catalog_filter *filter,
			 catalog_episode_fn fn, void *ctx,
			 struct siar_err *err)
{
	struct each_own o;
	int rc;

	assert(fn);
	/* 'fn' keeps nothing: one episode's memory serves the next. */
	catalog_arena_init(&o.pool.arena);
	o.fn = fn;
	o.ctx = ctx;
	rc = each_walk(cat, filter, own_pool, own_fn, NULL, &o, err);
	catalog_arena_release(&o.pool.arena);
	return rc;
}

/* ---- Duplicates --------------------------------------------------------- */

/*
 * The key of an episode's file as a feed names it: a remote media URL as
 * it is, a local file by its last path segment (feed_file_url publishes
 * files by name). Written for rows of EPISODE_COLUMNS named 'w'.
 */
#define FILE_KEY                                                              \
	"CASE WHEN w.media_path LIKE 'http://%' OR"                            \
	" w.media_path LIKE 'https://%' THEN w.media_path ELSE"                \
	" replace(w.media_path, rtrim(w.media_path,"                           \
	" replace(w.media_path, '/', '')), '') END"
/* A GUID as a feed writes it: without surrounding white space. */
#define GUID_KEY "trim(w.guid, ' ' || char(9, 10, 13))"

int catalog_episode_duplicates(struct catalog *cat,
			       const struct catalog_filter *filter,
			       bool by_file, catalog_duplicate_fn fn,
			       void *ctx, struct siar_err *err)
{
	struct each_args args = {filter, {0, 0, 0}, catalog_now(cat)};
	const char *order = filter->live_only ? LIVE_ORDER : "e.id";
	struct siar_buf where, walk, sql;
	sqlite3_stmt *st = NULL;
	int src, rc;

	assert(filter && fn && err);
	siar_buf_init(&where, 0);
	siar_buf_init(&walk, 0);
	siar_buf_init(&sql, 0);
	rc = each_resolve(cat, filter, &args.ids, err);
	if (!rc) {
		each_where(&where, filter);
		rc = siar_buf_check(&where, err);
	}
	/* The walk's rows, with only the columns the keys need. */
	if (!rc) {
		siar_buf_adds(&walk, "SELECT e.id AS id, e.guid AS guid,"
				     " e.media_path AS media_path,"
				     " e.published_unix AS published_unix FROM "
				     CATALOG_EPISODE_TABLES " WHERE 1");
		siar_buf_adds(&walk, where.buf);
		/* The order matters to which episodes a limit keeps. */
		if (filter->limit) {
			siar_buf_adds(&walk, " ORDER BY ");
			siar_buf_adds(&walk, order);
			siar_buf_adds(&walk, " LIMIT ?8");
		}
		rc = siar_buf_check(&walk, err);
	}
	/*
	 * Within each key, the first episode in the walk's order is the one
	 * the others duplicate. SQLite sorts
	 * by key with its sorter, which spills to a temporary file rather
	 * than grow without bound, so memory stays flat however many
	 * episodes there are.
	 */
	if (!rc) {
		siar_buf_addf(&sql,
			      "SELECT id, first, key FROM (SELECT w.id AS id,"
			      " %s AS key, first_value(w.id) OVER (PARTITION"
			      " BY %s ORDER BY %s) AS first FROM (%s) w)"
			      " WHERE id <> first ORDER BY id",
			      by_file ? FILE_KEY : GUID_KEY,
			      by_file ? FILE_KEY : GUID_KEY,
			      filter->live_only
				  ? "w.published_unix DESC, w.id DESC"
				  : "w.id",
			      walk.buf);
		rc = siar_buf_check(&sql, err);
	}
	if (!rc)
		rc = catalog_prepare(cat, sql.buf, &st, err);
	if (!rc) {
		src = each_bind(st, &args);
		while (!rc && src == SQLITE_OK) {
			src = sqlite3_step(st);
			if (src != SQLITE_ROW)
				break;
			rc = fn(sqlite3_column_int64(st, 0),
				sqlite3_column_int64(st, 1),
				(const char *)sqlite3_column_text(st, 2), ctx,
				err);
			src = SQLITE_OK;
		}
		if (!rc && src != SQLITE_DONE)
			rc = catalog_db_error(cat, "find duplicates", src,
					      err);
	}
	sqlite3_finalize(st);
	siar_buf_release(&where);
	siar_buf_release(&walk);
	siar_buf_release(&sql);
	return rc;
}
