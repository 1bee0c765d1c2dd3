/*
 * Tests of catalog_export() and catalog_import_dump(): a rich catalogue
 * made through the API (two shows with every field, hosts, people with
 * links and photos, episodes in every status with guests, credits,
 * topics, chapters, transcripts, renditions and loudness, edits and review
 * steps in the log, a removed episode whose log remains, Indonesian text
 * with emoji) is exported, imported into a second in-memory catalogue and
 * exported again: the two documents must be the same bytes, and the API
 * must read the same things from both. Then every rule by which an import
 * refuses a document, each leaving the catalogue empty.
 */
#include "../catalog/catalog.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define NOW 1718000000		/* 2024-06-10, a Monday */
#define HOUR 3600
#define DAY 86400
#define SHA_A "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
#define SHA_B "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752"
#define SHA_C "fcde2b2edba56bf408601fb721fe9b5c338d10ee429ea04fae5511b68fbf8fb9"

/* ---- Helpers ------------------------------------------------------------ */

/*
 * The catalogue borrows what it is given; the structs hold 'char *' only
 * because they also own what they are filled with.
 */
static char *str(const char *s)
{
	return (char *)s;
}

static struct catalog *open_memory(void)
{
	struct catalog *cat = NULL;
	struct siar_err err = {0};

	if (catalog_open(&cat, ":memory:", CATALOG_OPEN_CREATE, &err))
		fail_msg("open: %s", err.msg);
	catalog_set_now(cat, NOW);
	return cat;
}

static void ok(int rc, const struct siar_err *err, const char *what)
{
	if (rc)
		fail_msg("%s: %s", what, err->msg);
}

/* The export of 'cat' as a string the caller frees. */
static char *export_text(struct catalog *cat)
{
	struct siar_err err = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	ok(catalog_export(cat, fp, &err), &err, "export");
	assert_int_equal(fclose(fp), 0);
	return text;
}

static int import_text(struct catalog *cat, const char *text,
		       struct catalog_import_counts *counts,
		       struct siar_err *err)
{
	return catalog_import_dump(cat, text, strlen(text), counts, err);
}

static void act(struct catalog *cat, int64_t id, enum catalog_action action,
		int64_t at, const char *who, const char *note)
{
	struct catalog_actor a = {who, note};
	struct siar_err err = {0};

	ok(catalog_episode_act(cat, id, action, at, &a, &err), &err,
	   catalog_action_name(action));
}

/* ---- The rich catalogue ------------------------------------------------- */

static void add_show_grobogan(struct catalog *cat)
{
	struct catalog_show s;
	struct siar_err err = {0};

	catalog_show_init(&s);
	s.slug = str("kpu-grobogan");
	s.title = str("Podcast KPU Kabupaten Grobogan 🎙️");
	s.description = str("Obrolan seputar tahapan pemilu & pilkada — "
			    "\"edisi khusus\" <b>penting</b>\nbaris kedua\t✓");
	s.author = str("KPU Kabupaten Grobogan");
	s.language = str("id");
	s.category = str("News");
	s.subcategory = str("Politics");
	s.image = str("https://kpu-grobogan.example.id/sampul.jpg");
	s.owner_name = str("Humas KPU Grobogan");
	s.owner_email = str("humas@kpu-grobogan.example.id");
	s.link = str("https://kpu-grobogan.example.id/");
	s.base_url = str("https://kpu-grobogan.example.id/podcast/");
	s.timezone = str("Asia/Jakarta");
	s.explicit = true;
	s.medium = str("podcast");
	s.show_type = str("serial");
	s.copyright = str("© 2024 KPU Kabupaten Grobogan");
	s.feed_guid = str("917393e3-1b1e-5cef-ace4-edaa54e1f810");
	s.cadence = str("biweekly");
	s.review_required = true;
	s.office_name = str("KPU Kabupaten Grobogan");
	s.office_level = str("district");
	s.office_region = str("Jawa Tengah");
	s.image_path = str("/srv/siar/sampul grobogan.jpg");
	ok(catalog_show_add(cat, &s, NULL, &err), &err, "add show");
}

static void add_show_edukasi(struct catalog *cat)
{
	struct catalog_show s;
	struct siar_err err = {0};

	catalog_show_init(&s);
	s.slug = str("edukasi-pemilih");
	s.title = str("Video Edukasi Pemilih");
	s.author = str("KPU Provinsi Sulawesi Selatan");
	s.base_url = str("http://video.kpu-sulsel.example.id");
	s.timezone = str("Asia/Makassar");
	s.category = str("Education");
	s.subcategory = str("Courses");
	s.medium = str("video");
	s.cadence = str("monthly");
	s.review_required = false;
	s.office_level = str("province");
	ok(catalog_show_add(cat, &s, NULL, &err), &err, "add show");
}

static void add_people(struct catalog *cat)
{
	struct catalog_person p;
	struct siar_err err = {0};

	catalog_person_init(&p);
	p.name = str("Budi Santoso");
	p.organisation = str("KPU Provinsi Jawa Tengah");
	p.position = str("Sekretaris");
	p.url = str("https://kpu-jateng.example.id/budi");
	p.photo = str("https://kpu-jateng.example.id/foto/budi.jpg");
	ok(catalog_person_add(cat, &p, NULL, &err), &err, "add person");
	catalog_person_init(&p);
	p.name = str("Siti Nurhaliza");
	p.organisation = str("Bawaslu Kabupaten Grobogan");
	ok(catalog_person_add(cat, &p, NULL, &err), &err, "add person");
	ok(catalog_show_person_add(cat, "kpu-grobogan", "Rina Wijaya", "host",
				   "cast", &err),
	   &err, "host");
	ok(catalog_show_person_add(cat, "kpu-grobogan", "Agus Salim",
				   "Co-Host", "Cast", &err),
	   &err, "co-host");
	ok(catalog_show_person_add(cat, "edukasi-pemilih", "Budi Santoso",
				   NULL, NULL, &err),
	   &err, "host");
	ok(catalog_topic_add(cat, "Daftar Pemilih Tetap", NULL, &err), &err,
	   "topic");
}

