/* unionfind: disjoint sets over 0..n-1 in a parent array, for grouping things that say the
 * same (sentences, quotes, entity variants, copies of an article). Callers choose how two
 * roots are joined; some keep the smaller index as the root so that a group is named by its
 * first member. */
#ifndef CHORUS_CORE_UNIONFIND_H
#define CHORUS_CORE_UNIONFIND_H

#include <stddef.h>
#include <stdint.h>

/* parent[i] = i for every i < n: every element alone. */
void uf_init(uint32_t *parent, size_t n);

/* The root of x's set (with path halving, so parent is updated). */
uint32_t uf_find(uint32_t *parent, uint32_t x);

/* Joins the sets of a and b under the smaller of their two roots. */
void uf_union_min(uint32_t *parent, uint32_t a, uint32_t b);

/* The members of each set, contiguous: the elements whose root is r are
 * (*members)[(*start)[r] .. (*start)[r + 1]), ascending; *start has n + 1 entries. Both are
 * malloc'ed for the caller. */
void uf_members(uint32_t *parent, size_t n, uint32_t **start, uint32_t **members);

#endif
