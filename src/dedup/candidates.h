/* Candidate search of the dedup module (candidates.c): the pairs of documents worth aligning,
 * for inputs too large to compare every pair. Not part of any public API. */
#ifndef CHORUS_DEDUP_CANDIDATES_H
#define CHORUS_DEDUP_CANDIDATES_H

#include <stddef.h>
#include <stdint.h>

#include "dedup/index.h"

/* Buckets larger than this do not give all their pairs (lsh_pairs): a sentence every article
 * of a feed repeats, or a story syndicated to dozens of sites, would make them quadratic. The
 * word-pair sketch's and the fingerprints' give the pairs of their first document (a star):
 * all the copies of a widely syndicated story still end in one group; the word sketches'
 * (weak evidence, see WORD_MIN_BANDS in candidates.c) give none. */
#define LSH_MAX_BUCKET 32

/* Candidate pairs (a << 32 | b, a < b, sorted, distinct) from the LSH bands and the sentence
 * fingerprints. One band at a time, so the bucket arrays stay at one entry per document. When
 * weak is not NULL, it gets the pairs that the word sketches put in too few buckets to be
 * candidates (WORD_MIN_BANDS) and that are not candidates otherwise, ascending. */
uint64_t *dedup_candidates(const dedup_index *x, size_t *npairs, u64vec *weak);

#endif
