#include "dedup/minhash.h"

#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/alloc.h"

/* One-permutation hashing with optimal densification (Li, Owen and Zhang 2012; Shrivastava
 * 2017): each feature is hashed once, its top bits choose one of the K bins and its low 32
 * bits compete for that bin's minimum; an empty bin then takes the value of the first
 * non-empty bin along its own fixed probe sequence. Two sketches agree in a bin with
 * probability J, as with K independent hash functions, for one hash per feature instead of K
 * (K hash functions were a fifth of the instructions of `chorus dedup`; candidates and
 * relations measured the same, see bench/results/dedup.md). */
/* Step t (1, 2, ...) of the probe sequence of bin i. */
static uint32_t S_probe(uint32_t i, uint64_t t)
{
    uint64_t h = minhash_mix((uint64_t)i << 32 | t);
    return (uint32_t)(((h >> 32) * MINHASH_K) >> 32);
}

/* The first PROBES steps of every bin's sequence, computed once per thread: a sparse set
 * (a document's rare words) leaves most bins empty, and hashing each probe again took most
 * of the sketch's time. */
enum { PROBES = 32 }; /* a multiple of 8: see minhash_sketch */
_Static_assert(MINHASH_K <= 256, "probe tables hold bins in a byte");

static const uint8_t (*S_probes(void))[PROBES]
{
    static _Thread_local uint8_t table[MINHASH_K][PROBES];
    static _Thread_local int ready;
    if (!ready) {
        for (uint32_t i = 0; i < MINHASH_K; i++)
            for (int t = 0; t < PROBES; t++)
                table[i][t] = (uint8_t)S_probe(i, (uint64_t)t + 1);
        ready = 1;
    }
    return (const uint8_t(*)[PROBES])table;
}

/* The step (0 for step 1, ...) at which each bin's probe sequence first meets each other bin,
 * within FIRST_STEPS steps (FIRST_NEVER: not within them), computed once per thread. With few
 * full bins (a document's few names), an empty bin's full bin is the one its sequence meets
 * first: a minimum over the full bins, where probing met a full bin once in K / full steps. */
enum { FIRST_STEPS = 255, FIRST_NEVER = 255, SPARSE_FULL = 16 };

static const uint8_t (*S_first_steps(void))[MINHASH_K]
{
    static _Thread_local uint8_t table[MINHASH_K][MINHASH_K];
    static _Thread_local int ready;
    if (!ready) {
        memset(table, FIRST_NEVER, sizeof table);
        for (uint32_t i = 0; i < MINHASH_K; i++)
            for (uint32_t t = 1; t <= FIRST_STEPS; t++) {
                uint32_t b = S_probe(i, t);
                if (table[i][b] == FIRST_NEVER)
                    table[i][b] = (uint8_t)(t - 1);
            }
        ready = 1;
    }
    return (const uint8_t(*)[MINHASH_K])table;
}

/* The full bin that empty bin i takes, by probing from step `from` on. */
static uint32_t S_probe_from(const uint8_t *full, uint32_t i, uint64_t from)
{
    for (uint64_t t = from;; t++) {
        uint32_t b = S_probe(i, t);
        if (full[b])
            return b;
    }
}

/* The full bins as a bit set (bit i of word i / 64); K <= 128. full[] has 0 or 1 per bin and
 * is padded with zeros to a multiple of 16 bytes. */
_Static_assert(MINHASH_K > 64 && MINHASH_K <= 128, "the full bins fill two words");
enum { FULL_PAD = (MINHASH_K + 15) / 16 * 16 };
static void S_full_bits(const uint8_t full[FULL_PAD], uint64_t bits[2])
{
    bits[0] = bits[1] = 0;
#ifdef __SSE2__
    for (int c = 0; c < FULL_PAD; c += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(full + c));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_sub_epi8(_mm_setzero_si128(), x));
        bits[c / 64] |= (uint64_t)m << (c % 64);
    }
