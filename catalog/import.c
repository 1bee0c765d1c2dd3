/*
 * Importing episodes published elsewhere (siar import): an item of another
 * host's feed is added as a published episode, or, when its GUID is there
 * already, the episode is brought up to date with the feed.
 *
 * Reading the feed is feed/'s job; storing an episode with its lists is
 * episode.c's, the log review.c's and the search index search.c's.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/* The fields of enum catalog_import_fields, as the log names them. */
static const struct {
	unsigned field;
	const char *name;
} import_fields[] = {
	{CATALOG_IMPORT_TITLE, "title"},
	{CATALOG_IMPORT_DESCRIPTION, "description"},
	{CATALOG_IMPORT_ENCLOSURE, "enclosure"},
	{CATALOG_IMPORT_DATE, "date"},
	{CATALOG_IMPORT_DURATION, "duration"},
};

static const char *note_of(const struct catalog_actor *who)
{
	return catalog_blank(who->note) ? NULL : who->note;
}

static int import_add(struct catalog *cat, const struct catalog_episode *ep,
		      const struct catalog_actor *who,
		      struct catalog_import_result *res, struct siar_err *err)
{
	struct catalog_log_entry entry = {
		.actor = who->name,
		.action = "import",
		.to_status = catalog_status_name(CATALOG_STATUS_PUBLISHED),
		.note = note_of(who),
	};
	int64_t id = 0;
	int rc;

	rc = catalog_episode_store(cat, ep, CATALOG_STATUS_PUBLISHED, &id, err);
	entry.episode_id = id;
	entry.at_unix = catalog_now(cat);
	if (!rc)
		rc = catalog_log_add(cat, &entry, err);
	if (!rc)
		rc = catalog_search_refresh(cat, id, err);
	res->id = id;
	res->added = true;
	res->changed = 0;
	return rc;
}

/*
 * '*same' when 'given' is stored as 'stored': text is repaired to valid
 * UTF-8 without control characters on the way in, so compare after that.
 */
static int text_same(const char *stored, const char *given, bool *same,
		     struct siar_err *err)
{
	char *fixed;

	if (!given || !stored) {
		*same = given == stored;
		return SIAR_OK;
	}
	fixed = siar_utf8_dup(given, true);
	if (!fixed)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	*same = !strcmp(stored, fixed);
	free(fixed);
	return SIAR_OK;
}

/*
 * The enclosure and duration of an episode whose media is on disk were
 * measured from the file; only a URL follows the feed.
 */
static int media_diff(const struct catalog_episode *cur,
		      const struct catalog_episode *ep, unsigned *changed,
		      struct siar_err *err)
{
	bool same = true;
	int rc;

	if (!catalog_path_remote(cur->media_path))
		return SIAR_OK;
	rc = text_same(cur->media_mime, ep->media_mime, &same, err);
	if (rc)
		return rc;
	if (!same || strcmp(cur->media_path, ep->media_path) ||
	    strcmp(cur->media_kind, ep->media_kind) ||
	    cur->media_size_bytes != ep->media_size_bytes)
		*changed |= CATALOG_IMPORT_ENCLOSURE;
	if (cur->duration_ms != ep->duration_ms)
		*changed |= CATALOG_IMPORT_DURATION;
	return SIAR_OK;
}

/* Which of the followed fields of 'cur' differ in 'ep', into '*changed'. */
static int import_diff(const struct catalog_episode *cur,
		       const struct catalog_episode *ep, unsigned *changed,
		       struct siar_err *err)
{
	bool same = true;
	int rc;

	*changed = 0;
	rc = text_same(cur->title, ep->title, &same, err);
	if (!same)
		*changed |= CATALOG_IMPORT_TITLE;
	if (!rc)
		rc = text_same(cur->description, ep->description, &same, err);
	if (!same)
		*changed |= CATALOG_IMPORT_DESCRIPTION;
	if (cur->published_unix != ep->published_unix)
		*changed |= CATALOG_IMPORT_DATE;
	if (!rc)
		rc = media_diff(cur, ep, changed, err);
	return rc;
}

