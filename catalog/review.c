/*
 * Changing an episode after it was added: the review workflow (submit,
 * approve, request changes, publish, unpublish, archive), editing and
 * removing, and the append-only log that records each of them, written in
 * the transaction of the change it records.
 *
 * Adding is episode.c's (it logs through catalog_log_add); the checks an
 * edit shares with adding are there too. Keeping the search index in step
 * is search.c's.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

const char *catalog_action_name(enum catalog_action action)
{
	switch (action) {
	case CATALOG_ACTION_SUBMIT:
		return "submit";
	case CATALOG_ACTION_APPROVE:
		return "approve";
	case CATALOG_ACTION_REQUEST_CHANGES:
		return "request-changes";
	case CATALOG_ACTION_PUBLISH:
		return "publish";
	case CATALOG_ACTION_UNPUBLISH:
		return "unpublish";
	case CATALOG_ACTION_ARCHIVE:
		return "archive";
	}
	return "unknown";
}

/* ---- The log ------------------------------------------------------------ */

int catalog_actor_check(const struct catalog_actor *who, struct siar_err *err)
{
	if (!who || catalog_blank(who->name))
		return siar_err_set(err, SIAR_EINVAL,
				    "no name for the log: say who does this");
	return SIAR_OK;
}

int catalog_log_add(struct catalog *cat, const struct catalog_log_entry *entry,
		    struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO episode_log (episode_id, at_unix, actor, action,"
		" from_status, to_status, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_LOG_INSERT, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, entry->episode_id);
	catalog_bind_int(&b, entry->at_unix);
	catalog_bind_text(&b, entry->actor, true);
	catalog_bind_text(&b, entry->action, false);
	catalog_bind_text(&b, entry->from_status, false);
	catalog_bind_text(&b, entry->to_status, false);
	catalog_bind_text(&b, entry->note, true);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "write the episode log", src, err);
	catalog_stmt_done(st);
	return rc;
}

/* An episode's status and the review rule of its show. */
struct episode_state {
	enum catalog_status status;
	bool review_required;
	char *show_slug;
};

static int state_from_row(const struct catalog *cat, int64_t id,
			  sqlite3_stmt *st, struct episode_state *out,
			  struct siar_err *err)
{
	struct catalog_row r;
	char *status;
	int rc;

	catalog_row_init(&r, st);
	status = catalog_row_text(&r, false);
	out->review_required = catalog_row_int(&r) != 0;
	out->show_slug = catalog_row_text(&r, true);
	rc = catalog_episode_row_done(cat, id, r.src, status, &out->status,
				      err);
	free(status);
	return rc;
}

/* Fill 'out' (zeroed; the caller frees out->show_slug) for episode 'id'. */
static int state_load(struct catalog *cat, int64_t id,
		      struct episode_state *out, struct siar_err *err)
{
	static const char sql[] =
		"SELECT e.status, s.review_required, s.slug FROM episodes e"
		" JOIN shows s ON s.id = e.show_id WHERE e.id = ?1";
	sqlite3_stmt *st = NULL;
	int rc;

	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_STATE, sql, &st, err);
	if (rc)
		return rc;
	rc = catalog_episode_step(cat, st, id, err);
	if (!rc)
		rc = state_from_row(cat, id, st, out, err);
	catalog_stmt_done(st);
	return rc;
}

/* Call 'fn' for the log entry in the current row of 'st'. */
static int log_row(const struct catalog *cat, sqlite3_stmt *st,
		   catalog_log_fn fn, void *ctx, struct siar_err *err)
{
	struct catalog_log_entry e;
	char *actor, *action, *from, *to, *note;
	struct catalog_row r;
	int rc;

	catalog_row_init(&r, st);
	e.id = catalog_row_int(&r);
	e.episode_id = catalog_row_int(&r);
	e.at_unix = catalog_row_int(&r);
	actor = catalog_row_text(&r, true);
	action = catalog_row_text(&r, true);
	from = catalog_row_text(&r, true);
	to = catalog_row_text(&r, true);
	note = catalog_row_text(&r, true);
	e.actor = actor;
	e.action = action;
	e.from_status = from;
	e.to_status = to;
	e.note = note;
	if (r.src)
		rc = catalog_db_error(cat, "read the episode log", r.src, err);
	else
		rc = fn(&e, ctx, err);
	free(actor);
	free(action);
	free(from);
	free(to);
	free(note);
	return rc;
}

