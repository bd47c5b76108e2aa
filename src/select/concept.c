/* Concepts as in Gillick & Favre (2009): bigrams of stemmed words where at least one word is
 * not a stopword, weighted by document frequency. A concept seen in only one or two articles is
 * noise for a multi-document summary, so rare concepts get no weight. */
#include <stdlib.h>
#include <string.h>

#include "core/strtab.h"
#include "select/select.h"

/* Minimum document frequency for a concept to count, by number of documents. */
static uint32_t S_min_df(size_t ndocs)
{
    if (ndocs >= 8)
        return 3;
    if (ndocs >= 2)
        return 2;
    return 1;
}

typedef VEC(uint32_t) u32vec;

/* Writes the concept keys (stem pairs) of sentence s to keys; returns how many. */
static size_t S_bigrams(const chorus_corpus *c, const sentence *s, uint64_t *keys)
{
    const token *t = sentence_tokens(c, s);
    size_t n = 0;
    int have_prev = 0;
    token prev = {0};
    for (uint32_t k = 0; k < s->ntokens; k++) {
        if (!(t[k].flags & TOK_WORD))
            continue;
        if (have_prev && !((prev.flags & TOK_STOP) && (t[k].flags & TOK_STOP)))
            keys[n++] = ((uint64_t)prev.stem << 32) | t[k].stem;
        prev = t[k];
        have_prev = 1;
    }
    return n;
}

void concept_index_build(const chorus_corpus *c, const uint32_t *cand, size_t ncand,
                         const select_params *p, concept_index *out)
{
    strtab ids;
    strtab_init(&ids);
    u32vec df = {0}, last_doc = {0}, freq = {0}, lead = {0}, last_lead = {0};
    uint64_t *keys = NULL;
    size_t keys_cap = 0;

    /* Document frequency over every prose sentence of every document, candidate or not. */
    for (size_t si = 0; si < c->sentences.len; si++) {
        const sentence *s = &c->sentences.items[si];
        if (s->flags & SENT_HEADLINE)
            continue;
        keys = xgrow(keys, sizeof *keys, &keys_cap, s->ntokens + 1);
        size_t nk = S_bigrams(c, s, keys);
        for (size_t k = 0; k < nk; k++) {
            uint32_t id = strtab_intern(&ids, (const char *)&keys[k], sizeof keys[k]);
            if (id == df.len) {
                VEC_PUSH(&df, 0);
                VEC_PUSH(&last_doc, UINT32_MAX);
                VEC_PUSH(&freq, 0);
                VEC_PUSH(&lead, 0);
                VEC_PUSH(&last_lead, UINT32_MAX);
            }
            /* Articles that carry the concept in their first sentences: what a reporter puts
             * first is what the story is about. */
            if (s->index < p->lead_sentences && last_lead.items[id] != s->doc) {
                last_lead.items[id] = s->doc;
                lead.items[id]++;
            }
            freq.items[id]++;
            if (last_doc.items[id] != s->doc) {
                last_doc.items[id] = s->doc;
                df.items[id]++;
            }
        }
    }

    out->nconcepts = df.len;
    out->weight = xcalloc(df.len ? df.len : 1, sizeof *out->weight);
    size_t ndocs = c->docs.len;
    uint32_t min_df = p->min_df ? p->min_df : S_min_df(ndocs);
    for (size_t i = 0; i < df.len; i++) {
        if (ndocs == 1) /* one article: repetition within it is the only signal */
            out->weight[i] = freq.items[i] >= 2 ? (double)freq.items[i] : 0;
        else if (df.items[i] >= min_df)
            out->weight[i] = (double)df.items[i] + p->lead_boost * lead.items[i];
    }

    out->start = xmalloc((ncand + 1) * sizeof *out->start);
    u32vec concepts = {0};
    for (size_t i = 0; i < ncand; i++) {
        const sentence *s = &c->sentences.items[cand[i]];
        out->start[i] = (uint32_t)concepts.len;
        keys = xgrow(keys, sizeof *keys, &keys_cap, s->ntokens + 1);
        size_t nk = S_bigrams(c, s, keys);
        for (size_t k = 0; k < nk; k++) {
            uint32_t id = strtab_find(&ids, (const char *)&keys[k], sizeof keys[k]);
            if (id == STRTAB_NONE || out->weight[id] <= 0)
                continue;
            int seen = 0;
            for (size_t j = out->start[i]; j < concepts.len && !seen; j++)
                seen = concepts.items[j] == id;
            if (!seen)
                VEC_PUSH(&concepts, id);
        }
    }
    out->start[ncand] = (uint32_t)concepts.len;
    out->concepts = concepts.items;
    free(keys);
    VEC_FREE(&df);
    VEC_FREE(&last_doc);
    VEC_FREE(&freq);
    VEC_FREE(&lead);
    VEC_FREE(&last_lead);
    strtab_free(&ids);
}

void concept_index_free(concept_index *ci)
{
    free(ci->start);
    free(ci->concepts);
    free(ci->weight);
    memset(ci, 0, sizeof *ci);
}
