/*
 * The catalogue's schema, as a list of forward migrations, and the code
 * that applies the missing ones when a catalogue is opened.
 *
 * The version lives in PRAGMA user_version; the file is marked as siar's
 * with PRAGMA application_id. Checking those on open is catalog.c's job.
 */
#include "catalog.h"

#include "catalog_int.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * Version 1. CHECK constraints repeat the cheapest of the rules catalog/
 * enforces in C, so that a row written by another tool cannot break the
 * feed in ways the C code assumes away.
 */
static const char schema_v1[] =
	"PRAGMA application_id = " STR(CATALOG_APP_ID) ";"
	"CREATE TABLE shows ("
	" id INTEGER PRIMARY KEY,"
	" slug TEXT NOT NULL UNIQUE CHECK (length(slug) BETWEEN 1 AND 64"
	"  AND slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),"
	" title TEXT NOT NULL CHECK (title <> ''),"
	" description TEXT,"
	" author TEXT NOT NULL CHECK (author <> ''),"
	" language TEXT NOT NULL,"
	" category TEXT,"
	" image TEXT,"
	" owner_name TEXT,"
	" owner_email TEXT,"
	" link TEXT,"
	" base_url TEXT NOT NULL CHECK (base_url GLOB 'http://?*'"
	"  OR base_url GLOB 'https://?*'),"
	" timezone TEXT NOT NULL,"
	" explicit INTEGER NOT NULL DEFAULT 0 CHECK (explicit IN (0, 1)),"
	" created_unix INTEGER NOT NULL,"
	" updated_unix INTEGER NOT NULL"
	");"
	"CREATE TABLE episodes ("
	" id INTEGER PRIMARY KEY,"
	" show_id INTEGER NOT NULL REFERENCES shows (id),"
	" guid TEXT NOT NULL UNIQUE,"
	" title TEXT NOT NULL CHECK (title <> ''),"
	" description TEXT,"
	" media_path TEXT NOT NULL CHECK (media_path <> ''),"
	" media_mime TEXT NOT NULL,"
	" media_kind TEXT NOT NULL CHECK (media_kind IN ('audio', 'video')),"
	" media_container TEXT,"
	" media_sha256 TEXT NOT NULL CHECK (length(media_sha256) = 64"
	"  AND media_sha256 NOT GLOB '*[^0-9a-f]*'),"
	" media_size_bytes INTEGER NOT NULL CHECK (media_size_bytes >= 0),"
	" duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),"
	" duration_method TEXT,"
	" bit_rate INTEGER NOT NULL DEFAULT 0 CHECK (bit_rate >= 0),"
	" audio_codec TEXT,"
	" video_codec TEXT,"
	" width INTEGER NOT NULL DEFAULT 0 CHECK (width >= 0),"
	" height INTEGER NOT NULL DEFAULT 0 CHECK (height >= 0),"
	" season INTEGER NOT NULL DEFAULT 0 CHECK (season >= 0),"
	" episode_number INTEGER NOT NULL DEFAULT 0"
	"  CHECK (episode_number >= 0),"
	" status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft',"
	"  'in_review', 'approved', 'published', 'unpublished', 'archived')),"
	" published_unix INTEGER,"
	" created_unix INTEGER NOT NULL,"
	" updated_unix INTEGER NOT NULL,"
	" CHECK (status <> 'published' OR published_unix IS NOT NULL)"
	");"
	/* The feed's query: one show's published episodes by date. */
	"CREATE INDEX episodes_feed ON episodes (show_id, status,"
	" published_unix);"
	"CREATE TABLE people ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> '')"
	");"
	"CREATE TABLE episode_people ("
	" episode_id INTEGER NOT NULL REFERENCES episodes (id)"
	"  ON DELETE CASCADE,"
	" person_id INTEGER NOT NULL REFERENCES people (id),"
	" role TEXT NOT NULL,"
	" grp TEXT NOT NULL,"
	" position INTEGER NOT NULL,"
	" PRIMARY KEY (episode_id, person_id, role)"
	");"
	"CREATE INDEX episode_people_person ON episode_people (person_id);"
	"CREATE TABLE topics ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL CHECK (name <> ''),"
	" slug TEXT NOT NULL UNIQUE CHECK (slug <> '')"
	");"
	"CREATE TABLE episode_topics ("
	" episode_id INTEGER NOT NULL REFERENCES episodes (id)"
	"  ON DELETE CASCADE,"
	" topic_id INTEGER NOT NULL REFERENCES topics (id),"
	" position INTEGER NOT NULL,"
	" PRIMARY KEY (episode_id, topic_id)"
	");"
	"CREATE INDEX episode_topics_topic ON episode_topics (topic_id);"
	"PRAGMA user_version = 1;";

