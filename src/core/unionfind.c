#include "core/unionfind.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

void uf_init(uint32_t *parent, size_t n)
{
    for (size_t i = 0; i < n; i++)
        parent[i] = (uint32_t)i;
}

uint32_t uf_find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x) {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    return x;
}

void uf_union_min(uint32_t *parent, uint32_t a, uint32_t b)
{
    uint32_t ra = uf_find(parent, a), rb = uf_find(parent, b);
    if (ra != rb)
        parent[ra > rb ? ra : rb] = ra < rb ? ra : rb;
}

void uf_members(uint32_t *parent, size_t n, uint32_t **start, uint32_t **members)
{
    /* A counting sort by root; elements are visited in order, so each set comes ascending. */
    uint32_t *st = xcalloc(n + 1, sizeof *st), *mem = xmalloc((n ? n : 1) * sizeof *mem);
    for (size_t i = 0; i < n; i++)
        st[uf_find(parent, (uint32_t)i) + 1]++;
    for (size_t i = 0; i < n; i++)
        st[i + 1] += st[i];
    uint32_t *fill = xmalloc((n ? n : 1) * sizeof *fill);
    if (n)
        memcpy(fill, st, n * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        mem[fill[uf_find(parent, (uint32_t)i)]++] = (uint32_t)i;
    free(fill);
    *start = st;
    *members = mem;
}
