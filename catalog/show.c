/*
 * Shows: the Apple and Podcasting 2.0 vocabularies a show's fields are
 * checked against, checking a show, storing, changing and removing it,
 * reading shows back and the time of the last change a feed reader can
 * see.
 *
 * Episodes are in episode.c; a show's hosts in people.c; the schema is in
 * schema.c.
 */
#include "catalog.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

#define SHOW_COLUMNS                                                          \
	"id, slug, title, description, author, language, category, image,"   \
	" owner_name, owner_email, link, base_url, timezone, explicit,"      \
	" created_unix, updated_unix, subcategory, medium, show_type,"       \
	" copyright, feed_guid, cadence, review_required, office_name,"      \
	" office_level, office_region, image_path, apple_url, spotify_url,"   \
	" pocketcasts_url"

#define SHOW_SLUG_MAX 64

void catalog_show_init(struct catalog_show *show)
{
	memset(show, 0, sizeof(*show));
	/* Election material goes out only after a second pair of eyes. */
	show->review_required = true;
}

void catalog_show_release(struct catalog_show *show)
{
	free(show->slug);
	free(show->title);
	free(show->description);
	free(show->author);
	free(show->language);
	free(show->category);
	free(show->image);
	free(show->owner_name);
	free(show->owner_email);
	free(show->link);
	free(show->base_url);
	free(show->timezone);
	free(show->subcategory);
	free(show->medium);
	free(show->show_type);
	free(show->copyright);
	free(show->feed_guid);
	free(show->cadence);
	free(show->office_name);
	free(show->office_level);
	free(show->office_region);
	free(show->image_path);
	free(show->apple_url);
	free(show->spotify_url);
	free(show->pocketcasts_url);
	catalog_show_init(show);
}

/* ---- Vocabularies ------------------------------------------------------- */

/*
 * Apple's categories and their subcategories, feed-spec.md section 9, in
 * Apple's spelling and case. Each list of subcategories ends with NULL.
 */
struct apple_category {
	const char *name;
	const char *const *subs;
};

static const char *const sub_arts[] = {
	"Books",
	"Design",
	"Fashion & Beauty",
	"Food",
	"Performing Arts",
	"Visual Arts",
	NULL,
};

static const char *const sub_business[] = {
	"Careers",
	"Entrepreneurship",
	"Investing",
	"Management",
	"Marketing",
	"Non-Profit",
	NULL,
};

static const char *const sub_comedy[] = {
	"Comedy Interviews",
	"Improv",
	"Stand-Up",
	NULL,
};

static const char *const sub_education[] = {
	"Courses",
	"How To",
	"Language Learning",
	"Self-Improvement",
	NULL,
};

static const char *const sub_fiction[] = {
	"Comedy Fiction",
	"Drama",
	"Science Fiction",
	NULL,
};

static const char *const sub_health_fitness[] = {
	"Alternative Health",
	"Fitness",
	"Medicine",
	"Mental Health",
	"Nutrition",
	"Sexuality",
	NULL,
};

static const char *const sub_kids_family[] = {
	"Education for Kids",
	"Parenting",
	"Pets & Animals",
	"Stories for Kids",
	NULL,
};

static const char *const sub_leisure[] = {
	"Animation & Manga",
	"Automotive",
	"Aviation",
	"Crafts",
	"Games",
	"Hobbies",
	"Home & Garden",
	"Video Games",
	NULL,
};

static const char *const sub_music[] = {
	"Music Commentary",
	"Music History",
	"Music Interviews",
	NULL,
};

static const char *const sub_news[] = {
	"Business News",
	"Daily News",
	"Entertainment News",
	"News Commentary",
	"Politics",
	"Sports News",
	"Tech News",
	NULL,
};

static const char *const sub_religion_spirituality[] = {
	"Buddhism",
	"Christianity",
	"Hinduism",
	"Islam",
	"Judaism",
	"Religion",
	"Spirituality",
	NULL,
};

