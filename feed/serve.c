/*
 * siar serve: an HTTP/1.1 static file server for a published site, so an
 * office without a web server can let podcast apps poll its feeds and seek
 * in its media.
 *
 * libmicrohttpd (MHD) parses requests, keeps connections alive, answers
 * malformed requests and sends file bodies with sendfile(). This file
 * decides what to send: which file a target names (never one outside the
 * site: see feed_serve_resolve), its type, its validators, conditional
 * requests (RFC 7232), one byte range (RFC 7233) and gzip for text. The
 * header parsers are plain functions so the unit tests can reach them.
 *
 * Nothing about the site is remembered between requests except gzipped
 * bodies, keyed by path and ETag (which changes with the file): the folder
 * and the file are opened again each time, so a site rebuilt and renamed
 * into place is served at once. Printing is the caller's, through the
 * callbacks in struct feed_server_opts.
 */
#include "feed.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#if defined(__linux__)
#include <linux/openat2.h>
#include <sys/syscall.h>
#endif

#include <zlib.h>

#define FEED_NET
#include "feed_int.h"

/* libmicrohttpd, once server_open() has loaded it (feed_mhd). */
static const struct feed_mhd_fns *M;

/* Idle keep-alive connections are closed after this long. */
#define SERVE_IDLE_S 30
/* Text files larger than this are sent as they are, not gzipped. */
#define GZ_FILE_MAX	 ((uint64_t)8 << 20)
#define GZ_CACHE_DEFAULT ((size_t)32 << 20)
#define GZ_BUCKETS	 256

/* ---- Content types ----------------------------------------------------- */

struct mime_ext {
	const char *ext;
	const char *type;
	bool text; /* worth gzipping */
};

static const struct mime_ext mime_exts[] = {
    {"html", "text/html; charset=utf-8", true},
    {"htm", "text/html; charset=utf-8", true},
    {"xml", "application/xml", true},
    {"json", "application/json", true},
    {"css", "text/css; charset=utf-8", true},
    {"js", "text/javascript; charset=utf-8", true},
    {"svg", "image/svg+xml", true},
    {"txt", "text/plain; charset=utf-8", true},
    {"vtt", "text/vtt", true},
    {"opml", "text/x-opml", true},
    {"srt", "application/x-subrip", false},
    {"png", "image/png", false},
    {"jpg", "image/jpeg", false},
    {"jpeg", "image/jpeg", false},
    {"webp", "image/webp", false},
    {"mp3", "audio/mpeg", false},
    {"m4a", "audio/mp4", false},
    {"aac", "audio/aac", false},
    {"ogg", "audio/ogg", false},
    {"opus", "audio/ogg", false},
    {"flac", "audio/flac", false},
    {"wav", "audio/wav", false},
    {"mp4", "video/mp4", false},
    {"m4v", "video/mp4", false},
    {"mov", "video/quicktime", false},
    {"webm", "video/webm", false},
    {"mkv", "video/x-matroska", false},
};

/* The table row for 'path', or NULL. */
static const struct mime_ext *mime_find(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t i;

	if (!dot || dot == base)
		return NULL;
	for (i = 0; i < sizeof(mime_exts) / sizeof(mime_exts[0]); i++)
		if (!strcasecmp(dot + 1, mime_exts[i].ext))
			return &mime_exts[i];
	return NULL;
}

const char *feed_serve_mime_type(const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const struct mime_ext *m;

	if (!strcasecmp(base, "feed.xml"))
		return "application/rss+xml";
	if (!strcasecmp(base, "feed.json"))
		return "application/feed+json";
	m = mime_find(path);
	return m ? m->type : "application/octet-stream";
}

bool feed_serve_compressible(const char *path)
{
	const struct mime_ext *m = mime_find(path);

	return m && m->text;
}

/* ---- HTTP dates -------------------------------------------------------- */

static const char day_names[7][4] = {"Sun", "Mon", "Tue", "Wed",
				     "Thu", "Fri", "Sat"};
static const char month_names[12][4] = {"Jan", "Feb", "Mar", "Apr",
					"May", "Jun", "Jul", "Aug",
					"Sep", "Oct", "Nov", "Dec"};

void feed_serve_http_date(int64_t unix_s, char *buf, size_t len)
{
	time_t t = (time_t)unix_s;
	struct tm tm;
	int n;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (len < FEED_SERVE_DATE_MAX || !gmtime_r(&t, &tm) ||
	    tm.tm_year < -1900 || tm.tm_year > 9999 - 1900)
		return;
	n = snprintf(buf, len, "%s, %02d %s %04d %02d:%02d:%02d GMT",
		     day_names[tm.tm_wday], tm.tm_mday, month_names[tm.tm_mon],
		     tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
	if (n < 0 || (size_t)n >= len)
		buf[0] = '\0';
}

/* Read 'min' to 'max' digits at 'p' into '*out'; NULL if there are none. */
static const char *date_digits(const char *p, int min, int max, int *out)
{
	int n = 0, v = 0;

	while (n < max && p[n] >= '0' && p[n] <= '9') {
		v = v * 10 + (p[n] - '0');
		n++;
	}
	if (n < min)
		return NULL;
	*out = v;
	return p + n;
}

/* A three-letter month name at 'p' into '*month' (1-12). */
static const char *date_month(const char *p, int *month)
{
	int i;

	for (i = 0; i < 12; i++) {
		if (!strncmp(p, month_names[i], 3)) {
			*month = i + 1;
			return p + 3;
		}
	}
	return NULL;
}

/* "HH:MM:SS" at 'p'. */
static const char *date_clock(const char *p, int *h, int *m, int *s)
{
	p = date_digits(p, 2, 2, h);
	if (!p || *p != ':')
		return NULL;
	p = date_digits(p + 1, 2, 2, m);
	if (!p || *p != ':')
		return NULL;
	return date_digits(p + 1, 2, 2, s);
}

/* What the three date forms fill in. */
struct http_tm {
	int year, month, day, hour, minute, second;
};

/* "06 Nov 1994 08:49:37 GMT" or "06-Nov-94 08:49:37 GMT" at 'p'. */
static bool date_after_comma(const char *p, struct http_tm *t)
{
	char sep;

	p = date_digits(p, 2, 2, &t->day);
	if (!p || (*p != ' ' && *p != '-'))
		return false;
	sep = *p;
	p = date_month(p + 1, &t->month);
	if (!p || *p != sep)
		return false;
	p = date_digits(p + 1, sep == ' ' ? 4 : 2, sep == ' ' ? 4 : 2,
			&t->year);
	if (!p || *p != ' ')
		return false;
	if (sep == '-') /* RFC 850: two digits, the nearest century */
		t->year += t->year < 70 ? 2000 : 1900;
	p = date_clock(p + 1, &t->hour, &t->minute, &t->second);
	return p && !strncmp(p, " GMT", 4);
}

/* asctime: "Nov  6 08:49:37 1994" at 'p' (after "Sun "). */
static bool date_asctime(const char *p, struct http_tm *t)
{
	p = date_month(p, &t->month);
	if (!p || *p != ' ')
		return false;
	p++;
	if (*p == ' ')
		p++;
	p = date_digits(p, 1, 2, &t->day);
	if (!p || *p != ' ')
		return false;
	p = date_clock(p + 1, &t->hour, &t->minute, &t->second);
	if (!p || *p != ' ')
		return false;
	p = date_digits(p + 1, 4, 4, &t->year);
	return p != NULL;
}

bool feed_serve_parse_http_date(const char *text, int64_t *unix_s)
{
	struct http_tm t = {0};
	const char *p = text;
	bool ok;

	if (!p)
		return false;
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
		p++;
	if (p - text < 3)
		return false;
	if (p[0] == ',' && p[1] == ' ')
		ok = date_after_comma(p + 2, &t);
	else if (p[0] == ' ')
		ok = date_asctime(p + 1, &t);
	else
		ok = false;
	if (!ok || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59 ||
	    t.second > 60)
		return false;
	*unix_s = siar_days_from_civil(t.year, t.month, t.day) * 86400 +
		  t.hour * 3600 + t.minute * 60 + t.second;
	return true;
}

/* ---- Request headers --------------------------------------------------- */

static const char *skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

bool feed_serve_etag_match(const char *list, const char *etag)
{
	const char *p = list, *end;
	size_t elen;

	if (!p || !etag)
		return false;
	if (!strncmp(etag, "W/", 2))
		etag += 2;
	elen = strlen(etag);
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (!*p)
			return false;
		if (*p == '*')
			return true;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		if (*p != '"')
			return false;
		end = strchr(p + 1, '"');
		if (!end)
			return false;
		if ((size_t)(end + 1 - p) == elen && !memcmp(p, etag, elen))
			return true;
		p = end + 1;
	}
}

