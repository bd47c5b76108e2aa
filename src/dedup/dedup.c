#include "dedup/dedup.h"
#include "dedup/bounds.h"
#include "dedup/candidates.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/alloc.h"
#include "core/vec.h"
#include "core/strtab.h"
#include "core/unionfind.h"
#include "dedup/minhash.h"
#include "dedup/similar.h"
#include "dedup/synonyms.h"

static void S_sig_add(syn_sig *s, uint32_t id)
{
    uint64_t h = id * 0x9e3779b97f4a7c15ull;
    s->w[h >> 62] |= 1ull << ((h >> 56) & 63);
}

static int S_sig_meet(const syn_sig *a, const syn_sig *b)
{
    return ((a->w[0] & b->w[0]) | (a->w[1] & b->w[1]) | (a->w[2] & b->w[2]) | (a->w[3] & b->w[3])) != 0;
}

/* A uint32 sort without qsort's indirect calls: the arrays are short (a sentence's stems, a
 * stem's synset ids or synonym stems) and sorted millions of times, where qsort took a fifth
 * of the run time. */
static void S_sort_u32(uint32_t *v, size_t n)
{
    while (n > 16) {
        uint32_t a = v[0], b = v[n / 2], c = v[n - 1];
        uint32_t piv = a < b ? (b < c ? b : (a < c ? c : a)) : (a < c ? a : (b < c ? c : b));
        size_t i = 0, j = n - 1;
        for (;;) {
            while (v[i] < piv)
                i++;
            while (v[j] > piv)
                j--;
            if (i >= j)
                break;
            uint32_t t = v[i];
            v[i] = v[j], v[j] = t;
            i++, j--;
        }
        /* Recurse into the smaller side, loop on the larger: O(log n) stack. */
        size_t left = j + 1;
        if (left < n - left) {
            S_sort_u32(v, left);
            v += left, n -= left;
        } else {
            S_sort_u32(v + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        while (j > 0 && v[j - 1] > x)
            v[j] = v[j - 1], j--;
        v[j] = x;
    }
}

size_t dedup_sort_unique(uint32_t *v, size_t n)
{
    if (n < 2)
        return n;
    S_sort_u32(v, n);
    size_t w = 1;
    for (size_t k = 1; k < n; k++)
        if (v[k] != v[w - 1])
            v[w++] = v[k];
    return w;
}

dedup_index *dedup_index_new(int keep_meta)
{
    dedup_index *ix = xcalloc(1, sizeof *ix);
    ix->keep_meta = keep_meta;
    ix->bound_keys = ALIGN_BOUND_KEYS;
    strtab_init(&ix->stems);
    arena_init(&ix->mem);
    VEC_PUSH(&ix->syn_start, 0);
    VEC_PUSH(&ix->sstart, 0);
    VEC_PUSH(&ix->dfirst, 0);
    VEC_PUSH(&ix->dstart, 0);
    VEC_RESERVE(&ix->dstems, 1); /* never NULL: S_doc_stems offsets it */
    return ix;
}

void dedup_index_free(dedup_index *ix)
{
    if (!ix)
        return;
    strtab_free(&ix->stems);
    VEC_FREE(&ix->syn_start);
    VEC_FREE(&ix->syn);
    VEC_FREE(&ix->use);
    VEC_FREE(&ix->synsig);
    VEC_FREE(&ix->has_syn);
    VEC_FREE(&ix->sstart);
    VEC_FREE(&ix->sstems);
    VEC_FREE(&ix->shash);
    VEC_FREE(&ix->sorted);
    VEC_FREE(&ix->dfirst);
    VEC_FREE(&ix->dstart);
    VEC_FREE(&ix->dstems);
    for (int b = 0; b < MINHASH_BANDS; b++)
        VEC_FREE(&ix->bands[b]);
    VEC_FREE(&ix->meta);
    VEC_FREE(&ix->folded);
    VEC_FREE(&ix->feats);
    arena_free(&ix->mem);
    free(ix);
}

size_t dedup_index_count(const dedup_index *ix) { return ix->dfirst.len - 1; }

void dedup_index_set_bound_keys(dedup_index *ix, uint32_t keys) { ix->bound_keys = keys; }

const dedup_doc_meta *dedup_index_meta(const dedup_index *ix, uint32_t doc)
{
    return ix->keep_meta && doc < ix->meta.len ? &ix->meta.items[doc] : NULL;
}

/* The global id of a stem, adding it with the synonyms of the word it was first seen with (in
 * document order, so that batches and a whole corpus agree). */
static uint32_t S_stem_id(dedup_index *ix, const chorus_corpus *c, const token *tk)
{
    const char *st = strtab_get(&c->stems, tk->stem);
    size_t before = ix->stems.count;
    uint32_t g = strtab_intern(&ix->stems, st, c->stems.lengths[tk->stem]);
    if (ix->stems.count == before)
        return g;
    uint32_t ids[4 * SYN_SENSES], rep;
    size_t n = synonyms_lookup(strtab_get(&c->terms, tk->term), c->terms.lengths[tk->term], ids,
                               4 * SYN_SENSES, &rep);
    n = dedup_sort_unique(ids, n);
    syn_sig sig = {{0, 0, 0, 0}};
    for (size_t k = 0; k < n; k++) {
        VEC_PUSH(&ix->syn, ids[k]);
        S_sig_add(&sig, ids[k]);
    }
    VEC_PUSH(&ix->synsig, sig);
    VEC_PUSH(&ix->has_syn, n > 0);
    VEC_PUSH(&ix->syn_start, (uint32_t)ix->syn.len);
    /* Synonym folding for the sketches: a word and a synonym sharing its first sense hash alike. */
    VEC_PUSH(&ix->use, ((stem_use){0, 0, 0, rep != UINT32_MAX ? rep | 0x80000000u : g}));
    return g;
}

void dedup_stem_map_free(dedup_stem_map *m)
{
    free(m->ids);
    m->ids = NULL;
    m->n = 0;
}

void dedup_index_add(dedup_index *ix, const chorus_corpus *c)
{
    dedup_stem_map m = {0};
    dedup_index_add_batch(ix, c, &m);
    dedup_stem_map_free(&m);
}

void dedup_index_add_document(dedup_index *ix, const chorus_corpus *c, uint32_t d,
                              dedup_stem_map *sm)
{
    size_t nstems = c->stems.count;
    if (nstems >= sm->n) {
        sm->ids = xrealloc(sm->ids, (nstems + 1) * sizeof *sm->ids);
        for (size_t i = sm->n; i <= nstems; i++)
            sm->ids[i] = UINT32_MAX;
        sm->n = nstems + 1;
    }
    uint32_t *map = sm->ids;
    const document *doc = &c->docs.items[d];
    /* The stamp of a stem last met before this document's first sentence (see stem_use). */
    uint32_t doc_stamp = (uint32_t)(ix->sstart.len - 1);
    uint32_t docno = (uint32_t)(ix->dfirst.len - 1);
    ix->feats.len = 0;
    for (uint32_t i = 0; i < doc->nsentences; i++) {
        const sentence *s = corpus_sentence(c, doc->first_sentence + i);
        const token *t = sentence_tokens(c, s);
        size_t first = ix->sstems.len;
        uint32_t sentno = (uint32_t)(ix->sstart.len - 1);
        uint64_t h = 0;
        ix->folded.len = 0;
        /* Room for every token, so that the loop appends without checking. */
        VEC_RESERVE(&ix->sstems, s->ntokens);
        VEC_RESERVE(&ix->dstems, s->ntokens);
        VEC_RESERVE(&ix->folded, s->ntokens);
        VEC_RESERVE(&ix->feats, s->ntokens + 1);
        for (uint32_t k = 0; k < s->ntokens; k++) {
            if (!(t[k].flags & TOK_WORD) || (t[k].flags & TOK_STOP))
                continue;
            if (map[t[k].stem] == UINT32_MAX)
                map[t[k].stem] = S_stem_id(ix, c, &t[k]);
            uint32_t g = map[t[k].stem];
            stem_use *u = &ix->use.items[g];
            if (k > 0) { /* the first word is capitalized whatever it is */
                u->seen++;
                u->named += (t[k].flags & (TOK_CAP | TOK_NUM)) != 0;
            }
            /* First in this document: written either way, kept by the count, without a
             * branch (whether a word repeats is a coin toss to branch prediction). */
            ix->dstems.items[ix->dstems.len] = g;
            ix->dstems.len += u->sent <= doc_stamp;
            if (u->sent != sentno + 1) { /* first in this sentence */
                u->sent = sentno + 1;
                ix->sstems.items[ix->sstems.len++] = g;
                h += minhash_mix((uint64_t)g + 0x5e17);
            }
            ix->folded.items[ix->folded.len++] = u->rep;
        }
        /* The stems are distinct but in text order: S_sorted_stems sorts those of the
         * sentences that are compared. Their hash is a sum, so it is the set's: sentence
         * fingerprints (dedup_candidates) and identical matches (S_align). */
        if (sentno % 64 == 0)
            VEC_PUSH(&ix->sorted, 0);
        VEC_PUSH(&ix->sstart, (uint32_t)ix->sstems.len);
        VEC_PUSH(&ix->shash, ix->sstems.len > first ? (uint32_t)(h >> 32) | 1u : 0);
        /* Features: synonym-folded word pairs in sentence order (a lone word when the
         * sentence has one), so word order within a clause matters but sentence order and
         * synonym choice do not. */
        for (size_t k = 0; k + 1 < ix->folded.len || (k == 0 && ix->folded.len == 1); k++) {
            uint64_t a = ix->folded.items[k];
            uint64_t b = k + 1 < ix->folded.len ? ix->folded.items[k + 1] : ~0u;
            ix->feats.items[ix->feats.len++] = minhash_mix(a << 32 | b);
        }
    }
    VEC_PUSH(&ix->dfirst, (uint32_t)(ix->sstart.len - 1));
    VEC_PUSH(&ix->dstart, (uint32_t)ix->dstems.len);
    uint32_t sk[MINHASH_K], keys[MINHASH_BANDS];
    minhash_sketch(ix->feats.items, ix->feats.len, sk);
    minhash_bands(sk, keys);
    for (int b = 0; b < MINHASH_BANDS; b++)
        VEC_PUSH(&ix->bands[b],
                 ix->feats.len ? keys[b] : (uint32_t)(docno * 2654435761u + (uint32_t)b));
    if (ix->keep_meta) {
        dedup_doc_meta m = {arena_strdup(&ix->mem, doc->origin), arena_strdup(&ix->mem, doc->id),
                            arena_strdup(&ix->mem, doc->title), arena_strdup(&ix->mem, doc->source)};
        VEC_PUSH(&ix->meta, m);
    }
}

void dedup_index_add_batch(dedup_index *ix, const chorus_corpus *c, dedup_stem_map *sm)
{
    for (size_t d = 0; d < c->docs.len; d++)
        dedup_index_add_document(ix, c, (uint32_t)d, sm);
}

static int S_synonyms(const dedup_index *x, uint32_t a, uint32_t b)
{
    const uint32_t *sy = x->syn.items, *st = x->syn_start.items;
    const uint32_t *p = sy + st[a], *pe = sy + st[a + 1];
    const uint32_t *q = sy + st[b], *qe = sy + st[b + 1];
    while (p < pe && q < qe) {
        if (*p == *q)
            return 1;
        if (*p < *q)
            p++;
        else
            q++;
    }
    return 0;
}

/* The stems of sentence s, sorted. Sorted the first time they are needed, by the sentence
 * comparisons: most sentences never are (their documents have no candidate pair left after
 * the prefilter, or the bounds rule their pairs out), and sorting every sentence as it was
 * added was a twentieth of a run over newswire-length articles. */
static const uint32_t *S_sorted_stems(dedup_index *x, uint32_t s)
{
    const uint32_t *ss = x->sstart.items;
    uint64_t bit = 1ull << (s % 64);
    if (!(x->sorted.items[s / 64] & bit)) {
        x->sorted.items[s / 64] |= bit;
        S_sort_u32(x->sstems.items + ss[s], ss[s + 1] - ss[s]);
    }
    return x->sstems.items + ss[s];
}

/* Similarity of two sentences, word order ignored: exact stem matches, and (para) synonym
 * matches among the stems left over. Both are |matched| / sqrt(|A| |B|).
 *
 * The caller only compares the results with thresholds, so work that cannot move a result
 * across one is skipped (every bound below is exact, the relations are unchanged):
 *   - need_e: 0 when exact is not needed (both sides already have an exact match); then
 *     *exact may be returned as 0 when the pair cannot matter at all;
 *   - p_lo, p_hi: *para matters only against thresholds in [p_lo, p_hi] (p_lo > p_hi: not
 *     at all). Synonym matching is skipped when even a synonym for every left-over stem stays
 *     below p_lo, or the exact matches already reach p_hi, and stops as soon as p_hi is
 *     reached; *para is then a value on the same side of every threshold in [p_lo, p_hi].
 * Stems without any synset cannot match a synonym and are left out of the quadratic loop. */
static void S_sentence_sim(dedup_index *x, uint32_t a, uint32_t b, int need_e, double p_lo,
                           double p_hi, double *exact, double *para)
{
    const uint32_t *ss = x->sstart.items;
    size_t nx = ss[a + 1] - ss[a], ny = ss[b + 1] - ss[b];
    *exact = *para = 0;
    if (!nx || !ny)
        return;
    double norm = sqrt((double)nx * (double)ny);
    /* Length ratio: neither similarity can exceed min(nx, ny) / norm. */
    double cap = (double)(nx < ny ? nx : ny) / norm;
    int want_p = p_lo <= p_hi && cap >= p_lo;
    if (!want_p && (!need_e || cap < DEDUP_SENT_EXACT))
        return;
    const uint32_t *xs = S_sorted_stems(x, a), *xe = xs + nx;
    const uint32_t *ys = S_sorted_stems(x, b), *ye = ys + ny;
    const syn_sig *sg = x->synsig.items;
    const uint8_t *has_syn = x->has_syn.items;
    /* Left-over stems as the first 256 of each side would be, without those that have no
     * synset. */
    uint32_t left_x[256], left_y[256];
    size_t lx = 0, ly = 0, ux = 0, uy = 0, common = 0;
    const uint32_t *p = xs, *q = ys;
    while (p < xe || q < ye) {
        if (p < xe && q < ye && *p == *q) {
            common++, p++, q++;
        } else if (q >= ye || (p < xe && *p < *q)) {
            if (ux++ < 256 && has_syn[*p])
                left_x[lx++] = *p;
            p++;
        } else {
            if (uy++ < 256 && has_syn[*q])
                left_y[ly++] = *q;
            q++;
        }
    }
    *exact = (double)common / norm;
    *para = *exact;
    if (!want_p || *exact >= p_hi || (double)(common + (lx < ly ? lx : ly)) / norm < p_lo)
        return;
    size_t syn = 0;
    uint8_t used[256] = {0};
    syn_sig any_y = {{0, 0, 0, 0}};
    for (size_t j = 0; j < ly; j++)
        for (int w = 0; w < 4; w++)
            any_y.w[w] |= sg[left_y[j]].w[w];
    for (size_t i = 0; i < lx; i++) {
        const syn_sig *si = &sg[left_x[i]];
        if (!S_sig_meet(si, &any_y))
            continue;
        for (size_t j = 0; j < ly; j++)
            if (!used[j] && S_sig_meet(si, &sg[left_y[j]]) && S_synonyms(x, left_x[i], left_y[j])) {
                used[j] = 1;
                syn++;
                if ((double)(common + syn) / norm >= p_hi) {
                    *para = (double)(common + syn) / norm;
                    return;
                }
                break;
            }
    }
    *para = (double)(common + syn) / norm;
}

/* Sentence t has exactly the stems of sentence s, of which there are n (their hashes are
 * equal: the caller checked). */
static int S_same_stems(dedup_index *x, uint32_t s, uint32_t t, uint32_t n)
{
    const uint32_t *ss = x->sstart.items;
    return ss[t + 1] - ss[t] == n &&
           memcmp(S_sorted_stems(x, s), S_sorted_stems(x, t), n * sizeof(uint32_t)) == 0;
}

/* Sets best_a[i] and best_b[j] to 1 for the sentences of [a0, a0 + na) and [b0, b0 + nb)
 * that have a sentence with exactly the same (non-empty) stems on the other side: equal
 * hashes (kept in the index: hashing both sides for every pair was a few percent of a run),
 * then equal lists. */
static void S_match_identical(dedup_index *x, uint32_t a0, uint32_t na, uint32_t b0, uint32_t nb,
                              double *best_a, double *best_b)
{
    const uint32_t *ss = x->sstart.items, *sh = x->shash.items;
    for (uint32_t i = 0; i < na; i++) {
        uint32_t s = a0 + i, n = ss[s + 1] - ss[s];
        if (!n)
            continue;
        /* The sentences of b with the same hash, four hashes at a time where SSE2 is (every
         * sentence of a against every one of b: most of aligning unrelated documents, which
         * have none), then their stems. */
        uint32_t j = 0;
#ifdef __SSE2__
        __m128i want = _mm_set1_epi32((int)sh[s]);
        for (; j + 4 <= nb; j += 4) {
            __m128i got = _mm_loadu_si128((const __m128i *)(sh + b0 + j));
            unsigned m = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(got, want)));
            for (; m; m &= m - 1) {
                uint32_t u = j + (uint32_t)__builtin_ctz(m);
                if (S_same_stems(x, s, b0 + u, n))
                    best_a[i] = best_b[u] = 1.0;
            }
        }
#endif
        for (; j < nb; j++)
            if (sh[b0 + j] == sh[s] && S_same_stems(x, s, b0 + j, n))
                best_a[i] = best_b[j] = 1.0;
    }
}

