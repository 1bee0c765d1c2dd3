/*
 * Unit tests of common/: error recording, the capped string buffer, UTF-8
 * validation and repair, time zones and dates, atomic file replacement.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../common/siar.h"

static void err_keeps_the_first_message(void **state)
{
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(siar_err_set(&err, SIAR_EIO, "cannot open '%s'", "a"),
			 SIAR_EIO);
	assert_int_equal(siar_err_set(&err, SIAR_EINVAL, "second"), SIAR_EIO);
	assert_string_equal(err.msg, "cannot open 'a'");
	siar_err_clear(&err);
	assert_int_equal(err.code, SIAR_OK);
	assert_string_equal(err.msg, "");
	assert_string_equal(siar_rc_name(SIAR_EEXIST), "already exists");
}

static void buf_grows_and_formats(void **state)
{
	struct siar_buf b;
	char *s;
	int i;

	(void)state;
	siar_buf_init(&b, 0);
	assert_string_equal(b.buf, "");
	for (i = 0; i < 1000; i++)
		siar_buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	siar_buf_adds(&b, "akhir");
	siar_buf_addc(&b, '!');
	assert_int_equal(b.len, 2006);
	assert_string_equal(b.buf + 2000, "akhir!");
	s = siar_buf_detach(&b);
	assert_non_null(s);
	assert_int_equal(strlen(s), 2006);
	assert_string_equal(b.buf, "");
	free(s);
	siar_buf_release(&b);
	siar_buf_release(&b);
}

static void buf_refuses_to_pass_its_cap(void **state)
{
	struct siar_buf b;
	struct siar_err err = {0};

	(void)state;
	siar_buf_init(&b, 8);
	siar_buf_adds(&b, "12345678");
	assert_int_equal(siar_buf_check(&b, &err), SIAR_OK);
	siar_buf_adds(&b, "9");
	siar_buf_adds(&b, "");
	assert_string_equal(b.buf, "12345678");
	assert_int_equal(siar_buf_check(&b, &err), SIAR_EINVAL);
	assert_null(siar_buf_detach(&b));
	siar_buf_release(&b);
}

static void buf_formats_long_strings(void **state)
{
	struct siar_buf b;
	char big[1000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	siar_buf_init(&b, 0);
	siar_buf_addf(&b, "<%s>", big);
	assert_int_equal(b.len, 1001);
	assert_int_equal(b.buf[1000], '>');
	siar_buf_release(&b);
}

static void utf8_accepts_indonesian_and_rejects_malformed(void **state)
{
	const char *ok = "Pemilu 2024 — “Narasumber” café ☕ 𝄞";

	(void)state;
	assert_true(siar_utf8_valid(ok, strlen(ok)));
	assert_false(siar_utf8_valid("\xC0\xAF", 2));		/* overlong */
	assert_false(siar_utf8_valid("\xED\xA0\x80", 3));	/* surrogate */
	assert_false(siar_utf8_valid("\xF4\x90\x80\x80", 4));	/* > U+10FFFF */
	assert_false(siar_utf8_valid("\xE2\x82", 2));		/* truncated */
	assert_false(siar_utf8_valid("\xFF", 1));
}

static void utf8_repair_replaces_bad_bytes_and_strips_controls(void **state)
{
	char *s;

	(void)state;
	s = siar_utf8_dup("a\xFF" "b\x01" "c\td\n", true);
	assert_string_equal(s, "a\xEF\xBF\xBD" "bc\td\n");
	free(s);
	s = siar_utf8_dup("x\x01y\xE2\x82", false);
	assert_string_equal(s, "x\x01y\xEF\xBF\xBD\xEF\xBF\xBD");
	free(s);
	s = siar_utf8_dup("Kabupaten Grobogan", true);
	assert_string_equal(s, "Kabupaten Grobogan");
	free(s);
}