int catalog_log_each(struct catalog *cat, int64_t id, catalog_log_fn fn,
		     void *ctx, struct siar_err *err)
{
	static const char sql[] =
		"SELECT id, episode_id, at_unix, actor, action, from_status,"
		" to_status, note FROM episode_log WHERE episode_id = ?1"
		" ORDER BY id";
	struct episode_state cur = {CATALOG_STATUS_DRAFT, false, NULL};
	sqlite3_stmt *st = NULL;
	bool any = false;
	int src, rc;

	assert(fn && err);
	/* Our own statement: 'fn' may use the catalogue, even the log. */
	rc = catalog_prepare(cat, sql, &st, err);
	src = rc ? SQLITE_DONE : sqlite3_bind_int64(st, 1, id);
	while (!rc && src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW) {
			any = true;
			rc = log_row(cat, st, fn, ctx, err);
			src = SQLITE_OK;
		}
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(cat, "read the episode log", src, err);
	sqlite3_finalize(st);
	/* An episode from before the log existed has none, and is fine. */
	if (!rc && !any)
		rc = state_load(cat, id, &cur, err);
	free(cur.show_slug);
	return rc;
}

/* ---- The workflow ------------------------------------------------------- */

/* One step of the workflow being taken. */
struct act {
	int64_t id;
	enum catalog_action action;
	int64_t at_unix;
	const struct catalog_actor *who;
	struct episode_state cur;
	enum catalog_status to;
};

/* The status as it reads after "episode 3 is". */
static const char *status_phrase(enum catalog_status status)
{
	switch (status) {
	case CATALOG_STATUS_DRAFT:
		return "a draft";
	case CATALOG_STATUS_IN_REVIEW:
		return "in review";
	case CATALOG_STATUS_APPROVED:
	case CATALOG_STATUS_PUBLISHED:
	case CATALOG_STATUS_UNPUBLISHED:
	case CATALOG_STATUS_ARCHIVED:
		break;
	}
	return catalog_status_name(status);
}

static int refuse(const struct act *a, const char *need, struct siar_err *err)
{
	return siar_err_set(err, SIAR_EINVAL, "episode %lld is %s: %s",
			    (long long)a->id, status_phrase(a->cur.status),
			    need);
}

/*
 * Publishing needs approval in a show that requires review. An episode
 * that was unpublished had been published, so approved if the show then
 * required it; publishing a published one moves its time.
 */
static int publish_allowed(const struct act *a, struct siar_err *err)
{
	switch (a->cur.status) {
	case CATALOG_STATUS_APPROVED:
	case CATALOG_STATUS_PUBLISHED:
	case CATALOG_STATUS_UNPUBLISHED:
		return SIAR_OK;
	case CATALOG_STATUS_ARCHIVED:
		return refuse(a, "an archived episode cannot be published",
			      err);
	case CATALOG_STATUS_DRAFT:
	case CATALOG_STATUS_IN_REVIEW:
		break;
	}
	if (!a->cur.review_required)
		return SIAR_OK;
	return siar_err_set(err, SIAR_EINVAL,
			    "episode %lld is %s: %s before publishing (show"
			    " '%s' requires review)",
			    (long long)a->id, status_phrase(a->cur.status),
			    a->cur.status == CATALOG_STATUS_DRAFT
				    ? "submit and approve it"
				    : "approve it",
			    a->cur.show_slug);
}

