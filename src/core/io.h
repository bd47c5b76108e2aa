/* io: whole-file reads and atomic writes. */
#ifndef CHORUS_CORE_IO_H
#define CHORUS_CORE_IO_H

#include <stdio.h>

#include "chorus.h"
#include "core/buf.h"

/* Reads all of path ("-" = standard input) into out (appending). */
chorus_code io_read_file(const char *path, buf *out, chorus_error *err);

/* Writes data to path atomically: a temporary file in the same directory, fsync, rename.
 * On failure no partial file is left behind. path "-" writes to standard output. */
chorus_code io_write_atomic(const char *path, const char *data, size_t len, chorus_error *err);

#endif
