/*
 * Guests and topics: finding or creating the person or topic a name
 * stands for and linking it to an episode in the order given; managing
 * topics (adding, listing, renaming, merging); merging two people or two
 * topics (catalog_merge, for people.c too); and refreshing the search
 * index of the episodes a rename touches.
 *
 * People match by name ignoring ASCII case (the column is COLLATE NOCASE)
 * and keep the first spelling seen. Topics match by a slug made from the
 * name, so "Pemilu 2024" and "pemilu-2024" are one topic. Managing people
 * is people.c's job; reading the lists back is lists.c's.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/*
 * What differs between guests and topics. The statements bind: find ?1 =
 * key; insert ?1 = key, ?2 = name (a statement may leave ?1 unused: SQLite
 * counts parameters up to the highest number); link ?1 = episode, ?2 =
 * person or topic, ?3 = position.
 */
struct name_kind {
	const char *what;
	bool by_slug;
	enum catalog_stmt_id find, insert, link;
	const char *find_sql, *insert_sql, *link_sql;
};

static const struct name_kind guests = {
	.what = "guest",
	.by_slug = false,
	.find = CATALOG_STMT_PERSON_FIND,
	.insert = CATALOG_STMT_PERSON_INSERT,
	.link = CATALOG_STMT_PERSON_LINK,
	.find_sql = "SELECT id FROM people WHERE name = ?1",
	.insert_sql = "INSERT INTO people (name) VALUES (?2)",
	/* Role and group as podcast:person spells them (feed-spec §10). */
	.link_sql = "INSERT INTO episode_people (episode_id, person_id, role,"
		    " grp, position) VALUES (?1, ?2, 'guest', 'cast', ?3)"
		    " ON CONFLICT DO NOTHING",
};

static const struct name_kind topics = {
	.what = "topic",
	.by_slug = true,
	.find = CATALOG_STMT_TOPIC_FIND,
	.insert = CATALOG_STMT_TOPIC_INSERT,
	.link = CATALOG_STMT_TOPIC_LINK,
	.find_sql = "SELECT id FROM topics WHERE slug = ?1",
	.insert_sql = "INSERT INTO topics (slug, name) VALUES (?1, ?2)",
	.link_sql = "INSERT INTO episode_topics (episode_id, topic_id,"
		    " position) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
};

/* One name being linked: its repaired text, trimmed, and its key. */
struct name {
	struct siar_buf text;
	struct siar_buf slug;
	const char *name, *key;
	size_t name_len, key_len;
};

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * ASCII letters and digits lowercased, other ASCII runs made one '-', none
 * at either end. Bytes of other scripts are kept as they are: lowercasing
 * them needs Unicode tables, and Indonesian topics are nearly all ASCII.
 */
static void slug_build(struct siar_buf *b, const char *s, size_t len)
{
	bool dash = false;
	size_t i;
	char c;

	for (i = 0; i < len; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      (unsigned char)c >= 0x80)) {
			dash = b->len > 0;
			continue;
		}
		if (dash)
			siar_buf_addc(b, '-');
		siar_buf_addc(b, c);
		dash = false;
	}
}

int catalog_name_clean(struct siar_buf *b, const char *s, const char *what,
		       struct siar_err *err)
{
	struct siar_buf fixed;
	const char *start, *end;
	int rc;

	siar_buf_init(&fixed, 0);
	siar_utf8_repair(&fixed, s ? s : "", s ? strlen(s) : 0, true);
	rc = siar_buf_check(&fixed, err);
	if (rc)
		goto out;
	start = fixed.buf;
	end = fixed.buf + fixed.len;
	while (start < end && is_space(*start))
		start++;
	while (end > start && is_space(end[-1]))
		end--;
	siar_buf_add(b, start, (size_t)(end - start));
	rc = siar_buf_check(b, err);
	if (!rc && b->len == 0)
		rc = siar_err_set(err, SIAR_EINVAL, "empty %s name", what);
out:
	siar_buf_release(&fixed);
	return rc;
}

int catalog_topic_clean(struct siar_buf *name, struct siar_buf *slug,
			const char *s, struct siar_err *err)
{
	int rc;

	rc = catalog_name_clean(name, s, "topic", err);
	if (rc)
		return rc;
	slug_build(slug, name->buf, name->len);
	rc = siar_buf_check(slug, err);
	if (!rc && slug->len == 0)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "topic '%s' has no letters or digits", s);
	return rc;
}

