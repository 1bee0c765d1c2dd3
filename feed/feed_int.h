/*
 * Private declarations shared by the files of feed/. Nothing outside the
 * folder includes this.
 */
#ifndef SIAR_FEED_INT_H
#define SIAR_FEED_INT_H

#include "feed.h"

/*
 * The templates, style sheet and script of feed/templates/, built into
 * siar by the Makefile (scripts/embed-templates.sh).
 */
extern const struct feed_tpl_source feed_builtin_templates[];
extern const size_t feed_builtin_templates_n;

/* ---- Text (site_text.c) ------------------------------------------------- */

/*
 * Called with each paragraph or cue: its start (-1 when untimed) and its
 * text, 'len' bytes, not NUL-terminated for paragraphs. A non-zero return
 * stops the walk and is returned.
 */
typedef int (*feed_text_fn)(void *ctx, int64_t start_ms, const char *text,
			    size_t len, struct siar_err *err);

/* Call 'fn' for each paragraph of 'text' (split at blank lines, trimmed). */
int feed_text_paragraphs(const char *text, feed_text_fn fn, void *ctx,
			 struct siar_err *err);

/*
 * The first paragraph of 'text', cut to at most 'max' bytes at a word's
 * end and then marked with an ellipsis, into '*out' (caller frees; NULL
 * when there is none). Returns SIAR_OK or SIAR_ENOMEM.
 */
int feed_text_summary(const char *text, size_t max, char **out,
		      struct siar_err *err);

/*
 * A slug of 'name' for a file name: ASCII letters (lowercased) and digits,
 * each other run a single '-', at most 80 bytes; "" when nothing is left.
 * Caller frees; NULL when memory runs out.
 */
char *feed_text_slug(const char *name);

/*
 * Call 'fn' for each cue of the WebVTT or SubRip text 'data' ('len'
 * bytes, followed by a NUL): its start and its text on one line, tags
 * removed and character references decoded.
 */
int feed_text_cues(const char *data, size_t len, feed_text_fn fn, void *ctx,
		   struct siar_err *err);

/* ---- File system (site_fs.c) -------------------------------------------- */

/* Create folder 'dir' and any missing parents (mkdir -p). */
int feed_fs_mkdirs(const char *dir, struct siar_err *err);

/*
 * Recreate everything under folder 'from' in the existing folder 'to':
 * folders made, files hard-linked (copied with their times where links
 * fail). Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int feed_fs_link_tree(const char *from, const char *to, struct siar_err *err);

/*
 * Remove every file under folder 'root' whose path relative to it is not
 * in 'keep' (sorted by strcmp), and the folders left empty. '*n_removed'
 * (may be NULL) receives how many files went.
 */
int feed_fs_prune(const char *root, char *const *keep, size_t n_keep,
		  size_t *n_removed, struct siar_err *err);

/* Remove 'path' and all under it; a missing 'path' is SIAR_OK. */
int feed_fs_remove_tree(const char *path, struct siar_err *err);

enum feed_fs_put {
	FEED_FS_KEPT, /* 'dst' already was that file, or a copy of it */
	FEED_FS_LINKED,
	FEED_FS_COPIED,
};

/*
 * Make 'dst' the file 'src': nothing when 'dst' is the same inode, or has
 * the same size and modification time; else a hard link, or a copy with
 * the times of 'src', renamed over 'dst'. '*how' says which. Returns
 * SIAR_OK, SIAR_EIO (names the file) or SIAR_ENOMEM.
 */
int feed_fs_put(const char *src, const char *dst, enum feed_fs_put *how,
		struct siar_err *err);

/*
 * Sync the file system of 'newdir' (its files were written without
 * fsync), then put folder 'newdir' where 'outdir' is, in one step where
 * the system can exchange them, and remove the old 'outdir'. A missing 'outdir'
 * is fine. Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int feed_fs_swap(const char *newdir, const char *outdir, struct siar_err *err);

#endif
