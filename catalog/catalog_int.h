/*
 * Private declarations shared by the files of catalog/: the handle, the
 * cache of prepared statements, transactions, and the conversions between
 * SQLite's values and errors and siar's. Nothing outside catalog/ includes
 * this file.
 */
#ifndef SIAR_CATALOG_INT_H
#define SIAR_CATALOG_INT_H

#include "catalog.h"

#include <sqlite3.h>

/* "siar" in ASCII, stored in the SQLite header to recognise our files. */
#define CATALOG_APP_ID 1936286066

/*
 * Statements prepared once per handle and kept. Each user binds, steps to
 * the end and calls catalog_stmt_done() before it calls out of catalog/,
 * so a callback that re-enters the catalogue never finds one half used.
 */
enum catalog_stmt_id {
	CATALOG_STMT_SHOW_ID,
	CATALOG_STMT_SHOW_INSERT,
	CATALOG_STMT_SHOW_GET,
	CATALOG_STMT_SHOW_LAST_CHANGE,
	CATALOG_STMT_EPISODE_INSERT,
	CATALOG_STMT_EPISODE_GET,
	CATALOG_STMT_EPISODE_PUBLISH,
	CATALOG_STMT_EPISODE_FIND_SHA256,
	CATALOG_STMT_EPISODE_FIND_GUID,
	CATALOG_STMT_CHAPTER_INSERT,
	CATALOG_STMT_CHAPTER_LIST,
	CATALOG_STMT_PERSON_FIND,
	CATALOG_STMT_PERSON_INSERT,
	CATALOG_STMT_PERSON_LINK,
	CATALOG_STMT_PERSON_LIST,
	CATALOG_STMT_CREDIT_LINK,
	CATALOG_STMT_TOPIC_FIND,
	CATALOG_STMT_TOPIC_INSERT,
	CATALOG_STMT_TOPIC_LINK,
	CATALOG_STMT_TOPIC_LIST,
	CATALOG_STMT_EPISODE_NUMBER_FIND,
	CATALOG_STMT_EPISODE_STATE,
	CATALOG_STMT_EPISODE_TOUCH,
	CATALOG_STMT_TRANSCRIPT_INSERT,
	CATALOG_STMT_TRANSCRIPT_LIST,
	CATALOG_STMT_RENDITION_INSERT,
	CATALOG_STMT_RENDITION_LIST,
	CATALOG_STMT_LOG_INSERT,
	CATALOG_STMT_LOG_ADDER,
	CATALOG_STMT_SEARCH_DELETE,
	CATALOG_STMT_SEARCH_INSERT,
	CATALOG_STMT_NAME_MAX_IDS,
	CATALOG_STMT_COUNT
};

struct catalog {
	sqlite3 *db;
	char *path;		/* as given to catalog_open, for messages */
	int64_t now_unix;	/* 0: read the clock */
	int schema_version;
	sqlite3_stmt *stmt[CATALOG_STMT_COUNT];	/* NULL until first use */
	int walks;		/* catalog_walk_cache() depth */
	int64_t cache_size;	/* PRAGMA cache_size before the walks */
};

/* ---- catalog.c: errors, statements, transactions ----------------------- */

/*
 * Turn the SQLite result 'src' into SIAR_ENOMEM, or SIAR_EDB with SQLite's
 * message: "cannot WHAT in catalogue 'PATH': MESSAGE". Returns the code.
 */
int catalog_db_error(const struct catalog *cat, const char *what, int src,
		     struct siar_err *err);

/*
 * The cached statement 'id', prepared from 'sql' on first use ('sql' must
 * be the same text every time for a given 'id'). Returns SIAR_OK,
 * SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_stmt(struct catalog *cat, enum catalog_stmt_id id,
		 const char *sql, sqlite3_stmt **out, struct siar_err *err);

/*
 * The page size of a new catalogue. Feeds and sites read whole shows,
 * and bigger pages mean fewer reads: the feed of 10,000 episodes read
 * 483 pages of 16 KiB instead of 1,981 of 4 KiB (SQLite's default), and
 * took 18.9 ms instead of 20.7. A catalogue keeps the size it was made
 * with.
 */
