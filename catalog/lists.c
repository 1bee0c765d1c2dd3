/*
 * Reading an episode's lists back: its guests and other credits, topics,
 * chapters, transcripts and renditions, each in the order it was stored,
 * and who added it (the actor of its first "add" in the log).
 *
 * catalog_episode_get() reads them with one query per list (guests and
 * other credits share one). A walk that goes to its end
 * (catalog_episode_each) instead opens one cursor per list and takes
 * each episode's rows from the heads of those cursors: a query per
 * episode and list cost more than the episode's own row, and so did
 * finding who added it with a subquery in that row. Each cursor reads
 * its list's index by episode ID, backward for a walk newest first,
 * stepping over the rows of episodes the walk does not give, for as long
 * as the walk's order keeps close to the IDs; then in the walk's own
 * order. The names of guests, credits and topics are read once per walk
 * rather than joined to every row. A walk's lists and their strings go
 * into its arena (catalog.c), not a malloc() each.
 *
 * Storing the lists is names.c's, people.c's and chapters.c's job; the
 * log is review.c's.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/*
 * The room allocated in each list of the episode being filled, where its
 * lists and strings go, and how its rows come.
 */
struct list_room {
	size_t guests, credits, topics, chapters, transcripts, renditions;
	struct catalog_arena *arena;	/* NULL: malloc() */
	struct catalog_names *names;	/* column 0 an ID of these; NULL: text */
	bool backward;			/* the rows come last first */
};

/* Appends the current row of 'st' to a list of 'ep'. An SQLite result. */
typedef int (*list_add_fn)(struct catalog_episode *ep, struct list_room *room,
			   sqlite3_stmt *st);

/* Reverses the lists of 'ep' that the rows of one list filled. */
typedef void (*list_reverse_fn)(struct catalog_episode *ep);

/*
 * A list: the columns of its rows, its tables (the one with the
 * episode's ID is 'x'), conditions on them and their order within an
 * episode, the query for one episode, and whether one index holds all
 * it reads (else each row costs a seek too). A list of names has its
 * columns and tables too with the name's ID in column 0 instead, without
 * the names' table ('id_cols', 'id_tables': then one index holds all),
 * and the query for one name by ID ('name_sql').
 */
struct list_kind {
	const char *cols;
	const char *tables;
	const char *id_cols;	/* NULL: not a list of names */
	const char *id_tables;
	const char *name_sql;	/* ?1 = the name's ID */
	const char *cond;	/* " AND ...", or "" */
	const char *order;
	const char *one_sql;	/* ?1 = the episode's ID */
	enum catalog_stmt_id one;
	const char *what;	/* completes "cannot ..." */
	list_add_fn add;
	list_reverse_fn reverse;	/* NULL: 'add' takes rows either way */
	bool indexed;
	unsigned skip;		/* the enum catalog_skip_flags that skips it */
};

/*
 * Guests and other credits come in one list, told apart by the last
 * column: both are ordered by position, so each keeps its order. Each
 * list's order gives every row of an episode its own place, as the list's
 * index has them (nothing makes positions unique), so that the rows read
 * backward and turned round come in the same order.
 */
#define PEOPLE_COLS "p.name, x.role, x.grp, x.role = 'guest'"
#define PEOPLE_TABLES                                                         \
	"episode_people x CROSS JOIN people p ON p.id = x.person_id"
#define PEOPLE_ID_COLS "x.person_id, x.role, x.grp, x.role = 'guest'"
#define PEOPLE_ID_TABLES "episode_people x"
#define PEOPLE_NAME_SQL "SELECT name FROM people WHERE id = ?1"
#define PEOPLE_COND ""
#define PEOPLE_ORDER "x.position, x.person_id, x.role"
#define PEOPLE_INDEXED false	/* all but the names */
#define TOPICS_COLS "t.name"
#define TOPICS_TABLES                                                         \
	"episode_topics x CROSS JOIN topics t ON t.id = x.topic_id"
