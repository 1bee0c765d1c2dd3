/*
 * The catalogue handle: opening a file and making sure it is ours, the
 * clock, and the plumbing every other file of catalog/ shares (statement
 * cache, transactions, binding and reading values, walking rows and
 * collecting IDs, turning SQLite's errors into siar's).
 *
 * The schema and its migrations are in schema.c; shows, episodes, guests
 * and topics, and chapters in show.c, episode.c, names.c and chapters.c.
 */
#include "catalog.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "catalog_int.h"

_Static_assert(CATALOG_APP_ID == 0x73696172, "application_id spells siar");

/* ---- Errors and statements ---------------------------------------------- */

int catalog_db_error(const struct catalog *cat, const char *what, int src,
		     struct siar_err *err)
{
	const char *msg = sqlite3_errstr(src);

	if ((src & 0xff) == SQLITE_NOMEM)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	/* The handle's message has details (which constraint, which file)
	 * but only while it still describes this failure. */
	if (cat->db && (sqlite3_errcode(cat->db) & 0xff) == (src & 0xff))
		msg = sqlite3_errmsg(cat->db);
	return siar_err_set(err, SIAR_EDB, "cannot %s in catalogue '%s': %s",
			    what, cat->path, msg);
}

int catalog_stmt(struct catalog *cat, enum catalog_stmt_id id,
		 const char *sql, sqlite3_stmt **out, struct siar_err *err)
{
	int src;

	assert(id < CATALOG_STMT_COUNT);
	if (!cat->stmt[id]) {
		src = sqlite3_prepare_v3(cat->db, sql, -1,
					 SQLITE_PREPARE_PERSISTENT,
					 &cat->stmt[id], NULL);
		if (src != SQLITE_OK)
			return catalog_db_error(cat, "prepare a query", src,
						err);
	}
	*out = cat->stmt[id];
	return SIAR_OK;
}

int catalog_prepare(struct catalog *cat, const char *sql, sqlite3_stmt **out,
		    struct siar_err *err)
{
	int src;

	src = sqlite3_prepare_v2(cat->db, sql, -1, out, NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "prepare a query", src, err);
	return SIAR_OK;
}

