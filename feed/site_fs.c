/*
 * The file-system work of the site builder (site.c): copying the last
 * build into the new folder as hard links, publishing media by hard link
 * or copy, removing what a build no longer makes, and swapping the new
 * folder in.
 *
 * Built with _GNU_SOURCE (set for this file alone in the Makefile) for
 * renameat2(RENAME_EXCHANGE), which swaps two folders in one step; where
 * the C library or the file system lacks it, two renames do, leaving a
 * moment without a site.
 */
#include "feed.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "feed_int.h"

static int fs_err(struct siar_err *err, const char *what, const char *path)
{
	return siar_err_set(err, SIAR_EIO, "cannot %s '%s': %s", what, path,
			    strerror(errno));
}

int feed_fs_mkdirs(const char *dir, struct siar_err *err)
{
	struct siar_buf b;
	size_t i;
	int rc = SIAR_OK;

	siar_buf_init(&b, 0);
	siar_buf_adds(&b, dir);
	if (siar_buf_check(&b, err)) {
		siar_buf_release(&b);
		return err->code;
	}
	for (i = 1; i <= b.len && !rc; i++) {
		if (i < b.len && b.buf[i] != '/')
			continue;
		b.buf[i] = '\0';
		if (mkdir(b.buf, 0755) && errno != EEXIST)
			rc = fs_err(err, "create", b.buf);
		if (i < b.len)
			b.buf[i] = '/';
	}
	siar_buf_release(&b);
	return rc;
}

/*
 * Copy 'src' to 'dst' through a temporary file renamed into place, with
 * the time stamps of 'src', so that the next build finds the same size
 * and time and leaves it alone.
 */
