/*
 * The parts of media/ that need no FFmpeg: preparing, releasing and
 * reading a struct media_info. They live apart from media.c so that the
 * siar binary can use them without loading FFmpeg's libraries, which are
 * linked into siar-media.so only (see load.c).
 */
#include "media.h"

#include <stdlib.h>
#include <string.h>

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
	for (i = 0; i < info->n_chapters; i++)
		free(info->chapters[i].title);
	free(info->chapters);
	free(info->cover.mime);
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
