/*
 * Tests of catalog/: opening and refusing files, shows, episodes with
 * guests and topics, publication and the live filter, and atomicity;
 * upgrading older schemas; the production fields of shows, changing and
 * removing shows; people, hosts and topics; backup and restore. Review,
 * the log, editing episodes and search are in test_catalog_review.c.
 *
 * Most tests use a private in-memory catalogue. Those about files, and
 * those that need a second connection to look at the rows or to make the
 * database fail on purpose (a trigger raising an error), use a catalogue
 * in a temporary file under /tmp, removed afterwards.
 */
#include "../catalog/catalog.h"
#include "../catalog/catalog_int.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <glob.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <sqlite3.h>

#define NOW 1718000000		/* 2024-06-10, a Monday */
#define LATEST 11		/* the schema version this siar writes */
#define SHA_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define INDONESIAN                                                            \
	"Kupas Tuntas Tahapan Pilkada \xE2\x80\x94 Narasumber: Sekretaris"   \
	" KPU Provinsi Jawa Tengah"

struct fx {
	struct catalog *cat;
	char path[64];		/* empty for an in-memory catalogue */
};

/* ---- Helpers ------------------------------------------------------------ */

/* A fresh path under /tmp with no file at it. */
static void temp_path(char *path, size_t size)
{
	int fd;

	assert_true(snprintf(path, size, "/tmp/siar-test-XXXXXX") < (int)size);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
}

/* Remove the catalogue at 'path' and SQLite's files beside it. */
static void remove_db(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	char name[512];
	size_t i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		snprintf(name, sizeof(name), "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

/* Run 'sql' on 'path' through a connection of our own. */
static void raw_exec(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	char *msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_free(msg);
	sqlite3_close(db);
}

/* The integer the query 'sql' gives on 'path'. */
static int64_t raw_int(const char *path, const char *sql)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int64_t v;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/*
 * A show whose episodes publish without review, as shows did before
 * review existed: most tests are about other things.
 */
static void fill_show(struct catalog_show *show, const char *slug)
{
	catalog_show_init(show);
	show->review_required = false;
	show->slug = siar_strdup(slug);
	show->title = siar_strdup("Suara Pemilu");
	show->author = siar_strdup("KPU Kota Semarang");
	show->base_url = siar_strdup("https://kpu.example.id/podcast");
}

static int64_t add_show(struct catalog *cat, const char *slug)
{
	struct catalog_show show;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_show(&show, slug);
	assert_int_equal(catalog_show_add(cat, &show, &id, &err), SIAR_OK);
	catalog_show_release(&show);
	return id;
}

/* A list of copies of 'names', as catalog_episode_release() frees it. */
static char **dup_list(const char *const *names, size_t n)
{
	char **list = calloc(n ? n : 1, sizeof(*list));
	size_t i;

	assert_non_null(list);
	for (i = 0; i < n; i++)
		list[i] = siar_strdup(names[i]);
	return list;
}

static void fill_episode(struct catalog_episode *ep, const char *show,
			 const char *title)
{
	catalog_episode_init(ep);
	ep->show_slug = siar_strdup(show);
	ep->title = siar_strdup(title);
	ep->media_path = siar_strdup("/srv/kpu/ep01.mp3");
	ep->media_mime = siar_strdup("audio/mpeg");
	ep->media_kind = siar_strdup("audio");
	ep->media_sha256 = siar_strdup(SHA_A);
	ep->media_size_bytes = 1234567;
	ep->duration_ms = 61500;
	ep->duration_method = siar_strdup("container");
}

static int64_t add_episode(struct catalog *cat, const char *show,
			   const char *title)
{
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_episode(&ep, show, title);
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

static int add_show_rc(struct catalog *cat, struct catalog_show *show,
		       struct siar_err *err)
{
	int rc;

	siar_err_clear(err);
	rc = catalog_show_add(cat, show, NULL, err);
	catalog_show_release(show);
	return rc;
}

static int add_episode_rc(struct catalog *cat, struct catalog_episode *ep,
			  struct siar_err *err)
{
	int rc;

	siar_err_clear(err);
	rc = catalog_episode_add(cat, ep, NULL, err);
	catalog_episode_release(ep);
	return rc;
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'", haystack, needle);
}

/* Episode IDs in the order a walk gave them. */
struct walk {
	int64_t ids[256];
	size_t n;
	size_t stop_at;		/* fail on this call (1-based), 0 never */
};

static int collect(const struct catalog_episode *ep, void *ctx,
		   struct siar_err *err)
{
	struct walk *w = ctx;

	assert_true(w->n < sizeof(w->ids) / sizeof(w->ids[0]));
	w->ids[w->n++] = ep->id;
	if (w->n == w->stop_at)
		return siar_err_set(err, SIAR_EIO, "stopped at %lld",
				    (long long)ep->id);
	return SIAR_OK;
}

static size_t walk(struct catalog *cat, const char *show, bool live,
		   struct walk *w)
{
	struct catalog_filter filter = {.show_slug = show,
					.live_only = live};
	struct siar_err err;

	siar_err_clear(&err);
	w->n = 0;
	w->stop_at = 0;
	assert_int_equal(catalog_episode_each(cat, &filter, collect, w, &err),
			 SIAR_OK);
	return w->n;
}

/* ---- Fixtures ----------------------------------------------------------- */

static int setup_mem(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct siar_err err;

	siar_err_clear(&err);
	if (!fx || catalog_open(&fx->cat, ":memory:", 0, &err))
		return -1;
	catalog_set_now(fx->cat, NOW);
	add_show(fx->cat, "suara-pemilu");
	*state = fx;
	return 0;
}

static int setup_file(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	struct siar_err err;

	siar_err_clear(&err);
	if (!fx)
		return -1;
	temp_path(fx->path, sizeof(fx->path));
	if (catalog_open(&fx->cat, fx->path, CATALOG_OPEN_CREATE, &err))
		return -1;
	catalog_set_now(fx->cat, NOW);
	add_show(fx->cat, "suara-pemilu");
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	catalog_close(fx->cat);
	if (fx->path[0])
		remove_db(fx->path);
	free(fx);
	return 0;
}

/* ---- Opening ------------------------------------------------------------ */

static void open_memory_gives_current_schema(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(catalog_schema_version(fx->cat), LATEST);
}

static void open_reports_missing_file_without_create(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct siar_err err;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_ENOTFOUND);
	assert_null(cat);
	assert_contains(err.msg, path);
	assert_contains(err.msg, "run 'siar init'");
	assert_int_equal(access(path, F_OK), -1);
}

static void open_create_makes_file_that_reopens_with_its_data(void **state)
{
	struct catalog *cat = NULL;
	struct catalog_show show;
	struct siar_err err;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	assert_int_equal(catalog_open(&cat, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_OK);
	add_show(cat, "suara-pemilu");
	catalog_close(cat);
	cat = NULL;

	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(cat), LATEST);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(cat, "suara-pemilu", &show, &err),
			 SIAR_OK);
	assert_string_equal(show.title, "Suara Pemilu");
	catalog_show_release(&show);
	catalog_close(cat);
	remove_db(path);
}

static void open_marks_file_as_siar_and_uses_wal(void **state)
{
	struct fx *fx = *state;

	assert_int_equal(raw_int(fx->path, "PRAGMA application_id"),
			 0x73696172);
	assert_int_equal(raw_int(fx->path, "PRAGMA user_version"),
			 LATEST);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM"
					   " pragma_journal_mode"
					   " WHERE journal_mode = 'wal'"),
			 1);
	assert_int_equal(raw_int(fx->path, "PRAGMA page_size"),
			 CATALOG_PAGE_SIZE);
}

/* A catalogue made with SQLite's 4 KiB pages opens and keeps them. */
static void open_keeps_page_size_of_existing_file(void **state)
{
	struct catalog *cat = NULL;
	struct siar_err err;
	char path[64];

	(void)state;
	temp_path(path, sizeof(path));
	siar_err_clear(&err);
	assert_int_equal(catalog_open(&cat, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_OK);
	catalog_close(cat);
	raw_exec(path, "PRAGMA journal_mode = DELETE; PRAGMA page_size = 4096;"
		       " VACUUM; PRAGMA journal_mode = WAL");
	assert_int_equal(raw_int(path, "PRAGMA page_size"), 4096);
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_OK);
	add_show(cat, "suara-pemilu");
	catalog_close(cat);
	assert_int_equal(raw_int(path, "PRAGMA page_size"), 4096);
	remove_db(path);
}

static void open_initialises_empty_existing_file(void **state)
{
	struct catalog *cat = NULL;
	struct siar_err err;
	char path[] = "/tmp/siar-test-XXXXXX";
	int fd;

	(void)state;
	siar_err_clear(&err);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(cat), LATEST);
	catalog_close(cat);
	remove_db(path);
}

static void open_refuses_file_that_is_not_sqlite(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct siar_err err;
	char path[] = "/tmp/siar-test-XXXXXX";
	static const char text[] =
		"<rss version=\"2.0\"><channel><title>Bukan basis data"
		"</title></channel></rss>\n"
		"padding so that SQLite reads a whole header................"
		"............................................................";
	int fd;

	(void)state;
	siar_err_clear(&err);
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof(text) - 1),
			 (ssize_t)(sizeof(text) - 1));
	close(fd);
	assert_int_equal(catalog_open(&cat, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_EDB);
	assert_null(cat);
	assert_contains(err.msg, path);
	assert_contains(err.msg, "file is not a database");
	remove_db(path);
}

static void open_refuses_sqlite_file_of_another_program(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct siar_err err;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	raw_exec(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body)");
	assert_int_equal(catalog_open(&cat, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_EDB);
	assert_null(cat);
	assert_contains(err.msg, "is not a siar catalogue");
	assert_contains(err.msg, path);
	/* Refused before anything was written to it. */
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"),
			 1);
	assert_int_equal(raw_int(path, "PRAGMA application_id"), 0);
	remove_db(path);
}

static void open_refuses_catalogue_of_newer_siar(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	catalog_close(fx->cat);
	fx->cat = NULL;
	raw_exec(fx->path, "PRAGMA user_version = 99");
	assert_int_equal(catalog_open(&cat, fx->path, 0, &err), SIAR_EDB);
	assert_null(cat);
	assert_contains(err.msg, "made by a newer siar");
	assert_contains(err.msg, fx->path);
}

static void open_reports_unopenable_path_as_db_error(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct siar_err err;
	char path[96];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path) - 16);
	/* A directory that does not exist: nothing can be created. */
	memcpy(path + strlen(path), "/siar.db", sizeof("/siar.db"));
	assert_int_equal(catalog_open(&cat, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_EDB);
	assert_null(cat);
	assert_contains(err.msg, path);
}

static void close_accepts_null(void **state)
{
	(void)state;
	catalog_close(NULL);
}

/* ---- Time and names ----------------------------------------------------- */

static void now_follows_set_now_and_falls_back_to_clock(void **state)
{
	struct fx *fx = *state;
	int64_t before, now;

	assert_int_equal(catalog_now(fx->cat), NOW);
	catalog_set_now(fx->cat, 0);
	before = (int64_t)time(NULL);
	now = catalog_now(fx->cat);
	assert_true(now >= before && now <= (int64_t)time(NULL));
}

static void status_names_are_the_schema_spellings(void **state)
{
	(void)state;
	assert_string_equal(catalog_status_name(CATALOG_STATUS_DRAFT),
			    "draft");
	assert_string_equal(catalog_status_name(CATALOG_STATUS_IN_REVIEW),
			    "in_review");
	assert_string_equal(catalog_status_name(CATALOG_STATUS_APPROVED),
			    "approved");
	assert_string_equal(catalog_status_name(CATALOG_STATUS_PUBLISHED),
			    "published");
	assert_string_equal(catalog_status_name(CATALOG_STATUS_UNPUBLISHED),
			    "unpublished");
	assert_string_equal(catalog_status_name(CATALOG_STATUS_ARCHIVED),
			    "archived");
}

static void category_valid_takes_only_apple_spelling(void **state)
{
	(void)state;
	assert_true(catalog_category_valid("Government"));
	assert_true(catalog_category_valid("Society & Culture"));
	assert_true(catalog_category_valid("TV & Film"));
	assert_true(catalog_category_valid("News"));
	assert_false(catalog_category_valid("government"));
	assert_false(catalog_category_valid("Society and Culture"));
	assert_false(catalog_category_valid("Politics"));
	assert_false(catalog_category_valid(""));
	assert_false(catalog_category_valid(NULL));
}

/* ---- Shows -------------------------------------------------------------- */

static void show_add_round_trips_indonesian_text(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show, got;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_show(&show, "pilkada-jateng");
	free(show.title);
	show.title = siar_strdup(INDONESIAN);
	show.description = siar_strdup("Siaran \"resmi\" KPU & Bawaslu <b>\n"
				       "Baris kedua\tdengan tab");
	show.language = siar_strdup("id");
	show.category = siar_strdup("Government");
	show.image = siar_strdup("https://kpu.example.id/sampul.jpg");
	show.owner_name = siar_strdup("Humas KPU Jawa Tengah");
	show.owner_email = siar_strdup("humas@kpu-jateng.example.id");
	show.link = siar_strdup("https://kpu-jateng.example.id/");
	show.timezone = siar_strdup("Asia/Makassar");
	show.explicit = true;
	assert_int_equal(catalog_show_add(fx->cat, &show, &id, &err), SIAR_OK);
	assert_true(id > 0);

	catalog_show_init(&got);
	assert_int_equal(catalog_show_get(fx->cat, "pilkada-jateng", &got,
					  &err),
			 SIAR_OK);
	assert_int_equal(got.id, id);
	assert_string_equal(got.title, INDONESIAN);
	assert_string_equal(got.description, show.description);
	assert_string_equal(got.author, show.author);
	assert_string_equal(got.category, "Government");
	assert_string_equal(got.image, show.image);
	assert_string_equal(got.owner_name, show.owner_name);
	assert_string_equal(got.owner_email, show.owner_email);
	assert_string_equal(got.link, show.link);
	assert_string_equal(got.timezone, "Asia/Makassar");
	assert_true(got.explicit);
	assert_int_equal(got.created_unix, NOW);
	assert_int_equal(got.updated_unix, NOW);
	catalog_show_release(&show);
	catalog_show_release(&got);
}

static void show_add_fills_defaults_and_trims_base_url(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;

	siar_err_clear(&err);
	fill_show(&show, "bawaslu");
	free(show.base_url);
	show.base_url = siar_strdup("http://media.example.id/bawaslu///");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
	assert_int_equal(catalog_show_get(fx->cat, "bawaslu", &show, &err),
			 SIAR_OK);
	assert_string_equal(show.base_url, "http://media.example.id/bawaslu");
	assert_string_equal(show.language, "id");
	assert_string_equal(show.timezone, "Asia/Jakarta");
	assert_null(show.description);
	assert_null(show.category);
	assert_null(show.image);
	assert_null(show.owner_email);
	assert_false(show.explicit);
	catalog_show_release(&show);
}

static void show_add_refuses_duplicate_slug(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;

	fill_show(&show, "suara-pemilu");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_EEXIST);
	assert_string_equal(err.msg, "show 'suara-pemilu' already exists");
}

static void show_add_rejects_bad_slugs(void **state)
{
	static const char *const bad[] = {
		"",
		"Suara",
		"-awal",
		"dengan spasi",
		"garis_bawah",
		"kpu/jateng",
		"s\xC3\xA9",
		("a234567890123456789012345678901234567890123456789"
		 "0123456789012345"),
	};
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill_show(&show, bad[i]);
		assert_int_equal(add_show_rc(fx->cat, &show, &err),
				 SIAR_EINVAL);
	}
	fill_show(&show, "Suara");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "bad show slug 'Suara': use lowercase"
				     " letters, digits and '-'");
	fill_show(&show, bad[7]);
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_EINVAL);
	assert_contains(err.msg, "longer than 64 bytes");
	fill_show(&show, "a-64-byte-slug-is-fine-123456789012345678901234567"
			 "78901234567890");
	assert_int_equal(strlen(show.slug), 64);
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
}

/* Which field to spoil, how, and a word the message must contain. */
struct bad_show {
	size_t field;
	const char *value;
	const char *expect;
};

static void show_add_rejects_malformed_fields(void **state)
{
	static const struct bad_show bad[] = {
		{offsetof(struct catalog_show, title), NULL, "no title"},
		{offsetof(struct catalog_show, title), " \t", "no title"},
		{offsetof(struct catalog_show, author), "", "no author"},
		{offsetof(struct catalog_show, base_url), NULL, "no base URL"},
		{offsetof(struct catalog_show, base_url), "ftp://x.id", "base"},
		{offsetof(struct catalog_show, base_url), "https://", "base"},
		{offsetof(struct catalog_show, base_url), "https:///a", "base"},
		{offsetof(struct catalog_show, base_url), "kpu.go.id", "base"},
		{offsetof(struct catalog_show, base_url), "https://a b",
		 "base"},
		{offsetof(struct catalog_show, language), "", "language"},
		{offsetof(struct catalog_show, language), "indonesia",
		 "language"},
		{offsetof(struct catalog_show, language), "en_US", "language"},
		{offsetof(struct catalog_show, language), "en-", "language"},
		{offsetof(struct catalog_show, timezone), "Asia/Atlantis",
		 "time zone"},
		{offsetof(struct catalog_show, timezone), "../etc/passwd",
		 "time zone"},
		{offsetof(struct catalog_show, category), "government",
		 "category"},
		{offsetof(struct catalog_show, owner_email), "humas", "email"},
		{offsetof(struct catalog_show, owner_email), "@kpu.id",
		 "email"},
		{offsetof(struct catalog_show, owner_email), "a@b@c", "email"},
		{offsetof(struct catalog_show, owner_email), "humas@", "email"},
		{offsetof(struct catalog_show, image), "/sampul.jpg", "image"},
		{offsetof(struct catalog_show, link), "www.kpu.go.id", "link"},
	};
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	char **field;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill_show(&show, "baru");
		field = (char **)((char *)&show + bad[i].field);
		free(*field);
		*field = siar_strdup(bad[i].value);
		assert_int_equal(add_show_rc(fx->cat, &show, &err),
				 SIAR_EINVAL);
		assert_contains(err.msg, bad[i].expect);
	}
	/* The good neighbours of some of those. */
	fill_show(&show, "baru");
	show.language = siar_strdup("en-US");
	show.timezone = siar_strdup("UTC");
	show.owner_email = siar_strdup("humas@kpu.go.id");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
}

static void show_add_repairs_invalid_utf8(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;

	fill_show(&show, "rusak");
	free(show.title);
	show.title = siar_strdup("Pemilu \xFF 2024\x01\x7F");
	free(show.author);
	show.author = siar_strdup("KPU \xC0\xAF Pusat");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
	assert_int_equal(catalog_show_get(fx->cat, "rusak", &show, &err),
			 SIAR_OK);
	assert_string_equal(show.title, "Pemilu \xEF\xBF\xBD 2024");
	assert_string_equal(show.author,
			    "KPU \xEF\xBF\xBD\xEF\xBF\xBD Pusat");
	catalog_show_release(&show);
}

static void show_add_reports_database_failure(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;

	raw_exec(fx->path, "CREATE TRIGGER frozen BEFORE INSERT ON shows"
			   " BEGIN SELECT RAISE(ABORT, 'shows are frozen');"
			   " END");
	fill_show(&show, "baru");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_EDB);
	assert_contains(err.msg, "shows are frozen");
	assert_contains(err.msg, fx->path);
}

static void show_get_reports_unknown_slug(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;

	siar_err_clear(&err);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, "tidak-ada", &show, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");
	assert_null(show.slug);
	assert_null(show.title);
}

struct show_walk {
	char slugs[4][16];
	size_t n;
	size_t stop_at;
};

static int collect_show(const struct catalog_show *show, void *ctx,
			struct siar_err *err)
{
	struct show_walk *w = ctx;

	assert_true(w->n < 4);
	snprintf(w->slugs[w->n++], sizeof(w->slugs[0]), "%s", show->slug);
	if (w->n == w->stop_at)
		return siar_err_set(err, SIAR_EIO, "cukup");
	return SIAR_OK;
}

static void show_each_walks_by_slug_and_stops_on_error(void **state)
{
	struct fx *fx = *state;
	struct show_walk w = {.n = 0};
	struct siar_err err;

	siar_err_clear(&err);
	add_show(fx->cat, "zebra");
	add_show(fx->cat, "bawaslu");
	assert_int_equal(catalog_show_each(fx->cat, collect_show, &w, &err),
			 SIAR_OK);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.slugs[0], "bawaslu");
	assert_string_equal(w.slugs[1], "suara-pemilu");
	assert_string_equal(w.slugs[2], "zebra");

	w.n = 0;
	w.stop_at = 2;
	assert_int_equal(catalog_show_each(fx->cat, collect_show, &w, &err),
			 SIAR_EIO);
	assert_int_equal(w.n, 2);
	assert_string_equal(err.msg, "cukup");
}

static void fill_v2_episode(struct catalog_episode *ep);

static void release_is_safe_twice_and_on_fresh_structs(void **state)
{
	struct catalog_show show;
	struct catalog_episode ep;

	(void)state;
	catalog_show_init(&show);
	catalog_show_release(&show);
	catalog_show_release(&show);
	fill_show(&show, "x");
	catalog_show_release(&show);
	catalog_show_release(&show);
	assert_null(show.slug);

	catalog_episode_init(&ep);
	catalog_episode_release(&ep);
	fill_episode(&ep, "x", "y");
	ep.guests = dup_list((const char *const[]){"A", "B"}, 2);
	ep.n_guests = 2;
	catalog_episode_release(&ep);
	catalog_episode_release(&ep);
	assert_null(ep.guests);
	assert_int_equal(ep.n_guests, 0);

	fill_v2_episode(&ep);
	catalog_episode_release(&ep);
	catalog_episode_release(&ep);
	assert_null(ep.chapters);
	assert_int_equal(ep.n_chapters, 0);
	assert_null(ep.recorded_on);
	assert_false(ep.has_loudness);
}

/* ---- Episodes ----------------------------------------------------------- */

/* An episode with every field set, none to its default. */
static void fill_video_episode(struct catalog_episode *ep)
{
	fill_episode(ep, "suara-pemilu", INDONESIAN);
	ep->description = siar_strdup("Tahapan: pendaftaran, kampanye & "
				      "pemungutan suara.\n\"Jangan golput\"");
	free(ep->media_path);
	ep->media_path = siar_strdup("/srv/kpu/video/debat.mp4");
	free(ep->media_mime);
	ep->media_mime = siar_strdup("video/mp4");
	free(ep->media_kind);
	ep->media_kind = siar_strdup("video");
	ep->media_container = siar_strdup("mov,mp4,m4a,3gp,3g2,mj2");
	ep->bit_rate = 1500000;
	ep->audio_codec = siar_strdup("aac");
	ep->video_codec = siar_strdup("h264");
	ep->width = 1280;
	ep->height = 720;
	ep->season = 2;
	ep->episode_number = 7;
	ep->status = CATALOG_STATUS_ARCHIVED;	/* ignored */
	ep->published_unix = 42;		/* ignored */
}

