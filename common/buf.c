/*
 * A growable, always NUL-terminated string buffer with a per-buffer size
 * cap and a sticky failure, after SQLite's StrAccum and curl's dynbuf: call
 * sites append without checking and test once at the end.
 */
#include "siar.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char siar_buf_empty[1];

void siar_buf_init(struct siar_buf *b, size_t max)
{
	b->buf = siar_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->max = max ? max : SIAR_BUF_MAX_DEFAULT;
	b->failed = SIAR_OK;
}

void siar_buf_release(struct siar_buf *b)
{
	size_t max = b->max;

	if (b->alloc)
		free(b->buf);
	siar_buf_init(b, max);
}

void siar_buf_clear(struct siar_buf *b)
{
	b->len = 0;
	b->buf[0] = '\0';
	b->failed = SIAR_OK;
}

bool siar_grow(void **v, size_t *cap, size_t n, size_t size)
{
	size_t new_cap;
	void *p;

	if (n < *cap)
		return true;
	new_cap = *cap ? *cap * 2 : 16;
	if (new_cap > SIZE_MAX / size)
		return false;
	p = realloc(*v, new_cap * size);
	if (!p)
		return false;
	*v = p;
	*cap = new_cap;
	return true;
}

/* Make room for 'extra' more bytes plus the terminator. */
static bool buf_grow(struct siar_buf *b, size_t extra)
{
	size_t need, alloc;
	char *p;

	if (b->failed)
		return false;
	if (extra > b->max || b->len > b->max - extra) {
		b->failed = SIAR_EINVAL;
		return false;
	}
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return true;
	alloc = b->alloc ? b->alloc : 64;
	while (alloc < need)
		alloc = alloc > SIZE_MAX / 2 ? need : alloc * 2;
	p = realloc(b->alloc ? b->buf : NULL, alloc);
	if (!p) {
		b->failed = SIAR_ENOMEM;
		return false;
	}
	if (!b->alloc)
		p[0] = '\0';
	b->buf = p;
	b->alloc = alloc;
	return true;
}

void siar_buf_add(struct siar_buf *b, const char *data, size_t len)
{
	if (!buf_grow(b, len))
		return;
	memcpy(b->buf + b->len, data, len);
	b->len += len;
	b->buf[b->len] = '\0';
}

void siar_buf_adds(struct siar_buf *b, const char *s)
{
	siar_buf_add(b, s, strlen(s));
}

void siar_buf_addc(struct siar_buf *b, char c)
{
	/* Byte by byte is how escaping loops append: keep it short. */
	if (!b->failed && b->len + 2 <= b->alloc && b->len < b->max) {
		b->buf[b->len++] = c;
		b->buf[b->len] = '\0';
		return;
	}
	siar_buf_add(b, &c, 1);
}

void siar_buf_addf(struct siar_buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	if (b->failed)
		return;
	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = SIAR_EINVAL;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		siar_buf_add(b, small, (size_t)n);
		return;
	}
	if (!buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

int siar_buf_check(const struct siar_buf *b, struct siar_err *err)
{
	switch (b->failed) {
	case SIAR_OK:
		return SIAR_OK;
	case SIAR_ENOMEM:
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	default:
		return siar_err_set(err, b->failed,
				    "text longer than %zu bytes", b->max);
	}
}

char *siar_buf_detach(struct siar_buf *b)
{
	char *s;

	if (b->failed)
		return NULL;
	if (!b->alloc) {
		s = malloc(1);
		if (!s)
			return NULL;
		s[0] = '\0';
	} else {
		s = b->buf;
	}
	b->alloc = 0;
	siar_buf_init(b, b->max);
	return s;
}
