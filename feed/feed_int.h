/*
 * Private declarations shared by the files of feed/ that import a feed:
 * what import_read.c reads out of the XML, and import.c stores in the
 * catalogue. Nothing outside feed/ includes this file.
 */
#ifndef SIAR_FEED_INT_H
#define SIAR_FEED_INT_H

#include "feed.h"

/* A host of the show, from a channel-level podcast:person. */
struct import_host {
	char *name;
	char *role;		/* lowercase, valid with 'group' */
	char *group;
};

/* Someone the feed names with a link or a photo (podcast:person). */
struct import_person {
	char *name;
	char *url;		/* http(s), or NULL */
	char *photo;		/* http(s), or NULL */
};

/* One <item>, as read and, later, as stored. */
struct import_item {
	size_t index;		/* its place in the feed, from 1 */
	struct catalog_episode ep;	/* owns every string and list */
	/*
	 * The enclosure URL (import_url), kept when --download puts a
	 * local path in ep.media_path.
	 */
	char *enclosure_url;
	char *skip;		/* why it is skipped; NULL: it is imported */
	enum feed_import_status status;
	int64_t id;
	unsigned changed;
	char *download;		/* a file downloaded for it, or NULL */
	/* Allocated lengths of the lists in 'ep' while they are read. */
	size_t cap_guests, cap_credits, cap_topics;
	size_t cap_transcripts, cap_renditions, cap_chapters;
};

/*
 * A feed read into memory. Like the writer in feed.c, it keeps its first
 * failure (out of memory) in 'rc', set through 'err', and the reading
 * goes on quietly until someone looks.
 */
struct import_feed {
	const struct feed_import_opts *opts;
	const char *source;	/* the file or URL, for messages */
	struct catalog_show show;	/* what the channel says; slug and base
					 * URL are the importer's to set */
	char *feed_guid;	/* podcast:guid, lowercase, or NULL */
	char *self_url;		/* atom:link rel="self", or NULL */
	struct import_host *hosts;
	size_t n_hosts, cap_hosts;
	struct import_person *people;
	size_t n_people, cap_people;
	struct import_item *items;
	size_t n_items, cap_items;
	int rc;
	struct siar_err *err;
};

/* Prepare an empty feed for 'opts', read from 'source'. Cannot fail. */
void import_feed_init(struct import_feed *f, const struct feed_import_opts *opts,
		      const char *source, struct siar_err *err);

/* Free what 'f' owns (downloaded files stay on disk). */
void import_feed_release(struct import_feed *f);

/*
 * Parse the 'len' bytes at 'data' (see feed_import() for the rules) and
 * fill 'f' with the channel and every item. Items that cannot be
 * imported are kept with their reason in 'skip'. Returns SIAR_OK,
 * SIAR_EINVAL (not a feed siar imports: 'err' says why, naming the
 * source) or SIAR_ENOMEM.
 */
int import_read(struct import_feed *f, const char *data, size_t len);

/* Pass one line to opts->on_warning, formatted. Cannot fail. */
void import_warn(const struct import_feed *f, const char *fmt, ...)
	SIAR_PRINTF(2, 3);

/* "item N 'TITLE'" for messages, the title on one line and cut short. */
void import_item_label(struct siar_buf *b, const struct import_item *it);

/*
 * A copy of 's', an absolute http(s) URL, fit for the catalogue: the
 * scheme lowercase, and spaces, controls and bytes past ASCII
 * percent-encoded (catalog_path_remote). NULL when 's' is not such a URL,
 * or memory runs out ('f->rc' then says so).
 */
char *import_url(struct import_feed *f, const char *s);

/* Make room for one more element of 'size' bytes; false: out of memory. */
bool import_grow(void **items, size_t *cap, size_t n, size_t size);

#endif
