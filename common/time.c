/*
 * Time in named zones. The C library converts only through the process's
 * TZ variable, so each conversion sets TZ around localtime_r()/mktime() and
 * puts it back; offsets are derived arithmetically so that nothing depends
 * on the non-standard tm_gmtoff.
 */
#include "siar.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char *const weekday_names[] = {
	"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat",
};
static const char *const month_names[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

/* Howard Hinnant's days_from_civil, valid for the whole proleptic range. */
int64_t siar_days_from_civil(int year, int month, int day)
{
	int64_t y = (int64_t)year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t mp = (month + 9) % 12;
	int64_t doy = (153 * mp + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

/* The file of zone 'tz' in the zone database ($TZDIR, as the C library). */
static void zone_path(struct siar_buf *path, const char *dir, const char *tz)
{
	siar_buf_addf(path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo",
		      tz);
}

bool siar_tz_valid(const char *tz)
{
	/* The last zone found, so a feed's 10,000 dates look it up once. */
	static char last[256];
	static char last_dir[256];
	const char *dir = getenv("TZDIR");
	struct siar_buf path;
	size_t tz_len, dir_len;
	bool ok;

	if (!tz || !*tz)
		return false;
	if (!strcmp(tz, "UTC"))
		return true;
	if (tz[0] == '/' || strstr(tz, "..") || tz[0] == ':')
		return false;
	if (!dir)
		dir = "";
	if (last[0] && !strcmp(last, tz) && !strcmp(last_dir, dir))
		return true;
	siar_buf_init(&path, 4096);
	zone_path(&path, dir, tz);
	ok = !path.failed && access(path.buf, R_OK) == 0;
	siar_buf_release(&path);
	tz_len = strlen(tz);
	dir_len = strlen(dir);
	if (ok && tz_len < sizeof(last) && dir_len < sizeof(last_dir)) {
		memcpy(last, tz, tz_len + 1);
		memcpy(last_dir, dir, dir_len + 1);
	}
	return ok;
}

/*
 * The TZ a conversion found and must put back. When TZ already names the
 * zone (a writer holding it, see siar_tz_hold) nothing changes: tzset()
 * rereads the zone file each time TZ changes, and a feed of 10,000 dates
 * would read it 20,000 times.
 */
struct tz_saved {
	char *value;	/* a copy of the old TZ, NULL if it was unset */
	bool had;	/* TZ was set */
	bool unchanged; /* TZ already was the zone: nothing to put back */
};

/* Set TZ to 'tz', remembering the previous value in 'saved'. */
static int tz_push(const char *tz, struct tz_saved *saved)
{
	const char *old = getenv("TZ");

	saved->had = old != NULL;
	saved->value = NULL;
	saved->unchanged = old && !strcmp(old, tz);
	if (saved->unchanged)
		return SIAR_OK;
	if (old) {
		saved->value = siar_strdup(old);
		if (!saved->value)
			return SIAR_ENOMEM;
	}
	if (setenv("TZ", tz, 1)) {
		free(saved->value);
		saved->value = NULL;
		return SIAR_ENOMEM;
	}
	tzset();
	return SIAR_OK;
}

static void tz_pop(struct tz_saved *saved)
{
	if (saved->unchanged)
		return;
	if (saved->had)
		setenv("TZ", saved->value, 1);
	else
		unsetenv("TZ");
	free(saved->value);
	saved->value = NULL;
	tzset();
}

/* The zone siar_tz_hold() set, and what it replaced. */
static struct tz_saved held;
static bool holding;
static char held_tz[256]; /* its name; "" if too long to keep */

/* Whether 'tz' is the zone held, known good and already TZ. */
static bool is_held(const char *tz)
{
	return holding && held_tz[0] && tz && !strcmp(tz, held_tz);
}

/*
 * The held zone's offset from 'from' on, when one offset holds for every
 * date from then: see tz_fixed_find(). glibc converts such dates by
 * parsing the zone file's rule again on each call, a fifth of a feed
 * writer's time; arithmetic gives the same answer.
 */
static struct {
	bool ok;
	int64_t from;
	int offset_s;
} held_fixed;

/* A big-endian integer of 'n' bytes at 'p', signed when 'n' is 8. */
static int64_t be_int(const unsigned char *p, int n)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < n; i++)
		v = v << 8 | p[i];
	return n == 8 ? (int64_t)v : (int64_t)(uint32_t)v;
}

/*
 * Whether the POSIX TZ rule 's' names a standard time only ("WIB-7",
 * "<+07>-7", "UTC0"): no daylight saving time, so one offset.
 */
static bool rule_fixed(const char *s, size_t len)
{
	size_t i = 0;

	if (len && s[0] == '<') {
		while (i < len && s[i] != '>')
			i++;
		if (i == len)
			return false;
		i++;
	} else {
		while (i < len && isalpha((unsigned char)s[i]))
			i++;
	}
	if (i < 3 || i == len)
		return false;
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == '+' ||
			   s[i] == '-' || s[i] == ':'))
		i++;
	return i == len;
}

