/*
 * Checks before publishing (siar lint): one show and the feed that
 * feed_write_rss() would write for it, against the rules of
 * /work/shared/feed-spec.md, then against the feed as last published.
 *
 * The catalogue is read only through catalog.h: the show, then its live
 * episodes one at a time from a cursor, newest first, so memory does not
 * grow with them. A table of fingerprints of fixed size notes the
 * enclosure files met (a show's GUIDs are unique in the catalogue: see
 * check_guid); only when it says one may have been met before
 * does the catalogue find the duplicates exactly (catalog_episode_-
 * duplicates: SQLite sorts by key, on disk when it must), once, and only
 * the duplicates are kept. The
 * previous feed's items are matched through sets of 64-bit hashes, each
 * hit confirmed by comparing the strings. Files are measured through the
 * caller's feed_measure_fn: feed/ does not link media/.
 *
 * The previous feed is read with libxml2's streaming reader from a file
 * descriptor, without the network (XML_PARSE_NONET) and without
 * XML_PARSE_NOENT or XML_PARSE_DTDLOAD, so external entities are never
 * loaded and no entity is expanded into the text we read. Only the few
 * fields compared are kept per item. Writing the messages out is the
 * caller's business.
 */
#include "feed_int.h"
#include "xmllib.h"

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>


#define XC(s) ((const xmlChar *)(s))

/* feed-spec §2.9 (other values) and §1.5, §4.2 (descriptions), in bytes. */
#define LINT_TEXT_MAX ((size_t)255)
#define LINT_DESC_MAX ((size_t)4000)
/* How much of a title names an episode in a message. */
#define LINT_NAME_MAX ((size_t)60)
/* feed-spec §1.7: square artwork of 1400 to 3000 px a side. */
#define LINT_ART_MIN_PX 1400
#define LINT_ART_MAX_PX 3000
/* Apple's loudness target for spoken word, and how far off is too far. */
#define LINT_LUFS_TARGET (-16.0)
#define LINT_LUFS_SLACK	 3.0
/* A duration may differ by 2 s or 1 %, whichever is larger. */
#define LINT_DURATION_SLACK_MS ((int64_t)2000)
/* The previous feed: at most this big, each value at most this long. */
#define LINT_PREV_MAX_BYTES ((off_t)256 << 20)
#define LINT_PREV_VALUE_MAX ((size_t)64 << 10)
/*
 * The enclosure files met, as 32-bit fingerprints in a table with linear
 * probing: one cache miss a key, and the slots probed after it share its
 * cache line. A fingerprint's low bits are its slot, so the table can
 * double: it starts at LINT_SEEN_MIN slots and doubles when seven eighths
 * full, up to LINT_SEEN_MAX slots (2 MiB), and a small feed's table
 * stays small and in the cache. (Doubling at half full, the old and the
 * new table of 100,000 episodes took 1.5 MiB at once.) A key never met
 * matches a fingerprint with a chance under 1 in 100,000,000 a lookup,
 * and a match costs one exact search for duplicates. Past seven eighths
 * of the largest table (458,000 episodes), every key counts as a match:
 * the exact search runs, as it would for any size.
 */
#define LINT_SEEN_MIN ((size_t)1 << 12)
#define LINT_SEEN_MAX ((size_t)1 << 19)

/* ---- Sets of 64-bit hashes --------------------------------------------- */

/* One entry: a hash and what it stands for (never 0: 0 marks a free slot). */
struct lint_slot {
	uint64_t hash;
	int64_t value;
};

/*
 * Open addressing with linear probing, at most three quarters full. A
 * hash may be stored more than once (different strings, same hash).
 */
struct lint_set {
	struct lint_slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t n;
};

static int nomem(struct siar_err *err)
{
	return siar_err_set(err, SIAR_ENOMEM, "out of memory");
}

static void set_release(struct lint_set *s)
{
	free(s->slots);
	s->slots = NULL;
	s->cap = 0;
	s->n = 0;
}

static int set_grow(struct lint_set *s, struct siar_err *err)
{
	size_t cap = s->cap ? s->cap * 2 : 1024;
	struct lint_slot *slots;
	size_t i, j;

	if (cap < s->cap || cap > SIZE_MAX / sizeof(*slots))
		return nomem(err);
	slots = calloc(cap, sizeof(*slots));
	if (!slots)
		return nomem(err);
	for (i = 0; i < s->cap; i++) {
		if (!s->slots[i].value)
			continue;
		j = s->slots[i].hash & (cap - 1);
		while (slots[j].value)
			j = (j + 1) & (cap - 1);
		slots[j] = s->slots[i];
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
	return SIAR_OK;
}

static int set_add(struct lint_set *s, uint64_t hash, int64_t value,
		   struct siar_err *err)
{
	size_t j;

	assert(value != 0);
	if ((s->n + 1) * 4 > s->cap * 3 && set_grow(s, err))
		return err->code;
	j = hash & (s->cap - 1);
	while (s->slots[j].value)
		j = (j + 1) & (s->cap - 1);
	s->slots[j].hash = hash;
	s->slots[j].value = value;
	s->n++;
	return SIAR_OK;
}

/*
 * The values stored under 'hash', one per call: start with '*pos' set to
 * SIZE_MAX. Returns false after the last. The set always has a free slot,
 * so the probe ends.
 */
static bool set_next(const struct lint_set *s, uint64_t hash, size_t *pos,
		     int64_t *value)
{
	size_t mask = s->cap - 1;
	size_t j;

	if (!s->cap)
		return false;
	j = *pos == SIZE_MAX ? hash & mask : (*pos + 1) & mask;
	for (; s->slots[j].value; j = (j + 1) & mask) {
		if (s->slots[j].hash == hash) {
			*pos = j;
			*value = s->slots[j].value;
			return true;
		}
	}
	return false;
}

/*
 * FNV-1a over [s, s + len) from 'seed' (0, or another value to hash a
 * second kind of key apart), then MurmurHash3's finaliser so the low bits
 * index well.
 */
static uint64_t hash_bytes(uint64_t seed, const char *s, size_t len)
{
	uint64_t h = seed ^ UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= UINT64_C(0x100000001b3);
	}
	h ^= h >> 33;
	h *= UINT64_C(0xff51afd7ed558ccd);
	h ^= h >> 33;
	h *= UINT64_C(0xc4ceb9fe1a85ec53);
	h ^= h >> 33;
	return h;
}

static uint64_t hash_str(const char *s)
{
	return hash_bytes(0, s, strlen(s));
}

/* ---- Text -------------------------------------------------------------- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* NULL, empty or only white space. */
static bool blank(const char *s)
{
	if (!s)
		return true;
	while (is_space(*s))
		s++;
	return !*s;
}

/* Remove the white space around the NUL-terminated 's', in place. */
static void trim(char *s)
{
	size_t start = 0;
	size_t end = strlen(s);

	while (start < end && is_space(s[start]))
		start++;
	while (end > start && is_space(s[end - 1]))
		end--;
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
}

/* How many bytes of the valid UTF-8 [s, s + len) fit in 'max' whole. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

/*
 * Append [s, s + len) to 'b' as one line of valid UTF-8: ill-formed bytes
 * become U+FFFD, controls go, line breaks and tabs become spaces; then cut
 * what was appended to 'max' bytes (0: no limit) on a code point boundary.
 */
static void add_line(struct siar_buf *b, const char *s, size_t len, size_t max)
{
	size_t start = b->len;
	size_t i;

	siar_utf8_repair(b, s, len, true);
	if (b->failed)
		return;
	for (i = start; i < b->len; i++)
		if (b->buf[i] == '\n' || b->buf[i] == '\r' || b->buf[i] == '\t')
			b->buf[i] = ' ';
	if (max && b->len - start > max) {
		b->len = start + utf8_cut(b->buf + start, b->len - start, max);
		b->buf[b->len] = '\0';
	}
}