static void utf8_clean_len_stops_at_the_first_byte_to_repair(void **state)
{
	static const char bad[] = {'\xFF', '\x01', '\x7F', '\x80'};
	char s[40];
	size_t i, k;

	(void)state;
	assert_int_equal(siar_utf8_clean_len("", 0, true), 0);
	/* Every place in and around the 8-byte words read at once. */
	for (k = 0; k < sizeof(bad); k++) {
		for (i = 0; i < 24; i++) {
			memset(s, 'a', sizeof(s));
			s[i] = bad[k];
			assert_int_equal(siar_utf8_clean_len(s, 24, true), i);
		}
	}
	memset(s, 'a', sizeof(s));
	s[9] = '\x01';
	assert_int_equal(siar_utf8_clean_len(s, 24, false), 24);
	s[9] = '\t';
	assert_int_equal(siar_utf8_clean_len(s, 24, true), 24);
	s[9] = '~';
	s[10] = ' ';
	assert_int_equal(siar_utf8_clean_len(s, 24, true), 24);
	assert_int_equal(siar_utf8_clean_len("Narasumber café ☕ 𝄞 Jawa", 30, true),
			 30);
	/* A sequence cut short at the end is not clean. */
	assert_int_equal(siar_utf8_clean_len("abcdefghij\xE2\x82", 12, true),
			 10);
	assert_int_equal(siar_utf8_clean_len("abcdefgh\xED\xA0\x80z", 12,
					     true),
			 8);
}

/*
 * What siar_utf8_repair must give, one byte or sequence at a time: the
 * shortest valid prefix of 1 to 4 bytes is the sequence; a byte that
 * starts none becomes U+FFFD; the controls go when stripping.
 */
static void repair_slowly(struct siar_buf *b, const char *s, size_t len,
			  bool strip)
{
	size_t i = 0, n;
	unsigned char c;

	while (i < len) {
		for (n = 1; n <= 4 && i + n <= len; n++)
			if (siar_utf8_valid(s + i, n))
				break;
		if (n > 4 || i + n > len) {
			siar_buf_add(b, "\xEF\xBF\xBD", 3);
			i++;
			continue;
		}
		c = (unsigned char)s[i];
		if (!(strip && n == 1 &&
		      ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		       c == 0x7F)))
			siar_buf_add(b, s + i, n);
		i += n;
	}
}

