/*
 * The catalogue side of scripts/bench-catalog: load N episodes with guests
 * and topics through catalog.h (no probing), or time list and search on a
 * loaded catalogue. Prints one line of figures; the script compares them
 * with the sqlite3 shell doing the same work. scripts/bench-feed uses the
 * publish mode to make catalogues whose feeds it writes.
 *
 *   bench_catalog load DB N        add a show and N episodes, 2 guests and
 *                                  3 topics each, in one bulk transaction
 *   bench_catalog publish DB N     the same, with the show's feed fields
 *                                  (description, category, image, owner)
 *                                  filled in, one episode in 100 numbered
 *                                  in a season, a few bonus, trailer and
 *                                  explicit ones, and every episode
 *                                  published, an hour apart, up to
 *                                  BENCH_PUBLISHED_LAST; still one bulk
 *                                  transaction
 *   bench_catalog list DB          walk every episode (guests and topics
 *                                  included)
 *   bench_catalog search DB TEXT   run catalog_search 20 times, report the
 *                                  mean and the worst in ms
 *   bench_catalog shows DB S N DIR add S shows of N published episodes
 *                                  each, their media small files made in
 *                                  DIR (for timing siar build)
 *
 * The episodes are made up but shaped like the real ones: Indonesian
 * titles and descriptions, guests from a pool of 500 people with
 * organisations, topics from a pool of 40.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../../catalog/catalog.h"

static const char *const words[] = {
	"pemilu", "pilkada", "tahapan", "pemilih", "daftar", "tetap",
	"kampanye", "logistik", "rekapitulasi", "sosialisasi", "partisipasi",
	"netralitas", "pengawasan", "perempuan", "disabilitas", "milenial",
	"desa", "kabupaten", "provinsi", "nasional", "hak", "suara",
	"pencalonan", "verifikasi", "partai", "politik", "anggaran", "humas",
	"informasi", "publik",
};
#define N_WORDS (sizeof(words) / sizeof(words[0]))

static const char *const regions[] = {
	"Jawa Tengah", "Jawa Timur", "Jawa Barat", "Aceh", "Papua", "Bali",
	"Sulawesi Selatan", "Kalimantan Timur", "Nusa Tenggara Barat", "Riau",
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void die(const struct siar_err *err)
{
	fprintf(stderr, "bench_catalog: %s\n", err->msg);
	exit(1);
}

/* Words 'seed', 'seed+7', ... joined with spaces into 'buf'. */
static void phrase(char *buf, size_t len, unsigned seed, int n)
{
	size_t used = 0;
	int i, k;

	buf[0] = '\0';
	for (i = 0; i < n && used + 1 < len; i++) {
		k = snprintf(buf + used, len - used, "%s%s", i ? " " : "",
			     words[(seed + 7u * (unsigned)i) % N_WORDS]);
		if (k < 0 || (size_t)k >= len - used)
			break;
		used += (size_t)k;
	}
}

static void add_people(struct catalog *cat, struct siar_err *err)
{
	struct catalog_person p;
	char name[64], org[96];
	int i;

	for (i = 0; i < 500; i++) {
		catalog_person_init(&p);
		snprintf(name, sizeof(name), "Narasumber %03d", i);
		snprintf(org, sizeof(org), "KPU Provinsi %s", regions[i % 10]);
		p.name = name;
		p.organisation = org;
		p.position = (char *)(i % 2 ? "Anggota" : "Sekretaris");
		if (catalog_person_add(cat, &p, NULL, err))
			die(err);
	}
}

/*
 * 2025-01-01 00:00 UTC: the newest episode of a published catalogue. A
 * fixed time in the past rather than the clock, so every episode is live
 * and the same N gives the same dates.
 */
#define BENCH_PUBLISHED_LAST ((int64_t)1735689600)

/*
 * A show. Only 'publish' fills in the fields a feed shows beyond the
 * required ones: bench-catalog's sqlite3 script inserts the same show row
 * as 'load' makes.
 */
static void add_show(struct catalog *cat, const char *slug, bool publish,
		     struct siar_err *err)
{
	struct catalog_show show;