bool feed_serve_if_range(const char *value, const char *etag, int64_t mtime_s)
{
	const char *p, *end;
	size_t elen = strlen(etag);
	int64_t t;

	if (!value)
		return true;
	p = skip_ows(value);
	if (*p == '"') {
		end = strchr(p + 1, '"');
		return end && (size_t)(end + 1 - p) == elen &&
		       !memcmp(p, etag, elen) && !*skip_ows(end + 1);
	}
	return feed_serve_parse_http_date(p, &t) && t == mtime_s;
}

/* True if the qvalue at 'p' is zero: "0", "0.", "0.000". */
static bool qvalue_zero(const char *p)
{
	if (*p != '0')
		return false;
	p++;
	if (*p == '.') {
		p++;
		while (*p == '0')
			p++;
	}
	return !(*p >= '1' && *p <= '9');
}

/*
 * The qvalue of the list element at 'p' (up to the next ','): false if it
 * carries q=0. '*next' is set past the element.
 */
static bool element_accepted(const char *p, const char **next)
{
	bool accepted = true;

	while (*p && *p != ',') {
		if (*p == ';') {
			p = skip_ows(p + 1);
			if ((*p == 'q' || *p == 'Q') && p[1] == '=')
				accepted = !qvalue_zero(p + 2);
		}
		if (*p && *p != ',')
			p++;
	}
	*next = p;
	return accepted;
}

bool feed_serve_accepts_gzip(const char *value)
{
	int gzip = -1, star = -1; /* -1: not named; 0: refused; 1: accepted */
	const char *p = value, *tok;
	size_t len;
	bool accepted;

	if (!p)
		return false;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		tok = p;
		while (*p && *p != ',' && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		len = (size_t)(p - tok);
		accepted = element_accepted(p, &p);
		if ((len == 4 && !strncasecmp(tok, "gzip", 4)) ||
		    (len == 6 && !strncasecmp(tok, "x-gzip", 6)))
			gzip = accepted;
		else if (len == 1 && *tok == '*')
			star = accepted;
	}
	return gzip >= 0 ? gzip == 1 : star == 1;
}

/* Decimal digits at 'p' into '*out', saturating; NULL if there are none. */
static const char *range_number(const char *p, uint64_t *out)
{
	uint64_t v = 0;
	const char *start = p;

	while (*p >= '0' && *p <= '9') {
		unsigned d = (unsigned)(*p - '0');

		v = v > (UINT64_MAX - d) / 10 ? UINT64_MAX : v * 10 + d;
		p++;
	}
	if (p == start)
		return NULL;
	*out = v;
	return p;
}

/* "-n": the last n bytes. */
static enum feed_serve_range range_suffix(const char *p, uint64_t size,
					  uint64_t *first, uint64_t *last)
{
	uint64_t n;

	p = range_number(p, &n);
	if (!p || *skip_ows(p))
		return FEED_RANGE_NONE;
	if (n == 0 || size == 0)
		return FEED_RANGE_UNSATISFIABLE;
	*first = n >= size ? 0 : size - n;
	*last = size - 1;
	return FEED_RANGE_PARTIAL;
}

enum feed_serve_range feed_serve_parse_range(const char *value,
					     uint64_t size_bytes,
					     uint64_t *first, uint64_t *last)
{
	const char *p = value;
	uint64_t a, b = UINT64_MAX;

	if (!p)
		return FEED_RANGE_NONE;
	p = skip_ows(p);
	if (strncasecmp(p, "bytes", 5))
		return FEED_RANGE_NONE;
	p = skip_ows(p + 5);
	if (*p != '=')
		return FEED_RANGE_NONE;
	p = skip_ows(p + 1);
	if (strchr(p, ','))
		return FEED_RANGE_NONE; /* several ranges: the whole file */
	if (*p == '-')
		return range_suffix(p + 1, size_bytes, first, last);
	p = range_number(p, &a);
	if (!p || *p != '-')
		return FEED_RANGE_NONE;
	p = skip_ows(p + 1);
	if (*p) {
		p = range_number(p, &b);
		if (!p || *skip_ows(p) || b < a)
			return FEED_RANGE_NONE;
	}
	if (a >= size_bytes)
		return FEED_RANGE_UNSATISFIABLE;
	*first = a;
	*last = b >= size_bytes ? size_bytes - 1 : b;
	return FEED_RANGE_PARTIAL;
}

/* ---- Finding the file -------------------------------------------------- */

void feed_serve_file_init(struct feed_serve_file *f)
{
	f->fd = -1;
	f->redirect = false;
	f->size_bytes = 0;
	f->mtime_s = 0;
	f->mtime_ns = 0;
	f->inode = 0;
	f->path[0] = '\0';
}

