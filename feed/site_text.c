/*
 * Text the site builder shows: descriptions split into paragraphs, short
 * summaries, slugs for people's pages, and transcripts (WebVTT, SubRip or
 * plain text) read into timed lines. Everything here returns plain text;
 * escaping it is the template renderer's job.
 */
#include "feed.h"

#include <stdlib.h>
#include <string.h>

#include "feed_int.h"

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The length of the line at 'p' (up to 'end'), without its '\r'. */
static size_t line_len(const char *p, const char *end, const char **next)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

	*next = nl ? nl + 1 : end;
	if (len && p[len - 1] == '\r')
		len--;
	return len;
}

static bool blank_line(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!is_ws(p[i]))
			return false;
	return true;
}

int feed_text_paragraphs(const char *text, feed_text_fn fn, void *ctx,
			 struct siar_err *err)
{
	const char *p = text, *end, *next, *start = NULL, *stop = NULL;
	size_t len;
	int rc;

	if (!text)
		return SIAR_OK;
	end = text + strlen(text);
	for (; p <= end; p = next) {
		if (p == end) {
			len = 0;
			next = end + 1;
		} else {
			len = line_len(p, end, &next);
		}
		if (!blank_line(p, len)) {
			if (!start)
				start = p;
			stop = p + len;
			continue;
		}
		if (!start)
			continue;
		while (start < stop && is_ws(*start))
			start++;
		while (stop > start && is_ws(stop[-1]))
			stop--;
		rc = fn(ctx, -1, start, (size_t)(stop - start), err);
		if (rc)
			return rc;
		start = NULL;
	}
	return SIAR_OK;
}

struct first_para {
	char *text;
	size_t max;
};

/* A feed_text_fn: keep the first paragraph, cut to 'max' bytes. */
static int take_first(void *ctx, int64_t start_ms, const char *s, size_t len,
		      struct siar_err *err)
{
	struct first_para *fp = ctx;
	bool cut = len > fp->max;
	size_t end;

	(void)start_ms;
	if (fp->text)
		return SIAR_OK;
	if (cut) {
		/* A code point boundary, then preferably a word's end. */
		len = fp->max;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		end = len;
		while (end > len / 2 && s[end] != ' ')
			end--;
		if (s[end] == ' ')
			len = end;
		while (len > 0 && (is_ws(s[len - 1]) || s[len - 1] == ',' ||
				   s[len - 1] == '.' || s[len - 1] == ':'))
			len--;
	}
	fp->text = malloc(len + 4);
	if (!fp->text)
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	memcpy(fp->text, s, len);
	/* U+2026 marks the cut. */
	if (cut)
		memcpy(fp->text + len, "\xE2\x80\xA6", 3);
	fp->text[len + (cut ? 3 : 0)] = '\0';
	return SIAR_OK;
}

int feed_text_summary(const char *text, size_t max, char **out,
		      struct siar_err *err)
{
	struct first_para fp = {NULL, max};
	int rc = feed_text_paragraphs(text, take_first, &fp, err);

	if (rc) {
		free(fp.text);
		fp.text = NULL;
	}
	*out = fp.text;
	return rc;
}

/* ---- Transcripts --------------------------------------------------------- */

/* "01:02:03.500", "02:03,5" or "2:03" as milliseconds; -1 if not a time. */
static int64_t parse_time(const char *p, const char *end)
{
	int64_t parts[3] = {0, 0, 0}, ms = 0, scale = 100;
	size_t n = 0;
	bool digits = false;

	while (p < end && is_ws(*p))
		p++;
	for (; p < end && n < 3; p++) {
		if (*p >= '0' && *p <= '9') {
			if (parts[n] > 1000000)
				return -1;
			parts[n] = parts[n] * 10 + (*p - '0');
			digits = true;
		} else if (*p == ':' && digits) {
			n++;
			digits = false;
		} else {
			break;
		}
	}
	if (!digits || n > 2)
		return -1;
	if (p < end && (*p == '.' || *p == ',')) {
		for (p++; p < end && *p >= '0' && *p <= '9'; p++) {
			ms += (*p - '0') * scale;
			scale /= 10;
		}
	}
	if (n == 1)
		return (parts[0] * 60 + parts[1]) * 1000 + ms;
	if (n == 2)
		return ((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + ms;
	return -1;
}

/* The named and numeric character references a cue line may hold. */
static size_t add_entity(struct siar_buf *b, const char *p, const char *end)
{
	static const char *const names[][2] = {
	    {"&amp;", "&"}, {"&lt;", "<"},   {"&gt;", ">"}, {"&quot;", "\""},
	    {"&#39;", "'"}, {"&nbsp;", " "}, {"&lrm;", ""}, {"&rlm;", ""},
	};
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i][0]);
		if ((size_t)(end - p) >= n && !memcmp(p, names[i][0], n)) {
			siar_buf_adds(b, names[i][1]);
			return n;
		}
	}
	siar_buf_addc(b, '&');
	return 1;
}

/* Append a cue's text line without its <tags>, references decoded. */
static void add_cue_line(struct siar_buf *b, const char *p, size_t len)
{
	const char *end = p + len;

	if (b->len)
		siar_buf_addc(b, ' ');
	while (p < end) {
		if (*p == '<') {
			const char *gt = memchr(p, '>', (size_t)(end - p));

			p = gt ? gt + 1 : end;
		} else if (*p == '&') {
			p += add_entity(b, p, end);
		} else {
			siar_buf_addc(b, *p++);
		}
	}
}

/*
 * One block of lines of a WebVTT or SubRip file: a cue when one line has
 * "-->" (its start time before it, its text after it); anything else
 * (the header, NOTE, STYLE) is skipped.
 */
static int timed_block(const char *p, const char *end, struct siar_buf *text,
		       feed_text_fn fn, void *ctx, struct siar_err *err)
{
	const char *next, *arrow;
	int64_t start = -1;
	size_t len;

	text->len = 0;
	text->buf[0] = '\0';
	for (; p < end; p = next) {
		len = line_len(p, end, &next);
		arrow = start < 0 ? strstr(p, "-->") : NULL;
		if (arrow && arrow < p + len) {
			start = parse_time(p, arrow);
			if (start < 0)
				return SIAR_OK;
			continue;
		}
		if (start >= 0)
			add_cue_line(text, p, len);
	}
	if (start < 0)
		return SIAR_OK;
	if (siar_buf_check(text, err))
		return err->code;
	if (!text->len)
		return SIAR_OK;
	return fn(ctx, start, text->buf, text->len, err);
}

int feed_text_cues(const char *data, size_t len, feed_text_fn fn, void *ctx,
		   struct siar_err *err)
{
	const char *p = data, *end = data + len, *block = NULL, *next;
	struct siar_buf text;
	size_t n;
	int rc = SIAR_OK;

	siar_buf_init(&text, 0);
	for (; !rc && p <= end; p = next) {
		n = p < end ? line_len(p, end, &next) : 0;
		if (p == end)
			next = end + 1;
		if (!blank_line(p, n)) {
			if (!block)
				block = p;
			continue;
		}
		if (block)
			rc = timed_block(block, p, &text, fn, ctx, err);
		block = NULL;
	}
	siar_buf_release(&text);
	return rc;
}