static int copy_file(const char *src, const char *dst, struct siar_err *err)
{
	char chunk[65536];
	struct siar_atomic a;
	struct timespec times[2];
	struct stat st;
	ssize_t n;
	int fd, rc = SIAR_OK;

	fd = open(src, O_RDONLY);
	if (fd < 0)
		return fs_err(err, "read", src);
	if (fstat(fd, &st)) {
		rc = fs_err(err, "read", src);
		close(fd);
		return rc;
	}
	if (siar_atomic_open(&a, dst, err)) {
		close(fd);
		return err->code;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		if (fwrite(chunk, 1, (size_t)n, a.fp) != (size_t)n)
			break;
	if (n < 0)
		rc = fs_err(err, "read", src);
	else if (n > 0 || fflush(a.fp))
		rc = fs_err(err, "write", dst);
	close(fd);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	if (!rc && futimens(fileno(a.fp), times))
		rc = fs_err(err, "set the time of", dst);
	if (rc) {
		siar_atomic_abort(&a);
		return rc;
	}
	return siar_atomic_commit(&a, err);
}

/* Link errors after which a copy may still work. */
static bool link_unsupported(int e)
{
	return e == EXDEV || e == EPERM || e == EMLINK || e == ENOTSUP ||
	       e == EACCES;
}

static int link_or_copy(const char *src, const char *dst, bool *copied,
			struct siar_err *err)
{
	*copied = false;
	if (!link(src, dst))
		return SIAR_OK;
	if (!link_unsupported(errno))
		return fs_err(err, "link", dst);
	*copied = true;
	return copy_file(src, dst, err);
}

/* Recreate the folder 'from' in the existing folder 'to', files linked. */
static int link_dir(struct siar_buf *from, struct siar_buf *to,
		    struct siar_err *err)
{
	size_t from_len = from->len, to_len = to->len;
	struct dirent *e;
	struct stat st;
	bool copied;
	DIR *dir;
	int rc = SIAR_OK;

	dir = opendir(from->buf);
	if (!dir)
		return fs_err(err, "read", from->buf);
	while (!rc && (errno = 0, e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		siar_buf_addc(from, '/');
		siar_buf_adds(from, e->d_name);
		siar_buf_addc(to, '/');
		siar_buf_adds(to, e->d_name);
		if (siar_buf_check(from, err) || siar_buf_check(to, err))
			rc = err->code;
		else if (lstat(from->buf, &st))
			rc = fs_err(err, "read", from->buf);
		else if (S_ISDIR(st.st_mode) && mkdir(to->buf, 0755))
			rc = fs_err(err, "create", to->buf);
		else if (S_ISDIR(st.st_mode))
			rc = link_dir(from, to, err);
		else if (S_ISREG(st.st_mode))
			rc = link_or_copy(from->buf, to->buf, &copied, err);
		from->len = from_len;
		from->buf[from_len] = '\0';
		to->len = to_len;
		to->buf[to_len] = '\0';
	}
	if (!rc && errno)
		rc = fs_err(err, "read", from->buf);
	closedir(dir);
	return rc;
}

int feed_fs_link_tree(const char *from, const char *to, struct siar_err *err)
{
	struct siar_buf f, t;
	int rc;

	siar_buf_init(&f, 0);
	siar_buf_init(&t, 0);
	siar_buf_adds(&f, from);
	siar_buf_adds(&t, to);
	rc = siar_buf_check(&f, err);
	if (!rc)
		rc = siar_buf_check(&t, err);
	if (!rc)
		rc = link_dir(&f, &t, err);
	siar_buf_release(&f);
	siar_buf_release(&t);
	return rc;
}

/*
 * Remove what is under 'path' (a folder), and, when 'keep' is not NULL,
 * only the files whose path relative to the top ('rel', 'rel_len' bytes
 * of it) is not in the sorted 'keep'; folders left empty go too.
 */
struct prune {
	struct siar_buf path;
	size_t top_len; /* of the top folder and its '/' in 'path' */
	char *const *keep;
	size_t n_keep;
	size_t n_removed;
	struct siar_err *err;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool kept(const struct prune *p)
{
	const char *rel = p->path.buf + p->top_len;

	return p->keep && p->n_keep &&
	       bsearch(&rel, p->keep, p->n_keep, sizeof(char *), cmp_str) !=
		   NULL;
}

static int prune_dir(struct prune *p);

static int prune_entry(struct prune *p)
{
	struct stat st;

	if (lstat(p->path.buf, &st))
		return fs_err(p->err, "read", p->path.buf);
	if (S_ISDIR(st.st_mode)) {
		if (prune_dir(p))
			return p->err->code;
		/* A folder that still holds kept files stays. */
		if (rmdir(p->path.buf) && errno != ENOTEMPTY && errno != EEXIST)
			return fs_err(p->err, "remove", p->path.buf);
		return SIAR_OK;
	}
	if (kept(p))
		return SIAR_OK;
	if (unlink(p->path.buf))
		return fs_err(p->err, "remove", p->path.buf);
	p->n_removed++;
	return SIAR_OK;
}

static int prune_dir(struct prune *p)
{
	size_t len = p->path.len;
	struct dirent *e;
	DIR *dir;
	int rc = SIAR_OK;

	dir = opendir(p->path.buf);
	if (!dir)
		return fs_err(p->err, "read", p->path.buf);
	while (!rc && (errno = 0, e = readdir(dir))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		siar_buf_addc(&p->path, '/');
		siar_buf_adds(&p->path, e->d_name);
		rc = siar_buf_check(&p->path, p->err);
		if (!rc)
			rc = prune_entry(p);
		p->path.len = len;
		p->path.buf[len] = '\0';
	}
	if (!rc && errno)
		rc = fs_err(p->err, "read", p->path.buf);
	closedir(dir);
	return rc;
}

static int prune_run(const char *root, char *const *keep, size_t n_keep,
		     size_t *n_removed, struct siar_err *err)
{
	struct prune p;
	int rc;

	siar_buf_init(&p.path, 0);
	siar_buf_adds(&p.path, root);
	p.top_len = p.path.len + 1;
	p.keep = keep;
	p.n_keep = n_keep;
	p.n_removed = 0;
	p.err = err;
	rc = siar_buf_check(&p.path, err);
	if (!rc)
		rc = prune_dir(&p);
	if (n_removed)
		*n_removed = p.n_removed;
	siar_buf_release(&p.path);
	return rc;
}

int feed_fs_prune(const char *root, char *const *keep, size_t n_keep,
		  size_t *n_removed, struct siar_err *err)
{
	return prune_run(root, keep, n_keep, n_removed, err);
}

int feed_fs_remove_tree(const char *path, struct siar_err *err)
{
	struct stat st;

	if (lstat(path, &st))
		return errno == ENOENT ? SIAR_OK : fs_err(err, "read", path);
	if (!S_ISDIR(st.st_mode))
		return unlink(path) ? fs_err(err, "remove", path) : SIAR_OK;
	if (prune_run(path, NULL, 0, NULL, err))
		return err->code;
	if (rmdir(path))
		return fs_err(err, "remove", path);
	return SIAR_OK;
}

int feed_fs_put(const char *src, const char *dst, enum feed_fs_put *how,
		struct siar_err *err)
{
	struct stat s, d;
	struct siar_buf tmp;
	bool copied = false;
	int rc;

	*how = FEED_FS_KEPT;
	if (stat(src, &s))
		return fs_err(err, "read", src);
	if (!S_ISREG(s.st_mode))
		return siar_err_set(err, SIAR_EIO,
				    "cannot publish '%s': "
				    "not a regular file",
				    src);
	if (!lstat(dst, &d) && S_ISREG(d.st_mode) &&
	    ((d.st_dev == s.st_dev && d.st_ino == s.st_ino) ||
	     (d.st_size == s.st_size && d.st_mtim.tv_sec == s.st_mtim.tv_sec &&
	      d.st_mtim.tv_nsec == s.st_mtim.tv_nsec)))
		return SIAR_OK;
	siar_buf_init(&tmp, 0);
	siar_buf_addf(&tmp, "%s.siar-tmp", dst);
	rc = siar_buf_check(&tmp, err);
	if (!rc && unlink(tmp.buf) && errno != ENOENT)
		rc = fs_err(err, "remove", tmp.buf);
	if (!rc)
		rc = link_or_copy(src, tmp.buf, &copied, err);
	if (!rc && rename(tmp.buf, dst)) {
		rc = fs_err(err, "replace", dst);
		unlink(tmp.buf);
	}
	if (!rc)
		*how = copied ? FEED_FS_COPIED : FEED_FS_LINKED;
	siar_buf_release(&tmp);
	return rc;
}

/* Flush every file under 'dir' to disk: one syncfs() for the lot. */
static int sync_tree(const char *dir, struct siar_err *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc = SIAR_OK;

	if (fd < 0)
		return fs_err(err, "read", dir);
	if (syncfs(fd))
		rc = fs_err(err, "sync", dir);
	close(fd);
	return rc;
}

int feed_fs_swap(const char *newdir, const char *outdir, struct siar_err *err)
{
	struct siar_buf old;
	int rc = sync_tree(newdir, err);

	if (rc)
		return rc;

#ifdef RENAME_EXCHANGE
	if (!renameat2(AT_FDCWD, newdir, AT_FDCWD, outdir, RENAME_EXCHANGE))
		return feed_fs_remove_tree(newdir, err);
	if (errno != ENOENT && errno != EINVAL && errno != ENOSYS &&
	    errno != EOPNOTSUPP)
		return fs_err(err, "replace", outdir);
#endif
	if (!rename(newdir, outdir))
		return SIAR_OK;
	if (errno != EEXIST && errno != ENOTEMPTY)
		return fs_err(err, "replace", outdir);
	/* No exchange here: move the old site aside, then the new one in. */
	siar_buf_init(&old, 0);
	siar_buf_addf(&old, "%s.old", outdir);
	rc = siar_buf_check(&old, err);
	if (!rc)
		rc = feed_fs_remove_tree(old.buf, err);
	if (!rc && rename(outdir, old.buf))
		rc = fs_err(err, "move aside", outdir);
	if (!rc && rename(newdir, outdir)) {
		rc = fs_err(err, "replace", outdir);
		rename(old.buf, outdir);
	}
	if (!rc)
		rc = feed_fs_remove_tree(old.buf, err);
	siar_buf_release(&old);
	return rc;
}