void feed_serve_file_release(struct feed_serve_file *f)
{
	if (f->fd >= 0)
		close(f->fd);
	feed_serve_file_init(f);
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The next byte of 'target' at '*p', %-decoded; -1 for a bad escape. */
static int target_byte(const char **p)
{
	int hi, lo;
	const char *s = *p;

	if (*s != '%') {
		*p = s + 1;
		return (unsigned char)*s;
	}
	hi = hex_value(s[1]);
	lo = hi < 0 ? -1 : hex_value(s[2]);
	if (lo < 0)
		return -1;
	*p = s + 3;
	return hi * 16 + lo;
}

/*
 * Decode the path of 'target' into 'out' (FEED_SERVE_PATH_MAX bytes)
 * without its leading '/', refusing every segment feed_serve_resolve()
 * documents. An encoded '/' is refused rather than decoded: it would
 * split a segment after the checks.
 */
static int decode_target(const char *target, char *out, struct siar_err *err)
{
	const char *p = target + 1;
	size_t n = 0, seg = 0;
	int c;

	if (target[0] != '/')
		return siar_err_set(err, SIAR_EINVAL,
				    "request target '%s' is not a path",
				    target);
	while (*p) {
		if (*p == '/') {
			if (n == seg)
				goto refused;
			c = *p++;
		} else {
			c = target_byte(&p);
			if (c < 0)
				return siar_err_set(err, SIAR_EINVAL,
						    "bad %%-escape in '%s'",
						    target);
			if (c == '/' || c == '\\' || c == '\0' ||
			    (c == '.' && n == seg))
				goto refused;
		}
		if (n + 1 >= FEED_SERVE_PATH_MAX)
			goto refused;
		out[n++] = (char)c;
		if (c == '/')
			seg = n;
	}
	out[n] = '\0';
	return SIAR_OK;
refused:
	return siar_err_set(err, SIAR_ENOTFOUND, "refused '%s'", target);
}

/* An errno from opening a file under the root as one of our codes. */
static int open_failed(int errnum, const char *path, struct siar_err *err)
{
	switch (errnum) {
	case ENOENT:
	case ENOTDIR:
	case EXDEV: /* openat2: the path leads out of the root */
	case ELOOP:
	case EACCES:
	case ENAMETOOLONG:
		return siar_err_set(err, SIAR_ENOTFOUND, "no file '%s': %s",
				    path, strerror(errnum));
	default:
		return siar_err_set(err, SIAR_EIO, "cannot open '%s': %s", path,
				    strerror(errnum));
	}
}

/*
 * Open 'rel' under the folder 'root_fd' with openat2(RESOLVE_BENEATH),
 * which follows symbolic links but fails with EXDEV on any that leave the
 * folder. O_NONBLOCK so that a FIFO cannot hang a thread. Returns the
 * descriptor, or -1 with errno (ENOSYS where there is no openat2).
 */
static int open_beneath(int root_fd, const char *rel)
{
#if defined(__linux__) && defined(SYS_openat2)
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, root_fd, rel, &how, sizeof(how));
#else
	(void)root_fd;
	(void)rel;
	errno = ENOSYS;
	return -1;
#endif
}

/*
 * Without openat2: resolve the root and the file with realpath() and open
 * the file only if it lies in the root. O_NOFOLLOW refuses a link put in
 * the file's place between the two steps.
 */
static int open_portable(const char *root, const char *rel, int *fd,
			 struct siar_err *err)
{
	char *root_real = NULL, *real = NULL;
	struct siar_buf full;
	size_t n;
	int rc = SIAR_OK;

	siar_buf_init(&full, 0);
	root_real = realpath(root, NULL);
	if (!root_real) {
		rc = open_failed(errno, root, err);
		goto out;
	}
	siar_buf_addf(&full, "%s/%s", root_real, rel);
	rc = siar_buf_check(&full, err);
	if (rc)
		goto out;
	real = realpath(full.buf, NULL);
	if (!real) {
		rc = open_failed(errno, rel, err);
		goto out;
	}
	n = strlen(root_real);
	if (n > 1 && (strncmp(real, root_real, n) ||
		      (real[n] != '/' && real[n] != '\0'))) {
		rc = siar_err_set(err, SIAR_ENOTFOUND, "'%s' leads out of '%s'",
				  rel, root);
		goto out;
	}
	*fd = open(real,
		   O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
	if (*fd < 0)
		rc = open_failed(errno, rel, err);
out:
	siar_buf_release(&full);
	free(root_real);
	free(real);
	return rc;
}

/*
 * Open 'rel' (not empty) under 'root' into '*fd', safely. 'root_fd' is
 * 'root' already opened, or -1 to open it here.
 */
static int open_under(const char *root, int root_fd, const char *rel,
		      unsigned flags, int *fd, struct siar_err *err)
{
	bool own = root_fd < 0;
	int errnum;

	if (flags & FEED_SERVE_NO_OPENAT2)
		return open_portable(root, rel, fd, err);
	if (own)
		root_fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return open_failed(errno, root, err);
	*fd = open_beneath(root_fd, rel);
	errnum = errno;
	if (own)
		close(root_fd);
	if (*fd >= 0)
		return SIAR_OK;
	/* No openat2 (Linux < 5.6), or a seccomp filter refusing it. */
	if (errnum == ENOSYS || errnum == EPERM)
		return open_portable(root, rel, fd, err);
	return open_failed(errnum, rel, err);
}

/* Fill 'f' from its open descriptor; 'index': a folder's index.html. */
static int file_stat(struct feed_serve_file *f, bool index,
		     struct siar_err *err)
{
	struct stat st;

	if (fstat(f->fd, &st))
		return siar_err_set(err, SIAR_EIO, "cannot stat '%s': %s",
				    f->path, strerror(errno));
	if (S_ISDIR(st.st_mode) && !index) {
		close(f->fd);
		f->fd = -1;
		f->redirect = true;
		return SIAR_OK;
	}
	if (!S_ISREG(st.st_mode))
		return siar_err_set(err, SIAR_ENOTFOUND,
				    "'%s' is not a regular file", f->path);
	f->size_bytes = (uint64_t)st.st_size;
	f->mtime_s = (int64_t)st.st_mtim.tv_sec;
	f->mtime_ns = st.st_mtim.tv_nsec;
	f->inode = (uint64_t)st.st_ino;
	return SIAR_OK;
}

/* feed_serve_resolve(), with 'root' already open as 'root_fd' (or -1). */
static int resolve_at(const char *root, int root_fd, const char *target,
		      unsigned flags, struct feed_serve_file *f,
		      struct siar_err *err)
{
	static const char index_name[] = "index.html";
	size_t n;
	bool index;
	int rc;

