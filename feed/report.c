/*
 * Reports of publishing rhythm, written for the office that reports
 * upward: plain text for the terminal, Markdown for a message, CSV for a
 * spreadsheet, JSON for other programs, and one self-contained HTML page
 * with SVG charts that prints on A4. Every format carries the same
 * figures, computed by catalog_show_report().
 *
 * JSON is written with jansson and HTML (XHTML with inline SVG) with
 * libxml2's xmlTextWriter, so every value is escaped by the library.
 */
#include "feed.h"
#include "xmllib.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define XC(s) ((const xmlChar *)(s))

/* ---- Labels ------------------------------------------------------------ */

enum label {
	L_TITLE, L_PERIOD, L_TO, L_SHOW, L_OFFICE, L_CADENCE, L_PERIODS_MET,
	L_PERIODS_MISSED, L_LONGEST_GAP, L_STREAK, L_NEXT_DUE, L_OVERDUE,
	L_ON_TRACK, L_EPISODES, L_VIDEOS, L_MINUTES, L_GUESTS, L_NEW,
	L_RETURNING, L_TOPICS, L_WAITING, L_REVIEW_TIME, L_MEDIAN, L_LONGEST,
	L_DAYS, L_NONE, L_SUMMARY, L_REGION, L_TOTAL, L_LAST_EPISODE,
	L_SINCE, L_STATUS, L_COUNT
};

/* Indonesian first: the offices report upward in Indonesian. */
static const char *const labels[L_COUNT][2] = {
	[L_TITLE] = {"Laporan ritme publikasi", "Publishing rhythm report"},
	[L_PERIOD] = {"Periode", "Period"},
	[L_TO] = {"s.d.", "to"},
	[L_SHOW] = {"Program", "Show"},
	[L_OFFICE] = {"Kantor", "Office"},
	[L_CADENCE] = {"Target", "Target"},
	[L_PERIODS_MET] = {"Periode terpenuhi", "Periods met"},
	[L_PERIODS_MISSED] = {"Periode terlewat", "Periods missed"},
	[L_LONGEST_GAP] = {"Jeda terpanjang", "Longest gap"},
	[L_STREAK] = {"Beruntun", "Current streak"},
	[L_NEXT_DUE] = {"Jatuh tempo berikutnya", "Next due"},
	[L_OVERDUE] = {"TERLAMBAT", "OVERDUE"},
	[L_ON_TRACK] = {"sesuai jadwal", "on track"},
	[L_EPISODES] = {"Episode terbit", "Episodes published"},
	[L_VIDEOS] = {"Video", "Videos"},
	[L_MINUTES] = {"Total menit", "Total minutes"},
	[L_GUESTS] = {"Narasumber", "Guests"},
	[L_NEW] = {"baru", "new"},
	[L_RETURNING] = {"kembali", "returning"},
	[L_TOPICS] = {"Topik", "Topics"},
	[L_WAITING] = {"Menunggu peninjauan", "Waiting for review"},
	[L_REVIEW_TIME] = {"Waktu dari pengajuan sampai terbit",
			   "Time from submission to publication"},
	[L_MEDIAN] = {"median", "median"},
	[L_LONGEST] = {"terlama", "longest"},
	[L_DAYS] = {"hari", "days"},
	[L_NONE] = {"tidak ada", "none"},
	[L_SUMMARY] = {"Ringkasan per kantor", "Summary by office"},
	[L_REGION] = {"Wilayah", "Region"},
	[L_TOTAL] = {"Jumlah", "Total"},
	[L_LAST_EPISODE] = {"Episode terakhir", "Last episode"},
	[L_SINCE] = {"sejak", "since"},
	[L_STATUS] = {"Status", "Status"},
};

static const char *const cadence_names[][3] = {
	{"daily", "harian", "daily"},
	{"weekly", "mingguan", "weekly"},
	{"biweekly", "dua mingguan", "every two weeks"},
	{"monthly", "bulanan", "monthly"},
};

struct report_writer {
	const struct feed_report_opts *opts;
	int lang; /* 0: Indonesian, 1: English */
	FILE *out;
	struct siar_err *err;
};

static const char *L(const struct report_writer *w, enum label l)
{
	return labels[l][w->lang];
}

static const char *cadence_label(const struct report_writer *w,
				 const char *cadence)
{
	size_t i;

	for (i = 0; i < sizeof(cadence_names) / sizeof(cadence_names[0]); i++)
		if (!strcmp(cadence, cadence_names[i][0]))
			return cadence_names[i][1 + w->lang];
	return cadence;
}

void feed_report_opts_init(struct feed_report_opts *opts)
{
	memset(opts, 0, sizeof(*opts));
	opts->format = FEED_REPORT_TEXT;
}

int feed_report_format_parse(const char *name, enum feed_report_format *out)
{
	static const char *const names[] = {"text", "md", "csv", "json",
					    "html"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!strcmp(name, names[i])) {
			*out = (enum feed_report_format)i;
			return SIAR_OK;
		}
	}
	return SIAR_EINVAL;
}

/* ---- Dates and durations ----------------------------------------------- */

