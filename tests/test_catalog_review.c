/*
 * Tests of catalog/ after an episode is added: the review workflow and its
 * refusals, scheduling, the episode log, editing, removing, the filters of
 * catalog_episode_each, search, and the episode fields of schema 3 (type,
 * explicit flag, transcripts, renditions).
 *
 * Every test uses a private in-memory catalogue with two shows: "suara",
 * which requires review (the default of a new show), and "bebas", which
 * does not. The clock is fixed with catalog_set_now().
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

struct fx {
	struct catalog *cat;
	struct siar_err err;
};

static const struct catalog_actor budi = {"budi", NULL};

/* ---- Helpers ------------------------------------------------------------ */

static void add_show(struct catalog *cat, const char *slug, bool review)
{
	struct catalog_show show;
	struct siar_err err = {0};

	catalog_show_init(&show);
	show.slug = siar_strdup(slug);
	show.title = siar_strdup("Suara Pemilu");
	show.author = siar_strdup("KPU Kota Semarang");
	show.base_url = siar_strdup("https://kpu.example.id/podcast");
	show.review_required = review;
	if (catalog_show_add(cat, &show, NULL, &err))
		fail_msg("add show '%s': %s", slug, err.msg);
	catalog_show_release(&show);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	if (catalog_open(&fx->cat, ":memory:", CATALOG_OPEN_CREATE, &fx->err))
		return -1;
	catalog_set_now(fx->cat, NOW);
	add_show(fx->cat, "suara", true);
	add_show(fx->cat, "bebas", false);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;

	catalog_close(fx->cat);
	free(fx);
	return 0;
}

/*
 * The catalogue borrows what it is given; the structs hold 'char *' only
 * because they also own what they are filled with.
 */
static char *str(const char *s)
{
	return (char *)s;
}

/* A valid episode of 'show' that borrows every string. */
static void fill_episode(struct catalog_episode *ep, const char *show,
			 const char *title)
{
	catalog_episode_init(ep);
	ep->show_slug = str(show);
	ep->title = str(title);
	ep->media_path = str("/srv/podcast/ep.mp3");
	ep->media_mime = str("audio/mpeg");
	ep->media_kind = str("audio");
	ep->media_sha256 = str(SHA_A);
	ep->media_size_bytes = 1000;
	ep->duration_ms = 60000;
}

static int64_t add_titled(struct fx *fx, const char *show, const char *title)
{
	struct catalog_episode ep;
	int64_t id = 0;

	fill_episode(&ep, show, title);
	if (catalog_episode_add(fx->cat, &ep, &id, &fx->err))
		fail_msg("add '%s': %s", title, fx->err.msg);
	return id;
}

static int64_t add_draft(struct fx *fx, const char *show)
{
	return add_titled(fx, show, "Tahapan Pilkada");
}

/* An episode with a description, guests and topics. */
struct spec {
	const char *show, *title, *description;
	const char *guests[3];	/* NULL-terminated */
	const char *topics[3];
};

static size_t count_names(const char *const *names)
{
	size_t n = 0;

	while (n < 3 && names[n])
		n++;
	return n;
}

static int64_t add_spec(struct fx *fx, const struct spec *s)
{
	struct catalog_episode ep;
	char *guests[3], *topics[3];
	int64_t id = 0;
	size_t i;

	fill_episode(&ep, s->show, s->title);
	ep.description = str(s->description);
	ep.n_guests = count_names(s->guests);
	ep.n_topics = count_names(s->topics);
	for (i = 0; i < ep.n_guests; i++)
		guests[i] = str(s->guests[i]);
	for (i = 0; i < ep.n_topics; i++)
		topics[i] = str(s->topics[i]);
	ep.guests = guests;
	ep.topics = topics;
	if (catalog_episode_add(fx->cat, &ep, &id, &fx->err))
		fail_msg("add '%s': %s", s->title, fx->err.msg);
	return id;
}

static void act_ok(struct fx *fx, int64_t id, enum catalog_action action,
		   int64_t at, const struct catalog_actor *who)
{
	if (catalog_episode_act(fx->cat, id, action, at, who, &fx->err))
		fail_msg("%s episode %lld: %s", catalog_action_name(action),
			 (long long)id, fx->err.msg);
}

/* Submit and approve 'id', by budi. */
static void review(struct fx *fx, int64_t id)
{
	act_ok(fx, id, CATALOG_ACTION_SUBMIT, 0, &budi);
	act_ok(fx, id, CATALOG_ACTION_APPROVE, 0, &budi);
}

static int act_fails(struct fx *fx, int64_t id, enum catalog_action action,
		     const struct catalog_actor *who)
{
	siar_err_clear(&fx->err);
	return catalog_episode_act(fx->cat, id, action, NOW, who, &fx->err);
}

static enum catalog_status status_of(struct fx *fx, int64_t id)
{
	struct catalog_episode ep;
	enum catalog_status status;

	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &fx->err),
			 SIAR_OK);
	status = ep.status;
	catalog_episode_release(&ep);
	return status;
}

static void get_ok(struct fx *fx, int64_t id, struct catalog_episode *ep)
{
	catalog_episode_init(ep);
	if (catalog_episode_get(fx->cat, id, ep, &fx->err))
		fail_msg("get episode %lld: %s", (long long)id, fx->err.msg);
}

/* The log of an episode, copied. */
#define LOG_MAX 16
struct log_copy {
	size_t n;
	int64_t at_unix[LOG_MAX];
	char text[LOG_MAX][5][96]; /* actor, action, from, to, note */
};

static void copy_field(char *dst, const char *src)
{
	snprintf(dst, 96, "%s", src ? src : "(null)");
}

static int log_collect(const struct catalog_log_entry *e, void *ctx,
		       struct siar_err *err)
{
	struct log_copy *l = ctx;

	(void)err;
	assert_true(l->n < LOG_MAX);
	l->at_unix[l->n] = e->at_unix;
	copy_field(l->text[l->n][0], e->actor);
	copy_field(l->text[l->n][1], e->action);
	copy_field(l->text[l->n][2], e->from_status);
	copy_field(l->text[l->n][3], e->to_status);
	copy_field(l->text[l->n][4], e->note);
	l->n++;
	return 0;
}

static void read_log(struct fx *fx, int64_t id, struct log_copy *l)
{
	memset(l, 0, sizeof(*l));
	if (catalog_log_each(fx->cat, id, log_collect, l, &fx->err))
		fail_msg("log of episode %lld: %s", (long long)id, fx->err.msg);
}

