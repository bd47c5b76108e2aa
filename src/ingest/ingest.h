/* ingest: reading articles in every supported format, one reader per format plus detection.
 *
 * Readers turn bytes into raw_articles and hand them to a sink one at a time, so memory stays
 * bounded by the largest file, not by the corpus. Readers do not clean or segment: the body is
 * the article's paragraphs, one per line ('\n'-separated), with indentation trimmed, no empty
 * paragraph, no '\r'. Every string is valid UTF-8 and lives only until the sink returns: the
 * sink copies what it keeps. A non-OK code from the sink stops reading and is returned as is.
 *
 * Formats (src/ingest/read_*.c document each in full):
 *   header  title / date / URL on lines 1-3, then one paragraph per non-blank line
 *   text    first non-empty line is the title; blank-line separated, hard-wrapped paragraphs
 *   jsonl   one object per line; origin "path:LINE"; a line without text is skipped (warning)
 *   sgml    NIST DUC/TREC <DOC>s; id = DOCNO, source = the DOCNO's letters ("AP", "LA" ...)
 *   html    a web page: main content by block classification; metadata from og:/JSON-LD
 *
 * Problems: a file with nothing to read (empty or blank, binary, a title without body, a
 * feed of stubs) is CHORUS_ERR_EMPTY or CHORUS_ERR_FORMAT (binary) when named directly, and
 * a warning plus a skip inside a directory walk. Anything else (bad JSON, strict-mode UTF-8,
 * unreadable file) is an error in both cases. */
#ifndef CHORUS_INGEST_H
#define CHORUS_INGEST_H

#include <stddef.h>

#include "chorus.h"

typedef struct raw_article {
    const char *origin; /* "path", "path:line" for JSON Lines, "-" for stdin */
    const char *id;     /* DOCNO / JSON id (else "file:LINE") / file name without directory /
                           "stdin"; never NULL */
    const char *title;  /* may be NULL */
    const char *date;   /* normalized "YYYY-MM-DD", or NULL */
    const char *url;    /* may be NULL */
    const char *source; /* JSON source field or DOCNO prefix, else host of url without "www.",
                           else file name ("stdin" for "-"); never NULL */
    const char *body;   /* valid UTF-8, paragraphs separated by '\n' */
    size_t body_len;
    chorus_input_format format;
} raw_article;

typedef chorus_code (*article_sink)(void *ctx, const raw_article *a, chorus_error *err);

/* Guesses the format of a file from its first bytes, then its name: "<DOC" -> SGML,
 * "<!DOCTYPE html" / "<html" -> HTML, "{" -> JSON Lines (each after a BOM and blanks); then
 * .jsonl/.ndjson, .html/.htm/.xhtml, .sgml/.sgm; then HEADER when line 2 is a date and line 3
 * a URL or empty; else TEXT. name may be NULL. */
chorus_input_format ingest_detect(const char *name, const char *data, size_t len);

/* Reads the articles of one buffer (a whole file; need not be NUL-terminated). name is the
 * path used in messages and origins ("-" means standard input). Invalid UTF-8 is replaced by
 * U+FFFD and reported once through opts->warn as "NAME: invalid UTF-8 at byte OFFSET (N bytes
 * replaced)" (CHORUS_ERR_UTF8 with that message when opts->strict). A NUL byte makes the buffer
 * binary: CHORUS_ERR_FORMAT. An empty or blank buffer is CHORUS_ERR_EMPTY. A UTF-8 BOM is
 * skipped; CRLF and CR line ends read as LF. opts may be NULL for the defaults. */
chorus_code ingest_buffer(const char *name, const char *data, size_t len,
                          const chorus_options *opts, article_sink sink, void *ctx,
                          chorus_error *err);

/* Reads a file, a directory (recursively, names in byte order, hidden entries skipped) or "-".
 * Symbolic links are followed; a link back to a directory on the current path is skipped with
 * a warning, and so are dangling links and entries that are neither files nor directories.
 * Inside a directory, files with nothing to read (see above) are skipped with a warning; a
 * directory that yields no article is CHORUS_ERR_EMPTY "DIR: no articles found". A missing
 * path is CHORUS_ERR_IO "PATH: No such file or directory". */
chorus_code ingest_path(const char *path, const chorus_options *opts, article_sink sink, void *ctx,
                        chorus_error *err);

/* "https://www.komu.com/news/..." -> "komu.com" (malloc'ed), or NULL when url has no host. */
char *ingest_source_from_url(const char *url);

/* Parses "YYYYMMDD", "YYYY-MM-DD" and ISO date-times ("2022-01-10T14:03:00Z", "2022-01-10
 * 14:03") to "YYYY-MM-DD" in out[11]; surrounding blanks are ignored. Returns 1, or 0 when s is
 * not a real calendar date (month 1-12, day valid for the month, leap years). */
int ingest_parse_date(const char *s, size_t len, char out[11]);

#endif
