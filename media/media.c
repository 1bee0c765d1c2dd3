/*
 * media_probe() and media_cover_save(): the part of media/ that reads
 * containers with libavformat (decoding is in analyze.c, and the FFmpeg-free
 * helpers for struct media_info are in info.c).
 *
 * A file is opened once, by us: checked to be a non-empty regular file,
 * hashed (SHA-256, OpenSSL), then handed to libavformat through custom I/O
 * on the same descriptor, so libavformat never opens a path or URL itself.
 * Durations come from the container only where its figure is exact (MP4/MOV,
 * FLAC with a sample count in STREAMINFO, WAV); everywhere else libavformat's
 * duration may be a guess from the bitrate or a header that lies, so we walk
 * every packet of the chosen streams instead. Nothing is decoded.
 *
 * Every read and every packet is checked against a deadline, so no file,
 * however it is built, holds a caller for longer than MEDIA_PROBE_TIMEOUT_S.
 * There is no state outside the media_input of each call: probes may run in
 * several threads at once (see batch.c).
 *
 * The helpers media_int.h declares for analyze.c too (opening a file
 * safely, choosing its stream, reading its display matrix) live here.
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
#include <libavutil/time.h>
#include <openssl/evp.h>

#include "media_int.h"

/* Hash reads: big enough to keep syscalls rare, small enough for any heap. */
#define MEDIA_READ_CHUNK ((size_t)64 * 1024)

/* The buffer libavformat reads our descriptor through. */
#define MEDIA_IO_BUFFER (64 * 1024)

/*
 * How much avformat_find_stream_info() may read and how much playing time
 * it may look at: libavformat's defaults, written down so a change in them
 * cannot make probing slower or hungrier behind our back. They are enough
 * for every podcast format; MPEG-TS with late streams is the only thing
 * that would want more.
 */
#define MEDIA_PROBE_BYTES 5000000
#define MEDIA_ANALYZE_US  ((int64_t)5 * AV_TIME_BASE)

/* A podcast has two or three streams; a hostile file may claim thousands. */
#define MEDIA_MAX_STREAMS 256

/*
 * The protocol list libavformat may use to open further files. It names
 * no protocol, so a playlist or concat script naming other files or URLs
 * fails to open them (io_open is refused too; this covers the demuxers
 * that open nested inputs their own way).
 */
#define MEDIA_NO_PROTOCOL "none"

/* Apple Podcasts wants square art of 1400 to 3000 pixels a side. */
#define MEDIA_COVER_MIN_PX 1400
#define MEDIA_COVER_MAX_PX 3000

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

void media_global_init(bool verbose)
{
	av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_QUIET);
}

int media_err_av(struct siar_err *err, enum siar_rc code, int av,
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

/* Length of the well-formed UTF-8 sequence at 's', or 0. */
static size_t utf8_len(const unsigned char *s, size_t avail)
{
	size_t n;

	if (s[0] < 0x80)
		n = 1;
	else if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4;
	else
		return 0;
	if (n > avail || !siar_utf8_valid((const char *)s, n))
		return 0;
	return n;
}

/*
 * 'path' as it may appear in a one-line message: valid UTF-8, with each
 * control character (a newline in a file name) and each invalid byte shown
 * as '?'. A path too long for 'out' keeps its end, the file name, after
 * "...". Writes into 'out' without allocating, so it cannot fail.
 */
static void show_path(const char *path, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)path;
	size_t len = strlen(path), i = 0, o = 0, n;

	if (len > size - 1) {
		i = len - (size - 4);
		while (i < len && (p[i] & 0xC0) == 0x80)
			i++;
		memcpy(out, "...", 3);
		o = 3;
	}
	for (; i < len; i += n ? n : 1) {
		n = utf8_len(p + i, len - i);
		if (n == 1 && (p[i] < 0x20 || p[i] == 0x7F))
			n = 0;
		if (o + (n ? n : 1) >= size)
			break;
		if (n)
			memcpy(out + o, p + i, n);
		else
			out[o] = '?';
		o += n ? n : 1;
	}
	out[o] = '\0';
}

bool media_input_expired(const struct media_input *in)
{
	return in->deadline_us && av_gettime_relative() > in->deadline_us;
}

