/*
 * media_probe(): measure one file with libavformat and OpenSSL.
 *
 * The file is opened once by us (to tell a missing file from an empty one
 * and to hash it) and once by libavformat. Durations come from the container
 * only where its figure is exact (MP4/MOV, FLAC with a sample count in
 * STREAMINFO, WAV); everywhere else libavformat's duration may be a guess
 * from the bitrate or a header that lies, so we walk every packet of the
 * chosen streams instead. Nothing is decoded.
 *
 * Choosing what to store, and storing it, is left to cli/ and catalog/.
 */
#include "media.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libavutil/display.h>
#include <openssl/evp.h>

/* Hash reads: big enough to keep syscalls rare, small enough for any heap. */
#define MEDIA_READ_CHUNK ((size_t)64 * 1024)

/* libavformat's name for the ISO base media family. */
#define MEDIA_MOV_FAMILY "mov,mp4,m4a,3gp,3g2,mj2"

/*
 * Timestamps beyond this are treated as garbage: summing two of them still
 * fits in int64_t, so a hostile file cannot make the scan overflow.
 */
#define MEDIA_TS_LIMIT (INT64_C(1) << 61)

/* The streams media_probe() reports on; -1 where there is none. */
struct media_sel {
	int audio;
	int video;
};

/* What the packet scan has learnt about one stream, in its time base. */
struct scan_stream {
	int index;	 /* -1 when unused */
	bool seen;	 /* at least one packet */
	int64_t first;	 /* smallest timestamp */
	int64_t end;	 /* largest timestamp + kept duration */
	int64_t next;	 /* where a packet without timestamps starts */
	int64_t skip;	 /* leading samples the decoder drops */
	int64_t longest; /* longest untrimmed packet duration */
	int64_t bytes;
};

void media_info_init(struct media_info *info)
{
	memset(info, 0, sizeof(*info));
	info->kind = MEDIA_KIND_AUDIO;
}

void media_info_release(struct media_info *info)
{
	size_t i;

	free(info->path);
	free(info->container);
	free(info->mime);
	free(info->duration_method);
	free(info->audio_codec);
	free(info->video_codec);
	for (i = 0; i < info->n_tags; i++) {
		free(info->tags[i].key);
		free(info->tags[i].value);
	}
	free(info->tags);
	media_info_init(info);
}

const char *media_info_tag(const struct media_info *info, const char *key)
{
	size_t i;

	for (i = 0; i < info->n_tags; i++) {
		if (!strcmp(info->tags[i].key, key))
			return info->tags[i].value;
	}
	return NULL;
}

const char *media_kind_name(enum media_kind kind)
{
	switch (kind) {
	case MEDIA_KIND_AUDIO:
		return "audio";
	case MEDIA_KIND_VIDEO:
		return "video";
	}
	return "audio";
}

void media_global_init(bool verbose)
{
	av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_QUIET);
}

/* siar_err_set() with ": <libav's text for 'av'>" appended. */
static int media_err_av(struct siar_err *err, enum siar_rc code, int av,
			const char *fmt, ...) SIAR_PRINTF(4, 5);

static int media_err_av(struct siar_err *err, enum siar_rc code, int av,
			const char *fmt, ...)
{
	char what[SIAR_ERR_MAX];
	char why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (av_strerror(av, why, sizeof(why)) < 0)
		snprintf(why, sizeof(why), "libav error %d", av);
	return siar_err_set(err, code, "%s: %s", what, why);
}

/*
 * Open 'path' for reading and check that it is a non-empty regular file.
 * On success '*fd' is open and '*size' holds its length; on failure '*fd'
 * is -1.
 */
static int open_file(const char *path, int *fd, int64_t *size,
		     struct siar_err *err)
{
	struct stat st;
	int rc = SIAR_OK;

