/*
 * media_loudness_measure() and media_poster_save(): the part of media/ that
 * decodes. media.c only reads containers; both functions here open the file
 * the same safe way and pick the stream media_probe() reports on
 * (media_input_* and media_choose_stream(), see media_int.h), then decode
 * with libavcodec and filter with libavfilter.
 *
 * Loudness comes from libavfilter's ebur128 filter, the code behind
 * 'ffmpeg -af ebur128=peak=true', so our figures agree with the ones users
 * check them against. A poster is one decoded frame, turned upright the way
 * the ffmpeg tool turns it, and encoded as JPEG by libavcodec.
 *
 * Nothing here prints: whether libavfilter's own messages (the ebur128
 * summary is logged at AV_LOG_INFO) appear is the caller's av_log level,
 * set once by media_global_init().
 */
#include "media.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libavcodec/avcodec.h>
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>

#include "media_int.h"

/*
 * A full decode with true-peak oversampling runs at about three minutes of
 * audio a second here, so an hour takes some 20 s. The limit only has to
 * stop a file that makes a demuxer go round in circles; it leaves room
 * for a slow machine and a programme of many hours. media.h states the
 * figure (media_loudness_measure()): change it there too.
 */
#define MEDIA_LOUDNESS_TIMEOUT_S 900

/*
 * More decoded audio than this is not a podcast but a broken file. media.h
 * states this figure too.
 */
#define MEDIA_LOUDNESS_MAX_S (24 * 3600)

/*
 * ebur128 finds true peaks by resampling to 192 kHz and taking the largest
 * sample. It publishes them only as "%.3f" text, which is 0.1 dB off below
 * about -27 dBTP, so we do the same resampling ourselves and keep the
 * number (see loudness_spec).
 */
#define MEDIA_TRUE_PEAK_RATE 192000

/*
 * What digital silence measures as. ebur128 gates out every block below
 * -70 LUFS and then reports -70 itself, as 'ffmpeg' prints it; a peak of
 * zero would be -inf dBTP, which neither the catalogue nor JSON can hold,
 * so it is raised to below the smallest step of 24-bit audio (-138 dB).
 * media.h promises both figures.
 */
#define MEDIA_SILENCE_LUFS    -70.0
#define MEDIA_PEAK_FLOOR_DBTP -144.0

/* The first moment tried for an automatic poster: past most fade-ins. */
#define MEDIA_POSTER_FIRST_S 3.0

/*
 * A frame whose mean luma (0-255, full range) is below this is black; one
 * whose luma varies by less than this standard deviation is blank (a fade,
 * a flat title background).
 */
#define MEDIA_POSTER_BLACK_MEAN	 20.0
#define MEDIA_POSTER_BLANK_STDEV 5.0

/* mjpeg's quantiser scale: 2 is near lossless, 31 is mush. */
#define MEDIA_POSTER_QSCALE 3

/* No video plays for 30 years; anything later is past any end. */
#define MEDIA_POSTER_MAX_S 1e9

/* Slack when a frame's time is compared with the time asked for. */
#define MEDIA_TIME_EPSILON_S 1e-6

/* An open file, its chosen stream and a decoder for it. */
struct media_dec {
	struct media_input in; /* must not move: libavformat reads via it */
	AVCodecContext *dec;
	AVPacket *pkt;
	AVFrame *frame;
	int index; /* the chosen stream */
	bool eof;  /* no more packets; the decoder is draining */
};

/* A filter graph from one buffer source to one buffer sink. */
struct media_graph {
	AVFilterGraph *graph;
	AVFilterContext *src;  /* "buffer" or "abuffer", set up last */
	AVFilterContext *sink; /* "buffersink" or "abuffersink" */
	const char *shown;     /* the file, for messages */
};

/* What the loudness graph has reported so far. */
struct loudness_run {
	struct media_graph g; /* g.graph is NULL until the first frame */
	AVFrame *out;
	double integrated_lufs;
	double range_lu;
	double peak;	 /* linear, the largest of any channel */
	int64_t samples; /* decoded so far, per channel */
};

/* A candidate poster: an upright picture, its time and luma spread. */
struct poster_pick {
	AVFrame *pic; /* full-range YUV 4:2:0 */
	double at_seconds;
	double end_seconds; /* when the next frame is due, if known */
	double mean;
	double stdev;
};

