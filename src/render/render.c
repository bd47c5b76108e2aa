/* render: a summary as text, lines or JSON. Documents are numbered from 1 in input order in
 * every format, so "[2]" in the text output and "sources": [2] in JSON name the same article. */
#include <json-c/json.h>
#include <string.h>

#include "core/buf.h"
#include "text/utf8.h"
#include "dedup/dedup.h"
#include "analyze/analyze.h"
#include "summary/summary.h"

static const char *S_method_name(chorus_method m)
{
    switch (m) {
    case CHORUS_METHOD_LEAD:
        return "lead";
    case CHORUS_METHOD_RANDOM:
        return "random";
    case CHORUS_METHOD_SUBMODULAR:
        return "submodular";
    case CHORUS_METHOD_CENTROID:
        return "centroid";
    case CHORUS_METHOD_LEXRANK:
        return "lexrank";
    case CHORUS_METHOD_CONCEPT:
    case CHORUS_METHOD_DEFAULT:
    default:
        return "concept";
    }
}

static void S_sources_marker(buf *b, const summary_item *it)
{
    buf_puts(b, " [");
    for (size_t k = 0; k < it->nsources; k++)
        buf_printf(b, "%s%u", k ? "," : "", it->sources[k] + 1);
    buf_putc(b, ']');
}

/* How a document in another's group got there (dedup_relation), for the source list. */
static const char *S_copy_kind(uint8_t relation)
{
    switch (relation) {
    case DEDUP_CONTAINED:
        return "excerpt";
    case DEDUP_PARAPHRASE:
        return "reworded copy";
    case DEDUP_DUPLICATE:
    default:
        return "syndicated copy";
    }
}

static void S_doc_set_marker(buf *b, const doc_set *set)
{
    buf_puts(b, " [");
    for (size_t k = 0; k < set->n; k++)
        buf_printf(b, "%s%u", k ? "," : "", set->ids[k] + 1);
    buf_putc(b, ']');
}

/* A reader of the plain summary must not take a disputed number for settled: list every
 * statement whose figures differ between sources, each figure with the articles giving it. */
static void S_text_disputes(buf *b, const chorus_summary *sum)
{
    signatures sig;
    signatures_build(sum->corpus, &sig);
    analysis *an = analysis_build(sum->corpus, &sig);
    if (an->nconflicts) {
        buf_puts(b, "\nSources disagree:\n");
        for (size_t i = 0; i < an->nconflicts; i++) {
            const conflict *cf = &an->conflicts[i];
            buf_puts(b, "-");
            for (size_t v = 0; v < cf->nvalues; v++) {
                buf_printf(b, "%s %s", v ? " vs" : "", cf->values[v].value);
                S_doc_set_marker(b, &cf->values[v].sources);
            }
            buf_putc(b, '\n');
        }
    }
    analysis_free(an);
    signatures_free(&sig);
}

static char *S_render_text(const chorus_summary *sum)
{
    const chorus_corpus *c = sum->corpus;
    buf b = BUF_INIT;
    for (size_t i = 0; i < sum->n; i++) {
        buf_puts(&b, sum->items[i].text);
        if (sum->items[i].cut)
            buf_puts(&b, " …");
        S_sources_marker(&b, &sum->items[i]);
        buf_putc(&b, '\n');
    }
    S_text_disputes(&b, sum);
    buf_puts(&b, "\nSources:\n");
    for (size_t d = 0; d < c->docs.len; d++) {
        const document *doc = &c->docs.items[d];
        buf_printf(&b, "[%zu] %s", d + 1, doc->title && *doc->title ? doc->title : doc->id);
        if (doc->source)
            buf_printf(&b, " — %s", doc->source);
        if (doc->date)
            buf_printf(&b, ", %s", doc->date);
        if (doc->url)
            buf_printf(&b, " <%s>", doc->url);
        if (sum->doc_copy_of && sum->doc_copy_of[d] != UINT32_MAX)
            buf_printf(&b, " = [%u] %s", sum->doc_copy_of[d] + 1, S_copy_kind(sum->doc_relation[d]));
        buf_putc(&b, '\n');
    }
    return buf_detach(&b);
}

static char *S_render_lines(const chorus_summary *sum)
{
    buf b = BUF_INIT;
    for (size_t i = 0; i < sum->n; i++) {
        /* One sentence per line, whatever line breaks the source had. */
        for (const char *p = sum->items[i].text; *p; p++)
            buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
        buf_putc(&b, '\n');
    }
    return buf_detach(&b);
}

static json_object *S_str_or_null(const char *s) { return s ? json_object_new_string(s) : NULL; }