/* An audio episode of 'show' with every field the API takes. */
static void fill_audio(struct catalog_episode *ep, const char *show,
		       const char *title, const char *path, const char *sha)
{
	catalog_episode_init(ep);
	ep->show_slug = str(show);
	ep->title = str(title);
	ep->description = str("Narasumber menjelaskan tahapan pemilu 🗳️ "
			      "dan rekapitulasi suara.");
	ep->media_path = str(path);
	ep->media_mime = str("audio/mpeg");
	ep->media_kind = str("audio");
	ep->media_container = str("mp3");
	ep->media_sha256 = str(sha);
	ep->media_size_bytes = 7340032;
	ep->duration_ms = 1834567;
	ep->duration_method = str("packets");
	ep->bit_rate = 32000;
	ep->audio_codec = str("mp3");
	ep->sample_rate = 44100;
	ep->channels = 2;
	ep->added_by = str("Produser Humas");
}

static int64_t add_episode(struct catalog *cat, struct catalog_episode *ep)
{
	struct siar_err err = {0};
	int64_t id = 0;

	ok(catalog_episode_add(cat, ep, &id, &err), &err, ep->title);
	return id;
}

/* Guests, credits, topics, chapters, transcripts, a rendition, loudness. */
static int64_t add_full_audio(struct catalog *cat)
{
	char *guests[] = {str("Budi Santoso"), str("Dr. Siti Nurhaliza")};
	char *topics[] = {str("Tahapan Pemilu"), str("Pilkada 2024 🗳️")};
	struct catalog_credit credits[] = {
		{str("Dewi Lestari"), str("producer"),
		 str("creative direction")},
		{str("Agus Salim"), str("Audio Editor"),
		 str("Audio Post-Production")},
	};
	struct catalog_chapter chapters[] = {
		{600000, 0, str("Tanya jawab")},
		{0, 120000, str("Pembuka — salam")},
		{120000, 600000, NULL},
	};
	struct catalog_transcript transcripts[] = {
		{str("/srv/siar/ep1.vtt"), str("text/vtt"), str("id")},
		{str("/srv/siar/ep1.en.srt"), str("application/x-subrip"),
		 NULL},
	};
	struct catalog_rendition rendition = {
		str("/srv/siar/ep1 64k.m4a"), str("audio/mp4"), str("audio"),
		str(SHA_C), 1048576, 1834500, 64000, 0, 0, str("Audio saja")};
	struct catalog_episode ep;

	fill_audio(&ep, "kpu-grobogan", "Mengenal Daftar Pemilih Tetap (DPT)",
		   "/srv/siar/Episode 01 — DPT.mp3", SHA_A);
	ep.guests = guests;
	ep.n_guests = 2;
	ep.topics = topics;
	ep.n_topics = 2;
	ep.credits = credits;
	ep.n_credits = 2;
	ep.chapters = chapters;
	ep.n_chapters = 3;
	ep.transcripts = transcripts;
	ep.n_transcripts = 2;
	ep.renditions = &rendition;
	ep.n_renditions = 1;
	ep.has_loudness = true;
	ep.loudness_lufs = -16.3;
	ep.loudness_range_lu = 5.25;
	ep.true_peak_dbtp = -1.0000000000000002;
	ep.recorded_on = str("2024-05");
	ep.image_path = str("/srv/siar/images/ep1.jpg");
	ep.image_apple_ok = true;
	ep.season = 1;
	ep.episode_number = 1;
	return add_episode(cat, &ep);
}

/* Reals that json_object()'s 15 digits would not read back exactly. */
static int64_t add_video(struct catalog *cat)
{
	char *guests[] = {str("Siti Nurhaliza")};
	struct catalog_episode ep;

	fill_audio(&ep, "kpu-grobogan", "Cuplikan: Pilkada Serentak",
		   "/srv/siar/cuplikan.mp4", SHA_B);
	ep.media_mime = str("video/mp4");
	ep.media_kind = str("video");
	ep.media_container = str("mov,mp4,m4a,3gp,3g2,mj2");
	ep.duration_method = str("container");
	ep.video_codec = str("h264");
	ep.audio_codec = str("aac");
	ep.width = 1920;
	ep.height = 1080;
	ep.frame_rate = 30000.0 / 1001.0;
	ep.has_loudness = true;
	ep.loudness_lufs = -23.456789012345678;
	ep.loudness_range_lu = 1e-7;
	/* 17 digits do not read back as this one; 20 do. */
	ep.true_peak_dbtp = 1.6236200785131996e+299;
	ep.explicit = true;
	ep.poster_path = str("/srv/siar/posters/cuplikan.jpg");
	ep.guests = guests;
	ep.n_guests = 1;
	ep.season = 1;
	ep.episode_number = 2;
	ep.episode_type = str("trailer");
	ep.added_by = NULL;
	return add_episode(cat, &ep);
}

static int64_t add_plain(struct catalog *cat, const char *show,
			 const char *title, const char *path)
{
	struct catalog_episode ep;

	fill_audio(&ep, show, title, path, SHA_C);
	return add_episode(cat, &ep);
}

