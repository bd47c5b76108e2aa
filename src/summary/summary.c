#include "summary/summary.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "dedup/dedup.h"
#include "dedup/similar.h"
#include "select/select.h"

void chorus_summary_options_init(chorus_summary_options *o)
{
    memset(o, 0, sizeof *o);
    o->words = 100;
    o->method = CHORUS_METHOD_DEFAULT;
}

/* The first `words` whitespace-separated words of s. */
static size_t S_cut_len(const char *s, size_t len, uint32_t words)
{
    size_t i = 0;
    uint32_t seen = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t'))
            i++;
        if (i == len)
            break;
        if (seen == words)
            break;
        while (i < len && s[i] != ' ' && s[i] != '\t')
            i++;
        seen++;
    }
    while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
        i--;
    return i;
}

/* Every document with the sentence itself or a sentence that says the same thing. */
static void S_attribute(chorus_summary *sum, const signatures *sig, summary_item *item)
{
    const chorus_corpus *c = sum->corpus;
    size_t ndocs = c->docs.len;
    uint8_t *has = xcalloc(ndocs ? ndocs : 1, 1);
    has[corpus_sentence(c, item->sentence)->doc] = 1;
    for (size_t d = 0; d < ndocs; d++) {
        const document *doc = &c->docs.items[d];
        for (uint32_t k = 0; k < doc->nsentences && !has[d]; k++) {
            uint32_t other = doc->first_sentence + k;
            if (similar_sentences(sig, item->sentence, other) >= SIMILAR_SAME)
                has[d] = 1;
        }
    }
    size_t n = 0;
    for (size_t d = 0; d < ndocs; d++)
        n += has[d];
    item->sources = arena_alloc(&sum->mem, n * sizeof *item->sources);
    for (size_t d = 0; d < ndocs; d++)
        if (has[d])
            item->sources[item->nsources++] = (uint32_t)d;
    free(has);
}

/* Counts each fact once per independent source: documents linked by a copy relation are one
 * group, and the groups are recorded for the source list. */
static void S_independence(chorus_summary *sum)
{
    const chorus_corpus *c = sum->corpus;
    size_t nd = c->docs.len;
    dedup_result r;
    dedup_documents(c, &r);
    sum->doc_group = arena_alloc(&sum->mem, nd * sizeof *sum->doc_group);
    sum->doc_copy_of = arena_alloc(&sum->mem, nd * sizeof *sum->doc_copy_of);
    sum->doc_relation = arena_alloc(&sum->mem, nd);
    memcpy(sum->doc_group, r.group, nd * sizeof *sum->doc_group);
    for (size_t d = 0; d < nd; d++)
        sum->doc_copy_of[d] = UINT32_MAX;
    for (size_t k = 0; k < r.npairs; k++) {
        const dedup_pair *p = &r.pairs[k];
        uint32_t copy = p->relation == DEDUP_CONTAINED ? p->a : (p->a > p->b ? p->a : p->b);
        uint32_t orig = copy == p->a ? p->b : p->a;
        if (sum->doc_copy_of[copy] == UINT32_MAX) {
            sum->doc_copy_of[copy] = orig;
            sum->doc_relation[copy] = (uint8_t)p->relation;
        }
    }
    for (size_t i = 0; i < sum->n; i++)
        sum->items[i].nindependent =
            dedup_count_groups(&r, sum->items[i].sources, sum->items[i].nsources);
    dedup_result_free(&r);
}

void summary_sources_ensure(const chorus_summary *csum)
{
    if (!csum || csum->sources_done)
        return;
    /* The object was allocated mutable by chorus_summarize; completing it here does not change
     * any value a caller has read (see summary.h). */
    chorus_summary *sum = (chorus_summary *)(uintptr_t)csum;
    signatures sig;
    signatures_build(sum->corpus, &sig);
    for (size_t i = 0; i < sum->n; i++)
        S_attribute(sum, &sig, &sum->items[i]);
    S_independence(sum);
    signatures_free(&sig);
    sum->sources_done = 1;
}

/* Sources are left to summary_sources_ensure: a caller that only wants the sentences (the
 * `lines` format, evaluation) never pays for document dedup. */
chorus_summary *chorus_summarize(const chorus_corpus *c, const chorus_summary_options *opts,
                                 chorus_error *err)
{
    chorus_summary_options o;
    if (opts)
        o = *opts;
    else
        chorus_summary_options_init(&o);
    if (!c) {
        error_set(err, CHORUS_ERR_INVALID, "chorus_summarize: NULL corpus");
        return NULL;
    }
    if (c->docs.len == 0) {
        error_set(err, CHORUS_ERR_EMPTY, "no articles to summarize");
        return NULL;
    }
    signatures sig;
    signatures_build(c, &sig);
    selection sel;
    if (select_summary(c, &sig, &o, &sel, err) != CHORUS_OK) {
        signatures_free(&sig);
        return NULL;
    }
    chorus_summary *sum = xcalloc(1, sizeof *sum);
    sum->corpus = c;
    sum->opts = o;
    sum->optimal = sel.optimal;
    arena_init(&sum->mem);
    sum->n = sel.n;
    sum->items = arena_alloc(&sum->mem, (sel.n ? sel.n : 1) * sizeof *sum->items);
    for (size_t i = 0; i < sel.n; i++) {
        summary_item *it = &sum->items[i];
        const sentence *s = corpus_sentence(c, sel.sentences[i]);
        it->sentence = sel.sentences[i];
        /* A compressed variant (select/compress.c): the sentence with some phrases deleted. */
        const char *text = sentence_text(c, s);
        size_t len = s->len;
        char *var = NULL;
        if (sel.compressed && sel.compressed[i].ncuts) {
            var = xmalloc((size_t)s->len + 1);
            len = select_compress_text(text, s->len, &sel.compressed[i], var);
            text = var;
            it->compressed = 1;
        }
        if (i + 1 == sel.n && sel.cut_words) {
            len = S_cut_len(text, len, sel.cut_words);
            it->cut = 1;
        }
        it->text = arena_strndup(&sum->mem, text, len);
        free(var);
    }
    selection_free(&sel);
    signatures_free(&sig);
    return sum;
}

void chorus_summary_free(chorus_summary *sum)
{
    if (!sum)
        return;
    arena_free(&sum->mem);
    free(sum);
}

size_t chorus_summary_sentence_count(const chorus_summary *sum) { return sum ? sum->n : 0; }

const char *chorus_summary_sentence_text(const chorus_summary *sum, size_t i)
{
    return sum && i < sum->n ? sum->items[i].text : NULL;
}
