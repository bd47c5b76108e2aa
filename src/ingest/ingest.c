/* ingest: format detection, buffer validation, dispatch to the readers, and path walking.
 *
 * Every buffer goes through one funnel (S_ingest_data): NUL check, blank check, UTF-8
 * replacement, BOM and line-end normalization, then exactly one reader. The walk over a
 * directory tree reuses one read buffer and one sorted name list per directory, so the cost
 * is linear in the number of files and bytes. */
#define _POSIX_C_SOURCE 200809L
#include "ingest/ingest.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/io.h"
#include "core/vec.h"
#include "ingest/readers.h"
#include "text/utf8.h"

/* ---------------------------------------------------------------------------------------------
 * Small text helpers shared by the readers
 * ------------------------------------------------------------------------------------------- */

int ingest_next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *n)
{
    if (*pos >= len)
        return 0;
    const char *start = data + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    size_t l = nl ? (size_t)(nl - start) : len - *pos;
    *line = start;
    *n = l;
    *pos += l + (nl ? 1 : 0);
    return 1;
}

static int S_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *ingest_trim(const char *s, size_t *n)
{
    size_t len = *n;
    for (;;) {
        if (len && S_is_space((unsigned char)s[0]))
            s++, len--;
        else if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2, len -= 2;
        else
            break;
    }
    for (;;) {
        if (len && S_is_space((unsigned char)s[len - 1]))
            len--;
        else if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
            len -= 2;
        else
            break;
    }
    *n = len;
    return s;
}

static int S_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ingest_make_date(int y, int m, int d, char out[11])
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    if (d > days[m - 1] + (m == 2 && S_leap(y)))
        return 0;
    /* Written by hand: snprintf's bounds cannot be proven to the compiler for int fields. */
    out[0] = (char)('0' + y / 1000), out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10), out[4] = '-';
    out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10), out[7] = '-';
    out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = '\0';
    return 1;
}

/* n digits at s as a number, or -1 when one of them is not a digit. */
static int S_digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int ingest_parse_date(const char *s, size_t len, char out[11])
{
    s = ingest_trim(s, &len);
    int y, m, d;
    size_t used;
    if (len >= 10 && s[4] == '-' && s[7] == '-') {
        y = S_digits(s, 4), m = S_digits(s + 5, 2), d = S_digits(s + 8, 2);
        used = 10;
    } else if (len >= 8) {
        y = S_digits(s, 4), m = S_digits(s + 4, 2), d = S_digits(s + 6, 2);
        used = 8;
    } else {
        return 0;
    }
    if (y < 0 || m < 0 || d < 0)
        return 0;
    /* After the date only a time part may follow: "T10:00Z", " 10:00:00+02:00". A digit right
     * after the date would mean a longer number (20220110123 is not a date). */
    if (used < len) {
        char c = s[used];
        if (!(c == 'T' || c == 't' || c == ' ') || used + 1 >= len ||
            !isdigit((unsigned char)s[used + 1]))
            return 0;
    }
    return ingest_make_date(y, m, d, out);
}

char *ingest_source_from_url(const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    if (p) {
        for (const char *q = url; q < p; q++) /* the scheme: letters, digits, + - . */
            if (!isalnum((unsigned char)*q) && *q != '+' && *q != '-' && *q != '.')
                return NULL;
        if (p == url)
            return NULL;
        p += 3;
    } else if (url[0] == '/' && url[1] == '/') {
        p = url + 2; /* scheme-relative "//host/path" */
    } else {
        return NULL;
    }
    size_t n = strcspn(p, "/?#");
    const char *at = memchr(p, '@', n); /* user:password@host */
    if (at)
        n -= (size_t)(at + 1 - p), p = at + 1;
    if (n && p[0] == '[') { /* IPv6 literal: keep it whole, brackets included */
        const char *close = memchr(p, ']', n);
        if (close)
            n = (size_t)(close - p) + 1;
    } else {
        const char *colon = memchr(p, ':', n); /* port */
        if (colon)
            n = (size_t)(colon - p);
    }
    while (n && p[n - 1] == '.') /* "example.com." is "example.com" */
        n--;
    char *host = xstrndup(p, n);
    for (char *c = host; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    if (strncmp(host, "www.", 4) == 0 && host[4])
        memmove(host, host + 4, strlen(host + 4) + 1);
    if (!host[0]) {
        free(host);
        return NULL;
    }
    return host;
}

/* ---------------------------------------------------------------------------------------------
 * Paragraph builder
 * ------------------------------------------------------------------------------------------- */

void ingest_paras_break(ingest_paras *p)
{
    p->open = 0;
    p->prev_ends = 0;
    p->prev_heading = 0;
}

void ingest_paras_add(ingest_paras *p, const char *s, size_t n)
{
    s = ingest_trim(s, &n);
    if (!n)
        return;
    if (p->open)
        buf_putc(&p->out, ' ');
    else if (p->out.len)
        buf_putc(&p->out, '\n');
    buf_append(&p->out, s, n);
    p->open = 1;
}

/* Does the line end a sentence: . ! ? or "…", then any closing quotes and brackets? */
static int S_ends_sentence(const char *s, size_t n)
{
    for (;;) {
        if (!n)
            return 0;
        unsigned char c = (unsigned char)s[n - 1];
        if (c == '"' || c == '\'' || c == ')' || c == ']') {
            n--;
            continue;
        }
        /* U+2019 ’ and U+201D ” (E2 80 99 / E2 80 9D), U+00BB » (C2 BB) */
        if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
            (c == 0x99 || c == 0x9D)) {
            n -= 3;
            continue;
        }
        if (n >= 2 && (unsigned char)s[n - 2] == 0xC2 && c == 0xBB) {
            n -= 2;
            continue;
        }
        break;
    }
    unsigned char c = (unsigned char)s[n - 1];
    if (c == '.' || c == '!' || c == '?')
        return 1;
    /* U+2026 … (E2 80 A6) */
    return n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
           c == 0xA6;
}