static const char *const sub_science[] = {
	"Astronomy",
	"Chemistry",
	"Earth Sciences",
	"Life Sciences",
	"Mathematics",
	"Natural Sciences",
	"Nature",
	"Physics",
	"Social Sciences",
	NULL,
};

static const char *const sub_society_culture[] = {
	"Documentary",
	"Personal Journals",
	"Philosophy",
	"Places & Travel",
	"Relationships",
	NULL,
};

static const char *const sub_sports[] = {
	"Baseball",
	"Basketball",
	"Cricket",
	"Fantasy Sports",
	"Football",
	"Golf",
	"Hockey",
	"Rugby",
	"Running",
	"Soccer",
	"Swimming",
	"Tennis",
	"Volleyball",
	"Wilderness",
	"Wrestling",
	NULL,
};

static const char *const sub_tv_film[] = {
	"After Shows",
	"Film History",
	"Film Interviews",
	"Film Reviews",
	"TV Reviews",
	NULL,
};

static const char *const sub_none[] = {NULL};

static const struct apple_category categories[] = {
	{"Arts", sub_arts},
	{"Business", sub_business},
	{"Comedy", sub_comedy},
	{"Education", sub_education},
	{"Fiction", sub_fiction},
	{"Government", sub_none},
	{"History", sub_none},
	{"Health & Fitness", sub_health_fitness},
	{"Kids & Family", sub_kids_family},
	{"Leisure", sub_leisure},
	{"Music", sub_music},
	{"News", sub_news},
	{"Religion & Spirituality", sub_religion_spirituality},
	{"Science", sub_science},
	{"Society & Culture", sub_society_culture},
	{"Sports", sub_sports},
	{"Technology", sub_none},
	{"True Crime", sub_none},
	{"TV & Film", sub_tv_film},
};

static const struct apple_category *category_find(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < sizeof(categories) / sizeof(categories[0]); i++)
		if (!strcmp(name, categories[i].name))
			return &categories[i];
	return NULL;
}

bool catalog_category_valid(const char *name)
{
	return category_find(name) != NULL;
}

bool catalog_subcategory_valid(const char *category, const char *sub)
{
	const struct apple_category *c = category_find(category);
	size_t i;

	if (!c || !sub)
		return false;
	for (i = 0; c->subs[i]; i++)
		if (!strcmp(sub, c->subs[i]))
			return true;
	return false;
}

/* True if 's' is one of the NULL-terminated 'list'. */
static bool in_list(const char *s, const char *const *list)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(s, list[i]))
			return true;
	return false;
}

/*
 * podcast:medium, Podcasting 2.0: each medium, its "L" form for a feed
 * that lists others of that medium, and "mixed" for a list of several.
 */
static const char *const mediums[] = {
	"podcast",    "music",	    "video",	 "film",       "audiobook",
	"newsletter", "blog",	    "publisher", "course",     "podcastL",
	"musicL",     "videoL",	    "filmL",	 "audiobookL", "newsletterL",
	"blogL",      "publisherL", "courseL",	 "mixed",      NULL,
};

bool catalog_medium_valid(const char *medium)
{
	return medium && in_list(medium, mediums);
}

static const char *const show_types[] = {"episodic", "serial", NULL};
static const char *const cadences[] = {"daily", "weekly", "biweekly",
				       "monthly", NULL};
static const char *const office_levels[] = {"national", "province",
					    "district", NULL};

/* ---- Checking fields ---------------------------------------------------- */

static bool is_lower_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static bool slug_chars_valid(const char *s)
{
	size_t i;

	if (!is_lower_alnum(s[0]))
		return false;
	for (i = 1; s[i]; i++)
		if (!is_lower_alnum(s[i]) && s[i] != '-')
			return false;
	return true;
}