#define CATALOG_PAGE_SIZE 16384

/*
 * A walk through every episode of a show or of the catalogue begins
 * ('begin') or ends. While one is under way, SQLite's page cache is
 * CATALOG_WALK_CACHE_KIB: such a walk reads most pages once, so a bigger
 * cache only costs fresh memory to fill, a page fault for each of its
 * pages, and the pages the cursors come back to (the upper levels of the
 * B-trees) fit in this one. Walks may nest. A hint: it cannot fail.
 */
#define CATALOG_WALK_CACHE_KIB 256
void catalog_walk_cache(struct catalog *cat, bool begin);

/*
 * The value of the one-row, one-column 'sql' (a PRAGMA) on 'db', or
 * 'none' if it cannot be read.
 */
int64_t catalog_pragma_int(sqlite3 *db, const char *sql, int64_t none);

/* A macro's value as a string literal, for SQL. */
#define CATALOG_STR_(x) #x
#define CATALOG_STR(x) CATALOG_STR_(x)

/*
 * A statement of the caller's own, finalized by the caller: for cursors
 * held open across callbacks, which may use the cached statements.
 */
int catalog_prepare(struct catalog *cat, const char *sql, sqlite3_stmt **out,
		    struct siar_err *err);

/* Reset a cached statement and drop its bindings. NULL is allowed. */
void catalog_stmt_done(sqlite3_stmt *st);

/*
 * Start an atomic change; '*outer' records whether it began a transaction
 * or a savepoint inside the caller's. Returns SIAR_OK, SIAR_EDB or
 * SIAR_ENOMEM.
 */
int catalog_txn_begin(struct catalog *cat, bool *outer, struct siar_err *err);

/*
 * End the change begun by catalog_txn_begin(): keep it when 'rc' is
 * SIAR_OK, undo it otherwise. Returns 'rc', or the failure to commit.
 */
int catalog_txn_end(struct catalog *cat, bool outer, int rc,
		    struct siar_err *err);

/*
 * Binding parameters 1, 2, 3, ... in turn. The first failure (an SQLite
 * result code) is kept in 'src' and later calls do nothing, so a caller
 * binds twenty values and checks once.
 */
struct catalog_bind {
	sqlite3_stmt *st;
	int idx;
	int src;
};

void catalog_bind_init(struct catalog_bind *b, sqlite3_stmt *st);

/*
 * Bind 's' (NULL binds SQL NULL). With 'repair' the value is stored as
 * valid UTF-8 without control characters (siar_utf8_repair); without it,
 * the bytes as given, borrowed until catalog_stmt_done().
 */
void catalog_bind_text(struct catalog_bind *b, const char *s, bool repair);
void catalog_bind_textn(struct catalog_bind *b, const char *s, size_t len);
void catalog_bind_int(struct catalog_bind *b, int64_t v);
void catalog_bind_double(struct catalog_bind *b, double v);
void catalog_bind_null(struct catalog_bind *b);

/*
 * Memory for the strings and lists of the episode a walk is giving,
 * taken back whole before the next: a malloc() and a free() for each
 * string and list cost a walk of 10,000 episodes 8% of its time. Blocks
 * never move, so what was handed out stays where it is until
 * catalog_arena_reset().
 */
struct catalog_arena_block;

struct catalog_arena {
	struct catalog_arena_block *blocks;	/* the newest first */
	size_t used;		/* bytes handed out from the newest */
	size_t bytes;		/* in all its blocks */
};

/* What catalog.h calls a pool: an arena the reader of a walk clears. */
struct catalog_pool {
	struct catalog_arena arena;
};

/* Prepare 'a', empty. Allocates nothing; cannot fail. */
void catalog_arena_init(struct catalog_arena *a);

/*
 * 'size' bytes aligned for any type, valid until catalog_arena_reset()
 * or catalog_arena_release(); NULL when out of memory.
 */
void *catalog_arena_alloc(struct catalog_arena *a, size_t size);

/*
 * Take back everything 'a' handed out. The newest block is kept for what
 * comes next, unless it was made for one big string. Cannot fail.
 */