	*fd = open(path, O_RDONLY | O_CLOEXEC);
	if (*fd < 0)
		return siar_err_set(err, SIAR_EIO, "cannot open '%s': %s", path,
				    strerror(errno));
	if (fstat(*fd, &st) < 0)
		rc = siar_err_set(err, SIAR_EIO, "cannot read '%s': %s", path,
				  strerror(errno));
	else if (S_ISDIR(st.st_mode))
		rc = siar_err_set(err, SIAR_EIO, "cannot read '%s': %s", path,
				  strerror(EISDIR));
	else if (!S_ISREG(st.st_mode))
		/*
		 * A pipe or device would be consumed by the hash and leave
		 * nothing for libavformat.
		 */
		rc = siar_err_set(err, SIAR_EIO,
				  "cannot read '%s': not a regular file", path);
	else if (st.st_size == 0)
		rc = siar_err_set(err, SIAR_EMEDIA, "'%s' is empty", path);
	if (rc) {
		close(*fd);
		*fd = -1;
		return rc;
	}
	*size = (int64_t)st.st_size;
	return SIAR_OK;
}

/* read() that retries when a signal interrupts it. */
static ssize_t read_retry(int fd, void *buf, size_t len)
{
	ssize_t n;

	do {
		n = read(fd, buf, len);
	} while (n < 0 && errno == EINTR);
	return n;
}

/* Feed everything left in 'fd' to 'ctx', 64 KiB at a time. */
static int hash_feed(int fd, EVP_MD_CTX *ctx, const char *path,
		     struct siar_err *err)
{
	unsigned char *chunk;
	ssize_t n;
	int rc = SIAR_OK;