/* "id", "ace", "en-US", "es-419": ISO 639 and an optional region. */
static bool language_valid(const char *s)
{
	size_t n = 0, region = 0;

	while (is_alpha(s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	if (s[n] == '\0')
		return true;
	if (s[n] != '-')
		return false;
	s += n + 1;
	while (is_alnum(s[region]))
		region++;
	return region >= 2 && region <= 8 && s[region] == '\0';
}

static bool email_valid(const char *s)
{
	const char *at = strchr(s, '@');
	size_t i;

	if (!at || at == s || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (i = 0; s[i]; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

bool catalog_language_valid(const char *tag)
{
	return tag && language_valid(tag);
}

bool catalog_email_valid(const char *s)
{
	return s && email_valid(s);
}

static int check_slug(const char *slug, struct siar_err *err)
{
	if (catalog_blank(slug))
		return siar_err_set(err, SIAR_EINVAL, "show has no slug");
	if (!slug_chars_valid(slug))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad show slug '%s': use lowercase letters,"
				    " digits and '-'",
				    slug);
	if (strlen(slug) > SHOW_SLUG_MAX)
		return siar_err_set(err, SIAR_EINVAL,
				    "bad show slug '%s': longer than %d bytes",
				    slug, SHOW_SLUG_MAX);
	return SIAR_OK;
}

/* The fields every show has. */
static int check_required(const struct catalog_show *show,
			  struct siar_err *err)
{
	int rc;

	rc = check_slug(show->slug, err);
	if (rc)
		return rc;
	if (catalog_blank(show->title))
		return siar_err_set(err, SIAR_EINVAL, "show '%s' has no title",
				    show->slug);
	if (catalog_blank(show->author))
		return siar_err_set(err, SIAR_EINVAL, "show '%s' has no author",
				    show->slug);
	if (!show->base_url)
		return siar_err_set(err, SIAR_EINVAL,
				    "show '%s' has no base URL", show->slug);
	if (!catalog_url_valid(show->base_url))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad base URL '%s' for show '%s': use an"
				    " http:// or https:// URL with a host",
				    show->base_url, show->slug);
	return SIAR_OK;
}

/* The fields that are optional or have defaults. */
static int check_optional(const struct catalog_show *show,
			  struct siar_err *err)
{
	const char *slug = show->slug;

	if (show->language && !language_valid(show->language))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad language '%s' for show '%s': use a"
				    " code like 'id' or 'en-US'",
				    show->language, slug);
	if (show->timezone && !siar_tz_valid(show->timezone))
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown time zone '%s' for show '%s'",
				    show->timezone, slug);
	if (show->category && !catalog_category_valid(show->category))
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown category '%s' for show '%s': use"
				    " an Apple Podcasts category such as"
				    " 'Government'",
				    show->category, slug);
	if (show->owner_email && !email_valid(show->owner_email))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad owner email '%s' for show '%s'",
				    show->owner_email, slug);
	if (show->image && !catalog_url_valid(show->image))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad image URL '%s' for show '%s': use an"
				    " http:// or https:// URL",
				    show->image, slug);
	if (show->image_path && show->image_path[0] != '/')
		return siar_err_set(err, SIAR_EINVAL,
				    "bad artwork file '%s' for show '%s': give"
				    " an absolute path",
				    show->image_path, slug);
	if ((show->apple_url && !catalog_url_valid(show->apple_url)) ||
	    (show->spotify_url && !catalog_url_valid(show->spotify_url)) ||
	    (show->pocketcasts_url &&
	     !catalog_url_valid(show->pocketcasts_url)))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad directory link for show '%s': use an"
				    " http:// or https:// URL",
				    slug);
	if (show->link && !catalog_url_valid(show->link))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad link '%s' for show '%s': use an"
				    " http:// or https:// URL",
				    show->link, slug);
	return SIAR_OK;
}

