/*
 * The catalogue's schema, as a list of forward migrations, and the code
 * that applies the missing ones when a catalogue is opened.
 *
 * The version lives in PRAGMA user_version; the file is marked as siar's
 * with PRAGMA application_id. Checking those on open is catalog.c's job.
 */
#include "catalog.h"

#include "catalog_int.h"

/*
 * Version 1. CHECK constraints repeat the cheapest of the rules catalog/
 * enforces in C, so that a row written by another tool cannot break the
 * feed in ways the C code assumes away.
 */
static const char schema_v1[] =
	"PRAGMA application_id = " CATALOG_STR(CATALOG_APP_ID) ";"
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
 * Version 5: episodes imported from another host's feed (siar import).
 * Their media, renditions, transcripts and images may stay where they
 * are, named by an http(s) URL instead of a path, and such a file has no
 * SHA-256 (there is nothing on disk to hash). A GUID is unique within its
 * show rather than across shows: imported feeds bring their own GUIDs,
 * and two feeds may both say "ep1". An episode may point at a chapters
 * file hosted elsewhere (chapters_url).
 *
 * SQLite cannot drop NOT NULL or UNIQUE from a column, so episodes and
 * episode_renditions are rebuilt: create, copy, drop, rename, with foreign
 * keys off (catalog_migrate() sees to that). Episode IDs are kept, so the
 * tables that point at episodes still do.
 */
static const char schema_v5_episodes[] =
	"CREATE TABLE episodes_v5 ("
	" id INTEGER PRIMARY KEY,"
	" show_id INTEGER NOT NULL REFERENCES shows (id),"
	" guid TEXT NOT NULL CHECK (guid <> ''),"
	" title TEXT NOT NULL CHECK (title <> ''),"
	" description TEXT,"
	" media_path TEXT NOT NULL CHECK (media_path <> ''),"
	" media_mime TEXT NOT NULL,"
	" media_kind TEXT NOT NULL CHECK (media_kind IN ('audio', 'video')),"
	" media_container TEXT,"
	" media_sha256 TEXT CHECK (length(media_sha256) = 64"
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
	" sample_rate INTEGER NOT NULL DEFAULT 0 CHECK (sample_rate >= 0),"
	" channels INTEGER NOT NULL DEFAULT 0 CHECK (channels >= 0),"
	" frame_rate REAL NOT NULL DEFAULT 0 CHECK (frame_rate >= 0),"
	" loudness_lufs REAL,"
	" loudness_range_lu REAL,"
	" true_peak_dbtp REAL,"
	" image_path TEXT CHECK (image_path <> ''),"
	" image_apple_ok INTEGER NOT NULL DEFAULT 0"
	"  CHECK (image_apple_ok IN (0, 1)),"
	" poster_path TEXT CHECK (poster_path <> ''),"
	" recorded_on TEXT"
	"  CHECK (recorded_on GLOB '[0-9][0-9][0-9][0-9]'"
	"  OR recorded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'"
	"  OR recorded_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),"
	" episode_type TEXT NOT NULL DEFAULT 'full'"
	"  CHECK (episode_type IN ('full', 'trailer', 'bonus')),"
	" explicit INTEGER NOT NULL DEFAULT 0 CHECK (explicit IN (0, 1)),"
	" chapters_url TEXT CHECK (chapters_url GLOB 'http://?*'"
	"  OR chapters_url GLOB 'https://?*'),"
	" UNIQUE (show_id, guid),"
	" CHECK (status <> 'published' OR published_unix IS NOT NULL),"
	" CHECK ((true_peak_dbtp IS NULL) = (loudness_lufs IS NULL)"
	"  AND (true_peak_dbtp IS NULL) = (loudness_range_lu IS NULL)),"
	/* Only a file elsewhere may go without its hash. */
	" CHECK (media_sha256 IS NOT NULL OR media_path GLOB 'http://?*'"
	"  OR media_path GLOB 'https://?*')"
	");"
	"INSERT INTO episodes_v5 (id, show_id, guid, title, description,"
	" media_path, media_mime, media_kind, media_container, media_sha256,"
	" media_size_bytes, duration_ms, duration_method, bit_rate,"
	" audio_codec, video_codec, width, height, season, episode_number,"
	" status, published_unix, created_unix, updated_unix, sample_rate,"
	" channels, frame_rate, loudness_lufs, loudness_range_lu,"
	" true_peak_dbtp, image_path, image_apple_ok, poster_path,"
	" recorded_on, episode_type, explicit)"
	" SELECT id, show_id, guid, title, description,"
	" media_path, media_mime, media_kind, media_container, media_sha256,"
	" media_size_bytes, duration_ms, duration_method, bit_rate,"
	" audio_codec, video_codec, width, height, season, episode_number,"
	" status, published_unix, created_unix, updated_unix, sample_rate,"
	" channels, frame_rate, loudness_lufs, loudness_range_lu,"
	" true_peak_dbtp, image_path, image_apple_ok, poster_path,"
	" recorded_on, episode_type, explicit FROM episodes;"
	"DROP TABLE episodes;"
	"ALTER TABLE episodes_v5 RENAME TO episodes;"
	"CREATE INDEX episodes_feed ON episodes (show_id, status,"
	" published_unix);"
	"CREATE INDEX episodes_sha256 ON episodes (media_sha256);";