int media_input_timeout(const struct media_input *in, struct siar_err *err)
{
	return siar_err_set(
	    err, SIAR_EMEDIA, "cannot read '%s': gave up after %lld s",
	    in->shown,
	    (long long)((in->timeout_us + AV_TIME_BASE - 1) / AV_TIME_BASE));
}

/* Why the open descriptor of 'in' cannot be probed, or SIAR_OK. */
static int check_regular(struct media_input *in, struct siar_err *err)
{
	struct stat st;
	int flags;

	if (fstat(in->fd, &st) < 0)
		return siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
				    in->shown, strerror(errno));
	if (S_ISDIR(st.st_mode))
		return siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
				    in->shown, strerror(EISDIR));
	/*
	 * A FIFO or device could block or never end, and would be consumed
	 * by the hash and leave nothing for libavformat.
	 */
	if (!S_ISREG(st.st_mode))
		return siar_err_set(err, SIAR_EIO,
				    "cannot read '%s': not a regular file",
				    in->shown);
	if (st.st_size == 0)
		return siar_err_set(err, SIAR_EMEDIA, "'%s' is empty",
				    in->shown);
	flags = fcntl(in->fd, F_GETFL);
	if (flags < 0 || fcntl(in->fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
		return siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
				    in->shown, strerror(errno));
	in->size_bytes = (int64_t)st.st_size;
	return SIAR_OK;
}

int media_input_open(struct media_input *in, const char *path,
		     int64_t timeout_us, struct siar_err *err)
{
	int rc;

	memset(in, 0, sizeof(*in));
	in->fd = -1;
	in->path = path;
	in->timeout_us = timeout_us;
	if (timeout_us > 0)
		in->deadline_us = av_gettime_relative() + timeout_us;
	show_path(path, in->shown, sizeof(in->shown));
	/*
	 * O_NONBLOCK: opening a FIFO that nobody writes to would otherwise
	 * wait for a writer forever. check_regular() turns it off again.
	 */
	in->fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (in->fd < 0)
		return siar_err_set(err, SIAR_EIO, "cannot open '%s': %s",
				    in->shown, strerror(errno));
	rc = check_regular(in, err);
	if (rc)
		media_input_close(in);
	return rc;
}

