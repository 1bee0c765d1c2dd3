/*
 * libFuzzer target: media_probe() on arbitrary bytes. The input is written
 * to a temporary file (media_probe takes a path, as siar does), probed, and
 * the result checked for the invariants media.h promises.
 *
 *   make fuzz                      build build/fuzz/fuzz_probe (clang)
 *   build/fuzz/fuzz_probe -max_total_time=600 -timeout=10 \
 *       build/fuzz/corpus tests/data/media
 *
 * Inputs that crashed or hung are kept in tests/data/media/ and probed by
 * tests/test_media.c as regression tests.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../media/media.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static char path[64];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/siar-fuzz-%ld.mp3", (long)getpid());
	media_global_init(false);
	return 0;
}

static void check_info(const struct media_info *m)
{
	size_t i;

	assert(m->duration_ms > 0);
	assert(m->mime && strchr(m->mime, '/'));
	assert(strlen(m->sha256) == 64);
	for (i = 0; i < m->n_tags; i++)
		assert(siar_utf8_valid(m->tags[i].value,
				       strlen(m->tags[i].value)));
	for (i = 0; i < m->n_chapters; i++)
		assert(!m->chapters[i].title ||
		       siar_utf8_valid(m->chapters[i].title,
				       strlen(m->chapters[i].title)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct media_info m;
	struct siar_err err = {0};
	FILE *f = fopen(path, "wb");

	if (!f)
		abort();
	if (size && fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	media_info_init(&m);
	if (media_probe(path, &m, &err) == SIAR_OK)
		check_info(&m);
	else
		assert(err.msg[0] && !strchr(err.msg, '\n'));
	media_info_release(&m);
	unlink(path);
	return 0;
}