/* "episode ID 'TITLE'", the title cut to LINT_NAME_MAX bytes. */
static char *episode_name(const struct catalog_episode *ep)
{
	const char *title = ep->title ? ep->title : "";
	struct siar_buf b;
	char *name;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "episode %" PRId64 " '", ep->id);
	add_line(&b, title, strlen(title), LINT_NAME_MAX);
	siar_buf_addc(&b, '\'');
	name = siar_buf_detach(&b);
	siar_buf_release(&b);
	return name;
}

/* True if 's' ends in 'suffix', ignoring ASCII case. */
static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s);
	size_t m = strlen(suffix);

	return n >= m && !strcasecmp(s + n - m, suffix);
}

/* feed-spec §1.7: the artwork URL ends in .jpg or .png. */
static bool image_url_ok(const char *url)
{
	return ends_with(url, ".jpg") || ends_with(url, ".jpeg") ||
	       ends_with(url, ".png");
}

/* An http or https URL with a host. */
static bool url_absolute(const char *url)
{
	const char *host;

	if (!strncasecmp(url, "https://", 8))
		host = url + 8;
	else if (!strncasecmp(url, "http://", 7))
		host = url + 7;
	else
		return false;
	return strcspn(host, "/?#") > 0;
}

/* feed-spec §2.10: URLs are printable ASCII (anything else is encoded). */
static bool url_ascii(const char *url)
{
	for (; *url; url++)
		if ((unsigned char)*url <= 0x20 || (unsigned char)*url >= 0x7F)
			return false;
	return true;
}

/* ISO 639 with an optional region: "id", "en-US" (feed-spec §1.6). */
static bool language_ok(const char *s)
{
	size_t n = 0;
	size_t region = 0;

	while (is_alpha(s[n]))
		n++;
	if (n < 2 || n > 3)
		return false;
	if (!s[n])
		return true;
	if (s[n] != '-')
		return false;
	s += n + 1;
	while (is_alpha(s[region]) || is_digit(s[region]))
		region++;
	return region >= 2 && region <= 8 && !s[region];
}

/* ---- RFC 2822 dates ---------------------------------------------------- */

static void skip_space(const char **p)
{
	while (is_space(**p))
		(*p)++;
}

/* Between 'min' and 'max' decimal digits into '*out'; '*n' gets how many. */
static bool take_int(const char **p, int min, int max, int *out, int *n)
{
	int v = 0;
	int i = 0;

	while (i < max && is_digit((*p)[i])) {
		v = v * 10 + ((*p)[i] - '0');
		i++;
	}
	if (i < min || is_digit((*p)[i]))
		return false;
	*p += i;
	*out = v;
	if (n)
		*n = i;
	return true;
}

/* The letters at '*p' as a word of at most 'size' - 1 bytes. */
static bool take_word(const char **p, char *word, size_t size)
{
	size_t n = 0;

	while (is_alpha((*p)[n])) {
		if (n + 1 >= size)
			return false;
		word[n] = (*p)[n];
		n++;
	}
	word[n] = '\0';
	*p += n;
	return n > 0;
}

static bool take_month(const char **p, int *month)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char word[4];
	int i;

	if (!take_word(p, word, sizeof(word)) || strlen(word) != 3)
		return false;
	for (i = 0; i < 12; i++) {
		if (!strncasecmp(word, names + 3 * i, 3)) {
			*month = i + 1;
			return true;
		}
	}
	return false;
}

/* "+0700", "-0430", or a name RFC 2822 §4.3 knows, into seconds east. */
static bool take_zone(const char **p, int *offset_s)
{
	static const struct {
		const char *name;
		int hours;
	} zones[] = {
	    {"UT", 0},	 {"UTC", 0},  {"GMT", 0},  {"Z", 0},
	    {"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
	    {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7},
	};
	char word[4];
	int hhmm, sign;
	size_t i;

	if (**p == '+' || **p == '-') {
		sign = **p == '-' ? -1 : 1;
		(*p)++;
		if (!take_int(p, 4, 4, &hhmm, NULL) || hhmm % 100 > 59)
			return false;
		*offset_s = sign * ((hhmm / 100) * 3600 + (hhmm % 100) * 60);
		return true;
	}
	if (!take_word(p, word, sizeof(word)))
		return false;
	for (i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		if (!strcasecmp(word, zones[i].name)) {
			*offset_s = zones[i].hours * 3600;
			return true;
		}
	}
	return false;
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31};
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month == 2 && leap ? 29 : days[month - 1];
}

/* "2024" as is; RFC 2822 §4.3: "24" is 2024, "99" 1999, "124" 2024. */
static int full_year(int year, int digits)
{
	if (digits == 2)
		return year + (year < 50 ? 2000 : 1900);
	if (digits == 3)
		return year + 1900;
	return year;
}

/* "[Wdy,] D Mon YYYY": the weekday is skipped, not checked. */
static bool take_date(const char **p, int *year, int *month, int *day)
{
	char word[16];
	int digits;

	skip_space(p);
	if (is_alpha(**p)) {
		if (!take_word(p, word, sizeof(word)))
			return false;
		skip_space(p);
		if (**p != ',')
			return false;
		(*p)++;
		skip_space(p);
	}
	if (!take_int(p, 1, 2, day, NULL))
		return false;
	skip_space(p);
	if (!take_month(p, month))
		return false;
	skip_space(p);
	if (!take_int(p, 2, 4, year, &digits))
		return false;
	*year = full_year(*year, digits);
	return *day >= 1 && *day <= days_in_month(*year, *month);
}

/* "HH:MM[:SS]" into seconds since midnight (a leap second allowed). */
static bool take_time(const char **p, int *seconds)
{
	int hour, minute, second = 0;

	skip_space(p);
	if (!take_int(p, 1, 2, &hour, NULL) || **p != ':')
		return false;
	(*p)++;
	if (!take_int(p, 2, 2, &minute, NULL))
		return false;
	if (**p == ':') {
		(*p)++;
		if (!take_int(p, 2, 2, &second, NULL))
			return false;
	}
	*seconds = hour * 3600 + minute * 60 + second;
	return hour <= 23 && minute <= 59 && second <= 60;
}

/*
 * Parse the RFC 2822 date feeds use, "[Wdy,] D Mon YYYY HH:MM[:SS] ZONE",
 * into a Unix time.
 */
static bool parse_rfc2822(const char *s, int64_t *out)
{
	const char *p = s;
	int year, month, day, seconds, offset;

	if (!take_date(&p, &year, &month, &day) || !take_time(&p, &seconds))
		return false;
	skip_space(&p);
	if (!take_zone(&p, &offset))
		return false;
	skip_space(&p);
	if (*p)
		return false;
	*out =
	    siar_days_from_civil(year, month, day) * 86400 + seconds - offset;
	return true;
}

/* ---- The previous feed ------------------------------------------------- */

/* One <item> of the previous feed, and what the walk found for it. */
struct prev_item {
	char *guid;  /* trimmed text of <guid>; NULL if none */
	char *url;   /* trimmed enclosure URL; NULL if none */
	char *title; /* trimmed text of <title>; NULL if none */
	char *date;  /* trimmed text of <pubDate>; NULL if none */
	int64_t pub_unix;
	bool has_pub; /* 'date' parsed */
	/* The current episode with this GUID, when it changed ... */
	bool found;
	char *where;   /* that episode's name, when something changed */
	char *new_url; /* its URL, when that changed */
	int64_t new_pub;
	bool date_changed;
	/* ... or, failing that, one with this enclosure URL. */
	char *taker;	/* its name */
	char *new_guid; /* its GUID */
};

struct prev_feed {
	struct prev_item *items;
	size_t n;
	size_t alloc;
	struct lint_set by_guid; /* value: index + 1 */
	struct lint_set by_url;
};

static void prev_item_release(struct prev_item *it)
{
	free(it->guid);
	free(it->url);
	free(it->title);
	free(it->date);
	free(it->where);
	free(it->new_url);
	free(it->taker);
	free(it->new_guid);
}

static void prev_release(struct prev_feed *pf)
{
	size_t i;

	for (i = 0; i < pf->n; i++)
		prev_item_release(&pf->items[i]);
	free(pf->items);
	pf->items = NULL;
	pf->n = 0;
	pf->alloc = 0;
	set_release(&pf->by_guid);
	set_release(&pf->by_url);
}

