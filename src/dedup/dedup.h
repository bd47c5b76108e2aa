/* dedup: which articles copy which, and which sentences say the same thing.
 *
 * Relations between two documents, decided by aligning their sentences in any order:
 *   duplicate   the same text (near-identical sentences cover both documents)
 *   contained   one is an excerpt of the other, in any sentence order (pair a is inside b):
 *               a is covered near-verbatim, and clearly more than it covers b
 *   paraphrase  the same content reworded: a translation or a synonym-spun copy (stems and
 *               WordNet synonyms, word order ignored, cover the shorter document)
 * Independent reports of one event share quotes and facts but only a minority of sentences,
 * so coverage of the shorter document is what separates a copy from a second source.
 *
 * Candidate pairs come from all pairs for small corpora and for large ones from LSH over
 * MinHash sketches (dedup/minhash.h) of synonym-folded word pairs, of the input's rare words,
 * and of its names and numbers (which spinning and translation leave alone), and from whole
 * sentences repeated; every candidate is then scored exactly, and so is every other pair of
 * documents of a group (copies of one text: a paraphrase of a story and an excerpt of it are
 * candidates with the story, not always with each other).
 * Documents linked by any relation form one group: an independent source. */
#ifndef CHORUS_DEDUP_DEDUP_H
#define CHORUS_DEDUP_DEDUP_H

#include <stddef.h>
#include <stdint.h>

#include "corpus/corpus.h"

typedef enum dedup_relation {
    DEDUP_NONE = 0,
    DEDUP_DUPLICATE,
    DEDUP_CONTAINED, /* doc a is contained in doc b */
    DEDUP_PARAPHRASE,
} dedup_relation;

typedef struct dedup_pair {
    uint32_t a, b; /* 0-based document indices; a < b except for contained (a inside b) */
    dedup_relation relation;
    double score; /* the coverage that decided the relation, 0..1 */
} dedup_pair;

typedef struct dedup_result {
    dedup_pair *pairs; /* sorted by (min(a,b), max(a,b)) */
    size_t npairs;
    uint32_t *group; /* per document: the smallest document index of its group */
    size_t ngroups;  /* independent sources */
    /* Sentence groups: sentences of at least two documents that say the same thing.
     * Group g is sentences[sgroup_start[g] .. sgroup_start[g+1]) (corpus sentence indices,
     * ascending). */
    uint32_t *sgroup_start;
    uint32_t *sentences;
    size_t nsgroups;
} dedup_result;

/* Sentence-level thresholds: an exact copy of a sentence, and a reworded one. */
#define DEDUP_SENT_EXACT 0.8
#define DEDUP_SENT_PARA 0.5
/* Document-level coverage thresholds (share of the content words of a document). */
#define DEDUP_DOC_DUPLICATE 0.85
#define DEDUP_DOC_CONTAINED 0.75
#define DEDUP_DOC_PARAPHRASE 0.5
/* Not contained but versions of one text (duplicate or paraphrase): both documents at least
 * this covered by reworded sentences, and their verbatim coverages less than
 * DEDUP_DOC_ASYMMETRY apart. */
#define DEDUP_DOC_VERSION 0.8
#define DEDUP_DOC_ASYMMETRY 0.15

/* How much of one document the other covers: the share of its content words in sentences
 * with a near-verbatim match (exact, sentence similarity >= DEDUP_SENT_EXACT) and with a
 * match allowing synonyms (para, >= DEDUP_SENT_PARA). */
typedef struct dedup_coverage {
    double exact, para;
} dedup_coverage;

/* The relation of documents a and b from their coverages: duplicate when both are covered
 * verbatim; contained when one is (the excerpt, *a_inside says which) and the two are not
 * merely versions of one text; paraphrase when either is covered with synonyms. *score is
 * the deciding coverage. */
dedup_relation dedup_decide(dedup_coverage ca, dedup_coverage cb, int *a_inside, double *score);

/* Compares the documents of c. Never fails; out is freed with dedup_result_free. Corpora of
 * DEDUP_LSH_MIN_DOCS documents or more take their candidate pairs from MinHash/LSH. */
void dedup_documents(const chorus_corpus *c, dedup_result *out);

/* Below this many documents every pair is compared: cheaper than sketching, and exact. */
#define DEDUP_LSH_MIN_DOCS 64

/* The streaming form: an index keeps per document only what exact scoring and candidate
 * search need (per sentence and per document its sorted content-stem ids in a global stem
 * table; the LSH band keys; the sentence fingerprints; optionally id/title/source/origin), one
 * to two KB per news article, so memory grows linearly with the documents and no corpus text
 * is kept. Batches
 * of documents are added as small corpora and can be freed right after. */
typedef struct dedup_index dedup_index;

typedef struct dedup_doc_meta {
    const char *origin, *id, *title, *source; /* title, source may be NULL */
} dedup_doc_meta;

/* keep_meta: also keep each document's origin, id, title and source (for reports). */
dedup_index *dedup_index_new(int keep_meta);
void dedup_index_free(dedup_index *ix);
/* Adds every document of c, in order; their indices continue those added before. */
void dedup_index_add(dedup_index *ix, const chorus_corpus *c);
/* The same for a caller that sends every batch through one corpus, emptied in between with
 * corpus_clear_documents: *map translates that corpus's stem ids to the index's and is kept
 * from batch to batch (start it as {0}, free it with dedup_stem_map_free). */
typedef struct dedup_stem_map {
    uint32_t *ids;
    size_t n;
} dedup_stem_map;
void dedup_index_add_batch(dedup_index *ix, const chorus_corpus *c, dedup_stem_map *map);
/* The same for document d of c alone (the index numbers documents in the order they are
 * added): for a corpus whose tokens are made one document at a time (corpus_tokenize_document). */
void dedup_index_add_document(dedup_index *ix, const chorus_corpus *c, uint32_t d,
                              dedup_stem_map *map);
void dedup_stem_map_free(dedup_stem_map *map);
size_t dedup_index_count(const dedup_index *ix);
const dedup_doc_meta *dedup_index_meta(const dedup_index *ix, uint32_t doc); /* NULL if not kept */
/* Relations and document groups of all documents added (no sentence groups: nsgroups = 0).
 * lsh: 1 always uses MinHash/LSH candidates, 0 never, -1 from DEDUP_LSH_MIN_DOCS. */
void dedup_index_run(dedup_index *ix, int lsh, dedup_result *out);
/* dedup_index_run with the candidate pairs given instead of LSH's: cand[0..n), a << 32 | b with
 * a < b, distinct. What follows the candidates (prefilter, alignment, groups completed) is as
 * with LSH. For tests. */
void dedup_index_run_candidates(dedup_index *ix, const uint64_t *cand, size_t n, dedup_result *out);
/* The most keys (its stems and their synonyms) S_align lists for one document's bounds
 * (default ALIGN_BOUND_KEYS, 2^22); over it, the pair is aligned without bounds. Only the work
 * changes, never the result. For tests (0 or 1: every pair without bounds). */
void dedup_index_set_bound_keys(dedup_index *ix, uint32_t keys);
void dedup_result_free(dedup_result *r);

/* "duplicate", "contained", "paraphrase" ("none"). */
const char *dedup_relation_name(dedup_relation r);

/* Number of distinct groups among the given documents (independent sources of a fact). */
size_t dedup_count_groups(const dedup_result *r, const uint32_t *docs, size_t n);

#endif