	catalog_show_init(&show);
	show.slug = (char *)slug;
	show.title = (char *)"Podcast KPU Bench";
	show.author = (char *)"KPU";
	show.base_url = (char *)"https://kpu.example.id/bench";
	show.review_required = false;
	if (publish) {
		show.description = (char *)"Informasi tahapan pemilu dan "
					   "pemilihan dari KPU, setiap pekan.";
		show.category = (char *)"Government";
		show.image = (char *)"https://kpu.example.id/bench/cover.jpg";
		show.owner_name = (char *)"Humas KPU";
		show.owner_email = (char *)"humas@kpu.example.id";
		show.link = (char *)"https://kpu.example.id/";
		show.copyright = (char *)"KPU Republik Indonesia";
	}
	if (catalog_show_add(cat, &show, NULL, err))
		die(err);
}

/*
 * What 'publish' adds to episode 'i': one in 100 numbered (50 to a
 * season, so numbers never repeat within one), one in 100 a bonus, one
 * in 250 a trailer, one in 40 explicit.
 *
 * Only one in 100, because catalog_episode_add checks that a number is
 * not taken by scanning every episode of the show (no index covers
 * season and number): numbering every other episode of 100,000 took
 * over ten minutes.
 */
static void number_episode(struct catalog_episode *ep, unsigned i)
{
	if (i % 100 == 0) {
		ep->season = (int)(1 + i / 100 / 50);
		ep->episode_number = (int)(1 + i / 100 % 50);
	}
	if (i % 100 == 99)
		ep->episode_type = (char *)"bonus";
	else if (i % 250 == 1)
		ep->episode_type = (char *)"trailer";
	ep->explicit = i % 40 == 7;
}

static int64_t add_episode(struct catalog *cat, const char *slug,
			   const char *path, unsigned i, bool publish,
			   struct siar_err *err)
{
	struct catalog_episode ep;
	char title[160], desc[400], sha[65], g1[32], g2[32];
	char *guests[2] = {g1, g2};
	char *topics[3];
	unsigned k;

	catalog_episode_init(&ep);
	phrase(title, sizeof(title), i, 5);
	phrase(desc, sizeof(desc), i * 31u + 3u, 40);
	for (k = 0; k < 64; k++)
		sha[k] = "0123456789abcdef"[(i * 2654435761u >> (k % 28)) & 15];
	sha[64] = '\0';
	snprintf(g1, sizeof(g1), "Narasumber %03u", i % 500);
	snprintf(g2, sizeof(g2), "Narasumber %03u", (i * 7u + 1u) % 500);
	for (k = 0; k < 3; k++)
		topics[k] = (char *)words[(i + k * 11u) % 40u % N_WORDS];
	int64_t id = 0;

	ep.show_slug = (char *)slug;
	ep.title = title;
	ep.description = desc;
	ep.media_path = (char *)path;
	ep.media_mime = (char *)"audio/mpeg";
	ep.media_kind = (char *)"audio";
	ep.media_sha256 = sha;
	ep.media_size_bytes = 20000000 + i;
	ep.duration_ms = 1800000 + i;
	ep.guests = guests;
	ep.n_guests = i % 500 == (i * 7u + 1u) % 500 ? 1 : 2;
	ep.topics = topics;
	ep.n_topics = topics[0] == topics[1] || topics[1] == topics[2] ||
			      topics[0] == topics[2] ? 1 : 3;
	if (publish)
		number_episode(&ep, i);
	if (catalog_episode_add(cat, &ep, &id, err))
		die(err);
	return id;
}

/* Publish episode 'id', the 'i'th of 'n', an hour after the one before. */
static void publish_episode(struct catalog *cat, int64_t id, unsigned i,
			    unsigned n, struct siar_err *err)
{
	static const struct catalog_actor who = {"bench", NULL};
	int64_t at = BENCH_PUBLISHED_LAST - (int64_t)(n - 1 - i) * 3600;

	if (catalog_episode_act(cat, id, CATALOG_ACTION_PUBLISH, at, &who, err))
		die(err);
}

