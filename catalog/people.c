/*
 * People: adding, reading, changing and merging them, crediting them on a
 * show (hosts) and on an episode in a role other than guest, and the
 * Podcasting 2.0 taxonomy of roles a credit is checked against.
 *
 * Crediting guests on an episode is names.c's job, which also finds or
 * creates a person by name for the credits here and runs a merge
 * (catalog_merge) with the statements given here. After a change that the
 * search index shows (a name, an organisation), the index of every
 * episode the person is credited on is refreshed in the same transaction.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

#define PERSON_COLUMNS                                                        \
	"p.id, p.name, p.organisation, p.position, p.url, p.photo,"          \
	" (SELECT count(DISTINCT episode_id) FROM episode_people"            \
	" WHERE person_id = p.id)"

#define PERSON_EPISODES                                                       \
	"SELECT DISTINCT episode_id FROM episode_people WHERE person_id = ?1"

/* Long enough for every group and role of the taxonomy, lowercased. */
#define ROLE_MAX 64

void catalog_person_init(struct catalog_person *p)
{
	memset(p, 0, sizeof(*p));
}

void catalog_person_release(struct catalog_person *p)
{
	free(p->name);
	free(p->organisation);
	free(p->position);
	free(p->url);
	free(p->photo);
	catalog_person_init(p);
}

/* ---- The taxonomy ------------------------------------------------------ */

/*
 * podcast:person groups and roles, feed-spec.md section 10 (the
 * Podcastindex taxonomy.json). Each list of roles ends with NULL.
 */
struct person_group {
	const char *name;
	const char *const *roles;
};

static const char *const creative_direction[] = {
	"Director",	      "Assistant Director",  "Executive Producer",
	"Senior Producer",    "Producer",	     "Associate Producer",
	"Development Producer", "Creative Director", NULL,
};

static const char *const cast[] = {
	"Host",	    "Co-Host",	"Guest Host", "Guest", "Voice Actor",
	"Narrator", "Announcer", "Reporter",  NULL,
};

static const char *const writing[] = {
	"Author",	   "Editorial Director", "Co-Writer",
	"Writer",	   "Songwriter",	 "Guest Writer",
	"Story Editor",	   "Managing Editor",	 "Script Editor",
	"Script Coordinator", "Researcher",	 "Editor",
	"Fact Checker",	   "Translator",	 "Transcriber",
	"Logger",	   NULL,
};

static const char *const audio_production[] = {
	"Studio Coordinator",	     "Technical Director",
	"Technical Manager",	     "Audio Engineer",
	"Remote Recording Engineer", "Post Production Engineer",
	NULL,
};

static const char *const audio_post_production[] = {
	"Audio Editor",	 "Sound Designer", "Foley Artist",
	"Composer",	 "Theme Music",	   "Music Production",
	"Music Contributor", NULL,
};

static const char *const administration[] = {
	"Production Coordinator", "Booking Coordinator",
	"Production Assistant",	  "Content Manager",
	"Marketing Manager",	  "Sales Representative",
	"Sales Manager",	  NULL,
};

static const char *const visuals[] = {
	"Graphic Designer",
	"Cover Art Designer",
	NULL,
};

static const char *const community[] = {"Social Media Manager", NULL};

static const char *const misc[] = {"Consultant", "Intern", NULL};

static const char *const video_production[] = {
	"Camera Operator", "Lighting Designer", "Camera Grip",
	"Assistant Camera", NULL,
};

static const char *const video_post_production[] = {
	"Editor",
	"Assistant Editor",
	NULL,
};

static const struct person_group groups[] = {
	{"Creative Direction", creative_direction},
	{"Cast", cast},
	{"Writing", writing},
	{"Audio Production", audio_production},
	{"Audio Post-Production", audio_post_production},
	{"Administration", administration},
	{"Visuals", visuals},
	{"Community", community},
	{"Misc.", misc},
	{"Video Production", video_production},
	{"Video Post-Production", video_post_production},
};

/* strcasecmp() for ASCII only, whatever the locale. */
static bool ascii_case_equal(const char *a, const char *b)
{
	unsigned char x, y;

	for (;; a++, b++) {
		x = (unsigned char)*a;
		y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y - 'A' + 'a');
		if (x != y)
			return false;
		if (!x)
			return true;
	}
}