void catalog_arena_reset(struct catalog_arena *a);

/* Free every block of 'a' and leave it as catalog_arena_init() does. */
void catalog_arena_release(struct catalog_arena *a);

/*
 * Reading the columns of the current row in turn, with the same sticky
 * failure as struct catalog_bind.
 */
struct catalog_row {
	sqlite3_stmt *st;
	int col;
	int src;
	struct catalog_arena *arena;	/* NULL: strings are malloc()ed */
};

/* Read from the first column of 'st'; strings malloc()ed. */
void catalog_row_init(struct catalog_row *r, sqlite3_stmt *st);

/*
 * A copy of the next column, NULL for SQL NULL or after a failure: in
 * r->arena when set, else for the caller to free. With 'repair' the copy
 * is made valid UTF-8, in case the file was edited by something other
 * than siar.
 */
char *catalog_row_text(struct catalog_row *r, bool repair);
int64_t catalog_row_int(struct catalog_row *r);
double catalog_row_double(struct catalog_row *r);

/* True if the next column is SQL NULL; does not move to the one after. */
bool catalog_row_null(const struct catalog_row *r);

/* True if 's' is NULL, empty or only white space. Cannot fail. */
bool catalog_blank(const char *s);

/*
 * Reads the current row of 'st' and calls the caller's callback, which
 * 'arg' holds with its context. Returns an SQLite result, or SQLITE_ABORT
 * after setting '*rc' to the callback's failure.
 */
typedef int (*catalog_row_fn)(sqlite3_stmt *st, void *arg, int *rc,
			      struct siar_err *err);

/*
 * Run 'sql', a query without parameters, on a statement of its own (so
 * the callback may use the catalogue) and call 'row' on each row until
 * one fails. 'what' completes "cannot ..." for a failure to read. Returns
 * SIAR_OK, the callback's failure, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_rows_each(struct catalog *cat, const char *sql, catalog_row_fn row,
		      void *arg, const char *what, struct siar_err *err);

/* The IDs a query gave, read in full before the caller acts on them. */
struct catalog_ids {
	int64_t *ids;
	size_t n, cap;
};

/*
 * Step 'st' to its end, appending the first column of each row to 'l',
 * unless 'src' (the result of binding 'st') is already a failure. Returns
 * SQLITE_DONE, or the SQLite result that stopped it (SQLITE_NOMEM when
 * 'l' cannot grow). l->ids belongs to the caller, also after a failure.
 */
int catalog_ids_read(sqlite3_stmt *st, int src, struct catalog_ids *l);

/* ---- schema.c ----------------------------------------------------------- */

/* The schema version this build creates and understands. */
int catalog_schema_latest(void);

/*
 * Bring the schema of 'cat' from cat->schema_version up to date in one
 * transaction. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_migrate(struct catalog *cat, struct siar_err *err);

/* ---- show.c ------------------------------------------------------------- */

/*
 * Every check of catalog_show_add on 'show'. Returns SIAR_OK or
 * SIAR_EINVAL naming the field, the value and the show.
 */
int catalog_show_check(const struct catalog_show *show, struct siar_err *err);

/*
 * The ID of show 'slug'. Returns SIAR_OK, SIAR_ENOTFOUND ("no show
 * 'SLUG'"), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_show_id(struct catalog *cat, const char *slug, int64_t *id,
		    struct siar_err *err);

/* ---- names.c: guests and topics ------------------------------------------ */

/*
 * Link the people 'names' to episode 'episode_id' as guests, in order,
 * creating people not yet known; a name given twice is linked once.
 * Returns SIAR_OK, SIAR_EINVAL (an empty name), SIAR_EDB or SIAR_ENOMEM.
 * Run it inside a transaction: on failure some links may have been made.
 */
int catalog_guests_link(struct catalog *cat, int64_t episode_id,
			char *const *names, size_t n, struct siar_err *err);

/*
 * The same for topics, matched by a slug made from the name; also
 * SIAR_EINVAL for a name without letters or digits.
 */
int catalog_topics_link(struct catalog *cat, int64_t episode_id,
			char *const *names, size_t n, struct siar_err *err);