static void assert_entry(const struct log_copy *l, size_t i,
			 const char *actor, const char *action,
			 const char *from, const char *to, const char *note)
{
	assert_true(i < l->n);
	assert_string_equal(l->text[i][0], actor);
	assert_string_equal(l->text[i][1], action);
	assert_string_equal(l->text[i][2], from ? from : "(null)");
	assert_string_equal(l->text[i][3], to ? to : "(null)");
	assert_string_equal(l->text[i][4], note ? note : "(null)");
}

/* The IDs a walk or a search calls back with, in order. */
struct ids {
	size_t n;
	int64_t id[16];
};

static int collect_id(const struct catalog_episode *ep, void *ctx,
		      struct siar_err *err)
{
	struct ids *ids = ctx;

	(void)err;
	assert_true(ids->n < 16);
	ids->id[ids->n++] = ep->id;
	return 0;
}

static int each_ids(struct fx *fx, const struct catalog_filter *f,
		    struct ids *out)
{
	memset(out, 0, sizeof(*out));
	siar_err_clear(&fx->err);
	return catalog_episode_each(fx->cat, f, collect_id, out, &fx->err);
}

static int search_ids(struct fx *fx, const char *text, const char *show,
		      struct ids *out)
{
	memset(out, 0, sizeof(*out));
	siar_err_clear(&fx->err);
	return catalog_search(fx->cat, text, show, 0, collect_id, out,
			      &fx->err);
}

static void assert_ids(const struct ids *got, size_t n, ...)
{
	va_list ap;
	size_t i;

	assert_int_equal(got->n, n);
	va_start(ap, n);
	for (i = 0; i < n; i++)
		assert_int_equal(got->id[i], va_arg(ap, int64_t));
	va_end(ap);
}

static void assert_contains(const char *haystack, const char *needle)
{
	if (!strstr(haystack, needle))
		fail_msg("'%s' does not contain '%s'", haystack, needle);
}

/* ---- The workflow ------------------------------------------------------- */

static void action_names_are_the_cli_spellings(void **state)
{
	(void)state;
	assert_string_equal(catalog_action_name(CATALOG_ACTION_SUBMIT),
			    "submit");
	assert_string_equal(catalog_action_name(CATALOG_ACTION_APPROVE),
			    "approve");
	assert_string_equal(
		catalog_action_name(CATALOG_ACTION_REQUEST_CHANGES),
		"request-changes");
	assert_string_equal(catalog_action_name(CATALOG_ACTION_PUBLISH),
			    "publish");
	assert_string_equal(catalog_action_name(CATALOG_ACTION_UNPUBLISH),
			    "unpublish");
	assert_string_equal(catalog_action_name(CATALOG_ACTION_ARCHIVE),
			    "archive");
}

static void reviewed_episode_goes_from_draft_to_published(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	int64_t id = add_draft(fx, "suara");

	assert_int_equal(status_of(fx, id), CATALOG_STATUS_DRAFT);
	catalog_set_now(fx->cat, NOW + 10);
	act_ok(fx, id, CATALOG_ACTION_SUBMIT, 0, &budi);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_IN_REVIEW);
	catalog_set_now(fx->cat, NOW + 20);
	act_ok(fx, id, CATALOG_ACTION_APPROVE, 0, &budi);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_APPROVED);
	catalog_set_now(fx->cat, NOW + 30);
	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW + 25, &budi);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.status, CATALOG_STATUS_PUBLISHED);
	assert_int_equal(ep.published_unix, NOW + 25);
	assert_int_equal(ep.created_unix, NOW);
	assert_int_equal(ep.updated_unix, NOW + 30);
	catalog_episode_release(&ep);
}

static void publish_refuses_draft_in_show_that_requires_review(void **state)
{
	struct fx *fx = *state;
	struct log_copy l;
	char want[160];
	int64_t id = add_draft(fx, "suara");

	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_PUBLISH, &budi),
			 SIAR_EINVAL);
	snprintf(want, sizeof(want),
		 "episode %lld is a draft: submit and approve it before"
		 " publishing (show 'suara' requires review)",
		 (long long)id);
	assert_string_equal(fx->err.msg, want);
	/* The wrapper follows the same rule. */
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_episode_publish(fx->cat, id, NOW, &fx->err),
			 SIAR_EINVAL);
	act_ok(fx, id, CATALOG_ACTION_SUBMIT, 0, &budi);
	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_PUBLISH, &budi),
			 SIAR_EINVAL);
	snprintf(want, sizeof(want),
		 "episode %lld is in review: approve it before publishing"
		 " (show 'suara' requires review)",
		 (long long)id);
	assert_string_equal(fx->err.msg, want);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_IN_REVIEW);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 2);	/* add, submit: refusals leave none */
}

static void approve_refuses_draft(void **state)
{
	struct fx *fx = *state;
	int64_t id = add_draft(fx, "suara");

	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_APPROVE, &budi),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "is a draft: submit it for review");
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_DRAFT);
	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_UNPUBLISH, &budi),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "only a published episode");
	review(fx, id);
	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_SUBMIT, &budi),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "is approved: only a draft");
}

static void request_changes_needs_note_and_returns_to_draft(void **state)
{
	struct fx *fx = *state;
	const struct catalog_actor blank = {"sari", " "};
	const struct catalog_actor sari = {"sari", "sebut nomor PKPU"};
	int64_t id = add_draft(fx, "suara");

	act_ok(fx, id, CATALOG_ACTION_SUBMIT, 0, &budi);
	assert_int_equal(
		act_fails(fx, id, CATALOG_ACTION_REQUEST_CHANGES, &budi),
		SIAR_EINVAL);
	assert_string_equal(fx->err.msg, "request-changes needs a note");
	assert_int_equal(
		act_fails(fx, id, CATALOG_ACTION_REQUEST_CHANGES, &blank),
		SIAR_EINVAL);
	act_ok(fx, id, CATALOG_ACTION_REQUEST_CHANGES, 0, &sari);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_DRAFT);
	/* From approved too, but not from a draft. */
	review(fx, id);
	act_ok(fx, id, CATALOG_ACTION_REQUEST_CHANGES, 0, &sari);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_DRAFT);
	assert_int_equal(
		act_fails(fx, id, CATALOG_ACTION_REQUEST_CHANGES, &sari),
		SIAR_EINVAL);
	assert_contains(fx->err.msg, "is a draft");
}

