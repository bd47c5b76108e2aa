#include "select/select.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/vec.h"
#include "select/cover.h"

typedef VEC(uint32_t) u32vec;

/* Candidate sets larger than this are cut to the sentences with the most concept weight, so
 * that a corpus of thousands of articles still summarizes in bounded time. */
enum { MAX_CANDIDATES = 400 };

int select_is_candidate(const chorus_corpus *c, const sentence *s)
{
    (void)c;
    if (s->flags & (SENT_HEADLINE | SENT_QUESTION))
        return 0;
    return s->words >= SELECT_MIN_WORDS && s->words <= SELECT_MAX_WORDS;
}

/* The cost of a sentence in the binding budget unit, and that budget. */
typedef struct budget {
    enum { BY_WORDS, BY_BYTES, BY_SENTENCES } unit;
    uint32_t limit;
} budget;

static budget S_budget(const chorus_summary_options *o)
{
    if (o->words)
        return (budget){BY_WORDS, o->words > UINT32_MAX ? UINT32_MAX : (uint32_t)o->words};
    if (o->bytes)
        return (budget){BY_BYTES, o->bytes > UINT32_MAX - 1 ? UINT32_MAX : (uint32_t)o->bytes + 1};
    return (budget){BY_SENTENCES, o->sentences > UINT32_MAX ? UINT32_MAX : (uint32_t)o->sentences};
}

static uint32_t S_cost(const budget *b, const sentence *s)
{
    switch (b->unit) {
    case BY_WORDS:
        return s->words;
    case BY_BYTES:
        return s->len + 1; /* plus the separator between sentences */
    default:
        return 1;
    }
}

/* Reading order: earliest article first (undated last), then input order, then position. */
typedef struct order_key {
    int64_t day;
    uint32_t doc, index, id;
} order_key;

