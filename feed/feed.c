/*
 * The RSS 2.0 writer: one show's channel and its live episodes, with
 * Apple's itunes: tags and the Podcasting 2.0 podcast: namespace, laid out
 * to /work/shared/feed-spec.md.
 *
 * Output goes through xmlout.c, which lays the document out as libxml2's
 * xmlTextWriter does and has libxml2 escape every value that needs it,
 * in blocks to the caller's FILE. Episodes come one at a time from a
 * catalogue cursor, so memory does not grow with the number of episodes.
 * Every text value is repaired to valid UTF-8 without control characters
 * before the writer sees it; values that are clean already (nearly all)
 * go out without a copy. Choosing and replacing the output file is the
 * caller's business.
 */
#include "feed_int.h"
#include "xmlout.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <uuid/uuid.h>

/*
 * Byte limits from feed-spec §1.5 and §4.2 (descriptions), §2.9 (other
 * values) and §5 (person names). The validators count characters; counting
 * bytes is stricter and needs no decoding. URLs and identifiers are never
 * cut, because a shortened URL points somewhere else.
 */
#define FEED_TEXT_MAX	((size_t)255)
#define FEED_DESC_MAX	((size_t)4000)
#define FEED_PERSON_MAX ((size_t)128)
#define FEED_NO_MAX	((size_t)0)

/*
 * The people whose podcast:person tags carry a link or a photo, looked up
 * by name for each credit. Grows with the people, not the episodes.
 */
struct feed_person {
	char *name;
	char *url;   /* NULL if none */
	char *photo; /* NULL if none */
};

struct feed_people {
	struct feed_person *v;
	size_t n;
	size_t cap;
};

/*
 * The people credited on the show (its hosts ...), in order: the channel
 * lists them and each item with people of its own restates them.
 */
struct feed_credit {
	char *name;
	char *role;
	char *group;
};

struct feed_credits {
	struct feed_credit *v;
	size_t n;
	size_t cap;
};

/*
 * One feed being written. Like siar_buf, it remembers its first failure in
 * 'rc' and every fw_ call does nothing after it, so writers list elements
 * without checking each one.
 */
struct feed_writer {
	struct xml_out xo;
	FILE *fp;
	struct catalog *cat;
	const struct catalog_show *show;
	struct feed_people people;
	struct feed_credits show_people;
	bool filtered; /* only a topic's or a person's episodes */
	struct feed_gate *gate; /* opts->check's rules, or NULL */
	char *title; /* the channel's cleaned title, never empty */
	char *link;  /* the channel's cleaned link */
	/* Room reused from value to value: cleaned text, URLs, HTML. */
	struct siar_buf text, item_title, url, html, plain;
	struct siar_err *err;
	int rc;
};

void feed_opts_init(struct feed_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
}

/* The length of 'url' without its trailing slashes. */
static size_t base_len(const char *url)
{
	size_t len = strlen(url);

	while (len > 0 && url[len - 1] == '/')
		len--;
	return len;
}

char *feed_default_url(const struct catalog_show *show)
{
	struct siar_buf b;
	char *url;

	siar_buf_init(&b, 0);
	siar_buf_add(&b, show->base_url, base_len(show->base_url));
	siar_buf_adds(&b, "/feed.xml");
	url = siar_buf_detach(&b);
	siar_buf_release(&b);
	return url;
}

/* RFC 3986 §2.3: the bytes a URL may carry without encoding. */
static bool is_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	       c == '~';
}

/*
 * Append 's' to 'b', each byte outside RFC 3986's unreserved set
 * percent-encoded: file names are bytes, not text.
 */
static void add_encoded(struct siar_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p; p++) {
		if (is_unreserved(*p)) {
			siar_buf_addc(b, (char)*p);
			continue;
		}
		siar_buf_addc(b, '%');
		siar_buf_addc(b, hex[*p >> 4]);
		siar_buf_addc(b, hex[*p & 0x0F]);
	}
}

char *feed_self_url(const struct catalog_show *show,
		    const struct feed_opts *opts)
{
	struct siar_buf b;
	char *url;

	if (opts && opts->self_url)
		return siar_strdup(opts->self_url);
	if (!opts || (!opts->topic && !opts->person))
		return feed_default_url(show);
	siar_buf_init(&b, 0);
	siar_buf_add(&b, show->base_url, base_len(show->base_url));
	siar_buf_adds(&b, opts->topic ? "/topics/" : "/people/");
	add_encoded(&b, opts->topic ? opts->topic : opts->person);
	siar_buf_adds(&b, "/feed.xml");
	url = siar_buf_detach(&b);
	siar_buf_release(&b);
	return url;
}

/*
 * Where the scheme's "://" ends in 'url', or 0 when it has none. A scheme
 * is RFC 3986 §3.1's ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), so the
 * "://" inside "host/go?to=https://x" is not taken for one.
 */
static size_t scheme_len(const char *url)
{
	const char *p = url;

	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		return 0;
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
	       (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return strncmp(p, "://", 3) ? 0 : (size_t)(p - url) + 3;
}

/* The name a feed's GUID is made from: 'url' less scheme and end slashes. */
static const char *guid_name(const char *url, size_t *len)
{
	const char *name = url + scheme_len(url);

	*len = base_len(name);
	return name;
}

char *feed_podcast_guid(const char *feed_url)
{
	/* ead4c236-bf58-58c6-a2c6-a6b28d128cb6, feed-spec §5. */
	static const uuid_t ns = {0xea, 0xd4, 0xc2, 0x36, 0xbf, 0x58,
				  0x58, 0xc6, 0xa2, 0xc6, 0xa6, 0xb2,
				  0x8d, 0x12, 0x8c, 0xb6};
	const char *name;
	size_t len;
	uuid_t id;
	char *out;

	if (!feed_url)
		return NULL;
	name = guid_name(feed_url, &len);
	if (!len)
		return NULL;
	uuid_generate_sha1(id, ns, name, len);
	out = malloc(UUID_STR_LEN);
	if (out)
		uuid_unparse_lower(id, out);
	return out;
}


/* Append 'path''s base name to 'b', percent-encoded (add_encoded). */
static void add_encoded_name(struct siar_buf *b, const char *path)
{
	const char *name = strrchr(path, '/');

	add_encoded(b, name ? name + 1 : path);
}

void feed_add_file_url(struct siar_buf *b, const struct catalog_show *show,
		       const char *path)
{
	if (catalog_path_remote(path)) {
		siar_buf_adds(b, path);
		return;
	}
	siar_buf_add(b, show->base_url, base_len(show->base_url));
	siar_buf_addc(b, '/');
	add_encoded_name(b, path);
}

char *feed_file_url(const struct catalog_show *show, const char *path)
{
	struct siar_buf b;
	char *url;

	siar_buf_init(&b, 0);
	feed_add_file_url(&b, show, path);
	url = siar_buf_detach(&b);
	siar_buf_release(&b);
	return url;
}

char *feed_media_url(const struct catalog_show *show, const char *media_path)
{
	return feed_file_url(show, media_path);
}

char *feed_show_image_url(const struct catalog_show *show)
{
	if (show->image)
		return siar_strdup(show->image);
	if (show->image_path)
		return feed_file_url(show, show->image_path);
	return NULL;
}

/*
 * A file name for an episode's GUID: the GUID itself when it is a short
 * run of unreserved characters (siar's UUIDs), else the first 32 hex
 * digits of its SHA-256, so that imported GUIDs ("https://a/ep/1",
 * "tag:...") give distinct names that need no encoding in a URL.
 */
static int add_guid_name(struct siar_buf *b, const char *guid,
			 struct siar_err *err)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char digest[32];
	const char *p;
	bool plain = *guid && strlen(guid) <= 64 && strcmp(guid, ".") &&
		     strcmp(guid, "..");
	size_t i;

	for (p = guid; plain && *p; p++)
		plain = is_unreserved((unsigned char)*p);
	if (plain) {
		siar_buf_adds(b, guid);
		return SIAR_OK;
	}
	if (feed_sha256(guid, strlen(guid), digest, err))
		return err->code;
	for (i = 0; i < 16; i++) {
		siar_buf_addc(b, hex[digest[i] >> 4]);
		siar_buf_addc(b, hex[digest[i] & 0x0F]);
	}
	return SIAR_OK;
}

