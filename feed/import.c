/*
 * siar import, the part that stores: read the source (a file, or a URL
 * through fetch.c) within the size cap, have import_read.c read it, then
 * download new episodes' media when asked, and store the show, its
 * people and every item in one catalogue transaction, through catalog.h
 * only. A dry run does all of it and undoes the transaction, so it says
 * exactly what an import would do. What happened to each item is told
 * after the transaction ends, never before.
 */
#include "feed_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest media file --download takes: 8 GiB. */
#define IMPORT_MEDIA_MAX ((uint64_t)8 << 30)

struct importer {
	struct catalog *cat;
	const struct feed_import_opts *opts;
	struct import_feed feed;
	struct feed_import_summary sum;
	struct siar_err *err;
};

void feed_import_opts_init(struct feed_import_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
}

const char *feed_import_status_name(enum feed_import_status status)
{
	switch (status) {
	case FEED_IMPORT_ADDED:
		return "added";
	case FEED_IMPORT_UPDATED:
		return "updated";
	case FEED_IMPORT_UNCHANGED:
		return "unchanged";
	case FEED_IMPORT_SKIPPED:
		return "skipped";
	}
	return "unknown";
}

/* ---- The show ------------------------------------------------------------ */

/*
 * Where the show's files are served from: the folder the enclosures
 * share ("https://host/podcast" for ".../podcast/ep1.mp3" and
 * ".../podcast/ep2.mp3"), else the channel's link. NULL if neither gives
 * an http(s) URL with a host.
 */
static char *base_url(struct import_feed *f)
{
	const char *first = NULL, *url;
	size_t len = 0, i, j;

	for (i = 0; i < f->n_items; i++) {
		url = f->items[i].enclosure_url;
		if (!url || f->items[i].skip)
			continue;
		if (!first) {
			first = url;
			len = strlen(url);
			continue;
		}
		for (j = 0; j < len && url[j] == first[j]; j++)
			;
		len = j;
	}
	while (first && len > 0 && first[len - 1] != '/')
		len--;
	while (first && len > 0 && first[len - 1] == '/')
		len--;
	if (first && len) {
		char *base = strndup(first, len);

		if (base && catalog_path_remote(base))
			return base;
		free(base);
	}
	return f->show.link ? siar_strdup(f->show.link) : NULL;
}

/* Hosts of the show, from the channel's podcast:person. */
static int store_hosts(struct importer *im)
{
	const struct import_host *h;
	struct siar_err e = {0};
	size_t i;
	int rc;

	for (i = 0; i < im->feed.n_hosts; i++) {
		h = &im->feed.hosts[i];
		siar_err_clear(&e);
		rc = catalog_show_person_add(im->cat, im->opts->show_slug,
					     h->name, h->role, h->group, &e);
		if (rc == SIAR_EINVAL) {
			import_warn(&im->feed, "show host '%s': %s", h->name,
				    e.msg);
			continue;
		}
		if (rc)
			return siar_err_set(im->err, e.code, "%s", e.msg);
	}
	return SIAR_OK;
}

/* A new show from the channel; its feed GUID the feed's, else its URL's. */
static int create_show(struct importer *im, const char *source_url)
{
	struct catalog_show *s = &im->feed.show;
	const char *url = im->feed.self_url ? im->feed.self_url : source_url;
	int rc;

	s->slug = siar_strdup(im->opts->show_slug);
	if (!s->title)
		s->title = siar_strdup(im->opts->show_slug);
	if (!s->author)
		s->author = siar_strdup(s->title);
	s->base_url = base_url(&im->feed);
	s->feed_guid = im->feed.feed_guid ? siar_strdup(im->feed.feed_guid)
		       : url		  ? feed_podcast_guid(url)
					  : NULL;
	if (!s->slug || !s->title || !s->author)
		return siar_err_set(im->err, SIAR_ENOMEM, "out of memory");
	if (!s->base_url)
		return siar_err_set(im->err, SIAR_EINVAL,
				    "cannot import '%s': no http(s) URL to"
				    " serve show '%s' from (no enclosures in"
				    " one folder, no channel link); make the"
				    " show first with 'siar show add'",
				    im->feed.source, im->opts->show_slug);
	if (!s->language)
		import_warn(&im->feed, "the feed names no language: show '%s'"
				       " takes siar's default",
			    im->opts->show_slug);
	if (im->opts->media_dir)
		import_warn(&im->feed, "show '%s' publishes its downloaded"
				       " media at %s, the old host's folder:"
				       " set your own with 'siar show edit %s"
				       " --base-url URL'",
			    im->opts->show_slug, s->base_url,
			    im->opts->show_slug);
	rc = catalog_show_add(im->cat, s, NULL, im->err);
	im->sum.show_created = !rc;
	im->sum.feed_guid_set = !rc && im->feed.feed_guid;
	return rc;
}

