/* chorus.h — the public interface of libchorus, a multi-source news summarization library.
 *
 * chorus reads raw news articles about one event (or many), and gives back what a careful
 * editor would: clean text, which articles copy which, a short summary in which every sentence
 * cites the articles that carry it, and the cross-source analysis built on that.
 *
 * Data flows one way:
 *
 *     chorus_corpus_new -> chorus_corpus_add_path / _add_text   (ingest, clean, segment, tokenize)
 *                       -> chorus_summarize                       (select, order, attribute)
 *                       -> chorus_summary_render                  (text, lines, JSON)
 *
 * Ownership, once for the whole API:
 *   - An object returned by a `chorus_<object>_new` or `chorus_summarize` call belongs to the
 *     caller, who releases it with the matching `_free`. Every `_free(NULL)` is a no-op.
 *   - A `const char *` returned by an accessor points into the object it came from and lives as
 *     long as that object. A `char *` return value is a new string the caller releases with free().
 *   - A summary keeps pointers into its corpus: free the summary before the corpus.
 *
 * Errors: functions that can fail take an optional `chorus_error *` (NULL to ignore the details)
 * and return NULL or a non-zero chorus_code. The message names the file, and the line or byte
 * offset where that helps.
 *
 * Threads: distinct objects may be used from distinct threads at once; one object must not be
 * used from two threads at the same time. There is no global mutable state.
 */
#ifndef CHORUS_H
#define CHORUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CHORUS_EXPORT __attribute__((visibility("default")))
#else
#define CHORUS_EXPORT
#endif

/* ---------------------------------------------------------------------------------------------
 * Version and errors
 * ------------------------------------------------------------------------------------------- */

#define CHORUS_VERSION_MAJOR 0
#define CHORUS_VERSION_MINOR 1
#define CHORUS_VERSION_PATCH 0

/* The library's version, "MAJOR.MINOR.PATCH". */
CHORUS_EXPORT const char *chorus_version(void);

typedef enum chorus_code {
    CHORUS_OK = 0,
    CHORUS_ERR_IO,      /* a file could not be opened or read or written */
    CHORUS_ERR_FORMAT,  /* the input is not in the expected format (bad JSON, binary file ...) */
    CHORUS_ERR_UTF8,    /* invalid UTF-8 and strict mode is on */
    CHORUS_ERR_EMPTY,   /* nothing to work on: an empty file, a folder with no articles */
    CHORUS_ERR_INVALID, /* an argument is out of range or contradicts another */
} chorus_code;

typedef struct chorus_error {
    chorus_code code;
    char message[512]; /* one line, no trailing newline, e.g. "a.txt: empty file" */
} chorus_error;

/* ---------------------------------------------------------------------------------------------
 * Corpus: the articles, read and prepared once
 * ------------------------------------------------------------------------------------------- */

typedef struct chorus_corpus chorus_corpus;

typedef enum chorus_input_format {
    CHORUS_INPUT_AUTO = 0, /* detect per file (the default) */
    CHORUS_INPUT_HEADER,   /* line 1 title, line 2 date (YYYYMMDD or YYYY-MM-DD), line 3 URL, body */
    CHORUS_INPUT_TEXT,     /* first non-empty line is the title, then paragraphs */
    CHORUS_INPUT_JSONL,    /* one JSON object per line: title, text|content|body, date, url, ... */
    CHORUS_INPUT_SGML,     /* NIST DUC/TREC <DOC> documents */
    CHORUS_INPUT_HTML,     /* a web page (main content is extracted) */
} chorus_input_format;

/* Called for each non-fatal problem (invalid UTF-8 replaced, a binary file skipped ...). */
typedef void (*chorus_warn_fn)(void *userdata, const char *message);

typedef struct chorus_options {
    chorus_input_format input_format; /* CHORUS_INPUT_AUTO */
    int strict;                       /* 1: invalid UTF-8 is an error, not a warning; 0 */
    chorus_warn_fn warn;              /* NULL: warnings are dropped */
    void *warn_userdata;
} chorus_options;

/* Fills *opts with the defaults shown above. */
CHORUS_EXPORT void chorus_options_init(chorus_options *opts);

/* A new, empty corpus. opts may be NULL for the defaults; it is copied. Never returns NULL. */
CHORUS_EXPORT chorus_corpus *chorus_corpus_new(const chorus_options *opts);
CHORUS_EXPORT void chorus_corpus_free(chorus_corpus *corpus);