/*
 * The taxonomy's spelling of the pair ('group', 'role'), matched ignoring
 * ASCII case; false if it is not a pair of the taxonomy.
 */
static bool role_find(const char *group, const char *role,
		      const char **group_out, const char **role_out)
{
	const struct person_group *g;
	size_t i, j;

	if (!group || !role)
		return false;
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		g = &groups[i];
		if (!ascii_case_equal(group, g->name))
			continue;
		for (j = 0; g->roles[j]; j++) {
			if (!ascii_case_equal(role, g->roles[j]))
				continue;
			*group_out = g->name;
			*role_out = g->roles[j];
			return true;
		}
	}
	return false;
}

bool catalog_person_role_valid(const char *group, const char *role)
{
	const char *g, *r;

	return role_find(group, role, &g, &r);
}

/* 's' lowercased into 'out', which holds ROLE_MAX bytes. */
static void lower_copy(char out[ROLE_MAX], const char *s)
{
	size_t i;

	for (i = 0; s[i] && i < ROLE_MAX - 1; i++)
		out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a')
						      : s[i];
	out[i] = '\0';
}

/* ---- Checking and binding ------------------------------------------------ */

int catalog_person_check(const struct catalog_person *p,
			 struct siar_err *err)
{
	assert(p);
	if (catalog_blank(p->name))
		return siar_err_set(err, SIAR_EINVAL, "person has no name");
	if (p->url && !catalog_url_valid(p->url))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad URL '%s' for person '%s': use an"
				    " http:// or https:// URL",
				    p->url, p->name);
	if (p->photo && !catalog_url_valid(p->photo))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad photo URL '%s' for person '%s': use an"
				    " http:// or https:// URL",
				    p->photo, p->name);
	return SIAR_OK;
}

/* NULL for an optional field with nothing in it. */
static const char *optional(const char *s)
{
	return catalog_blank(s) ? NULL : s;
}

/* ?1 name (cleaned by the caller), ?2 organisation ... ?5 photo. */
static void bind_person(struct catalog_bind *b, const struct siar_buf *name,
			const struct catalog_person *p)
{
	catalog_bind_textn(b, name->buf, name->len);
	catalog_bind_text(b, optional(p->organisation), true);
	catalog_bind_text(b, optional(p->position), true);
	catalog_bind_text(b, optional(p->url), false);
	catalog_bind_text(b, optional(p->photo), false);
}

/* Fill 'out' from a row of PERSON_COLUMNS; returns an SQLite result. */
static int person_from_row(sqlite3_stmt *st, struct catalog_person *out)
{
	struct catalog_row r;

	catalog_row_init(&r, st);
	out->id = catalog_row_int(&r);
	out->name = catalog_row_text(&r, true);
	out->organisation = catalog_row_text(&r, true);
	out->position = catalog_row_text(&r, true);
	out->url = catalog_row_text(&r, true);
	out->photo = catalog_row_text(&r, true);
	out->n_episodes = catalog_row_int(&r);
	if (r.src)
		catalog_person_release(out);
	return r.src;
}

/*
 * Check 'p' and run 'sql', which stores it binding ?1 ... ?5 as
 * bind_person() does and, when 'id' is not NULL, ?6 = '*id'. 'what'
 * completes "cannot ..." in an error.
 */
static int store_person(struct catalog *cat, const char *sql,
			const struct catalog_person *p, const int64_t *id,
			const char *what, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	struct siar_buf name;
	int src, rc;

	siar_buf_init(&name, 0);
	rc = catalog_person_check(p, err);
	if (!rc)
		rc = catalog_name_clean(&name, p->name, "person", err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		goto out;
	catalog_bind_init(&b, st);
	bind_person(&b, &name, p);
	if (id)
		catalog_bind_int(&b, *id);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		rc = siar_err_set(err, SIAR_EEXIST,
				  "person '%s' already exists", name.buf);
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, what, src, err);
out:
	sqlite3_finalize(st);
	siar_buf_release(&name);
	return rc;
}

/* ---- Adding and reading -------------------------------------------------- */