/* Set a->to, or refuse a step the workflow does not allow. */
static int act_decide(struct act *a, struct siar_err *err)
{
	enum catalog_status from = a->cur.status;

	switch (a->action) {
	case CATALOG_ACTION_SUBMIT:
		a->to = CATALOG_STATUS_IN_REVIEW;
		if (from == CATALOG_STATUS_DRAFT)
			return SIAR_OK;
		return refuse(a, "only a draft can be submitted for review",
			      err);
	case CATALOG_ACTION_APPROVE:
		a->to = CATALOG_STATUS_APPROVED;
		if (from == CATALOG_STATUS_IN_REVIEW)
			return SIAR_OK;
		return refuse(a,
			      from == CATALOG_STATUS_DRAFT
				      ? "submit it for review before approving it"
				      : "only an episode in review can be approved",
			      err);
	case CATALOG_ACTION_REQUEST_CHANGES:
		a->to = CATALOG_STATUS_DRAFT;
		if (from == CATALOG_STATUS_IN_REVIEW ||
		    from == CATALOG_STATUS_APPROVED)
			return SIAR_OK;
		return refuse(a, "changes can be requested only in review or"
				 " after approval", err);
	case CATALOG_ACTION_PUBLISH:
		a->to = CATALOG_STATUS_PUBLISHED;
		return publish_allowed(a, err);
	case CATALOG_ACTION_UNPUBLISH:
		a->to = CATALOG_STATUS_UNPUBLISHED;
		if (from == CATALOG_STATUS_PUBLISHED)
			return SIAR_OK;
		return refuse(a, "only a published episode can be unpublished",
			      err);
	case CATALOG_ACTION_ARCHIVE:
		a->to = CATALOG_STATUS_ARCHIVED;
		if (from != CATALOG_STATUS_ARCHIVED)
			return SIAR_OK;
		return refuse(a, "it cannot be archived twice", err);
	}
	return siar_err_set(err, SIAR_EINVAL, "unknown action %d",
			    (int)a->action);
}

/* Store the new status (and publication time) and log the step. */
static int act_apply(struct catalog *cat, const struct act *a,
		     struct siar_err *err)
{
	static const char sql[] =
		"UPDATE episodes SET status = ?2,"
		" published_unix = coalesce(?3, published_unix),"
		" updated_unix = ?4 WHERE id = ?1";
	struct catalog_log_entry entry = {
		.episode_id = a->id,
		.at_unix = catalog_now(cat),
		.actor = a->who->name,
		.action = catalog_action_name(a->action),
		.from_status = a->cur.status == a->to
				       ? NULL
				       : catalog_status_name(a->cur.status),
		.to_status = catalog_status_name(a->to),
		.note = a->who->note,
	};
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	/* The statement that moves a status, publishing among others. */
	rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_PUBLISH, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, a->id);
	catalog_bind_text(&b, entry.to_status, false);
	if (a->action == CATALOG_ACTION_PUBLISH)
		catalog_bind_int(&b, a->at_unix);
	else
		catalog_bind_null(&b);
	catalog_bind_int(&b, entry.at_unix);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "change an episode's status", src,
				      err);
	catalog_stmt_done(st);
	if (!rc)
		rc = catalog_log_add(cat, &entry, err);
	return rc;
}

int catalog_episode_act(struct catalog *cat, int64_t id,
			enum catalog_action action, int64_t at_unix,
			const struct catalog_actor *who,
			struct siar_err *err)
{
	struct act a = {id, action, at_unix, who, {0, false, NULL}, 0};
	bool outer;
	int rc;

	assert(err);
	rc = catalog_actor_check(who, err);
	if (!rc && action == CATALOG_ACTION_REQUEST_CHANGES &&
	    catalog_blank(who->note))
		rc = siar_err_set(err, SIAR_EINVAL,
				  "request-changes needs a note");
	if (!rc)
		rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = state_load(cat, id, &a.cur, err);
	if (!rc)
		rc = act_decide(&a, err);
	if (!rc)
		rc = act_apply(cat, &a, err);
	rc = catalog_txn_end(cat, outer, rc, err);
	free(a.cur.show_slug);
	return rc;
}

int catalog_episode_publish(struct catalog *cat, int64_t id, int64_t at_unix,
			    struct siar_err *err)
{
	static const struct catalog_actor siar = {"siar", NULL};