/* 8-4-4-4-12 lowercase hex digits, as podcast:guid is written. */
static bool uuid_valid(const char *s)
{
	size_t i;

	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!((s[i] >= '0' && s[i] <= '9') ||
			     (s[i] >= 'a' && s[i] <= 'f'))) {
			return false;
		}
	}
	return s[36] == '\0';
}

static int check_words(const struct catalog_show *show, struct siar_err *err)
{
	const char *slug = show->slug;

	if (show->medium && !catalog_medium_valid(show->medium))
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown medium '%s' for show '%s': use"
				    " podcast, music, video, film, audiobook,"
				    " newsletter, blog, publisher, course,"
				    " their L lists or mixed",
				    show->medium, slug);
	if (show->show_type && !in_list(show->show_type, show_types))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad show type '%s' for show '%s': use"
				    " episodic or serial",
				    show->show_type, slug);
	if (show->cadence && !in_list(show->cadence, cadences))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad cadence '%s' for show '%s': use daily,"
				    " weekly, biweekly or monthly",
				    show->cadence, slug);
	if (show->office_level && !in_list(show->office_level, office_levels))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad office level '%s' for show '%s': use"
				    " national, province or district",
				    show->office_level, slug);
	return SIAR_OK;
}

/* What schema version 3 added: subcategory, medium, feed GUID ... */
static int check_production(const struct catalog_show *show,
			    struct siar_err *err)
{
	const char *slug = show->slug;

	if (show->subcategory && !show->category)
		return siar_err_set(err, SIAR_EINVAL,
				    "subcategory '%s' for show '%s' needs a"
				    " category",
				    show->subcategory, slug);
	if (show->subcategory &&
	    !catalog_subcategory_valid(show->category, show->subcategory))
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown subcategory '%s' of '%s' for show"
				    " '%s'",
				    show->subcategory, show->category, slug);
	if (show->feed_guid && !uuid_valid(show->feed_guid))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad feed GUID '%s' for show '%s': use a"
				    " UUID in lowercase hex",
				    show->feed_guid, slug);
	return check_words(show, err);
}

int catalog_show_check(const struct catalog_show *show, struct siar_err *err)
{
	int rc;

	assert(show);
	rc = check_required(show, err);
	if (!rc)
		rc = check_optional(show, err);
	if (!rc)
		rc = check_production(show, err);
	return rc;
}

/* ---- Adding ------------------------------------------------------------- */

/*
 * Bind the show's fields as ?1 ... ?29 in the order of the INSERT below;
 * ?14 and ?15 are the creation and change times.
 */
static void bind_show(struct catalog_bind *b, const struct catalog_show *show,
		      int64_t now)
{
	size_t base_len = strlen(show->base_url);

	/* feed/ joins file names on with a slash of its own. */
	while (base_len > 0 && show->base_url[base_len - 1] == '/')
		base_len--;
	catalog_bind_text(b, show->slug, false);
	catalog_bind_text(b, show->title, true);
	catalog_bind_text(b, show->description, true);
	catalog_bind_text(b, show->author, true);
	catalog_bind_text(b, show->language ? show->language : "id", false);
	catalog_bind_text(b, show->category, false);
	catalog_bind_text(b, show->image, false);
	catalog_bind_text(b, show->owner_name, true);
	catalog_bind_text(b, show->owner_email, true);
	catalog_bind_text(b, show->link, false);
	catalog_bind_textn(b, show->base_url, base_len);
	catalog_bind_text(b, show->timezone ? show->timezone : "Asia/Jakarta",
			  true);
	catalog_bind_int(b, show->explicit);
	catalog_bind_int(b, now);
	catalog_bind_int(b, now);
	catalog_bind_text(b, show->subcategory, false);
	catalog_bind_text(b, show->medium ? show->medium : "podcast", false);
	catalog_bind_text(b, show->show_type ? show->show_type : "episodic",
			  false);
	catalog_bind_text(b, show->copyright, true);
	catalog_bind_text(b, show->feed_guid, false);
	catalog_bind_text(b, show->cadence ? show->cadence : "weekly", false);
	catalog_bind_int(b, show->review_required);
	catalog_bind_text(b, show->office_name, true);
	catalog_bind_text(b, show->office_level, false);
	catalog_bind_text(b, show->office_region, true);
	catalog_bind_text(b, show->image_path, false);
	catalog_bind_text(b, show->apple_url, false);
	catalog_bind_text(b, show->spotify_url, false);
	catalog_bind_text(b, show->pocketcasts_url, false);
}