/* One INSERT, atomic by itself (see catalog_show_add). */
int catalog_person_add(struct catalog *cat, const struct catalog_person *p,
		       int64_t *id_out, struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO people (name, organisation, position, url, photo)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	int rc;

	assert(err);
	rc = store_person(cat, sql, p, NULL, "add a person", err);
	if (!rc && id_out)
		*id_out = sqlite3_last_insert_rowid(cat->db);
	return rc;
}

/*
 * Find the person named 's' (ASCII case ignored) and fill 'out' and '*id'
 * (each may be NULL). The name is looked up as it would have been stored,
 * trimmed and repaired, so a blank one finds nobody.
 */
static int person_lookup(struct catalog *cat, const char *s,
			 struct catalog_person *out, int64_t *id,
			 struct siar_err *err)
{
	static const char sql[] =
		"SELECT " PERSON_COLUMNS " FROM people p WHERE p.name = ?1";
	struct catalog_person found;
	struct siar_err name_err;
	sqlite3_stmt *st = NULL;
	struct siar_buf name;
	int src = SQLITE_DONE, rc;

	siar_err_clear(&name_err);
	siar_buf_init(&name, 0);
	catalog_person_init(&found);
	rc = catalog_name_clean(&name, s, "person", &name_err);
	if (rc == SIAR_ENOMEM)
		goto out;
	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		goto out;
	if (name.len > 0) {
		src = sqlite3_bind_text64(st, 1, name.buf, name.len,
					  SQLITE_STATIC, SQLITE_UTF8);
		if (src == SQLITE_OK)
			src = sqlite3_step(st);
	}
	if (src == SQLITE_ROW)
		src = person_from_row(st, &found);
	if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no person '%s'",
				  s ? s : "");
	else if (src != SQLITE_OK)
		rc = catalog_db_error(cat, "read a person", src, err);
out:
	if (rc == SIAR_ENOMEM)
		siar_err_set(err, rc, "out of memory");
	if (!rc && id)
		*id = found.id;
	if (!rc && out)
		*out = found;
	else
		catalog_person_release(&found);
	sqlite3_finalize(st);
	siar_buf_release(&name);
	return rc;
}

int catalog_person_get(struct catalog *cat, const char *name,
		       struct catalog_person *out, struct siar_err *err)
{
	assert(out && err);
	return person_lookup(cat, name, out, NULL, err);
}

/* The callback of catalog_person_each() and its context. */
struct person_each {
	catalog_person_fn fn;
	void *ctx;
};

/* A catalog_row_fn for catalog_person_each(); 'arg' is a person_each. */
static int person_call(sqlite3_stmt *st, void *arg, int *rc,
		       struct siar_err *err)
{
	const struct person_each *each = arg;
	struct catalog_person p;
	int src;

	catalog_person_init(&p);
	src = person_from_row(st, &p);
	if (src != SQLITE_OK)
		return src;
	*rc = each->fn(&p, each->ctx, err);
	catalog_person_release(&p);
	return *rc ? SQLITE_ABORT : SQLITE_OK;
}

int catalog_person_each(struct catalog *cat, catalog_person_fn fn,
			void *ctx, struct siar_err *err)
{
	/* The name column is COLLATE NOCASE, so this ignores case too. */
	static const char sql[] =
		"SELECT " PERSON_COLUMNS " FROM people p ORDER BY p.name, p.id";
	struct person_each each = {fn, ctx};

	assert(fn && err);
	return catalog_rows_each(cat, sql, person_call, &each, "read people",
				 err);
}

int catalog_person_each_linked(struct catalog *cat, catalog_person_fn fn,
			       void *ctx, struct siar_err *err)
{
	/* PERSON_COLUMNS without the count, which reads every credit. */
	static const char sql[] =
		"SELECT p.id, p.name, p.organisation, p.position, p.url,"
		" p.photo, 0 FROM people p WHERE p.url IS NOT NULL OR"
		" p.photo IS NOT NULL ORDER BY p.name, p.id";
	struct person_each each = {fn, ctx};

	assert(fn && err);
	return catalog_rows_each(cat, sql, person_call, &each, "read people",
				 err);
}

/* ---- Changing and merging ------------------------------------------------ */