/* A heading candidate: short and ending in a letter or digit (no punctuation at all at the
 * end, not even a comma or colon, which would announce more text). */
#define S_HEADING_MAX 60

static int S_heading_like(const char *s, size_t n)
{
    if (n == 0 || n > S_HEADING_MAX)
        return 0;
    unsigned char c = (unsigned char)s[n - 1];
    return isalnum(c) || c >= 0x80;
}

void ingest_paras_text_line(ingest_paras *p, const char *s, size_t n)
{
    s = ingest_trim(s, &n);
    if (!n) {
        ingest_paras_break(p);
        return;
    }
    int starts_lower = s[0] >= 'a' && s[0] <= 'z';
    int first_of_para = 0;
    if (!p->open || p->prev_ends || (p->prev_heading && !starts_lower)) {
        ingest_paras_break(p);
        first_of_para = 1;
    }
    ingest_paras_add(p, s, n);
    p->prev_ends = S_ends_sentence(s, n);
    /* Only a line that stands alone so far can be a heading: the last, short line of a
     * wrapped paragraph ("of the talks") must keep joining the next one. */
    p->prev_heading = first_of_para && !p->prev_ends && S_heading_like(s, n);
}

void ingest_paras_text(ingest_paras *p, const char *s, size_t n)
{
    size_t pos = 0, ln;
    const char *line;
    while (ingest_next_line(s, n, &pos, &line, &ln))
        ingest_paras_text_line(p, line, ln);
}

void ingest_paras_free(ingest_paras *p)
{
    buf_free(&p->out);
}

/* ---------------------------------------------------------------------------------------------
 * Warnings and emission
 * ------------------------------------------------------------------------------------------- */

static void S_vwarn(const chorus_options *opts, const char *fmt, va_list ap)
{
    if (!opts->warn)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    opts->warn(opts->warn_userdata, msg);
}

static void S_warn(const chorus_options *opts, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void S_warn(const chorus_options *opts, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    S_vwarn(opts, fmt, ap);
    va_end(ap);
}

void ingest_warn(const ingest_file *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    S_vwarn(f->opts, fmt, ap);
    va_end(ap);
}

chorus_code ingest_emit(ingest_file *f, raw_article *a, chorus_error *err)
{
    char *host = NULL;
    if (!a->origin)
        a->origin = f->origin;
    if (!a->id)
        a->id = f->base;
    if (!a->source && a->url)
        a->source = host = ingest_source_from_url(a->url);
    if (!a->source)
        a->source = f->base;
    if (!a->body)
        a->body = "", a->body_len = 0;
    a->format = f->format;
    chorus_code rc = f->sink(f->sink_ctx, a, err);
    free(host);
    if (rc != CHORUS_OK) {
        f->sink_failed = 1;
        return rc;
    }
    f->emitted++;
    return CHORUS_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Detection
 * ------------------------------------------------------------------------------------------- */

static int S_has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)name[n - k + i]) != suffix[i])
            return 0;
    return 1;
}