/* A string constant may not pass 4095 bytes (C99), so v5 comes in two. */
static const char schema_v5_renditions[] =
	"CREATE TABLE episode_renditions_v5 ("
	" episode_id INTEGER NOT NULL REFERENCES episodes (id)"
	"  ON DELETE CASCADE,"
	" position INTEGER NOT NULL,"
	" path TEXT NOT NULL CHECK (path <> ''),"
	" mime TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('audio', 'video')),"
	" sha256 TEXT CHECK (length(sha256) = 64),"
	" size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),"
	" duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),"
	" bit_rate INTEGER NOT NULL DEFAULT 0,"
	" width INTEGER NOT NULL DEFAULT 0,"
	" height INTEGER NOT NULL DEFAULT 0,"
	" title TEXT,"
	" PRIMARY KEY (episode_id, position),"
	" CHECK (sha256 IS NOT NULL OR path GLOB 'http://?*'"
	"  OR path GLOB 'https://?*')"
	");"
	"INSERT INTO episode_renditions_v5 SELECT episode_id, position, path,"
	" mime, kind, sha256, size_bytes, duration_ms, bit_rate, width,"
	" height, title FROM episode_renditions;"
	"DROP TABLE episode_renditions;"
	"ALTER TABLE episode_renditions_v5 RENAME TO episode_renditions;"
	"PRAGMA user_version = 5;";

/*
 * Version 7: indexes that hold all that a walk of episodes reads of
 * their guests, credits and topics and of who added or imported them, so
 * that a walk reads no row of those tables (catalog/lists.c). The guests'
 * and topics' indexes of version 3, by episode and position only, give way
 * to ones that also hold the rest of the row. The log's index holds only
 * "add" and "import" entries; it holds 'action' too because SQLite counts
 * a partial index as covering only if it holds every column the query
 * names.
 */
static const char schema_v7[] =
	"DROP INDEX episode_people_order;"
	"CREATE INDEX episode_people_list ON episode_people"
	" (episode_id, position, person_id, role, grp);"
	"DROP INDEX episode_topics_order;"
	"CREATE INDEX episode_topics_list ON episode_topics"
	" (episode_id, position, topic_id);"
	"CREATE INDEX episode_log_added ON episode_log"
	" (episode_id, id, action, actor) WHERE action IN ('add', 'import');"
	"PRAGMA user_version = 7;";

/*
 * migrations[i] takes a catalogue from version i to i + 1, running its
 * parts in order, and its last part ends by setting user_version to
 * i + 1. Append only: a released migration has run on someone's catalogue
 * and must never change.
 */
struct migration {
	const char *part[2];	/* the second may be NULL */
};

/*
 * Version 6: shows followed by their public feed (siar follow): where the
 * feed is, the validators of the last answer for conditional requests,
 * and how the last refresh went.
 */
static const char schema_v6[] =
	"CREATE TABLE follows ("
	" show_id INTEGER PRIMARY KEY REFERENCES shows (id) ON DELETE CASCADE,"
	" url TEXT NOT NULL CHECK (url LIKE 'http://%' OR url LIKE 'https://%'),"
	" etag TEXT,"
	" last_modified TEXT,"
	" followed_unix INTEGER NOT NULL,"
	" checked_unix INTEGER NOT NULL DEFAULT 0,"
	" changed_unix INTEGER NOT NULL DEFAULT 0,"
	" last_error TEXT"
	");"
	"PRAGMA user_version = 6;";

/*
 * Version 8: an index for the check that an episode number is free in its
 * season of a show. Without it each check read every episode of the show:
 * numbering every other episode of a 100,000-episode show took over ten
 * minutes.
 */
static const char schema_v8[] =
	"CREATE INDEX episodes_number ON episodes (show_id, season,"
	" episode_number) WHERE episode_number > 0;"
	"PRAGMA user_version = 8;";

/*
 * Version 9: where the show is in Apple Podcasts, Spotify and Pocket
 * Casts, for the site's subscribe links (each app's own page for it).
 */
