#include "dedup/bounds.h"

#include <math.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "dedup/synonyms_table.h"

void bounds_scratch_init(align_scratch *sc, const dedup_index *x)
{
    memset(sc, 0, sizeof *sc);
    sc->a0 = UINT32_MAX;
    sc->stem_list = xcalloc(x->stems.count + 1, sizeof *sc->stem_list);
    /* Synset id -> stems, by counting sort of the stem -> synsets lists. */
    size_t nsyn = syn_table_nsynsets, nstems = x->stems.count;
    const uint32_t *sy = x->syn.items, *sy0 = x->syn_start.items;
    uint32_t *start = xcalloc(nsyn + 2, sizeof *start);
    for (size_t k = 0; k < x->syn.len; k++)
        start[sy[k] + 2]++;
    for (size_t g = 0; g < nsyn; g++)
        start[g + 2] += start[g + 1];
    sc->synstems = xmalloc((x->syn.len ? x->syn.len : 1) * sizeof *sc->synstems);
    for (uint32_t t = 0; t < nstems; t++)
        for (uint32_t k = sy0[t]; k < sy0[t + 1]; k++)
            sc->synstems[start[sy[k] + 1]++] = t;
    sc->synstem_start = start; /* now start[g] is where synset g's stems begin */
    sc->near_at = xmalloc((nstems + 1) * sizeof *sc->near_at);
    memset(sc->near_at, 0xff, (nstems + 1) * sizeof *sc->near_at);
    sc->want = xcalloc(nstems + 1, 1);
}

void bounds_scratch_free(align_scratch *sc)
{
    free(sc->stem_list);
    free(sc->synstem_start);
    free(sc->synstems);
    free(sc->near_at);
    free(sc->want);
    VEC_FREE(&sc->near);
    VEC_FREE(&sc->lstart);
    VEC_FREE(&sc->lseen);
    VEC_FREE(&sc->lsent);
    VEC_FREE(&sc->hits);
    VEC_FREE(&sc->bound);
    VEC_FREE(&sc->keys);
    VEC_FREE(&sc->kstart);
    VEC_FREE(&sc->live);
    VEC_FREE(&sc->scale);
}

/* Makes the lists of the first document's stems from S_gather's keys: a list per distinct
 * key stem, holding each sentence whose keys have that stem once. Two passes, counting then
 * filling, so that the lists lie one after another; lseen keeps a sentence from being counted
 * or filled twice in one list. */
static void S_make_lists(align_scratch *sc, uint32_t na)
{
    const uint32_t *keys = sc->keys.items, *ks = sc->kstart.items;
    uint32_t nlists = 0;
    sc->lstart.len = sc->lseen.len = 0;
    for (uint32_t i = 0; i < na; i++)
        for (uint32_t k = ks[i]; k < ks[i + 1]; k++) {
            uint32_t stem = keys[k];
            if (sc->stem_list[stem] >> 32 != sc->stamp) {
                sc->stem_list[stem] = (uint64_t)sc->stamp << 32 | nlists++;
                VEC_PUSH(&sc->lstart, 0);
                VEC_PUSH(&sc->lseen, UINT32_MAX);
            }
            uint32_t l = (uint32_t)sc->stem_list[stem];
            if (sc->lseen.items[l] != i) {
                sc->lseen.items[l] = i;
                sc->lstart.items[l]++;
            }
        }
    VEC_PUSH(&sc->lstart, 0);
    uint32_t sum = 0; /* counts -> where each list ends, then (filled backwards) starts */
    for (uint32_t l = 0; l <= nlists; l++) {
        sum += sc->lstart.items[l];
        sc->lstart.items[l] = sum;
    }
    VEC_PUSH(&sc->lstart, sum); /* list nlists: empty */
    sc->nlists = nlists;
    sc->lsent.len = 0;
    VEC_RESERVE(&sc->lsent, sum + 8); /* S_bounds reads eight from any list's start */
    sc->lsent.len = sum;
    memset(sc->lseen.items, 0xff, nlists * sizeof *sc->lseen.items);
    for (uint32_t i = na; i-- > 0;) /* backwards, so that each list ends up ascending */
        for (uint32_t k = ks[i]; k < ks[i + 1]; k++) {
            uint32_t l = (uint32_t)sc->stem_list[keys[k]];
            if (sc->lseen.items[l] != i) {
                sc->lseen.items[l] = i;
                sc->lsent.items[--sc->lstart.items[l]] = (uint16_t)i;
            }
        }
}

