/*
 * Export and import: the whole catalogue as one JSON document, and such a
 * document loaded into an empty catalogue.
 *
 * The document mirrors the tables. Each of its lists holds one object per
 * row, each field is a column ("group" is grp), and a show's people and
 * an episode's credits, topics, chapters, transcripts and renditions are
 * lists inside their item. The tables below describe the document once,
 * for both ways. SQLite writes and reads the JSON (json_object() and
 * json_group_array() out, json_each() in), so catalog/ needs no JSON
 * library. On the way out C joins the rows SQLite makes, one at a time,
 * and formats the real numbers; on the way in it finds where each item
 * begins and ends, has SQLite read its fields, checks it with the checks
 * the API uses (show.c, people.c, names.c, episode.c, chapters.c) and
 * stores it under its own ID.
 *
 * The search index is not in the document: it is built from what is.
 */
#include "catalog.h"

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/* The document's own version, its "siar_export". */
#define DUMP_FORMAT 1

/* "-2.2250738585072014e-308" and its terminator fit, with room to spare. */
#define DUMP_REAL_MAX 32

/* ---- The document ------------------------------------------------------- */

enum dump_kind {
	DUMP_INT,	/* a JSON integer */
	DUMP_INT32,	/* a JSON integer that fits the API's int fields */
	DUMP_BOOL,	/* true or false, stored as 1 or 0 */
	DUMP_REAL,	/* a finite JSON number */
	DUMP_TEXT,	/* a string, stored as valid UTF-8 as the API does */
	DUMP_PATH,	/* a string stored byte for byte: a file's path */
};

/* The lists of the document and the lists inside their items. */
enum dump_list_id {
	DUMP_NONE,
	DUMP_PEOPLE,
	DUMP_TOPICS,
	DUMP_SHOWS,
	DUMP_SHOW_PEOPLE,
	DUMP_EPISODES,
	DUMP_EPISODE_PEOPLE,
	DUMP_EPISODE_TOPICS,
	DUMP_CHAPTERS,
	DUMP_TRANSCRIPTS,
	DUMP_RENDITIONS,
	DUMP_LOG,
	DUMP_FOLLOWS,
	DUMP_LISTS,
};

#define DUMP_FIELDS_MAX 40	/* fields of an item, at most */
#define DUMP_INNER_MAX 5	/* lists inside an item, at most */

struct dump_field {
	const char *key;	/* its name in the document */
	const char *column;	/* its column; NULL: the same as 'key' */
	enum dump_kind kind;
	bool required;		/* else null, or left out, stores SQL NULL */
	enum dump_list_id ref;	/* the list whose IDs it holds, or DUMP_NONE */
};

/*
 * A list and the table its items are rows of. An item of a list of the
 * document has its ID as its first field; an item of a list inside
 * another has none of its own, and its row names the outer item in the
 * column 'parent'. Such rows have no key of their own: the order SQLite
 * happens to keep them in (their hidden rowid, which a merge of people or
 * topics changes and VACUUM may renumber) is not part of the catalogue,
 * and an import stores them in the order of the list.
 */
struct dump_list {
	const char *key;	/* the list's name in the document */
	const char *one;	/* an item of it, in messages */
	const char *table;
	const char *parent;	/* NULL for a list of the document */
	const char *order;	/* the order of the export */
	const struct dump_field *fields;
	size_t n_fields;
	enum dump_list_id inner[DUMP_INNER_MAX];	/* DUMP_NONE-ended */
};

#define REQ(key, kind) {key, NULL, kind, true, DUMP_NONE}
#define OPT(key, kind) {key, NULL, kind, false, DUMP_NONE}
#define REF(key, list) {key, NULL, DUMP_INT, true, list}

/*
 * Each item's fields, in the order they are written. A later schema that
 * adds a column adds its field here, not required, so that the documents
 * of older versions still load.
 */
enum {
	PERSON_ID,
	PERSON_NAME,
	PERSON_ORGANISATION,
	PERSON_POSITION,
	PERSON_URL,
	PERSON_PHOTO,
	PERSON_FIELDS,
};

static const struct dump_field person_fields[PERSON_FIELDS] = {
	[PERSON_ID] = REQ("id", DUMP_INT),
	[PERSON_NAME] = REQ("name", DUMP_TEXT),
	[PERSON_ORGANISATION] = OPT("organisation", DUMP_TEXT),
	[PERSON_POSITION] = OPT("position", DUMP_TEXT),
	[PERSON_URL] = OPT("url", DUMP_TEXT),
	[PERSON_PHOTO] = OPT("photo", DUMP_TEXT),
};

enum { TOPIC_ID, TOPIC_NAME, TOPIC_SLUG, TOPIC_FIELDS };

static const struct dump_field topic_fields[TOPIC_FIELDS] = {
	[TOPIC_ID] = REQ("id", DUMP_INT),
	[TOPIC_NAME] = REQ("name", DUMP_TEXT),
	[TOPIC_SLUG] = REQ("slug", DUMP_TEXT),
};

enum {
	SHOW_ID,
	SHOW_SLUG,
	SHOW_TITLE,
	SHOW_DESCRIPTION,
	SHOW_AUTHOR,
	SHOW_LANGUAGE,
	SHOW_CATEGORY,
	SHOW_IMAGE,
	SHOW_OWNER_NAME,
	SHOW_OWNER_EMAIL,
	SHOW_LINK,
	SHOW_BASE_URL,
	SHOW_TIMEZONE,
	SHOW_EXPLICIT,
	SHOW_CREATED,
	SHOW_UPDATED,
	SHOW_SUBCATEGORY,
	SHOW_MEDIUM,
	SHOW_TYPE,
	SHOW_COPYRIGHT,
	SHOW_FEED_GUID,
	SHOW_CADENCE,
	SHOW_REVIEW,
	SHOW_OFFICE_NAME,
	SHOW_OFFICE_LEVEL,
	SHOW_OFFICE_REGION,
	SHOW_IMAGE_PATH,
	SHOW_APPLE_URL,
	SHOW_SPOTIFY_URL,
	SHOW_POCKETCASTS_URL,
	SHOW_FIELDS,
};

static const struct dump_field show_fields[SHOW_FIELDS] = {
	[SHOW_ID] = REQ("id", DUMP_INT),
	[SHOW_SLUG] = REQ("slug", DUMP_TEXT),
	[SHOW_TITLE] = REQ("title", DUMP_TEXT),
	[SHOW_DESCRIPTION] = OPT("description", DUMP_TEXT),
	[SHOW_AUTHOR] = REQ("author", DUMP_TEXT),
	[SHOW_LANGUAGE] = REQ("language", DUMP_TEXT),
	[SHOW_CATEGORY] = OPT("category", DUMP_TEXT),
	[SHOW_IMAGE] = OPT("image", DUMP_TEXT),
	[SHOW_OWNER_NAME] = OPT("owner_name", DUMP_TEXT),
	[SHOW_OWNER_EMAIL] = OPT("owner_email", DUMP_TEXT),
	[SHOW_LINK] = OPT("link", DUMP_TEXT),
	[SHOW_BASE_URL] = REQ("base_url", DUMP_TEXT),
	[SHOW_TIMEZONE] = REQ("timezone", DUMP_TEXT),
	[SHOW_EXPLICIT] = REQ("explicit", DUMP_BOOL),
	[SHOW_CREATED] = REQ("created_unix", DUMP_INT),
	[SHOW_UPDATED] = REQ("updated_unix", DUMP_INT),
	[SHOW_SUBCATEGORY] = OPT("subcategory", DUMP_TEXT),
	[SHOW_MEDIUM] = REQ("medium", DUMP_TEXT),
	[SHOW_TYPE] = REQ("show_type", DUMP_TEXT),
	[SHOW_COPYRIGHT] = OPT("copyright", DUMP_TEXT),
	[SHOW_FEED_GUID] = OPT("feed_guid", DUMP_TEXT),
	[SHOW_CADENCE] = REQ("cadence", DUMP_TEXT),
	[SHOW_REVIEW] = REQ("review_required", DUMP_BOOL),
	[SHOW_OFFICE_NAME] = OPT("office_name", DUMP_TEXT),
	[SHOW_OFFICE_LEVEL] = OPT("office_level", DUMP_TEXT),
	[SHOW_OFFICE_REGION] = OPT("office_region", DUMP_TEXT),
	[SHOW_IMAGE_PATH] = OPT("image_path", DUMP_PATH),
	[SHOW_APPLE_URL] = OPT("apple_url", DUMP_TEXT),
	[SHOW_SPOTIFY_URL] = OPT("spotify_url", DUMP_TEXT),
	[SHOW_POCKETCASTS_URL] = OPT("pocketcasts_url", DUMP_TEXT),
};

/* A person credited on a show or an episode. */
enum { CREDIT_PERSON, CREDIT_ROLE, CREDIT_GROUP, CREDIT_POSITION,
       CREDIT_FIELDS };

static const struct dump_field credit_fields[CREDIT_FIELDS] = {
	[CREDIT_PERSON] = REF("person_id", DUMP_PEOPLE),
	[CREDIT_ROLE] = REQ("role", DUMP_TEXT),
	[CREDIT_GROUP] = {"group", "grp", DUMP_TEXT, true, DUMP_NONE},
	[CREDIT_POSITION] = REQ("position", DUMP_INT),
};