static void episode_add_round_trips_every_field(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep, got;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_video_episode(&ep);
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &err),
			 SIAR_OK);

	catalog_episode_init(&got);
	assert_int_equal(catalog_episode_get(fx->cat, id, &got, &err),
			 SIAR_OK);
	assert_int_equal(got.id, id);
	assert_string_equal(got.show_slug, "suara-pemilu");
	assert_true(got.show_id > 0);
	assert_string_equal(got.title, INDONESIAN);
	assert_string_equal(got.description, ep.description);
	assert_string_equal(got.media_path, ep.media_path);
	assert_string_equal(got.media_mime, "video/mp4");
	assert_string_equal(got.media_kind, "video");
	assert_string_equal(got.media_container, ep.media_container);
	assert_string_equal(got.media_sha256, SHA_A);
	assert_int_equal(got.media_size_bytes, 1234567);
	assert_int_equal(got.duration_ms, 61500);
	assert_string_equal(got.duration_method, "container");
	assert_int_equal(got.bit_rate, 1500000);
	assert_string_equal(got.audio_codec, "aac");
	assert_string_equal(got.video_codec, "h264");
	assert_int_equal(got.width, 1280);
	assert_int_equal(got.height, 720);
	assert_int_equal(got.season, 2);
	assert_int_equal(got.episode_number, 7);
	assert_int_equal(got.status, CATALOG_STATUS_DRAFT);
	assert_int_equal(got.published_unix, 0);
	assert_int_equal(got.created_unix, NOW);
	assert_int_equal(got.updated_unix, NOW);
	assert_int_equal(got.n_guests, 0);
	assert_int_equal(got.n_topics, 0);
	catalog_episode_release(&ep);
	catalog_episode_release(&got);
}

static bool is_uuid4(const char *s)
{
	size_t i;

	if (strlen(s) != 36)
		return false;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return false;
		} else if (!strchr("0123456789abcdef", s[i]) || !s[i]) {
			return false;
		}
	}
	return s[14] == '4' && strchr("89ab", s[19]);
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void episode_add_assigns_distinct_uuid4_guids(void **state)
{
	enum { N = 200 };
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	char *guids[N];
	size_t i;

	siar_err_clear(&err);
	for (i = 0; i < N; i++) {
		catalog_episode_init(&ep);
		assert_int_equal(catalog_episode_get(fx->cat,
						     add_episode(fx->cat,
								 "suara-pemilu",
								 "Edisi"),
						     &ep, &err),
				 SIAR_OK);
		if (!is_uuid4(ep.guid))
			fail_msg("not a UUIDv4: '%s'", ep.guid);
		guids[i] = ep.guid;
		ep.guid = NULL;
		catalog_episode_release(&ep);
	}
	qsort(guids, N, sizeof(guids[0]), compare_strings);
	for (i = 1; i < N; i++)
		assert_string_not_equal(guids[i - 1], guids[i]);
	for (i = 0; i < N; i++)
		free(guids[i]);
}

static void episode_add_reports_unknown_show(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;

	fill_episode(&ep, "tidak-ada", "Edisi");
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);
}

struct bad_episode {
	size_t field;		/* offset of a char * */
	const char *value;
	const char *expect;
};

static void spoil(struct catalog_episode *ep, const struct bad_episode *bad)
{
	char **field = (char **)((char *)ep + bad->field);

	free(*field);
	*field = siar_strdup(bad->value);
}

static void episode_add_rejects_malformed_text(void **state)
{
	static const struct bad_episode bad[] = {
		{offsetof(struct catalog_episode, show_slug), NULL, "show"},
		{offsetof(struct catalog_episode, title), NULL, "no title"},
		{offsetof(struct catalog_episode, title), "  ", "no title"},
		{offsetof(struct catalog_episode, media_path), "", "media"},
		{offsetof(struct catalog_episode, media_mime), NULL, "MIME"},
		{offsetof(struct catalog_episode, media_mime), "mpeg", "MIME"},
		{offsetof(struct catalog_episode, media_kind), "image", "kind"},
		{offsetof(struct catalog_episode, media_kind), NULL, "kind"},
		{offsetof(struct catalog_episode, media_sha256), NULL, "SHA"},
		{offsetof(struct catalog_episode, media_sha256), "abc", "SHA"},
		{offsetof(struct catalog_episode, media_sha256),
		 "9F86D081884C7D659A2FEAA0C55AD015"
		 "A3BF4F1B2B0B822CD15D6C15B0F00A08",
		 "SHA"},
		{offsetof(struct catalog_episode, media_sha256), SHA_A "0",
		 "SHA"},
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill_episode(&ep, "suara-pemilu", "Edisi");
		spoil(&ep, &bad[i]);
		assert_int_equal(add_episode_rc(fx->cat, &ep, &err),
				 SIAR_EINVAL);
		assert_contains(err.msg, bad[i].expect);
	}
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);
}

/* Make the number 'which' of 'ep' negative. */
static void spoil_number(struct catalog_episode *ep, int which)
{
	switch (which) {
	case 0:
		ep->media_size_bytes = -1;
		break;
	case 1:
		ep->duration_ms = -1;
		break;
	case 2:
		ep->bit_rate = -1;
		break;
	case 3:
		ep->width = -1;
		break;
	case 4:
		ep->height = -1;
		break;
	case 5:
		ep->season = -1;
		break;
	case 6:
		ep->episode_number = -1;
		break;
	case 7:
		ep->sample_rate = -44100;
		break;
	case 8:
		ep->channels = -2;
		break;
	default:
		ep->media_size_bytes = INT64_MIN;
		break;
	}
}

static void episode_add_rejects_negative_numbers(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;
	int i;

	for (i = 0; i < 10; i++) {
		fill_episode(&ep, "suara-pemilu", "Edisi");
		spoil_number(&ep, i);
		assert_int_equal(add_episode_rc(fx->cat, &ep, &err),
				 SIAR_EINVAL);
		assert_contains(err.msg, "negative");
	}
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);
	/* Zero is "unknown" or "none", not an error. */
	fill_episode(&ep, "suara-pemilu", "Edisi");
	ep.media_size_bytes = 0;
	ep.duration_ms = 0;
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_OK);
}

static void assert_list(char **got, size_t n_got, const char *const *want,
			size_t n_want)
{
	size_t i;

	assert_int_equal(n_got, n_want);
	for (i = 0; i < n_want; i++)
		assert_string_equal(got[i], want[i]);
}

static void episode_add_dedupes_guests_keeping_first_spelling(void **state)
{
	static const char *const first[] = {
		"Ir. Budi Santoso", " ir. budi santoso ", "Siti Nurhaliza",
		"IR. BUDI SANTOSO", "Dra. Ni Luh Putu",
	};
	static const char *const want1[] = {
		"Ir. Budi Santoso", "Siti Nurhaliza", "Dra. Ni Luh Putu",
	};
	static const char *const second[] = {
		"siti nurhaliza",
		"ir. budi santoso",
	};
	static const char *const want2[] = {
		"Siti Nurhaliza",
		"Ir. Budi Santoso",
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id1 = 0, id2 = 0;

	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Satu");
	ep.guests = dup_list(first, 5);
	ep.n_guests = 5;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id1, &err), 0);
	catalog_episode_release(&ep);
	fill_episode(&ep, "suara-pemilu", "Dua");
	ep.guests = dup_list(second, 2);
	ep.n_guests = 2;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id2, &err), 0);
	catalog_episode_release(&ep);

	assert_int_equal(catalog_episode_get(fx->cat, id1, &ep, &err), 0);
	assert_list(ep.guests, ep.n_guests, want1, 3);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id2, &ep, &err), 0);
	assert_list(ep.guests, ep.n_guests, want2, 2);
	catalog_episode_release(&ep);
}

static void episode_add_dedupes_topics_by_slug(void **state)
{
	static const char *const first[] = {
		"Pemilu 2024", "Daftar Pemilih Tetap (DPT)", "pemilu-2024",
		"  PEMILU   2024!! ", "Pilkada",
	};
	static const char *const want1[] = {
		"Pemilu 2024", "Daftar Pemilih Tetap (DPT)", "Pilkada",
	};
	static const char *const second[] = {
		"pilkada",
		"daftar pemilih tetap dpt",
	};
	static const char *const want2[] = {
		"Pilkada",
		"Daftar Pemilih Tetap (DPT)",
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id1 = 0, id2 = 0;

	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Satu");
	ep.topics = dup_list(first, 5);
	ep.n_topics = 5;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id1, &err), 0);
	catalog_episode_release(&ep);
	fill_episode(&ep, "suara-pemilu", "Dua");
	ep.topics = dup_list(second, 2);
	ep.n_topics = 2;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id2, &err), 0);
	catalog_episode_release(&ep);

	assert_int_equal(catalog_episode_get(fx->cat, id1, &ep, &err), 0);
	assert_list(ep.topics, ep.n_topics, want1, 3);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id2, &ep, &err), 0);
	assert_list(ep.topics, ep.n_topics, want2, 2);
	catalog_episode_release(&ep);
}

static void episode_add_rejects_empty_guest_and_symbol_topic(void **state)
{
	static const char *const guests[] = {"Budi", " \t "};
	static const char *const topics[] = {"Pilkada", "!!! ---"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;

	fill_episode(&ep, "suara-pemilu", "Edisi");
	ep.guests = dup_list(guests, 2);
	ep.n_guests = 2;
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "empty guest name");

	fill_episode(&ep, "suara-pemilu", "Edisi");
	ep.topics = dup_list(topics, 2);
	ep.n_topics = 2;
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_string_equal(err.msg,
			    "topic '!!! ---' has no letters or digits");
}

static int64_t rows(const char *path)
{
	return raw_int(path, "SELECT (SELECT count(*) FROM episodes) * 10000"
			     " + (SELECT count(*) FROM people) * 1000"
			     " + (SELECT count(*) FROM episode_people) * 100"
			     " + (SELECT count(*) FROM topics) * 10"
			     " + (SELECT count(*) FROM episode_topics)");
}

static void episode_add_failure_leaves_no_rows(void **state)
{
	static const char *const guests[] = {"Budi", "Siti"};
	static const char *const topics[] = {"Pilkada", "Logistik", "---"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t before;

	add_episode(fx->cat, "suara-pemilu", "Sudah ada");
	before = rows(fx->path);
	assert_int_equal(before, 10000);

	/* The bad topic comes after the episode, its guests and two topics
	 * were written. */
	fill_episode(&ep, "suara-pemilu", "Gagal");
	ep.guests = dup_list(guests, 2);
	ep.n_guests = 2;
	ep.topics = dup_list(topics, 3);
	ep.n_topics = 3;
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_contains(err.msg, "'---'");
	assert_int_equal(rows(fx->path), before);

	/* And the same when the database itself fails late. */
	raw_exec(fx->path, "CREATE TRIGGER quota"
			   " BEFORE INSERT ON episode_topics"
			   " WHEN NEW.position = 1"
			   " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
	fill_episode(&ep, "suara-pemilu", "Gagal");
	ep.guests = dup_list(guests, 2);
	ep.n_guests = 2;
	ep.topics = dup_list(topics, 2);
	ep.n_topics = 2;
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EDB);
	assert_contains(err.msg, "disk full");
	assert_int_equal(rows(fx->path), before);

	/* The handle is still usable: no transaction was left open. */
	add_episode(fx->cat, "suara-pemilu", "Berhasil");
	assert_int_equal(rows(fx->path), 20000);
}

static void episode_add_keeps_path_bytes_and_repairs_text(void **state)
{
	static const char *const guests[] = {"Bu\xE7i"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Debat \xE9 calon\x1B[0m");
	free(ep.media_path);
	/* Latin-1 file name: not UTF-8, but it names the file. */
	ep.media_path = siar_strdup("/srv/kpu/d\xE9" "bat.mp3");
	ep.guests = dup_list(guests, 1);
	ep.n_guests = 1;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &err), 0);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), 0);
	assert_string_equal(ep.media_path, "/srv/kpu/d\xE9" "bat.mp3");
	assert_string_equal(ep.title, "Debat \xEF\xBF\xBD calon[0m");
	assert_string_equal(ep.guests[0], "Bu\xEF\xBF\xBDi");
	catalog_episode_release(&ep);
}

static void episode_get_reports_unknown_id(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;

	siar_err_clear(&err);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, 404, &ep, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no episode 404");
	assert_null(ep.title);
}

static void episode_get_reports_unknown_status_as_db_error(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct catalog_filter filter = {.show_slug = NULL,
					.live_only = false};
	struct siar_err err;
	struct walk w = {.n = 0};
	int64_t id;

	siar_err_clear(&err);
	id = add_episode(fx->cat, "suara-pemilu", "Edisi");
	raw_exec(fx->path, "PRAGMA ignore_check_constraints = ON;"
			   " UPDATE episodes SET status = 'lost'");
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err),
			 SIAR_EDB);
	assert_contains(err.msg, "unknown status 'lost'");
	assert_null(ep.title);
	siar_err_clear(&err);
	assert_int_equal(catalog_episode_each(fx->cat, &filter, collect, &w,
					      &err),
			 SIAR_EDB);
	assert_int_equal(w.n, 0);
}

static void episode_publish_sets_time_and_moves_it_again(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id;

	siar_err_clear(&err);
	id = add_episode(fx->cat, "suara-pemilu", "Edisi");
	catalog_set_now(fx->cat, NOW + 10);
	assert_int_equal(catalog_episode_publish(fx->cat, id, NOW + 3600,
						 &err),
			 SIAR_OK);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), 0);
	assert_int_equal(ep.status, CATALOG_STATUS_PUBLISHED);
	assert_int_equal(ep.published_unix, NOW + 3600);
	assert_int_equal(ep.updated_unix, NOW + 10);
	assert_int_equal(ep.created_unix, NOW);
	catalog_episode_release(&ep);

	catalog_set_now(fx->cat, NOW + 20);
	assert_int_equal(catalog_episode_publish(fx->cat, id, NOW - 60, &err),
			 SIAR_OK);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), 0);
	assert_int_equal(ep.published_unix, NOW - 60);
	assert_int_equal(ep.updated_unix, NOW + 20);
	catalog_episode_release(&ep);
}

static void episode_publish_reports_unknown_id(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_episode_publish(fx->cat, 77, NOW, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no episode 77");
}

static void episode_publish_reports_database_failure(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id;

	siar_err_clear(&err);
	id = add_episode(fx->cat, "suara-pemilu", "Edisi");
	raw_exec(fx->path, "CREATE TRIGGER embargo BEFORE UPDATE ON episodes"
			   " BEGIN SELECT RAISE(ABORT, 'under embargo'); END");
	assert_int_equal(catalog_episode_publish(fx->cat, id, NOW, &err),
			 SIAR_EDB);
	assert_contains(err.msg, "under embargo");
	catalog_episode_init(&ep);
	siar_err_clear(&err);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), 0);
	assert_int_equal(ep.status, CATALOG_STATUS_DRAFT);
	catalog_episode_release(&ep);
}

static void episode_each_live_only_skips_drafts_and_future(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	struct walk w;
	int64_t draft, old, newer, tie, future, other;

	siar_err_clear(&err);
	add_show(fx->cat, "lain");
	draft = add_episode(fx->cat, "suara-pemilu", "Draf");
	old = add_episode(fx->cat, "suara-pemilu", "Lama");
	newer = add_episode(fx->cat, "suara-pemilu", "Baru");
	tie = add_episode(fx->cat, "suara-pemilu", "Seri");
	future = add_episode(fx->cat, "suara-pemilu", "Nanti");
	other = add_episode(fx->cat, "lain", "Acara lain");
	assert_int_equal(catalog_episode_publish(fx->cat, old, NOW - 86400,
						 &err), 0);
	assert_int_equal(catalog_episode_publish(fx->cat, newer, NOW - 60,
						 &err), 0);
	assert_int_equal(catalog_episode_publish(fx->cat, tie, NOW - 60,
						 &err), 0);
	assert_int_equal(catalog_episode_publish(fx->cat, future, NOW + 60,
						 &err), 0);
	assert_int_equal(catalog_episode_publish(fx->cat, other, NOW - 30,
						 &err), 0);
	(void)draft;

	assert_int_equal(walk(fx->cat, "suara-pemilu", true, &w), 3);
	assert_int_equal(w.ids[0], tie);	/* same time: higher ID first */
	assert_int_equal(w.ids[1], newer);
	assert_int_equal(w.ids[2], old);

	assert_int_equal(walk(fx->cat, NULL, true, &w), 4);
	assert_int_equal(w.ids[0], other);

	/* Exactly at its time an episode is live. */
	catalog_set_now(fx->cat, NOW + 60);
	assert_int_equal(walk(fx->cat, "suara-pemilu", true, &w), 4);
	assert_int_equal(w.ids[0], future);
}

static void episode_each_without_live_only_goes_by_id(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	struct walk w;
	int64_t a, b, c;

	siar_err_clear(&err);
	add_show(fx->cat, "lain");
	a = add_episode(fx->cat, "suara-pemilu", "A");
	b = add_episode(fx->cat, "lain", "B");
	c = add_episode(fx->cat, "suara-pemilu", "C");
	assert_int_equal(catalog_episode_publish(fx->cat, c, NOW - 999, &err),
			 0);
	assert_int_equal(walk(fx->cat, NULL, false, &w), 3);
	assert_int_equal(w.ids[0], a);
	assert_int_equal(w.ids[1], b);
	assert_int_equal(w.ids[2], c);
	assert_int_equal(walk(fx->cat, "suara-pemilu", false, &w), 2);
	assert_int_equal(w.ids[0], a);
	assert_int_equal(w.ids[1], c);
	assert_int_equal(walk(fx->cat, "lain", false, &w), 1);
	assert_int_equal(w.ids[0], b);
}

