/* ingest: reading articles in every supported format, one reader per format plus detection.
 *
 * Readers turn bytes into raw_articles and hand them to a sink one at a time, so memory stays
 * bounded by the largest file, not by the corpus. Readers do not clean or segment: the body is
 * the article's paragraphs, one per line ('\n'-separated), with indentation trimmed. */
#ifndef CHORUS_INGEST_H
#define CHORUS_INGEST_H

#include <stddef.h>

#include "chorus.h"

typedef struct raw_article {
    const char *origin; /* "path", "path:line" for JSON Lines, "-" for stdin */
    const char *id;     /* DOCNO / JSON id / file name without directory; never NULL */
    const char *title;  /* may be NULL */
    const char *date;   /* normalized "YYYY-MM-DD", or NULL */
    const char *url;    /* may be NULL */
    const char *source; /* JSON source field, else host of url without "www.", else file name */
    const char *body;   /* valid UTF-8, paragraphs separated by '\n' */
    size_t body_len;
    chorus_input_format format;
} raw_article;

typedef chorus_code (*article_sink)(void *ctx, const raw_article *a, chorus_error *err);

/* Guesses the format of a file from its name and first bytes. */
chorus_input_format ingest_detect(const char *name, const char *data, size_t len);

/* Reads the articles of one buffer (a whole file). Invalid UTF-8 is replaced and reported once
 * through opts->warn with the byte offset (an error when opts->strict). NUL bytes make the
 * buffer binary: CHORUS_ERR_FORMAT. An empty or blank buffer is CHORUS_ERR_EMPTY. */
chorus_code ingest_buffer(const char *name, const char *data, size_t len,
                          const chorus_options *opts, article_sink sink, void *ctx,
                          chorus_error *err);

/* Reads a file, a directory (recursively, names in byte order, hidden entries skipped) or "-".
 * Inside a directory, empty and binary files are skipped with a warning; a directory that yields
 * no article is CHORUS_ERR_EMPTY. */
chorus_code ingest_path(const char *path, const chorus_options *opts, article_sink sink,
                        void *ctx, chorus_error *err);

/* "https://www.komu.com/news/..." -> "komu.com" (malloc'ed), or NULL when url has no host. */
char *ingest_source_from_url(const char *url);

/* Parses "YYYYMMDD", "YYYY-MM-DD" and ISO date-times to "YYYY-MM-DD" in out[11]; 0 when not a date. */
int ingest_parse_date(const char *s, size_t len, char out[11]);

#endif