/*
 * Version 2: what media/ measures beyond version 1 (audio format, frame
 * rate, EBU R128 loudness), the episode's image, poster frame and date of
 * recording, its chapters, and an index for finding a file added before.
 *
 * ALTER TABLE ADD COLUMN keeps the rows of a version 1 catalogue; every
 * new NOT NULL column has a default, which the old rows take. The three
 * loudness figures are measured together, so they are NULL together.
 */
static const char schema_v2[] =
	"ALTER TABLE episodes ADD COLUMN sample_rate INTEGER NOT NULL"
	" DEFAULT 0 CHECK (sample_rate >= 0);"
	"ALTER TABLE episodes ADD COLUMN channels INTEGER NOT NULL"
	" DEFAULT 0 CHECK (channels >= 0);"
	"ALTER TABLE episodes ADD COLUMN frame_rate REAL NOT NULL"
	" DEFAULT 0 CHECK (frame_rate >= 0);"
	"ALTER TABLE episodes ADD COLUMN loudness_lufs REAL;"
	"ALTER TABLE episodes ADD COLUMN loudness_range_lu REAL;"
	"ALTER TABLE episodes ADD COLUMN true_peak_dbtp REAL"
	" CHECK ((true_peak_dbtp IS NULL) = (loudness_lufs IS NULL)"
	"  AND (true_peak_dbtp IS NULL) = (loudness_range_lu IS NULL));"
	"ALTER TABLE episodes ADD COLUMN image_path TEXT"
	" CHECK (image_path <> '');"
	"ALTER TABLE episodes ADD COLUMN image_apple_ok INTEGER NOT NULL"
	" DEFAULT 0 CHECK (image_apple_ok IN (0, 1));"
	"ALTER TABLE episodes ADD COLUMN poster_path TEXT"
	" CHECK (poster_path <> '');"
	"ALTER TABLE episodes ADD COLUMN recorded_on TEXT"
	" CHECK (recorded_on GLOB '[0-9][0-9][0-9][0-9]'"
	"  OR recorded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'"
	"  OR recorded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]');"
	/* catalog_episode_find_sha256: was this file added before? */
	"CREATE INDEX episodes_sha256 ON episodes (media_sha256);"
	"CREATE TABLE episode_chapters ("
	" episode_id INTEGER NOT NULL REFERENCES episodes (id)"
	"  ON DELETE CASCADE,"
	" position INTEGER NOT NULL CHECK (position >= 0),"
	" start_ms INTEGER NOT NULL CHECK (start_ms >= 0),"
	" end_ms INTEGER NOT NULL DEFAULT 0"
	"  CHECK (end_ms = 0 OR end_ms >= start_ms),"
	" title TEXT,"
	" PRIMARY KEY (episode_id, position)"
	");"
	"PRAGMA user_version = 2;";

/*
 * Version 3: the production catalogue (issue 5). Shows gain their Apple
 * subcategory, Podcasting 2.0 medium, type, copyright, feed GUID, target
 * cadence, review rule and office; episodes their type and explicit flag,
 * transcripts and alternate renditions; people their organisation,
 * position, URL and photo, and shows their hosts. The review log is
 * append-only (triggers refuse UPDATE and DELETE), and an FTS5 index over
 * titles, descriptions, people, organisations and topics serves search,
 * with case and accents folded (unicode61 remove_diacritics 2).
 *
 * Old shows keep review off (review_required 0) so that catalogues made
 * before review existed go on publishing as they did; new shows default
 * to review on in C.
 */