static void episode_each_reports_unknown_show(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter filter = {.show_slug = "tidak-ada",
					.live_only = true};
	struct siar_err err;
	struct walk w = {.n = 0};

	siar_err_clear(&err);
	assert_int_equal(catalog_episode_each(fx->cat, &filter, collect, &w,
					      &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");
	assert_int_equal(w.n, 0);
}

static void episode_each_passes_back_callback_error(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter filter = {.show_slug = NULL,
					.live_only = false};
	struct siar_err err;
	struct walk w = {.n = 0, .stop_at = 2};
	int64_t second;

	siar_err_clear(&err);
	add_episode(fx->cat, "suara-pemilu", "A");
	second = add_episode(fx->cat, "suara-pemilu", "B");
	add_episode(fx->cat, "suara-pemilu", "C");
	assert_int_equal(catalog_episode_each(fx->cat, &filter, collect, &w,
					      &err),
			 SIAR_EIO);
	assert_int_equal(w.n, 2);
	assert_int_equal(w.ids[1], second);
	assert_contains(err.msg, "stopped at");
}

/* A callback that uses the catalogue while the walk is under way. */
static int nested(const struct catalog_episode *ep, void *ctx,
		  struct siar_err *err)
{
	struct catalog *cat = ctx;
	struct catalog_episode again;
	struct walk inner;
	int rc;

	catalog_episode_init(&again);
	rc = catalog_episode_get(cat, ep->id, &again, err);
	if (!rc && strcmp(again.guid, ep->guid))
		rc = siar_err_set(err, SIAR_EINVAL, "guid changed");
	if (!rc && (again.n_guests != 1 || ep->n_guests != 1))
		rc = siar_err_set(err, SIAR_EINVAL, "guests lost");
	catalog_episode_release(&again);
	if (!rc && walk(cat, "suara-pemilu", false, &inner) != 3)
		rc = siar_err_set(err, SIAR_EINVAL, "inner walk");
	/* A write, committed while the outer cursor is still open. */
	if (!rc)
		add_episode(cat, "lain", "Ditambah saat berjalan");
	return rc;
}

static void episode_each_allows_nested_catalogue_calls(void **state)
{
	static const char *const guests[] = {"Budi"};
	struct fx *fx = *state;
	struct catalog_filter filter = {.show_slug = "suara-pemilu",
					.live_only = false};
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;
	int i;

	add_show(fx->cat, "lain");
	for (i = 0; i < 3; i++) {
		fill_episode(&ep, "suara-pemilu", "Edisi");
		ep.guests = dup_list(guests, 1);
		ep.n_guests = 1;
		assert_int_equal(add_episode_rc(fx->cat, &ep, &err), 0);
	}
	siar_err_clear(&err);
	assert_int_equal(catalog_episode_each(fx->cat, &filter, nested,
					      fx->cat, &err),
			 SIAR_OK);
	assert_int_equal(walk(fx->cat, "lain", false, &w), 3);
}

/* ---- Walking: the lists ------------------------------------------------- */

/*
 * The filters that read a walk's lists in each of the ways lists.c has:
 * by cursors over every episode by ID, by cursors following one show's
 * episodes by ID (sorted) or live (from the index), by cursors following
 * the live episodes of every show, and per episode (status, limit).
 */
static const struct catalog_filter list_walks[] = {
	{.show_slug = NULL},
	{.show_slug = "suara-pemilu"},
	{.show_slug = "suara-pemilu", .live_only = true},
	{.live_only = true},
	{.status = "published"},
	{.limit = 100},
};
#define N_LIST_WALKS (sizeof(list_walks) / sizeof(list_walks[0]))

static void assert_same_text(const char *a, const char *b)
{
	if (!a || !b)
		assert_ptr_equal(a, b);
	else
		assert_string_equal(a, b);
}

static void assert_same_names(char *const *a, size_t n_a, char *const *b,
			      size_t n_b)
{
	size_t i;

	assert_int_equal(n_a, n_b);
	for (i = 0; i < n_a; i++)
		assert_same_text(a[i], b[i]);
}

static void assert_same_files(const struct catalog_episode *a,
			      const struct catalog_episode *b)
{
	const struct catalog_rendition *x, *y;
	size_t i;

	assert_int_equal(a->n_transcripts, b->n_transcripts);
	for (i = 0; i < a->n_transcripts; i++) {
		assert_same_text(a->transcripts[i].path, b->transcripts[i].path);
		assert_same_text(a->transcripts[i].mime, b->transcripts[i].mime);
		assert_same_text(a->transcripts[i].language,
				 b->transcripts[i].language);
	}
	assert_int_equal(a->n_renditions, b->n_renditions);
	for (i = 0; i < a->n_renditions; i++) {
		x = &a->renditions[i];
		y = &b->renditions[i];
		assert_same_text(x->path, y->path);
		assert_same_text(x->mime, y->mime);
		assert_same_text(x->kind, y->kind);
		assert_same_text(x->sha256, y->sha256);
		assert_same_text(x->title, y->title);
		assert_int_equal(x->size_bytes, y->size_bytes);
		assert_int_equal(x->duration_ms, y->duration_ms);
		assert_int_equal(x->bit_rate, y->bit_rate);
		assert_int_equal(x->width, y->width);
		assert_int_equal(x->height, y->height);
	}
}

/* Every list of 'a' and 'b', and who added them, are the same. */
static void assert_same_lists(const struct catalog_episode *a,
			      const struct catalog_episode *b)
{
	size_t i;

	assert_int_equal(a->id, b->id);
	assert_same_text(a->guid, b->guid);
	assert_same_text(a->added_by, b->added_by);
	assert_same_names(a->guests, a->n_guests, b->guests, b->n_guests);
	assert_same_names(a->topics, a->n_topics, b->topics, b->n_topics);
	assert_int_equal(a->n_credits, b->n_credits);
	for (i = 0; i < a->n_credits; i++) {
		assert_same_text(a->credits[i].name, b->credits[i].name);
		assert_same_text(a->credits[i].role, b->credits[i].role);
		assert_same_text(a->credits[i].group, b->credits[i].group);
	}
	assert_int_equal(a->n_chapters, b->n_chapters);
	for (i = 0; i < a->n_chapters; i++) {
		assert_int_equal(a->chapters[i].start_ms,
				 b->chapters[i].start_ms);
		assert_int_equal(a->chapters[i].end_ms, b->chapters[i].end_ms);
		assert_same_text(a->chapters[i].title, b->chapters[i].title);
	}
	assert_same_files(a, b);
}

/* The fields of 'a' and 'b' from the episode's own row are the same. */
static void assert_same_row(const struct catalog_episode *a,
			    const struct catalog_episode *b)
{
	const char *const ta[] = {
		a->show_slug,	    a->guid,	      a->title,
		a->description,	    a->media_path,    a->media_mime,
		a->media_kind,	    a->media_container, a->media_sha256,
		a->duration_method, a->audio_codec,   a->video_codec,
		a->image_path,	    a->poster_path,   a->recorded_on,
		a->chapters_url,    a->episode_type,
	};
	const char *const tb[] = {
		b->show_slug,	    b->guid,	      b->title,
		b->description,	    b->media_path,    b->media_mime,
		b->media_kind,	    b->media_container, b->media_sha256,
		b->duration_method, b->audio_codec,   b->video_codec,
		b->image_path,	    b->poster_path,   b->recorded_on,
		b->chapters_url,    b->episode_type,
	};
	size_t i;

	for (i = 0; i < sizeof(ta) / sizeof(ta[0]); i++)
		assert_same_text(ta[i], tb[i]);
	assert_int_equal(a->show_id, b->show_id);
	assert_int_equal(a->media_size_bytes, b->media_size_bytes);
	assert_int_equal(a->duration_ms, b->duration_ms);
	assert_int_equal(a->bit_rate, b->bit_rate);
	assert_int_equal(a->width, b->width);
	assert_int_equal(a->height, b->height);
	assert_int_equal(a->sample_rate, b->sample_rate);
	assert_int_equal(a->channels, b->channels);
	assert_true(a->frame_rate == b->frame_rate);
	assert_int_equal(a->has_loudness, b->has_loudness);
	assert_true(a->loudness_lufs == b->loudness_lufs);
	assert_true(a->loudness_range_lu == b->loudness_range_lu);
	assert_true(a->true_peak_dbtp == b->true_peak_dbtp);
	assert_int_equal(a->image_apple_ok, b->image_apple_ok);
	assert_int_equal(a->season, b->season);
	assert_int_equal(a->episode_number, b->episode_number);
	assert_int_equal(a->explicit, b->explicit);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->published_unix, b->published_unix);
	assert_int_equal(a->created_unix, b->created_unix);
	assert_int_equal(a->updated_unix, b->updated_unix);
}

/* A walk that checks each episode against catalog_episode_get(). */
struct same_walk {
	struct catalog *cat;
	struct walk w;
};

static int same_as_get(const struct catalog_episode *ep, void *ctx,
		       struct siar_err *err)
{
	struct same_walk *s = ctx;
	struct catalog_episode got;

	catalog_episode_init(&got);
	assert_int_equal(catalog_episode_get(s->cat, ep->id, &got, err),
			 SIAR_OK);
	assert_same_row(ep, &got);
	assert_same_lists(ep, &got);
	catalog_episode_release(&got);
	return collect(ep, &s->w, err);
}

/*
 * Walk with each of list_walks[] and check every episode against
 * catalog_episode_get(); 'n[i]' receives how many episodes walk i gave.
 */
static void walk_every_way(struct catalog *cat, size_t n[N_LIST_WALKS])
{
	struct same_walk s = {.cat = cat};
	struct siar_err err;
	size_t i;

	for (i = 0; i < N_LIST_WALKS; i++) {
		siar_err_clear(&err);
		s.w.n = 0;
		s.w.stop_at = 0;
		assert_int_equal(catalog_episode_each(cat, &list_walks[i],
						      same_as_get, &s, &err),
				 SIAR_OK);
		n[i] = s.w.n;
	}
}

/* The guests and topics of 'ep' are 'guests' and 'topics', in order. */
static void assert_names(const struct catalog_episode *ep,
			 const char *const *guests, size_t n_guests,
			 const char *const *topics, size_t n_topics)
{
	size_t i;

	assert_int_equal(ep->n_guests, n_guests);
	for (i = 0; i < n_guests; i++)
		assert_string_equal(ep->guests[i], guests[i]);
	assert_int_equal(ep->n_topics, n_topics);
	for (i = 0; i < n_topics; i++)
		assert_string_equal(ep->topics[i], topics[i]);
}

static int64_t add_named(struct catalog *cat, const char *show,
			 const char *const *guests, size_t n_guests,
			 const char *const *topics, size_t n_topics)
{
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_episode(&ep, show, "Edisi");
	ep.guests = dup_list(guests, n_guests);
	ep.n_guests = n_guests;
	ep.topics = dup_list(topics, n_topics);
	ep.n_topics = n_topics;
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

/* An episode with a producer, two transcripts and a rendition. */
static int64_t add_with_files(struct catalog *cat, const char *topic)
{
	const char *topics[1];
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	topics[0] = topic;
	fill_episode(&ep, "suara-pemilu", "Berkas");
	ep.topics = dup_list(topics, 1);
	ep.n_topics = 1;
	ep.credits = calloc(1, sizeof(*ep.credits));
	ep.credits[0].name = siar_strdup("Sari \xF0\x9F\x8E\xA7");
	ep.credits[0].role = siar_strdup("Producer");
	ep.credits[0].group = siar_strdup("Creative Direction");
	ep.n_credits = 1;
	ep.transcripts = calloc(2, sizeof(*ep.transcripts));
	ep.transcripts[0].path = siar_strdup("/srv/kpu/ep.vtt");
	ep.transcripts[0].mime = siar_strdup("text/vtt");
	ep.transcripts[0].language = siar_strdup("id");
	ep.transcripts[1].path = siar_strdup("/srv/kpu/ep.srt");
	ep.transcripts[1].mime = siar_strdup("application/x-subrip");
	ep.n_transcripts = 2;
	ep.renditions = calloc(1, sizeof(*ep.renditions));
	ep.renditions[0].path = siar_strdup("/srv/kpu/ep-audio.m4a");
	ep.renditions[0].mime = siar_strdup("audio/mp4");
	ep.renditions[0].kind = siar_strdup("audio");
	ep.renditions[0].sha256 = siar_strdup(SHA_A);
	ep.renditions[0].size_bytes = 300;
	ep.renditions[0].duration_ms = 61000;
	ep.renditions[0].title = siar_strdup("Audio saja");
	ep.n_renditions = 1;
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

static int64_t add_with_chapters(struct catalog *cat,
				 const char *const *guests, size_t n_guests,
				 size_t n_chapters)
{
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;
	size_t i;

	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Bab");
	ep.guests = dup_list(guests, n_guests);
	ep.n_guests = n_guests;
	ep.chapters = calloc(n_chapters, sizeof(*ep.chapters));
	for (i = 0; i < n_chapters; i++) {
		ep.chapters[i].start_ms = (int64_t)(n_chapters - i) * 1000;
		ep.chapters[i].title = siar_strdup(i ? "Tanya \xE2\x80\x94 jawab"
						     : "Penutup");
	}
	ep.n_chapters = n_chapters;
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

static void publish_at(struct catalog *cat, int64_t id, int64_t at)
{
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_episode_publish(cat, id, at, &err), SIAR_OK);
}

static void walk_reads_each_list_with_its_episode(void **state)
{
	static const char *const guests1[] = {"Zainal", "Ani \xC3\x91o\xC3\xB1o"};
	static const char *const topics1[] = {
		"Pemilu \xF0\x9F\x97\xB3\xEF\xB8\x8F 2024",
		"Caf\xC3\xA9 Demokrasi"};
	static const char *const guests3[] = {"Budi"};
	static const char *const topics3[] = {"Kampanye"};
	static const char *const guests5[] = {"\xF0\x9F\x98\x80 Ria", "Ani"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t e1, e2, e3, e4, e5;

	add_show(fx->cat, "lain");
	e1 = add_named(fx->cat, "suara-pemilu", guests1, 2, topics1, 2);
	e2 = add_named(fx->cat, "suara-pemilu", NULL, 0, NULL, 0);
	e3 = add_named(fx->cat, "lain", guests3, 1, topics3, 1);
	e4 = add_with_files(fx->cat, topics1[0]);
	e5 = add_with_chapters(fx->cat, guests5, 2, 3);
	publish_at(fx->cat, e1, NOW - 100);
	publish_at(fx->cat, e2, NOW - 100);
	publish_at(fx->cat, e3, NOW - 50);
	publish_at(fx->cat, e4, NOW - 200);

	siar_err_clear(&err);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, e1, &ep, &err), SIAR_OK);
	assert_names(&ep, guests1, 2, topics1, 2);
	assert_string_equal(ep.added_by, "siar");
	assert_int_equal(ep.n_credits + ep.n_chapters + ep.n_transcripts +
				 ep.n_renditions,
			 0);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, e2, &ep, &err), SIAR_OK);
	assert_names(&ep, NULL, 0, NULL, 0);
	assert_int_equal(ep.n_credits + ep.n_chapters + ep.n_transcripts +
				 ep.n_renditions,
			 0);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, e4, &ep, &err), SIAR_OK);
	assert_names(&ep, NULL, 0, topics1, 1);
	assert_int_equal(ep.n_credits, 1);
	assert_string_equal(ep.credits[0].name, "Sari \xF0\x9F\x8E\xA7");
	assert_string_equal(ep.credits[0].role, "producer");
	assert_int_equal(ep.n_transcripts, 2);
	assert_null(ep.transcripts[1].language);
	assert_int_equal(ep.n_renditions, 1);
	assert_string_equal(ep.renditions[0].title, "Audio saja");
	assert_int_equal(ep.n_chapters, 0);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, e5, &ep, &err), SIAR_OK);
	assert_names(&ep, guests5, 2, NULL, 0);
	assert_int_equal(ep.n_chapters, 3);
	assert_string_equal(ep.chapters[0].title, "Tanya \xE2\x80\x94 jawab");
	assert_int_equal(ep.chapters[2].start_ms, 3000);
	catalog_episode_release(&ep);

	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], 5);
	assert_int_equal(n[1], 4);
	assert_int_equal(n[2], 3);
	assert_int_equal(n[3], 4);
	assert_int_equal(n[4], 4);
	assert_int_equal(n[5], 5);
	(void)e3;
}

/*
 * Episodes of catalog_episode_each_kept(), kept past their callback: in
 * two pools used in turn, a new one for every second episode, as the feed
 * writer's batches are.
 */
struct kept_walk {
	struct catalog *cat;
	struct catalog_pool *pool[2];
	struct catalog_episode ep[8];
	size_t n;
	size_t n_ends;
	int end_rc;
	int fail_at;	/* 'fn' fails on this episode (1-based); 0: never */
	bool change;	/* 'fn' changes the catalogue at the first */
	int64_t other;	/* the episode it changes */
};

static struct catalog_pool *kept_pool(void *ctx)
{
	struct kept_walk *k = ctx;

	return k->pool[(k->n / 2) % 2];
}

static int keep_episode(const struct catalog_episode *ep, void *ctx,
			struct siar_err *err)
{
	struct kept_walk *k = ctx;

	assert_true(k->n < 8);
	k->ep[k->n++] = *ep;
	if ((int)k->n == k->fail_at)
		return siar_err_set(err, SIAR_EIO, "stopped by the callback");
	/* Its lists are read per episode from here on. */
	if (k->change && k->n == 1)
		assert_int_equal(catalog_episode_publish(k->cat, k->other,
							 NOW - 1, err),
				 SIAR_OK);
	return SIAR_OK;
}

/* Each episode kept equals the episode read again, names and all. */
static void kept_end(int rc, void *ctx)
{
	struct kept_walk *k = ctx;
	struct catalog_episode got;
	struct siar_err err;
	size_t i;

	k->n_ends++;
	k->end_rc = rc;
	siar_err_clear(&err);
	for (i = 0; i < k->n; i++) {
		catalog_episode_init(&got);
		assert_int_equal(catalog_episode_get(k->cat, k->ep[i].id, &got,
						     &err),
				 SIAR_OK);
		assert_same_row(&k->ep[i], &got);
		assert_same_lists(&k->ep[i], &got);
		catalog_episode_release(&got);
	}
}

static void kept_walk_init(struct kept_walk *k, struct catalog *cat)
{
	struct siar_err err;

	memset(k, 0, sizeof(*k));
	k->cat = cat;
	siar_err_clear(&err);
	assert_int_equal(catalog_pool_new(&k->pool[0], &err), SIAR_OK);
	assert_int_equal(catalog_pool_new(&k->pool[1], &err), SIAR_OK);
}

static void kept_walk_release(struct kept_walk *k)
{
	catalog_pool_free(k->pool[0]);
	catalog_pool_free(k->pool[1]);
}

/* Walk every episode of 'k''s catalogue into 'k'; the walk's result. */
static int kept_walk_run(struct kept_walk *k, struct siar_err *err)
{
	struct catalog_filter all = {0};

	siar_err_clear(err);
	return catalog_episode_each_kept(k->cat, &all, kept_pool, keep_episode,
					 kept_end, k, err);
}

/* Episodes with and without every list. */
static void add_kept_episodes(struct catalog *cat)
{
	static const char *const guests[] = {"Zainal", "Ani \xC3\x91o\xC3\xB1o"};
	static const char *const topics[] = {"Caf\xC3\xA9 Demokrasi"};

	add_named(cat, "suara-pemilu", guests, 2, topics, 1);
	add_named(cat, "suara-pemilu", NULL, 0, NULL, 0);
	add_with_files(cat, topics[0]);
	add_with_chapters(cat, guests, 2, 3);
}

/*
 * An episode of a kept walk is the pool's, not the callback's: each
 * still equals the episode read again when the walk ends, and the pools
 * hold them until cleared.
 */
static void episode_kept_outlives_its_callback(void **state)
{
	struct fx *fx = *state;
	struct kept_walk k;
	struct siar_err err;

	add_kept_episodes(fx->cat);
	kept_walk_init(&k, fx->cat);
	assert_int_equal(kept_walk_run(&k, &err), SIAR_OK);
	assert_int_equal(k.n, 4);
	assert_int_equal(k.n_ends, 1);
	assert_int_equal(k.end_rc, SIAR_OK);
	/* Two episodes and their lists in each pool, then none. */
	assert_true(catalog_pool_bytes(k.pool[0]) > 0);
	assert_true(catalog_pool_bytes(k.pool[1]) > 0);
	assert_ptr_not_equal(k.ep[0].title, k.ep[2].title);
	catalog_pool_clear(k.pool[0]);
	assert_true(catalog_pool_bytes(k.pool[0]) <= (size_t)64 << 10);
	kept_walk_release(&k);
}

/* A failing callback stops the walk; 'end' is told, once. */
static void kept_walk_ends_once_on_failure(void **state)
{
	struct fx *fx = *state;
	struct kept_walk k;
	struct siar_err err;

	add_kept_episodes(fx->cat);
	kept_walk_init(&k, fx->cat);
	k.fail_at = 2;
	assert_int_equal(kept_walk_run(&k, &err), SIAR_EIO);
	assert_string_equal(err.msg, "stopped by the callback");
	assert_int_equal(k.n, 2);
	assert_int_equal(k.n_ends, 1);
	assert_int_equal(k.end_rc, SIAR_EIO);
	kept_walk_release(&k);
}

/* PRAGMA cache_size of 'cat''s connection. */
static int64_t cache_size(struct catalog *cat)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	assert_int_equal(sqlite3_prepare_v2(cat->db, "PRAGMA cache_size", -1,
					    &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* The cache sizes a walk's callback saw, and a walk inside the first. */
struct cache_walk {
	struct catalog *cat;
	int64_t seen[2];	/* in the walk, then after a walk inside it */
	size_t n;
};

static int inner_episode(const struct catalog_episode *ep, void *ctx,
			 struct siar_err *err)
{
	(void)ep;
	(void)ctx;
	(void)err;
	return SIAR_OK;
}

static int cache_episode(const struct catalog_episode *ep, void *ctx,
			 struct siar_err *err)
{
	struct cache_walk *c = ctx;
	struct catalog_filter all = {0};

	(void)ep;
	if (c->n++)
		return SIAR_OK;
	c->seen[0] = cache_size(c->cat);
	assert_int_equal(catalog_episode_each(c->cat, &all, inner_episode,
					      NULL, err),
			 SIAR_OK);
	c->seen[1] = cache_size(c->cat);
	return SIAR_OK;
}

/*
 * A walk through every episode reads with a small page cache, walks
 * inside it too, and the cache is as it was when it ends, even on
 * failure; a walk that keeps few of the episodes it passes (by topic)
 * leaves the cache alone.
 */
static void whole_walk_reads_with_small_cache(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter all = {0}, by_topic = {0};
	struct cache_walk c = {fx->cat, {0, 0}, 0};
	struct kept_walk k;
	struct siar_err err;
	int64_t before;

	add_kept_episodes(fx->cat);
	assert_int_equal(sqlite3_exec(fx->cat->db, "PRAGMA cache_size = -3000",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	before = cache_size(fx->cat);
	assert_int_equal(before, -3000);
	siar_err_clear(&err);
	assert_int_equal(catalog_episode_each(fx->cat, &all, cache_episode, &c,
					      &err),
			 SIAR_OK);
	assert_int_equal(c.n, 4);
	assert_int_equal(c.seen[0], -CATALOG_WALK_CACHE_KIB);
	assert_int_equal(c.seen[1], -CATALOG_WALK_CACHE_KIB);
	assert_int_equal(cache_size(fx->cat), before);
	/* A failing callback. */
	kept_walk_init(&k, fx->cat);
	k.fail_at = 1;
	assert_int_equal(kept_walk_run(&k, &err), SIAR_EIO);
	kept_walk_release(&k);
	assert_int_equal(cache_size(fx->cat), before);
	/* By topic: the cache stays. */
	by_topic.topic = "Caf\xC3\xA9 Demokrasi";
	c.n = 0;
	assert_int_equal(catalog_episode_each(fx->cat, &by_topic,
					      cache_episode, &c, &err),
			 SIAR_OK);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.seen[0], before);
	assert_int_equal(cache_size(fx->cat), before);
}

/*
 * The callback changes the catalogue: the lists are read per episode
 * from then on, and the names the earlier episodes share with the walk
 * stay until it ends (valgrind and the sanitizers would see them freed).
 */
static void kept_walk_survives_a_change(void **state)
{
	static const char *const guests[] = {"Zainal", "Budi"};
	struct fx *fx = *state;
	struct kept_walk k;
	struct siar_err err;
	int64_t id;

	add_kept_episodes(fx->cat);
	id = add_named(fx->cat, "suara-pemilu", guests, 2, NULL, 0);
	kept_walk_init(&k, fx->cat);
	k.change = true;
	k.other = id;
	assert_int_equal(kept_walk_run(&k, &err), SIAR_OK);
	assert_int_equal(k.n, 5);
	assert_int_equal(k.n_ends, 1);
	kept_walk_release(&k);
}

/* A walk that checks episodes against catalog_episode_get(), less 'skip'. */
struct skip_walk {
	struct catalog *cat;
	unsigned skip;
	size_t n;		/* episodes given */
	size_t n_dropped;	/* entries of the skipped lists they have */
};

/* Empty the lists of 'ep' that 'skip' names; returns how many entries. */
static size_t drop_lists(struct catalog_episode *ep, unsigned skip)
{
	size_t n = 0;

	if (skip & CATALOG_SKIP_PEOPLE) {
		n += ep->n_guests + ep->n_credits;
		ep->guests = NULL;
		ep->n_guests = 0;
		ep->credits = NULL;
		ep->n_credits = 0;
	}
	if (skip & CATALOG_SKIP_TOPICS) {
		n += ep->n_topics;
		ep->topics = NULL;
		ep->n_topics = 0;
	}
	if (skip & CATALOG_SKIP_CHAPTERS) {
		n += ep->n_chapters;
		ep->chapters = NULL;
		ep->n_chapters = 0;
	}
	if (skip & CATALOG_SKIP_TRANSCRIPTS) {
		n += ep->n_transcripts;
		ep->transcripts = NULL;
		ep->n_transcripts = 0;
	}
	if (skip & CATALOG_SKIP_RENDITIONS) {
		n += ep->n_renditions;
		ep->renditions = NULL;
		ep->n_renditions = 0;
	}
	if (skip & CATALOG_SKIP_ADDER) {
		n += ep->added_by != NULL;
		ep->added_by = NULL;
	}
	if (skip & CATALOG_SKIP_DETAILS) {
		n += (ep->show_slug != NULL) + (ep->media_kind != NULL) +
		     (ep->media_container != NULL) +
		     (ep->duration_method != NULL) +
		     (ep->audio_codec != NULL) + (ep->video_codec != NULL) +
		     (ep->sample_rate != 0) + (ep->channels != 0) +
		     (ep->frame_rate != 0) + ep->has_loudness +
		     (ep->recorded_on != NULL) + (ep->created_unix != 0);
		ep->show_slug = NULL;
		ep->media_kind = NULL;
		ep->media_container = NULL;
		ep->duration_method = NULL;
		ep->audio_codec = NULL;
		ep->video_codec = NULL;
		ep->sample_rate = 0;
		ep->channels = 0;
		ep->frame_rate = 0;
		ep->has_loudness = false;
		ep->loudness_lufs = 0;
		ep->loudness_range_lu = 0;
		ep->true_peak_dbtp = 0;
		ep->recorded_on = NULL;
		ep->created_unix = 0;
	}
	return n;
}

static int same_but_skipped(const struct catalog_episode *ep, void *ctx,
			    struct siar_err *err)
{
	struct skip_walk *s = ctx;
	struct catalog_episode got, all;

	catalog_episode_init(&got);
	assert_int_equal(catalog_episode_get(s->cat, ep->id, &got, err),
			 SIAR_OK);
	all = got;
	s->n_dropped += drop_lists(&got, s->skip);
	assert_same_row(ep, &got);
	assert_same_lists(ep, &got);
	/* Skipped means empty, not merely counted as such. */
	assert_true(!ep->guests == !ep->n_guests);
	assert_true(!ep->credits == !ep->n_credits);
	assert_true(!ep->topics == !ep->n_topics);
	assert_true(!ep->chapters == !ep->n_chapters);
	assert_true(!ep->transcripts == !ep->n_transcripts);
	assert_true(!ep->renditions == !ep->n_renditions);
	catalog_episode_release(&all);
	s->n++;
	return SIAR_OK;
}

static void walk_skips_the_lists_it_is_told_to(void **state)
{
	static const unsigned skips[] = {
		CATALOG_SKIP_PEOPLE,	  CATALOG_SKIP_TOPICS,
		CATALOG_SKIP_CHAPTERS,	  CATALOG_SKIP_TRANSCRIPTS,
		CATALOG_SKIP_RENDITIONS, CATALOG_SKIP_ADDER,
		CATALOG_SKIP_DETAILS,
	};
	static const char *const guests[] = {"Zainal", "Ani"};
	static const char *const topics[] = {"Pemilu 2024", "Kampanye"};
	struct fx *fx = *state;
	struct skip_walk s = {.cat = fx->cat};
	struct catalog_filter f;
	struct siar_err err;
	size_t i, k, n[N_LIST_WALKS];
	unsigned all = 0;

	publish_at(fx->cat, add_named(fx->cat, "suara-pemilu", guests, 2,
				      topics, 2),
		   NOW - 100);
	publish_at(fx->cat, add_with_files(fx->cat, topics[0]), NOW - 200);
	publish_at(fx->cat, add_with_chapters(fx->cat, guests, 1, 3),
		   NOW - 300);
	add_named(fx->cat, "suara-pemilu", guests, 1, topics, 1);
	walk_every_way(fx->cat, n);
	for (k = 0; k <= sizeof(skips) / sizeof(skips[0]); k++) {
		s.skip = k < sizeof(skips) / sizeof(skips[0]) ? skips[k] : all;
		all |= s.skip;
		s.n_dropped = 0;
		for (i = 0; i < N_LIST_WALKS; i++) {
			f = list_walks[i];
			f.skip = s.skip;
			s.n = 0;
			siar_err_clear(&err);
			assert_int_equal(catalog_episode_each(fx->cat, &f,
							      same_but_skipped,
							      &s, &err),
					 SIAR_OK);
			assert_int_equal(s.n, n[i]);
		}
		/* Each list skipped is one the episodes have. */
		assert_true(s.n_dropped > 0);
	}
}

/*
 * An episode bigger than the walk's first block of memory, between two
 * small ones, comes out whole, and so do they.
 */
static void walk_gives_large_episodes_whole(void **state)
{
	enum { N_GUESTS = 300, DESC = 100000 };
	struct fx *fx = *state;
	const char *guests[N_GUESTS];
	char names[N_GUESTS][32];
	struct catalog_episode ep;
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t id;
	size_t i;

	for (i = 0; i < N_GUESTS; i++) {
		snprintf(names[i], sizeof(names[i]), "Narasumber ke-%03zu", i);
		guests[i] = names[i];
	}
	add_named(fx->cat, "suara-pemilu", guests, 2, NULL, 0);
	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Panjang");
	free(ep.description);
	ep.description = malloc(DESC + 1);
	assert_non_null(ep.description);
	for (i = 0; i < DESC; i++)
		ep.description[i] = (char)('a' + i % 26);
	ep.description[DESC] = '\0';
	ep.guests = dup_list(guests, N_GUESTS);
	ep.n_guests = N_GUESTS;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &err),
			 SIAR_OK);
	catalog_episode_release(&ep);
	add_named(fx->cat, "suara-pemilu", guests + 7, 3, NULL, 0);
	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], 3);
	assert_int_equal(n[5], 3);
}

