/*
 * The error type every module shares: a code and a fixed-size message, so
 * reporting an error never allocates. The first error recorded wins.
 */
#include "siar.h"

#include <assert.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int siar_err_set(struct siar_err *err, enum siar_rc code, const char *fmt, ...)
{
	va_list ap;

	assert(err);
	assert(code != SIAR_OK);
	if (err->code != SIAR_OK)
		return err->code;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

void siar_err_clear(struct siar_err *err)
{
	err->code = SIAR_OK;
	err->msg[0] = '\0';
}

const char *siar_rc_name(enum siar_rc rc)
{
	switch (rc) {
	case SIAR_OK:
		return "success";
	case SIAR_EINVAL:
		return "invalid input";
	case SIAR_ENOMEM:
		return "out of memory";
	case SIAR_EIO:
		return "input/output error";
	case SIAR_EMEDIA:
		return "not a usable media file";
	case SIAR_EDB:
		return "catalogue error";
	case SIAR_ENOTFOUND:
		return "not found";
	case SIAR_EEXIST:
		return "already exists";
	}
	return "unknown error";
}

char *siar_strdup(const char *s)
{
	size_t len;
	char *copy;

	if (!s)
		return NULL;
	len = strlen(s);
	copy = malloc(len + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, len + 1);
	return copy;
}