char *feed_chapters_name(const struct catalog_episode *ep,
			 struct siar_err *err)
{
	struct siar_buf b;
	char *name = NULL;

	siar_buf_init(&b, 0);
	siar_buf_adds(&b, "chapters/");
	if (!add_guid_name(&b, ep->guid, err)) {
		siar_buf_adds(&b, ".json");
		if (!siar_buf_check(&b, err))
			name = siar_buf_detach(&b);
	}
	siar_buf_release(&b);
	return name;
}

char *feed_chapters_url(const struct catalog_show *show,
			const struct catalog_episode *ep,
			struct siar_err *err)
{
	char *name = feed_chapters_name(ep, err);
	struct siar_buf b;
	char *url;

	if (!name)
		return NULL;
	siar_buf_init(&b, 0);
	siar_buf_add(&b, show->base_url, base_len(show->base_url));
	siar_buf_addc(&b, '/');
	siar_buf_adds(&b, name);
	url = siar_buf_check(&b, err) ? NULL : siar_buf_detach(&b);
	siar_buf_release(&b);
	free(name);
	return url;
}

/* ---- Text -------------------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Append 's' (NULL counts as empty) to the empty buffer 'b' as feed text:
 * valid UTF-8 without the controls XML 1.0 cannot carry, without the
 * surrounding white space feed-spec §2.9 forbids, and cut to at most 'max'
 * bytes (0: no limit) on a code point boundary. Failures stay in 'b'.
 */
static void clean_text(struct siar_buf *b, const char *s, size_t max)
{
	size_t start = 0;
	size_t end;

	if (s)
		siar_utf8_repair(b, s, strlen(s), true);
	if (b->failed || !b->len)
		return;
	while (start < b->len && is_space(b->buf[start]))
		start++;
	end = b->len;
	if (max && end - start > max) {
		end = start + max;
		while (end > start &&
		       ((unsigned char)b->buf[end] & 0xC0) == 0x80)
			end--;
	}
	while (end > start && is_space(b->buf[end - 1]))
		end--;
	memmove(b->buf, b->buf + start, end - start);
	b->len = end - start;
	b->buf[b->len] = '\0';
}

/*
 * A cleaned copy of 's' (see clean_text), or of 'fallback' when that comes
 * out empty. The caller frees it; NULL when memory runs out.
 */
static char *clean_dup(const char *s, const char *fallback, size_t max)
{
	struct siar_buf b;
	char *out;

	siar_buf_init(&b, 0);
	clean_text(&b, s, max);
	if (!b.failed && !b.len)
		clean_text(&b, fallback, max);
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	return out;
}

/* ---- The writer -------------------------------------------------------- */

static void fw_fail_io(struct feed_writer *fw, int errnum)
{
	fw->rc = siar_err_set(fw->err, SIAR_EIO, "cannot write feed: %s",
			      strerror(errnum));
}

static void fw_nomem(struct feed_writer *fw)
{
	if (!fw->rc)
		fw->rc = siar_err_set(fw->err, SIAR_ENOMEM, "out of memory");
}

/*
 * Take the writer's failure into fw->rc. Called once per item and at the
 * end rather than after each element: like siar_buf, the writer ignores
 * every call after its first failure.
 */
static void fw_check(struct feed_writer *fw)
{
	int errnum = xo_errnum(&fw->xo);

	if (fw->rc)
		return;
	if (fw->xo.failed == SIAR_ENOMEM)
		fw_nomem(fw);
	else if (fw->xo.failed)
		fw->rc = siar_err_set(fw->err, SIAR_EINVAL,
				      "cannot write feed: elements out of "
				      "order");
	else if (errnum)
		fw_fail_io(fw, errnum);
}

static void fw_start(struct feed_writer *fw, const char *name)
{
	if (!fw->rc)
		xo_start(&fw->xo, name);
}

static void fw_end(struct feed_writer *fw)
{
	if (!fw->rc)
		xo_end(&fw->xo);
}

/* Write 'value', which must already be clean (constants, cleaned text). */
static void fw_attr_raw(struct feed_writer *fw, const char *name,
			const char *value)
{
	if (!fw->rc)
		xo_attr(&fw->xo, name, value);
}

static void fw_elem_raw(struct feed_writer *fw, const char *name,
			const char *text)
{
	if (fw->rc)
		return;
	xo_start(&fw->xo, name);
	xo_text(&fw->xo, text);
	xo_end(&fw->xo);
}

static void fw_string_raw(struct feed_writer *fw, const char *text)
{
	if (!fw->rc)
		xo_text(&fw->xo, text);
}

/*
 * 's' as feed text (clean_text): 's' itself when it is clean already, as
 * nearly every value is, else its cleaned copy in 'room'. NULL after a
 * failure, which is then in fw->rc.
 */
static const char *fw_text(struct feed_writer *fw, struct siar_buf *room,
			   const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0;

	if (fw->rc)
		return NULL;
	if (len && (!max || len <= max) && !is_space(s[0]) &&
	    !is_space(s[len - 1]) && siar_utf8_clean_len(s, len, true) == len)
		return s;
	siar_buf_clear(room);
	clean_text(room, s, max);
	if (siar_buf_check(room, fw->err)) {
		fw->rc = fw->err->code;
		return NULL;
	}
	return room->buf;
}

enum fw_kind { FW_ATTR, FW_ELEM, FW_STRING };

/* Clean 's' (see clean_text) and write it as 'kind'. */
static void fw_clean(struct feed_writer *fw, enum fw_kind kind,
		     const char *name, const char *s, size_t max)
{
	const char *text = fw_text(fw, &fw->text, s, max);

	if (!text)
		return;
	switch (kind) {
	case FW_ATTR:
		fw_attr_raw(fw, name, text);
		break;
	case FW_ELEM:
		fw_elem_raw(fw, name, text);
		break;
	case FW_STRING:
		fw_string_raw(fw, text);
		break;
	}
}

static void fw_attr(struct feed_writer *fw, const char *name, const char *s)
{
	fw_clean(fw, FW_ATTR, name, s, FEED_NO_MAX);
}

static void fw_elem(struct feed_writer *fw, const char *name, const char *s,
		    size_t max)
{
	fw_clean(fw, FW_ELEM, name, s, max);
}

/* <name attr="value">text</name>, all of it cleaned. */
static void fw_elem_attr(struct feed_writer *fw, const char *name,
			 const char *attr, const char *value, const char *text,
			 size_t max)
{
	fw_start(fw, name);
	fw_attr(fw, attr, value);
	fw_clean(fw, FW_STRING, NULL, text, max);
	fw_end(fw);
}

static void fw_int(struct feed_writer *fw, const char *name, int64_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%" PRId64, v);
	fw_elem_raw(fw, name, num);
}

/* An RFC 2822 date in the show's zone (feed-spec §4.1). */
static void fw_date(struct feed_writer *fw, const char *name, int64_t unix_s)
{
	if (fw->rc)
		return;
	siar_buf_clear(&fw->text);
	if (siar_time_rfc2822(&fw->text, unix_s, fw->show->timezone, fw->err))
		fw->rc = fw->err->code;
	else
		fw_elem_raw(fw, name, fw->text.buf);
}

/* ---- People's links and photos ------------------------------------------ */

static void people_release(struct feed_people *pp)
{
	size_t i;

	for (i = 0; i < pp->n; i++) {
		free(pp->v[i].name);
		free(pp->v[i].url);
		free(pp->v[i].photo);
	}
	free(pp->v);
	pp->v = NULL;
	pp->n = pp->cap = 0;
}

/* A catalog_person_fn: keep those with a link or a photo. */
static int people_add(const struct catalog_person *p, void *ctx,
		      struct siar_err *err)
{
	struct feed_people *pp = ctx;
	struct feed_person *grown, *e;
	size_t cap;

