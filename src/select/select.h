/* select: choosing the summary sentences of one event within a budget, and ordering them.
 *
 * Only candidate sentences are ever chosen: prose of reasonable length, never headings,
 * fragments or questions. Methods differ in how they score; all of them respect the budget and
 * never choose two sentences that say the same thing (dedup/similar.h). */
#ifndef CHORUS_SELECT_H
#define CHORUS_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "corpus/corpus.h"
#include "dedup/similar.h"

/* A compressed variant of one sentence (select/compress.c): byte ranges of the sentence text
 * deleted, nothing else changed except the first letter, upper-cased when the sentence's
 * opening was deleted. ncuts = 0: the whole sentence. */
#define COMPRESS_MAX_CUTS 8
typedef struct select_compress {
    uint32_t ncuts;
    uint32_t cut[COMPRESS_MAX_CUTS][2]; /* [begin, end) offsets in the sentence, ascending */
    int capitalize;                     /* upper-case the first kept letter (ASCII) */
    uint32_t words;                     /* whitespace-separated words of the variant */
    uint32_t len;                       /* bytes of the variant text */
} select_compress;

/* The rules, as a bit mask. */
enum {
    COMPRESS_TRAILING = 1, /* ", he said." / ", officials said Monday." / ", according to X." */
    COMPRESS_LEADING = 2,  /* "However, " / "On Sunday, " / "In a statement on Monday, " */
    COMPRESS_ASIDE = 4,    /* "(...)" and short asides between dashes */
    COMPRESS_ALL = 7,
    /* Not part of COMPRESS_ALL (the optimizer's variants): mid-sentence time adjuncts, "on
     * Monday (night)", "last week", "(early) today", "said Monday", applied to the chosen
     * sentences by trim_time. */
    COMPRESS_TEMPORAL = 8,
    /* Also applied to the chosen sentences only (trim_attrib, trim_honorific): the trailing
     * rule for reporting verbs only (", he said.", ", officials said.", ", said Jane Roe, a
     * spokeswoman.", not ", according to X."), and "Mr."/"Mrs."/"Ms." before a name. */
    COMPRESS_ATTRIBUTION = 16,
    COMPRESS_HONORIFIC = 32,
};

/* Finds the deletions the rules in `rules` allow in the sentence text[0, len) and fills v.
 * Returns 1 when there is at least one and the variant keeps its quotation marks balanced and
 * `min_words` words or more; 0 otherwise. */
int select_compress_find(const char *text, uint32_t len, unsigned rules, uint32_t min_words,
                         select_compress *v);
/* Writes the variant text (v->len bytes and a NUL) to out (capacity len + 1); returns v->len.
 * ncuts = 0 copies the text. */
uint32_t select_compress_text(const char *text, uint32_t len, const select_compress *v, char *out);
/* 1 when the bytes [b, e) of the sentence survive the deletions of v (NULL: always). */
int select_compress_keeps(const select_compress *v, uint32_t b, uint32_t e);

typedef struct selection {
    uint32_t *sentences; /* corpus sentence indices, in reading order */
    select_compress *compressed; /* per sentence: the variant used (ncuts = 0: whole) */
    size_t n;
    uint32_t cut_words; /* > 0: the last sentence is cut after this many words (fill mode) */
    int optimal;        /* the optimizer proved its choice optimal */
} selection;

/* Shortest sentence (in words) a summary may use: shorter ones are fragments. */
#define SELECT_MIN_WORDS 8
/* Longest: run-on paragraphs that were never split are not summary sentences. */
#define SELECT_MAX_WORDS 80

int select_is_candidate(const chorus_corpus *c, const sentence *s);

chorus_code select_summary(const chorus_corpus *c, const signatures *sig,
                           const chorus_summary_options *o, selection *out, chorus_error *err);
void selection_free(selection *s);

/* Concept weighting (select/concept.c): content-word bigrams of stems, weighted by how many
 * documents contain them, plus (uni_weight) content-word unigrams at a fraction of that weight
 * and (pos_bonus) one private concept per unit that opens its article. With report_verbs,
 * "say"/"said" and every bigram that contains it are no concepts. */