static const char schema_v3[] =
	"ALTER TABLE shows ADD COLUMN subcategory TEXT;"
	"ALTER TABLE shows ADD COLUMN medium TEXT NOT NULL DEFAULT 'podcast';"
	"ALTER TABLE shows ADD COLUMN show_type TEXT NOT NULL DEFAULT"
	" 'episodic' CHECK (show_type IN ('episodic', 'serial'));"
	"ALTER TABLE shows ADD COLUMN copyright TEXT;"
	"ALTER TABLE shows ADD COLUMN feed_guid TEXT;"
	"ALTER TABLE shows ADD COLUMN cadence TEXT NOT NULL DEFAULT 'weekly'"
	" CHECK (cadence IN ('daily', 'weekly', 'biweekly', 'monthly'));"
	"ALTER TABLE shows ADD COLUMN review_required INTEGER NOT NULL"
	" DEFAULT 0 CHECK (review_required IN (0, 1));"
	"ALTER TABLE shows ADD COLUMN office_name TEXT;"
	"ALTER TABLE shows ADD COLUMN office_level TEXT CHECK (office_level"
	" IN ('national', 'province', 'district'));"
	"ALTER TABLE shows ADD COLUMN office_region TEXT;"
	"ALTER TABLE episodes ADD COLUMN episode_type TEXT NOT NULL DEFAULT"
	" 'full' CHECK (episode_type IN ('full', 'trailer', 'bonus'));"
	"ALTER TABLE episodes ADD COLUMN explicit INTEGER NOT NULL DEFAULT 0"
	" CHECK (explicit IN (0, 1));"
	"ALTER TABLE people ADD COLUMN organisation TEXT;"
	"ALTER TABLE people ADD COLUMN position TEXT;"
	"ALTER TABLE people ADD COLUMN url TEXT;"
	"ALTER TABLE people ADD COLUMN photo TEXT;"
	"CREATE TABLE show_people ("
	" show_id INTEGER NOT NULL REFERENCES shows (id) ON DELETE CASCADE,"
	" person_id INTEGER NOT NULL REFERENCES people (id),"
	" role TEXT NOT NULL,"
	" grp TEXT NOT NULL,"
	" position INTEGER NOT NULL,"
	" PRIMARY KEY (show_id, person_id, role)"
	");"
	/*
	 * Guests and topics are read in order for every episode listed:
	 * without these the read sorts each time (half of a long listing).
	 */
	"CREATE INDEX episode_people_order ON episode_people"
	" (episode_id, position);"
	"CREATE INDEX episode_topics_order ON episode_topics"
	" (episode_id, position);"
	"CREATE TABLE episode_transcripts ("
	" episode_id INTEGER NOT NULL REFERENCES episodes (id)"
	"  ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" path TEXT NOT NULL CHECK (path <> ''),"
	" mime TEXT NOT NULL CHECK (mime IN ('text/plain', 'text/html',"
	"  'text/vtt', 'application/json', 'application/x-subrip')),"
	" language TEXT,"
	" PRIMARY KEY (episode_id, position)"
	");"
	"CREATE TABLE episode_renditions ("
	" episode_id INTEGER NOT NULL REFERENCES episodes (id)"
	"  ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" path TEXT NOT NULL CHECK (path <> ''),"
	" mime TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('audio', 'video')),"
	" sha256 TEXT NOT NULL CHECK (length(sha256) = 64),"
	" size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),"
	" duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),"
	" bit_rate INTEGER NOT NULL DEFAULT 0,"
	" width INTEGER NOT NULL DEFAULT 0,"
	" height INTEGER NOT NULL DEFAULT 0,"
	" title TEXT,"
	" PRIMARY KEY (episode_id, position)"
	");"
	/*
	 * The review and edit history. episode_id is not a foreign key: the
	 * log of a removed episode is kept.
	 */
	"CREATE TABLE episode_log ("
	" id INTEGER PRIMARY KEY,"
	" episode_id INTEGER NOT NULL,"
	" at_unix INTEGER NOT NULL,"
	" actor TEXT NOT NULL CHECK (actor <> ''),"
	" action TEXT NOT NULL,"
	" from_status TEXT,"
	" to_status TEXT,"
	" note TEXT"
	");"
	"CREATE INDEX episode_log_episode ON episode_log (episode_id, id);"
	"CREATE TRIGGER episode_log_no_update BEFORE UPDATE ON episode_log"
	" BEGIN SELECT RAISE(ABORT, 'the episode log is append-only'); END;"
	"CREATE TRIGGER episode_log_no_delete BEFORE DELETE ON episode_log"
	" BEGIN SELECT RAISE(ABORT, 'the episode log is append-only'); END;"
	/*
	 * Search: one row per episode (rowid = episodes.id), kept up to date
	 * by catalog/ whenever an episode, its people or topics change.
	 */
	"CREATE VIRTUAL TABLE episode_search USING fts5("
	" title, description, people, topics,"
	" tokenize = 'unicode61 remove_diacritics 2');"
	"INSERT INTO episode_search (rowid, title, description, people, topics)"
	" SELECT e.id, e.title, coalesce(e.description, ''),"
	"  coalesce((SELECT group_concat(p.name, ' ') FROM episode_people ep"
	"   JOIN people p ON p.id = ep.person_id WHERE ep.episode_id = e.id),"
	"   ''),"
	"  coalesce((SELECT group_concat(t.name, ' ') FROM episode_topics et"
	"   JOIN topics t ON t.id = et.topic_id WHERE et.episode_id = e.id),"
	"   '')"
	" FROM episodes e;"
	"PRAGMA user_version = 3;";

