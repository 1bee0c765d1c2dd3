/*
 * The lists of an episode that are its own: chapters, transcripts and
 * renditions. Checking and storing them.
 *
 * The caller may give chapters in any order (tags written by hand often
 * are); they are stored sorted, so readers never sort. Transcripts and
 * renditions keep the order given. The episode itself is stored and read
 * by episode.c, the lists read back by lists.c.
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
