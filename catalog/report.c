/*
 * A show's report for a period: its publishing rhythm (rhythm.c), what it
 * published (episodes, videos, minutes), its guests (new or returning, with
 * their organisations) and topics, what waits for review and for how long,
 * and how long review took from submission to publication.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

void catalog_show_report_init(struct catalog_show_report *r)
{
	memset(r, 0, sizeof(*r));
	catalog_show_init(&r->show);
	catalog_rhythm_init(&r->rhythm);
}

void catalog_show_report_release(struct catalog_show_report *r)
{
	size_t i;

	catalog_show_release(&r->show);
	catalog_rhythm_release(&r->rhythm);
	for (i = 0; i < r->n_guests; i++) {
		free(r->guests[i].name);
		free(r->guests[i].organisation);
	}
	free(r->guests);
	for (i = 0; i < r->n_topics; i++)
		free(r->topics[i].name);
	free(r->topics);
	for (i = 0; i < r->n_waiting; i++) {
		free(r->waiting[i].title);
		free(r->waiting[i].status);
	}
	free(r->waiting);
	catalog_show_report_init(r);
}

/* Grow '*v' (of '*n' elements of 'size' bytes) by one zeroed element. */
static void *grow(void **v, size_t *n, size_t *cap, size_t size)
{
	size_t new_cap;
	char *grown;

	if (*n == *cap) {
		new_cap = *cap ? *cap * 2 : 8;
		if (new_cap > SIZE_MAX / size)
			return NULL;
		grown = realloc(*v, new_cap * size);
		if (!grown)
			return NULL;
		*v = grown;
		*cap = new_cap;
	}
	memset((char *)*v + *n * size, 0, size);
	return (char *)*v + (*n)++ * size;
}

/*
 * Run 'sql' with ?1 the show, ?2 from, ?3 to, ?4 now, calling 'row' for
 * each result row. An SQLite result code comes back from 'row'.
 */
static int query(struct catalog *cat, const char *sql, int64_t show_id,
		 int64_t from, int64_t to, int64_t now,
		 int (*row)(sqlite3_stmt *st, void *ctx), void *ctx,
		 const char *what, struct siar_err *err)
{
	const int64_t values[] = {show_id, from, to, now};
	sqlite3_stmt *st = NULL;
	int i, n, src = SQLITE_OK, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	/* A statement may use only some of the four. */
	n = sqlite3_bind_parameter_count(st);
	for (i = 0; i < n && i < 4 && src == SQLITE_OK; i++)
		src = sqlite3_bind_int64(st, i + 1, values[i]);
	while (src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			src = row(st, ctx);
	}
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, what, src, err);
	sqlite3_finalize(st);
	return rc;
}

/* Every publication time of the show up to now, for the rhythm. */
struct times {
	int64_t *v;
	size_t n, cap;
};

static int time_row(sqlite3_stmt *st, void *ctx)
{
	struct times *t = ctx;
	int64_t *slot = grow((void **)&t->v, &t->n, &t->cap, sizeof(*t->v));

	if (!slot)
		return SQLITE_NOMEM;
	*slot = sqlite3_column_int64(st, 0);
	return SQLITE_OK;
}

static int totals_row(sqlite3_stmt *st, void *ctx)
{
	struct catalog_show_report *r = ctx;

	r->n_episodes = (size_t)sqlite3_column_int64(st, 0);
	r->n_videos = (size_t)sqlite3_column_int64(st, 1);
	r->total_ms = sqlite3_column_int64(st, 2);
	return SQLITE_OK;
}

struct lists {
	struct catalog_show_report *r;
	size_t cap;
};

static int guest_row(sqlite3_stmt *st, void *ctx)
{
	struct lists *l = ctx;
	struct catalog_guest_stat *g;
	struct catalog_row row;

	g = grow((void **)&l->r->guests, &l->r->n_guests, &l->cap, sizeof(*g));
	if (!g)
		return SQLITE_NOMEM;
	catalog_row_init(&row, st);
	g->name = catalog_row_text(&row, true);
	g->organisation = catalog_row_text(&row, true);
	g->n_episodes = (size_t)catalog_row_int(&row);
	g->is_new = catalog_row_int(&row) != 0;
	if (g->is_new)
		l->r->n_new_guests++;
	return row.src;
}

