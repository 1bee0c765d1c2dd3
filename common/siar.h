/*
 * Shared declarations for every siar module: the error type, a growable
 * string buffer with a size cap, UTF-8 validation and repair, time
 * conversion in a named time zone, and atomic file replacement.
 *
 * Nothing here knows about media, SQLite or XML; every other module may
 * include this header.
 */
#ifndef SIAR_H
#define SIAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SIAR_VERSION "0.1.0"

#if defined(__GNUC__)
#define SIAR_PRINTF(fmt, first) __attribute__((format(printf, fmt, first)))
#else
#define SIAR_PRINTF(fmt, first)
#endif

/* ---- Errors ------------------------------------------------------------ */

enum siar_rc {			/* append only: never renumber or reuse */
	SIAR_OK = 0,
	SIAR_EINVAL,		/* bad argument or malformed input */
	SIAR_ENOMEM,
	SIAR_EIO,		/* a file-system or OS call failed */
	SIAR_EMEDIA,		/* not a media file we can probe */
	SIAR_EDB,		/* SQLite reported an error */
	SIAR_ENOTFOUND,
	SIAR_EEXIST,		/* the thing to create already exists */
};

#define SIAR_ERR_MAX 256

struct siar_err {
	enum siar_rc code;
	char msg[SIAR_ERR_MAX];
};

/*
 * Record 'code' and the formatted message in 'err' unless it already holds
 * an error (the first error wins). Returns err->code, so a caller can write
 * 'return siar_err_set(err, ...)'. 'code' must not be SIAR_OK.
 */
int siar_err_set(struct siar_err *err, enum siar_rc code, const char *fmt, ...)
	SIAR_PRINTF(3, 4);

/* Forget any recorded error. Cannot fail. */
void siar_err_clear(struct siar_err *err);

/* A static, lowercase name for 'rc' ("invalid input", ...); never NULL. */
const char *siar_rc_name(enum siar_rc rc);

/* ---- Growable string buffer ------------------------------------------- */

struct siar_buf {
	char *buf;		/* always NUL-terminated, never NULL */
	size_t len;
	size_t alloc;
	size_t max;		/* appends past this many bytes fail */
	enum siar_rc failed;	/* first failure, SIAR_OK if none */
};

/* 64 MiB: no single string siar builds should come near it. */
#define SIAR_BUF_MAX_DEFAULT ((size_t)64 << 20)

/*
 * Prepare an empty buffer that refuses to grow past 'max' bytes (0 means
 * SIAR_BUF_MAX_DEFAULT). Allocates nothing; b->buf points at "" until the
 * first append. Cannot fail.
 */
void siar_buf_init(struct siar_buf *b, size_t max);

/* Free what 'b' owns and leave it as after siar_buf_init(). */
void siar_buf_release(struct siar_buf *b);

/* Empty 'b' and forget its failure, keeping its memory for reuse. */
void siar_buf_clear(struct siar_buf *b);

/*
 * Make room in the array '*v', of '*cap' elements of 'size' bytes with
 * 'n' in use, for one more: doubled when full. False when memory runs out
 * ('*v' and '*cap' then as they were).
 */
bool siar_grow(void **v, size_t *cap, size_t n, size_t size);

/*
 * Append to 'b'. On failure (out of memory, over the cap) the failure is
 * recorded in 'b', the content is left as it was and every later append
 * does nothing; check once with siar_buf_check().
 */
void siar_buf_add(struct siar_buf *b, const char *data, size_t len);
void siar_buf_adds(struct siar_buf *b, const char *s);
void siar_buf_addc(struct siar_buf *b, char c);
void siar_buf_addf(struct siar_buf *b, const char *fmt, ...) SIAR_PRINTF(2, 3);

/* Returns SIAR_OK, or the recorded failure after describing it in 'err'. */
int siar_buf_check(const struct siar_buf *b, struct siar_err *err);

/*
 * Hand the content to the caller, who frees it with free(), and leave 'b'
 * initialised. Returns NULL (and leaves 'b' untouched) if an append failed
 * or memory runs out.
 */
char *siar_buf_detach(struct siar_buf *b);

/* ---- UTF-8 ------------------------------------------------------------- */

/*
 * True if [s, s + len) is well-formed UTF-8: no overlong forms, no
 * surrogates, nothing above U+10FFFF. Cannot fail.
 */
bool siar_utf8_valid(const char *s, size_t len);

