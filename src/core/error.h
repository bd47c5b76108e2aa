/* error: filling a chorus_error. Every message names the file, and the line/offset where useful. */
#ifndef CHORUS_CORE_ERROR_H
#define CHORUS_CORE_ERROR_H

#include "chorus.h"

/* Sets err (which may be NULL) and returns code, so callers can `return error_set(...)`. */
chorus_code error_set(chorus_error *err, chorus_code code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