static void show_without_review_publishes_drafts(void **state)
{
	struct fx *fx = *state;
	struct log_copy l;
	int64_t id = add_draft(fx, "bebas");
	int64_t reviewed = add_draft(fx, "bebas");

	assert_int_equal(catalog_episode_publish(fx->cat, id, NOW, &fx->err),
			 SIAR_OK);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_PUBLISHED);
	act_ok(fx, reviewed, CATALOG_ACTION_SUBMIT, 0, &budi);
	act_ok(fx, reviewed, CATALOG_ACTION_PUBLISH, NOW, &budi);
	assert_int_equal(status_of(fx, reviewed), CATALOG_STATUS_PUBLISHED);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 2);
	assert_entry(&l, 1, "siar", "publish", "draft", "published", NULL);
}

static void scheduled_episode_is_not_live_until_its_time(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter live = {.show_slug = "suara", .live_only = true};
	struct log_copy l;
	struct ids got;
	int64_t id = add_draft(fx, "suara");

	review(fx, id);
	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW + HOUR, &budi);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_PUBLISHED);
	assert_int_equal(each_ids(fx, &live, &got), SIAR_OK);
	assert_ids(&got, 0);
	catalog_set_now(fx->cat, NOW + HOUR);
	assert_int_equal(each_ids(fx, &live, &got), SIAR_OK);
	assert_ids(&got, 1, id);
	/* Publishing again moves the time: a reschedule. */
	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW + DAY, &budi);
	assert_int_equal(each_ids(fx, &live, &got), SIAR_OK);
	assert_ids(&got, 0);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 5);
	assert_entry(&l, 4, "budi", "publish", NULL, "published", NULL);
}

static void unpublished_episode_can_be_published_again(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter live = {.live_only = true};
	struct ids got;
	int64_t id = add_draft(fx, "suara");

	review(fx, id);
	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW, &budi);
	act_ok(fx, id, CATALOG_ACTION_UNPUBLISH, 0, &budi);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_UNPUBLISHED);
	assert_int_equal(each_ids(fx, &live, &got), SIAR_OK);
	assert_ids(&got, 0);
	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_UNPUBLISH, &budi),
			 SIAR_EINVAL);
	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW, &budi);
	assert_int_equal(each_ids(fx, &live, &got), SIAR_OK);
	assert_ids(&got, 1, id);
}

static void archived_episode_cannot_be_published_or_archived(void **state)
{
	struct fx *fx = *state;
	int64_t draft = add_draft(fx, "bebas");
	int64_t live = add_draft(fx, "bebas");

	act_ok(fx, draft, CATALOG_ACTION_ARCHIVE, 0, &budi);
	assert_int_equal(status_of(fx, draft), CATALOG_STATUS_ARCHIVED);
	act_ok(fx, live, CATALOG_ACTION_PUBLISH, NOW, &budi);
	act_ok(fx, live, CATALOG_ACTION_ARCHIVE, 0, &budi);
	assert_int_equal(status_of(fx, live), CATALOG_STATUS_ARCHIVED);
	assert_int_equal(act_fails(fx, live, CATALOG_ACTION_PUBLISH, &budi),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "is archived");
	assert_int_equal(act_fails(fx, live, CATALOG_ACTION_ARCHIVE, &budi),
			 SIAR_EINVAL);
}

static void act_needs_an_actor_and_an_episode(void **state)
{
	struct fx *fx = *state;
	const struct catalog_actor nobody = {"", NULL};
	const struct catalog_actor blank = {" \t", NULL};
	int64_t id = add_draft(fx, "suara");

	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_SUBMIT, NULL),
			 SIAR_EINVAL);
	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_SUBMIT, &nobody),
			 SIAR_EINVAL);
	assert_int_equal(act_fails(fx, id, CATALOG_ACTION_SUBMIT, &blank),
			 SIAR_EINVAL);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_DRAFT);
	assert_int_equal(act_fails(fx, 999, CATALOG_ACTION_SUBMIT, &budi),
			 SIAR_ENOTFOUND);
	assert_string_equal(fx->err.msg, "no episode 999");
}

/* ---- The log ------------------------------------------------------------ */

static void log_lists_every_step_oldest_first(void **state)
{
	struct fx *fx = *state;
	const struct catalog_actor sari = {"sari", "sudah dicek"};
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = 0;

	fill_episode(&ep, "suara", "Tahapan Pilkada");
	ep.added_by = str("rina");
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &fx->err),
			 SIAR_OK);
	catalog_set_now(fx->cat, NOW + 1);
	act_ok(fx, id, CATALOG_ACTION_SUBMIT, 0, &budi);
	catalog_set_now(fx->cat, NOW + 2);
	act_ok(fx, id, CATALOG_ACTION_APPROVE, 0, &sari);
	catalog_set_now(fx->cat, NOW + 3);
	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW + DAY, &budi);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 4);
	assert_entry(&l, 0, "rina", "add", NULL, "draft", NULL);
	assert_entry(&l, 1, "budi", "submit", "draft", "in_review", NULL);
	assert_entry(&l, 2, "sari", "approve", "in_review", "approved",
		     "sudah dicek");
	assert_entry(&l, 3, "budi", "publish", "approved", "published", NULL);
	assert_int_equal(l.at_unix[0], NOW);
	assert_int_equal(l.at_unix[3], NOW + 3);
	get_ok(fx, id, &ep);
	assert_string_equal(ep.added_by, "rina");
	catalog_episode_release(&ep);
}

static void episode_added_without_a_name_is_added_by_siar(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_draft(fx, "suara");

	read_log(fx, id, &l);
	assert_int_equal(l.n, 1);
	assert_entry(&l, 0, "siar", "add", NULL, "draft", NULL);
	get_ok(fx, id, &ep);
	assert_string_equal(ep.added_by, "siar");
	catalog_episode_release(&ep);
	fill_episode(&ep, "suara", "Tanpa nama");
	ep.added_by = str("  ");
	assert_int_equal(catalog_episode_add(fx->cat, &ep, NULL, &fx->err),
			 SIAR_EINVAL);
}

static int stop_at_first(const struct catalog_log_entry *e, void *ctx,
			 struct siar_err *err)
{
	(void)e;
	(void)ctx;
	return siar_err_set(err, SIAR_EIO, "stop");
}

static void log_each_reports_unknown_episode_and_callback_error(void **state)
{
	struct fx *fx = *state;
	struct log_copy l;
	int64_t id = add_draft(fx, "suara");

	memset(&l, 0, sizeof(l));
	assert_int_equal(catalog_log_each(fx->cat, 999, log_collect, &l,
					  &fx->err),
			 SIAR_ENOTFOUND);
	assert_string_equal(fx->err.msg, "no episode 999");
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_log_each(fx->cat, id, stop_at_first, NULL,
					  &fx->err),
			 SIAR_EIO);
	assert_string_equal(fx->err.msg, "stop");
}