/* Where the reader is in the document, and the item being read. */
struct prev_reader {
	xmlTextReaderPtr r;
	const char *path;
	struct prev_feed *pf;
	bool rss;	       /* the root is <rss> */
	bool channel;	       /* ... and holds a <channel> */
	struct prev_item item; /* the <item> being read */
	bool in_item;
	char **field;	      /* the member of 'item' being read, or NULL */
	struct siar_buf text; /* its text so far */
	char xml_msg[160];    /* libxml2's first error, one line */
	int xml_line;
	struct siar_err *err;
};

/* libxml2 reports here instead of printing: keep the first error. */
static void prev_xml_error(void *ctx, xmlErrorPtr e)
{
	struct prev_reader *pr = ctx;
	size_t len;

	if (!e || e->level < XML_ERR_ERROR || pr->xml_msg[0])
		return;
	snprintf(pr->xml_msg, sizeof(pr->xml_msg), "%s",
		 e->message ? e->message : "malformed XML");
	len = strlen(pr->xml_msg);
	while (len > 0 && is_space(pr->xml_msg[len - 1]))
		pr->xml_msg[--len] = '\0';
	pr->xml_line = e->line;
}

/* Element 'name' of no namespace, as RSS 2.0's own are. */
static bool rss_element(xmlTextReaderPtr r, const char *name)
{
	const xmlChar *local = xmlTextReaderConstLocalName(r);

	return !xmlTextReaderConstNamespaceUri(r) && local &&
	       !strcmp((const char *)local, name);
}

/* Keep the item just read, and index it by GUID and enclosure URL. */
static int prev_push(struct prev_reader *pr)
{
	struct prev_feed *pf = pr->pf;
	struct prev_item *items, *it;
	size_t alloc;
	int64_t value;

	if (pf->n == pf->alloc) {
		alloc = pf->alloc ? pf->alloc * 2 : 64;
		if (alloc > SIZE_MAX / sizeof(*items))
			return nomem(pr->err);
		items = realloc(pf->items, alloc * sizeof(*items));
		if (!items)
			return nomem(pr->err);
		pf->items = items;
		pf->alloc = alloc;
	}
	if (pr->item.date)
		pr->item.has_pub =
		    parse_rfc2822(pr->item.date, &pr->item.pub_unix);
	it = &pf->items[pf->n++];
	*it = pr->item;
	memset(&pr->item, 0, sizeof(pr->item));
	value = (int64_t)pf->n; /* its index + 1: never 0 */
	if (it->guid &&
	    set_add(&pf->by_guid, hash_str(it->guid), value, pr->err))
		return pr->err->code;
	if (it->url && set_add(&pf->by_url, hash_str(it->url), value, pr->err))
		return pr->err->code;
	return SIAR_OK;
}

/* Store the text of the field just read (the first of each kind wins). */
static int prev_end_field(struct prev_reader *pr)
{
	char *value;

	if (pr->text.failed == SIAR_ENOMEM)
		return nomem(pr->err);
	if (pr->text.failed)
		return siar_err_set(pr->err, SIAR_EINVAL,
				    "cannot read previous feed '%s': a value "
				    "of an item is longer than %zu bytes",
				    pr->path, LINT_PREV_VALUE_MAX);
	if (!*pr->field) {
		value = siar_buf_detach(&pr->text);
		if (!value)
			return nomem(pr->err);
		trim(value);
		if (*value)
			*pr->field = value;
		else
			free(value);
	}
	siar_buf_release(&pr->text);
	siar_buf_init(&pr->text, LINT_PREV_VALUE_MAX);
	pr->field = NULL;
	return SIAR_OK;
}

/* An element of an item at depth 3: a field we keep, or one we skip. */
static int prev_start_field(struct prev_reader *pr)
{
	xmlChar *url;

	if (rss_element(pr->r, "guid"))
		pr->field = &pr->item.guid;
	else if (rss_element(pr->r, "pubDate"))
		pr->field = &pr->item.date;
	else if (rss_element(pr->r, "title"))
		pr->field = &pr->item.title;
	if (rss_element(pr->r, "enclosure") && !pr->item.url) {
		url = xmlTextReaderGetAttribute(pr->r, XC("url"));
		if (url) {
			pr->item.url = siar_strdup((const char *)url);
			xmlFree(url);
			if (!pr->item.url)
				return nomem(pr->err);
			trim(pr->item.url);
		}
	}
	if (pr->field && xmlTextReaderIsEmptyElement(pr->r))
		return prev_end_field(pr);
	return SIAR_OK;
}

static int prev_element(struct prev_reader *pr, int depth)
{
	if (depth == 0) {
		pr->rss = rss_element(pr->r, "rss");
		return pr->rss
			   ? SIAR_OK
			   : siar_err_set(pr->err, SIAR_EINVAL,
					  "not an RSS feed: '%s'", pr->path);
	}
	if (depth == 1 && rss_element(pr->r, "channel"))
		pr->channel = true;
	if (depth == 2 && pr->channel && rss_element(pr->r, "item")) {
		pr->in_item = true;
		if (xmlTextReaderIsEmptyElement(pr->r)) {
			pr->in_item = false;
			return prev_push(pr);
		}
	}
	if (depth == 3 && pr->in_item)
		return prev_start_field(pr);
	return SIAR_OK;
}

/*
 * One node. Text counts only as text and CDATA nodes: an entity reference
 * is a node of its own, skipped, so no entity's content is read.
 */
static int prev_node(struct prev_reader *pr)
{
	int type = xmlTextReaderNodeType(pr->r);
	int depth = xmlTextReaderDepth(pr->r);
	const xmlChar *value;

	switch (type) {
	case XML_READER_TYPE_ELEMENT:
		return prev_element(pr, depth);
	case XML_READER_TYPE_TEXT:
	case XML_READER_TYPE_CDATA:
	case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
		value = xmlTextReaderConstValue(pr->r);
		if (pr->field && value)
			siar_buf_adds(&pr->text, (const char *)value);
		return SIAR_OK;
	case XML_READER_TYPE_END_ELEMENT:
		if (depth == 3 && pr->field)
			return prev_end_field(pr);
		if (depth == 2 && pr->in_item && rss_element(pr->r, "item")) {
			pr->in_item = false;
			return prev_push(pr);
		}
		return SIAR_OK;
	default:
		return SIAR_OK;
	}
}

/* Open 'path' for reading and make sure it is a file of a sane size. */
static int prev_open(const char *path, int *fd, struct siar_err *err)
{
	struct stat sb;

	/* O_NONBLOCK: a FIFO must not hang us; it is refused below. */
	*fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (*fd < 0)
		return siar_err_set(err, SIAR_EINVAL,
				    "cannot read previous feed '%s': %s", path,
				    strerror(errno));
	if (fstat(*fd, &sb) || !S_ISREG(sb.st_mode) ||
	    sb.st_size > LINT_PREV_MAX_BYTES) {
		close(*fd);
		*fd = -1;
		return siar_err_set(err, SIAR_EINVAL,
				    "cannot read previous feed '%s': not a "
				    "regular file of at most 256 MiB",
				    path);
	}
	return SIAR_OK;
}

/* Read every node; then say why, if the file is not a readable RSS. */
static int prev_walk(struct prev_reader *pr)
{
	int rc = SIAR_OK;
	int ret;

	for (;;) {
		ret = xmlTextReaderRead(pr->r);
		if (ret != 1)
			break;
		rc = prev_node(pr);
		if (rc)
			return rc;
	}
	if (ret < 0 && pr->xml_msg[0])
		return siar_err_set(pr->err, SIAR_EINVAL,
				    "cannot read previous feed '%s': line %d: "
				    "%s",
				    pr->path, pr->xml_line, pr->xml_msg);
	if (ret < 0)
		return siar_err_set(pr->err, SIAR_EINVAL,
				    "cannot read previous feed '%s'", pr->path);
	if (!pr->rss || !pr->channel)
		return siar_err_set(pr->err, SIAR_EINVAL,
				    "not an RSS feed: '%s'", pr->path);
	return SIAR_OK;
}

