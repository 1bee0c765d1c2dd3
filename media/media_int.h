/*
 * Private to media/: the safe way to open a file for libavformat, and
 * which stream of it to use and how it is turned, shared by media.c and
 * analyze.c. Nothing outside media/ includes this file (tests/test_media.c
 * does, to test the time limit without waiting for it).
 *
 * FFmpeg's types are only named here, not included, so the FFmpeg-free
 * info.c could include this header too.
 */
#ifndef SIAR_MEDIA_INT_H
#define SIAR_MEDIA_INT_H

#include "media.h"

struct AVFormatContext;
struct AVIOContext;
struct AVStream;

/* Room for a path as shown in a message: long ones keep their end. */
#define MEDIA_SHOWN_MAX 160

/*
 * One regular file opened for reading, and once media_input_demux() has
 * succeeded, libavformat's context on it.
 *
 * libavformat reads through our own file descriptor (custom I/O), never
 * by opening the path itself, so what it reads is the regular file that
 * was checked. It cannot open anything else: a playlist or concat script
 * that names other files or URLs fails instead of fetching them.
 */
struct media_input {
	struct AVFormatContext *fmt; /* NULL until media_input_demux() */
	struct AVIOContext *pb;
	const char *path; /* borrowed from the caller */
	int fd;		  /* -1 when closed */
	int64_t size_bytes;
	int64_t pos;	     /* where the next read starts */
	int64_t deadline_us; /* av_gettime_relative(); 0: none */
	int64_t timeout_us;
	char shown[MEDIA_SHOWN_MAX]; /* the path, fit for a message */
};

/*
 * Open 'path' and check that it is a non-empty regular file, without
 * blocking on a FIFO. Every later read through 'in' fails once
 * 'timeout_us' (<= 0: no limit) has passed since this call.
 *
 * 'path' is borrowed and must outlive 'in'; 'in' must not move while
 * libavformat reads through it (it is the I/O callbacks' argument).
 *
 * On failure 'in' is closed (media_input_close() is still safe) and 'err'
 * names the path. Returns SIAR_OK, SIAR_EIO (missing, unreadable, a
 * directory or other non-regular file), SIAR_EMEDIA (empty) or
 * SIAR_ENOMEM.
 */
int media_input_open(struct media_input *in, const char *path,
		     int64_t timeout_us, struct siar_err *err);

/*
 * Open the file with libavformat, with bounded probe size and analysis
 * duration; with 'stream_info', also read the stream parameters
 * (avformat_find_stream_info()). Reading starts at the beginning of the
 * file, whatever was read from in->fd before. Call it once per
 * media_input_open().
 *
 * On failure in->fmt is NULL and 'err' names the path. Returns SIAR_OK,
 * SIAR_EIO, SIAR_EMEDIA (not a format libavformat can read, or the time
 * limit passed) or SIAR_ENOMEM.
 */
int media_input_demux(struct media_input *in, bool stream_info,
		      struct siar_err *err);

/*
 * Close everything 'in' holds. Safe on an 'in' that media_input_open()
 * failed on, and twice.
 */
void media_input_close(struct media_input *in);

/* True once the time limit of 'in' has passed. Cannot fail. */
bool media_input_expired(const struct media_input *in);

/* Record in 'err' that 'in' ran out of time; returns SIAR_EMEDIA. */
int media_input_timeout(const struct media_input *in, struct siar_err *err);

/* siar_err_set() with ": <libav's text for 'av'>" appended. */
int media_err_av(struct siar_err *err, enum siar_rc code, int av,
		 const char *fmt, ...) SIAR_PRINTF(4, 5);

/* True if 'st' is an embedded picture (cover art), not moving video. */
bool media_is_cover(const struct AVStream *st);

/*
 * The index of the stream of 'type' (an enum AVMediaType) in 'fmt', or -1
 * if there is none: the first with a codec libav knows, preferring one
 * marked default. Cover art never counts as video. media_probe() reports
 * on this stream and analyze.c decodes it, so both speak of the same one.
 * Cannot fail.
 */
int media_choose_stream(const struct AVFormatContext *fmt, int type);

/*
 * The display matrix (9 values, see libavutil/display.h) of 'st', or NULL
 * if it has none. Borrowed from 'st'. Cannot fail.
 */
const int32_t *media_display_matrix(const struct AVStream *st);

/*
 * media_probe() with a time limit of 'timeout_us' (<= 0: none) instead of
 * MEDIA_PROBE_TIMEOUT_S.
 */
int media_probe_timed(const char *path, int64_t timeout_us,
		      struct media_info *out, struct siar_err *err);

#endif
