/*
 * Episodes: checking and adding one with its guests and topics, reading
 * one or a filtered stream of them back, and publishing.
 *
 * Finding and linking guests and topics is names.c's job.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/* Every query that fills a struct catalog_episode selects these. */
#define EPISODE_COLUMNS                                                       \
	"e.id, e.show_id, s.slug, e.guid, e.title, e.description,"           \
	" e.media_path, e.media_mime, e.media_kind, e.media_container,"      \
	" e.media_sha256, e.media_size_bytes, e.duration_ms,"                \
	" e.duration_method, e.bit_rate, e.audio_codec, e.video_codec,"      \
	" e.width, e.height, e.season, e.episode_number, e.status,"          \
	" e.published_unix, e.created_unix, e.updated_unix"

#define EPISODE_FROM                                                          \
	"SELECT " EPISODE_COLUMNS                                             \
	" FROM episodes e JOIN shows s ON s.id = e.show_id"

/* Newest first; an ID breaks ties so the order never depends on chance. */
#define LIVE_ORDER " ORDER BY e.published_unix DESC, e.id DESC"

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
	free_list(ep->guests, ep->n_guests);
	free_list(ep->topics, ep->n_topics);
	catalog_episode_init(ep);
}

/* ---- Checking fields ---------------------------------------------------- */

static bool sha256_valid(const char *s)
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
	if (!ep->media_sha256 || !sha256_valid(ep->media_sha256))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad SHA-256 '%s' for '%s': use 64"
				    " lowercase hex digits",
				    ep->media_sha256 ? ep->media_sha256 : "",
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
	else if (ep->season < 0)
		what = "season";
	else if (ep->episode_number < 0)
		what = "episode number";
	if (what)
		return siar_err_set(err, SIAR_EINVAL, "negative %s for '%s'",
				    what, ep->media_path);
	return SIAR_OK;
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

static int bind_episode(sqlite3_stmt *st, const struct catalog_episode *ep,
			int64_t show_id, const char *guid, int64_t now)
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
	return b.src;
}

static int insert_episode(struct catalog *cat,
			  const struct catalog_episode *ep, int64_t show_id,
			  int64_t *id, struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO episodes (show_id, guid, title, description,"
		" media_path, media_mime, media_kind, media_container,"
		" media_sha256, media_size_bytes, duration_ms, duration_method,"
		" bit_rate, audio_codec, video_codec, width, height, season,"
		" episode_number, status, published_unix, created_unix,"
		" updated_unix) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		" ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 'draft',"
		" NULL, ?20, ?20)";
	sqlite3_stmt *st = NULL;
	char guid[GUID_SIZE];
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_INSERT, sql, &st, err);
	if (rc)
		return rc;
	make_guid(guid);
	src = bind_episode(st, ep, show_id, guid, catalog_now(cat));
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		*id = sqlite3_last_insert_rowid(cat->db);
	else
		rc = catalog_db_error(cat, "add an episode", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_episode_add(struct catalog *cat, const struct catalog_episode *ep,
			int64_t *id_out, struct siar_err *err)
{
	int64_t show_id = 0, id = 0;
	bool outer;
	int rc;

	assert(ep && err);
	assert(!ep->n_guests || ep->guests);
	assert(!ep->n_topics || ep->topics);
	rc = check_text(ep, err);
	if (!rc)
		rc = check_numbers(ep, err);
	if (!rc)
		rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = catalog_show_id(cat, ep->show_slug, &show_id, err);
	if (!rc)
		rc = insert_episode(cat, ep, show_id, &id, err);
	if (!rc)
		rc = catalog_guests_link(cat, id, ep->guests, ep->n_guests,
					 err);
	if (!rc)
		rc = catalog_topics_link(cat, id, ep->topics, ep->n_topics,
					 err);
	rc = catalog_txn_end(cat, outer, rc, err);
	if (!rc && id_out)
		*id_out = id;
	return rc;
}

/* ---- Reading ------------------------------------------------------------ */

static bool status_parse(const char *name, enum catalog_status *out)
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

/* The media columns of EPISODE_COLUMNS, from media_path on. */
static void media_from_row(struct catalog_row *r, struct catalog_episode *out)
{
	out->media_path = catalog_row_text(r, false);
	out->media_mime = catalog_row_text(r, true);
	out->media_kind = catalog_row_text(r, true);
	out->media_container = catalog_row_text(r, true);
	out->media_sha256 = catalog_row_text(r, true);
	out->media_size_bytes = catalog_row_int(r);
	out->duration_ms = catalog_row_int(r);
	out->duration_method = catalog_row_text(r, true);
	out->bit_rate = catalog_row_int(r);
	out->audio_codec = catalog_row_text(r, true);
	out->video_codec = catalog_row_text(r, true);
	out->width = (int)catalog_row_int(r);
	out->height = (int)catalog_row_int(r);
}

/*
 * Fill 'out' from a row of EPISODE_COLUMNS, without guests and topics. On
 * failure 'out' is left empty.
 */
static int episode_from_row(const struct catalog *cat, sqlite3_stmt *st,
			    struct catalog_episode *out, struct siar_err *err)
{
	struct catalog_row r;
	char *status;
	int rc = SIAR_OK;

	catalog_row_init(&r, st);
	out->id = catalog_row_int(&r);
	out->show_id = catalog_row_int(&r);
	out->show_slug = catalog_row_text(&r, true);
	out->guid = catalog_row_text(&r, true);
	out->title = catalog_row_text(&r, true);
	out->description = catalog_row_text(&r, true);
	media_from_row(&r, out);
	out->season = (int)catalog_row_int(&r);
	out->episode_number = (int)catalog_row_int(&r);
	status = catalog_row_text(&r, false);
	out->published_unix = catalog_row_int(&r);
	out->created_unix = catalog_row_int(&r);
	out->updated_unix = catalog_row_int(&r);
	if (r.src)
		rc = catalog_db_error(cat, "read an episode", r.src, err);
	else if (!status_parse(status, &out->status))
		rc = siar_err_set(err, SIAR_EDB,
				  "episode %lld in '%s' has unknown status"
				  " '%s'",
				  (long long)out->id, cat->path,
				  status ? status : "");
	free(status);
	if (rc)
		catalog_episode_release(out);
	return rc;
}

int catalog_episode_get(struct catalog *cat, int64_t id,
			struct catalog_episode *out, struct siar_err *err)
{
	static const char sql[] = EPISODE_FROM " WHERE e.id = ?1";
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_GET, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, id);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = episode_from_row(cat, st, out, err);
	else if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no episode %lld",
				  (long long)id);
	else
		rc = catalog_db_error(cat, "read an episode", src, err);
	catalog_stmt_done(st);
	if (!rc)
		rc = catalog_names_load(cat, out, err);
	if (rc)
		catalog_episode_release(out);
	return rc;
}

