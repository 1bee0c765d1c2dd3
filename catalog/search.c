/*
 * Search: keeping the FTS5 table episode_search in step with the
 * episodes, and answering queries from it.
 *
 * The table holds one row per episode (rowid = episode ID) with four
 * columns: title, description, people (names, organisations and positions
 * of everyone credited) and topics. Its tokenizer folds case and accents
 * (unicode61 remove_diacritics 2), so "mediasi" finds "Médiasi". Whoever
 * changes what a row is made of calls catalog_search_refresh() in the
 * same transaction; episodes themselves are read back through
 * catalog_episode_get().
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/* At most this many results when the caller sets no limit. */
#define SEARCH_LIMIT_DEFAULT 50

/*
 * Column weights for bm25(), in the table's column order: a word in the
 * title says more about an episode than the same word in its description.
 */
#define SEARCH_RANK "bm25(episode_search, 10.0, 1.0, 4.0, 4.0)"

/*
 * Ranking is bounded: only the newest SEARCH_CANDIDATES episodes that
 * match are ranked. bm25() must be computed for every row it orders, so
 * a word found in nearly every episode ("pemilu" in a KPU catalogue)
 * would cost about 0.7 us per episode: 70 ms at 100,000 episodes. With
 * the bound a search stays within a few milliseconds whatever the size
 * of the catalogue, and a query that matches more than this many
 * episodes is too broad for its oldest matches to matter; another word
 * narrows it.
 */
#define SEARCH_CANDIDATES "2000"

int catalog_search_refresh(struct catalog *cat, int64_t episode_id,
			   struct siar_err *err)
{
	static const char delete_sql[] =
		"DELETE FROM episode_search WHERE rowid = ?1";
	static const char insert_sql[] =
		"INSERT INTO episode_search (rowid, title, description, people,"
		" topics) SELECT e.id, e.title, coalesce(e.description, ''),"
		" coalesce((SELECT group_concat(p.name || ' '"
		"  || coalesce(p.organisation, '') || ' '"
		"  || coalesce(p.position, ''), ' ') FROM episode_people x"
		"  JOIN people p ON p.id = x.person_id"
		"  WHERE x.episode_id = e.id), ''),"
		" coalesce((SELECT group_concat(t.name, ' ') FROM episode_topics"
		"  x JOIN topics t ON t.id = x.topic_id"
		"  WHERE x.episode_id = e.id), '')"
		" FROM episodes e WHERE e.id = ?1";
	sqlite3_stmt *del = NULL, *ins = NULL;
	int src, rc;

	rc = catalog_stmt(cat, CATALOG_STMT_SEARCH_DELETE, delete_sql, &del,
			  err);
	if (!rc)
		rc = catalog_stmt(cat, CATALOG_STMT_SEARCH_INSERT, insert_sql,
				  &ins, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(del, 1, episode_id);
	if (src == SQLITE_OK)
		src = sqlite3_step(del);
	if (src == SQLITE_DONE)
		src = sqlite3_bind_int64(ins, 1, episode_id);
	if (src == SQLITE_OK)
		src = sqlite3_step(ins);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "update the search index", src, err);
	catalog_stmt_done(del);
	catalog_stmt_done(ins);
	return rc;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

/*
 * Append the word [s, s + len) as the FTS5 phrase "word", or the prefix
 * phrase "word"* when the user wrote word*, with double quotes doubled:
 * inside a phrase FTS5 takes every other character as text, so user input
 * cannot turn into query syntax.
 *
 * Whole words by default, because a prefix query costs FTS5 a merge of
 * every term that starts with it: at 100,000 episodes "pemilu"* takes
 * about twice as long as "pemilu".
 */
static void add_term(struct siar_buf *q, const char *s, size_t len)
{
	const char *quote;
	bool prefix = len > 1 && s[len - 1] == '*';

	if (prefix)
		len--;
	if (q->len)
		siar_buf_addc(q, ' ');
	siar_buf_addc(q, '"');
	while (len) {
		quote = memchr(s, '"', len);
		if (!quote) {
			siar_buf_add(q, s, len);
			break;
		}
		siar_buf_add(q, s, (size_t)(quote - s) + 1);
		siar_buf_addc(q, '"');
		len -= (size_t)(quote - s) + 1;
		s = quote + 1;
	}
	siar_buf_adds(q, prefix ? "\"*" : "\"");
}

/*
 * The FTS5 query for 'text': its words, split at white space, all
 * required; a word ending in '*' is a prefix. SIAR_EINVAL when there is no
 * word.
 */
static int build_query(struct siar_buf *q, const char *text,
		       struct siar_err *err)
{
	struct siar_buf clean;
	const char *s, *end, *word;
	int rc;