/* Our code for a failure inside libavcodec or libavfilter. */
static enum siar_rc decode_rc(int av)
{
	return av == AVERROR(ENOMEM) ? SIAR_ENOMEM : SIAR_EMEDIA;
}

/* Open a decoder for stream d->index. */
static int open_decoder(struct media_dec *d, struct siar_err *err)
{
	const AVStream *st = d->in.fmt->streams[d->index];
	const AVCodec *codec = avcodec_find_decoder(st->codecpar->codec_id);
	int av;

	if (!codec)
		return siar_err_set(
		    err, SIAR_EMEDIA, "cannot decode '%s': no decoder for %s",
		    d->in.shown, avcodec_get_name(st->codecpar->codec_id));
	d->dec = avcodec_alloc_context3(codec);
	d->pkt = av_packet_alloc();
	d->frame = av_frame_alloc();
	if (!d->dec || !d->pkt || !d->frame)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	av = avcodec_parameters_to_context(d->dec, st->codecpar);
	if (av >= 0) {
		d->dec->pkt_timebase = st->time_base;
		av = avcodec_open2(d->dec, codec, NULL);
	}
	if (av < 0)
		return media_err_av(err, decode_rc(av), av,
				    "cannot decode '%s'", d->in.shown);
	return SIAR_OK;
}

/*
 * Open 'path', choose its stream of 'type' and open a decoder for it.
 * Close 'd' with dec_close() whatever this returns.
 *
 * Audio is decoded in full (loudness), so it gets MEDIA_LOUDNESS_TIMEOUT_S;
 * video only up to a few frames (a poster), which fits in the time a
 * probe is allowed.
 */
static int dec_open(struct media_dec *d, const char *path,
		    enum AVMediaType type, struct siar_err *err)
{
	bool audio = type == AVMEDIA_TYPE_AUDIO;
	int64_t timeout_s =
	    audio ? MEDIA_LOUDNESS_TIMEOUT_S : MEDIA_PROBE_TIMEOUT_S;
	unsigned int i;
	int rc;

	rc = media_input_open(&d->in, path, timeout_s * AV_TIME_BASE, err);
	if (!rc)
		rc = media_input_demux(&d->in, true, err);
	if (rc)
		return rc;
	d->index = media_choose_stream(d->in.fmt, type);
	if (d->index < 0)
		return siar_err_set(err, SIAR_EMEDIA, "'%s' has no %s",
				    d->in.shown, audio ? "audio" : "video");
	/* The demuxer can drop the other streams' packets unread. */
	for (i = 0; i < d->in.fmt->nb_streams; i++) {
		if ((int)i != d->index)
			d->in.fmt->streams[i]->discard = AVDISCARD_ALL;
	}
	return open_decoder(d, err);
}

static void dec_close(struct media_dec *d)
{
	avcodec_free_context(&d->dec);
	av_packet_free(&d->pkt);
	av_frame_free(&d->frame);
	media_input_close(&d->in);
}

/*
 * Read the next packet of the chosen stream into d->pkt, or set d->eof.
 *
 * Like the ffmpeg tool, a damaged or truncated tail ends the stream rather
 * than failing the file: what could be read is still measured. Running out
 * of time, memory or disk is an error.
 */
static int next_packet(struct media_dec *d, struct siar_err *err)
{
	int av;

	for (;;) {
		if (media_input_expired(&d->in))
			return media_input_timeout(&d->in, err);
		av = av_read_frame(d->in.fmt, d->pkt);
		if (av == AVERROR_EXIT ||
		    (av < 0 && media_input_expired(&d->in)))
			return media_input_timeout(&d->in, err);
		if (av == AVERROR(ENOMEM) || av == AVERROR(EIO))
			return media_err_av(
			    err, av == AVERROR(EIO) ? SIAR_EIO : SIAR_ENOMEM,
			    av, "cannot read '%s'", d->in.shown);
		if (av < 0) {
			d->eof = true;
			return SIAR_OK;
		}
		if (d->pkt->stream_index == d->index)
			return SIAR_OK;
		av_packet_unref(d->pkt);
	}
}

/*
 * Decode the next frame into d->frame. '*got' is false once the decoder
 * has given everything. A packet the decoder rejects as damaged is skipped,
 * as players skip it.
 */