	chunk = malloc(MEDIA_READ_CHUNK);
	if (!chunk)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	for (;;) {
		n = read_retry(fd, chunk, MEDIA_READ_CHUNK);
		if (n < 0) {
			rc = siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
					  path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		if (!EVP_DigestUpdate(ctx, chunk, (size_t)n)) {
			rc = siar_err_set(err, SIAR_EIO,
					  "cannot hash '%s': OpenSSL failed",
					  path);
			break;
		}
	}
	free(chunk);
	return rc;
}

/* SHA-256 of the rest of 'fd' as 64 lowercase hex digits in 'hex'. */
static int hash_file(int fd, const char *path, char hex[65],
		     struct siar_err *err)
{
	static const char digits[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int md_len = 0;
	EVP_MD_CTX *ctx;
	unsigned int i;
	int rc;

	ctx = EVP_MD_CTX_new();
	if (!ctx)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	/* EVP fails only if the OpenSSL configuration forbids SHA-256. */
	if (!EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		rc = siar_err_set(err, SIAR_EIO,
				  "cannot hash '%s': OpenSSL has no SHA-256",
				  path);
		goto out;
	}
	rc = hash_feed(fd, ctx, path, err);
	if (rc)
		goto out;
	if (!EVP_DigestFinal_ex(ctx, md, &md_len) || md_len != 32) {
		rc = siar_err_set(err, SIAR_EIO,
				  "cannot hash '%s': OpenSSL failed", path);
		goto out;
	}
	for (i = 0; i < md_len; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[64] = '\0';
out:
	EVP_MD_CTX_free(ctx);
	return rc;
}

/* Map a libavformat failure to our codes: only a few are not "bad data". */
static enum siar_rc av_rc(int av)
{
	if (av == AVERROR(ENOMEM))
		return SIAR_ENOMEM;
	if (av == AVERROR(ENOENT) || av == AVERROR(EACCES) ||
	    av == AVERROR(EIO) || av == AVERROR(EISDIR))
		return SIAR_EIO;
	return SIAR_EMEDIA;
}

/*
 * Open 'path' with libavformat and read its stream parameters.
 *
 * The path is passed as a "file:" URL: a bare name with a colon in it
 * ("ep:1.mp3") would otherwise be taken for a protocol. Only the file
 * protocol is allowed, so a playlist (HLS, concat) cannot make us fetch
 * anything from the network.
 */
static int open_format(const char *path, AVFormatContext **fmt,
		       struct siar_err *err)
{
	AVDictionary *opts = NULL;
	struct siar_buf url;
	int av, rc;

	siar_buf_init(&url, 0);
	siar_buf_adds(&url, "file:");
	siar_buf_adds(&url, path);
	rc = siar_buf_check(&url, err);
	if (rc)
		goto out;
	if (av_dict_set(&opts, "protocol_whitelist", "file", 0) < 0) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	av = avformat_open_input(fmt, url.buf, NULL, &opts);
	if (av < 0) {
		rc = media_err_av(err, av_rc(av), av,
				  "'%s' is not a media file", path);
		goto out;
	}
	av = avformat_find_stream_info(*fmt, NULL);
	if (av < 0) {
		rc = media_err_av(err, av_rc(av), av,
				  "cannot read streams of '%s'", path);
		avformat_close_input(fmt);
	}
out:
	av_dict_free(&opts);
	siar_buf_release(&url);
	return rc;
}

/* An embedded picture (cover art) rather than moving video. */
static bool is_cover(const AVStream *st)
{
	return st->disposition & AV_DISPOSITION_ATTACHED_PIC;
}

/*
 * The stream of 'type' to report, or -1: the first with a codec libav
 * knows, preferring one marked default. Cover art never counts as video.
 * av_find_best_stream() was rejected because it happily picks a cover.
 */
static int choose_stream(const AVFormatContext *fmt, enum AVMediaType type)
{
	const AVStream *st;
	int best = -1;
	unsigned int i;

	for (i = 0; i < fmt->nb_streams; i++) {
		st = fmt->streams[i];
		if (st->codecpar->codec_type != type ||
		    st->codecpar->codec_id == AV_CODEC_ID_NONE || is_cover(st))
			continue;
		if (best < 0 || (st->disposition & AV_DISPOSITION_DEFAULT &&
				 !(fmt->streams[best]->disposition &
				   AV_DISPOSITION_DEFAULT)))
			best = (int)i;
	}
	return best;
}

/* True if any stream is an attached picture. */
static bool has_cover(const AVFormatContext *fmt)
{
	unsigned int i;

	for (i = 0; i < fmt->nb_streams; i++) {
		if (is_cover(fmt->streams[i]))
			return true;
	}
	return false;
}

/* The display matrix of 'st', or NULL. */
static const int32_t *display_matrix(const AVStream *st)
{
	const uint8_t *data;
	size_t size = 0;

#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 29, 100)
	const AVPacketSideData *sd;

	/* FFmpeg 6.1 moved stream side data into codecpar. */
	sd = av_packet_side_data_get(st->codecpar->coded_side_data,
				     st->codecpar->nb_coded_side_data,
				     AV_PKT_DATA_DISPLAYMATRIX);
	data = sd ? sd->data : NULL;
	size = sd ? sd->size : 0;
#else
	data = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
#endif
	if (!data || size < 9 * sizeof(int32_t))
		return NULL;
	return (const int32_t *)(const void *)data;
}

/* True if 'st' is shown turned by a quarter turn (90 or 270 degrees). */
static bool quarter_turned(const AVStream *st)
{
	const int32_t *matrix = display_matrix(st);
	double angle;
	long deg;

	if (!matrix)
		return false;
	angle = av_display_rotation_get(matrix);
	if (isnan(angle))
		return false;
	/* Round by hand: lround() would need libm in every link line. */
	deg = (long)(angle < 0 ? angle - 0.5 : angle + 0.5);
	return deg % 180 == 90 || deg % 180 == -90;
}

static int fill_audio(const AVStream *st, struct media_info *info)
{
	const AVCodecParameters *par = st->codecpar;

	info->audio_codec = siar_strdup(avcodec_get_name(par->codec_id));
	if (!info->audio_codec)
		return SIAR_ENOMEM;
	info->sample_rate = par->sample_rate;
	info->channels = par->ch_layout.nb_channels;
	return SIAR_OK;
}

static int fill_video(const AVStream *st, struct media_info *info)
{
	const AVCodecParameters *par = st->codecpar;
	AVRational rate = st->avg_frame_rate;

	info->video_codec = siar_strdup(avcodec_get_name(par->codec_id));
	if (!info->video_codec)
		return SIAR_ENOMEM;
	info->width = par->width;
	info->height = par->height;
	if (quarter_turned(st)) {
		info->width = par->height;
		info->height = par->width;
	}
	/* Some containers (raw streams) leave the average unset. */
	if (rate.num <= 0 || rate.den <= 0)
		rate = st->r_frame_rate;
	if (rate.num > 0 && rate.den > 0)
		info->frame_rate = av_q2d(rate);
	return SIAR_OK;
}

/* True if 'path' ends in '.ext', ignoring case. */
static bool has_ext(const char *path, const char *ext)
{
	const char *dot = strrchr(path, '.');

	return dot && !strchr(dot, '/') && !strcasecmp(dot + 1, ext);
}

/*
 * MP4 family. Apple's podcast list names audio/x-m4a for .m4a files and
 * that is what podcast apps match on; any other audio-only MP4 (.mp4,
 * .m4b, ...) gets the registered audio/mp4. A QuickTime brand means .mov.
 */
static const char *mime_mov(const AVFormatContext *fmt, bool video,
			    const char *path)
{
	const AVDictionaryEntry *brand;

	if (!video)
		return has_ext(path, "m4a") ? "audio/x-m4a" : "audio/mp4";
	brand = av_dict_get(fmt->metadata, "major_brand", NULL, 0);
	if (brand && !strcmp(brand->value, "qt  "))
		return "video/quicktime";
	return "video/mp4";
}

/*
 * Matroska and WebM share one demuxer that does not say which doctype it
 * read, so the extension decides.
 * NEEDSWORK: read the EBML DocType ourselves if misnamed files turn up.
 */
static const char *mime_matroska(bool video, const char *path)
{
	if (has_ext(path, "webm"))
		return video ? "video/webm" : "audio/webm";
	return video ? "video/x-matroska" : "audio/x-matroska";
}

/*
 * The enclosure type podcast apps expect. Opus in Ogg is "audio/ogg"
 * (RFC 7845): "audio/opus" names bare Opus in RTP and many apps refuse it.
 */
static const char *mime_for(const AVFormatContext *fmt, bool video,
			    const char *path)
{
	static const struct {
		const char *container, *audio, *video;
	} table[] = {
	    {"mp3", "audio/mpeg", "video/mpeg"},
	    {"ogg", "audio/ogg", "video/ogg"},
	    {"flac", "audio/flac", "video/x-flac"},
	    {"wav", "audio/wav", "video/x-wav"},
	    {"aac", "audio/aac", "video/aac"},
	    {"aiff", "audio/aiff", "video/x-aiff"},
	    {"mpegts", "audio/mp2t", "video/mp2t"},
	    {"avi", "video/x-msvideo", "video/x-msvideo"},
	    {"asf", "audio/x-ms-wma", "video/x-ms-asf"},
	};
	const char *name = fmt->iformat->name;
	size_t i;

	if (!strcmp(name, MEDIA_MOV_FAMILY))
		return mime_mov(fmt, video, path);
	if (!strcmp(name, "matroska,webm"))
		return mime_matroska(video, path);
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (!strcmp(name, table[i].container))
			return video ? table[i].video : table[i].audio;
	}
	return "application/octet-stream";
}

/* Container, kind, MIME type, codecs and picture size. */
static int fill_streams(const AVFormatContext *fmt, const struct media_sel *sel,
			struct media_info *info)
{
	bool video = sel->video >= 0;