	if (!p->url && !p->photo)
		return SIAR_OK;
	if (pp->n == pp->cap) {
		cap = pp->cap ? pp->cap * 2 : 16;
		grown = NULL;
		if (cap <= SIZE_MAX / sizeof(*grown))
			grown = realloc(pp->v, cap * sizeof(*grown));
		if (!grown)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		pp->v = grown;
		pp->cap = cap;
	}
	e = &pp->v[pp->n];
	e->name = siar_strdup(p->name);
	e->url = p->url ? siar_strdup(p->url) : NULL;
	e->photo = p->photo ? siar_strdup(p->photo) : NULL;
	pp->n++;
	if (!e->name || (p->url && !e->url) || (p->photo && !e->photo))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

static int person_cmp(const void *a, const void *b)
{
	return strcmp(((const struct feed_person *)a)->name,
		      ((const struct feed_person *)b)->name);
}

static int people_load(struct feed_people *pp, struct catalog *cat,
		       struct siar_err *err)
{
	int rc = catalog_person_each_linked(cat, people_add, pp, err);

	if (!rc && pp->n > 1)
		qsort(pp->v, pp->n, sizeof(*pp->v), person_cmp);
	return rc;
}

/* The person named exactly 'name', or NULL. */
static const struct feed_person *people_find(const struct feed_people *pp,
					     const char *name)
{
	struct feed_person key = {.name = (char *)name};

	if (!pp->n)
		return NULL;
	return bsearch(&key, pp->v, pp->n, sizeof(*pp->v), person_cmp);
}

static void credits_release(struct feed_credits *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++) {
		free(cs->v[i].name);
		free(cs->v[i].role);
		free(cs->v[i].group);
	}
	free(cs->v);
	cs->v = NULL;
	cs->n = cs->cap = 0;
}

/* A catalog_show_credit_fn: keep a copy of each of the show's people. */
static int credits_add(const struct catalog_show_credit *c, void *ctx,
		       struct siar_err *err)
{
	struct feed_credits *cs = ctx;
	struct feed_credit *grown, *e;
	size_t cap;

