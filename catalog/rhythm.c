/*
 * Publishing rhythm: given a show's cadence and the times its episodes
 * went out, which periods (days, weeks, fortnights, months in the show's
 * time zone) were met and missed, the longest silence, the current streak
 * and when the next episode is due. Pure computation on a sorted list of
 * times, so that reports can be checked against fixtures whose answers
 * are known by construction.
 */
#include "catalog.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog_int.h"

/* A local calendar date. */
struct date {
	int year, month, day;
};

enum cadence { CADENCE_DAILY, CADENCE_WEEKLY, CADENCE_BIWEEKLY, CADENCE_MONTHLY };

static const char *const cadence_names[] = {"daily", "weekly", "biweekly",
					    "monthly"};

static bool cadence_parse(const char *name, enum cadence *out)
{
	const char *const *names = cadence_names;
	size_t i;

	if (!name)
		name = "weekly";
	for (i = 0; i < sizeof(cadence_names) / sizeof(cadence_names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*out = (enum cadence)i;
			return true;
		}
	}
	return false;
}

/* The civil date 'days' days after 1970-01-01. */
static struct date date_from_days(int64_t days)
{
	struct date d;

	siar_civil_from_days(days, &d.year, &d.month, &d.day);
	return d;
}

static int64_t date_days(struct date d)
{
	return siar_days_from_civil(d.year, d.month, d.day);
}

/* Midnight at the start of 'd' in zone 'tz', as a Unix time. */
static int date_start(struct date d, const char *tz, int64_t *out,
		      struct siar_err *err)
{
	char text[32];

	snprintf(text, sizeof(text), "%04d-%02d-%02d 00:00", d.year, d.month,
		 d.day);
	return siar_time_parse_local(text, tz, out, err);
}

/* The first day of the period of 'c' holding local date 'd'. */
static struct date period_first_day(enum cadence c, struct date d)
{
	/* 1970-01-05 was a Monday: weeks and fortnights count from it. */
	int64_t days = date_days(d);
	int64_t since_monday = days - 4;
	int64_t week_start;

	switch (c) {
	case CADENCE_DAILY:
		return d;
	case CADENCE_WEEKLY:
		week_start = days - (((since_monday % 7) + 7) % 7);
		return date_from_days(week_start);
	case CADENCE_BIWEEKLY:
		week_start = days - (((since_monday % 14) + 14) % 14);
		return date_from_days(week_start);
	case CADENCE_MONTHLY:
		d.day = 1;
		return d;
	}
	return d;
}

/* The first day of the period after the one starting on 'first'. */
static struct date period_next_day(enum cadence c, struct date first)
{
	switch (c) {
	case CADENCE_DAILY:
		return date_from_days(date_days(first) + 1);
	case CADENCE_WEEKLY:
		return date_from_days(date_days(first) + 7);
	case CADENCE_BIWEEKLY:
		return date_from_days(date_days(first) + 14);
	case CADENCE_MONTHLY:
		if (++first.month > 12) {
			first.month = 1;
			first.year++;
		}
		return first;
	}
	return first;
}

static int local_date(int64_t t, const char *tz, struct date *out,
		      struct siar_err *err)
{
	struct siar_tm tm;

	if (siar_time_to_local(t, tz, &tm, err))
		return err->code;
	out->year = tm.year;
	out->month = tm.month;
	out->day = tm.day;
	return SIAR_OK;
}

void catalog_rhythm_init(struct catalog_rhythm *r)
{
	memset(r, 0, sizeof(*r));
}

void catalog_rhythm_release(struct catalog_rhythm *r)
{
	free(r->periods);
	catalog_rhythm_init(r);
}

static int push_period(struct catalog_rhythm *r, size_t *cap,
		       const struct catalog_period *p, struct siar_err *err)
{
	struct catalog_period *grown;
	size_t new_cap;

	if (r->n_periods == *cap) {
		new_cap = *cap ? *cap * 2 : 16;
		grown = NULL;
		if (new_cap <= SIZE_MAX / sizeof(*grown))
			grown = realloc(r->periods, new_cap * sizeof(*grown));
		if (!grown)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		r->periods = grown;
		*cap = new_cap;
	}
	r->periods[r->n_periods++] = *p;
	return SIAR_OK;
}