static void S_raise(double *best, double v)
{
    if (v > *best)
        *best = v;
}

/* Aligns every sentence of each document with its best match in the other (any order). For
 * sentence groups, pairs at SIMILAR_SAME or more are reported through link. */
static void S_align(dedup_index *x, align_scratch *sc, uint32_t da, uint32_t db,
                    int swapped, dedup_coverage *ca, dedup_coverage *cb, uint32_t *uf)
{
    const uint32_t *df = x->dfirst.items, *ss = x->sstart.items;
    uint32_t a0 = df[da], na = df[da + 1] - a0, b0 = df[db], nb = df[db + 1] - b0;
    /* The best exact and reworded similarity found so far for each sentence of either side. */
    double *bx_a = xcalloc(na ? na : 1, sizeof *bx_a), *bp_a = xcalloc(na ? na : 1, sizeof *bp_a);
    double *bx_b = xcalloc(nb ? nb : 1, sizeof *bx_b), *bp_b = xcalloc(nb ? nb : 1, sizeof *bp_b);
    /* Bounds that skip the sentence pairs that cannot match (S_bounds); not for documents so
     * long that their tables would be large: every pair is then compared. */
    int small = (uint64_t)na * nb <= ALIGN_BOUND_MAX &&
                (swapped ? nb : na) <= ALIGN_BOUND_SENTENCES &&
                ss[a0 + na] - ss[a0] <= ALIGN_BOUND_STEMS &&
                ss[b0 + nb] - ss[b0] <= ALIGN_BOUND_STEMS;
    pair_bounds bounds = {small ? sc : NULL, 0, swapped, a0, na, b0, nb};
    if (!uf) {
        /* Sentences with the same stems on both sides (copies repeat whole sentences) have
         * similarity 1 whatever else is compared: match them first, so that a pair of copies
         * skips the all-pairs comparison below (it only runs where a result can still
         * change). Not with sentence groups, which need every pair at SIMILAR_SAME. */
        S_match_identical(x, a0, na, b0, nb, bx_a, bx_b);
        memcpy(bp_a, bx_a, na * sizeof *bp_a);
        memcpy(bp_b, bx_b, nb * sizeof *bp_b);
        /* A reworded copy keeps its sentences in order: try each sentence against the one at
         * the same relative place first. Once those matches are known, most pairs of the loop
         * below need no synonym matching any more (it is needed only while one side lacks a
         * match), so a spun copy is not compared word by word with every sentence of its
         * source. The loop still compares every pair that could change a result, so the
         * coverages are the same. */
        for (uint32_t i = 0; i < na && nb; i++) {
            uint32_t j = (uint32_t)(((uint64_t)i * nb + na / 2) / na);
            if (j >= nb)
                j = nb - 1;
            int need_e = bx_a[i] < DEDUP_SENT_EXACT || bx_b[j] < DEDUP_SENT_EXACT;
            int need_p = bp_a[i] < DEDUP_SENT_PARA || bp_b[j] < DEDUP_SENT_PARA;
            if (!need_e && !need_p)
                continue;
            if (!bounds_may_reach(&bounds, x, i, j, need_p ? DEDUP_SENT_PARA : DEDUP_SENT_EXACT))
                continue;
            double e, p;
            S_sentence_sim(x, a0 + i, b0 + j, need_e, need_p ? DEDUP_SENT_PARA : 2.0,
                           DEDUP_SENT_PARA, &e, &p);
            S_raise(&bx_a[i], e), S_raise(&bp_a[i], p);
            S_raise(&bx_b[j], e), S_raise(&bp_b[j], p);
        }
    }
    for (uint32_t i = 0; i < na; i++) {
        uint32_t s = a0 + i;
        if (bounds.ready && !sc->live.items[i])
            continue; /* no pair of it reaches the lowest threshold (S_live) */
        for (uint32_t j = 0; j < nb; j++) {
            uint32_t t = b0 + j;
            /* Every threshold below is DEDUP_SENT_PARA or higher. */
            if (bounds.ready && !bounds_may_para(&bounds, i, j))
                continue;
            /* Which results can still change anything (see S_sentence_sim). */
            int need_e = bx_a[i] < DEDUP_SENT_EXACT || bx_b[j] < DEDUP_SENT_EXACT;
            int need_p = bp_a[i] < DEDUP_SENT_PARA || bp_b[j] < DEDUP_SENT_PARA;
            double p_lo = need_p ? DEDUP_SENT_PARA : uf ? SIMILAR_SAME : 2.0; /* 2: none */
            double p_hi = uf ? SIMILAR_SAME : DEDUP_SENT_PARA;
            if (!need_e && p_lo > p_hi)
                continue;
            /* Below the lowest threshold that matters, neither value changes anything
             * (S_raise keeps values that are only compared with these thresholds). */
            if (!bounds_may_reach(&bounds, x, i, j,
                             need_e && DEDUP_SENT_EXACT < p_lo ? DEDUP_SENT_EXACT : p_lo))
                continue;
            double e, p;
            S_sentence_sim(x, s, t, need_e, p_lo, p_hi, &e, &p);
            S_raise(&bx_a[i], e), S_raise(&bp_a[i], p);
            S_raise(&bx_b[j], e), S_raise(&bp_b[j], p);
            if (uf && p >= SIMILAR_SAME)
                uf_union_min(uf, s, t);
        }
    }
    /* Coverage: the share of a side's content words in sentences with a match. */
    double wa = 0, ea = 0, pa = 0, wb = 0, eb = 0, pb = 0;
    for (uint32_t i = 0; i < na; i++) {
        double w = (double)(ss[a0 + i + 1] - ss[a0 + i]);
        wa += w;
        ea += bx_a[i] >= DEDUP_SENT_EXACT ? w : 0;
        pa += bp_a[i] >= DEDUP_SENT_PARA ? w : 0;
    }
    for (uint32_t j = 0; j < nb; j++) {
        double w = (double)(ss[b0 + j + 1] - ss[b0 + j]);
        wb += w;
        eb += bx_b[j] >= DEDUP_SENT_EXACT ? w : 0;
        pb += bp_b[j] >= DEDUP_SENT_PARA ? w : 0;
    }
    ca->exact = wa > 0 ? ea / wa : 0;
    ca->para = wa > 0 ? pa / wa : 0;
    cb->exact = wb > 0 ? eb / wb : 0;
    cb->para = wb > 0 ? pb / wb : 0;
    free(bx_a);
    free(bp_a);
    free(bx_b);
    free(bp_b);
}

