/*
 * Following other offices' shows by their public feeds: the first fetch
 * imports the feed into a show of this catalogue and remembers where it
 * came from; each refresh asks again with the validators of the last
 * answer (If-None-Match, If-Modified-Since), so a feed that did not change
 * costs a 304 and nothing else, and a feed that did is imported again,
 * which adds and updates only what changed (feed_import).
 */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

/* The stored follow of 'slug', copied out of catalog_follow_each(). */
static int copy_follow(const struct catalog_follow *f, void *ctx,
		       struct siar_err *err)
{
	struct catalog_follow *out = ctx;

	out->show_slug = siar_strdup(f->show_slug);
	out->url = siar_strdup(f->url);
	out->etag = siar_strdup(f->etag);
	out->last_modified = siar_strdup(f->last_modified);
	out->followed_unix = f->followed_unix;
	out->checked_unix = f->checked_unix;
	out->changed_unix = f->changed_unix;
	if (!out->show_slug || !out->url || (f->etag && !out->etag) ||
	    (f->last_modified && !out->last_modified))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/* Keep the answer's validators in 'f' (taking them from 'res'). */
static void take_validators(struct catalog_follow *f,
			    struct feed_fetch_result *res)
{
	free(f->etag);
	free(f->last_modified);
	f->etag = res->etag;
	f->last_modified = res->last_modified;
	res->etag = NULL;
	res->last_modified = NULL;
}

/*
 * Record how a refresh ended; a failure is kept as the follow's last
 * error, and the failure itself is what the caller gets back.
 */
static int record(struct catalog *cat, const char *slug,
		  struct catalog_follow *f, int rc, const struct siar_err *why,
		  struct siar_err *err)
{
	struct siar_err rec = {0};

	f->checked_unix = catalog_now(cat);
	free(f->last_error);
	f->last_error = rc ? siar_strdup(why->msg) : NULL;
	if (catalog_follow_checked(cat, slug, f, &rec) && !rc)
		return siar_err_set(err, rec.code, "%s", rec.msg);
	return rc;
}

int feed_refresh(struct catalog *cat, const char *slug,
		 const struct feed_import_opts *opts, long timeout_s,
		 struct feed_refresh_result *out, struct siar_err *err)
{
	struct feed_import_opts io = *opts;
	struct feed_fetch_result res;
	struct catalog_follow f;
	struct siar_err why = {0};
	struct siar_buf body;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&res, 0, sizeof(res));
	catalog_follow_init(&f);
	rc = catalog_follow_each(cat, slug, copy_follow, &f, err);
	if (rc) {
		catalog_follow_release(&f);
		return rc;
	}
	siar_buf_init(&body, 0);
	rc = feed_fetch_conditional(f.url, io.max_bytes ? io.max_bytes
							 : FEED_IMPORT_MAX_BYTES,
				    timeout_s, f.etag, f.last_modified, &body,
				    &res, &why);
	if (!rc && res.not_modified) {
		out->not_modified = true;
	} else if (!rc) {
		io.show_slug = slug;
		rc = feed_import_memory(cat, f.url, body.buf ? body.buf : "",
					body.len, &io, &out->summary, &why);
		if (!rc && !io.dry_run) {
			take_validators(&f, &res);
			if (out->summary.added || out->summary.updated)
				f.changed_unix = catalog_now(cat);
		}
	}
	if (rc)
		siar_err_set(err, why.code, "%s", why.msg);
	if (!io.dry_run)
		rc = record(cat, slug, &f, rc, &why, err);
	feed_fetch_result_release(&res);
	siar_buf_release(&body);
	catalog_follow_release(&f);
	return rc;
}

int feed_follow(struct catalog *cat, const char *url,
		const struct feed_import_opts *opts, long timeout_s,
		struct feed_refresh_result *out, struct siar_err *err)
{
	struct feed_fetch_result res;
	struct catalog_follow f;
	struct catalog_bulk bulk;
	struct siar_buf body;
	int rc;

	memset(out, 0, sizeof(*out));
	catalog_follow_init(&f);
	siar_buf_init(&body, 0);
	rc = feed_fetch_conditional(url, opts->max_bytes ? opts->max_bytes
							 : FEED_IMPORT_MAX_BYTES,
				    timeout_s, NULL, NULL, &body, &res, err);
	if (rc) {
		siar_buf_release(&body);
		return rc;
	}
	/* The show, its episodes and the follow come in together or not. */
	rc = catalog_bulk_begin(cat, &bulk, err);
	if (!rc) {
		rc = feed_import_memory(cat, url, body.buf ? body.buf : "",
					body.len, opts, &out->summary, err);
		if (!rc)
			rc = catalog_follow_set(cat, opts->show_slug, url, err);
		if (!rc) {
			take_validators(&f, &res);
			f.checked_unix = f.changed_unix = catalog_now(cat);
			rc = catalog_follow_checked(cat, opts->show_slug, &f,
						    err);
		}
		rc = catalog_bulk_end(cat, &bulk, rc, err);
	}
	feed_fetch_result_release(&res);
	catalog_follow_release(&f);
	siar_buf_release(&body);
	return rc;
}
