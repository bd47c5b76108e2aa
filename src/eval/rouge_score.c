/* rouge_score: the counting at the heart of ROUGE-N, -S/-SU, -L and -W, and the rounded score
 * triple.
 *
 * Tokens are interned ids, so an n-gram is a tuple of ids. The script keys its hashes with the
 * tokens joined by blanks; tokens never contain a blank (they are runs of [a-z0-9], or
 * WordNet values, which have no blank either), so tuples are equal exactly when the script's
 * keys are, and a ROUGE-SU unigram key can never equal a pair key.
 */
#include "eval/rouge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* ---- gram multisets ------------------------------------------------------------------------ */

void rouge_grams_free(rouge_grams *g)
{
    free(g->ids);
    memset(g, 0, sizeof *g);
}

static int S_gram_cmp(const uint32_t *a, const uint32_t *b, size_t width)
{
    for (size_t k = 0; k < width; k++)
        if (a[k] != b[k])
            return a[k] < b[k] ? -1 : 1;
    return 0;
}

/* Sorts a[0..n) ascending: insertion sort on runs of 16, then bottom-up merges (inlined
 * comparisons; this sort is the hot spot of a run). tmp holds n items. */
static void S_sort_u64(uint64_t *a, size_t n, uint64_t *tmp)
{
    enum { RUN = 16 };
    for (size_t lo = 0; lo < n; lo += RUN) {
        size_t hi = lo + RUN < n ? lo + RUN : n;
        for (size_t i = lo + 1; i < hi; i++) {
            uint64_t x = a[i];
            size_t j = i;
            while (j > lo && a[j - 1] > x) {
                a[j] = a[j - 1];
                j--;
            }
            a[j] = x;
        }
    }
    uint64_t *src = a, *dst = tmp;
    for (size_t run = RUN; run < n; run *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * run) {
            size_t mid = lo + run < n ? lo + run : n, hi = lo + 2 * run < n ? lo + 2 * run : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        uint64_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != a)
        memcpy(a, src, n * sizeof *a);
}

void rouge_grams_sort(rouge_grams *g)
{
    size_t n = g->count, w = g->width;
    if (n < 2)
        return;
    if (w <= 2) {
        /* Unigrams and bigrams (also every ROUGE-S/SU key) pack into one 64-bit key whose
         * numeric order is the lexicographic order of the tuple. */
        uint64_t *keys = xmalloc(2 * n * sizeof *keys);
        for (size_t i = 0; i < n; i++)
            keys[i] = w == 1 ? g->ids[i] : ((uint64_t)g->ids[2 * i] << 32) | g->ids[2 * i + 1];
        S_sort_u64(keys, n, keys + n);
        for (size_t i = 0; i < n; i++) {
            if (w == 1) {
                g->ids[i] = (uint32_t)keys[i];
            } else {
                g->ids[2 * i] = (uint32_t)(keys[i] >> 32);
                g->ids[2 * i + 1] = (uint32_t)keys[i];
            }
        }
        free(keys);
        return;
    }
    if (w <= 4) {
        /* Trigrams and 4-grams: two 64-bit words per gram, compared high word first. */
        typedef struct {
            uint64_t hi, lo;
        } key2;
        key2 *keys = xmalloc(2 * n * sizeof *keys);
        for (size_t i = 0; i < n; i++) {
            const uint32_t *t = g->ids + i * w;
            keys[i].hi = ((uint64_t)t[0] << 32) | t[1];
            keys[i].lo = ((uint64_t)t[2] << 32) | (w == 4 ? t[3] : 0);
        }
        key2 *src = keys, *dst = keys + n;
        for (size_t run = 1; run < n; run *= 2) {
            for (size_t lo = 0; lo < n; lo += 2 * run) {
                size_t mid = lo + run < n ? lo + run : n, hi = lo + 2 * run < n ? lo + 2 * run : n;
                size_t i = lo, j = mid, k = lo;
                while (i < mid && j < hi) {
                    int less =
                        src[j].hi < src[i].hi || (src[j].hi == src[i].hi && src[j].lo < src[i].lo);
                    dst[k++] = less ? src[j++] : src[i++];
                }
                while (i < mid)
                    dst[k++] = src[i++];
                while (j < hi)
                    dst[k++] = src[j++];
            }
            key2 *t = src;
            src = dst;
            dst = t;
        }
        for (size_t i = 0; i < n; i++) {
            uint32_t *t = g->ids + i * w;
            t[0] = (uint32_t)(src[i].hi >> 32);
            t[1] = (uint32_t)src[i].hi;
            t[2] = (uint32_t)(src[i].lo >> 32);
            if (w == 4)
                t[3] = (uint32_t)src[i].lo;
        }
        free(keys);
        return;
    }
    /* Longer grams: a bottom-up merge sort of gram indexes (qsort has no context argument
     * for the width), then one permutation. */
    uint32_t *idx = xmalloc(2 * n * sizeof *idx);
    uint32_t *src = idx, *dst = idx + n;
    for (size_t i = 0; i < n; i++)
        src[i] = (uint32_t)i;
    for (size_t run = 1; run < n; run *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * run) {
            size_t mid = lo + run < n ? lo + run : n;
            size_t hi = lo + 2 * run < n ? lo + 2 * run : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                if (S_gram_cmp(g->ids + (size_t)src[j] * w, g->ids + (size_t)src[i] * w, w) < 0)
                    dst[k++] = src[j++];
                else
                    dst[k++] = src[i++];
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        uint32_t *t = src;
        src = dst;
        dst = t;
    }
    uint32_t *sorted = xmalloc(n * w * sizeof *sorted);
    for (size_t i = 0; i < n; i++)
        memcpy(sorted + i * w, g->ids + (size_t)src[i] * w, w * sizeof *sorted);
    free(g->ids);
    g->ids = sorted;
    g->cap = n * w;
    free(idx);
}

