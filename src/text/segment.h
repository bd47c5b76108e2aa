/* segment: sentence boundaries inside one paragraph.
 *
 * Keeps abbreviations (U.S., Gen., Mr., Jan. ...), initials ("Wendy R. Sherman"), decimals,
 * ellipses and quotes that close after the final punctuation (`...," she said.`) inside one
 * sentence. A paragraph without final punctuation (a heading) is one unit, marked as such. */
#ifndef CHORUS_TEXT_SEGMENT_H
#define CHORUS_TEXT_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

typedef struct seg_span {
    uint32_t start, len; /* bytes of the paragraph, leading/trailing white space trimmed */
    int headline;        /* 1: no sentence-final punctuation (a heading or fragment) */
} seg_span;

/* Splits paragraph p (len bytes, valid UTF-8) into sentences. Returns the count and sets *out
 * to a malloc'ed array the caller frees (NULL when the count is 0). Linear time. */
size_t segment_paragraph(const char *p, size_t len, seg_span **out);

#endif
