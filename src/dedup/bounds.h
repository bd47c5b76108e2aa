/* bounds: upper bounds of sentence similarity between two documents, computed from per-stem
 * lists of sentences, so that aligning the pair (dedup.c) compares only the sentence pairs
 * that could reach a threshold. Internal to the dedup module. */
#ifndef CHORUS_DEDUP_BOUNDS_H
#define CHORUS_DEDUP_BOUNDS_H

#include "dedup/index.h"

/* The most keys the first document of a pair may list for its bounds (S_gather: its stems and
 * the stems sharing a synset with each, 4.6 a stem on 50k --events newswire articles, 14,072
 * at most for one of them): 2^22 stems, 16 MB. A document over it (tens of thousands of
 * stems, all with many synonyms) is aligned without bounds, every sentence pair compared. */
#define ALIGN_BOUND_KEYS (1u << 22)

/* The largest pairs of documents S_align keeps bounds for, so that their tables stay small
 * whatever the input: at most 2^22 sentence pairs (16 MB of bounds), 1,024 sentences on the
 * first side and 2^16 stems on each. Longer documents compare every sentence pair, as they did
 * before the bounds. */
#define ALIGN_BOUND_MAX (1u << 22)
#define ALIGN_BOUND_SENTENCES 1024u
#define ALIGN_BOUND_STEMS (1u << 16)

/* Scratch of S_align's upper bounds, kept for a whole run: per stem, the stamp of the first
 * document of a pair that last used it and its list there: the sentences of that document
 * that hold the stem or a synonym of it (a stem sharing a synset id). The lists are made from
 * the first document's side, through the stems of each synset (the reverse of the index's stem
 * -> synsets lists), so that a stem of the second document needs one lookup, where keying by
 * stem and by synset id took one per synset of each of its stems too (about 4.8 random reads a
 * stem, and its synset list, on newswire; the first document's lists are made once for its
 * whole run of pairs, which is why that side does the expanding). Lists, not bitsets over the
 * sentences: a stem is in about five of them (50k newswire-length articles), and bitsets of
 * articles over 64 sentences (most of the first documents there) were mostly zero words. */
_Static_assert(ALIGN_BOUND_SENTENCES <= 65536, "sentence lists hold indices in 16 bits");

typedef struct align_scratch {
    uint32_t stamp;
    uint32_t a0, na;         /* the sentences whose lists are made (a0 UINT32_MAX: none yet) */
    int a_listed;            /* 0: their keys were too many (ALIGN_BOUND_KEYS), none made */
    uint64_t *stem_list;     /* per stem of the index: the stamp when its list was made, then
                                the list's number (stamp << 32 | number; 0: never made) */
    VEC(uint32_t) lstart;    /* per list: where its sentences start in lsent; nlists + 1 */
    VEC(uint32_t) lseen;     /* per list, while the lists are made: the last sentence met */
    VEC(uint16_t) lsent;     /* the lists' sentences, ascending in each (and 8 spare) */
    uint32_t nlists;         /* the lists made; list nlists is an empty one */
    VEC(uint16_t) hits;      /* S_bounds: the sentences of a that a sentence of b meets */
    uint32_t *synstem_start; /* per synset id: offset into synstems; nsynsets + 1 */
    uint32_t *synstems;      /* the stems of the index with each synset id */
    uint32_t *near_at;       /* per stem: its list in near (UINT32_MAX: not made yet) */
    VEC(uint32_t) near;      /* lists of the stems sharing a synset with a stem: n, stems */
    VEC(uint32_t) bound;     /* nb * na: sentence j of the second document, then i of the first */
    VEC(uint32_t) keys;      /* S_gather's list of stems */
    VEC(uint32_t) kstart;    /* where each sentence's keys start in it; n + 1 */
    VEC(uint8_t) live;       /* per sentence of the pair's a: some sentence of b may match it */
    VEC(float) scale;        /* S_live's per-sentence factors */
    uint8_t *want;           /* per stem of the index, 1: in a second document of the run of
                                pairs whose first document's lists are made (bounds_want_run) */
} align_scratch;

/* The upper bounds of one pair of documents, computed the first time a sentence pair is asked
 * about: a pair of copies whose sentences all match verbatim never needs them. */
typedef struct pair_bounds {
    align_scratch *sc; /* NULL: no bounds (every sentence pair is compared) */
    int ready;         /* sc->bound holds this pair's bounds */
    int swapped;       /* S_bounds' first document is the second one, b */
    uint32_t a0, na, b0, nb;
} pair_bounds;

/* Scratch for a whole run over the index x, and its release. */
void bounds_scratch_init(align_scratch *sc, const dedup_index *x);
void bounds_scratch_free(align_scratch *sc);

/* Where the bound of sentences a0 + i and b0 + j is in sc->bound: S_bounds' rows are the
 * sentences of its second document, which is a when the pair is swapped. */
static inline size_t bounds_cell(const pair_bounds *pb, uint32_t i, uint32_t j)
{
    return pb->swapped ? (size_t)i * pb->nb + j : (size_t)j * pb->na + i;
}

/* 0 when sentences a0 + i and b0 + j cannot reach DEDUP_SENT_PARA: S_live's test for one cell,
 * with the factors S_live made (bounds.c). Inline, where bounds_may_reach is a call, for the loops
 * over every sentence of b that a live sentence of a goes through. */
static inline int bounds_may_para(const pair_bounds *pb, uint32_t i, uint32_t j)
{
    const float *inv_a = pb->sc->scale.items, *need_b = inv_a + pb->na;
    return (float)(int32_t)pb->sc->bound.items[bounds_cell(pb, i, j)] * inv_a[i] >= need_b[j];
}

/* 0 when sentences a0 + i and b0 + j cannot reach similarity `lowest`: computes the pair's
 * bounds the first time it is asked (pb->ready), or gives up on them for good (pb->sc becomes
 * NULL, and every pair may reach). */
int bounds_may_reach(pair_bounds *pb, const dedup_index *x, uint32_t i, uint32_t j, double lowest);

/* Sets (on 1) or clears (on 0) in sc->want the stems of the second documents of the run of
 * pairs cand[0 .. n) (a << 32 | b, lists of a, see S_run in dedup.c), and forgets the lists made:
 * the first document's lists need keys only for the stems that S_bounds will look up. On 50k
 * newswire-length articles the synonym expansion gave 4,860 keys a list-making, and 1,484 of
 * them are stems that a second document of the run has. */
void bounds_want_run(align_scratch *sc, const dedup_index *x, const uint64_t *cand, size_t n,
                     int on);

#endif