/* libavformat's read callback: the next bytes of the file, by pread(). */
static int input_read(void *opaque, uint8_t *buf, int size)
{
	struct media_input *in = opaque;
	ssize_t n;

	if (media_input_expired(in))
		return AVERROR_EXIT;
	do {
		n = pread(in->fd, buf, (size_t)size, (off_t)in->pos);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return AVERROR(errno);
	if (n == 0)
		return AVERROR_EOF;
	in->pos += n;
	return (int)n;
}

/* libavformat's seek callback, including its AVSEEK_SIZE query. */
static int64_t input_seek(void *opaque, int64_t offset, int whence)
{
	struct media_input *in = opaque;
	int64_t base;

	switch (whence & ~AVSEEK_FORCE) {
	case AVSEEK_SIZE:
		return in->size_bytes;
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = in->pos;
		break;
	case SEEK_END:
		base = in->size_bytes;
		break;
	default:
		return AVERROR(EINVAL);
	}
	if (offset > MEDIA_TS_LIMIT || offset < -base)
		return AVERROR(EINVAL);
	in->pos = base + offset;
	return in->pos;
}

/* The interrupt callback: libavformat gives up once it returns 1. */
static int input_interrupted(void *opaque)
{
	return media_input_expired(opaque);
}

/* Demuxers that want another file (playlists, concat) ask here: never. */
static int refuse_open(struct AVFormatContext *s, AVIOContext **pb,
		       const char *url, int flags, AVDictionary **options)
{
	(void)s;
	(void)pb;
	(void)url;
	(void)flags;
	(void)options;
	return AVERROR(EPERM);
}

/* An AVFormatContext reading 'in' through custom I/O, with our limits. */
static int input_context(struct media_input *in, struct siar_err *err)
{
	unsigned char *buf = av_malloc(MEDIA_IO_BUFFER);

	if (!buf)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	in->pb = avio_alloc_context(buf, MEDIA_IO_BUFFER, 0, in, input_read,
				    NULL, input_seek);
	if (!in->pb) {
		av_free(buf);
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	}
	in->fmt = avformat_alloc_context();
	if (!in->fmt)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	in->fmt->pb = in->pb;
	in->fmt->flags |= AVFMT_FLAG_CUSTOM_IO;
	in->fmt->interrupt_callback.callback = input_interrupted;
	in->fmt->interrupt_callback.opaque = in;
	in->fmt->io_open = refuse_open;
	in->fmt->probesize = MEDIA_PROBE_BYTES;
	in->fmt->max_analyze_duration = MEDIA_ANALYZE_US;
	in->fmt->max_streams = MEDIA_MAX_STREAMS;
	/*
	 * For MPEG-PS/TS libavformat would read the end of the file to guess
	 * a duration we never use: the packet scan measures those formats.
	 */
	in->fmt->skip_estimate_duration_from_pts = 1;
	return SIAR_OK;
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
 * Record libavformat's failure 'av' as "<before>'<path>'<after>: <why>",
 * or as the time-out it really is.
 */
static int input_failed(const struct media_input *in, int av,
			const char *before, const char *after,
			struct siar_err *err)
{
	if (av == AVERROR_EXIT || media_input_expired(in))
		return media_input_timeout(in, err);
	return media_err_av(err, av_rc(av), av, "%s'%s'%s", before, in->shown,
			    after);
}

int media_input_demux(struct media_input *in, bool stream_info,
		      struct siar_err *err)
{
	AVDictionary *opts = NULL;
	int av, rc;

	in->pos = 0;
	rc = input_context(in, err);
	if (rc)
		goto fail;
	av = av_dict_set(&opts, "protocol_whitelist", MEDIA_NO_PROTOCOL, 0);
	if (av < 0) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto fail;
	}
	/*
	 * Nothing opens the path: libavformat only uses its extension as a
	 * hint when it tells formats apart.
	 */
	av = avformat_open_input(&in->fmt, in->path, NULL, &opts);
	if (av < 0) {
		rc = input_failed(in, av, "", " is not a media file", err);
		goto fail;
	}
	av = stream_info ? avformat_find_stream_info(in->fmt, NULL) : 0;
	if (av < 0) {
		rc = input_failed(in, av, "cannot read streams of ", "", err);
		goto fail;
	}
	av_dict_free(&opts);
	return SIAR_OK;
fail:
	av_dict_free(&opts);
	avformat_close_input(&in->fmt);
	return rc;
}

void media_input_close(struct media_input *in)
{
	avformat_close_input(&in->fmt);
	/* With custom I/O the buffer and context are ours to free. */
	if (in->pb)
		av_freep(&in->pb->buffer);
	avio_context_free(&in->pb);
	if (in->fd >= 0)
		close(in->fd);
	in->fd = -1;
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

/* Feed everything left in the file to 'ctx', 64 KiB at a time. */
static int hash_feed(const struct media_input *in, EVP_MD_CTX *ctx,
		     struct siar_err *err)
{
	unsigned char *chunk;
	ssize_t n;
	int rc = SIAR_OK;

	chunk = malloc(MEDIA_READ_CHUNK);
	if (!chunk)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	for (;;) {
		if (media_input_expired(in)) {
			rc = media_input_timeout(in, err);
			break;
		}
		n = read_retry(in->fd, chunk, MEDIA_READ_CHUNK);
		if (n < 0)
			rc = siar_err_set(err, SIAR_EIO, "cannot read '%s': %s",
					  in->shown, strerror(errno));
		if (n <= 0)
			break;
		if (!EVP_DigestUpdate(ctx, chunk, (size_t)n)) {
			rc = siar_err_set(err, SIAR_EIO,
					  "cannot hash '%s': OpenSSL failed",
					  in->shown);
			break;
		}
	}
	free(chunk);
	return rc;
}

/* SHA-256 of the file as 64 lowercase hex digits in 'hex'. */
static int hash_file(const struct media_input *in, char hex[65],
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
				  in->shown);
		goto out;
	}
	rc = hash_feed(in, ctx, err);
	if (rc)
		goto out;
	if (!EVP_DigestFinal_ex(ctx, md, &md_len) || md_len != 32) {
		rc =
		    siar_err_set(err, SIAR_EIO,
				 "cannot hash '%s': OpenSSL failed", in->shown);
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

bool media_is_cover(const struct AVStream *st)
{
	return st->disposition & AV_DISPOSITION_ATTACHED_PIC;
}

/*
 * av_find_best_stream() was rejected because it happily picks a cover.
 * 'type' is an int only so that media_int.h need not include FFmpeg.
 */
int media_choose_stream(const struct AVFormatContext *fmt, int type)
{
	const AVStream *st;
	int best = -1;
	unsigned int i;

	for (i = 0; i < fmt->nb_streams; i++) {
		st = fmt->streams[i];
		if (st->codecpar->codec_type != type ||
		    st->codecpar->codec_id == AV_CODEC_ID_NONE ||
		    media_is_cover(st))
			continue;
		if (best < 0 || (st->disposition & AV_DISPOSITION_DEFAULT &&
				 !(fmt->streams[best]->disposition &
				   AV_DISPOSITION_DEFAULT)))
			best = (int)i;
	}
	return best;
}

const int32_t *media_display_matrix(const struct AVStream *st)
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
	const int32_t *matrix = media_display_matrix(st);
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

/*
 * The attached picture to report: the one marked as the front cover (ID3
 * picture type 3), else the first. -1 when there is none.
 */
static int choose_cover(const AVFormatContext *fmt)
{
	const AVDictionaryEntry *e;
	const AVStream *st;
	int first = -1;
	unsigned int i;

	for (i = 0; i < fmt->nb_streams; i++) {
		st = fmt->streams[i];
		if (!media_is_cover(st) || st->attached_pic.size <= 0)
			continue;
		e = av_dict_get(st->metadata, "comment", NULL, 0);
		if (e && !strcmp(e->value, "Cover (front)"))
			return (int)i;
		if (first < 0)
			first = (int)i;
	}
	return first;
}

/*
 * The picture's type from its codec, when its first bytes agree: an ID3
 * tag's MIME type is only what the tagger claimed.
 */
static const char *cover_mime(const AVStream *st)
{
	const AVPacket *pic = &st->attached_pic;
	enum AVCodecID id = st->codecpar->codec_id;

	if (id == AV_CODEC_ID_MJPEG && pic->size >= 3 &&
	    !memcmp(pic->data, "\xFF\xD8\xFF", 3))
		return "image/jpeg";
	if (id == AV_CODEC_ID_PNG && pic->size >= 8 &&
	    !memcmp(pic->data, "\x89PNG\r\n\x1A\n", 8))
		return "image/png";
	return NULL;
}

/* The cover's type, size and fitness for Apple Podcasts. */
static int fill_cover(const AVFormatContext *fmt, struct media_info *info)
{
	struct media_cover *c = &info->cover;
	const AVStream *st;
	const char *mime;
	int i = choose_cover(fmt);

	if (i < 0)
		return SIAR_OK;
	st = fmt->streams[i];
	mime = cover_mime(st);
	c->present = true;
	/* avformat_find_stream_info() decoded the picture to learn these. */
	c->width = st->codecpar->width;
	c->height = st->codecpar->height;
	c->size_bytes = st->attached_pic.size;
	c->apple_ok = mime && c->width == c->height &&
		      c->width >= MEDIA_COVER_MIN_PX &&
		      c->width <= MEDIA_COVER_MAX_PX;
	if (mime) {
		c->mime = siar_strdup(mime);
		if (!c->mime)
			return SIAR_ENOMEM;
	}
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

/* 'ts' in time base 'tb' as milliseconds; false when it is unusable. */
static bool chapter_ms(int64_t ts, AVRational tb, int64_t *ms)
{
	if (ts == AV_NOPTS_VALUE || tb.num <= 0 || tb.den <= 0 ||
	    ts < -MEDIA_TS_LIMIT || ts > MEDIA_TS_LIMIT)
		return false;
	*ms = av_rescale_q(ts, tb, (AVRational){1, 1000});
	return true;
}

/*
 * Append chapter 'c' unless it has no usable start or starts where
 * nothing plays any more. Its end is fixed later, once they are sorted.
 */
static int add_chapter(struct media_info *info, const AVChapter *c)
{
	struct media_chapter *ch = &info->chapters[info->n_chapters];
	const AVDictionaryEntry *title;
	int64_t start, end;

	if (!chapter_ms(c->start, c->time_base, &start))
		return SIAR_OK;
	start = FFMAX(start, 0);
	if (start >= info->duration_ms)
		return SIAR_OK;
	if (!chapter_ms(c->end, c->time_base, &end))
		end = 0;
	ch->start_ms = start;
	ch->end_ms = end;
	ch->title = NULL;
	title = av_dict_get(c->metadata, "title", NULL, 0);
	if (title) {
		ch->title = clean_text(title->value, false);
		if (!ch->title)
			return SIAR_ENOMEM;
		if (!*ch->title) {
			free(ch->title);
			ch->title = NULL;
		}
	}
	info->n_chapters++;
	return SIAR_OK;
}

static int chapter_cmp(const void *a, const void *b)
{
	const struct media_chapter *x = a, *y = b;

	if (x->start_ms != y->start_ms)
		return x->start_ms < y->start_ms ? -1 : 1;
	if (x->end_ms != y->end_ms)
		return x->end_ms < y->end_ms ? -1 : 1;
	return 0;
}

/*
 * Give each sorted chapter an end within the duration: one that is
 * missing (zero, negative, not after the start) becomes the start of the
 * next chapter that starts later, or the end of the file. Walking
 * backwards finds that start without a nested loop, which a file with a
 * hundred thousand chapters would turn into minutes.
 */
static void chapter_ends(struct media_info *info)
{
	struct media_chapter *ch = info->chapters;
	int64_t later = info->duration_ms;
	size_t i;

	for (i = info->n_chapters; i-- > 0;) {
		if (i + 1 < info->n_chapters &&
		    ch[i + 1].start_ms > ch[i].start_ms)
			later = ch[i + 1].start_ms;
		if (ch[i].end_ms <= ch[i].start_ms)
			ch[i].end_ms = later;
		ch[i].end_ms = FFMIN(ch[i].end_ms, info->duration_ms);
	}
}

/* The chapters, sorted by start; needs info->duration_ms. */
static int fill_chapters(const AVFormatContext *fmt, struct media_info *info)
{
	unsigned int i;

	if (!fmt->nb_chapters)
		return SIAR_OK;
	info->chapters = calloc(fmt->nb_chapters, sizeof(*info->chapters));
	if (!info->chapters)
		return SIAR_ENOMEM;
	for (i = 0; i < fmt->nb_chapters; i++) {
		if (add_chapter(info, fmt->chapters[i]))
			return SIAR_ENOMEM;
	}
	if (!info->n_chapters) {
		free(info->chapters);
		info->chapters = NULL;
		return SIAR_OK;
	}
	qsort(info->chapters, info->n_chapters, sizeof(*info->chapters),
	      chapter_cmp);
	chapter_ends(info);
	return SIAR_OK;
}

/* A failed av_read_frame() as one of our codes. */
static enum siar_rc read_rc(int av)
{
	return av == AVERROR(ENOMEM) ? SIAR_ENOMEM : SIAR_EIO;
}

/*
 * Read every packet, keeping figures for the chosen streams in 's'.
 * Other streams are discarded by the demuxer. A damaged tail ends the scan
 * quietly, as it ends playback; a failing read does not, and neither does
 * the deadline, checked on every packet in case a demuxer keeps producing
 * packets without reading.
 */
static int scan_read(struct media_input *in, struct scan_stream s[2],
		     struct siar_err *err)
{
	AVFormatContext *fmt = in->fmt;
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
		if (media_input_expired(in)) {
			rc = media_input_timeout(in, err);
			break;
		}
		av = av_read_frame(fmt, pkt);
		if (av == AVERROR_EOF || av == AVERROR_INVALIDDATA)
			break;
		/* Past the headers, only memory, the disk or time fail. */
		if (av == AVERROR_EXIT)
			rc = media_input_timeout(in, err);
		else if (av < 0)
			rc = media_err_av(err, read_rc(av), av,
					  "cannot read '%s'", in->shown);
		if (av < 0)
			break;
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
static int scan_duration(struct media_input *in, const struct media_sel *sel,
			 struct media_info *info, struct siar_err *err)
{
	struct scan_stream s[2] = {{.index = sel->audio},
				   {.index = sel->video}};
	int64_t start = INT64_MAX, end = INT64_MIN, bytes = 0, us;
	const AVStream *st;
	int i, rc;

	rc = scan_read(in, s, err);
	if (rc)
		return rc;
	for (i = 0; i < 2; i++) {
		if (s[i].index < 0 || !s[i].seen)
			continue;
		st = in->fmt->streams[s[i].index];
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
static int fill_duration(struct media_input *in, const struct media_sel *sel,
			 struct media_info *info, struct siar_err *err)
{
	int rc;

	if (container_duration_trusted(in->fmt))
		rc = container_duration(in->fmt, info, err);
	else
		rc = scan_duration(in, sel, info, err);
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
				    in->shown);
	return SIAR_OK;
}

/* Everything libavformat tells us, once the file is open. */
static int fill_info(struct media_input *in, struct media_info *info,
		     struct siar_err *err)
{
	const AVFormatContext *fmt = in->fmt;
	struct media_sel sel;
	int rc;

	sel.audio = media_choose_stream(fmt, AVMEDIA_TYPE_AUDIO);
	sel.video = media_choose_stream(fmt, AVMEDIA_TYPE_VIDEO);
	if (sel.audio < 0 && sel.video < 0)
		return siar_err_set(err, SIAR_EMEDIA,
				    "'%s' has no audio or video stream",
				    in->shown);
	if (fill_streams(fmt, &sel, info) || fill_tags(fmt, &sel, info) ||
	    fill_cover(fmt, info))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	rc = fill_duration(in, &sel, info, err);
	if (rc)
		return rc;
	if (fill_chapters(fmt, info))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	return SIAR_OK;
}

int media_probe_timed(const char *path, int64_t timeout_us,
		      struct media_info *out, struct siar_err *err)
{
	struct media_input in;
	struct media_info info;
	int rc;

	media_info_init(&info);
	rc = media_input_open(&in, path, timeout_us, err);
	if (rc)
		goto out;
	info.path = siar_strdup(path);
	if (!info.path) {
		rc = siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto out;
	}
	info.size_bytes = in.size_bytes;
	rc = hash_file(&in, info.sha256, err);
	if (rc)
		goto out;
	rc = media_input_demux(&in, true, err);
	if (rc)
		goto out;
	rc = fill_info(&in, &info, err);
	if (rc)
		goto out;
	/* 'out' was empty (the caller initialised it): nothing to free. */
	*out = info;
	media_info_init(&info);
out:
	media_input_close(&in);
	media_info_release(&info);
	return rc;
}

int media_probe(const char *path, struct media_info *out, struct siar_err *err)
{
	return media_probe_timed(
	    path, (int64_t)MEDIA_PROBE_TIMEOUT_S * AV_TIME_BASE, out, err);
}

int media_file_sha256(const char *path, char hex[65], struct siar_err *err)
{
	struct media_input in;
	int rc;

	/* Hashing reads the whole file: allow for a large one on a slow disk. */
	rc = media_input_open(&in, path,
			      (int64_t)MEDIA_HASH_TIMEOUT_S * AV_TIME_BASE, err);
	if (!rc)
		rc = hash_file(&in, hex, err);
	media_input_close(&in);
	return rc;
}

/* Write the attached picture 'pic' to 'out_path', atomically. */
static int write_cover(const AVPacket *pic, const char *out_path,
		       struct siar_err *err)
{
	struct siar_atomic a;
	char shown[MEDIA_SHOWN_MAX];
	int rc;

	rc = siar_atomic_open(&a, out_path, err);
	if (rc)
		return rc;
	if (fwrite(pic->data, 1, (size_t)pic->size, a.fp) !=
	    (size_t)pic->size) {
		show_path(out_path, shown, sizeof(shown));
		rc = siar_err_set(err, SIAR_EIO, "cannot write '%s': %s", shown,
				  strerror(errno));
		siar_atomic_abort(&a);
		return rc;
	}
	return siar_atomic_commit(&a, err);
}

int media_cover_save(const char *path, const char *out_path,
		     struct siar_err *err)
{
	struct media_input in;
	int i, rc;

	/* The picture is in the headers: no stream analysis, no scan. */
	rc = media_input_open(
	    &in, path, (int64_t)MEDIA_PROBE_TIMEOUT_S * AV_TIME_BASE, err);
	if (rc)
		goto out;
	rc = media_input_demux(&in, false, err);
	if (rc)
		goto out;
	i = choose_cover(in.fmt);
	if (i < 0) {
		rc = siar_err_set(err, SIAR_ENOTFOUND, "'%s' has no cover art",
				  in.shown);
		goto out;
	}
	rc = write_cover(&in.fmt->streams[i]->attached_pic, out_path, err);
out:
	media_input_close(&in);
	return rc;
}
