/*
 * siar probe: measure media files and print what was measured, as a
 * readable block per file or one JSON object per line. Nothing is stored.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../media/media.h"

static const char usage[] = "probe [--json] FILE...";

static int print_help(void)
{
	printf("usage: siar %s\n\n"
	       "Measure each FILE (duration, type, codecs, size, SHA-256, "
	       "tags) without\nadding it to the catalogue.\n\n"
	       "  --json             one JSON object per file, one per line\n"
	       "  --loudness         also measure EBU R128 loudness (a full "
	       "decode: slower)\n",
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
	snprintf(num, sizeof(num), "%s, %dx%d, %lld bytes%s",
		 m->cover.mime ? m->cover.mime : "other", m->cover.width,
		 m->cover.height, (long long)m->cover.size_bytes,
		 m->cover.apple_ok ? "" : " (not Apple's 1400-3000 px square)");
	print_row("cover", m->cover.present ? num : NULL);
	for (i = 0; i < m->n_chapters; i++) {
		cli_format_duration(m->chapters[i].start_ms, dur, sizeof(dur));
		snprintf(num, sizeof(num), "chapter %zu", i + 1);
		printf("  %-16s %s %s\n", num, dur,
		       m->chapters[i].title ? m->chapters[i].title : "");
	}
	print_row("sha256", m->sha256);
	for (i = 0; i < m->n_tags; i++) {
		snprintf(num, sizeof(num), "tag %s", m->tags[i].key);
		print_row(num, m->tags[i].value);
	}
}

struct probe_state {
	bool json;
	bool loudness;
	size_t failed;
};

static void print_loudness(const struct media_loudness *l)
{
	printf("  %-16s %.1f LUFS, range %.1f LU, true peak %.1f dBTP\n",
	       "loudness", l->integrated_lufs, l->range_lu, l->true_peak_dbtp);
}

/* Print one result; with --loudness, measure it first. */
static int print_result(size_t index, const char *path, int rc,
			const struct media_info *m,
			const struct siar_err *perr, void *ctx,
			struct siar_err *stop_err)
{
	struct probe_state *st = ctx;
	struct media_loudness loud;
	struct siar_err err = {0};
	json_t *j;

	(void)index;
	(void)stop_err;
	if (!rc && st->loudness)
		rc = media_loudness_measure(path, &loud, &err);
	if (rc) {
		cli_report(perr->code ? perr : &err);
		st->failed++;
		return SIAR_OK;
	}
	if (st->json) {
		j = cli_media_json(m);
		if (j && st->loudness)
			json_object_set_new(j, "loudness",
					    cli_loudness_json(&loud));
		st->failed += cli_print_json(j, true) != 0;
	} else {
		print_table(m);
		if (st->loudness)
			print_loudness(&loud);
	}
	fflush(stdout);
	return SIAR_OK;
}

int cmd_probe(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'j'},
		{"loudness", no_argument, NULL, 'l'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct probe_state st = {false, false, 0};
	struct siar_err err = {0};
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	int c;

	(void)ctx;
	optind = 0;
	while ((c = cli_getopt(argc, argv, ":h", opts)) != -1) {
		if (c == 'h')
			return print_help();
		else if (c == 'j')
			st.json = true;
		else if (c == 'l')
			st.loudness = true;
		else
			return cli_usage(usage);
	}
	if (optind >= argc) {
		cli_error("probe: give at least one FILE");
		return cli_usage(usage);
	}
	if (media_probe_batch(argv + optind, (size_t)(argc - optind),
			      cores > 1 ? (unsigned)cores : 1, print_result,
			      &st, &err)) {
		cli_report(&err);
		return CLI_EXIT_FAIL;
	}
	return st.failed ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
