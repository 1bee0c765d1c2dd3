/*
 * Grouping many changes into one transaction, for imports and bulk loads:
 * every catalog_*() call between catalog_bulk_begin() and
 * catalog_bulk_end() runs as a savepoint inside it, so a thousand adds
 * cost one commit instead of a thousand.
 */
#include "catalog.h"

#include "catalog_int.h"

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
