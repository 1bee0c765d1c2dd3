/*
 * Tests of catalog_rhythm_compute(): publishing rhythm on fixtures whose
 * answers are known by construction, across month and year boundaries and
 * in several time zones.
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

#define DAY ((int64_t)86400)
#define WEEK (7 * DAY)

/* "YYYY-MM-DD HH:MM" in zone 'tz' as a Unix time. */
static int64_t at(const char *text, const char *tz)
{
	struct siar_err err = {0};
	int64_t t = 0;

	assert_int_equal(siar_time_parse_local(text, tz, &t, &err), SIAR_OK);
	return t;
}

/*
 * Eleven weeks from Monday 2 December 2024 in Jakarta, an episode every
 * Thursday at 10:00 except in the fifth week: ten episodes, one missed
 * week, across the new year.
 */
static void weekly_with_one_missed_week(void **state)
{
	const char *tz = "Asia/Jakarta";
	int64_t thursday = at("2024-12-05 10:00", tz);
	int64_t times[10];
	struct catalog_rhythm r;
	struct siar_err err = {0};
	int64_t from = at("2024-12-02 00:00", tz);
	int64_t to = from + 11 * WEEK;
	size_t i, n = 0;

	(void)state;
	for (i = 0; i < 11; i++)
		if (i != 4)
			times[n++] = thursday + (int64_t)i * WEEK;
	assert_int_equal(n, 10);
	assert_int_equal(catalog_rhythm_compute("weekly", tz, times, n, from,
						to, to, &r, &err),
			 SIAR_OK);
	assert_int_equal(r.n_periods, 11);
	assert_int_equal(r.n_met, 10);
	assert_int_equal(r.n_missed, 1);
	assert_int_equal(r.periods[4].n_published, 0);
	assert_int_equal(r.periods[0].start_unix, from);
	assert_int_equal(r.periods[10].end_unix, to);
	/* Weeks 6 to 11 met; week 12 has only just begun. */
	assert_int_equal(r.streak, 6);
	assert_int_equal(r.longest_gap_s, 2 * WEEK);
	assert_int_equal(r.longest_gap_from, thursday + 3 * WEEK);
	assert_int_equal(r.longest_gap_to, thursday + 5 * WEEK);
	assert_int_equal(r.last_published_unix, thursday + 10 * WEEK);
	assert_int_equal(r.next_due_unix, to + WEEK);
	assert_false(r.overdue);
	catalog_rhythm_release(&r);
}

/* Publishing in the current week moves the due date a week on. */
static void weekly_current_week_met_moves_due_date(void **state)
{
	const char *tz = "Asia/Jakarta";
	int64_t monday = at("2025-01-06 00:00", tz);
	int64_t times[] = {monday - WEEK + DAY, monday + 2 * DAY};
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute("weekly", tz, times, 2,
						monday - WEEK, monday + WEEK,
						monday + 3 * DAY, &r, &err),
			 SIAR_OK);
	assert_int_equal(r.n_met, 1);	/* the current week is not complete */
	assert_int_equal(r.n_missed, 0);
	assert_int_equal(r.streak, 2);
	assert_int_equal(r.next_due_unix, monday + 2 * WEEK);
	assert_false(r.overdue);
	/* The silence since Wednesday is shorter than the 8 days before. */
	assert_int_equal(r.longest_gap_s, 8 * DAY);
	catalog_rhythm_release(&r);
}

/* Three weeks of silence: overdue, no streak, due this Sunday night. */
static void weekly_silence_is_overdue(void **state)
{
	const char *tz = "Asia/Makassar";
	int64_t monday = at("2025-03-03 00:00", tz);
	int64_t times[] = {monday - 4 * WEEK + DAY, monday - 3 * WEEK + DAY};
	int64_t now = monday + 2 * DAY;
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute("weekly", tz, times, 2,
						monday - 4 * WEEK, now, now,
						&r, &err),
			 SIAR_OK);
	assert_int_equal(r.n_met, 2);
	assert_int_equal(r.n_missed, 2);
	assert_int_equal(r.streak, 0);
	assert_true(r.overdue);
	assert_int_equal(r.next_due_unix, monday + WEEK);
	assert_int_equal(r.longest_gap_s, now - times[1]);
	catalog_rhythm_release(&r);
}

/* Months across the year in Jayapura (+09:00): December missed. */
static void monthly_across_year_in_jayapura(void **state)
{
	const char *tz = "Asia/Jayapura";
	int64_t times[] = {
	    at("2024-10-31 23:30", tz), /* October, not November */
	    at("2024-11-01 00:10", tz), at("2025-01-15 09:00", tz),
	    at("2025-02-28 23:59", tz),
	};
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(
	    catalog_rhythm_compute("monthly", tz, times, 4,
				   at("2024-11-01 00:00", tz),
				   at("2025-03-01 00:00", tz),
				   at("2025-03-10 12:00", tz), &r, &err),
	    SIAR_OK);
	assert_int_equal(r.n_periods, 4);
	assert_int_equal(r.periods[0].n_published, 1);
	assert_int_equal(r.periods[1].n_published, 0);
	assert_int_equal(r.periods[1].start_unix, at("2024-12-01 00:00", tz));
	assert_int_equal(r.n_met, 3);
	assert_int_equal(r.n_missed, 1);
	assert_int_equal(r.streak, 2); /* January and February */
	assert_int_equal(r.next_due_unix, at("2025-04-01 00:00", tz));
	assert_false(r.overdue);
	catalog_rhythm_release(&r);
}