/*
 * Read the items of the previous feed at 'path' into 'pf'. On failure
 * 'pf' may hold some items; prev_release() frees them.
 */
static int prev_read(struct prev_feed *pf, const char *path,
		     struct siar_err *err)
{
	struct prev_reader pr;
	int fd = -1;
	int rc;

	memset(&pr, 0, sizeof(pr));
	pr.path = path;
	pr.pf = pf;
	pr.err = err;
	siar_buf_init(&pr.text, LINT_PREV_VALUE_MAX);
	rc = prev_open(path, &fd, err);
	if (rc)
		goto out;
	/* Not XML_PARSE_NOENT, DTDLOAD, DTDVALID, XINCLUDE or HUGE. */
	pr.r = xmlReaderForFd(fd, path, NULL,
			      XML_PARSE_NONET | XML_PARSE_NOERROR |
				  XML_PARSE_NOWARNING);
	if (!pr.r) {
		rc = nomem(err);
		goto out;
	}
	xmlTextReaderSetStructuredErrorHandler(pr.r, prev_xml_error, &pr);
	rc = prev_walk(&pr);
out:
	xmlFreeTextReader(pr.r);
	if (fd >= 0)
		close(fd);
	prev_item_release(&pr.item);
	siar_buf_release(&pr.text);
	return rc;
}

/* ---- The checker ------------------------------------------------------- */

/*
 * The episodes that repeat an earlier one's GUID or enclosure file, and
 * that earlier one, found by the catalogue (catalog_episode_duplicates)
 * before the walk: memory grows with the duplicates, not the episodes.
 */
struct lint_dup {
	int64_t id;
	int64_t first_id;
};

struct lint_dups {
	struct lint_dup *v; /* by ascending id */
	size_t n, cap;
	bool read; /* asked of the catalogue */
};

/*
 * An episode whose file matched a fingerprint, when the catalogue may not
 * be asked at once (lint.defer_dups): asked at the end.
 */
struct lint_suspect {
	int64_t id;
	char *key;   /* its enclosure URL */
	char *where; /* the episode's name */
};

struct lint_suspects {
	struct lint_suspect *v; /* in the walk's order */
	size_t n, cap;
};

struct lint {
	struct catalog *cat;
	struct catalog_show show;
	const struct feed_lint_opts *opts; /* never NULL */
	feed_lint_fn fn;
	void *ctx;
	struct siar_err *err;
	const char *where; /* of the problems reported now */
	char *show_where;  /* "show 'SLUG'" */
	char *ep_where;	   /* "episode ID 'TITLE'" of the current episode */
	/* The episode being checked: its name is made only when needed. */
	const struct catalog_episode *ep;
	struct siar_buf guid, url; /* its keys as the feed writes them */
	struct siar_buf raw;	   /* the URL before that */
	size_t n_errors;
	size_t n_warnings;
	size_t n_live;
	bool errors_only; /* the gate of feed_write_rss(): no warnings */
	struct catalog_filter filter; /* the episodes checked */
	uint32_t *seen;		/* 'seen_slots', or NULL before the first */
	size_t seen_slots;
	size_t n_seen;
	struct lint_dups guid_dups; /* episodes whose GUID an earlier one has */
	struct lint_dups file_dups; /* ... whose enclosure file */
	/*
	 * The gate's checks run on the feed writer's thread, which must not
	 * use the catalogue: a fingerprint's match is noted here and
	 * confirmed by feed_gate_finish().
	 */
	bool defer_dups;
	struct lint_suspects suspects; /* files */
	bool guid_spaced; /* a GUID with white space around it was met */
	struct prev_feed prev;
};

/*
 * Where the problems reported now are: l->where, or the name of the
 * episode being checked, made on first use. NULL when memory runs out.
 */
static const char *where_now(struct lint *l)
{
	if (l->where || !l->ep)
		return l->where;
	free(l->ep_where);
	l->ep_where = episode_name(l->ep);
	l->where = l->ep_where;
	return l->where;
}

/* Report a problem of 'rule' at where_now(); the message may be any text. */
static int report(struct lint *l, enum feed_lint_level level, const char *rule,
		  const char *fmt, ...) SIAR_PRINTF(4, 5);

static int report(struct lint *l, enum feed_lint_level level, const char *rule,
		  const char *fmt, ...)
{
	struct feed_lint_problem p;
	struct siar_buf msg;
	char *raw;
	va_list ap;
	int n, rc;

	if (level == FEED_LINT_WARNING && l->errors_only)
		return SIAR_OK;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return siar_err_set(l->err, SIAR_EINVAL,
				    "cannot format a message of rule '%s'",
				    rule);
	raw = malloc((size_t)n + 1);
	if (!raw)
		return nomem(l->err);
	va_start(ap, fmt);
	vsnprintf(raw, (size_t)n + 1, fmt, ap);
	va_end(ap);
	siar_buf_init(&msg, 0);
	add_line(&msg, raw, (size_t)n, 0);
	free(raw);
	rc = siar_buf_check(&msg, l->err);
	if (!rc) {
		if (level == FEED_LINT_ERROR)
			l->n_errors++;
		else
			l->n_warnings++;
		p.level = level;
		p.rule = rule;
		p.where = where_now(l);
		if (!p.where)
			rc = nomem(l->err);
		p.message = msg.buf;
		if (!rc)
			rc = l->fn(&p, l->ctx, l->err);
	}
	siar_buf_release(&msg);
	return rc;
}

/* Short names for the levels, in this file only. */
#define LINT_E FEED_LINT_ERROR
#define LINT_W FEED_LINT_WARNING

/* Measure 'path' into 'facts'. */
static int measure(struct lint *l, const char *path, bool want_duration,
		   struct feed_file_facts *facts)
{
	memset(facts, 0, sizeof(*facts));
	return l->opts->measure(path, want_duration, facts,
				l->opts->measure_ctx, l->err);
}

/* ---- Show rules -------------------------------------------------------- */

/* The artwork file: there, JPEG or PNG, square, 1400 to 3000 px. */
static int check_artwork_file(struct lint *l, const char *path)
{
	struct feed_file_facts f;
	bool format_ok;
	int rc;

	rc = measure(l, path, false, &f);
	if (rc)
		return rc;
	if (!f.exists)
		return report(l, LINT_E, "artwork-file",
			      "artwork file '%s' is missing", path);
	format_ok = !strcmp(f.format, "jpeg") || !strcmp(f.format, "png");
	if (!format_ok)
		rc = report(l, LINT_E, "artwork-format",
			    "artwork '%s' is not a JPEG or PNG image", path);
	if (!rc && f.width > 0 && f.height > 0 &&
	    (f.width != f.height || f.width < LINT_ART_MIN_PX ||
	     f.width > LINT_ART_MAX_PX))
		rc =
		    report(l, LINT_E, "artwork-size",
			   "artwork is %dx%d px; Apple needs %d-%d px square",
			   f.width, f.height, LINT_ART_MIN_PX, LINT_ART_MAX_PX);
	else if (!rc && format_ok && (f.width <= 0 || f.height <= 0))
		rc = report(l, LINT_E, "artwork-size",
			    "cannot read the size of artwork '%s'", path);
	return rc;
}

static int check_artwork(struct lint *l)
{
	const struct catalog_show *s = &l->show;
	char *url;
	int rc = SIAR_OK;

	if (!s->image && !s->image_path)
		return report(l, LINT_E, "artwork-missing",
			      "no artwork: Apple Podcasts needs a square JPEG "
			      "or PNG of %d-%d px ('siar show edit %s --image "
			      "FILE')",
			      LINT_ART_MIN_PX, LINT_ART_MAX_PX, s->slug);
	url = feed_show_image_url(s);
	if (!url)
		return nomem(l->err);
	if (!image_url_ok(url))
		rc = report(l, LINT_E, "artwork-format",
			    "artwork URL '%s' does not end in .jpg, .jpeg or "
			    ".png",
			    url);
	if (!rc && s->image)
		rc = report(l, LINT_W, "artwork-unchecked",
			    "artwork is only a URL, '%s': its format and size "
			    "cannot be checked without fetching it",
			    url);
	else if (!rc && l->opts->measure)
		rc = check_artwork_file(l, s->image_path);
	free(url);
	return rc;
}