static uint32_t *S_grams_add(rouge_grams *g)
{
    g->ids = xgrow(g->ids, sizeof *g->ids, &g->cap, (g->count + 1) * g->width);
    return g->ids + (g->count++) * g->width;
}

void rouge_grams_ngram(rouge_grams *g, const uint32_t *toks, size_t ntoks, size_t n)
{
    g->count = 0;
    g->width = n ? n : 1;
    if (n == 0 || ntoks < n) /* `$i<=$#m_tokens-$NSIZE+1` never holds */
        return;
    for (size_t i = 0; i + n <= ntoks; i++)
        memcpy(S_grams_add(g), toks + i, n * sizeof *toks);
    rouge_grams_sort(g);
}

void rouge_grams_skip(rouge_grams *g, const uint32_t *toks, size_t ntoks, double gap,
                      int with_unigrams)
{
    g->count = 0;
    g->width = 2;
    /* `for($i=0;$i<$#m_tokens;$i++)`: i stops before the last token, so with -u the last token
     * is never counted as a unigram and a 1-token text has no units at all (L2705). */
    for (size_t i = 0; i + 1 < ntoks; i++) {
        if (with_unigrams) {
            uint32_t *u = S_grams_add(g);
            u[0] = toks[i];
            u[1] = ROUGE_NO_ID;
        }
        /* j <= i + gap + 1: at most `gap` tokens in between; gap < 0 means no limit. */
        for (size_t j = i + 1; j < ntoks && (gap < 0 || (double)j <= (double)i + gap + 1); j++) {
            uint32_t *p = S_grams_add(g);
            p[0] = toks[i];
            p[1] = toks[j];
        }
    }
    rouge_grams_sort(g);
}

size_t rouge_grams_hits(const rouge_grams *model, const rouge_grams *peer)
{
    /* sum over distinct grams of min(count in peer, count in model): a merge of the sorted
     * multisets, counting the run of equal grams on each side. */
    size_t w = model->width, hits = 0, i = 0, j = 0;
    if (peer->width != w)
        return 0;
    while (i < model->count && j < peer->count) {
        int c = S_gram_cmp(model->ids + i * w, peer->ids + j * w, w);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            size_t i2 = i + 1, j2 = j + 1;
            while (i2 < model->count && S_gram_cmp(model->ids + i2 * w, model->ids + i * w, w) == 0)
                i2++;
            while (j2 < peer->count && S_gram_cmp(peer->ids + j2 * w, peer->ids + j * w, w) == 0)
                j2++;
            hits += (i2 - i) < (j2 - j) ? (i2 - i) : (j2 - j);
            i = i2;
            j = j2;
        }
    }
    return hits;
}

