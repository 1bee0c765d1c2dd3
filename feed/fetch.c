/*
 * Fetching over HTTP(S) with libcurl, for imports: a feed into memory and
 * an enclosure into a file. Only http and https are spoken, also after a
 * redirect (at most 5); a connection must open within 10 s; a feed must
 * arrive whole within 120 s, a media file must keep moving; each has a
 * size cap, checked against Content-Length and again as bytes come in. A
 * status of 400 or more is a failure, with a one-line message.
 *
 * libcurl is loaded on first use (netlib.c), which also runs its
 * curl_global_init(). Reading the feed is import.c's.
 */
#include "feed.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FEED_NET
#include "feed_int.h"

#define FETCH_CONNECT_S 10L
#define FETCH_FEED_S 120L
/* A download slower than this many bytes a second for as long gives up. */
#define FETCH_SLOW_BYTES 1024L
#define FETCH_SLOW_S 60L

/* libcurl, once the first fetch has loaded it (feed_curl). */
static const struct feed_curl_fns *C;

/* Load libcurl for a fetch; false with 'err' set when it cannot be. */
static bool curl_ready(struct siar_err *err)
{
	if (!C)
		C = feed_curl(err);
	return C != NULL;
}

/* Where the bytes go, and what went wrong on the way. */
struct fetch_sink {
	struct siar_buf *buf;	/* a feed, or */
	FILE *fp;		/* a media file */
	uint64_t max;
	uint64_t got;
	bool too_big;
	int errnum;		/* a failed write to 'fp' */
};

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
	struct fetch_sink *s = ctx;
	size_t len = size * n;	/* curl promises size 1 */

	if (len > s->max - s->got) {
		s->too_big = true;
		return 0;
	}
	s->got += len;
	if (s->buf) {
		siar_buf_add(s->buf, data, len);
		return s->buf->failed ? 0 : len;
	}
	errno = 0;
	if (fwrite(data, 1, len, s->fp) != len) {
		s->errnum = errno ? errno : EIO;
		return 0;
	}
	return len;
}

static bool http_url(const char *url)
{
	return !strncasecmp(url, "http://", 7) ||
	       !strncasecmp(url, "https://", 8);
}

/* "64 MiB", or bytes when not a whole number of MiB. */
static void size_text(char *out, size_t len, uint64_t bytes)
{
	if (bytes % ((uint64_t)1 << 20) == 0)
		snprintf(out, len, "%llu MiB",
			 (unsigned long long)(bytes >> 20));
	else
		snprintf(out, len, "%llu bytes", (unsigned long long)bytes);
}

static int setup(CURL *c, const char *url, struct fetch_sink *sink,
		 long total_s, char *errbuf)
{
	CURLcode cc = CURLE_OK;

#define SET(opt, val)                                                         \
	do {                                                                   \
		if (cc == CURLE_OK)                                            \
			cc = C->easy_setopt(c, opt, val);                    \
	} while (0)
	SET(CURLOPT_URL, url);
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, 5L);
	SET(CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_S);
	SET(CURLOPT_TIMEOUT, total_s);
	SET(CURLOPT_NOSIGNAL, 1L);
	SET(CURLOPT_USERAGENT, "siar/" SIAR_VERSION);
	SET(CURLOPT_ACCEPT_ENCODING, "");
	SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)sink->max);
	SET(CURLOPT_WRITEFUNCTION, on_data);
	SET(CURLOPT_WRITEDATA, sink);
	SET(CURLOPT_ERRORBUFFER, errbuf);
	if (!total_s) {
		SET(CURLOPT_LOW_SPEED_LIMIT, FETCH_SLOW_BYTES);
		SET(CURLOPT_LOW_SPEED_TIME, FETCH_SLOW_S);
	}
#undef SET
	return cc;
}

/* The message for a transfer that ended with 'cc'. */
static int transfer_error(const char *url, CURLcode cc,
			  const struct fetch_sink *sink, const char *errbuf,
			  struct siar_err *err)
{
	char size[32];

	size_text(size, sizeof(size), sink->max);
	if (cc == CURLE_FILESIZE_EXCEEDED || sink->too_big)
		return siar_err_set(err, SIAR_EINVAL,
				    "cannot fetch '%s': larger than %s", url,
				    size);
	if (sink->buf && sink->buf->failed)
		return siar_buf_check(sink->buf, err);
	if (sink->errnum)
		return siar_err_set(err, SIAR_EIO,
				    "cannot save '%s': %s", url,
				    strerror(sink->errnum));
	if (cc == CURLE_OUT_OF_MEMORY)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return siar_err_set(err, SIAR_EIO, "cannot fetch '%s': %s", url,
			    *errbuf ? errbuf : C->easy_strerror(cc));
}