	rc = decode_target(target, f->path, err);
	if (rc)
		goto fail;
	n = strlen(f->path);
	index = n == 0 || f->path[n - 1] == '/';
	if (index) {
		if (n + sizeof(index_name) > FEED_SERVE_PATH_MAX) {
			rc = siar_err_set(err, SIAR_ENOTFOUND,
					  "target '%s' is too long", target);
			goto fail;
		}
		memcpy(f->path + n, index_name, sizeof(index_name));
	}
	rc = open_under(root, root_fd, f->path, flags, &f->fd, err);
	if (rc)
		goto fail;
	rc = file_stat(f, index, err);
	if (rc)
		goto fail;
	return SIAR_OK;
fail:
	feed_serve_file_release(f);
	return rc;
}

int feed_serve_resolve(const char *root, const char *target, unsigned flags,
		       struct feed_serve_file *f, struct siar_err *err)
{
	return resolve_at(root, -1, target, flags, f, err);
}

void feed_serve_etag(const struct feed_serve_file *f, bool gzip, char *buf,
		     size_t len)
{
	uint64_t mtime =
	    (uint64_t)f->mtime_s * 1000000000u + (uint64_t)f->mtime_ns;
	int n;

	n = snprintf(buf, len, "\"%" PRIx64 "-%" PRIx64 "-%" PRIx64 "%s\"",
		     f->size_bytes, mtime, f->inode, gzip ? "-gz" : "");
	if (len > 0 && (n < 0 || (size_t)n >= len))
		buf[0] = '\0';
}

/* ---- Compressed bodies ------------------------------------------------- */

/*
 * A gzipped file body. The cache holds one reference while the body is in
 * it, and each response sending it holds one, so a body evicted while it
 * is being sent is freed by the last response.
 */
struct gz_body {
	struct gz_body *lru_prev, *lru_next; /* most recently used first */
	struct gz_body *bucket_next;
	uint32_t hash;
	atomic_uint refs;
	char *key; /* ETag followed by the path */
	unsigned char *data;
	size_t len;
};

struct gz_cache {
	pthread_mutex_t lock;
	struct gz_body *buckets[GZ_BUCKETS];
	struct gz_body *lru_head, *lru_tail;
	size_t bytes, max_bytes;
};

static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 16777619u;
	}
	return h;
}

static void gz_body_unref(struct gz_body *b)
{
	if (b && atomic_fetch_sub(&b->refs, 1) == 1) {
		free(b->key);
		free(b->data);
		free(b);
	}
}

/* MHD's callback when a response sending 'cls' is destroyed. */
static void gz_body_release(void *cls)
{
	gz_body_unref(cls);
}

static void gz_unlink(struct gz_cache *c, struct gz_body *b)
{
	struct gz_body **pp = &c->buckets[b->hash % GZ_BUCKETS];

	while (*pp != b)
		pp = &(*pp)->bucket_next;
	*pp = b->bucket_next;
	if (b->lru_prev)
		b->lru_prev->lru_next = b->lru_next;
	else
		c->lru_head = b->lru_next;
	if (b->lru_next)
		b->lru_next->lru_prev = b->lru_prev;
	else
		c->lru_tail = b->lru_prev;
	c->bytes -= b->len;
}

static void gz_push_front(struct gz_cache *c, struct gz_body *b)
{
	b->lru_prev = NULL;
	b->lru_next = c->lru_head;
	if (c->lru_head)
		c->lru_head->lru_prev = b;
	c->lru_head = b;
	if (!c->lru_tail)
		c->lru_tail = b;
}

/* The cached body for 'key' with a reference for the caller, or NULL. */
static struct gz_body *gz_get(struct gz_cache *c, const char *key)
{
	uint32_t h = fnv1a(key);
	struct gz_body *b;

	pthread_mutex_lock(&c->lock);
	for (b = c->buckets[h % GZ_BUCKETS]; b; b = b->bucket_next)
		if (b->hash == h && !strcmp(b->key, key))
			break;
	if (b) {
		gz_unlink(c, b);
		b->bucket_next = c->buckets[h % GZ_BUCKETS];
		c->buckets[h % GZ_BUCKETS] = b;
		gz_push_front(c, b);
		c->bytes += b->len;
		atomic_fetch_add(&b->refs, 1);
	}
	pthread_mutex_unlock(&c->lock);
	return b;
}

/*
 * Keep 'b' (a new body the caller holds a reference to), evicting the
 * least recently used bodies to stay within the bound. Two threads that
 * compressed the same file both insert; the older copy ages out.
 */
static void gz_put(struct gz_cache *c, struct gz_body *b)
{
	struct gz_body *old;

	if (b->len > c->max_bytes)
		return;
	b->hash = fnv1a(b->key);
	pthread_mutex_lock(&c->lock);
	while (c->bytes + b->len > c->max_bytes && c->lru_tail) {
		old = c->lru_tail;
		gz_unlink(c, old);
		gz_body_unref(old);
	}
	b->bucket_next = c->buckets[b->hash % GZ_BUCKETS];
	c->buckets[b->hash % GZ_BUCKETS] = b;
	gz_push_front(c, b);
	c->bytes += b->len;
	atomic_fetch_add(&b->refs, 1);
	pthread_mutex_unlock(&c->lock);
}

static void gz_cache_release(struct gz_cache *c)
{
	struct gz_body *b, *next;

	for (b = c->lru_head; b; b = next) {
		next = b->lru_next;
		gz_body_unref(b);
	}
	c->lru_head = NULL;
	c->lru_tail = NULL;
	c->bytes = 0;
	memset(c->buckets, 0, sizeof(c->buckets));
}

/* Read all 'size' bytes of 'fd' into a new buffer. */
static int read_whole(int fd, uint64_t size, unsigned char **out,
		      struct siar_err *err)
{
	unsigned char *buf = malloc(size ? (size_t)size : 1);
	size_t done = 0;
	ssize_t n;

	if (!buf)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	while (done < size) {
		n = pread(fd, buf + done, (size_t)size - done, (off_t)done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			free(buf);
			return siar_err_set(err, SIAR_EIO, "cannot read: %s",
					    n ? strerror(errno)
					      : "file shrank");
		}
		done += (size_t)n;
	}
	*out = buf;
	return SIAR_OK;
}

/* gzip 'in' into b->data, b->len. */
static int gz_deflate(const unsigned char *in, size_t len, struct gz_body *b,
		      struct siar_err *err)
{
	z_stream zs;
	uLong bound;
	int zr;