static int load(const char *db, unsigned n, bool publish)
{
	struct siar_err err = {0};
	struct catalog *cat;
	struct catalog_bulk bulk;
	double t0 = now_ms();
	unsigned i;

	if (catalog_open(&cat, db, CATALOG_OPEN_CREATE, &err) ||
	    catalog_bulk_begin(cat, &bulk, &err))
		die(&err);
	add_show(cat, "bench", publish, &err);
	add_people(cat, &err);
	for (i = 0; i < n; i++) {
		char path[64];
		int64_t id;

		snprintf(path, sizeof(path), "/media/episode-%06u.mp3", i);
		id = add_episode(cat, "bench", path, i, publish, &err);
		if (publish)
			publish_episode(cat, id, i, n, &err);
	}
	if (catalog_bulk_end(cat, &bulk, SIAR_OK, &err))
		die(&err);
	catalog_close(cat);
	printf("%s %u episodes: %.0f ms\n", publish ? "publish" : "load", n,
	       now_ms() - t0);
	return 0;
}

static int count_one(const struct catalog_episode *ep, void *ctx,
		     struct siar_err *err)
{
	(void)ep;
	(void)err;
	++*(size_t *)ctx;
	return SIAR_OK;
}

static struct catalog *open_existing(const char *db)
{
	struct siar_err err = {0};
	struct catalog *cat;

	if (catalog_open(&cat, db, 0, &err))
		die(&err);
	return cat;
}

static int list(const char *db)
{
	struct siar_err err = {0};
	struct catalog *cat = open_existing(db);
	struct catalog_filter f = {0};
	double t0 = now_ms();
	size_t n = 0;

	if (catalog_episode_each(cat, &f, count_one, &n, &err))
		die(&err);
	printf("list %zu episodes: %.0f ms\n", n, now_ms() - t0);
	catalog_close(cat);
	return 0;
}

static int search(const char *db, const char *text)
{
	struct siar_err err = {0};
	struct catalog *cat = open_existing(db);
	double t0, ms, sum = 0, worst = 0;
	size_t n = 0;
	int i;

	for (i = 0; i < 20; i++) {
		n = 0;
		t0 = now_ms();
		if (catalog_search(cat, text, NULL, 50, count_one, &n, &err))
			die(&err);
		ms = now_ms() - t0;
		sum += ms;
		worst = ms > worst ? ms : worst;
	}
	printf("search '%s': %zu hits, mean %.2f ms, worst %.2f ms\n", text,
	       n, sum / 20, worst);
	catalog_close(cat);
	return 0;
}

/* S shows of N published episodes, each with a small media file. */
static int shows(const char *db, unsigned n_shows, unsigned n, const char *dir)
{
	struct siar_err err = {0};
	struct catalog *cat;
	struct catalog_bulk bulk;
	char slug[32], path[512];
	double t0 = now_ms();
	unsigned s, i;
	int64_t id;
	FILE *fp;

	if (catalog_open(&cat, db, CATALOG_OPEN_CREATE, &err) ||
	    catalog_bulk_begin(cat, &bulk, &err))
		die(&err);
	add_people(cat, &err);
	for (s = 0; s < n_shows; s++) {
		snprintf(slug, sizeof(slug), "bench-%03u", s);
		add_show(cat, slug, false, &err);
		for (i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/%s-episode-%06u.mp3",
				 dir, slug, i);
			fp = fopen(path, "wb");
			if (!fp || fprintf(fp, "%s %u\n", slug, i) < 0 ||
			    fclose(fp)) {
				fprintf(stderr, "bench_catalog: cannot write "
						"'%s'\n", path);
				return 1;
			}
			id = add_episode(cat, slug, path, s * n + i, false, &err);
			if (catalog_episode_publish(cat, id,
						    1700000000 + s * n + i,
						    &err))
				die(&err);
		}
	}
	if (catalog_bulk_end(cat, &bulk, SIAR_OK, &err))
		die(&err);
	catalog_close(cat);
	printf("load %u shows of %u episodes: %.0f ms\n", n_shows, n,
	       now_ms() - t0);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "load"))
		return load(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
			    false);
	if (argc == 4 && !strcmp(argv[1], "publish"))
		return load(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
			    true);
	if (argc == 6 && !strcmp(argv[1], "shows"))
		return shows(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
			     (unsigned)strtoul(argv[4], NULL, 10), argv[5]);
	if (argc == 3 && !strcmp(argv[1], "list"))
		return list(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "search"))
		return search(argv[2], argv[3]);
	fputs("usage: bench_catalog load DB N | publish DB N | list DB | "
	      "search DB TEXT | shows DB S N DIR\n",
	      stderr);
	return 2;
}