/*
 * The time after which the zone file at 'path' keeps one offset: its last
 * transition, when the rule that follows it (the footer of a TZif file of
 * version 2 or later, RFC 8536) has no daylight saving time and the file
 * counts no leap seconds. False when there is no such time or the file
 * cannot be read as such.
 */
#define TZIF_MAX ((size_t)64 << 10)

static bool tzif_fixed_from(const char *path, int64_t *from)
{
	unsigned char *d = NULL;
	size_t n = 0, at, v1, v2;
	int64_t cnt[6];	/* isut, isstd, leap, time, type, char */
	const unsigned char *nl;
	FILE *fp = fopen(path, "rb");
	bool ok = false;
	int i;

	if (!fp)
		return false;
	/* Zone files are a few KiB; one as big as TZIF_MAX is refused. */
	d = malloc(TZIF_MAX);
	if (d)
		n = fread(d, 1, TZIF_MAX, fp);
	fclose(fp);
	if (!d || n < 44 || n == TZIF_MAX || memcmp(d, "TZif", 4) || !d[4])
		goto out;
	for (i = 0; i < 6; i++)
		cnt[i] = be_int(d + 20 + 4 * i, 4);
	v1 = (size_t)(cnt[3] * 5 + cnt[4] * 6 + cnt[5] + cnt[2] * 8 +
		      cnt[1] + cnt[0]);
	at = 44 + v1;
	if (n < at + 44 || memcmp(d + at, "TZif", 4))
		goto out;
	for (i = 0; i < 6; i++)
		cnt[i] = be_int(d + at + 20 + 4 * i, 4);
	at += 44;
	v2 = (size_t)(cnt[3] * 9 + cnt[4] * 6 + cnt[5] + cnt[2] * 12 +
		      cnt[1] + cnt[0]);
	if (cnt[2] || !cnt[3] || n < at + v2 + 2 || d[at + v2] != '\n')
		goto out;
	*from = be_int(d + at + (size_t)(cnt[3] - 1) * 8, 8);
	at += v2 + 1;
	nl = memchr(d + at, '\n', n - at);
	ok = nl && rule_fixed((const char *)d + at, (size_t)(nl - (d + at)));
out:
	free(d);
	return ok;
}

bool siar_tz_held_fixed(int64_t *from, int *offset_s)
{
	if (held_fixed.ok) {
		*from = held_fixed.from;
		*offset_s = held_fixed.offset_s;
	}
	return held_fixed.ok;
}

/* The last second of the year 9999, the C library's range and more. */
#define FIXED_UNTIL INT64_C(253402300799)

/* Howard Hinnant's civil_from_days, the inverse of siar_days_from_civil(). */
void siar_civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t m = mp < 10 ? mp + 3 : mp - 9;

	*year = (int)(yoe + era * 400 + (m <= 2));
	*month = (int)m;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

/* The date and weekday of day 'days' since 1970-01-01. */
static void civil_from_days(int64_t days, struct siar_tm *out)
{
	siar_civil_from_days(days, &out->year, &out->month, &out->day);
	/* 1970-01-01 was a Thursday. */
	out->weekday = (int)(((days % 7) + 11) % 7);
}

static int to_local(int64_t unix_s, const char *tz, struct siar_tm *out,
		    struct siar_err *err);

/*
 * Note in held_fixed whether the zone just held, 'tz', keeps one offset
 * from some time on, and which.
 */
static void tz_fixed_find(const char *tz)
{
	struct siar_err err = {0};
	struct siar_buf path;
	struct siar_tm tm;
	int64_t from = 0;

	held_fixed.ok = false;
	siar_buf_init(&path, 4096);
	zone_path(&path, getenv("TZDIR"), tz);
	/* After the transition itself, whichever rule the C library
	 * applies at that instant. */
	if (!path.failed && tzif_fixed_from(path.buf, &from) &&
	    from < INT64_MAX && !to_local(from + 1, tz, &tm, &err)) {
		held_fixed.from = from + 1;
		held_fixed.offset_s = tm.utc_offset_s;
		held_fixed.ok = true;
	}
	siar_buf_release(&path);
}