enum {
	EP_ID,
	EP_SHOW,
	EP_GUID,
	EP_TITLE,
	EP_DESCRIPTION,
	EP_MEDIA_PATH,
	EP_MEDIA_MIME,
	EP_MEDIA_KIND,
	EP_MEDIA_CONTAINER,
	EP_MEDIA_SHA256,
	EP_MEDIA_SIZE,
	EP_DURATION,
	EP_DURATION_METHOD,
	EP_BIT_RATE,
	EP_AUDIO_CODEC,
	EP_VIDEO_CODEC,
	EP_WIDTH,
	EP_HEIGHT,
	EP_SAMPLE_RATE,
	EP_CHANNELS,
	EP_FRAME_RATE,
	EP_LOUDNESS,
	EP_LOUDNESS_RANGE,
	EP_TRUE_PEAK,
	EP_IMAGE_PATH,
	EP_IMAGE_APPLE_OK,
	EP_POSTER_PATH,
	EP_RECORDED_ON,
	EP_SEASON,
	EP_NUMBER,
	EP_TYPE,
	EP_EXPLICIT,
	EP_STATUS,
	EP_PUBLISHED,
	EP_CREATED,
	EP_UPDATED,
	EP_CHAPTERS_URL,
	EP_FIELDS,
};

static const struct dump_field episode_fields[EP_FIELDS] = {
	[EP_ID] = REQ("id", DUMP_INT),
	[EP_SHOW] = REF("show_id", DUMP_SHOWS),
	[EP_GUID] = REQ("guid", DUMP_TEXT),
	[EP_TITLE] = REQ("title", DUMP_TEXT),
	[EP_DESCRIPTION] = OPT("description", DUMP_TEXT),
	[EP_MEDIA_PATH] = REQ("media_path", DUMP_PATH),
	[EP_MEDIA_MIME] = REQ("media_mime", DUMP_TEXT),
	[EP_MEDIA_KIND] = REQ("media_kind", DUMP_TEXT),
	[EP_MEDIA_CONTAINER] = OPT("media_container", DUMP_TEXT),
	/* None for media kept at a URL (siar import). */
	[EP_MEDIA_SHA256] = OPT("media_sha256", DUMP_TEXT),
	[EP_MEDIA_SIZE] = REQ("media_size_bytes", DUMP_INT),
	[EP_DURATION] = REQ("duration_ms", DUMP_INT),
	[EP_DURATION_METHOD] = OPT("duration_method", DUMP_TEXT),
	[EP_BIT_RATE] = REQ("bit_rate", DUMP_INT),
	[EP_AUDIO_CODEC] = OPT("audio_codec", DUMP_TEXT),
	[EP_VIDEO_CODEC] = OPT("video_codec", DUMP_TEXT),
	[EP_WIDTH] = REQ("width", DUMP_INT32),
	[EP_HEIGHT] = REQ("height", DUMP_INT32),
	[EP_SAMPLE_RATE] = REQ("sample_rate", DUMP_INT32),
	[EP_CHANNELS] = REQ("channels", DUMP_INT32),
	[EP_FRAME_RATE] = REQ("frame_rate", DUMP_REAL),
	[EP_LOUDNESS] = OPT("loudness_lufs", DUMP_REAL),
	[EP_LOUDNESS_RANGE] = OPT("loudness_range_lu", DUMP_REAL),
	[EP_TRUE_PEAK] = OPT("true_peak_dbtp", DUMP_REAL),
	[EP_IMAGE_PATH] = OPT("image_path", DUMP_PATH),
	[EP_IMAGE_APPLE_OK] = REQ("image_apple_ok", DUMP_BOOL),
	[EP_POSTER_PATH] = OPT("poster_path", DUMP_PATH),
	[EP_RECORDED_ON] = OPT("recorded_on", DUMP_TEXT),
	[EP_SEASON] = REQ("season", DUMP_INT32),
	[EP_NUMBER] = REQ("episode_number", DUMP_INT32),
	[EP_TYPE] = REQ("episode_type", DUMP_TEXT),
	[EP_EXPLICIT] = REQ("explicit", DUMP_BOOL),
	[EP_STATUS] = REQ("status", DUMP_TEXT),
	[EP_PUBLISHED] = OPT("published_unix", DUMP_INT),
	[EP_CREATED] = REQ("created_unix", DUMP_INT),
	[EP_UPDATED] = REQ("updated_unix", DUMP_INT),
	[EP_CHAPTERS_URL] = OPT("chapters_url", DUMP_TEXT),
};

/* The lists inside an episode, in the order of its 'inner'. */
enum { EP_PEOPLE, EP_TOPICS, EP_CHAPTERS, EP_TRANSCRIPTS, EP_RENDITIONS };

enum { ETOPIC_TOPIC, ETOPIC_POSITION, ETOPIC_FIELDS };

static const struct dump_field episode_topic_fields[ETOPIC_FIELDS] = {
	[ETOPIC_TOPIC] = REF("topic_id", DUMP_TOPICS),
	[ETOPIC_POSITION] = REQ("position", DUMP_INT),
};

enum { CHAPTER_POSITION, CHAPTER_START, CHAPTER_END, CHAPTER_TITLE,
       CHAPTER_FIELDS };

static const struct dump_field chapter_fields[CHAPTER_FIELDS] = {
	[CHAPTER_POSITION] = REQ("position", DUMP_INT),
	[CHAPTER_START] = REQ("start_ms", DUMP_INT),
	[CHAPTER_END] = REQ("end_ms", DUMP_INT),
	[CHAPTER_TITLE] = OPT("title", DUMP_TEXT),
};

enum { TRANSCRIPT_POSITION, TRANSCRIPT_PATH, TRANSCRIPT_MIME,
       TRANSCRIPT_LANGUAGE, TRANSCRIPT_FIELDS };

static const struct dump_field transcript_fields[TRANSCRIPT_FIELDS] = {
	[TRANSCRIPT_POSITION] = REQ("position", DUMP_INT),
	[TRANSCRIPT_PATH] = REQ("path", DUMP_PATH),
	[TRANSCRIPT_MIME] = REQ("mime", DUMP_TEXT),
	[TRANSCRIPT_LANGUAGE] = OPT("language", DUMP_TEXT),
};

enum {
	RENDITION_POSITION,
	RENDITION_PATH,
	RENDITION_MIME,
	RENDITION_KIND,
	RENDITION_SHA256,
	RENDITION_SIZE,
	RENDITION_DURATION,
	RENDITION_BIT_RATE,
	RENDITION_WIDTH,
	RENDITION_HEIGHT,
	RENDITION_TITLE,
	RENDITION_FIELDS,
};

static const struct dump_field rendition_fields[RENDITION_FIELDS] = {
	[RENDITION_POSITION] = REQ("position", DUMP_INT),
	[RENDITION_PATH] = REQ("path", DUMP_PATH),
	[RENDITION_MIME] = REQ("mime", DUMP_TEXT),
	[RENDITION_KIND] = REQ("kind", DUMP_TEXT),
	[RENDITION_SHA256] = OPT("sha256", DUMP_TEXT),
	[RENDITION_SIZE] = REQ("size_bytes", DUMP_INT),
	[RENDITION_DURATION] = REQ("duration_ms", DUMP_INT),
	[RENDITION_BIT_RATE] = REQ("bit_rate", DUMP_INT),
	[RENDITION_WIDTH] = REQ("width", DUMP_INT32),
	[RENDITION_HEIGHT] = REQ("height", DUMP_INT32),
	[RENDITION_TITLE] = OPT("title", DUMP_TEXT),
};

enum { LOG_ID, LOG_EPISODE, LOG_AT, LOG_ACTOR, LOG_ACTION, LOG_FROM, LOG_TO,
       LOG_NOTE, LOG_FIELDS };

/* episode_id is no reference: the log of a removed episode is kept. */
static const struct dump_field log_fields[LOG_FIELDS] = {
	[LOG_ID] = REQ("id", DUMP_INT),
	[LOG_EPISODE] = REQ("episode_id", DUMP_INT),
	[LOG_AT] = REQ("at_unix", DUMP_INT),
	[LOG_ACTOR] = REQ("actor", DUMP_TEXT),
	[LOG_ACTION] = REQ("action", DUMP_TEXT),
	[LOG_FROM] = OPT("from_status", DUMP_TEXT),
	[LOG_TO] = OPT("to_status", DUMP_TEXT),
	[LOG_NOTE] = OPT("note", DUMP_TEXT),
};

/* A followed show's feed (siar follow), inside its show. */
enum { FOLLOW_URL, FOLLOW_ETAG, FOLLOW_LAST_MODIFIED, FOLLOW_FOLLOWED,
       FOLLOW_CHECKED, FOLLOW_CHANGED, FOLLOW_ERROR, FOLLOW_FIELDS };

static const struct dump_field follow_fields[FOLLOW_FIELDS] = {
	[FOLLOW_URL] = REQ("url", DUMP_TEXT),
	[FOLLOW_ETAG] = OPT("etag", DUMP_TEXT),
	[FOLLOW_LAST_MODIFIED] = OPT("last_modified", DUMP_TEXT),
	[FOLLOW_FOLLOWED] = REQ("followed_unix", DUMP_INT),
	[FOLLOW_CHECKED] = REQ("checked_unix", DUMP_INT),
	[FOLLOW_CHANGED] = REQ("changed_unix", DUMP_INT),
	[FOLLOW_ERROR] = OPT("last_error", DUMP_TEXT),
};

#define FIELDS(f) f, sizeof(f) / sizeof((f)[0])