/* How many of the sorted 'times' fall in [start, end). */
static size_t count_in(const int64_t *times, size_t n, size_t *pos,
		       int64_t start, int64_t end)
{
	size_t k = 0;

	while (*pos < n && times[*pos] < start)
		(*pos)++;
	while (*pos + k < n && times[*pos + k] < end)
		k++;
	*pos += k;
	return k;
}

int catalog_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The longest stretch without a publication, within [from, min(to, now)). */
static void longest_gap(struct catalog_rhythm *r, const int64_t *t, size_t n,
			int64_t from, int64_t until)
{
	int64_t prev = 0;
	size_t i;

	for (i = 0; i < n && t[i] <= until; i++) {
		if (t[i] < from) {
			prev = t[i];
			continue;
		}
		if (prev && t[i] - prev > r->longest_gap_s) {
			r->longest_gap_s = t[i] - prev;
			r->longest_gap_from = prev;
			r->longest_gap_to = t[i];
		}
		prev = t[i];
	}
	/* The silence since the last episode counts too: it is the one a
	 * superior asks about. */
	if (prev && until - prev > r->longest_gap_s) {
		r->longest_gap_s = until - prev;
		r->longest_gap_from = prev;
		r->longest_gap_to = until;
	}
}

int catalog_rhythm_compute(const char *cadence, const char *tz,
			   const int64_t *published, size_t n, int64_t from,
			   int64_t to, int64_t now, struct catalog_rhythm *out,
			   struct siar_err *err)
{
	enum cadence c;
	struct catalog_period p;
	struct date day, first;
	int64_t *t = NULL;
	int64_t start, end, walk_from, until;
	size_t cap = 0, pos = 0, i, streak = 0;
	bool prev_complete_missed = false;
	bool current_met = false, have_current = false;
	int64_t current_end = 0, next_end = 0;
	int rc;

	assert(out && err);
	catalog_rhythm_init(out);
	if (!cadence_parse(cadence, &c))
		return siar_err_set(err, SIAR_EINVAL, "unknown cadence '%s'",
				    cadence);
	if (to <= from)
		return siar_err_set(err, SIAR_EINVAL,
				    "the report's period is empty");
	if (n) {
		t = malloc(n * sizeof(*t));
		if (!t)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		memcpy(t, published, n * sizeof(*t));
		qsort(t, n, sizeof(*t), catalog_cmp_i64);
	}
	/* Ours, not the caller's: the rhythm may outlive the show. */
	out->cadence = cadence_names[c];
	until = to < now ? to : now;
	/* An episode published this very second counts as published. */
	for (i = 0; i < n && t[i] <= until; i++)
		out->last_published_unix = t[i];

	/*
	 * Walk every period from the earlier of 'from' and the first
	 * episode to the one holding 'now' (the streak may reach back before
	 * 'from'); keep those that overlap [from, to).
	 */
	walk_from = n && t[0] < from ? t[0] : from;
	rc = local_date(walk_from, tz, &day, err);
	if (!rc) {
		first = period_first_day(c, day);
		rc = date_start(first, tz, &start, err);
	}
	while (!rc) {
		day = period_next_day(c, first);
		rc = date_start(day, tz, &end, err);
		if (rc)
			break;
		p.start_unix = start;
		p.end_unix = end;
		p.n_published = count_in(t, n, &pos, start, end);
		p.complete = end <= now;
		if (end > from && start < to)
			rc = push_period(out, &cap, &p, err);
		if (rc)
			break;
		if (end > from && start < to && p.complete && end <= to) {
			if (p.n_published)
				out->n_met++;
			else
				out->n_missed++;
		}
		if (p.complete) {
			/* A streak counts the periods met since the last miss. */
			streak = p.n_published ? streak + 1 : 0;
			prev_complete_missed = !p.n_published;
		} else if (!have_current) {
			have_current = true;
			current_met = p.n_published > 0;
			current_end = end;
		} else {
			next_end = end;
			break;
		}
		if (start >= now && start >= to)
			break;
		first = day;
		start = end;
	}
	if (rc) {
		free(t);
		catalog_rhythm_release(out);
		return rc;
	}
	out->streak = streak + (current_met ? 1 : 0);
	/* Due by the end of this period, or of the next once this one is met. */
	if (have_current)
		out->next_due_unix = current_met && next_end ? next_end
							     : current_end;
	/* Overdue: the last whole period went by empty, and so far this one. */
	out->overdue = have_current && !current_met && prev_complete_missed;
	longest_gap(out, t, n, from, until);
	free(t);
	return SIAR_OK;
}
