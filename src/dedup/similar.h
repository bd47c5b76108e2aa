/* similar: how much two sentences say the same thing, from their content-word stems.
 *
 * Each sentence gets a signature: its sorted, distinct stems of non-stopword words. Two
 * sentences are near-copies when their signatures overlap strongly; that catches syndicated
 * copies, light edits and synonym-spun copies that keep most words. */
#ifndef CHORUS_DEDUP_SIMILAR_H
#define CHORUS_DEDUP_SIMILAR_H

#include <stddef.h>
#include <stdint.h>

#include "corpus/corpus.h"

typedef struct signatures {
    uint32_t *start; /* nsentences + 1 offsets into stems */
    uint32_t *stems;
} signatures;

void signatures_build(const chorus_corpus *c, signatures *out);
void signatures_free(signatures *s);

/* Overlap of the two signatures: |A ∩ B| / sqrt(|A| |B|), 0 when either is empty. */
double similar_sentences(const signatures *sig, uint32_t a, uint32_t b);

/* Sentences at or above this similarity say the same thing. */
#define SIMILAR_SAME 0.6

#endif
