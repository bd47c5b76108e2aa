/* minhash: MinHash sketches and LSH banding, for finding candidate pairs among many documents
 * without comparing all pairs.
 *
 * A document is summarized by MINHASH_K minima over a set of 64-bit feature hashes (one-
 * permutation hashing: each feature falls in one of MINHASH_K bins, empty bins are filled by
 * densification); two sketches agree at one position with probability equal to the Jaccard
 * similarity J of the sets. LSH banding cuts the sketch into MINHASH_BANDS bands of
 * MINHASH_ROWS rows; two documents become candidates when all rows of at least one band agree,
 * with probability P(J) = 1 - (1 - J^r)^b (an S-curve). r = 3, b = 40 (120 hashes):
 *     J      0.02    0.05    0.1    0.2    0.3    0.4    0.5    0.6
 *     P(J)   3e-4    5e-3    0.04   0.28   0.67   0.93   0.994  0.9998
 * Unrelated news articles share few word pairs (folded-bigram J well below 0.05), so at a
 * million documents the random candidates stay in the low millions, each rejected in a
 * microsecond by the exact prefilter; copies and synonym-spun paraphrases share most word
 * pairs (J >= 0.4 measured on bench/gen_stream.py streams: recall 0.93-1 per copy). */
#ifndef CHORUS_DEDUP_MINHASH_H
#define CHORUS_DEDUP_MINHASH_H

#include <stddef.h>
#include <stdint.h>

enum { MINHASH_ROWS = 3, MINHASH_BANDS = 40, MINHASH_K = MINHASH_ROWS * MINHASH_BANDS };

/* The sketch of a set of feature hashes (duplicates allowed; they do not change it). An
 * empty set gives all UINT32_MAX; a set of one feature the same value in every position. */
void minhash_sketch(const uint64_t *features, size_t n, uint32_t sketch[MINHASH_K]);

/* The MINHASH_BANDS band keys of a sketch (a band's key hashes its rows and its index). */
void minhash_bands(const uint32_t sketch[MINHASH_K], uint32_t keys[MINHASH_BANDS]);

/* The same with another band shape: MINHASH_K / rows keys of rows rows each. */
void minhash_bands_rows(const uint32_t sketch[MINHASH_K], int rows, uint32_t *keys);

/* Share of positions where two sketches agree: an estimate of the Jaccard similarity. */
double minhash_estimate(const uint32_t a[MINHASH_K], const uint32_t b[MINHASH_K]);

/* 64-bit finalizer (MurmurHash3 fmix64): a cheap, well-mixed hash of an integer. */
static inline uint64_t minhash_mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

/* Bucket entries: a key and the document it came from. */
typedef struct lsh_entry {
    uint32_t key, doc;
} lsh_entry;

/* What lsh_pairs does with a bucket of more than max_bucket documents, whose every pair
 * would be quadratic: */
typedef enum lsh_large {
    LSH_LARGE_SKIP, /* no pair (a common key of a weak sketch is not evidence of a copy) */
    LSH_LARGE_STAR, /* its first document (the lowest) with each other one: a story syndicated
                       to a hundred sites shares its keys a hundred times, and these pairs,
                       once related, put all of them in one group */
} lsh_large;

/* Appends to *pairs (as min << 32 | max, unsorted, maybe repeated) every pair of documents
 * that share a key in entries (which it reorders and overwrites); buckets of more than
 * max_bucket documents give what `large` says. */
void lsh_pairs(lsh_entry *entries, size_t n, size_t max_bucket, lsh_large large,
               uint64_t **pairs, size_t *npairs, size_t *cap);

/* Sorts v ascending (a radix sort: candidate lists and LSH buckets are long). */
void minhash_sort_u64(uint64_t *v, size_t n);

#endif