/* ---- Editing ------------------------------------------------------------ */

static void update_replaces_fields_and_logs_what_changed(void **state)
{
	struct fx *fx = *state;
	const struct spec s = {"suara", "Tahapan Pilkada", "Lama",
			       {"Rina", NULL}, {"Pemilu", NULL}};
	const struct catalog_actor sari = {"sari", NULL};
	char *guests[] = {str("Rina"), str("Budi Santoso")};
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_spec(fx, &s);
	char **own;
	size_t n_own;

	get_ok(fx, id, &ep);
	free(ep.title);
	ep.title = siar_strdup("Tahapan Pilkada 2024");
	catalog_set_now(fx->cat, NOW + HOUR);
	/* Lend the new guests for the call only; 'ep' frees its own. */
	own = ep.guests;
	n_own = ep.n_guests;
	ep.guests = guests;
	ep.n_guests = 2;
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &sari,
						&fx->err),
			 SIAR_OK);
	ep.guests = own;
	ep.n_guests = n_own;
	catalog_episode_release(&ep);
	get_ok(fx, id, &ep);
	assert_string_equal(ep.title, "Tahapan Pilkada 2024");
	assert_int_equal(ep.n_guests, 2);
	assert_string_equal(ep.guests[1], "Budi Santoso");
	assert_int_equal(ep.n_topics, 1);
	assert_int_equal(ep.updated_unix, NOW + HOUR);
	assert_int_equal(ep.status, CATALOG_STATUS_DRAFT);
	catalog_episode_release(&ep);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 2);
	assert_entry(&l, 1, "sari", "edit", NULL, NULL, "title, guests");
	assert_int_equal(l.at_unix[1], NOW + HOUR);
}

static void update_without_change_logs_nothing(void **state)
{
	struct fx *fx = *state;
	const struct spec s = {"suara", "Tahapan", "Isi", {"Rina", NULL},
			       {"Pemilu", "Pilkada"}};
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_spec(fx, &s);

	get_ok(fx, id, &ep);
	catalog_set_now(fx->cat, NOW + HOUR);
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &budi,
						&fx->err),
			 SIAR_OK);
	catalog_episode_release(&ep);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 1);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.updated_unix, NOW);
	assert_int_equal(ep.n_topics, 2);
	catalog_episode_release(&ep);
}

static void update_logs_every_changed_field_and_the_note(void **state)
{
	struct fx *fx = *state;
	const struct catalog_actor sari = {"sari", "koreksi redaksi"};
	struct catalog_chapter chapter = {0, 0, str("Pembuka")};
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_draft(fx, "suara");

	get_ok(fx, id, &ep);
	free(ep.description);
	ep.description = siar_strdup("Baru");
	ep.season = 2;
	ep.episode_number = 3;
	free(ep.episode_type);
	ep.episode_type = siar_strdup("bonus");
	ep.explicit = true;
	ep.chapters = &chapter;
	ep.n_chapters = 1;
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &sari,
						&fx->err),
			 SIAR_OK);
	ep.chapters = NULL;
	ep.n_chapters = 0;
	catalog_episode_release(&ep);
	read_log(fx, id, &l);
	assert_entry(&l, 1, "sari", "edit", NULL, NULL,
		     "description, season, episode_number, episode_type,"
		     " explicit, chapters: koreksi redaksi");
	get_ok(fx, id, &ep);
	assert_string_equal(ep.episode_type, "bonus");
	assert_true(ep.explicit);
	assert_int_equal(ep.n_chapters, 1);
	catalog_episode_release(&ep);
}

static void update_refuses_bad_fields_and_changes_nothing(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_draft(fx, "suara");

	get_ok(fx, id, &ep);
	free(ep.episode_type);
	ep.episode_type = siar_strdup("teaser");
	free(ep.title);
	ep.title = siar_strdup("Judul baru");
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &budi,
						&fx->err),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad episode type 'teaser'");
	siar_err_clear(&fx->err);
	free(ep.episode_type);
	ep.episode_type = NULL;
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, NULL,
						&fx->err),
			 SIAR_EINVAL);
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_episode_update(fx->cat, 999, &ep, &budi,
						&fx->err),
			 SIAR_ENOTFOUND);
	catalog_episode_release(&ep);
	get_ok(fx, id, &ep);
	assert_string_equal(ep.title, "Tahapan Pilkada");
	catalog_episode_release(&ep);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 1);
}

static void episode_number_is_unique_within_season_of_a_show(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	char want[160];
	int64_t first = 0, other = 0;

	fill_episode(&ep, "suara", "Satu");
	ep.season = 1;
	ep.episode_number = 4;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &first, &fx->err),
			 SIAR_OK);
	assert_int_equal(catalog_episode_add(fx->cat, &ep, NULL, &fx->err),
			 SIAR_EEXIST);
	snprintf(want, sizeof(want),
		 "episode 4 of season 1 already exists in show 'suara'"
		 " (episode id %lld)",
		 (long long)first);
	assert_string_equal(fx->err.msg, want);
	siar_err_clear(&fx->err);
	/* Another season, another show, or no number: all fine. */
	ep.season = 2;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &other, &fx->err),
			 SIAR_OK);
	ep.season = 1;
	ep.show_slug = str("bebas");
	assert_int_equal(catalog_episode_add(fx->cat, &ep, NULL, &fx->err),
			 SIAR_OK);
	get_ok(fx, other, &ep);
	ep.season = 1;
	assert_int_equal(catalog_episode_update(fx->cat, other, &ep, &budi,
						&fx->err),
			 SIAR_EEXIST);
	assert_string_equal(fx->err.msg, want);
	siar_err_clear(&fx->err);
	ep.episode_number = 0;
	assert_int_equal(catalog_episode_update(fx->cat, other, &ep, &budi,
						&fx->err),
			 SIAR_OK);
	catalog_episode_release(&ep);
}

/* ---- Removing ----------------------------------------------------------- */