/* An edit of title, guests and topics, logged with a note. */
static void edit_episode(struct catalog *cat, int64_t id)
{
	char *guests[] = {str("Agus Salim"), str("Budi Santoso")};
	char *topics[] = {str("Daftar Pemilih Tetap")};
	struct catalog_actor who = {"Kasubbag Humas", "judul diperbaiki 👍"};
	struct catalog_episode ep;
	struct siar_err err = {0};
	char **old_guests, **old_topics;
	size_t n_guests, n_topics;

	catalog_episode_init(&ep);
	ok(catalog_episode_get(cat, id, &ep, &err), &err, "get");
	free(ep.title);
	ep.title = siar_strdup("Rekapitulasi Suara di Kecamatan");
	old_guests = ep.guests;
	old_topics = ep.topics;
	n_guests = ep.n_guests;
	n_topics = ep.n_topics;
	ep.guests = guests;
	ep.n_guests = 2;
	ep.topics = topics;
	ep.n_topics = 1;
	ok(catalog_episode_update(cat, id, &ep, &who, &err), &err, "edit");
	ep.guests = old_guests;
	ep.n_guests = n_guests;
	ep.topics = old_topics;
	ep.n_topics = n_topics;
	catalog_episode_release(&ep);
}

/*
 * Every status: published (live and scheduled), draft, in_review,
 * approved, unpublished after changes were requested, archived, and one
 * removed whose log stays. The clock moves so that times differ.
 */
static void add_episodes(struct catalog *cat)
{
	struct catalog_actor remover = {"Admin", "salah unggah"};
	struct siar_err err = {0};
	int64_t live, scheduled, draft, back, approved, gone;

	live = add_full_audio(cat);
	scheduled = add_video(cat);
	catalog_set_now(cat, NOW + HOUR);
	draft = add_plain(cat, "kpu-grobogan", "Draf: belum ditinjau",
			  "/srv/a.mp3");
	act(cat, add_plain(cat, "kpu-grobogan", "Sedang ditinjau",
			   "/srv/b.mp3"),
	    CATALOG_ACTION_SUBMIT, 0, "Produser", NULL);
	back = add_plain(cat, "kpu-grobogan", "Dikembalikan", "/srv/c.mp3");
	act(cat, live, CATALOG_ACTION_SUBMIT, 0, "Produser", "siap tayang");
	act(cat, scheduled, CATALOG_ACTION_SUBMIT, 0, "Produser", NULL);
	act(cat, back, CATALOG_ACTION_SUBMIT, 0, "Produser", NULL);
	catalog_set_now(cat, NOW + 2 * HOUR);
	act(cat, live, CATALOG_ACTION_APPROVE, 0, "Kasubbag Humas", NULL);
	act(cat, scheduled, CATALOG_ACTION_APPROVE, 0, "Kasubbag Humas", NULL);
	act(cat, back, CATALOG_ACTION_REQUEST_CHANGES, 0, "Kasubbag Humas",
	    "suara pembuka terpotong ✂️");
	act(cat, back, CATALOG_ACTION_SUBMIT, 0, "Produser", NULL);
	act(cat, back, CATALOG_ACTION_APPROVE, 0, "Kasubbag Humas", NULL);
	act(cat, live, CATALOG_ACTION_PUBLISH, NOW - 3 * DAY, "Admin", NULL);
	act(cat, scheduled, CATALOG_ACTION_PUBLISH, NOW + 7 * DAY, "Admin",
	    NULL);
	act(cat, back, CATALOG_ACTION_PUBLISH, NOW, "Admin", NULL);
	catalog_set_now(cat, NOW + DAY);
	act(cat, back, CATALOG_ACTION_UNPUBLISH, 0, "Admin", "ralat data");
	approved = add_plain(cat, "kpu-grobogan", "Disetujui", "/srv/d.mp3");
	act(cat, approved, CATALOG_ACTION_SUBMIT, 0, "Produser", NULL);
	act(cat, approved, CATALOG_ACTION_APPROVE, 0, "Kasubbag Humas", NULL);
	act(cat, add_plain(cat, "edukasi-pemilih", "Arsip lama", "/srv/e.mp4"),
	    CATALOG_ACTION_ARCHIVE, 0, "Admin", "tidak relevan lagi");
	act(cat, add_plain(cat, "edukasi-pemilih", "Tayang langsung",
			   "/srv/f.mp4"),
	    CATALOG_ACTION_PUBLISH, NOW - DAY, "Admin", NULL);
	gone = add_plain(cat, "edukasi-pemilih", "Terhapus", "/srv/g.mp4");
	act(cat, gone, CATALOG_ACTION_PUBLISH, NOW - HOUR, "Admin", NULL);
	ok(catalog_episode_remove(cat, gone, true, &remover, &err), &err,
	   "remove");
	catalog_set_now(cat, NOW + 2 * DAY);
	edit_episode(cat, draft);
}

static struct catalog *rich_catalogue(void)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};

	add_show_grobogan(cat);
	add_show_edukasi(cat);
	add_people(cat);
	add_episodes(cat);
	catalog_set_now(cat, NOW + 3 * DAY);
	/* Merges and renames leave gaps and moves the API must keep. */
	ok(catalog_person_merge(cat, "Dr. Siti Nurhaliza", "Siti Nurhaliza",
				&err),
	   &err, "merge");
	ok(catalog_topic_rename(cat, "Tahapan Pemilu",
				"Tahapan Pemilu Serentak", &err),
	   &err, "rename");
	catalog_set_now(cat, NOW + 4 * DAY);
	return cat;
}

/* A catalogue imported from the export of 'from', at the same clock. */
static struct catalog *copy_of(struct catalog *from, const char *text)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};

	catalog_set_now(cat, catalog_now(from));
	ok(import_text(cat, text, NULL, &err), &err, "import");
	return cat;
}

/* ---- The round trip ------------------------------------------------------ */