static int S_cmp_order(const void *a, const void *b)
{
    const order_key *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

static void S_sort_reading(const chorus_corpus *c, uint32_t *ids, size_t n)
{
    order_key *k = xmalloc((n ? n : 1) * sizeof *k);
    for (size_t i = 0; i < n; i++) {
        const sentence *s = corpus_sentence(c, ids[i]);
        int32_t day = c->docs.items[s->doc].day;
        k[i] = (order_key){day == INT32_MIN ? INT64_MAX : day, s->doc, s->index, ids[i]};
    }
    qsort(k, n, sizeof *k, S_cmp_order);
    for (size_t i = 0; i < n; i++)
        ids[i] = k[i].id;
    free(k);
}

/* Candidates, most concept weight first when there are too many. */
static void S_candidates(const chorus_corpus *c, u32vec *out)
{
    for (size_t i = 0; i < c->sentences.len; i++)
        if (select_is_candidate(c, &c->sentences.items[i]))
            VEC_PUSH(out, (uint32_t)i);
}

typedef struct scored {
    double score;
    uint32_t id;
} scored;

static int S_cmp_scored(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Keeps the MAX_CANDIDATES candidates with the highest concept weight per word. */
static void S_prune(u32vec *cand, const concept_index *ci)
{
    if (cand->len <= MAX_CANDIDATES)
        return;
    scored *s = xmalloc(cand->len * sizeof *s);
    for (size_t i = 0; i < cand->len; i++) {
        double w = 0;
        for (uint32_t k = ci->start[i]; k < ci->start[i + 1]; k++)
            w += ci->weight[ci->concepts[k]];
        s[i] = (scored){w, (uint32_t)i};
    }
    qsort(s, cand->len, sizeof *s, S_cmp_scored);
    /* Rebuild the CSR arrays for the kept candidates, in their original order. */
    uint8_t *keep = xcalloc(cand->len, 1);
    for (size_t i = 0; i < MAX_CANDIDATES; i++)
        keep[s[i].id] = 1;
    size_t n = 0, m = 0;
    for (size_t i = 0; i < cand->len; i++) {
        if (!keep[i])
            continue;
        uint32_t b = ci->start[i], e = ci->start[i + 1];
        cand->items[n] = cand->items[i];
        ci->start[n] = (uint32_t)m;
        memmove(ci->concepts + m, ci->concepts + b, (e - b) * sizeof *ci->concepts);
        m += e - b;
        n++;
    }
    ci->start[n] = (uint32_t)m;
    cand->len = n;
    free(keep);
    free(s);
}

/* Pairs of candidates that say the same thing may not both be chosen. */
static void S_conflicts(const signatures *sig, const u32vec *cand, u32vec *start, u32vec *list)
{
    for (size_t i = 0; i < cand->len; i++) {
        VEC_PUSH(start, (uint32_t)list->len);
        for (size_t j = 0; j < cand->len; j++)
            if (j != i && similar_sentences(sig, cand->items[i], cand->items[j]) >= SIMILAR_SAME)
                VEC_PUSH(list, (uint32_t)j);
    }
    VEC_PUSH(start, (uint32_t)list->len);
}

/* Concept coverage: the exact optimizer over the candidates. */
static void S_select_concept(const chorus_corpus *c, const signatures *sig, const budget *b,
                             u32vec *cand, selection *out, u32vec *chosen)
{
    concept_index ci;
    concept_index_build(c, cand->items, cand->len, &ci);
    S_prune(cand, &ci);
    u32vec cost = {0}, cstart = {0}, clist = {0};
    for (size_t i = 0; i < cand->len; i++)
        VEC_PUSH(&cost, S_cost(b, corpus_sentence(c, cand->items[i])));
    S_conflicts(sig, cand, &cstart, &clist);
    cover_problem p = {
        .nitems = cand->len,
        .cost = cost.items,
        .concept_start = ci.start,
        .concepts = ci.concepts,
        .nconcepts = ci.nconcepts,
        .weight = ci.weight,
        .conflict_start = cstart.items,
        .conflicts = clist.items,
        .budget = b->limit,
    };
    cover_solution sol;
    cover_solve(&p, &sol);
    for (size_t i = 0; i < sol.n; i++)
        VEC_PUSH(chosen, cand->items[sol.items[i]]);
    out->optimal = sol.optimal;
    cover_solution_free(&sol);
    VEC_FREE(&cost);
    VEC_FREE(&cstart);
    VEC_FREE(&clist);
    concept_index_free(&ci);
}

/* The first sentences of the most recent article (ties: the first such article). */
static void S_select_lead(const chorus_corpus *c, const budget *b, u32vec *chosen)
{
    size_t best = 0;
    for (size_t d = 1; d < c->docs.len; d++)
        if (c->docs.items[d].day != INT32_MIN && c->docs.items[d].day > c->docs.items[best].day)
            best = d;
    const document *doc = &c->docs.items[best];
    uint32_t used = 0;
    for (uint32_t k = 0; k < doc->nsentences; k++) {
        uint32_t id = doc->first_sentence + k;
        const sentence *s = corpus_sentence(c, id);
        if (s->flags & SENT_HEADLINE)
            continue;
        uint32_t cost = S_cost(b, s);
        if (used + cost > b->limit)
            break;
        VEC_PUSH(chosen, id);
        used += cost;
    }
}

/* Fill mode: the unused words go to the start of one more sentence, which comes last and is
 * cut. It is the candidate with the largest share of content stems not yet in the summary. */
static void S_fill(const chorus_corpus *c, const signatures *sig, const u32vec *cand,
                   u32vec *chosen, uint32_t words, selection *out)
{
    uint32_t used = 0;
    for (size_t i = 0; i < chosen->len; i++)
        used += corpus_sentence(c, chosen->items[i])->words;
    if (used >= words)
        return;
    int best = -1;
    double best_new = 0;
    for (size_t i = 0; i < cand->len; i++) {
        uint32_t id = cand->items[i];
        int clash = 0;
        for (size_t j = 0; j < chosen->len && !clash; j++)
            clash = id == chosen->items[j] ||
                    similar_sentences(sig, id, chosen->items[j]) >= SIMILAR_SAME;
        if (clash)
            continue;
        /* New content stems among the words that would be kept. */
        double fresh = 0;
        for (uint32_t k = sig->start[id]; k < sig->start[id + 1]; k++) {
            int seen = 0;
            for (size_t j = 0; j < chosen->len && !seen; j++) {
                uint32_t o = chosen->items[j];
                for (uint32_t q = sig->start[o]; q < sig->start[o + 1] && !seen; q++)
                    seen = sig->stems[q] == sig->stems[k];
            }
            fresh += !seen;
        }
        uint32_t n = sig->start[id + 1] - sig->start[id];
        fresh = n ? fresh / n : 0;
        if (best < 0 || fresh > best_new) {
            best = (int)i;
            best_new = fresh;
        }
    }
    if (best < 0)
        return;
    uint32_t id = cand->items[best];
    uint32_t left = words - used;
    VEC_PUSH(chosen, id);
    out->cut_words = corpus_sentence(c, id)->words > left ? left : 0;
}

chorus_code select_summary(const chorus_corpus *c, const signatures *sig,
                           const chorus_summary_options *o, selection *out, chorus_error *err)
{
    memset(out, 0, sizeof *out);
    if (!o->words && !o->bytes && !o->sentences)
        return error_set(err, CHORUS_ERR_INVALID, "no budget: give words, bytes or sentences");
    budget b = S_budget(o);
    u32vec cand = {0}, chosen = {0};
    S_candidates(c, &cand);
    if (cand.len == 0) {
        VEC_FREE(&cand);
        return error_set(err, CHORUS_ERR_EMPTY,
                         "no sentence to summarize: the input has no prose of %d words or more",
                         SELECT_MIN_WORDS);
    }
    switch (o->method) {
    case CHORUS_METHOD_LEAD:
        S_select_lead(c, &b, &chosen);
        break;
    case CHORUS_METHOD_DEFAULT:
    case CHORUS_METHOD_CONCEPT:
    default:
        S_select_concept(c, sig, &b, &cand, out, &chosen);
        break;
    }
    /* A corpus with no shared concept (one short article, say) still gets a summary. */
    if (chosen.len == 0 && o->method != CHORUS_METHOD_LEAD)
        S_select_lead(c, &b, &chosen);
    /* Extra limits besides the binding one: drop sentences from the end of reading order. */
    S_sort_reading(c, chosen.items, chosen.len);
    while (o->sentences && chosen.len > o->sentences)
        chosen.len--;
    for (;;) {
        size_t bytes = 0;
        for (size_t i = 0; i < chosen.len; i++)
            bytes += corpus_sentence(c, chosen.items[i])->len + (i > 0);
        if (!o->bytes || bytes <= o->bytes || chosen.len == 0)
            break;
        chosen.len--;
    }
    if (o->fill && o->words && (!o->sentences || chosen.len < o->sentences))
        S_fill(c, sig, &cand, &chosen, (uint32_t)o->words, out);
    out->sentences = chosen.items;
    out->n = chosen.len;
    VEC_FREE(&cand);
    return CHORUS_OK;
}

void selection_free(selection *s)
{
    free(s->sentences);
    memset(s, 0, sizeof *s);
}
