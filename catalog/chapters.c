/*
 * The lists of an episode that are its own: chapters, transcripts and
 * renditions. Checking them, storing them, and loading them back.
 *
 * The caller may give chapters in any order (tags written by hand often
 * are); they are stored sorted, so readers never sort. Transcripts and
 * renditions keep the order given. The episode itself is stored and read
 * by episode.c.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

int catalog_chapters_check(const struct catalog_episode *ep,
			   struct siar_err *err)
{
	const struct catalog_chapter *c;
	size_t i;

	assert(!ep->n_chapters || ep->chapters);
	for (i = 0; i < ep->n_chapters; i++) {
		c = &ep->chapters[i];
		if (c->start_ms < 0 || c->end_ms < 0)
			return siar_err_set(err, SIAR_EINVAL,
					    "chapter %zu of '%s' has a"
					    " negative time",
					    i + 1, ep->media_path);
		if (c->end_ms != 0 && c->end_ms < c->start_ms)
			return siar_err_set(err, SIAR_EINVAL,
					    "chapter %zu of '%s' ends (%lld ms)"
					    " before it starts (%lld ms)",
					    i + 1, ep->media_path,
					    (long long)c->end_ms,
					    (long long)c->start_ms);
	}
	return SIAR_OK;
}

/*
 * By start, then by place in the caller's array: qsort() is not stable,
 * and comparing pointers into one array is defined.
 */
static int by_start(const void *a, const void *b)
{
	const struct catalog_chapter *const *pa = a;
	const struct catalog_chapter *const *pb = b;
	const struct catalog_chapter *x = *pa, *y = *pb;

	if (x->start_ms != y->start_ms)
		return x->start_ms < y->start_ms ? -1 : 1;
	if (x != y)
		return x < y ? -1 : 1;
	return 0;
}

static int insert_one(struct catalog *cat, sqlite3_stmt *st,
		      int64_t episode_id, int64_t position,
		      const struct catalog_chapter *c, struct siar_err *err)
{
	struct catalog_bind b;
	int src;

	catalog_bind_init(&b, st);
	catalog_bind_int(&b, episode_id);
	catalog_bind_int(&b, position);
	catalog_bind_int(&b, c->start_ms);
	catalog_bind_int(&b, c->end_ms);
	catalog_bind_text(&b, c->title, true);
	src = b.src ? b.src : sqlite3_step(st);
	catalog_stmt_done(st);
	if (src != SQLITE_DONE)
		return catalog_db_error(cat, "store a chapter", src, err);
	return SIAR_OK;
}

int catalog_chapters_link(struct catalog *cat, int64_t episode_id,
			  const struct catalog_episode *ep,
			  struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO episode_chapters (episode_id, position, start_ms,"
		" end_ms, title) VALUES (?1, ?2, ?3, ?4, ?5)";
	const struct catalog_chapter **order = NULL;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	if (!ep->n_chapters)
		return SIAR_OK;
	order = calloc(ep->n_chapters, sizeof(*order));
	if (!order)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	for (i = 0; i < ep->n_chapters; i++)
		order[i] = &ep->chapters[i];
	qsort(order, ep->n_chapters, sizeof(*order), by_start);
	rc = catalog_stmt(cat, CATALOG_STMT_CHAPTER_INSERT, sql, &st, err);
	for (i = 0; i < ep->n_chapters && !rc; i++)
		rc = insert_one(cat, st, episode_id, (int64_t)i, order[i],
				err);
	free(order);
	return rc;
}

/* Append a chapter to ep->chapters; on failure 'title' is freed. */
static int push(struct catalog_episode *ep, size_t *cap, int64_t start_ms,
		int64_t end_ms, char *title)
{
	struct catalog_chapter *grown;
	size_t new_cap;

	if (ep->n_chapters == *cap) {
		new_cap = *cap ? *cap * 2 : 8;
		grown = NULL;
		if (new_cap <= SIZE_MAX / sizeof(*grown))
			grown = realloc(ep->chapters,
					new_cap * sizeof(*grown));
		if (!grown) {
			free(title);
			return SQLITE_NOMEM;
		}
		ep->chapters = grown;
		*cap = new_cap;
	}
	ep->chapters[ep->n_chapters].start_ms = start_ms;
	ep->chapters[ep->n_chapters].end_ms = end_ms;
	ep->chapters[ep->n_chapters].title = title;
	ep->n_chapters++;
	return SQLITE_OK;
}

int catalog_chapters_load(struct catalog *cat, struct catalog_episode *ep,
			  struct siar_err *err)
{
	static const char sql[] =
		"SELECT start_ms, end_ms, title FROM episode_chapters"
		" WHERE episode_id = ?1 ORDER BY position";
	sqlite3_stmt *st = NULL;
	struct catalog_row r;
	int64_t start_ms, end_ms;
	size_t cap = 0;
	char *title;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_CHAPTER_LIST, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, ep->id);
	while (src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src != SQLITE_ROW)
			break;
		catalog_row_init(&r, st);
		start_ms = catalog_row_int(&r);
		end_ms = catalog_row_int(&r);
		title = catalog_row_text(&r, true);
		src = r.src;
		if (src == SQLITE_OK)
			src = push(ep, &cap, start_ms, end_ms, title);
		else
			free(title);
	}
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "read chapters", src, err);
	catalog_stmt_done(st);
	return rc;
}