static void remove_refuses_published_episode_unless_forced(void **state)
{
	struct fx *fx = *state;
	const struct catalog_actor sari = {"sari", "salah unggah"};
	struct catalog_episode ep;
	struct log_copy l;
	struct ids got;
	char want[128];
	int64_t id = add_titled(fx, "bebas", "Rekapitulasi");

	act_ok(fx, id, CATALOG_ACTION_PUBLISH, NOW, &budi);
	assert_int_equal(catalog_episode_remove(fx->cat, id, false, &budi,
						&fx->err),
			 SIAR_EINVAL);
	snprintf(want, sizeof(want),
		 "episode %lld is published: unpublish it first or use"
		 " --force",
		 (long long)id);
	assert_string_equal(fx->err.msg, want);
	assert_int_equal(status_of(fx, id), CATALOG_STATUS_PUBLISHED);
	siar_err_clear(&fx->err);
	catalog_set_now(fx->cat, NOW + HOUR);
	assert_int_equal(catalog_episode_remove(fx->cat, id, true, &sari,
						&fx->err),
			 SIAR_OK);
	catalog_episode_init(&ep);
	assert_int_equal(catalog_episode_get(fx->cat, id, &ep, &fx->err),
			 SIAR_ENOTFOUND);
	assert_int_equal(search_ids(fx, "rekapitulasi", NULL, &got), SIAR_OK);
	assert_ids(&got, 0);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 3);
	assert_entry(&l, 2, "sari", "remove", "published", NULL,
		     "salah unggah");
	assert_int_equal(l.at_unix[2], NOW + HOUR);
}

static void removed_episode_keeps_its_log_apart_from_new_ones(void **state)
{
	struct fx *fx = *state;
	struct log_copy l;
	int64_t id = add_draft(fx, "suara"), next;

	siar_err_clear(&fx->err);
	assert_int_equal(catalog_episode_remove(fx->cat, id, false, NULL,
						&fx->err),
			 SIAR_EINVAL);
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_episode_remove(fx->cat, id, false, &budi,
						&fx->err),
			 SIAR_OK);
	assert_int_equal(catalog_episode_remove(fx->cat, id, false, &budi,
						&fx->err),
			 SIAR_ENOTFOUND);
	/* The last ID is not handed out again. */
	next = add_draft(fx, "suara");
	assert_true(next > id);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 2);
	assert_entry(&l, 1, "budi", "remove", "draft", NULL, NULL);
	read_log(fx, next, &l);
	assert_int_equal(l.n, 1);
}

/* ---- Filters ------------------------------------------------------------ */

static void filter_by_status_takes_only_known_names(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter f = {.status = "in_review"};
	struct ids got;
	int64_t a = add_draft(fx, "suara"), b = add_draft(fx, "suara");
	int64_t c = add_draft(fx, "bebas");

	act_ok(fx, b, CATALOG_ACTION_SUBMIT, 0, &budi);
	act_ok(fx, c, CATALOG_ACTION_SUBMIT, 0, &budi);
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, b, c);
	f.show_slug = "suara";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 1, b);
	f.status = "draft";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 1, a);
	f.status = "review";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_EINVAL);
	assert_contains(fx->err.msg, "no status 'review'");
}

static void filter_by_topic_takes_name_or_slug(void **state)
{
	struct fx *fx = *state;
	const struct spec s1 = {"suara", "Satu", NULL, {NULL},
				{"Pemilu 2024", NULL}};
	const struct spec s2 = {"suara", "Dua", NULL, {NULL},
				{"Pilkada", "Pemilu 2024"}};
	const struct spec s3 = {"suara", "Tiga", NULL, {NULL}, {"Pilkada"}};
	struct catalog_filter f = {.topic = "Pemilu 2024"};
	struct ids got;
	int64_t a = add_spec(fx, &s1), b = add_spec(fx, &s2);

	add_spec(fx, &s3);
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, a, b);
	f.topic = "pemilu-2024";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, a, b);
	f.topic = "pemilu 2024";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, a, b);
	f.topic = "Sengketa";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_ENOTFOUND);
	assert_string_equal(fx->err.msg, "no topic 'Sengketa'");
}

static void filter_by_person_finds_any_role(void **state)
{
	struct fx *fx = *state;
	const struct spec s1 = {"suara", "Satu", NULL, {"Rina", NULL},
				{NULL}};
	const struct spec s2 = {"suara", "Dua", NULL, {"Budi", "Rina"},
				{NULL}};
	struct catalog_filter f = {.person = "rina"};
	struct ids got;
	int64_t a = add_spec(fx, &s1), b = add_spec(fx, &s2);

	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, a, b);
	f.person = "Budi";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 1, b);
	f.person = "Sari";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_ENOTFOUND);
	assert_string_equal(fx->err.msg, "no person 'Sari'");
}

static void filter_by_dates_uses_publication_else_creation(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter f = {.from_unix = NOW, .to_unix = NOW + DAY};
	struct ids got;
	int64_t old, fresh, late;

	catalog_set_now(fx->cat, NOW - DAY);
	old = add_draft(fx, "bebas");	/* created yesterday */
	catalog_set_now(fx->cat, NOW);
	fresh = add_draft(fx, "bebas");	/* created today */
	late = add_draft(fx, "bebas");	/* published tomorrow */
	act_ok(fx, late, CATALOG_ACTION_PUBLISH, NOW + DAY, &budi);
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 1, fresh);
	/* Published yesterday, so in yesterday's range despite creation. */
	act_ok(fx, fresh, CATALOG_ACTION_PUBLISH, NOW - HOUR, &budi);
	f.from_unix = NOW - DAY;
	f.to_unix = NOW;
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, old, fresh);
	f.to_unix = 0;
	f.limit = 2;
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, old, fresh);
	f.limit = 0;
	f.from_unix = NOW + DAY;
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 1, late);
}

static void filter_limit_and_live_order_combine(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter f = {.live_only = true, .limit = 2};
	struct ids got;
	int64_t a = add_draft(fx, "bebas"), b = add_draft(fx, "bebas");
	int64_t c = add_draft(fx, "bebas");

	act_ok(fx, a, CATALOG_ACTION_PUBLISH, NOW - 3 * HOUR, &budi);
	act_ok(fx, b, CATALOG_ACTION_PUBLISH, NOW - 1 * HOUR, &budi);
	act_ok(fx, c, CATALOG_ACTION_PUBLISH, NOW - 2 * HOUR, &budi);
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 2, b, c);
	f.live_only = false;
	f.limit = 1;
	assert_int_equal(each_ids(fx, &f, &got), SIAR_OK);
	assert_ids(&got, 1, a);
	f.show_slug = "nope";
	assert_int_equal(each_ids(fx, &f, &got), SIAR_ENOTFOUND);
}

/* ---- Search ------------------------------------------------------------- */

