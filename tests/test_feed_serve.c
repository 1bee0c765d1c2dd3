/*
 * Unit tests of the HTTP server in feed/serve.c, without a network: the
 * Content-Type table, HTTP dates, the header parsers (If-None-Match,
 * If-Range, Accept-Encoding, Range), ETags, the path resolver on a real
 * folder (with openat2() and with the realpath() fallback), and the
 * start-up errors of feed_serve(). tests/e2e/test_serve.sh drives the
 * running server with curl.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../feed/feed.h"

/* Sun, 06 Nov 1994 08:49:37 GMT, the date in RFC 7231's examples. */
#define RFC_DATE_UNIX ((int64_t)784111777)

static void mime_type_follows_the_extension(void **state)
{
	static const char *const table[][2] = {
	    {"feed.xml", "application/rss+xml"},
	    {"shows/kpu/feed.xml", "application/rss+xml"},
	    {"FEED.XML", "application/rss+xml"},
	    {"feed.json", "application/feed+json"},
	    {"opml.xml", "application/xml"},
	    {"a/feed.xml.bak", "application/octet-stream"},
	    {"data.json", "application/json"},
	    {"index.html", "text/html; charset=utf-8"},
	    {"style.css", "text/css; charset=utf-8"},
	    {"app.js", "text/javascript; charset=utf-8"},
	    {"logo.svg", "image/svg+xml"},
	    {"cover.png", "image/png"},
	    {"cover.jpg", "image/jpeg"},
	    {"cover.JPEG", "image/jpeg"},
	    {"cover.webp", "image/webp"},
	    {"ep12.mp3", "audio/mpeg"},
	    {"ep12.m4a", "audio/mp4"},
	    {"ep12.aac", "audio/aac"},
	    {"ep12.ogg", "audio/ogg"},
	    {"ep12.opus", "audio/ogg"},
	    {"ep12.flac", "audio/flac"},
	    {"ep12.wav", "audio/wav"},
	    {"video.mp4", "video/mp4"},
	    {"video.m4v", "video/mp4"},
	    {"video.mov", "video/quicktime"},
	    {"video.webm", "video/webm"},
	    {"video.mkv", "video/x-matroska"},
	    {"ep12.vtt", "text/vtt"},
	    {"ep12.srt", "application/x-subrip"},
	    {"ep12.txt", "text/plain; charset=utf-8"},
	    {"shows.opml", "text/x-opml"},
	    {"archive.tar.gz", "application/octet-stream"},
	    {"noextension", "application/octet-stream"},
	    {"dir.d/noextension", "application/octet-stream"},
	    {".mp3", "application/octet-stream"},
	    {"trailing.", "application/octet-stream"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		assert_string_equal(feed_serve_mime_type(table[i][0]),
				    table[i][1]);
}

static void compressible_means_text(void **state)
{
	static const char *const text[] = {
	    "index.html", "feed.xml", "feed.json", "a.css",  "a.js",
	    "a.svg",	  "a.txt",    "a.vtt",	   "a.opml", "A.HTML",
	};
	static const char *const binary[] = {
	    "ep.mp3",	 "ep.m4a", "cover.png",	  "cover.jpg",
	    "video.mp4", "ep.srt", "noextension", "a.bin",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		assert_true(feed_serve_compressible(text[i]));
	for (i = 0; i < sizeof(binary) / sizeof(binary[0]); i++)
		assert_false(feed_serve_compressible(binary[i]));
}

static void http_date_formats_imf_fixdate(void **state)
{
	char buf[FEED_SERVE_DATE_MAX];
	char small[10] = "x";

	(void)state;
	feed_serve_http_date(RFC_DATE_UNIX, buf, sizeof(buf));
	assert_string_equal(buf, "Sun, 06 Nov 1994 08:49:37 GMT");
	feed_serve_http_date(0, buf, sizeof(buf));
	assert_string_equal(buf, "Thu, 01 Jan 1970 00:00:00 GMT");
	feed_serve_http_date(1708405200, buf, sizeof(buf));
	assert_string_equal(buf, "Tue, 20 Feb 2024 05:00:00 GMT");
	feed_serve_http_date(RFC_DATE_UNIX, small, sizeof(small));
	assert_string_equal(small, "");
}

static void http_date_parses_the_three_forms(void **state)
{
	static const char *const good[] = {
	    "Sun, 06 Nov 1994 08:49:37 GMT",
	    "Sunday, 06-Nov-94 08:49:37 GMT",
	    "Sun Nov  6 08:49:37 1994",
	    "Sun Nov 06 08:49:37 1994",
	};
	static const char *const bad[] = {
	    "",
	    "yesterday",
	    "Sun, 06 Nov 1994 08:49:37",
	    "Sun, 6 Nov 1994 08:49:37 GMT",
	    "Sun, 06 Nov 94 08:49:37 GMT",
	    "Sun, 06 Foo 1994 08:49:37 GMT",
	    "Sun, 06 Nov 1994 25:49:37 GMT",
	    "Sun, 32 Nov 1994 08:49:37 GMT",
	    "Sun 06 Nov 1994 08:49:37 GMT",
	    "1994-11-06T08:49:37Z",
	};
	int64_t t;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		t = 0;
		assert_true(feed_serve_parse_http_date(good[i], &t));
		assert_int_equal(t, RFC_DATE_UNIX);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = 42;
		assert_false(feed_serve_parse_http_date(bad[i], &t));
		assert_int_equal(t, 42);
	}
	assert_false(feed_serve_parse_http_date(NULL, &t));
	assert_true(
	    feed_serve_parse_http_date("Thursday, 01-Jan-70 00:00:00 GMT", &t));
	assert_int_equal(t, 0);
	assert_true(
	    feed_serve_parse_http_date("Friday, 01-Jan-60 00:00:00 GMT", &t));
	assert_int_equal(t, (int64_t)2840140800); /* 2060, not 1960 */
}

static void etag_match_is_weak_and_takes_lists(void **state)
{
	const char *tag = "\"1a-2b-3c\"";

	(void)state;
	assert_true(feed_serve_etag_match("\"1a-2b-3c\"", tag));
	assert_true(feed_serve_etag_match("W/\"1a-2b-3c\"", tag));
	assert_true(feed_serve_etag_match("\"x\", \"1a-2b-3c\"", tag));
	assert_true(feed_serve_etag_match("\"x\",W/\"1a-2b-3c\" ,\"y\"", tag));
	assert_true(feed_serve_etag_match("*", tag));
	assert_true(feed_serve_etag_match(" * ", tag));
	assert_false(feed_serve_etag_match("\"1a-2b-3c-gz\"", tag));
	assert_false(feed_serve_etag_match("\"1a-2b\"", tag));
	assert_false(feed_serve_etag_match("1a-2b-3c", tag));
	assert_false(feed_serve_etag_match("\"1a-2b-3c", tag));
	assert_false(feed_serve_etag_match("", tag));
	assert_false(feed_serve_etag_match(NULL, tag));
	/* Matching stops at the first malformed tag. */
	assert_false(feed_serve_etag_match("bad, \"1a-2b-3c\"", tag));
}

static void if_range_wants_the_strong_etag_or_the_date(void **state)
{
	const char *tag = "\"1a-2b-3c\"";

	(void)state;
	assert_true(feed_serve_if_range(NULL, tag, RFC_DATE_UNIX));
	assert_true(feed_serve_if_range("\"1a-2b-3c\"", tag, RFC_DATE_UNIX));
	assert_true(feed_serve_if_range(" \"1a-2b-3c\" ", tag, RFC_DATE_UNIX));
	assert_false(feed_serve_if_range("W/\"1a-2b-3c\"", tag, RFC_DATE_UNIX));
	assert_false(feed_serve_if_range("\"other\"", tag, RFC_DATE_UNIX));
	assert_false(
	    feed_serve_if_range("\"1a-2b-3c\", \"x\"", tag, RFC_DATE_UNIX));
	assert_true(feed_serve_if_range("Sun, 06 Nov 1994 08:49:37 GMT", tag,
					RFC_DATE_UNIX));
	assert_false(feed_serve_if_range("Sun, 06 Nov 1994 08:49:38 GMT", tag,
					 RFC_DATE_UNIX));
	assert_false(feed_serve_if_range("garbage", tag, RFC_DATE_UNIX));
	assert_false(feed_serve_if_range("", tag, RFC_DATE_UNIX));
}

static void accept_encoding_allows_gzip_unless_q0(void **state)
{
	static const struct {
		const char *value;
		bool gzip;
	} table[] = {
	    {"gzip", true},
	    {"GZIP", true},
	    {"gzip, deflate, br", true},
	    {"br;q=1.0, gzip;q=0.8, *;q=0.1", true},
	    {"x-gzip", true},
	    {"*", true},
	    {"gzip;q=0.001", true},
	    {"gzip; q=1", true},
	    {"gzip;q=0", false},
	    {"gzip;q=0.000", false},
	    {"gzip ;q=0.", false},
	    {"*;q=0", false},
	    {"*, gzip;q=0", false},
	    {"gzip;q=0, *", false},
	    {"identity", false},
	    {"deflate, br", false},
	    {"gzipx", false},
	    {"xgzip", false},
	    {"", false},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (feed_serve_accepts_gzip(table[i].value) != table[i].gzip)
			fail_msg("Accept-Encoding: %s", table[i].value);
	}
	assert_false(feed_serve_accepts_gzip(NULL));
}

static void range_parser_handles_the_edges(void **state)
{
	static const struct {
		const char *value;
		uint64_t size;
		enum feed_serve_range kind;
		uint64_t first, last;
	} table[] = {
	    {"bytes=0-0", 100, FEED_RANGE_PARTIAL, 0, 0},
	    {"bytes=0-99", 100, FEED_RANGE_PARTIAL, 0, 99},
	    {"bytes=99-99", 100, FEED_RANGE_PARTIAL, 99, 99},
	    {"bytes=99-", 100, FEED_RANGE_PARTIAL, 99, 99},
	    {"bytes=10-", 100, FEED_RANGE_PARTIAL, 10, 99},
	    {"bytes=-1", 100, FEED_RANGE_PARTIAL, 99, 99},
	    {"bytes=-100", 100, FEED_RANGE_PARTIAL, 0, 99},
	    {"bytes=-1000", 100, FEED_RANGE_PARTIAL, 0, 99},
	    {"bytes=50-1000", 100, FEED_RANGE_PARTIAL, 50, 99},
	    {"bytes=50-99999999999999999999999", 100, FEED_RANGE_PARTIAL, 50,
	     99},
	    {"Bytes = 1-2 ", 100, FEED_RANGE_PARTIAL, 1, 2},
	    {"bytes=1000000-1999999", 20000000, FEED_RANGE_PARTIAL, 1000000,
	     1999999},
	    {"bytes=100-", 100, FEED_RANGE_UNSATISFIABLE, 0, 0},
	    {"bytes=100-200", 100, FEED_RANGE_UNSATISFIABLE, 0, 0},
	    {"bytes=99999999999999999999999-", 100, FEED_RANGE_UNSATISFIABLE, 0,
	     0},
	    {"bytes=-0", 100, FEED_RANGE_UNSATISFIABLE, 0, 0},
	    {"bytes=0-0", 0, FEED_RANGE_UNSATISFIABLE, 0, 0},
	    {"bytes=-5", 0, FEED_RANGE_UNSATISFIABLE, 0, 0},
	    {"bytes=0-0,5-6", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes=5-1", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes=", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes=-", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes=a-b", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes=1-2x", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes=--1", 100, FEED_RANGE_NONE, 0, 0},
	    {"bytes 0-1", 100, FEED_RANGE_NONE, 0, 0},
	    {"items=0-1", 100, FEED_RANGE_NONE, 0, 0},
	    {"", 100, FEED_RANGE_NONE, 0, 0},
	};
	uint64_t first, last;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		first = 7777;
		last = 7777;
		if (feed_serve_parse_range(table[i].value, table[i].size,
					   &first, &last) != table[i].kind)
			fail_msg("Range: %s", table[i].value);
		if (table[i].kind == FEED_RANGE_PARTIAL &&
		    (first != table[i].first || last != table[i].last))
			fail_msg("Range: %s gave %llu-%llu", table[i].value,
				 (unsigned long long)first,
				 (unsigned long long)last);
		if (table[i].kind != FEED_RANGE_PARTIAL &&
		    (first != 7777 || last != 7777))
			fail_msg("Range: %s set the bounds", table[i].value);
	}
	assert_int_equal(feed_serve_parse_range(NULL, 100, &first, &last),
			 FEED_RANGE_NONE);
}

static void etag_differs_by_variant_and_file(void **state)
{
	struct feed_serve_file f;
	char a[FEED_SERVE_ETAG_MAX], b[FEED_SERVE_ETAG_MAX];
	char small[8] = "x";

	(void)state;
	feed_serve_file_init(&f);
	f.size_bytes = 0x186a0;
	f.mtime_s = 1;
	f.mtime_ns = 2;
	f.inode = 0x2a;
	feed_serve_etag(&f, false, a, sizeof(a));
	assert_string_equal(a, "\"186a0-3b9aca02-2a\"");
	feed_serve_etag(&f, true, b, sizeof(b));
	assert_string_equal(b, "\"186a0-3b9aca02-2a-gz\"");
	f.mtime_ns = 3;
	feed_serve_etag(&f, false, b, sizeof(b));
	assert_string_not_equal(a, b);
	f.mtime_ns = 2;
	f.inode = 0x2b;
	feed_serve_etag(&f, false, b, sizeof(b));
	assert_string_not_equal(a, b);
	feed_serve_etag(&f, false, small, sizeof(small));
	assert_string_equal(small, "");
}

/* A site in a temporary folder, with traps beside and inside it. */
struct site {
	char dir[64];  /* holds site/ and outside/ */
	char root[96]; /* dir/site */
};

static void put(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static int site_setup(void **state)
{
	struct site *s = calloc(1, sizeof(*s));
	char path[256], target[256];

	if (!s)
		return -1;
	snprintf(s->dir, sizeof(s->dir), "/tmp/siar-serve.XXXXXX");
	if (!mkdtemp(s->dir))
		return -1;
	snprintf(s->root, sizeof(s->root), "%s/site", s->dir);
	snprintf(path, sizeof(path), "%s/outside", s->dir);
	if (mkdir(s->root, 0755) || mkdir(path, 0755))
		return -1;
	put(path, "secret.txt", "TOPSECRET\n");
	put(s->root, "feed.xml", "<rss/>\n");
	put(s->root, "index.html", "<h1>KPU</h1>\n");
	put(s->root, ".secret", "TOPSECRET\n");
	put(s->root, "nama dengan spasi.mp3", "x");
	snprintf(path, sizeof(path), "%s/sub", s->root);
	if (mkdir(path, 0755))
		return -1;
	put(path, "index.html", "sub\n");
	snprintf(path, sizeof(path), "%s/empty", s->root);
	snprintf(target, sizeof(target), "%s/outside/secret.txt", s->dir);
	if (mkdir(path, 0755))
		return -1;
	snprintf(path, sizeof(path), "%s/abs-link.txt", s->root);
	if (symlink(target, path))
		return -1;
	snprintf(path, sizeof(path), "%s/rel-link.txt", s->root);
	if (symlink("../outside/secret.txt", path))
		return -1;
	snprintf(path, sizeof(path), "%s/outdir", s->root);
	if (symlink("../outside", path))
		return -1;
	snprintf(path, sizeof(path), "%s/alias.xml", s->root);
	if (symlink("feed.xml", path))
		return -1;
	snprintf(path, sizeof(path), "%s/sub/up.xml", s->root);
	if (symlink("../feed.xml", path))
		return -1;
	snprintf(path, sizeof(path), "%s/pipe.mp3", s->root);
	if (mkfifo(path, 0644))
		return -1;
	*state = s;
	return 0;
}

static int site_teardown(void **state)
{
	struct site *s = *state;
	char cmd[128];
	int rc;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", s->dir);
	rc = system(cmd);
	free(s);
	return rc == 0 ? 0 : -1;
}

struct resolve_case {
	const char *target;
	int rc;
	const char *path; /* on SIAR_OK: the file opened; NULL: a redirect */
};

static const struct resolve_case resolve_cases[] = {
    {"/feed.xml", SIAR_OK, "feed.xml"},
    {"/", SIAR_OK, "index.html"},
    {"/sub/", SIAR_OK, "sub/index.html"},
    {"/sub", SIAR_OK, NULL},
    {"/%66eed.xml", SIAR_OK, "feed.xml"},
    {"/nama%20dengan%20spasi.mp3", SIAR_OK, "nama dengan spasi.mp3"},
    {"/alias.xml", SIAR_OK, "alias.xml"},
    {"/sub/up.xml", SIAR_OK, "sub/up.xml"},
    {"/missing.mp3", SIAR_ENOTFOUND, NULL},
    {"/empty/", SIAR_ENOTFOUND, NULL},
    {"/feed.xml/", SIAR_ENOTFOUND, NULL},
    {"/pipe.mp3", SIAR_ENOTFOUND, NULL},
    {"/../outside/secret.txt", SIAR_ENOTFOUND, NULL},
    {"/%2e%2e/outside/secret.txt", SIAR_ENOTFOUND, NULL},
    {"/%2E%2E%2Foutside%2Fsecret.txt", SIAR_ENOTFOUND, NULL},
    {"/sub/../feed.xml", SIAR_ENOTFOUND, NULL},
    {"/sub/./index.html", SIAR_ENOTFOUND, NULL},
    {"/sub%2findex.html", SIAR_ENOTFOUND, NULL},
    {"//etc/passwd", SIAR_ENOTFOUND, NULL},
    {"/sub//index.html", SIAR_ENOTFOUND, NULL},
    {"/..%5coutside%5csecret.txt", SIAR_ENOTFOUND, NULL},
    {"/sub\\..\\feed.xml", SIAR_ENOTFOUND, NULL},
    {"/feed.xml%00.mp3", SIAR_ENOTFOUND, NULL},
    {"/.secret", SIAR_ENOTFOUND, NULL},
    {"/%2esecret", SIAR_ENOTFOUND, NULL},
    {"/abs-link.txt", SIAR_ENOTFOUND, NULL},
    {"/rel-link.txt", SIAR_ENOTFOUND, NULL},
    {"/outdir/secret.txt", SIAR_ENOTFOUND, NULL},
    {"/outdir/", SIAR_ENOTFOUND, NULL},
    {"/etc/passwd", SIAR_ENOTFOUND, NULL},
    {"/%zz", SIAR_EINVAL, NULL},
    {"/%2", SIAR_EINVAL, NULL},
    {"/%", SIAR_EINVAL, NULL},
    {"feed.xml", SIAR_EINVAL, NULL},
    {"", SIAR_EINVAL, NULL},
    {"*", SIAR_EINVAL, NULL},
};

static void check_resolve(const struct site *s, unsigned flags)
{
	struct feed_serve_file f;
	struct siar_err err = {0};
	const struct resolve_case *c;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(resolve_cases) / sizeof(resolve_cases[0]); i++) {
		c = &resolve_cases[i];
		feed_serve_file_init(&f);
		siar_err_clear(&err);
		rc = feed_serve_resolve(s->root, c->target, flags, &f, &err);
		if (rc != c->rc)
			fail_msg("'%s' (flags %u): rc %d, wanted %d (%s)",
				 c->target, flags, rc, c->rc, err.msg);
		if (rc == SIAR_OK && c->path) {
			assert_false(f.redirect);
			assert_true(f.fd >= 0);
			assert_string_equal(f.path, c->path);
		} else if (rc == SIAR_OK) {
			assert_true(f.redirect);
			assert_int_equal(f.fd, -1);
		} else {
			assert_int_equal(f.fd, -1);
			assert_string_not_equal(err.msg, "");
		}
		feed_serve_file_release(&f);
	}
}

static void resolve_stays_in_the_site(void **state)
{
	check_resolve(*state, 0);
}

static void resolve_without_openat2_stays_in_the_site(void **state)
{
	check_resolve(*state, FEED_SERVE_NO_OPENAT2);
}

static void resolve_reports_the_file(void **state)
{
	const struct site *s = *state;
	struct feed_serve_file f;
	struct siar_err err = {0};
	char path[128];
	struct stat st;

	snprintf(path, sizeof(path), "%s/feed.xml", s->root);
	assert_int_equal(stat(path, &st), 0);
	feed_serve_file_init(&f);
	assert_int_equal(feed_serve_resolve(s->root, "/feed.xml", 0, &f, &err),
			 SIAR_OK);
	assert_int_equal(f.size_bytes, 7);
	assert_int_equal(f.mtime_s, st.st_mtim.tv_sec);
	assert_int_equal(f.mtime_ns, st.st_mtim.tv_nsec);
	assert_int_equal(f.inode, st.st_ino);
	feed_serve_file_release(&f);
	feed_serve_file_release(&f); /* twice is safe */
	assert_int_equal(f.fd, -1);
}

static void resolve_refuses_an_overlong_path(void **state)
{
	const struct site *s = *state;
	struct feed_serve_file f;
	struct siar_err err = {0};
	char target[FEED_SERVE_PATH_MAX + 8];

	memset(target, 'a', sizeof(target) - 1);
	target[0] = '/';
	target[sizeof(target) - 1] = '\0';
	feed_serve_file_init(&f);
	assert_int_equal(feed_serve_resolve(s->root, target, 0, &f, &err),
			 SIAR_ENOTFOUND);
	/* Room for the name, not for "index.html" after it. */
	target[FEED_SERVE_PATH_MAX - 4] = '/';
	target[FEED_SERVE_PATH_MAX - 3] = '\0';
	siar_err_clear(&err);
	assert_int_equal(feed_serve_resolve(s->root, target, 0, &f, &err),
			 SIAR_ENOTFOUND);
	assert_int_equal(f.fd, -1);
}

static void resolve_reports_a_missing_root(void **state)
{
	const struct site *s = *state;
	struct feed_serve_file f;
	struct siar_err err = {0};
	char root[128];

	snprintf(root, sizeof(root), "%s/no-such-site", s->dir);
	feed_serve_file_init(&f);
	assert_int_equal(feed_serve_resolve(root, "/feed.xml", 0, &f, &err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&err);
	assert_int_equal(feed_serve_resolve(root, "/feed.xml",
					    FEED_SERVE_NO_OPENAT2, &f, &err),
			 SIAR_ENOTFOUND);
}

static void serve_reports_start_up_errors(void **state)
{
	const struct site *s = *state;
	struct feed_server_opts opts;
	struct siar_err err = {0};
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	char root[128], want[96];
	int fd;

	feed_server_opts_init(&opts);
	assert_string_equal(opts.root, "site");
	assert_string_equal(opts.bind_addr, "127.0.0.1");
	assert_int_equal(opts.port, 8080);

	snprintf(root, sizeof(root), "%s/no-such-site", s->dir);
	opts.root = root;
	assert_int_equal(feed_serve(&opts, &err), SIAR_ENOTFOUND);
	assert_non_null(strstr(err.msg, "no-such-site"));

	opts.root = s->root;
	opts.bind_addr = "localhost";
	siar_err_clear(&err);
	assert_int_equal(feed_serve(&opts, &err), SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "'localhost'"));

	/* A port someone else holds. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 1), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	opts.bind_addr = "127.0.0.1";
	opts.port = ntohs(sa.sin_port);
	siar_err_clear(&err);
	assert_int_equal(feed_serve(&opts, &err), SIAR_EIO);
	snprintf(want, sizeof(want),
		 "cannot listen on 127.0.0.1:%u: Address already in use",
		 opts.port);
	assert_string_equal(err.msg, want);
	close(fd);

	opts.port = 70000;
	siar_err_clear(&err);
	assert_int_equal(feed_serve(&opts, &err), SIAR_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mime_type_follows_the_extension),
	    cmocka_unit_test(compressible_means_text),
	    cmocka_unit_test(http_date_formats_imf_fixdate),
	    cmocka_unit_test(http_date_parses_the_three_forms),
	    cmocka_unit_test(etag_match_is_weak_and_takes_lists),
	    cmocka_unit_test(if_range_wants_the_strong_etag_or_the_date),
	    cmocka_unit_test(accept_encoding_allows_gzip_unless_q0),
	    cmocka_unit_test(range_parser_handles_the_edges),
	    cmocka_unit_test(etag_differs_by_variant_and_file),
	    cmocka_unit_test_setup_teardown(resolve_stays_in_the_site,
					    site_setup, site_teardown),
	    cmocka_unit_test_setup_teardown(
		resolve_without_openat2_stays_in_the_site, site_setup,
		site_teardown),
	    cmocka_unit_test_setup_teardown(resolve_reports_the_file,
					    site_setup, site_teardown),
	    cmocka_unit_test_setup_teardown(resolve_refuses_an_overlong_path,
					    site_setup, site_teardown),
	    cmocka_unit_test_setup_teardown(resolve_reports_a_missing_root,
					    site_setup, site_teardown),
	    cmocka_unit_test_setup_teardown(serve_reports_start_up_errors,
					    site_setup, site_teardown),
	};

	return cmocka_run_group_tests_name("feed_serve", tests, NULL, NULL);
}