/* "2025-01-31" in zone 'tz' (the day before when 'end' is a midnight that
 * closes a period: the period's last day). */
static void day_text(char out[16], int64_t t, const char *tz, bool end)
{
	struct siar_err err = {0};

	siar_time_day(out, end ? t - 1 : t, tz, &err);
}

/* Whole days, rounded down, of 's' seconds. */
static int64_t days(int64_t s)
{
	return s / 86400;
}

/* Minutes, rounded to the nearest, of 'ms'. */
static int64_t minutes(int64_t ms)
{
	return (ms + 30000) / 60000;
}

/* ---- Summary by office --------------------------------------------------- */

/* One office's row: its shows' figures added up. */
struct office_row {
	const char *region;
	const char *office;
	const char *level;
	size_t n_shows;
	size_t n_episodes, n_videos;
	int64_t total_ms;
	size_t n_met, n_missed;
	size_t n_overdue; /* shows */
	int64_t last_published_unix;
	const char *tz;
};

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static int office_cmp(const void *a, const void *b)
{
	const struct office_row *x = a, *y = b;
	int c = strcmp(or_dash(x->region), or_dash(y->region));

	return c ? c : strcmp(or_dash(x->office), or_dash(y->office));
}

/* The rows of the summary, grouped by region then office; caller frees. */
static struct office_row *office_rows(const struct catalog_show_report *r,
				      size_t n, size_t *n_rows)
{
	struct office_row *rows = calloc(n ? n : 1, sizeof(*rows));
	struct office_row *o;
	const struct catalog_show *s;
	size_t i, j;

	*n_rows = 0;
	if (!rows)
		return NULL;
	for (i = 0; i < n; i++) {
		s = &r[i].show;
		for (j = 0; j < *n_rows; j++)
			if (!strcmp(or_dash(rows[j].office),
				    or_dash(s->office_name ? s->office_name
							   : s->title)))
				break;
		o = &rows[j];
		if (j == *n_rows) {
			(*n_rows)++;
			o->office = s->office_name ? s->office_name : s->title;
			o->region = s->office_region;
			o->level = s->office_level;
			o->tz = s->timezone;
		}
		o->n_shows++;
		o->n_episodes += r[i].n_episodes;
		o->n_videos += r[i].n_videos;
		o->total_ms += r[i].total_ms;
		o->n_met += r[i].rhythm.n_met;
		o->n_missed += r[i].rhythm.n_missed;
		o->n_overdue += r[i].rhythm.overdue;
		if (r[i].rhythm.last_published_unix > o->last_published_unix)
			o->last_published_unix =
			    r[i].rhythm.last_published_unix;
	}
	qsort(rows, *n_rows, sizeof(*rows), office_cmp);
	return rows;
}

/* ---- Text and Markdown ------------------------------------------------- */

static void text_show(struct report_writer *w,
		      const struct catalog_show_report *r, bool md)
{
	const struct catalog_rhythm *h = &r->rhythm;
	const char *tz = r->show.timezone;
	const char *bullet = md ? "- " : "  ";
	char a[16], b[16];
	size_t i;

	if (md)
		fprintf(w->out, "\n## %s (`%s`)\n\n", r->show.title,
			r->show.slug);
	else
		fprintf(w->out, "\n%s (%s)\n", r->show.title, r->show.slug);
	if (r->show.office_name)
		fprintf(w->out, "%s%s: %s%s%s%s%s\n", bullet, L(w, L_OFFICE),
			r->show.office_name,
			r->show.office_level ? ", " : "",
			r->show.office_level ? r->show.office_level : "",
			r->show.office_region ? ", " : "",
			r->show.office_region ? r->show.office_region : "");
	fprintf(w->out, "%s%s: %s; %s: %zu; %s: %zu; %s: %zu\n", bullet,
		L(w, L_CADENCE), cadence_label(w, h->cadence),
		L(w, L_PERIODS_MET), h->n_met, L(w, L_PERIODS_MISSED),
		h->n_missed, L(w, L_STREAK), h->streak);
	if (days(h->longest_gap_s)) {
		day_text(a, h->longest_gap_from, tz, false);
		day_text(b, h->longest_gap_to, tz, false);
		fprintf(w->out, "%s%s: %" PRId64 " %s (%s %s %s)\n", bullet,
			L(w, L_LONGEST_GAP), days(h->longest_gap_s),
			L(w, L_DAYS), a, L(w, L_TO), b);
	}
	if (h->last_published_unix) {
		day_text(a, h->last_published_unix, tz, false);
		fprintf(w->out, "%s%s: %s\n", bullet, L(w, L_LAST_EPISODE), a);
	}
	if (h->next_due_unix) {
		day_text(a, h->next_due_unix, tz, true);
		fprintf(w->out, "%s%s: %s (%s)\n", bullet, L(w, L_NEXT_DUE), a,
			h->overdue ? L(w, L_OVERDUE) : L(w, L_ON_TRACK));
	}
	fprintf(w->out, "%s%s: %zu; %s: %zu; %s: %" PRId64 "\n", bullet,
		L(w, L_EPISODES), r->n_episodes, L(w, L_VIDEOS), r->n_videos,
		L(w, L_MINUTES), minutes(r->total_ms));
	fprintf(w->out, "%s%s: %zu (%zu %s, %zu %s)\n", bullet,
		L(w, L_GUESTS), r->n_guests, r->n_new_guests, L(w, L_NEW),
		r->n_guests - r->n_new_guests, L(w, L_RETURNING));
	for (i = 0; i < r->n_guests; i++)
		fprintf(w->out, "%s  %s%s%s%s (%zu, %s)\n", md ? "  " : "  ",
			md ? "- " : "", r->guests[i].name,
			r->guests[i].organisation ? ", " : "",
			r->guests[i].organisation ? r->guests[i].organisation
						  : "",
			r->guests[i].n_episodes,
			r->guests[i].is_new ? L(w, L_NEW) : L(w, L_RETURNING));
	fprintf(w->out, "%s%s:", bullet, L(w, L_TOPICS));
	for (i = 0; i < r->n_topics; i++)
		fprintf(w->out, "%s %s (%zu)", i ? "," : "", r->topics[i].name,
			r->topics[i].n_episodes);
	fprintf(w->out, "%s\n", r->n_topics ? "" : L(w, L_NONE));
	fprintf(w->out, "%s%s: %zu\n", bullet, L(w, L_WAITING), r->n_waiting);
	for (i = 0; i < r->n_waiting; i++) {
		day_text(a, r->waiting[i].since_unix, tz, false);
		fprintf(w->out, "%s  %s#%" PRId64 " %s (%s, %s %s, %" PRId64
				" %s)\n",
			md ? "  " : "  ", md ? "- " : "",
			r->waiting[i].episode_id, r->waiting[i].title,
			r->waiting[i].status, L(w, L_SINCE), a,
			days(r->now_unix - r->waiting[i].since_unix),
			L(w, L_DAYS));
	}
	if (r->n_lead_times)
		fprintf(w->out,
			"%s%s: %s %.1f %s, %s %.1f %s\n", bullet,
			L(w, L_REVIEW_TIME), L(w, L_MEDIAN),
			(double)r->lead_median_s / 86400.0, L(w, L_DAYS),
			L(w, L_LONGEST), (double)r->lead_max_s / 86400.0,
			L(w, L_DAYS));
}