/* ---- Transcripts and renditions ------------------------------------------ */

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/*
 * BCP 47 in shape only: a primary subtag of 2-8 letters, then subtags of
 * 1-8 letters or digits ("id", "jv", "zh-Hant-TW"). Checking it against
 * the IANA registry would need the registry.
 */
static bool language_valid(const char *s)
{
	size_t run = 0, i;
	bool first = true;

	for (i = 0; s[i]; i++) {
		if (s[i] == '-') {
			if (run < (first ? 2u : 1u))
				return false;
			first = false;
			run = 0;
		} else if (is_alpha(s[i]) ||
			   (!first && s[i] >= '0' && s[i] <= '9')) {
			if (++run > 8)
				return false;
		} else {
			return false;
		}
	}
	return run >= (first ? 2u : 1u);
}

/* The types podcast:transcript lists, and the schema allows. */
static bool transcript_mime_valid(const char *mime)
{
	static const char *const known[] = {
		"text/plain",	    "text/html",	     "text/vtt",
		"application/json", "application/x-subrip",
	};
	size_t i;

	for (i = 0; mime && i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(mime, known[i]))
			return true;
	return false;
}

static int transcript_check(const struct catalog_episode *ep, size_t i,
			    struct siar_err *err)
{
	const struct catalog_transcript *t = &ep->transcripts[i];

	if (!t->path || !*t->path)
		return siar_err_set(err, SIAR_EINVAL,
				    "transcript %zu of '%s' has no path",
				    i + 1, ep->media_path);
	if (!transcript_mime_valid(t->mime))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad transcript type '%s' for '%s': use"
				    " text/vtt, application/x-subrip,"
				    " text/plain, text/html or"
				    " application/json",
				    t->mime ? t->mime : "", t->path);
	if (t->language && !language_valid(t->language))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad transcript language '%s' for '%s':"
				    " use a language tag such as 'id'",
				    t->language, t->path);
	return SIAR_OK;
}

/* The text fields of rendition 'i'; the file names it. */
static int rendition_check_text(const struct catalog_episode *ep, size_t i,
				struct siar_err *err)
{
	const struct catalog_rendition *r = &ep->renditions[i];

	if (!r->path || !*r->path)
		return siar_err_set(err, SIAR_EINVAL,
				    "rendition %zu of '%s' has no path",
				    i + 1, ep->media_path);
	if (!r->mime || !strchr(r->mime, '/'))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad MIME type '%s' for '%s'",
				    r->mime ? r->mime : "", r->path);
	if (!r->kind || (strcmp(r->kind, "audio") && strcmp(r->kind, "video")))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad media kind '%s' for '%s': use audio"
				    " or video",
				    r->kind ? r->kind : "", r->path);
	if (r->sha256 ? !catalog_sha256_valid(r->sha256)
		      : !catalog_path_remote(r->path))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad SHA-256 '%s' for '%s': use 64"
				    " lowercase hex digits",
				    r->sha256 ? r->sha256 : "", r->path);
	return SIAR_OK;
}