static void walk_keeps_many_guests_in_order(void **state)
{
	enum { N_GUESTS = 40, N_TOPICS = 12 };
	struct fx *fx = *state;
	const char *guests[N_GUESTS], *topics[N_TOPICS];
	char names[N_GUESTS][32], tnames[N_TOPICS][32];
	struct catalog_episode ep;
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t ids[3];
	size_t i, k;

	for (k = 0; k < 3; k++) {
		/* Neither alphabetical nor the order of creation. */
		for (i = 0; i < N_GUESTS; i++) {
			snprintf(names[i], sizeof(names[i]),
				 "Narasumber %02zu", (i * 17 + k * 5) % N_GUESTS);
			guests[i] = names[i];
		}
		for (i = 0; i < N_TOPICS; i++) {
			snprintf(tnames[i], sizeof(tnames[i]), "Topik %c%zu",
				 (char)('z' - i), k);
			topics[i] = tnames[i];
		}
		ids[k] = add_named(fx->cat, "suara-pemilu", guests, N_GUESTS,
				   topics, N_TOPICS);
		publish_at(fx->cat, ids[k], NOW - 10 * (int64_t)k);
		siar_err_clear(&err);
		catalog_episode_init(&ep);
		assert_int_equal(catalog_episode_get(fx->cat, ids[k], &ep,
						     &err),
				 SIAR_OK);
		assert_names(&ep, guests, N_GUESTS, topics, N_TOPICS);
		catalog_episode_release(&ep);
	}
	walk_every_way(fx->cat, n);
	for (i = 0; i < N_LIST_WALKS; i++)
		assert_int_equal(n[i], 3);
}

/*
 * Text written behind siar's back, not valid UTF-8 and with controls
 * (a NUL too), is repaired on the way out however the lists are read.
 */
static void walk_repairs_lists_changed_behind_its_back(void **state)
{
	static const char *const guests[] = {"Budi"};
	static const char *const topics[] = {"Pemilu"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t id, files, chapters;

	id = add_named(fx->cat, "suara-pemilu", guests, 1, topics, 1);
	files = add_with_files(fx->cat, "Kampanye");
	chapters = add_with_chapters(fx->cat, NULL, 0, 1);
	publish_at(fx->cat, id, NOW - 5);
	raw_exec(fx->path,
		 "UPDATE people SET name = 'Bu' || char(0) || 'd'"
		 " || CAST(x'ff' AS TEXT) || 'i' WHERE name = 'Budi';"
		 "UPDATE people SET name = 'Sa' || char(1) || 'ri'"
		 " || CAST(x'c3' AS TEXT) WHERE name LIKE 'Sari%';"
		 "UPDATE topics SET name = 'Pem' || char(7) || 'ilu'"
		 " || CAST(x'e282' AS TEXT) WHERE name = 'Pemilu';"
		 "UPDATE episode_chapters SET title = CAST(x'c0af' AS TEXT)"
		 " || 'Penutup';"
		 "UPDATE episode_renditions SET title = 'Audio'"
		 " || CAST(x'eda080' AS TEXT);"
		 "UPDATE episode_transcripts SET mime = 'text/vtt',"
		 " language = 'i' || char(27) || 'd' WHERE position = 0;"
		 "DROP TRIGGER episode_log_no_update;"
		 "UPDATE episode_log SET actor = 'ad' || CAST(x'fe' AS TEXT)"
		 " || 'min';");

	siar_err_clear(&err);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), SIAR_OK);
	assert_int_equal(ep.n_guests, 1);
	assert_string_equal(ep.guests[0], "Bud\xEF\xBF\xBDi");
	assert_int_equal(ep.n_topics, 1);
	assert_string_equal(ep.topics[0],
			    "Pemilu\xEF\xBF\xBD\xEF\xBF\xBD");
	assert_string_equal(ep.added_by, "ad\xEF\xBF\xBDmin");
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, files, &ep, &err),
			 SIAR_OK);
	assert_string_equal(ep.credits[0].name, "Sari\xEF\xBF\xBD");
	assert_string_equal(ep.transcripts[0].language, "id");
	assert_string_equal(ep.renditions[0].title,
			    "Audio\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, chapters, &ep, &err),
			 SIAR_OK);
	assert_string_equal(ep.chapters[0].title,
			    "\xEF\xBF\xBD\xEF\xBF\xBDPenutup");
	catalog_episode_release(&ep);

	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], 3);
	assert_int_equal(n[2], 1);
}

static int64_t add_by(struct catalog *cat, const char *who)
{
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Oleh");
	ep.added_by = siar_strdup(who);
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

/*
 * added_by is the actor of the episode's first "add" in the log, by
 * entry: later ones (written behind siar's back) do not count, an
 * earlier one does, and an episode without one has none.
 */
static void walk_gives_who_added_each_episode(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t rina, budi, none;
	char sql[512];

	rina = add_by(fx->cat, "Rina");
	budi = add_by(fx->cat, "Budi \xF0\x9F\x8E\x99");
	none = add_by(fx->cat, "Citra");
	publish_at(fx->cat, budi, NOW - 5);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO episode_log (id, episode_id, at_unix, actor,"
		 " action, to_status) VALUES (1000, %lld, 0, 'Lain', 'add',"
		 " 'draft'), (0, %lld, 0, 'Awal', 'add', 'draft'),"
		 " (-1, %lld, 0, 'Sunting', 'edit', NULL);"
		 "DROP TRIGGER episode_log_no_delete;"
		 "DELETE FROM episode_log WHERE episode_id = %lld;",
		 (long long)rina, (long long)budi, (long long)budi,
		 (long long)none);
	raw_exec(fx->path, sql);

	siar_err_clear(&err);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, rina, &ep, &err),
			 SIAR_OK);
	assert_string_equal(ep.added_by, "Rina");
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, budi, &ep, &err),
			 SIAR_OK);
	assert_string_equal(ep.added_by, "Awal");
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, none, &ep, &err),
			 SIAR_OK);
	assert_null(ep.added_by);
	catalog_episode_release(&ep);
	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], 3);
	assert_int_equal(n[2], 1);
}

/* A walk whose callback gives episode 'target' other guests at first. */
struct change_walk {
	struct same_walk s;
	int64_t target;
	const char *const *guests;	/* two of them */
};

static int change_target(const struct catalog_episode *ep, void *ctx,
			 struct siar_err *err)
{
	struct change_walk *c = ctx;
	struct catalog_actor who = {"editor", NULL};
	struct catalog_episode other;
	size_t i;
	int rc = SIAR_OK;

	if (c->s.w.n == 0) {
		catalog_episode_init(&other);
		rc = catalog_episode_get(c->s.cat, c->target, &other, err);
		for (i = 0; i < other.n_guests; i++)
			free(other.guests[i]);
		free(other.guests);
		other.guests = dup_list(c->guests, 2);
		other.n_guests = 2;
		if (!rc)
			rc = catalog_episode_update(c->s.cat, c->target,
						    &other, &who, err);
		catalog_episode_release(&other);
	}
	if (!rc && ep->id == c->target)
		assert_names(ep, c->guests, 2, NULL, 0);
	return rc ? rc : same_as_get(ep, &c->s, err);
}

static void walk_reads_lists_as_its_callback_changed_them(void **state)
{
	static const char *const first[] = {"Ani"};
	static const char *const second[] = {"Budi"};
	static const char *const third[] = {"Citra"};
	static const char *const after[2][2] = {{"Xena", "Yusuf"},
						{"Yusuf", "Xena"}};
	struct fx *fx = *state;
	struct change_walk c = {.s = {.cat = fx->cat}};
	struct siar_err err;
	int64_t ids[3];
	size_t i;

	ids[0] = add_named(fx->cat, "suara-pemilu", first, 1, NULL, 0);
	ids[1] = add_named(fx->cat, "suara-pemilu", second, 1, NULL, 0);
	ids[2] = add_named(fx->cat, "suara-pemilu", third, 1, NULL, 0);
	for (i = 0; i < 3; i++)
		publish_at(fx->cat, ids[i], NOW - 10 * (int64_t)(i + 1));
	c.target = ids[1];
	/* By every episode, one show sorted, one show live. */
	for (i = 0; i < 3; i++) {
		c.guests = after[i % 2];
		c.s.w.n = 0;
		c.s.w.stop_at = 0;
		siar_err_clear(&err);
		assert_int_equal(catalog_episode_each(fx->cat, &list_walks[i],
						      change_target, &c, &err),
				 SIAR_OK);
		assert_int_equal(c.s.w.n, 3);
		assert_int_equal(c.s.w.ids[1], ids[1]);
	}
}

/*
 * Rows that a foreign key would have refused, written behind siar's back
 * (a link to no episode, a show removed under its episode), and the log
 * of a removed episode, which stays: a walk gives none of those episodes
 * and their rows go to no other.
 */
static void walk_skips_list_rows_of_episodes_it_does_not_give(void **state)
{
	static const char *const guests[] = {"Budi", "Ani"};
	static const char *const topics[] = {"Pemilu", "Kampanye"};
	struct fx *fx = *state;
	struct catalog_actor who = {"editor", NULL};
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t a, gone, orphan, b;
	char sql[512];
	size_t i;

	add_show(fx->cat, "lain");
	a = add_named(fx->cat, "suara-pemilu", guests, 2, topics, 2);
	gone = add_named(fx->cat, "suara-pemilu", guests, 1, topics, 1);
	orphan = add_named(fx->cat, "lain", guests + 1, 1, topics + 1, 1);
	b = add_named(fx->cat, "suara-pemilu", guests + 1, 1, topics, 2);
	publish_at(fx->cat, a, NOW - 20);
	publish_at(fx->cat, orphan, NOW - 15);
	publish_at(fx->cat, b, NOW - 10);
	siar_err_clear(&err);
	assert_int_equal(catalog_episode_remove(fx->cat, gone, true, &who,
						&err),
			 SIAR_OK);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO episode_topics (episode_id, topic_id, position)"
		 " SELECT e, t.id, 0 FROM topics t, (SELECT 0 AS e UNION"
		 " SELECT %lld UNION SELECT 9999);"
		 "INSERT INTO episode_people (episode_id, person_id, role, grp,"
		 " position) SELECT %lld, id, 'guest', 'cast', 5 FROM people;"
		 "DELETE FROM shows WHERE slug = 'lain';",
		 (long long)gone, (long long)gone);
	raw_exec(fx->path, sql);

	walk_every_way(fx->cat, n);
	for (i = 0; i < N_LIST_WALKS; i++)
		assert_int_equal(n[i], 2);
}

/*
 * Episode 'k' of a catalogue made for walks, in show 'show': up to three
 * guests and two topics from small pools, or none, and now and then a
 * credit, chapters or a transcript.
 */
static int64_t add_varied(struct catalog *cat, const char *show, size_t k)
{
	static const char *const people[] = {"Ani",  "Budi",  "Citra", "Dewi",
					     "Eko",  "Fajar", "Gita"};
	static const char *const topics[] = {"Pemilu", "Kampanye", "Debat",
					     "TPS"};
	const char *guests[3], *tops[2];
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;
	size_t i;

	siar_err_clear(&err);
	fill_episode(&ep, show, "Ragam");
	for (i = 0; i < k % 4; i++)
		guests[i] = people[(k * 3 + i) % 7];
	ep.guests = dup_list(guests, k % 4);
	ep.n_guests = k % 4;
	for (i = 0; i < k % 3; i++)
		tops[i] = topics[(k + i) % 4];
	ep.topics = dup_list(tops, k % 3);
	ep.n_topics = k % 3;
	if (k % 5 == 1) {
		ep.credits = calloc(1, sizeof(*ep.credits));
		ep.credits[0].name = siar_strdup(people[k % 7]);
		ep.credits[0].role = siar_strdup("Producer");
		ep.credits[0].group = siar_strdup("Creative Direction");
		ep.n_credits = 1;
	}
	if (k % 6 == 2) {
		ep.chapters = calloc(2, sizeof(*ep.chapters));
		ep.chapters[0].start_ms = 0;
		ep.chapters[0].title = siar_strdup("Pembuka");
		ep.chapters[1].start_ms = 5000;
		ep.n_chapters = 2;
	}
	if (k % 9 == 4) {
		ep.transcripts = calloc(1, sizeof(*ep.transcripts));
		ep.transcripts[0].path = siar_strdup("/srv/kpu/ragam.vtt");
		ep.transcripts[0].mime = siar_strdup("text/vtt");
		ep.n_transcripts = 1;
	}
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

/* Episodes checked against catalog_episode_get(), however many. */
struct same_count {
	struct catalog *cat;
	size_t n;
};

static int count_same_as_get(const struct catalog_episode *ep, void *ctx,
			     struct siar_err *err)
{
	struct same_count *s = ctx;
	struct catalog_episode got;

	catalog_episode_init(&got);
	assert_int_equal(catalog_episode_get(s->cat, ep->id, &got, err),
			 SIAR_OK);
	assert_same_row(ep, &got);
	assert_same_lists(ep, &got);
	catalog_episode_release(&got);
	s->n++;
	return SIAR_OK;
}

/*
 * Walk show 'show' (NULL: every show) live or not, checking every episode
 * against catalog_episode_get(); returns how many the walk gave.
 */
static size_t walk_same(struct catalog *cat, const char *show, bool live)
{
	struct catalog_filter f = {.show_slug = show, .live_only = live};
	struct same_count s = {cat, 0};
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_episode_each(cat, &f, count_same_as_get, &s,
					      &err),
			 SIAR_OK);
	return s.n;
}

/*
 * Live, newest first, is mostly by descending ID; an episode added early
 * but published last, one published between two added long after it, and
 * episodes published at the same time, go against the IDs.
 */
static void walk_gives_lists_where_the_order_leaves_the_ids(void **state)
{
	enum { N = 40 };
	struct fx *fx = *state;
	size_t n[N_LIST_WALKS];
	int64_t ids[N];
	size_t i;

	for (i = 0; i < N; i++)
		ids[i] = add_varied(fx->cat, "suara-pemilu", i);
	for (i = 0; i < N; i++)
		publish_at(fx->cat, ids[i], NOW - 10000 + 10 * (int64_t)i);
	publish_at(fx->cat, ids[3], NOW - 1);
	publish_at(fx->cat, ids[30], NOW - 10000 + 55);
	for (i = 10; i < 14; i++)
		publish_at(fx->cat, ids[i], NOW - 5000);
	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], N);
	assert_int_equal(n[2], N);
	assert_int_equal(n[3], N);
}

/* Live in an order that has nothing to do with the IDs. */
static void walk_gives_lists_in_an_order_unlike_the_ids(void **state)
{
	enum { N = 48 };
	struct fx *fx = *state;
	size_t n[N_LIST_WALKS];
	int64_t id;
	size_t i;

	for (i = 0; i < N; i++) {
		id = add_varied(fx->cat, "suara-pemilu", i);
		/* 17 and 48 are coprime: every time taken once. */
		publish_at(fx->cat, id,
			   NOW - 1000 + 10 * (int64_t)(i * 17 % N));
	}
	walk_every_way(fx->cat, n);
	assert_int_equal(n[2], N);
	assert_int_equal(n[3], N);
}

/*
 * Shows whose episodes were added in turn, one of them seldom, with
 * drafts among them: each show's walk passes over rows of the others'
 * episodes, or seeks past them.
 */
static void walk_gives_lists_of_shows_added_in_turn(void **state)
{
	enum { N = 360 };
	static const char *const shows[] = {"suara-pemilu", "lain", "jarang"};
	struct fx *fx = *state;
	size_t i, k, n[3] = {0, 0, 0}, live[3] = {0, 0, 0};
	int64_t id;

	add_show(fx->cat, "lain");
	add_show(fx->cat, "jarang");
	for (i = 0; i < N; i++) {
		k = i % 18 == 0 ? 2 : i % 2;
		id = add_varied(fx->cat, shows[k], i);
		n[k]++;
		if (i % 11 == 5)
			continue;
		publish_at(fx->cat, id, NOW - 10000 + (int64_t)i);
		live[k]++;
	}
	for (k = 0; k < 3; k++) {
		assert_int_equal(walk_same(fx->cat, shows[k], false), n[k]);
		assert_int_equal(walk_same(fx->cat, shows[k], true), live[k]);
	}
	assert_int_equal(walk_same(fx->cat, NULL, false), N);
	assert_int_equal(walk_same(fx->cat, NULL, true),
			 live[0] + live[1] + live[2]);
}

/*
 * Rows tied on position (written behind siar's back) come in the same
 * order however the walk reads them, and a credit or topic whose person
 * or topic is gone (foreign keys off) is left out as by a join.
 */
static void walk_gives_tied_and_dangling_rows_as_get_does(void **state)
{
	enum { N = 24 };
	struct fx *fx = *state;
	size_t n[N_LIST_WALKS];
	int64_t id;
	size_t i;

	for (i = 0; i < N; i++) {
		id = add_varied(fx->cat, "suara-pemilu", i);
		publish_at(fx->cat, id, NOW - 1000 + 10 * (int64_t)i);
	}
	raw_exec(fx->path,
		 "UPDATE episode_people SET position = 0;"
		 "UPDATE episode_topics SET position = topic_id % 2;"
		 "DELETE FROM people WHERE name = 'Citra';"
		 "DELETE FROM topics WHERE name = 'Debat';");
	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], N);
	assert_int_equal(n[2], N);
}

/* A walk whose callback renames a person halfway. */
struct rename_walk {
	struct same_count s;
	size_t at;		/* rename on this episode, 0-based */
};

static int rename_halfway(const struct catalog_episode *ep, void *ctx,
			  struct siar_err *err)
{
	struct rename_walk *r = ctx;
	struct catalog_person p;
	const char *now;
	int rc;

	/* This episode was read before the change. */
	rc = count_same_as_get(ep, &r->s, err);
	if (!rc && r->s.n == r->at + 1) {
		catalog_person_init(&p);
		now = "Budi";
		rc = catalog_person_get(r->s.cat, now, &p, err);
		if (rc == SIAR_ENOTFOUND) {
			siar_err_clear(err);
			now = "Budi Santoso";
			rc = catalog_person_get(r->s.cat, now, &p, err);
		}
		free(p.name);
		p.name = siar_strdup(strcmp(now, "Budi") ? "Budi" : "Budi Santoso");
		if (!rc)
			rc = catalog_person_update(r->s.cat, now, &p, err);
		catalog_person_release(&p);
	}
	return rc;
}

/*
 * Names the walk has read once are not given again after its callback
 * changed them: every episode after the change has the new name.
 */
static void walk_reads_names_as_its_callback_changed_them(void **state)
{
	enum { N = 30 };
	struct fx *fx = *state;
	struct rename_walk r = {.s = {.cat = fx->cat}, .at = N / 2};
	struct siar_err err;
	int64_t id;
	size_t i;

	for (i = 0; i < N; i++) {
		id = add_varied(fx->cat, "suara-pemilu", i);
		publish_at(fx->cat, id, NOW - 1000 + 10 * (int64_t)i);
	}
	for (i = 0; i < 4; i++) {
		r.s.n = 0;
		siar_err_clear(&err);
		assert_int_equal(catalog_episode_each(fx->cat, &list_walks[i],
						      rename_halfway, &r,
						      &err),
				 SIAR_OK);
		assert_int_equal(r.s.n, N);
	}
}

/* A catalogue of version 4 gets the indexes of version 5 on opening. */
static void open_upgrades_v6_catalogue_with_list_indexes(void **state)
{
	static const char *const guests[] = {"Budi", "Ani"};
	static const char *const topics[] = {"Pemilu"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	size_t n[N_LIST_WALKS];
	int64_t id;

	id = add_named(fx->cat, "suara-pemilu", guests, 2, topics, 1);
	publish_at(fx->cat, id, NOW - 5);
	catalog_close(fx->cat);
	fx->cat = NULL;
	raw_exec(fx->path,
		 "DROP INDEX episode_people_list;"
		 "DROP INDEX episode_topics_list;"
		 "DROP INDEX episode_log_added;"
		 "DROP INDEX episodes_number;"
		 "DROP INDEX episodes_updated;"
		 "ALTER TABLE shows DROP COLUMN apple_url;"
		 "ALTER TABLE shows DROP COLUMN spotify_url;"
		 "ALTER TABLE shows DROP COLUMN pocketcasts_url;"
		 "CREATE INDEX episode_people_order ON episode_people"
		 " (episode_id, position);"
		 "CREATE INDEX episode_topics_order ON episode_topics"
		 " (episode_id, position);"
		 "PRAGMA user_version = 6;");
	siar_err_clear(&err);
	assert_int_equal(catalog_open(&fx->cat, fx->path, 0, &err), SIAR_OK);
	catalog_set_now(fx->cat, NOW);
	assert_int_equal(catalog_schema_version(fx->cat), LATEST);
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM sqlite_master WHERE name"
				 " IN ('episode_people_list',"
				 " 'episode_topics_list', 'episode_log_added',"
				 " 'episodes_updated')"),
			 4);
	/* Version 10's index, which version 11 replaced. */
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM sqlite_master WHERE name"
				 " = 'episodes_change'"),
			 0);
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM sqlite_master WHERE name"
				 " LIKE 'episode\\___%\\_order' ESCAPE '\\'"),
			 0);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), SIAR_OK);
	assert_names(&ep, guests, 2, topics, 1);
	assert_string_equal(ep.added_by, "siar");
	catalog_episode_release(&ep);
	walk_every_way(fx->cat, n);
	assert_int_equal(n[0], 1);
	assert_int_equal(n[2], 1);
}

