/* vec: typed growable arrays as a macro, so that each use keeps its element type.
 *
 *     VEC(int) v = {0};
 *     VEC_PUSH(&v, 42);
 *     for (size_t i = 0; i < v.len; i++) use(v.items[i]);
 *     VEC_FREE(&v);
 */
#ifndef CHORUS_CORE_VEC_H
#define CHORUS_CORE_VEC_H

#include <stdlib.h>

#include "core/alloc.h"

#define VEC(T)                                                                                     \
    struct {                                                                                       \
        T *items;                                                                                  \
        size_t len, cap;                                                                           \
    }

/* Room for n more items. The test is inline: a push is usually one compare, not a call (a call
 * per push was 2% of `chorus dedup`). v and n are evaluated more than once. */
#define VEC_RESERVE(v, n)                                                                          \
    ((v)->len + (n) <= (v)->cap                                                                    \
         ? (void)0                                                                                 \
         : (void)((v)->items = xgrow((v)->items, sizeof(*(v)->items), &(v)->cap, (v)->len + (n))))
#define VEC_PUSH(v, x) (VEC_RESERVE(v, 1), (v)->items[(v)->len++] = (x))
#define VEC_FREE(v) (free((v)->items), (v)->items = NULL, (v)->len = (v)->cap = 0)

#endif
