/*
 * The JSON objects siar prints with --json, built with jansson. Field names
 * are part of siar's interface: add fields, never rename them.
 */
#include "cli.h"

#include <math.h>

#include "../media/media.h"

static int set(json_t *obj, const char *key, json_t *value)
{
	/* json_object_set_new() takes 'value' even when it fails. */
	return json_object_set_new(obj, key, value ? value : json_null());
}

static json_t *seconds(int64_t ms)
{
	return json_real((double)ms / 1000.0);
}

static json_t *media_tags_json(const struct media_info *info)
{
	json_t *tags = json_object();
	size_t i;

	if (!tags)
		return NULL;
	for (i = 0; i < info->n_tags; i++)
		set(tags, info->tags[i].key, cli_json_str(info->tags[i].value));
	return tags;
}

static json_t *media_streams_json(const struct media_info *info, json_t *o)
{
	if (info->audio_codec) {
		set(o, "codec", cli_json_str(info->audio_codec));
		set(o, "sample_rate", json_integer(info->sample_rate));
		set(o, "channels", json_integer(info->channels));
	}
	if (info->video_codec) {
		set(o, "video_codec", cli_json_str(info->video_codec));
		set(o, "width", json_integer(info->width));
		set(o, "height", json_integer(info->height));
		set(o, "frame_rate",
		    json_real(round(info->frame_rate * 1000.0) / 1000.0));
	}
	return o;
}

/*
 * One chapter, as probed (struct media_chapter) or as stored (struct
 * catalog_chapter): the two structs are separate because media/ and
 * catalog/ do not include each other, but print alike.
 */
static json_t *chapter_json(int64_t start_ms, int64_t end_ms, const char *title)
{
	json_t *c = json_object();

	set(c, "start", seconds(start_ms));
	set(c, "end", seconds(end_ms));
	set(c, "title", cli_json_str(title));
	return c;
}

static json_t *media_chapters_json(const struct media_info *info)
{
	const struct media_chapter *ch;
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < info->n_chapters; i++) {
		ch = &info->chapters[i];
		json_array_append_new(
		    a, chapter_json(ch->start_ms, ch->end_ms, ch->title));
	}
	return a;
}

static json_t *media_cover_json(const struct media_cover *cover)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	set(o, "present", json_boolean(cover->present));
	if (!cover->present)
		return o;
	set(o, "mime", cli_json_str(cover->mime));
	set(o, "width", json_integer(cover->width));
	set(o, "height", json_integer(cover->height));
	set(o, "bytes", json_integer(cover->size_bytes));
	set(o, "apple_ok", json_boolean(cover->apple_ok));
	return o;
}

json_t *cli_loudness_json(const struct media_loudness *l)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	set(o, "integrated_lufs", json_real(round(l->integrated_lufs * 10) / 10));
	set(o, "range_lu", json_real(round(l->range_lu * 10) / 10));
	set(o, "true_peak_dbtp", json_real(round(l->true_peak_dbtp * 10) / 10));
	return o;
}

json_t *cli_media_json(const struct media_info *info)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	set(o, "path", cli_json_str(info->path));
	set(o, "size", json_integer(info->size_bytes));
	set(o, "sha256", json_string(info->sha256));
	set(o, "container", cli_json_str(info->container));
	set(o, "mime", cli_json_str(info->mime));
	set(o, "kind", json_string(media_kind_name(info->kind)));
	set(o, "duration", seconds(info->duration_ms));
	set(o, "duration_method", cli_json_str(info->duration_method));
	set(o, "bit_rate", json_integer(info->bit_rate));
	media_streams_json(info, o);
	set(o, "tags", media_tags_json(info));
	set(o, "chapters", media_chapters_json(info));
	set(o, "cover", media_cover_json(&info->cover));
	return o;
}

static json_t *string_array(char *const *items, size_t n)
{
	json_t *a = json_array();
	size_t i;

	if (!a)
		return NULL;
	for (i = 0; i < n; i++)
		json_array_append_new(a, cli_json_str(items[i]));
	return a;
}

static json_t *time_json(int64_t unix_s, const char *tz)
{
	struct siar_buf b;
	struct siar_err err = {0};
	json_t *j = NULL;

	siar_buf_init(&b, 0);
	if (!siar_time_rfc3339(&b, unix_s, tz, &err))
		j = json_string(b.buf);
	siar_buf_release(&b);
	return j;
}

static json_t *positive_or_null(int v)
{
	return v > 0 ? json_integer(v) : json_null();
}

static json_t *episode_chapters_json(const struct catalog_episode *ep)
{
	const struct catalog_chapter *ch;
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < ep->n_chapters; i++) {
		ch = &ep->chapters[i];
		json_array_append_new(
		    a, chapter_json(ch->start_ms, ch->end_ms, ch->title));
	}
	return a;
}

