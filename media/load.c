/*
 * The door to FFmpeg: media.h's measuring functions, as the siar binary
 * sees them. They load siar-media.so (which links libavformat and friends)
 * with dlopen() on first use and call through its entry table, so commands
 * that never measure media start without loading FFmpeg's 130-odd shared
 * libraries.
 *
 * The object is looked for at $SIAR_MEDIA_LIB, then beside the running
 * executable, then in ../lib/siar/ from it (the installed layout), then in
 * SIAR_LIBDIR as set at build time.
 *
 * The loaded table is the one piece of process-wide state in media/: it is
 * written once, under pthread_once(), and only read afterwards, so batch
 * probing from several threads is safe.
 */
#include "media.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "media_so.h"

#ifndef SIAR_LIBDIR
#define SIAR_LIBDIR "/usr/local/lib/siar"
#endif

static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const struct media_so *loaded;
static bool want_verbose;
static char load_error[SIAR_ERR_MAX];

/* The folder of the running executable, into 'dir'; false if unknown. */
static bool exe_dir(char *dir, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", dir, len - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= len - 1)
		return false;
	dir[n] = '\0';
	slash = strrchr(dir, '/');
	if (!slash)
		return false;
	*slash = '\0';
	return true;
}

/* dlopen() the first candidate that exists; NULL if none loads. */
static void *open_object(void)
{
	const char *env = getenv("SIAR_MEDIA_LIB");
	char dir[PATH_MAX], path[PATH_MAX + 64];
	void *h;

	if (env && *env)
		return dlopen(env, RTLD_NOW | RTLD_LOCAL);
	if (exe_dir(dir, sizeof(dir))) {
		snprintf(path, sizeof(path), "%s/" MEDIA_SO_NAME, dir);
		if (access(path, R_OK) == 0)
			return dlopen(path, RTLD_NOW | RTLD_LOCAL);
		snprintf(path, sizeof(path), "%s/../lib/siar/" MEDIA_SO_NAME,
			 dir);
		if (access(path, R_OK) == 0)
			return dlopen(path, RTLD_NOW | RTLD_LOCAL);
	}
	h = dlopen(SIAR_LIBDIR "/" MEDIA_SO_NAME, RTLD_NOW | RTLD_LOCAL);
	return h;
}

static void load(void)
{
	const struct media_so *so;
	const char *why;
	void *h;

	h = open_object();
	if (!h) {
		why = dlerror();
		snprintf(load_error, sizeof(load_error),
			 "cannot load siar's media module " MEDIA_SO_NAME
			 ": %s", why ? why : "not found");
		return;
	}
	so = dlsym(h, MEDIA_SO_SYMBOL);
	if (!so || so->abi != MEDIA_SO_ABI) {
		snprintf(load_error, sizeof(load_error),
			 "siar's media module " MEDIA_SO_NAME
			 " is from another version of siar");
		dlclose(h);
		return;
	}
	/* Never dlclose()d: FFmpeg keeps state until the process ends. */
	so->global_init(want_verbose);
	loaded = so;
}

/* The table, loading it on first use; NULL after setting 'err'. */
static const struct media_so *media_so_get(struct siar_err *err)
{
	pthread_once(&load_once, load);
	if (!loaded)
		siar_err_set(err, SIAR_EIO, "%s", load_error);
	return loaded;
}

void media_global_init(bool verbose)
{
	/* Applied when the object loads; loading it now would defeat it. */
	want_verbose = verbose;
}

int media_probe(const char *path, struct media_info *out,
		struct siar_err *err)
{
	const struct media_so *so = media_so_get(err);

	return so ? so->probe(path, out, err) : (int)err->code;
}

int media_file_sha256(const char *path, char hex[65], struct siar_err *err)
{
	const struct media_so *so = media_so_get(err);

	return so ? so->file_sha256(path, hex, err) : (int)err->code;
}

int media_cover_save(const char *path, const char *out_path,
		     struct siar_err *err)
{
	const struct media_so *so = media_so_get(err);

	return so ? so->cover_save(path, out_path, err) : (int)err->code;
}

int media_loudness_measure(const char *path, struct media_loudness *out,
			   struct siar_err *err)
{
	const struct media_so *so = media_so_get(err);

	return so ? so->loudness_measure(path, out, err) : (int)err->code;
}

int media_poster_save(const char *path, double at_seconds,
		      const char *out_path, struct media_poster *out,
		      struct siar_err *err)
{
	const struct media_so *so = media_so_get(err);

	return so ? so->poster_save(path, at_seconds, out_path, out, err)
		  : (int)err->code;
}
