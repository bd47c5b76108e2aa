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

/* Unigram concept keys: a stem with all high bits set (no bigram has that first stem). */
#define UNIGRAM_KEY(stem) (((uint64_t)UINT32_MAX << 32) | (stem))

/* Stems that are no concept words (report_verbs): the reporting verb "say" ("says", "saying"
 * stem to "say"; "said" is its own stem). STRTAB_NONE where the corpus lacks the word. */
typedef struct skip_stems {
    uint32_t stem[2];
} skip_stems;

static void S_skip_init(const chorus_corpus *c, const select_params *p, skip_stems *k)
{
    static const char *const verbs[2] = {"say", "said"};
    for (int i = 0; i < 2; i++)
        k->stem[i] = p->report_verbs ? strtab_find(&c->stems, verbs[i], strlen(verbs[i]))
                                     : STRTAB_NONE;
}

static int S_skipped(const skip_stems *k, uint32_t stem)
{
    return stem == k->stem[0] || stem == k->stem[1];
}

/* Writes the concept keys (stem pairs, then with `uni` content-word stems) of sentence s to
 * keys (capacity 2 * ntokens + 1); returns how many. With a compressed variant v, only the
 * tokens it keeps count, and words either side of a deletion are neighbours (as in its text).
 * A skipped stem gives no key, and neither do the two bigrams it is part of. */
static size_t S_bigrams(const chorus_corpus *c, const sentence *s, const select_compress *v,
                        const skip_stems *skip, uint64_t *keys, int uni)
{
    const token *t = sentence_tokens(c, s);
    size_t n = 0;
    int have_prev = 0;
    token prev = {0};
    for (uint32_t k = 0; k < s->ntokens; k++) {
        if (!(t[k].flags & TOK_WORD))
            continue;
        if (v && !select_compress_keeps(v, t[k].start - s->start, t[k].start + t[k].len - s->start))
            continue;
        if (S_skipped(skip, t[k].stem)) {
            have_prev = 0;
            continue;
        }
        if (have_prev && !((prev.flags & TOK_STOP) && (t[k].flags & TOK_STOP)))
            keys[n++] = ((uint64_t)prev.stem << 32) | t[k].stem;
        if (uni && !(t[k].flags & TOK_STOP))
            keys[n++] = UNIGRAM_KEY(t[k].stem);
        prev = t[k];
        have_prev = 1;
    }
    return n;
}

/* The corpus side of a concept index: every concept key with its weight. */
struct concept_weights {
    strtab ids;     /* concept key -> id */
    double *weight; /* per id */
    size_t n;
    skip_stems skip;
    int uni;
};

