/* Concepts as in Gillick & Favre (2009): bigrams of stemmed words where at least one word is
 * not a stopword, weighted by document frequency. A concept seen in only one or two articles is
 * noise for a multi-document summary, so rare concepts get no weight. */
#include <ctype.h>
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

/* Title words as (stem, stopword) pairs: the title is not tokenized by the corpus, so each
 * lower-cased alphanumeric run is looked up among the corpus terms (a word the articles never
 * use cannot be a concept anyway) and mapped to the stem those tokens have. */
typedef struct title_words {
    uint32_t *term_stem; /* per term id: stem + 1, 0 = unseen */
    uint8_t *term_stop;
    size_t nterms;
} title_words;

static void S_title_words_init(const chorus_corpus *c, title_words *tw)
{
    tw->nterms = c->terms.count;
    tw->term_stem = xcalloc(tw->nterms ? tw->nterms : 1, sizeof *tw->term_stem);
    tw->term_stop = xcalloc(tw->nterms ? tw->nterms : 1, 1);
    for (size_t i = 0; i < c->tokens.len; i++) {
        const token *t = &c->tokens.items[i];
        if (t->term < tw->nterms && (t->flags & TOK_WORD)) {
            tw->term_stem[t->term] = t->stem + 1;
            tw->term_stop[t->term] = (t->flags & TOK_STOP) != 0;
        }
    }
}

/* Writes the bigram keys of title s to keys (capacity strlen(s) + 1); returns how many. */
static size_t S_title_bigrams(const chorus_corpus *c, const title_words *tw, const char *s,
                              uint64_t *keys)
{
    size_t n = 0;
    int have_prev = 0, prev_stop = 0;
    uint32_t prev_stem = 0;
    char w[64];
    while (*s) {
        size_t len = 0;
        while (*s && (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80)) {
            if (len < sizeof w - 1)
                w[len++] = (char)tolower((unsigned char)*s);
            s++;
        }
        if (len == 0) {
            s++;
            continue;
        }
        uint32_t term = strtab_find(&c->terms, w, len);
        if (term == STRTAB_NONE || term >= tw->nterms || !tw->term_stem[term]) {
            have_prev = 0; /* an unknown word breaks the bigram chain */
            continue;
        }
        uint32_t stem = tw->term_stem[term] - 1;
        int stop = tw->term_stop[term];
        if (have_prev && !(prev_stop && stop))
            keys[n++] = ((uint64_t)prev_stem << 32) | stem;
        prev_stem = stem;
        prev_stop = stop;
        have_prev = 1;
    }
    return n;
}

void concept_index_build_units(const chorus_corpus *c, const select_unit *units, size_t nunits,
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

    /* Articles whose title holds the concept: an editor's choice of what the story is about.
     * Only concepts the articles' prose uses are counted (a title-only concept cannot be
     * covered by any sentence). */
    uint32_t *title = xcalloc(df.len ? df.len : 1, sizeof *title);
    if (p->title_boost > 0) {
        title_words tw;
        S_title_words_init(c, &tw);
        for (size_t d = 0; d < c->docs.len; d++) {
            const char *t = c->docs.items[d].title;
            if (!t || !*t)
                continue;
            keys = xgrow(keys, sizeof *keys, &keys_cap, strlen(t) + 1);
            size_t nk = S_title_bigrams(c, &tw, t, keys);
            for (size_t k = 0; k < nk; k++) {
                uint32_t id = strtab_find(&ids, (const char *)&keys[k], sizeof keys[k]);
                int dup = 0;
                for (size_t j = 0; j < k && !dup; j++)
                    dup = keys[j] == keys[k];
                if (id != STRTAB_NONE && !dup)
                    title[id]++;
            }
        }
        free(tw.term_stem);
        free(tw.term_stop);
    }

    out->nconcepts = df.len;
    out->weight = xcalloc(df.len ? df.len : 1, sizeof *out->weight);
    size_t ndocs = c->docs.len;
    uint32_t min_df = p->min_df ? p->min_df : S_min_df(ndocs);
    for (size_t i = 0; i < df.len; i++) {
        if (ndocs == 1) /* one article: repetition within it is the only signal */
            out->weight[i] = freq.items[i] >= 2 ? (double)freq.items[i] : 0;
        else if (df.items[i] >= min_df)
            out->weight[i] = (double)df.items[i] + p->lead_boost * lead.items[i] +
                             p->title_boost * title[i];
    }
    free(title);

    out->start = xmalloc((nunits + 1) * sizeof *out->start);
    u32vec concepts = {0};
    for (size_t i = 0; i < nunits; i++) {
        out->start[i] = (uint32_t)concepts.len;
        for (uint32_t m = 0; m < units[i].n; m++) {
            const sentence *s = &c->sentences.items[units[i].first + m];
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
    }
    out->start[nunits] = (uint32_t)concepts.len;
    out->concepts = concepts.items;
    free(keys);
    VEC_FREE(&df);
    VEC_FREE(&last_doc);
    VEC_FREE(&freq);
    VEC_FREE(&lead);
    VEC_FREE(&last_lead);
    strtab_free(&ids);
}

void concept_index_build(const chorus_corpus *c, const uint32_t *cand, size_t ncand,
                         const select_params *p, concept_index *out)
{
    select_unit *u = xmalloc((ncand ? ncand : 1) * sizeof *u);
    for (size_t i = 0; i < ncand; i++)
        u[i] = (select_unit){cand[i], 1};
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