/*
 * One INSERT is atomic by itself, also inside a caller's transaction
 * (SQLite undoes a failed statement), so no savepoint is needed here.
 */
int catalog_show_add(struct catalog *cat, const struct catalog_show *show,
		     int64_t *id_out, struct siar_err *err)
{
	static const char sql[] =
		"INSERT INTO shows (slug, title, description, author, language,"
		" category, image, owner_name, owner_email, link, base_url,"
		" timezone, explicit, created_unix, updated_unix, subcategory,"
		" medium, show_type, copyright, feed_guid, cadence,"
		" review_required, office_name, office_level, office_region,"
		" image_path, apple_url, spotify_url, pocketcasts_url)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24,"
		" ?25, ?26, ?27, ?28, ?29)";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(err);
	rc = catalog_show_check(show, err);
	if (!rc)
		rc = catalog_stmt(cat, CATALOG_STMT_SHOW_INSERT, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	bind_show(&b, show, catalog_now(cat));
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		rc = siar_err_set(err, SIAR_EEXIST, "show '%s' already exists",
				  show->slug);
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "add a show", src, err);
	else if (id_out)
		*id_out = sqlite3_last_insert_rowid(cat->db);
	catalog_stmt_done(st);
	return rc;
}

/*
 * One UPDATE, atomic by itself like the INSERT above. It binds what
 * bind_show() binds, leaving ?14 (the creation time) unused, and the slug
 * to change as ?30. A feed GUID once set is a podcast's identity for
 * every app that follows it, so only a missing one is filled in.
 */
int catalog_show_update(struct catalog *cat, const char *slug,
			const struct catalog_show *show, struct siar_err *err)
{
	static const char sql[] =
		"UPDATE shows SET slug = ?1, title = ?2, description = ?3,"
		" author = ?4, language = ?5, category = ?6, image = ?7,"
		" owner_name = ?8, owner_email = ?9, link = ?10,"
		" base_url = ?11, timezone = ?12, explicit = ?13,"
		" updated_unix = ?15, subcategory = ?16, medium = ?17,"
		" show_type = ?18, copyright = ?19,"
		" feed_guid = coalesce(feed_guid, ?20), cadence = ?21,"
		" review_required = ?22, office_name = ?23,"
		" office_level = ?24, office_region = ?25, image_path = ?26,"
		" apple_url = ?27, spotify_url = ?28, pocketcasts_url = ?29"
		" WHERE slug = ?30";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug && err);
	rc = catalog_show_check(show, err);
	if (!rc)
		rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	bind_show(&b, show, catalog_now(cat));
	catalog_bind_text(&b, slug, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_UNIQUE)
		rc = siar_err_set(err, SIAR_EEXIST, "show '%s' already exists",
				  show->slug);
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "change a show", src, err);
	else if (sqlite3_changes(cat->db) == 0)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	sqlite3_finalize(st);
	return rc;
}

int catalog_show_set_feed_guid(struct catalog *cat, const char *slug,
			       const char *guid, struct siar_err *err)
{
	static const char sql[] =
		"UPDATE shows SET feed_guid = ?1, updated_unix = ?2"
		" WHERE slug = ?3";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug && err);
	if (!guid || !uuid_valid(guid))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad feed GUID '%s' for show '%s': use a"
				    " UUID in lowercase hex",
				    guid ? guid : "", slug);
	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, guid, false);
	catalog_bind_int(&b, catalog_now(cat));
	catalog_bind_text(&b, slug, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "change a show", src, err);
	else if (sqlite3_changes(cat->db) == 0)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	sqlite3_finalize(st);
	return rc;
}