	memset(&zs, 0, sizeof(zs));
	/* 15 + 16: the largest window, with a gzip header and trailer. */
	if (deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY))
		return siar_err_set(err, SIAR_ENOMEM, "cannot start zlib");
	bound = deflateBound(&zs, (uLong)len);
	b->data = malloc(bound);
	if (!b->data) {
		deflateEnd(&zs);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	zs.next_out = b->data;
	zs.avail_out = (uInt)bound;
	zr = deflate(&zs, Z_FINISH);
	b->len = zs.total_out;
	deflateEnd(&zs);
	if (zr != Z_STREAM_END)
		return siar_err_set(err, SIAR_EIO, "zlib failed (%d)", zr);
	return SIAR_OK;
}

/* A new body (one reference, the caller's) for file 'f' under 'key'. */
static int gz_compress(const struct feed_serve_file *f, const char *key,
		       struct gz_body **out, struct siar_err *err)
{
	unsigned char *in = NULL;
	struct gz_body *b;
	int rc;

	b = calloc(1, sizeof(*b));
	if (!b)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	atomic_init(&b->refs, 1);
	b->key = siar_strdup(key);
	rc = b->key ? read_whole(f->fd, f->size_bytes, &in, err)
		    : siar_err_set(err, SIAR_ENOMEM, "out of memory");
	if (!rc)
		rc = gz_deflate(in, (size_t)f->size_bytes, b, err);
	free(in);
	if (rc) {
		gz_body_unref(b);
		return rc;
	}
	*out = b;
	return SIAR_OK;
}

/* ---- The site folder --------------------------------------------------- */

/*
 * The site folder, opened once and used again while stat() of its path
 * still finds the same folder. A site renamed into place is seen by the
 * next request all the same, for one stat() instead of an open() and a
 * close(), about a tenth of the work of answering a 304. Holding the old
 * folder open keeps its inode number from being reused.
 */
struct root_cache {
	pthread_rwlock_t lock;
	int fd; /* O_PATH; -1 until the first request */
	dev_t dev;
	ino_t ino;
};

/*
 * The folder 'root' for one request, read-locked until root_release();
 * -1 (nothing locked) when it cannot be opened, and the caller opens it
 * itself to report why.
 */
static int root_acquire(struct root_cache *c, const char *root)
{
	struct stat st;
	int fd;

	if (stat(root, &st) || !S_ISDIR(st.st_mode))
		return -1;
	pthread_rwlock_rdlock(&c->lock);
	if (c->fd >= 0 && c->dev == st.st_dev && c->ino == st.st_ino)
		return c->fd;
	pthread_rwlock_unlock(&c->lock);
	fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st)) {
		close(fd);
		return -1;
	}
	pthread_rwlock_wrlock(&c->lock);
	if (c->fd >= 0)
		close(c->fd);
	c->fd = fd;
	c->dev = st.st_dev;
	c->ino = st.st_ino;
	pthread_rwlock_unlock(&c->lock);
	/* Another thread may have swapped it again meanwhile: also fine. */
	pthread_rwlock_rdlock(&c->lock);
	return c->fd;
}

static void root_release(struct root_cache *c)
{
	pthread_rwlock_unlock(&c->lock);
}

/* ---- Answering requests ------------------------------------------------ */

enum canned {
	CANNED_400,
	CANNED_404,
	CANNED_405,
	CANNED_500,
	CANNED_COUNT,
};

static const struct {
	unsigned status;
	const char *body;
} canned_replies[CANNED_COUNT] = {
    {MHD_HTTP_BAD_REQUEST, "400 bad request\n"},
    {MHD_HTTP_NOT_FOUND, "404 not found\n"},
    {MHD_HTTP_METHOD_NOT_ALLOWED, "405 method not allowed\n"},
    {MHD_HTTP_INTERNAL_SERVER_ERROR, "500 internal server error\n"},
};

struct feed_server {
	const struct feed_server_opts *opts;
	struct MHD_Daemon *daemon;
	struct MHD_Response *canned[CANNED_COUNT];
	struct gz_cache gz;
	bool gz_ready;
	struct root_cache root;
	bool root_ready;
	int listen_fd;
	char url[96];
	/* '*req_cls' after the first call when there is no access log */
	char call_marker;
};

/* One request's access-log record, made only when there is a log. */
struct serve_request {
	struct timespec start;
	int64_t time_unix;
	unsigned status; /* 0 until siar answers */
	uint64_t bytes;
	bool called; /* MHD's first call is over */
	char method[16];
	char version[16];
	char client[INET6_ADDRSTRLEN];
	char target[]; /* as sent, query included */
};

/* What answering one file request needs. */
struct file_reply {
	struct feed_server *srv;
	struct MHD_Connection *conn;
	struct serve_request *req;
	struct feed_serve_file *f;
	const char *mime;
	bool text; /* gzip-able; the response varies by Accept-Encoding */
	bool head;
	char etag[FEED_SERVE_ETAG_MAX];
	char date[FEED_SERVE_DATE_MAX];
};

static const char *request_header(struct MHD_Connection *conn, const char *name)
{
	return M->lookup_connection_value(conn, MHD_HEADER_KIND, name);
}

/*
 * Queue 'resp' (NULL: a 500, after running out of memory) with 'status',
 * and note it for the access log. Takes 'resp' unless it is canned.
 */
static enum MHD_Result send_reply(struct feed_server *srv,
				  struct MHD_Connection *conn,
				  struct serve_request *req, unsigned status,
				  struct MHD_Response *resp, uint64_t bytes,
				  bool head)
{
	enum MHD_Result ret;
	bool own = true;

	if (!resp) {
		resp = srv->canned[CANNED_500];
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		bytes = strlen(canned_replies[CANNED_500].body);
		own = false;
	}
	ret = M->queue_response(conn, status, resp);
	if (own)
		M->destroy_response(resp);
	if (req) {
		req->status = status;
		req->bytes = head ? 0 : bytes;
	}
	return ret;
}

static enum MHD_Result send_canned(struct feed_server *srv,
				   struct MHD_Connection *conn,
				   struct serve_request *req, enum canned which,
				   bool head)
{
	enum MHD_Result ret;

	ret = M->queue_response(conn, canned_replies[which].status,
				 srv->canned[which]);
	if (req) {
		req->status = canned_replies[which].status;
		req->bytes = head ? 0 : strlen(canned_replies[which].body);
	}
	return ret;
}

static bool add_header(struct MHD_Response *resp, const char *name,
		       const char *value)
{
	return M->add_response_header(resp, name, value) == MHD_YES;
}

/* The headers every answer about a file carries; NULL 'type': none. */
static bool add_file_headers(const struct file_reply *fr,
			     struct MHD_Response *resp, const char *type)
{
	bool ok = add_header(resp, MHD_HTTP_HEADER_ETAG, fr->etag) &&
		  add_header(resp, MHD_HTTP_HEADER_LAST_MODIFIED, fr->date) &&
		  add_header(resp, MHD_HTTP_HEADER_ACCEPT_RANGES, "bytes");

