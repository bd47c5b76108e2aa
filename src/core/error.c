#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

chorus_code error_set(chorus_error *err, chorus_code code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        err->code = code;
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}
