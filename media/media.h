/*
 * media: measure a podcast or video file with libavformat.
 *
 * media_probe() reads the container and scans packets where the container's
 * own duration cannot be trusted; it never decodes audio or video. It also
 * hashes the file (SHA-256) and reads its tags as valid UTF-8.
 *
 * This module knows nothing of the catalogue or of feeds.
 */
#ifndef SIAR_MEDIA_H
#define SIAR_MEDIA_H

#include "../common/siar.h"

enum media_kind {
	MEDIA_KIND_AUDIO,
	MEDIA_KIND_VIDEO,
};

/* One container or stream tag, as valid UTF-8 with control bytes removed. */
struct media_tag {
	char *key;		/* lowercase: "title", "artist", ... */
	char *value;
};

/*
 * A chapter mark of the container (MP4 chapters, ID3 CHAP, Matroska).
 * Always 0 <= start_ms < end_ms <= duration_ms of the file.
 * A chapter without an end (or one not after its start) ends where the
 * next later chapter starts, or with the file; chapters starting at or
 * after the end of the file are left out.
 */
struct media_chapter {
	int64_t start_ms;
	int64_t end_ms;
	char *title;		/* valid UTF-8; NULL when untitled */
};

/* The attached picture (cover art), if the file has one. */
struct media_cover {
	bool present;
	/*
	 * "image/jpeg" or "image/png", from the codec libavformat names and
	 * only if the first bytes agree; NULL for anything else.
	 */
	char *mime;
	int width;		/* 0 if the picture cannot be decoded */
	int height;
	int64_t size_bytes;	/* of the picture as stored */
	bool apple_ok;		/* square JPEG or PNG of 1400-3000 px */
};

struct media_info {
	char *path;		/* as given to media_probe() */
	int64_t size_bytes;
	char sha256[65];	/* lowercase hex, NUL-terminated */
	char *container;	/* libavformat's short name: "mp3", "mov,mp4,..." */
	/*
	 * The enclosure type apps expect: "audio/mpeg". Audio-only MP4 is
	 * "audio/x-m4a" when the file is named .m4a (Apple's podcast list)
	 * and "audio/mp4" otherwise; Opus and Vorbis in Ogg are "audio/ogg".
	 * Raw ADTS AAC is "audio/aac", WAV "audio/wav", QuickTime (brand
	 * "qt  ") "video/quicktime"; Matroska is "video/webm" when named
	 * .webm and "video/x-matroska" otherwise (or audio/... without
	 * video).
	 */
	char *mime;
	enum media_kind kind;	/* video only if a real (non-cover) video stream */
	/*
	 * What a full decode plays, to within a few milliseconds: the
	 * container's figure for MP4/MOV, FLAC and WAV ("container"), a walk
	 * over every packet for the rest ("packet-scan"), allowing for the
	 * encoder delay and padding the decoder drops. Always > 0.
	 */
	int64_t duration_ms;
	char *duration_method;	/* "container" or "packet-scan" */
	/*
	 * Bits per second, 0 if unknown: libavformat's figure for "container",
	 * the audio and video packets' bytes over the duration otherwise.
	 */
	int64_t bit_rate;

	char *audio_codec;	/* NULL when there is no audio stream */
	int sample_rate;
	int channels;

	char *video_codec;	/* NULL when there is no video stream */
	int width;		/* as displayed: rotation is applied */
	int height;
	double frame_rate;

	/*
	 * The container's tags, then the audio stream's (Ogg keeps them
	 * there). The first tag of a key wins; tags that come out empty are
	 * left out.
	 */
	struct media_tag *tags;
	size_t n_tags;

	struct media_chapter *chapters;	/* sorted by start, then end */
	size_t n_chapters;

	struct media_cover cover;
};

/* Prepare an empty 'info'. Allocates nothing; cannot fail. */
void media_info_init(struct media_info *info);

/* Free what 'info' owns and leave it as after media_info_init(). */
void media_info_release(struct media_info *info);

/*
 * The value of tag 'key' (lowercase) or NULL. Borrowed from 'info': valid
 * until media_info_release(). Cannot fail.
 */
const char *media_info_tag(const struct media_info *info, const char *key);

/* "audio" or "video". Cannot fail. */
const char *media_kind_name(enum media_kind kind);

/*
 * The longest media_probe() and media_cover_save() spend on one file, in
 * wall-clock seconds: opening, hashing and walking its packets together.
 * Whatever a file holds (a demuxer going round in circles, a huge file on
 * a slow disk) the caller gets an error after this long, not a hang.
 */
#define MEDIA_PROBE_TIMEOUT_S 60

/*
 * Measure the file at 'path' and fill 'out'. No frames are decoded, but
 * the whole file is read once to hash it and, for formats whose header
 * cannot be trusted with the duration, once more to walk its packets.
 * 'path' is a file name, never a URL; any name works (spaces, quotes,
 * colons, non-UTF-8 bytes). Only that file is read: a playlist or concat
 * script naming other files or URLs fails instead of fetching them.
 * Messages show 'path' cleaned up (control characters and invalid UTF-8
 * as '?', a long path shortened at its start) and never hold a newline.
 *
 * 'out' must be initialised with media_info_init(). On success the strings
 * in 'out' belong to it and are freed by media_info_release(). On failure
 * 'out' is left untouched (so still empty) and 'err' names 'path'.
 *
 * Returns SIAR_OK, SIAR_EIO (cannot open, read or hash the file, or it is
 * a directory, FIFO or other non-regular file, which is never opened for
 * long enough to block), SIAR_EMEDIA (empty, not a format libavformat
 * recognises, damaged headers such as an MP4 without its moov atom,
 * without an audio or video stream, without any audio or video data, or
 * MEDIA_PROBE_TIMEOUT_S passed) or SIAR_ENOMEM.
 */