/* The stems sharing a synset id with stem t (t among them), sorted, distinct: *n of them. Made
 * the first time t is met and kept for the run: the first documents of pairs repeat their
 * words, and one list is read where t's synsets and each synset's stems were (S_gather). */
static const uint32_t *S_near(align_scratch *sc, const dedup_index *x, uint32_t t, size_t *n)
{
    if (sc->near_at[t] == UINT32_MAX) {
        const uint32_t *syn = x->syn.items, *sy0 = x->syn_start.items;
        const uint32_t *gs = sc->synstem_start, *gstems = sc->synstems;
        size_t at = sc->near.len, count = 0;
        for (uint32_t g = sy0[t]; g < sy0[t + 1]; g++)
            count += gs[syn[g] + 1] - gs[syn[g]];
        VEC_RESERVE(&sc->near, 1 + count);
        uint32_t *out = sc->near.items + at + 1;
        for (uint32_t g = sy0[t]; g < sy0[t + 1]; g++)
            for (uint32_t v = gs[syn[g]]; v < gs[syn[g] + 1]; v++)
                *out++ = gstems[v];
        count = dedup_sort_unique(sc->near.items + at + 1, count);
        sc->near.items[at] = (uint32_t)count;
        sc->near.len = at + 1 + count;
        sc->near_at[t] = (uint32_t)at;
    }
    const uint32_t *list = sc->near.items + sc->near_at[t];
    *n = list[0];
    return list + 1;
}

/* Lists in sc->keys the stems whose lists the stems of the first document's sentences [s0,
 * s0 + n) are in, sentence by sentence (sc->kstart): each stem itself and every stem sharing a
 * synset id with it, those of them in sc->want (bounds_want_run) only. Their stamps are spread over
 * the index's stems: each is prefetched as it is listed, so that S_make_lists then waits for
 * many at once, not for each in turn. */
static int S_gather(align_scratch *sc, const dedup_index *x, uint32_t s0, uint32_t n)
{
    const uint32_t *st = x->sstems.items, *ss = x->sstart.items;
    sc->keys.len = 0;
    sc->kstart.len = 0;
    VEC_RESERVE(&sc->kstart, n + 1);
    for (uint32_t i = 0; i < n; i++) {
        sc->kstart.items[i] = (uint32_t)sc->keys.len;
        for (uint32_t k = ss[s0 + i]; k < ss[s0 + i + 1]; k++) {
            const uint32_t *near = &st[k];
            size_t need = 1;
            if (x->has_syn.items[st[k]])
                near = S_near(sc, x, st[k], &need);
            VEC_RESERVE(&sc->keys, need);
            uint32_t *out = sc->keys.items + sc->keys.len;
            size_t kept = 0;
            for (size_t v = 0; v < need; v++) {
                /* Kept when in a second document of the run (else never looked up). Without
                 * a branch: whether a synonym is kept is a coin toss to branch prediction. */
                uint32_t t = near[v], keep = sc->want[t];
                out[kept] = t;
                kept += keep;
                __builtin_prefetch(&sc->stem_list[t & (0u - keep)]); /* t, or 0 */
            }
            sc->keys.len += kept;
            if (sc->keys.len > x->bound_keys)
                return 0;
        }
    }
    sc->kstart.items[n] = (uint32_t)sc->keys.len;
    sc->kstart.len = n + 1;
    return 1;
}

/* Sets bound[j * na + i]: how many stems of sentence j of the second document (at b0) are in
 * sentence i of the first (at a0) or share a synset with one of its stems. Each stem of j
 * counts at most once in S_sentence_sim's exact and synonym matches together, so both
 * similarities of the pair are at most bound / sqrt(|i| |j|): a pair whose bound is below
 * every threshold that could still change a result need not be compared. Proving that two
 * sentences do not match was most of the work of aligning long articles (the unmatched
 * sentences of an excerpt's source were compared word by word with every sentence of the
 * excerpt); this costs a lookup per stem instead. Returns 0, and sets nothing, when the first
 * document lists more keys than the index allows (ALIGN_BOUND_KEYS). */