/* ---- chapters.c ---------------------------------------------------------- */

/*
 * Check the chapters of 'ep' (which names the episode in messages): times
 * not negative, and an end either 0 or not before its start. Returns
 * SIAR_OK or SIAR_EINVAL naming the chapter by its place in the list.
 */
int catalog_chapters_check(const struct catalog_episode *ep,
			   struct siar_err *err);

/*
 * Store the chapters of 'ep' (checked) for episode 'episode_id', sorted
 * by start time; chapters that start together keep the order given.
 * Titles are stored as valid UTF-8. Returns SIAR_OK, SIAR_EDB or
 * SIAR_ENOMEM. Run it inside a transaction.
 */
int catalog_chapters_link(struct catalog *cat, int64_t episode_id,
			  const struct catalog_episode *ep,
			  struct siar_err *err);

/* ---- episode.c: shared with editing (review.c) ---------------------------- */

/* True if 's' is 64 lowercase hex digits. Cannot fail. */
bool catalog_sha256_valid(const char *s);

/* The status spelled 'name' (NULL allowed); false if there is none. */
bool catalog_status_parse(const char *name, enum catalog_status *out);

/*
 * Every check of catalog_episode_add that needs no database, on the whole
 * of 'ep'. Returns SIAR_OK or SIAR_EINVAL naming the field and the value.
 */
int catalog_episode_check(const struct catalog_episode *ep,
			  struct siar_err *err);

/*
 * SIAR_EEXIST when ep->episode_number (if not 0) is already used in
 * season ep->season of show 'show_id' (named ep->show_slug in the message)
 * by an episode other than 'self_id' (0: none). Returns SIAR_OK,
 * SIAR_EEXIST, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_episode_number_check(struct catalog *cat,
				 const struct catalog_episode *ep,
				 int64_t show_id, int64_t self_id,
				 struct siar_err *err);

/*
 * Store 'ep' (checked) with its lists as a new episode of show
 * ep->show_slug in 'status' (CATALOG_STATUS_PUBLISHED uses
 * ep->published_unix), its GUID ep->guid or, when NULL, a new random
 * UUID; '*id' receives the ID. Returns SIAR_OK, SIAR_ENOTFOUND (no such
 * show), SIAR_EEXIST (GUID or episode number taken), SIAR_EINVAL (a name
 * that cannot be a guest or topic), SIAR_EDB or SIAR_ENOMEM. Run it inside
 * a transaction: on failure part of it may have been stored.
 */
int catalog_episode_store(struct catalog *cat,
			  const struct catalog_episode *ep,
			  enum catalog_status status, int64_t *id,
			  struct siar_err *err);

/*
 * Link the guests, credits, topics, chapters, transcripts and renditions
 * of 'ep' (checked) to episode 'id', in that order. Returns SIAR_OK, SIAR_EINVAL
 * (a name that cannot be a guest or topic), SIAR_EDB or SIAR_ENOMEM. Run
 * it inside a transaction: on failure some may have been linked.
 */
int catalog_episode_lists_link(struct catalog *cat, int64_t id,
			       const struct catalog_episode *ep,
			       struct siar_err *err);

/*
 * Bind ?1 = 'id' to 'st', a query for one episode, and step to its row.
 * Returns SIAR_OK (the row is current), SIAR_ENOTFOUND ("no episode ID"),
 * SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_episode_step(struct catalog *cat, sqlite3_stmt *st, int64_t id,
			 struct siar_err *err);

/*
 * The end of reading a row of episode 'id': 'src' is the failure to read
 * it (struct catalog_row) and 'status' the status column as stored, which
 * goes into '*out'. Returns SIAR_OK, SIAR_EDB (the failure, or a status
 * siar does not know) or SIAR_ENOMEM.
 */
int catalog_episode_row_done(const struct catalog *cat, int64_t id, int src,
			     const char *status, enum catalog_status *out,
			     struct siar_err *err);

/* ---- chapters.c: transcripts and renditions -------------------------------- */

