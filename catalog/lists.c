/*
 * Reading an episode's lists back: its guests and other credits, topics,
 * chapters, transcripts and renditions, each in the order it was stored,
 * and who added it (the actor of its first "add" in the log).
 *
 * catalog_episode_get() reads them with one query per list (guests and
 * other credits share one). A walk that goes to its end
 * (catalog_episode_each) instead opens one cursor per list over all the
 * episodes it gives, in its own order, and takes each episode's rows
 * from the heads of those cursors: a query per episode and list cost
 * more than the episode's own row, and so did finding who added it with
 * a subquery in that row. A walk's lists and their strings go into its
 * arena (catalog.c), not a malloc() each.
 *
 * Storing the lists is names.c's, people.c's and chapters.c's job; the
 * log is review.c's.
 */
#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/*
 * The room allocated in each list of the episode being filled, and where
 * its lists and strings go.
 */
struct list_room {
	size_t guests, credits, topics, chapters, transcripts, renditions;
	struct catalog_arena *arena;	/* NULL: malloc() */
};

/* Appends the current row of 'st' to a list of 'ep'. An SQLite result. */
typedef int (*list_add_fn)(struct catalog_episode *ep, struct list_room *room,
			   sqlite3_stmt *st);

/*
 * A list: the columns of its rows, its tables (the one with the
 * episode's ID is 'x'), conditions on them and their order within an
 * episode, and the query for one episode.
 */
struct list_kind {
	const char *cols;
	const char *tables;
	const char *cond;	/* " AND ...", or "" */
	const char *order;
	const char *one_sql;	/* ?1 = the episode's ID */
	enum catalog_stmt_id one;
	const char *what;	/* completes "cannot ..." */
	list_add_fn add;
	unsigned skip;		/* the enum catalog_skip_flags that skips it */
};

/*
 * Guests and other credits come in one list, told apart by the last
 * column: both are ordered by position, so each keeps its order.
 */
#define PEOPLE_COLS "p.name, x.role, x.grp, x.role = 'guest'"
#define PEOPLE_TABLES                                                         \
	"episode_people x CROSS JOIN people p ON p.id = x.person_id"
#define PEOPLE_COND ""
#define PEOPLE_ORDER "x.position"
#define TOPICS_COLS "t.name"
#define TOPICS_TABLES                                                         \
	"episode_topics x CROSS JOIN topics t ON t.id = x.topic_id"
#define TOPICS_COND ""
#define TOPICS_ORDER "x.position"
#define CHAPTERS_COLS "x.start_ms, x.end_ms, x.title"
#define CHAPTERS_TABLES "episode_chapters x"
#define CHAPTERS_COND ""
#define CHAPTERS_ORDER "x.position"
#define TRANSCRIPTS_COLS "x.path, x.mime, x.language"
#define TRANSCRIPTS_TABLES "episode_transcripts x"
#define TRANSCRIPTS_COND ""
#define TRANSCRIPTS_ORDER "x.position"
#define RENDITIONS_COLS                                                       \
	"x.path, x.mime, x.kind, x.sha256, x.size_bytes, x.duration_ms,"     \
	" x.bit_rate, x.width, x.height, x.title"
#define RENDITIONS_TABLES "episode_renditions x"
#define RENDITIONS_COND ""
#define RENDITIONS_ORDER "x.position"
/*
 * Who added the episode: the actor of its first "add" (or, for an
 * episode from another host's feed, "import") in the log.
 */
#define ADDER_COLS "x.actor"
#define ADDER_TABLES "episode_log x"
#define ADDER_COND " AND x.action IN ('add', 'import')"
#define ADDER_ORDER "x.id"