static void show_last_change_follows_live_episodes_only(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	int64_t t = 0, live, later;

	siar_err_clear(&err);
	assert_int_equal(catalog_show_last_change(fx->cat, "suara-pemilu", &t,
						  &err), 0);
	assert_int_equal(t, NOW);

	catalog_set_now(fx->cat, NOW + 100);
	live = add_episode(fx->cat, "suara-pemilu", "Draf baru");
	assert_int_equal(catalog_show_last_change(fx->cat, "suara-pemilu", &t,
						  &err), 0);
	assert_int_equal(t, NOW);	/* a draft is not in the feed */

	catalog_set_now(fx->cat, NOW + 200);
	assert_int_equal(catalog_episode_publish(fx->cat, live, NOW + 150,
						 &err), 0);
	later = add_episode(fx->cat, "suara-pemilu", "Terjadwal");
	assert_int_equal(catalog_episode_publish(fx->cat, later, NOW + 5000,
						 &err), 0);
	assert_int_equal(catalog_show_last_change(fx->cat, "suara-pemilu", &t,
						  &err), 0);
	assert_int_equal(t, NOW + 200);

	/* Nor does a change to it, read first from the index's end. */
	catalog_set_now(fx->cat, NOW + 300);
	assert_int_equal(catalog_episode_publish(fx->cat, later, NOW + 5000,
						 &err), 0);
	assert_int_equal(catalog_show_last_change(fx->cat, "suara-pemilu", &t,
						  &err), 0);
	assert_int_equal(t, NOW + 200);

	/* The scheduled episode changes the feed when its time comes. */
	catalog_set_now(fx->cat, NOW + 6000);
	assert_int_equal(catalog_show_last_change(fx->cat, "suara-pemilu", &t,
						  &err), 0);
	assert_int_equal(t, NOW + 5000);
}

/*
 * Between catalog_read_begin() and catalog_read_end(), reads see the
 * catalogue as it was at the first of them, though another connection
 * changes it; then the change shows.
 */
static void read_sees_one_state(void **state)
{
	struct fx *fx = *state;
	struct catalog *other;
	struct catalog_show show;
	struct siar_err err;
	bool read;

	siar_err_clear(&err);
	assert_int_equal(catalog_open(&other, fx->path, 0, &err), SIAR_OK);
	assert_int_equal(catalog_read_begin(fx->cat, &read, &err), SIAR_OK);
	assert_true(read);
	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(fx->cat, "suara-pemilu", &show, &err),
			 SIAR_OK);
	free(show.title);
	show.title = strdup("Suara Pemilu Baru");
	assert_non_null(show.title);
	assert_int_equal(catalog_show_update(other, "suara-pemilu", &show,
					     &err),
			 SIAR_OK);
	catalog_show_release(&show);
	assert_int_equal(catalog_show_get(fx->cat, "suara-pemilu", &show, &err),
			 SIAR_OK);
	assert_string_not_equal(show.title, "Suara Pemilu Baru");
	catalog_show_release(&show);
	catalog_read_end(fx->cat, read);
	assert_int_equal(catalog_show_get(fx->cat, "suara-pemilu", &show, &err),
			 SIAR_OK);
	assert_string_equal(show.title, "Suara Pemilu Baru");
	catalog_show_release(&show);
	catalog_close(other);
}

static void show_last_change_reports_unknown_show(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	int64_t t = -1;

	siar_err_clear(&err);
	assert_int_equal(catalog_show_last_change(fx->cat, "tidak-ada", &t,
						  &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");
	assert_int_equal(t, -1);
}

/* ---- Schema version 2: upgrading version 1 ----------------------------- */

/*
 * Schema version 1 as siar 0.1.0 created it, frozen here rather than taken
 * from schema.c: the upgrade must work on files that exist, whatever later
 * becomes of the code.
 */
static const char schema_v1_released[] =
	"PRAGMA application_id = 1936286066;"
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
 * A version 1 catalogue at 'path' with one published episode, a guest and
 * a topic, written as siar 0.1.0 wrote them.
 */
static void make_v1_catalogue(const char *path)
{
	raw_exec(path, schema_v1_released);
	raw_exec(path,
		 "INSERT INTO shows (id, slug, title, author, language,"
		 " base_url, timezone, created_unix, updated_unix) VALUES"
		 " (1, 'suara-pemilu', 'Suara Pemilu', 'KPU Kota Semarang',"
		 " 'id', 'https://kpu.example.id/podcast', 'Asia/Jakarta',"
		 " 1700000000, 1700000000);"
		 "INSERT INTO episodes (id, show_id, guid, title, description,"
		 " media_path, media_mime, media_kind, media_container,"
		 " media_sha256, media_size_bytes, duration_ms,"
		 " duration_method, bit_rate, audio_codec, video_codec, width,"
		 " height, season, episode_number, status, published_unix,"
		 " created_unix, updated_unix) VALUES (7, 1,"
		 " '0b6f2a52-5d2e-4c1b-9a57-3f0e6d1c2b4a',"
		 " 'Rekapitulasi Suara \xE2\x80\x94 Edisi Lama', 'Arsip.',"
		 " '/srv/kpu/lama.mp3', 'audio/mpeg', 'audio', 'mp3', '" SHA_A
		 "', 2345678, 1800000, 'packet-scan', 128000, 'mp3', NULL, 0,"
		 " 0, 1, 3, 'published', 1700003600, 1700000000, 1700001000);"
		 "INSERT INTO people (id, name) VALUES (1, 'Siti Aminah');"
		 "INSERT INTO episode_people VALUES (7, 1, 'guest', 'cast', 0);"
		 "INSERT INTO topics VALUES (1, 'Rekapitulasi',"
		 " 'rekapitulasi');"
		 "INSERT INTO episode_topics VALUES (7, 1, 0);");
}

static void assert_v1_episode_intact(const struct catalog_episode *ep)
{
	assert_int_equal(ep->id, 7);
	assert_int_equal(ep->show_id, 1);
	assert_string_equal(ep->show_slug, "suara-pemilu");
	assert_string_equal(ep->guid, "0b6f2a52-5d2e-4c1b-9a57-3f0e6d1c2b4a");
	assert_string_equal(ep->title,
			    "Rekapitulasi Suara \xE2\x80\x94 Edisi Lama");
	assert_string_equal(ep->description, "Arsip.");
	assert_string_equal(ep->media_path, "/srv/kpu/lama.mp3");
	assert_string_equal(ep->media_mime, "audio/mpeg");
	assert_string_equal(ep->media_kind, "audio");
	assert_string_equal(ep->media_container, "mp3");
	assert_string_equal(ep->media_sha256, SHA_A);
	assert_int_equal(ep->media_size_bytes, 2345678);
	assert_int_equal(ep->duration_ms, 1800000);
	assert_string_equal(ep->duration_method, "packet-scan");
	assert_int_equal(ep->bit_rate, 128000);
	assert_string_equal(ep->audio_codec, "mp3");
	assert_null(ep->video_codec);
	assert_int_equal(ep->season, 1);
	assert_int_equal(ep->episode_number, 3);
	assert_int_equal(ep->status, CATALOG_STATUS_PUBLISHED);
	assert_int_equal(ep->published_unix, 1700003600);
	assert_int_equal(ep->created_unix, 1700000000);
	assert_int_equal(ep->updated_unix, 1700001000);
	assert_int_equal(ep->n_guests, 1);
	assert_string_equal(ep->guests[0], "Siti Aminah");
	assert_int_equal(ep->n_topics, 1);
	assert_string_equal(ep->topics[0], "Rekapitulasi");
}

/* What a version 1 row reads as: every field of version 2 unset. */
static void assert_v2_fields_unset(const struct catalog_episode *ep)
{
	assert_int_equal(ep->sample_rate, 0);
	assert_int_equal(ep->channels, 0);
	assert_true(ep->frame_rate == 0.0);
	assert_false(ep->has_loudness);
	assert_true(ep->loudness_lufs == 0.0);
	assert_true(ep->loudness_range_lu == 0.0);
	assert_true(ep->true_peak_dbtp == 0.0);
	assert_null(ep->image_path);
	assert_false(ep->image_apple_ok);
	assert_null(ep->poster_path);
	assert_null(ep->recorded_on);
	assert_null(ep->chapters);
	assert_int_equal(ep->n_chapters, 0);
}

static void open_upgrades_v1_catalogue_keeping_its_rows(void **state)
{
	struct catalog *cat = NULL;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;
	int64_t id = 0;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	make_v1_catalogue(path);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 1);

	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(cat), LATEST);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), LATEST);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(cat, 7, &ep, &err), SIAR_OK);
	assert_v1_episode_intact(&ep);
	assert_v2_fields_unset(&ep);
	catalog_episode_release(&ep);

	/* The old row takes part in what version 2 added. */
	assert_int_equal(catalog_episode_find_sha256(cat, "suara-pemilu",
						     SHA_A, &id, &err),
			 SIAR_OK);
	assert_int_equal(id, 7);
	catalog_set_now(cat, NOW);
	assert_int_equal(walk(cat, "suara-pemilu", true, &w), 1);
	assert_int_equal(w.ids[0], 7);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"
				       " WHERE type = 'index'"
				       " AND name = 'episodes_sha256'"),
			 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM"
				       " pragma_integrity_check"
				       " WHERE integrity_check <> 'ok'"),
			 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM"
				       " pragma_foreign_key_check"),
			 0);
	catalog_close(cat);

	/* Opened again, it is current and needs nothing. */
	cat = NULL;
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(cat), LATEST);
	assert_int_equal(catalog_episode_get(cat, 7, &ep, &err), SIAR_OK);
	assert_v1_episode_intact(&ep);
	catalog_episode_release(&ep);
	catalog_close(cat);
	remove_db(path);
}

static void open_failed_upgrade_leaves_v1_catalogue_as_it_was(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct siar_err err;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	make_v1_catalogue(path);
	/* Someone's own table in the way of the migration's last step. */
	raw_exec(path, "CREATE TABLE episode_chapters (note TEXT)");
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_EDB);
	assert_null(cat);
	assert_contains(err.msg, "cannot update the schema");
	assert_contains(err.msg, path);
	assert_contains(err.msg, "episode_chapters");
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM"
				       " pragma_table_info('episodes')"
				       " WHERE name = 'sample_rate'"),
			 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"
				       " WHERE name = 'episodes_sha256'"),
			 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM episodes"), 1);
	remove_db(path);
}

/* ---- Schema version 2: the new episode fields -------------------------- */

struct chapter_spec {
	int64_t start_ms;
	int64_t end_ms;
	const char *title;
};

/* Give 'ep' copies of 'spec', as catalog_episode_release() frees them. */
static void set_chapters(struct catalog_episode *ep,
			 const struct chapter_spec *spec, size_t n)
{
	size_t i;

	ep->chapters = calloc(n ? n : 1, sizeof(*ep->chapters));
	assert_non_null(ep->chapters);
	for (i = 0; i < n; i++) {
		ep->chapters[i].start_ms = spec[i].start_ms;
		ep->chapters[i].end_ms = spec[i].end_ms;
		ep->chapters[i].title = siar_strdup(spec[i].title);
	}
	ep->n_chapters = n;
}

#define CH_OPENING "Pembukaan \xE2\x80\x94 Salam dari Ketua KPU Jawa Tengah"
#define CH_QA "Tanya Jawab: Daftar Pemilih Tetap (DPT) & Pindah Memilih"
#define CH_CLOSING "Penutup: Ayo Gunakan Hak Pilih di TPS!"

/* Out of order on purpose; two start at 120 s, one has no title. */
static const struct chapter_spec chapters_given[] = {
	{600000, 0, CH_CLOSING},
	{0, 120000, CH_OPENING},
	{120000, 0, NULL},
	{120000, 600000, CH_QA},
	{300000, 300000, "Sel\xFF" "ingan\x01 iklan"},
};

/* chapters_given as stored: by start, ties in the order given. */
static void assert_chapters_sorted(const struct catalog_episode *ep)
{
	assert_int_equal(ep->n_chapters, 5);
	assert_int_equal(ep->chapters[0].start_ms, 0);
	assert_int_equal(ep->chapters[0].end_ms, 120000);
	assert_string_equal(ep->chapters[0].title, CH_OPENING);
	assert_int_equal(ep->chapters[1].start_ms, 120000);
	assert_int_equal(ep->chapters[1].end_ms, 0);
	assert_null(ep->chapters[1].title);
	assert_int_equal(ep->chapters[2].start_ms, 120000);
	assert_int_equal(ep->chapters[2].end_ms, 600000);
	assert_string_equal(ep->chapters[2].title, CH_QA);
	assert_int_equal(ep->chapters[3].start_ms, 300000);
	assert_int_equal(ep->chapters[3].end_ms, 300000);
	assert_string_equal(ep->chapters[3].title,
			    "Sel\xEF\xBF\xBDingan iklan");
	assert_int_equal(ep->chapters[4].start_ms, 600000);
	assert_int_equal(ep->chapters[4].end_ms, 0);
	assert_string_equal(ep->chapters[4].title, CH_CLOSING);
}

/* A video episode with every field of version 2 set. */
static void fill_v2_episode(struct catalog_episode *ep)
{
	fill_video_episode(ep);
	ep->sample_rate = 48000;
	ep->channels = 2;
	ep->frame_rate = 30000.0 / 1001.0;
	ep->has_loudness = true;
	ep->loudness_lufs = -16.25;
	ep->loudness_range_lu = 5.7;
	ep->true_peak_dbtp = -1.0625;
	/* Paths are bytes: a Latin-1 name is kept as it is. */
	ep->image_path = siar_strdup("/srv/kpu/sampul/d\xE9" "bat.jpg");
	ep->image_apple_ok = true;
	ep->poster_path = siar_strdup("/srv/kpu/poster/debat.jpg");
	ep->recorded_on = siar_strdup("2024-02-29");
	set_chapters(ep, chapters_given,
		     sizeof(chapters_given) / sizeof(chapters_given[0]));
}

static void assert_v2_fields(const struct catalog_episode *ep)
{
	assert_int_equal(ep->sample_rate, 48000);
	assert_int_equal(ep->channels, 2);
	assert_true(ep->frame_rate == 30000.0 / 1001.0);
	assert_true(ep->has_loudness);
	assert_true(ep->loudness_lufs == -16.25);
	assert_true(ep->loudness_range_lu == 5.7);
	assert_true(ep->true_peak_dbtp == -1.0625);
	assert_string_equal(ep->image_path, "/srv/kpu/sampul/d\xE9" "bat.jpg");
	assert_true(ep->image_apple_ok);
	assert_string_equal(ep->poster_path, "/srv/kpu/poster/debat.jpg");
	assert_string_equal(ep->recorded_on, "2024-02-29");
	assert_chapters_sorted(ep);
}

static int check_v2(const struct catalog_episode *ep, void *ctx,
		    struct siar_err *err)
{
	size_t *calls = ctx;

	(void)err;
	assert_v2_fields(ep);
	(*calls)++;
	return SIAR_OK;
}

static void episode_add_round_trips_every_v2_field(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter filter = {.show_slug = "suara-pemilu",
					.live_only = false};
	struct catalog_episode ep, got;
	struct siar_err err;
	size_t calls = 0;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_v2_episode(&ep);
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &err),
			 SIAR_OK);
	/* The caller's chapters are left as given. */
	assert_int_equal(ep.chapters[0].start_ms, 600000);
	catalog_episode_release(&ep);

	catalog_episode_init(&got);
	assert_int_equal(catalog_episode_get(fx->cat, id, &got, &err),
			 SIAR_OK);
	assert_v2_fields(&got);
	assert_string_equal(got.title, INDONESIAN);
	assert_int_equal(got.width, 1280);
	catalog_episode_release(&got);

	assert_int_equal(catalog_episode_each(fx->cat, &filter, check_v2,
					      &calls, &err),
			 SIAR_OK);
	assert_int_equal(calls, 1);
}

static void episode_add_leaves_unmeasured_loudness_null(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t quiet = 0, loud = 0;

	siar_err_clear(&err);
	fill_episode(&ep, "suara-pemilu", "Belum diukur");
	ep.loudness_lufs = -23;		/* ignored without has_loudness */
	ep.true_peak_dbtp = NAN;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &quiet, &err),
			 SIAR_OK);
	catalog_episode_release(&ep);
	/* Measured as exactly 0 is not "not measured". */
	fill_episode(&ep, "suara-pemilu", "Diukur");
	ep.has_loudness = true;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &loud, &err),
			 SIAR_OK);
	catalog_episode_release(&ep);

	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM episodes"
					   " WHERE loudness_lufs IS NULL"
					   " AND loudness_range_lu IS NULL"
					   " AND true_peak_dbtp IS NULL"),
			 1);
	assert_int_equal(catalog_episode_get(fx->cat, quiet, &ep, &err), 0);
	assert_v2_fields_unset(&ep);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, loud, &ep, &err), 0);
	assert_true(ep.has_loudness);
	assert_true(ep.loudness_lufs == 0.0);
	catalog_episode_release(&ep);
}

static void episode_add_takes_year_month_or_full_date(void **state)
{
	static const char *const good[] = {
		"2024", "2024-06", "2024-06-10", "2024-02-29", "2000-02-29",
		"1999-12-31", "2019-04-17",
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;
	size_t i;

	siar_err_clear(&err);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		fill_episode(&ep, "suara-pemilu", "Edisi");
		ep.recorded_on = siar_strdup(good[i]);
		assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &err),
				 SIAR_OK);
		catalog_episode_release(&ep);
		assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err),
				 SIAR_OK);
		assert_string_equal(ep.recorded_on, good[i]);
		catalog_episode_release(&ep);
	}
}

static void episode_add_rejects_bad_recording_dates(void **state)
{
	static const char *const bad[] = {
		"", "24", "202", "20240", "2024-6", "2024-6-1", "2024-06-1",
		"2024/06/10", "10-06-2024", "2024-06-10T08:00:00",
		"2024-06-10 ", " 2024", "2023-02-29", "1900-02-29",
		"2024-13", "2024-00", "2024-06-00", "2024-06-31",
		"2024-04-31", "0000", "0000-01-01", "2024-ab", "tahun 2024",
		"\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x94",
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;
	char quoted[64];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		fill_episode(&ep, "suara-pemilu", "Edisi");
		ep.recorded_on = siar_strdup(bad[i]);
		assert_int_equal(add_episode_rc(fx->cat, &ep, &err),
				 SIAR_EINVAL);
		snprintf(quoted, sizeof(quoted), "'%s'", bad[i]);
		assert_contains(err.msg, quoted);
		assert_contains(err.msg, "YYYY-MM-DD");
	}
	fill_episode(&ep, "suara-pemilu", "Edisi");
	ep.recorded_on = siar_strdup("2024-06-31");
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "bad recording date '2024-06-31' for"
				     " '/srv/kpu/ep01.mp3': use YYYY, YYYY-MM"
				     " or YYYY-MM-DD");
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);
}

static void episode_add_rejects_bad_chapters(void **state)
{
	static const struct chapter_spec negative_start[] = {
		{0, 0, "Awal"},
		{-1, 0, "Sebelum awal"},
	};
	static const struct chapter_spec negative_end[] = {
		{5000, -5000, "Mundur"},
	};
	static const struct chapter_spec backwards[] = {
		{0, 0, "Awal"},
		{10000, 20000, "Tengah"},
		{5000, 1000, "Terbalik"},
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;

	fill_episode(&ep, "suara-pemilu", "Edisi");
	set_chapters(&ep, negative_start, 2);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "chapter 2 of '/srv/kpu/ep01.mp3' has a"
				     " negative time");

	fill_episode(&ep, "suara-pemilu", "Edisi");
	set_chapters(&ep, negative_end, 1);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_contains(err.msg, "chapter 1 of");

	/* Numbered as given, not as they would be sorted. */
	fill_episode(&ep, "suara-pemilu", "Edisi");
	set_chapters(&ep, backwards, 3);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "chapter 3 of '/srv/kpu/ep01.mp3' ends"
				     " (1000 ms) before it starts (5000 ms)");
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);

	/* No chapters at all is fine. */
	fill_episode(&ep, "suara-pemilu", "Edisi");
	set_chapters(&ep, backwards, 0);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_OK);
}

/* Spoil the field 'which' of version 2 in 'ep'. */
static void spoil_v2(struct catalog_episode *ep, int which)
{
	switch (which) {
	case 0:
		ep->frame_rate = -25;
		break;
	case 1:
		ep->frame_rate = NAN;
		break;
	case 2:
		ep->frame_rate = INFINITY;
		break;
	case 3:
		ep->has_loudness = true;
		ep->loudness_lufs = NAN;
		break;
	case 4:
		ep->has_loudness = true;
		ep->true_peak_dbtp = -INFINITY;
		break;
	case 5:
		ep->has_loudness = true;
		ep->loudness_range_lu = INFINITY;
		break;
	case 6:
		ep->image_path = siar_strdup("");
		break;
	default:
		ep->poster_path = siar_strdup("");
		break;
	}
}

static void episode_add_rejects_bad_v2_numbers_and_paths(void **state)
{
	static const char *const expect[] = {
		"frame rate", "frame rate", "frame rate", "loudness",
		"loudness", "loudness", "image path", "poster path",
	};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;
	int i;

	for (i = 0; i < 8; i++) {
		fill_episode(&ep, "suara-pemilu", "Edisi");
		spoil_v2(&ep, i);
		assert_int_equal(add_episode_rc(fx->cat, &ep, &err),
				 SIAR_EINVAL);
		assert_contains(err.msg, expect[i]);
		assert_contains(err.msg, "'/srv/kpu/ep01.mp3'");
	}
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);
}

static int64_t chapter_rows(const char *path)
{
	return raw_int(path, "SELECT (SELECT count(*) FROM episodes) * 100"
			     " + (SELECT count(*) FROM episode_chapters)");
}

static void episode_add_chapter_failure_leaves_no_rows(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;
	struct walk w;

	raw_exec(fx->path, "CREATE TRIGGER quota"
			   " BEFORE INSERT ON episode_chapters"
			   " WHEN NEW.position = 2"
			   " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
	fill_v2_episode(&ep);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_EDB);
	assert_contains(err.msg, "disk full");
	assert_contains(err.msg, "chapter");
	assert_int_equal(chapter_rows(fx->path), 0);
	assert_int_equal(walk(fx->cat, NULL, false, &w), 0);

	/* Fewer chapters never reach the trigger. */
	fill_episode(&ep, "suara-pemilu", "Edisi");
	set_chapters(&ep, chapters_given, 2);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_OK);
	assert_int_equal(chapter_rows(fx->path), 102);
}

static void episode_chapters_go_with_their_episode(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct siar_err err;

	fill_v2_episode(&ep);
	assert_int_equal(add_episode_rc(fx->cat, &ep, &err), SIAR_OK);
	add_episode(fx->cat, "suara-pemilu", "Tanpa bab");
	assert_int_equal(chapter_rows(fx->path), 205);
	raw_exec(fx->path, "PRAGMA foreign_keys = ON;"
			   " DELETE FROM episodes WHERE id = 1");
	assert_int_equal(chapter_rows(fx->path), 100);
}

/* ---- Finding an episode by its file ------------------------------------ */

#define SHA_B "2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae"