/* ---- Removing ----------------------------------------------------------- */

static int count_episodes(struct catalog *cat, int64_t show_id,
			  int64_t *n, struct siar_err *err)
{
	static const char sql[] =
		"SELECT count(*) FROM episodes WHERE show_id = ?1";
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(st, 1, show_id);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		rc = catalog_db_error(cat, "count episodes", src, err);
	sqlite3_finalize(st);
	return rc;
}

/*
 * Episodes do not cascade from their show, so that removing a show with
 * episodes is a decision, made here. Their chapters, files and credits
 * cascade from them; the search index is a virtual table without foreign
 * keys, and the log is kept on purpose (schema.c).
 */
static int remove_show(struct catalog *cat, const char *slug, bool force,
		       struct siar_err *err)
{
	int64_t id = 0, n = 0;
	int rc;

	rc = catalog_show_id(cat, slug, &id, err);
	if (!rc)
		rc = count_episodes(cat, id, &n, err);
	if (rc)
		return rc;
	if (n > 0 && !force)
		return siar_err_set(err, SIAR_EINVAL,
				    "show '%s' has %lld episode%s: use --force",
				    slug, (long long)n, n == 1 ? "" : "s");
	rc = catalog_exec_ids(cat,
			      "DELETE FROM episode_search WHERE rowid IN"
			      " (SELECT id FROM episodes WHERE show_id = ?1)",
			      id, 0, "remove a show", err);
	if (!rc)
		rc = catalog_exec_ids(cat,
				      "DELETE FROM episodes WHERE show_id = ?1",
				      id, 0, "remove a show", err);
	if (!rc)
		rc = catalog_exec_ids(cat, "DELETE FROM shows WHERE id = ?1",
				      id, 0, "remove a show", err);
	return rc;
}

int catalog_show_remove(struct catalog *cat, const char *slug, bool force,
			struct siar_err *err)
{
	bool outer;
	int rc;

	assert(slug && err);
	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = remove_show(cat, slug, force, err);
	return catalog_txn_end(cat, outer, rc, err);
}

/* ---- Reading ------------------------------------------------------------ */

/* Fill 'out' from a row of SHOW_COLUMNS; returns an SQLite result. */
static int show_from_row(sqlite3_stmt *st, struct catalog_show *out)
{
	struct catalog_row r;

	catalog_row_init(&r, st);
	out->id = catalog_row_int(&r);
	out->slug = catalog_row_text(&r, true);
	out->title = catalog_row_text(&r, true);
	out->description = catalog_row_text(&r, true);
	out->author = catalog_row_text(&r, true);
	out->language = catalog_row_text(&r, true);
	out->category = catalog_row_text(&r, true);
	out->image = catalog_row_text(&r, true);
	out->owner_name = catalog_row_text(&r, true);
	out->owner_email = catalog_row_text(&r, true);
	out->link = catalog_row_text(&r, true);
	out->base_url = catalog_row_text(&r, true);
	out->timezone = catalog_row_text(&r, true);
	out->explicit = catalog_row_int(&r) != 0;
	out->created_unix = catalog_row_int(&r);
	out->updated_unix = catalog_row_int(&r);
	out->subcategory = catalog_row_text(&r, true);
	out->medium = catalog_row_text(&r, true);
	out->show_type = catalog_row_text(&r, true);
	out->copyright = catalog_row_text(&r, true);
	out->feed_guid = catalog_row_text(&r, true);
	out->cadence = catalog_row_text(&r, true);
	out->review_required = catalog_row_int(&r) != 0;
	out->office_name = catalog_row_text(&r, true);
	out->office_level = catalog_row_text(&r, true);
	out->office_region = catalog_row_text(&r, true);
	out->image_path = catalog_row_text(&r, true);
	out->apple_url = catalog_row_text(&r, true);
	out->spotify_url = catalog_row_text(&r, true);
	out->pocketcasts_url = catalog_row_text(&r, true);
	if (r.src)
		catalog_show_release(out);
	return r.src;
}