/* ---- LCS ------------------------------------------------------------------------------------ */

/* lcs_inner + markLCS (L2339-L2381, L2519-L2541): fill the LCS table of model unit m against
 * peer unit p, then walk back from the corner, marking model positions on the diagonal moves.
 * The walk prefers "up" when c[a-1][b] >= c[a][b-1]; that tie-break decides which LCS is marked
 * and so which tokens are hits (README 3.7 step 5). The script stores the moves; they are
 * recomputed here from the same comparisons, which gives the same moves. */
static void S_lcs_mark(const uint32_t *m, size_t mlen, const uint32_t *p, size_t plen,
                       unsigned char *mask, uint32_t **table, size_t *table_cap)
{
    if (mlen == 0)
        return;
    size_t cols = plen + 1;
    size_t need = (mlen + 1) * cols;
    *table = xgrow(*table, sizeof **table, table_cap, need);
    uint32_t *c = *table;
    memset(c, 0, cols * sizeof *c);
    for (size_t a = 1; a <= mlen; a++) {
        uint32_t *row = c + a * cols, *up = row - cols;
        row[0] = 0;
        for (size_t b = 1; b <= plen; b++) {
            if (m[a - 1] == p[b - 1])
                row[b] = up[b - 1] + 1;
            else
                row[b] = up[b] >= row[b - 1] ? up[b] : row[b - 1];
        }
    }
    size_t a = mlen, b = plen;
    while (a != 0 && b != 0) {
        if (m[a - 1] == p[b - 1]) {
            a--, b--;
            mask[a] = 1;
        } else if (c[(a - 1) * cols + b] >= c[a * cols + b - 1]) {
            a--;
        } else {
            b--;
        }
    }
}

size_t rouge_lcs_hits(const rouge_units *model, const rouge_units *peer, int32_t *model_count,
                      int32_t *peer_count, size_t *base)
{
    size_t hits = 0, table_cap = 0, mask_cap = 0;
    uint32_t *table = NULL;
    unsigned char *mask = NULL;
    *base = 0;
    for (size_t i = 0; i < model->count; i++) {
        const uint32_t *m = model->toks[i];
        size_t mlen = model->lens[i];
        mask = xgrow(mask, 1, &mask_cap, mlen + 1);
        memset(mask, 0, mlen + 1);
        *base += mlen;
        /* The union over all peer units of the marked positions. */
        for (size_t j = 0; j < peer->count; j++)
            S_lcs_mark(m, mlen, peer->toks[j], peer->lens[j], mask, &table, &table_cap);
        /* Clipping (L2300-L2318): a marked token is a hit only while both unigram counts are
         * positive, and then uses one of each, across all units of this model. */
        for (size_t k = 0; k < mlen; k++) {
            if (mask[k] && model_count[m[k]] > 0 && peer_count[m[k]] > 0) {
                hits++;
                model_count[m[k]]--;
                peer_count[m[k]]--;
            }
        }
    }
    free(table);
    free(mask);
    return hits;
}

/* wlcs_inner (L2421-L2482): the weighted table c (a double, computed in the script's order of
 * operations) with l, the length of the run of consecutive matches ending at (a, b); the moves
 * and the marking are those of ROUGE-L. */