static int S_bounds(align_scratch *sc, const dedup_index *x, uint32_t a0, uint32_t na, uint32_t b0,
                    uint32_t nb)
{
    /* The lists depend on the first document alone, and candidate pairs come sorted by it:
     * they are made once for its whole run of pairs. */
    if (sc->a0 != a0 || sc->na != na) {
        if (++sc->stamp == 0) { /* wrapped: old stamps could match again */
            memset(sc->stem_list, 0, (x->stems.count + 1) * sizeof *sc->stem_list);
            sc->stamp = 1;
        }
        sc->a0 = a0, sc->na = na;
        sc->a_listed = S_gather(sc, x, a0, na);
        if (!sc->a_listed)
            return 0;
        S_make_lists(sc, na);
    }
    /* The second document's side needs no synonyms: its keys are its sentences' stems, read
     * where the index keeps them. */
    const uint32_t *st = x->sstems.items, *ss = x->sstart.items;
    if (!sc->a_listed || ss[b0 + nb] - ss[b0] > x->bound_keys)
        return 0;
    for (uint32_t k = ss[b0]; k < ss[b0 + nb]; k++)
        __builtin_prefetch(&sc->stem_list[st[k]]);
    sc->bound.len = 0;
    VEC_RESERVE(&sc->bound, (size_t)na * nb);
    uint32_t *bound = sc->bound.items;
    memset(bound, 0, (size_t)na * nb * sizeof *bound);
    /* In locals: the compiler cannot tell that the counts written do not change them, and
     * read them again after each one. */
    const uint32_t *lstart = sc->lstart.items;
    const uint64_t *lists = sc->stem_list;
    const uint16_t *lsent = sc->lsent.items;
    uint32_t stamp = sc->stamp;
    /* Whether a stem has a list, and how long it is, are coin tosses to branch prediction:
     * each stem's list (the empty one when it has none) is copied eight sentences at a time,
     * the longer lists in full, and the counts are made from the copies in one loop. */
    uint32_t empty = sc->nlists;
    for (uint32_t j = 0; j < nb; j++) {
        uint32_t *col = bound + (size_t)j * na;
        uint32_t k = ss[b0 + j], kend = ss[b0 + j + 1];
        sc->hits.len = 0;
        VEC_RESERVE(&sc->hits, (size_t)(kend - k) * 8 + 8);
        uint16_t *hits = sc->hits.items;
        size_t w = 0;
        for (; k < kend; k++) {
            uint64_t slot = lists[st[k]];
            uint32_t l = slot >> 32 == stamp ? (uint32_t)slot : empty;
            uint32_t at = lstart[l], n = lstart[l + 1] - at;
            memcpy(hits + w, lsent + at, 8 * sizeof *hits);
            if (n > 8) {
                VEC_RESERVE(&sc->hits, w + n + (size_t)(kend - k) * 8 + 8);
                hits = sc->hits.items;
                memcpy(hits + w, lsent + at, n * sizeof *hits);
            }
            w += n;
        }
        for (size_t q = 0; q < w; q++)
            col[hits[q]]++;
    }
    return 1;
}

/* Marks the sentences of a that some sentence of b may match at DEDUP_SENT_PARA, the lowest
 * threshold S_align compares with (DEDUP_SENT_EXACT and SIMILAR_SAME are higher): S_align
 * skips the others without asking about each of their pairs, which was most of its loop over
 * unrelated documents.
 *
 * Every cell of the bounds is tested (in most aligned pairs most sentences are not live), in
 * single precision, four at a time: bound / sqrt(|i|) >= 0.5 sqrt(|j|) with the two roots
 * made once per sentence. Floats are exact for the counts and within 1e-6 for the rest; the
 * margin of 1e-5 makes the test let through every sentence that could reach the threshold in
 * S_sentence_sim's arithmetic (a few more, at most, which bounds_may_reach then turns away), so
 * nothing that matters is skipped. An empty sentence is never live (it matches nothing). */
