/*
 * The static site builder (feed_build_site): every show's feeds, pages and
 * files, and the pages that span shows (home, topics, people), written
 * into OUTDIR.new and swapped in whole.
 *
 * Pages come from the templates of feed/templates/ (template.c renders
 * them, escaping every value); this file decides what goes in them. Each
 * show's live episodes are read once, from a catalogue cursor: each one's
 * page is written as it comes, and a small "card" of it is kept for the
 * lists (the show's pages, topics, people, home, embed). Text helpers are
 * in site_text.c and the file-system work in site_fs.c.
 */
#include "feed.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed_int.h"
#include "xmllib.h"

#define SITE_PAGE_SIZE	    20	   /* episodes per list page */
#define SITE_EMBED_SIZE	    10	   /* episodes in embed/SLUG.html */
#define SITE_HOME_LATEST    6	   /* latest episodes on the home page */
#define SITE_SUMMARY_MAX    220	   /* bytes of a card's summary */
#define SITE_TRANSCRIPT_MAX 524288 /* bytes of a transcript shown inline */
#define SITE_MARKER	    ".siar-site"

struct site_person {
	char *name;
	char *slug;
	char *about; /* "Position, Organisation", or NULL */
	char *organisation;
	char *url;
	char *photo;
	int64_t id;
	size_t n_live;
};

struct site_topic {
	char *name;
	char *slug;
	size_t n_live;
};

/* What the lists show of an episode. */
struct site_card {
	size_t show; /* index in site.shows */
	int64_t id;
	char *title;
	char *page;    /* file name in the show's folder */
	char *summary; /* or NULL */
	char *src;     /* media: name in the show's folder, or a URL */
	bool src_remote;
	char *mime;
	bool video;
	char *poster; /* name in the show's folder, or NULL */
	int64_t published_unix;
	int64_t duration_ms;
	int season, number;
	char *episode_type;
	char **people; /* guests, then other credits */
	size_t n_people, n_guests;
	char **topics;
	size_t n_topics;
};

struct site_show {
	struct catalog_show show; /* base_url: the folder's public URL */
	enum feed_lang lang;
	size_t first_card, n_cards; /* newest first */
};

/* A file published in a show's folder, and where it comes from. */
struct site_file {
	char *name;
	const char *path; /* borrowed from the episode, copied in 'pool' */
};

struct site {
	struct catalog *cat;
	const struct feed_site_opts *opts;
	struct feed_tpls *tpls;
	char *outdir, *newdir;
	enum feed_lang lang;
	char *site_title; /* the offices' common name, or NULL */
	struct site_show *shows;
	size_t n_shows, cap_shows;
	struct site_topic *topics;
	size_t n_topics, cap_topics;
	struct site_person *people;
	size_t n_people, cap_people;
	struct site_card *cards;
	size_t n_cards, cap_cards;
	size_t *order; /* card indices, newest first over every show */
	struct site_file *files;
	size_t n_files, cap_files;
	struct siar_paths pool; /* owns the paths of 'files' */
	struct siar_paths written;
	struct feed_site_stats stats;
	size_t cur; /* the show being built */
	struct siar_err *err;
};

void feed_site_opts_init(struct feed_site_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
}

static int nomem(struct site *s)
{
	return siar_err_set(s->err, SIAR_ENOMEM, "out of memory");
}

static bool is_remote(const char *path)
{
	return !strncmp(path, "http://", 7) || !strncmp(path, "https://", 8);
}

/*
 * The name a file is published under, percent-encoded for a link from a
 * page in the same folder: feed_file_url() of a show whose URL is empty,
 * less the leading slash, so the pages and the feeds always agree.
 */
static char *file_href(const char *path)
{
	struct catalog_show bare;
	char *url, *name;

	memset(&bare, 0, sizeof(bare));
	bare.base_url = (char *)"";
	url = feed_file_url(&bare, path);
	if (!url)
		return NULL;
	name = siar_strdup(url + 1);
	free(url);
	return name;
}

/* The file's base name as it is stored on disk (bytes, not encoded). */
static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* ---- Writing files ------------------------------------------------------ */

/* NEWDIR/REL in 'b'. */
static int new_path(struct site *s, struct siar_buf *b, const char *rel)
{
	siar_buf_init(b, 0);
	siar_buf_adds(b, s->newdir);
	siar_buf_addc(b, '/');
	siar_buf_adds(b, rel);
	return siar_buf_check(b, s->err);
}

/* Note that REL belongs to this build, so pruning keeps it. */
static int keep(struct site *s, const char *rel)
{
	s->stats.n_files++;
	return siar_paths_add(&s->written, rel, s->err);
}

/*
 * Write REL in the new folder unless it already holds exactly 'data'.
 * No fsync per file: nobody reads OUTDIR.new, and feed_fs_swap() syncs
 * it whole before it goes live.
 */
static int emit(struct site *s, const char *rel, const char *data, size_t len)
{
	struct siar_buf path;
	bool changed = false;
	int rc;

	rc = new_path(s, &path, rel);
	if (!rc)
		rc = siar_write_if_changed_flags(
		    path.buf, data, len, SIAR_WRITE_NO_SYNC, &changed, s->err);
	siar_buf_release(&path);
	if (rc)
		return rc;
	s->stats.n_written += changed;
	return keep(s, rel);
}

/* Render template 'tpl' with 'd' (which this frees) into REL. */
static int emit_page(struct site *s, const char *tpl, struct feed_tpl_data *d,
		     const char *rel)
{
	struct siar_buf out;
	int rc;

	siar_buf_init(&out, 0);
	rc = d ? feed_tpl_render(s->tpls, tpl, d, &out, s->err) : nomem(s);
	if (!rc)
		rc = emit(s, rel, out.buf, out.len);
	siar_buf_release(&out);
	feed_tpl_data_free(d);
	return rc;
}

/* Write what a FILE-writing function puts out into REL. */
static int emit_stream(struct site *s, const char *rel,
		       int (*write)(struct site *s, FILE *fp))
{
	char *data = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	fp = open_memstream(&data, &len);
	if (!fp)
		return nomem(s);
	rc = write(s, fp);
	if (fclose(fp) && !rc)
		rc = nomem(s);
	if (!rc)
		rc = emit(s, rel, data, len);
	free(data);
	return rc;
}

/* ---- Catalogue ---------------------------------------------------------- */

static int collect_slug(const struct catalog_show *show, void *ctx,
			struct siar_err *err)
{
	return siar_paths_add(ctx, show->slug, err);
}

/* The show's folder URL: BASE_URL/SLUG, or its own base URL. */
static int show_folder_url(struct site *s, struct catalog_show *show)
{
	struct siar_buf b;
	const char *base =
	    s->opts->base_url ? s->opts->base_url : show->base_url;
	size_t len = strlen(base);

	while (len > 0 && base[len - 1] == '/')
		len--;
	siar_buf_init(&b, 0);
	siar_buf_add(&b, base, len);
	if (s->opts->base_url) {
		siar_buf_addc(&b, '/');
		siar_buf_adds(&b, show->slug);
	}
	if (siar_buf_check(&b, s->err)) {
		siar_buf_release(&b);
		return s->err->code;
	}
	free(show->base_url);
	show->base_url = siar_buf_detach(&b);
	siar_buf_release(&b);
	return show->base_url ? SIAR_OK : nomem(s);
}

static int load_shows(struct site *s)
{
	struct siar_paths slugs;
	struct site_show *sh;
	size_t i;
	int rc;

	siar_paths_init(&slugs);
	rc = catalog_show_each(s->cat, collect_slug, &slugs, s->err);
	for (i = 0; !rc && i < slugs.n; i++) {
		if (!siar_grow((void **)&s->shows, &s->cap_shows, s->n_shows,
			       sizeof(*s->shows))) {
			rc = nomem(s);
			break;
		}
		sh = &s->shows[s->n_shows++];
		memset(sh, 0, sizeof(*sh));
		catalog_show_init(&sh->show);
		rc =
		    catalog_show_get(s->cat, slugs.items[i], &sh->show, s->err);
		if (!rc)
			rc = show_folder_url(s, &sh->show);
		if (!s->opts->lang &&
		    !feed_lang_parse(sh->show.language, &sh->lang))
			sh->lang = FEED_LANG_ID;
		if (s->opts->lang)
			sh->lang = s->lang;
	}
	siar_paths_release(&slugs);
	s->stats.n_shows = s->n_shows;
	return rc;
}

static int collect_topic(const struct catalog_topic *t, void *ctx,
			 struct siar_err *err)
{
	struct site *s = ctx;
	struct site_topic *st;

	if (!siar_grow((void **)&s->topics, &s->cap_topics, s->n_topics,
		       sizeof(*s->topics)))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	st = &s->topics[s->n_topics++];
	st->name = siar_strdup(t->name);
	/* topics/index.html lists them all. */
	st->slug =
	    siar_strdup(strcmp(t->slug, "index") ? t->slug : "topic-index");
	st->n_live = 0;
	if (!st->name || !st->slug)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/* "Position, Organisation", either alone, or NULL. */
static char *person_about(const struct catalog_person *p)
{
	struct siar_buf b;
	char *out;

	if (!p->position && !p->organisation)
		return NULL;
	siar_buf_init(&b, 0);
	if (p->position)
		siar_buf_adds(&b, p->position);
	if (p->position && p->organisation)
		siar_buf_adds(&b, ", ");
	if (p->organisation)
		siar_buf_adds(&b, p->organisation);
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	return out;
}

static int collect_person(const struct catalog_person *p, void *ctx,
			  struct siar_err *err)
{
	struct site *s = ctx;
	struct site_person *sp;