/* The relation of a pair from the two coverages. */
dedup_relation dedup_decide(dedup_coverage ca, dedup_coverage cb, int *a_inside, double *score)
{
    *a_inside = 1;
    if (ca.exact >= DEDUP_DOC_DUPLICATE && cb.exact >= DEDUP_DOC_DUPLICATE) {
        *score = ca.exact < cb.exact ? ca.exact : cb.exact;
        return DEDUP_DUPLICATE;
    }
    /* Containment is asymmetric: the excerpt is inside, the other is not. Two texts that each
     * cover the other alike (reworded throughout, so their verbatim sentences are as many on
     * both sides) are versions of one text, not an excerpt and its source. */
    double e_in = ca.exact >= cb.exact ? ca.exact : cb.exact;
    double e_out = ca.exact >= cb.exact ? cb.exact : ca.exact;
    int symmetric = ca.para >= DEDUP_DOC_VERSION && cb.para >= DEDUP_DOC_VERSION &&
                    e_in - e_out < DEDUP_DOC_ASYMMETRY;
    if (e_in >= DEDUP_DOC_CONTAINED && !symmetric) {
        *a_inside = ca.exact >= cb.exact;
        *score = e_in;
        return DEDUP_CONTAINED;
    }
    double p = ca.para > cb.para ? ca.para : cb.para;
    if (p >= DEDUP_DOC_PARAPHRASE) {
        *score = p;
        return DEDUP_PARAPHRASE;
    }
    *score = 0;
    return DEDUP_NONE;
}