	info->kind = video ? MEDIA_KIND_VIDEO : MEDIA_KIND_AUDIO;
	info->has_cover = has_cover(fmt);
	info->container = siar_strdup(fmt->iformat->name);
	info->mime = siar_strdup(mime_for(fmt, video, info->path));
	if (!info->container || !info->mime)
		return SIAR_ENOMEM;
	if (sel->audio >= 0 && fill_audio(fmt->streams[sel->audio], info))
		return SIAR_ENOMEM;
	if (video && fill_video(fmt->streams[sel->video], info))
		return SIAR_ENOMEM;
	return SIAR_OK;
}

/* A copy of [s, s + len) repaired as UTF-8 without control characters. */
static char *clean_text(const char *s, bool lowercase)
{
	struct siar_buf b;
	char *out;
	size_t i;

	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, s, strlen(s), true);
	/* ASCII only: tolower() would depend on the locale. */
	for (i = 0; lowercase && i < b.len; i++) {
		if (b.buf[i] >= 'A' && b.buf[i] <= 'Z')
			b.buf[i] = (char)(b.buf[i] - 'A' + 'a');
	}
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	return out;
}

/*
 * Append the tag 'key' = 'value' unless the key is already there (the
 * container's tags come first and win) or either comes out empty.
 */
static int add_tag(struct media_info *info, const char *key, const char *value)
{
	struct media_tag *tag = &info->tags[info->n_tags];
	char *k, *v;

	k = clean_text(key, true);
	v = clean_text(value, false);
	if (!k || !v) {
		free(k);
		free(v);
		return SIAR_ENOMEM;
	}
	if (!*k || !*v || media_info_tag(info, k)) {
		free(k);
		free(v);
		return SIAR_OK;
	}
	tag->key = k;
	tag->value = v;
	info->n_tags++;
	return SIAR_OK;
}

static int add_dict(struct media_info *info, const AVDictionary *dict)
{
	const AVDictionaryEntry *e;

	for (e = av_dict_get(dict, "", NULL, AV_DICT_IGNORE_SUFFIX); e;
	     e = av_dict_get(dict, "", e, AV_DICT_IGNORE_SUFFIX)) {
		if (add_tag(info, e->key, e->value))
			return SIAR_ENOMEM;
	}
	return SIAR_OK;
}

/*
 * Tags from the container, then from the audio stream: Ogg keeps its
 * Vorbis comments on the stream, MP3 and MP4 on the container.
 */
static int fill_tags(const AVFormatContext *fmt, const struct media_sel *sel,
		     struct media_info *info)
{
	const AVDictionary *stream = NULL;
	size_t n;