static int topic_row(sqlite3_stmt *st, void *ctx)
{
	struct lists *l = ctx;
	struct catalog_topic_stat *t;
	struct catalog_row row;

	t = grow((void **)&l->r->topics, &l->r->n_topics, &l->cap, sizeof(*t));
	if (!t)
		return SQLITE_NOMEM;
	catalog_row_init(&row, st);
	t->name = catalog_row_text(&row, true);
	t->n_episodes = (size_t)catalog_row_int(&row);
	return row.src;
}

static int waiting_row(sqlite3_stmt *st, void *ctx)
{
	struct lists *l = ctx;
	struct catalog_waiting *w;
	struct catalog_row row;

	w = grow((void **)&l->r->waiting, &l->r->n_waiting, &l->cap,
		 sizeof(*w));
	if (!w)
		return SQLITE_NOMEM;
	catalog_row_init(&row, st);
	w->episode_id = catalog_row_int(&row);
	w->title = catalog_row_text(&row, true);
	w->status = catalog_row_text(&row, true);
	w->since_unix = catalog_row_int(&row);
	return row.src;
}

/* Median, mean and longest of the lead times in 't'. */
static void lead_times(struct catalog_show_report *r, struct times *t)
{
	int64_t sum = 0;
	size_t i;

	r->n_lead_times = t->n;
	if (!t->n)
		return;
	qsort(t->v, t->n, sizeof(*t->v), catalog_cmp_i64);
	for (i = 0; i < t->n; i++)
		sum += t->v[i];
	r->lead_mean_s = sum / (int64_t)t->n;
	r->lead_max_s = t->v[t->n - 1];
	r->lead_median_s = t->n % 2 ? t->v[t->n / 2]
				    : (t->v[t->n / 2 - 1] + t->v[t->n / 2]) / 2;
}

/*
 * A show is not behind for the weeks before it began: its rhythm starts
 * with the period of its first episode, or of its creation when that is
 * earlier, if that is after 'from'.
 */
static int64_t rhythm_from(int64_t created_unix, const struct times *t,
			   int64_t from, int64_t to)
{
	int64_t start = created_unix;
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i] < start)
			start = t->v[i];
	if (start <= from || start >= to)
		return from;
	return start;
}

/* Published and live: the episodes a feed reader could see by now. */
#define LIVE "e.show_id = ?1 AND e.status = 'published'" \
	     " AND e.published_unix <= ?4"
#define IN_PERIOD LIVE " AND e.published_unix >= ?2 AND e.published_unix < ?3"

/* The rhythm of 'show' (whose ID is 'show_id') over [from, to) at 'now'. */
static int show_rhythm(struct catalog *cat, const struct catalog_show *show,
		       int64_t show_id, int64_t from, int64_t to, int64_t now,
		       struct catalog_rhythm *out, struct siar_err *err)
{
	static const char times_sql[] =
		"SELECT e.published_unix FROM episodes e WHERE " LIVE;
	struct times t = {NULL, 0, 0};
	int rc;

	rc = query(cat, times_sql, show_id, from, to, now, time_row, &t,
		   "read publication times", err);
	if (!rc)
		rc = catalog_rhythm_compute(
		    show->cadence, show->timezone, t.v, t.n,
		    rhythm_from(show->created_unix, &t, from, to), to, now,
		    out, err);
	free(t.v);
	return rc;
}

