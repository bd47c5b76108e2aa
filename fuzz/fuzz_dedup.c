/* libFuzzer target for dedup's candidate path: the input's documents (split at NUL bytes, at
 * most 96 of them) are indexed and related twice, through MinHash/LSH candidates (forced, however
 * few the documents) and by comparing every pair.
 *
 * A pair's relation and score depend on the two documents alone (candidates, prefilter runs and
 * the completion of groups only choose which pairs are aligned), so every pair the candidate
 * path reports must be in the every-pair result, the same. Aborts when one is not, or when a
 * pair's documents are in different groups. See fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "chorus.h"
#include "corpus/corpus.h"
#include "dedup/dedup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_DOCS = 96 };

static const dedup_pair *S_find(const dedup_result *r, uint32_t a, uint32_t b)
{
    for (size_t k = 0; k < r->npairs; k++)
        if ((r->pairs[k].a == a && r->pairs[k].b == b) ||
            (r->pairs[k].a == b && r->pairs[k].b == a))
            return &r->pairs[k];
    return NULL;
}

static void S_check_groups(const dedup_result *r, size_t nd)
{
    for (size_t k = 0; k < r->npairs; k++) {
        const dedup_pair *p = &r->pairs[k];
        if (p->a >= nd || p->b >= nd || p->a == p->b || r->group[p->a] != r->group[p->b])
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_corpus *c = chorus_corpus_new(NULL);
    size_t start = 0, ndocs = 0;
    for (size_t i = 0; i <= size && ndocs < MAX_DOCS; i++) {
        if (i < size && data[i] != 0)
            continue;
        if (i > start) {
            (void)chorus_corpus_add_text(c, "doc.txt", (const char *)data + start, i - start, NULL);
            ndocs++;
        }
        start = i + 1;
    }
    dedup_index *ix = dedup_index_new(0);
    dedup_index_add(ix, c);
    size_t nd = dedup_index_count(ix);
    dedup_result every, lsh;
    dedup_index_run(ix, 0, &every);
    dedup_index_run(ix, 1, &lsh);
    S_check_groups(&every, nd);
    S_check_groups(&lsh, nd);
    for (size_t k = 0; k < lsh.npairs; k++) {
        const dedup_pair *p = &lsh.pairs[k], *q = S_find(&every, p->a, p->b);
        if (!q || q->a != p->a || q->b != p->b || q->relation != p->relation ||
            q->score != p->score)
            abort();
    }
    dedup_result_free(&every);
    dedup_result_free(&lsh);
    dedup_index_free(ix);
    chorus_corpus_free(c);
    return 0;
}