#define TOPICS_ID_COLS "x.topic_id"
#define TOPICS_ID_TABLES "episode_topics x"
#define TOPICS_NAME_SQL "SELECT name FROM topics WHERE id = ?1"
#define TOPICS_COND ""
#define TOPICS_ORDER "x.position, x.topic_id"
#define TOPICS_INDEXED false
#define CHAPTERS_COLS "x.start_ms, x.end_ms, x.title"
#define CHAPTERS_TABLES "episode_chapters x"
#define CHAPTERS_COND ""
#define CHAPTERS_ORDER "x.position"
#define CHAPTERS_INDEXED false
#define TRANSCRIPTS_COLS "x.path, x.mime, x.language"
#define TRANSCRIPTS_TABLES "episode_transcripts x"
#define TRANSCRIPTS_COND ""
#define TRANSCRIPTS_ORDER "x.position"
#define TRANSCRIPTS_INDEXED false
#define RENDITIONS_COLS                                                       \
	"x.path, x.mime, x.kind, x.sha256, x.size_bytes, x.duration_ms,"     \
	" x.bit_rate, x.width, x.height, x.title"
#define RENDITIONS_TABLES "episode_renditions x"
#define RENDITIONS_COND ""
#define RENDITIONS_ORDER "x.position"
#define RENDITIONS_INDEXED false
/*
 * Who added the episode: the actor of its first "add" (or, for an
 * episode from another host's feed, "import") in the log.
 */
#define ADDER_COLS "x.actor"
#define ADDER_TABLES "episode_log x"
#define ADDER_COND " AND x.action IN ('add', 'import')"
#define ADDER_ORDER "x.id"
#define ADDER_INDEXED true

#define ONE_SQL(P)                                                            \
	"SELECT " P##_COLS " FROM " P##_TABLES " WHERE x.episode_id = ?1"    \
	P##_COND " ORDER BY " P##_ORDER