#define KIND(P, one, what, add)                                               \
	{P##_COLS, P##_TABLES, P##_COND, P##_ORDER,                           \
	 "SELECT " P##_COLS " FROM " P##_TABLES " WHERE x.episode_id = ?1"   \
	 P##_COND " ORDER BY " P##_ORDER, one, what, add, CATALOG_SKIP_##P}

/*
 * Make room for one more element of 'size' bytes in '*items', which holds
 * 'n' of '*cap', where 'room' keeps lists. Returns an SQLite result.
 */
static int grow(void **items, size_t *cap, size_t n, size_t size,
		const struct list_room *room)
{
	size_t new_cap;
	void *grown = NULL;

	if (n < *cap)
		return SQLITE_OK;
	new_cap = *cap ? *cap * 2 : 4;
	if (new_cap > SIZE_MAX / size)
		return SQLITE_NOMEM;
	if (!room->arena) {
		grown = realloc(*items, new_cap * size);
	} else {
		/* The old copy stays in the arena until the episode is done. */
		grown = catalog_arena_alloc(room->arena, new_cap * size);
		if (grown && n)
			memcpy(grown, *items, n * size);
	}
	if (!grown)
		return SQLITE_NOMEM;
	*items = grown;
	*cap = new_cap;
	return SQLITE_OK;
}

/* Read the current row of 'st' into what 'room' fills. */
static void row_init(struct catalog_row *r, sqlite3_stmt *st,
		     const struct list_room *room)
{
	catalog_row_init(r, st);
	r->arena = room->arena;
}

/* Append the name in column 0 of 'st' to a list of names. */
static int name_add(char ***list, size_t *n, size_t *cap,
		    const struct list_room *room, sqlite3_stmt *st)
{
	void *items = *list;
	struct catalog_row r;
	int src;

	src = grow(&items, cap, *n, sizeof(**list), room);
	*list = items;
	if (src != SQLITE_OK)
		return src;
	row_init(&r, st, room);
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
		return name_add(&ep->guests, &ep->n_guests, &room->guests,
				room, st);
	src = grow(&items, &room->credits, ep->n_credits, sizeof(*c), room);
	ep->credits = items;
	if (src != SQLITE_OK)
		return src;
	c = &ep->credits[ep->n_credits++];
	row_init(&r, st, room);
	c->name = catalog_row_text(&r, true);
	c->role = catalog_row_text(&r, true);
	c->group = catalog_row_text(&r, true);
	return r.src;
}

static int topic_add(struct catalog_episode *ep, struct list_room *room,
		     sqlite3_stmt *st)
{
	return name_add(&ep->topics, &ep->n_topics, &room->topics, room,
			st);
}

static int chapter_add(struct catalog_episode *ep, struct list_room *room,
		       sqlite3_stmt *st)
{
	void *items = ep->chapters;
	struct catalog_chapter *c;
	struct catalog_row r;
	int src;

	src = grow(&items, &room->chapters, ep->n_chapters, sizeof(*c), room);
	ep->chapters = items;
	if (src != SQLITE_OK)
		return src;
	c = &ep->chapters[ep->n_chapters++];
	row_init(&r, st, room);
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

	src = grow(&items, &room->transcripts, ep->n_transcripts, sizeof(*t),
		   room);
	ep->transcripts = items;
	if (src != SQLITE_OK)
		return src;
	t = &ep->transcripts[ep->n_transcripts++];
	row_init(&r, st, room);
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

	src = grow(&items, &room->renditions, ep->n_renditions, sizeof(*x),
		   room);
	ep->renditions = items;
	if (src != SQLITE_OK)
		return src;
	x = &ep->renditions[ep->n_renditions++];
	row_init(&r, st, room);
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

static int adder_add(struct catalog_episode *ep, struct list_room *room,
		     sqlite3_stmt *st)
{
	struct catalog_row r;

	if (ep->added_by)
		return SQLITE_OK;
	row_init(&r, st, room);
	ep->added_by = catalog_row_text(&r, true);
	return r.src;
}

static const struct list_kind kinds[CATALOG_LISTS] = {
	KIND(PEOPLE, CATALOG_STMT_PERSON_LIST, "read guests and credits",
	     people_add),
	KIND(TOPICS, CATALOG_STMT_TOPIC_LIST, "read topics", topic_add),
	KIND(CHAPTERS, CATALOG_STMT_CHAPTER_LIST, "read chapters",
	     chapter_add),
	KIND(TRANSCRIPTS, CATALOG_STMT_TRANSCRIPT_LIST, "read transcripts",
	     transcript_add),
	KIND(RENDITIONS, CATALOG_STMT_RENDITION_LIST, "read renditions",
	     rendition_add),
	KIND(ADDER, CATALOG_STMT_LOG_ADDER, "read the episode log", adder_add),
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

/* The lists of 'ep' that 'skip' does not name, into 'arena' (or NULL). */
static int load(struct catalog *cat, struct catalog_episode *ep,
		unsigned skip, struct catalog_arena *arena,
		struct siar_err *err)
{
	struct list_room room = {0, 0, 0, 0, 0, 0, arena};
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; i < CATALOG_LISTS && !rc; i++)
		if (!(skip & kinds[i].skip))
			rc = load_one(cat, &kinds[i], ep, &room, err);
	return rc;
}

int catalog_lists_load(struct catalog *cat, struct catalog_episode *ep,
		       struct siar_err *err)
{
	return load(cat, ep, 0, NULL, err);
}

/* ---- A walk ------------------------------------------------------------- */

void catalog_lists_init(struct catalog_lists *l, unsigned skip,
			struct catalog_arena *arena)
{
	memset(l, 0, sizeof(*l));
	l->skip = skip;
	l->arena = arena;
}

void catalog_lists_close(struct catalog_lists *l)
{
	size_t i;

	for (i = 0; i < CATALOG_LISTS; i++)
		sqlite3_finalize(l->st[i]);
	catalog_lists_init(l, l->skip, l->arena);
}

/*
 * A list's rows for every episode of the walk, in the walk's order, the
 * episode's ID last. CROSS JOIN keeps the episodes the outer loop, so
 * each list is read through its index by episode in the walk's order.
 * That costs a look in the index per episode even for a list no episode
 * has (few catalogues have transcripts, or renditions): the EXISTS, which
 * names no table of the walk, SQLite tests once, before its loops.
 *
 * A walk of every episode by ID has its lists read straight from their
 * indexes, in the same order, without the episodes: reading their rows
 * again would cost more than the lists. Rows of episodes the walk does
 * not give (the log of a removed episode, a show gone behind siar's
 * back) are then skipped.
 */
static void cursor_sql(struct siar_buf *sql, const struct list_kind *k,
		       const char *where, const char *order)
{
	siar_buf_adds(sql, "SELECT ");
	siar_buf_adds(sql, k->cols);
	if (!order) {
		siar_buf_adds(sql, ", x.episode_id FROM ");
		siar_buf_adds(sql, k->tables);
		siar_buf_adds(sql, " WHERE 1");
		siar_buf_adds(sql, k->cond);
		siar_buf_adds(sql, " ORDER BY x.episode_id, ");
		siar_buf_adds(sql, k->order);
		return;
	}
	siar_buf_adds(sql, ", e.id FROM " CATALOG_EPISODE_TABLES " CROSS JOIN ");
	siar_buf_adds(sql, k->tables);
	siar_buf_adds(sql, " WHERE x.episode_id = e.id");
	siar_buf_adds(sql, k->cond);
	siar_buf_adds(sql, " AND EXISTS (SELECT 1 FROM ");
	siar_buf_adds(sql, k->tables);
	siar_buf_adds(sql, ")");
	siar_buf_adds(sql, where);
	siar_buf_adds(sql, " ORDER BY ");
	siar_buf_adds(sql, order);
	siar_buf_adds(sql, ", ");
	siar_buf_adds(sql, k->order);
}

int catalog_lists_open(struct catalog *cat, struct catalog_lists *l,
		       const char *where, const char *order,
		       catalog_bind_fn bind, const void *arg,
		       struct siar_err *err)
{
	struct siar_buf sql;
	size_t i;
	int src, rc = SIAR_OK;

	l->every = !order;
	for (i = 0; i < CATALOG_LISTS && !rc; i++) {
		if (l->skip & kinds[i].skip)
			continue;
		siar_buf_init(&sql, 0);
		cursor_sql(&sql, &kinds[i], where, order);
		rc = siar_buf_check(&sql, err);
		if (!rc)
			rc = catalog_prepare(cat, sql.buf, &l->st[i], err);
		if (!rc && order) {
			src = bind(l->st[i], arg);
			if (src != SQLITE_OK)
				rc = catalog_db_error(cat, kinds[i].what, src,
						      err);
		}
		siar_buf_release(&sql);
	}
	l->cursors = !rc;
	if (rc)
		catalog_lists_close(l);
	return rc;
}

/*
 * Step cursor 'i' to its next row, noting the episode the row belongs to
 * (the last column), which is asked for once or twice per episode.
 */
static void step(struct catalog_lists *l, size_t i)
{
	sqlite3_stmt *st = l->st[i];

	l->src[i] = sqlite3_step(st);
	if (l->src[i] == SQLITE_ROW)
		l->head[i] =
		    sqlite3_column_int64(st, sqlite3_column_count(st) - 1);
}

/*
 * Step every cursor to its first row. Not before the walk's cursor has
 * its first row: then all of them read the same state of the catalogue,
 * the walk's read transaction.
 */
static void begin(sqlite3 *db, struct catalog_lists *l)
{
	size_t i;

	for (i = 0; i < CATALOG_LISTS; i++)
		if (l->st[i])
			step(l, i);
	l->changes = sqlite3_total_changes(db);
	l->begun = true;
}

/* Take the rows of list 'i' that belong to 'ep' from the cursor's head. */
static int take(struct catalog *cat, struct catalog_lists *l, size_t i,
		struct catalog_episode *ep, struct list_room *room,
		struct siar_err *err)
{
	int src;

	while (l->every && l->src[i] == SQLITE_ROW && l->head[i] < ep->id)
		step(l, i);
	while (l->src[i] == SQLITE_ROW && l->head[i] == ep->id) {
		src = kinds[i].add(ep, room, l->st[i]);
		if (src != SQLITE_OK)
			l->src[i] = src;
		else
			step(l, i);
	}
	src = l->src[i];
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return catalog_db_error(cat, kinds[i].what, src, err);
	return SIAR_OK;
}

int catalog_lists_next(struct catalog *cat, struct catalog_lists *l,
		       struct catalog_episode *ep, struct siar_err *err)
{
	struct list_room room = {0, 0, 0, 0, 0, 0, l->arena};
	size_t i;
	int rc = SIAR_OK;

	/*
	 * A change made by the walk's callback may or may not show in
	 * cursors that are under way; per episode, the lists are read as
	 * they are now.
	 */
	if (l->begun && sqlite3_total_changes(cat->db) != l->changes)
		catalog_lists_close(l);
	if (!l->cursors)
		return load(cat, ep, l->skip, l->arena, err);
	if (!l->begun)
		begin(cat->db, l);
	for (i = 0; i < CATALOG_LISTS && !rc; i++)
		if (l->st[i])
			rc = take(cat, l, i, ep, &room, err);
	return rc;
}