static int check_owner(struct lint *l)
{
	int rc = SIAR_OK;

	if (blank(l->show.owner_email))
		rc = report(l, LINT_E, "owner-email",
			    "no owner email: Apple Podcasts Connect needs one "
			    "to verify the show (--owner-email)");
	if (!rc && blank(l->show.owner_name))
		rc = report(l, LINT_W, "owner-name",
			    "no owner name (--owner-name)");
	return rc;
}

static int check_category(struct lint *l)
{
	const struct catalog_show *s = &l->show;

	if (blank(s->category))
		return report(l, LINT_E, "category",
			      "no category: Apple Podcasts needs one, such as "
			      "'Government' (--category)");
	if (!catalog_category_valid(s->category))
		return report(l, LINT_E, "category",
			      "'%s' is not an Apple Podcasts category",
			      s->category);
	if (s->subcategory &&
	    !catalog_subcategory_valid(s->category, s->subcategory))
		return report(l, LINT_E, "category",
			      "'%s' is not an Apple Podcasts subcategory of "
			      "'%s'",
			      s->subcategory, s->category);
	return SIAR_OK;
}

static int check_description(struct lint *l)
{
	const char *desc = l->show.description;
	size_t len;

	if (blank(desc))
		return report(l, LINT_W, "description",
			      "no description: the feed repeats the title "
			      "(--description)");
	len = strlen(desc);
	if (len > LINT_DESC_MAX)
		return report(l, LINT_E, "description",
			      "description is %zu bytes; Apple allows %zu and "
			      "the feed cuts it",
			      len, LINT_DESC_MAX);
	return SIAR_OK;
}

static int check_base_url(struct lint *l)
{
	const char *url = l->show.base_url ? l->show.base_url : "";

	if (!url_absolute(url))
		return report(l, LINT_E, "base-url",
			      "base URL '%s' is not an absolute http(s) URL",
			      url);
	if (!url_ascii(url))
		return report(l, LINT_E, "base-url",
			      "base URL '%s' is not printable ASCII: "
			      "percent-encode it",
			      url);
	if (!strncasecmp(url, "http://", 7))
		return report(l, LINT_W, "base-url",
			      "base URL '%s' is http, not https: some apps "
			      "refuse plain http media",
			      url);
	return SIAR_OK;
}

static int check_show_fields(struct lint *l)
{
	const struct catalog_show *s = &l->show;
	int rc = check_description(l);

	if (!rc && blank(s->link))
		rc = report(l, LINT_W, "link",
			    "no website link: the feed links to the base URL "
			    "(--link)");
	if (!rc)
		rc = check_base_url(l);
	if (!rc && (!s->language || !language_ok(s->language)))
		rc = report(l, LINT_E, "language",
			    "language '%s' is not a code like 'id' or 'en-US'",
			    s->language ? s->language : "");
	if (!rc && blank(s->author))
		rc = report(l, LINT_E, "author", "no author");
	return rc;
}

static int check_show(struct lint *l)
{
	int rc;

	l->where = l->show_where;
	rc = check_artwork(l);
	if (!rc)
		rc = check_owner(l);
	if (!rc)
		rc = check_category(l);
	if (!rc)
		rc = check_show_fields(l);
	return rc;
}

/* ---- Episode rules ----------------------------------------------------- */

/* The enclosure types Apple Podcasts takes (feed-spec §3.2, §6.1). */
static bool apple_type(const char *mime)
{
	static const char *const types[] = {
	    "audio/mpeg", "audio/x-m4a",     "audio/mp4",   "audio/aac",
	    "video/mp4",  "video/quicktime", "video/x-m4v",
	};
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (mime && !strcasecmp(mime, types[i]))
			return true;
	return false;
}

static int check_enclosure_type(struct lint *l,
				const struct catalog_episode *ep)
{
	const char *codec = ep->video_codec ? ep->video_codec : ep->audio_codec;

	if (apple_type(ep->media_mime))
		return SIAR_OK;
	return report(l, LINT_W, "enclosure-type",
		      "enclosure type '%s'%s%s%s is not one Apple Podcasts "
		      "accepts (MP3, AAC/M4A, MP4, M4V or MOV)",
		      ep->media_mime ? ep->media_mime : "", codec ? " (" : "",
		      codec ? codec : "", codec ? ")" : "");
}

static int check_episode_text(struct lint *l, const struct catalog_episode *ep)
{
	size_t title_len = ep->title ? strlen(ep->title) : 0;
	size_t desc_len = ep->description ? strlen(ep->description) : 0;
	int rc = SIAR_OK;

	if (title_len > LINT_TEXT_MAX)
		rc = report(l, LINT_W, "title-length",
			    "title is %zu bytes; the feed cuts it to %zu",
			    title_len, LINT_TEXT_MAX);
	if (!rc && desc_len > LINT_DESC_MAX)
		rc = report(l, LINT_E, "description-length",
			    "description is %zu bytes; Apple allows %zu and "
			    "the feed cuts it",
			    desc_len, LINT_DESC_MAX);
	return rc;
}

static int check_episode_fields(struct lint *l,
				const struct catalog_episode *ep)
{
	const char *type = l->show.show_type;
	int rc = check_episode_text(l, ep);

	if (!rc && ep->duration_ms <= 0)
		rc = report(l, LINT_E, "duration-missing",
			    "no duration: apps show none until they play it");
	if (!rc)
		rc = check_enclosure_type(l, ep);
	if (!rc && ep->has_loudness &&
	    fabs(ep->loudness_lufs - LINT_LUFS_TARGET) > LINT_LUFS_SLACK)
		rc = report(l, LINT_W, "loudness",
			    "integrated loudness is %.1f LUFS; aim for %.0f "
			    "LUFS (within %.0f LU)",
			    ep->loudness_lufs, LINT_LUFS_TARGET,
			    LINT_LUFS_SLACK);
	if (!rc && ep->image_path && !ep->image_apple_ok)
		rc = report(l, LINT_W, "image",
			    "episode image is not a square JPEG or PNG of "
			    "%d-%d px; apps may not show it",
			    LINT_ART_MIN_PX, LINT_ART_MAX_PX);
	if (!rc && type && !strcmp(type, "serial") && ep->episode_number <= 0)
		rc = report(l, LINT_E, "serial-number",
			    "no episode number in a serial show ('siar edit "
			    "%" PRId64 " --episode N')",
			    ep->id);
	return rc;
}

/*
 * The episode's GUID or enclosure URL as the feed carries it: valid UTF-8
 * without the controls XML cannot hold, without surrounding white space
 * (the writer's cleaning, so two values that differ only there are the
 * same in the feed). In 'b', whose memory is reused from episode to
 * episode. NULL when memory runs out.
 */
static const char *feed_key(struct lint *l, const struct catalog_episode *ep,
			    bool url, struct siar_buf *b)
{
	const char *raw = ep->guid ? ep->guid : "";

	if (url) {
		siar_buf_clear(&l->raw);
		feed_add_file_url(&l->raw, &l->show, ep->media_path);
		raw = l->raw.buf;
	}
	siar_buf_clear(b);
	siar_utf8_repair(b, raw, strlen(raw), true);
	if (l->raw.failed || b->failed)
		return NULL;
	trim(b->buf);
	b->len = strlen(b->buf);
	return b->buf;
}

/* A catalog_duplicate_fn: keep one duplicate. */
static int keep_dup(int64_t id, int64_t first_id, const char *key, void *ctx,
		    struct siar_err *err)
{
	struct lint_dups *d = ctx;

	(void)key;
	if (!siar_grow((void **)&d->v, &d->cap, d->n, sizeof(*d->v)))
		return nomem(err);
	d->v[d->n].id = id;
	d->v[d->n].first_id = first_id;
	d->n++;
	return SIAR_OK;
}

static int dup_cmp(const void *key, const void *elem)
{
	int64_t id = *(const int64_t *)key;
	const struct lint_dup *d = elem;

	return (id > d->id) - (id < d->id);
}

