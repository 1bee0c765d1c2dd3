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

/* A chapter mark of the container (MP4 chapters, ID3 CHAP, Matroska). */
struct media_chapter {
	int64_t start_ms;
	int64_t end_ms;
	char *title;		/* valid UTF-8; NULL when untitled */
};

/* The attached picture (cover art), if the file has one. */
struct media_cover {
	bool present;
	char *mime;		/* "image/jpeg" or "image/png"; NULL if other */
	int width;
	int height;
	int64_t size_bytes;
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

	struct media_chapter *chapters;	/* sorted by start */
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
 * Measure the file at 'path' and fill 'out'. No frames are decoded, but
 * the whole file is read once to hash it and, for formats whose header
 * cannot be trusted with the duration, once more to walk its packets.
 * 'path' is a file name, never a URL, and only local files are read.
 *
 * 'out' must be initialised with media_info_init(). On success the strings
 * in 'out' belong to it and are freed by media_info_release(). On failure
 * 'out' is left untouched (so still empty) and 'err' names 'path'.
 *
 * Returns SIAR_OK, SIAR_EIO (cannot open, read or hash the file, or it is
 * a directory or other non-regular file), SIAR_EMEDIA (empty, not a format
 * libavformat recognises, without an audio or video stream, or without any
 * audio or video data) or SIAR_ENOMEM.
 */
int media_probe(const char *path, struct media_info *out,
		struct siar_err *err);

/*
 * Write the file's attached picture, byte for byte as stored (JPEG or
 * PNG), to 'out_path', atomically. Returns SIAR_OK, SIAR_ENOTFOUND (no
 * cover), SIAR_EIO, SIAR_EMEDIA or SIAR_ENOMEM; 'err' names the file.
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
 * Returns SIAR_OK, SIAR_EIO, SIAR_EMEDIA (no audio, or it cannot be
 * decoded) or SIAR_ENOMEM; 'out' is untouched on failure.
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
 * Returns SIAR_OK, SIAR_EINVAL ('at_seconds' past the end), SIAR_EMEDIA
 * (no video stream, or no frame can be decoded), SIAR_EIO or SIAR_ENOMEM.
 */
int media_poster_save(const char *path, double at_seconds,
		      const char *out_path, struct media_poster *out,
		      struct siar_err *err);

/*
 * Set up libavformat logging for the process: silent, or warnings and
 * errors on stderr when 'verbose'. Call once, from main(). Cannot fail.
 */
void media_global_init(bool verbose);

#endif