	return catalog_episode_act(cat, id, CATALOG_ACTION_PUBLISH, at_unix,
				   &siar, err);
}

/* ---- Editing ------------------------------------------------------------ */

/*
 * 'cur' with the editable fields of 'ep': what the episode will be. It
 * borrows every pointer, so it is never released.
 */
static void edit_view(struct catalog_episode *view,
		      const struct catalog_episode *cur,
		      const struct catalog_episode *ep)
{
	*view = *cur;
	view->title = ep->title;
	view->description = ep->description;
	view->season = ep->season;
	view->episode_number = ep->episode_number;
	view->episode_type = ep->episode_type;
	view->explicit = ep->explicit;
	view->image_path = ep->image_path;
	view->poster_path = ep->poster_path;
	view->recorded_on = ep->recorded_on;
	view->guests = ep->guests;
	view->n_guests = ep->n_guests;
	view->credits = ep->credits;
	view->n_credits = ep->n_credits;
	view->topics = ep->topics;
	view->n_topics = ep->n_topics;
	view->chapters = ep->chapters;
	view->n_chapters = ep->n_chapters;
	view->transcripts = ep->transcripts;
	view->n_transcripts = ep->n_transcripts;
	view->renditions = ep->renditions;
	view->n_renditions = ep->n_renditions;
}

static int edit_fields(struct catalog *cat, int64_t id,
		       const struct catalog_episode *view,
		       struct siar_err *err)
{
	static const char sql[] =
		"UPDATE episodes SET title = ?2, description = ?3, season = ?4,"
		" episode_number = ?5, episode_type = ?6, explicit = ?7,"
		" image_path = ?8, poster_path = ?9, recorded_on = ?10"
		" WHERE id = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, id);
	catalog_bind_text(&b, view->title, true);
	catalog_bind_text(&b, view->description, true);
	catalog_bind_int(&b, view->season);
	catalog_bind_int(&b, view->episode_number);
	catalog_bind_text(&b, view->episode_type ? view->episode_type : "full",
			  false);
	catalog_bind_int(&b, view->explicit);
	catalog_bind_text(&b, view->image_path, false);
	catalog_bind_text(&b, view->poster_path, false);
	catalog_bind_text(&b, view->recorded_on, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "edit an episode", src, err);
	sqlite3_finalize(st);
	return rc;
}

/* Replace the fields and every list; people and topics left unused stay. */
static int edit_store(struct catalog *cat, int64_t id,
		      const struct catalog_episode *view, struct siar_err *err)
{
	static const char *const unlink[] = {
		"DELETE FROM episode_people WHERE episode_id = ?1",
		"DELETE FROM episode_topics WHERE episode_id = ?1",
		"DELETE FROM episode_chapters WHERE episode_id = ?1",
		"DELETE FROM episode_transcripts WHERE episode_id = ?1",
		"DELETE FROM episode_renditions WHERE episode_id = ?1",
	};
	size_t i;
	int rc;

	rc = edit_fields(cat, id, view, err);
	for (i = 0; i < sizeof(unlink) / sizeof(unlink[0]) && !rc; i++)
		rc = catalog_exec_ids(cat, unlink[i], id, 0, "edit an episode",
				      err);
	if (!rc)
		rc = catalog_episode_lists_link(cat, id, view, err);
	return rc;
}

static bool str_same(const char *x, const char *y)
{
	if (!x || !y)
		return x == y;
	return !strcmp(x, y);
}

static bool names_same(char *const *x, size_t nx, char *const *y, size_t ny)
{
	size_t i;

	if (nx != ny)
		return false;
	for (i = 0; i < nx; i++)
		if (!str_same(x[i], y[i]))
			return false;
	return true;
}

static bool credits_same(const struct catalog_episode *x,
			 const struct catalog_episode *y)
{
	const struct catalog_credit *a, *b;
	size_t i;

	if (x->n_credits != y->n_credits)
		return false;
	for (i = 0; i < x->n_credits; i++) {
		a = &x->credits[i];
		b = &y->credits[i];
		if (!str_same(a->name, b->name) ||
		    !str_same(a->role, b->role) ||
		    !str_same(a->group, b->group))
			return false;
	}
	return true;
}