/* A copy of response header 'name' of the last request, or NULL. */
static char *header_copy(CURL *c, const char *name)
{
	struct curl_header *h = NULL;

	if (C->easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK ||
	    !h || !h->value || !*h->value)
		return NULL;
	return siar_strdup(h->value);
}

/*
 * The request headers that carry the validators of the last answer
 * ('etag' as If-None-Match, 'last_modified' as If-Modified-Since; either
 * may be NULL), or NULL for none. A value holding a line break is not
 * sent. libcurl must be loaded.
 */
static struct curl_slist *validators(const char *etag,
				     const char *last_modified)
{
	const char *names[2] = {"If-None-Match", "If-Modified-Since"};
	const char *values[2] = {etag, last_modified};
	struct curl_slist *headers = NULL, *grown;
	struct siar_buf line;
	size_t i;

	siar_buf_init(&line, 0);
	for (i = 0; i < 2; i++) {
		if (!values[i] || strpbrk(values[i], "\r\n"))
			continue;
		line.len = 0;
		siar_buf_addf(&line, "%s: %s", names[i], values[i]);
		grown = line.failed ? NULL : C->slist_append(headers, line.buf);
		if (grown)
			headers = grown;
	}
	siar_buf_release(&line);
	return headers;
}

/*
 * Fetch 'url' into 'sink' within 'total_s' seconds (0: no limit, but a
 * stalled transfer gives up), with the validators 'etag' and
 * 'last_modified' (may be NULL). 'res' (may be NULL) receives the status
 * and the answer's own validators when the server answered below 400.
 */
static int transfer(const char *url, struct fetch_sink *sink, long total_s,
		    const char *etag, const char *last_modified,
		    struct feed_fetch_result *res, struct siar_err *err)
{
	char errbuf[CURL_ERROR_SIZE] = "";
	struct curl_slist *headers;
	CURL *c;
	CURLcode cc;
	long status = 0;
	int rc = SIAR_OK;

	if (!url || !http_url(url))
		return siar_err_set(err, SIAR_EINVAL,
				    "cannot fetch '%s': only http:// and"
				    " https:// URLs are fetched",
				    url ? url : "");
	if (!curl_ready(err))
		return err->code;
	headers = validators(etag, last_modified);
	c = C->easy_init();
	if (!c) {
		C->slist_free_all(headers);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	cc = setup(c, url, sink, total_s, errbuf);
	if (cc == CURLE_OK && headers)
		cc = C->easy_setopt(c, CURLOPT_HTTPHEADER, headers);
	if (cc == CURLE_OK)
		cc = C->easy_perform(c);
	if (cc == CURLE_OK)
		cc = C->easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	if (cc != CURLE_OK) {
		rc = transfer_error(url, cc, sink, errbuf, err);
	} else if (status >= 400) {
		rc = siar_err_set(err, SIAR_EIO, "cannot fetch '%s': HTTP %ld",
				  url, status);
	} else if (res) {
		res->status = status;
		res->not_modified = status == 304;
		res->etag = header_copy(c, "ETag");
		res->last_modified = header_copy(c, "Last-Modified");
	}
	C->easy_cleanup(c);
	C->slist_free_all(headers);
	return rc;
}

int feed_fetch(const char *url, size_t max_bytes, struct siar_buf *out,
	       struct siar_err *err)
{
	struct fetch_sink sink = {out, NULL, max_bytes, 0, false, 0};

	return transfer(url, &sink, FETCH_FEED_S, NULL, NULL, NULL, err);
}

int feed_fetch_file(const char *url, uint64_t max_bytes, FILE *out,
		    struct siar_err *err)
{
	struct fetch_sink sink = {NULL, out, max_bytes, 0, false, 0};
	int rc;

	rc = transfer(url, &sink, 0, NULL, NULL, NULL, err);
	if (!rc && fflush(out))
		rc = siar_err_set(err, SIAR_EIO, "cannot save '%s': %s", url,
				  strerror(errno));
	return rc;
}


void feed_fetch_result_release(struct feed_fetch_result *res)
{
	free(res->etag);
	free(res->last_modified);
	memset(res, 0, sizeof(*res));
}

int feed_fetch_conditional(const char *url, size_t max_bytes, long timeout_s,
			   const char *etag, const char *last_modified,
			   struct siar_buf *out, struct feed_fetch_result *res,
			   struct siar_err *err)
{
	struct fetch_sink sink = {out, NULL, max_bytes, 0, false, 0};

	memset(res, 0, sizeof(*res));
	return transfer(url, &sink, timeout_s > 0 ? timeout_s : FETCH_FEED_S,
			etag, last_modified, res, err);
}