	if (!siar_grow((void **)&s->people, &s->cap_people, s->n_people,
		       sizeof(*s->people)))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	sp = &s->people[s->n_people++];
	memset(sp, 0, sizeof(*sp));
	sp->id = p->id;
	sp->name = siar_strdup(p->name);
	sp->slug = siar_slug(p->name, 80);
	sp->about = person_about(p);
	sp->organisation = siar_strdup(p->organisation);
	sp->url = siar_strdup(p->url);
	sp->photo = siar_strdup(p->photo);
	if (!sp->name || !sp->slug || (p->url && !sp->url) ||
	    (p->photo && !sp->photo) ||
	    (p->organisation && !sp->organisation) ||
	    ((p->position || p->organisation) && !sp->about))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

static int person_by_slug(const void *a, const void *b)
{
	const struct site_person *x = a, *y = b;
	int c = strcmp(x->slug, y->slug);

	if (c)
		return c;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int person_by_name(const void *a, const void *b)
{
	return strcmp(((const struct site_person *)a)->name,
		      ((const struct site_person *)b)->name);
}

/*
 * Names that slug the same ("Siti N." and "Siti N"), or to nothing, or
 * to "index", are told apart by the person's ID, which never changes.
 */
static int unique_person_slugs(struct site *s)
{
	struct site_person *p;
	char *slug;
	size_t i;

	if (!s->n_people)
		return SIAR_OK; /* qsort() may not be given NULL */
	qsort(s->people, s->n_people, sizeof(*s->people), person_by_slug);
	for (i = 0; i < s->n_people; i++) {
		p = &s->people[i];
		if (*p->slug && strcmp(p->slug, "index") &&
		    (i == 0 || strcmp(s->people[i - 1].slug, p->slug)))
			continue;
		slug = malloc(strlen(p->slug) + 32);
		if (!slug)
			return nomem(s);
		snprintf(slug, strlen(p->slug) + 32, "%s%sperson-%" PRId64,
			 p->slug, *p->slug ? "-" : "", p->id);
		free(p->slug);
		p->slug = slug;
	}
	qsort(s->people, s->n_people, sizeof(*s->people), person_by_name);
	return SIAR_OK;
}

static struct site_person *find_person(struct site *s, const char *name)
{
	struct site_person key;

	if (!s->n_people)
		return NULL;
	memset(&key, 0, sizeof(key));
	key.name = (char *)name;
	return bsearch(&key, s->people, s->n_people, sizeof(*s->people),
		       person_by_name);
}

static struct site_topic *find_topic(struct site *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_topics; i++)
		if (!strcmp(s->topics[i].name, name))
			return &s->topics[i];
	return NULL;
}

static int load_catalogue(struct site *s)
{
	int rc = load_shows(s);

	if (!rc)
		rc = catalog_topic_each(s->cat, collect_topic, s, s->err);
	if (!rc)
		rc = catalog_person_each(s->cat, collect_person, s, s->err);
	if (!rc)
		rc = unique_person_slugs(s);
	return rc;
}

/* ---- Page data ---------------------------------------------------------- */

/* The office every show belongs to, when they all name the same one. */
static const char *common_office(const struct site *s)
{
	const char *office = NULL;
	size_t i;

	for (i = 0; i < s->n_shows; i++) {
		const char *o = s->shows[i].show.office_name;

		if (!o || (office && strcmp(o, office)))
			return NULL;
		office = o;
	}
	return office;
}

static bool any_live_topic(const struct site *s)
{
	size_t i;

	for (i = 0; i < s->n_topics; i++)
		if (s->topics[i].n_live)
			return true;
	return false;
}

static bool any_live_person(const struct site *s)
{
	size_t i;

	for (i = 0; i < s->n_people; i++)
		if (s->people[i].n_live)
			return true;
	return false;
}

/*
 * What every page has: the language and its strings under "t", the path
 * to the site's top ('root', "" or "../"), the site's name and the
 * navigation. 'title' becomes "TITLE · SITE" (just SITE when NULL).
 */
static struct feed_tpl_data *page_new(struct site *s, enum feed_lang lang,
				      const char *root, const char *title)
{
	struct feed_tpl_data *d = feed_tpl_data_new();
	const struct feed_string *str;
	struct feed_tpl_data *t;
	const char *site =
	    s->site_title ? s->site_title : feed_str(lang, "site_title");
	size_t i, n;

	if (!d)
		return NULL;
	feed_tpl_set(d, "lang", feed_lang_code(lang));
	t = feed_tpl_obj(d, "t");
	str = feed_strings(&n);
	for (i = 0; i < n; i++)
		feed_tpl_set(t, str[i].key, str[i].text[lang]);
	feed_tpl_set(d, "root", root);
	feed_tpl_set(d, "site_title", site);
	if (title)
		feed_tpl_setf(d, "page_title", "%s \xC2\xB7 %s", title, site);
	else
		feed_tpl_set(d, "page_title", site);
	feed_tpl_set_bool(d, "nav_has_topics", any_live_topic(s));
	feed_tpl_set_bool(d, "nav_has_people", any_live_person(s));
	return d;
}

/* Open Graph: the object "og" with what every kind of page has. */
static struct feed_tpl_data *og_new(struct feed_tpl_data *d,
				    enum feed_lang lang, const char *type,
				    const char *title, const char *site)
{
	struct feed_tpl_data *og = feed_tpl_obj(d, "og");

	feed_tpl_set(og, "type", type);
	feed_tpl_set(og, "title", title);
	feed_tpl_set(og, "site_name", site);
	feed_tpl_set(og, "locale", lang == FEED_LANG_ID ? "id_ID" : "en_US");
	return og;
}

/*
 * 'key' = the date of 'unix_s' in 'tz' as read in 'lang', and 'key'_iso
 * the instant in RFC 3339. A zone that cannot convert leaves them out: the
 * catalogue checked it when the show was added.
 */
static void set_date(struct site *s, struct feed_tpl_data *d, const char *key,
		     int64_t unix_s, const char *tz, enum feed_lang lang)
{
	struct siar_buf human, iso;
	struct siar_err scratch = {0};
	char iso_key[64];

	(void)s;
	siar_buf_init(&human, 0);
	siar_buf_init(&iso, 0);
	if (!feed_format_date(&human, unix_s, tz, lang, &scratch))
		feed_tpl_set(d, key, human.buf);
	snprintf(iso_key, sizeof(iso_key), "%s_iso", key);
	if (!siar_time_rfc3339(&iso, unix_s, tz, &scratch))
		feed_tpl_set(d, iso_key, iso.buf);
	siar_buf_release(&human);
	siar_buf_release(&iso);
}

static void set_duration(struct feed_tpl_data *d, int64_t duration_ms)
{
	struct siar_buf b;
	int64_t sec = feed_duration_seconds(duration_ms);

	if (duration_ms <= 0)
		return;
	siar_buf_init(&b, 0);
	feed_format_duration(&b, duration_ms);
	feed_tpl_set(d, "duration", b.buf);
	siar_buf_release(&b);
	feed_tpl_setf(d, "duration_iso",
		      "PT%" PRId64 "H%" PRId64 "M%" PRId64 "S", sec / 3600,
		      sec / 60 % 60, sec % 60);
}

/* "Musim 1, Episode 3", "Episode 3", or nothing. */
static void set_number(struct feed_tpl_data *d, enum feed_lang lang, int season,
		       int number)
{
	if (season > 0 && number > 0)
		feed_tpl_setf(d, "number", "%s %d, %s %d",
			      feed_str(lang, "season"), season,
			      feed_str(lang, "episode"), number);
	else if (number > 0)
		feed_tpl_setf(d, "number", "%s %d", feed_str(lang, "episode"),
			      number);
	else if (season > 0)
		feed_tpl_setf(d, "number", "%s %d", feed_str(lang, "season"),
			      season);
}

static void set_type(struct feed_tpl_data *d, enum feed_lang lang,
		     const char *type)
{
	if (type && !strcmp(type, "trailer"))
		feed_tpl_set(d, "type_label",
			     feed_str(lang, "episode_trailer"));
	else if (type && !strcmp(type, "bonus"))
		feed_tpl_set(d, "type_label", feed_str(lang, "episode_bonus"));
}

/* A card's topics, linked to their pages. */
static void card_topics(struct site *s, struct feed_tpl_data *d,
			const struct site_card *c, const char *root)
{
	const struct site_topic *t;
	struct feed_tpl_data *item;
	size_t i;

	feed_tpl_set_bool(d, "has_topics", c->n_topics > 0);
	for (i = 0; i < c->n_topics; i++) {
		t = find_topic(s, c->topics[i]);
		item = feed_tpl_add(d, "topics");
		feed_tpl_set(item, "name", c->topics[i]);
		if (t)
			feed_tpl_setf(item, "url", "%stopics/%s.html", root,
				      t->slug);
	}
}

/* A card's guests and topics, linked to their pages. */
static void card_links(struct site *s, struct feed_tpl_data *d,
		       const struct site_card *c, const char *root)
{
	const struct site_person *p;
	struct feed_tpl_data *item;
	size_t i;

	feed_tpl_set_bool(d, "has_guests", c->n_guests > 0);
	for (i = 0; i < c->n_guests; i++) {
		p = find_person(s, c->people[i]);
		item = feed_tpl_add(d, "guests");
		feed_tpl_set(item, "name", c->people[i]);
		if (p)
			feed_tpl_setf(item, "url", "%speople/%s.html", root,
				      p->slug);
		feed_tpl_set(item, "org", p ? p->organisation : NULL);
	}
	card_topics(s, d, c, root);
}

/*
 * One card for the list 'key' of 'd'. 'root' leads from the page to the
 * site's top; a page outside the show's folder names the show too.
 */
static void card_data(struct site *s, struct feed_tpl_data *d, const char *key,
		      const struct site_card *c, enum feed_lang lang,
		      const char *root, bool in_show)
{
	const struct site_show *sh = &s->shows[c->show];
	struct feed_tpl_data *item = feed_tpl_add(d, key);
	char dir[128];

	snprintf(dir, sizeof(dir), "%s%s/", in_show ? "" : root,
		 in_show ? "" : sh->show.slug);
	if (in_show)
		dir[0] = '\0';
	feed_tpl_setf(item, "id", "%" PRId64, c->id);
	feed_tpl_set(item, "title", c->title);
	feed_tpl_set(item, "content_lang", sh->show.language);
	feed_tpl_setf(item, "page", "%s%s", dir, c->page);
	feed_tpl_set(item, "summary", c->summary);
	if (c->src_remote)
		feed_tpl_set_url(item, "src", c->src);
	else
		feed_tpl_setf(item, "src", "%s%s", dir, c->src);
	feed_tpl_set(item, "mime", c->mime);
	feed_tpl_set_bool(item, "video", c->video);
	if (c->poster)
		feed_tpl_setf(item, "poster", "%s%s", dir, c->poster);
	if (!in_show) {
		feed_tpl_set(item, "show_title", sh->show.title);
		feed_tpl_setf(item, "show_page", "%sindex.html", dir);
	}
	set_date(s, item, "date", c->published_unix, sh->show.timezone, lang);
	set_duration(item, c->duration_ms);
	set_number(item, lang, c->season, c->number);
	set_type(item, lang, c->episode_type);
	card_links(s, item, c, root);
}

/* A pager link: 'first' for page 1, else STEM N ".html". */
static void set_page_link(struct feed_tpl_data *d, const char *key, size_t n,
			  const char *first, const char *stem)
{
	if (n == 1)
		feed_tpl_set(d, key, first);
	else
		feed_tpl_setf(d, key, "%s%zu.html", stem, n);
}

/*
 * The pager of page 'page' of 'n_pages': the first, the last, and two
 * either side of the current one, with gaps between.
 */
static void pager_data(struct feed_tpl_data *d, size_t page, size_t n_pages,
		       const char *first, const char *stem)
{
	struct feed_tpl_data *pager, *item;
	size_t i;

	if (n_pages < 2)
		return;
	pager = feed_tpl_obj(d, "pager");
	feed_tpl_setf(d, "page_n", "%zu", page);
	feed_tpl_setf(d, "n_pages", "%zu", n_pages);
	if (page > 1)
		set_page_link(pager, "prev", page - 1, first, stem);
	if (page < n_pages)
		set_page_link(pager, "next", page + 1, first, stem);
	for (i = 1; i <= n_pages; i++) {
		bool near = i + 2 >= page && i <= page + 2;

		if (i != 1 && i != n_pages && !near) {
			if (i + 3 == page || i == page + 3) {
				item = feed_tpl_add(pager, "items");
				feed_tpl_set_bool(item, "gap", true);
				feed_tpl_set_bool(item, "current", false);
				feed_tpl_set(item, "link", "");
			}
			continue;
		}
		item = feed_tpl_add(pager, "items");
		feed_tpl_setf(item, "n", "%zu", i);
		feed_tpl_set_bool(item, "gap", false);
		feed_tpl_set_bool(item, "current", i == page);
		/* Set even when empty, so no outer "link" shows through. */
		feed_tpl_set(item, "link", "");
		if (i != page)
			set_page_link(item, "link", i, first, stem);
	}
}

/* ---- Episodes ----------------------------------------------------------- */

static int add_file(struct site *s, const char *path)
{
	struct site_file *f;

	if (!path || is_remote(path))
		return SIAR_OK;
	if (!siar_grow((void **)&s->files, &s->cap_files, s->n_files,
		       sizeof(*s->files)))
		return nomem(s);
	if (siar_paths_add(&s->pool, path, s->err))
		return s->err->code;
	f = &s->files[s->n_files++];
	f->path = s->pool.items[s->pool.n - 1];
	f->name = NULL;
	return SIAR_OK;
}

/* Every file of 'ep' that goes into the show's folder. */
static int add_episode_files(struct site *s, const struct catalog_episode *ep)
{
	size_t i;
	int rc = add_file(s, ep->media_path);

	for (i = 0; !rc && i < ep->n_renditions; i++)
		rc = add_file(s, ep->renditions[i].path);
	for (i = 0; !rc && i < ep->n_transcripts; i++)
		rc = add_file(s, ep->transcripts[i].path);
	if (!rc)
		rc = add_file(s, ep->image_path);
	if (!rc)
		rc = add_file(s, ep->poster_path);
	return rc;
}

static char **copy_names(char *const *names, size_t n, char *const *more,
			 size_t n_more)
{
	char **out = calloc(n + n_more + 1, sizeof(*out));
	size_t i;

	if (!out)
		return NULL;
	for (i = 0; i < n + n_more; i++) {
		out[i] = siar_strdup(i < n ? names[i] : more[i - n]);
		if (!out[i])
			return out; /* freed by the card, NULL-terminated */
	}
	return out;
}

static void free_names(char **names, size_t n)
{
	size_t i;

	if (!names)
		return;
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* Count the episode for its people's and topics' pages. */
static void count_live(struct site *s, const struct site_card *c)
{
	struct site_person *p;
	struct site_topic *t;
	size_t i;

	for (i = 0; i < c->n_people; i++) {
		p = find_person(s, c->people[i]);
		if (p)
			p->n_live++;
	}
	for (i = 0; i < c->n_topics; i++) {
		t = find_topic(s, c->topics[i]);
		if (t)
			t->n_live++;
	}
}

static int card_people(struct site_card *c, const struct catalog_episode *ep)
{
	char **credits = calloc(ep->n_credits + 1, sizeof(*credits));
	size_t i;

	if (!credits)
		return SIAR_ENOMEM;
	for (i = 0; i < ep->n_credits; i++)
		credits[i] = ep->credits[i].name;
	c->people =
	    copy_names(ep->guests, ep->n_guests, credits, ep->n_credits);
	free(credits);
	c->n_people = ep->n_guests + ep->n_credits;
	c->n_guests = ep->n_guests;
	c->topics = copy_names(ep->topics, ep->n_topics, NULL, 0);
	c->n_topics = ep->n_topics;
	if (!c->people || !c->topics ||
	    (c->n_people && !c->people[c->n_people - 1]) ||
	    (c->n_topics && !c->topics[c->n_topics - 1]))
		return SIAR_ENOMEM;
	return SIAR_OK;
}

static int make_card(struct site *s, const struct catalog_episode *ep)
{
	struct site_card *c;

	if (!siar_grow((void **)&s->cards, &s->cap_cards, s->n_cards,
		       sizeof(*s->cards)))
		return nomem(s);
	c = &s->cards[s->n_cards++];
	memset(c, 0, sizeof(*c));
	c->show = s->cur;
	c->id = ep->id;
	c->title = siar_strdup(ep->title);
	c->page = feed_episode_page_name(ep);
	c->src_remote = is_remote(ep->media_path);
	c->src = c->src_remote ? siar_strdup(ep->media_path)
			       : file_href(ep->media_path);
	c->mime = siar_strdup(ep->media_mime);
	c->video = ep->media_kind && !strcmp(ep->media_kind, "video");
	c->poster = ep->poster_path ? file_href(ep->poster_path) : NULL;
	c->published_unix = ep->published_unix;
	c->duration_ms = ep->duration_ms;
	c->season = ep->season;
	c->number = ep->episode_number;
	c->episode_type = siar_strdup(ep->episode_type);
	if (!c->title || !c->page || !c->src || !c->mime ||
	    (ep->poster_path && !c->poster) ||
	    (ep->episode_type && !c->episode_type) || card_people(c, ep) ||
	    feed_text_summary(ep->description, SITE_SUMMARY_MAX, &c->summary,
			      s->err))
		return nomem(s);
	count_live(s, c);
	return SIAR_OK;
}

static void card_release(struct site_card *c)
{
	free(c->title);
	free(c->page);
	free(c->summary);
	free(c->src);
	free(c->mime);
	free(c->poster);
	free(c->episode_type);
	free_names(c->people, c->n_people);
	free_names(c->topics, c->n_topics);
}

/* "MP3", from the file's extension; NULL when it has none. */
static void add_format(struct siar_buf *b, const char *path)
{
	const char *dot = strrchr(base_name(path), '.');
	const char *p;

	if (!dot || !dot[1] || strlen(dot) > 6)
		return;
	for (p = dot + 1; *p; p++)
		siar_buf_addc(b,
			      (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p);
}

/*
 * "MP3 · 12,3 MB · 1280×720": what a listener wants to know before a
 * download, a decimal comma in Indonesian.
 */
static void set_file_info(struct feed_tpl_data *d, const char *key,
			  const char *path, int64_t size, int width, int height,
			  enum feed_lang lang)
{
	struct siar_buf b;
	char num[32];
	char *comma;

	siar_buf_init(&b, 0);
	add_format(&b, path);
	if (size > 0) {
		if (size < 1000000)
			snprintf(num, sizeof(num), "%" PRId64 " KB",
				 (size + 999) / 1000);
		else
			snprintf(num, sizeof(num), "%.1f MB",
				 (double)size / 1e6);
		comma = strchr(num, '.');
		if (comma && lang == FEED_LANG_ID)
			*comma = ',';
		siar_buf_addf(&b, "%s%s", b.len ? " \xC2\xB7 " : "", num);
	}
	if (width > 0 && height > 0)
		siar_buf_addf(&b, " \xC2\xB7 %d\xC3\x97%d", width, height);
	feed_tpl_set(d, key, b.buf);
	siar_buf_release(&b);
}

/* "12" or "12.5": seconds for a media fragment (#t=) and data-seek. */
static void set_seconds(struct feed_tpl_data *d, const char *key, int64_t ms)
{
	if (ms % 1000 == 0)
		feed_tpl_setf(d, key, "%" PRId64, ms / 1000);
	else
		feed_tpl_setf(d, key, "%" PRId64 ".%03" PRId64, ms / 1000,
			      ms % 1000);
}

/* "2:05" or "1:02:05", not rounded: where a chapter or cue starts. */
static void set_clock(struct feed_tpl_data *d, const char *key, int64_t ms)
{
	int64_t s = ms / 1000;

	if (s >= 3600)
		feed_tpl_setf(d, key, "%" PRId64 ":%02" PRId64 ":%02" PRId64,
			      s / 3600, s / 60 % 60, s % 60);
	else
		feed_tpl_setf(d, key, "%" PRId64 ":%02" PRId64, s / 60, s % 60);
}

/* Paragraphs and cues go into the list 'key' of 'd'. */
struct para_ctx {
	struct feed_tpl_data *d;
	const char *key;
	size_t n;
};

static int add_para(void *ctx, int64_t start_ms, const char *text, size_t len,
		    struct siar_err *err)
{
	struct para_ctx *pc = ctx;
	struct feed_tpl_data *item = feed_tpl_add(pc->d, pc->key);
	char *copy = strndup(text, len);

	if (!item || !copy) {
		free(copy);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	feed_tpl_set(item, "text", copy);
	free(copy);
	if (start_ms >= 0) {
		set_seconds(item, "start_s", start_ms);
		set_clock(item, "start", start_ms);
	} else {
		feed_tpl_set(item, "start_s", "");
	}
	pc->n++;
	return SIAR_OK;
}

/* Read the file at 'path' if it has at most 'max' bytes; '*data' NULL if not.
 */
static int read_small(struct site *s, const char *path, size_t max, char **data,
		      size_t *len)
{
	struct siar_buf b;
	char chunk[8192];
	size_t n;
	FILE *fp;

	*data = NULL;
	*len = 0;
	fp = fopen(path, "rb");
	if (!fp)
		return siar_err_set(s->err, SIAR_EIO, "cannot read '%s': %s",
				    path, strerror(errno));
	siar_buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		siar_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		fclose(fp);
		siar_buf_release(&b);
		return siar_err_set(s->err, SIAR_EIO, "cannot read '%s'", path);
	}
	fclose(fp);
	if (b.failed) {
		siar_buf_release(&b);
		return SIAR_OK; /* too long to show: the link will do */
	}
	*len = b.len;
	*data = siar_utf8_dup(b.buf, true);
	siar_buf_release(&b);
	return *data ? SIAR_OK : nomem(s);
}

/* The name of a transcript's language in the page's, else its tag. */
static const char *language_name(const char *tag, enum feed_lang page)
{
	enum feed_lang lang;

	if (!feed_lang_parse(tag, &lang))
		return tag;
	return feed_str(page, lang == FEED_LANG_ID ? "lang_id" : "lang_en");
}

/* A transcript: its link, and its text when it is text, VTT or SRT. */
static int transcript_data(struct site *s, struct feed_tpl_data *d,
			   const struct catalog_transcript *t, size_t n)
{
	struct feed_tpl_data *item = feed_tpl_add(d, "transcripts");
	const char *lang =
	    t->language ? t->language : s->shows[s->cur].show.language;
	bool timed = !strcmp(t->mime, "text/vtt") ||
		     !strcmp(t->mime, "application/x-subrip");
	struct para_ctx pc = {item, "cues", 0};
	char *href = NULL, *data = NULL;
	size_t len;
	int rc = SIAR_OK;

	feed_tpl_setf(item, "n", "%zu", n);
	feed_tpl_set(item, "label", language_name(lang, s->shows[s->cur].lang));
	feed_tpl_set(item, "tlang", lang);
	if (is_remote(t->path)) {
		feed_tpl_set_url(item, "url", t->path);
		return SIAR_OK;
	}
	href = file_href(t->path);
	if (!href)
		return nomem(s);
	feed_tpl_set(item, "url", href);
	free(href);
	if (!timed && strcmp(t->mime, "text/plain"))
		return SIAR_OK;
	rc = read_small(s, t->path, SITE_TRANSCRIPT_MAX, &data, &len);
	if (!rc && data && timed)
		rc = feed_text_cues(data, strlen(data), add_para, &pc, s->err);
	else if (!rc && data)
		rc = feed_text_paragraphs(data, add_para, &pc, s->err);
	feed_tpl_set_bool(item, "has_cues", pc.n > 0);
	free(data);
	return rc;
}

static void chapters_data(struct feed_tpl_data *d,
			  const struct catalog_episode *ep)
{
	const struct catalog_chapter *ch;
	struct feed_tpl_data *item;
	size_t i;

	feed_tpl_set_bool(d, "has_chapters", ep->n_chapters > 0);
	for (i = 0; i < ep->n_chapters; i++) {
		ch = &ep->chapters[i];
		item = feed_tpl_add(d, "chapters");
		set_seconds(item, "start_s", ch->start_ms);
		set_clock(item, "start", ch->start_ms);
		feed_tpl_set(item, "name", ch->title ? ch->title : "");
	}
}

/* Guests with what they do, and the other credits with their roles. */
static void people_data(struct site *s, struct feed_tpl_data *d,
			const struct catalog_episode *ep)
{
	const struct site_person *p;
	struct feed_tpl_data *item;
	size_t i;

	feed_tpl_set_bool(d, "has_guests", ep->n_guests > 0);
	for (i = 0; i < ep->n_guests; i++) {
		p = find_person(s, ep->guests[i]);
		item = feed_tpl_add(d, "guests");
		feed_tpl_set(item, "name", ep->guests[i]);
		feed_tpl_set(item, "about", p && p->about ? p->about : "");
		if (p)
			feed_tpl_setf(item, "url", "../people/%s.html",
				      p->slug);
	}
	feed_tpl_set_bool(d, "has_credits", ep->n_credits > 0);
	for (i = 0; i < ep->n_credits; i++) {
		p = find_person(s, ep->credits[i].name);
		item = feed_tpl_add(d, "credits");
		feed_tpl_set(item, "name", ep->credits[i].name);
		feed_tpl_set(item, "about", ep->credits[i].role);
		if (p)
			feed_tpl_setf(item, "url", "../people/%s.html",
				      p->slug);
	}
}

static int files_data(struct site *s, struct feed_tpl_data *d,
		      const struct catalog_episode *ep, enum feed_lang lang)
{
	const struct catalog_rendition *r;
	struct feed_tpl_data *item;
	char *href;
	size_t i;

	feed_tpl_set_bool(d, "has_files", ep->n_renditions > 0);
	for (i = 0; i < ep->n_renditions; i++) {
		r = &ep->renditions[i];
		item = feed_tpl_add(d, "files");
		href = is_remote(r->path) ? siar_strdup(r->path)
					  : file_href(r->path);
		if (!href)
			return nomem(s);
		feed_tpl_set_url(item, "url", href);
		free(href);
		feed_tpl_set(item, "name",
			     r->title ? r->title : base_name(r->path));
		set_file_info(item, "info", r->path, r->size_bytes, r->width,
			      r->height, lang);
	}
	return SIAR_OK;
}

/* Take the malloc'ed URL 'url' as the URL 'key' of 'd'. */
static void take_url(struct feed_tpl_data *d, const char *key, char *url)
{
	feed_tpl_set_url(d, key, url);
	free(url);
}

/* The episode's Open Graph tags, with absolute URLs. */
static void episode_og(struct site *s, struct feed_tpl_data *d,
		       const struct catalog_episode *ep,
		       const struct site_card *c)
{
	const struct catalog_show *show = &s->shows[s->cur].show;
	struct feed_tpl_data *og;
	const char *image = ep->image_path ? ep->image_path : ep->poster_path;

	og =
	    og_new(d, s->shows[s->cur].lang, "article", ep->title, show->title);
	feed_tpl_set(og, "description", c->summary);
	feed_tpl_setf(og, "url", "%s/%s", show->base_url, c->page);
	if (image)
		take_url(og, "image", feed_file_url(show, image));
	else
		take_url(og, "image", feed_show_image_url(show));
	take_url(og, c->video ? "video" : "audio",
		 c->src_remote ? siar_strdup(c->src)
			       : feed_file_url(show, ep->media_path));
}

/* The head of a show's page or an episode's: feeds and language. */
static void show_head(struct site *s, struct feed_tpl_data *d)
{
	const struct catalog_show *show = &s->shows[s->cur].show;

	feed_tpl_set(d, "alt_rss", "feed.xml");
	feed_tpl_set(d, "alt_json", "feed.json");
	feed_tpl_set(d, "alt_title", show->title);
	feed_tpl_set(d, "content_lang", show->language);
}

/*
 * An episode's description as sanitised HTML (feed_html_sanitize: the
 * tags podcast apps render, links to http, https and mailto only), raw in
 * the page as the one value the template takes as HTML. A description the
 * sanitiser refuses (hostile markup over its limits) goes out as escaped
 * paragraphs of its text instead.
 */
static int description_html(struct site *s, struct feed_tpl_data *d,
			    const char *text)
{
	struct siar_err ignored = {0};
	struct siar_buf html;
	struct para_ctx pc;
	size_t len = text ? strlen(text) : 0;
	int rc = SIAR_OK;

	siar_buf_init(&html, 0);
	if (len && !feed_html_sanitize(text, len, &html, NULL, &ignored)) {
		feed_tpl_set_html(d, "description_html", html.len ? html.buf
								 : "");
		feed_tpl_set_bool(d, "has_description", html.len > 0);
	} else if (len) {
		siar_buf_release(&html);
		siar_buf_init(&html, 0);
		pc.d = d;
		pc.key = "paragraphs";
		pc.n = 0;
		rc = feed_text_paragraphs(text, add_para, &pc, s->err);
		feed_tpl_set_bool(d, "has_description", pc.n > 0);
	}
	siar_buf_release(&html);
	return rc;
}

/*
 * The apps' own pages for the show, where the catalogue has them, and
 * AntennaPod's subscribe link, which needs only the feed's URL
 * (antennapod.org/deeplink/subscribe, percent-encoded by libxml2's
 * xmlURIEscapeStr).
 */
static void subscribe_links(struct feed_tpl_data *d,
			    const struct catalog_show *show)
{
	struct siar_buf feed;
	xmlChar *enc;

	if (show->apple_url)
		feed_tpl_set_url(d, "apple_url", show->apple_url);
	if (show->spotify_url)
		feed_tpl_set_url(d, "spotify_url", show->spotify_url);
	if (show->pocketcasts_url)
		feed_tpl_set_url(d, "pocketcasts_url", show->pocketcasts_url);
	siar_buf_init(&feed, 0);
	siar_buf_addf(&feed, "%s/feed.xml", show->base_url);
	enc = feed.failed ? NULL : xmlURIEscapeStr(BAD_CAST feed.buf, NULL);
	if (enc)
		feed_tpl_setf(d, "antennapod_url",
			      "https://antennapod.org/deeplink/subscribe?url=%s",
			      (const char *)enc);
	xmlFree(enc);
	siar_buf_release(&feed);
}

static int episode_page(struct site *s, const struct catalog_episode *ep,
			const struct site_card *c)
{
	const struct site_show *sh = &s->shows[s->cur];
	struct feed_tpl_data *d = page_new(s, sh->lang, "../", ep->title);
	char rel[256];
	size_t i;
	int rc = SIAR_OK;

	if (!d)
		return nomem(s);
	show_head(s, d);
	feed_tpl_set(d, "meta_description", c->summary);
	episode_og(s, d, ep, c);
	feed_tpl_set(d, "show_name", sh->show.title);
	feed_tpl_set(d, "title", ep->title);
	if (c->src_remote)
		feed_tpl_set_url(d, "src", c->src);
	else
		feed_tpl_set(d, "src", c->src);
	feed_tpl_set(d, "mime", c->mime);
	feed_tpl_set_bool(d, "video", c->video);
	feed_tpl_set(d, "poster", c->poster);
	feed_tpl_set(d, "player_id", "player");
	set_date(s, d, "date", c->published_unix, sh->show.timezone, sh->lang);
	set_duration(d, c->duration_ms);
	set_number(d, sh->lang, c->season, c->number);
	set_type(d, sh->lang, c->episode_type);
	set_file_info(d, "file_info", ep->media_path, ep->media_size_bytes,
		      ep->width, ep->height, sh->lang);
	/* The description as the feed's content:encoded has it. */
	rc = description_html(s, d, ep->description);
	chapters_data(d, ep);
	people_data(s, d, ep);
	card_topics(s, d, c, "../");
	for (i = 0; !rc && i < ep->n_transcripts; i++)
		rc = transcript_data(s, d, &ep->transcripts[i], i + 1);
	if (!rc)
		rc = files_data(s, d, ep, sh->lang);
	if (rc) {
		feed_tpl_data_free(d);
		return rc;
	}
	snprintf(rel, sizeof(rel), "%s/%s", sh->show.slug, c->page);
	return emit_page(s, "episode.html", d, rel);
}

/* A catalog_episode_fn: one live episode of the show being built. */
static int on_episode(const struct catalog_episode *ep, void *ctx,
		      struct siar_err *err)
{
	struct site *s = ctx;
	char *name, rel[256];
	int rc;

	(void)err; /* the same as s->err */
	rc = make_card(s, ep);
	if (!rc)
		rc = add_episode_files(s, ep);
	if (!rc && ep->n_chapters) {
		/* feed_write_chapter_files() writes it; pruning keeps it. */
		name = feed_chapters_name(ep, s->err);
		if (!name)
			return s->err->code;
		snprintf(rel, sizeof(rel), "%s/%s", s->shows[s->cur].show.slug,
			 name);
		free(name);
		rc = keep(s, rel);
	}
	if (!rc)
		rc = episode_page(s, ep, &s->cards[s->n_cards - 1]);
	return rc;
}

/* ---- A show's pages and files ------------------------------------------- */

/* The show's artwork as a link from 'dir' (a prefix ending in '/' or ""). */
static void show_image(struct feed_tpl_data *d, const char *key,
		       const struct catalog_show *show, const char *dir)
{
	char *href;

	if (show->image) {
		feed_tpl_set_url(d, key, show->image);
	} else if (show->image_path) {
		href = file_href(show->image_path);
		if (href)
			feed_tpl_setf(d, key, "%s%s", dir, href);
		free(href);
	}
}

static int show_page(struct site *s, size_t page, size_t n_pages)
{
	const struct site_show *sh = &s->shows[s->cur];
	const struct catalog_show *show = &sh->show;
	struct feed_tpl_data *d, *og;
	char rel[256], title[512];
	size_t i, end;

	snprintf(title, sizeof(title), "%s (%s %zu)", show->title,
		 feed_str(sh->lang, "page"), page);
	d = page_new(s, sh->lang, "../", page > 1 ? title : show->title);
	if (!d)
		return nomem(s);
	show_head(s, d);
	og = og_new(d, sh->lang, "website", show->title, show->title);
	feed_tpl_setf(og, "url", "%s/index.html", show->base_url);
	take_url(og, "image", feed_show_image_url(show));
	feed_tpl_set(og, "description", show->description);
	feed_tpl_set(d, "meta_description", show->description);
	feed_tpl_set(d, "heading", show->title);
	show_image(d, "image", show, "");
	feed_tpl_set(d, "office", show->office_name);
	feed_tpl_set(d, "description", show->description);
	feed_tpl_set(d, "author", show->author);
	feed_tpl_setf(d, "n_episodes", "%zu", sh->n_cards);
	feed_tpl_setf(d, "feed_url", "%s/feed.xml", show->base_url);
	subscribe_links(d, show);
	end = page * SITE_PAGE_SIZE;
	for (i = (page - 1) * SITE_PAGE_SIZE; i < end && i < sh->n_cards; i++)
		card_data(s, d, "episodes", &s->cards[sh->first_card + i],
			  sh->lang, "../", true);
	pager_data(d, page, n_pages, "index.html", "page-");
	if (page == 1)
		snprintf(rel, sizeof(rel), "%s/index.html", show->slug);
	else
		snprintf(rel, sizeof(rel), "%s/page-%zu.html", show->slug,
			 page);
	return emit_page(s, "show.html", d, rel);
}

static int embed_page(struct site *s)
{
	const struct site_show *sh = &s->shows[s->cur];
	struct feed_tpl_data *d = page_new(s, sh->lang, "../", NULL);
	char rel[256];
	size_t i;

	if (!d)
		return nomem(s);
	feed_tpl_set(d, "heading", sh->show.title);
	feed_tpl_set(d, "content_lang", sh->show.language);
	feed_tpl_setf(d, "show_page", "../%s/index.html", sh->show.slug);
	for (i = 0; i < sh->n_cards && i < SITE_EMBED_SIZE; i++)
		card_data(s, d, "episodes", &s->cards[sh->first_card + i],
			  sh->lang, "../", false);
	snprintf(rel, sizeof(rel), "embed/%s.html", sh->show.slug);
	return emit_page(s, "embed.html", d, rel);
}

static int file_cmp(const void *a, const void *b)
{
	const struct site_file *x = a, *y = b;
	int c = strcmp(base_name(x->path), base_name(y->path));

	return c ? c : strcmp(x->path, y->path);
}

/* Two paths with one base name are fine only when they are one file. */
static int check_clash(struct site *s, const struct site_file *a,
		       const struct site_file *b)
{
	struct stat sa, sb;

	if (!strcmp(a->path, b->path))
		return SIAR_OK;
	if (!stat(a->path, &sa) && !stat(b->path, &sb) &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino)
		return SIAR_OK;
	return siar_err_set(s->err, SIAR_EINVAL,
			    "'%s' and '%s' would both be published as '%s' "
			    "in show '%s': rename one",
			    a->path, b->path, base_name(a->path),
			    s->shows[s->cur].show.slug);
}

static int put_one(struct site *s, const struct site_file *f)
{
	const char *slug = s->shows[s->cur].show.slug;
	struct siar_buf rel, path;
	enum feed_fs_put how;
	int rc;

	siar_buf_init(&rel, 0);
	siar_buf_addf(&rel, "%s/%s", slug, base_name(f->path));
	rc = siar_buf_check(&rel, s->err);
	if (!rc)
		rc = new_path(s, &path, rel.buf);
	if (!rc) {
		rc = feed_fs_put(f->path, path.buf, &how, s->err);
		siar_buf_release(&path);
	}
	if (!rc) {
		s->stats.n_media_linked += how == FEED_FS_LINKED;
		s->stats.n_media_copied += how == FEED_FS_COPIED;
		rc = keep(s, rel.buf);
	}
	siar_buf_release(&rel);
	return rc;
}

/* Publish the show's files under their base names (feed_file_url). */
static int put_files(struct site *s)
{
	size_t i;
	int rc = SIAR_OK;

	if (s->n_files > 1)
		qsort(s->files, s->n_files, sizeof(*s->files), file_cmp);
	for (i = 0; !rc && i < s->n_files; i++) {
		if (i > 0 && !strcmp(base_name(s->files[i - 1].path),
				     base_name(s->files[i].path))) {
			rc = check_clash(s, &s->files[i - 1], &s->files[i]);
			continue;
		}
		rc = put_one(s, &s->files[i]);
	}
	return rc;
}

/* The options of the show's feeds: served from its folder in the site. */
static void show_feed_opts(const struct site *s, struct feed_opts *fo)
{
	feed_opts_init(fo);
	fo->generator = s->opts->generator;
	if (s->opts->base_url)
		fo->base_url = s->shows[s->cur].show.base_url;
}

static int write_rss(struct site *s, FILE *fp)
{
	struct feed_opts fo;

	show_feed_opts(s, &fo);
	return feed_write_rss(s->cat, s->shows[s->cur].show.slug, &fo, fp,
			      s->err);
}

static int write_json(struct site *s, FILE *fp)
{
	struct feed_opts fo;

	show_feed_opts(s, &fo);
	return feed_write_json(s->cat, s->shows[s->cur].show.slug, &fo, fp,
			       s->err);
}

static int show_feeds(struct site *s)
{
	const char *slug = s->shows[s->cur].show.slug;
	struct feed_opts fo;
	struct siar_buf dir;
	char rel[256];
	size_t n = 0;
	int rc;

	snprintf(rel, sizeof(rel), "%s/feed.xml", slug);
	rc = emit_stream(s, rel, write_rss);
	snprintf(rel, sizeof(rel), "%s/feed.json", slug);
	if (!rc)
		rc = emit_stream(s, rel, write_json);
	if (rc)
		return rc;
	show_feed_opts(s, &fo);
	rc = new_path(s, &dir, slug);
	if (!rc)
		rc = feed_write_chapter_files(s->cat, slug, &fo, dir.buf, &n,
					      s->err);
	siar_buf_release(&dir);
	s->stats.n_written += n;
	return rc;
}

static void files_reset(struct site *s)
{
	s->n_files = 0;
	siar_paths_release(&s->pool);
}

static int show_episodes(struct site *s)
{
	struct site_show *sh = &s->shows[s->cur];
	struct catalog_filter filter;
	int rc;

	memset(&filter, 0, sizeof(filter));
	filter.show_slug = sh->show.slug;
	filter.live_only = true;
	sh->first_card = s->n_cards;
	rc = add_file(s, sh->show.image_path);
	if (!rc)
		rc = catalog_episode_each(s->cat, &filter, on_episode, s,
					  s->err);
	sh->n_cards = s->n_cards - sh->first_card;
	return rc;
}

static int build_show(struct site *s, size_t i)
{
	struct site_show *sh = &s->shows[i];
	struct siar_buf dir;
	size_t page, n_pages;
	int rc;

	s->cur = i;
	files_reset(s);
	rc = new_path(s, &dir, sh->show.slug);
	if (!rc)
		rc = feed_fs_mkdirs(dir.buf, s->err);
	siar_buf_release(&dir);
	/* One zone for every date of the show's pages. */
	if (!rc)
		rc = siar_tz_hold(sh->show.timezone, s->err);
	if (!rc)
		rc = show_episodes(s);
	n_pages = (sh->n_cards + SITE_PAGE_SIZE - 1) / SITE_PAGE_SIZE;
	for (page = 1; !rc && (page <= n_pages || page == 1); page++)
		rc = show_page(s, page, n_pages ? n_pages : 1);
	if (!rc)
		rc = embed_page(s);
	siar_tz_release();
	if (!rc)
		rc = put_files(s);
	if (!rc)
		rc = show_feeds(s);
	return rc;
}

/* ---- Pages across shows ------------------------------------------------- */

/* Cards of every show, newest first, as qsort() sees them. */
struct order_key {
	int64_t published_unix;
	int64_t id;
	size_t card;
};

static int newest_first(const void *a, const void *b)
{
	const struct order_key *x = a, *y = b;

	if (x->published_unix != y->published_unix)
		return x->published_unix > y->published_unix ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id;
}

static int order_cards(struct site *s)
{
	struct order_key *keys;
	size_t i;

	keys = calloc(s->n_cards + 1, sizeof(*keys));
	s->order = calloc(s->n_cards + 1, sizeof(*s->order));
	if (!keys || !s->order) {
		free(keys);
		return nomem(s);
	}
	for (i = 0; i < s->n_cards; i++) {
		keys[i].published_unix = s->cards[i].published_unix;
		keys[i].id = s->cards[i].id;
		keys[i].card = i;
	}
	if (s->n_cards > 1)
		qsort(keys, s->n_cards, sizeof(*keys), newest_first);
	for (i = 0; i < s->n_cards; i++)
		s->order[i] = keys[i].card;
	free(keys);
	return SIAR_OK;
}

static bool has_name(char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

/* A topic's or a person's pages: who or what, then their episodes. */
struct list_spec {
	const char *dir; /* "topics" or "people" */
	const char *slug;
	const char *name;
	bool person;
	const char *about, *link, *photo;
};

static struct feed_tpl_data *list_data(struct site *s,
				       const struct list_spec *ls, size_t page)
{
	char title[512];
	struct feed_tpl_data *d;

	snprintf(title, sizeof(title), "%s (%s %zu)", ls->name,
		 feed_str(s->lang, "page"), page);
	d = page_new(s, s->lang, "../", page > 1 ? title : ls->name);
	feed_tpl_set_bool(d, ls->person ? "nav_people" : "nav_topics", true);
	feed_tpl_set(
	    d, "up_title",
	    feed_str(s->lang, ls->person ? "all_people" : "all_topics"));
	feed_tpl_set(d, "eyebrow",
		     feed_str(s->lang, ls->person ? "episodes_with"
						  : "episodes_on_topic"));
	feed_tpl_set(d, "heading", ls->name);
	feed_tpl_set(d, "about", ls->about);
	feed_tpl_set_url(d, "link", ls->link);
	feed_tpl_set_url(d, "photo", ls->photo);
	og_new(d, s->lang, ls->person ? "profile" : "website", ls->name,
	       s->site_title ? s->site_title : feed_str(s->lang, "site_title"));
	return d;
}

static int list_pages(struct site *s, const struct list_spec *ls)
{
	struct feed_tpl_data *d;
	const struct site_card *c;
	char rel[256], first[160], stem[160];
	size_t *idx, n = 0, i, page, n_pages;
	int rc = SIAR_OK;

	idx = calloc(s->n_cards + 1, sizeof(*idx));
	if (!idx)
		return nomem(s);
	for (i = 0; i < s->n_cards; i++) {
		c = &s->cards[s->order[i]];
		if (ls->person ? has_name(c->people, c->n_people, ls->name)
			       : has_name(c->topics, c->n_topics, ls->name))
			idx[n++] = s->order[i];
	}
	snprintf(first, sizeof(first), "%s.html", ls->slug);
	snprintf(stem, sizeof(stem), "%s_page-", ls->slug);
	n_pages = (n + SITE_PAGE_SIZE - 1) / SITE_PAGE_SIZE;
	for (page = 1; !rc && page <= n_pages; page++) {
		d = list_data(s, ls, page);
		for (i = (page - 1) * SITE_PAGE_SIZE;
		     i < n && i < page * SITE_PAGE_SIZE; i++)
			card_data(s, d, "episodes", &s->cards[idx[i]], s->lang,
				  "../", false);
		pager_data(d, page, n_pages, first, stem);
		if (page == 1)
			snprintf(rel, sizeof(rel), "%s/%s", ls->dir, first);
		else
			snprintf(rel, sizeof(rel), "%s/%s%zu.html", ls->dir,
				 stem, page);
		rc = emit_page(s, "list.html", d, rel);
	}
	free(idx);
	return rc;
}

/* topics/index.html or people/index.html: every one with episodes. */
static int index_page(struct site *s, bool people)
{
	const char *key = people ? "people" : "topics";
	struct feed_tpl_data *d, *e;
	size_t i, n = people ? s->n_people : s->n_topics;
	char rel[64];

	d = page_new(s, s->lang, "../", feed_str(s->lang, key));
	if (!d)
		return nomem(s);
	feed_tpl_set_bool(d, people ? "nav_people" : "nav_topics", true);
	feed_tpl_set(d, "heading", feed_str(s->lang, key));
	feed_tpl_set(
	    d, "about",
	    feed_str(s->lang, people ? "people_intro" : "topics_intro"));
	for (i = 0; i < n; i++) {
		const struct site_person *p = people ? &s->people[i] : NULL;
		const struct site_topic *t = people ? NULL : &s->topics[i];

		if (!(p ? p->n_live : t->n_live))
			continue;
		e = feed_tpl_add(d, "entries");
		feed_tpl_setf(e, "url", "%s.html", p ? p->slug : t->slug);
		feed_tpl_set(e, "name", p ? p->name : t->name);
		feed_tpl_set(e, "detail",
			     p && p->organisation ? p->organisation : "");
		feed_tpl_setf(e, "count", "%zu", p ? p->n_live : t->n_live);
	}
	snprintf(rel, sizeof(rel), "%s/index.html", key);
	return emit_page(s, "index.html", d, rel);
}

static int topic_pages(struct site *s)
{
	struct list_spec ls;
	size_t i;
	int rc = SIAR_OK;

	if (!any_live_topic(s))
		return SIAR_OK;
	for (i = 0; !rc && i < s->n_topics; i++) {
		if (!s->topics[i].n_live)
			continue;
		memset(&ls, 0, sizeof(ls));
		ls.dir = "topics";
		ls.slug = s->topics[i].slug;
		ls.name = s->topics[i].name;
		rc = list_pages(s, &ls);
	}
	return rc ? rc : index_page(s, false);
}

static int person_pages(struct site *s)
{
	const struct site_person *p;
	struct list_spec ls;
	size_t i;
	int rc = SIAR_OK;

	if (!any_live_person(s))
		return SIAR_OK;
	for (i = 0; !rc && i < s->n_people; i++) {
		p = &s->people[i];
		if (!p->n_live)
			continue;
		memset(&ls, 0, sizeof(ls));
		ls.dir = "people";
		ls.slug = p->slug;
		ls.name = p->name;
		ls.person = true;
		ls.about = p->about;
		ls.link = p->url;
		ls.photo = p->photo;
		rc = list_pages(s, &ls);
	}
	return rc ? rc : index_page(s, true);
}

static void home_show(struct site *s, struct feed_tpl_data *d, size_t i)
{
	const struct site_show *sh = &s->shows[i];
	struct feed_tpl_data *item = feed_tpl_add(d, "shows");
	char dir[128];
	char *summary = NULL;

	snprintf(dir, sizeof(dir), "%s/", sh->show.slug);
	feed_tpl_set(item, "title", sh->show.title);
	feed_tpl_set(item, "content_lang", sh->show.language);
	feed_tpl_setf(item, "page", "%sindex.html", dir);
	feed_tpl_setf(item, "feed", "%sfeed.xml", dir);
	show_image(item, "image", &sh->show, dir);
	if (!feed_text_summary(sh->show.description, SITE_SUMMARY_MAX, &summary,
			       s->err))
		feed_tpl_set(item, "description", summary);
	free(summary);
	feed_tpl_setf(item, "n_episodes", "%zu", sh->n_cards);
	if (sh->n_cards)
		set_date(s, item, "latest",
			 s->cards[sh->first_card].published_unix,
			 sh->show.timezone, s->lang);
}

static int home_page(struct site *s)
{
	struct feed_tpl_data *d = page_new(s, s->lang, "", NULL), *og;
	const char *site =
	    s->site_title ? s->site_title : feed_str(s->lang, "site_title");
	size_t i;

	if (!d)
		return nomem(s);
	feed_tpl_set_bool(d, "nav_home", true);
	feed_tpl_set(d, "meta_description", feed_str(s->lang, "home_intro"));
	og = og_new(d, s->lang, "website", site, site);
	feed_tpl_set(og, "description", feed_str(s->lang, "home_intro"));
	if (s->opts->base_url)
		feed_tpl_setf(og, "url", "%s/index.html", s->opts->base_url);
	for (i = 0; i < s->n_shows; i++)
		home_show(s, d, i);
	feed_tpl_set_bool(d, "has_episodes", s->n_cards > 0);
	for (i = 0; i < s->n_cards && i < SITE_HOME_LATEST; i++)
		card_data(s, d, "episodes", &s->cards[s->order[i]], s->lang, "",
			  false);
	return emit_page(s, "home.html", d, "index.html");
}

/* ---- OPML, assets ------------------------------------------------------- */

/* One <outline> per show, written with libxml2's writer (it escapes). */
static int opml_outlines(struct site *s, xmlTextWriterPtr w)
{
	const struct catalog_show *show;
	char *title, *url, *page;
	size_t i;
	int x = 0;

	for (i = 0; x >= 0 && i < s->n_shows; i++) {
		show = &s->shows[i].show;
		title = siar_utf8_dup(show->title, true);
		url = feed_default_url(show);
		page = malloc(strlen(show->base_url) + 16);
		if (!title || !url || !page) {
			free(title);
			free(url);
			free(page);
			return -1;
		}
		snprintf(page, strlen(show->base_url) + 16, "%s/index.html",
			 show->base_url);
		x = xmlTextWriterStartElement(w, BAD_CAST "outline");
		if (x >= 0)
			x = xmlTextWriterWriteAttribute(w, BAD_CAST "type",
							BAD_CAST "rss");
		if (x >= 0)
			x = xmlTextWriterWriteAttribute(w, BAD_CAST "text",
							BAD_CAST title);
		if (x >= 0)
			x = xmlTextWriterWriteAttribute(w, BAD_CAST "title",
							BAD_CAST title);
		if (x >= 0)
			x = xmlTextWriterWriteAttribute(w, BAD_CAST "xmlUrl",
							BAD_CAST url);
		if (x >= 0)
			x = xmlTextWriterWriteAttribute(w, BAD_CAST "htmlUrl",
							BAD_CAST page);
		if (x >= 0)
			x = xmlTextWriterEndElement(w);
		free(title);
		free(url);
		free(page);
	}
	return x;
}

static int opml_write(struct site *s, xmlTextWriterPtr w)
{
	const char *site =
	    s->site_title ? s->site_title : feed_str(s->lang, "site_title");
	char *title = siar_utf8_dup(site, true);
	int x;

	if (!title)
		return -1;
	x = xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	if (x >= 0)
		x = xmlTextWriterStartElement(w, BAD_CAST "opml");
	if (x >= 0)
		x = xmlTextWriterWriteAttribute(w, BAD_CAST "version",
						BAD_CAST "2.0");
	if (x >= 0)
		x = xmlTextWriterStartElement(w, BAD_CAST "head");
	if (x >= 0)
		x = xmlTextWriterWriteElement(w, BAD_CAST "title",
					      BAD_CAST title);
	if (x >= 0)
		x = xmlTextWriterEndElement(w);
	if (x >= 0)
		x = xmlTextWriterStartElement(w, BAD_CAST "body");
	if (x >= 0)
		x = opml_outlines(s, w);
	if (x >= 0)
		x = xmlTextWriterEndDocument(w);
	free(title);
	return x;
}

/* shows.opml: every show's feed, for a podcast app to subscribe to all. */
static int opml_file(struct site *s)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = buf ? xmlNewTextWriterMemory(buf, 0) : NULL;
	int x = -1, rc;

	if (w && xmlTextWriterSetIndent(w, 1) >= 0 &&
	    xmlTextWriterSetIndentString(w, BAD_CAST "  ") >= 0)
		x = opml_write(s, w);
	/* Freeing the writer flushes it into 'buf'. */
	xmlFreeTextWriter(w);
	if (x < 0) {
		xmlBufferFree(buf);
		return siar_err_set(s->err, SIAR_ENOMEM,
				    "cannot write shows.opml: out of memory");
	}
	rc = emit(s, "shows.opml", (const char *)xmlBufferContent(buf),
		  (size_t)xmlBufferLength(buf));
	xmlBufferFree(buf);
	return rc;
}

/* style.css and site.js, as built in; and the mark of a siar site. */
static int asset_files(struct site *s)
{
	static const char *const assets[] = {"style.css", "site.js"};
	static const char marker[] =
	    "This folder is a site built by 'siar build'; it is rebuilt "
	    "whole.\n";
	const struct feed_tpl_source *src;
	size_t i, j, n;
	int rc = SIAR_OK;

	src = feed_tpl_builtin(&n);
	for (i = 0; !rc && i < sizeof(assets) / sizeof(assets[0]); i++)
		for (j = 0; !rc && j < n; j++)
			if (!strcmp(src[j].name, assets[i]))
				rc =
				    emit(s, assets[i], src[j].text, src[j].len);
	if (!rc)
		rc = emit(s, SITE_MARKER, marker, sizeof(marker) - 1);
	return rc;
}

/* ---- The build ---------------------------------------------------------- */

/* OUTDIR without trailing slashes; a name to put ".new" beside. */
static int set_dirs(struct site *s, const char *outdir)
{
	size_t len = strlen(outdir);
	const char *last;

	while (len > 1 && outdir[len - 1] == '/')
		len--;
	s->outdir = strndup(outdir, len);
	if (!s->outdir)
		return nomem(s);
	last = strrchr(s->outdir, '/');
	last = last ? last + 1 : s->outdir;
	if (!*last || !strcmp(last, ".") || !strcmp(last, ".."))
		return siar_err_set(s->err, SIAR_EINVAL,
				    "cannot build a site in '%s': name the "
				    "folder itself",
				    outdir);
	s->newdir = malloc(len + 5);
	if (!s->newdir)
		return nomem(s);
	snprintf(s->newdir, len + 5, "%s.new", s->outdir);
	return SIAR_OK;
}

/* OUTDIR.lock, held (fcntl) until the process ends or closes it. */
static int take_lock(struct site *s, int *fd)
{
	struct flock lk;
	struct siar_buf path;
	int rc;

	siar_buf_init(&path, 0);
	siar_buf_addf(&path, "%s.lock", s->outdir);
	rc = siar_buf_check(&path, s->err);
	if (!rc) {
		*fd = open(path.buf, O_RDWR | O_CREAT, 0644);
		if (*fd < 0)
			rc = siar_err_set(s->err, SIAR_EIO,
					  "cannot create '%s': %s", path.buf,
					  strerror(errno));
	}
	memset(&lk, 0, sizeof(lk));
	lk.l_type = F_WRLCK;
	lk.l_whence = SEEK_SET;
	if (!rc && fcntl(*fd, F_SETLK, &lk))
		rc = siar_err_set(s->err, SIAR_EIO,
				  "another 'siar build' is writing '%s'",
				  s->outdir);
	siar_buf_release(&path);
	return rc;
}

/* 1 if folder 'dir' holds a file named 'name' or anything at all. */
static bool dir_has(const char *dir, const char *name, bool any)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	bool found = false;

	if (!d)
		return false;
	while (!found && (e = readdir(d)))
		found = any ? strcmp(e->d_name, ".") && strcmp(e->d_name, "..")
			    : !strcmp(e->d_name, name);
	closedir(d);
	return found;
}

/*
 * Start OUTDIR.new: empty, or, to keep the time stamps of what does not
 * change, hard links to every file of the last build.
 */
static int prepare(struct site *s)
{
	struct stat st;
	bool ours = false;
	int rc;

	if (!stat(s->outdir, &st)) {
		if (!S_ISDIR(st.st_mode))
			return siar_err_set(s->err, SIAR_EINVAL,
					    "'%s' is not a folder", s->outdir);
		ours = dir_has(s->outdir, SITE_MARKER, false);
		if (!ours && dir_has(s->outdir, NULL, true))
			return siar_err_set(
			    s->err, SIAR_EINVAL,
			    "'%s' is not empty and was not built by siar "
			    "(no %s in it): choose a new or empty folder",
			    s->outdir, SITE_MARKER);
	} else if (errno != ENOENT) {
		return siar_err_set(s->err, SIAR_EIO, "cannot read '%s': %s",
				    s->outdir, strerror(errno));
	}
	rc = feed_fs_remove_tree(s->newdir, s->err);
	if (!rc && mkdir(s->newdir, 0755))
		rc = siar_err_set(s->err, SIAR_EIO, "cannot create '%s': %s",
				  s->newdir, strerror(errno));
	if (!rc && ours && !s->opts->force)
		rc = feed_fs_link_tree(s->outdir, s->newdir, s->err);
	return rc;
}

static int subdirs(struct site *s)
{
	static const char *const dirs[] = {"topics", "people", "embed"};
	struct siar_buf path;
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; !rc && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		rc = new_path(s, &path, dirs[i]);
		if (!rc)
			rc = feed_fs_mkdirs(path.buf, s->err);
		siar_buf_release(&path);
	}
	return rc;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Drop what the last build had and this one did not, then swap. */
static int finish(struct site *s)
{
	size_t i;
	int rc;

	if (s->written.n > 1)
		qsort(s->written.items, s->written.n, sizeof(char *), cmp_path);
	for (i = 1; i < s->written.n; i++)
		if (!strcmp(s->written.items[i - 1], s->written.items[i]))
			return siar_err_set(s->err, SIAR_EINVAL,
					    "two files of the site would be "
					    "'%s': rename one",
					    s->written.items[i]);
	rc = feed_fs_prune(s->newdir, s->written.items, s->written.n,
			   &s->stats.n_removed, s->err);
	if (!rc)
		rc = feed_fs_swap(s->newdir, s->outdir, s->err);
	return rc;
}

static int check_opts(struct site *s)
{
	const struct feed_site_opts *o = s->opts;

	if (o->lang && !feed_lang_parse(o->lang, &s->lang))
		return siar_err_set(s->err, SIAR_EINVAL,
				    "bad language '%s': use id or en", o->lang);
	if (o->base_url && strncmp(o->base_url, "https://", 8) &&
	    strncmp(o->base_url, "http://", 7))
		return siar_err_set(s->err, SIAR_EINVAL,
				    "bad base URL '%s': use http:// or "
				    "https://",
				    o->base_url);
	return SIAR_OK;
}

static int build_all(struct site *s)
{
	const struct feed_tpl_source *src;
	size_t n, i;
	int rc;

	src = feed_tpl_builtin(&n);
	rc = feed_tpls_new(&s->tpls, src, n, s->err);
	if (!rc)
		rc = load_catalogue(s);
	if (rc)
		return rc;
	s->site_title = siar_strdup(common_office(s));
	rc = prepare(s);
	if (!rc)
		rc = subdirs(s);
	for (i = 0; !rc && i < s->n_shows; i++)
		rc = build_show(s, i);
	if (!rc)
		rc = order_cards(s);
	/*
	 * The pages across shows show the dates of many shows; the offices
	 * mostly share one zone, and holding it spares reloading it for
	 * every date (the others still convert, more slowly).
	 */
	if (!rc && s->n_shows)
		rc = siar_tz_hold(s->shows[0].show.timezone, s->err);
	if (!rc)
		rc = home_page(s);
	if (!rc)
		rc = topic_pages(s);
	if (!rc)
		rc = person_pages(s);
	if (!rc)
		rc = opml_file(s);
	if (!rc)
		rc = asset_files(s);
	siar_tz_release();
	if (!rc)
		rc = finish(s);
	return rc;
}

static void site_release(struct site *s)
{
	size_t i;

	for (i = 0; i < s->n_shows; i++)
		catalog_show_release(&s->shows[i].show);
	free(s->shows);
	for (i = 0; i < s->n_topics; i++) {
		free(s->topics[i].name);
		free(s->topics[i].slug);
	}
	free(s->topics);
	for (i = 0; i < s->n_people; i++) {
		free(s->people[i].name);
		free(s->people[i].slug);
		free(s->people[i].about);
		free(s->people[i].organisation);
		free(s->people[i].url);
		free(s->people[i].photo);
	}
	free(s->people);
	for (i = 0; i < s->n_cards; i++)
		card_release(&s->cards[i]);
	free(s->cards);
	free(s->order);
	free(s->files);
	siar_paths_release(&s->pool);
	siar_paths_release(&s->written);
	feed_tpls_free(s->tpls);
	free(s->site_title);
	free(s->outdir);
	free(s->newdir);
}

int feed_build_site(struct catalog *cat, const char *outdir,
		    const struct feed_site_opts *opts,
		    struct feed_site_stats *stats, struct siar_err *err)
{
	struct feed_site_opts defaults;
	struct siar_err scratch = {0};
	struct site s;
	int lock_fd = -1;
	int rc;

	feed_site_opts_init(&defaults);
	memset(&s, 0, sizeof(s));
	s.cat = cat;
	s.opts = opts ? opts : &defaults;
	s.err = err;
	s.lang = FEED_LANG_ID;
	siar_paths_init(&s.pool);
	siar_paths_init(&s.written);
	rc = check_opts(&s);
	if (!rc)
		rc = set_dirs(&s, outdir);
	if (!rc)
		rc = take_lock(&s, &lock_fd);
	if (!rc)
		rc = build_all(&s);
	s.stats.n_episodes = s.n_cards;
	/* A failed build leaves OUTDIR as it was, and nothing beside it. */
	if (rc && lock_fd >= 0 && s.newdir)
		feed_fs_remove_tree(s.newdir, &scratch);
	if (lock_fd >= 0)
		close(lock_fd);
	if (stats)
		*stats = s.stats;
	site_release(&s);
	return rc;
}
