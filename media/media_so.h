/*
 * Private to media/: the table of entry points that siar-media.so exports
 * and media/load.c calls through. FFmpeg's libraries are linked into that
 * shared object only, so that commands which never probe (list, feed,
 * publish ...) do not pay the ~40 ms it takes to load them.
 *
 * Bump MEDIA_SO_ABI whenever this struct or any struct in media.h changes
 * shape: load.c refuses an object built for another ABI.
 */
#ifndef SIAR_MEDIA_SO_H
#define SIAR_MEDIA_SO_H

#include "media.h"

#define MEDIA_SO_ABI 2
#define MEDIA_SO_SYMBOL "siar_media_so"
#define MEDIA_SO_NAME "siar-media.so"

struct media_so {
	int abi;
	void (*global_init)(bool verbose);
	int (*probe)(const char *path, struct media_info *out,
		     struct siar_err *err);
	int (*file_sha256)(const char *path, char hex[65],
			   struct siar_err *err);
	int (*cover_save)(const char *path, const char *out_path,
			  struct siar_err *err);
	int (*loudness_measure)(const char *path, struct media_loudness *out,
				struct siar_err *err);
	int (*poster_save)(const char *path, double at_seconds,
			   const char *out_path, struct media_poster *out,
			   struct siar_err *err);
};

/* Defined in so.c, the only symbol siar-media.so exports. */
extern const struct media_so siar_media_so;

#endif
