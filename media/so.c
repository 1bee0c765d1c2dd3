/*
 * The entry table of siar-media.so (see media_so.h). Built only into the
 * shared object, whose linker version script exports this one symbol.
 */
#include "media_so.h"

const struct media_so siar_media_so = {
	.abi = MEDIA_SO_ABI,
	.global_init = media_global_init,
	.probe = media_probe,
	.file_sha256 = media_file_sha256,
	.cover_save = media_cover_save,
	.loudness_measure = media_loudness_measure,
	.poster_save = media_poster_save,
};