/* Positions can repeat after a merge; the keys after them decide. */
static const struct dump_list lists[DUMP_LISTS] = {
	[DUMP_PEOPLE] = {"people", "person", "people", NULL, "id",
			 FIELDS(person_fields), {DUMP_NONE}},
	[DUMP_TOPICS] = {"topics", "topic", "topics", NULL, "id",
			 FIELDS(topic_fields), {DUMP_NONE}},
	[DUMP_SHOWS] = {"shows", "show", "shows", NULL, "id",
			FIELDS(show_fields),
			{DUMP_SHOW_PEOPLE, DUMP_FOLLOWS, DUMP_NONE}},
	[DUMP_SHOW_PEOPLE] = {"people", "person", "show_people", "show_id",
			      "position, person_id, role",
			      FIELDS(credit_fields), {DUMP_NONE}},
	[DUMP_EPISODES] = {"episodes", "episode", "episodes", NULL, "id",
			   FIELDS(episode_fields),
			   {
				   [EP_PEOPLE] = DUMP_EPISODE_PEOPLE,
				   [EP_TOPICS] = DUMP_EPISODE_TOPICS,
				   [EP_CHAPTERS] = DUMP_CHAPTERS,
				   [EP_TRANSCRIPTS] = DUMP_TRANSCRIPTS,
				   [EP_RENDITIONS] = DUMP_RENDITIONS,
			   }},
	[DUMP_EPISODE_PEOPLE] = {"people", "person", "episode_people",
				 "episode_id", "position, person_id, role",
				 FIELDS(credit_fields), {DUMP_NONE}},
	[DUMP_EPISODE_TOPICS] = {"topics", "topic", "episode_topics",
				 "episode_id", "position, topic_id",
				 FIELDS(episode_topic_fields), {DUMP_NONE}},
	[DUMP_CHAPTERS] = {"chapters", "chapter", "episode_chapters",
			   "episode_id", "position", FIELDS(chapter_fields),
			   {DUMP_NONE}},
	[DUMP_TRANSCRIPTS] = {"transcripts", "transcript",
			      "episode_transcripts", "episode_id", "position",
			      FIELDS(transcript_fields), {DUMP_NONE}},
	[DUMP_RENDITIONS] = {"renditions", "rendition", "episode_renditions",
			     "episode_id", "position",
			     FIELDS(rendition_fields), {DUMP_NONE}},
	[DUMP_LOG] = {"log", "log entry", "episode_log", NULL, "id",
		      FIELDS(log_fields), {DUMP_NONE}},
	[DUMP_FOLLOWS] = {"follow", "follow", "follows", "show_id", "url",
			  FIELDS(follow_fields), {DUMP_NONE}},
};

_Static_assert(EP_FIELDS <= DUMP_FIELDS_MAX, "an episode fits an item");
_Static_assert(SHOW_FIELDS <= DUMP_FIELDS_MAX, "a show fits an item");
_Static_assert(EP_RENDITIONS < DUMP_INNER_MAX, "an episode's lists fit");

/* The lists of the document, in the order they are written. */
static const enum dump_list_id export_order[] = {
	DUMP_SHOWS, DUMP_PEOPLE, DUMP_TOPICS, DUMP_EPISODES, DUMP_LOG,
};

/* The same lists, each after those its items refer to. */
static const enum dump_list_id import_order[] = {
	DUMP_PEOPLE, DUMP_TOPICS, DUMP_SHOWS, DUMP_EPISODES, DUMP_LOG,
};

#define N_DOCUMENT_LISTS (sizeof(import_order) / sizeof(import_order[0]))

static const char *column_of(const struct dump_field *f)
{
	return f->column ? f->column : f->key;
}

/* The lists inside items of 'l' (their count). */
static size_t inner_count(const struct dump_list *l)
{
	size_t n = 0;

	while (n < DUMP_INNER_MAX && l->inner[n] != DUMP_NONE)
		n++;
	return n;
}

/* ---- Export ------------------------------------------------------------- */

/* Append 'tpl' with every '@' in it replaced by 'column'. */
static void add_template(struct siar_buf *b, const char *tpl,
			 const char *column)
{
	const char *at;

	for (;;) {
		at = strchr(tpl, '@');
		if (!at)
			break;
		siar_buf_add(b, tpl, (size_t)(at - tpl));
		siar_buf_adds(b, column);
		tpl = at + 1;
	}
	siar_buf_adds(b, tpl);
}

/*
 * The real number 'x' as the shortest text of 15, 16 or 17 significant
 * digits that strtod() reads back as 'x' (17 always do), with ".0" added
 * when it would read as an integer. The C library converts exactly both
 * ways; SQLite's own conversions go through long double, which is not
 * exact everywhere (where long double is double, and under valgrind the
 * tests' 1.6236200785131995e+299 came back one bit off). The format is
 * the "C" locale's: siar never calls setlocale().
 */
static void real_text(double x, char out[DUMP_REAL_MAX])
{
	size_t len;
	int digits;

	for (digits = 15; digits < 17; digits++) {
		snprintf(out, DUMP_REAL_MAX, "%.*g", digits, x);
		if (strtod(out, NULL) == x)
			break;
	}
	if (digits == 17)
		snprintf(out, DUMP_REAL_MAX, "%.17g", x);
	len = strlen(out);
	if (!strpbrk(out, ".e") && len + 2 < DUMP_REAL_MAX)
		memcpy(out + len, ".0", 3);
}

/*
 * SQL siar_json_real(X): real_text() of X, NULL for NULL. json_object()
 * would write a real with SQLite's 15 digits, which do not always read
 * back as the same number (30000/1001 frames per second does not).
 */
static void json_real_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char text[DUMP_REAL_MAX];
	double x;

	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	x = sqlite3_value_double(argv[0]);
	if (!isfinite(x)) {
		sqlite3_result_error(ctx, "a stored real number is not finite,"
					  " which JSON cannot hold", -1);
		return;
	}
	real_text(x, text);
	sqlite3_result_text(ctx, text, -1, SQLITE_TRANSIENT);
}

/* json() makes the text a JSON number. */
static const char real_json[] = "json(siar_json_real(@))";

static const char bool_json[] =
	"json(CASE WHEN @ THEN 'true' ELSE 'false' END)";

static void export_value(struct siar_buf *sql, const struct dump_field *f)
{
	switch (f->kind) {
	case DUMP_BOOL:
		add_template(sql, bool_json, column_of(f));
		break;
	case DUMP_REAL:
		add_template(sql, real_json, column_of(f));
		break;
	case DUMP_INT:
	case DUMP_INT32:
	case DUMP_TEXT:
	case DUMP_PATH:
		siar_buf_adds(sql, column_of(f));
		break;
	}
}

static void export_object(struct siar_buf *sql, enum dump_list_id id);

/*
 * The lists inside an item, one subquery each, ordered before they are
 * aggregated (SQLite keeps the order of a subquery it does not flatten,
 * and it does not flatten one with ORDER BY under an aggregate). json()
 * keeps each object JSON through the subquery.
 */
static void export_inner(struct siar_buf *sql, enum dump_list_id id)
{
	const struct dump_list *l = &lists[id];

	siar_buf_addf(sql, ", '%s', (SELECT json_group_array(json(j)) FROM"
		      " (SELECT ", l->key);
	export_object(sql, id);
	siar_buf_addf(sql, " AS j FROM %s WHERE %s = t.id ORDER BY %s))",
		      l->table, l->parent, l->order);
}

static void export_object(struct siar_buf *sql, enum dump_list_id id)
{
	const struct dump_list *l = &lists[id];
	size_t i;

	siar_buf_adds(sql, "json_object(");
	for (i = 0; i < l->n_fields; i++) {
		siar_buf_addf(sql, "%s'%s', ", i ? ", " : "", l->fields[i].key);
		export_value(sql, &l->fields[i]);
	}
	for (i = 0; i < inner_count(l); i++)
		export_inner(sql, l->inner[i]);
	siar_buf_addc(sql, ')');
}

static int write_failed(struct siar_err *err)
{
	return siar_err_set(err, SIAR_EIO, "cannot write the export: %s",
			    errno ? strerror(errno) : "write error");
}

/* Write '"KEY":[' and the objects of list 'id', one a line. */
static int export_list(struct catalog *cat, FILE *out, enum dump_list_id id,
		       struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	sqlite3_stmt *st = NULL;
	struct siar_buf sql;
	const void *row;
	size_t n = 0;
	int src = SQLITE_OK, rc;

	siar_buf_init(&sql, 0);
	siar_buf_adds(&sql, "SELECT ");
	export_object(&sql, id);
	siar_buf_addf(&sql, " FROM %s AS t ORDER BY %s", l->table, l->order);
	rc = siar_buf_check(&sql, err);
	if (!rc)
		rc = catalog_prepare(cat, sql.buf, &st, err);
	if (!rc)
		fprintf(out, ",\n\"%s\":[", l->key);
	while (!rc && !ferror(out)) {
		src = sqlite3_step(st);
		if (src != SQLITE_ROW)
			break;
		row = sqlite3_column_text(st, 0);
		if (!row) {
			src = SQLITE_NOMEM;
			break;
		}
		fputs(n++ ? ",\n" : "\n", out);
		fwrite(row, 1, (size_t)sqlite3_column_bytes(st, 0), out);
	}
	if (!rc && src != SQLITE_DONE && src != SQLITE_ROW)
		rc = catalog_db_error(cat, "export the catalogue", src, err);
	if (!rc)
		fputs("\n]", out);
	sqlite3_finalize(st);
	siar_buf_release(&sql);
	return rc;
}

/*
 * One read transaction, so that the lists agree with each other while
 * others write (WAL keeps the snapshot). Inside a caller's transaction
 * the export reads what it sees.
 */
static int export_all(struct catalog *cat, FILE *out, struct siar_err *err)
{
	size_t i;
	int rc = SIAR_OK;

	fprintf(out, "{\"siar_export\":%d,\"schema_version\":%d,"
		     "\"exported_unix\":%lld",
		DUMP_FORMAT, catalog_schema_version(cat),
		(long long)catalog_now(cat));
	for (i = 0; i < N_DOCUMENT_LISTS && !rc && !ferror(out); i++)
		rc = export_list(cat, out, export_order[i], err);
	if (!rc)
		fputs("}\n", out);
	return rc;
}