/*
 * Check the transcripts and renditions of 'ep' (named by ep->media_path):
 * paths not empty, MIME types and kinds known, hashes well formed, numbers
 * not negative, languages BCP 47-like. Returns SIAR_OK or SIAR_EINVAL.
 */
int catalog_files_check(const struct catalog_episode *ep,
			struct siar_err *err);

/*
 * Store the transcripts and renditions of 'ep' (checked) for episode
 * 'episode_id', in the order given. Returns SIAR_OK, SIAR_EDB or
 * SIAR_ENOMEM. Run it inside a transaction.
 */
int catalog_files_link(struct catalog *cat, int64_t episode_id,
		       const struct catalog_episode *ep, struct siar_err *err);

/* ---- review.c: the episode log ---------------------------------------------- */

/*
 * SIAR_EINVAL unless 'who' names someone (not blank), for the log.
 */
int catalog_actor_check(const struct catalog_actor *who, struct siar_err *err);

/*
 * Append 'entry' (its id is ignored; actor and note are stored as valid
 * UTF-8) to the episode log. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 * Run it inside the transaction of the change it records.
 */
int catalog_log_add(struct catalog *cat, const struct catalog_log_entry *entry,
		    struct siar_err *err);

/* ---- search.c ---------------------------------------------------------------- */

/*
 * Rebuild the search row of episode 'episode_id' from its title,
 * description, credited people (names, organisations, positions) and
 * topics. An episode that no longer exists just loses its row. Call it
 * inside the transaction of any change to those, including renaming or
 * merging people and topics. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_search_refresh(struct catalog *cat, int64_t episode_id,
			   struct siar_err *err);

/* ---- Shared by show.c, people.c, names.c and backup.c -------------------- */

/*
 * Check that 'db' (at 'path', for messages) holds a siar catalogue that
 * this siar understands, and store its schema version in '*version_out'.
 * With 'allow_empty' an empty database passes as a new catalogue of
 * version 0. Returns SIAR_OK, SIAR_EDB (not ours, or made by a newer
 * siar; 'err' names 'path') or SIAR_ENOMEM.
 */
int catalog_identify(sqlite3 *db, const char *path, bool allow_empty,
		     int *version_out, struct siar_err *err);

/*
 * True if 's' is an absolute http or https URL with a host, in printable
 * ASCII. NULL is not. Cannot fail.
 */
bool catalog_url_valid(const char *s);

/*
 * Run 'sql', a change returning no rows, with ?1 = 'a' and ?2 = 'b' (as
 * many of the two as it uses). 'what' completes "cannot ..." in an error.
 * Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_exec_ids(struct catalog *cat, const char *sql, int64_t a,
		     int64_t b, const char *what, struct siar_err *err);

/* ---- names.c: names shared with people.c --------------------------------- */

/*
 * Append to 'b' (empty) the name 's' as it is stored: valid UTF-8 without
 * control characters, white space trimmed at both ends. 'what' ("person",
 * "topic") names it in an error. Returns SIAR_OK, SIAR_EINVAL ("empty
 * WHAT name") or SIAR_ENOMEM.
 */
int catalog_name_clean(struct siar_buf *b, const char *s, const char *what,
		       struct siar_err *err);

/*
 * Append to 'name' and 'slug' (both empty) topic 's' as it is stored: its
 * name cleaned as catalog_name_clean() does and the slug made from it.
 * Returns SIAR_OK, SIAR_EINVAL (empty, or no letters or digits) or
 * SIAR_ENOMEM.
 */
int catalog_topic_clean(struct siar_buf *name, struct siar_buf *slug,
			const char *s, struct siar_err *err);

/*
 * The ID of the person named 's' (ASCII case ignored), created with that
 * name when new. Returns SIAR_OK, SIAR_EINVAL (empty name), SIAR_EDB or
 * SIAR_ENOMEM.
 */
int catalog_person_ensure(struct catalog *cat, const char *s, int64_t *id,
			  struct siar_err *err);

/* ---- people.c: people ------------------------------------------------------ */

/*
 * The checks of catalog_person_add on 'p': a name, and http(s) URLs.
 * Returns SIAR_OK or SIAR_EINVAL.
 */
