/*
 * Shows: checking a new show's fields, storing it, reading shows back and
 * the time of the last change a feed reader can see.
 *
 * Episodes are in episode.c; the schema is in schema.c.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

#define SHOW_COLUMNS                                                          \
	"id, slug, title, description, author, language, category, image,"   \
	" owner_name, owner_email, link, base_url, timezone, explicit,"      \
	" created_unix, updated_unix"

#define SHOW_SLUG_MAX 64

void catalog_show_init(struct catalog_show *show)
{
	memset(show, 0, sizeof(*show));
}

void catalog_show_release(struct catalog_show *show)
{
	free(show->slug);
	free(show->title);
	free(show->description);
	free(show->author);
	free(show->language);
	free(show->category);
	free(show->image);
	free(show->owner_name);
	free(show->owner_email);
	free(show->link);
	free(show->base_url);
	free(show->timezone);
	catalog_show_init(show);
}

/* Apple's top-level categories, feed-spec.md section 9. */
static const char *const categories[] = {
	"Arts",
	"Business",
	"Comedy",
	"Education",
	"Fiction",
	"Government",
	"History",
	"Health & Fitness",
	"Kids & Family",
	"Leisure",
	"Music",
	"News",
	"Religion & Spirituality",
	"Science",
	"Society & Culture",
	"Sports",
	"Technology",
	"True Crime",
	"TV & Film",
};

bool catalog_category_valid(const char *name)
{
	size_t i;

	if (!name)
		return false;
	for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		if (!strcmp(name, categories[i]))
			return true;
	return false;
}

/* ---- Checking fields ---------------------------------------------------- */

static bool is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool slug_chars_valid(const char *s)
{
	size_t i;

	if (!is_lower_alnum(s[0]))
		return false;
	for (i = 1; s[i]; i++)
		if (!is_lower_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

/*
 * An absolute http or https URL with a host. Only printable ASCII: feeds
 * want URLs percent-encoded, and this rules out spaces and controls.
 */
static bool url_valid(const char *s)
{
	const char *host;
	size_t i;

	if (!strncmp(s, "http://", 7))
		host = s + 7;
	else if (!strncmp(s, "https://", 8))
		host = s + 8;
	else
		return false;
	if (strcspn(host, "/?#") == 0)
		return false;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

/* "id", "ace", "en-US", "es-419": ISO 639 and an optional region. */
static bool language_valid(const char *s)
{
	size_t n = 0, region = 0;

	while (is_alpha(s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	if (s[n] == '\0')
		return true;
	if (s[n] != '-')
		return false;
	s += n + 1;
	while (is_alnum(s[region]))
		region++;
	return region >= 2 && region <= 8 && s[region] == '\0';
}

static bool email_valid(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (!at || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

static int check_slug(const char *slug, struct siar_err *err)
{
	if (catalog_blank(slug))
		return siar_err_set(err, SIAR_EINVAL, "show has no slug");
	if (!slug_chars_valid(slug))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad show slug '%s': use lowercase letters,"
				    " digits and '-'",
				    slug);
	if (strlen(slug) > SHOW_SLUG_MAX)
		return siar_err_set(err, SIAR_EINVAL,
				    "bad show slug '%s': longer than %d bytes",
				    slug, SHOW_SLUG_MAX);
	return SIAR_OK;
}

/* The fields every show has. */
static int check_required(const struct catalog_show *show,
			  struct siar_err *err)
{
	int rc;

	rc = check_slug(show->slug, err);
	if (rc)
		return rc;
	if (catalog_blank(show->title))
		return siar_err_set(err, SIAR_EINVAL, "show '%s' has no title",
				    show->slug);
	if (catalog_blank(show->author))
		return siar_err_set(err, SIAR_EINVAL, "show '%s' has no author",
				    show->slug);
	if (!show->base_url)
		return siar_err_set(err, SIAR_EINVAL,
				    "show '%s' has no base URL", show->slug);
	if (!url_valid(show->base_url))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad base URL '%s' for show '%s': use an"
				    " http:// or https:// URL with a host",
				    show->base_url, show->slug);
	return SIAR_OK;
}

/* The fields that are optional or have defaults. */
static int check_optional(const struct catalog_show *show,
			  struct siar_err *err)
{
	const char *slug = show->slug;

	if (show->language && !language_valid(show->language))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad language '%s' for show '%s': use a"
				    " code like 'id' or 'en-US'",
				    show->language, slug);
	if (show->timezone && !siar_tz_valid(show->timezone))
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown time zone '%s' for show '%s'",
				    show->timezone, slug);
	if (show->category && !catalog_category_valid(show->category))
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown category '%s' for show '%s': use"
				    " an Apple Podcasts category such as"
				    " 'Government'",
				    show->category, slug);
	if (show->owner_email && !email_valid(show->owner_email))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad owner email '%s' for show '%s'",
				    show->owner_email, slug);
	if (show->image && !url_valid(show->image))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad image URL '%s' for show '%s': use an"
				    " http:// or https:// URL",
				    show->image, slug);
	if (show->link && !url_valid(show->link))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad link '%s' for show '%s': use an"
				    " http:// or https:// URL",
				    show->link, slug);
	return SIAR_OK;
}

/* ---- Adding ------------------------------------------------------------- */

