/*
 * UTF-8 validation and repair, after jq's decoder: bounded by an end
 * pointer, rejecting overlong forms, surrogates and code points above
 * U+10FFFF, replacing each bad sequence with U+FFFD.
 */
#include "siar.h"

#include <stdlib.h>
#include <string.h>

static const char replacement[] = "\xEF\xBF\xBD";

/*
 * Length of the well-formed sequence at 's' (at most 'avail' bytes), or 0
 * if it is ill-formed. '*cp' receives the code point.
 */
static size_t utf8_seq(const unsigned char *s, size_t avail, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n, i;
	uint32_t min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 2;
		min = 0x80;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		min = 0x800;
		c &= 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 4;
		min = 0x10000;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n > avail)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

bool siar_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;
	uint32_t cp;
	size_t n;

	while (p < end) {
		n = utf8_seq(p, (size_t)(end - p), &cp);
		if (!n)
			return false;
		p += n;
	}
	return true;
}

static bool is_stripped_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	       cp == 0x7F;
}

/*
 * True if the 8 bytes at 'p' are all printable ASCII (0x20 to 0x7E), as
 * most bytes of a title or a description are: checked a word at a time
 * (the "has less" and "has more" tests of Bit Twiddling Hacks), since
 * reading a catalogue repairs every text it reads.
 */
static bool printable8(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101u;
	const uint64_t highs = 0x8080808080808080u;
	uint64_t x;

	memcpy(&x, p, sizeof(x));
	return !(((x - ones * 0x20) & ~x & highs) | (((x + ones) | x) & highs));
}

/* The part of siar_utf8_clean_len() for text that is not all ASCII. */
static size_t clean_len_mixed(const unsigned char *p,
			      const unsigned char *end, bool strip_controls)
{
	const unsigned char *start = p;
	uint32_t cp;
	size_t n;

	while (p < end) {
		if (end - p >= 8 && printable8(p)) {
			p += 8;
			continue;
		}
		if (*p >= 0x20 && *p < 0x7F) {
			p++;
			continue;
		}
		n = utf8_seq(p, (size_t)(end - p), &cp);
		if (!n || (strip_controls && is_stripped_control(cp)))
			break;
		p += n;
	}
	return (size_t)(p - start);
}

size_t siar_utf8_clean_len(const char *s, size_t len, bool strip_controls)
{
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *end = p + len;

	/*
	 * Printable ASCII first, in two tight loops: most texts are nothing
	 * else, and a walk of the catalogue checks some 25 per episode.
	 */
	while (end - p >= 8 && printable8(p))
		p += 8;
	while (p < end && *p >= 0x20 && *p < 0x7F)
		p++;
	if (p == end)
		return len;
	return (size_t)(p - (const unsigned char *)s) +
	       clean_len_mixed(p, end, strip_controls);
}

void siar_utf8_repair(struct siar_buf *b, const char *s, size_t len,
		      bool strip_controls)
{
	const char *p = s;
	const char *end = s + len;
	uint32_t cp;
	size_t n;

	for (;;) {
		n = siar_utf8_clean_len(p, (size_t)(end - p), strip_controls);
		siar_buf_add(b, p, n);
		p += n;
		if (p == end)
			break;
		/* A bad byte, or a control to drop. */
		n = utf8_seq((const unsigned char *)p, (size_t)(end - p), &cp);
		if (!n)
			siar_buf_add(b, replacement, sizeof(replacement) - 1);
		p += n ? n : 1;
	}
}

char *siar_utf8_dup(const char *s, bool strip_controls)
{
	struct siar_buf b;
	char *out;

	siar_buf_init(&b, 0);
	siar_utf8_repair(&b, s, strlen(s), strip_controls);
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	return out;
}

char *siar_slug(const char *name, size_t max)
{
	struct siar_buf b;
	const unsigned char *p;
	bool dash = false;
	char *out;

	siar_buf_init(&b, max + 1);
	for (p = (const unsigned char *)name; p && *p; p++) {
		unsigned char c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			/* A separator only before a character that fits. */
			if (b.len + (dash && b.len ? 2 : 1) > max)
				break;
			if (dash && b.len)
				siar_buf_addc(&b, '-');
			dash = false;
			siar_buf_addc(&b, (char)c);
		} else if (c < 0x80 || (c & 0xC0) == 0xC0) {
			/* ASCII punctuation, or the start of another letter. */
			dash = true;
		}
	}
	out = siar_buf_detach(&b);
	siar_buf_release(&b);
	return out;
}