static int S_starts_nocase(const char *s, size_t len, const char *prefix)
{
    size_t k = strlen(prefix);
    if (len < k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (tolower((unsigned char)s[i]) != prefix[i])
            return 0;
    return 1;
}

/* Line `want` (0-based) of data, without '\r'; 0 when the data has fewer lines. */
static int S_line_at(const char *data, size_t len, int want, const char **line, size_t *n)
{
    size_t pos = 0;
    for (int i = 0; i <= want; i++)
        if (!ingest_next_line(data, len, &pos, line, n))
            return 0;
    if (*n && (*line)[*n - 1] == '\r')
        (*n)--;
    return 1;
}

static int S_is_url(const char *s, size_t n)
{
    return S_starts_nocase(s, n, "http://") || S_starts_nocase(s, n, "https://");
}

/* The header format: a title on line 1, a date alone on line 2, a URL (or nothing) on line 3. */
static int S_looks_header(const char *data, size_t len)
{
    const char *l;
    size_t n;
    char date[11];
    if (!S_line_at(data, len, 0, &l, &n) || !ingest_trim(l, &n) || !n)
        return 0;
    if (!S_line_at(data, len, 1, &l, &n))
        return 0;
    l = ingest_trim(l, &n);
    if ((n != 8 && n != 10) || !ingest_parse_date(l, n, date))
        return 0;
    if (!S_line_at(data, len, 2, &l, &n))
        return 1; /* title and date only: still the header format (with no body) */
    l = ingest_trim(l, &n);
    return n == 0 || S_is_url(l, n);
}

chorus_input_format ingest_detect(const char *name, const char *data, size_t len)
{
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    size_t i = 0;
    while (i < len && S_is_space((unsigned char)data[i]))
        i++;
    const char *s = data + i;
    size_t n = len - i;
    /* Content first: a signature at the start is more reliable than a file name. */
    if (S_starts_nocase(s, n, "<doc>") || S_starts_nocase(s, n, "<doc "))
        return CHORUS_INPUT_SGML;
    if (S_starts_nocase(s, n, "<!doctype html") || S_starts_nocase(s, n, "<html"))
        return CHORUS_INPUT_HTML;
    if (n && s[0] == '{')
        return CHORUS_INPUT_JSONL;
    if (name) {
        if (S_has_suffix(name, ".jsonl") || S_has_suffix(name, ".ndjson"))
            return CHORUS_INPUT_JSONL;
        if (S_has_suffix(name, ".html") || S_has_suffix(name, ".htm") ||
            S_has_suffix(name, ".xhtml"))
            return CHORUS_INPUT_HTML;
        if (S_has_suffix(name, ".sgml") || S_has_suffix(name, ".sgm"))
            return CHORUS_INPUT_SGML;
    }
    if (S_looks_header(data, len))
        return CHORUS_INPUT_HEADER;
    return CHORUS_INPUT_TEXT;
}

/* ---------------------------------------------------------------------------------------------
 * One buffer
 * ------------------------------------------------------------------------------------------- */

static const char *S_base_name(const char *path)
{
    const char *end = path + strlen(path);
    while (end > path + 1 && end[-1] == '/') /* "dir/" names "dir" */
        end--;
    const char *b = end;
    while (b > path && b[-1] != '/')
        b--;
    return b; /* may still carry trailing slashes; only used for files */
}

/* Turns CRLF and lone CR into LF in place; returns the new length. */
static size_t S_normalize_newlines(char *s, size_t len)
{
    char *cr = memchr(s, '\r', len);
    if (!cr)
        return len;
    size_t w = (size_t)(cr - s);
    for (size_t r = w; r < len; r++) {
        if (s[r] == '\r') {
            s[w++] = '\n';
            if (r + 1 < len && s[r + 1] == '\n')
                r++;
        } else {
            s[w++] = s[r];
        }
    }
    s[w] = '\0';
    return w;
}

static int S_blank(const char *s, size_t len)
{
    size_t n = len;
    ingest_trim(s, &n);
    return n == 0;
}

/* The funnel behind ingest_buffer and ingest_path: validates and normalizes data (NUL check,
 * BOM, UTF-8 replacement, CRLF) and hands it to its reader. in: the file data came from
 * (NUL-terminated, read-only), or NULL for a caller's buffer. Valid text without carriage
 * returns is read in place; anything else is copied. *skippable tells a directory walk that
 * the failure means "nothing to read here" (empty, binary, no body) rather than a broken file. */
static chorus_code S_ingest_data(const char *path, const char *data, size_t len, io_input *in,
                                 const chorus_options *opts, article_sink sink, void *ctx,
                                 chorus_error *err, size_t *emitted, int *skippable)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    *skippable = 0;

    const char *nul = memchr(data, '\0', len);
    if (nul) {
        *skippable = 1;
        return error_set(err, CHORUS_ERR_FORMAT, "%s: binary file (NUL byte at offset %zu)", name,
                         (size_t)(nul - data));
    }
    size_t bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (S_blank(data + bom, len - bom)) {
        *skippable = 1;
        return error_set(err, CHORUS_ERR_EMPTY, "%s: empty file", name);
    }

    buf clean = BUF_INIT;
    size_t first_bad = 0, bad = 0;
    const char *text = data;
    size_t text_len = len;
    if (!in || utf8_valid_prefix(data, len) < len || memchr(data, '\r', len)) {
        bad = utf8_sanitize(data, len, &clean, &first_bad);
        text_len = S_normalize_newlines(clean.data, clean.len);
        text = clean.data;
        in = NULL; /* the reader sees the copy: nothing of the input to release */
    }
    if (bad) {
        if (opts->strict) {
            buf_free(&clean);
            return error_set(err, CHORUS_ERR_UTF8,
                             "%s: invalid UTF-8 at byte %zu (%zu %s replaced)", name, first_bad,
                             bad, bad == 1 ? "byte" : "bytes");
        }
        S_warn(opts, "%s: invalid UTF-8 at byte %zu (%zu %s replaced)", name, first_bad, bad,
               bad == 1 ? "byte" : "bytes");
    }
    ingest_file f = {
        .name = name,
        .origin = is_stdin ? "-" : path,
        .base = is_stdin ? "stdin" : S_base_name(path),
        .data = text + bom,
        .len = text_len - bom,
        .input = in,
        .opts = opts,
        .sink = sink,
        .sink_ctx = ctx,
    };
    f.format = opts->input_format != CHORUS_INPUT_AUTO ? opts->input_format
                                                       : ingest_detect(path, f.data, f.len);
    chorus_code rc;
    switch (f.format) {
    case CHORUS_INPUT_HEADER:
        rc = ingest_read_header(&f, err);
        break;
    case CHORUS_INPUT_JSONL:
        rc = ingest_read_jsonl(&f, err);
        break;
    case CHORUS_INPUT_SGML:
        rc = ingest_read_sgml(&f, err);
        break;
    case CHORUS_INPUT_HTML:
        rc = ingest_read_html(&f, err);
        break;
    case CHORUS_INPUT_TEXT:
    default:
        rc = ingest_read_text(&f, err);
        break;
    }
    buf_free(&clean);
    *emitted = f.emitted;
    *skippable = rc == CHORUS_ERR_EMPTY && !f.sink_failed;
    return rc;
}