static void round_trip_gives_the_same_document(void **state)
{
	struct catalog *a = rich_catalogue(), *b = open_memory();
	struct catalog_import_counts n;
	struct siar_err err = {0};
	char *first, *second;

	(void)state;
	first = export_text(a);
	catalog_set_now(b, catalog_now(a));
	assert_int_equal(import_text(b, first, &n, &err), SIAR_OK);
	assert_int_equal(n.shows, 2);
	assert_int_equal(n.episodes, 8);
	assert_int_equal(n.people, 5);
	assert_int_equal(n.topics, 3);
	assert_true(n.log_entries > 20);
	second = export_text(b);
	assert_string_equal(first, second);
	/* Indonesian text and emoji as they are, not escaped. */
	assert_non_null(strstr(first, "\"Podcast KPU Kabupaten Grobogan 🎙️\""));
	assert_non_null(strstr(first, "\"frame_rate\":29.97002997002997"));
	assert_non_null(strstr(first, "\"loudness_range_lu\":1e-07"));
	assert_non_null(
		strstr(first, "\"true_peak_dbtp\":1.6236200785131995e+299"));
	assert_non_null(strstr(first, "\"frame_rate\":0.0,"));
	free(first);
	free(second);
	catalog_close(a);
	catalog_close(b);
}

static void assert_same_text(const char *x, const char *y)
{
	if (!x || !y)
		assert_ptr_equal(x, y);
	else
		assert_string_equal(x, y);
}

static void assert_same_files(const struct catalog_episode *x,
			      const struct catalog_episode *y)
{
	size_t i;

	assert_int_equal(x->n_chapters, y->n_chapters);
	for (i = 0; i < x->n_chapters; i++) {
		assert_int_equal(x->chapters[i].start_ms,
				 y->chapters[i].start_ms);
		assert_int_equal(x->chapters[i].end_ms, y->chapters[i].end_ms);
		assert_same_text(x->chapters[i].title, y->chapters[i].title);
	}
	assert_int_equal(x->n_transcripts, y->n_transcripts);
	for (i = 0; i < x->n_transcripts; i++) {
		assert_same_text(x->transcripts[i].path,
				 y->transcripts[i].path);
		assert_same_text(x->transcripts[i].language,
				 y->transcripts[i].language);
	}
	assert_int_equal(x->n_renditions, y->n_renditions);
	for (i = 0; i < x->n_renditions; i++) {
		assert_same_text(x->renditions[i].path, y->renditions[i].path);
		assert_int_equal(x->renditions[i].size_bytes,
				 y->renditions[i].size_bytes);
	}
}

static void assert_same_people(const struct catalog_episode *x,
			       const struct catalog_episode *y)
{
	size_t i;

	assert_int_equal(x->n_guests, y->n_guests);
	for (i = 0; i < x->n_guests; i++)
		assert_string_equal(x->guests[i], y->guests[i]);
	assert_int_equal(x->n_topics, y->n_topics);
	for (i = 0; i < x->n_topics; i++)
		assert_string_equal(x->topics[i], y->topics[i]);
	assert_int_equal(x->n_credits, y->n_credits);
	for (i = 0; i < x->n_credits; i++) {
		assert_string_equal(x->credits[i].name, y->credits[i].name);
		assert_string_equal(x->credits[i].role, y->credits[i].role);
		assert_string_equal(x->credits[i].group, y->credits[i].group);
	}
}

/* Compare episode 'x' of one catalogue with the same one of 'ctx'. */
static int compare_episode(const struct catalog_episode *x, void *ctx,
			   struct siar_err *err)
{
	struct catalog_episode y;

	catalog_episode_init(&y);
	ok(catalog_episode_get(ctx, x->id, &y, err), err, "get");
	assert_string_equal(x->guid, y.guid);
	assert_string_equal(x->show_slug, y.show_slug);
	assert_string_equal(x->title, y.title);
	assert_same_text(x->description, y.description);
	assert_string_equal(x->media_path, y.media_path);
	assert_int_equal(x->status, y.status);
	assert_int_equal(x->published_unix, y.published_unix);
	assert_int_equal(x->created_unix, y.created_unix);
	assert_int_equal(x->updated_unix, y.updated_unix);
	assert_same_text(x->added_by, y.added_by);
	/* Bit for bit, not to some digits. */
	assert_memory_equal(&x->frame_rate, &y.frame_rate, sizeof(double));
	assert_int_equal(x->has_loudness, y.has_loudness);
	assert_memory_equal(&x->loudness_lufs, &y.loudness_lufs,
			    sizeof(double));
	assert_memory_equal(&x->loudness_range_lu, &y.loudness_range_lu,
			    sizeof(double));
	assert_memory_equal(&x->true_peak_dbtp, &y.true_peak_dbtp,
			    sizeof(double));
	assert_int_equal(x->explicit, y.explicit);
	assert_same_text(x->poster_path, y.poster_path);
	assert_same_text(x->recorded_on, y.recorded_on);
	assert_int_equal(x->image_apple_ok, y.image_apple_ok);
	assert_string_equal(x->episode_type, y.episode_type);
	assert_same_people(x, &y);
	assert_same_files(x, &y);
	catalog_episode_release(&y);
	return SIAR_OK;
}

static void round_trip_keeps_what_the_api_reads(void **state)
{
	struct catalog *a = rich_catalogue(), *b;
	struct catalog_filter all = {0};
	struct catalog_show sa, sb;
	struct siar_err err = {0};
	char *text;

	(void)state;
	text = export_text(a);
	b = copy_of(a, text);
	ok(catalog_episode_each(a, &all, compare_episode, b, &err), &err,
	   "walk");
	catalog_show_init(&sa);
	catalog_show_init(&sb);
	ok(catalog_show_get(a, "kpu-grobogan", &sa, &err), &err, "show");
	ok(catalog_show_get(b, "kpu-grobogan", &sb, &err), &err, "show");
	assert_int_equal(sa.id, sb.id);
	assert_string_equal(sa.feed_guid, sb.feed_guid);
	assert_string_equal(sa.base_url, sb.base_url);
	assert_string_equal(sa.description, sb.description);
	assert_string_equal(sa.image_path, sb.image_path);
	assert_int_equal(sa.created_unix, sb.created_unix);
	assert_int_equal(sa.review_required, sb.review_required);
	catalog_show_release(&sa);
	catalog_show_release(&sb);
	free(text);
	catalog_close(a);
	catalog_close(b);
}