/* The same instant is a different day in London and in Jakarta. */
static void daily_follows_the_zone(void **state)
{
	int64_t t = at("2025-01-01 20:00", "UTC"); /* 03:00 on the 2nd, WIB */
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute(
			     "daily", "Asia/Jakarta", &t, 1,
			     at("2025-01-01 00:00", "Asia/Jakarta"),
			     at("2025-01-03 00:00", "Asia/Jakarta"),
			     at("2025-01-05 00:00", "Asia/Jakarta"), &r, &err),
			 SIAR_OK);
	assert_int_equal(r.n_periods, 2);
	assert_int_equal(r.periods[0].n_published, 0);
	assert_int_equal(r.periods[1].n_published, 1);
	catalog_rhythm_release(&r);
	assert_int_equal(catalog_rhythm_compute(
			     "daily", "Europe/London", &t, 1,
			     at("2025-01-01 00:00", "Europe/London"),
			     at("2025-01-03 00:00", "Europe/London"),
			     at("2025-01-05 00:00", "Europe/London"), &r, &err),
			 SIAR_OK);
	assert_int_equal(r.periods[0].n_published, 1);
	assert_int_equal(r.periods[1].n_published, 0);
	catalog_rhythm_release(&r);
}

/* Fortnights start on the Mondays of even weeks since 1970-01-05. */
static void biweekly_fortnights_are_fixed(void **state)
{
	/* 2025-01-06 is 2870 weeks after 1970-01-05: an even week. */
	int64_t start = at("2025-01-06 00:00", "UTC");
	int64_t times[] = {start + 10 * DAY, start + 15 * DAY};
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute("biweekly", "UTC", times, 2,
						start + 3 * DAY,
						start + 28 * DAY,
						start + 28 * DAY, &r, &err),
			 SIAR_OK);
	assert_int_equal(r.n_periods, 2);
	assert_int_equal(r.periods[0].start_unix, start);
	assert_int_equal(r.periods[0].end_unix, start + 14 * DAY);
	assert_int_equal(r.n_met, 2);
	assert_int_equal(r.streak, 2);
	catalog_rhythm_release(&r);
}

/* No episodes at all: every whole period missed, overdue. */
static void no_episodes_misses_everything(void **state)
{
	int64_t from = at("2025-01-06 00:00", "UTC");
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute(NULL, "UTC", NULL, 0, from,
						from + 3 * WEEK,
						from + 3 * WEEK + DAY, &r,
						&err),
			 SIAR_OK);
	assert_string_equal(r.cadence, "weekly");
	assert_int_equal(r.n_missed, 3);
	assert_int_equal(r.streak, 0);
	assert_int_equal(r.last_published_unix, 0);
	assert_int_equal(r.longest_gap_s, 0);
	assert_true(r.overdue);
	catalog_rhythm_release(&r);
}

/* Published this very second, as the quick start's video is. */
static void episode_published_now_counts(void **state)
{
	int64_t now = at("2025-01-08 07:00", "Asia/Jakarta");
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute("weekly", "Asia/Jakarta", &now,
						1, now - 7 * DAY, now + 1, now,
						&r, &err),
			 SIAR_OK);
	assert_int_equal(r.last_published_unix, now);
	assert_int_equal(r.streak, 1);
	assert_false(r.overdue);
	catalog_rhythm_release(&r);
}

static void bad_arguments_are_refused(void **state)
{
	struct catalog_rhythm r;
	struct siar_err err = {0};

	(void)state;
	assert_int_equal(catalog_rhythm_compute("yearly", "UTC", NULL, 0, 0,
						10, 10, &r, &err),
			 SIAR_EINVAL);
	assert_non_null(strstr(err.msg, "yearly"));
	assert_int_equal(catalog_rhythm_compute("weekly", "UTC", NULL, 0, 10,
						10, 10, &r, &err),
			 SIAR_EINVAL);
	assert_int_equal(catalog_rhythm_compute("weekly", "Mars/Olympus",
						NULL, 0, 0, 10, 10, &r, &err),
			 SIAR_EINVAL);
	assert_null(r.periods);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(weekly_with_one_missed_week),
		cmocka_unit_test(weekly_current_week_met_moves_due_date),
		cmocka_unit_test(weekly_silence_is_overdue),
		cmocka_unit_test(monthly_across_year_in_jayapura),
		cmocka_unit_test(daily_follows_the_zone),
		cmocka_unit_test(biweekly_fortnights_are_fixed),
		cmocka_unit_test(no_episodes_misses_everything),
		cmocka_unit_test(episode_published_now_counts),
		cmocka_unit_test(bad_arguments_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