#else
    for (int i = 0; i < MINHASH_K; i++)
        bits[i / 64] |= (uint64_t)full[i] << (i % 64);
#endif
}

/* The first of the probes pr[0..PROBES) (bins) that meets a full bin, `chunk` probes at a
 * time without a branch each: whether a probe meets a full bin is a coin toss (the share of
 * full bins) that branch prediction cannot learn. UINT32_MAX when none does. Inlined with a
 * constant chunk, so that the inner loop unrolls. */
static inline __attribute__((always_inline)) uint32_t S_first_full(const uint8_t *full,
                                                                   const uint8_t *pr, int chunk)
{
    for (int t = 0; t < PROBES; t += chunk) {
        unsigned hit = 0;
        for (int u = 0; u < chunk; u++)
            hit |= (unsigned)full[pr[t + u]] << u;
        if (hit)
            return pr[t + __builtin_ctz(hit)];
    }
    return UINT32_MAX;
}
_Static_assert(PROBES % 8 == 0, "probes are looked at 4 or 8 at a time");

void minhash_sketch(const uint64_t *features, size_t n, uint32_t sketch[MINHASH_K])
{
    uint8_t full[FULL_PAD] = {0};
    for (int i = 0; i < MINHASH_K; i++)
        sketch[i] = UINT32_MAX;
    for (size_t j = 0; j < n; j++) {
        uint64_t h = minhash_mix(features[j] ^ 0x5bd1e9955bd1e995ULL);
        uint32_t bin = (uint32_t)(((h >> 32) * MINHASH_K) >> 32), v = (uint32_t)h;
        uint32_t cur = sketch[bin];
        sketch[bin] = v < cur ? v : cur; /* no branch: a new minimum is a coin toss */
        full[bin] = 1;
    }
    if (!n)
        return;
    uint32_t filled[MINHASH_K];
    memcpy(filled, sketch, sizeof filled);
    /* The full and the empty bins as bit sets, visited by their set bits: a loop over every bin
     * asking whether it is full was a fifth of the sketch's instructions. */
    uint64_t fulls[2], empties[2];
    S_full_bits(full, fulls);
    empties[0] = ~fulls[0];
    empties[1] = ~fulls[1] & (MINHASH_K >= 128 ? ~0ull : (1ull << (MINHASH_K - 64)) - 1);
    unsigned nfull = (unsigned)(__builtin_popcountll(fulls[0]) + __builtin_popcountll(fulls[1]));
    if (nfull <= SPARSE_FULL) {
        uint8_t list[SPARSE_FULL];
        unsigned nl = 0;
        for (int w = 0; w < 2; w++)
            for (uint64_t m = fulls[w]; m; m &= m - 1)
                list[nl++] = (uint8_t)(64 * w + __builtin_ctzll(m));
        const uint8_t(*first)[MINHASH_K] = nfull > 1 ? S_first_steps() : NULL;
        for (int w = 0; w < 2; w++)
            for (uint64_t m = empties[w]; m; m &= m - 1) {
                /* With one full bin, every sequence meets it first. */
                uint32_t i = (uint32_t)(64 * w + __builtin_ctzll(m)), k = list[0];
                if (nfull > 1) {
                    uint32_t best = UINT32_MAX;
                    for (unsigned f = 0; f < nl; f++) { /* steps differ: one bin per step */
                        uint32_t key = (uint32_t)first[i][list[f]] << 8 | list[f];
                        best = key < best ? key : best;
                    }
                    k = best >> 8 != FIRST_NEVER ? (best & 255)
                                                 : S_probe_from(full, i, FIRST_STEPS + 1);
                }
                sketch[i] = filled[k];
            }
        return;
    }
    /* With half the bins full or more, four probes miss them all about 1/16 of the time or
     * less (the next four are then looked at). */
    const uint8_t(*probe)[PROBES] = S_probes();
    int by4 = 2 * nfull >= MINHASH_K;
    for (int w = 0; w < 2; w++)
        for (uint64_t m = empties[w]; m; m &= m - 1) {
            uint32_t i = (uint32_t)(64 * w + __builtin_ctzll(m));
            uint32_t k = by4 ? S_first_full(full, probe[i], 4) : S_first_full(full, probe[i], 8);
            if (k == UINT32_MAX)
                k = S_probe_from(full, i, PROBES + 1);
            sketch[i] = filled[k];
        }
}