static void text_summary(struct report_writer *w,
			 const struct catalog_show_report *r, size_t n,
			 bool md)
{
	struct office_row *rows;
	size_t n_rows, i;
	char last[16];

	rows = office_rows(r, n, &n_rows);
	if (!rows)
		return;
	if (md) {
		fprintf(w->out, "\n## %s\n\n| %s | %s | %s | %s | %s | %s |"
				" %s |\n|---|---|---:|---:|---:|---:|---|\n",
			L(w, L_SUMMARY), L(w, L_REGION), L(w, L_OFFICE),
			L(w, L_EPISODES), L(w, L_VIDEOS), L(w, L_MINUTES),
			L(w, L_PERIODS_MET), L(w, L_STATUS));
	} else {
		fprintf(w->out, "\n%s\n", L(w, L_SUMMARY));
	}
	for (i = 0; i < n_rows; i++) {
		last[0] = '\0';
		if (rows[i].last_published_unix)
			day_text(last, rows[i].last_published_unix, rows[i].tz,
				 false);
		if (md)
			fprintf(w->out,
				"| %s | %s | %zu | %zu | %" PRId64
				" | %zu / %zu | %s |\n",
				or_dash(rows[i].region),
				or_dash(rows[i].office), rows[i].n_episodes,
				rows[i].n_videos, minutes(rows[i].total_ms),
				rows[i].n_met,
				rows[i].n_met + rows[i].n_missed,
				rows[i].n_overdue ? L(w, L_OVERDUE)
						  : L(w, L_ON_TRACK));
		else
			fprintf(w->out,
				"  %s / %s: %s %zu, %s %zu, %s %" PRId64
				", %s %zu/%zu, %s %s: %s\n",
				or_dash(rows[i].region),
				or_dash(rows[i].office), L(w, L_EPISODES),
				rows[i].n_episodes, L(w, L_VIDEOS),
				rows[i].n_videos, L(w, L_MINUTES),
				minutes(rows[i].total_ms),
				L(w, L_PERIODS_MET), rows[i].n_met,
				rows[i].n_met + rows[i].n_missed,
				L(w, L_LAST_EPISODE), last[0] ? last : "-",
				rows[i].n_overdue ? L(w, L_OVERDUE)
						  : L(w, L_ON_TRACK));
	}
	free(rows);
}

/* ---- CSV --------------------------------------------------------------- */