/* The earlier episode 'id' repeats, or 0. */
static int64_t dup_first(const struct lint_dups *d, int64_t id)
{
	const struct lint_dup *found;

	if (!d->n)
		return 0;
	found = bsearch(&id, d->v, d->n, sizeof(*d->v), dup_cmp);
	return found ? found->first_id : 0;
}

/* "episode ID 'TITLE'" of episode 'id', for a message; caller frees. */
static int name_of(struct lint *l, int64_t id, char **name)
{
	struct catalog_episode ep;
	int rc;

	catalog_episode_init(&ep);
	rc = catalog_episode_get(l->cat, id, &ep, l->err);
	if (!rc) {
		*name = episode_name(&ep);
		if (!*name)
			rc = nomem(l->err);
	}
	catalog_episode_release(&ep);
	return rc;
}

/*
 * The key catalog_episode_duplicates() compares, as [*start, *start +
 * return value): the file's name (a remote URL whole), or the GUID
 * without surrounding white space. Two episodes it finds the same have
 * the same key here.
 */
static size_t dup_key(const struct catalog_episode *ep, bool url,
		      const char **start)
{
	const char *s = url ? ep->media_path : ep->guid;
	const char *slash;
	size_t len;

	if (url) {
		slash = strrchr(s, '/');
		/* As the catalogue's LIKE 'http://%': any case. */
		if (strncasecmp(s, "http://", 7) &&
		    strncasecmp(s, "https://", 8) && slash)
			s = slash + 1;
		*start = s;
		return strlen(s);
	}
	while (is_space(*s))
		s++;
	len = strlen(s);
	while (len && is_space(s[len - 1]))
		len--;
	*start = s;
	return len;
}

/*
 * Put fingerprint 'fp' in table 't' of 'slots' slots, which has room.
 * True if it was there already.
 */
static bool seen_put(uint32_t *t, size_t slots, uint32_t fp)
{
	size_t mask = slots - 1, i;

	for (i = fp & mask; t[i]; i = (i + 1) & mask)
		if (t[i] == fp)
			return true;
	t[i] = fp;
	return false;
}

/*
 * 'l''s table in 'slots' slots, with the fingerprints it had. SIAR_OK or
 * SIAR_ENOMEM.
 */
static int seen_resize(struct lint *l, size_t slots)
{
	uint32_t *t = calloc(slots, sizeof(*t));
	size_t i;

	if (!t)
		return nomem(l->err);
	for (i = 0; i < l->seen_slots; i++)
		if (l->seen[i])
			seen_put(t, slots, l->seen[i]);
	free(l->seen);
	l->seen = t;
	l->seen_slots = slots;
	return SIAR_OK;
}

/*
 * Note the episode's file among those met: '*met' false if no earlier
 * episode had it, true if one may have. SIAR_OK or SIAR_ENOMEM.
 */
static int seen_add(struct lint *l, const struct catalog_episode *ep,
		    bool *met)
{
	const char *key;
	size_t len = dup_key(ep, true, &key);
	uint64_t h;
	uint32_t fp;
	int rc;

	*met = true;
	if (l->n_seen >= l->seen_slots / 8 * 7) {
		if (l->seen_slots >= LINT_SEEN_MAX) {
			if (l->n_seen >= LINT_SEEN_MAX / 8 * 7)
				return SIAR_OK;
		} else {
			rc = seen_resize(l, l->seen_slots * 2);
			if (rc)
				return rc;
		}
	}
	h = hash_bytes(0, key, len);
	fp = (uint32_t)(h >> 32);
	*met = seen_put(l->seen, l->seen_slots, fp ? fp : 1);
	if (!*met)
		l->n_seen++;
	return SIAR_OK;
}

/* The table of fingerprints, empty, if there is none yet. */
static int seen_open(struct lint *l)
{
	if (l->seen)
		return SIAR_OK;
	return seen_resize(l, LINT_SEEN_MIN);
}

/* Note that episode 'ep''s file, 'key', may have been met before. */
static int suspect_add(struct lint *l, const struct catalog_episode *ep,
		       const char *key)
{
	struct lint_suspects *s = &l->suspects;

	if (!siar_grow((void **)&s->v, &s->cap, s->n, sizeof(*s->v)))
		return nomem(l->err);
	s->v[s->n].id = ep->id;
	s->v[s->n].key = siar_strdup(key);
	s->v[s->n].where = where_now(l) ? siar_strdup(l->where) : NULL;
	if (!s->v[s->n].key || !s->v[s->n].where) {
		free(s->v[s->n].key);
		free(s->v[s->n].where);
		return nomem(l->err);
	}
	s->n++;
	return SIAR_OK;
}

static void suspects_release(struct lint_suspects *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].key);
		free(s->v[i].where);
	}
	free(s->v);
}

/* The walk's duplicate files (with 'url') or GUIDs, asked once. */
static int dups_read(struct lint *l, bool url, struct lint_dups **out)
{
	struct lint_dups *d = url ? &l->file_dups : &l->guid_dups;
	int rc;

	*out = d;
	if (d->read)
		return SIAR_OK;
	rc = catalog_episode_duplicates(l->cat, &l->filter, url, keep_dup, d,
					l->err);
	d->read = !rc;
	return rc;
}

/*
 * Report episode 'id' if the catalogue finds that an earlier episode of
 * the walk has its 'key' (a file when 'url', else a GUID).
 */
static int report_duplicate(struct lint *l, int64_t id, const char *key,
			    bool url)
{
	struct lint_dups *d;
	int64_t first;
	char *other = NULL;
	int rc = dups_read(l, url, &d);

	if (rc)
		return rc;
	first = dup_first(d, id);
	if (!first)
		return SIAR_OK;
	rc = name_of(l, first, &other);
	if (rc)
		return rc;
	if (url)
		rc = report(l, LINT_E, "enclosure-duplicate",
			    "same enclosure URL as %s: %s", other, key);
	else
		rc = report(l, LINT_E, "guid-duplicate",
			    "same GUID as %s: '%s'", other, key);
	free(other);
	return rc;
}

/* Whether 'ep's GUID has white space around it, which the feed drops. */
static bool guid_spaced(const struct catalog_episode *ep)
{
	size_t len = strlen(ep->guid);

	return len && (is_space(ep->guid[0]) || is_space(ep->guid[len - 1]));
}

/*
 * Report episode 'ep' if an earlier episode of the walk has its GUID.
 * The catalogue keeps each show's GUIDs unique, so two are the same in
 * the feed only when one of them has white space around it; the later
 * in the walk is the duplicate. Before the first such GUID no episode
 * can be one, and the fingerprints are not needed; from then on the
 * catalogue's list of duplicates says (at once, or when deferred, in
 * feed_gate_finish()).
 */
static int check_guid(struct lint *l, const struct catalog_episode *ep)
{
	const char *key;

	if (!l->guid_spaced && !guid_spaced(ep))
		return SIAR_OK;
	l->guid_spaced = true;
	if (l->defer_dups)
		return SIAR_OK;
	key = feed_key(l, ep, false, &l->guid);
	return key ? report_duplicate(l, ep->id, key, false) : nomem(l->err);
}

/* Report the file of URL 'url' if an earlier episode of the walk has it. */
static int check_file(struct lint *l, const struct catalog_episode *ep,
		      const char *url)
{
	bool met = false;
	int rc = seen_open(l);

	if (!rc)
		rc = seen_add(l, ep, &met);
	if (rc || !met)
		return rc;
	if (l->defer_dups)
		return suspect_add(l, ep, url);
	return report_duplicate(l, ep->id, url, true);
}