/* A pair whose shorter side shares less than this share of its stems with the other cannot
 * reach any coverage threshold in practice. */
#define PREFILTER_MIN 0.3

static int S_cmp_pair(const void *pa, const void *pb)
{
    const dedup_pair *x = pa, *y = pb;
    uint32_t x0 = x->a < x->b ? x->a : x->b, x1 = x->a < x->b ? x->b : x->a;
    uint32_t y0 = y->a < y->b ? y->a : y->b, y1 = y->a < y->b ? y->b : y->a;
    if (x0 != y0)
        return x0 < y0 ? -1 : 1;
    return x1 < y1 ? -1 : x1 > y1;
}

/* The distinct stems of one document as a byte per stem of the index (1: the document has
 * it): the first side of the prefilter, set once for its run of candidate pairs. Each stem of
 * the other document is then one load and one add, in a table that stays in the processor's
 * caches, where merging the two sorted lists took a compare-and-advance step per four stems of
 * either side (on 300k newswire-length articles in events, the prefilter had 24% of a run's
 * perf samples merging, 6% with a bit per stem; a byte per stem takes half the instructions of
 * a bit's shift and mask). */
typedef struct stem_set {
    uint8_t *has;
    uint32_t doc; /* whose stems are set (UINT32_MAX: none) */
} stem_set;