static const char schema_v9[] =
	"ALTER TABLE shows ADD COLUMN apple_url TEXT;"
	"ALTER TABLE shows ADD COLUMN spotify_url TEXT;"
	"ALTER TABLE shows ADD COLUMN pocketcasts_url TEXT;"
	"PRAGMA user_version = 9;";

/*
 * Version 10: an index with every column the feed's lastBuildDate reads
 * (catalog_show_last_change), so that it reads the index alone rather
 * than every live episode's row: 4 ms of each feed of 10,000 episodes.
 * The walk keeps episodes_feed, whose order is by ID after the date.
 */
static const char schema_v10[] =
	"CREATE INDEX episodes_change ON episodes (show_id, status,"
	" published_unix, updated_unix);"
	"PRAGMA user_version = 10;";

/*
 * Version 11: lastBuildDate's two maxima each read from the end of an
 * index (catalog_show_last_change): the newest live date from
 * episodes_feed, the newest live change from this one, in the order of
 * the change. Version 10's index had every live episode read: 0.9 ms of
 * a feed of 10,000 episodes, 9 ms of one of 100,000.
 */
static const char schema_v11[] =
	"DROP INDEX episodes_change;"
	"CREATE INDEX episodes_updated ON episodes (show_id, status,"
	" updated_unix, published_unix);"
	"PRAGMA user_version = 11;";

static const struct migration migrations[] = {
	{{schema_v1, NULL}},
	{{schema_v2, NULL}},
	{{schema_v3, NULL}},
	{{schema_v4, NULL}},
	{{schema_v5_episodes, schema_v5_renditions}},
	{{schema_v6, NULL}},
	{{schema_v7, NULL}},
	{{schema_v8, NULL}},
	{{schema_v9, NULL}},
	{{schema_v10, NULL}},
	{{schema_v11, NULL}},
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
	size_t i;
	int src;

	if (version > SCHEMA_LATEST)
		return siar_err_set(err, SIAR_EDB,
				    "'%s' was made by a newer siar (schema %d,"
				    " this siar knows %d)",
				    cat->path, version, SCHEMA_LATEST);
	for (; version < SCHEMA_LATEST; version++) {
		for (i = 0; i < 2 && migrations[version].part[i]; i++) {
			src = sqlite3_exec(cat->db, migrations[version].part[i],
					   NULL, NULL, NULL);
			if (src != SQLITE_OK)
				return catalog_db_error(cat,
							"update the schema",
							src, err);
		}
	}
	return SIAR_OK;
}

/*
 * Some migrations rebuild a table that others point at (SQLite's "making
 * other kinds of table schema changes"): with foreign keys on, dropping
 * the old table would delete every row that points at it. The pragma does
 * nothing inside a transaction, so it is turned off before one starts,
 * the keys are checked before the commit, and it is turned back on after.
 */
static int keys_check(struct catalog *cat, struct siar_err *err)
{
	sqlite3_stmt *st = NULL;
	int src, rc = SIAR_OK;

	src = sqlite3_prepare_v2(cat->db, "PRAGMA foreign_key_check", -1, &st,
				 NULL);
	if (src == SQLITE_OK)
		src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = siar_err_set(err, SIAR_EDB,
				  "cannot update the schema in catalogue '%s':"
				  " table '%s' points at a missing row",
				  cat->path,
				  (const char *)sqlite3_column_text(st, 0));
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(cat, "update the schema", src, err);
	sqlite3_finalize(st);
	return rc;
}

int catalog_migrate(struct catalog *cat, struct siar_err *err)
{
	int version = 0;
	bool outer;
	int src, rc;

	/* The usual case takes no write lock. */
	if (cat->schema_version == SCHEMA_LATEST)
		return SIAR_OK;
	if (!sqlite3_get_autocommit(cat->db))
		return siar_err_set(err, SIAR_EDB,
				    "cannot update the schema in catalogue"
				    " '%s' inside a transaction",
				    cat->path);
	src = sqlite3_exec(cat->db, "PRAGMA foreign_keys = OFF", NULL, NULL,
			   NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "update the schema", src, err);
	rc = catalog_txn_begin(cat, &outer, err);
	if (!rc) {
		/* Another siar may have migrated the file since we looked. */
		rc = read_version(cat, &version, err);
		if (!rc)
			rc = apply(cat, version, err);
		if (!rc)
			rc = keys_check(cat, err);
		rc = catalog_txn_end(cat, outer, rc, err);
	}
	src = sqlite3_exec(cat->db, "PRAGMA foreign_keys = ON", NULL, NULL,
			   NULL);
	if (!rc && src != SQLITE_OK)
		rc = catalog_db_error(cat, "enable foreign keys", src, err);
	if (!rc)
		cat->schema_version = SCHEMA_LATEST;
	return rc;
}