static void search_ranks_title_above_description(void **state)
{
	struct fx *fx = *state;
	const struct spec in_desc = {
		"suara", "Kabar Pekan Ini",
		"Rapat pleno membahas daftar pemilih tetap dan sengketa"
		" hasil, lalu distribusi logistik ke kecamatan",
		{NULL}, {NULL}};
	const struct spec in_title = {
		"suara", "Sengketa Hasil di Mahkamah Konstitusi",
		"Wawancara panjang dengan komisioner tentang banyak hal",
		{NULL}, {NULL}};
	struct ids got;
	int64_t desc = add_spec(fx, &in_desc);
	int64_t title = add_spec(fx, &in_title);

	add_titled(fx, "suara", "Tidak Ada Hubungannya");
	assert_int_equal(search_ids(fx, "sengketa", NULL, &got), SIAR_OK);
	assert_ids(&got, 2, title, desc);
}

static void search_matches_whole_words_and_starred_prefixes(void **state)
{
	struct fx *fx = *state;
	struct ids got;
	int64_t a = add_titled(fx, "suara", "Rekapitulasi Suara Pilkada");
	int64_t b = add_titled(fx, "suara", "Rekrutmen Badan Adhoc");

	assert_int_equal(search_ids(fx, "rek", NULL, &got), SIAR_OK);
	assert_ids(&got, 0);
	assert_int_equal(search_ids(fx, "rek*", NULL, &got), SIAR_OK);
	assert_ids(&got, 2, a, b);
	assert_int_equal(search_ids(fx, "  rek*  pilk* ", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, a);
	assert_int_equal(search_ids(fx, "rekapitulasi suara", NULL, &got),
			 SIAR_OK);
	assert_ids(&got, 1, a);
	assert_int_equal(search_ids(fx, "rekapitulasi adhoc", NULL, &got),
			 SIAR_OK);
	assert_ids(&got, 0);
	/* Quotes and FTS5 operators are only text. */
	assert_int_equal(search_ids(fx, "\"rek\" OR NEAR(*", NULL, &got),
			 SIAR_OK);
	assert_ids(&got, 0);
}

static void search_folds_case_and_accents(void **state)
{
	struct fx *fx = *state;
	struct ids got;
	int64_t loud = add_titled(fx, "suara", "PEMILU SERENTAK");
	int64_t accent = add_titled(fx, "suara", "M\xC3\xA9" "diasi Sengketa");

	assert_int_equal(search_ids(fx, "pemilu", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, loud);
	assert_int_equal(search_ids(fx, "mediasi", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, accent);
	assert_int_equal(search_ids(fx, "M\xC3\x89" "DIASI", NULL, &got),
			 SIAR_OK);
	assert_ids(&got, 1, accent);
}

static void search_finds_topics_and_guests_organisations(void **state)
{
	struct fx *fx = *state;
	const struct spec s = {"suara", "Bincang Sore", NULL,
			       {"Rina Wulandari", NULL}, {"Logistik", NULL}};
	struct catalog_person p;
	struct ids got;
	int64_t id = add_spec(fx, &s);

	add_titled(fx, "suara", "Lain");
	assert_int_equal(search_ids(fx, "wulan*", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, id);
	assert_int_equal(search_ids(fx, "logistik", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, id);
	catalog_person_init(&p);
	assert_int_equal(catalog_person_get(fx->cat, "Rina Wulandari", &p,
					    &fx->err),
			 SIAR_OK);
	p.organisation = siar_strdup("KPU Provinsi Jawa Tengah");
	p.position = siar_strdup("Sekretaris");
	assert_int_equal(catalog_person_update(fx->cat, "Rina Wulandari", &p,
					       &fx->err),
			 SIAR_OK);
	catalog_person_release(&p);
	assert_int_equal(search_ids(fx, "Jawa Tengah", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, id);
	assert_int_equal(search_ids(fx, "sekretaris", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, id);
}

static void search_limits_to_a_show(void **state)
{
	struct fx *fx = *state;
	struct ids got;
	int64_t a = add_titled(fx, "suara", "Debat Kandidat");
	int64_t b = add_titled(fx, "bebas", "Debat Publik");

	assert_int_equal(search_ids(fx, "debat", NULL, &got), SIAR_OK);
	assert_int_equal(got.n, 2);
	assert_int_equal(search_ids(fx, "debat", "bebas", &got), SIAR_OK);
	assert_ids(&got, 1, b);
	assert_int_equal(search_ids(fx, "debat", "suara", &got), SIAR_OK);
	assert_ids(&got, 1, a);
	assert_int_equal(search_ids(fx, "debat", "nope", &got),
			 SIAR_ENOTFOUND);
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_search(fx->cat, "debat", NULL, 1, collect_id,
					&got, &fx->err),
			 SIAR_OK);
	assert_int_equal(got.n, 1);
}

static void search_refuses_empty_text(void **state)
{
	struct fx *fx = *state;
	struct ids got;

	add_titled(fx, "suara", "Debat");
	assert_int_equal(search_ids(fx, "", NULL, &got), SIAR_EINVAL);
	assert_string_equal(fx->err.msg, "nothing to search for");
	assert_int_equal(search_ids(fx, " \t\n", NULL, &got), SIAR_EINVAL);
	assert_int_equal(search_ids(fx, NULL, NULL, &got), SIAR_EINVAL);
}

static void search_follows_edits(void **state)
{
	struct fx *fx = *state;
	const struct spec s = {"suara", "Kampanye Damai", NULL, {NULL},
			       {"Kampanye", NULL}};
	char *topics[] = {str("Netralitas ASN")};
	struct catalog_episode ep;
	struct ids got;
	int64_t id = add_spec(fx, &s);
	char **own;

	get_ok(fx, id, &ep);
	free(ep.title);
	ep.title = siar_strdup("Netralitas Aparatur");
	own = ep.topics;
	ep.topics = topics;
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &budi,
						&fx->err),
			 SIAR_OK);
	ep.topics = own;
	catalog_episode_release(&ep);
	assert_int_equal(search_ids(fx, "kampanye", NULL, &got), SIAR_OK);
	assert_ids(&got, 0);
	assert_int_equal(search_ids(fx, "asn", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, id);
}

/* ---- Credits other than guests ------------------------------------------ */

/* Add a draft of "suara" with one guest and the credits 'c' (borrowed). */
static int64_t add_credited(struct fx *fx, struct catalog_credit *c, size_t n)
{
	char *guests[] = {str("Rina")};
	struct catalog_episode ep;
	int64_t id = 0;

	fill_episode(&ep, "suara", "Kredit");
	ep.guests = guests;
	ep.n_guests = 1;
	ep.credits = c;
	ep.n_credits = n;
	if (catalog_episode_add(fx->cat, &ep, &id, &fx->err))
		fail_msg("add credited episode: %s", fx->err.msg);
	return id;
}

static void assert_credit(const struct catalog_credit *c, const char *name,
			  const char *role, const char *group)
{
	assert_string_equal(c->name, name);
	assert_string_equal(c->role, role);
	assert_string_equal(c->group, group);
}

static void credits_round_trip_after_the_guests(void **state)
{
	struct fx *fx = *state;
	struct catalog_credit c[] = {
		{str("Budi Santoso"), str("Producer"),
		 str("Creative Direction")},
		{str("Sari"), str("host"), NULL},
		{str("Dewi"), str("Audio Editor"), str("audio post-production")},
		{str("budi santoso"), str("producer"),
		 str("creative direction")},
	};
	struct catalog_episode ep;
	int64_t id;

	/* The second Budi is the first again, in the same role. */
	id = add_credited(fx, c, 4);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.n_guests, 1);
	assert_string_equal(ep.guests[0], "Rina");
	assert_int_equal(ep.n_credits, 3);
	assert_credit(&ep.credits[0], "Budi Santoso", "producer",
		      "creative direction");
	assert_credit(&ep.credits[1], "Sari", "host", "cast");
	assert_credit(&ep.credits[2], "Dewi", "audio editor",
		      "audio post-production");
	catalog_episode_release(&ep);
}

/*
 * Update episode 'id' with its stored fields but the credits 'c' (lent
 * for the call only). Returns what catalog_episode_update() returned.
 */
static int update_credits(struct fx *fx, int64_t id, struct catalog_credit *c,
			  size_t n, const struct catalog_actor *who)
{
	struct catalog_credit *own;
	struct catalog_episode ep;
	size_t n_own;
	int rc;

	get_ok(fx, id, &ep);
	own = ep.credits;
	n_own = ep.n_credits;
	ep.credits = c;
	ep.n_credits = n;
	siar_err_clear(&fx->err);
	rc = catalog_episode_update(fx->cat, id, &ep, who, &fx->err);
	ep.credits = own;
	ep.n_credits = n_own;
	catalog_episode_release(&ep);
	return rc;
}

static void credit_with_bad_role_is_refused_and_nothing_changes(void **state)
{
	struct fx *fx = *state;
	struct catalog_credit ok = {str("Sari"), str("host"), NULL};
	struct catalog_credit bad[] = {
		{str("Budi"), str("producer"), str("creative direction")},
		{str("Joko"), str("badut"), NULL},
	};
	struct catalog_credit guest = {str("Joko"), str("Guest"), NULL};
	struct catalog_person p;
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_credited(fx, &ok, 1), other = 0;

	fill_episode(&ep, "suara", "Salah");
	ep.credits = bad;
	ep.n_credits = 2;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &other, &fx->err),
			 SIAR_EINVAL);
	assert_string_equal(fx->err.msg, "bad role 'badut' in group 'cast'");
	catalog_person_init(&p);
	siar_err_clear(&fx->err);
	assert_int_equal(catalog_person_get(fx->cat, "Budi", &p, &fx->err),
			 SIAR_ENOTFOUND);
	assert_int_equal(update_credits(fx, id, bad, 2, &budi), SIAR_EINVAL);
	assert_string_equal(fx->err.msg, "bad role 'badut' in group 'cast'");
	assert_int_equal(update_credits(fx, id, &guest, 1, &budi),
			 SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad role 'guest'");
	read_log(fx, id, &l);
	assert_int_equal(l.n, 1);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.n_credits, 1);
	assert_credit(&ep.credits[0], "Sari", "host", "cast");
	catalog_episode_release(&ep);
}

static void update_replaces_credits_and_logs_people(void **state)
{
	struct fx *fx = *state;
	struct catalog_credit before[] = {
		{str("Sari"), str("host"), NULL},
		{str("Budi"), str("producer"), str("creative direction")},
	};
	struct catalog_credit after = {str("Dewi"), str("co-host"), NULL};
	struct catalog_episode ep;
	struct log_copy l;
	int64_t id = add_credited(fx, before, 2);

	assert_int_equal(update_credits(fx, id, &after, 1, &budi), SIAR_OK);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.n_guests, 1);
	assert_int_equal(ep.n_credits, 1);
	assert_credit(&ep.credits[0], "Dewi", "co-host", "cast");
	catalog_episode_release(&ep);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 2);
	assert_entry(&l, 1, "budi", "edit", NULL, NULL, "people");
	assert_int_equal(update_credits(fx, id, &after, 1, &budi), SIAR_OK);
	assert_int_equal(update_credits(fx, id, NULL, 0, &budi), SIAR_OK);
	read_log(fx, id, &l);
	assert_int_equal(l.n, 3);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.n_credits, 0);
	assert_int_equal(ep.n_guests, 1);
	catalog_episode_release(&ep);
}

