/* The dedup index's insides, shared by the files of the dedup module (dedup.c: the index,
 * sentence and document comparison; candidates.c: the pairs worth comparing; bounds.c: the
 * upper bounds that let aligning skip sentence pairs). Not part of any public API. */
#ifndef CHORUS_DEDUP_INDEX_H
#define CHORUS_DEDUP_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/alloc.h"
#include "core/strtab.h"
#include "core/vec.h"
#include "dedup/dedup.h"
#include "dedup/minhash.h"

typedef VEC(uint64_t) u64vec;

/* A stem's synonym signature: one of 256 bits per synset id. Two stems whose signatures share
 * no bit share no synset, so most non-synonyms (99% of the tests) are rejected without
 * comparing id lists (news stems have about 6 synset ids each: 64 bits were too few). */
typedef struct syn_sig {
    uint64_t w[4];
} syn_sig;

/* What each occurrence of a stem reads and updates, side by side in 16 bytes: one cache line
 * per word of the text, where the folded feature in an array of its own was a second. */
typedef struct stem_use {
    uint32_t seen;  /* occurrences after a sentence's first word */
    uint32_t named; /* ... of them capitalized or a number */
    uint32_t sent;  /* the last sentence it was in, + 1 (0: none yet); sentences are numbered
                       in document order, so this also tells whether it was in the document */
    uint32_t rep;   /* folded feature: the synset of its first sense | 0x80000000, or itself */
} stem_use;

/* Everything exact scoring and candidate search read, independent of any corpus: stems are
 * ids in the index's own table, so documents from many batches (streaming) compare. */
struct dedup_index {
    int keep_meta;
    strtab stems;            /* stem string -> global id */
    VEC(uint32_t) syn_start; /* per stem: offset into syn; nstems + 1 */
    VEC(uint32_t) syn;       /* sorted synset ids per stem */
    VEC(stem_use) use;       /* per stem: see stem_use */
    VEC(syn_sig) synsig;     /* per stem: one bit per synset id (0: no synsets) */
    VEC(uint8_t) has_syn;    /* per stem: has synsets (one byte: stays in cache) */
    VEC(uint32_t) sstart;    /* per sentence: offset into sstems; nsent + 1 */
    VEC(uint32_t) sstems;    /* distinct content stems per sentence (see sorted) */
    VEC(uint32_t) shash;     /* per sentence: hash of its stem set (0: none) */
    VEC(uint64_t) sorted;    /* bit per sentence: its stems are sorted */
    VEC(uint32_t) dfirst;    /* per document: first sentence; ndocs + 1 */
    VEC(uint32_t) dstart;    /* per document: offset into dstems; ndocs + 1 */
    VEC(uint32_t) dstems;    /* distinct content stems per document, as first met */
    /* The LSH band keys, band by band: bands[b].items[d] is document d's key of band b (read
     * one band at a time for all documents, dedup_candidates). */
    VEC(uint32_t) bands[MINHASH_BANDS];
    VEC(dedup_doc_meta) meta;
    VEC(uint32_t) folded; /* scratch of dedup_index_add_document: a sentence's folded stems */
    VEC(uint64_t) feats;  /* ... and the document's sketch features */
    arena mem;            /* meta strings */
    uint32_t bound_keys;  /* see ALIGN_BOUND_KEYS */
};

/* Sorts v[0..n) and drops repeats; returns how many are left. */
size_t dedup_sort_unique(uint32_t *v, size_t n);

/* The distinct content stems of document d (*n of them), in the order they first occur: the
 * prefilter and the candidate sketches use them as sets. Collected as the document is added,
 * by a stamp beside each stem's counts (stem_use), where sorting or merging its sentences'
 * lists took a twentieth of a run over short articles. */
static inline const uint32_t *dedup_doc_stems(const dedup_index *x, uint32_t d, size_t *n)
{
    *n = x->dstart.items[d + 1] - x->dstart.items[d];
    return x->dstems.items + x->dstart.items[d];
}

/* map[stem] = v for each distinct stem of document d: the byte-per-stem sets of the
 * prefilter (stem_set) and of the bounds (align_scratch.want). */
static inline void dedup_mark_stems(uint8_t *map, const dedup_index *x, uint32_t d, uint8_t v)
{
    size_t n;
    const uint32_t *st = dedup_doc_stems(x, d, &n);
    for (size_t k = 0; k < n; k++)
        map[st[k]] = v;
}

#endif
