/*
 * Private declarations shared by the files of feed/. Nothing outside the
 * folder includes this.
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

/*
 * The templates, style sheet and script of feed/templates/, built into
 * siar by the Makefile (scripts/embed-templates.sh).
 */
extern const struct feed_tpl_source feed_builtin_templates[];
extern const size_t feed_builtin_templates_n;

/* ---- Text (site_text.c) ------------------------------------------------- */

/*
 * Called with each paragraph or cue: its start (-1 when untimed) and its
 * text, 'len' bytes, not NUL-terminated for paragraphs. A non-zero return
 * stops the walk and is returned.
 */
typedef int (*feed_text_fn)(void *ctx, int64_t start_ms, const char *text,
			    size_t len, struct siar_err *err);

/* Call 'fn' for each paragraph of 'text' (split at blank lines, trimmed). */
int feed_text_paragraphs(const char *text, feed_text_fn fn, void *ctx,
			 struct siar_err *err);

/*
 * The first paragraph of 'text', cut to at most 'max' bytes at a word's
 * end and then marked with an ellipsis, into '*out' (caller frees; NULL
 * when there is none). Returns SIAR_OK or SIAR_ENOMEM.
 */
int feed_text_summary(const char *text, size_t max, char **out,
		      struct siar_err *err);


/*
 * Call 'fn' for each cue of the WebVTT or SubRip text 'data' ('len'
 * bytes, followed by a NUL): its start and its text on one line, tags
 * removed and character references decoded.
 */
int feed_text_cues(const char *data, size_t len, feed_text_fn fn, void *ctx,
		   struct siar_err *err);

/* ---- File system (site_fs.c) -------------------------------------------- */

/* Create folder 'dir' and any missing parents (mkdir -p). */
int feed_fs_mkdirs(const char *dir, struct siar_err *err);

/*
 * Recreate everything under folder 'from' in the existing folder 'to':
 * folders made, files hard-linked (copied with their times where links
 * fail). Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int feed_fs_link_tree(const char *from, const char *to, struct siar_err *err);

/*
 * Remove every file under folder 'root' whose path relative to it is not
 * in 'keep' (sorted by strcmp), and the folders left empty. '*n_removed'
 * (may be NULL) receives how many files went.
 */
int feed_fs_prune(const char *root, char *const *keep, size_t n_keep,
		  size_t *n_removed, struct siar_err *err);

/* Remove 'path' and all under it; a missing 'path' is SIAR_OK. */
int feed_fs_remove_tree(const char *path, struct siar_err *err);

enum feed_fs_put {
	FEED_FS_KEPT, /* 'dst' already was that file, or a copy of it */
	FEED_FS_LINKED,
	FEED_FS_COPIED,
};

/*
 * Make 'dst' the file 'src': nothing when 'dst' is the same inode, or has
 * the same size and modification time; else a hard link, or a copy with
 * the times of 'src', renamed over 'dst'. '*how' says which. Returns
 * SIAR_OK, SIAR_EIO (names the file) or SIAR_ENOMEM.
 */
int feed_fs_put(const char *src, const char *dst, enum feed_fs_put *how,
		struct siar_err *err);

/*
 * Sync the file system of 'newdir' (its files were written without
 * fsync), then put folder 'newdir' where 'outdir' is, in one step where
 * the system can exchange them, and remove the old 'outdir'. A missing 'outdir'
 * is fine. Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int feed_fs_swap(const char *newdir, const char *outdir, struct siar_err *err);


/* ---- libcrypto, loaded on first use (netlib.c) ------------------------ */

/*
 * SHA-256 of 'len' bytes at 'data' into 'md' (32 bytes), through
 * libcrypto loaded on the first call. Returns SIAR_OK, or SIAR_EIO with
 * 'err' set ("cannot load libcrypto: ...") or SIAR_ENOMEM. Thread-safe.
 */
int feed_sha256(const void *data, size_t len, unsigned char md[32],
		struct siar_err *err);

/*
 * 'n' bytes at 'in' in base64, with padding and a terminator, into 'out'
 * (4 * ((n + 2) / 3) + 1 bytes). As feed_sha256().
 */
int feed_base64(char *out, const unsigned char *in, size_t n,
		struct siar_err *err);

/* ---- libcurl and libmicrohttpd, loaded on first use (netlib.c) ------------ */