static void utf8_repair_matches_a_byte_at_a_time_repair(void **state)
{
	static const char *const parts[] = {
		"a", "Pemilu 2024 ", "\xFF", "\x01", "\t", "\x7F", "é", "☕",
		"𝄞", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\x80", "\n",
		"\xF4\x90\x80\x80", "~", "\xC3",
	};
	const size_t n_parts = sizeof(parts) / sizeof(parts[0]);
	struct siar_buf fast, slow;
	const char *p;
	char s[200];
	uint32_t seed = 1;
	size_t len, k;
	int round, strip;

	(void)state;
	for (round = 0; round < 3000; round++) {
		len = 0;
		for (k = 0; k < (size_t)(round % 23); k++) {
			seed = seed * 1103515245u + 12345u;
			p = parts[(seed >> 16) % n_parts];
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		for (strip = 0; strip < 2; strip++) {
			siar_buf_init(&fast, 0);
			siar_buf_init(&slow, 0);
			siar_utf8_repair(&fast, s, len, strip);
			repair_slowly(&slow, s, len, strip);
			assert_int_equal(fast.len, slow.len);
			assert_memory_equal(fast.buf, slow.buf, slow.len);
			assert_int_equal(siar_utf8_clean_len(s, len, strip) == len,
					 fast.len == len &&
						 !memcmp(fast.buf, s, len));
			siar_buf_release(&fast);
			siar_buf_release(&slow);
		}
	}
}

static void days_from_civil_matches_known_dates(void **state)
{
	(void)state;
	assert_int_equal(siar_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(siar_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(siar_days_from_civil(2024, 2, 14), 19767);
	assert_int_equal(siar_days_from_civil(1969, 12, 31), -1);
}

static void slug_is_ascii_with_single_dashes(void **state)
{
	char *s;

	(void)state;
	s = siar_slug("KPU Kabupaten Grobogan", 64);
	assert_string_equal(s, "kpu-kabupaten-grobogan");
	free(s);
	s = siar_slug("  Dr. Siti Nurhaliza, S.H. \xC3\xA9 (2024)! ", 64);
	assert_string_equal(s, "dr-siti-nurhaliza-s-h-2024");
	free(s);
	s = siar_slug("Caf\xC3\xA9s", 64); /* a letter is one separator */
	assert_string_equal(s, "caf-s");
	free(s);
	s = siar_slug("\xF0\x9F\x97\xB3 --", 64);
	assert_string_equal(s, "");
	free(s);
	/* Cut at the cap, never on a dash. */
	s = siar_slug("abcd efgh", 5);
	assert_string_equal(s, "abcd");
	free(s);
	s = siar_slug("abcd efgh", 6);
	assert_string_equal(s, "abcd-e");
	free(s);
}

/* 2024-01-31 20:00 UTC is already 1 February in Jayapura (+09:00). */
static void time_day_is_the_local_date(void **state)
{
	struct siar_err err = {0};
	char day[SIAR_DAY_MAX];

	(void)state;
	assert_int_equal(siar_time_day(day, 1706731200, "UTC", &err), SIAR_OK);
	assert_string_equal(day, "2024-01-31");
	assert_int_equal(siar_time_day(day, 1706731200, "Asia/Jayapura", &err),
			 SIAR_OK);
	assert_string_equal(day, "2024-02-01");
	assert_int_equal(siar_time_day(day, 0, "Mars/Olympus", &err),
			 SIAR_EINVAL);
	assert_string_equal(day, "?");
}

/*
 * A held zone converts by arithmetic where one offset holds: the same
 * dates as the C library's, field for field, in zones with and without
 * daylight saving time, before and after their last transition.
 */
#define HELD_DATES 4000

static void time_in_held_zone_is_the_c_librarys(void **state)
{
	static const struct {
		const char *tz;
		int fixed; /* one offset from some time on: 1, else 0 */
		int offset_s;
	} zones[] = {
		{"Asia/Jakarta", 1, 7 * 3600},
		{"Asia/Makassar", 1, 8 * 3600},
		{"Asia/Jayapura", 1, 9 * 3600},
		{"Asia/Kolkata", 1, 19800},
		{"America/Sao_Paulo", 1, -3 * 3600},
		{"UTC", -1, 0},
		{"Europe/Berlin", 0, 0},
		{"America/St_Johns", 0, 0},
		{"Australia/Lord_Howe", 0, 0},
	};
	static struct siar_tm want[HELD_DATES];
	struct siar_err err = {0};
	struct siar_tm got;
	uint64_t x = 88172645463325252u;
	int64_t t[HELD_DATES], from;
	size_t z, i;
	int off;

	(void)state;
	for (i = 0; i < HELD_DATES; i++) {
		/* xorshift: from 1901 to 2106, and a few edges */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		t[i] = (int64_t)(x % UINT64_C(6500000000)) - INT64_C(2200000000);
	}
	t[0] = 0;
	t[1] = -1;
	t[2] = INT64_C(253402300799);
	t[3] = INT64_C(253402300800);
	for (z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		for (i = 0; i < HELD_DATES; i++)
			assert_int_equal(siar_time_to_local(t[i], zones[z].tz,
							    &want[i], &err),
					 SIAR_OK);
		assert_int_equal(siar_tz_hold(zones[z].tz, &err), SIAR_OK);
		if (zones[z].fixed >= 0) {
			assert_int_equal(siar_tz_held_fixed(&from, &off),
					 zones[z].fixed);
			if (zones[z].fixed)
				assert_int_equal(off, zones[z].offset_s);
		}
		for (i = 0; i < HELD_DATES; i++) {
			assert_int_equal(siar_time_to_local(t[i], zones[z].tz,
							    &got, &err),
					 SIAR_OK);
			if (memcmp(&got, &want[i], sizeof(got)))
				fail_msg("%s, %lld: %04d-%02d-%02d (%d) %02d:"
					 "%02d:%02d %+d, not %04d-%02d-%02d "
					 "(%d) %02d:%02d:%02d %+d",
					 zones[z].tz, (long long)t[i],
					 got.year, got.month, got.day,
					 got.weekday, got.hour, got.minute,
					 got.second, got.utc_offset_s,
					 want[i].year, want[i].month,
					 want[i].day, want[i].weekday,
					 want[i].hour, want[i].minute,
					 want[i].second, want[i].utc_offset_s);
		}
		siar_tz_release();
		assert_false(siar_tz_held_fixed(&from, &off));
	}
}

/* Write 'len' bytes of 'data' to DIR/NAME. */
static void write_zone(const char *dir, const char *name,
		       const unsigned char *data, size_t len)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

/*
 * A zone file cut short or with counts past its end is read as no fixed
 * offset (and read safely: the sanitizers and valgrind watch), while the
 * whole file, found through TZDIR, is.
 */
static void time_damaged_zone_file_is_not_fixed(void **state)
{
	static const size_t cuts[] = {10, 44, 60, 200};
	char dir[] = "/tmp/siar-test-XXXXXX";
	unsigned char zone[4096], bad[4096];
	struct siar_err err = {0};
	const char *old = getenv("TZDIR");
	char *saved = old ? strdup(old) : NULL;
	struct siar_tm tm;
	int64_t from;
	size_t len, i;
	FILE *fp;
	int off;

	(void)state;
	fp = fopen("/usr/share/zoneinfo/Asia/Jakarta", "rb");
	assert_non_null(fp);
	len = fread(zone, 1, sizeof(zone), fp);
	fclose(fp);
	assert_true(len > 200 && len < sizeof(zone));
	assert_non_null(mkdtemp(dir));
	assert_int_equal(setenv("TZDIR", dir, 1), 0);
	write_zone(dir, "Whole", zone, len);
	assert_int_equal(siar_tz_hold("Whole", &err), SIAR_OK);
	assert_true(siar_tz_held_fixed(&from, &off));
	assert_int_equal(off, 7 * 3600);
	siar_tz_release();
	/* The footer without its closing newline, and cut at each place. */
	write_zone(dir, "Open", zone, len - 1);
	assert_int_equal(siar_tz_hold("Open", &err), SIAR_OK);
	assert_false(siar_tz_held_fixed(&from, &off));
	siar_tz_release();
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		write_zone(dir, "Cut", zone, cuts[i]);
		assert_int_equal(siar_tz_hold("Cut", &err), SIAR_OK);
		assert_false(siar_tz_held_fixed(&from, &off));
		siar_time_to_local(1707868800, "Cut", &tm, &err);
		siar_tz_release();
	}
	/* Counts of transitions far past the end of the file. */
	memcpy(bad, zone, len);
	memset(bad + 20, 0xFF, 24);
	write_zone(dir, "Counts", bad, len);
	assert_int_equal(siar_tz_hold("Counts", &err), SIAR_OK);
	assert_false(siar_tz_held_fixed(&from, &off));
	siar_tz_release();
	for (i = 0; i < 4; i++) {
		static const char *const names[] = {"Whole", "Open", "Cut",
						    "Counts"};
		char path[128];

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		assert_int_equal(unlink(path), 0);
	}
	assert_int_equal(rmdir(dir), 0);
	if (saved)
		setenv("TZDIR", saved, 1);
	else
		unsetenv("TZDIR");
	free(saved);
}

static void time_formats_rfc2822_in_jakarta(void **state)
{
	struct siar_buf b;
	struct siar_err err = {0};

	(void)state;
	siar_buf_init(&b, 0);
	/* 2024-02-14 00:00:00 UTC is 07:00 in Jakarta, a Wednesday. */
	assert_int_equal(siar_time_rfc2822(&b, 1707868800, "Asia/Jakarta", &err),
			 SIAR_OK);
	assert_string_equal(b.buf, "Wed, 14 Feb 2024 07:00:00 +0700");
	siar_buf_release(&b);
	assert_int_equal(siar_time_rfc2822(&b, 1707868800, "Asia/Jayapura",
					   &err), SIAR_OK);
	assert_string_equal(b.buf, "Wed, 14 Feb 2024 09:00:00 +0900");
	siar_buf_release(&b);
	assert_int_equal(siar_time_rfc2822(&b, 1707868800, "America/St_Johns",
					   &err), SIAR_OK);
	assert_string_equal(b.buf, "Tue, 13 Feb 2024 20:30:00 -0330");
	siar_buf_release(&b);
	assert_int_equal(siar_time_rfc3339(&b, 1707868800, "Asia/Makassar",
					   &err), SIAR_OK);
	assert_string_equal(b.buf, "2024-02-14T08:00:00+08:00");
	siar_buf_release(&b);
}

static void time_parses_wall_clock_in_zone(void **state)
{
	struct siar_err err = {0};
	const char *tz_before = getenv("TZ");
	char *saved = tz_before ? strdup(tz_before) : NULL;
	int64_t t = 42;

	(void)state;
	assert_int_equal(siar_time_parse_local("2024-02-14 07:00", "Asia/Jakarta",
					       &t, &err), SIAR_OK);
	assert_int_equal(t, 1707868800);
	assert_int_equal(siar_time_parse_local("2024-02-14T07:00:30", "UTC", &t,
					       &err), SIAR_OK);
	assert_int_equal(t, 1707894030);
	/* The process's own TZ is left as it was. */
	if (saved)
		assert_string_equal(getenv("TZ"), saved);
	else
		assert_null(getenv("TZ"));
	free(saved);
}

static void time_rejects_bad_dates_and_zones(void **state)
{
	struct siar_err err = {0};
	int64_t t = 42;
	struct siar_buf b;

	(void)state;
	assert_int_equal(siar_time_parse_local("2024-04-31 10:00", "UTC", &t,
					       &err), SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "2024-04-31 10:00"));
	siar_err_clear(&err);
	assert_int_equal(siar_time_parse_local("besok", "UTC", &t, &err),
			 SIAR_EINVAL);
	siar_err_clear(&err);
	assert_int_equal(siar_time_parse_local("2024-02-14 25:00", "UTC", &t,
					       &err), SIAR_EINVAL);
	siar_err_clear(&err);
	assert_int_equal(siar_time_parse_local("2024-02-14 10:00", "Mars/Base",
					       &t, &err), SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "Mars/Base"));
	assert_int_equal(t, 42);
	assert_false(siar_tz_valid("../../etc/passwd"));
	assert_false(siar_tz_valid(""));
	assert_true(siar_tz_valid("Asia/Jakarta"));
	siar_err_clear(&err);
	siar_buf_init(&b, 0);
	assert_int_equal(siar_time_rfc2822(&b, 0, "Nowhere/Land", &err),
			 SIAR_EINVAL);
	siar_buf_release(&b);
}

