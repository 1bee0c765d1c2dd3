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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* PRAGMA page_size of 'db', or 0 if it cannot be read. */
static int page_size(sqlite3 *db)
{
	return (int)catalog_pragma_int(db, "PRAGMA page_size", 0);
}

/*
 * A temporary file for the copy of a backup, beside the catalogue (its
 * directory is writable, and has room for the catalogue), or in /tmp for
 * one in memory. Returns SIAR_OK, or SIAR_EIO or SIAR_ENOMEM in 'err'.
 */
static int temp_copy_path(const struct catalog *cat, struct siar_buf *path,
			  struct siar_err *err)
{
	int fd;

	if (!strcmp(cat->path, ":memory:"))
		siar_buf_adds(path, "/tmp/siar-restore-XXXXXX");
	else
		siar_buf_addf(path, "%s.restore-XXXXXX", cat->path);
	if (siar_buf_check(path, err))
		return err->code;
	fd = mkstemp(path->buf);
	if (fd < 0)
		return siar_err_set(err, SIAR_EIO, "cannot restore into '%s':"
				    " cannot create '%s': %s",
				    cat->path, path->buf, strerror(errno));
	close(fd);
	return SIAR_OK;
}

/*
 * The backup 'from' with pages of 'size' bytes, in a temporary file at
 * 'path' (then '*out'): SQLite's backup copies pages as they are, and
 * cannot change the page size of a catalogue in WAL mode or in memory.
 * The copy, in rollback mode, changes its own by VACUUM. Returns an
 * SQLite result.
 */
static int resize_copy(sqlite3 *from, int size, const char *path,
		       sqlite3 **out)
{
	char sql[64];
	int src;

	src = sqlite3_open_v2(path, out, SQLITE_OPEN_READWRITE, NULL);
	if (src == SQLITE_OK)
		src = copy_db(*out, from);
	snprintf(sql, sizeof(sql), "PRAGMA page_size = %d; VACUUM", size);
	if (src == SQLITE_OK)
		src = sqlite3_exec(*out, sql, NULL, NULL, NULL);
	if (src == SQLITE_OK && page_size(*out) != size)
		src = SQLITE_ERROR;
	return src;
}

/* Remove the temporary copy at 'path' and its journal, if any. */
static void remove_copy(const char *path)
{
	struct siar_buf journal;

	unlink(path);
	siar_buf_init(&journal, 0);
	siar_buf_addf(&journal, "%s-journal", path);
	if (!journal.failed)
		unlink(journal.buf);
	siar_buf_release(&journal);
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
	sqlite3 *from = NULL, *resized = NULL;
	struct siar_buf tmp;
	int version = 0, size, src, rc;

	assert(cat && path && err);
	siar_buf_init(&tmp, 0);
	rc = open_backup(&from, path, &version, err);
	if (rc)
		goto out;
	/* A backup made with pages of another size (CATALOG_PAGE_SIZE). */
	size = page_size(cat->db);
	if (size && page_size(from) != size) {
		rc = temp_copy_path(cat, &tmp, err);
		if (rc)
			goto out;
		src = resize_copy(from, size, tmp.buf, &resized);
		if (src != SQLITE_OK) {
			rc = (src & 0xff) == SQLITE_NOMEM
				     ? siar_err_set(err, SIAR_ENOMEM,
						    "out of memory")
				     : siar_err_set(err, SIAR_EDB,
						    "cannot restore '%s' into"
						    " catalogue '%s': %s",
						    path, cat->path,
						    db_message(resized, src));
			goto out;
		}
	}
	src = copy_db(cat->db, resized ? resized : from);
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
	sqlite3_close_v2(resized);
	if (tmp.len)
		remove_copy(tmp.buf);
	siar_buf_release(&tmp);
	return rc;
}