/*
 * Only for the files that fetch or serve, which define FEED_NET before
 * including this: the two headers declare much that others do not need.
 */
#ifdef FEED_NET
#include <curl/curl.h>
#include <microhttpd.h>

/* The libcurl functions fetch.c calls. */
struct feed_curl_fns {
	bool loaded;
	CURLcode (*global_init)(long flags);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *c, CURLoption opt, ...);
	CURLcode (*easy_perform)(CURL *c);
	CURLcode (*easy_getinfo)(CURL *c, CURLINFO info, ...);
	void (*easy_cleanup)(CURL *c);
	const char *(*easy_strerror)(CURLcode cc);
	CURLHcode (*easy_header)(CURL *c, const char *name, size_t index,
				 unsigned int origin, int request,
				 struct curl_header **hout);
	struct curl_slist *(*slist_append)(struct curl_slist *l,
					   const char *s);
	void (*slist_free_all)(struct curl_slist *l);
};

/*
 * libcurl, loaded (and curl_global_init'ed) on the first call; NULL with
 * 'err' set ("cannot load libcurl: ...") when it cannot be. Thread-safe.
 */
const struct feed_curl_fns *feed_curl(struct siar_err *err);

/* The libmicrohttpd functions serve.c calls. */
struct feed_mhd_fns {
	bool loaded;
	struct MHD_Daemon *(*start_daemon)(unsigned int flags, uint16_t port,
					   MHD_AcceptPolicyCallback apc,
					   void *apc_cls,
					   MHD_AccessHandlerCallback dh,
					   void *dh_cls, ...);
	void (*stop_daemon)(struct MHD_Daemon *d);
	enum MHD_Result (*queue_response)(struct MHD_Connection *c,
					  unsigned int status,
					  struct MHD_Response *r);
	void (*destroy_response)(struct MHD_Response *r);
	enum MHD_Result (*add_response_header)(struct MHD_Response *r,
					       const char *header,
					       const char *content);
	struct MHD_Response *(*create_response_from_buffer)(
	    size_t size, void *buffer, enum MHD_ResponseMemoryMode mode);
	struct MHD_Response *(*create_response_from_buffer_with_free_callback_cls)(
	    size_t size, void *buffer, MHD_ContentReaderFreeCallback crfc,
	    void *crfc_cls);
	struct MHD_Response *(*create_response_from_fd_at_offset64)(
	    uint64_t size, int fd, uint64_t offset);
	const union MHD_ConnectionInfo *(*get_connection_info)(
	    struct MHD_Connection *c, enum MHD_ConnectionInfoType type, ...);
	const char *(*lookup_connection_value)(struct MHD_Connection *c,
					       enum MHD_ValueKind kind,
					       const char *key);
};

/* libmicrohttpd, loaded on the first call; as feed_curl(). */
const struct feed_mhd_fns *feed_mhd(struct siar_err *err);
#endif /* FEED_NET */

/* Append feed_file_url(show, path) to 'b'; failures stay in 'b'. */
void feed_add_file_url(struct siar_buf *b, const struct catalog_show *show,
		       const char *path);

/* ---- The checks while a feed is written (lint.c) ----------------------- */

/*
 * feed_lint()'s catalogue checks without files, errors only, run by
 * feed_write_rss() on the show (feed_gate_open) and on each episode as it
 * writes it (feed_gate_episode), each error reported through 'fn'. The
 * same rules on the same episodes as 'siar lint --no-files', in one walk
 * instead of two. Returns as feed_lint() does.
 *
 * feed_gate_episode() never uses the catalogue, so it may run on another
 * thread than the walk's (one at a time): an episode that may repeat an
 * earlier one's GUID or file is noted, and feed_gate_finish(), on the
 * catalogue's thread after the walk, asks the catalogue and reports the
 * duplicates, after the other errors. Failures go to 'err'.
 */
struct feed_gate;

int feed_gate_open(struct feed_gate **out, struct catalog *cat,
		   const char *slug, const struct feed_opts *fo,
		   feed_lint_fn fn, void *ctx, struct siar_err *err);
int feed_gate_episode(struct feed_gate *g, const struct catalog_episode *ep,
		      struct siar_err *err);
int feed_gate_finish(struct feed_gate *g, struct siar_err *err);
size_t feed_gate_errors(const struct feed_gate *g);
void feed_gate_close(struct feed_gate *g);

#endif
