/*
 * siar probe: measure media files and print what was measured, as a
 * readable block per file or one JSON object per line. Nothing is stored.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../media/media.h"

static const char usage[] = "probe [--json] FILE...";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Measure each FILE (duration, type, codecs, size, SHA-256, "
	       "tags) without\nadding it to the catalogue.\n\n"
	       "  --json             one JSON object per file, one per line\n",
	       usage);
	return CLI_EXIT_OK;
}

static void print_row(const char *key, const char *value)
{
	if (value && *value)
		printf("  %-16s %s\n", key, value);
}

static void print_table(const struct media_info *m)
{
	char dur[32], num[64];
	char *path = siar_utf8_dup(m->path, true);
	size_t i;

	printf("%s\n", path ? path : "?");
	free(path);
	print_row("kind", media_kind_name(m->kind));
	print_row("type", m->mime);
	print_row("container", m->container);
	cli_format_duration(m->duration_ms, dur, sizeof(dur));
	snprintf(num, sizeof(num), "%s (%.3f s, %s)", dur,
		 (double)m->duration_ms / 1000.0, m->duration_method);
	print_row("duration", num);
	snprintf(num, sizeof(num), "%lld bytes", (long long)m->size_bytes);
	print_row("size", num);
	snprintf(num, sizeof(num), "%lld kb/s", (long long)(m->bit_rate / 1000));
	print_row("bit rate", m->bit_rate ? num : NULL);
	snprintf(num, sizeof(num), "%s, %d Hz, %d ch", m->audio_codec,
		 m->sample_rate, m->channels);
	print_row("audio", m->audio_codec ? num : NULL);
	snprintf(num, sizeof(num), "%s, %dx%d, %.3f fps", m->video_codec,
		 m->width, m->height, m->frame_rate);
	print_row("video", m->video_codec ? num : NULL);
	print_row("cover", m->has_cover ? "yes" : NULL);
	print_row("sha256", m->sha256);
	for (i = 0; i < m->n_tags; i++) {
		snprintf(num, sizeof(num), "tag %s", m->tags[i].key);
		print_row(num, m->tags[i].value);
	}
}

int cmd_probe(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct media_info m;
	struct siar_err err = {0};
	bool json = false;
	int c, i, failed = 0;

	(void)ctx;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help();
		if (c != 'j')
			return cli_usage(usage);
		json = true;
	}
	if (optind >= argc) {
		cli_error("probe: give at least one FILE");
		return cli_usage(usage);
	}
	for (i = optind; i < argc; i++) {
		media_info_init(&m);
		siar_err_clear(&err);
		if (media_probe(argv[i], &m, &err)) {
			cli_report(&err);
			failed++;
		} else if (json) {
			failed += cli_print_json(cli_media_json(&m), true) != 0;
		} else {
			print_table(&m);
		}
		media_info_release(&m);
		fflush(stdout);
	}
	return failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