/* Collects a log as one string per entry, joined. */
static int log_line(const struct catalog_log_entry *e, void *ctx,
		    struct siar_err *err)
{
	struct siar_buf *b = ctx;

	siar_buf_addf(b, "%lld %lld %lld %s %s %s %s %s\n", (long long)e->id,
		      (long long)e->episode_id, (long long)e->at_unix, e->actor,
		      e->action, e->from_status ? e->from_status : "-",
		      e->to_status ? e->to_status : "-",
		      e->note ? e->note : "-");
	return siar_buf_check(b, err);
}

static void round_trip_keeps_the_log_of_a_removed_episode(void **state)
{
	struct catalog *a = rich_catalogue(), *b;
	struct siar_buf la, lb;
	struct siar_err err = {0};
	struct catalog_episode ep;
	char *text;
	int64_t id;

	(void)state;
	text = export_text(a);
	b = copy_of(a, text);
	siar_buf_init(&la, 0);
	siar_buf_init(&lb, 0);
	for (id = 1; id <= 9; id++) {
		ok(catalog_log_each(a, id, log_line, &la, &err), &err, "log");
		ok(catalog_log_each(b, id, log_line, &lb, &err), &err, "log");
	}
	assert_string_equal(la.buf, lb.buf);
	assert_non_null(strstr(lb.buf, " remove published - salah unggah"));
	/* Its ID is still not reused. */
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(b, 9, &ep, &err),
			 SIAR_ENOTFOUND);
	siar_err_clear(&err);
	assert_int_equal(add_plain(b, "edukasi-pemilih", "Baru", "/srv/h.mp3"),
			 10);
	siar_buf_release(&la);
	siar_buf_release(&lb);
	free(text);
	catalog_close(a);
	catalog_close(b);
}

static int count_hit(const struct catalog_episode *ep, void *ctx,
		     struct siar_err *err)
{
	(void)err;
	*(int64_t *)ctx = *(int64_t *)ctx * 100 + ep->id;
	return SIAR_OK;
}

/* The search index is built for the imported episodes. */
static void round_trip_builds_the_search_index(void **state)
{
	static const char *const queries[] = {
		"pemilih", "sekretaris", "serentak", "rekapitulasi", "pilkada",
	};
	struct catalog *a = rich_catalogue(), *b;
	struct siar_err err = {0};
	int64_t hits_a, hits_b;
	char *text;
	size_t i;

	(void)state;
	text = export_text(a);
	b = copy_of(a, text);
	for (i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		hits_a = hits_b = 0;
		ok(catalog_search(a, queries[i], NULL, 0, count_hit, &hits_a,
				  &err),
		   &err, queries[i]);
		ok(catalog_search(b, queries[i], NULL, 0, count_hit, &hits_b,
				  &err),
		   &err, queries[i]);
		assert_true(hits_a > 0);
		assert_int_equal(hits_a, hits_b);
	}
	free(text);
	catalog_close(a);
	catalog_close(b);
}

static void export_of_an_empty_catalogue_imports(void **state)
{
	struct catalog *a = open_memory(), *b;
	char *text, *again;

	(void)state;
	text = export_text(a);
	assert_string_equal(text, "{\"siar_export\":1,\"schema_version\":11,"
				  "\"exported_unix\":1718000000,\n"
				  "\"shows\":[\n],\n\"people\":[\n],\n"
				  "\"topics\":[\n],\n\"episodes\":[\n],\n"
				  "\"log\":[\n]}\n");
	b = copy_of(a, text);
	again = export_text(b);
	assert_string_equal(text, again);
	free(text);
	free(again);
	catalog_close(a);
	catalog_close(b);
}

/*
 * A path is bytes: one that is not UTF-8 (a Latin-1 name from an old
 * recorder) is written byte for byte and comes back the same.
 */
static void round_trip_keeps_a_path_that_is_not_utf8(void **state)
{
	struct catalog *a = open_memory(), *b;
	struct catalog_episode ep;
	struct siar_err err = {0};
	char *text;

	(void)state;
	add_show_edukasi(a);
	fill_audio(&ep, "edukasi-pemilih", "Rekaman lama",
		   "/srv/rekaman/wawancara \xe9l\xe8ve.mp3", SHA_A);
	add_episode(a, &ep);
	text = export_text(a);
	b = copy_of(a, text);
	catalog_episode_init(&ep);
	ok(catalog_episode_get(b, 1, &ep, &err), &err, "get");
	assert_string_equal(ep.media_path,
			    "/srv/rekaman/wawancara \xe9l\xe8ve.mp3");
	catalog_episode_release(&ep);
	free(text);
	catalog_close(a);
	catalog_close(b);
}

static void export_reports_a_write_error(void **state)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};
	FILE *full = fopen("/dev/full", "w");

	(void)state;
	if (!full)
		skip();
	assert_int_equal(catalog_export(cat, full, &err), SIAR_EIO);
	assert_non_null(strstr(err.msg, "cannot write the export"));
	fclose(full);
	catalog_close(cat);
}

/* ---- Refusals ------------------------------------------------------------ */

