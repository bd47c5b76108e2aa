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

typedef struct selection {
    uint32_t *sentences; /* corpus sentence indices, in reading order */
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
 * documents contain them. */
typedef struct concept_index {
    uint32_t *start;    /* ncand + 1 offsets into concepts */
    uint32_t *concepts; /* concept ids with positive weight, distinct per sentence */
    size_t nconcepts;
    double *weight;
} concept_index;

void concept_index_build(const chorus_corpus *c, const uint32_t *cand, size_t ncand,
                         concept_index *out);
void concept_index_free(concept_index *ci);

#endif