static char *read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *s = calloc(1, 256);

	assert_non_null(f);
	assert_non_null(s);
	assert_true(fread(s, 1, 255, f) < 255);
	fclose(f);
	return s;
}

static void atomic_replaces_only_on_commit(void **state)
{
	char dir[] = "/tmp/siar-test-XXXXXX";
	char path[64];
	struct siar_atomic a;
	struct siar_err err = {0};
	char *s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/feed.xml", dir);
	assert_int_equal(siar_atomic_open(&a, path, &err), SIAR_OK);
	fputs("lama", a.fp);
	assert_int_equal(siar_atomic_commit(&a, &err), SIAR_OK);
	assert_int_equal(siar_atomic_open(&a, path, &err), SIAR_OK);
	fputs("baru yang belum selesai", a.fp);
	s = read_all(path);
	assert_string_equal(s, "lama");
	free(s);
	siar_atomic_abort(&a);
	siar_atomic_abort(&a);
	s = read_all(path);
	assert_string_equal(s, "lama");
	free(s);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);	/* no temporary file left */
}

static void write_if_changed_keeps_an_unchanged_file(void **state)
{
	char dir[] = "/tmp/siar-test-XXXXXX";
	char path[64];
	struct siar_err err = {0};
	struct stat a, b;
	bool changed = false;
	char *s;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/index.html", dir);
	assert_int_equal(siar_write_if_changed_flags(path, "halo", 4,
						     SIAR_WRITE_NO_SYNC,
						     &changed, &err),
			 SIAR_OK);
	assert_true(changed);
	assert_int_equal(stat(path, &a), 0);
	assert_int_equal(siar_write_if_changed(path, "halo", 4, &changed,
					       &err),
			 SIAR_OK);
	assert_false(changed);
	assert_int_equal(stat(path, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(siar_write_if_changed_flags(path, "halo!", 5,
						     SIAR_WRITE_NO_SYNC,
						     &changed, &err),
			 SIAR_OK);
	assert_true(changed);
	s = read_all(path);
	assert_string_equal(s, "halo!");
	free(s);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0); /* no temporary file left */
}

static void atomic_reports_unwritable_directory(void **state)
{
	struct siar_atomic a;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(siar_atomic_open(&a, "/nonexistent-dir/feed.xml", &err),
			 SIAR_EIO);
	assert_non_null(strstr(err.msg, "'/nonexistent-dir/feed.xml'"));
	assert_null(a.fp);
}

static void touch(const char *dir, const char *name)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
}

