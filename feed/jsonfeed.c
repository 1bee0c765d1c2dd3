/*
 * The JSON Feed 1.1 writer (feed-spec §7): the same show and episodes as
 * the RSS of feed.c, built with jansson. Whatever the two feeds share is
 * taken from the same place (the GUID, the size, feed_duration_seconds(),
 * feed_file_url()), so a reader of either sees the same episodes.
 *
 * The whole document is built in memory before it is written: the site
 * builder holds one show at a time, and a feed of 10,000 episodes is a
 * few megabytes.
 */
#include "feed.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define JSONFEED_VERSION "https://jsonfeed.org/version/1.1"
#define PODCAST_NS	 "https://podcastindex.org/namespace/1.0"

/* One feed being built; like siar_buf, it keeps its first failure. */
struct jf {
	const struct catalog_show *show;
	const char *base; /* the show's folder URL, without a final slash */
	size_t base_len;
	json_t *items;
	struct siar_err *err;
	int rc;
};

static void jf_nomem(struct jf *jf)
{
	if (!jf->rc)
		jf->rc = siar_err_set(jf->err, SIAR_ENOMEM, "out of memory");
}

/* Set 'key' of 'o' to 'v' (taking it); NULL 'v' is out of memory. */
static void jset(struct jf *jf, json_t *o, const char *key, json_t *v)
{
	if (jf->rc) {
		json_decref(v);
		return;
	}
	if (!v || json_object_set_new(o, key, v))
		jf_nomem(jf);
}

/* 's' as a JSON string of valid UTF-8 without controls; NULL: not set. */
static void jset_text(struct jf *jf, json_t *o, const char *key, const char *s)
{
	char *clean;

	if (!s || jf->rc)
		return;
	clean = siar_utf8_dup(s, true);
	jset(jf, o, key, clean ? json_string(clean) : NULL);
	free(clean);
}

/* Take 'url' (malloc'ed, NULL when memory ran out) as 'key' of 'o'. */
static void jset_url(struct jf *jf, json_t *o, const char *key, char *url)
{
	if (!url)
		jf_nomem(jf);
	else
		jset_text(jf, o, key, url);
	free(url);
}

static void jappend(struct jf *jf, json_t *array, json_t *v)
{
	if (jf->rc) {
		json_decref(v);
		return;
	}
	if (!v || json_array_append_new(array, v))
		jf_nomem(jf);
}

/* BASE/NAME, NAME taken; NULL when memory runs out. */
static char *base_join(const struct jf *jf, char *name)
{
	struct siar_buf b;
	char *url;

	if (!name)
		return NULL;
	siar_buf_init(&b, 0);
	siar_buf_add(&b, jf->base, jf->base_len);
	siar_buf_addc(&b, '/');
	siar_buf_adds(&b, name);
	free(name);
	url = siar_buf_detach(&b);
	siar_buf_release(&b);
	return url;
}

static void jset_date(struct jf *jf, json_t *o, const char *key, int64_t unix_s)
{
	struct siar_buf b;

	if (jf->rc)
		return;
	siar_buf_init(&b, 0);
	if (siar_time_rfc3339(&b, unix_s, jf->show->timezone, jf->err))
		jf->rc = jf->err->code;
	else if (siar_buf_check(&b, jf->err))
		jf->rc = jf->err->code;
	else
		jset_text(jf, o, key, b.buf);
	siar_buf_release(&b);
}

/* One attachment: a file of the episode. */
static json_t *attachment(struct jf *jf, const char *path, const char *mime,
			  int64_t size_bytes, int64_t duration_ms,
			  const char *title)
{
	json_t *a = json_object();

	if (!a) {
		jf_nomem(jf);
		return NULL;
	}
	jset_url(jf, a, "url", feed_file_url(jf->show, path));
	jset_text(jf, a, "mime_type", mime);
	jset_text(jf, a, "title", title);
	/* As the enclosure's length: 0 when unknown, never negative. */
	jset(jf, a, "size_in_bytes",
	     json_integer(size_bytes > 0 ? size_bytes : 0));
	if (duration_ms > 0)
		jset(jf, a, "duration_in_seconds",
		     json_integer(feed_duration_seconds(duration_ms)));
	return a;
}

static void item_attachments(struct jf *jf, json_t *item,
			     const struct catalog_episode *ep)
{
	const struct catalog_rendition *r;
	json_t *list = json_array();
	size_t i;

	jset(jf, item, "attachments", list);
	if (jf->rc)
		return;
	jappend(jf, list,
		attachment(jf, ep->media_path, ep->media_mime,
			   ep->media_size_bytes, ep->duration_ms, NULL));
	for (i = 0; i < ep->n_renditions; i++) {
		r = &ep->renditions[i];
		jappend(jf, list,
			attachment(jf, r->path, r->mime, r->size_bytes,
				   r->duration_ms, r->title));
	}
}