/* ---- Publishing --------------------------------------------------------- */

/* One UPDATE is atomic by itself, as in catalog_show_add. */
int catalog_episode_publish(struct catalog *cat, int64_t id, int64_t at_unix,
			    struct siar_err *err)
{
	static const char sql[] =
		"UPDATE episodes SET status = 'published', published_unix = ?2,"
		" updated_unix = ?3 WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_PUBLISH, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, id);
	catalog_bind_int(&b, at_unix);
	catalog_bind_int(&b, catalog_now(cat));
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "publish an episode", src, err);
	else if (sqlite3_changes(cat->db) == 0)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no episode %lld",
				  (long long)id);
	catalog_stmt_done(st);
	return rc;
}

/* ---- Walking ------------------------------------------------------------ */

/*
 * The cursor of catalog_episode_each: ?1 is the show's ID, ?2 now. Whole
 * statements rather than spliced clauses, so that each is plain to read
 * and to EXPLAIN; the live ones use the episodes_feed index.
 */
static int each_prepare(struct catalog *cat, const struct catalog_filter *f,
			int64_t show_id, sqlite3_stmt **st,
			struct siar_err *err)
{
	static const char *const sql[2][2] = {
		{
			EPISODE_FROM " ORDER BY e.id",
			EPISODE_FROM " WHERE e.show_id = ?1 ORDER BY e.id",
		},
		{
			EPISODE_FROM " WHERE e.status = 'published'"
			" AND e.published_unix <= ?2" LIVE_ORDER,
			EPISODE_FROM " WHERE e.show_id = ?1"
			" AND e.status = 'published'"
			" AND e.published_unix <= ?2" LIVE_ORDER,
		},
	};
	bool by_show = f->show_slug != NULL;
	int src = SQLITE_OK, rc;

	rc = catalog_prepare(cat, sql[f->live_only][by_show], st, err);
	if (rc)
		return rc;
	if (by_show)
		src = sqlite3_bind_int64(*st, 1, show_id);
	if (src == SQLITE_OK && f->live_only)
		src = sqlite3_bind_int64(*st, 2, catalog_now(cat));
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "read episodes", src, err);
	return SIAR_OK;
}

int catalog_episode_each(struct catalog *cat,
			 const struct catalog_filter *filter,
			 catalog_episode_fn fn, void *ctx,
			 struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	struct catalog_episode ep;
	int64_t show_id = 0;
	int src, rc = SIAR_OK;

	assert(filter && fn);
	catalog_episode_init(&ep);
	if (filter->show_slug)
		rc = catalog_show_id(cat, filter->show_slug, &show_id, err);
	if (!rc)
		rc = each_prepare(cat, filter, show_id, &st, err);
	while (!rc) {
		src = sqlite3_step(st);
		if (src == SQLITE_DONE)
			break;
		if (src != SQLITE_ROW) {
			rc = catalog_db_error(cat, "read episodes", src, err);
			break;
		}
		rc = episode_from_row(cat, st, &ep, err);
		if (!rc)
			rc = catalog_names_load(cat, &ep, err);
		if (!rc)
			rc = fn(&ep, ctx, err);
		catalog_episode_release(&ep);
	}
	/* Our own statement, not a cached one: 'fn' may walk too. */
	sqlite3_finalize(st);
	return rc;
}