int catalog_person_check(const struct catalog_person *p,
			 struct siar_err *err);

/* ---- people.c: credits on an episode ------------------------------------- */

/*
 * Check the credits of 'ep' (which names the episode in messages): a
 * (group, role) pair of the taxonomy, not the role guest. Returns SIAR_OK
 * or SIAR_EINVAL ("bad role 'ROLE' in group 'GROUP'").
 */
int catalog_credits_check(const struct catalog_episode *ep,
			  struct siar_err *err);

/*
 * Link the credits of 'ep' (checked) to episode 'episode_id', in order
 * after what is linked already (the guests), role and group lowercase,
 * creating people not yet known; a credit given twice is linked once.
 * Returns SIAR_OK, SIAR_EINVAL (an empty name), SIAR_EDB or SIAR_ENOMEM.
 * Run it inside a transaction: on failure some may have been linked.
 */
int catalog_credits_link(struct catalog *cat, int64_t episode_id,
			 const struct catalog_episode *ep,
			 struct siar_err *err);

/*
 * Refresh the search index (catalog_search_refresh) of every episode the
 * query 'sql' gives, with ?1 = 'id'. For renames and merges. Run it inside
 * a transaction. Returns SIAR_OK, SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_search_refresh_query(struct catalog *cat, const char *sql,
				 int64_t id, struct siar_err *err);

/*
 * What catalog_merge() needs to know of a kind of name (people, topics).
 * 'find' gives the ID of a name; 'sql' is run in order with ?1 = the ID
 * merged away and ?2 = the ID kept (as many of the two as each uses);
 * 'episodes_sql' gives, with ?1 = the ID kept, the episodes whose search
 * rows to refresh.
 */
struct catalog_merge_kind {
	const char *one;	/* "person": "... are the same person" */
	const char *what;	/* "merge people": completes "cannot ..." */
	int (*find)(struct catalog *cat, const char *s, int64_t *id,
		    struct siar_err *err);
	const char *const *sql;
	size_t n_sql;
	const char *episodes_sql;
};

/*
 * Merge 'from' into 'into' as 'kind' says, in one transaction. Returns
 * SIAR_OK, a failure of kind->find (such as SIAR_ENOTFOUND), SIAR_EINVAL
 * ("'FROM' and 'INTO' are the same ONE"), SIAR_EDB or SIAR_ENOMEM.
 */
int catalog_merge(struct catalog *cat, const struct catalog_merge_kind *kind,
		  const char *from, const char *into, struct siar_err *err);

/* ---- lists.c: reading an episode's lists --------------------------------- */

/*
 * Guests and credits, topics, chapters, transcripts, renditions, and who
 * added the episode.
 */
#define CATALOG_LISTS 6

/* The tables a walk of episodes reads, as catalog_episode_each has them. */
#define CATALOG_EPISODE_TABLES "episodes e JOIN shows s ON s.id = e.show_id"

/*
 * Fill the lists of the episode ep->id (empty on entry): guests, credits,
 * topics, chapters (by start time), transcripts and renditions, each in
 * the order stored, and added_by (the actor of its first "add" in the
 * log; NULL if none), every one malloc()ed. Returns SIAR_OK, SIAR_EDB or
 * SIAR_ENOMEM; on failure the lists may be partly filled, for
 * catalog_episode_release().
 */
int catalog_lists_load(struct catalog *cat, struct catalog_episode *ep,
		       struct siar_err *err);

/* Binds a walk's parameters to 'st'. Returns an SQLite result. */
typedef int (*catalog_bind_fn)(sqlite3_stmt *st, const void *arg);

/*
 * Binds to 'st' what a walk's 'from' condition needs of 'ep'. Returns an
 * SQLite result.
 */
typedef int (*catalog_bind_from_fn)(sqlite3_stmt *st,
				    const struct catalog_episode *ep);