/* Give 'slot' (empty) a copy of 'v', and name the field in 'filled'. */
static bool fill(char **slot, const char *v, const char *name,
		 struct siar_buf *filled)
{
	if (*slot || !v)
		return false;
	*slot = siar_strdup(v);
	if (!*slot)
		filled->failed = SIAR_ENOMEM;
	if (filled->len)
		siar_buf_adds(filled, ", ");
	siar_buf_adds(filled, name);
	return true;
}

/* The fields of 'cur' that are empty, from the feed. */
static void fill_fields(const struct catalog_show *from,
			struct catalog_show *cur, struct siar_buf *filled)
{
	fill(&cur->description, from->description, "description", filled);
	if (fill(&cur->category, from->category, "category", filled))
		cur->subcategory = siar_strdup(from->subcategory);
	if (!cur->image_path)
		fill(&cur->image, from->image, "image", filled);
	fill(&cur->owner_name, from->owner_name, "owner name", filled);
	fill(&cur->owner_email, from->owner_email, "owner email", filled);
	fill(&cur->link, from->link, "link", filled);
	fill(&cur->copyright, from->copyright, "copyright", filled);
}

/* An existing show: only what it lacks; the feed's GUID is canonical. */
static int fill_show(struct importer *im, struct catalog_show *cur)
{
	struct siar_buf filled;
	const char *guid = im->feed.feed_guid;
	int rc = SIAR_OK;

	siar_buf_init(&filled, sizeof(im->sum.show_filled) - 1);
	fill_fields(&im->feed.show, cur, &filled);
	if (filled.failed)
		rc = siar_err_set(im->err, SIAR_ENOMEM, "out of memory");
	else if (filled.len)
		rc = catalog_show_update(im->cat, im->opts->show_slug, cur,
					 im->err);
	if (!rc)
		memcpy(im->sum.show_filled, filled.buf, filled.len + 1);
	siar_buf_release(&filled);
	if (!rc && guid && (!cur->feed_guid || strcmp(cur->feed_guid, guid))) {
		rc = catalog_show_set_feed_guid(im->cat, im->opts->show_slug,
						guid, im->err);
		im->sum.feed_guid_set = !rc;
	}
	return rc;
}

static int store_show(struct importer *im, const char *source_url)
{
	struct catalog_show cur;
	struct siar_err e = {0};
	int rc;

	catalog_show_init(&cur);
	rc = catalog_show_get(im->cat, im->opts->show_slug, &cur, &e);
	if (rc == SIAR_ENOTFOUND)
		rc = create_show(im, source_url);
	else if (rc)
		rc = siar_err_set(im->err, e.code, "%s", e.msg);
	else
		rc = fill_show(im, &cur);
	catalog_show_release(&cur);
	if (!rc)
		rc = store_hosts(im);
	return rc;
}

/* ---- People's links and photos ------------------------------------------- */

/* Fill the empty link and photo of a person the feed names. */
static int store_person(struct importer *im, const struct import_person *p,
			struct siar_err *e)
{
	struct catalog_person cur;
	bool changed = false;
	int rc;