/*
 * A small valid document: one show with a host, a person, a topic, one
 * episode with a guest, a topic, a chapter, a transcript and a rendition,
 * and its log.
 */
static char *small_dump(void)
{
	struct catalog *cat = open_memory();
	struct catalog_show s;
	struct catalog_episode ep;
	struct siar_err err = {0};
	char *guests[] = {str("Budi Santoso")};
	char *topics[] = {str("Pemilu")};
	struct catalog_chapter ch = {0, 60000, str("Pembuka")};
	struct catalog_transcript tr = {str("/t.vtt"), str("text/vtt"), NULL};
	struct catalog_rendition re = {str("/r.m4a"), str("audio/mp4"),
				       str("audio"), str(SHA_B), 10, 20, 30,
				       0, 0, NULL};
	char *text;

	catalog_show_init(&s);
	s.slug = str("suara");
	s.title = str("Suara Pemilu");
	s.author = str("KPU");
	s.base_url = str("https://kpu.example.id");
	ok(catalog_show_add(cat, &s, NULL, &err), &err, "show");
	ok(catalog_show_person_add(cat, "suara", "Rina Wijaya", NULL, NULL,
				   &err),
	   &err, "host");
	fill_audio(&ep, "suara", "Tahapan", "/ep.mp3", SHA_A);
	ep.guests = guests;
	ep.n_guests = 1;
	ep.topics = topics;
	ep.n_topics = 1;
	ep.chapters = &ch;
	ep.n_chapters = 1;
	ep.transcripts = &tr;
	ep.n_transcripts = 1;
	ep.renditions = &re;
	ep.n_renditions = 1;
	add_episode(cat, &ep);
	act(cat, 1, CATALOG_ACTION_SUBMIT, 0, "Produser", NULL);
	text = export_text(cat);
	catalog_close(cat);
	return text;
}

/* 'text' with its one 'from' replaced by 'to'; the caller frees it. */
static char *replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	struct siar_buf b;

	if (!at)
		fail_msg("no '%s' in the document", from);
	assert_null(strstr(at + 1, from));
	siar_buf_init(&b, 0);
	siar_buf_add(&b, text, (size_t)(at - text));
	siar_buf_adds(&b, to);
	siar_buf_adds(&b, at + strlen(from));
	return siar_buf_detach(&b);
}

/* The catalogue holds nothing: its export is that of a new one. */
static void assert_empty(struct catalog *cat)
{
	struct catalog *fresh = open_memory();
	char *x = export_text(cat), *y = export_text(fresh);

	assert_string_equal(x, y);
	free(x);
	free(y);
	catalog_close(fresh);
}

/* Importing 'text' fails with 'code', a message holding 'needle'. */
static void assert_refused(const char *text, int code, const char *needle)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};

	if (import_text(cat, text, NULL, &err) != code)
		fail_msg("not refused with %d: '%s' (%s)", code, needle,
			 err.msg);
	if (!strstr(err.msg, needle))
		fail_msg("'%s' is not in '%s'", needle, err.msg);
	assert_null(strchr(err.msg, '\n'));
	assert_empty(cat);
	catalog_close(cat);
}

/* The small document with 'from' replaced by 'to' is refused. */
static void assert_edit_refused(const char *from, const char *to,
				const char *needle)
{
	char *base = small_dump(), *text = replaced(base, from, to);

	assert_refused(text, SIAR_EINVAL, needle);
	free(text);
	free(base);
}

static void small_dump_imports(void **state)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};
	char *text = small_dump();

	(void)state;
	ok(import_text(cat, text, NULL, &err), &err, "import");
	free(text);
	catalog_close(cat);
}

/* White space anywhere JSON allows it, and the fields in another order. */
static void import_reads_any_layout(void **state)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};
	char *base = small_dump(), *a, *b, *c;

	(void)state;
	a = replaced(base,
		     "{\"siar_export\":1,\"schema_version\":11,"
		     "\"exported_unix\":1718000000,\n",
		     " \t{ \"schema_version\" : 10 ,\r\n  \"siar_export\":1 ,");
	b = replaced(a, "\n]}\n",
		     "\n] ,\n\"exported_unix\" :1718000000\n}\n\n");
	c = replaced(b, "\"shows\":[\n{", "\"shows\" : [ \n\n {");
	ok(import_text(cat, c, NULL, &err), &err, "import");
	free(a);
	free(b);
	free(c);
	free(base);
	catalog_close(cat);
}

static void import_refuses_a_catalogue_that_is_not_empty(void **state)
{
	struct catalog *cat = open_memory();
	struct siar_err err = {0};
	char *text = small_dump(), *before, *after;

	(void)state;
	ok(catalog_topic_add(cat, "Satu-satunya", NULL, &err), &err, "topic");
	before = export_text(cat);
	assert_int_equal(import_text(cat, text, NULL, &err), SIAR_EEXIST);
	assert_string_equal(err.msg, "the catalogue is not empty: import a"
				     " dump into a new one (siar --db NEW.db"
				     " init)");
	after = export_text(cat);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(text);
	catalog_close(cat);
}

static void import_refuses_what_is_not_a_dump(void **state)
{
	(void)state;
	assert_refused("", SIAR_EINVAL, "not a siar dump: not valid JSON");
	assert_refused("{\"siar_export\":1,", SIAR_EINVAL, "not valid JSON");
	assert_refused("[1, 2]", SIAR_EINVAL, "not a JSON object");
	assert_refused("{\"shows\":[]}", SIAR_EINVAL, "no 'siar_export'");
	assert_refused("{\"siar_export\":\"1\"}", SIAR_EINVAL,
		       "'siar_export' must be a positive integer");
	assert_refused("{\"siar_export\":1} x", SIAR_EINVAL,
		       "not valid JSON (at byte 18)");
	assert_refused("{\"siar_export\":1,\"shows\":[{\"id\":\"x}]}",
		       SIAR_EINVAL, "not valid JSON (at byte 37)");
}