void ingest_release(ingest_file *f, size_t pos)
{
    if (f->input)
        io_release(f->input, (size_t)(f->data - f->input->data) + pos);
}

static const chorus_options *S_opts(const chorus_options *opts, chorus_options *defaults)
{
    if (opts)
        return opts;
    memset(defaults, 0, sizeof *defaults);
    defaults->input_format = CHORUS_INPUT_AUTO;
    return defaults;
}

chorus_code ingest_buffer(const char *name, const char *data, size_t len,
                          const chorus_options *opts, article_sink sink, void *ctx,
                          chorus_error *err)
{
    chorus_options defaults;
    size_t emitted;
    int skippable;
    if (!data)
        data = "", len = 0;
    return S_ingest_data(name ? name : "<text>", data, len, NULL, S_opts(opts, &defaults), sink,
                         ctx, err, &emitted, &skippable);
}

/* ---------------------------------------------------------------------------------------------
 * Paths and directory walks
 * ------------------------------------------------------------------------------------------- */

typedef struct dir_id {
    dev_t dev;
    ino_t ino;
} dir_id;

typedef struct walk {
    const chorus_options *opts;
    article_sink sink;
    void *ctx;
    size_t articles;
    VEC(dir_id) stack; /* directories on the current path, to catch symlink loops */
    buf data;          /* one read buffer, reused for every file */
} walk;

static chorus_code S_walk_file(walk *w, const char *path, chorus_error *err)
{
    io_input in;
    chorus_code rc = io_open(path, &w->data, &in, err);
    if (rc != CHORUS_OK)
        return rc;
    size_t emitted = 0;
    int skippable = 0;
    chorus_error local;
    rc = S_ingest_data(path, in.data, in.len, &in, w->opts, w->sink, w->ctx, &local, &emitted,
                       &skippable);
    io_close(&in);
    w->articles += emitted;
    if (rc == CHORUS_OK)
        return CHORUS_OK;
    if (skippable) {
        S_warn(w->opts, "%s, skipped", local.message);
        return CHORUS_OK;
    }
    if (err)
        *err = local;
    return rc;
}