int64_t catalog_pragma_int(sqlite3 *db, const char *sql, int64_t none)
{
	sqlite3_stmt *st = NULL;
	int64_t v = none;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Set the page cache to 'size' (PRAGMA cache_size's units). */
static void cache_set(struct catalog *cat, int64_t size)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %" PRId64, size);
	(void)sqlite3_exec(cat->db, sql, NULL, NULL, NULL);
}

void catalog_walk_cache(struct catalog *cat, bool begin)
{
	if (begin) {
		if (cat->walks++)
			return;
		cat->cache_size =
			catalog_pragma_int(cat->db, "PRAGMA cache_size", 0);
		/* Negative: KiB rather than pages. */
		if (cat->cache_size)
			cache_set(cat, -CATALOG_WALK_CACHE_KIB);
		return;
	}
	if (cat->walks && !--cat->walks && cat->cache_size)
		cache_set(cat, cat->cache_size);
}

void catalog_stmt_done(sqlite3_stmt *st)
{
	if (!st)
		return;
	/* The step already reported any error; reset only repeats it. */
	sqlite3_reset(st);
	/* Text was bound without copying; forget it before the caller
	 * frees it. */
	sqlite3_clear_bindings(st);
}

/* ---- Transactions ------------------------------------------------------- */

int catalog_txn_begin(struct catalog *cat, bool *outer, struct siar_err *err)
{
	int src;

	/*
	 * A bare SAVEPOINT would start a deferred transaction, which in WAL
	 * mode fails with SQLITE_BUSY_SNAPSHOT (no busy wait helps) when it
	 * reads, another process writes, and it then writes. BEGIN IMMEDIATE
	 * takes the write lock first. Inside a caller's transaction a
	 * savepoint lets this change be undone on its own.
	 */
	*outer = sqlite3_get_autocommit(cat->db) != 0;
	src = sqlite3_exec(cat->db,
			   *outer ? "BEGIN IMMEDIATE" : "SAVEPOINT catalog_op",
			   NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "start a transaction", src, err);
	return SIAR_OK;
}

int catalog_txn_end(struct catalog *cat, bool outer, int rc,
		    struct siar_err *err)
{
	int src;

	if (rc == SIAR_OK) {
		src = sqlite3_exec(cat->db,
				   outer ? "COMMIT" : "RELEASE catalog_op",
				   NULL, NULL, NULL);
		if (src == SQLITE_OK)
			return SIAR_OK;
		rc = catalog_db_error(cat, "commit a change", src, err);
	}
	/*
	 * ROLLBACK TO keeps the savepoint open, so RELEASE it too. Errors
	 * are ignored: after some failures SQLite has already rolled back,
	 * and the failure that brought us here is the one to report.
	 */
	sqlite3_exec(cat->db,
		     outer ? "ROLLBACK"
			   : "ROLLBACK TO catalog_op; RELEASE catalog_op",
		     NULL, NULL, NULL);
	return rc;
}

/* ---- Binding and reading values ----------------------------------------- */

void catalog_bind_init(struct catalog_bind *b, sqlite3_stmt *st)
{
	b->st = st;
	b->idx = 0;
	b->src = SQLITE_OK;
}

void catalog_bind_textn(struct catalog_bind *b, const char *s, size_t len)
{
	b->idx++;
	if (b->src)
		return;
	/* SQLITE_STATIC: catalog_stmt_done() unbinds before 's' can go. */
	b->src = sqlite3_bind_text64(b->st, b->idx, s, len, SQLITE_STATIC,
				     SQLITE_UTF8);
}

void catalog_bind_text(struct catalog_bind *b, const char *s, bool repair)
{
	char *fixed;

	if (s && !repair) {
		catalog_bind_textn(b, s, strlen(s));
		return;
	}
	b->idx++;
	if (b->src)
		return;
	if (!s) {
		b->src = sqlite3_bind_null(b->st, b->idx);
		return;
	}
	fixed = siar_utf8_dup(s, true);
	if (!fixed) {
		b->src = SQLITE_NOMEM;
		return;
	}
	/* SQLite calls free() on 'fixed' even when binding fails. */
	b->src = sqlite3_bind_text64(b->st, b->idx, fixed, strlen(fixed), free,
				     SQLITE_UTF8);
}

void catalog_bind_int(struct catalog_bind *b, int64_t v)
{
	b->idx++;
	if (!b->src)
		b->src = sqlite3_bind_int64(b->st, b->idx, v);
}

void catalog_bind_double(struct catalog_bind *b, double v)
{
	b->idx++;
	if (!b->src)
		b->src = sqlite3_bind_double(b->st, b->idx, v);
}

void catalog_bind_null(struct catalog_bind *b)
{
	b->idx++;
	if (!b->src)
		b->src = sqlite3_bind_null(b->st, b->idx);
}

/* ---- The arena of a walk ------------------------------------------------- */

struct catalog_arena_block {
	struct catalog_arena_block *next;
	size_t size;		/* bytes in 'data' */
	max_align_t data[];
};

/* The smallest block: an episode with its lists fits. */
#define ARENA_BLOCK_MIN 8192
/*
 * Blocks double up to this; a bigger one is made only for a bigger
 * string, and is not kept by catalog_arena_reset().
 */
#define ARENA_BLOCK_MAX ((size_t)64 << 10)

void catalog_arena_init(struct catalog_arena *a)
{
	a->blocks = NULL;
	a->used = 0;
	a->bytes = 0;
}

void *catalog_arena_alloc(struct catalog_arena *a, size_t size)
{
	const size_t align = _Alignof(max_align_t);
	struct catalog_arena_block *b = a->blocks;
	size_t at = (a->used + align - 1) / align * align;
	size_t block = ARENA_BLOCK_MIN;

	if (b && at <= b->size && size <= b->size - at) {
		a->used = at + size;
		return (unsigned char *)b->data + at;
	}
	/* Doubling: the newest block soon holds a whole episode. */
	if (b)
		block = b->size < ARENA_BLOCK_MAX / 2 ? b->size * 2
						      : ARENA_BLOCK_MAX;
	if (block < size)
		block = size;
	if (block > SIZE_MAX - sizeof(*b))
		return NULL;
	b = malloc(sizeof(*b) + block);
	if (!b)
		return NULL;
	b->next = a->blocks;
	b->size = block;
	a->blocks = b;
	a->used = size;
	a->bytes += block;
	return b->data;
}

void catalog_arena_reset(struct catalog_arena *a)
{
	struct catalog_arena_block *keep = a->blocks, *b, *next;

	if (keep && keep->size > ARENA_BLOCK_MAX)
		keep = NULL;
	for (b = a->blocks; b; b = next) {
		next = b->next;
		if (b != keep)
			free(b);
	}
	a->blocks = keep;
	if (keep)
		keep->next = NULL;
	a->used = 0;
	a->bytes = keep ? keep->size : 0;
}

void catalog_arena_release(struct catalog_arena *a)
{
	catalog_arena_reset(a);
	free(a->blocks);
	catalog_arena_init(a);
}

/* ---- Pools: arenas a walk's reader keeps ------------------------------- */

int catalog_pool_new(struct catalog_pool **out, struct siar_err *err)
{
	*out = malloc(sizeof(**out));
	if (!*out)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	catalog_arena_init(&(*out)->arena);
	return SIAR_OK;
}

size_t catalog_pool_bytes(const struct catalog_pool *pool)
{
	return pool->arena.bytes;
}

void catalog_pool_clear(struct catalog_pool *pool)
{
	catalog_arena_reset(&pool->arena);
}

void catalog_pool_free(struct catalog_pool *pool)
{
	if (!pool)
		return;
	catalog_arena_release(&pool->arena);
	free(pool);
}

/* ---- Reading rows -------------------------------------------------------- */

void catalog_row_init(struct catalog_row *r, sqlite3_stmt *st)
{
	r->st = st;
	r->col = 0;
	r->src = SQLITE_OK;
	r->arena = NULL;
}

/* 'len' bytes of 's' and a terminator, where 'r' keeps its strings. */
static char *row_copy(struct catalog_row *r, const char *s, size_t len)
{
	char *copy;

	/* The same limit as a struct siar_buf. */
	if (len > SIAR_BUF_MAX_DEFAULT) {
		r->src = SQLITE_TOOBIG;
		return NULL;
	}
	copy = r->arena ? catalog_arena_alloc(r->arena, len + 1)
			: malloc(len + 1);
	if (!copy) {
		r->src = SQLITE_NOMEM;
		return NULL;
	}
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

/* 's' made valid UTF-8 without control characters. */
static char *row_repair(struct catalog_row *r, const char *s, size_t len)
{
	enum siar_rc failed;
	struct siar_buf b;
	char *fixed = NULL;

	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, s, len, true);
	failed = b.failed;
	if (!r->arena)
		fixed = siar_buf_detach(&b);
	else if (!failed)
		fixed = row_copy(r, b.buf, b.len);
	if (!fixed && !r->src)
		r->src = failed == SIAR_ENOMEM ? SQLITE_NOMEM : SQLITE_TOOBIG;
	siar_buf_release(&b);
	return fixed;
}

char *catalog_row_text(struct catalog_row *r, bool repair)
{
	int col = r->col++;
	sqlite3_value *v;
	const char *text;
	size_t len;

	if (r->src)
		return NULL;
	/*
	 * One call into SQLite's API rather than two or three, each with
	 * its own error bookkeeping: 4% of a walk. The value is
	 * "unprotected", which matters only when threads use a handle at
	 * the same time, and a catalogue is used by one at a time.
	 */
	v = sqlite3_column_value(r->st, col);
	text = (const char *)sqlite3_value_text(v);
	if (!text) {
		if (sqlite3_value_type(v) != SQLITE_NULL)
			r->src = SQLITE_NOMEM;
		return NULL;
	}
	len = (size_t)sqlite3_value_bytes(v);
	/* Nearly every text needs no repair. */
	if (!repair || siar_utf8_clean_len(text, len, true) == len)
		return row_copy(r, text, len);
	return row_repair(r, text, len);
}

int64_t catalog_row_int(struct catalog_row *r)
{
	return sqlite3_column_int64(r->st, r->col++);
}

double catalog_row_double(struct catalog_row *r)
{
	return sqlite3_column_double(r->st, r->col++);
}

bool catalog_row_null(const struct catalog_row *r)
{
	return sqlite3_column_type(r->st, r->col) == SQLITE_NULL;
}

/* ---- Opening ------------------------------------------------------------ */

static int open_db(struct catalog *cat, enum catalog_open_flags flags,
		   struct siar_err *err)
{
	int mode = SQLITE_OPEN_READWRITE;
	struct stat sb;
	int src;

	if (flags & CATALOG_OPEN_CREATE)
		mode |= SQLITE_OPEN_CREATE;
	/*
	 * A handle is used by one thread at a time (catalog.h), so SQLite's
	 * own per-call mutexes are pure cost: 11% of a long listing.
	 */
	mode |= SQLITE_OPEN_NOMUTEX;
	/*
	 * Nor does siar read SQLite's memory statistics, which take a
	 * process-wide mutex on every allocation. Settable only before
	 * SQLite starts: the first open sets it, later calls fail harmlessly.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	src = sqlite3_open_v2(cat->path, &cat->db, mode, NULL);
	if (src == SQLITE_OK) {
		sqlite3_extended_result_codes(cat->db, 1);
		/* Another siar (a cron job writing the feed) may hold the
		 * lock for a moment; wait rather than fail. */
		sqlite3_busy_timeout(cat->db, 5000);
		return SIAR_OK;
	}
	/* SQLITE_CANTOPEN covers permissions too; only a missing file
	 * means "not created yet". */
	if (src == SQLITE_CANTOPEN && !(flags & CATALOG_OPEN_CREATE) &&
	    stat(cat->path, &sb) != 0 && errno == ENOENT)
		return siar_err_set(err, SIAR_ENOTFOUND,
				    "no catalogue at '%s' (run 'siar init')",
				    cat->path);
	if (src == SQLITE_NOMEM)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return siar_err_set(err, SIAR_EDB, "cannot open catalogue '%s': %s",
			    cat->path,
			    cat->db ? sqlite3_errmsg(cat->db)
				    : sqlite3_errstr(src));
}

