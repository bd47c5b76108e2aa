#define _DEFAULT_SOURCE /* madvise */
#define _POSIX_C_SOURCE 200809L
#include "core/io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"

chorus_code io_read_file(const char *path, buf *out, chorus_error *err)
{
    int is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f)
        return error_set(err, CHORUS_ERR_IO, "%s: %s", path, strerror(errno));
    if (!is_stdin) {
        struct stat st;
        if (fstat(fileno(f), &st) == 0) {
            if (S_ISDIR(st.st_mode)) {
                fclose(f);
                return error_set(err, CHORUS_ERR_IO, "%s: is a directory", path);
            }
            if (S_ISREG(st.st_mode))
                buf_reserve(out, (size_t)st.st_size);
        }
    }
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(out, chunk, n);
    int failed = ferror(f);
    int saved = errno;
    if (!is_stdin)
        fclose(f);
    if (failed)
        return error_set(err, CHORUS_ERR_IO, "%s: read error: %s", is_stdin ? "<stdin>" : path,
                         strerror(saved));
    if (!out->data)
        buf_reserve(out, 0), out->data[0] = '\0';
    return CHORUS_OK;
}

chorus_code io_open(const char *path, buf *scratch, io_input *in, chorus_error *err)
{
    memset(in, 0, sizeof *in);
    if (strcmp(path, "-") != 0) {
        int fd = open(path, O_RDONLY);
        struct stat st;
        long page = sysconf(_SC_PAGESIZE);
        if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= IO_MAP_MIN &&
            (uint64_t)st.st_size <= SIZE_MAX && page > 0 && st.st_size % page != 0) {
            void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
            if (m != MAP_FAILED) {
                close(fd);
                (void)madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
                in->map = m;
                in->data = m; /* the rest of the last page reads as zeros: NUL-terminated */
                in->len = (size_t)st.st_size;
                return CHORUS_OK;
            }
        }
        if (fd >= 0)
            close(fd);
    }
    buf_clear(scratch);
    chorus_code rc = io_read_file(path, scratch, err);
    if (rc == CHORUS_OK) {
        in->data = scratch->data;
        in->len = scratch->len;
    }
    return rc;
}

void io_release(io_input *in, size_t upto)
{
    if (!in->map)
        return;
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t to = upto > in->len ? in->len : upto;
    to -= to % page;
    if (to > in->released) {
        (void)madvise((char *)in->map + in->released, to - in->released, MADV_DONTNEED);
        in->released = to;
    }
}

void io_close(io_input *in)
{
    if (in->map)
        munmap(in->map, in->len);
    memset(in, 0, sizeof *in);
}

chorus_code io_write_atomic(const char *path, const char *data, size_t len, chorus_error *err)
{
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0)
            return error_set(err, CHORUS_ERR_IO, "<stdout>: write error: %s", strerror(errno));
        return CHORUS_OK;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return error_set(err, CHORUS_ERR_IO, "%s: out of memory", path);
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmpXXXXXX", 11);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        chorus_code rc = error_set(err, CHORUS_ERR_IO, "%s: cannot create: %s", path, strerror(errno));
        free(tmp);
        return rc;
    }
    /* mkstemp creates 0600; give the file the usual umask-based mode. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0 && errno != EINVAL)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return CHORUS_OK;
fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return error_set(err, CHORUS_ERR_IO, "%s: cannot write: %s", path, strerror(saved));
}