int catalog_export(struct catalog *cat, FILE *out, struct siar_err *err)
{
	bool began;
	int src, rc;

	assert(cat && out && err);
	src = sqlite3_create_function_v2(cat->db, "siar_json_real", 1,
					 SQLITE_UTF8 | SQLITE_DETERMINISTIC,
					 NULL, json_real_fn, NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "export the catalogue", src, err);
	began = sqlite3_get_autocommit(cat->db) != 0;
	if (began) {
		src = sqlite3_exec(cat->db, "BEGIN", NULL, NULL, NULL);
		if (src != SQLITE_OK)
			return catalog_db_error(cat, "start a transaction", src,
						err);
	}
	errno = 0;
	rc = export_all(cat, out, err);
	/* Only read: ending it cannot lose anything. */
	if (began)
		sqlite3_exec(cat->db, "ROLLBACK", NULL, NULL, NULL);
	if (!rc && (fflush(out) != 0 || ferror(out)))
		rc = write_failed(err);
	return rc;
}

/* ---- Import: reading items ---------------------------------------------- */

/* A field's value as read from the document. */
struct dump_value {
	bool set;		/* given and not null */
	int64_t i;		/* DUMP_INT, DUMP_INT32 and DUMP_BOOL */
	double r;		/* DUMP_REAL */
	char *s;		/* DUMP_TEXT and DUMP_PATH; owned */
};

struct dump_item;

/* The items of a list inside an item. */
struct dump_items {
	struct dump_item *items;
	size_t n, cap;
};

/* "episode 12, chapters[2]": long enough for any item's name. */
#define DUMP_NAME_MAX 96

/* An item read from the document, not yet stored. */
struct dump_item {
	char name[DUMP_NAME_MAX];	/* for messages */
	struct dump_value v[DUMP_FIELDS_MAX];	/* by field */
	struct dump_items inner[DUMP_INNER_MAX];	/* by inner list */
};

static void item_release(struct dump_item *item)
{
	size_t i, k;

	for (i = 0; i < DUMP_FIELDS_MAX; i++)
		free(item->v[i].s);
	for (i = 0; i < DUMP_INNER_MAX; i++) {
		for (k = 0; k < item->inner[i].n; k++)
			item_release(&item->inner[i].items[k]);
		free(item->inner[i].items);
	}
	memset(item, 0, sizeof(*item));
}

/*
 * The statements an import runs, each prepared on first use and finalized
 * at the end: walking a list inside an item and reading the fields of an
 * item are two cursors open together. The rows are stored with one INSERT
 * per table.
 */
struct dump_import {
	struct catalog *cat;
	const char *doc;	/* the document, for offsets in messages */
	sqlite3_stmt *inner;	/* ?1 a list inside an item */
	sqlite3_stmt *fields;	/* ?1 an item */
	sqlite3_stmt *show_slug;
	sqlite3_stmt *insert[DUMP_LISTS];
	sqlite3_stmt *exists[DUMP_LISTS];
	struct catalog_import_counts counts;
};

static int stmt_get(struct dump_import *im, sqlite3_stmt **st,
		    const char *sql, struct siar_err *err)
{
	if (*st)
		return SIAR_OK;
	return catalog_prepare(im->cat, sql, st, err);
}

static void import_release(struct dump_import *im)
{
	size_t i;

	sqlite3_finalize(im->inner);
	sqlite3_finalize(im->fields);
	sqlite3_finalize(im->show_slug);
	for (i = 0; i < DUMP_LISTS; i++) {
		sqlite3_finalize(im->insert[i]);
		sqlite3_finalize(im->exists[i]);
	}
}

static const char *kind_wanted(enum dump_kind kind)
{
	switch (kind) {
	case DUMP_INT:
	case DUMP_INT32:
		return "an integer";
	case DUMP_BOOL:
		return "true or false";
	case DUMP_REAL:
		return "a number";
	case DUMP_TEXT:
	case DUMP_PATH:
		return "a string";
	}
	return "";
}

/* A copy of the text in column 'col' of 'st', NUL bytes refused. */
static int text_copy(sqlite3_stmt *st, int col, const struct dump_item *item,
		     const char *key, char **out, struct siar_err *err)
{
	const unsigned char *s = sqlite3_column_text(st, col);
	size_t len = (size_t)sqlite3_column_bytes(st, col);

	if (!s)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	if (strlen((const char *)s) != len)
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: '%s' holds a NUL character",
				    item->name, key);
	*out = malloc(len + 1);
	if (!*out)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	memcpy(*out, s, len + 1);
	return SIAR_OK;
}

/*
 * Whether a JSON value of 'type' ('is_int': an integer that fits int64)
 * can be a field of 'kind'. Cannot fail.
 */
static bool kind_takes(enum dump_kind kind, const char *type, bool is_int)
{
	switch (kind) {
	case DUMP_INT:
	case DUMP_INT32:
		return is_int;
	case DUMP_BOOL:
		return !strcmp(type, "true") || !strcmp(type, "false");
	case DUMP_REAL:
		return !strcmp(type, "integer") || !strcmp(type, "real");
	case DUMP_TEXT:
	case DUMP_PATH:
		return !strcmp(type, "text");
	}
	return false;
}

/*
 * The number in column 4 of 'st', as the document writes it, read by
 * strtod(): SQLite's own reading is not exact everywhere (real_text()).
 */
static int real_read(sqlite3_stmt *st, const struct dump_field *f,
		     const struct dump_item *item, double *out,
		     struct siar_err *err)
{
	const char *text = (const char *)sqlite3_column_text(st, 4);
	char *end;

	if (!text)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	*out = strtod(text, &end);
	if (*end || !isfinite(*out))
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: '%s' is not a finite number",
				    item->name, f->key);
	return SIAR_OK;
}

/*
 * Read field 'f' of 'item' from the current row of im->fields: its JSON
 * 'type' and, in column 2, its value (json_each's atom). Null leaves 'v'
 * unset; whether it may be is fields_complete()'s question.
 */
static int value_read(sqlite3_stmt *st, const char *type,
		      const struct dump_field *f, struct dump_item *item,
		      struct dump_value *v, struct siar_err *err)
{
	bool is_int = !strcmp(type, "integer") &&
		      sqlite3_column_type(st, 2) == SQLITE_INTEGER;

	if (!strcmp(type, "null"))
		return SIAR_OK;
	if (!kind_takes(f->kind, type, is_int))
		return siar_err_set(err, SIAR_EINVAL, "%s: '%s' must be %s",
				    item->name, f->key, kind_wanted(f->kind));
	v->i = f->kind == DUMP_BOOL ? !strcmp(type, "true")
				    : sqlite3_column_int64(st, 2);
	if (f->kind == DUMP_INT32 && (v->i < INT_MIN || v->i > INT_MAX))
		return siar_err_set(err, SIAR_EINVAL, "%s: '%s' is too large",
				    item->name, f->key);
	if (f->kind == DUMP_REAL && real_read(st, f, item, &v->r, err))
		return err->code;
	if ((f->kind == DUMP_TEXT || f->kind == DUMP_PATH) &&
	    text_copy(st, 2, item, f->key, &v->s, err))
		return err->code;
	v->set = true;
	return SIAR_OK;
}

/*
 * The field of 'l' named 'key', or -1. Fields usually come in the order
 * they are written, so the search starts after the last one found.
 */
static int field_find(const struct dump_list *l, const char *key,
		      size_t *hint)
{
	size_t k, i;

	for (k = 0; k < l->n_fields; k++) {
		i = (*hint + k) % l->n_fields;
		if (!strcmp(l->fields[i].key, key)) {
			*hint = i + 1;
			return (int)i;
		}
	}
	return -1;
}

static int inner_find(const struct dump_list *l, const char *key)
{
	size_t j;

	for (j = 0; j < inner_count(l); j++)
		if (!strcmp(lists[l->inner[j]].key, key))
			return (int)j;
	return -1;
}

/*
 * Read field 'i' of 'item', an item of list 'l'. An item of a list of the
 * document is named by its ID once it has one ("episode 12").
 */
static int field_value_read(sqlite3_stmt *st, const char *type,
			    const struct dump_list *l, size_t i,
			    struct dump_item *item, struct siar_err *err)
{
	struct dump_value *v = &item->v[i];
	int rc;

	rc = value_read(st, type, &l->fields[i], item, v, err);
	if (!rc && i == 0 && !l->parent && v->set && v->i > 0)
		snprintf(item->name, sizeof(item->name), "%s %lld", l->one,
			 (long long)v->i);
	return rc;
}

/* What reading the fields of one item has seen so far. */
struct fields_seen {
	bool field[DUMP_FIELDS_MAX];
	char *inner[DUMP_INNER_MAX];	/* the JSON of each inner list */
	size_t hint;
};

/* Take the field in the current row of im->fields into 'item'. */
static int field_take(sqlite3_stmt *st, const struct dump_list *l,
		      struct dump_item *item, struct fields_seen *seen,
		      struct siar_err *err)
{
	const char *key = (const char *)sqlite3_column_text(st, 0);
	const char *type = (const char *)sqlite3_column_text(st, 1);
	int i, j;

	if (!key || !type)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	i = field_find(l, key, &seen->hint);
	if (i >= 0 && seen->field[i])
		return siar_err_set(err, SIAR_EINVAL, "%s: '%s' is given twice",
				    item->name, key);
	if (i >= 0) {
		seen->field[i] = true;
		return field_value_read(st, type, l, (size_t)i, item, err);
	}
	j = inner_find(l, key);
	if (j < 0)
		return siar_err_set(err, SIAR_EINVAL, "%s: unknown field '%s'",
				    item->name, key);
	if (seen->inner[j])
		return siar_err_set(err, SIAR_EINVAL, "%s: '%s' is given twice",
				    item->name, key);
	if (strcmp(type, "array"))
		return siar_err_set(err, SIAR_EINVAL, "%s: '%s' must be a list",
				    item->name, key);
	return text_copy(st, 3, item, key, &seen->inner[j], err);
}