	siar_buf_init(&clean, 0);
	siar_utf8_repair(&clean, text, strlen(text), true);
	rc = siar_buf_check(&clean, err);
	s = clean.buf;
	end = clean.buf + clean.len;
	while (!rc && s < end) {
		while (s < end && is_space(*s))
			s++;
		word = s;
		while (s < end && !is_space(*s))
			s++;
		if (s > word)
			add_term(q, word, (size_t)(s - word));
	}
	if (!rc)
		rc = siar_buf_check(q, err);
	if (!rc && q->len == 0)
		rc = siar_err_set(err, SIAR_EINVAL, "nothing to search for");
	siar_buf_release(&clean);
	return rc;
}

/*
 * Run the query, appending the IDs found to 'out', best first. The IDs are
 * collected before any episode is read, so that 'fn' may change the
 * catalogue (and the index) as it pleases.
 */
static int find_ids(struct catalog *cat, const char *query, int64_t show_id,
		    size_t limit, struct catalog_ids *out, struct siar_err *err)
{
	static const char sql[] =
		"SELECT m.id FROM (SELECT rowid AS id, " SEARCH_RANK " AS score"
		" FROM episode_search WHERE episode_search MATCH ?1"
		" AND (?2 = 0 OR rowid IN"
		"  (SELECT id FROM episodes WHERE show_id = ?2))"
		" ORDER BY rowid DESC LIMIT " SEARCH_CANDIDATES ") AS m"
		" ORDER BY m.score, m.id LIMIT ?3";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, query, false);
	catalog_bind_int(&b, show_id);
	catalog_bind_int(&b, limit > INT64_MAX ? INT64_MAX : (int64_t)limit);
	src = catalog_ids_read(st, b.src, out);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "search", src, err);
	sqlite3_finalize(st);
	return rc;
}

int catalog_search(struct catalog *cat, const char *text,
		   const char *show_slug, size_t limit, catalog_episode_fn fn,
		   void *ctx, struct siar_err *err)
{
	struct catalog_ids found = {NULL, 0, 0};
	struct catalog_episode ep;
	struct siar_buf query;
	int64_t show_id = 0;
	size_t i;
	int rc;

	assert(fn && err);
	siar_buf_init(&query, 0);
	catalog_episode_init(&ep);
	rc = build_query(&query, text ? text : "", err);
	if (!rc && show_slug)
		rc = catalog_show_id(cat, show_slug, &show_id, err);
	if (!rc)
		rc = find_ids(cat, query.buf,
			      show_id, limit ? limit : SEARCH_LIMIT_DEFAULT,
			      &found, err);
	for (i = 0; i < found.n && !rc; i++) {
		rc = catalog_episode_get(cat, found.ids[i], &ep, err);
		/* 'fn' removed an episode found further down: skip it. */
		if (rc == SIAR_ENOTFOUND) {
			siar_err_clear(err);
			rc = SIAR_OK;
			continue;
		}
		if (!rc)
			rc = fn(&ep, ctx, err);
		catalog_episode_release(&ep);
	}
	free(found.ids);
	siar_buf_release(&query);
	return rc;
}
