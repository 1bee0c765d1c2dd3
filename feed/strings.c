/*
 * Every string of the site's interface, in Indonesian and English, in one
 * table: templates use them as {{t.KEY}} (site.c puts the whole table, in
 * the page's language, under "t"), and C code through feed_str(). Dates
 * and durations as people read them are formatted here too.
 *
 * To add a language: a member of enum feed_lang, a column here, and a
 * case in feed_lang_parse(); the unit tests check every key has a text in
 * every language and every {{t.KEY}} of the templates is in the table.
 */
#include "feed.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Kept sorted by key: feed_str() searches it by bisection. */
static const struct feed_string strings[] = {
	{"all_episodes", {"Semua episode", "All episodes"}},
	{"all_people", {"Semua narasumber", "All people"}},
	{"all_shows", {"Semua program", "All shows"}},
	{"all_topics", {"Semua topik", "All topics"}},
	{"artwork_of", {"Sampul", "Artwork of"}},
	{"audio_player", {"Pemutar audio", "Audio player"}},
	{"by", {"oleh", "by"}},
	{"chapters", {"Bab", "Chapters"}},
	{"chapters_help",
	 {"Pilih bab untuk memutar dari awal bab itu.",
	  "Choose a chapter to play from its start."}},
	{"credits", {"Kru", "Credits"}},
	{"description", {"Deskripsi", "Description"}},
	{"download", {"Unduh", "Download"}},
	{"download_file", {"Unduh berkas", "Download the file"}},
	{"duration", {"Durasi", "Duration"}},
	{"embed_more", {"Semua episode di situs", "Every episode on the site"}},
	{"episode", {"Episode", "Episode"}},
	{"episode_bonus", {"Bonus", "Bonus"}},
	{"episode_trailer", {"Cuplikan", "Trailer"}},
	{"episodes", {"Episode", "Episodes"}},
	{"episodes_on_topic", {"Episode bertopik", "Episodes on"}},
	{"episodes_with", {"Episode bersama", "Episodes with"}},
	{"feed_json", {"JSON Feed", "JSON Feed"}},
	{"feed_rss", {"Umpan RSS", "RSS feed"}},
	{"footer_note",
	 {"Situs ini dibuat dengan siar. Semua episode juga tersedia "
	  "melalui umpan RSS di aplikasi podcast.",
	  "This site was made with siar. Every episode is also available "
	  "through the RSS feed in podcast apps."}},
	{"guests", {"Narasumber", "Guests"}},
	{"home", {"Beranda", "Home"}},
	{"home_intro",
	 {"Program audio dan video untuk pemilih: dengarkan di sini atau "
	  "berlangganan di aplikasi podcast Anda.",
	  "Audio and video programmes for voters: listen here or subscribe "
	  "in your podcast app."}},
	{"lang_en", {"bahasa Inggris", "English"}},
	{"lang_id", {"bahasa Indonesia", "Indonesian"}},
	{"latest_episodes", {"Episode terbaru", "Latest episodes"}},
	{"listen", {"Dengarkan", "Listen"}},
	{"main_nav", {"Navigasi utama", "Main navigation"}},
	{"media_unsupported",
	 {"Peramban Anda tidak dapat memutar berkas ini.",
	  "Your browser cannot play this file."}},
	{"month_1", {"Januari", "January"}},
	{"month_10", {"Oktober", "October"}},
	{"month_11", {"November", "November"}},
	{"month_12", {"Desember", "December"}},
	{"month_2", {"Februari", "February"}},
	{"month_3", {"Maret", "March"}},
	{"month_4", {"April", "April"}},
	{"month_5", {"Mei", "May"}},
	{"month_6", {"Juni", "June"}},
	{"month_7", {"Juli", "July"}},
	{"month_8", {"Agustus", "August"}},
	{"month_9", {"September", "September"}},
	{"new_tab", {"(membuka tab baru)", "(opens a new tab)"}},
	{"next_page", {"Berikutnya", "Next"}},
	{"no_episodes",
	 {"Belum ada episode yang terbit.", "No episodes published yet."}},
	{"of", {"dari", "of"}},
	{"open_episode", {"Buka halaman episode", "Open the episode page"}},
	{"other_files", {"Berkas lain", "Other files"}},
	{"page", {"Halaman", "Page"}},
	{"pages", {"Halaman episode", "Episode pages"}},
	{"people", {"Narasumber", "People"}},
	{"people_intro",
	 {"Narasumber dan pengisi acara, beserta episode mereka.",
	  "Guests and hosts, with their episodes."}},
	{"play_from", {"Putar dari", "Play from"}},
	{"poster_of", {"Cuplikan gambar", "Still from"}},
	{"prev_page", {"Sebelumnya", "Previous"}},
	{"published", {"Terbit", "Published"}},
	{"season", {"Musim", "Season"}},
	{"show", {"Program", "Show"}},
	{"shows", {"Program", "Shows"}},
	{"site_title", {"Podcast dan Video", "Podcasts and Videos"}},
	{"skip_to_content", {"Langsung ke konten", "Skip to content"}},
	{"subscribe", {"Berlangganan", "Subscribe"}},
	{"subscribe_help",
	 {"Salin alamat umpan RSS ke aplikasi podcast Anda.",
	  "Copy the RSS feed address into your podcast app."}},
	{"topics", {"Topik", "Topics"}},
	{"topics_intro",
	 {"Semua episode, dikelompokkan menurut topik.",
	  "Every episode, grouped by topic."}},
	{"transcript", {"Transkrip", "Transcript"}},
	{"transcript_open", {"Buka transkrip", "Open the transcript"}},
	{"video_player", {"Pemutar video", "Video player"}},
	{"watch", {"Tonton", "Watch"}},
};