/* Every required field and every inner list was there. */
static int fields_complete(const struct dump_list *l,
			   const struct dump_item *item,
			   const struct fields_seen *seen, struct siar_err *err)
{
	size_t i;

	for (i = 0; i < l->n_fields; i++)
		if (l->fields[i].required && !item->v[i].set)
			return siar_err_set(err, SIAR_EINVAL, "%s has no '%s'",
					    item->name, l->fields[i].key);
	for (i = 0; i < inner_count(l); i++)
		if (!seen->inner[i])
			return siar_err_set(err, SIAR_EINVAL, "%s has no '%s'",
					    item->name, lists[l->inner[i]].key);
	return SIAR_OK;
}

/*
 * Read the fields of 'item', an item of list 'id' whose JSON is 'json'
 * ('len' bytes), keeping the JSON of its inner lists in 'seen'.
 */
static int fields_read(struct dump_import *im, enum dump_list_id id,
		       const char *json, size_t len, struct dump_item *item,
		       struct fields_seen *seen, struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	int src, rc;

	rc = stmt_get(im, &im->fields,
		      "SELECT key, type, atom, value, CASE WHEN type IN"
		      " ('integer', 'real') THEN ?1 -> fullkey END"
		      " FROM json_each(?1)",
		      err);
	if (rc)
		return rc;
	src = sqlite3_bind_text64(im->fields, 1, json, len, SQLITE_STATIC,
				  SQLITE_UTF8);
	while (!rc && src == SQLITE_OK) {
		src = sqlite3_step(im->fields);
		if (src != SQLITE_ROW)
			break;
		src = SQLITE_OK;
		rc = field_take(im->fields, l, item, seen, err);
	}
	/* SQLite says only "malformed JSON"; the item says where. */
	if (!rc && src == SQLITE_ERROR)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "not a siar dump: %s is not valid JSON",
				  item->name);
	else if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(im->cat, "read the dump", src, err);
	catalog_stmt_done(im->fields);
	if (!rc)
		rc = fields_complete(l, item, seen, err);
	return rc;
}

/* A new item at the end of 'items', named "OUTER, KEY[INDEX]". */
static struct dump_item *items_push(struct dump_items *items,
				    const struct dump_item *outer,
				    const char *key)
{
	struct dump_item *grown, *item;
	size_t cap;

	if (items->n == items->cap) {
		cap = items->cap ? items->cap * 2 : 4;
		grown = NULL;
		if (cap <= SIZE_MAX / sizeof(*grown))
			grown = realloc(items->items, cap * sizeof(*grown));
		if (!grown)
			return NULL;
		items->items = grown;
		items->cap = cap;
	}
	item = &items->items[items->n];
	memset(item, 0, sizeof(*item));
	/* An outer name is "episode " and an ID at most: it is never cut. */
	snprintf(item->name, sizeof(item->name), "%.48s, %s[%zu]",
		 outer->name, key, items->n);
	items->n++;
	return item;
}

/* Read the items of inner list 'j' of 'outer' from 'json'. */
static int inner_read(struct dump_import *im, enum dump_list_id id,
		      const char *json, struct dump_item *outer, size_t j,
		      struct siar_err *err)
{
	struct fields_seen seen;
	struct dump_item *item;
	const char *type, *value;
	int src, rc;

	rc = stmt_get(im, &im->inner, "SELECT type, value FROM json_each(?1)",
		      err);
	if (rc)
		return rc;
	src = sqlite3_bind_text(im->inner, 1, json, -1, SQLITE_STATIC);
	while (!rc && src == SQLITE_OK) {
		src = sqlite3_step(im->inner);
		if (src != SQLITE_ROW)
			break;
		src = SQLITE_OK;
		type = (const char *)sqlite3_column_text(im->inner, 0);
		value = (const char *)sqlite3_column_text(im->inner, 1);
		item = items_push(&outer->inner[j], outer, lists[id].key);
		if (!item || !type || !value)
			rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		else if (strcmp(type, "object"))
			rc = siar_err_set(err, SIAR_EINVAL,
					  "%s is not an object", item->name);
		memset(&seen, 0, sizeof(seen));
		if (!rc)
			rc = fields_read(im, id, value,
					 (size_t)sqlite3_column_bytes(im->inner,
								      1),
					 item, &seen, err);
	}
	if (!rc && src != SQLITE_DONE)
		rc = catalog_db_error(im->cat, "read the dump", src, err);
	catalog_stmt_done(im->inner);
	return rc;
}

/* Read 'item' of list 'id' of the document, with its inner lists. */
static int item_read(struct dump_import *im, enum dump_list_id id,
		     const char *json, size_t len, struct dump_item *item,
		     struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	struct fields_seen seen;
	size_t j;
	int rc;

	memset(&seen, 0, sizeof(seen));
	rc = fields_read(im, id, json, len, item, &seen, err);
	for (j = 0; j < inner_count(l) && !rc; j++)
		rc = inner_read(im, l->inner[j], seen.inner[j], item, j, err);
	for (j = 0; j < DUMP_INNER_MAX; j++)
		free(seen.inner[j]);
	return rc;
}

/* ---- Import: checking items --------------------------------------------- */

/* Pass on the failure 'e' of an API check of 'item', naming the item. */
static int check_failed(const struct dump_item *item,
			const struct siar_err *e, struct siar_err *err)
{
	return siar_err_set(err, e->code, "%s: %s", item->name, e->msg);
}

/* Make what 'b' holds the text of 'v'. */
static int value_replace(struct dump_value *v, struct siar_buf *b,
			 struct siar_err *err)
{
	char *s = siar_buf_detach(b);

	if (!s)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	free(v->s);
	v->s = s;
	return SIAR_OK;
}

/* Whether the item with ID 'id' of list 'ref' has been stored. */
static int ref_find(struct dump_import *im, enum dump_list_id ref,
		    int64_t id, bool *found, struct siar_err *err)
{
	struct siar_buf sql;
	int src, rc = SIAR_OK;

	if (!im->exists[ref]) {
		siar_buf_init(&sql, 0);
		siar_buf_addf(&sql, "SELECT 1 FROM %s WHERE id = ?1",
			      lists[ref].table);
		rc = siar_buf_check(&sql, err);
		if (!rc)
			rc = catalog_prepare(im->cat, sql.buf, &im->exists[ref],
					     err);
		siar_buf_release(&sql);
		if (rc)
			return rc;
	}
	src = sqlite3_bind_int64(im->exists[ref], 1, id);
	if (src == SQLITE_OK)
		src = sqlite3_step(im->exists[ref]);
	*found = src == SQLITE_ROW;
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		rc = catalog_db_error(im->cat, "read the dump", src, err);
	catalog_stmt_done(im->exists[ref]);
	return rc;
}

/*
 * Every reference of 'item' names an item stored before it: the lists are
 * imported after those they refer to.
 */
static int refs_check(struct dump_import *im, const struct dump_list *l,
		      const struct dump_item *item, struct siar_err *err)
{
	const struct dump_field *f;
	bool found = true;
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; i < l->n_fields && !rc; i++) {
		f = &l->fields[i];
		if (f->ref == DUMP_NONE || !item->v[i].set)
			continue;
		rc = ref_find(im, f->ref, item->v[i].i, &found, err);
		if (!rc && !found)
			rc = siar_err_set(err, SIAR_EINVAL,
					  "%s: '%s' is %lld, but the dump has"
					  " no %s with that id",
					  item->name, f->key,
					  (long long)item->v[i].i,
					  lists[f->ref].one);
	}
	return rc;
}

/*
 * catalog_show_check() on the fields it reads, borrowed. The base URL
 * loses its trailing slashes, as catalog_show_add() stores it.
 */
static int show_check(struct dump_item *item, struct siar_err *err)
{
	struct dump_value *v = item->v;
	struct catalog_show show;
	struct siar_err e;
	size_t len;

	siar_err_clear(&e);
	catalog_show_init(&show);
	show.slug = v[SHOW_SLUG].s;
	show.title = v[SHOW_TITLE].s;
	show.author = v[SHOW_AUTHOR].s;
	show.language = v[SHOW_LANGUAGE].s;
	show.category = v[SHOW_CATEGORY].s;
	show.image = v[SHOW_IMAGE].s;
	show.owner_email = v[SHOW_OWNER_EMAIL].s;
	show.link = v[SHOW_LINK].s;
	show.base_url = v[SHOW_BASE_URL].s;
	show.timezone = v[SHOW_TIMEZONE].s;
	show.subcategory = v[SHOW_SUBCATEGORY].s;
	show.medium = v[SHOW_MEDIUM].s;
	show.show_type = v[SHOW_TYPE].s;
	show.feed_guid = v[SHOW_FEED_GUID].s;
	show.cadence = v[SHOW_CADENCE].s;
	show.office_level = v[SHOW_OFFICE_LEVEL].s;
	show.image_path = v[SHOW_IMAGE_PATH].s;
	show.apple_url = v[SHOW_APPLE_URL].s;
	show.spotify_url = v[SHOW_SPOTIFY_URL].s;
	show.pocketcasts_url = v[SHOW_POCKETCASTS_URL].s;
	/* 'show' only borrows: it is not released. */
	if (catalog_show_check(&show, &e))
		return check_failed(item, &e, err);
	len = strlen(v[SHOW_BASE_URL].s);
	while (len > 0 && v[SHOW_BASE_URL].s[len - 1] == '/')
		v[SHOW_BASE_URL].s[--len] = '\0';
	return SIAR_OK;
}