/* Adds every article found at path: a file, a directory (walked recursively in byte order of
 * names, hidden files skipped), or "-" for standard input. Within a directory, files that are
 * empty or binary are skipped with a warning; named directly they are an error. A directory
 * with no article is CHORUS_ERR_EMPTY. Returns CHORUS_OK or the error code. */
CHORUS_EXPORT chorus_code chorus_corpus_add_path(chorus_corpus *corpus, const char *path,
                                                 chorus_error *err);

/* Adds the articles in a memory buffer (which need not be NUL-terminated). name is used for
 * messages and as the source name when the article has no URL. */
CHORUS_EXPORT chorus_code chorus_corpus_add_text(chorus_corpus *corpus, const char *name,
                                                 const char *data, size_t len, chorus_error *err);

CHORUS_EXPORT size_t chorus_corpus_document_count(const chorus_corpus *corpus);

/* ---------------------------------------------------------------------------------------------
 * Summaries
 * ------------------------------------------------------------------------------------------- */

typedef struct chorus_summary chorus_summary;

typedef enum chorus_method {
    CHORUS_METHOD_DEFAULT = 0, /* the best measured method (bench/results/quality.md) */
    CHORUS_METHOD_CONCEPT,     /* coverage of document-frequency-weighted content-word bigrams
                                  (and unigrams at a small weight), exact budgeted optimizer */
    CHORUS_METHOD_LEAD,        /* the first sentences of the most recent article (a baseline) */
    CHORUS_METHOD_RANDOM,      /* candidate sentences in a fixed pseudo-random order (a baseline) */
    CHORUS_METHOD_SUBMODULAR,  /* Lin & Bilmes (2011): saturated cosine coverage plus a
                                  cluster diversity reward, budgeted greedy */
    CHORUS_METHOD_CENTROID,    /* MEAD (Radev et al. 2004): TF-IDF centroid and position scores,
                                  with a redundancy check */
    CHORUS_METHOD_LEXRANK,     /* Erkan & Radev (2004): random walk on the thresholded cosine
                                  graph, with a redundancy check */
} chorus_method;

typedef struct chorus_summary_options {
    size_t words;     /* at most this many whitespace-separated words; 0 = no word limit */
    size_t bytes;     /* at most this many bytes of sentence text; 0 = no byte limit */
    size_t sentences; /* at most this many sentences; 0 = no limit */
    chorus_method method;
    int fill;          /* 1: cut the last sentence so the summary has exactly `words` words */
} chorus_summary_options;

/* Defaults: words 100, no byte or sentence limit, the default method, whole sentences. */
CHORUS_EXPORT void chorus_summary_options_init(chorus_summary_options *opts);

/* Summarizes every document of the corpus as one event. opts may be NULL for the defaults.
 * Returns NULL with err set when the corpus has no usable sentence or an option is invalid. */
CHORUS_EXPORT chorus_summary *chorus_summarize(const chorus_corpus *corpus,
                                               const chorus_summary_options *opts,
                                               chorus_error *err);
CHORUS_EXPORT void chorus_summary_free(chorus_summary *summary);

CHORUS_EXPORT size_t chorus_summary_sentence_count(const chorus_summary *summary);
/* The text of summary sentence i (0-based), as it appears in its article. */
CHORUS_EXPORT const char *chorus_summary_sentence_text(const chorus_summary *summary, size_t i);

typedef enum chorus_output_format {
    CHORUS_FORMAT_TEXT = 0, /* sentences with [1,3] source markers, disputed figures, sources */
    CHORUS_FORMAT_LINES,    /* the sentences only, one per line (what evaluation tools read) */
    CHORUS_FORMAT_JSON,     /* see docs/json-schema.md */
    CHORUS_FORMAT_MD,       /* a Markdown report: the summary with citations and agreement, the
                               sources, conflicting numbers, quotes by speaker, the timeline and
                               the entities */
} chorus_output_format;

/* Renders the summary; the caller frees the result. Never returns NULL. Every format but LINES
 * shows sources: the first such rendering works out which articles carry each sentence and
 * which articles copy which (document dedup), the costly part of a summary; LINES skips it. */
CHORUS_EXPORT char *chorus_summary_render(const chorus_summary *summary,
                                          chorus_output_format format);

#ifdef __cplusplus
}
#endif

#endif /* CHORUS_H */