static char *S_render_json(const chorus_summary *sum)
{
    const chorus_corpus *c = sum->corpus;
    json_object *root = json_object_new_object();
    json_object_object_add(root, "version", json_object_new_string(chorus_version()));
    json_object_object_add(root, "method", json_object_new_string(S_method_name(sum->opts.method)));
    json_object *budget = json_object_new_object();
    json_object_object_add(budget, "words", json_object_new_int64((int64_t)sum->opts.words));
    json_object_object_add(budget, "bytes", json_object_new_int64((int64_t)sum->opts.bytes));
    json_object_object_add(budget, "sentences", json_object_new_int64((int64_t)sum->opts.sentences));
    json_object_object_add(budget, "fill", json_object_new_boolean(sum->opts.fill));
    json_object_object_add(root, "budget", budget);
    json_object_object_add(root, "optimal", json_object_new_boolean(sum->optimal));

    json_object *docs = json_object_new_array();
    for (size_t d = 0; d < c->docs.len; d++) {
        const document *doc = &c->docs.items[d];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "id", json_object_new_int64((int64_t)d + 1));
        json_object_object_add(o, "input_id", json_object_new_string(doc->id));
        json_object_object_add(o, "path", json_object_new_string(doc->origin));
        json_object_object_add(o, "title", S_str_or_null(doc->title));
        json_object_object_add(o, "source", S_str_or_null(doc->source));
        json_object_object_add(o, "date", S_str_or_null(doc->date));
        json_object_object_add(o, "url", S_str_or_null(doc->url));
        if (sum->doc_group)
            json_object_object_add(o, "group", json_object_new_int64((int64_t)sum->doc_group[d] + 1));
        json_object_object_add(o, "sentences", json_object_new_int64(doc->nsentences));
        json_object_array_add(docs, o);
    }
    json_object_object_add(root, "documents", docs);

    json_object *items = json_object_new_array();
    size_t words = 0;
    for (size_t i = 0; i < sum->n; i++) {
        const summary_item *it = &sum->items[i];
        const sentence *s = corpus_sentence(c, it->sentence);
        json_object *o = json_object_new_object();
        json_object_object_add(o, "text", json_object_new_string(it->text));
        json_object *src = json_object_new_array();
        for (size_t k = 0; k < it->nsources; k++)
            json_object_array_add(src, json_object_new_int64((int64_t)it->sources[k] + 1));
        json_object_object_add(o, "sources", src);
        json_object_object_add(o, "independent_sources", json_object_new_int64((int64_t)it->nindependent));
        json_object_object_add(o, "document", json_object_new_int64((int64_t)s->doc + 1));
        json_object_object_add(o, "sentence", json_object_new_int64((int64_t)s->index + 1));
        json_object_object_add(o, "cut", json_object_new_boolean(it->cut));
        json_object_object_add(o, "compressed", json_object_new_boolean(it->compressed));
        json_object_array_add(items, o);
        words += utf8_count_words(it->text, strlen(it->text));
    }
    json_object_object_add(root, "summary", items);
    json_object_object_add(root, "words", json_object_new_int64((int64_t)words));

    /* The cross-source analysis (src/analyze): agreement, entities, conflicts, quotes, timeline. */
    signatures sig;
    signatures_build(c, &sig);
    analysis *an = analysis_build(c, &sig);
    analysis_agreement_to_json(an, sum, root);
    analysis_to_json(an, root);
    analysis_free(an);
    signatures_free(&sig);

    buf b = BUF_INIT;
    buf_puts(&b, json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
                                                          JSON_C_TO_STRING_SPACED |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE));
    buf_putc(&b, '\n');
    json_object_put(root);
    return buf_detach(&b);
}

/* A Markdown report: the summary with citations, then the cross-source analysis. */
static char *S_render_md(const chorus_summary *sum)
{
    signatures sig;
    signatures_build(sum->corpus, &sig);
    analysis *an = analysis_build(sum->corpus, &sig);
    buf b = BUF_INIT;
    analysis_to_markdown(an, sum, &b);
    analysis_free(an);
    signatures_free(&sig);
    return buf_detach(&b);
}

char *chorus_summary_render(const chorus_summary *sum, chorus_output_format format)
{
    if (!sum) {
        buf b = BUF_INIT;
        return buf_detach(&b);
    }
    /* Every format but lines shows sources (summary.h: they may not be computed yet). */
    if (format != CHORUS_FORMAT_LINES)
        summary_sources_ensure(sum);
    switch (format) {
    case CHORUS_FORMAT_LINES:
        return S_render_lines(sum);
    case CHORUS_FORMAT_JSON:
        return S_render_json(sum);
    case CHORUS_FORMAT_MD:
        return S_render_md(sum);
    case CHORUS_FORMAT_TEXT:
    default:
        return S_render_text(sum);
    }
}