void minhash_bands(const uint32_t sketch[MINHASH_K], uint32_t keys[MINHASH_BANDS])
{
    minhash_bands_rows(sketch, MINHASH_ROWS, keys);
}

void minhash_bands_rows(const uint32_t sketch[MINHASH_K], int rows, uint32_t *keys)
{
    for (int b = 0; b < MINHASH_K / rows; b++) {
        uint64_t h = (uint64_t)b * 0x9e3779b97f4a7c15ULL;
        for (int r = 0; r < rows; r++)
            h = minhash_mix(h ^ sketch[b * rows + r]);
        keys[b] = (uint32_t)(h >> 32);
    }
}

double minhash_estimate(const uint32_t a[MINHASH_K], const uint32_t b[MINHASH_K])
{
    int same = 0;
    for (int i = 0; i < MINHASH_K; i++)
        same += a[i] == b[i];
    return (double)same / MINHASH_K;
}

/* Turns bucket counts into the first position of each bucket (radix sort scatter offsets). */
static void S_bucket_starts(size_t *count, size_t nbuckets)
{
    size_t sum = 0;
    for (size_t k = 0; k < nbuckets; k++) {
        size_t c = count[k];
        count[k] = sum;
        sum += c;
    }
}

/* LSD radix sort, a byte at a time; bytes where all values agree are skipped. */
void minhash_sort_u64(uint64_t *v, size_t n)
{
    if (n < 2)
        return;
    if (n <= 32) {
        for (size_t i = 1; i < n; i++) {
            uint64_t x = v[i];
            size_t j = i;
            while (j > 0 && v[j - 1] > x)
                v[j] = v[j - 1], j--;
            v[j] = x;
        }
        return;
    }
    uint64_t *tmp = xmalloc(n * sizeof *tmp), *src = v, *dst = tmp;
    size_t (*count)[256] = xcalloc(8, sizeof *count);
    for (size_t i = 0; i < n; i++)
        for (int b = 0; b < 8; b++)
            count[b][(src[i] >> (8 * b)) & 255]++;
    for (int b = 0; b < 8; b++) {
        if (count[b][(src[0] >> (8 * b)) & 255] == n)
            continue;
        S_bucket_starts(count[b], 256);
        for (size_t i = 0; i < n; i++)
            dst[count[b][(src[i] >> (8 * b)) & 255]++] = src[i];
        uint64_t *t = src;
        src = dst, dst = t;
    }
    if (src != v)
        memcpy(v, src, n * sizeof *v);
    free(count);
    free(tmp);
}

/* Sorts entries by key, stably, in three 11-bit passes of an LSD radix sort. */
static void S_sort_by_key(lsh_entry *e, size_t n)
{
    lsh_entry *tmp = xmalloc(n * sizeof *tmp), *src = e, *dst = tmp;
    size_t (*count)[2048] = xcalloc(3, sizeof *count);
    for (size_t i = 0; i < n; i++)
        for (int p = 0; p < 3; p++)
            count[p][(e[i].key >> (11 * p)) & 2047]++;
    for (int p = 0; p < 3; p++) {
        S_bucket_starts(count[p], 2048);
        for (size_t i = 0; i < n; i++)
            dst[count[p][(src[i].key >> (11 * p)) & 2047]++] = src[i];
        lsh_entry *t = src;
        src = dst, dst = t;
    }
    if (src != e) /* an odd number of passes ends in tmp */
        memcpy(e, src, n * sizeof *e);
    free(count);
    free(tmp);
}