/* catalog_person_check(), and the name stored as the API stores it. */
static int person_check(struct dump_item *item, struct siar_err *err)
{
	struct dump_value *v = item->v;
	struct catalog_person p;
	struct siar_buf name;
	struct siar_err e;
	int rc = SIAR_OK;

	siar_err_clear(&e);
	siar_buf_init(&name, 0);
	catalog_person_init(&p);
	p.name = v[PERSON_NAME].s;
	p.url = v[PERSON_URL].s;
	p.photo = v[PERSON_PHOTO].s;
	if (catalog_person_check(&p, &e) ||
	    catalog_name_clean(&name, p.name, "person", &e))
		rc = check_failed(item, &e, err);
	if (!rc)
		rc = value_replace(&v[PERSON_NAME], &name, err);
	siar_buf_release(&name);
	return rc;
}

/*
 * A topic's name as the API stores it, and its slug the one the name
 * makes: the API finds a topic by the slug of the name it is given.
 */
static int topic_check(struct dump_item *item, struct siar_err *err)
{
	struct dump_value *v = item->v;
	struct siar_buf name, slug;
	struct siar_err e;
	int rc = SIAR_OK;

	siar_err_clear(&e);
	siar_buf_init(&name, 0);
	siar_buf_init(&slug, 0);
	if (catalog_topic_clean(&name, &slug, v[TOPIC_NAME].s, &e))
		rc = check_failed(item, &e, err);
	else if (strcmp(slug.buf, v[TOPIC_SLUG].s))
		rc = siar_err_set(err, SIAR_EINVAL,
				  "%s: slug '%s' is not the one its name makes"
				  " ('%s')",
				  item->name, v[TOPIC_SLUG].s, slug.buf);
	if (!rc)
		rc = value_replace(&v[TOPIC_NAME], &name, err);
	siar_buf_release(&name);
	siar_buf_release(&slug);
	return rc;
}

static bool lowercase(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return false;
	return true;
}

/* A role of the taxonomy, stored in lowercase as the API stores it. */
static int credit_check(const struct dump_item *item, struct siar_err *err)
{
	const char *role = item->v[CREDIT_ROLE].s;
	const char *group = item->v[CREDIT_GROUP].s;

	if (!catalog_person_role_valid(group, role))
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: bad role '%s' in group '%s'",
				    item->name, role, group);
	if (!lowercase(role) || !lowercase(group))
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: role '%s' and group '%s' are stored"
				    " in lowercase",
				    item->name, role, group);
	return SIAR_OK;
}

/* The fields of an episode that catalog_episode_check() reads, borrowed. */
static void episode_view(const struct dump_item *item, char *slug,
			 struct catalog_episode *ep)
{
	const struct dump_value *v = item->v;

	ep->id = v[EP_ID].i;
	ep->show_slug = slug;
	ep->title = v[EP_TITLE].s;
	ep->media_path = v[EP_MEDIA_PATH].s;
	ep->media_mime = v[EP_MEDIA_MIME].s;
	ep->media_kind = v[EP_MEDIA_KIND].s;
	ep->media_sha256 = v[EP_MEDIA_SHA256].s;
	ep->media_size_bytes = v[EP_MEDIA_SIZE].i;
	ep->duration_ms = v[EP_DURATION].i;
	ep->bit_rate = v[EP_BIT_RATE].i;
	ep->width = (int)v[EP_WIDTH].i;
	ep->height = (int)v[EP_HEIGHT].i;
	ep->sample_rate = (int)v[EP_SAMPLE_RATE].i;
	ep->channels = (int)v[EP_CHANNELS].i;
	ep->frame_rate = v[EP_FRAME_RATE].r;
	ep->has_loudness = v[EP_LOUDNESS].set;
	ep->loudness_lufs = v[EP_LOUDNESS].r;
	ep->loudness_range_lu = v[EP_LOUDNESS_RANGE].r;
	ep->true_peak_dbtp = v[EP_TRUE_PEAK].r;
	ep->image_path = v[EP_IMAGE_PATH].s;
	ep->poster_path = v[EP_POSTER_PATH].s;
	ep->recorded_on = v[EP_RECORDED_ON].s;
	ep->season = (int)v[EP_SEASON].i;
	ep->episode_number = (int)v[EP_NUMBER].i;
	ep->episode_type = v[EP_TYPE].s;
}

static void rendition_view(const struct dump_item *item,
			   struct catalog_rendition *r)
{
	const struct dump_value *v = item->v;

	r->path = v[RENDITION_PATH].s;
	r->mime = v[RENDITION_MIME].s;
	r->kind = v[RENDITION_KIND].s;
	r->sha256 = v[RENDITION_SHA256].s;
	r->size_bytes = v[RENDITION_SIZE].i;
	r->duration_ms = v[RENDITION_DURATION].i;
	r->bit_rate = v[RENDITION_BIT_RATE].i;
	r->width = (int)v[RENDITION_WIDTH].i;
	r->height = (int)v[RENDITION_HEIGHT].i;
	r->title = v[RENDITION_TITLE].s;
}

/*
 * The chapters, transcripts and renditions of 'ep', borrowed from the
 * inner lists of 'item'; the caller frees the three arrays.
 */
static int episode_lists_view(const struct dump_item *item,
			      struct catalog_episode *ep, struct siar_err *err)
{
	const struct dump_items *ch = &item->inner[EP_CHAPTERS];
	const struct dump_items *tr = &item->inner[EP_TRANSCRIPTS];
	const struct dump_items *re = &item->inner[EP_RENDITIONS];
	const struct dump_value *v;
	size_t k;

	ep->chapters = calloc(ch->n + 1, sizeof(*ep->chapters));
	ep->transcripts = calloc(tr->n + 1, sizeof(*ep->transcripts));
	ep->renditions = calloc(re->n + 1, sizeof(*ep->renditions));
	if (!ep->chapters || !ep->transcripts || !ep->renditions)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	for (k = 0; k < ch->n; k++) {
		v = ch->items[k].v;
		ep->chapters[k].start_ms = v[CHAPTER_START].i;
		ep->chapters[k].end_ms = v[CHAPTER_END].i;
		ep->chapters[k].title = v[CHAPTER_TITLE].s;
	}
	for (k = 0; k < tr->n; k++) {
		v = tr->items[k].v;
		ep->transcripts[k].path = v[TRANSCRIPT_PATH].s;
		ep->transcripts[k].mime = v[TRANSCRIPT_MIME].s;
		ep->transcripts[k].language = v[TRANSCRIPT_LANGUAGE].s;
	}
	for (k = 0; k < re->n; k++)
		rendition_view(&re->items[k], &ep->renditions[k]);
	ep->n_chapters = ch->n;
	ep->n_transcripts = tr->n;
	ep->n_renditions = re->n;
	return SIAR_OK;
}

/* What the schema and the workflow need of an episode's state. */
static int episode_state_check(const struct dump_item *item,
			       struct siar_err *err)
{
	const struct dump_value *v = item->v;
	enum catalog_status status;

	if (catalog_blank(v[EP_GUID].s))
		return siar_err_set(err, SIAR_EINVAL, "%s: 'guid' is blank",
				    item->name);
	if (v[EP_LOUDNESS].set != v[EP_LOUDNESS_RANGE].set ||
	    v[EP_LOUDNESS].set != v[EP_TRUE_PEAK].set)
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: 'loudness_lufs', 'loudness_range_lu'"
				    " and 'true_peak_dbtp' go together",
				    item->name);
	if (!catalog_status_parse(v[EP_STATUS].s, &status))
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: unknown status '%s'", item->name,
				    v[EP_STATUS].s);
	if (status == CATALOG_STATUS_PUBLISHED && !v[EP_PUBLISHED].set)
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: a published episode needs"
				    " 'published_unix'",
				    item->name);
	return SIAR_OK;
}

/* The slug of show 'id', stored already, for the API's messages. */
static int show_slug(struct dump_import *im, int64_t id, char **out,
		     struct siar_err *err)
{
	const unsigned char *slug;
	int src, rc;

	rc = stmt_get(im, &im->show_slug,
		      "SELECT slug FROM shows WHERE id = ?1", err);
	if (rc)
		return rc;
	src = sqlite3_bind_int64(im->show_slug, 1, id);
	if (src == SQLITE_OK)
		src = sqlite3_step(im->show_slug);
	slug = src == SQLITE_ROW ? sqlite3_column_text(im->show_slug, 0) : NULL;
	if (slug) {
		*out = siar_strdup((const char *)slug);
		src = *out ? SQLITE_OK : SQLITE_NOMEM;
	}
	if (src != SQLITE_OK)
		rc = catalog_db_error(im->cat, "read the dump", src, err);
	catalog_stmt_done(im->show_slug);
	return rc;
}

/*
 * catalog_episode_check() with the episode's chapters, transcripts and
 * renditions, the number check of catalog_episode_add(), and its state.
 */
static int episode_check(struct dump_import *im, const struct dump_item *item,
			 struct siar_err *err)
{
	struct catalog_episode ep;
	struct siar_err e;
	char *slug = NULL;
	int rc;

	siar_err_clear(&e);
	catalog_episode_init(&ep);
	rc = episode_state_check(item, err);
	if (!rc)
		rc = show_slug(im, item->v[EP_SHOW].i, &slug, err);
	if (!rc) {
		episode_view(item, slug, &ep);
		rc = episode_lists_view(item, &ep, err);
	}
	if (!rc &&
	    (catalog_episode_check(&ep, &e) ||
	     catalog_episode_number_check(im->cat, &ep, item->v[EP_SHOW].i,
					  ep.id, &e)))
		rc = check_failed(item, &e, err);
	/* 'ep' borrows all but these. */
	free(ep.chapters);
	free(ep.transcripts);
	free(ep.renditions);
	free(slug);
	return rc;
}

