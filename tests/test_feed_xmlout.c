/*
 * Tests for feed/xmlout.c, the feed's XML writer: every document is
 * written twice, through xmlout.c and through libxml2's xmlTextWriter
 * (indented with two spaces, as feed.c used it), and the bytes must be
 * the same. Hand-made documents cover each case of the layout and of the
 * escaping (text, attributes, CDATA, non-ASCII, values over a block);
 * seeded random documents cover their mixtures. Then misuse and a failed
 * write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libxml/xmlwriter.h>

#include "../feed/xmlout.h"

#define XC(s) ((const xmlChar *)(s))

enum op_kind { OP_START, OP_ATTR, OP_TEXT, OP_CDATA, OP_END };

struct op {
	enum op_kind kind;
	const char *name;
	const char *value;
};

/* The document through xmlTextWriter, as a string to free. */
static char *through_libxml2(const struct op *ops, size_t n)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w;
	char *out;
	size_t i;

	assert_non_null(buf);
	w = xmlNewTextWriterMemory(buf, 0);
	assert_non_null(w);
	assert_true(xmlTextWriterSetIndent(w, 1) >= 0);
	assert_true(xmlTextWriterSetIndentString(w, XC("  ")) >= 0);
	assert_true(xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) >= 0);
	for (i = 0; i < n; i++) {
		int rc = 0;

		switch (ops[i].kind) {
		case OP_START:
			rc = xmlTextWriterStartElement(w, XC(ops[i].name));
			break;
		case OP_ATTR:
			rc = xmlTextWriterWriteAttribute(w, XC(ops[i].name),
							 XC(ops[i].value));
			break;
		case OP_TEXT:
			rc = xmlTextWriterWriteString(w, XC(ops[i].value));
			break;
		case OP_CDATA:
			rc = xmlTextWriterWriteCDATA(w, XC(ops[i].value));
			break;
		case OP_END:
			rc = xmlTextWriterEndElement(w);
			break;
		}
		assert_true(rc >= 0);
	}
	assert_true(xmlTextWriterEndDocument(w) >= 0);
	xmlFreeTextWriter(w);
	out = strdup((const char *)xmlBufferContent(buf));
	xmlBufferFree(buf);
	assert_non_null(out);
	return out;
}

/* The document through xmlout.c (which must not fail), as a string. */
static char *through_xmlout(const struct op *ops, size_t n)
{
	struct xml_out xo;
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp = open_memstream(&out, &len);

	assert_non_null(fp);
	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_decl(&xo);
	for (i = 0; i < n; i++) {
		switch (ops[i].kind) {
		case OP_START:
			xo_start(&xo, ops[i].name);
			break;
		case OP_ATTR:
			xo_attr(&xo, ops[i].name, ops[i].value);
			break;
		case OP_TEXT:
			xo_text(&xo, ops[i].value);
			break;
		case OP_CDATA:
			xo_cdata(&xo, ops[i].value);
			break;
		case OP_END:
			xo_end(&xo);
			break;
		}
	}
	assert_int_equal(xo_flush(&xo), SIAR_OK);
	assert_int_equal(xo.failed, SIAR_OK);
	assert_int_equal(xo.depth, 0);
	xo_close(&xo);
	assert_int_equal(fclose(fp), 0);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

static void assert_same(const struct op *ops, size_t n)
{
	char *want = through_libxml2(ops, n);
	char *got = through_xmlout(ops, n);

	if (strcmp(want, got)) {
		size_t i = 0;

		while (want[i] && want[i] == got[i])
			i++;
		print_error("first difference at byte %zu:\nlibxml2: %.80s\n"
			    "xmlout:  %.80s\n",
			    i, want + i, got + i);
	}
	assert_string_equal(got, want);
	free(want);
	free(got);
}

#define SAME(ops) assert_same(ops, sizeof(ops) / sizeof(ops[0]))

static void test_layout(void **state)
{
	static const struct op ops[] = {
		{OP_START, "rss", NULL},
		{OP_ATTR, "version", "2.0"},
		{OP_ATTR, "xmlns:itunes", "http://www.itunes.com/dtds/"},
		{OP_START, "channel", NULL},
		{OP_START, "title", NULL},
		{OP_TEXT, NULL, "Siaran KPU"},
		{OP_END, NULL, NULL},
		{OP_START, "empty", NULL},
		{OP_END, NULL, NULL},
		{OP_START, "itunes:image", NULL},
		{OP_ATTR, "href", "https://kpu.example.id/a.jpg"},
		{OP_END, NULL, NULL},
		{OP_START, "itunes:owner", NULL},
		{OP_START, "itunes:name", NULL},
		{OP_TEXT, NULL, "Humas"},
		{OP_END, NULL, NULL},
		{OP_END, NULL, NULL},
		{OP_START, "item", NULL},
		{OP_START, "description", NULL},
		{OP_CDATA, NULL, "<p>Halo</p>"},
		{OP_END, NULL, NULL},
		{OP_START, "guid", NULL},
		{OP_ATTR, "isPermaLink", "false"},
		{OP_TEXT, NULL, "abc"},
		{OP_END, NULL, NULL},
		{OP_START, "blank", NULL},
		{OP_TEXT, NULL, ""},
		{OP_END, NULL, NULL},
		{OP_START, "cd", NULL},
		{OP_CDATA, NULL, ""},
		{OP_END, NULL, NULL},
		{OP_END, NULL, NULL},
		{OP_END, NULL, NULL},
		{OP_END, NULL, NULL},
	};

	(void)state;
	SAME(ops);
}

/* The ops[] values are NULL-named for text; the fixture fills them. */
static void test_escaping(void **state)
{
	static const char *const values[] = {
		"a < b > c & d \"e\" 'f'",
		"baris\r\nbaru\tdan tab",
		"Pemilu 2024 — café, 日本, \xF0\x9F\x8E\x99 mikrofon",
		"&amp; sudah di-escape",
		"]] > ]]",
		"",
		" spasi di tepi ",
	};
	struct op ops[3 + 5 * (sizeof(values) / sizeof(values[0]))];
	size_t n = 0, i;

	(void)state;
	ops[n++] = (struct op){OP_START, "root", NULL};
	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		ops[n++] = (struct op){OP_START, "e", NULL};
		ops[n++] = (struct op){OP_ATTR, "title", values[i]};
		ops[n++] = (struct op){OP_ATTR, "alt", values[i]};
		ops[n++] = (struct op){OP_TEXT, NULL, values[i]};
		ops[n++] = (struct op){OP_END, NULL, NULL};
	}
	ops[n++] = (struct op){OP_END, NULL, NULL};
	assert_same(ops, n);
}