static bool chapters_same(const struct catalog_episode *x,
			  const struct catalog_episode *y)
{
	const struct catalog_chapter *a, *b;
	size_t i;

	if (x->n_chapters != y->n_chapters)
		return false;
	for (i = 0; i < x->n_chapters; i++) {
		a = &x->chapters[i];
		b = &y->chapters[i];
		if (a->start_ms != b->start_ms || a->end_ms != b->end_ms ||
		    !str_same(a->title, b->title))
			return false;
	}
	return true;
}

static bool transcripts_same(const struct catalog_episode *x,
			     const struct catalog_episode *y)
{
	const struct catalog_transcript *a, *b;
	size_t i;

	if (x->n_transcripts != y->n_transcripts)
		return false;
	for (i = 0; i < x->n_transcripts; i++) {
		a = &x->transcripts[i];
		b = &y->transcripts[i];
		if (!str_same(a->path, b->path) ||
		    !str_same(a->mime, b->mime) ||
		    !str_same(a->language, b->language))
			return false;
	}
	return true;
}

static bool rendition_same(const struct catalog_rendition *a,
			   const struct catalog_rendition *b)
{
	return str_same(a->path, b->path) && str_same(a->mime, b->mime) &&
	       str_same(a->kind, b->kind) && str_same(a->sha256, b->sha256) &&
	       a->size_bytes == b->size_bytes &&
	       a->duration_ms == b->duration_ms &&
	       a->bit_rate == b->bit_rate && a->width == b->width &&
	       a->height == b->height && str_same(a->title, b->title);
}

static bool renditions_same(const struct catalog_episode *x,
			    const struct catalog_episode *y)
{
	size_t i;

	if (x->n_renditions != y->n_renditions)
		return false;
	for (i = 0; i < x->n_renditions; i++)
		if (!rendition_same(&x->renditions[i], &y->renditions[i]))
			return false;
	return true;
}

static void diff_one(struct siar_buf *b, const char *field, bool same)
{
	if (same)
		return;
	if (b->len)
		siar_buf_adds(b, ", ");
	siar_buf_adds(b, field);
}

/*
 * Append to 'b' the names of the fields that differ between the episode
 * as stored before and after the edit: comparing what was stored, not
 * what was given, leaves out a guest spelled in another case or chapters
 * given in another order.
 */
static void edit_diff(struct siar_buf *b, const struct catalog_episode *x,
		      const struct catalog_episode *y)
{
	diff_one(b, "title", str_same(x->title, y->title));
	diff_one(b, "description", str_same(x->description, y->description));
	diff_one(b, "season", x->season == y->season);
	diff_one(b, "episode_number", x->episode_number == y->episode_number);
	diff_one(b, "episode_type", str_same(x->episode_type, y->episode_type));
	diff_one(b, "explicit", x->explicit == y->explicit);
	diff_one(b, "image_path", str_same(x->image_path, y->image_path));
	diff_one(b, "poster_path", str_same(x->poster_path, y->poster_path));
	diff_one(b, "recorded_on", str_same(x->recorded_on, y->recorded_on));
	diff_one(b, "guests",
		 names_same(x->guests, x->n_guests, y->guests, y->n_guests));
	diff_one(b, "people", credits_same(x, y));
	diff_one(b, "topics",
		 names_same(x->topics, x->n_topics, y->topics, y->n_topics));
	diff_one(b, "chapters", chapters_same(x, y));
	diff_one(b, "transcripts", transcripts_same(x, y));
	diff_one(b, "renditions", renditions_same(x, y));
}

/*
 * The edit changed 'changed' (a list of fields, not empty): move
 * updated_unix, log it with the actor's note after the list, and refresh
 * the search row.
 */