static void search_finds_a_credited_producer(void **state)
{
	struct fx *fx = *state;
	struct catalog_credit c = {str("Budi Santoso"), str("producer"),
				   str("creative direction")};
	struct ids got;
	int64_t id;

	add_titled(fx, "suara", "Lain");
	id = add_credited(fx, &c, 1);
	assert_int_equal(search_ids(fx, "santoso", NULL, &got), SIAR_OK);
	assert_ids(&got, 1, id);
	assert_int_equal(update_credits(fx, id, NULL, 0, &budi), SIAR_OK);
	assert_int_equal(search_ids(fx, "santoso", NULL, &got), SIAR_OK);
	assert_ids(&got, 0);
}

/* ---- Schema 3 fields ---------------------------------------------------- */

static void fill_files(struct catalog_transcript t[2],
		       struct catalog_rendition *r)
{
	memset(t, 0, 2 * sizeof(*t));
	memset(r, 0, sizeof(*r));
	t[0].path = str("/srv/podcast/ep.vtt");
	t[0].mime = str("text/vtt");
	t[0].language = str("id");
	t[1].path = str("/srv/podcast/ep.srt");
	t[1].mime = str("application/x-subrip");
	r->path = str("/srv/podcast/ep-360p.mp4");
	r->mime = str("video/mp4");
	r->kind = str("video");
	r->sha256 = str(SHA_B);
	r->size_bytes = 5000;
	r->duration_ms = 60000;
	r->bit_rate = 800000;
	r->width = 640;
	r->height = 360;
	r->title = str("360p");
}