/* Values longer than a block, and a document of many blocks. */
static void test_long(void **state)
{
	size_t big = 3 * XO_BUF + 123, i;
	char *text = malloc(big + 1);
	char *attr = malloc(big + 1);
	struct op *ops;
	size_t n = 0;

	(void)state;
	assert_non_null(text);
	assert_non_null(attr);
	for (i = 0; i < big; i++) {
		text[i] = "abc <&> xyz"[i % 11];
		attr[i] = "Kab. \"Grobogan\" & Kota"[i % 23];
	}
	text[big] = attr[big] = '\0';
	ops = calloc(6 + 3 * 20000, sizeof(*ops));
	assert_non_null(ops);
	ops[n++] = (struct op){OP_START, "root", NULL};
	ops[n++] = (struct op){OP_START, "big", NULL};
	ops[n++] = (struct op){OP_ATTR, "a", attr};
	ops[n++] = (struct op){OP_TEXT, NULL, text};
	ops[n++] = (struct op){OP_END, NULL, NULL};
	for (i = 0; i < 20000; i++) {
		ops[n++] = (struct op){OP_START, "item", NULL};
		ops[n++] = (struct op){OP_TEXT, NULL, "judul episode"};
		ops[n++] = (struct op){OP_END, NULL, NULL};
	}
	ops[n++] = (struct op){OP_END, NULL, NULL};
	assert_same(ops, n);
	free(ops);
	free(text);
	free(attr);
}

/* A small random generator, the same on every run (xorshift64*). */
static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * UINT64_C(2685821657736338717);
}

/* A random value from pieces that stress escaping; caller frees. */
static char *random_value(uint64_t *s)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "<", ">", "&", "\"", "'", "\t", "\n", "\r",
		"é", "—", "\xF0\x9F\x8E\x99", "]]", "&lt;", "kpu",
	};
	size_t n = next_rand(s) % 12, i, len = 0;
	char *v = malloc(12 * 4 + 1);

	assert_non_null(v);
	for (i = 0; i < n; i++) {
		const char *p = pieces[next_rand(s) % (sizeof(pieces) /
						       sizeof(pieces[0]))];

		memcpy(v + len, p, strlen(p));
		len += strlen(p);
	}
	v[len] = '\0';
	return v;
}