static void S_set_init(stem_set *set, const dedup_index *x)
{
    set->has = xcalloc(x->stems.count + 1, 1);
    set->doc = UINT32_MAX;
}

/* Makes the set hold document d's stems. */
static void S_set_load(stem_set *set, const dedup_index *x, uint32_t d)
{
    if (set->doc == d)
        return;
    if (set->doc != UINT32_MAX)
        dedup_mark_stems(set->has, x, set->doc, 0);
    dedup_mark_stems(set->has, x, d, 1);
    set->doc = d;
}

/* 0 when documents a and b cannot be related: the share of the shorter side's distinct stems
 * that the other also has is a cheap upper bound of every coverage, so unrelated documents are
 * skipped without aligning. Loads a's stems into set if it does not hold them. */
static int S_prefilter(const dedup_index *x, stem_set *set, uint32_t a, uint32_t b)
{
    size_t na, nb;
    dedup_doc_stems(x, a, &na);
    const uint32_t *v = dedup_doc_stems(x, b, &nb);
    size_t shorter = na <= nb ? na : nb;
    if (!shorter)
        return 0;
    /* The fewest shared stems that pass, computed as the test reads: common / shorter >= min. */
    size_t need = (size_t)(PREFILTER_MIN * (double)shorter);
    while (need > 0 && (double)(need - 1) / (double)shorter >= PREFILTER_MIN)
        need--;
    while ((double)need / (double)shorter < PREFILTER_MIN)
        need++;
    S_set_load(set, x, a);
    const uint8_t *has = set->has;
    size_t common = 0, k = 0;
    /* Blocks of 16 without a branch; between them, stop once the stems left are too few. */
    for (; k + 16 <= nb && common + (nb - k) >= need; k += 16)
        for (size_t u = k; u < k + 16; u++)
            common += has[v[u]];
    if (k + 16 <= nb) /* stopped early */
        return 0;
    for (; k < nb; k++)
        common += has[v[k]];
    return common >= need;
}