static void check_files(const struct catalog_episode *ep)
{
	assert_int_equal(ep->n_transcripts, 2);
	assert_string_equal(ep->transcripts[0].path, "/srv/podcast/ep.vtt");
	assert_string_equal(ep->transcripts[0].mime, "text/vtt");
	assert_string_equal(ep->transcripts[0].language, "id");
	assert_string_equal(ep->transcripts[1].mime, "application/x-subrip");
	assert_null(ep->transcripts[1].language);
	assert_int_equal(ep->n_renditions, 1);
	assert_string_equal(ep->renditions[0].path, "/srv/podcast/ep-360p.mp4");
	assert_string_equal(ep->renditions[0].kind, "video");
	assert_string_equal(ep->renditions[0].sha256, SHA_B);
	assert_int_equal(ep->renditions[0].size_bytes, 5000);
	assert_int_equal(ep->renditions[0].bit_rate, 800000);
	assert_int_equal(ep->renditions[0].height, 360);
	assert_string_equal(ep->renditions[0].title, "360p");
}

static int check_files_cb(const struct catalog_episode *ep, void *ctx,
			  struct siar_err *err)
{
	(void)ctx;
	(void)err;
	check_files(ep);
	return 0;
}

static void transcripts_and_renditions_round_trip(void **state)
{
	struct fx *fx = *state;
	struct catalog_filter all = {.show_slug = "suara"};
	struct catalog_transcript t[2];
	struct catalog_rendition r;
	struct catalog_episode ep;
	int64_t id = 0;

	fill_episode(&ep, "suara", "Dengan berkas");
	fill_files(t, &r);
	ep.transcripts = t;
	ep.n_transcripts = 2;
	ep.renditions = &r;
	ep.n_renditions = 1;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &id, &fx->err),
			 SIAR_OK);
	get_ok(fx, id, &ep);
	check_files(&ep);
	catalog_episode_release(&ep);
	assert_int_equal(catalog_episode_each(fx->cat, &all, check_files_cb,
					      NULL, &fx->err),
			 SIAR_OK);
	/* An edit replaces them. */
	get_ok(fx, id, &ep);
	ep.n_transcripts = 1;
	assert_int_equal(catalog_episode_update(fx->cat, id, &ep, &budi,
						&fx->err),
			 SIAR_OK);
	ep.n_transcripts = 2;
	catalog_episode_release(&ep);
	get_ok(fx, id, &ep);
	assert_int_equal(ep.n_transcripts, 1);
	assert_int_equal(ep.n_renditions, 1);
	catalog_episode_release(&ep);
}

static int add_fails(struct fx *fx, struct catalog_episode *ep)
{
	siar_err_clear(&fx->err);
	return catalog_episode_add(fx->cat, ep, NULL, &fx->err);
}

static void add_rejects_bad_transcripts_and_renditions(void **state)
{
	struct fx *fx = *state;
	struct catalog_transcript t[2];
	struct catalog_rendition r;
	struct catalog_episode ep;

	fill_episode(&ep, "suara", "Berkas rusak");
	fill_files(t, &r);
	ep.transcripts = t;
	ep.n_transcripts = 2;
	ep.renditions = &r;
	ep.n_renditions = 1;
	t[0].mime = str("text/markdown");
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad transcript type 'text/markdown'");
	t[0].mime = str("text/vtt");
	t[0].language = str("indonesia!");
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad transcript language");
	t[0].language = str("zh-Hant-TW");
	t[1].path = str("");
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	assert_contains(fx->err.msg, "transcript 2 of");
	t[1].path = str("/srv/podcast/ep.srt");
	r.sha256 = str("abc");
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	assert_contains(fx->err.msg, "bad SHA-256 'abc'");
	r.sha256 = str(SHA_B);
	r.kind = str("image");
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	r.kind = str("video");
	r.width = -1;
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	assert_contains(fx->err.msg, "negative picture size");
	r.width = 640;
	assert_int_equal(add_fails(fx, &ep), SIAR_OK);
}

static void episode_type_and_explicit_round_trip(void **state)
{
	struct fx *fx = *state;
	struct catalog_episode ep;
	int64_t plain, trailer = 0;

	plain = add_draft(fx, "suara");
	fill_episode(&ep, "suara", "Cuplikan");
	ep.episode_type = str("trailer");
	ep.explicit = true;
	assert_int_equal(catalog_episode_add(fx->cat, &ep, &trailer,
					     &fx->err),
			 SIAR_OK);
	ep.episode_type = str("Trailer");
	assert_int_equal(add_fails(fx, &ep), SIAR_EINVAL);
	get_ok(fx, plain, &ep);
	assert_string_equal(ep.episode_type, "full");
	assert_false(ep.explicit);
	catalog_episode_release(&ep);
	get_ok(fx, trailer, &ep);
	assert_string_equal(ep.episode_type, "trailer");
	assert_true(ep.explicit);
	catalog_episode_release(&ep);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(action_names_are_the_cli_spellings),
		T(reviewed_episode_goes_from_draft_to_published),
		T(publish_refuses_draft_in_show_that_requires_review),
		T(approve_refuses_draft),
		T(request_changes_needs_note_and_returns_to_draft),
		T(show_without_review_publishes_drafts),
		T(scheduled_episode_is_not_live_until_its_time),
		T(unpublished_episode_can_be_published_again),
		T(archived_episode_cannot_be_published_or_archived),
		T(act_needs_an_actor_and_an_episode),
		T(log_lists_every_step_oldest_first),
		T(episode_added_without_a_name_is_added_by_siar),
		T(log_each_reports_unknown_episode_and_callback_error),
		T(update_replaces_fields_and_logs_what_changed),
		T(update_without_change_logs_nothing),
		T(update_logs_every_changed_field_and_the_note),
		T(update_refuses_bad_fields_and_changes_nothing),
		T(episode_number_is_unique_within_season_of_a_show),
		T(remove_refuses_published_episode_unless_forced),
		T(removed_episode_keeps_its_log_apart_from_new_ones),
		T(filter_by_status_takes_only_known_names),
		T(filter_by_topic_takes_name_or_slug),
		T(filter_by_person_finds_any_role),
		T(filter_by_dates_uses_publication_else_creation),
		T(filter_limit_and_live_order_combine),
		T(search_ranks_title_above_description),
		T(search_matches_whole_words_and_starred_prefixes),
		T(search_folds_case_and_accents),
		T(search_finds_topics_and_guests_organisations),
		T(search_limits_to_a_show),
		T(search_refuses_empty_text),
		T(search_follows_edits),
		T(transcripts_and_renditions_round_trip),
		T(add_rejects_bad_transcripts_and_renditions),
		T(episode_type_and_explicit_round_trip),
		T(credits_round_trip_after_the_guests),
		T(credit_with_bad_role_is_refused_and_nothing_changes),
		T(update_replaces_credits_and_logs_people),
		T(search_finds_a_credited_producer),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
