/* Candidate search: which pairs of documents to align, from LSH over MinHash sketches (word
 * pairs, rare words, names and numbers) and from sentence fingerprints. */
#include "dedup/candidates.h"

#include <stdlib.h>

#include "core/alloc.h"
#include "core/vec.h"
#include "dedup/minhash.h"

/* The most documents a rare word may be in, whatever the input size. The pairs of documents
 * that share a rare word number at most RARE_DF_MAX / 2 per occurrence of one, so candidates
 * grow linearly with the input; a limit of 1% of the documents made them grow with its square
 * (10.7 M candidates for 300k synthetic articles, 6.7x those of 100k). Paraphrase recall on
 * the synthetic streams, 1% / 300 / 1,000 / 2,000: 0.9850 / 0.9803 / 0.9861 / 0.9858 at 300k;
 * 0.9840 / - / 0.9789 / 0.9841 at 1M, where 2,000 costs 4% more time than 1,000. */
#define RARE_DF_MAX 2000

/* The rare-word sketch: 60 bands of 2 rows. The chance that two documents of word-set
 * similarity J share one band or more, 1 - (1 - J^2)^60, is 0.91 at J = 0.2, 0.997 at 0.3,
 * 0.05 at 0.03 (see minhash.h); two bands or more (WORD_MIN_BANDS, from this sketch alone):
 * 0.70 at J = 0.2, 0.976 at 0.3, 0.9996 at 0.4, 0.0014 at 0.03. */
enum { WORD_ROWS = 2, WORD_BANDS = MINHASH_K / WORD_ROWS };

/* The band keys of one word sketch for the documents that have features: a document without
 * any can meet nobody, so it is left out (names and numbers are absent from many texts). */
typedef struct word_keys {
    VEC(uint32_t) docs;             /* ascending */
    VEC(uint32_t) keys[WORD_BANDS]; /* keys[b]: band b's key of each listed document */
} word_keys;

static void S_word_keys(word_keys *w, const u64vec *feats, uint32_t d)
{
    if (!feats->len)
        return;
    uint32_t sk[MINHASH_K];
    minhash_sketch(feats->items, feats->len, sk);
    uint32_t keys[WORD_BANDS];
    minhash_bands_rows(sk, WORD_ROWS, keys);
    VEC_PUSH(&w->docs, d);
    for (int b = 0; b < WORD_BANDS; b++)
        VEC_PUSH(&w->keys[b], keys[b]);
}

/* Adds the pairs that share a band of the word sketches in w, once per band they share, and
 * frees w. */
static void S_band_pairs(word_keys *w, lsh_entry *e, uint64_t **pairs, size_t *n, size_t *cap)
{
    size_t nd = w->docs.len;
    for (int b = 0; b < WORD_BANDS; b++) {
        for (size_t i = 0; i < nd; i++)
            e[i] = (lsh_entry){w->keys[b].items[i], w->docs.items[i]};
        lsh_pairs(e, nd, LSH_MAX_BUCKET, LSH_LARGE_SKIP, pairs, n, cap);
        VEC_FREE(&w->keys[b]);
    }
    VEC_FREE(&w->docs);
}

/* A pair is a word-sketch candidate when it shares at least this many bands of the rare-word
 * and name sketches together. One shared band of 2 rows is weak evidence (see WORD_ROWS): with
 * one enough, on 300k newswire-length articles in events, these sketches gave 99% of the
 * candidates (18.7 M) and half of the pairs aligned, for 257 of the 74,941 relations. The
 * relations that need the one band are almost all between two documents related to a third
 * (a paraphrase and an excerpt of one story, whose rare words overlap by little more than the
 * excerpt's share of the story), which S_complete_groups finds: on the first 300k articles of
 * the synthetic streams, all 46 such relations in events, all 296 of newswire-length articles,
 * 488 of 493 of short ones (bench/results/dedup.md, session 9). */
#define WORD_MIN_BANDS 2

/* Appends to pairs those of wp[0..wn) (one entry per shared band, any order) that appear at
 * least WORD_MIN_BANDS times, and to weak (when not NULL) the others, ascending. Sorts wp. */
static void S_keep_repeated(uint64_t *wp, size_t wn, uint64_t **pairs, size_t *n, size_t *cap,
                            u64vec *weak)
{
    if (wn)
        minhash_sort_u64(wp, wn);
    for (size_t k = 0, j; k < wn; k = j) {
        for (j = k + 1; j < wn && wp[j] == wp[k]; j++)
            ;
        if (j - k >= WORD_MIN_BANDS) {
            *pairs = xgrow(*pairs, sizeof **pairs, cap, *n + 1);
            (*pairs)[(*n)++] = wp[k];
        } else if (weak) {
            VEC_PUSH(weak, wp[k]);
        }
    }
}

