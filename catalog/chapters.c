/*
 * Chapters of an episode: checking them, storing them in order of their
 * start, and loading them back.
 *
 * The caller may give chapters in any order (tags written by hand often
 * are); they are stored sorted, so readers never sort. The episode itself
 * is stored and read by episode.c.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>

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