/*
 * Append [s, s + len) to 'b' as valid UTF-8, replacing every ill-formed
 * sequence with U+FFFD. When 'strip_controls' is set, C0 controls other
 * than tab, newline and carriage return, and DEL, are dropped too (XML 1.0
 * cannot carry them). Failures are recorded in 'b'.
 */
void siar_utf8_repair(struct siar_buf *b, const char *s, size_t len,
		      bool strip_controls);

/*
 * The length of the longest start of [s, s + len) that siar_utf8_repair()
 * would copy unchanged (with the same 'strip_controls'): 'len' when the
 * text needs no repair. Cannot fail.
 */
size_t siar_utf8_clean_len(const char *s, size_t len, bool strip_controls);

/*
 * A newly allocated, repaired copy of the NUL-terminated 's' (see
 * siar_utf8_repair). The caller frees it. Returns NULL when memory runs out.
 */
char *siar_utf8_dup(const char *s, bool strip_controls);

/*
 * A slug of 'name' for URLs and file names: ASCII letters (lowercased)
 * and digits, every other run (punctuation, spaces, a non-ASCII letter)
 * one '-' between them, at most 'max' bytes, never ending in '-'; ""
 * when nothing is left. Caller frees; NULL when memory runs out.
 */
char *siar_slug(const char *name, size_t max);

/* ---- Memory ------------------------------------------------------------ */

/* strdup() that accepts NULL (and returns NULL for it). */
char *siar_strdup(const char *s);

/* ---- Time -------------------------------------------------------------- */

/*
 * Broken-down time in a named zone. 'utc_offset_s' is east of UTC.
 */
struct siar_tm {
	int year, month, day;	/* month 1-12, day 1-31 */
	int hour, minute, second;
	int weekday;		/* 0 = Sunday */
	int utc_offset_s;
};

/*
 * True if 'tz' names a zone in the system's time zone database (an IANA
 * name such as "Asia/Jakarta", or "UTC"). Cannot fail.
 */
bool siar_tz_valid(const char *tz);

/*
 * Set TZ to zone 'tz' until siar_tz_release(), so that a run of
 * conversions in that zone (a feed's dates) does not reload the zone file
 * for each one. Conversions in other zones still work meanwhile. Holding
 * again releases first. Returns SIAR_OK, SIAR_EINVAL (unknown zone) or
 * SIAR_ENOMEM. Not thread-safe, like everything that touches TZ.
 */
int siar_tz_hold(const char *tz, struct siar_err *err);

/* Put back the TZ that siar_tz_hold() replaced. Safe when not holding. */
void siar_tz_release(void);

/*
 * Whether the zone held keeps one offset, '*offset_s', for every instant
 * from '*from' on (its last transition is past and its rule from then on
 * has no daylight saving time, as Indonesia's zones): conversions of
 * those instants are then arithmetic, not the C library's. For tests.
 */
bool siar_tz_held_fixed(int64_t *from, int *offset_s);

/*
 * Convert the instant 'unix_s' to local time in zone 'tz'. Returns SIAR_OK
 * or SIAR_EINVAL (unknown zone, time out of range).
 *
 * The C library only converts through the process's TZ; this sets TZ for
 * the duration of the call and restores it, so it is not thread-safe.
 */
int siar_time_to_local(int64_t unix_s, const char *tz, struct siar_tm *out,
		       struct siar_err *err);

/*
 * Parse "YYYY-MM-DD HH:MM" (or with ":SS", or a 'T' instead of the space)
 * as a wall-clock time in zone 'tz' and store the instant in '*unix_s'.
 * Returns SIAR_OK or SIAR_EINVAL naming 'text'; '*unix_s' is untouched on
 * failure. Same TZ caveat as siar_time_to_local().
 */
int siar_time_parse_local(const char *text, const char *tz, int64_t *unix_s,
			  struct siar_err *err);

/*
 * Append 'unix_s' in zone 'tz' in the RFC 2822 form feeds use:
 * "Wed, 15 Jun 2019 19:00:00 +0700". Returns SIAR_OK or SIAR_EINVAL.
 */
int siar_time_rfc2822(struct siar_buf *b, int64_t unix_s, const char *tz,
		      struct siar_err *err);

/*
 * Append 'unix_s' as RFC 3339 in zone 'tz': "2019-06-15T19:00:00+07:00".
 * Returns SIAR_OK or SIAR_EINVAL.
 */
int siar_time_rfc3339(struct siar_buf *b, int64_t unix_s, const char *tz,
		      struct siar_err *err);

