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

#define VEC_RESERVE(v, n)                                                                          \
    ((v)->items = xgrow((v)->items, sizeof(*(v)->items), &(v)->cap, (v)->len + (n)))
#define VEC_PUSH(v, x) (VEC_RESERVE(v, 1), (v)->items[(v)->len++] = (x))
#define VEC_FREE(v) (free((v)->items), (v)->items = NULL, (v)->len = (v)->cap = 0)

#endif
