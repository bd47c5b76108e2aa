#include "dedup/minhash.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* Hash function i is h -> high 32 bits of (h * A_i + B_i) mod 2^64 over an already mixed h:
 * multiply-shift hashing, independent enough for MinHash. A_i (odd) and B_i come from a fixed
 * splitmix64 sequence, so sketches are stable across runs and machines.
 *
 * The sketch is most of the instructions of `chorus dedup` (K hash functions per feature), so
 * the 64-bit product is computed from 32-bit halves, which vectorizes (8 lanes with AVX2):
 * with h = hh 2^32 + hl, A = ah 2^32 + al, B = bh 2^32 + bl, the high half of h A + B mod 2^64
 * is hi32(hl al + bl) + hh al + hl ah + bh mod 2^32 (hl al + bl < 2^64: no carry is lost).
 * Same values as the 64-bit formula, tested in test_dedup. */
typedef struct mh_params {
    uint32_t al[MINHASH_K], ah[MINHASH_K], bl[MINHASH_K], bh[MINHASH_K];
} mh_params;

static uint64_t S_splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void S_params(mh_params *p)
{
    uint64_t s = 0x63686f7275730001ULL; /* "chorus" */
    for (int i = 0; i < MINHASH_K; i++) {
        uint64_t a = S_splitmix(&s) | 1, b = S_splitmix(&s);
        p->al[i] = (uint32_t)a, p->ah[i] = (uint32_t)(a >> 32);
        p->bl[i] = (uint32_t)b, p->bh[i] = (uint32_t)(b >> 32);
    }
}

void minhash_params(int i, uint64_t *a, uint64_t *b)
{
    mh_params p;
    S_params(&p);
    *a = (uint64_t)p.ah[i] << 32 | p.al[i];
    *b = (uint64_t)p.bh[i] << 32 | p.bl[i];
}

/* Compiled for AVX2 too where the compiler can pick the variant at load time (GCC on x86-64). */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define MINHASH_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define MINHASH_CLONES
#endif

MINHASH_CLONES
void minhash_sketch(const uint64_t *features, size_t n, uint32_t sketch[MINHASH_K])
{
    mh_params p;
    S_params(&p); /* 240 splitmix steps: negligible next to n * K multiplications */
    for (int i = 0; i < MINHASH_K; i++)
        sketch[i] = UINT32_MAX;
    for (size_t j = 0; j < n; j++) {
        uint32_t hl = (uint32_t)features[j], hh = (uint32_t)(features[j] >> 32);
        for (int i = 0; i < MINHASH_K; i++) {
            uint64_t lo = (uint64_t)hl * p.al[i] + p.bl[i];
            uint32_t v = (uint32_t)(lo >> 32) + hh * p.al[i] + hl * p.ah[i] + p.bh[i];
            sketch[i] = v < sketch[i] ? v : sketch[i];
        }
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
        size_t sum = 0;
        for (int k = 0; k < 256; k++) {
            size_t c = count[b][k];
            count[b][k] = sum;
            sum += c;
        }
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

void lsh_pairs(lsh_entry *entries, size_t n, size_t max_bucket, uint64_t **pairs, size_t *npairs,
               size_t *cap)
{
    /* Sorted by (key, doc), as one 64-bit number each. */
    uint64_t *packed = xmalloc((n ? n : 1) * sizeof *packed);
    for (size_t i = 0; i < n; i++)
        packed[i] = (uint64_t)entries[i].key << 32 | entries[i].doc;
    minhash_sort_u64(packed, n);
    for (size_t i = 0; i < n; i++)
        entries[i] = (lsh_entry){(uint32_t)(packed[i] >> 32), (uint32_t)packed[i]};
    free(packed);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && entries[j].key == entries[i].key)
            j++;
        if (j - i >= 2 && j - i <= max_bucket) {
            for (size_t x = i; x < j; x++)
                for (size_t y = x + 1; y < j; y++) {
                    uint32_t a = entries[x].doc, b = entries[y].doc;
                    if (a == b)
                        continue;
                    *pairs = xgrow(*pairs, sizeof **pairs, cap, *npairs + 1);
                    (*pairs)[(*npairs)++] = (uint64_t)a << 32 | b; /* sorted: a < b */
                }
        }
        i = j;
    }
}