static void import_refuses_a_document_cut_short(void **state)
{
	char *base = small_dump();
	size_t len = strlen(base);

	(void)state;
	base[len - 3] = '\0';
	assert_refused(base, SIAR_EINVAL, "not a siar dump: not valid JSON");
	free(base);
	assert_edit_refused("\"title\":\"Tahapan\"", "\"title\":\"Tahapan\"x",
			    "not a siar dump: episodes[0] is not valid JSON");
	assert_edit_refused("\"chapters\":[{", "\"chapters\":[{,",
			    "not a siar dump: episodes[0] is not valid JSON");
}

static void import_refuses_a_newer_format_or_schema(void **state)
{
	(void)state;
	assert_edit_refused("\"siar_export\":1", "\"siar_export\":2",
			    "the dump is of format 2, newer than this siar"
			    " reads (1)");
	assert_edit_refused("\"schema_version\":11", "\"schema_version\":12",
			    "the dump is of schema 12, newer than this siar"
			    " knows (11)");
	assert_edit_refused("\"schema_version\":11", "\"schema_version\":0",
			    "bad 'schema_version' 0");
}

static void import_refuses_a_document_missing_a_part(void **state)
{
	(void)state;
	assert_edit_refused(",\n\"log\":[", ",\n\"logs\":[",
			    "unknown field 'logs' in the dump");
	assert_edit_refused("\"exported_unix\":1718000000,",
			    "\"exported_unix\":1718000000,\"shows\":[],",
			    "the dump gives 'shows' twice");
	assert_edit_refused("\"exported_unix\":1718000000,\n\"shows\":[",
			    "\"exported_unix\":1718000000,\n\"nope\":[",
			    "unknown field 'nope'");
	assert_edit_refused("\"exported_unix\":1718000000", "\"a\":1",
			    "unknown field 'a'");
	assert_edit_refused("\"topics\":[\n{\"id\":1,\"name\":\"Pemilu\","
			    "\"slug\":\"pemilu\"}\n]",
			    "\"topics\":{}", "'topics' in the dump must be a"
					     " list");
}

static void import_refuses_a_missing_or_mistyped_field(void **state)
{
	(void)state;
	assert_edit_refused("\"title\":\"Tahapan\",", "",
			    "episode 1 has no 'title'");
	assert_edit_refused("\"title\":\"Tahapan\"", "\"title\":null",
			    "episode 1 has no 'title'");
	assert_edit_refused("\"season\":0", "\"season\":\"satu\"",
			    "episode 1: 'season' must be an integer");
	assert_edit_refused("\"season\":0", "\"season\":1.5",
			    "episode 1: 'season' must be an integer");
	assert_edit_refused("\"season\":0", "\"season\":4294967296",
			    "episode 1: 'season' is too large");
	assert_edit_refused("\"explicit\":false,\"status\"",
			    "\"explicit\":0,\"status\"",
			    "episode 1: 'explicit' must be true or false");
	assert_edit_refused("\"frame_rate\":0.0", "\"frame_rate\":1e999",
			    "episode 1: 'frame_rate' is not a finite number");
	assert_edit_refused("\"guid\":", "\"giud\":\"x\",\"guid\":",
			    "episode 1: unknown field 'giud'");
	assert_edit_refused("\"start_ms\":0", "\"start_ms\":0,\"start_ms\":1",
			    "episode 1, chapters[0]: 'start_ms' is given"
			    " twice");
	assert_edit_refused("\"chapters\":[", "\"chapters\":[7,",
			    "episode 1, chapters[0] is not an object");
	assert_edit_refused(",\"renditions\":[", ",\"x\":[],\"renditions\":[",
			    "unknown field 'x'");
	assert_edit_refused("\"shows\":[\n{", "\"shows\":[\n\"suara\",{",
			    "shows[0] is not an object");
}

/* The line of 'text' that starts with 'start'; the caller frees it. */
static char *line_of(const char *text, const char *start)
{
	const char *at = strstr(text, start);
	char *line;

	assert_non_null(at);
	line = strndup(at, strcspn(at, "\n"));
	assert_non_null(line);
	return line;
}

static void import_refuses_duplicate_ids(void **state)
{
	char *base = small_dump(), *show = line_of(base, "{\"id\":1,\"slug\"");
	char *twice, *text;
	struct siar_buf b;

	(void)state;
	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "%s,\n%s", show, show);
	twice = siar_buf_detach(&b);
	text = replaced(base, show, twice);
	assert_refused(text, SIAR_EINVAL, "show 1: another show has id 1");
	free(text);
	free(twice);
	free(show);
	free(base);
	assert_edit_refused("\"topics\":[\n{\"id\":1,",
			    "\"topics\":[\n{\"id\":1,\"name\":\"Lain\","
			    "\"slug\":\"lain\"},\n{\"id\":1,",
			    "topic 1: another topic has id 1");
	assert_edit_refused("\"topic_id\":1,\"position\":0}",
			    "\"topic_id\":1,\"position\":0},{\"topic_id\":1,"
			    "\"position\":1}",
			    "episode 1, topics[1]: UNIQUE constraint failed:"
			    " episode_topics.episode_id,"
			    " episode_topics.topic_id");
}

static void import_refuses_a_dangling_reference(void **state)
{
	(void)state;
	assert_edit_refused("\"show_id\":1", "\"show_id\":9",
			    "episode 1: 'show_id' is 9, but the dump has no"
			    " show with that id");
	assert_edit_refused("\"topic_id\":1", "\"topic_id\":7",
			    "episode 1, topics[0]: 'topic_id' is 7, but the"
			    " dump has no topic with that id");
	assert_edit_refused("\"people\":[{\"person_id\":1,",
			    "\"people\":[{\"person_id\":5,",
			    "show 1, people[0]: 'person_id' is 5, but the dump"
			    " has no person with that id");
}

