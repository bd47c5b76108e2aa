/* io: whole-file reads, mapped input files, and atomic writes. */
#ifndef CHORUS_CORE_IO_H
#define CHORUS_CORE_IO_H

#include <stdio.h>

#include "chorus.h"
#include "core/buf.h"

/* Reads all of path ("-" = standard input) into out (appending). */
chorus_code io_read_file(const char *path, buf *out, chorus_error *err);

/* A whole input file, read-only: a regular file of IO_MAP_MIN bytes or more is mapped
 * (neither copied nor zero-filled by the kernel first: a 1 GB stream used to be read into a
 * 1 GB buffer); anything else is read into a caller's buffer. data is NUL-terminated either
 * way (a file whose size is a whole number of pages is read, since the byte after a mapping
 * would not exist). A mapped file must not shrink while it is read: reading past its new end
 * raises SIGBUS, as with any mapping. */
enum { IO_MAP_MIN = 16 << 20 };
typedef struct io_input {
    const char *data;
    size_t len;
    void *map;       /* NULL when data is the caller's buffer */
    size_t released; /* pages before this offset were handed back (io_release) */
} io_input;

/* Opens path ("-" = standard input); scratch receives the bytes when the file is not mapped
 * (cleared first). Close with io_close. */
chorus_code io_open(const char *path, buf *scratch, io_input *in, chorus_error *err);
/* Says that data[0..upto) need not stay in memory: a mapped file's pages before it leave the
 * process, so memory stays bounded by what is still ahead (read again, they come back from
 * the file). No effect on a buffer. */
void io_release(io_input *in, size_t upto);
void io_close(io_input *in);

/* Writes data to path atomically: a temporary file in the same directory, fsync, rename.
 * On failure no partial file is left behind. path "-" writes to standard output. */
chorus_code io_write_atomic(const char *path, const char *data, size_t len, chorus_error *err);

#endif
