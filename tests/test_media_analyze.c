/*
 * Unit tests of media/analyze.c: media_loudness_measure() and
 * media_poster_save().
 *
 * Loudness is checked against the summary the ffmpeg tool prints for
 * '-af ebur128=peak=true', on the samples scripts/make-samples.sh writes
 * into $SIAR_SAMPLES and on a few signals made here with ffmpeg's lavfi
 * sources (stereo, 5.1, very quiet, silent). Posters are decoded back with
 * the ffmpeg tool, so the test does not trust our own decoding to judge it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../media/media.h"

/* How far our loudness may be from ffmpeg's (which prints one decimal). */
#define LOUDNESS_SLACK 0.1

/* What media_loudness_measure() reports for digital silence. */
#define SILENCE_LUFS	-70.0
#define PEAK_FLOOR_DBTP -144.0

/* Size of the test videos made here. */
#define SMALL_W 160
#define SMALL_H 120

struct fixture {
	const char *samples; /* $SIAR_SAMPLES */
	char tmp[256];	     /* a scratch directory, removed at the end */
};

/*
 * Files group_setup() makes in the scratch directory. The arguments go
 * through sh -c, so filter graphs are in single quotes.
 */
static const struct made {
	const char *name;
	const char *ffmpeg_args; /* between "ffmpeg ..." and the name */
} made[] = {
    /* 4 s of black, then 4 s of colour bars; no audio. */
    {"black-then-bars.mp4",
     "-f lavfi -i 'color=c=black:s=160x120:r=25:d=4' "
     "-f lavfi -i 'testsrc2=s=160x120:r=25:d=4' "
     "-filter_complex '[0:v][1:v]concat=n=2:v=1:a=0' "
     "-c:v libx264 -preset veryfast -pix_fmt yuv420p -g 25"},
    /* Nothing but flat grey: every candidate poster is blank. */
    {"grey.mp4", "-f lavfi -i 'color=c=gray:s=160x120:r=25:d=3' "
		 "-c:v libx264 -preset veryfast -pix_fmt yuv420p"},
    {"silence.wav", "-f lavfi -i 'anullsrc=r=48000:cl=stereo' -t 3 "
		    "-c:a pcm_s16le"},
    /* Two tones at about -50 dBFS: far below where 3 decimals suffice. */
    {"quiet-stereo.wav",
     "-f lavfi -i 'aevalsrc=0.0031*sin(2*PI*440*t)|0.0017*sin(2*PI*1000*t)"
     ":s=44100:d=4' -c:a pcm_s24le"},
    /* 5.1, where ebur128 weights the surrounds and ignores LFE. */
    {"surround.flac",
     "-f lavfi -i 'aevalsrc=0.2*sin(2*PI*300*t)|0.2*sin(2*PI*500*t)|"
     "0.3*sin(2*PI*700*t)|0.5*sin(2*PI*60*t)|0.1*sin(2*PI*900*t)|"
     "0.1*sin(2*PI*1100*t):s=48000:d=4:c=5.1' -c:a flac"},
};

#define N_MADE (sizeof(made) / sizeof(made[0]))

/* "dir/name", which the caller frees. */
static char *join(const char *dir, const char *name)
{
	struct siar_buf b;
	char *s;

	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "%s/%s", dir, name);
	s = siar_buf_detach(&b);
	siar_buf_release(&b);
	assert_non_null(s);
	return s;
}

/* A sample of $SIAR_SAMPLES; the caller frees the path. */
static char *sample(void **state, const char *name)
{
	const struct fixture *fx = *state;

	return join(fx->samples, name);
}

/* A file in the scratch directory; the caller frees the path. */
static char *scratch(void **state, const char *name)
{
	const struct fixture *fx = *state;

	return join(fx->tmp, name);
}

/* Append 's' quoted for sh -c: '...' with each ' written as '\''. */
static void add_shell_quoted(struct siar_buf *b, const char *s)
{
	siar_buf_addc(b, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			siar_buf_adds(b, "'\\''");
		else
			siar_buf_addc(b, *s);
	}
	siar_buf_addc(b, '\'');
}