	if (sel->audio >= 0)
		stream = fmt->streams[sel->audio]->metadata;
	n = (size_t)av_dict_count(fmt->metadata) +
	    (size_t)av_dict_count(stream);
	if (!n)
		return SIAR_OK;
	info->tags = calloc(n, sizeof(*info->tags));
	if (!info->tags)
		return SIAR_ENOMEM;
	if (add_dict(info, fmt->metadata) || add_dict(info, stream))
		return SIAR_ENOMEM;
	return SIAR_OK;
}

/*
 * True if libavformat's duration for this container is exact: MP4/MOV
 * (the movie header, which already accounts for edit lists), FLAC (the
 * sample count in STREAMINFO) and WAV (the data chunk size). If any of them
 * lacked the figure, libavformat fell back to a bitrate estimate, which we
 * do not take.
 */
static bool container_duration_trusted(const AVFormatContext *fmt)
{
	static const char *const trusted[] = {
	    MEDIA_MOV_FAMILY, "flac", "wav", "w64", "aiff",
	};
	size_t i;

	if (fmt->duration == AV_NOPTS_VALUE || fmt->duration <= 0 ||
	    fmt->duration_estimation_method == AVFMT_DURATION_FROM_BITRATE)
		return false;
	for (i = 0; i < sizeof(trusted) / sizeof(trusted[0]); i++) {
		if (!strcmp(fmt->iformat->name, trusted[i]))
			return true;
	}
	return false;
}

/* 'samples' at the stream's sample rate, in its time base. */
static int64_t samples_to_ts(const AVStream *st, int64_t samples)
{
	int rate = st->codecpar->sample_rate;

	if (rate <= 0)
		return 0;
	return av_rescale_q(samples, (AVRational){1, rate}, st->time_base);
}

/*
 * The decoder's trimming of 'pkt': samples dropped at the start (encoder
 * delay, Opus pre-skip) and at the end (padding after the last sample).
 */
static void packet_trim(const AVPacket *pkt, uint32_t *skip, uint32_t *discard)
{
	const uint8_t *p;
	size_t size = 0;

	*skip = 0;
	*discard = 0;
	p = av_packet_get_side_data(pkt, AV_PKT_DATA_SKIP_SAMPLES, &size);
	if (!p || size < 8)
		return;
	*skip = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		(uint32_t)p[3] << 24;
	*discard = (uint32_t)p[4] | (uint32_t)p[5] << 8 | (uint32_t)p[6] << 16 |
		   (uint32_t)p[7] << 24;
}

/*
 * How much of 'pkt' (duration 'dur') is left once the decoder drops
 * 'discard' samples from its end. Demuxers disagree on whether the packet
 * duration already excludes them: Ogg shortens the last packet's duration,
 * MP3 keeps the whole frame's. So count from the frame's real length and
 * take the smaller figure. Without decoding, libavcodec knows that length
 * only for codecs with a fixed frame size; for the rest (Opus, Vorbis) the
 * longest packet so far stands in for it, as encoders keep one frame size.
 */
static int64_t kept_duration(const AVStream *st, const AVPacket *pkt,
			     const struct scan_stream *s, int64_t dur,
			     uint32_t discard)
{
	int rate = st->codecpar->sample_rate;
	int64_t frame, keep;

	if (rate <= 0)
		return dur;
	frame = av_get_audio_frame_duration2(st->codecpar, pkt->size);
	if (frame <= 0)
		frame = av_rescale_q(FFMAX(dur, s->longest), st->time_base,
				     (AVRational){1, rate});
	keep = samples_to_ts(st, frame > discard ? frame - discard : 0);
	return keep < dur ? keep : dur;
}

/* Take one packet of a chosen stream into its running figures. */
static void scan_packet(const AVStream *st, const AVPacket *pkt,
			struct scan_stream *s)
{
	int64_t ts = pkt->pts != AV_NOPTS_VALUE ? pkt->pts : pkt->dts;
	int64_t dur = pkt->duration > 0 ? pkt->duration : 0;
	uint32_t skip, discard;