	if (ok && fr->text)
		ok = add_header(resp, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	if (ok && type)
		ok = add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	return ok;
}

/* Send the file headers and 'resp' (may be NULL) with 'status'. */
static enum MHD_Result send_file_reply(const struct file_reply *fr,
				       unsigned status,
				       struct MHD_Response *resp,
				       const char *type, uint64_t bytes)
{
	if (resp && !add_file_headers(fr, resp, type)) {
		M->destroy_response(resp);
		resp = NULL;
	}
	return send_reply(fr->srv, fr->conn, fr->req, status, resp, bytes,
			  fr->head);
}

/*
 * RFC 7232 section 6: If-None-Match decides when present; otherwise
 * If-Modified-Since, if it holds a date not in the future.
 */
static bool not_modified(const struct file_reply *fr)
{
	const char *inm = request_header(fr->conn, "If-None-Match");
	const char *ims;
	int64_t t;

	if (inm)
		return feed_serve_etag_match(inm, fr->etag);
	ims = request_header(fr->conn, MHD_HTTP_HEADER_IF_MODIFIED_SINCE);
	return ims && feed_serve_parse_http_date(ims, &t) &&
	       t <= (int64_t)time(NULL) && fr->f->mtime_s <= t;
}

static enum MHD_Result reply_not_modified(const struct file_reply *fr)
{
	struct MHD_Response *resp;

	resp = M->create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	return send_file_reply(fr, MHD_HTTP_NOT_MODIFIED, resp, NULL, 0);
}

/* The file's descriptor, from 'first' for 'count' bytes, as a body. */
static struct MHD_Response *file_body(const struct file_reply *fr,
				      uint64_t first, uint64_t count)
{
	struct MHD_Response *resp;

	resp = M->create_response_from_fd_at_offset64(count, fr->f->fd, first);
	if (resp)
		fr->f->fd = -1; /* MHD closes it with the response */
	return resp;
}

static enum MHD_Result reply_whole(const struct file_reply *fr)
{
	uint64_t size = fr->f->size_bytes;

	return send_file_reply(fr, MHD_HTTP_OK, file_body(fr, 0, size),
			       fr->mime, size);
}

static enum MHD_Result reply_range(const struct file_reply *fr, uint64_t first,
				   uint64_t last)
{
	struct MHD_Response *resp = file_body(fr, first, last - first + 1);
	char range[80];

	snprintf(range, sizeof(range), "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64,
		 first, last, fr->f->size_bytes);
	if (resp && !add_header(resp, MHD_HTTP_HEADER_CONTENT_RANGE, range)) {
		M->destroy_response(resp);
		resp = NULL;
	}
	return send_file_reply(fr, MHD_HTTP_PARTIAL_CONTENT, resp, fr->mime,
			       last - first + 1);
}

static enum MHD_Result reply_unsatisfiable(const struct file_reply *fr)
{
	static const char body[] = "416 range not satisfiable\n";
	struct MHD_Response *resp;
	char range[48];

	snprintf(range, sizeof(range), "bytes */%" PRIu64, fr->f->size_bytes);
	resp = M->create_response_from_buffer(sizeof(body) - 1, (void *)body,
					       MHD_RESPMEM_PERSISTENT);
	if (resp && !add_header(resp, MHD_HTTP_HEADER_CONTENT_RANGE, range)) {
		M->destroy_response(resp);
		resp = NULL;
	}
	return send_file_reply(fr, MHD_HTTP_RANGE_NOT_SATISFIABLE, resp,
			       "text/plain; charset=utf-8", sizeof(body) - 1);
}

static enum MHD_Result reply_gzip(const struct file_reply *fr)
{
	struct feed_server *srv = fr->srv;
	struct MHD_Response *resp = NULL;
	struct gz_body *b = NULL;
	struct siar_buf key;
	struct siar_err err = {0};
	size_t len;

	siar_buf_init(&key, 0);
	siar_buf_addf(&key, "%s%s", fr->etag, fr->f->path);
	if (!siar_buf_check(&key, &err)) {
		b = gz_get(&srv->gz, key.buf);
		if (!b && !gz_compress(fr->f, key.buf, &b, &err))
			gz_put(&srv->gz, b);
	}
	siar_buf_release(&key);
	/* The response owns 'b' from here on and may free it at any time. */
	len = b ? b->len : 0;
	if (b)
		resp = M->create_response_from_buffer_with_free_callback_cls(
		    len, b->data, gz_body_release, b);
	if (b && !resp)
		gz_body_unref(b);
	if (resp &&
	    !add_header(resp, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip")) {
		M->destroy_response(resp);
		resp = NULL;
	}
	return send_file_reply(fr, MHD_HTTP_OK, resp, fr->mime, len);
}

static enum MHD_Result serve_file(struct feed_server *srv,
				  struct MHD_Connection *conn,
				  struct serve_request *req,
				  struct feed_serve_file *f, bool head)
{
	struct file_reply fr = {srv, conn, req, f, NULL, false, head, "", ""};
	const char *range = request_header(conn, MHD_HTTP_HEADER_RANGE);
	uint64_t first, last;
	bool gzip;