typedef VEC(dedup_pair) pair_vec;

/* Aligns a pair (a < b) that passed the prefilter; appends its relation, if any. swapped: the
 * bounds' lists are b's (see S_relate_candidates). */
static void S_relate(dedup_index *x, align_scratch *sc, uint32_t a, uint32_t b,
                     int swapped, uint32_t *suf, pair_vec *pairs)
{
    dedup_coverage ca, cb;
    S_align(x, sc, a, b, swapped, &ca, &cb, suf);
    int a_inside;
    double score;
    dedup_relation r = dedup_decide(ca, cb, &a_inside, &score);
    if (r == DEDUP_NONE)
        return;
    dedup_pair p = {a_inside ? a : b, a_inside ? b : a, r, score};
    if (r != DEDUP_CONTAINED)
        p.a = a, p.b = b;
    VEC_PUSH(pairs, p);
}

enum { PREFETCH_AHEAD = 8 };

/* Aligns the pairs of cand[0..nc) (a << 32 | b, a < b, distinct) that pass the prefilter and
 * appends their relations to pairs. Reorders cand. */
static void S_relate_candidates(dedup_index *ix, align_scratch *sc, stem_set *set, uint64_t *cand,
                                size_t nc, uint32_t *suf, pair_vec *pairs)
{
    if (!nc) /* cand may be NULL */
        return;
    const dedup_index *x = ix;
    size_t nd = dedup_index_count(x), npass = 0;
    for (size_t k = 0; k < nc; k++) {
        /* The second documents of a run of candidates are anywhere in the index: ask for
         * their stem lists a few pairs ahead (most candidates are rejected on them). */
        if (k + 2 * PREFETCH_AHEAD < nc) /* where the list of a later one starts */
            __builtin_prefetch(&x->dstart.items[(uint32_t)cand[k + 2 * PREFETCH_AHEAD]]);
        if (k + PREFETCH_AHEAD < nc) {
            uint32_t b = (uint32_t)cand[k + PREFETCH_AHEAD];
            const uint32_t *st = x->dstems.items + x->dstart.items[b];
            size_t bytes = (x->dstart.items[b + 1] - x->dstart.items[b]) * sizeof *st;
            for (size_t off = 0; off < bytes && off < 2048; off += 64)
                __builtin_prefetch((const char *)st + off);
        }
        if (S_prefilter(x, set, (uint32_t)(cand[k] >> 32), (uint32_t)cand[k]))
            cand[npass++] = cand[k];
    }
    /* The bounds' lists are made once for a run of pairs with the same first document
     * (S_bounds): make it the one of the two in more pairs, and sort the pairs by it. On
     * 50k newswire-length articles in events, 29% fewer runs than with (a, b) order. */
    uint32_t *npairs_of = xcalloc(nd ? nd : 1, sizeof *npairs_of);
    for (size_t k = 0; k < npass; k++)
        npairs_of[cand[k] >> 32]++, npairs_of[(uint32_t)cand[k]]++;
    for (size_t k = 0; k < npass; k++) {
        uint32_t a = (uint32_t)(cand[k] >> 32), b = (uint32_t)cand[k];
        if (npairs_of[b] > npairs_of[a])
            cand[k] = (uint64_t)b << 32 | a;
    }
    free(npairs_of);
    minhash_sort_u64(cand, npass);
    size_t run = 0, end = 0;
    for (size_t k = 0; k < npass; k++) {
        uint32_t first = (uint32_t)(cand[k] >> 32), second = (uint32_t)cand[k];
        if (k == end) { /* a new run of pairs with this first document */
            bounds_want_run(sc, x, cand + run, end - run, 0);
            run = k;
            while (end < npass && cand[end] >> 32 == first)
                end++;
            bounds_want_run(sc, x, cand + run, end - run, 1);
        }
        if (first < second)
            S_relate(ix, sc, first, second, 0, suf, pairs);
        else
            S_relate(ix, sc, second, first, 1, suf, pairs);
    }
    bounds_want_run(sc, x, cand + run, end - run, 0);
}