	/* Without timestamps, a packet follows the one before it. */
	if (ts == AV_NOPTS_VALUE)
		ts = s->seen ? s->next : 0;
	if (ts < -MEDIA_TS_LIMIT || ts > MEDIA_TS_LIMIT || dur > MEDIA_TS_LIMIT)
		return;
	s->next = ts + dur;
	packet_trim(pkt, &skip, &discard);
	if (skip)
		s->skip = av_sat_add64(s->skip, samples_to_ts(st, skip));
	if (discard)
		dur = kept_duration(st, pkt, s, dur, discard);
	else
		s->longest = FFMAX(s->longest, dur);
	if (!s->seen || ts < s->first)
		s->first = ts;
	if (!s->seen || ts + dur > s->end)
		s->end = ts + dur;
	s->bytes = av_sat_add64(s->bytes, pkt->size);
	s->seen = true;
}

/* A failed av_read_frame() as one of our codes. */
static enum siar_rc read_rc(int av)
{
	return av == AVERROR(ENOMEM) ? SIAR_ENOMEM : SIAR_EIO;
}

/*
 * Read every packet, keeping figures for the chosen streams in 's'.
 * Other streams are discarded by the demuxer. A damaged tail ends the scan
 * quietly, as it ends playback; a failing read does not.
 */
static int scan_read(AVFormatContext *fmt, struct scan_stream s[2],
		     const char *path, struct siar_err *err)
{
	AVPacket *pkt = av_packet_alloc();
	unsigned int i;
	int av, rc = SIAR_OK;

	if (!pkt)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	for (i = 0; i < fmt->nb_streams; i++) {
		if ((int)i != s[0].index && (int)i != s[1].index)
			fmt->streams[i]->discard = AVDISCARD_ALL;
	}
	for (;;) {
		av = av_read_frame(fmt, pkt);
		if (av == AVERROR_EOF || av == AVERROR_INVALIDDATA)
			break;
		if (av < 0) {
			/* Past the headers, only memory or the disk fail. */
			rc = media_err_av(err, read_rc(av), av,
					  "cannot read '%s'", path);
			break;
		}
		for (i = 0; i < 2; i++) {
			if (pkt->stream_index == s[i].index)
				scan_packet(fmt->streams[s[i].index], pkt,
					    &s[i]);
		}
		av_packet_unref(pkt);
	}
	av_packet_free(&pkt);
	return rc;
}

/*
 * Where the decoded stream starts, in its time base. libavformat's own
 * figure already allows for what the decoder drops at the start, including
 * the first Vorbis packet, which yields no samples and carries no skip
 * count; lacking it, the first timestamp plus the skip count.
 */
static int64_t stream_start(const AVStream *st, const struct scan_stream *s)
{
	if (st->start_time != AV_NOPTS_VALUE)
		return st->start_time;
	return av_sat_add64(s->first, s->skip);
}

/* 'ts' in the time base of 'st', in microseconds. */
static int64_t to_us(const AVStream *st, int64_t ts)
{
	return av_rescale_q(ts, st->time_base, AV_TIME_BASE_Q);
}

/*
 * Duration by walking packets: from the earliest start to the latest end
 * over the chosen streams. This is what a full decode plays.
 */
static int scan_duration(AVFormatContext *fmt, const struct media_sel *sel,
			 struct media_info *info, struct siar_err *err)
{
	struct scan_stream s[2] = {{.index = sel->audio},
				   {.index = sel->video}};
	int64_t start = INT64_MAX, end = INT64_MIN, bytes = 0, us;
	const AVStream *st;
	int i, rc;

