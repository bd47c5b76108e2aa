/* cover: exact budgeted maximum coverage, the optimizer behind concept-based selection.
 *
 * Items (sentences) have a cost (words) and a set of concepts; concepts have weights. Find the
 * set of items within the budget that maximizes the total weight of the concepts covered at
 * least once, with no two items that are declared in conflict (near-duplicates). This is the
 * integer program of Gillick & Favre (2009), solved by branch and bound:
 *
 *  - each node re-ranks its remaining items by marginal gain per cost and bounds the best
 *    completion by the fractional knapsack over those marginal gains (valid because an item's
 *    gain given more chosen items can only shrink: coverage is submodular);
 *  - children enumerate "include item i, then only items ranked after i", which visits every
 *    feasible subset at most once;
 *  - the greedy solution seeds the incumbent so most of the tree is pruned at once.
 *
 * A node limit keeps pathological inputs bounded; the solution says whether optimality was
 * proven. */
#ifndef CHORUS_SELECT_COVER_H
#define CHORUS_SELECT_COVER_H

#include <stddef.h>
#include <stdint.h>

typedef struct cover_problem {
    size_t nitems;
    const uint32_t *cost;          /* per item, > 0 */
    const uint32_t *concept_start; /* nitems + 1 offsets into concepts (CSR) */
    const uint32_t *concepts;      /* concept ids, no repeats within an item */
    size_t nconcepts;
    const double *weight;          /* per concept, >= 0 */
    const uint32_t *conflict_start; /* nitems + 1 offsets into conflicts, or NULL for none */
    const uint32_t *conflicts;      /* items that may not be chosen together with the item */
    uint32_t budget;
    size_t max_nodes; /* 0: a default of 200000 */
    /* Also a limit on the work: items looked at over all nodes (each node scores and sorts
     * its remaining items). 0: a default of 40 million, above the largest search of any DUC
     * 2001/2002 cluster at 100 or 200 words (35 million), which bounds the time of inputs
     * that are not one story (thousands of unrelated articles) to a few seconds. */
    size_t max_work;
} cover_problem;

typedef struct cover_solution {
    uint32_t *items; /* malloc'ed, in the order chosen */
    size_t n;
    double value;
    int optimal;  /* 1 if the search finished within the node and work limits */
    size_t nodes; /* search nodes visited */
} cover_solution;

void cover_solve(const cover_problem *p, cover_solution *out);
/* The greedy algorithm alone (marginal gain per cost, with Khuller et al.'s best-single-item
 * check), for comparison and as the incumbent. */
void cover_greedy(const cover_problem *p, cover_solution *out);
void cover_solution_free(cover_solution *s);

#endif