typedef struct concept_index {
    uint32_t *start;    /* ncand + 1 offsets into concepts */
    uint32_t *concepts; /* concept ids with positive weight, distinct per sentence */
    size_t nconcepts;
    double *weight;
} concept_index;

/* Tunable parts of selection. The defaults are the values measured best on the development
 * sets (bench/results/quality.md); the environment variable CHORUS_SELECT_PARAMS
 * ("name=value,name=value", names as below) overrides them for ablations only. */
typedef struct select_params {
    uint32_t min_words;      /* candidate filter: shortest sentence, in words */
    uint32_t min_df;         /* concept: minimum document frequency; 0 = by corpus size */
    uint32_t lead_sentences; /* concept: the first k sentences of each article ... */
    double lead_boost;       /* ... add this much per article to the weight of their concepts */
    double sm_alpha;         /* submodular: saturation alpha = sm_alpha / N */
    double sm_lambda;        /* submodular: weight of the diversity reward */
    double sm_r;             /* submodular: cost scaling exponent of the greedy */
    double sm_clusters;      /* submodular: clusters K = sm_clusters * N */
    double lr_threshold;     /* lexrank: cosine threshold of the graph */
    double lr_damping;       /* lexrank: teleport probability */
    double rerank;           /* centroid, lexrank: skip sentences this similar to a chosen one */
    uint32_t centroid_words; /* centroid: how many top words the centroid keeps */
    int fill_concept;        /* --fill: 1 = the cut sentence whose kept words add the most
                                concept weight; 0 = the largest share of new content stems */
    int quotes;              /* 1: a sentence with unbalanced quotation marks (it continues or
                                closes a quotation of another sentence) never stands alone */
    int dangling;            /* 1: a sentence opening with "He said", "But", "It"... (not first
                                in its article) never stands alone */
    int pair_prev;           /* concept: such a sentence may still be chosen together with its
                                predecessor, as one item (when that fixes it) */
    double uni_weight;       /* concept: > 0: content-word unigrams are concepts too, at this
                                fraction of a bigram's weight */
    int report_verbs;        /* concept: 1 = the reporting verb "say" (stems "say", "said") is
                                no concept word: no unigram, and no bigram that contains it */
    double pos_bonus;        /* concept: per chosen unit that starts in its article's first
                                pos_sentences sentences, this much objective */
    uint32_t pos_sentences;
    uint32_t compress;       /* concept: 1 = every stand-alone candidate also has its
                                compressed variant (all rules of compress_rules at once) as a
                                unit in conflict with it; 2 = also one variant per rule */
    uint32_t compress_rules; /* COMPRESS_* mask */
    int trim_time;           /* concept: 1 = the chosen sentences drop their mid-sentence time
                                adjuncts (COMPRESS_TEMPORAL) before --fill takes the words */
    int trim_attrib;         /* concept: 1 = likewise their trailing attribution ", he said."
                                (COMPRESS_ATTRIBUTION) */
    int trim_honorific;      /* concept: 1 = likewise "Mr."/"Mrs."/"Ms." before a name
                                (COMPRESS_HONORIFIC) */
    int quoted_copies;       /* 1: a sentence whose near-copy in another article is part of a
                                quotation there (unbalanced marks) counts as a quotation too:
                                copies often lose their quotation marks */
    /* Not a knob: set for one call by select_summary when quoted_copies is on; per corpus
     * sentence, 1 for those sentences (NULL: none). */
    const uint8_t *quoted;
} select_params;

/* A unit the concept optimizer chooses: `n` consecutive sentences of one article from corpus
 * sentence `first` (n = 2: a sentence that needs its predecessor, taken with it), or (comp
 * not NULL, n = 1) a compressed variant of sentence `first`, whose concepts come from the
 * tokens it keeps. */
typedef struct select_unit {
    uint32_t first, n;
    const select_compress *comp;
} select_unit;

void select_params_default(select_params *p);
/* Applies "name=value,..." to p; returns 0, or -1 on an unknown name or bad value. */
int select_params_parse(select_params *p, const char *spec);

int select_is_candidate_p(const chorus_corpus *c, const sentence *s, const select_params *p);

void concept_index_build(const chorus_corpus *c, const uint32_t *cand, size_t ncand,
                         const select_params *p, concept_index *out);