int catalog_show_get(struct catalog *cat, const char *slug,
		     struct catalog_show *out, struct siar_err *err)
{
	static const char sql[] =
		"SELECT " SHOW_COLUMNS " FROM shows WHERE slug = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug && out);
	rc = catalog_stmt(cat, CATALOG_STMT_SHOW_GET, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, slug, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		src = show_from_row(st, out);
	if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	else if (src != SQLITE_OK)
		rc = catalog_db_error(cat, "read a show", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_show_each(struct catalog *cat, catalog_show_fn fn, void *ctx,
		      struct siar_err *err)
{
	static const char sql[] =
		"SELECT " SHOW_COLUMNS " FROM shows ORDER BY slug";
	sqlite3_stmt *st = NULL;
	struct catalog_show show;
	int src, rc;

	catalog_show_init(&show);
	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	for (;;) {
		src = sqlite3_step(st);
		if (src == SQLITE_ROW)
			src = show_from_row(st, &show);
		if (src != SQLITE_OK)
			break;
		rc = fn(&show, ctx, err);
		catalog_show_release(&show);
		if (rc)
			goto out;
	}
	if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "read shows", src, err);
out:
	sqlite3_finalize(st);
	return rc;
}

int catalog_show_id(struct catalog *cat, const char *slug, int64_t *id,
		    struct siar_err *err)
{
	static const char sql[] = "SELECT id FROM shows WHERE slug = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug);
	rc = catalog_stmt(cat, CATALOG_STMT_SHOW_ID, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, slug, false);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	else
		rc = catalog_db_error(cat, "find a show", src, err);
	catalog_stmt_done(st);
	return rc;
}

int catalog_show_last_change(struct catalog *cat, const char *slug,
			     int64_t *unix_out, struct siar_err *err)
{
	/*
	 * A scheduled episode changes the feed when its time comes, not
	 * when it was last edited; hence published_unix as well: the
	 * newest of the show's change, its live episodes' newest date and
	 * their newest change. Each of the last two is the first entry of
	 * an index read from its end (schema version 11), past only the
	 * scheduled episodes changed since: not a read of every episode.
	 */
	static const char sql[] =
		"SELECT max(s.updated_unix,"
		" coalesce((SELECT e.published_unix FROM episodes e"
		" INDEXED BY episodes_feed"
		" WHERE e.show_id = s.id AND e.status = 'published'"
		" AND e.published_unix <= ?2"
		" ORDER BY e.published_unix DESC LIMIT 1), 0),"
		" coalesce((SELECT e.updated_unix FROM episodes e"
		" INDEXED BY episodes_updated"
		" WHERE e.show_id = s.id AND e.status = 'published'"
		" AND e.published_unix <= ?2"
		" ORDER BY e.updated_unix DESC LIMIT 1), 0))"
		" FROM shows s WHERE s.slug = ?1";
	sqlite3_stmt *st = NULL;
	struct catalog_bind b;
	int src, rc;

	assert(slug && unix_out);
	rc = catalog_stmt(cat, CATALOG_STMT_SHOW_LAST_CHANGE, sql, &st, err);
	if (rc)
		return rc;
	catalog_bind_init(&b, st);
	catalog_bind_text(&b, slug, false);
	catalog_bind_int(&b, catalog_now(cat));
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_ROW)
		*unix_out = sqlite3_column_int64(st, 0);
	else if (src == SQLITE_DONE)
		rc = siar_err_set(err, SIAR_ENOTFOUND, "no show '%s'", slug);
	else
		rc = catalog_db_error(cat, "read a show", src, err);
	catalog_stmt_done(st);
	return rc;
}