#define KIND(P, one, what, add, reverse)                                      \
	{P##_COLS,  P##_TABLES, NULL,	     NULL,	    NULL,             \
	 P##_COND,  P##_ORDER,  ONE_SQL(P),  one,	    what,             \
	 add,	    reverse,	P##_INDEXED, CATALOG_SKIP_##P}

#define NAMES(P, one, what, add, reverse)                                     \
	{P##_COLS,  P##_TABLES, P##_ID_COLS, P##_ID_TABLES, P##_NAME_SQL,     \
	 P##_COND,  P##_ORDER,  ONE_SQL(P),  one,	    what,             \
	 add,	    reverse,	P##_INDEXED, CATALOG_SKIP_##P}

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

/*
 * Reverse the 'n' elements of 'size' bytes at 'items', of one of the
 * types of an episode's lists.
 */
static void reverse(void *items, size_t n, size_t size)
{
	unsigned char t[sizeof(struct catalog_rendition)];
	unsigned char *a = items, *b;

	assert(size <= sizeof(t));
	if (n < 2)
		return;
	for (b = a + (n - 1) * size; a < b; a += size, b -= size) {
		memcpy(t, a, size);
		memcpy(a, b, size);
		memcpy(b, t, size);
	}
}

/* Read the current row of 'st' into what 'room' fills. */
static void row_init(struct catalog_row *r, sqlite3_stmt *st,
		     const struct list_room *room)
{
	catalog_row_init(r, st);
	r->arena = room->arena;
}

/*
 * The name of ID 'id' from 'm', read with m->sql on 'db' the first time:
 * SQLITE_ROW with '*name' set, SQLITE_DONE when the ID has no row, or an
 * SQLite failure. The name stays in 'm' for the walk; one whose ID 'm'
 * has no place for (added since the walk looked) goes into 'arena'.
 */
static int names_get(struct catalog_names *m, sqlite3 *db, int64_t id,
		     struct catalog_arena *arena, char **name)
{
	bool kept = id >= 0 && id < m->n;
	struct catalog_row r;
	int src;

	if (kept && m->by_id[id]) {
		*name = m->by_id[id];
		return *name == m->none ? SQLITE_DONE : SQLITE_ROW;
	}
	src = SQLITE_OK;
	if (!m->st)
		src = sqlite3_prepare_v2(db, m->sql, -1, &m->st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_bind_int64(m->st, 1, id);
	if (src == SQLITE_OK)
		src = sqlite3_step(m->st);
	*name = NULL;
	if (src == SQLITE_ROW) {
		catalog_row_init(&r, m->st);
		r.arena = kept ? &m->arena : arena;
		*name = catalog_row_text(&r, true);
		if (r.src)
			src = r.src;
	}
	if (m->st)
		sqlite3_reset(m->st);
	/* A NULL name (not one siar wrote) is read again each time. */
	if (kept && (*name || src == SQLITE_DONE))
		m->by_id[id] = src == SQLITE_DONE ? m->none : *name;
	return src;
}

/*
 * The name in column 0 of the current row of 'st': its text, or through
 * room->names the name of the ID there, kept for the walk. SQLITE_ROW
 * with '*name' set, SQLITE_DONE when the ID has no row (a join would
 * have dropped it), or an SQLite failure.
 */
static int row_name(const struct list_room *room, sqlite3_stmt *st,
		    char **name)
{
	struct catalog_row r;

	if (room->names)
		return names_get(room->names, sqlite3_db_handle(st),
				 sqlite3_column_int64(st, 0), room->arena,
				 name);
	row_init(&r, st, room);
	*name = catalog_row_text(&r, true);
	return r.src ? r.src : SQLITE_ROW;
}

/*
 * Append the name in column 0 of 'st' to a list of names, unless its ID
 * has no row.
 */
static int name_add(char ***list, size_t *n, size_t *cap,
		    const struct list_room *room, sqlite3_stmt *st)
{
	void *items = *list;
	int src;

	src = grow(&items, cap, *n, sizeof(**list), room);
	*list = items;
	if (src != SQLITE_OK)
		return src;
	src = row_name(room, st, &(*list)[*n]);
	if (src == SQLITE_ROW)
		(*n)++;
	return src == SQLITE_ROW || src == SQLITE_DONE ? SQLITE_OK : src;
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
	c = &ep->credits[ep->n_credits];
	src = row_name(room, st, &c->name);
	if (src != SQLITE_ROW)
		return src == SQLITE_DONE ? SQLITE_OK : src;
	ep->n_credits++;
	row_init(&r, st, room);
	r.col = 1;
	c->role = catalog_row_text(&r, true);
	c->group = catalog_row_text(&r, true);
	return r.src;
}

static void people_reverse(struct catalog_episode *ep)
{
	reverse(ep->guests, ep->n_guests, sizeof(*ep->guests));
	reverse(ep->credits, ep->n_credits, sizeof(*ep->credits));
}

static int topic_add(struct catalog_episode *ep, struct list_room *room,
		     sqlite3_stmt *st)
{
	return name_add(&ep->topics, &ep->n_topics, &room->topics, room,
			st);
}

static void topics_reverse(struct catalog_episode *ep)
{
	reverse(ep->topics, ep->n_topics, sizeof(*ep->topics));
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

static void chapters_reverse(struct catalog_episode *ep)
{
	reverse(ep->chapters, ep->n_chapters, sizeof(*ep->chapters));
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

static void transcripts_reverse(struct catalog_episode *ep)
{
	reverse(ep->transcripts, ep->n_transcripts, sizeof(*ep->transcripts));
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

static void renditions_reverse(struct catalog_episode *ep)
{
	reverse(ep->renditions, ep->n_renditions, sizeof(*ep->renditions));
}

/* Backward, the first "add" is the last row: each replaces the one before. */
static int adder_add(struct catalog_episode *ep, struct list_room *room,
		     sqlite3_stmt *st)
{
	struct catalog_row r;

	if (ep->added_by && !room->backward)
		return SQLITE_OK;
	row_init(&r, st, room);
	ep->added_by = catalog_row_text(&r, true);
	return r.src;
}

static const struct list_kind kinds[CATALOG_LISTS] = {
	NAMES(PEOPLE, CATALOG_STMT_PERSON_LIST, "read guests and credits",
	      people_add, people_reverse),
	NAMES(TOPICS, CATALOG_STMT_TOPIC_LIST, "read topics", topic_add,
	      topics_reverse),
	KIND(CHAPTERS, CATALOG_STMT_CHAPTER_LIST, "read chapters",
	     chapter_add, chapters_reverse),
	KIND(TRANSCRIPTS, CATALOG_STMT_TRANSCRIPT_LIST, "read transcripts",
	     transcript_add, transcripts_reverse),
	KIND(RENDITIONS, CATALOG_STMT_RENDITION_LIST, "read renditions",
	     rendition_add, renditions_reverse),
	KIND(ADDER, CATALOG_STMT_LOG_ADDER, "read the episode log", adder_add,
	     NULL),
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
	struct list_room room = {0, 0, 0, 0, 0, 0, arena, NULL, false};
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

/*
 * A list cursor that reads by ID keeps up with the walk by stepping over
 * the rows of episodes the walk does not give, up to SKIP_ROWS of them
 * (SKIP_SOUGHT_ROWS where each row costs a seek of its own) and only
 * between episodes at most SKIP_IDS IDs apart: a seek costs as much as
 * stepping over a few rows of an index. A cursor that has had to seek
 * SEEK_MIN times, and for more than one episode in SEEK_SHARE, goes on
 * in the walk's order: the walk's order is not that of the IDs, or its
 * episodes are few among many others.
 */
#define SKIP_ROWS 4
#define SKIP_SOUGHT_ROWS 2
#define SKIP_IDS 16
#define SEEK_MIN 16
#define SEEK_SHARE 4

/*
 * Names are kept by ID only if no ID is above this: 256 KiB of pointers
 * at most for people and as much for topics, and the names the walk
 * meets.
 */
#define NAMES_MAX_ID (1 << 15)

void catalog_lists_init(struct catalog_lists *l, unsigned skip,
			struct catalog_arena *arena)
{
	size_t i;

	memset(l, 0, sizeof(*l));
	l->skip = skip;
	l->arena = arena;
	for (i = 0; i < CATALOG_LISTS; i++) {
		l->names[i].sql = kinds[i].name_sql;
		catalog_arena_init(&l->names[i].arena);
	}
}

static void names_release(struct catalog_names *m)
{
	sqlite3_finalize(m->st);
	m->st = NULL;
	free(m->by_id);
	m->by_id = NULL;
	m->n = 0;
	catalog_arena_release(&m->arena);
}

/*
 * Stop the cursors of 'l', which then reads per episode; the names it
 * kept stay until catalog_lists_close(), for the episodes that have them
 * (catalog_episode_each_kept).
 */
static void lists_stop(struct catalog_lists *l)
{
	size_t i;

	for (i = 0; i < CATALOG_LISTS; i++) {
		sqlite3_finalize(l->st[i]);
		l->st[i] = NULL;
	}
	l->cursors = false;
	l->begun = false;
}

void catalog_lists_close(struct catalog_lists *l)
{
	size_t i;

	for (i = 0; i < CATALOG_LISTS; i++) {
		sqlite3_finalize(l->st[i]);
		names_release(&l->names[i]);
	}
	catalog_lists_init(l, l->skip, l->arena);
}

/*
 * Keep by ID the names of people and of topics that the walk reads and
 * that have no ID above NAMES_MAX_ID: rather than join their table for
 * every row (20,000 seeks for 10,000 episodes with two guests each),
 * each name is read once.
 */
static int names_open(struct catalog *cat, struct catalog_lists *l,
		      struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int64_t max;
	size_t i;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_NAME_MAX_IDS,
			  "SELECT (SELECT max(id) FROM people),"
			  " (SELECT max(id) FROM topics)",
			  &st, err);
	if (rc)
		return rc;
	src = sqlite3_step(st);
	for (i = 0; i < CATALOG_LISTS && src == SQLITE_ROW; i++) {
		if (!kinds[i].id_cols || (l->skip & kinds[i].skip))
			continue;
		/* People are column 0, topics 1. */
		max = sqlite3_column_int64(st, kinds[i].skip ==
							 CATALOG_SKIP_TOPICS);
		if (max < 0 || max >= NAMES_MAX_ID)
			continue;
		l->names[i].by_id = calloc((size_t)max + 1, sizeof(char *));
		if (l->names[i].by_id)
			l->names[i].n = max + 1;
		else
			src = SQLITE_NOMEM;
	}
	if (src != SQLITE_ROW)
		rc = catalog_db_error(cat, "read names", src, err);
	catalog_stmt_done(st);
	return rc;
}

/*
 * The columns of list 'i' of 'l' with the episode's ID last, and its
 * tables after 'outer', with names by ID if 'l' keeps them.
 */
static void cursor_from(struct siar_buf *sql, const struct catalog_lists *l,
			size_t i, const char *outer)
{
	const struct list_kind *k = &kinds[i];
	bool by_id = l->names[i].by_id;

	siar_buf_adds(sql, "SELECT ");
	siar_buf_adds(sql, by_id ? k->id_cols : k->cols);
	siar_buf_adds(sql, ", x.episode_id FROM ");
	siar_buf_adds(sql, outer);
	siar_buf_adds(sql, by_id ? k->id_tables : k->tables);
}

/* Append the ORDER BY terms 'order' (plain columns) reversed. */
static void adds_desc(struct siar_buf *sql, const char *order)
{
	const char *comma;

	for (;;) {
		comma = strchr(order, ',');
		siar_buf_add(sql, order, comma ? (size_t)(comma - order)
					       : strlen(order));
		siar_buf_adds(sql, " DESC");
		if (!comma)
			return;
		siar_buf_adds(sql, ",");
		order = comma + 1;
	}
}

/*
 * List 'i' from its index by episode ID, from ?1 down in a walk whose
 * order is likeliest descending ID, else up. Down, an episode's rows
 * come last first.
 */
static void by_id_sql(struct siar_buf *sql, const struct catalog_lists *l,
		      size_t i)
{
	const struct list_kind *k = &kinds[i];
	bool desc = l->walk->desc;

	cursor_from(sql, l, i, "");
	siar_buf_adds(sql, desc ? " WHERE x.episode_id <= ?1"
				: " WHERE x.episode_id >= ?1");
	siar_buf_adds(sql, k->cond);
	siar_buf_adds(sql, desc ? " ORDER BY x.episode_id DESC, "
				: " ORDER BY x.episode_id, ");
	if (desc)
		adds_desc(sql, k->order);
	else
		siar_buf_adds(sql, k->order);
}

/*
 * List 'i' of the walk's episodes from the one bound by the walk's
 * bind_from on, in the walk's order: CROSS JOIN keeps the episodes the
 * outer loop, so the list is read through its index by episode.
 */
static void walk_sql(struct siar_buf *sql, const struct catalog_lists *l,
		     size_t i)
{
	const struct list_kind *k = &kinds[i];
	const struct catalog_walk *w = l->walk;

	cursor_from(sql, l, i, CATALOG_EPISODE_TABLES " CROSS JOIN ");
	siar_buf_adds(sql, " WHERE x.episode_id = e.id");
	siar_buf_adds(sql, k->cond);
	siar_buf_adds(sql, w->where);
	siar_buf_adds(sql, w->from);
	siar_buf_adds(sql, " ORDER BY ");
	siar_buf_adds(sql, w->order);
	siar_buf_adds(sql, ", ");
	siar_buf_adds(sql, k->order);
}

/* Prepare into 'st' the query 'build' writes for list 'i' of 'l'. */
static int cursor_prepare(struct catalog *cat, const struct catalog_lists *l,
			  size_t i,
			  void (*build)(struct siar_buf *sql,
					const struct catalog_lists *l,
					size_t i),
			  sqlite3_stmt **st, struct siar_err *err)
{
	struct siar_buf sql;
	int rc;

	siar_buf_init(&sql, 0);
	build(&sql, l, i);
	rc = siar_buf_check(&sql, err);
	if (!rc)
		rc = catalog_prepare(cat, sql.buf, st, err);
	siar_buf_release(&sql);
	return rc;
}

int catalog_lists_open(struct catalog *cat, struct catalog_lists *l,
		       const struct catalog_walk *w, struct siar_err *err)
{
	size_t i;
	int rc;

	l->walk = w;
	rc = names_open(cat, l, err);
	for (i = 0; i < CATALOG_LISTS && !rc; i++) {
		if (l->skip & kinds[i].skip)
			continue;
		rc = cursor_prepare(cat, l, i, by_id_sql, &l->st[i], err);
		l->by_id[i] = true;
	}
	l->cursors = !rc;
	if (rc)
		catalog_lists_close(l);
	return rc;
}

/*
 * Step cursor 'i' to its next row, noting the episode the row belongs to
 * (the last column), which is asked for several times per row.
 */
static void step(struct catalog_lists *l, size_t i)
{
	sqlite3_stmt *st = l->st[i];

	l->src[i] = sqlite3_step(st);
	if (l->src[i] == SQLITE_ROW)
		l->head[i] =
		    sqlite3_column_int64(st, sqlite3_column_count(st) - 1);
}

/* Run cursor 'i', which reads by ID, from episode 'id' on. */
static void seek(struct catalog_lists *l, size_t i, int64_t id)
{
	sqlite3_reset(l->st[i]);
	l->src[i] = sqlite3_bind_int64(l->st[i], 1, id);
	if (l->src[i] == SQLITE_OK)
		step(l, i);
	l->at[i] = id;
}

/*
 * Step every cursor to its first row. Not before the walk's cursor has
 * its first row: then all of them read the same state of the catalogue,
 * the walk's read transaction. A list none of whose rows is there has
 * its cursor put away: none of the walk's episodes has any.
 */
static void begin(sqlite3 *db, struct catalog_lists *l)
{
	size_t i;

	for (i = 0; i < CATALOG_LISTS; i++) {
		if (!l->st[i])
			continue;
		seek(l, i, l->walk->desc ? INT64_MAX : INT64_MIN);
		if (l->src[i] == SQLITE_DONE) {
			sqlite3_finalize(l->st[i]);
			l->st[i] = NULL;
		}
	}
	l->changes = sqlite3_total_changes(db);
	l->begun = true;
}

/*
 * Have cursor 'i' go on in the walk's order from 'ep' on, rather than by
 * ID. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
static int follow_walk(struct catalog *cat, struct catalog_lists *l, size_t i,
		       const struct catalog_episode *ep, struct siar_err *err)
{
	const struct catalog_walk *w = l->walk;
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = cursor_prepare(cat, l, i, walk_sql, &st, err);
	if (rc)
		return rc;
	src = w->bind(st, w->arg);
	if (src == SQLITE_OK)
		src = w->bind_from(st, ep);
	if (src != SQLITE_OK) {
		sqlite3_finalize(st);
		return catalog_db_error(cat, kinds[i].what, src, err);
	}
	sqlite3_finalize(l->st[i]);
	l->st[i] = st;
	l->by_id[i] = false;
	step(l, i);
	return SIAR_OK;
}

/* Whether, read by ID, the rows of episode 'a' come before those of 'b'. */
static bool before(const struct catalog_lists *l, int64_t a, int64_t b)
{
	return l->walk->desc ? a > b : a < b;
}

/* Whether cursor 'i' is at a row that comes before those of episode 'id'. */
static bool behind(const struct catalog_lists *l, size_t i, int64_t id)
{
	return l->src[i] == SQLITE_ROW && before(l, l->head[i], id);
}

/* How many IDs there are from the head of cursor 'i' (behind) to 'id'. */
static uint64_t ids_to(const struct catalog_lists *l, size_t i, int64_t id)
{
	return l->walk->desc ? (uint64_t)l->head[i] - (uint64_t)id
			     : (uint64_t)id - (uint64_t)l->head[i];
}

/*
 * Step cursor 'i' over the rows that come before those of episode 'id',
 * if they are few. Whether it got past them.
 */
static bool step_to(struct catalog_lists *l, size_t i, int64_t id)
{
	bool indexed = kinds[i].indexed || l->names[i].by_id;
	size_t n, most = indexed ? SKIP_ROWS : SKIP_SOUGHT_ROWS;

	for (n = 0; behind(l, i, id); n++) {
		if (n == most || ids_to(l, i, id) > SKIP_IDS)
			return false;
		step(l, i);
	}
	return true;
}

/*
 * Move cursor 'i', which reads by ID, to the rows of 'ep' if it has any:
 * on over rows of episodes the walk does not give if they are few, else
 * by a seek. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
static int move(struct catalog *cat, struct catalog_lists *l, size_t i,
		const struct catalog_episode *ep, struct siar_err *err)
{
	/* A seek when the walk went back, or on too far. */
	if (!before(l, ep->id, l->at[i]) && step_to(l, i, ep->id)) {
		l->at[i] = ep->id;
		return SIAR_OK;
	}
	if (++l->seeks[i] >= SEEK_MIN && l->seeks[i] * SEEK_SHARE > l->given)
		return follow_walk(cat, l, i, ep, err);
	seek(l, i, ep->id);
	return SIAR_OK;
}

/* Take the rows of list 'i' that belong to 'ep' from the cursor's head. */
static int take(struct catalog *cat, struct catalog_lists *l, size_t i,
		struct catalog_episode *ep, struct list_room *room,
		struct siar_err *err)
{
	int src, rc;

	if (l->by_id[i]) {
		rc = move(cat, l, i, ep, err);
		if (rc)
			return rc;
	}
	room->names = l->names[i].by_id ? &l->names[i] : NULL;
	room->backward = l->by_id[i] && l->walk->desc;
	while (l->src[i] == SQLITE_ROW && l->head[i] == ep->id) {
		src = kinds[i].add(ep, room, l->st[i]);
		if (src != SQLITE_OK)
			l->src[i] = src;
		else
			step(l, i);
	}
	if (room->backward && kinds[i].reverse)
		kinds[i].reverse(ep);
	src = l->src[i];
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return catalog_db_error(cat, kinds[i].what, src, err);
	return SIAR_OK;
}

int catalog_lists_next(struct catalog *cat, struct catalog_lists *l,
		       struct catalog_episode *ep, struct siar_err *err)
{
	struct list_room room = {0, 0, 0, 0, 0, 0, l->arena, NULL, false};
	size_t i;
	int rc = SIAR_OK;

	/*
	 * A change made by the walk's callback may or may not show in
	 * cursors that are under way; per episode, the lists are read as
	 * they are now.
	 */
	if (l->begun && sqlite3_total_changes(cat->db) != l->changes)
		lists_stop(l);
	if (!l->cursors)
		return load(cat, ep, l->skip, l->arena, err);
	if (!l->begun)
		begin(cat->db, l);
	l->given++;
	for (i = 0; i < CATALOG_LISTS && !rc; i++)
		if (l->st[i])
			rc = take(cat, l, i, ep, &room, err);
	return rc;
}