/* A CSV field (RFC 4180): quoted, quotes doubled. */
static void csv_field(FILE *out, const char *s, bool last)
{
	fputc('"', out);
	for (; s && *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputs(last ? "\"\r\n" : "\",", out);
}

static void csv_num(FILE *out, int64_t v, bool last)
{
	fprintf(out, "%" PRId64 "%s", v, last ? "\r\n" : ",");
}

static void write_csv(struct report_writer *w,
		      const struct catalog_show_report *r, size_t n)
{
	static const char *const head[] = {
		"show", "title", "office", "level", "region", "from", "to",
		"cadence", "periods", "met", "missed", "streak",
		"longest_gap_days", "last_published", "next_due", "overdue",
		"episodes", "videos", "minutes", "guests", "new_guests",
		"topics", "waiting_for_review", "review_median_days",
	};
	const struct catalog_show_report *x;
	char a[16], b[16];
	size_t i, k;

	for (k = 0; k < sizeof(head) / sizeof(head[0]); k++)
		csv_field(w->out, head[k], k + 1 == sizeof(head) / sizeof(head[0]));
	for (i = 0; i < n; i++) {
		x = &r[i];
		csv_field(w->out, x->show.slug, false);
		csv_field(w->out, x->show.title, false);
		csv_field(w->out, x->show.office_name, false);
		csv_field(w->out, x->show.office_level, false);
		csv_field(w->out, x->show.office_region, false);
		day_text(a, x->from_unix, x->show.timezone, false);
		day_text(b, x->to_unix, x->show.timezone, true);
		csv_field(w->out, a, false);
		csv_field(w->out, b, false);
		csv_field(w->out, x->rhythm.cadence, false);
		csv_num(w->out, (int64_t)x->rhythm.n_periods, false);
		csv_num(w->out, (int64_t)x->rhythm.n_met, false);
		csv_num(w->out, (int64_t)x->rhythm.n_missed, false);
		csv_num(w->out, (int64_t)x->rhythm.streak, false);
		csv_num(w->out, days(x->rhythm.longest_gap_s), false);
		a[0] = '\0';
		if (x->rhythm.last_published_unix)
			day_text(a, x->rhythm.last_published_unix,
				 x->show.timezone, false);
		csv_field(w->out, a, false);
		day_text(a, x->rhythm.next_due_unix, x->show.timezone, true);
		csv_field(w->out, a, false);
		csv_field(w->out, x->rhythm.overdue ? "yes" : "no", false);
		csv_num(w->out, (int64_t)x->n_episodes, false);
		csv_num(w->out, (int64_t)x->n_videos, false);
		csv_num(w->out, minutes(x->total_ms), false);
		csv_num(w->out, (int64_t)x->n_guests, false);
		csv_num(w->out, (int64_t)x->n_new_guests, false);
		csv_num(w->out, (int64_t)x->n_topics, false);
		csv_num(w->out, (int64_t)x->n_waiting, false);
		fprintf(w->out, "%.1f\r\n",
			(double)x->lead_median_s / 86400.0);
	}
}

/* ---- JSON -------------------------------------------------------------- */

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jday(int64_t t, const char *tz, bool end)
{
	char d[16];

	if (!t)
		return json_null();
	day_text(d, t, tz, end);
	return json_string(d);
}

static json_t *show_json(const struct catalog_show_report *r)
{
	const struct catalog_rhythm *h = &r->rhythm;
	const char *tz = r->show.timezone;
	json_t *o, *a, *e;
	size_t i;

	o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:s}", "show",
		      r->show.slug, "title", r->show.title, "office",
		      jstr(r->show.office_name), "level",
		      jstr(r->show.office_level), "region",
		      jstr(r->show.office_region), "from",
		      jday(r->from_unix, tz, false), "to",
		      jday(r->to_unix, tz, true), "cadence", h->cadence);
	if (!o)
		return NULL;
	a = json_array();
	for (i = 0; a && i < h->n_periods; i++)
		json_array_append_new(
		    a, json_pack("{s:o, s:o, s:I, s:b}", "start",
				 jday(h->periods[i].start_unix, tz, false),
				 "end", jday(h->periods[i].end_unix, tz, true),
				 "episodes",
				 (json_int_t)h->periods[i].n_published,
				 "complete", h->periods[i].complete));
	json_object_set_new(o, "periods", a);
	json_object_set_new(
	    o, "rhythm",
	    json_pack("{s:I, s:I, s:I, s:I, s:o, s:o, s:o, s:b}", "met",
		      (json_int_t)h->n_met, "missed", (json_int_t)h->n_missed,
		      "streak", (json_int_t)h->streak, "longest_gap_days",
		      (json_int_t)days(h->longest_gap_s), "longest_gap_from",
		      h->longest_gap_s ? jday(h->longest_gap_from, tz, false)
				       : json_null(),
		      "last_published", jday(h->last_published_unix, tz, false),
		      "next_due", jday(h->next_due_unix, tz, true), "overdue",
		      h->overdue));
	json_object_set_new(o, "episodes", json_integer((json_int_t)r->n_episodes));
	json_object_set_new(o, "videos", json_integer((json_int_t)r->n_videos));
	json_object_set_new(o, "minutes", json_integer(minutes(r->total_ms)));
	a = json_array();
	for (i = 0; a && i < r->n_guests; i++) {
		e = json_pack("{s:s, s:o, s:I, s:b}", "name",
			      r->guests[i].name, "organisation",
			      jstr(r->guests[i].organisation), "episodes",
			      (json_int_t)r->guests[i].n_episodes, "new",
			      r->guests[i].is_new);
		json_array_append_new(a, e);
	}
	json_object_set_new(o, "guests", a);
	json_object_set_new(o, "new_guests",
			    json_integer((json_int_t)r->n_new_guests));
	a = json_array();
	for (i = 0; a && i < r->n_topics; i++)
		json_array_append_new(
		    a, json_pack("{s:s, s:I}", "name", r->topics[i].name,
				 "episodes",
				 (json_int_t)r->topics[i].n_episodes));
	json_object_set_new(o, "topics", a);
	a = json_array();
	for (i = 0; a && i < r->n_waiting; i++)
		json_array_append_new(
		    a, json_pack("{s:I, s:s, s:s, s:o, s:I}", "id",
				 (json_int_t)r->waiting[i].episode_id, "title",
				 r->waiting[i].title, "status",
				 r->waiting[i].status, "since",
				 jday(r->waiting[i].since_unix, tz, false),
				 "days",
				 (json_int_t)days(r->now_unix -
						  r->waiting[i].since_unix)));
	json_object_set_new(o, "waiting_for_review", a);
	json_object_set_new(
	    o, "review_days",
	    r->n_lead_times
		? json_pack("{s:I, s:f, s:f}", "n",
			    (json_int_t)r->n_lead_times, "median",
			    (double)r->lead_median_s / 86400.0, "longest",
			    (double)r->lead_max_s / 86400.0)
		: json_null());
	return o;
}

