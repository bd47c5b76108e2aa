/* buf: a growable byte string, always NUL-terminated. Used by readers and renderers. */
#ifndef CHORUS_CORE_BUF_H
#define CHORUS_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct buf {
    char *data; /* NUL-terminated; NULL until the first append */
    size_t len, cap;
} buf;

#define BUF_INIT {NULL, 0, 0}

void buf_reserve(buf *b, size_t extra);
void buf_append(buf *b, const char *s, size_t len);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void buf_vprintf(buf *b, const char *fmt, va_list ap);
void buf_clear(buf *b);
/* Hands the string to the caller (free() it); the buf is empty again. Never NULL. */
char *buf_detach(buf *b);
void buf_free(buf *b);

#endif