static int edit_record(struct catalog *cat, int64_t id,
		       struct siar_buf *changed,
		       const struct catalog_actor *who, struct siar_err *err)
{
	static const char touch_sql[] =
		"UPDATE episodes SET updated_unix = ?2 WHERE id = ?1";
	struct catalog_log_entry entry = {
		.episode_id = id,
		.at_unix = catalog_now(cat),
		.actor = who->name,
		.action = "edit",
	};
	sqlite3_stmt *st = NULL;
	int src, rc;

	if (!catalog_blank(who->note))
		siar_buf_addf(changed, ": %s", who->note);
	rc = siar_buf_check(changed, err);
	if (!rc)
		rc = catalog_stmt(cat, CATALOG_STMT_EPISODE_TOUCH, touch_sql,
				  &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, id);
	if (src == SQLITE_OK)
		src = sqlite3_bind_int64(st, 2, entry.at_unix);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "edit an episode", src, err);
	catalog_stmt_done(st);
	entry.note = changed->buf;
	if (!rc)
		rc = catalog_log_add(cat, &entry, err);
	if (!rc)
		rc = catalog_search_refresh(cat, id, err);
	return rc;
}

/* Inside the transaction: check, store, compare and record. */
static int edit(struct catalog *cat, int64_t id,
		const struct catalog_episode *ep,
		const struct catalog_actor *who, struct siar_err *err)
{
	struct catalog_episode before, after, view;
	struct siar_buf changed;
	int rc;

	catalog_episode_init(&before);
	catalog_episode_init(&after);
	siar_buf_init(&changed, 0);
	rc = catalog_episode_get(cat, id, &before, err);
	if (!rc) {
		edit_view(&view, &before, ep);
		rc = catalog_episode_check(&view, err);
	}
	if (!rc)
		rc = catalog_episode_number_check(cat, &view, before.show_id,
						  id, err);
	if (!rc)
		rc = edit_store(cat, id, &view, err);
	if (!rc)
		rc = catalog_episode_get(cat, id, &after, err);
	if (!rc)
		edit_diff(&changed, &before, &after);
	/* Nothing changed: nothing to log, and updated_unix stays. */
	if (!rc && changed.len)
		rc = edit_record(cat, id, &changed, who, err);
	catalog_episode_release(&before);
	catalog_episode_release(&after);
	siar_buf_release(&changed);
	return rc;
}

int catalog_episode_update(struct catalog *cat, int64_t id,
			   const struct catalog_episode *ep,
			   const struct catalog_actor *who,
			   struct siar_err *err)
{
	bool outer;
	int rc;

	assert(ep && err);
	assert(!ep->n_guests || ep->guests);
	assert(!ep->n_topics || ep->topics);
	rc = catalog_actor_check(who, err);
	if (!rc)
		rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = edit(cat, id, ep, who, err);
	return catalog_txn_end(cat, outer, rc, err);
}

/* ---- Removing ----------------------------------------------------------- */

int catalog_episode_remove(struct catalog *cat, int64_t id, bool force,
			   const struct catalog_actor *who,
			   struct siar_err *err)
{
	struct episode_state cur = {CATALOG_STATUS_DRAFT, false, NULL};
	struct catalog_log_entry entry = {
		.episode_id = id,
		.action = "remove",
	};
	bool outer;
	int rc;

	assert(err);
	rc = catalog_actor_check(who, err);
	if (!rc)
		rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = state_load(cat, id, &cur, err);
	if (!rc && cur.status == CATALOG_STATUS_PUBLISHED && !force)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "episode %lld is published: unpublish it"
				  " first or use --force",
				  (long long)id);
	/* Chapters, credits, files and the like go with it (ON DELETE
	 * CASCADE); the log stays. */
	if (!rc)
		rc = catalog_exec_ids(cat, "DELETE FROM episodes WHERE id = ?1",
				      id, 0, "remove an episode", err);
	if (!rc)
		rc = catalog_search_refresh(cat, id, err);
	entry.at_unix = catalog_now(cat);
	entry.actor = who ? who->name : NULL;
	entry.from_status = catalog_status_name(cur.status);
	entry.note = who ? who->note : NULL;
	if (!rc)
		rc = catalog_log_add(cat, &entry, err);
	rc = catalog_txn_end(cat, outer, rc, err);
	free(cur.show_slug);
	return rc;
}