static void paths_walk_finds_media_files_in_order(void **state)
{
	static const char *const exts[] = {"mp3", "m4a", NULL};
	char dir[] = "/tmp/siar-walk-XXXXXX";
	char sub[64], link[96], cmd[96];
	struct siar_paths p;
	struct siar_err err = {0};

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(sub, sizeof(sub), "%s/b-folder", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	touch(dir, "c.MP3");
	touch(dir, "a.m4a");
	touch(dir, "notes.txt");
	touch(dir, ".hidden.mp3");
	touch(sub, "z.mp3");
	snprintf(link, sizeof(link), "%s/loop", sub);
	assert_int_equal(symlink(dir, link), 0);	/* must not be walked */
	siar_paths_init(&p);
	assert_int_equal(siar_paths_walk(&p, dir, exts, &err), SIAR_OK);
	assert_int_equal(p.n, 3);
	assert_non_null(strstr(p.items[0], "/a.m4a"));
	assert_non_null(strstr(p.items[1], "/b-folder/z.mp3"));
	assert_non_null(strstr(p.items[2], "/c.MP3"));
	siar_paths_release(&p);
	assert_int_equal(siar_paths_walk(&p, "/nonexistent-siar", exts, &err),
			 SIAR_EIO);
	assert_non_null(strstr(err.msg, "'/nonexistent-siar'"));
	siar_paths_release(&p);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(err_keeps_the_first_message),
		cmocka_unit_test(time_day_is_the_local_date),
		cmocka_unit_test(slug_is_ascii_with_single_dashes),
		cmocka_unit_test(buf_grows_and_formats),
		cmocka_unit_test(buf_refuses_to_pass_its_cap),
		cmocka_unit_test(buf_formats_long_strings),
		cmocka_unit_test(utf8_accepts_indonesian_and_rejects_malformed),
		cmocka_unit_test(
			utf8_repair_replaces_bad_bytes_and_strips_controls),
		cmocka_unit_test(
			utf8_clean_len_stops_at_the_first_byte_to_repair),
		cmocka_unit_test(utf8_repair_matches_a_byte_at_a_time_repair),
		cmocka_unit_test(days_from_civil_matches_known_dates),
		cmocka_unit_test(time_in_held_zone_is_the_c_librarys),
		cmocka_unit_test(time_damaged_zone_file_is_not_fixed),
		cmocka_unit_test(time_formats_rfc2822_in_jakarta),
		cmocka_unit_test(time_parses_wall_clock_in_zone),
		cmocka_unit_test(time_rejects_bad_dates_and_zones),
		cmocka_unit_test(atomic_replaces_only_on_commit),
		cmocka_unit_test(atomic_reports_unwritable_directory),
		cmocka_unit_test(write_if_changed_keeps_an_unchanged_file),
		cmocka_unit_test(paths_walk_finds_media_files_in_order),
	};

	return cmocka_run_group_tests_name("common", tests, NULL, NULL);
}
