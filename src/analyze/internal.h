/* analyze/internal.h: what the analysis modules share — the per-module build steps and small
 * helpers over tokens and document sets. Not part of any public interface. */
#ifndef CHORUS_ANALYZE_INTERNAL_H
#define CHORUS_ANALYZE_INTERNAL_H

#include <string.h>

#include "analyze/analyze.h"

/* Build steps, in the order analysis_build runs them (later ones read earlier results). */
void entities_build(analysis *an);
void conflicts_build(analysis *an, const signatures *sig);
void quotes_build(analysis *an, const signatures *sig);
void timeline_build(analysis *an, const signatures *sig);

static inline const char *an_term(const chorus_corpus *c, const token *t)
{
    return strtab_get(&c->terms, t->term);
}

static inline int an_term_is(const chorus_corpus *c, const token *t, const char *w)
{
    return strcmp(strtab_get(&c->terms, t->term), w) == 0;
}

/* Is w one of the NULL-terminated list? (Lists are short; a linear scan is fine.) */
int an_in_list(const char *w, const char *const *list);

/* The bytes of the document text between tokens a and b (a before b), e.g. ", " or " ". */
static inline const char *an_gap(const chorus_corpus *c, const document *d, const token *a,
                                 const token *b, size_t *len)
{
    (void)c;
    *len = b->start - (a->start + a->len);
    return d->text + a->start + a->len;
}

/* Is the gap between two adjacent tokens only white space? */
int an_gap_is_space(const document *d, const token *a, const token *b);

/* A doc_set from a 0/1 flag per document, allocated in mem. */
doc_set an_docset_from_flags(arena *mem, const uint8_t *has, size_t ndocs);

/* Reporting verbs: "said", "told", "added", "stressed" ... (and "according"). */
int an_is_reporting_verb(const char *term);

/* The day of a proleptic Gregorian date, and back. */
int32_t an_days_from_civil(int y, int m, int d);
void an_civil_from_days(int32_t z, int *y, int *m, int *d);

/* Union-find over n sets of sorted stems (set i: stems[i][0 .. len[i])): joins every two sets
 * that are identical (hash sort, n log n). The candidate indexes skip stems carried by very many
 * items, so this catches what they miss: hundreds of verbatim copies of one sentence or quote.
 * parent[] roots are kept at the smallest index. */
void an_union_identical(const uint32_t *const *stems, const size_t *len, size_t n,
                        uint32_t *parent);

/* How many signature stems sentences a and b share. */
size_t an_shared_stems(const signatures *sig, uint32_t a, uint32_t b);

#endif
