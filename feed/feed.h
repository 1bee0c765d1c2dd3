/*
 * feed: write a show's podcast feed (RSS 2.0 with Apple's itunes: tags and
 * the Podcasting 2.0 podcast: namespace) with libxml2's xmlTextWriter,
 * streaming the episodes from a catalogue cursor.
 *
 * Reads the catalogue only through catalog.h. Writing to a file atomically
 * is the caller's business (see siar_atomic_open in common/siar.h).
 */
#ifndef SIAR_FEED_H
#define SIAR_FEED_H

#include "../catalog/catalog.h"
#include "../common/siar.h"

struct feed_opts {
	/* The feed's public URL, for atom:link rel="self"; NULL gives
	 * feed_default_url() of the show. */
	const char *self_url;
	/* Text of <generator>; NULL gives "siar VERSION". */
	const char *generator;
};

/* Prepare default options. Cannot fail. */
void feed_opts_init(struct feed_opts *opts);

/*
 * The URL a show's feed is published at when none is given: the show's
 * base URL followed by "/feed.xml". Returned string belongs to the caller;
 * NULL when memory runs out.
 */
char *feed_default_url(const struct catalog_show *show);

/*
 * The Podcasting 2.0 podcast:guid of a feed at 'feed_url': the UUIDv5
 * (namespace ead4c236-bf58-58c6-a2c6-a6b28d128cb6) of the URL without its
 * scheme ("https://", any "scheme://") and trailing slashes, nothing else
 * changed, as 36 lowercase characters. "https://podnews.net/rss/" and
 * "podnews.net/rss" give the same GUID.
 *
 * Returned string belongs to the caller; NULL when 'feed_url' is NULL or
 * nothing is left after the stripping, or memory runs out.
 */
char *feed_podcast_guid(const char *feed_url);

/*
 * The enclosure URL of an episode's media: the show's base URL, a slash,
 * and the file's base name percent-encoded (RFC 3986 unreserved bytes kept).
 * Returned string belongs to the caller; NULL when memory runs out.
 */
char *feed_media_url(const struct catalog_show *show, const char *media_path);

/*
 * Write the RSS feed of show 'slug' to 'out': every published episode
 * whose time has come (catalog_now), newest first. Output is deterministic:
 * the same catalogue gives the same bytes (lastBuildDate is the latest
 * change, not the clock).
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (no such show), SIAR_EIO (writing to
 * 'out' failed), SIAR_EDB or SIAR_ENOMEM. On failure part of the feed may
 * have been written to 'out'.
 */
int feed_write_rss(struct catalog *cat, const char *slug,
		   const struct feed_opts *opts, FILE *out,
		   struct siar_err *err);

/* ---- Serving a site over HTTP (feed/serve.c) --------------------------- */

/*
 * 'siar serve': an HTTP/1.1 static file server for a published site, for
 * an office without a web server. libmicrohttpd parses requests, keeps
 * connections alive and sends file bodies with sendfile(); feed/serve.c
 * chooses the file (never one outside the site), its type, its validators,
 * conditional requests (RFC 7232), byte ranges (RFC 7233) and gzip.
 *
 * Every request opens the site folder and the file again, so a site rebuilt
 * and renamed into place is served at once. Only compressed bodies are
 * kept between requests, keyed by path and ETag.
 */

/*
 * One finished request, for an access log. Every pointer is borrowed for
 * the duration of the callback.
 */
struct feed_serve_log {
	const char *client;  /* numeric address: "127.0.0.1", "::1" */
	const char *method;  /* as sent: "GET" */
	const char *target;  /* as sent, query included; any bytes */
	const char *version; /* "HTTP/1.1" */
	unsigned status;     /* 200, 206, 304, 404, ... */
	uint64_t body_bytes; /* body bytes of the response; 0 for HEAD */
	double elapsed_ms;   /* from the request line to the response sent */
	int64_t time_unix;   /* when the request line came */
};

struct feed_server_opts {
	const char *root;	 /* the folder to serve; default "site" */
	const char *bind_addr;	 /* numeric IPv4 or IPv6; default 127.0.0.1 */
	unsigned port;		 /* default 8080; 0 picks a free port */
	unsigned threads;	 /* worker threads; 0: one per CPU */
	size_t gzip_cache_bytes; /* compressed bodies kept; default 32 MiB */
	/*
	 * Called once the server listens, before any request is handled,
	 * with its URL ("http://127.0.0.1:8080/"). May be NULL.
	 */
	void (*on_ready)(void *arg, const char *url);
	/*
	 * Called after each request from the server's threads, several at a
	 * time, so it must be thread-safe. NULL: no access log. Requests that
	 * libmicrohttpd refuses before they reach siar (a malformed request
	 * line, headers too large) are not reported.
	 */
	void (*on_request)(void *arg, const struct feed_serve_log *entry);
	void *arg; /* passed to both callbacks */
};

/* Prepare default options. Cannot fail. */
void feed_server_opts_init(struct feed_server_opts *opts);

/*
 * Serve the files under opts->root over HTTP until the process receives
 * SIGINT or SIGTERM, then stop and return SIAR_OK. The two signals are
 * blocked in the calling thread (and so in every server thread) while it
 * runs, and the caller's signal mask is put back before it returns.
 *
 * GET and HEAD are answered; any other method gets 405. See siar(1) for
 * what is served and how.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND (opts->root is missing or not a folder),
 * SIAR_EINVAL (opts->bind_addr is not a numeric address, or the port is
 * above 65535), SIAR_EIO (cannot
 * listen: the port is in use, the address is not this machine's, ...,
 * 'err' naming the address and port) or SIAR_ENOMEM.
 */
int feed_serve(const struct feed_server_opts *opts, struct siar_err *err);

