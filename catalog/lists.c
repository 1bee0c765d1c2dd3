/*
 * Reading an episode's lists back: its guests and other credits, topics,
 * chapters, transcripts and renditions, each in the order it was stored,
 * with one query per list (guests and other credits share one).
 *
 * Storing the lists is names.c's, people.c's and chapters.c's job.
 */
#include "catalog.h"

#include <stdlib.h>

#include "catalog_int.h"

/* The room allocated in each list of the episode being filled. */
struct list_room {
	size_t guests, credits, topics, chapters, transcripts, renditions;
};

/* Appends the current row of 'st' to a list of 'ep'. An SQLite result. */
typedef int (*list_add_fn)(struct catalog_episode *ep, struct list_room *room,
			   sqlite3_stmt *st);

/*
 * A list: the columns of its rows, its tables (the one with the episode's
 * ID is 'x', ordered by x.position), and the query for one episode.
 */
struct list_kind {
	const char *cols;
	const char *tables;
	const char *one_sql;	/* ?1 = the episode's ID */
	enum catalog_stmt_id one;
	const char *what;	/* completes "cannot ..." */
	list_add_fn add;
};

#define ONE_SQL(cols, tables)                                                 \
	"SELECT " cols " FROM " tables " WHERE x.episode_id = ?1"             \
	" ORDER BY x.position"

/*
 * Guests and other credits come in one list, told apart by the last
 * column: both are ordered by position, so each keeps its order.
 */
#define PEOPLE_COLS "p.name, x.role, x.grp, x.role = 'guest'"
#define PEOPLE_TABLES                                                         \
	"episode_people x CROSS JOIN people p ON p.id = x.person_id"
#define TOPICS_COLS "t.name"
#define TOPICS_TABLES                                                         \
	"episode_topics x CROSS JOIN topics t ON t.id = x.topic_id"
#define CHAPTERS_COLS "x.start_ms, x.end_ms, x.title"
#define CHAPTERS_TABLES "episode_chapters x"
#define TRANSCRIPTS_COLS "x.path, x.mime, x.language"
#define TRANSCRIPTS_TABLES "episode_transcripts x"
#define RENDITIONS_COLS                                                       \
	"x.path, x.mime, x.kind, x.sha256, x.size_bytes, x.duration_ms,"     \
	" x.bit_rate, x.width, x.height, x.title"
#define RENDITIONS_TABLES "episode_renditions x"

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

/* Append the name in column 0 of 'st' to a list of names. */
static int name_add(char ***list, size_t *n, size_t *cap, sqlite3_stmt *st)
{
	void *items = *list;
	struct catalog_row r;
	int src;

	src = grow(&items, cap, *n, sizeof(**list));
	*list = items;
	if (src != SQLITE_OK)
		return src;
	catalog_row_init(&r, st);
	(*list)[(*n)++] = catalog_row_text(&r, true);
	return r.src;
}

static int people_add(struct catalog_episode *ep, struct list_room *room,
		      sqlite3_stmt *st)
{
	void *items = ep->credits;
	struct catalog_credit *c;
	struct catalog_row r;
	int src;

	if (sqlite3_column_int(st, 3))
		return name_add(&ep->guests, &ep->n_guests, &room->guests, st);
	src = grow(&items, &room->credits, ep->n_credits, sizeof(*c));
	ep->credits = items;
	if (src != SQLITE_OK)
		return src;
	c = &ep->credits[ep->n_credits++];
	catalog_row_init(&r, st);
	c->name = catalog_row_text(&r, true);
	c->role = catalog_row_text(&r, true);
	c->group = catalog_row_text(&r, true);
	return r.src;
}

static int topic_add(struct catalog_episode *ep, struct list_room *room,
		     sqlite3_stmt *st)
{
	return name_add(&ep->topics, &ep->n_topics, &room->topics, st);
}

static int chapter_add(struct catalog_episode *ep, struct list_room *room,
		       sqlite3_stmt *st)
{
	void *items = ep->chapters;
	struct catalog_chapter *c;
	struct catalog_row r;
	int src;

	src = grow(&items, &room->chapters, ep->n_chapters, sizeof(*c));
	ep->chapters = items;
	if (src != SQLITE_OK)
		return src;
	c = &ep->chapters[ep->n_chapters++];
	catalog_row_init(&r, st);
	c->start_ms = catalog_row_int(&r);
	c->end_ms = catalog_row_int(&r);
	c->title = catalog_row_text(&r, true);
	return r.src;
}

static int transcript_add(struct catalog_episode *ep, struct list_room *room,
			  sqlite3_stmt *st)
{
	void *items = ep->transcripts;
	struct catalog_transcript *t;
	struct catalog_row r;
	int src;

	src = grow(&items, &room->transcripts, ep->n_transcripts, sizeof(*t));
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

static int rendition_add(struct catalog_episode *ep, struct list_room *room,
			 sqlite3_stmt *st)
{
	void *items = ep->renditions;
	struct catalog_rendition *x;
	struct catalog_row r;
	int src;

	src = grow(&items, &room->renditions, ep->n_renditions, sizeof(*x));
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

static const struct list_kind kinds[CATALOG_LISTS] = {
	{PEOPLE_COLS, PEOPLE_TABLES, ONE_SQL(PEOPLE_COLS, PEOPLE_TABLES),
	 CATALOG_STMT_PERSON_LIST, "read guests and credits", people_add},
	{TOPICS_COLS, TOPICS_TABLES, ONE_SQL(TOPICS_COLS, TOPICS_TABLES),
	 CATALOG_STMT_TOPIC_LIST, "read topics", topic_add},
	{CHAPTERS_COLS, CHAPTERS_TABLES,
	 ONE_SQL(CHAPTERS_COLS, CHAPTERS_TABLES), CATALOG_STMT_CHAPTER_LIST,
	 "read chapters", chapter_add},
	{TRANSCRIPTS_COLS, TRANSCRIPTS_TABLES,
	 ONE_SQL(TRANSCRIPTS_COLS, TRANSCRIPTS_TABLES),
	 CATALOG_STMT_TRANSCRIPT_LIST, "read transcripts", transcript_add},
	{RENDITIONS_COLS, RENDITIONS_TABLES,
	 ONE_SQL(RENDITIONS_COLS, RENDITIONS_TABLES),
	 CATALOG_STMT_RENDITION_LIST, "read renditions", rendition_add},
};

/* ---- One episode -------------------------------------------------------- */

static int load_one(struct catalog *cat, const struct list_kind *k,
		    struct catalog_episode *ep, struct list_room *room,
		    struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_stmt(cat, k->one, k->one_sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, ep->id);
	while (src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			src = k->add(ep, room, st);
	}
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, k->what, src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_lists_load(struct catalog *cat, struct catalog_episode *ep,
		       struct siar_err *err)
{
	struct list_room room = {0, 0, 0, 0, 0, 0};
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; i < CATALOG_LISTS && !rc; i++)
		rc = load_one(cat, &kinds[i], ep, &room, err);
	return rc;
}