static json_t *person(struct jf *jf, const char *name, const char *role,
		      const char *group)
{
	json_t *p = json_object();

	if (!p) {
		jf_nomem(jf);
		return NULL;
	}
	jset_text(jf, p, "name", name);
	jset_text(jf, p, "role", role);
	jset_text(jf, p, "group", group);
	return p;
}

static void podcast_people(struct jf *jf, json_t *ext,
			   const struct catalog_episode *ep)
{
	json_t *list;
	size_t i;

	if (!ep->n_guests && !ep->n_credits)
		return;
	list = json_array();
	jset(jf, ext, "persons", list);
	for (i = 0; !jf->rc && i < ep->n_guests; i++)
		jappend(jf, list, person(jf, ep->guests[i], "guest", "cast"));
	for (i = 0; !jf->rc && i < ep->n_credits; i++)
		jappend(jf, list,
			person(jf, ep->credits[i].name, ep->credits[i].role,
			       ep->credits[i].group));
}

static void podcast_transcripts(struct jf *jf, json_t *ext,
				const struct catalog_episode *ep)
{
	const struct catalog_transcript *t;
	json_t *list, *o;
	size_t i;

	if (!ep->n_transcripts)
		return;
	list = json_array();
	jset(jf, ext, "transcripts", list);
	for (i = 0; !jf->rc && i < ep->n_transcripts; i++) {
		t = &ep->transcripts[i];
		o = json_object();
		jappend(jf, list, o);
		if (jf->rc)
			return;
		jset_url(jf, o, "url", feed_file_url(jf->show, t->path));
		jset_text(jf, o, "type", t->mime);
		jset_text(jf, o, "language",
			  t->language ? t->language : jf->show->language);
	}
}

/* What RSS says in itunes: and podcast: tags that JSON Feed lacks. */
static void item_extension(struct jf *jf, json_t *item,
			   const struct catalog_episode *ep)
{
	json_t *ext = json_object();
	char *url;

	jset(jf, item, "_podcast", ext);
	if (jf->rc)
		return;
	jset_text(jf, ext, "about", PODCAST_NS);
	jset_text(jf, ext, "episode_type",
		  ep->episode_type ? ep->episode_type : "full");
	if (ep->season > 0)
		jset(jf, ext, "season", json_integer(ep->season));
	if (ep->episode_number > 0)
		jset(jf, ext, "episode", json_integer(ep->episode_number));
	jset(jf, ext, "explicit",
	     json_boolean(jf->show->explicit || ep->explicit));
	if (ep->n_chapters && !jf->rc) {
		url = feed_chapters_url(jf->show, ep, jf->err);
		if (url)
			jset_url(jf, ext, "chapters", url);
		else
			jf->rc = jf->err->code;
	}
	podcast_people(jf, ext, ep);
	podcast_transcripts(jf, ext, ep);
}

static void item_tags(struct jf *jf, json_t *item,
		      const struct catalog_episode *ep)
{
	json_t *tags;
	char *clean;
	size_t i;

	if (!ep->n_topics)
		return;
	tags = json_array();
	jset(jf, item, "tags", tags);
	for (i = 0; !jf->rc && i < ep->n_topics; i++) {
		clean = siar_utf8_dup(ep->topics[i], true);
		jappend(jf, tags, clean ? json_string(clean) : NULL);
		free(clean);
	}
}

/*
 * content_html and content_text (JSON Feed §7.6) as the RSS has them: the
 * sanitised HTML of content:encoded and the plain text, from one pass of
 * feed_html_sanitize(); the title when there is no description, and the
 * escaped text when the sanitiser refuses a description.
 */
static void item_content(struct jf *jf, json_t *item,
			 const struct catalog_episode *ep)
{
	struct siar_err ignored = {0};
	struct siar_buf html, plain;
	const char *desc = ep->description;
	size_t len = desc ? strlen(desc) : 0;

	siar_buf_init(&html, 0);
	siar_buf_init(&plain, 0);
	if (len && !feed_html_sanitize(desc, len, &html, &plain, &ignored) &&
	    html.len) {
		jset_text(jf, item, "content_html", html.buf);
		jset_text(jf, item, "content_text", plain.buf);
	} else {
		jset_text(jf, item, "content_text", len ? desc : ep->title);
	}
	siar_buf_release(&html);
	siar_buf_release(&plain);
}

/* A catalog_episode_fn: one item. */
static int add_item(const struct catalog_episode *ep, void *ctx,
		    struct siar_err *err)
{
	struct jf *jf = ctx;
	json_t *item = json_object();
	const char *image;