static int update_person(struct catalog *cat, const char *old,
			 const struct catalog_person *p, struct siar_err *err)
{
	static const char sql[] =
		"UPDATE people SET name = ?1, organisation = ?2, position = ?3,"
		" url = ?4, photo = ?5 WHERE id = ?6";
	int64_t id = 0;
	int rc;

	rc = person_lookup(cat, old, NULL, &id, err);
	if (!rc)
		rc = store_person(cat, sql, p, &id, "change a person", err);
	if (!rc)
		rc = catalog_search_refresh_query(cat, PERSON_EPISODES, id,
						  err);
	return rc;
}

int catalog_person_update(struct catalog *cat, const char *name,
			  const struct catalog_person *p,
			  struct siar_err *err)
{
	bool outer;
	int rc;

	assert(name && err);
	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = update_person(cat, name, p, err);
	return catalog_txn_end(cat, outer, rc, err);
}

/*
 * ?1 = 'from', ?2 = 'into'. A credit 'into' already has (same episode or
 * show, same role) is dropped with the rest of 'from'; the others keep
 * their place in the list.
 */
static const char *const merge_sql[] = {
	"INSERT OR IGNORE INTO episode_people (episode_id, person_id, role,"
	" grp, position) SELECT episode_id, ?2, role, grp, position"
	" FROM episode_people WHERE person_id = ?1",
	"DELETE FROM episode_people WHERE person_id = ?1",
	"INSERT OR IGNORE INTO show_people (show_id, person_id, role, grp,"
	" position) SELECT show_id, ?2, role, grp, position"
	" FROM show_people WHERE person_id = ?1",
	"DELETE FROM show_people WHERE person_id = ?1",
	"UPDATE people SET"
	" organisation = coalesce(nullif(organisation, ''),"
	"  (SELECT nullif(organisation, '') FROM people WHERE id = ?1)),"
	" position = coalesce(nullif(position, ''),"
	"  (SELECT nullif(position, '') FROM people WHERE id = ?1)),"
	" url = coalesce(nullif(url, ''),"
	"  (SELECT nullif(url, '') FROM people WHERE id = ?1)),"
	" photo = coalesce(nullif(photo, ''),"
	"  (SELECT nullif(photo, '') FROM people WHERE id = ?1))"
	" WHERE id = ?2",
	"DELETE FROM people WHERE id = ?1",
};

static int person_id(struct catalog *cat, const char *s, int64_t *id,
		     struct siar_err *err)
{
	return person_lookup(cat, s, NULL, id, err);
}

static const struct catalog_merge_kind people_merge = {
	.one = "person",
	.what = "merge people",
	.find = person_id,
	.sql = merge_sql,
	.n_sql = sizeof(merge_sql) / sizeof(merge_sql[0]),
	.episodes_sql = PERSON_EPISODES,
};

int catalog_person_merge(struct catalog *cat, const char *from,
			 const char *into, struct siar_err *err)
{
	assert(from && into && err);
	return catalog_merge(cat, &people_merge, from, into, err);
}

/* ---- Crediting on a show ------------------------------------------------- */

/* A credit given twice is kept once, in its first place. */
static int credit_show(struct catalog *cat, const char *slug,
		       const char *name, const char *role, const char *group,
		       struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO show_people (show_id, person_id, role, grp,"
		" position) VALUES (?1, ?2, ?3, ?4, (SELECT"
		" coalesce(max(position) + 1, 0) FROM show_people"
		" WHERE show_id = ?1)) ON CONFLICT DO NOTHING";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int64_t show_id = 0, person_id = 0;
	int src, rc;

	rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc)
		rc = catalog_person_ensure(cat, name, &person_id, err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, show_id);
	catalog_bind_int(&b, person_id);
	catalog_bind_text(&b, role, false);
	catalog_bind_text(&b, group, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "credit a person", src, err);
	sqlite3_finalize(st);
	return rc;
}

int catalog_show_people_each(struct catalog *cat, const char *slug,
			     catalog_show_credit_fn fn, void *ctx,
			     struct siar_err *err)
{
	static const char sql[] =
		"SELECT p.name, sp.role, sp.grp, p.url, p.photo"
		" FROM show_people sp JOIN people p ON p.id = sp.person_id"
		" WHERE sp.show_id = ?1 ORDER BY sp.position";
	struct catalog_show_credit c;
	sqlite3_stmt *st = NULL;
	int64_t show_id = 0;
	int src, rc;