	if (cs->n == cs->cap) {
		cap = cs->cap ? cs->cap * 2 : 8;
		grown = NULL;
		if (cap <= SIZE_MAX / sizeof(*grown))
			grown = realloc(cs->v, cap * sizeof(*grown));
		if (!grown)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		cs->v = grown;
		cs->cap = cap;
	}
	e = &cs->v[cs->n];
	e->name = siar_strdup(c->name);
	e->role = siar_strdup(c->role);
	e->group = siar_strdup(c->group);
	cs->n++;
	if (!e->name || !e->role || !e->group)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

static void fw_init(struct feed_writer *fw, struct catalog *cat,
		    const struct catalog_show *show, FILE *out,
		    struct siar_err *err)
{
	memset(&fw->xo, 0, sizeof(fw->xo));
	fw->fp = out;
	fw->cat = cat;
	fw->people.v = NULL;
	fw->people.n = 0;
	fw->people.cap = 0;
	fw->show_people.v = NULL;
	fw->show_people.n = 0;
	fw->show_people.cap = 0;
	fw->filtered = false;
	fw->gate = NULL;
	fw->show = show;
	fw->title = NULL;
	fw->link = NULL;
	siar_buf_init(&fw->text, 0);
	siar_buf_init(&fw->item_title, 0);
	siar_buf_init(&fw->url, 0);
	siar_buf_init(&fw->html, 0);
	siar_buf_init(&fw->plain, 0);
	fw->err = err;
	fw->rc = SIAR_OK;
}

static void fw_release(struct feed_writer *fw)
{
	xo_close(&fw->xo);
	feed_gate_close(fw->gate);
	fw->gate = NULL;
	free(fw->title);
	fw->title = NULL;
	free(fw->link);
	fw->link = NULL;
	people_release(&fw->people);
	credits_release(&fw->show_people);
	siar_buf_release(&fw->text);
	siar_buf_release(&fw->item_title);
	siar_buf_release(&fw->url);
	siar_buf_release(&fw->html);
	siar_buf_release(&fw->plain);
}

static int fw_open(struct feed_writer *fw)
{
	if (xo_open(&fw->xo, fw->fp))
		fw_nomem(fw);
	return fw->rc;
}

/*
 * Close the document and push every byte to the FILE. A stream such as
 * /dev/full accepts fwrite() into its buffer and fails only here.
 */
static int fw_finish(struct feed_writer *fw)
{
	int rc = fw->rc ? fw->rc : xo_flush(&fw->xo);

	fw_check(fw);
	if (!fw->rc && rc)
		fw_nomem(fw);
	if (!fw->rc && fflush(fw->fp))
		fw_fail_io(fw, errno);
	if (!fw->rc && ferror(fw->fp))
		fw_fail_io(fw, EIO);
	return fw->rc;
}

/* ---- Channel ----------------------------------------------------------- */

static const char *true_false(bool b)
{
	return b ? "true" : "false";
}

/* The namespaces are declared once, here, and used by prefix below. */
static void write_rss_start(struct feed_writer *fw)
{
	static const char *const ns[][2] = {
	    {"xmlns:itunes", "http://www.itunes.com/dtds/podcast-1.0.dtd"},
	    {"xmlns:podcast", "https://podcastindex.org/namespace/1.0"},
	    {"xmlns:atom", "http://www.w3.org/2005/Atom"},
	    {"xmlns:content", "http://purl.org/rss/1.0/modules/content/"},
	};
	size_t i;

	if (!fw->rc)
		xo_decl(&fw->xo);
	fw_start(fw, "rss");
	fw_attr_raw(fw, "version", "2.0");
	for (i = 0; i < sizeof(ns) / sizeof(ns[0]); i++)
		fw_attr_raw(fw, ns[i][0], ns[i][1]);
	fw_start(fw, "channel");
}

static void write_channel_about(struct feed_writer *fw, const char *self_url)
{
	const struct catalog_show *show = fw->show;

	fw_elem_raw(fw, "title", fw->title);
	fw_elem_raw(fw, "link", fw->link);
	/*
	 * A channel description must not be empty (feed-spec §1.5); one
	 * with markup goes out as its plain text, which every directory
	 * shows as written.
	 */
	if (!fw->rc) {
		struct siar_err ignored = {0};
		const char *text = show->description;
		struct siar_buf plain;
		struct siar_buf html;
		char *desc;

		siar_buf_init(&plain, 0);
		siar_buf_init(&html, 0);
		if (text && feed_html_has_markup(text, strlen(text)) &&
		    !feed_html_sanitize(text, strlen(text), &html, &plain,
					&ignored))
			text = plain.buf;
		desc = clean_dup(text, fw->title, FEED_DESC_MAX);
		if (!desc)
			fw_nomem(fw);
		fw_elem_raw(fw, "description", desc);
		free(desc);
		siar_buf_release(&plain);
		siar_buf_release(&html);
	}
	fw_elem(fw, "language", show->language, FEED_TEXT_MAX);
	if (show->copyright)
		fw_elem(fw, "copyright", show->copyright, FEED_TEXT_MAX);
	fw_start(fw, "atom:link");
	fw_attr(fw, "href", self_url);
	fw_attr_raw(fw, "rel", "self");
	fw_attr_raw(fw, "type", "application/rss+xml");
	fw_end(fw);
}

static void write_channel_image(struct feed_writer *fw)
{
	char *url;

	if (fw->rc || (!fw->show->image && !fw->show->image_path))
		return;
	url = feed_show_image_url(fw->show);
	if (!url) {
		fw_nomem(fw);
		return;
	}
	fw_start(fw, "itunes:image");
	fw_attr(fw, "href", url);
	fw_end(fw);
	/* feed-spec §2.7: title and link equal the channel's. */
	fw_start(fw, "image");
	fw_elem(fw, "url", url, FEED_NO_MAX);
	fw_elem_raw(fw, "title", fw->title);
	fw_elem_raw(fw, "link", fw->link);
	fw_end(fw);
	free(url);
}

/* feed-spec §1.8: the category, holding its subcategory if there is one. */
static void write_channel_category(struct feed_writer *fw)
{
	const struct catalog_show *show = fw->show;

	if (!show->category)
		return;
	fw_start(fw, "itunes:category");
	fw_attr(fw, "text", show->category);
	if (show->subcategory) {
		fw_start(fw, "itunes:category");
		fw_attr(fw, "text", show->subcategory);
		fw_end(fw);
	}
	fw_end(fw);
}

static void write_channel_itunes(struct feed_writer *fw)
{
	const struct catalog_show *show = fw->show;

	fw_elem(fw, "itunes:author", show->author, FEED_TEXT_MAX);
	if (show->owner_name || show->owner_email) {
		fw_start(fw, "itunes:owner");
		if (show->owner_name)
			fw_elem(fw, "itunes:name", show->owner_name,
				FEED_TEXT_MAX);
		if (show->owner_email)
			fw_elem(fw, "itunes:email", show->owner_email,
				FEED_TEXT_MAX);
		fw_end(fw);
	}
	write_channel_image(fw);
	write_channel_category(fw);
	fw_elem_raw(fw, "itunes:explicit", true_false(show->explicit));
	fw_elem(fw, "itunes:type",
		show->show_type ? show->show_type : "episodic", FEED_TEXT_MAX);
}

/*
 * One podcast:person; a NULL role or group is podcast:person's default.
 * The link and photo come from the person's record in the catalogue.
 */
static void write_person(struct feed_writer *fw, const char *name,
			 const char *role, const char *group)
{
	const struct feed_person *p = people_find(&fw->people, name);

	fw_start(fw, "podcast:person");
	fw_clean(fw, FW_ATTR, "role", role ? role : "host", FEED_TEXT_MAX);
	fw_clean(fw, FW_ATTR, "group", group ? group : "cast", FEED_TEXT_MAX);
	if (p && p->photo)
		fw_attr(fw, "img", p->photo);
	if (p && p->url)
		fw_attr(fw, "href", p->url);
	fw_clean(fw, FW_STRING, NULL, name, FEED_PERSON_MAX);
	fw_end(fw);
}

/* True if 'ep' itself credits c's person in c's role and group. */
static bool credited(const struct catalog_episode *ep,
		     const struct feed_credit *c)
{
	const struct catalog_credit *k;
	size_t i;

	if (!strcmp(c->role, "guest") && !strcmp(c->group, "cast")) {
		for (i = 0; i < ep->n_guests; i++)
			if (!strcmp(ep->guests[i], c->name))
				return true;
	}
	for (i = 0; i < ep->n_credits; i++) {
		k = &ep->credits[i];
		if (!strcmp(k->name, c->name) &&
		    !strcmp(k->role ? k->role : "host", c->role) &&
		    !strcmp(k->group ? k->group : "cast", c->group))
			return true;
	}
	return false;
}

/*
 * The show's hosts and other people; for an item ('ep' not NULL), all
 * but those the episode credits in the same role itself.
 */
static void write_show_people(struct feed_writer *fw,
			      const struct catalog_episode *ep)
{
	const struct feed_credit *c;
	size_t i;

	for (i = 0; i < fw->show_people.n; i++) {
		c = &fw->show_people.v[i];
		if (!ep || !credited(ep, c))
			write_person(fw, c->name, c->role, c->group);
	}
}

/*
 * podcast:updateFrequency from the show's cadence, its label in the
 * show's language (Indonesian or English).
 */
static void write_update_frequency(struct feed_writer *fw)
{
	static const char *const freq[][4] = {
		{"daily", "FREQ=DAILY", "Harian", "Daily"},
		{"weekly", "FREQ=WEEKLY", "Mingguan", "Weekly"},
		{"biweekly", "FREQ=WEEKLY;INTERVAL=2", "Dua mingguan",
		 "Every two weeks"},
		{"monthly", "FREQ=MONTHLY", "Bulanan", "Monthly"},
	};
	const char *cadence = fw->show->cadence ? fw->show->cadence : "weekly";
	const char *lang = fw->show->language ? fw->show->language : "id";
	bool id = !strncmp(lang, "id", 2) && (!lang[2] || lang[2] == '-');
	size_t i;

	for (i = 0; i < sizeof(freq) / sizeof(freq[0]); i++) {
		if (strcmp(cadence, freq[i][0]))
			continue;
		fw_start(fw, "podcast:updateFrequency");
		fw_attr_raw(fw, "rrule", freq[i][1]);
		fw_string_raw(fw, freq[i][id ? 2 : 3]);
		fw_end(fw);
		return;
	}
}

/*
 * The stored podcast:guid is canonical (assigned at creation or imported,
 * feed-spec §5); a show without one gets the GUID of 'self_url', which is
 * the same on every run, or none if 'self_url' is only a scheme.
 *
 * podcast:locked tells other hosts they may not import the show without
 * mail to 'owner'. It says "no" until siar can be told whether the office
 * wants the lock: refusing a legitimate move is worse than allowing one.
 *
 * NEEDSWORK: make the lock a show setting once catalog.h carries one.
 */
static void write_channel_podcast(struct feed_writer *fw, const char *self_url)
{
	const struct catalog_show *show = fw->show;
	char *guid = NULL;
	size_t len;

	if (fw->rc)
		return;
	guid_name(self_url, &len);
	/* A filtered feed is a podcast of its own, named by its own URL. */
	if (show->feed_guid && !fw->filtered) {
		fw_elem(fw, "podcast:guid", show->feed_guid, FEED_NO_MAX);
	} else if (len) {
		guid = feed_podcast_guid(self_url);
		if (!guid)
			fw_nomem(fw);
		fw_elem(fw, "podcast:guid", guid, FEED_NO_MAX);
		free(guid);
	}
	fw_elem(fw, "podcast:medium", show->medium ? show->medium : "podcast",
		FEED_TEXT_MAX);
	if (show->owner_email)
		fw_elem_attr(fw, "podcast:locked", "owner", show->owner_email,
			     "no", FEED_NO_MAX);
	write_update_frequency(fw);
	write_show_people(fw, NULL);
}

/*
 * Everything before the first item. 'last_change' rather than the clock
 * dates the build, so the same catalogue always gives the same bytes.
 */
static void write_head(struct feed_writer *fw, const struct feed_opts *opts,
		       int64_t last_change)
{
	const struct catalog_show *show = fw->show;
	char *self_url = feed_self_url(show, opts);
	const char *generator = opts ? opts->generator : NULL;
	const char *only = NULL;
	struct siar_buf title;

	if (opts)
		only = opts->topic ? opts->topic : opts->person;
	/* "Podcast KPU Grobogan: Tahapan Pemilu" for a topic's feed. */
	siar_buf_init(&title, 0);
	siar_buf_adds(&title, show->title ? show->title : show->slug);
	if (only)
		siar_buf_addf(&title, ": %s", only);
	fw->title = title.failed ? NULL
				 : clean_dup(title.buf, show->slug, FEED_TEXT_MAX);
	siar_buf_release(&title);
	fw->link = clean_dup(show->link, show->base_url, FEED_NO_MAX);
	if (!fw->title || !fw->link || !self_url)
		fw_nomem(fw);
	write_rss_start(fw);
	write_channel_about(fw, self_url);
	write_channel_itunes(fw);
	write_channel_podcast(fw, self_url);
	fw_date(fw, "lastBuildDate", last_change);
	fw_elem(fw, "generator", generator ? generator : "siar " SIAR_VERSION,
		FEED_TEXT_MAX);
	free(self_url);
}

/* ---- Items ------------------------------------------------------------- */

/* Whole seconds, rounded half up; a non-zero duration never shows as 0. */
int64_t feed_duration_seconds(int64_t duration_ms)
{
	int64_t s = duration_ms / 1000 + (duration_ms % 1000 >= 500);

	return s == 0 && duration_ms > 0 ? 1 : s;
}

/* The URL of the file at 'path' in fw->url; false after a failure. */
static bool fw_url(struct feed_writer *fw, const char *path)
{
	if (fw->rc)
		return false;
	siar_buf_clear(&fw->url);
	feed_add_file_url(&fw->url, fw->show, path);
	if (siar_buf_check(&fw->url, fw->err)) {
		fw->rc = fw->err->code;
		return false;
	}
	return true;
}

static void write_enclosure(struct feed_writer *fw,
			    const struct catalog_episode *ep)
{
	char len[32];

	if (!fw_url(fw, ep->media_path))
		return;
	/* feed-spec §3.2: 0 when unknown, never negative. */
	snprintf(len, sizeof(len), "%" PRId64,
		 ep->media_size_bytes > 0 ? ep->media_size_bytes : 0);
	fw_start(fw, "enclosure");
	fw_attr(fw, "url", fw->url.buf);
	fw_attr_raw(fw, "length", len);
	fw_attr(fw, "type", ep->media_mime);
	fw_end(fw);
}

/*
 * Duration, type and numbering. A zero duration means media/ could not
 * measure one; Apple then measures the file itself, which beats a wrong 0.
 */
static void write_item_itunes(struct feed_writer *fw,
			      const struct catalog_episode *ep)
{
	if (ep->duration_ms > 0)
		fw_int(fw, "itunes:duration",
		       feed_duration_seconds(ep->duration_ms));
	fw_elem(fw, "itunes:episodeType",
		ep->episode_type ? ep->episode_type : "full", FEED_TEXT_MAX);
	if (ep->season > 0)
		fw_int(fw, "itunes:season", ep->season);
	if (ep->episode_number > 0)
		fw_int(fw, "itunes:episode", ep->episode_number);
	if (ep->season > 0)
		fw_int(fw, "podcast:season", ep->season);
	if (ep->episode_number > 0)
		fw_int(fw, "podcast:episode", ep->episode_number);
	fw_elem_raw(fw, "itunes:explicit",
		    true_false(fw->show->explicit || ep->explicit));
}

/*
 * The guests, then the other credits, then the topics. People in an item
 * replace the channel's (feed-spec §5), so an episode with people of its
 * own restates the show's first: a guest does not make the hosts vanish.
 */
static void write_item_people(struct feed_writer *fw,
			      const struct catalog_episode *ep)
{
	const struct catalog_credit *c;
	size_t i;

	if (ep->n_guests || ep->n_credits)
		write_show_people(fw, ep);
	for (i = 0; i < ep->n_guests; i++)
		write_person(fw, ep->guests[i], "guest", "cast");
	for (i = 0; i < ep->n_credits; i++) {
		c = &ep->credits[i];
		write_person(fw, c->name, c->role, c->group);
	}
	for (i = 0; i < ep->n_topics; i++)
		fw_elem(fw, "category", ep->topics[i], FEED_TEXT_MAX);
}

/* <NAME ATTR="feed_file_url(path)"/>, the start of it when 'open'. */
static void fw_file_url(struct feed_writer *fw, const char *name,
			const char *attr, const char *path, bool open)
{
	if (!fw_url(fw, path))
		return;
	fw_start(fw, name);
	fw_attr(fw, attr, fw->url.buf);
	if (!open)
		fw_end(fw);
}

static int64_t gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * The episode's square artwork, and a video's poster frame as
 * podcast:image (feed-spec §6.4) with its aspect ratio.
 */
static void write_item_images(struct feed_writer *fw,
			      const struct catalog_episode *ep)
{
	char ratio[48];
	int64_t g;

	if (ep->image_path)
		fw_file_url(fw, "itunes:image", "href", ep->image_path, false);
	if (!ep->poster_path)
		return;
	fw_file_url(fw, "podcast:image", "href", ep->poster_path, true);
	fw_clean(fw, FW_ATTR, "alt", ep->title, FEED_TEXT_MAX);
	if (ep->width > 0 && ep->height > 0) {
		g = gcd64(ep->width, ep->height);
		snprintf(ratio, sizeof(ratio), "%" PRId64 "/%" PRId64,
			 ep->width / g, ep->height / g);
		fw_attr_raw(fw, "aspect-ratio", ratio);
		snprintf(ratio, sizeof(ratio), "%d", ep->width);
		fw_attr_raw(fw, "width", ratio);
		snprintf(ratio, sizeof(ratio), "%d", ep->height);
		fw_attr_raw(fw, "height", ratio);
	}
	fw_attr_raw(fw, "purpose", "poster");
	fw_end(fw);
}

/*
 * Transcripts and captions (feed-spec §5, §6.5), then the chapters file:
 * siar's own, or one hosted elsewhere.
 */
static void write_item_files(struct feed_writer *fw,
			     const struct catalog_episode *ep)
{
	const struct catalog_transcript *t;
	char *url;
	size_t i;

	for (i = 0; i < ep->n_transcripts; i++) {
		t = &ep->transcripts[i];
		fw_file_url(fw, "podcast:transcript", "url", t->path, true);
		fw_attr(fw, "type", t->mime);
		fw_attr(fw, "language",
			t->language ? t->language : fw->show->language);
		if (!strcmp(t->mime, "text/vtt") ||
		    !strcmp(t->mime, "application/x-subrip"))
			fw_attr_raw(fw, "rel", "captions");
		fw_end(fw);
	}
	if ((!ep->n_chapters && !ep->chapters_url) || fw->rc)
		return;
	url = ep->n_chapters ? feed_chapters_url(fw->show, ep, fw->err)
			     : siar_strdup(ep->chapters_url);
	if (!url) {
		if (ep->n_chapters)
			fw->rc = fw->err->code;
		else
			fw_nomem(fw);
		return;
	}
	fw_start(fw, "podcast:chapters");
	fw_attr(fw, "url", url);
	fw_attr_raw(fw, "type", "application/json+chapters");
	fw_end(fw);
	free(url);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * The Subresource Integrity value of a file whose SHA-256 is 'hex' (64
 * hex digits): "sha256-" and the digest in base64. False if 'hex' is not
 * a SHA-256, or (fw->rc set) if libcrypto cannot be loaded.
 */
static bool sri_value(struct feed_writer *fw, const char *hex,
		      char out[7 + 45])
{
	unsigned char digest[32];
	int hi, lo;
	size_t i;

	if (!hex || strlen(hex) != 64)
		return false;
	for (i = 0; i < 32; i++) {
		hi = hex_digit(hex[2 * i]);
		lo = hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		digest[i] = (unsigned char)(hi << 4 | lo);
	}
	memcpy(out, "sha256-", 7);
	if (feed_base64(out + 7, digest, 32, fw->err)) {
		if (!fw->rc)
			fw->rc = fw->err->code;
		return false;
	}
	return true;
}

/* What podcast:alternateEnclosure says of one file of an episode. */
struct alt_file {
	const char *path;
	const char *mime;
	const char *sha256;
	int64_t size_bytes;
	int64_t bit_rate;
	int height;
	const char *title;
	bool is_default;
};

static void write_alternate(struct feed_writer *fw, const struct alt_file *f)
{
	char num[32];
	char sri[7 + 45];

	fw_start(fw, "podcast:alternateEnclosure");
	fw_attr(fw, "type", f->mime);
	snprintf(num, sizeof(num), "%" PRId64,
		 f->size_bytes > 0 ? f->size_bytes : 0);
	fw_attr_raw(fw, "length", num);
	if (f->bit_rate > 0) {
		snprintf(num, sizeof(num), "%" PRId64, f->bit_rate);
		fw_attr_raw(fw, "bitrate", num);
	}
	if (f->height > 0) {
		snprintf(num, sizeof(num), "%d", f->height);
		fw_attr_raw(fw, "height", num);
	}
	/* The namespace allows 32 characters; 32 bytes is stricter. */
	if (f->title)
		fw_clean(fw, FW_ATTR, "title", f->title, 32);
	if (f->is_default)
		fw_attr_raw(fw, "default", "true");
	fw_file_url(fw, "podcast:source", "uri", f->path, true);
	fw_attr(fw, "contentType", f->mime);
	fw_end(fw);
	if (sri_value(fw, f->sha256, sri)) {
		fw_start(fw, "podcast:integrity");
		fw_attr_raw(fw, "type", "sri");
		fw_attr_raw(fw, "value", sri);
		fw_end(fw);
	}
	fw_end(fw);
}

/*
 * Each other rendition of the episode (another resolution, audio only)
 * as podcast:alternateEnclosure, with the main file first, marked as the
 * default, so an app choosing among them sees them all (feed-spec §6.3).
 */
static void write_item_renditions(struct feed_writer *fw,
				  const struct catalog_episode *ep)
{
	const struct catalog_rendition *r;
	struct alt_file f;
	size_t i;

	if (!ep->n_renditions)
		return;
	f.path = ep->media_path;
	f.mime = ep->media_mime;
	f.sha256 = ep->media_sha256;
	f.size_bytes = ep->media_size_bytes;
	f.bit_rate = ep->bit_rate;
	f.height = ep->height;
	f.title = NULL;
	f.is_default = true;
	write_alternate(fw, &f);
	for (i = 0; i < ep->n_renditions; i++) {
		r = &ep->renditions[i];
		f.path = r->path;
		f.mime = r->mime;
		f.sha256 = r->sha256;
		f.size_bytes = r->size_bytes;
		f.bit_rate = r->bit_rate;
		f.height = r->height;
		f.title = r->title;
		f.is_default = false;
		write_alternate(fw, &f);
	}
}

/* <name><![CDATA[html]]></name>; 'html' never holds "]]>". */
static void fw_cdata(struct feed_writer *fw, const char *name,
		     const char *html)
{
	fw_start(fw, name);
	if (!fw->rc)
		xo_cdata(&fw->xo, html);
	fw_end(fw);
}

/*
 * An episode's description, as feed-spec §4.2 and content:encoded want
 * it. The text is sanitised (feed_html_sanitize: allowed tags only, no
 * scripts, styles or event attributes, links to http, https and mailto
 * only). <description> holds that HTML in CDATA when the description has
 * markup and the HTML fits 4000 bytes, else its plain text cut to 4000
 * bytes; content:encoded holds the HTML, however long. Without a
 * description, the title stands in and there is no content:encoded. A
 * description gumbo cannot parse within its limits (hostile markup) goes
 * out as escaped plain text, so one bad description never stops a feed.
 */
static void write_item_text(struct feed_writer *fw, const char *desc,
			    const char *title)
{
	struct siar_err ignored = {0};
	struct siar_buf *html = &fw->html, *plain = &fw->plain;
	size_t len = desc ? strlen(desc) : 0;
	bool rich;

	if (fw->rc)
		return;
	/*
	 * Nearly every description is one line of plain text, which the
	 * sanitiser would give back as it is (plain) and in <p> (HTML):
	 * write those without making them.
	 */
	if (len <= FEED_DESC_MAX && feed_html_simple(desc, len)) {
		fw_elem_raw(fw, "description", desc);
		fw_start(fw, "content:encoded");
		if (!fw->rc)
			xo_cdata_para(&fw->xo, desc, len);
		fw_end(fw);
		return;
	}
	siar_buf_clear(html);
	siar_buf_clear(plain);
	if (len && !feed_html_sanitize(desc, len, html, plain, &ignored) &&
	    html->len && strstr(html->buf, "]]>") == NULL) {
		/* Markup needs a '<' or an '&': look for those first. */
		rich = (memchr(desc, '<', len) || memchr(desc, '&', len)) &&
		       feed_html_has_markup(desc, len);
		if (rich && html->len <= FEED_DESC_MAX)
			fw_cdata(fw, "description", html->buf);
		else
			fw_elem(fw, "description", plain->buf, FEED_DESC_MAX);
		fw_cdata(fw, "content:encoded", html->buf);
	} else {
		fw_elem(fw, "description", len ? desc : title, FEED_DESC_MAX);
	}
}

/* One <item>. Returns fw->rc. */
static int write_item(struct feed_writer *fw, const struct catalog_episode *ep)
{
	const char *title;

	/* A failed write shows up here first; stop rather than go on. */
	fw_check(fw);
	if (fw->rc)
		return fw->rc;
	title = fw_text(fw, &fw->item_title, ep->title, FEED_TEXT_MAX);
	if (title && !*title)
		title = fw_text(fw, &fw->item_title, ep->guid, FEED_TEXT_MAX);
	fw_start(fw, "item");
	fw_elem_raw(fw, "title", title);
	write_item_text(fw, ep->description, title);
	write_enclosure(fw, ep);
	fw_elem_attr(fw, "guid", "isPermaLink", "false", ep->guid, FEED_NO_MAX);
	fw_date(fw, "pubDate", ep->published_unix);
	write_item_itunes(fw, ep);
	write_item_images(fw, ep);
	write_item_people(fw, ep);
	write_item_files(fw, ep);
	write_item_renditions(fw, ep);
	fw_end(fw);
	return fw->rc;
}

/* ---- Entry point ------------------------------------------------------- */

/* The catalogue's filter for the episodes of the feed 'opts' asks for. */
static void feed_filter(struct catalog_filter *f, const char *slug,
			const struct feed_opts *opts)
{
	memset(f, 0, sizeof(*f));
	f->show_slug = slug;
	f->live_only = true;
	/*
	 * Who added an episode is the log's business, not the listener's,
	 * and the codecs and loudness are the checks' (warnings only).
	 */
	f->skip = CATALOG_SKIP_ADDER | CATALOG_SKIP_DETAILS;
	if (opts) {
		f->topic = opts->topic;
		f->person = opts->person;
		f->limit = opts->limit;
	}
}

/* Serve the show's files from opts->base_url, when given. */
static int override_base_url(struct catalog_show *show,
			     const struct feed_opts *opts, struct siar_err *err)
{
	char *url;

	if (!opts || !opts->base_url)
		return SIAR_OK;
	url = siar_strdup(opts->base_url);
	if (!url)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	free(show->base_url);
	show->base_url = url;
	return SIAR_OK;
}

static int no_episode(const struct catalog_episode *ep, void *ctx,
		      struct siar_err *err)
{
	(void)ep;
	(void)ctx;
	(void)err;
	return SIAR_OK;
}

/*
 * A topic or person that does not exist is an error, found before any
 * output rather than after the channel went out.
 */
static int check_filter(struct catalog *cat,
			const struct catalog_filter *filter,
			struct siar_err *err)
{
	struct catalog_filter one = *filter;

	one.limit = 1;
	return catalog_episode_each(cat, &one, no_episode, NULL, err);
}

/* ---- Writing behind the walk ------------------------------------------ */

/*
 * The walk (SQLite) and the writing (the checks, the XML, the copy into
 * the page cache) each take about half of a feed's time, and a machine
 * has more than one core. So the items are written on a thread of their
 * own, from the episodes the walk reads into the pool of a batch
 * (catalog_episode_each_kept) and hands over a batch at a time: a
 * hand-over per episode would cost more in wake-ups than it saves.
 * Memory stays FEED_BATCHES pools of at most FEED_BATCH episodes or about
 * FEED_BATCH_BYTES, however long the feed.
 *
 * The checks run on the writer's thread too, just before each item: the
 * walk's thread, reading SQLite, is the busier of the two. They do not
 * use the catalogue there (feed_gate_episode); the duplicates they
 * suspect are confirmed after the walk (feed_gate_finish). The writer's
 * thread never touches the catalogue. It keeps its own error
 * ('fw->err'); the walk keeps the caller's.
 */
#define FEED_BATCH	 64
#define FEED_BATCHES	 4
#define FEED_BATCH_BYTES ((size_t)256 << 10)

struct feed_batch {
	struct catalog_episode ep[FEED_BATCH];
	struct catalog_pool *pool; /* their strings and lists */
	size_t n;
	bool full; /* handed to the writer, not yet written */
};

struct feed_pipe {
	struct feed_writer *fw;
	struct feed_batch *batches; /* FEED_BATCHES, used in turn */
	size_t walk_at;		    /* the batch the walk fills */
	pthread_t thread;
#ifdef __linux__
	cpu_set_t cpus; /* the walk's processors before pipe_pin() */
#endif
	bool pinned;	/* pipe_pin() kept the walk's thread on one */
	pthread_mutex_t lock; /* 'full', 'done' and 'failed' */
	pthread_cond_t cond;
	bool done;   /* the walk gave its last batch */
	int failed;  /* the writer's failure, which stops the walk */
};

/* The writer's thread: each batch in turn, until the walk is done. */
static void *pipe_writer(void *arg)
{
	struct feed_pipe *p = arg;
	struct feed_writer *fw = p->fw;
	struct feed_batch *b;
	size_t at = 0, i;
	int rc = SIAR_OK;

	for (;;) {
		b = &p->batches[at];
		pthread_mutex_lock(&p->lock);
		while (!b->full && !p->done)
			pthread_cond_wait(&p->cond, &p->lock);
		pthread_mutex_unlock(&p->lock);
		if (!b->full)
			break;
		for (i = 0; i < b->n; i++) {
			if (!rc && fw->gate)
				rc = feed_gate_episode(fw->gate, &b->ep[i],
						       fw->err);
			if (!rc)
				rc = write_item(fw, &b->ep[i]);
		}
		catalog_pool_clear(b->pool);
		pthread_mutex_lock(&p->lock);
		b->n = 0;
		b->full = false;
		if (rc)
			p->failed = rc;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
		at = (at + 1) % FEED_BATCHES;
	}
	return NULL;
}

/*
 * Hand the batch being filled to the writer and wait until the next is
 * free. Returns the writer's failure, if it failed.
 */
static int pipe_hand_over(struct feed_pipe *p)
{
	struct feed_batch *next;
	int failed;

	pthread_mutex_lock(&p->lock);
	p->batches[p->walk_at].full = true;
	pthread_cond_broadcast(&p->cond);
	p->walk_at = (p->walk_at + 1) % FEED_BATCHES;
	next = &p->batches[p->walk_at];
	while (next->full && !p->failed)
		pthread_cond_wait(&p->cond, &p->lock);
	failed = p->failed;
	pthread_mutex_unlock(&p->lock);
	return failed;
}

/*
 * Keep the walk's thread and the writer's apart while the feed is
 * written: the walk's on the processor it is on, the writer's on any
 * other it may use. Left to itself, the scheduler often put the two on
 * one processor, where they took turns, when siar was started by a
 * process just forked, as a shell starts a command: 24.4 ms instead of
 * 16.6 for 10,000 episodes (medians of 40 runs), 18.5 ms pinned, and no
 * slower with another program busy on one of the two processors. Only
 * with two processors or more to use. A hint: failures are ignored.
 */
static void pipe_pin(struct feed_pipe *p)
{
#ifdef __linux__
	cpu_set_t walk, writer;
	int here = sched_getcpu();

	if (here < 0 || here >= CPU_SETSIZE ||
	    sched_getaffinity(0, sizeof(p->cpus), &p->cpus) ||
	    CPU_COUNT(&p->cpus) < 2 || !CPU_ISSET(here, &p->cpus))
		return;
	writer = p->cpus;
	CPU_CLR(here, &writer);
	CPU_ZERO(&walk);
	CPU_SET(here, &walk);
	if (pthread_setaffinity_np(p->thread, sizeof(writer), &writer))
		return;
	p->pinned = !pthread_setaffinity_np(pthread_self(), sizeof(walk),
					    &walk);
#else
	(void)p;
#endif
}

/* The walk's thread free again, once the writer's is done. */
static void pipe_unpin(struct feed_pipe *p)
{
#ifdef __linux__
	if (p->pinned)
		pthread_setaffinity_np(pthread_self(), sizeof(p->cpus),
				       &p->cpus);
#endif
	p->pinned = false;
}

/* A catalog_pool_fn: the pool of the batch being filled. */
static struct catalog_pool *pipe_pool(void *ctx)
{
	struct feed_pipe *p = ctx;

	return p->batches[p->walk_at].pool;
}

/* A catalog_episode_fn: the episode joins the batch being filled. */
static int pipe_item(const struct catalog_episode *ep, void *ctx,
		     struct siar_err *err)
{
	struct feed_pipe *p = ctx;
	struct feed_batch *b = &p->batches[p->walk_at];

	(void)err;
	b->ep[b->n++] = *ep;
	if (b->n == FEED_BATCH ||
	    catalog_pool_bytes(b->pool) >= FEED_BATCH_BYTES)
		return pipe_hand_over(p);
	return SIAR_OK;
}

/*
 * A catalog_end_fn: the last batch, even a part one, unless the walk
 * failed; then the writer stops, before the walk frees the names its
 * episodes share.
 */
static void pipe_end(int rc, void *ctx)
{
	struct feed_pipe *p = ctx;

	if (!rc && p->batches[p->walk_at].n)
		pipe_hand_over(p);
	pthread_mutex_lock(&p->lock);
	p->done = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
}

/* A catalog_episode_fn: the checks, then the item, on this thread. */
static int check_and_write(const struct catalog_episode *ep, void *ctx,
			   struct siar_err *err)
{
	struct feed_writer *fw = ctx;
	int rc = fw->gate ? feed_gate_episode(fw->gate, ep, err) : SIAR_OK;

	if (rc)
		return rc;
	rc = write_item(fw, ep);
	if (rc)
		*err = *fw->err;
	return rc;
}

/* The batches' pools, NULL until made. */
static void pipe_pools_free(struct feed_pipe *p)
{
	size_t b;

	for (b = 0; b < FEED_BATCHES; b++)
		catalog_pool_free(p->batches[b].pool);
}

/*
 * Walk the episodes of 'filter' into the feed, writing on a thread of
 * its own when one can be started, else in the walk's callback.
 */
static int write_items(struct feed_writer *fw,
		       const struct catalog_filter *filter,
		       struct siar_err *err)
{
	struct siar_err ignored = {0};
	struct feed_pipe p;
	bool threaded = false;
	size_t b;
	int rc = SIAR_OK;

	memset(&p, 0, sizeof(p));
	p.fw = fw;
	p.batches = calloc(FEED_BATCHES, sizeof(*p.batches));
	if (!p.batches)
		goto here;
	for (b = 0; b < FEED_BATCHES; b++)
		if (catalog_pool_new(&p.batches[b].pool, &ignored))
			goto no_lock;
	if (pthread_mutex_init(&p.lock, NULL))
		goto no_lock;
	if (pthread_cond_init(&p.cond, NULL))
		goto no_cond;
	if (pthread_create(&p.thread, NULL, pipe_writer, &p))
		goto no_thread;
	threaded = true;
	pipe_pin(&p);
	/* pipe_end() joins the writer. */
	rc = catalog_episode_each_kept(fw->cat, filter, pipe_pool, pipe_item,
				       pipe_end, &p, err);
	pipe_unpin(&p);
	/* The writer's failure stopped the walk: its message is the one. */
	if (p.failed) {
		*err = *fw->err;
		rc = p.failed;
	}
no_thread:
	pthread_cond_destroy(&p.cond);
no_cond:
	pthread_mutex_destroy(&p.lock);
no_lock:
	pipe_pools_free(&p);
	free(p.batches);
here:
	if (threaded)
		return rc;
	return catalog_episode_each(fw->cat, filter, check_and_write, fw, err);
}

int feed_write_rss(struct catalog *cat, const char *slug,
		   const struct feed_opts *opts, FILE *out,
		   struct siar_err *err)
{
	struct catalog_filter filter;
	struct catalog_show show;
	struct feed_writer fw;
	struct siar_err fw_err = {0};
	int64_t last_change = 0;
	bool read;
	int rc;

	feed_filter(&filter, slug, opts);
	catalog_show_init(&show);
	/* The writer's own error: it may fail on another thread (above). */
	fw_init(&fw, cat, &show, out, &fw_err);
	fw.filtered = opts && (opts->topic || opts->person);
	/* The channel and the items from one state of the catalogue. */
	rc = catalog_read_begin(cat, &read, err);
	if (rc) {
		fw_release(&fw);
		catalog_show_release(&show);
		return rc;
	}
	/* Everything that can fail before output starts goes first. */
	rc = catalog_show_get(cat, slug, &show, err);
	if (!rc)
		rc = override_base_url(&show, opts, err);
	if (rc)
		goto out;
	rc = catalog_show_last_change(cat, slug, &last_change, err);
	if (!rc)
		rc = people_load(&fw.people, cat, err);
	if (!rc)
		rc = catalog_show_people_each(cat, slug, credits_add,
					      &fw.show_people, err);
	if (!rc && fw.filtered)
		rc = check_filter(cat, &filter, err);
	if (!rc && opts && opts->check) {
		opts->check->n_errors = 0;
		rc = feed_gate_open(&fw.gate, cat, slug, opts, opts->check->fn,
				    opts->check->ctx, err);
	}
	if (rc)
		goto out;
	/* One zone for every date of the feed: set TZ once, not per date. */
	rc = siar_tz_hold(show.timezone, err);
	if (rc)
		goto out;
	rc = fw_open(&fw);
	if (!rc) {
		write_head(&fw, opts, last_change);
		rc = fw.rc;
	}
	if (!rc)
		rc = write_items(&fw, &filter, err);
	else
		*err = fw_err;
	/* The duplicates the checks suspected, now that the walk is over. */
	if (!rc && fw.gate)
		rc = feed_gate_finish(fw.gate, err);
	if (rc)
		goto out;
	fw_end(&fw); /* channel */
	fw_end(&fw); /* rss */
	rc = fw_finish(&fw);
	if (rc)
		*err = fw_err;
out:
	if (fw.gate)
		opts->check->n_errors = feed_gate_errors(fw.gate);
	catalog_read_end(cat, read);
	siar_tz_release();
	fw_release(&fw);
	catalog_show_release(&show);
	return rc;
}

/* ---- Chapters ---------------------------------------------------------- */

/* Milliseconds as JSON seconds: an integer when whole, else a real. */
static json_t *json_seconds(int64_t ms)
{
	if (ms % 1000 == 0)
		return json_integer(ms / 1000);
	return json_real((double)ms / 1000.0);
}

/* Set 'key' of 'o' to a cleaned copy of 's'; false when memory runs out. */
static bool json_set_text(json_t *o, const char *key, const char *s,
			  size_t max)
{
	char *clean = clean_dup(s, NULL, max);
	bool ok = clean && !json_object_set_new(o, key, json_string(clean));

	free(clean);
	return ok;
}

/* The Podcasting 2.0 chapters document of 'ep' (jansson), or NULL. */
static json_t *chapters_json(const struct catalog_show *show,
			     const struct catalog_episode *ep)
{
	json_t *doc = json_object();
	json_t *list = json_array();
	json_t *c;
	bool ok = doc && list;
	size_t i;

	ok = ok && !json_object_set_new(doc, "version", json_string("1.2.0"));
	ok = ok && json_set_text(doc, "title", ep->title, FEED_TEXT_MAX);
	ok = ok && json_set_text(doc, "podcastName", show->title, FEED_TEXT_MAX);
	for (i = 0; ok && i < ep->n_chapters; i++) {
		const struct catalog_chapter *ch = &ep->chapters[i];

		c = json_object();
		ok = c && !json_array_append_new(list, c);
		ok = ok && !json_object_set_new(c, "startTime",
						json_seconds(ch->start_ms));
		if (ok && ch->end_ms > ch->start_ms)
			ok = !json_object_set_new(c, "endTime",
						  json_seconds(ch->end_ms));
		if (ok && ch->title)
			ok = json_set_text(c, "title", ch->title,
					   FEED_TEXT_MAX);
	}
	ok = ok && !json_object_set(doc, "chapters", list);
	json_decref(list);
	if (!ok) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

/* The chapters file's bytes, "\n"-terminated; caller frees; NULL: ENOMEM. */
static char *chapters_text(const struct catalog_show *show,
			   const struct catalog_episode *ep)
{
	json_t *doc = chapters_json(show, ep);
	char *text, *out;
	size_t len;

	if (!doc)
		return NULL;
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
				   JSON_REAL_PRECISION(10));
	json_decref(doc);
	if (!text)
		return NULL;
	len = strlen(text);
	out = realloc(text, len + 2);
	if (!out) {
		free(text);
		return NULL;
	}
	out[len] = '\n';
	out[len + 1] = '\0';
	return out;
}

int feed_write_chapters(const struct catalog_show *show,
			const struct catalog_episode *ep, FILE *out,
			struct siar_err *err)
{
	char *text = chapters_text(show, ep);
	size_t len;

	if (!text)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	len = strlen(text);
	errno = 0;
	if (fwrite(text, 1, len, out) != len || fflush(out)) {
		free(text);
		return siar_err_set(err, SIAR_EIO, "cannot write chapters: %s",
				    strerror(errno ? errno : EIO));
	}
	free(text);
	return SIAR_OK;
}

struct chapter_files {
	const struct catalog_show *show;
	struct siar_buf path;
	size_t dir_len; /* of "DIR/" in 'path' */
	bool made_dir;	/* DIR/chapters exists */
	size_t n_written;
};

/* Create DIR/chapters when the first episode with chapters comes. */
static int make_chapters_dir(struct chapter_files *cf, struct siar_err *err)
{
	cf->path.len = cf->dir_len;
	siar_buf_adds(&cf->path, "chapters");
	if (siar_buf_check(&cf->path, err))
		return err->code;
	if (mkdir(cf->path.buf, 0777) && errno != EEXIST)
		return siar_err_set(err, SIAR_EIO, "cannot create '%s': %s",
				    cf->path.buf, strerror(errno));
	cf->made_dir = true;
	return SIAR_OK;
}

/* A catalog_episode_fn: write one episode's chapters file if it changed. */
static int write_chapter_file(const struct catalog_episode *ep, void *ctx,
			      struct siar_err *err)
{
	struct chapter_files *cf = ctx;
	char *name, *text;
	bool changed = false;
	int rc;

	if (!ep->n_chapters)
		return SIAR_OK;
	if (!cf->made_dir && make_chapters_dir(cf, err))
		return err->code;
	name = feed_chapters_name(ep, err);
	if (!name)
		return err->code;
	text = chapters_text(cf->show, ep);
	cf->path.len = cf->dir_len;
	siar_buf_adds(&cf->path, name);
	if (!text || siar_buf_check(&cf->path, err)) {
		free(name);
		free(text);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	rc = siar_write_if_changed(cf->path.buf, text, strlen(text), &changed,
				   err);
	cf->n_written += changed;
	free(name);
	free(text);
	return rc;
}

int feed_write_chapter_files(struct catalog *cat, const char *slug,
			     const struct feed_opts *opts, const char *dir,
			     size_t *n_written, struct siar_err *err)
{
	struct catalog_filter filter;
	struct catalog_show show;
	struct chapter_files cf;
	int rc;

	feed_filter(&filter, slug, opts);
	/* A chapters file has the episode's title and chapters, no more. */
	filter.skip |= CATALOG_SKIP_PEOPLE | CATALOG_SKIP_TOPICS |
		       CATALOG_SKIP_TRANSCRIPTS | CATALOG_SKIP_RENDITIONS;
	catalog_show_init(&show);
	siar_buf_init(&cf.path, 0);
	cf.show = &show;
	cf.made_dir = false;
	cf.n_written = 0;
	rc = catalog_show_get(cat, slug, &show, err);
	if (rc)
		goto out;
	siar_buf_adds(&cf.path, dir);
	siar_buf_addc(&cf.path, '/');
	if (siar_buf_check(&cf.path, err)) {
		rc = err->code;
		goto out;
	}
	cf.dir_len = cf.path.len;
	rc = catalog_episode_each(cat, &filter, write_chapter_file, &cf, err);
out:
	if (n_written)
		*n_written = cf.n_written;
	siar_buf_release(&cf.path);
	catalog_show_release(&show);
	return rc;
}