concept_weights *concept_weights_build(const chorus_corpus *c, const select_params *p)
{
    concept_weights *w = xcalloc(1, sizeof *w);
    strtab_init(&w->ids);
    u32vec df = {0}, last_doc = {0}, freq = {0}, lead = {0}, last_lead = {0}, is_uni = {0};
    w->uni = p->uni_weight > 0;
    S_skip_init(c, p, &w->skip);
    uint64_t *keys = NULL;
    size_t keys_cap = 0;

    /* Document frequency over every prose sentence of every document, candidate or not. */
    for (size_t si = 0; si < c->sentences.len; si++) {
        const sentence *s = &c->sentences.items[si];
        if (s->flags & SENT_HEADLINE)
            continue;
        keys = xgrow(keys, sizeof *keys, &keys_cap, 2 * (size_t)s->ntokens + 1);
        size_t nk = S_bigrams(c, s, NULL, &w->skip, keys, w->uni);
        for (size_t k = 0; k < nk; k++) {
            uint32_t id = strtab_intern(&w->ids, (const char *)&keys[k], sizeof keys[k]);
            if (id == df.len) {
                VEC_PUSH(&df, 0);
                VEC_PUSH(&last_doc, UINT32_MAX);
                VEC_PUSH(&freq, 0);
                VEC_PUSH(&lead, 0);
                VEC_PUSH(&last_lead, UINT32_MAX);
                VEC_PUSH(&is_uni, (uint32_t)(keys[k] >> 32 == UINT32_MAX));
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
    free(keys);

    w->n = df.len;
    w->weight = xcalloc(w->n ? w->n : 1, sizeof *w->weight);
    size_t ndocs = c->docs.len;
    uint32_t min_df = p->min_df ? p->min_df : S_min_df(ndocs);
    for (size_t i = 0; i < df.len; i++) {
        if (ndocs == 1) /* one article: repetition within it is the only signal */
            w->weight[i] = freq.items[i] < 2 ? 0
                           : is_uni.items[i] ? p->uni_weight * freq.items[i]
                                            : (double)freq.items[i];
        else if (df.items[i] >= min_df) {
            double v = (double)df.items[i] + p->lead_boost * lead.items[i];
            w->weight[i] = is_uni.items[i] ? p->uni_weight * v : v;
        }
    }
    VEC_FREE(&df);
    VEC_FREE(&last_doc);
    VEC_FREE(&freq);
    VEC_FREE(&lead);
    VEC_FREE(&last_lead);
    VEC_FREE(&is_uni);
    return w;
}

void concept_weights_free(concept_weights *w)
{
    if (!w)
        return;
    strtab_free(&w->ids);
    free(w->weight);
    free(w);
}

void concept_index_units(const chorus_corpus *c, const concept_weights *w, const select_unit *units,
                         size_t nunits, const select_params *p, concept_index *out)
{
    /* Units that open an article get a concept of their own (pos_bonus): a sentence-level
     * reward in the same objective. */
    size_t nbonus = 0;
    if (p->pos_bonus > 0)
        for (size_t i = 0; i < nunits; i++)
            nbonus += c->sentences.items[units[i].first].index < p->pos_sentences;
    out->nconcepts = w->n + nbonus;
    out->weight = xcalloc(out->nconcepts ? out->nconcepts : 1, sizeof *out->weight);
    if (w->n)
        memcpy(out->weight, w->weight, w->n * sizeof *out->weight);
    for (size_t i = w->n; i < out->nconcepts; i++)
        out->weight[i] = p->pos_bonus;

    uint64_t *keys = NULL;
    size_t keys_cap = 0;
    out->start = xmalloc((nunits + 1) * sizeof *out->start);
    u32vec concepts = {0};
    for (size_t i = 0; i < nunits; i++) {
        out->start[i] = (uint32_t)concepts.len;
        for (uint32_t m = 0; m < units[i].n; m++) {
            const sentence *s = &c->sentences.items[units[i].first + m];
            keys = xgrow(keys, sizeof *keys, &keys_cap, 2 * (size_t)s->ntokens + 1);
            size_t nk = S_bigrams(c, s, units[i].comp, &w->skip, keys, w->uni);
            for (size_t k = 0; k < nk; k++) {
                uint32_t id = strtab_find(&w->ids, (const char *)&keys[k], sizeof keys[k]);
                if (id == STRTAB_NONE || out->weight[id] <= 0)
                    continue;
                int seen = 0;
                for (size_t j = out->start[i]; j < concepts.len && !seen; j++)
                    seen = concepts.items[j] == id;
                if (!seen)
                    VEC_PUSH(&concepts, id);
            }
        }
    }
    out->start[nunits] = (uint32_t)concepts.len;
    out->concepts = concepts.items;
    if (nbonus) { /* insert each bonus concept at the end of its unit's list */
        uint32_t *all = xmalloc((concepts.len + nbonus) * sizeof *all);
        size_t m = 0, b = w->n;
        for (size_t i = 0; i < nunits; i++) {
            uint32_t s0 = out->start[i], s1 = out->start[i + 1];
            out->start[i] = (uint32_t)m;
            if (s1 > s0) /* concepts.items is NULL when no unit has a concept */
                memcpy(all + m, concepts.items + s0, (s1 - s0) * sizeof *all);
            m += s1 - s0;
            if (c->sentences.items[units[i].first].index < p->pos_sentences)
                all[m++] = (uint32_t)b++;
        }
        out->start[nunits] = (uint32_t)m;
        free(concepts.items);
        out->concepts = all;
    }
    free(keys);
}

void concept_index_build_units(const chorus_corpus *c, const select_unit *units, size_t nunits,
                               const select_params *p, concept_index *out)
{
    concept_weights *w = concept_weights_build(c, p);
    concept_index_units(c, w, units, nunits, p, out);
    concept_weights_free(w);
}

void concept_index_build(const chorus_corpus *c, const uint32_t *cand, size_t ncand,
                         const select_params *p, concept_index *out)
{
    select_unit *u = xmalloc((ncand ? ncand : 1) * sizeof *u);
    for (size_t i = 0; i < ncand; i++)
        u[i] = (select_unit){cand[i], 1, NULL};
    concept_index_build_units(c, u, ncand, p, out);
    free(u);
}

void concept_index_free(concept_index *ci)
{
    free(ci->start);
    free(ci->concepts);
    free(ci->weight);
    memset(ci, 0, sizeof *ci);
}