static int rendition_check(const struct catalog_episode *ep, size_t i,
			   struct siar_err *err)
{
	const struct catalog_rendition *r = &ep->renditions[i];
	const char *what = NULL;
	int rc;

	rc = rendition_check_text(ep, i, err);
	if (rc)
		return rc;
	if (r->size_bytes < 0)
		what = "size";
	else if (r->duration_ms < 0)
		what = "duration";
	else if (r->bit_rate < 0)
		what = "bit rate";
	else if (r->width < 0 || r->height < 0)
		what = "picture size";
	if (what)
		return siar_err_set(err, SIAR_EINVAL, "negative %s for '%s'",
				    what, r->path);
	return SIAR_OK;
}

int catalog_files_check(const struct catalog_episode *ep,
			struct siar_err *err)
{
	size_t i;
	int rc = SIAR_OK;

	assert(!ep->n_transcripts || ep->transcripts);
	assert(!ep->n_renditions || ep->renditions);
	for (i = 0; i < ep->n_transcripts && !rc; i++)
		rc = transcript_check(ep, i, err);
	for (i = 0; i < ep->n_renditions && !rc; i++)
		rc = rendition_check(ep, i, err);
	return rc;
}

static int transcripts_link(struct catalog *cat, int64_t episode_id,
			    const struct catalog_episode *ep,
			    struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO episode_transcripts (episode_id, position, path,"
		" mime, language) VALUES (?1, ?2, ?3, ?4, ?5)";
	const struct catalog_transcript *t;
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	size_t i;
	int src = SQLITE_DONE, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_TRANSCRIPT_INSERT, sql, &st, err);
	for (i = 0; i < ep->n_transcripts && !rc && src == SQLITE_DONE; i++) {
		t = &ep->transcripts[i];
		catalog_bind_init(&b, st);
		catalog_bind_int(&b, episode_id);
		catalog_bind_int(&b, (int64_t)i);
		catalog_bind_text(&b, t->path, false);
		catalog_bind_text(&b, t->mime, false);
		catalog_bind_text(&b, t->language, false);
		src = b.src ? b.src : sqlite3_step(st);
		catalog_stmt_done(st);
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(cat, "store a transcript", src, err);
	return rc;
}

static void bind_rendition(struct catalog_bind *b, int64_t episode_id,
			   size_t i, const struct catalog_rendition *r)
{
	catalog_bind_int(b, episode_id);
	catalog_bind_int(b, (int64_t)i);
	catalog_bind_text(b, r->path, false);
	catalog_bind_text(b, r->mime, true);
	catalog_bind_text(b, r->kind, false);
	catalog_bind_text(b, r->sha256, false);
	catalog_bind_int(b, r->size_bytes);
	catalog_bind_int(b, r->duration_ms);
	catalog_bind_int(b, r->bit_rate);
	catalog_bind_int(b, r->width);
	catalog_bind_int(b, r->height);
	catalog_bind_text(b, r->title, true);
}

static int renditions_link(struct catalog *cat, int64_t episode_id,
			   const struct catalog_episode *ep,
			   struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO episode_renditions (episode_id, position, path,"
		" mime, kind, sha256, size_bytes, duration_ms, bit_rate, width,"
		" height, title) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
		" ?10, ?11, ?12)";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	size_t i;
	int src = SQLITE_DONE, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_RENDITION_INSERT, sql, &st, err);
	for (i = 0; i < ep->n_renditions && !rc && src == SQLITE_DONE; i++) {
		catalog_bind_init(&b, st);
		bind_rendition(&b, episode_id, i, &ep->renditions[i]);
		src = b.src ? b.src : sqlite3_step(st);
		catalog_stmt_done(st);
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(cat, "store a rendition", src, err);
	return rc;
}

int catalog_files_link(struct catalog *cat, int64_t episode_id,
		       const struct catalog_episode *ep, struct siar_err *err)
{
	int rc = SIAR_OK;

	if (ep->n_transcripts)
		rc = transcripts_link(cat, episode_id, ep, err);
	if (!rc && ep->n_renditions)
		rc = renditions_link(cat, episode_id, ep, err);
	return rc;
}

/*
 * Make room for one more element of 'size' bytes in '*items', which holds
 * 'n' of '*cap'. Returns an SQLite result.
 */
static int grow(void **items, size_t *cap, size_t n, size_t size)
{
	size_t new_cap;
	void *grown = NULL;

	if (n < *cap)
		return SQLITE_OK;
	new_cap = *cap ? *cap * 2 : 4;
	if (new_cap <= SIZE_MAX / size)
		grown = realloc(*items, new_cap * size);
	if (!grown)
		return SQLITE_NOMEM;
	*items = grown;
	*cap = new_cap;
	return SQLITE_OK;
}

/* Append the transcript in the current row of 'st'. */
static int transcript_push(struct catalog_episode *ep, size_t *cap,
			   sqlite3_stmt *st)
{
	void *items = ep->transcripts;
	struct catalog_transcript *t;
	struct catalog_row r;
	int src;

	src = grow(&items, cap, ep->n_transcripts, sizeof(*t));
	ep->transcripts = items;
	if (src != SQLITE_OK)
		return src;
	t = &ep->transcripts[ep->n_transcripts++];
	catalog_row_init(&r, st);
	t->path = catalog_row_text(&r, false);
	t->mime = catalog_row_text(&r, true);
	t->language = catalog_row_text(&r, true);
	return r.src;
}

/* Append the rendition in the current row of 'st'. */
static int rendition_push(struct catalog_episode *ep, size_t *cap,
			  sqlite3_stmt *st)
{
	void *items = ep->renditions;
	struct catalog_rendition *x;
	struct catalog_row r;
	int src;

	src = grow(&items, cap, ep->n_renditions, sizeof(*x));
	ep->renditions = items;
	if (src != SQLITE_OK)
		return src;
	x = &ep->renditions[ep->n_renditions++];
	catalog_row_init(&r, st);
	x->path = catalog_row_text(&r, false);
	x->mime = catalog_row_text(&r, true);
	x->kind = catalog_row_text(&r, true);
	x->sha256 = catalog_row_text(&r, true);
	x->size_bytes = catalog_row_int(&r);
	x->duration_ms = catalog_row_int(&r);
	x->bit_rate = catalog_row_int(&r);
	x->width = (int)catalog_row_int(&r);
	x->height = (int)catalog_row_int(&r);
	x->title = catalog_row_text(&r, true);
	return r.src;
}

int catalog_episode_rows_load(struct catalog *cat, struct catalog_episode *ep,
			      enum catalog_stmt_id id, const char *sql,
			      catalog_row_push_fn add, const char *what,
			      struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	size_t cap = 0;
	int src, rc;

	rc = catalog_stmt(cat, id, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, ep->id);
	while (src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			src = add(ep, &cap, st);
	}
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, what, src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_files_load(struct catalog *cat, struct catalog_episode *ep,
		       struct siar_err *err)
{
	static const char transcripts_sql[] =
		"SELECT path, mime, language FROM episode_transcripts"
		" WHERE episode_id = ?1 ORDER BY position";
	static const char renditions_sql[] =
		"SELECT path, mime, kind, sha256, size_bytes, duration_ms,"
		" bit_rate, width, height, title FROM episode_renditions"
		" WHERE episode_id = ?1 ORDER BY position";
	int rc;

	rc = catalog_episode_rows_load(cat, ep, CATALOG_STMT_TRANSCRIPT_LIST,
				       transcripts_sql, transcript_push,
				       "read an episode's files", err);
	if (!rc)
		rc = catalog_episode_rows_load(
		    cat, ep, CATALOG_STMT_RENDITION_LIST, renditions_sql,
		    rendition_push, "read an episode's files", err);
	return rc;
}