/* Write the followed fields of 'ep' named in 'changed' over episode 'id'. */
static int import_store(struct catalog *cat, int64_t id,
			const struct catalog_episode *cur,
			const struct catalog_episode *ep, unsigned changed,
			struct siar_err *err)
{
	static const char sql[] =
		"UPDATE episodes SET title = ?2, description = ?3,"
		" media_path = ?4, media_mime = ?5, media_kind = ?6,"
		" media_size_bytes = ?7, duration_ms = ?8,"
		" published_unix = ?9, updated_unix = ?10 WHERE id = ?1";
	const struct catalog_episode *m =
		changed & CATALOG_IMPORT_ENCLOSURE ? ep : cur;
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, id);
	catalog_bind_text(&b, changed & CATALOG_IMPORT_TITLE ? ep->title
							     : cur->title,
			  true);
	catalog_bind_text(&b, changed & CATALOG_IMPORT_DESCRIPTION
				      ? ep->description
				      : cur->description,
			  true);
	catalog_bind_text(&b, m->media_path, false);
	catalog_bind_text(&b, m->media_mime, true);
	catalog_bind_text(&b, m->media_kind, false);
	catalog_bind_int(&b, m->media_size_bytes);
	catalog_bind_int(&b, changed & CATALOG_IMPORT_DURATION
				     ? ep->duration_ms
				     : cur->duration_ms);
	catalog_bind_int(&b, changed & CATALOG_IMPORT_DATE
				     ? ep->published_unix
				     : cur->published_unix);
	catalog_bind_int(&b, catalog_now(cat));
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "update an imported episode", src,
				      err);
	sqlite3_finalize(st);
	return rc;
}

/* Log the update: the fields, then the actor's note. */
static int import_log(struct catalog *cat, int64_t id, unsigned changed,
		      const struct catalog_actor *who, struct siar_err *err)
{
	struct catalog_log_entry entry = {
		.episode_id = id,
		.at_unix = catalog_now(cat),
		.actor = who->name,
		.action = "import",
	};
	struct siar_buf note;
	size_t i;
	int rc;

	siar_buf_init(&note, 0);
	for (i = 0; i < sizeof(import_fields) / sizeof(import_fields[0]); i++) {
		if (!(changed & import_fields[i].field))
			continue;
		if (note.len)
			siar_buf_adds(&note, ", ");
		siar_buf_adds(&note, import_fields[i].name);
	}
	if (note_of(who))
		siar_buf_addf(&note, ": %s", who->note);
	rc = siar_buf_check(&note, err);
	entry.note = note.buf;
	if (!rc)
		rc = catalog_log_add(cat, &entry, err);
	siar_buf_release(&note);
	return rc;
}

static int import_update(struct catalog *cat, int64_t id,
			 const struct catalog_episode *ep,
			 const struct catalog_actor *who,
			 struct catalog_import_result *res,
			 struct siar_err *err)
{
	struct catalog_episode cur;
	unsigned changed = 0;
	int rc;

	catalog_episode_init(&cur);
	rc = catalog_episode_get(cat, id, &cur, err);
	if (!rc)
		rc = import_diff(&cur, ep, &changed, err);
	if (!rc && changed)
		rc = import_store(cat, id, &cur, ep, changed, err);
	if (!rc && changed)
		rc = import_log(cat, id, changed, who, err);
	if (!rc && (changed & (CATALOG_IMPORT_TITLE |
			       CATALOG_IMPORT_DESCRIPTION)))
		rc = catalog_search_refresh(cat, id, err);
	catalog_episode_release(&cur);
	res->id = id;
	res->added = false;
	res->changed = changed;
	return rc;
}

int catalog_episode_import(struct catalog *cat,
			   const struct catalog_episode *ep,
			   const struct catalog_actor *who,
			   struct catalog_import_result *out,
			   struct siar_err *err)
{
	struct catalog_import_result res = {0, false, 0};
	int64_t id = 0;
	bool outer;
	int rc;

	assert(ep && out && err);
	rc = catalog_actor_check(who, err);
	if (!rc && !ep->guid)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "episode '%s' has no GUID to import it by",
				  ep->media_path ? ep->media_path : "");
	if (!rc)
		rc = catalog_episode_check(ep, err);
	if (!rc)
		rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = catalog_episode_find_guid(cat, ep->show_slug, ep->guid, &id, err);
	if (rc == SIAR_ENOTFOUND && !err->code)
		rc = import_add(cat, ep, who, &res, err);
	else if (!rc)
		rc = import_update(cat, id, ep, who, &res, err);
	rc = catalog_txn_end(cat, outer, rc, err);
	if (!rc)
		*out = res;
	return rc;
}