static void S_live(pair_bounds *pb, const dedup_index *x)
{
    align_scratch *sc = pb->sc;
    const uint32_t *ss = x->sstart.items, *bound = sc->bound.items;
    uint32_t na = pb->na, nb = pb->nb;
    sc->live.len = 0;
    VEC_RESERVE(&sc->live, na);
    uint8_t *live = sc->live.items;
    sc->scale.len = 0;
    VEC_RESERVE(&sc->scale, (size_t)na + nb);
    float *inv_a = sc->scale.items, *need_b = inv_a + na; /* 1 / sqrt(|i|); 0.5 sqrt(|j|) */
    for (uint32_t i = 0; i < na; i++) {
        uint32_t n = ss[pb->a0 + i + 1] - ss[pb->a0 + i];
        inv_a[i] = n ? (float)(1 / sqrt((double)n)) : 0;
    }
    for (uint32_t j = 0; j < nb; j++) {
        uint32_t n = ss[pb->b0 + j + 1] - ss[pb->b0 + j];
        need_b[j] = n ? (float)(DEDUP_SENT_PARA * sqrt((double)n) * (1 - 1e-5)) : INFINITY;
    }
    uint32_t i = 0;
#ifdef __SSE2__
    /* Four sentences of a at once, against every sentence of b (the four cells are side by
     * side unless swapped). The counts are far below 2^31, so reading them as signed is
     * exact. */
    for (; !pb->swapped && i + 4 <= na; i += 4) {
        __m128 inv = _mm_loadu_ps(inv_a + i), any = _mm_setzero_ps();
        for (uint32_t j = 0; j < nb; j++) {
            const uint32_t *cells = bound + bounds_cell(pb, i, j);
            __m128 b = _mm_cvtepi32_ps(_mm_loadu_si128((const __m128i *)cells));
            any = _mm_or_ps(any, _mm_cmpge_ps(_mm_mul_ps(b, inv), _mm_set1_ps(need_b[j])));
        }
        unsigned m = (unsigned)_mm_movemask_ps(any);
        for (int k = 0; k < 4; k++)
            live[i + k] = (uint8_t)(m >> k & 1);
    }
    for (; pb->swapped && i < na; i++) {
        /* One sentence of a against four of b at once (side by side when swapped). */
        const uint32_t *row = bound + bounds_cell(pb, i, 0);
        __m128 inv = _mm_set1_ps(inv_a[i]), any = _mm_setzero_ps();
        uint32_t j = 0;
        for (; j + 4 <= nb; j += 4) {
            __m128 b = _mm_cvtepi32_ps(_mm_loadu_si128((const __m128i *)(row + j)));
            any = _mm_or_ps(any, _mm_cmpge_ps(_mm_mul_ps(b, inv), _mm_loadu_ps(need_b + j)));
        }
        int may = _mm_movemask_ps(any) != 0;
        for (; j < nb && !may; j++)
            may = bounds_may_para(pb, i, j);
        live[i] = (uint8_t)may;
    }
#endif
    for (; i < na; i++) { /* the rest, one cell at a time, with the same arithmetic */
        int may = 0;
        for (uint32_t j = 0; j < nb && !may; j++)
            may = bounds_may_para(pb, i, j);
        live[i] = (uint8_t)may;
    }
}

int bounds_may_reach(pair_bounds *pb, const dedup_index *x, uint32_t i, uint32_t j, double lowest)
{
    if (!pb->sc)
        return 1;
    if (!pb->ready) {
        if (pb->swapped ? !S_bounds(pb->sc, x, pb->b0, pb->nb, pb->a0, pb->na)
                        : !S_bounds(pb->sc, x, pb->a0, pb->na, pb->b0, pb->nb)) {
            pb->sc = NULL; /* too many keys: compare every pair */
            return 1;
        }
        pb->ready = 1;
        S_live(pb, x);
    }
    /* bound / sqrt(|s| |t|) >= lowest, squared (no square root or division), with a margin
     * far wider than any rounding, so that a pair is ruled out only if S_sentence_sim's
     * arithmetic could not reach lowest either. */
    const uint32_t *ss = x->sstart.items;
    uint32_t s = pb->a0 + i, t = pb->b0 + j;
    double b = pb->sc->bound.items[bounds_cell(pb, i, j)];
    return b * b >=
           lowest * lowest * (1 - 1e-9) * (double)(ss[s + 1] - ss[s]) * (double)(ss[t + 1] - ss[t]);
}

void bounds_want_run(align_scratch *sc, const dedup_index *x, const uint64_t *cand, size_t n,
                     int on)
{
    for (size_t k = 0; k < n; k++)
        dedup_mark_stems(sc->want, x, (uint32_t)cand[k], (uint8_t)on);
    sc->a0 = UINT32_MAX;
}