/* Note what the previous feed's item 'it', with this episode's GUID, lost. */
static int prev_found(struct lint *l, struct prev_item *it,
		      const struct catalog_episode *ep, const char *url)
{
	bool url_changed = it->url && strcmp(it->url, url);

	if (it->found)
		return SIAR_OK; /* a duplicate GUID: the first episode counts */
	it->found = true;
	it->date_changed = it->has_pub && it->pub_unix != ep->published_unix;
	it->new_pub = ep->published_unix;
	if ((!url_changed && !it->date_changed) || it->where)
		return SIAR_OK;
	it->where = where_now(l) ? siar_strdup(l->where) : NULL;
	it->new_url = url_changed ? siar_strdup(url) : NULL;
	if (!it->where || (url_changed && !it->new_url))
		return nomem(l->err);
	return SIAR_OK;
}

/* Match this episode with the previous feed's items, by GUID and by URL. */
static int prev_match(struct lint *l, const struct catalog_episode *ep,
		      const char *guid, const char *url)
{
	struct prev_feed *pf = &l->prev;
	struct prev_item *it;
	size_t pos = SIZE_MAX;
	int64_t v;
	int rc = SIAR_OK;

	while (!rc && set_next(&pf->by_guid, hash_str(guid), &pos, &v)) {
		it = &pf->items[v - 1];
		if (!strcmp(it->guid, guid))
			rc = prev_found(l, it, ep, url);
	}
	pos = SIZE_MAX;
	while (!rc && set_next(&pf->by_url, hash_str(url), &pos, &v)) {
		it = &pf->items[v - 1];
		if (strcmp(it->url, url) || it->taker ||
		    (it->guid && !strcmp(it->guid, guid)))
			continue;
		it->taker = where_now(l) ? siar_strdup(l->where) : NULL;
		it->new_guid = siar_strdup(guid);
		if (!it->taker || !it->new_guid)
			rc = nomem(l->err);
	}
	return rc;
}

/* The rules on the GUID and enclosure URL, and the previous feed's match. */
static int check_episode_ids(struct lint *l, const struct catalog_episode *ep)
{
	const char *url = feed_key(l, ep, true, &l->url);
	const char *guid;
	int rc = SIAR_OK;

	if (!url)
		return nomem(l->err);
	if (!url_absolute(url) || !url_ascii(url))
		rc = report(l, LINT_E, "enclosure-url",
			    "enclosure URL '%s' is not an absolute http(s) URL "
			    "of printable ASCII",
			    url);
	if (!rc)
		rc = check_file(l, ep, url);
	if (!rc)
		rc = check_guid(l, ep);
	/* Without a previous feed, nothing to match. */
	if (!rc && l->prev.n) {
		guid = feed_key(l, ep, false, &l->guid);
		rc = guid ? prev_match(l, ep, guid, url) : nomem(l->err);
	}
	return rc;
}

/* The media file: there, the size the enclosure says, the duration. */
static int check_media_file(struct lint *l, const struct catalog_episode *ep)
{
	struct feed_file_facts f;
	int64_t diff, slack;
	int rc;

	rc = measure(l, ep->media_path, true, &f);
	if (rc)
		return rc;
	if (!f.exists)
		return report(l, LINT_E, "media-missing",
			      "media file '%s' is missing", ep->media_path);
	if (f.size_bytes != ep->media_size_bytes)
		rc = report(l, LINT_E, "size-mismatch",
			    "media file '%s' is %" PRId64 " bytes, the "
			    "enclosure says %" PRId64 ": the file changed "
			    "after it was added",
			    ep->media_path, f.size_bytes, ep->media_size_bytes);
	if (rc || f.duration_ms <= 0 || ep->duration_ms <= 0)
		return rc;
	diff = f.duration_ms - ep->duration_ms;
	diff = diff < 0 ? -diff : diff;
	slack = ep->duration_ms / 100;
	slack = slack > LINT_DURATION_SLACK_MS ? slack : LINT_DURATION_SLACK_MS;
	if (diff > slack)
		rc = report(l, LINT_E, "duration-mismatch",
			    "media file '%s' lasts %.1f s, the catalogue says "
			    "%.1f s",
			    ep->media_path, (double)f.duration_ms / 1000.0,
			    (double)ep->duration_ms / 1000.0);
	return rc;
}

static int check_other_files(struct lint *l, const struct catalog_episode *ep)
{
	const struct catalog_rendition *r;
	struct feed_file_facts f;
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; !rc && i < ep->n_transcripts; i++) {
		rc = measure(l, ep->transcripts[i].path, false, &f);
		if (!rc && !f.exists)
			rc = report(l, LINT_E, "transcript-missing",
				    "transcript file '%s' is missing",
				    ep->transcripts[i].path);
	}
	for (i = 0; !rc && i < ep->n_renditions; i++) {
		r = &ep->renditions[i];
		rc = measure(l, r->path, false, &f);
		if (!rc && !f.exists)
			rc = report(l, LINT_E, "rendition-missing",
				    "rendition file '%s' is missing", r->path);
		else if (!rc && f.size_bytes != r->size_bytes)
			rc = report(l, LINT_E, "rendition-size",
				    "rendition file '%s' is %" PRId64
				    " bytes, the catalogue says %" PRId64
				    ": the file changed after it was added",
				    r->path, f.size_bytes, r->size_bytes);
	}
	return rc;
}

/* A catalog_episode_fn: every rule on one live episode. */
static int lint_episode(const struct catalog_episode *ep, void *ctx,
			struct siar_err *err)
{
	struct lint *l = ctx;
	int rc;

	(void)err; /* the same as l->err */
	l->n_live++;
	l->ep = ep;
	l->where = NULL;
	rc = check_episode_fields(l, ep);
	if (!rc)
		rc = check_episode_ids(l, ep);
	if (!rc && l->opts->measure)
		rc = check_media_file(l, ep);
	if (!rc && l->opts->measure)
		rc = check_other_files(l, ep);
	l->ep = NULL;
	return rc;
}

/* ---- Comparison with the previous feed -------------------------------- */

/* "previous feed item 'TITLE'" (or its GUID, or its position). */
static char *item_name(const struct prev_item *it, size_t index)
{
	const char *name = it->title ? it->title : it->guid;
	struct siar_buf b;
	char *out;

	siar_buf_init(&b, 0);
	if (name) {
		siar_buf_adds(&b, "previous feed item '");
		add_line(&b, name, strlen(name), LINT_NAME_MAX);
		siar_buf_addc(&b, '\'');
	} else {
		siar_buf_addf(&b, "previous feed item %zu", index + 1);
	}
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	return out;
}

/* An item whose GUID is still there: did its URL or date change? */
static int report_found(struct lint *l, const struct prev_item *it)
{
	struct siar_buf date;
	int rc = SIAR_OK;

	if (!it->where)
		return SIAR_OK;
	l->where = it->where;
	if (it->new_url)
		rc = report(l, LINT_W, "enclosure-changed",
			    "enclosure URL changed from %s to %s: apps that "
			    "downloaded it may fetch it again",
			    it->url, it->new_url);
	if (rc || !it->date_changed)
		return rc;
	siar_buf_init(&date, 0);
	rc = siar_time_rfc2822(&date, it->new_pub, l->show.timezone, l->err);
	if (!rc)
		rc = siar_buf_check(&date, l->err);
	if (!rc)
		rc = report(l, LINT_W, "date-changed",
			    "publication date changed from '%s' to '%s': apps "
			    "may list it again or out of order",
			    it->date, date.buf);
	siar_buf_release(&date);
	return rc;
}

static int report_previous(struct lint *l)
{
	const struct prev_item *it;
	char *name;
	size_t i;
	int rc = SIAR_OK;

	for (i = 0; !rc && i < l->prev.n; i++) {
		it = &l->prev.items[i];
		if (it->found) {
			rc = report_found(l, it);
			continue;
		}
		if (it->taker) {
			l->where = it->taker;
			rc = report(l, LINT_E, "guid-changed",
				    "GUID changed from %s%s%s to '%s' for the "
				    "same enclosure URL: apps will download it "
				    "again as new",
				    it->guid ? "'" : "",
				    it->guid ? it->guid : "none",
				    it->guid ? "'" : "", it->new_guid);
			continue;
		}
		name = item_name(it, i);
		if (!name)
			return nomem(l->err);
		l->where = name;
		if (it->guid)
			rc = report(l, LINT_W, "episode-vanished",
				    "GUID '%s' is no longer in the feed: "
				    "unpublished or removed; apps drop it",
				    it->guid);
		else
			rc = report(l, LINT_W, "episode-vanished",
				    "an item without a GUID is no longer in "
				    "the feed: unpublished or removed; apps "
				    "drop it");
		l->where = NULL;
		free(name);
	}
	return rc;
}