static void import_refuses_what_the_api_refuses(void **state)
{
	(void)state;
	assert_edit_refused("\"language\":\"id\"", "\"language\":\"indonesia\"",
			    "show 1: bad language 'indonesia' for show"
			    " 'suara'");
	assert_edit_refused("\"name\":\"Budi Santoso\"", "\"name\":\"  \"",
			    "person 2: person has no name");
	assert_edit_refused("\"slug\":\"pemilu\"", "\"slug\":\"pemilu-2\"",
			    "topic 1: slug 'pemilu-2' is not the one its name"
			    " makes ('pemilu')");
	assert_edit_refused("\"media_kind\":\"audio\"",
			    "\"media_kind\":\"teks\"",
			    "episode 1: bad media kind 'teks'");
	assert_edit_refused("\"start_ms\":0", "\"start_ms\":70000",
			    "episode 1: chapter 1 of '/ep.mp3' ends");
	assert_edit_refused("\"mime\":\"text/vtt\"", "\"mime\":\"text/rtf\"",
			    "episode 1:");
	assert_edit_refused("\"role\":\"guest\",\"group\":\"cast\"",
			    "\"role\":\"pembawa acara\",\"group\":\"cast\"",
			    "episode 1, people[0]: bad role 'pembawa acara'");
	assert_edit_refused("\"role\":\"guest\",\"group\":\"cast\"",
			    "\"role\":\"Guest\",\"group\":\"cast\"",
			    "are stored in lowercase");
}

static void import_refuses_a_bad_state(void **state)
{
	(void)state;
	assert_edit_refused("\"status\":\"in_review\"", "\"status\":\"live\"",
			    "episode 1: unknown status 'live'");
	assert_edit_refused("\"status\":\"in_review\"",
			    "\"status\":\"published\"",
			    "episode 1: a published episode needs"
			    " 'published_unix'");
	assert_edit_refused("\"loudness_lufs\":null",
			    "\"loudness_lufs\":-16.0",
			    "'loudness_lufs', 'loudness_range_lu' and"
			    " 'true_peak_dbtp' go together");
	assert_edit_refused("\"to_status\":\"in_review\"",
			    "\"to_status\":\"ditinjau\"",
			    "log entry 2: unknown status 'ditinjau' in"
			    " 'to_status'");
	assert_edit_refused("\"actor\":\"Produser\"", "\"actor\":\"\"",
			    "log entry 2: 'actor' is blank");
	assert_edit_refused("{\"id\":2,\"episode_id\":1",
			    "{\"id\":-2,\"episode_id\":1",
			    "log[1]: 'id' must be a positive integer");
}

static void import_refuses_a_blank_guid(void **state)
{
	char *base = small_dump(), *guid, *text;

	(void)state;
	/* "guid":"<36 characters>" */
	guid = strndup(strstr(base, "\"guid\":\""), 45);
	assert_non_null(guid);
	text = replaced(base, guid, "\"guid\":\" \"");
	assert_refused(text, SIAR_EINVAL, "episode 1: 'guid' is blank");
	free(text);
	free(guid);
	free(base);
}

/* Two episodes with the same GUID: the schema's constraint says so. */
static void import_refuses_a_duplicate_guid(void **state)
{
	struct catalog *a = open_memory();
	char *text, *first, *second, *bad;

	(void)state;
	add_show_edukasi(a);
	add_plain(a, "edukasi-pemilih", "Satu", "/srv/1.mp3");
	add_plain(a, "edukasi-pemilih", "Dua", "/srv/2.mp3");
	text = export_text(a);
	/* "guid":"<36 characters>" */
	first = strndup(strstr(text, "\"guid\":\""), 45);
	second = strndup(strstr(strstr(text, first) + 1, "\"guid\":\""), 45);
	assert_non_null(first);
	assert_non_null(second);
	bad = replaced(text, second, first);
	assert_refused(bad, SIAR_EINVAL,
		       "episode 2: UNIQUE constraint failed: episodes.show_id, episodes.guid");
	free(bad);
	free(first);
	free(second);
	free(text);
	catalog_close(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip_gives_the_same_document),
		cmocka_unit_test(round_trip_keeps_what_the_api_reads),
		cmocka_unit_test(round_trip_keeps_the_log_of_a_removed_episode),
		cmocka_unit_test(round_trip_builds_the_search_index),
		cmocka_unit_test(export_of_an_empty_catalogue_imports),
		cmocka_unit_test(round_trip_keeps_a_path_that_is_not_utf8),
		cmocka_unit_test(export_reports_a_write_error),
		cmocka_unit_test(small_dump_imports),
		cmocka_unit_test(import_reads_any_layout),
		cmocka_unit_test(import_refuses_a_catalogue_that_is_not_empty),
		cmocka_unit_test(import_refuses_what_is_not_a_dump),
		cmocka_unit_test(import_refuses_a_document_cut_short),
		cmocka_unit_test(import_refuses_a_newer_format_or_schema),
		cmocka_unit_test(import_refuses_a_document_missing_a_part),
		cmocka_unit_test(import_refuses_a_missing_or_mistyped_field),
		cmocka_unit_test(import_refuses_duplicate_ids),
		cmocka_unit_test(import_refuses_a_dangling_reference),
		cmocka_unit_test(import_refuses_what_the_api_refuses),
		cmocka_unit_test(import_refuses_a_bad_state),
		cmocka_unit_test(import_refuses_a_blank_guid),
		cmocka_unit_test(import_refuses_a_duplicate_guid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
