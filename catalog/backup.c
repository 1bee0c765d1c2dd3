/*
 * Backing the catalogue up to a file and restoring it from one, with
 * SQLite's online backup API: a consistent copy page by page while other
 * connections go on reading (and, between steps, writing).
 *
 * A backup is written beside its final path and renamed into place
 * (common/file.c), so a crash never leaves half a backup where a whole
 * one was. It is left in rollback-journal mode: one self-contained file
 * to copy elsewhere. Checking that a file is a siar catalogue is shared
 * with catalog_open() (catalog.c), and upgrading an older one after a
 * restore with it too (schema.c).
 */
#include "catalog.h"

#include <assert.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "catalog_int.h"

/*
 * Copy all of database "main" of 'from' over that of 'to' in one step, so
 * that 'to' changes all at once or not at all. Returns an SQLite result;
 * the message, if any, is then on 'to'.
 */
static int copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *bk;
	int step, finish;

	bk = sqlite3_backup_init(to, "main", from, "main");
	if (!bk)
		return sqlite3_errcode(to);
	step = sqlite3_backup_step(bk, -1);
	finish = sqlite3_backup_finish(bk);
	if (step != SQLITE_DONE && step != SQLITE_OK)
		return step;
	return finish;
}

/* SQLite's words for failure 'src' on 'db', when 'db' still holds them. */
static const char *db_message(sqlite3 *db, int src)
{
	if (db && (sqlite3_errcode(db) & 0xff) == (src & 0xff))
		return sqlite3_errmsg(db);
	return sqlite3_errstr(src);
}

/*
 * The copy keeps the source's journal mode in its header, WAL for a
 * catalogue on disk; a backup is better as a single file.
 */
static int write_backup(struct catalog *cat, const char *tmp_path,
			const char *path, struct siar_err *err)
{
	sqlite3 *db = NULL;
	int src, rc = SIAR_OK;

	src = sqlite3_open_v2(tmp_path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK)
		src = copy_db(db, cat->db);
	if (src == SQLITE_OK)
		src = sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL,
				   NULL, NULL);
	if ((src & 0xff) == SQLITE_NOMEM)
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
	else if (src != SQLITE_OK)
		rc = siar_err_set(err, SIAR_EDB,
				  "cannot back up catalogue '%s' to '%s': %s",
				  cat->path, path, db_message(db, src));
	sqlite3_close_v2(db);
	return rc;
}

int catalog_backup(struct catalog *cat, const char *path,
		   struct siar_err *err)
{
	struct siar_atomic a;
	int rc;

	assert(cat && path && err);
	rc = siar_atomic_open(&a, path, err);
	if (rc)
		return rc;
	rc = write_backup(cat, a.tmp_path, path, err);
	if (rc) {
		siar_atomic_abort(&a);
		return rc;
	}
	return siar_atomic_commit(&a, err);
}

/* Open the backup at 'path' read-only and check that it is ours. */
static int open_backup(sqlite3 **db, const char *path, int *version,
		       struct siar_err *err)
{
	struct stat sb;
	int src;

	if (stat(path, &sb) != 0 && errno == ENOENT)
		return siar_err_set(err, SIAR_ENOTFOUND, "no backup at '%s'",
				    path);
	src = sqlite3_open_v2(path, db, SQLITE_OPEN_READONLY, NULL);
	if (src == SQLITE_NOMEM)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	if (src != SQLITE_OK)
		return siar_err_set(err, SIAR_EDB,
				    "cannot open backup '%s': %s", path,
				    db_message(*db, src));
	/* An empty database would restore as an empty catalogue. */
	return catalog_identify(*db, path, false, version, err);
}

/*
 * The copy replaces every page of the catalogue, schema included, in one
 * write transaction. The migrations that follow are another one: if they
 * fail, the catalogue holds the backup as it was, and the next open tries
 * the upgrade again.
 */
int catalog_restore(struct catalog *cat, const char *path,
		    struct siar_err *err)
{
	sqlite3 *from = NULL;
	int version = 0, src, rc;

	assert(cat && path && err);
	rc = open_backup(&from, path, &version, err);
	if (rc)
		goto out;
	src = copy_db(cat->db, from);
	if ((src & 0xff) == SQLITE_NOMEM) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	if (src != SQLITE_OK) {
		rc = siar_err_set(err, SIAR_EDB,
				  "cannot restore '%s' into catalogue '%s': %s",
				  path, cat->path, db_message(cat->db, src));
		goto out;
	}
	cat->schema_version = version;
	rc = catalog_migrate(cat, err);
out:
	sqlite3_close_v2(from);
	return rc;
}