static int bind_show(sqlite3_stmt *st, const struct catalog_show *show,
		     int64_t now)
{
	struct catalog_bind b;
	size_t base_len = strlen(show->base_url);

	/* feed/ joins file names on with a slash of its own. */
	while (base_len > 0 && show->base_url[base_len - 1] == '/')
		base_len--;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, show->slug, false);
	catalog_bind_text(&b, show->title, true);
	catalog_bind_text(&b, show->description, true);
	catalog_bind_text(&b, show->author, true);
	catalog_bind_text(&b, show->language ? show->language : "id", false);
	catalog_bind_text(&b, show->category, false);
	catalog_bind_text(&b, show->image, false);
	catalog_bind_text(&b, show->owner_name, true);
	catalog_bind_text(&b, show->owner_email, true);
	catalog_bind_text(&b, show->link, false);
	catalog_bind_textn(&b, show->base_url, base_len);
	catalog_bind_text(&b, show->timezone ? show->timezone : "Asia/Jakarta",
			  true);
	catalog_bind_int(&b, show->explicit);
	catalog_bind_int(&b, now);
	catalog_bind_int(&b, now);
	return b.src;
}

/*
 * One INSERT is atomic by itself, also inside a caller's transaction
 * (SQLite undoes a failed statement), so no savepoint is needed here.
 */
int catalog_show_add(struct catalog *cat, const struct catalog_show *show,
		     int64_t *id_out, struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO shows (slug, title, description, author, language,"
		" category, image, owner_name, owner_email, link, base_url,"
		" timezone, explicit, created_unix, updated_unix)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15)";
	sqlite3_stmt *st = NULL;
	int src, rc;

	assert(show && err);
	rc = check_required(show, err);
	if (!rc)
		rc = check_optional(show, err);
	if (!rc)
		rc = catalog_stmt(cat, CATALOG_STMT_SHOW_INSERT, sql, &st, err);
	if (rc)
		return rc;
	src = bind_show(st, show, catalog_now(cat));
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		rc = siar_err_set(err, SIAR_EEXIST, "show '%s' already exists",
				  show->slug);
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "add a show", src, err);
	else if (id_out)
		*id_out = sqlite3_last_insert_rowid(cat->db);
	catalog_stmt_done(st);
	return rc;
}

/* ---- Reading ------------------------------------------------------------ */

/* Fill 'out' from a row of SHOW_COLUMNS; returns an SQLite result. */
static int show_from_row(sqlite3_stmt *st, struct catalog_show *out)
{
	struct catalog_row r;

	catalog_row_init(&r, st);
	out->id = catalog_row_int(&r);
	out->slug = catalog_row_text(&r, true);
	out->title = catalog_row_text(&r, true);
	out->description = catalog_row_text(&r, true);
	out->author = catalog_row_text(&r, true);
	out->language = catalog_row_text(&r, true);
	out->category = catalog_row_text(&r, true);
	out->image = catalog_row_text(&r, true);
	out->owner_name = catalog_row_text(&r, true);
	out->owner_email = catalog_row_text(&r, true);
	out->link = catalog_row_text(&r, true);
	out->base_url = catalog_row_text(&r, true);
	out->timezone = catalog_row_text(&r, true);
	out->explicit = catalog_row_int(&r) != 0;
	out->created_unix = catalog_row_int(&r);
	out->updated_unix = catalog_row_int(&r);
	if (r.src)
		catalog_show_release(out);
	return r.src;
}

int catalog_show_get(struct catalog *cat, const char *slug,
		     struct catalog_show *out, struct siar_err *err)
{
	static const char sql[] =
		"SELECT " SHOW_COLUMNS " FROM shows WHERE slug = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug && out);
	rc = catalog_stmt(cat, CATALOG_STMT_SHOW_GET, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, slug, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		src = show_from_row(st, out);
	if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	else if (src != SQLITE_OK)
		rc = catalog_db_error(cat, "read a show", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_show_each(struct catalog *cat, catalog_show_fn fn, void *ctx,
		      struct siar_err *err)
{
	static const char sql[] =
		"SELECT " SHOW_COLUMNS " FROM shows ORDER BY slug";
	sqlite3_stmt *st = NULL;
	struct catalog_show show;
	int src, rc;

	catalog_show_init(&show);
	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	for (;;) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			src = show_from_row(st, &show);
		if (src != SQLITE_OK)
			break;
		rc = fn(&show, ctx, err);
		catalog_show_release(&show);
		if (rc)
			goto out;
	}
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "read shows", src, err);
out:
	sqlite3_finalize(st);
	return rc;
}

int catalog_show_id(struct catalog *cat, const char *slug, int64_t *id,
		    struct siar_err *err)
{
	static const char sql[] = "SELECT id FROM shows WHERE slug = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug);
	rc = catalog_stmt(cat, CATALOG_STMT_SHOW_ID, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, slug, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	else
		rc = catalog_db_error(cat, "find a show", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_show_last_change(struct catalog *cat, const char *slug,
			     int64_t *unix_out, struct siar_err *err)
{
	/*
	 * A scheduled episode changes the feed when its time comes, not
	 * when it was last edited; hence published_unix as well.
	 */
	static const char sql[] =
		"SELECT max(s.updated_unix, coalesce((SELECT"
		" max(max(e.updated_unix, e.published_unix)) FROM episodes e"
		" WHERE e.show_id = s.id AND e.status = 'published'"
		" AND e.published_unix <= ?2), 0))"
		" FROM shows s WHERE s.slug = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug && unix_out);
	rc = catalog_stmt(cat, CATALOG_STMT_SHOW_LAST_CHANGE, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, slug, false);
	catalog_bind_int(&b, catalog_now(cat));
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		*unix_out = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	else
		rc = catalog_db_error(cat, "read a show", src, err);
	catalog_stmt_done(st);
	return rc;
}
