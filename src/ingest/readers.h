/* readers: what the per-format readers share with the dispatcher in ingest.c.
 *
 * ingest.c validates and normalizes a buffer once (NUL check, UTF-8 replacement, BOM, CRLF),
 * then hands it to exactly one reader as an ingest_file. A reader only has to find the
 * articles and their fields; ingest_emit fills the defaults (id, source, origin) and calls the
 * sink. Readers build bodies through ingest_paras so that every format produces the same shape:
 * trimmed paragraphs separated by a single '\n'. */
#ifndef CHORUS_INGEST_READERS_H
#define CHORUS_INGEST_READERS_H

#include <stddef.h>

#include "core/buf.h"
#include "core/io.h"
#include "ingest/ingest.h"

typedef struct ingest_file {
    const char *name;   /* for messages: the path as given, "<stdin>" for "-" */
    const char *origin; /* raw_article.origin: the path, or "-" */
    const char *base;   /* file name without directory ("stdin" for "-"): default id and source */
    const char *data;   /* valid UTF-8, '\n' line ends only, no BOM, no NUL, NUL-terminated */
    size_t len;
    io_input *input;    /* the mapped file data lies in, or NULL (see ingest_release) */
    chorus_input_format format;
    const chorus_options *opts; /* never NULL */
    article_sink sink;
    void *sink_ctx;
    size_t emitted;  /* articles the sink accepted */
    int sink_failed; /* the sink returned an error: never turn it into a skip */
} ingest_file;

/* Per-format readers. Each emits zero or more articles through ingest_emit. A reader returns
 * CHORUS_ERR_EMPTY when the file holds no article with a body (a directory walk skips those);
 * other errors (bad JSON ...) stop the walk. */
chorus_code ingest_read_header(ingest_file *f, chorus_error *err);
chorus_code ingest_read_text(ingest_file *f, chorus_error *err);
chorus_code ingest_read_jsonl(ingest_file *f, chorus_error *err);
chorus_code ingest_read_sgml(ingest_file *f, chorus_error *err);
chorus_code ingest_read_html(ingest_file *f, chorus_error *err);

/* Fills a's unset fields from f (origin, id = base, source = URL host or base, format) and
 * calls the sink. a->body must be set. Returns the sink's code. */
chorus_code ingest_emit(ingest_file *f, raw_article *a, chorus_error *err);

/* Says that the reader is done with f->data[0..pos): a large input's pages before it can
 * leave memory. Readers that go through a file once call it as they advance. */
void ingest_release(ingest_file *f, size_t pos);

/* Sends "fmt ..." to opts->warn, if any. */
void ingest_warn(const ingest_file *f, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* ---- small text helpers ------------------------------------------------------------------ */

/* Next line of data[*pos..len) without its '\n'; returns 0 at the end. */
int ingest_next_line(const char *data, size_t len, size_t *pos, const char **line, size_t *n);

/* Trims ASCII whitespace and NO-BREAK SPACE (U+00A0) from both ends of s[0..*n). */
const char *ingest_trim(const char *s, size_t *n);

/* Writes "YYYY-MM-DD" to out when y-m-d is a real calendar date (1000 <= y <= 9999);
 * returns 0 otherwise. */
int ingest_make_date(int y, int m, int d, char out[11]);

/* ---- paragraph builder ---------------------------------------------------------------------
 *
 * Collects body text as paragraphs, one per line. Lines are trimmed before use; a line that is
 * empty after trimming never makes an empty paragraph. */
typedef struct ingest_paras {
    buf out;
    int open;         /* the last paragraph may still be continued */
    int prev_ends;    /* the last line ended a paragraph (free-text rule) */
    int prev_heading; /* the last line may be a heading (free-text rule) */
} ingest_paras;

#define INGEST_PARAS_INIT                                                                          \
    {                                                                                              \
        BUF_INIT, 0, 0, 0                                                                          \
    }

/* Closes the current paragraph: the next text starts a new one. */
void ingest_paras_break(ingest_paras *p);
/* Appends a line to the current paragraph (joined with one space), or starts one. */
void ingest_paras_add(ingest_paras *p, const char *s, size_t n);
/* Adds a line of free text, where hard-wrapped paragraphs must be rejoined. A blank line
 * ends the paragraph. Otherwise the line is joined to the previous one unless the previous
 * line ended a sentence (. ! ? or an ellipsis, optionally followed by closing quotes or
 * brackets), or was a lone short unpunctuated line (a heading such as "Week of high-stakes
 * talks") and this line does not start in lower case. */
void ingest_paras_text_line(ingest_paras *p, const char *s, size_t n);
/* Feeds every line of s[0..n) through ingest_paras_text_line. */
void ingest_paras_text(ingest_paras *p, const char *s, size_t n);
void ingest_paras_free(ingest_paras *p);

#endif