static int name_parse(struct name *n, const struct name_kind *kind,
		      const char *s, struct siar_err *err)
{
	int rc;

	siar_buf_release(&n->text);
	siar_buf_release(&n->slug);
	rc = catalog_name_clean(&n->text, s, kind->what, err);
	if (rc)
		return rc;
	n->name = n->text.buf;
	n->name_len = n->text.len;
	n->key = n->name;
	n->key_len = n->name_len;
	if (kind->by_slug) {
		slug_build(&n->slug, n->name, n->name_len);
		n->key = n->slug.buf;
		n->key_len = n->slug.len;
	}
	rc = siar_buf_check(&n->slug, err);
	if (!rc && n->key_len == 0)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "%s '%s' has no letters or digits",
				  kind->what, s);
	return rc;
}

static void name_init(struct name *n)
{
	siar_buf_init(&n->text, 0);
	siar_buf_init(&n->slug, 0);
}

static void name_release(struct name *n)
{
	siar_buf_release(&n->text);
	siar_buf_release(&n->slug);
}

/* Run 'st' (bound) to its end; '*id' gets the first column of a row. */
static int step_id(const struct catalog *cat, sqlite3_stmt *st, int src,
		   int64_t *id, bool *found, struct siar_err *err)
{
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	*found = src == SQLITE_ROW;
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src != SQLITE_DONE)
		return catalog_db_error(cat, "store a name", src, err);
	return SIAR_OK;
}

static int find_or_insert(struct catalog *cat, const struct name_kind *kind,
			  const struct name *n, int64_t *id,
			  struct siar_err *err)
{
	sqlite3_stmt *find = NULL, *insert = NULL;
	struct catalog_bind b;
	bool found = false;
	int rc;

	rc = catalog_stmt(cat, kind->find, kind->find_sql, &find, err);
	if (rc)
		goto out;
	catalog_bind_init(&b, find);
	catalog_bind_textn(&b, n->key, n->key_len);
	rc = step_id(cat, find, b.src, id, &found, err);
	if (rc || found)
		goto out;
	rc = catalog_stmt(cat, kind->insert, kind->insert_sql, &insert, err);
	if (rc)
		goto out;
	catalog_bind_init(&b, insert);
	catalog_bind_textn(&b, n->key, n->key_len);
	catalog_bind_textn(&b, n->name, n->name_len);
	rc = step_id(cat, insert, b.src, id, &found, err);
	if (!rc)
		*id = sqlite3_last_insert_rowid(cat->db);
out:
	catalog_stmt_done(find);
	catalog_stmt_done(insert);
	return rc;
}

/* Link 'id' at '*position' unless linked already; then move the position. */
static int link_one(struct catalog *cat, const struct name_kind *kind,
		    int64_t episode_id, int64_t id, int64_t *position,
		    struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	bool found;
	int64_t unused;
	int rc;

	rc = catalog_stmt(cat, kind->link, kind->link_sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, episode_id);
	catalog_bind_int(&b, id);
	catalog_bind_int(&b, *position);
	rc = step_id(cat, st, b.src, &unused, &found, err);
	/* Zero changes: a name given twice, linked the first time. */
	if (!rc && sqlite3_changes(cat->db) > 0)
		(*position)++;
	catalog_stmt_done(st);
	return rc;
}

static int names_link(struct catalog *cat, const struct name_kind *kind,
		      int64_t episode_id, char *const *names, size_t count,
		      struct siar_err *err)
{
	struct name n;
	int64_t id = 0, position = 0;
	size_t i;
	int rc = SIAR_OK;

	name_init(&n);
	for (i = 0; i < count && !rc; i++) {
		rc = name_parse(&n, kind, names[i], err);
		if (!rc)
			rc = find_or_insert(cat, kind, &n, &id, err);
		if (!rc)
			rc = link_one(cat, kind, episode_id, id, &position,
				      err);
	}
	name_release(&n);
	return rc;
}

int catalog_guests_link(struct catalog *cat, int64_t episode_id,
			char *const *names, size_t n, struct siar_err *err)
{
	return names_link(cat, &guests, episode_id, names, n, err);
}

int catalog_topics_link(struct catalog *cat, int64_t episode_id,
			char *const *names, size_t n, struct siar_err *err)
{
	return names_link(cat, &topics, episode_id, names, n, err);
}

int catalog_person_ensure(struct catalog *cat, const char *s, int64_t *id,
			  struct siar_err *err)
{
	struct name_kind people = guests;
	struct name n;
	int rc;