/* The bit of a key in S_drop_unique's bitmaps of 2^bits bits (Fibonacci hashing: the top bits
 * of the key times an odd 64-bit constant). */
static uint32_t S_key_bit(uint32_t key, int bits)
{
    return (uint32_t)((uint64_t)key * 0x9e3779b97f4a7c15ULL >> (64 - bits));
}

/* Drops, keeping the order of the rest, the entries whose key no other entry has: most keys
 * of a band are unique, and sorting them only to find each bucket alone was most of the
 * bucketing. Two bitmaps over the keys' top bits, eight bits per entry: a key seen before
 * sets `again`, and an entry is kept when its bits are in `again` (a key alone there by
 * chance, about one in eight, is kept too and found alone after the sort). */
static size_t S_drop_unique(lsh_entry *e, size_t n)
{
    int bits = 6;
    while (bits < 32 && ((size_t)1 << bits) < 8 * n)
        bits++;
    size_t words = (size_t)1 << (bits - 6);
    uint64_t *seen = xcalloc(2 * words, sizeof *seen), *again = seen + words;
    for (size_t i = 0; i < n; i++) {
        uint32_t h = S_key_bit(e[i].key, bits);
        uint64_t m = (uint64_t)1 << (h & 63);
        again[h >> 6] |= seen[h >> 6] & m;
        seen[h >> 6] |= m;
    }
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t h = S_key_bit(e[i].key, bits);
        e[w] = e[i];
        w += (again[h >> 6] >> (h & 63)) & 1;
    }
    free(seen);
    return w;
}

static void S_add_pair(uint64_t **pairs, size_t *npairs, size_t *cap, uint32_t a, uint32_t b)
{
    *pairs = xgrow(*pairs, sizeof **pairs, cap, *npairs + 1);
    (*pairs)[(*npairs)++] = (uint64_t)a << 32 | b;
}

void lsh_pairs(lsh_entry *entries, size_t n, size_t max_bucket, lsh_large large,
               uint64_t **pairs, size_t *npairs, size_t *cap)
{
    n = S_drop_unique(entries, n);
    /* Sorted by (key, doc). Callers list entries in document order, so a stable sort on the
     * key alone does it (three passes instead of seven over 64-bit numbers); otherwise the
     * whole (key, doc) number is sorted. */
    int doc_order = 1;
    for (size_t i = 1; i < n && doc_order; i++)
        doc_order = entries[i - 1].doc <= entries[i].doc;
    if (doc_order && n > 256) {
        S_sort_by_key(entries, n);
    } else {
        uint64_t *packed = xmalloc((n ? n : 1) * sizeof *packed);
        for (size_t i = 0; i < n; i++)
            packed[i] = (uint64_t)entries[i].key << 32 | entries[i].doc;
        minhash_sort_u64(packed, n);
        for (size_t i = 0; i < n; i++)
            entries[i] = (lsh_entry){(uint32_t)(packed[i] >> 32), (uint32_t)packed[i]};
        free(packed);
    }
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && entries[j].key == entries[i].key)
            j++;
        if (j - i >= 2 && j - i <= max_bucket) {
            for (size_t x = i; x < j; x++)
                for (size_t y = x + 1; y < j; y++)
                    if (entries[x].doc != entries[y].doc) /* sorted: x's < y's */
                        S_add_pair(pairs, npairs, cap, entries[x].doc, entries[y].doc);
        } else if (j - i > max_bucket && large == LSH_LARGE_STAR) {
            for (size_t y = i + 1; y < j; y++) /* the first document with every other */
                if (entries[i].doc != entries[y].doc)
                    S_add_pair(pairs, npairs, cap, entries[i].doc, entries[y].doc);
        }
        i = j;
    }
}