/*
 * Version 4: the show's artwork as a local file (the image the feed
 * points to and 'siar lint' measures), beside the URL of an artwork
 * hosted elsewhere.
 */
static const char schema_v4[] =
	"ALTER TABLE shows ADD COLUMN image_path TEXT;"
	"PRAGMA user_version = 4;";

/*
 * Version 5: indexes that hold all that a walk of episodes reads of
 * their guests, credits and topics and of who added them, so that a walk
 * reads no row of those tables (catalog/lists.c). The guests' and
 * topics' indexes of version 3, by episode and position only, give way
 * to ones that also hold the rest of the row. The log's index holds only
 * "add" entries; it holds 'action' too because SQLite counts a partial
 * index as covering only if it holds every column the query names.
 */
static const char schema_v5[] =
	"DROP INDEX episode_people_order;"
	"CREATE INDEX episode_people_list ON episode_people"
	" (episode_id, position, person_id, role, grp);"
	"DROP INDEX episode_topics_order;"
	"CREATE INDEX episode_topics_list ON episode_topics"
	" (episode_id, position, topic_id);"
	"CREATE INDEX episode_log_added ON episode_log"
	" (episode_id, id, action, actor) WHERE action = 'add';"
	"PRAGMA user_version = 5;";

/*
 * migrations[i] takes a catalogue from version i to i + 1 and ends by
 * setting user_version to i + 1. Append only: a released migration has
 * run on someone's catalogue and must never change.
 */
static const char *const migrations[] = {
	schema_v1,
	schema_v2,
	schema_v3,
	schema_v4,
	schema_v5,
};

#define SCHEMA_LATEST ((int)(sizeof(migrations) / sizeof(migrations[0])))

int catalog_schema_latest(void)
{
	return SCHEMA_LATEST;
}

static int read_version(struct catalog *cat, int *version,
			struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, rc = SIAR_OK;

	src = sqlite3_prepare_v2(cat->db, "PRAGMA user_version", -1, &st,
				 NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*version = sqlite3_column_int(st, 0);
	else
		rc = catalog_db_error(cat, "read the schema version", src, err);
	sqlite3_finalize(st);
	return rc;
}

/* Apply the migrations after 'version', inside the caller's transaction. */
static int apply(struct catalog *cat, int version, struct siar_err *err)
{
	int src;

	if (version > SCHEMA_LATEST)
		return siar_err_set(err, SIAR_EDB,
				    "'%s' was made by a newer siar (schema %d,"
				    " this siar knows %d)",
				    cat->path, version, SCHEMA_LATEST);
	for (; version < SCHEMA_LATEST; version++) {
		src = sqlite3_exec(cat->db, migrations[version], NULL, NULL,
				   NULL);
		if (src != SQLITE_OK)
			return catalog_db_error(cat, "update the schema", src,
						err);
	}
	return SIAR_OK;
}

int catalog_migrate(struct catalog *cat, struct siar_err *err)
{
	int version = 0;
	bool outer;
	int rc;

	/* The usual case takes no write lock. */
	if (cat->schema_version == SCHEMA_LATEST)
		return SIAR_OK;
	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	/* Another siar may have migrated the file since we looked. */
	rc = read_version(cat, &version, err);
	if (!rc)
		rc = apply(cat, version, err);
	rc = catalog_txn_end(cat, outer, rc, err);
	if (!rc)
		cat->schema_version = SCHEMA_LATEST;
	return rc;
}