static void test_random(void **state)
{
	static const char *const names[] = {"a", "item", "podcast:person",
					    "x"};
	enum { DOCS = 300, OPS = 200 };
	uint64_t seed = UINT64_C(0x5eed5eed5eed5eed);
	struct op ops[OPS + 16];
	char *owned[OPS];
	size_t doc, n, k, depth, n_owned, i;
	bool open;

	(void)state;
	for (doc = 0; doc < DOCS; doc++) {
		n = n_owned = 0;
		ops[n++] = (struct op){OP_START, "root", NULL};
		depth = 1;
		open = true;
		while (n < OPS) {
			k = next_rand(&seed) % 6;
			if (k == 0 && depth < XO_DEPTH - 1) {
				ops[n++] = (struct op){
				    OP_START, names[next_rand(&seed) % 4], NULL};
				depth++;
				open = true;
			} else if (k == 1 && open) {
				owned[n_owned] = random_value(&seed);
				ops[n++] = (struct op){
				    OP_ATTR, names[next_rand(&seed) % 4],
				    owned[n_owned++]};
			} else if (k == 2) {
				owned[n_owned] = random_value(&seed);
				ops[n++] = (struct op){OP_TEXT, NULL,
						       owned[n_owned++]};
				open = false;
			} else if (k == 3) {
				ops[n++] = (struct op){OP_CDATA, NULL,
						       "<b>cdata</b>"};
				open = false;
			} else if (k >= 4 && depth > 1) {
				ops[n++] = (struct op){OP_END, NULL, NULL};
				depth--;
				open = false;
			}
		}
		while (depth--)
			ops[n++] = (struct op){OP_END, NULL, NULL};
		assert_same(ops, n);
		for (i = 0; i < n_owned; i++)
			free(owned[i]);
	}
}

/* xo_cdata_para() writes what xo_cdata() of the text in <p> would. */
static void test_cdata_para(void **state)
{
	static const char text[] = "Sosialisasi \"pemilu\" & caf\xC3\xA9";
	static const struct op ops[] = {
		{OP_START, "root", NULL},
		{OP_START, "content:encoded", NULL},
		{OP_CDATA, NULL, "<p>Sosialisasi \"pemilu\" & caf\xC3\xA9</p>"},
		{OP_END, NULL, NULL},
		{OP_END, NULL, NULL},
	};
	char *want = through_libxml2(ops, sizeof(ops) / sizeof(ops[0]));
	struct xml_out xo;
	char *got = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&got, &len);

	(void)state;
	assert_non_null(fp);
	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_decl(&xo);
	xo_start(&xo, "root");
	xo_start(&xo, "content:encoded");
	xo_cdata_para(&xo, text, strlen(text));
	xo_end(&xo);
	xo_end(&xo);
	assert_int_equal(xo_flush(&xo), SIAR_OK);
	xo_close(&xo);
	fclose(fp);
	assert_string_equal(got, want);
	free(got);
	free(want);

	/* A '>' could close the section: refused. */
	fp = tmpfile();
	assert_non_null(fp);
	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_start(&xo, "a");
	xo_cdata_para(&xo, "x]]>y", 5);
	assert_int_equal(xo.failed, SIAR_EINVAL);
	xo_close(&xo);
	fclose(fp);
}

/* Calls out of order fail the writer, which then writes nothing more. */
static void test_misuse(void **state)
{
	struct xml_out xo;
	FILE *fp = tmpfile();

	(void)state;
	assert_non_null(fp);
	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_end(&xo);
	assert_int_equal(xo.failed, SIAR_EINVAL);
	xo_close(&xo);

	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_start(&xo, "a");
	xo_text(&xo, "t");
	xo_attr(&xo, "late", "v");
	assert_int_equal(xo.failed, SIAR_EINVAL);
	assert_int_equal(xo_flush(&xo), SIAR_EINVAL);
	xo_close(&xo);

	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_start(&xo, "a");
	xo_cdata(&xo, "x]]>y");
	assert_int_equal(xo.failed, SIAR_EINVAL);
	xo_close(&xo);
	fclose(fp);
}

/* A write that fails is kept and reported by xo_flush(). */
static void test_write_failure(void **state)
{
	struct xml_out xo;
	FILE *fp = fopen("/dev/full", "w");
	size_t i;

	(void)state;
	if (!fp)
		skip();
	assert_int_equal(xo_open(&xo, fp), SIAR_OK);
	xo_start(&xo, "root");
	for (i = 0; i < 50000; i++) {
		xo_start(&xo, "item");
		xo_text(&xo, "judul episode yang cukup panjang");
		xo_end(&xo);
	}
	xo_end(&xo);
	assert_int_equal(xo_flush(&xo), SIAR_EIO);
	assert_int_equal(xo_errnum(&xo), ENOSPC);
	xo_close(&xo);
	fclose(fp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_cdata_para),
		cmocka_unit_test(test_misuse),
		cmocka_unit_test(test_write_failure),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