/* The log keeps what siar logs: someone, an action, known statuses. */
static int log_check(const struct dump_item *item, struct siar_err *err)
{
	const struct dump_value *v = item->v;
	enum catalog_status status;

	if (v[LOG_EPISODE].i < 1)
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: 'episode_id' must be a positive"
				    " integer",
				    item->name);
	if (catalog_blank(v[LOG_ACTOR].s))
		return siar_err_set(err, SIAR_EINVAL, "%s: 'actor' is blank",
				    item->name);
	if (catalog_blank(v[LOG_ACTION].s))
		return siar_err_set(err, SIAR_EINVAL, "%s: 'action' is blank",
				    item->name);
	if (v[LOG_FROM].set && !catalog_status_parse(v[LOG_FROM].s, &status))
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: unknown status '%s' in 'from_status'",
				    item->name, v[LOG_FROM].s);
	if (v[LOG_TO].set && !catalog_status_parse(v[LOG_TO].s, &status))
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: unknown status '%s' in 'to_status'",
				    item->name, v[LOG_TO].s);
	return SIAR_OK;
}

static int item_check(struct dump_import *im, enum dump_list_id id,
		      struct dump_item *item, struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	int rc;

	if (!l->parent && item->v[0].i < 1)
		return siar_err_set(err, SIAR_EINVAL,
				    "%s: 'id' must be a positive integer",
				    item->name);
	rc = refs_check(im, l, item, err);
	if (rc)
		return rc;
	switch (id) {
	case DUMP_PEOPLE:
		return person_check(item, err);
	case DUMP_TOPICS:
		return topic_check(item, err);
	case DUMP_SHOWS:
		return show_check(item, err);
	case DUMP_SHOW_PEOPLE:
	case DUMP_EPISODE_PEOPLE:
		return credit_check(item, err);
	case DUMP_EPISODES:
		return episode_check(im, item, err);
	case DUMP_LOG:
		return log_check(item, err);
	case DUMP_EPISODE_TOPICS:
	case DUMP_CHAPTERS:
	case DUMP_TRANSCRIPTS:
	case DUMP_RENDITIONS:
		/* Checked with their episode, or by their references. */
	case DUMP_FOLLOWS:
		/* The schema checks the URL. */
	case DUMP_NONE:
	case DUMP_LISTS:
		break;
	}
	return SIAR_OK;
}

/* ---- Import: storing items ---------------------------------------------- */

static void value_bind(struct catalog_bind *b, const struct dump_field *f,
		       const struct dump_value *v)
{
	if (!v->set) {
		catalog_bind_null(b);
		return;
	}
	switch (f->kind) {
	case DUMP_INT:
	case DUMP_INT32:
	case DUMP_BOOL:
		catalog_bind_int(b, v->i);
		break;
	case DUMP_REAL:
		catalog_bind_double(b, v->r);
		break;
	case DUMP_TEXT:
		catalog_bind_text(b, v->s, true);
		break;
	case DUMP_PATH:
		catalog_bind_text(b, v->s, false);
		break;
	}
}

/* The INSERT of list 'id': the outer item's ID, if any, then the fields. */
static int insert_prepare(struct dump_import *im, enum dump_list_id id,
			  struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	struct siar_buf sql;
	size_t i, n = l->n_fields + (l->parent ? 1 : 0);
	int rc;

	if (im->insert[id])
		return SIAR_OK;
	siar_buf_init(&sql, 0);
	siar_buf_addf(&sql, "INSERT INTO %s (", l->table);
	if (l->parent)
		siar_buf_addf(&sql, "%s, ", l->parent);
	for (i = 0; i < l->n_fields; i++)
		siar_buf_addf(&sql, "%s%s", i ? ", " : "",
			      column_of(&l->fields[i]));
	siar_buf_adds(&sql, ") VALUES (");
	for (i = 0; i < n; i++)
		siar_buf_adds(&sql, i ? ", ?" : "?");
	siar_buf_addc(&sql, ')');
	rc = siar_buf_check(&sql, err);
	if (!rc)
		rc = catalog_prepare(im->cat, sql.buf, &im->insert[id], err);
	siar_buf_release(&sql);
	return rc;
}

/*
 * Store 'item' of list 'id' (inside the item with ID 'outer_id', if the
 * list is inside one). The schema's constraints have the last word; their
 * message names the column.
 */
static int row_insert(struct dump_import *im, enum dump_list_id id,
		      const struct dump_item *item, int64_t outer_id,
		      struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	struct catalog_bind b;
	sqlite3_stmt *st;
	size_t i;
	int src, rc;

	rc = insert_prepare(im, id, err);
	if (rc)
		return rc;
	st = im->insert[id];
	catalog_bind_init(&b, st);
	if (l->parent)
		catalog_bind_int(&b, outer_id);
	for (i = 0; i < l->n_fields; i++)
		value_bind(&b, &l->fields[i], &item->v[i]);
	src = b.src ? b.src : sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_PRIMARYKEY && !l->parent)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "%s: another %s has id %lld", item->name,
				  l->one, (long long)item->v[0].i);
	else if ((src & 0xff) == SQLITE_CONSTRAINT)
		rc = siar_err_set(err, SIAR_EINVAL, "%s: %s", item->name,
				  sqlite3_errmsg(im->cat->db));
	else if (src != SQLITE_DONE)
		rc = catalog_db_error(im->cat, "import the dump", src, err);
	catalog_stmt_done(st);
	return rc;
}

/* Check and store 'item' of list 'id' with its inner lists. */
static int item_import(struct dump_import *im, enum dump_list_id id,
		       struct dump_item *item, struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	struct dump_items *inner;
	size_t j, k;
	int rc;

	rc = item_check(im, id, item, err);
	for (j = 0; j < inner_count(l) && !rc; j++) {
		inner = &item->inner[j];
		for (k = 0; k < inner->n && !rc; k++)
			rc = item_check(im, l->inner[j], &inner->items[k], err);
	}
	if (!rc)
		rc = row_insert(im, id, item, 0, err);
	for (j = 0; j < inner_count(l) && !rc; j++) {
		inner = &item->inner[j];
		for (k = 0; k < inner->n && !rc; k++)
			rc = row_insert(im, l->inner[j], &inner->items[k],
					item->v[0].i, err);
	}
	if (!rc && id == DUMP_EPISODES)
		rc = catalog_search_refresh(im->cat, item->v[EP_ID].i, err);
	return rc;
}

/* ---- Import: the document ---------------------------------------------- */

/*
 * The document is not given to SQLite whole: json_each() over it would
 * copy it and parse all of it into nodes at once, four times its size
 * (840 MB for 100,000 episodes). C finds where each value of the document
 * and each item of its lists begins and ends, skipping strings and nested
 * brackets whole, and hands SQLite one item at a time; what an item holds
 * SQLite checks and reads (fields_read()).
 */
struct scan {
	const char *doc;	/* the document, for offsets in messages */
	const char *p, *end;
};

/* Bytes of the document: [p, p + len). */
struct span {
	const char *p;
	size_t len;
};

static int not_json(const struct scan *s, struct siar_err *err)
{
	return siar_err_set(err, SIAR_EINVAL,
			    "not a siar dump: not valid JSON (at byte %zu)",
			    (size_t)(s->p - s->doc));
}