int siar_tz_hold(const char *tz, struct siar_err *err)
{
	if (holding)
		siar_tz_release();
	if (!siar_tz_valid(tz))
		return siar_err_set(err, SIAR_EINVAL, "unknown time zone '%s'",
				    tz ? tz : "");
	if (tz_push(tz, &held))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	holding = true;
	held_tz[0] = '\0';
	if (strlen(tz) < sizeof(held_tz))
		memcpy(held_tz, tz, strlen(tz) + 1);
	tz_fixed_find(tz);
	return SIAR_OK;
}

void siar_tz_release(void)
{
	if (!holding)
		return;
	tz_pop(&held);
	holding = false;
	held_fixed.ok = false;
}

static int check_zone(const char *tz, struct siar_err *err)
{
	if (!siar_tz_valid(tz))
		return siar_err_set(err, SIAR_EINVAL, "unknown time zone '%s'",
				    tz ? tz : "");
	return SIAR_OK;
}

int siar_time_to_local(int64_t unix_s, const char *tz, struct siar_tm *out,
		       struct siar_err *err)
{
	int64_t local_s, days, secs;

	if (held_fixed.ok && unix_s >= held_fixed.from &&
	    unix_s <= FIXED_UNTIL && is_held(tz)) {
		local_s = unix_s + held_fixed.offset_s;
		days = local_s / 86400 - (local_s % 86400 < 0);
		secs = local_s - days * 86400;
		civil_from_days(days, out);
		out->hour = (int)(secs / 3600);
		out->minute = (int)(secs % 3600 / 60);
		out->second = (int)(secs % 60);
		out->utc_offset_s = held_fixed.offset_s;
		return SIAR_OK;
	}
	return to_local(unix_s, tz, out, err);
}

/* siar_time_to_local() through the C library. */
static int to_local(int64_t unix_s, const char *tz, struct siar_tm *out,
		    struct siar_err *err)
{
	time_t t = (time_t)unix_s;
	struct tm tm;
	struct tz_saved saved;
	bool ok;
	int64_t local_s;

	/*
	 * The zone held (a feed's, for each of its dates) is known good and
	 * already TZ: no lookups in the environment, two a date otherwise.
	 */
	if (is_held(tz)) {
		ok = localtime_r(&t, &tm) != NULL;
	} else {
		if (check_zone(tz, err))
			return err->code;
		if (tz_push(tz, &saved))
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		ok = localtime_r(&t, &tm) != NULL;
		tz_pop(&saved);
	}
	if (!ok)
		return siar_err_set(err, SIAR_EINVAL,
				    "time %lld out of range", (long long)unix_s);
	out->year = tm.tm_year + 1900;
	out->month = tm.tm_mon + 1;
	out->day = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->minute = tm.tm_min;
	out->second = tm.tm_sec;
	out->weekday = tm.tm_wday;
	local_s = siar_days_from_civil(out->year, out->month, out->day) * 86400 +
		  out->hour * 3600 + out->minute * 60 + out->second;
	out->utc_offset_s = (int)(local_s - unix_s);
	return SIAR_OK;
}

/* Read exactly 'n' digits at '*p' into '*v' and advance. */
static bool take_digits(const char **p, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return false;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return true;
}

static bool take_char(const char **p, const char *allowed)
{
	if (!**p || !strchr(allowed, **p))
		return false;
	(*p)++;
	return true;
}

static bool parse_wall_clock(const char *text, struct tm *tm)
{
	const char *p = text;
	int y, mo, d, h, mi, s = 0;

	if (!take_digits(&p, 4, &y) || !take_char(&p, "-") ||
	    !take_digits(&p, 2, &mo) || !take_char(&p, "-") ||
	    !take_digits(&p, 2, &d) || !take_char(&p, " T") ||
	    !take_digits(&p, 2, &h) || !take_char(&p, ":") ||
	    !take_digits(&p, 2, &mi))
		return false;
	if (*p == ':' && (p++, !take_digits(&p, 2, &s)))
		return false;
	if (*p)
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
	    s > 59)
		return false;
	memset(tm, 0, sizeof(*tm));
	tm->tm_year = y - 1900;
	tm->tm_mon = mo - 1;
	tm->tm_mday = d;
	tm->tm_hour = h;
	tm->tm_min = mi;
	tm->tm_sec = s;
	tm->tm_isdst = -1;
	return true;
}

int siar_time_parse_local(const char *text, const char *tz, int64_t *unix_s,
			  struct siar_err *err)
{
	struct tm tm, want;
	struct tz_saved saved;
	time_t t;