	catalog_person_init(&cur);
	rc = catalog_person_get(im->cat, p->name, &cur, e);
	if (rc == SIAR_ENOTFOUND) {
		struct catalog_person add = {0, (char *)p->name, NULL, NULL,
					     (char *)p->url, (char *)p->photo,
					     0};

		siar_err_clear(e);
		return catalog_person_add(im->cat, &add, NULL, e);
	}
	if (!rc && !cur.url && p->url) {
		cur.url = siar_strdup(p->url);
		changed = true;
	}
	if (!rc && !cur.photo && p->photo) {
		cur.photo = siar_strdup(p->photo);
		changed = true;
	}
	if (!rc && changed && ((p->url && !cur.url) || (p->photo && !cur.photo)))
		rc = siar_err_set(e, SIAR_ENOMEM, "out of memory");
	if (!rc && changed)
		rc = catalog_person_update(im->cat, p->name, &cur, e);
	catalog_person_release(&cur);
	return rc;
}

static int store_people(struct importer *im)
{
	struct siar_err e = {0};
	size_t i;
	int rc;

	for (i = 0; i < im->feed.n_people; i++) {
		siar_err_clear(&e);
		rc = store_person(im, &im->feed.people[i], &e);
		if (rc == SIAR_EINVAL || rc == SIAR_EEXIST) {
			import_warn(&im->feed, "person '%s': %s",
				    im->feed.people[i].name, e.msg);
			continue;
		}
		if (rc)
			return siar_err_set(im->err, e.code, "%s", e.msg);
	}
	return SIAR_OK;
}

/* ---- Items ----------------------------------------------------------------- */

static void skip_for(struct import_item *it, const struct siar_err *e)
{
	free(it->skip);
	it->skip = siar_strdup(e->msg);
}

/*
 * Import one item. A refusal of the item alone (a field the catalogue
 * will not take) skips it; a taken episode number is dropped instead,
 * with a warning, since the episode matters more than its number.
 */
static int store_item(struct importer *im, struct import_item *it)
{
	struct catalog_actor who = {im->opts->actor, im->feed.source};
	struct catalog_import_result res = {0, false, 0};
	struct siar_err e = {0};
	struct siar_buf label;
	int rc;

	rc = catalog_episode_import(im->cat, &it->ep, &who, &res, &e);
	if (rc == SIAR_EEXIST && it->ep.episode_number) {
		siar_buf_init(&label, 0);
		import_item_label(&label, it);
		import_warn(&im->feed, "%s: %s; imported without its number",
			    label.buf, e.msg);
		siar_buf_release(&label);
		it->ep.episode_number = 0;
		siar_err_clear(&e);
		rc = catalog_episode_import(im->cat, &it->ep, &who, &res, &e);
	}
	if (rc == SIAR_EINVAL || rc == SIAR_EEXIST) {
		skip_for(it, &e);
		return it->skip ? SIAR_OK
				: siar_err_set(im->err, SIAR_ENOMEM,
					       "out of memory");
	}
	if (rc)
		return siar_err_set(im->err, e.code, "%s", e.msg);
	it->id = im->opts->dry_run && res.added ? 0 : res.id;
	it->changed = res.changed;
	it->status = res.added	   ? FEED_IMPORT_ADDED
		     : res.changed ? FEED_IMPORT_UPDATED
				   : FEED_IMPORT_UNCHANGED;
	return SIAR_OK;
}