/* The same over units: a unit's concepts are the union of its sentences'. */
void concept_index_build_units(const chorus_corpus *c, const select_unit *units, size_t nunits,
                               const select_params *p, concept_index *out);
/* The two halves of concept_index_build_units, for callers that index several unit sets of
 * one corpus under the same weights: the corpus pass (every concept and its weight, from
 * document frequency; everything in p but pos_bonus), and the units' concept lists. */
typedef struct concept_weights concept_weights;
concept_weights *concept_weights_build(const chorus_corpus *c, const select_params *p);
void concept_weights_free(concept_weights *w);
void concept_index_units(const chorus_corpus *c, const concept_weights *w, const select_unit *units,
                         size_t nunits, const select_params *p, concept_index *out);
void concept_index_free(concept_index *ci);
/* 1 when the quotation marks of text[0, len) are balanced: straight ones an even number of
 * times, and no typographic or TeX-style (`` '') closing mark before its opening one. */
int select_quotes_balanced(const char *text, size_t len);

/* ---- the similarity-based methods (select/methods.c) ------------------------------------- */

/* TF-IDF vectors of the candidates over content-word stems; idf = log(S / sf) with S the
 * article sentences of the corpus and sf how many of them hold the stem (the cluster is the
 * only collection we have, and sentence-level idf still weights its topic words). */
typedef struct tfidf {
    size_t n;
    uint32_t *start; /* n + 1 offsets */
    uint32_t *term;  /* stem ids, ascending within a sentence */
    double *w;       /* tf * idf, each vector L2-normalized */
} tfidf;

void tfidf_build(const chorus_corpus *c, const uint32_t *cand, size_t n, tfidf *out);
void tfidf_free(tfidf *v);
/* The dense n x n cosine matrix (row-major), 1 on the diagonal of non-empty vectors. */
double *tfidf_cosines(const tfidf *v);

/* A budgeted selection problem over items with a dense similarity matrix. */
typedef struct sim_problem {
    size_t n;
    const double *sim;      /* n x n, symmetric, row-major */
    const uint32_t *cost;   /* per item, > 0 */
    uint32_t budget;
    const uint8_t *conflict; /* n x n, or NULL: 1 = may not be chosen together */
} sim_problem;

/* Lin & Bilmes (2011): F(S) = sum_i min(C_i(S), alpha C_i(V)) + lambda sum_k sqrt(sum_{j in
 * P_k and S} r_j), C_i(S) = sum_{j in S} sim(i, j), r_j = mean_i sim(i, j), maximized by the
 * cost-scaled greedy (gain / cost^r) followed by the best-singleton check. cluster[i] < K is
 * the partition P. Writes the chosen items to out (capacity n) in the order chosen; returns
 * how many. */
size_t submodular_select(const sim_problem *p, const uint32_t *cluster, double alpha,
                         double lambda, double r, uint32_t *out);
/* The objective F of the above for a given set (for tests and the singleton check). */
double submodular_value(const sim_problem *p, const uint32_t *cluster, double alpha,
                        double lambda, const uint32_t *items, size_t nitems);
/* A deterministic k-medoids partition of the items into k clusters by similarity. */
void sim_cluster(const double *sim, size_t n, size_t k, uint32_t *cluster);
/* LexRank (Erkan & Radev 2004): stationary distribution of the random walk on the graph with
 * an edge where sim > threshold, teleporting with probability damping. */
void lexrank_scores(const double *sim, size_t n, double threshold, double damping, double *out);
/* Items by descending score, each taken if it fits and is less than `rerank` similar to every
 * item already taken (MEAD's reranker). Returns how many were written to out. */
size_t rerank_select(const sim_problem *p, const double *score, double rerank, uint32_t *out);

/* A score and what it belongs to. select_sort_scored orders them by score, highest first,
 * ties by id, so that every ranking in selection is deterministic. */
typedef struct select_scored {
    double score;
    uint32_t id;
} select_scored;
void select_sort_scored(select_scored *v, size_t n);
/* MEAD centroid scores: sum of centroid values of the words (top `keep` words of the mean
 * TF-IDF document vector) plus the position score (n - i) / n * max centroid score of the
 * article. */
void centroid_scores(const chorus_corpus *c, const uint32_t *cand, size_t n, uint32_t keep,
                     double *out);

#endif