	fr.mime = feed_serve_mime_type(f->path);
	fr.text = feed_serve_compressible(f->path);
	gzip = fr.text && !range && f->size_bytes > 0 &&
	       f->size_bytes <= GZ_FILE_MAX &&
	       feed_serve_accepts_gzip(
		   request_header(conn, MHD_HTTP_HEADER_ACCEPT_ENCODING));
	feed_serve_etag(f, gzip, fr.etag, sizeof(fr.etag));
	feed_serve_http_date(f->mtime_s, fr.date, sizeof(fr.date));
	if (not_modified(&fr))
		return reply_not_modified(&fr);
	if (gzip)
		return reply_gzip(&fr);
	if (!range ||
	    !feed_serve_if_range(request_header(conn, MHD_HTTP_HEADER_IF_RANGE),
				 fr.etag, f->mtime_s))
		return reply_whole(&fr);
	switch (feed_serve_parse_range(range, f->size_bytes, &first, &last)) {
	case FEED_RANGE_NONE:
		return reply_whole(&fr);
	case FEED_RANGE_PARTIAL:
		return reply_range(&fr, first, last);
	case FEED_RANGE_UNSATISFIABLE:
		return reply_unsatisfiable(&fr);
	}
	return reply_whole(&fr);
}

/* 301 from a folder named without its '/' to the same path with it. */
static enum MHD_Result reply_redirect(struct feed_server *srv,
				      struct MHD_Connection *conn,
				      struct serve_request *req,
				      const char *target, bool head)
{
	struct MHD_Response *resp;
	struct siar_buf loc;

	siar_buf_init(&loc, 0);
	siar_buf_adds(&loc, target);
	siar_buf_addc(&loc, '/');
	resp = M->create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	if (resp && (loc.failed ||
		     !add_header(resp, MHD_HTTP_HEADER_LOCATION, loc.buf))) {
		M->destroy_response(resp);
		resp = NULL;
	}
	siar_buf_release(&loc);
	return send_reply(srv, conn, req, MHD_HTTP_MOVED_PERMANENTLY, resp, 0,
			  head);
}

static enum MHD_Result serve_target(struct feed_server *srv,
				    struct MHD_Connection *conn,
				    struct serve_request *req,
				    const char *target, bool head)
{
	struct feed_serve_file f;
	struct siar_err err = {0};
	enum MHD_Result ret;
	int rc, root_fd;

	feed_serve_file_init(&f);
	root_fd = root_acquire(&srv->root, srv->opts->root);
	rc = resolve_at(srv->opts->root, root_fd, target, 0, &f, &err);
	if (root_fd >= 0)
		root_release(&srv->root);
	if (rc == SIAR_OK && f.redirect)
		ret = reply_redirect(srv, conn, req, target, head);
	else if (rc == SIAR_OK)
		ret = serve_file(srv, conn, req, &f, head);
	else if (rc == SIAR_ENOTFOUND)
		ret = send_canned(srv, conn, req, CANNED_404, head);
	else if (rc == SIAR_EINVAL)
		ret = send_canned(srv, conn, req, CANNED_400, head);
	else
		ret = send_canned(srv, conn, req, CANNED_500, head);
	feed_serve_file_release(&f);
	return ret;
}

/* Copy 's' into 'dst' of 'len' bytes, cut short if need be. */
static void copy_cut(char *dst, size_t len, const char *s)
{
	size_t n = strlen(s);

	if (n >= len)
		n = len - 1;
	memcpy(dst, s, n);
	dst[n] = '\0';
}

/*
 * True on MHD's first call for a request, which only marks '*req_cls'.
 * A response queued in the first call makes libmicrohttpd 0.9.75 close
 * the connection after it, losing keep-alive.
 */
static bool first_call(struct feed_server *srv, void **req_cls)
{
	struct serve_request *req = *req_cls;

	if (!req) {
		*req_cls = &srv->call_marker;
		return true;
	}
	if (req != (void *)&srv->call_marker && !req->called) {
		req->called = true;
		return true;
	}
	return false;
}

/*
 * MHD's access handler. GET and HEAD are answered on the second call,
 * once the request is whole (a body sent with a GET is read and ignored).
 * Other methods are refused at once, without reading any body, so MHD
 * closes the connection after the 405.
 */
static enum MHD_Result on_access(void *cls, struct MHD_Connection *conn,
				 const char *url, const char *method,
				 const char *version, const char *upload_data,
				 size_t *upload_size, void **req_cls)
{
	struct feed_server *srv = cls;
	struct serve_request *req;
	bool head = !strcmp(method, MHD_HTTP_METHOD_HEAD);
	bool get = !strcmp(method, MHD_HTTP_METHOD_GET);

	(void)upload_data;
	if ((get || head) && first_call(srv, req_cls))
		return MHD_YES;
	if (*upload_size) {
		*upload_size = 0;
		return MHD_YES;
	}
	req = *req_cls == &srv->call_marker ? NULL : *req_cls;
	if (req) {
		copy_cut(req->method, sizeof(req->method), method);
		copy_cut(req->version, sizeof(req->version), version);
	}
	if (!get && !head)
		return send_canned(srv, conn, req, CANNED_405, false);
	/*
	 * RFC 7230 section 5.4; MHD lets it through unless told to be
	 * strict about much else too.
	 */
	if (!strcmp(version, MHD_HTTP_VERSION_1_1) &&
	    !request_header(conn, MHD_HTTP_HEADER_HOST))
		return send_canned(srv, conn, req, CANNED_400, head);
	return serve_target(srv, conn, req, url, head);
}

/*
 * Leave the target as sent: MHD would decode %2F into a '/' before
 * decode_target() could refuse it.
 */
static size_t keep_escapes(void *cls, struct MHD_Connection *conn, char *s)
{
	(void)cls;
	(void)conn;
	return strlen(s);
}

static double since_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - start->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - start->tv_nsec) / 1e6;
}

/* Called by MHD with the raw target, before the headers: start a record. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct feed_server *srv = cls;
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;
	struct serve_request *req;
	size_t n = strlen(uri);

	if (!srv->opts->on_request)
		return NULL;
	req = calloc(1, sizeof(*req) + n + 1);
	if (!req)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &req->start);
	req->time_unix = (int64_t)time(NULL);
	memcpy(req->target, uri, n + 1);
	copy_cut(req->client, sizeof(req->client), "-");
	ci = M->get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	sa = ci ? ci->client_addr : NULL;
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
			  req->client, sizeof(req->client));
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
			  &((const struct sockaddr_in6 *)sa)->sin6_addr,
			  req->client, sizeof(req->client));
	return req;
}

/* Called by MHD when a request is over: log it. */
static void on_completed(void *cls, struct MHD_Connection *conn, void **req_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct feed_server *srv = cls;
	struct serve_request *req = *req_cls;
	struct feed_serve_log entry;

	(void)conn;
	(void)toe;
	*req_cls = NULL;
	if (!req || req == (void *)&srv->call_marker)
		return;
	if (req->status && srv->opts->on_request) {
		entry.client = req->client;
		entry.method = req->method;
		entry.target = req->target;
		entry.version = req->version;
		entry.status = req->status;
		entry.body_bytes = req->bytes;
		entry.elapsed_ms = since_ms(&req->start);
		entry.time_unix = req->time_unix;
		srv->opts->on_request(srv->opts->arg, &entry);
	}
	free(req);
}

/* ---- Starting and stopping --------------------------------------------- */

void feed_server_opts_init(struct feed_server_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->root = "site";
	opts->bind_addr = "127.0.0.1";
	opts->port = 8080;
}

static int make_canned(struct feed_server *srv, struct siar_err *err)
{
	struct MHD_Response *resp;
	bool ok;
	int i;

	for (i = 0; i < CANNED_COUNT; i++) {
		resp = M->create_response_from_buffer(
		    strlen(canned_replies[i].body),
		    (void *)canned_replies[i].body, MHD_RESPMEM_PERSISTENT);
		srv->canned[i] = resp;
		if (!resp)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		ok = add_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
				"text/plain; charset=utf-8");
		if (ok && i == CANNED_405)
			ok = add_header(resp, MHD_HTTP_HEADER_ALLOW,
					"GET, HEAD");
		if (!ok)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	return SIAR_OK;
}