/* Oldest first, so episode IDs follow the dates; ties in feed order. */
static int by_date(const void *a, const void *b)
{
	const struct import_item *x = *(const struct import_item *const *)a;
	const struct import_item *y = *(const struct import_item *const *)b;

	if (x->ep.published_unix != y->ep.published_unix)
		return x->ep.published_unix < y->ep.published_unix ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static int store_items(struct importer *im)
{
	struct import_item **order;
	size_t i, n = 0;
	int rc = SIAR_OK;

	order = calloc(im->feed.n_items ? im->feed.n_items : 1,
		       sizeof(*order));
	if (!order)
		return siar_err_set(im->err, SIAR_ENOMEM, "out of memory");
	for (i = 0; i < im->feed.n_items; i++)
		if (!im->feed.items[i].skip)
			order[n++] = &im->feed.items[i];
	qsort(order, n, sizeof(*order), by_date);
	for (i = 0; i < n && !rc; i++)
		rc = store_item(im, order[i]);
	free(order);
	return rc;
}

/*
 * Everything in one transaction. A dry run undoes it at the end, having
 * learnt what each item would become.
 */
static int store_all(struct importer *im, const char *source_url)
{
	struct catalog_bulk bulk;
	struct siar_err undo = {0};
	int rc;

	rc = catalog_bulk_begin(im->cat, &bulk, im->err);
	if (rc)
		return rc;
	rc = store_show(im, source_url);
	if (!rc)
		rc = store_people(im);
	if (!rc)
		rc = store_items(im);
	if (rc || !im->opts->dry_run)
		return catalog_bulk_end(im->cat, &bulk, rc, im->err);
	catalog_bulk_end(im->cat, &bulk, SIAR_EINVAL, &undo);
	return SIAR_OK;
}

/* ---- Downloads ----------------------------------------------------------------- */

/* Bytes a downloaded file's name keeps from its URL; others become '_'. */
static bool name_byte(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/* The file name of 'url' made safe: "ep 1.mp3" -> "ep_1.mp3". */
static void safe_name(struct siar_buf *b, const char *url)
{
	size_t end = strcspn(url, "?#"), start = end, i;

	while (start > 0 && url[start - 1] != '/')
		start--;
	if (start == end || url[start] == '.')
		siar_buf_adds(b, "media");
	for (i = start; i < end && i - start < 120; i++)
		siar_buf_addc(b, name_byte(url[i]) ? url[i] : '_');
}

/*
 * Create a new file in 'dir' named after 'url' (with "-2", "-3" ...
 * before the extension when the name is taken) and open it for writing.
 */
/*
 * Create 'path' (DIR/NAME, or DIR/NAME-N.EXT for the N-th try) for
 * writing, failing when it exists. Returns a descriptor or -1 (errno).
 */
static int create_try(struct siar_buf *path, const char *dir,
		      const struct siar_buf *name, int n)
{
	const char *dot = strrchr(name->buf, '.');

	path->len = 0;
	siar_buf_addf(path, "%s/", dir);
	siar_buf_add(path, name->buf,
		     dot ? (size_t)(dot - name->buf) : name->len);
	if (n > 1)
		siar_buf_addf(path, "-%d", n);
	siar_buf_adds(path, dot ? dot : "");
	if (path->failed) {
		errno = ENOMEM;
		return -1;
	}
	return open(path->buf, O_WRONLY | O_CREAT | O_EXCL, 0644);
}

/*
 * Create a new file in 'dir' named after 'url' ("-2", "-3" ... before the
 * extension when the name is taken) and open it for writing.
 */
static int create_file(const char *dir, const char *url, char **path,
		       FILE **fp, struct siar_err *err)
{
	struct siar_buf name, b;
	int n, fd = -1, rc = SIAR_OK;

	siar_buf_init(&name, 0);
	siar_buf_init(&b, 0);
	safe_name(&name, url);
	for (n = 1; n < 1000 && fd < 0; n++) {
		fd = create_try(&b, dir, &name, n);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	*fp = fd >= 0 ? fdopen(fd, "wb") : NULL;
	if (!*fp)
		rc = siar_err_set(err, errno == ENOMEM ? SIAR_ENOMEM : SIAR_EIO,
				  "cannot create a file for '%s' in '%s': %s",
				  url, dir, strerror(errno));
	if (!*fp && fd >= 0)
		close(fd);
	if (!rc) {
		*path = siar_buf_detach(&b);
		if (!*path) {
			fclose(*fp);
			rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		}
	}
	siar_buf_release(&name);
	siar_buf_release(&b);
	return rc;
}

/* Download the enclosure of 'it' and measure it; the episode's media. */
static int download(struct importer *im, struct import_item *it,
		    struct siar_err *e)
{
	FILE *fp = NULL;
	char *path = NULL;
	int rc;

	rc = create_file(im->opts->media_dir, it->ep.media_path, &path, &fp,
			 e);
	if (rc)
		return rc;
	rc = feed_fetch_file(it->ep.media_path, IMPORT_MEDIA_MAX, fp, e);
	if (fclose(fp) && !rc)
		rc = siar_err_set(e, SIAR_EIO, "cannot save '%s': %s", path,
				  strerror(errno));
	if (!rc)
		rc = im->opts->probe(path, &it->ep, im->opts->probe_ctx, e);
	if (rc) {
		unlink(path);
		free(path);
		return rc;
	}
	it->download = path;
	free(it->ep.media_path);
	it->ep.media_path = siar_strdup(path);
	return it->ep.media_path ? SIAR_OK
				 : siar_err_set(e, SIAR_ENOMEM,
						"out of memory");
}

/*
 * Before the transaction (a download may take minutes, and other siar
 * processes must not wait for it): fetch the media of each item whose
 * GUID the show does not have yet. An item whose media cannot be fetched
 * or measured is skipped.
 */
static int download_new(struct importer *im)
{
	struct import_item *it;
	struct siar_err e = {0};
	int64_t id;
	size_t i;
	int rc;

	for (i = 0; i < im->feed.n_items; i++) {
		it = &im->feed.items[i];
		if (it->skip)
			continue;
		siar_err_clear(&e);
		rc = catalog_episode_find_guid(im->cat, im->opts->show_slug,
					       it->ep.guid, &id, &e);
		if (!rc)
			continue;
		if (rc != SIAR_ENOTFOUND)
			return siar_err_set(im->err, e.code, "%s", e.msg);
		siar_err_clear(&e);
		rc = download(im, it, &e);
		if (rc == SIAR_ENOMEM)
			return siar_err_set(im->err, rc, "out of memory");
		if (rc)
			skip_for(it, &e);
	}
	return SIAR_OK;
}

/* On failure, the files downloaded for the import go again. */
static void remove_downloads(struct importer *im)
{
	size_t i;

	for (i = 0; i < im->feed.n_items; i++)
		if (im->feed.items[i].download)
			unlink(im->feed.items[i].download);
}

/* ---- Telling what happened -------------------------------------------------- */

static int report(struct importer *im)
{
	const struct import_item *it;
	struct feed_import_item out;
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; i < im->feed.n_items && !rc; i++) {
		it = &im->feed.items[i];
		out.index = it->index;
		out.status = it->skip ? FEED_IMPORT_SKIPPED : it->status;
		out.id = it->skip ? 0 : it->id;
		out.guid = it->ep.guid;
		out.title = it->ep.title ? it->ep.title : "";
		out.changed = it->changed;
		out.reason = it->skip;
		im->sum.added += out.status == FEED_IMPORT_ADDED;
		im->sum.updated += out.status == FEED_IMPORT_UPDATED;
		im->sum.unchanged += out.status == FEED_IMPORT_UNCHANGED;
		im->sum.skipped += out.status == FEED_IMPORT_SKIPPED;
		if (im->opts->on_item)
			rc = im->opts->on_item(&out, im->opts->ctx, im->err);
	}
	return rc;
}

/* ---- Entry points ------------------------------------------------------------ */

static int run(struct importer *im, const char *data, size_t len,
	       const char *source_url)
{
	int rc;

	rc = import_read(&im->feed, data, len);
	if (!rc && im->opts->media_dir && !im->opts->dry_run)
		rc = download_new(im);
	if (!rc)
		rc = store_all(im, source_url);
	if (!rc)
		rc = report(im);
	if (rc)
		remove_downloads(im);
	return rc;
}

static int check_opts(const struct feed_import_opts *opts,
		      struct siar_err *err)
{
	if (!opts || !opts->show_slug || !*opts->show_slug)
		return siar_err_set(err, SIAR_EINVAL, "no show to import into");
	if (!opts->actor || !*opts->actor)
		return siar_err_set(err, SIAR_EINVAL,
				    "no name for the log: say who imports");
	if (opts->media_dir && !opts->probe)
		return siar_err_set(err, SIAR_EINVAL,
				    "downloads need a way to measure media");
	return SIAR_OK;
}

static int import_bytes(struct catalog *cat, const char *name,
			const char *data, size_t len, const char *source_url,
			const struct feed_import_opts *opts,
			struct feed_import_summary *out, struct siar_err *err)
{
	struct importer im;
	int rc;

	memset(&im, 0, sizeof(im));
	im.cat = cat;
	im.opts = opts;
	im.err = err;
	import_feed_init(&im.feed, opts, name, err);
	rc = run(&im, data, len, source_url);
	if (!rc && out)
		*out = im.sum;
	import_feed_release(&im.feed);
	return rc;
}

int feed_import_memory(struct catalog *cat, const char *name,
		       const char *data, size_t len,
		       const struct feed_import_opts *opts,
		       struct feed_import_summary *out, struct siar_err *err)
{
	int rc = check_opts(opts, err);
	size_t max = opts && opts->max_bytes ? opts->max_bytes
					     : FEED_IMPORT_MAX_BYTES;

	if (!rc && len > max)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "cannot import '%s': larger than %zu bytes",
				  name, max);
	if (rc)
		return rc;
	return import_bytes(cat, name, data, len, NULL, opts, out, err);
}

/*
 * Open 'path' for reading if it is a regular file. O_NONBLOCK keeps a FIFO
 * from hanging the open; it does not matter for a regular file.
 */
static FILE *open_source(const char *path, struct siar_err *err)
{
	struct stat sb;
	FILE *fp = NULL;
	int fd = open(path, O_RDONLY | O_NONBLOCK);

	if (fd < 0) {
		siar_err_set(err, errno == ENOENT ? SIAR_ENOTFOUND : SIAR_EIO,
			     "cannot read '%s': %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) || !S_ISREG(sb.st_mode))
		siar_err_set(err, SIAR_EIO,
			     "cannot read '%s': not a regular file", path);
	else if (!(fp = fdopen(fd, "rb")))
		siar_err_set(err, SIAR_EIO, "cannot read '%s': %s", path,
			     strerror(errno));
	if (!fp)
		close(fd);
	return fp;
}

/* Read the file 'path', refusing more than 'max' bytes. */
static int read_source(const char *path, size_t max, struct siar_buf *b,
		       struct siar_err *err)
{
	struct stat sb;
	char chunk[65536];
	size_t n;
	FILE *fp = open_source(path, err);
	int rc = SIAR_OK;

	if (!fp)
		return err->code;
	if (fstat(fileno(fp), &sb))
		rc = siar_err_set(err, SIAR_EIO, "cannot read '%s': %s", path,
				  strerror(errno));
	else if ((uint64_t)sb.st_size > max)
		rc = siar_err_set(err, SIAR_EINVAL,
				  "cannot import '%s': larger than %zu MiB",
				  path, max >> 20);
	/* The file may grow while it is read: the cap holds all the same. */
	while (!rc) {
		n = fread(chunk, 1, sizeof(chunk), fp);
		if (!n)
			break;
		if (n > max - b->len)
			rc = siar_err_set(err, SIAR_EINVAL,
					  "cannot import '%s': larger than"
					  " %zu MiB",
					  path, max >> 20);
		siar_buf_add(b, chunk, n);
		if (!rc)
			rc = siar_buf_check(b, err);
	}
	if (!rc && ferror(fp))
		rc = siar_err_set(err, SIAR_EIO, "cannot read '%s': %s", path,
				  strerror(errno));
	fclose(fp);
	return rc;
}

/* True if 's' starts with a URL scheme and "://" ("ftp://", "file://"). */
static bool has_scheme(const char *s)
{
	size_t i = 0;

	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return false;
	while ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
	       (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' ||
	       s[i] == '.')
		i++;
	return !strncmp(s + i, "://", 3);
}

int feed_import(struct catalog *cat, const char *source,
		const struct feed_import_opts *opts,
		struct feed_import_summary *out, struct siar_err *err)
{
	bool url = !strncasecmp(source, "http://", 7) ||
		   !strncasecmp(source, "https://", 8);
	struct siar_buf b;
	size_t max;
	int rc;

	rc = check_opts(opts, err);
	if (!rc && !url && has_scheme(source))
		rc = siar_err_set(err, SIAR_EINVAL,
				  "cannot import '%s': only http:// and"
				  " https:// URLs are fetched",
				  source);
	if (rc)
		return rc;
	max = opts->max_bytes ? opts->max_bytes : FEED_IMPORT_MAX_BYTES;
	siar_buf_init(&b, max + 1);
	rc = url ? feed_fetch(source, max, &b, err)
		 : read_source(source, max, &b, err);
	if (!rc)
		rc = import_bytes(cat, source, b.buf, b.len, url ? source : NULL,
				  opts, out, err);
	siar_buf_release(&b);
	return rc;
}