/* ---- Entry point ------------------------------------------------------- */

const char *feed_lint_level_name(enum feed_lint_level level)
{
	switch (level) {
	case FEED_LINT_ERROR:
		return "error";
	case FEED_LINT_WARNING:
		return "warning";
	}
	return "error";
}

static void lint_init(struct lint *l, struct catalog *cat,
		      const struct feed_lint_opts *opts, feed_lint_fn fn,
		      void *ctx, struct siar_err *err)
{
	static const struct feed_lint_opts none = {0};

	memset(l, 0, sizeof(*l));
	l->cat = cat;
	catalog_show_init(&l->show);
	l->opts = opts ? opts : &none;
	l->fn = fn;
	l->ctx = ctx;
	l->err = err;
	siar_buf_init(&l->guid, 0);
	siar_buf_init(&l->url, 0);
	siar_buf_init(&l->raw, 0);
}

static void lint_release(struct lint *l)
{
	catalog_show_release(&l->show);
	free(l->show_where);
	free(l->ep_where);
	free(l->guid_dups.v);
	free(l->file_dups.v);
	free(l->seen);
	suspects_release(&l->suspects);
	siar_buf_release(&l->guid);
	siar_buf_release(&l->url);
	siar_buf_release(&l->raw);
	prev_release(&l->prev);
}

/* The live episodes the feed would hold: the filters of opts->feed. */
static void lint_filter(struct lint *l, const char *slug)
{
	const struct feed_opts *fo = l->opts->feed;

	memset(&l->filter, 0, sizeof(l->filter));
	l->filter.show_slug = slug;
	l->filter.live_only = true;
	if (fo) {
		l->filter.limit = fo->limit;
		l->filter.topic = fo->topic;
		l->filter.person = fo->person;
	}
}

static int lint_episodes(struct lint *l)
{
	int rc;

	rc = catalog_episode_each(l->cat, &l->filter, lint_episode, l, l->err);
	if (rc || l->n_live)
		return rc;
	l->where = l->show_where;
	return report(l, LINT_W, "no-episodes",
		      "no live episode: the feed will be empty");
}

/*
 * A show that let its last whole period of its cadence go by without an
 * episode, and has none yet in this one, is overdue: a warning, since the
 * feed itself is fine, but the office's rhythm is not.
 */
static int check_rhythm(struct lint *l)
{
	struct catalog_rhythm r;
	int64_t now = catalog_now(l->cat);
	char last[SIAR_DAY_MAX], due[SIAR_DAY_MAX];
	struct siar_err ignored = {0};
	int rc;

	rc = catalog_show_rhythm(l->cat, l->show.slug, now - 62 * 86400,
				 now + 1, &r, l->err);
	if (rc || !r.overdue || !r.last_published_unix) {
		catalog_rhythm_release(&r);
		return rc;
	}
	siar_time_day(last, r.last_published_unix, l->show.timezone,
		      &ignored);
	siar_time_day(due, r.next_due_unix - 1, l->show.timezone, &ignored);
	l->where = l->show_where;
	rc = report(l, LINT_W, "overdue",
		    "no episode since %s on a %s cadence: one is due by %s",
		    last, r.cadence, due);
	catalog_rhythm_release(&r);
	return rc;
}

/* Read the show and name it for messages. */
static int lint_show(struct lint *l, const char *slug)
{
	struct siar_buf where;
	int rc;

	rc = catalog_show_get(l->cat, slug, &l->show, l->err);
	if (rc)
		return rc;
	siar_buf_init(&where, 0);
	siar_buf_addf(&where, "show '%s'", l->show.slug);
	l->show_where = siar_buf_detach(&where);
	siar_buf_release(&where);
	if (!l->show_where)
		return nomem(l->err);
	lint_filter(l, slug);
	return SIAR_OK;
}

int feed_lint(struct catalog *cat, const char *slug,
	      const struct feed_lint_opts *opts, feed_lint_fn fn, void *ctx,
	      size_t *n_errors, size_t *n_warnings, struct siar_err *err)
{
	struct lint l;
	int rc;

	assert(cat && slug && fn && err);
	lint_init(&l, cat, opts, fn, ctx, err);
	rc = lint_show(&l, slug);
	if (rc)
		goto out;
	/* A previous feed we cannot read fails before anything is reported. */
	if (l.opts->previous_path) {
		rc = prev_read(&l.prev, l.opts->previous_path, err);
		if (rc)
			goto out;
	}
	rc = check_show(&l);
	if (!rc)
		rc = lint_episodes(&l);
	if (!rc)
		rc = check_rhythm(&l);
	if (!rc)
		rc = report_previous(&l);
out:
	if (n_errors)
		*n_errors = l.n_errors;
	if (n_warnings)
		*n_warnings = l.n_warnings;
	lint_release(&l);
	return rc;
}

/* ---- The gate of feed_write_rss() --------------------------------------- */

struct feed_gate {
	struct lint l;
	struct feed_lint_opts opts;
};

int feed_gate_open(struct feed_gate **out, struct catalog *cat,
		   const char *slug, const struct feed_opts *fo,
		   feed_lint_fn fn, void *ctx, struct siar_err *err)
{
	struct feed_gate *g = calloc(1, sizeof(*g));
	int rc;

	*out = NULL;
	if (!g)
		return nomem(err);
	g->opts.feed = fo;
	lint_init(&g->l, cat, &g->opts, fn, ctx, err);
	g->l.errors_only = true;
	g->l.defer_dups = true;
	rc = lint_show(&g->l, slug);
	if (!rc)
		rc = check_show(&g->l);
	/* Here, before the writer's thread starts to use it. */
	if (!rc)
		rc = seen_open(&g->l);
	if (rc) {
		feed_gate_close(g);
		return rc;
	}
	*out = g;
	return SIAR_OK;
}

int feed_gate_episode(struct feed_gate *g, const struct catalog_episode *ep,
		      struct siar_err *err)
{
	g->l.err = err;
	return lint_episode(ep, &g->l, err);
}

/* Every duplicate GUID of the walk, found by the catalogue (check_guid). */
static int report_guid_dups(struct lint *l)
{
	struct lint_dups *d;
	struct catalog_episode ep;
	const char *start;
	char *key, *name;
	size_t i, len;
	int rc = dups_read(l, false, &d);

	for (i = 0; !rc && i < d->n; i++) {
		catalog_episode_init(&ep);
		rc = catalog_episode_get(l->cat, d->v[i].id, &ep, l->err);
		key = NULL;
		name = NULL;
		if (!rc) {
			len = dup_key(&ep, false, &start);
			key = malloc(len + 1);
			if (key) {
				memcpy(key, start, len);
				key[len] = '\0';
			}
			name = episode_name(&ep);
			if (!key || !name)
				rc = nomem(l->err);
		}
		l->where = name;
		if (!rc)
			rc = report_duplicate(l, d->v[i].id, key, false);
		l->where = NULL;
		free(key);
		free(name);
		catalog_episode_release(&ep);
	}
	return rc;
}

int feed_gate_finish(struct feed_gate *g, struct siar_err *err)
{
	struct lint *l = &g->l;
	const struct lint_suspect *s;
	size_t i;
	int rc = SIAR_OK;

	l->err = err;
	l->ep = NULL;
	for (i = 0; !rc && i < l->suspects.n; i++) {
		s = &l->suspects.v[i];
		l->where = s->where;
		rc = report_duplicate(l, s->id, s->key, true);
	}
	l->where = NULL;
	if (!rc && l->guid_spaced)
		rc = report_guid_dups(l);
	return rc;
}

size_t feed_gate_errors(const struct feed_gate *g)
{
	return g->l.n_errors;
}

void feed_gate_close(struct feed_gate *g)
{
	if (!g)
		return;
	lint_release(&g->l);
	free(g);
}
