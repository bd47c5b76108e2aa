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
    int compressed;    /* 1: the text is the sentence with phrases deleted (select/compress.c):
                          an attribution, an opening adverbial, a parenthetical or dash aside */
    uint32_t *sources; /* document indices (0-based, ascending) carrying it or a near-copy */
    size_t nsources;
    size_t nindependent; /* distinct document groups among sources: a syndicated, excerpted
                            or reworded copy adds to sources, not to independent sources */
} summary_item;

struct chorus_summary {
    const chorus_corpus *corpus;
    chorus_summary_options opts;
    arena mem;
    summary_item *items;
    size_t n;
    int optimal;
    /* Document groups (dedup/dedup.h), per document: the first document of its group; the
     * document it copies (UINT32_MAX when it is no copy: an excerpt copies the article it is
     * cut from; of two duplicates or paraphrases the later one is the copy), and how
     * (dedup_relation). */
    uint32_t *doc_group;
    uint32_t *doc_copy_of;
    uint8_t *doc_relation;
    /* Sources and document groups are computed once, on demand (summary_sources_ensure):
     * document dedup is most of the cost of a summary and only the text, JSON, Markdown and
     * HTML renderings need it. */
    int sources_done;
};

/* Fills the sources and document groups of sum if not done yet. The summary is logically
 * const: this only completes it, so renderers taking a const summary call it; not safe to
 * call on one summary from two threads at once. */
void summary_sources_ensure(const chorus_summary *sum);

#endif