/*
 * Refuse files siar did not make, and catalogues from a newer siar, before
 * anything is written to them. Shared with catalog_restore(), which checks
 * a backup the same way but does not take an empty file for one.
 */
int catalog_identify(sqlite3 *db, const char *path, bool allow_empty,
		     int *version_out, struct siar_err *err)
{
	static const char sql[] =
		"SELECT (SELECT application_id FROM pragma_application_id),"
		" (SELECT user_version FROM pragma_user_version),"
		" (SELECT count(*) FROM sqlite_master)";
	sqlite3_stmt *st = NULL;
	int64_t app_id, version, objects;
	int src, rc = SIAR_OK;

	src = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if ((src & 0xff) == SQLITE_NOTADB) {
		rc = siar_err_set(err, SIAR_EDB,
				  "'%s' is not a siar catalogue: %s", path,
				  sqlite3_errmsg(db));
		goto out;
	}
	if ((src & 0xff) == SQLITE_NOMEM) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	if (src != SQLITE_ROW) {
		rc = siar_err_set(err, SIAR_EDB,
				  "cannot read the header in catalogue '%s':"
				  " %s",
				  path, sqlite3_errmsg(db));
		goto out;
	}
	app_id = sqlite3_column_int64(st, 0);
	version = sqlite3_column_int64(st, 1);
	objects = sqlite3_column_int64(st, 2);
	/* An empty file is a new catalogue; anything else must be ours. */
	if ((app_id != CATALOG_APP_ID &&
	     (version > 0 || objects > 0 || !allow_empty)) ||
	    version < 0)
		rc = siar_err_set(err, SIAR_EDB, "'%s' is not a siar catalogue",
				  path);
	else if (version > catalog_schema_latest())
		rc = siar_err_set(err, SIAR_EDB,
				  "'%s' was made by a newer siar (schema %lld,"
				  " this siar knows %d)",
				  path, (long long)version,
				  catalog_schema_latest());
	else
		*version_out = (int)version;
out:
	sqlite3_finalize(st);
	return rc;
}