static int report(struct catalog *cat, int64_t show_id, int64_t from,
		  int64_t to, int64_t now, struct catalog_show_report *r,
		  struct siar_err *err)
{
	static const char totals_sql[] =
		"SELECT count(*), coalesce(sum(e.media_kind = 'video'), 0),"
		" coalesce(sum(e.duration_ms), 0) FROM episodes e"
		" WHERE " IN_PERIOD;
	/* New: their first live episode of the show falls in the period. */
	static const char guests_sql[] =
		"SELECT p.name, p.organisation,"
		" sum(e.published_unix >= ?2 AND e.published_unix < ?3) AS n,"
		" min(e.published_unix) >= ?2"
		" FROM episode_people x JOIN episodes e ON e.id = x.episode_id"
		" JOIN people p ON p.id = x.person_id"
		" WHERE x.role = 'guest' AND " LIVE
		" GROUP BY p.id HAVING n > 0 ORDER BY n DESC, p.name";
	static const char topics_sql[] =
		"SELECT t.name, count(*) AS n FROM episode_topics x"
		" JOIN episodes e ON e.id = x.episode_id"
		" JOIN topics t ON t.id = x.topic_id WHERE " IN_PERIOD
		" GROUP BY t.id ORDER BY n DESC, t.name";
	/* Waiting since the last submission (or since it was added). */
	static const char waiting_sql[] =
		"SELECT e.id, e.title, e.status, coalesce((SELECT max(l.at_unix)"
		" FROM episode_log l WHERE l.episode_id = e.id"
		" AND l.action = 'submit'), e.created_unix) AS since"
		" FROM episodes e WHERE e.show_id = ?1"
		" AND e.status IN ('in_review', 'approved')"
		" ORDER BY since, e.id";
	/* From the last submission to the publication time. */
	static const char lead_sql[] =
		"SELECT e.published_unix - s.at FROM episodes e JOIN"
		" (SELECT l.episode_id AS id, max(l.at_unix) AS at"
		"  FROM episode_log l WHERE l.action = 'submit'"
		"  GROUP BY l.episode_id) s ON s.id = e.id"
		" WHERE " IN_PERIOD " AND s.at <= e.published_unix";
	struct times t = {NULL, 0, 0};
	struct lists l = {r, 0};
	int rc;

	rc = show_rhythm(cat, &r->show, show_id, from, to, now, &r->rhythm,
			 err);
	if (!rc)
		rc = query(cat, totals_sql, show_id, from, to, now, totals_row,
			   r, "count episodes", err);
	if (!rc)
		rc = query(cat, guests_sql, show_id, from, to, now, guest_row,
			   &l, "read guests", err);
	l.cap = 0;
	if (!rc)
		rc = query(cat, topics_sql, show_id, from, to, now, topic_row,
			   &l, "read topics", err);
	l.cap = 0;
	if (!rc)
		rc = query(cat, waiting_sql, show_id, from, to, now,
			   waiting_row, &l, "read the review queue", err);
	if (!rc)
		rc = query(cat, lead_sql, show_id, from, to, now, time_row, &t,
			   "read review times", err);
	if (!rc)
		lead_times(r, &t);
	free(t.v);
	return rc;
}

int catalog_show_report(struct catalog *cat, const char *slug, int64_t from,
			int64_t to, struct catalog_show_report *out,
			struct siar_err *err)
{
	int64_t show_id = 0;
	int rc;

	assert(cat && slug && out && err);
	catalog_show_report_init(out);
	rc = catalog_show_get(cat, slug, &out->show, err);
	if (!rc)
		rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc) {
		out->from_unix = from;
		out->to_unix = to;
		out->now_unix = catalog_now(cat);
		rc = report(cat, show_id, from, to, out->now_unix, out, err);
	}
	if (rc)
		catalog_show_report_release(out);
	return rc;
}

int catalog_show_rhythm(struct catalog *cat, const char *slug, int64_t from,
			int64_t to, struct catalog_rhythm *out,
			struct siar_err *err)
{
	struct catalog_show show;
	int64_t show_id = 0;
	int rc;

	assert(cat && slug && out && err);
	catalog_rhythm_init(out);
	catalog_show_init(&show);
	rc = catalog_show_get(cat, slug, &show, err);
	if (!rc)
		rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc)
		rc = show_rhythm(cat, &show, show_id, from, to,
				 catalog_now(cat), out, err);
	catalog_show_release(&show);
	return rc;
}