/*
 * The Content-Type for the file at 'path', from its extension (any case):
 * "audio/mpeg" for .mp3, ...; a file named "feed.xml" is
 * "application/rss+xml" and "feed.json" "application/feed+json".
 * "application/octet-stream" for anything unknown. A static string; cannot
 * fail.
 */
const char *feed_serve_mime_type(const char *path);

/*
 * True if the file at 'path' is text worth sending gzipped: HTML, XML,
 * JSON, CSS, JavaScript, SVG, plain text, WebVTT, OPML. Cannot fail.
 */
bool feed_serve_compressible(const char *path);

/* The longest path below the root that is served, in bytes. */
#define FEED_SERVE_PATH_MAX 1024

/* A file a request names, opened. */
struct feed_serve_file {
	int fd;	       /* read-only, blocking; -1 when none */
	bool redirect; /* a folder named without its final '/' */
	uint64_t size_bytes;
	int64_t mtime_s;
	long mtime_ns;
	uint64_t inode;
	/* The file opened, decoded, relative to the root: "a/index.html". */
	char path[FEED_SERVE_PATH_MAX];
};

/* Prepare an empty 'f'. Cannot fail. */
void feed_serve_file_init(struct feed_serve_file *f);

/* Close the file 'f' holds, if any, and leave it as after _init. */
void feed_serve_file_release(struct feed_serve_file *f);

enum feed_serve_resolve_flags {
	/*
	 * Resolve with realpath() and a prefix check, as on kernels without
	 * openat2() (before Linux 5.6), instead of openat2()'s
	 * RESOLVE_BENEATH. For tests of that path.
	 */
	FEED_SERVE_NO_OPENAT2 = 1 << 0,
};

/*
 * Open the file that the request target 'target' (the path as sent,
 * percent-encoded, without the query) names under the folder 'root'.
 * A target ending in '/' names the folder's index.html.
 *
 * Refused as SIAR_ENOTFOUND, never opened: a segment that is empty
 * ("//x", "/a//b"), starts with '.' (".", "..", dotfiles) or holds, raw or
 * percent-encoded, a '\', a NUL or an encoded '/'; a path longer than
 * FEED_SERVE_PATH_MAX; a symbolic link that leads outside 'root' (with
 * openat2(), any absolute link); anything that is not a regular file or a
 * folder. 'root' itself is opened again on every call.
 *
 * On SIAR_OK 'f' (initialised) holds the open file and its stat, or, for a
 * folder named without its final '/', no file and 'redirect' set. Returns
 * SIAR_OK, SIAR_EINVAL (the target does not start with '/' or has a bad
 * %-escape), SIAR_ENOTFOUND, SIAR_EIO (an OS call failed otherwise) or
 * SIAR_ENOMEM; on failure 'f' is left empty.
 */
int feed_serve_resolve(const char *root, const char *target, unsigned flags,
		       struct feed_serve_file *f, struct siar_err *err);

/* Room for an ETag, quotes and NUL included. */
#define FEED_SERVE_ETAG_MAX 64

/*
 * The strong ETag of 'f' into 'buf': "SIZE-MTIME_NS-INODE" in hex, quoted,
 * with "-gz" before the closing quote for the gzip variant. Cannot fail.
 */
void feed_serve_etag(const struct feed_serve_file *f, bool gzip, char *buf,
		     size_t len);

/* Room for an HTTP date, NUL included. */
#define FEED_SERVE_DATE_MAX 30

/*
 * 'unix_s' as an RFC 7231 IMF-fixdate, "Sun, 06 Nov 1994 08:49:37 GMT",
 * into 'buf' ("" if 'len' is too small or the year is out of range).
 */
void feed_serve_http_date(int64_t unix_s, char *buf, size_t len);

/*
 * Parse an HTTP date in any of the three forms RFC 7231 requires a server
 * to accept (IMF-fixdate, RFC 850, asctime). Returns false, '*unix_s'
 * untouched, when 'text' is NULL or not a date.
 */
bool feed_serve_parse_http_date(const char *text, int64_t *unix_s);

/*
 * True if the If-None-Match value 'list' ("*", or entity-tags separated by
 * commas) matches 'etag' by weak comparison (W/ ignored). NULL or a
 * malformed list matches nothing from the bad tag on.
 */
bool feed_serve_etag_match(const char *list, const char *etag);

/*
 * True if the If-Range value 'value' lets a range of the file with strong
 * ETag 'etag' and modification time 'mtime_s' be sent: the same strong
 * ETag, or exactly its Last-Modified date. A weak or malformed value never
 * does; NULL (no If-Range) always does.
 */
bool feed_serve_if_range(const char *value, const char *etag, int64_t mtime_s);

/* True if the Accept-Encoding value 'value' accepts gzip (q > 0). */
bool feed_serve_accepts_gzip(const char *value);

enum feed_serve_range {
	FEED_RANGE_NONE,    /* send the whole file (no, bad or many ranges) */
	FEED_RANGE_PARTIAL, /* send bytes [*first, *last] with 206 */
	FEED_RANGE_UNSATISFIABLE, /* answer 416 */
};

/*
 * Read the Range header 'value' (may be NULL) for a file of 'size_bytes'.
 * One range of bytes, "a-b", "a-" or "-n", is honoured: an end past the
 * file is clipped, a start at or past the end (or "-0") is unsatisfiable.
 * A malformed value, another unit or several ranges give FEED_RANGE_NONE:
 * the whole file is sent, as RFC 7233 allows. '*first' and '*last' are
 * set only for FEED_RANGE_PARTIAL.
 */
enum feed_serve_range feed_serve_parse_range(const char *value,
					     uint64_t size_bytes,
					     uint64_t *first, uint64_t *last);

#endif