	people.what = "person";
	name_init(&n);
	rc = name_parse(&n, &people, s, err);
	if (!rc)
		rc = find_or_insert(cat, &people, &n, id, err);
	name_release(&n);
	return rc;
}

/* ---- Search ------------------------------------------------------------- */

static int ids_load(struct catalog *cat, const char *sql, int64_t id,
		    struct catalog_ids *l, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	src = catalog_ids_read(st, sqlite3_bind_int64(st, 1, id), l);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "find episodes to index", src, err);
	sqlite3_finalize(st);
	return rc;
}

/*
 * The IDs are read in full first: the refresh writes to the index while
 * the query would still be reading the tables it is built from.
 */
int catalog_search_refresh_query(struct catalog *cat, const char *sql,
				 int64_t id, struct siar_err *err)
{
	struct catalog_ids l = {NULL, 0, 0};
	size_t i;
	int rc;

	rc = ids_load(cat, sql, id, &l, err);
	for (i = 0; i < l.n && !rc; i++)
		rc = catalog_search_refresh(cat, l.ids[i], err);
	free(l.ids);
	return rc;
}

/* ---- Merging ------------------------------------------------------------ */

static int merge(struct catalog *cat, const struct catalog_merge_kind *kind,
		 const char *from, const char *into, struct siar_err *err)
{
	int64_t from_id = 0, into_id = 0;
	size_t i;
	int rc;

	rc = kind->find(cat, from, &from_id, err);
	if (!rc)
		rc = kind->find(cat, into, &into_id, err);
	if (rc)
		return rc;
	if (from_id == into_id)
		return siar_err_set(err, SIAR_EINVAL,
				    "'%s' and '%s' are the same %s", from, into,
				    kind->one);
	for (i = 0; i < kind->n_sql && !rc; i++)
		rc = catalog_exec_ids(cat, kind->sql[i], from_id, into_id,
				      kind->what, err);
	if (!rc)
		rc = catalog_search_refresh_query(cat, kind->episodes_sql,
						  into_id, err);
	return rc;
}

int catalog_merge(struct catalog *cat, const struct catalog_merge_kind *kind,
		  const char *from, const char *into, struct siar_err *err)
{
	bool outer;
	int rc;

	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = merge(cat, kind, from, into, err);
	return catalog_txn_end(cat, outer, rc, err);
}

/* ---- Managing topics ---------------------------------------------------- */

#define TOPIC_EPISODES                                                        \
	"SELECT episode_id FROM episode_topics WHERE topic_id = ?1"

/*
 * The ID of the topic named or slugged 's'. A name that cannot be a topic
 * is no topic: the caller asked about one, not for one to be made.
 */
static int topic_id(struct catalog *cat, const char *s, int64_t *id,
		    struct siar_err *err)
{
	struct siar_err parse_err;
	struct name n;
	bool found = false;
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int rc;

	siar_err_clear(&parse_err);
	name_init(&n);
	rc = name_parse(&n, &topics, s, &parse_err);
	if (rc == SIAR_ENOMEM)
		rc = siar_err_set(err, rc, "%s", parse_err.msg);
	if (rc)
		goto out;
	rc = catalog_stmt(cat, topics.find, topics.find_sql, &st, err);
	if (rc)
		goto out;
	catalog_bind_init(&b, st);
	catalog_bind_textn(&b, n.key, n.key_len);
	rc = step_id(cat, st, b.src, id, &found, err);
out:
	catalog_stmt_done(st);
	name_release(&n);
	if (rc == SIAR_EINVAL || (!rc && !found))
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no topic '%s'",
				  s ? s : "");
	return rc;
}

/*
 * Run 'st', which stores topic 'n' binding ?1 = slug, ?2 = name and, when
 * 'id' is not NULL, ?3 = '*id'. 'what' completes "cannot ..." in an error.
 */
static int store_topic(struct catalog *cat, sqlite3_stmt *st,
		       const struct name *n, const int64_t *id,
		       const char *what, struct siar_err *err)
{
	struct catalog_bind b;
	int src;

	catalog_bind_init(&b, st);
	catalog_bind_textn(&b, n->key, n->key_len);
	catalog_bind_textn(&b, n->name, n->name_len);
	if (id)
		catalog_bind_int(&b, *id);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		return siar_err_set(err, SIAR_EEXIST,
				    "topic '%s' already exists", n->name);
	if (src != SQLITE_DONE)
		return catalog_db_error(cat, what, src, err);
	return SIAR_OK;
}