	rc = scan_read(fmt, s, info->path, err);
	if (rc)
		return rc;
	for (i = 0; i < 2; i++) {
		if (s[i].index < 0 || !s[i].seen)
			continue;
		st = fmt->streams[s[i].index];
		start = FFMIN(start, to_us(st, stream_start(st, &s[i])));
		end = FFMAX(end, to_us(st, s[i].end));
		bytes = av_sat_add64(bytes, s[i].bytes);
	}
	us = end > start ? av_sat_sub64(end, start) : 0;
	info->duration_ms = av_rescale(us, 1000, AV_TIME_BASE);
	if (info->duration_ms > 0)
		info->bit_rate = av_rescale(bytes, 8000, info->duration_ms);
	info->duration_method = siar_strdup("packet-scan");
	if (!info->duration_method)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/* The container's duration, and its bitrate or one worked out from it. */
static int container_duration(const AVFormatContext *fmt,
			      struct media_info *info, struct siar_err *err)
{
	info->duration_ms = av_rescale(fmt->duration, 1000, AV_TIME_BASE);
	info->bit_rate = fmt->bit_rate;
	if (info->bit_rate <= 0 && info->duration_ms > 0)
		info->bit_rate =
		    av_rescale(info->size_bytes, 8000, info->duration_ms);
	info->duration_method = siar_strdup("container");
	if (!info->duration_method)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

/* Duration, and the bitrate that goes with it. */
static int fill_duration(AVFormatContext *fmt, const struct media_sel *sel,
			 struct media_info *info, struct siar_err *err)
{
	int rc;

	if (container_duration_trusted(fmt))
		rc = container_duration(fmt, info, err);
	else
		rc = scan_duration(fmt, sel, info, err);
	if (rc)
		return rc;
	/*
	 * A text file can pass for headerless MP3; it has no packets, so this
	 * is where it is caught.
	 */
	if (info->duration_ms <= 0)
		return siar_err_set(err, SIAR_EMEDIA,
				    "'%s' is not a media file: no audio or "
				    "video data",
				    info->path);
	return SIAR_OK;
}

/* Everything libavformat tells us, once the file is open. */
static int fill_info(AVFormatContext *fmt, struct media_info *info,
		     struct siar_err *err)
{
	struct media_sel sel;

	sel.audio = choose_stream(fmt, AVMEDIA_TYPE_AUDIO);
	sel.video = choose_stream(fmt, AVMEDIA_TYPE_VIDEO);
	if (sel.audio < 0 && sel.video < 0)
		return siar_err_set(err, SIAR_EMEDIA,
				    "'%s' has no audio or video stream",
				    info->path);
	if (fill_streams(fmt, &sel, info) || fill_tags(fmt, &sel, info))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return fill_duration(fmt, &sel, info, err);
}

int media_probe(const char *path, struct media_info *out, struct siar_err *err)
{
	AVFormatContext *fmt = NULL;
	struct media_info info;
	int fd = -1;
	int rc;

	media_info_init(&info);
	info.path = siar_strdup(path);
	if (!info.path) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	rc = open_file(path, &fd, &info.size_bytes, err);
	if (rc)
		goto out;
	rc = hash_file(fd, path, info.sha256, err);
	if (rc)
		goto out;
	rc = open_format(path, &fmt, err);
	if (rc)
		goto out;
	rc = fill_info(fmt, &info, err);
	if (rc)
		goto out;
	/* 'out' was empty (the caller initialised it): nothing to free. */
	*out = info;
	media_info_init(&info);
out:
	avformat_close_input(&fmt);
	if (fd >= 0)
		close(fd);
	media_info_release(&info);
	return rc;
}
