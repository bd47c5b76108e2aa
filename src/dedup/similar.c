#include "dedup/similar.h"

#include <math.h>
#include <stdlib.h>

#include "core/alloc.h"

static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

void signatures_build(const chorus_corpus *c, signatures *out)
{
    size_t ns = c->sentences.len;
    out->start = xmalloc((ns + 1) * sizeof *out->start);
    out->stems = xmalloc((c->tokens.len ? c->tokens.len : 1) * sizeof *out->stems);
    uint32_t n = 0;
    for (size_t i = 0; i < ns; i++) {
        const sentence *s = &c->sentences.items[i];
        const token *t = sentence_tokens(c, s);
        out->start[i] = n;
        uint32_t first = n;
        for (uint32_t k = 0; k < s->ntokens; k++)
            if ((t[k].flags & TOK_WORD) && !(t[k].flags & TOK_STOP))
                out->stems[n++] = t[k].stem;
        qsort(out->stems + first, n - first, sizeof *out->stems, S_cmp_u32);
        uint32_t w = first;
        for (uint32_t k = first; k < n; k++)
            if (k == first || out->stems[k] != out->stems[w - 1])
                out->stems[w++] = out->stems[k];
        n = w;
    }
    out->start[ns] = n;
}

void signatures_free(signatures *s)
{
    free(s->start);
    free(s->stems);
    s->start = s->stems = NULL;
}

double similar_sentences(const signatures *sig, uint32_t a, uint32_t b)
{
    const uint32_t *x = sig->stems + sig->start[a], *xe = sig->stems + sig->start[a + 1];
    const uint32_t *y = sig->stems + sig->start[b], *ye = sig->stems + sig->start[b + 1];
    size_t nx = (size_t)(xe - x), ny = (size_t)(ye - y), common = 0;
    if (!nx || !ny)
        return 0;
    while (x < xe && y < ye) {
        if (*x == *y)
            common++, x++, y++;
        else if (*x < *y)
            x++;
        else
            y++;
    }
    return (double)common / sqrt((double)nx * (double)ny);
}