static int configure(struct catalog *cat, struct siar_err *err)
{
	int src;

	/* Off by default in SQLite, and per connection. */
	src = sqlite3_exec(cat->db, "PRAGMA foreign_keys = ON", NULL, NULL,
			   NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "enable foreign keys", src, err);
	/*
	 * A new catalogue's page size (before WAL, which fixes it; a no-op
	 * for one that has tables): see CATALOG_PAGE_SIZE.
	 */
	src = sqlite3_exec(cat->db,
			   "PRAGMA page_size = "
			   CATALOG_STR(CATALOG_PAGE_SIZE),
			   NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "set the page size", src, err);
	if (!strcmp(cat->path, ":memory:"))
		return SIAR_OK;
	/* Readers (feed generation) then never block the writer. */
	src = sqlite3_exec(cat->db, "PRAGMA journal_mode = WAL", NULL, NULL,
			   NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "enable WAL", src, err);
	return SIAR_OK;
}

int catalog_open(struct catalog **out, const char *path,
		 enum catalog_open_flags flags, struct siar_err *err)
{
	struct catalog *cat;
	int rc;

	assert(out && path && err);
	*out = NULL;
	cat = calloc(1, sizeof(*cat));
	if (!cat)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	cat->path = siar_strdup(path);
	if (!cat->path) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto fail;
	}
	rc = open_db(cat, flags, err);
	if (rc)
		goto fail;
	rc = catalog_identify(cat->db, cat->path, true, &cat->schema_version,
			      err);
	if (rc)
		goto fail;
	rc = configure(cat, err);
	if (rc)
		goto fail;
	rc = catalog_migrate(cat, err);
	if (rc)
		goto fail;
	*out = cat;
	return SIAR_OK;