int media_probe(const char *path, struct media_info *out,
		struct siar_err *err);

/* How long media_file_sha256() may take before it gives up. */
#define MEDIA_HASH_TIMEOUT_S 600

/*
 * Compute the SHA-256 of the file at 'path' into 'hex' (64 lowercase hex
 * digits and a NUL), as media_probe() does, without probing it: for
 * checking that a catalogued file has not changed. Returns SIAR_OK,
 * SIAR_EIO (cannot open or read it, or not a regular file), SIAR_EMEDIA
 * (empty, or it took longer than MEDIA_HASH_TIMEOUT_S) or SIAR_ENOMEM;
 * 'hex' is untouched on failure.
 */
int media_file_sha256(const char *path, char hex[65], struct siar_err *err);

/*
 * Write the file's attached picture (the one media_probe() reports as
 * 'cover'), byte for byte as stored, to 'out_path', atomically: the old
 * 'out_path', if any, stays until the new one is complete. Only the
 * headers are read.
 *
 * Returns SIAR_OK, SIAR_ENOTFOUND ("'PATH' has no cover art"), SIAR_EIO
 * (cannot read 'path' or write 'out_path'), SIAR_EMEDIA (as media_probe())
 * or SIAR_ENOMEM; 'err' names the file at fault.
 */
int media_cover_save(const char *path, const char *out_path,
		     struct siar_err *err);

/* EBU R128 loudness of the whole programme. */
struct media_loudness {
	double integrated_lufs;	/* integrated loudness, LUFS */
	double range_lu;	/* loudness range, LU */
	double true_peak_dbtp;	/* highest true peak of any channel, dBTP */
};

/*
 * Decode the audio of 'path' in full and measure its loudness with
 * libavfilter's ebur128 filter. Slow (a full decode): only on request.
 *
 * Digital silence (or a programme shorter than one 400 ms block) measures
 * -70.0 LUFS integrated and 0 LU range; the true peak is never -inf, but
 * at least -144.0 dBTP.
 *
 * The measurement gives up with SIAR_EMEDIA after 900 s of wall-clock
 * time ("cannot read 'PATH': gave up after 900 s") or after more than
 * 24 hours of decoded audio ("cannot measure loudness of 'PATH': more than
 * 24 hours of audio"). PATH in messages is cleaned up as in media_probe().
 *
 * Returns SIAR_OK, SIAR_EIO, SIAR_EMEDIA (no audio, "'PATH' has no audio";
 * it cannot be decoded; or one of the limits above) or SIAR_ENOMEM; 'out'
 * is untouched on failure.
 */
int media_loudness_measure(const char *path, struct media_loudness *out,
			   struct siar_err *err);

/* Where and what size a poster frame was taken. */
struct media_poster {
	double at_seconds;
	int width;		/* as displayed */
	int height;
};

/*
 * Save a representative frame of the video 'path' as a JPEG poster at
 * 'out_path', atomically. With 'at_seconds' < 0 the frame is chosen: a
 * few seconds in, skipping black or blank frames; otherwise the first
 * frame at or after 'at_seconds'. 'out' (may be NULL) says which frame.
 *
 * Returns SIAR_OK, SIAR_EINVAL ('at_seconds' past the end: "'PATH':
 * --poster-at N is past the end (D s)", with N as "%g" and the duration D
 * as "%.1f"; or not a number), SIAR_EMEDIA (no video stream: "'PATH' has
 * no video"; cover art does not count; no frame can be decoded; or
 * MEDIA_PROBE_TIMEOUT_S passed), SIAR_EIO or SIAR_ENOMEM. PATH in
 * messages is cleaned up as in media_probe().
 */
int media_poster_save(const char *path, double at_seconds,
		      const char *out_path, struct media_poster *out,
		      struct siar_err *err);

/*
 * Called by media_probe_batch() for each path, in the order given, from
 * the calling thread. 'rc' is what media_probe() returned; on success
 * 'info' holds the measurements (borrowed: released after the call), on
 * failure 'err' says why. A non-zero return stops the batch and is
 * returned by media_probe_batch() (set 'stop_err' first).
 */
typedef int (*media_batch_fn)(size_t index, const char *path, int rc,
			      const struct media_info *info,
			      const struct siar_err *err, void *ctx,
			      struct siar_err *stop_err);

/*
 * Probe every path in 'paths' with 'threads' workers (at least 1) and call
 * 'fn' for each in order, as soon as it and every path before it are done.
 * At most a few results per worker wait to be delivered, so memory does
 * not grow with the number of paths. A file that fails does not stop the
 * batch: 'fn' hears of it.
 *
 * Returns SIAR_OK, what 'fn' returned, or SIAR_ENOMEM / SIAR_EIO (threads
 * could not be started).
 */
int media_probe_batch(char *const *paths, size_t n, unsigned threads,
		      media_batch_fn fn, void *ctx, struct siar_err *err);

/*
 * Set up libavformat logging for the process: silent, or warnings and
 * errors on stderr when 'verbose'. Call once, from main(). Cannot fail.
 */
void media_global_init(bool verbose);

#endif
