/* summary: the chosen sentences of one event with the articles that carry each of them. */
#ifndef CHORUS_SUMMARY_H
#define CHORUS_SUMMARY_H

#include "chorus.h"
#include "core/alloc.h"
#include "corpus/corpus.h"

typedef struct summary_item {
    uint32_t sentence; /* corpus sentence index */
    const char *text;  /* NUL-terminated; cut after cut_words words in fill mode */
    int cut;           /* 1: the text is the start of the sentence only */
    uint32_t *sources; /* document indices (0-based, ascending) carrying it or a near-copy */
    size_t nsources;
} summary_item;

struct chorus_summary {
    const chorus_corpus *corpus;
    chorus_summary_options opts;
    arena mem;
    summary_item *items;
    size_t n;
    int optimal;
};

#endif