/* Room for "YYYY-MM-DD" and its terminator. */
#define SIAR_DAY_MAX 11

/*
 * The local date of 'unix_s' in zone 'tz' as "YYYY-MM-DD" in 'out'.
 * Returns SIAR_OK or SIAR_EINVAL ('out' then holds "?").
 */
int siar_time_day(char out[SIAR_DAY_MAX], int64_t unix_s, const char *tz,
		  struct siar_err *err);

/* Days since 1970-01-01 of a proleptic Gregorian date. Cannot fail. */
int64_t siar_days_from_civil(int year, int month, int day);

/* The inverse: the date of day 'days' after 1970-01-01. Cannot fail. */
void siar_civil_from_days(int64_t days, int *year, int *month, int *day);

/* ---- Files ------------------------------------------------------------- */

/*
 * A file being written beside its final path and moved into place only when
 * complete, so a reader sees the old file or the new one, never half of one.
 */
/*
 * The buffer of a file siar writes: whole writes of 64 KiB, at multiples
 * of 64 KiB in the file, let the page cache keep it in large folios. dd
 * of the 10,000-episode feed (9.4 MB) to a new file took 13.3 ms in 4 KiB
 * writes, stdio's default for a file, and 4.5 ms in 64 KiB ones.
 */
#define SIAR_OUT_BUF ((size_t)64 << 10)

struct siar_atomic {
	FILE *fp;		/* write here between open and commit */
	char *path;
	char *tmp_path;
	char *buf;		/* fp's buffer, SIAR_OUT_BUF bytes */
	bool no_sync;		/* commit without fsync (open sets false) */
};

/*
 * Create a temporary file in the directory of 'path'. On failure 'a' is left
 * empty and 'err' names 'path'. Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int siar_atomic_open(struct siar_atomic *a, const char *path,
		     struct siar_err *err);

/*
 * Flush, sync and close the temporary file and rename it over the final
 * path. On any failure the temporary file is removed and the old file, if
 * any, is left as it was. 'a' is empty afterwards either way.
 */
int siar_atomic_commit(struct siar_atomic *a, struct siar_err *err);

/* Remove the temporary file and empty 'a'. Safe on an empty 'a'. */
void siar_atomic_abort(struct siar_atomic *a);

/*
 * Make the file at 'path' hold exactly 'data' ('len' bytes): when it
 * already does, leave it untouched (its time stamp stays, so caches and
 * ETags stay valid); otherwise write it atomically. '*changed' (may be
 * NULL) says which. Returns SIAR_OK, SIAR_EIO or SIAR_ENOMEM.
 */
int siar_write_if_changed(const char *path, const char *data, size_t len,
			  bool *changed, struct siar_err *err);

enum siar_write_flags {
	/*
	 * Skip the fsync before the rename: for many files in a folder no
	 * reader sees yet, which the caller syncs once at the end (a site
	 * of 10,000 pages would otherwise wait for 10,000 fsyncs).
	 */
	SIAR_WRITE_NO_SYNC = 1 << 0,
};

/* siar_write_if_changed() with 'flags'. */
int siar_write_if_changed_flags(const char *path, const char *data,
				size_t len, enum siar_write_flags flags,
				bool *changed, struct siar_err *err);

/* ---- Path lists ---------------------------------------------------------- */

/* A list of paths, each owned by the list. */
struct siar_paths {
	char **items;
	size_t n;
	size_t alloc;
};

/* Prepare an empty list. Allocates nothing; cannot fail. */
void siar_paths_init(struct siar_paths *p);

/* Free every path and leave 'p' as after siar_paths_init(). */
void siar_paths_release(struct siar_paths *p);

/* Append a copy of 'path'. Returns SIAR_OK or SIAR_ENOMEM. */
int siar_paths_add(struct siar_paths *p, const char *path,
		   struct siar_err *err);

/*
 * Append the regular files under directory 'dir', recursively, in byte
 * order of their names, whose extension (case-insensitive, without the
 * dot) is one of the NULL-terminated 'exts' (NULL: every file). Hidden
 * files and folders (".name") are skipped; symbolic links are followed to
 * files but not into folders, so a link loop cannot trap the walk.
 *
 * Returns SIAR_OK, SIAR_EIO (a folder cannot be read; 'err' names it) or
 * SIAR_ENOMEM. On failure what was appended so far stays in 'p'.
 */
int siar_paths_walk(struct siar_paths *p, const char *dir,
		    const char *const *exts, struct siar_err *err);

#endif