/* Sorts v[0..n) and drops repeats; returns how many are left. */
static size_t S_sort_unique_u64(uint64_t *v, size_t n)
{
    minhash_sort_u64(v, n); /* n < 2: nothing to do, v may be NULL */
    size_t w = 0;
    for (size_t k = 0; k < n; k++)
        if (!w || v[k] != v[w - 1])
            v[w++] = v[k];
    return w;
}

/* Sentences of at least this many stems are fingerprinted (their hash, x->shash): copies and
 * excerpts repeat whole sentences, and documents sharing one become candidates. */
#define FINGERPRINT_STEMS 3

uint64_t *dedup_candidates(const dedup_index *x, size_t *npairs, u64vec *weak)
{
    size_t nd = dedup_index_count(x), n = 0, cap = 0, nfp = 0;
    const uint32_t *ss = x->sstart.items, *first_sent = x->dfirst.items;
    size_t nsent = x->sstart.len - 1;
    for (size_t s = 0; s < nsent; s++)
        nfp += ss[s + 1] - ss[s] >= FINGERPRINT_STEMS;
    uint64_t *pairs = NULL;
    lsh_entry *e = xmalloc((nd > nfp ? nd : nfp) * sizeof *e + 1);
    for (int b = 0; b < MINHASH_BANDS; b++) {
        for (size_t d = 0; d < nd; d++)
            e[d] = (lsh_entry){x->bands[b].items[d], (uint32_t)d};
        lsh_pairs(e, nd, LSH_MAX_BUCKET, LSH_LARGE_STAR, &pairs, &n, &cap);
        if (n > 4 * nd + 1024) /* keep the candidate list compact as it grows */
            n = S_sort_unique_u64(pairs, n);
    }
    /* Paraphrases keep about half of their words and swap the rest for synonyms: a set of
     * words, order ignored. Against a million documents an unweighted word set is hopeless
     * (unrelated news shares its frequent words: J ~ 0.04, while a spun copy can fall to 0.2),
     * so this sketch keeps only words that are rare in the input (in at most 1% of the
     * documents, at least 8 and at most RARE_DF_MAX), folded by synonym: unrelated documents
     * then share almost nothing and spun copies keep most of their overlap. Computed here, once
     * the document frequencies are known, from the stems the index keeps anyway. */
    uint32_t *df = xcalloc(x->stems.count + 1, sizeof *df);
    for (size_t k = 0; k < x->dstems.len; k++)
        df[x->dstems.items[k]]++;
    size_t limit = nd / 100 > 8 ? nd / 100 : 8;
    if (limit > RARE_DF_MAX)
        limit = RARE_DF_MAX;
    /* A second word sketch over the names and numbers alone (stems capitalized or numeric in
     * most of their occurrences after a sentence's first word): spinning and translation
     * change words, not names and figures, so a copy reworded so heavily that few of its
     * other rare words survive still shares them. */
    word_keys rare_keys = {0}, name_keys = {0};
    u64vec feats = {0}, names = {0};
    for (uint32_t d = 0; d < nd; d++) {
        size_t m;
        const uint32_t *v = dedup_doc_stems(x, d, &m);
        feats.len = names.len = 0;
        for (size_t k = 0; k < m; k++) {
            uint32_t st = v[k];
            if (df[st] > limit)
                continue;
            VEC_PUSH(&feats, minhash_mix((uint64_t)x->use.items[st].rep + 0x5eedULL));
            if (2 * x->use.items[st].named > x->use.items[st].seen)
                VEC_PUSH(&names, minhash_mix((uint64_t)st + 0x4a3eULL));
        }
        S_word_keys(&rare_keys, &feats, d);
        S_word_keys(&name_keys, &names, d);
    }
    VEC_FREE(&feats);
    VEC_FREE(&names);
    free(df);
    uint64_t *wp = NULL;
    size_t wn = 0, wcap = 0;
    S_band_pairs(&rare_keys, e, &wp, &wn, &wcap);
    S_band_pairs(&name_keys, e, &wp, &wn, &wcap);
    S_keep_repeated(wp, wn, &pairs, &n, &cap, weak);
    free(wp);
    size_t at = 0;
    for (uint32_t d = 0; d < nd; d++)
        for (uint32_t s = first_sent[d]; s < first_sent[d + 1]; s++)
            if (ss[s + 1] - ss[s] >= FINGERPRINT_STEMS)
                e[at++] = (lsh_entry){x->shash.items[s], d};
    lsh_pairs(e, nfp, LSH_MAX_BUCKET, LSH_LARGE_STAR, &pairs, &n, &cap);
    free(e);
    size_t w = S_sort_unique_u64(pairs, n);
    *npairs = w;
    if (weak) { /* both ascending: drop the weak pairs that are candidates anyway */
        size_t kept = 0;
        for (size_t k = 0, c = 0; k < weak->len; k++) {
            while (c < w && pairs[c] < weak->items[k])
                c++;
            if (c == w || pairs[c] != weak->items[k])
                weak->items[kept++] = weak->items[k];
        }
        weak->len = kept;
    }
    return pairs;
}