static json_t *transcripts_json(const struct catalog_episode *ep)
{
	const struct catalog_transcript *t;
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; a && i < ep->n_transcripts; i++) {
		t = &ep->transcripts[i];
		o = json_object();
		set(o, "path", cli_json_str(t->path));
		set(o, "mime", cli_json_str(t->mime));
		set(o, "language", cli_json_str(t->language));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *credits_json(const struct catalog_episode *ep)
{
	const struct catalog_credit *c;
	json_t *a = json_array(), *o;
	size_t i;

	for (i = 0; a && i < ep->n_credits; i++) {
		c = &ep->credits[i];
		o = json_object();
		set(o, "name", cli_json_str(c->name));
		set(o, "role", cli_json_str(c->role));
		set(o, "group", cli_json_str(c->group));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *rendition_json(const struct catalog_rendition *r)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	set(o, "path", cli_json_str(r->path));
	set(o, "mime", cli_json_str(r->mime));
	set(o, "kind", cli_json_str(r->kind));
	set(o, "sha256", cli_json_str(r->sha256));
	set(o, "size", json_integer(r->size_bytes));
	set(o, "duration", seconds(r->duration_ms));
	set(o, "bit_rate", json_integer(r->bit_rate));
	set(o, "width", positive_or_null(r->width));
	set(o, "height", positive_or_null(r->height));
	set(o, "title", cli_json_str(r->title));
	return o;
}

static json_t *renditions_json(const struct catalog_episode *ep)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; a && i < ep->n_renditions; i++)
		json_array_append_new(a, rendition_json(&ep->renditions[i]));
	return a;
}

static json_t *loudness_or_null(const struct catalog_episode *ep)
{
	struct media_loudness l;

	if (!ep->has_loudness)
		return json_null();
	l.integrated_lufs = ep->loudness_lufs;
	l.range_lu = ep->loudness_range_lu;
	l.true_peak_dbtp = ep->true_peak_dbtp;
	return cli_loudness_json(&l);
}

json_t *cli_episode_json(const struct catalog_episode *ep, const char *tz)
{
	json_t *o = json_object();
	bool published = ep->status == CATALOG_STATUS_PUBLISHED;

	if (!o)
		return NULL;
	set(o, "id", json_integer(ep->id));
	set(o, "show", cli_json_str(ep->show_slug));
	set(o, "guid", cli_json_str(ep->guid));
	set(o, "title", cli_json_str(ep->title));
	set(o, "description", cli_json_str(ep->description));
	set(o, "status", json_string(catalog_status_name(ep->status)));
	set(o, "published", published ? time_json(ep->published_unix, tz) : NULL);
	set(o, "season", positive_or_null(ep->season));
	set(o, "episode", positive_or_null(ep->episode_number));
	set(o, "episode_type",
	    json_string(ep->episode_type ? ep->episode_type : "full"));
	set(o, "explicit", json_boolean(ep->explicit));
	set(o, "file", cli_json_str(ep->media_path));
	set(o, "mime", cli_json_str(ep->media_mime));
	set(o, "kind", cli_json_str(ep->media_kind));
	set(o, "size", json_integer(ep->media_size_bytes));
	set(o, "sha256", cli_json_str(ep->media_sha256));
	set(o, "duration", seconds(ep->duration_ms));
	set(o, "guests", string_array(ep->guests, ep->n_guests));
	set(o, "people", credits_json(ep));
	set(o, "image", cli_json_str(ep->image_path));
	set(o, "poster", cli_json_str(ep->poster_path));
	set(o, "recorded_on", cli_json_str(ep->recorded_on));
	set(o, "loudness", loudness_or_null(ep));
	set(o, "chapters", episode_chapters_json(ep));
	set(o, "chapters_url", cli_json_str(ep->chapters_url));
	set(o, "topics", string_array(ep->topics, ep->n_topics));
	set(o, "transcripts", transcripts_json(ep));
	set(o, "renditions", renditions_json(ep));
	set(o, "created", time_json(ep->created_unix, tz));
	set(o, "updated", time_json(ep->updated_unix, tz));
	return o;
}

static json_t *str_or(const char *s, const char *fallback)
{
	return cli_json_str(s ? s : fallback);
}

/* The fields that came with the production catalogue (schema v3). */
static void show_more_json(const struct catalog_show *s, json_t *o)
{
	set(o, "subcategory", cli_json_str(s->subcategory));
	set(o, "medium", str_or(s->medium, "podcast"));
	set(o, "type", str_or(s->show_type, "episodic"));
	set(o, "copyright", cli_json_str(s->copyright));
	set(o, "feed_guid", cli_json_str(s->feed_guid));
	set(o, "cadence", str_or(s->cadence, "weekly"));
	set(o, "review_required", json_boolean(s->review_required));
	set(o, "office", cli_json_str(s->office_name));
	set(o, "office_level", cli_json_str(s->office_level));
	set(o, "office_region", cli_json_str(s->office_region));
	set(o, "created", time_json(s->created_unix, s->timezone));
	set(o, "updated", time_json(s->updated_unix, s->timezone));
}

json_t *cli_show_json(const struct catalog_show *s)
{
	json_t *o = json_object();

	if (!o)
		return NULL;
	set(o, "id", json_integer(s->id));
	set(o, "slug", cli_json_str(s->slug));
	set(o, "title", cli_json_str(s->title));
	set(o, "description", cli_json_str(s->description));
	set(o, "author", cli_json_str(s->author));
	set(o, "language", cli_json_str(s->language));
	set(o, "category", cli_json_str(s->category));
	set(o, "image", cli_json_str(s->image));
	set(o, "image_path", cli_json_str(s->image_path));
	set(o, "apple_url", cli_json_str(s->apple_url));
	set(o, "spotify_url", cli_json_str(s->spotify_url));
	set(o, "pocketcasts_url", cli_json_str(s->pocketcasts_url));
	set(o, "owner_name", cli_json_str(s->owner_name));
	set(o, "owner_email", cli_json_str(s->owner_email));
	set(o, "link", cli_json_str(s->link));
	set(o, "base_url", cli_json_str(s->base_url));
	set(o, "timezone", cli_json_str(s->timezone));
	set(o, "explicit", json_boolean(s->explicit));
	show_more_json(s, o);
	return o;
}