static void S_wlcs_mark(const uint32_t *m, size_t mlen, const uint32_t *p, size_t plen, double w,
                        unsigned char *mask, double **ctab, size_t *ccap, uint32_t **ltab,
                        size_t *lcap)
{
    if (mlen == 0)
        return;
    size_t cols = plen + 1;
    size_t need = (mlen + 1) * cols;
    *ctab = xgrow(*ctab, sizeof **ctab, ccap, need);
    *ltab = xgrow(*ltab, sizeof **ltab, lcap, need);
    double *c = *ctab;
    uint32_t *l = *ltab;
    for (size_t b = 0; b < cols; b++)
        c[b] = 0, l[b] = 0;
    for (size_t a = 1; a <= mlen; a++) {
        double *row = c + a * cols, *up = row - cols;
        uint32_t *lrow = l + a * cols, *lup = lrow - cols;
        row[0] = 0;
        lrow[0] = 0;
        for (size_t b = 1; b <= plen; b++) {
            if (m[a - 1] == p[b - 1]) {
                uint32_t k = lup[b - 1];
                row[b] = up[b - 1] + pow((double)k + 1, w) - pow((double)k, w);
                lrow[b] = k + 1;
            } else if (up[b] >= row[b - 1]) {
                row[b] = up[b];
                lrow[b] = 0;
            } else {
                row[b] = row[b - 1];
                lrow[b] = 0;
            }
        }
    }
    size_t a = mlen, b = plen;
    while (a != 0 && b != 0) {
        if (m[a - 1] == p[b - 1]) {
            a--, b--;
            mask[a] = 1;
        } else if (c[(a - 1) * cols + b] >= c[a * cols + b - 1]) {
            a--;
        } else {
            b--;
        }
    }
}

double rouge_wlcs_hits(const rouge_units *model, const rouge_units *peer, double w,
                       int32_t *model_count, int32_t *peer_count, double *base)
{
    double hits = 0;
    size_t ccap = 0, lcap = 0, mask_cap = 0;
    double *ctab = NULL;
    uint32_t *ltab = NULL;
    unsigned char *mask = NULL;
    *base = 0;
    for (size_t i = 0; i < model->count; i++) {
        const uint32_t *m = model->toks[i];
        size_t mlen = model->lens[i];
        mask = xgrow(mask, 1, &mask_cap, mlen + 1);
        memset(mask, 0, mlen + 1);
        *base += pow((double)mlen, w); /* L2409: the unit length to the power w */
        for (size_t j = 0; j < peer->count; j++)
            S_wlcs_mark(m, mlen, peer->toks[j], peer->lens[j], w, mask, &ctab, &ccap, &ltab, &lcap);
        /* L2417-L2440: a run of consecutive hits of length L adds L^w. The run is flushed when
         * the next position is not marked or at the end of the unit; a marked token that fails
         * the clipping neither extends nor flushes the run, and a run left open at the end of
         * the unit is dropped ($hitLen is reset per unit). */
        size_t run = 0;
        for (size_t k = 0; k < mlen; k++) {
            if (mask[k] && model_count[m[k]] > 0 && peer_count[m[k]] > 0) {
                run++;
                if (k + 1 < mlen && mask[k + 1] == 0) {
                    hits += pow((double)run, w);
                    run = 0;
                } else if (k + 1 == mlen) {
                    hits += pow((double)run, w);
                    run = 0;
                }
                model_count[m[k]]--;
                peer_count[m[k]]--;
            }
        }
    }
    free(ctab);
    free(ltab);
    free(mask);
    return hits;
}

/* ---- the score triple --------------------------------------------------------------------------
 */

double rouge_f_from_strings(const char *r, const char *p, double alpha)
{
    /* L1208-L1213: Perl numifies the two "%7.5f" strings, so F uses the rounded R and P. */
    double R = strtod(r, NULL), P = strtod(p, NULL);
    double den = (1 - alpha) * P + alpha * R;
    if (den > 0)
        return (P * R) / den;
    return 0;
}

void rouge_triple_set(rouge_triple *t, double r, double p, double alpha)
{
    snprintf(t->r, sizeof t->r, "%7.5f", r);
    snprintf(t->p, sizeof t->p, "%7.5f", p);
    snprintf(t->f, sizeof t->f, "%7.5f", rouge_f_from_strings(t->r, t->p, alpha));
}

void rouge_triple_from(rouge_triple *t, double hit, double count, double count_p, double alpha)
{
    rouge_triple_set(t, count != 0 ? hit / count : 0.0, count_p != 0 ? hit / count_p : 0.0, alpha);
}
