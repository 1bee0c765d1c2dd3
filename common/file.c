/*
 * Atomic replacement of a file: write a temporary file in the same
 * directory, fsync it, then rename() it over the target, so a reader (a
 * web server, a podcast app polling the feed) never sees a partial file.
 */
#include "siar.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void atomic_empty(struct siar_atomic *a)
{
	a->fp = NULL;
	a->path = NULL;
	a->tmp_path = NULL;
	a->buf = NULL;
	a->no_sync = false;
}

int siar_atomic_open(struct siar_atomic *a, const char *path,
		     struct siar_err *err)
{
	struct siar_buf tmp;
	int fd;

	atomic_empty(a);
	siar_buf_init(&tmp, 0);
	siar_buf_addf(&tmp, "%s.tmp-XXXXXX", path);
	if (siar_buf_check(&tmp, err))
		goto fail;
	a->path = siar_strdup(path);
	a->tmp_path = siar_buf_detach(&tmp);
	a->buf = malloc(SIAR_OUT_BUF);
	if (!a->path || !a->tmp_path || !a->buf) {
		siar_err_set(err, SIAR_ENOMEM, "out of memory");
		goto fail;
	}
	fd = mkstemp(a->tmp_path);
	if (fd < 0) {
		siar_err_set(err, SIAR_EIO, "cannot write '%s': %s", path,
			     strerror(errno));
		goto fail;
	}
	/* mkstemp() makes the file 0600; a feed is meant to be read. */
	fchmod(fd, 0644);
	a->fp = fdopen(fd, "wb");
	if (!a->fp) {
		siar_err_set(err, SIAR_EIO, "cannot write '%s': %s", path,
			     strerror(errno));
		close(fd);
		unlink(a->tmp_path);
		goto fail;
	}
	setvbuf(a->fp, a->buf, _IOFBF, SIAR_OUT_BUF);
	return SIAR_OK;
fail:
	siar_buf_release(&tmp);
	free(a->path);
	free(a->tmp_path);
	free(a->buf);
	atomic_empty(a);
	return err->code;
}

int siar_atomic_commit(struct siar_atomic *a, struct siar_err *err)
{
	int rc = SIAR_OK;
	bool ok;

	ok = fflush(a->fp) == 0 && !ferror(a->fp) &&
	     (a->no_sync || fsync(fileno(a->fp)) == 0);
	if (!ok)
		rc = siar_err_set(err, SIAR_EIO, "cannot write '%s': %s",
				  a->path, strerror(errno));
	if (fclose(a->fp) && !rc)
		rc = siar_err_set(err, SIAR_EIO, "cannot write '%s': %s",
				  a->path, strerror(errno));
	a->fp = NULL;
	if (!rc && rename(a->tmp_path, a->path))
		rc = siar_err_set(err, SIAR_EIO, "cannot replace '%s': %s",
				  a->path, strerror(errno));
	if (rc)
		unlink(a->tmp_path);
	free(a->path);
	free(a->tmp_path);
	free(a->buf);
	atomic_empty(a);
	return rc;
}

void siar_atomic_abort(struct siar_atomic *a)
{
	if (a->fp)
		fclose(a->fp);
	if (a->tmp_path)
		unlink(a->tmp_path);
	free(a->path);
	free(a->tmp_path);
	free(a->buf);
	atomic_empty(a);
}

/* True if the regular file at 'path' holds exactly 'data'. */
static bool same_content(const char *path, const char *data, size_t len)
{
	char chunk[65536];
	struct stat st;
	size_t off = 0, n;
	bool same = false;
	FILE *fp;

	if (stat(path, &st) || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size != (uintmax_t)len)
		return false;
	fp = fopen(path, "rb");
	if (!fp)
		return false;
	for (;;) {
		n = fread(chunk, 1, sizeof(chunk), fp);
		if (n == 0) {
			same = off == len && !ferror(fp);
			break;
		}
		if (n > len - off || memcmp(chunk, data + off, n))
			break;
		off += n;
	}
	fclose(fp);
	return same;
}

int siar_write_if_changed(const char *path, const char *data, size_t len,
			  bool *changed, struct siar_err *err)
{
	return siar_write_if_changed_flags(path, data, len, 0, changed, err);
}

int siar_write_if_changed_flags(const char *path, const char *data,
				size_t len, enum siar_write_flags flags,
				bool *changed, struct siar_err *err)
{
	struct siar_atomic a;

	if (changed)
		*changed = false;
	if (same_content(path, data, len))
		return SIAR_OK;
	if (siar_atomic_open(&a, path, err))
		return err->code;
	a.no_sync = (flags & SIAR_WRITE_NO_SYNC) != 0;
	if (len && fwrite(data, 1, len, a.fp) != len) {
		siar_atomic_abort(&a);
		return siar_err_set(err, SIAR_EIO, "cannot write '%s': %s",
				    path, strerror(errno));
	}
	if (siar_atomic_commit(&a, err))
		return err->code;
	if (changed)
		*changed = true;
	return SIAR_OK;
}