#define N_STRINGS (sizeof(strings) / sizeof(strings[0]))

const struct feed_string *feed_strings(size_t *n)
{
	*n = N_STRINGS;
	return strings;
}

static int string_cmp(const void *key, const void *entry)
{
	return strcmp(key, ((const struct feed_string *)entry)->key);
}

const char *feed_str(enum feed_lang lang, const char *key)
{
	const struct feed_string *s;

	s = bsearch(key, strings, N_STRINGS, sizeof(strings[0]), string_cmp);
	return s ? s->text[lang] : NULL;
}

/* True if 'tag' is 'lang' alone or followed by a "-" subtag. */
static bool tag_is(const char *tag, const char *lang)
{
	size_t n = strlen(lang);

	return !strncasecmp(tag, lang, n) && (!tag[n] || tag[n] == '-');
}

bool feed_lang_parse(const char *tag, enum feed_lang *out)
{
	if (!tag)
		return false;
	/* "in" is the code ISO 639 withdrew for Indonesian; old data has it. */
	if (tag_is(tag, "id") || tag_is(tag, "in")) {
		*out = FEED_LANG_ID;
		return true;
	}
	if (tag_is(tag, "en")) {
		*out = FEED_LANG_EN;
		return true;
	}
	return false;
}

const char *feed_lang_code(enum feed_lang lang)
{
	switch (lang) {
	case FEED_LANG_ID:
		return "id";
	case FEED_LANG_EN:
		return "en";
	}
	return "id";
}

int feed_format_date(struct siar_buf *b, int64_t unix_s, const char *tz,
		     enum feed_lang lang, struct siar_err *err)
{
	struct siar_tm tm;
	char key[16];

	if (siar_time_to_local(unix_s, tz, &tm, err))
		return err->code;
	snprintf(key, sizeof(key), "month_%d", tm.month);
	siar_buf_addf(b, "%d %s %d", tm.day, feed_str(lang, key), tm.year);
	return SIAR_OK;
}

void feed_format_duration(struct siar_buf *b, int64_t duration_ms)
{
	int64_t s = feed_duration_seconds(duration_ms);

	if (s >= 3600)
		siar_buf_addf(b, "%" PRId64 ":%02" PRId64 ":%02" PRId64,
			      s / 3600, s / 60 % 60, s % 60);
	else
		siar_buf_addf(b, "%" PRId64 ":%02" PRId64, s / 60, s % 60);
}