static int check_root(const char *root, struct siar_err *err)
{
	struct stat st;

	if (stat(root, &st))
		return siar_err_set(
		    err, errno == ENOENT ? SIAR_ENOTFOUND : SIAR_EIO,
		    "cannot serve '%s': %s", root, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return siar_err_set(err, SIAR_ENOTFOUND,
				    "cannot serve '%s': not a folder", root);
	return SIAR_OK;
}

/* "ADDR:PORT", or "[ADDR]:PORT" for IPv6, into 'buf'. */
static void host_port(const char *addr, unsigned port, char *buf, size_t len)
{
	snprintf(buf, len, strchr(addr, ':') ? "[%s]:%u" : "%s:%u", addr, port);
}

/* Bind and listen on opts->bind_addr, opts->port into srv->listen_fd. */
static int listen_on(struct feed_server *srv, struct siar_err *err)
{
	const struct feed_server_opts *o = srv->opts;
	struct addrinfo hints, *ai = NULL;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char port[8], where[80];
	int fd = -1, on = 1, gai, rc = SIAR_OK;

	memset(&hints, 0, sizeof(hints));
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	hints.ai_socktype = SOCK_STREAM;
	snprintf(port, sizeof(port), "%u", o->port);
	host_port(o->bind_addr, o->port, where, sizeof(where));
	if (o->port > 65535)
		return siar_err_set(err, SIAR_EINVAL, "bad port %u", o->port);
	gai = getaddrinfo(o->bind_addr, port, &hints, &ai);
	if (gai)
		return siar_err_set(
		    err, SIAR_EINVAL, "bad address '%s': %s", o->bind_addr,
		    gai == EAI_NONAME ? "not a numeric IPv4 or IPv6 address"
				      : gai_strerror(gai));
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) ||
	    bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, SOMAXCONN) ||
	    fcntl(fd, F_SETFL, O_NONBLOCK) ||
	    getsockname(fd, (struct sockaddr *)&ss, &sslen)) {
		rc = siar_err_set(err, SIAR_EIO, "cannot listen on %s: %s",
				  where, strerror(errno));
		goto out;
	}
	host_port(o->bind_addr,
		  ntohs(ss.ss_family == AF_INET6
			    ? ((struct sockaddr_in6 *)&ss)->sin6_port
			    : ((struct sockaddr_in *)&ss)->sin_port),
		  where, sizeof(where));
	snprintf(srv->url, sizeof(srv->url), "http://%s/", where);
	srv->listen_fd = fd;
	fd = -1;
out:
	if (fd >= 0)
		close(fd);
	freeaddrinfo(ai);
	return rc;
}

/*
 * One epoll thread per CPU, each accepting from the shared listening
 * socket. Under wrk with 64 keep-alive connections a 304 cost about 12 us
 * of server CPU this way and 18-20 us with a thread per connection;
 * MHD_USE_TURBO made no measurable difference, so it is left off. MHD
 * owns the listening socket once started.
 */
static int start_daemon(struct feed_server *srv, struct siar_err *err)
{
	unsigned threads = srv->opts->threads;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (!threads)
		threads = cpus > 0 ? (unsigned)cpus : 1;
	srv->daemon = M->start_daemon(
	    MHD_USE_EPOLL_INTERNAL_THREAD, 0, NULL, NULL, on_access, srv,
	    MHD_OPTION_LISTEN_SOCKET, srv->listen_fd,
	    MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)SERVE_IDLE_S, MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes,
	    NULL, MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv, MHD_OPTION_END);
	if (!srv->daemon)
		return siar_err_set(err, SIAR_EIO,
				    "cannot start the HTTP server on %s",
				    srv->url);
	srv->listen_fd = -1;
	return SIAR_OK;
}

static int server_open(struct feed_server *srv, struct siar_err *err)
{
	int rc;

	if (!M)
		M = feed_mhd(err);
	if (!M)
		return err->code;
	memset(srv->gz.buckets, 0, sizeof(srv->gz.buckets));
	srv->gz.lru_head = NULL;
	srv->gz.lru_tail = NULL;
	srv->gz.bytes = 0;
	srv->gz.max_bytes = srv->opts->gzip_cache_bytes
				? srv->opts->gzip_cache_bytes
				: GZ_CACHE_DEFAULT;
	if (pthread_mutex_init(&srv->gz.lock, NULL))
		return siar_err_set(err, SIAR_ENOMEM, "cannot make a mutex");
	srv->gz_ready = true;
	srv->root.fd = -1;
	if (pthread_rwlock_init(&srv->root.lock, NULL))
		return siar_err_set(err, SIAR_ENOMEM, "cannot make a lock");
	srv->root_ready = true;
	rc = check_root(srv->opts->root, err);
	if (!rc)
		rc = make_canned(srv, err);
	if (!rc)
		rc = listen_on(srv, err);
	if (!rc)
		rc = start_daemon(srv, err);
	return rc;
}

static void server_close(struct feed_server *srv)
{
	int i;

	if (srv->daemon)
		M->stop_daemon(srv->daemon);
	srv->daemon = NULL;
	if (srv->listen_fd >= 0)
		close(srv->listen_fd);
	srv->listen_fd = -1;
	for (i = 0; i < CANNED_COUNT; i++) {
		if (srv->canned[i])
			M->destroy_response(srv->canned[i]);
		srv->canned[i] = NULL;
	}
	if (srv->gz_ready) {
		gz_cache_release(&srv->gz);
		pthread_mutex_destroy(&srv->gz.lock);
	}
	srv->gz_ready = false;
	if (srv->root_ready) {
		if (srv->root.fd >= 0)
			close(srv->root.fd);
		pthread_rwlock_destroy(&srv->root.lock);
	}
	srv->root_ready = false;
}

int feed_serve(const struct feed_server_opts *opts, struct siar_err *err)
{
	struct feed_server srv;
	struct timespec zero = {0, 0};
	sigset_t stop, old;
	int rc, sig;

	memset(&srv, 0, sizeof(srv));
	srv.opts = opts;
	srv.listen_fd = -1;
	sigemptyset(&stop);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGTERM);
	/*
	 * Before MHD starts its threads, so that they inherit the mask and
	 * the signals wait for sigwait() here.
	 */
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	rc = server_open(&srv, err);
	if (!rc) {
		if (opts->on_ready)
			opts->on_ready(opts->arg, srv.url);
		while (sigwait(&stop, &sig))
			;
	}
	server_close(&srv);
	/* A second signal during the shutdown is not a crash. */
	while (sigtimedwait(&stop, NULL, &zero) > 0)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