/*
 * Everything the shell command 'before' 'path' 'after' prints on stdout,
 * with 'path' quoted, into 'out' (initialised by the caller). Fails the
 * test if the command cannot run or fails.
 */
static void run_capture(const char *before, const char *path, const char *after,
			struct siar_buf *out)
{
	struct siar_buf cmd;
	char chunk[4096];
	size_t n;
	FILE *p;

	siar_buf_init(&cmd, 0);
	siar_buf_adds(&cmd, before);
	add_shell_quoted(&cmd, path);
	siar_buf_adds(&cmd, after);
	assert_int_equal(cmd.failed, SIAR_OK);
	p = popen(cmd.buf, "r");
	if (!p)
		fail_msg("cannot run '%s': %s", cmd.buf, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		siar_buf_add(out, chunk, n);
	if (pclose(p) != 0)
		fail_msg("'%s' failed", cmd.buf);
	assert_int_equal(out->failed, SIAR_OK);
	siar_buf_release(&cmd);
}

/* The whole of file 'path' into 'b' (initialised by the caller). */
static void read_file(const char *path, struct siar_buf *b)
{
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		fail_msg("cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		siar_buf_add(b, chunk, n);
	fclose(f);
	assert_int_equal(b->failed, SIAR_OK);
}

/* ---- Loudness -------------------------------------------------------- */

/*
 * The number after 'label' ("I:", "LRA:", "Peak:") on a line of the
 * ebur128 summary in 'text'. "-inf" (the peak of silence) parses too.
 */
static double summary_value(const char *text, const char *label)
{
	const char *summary = strstr(text, "Summary:");
	const char *line;
	char *end;
	double v;

	if (!summary)
		fail_msg("ffmpeg printed no ebur128 summary:\n%s", text);
	for (line = summary; line; line = strchr(line + 1, '\n')) {
		line += strspn(line, "\n ");
		if (strncmp(line, label, strlen(label)))
			continue;
		errno = 0;
		v = strtod(line + strlen(label), &end);
		if (errno || end == line + strlen(label))
			fail_msg("cannot read '%s' in the summary", label);
		return v;
	}
	fail_msg("no '%s' in the ebur128 summary", label);
	return 0;
}

/* What 'ffmpeg -af ebur128=peak=true' says of 'path'. */
static void ffmpeg_loudness(const char *path, struct media_loudness *l)
{
	struct siar_buf out;

	siar_buf_init(&out, 0);
	run_capture("ffmpeg -nostats -hide_banner -nostdin -i ", path,
		    " -af ebur128=peak=true -f null - 2>&1", &out);
	l->integrated_lufs = summary_value(out.buf, "I:");
	l->range_lu = summary_value(out.buf, "LRA:");
	l->true_peak_dbtp = summary_value(out.buf, "Peak:");
	siar_buf_release(&out);
}

static void assert_near(double got, double want, const char *what,
			const char *path)
{
	if (!(fabs(got - want) <= LOUDNESS_SLACK))
		fail_msg("%s of '%s': measured %.3f, ffmpeg says %.1f", what,
			 path, got, want);
}

/* Measure 'path' and compare it with ffmpeg's summary. */
static void check_loudness(const char *path)
{
	struct media_loudness got, want;
	struct siar_err err = {0};

	if (media_loudness_measure(path, &got, &err))
		fail_msg("measuring '%s': %s", path, err.msg);
	ffmpeg_loudness(path, &want);
	/* A TAP comment, so the figures show in the test log. */
	print_message("# %s: I %.3f (ffmpeg %.1f) LUFS, LRA %.3f (%.1f) LU, "
		      "peak %.3f (%.1f) dBTP\n",
		      strrchr(path, '/') + 1, got.integrated_lufs,
		      want.integrated_lufs, got.range_lu, want.range_lu,
		      got.true_peak_dbtp, want.true_peak_dbtp);
	assert_near(got.integrated_lufs, want.integrated_lufs,
		    "integrated loudness", path);
	assert_near(got.range_lu, want.range_lu, "loudness range", path);
	assert_near(got.true_peak_dbtp, want.true_peak_dbtp, "true peak", path);
}

static void loudness_matches_ffmpeg_for_mp3(void **state)
{
	char *path = sample(state, "episode-01.mp3");

	check_loudness(path);
	free(path);
}

static void loudness_matches_ffmpeg_for_opus(void **state)
{
	char *path = sample(state, "episode-04.opus");

	check_loudness(path);
	free(path);
}

static void loudness_matches_ffmpeg_for_aac_in_a_video(void **state)
{
	char *path = sample(state, "video-01.mp4");

	check_loudness(path);
	free(path);
}

static void loudness_matches_ffmpeg_for_wav_without_channel_mask(void **state)
{
	char *path = sample(state, "episode-07.wav");

	check_loudness(path);
	free(path);
}

/* Copy the first 'len' bytes of 'from' to 'to'. */
static void copy_head(const char *from, const char *to, size_t len)
{
	struct siar_buf b;
	FILE *f;

	siar_buf_init(&b, 0);
	read_file(from, &b);
	assert_true(b.len > len);
	f = fopen(to, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b.buf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	siar_buf_release(&b);
}

static void loudness_of_truncated_mp3_matches_ffmpeg(void **state)
{
	char *from = sample(state, "episode-01.mp3");
	char *path = scratch(state, "truncated.mp3");

	/* Like ffmpeg, measure what is there rather than fail. */
	copy_head(from, path, 60000);
	check_loudness(path);
	unlink(path);
	free(path);
	free(from);
}

static void loudness_matches_ffmpeg_for_quiet_stereo(void **state)
{
	char *path = scratch(state, "quiet-stereo.wav");

	check_loudness(path);
	free(path);
}

static void loudness_matches_ffmpeg_for_surround(void **state)
{
	char *path = scratch(state, "surround.flac");

	check_loudness(path);
	free(path);
}

static void loudness_of_silence_is_the_gate_and_the_peak_floor(void **state)
{
	char *path = scratch(state, "silence.wav");
	struct media_loudness got, want;
	struct siar_err err = {0};

	assert_int_equal(media_loudness_measure(path, &got, &err), SIAR_OK);
	ffmpeg_loudness(path, &want);
	assert_near(got.integrated_lufs, want.integrated_lufs,
		    "integrated loudness", path);
	assert_true(got.integrated_lufs == SILENCE_LUFS);
	assert_true(got.range_lu == 0.0);
	/* ffmpeg says -inf, which no catalogue column or JSON can hold. */
	assert_true(isinf(want.true_peak_dbtp) && want.true_peak_dbtp < 0);
	assert_true(got.true_peak_dbtp == PEAK_FLOOR_DBTP);
	free(path);
}

/* 'out' must be untouched by a failure: fill it with a marker first. */
static void mark(struct media_loudness *l)
{
	l->integrated_lufs = 1;
	l->range_lu = 2;
	l->true_peak_dbtp = 3;
}

static void assert_marked(const struct media_loudness *l)
{
	assert_true(l->integrated_lufs == 1);
	assert_true(l->range_lu == 2);
	assert_true(l->true_peak_dbtp == 3);
}

static void loudness_reports_file_without_audio(void **state)
{
	char *path = scratch(state, "black-then-bars.mp4");
	struct media_loudness l;
	struct siar_err err = {0};

	mark(&l);
	assert_int_equal(media_loudness_measure(path, &l, &err), SIAR_EMEDIA);
	assert_non_null(strstr(err.msg, "has no audio"));
	assert_non_null(strstr(err.msg, "black-then-bars.mp4"));
	assert_marked(&l);
	free(path);
}

static void loudness_reports_missing_file(void **state)
{
	char *path = scratch(state, "no-such-file.mp3");
	struct media_loudness l;
	struct siar_err err = {0};

	mark(&l);
	assert_int_equal(media_loudness_measure(path, &l, &err), SIAR_EIO);
	assert_non_null(strstr(err.msg, "no-such-file.mp3"));
	assert_marked(&l);
	free(path);
}

static void loudness_rejects_text_file_named_mp3(void **state)
{
	char *path = sample(state, "not-audio.mp3");
	struct media_loudness l;
	struct siar_err err = {0};

	mark(&l);
	assert_int_equal(media_loudness_measure(path, &l, &err), SIAR_EMEDIA);
	assert_marked(&l);
	free(path);
}

/* ---- Posters --------------------------------------------------------- */

/*
 * Check that 'path' is one complete baseline JPEG (SOI first, EOI last, a
 * SOF0 frame header) and return the size its header gives.
 */
static void jpeg_size(const char *path, int *width, int *height)
{
	struct siar_buf b;
	const unsigned char *p;
	size_t i;

	siar_buf_init(&b, 0);
	read_file(path, &b);
	p = (const unsigned char *)b.buf;
	assert_true(b.len > 100);
	assert_true(p[0] == 0xFF && p[1] == 0xD8);
	assert_true(p[b.len - 2] == 0xFF && p[b.len - 1] == 0xD9);
	/* Segments from SOI up to SOF0, each with its 2-byte length. */
	for (i = 2; i + 9 < b.len && p[i] == 0xFF;
	     i += 2 + ((size_t)p[i + 2] << 8 | p[i + 3])) {
		if (p[i + 1] != 0xC0)
			continue;
		*height = p[i + 5] << 8 | p[i + 6];
		*width = p[i + 7] << 8 | p[i + 8];
		siar_buf_release(&b);
		return;
	}
	fail_msg("'%s' has no baseline frame header", path);
}

/* The luma of a picture, decoded by the ffmpeg tool. */
struct grey {
	struct siar_buf px; /* width * height bytes, row by row */
	int width, height;
};

/*
 * Decode 'path' (a picture when 'at' < 0, else the frame at 'at' s of a
 * video, turned upright as ffmpeg turns it) to 8-bit grey into 'g'.
 */
static void decode_grey(const char *path, double at, int width, int height,
			struct grey *g)
{
	char before[128];
	int n;

	/* The image2 demuxer gives nothing at all after -ss, even -ss 0. */
	if (at < 0)
		n = snprintf(before, sizeof(before),
			     "ffmpeg -v error -nostdin -i ");
	else
		n = snprintf(before, sizeof(before),
			     "ffmpeg -v error -nostdin -ss %.3f -i ", at);
	assert_true(n > 0 && (size_t)n < sizeof(before));
	siar_buf_init(&g->px, 0);
	g->width = width;
	g->height = height;
	run_capture(before, path, " -frames:v 1 -f rawvideo -pix_fmt gray -",
		    &g->px);
	assert_int_equal(g->px.len, (size_t)width * (size_t)height);
}

static double grey_mean(const struct grey *g)
{
	const unsigned char *p = (const unsigned char *)g->px.buf;
	double sum = 0;
	size_t i;

	for (i = 0; i < g->px.len; i++)
		sum += p[i];
	return sum / (double)g->px.len;
}

static double grey_stdev(const struct grey *g)
{
	const unsigned char *p = (const unsigned char *)g->px.buf;
	double mean = grey_mean(g), sum = 0;
	size_t i;

	for (i = 0; i < g->px.len; i++)
		sum += (p[i] - mean) * (p[i] - mean);
	return sqrt(sum / (double)g->px.len);
}

/* Mean absolute difference of 'a' and 'b', with 'b' turned by 180 deg. */
static double grey_diff(const struct grey *a, const struct grey *b, bool turn_b)
{
	const unsigned char *p = (const unsigned char *)a->px.buf;
	const unsigned char *q = (const unsigned char *)b->px.buf;
	size_t i, n = a->px.len;
	double sum = 0;

	assert_int_equal(a->px.len, b->px.len);
	for (i = 0; i < n; i++)
		sum += fabs((double)p[i] - q[turn_b ? n - 1 - i : i]);
	return sum / (double)n;
}

/* True if 'path' exists. */
static bool exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* How many entries the scratch directory holds. */
static int scratch_entries(void **state)
{
	const struct fixture *fx = *state;
	DIR *dir = opendir(fx->tmp);
	int n = 0;

	assert_non_null(dir);
	while (readdir(dir))
		n++;
	closedir(dir);
	return n;
}

static void poster_skips_black_frames(void **state)
{
	char *path = scratch(state, "black-then-bars.mp4");
	char *jpg = scratch(state, "black.jpg");
	struct media_poster p = {0, 0, 0};
	struct siar_err err = {0};
	struct grey g;
	int w = 0, h = 0;

	if (media_poster_save(path, -1, jpg, &p, &err))
		fail_msg("poster of '%s': %s", path, err.msg);
	/* The first 4 s are black: 3 s, 10% and 25% of 8 s are passed by. */
	assert_true(p.at_seconds >= 4.0 - 0.001);
	assert_int_equal(p.width, SMALL_W);
	assert_int_equal(p.height, SMALL_H);
	jpeg_size(jpg, &w, &h);
	assert_int_equal(w, SMALL_W);
	assert_int_equal(h, SMALL_H);
	decode_grey(jpg, -1, w, h, &g);
	assert_true(grey_mean(&g) > 40);
	assert_true(grey_stdev(&g) > 20);
	siar_buf_release(&g.px);
	unlink(jpg);
	free(jpg);
	free(path);
}

static void poster_of_blank_video_is_still_written(void **state)
{
	char *path = scratch(state, "grey.mp4");
	char *jpg = scratch(state, "grey.jpg");
	struct media_poster p = {0, 0, 0};
	struct siar_err err = {0};
	int w = 0, h = 0;

	if (media_poster_save(path, -1, jpg, &p, &err))
		fail_msg("poster of '%s': %s", path, err.msg);
	jpeg_size(jpg, &w, &h);
	assert_int_equal(w, SMALL_W);
	assert_int_equal(h, SMALL_H);
	assert_true(p.at_seconds >= 0 && p.at_seconds < 3);
	unlink(jpg);
	free(jpg);
	free(path);
}

static void poster_of_rotated_video_is_upright_240x320(void **state)
{
	char *path = sample(state, "video-02-rotated.mp4");
	char *jpg = scratch(state, "rotated.jpg");
	struct media_poster p = {0, 0, 0};
	struct siar_err err = {0};
	struct grey mine, ref;
	double same, turned;
	int w = 0, h = 0;

	if (media_poster_save(path, 3.0, jpg, &p, &err))
		fail_msg("poster of '%s': %s", path, err.msg);
	assert_int_equal(p.width, 240);
	assert_int_equal(p.height, 320);
	jpeg_size(jpg, &w, &h);
	assert_int_equal(w, 240);
	assert_int_equal(h, 320);
	/*
	 * A quarter turn the wrong way has the same size: compare with the
	 * frame ffmpeg shows (it applies the display matrix) and with that
	 * frame upside down.
	 */
	decode_grey(jpg, -1, w, h, &mine);
	decode_grey(path, p.at_seconds, w, h, &ref);
	same = grey_diff(&mine, &ref, false);
	turned = grey_diff(&mine, &ref, true);
	print_message("# rotated poster: %.2f from ffmpeg's frame, %.2f from "
		      "it upside down\n",
		      same, turned);
	assert_true(same < 6);
	assert_true(turned > 4 * same);
	siar_buf_release(&mine.px);
	siar_buf_release(&ref.px);
	unlink(jpg);
	free(jpg);
	free(path);
}

static void poster_at_takes_first_frame_from_that_time(void **state)
{
	char *path = sample(state, "video-01.mp4");
	char *jpg = scratch(state, "at.jpg");
	struct media_poster p = {0, 0, 0};
	struct siar_err err = {0};
	int w = 0, h = 0;

	if (media_poster_save(path, 2.5, jpg, &p, &err))
		fail_msg("poster of '%s': %s", path, err.msg);
	/* 25 frames a second: the frame at 2.52 s is the first from 2.5. */
	assert_true(p.at_seconds >= 2.5 - 0.001 && p.at_seconds < 2.5 + 0.04);
	assert_int_equal(p.width, 320);
	assert_int_equal(p.height, 240);
	jpeg_size(jpg, &w, &h);
	assert_int_equal(w, 320);
	assert_int_equal(h, 240);
	unlink(jpg);
	free(jpg);
	free(path);
}

static void poster_out_may_be_null(void **state)
{
	char *path = sample(state, "video-01.mp4");
	char *jpg = scratch(state, "null.jpg");
	struct siar_err err = {0};
	int w = 0, h = 0;

	assert_int_equal(media_poster_save(path, -1, jpg, NULL, &err), SIAR_OK);
	jpeg_size(jpg, &w, &h);
	assert_int_equal(w, 320);
	unlink(jpg);
	free(jpg);
	free(path);
}

static void poster_at_past_the_end_is_einval(void **state)
{
	char *path = sample(state, "video-01.mp4");
	char *jpg = scratch(state, "past.jpg");
	struct siar_err err = {0};
	int before = scratch_entries(state);

	assert_int_equal(media_poster_save(path, 99, jpg, NULL, &err),
			 SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "video-01.mp4"));
	assert_non_null(strstr(err.msg, "--poster-at 99 is past the end"));
	assert_false(exists(jpg));
	assert_int_equal(scratch_entries(state), before);
	free(jpg);
	free(path);
}

static void poster_failure_leaves_old_file_alone(void **state)
{
	char *path = sample(state, "video-01.mp4");
	char *jpg = scratch(state, "old.jpg");
	struct siar_err err = {0};
	struct siar_buf b;
	FILE *f = fopen(jpg, "wb");

	assert_non_null(f);
	assert_int_equal(fputs("old", f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(media_poster_save(path, 8.5, jpg, NULL, &err),
			 SIAR_EINVAL);
	siar_buf_init(&b, 0);
	read_file(jpg, &b);
	assert_string_equal(b.buf, "old");
	siar_buf_release(&b);
	/* And a success replaces it whole. */
	siar_err_clear(&err);
	assert_int_equal(media_poster_save(path, 1, jpg, NULL, &err), SIAR_OK);
	siar_buf_init(&b, 0);
	read_file(jpg, &b);
	assert_true(b.len > 100 && (unsigned char)b.buf[0] == 0xFF);
	siar_buf_release(&b);
	unlink(jpg);
	free(jpg);
	free(path);
}

static void poster_of_audio_only_file_is_emedia(void **state)
{
	/* It has cover art, which is a picture but no video. */
	char *path = sample(state, "episode-01.mp3");
	char *jpg = scratch(state, "audio.jpg");
	struct siar_err err = {0};

	assert_int_equal(media_poster_save(path, -1, jpg, NULL, &err),
			 SIAR_EMEDIA);
	assert_non_null(strstr(err.msg, "has no video"));
	assert_false(exists(jpg));
	free(jpg);
	free(path);
}

static void poster_reports_missing_file(void **state)
{
	char *path = scratch(state, "no-such-video.mp4");
	char *jpg = scratch(state, "missing.jpg");
	struct siar_err err = {0};

	assert_int_equal(media_poster_save(path, -1, jpg, NULL, &err),
			 SIAR_EIO);
	assert_false(exists(jpg));
	free(jpg);
	free(path);
}

static void poster_into_missing_folder_is_eio_and_writes_nothing(void **state)
{
	char *path = sample(state, "video-01.mp4");
	char *jpg = scratch(state, "no-such-folder/poster.jpg");
	struct siar_err err = {0};
	int before = scratch_entries(state);

	assert_int_equal(media_poster_save(path, -1, jpg, NULL, &err),
			 SIAR_EIO);
	assert_non_null(strstr(err.msg, "no-such-folder/poster.jpg"));
	assert_int_equal(scratch_entries(state), before);
	free(jpg);
	free(path);
}

/* ---- Set-up ---------------------------------------------------------- */

/* Make made[i] in the scratch directory with the ffmpeg tool. */
static int make_one(const struct fixture *fx, size_t i)
{
	struct siar_buf cmd;
	int rc;

	siar_buf_init(&cmd, 0);
	siar_buf_adds(&cmd, "ffmpeg -v error -nostdin -y ");
	siar_buf_adds(&cmd, made[i].ffmpeg_args);
	siar_buf_adds(&cmd, " -fflags +bitexact ");
	add_shell_quoted(&cmd, fx->tmp);
	siar_buf_addf(&cmd, "/%s", made[i].name);
	rc = cmd.failed ? -1 : system(cmd.buf);
	if (rc != 0)
		fprintf(stderr, "test_media_analyze: '%s' failed\n", cmd.buf);
	siar_buf_release(&cmd);
	return rc == 0 ? 0 : -1;
}

static int group_setup(void **state)
{
	static struct fixture fx;
	const char *tmpdir = getenv("TMPDIR");
	size_t i;
	int n;

	fx.samples = getenv("SIAR_SAMPLES");
	n = snprintf(fx.tmp, sizeof(fx.tmp), "%s/test_media_analyze.XXXXXX",
		     tmpdir && *tmpdir ? tmpdir : "/tmp");
	if (n < 0 || (size_t)n >= sizeof(fx.tmp) || !mkdtemp(fx.tmp)) {
		fprintf(stderr, "test_media_analyze: cannot make a scratch "
				"directory\n");
		return -1;
	}
	*state = &fx;
	for (i = 0; i < N_MADE; i++) {
		if (make_one(&fx, i))
			return -1;
	}
	media_global_init(false);
	return 0;
}

/* Remove every file in the scratch directory, then the directory. */
static int group_teardown(void **state)
{
	const struct fixture *fx = *state;
	const struct dirent *e;
	DIR *dir = opendir(fx->tmp);
	char *path;

	if (!dir)
		return -1;
	while ((e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = join(fx->tmp, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(dir);
	return rmdir(fx->tmp) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(loudness_matches_ffmpeg_for_mp3),
	    cmocka_unit_test(loudness_matches_ffmpeg_for_opus),
	    cmocka_unit_test(loudness_matches_ffmpeg_for_aac_in_a_video),
	    cmocka_unit_test(
		loudness_matches_ffmpeg_for_wav_without_channel_mask),
	    cmocka_unit_test(loudness_of_truncated_mp3_matches_ffmpeg),
	    cmocka_unit_test(loudness_matches_ffmpeg_for_quiet_stereo),
	    cmocka_unit_test(loudness_matches_ffmpeg_for_surround),
	    cmocka_unit_test(
		loudness_of_silence_is_the_gate_and_the_peak_floor),
	    cmocka_unit_test(loudness_reports_file_without_audio),
	    cmocka_unit_test(loudness_reports_missing_file),
	    cmocka_unit_test(loudness_rejects_text_file_named_mp3),
	    cmocka_unit_test(poster_skips_black_frames),
	    cmocka_unit_test(poster_of_blank_video_is_still_written),
	    cmocka_unit_test(poster_of_rotated_video_is_upright_240x320),
	    cmocka_unit_test(poster_at_takes_first_frame_from_that_time),
	    cmocka_unit_test(poster_out_may_be_null),
	    cmocka_unit_test(poster_at_past_the_end_is_einval),
	    cmocka_unit_test(poster_failure_leaves_old_file_alone),
	    cmocka_unit_test(poster_of_audio_only_file_is_emedia),
	    cmocka_unit_test(poster_reports_missing_file),
	    cmocka_unit_test(
		poster_into_missing_folder_is_eio_and_writes_nothing),
	};
	const char *samples_dir = getenv("SIAR_SAMPLES");

	/* Missing samples must fail the run, never skip it quietly. */
	if (!samples_dir || !*samples_dir) {
		fprintf(stderr, "test_media_analyze: SIAR_SAMPLES is not set; "
				"run 'bash scripts/make-samples.sh DIR' and "
				"set SIAR_SAMPLES=DIR\n");
		printf("not ok 1 - SIAR_SAMPLES is not set\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
