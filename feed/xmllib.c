/*
 * libxml2, loaded on first use (see xmllib.h): dlopen() once, under
 * pthread_once(), then every function siar calls looked up by name.
 */
#define FEED_XML_LOADER
#include "feed.h"
#include "xmllib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct feed_xml fns;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static bool loaded;

/* Look 'name' up in 'lib' into '*slot'; false (and a message) if absent. */
static bool sym(void *lib, const char *name, void *slot)
{
	void *p = dlsym(lib, name);

	if (!p) {
		fprintf(stderr, "siar: cannot load libxml2: '%s' is missing"
				" from it\n", name);
		return false;
	}
	/* POSIX guarantees a data pointer from dlsym() converts to a
	 * function pointer; memcpy says so without a cast warning. */
	memcpy(slot, &p, sizeof(p));
	return true;
}

#define FEED_XML_SYM(name) ok = ok && sym(lib, #name, &fns.name);

static void load(void)
{
	void *lib = dlopen("libxml2.so.2", RTLD_NOW | RTLD_LOCAL);
	bool ok = lib != NULL;

	if (!lib) {
		fprintf(stderr, "siar: cannot load libxml2: %s\n", dlerror());
		exit(1);
	}
	FEED_XML_FUNCTIONS(FEED_XML_SYM)
	ok = ok && sym(lib, "xmlFree", &fns.free_hook);
	if (!ok)
		exit(1);
	fns.xmlInitParser();
	loaded = true;
}

const struct feed_xml *feed_xml(void)
{
	pthread_once(&once, load);
	return &fns;
}

/* libxml2's parser state is all feed/ keeps for the process. */
void feed_cleanup(void)
{
	if (loaded)
		fns.xmlCleanupParser();
}