/*
 * A walk as its lists follow it: the episodes CATALOG_EPISODE_TABLES
 * gives under 'where' (SQL conditions on them, each " AND ...", or ""),
 * in the order of the ORDER BY terms 'order', which must give every
 * episode its own place, with the parameters 'bind' binds with 'arg'.
 * 'from' (" AND ...") keeps of those the episode 'bind_from' binds and
 * the ones after it. 'desc' says whether the order is likeliest that of
 * descending episode ID (newest first), else of ascending ID.
 */
struct catalog_walk {
	const char *where;
	const char *order;
	const char *from;
	bool desc;
	catalog_bind_fn bind;
	catalog_bind_from_fn bind_from;
	const void *arg;
};

/*
 * Names of people or of topics by ID, read as a walk meets them, so that
 * its list cursors need not join their table for every row. 'none'
 * stands in by_id for an ID with no row.
 */
struct catalog_names {
	const char *sql;	/* one name by ID, ?1 */
	sqlite3_stmt *st;	/* 'sql' prepared; NULL until needed */
	char **by_id;		/* NULL: not read yet */
	int64_t n;		/* IDs below 'n' have a place in by_id */
	struct catalog_arena arena;	/* the names */
	char none[1];
};

/*
 * The lists of the episodes of a walk, read per episode or by a cursor
 * per list: by episode ID from the list's index, skipping the rows of
 * episodes the walk does not give, as long as the walk's order follows
 * the IDs closely enough; else in the walk's own order.
 */
struct catalog_lists {
	sqlite3_stmt *st[CATALOG_LISTS];	/* NULL: none, or per episode */
	int src[CATALOG_LISTS];	/* the last step of each */
	int64_t head[CATALOG_LISTS];	/* the episode of each row stepped to */
	int64_t at[CATALOG_LISTS];	/* by ID: the episode last moved to */
	size_t seeks[CATALOG_LISTS];	/* by ID: moves that needed a seek */
	bool by_id[CATALOG_LISTS];	/* by ID, not in the walk's order */
	struct catalog_names names[CATALOG_LISTS];	/* NULL by_id: joined */
	const struct catalog_walk *walk;
	size_t given;		/* episodes given so far */
	unsigned skip;		/* enum catalog_skip_flags: lists not read */
	struct catalog_arena *arena;	/* holds the lists; NULL: malloc() */
	bool cursors;		/* read by the cursors, not per episode */
	bool begun;		/* stepped to their first rows */
	int changes;		/* sqlite3_total_changes() then */
};

/*
 * Prepare 'l' to read per episode the lists 'skip' (enum
 * catalog_skip_flags) does not name, into 'arena' (NULL: malloc() each
 * string and list). Allocates nothing; cannot fail.
 */
void catalog_lists_init(struct catalog_lists *l, unsigned skip,
			struct catalog_arena *arena);

/*
 * Prepare in 'l' (initialised) a cursor over each list not skipped of
 * the episodes of the walk 'w', which must stay as it is until
 * catalog_lists_close(). The walk's own cursor must have the same
 * tables, conditions, parameters and order. Returns SIAR_OK, SIAR_EDB or
 * SIAR_ENOMEM; on failure 'l' is left to read per episode.
 */
int catalog_lists_open(struct catalog *cat, struct catalog_lists *l,
		       const struct catalog_walk *w, struct siar_err *err);

/*
 * Fill the lists of 'ep' (empty on entry) that l->skip does not name,
 * into l->arena, for the episode the walk's cursor has just given (it
 * gives them in order, none skipped). The rows come from the cursors of
 * 'l' as long as the catalogue has not changed since they began; once
 * the walk's callback has changed it, or without cursors, per episode as
 * catalog_lists_load() reads them. Names of people and topics may be
 * kept by 'l' for the whole walk rather than in l->arena. Returns as
 * catalog_lists_load().
 */
int catalog_lists_next(struct catalog *cat, struct catalog_lists *l,
		       struct catalog_episode *ep, struct siar_err *err);

/*
 * Finalize the cursors of 'l' and free the names it kept; it then reads
 * per episode, with the same 'skip' and 'arena'. Cannot fail.
 */
void catalog_lists_close(struct catalog_lists *l);

/* qsort() comparison of two int64_t, ascending (rhythm.c). */
int catalog_cmp_i64(const void *a, const void *b);

#endif
