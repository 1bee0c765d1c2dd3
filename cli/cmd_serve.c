/*
 * siar serve: serve a published site over HTTP until SIGINT or SIGTERM,
 * for an office without a web server. The server is feed_serve() in
 * feed/serve.c; this file parses the command line and prints the start
 * line, the access log (Common Log Format, plus the time taken) and the
 * stop line on stderr.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../feed/feed.h"

static const char usage[] =
	"serve [--port N] [--bind ADDR] [--quiet]\n"
	"       [--rebuild [--base-url URL] [--lang id|en]] [OUTDIR]";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Serve the files under OUTDIR (default: site) over HTTP/1.1 "
	       "until interrupted\n(SIGINT or SIGTERM), for podcast apps and "
	       "browsers. GET and HEAD only;\nETag, Last-Modified, "
	       "conditional requests, byte ranges and gzip for text.\n"
	       "Nothing outside OUTDIR is served, nor any dotfile. Each "
	       "request looks at\nthe files afresh, so a rebuilt site is "
	       "served at once.\n\n"
	       "  --port N     the TCP port (default 8080; 0: any free "
	       "port)\n"
	       "  --bind ADDR  the numeric IPv4 or IPv6 address to listen on "
	       "(default\n"
	       "               127.0.0.1; 0.0.0.0 for every interface)\n"
	       "  --quiet      no start line and no access log on stderr\n"
	       "  --rebuild    build the catalogue's site into OUTDIR first "
	       "(as 'siar build'\n"
	       "               does), then again whenever the catalogue "
	       "changes\n"
	       "  --base-url URL, --lang L   for those builds, as 'siar "
	       "build' takes them\n",
	       usage);
	return CLI_EXIT_OK;
}

struct serve_ctx {
	const char *root;
};

static void on_ready(void *arg, const char *url)
{
	const struct serve_ctx *sc = arg;

	fprintf(stderr, "siar: serving %s at %s\n", sc->root, url);
}

/*
 * 'target' for the log: bytes outside printable ASCII, '"' and '\' as
 * \xHH, so a request cannot forge log lines; cut at 'len'.
 */
static void log_escape(const char *target, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)target;
	size_t n = 0;

	for (; *s && n + 5 < len; s++) {
		if (*s > 0x20 && *s < 0x7f && *s != '"' && *s != '\\') {
			buf[n++] = (char)*s;
			continue;
		}
		buf[n++] = '\\';
		buf[n++] = 'x';
		buf[n++] = hex[*s >> 4];
		buf[n++] = hex[*s & 15];
	}
	buf[n] = '\0';
}

/* One access-log line; called from the server's threads. */
static void on_request(void *arg, const struct feed_serve_log *e)
{
	time_t t = (time_t)e->time_unix;
	char when[32] = "-", target[1024];
	struct tm tm;

	(void)arg;
	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%d/%b/%Y:%H:%M:%S +0000", &tm);
	log_escape(e->target, target, sizeof(target));
	/* One call, so lines from different threads do not interleave. */
	fprintf(stderr, "%s - - [%s] \"%s %s %s\" %u %llu %.3fms\n", e->client,
		when, e->method, target, e->version, e->status,
		(unsigned long long)e->body_bytes, e->elapsed_ms);
}

int cmd_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"port", required_argument, NULL, 'p'},
	    {"bind", required_argument, NULL, 'b'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"rebuild", no_argument, NULL, 'r'},
	    {"base-url", required_argument, NULL, 'u'},
	    {"lang", required_argument, NULL, 'l'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct feed_server_opts so;
	struct serve_ctx sc;
	struct siar_err err = {0};
	struct feed_site_opts site;
	struct cli_rebuild *rb = NULL;
	bool quiet = false, rebuild = false;
	long long port;
	int c, rc = CLI_EXIT_OK;

	feed_server_opts_init(&so);
	feed_site_opts_init(&site);
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help();
		if (c == 'p' && !cli_parse_uint("--port", optarg, 65535, &port))
			return cli_usage(usage);
		if (c == 'p')
			so.port = (unsigned)port;
		else if (c == 'b')
			so.bind_addr = optarg;
		else if (c == 'q')
			quiet = true;
		else if (c == 'r')
			rebuild = true;
		else if (c == 'u')
			site.base_url = optarg;
		else if (c == 'l')
			site.lang = optarg;
		else
			return cli_usage(usage);
	}
	if (optind < argc - 1) {
		cli_error("serve: give at most one OUTDIR");
		return cli_usage(usage);
	}
	if (optind == argc - 1)
		so.root = argv[optind];
	sc.root = so.root;
	so.arg = &sc;
	if (!quiet) {
		so.on_ready = on_ready;
		so.on_request = on_request;
	}
	if ((site.base_url || site.lang) && !rebuild) {
		cli_error("serve: --base-url and --lang go with --rebuild");
		return cli_usage(usage);
	}
	if (rebuild && cli_rebuild_start(ctx, so.root ? so.root : "site",
					 &site, quiet, &rb, &err)) {
		cli_report(&err);
		return CLI_EXIT_FAIL;
	}
	if (feed_serve(&so, &err)) {
		cli_report(&err);
		rc = CLI_EXIT_FAIL;
	}
	cli_rebuild_stop(rb);
	if (!rc)
		fputs("siar: serve: stopped\n", stderr);
	return rc;
}