static int64_t add_episode_sha(struct catalog *cat, const char *show,
			       const char *sha256)
{
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_episode(&ep, show, "Edisi");
	free(ep.media_sha256);
	ep.media_sha256 = siar_strdup(sha256);
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

static int find_sha(struct catalog *cat, const char *show,
		    const char *sha256, int64_t *id, struct siar_err *err)
{
	siar_err_clear(err);
	*id = -1;
	return catalog_episode_find_sha256(cat, show, sha256, id, err);
}

static void find_sha256_gives_lowest_id_in_any_show_or_one(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	int64_t a, b, b2, c, id;

	add_show(fx->cat, "lain");
	a = add_episode_sha(fx->cat, "lain", SHA_A);
	b = add_episode_sha(fx->cat, "suara-pemilu", SHA_A);
	b2 = add_episode_sha(fx->cat, "suara-pemilu", SHA_A);
	c = add_episode_sha(fx->cat, "suara-pemilu", SHA_B);
	assert_true(a < b && b < b2 && b2 < c);

	assert_int_equal(find_sha(fx->cat, NULL, SHA_A, &id, &err), SIAR_OK);
	assert_int_equal(id, a);
	assert_int_equal(find_sha(fx->cat, "suara-pemilu", SHA_A, &id, &err),
			 SIAR_OK);
	assert_int_equal(id, b);
	assert_int_equal(find_sha(fx->cat, "lain", SHA_A, &id, &err),
			 SIAR_OK);
	assert_int_equal(id, a);
	assert_int_equal(find_sha(fx->cat, NULL, SHA_B, &id, &err), SIAR_OK);
	assert_int_equal(id, c);
	assert_int_equal(find_sha(fx->cat, "suara-pemilu", SHA_B, &id, &err),
			 SIAR_OK);
	assert_int_equal(id, c);

	/* In another show only: not found here, and not an error. */
	assert_int_equal(find_sha(fx->cat, "lain", SHA_B, &id, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(err.code, SIAR_OK);
	assert_string_equal(err.msg, "");
	assert_int_equal(id, -1);
}

static void find_sha256_reports_no_match_without_message(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	int64_t id;

	assert_int_equal(find_sha(fx->cat, NULL, SHA_B, &id, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(err.code, SIAR_OK);
	assert_string_equal(err.msg, "");
	assert_int_equal(id, -1);
	add_episode_sha(fx->cat, "suara-pemilu", SHA_A);
	assert_int_equal(find_sha(fx->cat, "suara-pemilu", SHA_B, &id, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(err.code, SIAR_OK);
	assert_int_equal(id, -1);
}

static void find_sha256_reports_unknown_show(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;
	int64_t id;

	add_episode_sha(fx->cat, "suara-pemilu", SHA_A);
	assert_int_equal(find_sha(fx->cat, "tidak-ada", SHA_A, &id, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(err.code, SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");
	assert_int_equal(id, -1);
}

static void find_sha256_rejects_malformed_hash(void **state)
{
	static const char *const bad[] = {
		"",
		"abc",
		"9F86D081884C7D659A2FEAA0C55AD015"
		"A3BF4F1B2B0B822CD15D6C15B0F00A08",
		SHA_A "0",
		"9f86d081884c7d659a2feaa0c55ad015"
		"a3bf4f1b2b0b822cd15d6c15b0f00a0g",
		"9f86d081884c7d659a2feaa0c55ad015"
		" 3bf4f1b2b0b822cd15d6c15b0f00a08",
	};
	struct fx *fx = *state;
	struct siar_err err;
	char quoted[80];
	int64_t id;
	size_t i;

	add_episode_sha(fx->cat, "suara-pemilu", SHA_A);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(find_sha(fx->cat, NULL, bad[i], &id, &err),
				 SIAR_EINVAL);
		snprintf(quoted, sizeof(quoted), "'%s'", bad[i]);
		assert_contains(err.msg, quoted);
		assert_contains(err.msg, "SHA-256");
		assert_int_equal(id, -1);
	}
	assert_int_equal(find_sha(fx->cat, "suara-pemilu", NULL, &id, &err),
			 SIAR_EINVAL);
	assert_int_equal(id, -1);
}

/* ---- Schema version 3: upgrading version 2 ----------------------------- */

/*
 * The migration to version 2 as siar 0.2.0 ran it, frozen for the same
 * reason as schema_v1_released.
 */
static const char schema_v2_released[] =
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

/* The version 1 catalogue, upgraded to 2, with a chapter and a loudness. */
static void make_v2_catalogue(const char *path)
{
	make_v1_catalogue(path);
	raw_exec(path, schema_v2_released);
	raw_exec(path,
		 "UPDATE episodes SET sample_rate = 44100, channels = 2,"
		 " loudness_lufs = -16.5, loudness_range_lu = 4.25,"
		 " true_peak_dbtp = -1.5, recorded_on = '2023-11-14'"
		 " WHERE id = 7;"
		 "INSERT INTO episode_chapters VALUES (7, 0, 0, 60000,"
		 " 'Pembukaan');");
}

/* How many episodes the search index finds for the FTS5 query 'q'. */
static int64_t index_hits(const char *path, const char *q)
{
	char sql[160];

	assert_true(snprintf(sql, sizeof(sql),
			     "SELECT count(*) FROM episode_search"
			     " WHERE episode_search MATCH '%s'",
			     q) < (int)sizeof(sql));
	return raw_int(path, sql);
}

static void assert_v3_show_defaults(const struct catalog_show *show)
{
	assert_false(show->review_required);
	assert_string_equal(show->medium, "podcast");
	assert_string_equal(show->show_type, "episodic");
	assert_string_equal(show->cadence, "weekly");
	assert_null(show->subcategory);
	assert_null(show->copyright);
	assert_null(show->feed_guid);
	assert_null(show->office_name);
	assert_null(show->office_level);
	assert_null(show->office_region);
}

static void assert_v2_person_upgraded(struct catalog *cat)
{
	struct catalog_person p;
	struct siar_err err;

	siar_err_clear(&err);
	catalog_person_init(&p);
	assert_int_equal(catalog_person_get(cat, "siti aminah", &p, &err),
			 SIAR_OK);
	assert_int_equal(p.id, 1);
	assert_string_equal(p.name, "Siti Aminah");
	assert_null(p.organisation);
	assert_null(p.position);
	assert_null(p.url);
	assert_null(p.photo);
	assert_int_equal(p.n_episodes, 1);
	catalog_person_release(&p);
}

static void open_upgrades_v2_catalogue_to_production_schema(void **state)
{
	struct catalog *cat = NULL;
	struct catalog_episode ep;
	struct catalog_show show;
	struct siar_err err;
	int64_t id = 0;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	make_v2_catalogue(path);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 2);
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(cat), LATEST);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), LATEST);
	catalog_set_now(cat, NOW);

	catalog_show_init(&show);
	assert_int_equal(catalog_show_get(cat, "suara-pemilu", &show, &err),
			 SIAR_OK);
	assert_int_equal(show.id, 1);
	assert_string_equal(show.title, "Suara Pemilu");
	assert_int_equal(show.created_unix, 1700000000);
	assert_v3_show_defaults(&show);
	catalog_show_release(&show);

	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(cat, 7, &ep, &err), SIAR_OK);
	assert_v1_episode_intact(&ep);
	assert_int_equal(ep.sample_rate, 44100);
	assert_true(ep.has_loudness);
	assert_string_equal(ep.recorded_on, "2023-11-14");
	assert_int_equal(ep.n_chapters, 1);
	assert_string_equal(ep.chapters[0].title, "Pembukaan");
	catalog_episode_release(&ep);
	assert_v2_person_upgraded(cat);

	/* The old episode is in the search index the migration built. */
	assert_int_equal(index_hits(path, "aminah"), 1);
	assert_int_equal(index_hits(path, "rekapitulasi"), 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM episode_log"), 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM show_people"), 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM"
				       " pragma_foreign_key_check"),
			 0);

	/* Review stays off for the old show: it publishes as it did. */
	id = add_episode(cat, "suara-pemilu", "Edisi Baru");
	assert_int_equal(catalog_episode_publish(cat, id, NOW, &err), SIAR_OK);
	catalog_close(cat);
	remove_db(path);
}

static void open_failed_v3_upgrade_leaves_v2_catalogue_as_it_was(void **state)
{
	struct catalog *cat = (struct catalog *)1;
	struct siar_err err;
	char path[64];

	(void)state;
	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	make_v2_catalogue(path);
	raw_exec(path, "CREATE TABLE show_people (note TEXT)");
	assert_int_equal(catalog_open(&cat, path, 0, &err), SIAR_EDB);
	assert_null(cat);
	assert_contains(err.msg, "cannot update the schema");
	assert_contains(err.msg, "show_people");
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 2);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM"
				       " pragma_table_info('shows')"
				       " WHERE name = 'medium'"),
			 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"
				       " WHERE name = 'episode_search'"),
			 0);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM episode_chapters"),
			 1);
	remove_db(path);
}

/* ---- Shows: the production fields --------------------------------------- */

#define GUID_A "4f1c2a9e-7b3d-5e8f-9a0b-1c2d3e4f5a6b"
#define GUID_B "0b6f2a52-5d2e-4c1b-9a57-3f0e6d1c2b4a"
/* Quotes of both kinds, an em dash and a ballot box emoji with VS16. */
#define OFFICE_NAME                                                           \
	"KPU \"Kota\" Semarang \xE2\x80\x94 Divisi 'Teknis'"                  \
	" \xF0\x9F\x97\xB3\xEF\xB8\x8F"

static void show_init_requires_review(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show, got;
	struct siar_err err;

	siar_err_clear(&err);
	catalog_show_init(&show);
	assert_true(show.review_required);
	show.slug = siar_strdup("perlu-review");
	show.title = siar_strdup("Perlu Review");
	show.author = siar_strdup("KPU");
	show.base_url = siar_strdup("https://kpu.example.id/r");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
	assert_true(show.review_required);
	catalog_show_init(&got);
	assert_int_equal(catalog_show_get(fx->cat, "perlu-review", &got, &err),
			 SIAR_OK);
	assert_true(got.review_required);
	assert_string_equal(got.medium, "podcast");
	assert_string_equal(got.show_type, "episodic");
	assert_string_equal(got.cadence, "weekly");
	catalog_show_release(&got);
}

static void fill_production_show(struct catalog_show *show, const char *slug)
{
	fill_show(show, slug);
	show->category = siar_strdup("News");
	show->subcategory = siar_strdup("Politics");
	show->medium = siar_strdup("podcastL");
	show->show_type = siar_strdup("serial");
	show->copyright = siar_strdup("\xC2\xA9 2024 KPU \"Jawa Tengah\"");
	show->feed_guid = siar_strdup(GUID_A);
	show->cadence = siar_strdup("biweekly");
	show->review_required = true;
	show->office_name = siar_strdup(OFFICE_NAME);
	show->office_level = siar_strdup("district");
	show->office_region = siar_strdup("Jawa Tengah");
}

static void assert_production_show(const struct catalog_show *got)
{
	assert_string_equal(got->category, "News");
	assert_string_equal(got->subcategory, "Politics");
	assert_string_equal(got->medium, "podcastL");
	assert_string_equal(got->show_type, "serial");
	assert_string_equal(got->copyright,
			    "\xC2\xA9 2024 KPU \"Jawa Tengah\"");
	assert_string_equal(got->feed_guid, GUID_A);
	assert_string_equal(got->cadence, "biweekly");
	assert_true(got->review_required);
	assert_memory_equal(got->office_name, OFFICE_NAME,
			    sizeof(OFFICE_NAME));
	assert_string_equal(got->office_level, "district");
	assert_string_equal(got->office_region, "Jawa Tengah");
}

static int check_production_show(const struct catalog_show *show, void *ctx,
				 struct siar_err *err)
{
	size_t *seen = ctx;

	(void)err;
	if (!strcmp(show->slug, "dprd-jateng")) {
		assert_production_show(show);
		(*seen)++;
	}
	return SIAR_OK;
}

static void show_add_round_trips_production_fields(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show, got;
	struct siar_err err;
	size_t seen = 0;

	siar_err_clear(&err);
	fill_production_show(&show, "dprd-jateng");
	assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
	catalog_show_init(&got);
	assert_int_equal(catalog_show_get(fx->cat, "dprd-jateng", &got, &err),
			 SIAR_OK);
	assert_production_show(&got);
	catalog_show_release(&got);
	assert_int_equal(catalog_show_each(fx->cat, check_production_show,
					   &seen, &err),
			 SIAR_OK);
	assert_int_equal(seen, 1);
}

/* Replace the string field at 'offset' of 'show' with a copy of 'value'. */
static void spoil_show(struct catalog_show *show, size_t offset,
		       const char *value)
{
	char **field = (char **)((char *)show + offset);

	free(*field);
	*field = siar_strdup(value);
}

#define SHOW_FIELD(name) offsetof(struct catalog_show, name)

static const struct bad_show bad_shows[] = {
	{SHOW_FIELD(category), NULL,
	 "subcategory 'Politics' for show 'x' needs a category"},
	{SHOW_FIELD(subcategory), "Islam",
	 "unknown subcategory 'Islam' of 'News'"},
	{SHOW_FIELD(subcategory), "politics", "unknown subcategory 'politics'"},
	{SHOW_FIELD(subcategory), "", "unknown subcategory ''"},
	{SHOW_FIELD(category), "Government",
	 "unknown subcategory 'Politics' of 'Government'"},
	{SHOW_FIELD(medium), "Podcast",
	 "unknown medium 'Podcast' for show 'x'"},
	{SHOW_FIELD(medium), "radio", "unknown medium 'radio'"},
	{SHOW_FIELD(medium), "mixedL", "unknown medium 'mixedL'"},
	{SHOW_FIELD(show_type), "episode",
	 "bad show type 'episode' for show 'x'"},
	{SHOW_FIELD(cadence), "yearly", "bad cadence 'yearly' for show 'x'"},
	{SHOW_FIELD(office_level), "village",
	 "bad office level 'village' for show"},
	{SHOW_FIELD(office_level), "", "bad office level ''"},
	{SHOW_FIELD(feed_guid), "4F1C2A9E-7B3D-5E8F-9A0B-1C2D3E4F5A6B",
	 "bad feed GUID '4F1C2A9E"},
	{SHOW_FIELD(feed_guid), "4f1c2a9e7b3d5e8f9a0b1c2d3e4f5a6b",
	 "bad feed GUID"},
	{SHOW_FIELD(feed_guid), "4f1c2a9e-7b3d-5e8f-9a0b-1c2d3e4f5a6",
	 "bad feed GUID"},
	{SHOW_FIELD(feed_guid), GUID_A "0", "bad feed GUID"},
	{SHOW_FIELD(feed_guid), "4f1c2a9e-7b3d-5e8f-9a0b_1c2d3e4f5a6b",
	 "bad feed GUID"},
	{SHOW_FIELD(feed_guid), "4f1c2a9g-7b3d-5e8f-9a0b-1c2d3e4f5a6b",
	 "bad feed GUID"},
};

static void show_add_rejects_bad_production_fields(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	size_t i;

	for (i = 0; i < sizeof(bad_shows) / sizeof(bad_shows[0]); i++) {
		fill_production_show(&show, "x");
		spoil_show(&show, bad_shows[i].field, bad_shows[i].value);
		assert_int_equal(add_show_rc(fx->cat, &show, &err),
				 SIAR_EINVAL);
		assert_contains(err.msg, bad_shows[i].expect);
	}
	siar_err_clear(&err);
	assert_int_equal(catalog_show_get(fx->cat, "x", &show, &err),
			 SIAR_ENOTFOUND);
}

static void show_add_takes_every_medium_and_word(void **state)
{
	static const char *const mediums[] = {
		"podcast",     "music",	     "video",	   "film",
		"audiobook",   "newsletter", "blog",	   "publisher",
		"course",      "podcastL",   "musicL",	   "videoL",
		"filmL",       "audiobookL", "newsletterL", "blogL",
		"publisherL",  "courseL",    "mixed",
	};
	static const char *const words[][3] = {
		{"episodic", "daily", "national"},
		{"serial", "weekly", "province"},
		{"serial", "monthly", "district"},
	};
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	char slug[16];
	size_t i;

	for (i = 0; i < sizeof(mediums) / sizeof(mediums[0]); i++) {
		assert_true(catalog_medium_valid(mediums[i]));
		snprintf(slug, sizeof(slug), "m%zu", i);
		fill_production_show(&show, slug);
		spoil_show(&show, SHOW_FIELD(medium), mediums[i]);
		spoil_show(&show, SHOW_FIELD(show_type), words[i % 3][0]);
		spoil_show(&show, SHOW_FIELD(cadence), words[i % 3][1]);
		spoil_show(&show, SHOW_FIELD(office_level), words[i % 3][2]);
		spoil_show(&show, SHOW_FIELD(feed_guid), NULL);
		assert_int_equal(add_show_rc(fx->cat, &show, &err), SIAR_OK);
	}
	assert_false(catalog_medium_valid(NULL));
	assert_false(catalog_medium_valid(""));
	assert_false(catalog_medium_valid("PODCAST"));
}

static void subcategory_valid_follows_apple_list(void **state)
{
	(void)state;
	assert_true(catalog_subcategory_valid("Arts", "Books"));
	assert_true(catalog_subcategory_valid("Arts", "Fashion & Beauty"));
	assert_true(catalog_subcategory_valid("Business", "Non-Profit"));
	assert_true(catalog_subcategory_valid("Comedy", "Stand-Up"));
	assert_true(catalog_subcategory_valid("Education",
					      "Self-Improvement"));
	assert_true(catalog_subcategory_valid("Fiction", "Science Fiction"));
	assert_true(catalog_subcategory_valid("Health & Fitness",
					      "Mental Health"));
	assert_true(catalog_subcategory_valid("Kids & Family",
					      "Education for Kids"));
	assert_true(catalog_subcategory_valid("Leisure", "Video Games"));
	assert_true(catalog_subcategory_valid("Music", "Music History"));
	assert_true(catalog_subcategory_valid("News", "Daily News"));
	assert_true(catalog_subcategory_valid("Religion & Spirituality",
					      "Islam"));
	assert_true(catalog_subcategory_valid("Science", "Social Sciences"));
	assert_true(catalog_subcategory_valid("Society & Culture",
					      "Places & Travel"));
	assert_true(catalog_subcategory_valid("Sports", "Wrestling"));
	assert_true(catalog_subcategory_valid("TV & Film", "After Shows"));
	/* Only under its own parent, in Apple's case, and never alone. */
	assert_false(catalog_subcategory_valid("Government", "Politics"));
	assert_false(catalog_subcategory_valid("Technology", "Tech News"));
	assert_false(catalog_subcategory_valid("True Crime", "Documentary"));
	assert_false(catalog_subcategory_valid("History", "History"));
	assert_false(catalog_subcategory_valid("News", "politics"));
	assert_false(catalog_subcategory_valid("news", "Politics"));
	assert_false(catalog_subcategory_valid("Sports", "Soccer "));
	assert_false(catalog_subcategory_valid(NULL, "Politics"));
	assert_false(catalog_subcategory_valid("News", NULL));
	assert_false(catalog_subcategory_valid("News", ""));
}

/* ---- Shows: changing and removing --------------------------------------- */

static void get_show(struct catalog *cat, const char *slug,
		     struct catalog_show *out)
{
	struct siar_err err;

	siar_err_clear(&err);
	catalog_show_init(out);
	assert_int_equal(catalog_show_get(cat, slug, out, &err), SIAR_OK);
}

static void replace(char **field, const char *value)
{
	free(*field);
	*field = siar_strdup(value);
}

static void show_update_renames_and_keeps_identity(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	int64_t id = add_show(fx->cat, "pilkada");

	siar_err_clear(&err);
	get_show(fx->cat, "pilkada", &show);
	assert_null(show.feed_guid);
	catalog_set_now(fx->cat, NOW + 100);
	replace(&show.slug, "pilkada-2024");
	replace(&show.title, INDONESIAN);
	replace(&show.category, "News");
	replace(&show.subcategory, "Politics");
	replace(&show.office_name, OFFICE_NAME);
	replace(&show.feed_guid, GUID_A);
	show.review_required = true;
	show.created_unix = 1;
	assert_int_equal(catalog_show_update(fx->cat, "pilkada", &show, &err),
			 SIAR_OK);
	catalog_show_release(&show);
	assert_int_equal(catalog_show_get(fx->cat, "pilkada", &show, &err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&err);

	get_show(fx->cat, "pilkada-2024", &show);
	assert_int_equal(show.id, id);
	assert_string_equal(show.title, INDONESIAN);
	assert_string_equal(show.subcategory, "Politics");
	assert_memory_equal(show.office_name, OFFICE_NAME,
			    sizeof(OFFICE_NAME));
	assert_string_equal(show.feed_guid, GUID_A);
	assert_true(show.review_required);
	assert_int_equal(show.created_unix, NOW);
	assert_int_equal(show.updated_unix, NOW + 100);

	/* Once set, the feed GUID stays, whatever the caller passes. */
	replace(&show.feed_guid, GUID_B);
	assert_int_equal(catalog_show_update(fx->cat, "pilkada-2024", &show,
					     &err),
			 SIAR_OK);
	replace(&show.feed_guid, NULL);
	assert_int_equal(catalog_show_update(fx->cat, "pilkada-2024", &show,
					     &err),
			 SIAR_OK);
	catalog_show_release(&show);
	get_show(fx->cat, "pilkada-2024", &show);
	assert_string_equal(show.feed_guid, GUID_A);
	catalog_show_release(&show);
}

static void show_update_reports_unknown_taken_and_bad(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show, got;
	struct siar_err err;

	siar_err_clear(&err);
	add_show(fx->cat, "bawaslu");
	get_show(fx->cat, "bawaslu", &show);
	assert_int_equal(catalog_show_update(fx->cat, "tidak-ada", &show,
					     &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");

	siar_err_clear(&err);
	replace(&show.slug, "suara-pemilu");
	assert_int_equal(catalog_show_update(fx->cat, "bawaslu", &show, &err),
			 SIAR_EEXIST);
	assert_string_equal(err.msg, "show 'suara-pemilu' already exists");

	siar_err_clear(&err);
	replace(&show.slug, "bawaslu");
	replace(&show.title, "Judul Baru");
	replace(&show.cadence, "hourly");
	assert_int_equal(catalog_show_update(fx->cat, "bawaslu", &show, &err),
			 SIAR_EINVAL);
	assert_contains(err.msg, "bad cadence 'hourly'");
	catalog_show_release(&show);

	get_show(fx->cat, "bawaslu", &got);
	assert_string_equal(got.title, "Suara Pemilu");
	assert_string_equal(got.cadence, "weekly");
	catalog_show_release(&got);
}

/* An episode of 'show' with guests and topics. */
static int64_t add_credited_episode(struct catalog *cat, const char *show,
				    const char *title,
				    const char *const *guests, size_t n_guests,
				    const char *const *topics, size_t n_topics)
{
	struct catalog_episode ep;
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	fill_episode(&ep, show, title);
	ep.guests = dup_list(guests, n_guests);
	ep.n_guests = n_guests;
	ep.topics = dup_list(topics, n_topics);
	ep.n_topics = n_topics;
	assert_int_equal(catalog_episode_add(cat, &ep, &id, &err), SIAR_OK);
	catalog_episode_release(&ep);
	return id;
}

static void show_remove_refuses_show_with_episodes_unless_forced(void **s)
{
	static const char *const guests[] = {"Siti Aminah"};
	static const char *const topics[] = {"Rekapitulasi"};
	struct fx *fx = *s;
	struct catalog_show show;
	struct siar_err err;
	int64_t log_rows;

	siar_err_clear(&err);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", guests, 1,
			     topics, 1);
	add_credited_episode(fx->cat, "suara-pemilu", "Dua", guests, 1,
			     topics, 1);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 "Budi Santoso", NULL, NULL,
						 &err),
			 SIAR_OK);
	raw_exec(fx->path, "INSERT INTO episode_log (episode_id, at_unix,"
			   " actor, action) VALUES (1, 1, 'raw', 'note')");
	log_rows = raw_int(fx->path, "SELECT count(*) FROM episode_log");

	assert_int_equal(catalog_show_remove(fx->cat, "suara-pemilu", false,
					     &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg,
			    "show 'suara-pemilu' has 2 episodes: use --force");
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM episodes"), 2);

	siar_err_clear(&err);
	assert_int_equal(catalog_show_remove(fx->cat, "suara-pemilu", true,
					     &err),
			 SIAR_OK);
	assert_int_equal(catalog_show_get(fx->cat, "suara-pemilu", &show,
					  &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM episodes"), 0);
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM episode_people"),
			 0);
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM episode_topics"),
			 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"),
			 0);
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM episode_search"),
			 0);
	/* The log and the people and topics themselves stay. */
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM episode_log"),
			 log_rows);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM people"), 2);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM topics"), 1);
}

