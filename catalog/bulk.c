/*
 * Grouping many changes into one transaction, for imports and bulk loads:
 * every catalog_*() call between catalog_bulk_begin() and
 * catalog_bulk_end() runs as a savepoint inside it, so a thousand adds
 * cost one commit instead of a thousand. Likewise many reads into one
 * read transaction (catalog_read_begin), for one state of the catalogue.
 */
#include "catalog.h"

#include "catalog_int.h"

int catalog_read_begin(struct catalog *cat, bool *read, struct siar_err *err)
{
	int src;

	*read = false;
	if (!sqlite3_get_autocommit(cat->db))
		return SIAR_OK;
	/* Deferred: the snapshot is taken at the first read. */
	src = sqlite3_exec(cat->db, "BEGIN", NULL, NULL, NULL);
	if (src != SQLITE_OK)
		return catalog_db_error(cat, "start reading", src, err);
	*read = true;
	return SIAR_OK;
}

void catalog_read_end(struct catalog *cat, bool read)
{
	/* Nothing was written: ending it loses nothing. */
	if (read)
		sqlite3_exec(cat->db, "ROLLBACK", NULL, NULL, NULL);
}

int catalog_bulk_begin(struct catalog *cat, struct catalog_bulk *bulk,
		       struct siar_err *err)
{
	bulk->active = false;
	if (catalog_txn_begin(cat, &bulk->outer, err))
		return err->code;
	bulk->active = true;
	return SIAR_OK;
}

int catalog_bulk_end(struct catalog *cat, struct catalog_bulk *bulk, int rc,
		     struct siar_err *err)
{
	if (!bulk->active)
		return rc;
	bulk->active = false;
	return catalog_txn_end(cat, bulk->outer, rc, err);
}
