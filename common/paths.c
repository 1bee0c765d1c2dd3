/*
 * Lists of paths, and the recursive folder walk behind 'siar add DIR'.
 */
#include "siar.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

void siar_paths_init(struct siar_paths *p)
{
	p->items = NULL;
	p->n = 0;
	p->alloc = 0;
}

void siar_paths_release(struct siar_paths *p)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		free(p->items[i]);
	free(p->items);
	siar_paths_init(p);
}

int siar_paths_add(struct siar_paths *p, const char *path,
		   struct siar_err *err)
{
	char **grown;
	size_t alloc;

	if (p->n == p->alloc) {
		alloc = p->alloc ? p->alloc * 2 : 16;
		if (alloc > SIZE_MAX / sizeof(*grown))
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		grown = realloc(p->items, alloc * sizeof(*grown));
		if (!grown)
			return siar_err_set(err, SIAR_ENOMEM, "out of memory");
		p->items = grown;
		p->alloc = alloc;
	}
	p->items[p->n] = siar_strdup(path);
	if (!p->items[p->n])
		return siar_err_set(err, SIAR_ENOMEM, "out of memory");
	p->n++;
	return SIAR_OK;
}

static bool ext_wanted(const char *name, const char *const *exts)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!exts)
		return true;
	if (!dot || dot == name)
		return false;
	for (i = 0; exts[i]; i++)
		if (!strcasecmp(dot + 1, exts[i]))
			return true;
	return false;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in 'dir' other than hidden ones, sorted. */
static int read_names(const char *dir, struct siar_paths *names,
		      struct siar_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = SIAR_OK;

	if (!d)
		return siar_err_set(err, SIAR_EIO, "cannot read folder '%s': %s",
				    dir, strerror(errno));
	errno = 0;
	while (!rc && (e = readdir(d)) != NULL) {
		if (e->d_name[0] != '.')
			rc = siar_paths_add(names, e->d_name, err);
		errno = 0;
	}
	if (!rc && errno)
		rc = siar_err_set(err, SIAR_EIO, "cannot read folder '%s': %s",
				  dir, strerror(errno));
	closedir(d);
	if (names->n)
		qsort(names->items, names->n, sizeof(*names->items), by_name);
	return rc;
}

/* Add 'path' (named 'name') to 'p' or walk into it. */
static int walk_entry(struct siar_paths *p, const char *path,
		      const char *name, const char *const *exts,
		      struct siar_err *err)
{
	struct stat st, lst;

	if (lstat(path, &lst) || stat(path, &st))
		return SIAR_OK;	/* vanished or dangling: nothing to add */
	if (S_ISDIR(st.st_mode))
		return S_ISLNK(lst.st_mode) ? SIAR_OK
					    : siar_paths_walk(p, path, exts, err);
	if (S_ISREG(st.st_mode) && ext_wanted(name, exts))
		return siar_paths_add(p, path, err);
	return SIAR_OK;
}

int siar_paths_walk(struct siar_paths *p, const char *dir,
		    const char *const *exts, struct siar_err *err)
{
	struct siar_paths names;
	struct siar_buf path;
	size_t i, dir_len = strlen(dir);
	int rc;

	siar_paths_init(&names);
	siar_buf_init(&path, 0);
	rc = read_names(dir, &names, err);
	while (dir_len > 1 && dir[dir_len - 1] == '/')
		dir_len--;
	for (i = 0; !rc && i < names.n; i++) {
		siar_buf_release(&path);
		siar_buf_add(&path, dir, dir_len);
		siar_buf_addc(&path, '/');
		siar_buf_adds(&path, names.items[i]);
		rc = siar_buf_check(&path, err);
		if (!rc)
			rc = walk_entry(p, path.buf, names.items[i], exts, err);
	}
	siar_buf_release(&path);
	siar_paths_release(&names);
	return rc;
}