static int S_cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static chorus_code S_walk_dir(walk *w, const char *path, chorus_error *err);

static chorus_code S_walk_entry(walk *w, const char *path, chorus_error *err)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT || errno == ELOOP) { /* a dangling or looping symlink */
            S_warn(w->opts, "%s: %s, skipped", path, strerror(errno));
            return CHORUS_OK;
        }
        return error_set(err, CHORUS_ERR_IO, "%s: %s", path, strerror(errno));
    }
    if (S_ISREG(st.st_mode))
        return S_walk_file(w, path, err);
    if (!S_ISDIR(st.st_mode)) {
        S_warn(w->opts, "%s: not a regular file, skipped", path);
        return CHORUS_OK;
    }
    for (size_t i = 0; i < w->stack.len; i++) {
        if (w->stack.items[i].dev == st.st_dev && w->stack.items[i].ino == st.st_ino) {
            S_warn(w->opts, "%s: directory loop (symbolic link to a parent), skipped", path);
            return CHORUS_OK;
        }
    }
    dir_id id = {st.st_dev, st.st_ino};
    VEC_PUSH(&w->stack, id);
    chorus_code rc = S_walk_dir(w, path, err);
    w->stack.len--;
    return rc;
}

static chorus_code S_walk_dir(walk *w, const char *path, chorus_error *err)
{
    DIR *d = opendir(path);
    if (!d)
        return error_set(err, CHORUS_ERR_IO, "%s: %s", path, strerror(errno));
    /* Read all names first and close the directory before descending, so a deep tree does
     * not hold one open descriptor per level. */
    VEC(char *) names = {0};
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* hidden, and "." / ".." */
            continue;
        VEC_PUSH(&names, xstrdup(e->d_name));
    }
    int saved = errno;
    closedir(d);
    chorus_code rc = CHORUS_OK;
    if (saved)
        rc = error_set(err, CHORUS_ERR_IO, "%s: %s", path, strerror(saved));
    if (names.len)
        qsort(names.items, names.len, sizeof *names.items, S_cmp_names);

    buf child = BUF_INIT;
    size_t plen = strlen(path);
    while (plen > 1 && path[plen - 1] == '/') /* "dir/" + "a" is "dir/a", not "dir//a" */
        plen--;
    for (size_t i = 0; i < names.len && rc == CHORUS_OK; i++) {
        buf_clear(&child);
        buf_append(&child, path, plen);
        if (!(plen == 1 && path[0] == '/'))
            buf_putc(&child, '/');
        buf_puts(&child, names.items[i]);
        rc = S_walk_entry(w, child.data, err);
    }
    buf_free(&child);
    for (size_t i = 0; i < names.len; i++)
        free(names.items[i]);
    VEC_FREE(&names);
    return rc;
}

chorus_code ingest_path(const char *path, const chorus_options *opts, article_sink sink, void *ctx,
                        chorus_error *err)
{
    chorus_options defaults;
    opts = S_opts(opts, &defaults);
    if (!path || !path[0])
        return error_set(err, CHORUS_ERR_INVALID, "empty path");

    struct stat st;
    int is_stdin = strcmp(path, "-") == 0;
    if (!is_stdin && stat(path, &st) != 0)
        return error_set(err, CHORUS_ERR_IO, "%s: %s", path, strerror(errno));

    if (is_stdin || !S_ISDIR(st.st_mode)) {
        /* A file named directly: every problem is an error, empty and binary included. */
        buf data = BUF_INIT;
        io_input in;
        chorus_code rc = io_open(path, &data, &in, err);
        if (rc == CHORUS_OK) {
            size_t emitted;
            int skippable;
            rc = S_ingest_data(path, in.data, in.len, &in, opts, sink, ctx, err, &emitted,
                               &skippable);
            io_close(&in);
        }
        buf_free(&data);
        return rc;
    }

    walk w = {.opts = opts, .sink = sink, .ctx = ctx};
    dir_id id = {st.st_dev, st.st_ino};
    VEC_PUSH(&w.stack, id);
    chorus_code rc = S_walk_dir(&w, path, err);
    VEC_FREE(&w.stack);
    buf_free(&w.data);
    if (rc == CHORUS_OK && w.articles == 0)
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no articles found", path);
    return rc;
}