	assert(slug && fn && err);
	rc = catalog_show_id(cat, slug, &show_id, err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, show_id);
	while (!rc && src == SQLITE_OK) {
		src = sqlite3_step(st);
		if (src != SQLITE_ROW)
			break;
		c.name = (const char *)sqlite3_column_text(st, 0);
		c.role = (const char *)sqlite3_column_text(st, 1);
		c.group = (const char *)sqlite3_column_text(st, 2);
		c.url = (const char *)sqlite3_column_text(st, 3);
		c.photo = (const char *)sqlite3_column_text(st, 4);
		if (!c.name || !c.role || !c.group) {
			src = SQLITE_NOMEM;
			break;
		}
		rc = fn(&c, ctx, err);
		src = SQLITE_OK;
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(cat, "read a show's people", src, err);
	sqlite3_finalize(st);
	return rc;
}

int catalog_show_person_add(struct catalog *cat, const char *slug,
			    const char *name, const char *role,
			    const char *group, struct siar_err *err)
{
	char role_lc[ROLE_MAX], group_lc[ROLE_MAX];
	const char *g, *r;
	bool outer;
	int rc;

	assert(slug && err);
	/* podcast:person's own defaults, each on its own. */
	if (!role)
		role = "host";
	if (!group)
		group = "cast";
	if (!role_find(group, role, &g, &r))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad role '%s' in group '%s'", role, group);
	lower_copy(role_lc, r);
	lower_copy(group_lc, g);
	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = credit_show(cat, slug, name, role_lc, group_lc, err);
	return catalog_txn_end(cat, outer, rc, err);
}

/* ---- Crediting on an episode --------------------------------------------- */

/* podcast:person's own defaults, each on its own, as for a show. */
static const char *credit_role(const struct catalog_credit *c)
{
	return c->role ? c->role : "host";
}

static const char *credit_group(const struct catalog_credit *c)
{
	return c->group ? c->group : "cast";
}

int catalog_credits_check(const struct catalog_episode *ep,
			  struct siar_err *err)
{
	const struct catalog_credit *c;
	size_t i;

	assert(!ep->n_credits || ep->credits);
	for (i = 0; i < ep->n_credits; i++) {
		c = &ep->credits[i];
		if (!catalog_person_role_valid(credit_group(c), credit_role(c)))
			return siar_err_set(err, SIAR_EINVAL,
					    "bad role '%s' in group '%s'",
					    credit_role(c), credit_group(c));
		/* A guest credited here would read back as a guest. */
		if (ascii_case_equal(credit_role(c), "guest"))
			return siar_err_set(err, SIAR_EINVAL,
					    "bad role 'guest' for '%s': guests"
					    " are listed as guests",
					    c->name ? c->name : "");
	}
	return SIAR_OK;
}

/* A credit given twice is kept once, in its first place. */
static int credit_episode(struct catalog *cat, int64_t episode_id,
			  const struct catalog_credit *c, struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO episode_people (episode_id, person_id, role, grp,"
		" position) VALUES (?1, ?2, ?3, ?4, (SELECT"
		" coalesce(max(position) + 1, 0) FROM episode_people"
		" WHERE episode_id = ?1)) ON CONFLICT DO NOTHING";
	char role_lc[ROLE_MAX], group_lc[ROLE_MAX];
	const char *g = NULL, *r = NULL;
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int64_t person_id = 0;
	int src, rc;

	if (!role_find(credit_group(c), credit_role(c), &g, &r))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad role '%s' in group '%s'",
				    credit_role(c), credit_group(c));
	lower_copy(role_lc, r);
	lower_copy(group_lc, g);
	rc = catalog_person_ensure(cat, c->name, &person_id, err);
	if (!rc)
		rc = catalog_stmt(cat, CATALOG_STMT_CREDIT_LINK, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_int(&b, episode_id);
	catalog_bind_int(&b, person_id);
	catalog_bind_text(&b, role_lc, false);
	catalog_bind_text(&b, group_lc, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "credit a person", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_credits_link(struct catalog *cat, int64_t episode_id,
			 const struct catalog_episode *ep,
			 struct siar_err *err)
{
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; i < ep->n_credits && !rc; i++)
		rc = credit_episode(cat, episode_id, &ep->credits[i], err);
	return rc;
}