fail:
	catalog_close(cat);
	return rc;
}

void catalog_close(struct catalog *cat)
{
	size_t i;

	if (!cat)
		return;
	for (i = 0; i < CATALOG_STMT_COUNT; i++)
		sqlite3_finalize(cat->stmt[i]);
	/* Cursors of the _each() functions are finalized before they
	 * return, so nothing holds the handle open. */
	sqlite3_close_v2(cat->db);
	free(cat->path);
	free(cat);
}

bool catalog_blank(const char *s)
{
	if (!s)
		return true;
	return s[strspn(s, " \t\r\n")] == '\0';
}

bool catalog_url_valid(const char *s)
{
	const char *host;
	size_t i;

	if (!s)
		return false;
	if (!strncmp(s, "http://", 7))
		host = s + 7;
	else if (!strncmp(s, "https://", 8))
		host = s + 8;
	else
		return false;
	if (strcspn(host, "/?#") == 0)
		return false;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || (unsigned char)s[i] >= 0x7f)
			return false;
	return true;
}

bool catalog_path_remote(const char *path)
{
	return catalog_url_valid(path);
}

int catalog_exec_ids(struct catalog *cat, const char *sql, int64_t a,
		     int64_t b, const char *what, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, n, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	n = sqlite3_bind_parameter_count(st);
	src = n >= 1 ? sqlite3_bind_int64(st, 1, a) : SQLITE_OK;
	if (src == SQLITE_OK && n >= 2)
		src = sqlite3_bind_int64(st, 2, b);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = catalog_db_error(cat, what, src, err);
	sqlite3_finalize(st);
	return rc;
}

int catalog_rows_each(struct catalog *cat, const char *sql, catalog_row_fn row,
		      void *arg, const char *what, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	for (;;) {
		src = sqlite3_step(st);
		if (src != SQLITE_ROW)
			break;
		src = row(st, arg, &rc, err);
		if (src != SQLITE_OK)
			break;
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(cat, what, src, err);
	sqlite3_finalize(st);
	return rc;
}

static int ids_push(struct catalog_ids *l, int64_t id)
{
	size_t new_cap;
	int64_t *grown = NULL;

	if (l->n == l->cap) {
		new_cap = l->cap ? l->cap * 2 : 16;
		if (new_cap <= SIZE_MAX / sizeof(*grown))
			grown = realloc(l->ids, new_cap * sizeof(*grown));
		if (!grown)
			return SQLITE_NOMEM;
		l->ids = grown;
		l->cap = new_cap;
	}
	l->ids[l->n++] = id;
	return SQLITE_OK;
}

int catalog_ids_read(sqlite3_stmt *st, int src, struct catalog_ids *l)
{
	while (src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			src = ids_push(l, sqlite3_column_int64(st, 0));
	}
	return src;
}

/* ---- Time, versions, names ---------------------------------------------- */

void catalog_set_now(struct catalog *cat, int64_t now_unix)
{
	cat->now_unix = now_unix;
}

int64_t catalog_now(const struct catalog *cat)
{
	return cat->now_unix ? cat->now_unix : (int64_t)time(NULL);
}

int catalog_schema_version(const struct catalog *cat)
{
	return cat->schema_version;
}

const char *catalog_status_name(enum catalog_status status)
{
	switch (status) {
	case CATALOG_STATUS_DRAFT:
		return "draft";
	case CATALOG_STATUS_IN_REVIEW:
		return "in_review";
	case CATALOG_STATUS_APPROVED:
		return "approved";
	case CATALOG_STATUS_PUBLISHED:
		return "published";
	case CATALOG_STATUS_UNPUBLISHED:
		return "unpublished";
	case CATALOG_STATUS_ARCHIVED:
		return "archived";
	}
	return "unknown";
}