int catalog_topic_add(struct catalog *cat, const char *name,
		      int64_t *id_out, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	struct name n;
	int rc;

	assert(err);
	name_init(&n);
	rc = name_parse(&n, &topics, name, err);
	if (!rc)
		rc = catalog_stmt(cat, topics.insert, topics.insert_sql, &st,
				  err);
	if (!rc)
		rc = store_topic(cat, st, &n, NULL, "add a topic", err);
	if (!rc && id_out)
		*id_out = sqlite3_last_insert_rowid(cat->db);
	catalog_stmt_done(st);
	name_release(&n);
	return rc;
}

/* The callback of catalog_topic_each() and its context. */
struct topic_each {
	catalog_topic_fn fn;
	void *ctx;
};

/*
 * Call the callback of 'arg' (a topic_each) with the topic in the current
 * row of 'st'. Returns an SQLite result or, when it fails, SQLITE_ABORT
 * with '*rc' set.
 */
static int topic_call(sqlite3_stmt *st, void *arg, int *rc,
		      struct siar_err *err)
{
	const struct topic_each *each = arg;
	struct catalog_topic t;
	struct catalog_row r;
	char *name, *slug;

	catalog_row_init(&r, st);
	t.id = catalog_row_int(&r);
	name = catalog_row_text(&r, true);
	slug = catalog_row_text(&r, true);
	t.n_episodes = catalog_row_int(&r);
	if (!r.src && (!name || !slug))
		r.src = SQLITE_NOMEM;
	if (!r.src) {
		t.name = name;
		t.slug = slug;
		*rc = each->fn(&t, each->ctx, err);
	}
	free(name);
	free(slug);
	if (r.src)
		return r.src;
	return *rc ? SQLITE_ABORT : SQLITE_OK;
}

int catalog_topic_each(struct catalog *cat, catalog_topic_fn fn, void *ctx,
		       struct siar_err *err)
{
	static const char sql[] =
		"SELECT t.id, t.name, t.slug, (SELECT count(DISTINCT"
		" episode_id) FROM episode_topics WHERE topic_id = t.id)"
		" FROM topics t ORDER BY t.name COLLATE NOCASE, t.id";
	struct topic_each each = {fn, ctx};

	assert(fn && err);
	return catalog_rows_each(cat, sql, topic_call, &each, "read topics",
				 err);
}

static int rename_topic(struct catalog *cat, const char *from, const char *to,
			struct siar_err *err)
{
	static const char sql[] =
		"UPDATE topics SET slug = ?1, name = ?2 WHERE id = ?3";
	sqlite3_stmt *st = NULL;
	struct name n;
	int64_t id = 0;
	int rc;

	name_init(&n);
	rc = topic_id(cat, from, &id, err);
	if (!rc)
		rc = name_parse(&n, &topics, to, err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (!rc)
		rc = store_topic(cat, st, &n, &id, "rename a topic", err);
	if (!rc)
		rc = catalog_search_refresh_query(cat, TOPIC_EPISODES, id, err);
	sqlite3_finalize(st);
	name_release(&n);
	return rc;
}

int catalog_topic_rename(struct catalog *cat, const char *from,
			 const char *to, struct siar_err *err)
{
	bool outer;
	int rc;

	assert(from && to && err);
	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = rename_topic(cat, from, to, err);
	return catalog_txn_end(cat, outer, rc, err);
}

/*
 * ?1 = 'from', ?2 = 'into'. An episode that has both topics keeps the
 * place 'into' had in its list; one that had only 'from' gets 'into' in
 * the place of 'from'.
 */
static const char *const topic_merge_sql[] = {
	"INSERT OR IGNORE INTO episode_topics (episode_id, topic_id,"
	" position) SELECT episode_id, ?2, position FROM"
	" episode_topics WHERE topic_id = ?1",
	"DELETE FROM episode_topics WHERE topic_id = ?1",
	"DELETE FROM topics WHERE id = ?1",
};

static const struct catalog_merge_kind topics_merge = {
	.one = "topic",
	.what = "merge topics",
	.find = topic_id,
	.sql = topic_merge_sql,
	.n_sql = sizeof(topic_merge_sql) / sizeof(topic_merge_sql[0]),
	.episodes_sql = TOPIC_EPISODES,
};

int catalog_topic_merge(struct catalog *cat, const char *from,
			const char *into, struct siar_err *err)
{
	assert(from && into && err);
	return catalog_merge(cat, &topics_merge, from, into, err);
}