static int write_json(struct report_writer *w,
		      const struct catalog_show_report *r, size_t n)
{
	json_t *doc = json_object(), *shows = json_array(), *offices;
	struct office_row *rows;
	size_t n_rows = 0, i;
	int rc;

	rows = office_rows(r, n, &n_rows);
	offices = json_array();
	for (i = 0; rows && i < n_rows; i++)
		json_array_append_new(
		    offices,
		    json_pack("{s:o, s:o, s:o, s:I, s:I, s:I, s:I, s:I, s:I,"
			      " s:I, s:o}",
			      "region", jstr(rows[i].region), "office",
			      jstr(rows[i].office), "level",
			      jstr(rows[i].level), "shows",
			      (json_int_t)rows[i].n_shows, "episodes",
			      (json_int_t)rows[i].n_episodes, "videos",
			      (json_int_t)rows[i].n_videos, "minutes",
			      (json_int_t)minutes(rows[i].total_ms), "met",
			      (json_int_t)rows[i].n_met, "missed",
			      (json_int_t)rows[i].n_missed, "overdue_shows",
			      (json_int_t)rows[i].n_overdue, "last_published",
			      jday(rows[i].last_published_unix, rows[i].tz,
				   false)));
	free(rows);
	for (i = 0; i < n; i++)
		json_array_append_new(shows, show_json(&r[i]));
	json_object_set_new(doc, "shows", shows);
	json_object_set_new(doc, "offices", offices);
	rc = json_dumpf(doc, w->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (rc)
		return siar_err_set(w->err, SIAR_EIO,
				    "cannot write the report");
	fputc('\n', w->out);
	return SIAR_OK;
}

/* ---- HTML with SVG charts ---------------------------------------------- */

/* libxml2 output into our FILE. */
static int html_sink(void *ctx, const char *data, int len)
{
	FILE *fp = ctx;

	return fwrite(data, 1, (size_t)len, fp) == (size_t)len ? len : -1;
}

static void el_text(xmlTextWriterPtr x, const char *name, const char *text)
{
	xmlTextWriterWriteElement(x, XC(name), XC(text ? text : ""));
}

static void el_fmt(xmlTextWriterPtr x, const char *name, const char *fmt,
		   ...) SIAR_PRINTF(3, 4);

static void el_fmt(xmlTextWriterPtr x, const char *name, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	el_text(x, name, buf);
}

static void attr_fmt(xmlTextWriterPtr x, const char *name, const char *fmt,
		     ...) SIAR_PRINTF(3, 4);

static void attr_fmt(xmlTextWriterPtr x, const char *name, const char *fmt,
		     ...)
{
	char buf[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	xmlTextWriterWriteAttribute(x, XC(name), XC(buf));
}

/*
 * The publication calendar of one show: a bar per period (its height the
 * episodes published), a missed period marked in red below its slot.
 */
static void svg_calendar(xmlTextWriterPtr x, struct report_writer *w,
			 const struct catalog_show_report *r)
{
	const struct catalog_rhythm *h = &r->rhythm;
	const double width = 680, height = 120, base = 96;
	size_t i, max = 1;
	double slot, bar;
	char day[16];

	for (i = 0; i < h->n_periods; i++)
		if (h->periods[i].n_published > max)
			max = h->periods[i].n_published;
	slot = h->n_periods ? width / (double)h->n_periods : width;
	/* A few periods should not make a wall of colour. */
	if (slot > 48)
		slot = 48;
	xmlTextWriterStartElement(x, XC("svg"));
	xmlTextWriterWriteAttribute(x, XC("xmlns"),
				    XC("http://www.w3.org/2000/svg"));
	attr_fmt(x, "viewBox", "0 0 %.0f %.0f", width, height);
	xmlTextWriterWriteAttribute(x, XC("role"), XC("img"));
	xmlTextWriterWriteAttribute(x, XC("class"), XC("calendar"));
	el_fmt(x, "title", "%s: %zu %s, %zu %s", r->show.title, h->n_met,
	       L(w, L_PERIODS_MET), h->n_missed, L(w, L_PERIODS_MISSED));
	xmlTextWriterStartElement(x, XC("line"));
	attr_fmt(x, "x1", "0");
	attr_fmt(x, "y1", "%.1f", base);
	attr_fmt(x, "x2", "%.0f", width);
	attr_fmt(x, "y2", "%.1f", base);
	xmlTextWriterWriteAttribute(x, XC("stroke"), XC("#999"));
	xmlTextWriterEndElement(x);
	for (i = 0; i < h->n_periods; i++) {
		const struct catalog_period *p = &h->periods[i];

		bar = (base - 16) * (double)p->n_published / (double)max;
		xmlTextWriterStartElement(x, XC("rect"));
		attr_fmt(x, "x", "%.1f", i * slot + slot * 0.15);
		attr_fmt(x, "y", "%.1f", base - bar);
		attr_fmt(x, "width", "%.1f", slot * 0.7);
		attr_fmt(x, "height", "%.1f", bar);
		xmlTextWriterWriteAttribute(x, XC("fill"), XC("#1d5c8b"));
		day_text(day, p->start_unix, r->show.timezone, false);
		el_fmt(x, "title", "%s: %zu", day, p->n_published);
		xmlTextWriterEndElement(x);
		if (p->n_published) {
			xmlTextWriterStartElement(x, XC("text"));
			attr_fmt(x, "x", "%.1f", i * slot + slot / 2);
			attr_fmt(x, "y", "%.1f", base - bar - 3);
			xmlTextWriterWriteAttribute(x, XC("text-anchor"),
						    XC("middle"));
			attr_fmt(x, "font-size", "9");
			attr_fmt(x, "fill", "#444");
			el_fmt(x, "tspan", "%zu", p->n_published);
			xmlTextWriterEndElement(x);
		}
		if (p->complete && !p->n_published) {
			xmlTextWriterStartElement(x, XC("rect"));
			attr_fmt(x, "x", "%.1f", i * slot + slot * 0.15);
			attr_fmt(x, "y", "%.1f", base + 4);
			attr_fmt(x, "width", "%.1f", slot * 0.7);
			attr_fmt(x, "height", "6");
			xmlTextWriterWriteAttribute(x, XC("fill"),
						    XC("#b3261e"));
			el_fmt(x, "title", "%s: %s", day,
			       L(w, L_PERIODS_MISSED));
			xmlTextWriterEndElement(x);
		}
	}
	if (h->n_periods) {
		day_text(day, h->periods[0].start_unix, r->show.timezone,
			 false);
		xmlTextWriterStartElement(x, XC("text"));
		attr_fmt(x, "x", "0");
		attr_fmt(x, "y", "%.0f", height - 2);
		xmlTextWriterWriteString(x, XC(day));
		xmlTextWriterEndElement(x);
	}
	if (h->n_periods > 2) {
		day_text(day, h->periods[h->n_periods - 1].end_unix,
			 r->show.timezone, true);
		xmlTextWriterStartElement(x, XC("text"));
		attr_fmt(x, "x", "%.0f", slot * (double)h->n_periods);
		attr_fmt(x, "y", "%.0f", height - 2);
		xmlTextWriterWriteAttribute(x, XC("text-anchor"), XC("end"));
		xmlTextWriterWriteString(x, XC(day));
		xmlTextWriterEndElement(x);
	}
	xmlTextWriterEndElement(x);
}

/* A two-column row of the show's table. */
static void html_row(xmlTextWriterPtr x, const char *k, const char *v)
{
	xmlTextWriterStartElement(x, XC("tr"));
	el_text(x, "th", k);
	el_text(x, "td", v);
	xmlTextWriterEndElement(x);
}

static void html_show(xmlTextWriterPtr x, struct report_writer *w,
		      const struct catalog_show_report *r)
{
	const struct catalog_rhythm *h = &r->rhythm;
	const char *tz = r->show.timezone;
	char v[512], a[16], b[16];
	size_t i;

	xmlTextWriterStartElement(x, XC("section"));
	xmlTextWriterWriteAttribute(x, XC("class"),
				    XC(h->overdue ? "show overdue" : "show"));
	el_text(x, "h2", r->show.title);
	svg_calendar(x, w, r);
	xmlTextWriterStartElement(x, XC("table"));
	if (r->show.office_name) {
		snprintf(v, sizeof(v), "%s%s%s", r->show.office_name,
			 r->show.office_region ? ", " : "",
			 r->show.office_region ? r->show.office_region : "");
		html_row(x, L(w, L_OFFICE), v);
	}
	html_row(x, L(w, L_CADENCE), cadence_label(w, h->cadence));
	snprintf(v, sizeof(v), "%zu / %zu", h->n_met, h->n_met + h->n_missed);
	html_row(x, L(w, L_PERIODS_MET), v);
	snprintf(v, sizeof(v), "%zu", h->streak);
	html_row(x, L(w, L_STREAK), v);
	if (days(h->longest_gap_s)) {
		day_text(a, h->longest_gap_from, tz, false);
		day_text(b, h->longest_gap_to, tz, false);
		snprintf(v, sizeof(v), "%" PRId64 " %s (%s %s %s)",
			 days(h->longest_gap_s), L(w, L_DAYS), a, L(w, L_TO),
			 b);
		html_row(x, L(w, L_LONGEST_GAP), v);
	}
	if (h->next_due_unix) {
		day_text(a, h->next_due_unix, tz, true);
		snprintf(v, sizeof(v), "%s (%s)", a,
			 h->overdue ? L(w, L_OVERDUE) : L(w, L_ON_TRACK));
		html_row(x, L(w, L_NEXT_DUE), v);
	}
	snprintf(v, sizeof(v), "%zu (%s: %zu), %" PRId64 " %s", r->n_episodes,
		 L(w, L_VIDEOS), r->n_videos, minutes(r->total_ms),
		 w->lang ? "min" : "menit");
	html_row(x, L(w, L_EPISODES), v);
	snprintf(v, sizeof(v), "%zu (%zu %s, %zu %s)", r->n_guests,
		 r->n_new_guests, L(w, L_NEW), r->n_guests - r->n_new_guests,
		 L(w, L_RETURNING));
	html_row(x, L(w, L_GUESTS), v);
	snprintf(v, sizeof(v), "%zu", r->n_waiting);
	html_row(x, L(w, L_WAITING), v);
	if (r->n_lead_times) {
		snprintf(v, sizeof(v), "%s %.1f %s, %s %.1f %s",
			 L(w, L_MEDIAN), (double)r->lead_median_s / 86400.0,
			 L(w, L_DAYS), L(w, L_LONGEST),
			 (double)r->lead_max_s / 86400.0, L(w, L_DAYS));
		html_row(x, L(w, L_REVIEW_TIME), v);
	}
	xmlTextWriterEndElement(x); /* table */
	if (r->n_guests) {
		el_text(x, "h3", L(w, L_GUESTS));
		xmlTextWriterStartElement(x, XC("ul"));
		for (i = 0; i < r->n_guests; i++)
			el_fmt(x, "li", "%s%s%s (%zu, %s)", r->guests[i].name,
			       r->guests[i].organisation ? ", " : "",
			       r->guests[i].organisation
				   ? r->guests[i].organisation
				   : "",
			       r->guests[i].n_episodes,
			       r->guests[i].is_new ? L(w, L_NEW)
						   : L(w, L_RETURNING));
		xmlTextWriterEndElement(x);
	}
	if (r->n_topics) {
		el_text(x, "h3", L(w, L_TOPICS));
		xmlTextWriterStartElement(x, XC("ul"));
		for (i = 0; i < r->n_topics; i++)
			el_fmt(x, "li", "%s (%zu)", r->topics[i].name,
			       r->topics[i].n_episodes);
		xmlTextWriterEndElement(x);
	}
	xmlTextWriterEndElement(x); /* section */
}

static void html_summary(xmlTextWriterPtr x, struct report_writer *w,
			 const struct catalog_show_report *r, size_t n)
{
	static const enum label head[] = {L_REGION, L_OFFICE, L_EPISODES,
					  L_VIDEOS, L_MINUTES,
					  L_PERIODS_MET, L_LAST_EPISODE,
					  L_STATUS};
	struct office_row *rows;
	size_t n_rows = 0, i, k;
	char last[16];

	rows = office_rows(r, n, &n_rows);
	if (!rows)
		return;
	el_text(x, "h2", L(w, L_SUMMARY));
	xmlTextWriterStartElement(x, XC("table"));
	xmlTextWriterWriteAttribute(x, XC("class"), XC("summary"));
	xmlTextWriterStartElement(x, XC("tr"));
	for (k = 0; k < sizeof(head) / sizeof(head[0]); k++)
		el_text(x, "th", L(w, head[k]));
	xmlTextWriterEndElement(x);
	for (i = 0; i < n_rows; i++) {
		xmlTextWriterStartElement(x, XC("tr"));
		if (rows[i].n_overdue)
			xmlTextWriterWriteAttribute(x, XC("class"),
						    XC("overdue"));
		el_text(x, "td", or_dash(rows[i].region));
		el_text(x, "td", or_dash(rows[i].office));
		el_fmt(x, "td", "%zu", rows[i].n_episodes);
		el_fmt(x, "td", "%zu", rows[i].n_videos);
		el_fmt(x, "td", "%" PRId64, minutes(rows[i].total_ms));
		el_fmt(x, "td", "%zu / %zu", rows[i].n_met,
		       rows[i].n_met + rows[i].n_missed);
		last[0] = '\0';
		if (rows[i].last_published_unix)
			day_text(last, rows[i].last_published_unix,
				 rows[i].tz, false);
		el_text(x, "td", last[0] ? last : "-");
		el_text(x, "td", rows[i].n_overdue ? L(w, L_OVERDUE)
						   : L(w, L_ON_TRACK));
		xmlTextWriterEndElement(x);
	}
	xmlTextWriterEndElement(x);
	free(rows);
}

static const char css[] =
	"@page{size:A4;margin:15mm}"
	"body{font:11pt/1.45 system-ui,sans-serif;color:#1b1b1b;"
	"max-width:190mm;margin:auto;padding:0 4mm}"
	"h1{font-size:18pt;margin:.2em 0}h2{font-size:14pt;"
	"border-bottom:2px solid #1d5c8b;padding-bottom:2px}"
	"h3{font-size:11pt;margin:.6em 0 .2em}"
	"table{border-collapse:collapse;width:100%}"
	"th,td{text-align:left;padding:2px 6px;border-bottom:1px solid #ddd;"
	"vertical-align:top}th{width:40%}table.summary th{width:auto}"
	"table.summary td:nth-child(n+3){text-align:right}"
	"tr.overdue td,section.overdue h2{color:#b3261e}"
	"svg.calendar{width:100%;height:auto;font-size:10px;fill:#444}"
	"section{break-inside:avoid;margin-bottom:8mm}"
	"ul{margin:.2em 0;padding-left:1.2em}";

static int write_html(struct report_writer *w,
		      const struct catalog_show_report *r, size_t n)
{
	xmlOutputBufferPtr buf;
	xmlTextWriterPtr x;
	char a[16], b[16];
	size_t i;
	int rc = SIAR_OK;

	buf = xmlOutputBufferCreateIO(html_sink, NULL, w->out, NULL);
	x = buf ? xmlNewTextWriter(buf) : NULL;
	if (!x) {
		if (buf)
			xmlOutputBufferClose(buf);
		return siar_err_set(w->err, SIAR_ENOMEM, "out of memory");
	}
	fputs("<!DOCTYPE html>\n", w->out);
	xmlTextWriterStartElement(x, XC("html"));
	xmlTextWriterWriteAttribute(x, XC("xmlns"),
				    XC("http://www.w3.org/1999/xhtml"));
	xmlTextWriterWriteAttribute(x, XC("lang"), XC(w->lang ? "en" : "id"));
	xmlTextWriterStartElement(x, XC("head"));
	xmlTextWriterStartElement(x, XC("meta"));
	xmlTextWriterWriteAttribute(x, XC("charset"), XC("utf-8"));
	xmlTextWriterEndElement(x);
	el_text(x, "title", L(w, L_TITLE));
	el_text(x, "style", css);
	xmlTextWriterEndElement(x); /* head */
	xmlTextWriterStartElement(x, XC("body"));
	el_text(x, "h1", L(w, L_TITLE));
	if (n) {
		day_text(a, r[0].from_unix, r[0].show.timezone, false);
		day_text(b, r[0].to_unix, r[0].show.timezone, true);
		el_fmt(x, "p", "%s: %s %s %s", L(w, L_PERIOD), a, L(w, L_TO),
		       b);
	}
	html_summary(x, w, r, n);
	for (i = 0; i < n; i++)
		html_show(x, w, &r[i]);
	xmlTextWriterEndElement(x); /* body */
	xmlTextWriterEndElement(x); /* html */
	if (xmlTextWriterEndDocument(x) < 0 || xmlTextWriterFlush(x) < 0)
		rc = siar_err_set(w->err, SIAR_EIO,
				  "cannot write the report");
	xmlFreeTextWriter(x);
	fputc('\n', w->out);
	return rc;
}

/* ---- Entry point ------------------------------------------------------- */

int feed_write_report(const struct catalog_show_report *reports, size_t n,
		      const struct feed_report_opts *opts, FILE *out,
		      struct siar_err *err)
{
	struct report_writer w;
	char a[16], b[16];
	size_t i;
	int rc = SIAR_OK;

	w.opts = opts;
	w.lang = opts->lang && !strncmp(opts->lang, "en", 2) ? 1 : 0;
	w.out = out;
	w.err = err;
	switch (opts->format) {
	case FEED_REPORT_TEXT:
	case FEED_REPORT_MD:
		if (n) {
			day_text(a, reports[0].from_unix,
				 reports[0].show.timezone, false);
			day_text(b, reports[0].to_unix,
				 reports[0].show.timezone, true);
			fprintf(out, opts->format == FEED_REPORT_MD
					 ? "# %s\n\n%s: %s %s %s\n"
					 : "%s\n%s: %s %s %s\n",
				L(&w, L_TITLE), L(&w, L_PERIOD), a,
				L(&w, L_TO), b);
		}
		for (i = 0; i < n; i++)
			text_show(&w, &reports[i],
				  opts->format == FEED_REPORT_MD);
		text_summary(&w, reports, n, opts->format == FEED_REPORT_MD);
		break;
	case FEED_REPORT_CSV:
		write_csv(&w, reports, n);
		break;
	case FEED_REPORT_JSON:
		rc = write_json(&w, reports, n);
		break;
	case FEED_REPORT_HTML:
		rc = write_html(&w, reports, n);
		break;
	}
	errno = 0;
	if (!rc && (fflush(out) || ferror(out)))
		rc = siar_err_set(err, SIAR_EIO, "cannot write the report: %s",
				  strerror(errno ? errno : EIO));
	return rc;
}