	if (!parse_wall_clock(text, &tm))
		return siar_err_set(err, SIAR_EINVAL,
				    "bad time '%s': expected YYYY-MM-DD HH:MM",
				    text);
	if (check_zone(tz, err))
		return err->code;
	want = tm;
	if (tz_push(tz, &saved))
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	t = mktime(&tm);
	tz_pop(&saved);
	/* mktime() normalises 31 April into 1 May; we refuse such dates. */
	if (t == (time_t)-1 || tm.tm_mday != want.tm_mday ||
	    tm.tm_mon != want.tm_mon)
		return siar_err_set(err, SIAR_EINVAL,
				    "bad time '%s': no such date", text);
	*unix_s = (int64_t)t;
	return SIAR_OK;
}

/* Two decimal digits of 'v' (0-99) at 'p'. */
static void put2(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

/* A local time with its UTC offset split as both date formats write it. */
struct zoned_time {
	struct siar_tm tm;
	char sign;	 /* '+' or '-' */
	int off_hours;	 /* of the offset's absolute value */
	int off_minutes; /* 0-59 */
};

/* 'unix_s' as local time in zone 'tz', into '*zt'. */
static int zoned_time(int64_t unix_s, const char *tz, struct zoned_time *zt,
		      struct siar_err *err)
{
	int off;

	if (siar_time_to_local(unix_s, tz, &zt->tm, err))
		return err->code;
	off = zt->tm.utc_offset_s < 0 ? -zt->tm.utc_offset_s
				      : zt->tm.utc_offset_s;
	zt->sign = zt->tm.utc_offset_s < 0 ? '-' : '+';
	zt->off_hours = off / 3600;
	zt->off_minutes = off % 3600 / 60;
	return SIAR_OK;
}

int siar_time_rfc2822(struct siar_buf *b, int64_t unix_s, const char *tz,
		      struct siar_err *err)
{
	struct zoned_time zt;
	const struct siar_tm *lt = &zt.tm;

	char out[31];	/* "Wed, 01 Jan 2025 06:00:00 +0700" */

	if (zoned_time(unix_s, tz, &zt, err))
		return err->code;
	/* A feed formats one per episode: digits by hand, not printf. */
	if (lt->year < 0 || lt->year > 9999 || zt.off_hours > 99) {
		siar_buf_addf(b, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
			      weekday_names[lt->weekday], lt->day,
			      month_names[lt->month - 1], lt->year, lt->hour,
			      lt->minute, lt->second, zt.sign, zt.off_hours,
			      zt.off_minutes);
		return siar_buf_check(b, err);
	}
	memcpy(out, weekday_names[lt->weekday], 3);
	out[3] = ',';
	out[4] = ' ';
	put2(out + 5, lt->day);
	out[7] = ' ';
	memcpy(out + 8, month_names[lt->month - 1], 3);
	out[11] = ' ';
	put2(out + 12, lt->year / 100);
	put2(out + 14, lt->year % 100);
	out[16] = ' ';
	put2(out + 17, lt->hour);
	out[19] = ':';
	put2(out + 20, lt->minute);
	out[22] = ':';
	put2(out + 23, lt->second);
	out[25] = ' ';
	out[26] = zt.sign;
	put2(out + 27, zt.off_hours);
	put2(out + 29, zt.off_minutes);
	siar_buf_add(b, out, sizeof(out));
	return siar_buf_check(b, err);
}

int siar_time_rfc3339(struct siar_buf *b, int64_t unix_s, const char *tz,
		      struct siar_err *err)
{
	struct zoned_time zt;
	const struct siar_tm *lt = &zt.tm;

	if (zoned_time(unix_s, tz, &zt, err))
		return err->code;
	siar_buf_addf(b, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", lt->year,
		      lt->month, lt->day, lt->hour, lt->minute, lt->second,
		      zt.sign, zt.off_hours, zt.off_minutes);
	return siar_buf_check(b, err);
}

int siar_time_day(char out[SIAR_DAY_MAX], int64_t unix_s, const char *tz,
		  struct siar_err *err)
{
	struct siar_tm tm;
	char wide[40];

	if (siar_time_to_local(unix_s, tz, &tm, err)) {
		memcpy(out, "?", 2);
		return err->code;
	}
	/* Through a wider buffer: the compiler cannot see that the fields
	 * fit their widths. */
	snprintf(wide, sizeof(wide), "%04d-%02d-%02d", tm.year % 10000,
		 tm.month, tm.day);
	snprintf(out, SIAR_DAY_MAX, "%.10s", wide);
	return SIAR_OK;
}