static uint64_t S_pair_key(uint32_t a, uint32_t b)
{
    return a < b ? (uint64_t)a << 32 | b : (uint64_t)b << 32 | a;
}

static int S_has_key(const uint64_t *v, size_t n, uint64_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && v[lo] == key;
}

/* The largest group whose pairs are all aligned (S_complete_groups). A group of 128 documents
 * has 8,128 pairs, 63.5 per document: the order of what the LSH buckets of LSH_MAX_BUCKET
 * documents give. A story syndicated to more sites than this keeps the relations its
 * candidates gave (a star, see LSH_MAX_BUCKET): one group all the same. */
#define GROUP_COMPLETE_MAX 128

/* Copies of one text are related to one another, but the candidates can miss the pair: a
 * paraphrase of a story and an excerpt of it share little more of their rare words than the
 * excerpt's share of the story, while each is found with the story itself. So the documents
 * of each group (the components of the relations found) are aligned pair by pair too, for
 * groups of at most GROUP_COMPLETE_MAX documents, until a round finds no new relation. A pair
 * is aligned at most once here. */
static void S_complete_groups(dedup_index *ix, align_scratch *sc, stem_set *set, uint32_t *suf,
                              pair_vec *pairs)
{
    size_t nd = dedup_index_count(ix);
    uint32_t *uf = xmalloc((nd ? nd : 1) * sizeof *uf);
    uint32_t *gstart = xmalloc((nd + 1) * sizeof *gstart);
    uint32_t *member = xmalloc((nd ? nd : 1) * sizeof *member);
    u64vec related = {0}, tried = {0}, fresh = {0};
    for (size_t had = SIZE_MAX; pairs->len != had;) {
        had = pairs->len;
        /* Groups: members listed by root, by counting sort. */
        uf_init(uf, nd);
        related.len = 0;
        for (size_t k = 0; k < pairs->len; k++) {
            uf_union_min(uf, pairs->items[k].a, pairs->items[k].b);
            VEC_PUSH(&related, S_pair_key(pairs->items[k].a, pairs->items[k].b));
        }
        if (related.len)
            minhash_sort_u64(related.items, related.len);
        memset(gstart, 0, (nd + 1) * sizeof *gstart);
        for (uint32_t d = 0; d < nd; d++)
            gstart[uf_find(uf, d) + 1]++;
        for (size_t d = 0; d < nd; d++)
            gstart[d + 1] += gstart[d];
        for (uint32_t d = 0; d < nd; d++) /* gstart[r] ends as where r's members end */
            member[gstart[uf_find(uf, d)]++] = d;
        fresh.len = 0;
        for (uint32_t r = 0, at = 0; r < nd; at = gstart[r], r++) {
            uint32_t size = gstart[r] - at; /* r's members: member[at, gstart[r]) */
            if (size < 3 || size > GROUP_COMPLETE_MAX)
                continue;
            for (uint32_t i = at; i < gstart[r]; i++)
                for (uint32_t j = i + 1; j < gstart[r]; j++) {
                    uint64_t key = S_pair_key(member[i], member[j]);
                    if (!S_has_key(related.items, related.len, key) &&
                        !S_has_key(tried.items, tried.len, key))
                        VEC_PUSH(&fresh, key);
                }
        }
        if (!fresh.len)
            break;
        for (size_t k = 0; k < fresh.len; k++)
            VEC_PUSH(&tried, fresh.items[k]);
        minhash_sort_u64(tried.items, tried.len);
        minhash_sort_u64(fresh.items, fresh.len);
        S_relate_candidates(ix, sc, set, fresh.items, fresh.len, suf, pairs);
    }
    VEC_FREE(&related);
    VEC_FREE(&tried);
    VEC_FREE(&fresh);
    free(uf);
    free(gstart);
    free(member);
}

/* Relations and document groups; sentence unions into suf when not NULL. The candidate pairs
 * are given[0..ngiven) when given is not NULL (then lsh is 1), else LSH's. */