static void show_remove_takes_empty_show_and_reports_unknown(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	add_show(fx->cat, "kosong");
	add_episode(fx->cat, "suara-pemilu", "Tetap");
	assert_int_equal(catalog_show_remove(fx->cat, "kosong", false, &err),
			 SIAR_OK);
	assert_int_equal(catalog_show_remove(fx->cat, "kosong", false, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'kosong'");
	siar_err_clear(&err);
	assert_int_equal(catalog_show_remove(fx->cat, "suara-pemilu", false,
					     &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg,
			    "show 'suara-pemilu' has 1 episode: use --force");
}

static void show_remove_failure_leaves_show_and_episodes(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	add_episode(fx->cat, "suara-pemilu", "Edisi");
	raw_exec(fx->path, "CREATE TRIGGER keep BEFORE DELETE ON shows"
			   " BEGIN SELECT RAISE(ABORT, 'dilarang'); END");
	assert_int_equal(catalog_show_remove(fx->cat, "suara-pemilu", true,
					     &err),
			 SIAR_EDB);
	assert_contains(err.msg, "dilarang");
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM shows"), 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM episodes"), 1);
	assert_int_equal(raw_int(fx->path,
				 "SELECT count(*) FROM episode_search"),
			 1);
}

/* ---- People -------------------------------------------------------------- */

#define PERSON_NAME "Dr. \"Ucok\" Siregar \xF0\x9F\x97\xB3\xEF\xB8\x8F"
#define PERSON_ORG "KPU Provinsi Sumatera Utara \xE2\x80\x94 Divisi 'Teknis'"

static void fill_person(struct catalog_person *p, const char *name)
{
	catalog_person_init(p);
	p->name = siar_strdup(name);
}

static int add_person_rc(struct catalog *cat, struct catalog_person *p,
			 int64_t *id, struct siar_err *err)
{
	int rc;

	siar_err_clear(err);
	rc = catalog_person_add(cat, p, id, err);
	catalog_person_release(p);
	return rc;
}

static void get_person(struct catalog *cat, const char *name,
		       struct catalog_person *out)
{
	struct siar_err err;

	siar_err_clear(&err);
	catalog_person_init(out);
	assert_int_equal(catalog_person_get(cat, name, out, &err), SIAR_OK);
}

static void person_add_round_trips_indonesian_text(void **state)
{
	struct fx *fx = *state;
	struct catalog_person p, got;
	struct siar_err err;
	int64_t id = 0;

	fill_person(&p, "  " PERSON_NAME "\n");
	p.organisation = siar_strdup(PERSON_ORG);
	p.position = siar_strdup("Anggota \"Komisioner\"");
	p.url = siar_strdup("https://kpu-sumut.example.id/ucok");
	p.photo = siar_strdup("http://kpu-sumut.example.id/ucok.jpg");
	assert_int_equal(add_person_rc(fx->cat, &p, &id, &err), SIAR_OK);
	assert_true(id > 0);

	get_person(fx->cat, PERSON_NAME, &got);
	assert_int_equal(got.id, id);
	assert_memory_equal(got.name, PERSON_NAME, sizeof(PERSON_NAME));
	assert_memory_equal(got.organisation, PERSON_ORG, sizeof(PERSON_ORG));
	assert_string_equal(got.position, "Anggota \"Komisioner\"");
	assert_string_equal(got.url, "https://kpu-sumut.example.id/ucok");
	assert_string_equal(got.photo, "http://kpu-sumut.example.id/ucok.jpg");
	assert_int_equal(got.n_episodes, 0);
	catalog_person_release(&got);

	/* ASCII case is ignored in lookups; blank fields are no fields. */
	fill_person(&p, "Siti Aminah");
	p.organisation = siar_strdup("   ");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	get_person(fx->cat, "SITI AMINAH", &got);
	assert_string_equal(got.name, "Siti Aminah");
	assert_null(got.organisation);
	assert_null(got.url);
	catalog_person_release(&got);
}

static void person_add_refuses_duplicate_ignoring_case(void **state)
{
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;

	fill_person(&p, "Siti Aminah");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	fill_person(&p, " siti aminah ");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_EEXIST);
	assert_string_equal(err.msg, "person 'siti aminah' already exists");
}

static void person_add_rejects_blank_name_and_bad_urls(void **state)
{
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;

	fill_person(&p, " \t ");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "person has no name");
	fill_person(&p, NULL);
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_EINVAL);

	fill_person(&p, "Budi");
	p.url = siar_strdup("ftp://kpu.example.id/budi");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_EINVAL);
	assert_string_equal(err.msg, "bad URL 'ftp://kpu.example.id/budi' for"
				     " person 'Budi': use an http:// or"
				     " https:// URL");
	fill_person(&p, "Budi");
	p.photo = siar_strdup("https://kpu.example.id/foto budi.jpg");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_EINVAL);
	assert_contains(err.msg, "bad photo URL");
	fill_person(&p, "Budi");
	p.url = siar_strdup("");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_EINVAL);
	siar_err_clear(&err);
	assert_int_equal(catalog_person_get(fx->cat, "Budi", &p, &err),
			 SIAR_ENOTFOUND);
}

static void person_get_reports_unknown_and_counts_episodes(void **state)
{
	static const char *const guests[] = {"Siti Aminah", "Budi"};
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;
	int64_t ep1, ep2;

	siar_err_clear(&err);
	catalog_person_init(&p);
	assert_int_equal(catalog_person_get(fx->cat, "Tidak Ada", &p, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no person 'Tidak Ada'");
	assert_null(p.name);
	siar_err_clear(&err);
	assert_int_equal(catalog_person_get(fx->cat, "", &p, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no person ''");

	ep1 = add_credited_episode(fx->cat, "suara-pemilu", "Satu", guests, 2,
				   NULL, 0);
	ep2 = add_credited_episode(fx->cat, "suara-pemilu", "Dua", guests, 1,
				   NULL, 0);
	assert_true(ep2 > ep1);
	/* Credited twice on one episode, in two roles, still counts once. */
	raw_exec(fx->path, "INSERT INTO episode_people VALUES (1, 1, 'host',"
			   " 'cast', 5)");
	get_person(fx->cat, "siti aminah", &p);
	assert_int_equal(p.n_episodes, 2);
	catalog_person_release(&p);
	get_person(fx->cat, "Budi", &p);
	assert_int_equal(p.n_episodes, 1);
	catalog_person_release(&p);
}

struct name_walk {
	char names[8][64];
	int64_t counts[8];
	size_t n;
	size_t stop_at;
};

static int collect_person(const struct catalog_person *p, void *ctx,
			  struct siar_err *err)
{
	struct name_walk *w = ctx;

	assert_true(w->n < 8);
	snprintf(w->names[w->n], sizeof(w->names[0]), "%s", p->name);
	w->counts[w->n++] = p->n_episodes;
	if (w->n == w->stop_at)
		return siar_err_set(err, SIAR_EIO, "cukup");
	return SIAR_OK;
}

static void person_each_walks_by_name_and_stops_on_error(void **state)
{
	static const char *const guests[] = {"budi"};
	struct fx *fx = *state;
	struct name_walk w = {.n = 0};
	struct catalog_person p;
	struct siar_err err;

	fill_person(&p, "Zainal");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	fill_person(&p, "Ani");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", guests, 1, NULL,
			     0);
	assert_int_equal(catalog_person_each(fx->cat, collect_person, &w,
					     &err),
			 SIAR_OK);
	assert_int_equal(w.n, 3);
	assert_string_equal(w.names[0], "Ani");
	assert_string_equal(w.names[1], "budi");
	assert_int_equal(w.counts[1], 1);
	assert_string_equal(w.names[2], "Zainal");
	assert_int_equal(w.counts[2], 0);

	w.n = 0;
	w.stop_at = 2;
	assert_int_equal(catalog_person_each(fx->cat, collect_person, &w,
					     &err),
			 SIAR_EIO);
	assert_int_equal(w.n, 2);
	assert_string_equal(err.msg, "cukup");
}

/* Only people with a link or a photo, by name, without counting. */
static void person_each_linked_gives_people_with_links(void **state)
{
	static const char *const guests[] = {"Budi"};
	struct fx *fx = *state;
	struct name_walk w = {.n = 0};
	struct catalog_person p;
	struct siar_err err;

	fill_person(&p, "Zainal");
	p.photo = siar_strdup("https://kpu.example.id/zainal.jpg");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	fill_person(&p, "Ani");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	fill_person(&p, "budi");
	p.url = siar_strdup("https://kpu.example.id/budi");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", guests, 1, NULL,
			     0);
	assert_int_equal(catalog_person_each_linked(fx->cat, collect_person,
						    &w, &err),
			 SIAR_OK);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.names[0], "budi");
	assert_int_equal(w.counts[0], 0);
	assert_string_equal(w.names[1], "Zainal");
}

static void person_update_renames_and_refreshes_search(void **state)
{
	static const char *const guests[] = {"Siti Aminah"};
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;
	int64_t id;

	siar_err_clear(&err);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", guests, 1, NULL,
			     0);
	assert_int_equal(index_hits(fx->path, "aminah"), 1);
	get_person(fx->cat, "Siti Aminah", &p);
	id = p.id;
	replace(&p.name, PERSON_NAME);
	replace(&p.organisation, "Bawaslu Provinsi Aceh");
	assert_int_equal(catalog_person_update(fx->cat, "siti aminah", &p,
					       &err),
			 SIAR_OK);
	catalog_person_release(&p);

	get_person(fx->cat, PERSON_NAME, &p);
	assert_int_equal(p.id, id);
	assert_memory_equal(p.name, PERSON_NAME, sizeof(PERSON_NAME));
	assert_string_equal(p.organisation, "Bawaslu Provinsi Aceh");
	assert_int_equal(p.n_episodes, 1);
	catalog_person_release(&p);
	assert_int_equal(index_hits(fx->path, "aminah"), 0);
	assert_int_equal(index_hits(fx->path, "siregar"), 1);
	assert_int_equal(index_hits(fx->path, "aceh"), 1);

	/* A change of case only is the same person. */
	get_person(fx->cat, PERSON_NAME, &p);
	replace(&p.name, "DR. \"UCOK\" SIREGAR \xF0\x9F\x97\xB3\xEF\xB8\x8F");
	assert_int_equal(catalog_person_update(fx->cat, PERSON_NAME, &p, &err),
			 SIAR_OK);
	catalog_person_release(&p);
}

static void person_update_reports_errors_and_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;

	fill_person(&p, "Siti Aminah");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	fill_person(&p, "Budi");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);

	get_person(fx->cat, "Budi", &p);
	assert_int_equal(catalog_person_update(fx->cat, "Tidak Ada", &p, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no person 'Tidak Ada'");
	siar_err_clear(&err);
	replace(&p.name, "SITI AMINAH");
	assert_int_equal(catalog_person_update(fx->cat, "Budi", &p, &err),
			 SIAR_EEXIST);
	assert_string_equal(err.msg, "person 'SITI AMINAH' already exists");
	siar_err_clear(&err);
	replace(&p.name, "Budi Santoso");
	replace(&p.photo, "budi.jpg");
	assert_int_equal(catalog_person_update(fx->cat, "Budi", &p, &err),
			 SIAR_EINVAL);
	assert_contains(err.msg, "bad photo URL 'budi.jpg'");
	catalog_person_release(&p);
	get_person(fx->cat, "Budi", &p);
	assert_null(p.photo);
	catalog_person_release(&p);
}

static void person_merge_moves_credits_and_fills_fields(void **state)
{
	static const char *const only_from[] = {"Siti Aminah"};
	static const char *const both[] = {"Siti Aminah", "Siti A."};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct catalog_person p;
	struct siar_err err;
	int64_t ep1, ep2;

	siar_err_clear(&err);
	ep1 = add_credited_episode(fx->cat, "suara-pemilu", "Satu", only_from,
				   1, NULL, 0);
	ep2 = add_credited_episode(fx->cat, "suara-pemilu", "Dua", both, 2,
				   NULL, 0);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 "Siti Aminah", NULL, NULL,
						 &err),
			 SIAR_OK);
	get_person(fx->cat, "Siti Aminah", &p);
	replace(&p.organisation, PERSON_ORG);
	replace(&p.url, "https://kpu.example.id/siti");
	assert_int_equal(catalog_person_update(fx->cat, "Siti Aminah", &p,
					       &err),
			 SIAR_OK);
	catalog_person_release(&p);
	get_person(fx->cat, "Siti A.", &p);
	replace(&p.position, "Ketua");
	assert_int_equal(catalog_person_update(fx->cat, "Siti A.", &p, &err),
			 SIAR_OK);
	catalog_person_release(&p);

	assert_int_equal(catalog_person_merge(fx->cat, "siti aminah",
					      "Siti A.", &err),
			 SIAR_OK);
	assert_int_equal(catalog_person_get(fx->cat, "Siti Aminah", &p, &err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&err);
	get_person(fx->cat, "Siti A.", &p);
	assert_int_equal(p.n_episodes, 2);
	assert_string_equal(p.position, "Ketua");
	assert_memory_equal(p.organisation, PERSON_ORG, sizeof(PERSON_ORG));
	assert_string_equal(p.url, "https://kpu.example.id/siti");
	catalog_person_release(&p);

	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, ep1, &ep, &err), 0);
	assert_int_equal(ep.n_guests, 1);
	assert_string_equal(ep.guests[0], "Siti A.");
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, ep2, &ep, &err), 0);
	assert_int_equal(ep.n_guests, 1);
	catalog_episode_release(&ep);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"
					   " WHERE person_id = (SELECT id"
					   " FROM people WHERE name = 'Siti"
					   " A.')"),
			 1);
	assert_int_equal(index_hits(fx->path, "aminah"), 0);
	assert_int_equal(index_hits(fx->path, "ketua"), 2);
	assert_int_equal(index_hits(fx->path, "sumatera"), 2);
}

static void person_merge_refuses_same_and_unknown(void **state)
{
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;

	fill_person(&p, "Siti Aminah");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	assert_int_equal(catalog_person_merge(fx->cat, "Siti Aminah",
					      "SITI AMINAH", &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg,
			    "'Siti Aminah' and 'SITI AMINAH' are the same"
			    " person");
	siar_err_clear(&err);
	assert_int_equal(catalog_person_merge(fx->cat, "Siti Aminah", "Budi",
					      &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no person 'Budi'");
	siar_err_clear(&err);
	assert_int_equal(catalog_person_merge(fx->cat, "Budi", "Siti Aminah",
					      &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no person 'Budi'");
	get_person(fx->cat, "Siti Aminah", &p);
	catalog_person_release(&p);
}

static void person_merge_failure_changes_nothing(void **state)
{
	static const char *const guests[] = {"Siti Aminah"};
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;

	siar_err_clear(&err);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", guests, 1, NULL,
			     0);
	fill_person(&p, "Budi");
	assert_int_equal(add_person_rc(fx->cat, &p, NULL, &err), SIAR_OK);
	raw_exec(fx->path, "CREATE TRIGGER keep BEFORE DELETE ON people"
			   " BEGIN SELECT RAISE(ABORT, 'jangan'); END");
	assert_int_equal(catalog_person_merge(fx->cat, "Siti Aminah", "Budi",
					      &err),
			 SIAR_EDB);
	assert_contains(err.msg, "jangan");
	get_person(fx->cat, "Siti Aminah", &p);
	assert_int_equal(p.n_episodes, 1);
	catalog_person_release(&p);
	get_person(fx->cat, "Budi", &p);
	assert_int_equal(p.n_episodes, 0);
	catalog_person_release(&p);
}

static void show_person_add_credits_with_canonical_role(void **state)
{
	struct fx *fx = *state;
	struct catalog_person p;
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 PERSON_NAME, NULL, NULL,
						 &err),
			 SIAR_OK);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 "Siti Aminah", "CO-HOST",
						 "cast", &err),
			 SIAR_OK);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 "siti aminah",
						 "sound designer",
						 "AUDIO POST-PRODUCTION",
						 &err),
			 SIAR_OK);
	/* The same credit again is kept once. */
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 PERSON_NAME, "Host", "Cast",
						 &err),
			 SIAR_OK);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"),
			 3);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"
					   " WHERE role = 'host' AND grp ="
					   " 'cast' AND position = 0"),
			 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"
					   " WHERE role = 'co-host' AND grp ="
					   " 'cast' AND position = 1"),
			 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"
					   " WHERE role = 'sound designer' AND"
					   " grp = 'audio post-production'"),
			 1);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM people"), 2);
	get_person(fx->cat, PERSON_NAME, &p);
	assert_memory_equal(p.name, PERSON_NAME, sizeof(PERSON_NAME));
	assert_int_equal(p.n_episodes, 0);
	catalog_person_release(&p);
}

static void show_person_add_reports_bad_role_show_and_name(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 "Budi", "Producer", NULL,
						 &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg, "bad role 'Producer' in group 'cast'");
	siar_err_clear(&err);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 "Budi", NULL, "Writing", &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg, "bad role 'host' in group 'Writing'");
	siar_err_clear(&err);
	assert_int_equal(catalog_show_person_add(fx->cat, "tidak-ada", "Budi",
						 NULL, NULL, &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no show 'tidak-ada'");
	siar_err_clear(&err);
	assert_int_equal(catalog_show_person_add(fx->cat, "suara-pemilu",
						 " \n ", NULL, NULL, &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg, "empty person name");
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM people"), 0);
	assert_int_equal(raw_int(fx->path, "SELECT count(*) FROM show_people"),
			 0);
}

static void person_role_valid_follows_taxonomy(void **state)
{
	(void)state;
	assert_true(catalog_person_role_valid("Cast", "Host"));
	assert_true(catalog_person_role_valid("cast", "guest"));
	assert_true(catalog_person_role_valid("CAST", "Co-Host"));
	assert_true(catalog_person_role_valid("Creative Direction",
					      "Executive Producer"));
	assert_true(catalog_person_role_valid("Writing", "Editor"));
	assert_true(catalog_person_role_valid("Video Post-Production",
					      "Editor"));
	assert_true(catalog_person_role_valid("Audio Production",
					      "Remote Recording Engineer"));
	assert_true(catalog_person_role_valid("Administration",
					      "Sales Manager"));
	assert_true(catalog_person_role_valid("Visuals",
					      "Cover Art Designer"));
	assert_true(catalog_person_role_valid("Community",
					      "Social Media Manager"));
	assert_true(catalog_person_role_valid("misc.", "intern"));
	assert_true(catalog_person_role_valid("Video Production",
					      "Camera Grip"));
	assert_false(catalog_person_role_valid("Cast", "Editor"));
	assert_false(catalog_person_role_valid("Misc", "Intern"));
	assert_false(catalog_person_role_valid("Cast", "Host "));
	assert_false(catalog_person_role_valid("Cast", "Cohost"));
	assert_false(catalog_person_role_valid("", "Host"));
	assert_false(catalog_person_role_valid(NULL, "Host"));
	assert_false(catalog_person_role_valid("Cast", NULL));
}

/* ---- Topics -------------------------------------------------------------- */

/* A flag after the year: bytes outside ASCII stay as they are in the slug. */
#define TOPIC_NAME "Pemilu \"Serentak\" 2024 \xF0\x9F\x87\xAE\xF0\x9F\x87\xA9"

static int collect_topic(const struct catalog_topic *t, void *ctx,
			 struct siar_err *err)
{
	struct name_walk *w = ctx;

	assert_true(w->n < 8);
	snprintf(w->names[w->n], sizeof(w->names[0]), "%s|%s", t->name,
		 t->slug);
	w->counts[w->n++] = t->n_episodes;
	if (w->n == w->stop_at)
		return siar_err_set(err, SIAR_EIO, "cukup");
	return SIAR_OK;
}

static void walk_topics(struct catalog *cat, struct name_walk *w)
{
	struct siar_err err;

	siar_err_clear(&err);
	w->n = 0;
	w->stop_at = 0;
	assert_int_equal(catalog_topic_each(cat, collect_topic, w, &err),
			 SIAR_OK);
}

static void topic_add_and_each_list_by_name(void **state)
{
	static const char *const topics[] = {"daftar pemilih"};
	struct fx *fx = *state;
	struct name_walk w = {.n = 0};
	struct siar_err err;
	int64_t id = 0;

	siar_err_clear(&err);
	assert_int_equal(catalog_topic_add(fx->cat, " " TOPIC_NAME " ", &id,
					   &err),
			 SIAR_OK);
	assert_true(id > 0);
	assert_int_equal(catalog_topic_add(fx->cat, "Daftar Pemilih", NULL,
					   &err),
			 SIAR_OK);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", NULL, 0, topics,
			     1);
	walk_topics(fx->cat, &w);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.names[0], "Daftar Pemilih|daftar-pemilih");
	assert_int_equal(w.counts[0], 1);
	assert_string_equal(w.names[1],
			    TOPIC_NAME "|pemilu-serentak-2024-"
				       "\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9");
	assert_int_equal(w.counts[1], 0);

	w.n = 0;
	w.stop_at = 1;
	assert_int_equal(catalog_topic_each(fx->cat, collect_topic, &w, &err),
			 SIAR_EIO);
	assert_int_equal(w.n, 1);
	assert_string_equal(err.msg, "cukup");
}

static void topic_add_refuses_taken_slug_and_empty_names(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_topic_add(fx->cat, "Pemilu 2024", NULL, &err),
			 SIAR_OK);
	assert_int_equal(catalog_topic_add(fx->cat, "pemilu-2024", NULL, &err),
			 SIAR_EEXIST);
	assert_string_equal(err.msg, "topic 'pemilu-2024' already exists");
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_add(fx->cat, "  ", NULL, &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg, "empty topic name");
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_add(fx->cat, "#!?", NULL, &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg, "topic '#!?' has no letters or digits");
}