	(void)err; /* the same as jf->err */
	jappend(jf, jf->items, item);
	if (jf->rc)
		return jf->rc;
	/* The RSS guid, so an app that reads both sees one episode. */
	jset_text(jf, item, "id", ep->guid);
	jset_url(jf, item, "url", base_join(jf, feed_episode_page_name(ep)));
	jset_text(jf, item, "title", ep->title);
	item_content(jf, item, ep);
	image = ep->image_path ? ep->image_path : ep->poster_path;
	if (image)
		jset_url(jf, item, "image", feed_file_url(jf->show, image));
	jset_date(jf, item, "date_published", ep->published_unix);
	if (ep->updated_unix > ep->published_unix)
		jset_date(jf, item, "date_modified", ep->updated_unix);
	item_tags(jf, item, ep);
	item_attachments(jf, item, ep);
	item_extension(jf, item, ep);
	return jf->rc;
}

/* The feed's own fields, before its items. */
static json_t *feed_head(struct jf *jf, int64_t last_change)
{
	const struct catalog_show *show = jf->show;
	json_t *doc = json_object();
	json_t *authors, *author, *ext;

	if (!doc) {
		jf_nomem(jf);
		return NULL;
	}
	jset_text(jf, doc, "version", JSONFEED_VERSION);
	jset_text(jf, doc, "title", show->title);
	jset_url(jf, doc, "home_page_url",
		 show->link ? siar_strdup(show->link)
			    : base_join(jf, siar_strdup("")));
	jset_url(jf, doc, "feed_url", base_join(jf, siar_strdup("feed.json")));
	jset_text(jf, doc, "description", show->description);
	if (show->image || show->image_path)
		jset_url(jf, doc, "icon", feed_show_image_url(show));
	jset_text(jf, doc, "language", show->language);
	authors = json_array();
	author = json_object();
	jset(jf, doc, "authors", authors);
	jappend(jf, authors, author);
	if (!jf->rc) {
		jset_text(jf, author, "name", show->author);
		jset_text(jf, author, "url", show->link);
	}
	ext = json_object();
	jset(jf, doc, "_podcast", ext);
	if (!jf->rc) {
		jset_text(jf, ext, "about", PODCAST_NS);
		jset_url(jf, ext, "rss",
			 base_join(jf, siar_strdup("feed.xml")));
		jset_text(jf, ext, "guid", show->feed_guid);
		jset_text(jf, ext, "medium",
			  show->medium ? show->medium : "podcast");
		jset_text(jf, ext, "category", show->category);
		jset(jf, ext, "explicit", json_boolean(show->explicit));
		jset_date(jf, ext, "last_change", last_change);
	}
	jf->items = json_array();
	jset(jf, doc, "items", jf->items);
	if (jf->rc) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

static int write_doc(json_t *doc, FILE *out, struct siar_err *err)
{
	char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	size_t len;
	int rc = SIAR_OK;

	if (!text)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	len = strlen(text);
	errno = 0;
	if (fwrite(text, 1, len, out) != len || fputc('\n', out) == EOF ||
	    fflush(out))
		rc = siar_err_set(err, SIAR_EIO, "cannot write JSON feed: %s",
				  strerror(errno ? errno : EIO));
	free(text);
	return rc;
}

/* The show 'slug' served from opts->base_url when given. */
static int load_show(struct catalog *cat, const char *slug,
		     const struct feed_opts *opts, struct catalog_show *show,
		     struct siar_err *err)
{
	char *url;

	if (catalog_show_get(cat, slug, show, err))
		return err->code;
	if (!opts || !opts->base_url)
		return SIAR_OK;
	url = siar_strdup(opts->base_url);
	if (!url)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	free(show->base_url);
	show->base_url = url;
	return SIAR_OK;
}

int feed_write_json(struct catalog *cat, const char *slug,
		    const struct feed_opts *opts, FILE *out,
		    struct siar_err *err)
{
	struct catalog_filter filter = {0};
	struct catalog_show show;
	struct jf jf = {0};
	int64_t last_change = 0;
	json_t *doc = NULL;
	int rc;

	catalog_show_init(&show);
	jf.show = &show;
	jf.err = err;
	filter.show_slug = slug;
	filter.live_only = true;
	if (opts) {
		filter.topic = opts->topic;
		filter.person = opts->person;
		filter.limit = opts->limit;
	}
	rc = load_show(cat, slug, opts, &show, err);
	if (!rc)
		rc = catalog_show_last_change(cat, slug, &last_change, err);
	if (!rc)
		rc = siar_tz_hold(show.timezone, err);
	if (rc)
		goto out;
	jf.base = show.base_url;
	jf.base_len = strlen(show.base_url);
	while (jf.base_len > 0 && jf.base[jf.base_len - 1] == '/')
		jf.base_len--;
	doc = feed_head(&jf, last_change);
	rc = jf.rc;
	if (!rc)
		rc = catalog_episode_each(cat, &filter, add_item, &jf, err);
	if (!rc)
		rc = write_doc(doc, out, err);
out:
	siar_tz_release();
	json_decref(doc);
	catalog_show_release(&show);
	return rc;
}

char *feed_episode_page_name(const struct catalog_episode *ep)
{
	struct siar_buf b;
	char *name;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "episode-%" PRId64 ".html", ep->id);
	name = siar_buf_detach(&b);
	siar_buf_release(&b);
	return name;
}