static void S_run(dedup_index *ix, int lsh, const uint64_t *given, size_t ngiven, uint32_t *suf,
                  dedup_result *out)
{
    const dedup_index *x = ix;
    memset(out, 0, sizeof *out);
    size_t nd = dedup_index_count(x);
    if (lsh < 0)
        lsh = nd >= DEDUP_LSH_MIN_DOCS;
    pair_vec pairs = {0};
    align_scratch sc;
    bounds_scratch_init(&sc, x);
    stem_set set; /* pairs come sorted by their first document: its stems are set once */
    S_set_init(&set, x);
    if (lsh) {
        size_t nc = ngiven;
        u64vec weak = {0};
        uint64_t *cand = given ? xmalloc((nc ? nc : 1) * sizeof *cand)
                               : dedup_candidates(x, &nc, suf ? &weak : NULL);
        if (given)
            memcpy(cand, given, nc * sizeof *cand);
        S_relate_candidates(ix, &sc, &set, cand, nc, suf, &pairs);
        free(cand);
        S_complete_groups(ix, &sc, &set, suf, &pairs);
        /* Sentence groups want every pair that may share sentences, copies or not: the weak
         * pairs are aligned for them, their relations left out, so that the relations are
         * those of the streaming path (no sentence groups). */
        pair_vec unused = {0};
        S_relate_candidates(ix, &sc, &set, weak.items, weak.len, suf, &unused);
        VEC_FREE(&unused);
        VEC_FREE(&weak);
    } else {
        /* Every pair is compared: the lists keep every key. */
        memset(sc.want, 1, x->stems.count + 1);
        for (uint32_t a = 0; a < nd; a++)
            for (uint32_t b = a + 1; b < nd; b++)
                if (S_prefilter(x, &set, a, b))
                    S_relate(ix, &sc, a, b, 0, suf, &pairs);
    }
    free(set.has);
    bounds_scratch_free(&sc);
    if (pairs.len)
        qsort(pairs.items, pairs.len, sizeof *pairs.items, S_cmp_pair);
    out->pairs = pairs.items;
    out->npairs = pairs.len;

    /* Document groups: union of every relation. */
    uint32_t *duf = xmalloc((nd ? nd : 1) * sizeof *duf);
    uf_init(duf, nd);
    for (size_t k = 0; k < pairs.len; k++)
        uf_union_min(duf, pairs.items[k].a, pairs.items[k].b);
    out->group = xmalloc((nd ? nd : 1) * sizeof *out->group);
    for (size_t i = 0; i < nd; i++) {
        out->group[i] = uf_find(duf, (uint32_t)i);
        out->ngroups += out->group[i] == i;
    }
    free(duf);
}

void dedup_index_run(dedup_index *ix, int lsh, dedup_result *out)
{
    S_run(ix, lsh, NULL, 0, NULL, out);
}

void dedup_index_run_candidates(dedup_index *ix, const uint64_t *cand, size_t n, dedup_result *out)
{
    S_run(ix, 1, cand, n, NULL, out);
}

void dedup_documents(const chorus_corpus *c, dedup_result *out)
{
    dedup_index *x = dedup_index_new(0);
    dedup_index_add(x, c);
    size_t ns = c->sentences.len;
    uint32_t *suf = xmalloc((ns ? ns : 1) * sizeof *suf);
    uf_init(suf, ns);
    S_run(x, -1, NULL, 0, suf, out);
    dedup_index_free(x);

    /* Sentence groups: components of size >= 2 spanning two documents or more. Sentences are
     * visited in order, so each group lists its sentences ascending. */
    uint32_t *root_group = xmalloc((ns ? ns : 1) * sizeof *root_group);
    uint32_t *first_doc = xmalloc((ns ? ns : 1) * sizeof *first_doc);
    uint8_t *multi = xcalloc(ns ? ns : 1, 1);
    for (size_t i = 0; i < ns; i++)
        first_doc[i] = UINT32_MAX, root_group[i] = UINT32_MAX;
    for (size_t i = 0; i < ns; i++) {
        uint32_t r = uf_find(suf, (uint32_t)i);
        uint32_t d = c->sentences.items[i].doc;
        if (first_doc[r] == UINT32_MAX)
            first_doc[r] = d;
        else if (first_doc[r] != d)
            multi[r] = 1;
    }
    size_t ng = 0;
    for (size_t i = 0; i < ns; i++) {
        uint32_t r = uf_find(suf, (uint32_t)i);
        if (multi[r] && root_group[r] == UINT32_MAX)
            root_group[r] = (uint32_t)ng++;
    }
    /* Counting sort of members by group. */
    uint32_t *gstart = xcalloc(ng + 1, sizeof *gstart);
    for (size_t i = 0; i < ns; i++) {
        uint32_t r = uf_find(suf, (uint32_t)i);
        if (multi[r])
            gstart[root_group[r] + 1]++;
    }
    for (size_t g = 0; g < ng; g++)
        gstart[g + 1] += gstart[g];
    uint32_t *sent = xmalloc((gstart[ng] ? gstart[ng] : 1) * sizeof *sent);
    uint32_t *fill = xmalloc((ng ? ng : 1) * sizeof *fill);
    memcpy(fill, gstart, ng * sizeof *fill);
    for (size_t i = 0; i < ns; i++) {
        uint32_t r = uf_find(suf, (uint32_t)i);
        if (multi[r])
            sent[fill[root_group[r]]++] = (uint32_t)i;
    }
    free(fill);
    out->sgroup_start = gstart;
    out->sentences = sent;
    out->nsgroups = ng;
    free(root_group);
    free(first_doc);
    free(multi);
    free(suf);
}

void dedup_result_free(dedup_result *r)
{
    free(r->pairs);
    free(r->group);
    free(r->sgroup_start);
    free(r->sentences);
    memset(r, 0, sizeof *r);
}

const char *dedup_relation_name(dedup_relation r)
{
    switch (r) {
    case DEDUP_DUPLICATE:
        return "duplicate";
    case DEDUP_CONTAINED:
        return "contained";
    case DEDUP_PARAPHRASE:
        return "paraphrase";
    case DEDUP_NONE:
    default:
        return "none";
    }
}

size_t dedup_count_groups(const dedup_result *r, const uint32_t *docs, size_t n)
{
    size_t groups = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = r->group[docs[j]] == r->group[docs[i]];
        groups += !seen;
    }
    return groups;
}