static void topic_rename_moves_slug_and_refreshes_search(void **state)
{
	static const char *const topics[] = {"Rekap Suara"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct name_walk w = {.n = 0};
	struct siar_err err;
	int64_t id;

	siar_err_clear(&err);
	id = add_credited_episode(fx->cat, "suara-pemilu", "Satu", NULL, 0,
				  topics, 1);
	assert_int_equal(index_hits(fx->path, "rekap"), 1);
	/* Found by its slug as well as by its name. */
	assert_int_equal(catalog_topic_rename(fx->cat, "rekap-suara",
					      TOPIC_NAME, &err),
			 SIAR_OK);
	walk_topics(fx->cat, &w);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.names[0],
			    TOPIC_NAME "|pemilu-serentak-2024-"
				       "\xF0\x9F\x87\xAE\xF0\x9F\x87\xA9");
	assert_int_equal(w.counts[0], 1);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), 0);
	assert_memory_equal(ep.topics[0], TOPIC_NAME, sizeof(TOPIC_NAME));
	catalog_episode_release(&ep);
	assert_int_equal(index_hits(fx->path, "rekap"), 0);
	assert_int_equal(index_hits(fx->path, "serentak"), 1);

	/* A new spelling of the same slug is the same topic. */
	assert_int_equal(catalog_topic_rename(fx->cat, TOPIC_NAME,
					      "pemilu serentak 2024 \xF0\x9F"
					      "\x87\xAE\xF0\x9F\x87\xA9",
					      &err),
			 SIAR_OK);
}

static void topic_rename_reports_unknown_taken_and_empty(void **state)
{
	struct fx *fx = *state;
	struct name_walk w = {.n = 0};
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_topic_add(fx->cat, "Pemilu", NULL, &err), 0);
	assert_int_equal(catalog_topic_add(fx->cat, "Pilkada", NULL, &err), 0);
	assert_int_equal(catalog_topic_rename(fx->cat, "Tidak Ada", "Baru",
					      &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no topic 'Tidak Ada'");
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_rename(fx->cat, "***", "Baru", &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no topic '***'");
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_rename(fx->cat, "Pemilu", "PILKADA",
					      &err),
			 SIAR_EEXIST);
	assert_string_equal(err.msg, "topic 'PILKADA' already exists");
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_rename(fx->cat, "Pemilu", "", &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg, "empty topic name");
	walk_topics(fx->cat, &w);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.names[0], "Pemilu|pemilu");
	assert_string_equal(w.names[1], "Pilkada|pilkada");
}

static void topic_merge_moves_episodes_keeping_their_place(void **state)
{
	static const char *const first[] = {"Logistik", "Pemilu"};
	static const char *const second[] = {"Pemilu", "Pemilu 2024"};
	static const char *const want[] = {"Logistik", "Pemilu 2024"};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct name_walk w = {.n = 0};
	struct siar_err err;
	int64_t ep1, ep2;

	siar_err_clear(&err);
	ep1 = add_credited_episode(fx->cat, "suara-pemilu", "Satu", NULL, 0,
				   first, 2);
	ep2 = add_credited_episode(fx->cat, "suara-pemilu", "Dua", NULL, 0,
				   second, 2);
	assert_int_equal(catalog_topic_merge(fx->cat, "pemilu", "pemilu-2024",
					     &err),
			 SIAR_OK);
	walk_topics(fx->cat, &w);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.names[1], "Pemilu 2024|pemilu-2024");
	assert_int_equal(w.counts[1], 2);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, ep1, &ep, &err), 0);
	assert_list(ep.topics, ep.n_topics, want, 2);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, ep2, &ep, &err), 0);
	assert_list(ep.topics, ep.n_topics, want + 1, 1);
	catalog_episode_release(&ep);
	assert_int_equal(index_hits(fx->path, "\"pemilu 2024\""), 2);

	assert_int_equal(catalog_topic_merge(fx->cat, "Pemilu", "Logistik",
					     &err),
			 SIAR_ENOTFOUND);
	assert_string_equal(err.msg, "no topic 'Pemilu'");
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_merge(fx->cat, "Logistik", "Pemilu",
					     &err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&err);
	assert_int_equal(catalog_topic_merge(fx->cat, "logistik", "LOGISTIK",
					     &err),
			 SIAR_EINVAL);
	assert_string_equal(err.msg,
			    "'logistik' and 'LOGISTIK' are the same topic");
}

static void topic_merge_failure_changes_nothing(void **state)
{
	static const char *const topics[] = {"Pemilu"};
	struct fx *fx = *state;
	struct name_walk w = {.n = 0};
	struct siar_err err;

	siar_err_clear(&err);
	add_credited_episode(fx->cat, "suara-pemilu", "Satu", NULL, 0, topics,
			     1);
	assert_int_equal(catalog_topic_add(fx->cat, "Pilkada", NULL, &err), 0);
	raw_exec(fx->path, "CREATE TRIGGER keep BEFORE DELETE ON topics"
			   " BEGIN SELECT RAISE(ABORT, 'jangan'); END");
	assert_int_equal(catalog_topic_merge(fx->cat, "Pemilu", "Pilkada",
					     &err),
			 SIAR_EDB);
	assert_contains(err.msg, "jangan");
	walk_topics(fx->cat, &w);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.names[0], "Pemilu|pemilu");
	assert_int_equal(w.counts[0], 1);
	assert_int_equal(w.counts[1], 0);
	assert_int_equal(index_hits(fx->path, "pilkada"), 0);
}

/* ---- Backup and restore ------------------------------------------------ */

/* True if a file named 'path' then 'suffix' (a pattern) is there. */
static bool file_left(const char *path, const char *suffix)
{
	char pattern[512];
	glob_t g;
	bool left;

	snprintf(pattern, sizeof(pattern), "%s%s", path, suffix);
	left = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;
	globfree(&g);
	return left;
}

/* True if a temporary file of a backup to 'path' was left behind. */
static bool temp_left(const char *path)
{
	return file_left(path, ".tmp-*");
}

/* Byte 18 of an SQLite file: 1 for a rollback journal, 2 for WAL. */
static int header_byte_18(const char *path)
{
	unsigned char header[100];
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	assert_int_equal(fread(header, 1, sizeof(header), f), sizeof(header));
	fclose(f);
	return header[18];
}

static void backup_then_restore_undoes_later_changes(void **state)
{
	static const char *const guests[] = {PERSON_NAME};
	static const char *const topics[] = {TOPIC_NAME};
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct catalog_person p;
	struct catalog_show show;
	struct siar_err err;
	char backup[64];
	int64_t id;

	siar_err_clear(&err);
	temp_path(backup, sizeof(backup));
	id = add_credited_episode(fx->cat, "suara-pemilu", INDONESIAN, guests,
				  1, topics, 1);
	assert_int_equal(catalog_backup(fx->cat, backup, &err), SIAR_OK);
	assert_false(temp_left(backup));
	assert_int_equal(raw_int(backup, "PRAGMA application_id"), 1936286066);
	assert_int_equal(raw_int(backup, "PRAGMA user_version"), LATEST);
	assert_int_equal(header_byte_18(backup), 1);

	add_show(fx->cat, "kedua");
	get_person(fx->cat, PERSON_NAME, &p);
	replace(&p.name, "Orang Lain");
	assert_int_equal(catalog_person_update(fx->cat, PERSON_NAME, &p, &err),
			 SIAR_OK);
	catalog_person_release(&p);
	assert_int_equal(catalog_show_remove(fx->cat, "suara-pemilu", true,
					     &err),
			 SIAR_OK);

	assert_int_equal(catalog_restore(fx->cat, backup, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(fx->cat), LATEST);
	assert_int_equal(catalog_show_get(fx->cat, "kedua", &show, &err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&err);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &err), SIAR_OK);
	assert_memory_equal(ep.title, INDONESIAN, sizeof(INDONESIAN));
	assert_memory_equal(ep.guests[0], PERSON_NAME, sizeof(PERSON_NAME));
	assert_memory_equal(ep.topics[0], TOPIC_NAME, sizeof(TOPIC_NAME));
	catalog_episode_release(&ep);
	assert_int_equal(index_hits(fx->path, "siregar"), 1);
	assert_int_equal(index_hits(fx->path, "lain"), 0);
	/* The handle goes on working, cached statements and all. */
	add_show(fx->cat, "ketiga");
	get_show(fx->cat, "ketiga", &show);
	catalog_show_release(&show);
	remove_db(backup);
}

/* True if a temporary copy of a restore into 'path' was left behind. */
static bool restore_copy_left(const char *path)
{
	return file_left(path, ".restore-*");
}

/*
 * A backup with SQLite's 4 KiB pages (an older siar's) restores into a
 * catalogue in WAL mode with CATALOG_PAGE_SIZE pages, which it keeps,
 * through a copy that is then removed.
 */
static void restore_takes_backup_with_other_page_size(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	char backup[64];

	siar_err_clear(&err);
	temp_path(backup, sizeof(backup));
	assert_int_equal(catalog_backup(fx->cat, backup, &err), SIAR_OK);
	raw_exec(backup, "PRAGMA page_size = 4096; VACUUM");
	assert_int_equal(raw_int(backup, "PRAGMA page_size"), 4096);
	add_show(fx->cat, "kedua");
	assert_int_equal(catalog_restore(fx->cat, backup, &err), SIAR_OK);
	assert_int_equal(catalog_show_get(fx->cat, "kedua", &show, &err),
			 SIAR_ENOTFOUND);
	get_show(fx->cat, "suara-pemilu", &show);
	catalog_show_release(&show);
	assert_false(restore_copy_left(fx->path));
	assert_int_equal(raw_int(fx->path, "PRAGMA page_size"),
			 CATALOG_PAGE_SIZE);
	assert_int_equal(header_byte_18(fx->path), 2);
	/* The backup itself is read, never written. */
	assert_int_equal(raw_int(backup, "PRAGMA page_size"), 4096);
	remove_db(backup);
}

static void backup_of_memory_catalogue_opens_as_file(void **state)
{
	struct fx *fx = *state;
	struct catalog *cat = NULL;
	struct catalog_show show;
	struct siar_err err;
	char backup[64];

	siar_err_clear(&err);
	temp_path(backup, sizeof(backup));
	/* A backup replaces what was at its path. */
	raw_exec(backup, "CREATE TABLE lama (x)");
	assert_int_equal(catalog_backup(fx->cat, backup, &err), SIAR_OK);
	assert_int_equal(catalog_open(&cat, backup, 0, &err), SIAR_OK);
	get_show(cat, "suara-pemilu", &show);
	catalog_show_release(&show);
	catalog_close(cat);
	assert_int_equal(raw_int(backup, "SELECT count(*) FROM sqlite_master"
					 " WHERE name = 'lama'"),
			 0);
	remove_db(backup);
}

/* A catalogue file (in WAL mode) serves as a backup too. */
static void restore_takes_catalogue_file_in_wal_mode(void **state)
{
	struct fx *fx = *state;
	struct catalog *other = NULL;
	struct catalog_show show;
	struct siar_err err;
	char path[64];

	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	assert_int_equal(catalog_open(&other, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_OK);
	add_show(other, "lain");
	catalog_close(other);
	assert_int_equal(header_byte_18(path), 2);
	assert_int_equal(catalog_restore(fx->cat, path, &err), SIAR_OK);
	get_show(fx->cat, "lain", &show);
	catalog_show_release(&show);
	assert_int_equal(catalog_show_get(fx->cat, "suara-pemilu", &show,
					  &err),
			 SIAR_ENOTFOUND);
	remove_db(path);
}

static void backup_reports_unwritable_path(void **state)
{
	struct fx *fx = *state;
	struct siar_err err;

	siar_err_clear(&err);
	assert_int_equal(catalog_backup(fx->cat, "/tidak-ada/cadangan.db",
					&err),
			 SIAR_EIO);
	assert_contains(err.msg, "/tidak-ada/cadangan.db");
}

static void restore_reports_unreadable_backup(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	char path[64];

	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	assert_int_equal(mkdir(path, 0700), 0);
	assert_int_equal(catalog_restore(fx->cat, path, &err), SIAR_EDB);
	assert_contains(err.msg, "cannot open backup");
	assert_contains(err.msg, path);
	rmdir(path);
	get_show(fx->cat, "suara-pemilu", &show);
	catalog_show_release(&show);
}

/*
 * When the resized copy cannot be made beside the catalogue (here its
 * name would be too long: a bad name fails even for root, who may write
 * anywhere), restore says so and the catalogue is as it was.
 */
static void restore_reports_copy_it_cannot_make(void **state)
{
	struct catalog *cat = NULL;
	struct catalog_show show;
	struct siar_err err;
	char dir[64], path[320], backup[64];

	(void)state;
	siar_err_clear(&err);
	assert_true(snprintf(dir, sizeof(dir), "/tmp/siar-test-XXXXXX") > 0);
	assert_non_null(mkdtemp(dir));
	/* 245 bytes: the copy's name would be 260, over NAME_MAX. */
	snprintf(path, sizeof(path), "%s/%0245d", dir, 0);
	assert_int_equal(catalog_open(&cat, path, CATALOG_OPEN_CREATE, &err),
			 SIAR_OK);
	add_show(cat, "suara-pemilu");
	temp_path(backup, sizeof(backup));
	assert_int_equal(catalog_backup(cat, backup, &err), SIAR_OK);
	raw_exec(backup, "PRAGMA page_size = 4096; VACUUM");
	add_show(cat, "kedua");
	assert_int_equal(catalog_restore(cat, backup, &err), SIAR_EIO);
	/* The rest, the reason included, is cut at the message's length. */
	assert_contains(err.msg, "cannot restore into");
	get_show(cat, "kedua", &show);
	catalog_show_release(&show);
	catalog_close(cat);
	assert_false(restore_copy_left(path));
	remove_db(path);
	remove_db(backup);
	assert_int_equal(rmdir(dir), 0);
}

static void restore_reports_missing_file(void **state)
{
	struct fx *fx = *state;
	struct catalog_show show;
	struct siar_err err;
	char path[64], want[96];

	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	assert_int_equal(catalog_restore(fx->cat, path, &err),
			 SIAR_ENOTFOUND);
	snprintf(want, sizeof(want), "no backup at '%s'", path);
	assert_string_equal(err.msg, want);
	get_show(fx->cat, "suara-pemilu", &show);
	catalog_show_release(&show);
}

/*
 * Restoring a file holding 'text', then changed by 'sql' (may be NULL),
 * must fail with 'message' and leave the catalogue as it was.
 */
static void restore_refuses(struct catalog *cat, const char *text,
			    const char *sql, const char *message)
{
	struct catalog_show show;
	struct siar_err err;
	char path[64];
	FILE *f;

	siar_err_clear(&err);
	temp_path(path, sizeof(path));
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	if (sql)
		raw_exec(path, sql);
	assert_int_equal(catalog_restore(cat, path, &err), SIAR_EDB);
	assert_contains(err.msg, message);
	assert_contains(err.msg, path);
	remove_db(path);
	get_show(cat, "suara-pemilu", &show);
	catalog_show_release(&show);
}

static void restore_refuses_what_is_not_a_catalogue_it_knows(void **state)
{
	struct fx *fx = *state;

	restore_refuses(fx->cat, "Ini bukan basis data, hanya catatan.\n",
			NULL, "is not a siar catalogue");
	restore_refuses(fx->cat, "", NULL, "is not a siar catalogue");
	restore_refuses(fx->cat, "", "CREATE TABLE lain (x)",
			"is not a siar catalogue");
	restore_refuses(fx->cat, "",
			"PRAGMA application_id = 1936286066;"
			" PRAGMA user_version = 99;"
			" CREATE TABLE masa_depan (x)",
			"made by a newer siar");
}

static void restore_upgrades_older_backup(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct catalog_show show;
	struct siar_err err;
	struct walk w = {.n = 0};
	char backup[64];

	siar_err_clear(&err);
	temp_path(backup, sizeof(backup));
	make_v2_catalogue(backup);
	assert_int_equal(catalog_restore(fx->cat, backup, &err), SIAR_OK);
	assert_int_equal(catalog_schema_version(fx->cat), LATEST);
	/* The backup itself is read, never written. */
	assert_int_equal(raw_int(backup, "PRAGMA user_version"), 2);

	get_show(fx->cat, "suara-pemilu", &show);
	assert_int_equal(show.created_unix, 1700000000);
	assert_v3_show_defaults(&show);
	catalog_show_release(&show);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, 7, &ep, &err), SIAR_OK);
	assert_v1_episode_intact(&ep);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_search(fx->cat, "aminah", NULL, 0,
					collect, &w, &err),
			 SIAR_OK);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.ids[0], 7);
	remove_db(backup);
}

#define MEM(test) cmocka_unit_test_setup_teardown(test, setup_mem, teardown)
#define FILE_(test) cmocka_unit_test_setup_teardown(test, setup_file, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		MEM(open_memory_gives_current_schema),
		cmocka_unit_test(open_reports_missing_file_without_create),
		cmocka_unit_test(
			open_create_makes_file_that_reopens_with_its_data),
		FILE_(open_marks_file_as_siar_and_uses_wal),
		cmocka_unit_test(open_keeps_page_size_of_existing_file),
		cmocka_unit_test(open_initialises_empty_existing_file),
		cmocka_unit_test(open_refuses_file_that_is_not_sqlite),
		cmocka_unit_test(open_refuses_sqlite_file_of_another_program),
		FILE_(open_refuses_catalogue_of_newer_siar),
		cmocka_unit_test(open_reports_unopenable_path_as_db_error),
		cmocka_unit_test(close_accepts_null),
		MEM(now_follows_set_now_and_falls_back_to_clock),
		cmocka_unit_test(status_names_are_the_schema_spellings),
		cmocka_unit_test(category_valid_takes_only_apple_spelling),
		MEM(show_add_round_trips_indonesian_text),
		MEM(show_add_fills_defaults_and_trims_base_url),
		MEM(show_add_refuses_duplicate_slug),
		MEM(show_add_rejects_bad_slugs),
		MEM(show_add_rejects_malformed_fields),
		MEM(show_add_repairs_invalid_utf8),
		FILE_(show_add_reports_database_failure),
		MEM(show_get_reports_unknown_slug),
		MEM(show_each_walks_by_slug_and_stops_on_error),
		cmocka_unit_test(release_is_safe_twice_and_on_fresh_structs),
		MEM(episode_add_round_trips_every_field),
		MEM(episode_add_assigns_distinct_uuid4_guids),
		MEM(episode_add_reports_unknown_show),
		MEM(episode_add_rejects_malformed_text),
		MEM(episode_add_rejects_negative_numbers),
		MEM(episode_add_dedupes_guests_keeping_first_spelling),
		MEM(episode_add_dedupes_topics_by_slug),
		MEM(episode_add_rejects_empty_guest_and_symbol_topic),
		FILE_(episode_add_failure_leaves_no_rows),
		MEM(episode_add_keeps_path_bytes_and_repairs_text),
		MEM(episode_get_reports_unknown_id),
		FILE_(episode_get_reports_unknown_status_as_db_error),
		MEM(episode_publish_sets_time_and_moves_it_again),
		MEM(episode_publish_reports_unknown_id),
		FILE_(episode_publish_reports_database_failure),
		MEM(episode_each_live_only_skips_drafts_and_future),
		MEM(episode_each_without_live_only_goes_by_id),
		MEM(episode_each_reports_unknown_show),
		MEM(episode_each_passes_back_callback_error),
		MEM(episode_each_allows_nested_catalogue_calls),
		MEM(walk_reads_each_list_with_its_episode),
		MEM(episode_kept_outlives_its_callback),
		MEM(kept_walk_ends_once_on_failure),
		MEM(whole_walk_reads_with_small_cache),
		MEM(kept_walk_survives_a_change),
		MEM(walk_skips_the_lists_it_is_told_to),
		MEM(walk_gives_large_episodes_whole),
		MEM(walk_keeps_many_guests_in_order),
		FILE_(walk_repairs_lists_changed_behind_its_back),
		FILE_(walk_gives_who_added_each_episode),
		MEM(walk_reads_lists_as_its_callback_changed_them),
		FILE_(walk_skips_list_rows_of_episodes_it_does_not_give),
		MEM(walk_gives_lists_where_the_order_leaves_the_ids),
		MEM(walk_gives_lists_in_an_order_unlike_the_ids),
		MEM(walk_gives_lists_of_shows_added_in_turn),
		FILE_(walk_gives_tied_and_dangling_rows_as_get_does),
		MEM(walk_reads_names_as_its_callback_changed_them),
		FILE_(open_upgrades_v6_catalogue_with_list_indexes),
		MEM(show_last_change_follows_live_episodes_only),
		MEM(show_last_change_reports_unknown_show),
		FILE_(read_sees_one_state),
		cmocka_unit_test(open_upgrades_v1_catalogue_keeping_its_rows),
		cmocka_unit_test(
			open_failed_upgrade_leaves_v1_catalogue_as_it_was),
		MEM(episode_add_round_trips_every_v2_field),
		FILE_(episode_add_leaves_unmeasured_loudness_null),
		MEM(episode_add_takes_year_month_or_full_date),
		MEM(episode_add_rejects_bad_recording_dates),
		MEM(episode_add_rejects_bad_chapters),
		MEM(episode_add_rejects_bad_v2_numbers_and_paths),
		FILE_(episode_add_chapter_failure_leaves_no_rows),
		FILE_(episode_chapters_go_with_their_episode),
		MEM(find_sha256_gives_lowest_id_in_any_show_or_one),
		MEM(find_sha256_reports_no_match_without_message),
		MEM(find_sha256_reports_unknown_show),
		MEM(find_sha256_rejects_malformed_hash),
		cmocka_unit_test(
			open_upgrades_v2_catalogue_to_production_schema),
		cmocka_unit_test(
			open_failed_v3_upgrade_leaves_v2_catalogue_as_it_was),
		MEM(show_init_requires_review),
		MEM(show_add_round_trips_production_fields),
		MEM(show_add_rejects_bad_production_fields),
		MEM(show_add_takes_every_medium_and_word),
		cmocka_unit_test(subcategory_valid_follows_apple_list),
		MEM(show_update_renames_and_keeps_identity),
		MEM(show_update_reports_unknown_taken_and_bad),
		FILE_(show_remove_refuses_show_with_episodes_unless_forced),
		MEM(show_remove_takes_empty_show_and_reports_unknown),
		FILE_(show_remove_failure_leaves_show_and_episodes),
		MEM(person_add_round_trips_indonesian_text),
		MEM(person_add_refuses_duplicate_ignoring_case),
		MEM(person_add_rejects_blank_name_and_bad_urls),
		FILE_(person_get_reports_unknown_and_counts_episodes),
		MEM(person_each_walks_by_name_and_stops_on_error),
		MEM(person_each_linked_gives_people_with_links),
		FILE_(person_update_renames_and_refreshes_search),
		MEM(person_update_reports_errors_and_changes_nothing),
		FILE_(person_merge_moves_credits_and_fills_fields),
		MEM(person_merge_refuses_same_and_unknown),
		FILE_(person_merge_failure_changes_nothing),
		FILE_(show_person_add_credits_with_canonical_role),
		FILE_(show_person_add_reports_bad_role_show_and_name),
		cmocka_unit_test(person_role_valid_follows_taxonomy),
		MEM(topic_add_and_each_list_by_name),
		MEM(topic_add_refuses_taken_slug_and_empty_names),
		FILE_(topic_rename_moves_slug_and_refreshes_search),
		MEM(topic_rename_reports_unknown_taken_and_empty),
		FILE_(topic_merge_moves_episodes_keeping_their_place),
		FILE_(topic_merge_failure_changes_nothing),
		FILE_(backup_then_restore_undoes_later_changes),
		FILE_(restore_takes_backup_with_other_page_size),
		MEM(backup_of_memory_catalogue_opens_as_file),
		MEM(restore_takes_catalogue_file_in_wal_mode),
		MEM(backup_reports_unwritable_path),
		MEM(restore_reports_unreadable_backup),
		cmocka_unit_test(restore_reports_copy_it_cannot_make),
		MEM(restore_reports_missing_file),
		MEM(restore_refuses_what_is_not_a_catalogue_it_knows),
		MEM(restore_upgrades_older_backup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