static int next_frame(struct media_dec *d, bool *got, struct siar_err *err)
{
	int av, rc;

	*got = false;
	for (;;) {
		if (media_input_expired(&d->in))
			return media_input_timeout(&d->in, err);
		av = avcodec_receive_frame(d->dec, d->frame);
		if (av >= 0) {
			*got = true;
			return SIAR_OK;
		}
		if (av == AVERROR_EOF)
			return SIAR_OK;
		if (av == AVERROR(ENOMEM))
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		if (d->eof && av == AVERROR(EAGAIN))
			return SIAR_OK;
		if (d->eof)
			continue;
		rc = next_packet(d, err);
		if (rc)
			return rc;
		av = avcodec_send_packet(d->dec, d->eof ? NULL : d->pkt);
		av_packet_unref(d->pkt);
		if (av == AVERROR(ENOMEM))
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
}

/* After a seek: drop what the decoder holds from before it. */
static void dec_rewind(struct media_dec *d)
{
	avcodec_flush_buffers(d->dec);
	d->eof = false;
}

/* ---- Filter graphs --------------------------------------------------- */

/* Add filter 'name' to 'g' as '*ctx', not yet initialised. */
static int filter_new(struct media_graph *g, const char *name,
		      AVFilterContext **ctx, struct siar_err *err)
{
	const AVFilter *filter = avfilter_get_by_name(name);

	if (!filter)
		return siar_err_set(err, SIAR_EMEDIA,
				    "libavfilter has no '%s' filter", name);
	*ctx = avfilter_graph_alloc_filter(g->graph, filter, name);
	if (!*ctx)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/*
 * Start 'g' with a source and a sink that takes only format 'fmt' (an
 * AVSampleFormat, or an AVPixelFormat when 'video'). Free 'g' with
 * graph_free() whatever this returns.
 */
static int graph_start(struct media_graph *g, bool video, int fmt,
		       struct siar_err *err)
{
	const int fmts[] = {fmt, -1}; /* both "none" formats are -1 */
	int av, rc;

	g->graph = avfilter_graph_alloc();
	if (!g->graph)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	g->graph->nb_threads = 1;
	rc = filter_new(g, video ? "buffer" : "abuffer", &g->src, err);
	if (!rc)
		rc = filter_new(g, video ? "buffersink" : "abuffersink",
				&g->sink, err);
	if (rc)
		return rc;
	av = av_opt_set_int_list(g->sink, video ? "pix_fmts" : "sample_fmts",
				 fmts, -1, AV_OPT_SEARCH_CHILDREN);
	if (av >= 0)
		av = avfilter_init_str(g->sink, NULL);
	if (av < 0)
		return media_err_av(err, decode_rc(av), av,
				    "cannot filter '%s'", g->shown);
	return SIAR_OK;
}

/*
 * Set up the source of 'g' with 'par' (whose channel layout is borrowed:
 * it is copied), connect it through the filters of 'spec' to the sink and
 * configure the graph.
 */
static int graph_finish(struct media_graph *g, AVBufferSrcParameters *par,
			const char *spec, struct siar_err *err)
{
	AVFilterInOut *outputs = avfilter_inout_alloc();
	AVFilterInOut *inputs = avfilter_inout_alloc();
	int av;

	if (!outputs || !inputs) {
		av = AVERROR(ENOMEM);
		goto out;
	}
	av = av_buffersrc_parameters_set(g->src, par);
	if (av >= 0)
		av = avfilter_init_str(g->src, NULL);
	if (av < 0)
		goto out;
	outputs->name = av_strdup("in");
	outputs->filter_ctx = g->src;
	inputs->name = av_strdup("out");
	inputs->filter_ctx = g->sink;
	if (!outputs->name || !inputs->name) {
		av = AVERROR(ENOMEM);
		goto out;
	}
	av = avfilter_graph_parse_ptr(g->graph, spec, &inputs, &outputs, NULL);
	if (av >= 0)
		av = avfilter_graph_config(g->graph, NULL);
out:
	avfilter_inout_free(&inputs);
	avfilter_inout_free(&outputs);
	if (av < 0)
		return media_err_av(err, decode_rc(av), av,
				    "cannot filter '%s' through '%s'", g->shown,
				    spec);
	return SIAR_OK;
}

/* Free what 'g' holds; safe on a graph never started. */
static void graph_free(struct media_graph *g)
{
	avfilter_graph_free(&g->graph);
	g->src = NULL;
	g->sink = NULL;
}

/* ---- Loudness -------------------------------------------------------- */

/*
 * The loudness graph. ebur128 needs doubles; it passes the audio through
 * unchanged with its running figures attached as frame metadata, and the
 * resampler after it is the oversampling ebur128 does for true peaks.
 * framelog=verbose keeps its per-100 ms lines out of AV_LOG_INFO.
 */
static const char loudness_spec[] =
    "aformat=sample_fmts=dbl,"
    "ebur128=metadata=1:framelog=verbose,"
    "aresample=" AV_STRINGIFY(MEDIA_TRUE_PEAK_RATE);

/* Build the loudness graph for audio shaped like 'frame'. */
static int loudness_graph(struct loudness_run *run, const AVFrame *frame,
			  struct siar_err *err)
{
	AVBufferSrcParameters *par = av_buffersrc_parameters_alloc();
	AVChannelLayout guess = {0};
	int rc;

	if (!par)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	rc = graph_start(&run->g, false, AV_SAMPLE_FMT_DBL, err);
	if (rc)
		goto out;
	par->format = frame->format;
	par->sample_rate = frame->sample_rate;
	par->time_base = (AVRational){1, frame->sample_rate};
	par->ch_layout = frame->ch_layout;
	/*
	 * A WAV without a channel mask says only how many channels it has.
	 * The filters need a layout (ebur128 weights channels by it), so
	 * take the usual one for that many, as the ffmpeg tool does; the
	 * source gives it to each frame that comes without one.
	 */
	if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) {
		av_channel_layout_default(&guess, frame->ch_layout.nb_channels);
		par->ch_layout = guess;
	}
	rc = graph_finish(&run->g, par, loudness_spec, err);
out:
	av_channel_layout_uninit(&guess);
	av_free(par);
	return rc;
}

/* Store the number under 'key' of 'meta' in '*value', if there is one. */
static void meta_number(const AVDictionary *meta, const char *key,
			double *value)
{
	const AVDictionaryEntry *e = av_dict_get(meta, key, NULL, 0);
	char *end;
	double v;

	if (!e)
		return;
	errno = 0;
	v = strtod(e->value, &end);
	if (end != e->value && !*end && !errno && isfinite(v))
		*value = v;
}

/* Take in one oversampled frame: its ebur128 figures and its peak. */
static void loudness_take(struct loudness_run *run, const AVFrame *f)
{
	const double *s = (const double *)(const void *)f->data[0];
	size_t n = (size_t)f->nb_samples * (size_t)f->ch_layout.nb_channels;
	size_t i;

	meta_number(f->metadata, "lavfi.r128.I", &run->integrated_lufs);
	meta_number(f->metadata, "lavfi.r128.LRA", &run->range_lu);
	/* Packed doubles (the sink accepts nothing else): one plane. */
	for (i = 0; i < n; i++) {
		if (fabs(s[i]) > run->peak)
			run->peak = fabs(s[i]);
	}
}

/* Take every frame the graph has ready. */
static int loudness_drain(struct loudness_run *run, struct siar_err *err)
{
	int av;

	for (;;) {
		av = av_buffersink_get_frame(run->g.sink, run->out);
		if (av == AVERROR(EAGAIN) || av == AVERROR_EOF)
			return SIAR_OK;
		if (av < 0)
			return media_err_av(err, decode_rc(av), av,
					    "cannot measure loudness of '%s'",
					    run->g.shown);
		loudness_take(run, run->out);
		av_frame_unref(run->out);
	}
}

/*
 * Feed one decoded frame ('frame' is NULL at the end) to the graph, which
 * is built for the first. A change of sample rate or channel layout in
 * mid-stream fails in av_buffersrc_add_frame_flags().
 * NEEDSWORK: rebuild the graph instead, if such files turn up.
 */
static int loudness_feed(struct loudness_run *run, AVFrame *frame,
			 struct siar_err *err)
{
	int av, rc;

	if (!run->g.graph && !frame)
		return SIAR_OK;
	if (!run->g.graph) {
		rc = loudness_graph(run, frame, err);
		if (rc)
			return rc;
	}
	if (frame) {
		run->samples += frame->nb_samples;
		if (run->samples / frame->sample_rate > MEDIA_LOUDNESS_MAX_S)
			return siar_err_set(err, SIAR_EMEDIA,
					    "cannot measure loudness of '%s': "
					    "more than %d hours of audio",
					    run->g.shown,
					    MEDIA_LOUDNESS_MAX_S / 3600);
	}
	av = av_buffersrc_add_frame_flags(run->g.src, frame, 0);
	if (av < 0)
		return media_err_av(err, decode_rc(av), av,
				    "cannot measure loudness of '%s'",
				    run->g.shown);
	return loudness_drain(run, err);
}

/* Decode the chosen audio stream of 'd' to the end through the graph. */
static int loudness_run(struct media_dec *d, struct loudness_run *run,
			struct siar_err *err)
{
	bool got;
	int rc;

	for (;;) {
		rc = next_frame(d, &got, err);
		if (rc)
			return rc;
		if (!got)
			break;
		/* A frame without samples would divide by its zero rate. */
		if (d->frame->nb_samples > 0 && d->frame->sample_rate > 0)
			rc = loudness_feed(run, d->frame, err);
		av_frame_unref(d->frame);
		if (rc)
			return rc;
	}
	if (!run->g.graph)
		return siar_err_set(err, SIAR_EMEDIA,
				    "cannot decode any audio of '%s'",
				    d->in.shown);
	return loudness_feed(run, NULL, err);
}

/*
 * The figures are ebur128's own: a programme shorter than one 400 ms block
 * or entirely below its -70 LUFS gate keeps its initial -70 LUFS and 0 LU.
 */
int media_loudness_measure(const char *path, struct media_loudness *out,
			   struct siar_err *err)
{
	struct media_dec d = {.index = -1};
	struct loudness_run run = {.integrated_lufs = MEDIA_SILENCE_LUFS};
	int rc;

	rc = dec_open(&d, path, AVMEDIA_TYPE_AUDIO, err);
	if (rc)
		goto out;
	run.g.shown = d.in.shown;
	run.out = av_frame_alloc();
	if (!run.out) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	rc = loudness_run(&d, &run, err);
	if (rc)
		goto out;
	out->integrated_lufs = run.integrated_lufs;
	out->range_lu = run.range_lu;
	out->true_peak_dbtp = run.peak > 0 ? 20 * log10(run.peak) : -INFINITY;
	if (out->true_peak_dbtp < MEDIA_PEAK_FLOOR_DBTP)
		out->true_peak_dbtp = MEDIA_PEAK_FLOOR_DBTP;
out:
	graph_free(&run.g);
	av_frame_free(&run.out);
	dec_close(&d);
	return rc;
}

/* ---- Posters --------------------------------------------------------- */

/*
 * Full-range YUV 4:2:0, the JPEG way. The yuvj420p format says the same
 * but is deprecated, and swscale warns each time it meets it.
 */
#define MEDIA_TO_JPEG "scale=out_range=full"

/*
 * The filters that turn stream 'st' upright and into MEDIA_TO_JPEG: for
 * the display matrix, what the ffmpeg tool inserts (fftools'
 * get_rotation() and the transpose, hflip and vflip it picks), so a poster
 * looks like 'ffmpeg -i' shows the video. Angles other than quarter turns
 * are left alone.
 * NEEDSWORK: rotate by any angle, and stretch non-square pixels.
 */
static const char *upright_spec(const AVStream *st)
{
	const int32_t *m = media_display_matrix(st);
	double theta;

	if (!m)
		return MEDIA_TO_JPEG;
	theta = av_display_rotation_get(m);
	if (isnan(theta))
		return MEDIA_TO_JPEG;
	theta = -round(theta);
	theta -= 360 * floor(theta / 360 + 0.9 / 360);
	if (fabs(theta - 90) < 1.0)
		return m[3] > 0 ? "transpose=cclock_flip," MEDIA_TO_JPEG
				: "transpose=clock," MEDIA_TO_JPEG;
	if (fabs(theta - 180) < 1.0) {
		if (m[0] < 0 && m[4] < 0)
			return "hflip,vflip," MEDIA_TO_JPEG;
		return m[0] < 0	  ? "hflip," MEDIA_TO_JPEG
		       : m[4] < 0 ? "vflip," MEDIA_TO_JPEG
				  : MEDIA_TO_JPEG;
	}
	if (fabs(theta - 270) < 1.0)
		return m[3] < 0 ? "transpose=clock_flip," MEDIA_TO_JPEG
				: "transpose=cclock," MEDIA_TO_JPEG;
	if (fabs(theta) < 1.0 && m[4] < 0)
		return "vflip," MEDIA_TO_JPEG;
	return MEDIA_TO_JPEG;
}

/*
 * '*pic': 'frame' turned upright and converted to full-range YUV 4:2:0,
 * what JPEG stores, by a graph made for this one frame.
 */
static int upright_picture(const struct media_dec *d, AVFrame *frame,
			   AVFrame **pic, struct siar_err *err)
{
	const AVStream *st = d->in.fmt->streams[d->index];
	struct media_graph g = {NULL, NULL, NULL, d->in.shown};
	AVBufferSrcParameters *par = av_buffersrc_parameters_alloc();
	int av, rc;

	*pic = av_frame_alloc();
	if (!par || !*pic) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	rc = graph_start(&g, true, AV_PIX_FMT_YUV420P, err);
	if (rc)
		goto out;
	par->format = frame->format;
	par->width = frame->width;
	par->height = frame->height;
	par->sample_aspect_ratio = frame->sample_aspect_ratio;
	par->time_base = st->time_base;
	rc = graph_finish(&g, par, upright_spec(st), err);
	if (rc)
		goto out;
	av = av_buffersrc_add_frame_flags(g.src, frame,
					  AV_BUFFERSRC_FLAG_KEEP_REF);
	if (av >= 0)
		av = av_buffersrc_add_frame(g.src, NULL);
	if (av >= 0)
		av = av_buffersink_get_frame(g.sink, *pic);
	if (av < 0)
		rc =
		    media_err_av(err, decode_rc(av), av,
				 "cannot convert a frame of '%s'", d->in.shown);
out:
	if (rc)
		av_frame_free(pic);
	av_free(par);
	graph_free(&g);
	return rc;
}

/* Mean and standard deviation of the luma plane of 'p->pic'. */
static void poster_measure(struct poster_pick *p)
{
	const AVFrame *f = p->pic;
	const uint8_t *row;
	uint64_t sum = 0, sum2 = 0, n;
	double var;
	int x, y;

	for (y = 0; y < f->height; y++) {
		row = f->data[0] + (ptrdiff_t)y * f->linesize[0];
		for (x = 0; x < f->width; x++) {
			sum += row[x];
			sum2 += (uint64_t)row[x] * row[x];
		}
	}
	n = (uint64_t)f->width * (uint64_t)f->height;
	p->mean = n ? (double)sum / (double)n : 0;
	var = n ? (double)sum2 / (double)n - p->mean * p->mean : 0;
	p->stdev = var > 0 ? sqrt(var) : 0;
}

/* Time of 'f' in seconds from the start of stream 'st'; NAN if unknown. */
static double frame_seconds(const AVStream *st, const AVFrame *f)
{
	int64_t ts = f->best_effort_timestamp;
	int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;

	if (ts == AV_NOPTS_VALUE)
		return NAN;
	return (double)(ts - start) * av_q2d(st->time_base);
}

/* The playing time of the video stream in seconds; < 0 if unknown. */
static double video_duration(const struct media_dec *d)
{
	const AVStream *st = d->in.fmt->streams[d->index];

	if (st->duration != AV_NOPTS_VALUE && st->duration > 0)
		return (double)st->duration * av_q2d(st->time_base);
	if (d->in.fmt->duration != AV_NOPTS_VALUE && d->in.fmt->duration > 0)
		return (double)d->in.fmt->duration / AV_TIME_BASE;
	return -1;
}

/* Seek to the key frame at or before 'at' seconds. */
static int seek_to(struct media_dec *d, double at, struct siar_err *err)
{
	const AVStream *st = d->in.fmt->streams[d->index];
	int64_t start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
	int64_t ts;
	int av;

	ts = start + av_rescale_q((int64_t)(at * AV_TIME_BASE), AV_TIME_BASE_Q,
				  st->time_base);
	av = avformat_seek_file(d->in.fmt, d->index, INT64_MIN, ts, ts, 0);
	/*
	 * A raw stream without an index may refuse; decoding forward from
	 * its first byte still finds the frame, only more slowly.
	 */
	if (av < 0)
		av = avformat_seek_file(d->in.fmt, -1, 0, 0, 0,
					AVSEEK_FLAG_BYTE);
	if (av < 0) {
		if (media_input_expired(&d->in))
			return media_input_timeout(&d->in, err);
		return media_err_av(err, SIAR_EMEDIA, av, "cannot seek in '%s'",
				    d->in.shown);
	}
	dec_rewind(d);
	return SIAR_OK;
}

/* When frame 'f' of 'st', shown at 't' s, gives way to the next. */
static double frame_end(const AVStream *st, const AVFrame *f, double t)
{
#if LIBAVUTIL_VERSION_MAJOR >= 58
	int64_t shown = f->duration;
#else
	int64_t shown = f->pkt_duration;
#endif

	return shown > 0 ? t + (double)shown * av_q2d(st->time_base) : t;
}

/*
 * Decode the first frame at or after 'at' seconds into 'p' (its picture
 * turned upright, its times). If the stream ends first, 'p' is its last
 * frame, or p->pic is NULL when nothing could be decoded.
 */
static int grab_frame(struct media_dec *d, double at, struct poster_pick *p,
		      struct siar_err *err)
{
	const AVStream *st = d->in.fmt->streams[d->index];
	AVFrame *last = av_frame_alloc();
	bool got, have = false;
	double t;
	int rc;

	p->pic = NULL;
	if (!last)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	rc = seek_to(d, at, err);
	while (!rc) {
		rc = next_frame(d, &got, err);
		if (rc || !got)
			break;
		t = frame_seconds(st, d->frame);
		/* Without a time stamp, the frame decoded is the best guess. */
		p->at_seconds = isnan(t) ? at : t;
		p->end_seconds = frame_end(st, d->frame, p->at_seconds);
		av_frame_unref(last);
		av_frame_move_ref(last, d->frame);
		have = true;
		if (isnan(t) || t >= at - MEDIA_TIME_EPSILON_S)
			break;
	}
	if (!rc && have)
		rc = upright_picture(d, last, &p->pic, err);
	av_frame_free(&last);
	return rc;
}

/* The candidate times for an automatic poster, into 't'; how many. */
static size_t poster_times(double duration, double t[4])
{
	static const double share[] = {0.10, 0.25, 0.50};
	size_t i, n = 0;

	t[n++] = MEDIA_POSTER_FIRST_S;
	if (duration <= 0) {
		t[n++] = 0;
		return n;
	}
	if (t[0] >= duration)
		t[0] = duration / 2;
	for (i = 0; i < sizeof(share) / sizeof(share[0]); i++)
		t[n++] = duration * share[i];
	return n;
}

/* True if 'p' is neither black nor blank. */
static bool poster_good(const struct poster_pick *p)
{
	return p->mean >= MEDIA_POSTER_BLACK_MEAN &&
	       p->stdev >= MEDIA_POSTER_BLANK_STDEV;
}

/*
 * Choose the poster: the first candidate frame that is neither black nor
 * blank, else the one whose luma varies most.
 */
static int poster_auto(struct media_dec *d, struct poster_pick *best,
		       struct siar_err *err)
{
	struct poster_pick p;
	double t[4];
	size_t i, n = poster_times(video_duration(d), t);
	int rc;

	for (i = 0; i < n; i++) {
		rc = grab_frame(d, t[i], &p, err);
		if (rc)
			return rc;
		if (!p.pic)
			continue;
		poster_measure(&p);
		if (!best->pic || p.stdev > best->stdev || poster_good(&p)) {
			av_frame_free(&best->pic);
			*best = p;
		} else {
			av_frame_free(&p.pic);
		}
		if (poster_good(best))
			break;
	}
	if (!best->pic)
		return siar_err_set(err, SIAR_EMEDIA,
				    "cannot decode any video of '%s'",
				    d->in.shown);
	return SIAR_OK;
}

/* The frame at 'at' seconds, which must be before the end. */
static int poster_at(struct media_dec *d, double at, struct poster_pick *p,
		     struct siar_err *err)
{
	double duration = video_duration(d);
	int rc;

	if (at >= MEDIA_POSTER_MAX_S || (duration > 0 && at >= duration))
		goto past_end;
	rc = grab_frame(d, at, p, err);
	if (rc)
		return rc;
	if (!p->pic)
		return siar_err_set(err, SIAR_EMEDIA,
				    "cannot decode any video of '%s'",
				    d->in.shown);
	/*
	 * With a known duration, the last frame is still showing at 'at'.
	 * Without one, the video ends when its last frame does.
	 */
	if (duration > 0 || p->at_seconds >= at - MEDIA_TIME_EPSILON_S ||
	    at < p->end_seconds)
		return SIAR_OK;
	duration = p->end_seconds;
	av_frame_free(&p->pic);
past_end:
	return siar_err_set(err, SIAR_EINVAL,
			    "'%s': --poster-at %g is past the end (%.1f s)",
			    d->in.shown, at, duration > 0 ? duration : 0.0);
}

/* Encode the full-range YUV 4:2:0 'pic' as one JPEG into 'pkt'. */
static int encode_jpeg(AVFrame *pic, AVPacket *pkt, const char *shown,
		       struct siar_err *err)
{
	const AVCodec *codec = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
	AVCodecContext *enc = NULL;
	int av;

	if (!codec)
		return siar_err_set(err, SIAR_EMEDIA,
				    "cannot write a poster of '%s': "
				    "libavcodec has no JPEG encoder",
				    shown);
	enc = avcodec_alloc_context3(codec);
	if (!enc)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	enc->width = pic->width;
	enc->height = pic->height;
	/* mjpeg takes plain YUV when told it is full range (MEDIA_TO_JPEG). */
	enc->pix_fmt = AV_PIX_FMT_YUV420P;
	enc->color_range = AVCOL_RANGE_JPEG;
	enc->time_base = (AVRational){1, 25};
	/* A fixed quantiser, as 'ffmpeg -q:v' sets it: on the frame too. */
	enc->flags |= AV_CODEC_FLAG_QSCALE;
	enc->global_quality = FF_QP2LAMBDA * MEDIA_POSTER_QSCALE;
	pic->quality = enc->global_quality;
	pic->pict_type = AV_PICTURE_TYPE_NONE;
	pic->pts = 0;
	av = avcodec_open2(enc, codec, NULL);
	if (av >= 0)
		av = avcodec_send_frame(enc, pic);
	if (av >= 0)
		av = avcodec_send_frame(enc, NULL);
	if (av >= 0)
		av = avcodec_receive_packet(enc, pkt);
	avcodec_free_context(&enc);
	if (av < 0)
		return media_err_av(err, decode_rc(av), av,
				    "cannot write a poster of '%s'", shown);
	return SIAR_OK;
}

/* Encode 'pic' and write it to 'out_path', atomically. */
static int poster_write(AVFrame *pic, const char *out_path, const char *shown,
			struct siar_err *err)
{
	struct siar_atomic a;
	AVPacket *pkt = av_packet_alloc();
	int rc;

	if (!pkt)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	rc = encode_jpeg(pic, pkt, shown, err);
	if (rc)
		goto out;
	rc = siar_atomic_open(&a, out_path, err);
	if (rc)
		goto out;
	if (fwrite(pkt->data, 1, (size_t)pkt->size, a.fp) !=
	    (size_t)pkt->size) {
		rc = siar_err_set(err, SIAR_EIO, "cannot write '%s': %s",
				  out_path, strerror(errno));
		siar_atomic_abort(&a);
		goto out;
	}
	rc = siar_atomic_commit(&a, err);
out:
	av_packet_free(&pkt);
	return rc;
}

int media_poster_save(const char *path, double at_seconds, const char *out_path,
		      struct media_poster *out, struct siar_err *err)
{
	struct media_dec d = {.index = -1};
	struct poster_pick pick = {NULL, 0, 0, 0, 0};
	int rc;

	rc = dec_open(&d, path, AVMEDIA_TYPE_VIDEO, err);
	if (rc)
		goto out;
	if (isnan(at_seconds)) {
		rc = siar_err_set(err, SIAR_EINVAL,
				  "'%s': the poster time is not a number",
				  d.in.shown);
		goto out;
	}
	rc = at_seconds < 0 ? poster_auto(&d, &pick, err)
			    : poster_at(&d, at_seconds, &pick, err);
	if (!rc)
		rc = poster_write(pick.pic, out_path, d.in.shown, err);
	if (!rc && out) {
		out->at_seconds = pick.at_seconds;
		out->width = pick.pic->width;
		out->height = pick.pic->height;
	}
out:
	av_frame_free(&pick.pic);
	dec_close(&d);
	return rc;
}
