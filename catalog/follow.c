/*
 * Shows followed by their public feed: a province or national office
 * keeps the shows of the offices under it as shows of its own catalogue,
 * refreshed from their feeds (siar follow, siar refresh). Here is only
 * where each feed is and how its last fetch went; fetching and importing
 * are feed/'s business.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

void catalog_follow_init(struct catalog_follow *f)
{
	memset(f, 0, sizeof(*f));
}

void catalog_follow_release(struct catalog_follow *f)
{
	free(f->show_slug);
	free(f->url);
	free(f->etag);
	free(f->last_modified);
	free(f->last_error);
	catalog_follow_init(f);
}

int catalog_follow_set(struct catalog *cat, const char *slug,
		       const char *url, struct siar_err *err)
{
	/* A new URL forgets the validators of the old one. */
	static const char sql[] =
		"INSERT INTO follows (show_id, url, followed_unix)"
		" VALUES (?1, ?2, ?3) ON CONFLICT (show_id) DO UPDATE SET"
		" url = excluded.url, etag = NULL, last_modified = NULL"
		" WHERE url <> excluded.url";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int64_t show_id = 0;
	int src, rc;

	assert(slug && url && err);
	if (!catalog_url_valid(url))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad feed URL '%s': use an http:// or"
				    " https:// URL",
				    url);
	rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, show_id);
	catalog_bind_text(&b, url, false);
	catalog_bind_int(&b, catalog_now(cat));
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "follow a show", src, err);
	sqlite3_finalize(st);
	return rc;
}

int catalog_follow_checked(struct catalog *cat, const char *slug,
			   const struct catalog_follow *f,
			   struct siar_err *err)
{
	static const char sql[] =
		"UPDATE follows SET etag = ?2, last_modified = ?3,"
		" checked_unix = ?4, changed_unix = ?5, last_error = ?6"
		" WHERE show_id = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int64_t show_id = 0;
	int src, rc;

	assert(slug && f && err);
	rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, show_id);
	catalog_bind_text(&b, f->etag, true);
	catalog_bind_text(&b, f->last_modified, true);
	catalog_bind_int(&b, f->checked_unix);
	catalog_bind_int(&b, f->changed_unix);
	catalog_bind_text(&b, f->last_error, true);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "record a refresh", src, err);
	else if (sqlite3_changes(cat->db) == 0)
		rc = siar_err_set(err, SIAR_ENOTFOUND,
				  "show '%s' is not followed", slug);
	sqlite3_finalize(st);
	return rc;
}

int catalog_follow_remove(struct catalog *cat, const char *slug,
			  struct siar_err *err)
{
	int64_t show_id = 0;
	int rc;

	rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc)
		rc = catalog_exec_ids(cat, "DELETE FROM follows WHERE show_id = ?1",
				      show_id, 0, "stop following a show", err);
	if (!rc && sqlite3_changes(cat->db) == 0)
		rc = siar_err_set(err, SIAR_ENOTFOUND,
				  "show '%s' is not followed", slug);
	return rc;
}

static int follow_from_row(sqlite3_stmt *st, struct catalog_follow *f)
{
	struct catalog_row r;

	catalog_row_init(&r, st);
	f->show_slug = catalog_row_text(&r, true);
	f->url = catalog_row_text(&r, true);
	f->etag = catalog_row_text(&r, true);
	f->last_modified = catalog_row_text(&r, true);
	f->followed_unix = catalog_row_int(&r);
	f->checked_unix = catalog_row_int(&r);
	f->changed_unix = catalog_row_int(&r);
	f->last_error = catalog_row_text(&r, true);
	return r.src;
}

#define FOLLOW_SELECT                                                        \
	"SELECT s.slug, f.url, f.etag, f.last_modified, f.followed_unix,"    \
	" f.checked_unix, f.changed_unix, f.last_error FROM follows f"        \
	" JOIN shows s ON s.id = f.show_id"

int catalog_follow_each(struct catalog *cat, const char *slug,
			catalog_follow_fn fn, void *ctx, struct siar_err *err)
{
	static const char all_sql[] = FOLLOW_SELECT " ORDER BY s.slug";
	static const char one_sql[] = FOLLOW_SELECT " WHERE s.slug = ?1";
	struct catalog_follow f;
	sqlite3_stmt *st = NULL;
	bool found = false;
	int src, rc;

	assert(fn && err);
	rc = catalog_prepare(cat, slug ? one_sql : all_sql, &st, err);
	if (rc)
		return rc;
	src = slug ? sqlite3_bind_text(st, 1, slug, -1, SQLITE_STATIC)
		   : SQLITE_OK;
	while (!rc && src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src != SQLITE_ROW)
			break;
		catalog_follow_init(&f);
		src = follow_from_row(st, &f);
		if (src == SQLITE_OK) {
			found = true;
			rc = fn(&f, ctx, err);
		}
		catalog_follow_release(&f);
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(cat, "read followed shows", src, err);
	else if (!rc && slug && !found)
		rc = siar_err_set(err, SIAR_ENOTFOUND,
				  "show '%s' is not followed", slug);
	sqlite3_finalize(st);
	return rc;
}
