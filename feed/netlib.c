/*
 * libcurl and libmicrohttpd, loaded with dlopen() by the commands that
 * fetch (import, follow, refresh) or serve, rather than linked into siar:
 * linking them makes every command load TLS and a dozen other libraries
 * at start, which took 'siar feed' from 7 MB to 16 MB of memory before it
 * had read a byte. The headers still give the types; only the functions
 * are looked up here, once, under pthread_once().
 *
 * libcrypto likewise, for the SHA-256 of an imported GUID and the base64
 * of a file's hash in a video feed: loading it took 0.6 ms of every
 * command, a tenth of a short feed's time.
 */
#include "feed.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <openssl/evp.h>

#define FEED_NET
#include "feed_int.h"

static struct feed_curl_fns curl_fns;
static struct feed_mhd_fns mhd_fns;
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;
static char curl_error[256];
static char mhd_error[256];

/* Look 'name' up in 'lib' into '*slot'; false (and a message) if absent. */
static bool sym(void *lib, const char *name, void *slot, char *error,
		size_t len)
{
	void *p = dlsym(lib, name);

	if (!p) {
		snprintf(error, len, "'%s' is missing from it", name);
		return false;
	}
	/* POSIX guarantees a data pointer from dlsym() converts to a
	 * function pointer; memcpy says so without a cast warning. */
	memcpy(slot, &p, sizeof(p));
	return true;
}

#define SYM(lib, fns, field, name, error)                                    \
	sym(lib, name, &(fns)->field, error, sizeof(error))

static void load_curl(void)
{
	struct feed_curl_fns *f = &curl_fns;
	void *lib = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
	bool ok;

	if (!lib) {
		snprintf(curl_error, sizeof(curl_error), "%s", dlerror());
		return;
	}
	ok = SYM(lib, f, global_init, "curl_global_init", curl_error) &&
	     SYM(lib, f, easy_init, "curl_easy_init", curl_error) &&
	     SYM(lib, f, easy_setopt, "curl_easy_setopt", curl_error) &&
	     SYM(lib, f, easy_perform, "curl_easy_perform", curl_error) &&
	     SYM(lib, f, easy_getinfo, "curl_easy_getinfo", curl_error) &&
	     SYM(lib, f, easy_cleanup, "curl_easy_cleanup", curl_error) &&
	     SYM(lib, f, easy_strerror, "curl_easy_strerror", curl_error) &&
	     SYM(lib, f, easy_header, "curl_easy_header", curl_error) &&
	     SYM(lib, f, slist_append, "curl_slist_append", curl_error) &&
	     SYM(lib, f, slist_free_all, "curl_slist_free_all", curl_error);
	/* Once, before any transfer; libcurl stays loaded until exit. */
	if (ok && f->global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK)
		f->loaded = true;
	else if (ok)
		snprintf(curl_error, sizeof(curl_error), "it did not start");
}

const struct feed_curl_fns *feed_curl(struct siar_err *err)
{
	pthread_once(&curl_once, load_curl);
	if (!curl_fns.loaded) {
		siar_err_set(err, SIAR_EIO, "cannot load libcurl: %s",
			     curl_error);
		return NULL;
	}
	return &curl_fns;
}

/* The libcrypto functions feed_sha256() and feed_base64() call. */
static struct {
	bool loaded;
	int (*digest)(const void *data, size_t count, unsigned char *md,
		      unsigned int *size, const EVP_MD *type, ENGINE *impl);
	const EVP_MD *(*sha256)(void);
	int (*encode_block)(unsigned char *t, const unsigned char *f, int n);
} crypto_fns;
static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static char crypto_error[256];

static void load_crypto(void)
{
	void *lib = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);

	if (!lib) {
		snprintf(crypto_error, sizeof(crypto_error), "%s", dlerror());
		return;
	}
	crypto_fns.loaded =
	    SYM(lib, &crypto_fns, digest, "EVP_Digest", crypto_error) &&
	    SYM(lib, &crypto_fns, sha256, "EVP_sha256", crypto_error) &&
	    SYM(lib, &crypto_fns, encode_block, "EVP_EncodeBlock",
		crypto_error);
}

static int crypto(struct siar_err *err)
{
	pthread_once(&crypto_once, load_crypto);
	if (!crypto_fns.loaded)
		return siar_err_set(err, SIAR_EIO, "cannot load libcrypto: %s",
				    crypto_error);
	return SIAR_OK;
}

int feed_sha256(const void *data, size_t len, unsigned char md[32],
		struct siar_err *err)
{
	unsigned int n = 0;

	if (crypto(err))
		return err->code;
	if (!crypto_fns.digest(data, len, md, &n, crypto_fns.sha256(), NULL) ||
	    n != 32)
		return siar_err_set(err, SIAR_ENOMEM, "cannot compute SHA-256");
	return SIAR_OK;
}

int feed_base64(char *out, const unsigned char *in, size_t n,
		struct siar_err *err)
{
	if (n > (size_t)INT_MAX / 4 * 3)
		return siar_err_set(err, SIAR_EINVAL, "too much for base64");
	if (crypto(err))
		return err->code;
	crypto_fns.encode_block((unsigned char *)out, in, (int)n);
	return SIAR_OK;
}

static void load_mhd(void)
{
	struct feed_mhd_fns *f = &mhd_fns;
	void *lib = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);

	if (!lib) {
		snprintf(mhd_error, sizeof(mhd_error), "%s", dlerror());
		return;
	}
	f->loaded =
	    SYM(lib, f, start_daemon, "MHD_start_daemon", mhd_error) &&
	    SYM(lib, f, stop_daemon, "MHD_stop_daemon", mhd_error) &&
	    SYM(lib, f, queue_response, "MHD_queue_response", mhd_error) &&
	    SYM(lib, f, destroy_response, "MHD_destroy_response",
		mhd_error) &&
	    SYM(lib, f, add_response_header, "MHD_add_response_header",
		mhd_error) &&
	    SYM(lib, f, create_response_from_buffer,
		"MHD_create_response_from_buffer", mhd_error) &&
	    SYM(lib, f, create_response_from_buffer_with_free_callback_cls,
		"MHD_create_response_from_buffer_with_free_callback_cls",
		mhd_error) &&
	    SYM(lib, f, create_response_from_fd_at_offset64,
		"MHD_create_response_from_fd_at_offset64", mhd_error) &&
	    SYM(lib, f, get_connection_info, "MHD_get_connection_info",
		mhd_error) &&
	    SYM(lib, f, lookup_connection_value, "MHD_lookup_connection_value",
		mhd_error);
}

const struct feed_mhd_fns *feed_mhd(struct siar_err *err)
{
	pthread_once(&mhd_once, load_mhd);
	if (!mhd_fns.loaded) {
		siar_err_set(err, SIAR_EIO, "cannot load libmicrohttpd: %s",
			     mhd_error);
		return NULL;
	}
	return &mhd_fns;
}