static void scan_space(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
				 *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* Take 'c' after white space, if it is there. */
static bool scan_take(struct scan *s, char c)
{
	scan_space(s);
	if (s->p == s->end || *s->p != c)
		return false;
	s->p++;
	return true;
}

/* Past the string whose opening quote is at s->p. */
static bool scan_string(struct scan *s)
{
	for (s->p++; s->p < s->end; s->p++) {
		if (*s->p == '"') {
			s->p++;
			return true;
		}
		if (*s->p == '\\' && s->end - s->p < 2)
			return false;
		if (*s->p == '\\')
			s->p++;
	}
	return false;
}

/*
 * Past the value after white space, whatever it is, with its bytes in
 * 'v': a string, brackets nested to any depth, or a bare word (a number,
 * true, false, null) up to the next delimiter.
 */
static bool scan_value(struct scan *s, struct span *v)
{
	size_t depth = 0;

	scan_space(s);
	v->p = s->p;
	while (s->p < s->end) {
		if (*s->p == '"') {
			if (!scan_string(s))
				return false;
			if (depth == 0)
				break;
			continue;
		}
		if (*s->p == '[' || *s->p == '{') {
			depth++;
		} else if (*s->p == ']' || *s->p == '}') {
			/* At depth 0: the end of what holds a bare word. */
			if (depth == 0)
				break;
			if (--depth == 0) {
				s->p++;
				break;
			}
		} else if (depth == 0 && *s->p && strchr(", \t\n\r:", *s->p)) {
			break;
		}
		s->p++;
	}
	v->len = (size_t)(s->p - v->p);
	return v->len > 0 && depth == 0;
}

/* A JSON integer that fits int64 ("-12", not "012" or "1.0"). */
static bool span_int(struct span v, int64_t *out)
{
	char text[24];
	char *end;
	size_t digits = v.len - (v.len && v.p[0] == '-');

	if (v.len == 0 || v.len >= sizeof(text) || digits == 0 ||
	    (digits > 1 && v.p[v.len - digits] == '0'))
		return false;
	memcpy(text, v.p, v.len);
	text[v.len] = '\0';
	if (strspn(text + (v.len - digits), "0123456789") != digits)
		return false;
	errno = 0;
	*out = strtoll(text, &end, 10);
	return !errno && !*end;
}

/* The fields of the document itself, beside its lists. */
enum { HEAD_FORMAT, HEAD_SCHEMA, HEAD_EXPORTED, HEAD_FIELDS };

static const char *const head_keys[HEAD_FIELDS] = {
	[HEAD_FORMAT] = "siar_export",
	[HEAD_SCHEMA] = "schema_version",
	[HEAD_EXPORTED] = "exported_unix",
};

/* What the document says of itself, and where its lists are. */
struct dump_head {
	bool seen[HEAD_FIELDS];
	bool is_int[HEAD_FIELDS];
	int64_t value[HEAD_FIELDS];
	bool list_seen[N_DOCUMENT_LISTS];
	struct span list[N_DOCUMENT_LISTS];
	bool twice, unknown;
	char twice_key[40];	/* the first key given twice, cut short */
	char unknown_key[40];	/* the first key siar does not know */
};

/* Whether the quoted 'key' is 'name'. */
static bool key_is(struct span key, const char *name)
{
	return key.len == strlen(name) + 2 &&
	       !memcmp(key.p + 1, name, key.len - 2);
}

/* Note the member 'key' (quoted) with 'value'. */
static void head_take(struct dump_head *h, struct span key, struct span value)
{
	bool *seen = NULL;
	size_t i;

	for (i = 0; i < HEAD_FIELDS && !seen; i++) {
		if (!key_is(key, head_keys[i]))
			continue;
		seen = &h->seen[i];
		h->is_int[i] = span_int(value, &h->value[i]);
	}
	for (i = 0; i < N_DOCUMENT_LISTS && !seen; i++) {
		if (!key_is(key, lists[import_order[i]].key))
			continue;
		seen = &h->list_seen[i];
		h->list[i] = value;
	}
	if (!seen && !h->unknown) {
		h->unknown = true;
		snprintf(h->unknown_key, sizeof(h->unknown_key), "%.*s",
			 (int)(key.len - 2), key.p + 1);
	}
	if (seen && *seen && !h->twice) {
		h->twice = true;
		snprintf(h->twice_key, sizeof(h->twice_key), "%.*s",
			 (int)(key.len - 2), key.p + 1);
	}
	if (seen)
		*seen = true;
}

/*
 * Read the members of the document, which must be one JSON object and
 * nothing else, into 'h'. The values are only delimited here.
 */
static int head_scan(struct scan *s, struct dump_head *h,
		     struct siar_err *err)
{
	struct span key, value;

	scan_space(s);
	if (s->p < s->end && *s->p && strchr("[\"-0123456789tfn", *s->p))
		return siar_err_set(err, SIAR_EINVAL,
				    "not a siar dump: not a JSON object");
	if (!scan_take(s, '{'))
		return not_json(s, err);
	if (!scan_take(s, '}')) {
		do {
			scan_space(s);
			if (s->p == s->end || *s->p != '"' ||
			    !scan_value(s, &key) || !scan_take(s, ':') ||
			    !scan_value(s, &value))
				return not_json(s, err);
			head_take(h, key, value);
		} while (scan_take(s, ','));
		if (!scan_take(s, '}'))
			return not_json(s, err);
	}
	scan_space(s);
	if (s->p != s->end)
		return not_json(s, err);
	return SIAR_OK;
}

static int head_int_check(const struct dump_head *h, int i,
			  struct siar_err *err)
{
	if (!h->seen[i])
		return siar_err_set(err, SIAR_EINVAL, "the dump has no '%s'",
				    head_keys[i]);
	if (!h->is_int[i])
		return siar_err_set(err, SIAR_EINVAL,
				    "'%s' in the dump must be an integer",
				    head_keys[i]);
	return SIAR_OK;
}

/* A siar dump of a format and schema this siar reads, and nothing else. */
static int head_check(const struct dump_head *h, struct siar_err *err)
{
	int64_t schema = h->value[HEAD_SCHEMA];
	size_t i;

	if (!h->seen[HEAD_FORMAT])
		return siar_err_set(err, SIAR_EINVAL,
				    "not a siar dump: no 'siar_export'");
	if (!h->is_int[HEAD_FORMAT] || h->value[HEAD_FORMAT] < 1)
		return siar_err_set(err, SIAR_EINVAL,
				    "not a siar dump: 'siar_export' must be a"
				    " positive integer");
	if (h->value[HEAD_FORMAT] > DUMP_FORMAT)
		return siar_err_set(err, SIAR_EINVAL,
				    "the dump is of format %lld, newer than"
				    " this siar reads (%d)",
				    (long long)h->value[HEAD_FORMAT],
				    DUMP_FORMAT);
	if (h->twice)
		return siar_err_set(err, SIAR_EINVAL,
				    "the dump gives '%s' twice", h->twice_key);
	if (h->unknown)
		return siar_err_set(err, SIAR_EINVAL,
				    "unknown field '%s' in the dump",
				    h->unknown_key);
	if (head_int_check(h, HEAD_SCHEMA, err) ||
	    head_int_check(h, HEAD_EXPORTED, err))
		return err->code;
	if (schema < 1)
		return siar_err_set(err, SIAR_EINVAL,
				    "bad 'schema_version' %lld in the dump",
				    (long long)schema);
	if (schema > catalog_schema_latest())
		return siar_err_set(err, SIAR_EINVAL,
				    "the dump is of schema %lld, newer than"
				    " this siar knows (%d)",
				    (long long)schema, catalog_schema_latest());
	for (i = 0; i < N_DOCUMENT_LISTS; i++) {
		if (!h->list_seen[i])
			return siar_err_set(err, SIAR_EINVAL,
					    "the dump has no '%s'",
					    lists[import_order[i]].key);
		if (h->list[i].p[0] != '[')
			return siar_err_set(err, SIAR_EINVAL,
					    "'%s' in the dump must be a list",
					    lists[import_order[i]].key);
	}
	return SIAR_OK;
}

static size_t *counted(struct catalog_import_counts *c, enum dump_list_id id)
{
	switch (id) {
	case DUMP_PEOPLE:
		return &c->people;
	case DUMP_TOPICS:
		return &c->topics;
	case DUMP_SHOWS:
		return &c->shows;
	case DUMP_EPISODES:
		return &c->episodes;
	case DUMP_LOG:
		return &c->log_entries;
	case DUMP_SHOW_PEOPLE:
	case DUMP_EPISODE_PEOPLE:
	case DUMP_EPISODE_TOPICS:
	case DUMP_CHAPTERS:
	case DUMP_TRANSCRIPTS:
	case DUMP_RENDITIONS:
	case DUMP_FOLLOWS:
	case DUMP_NONE:
	case DUMP_LISTS:
		break;
	}
	return NULL;
}

/* Read, check and store the item 'v', the 'index'th of list 'id'. */
static int item_import_at(struct dump_import *im, enum dump_list_id id,
			  struct span v, size_t index, struct siar_err *err)
{
	const struct dump_list *l = &lists[id];
	struct dump_item item;
	int rc;

	memset(&item, 0, sizeof(item));
	/* Named by place until its "id" is read (field_take()). */
	snprintf(item.name, sizeof(item.name), "%s[%zu]", l->key, index);
	if (v.p[0] != '{')
		rc = siar_err_set(err, SIAR_EINVAL, "%s is not an object",
				  item.name);
	else
		rc = item_read(im, id, v.p, v.len, &item, err);
	if (!rc)
		rc = item_import(im, id, &item, err);
	item_release(&item);
	return rc;
}

/* Import the items of list 'id' of the document, whose bytes are 'list'. */
static int list_import(struct dump_import *im, enum dump_list_id id,
		       struct span list, struct siar_err *err)
{
	struct scan s = {im->doc, list.p, list.p + list.len};
	size_t *count = counted(&im->counts, id);
	struct span v;
	int rc = SIAR_OK;

	if (!scan_take(&s, '['))
		return not_json(&s, err);
	if (scan_take(&s, ']'))
		return SIAR_OK;
	do {
		if (!scan_value(&s, &v))
			return not_json(&s, err);
		rc = item_import_at(im, id, v, *count, err);
		if (rc)
			return rc;
		(*count)++;
	} while (scan_take(&s, ','));
	if (!scan_take(&s, ']'))
		return not_json(&s, err);
	return SIAR_OK;
}

/* Checked inside the import's transaction, so nothing slips in between. */
static int empty_check(struct catalog *cat, struct siar_err *err)
{
	static const char sql[] =
		"SELECT EXISTS (SELECT 1 FROM shows)"
		" OR EXISTS (SELECT 1 FROM people)"
		" OR EXISTS (SELECT 1 FROM topics)"
		" OR EXISTS (SELECT 1 FROM episodes)"
		" OR EXISTS (SELECT 1 FROM episode_log)";
	sqlite3_stmt *st = NULL;
	int src, rc;

	rc = catalog_prepare(cat, sql, &st, err);
	if (rc)
		return rc;
	src = sqlite3_step(st);
	if (src != SQLITE_ROW)
		rc = catalog_db_error(cat, "read the catalogue", src, err);
	else if (sqlite3_column_int(st, 0))
		rc = siar_err_set(err, SIAR_EEXIST,
				  "the catalogue is not empty: import a dump"
				  " into a new one (siar --db NEW.db init)");
	sqlite3_finalize(st);
	return rc;
}

int catalog_import_dump(struct catalog *cat, const char *json, size_t len,
			struct catalog_import_counts *counts,
			struct siar_err *err)
{
	struct scan s = {json, json, json + len};
	struct dump_import im;
	struct dump_head h;
	bool outer;
	size_t i;
	int rc;

	assert(cat && json && err);
	memset(&im, 0, sizeof(im));
	memset(&h, 0, sizeof(h));
	im.cat = cat;
	im.doc = json;
	rc = head_scan(&s, &h, err);
	if (!rc)
		rc = head_check(&h, err);
	if (rc)
		return rc;
	rc = catalog_txn_begin(cat, &outer, err);
	if (rc)
		return rc;
	rc = empty_check(cat, err);
	for (i = 0; i < N_DOCUMENT_LISTS && !rc; i++)
		rc = list_import(&im, import_order[i], h.list[i], err);
	import_release(&im);
	rc = catalog_txn_end(cat, outer, rc, err);
	if (!rc && counts)
		*counts = im.counts;
	return rc;
}
