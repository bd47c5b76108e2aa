#include "corpus/corpus.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean/clean.h"
#include "core/buf.h"
#include "core/error.h"
#include "text/segment.h"
#include "text/utf8.h"

const char *chorus_version(void) { return CHORUS_VERSION_STRING; }

void chorus_options_init(chorus_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->input_format = CHORUS_INPUT_AUTO;
}

chorus_corpus *chorus_corpus_new(const chorus_options *opts)
{
    chorus_corpus *c = xcalloc(1, sizeof *c);
    if (opts)
        c->opts = *opts;
    else
        chorus_options_init(&c->opts);
    arena_init(&c->mem);
    strtab_init(&c->terms);
    strtab_init(&c->stems);
    c->tok = tokenizer_new();
    c->tokenized_doc = UINT32_MAX;
    return c;
}

void chorus_corpus_free(chorus_corpus *c)
{
    if (!c)
        return;
    arena_free(&c->mem);
    VEC_FREE(&c->docs);
    VEC_FREE(&c->sentences);
    VEC_FREE(&c->tokens);
    VEC_FREE(&c->removed);
    strtab_free(&c->terms);
    strtab_free(&c->stems);
    tokenizer_free(c->tok);
    free(c);
}

void corpus_clear_documents(chorus_corpus *c)
{
    arena_free(&c->mem);
    arena_init(&c->mem);
    c->docs.len = 0;
    c->sentences.len = 0;
    c->tokens.len = 0;
    c->removed.len = 0;
    c->tokenized_doc = UINT32_MAX;
}

size_t chorus_corpus_document_count(const chorus_corpus *c) { return c ? c->docs.len : 0; }

void corpus_warn(const chorus_corpus *c, const char *fmt, ...)
{
    if (!c->opts.warn)
        return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->opts.warn(c->opts.warn_userdata, msg);
}

/* Days since 1970-01-01 of a "YYYY-MM-DD" date (Howard Hinnant's days_from_civil). */
static int32_t S_days_from_date(const char *date)
{
    if (!date)
        return INT32_MIN;
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

static int S_is_quote_start(const char *s, size_t len)
{
    if (len && (s[0] == '"' || s[0] == '\''))
        return 1;
    size_t adv;
    uint32_t cp = len ? utf8_decode(s, len, &adv) : 0;
    return utf8_fold_char(cp) == '"' || cp == 0x2018;
}

/* Tokenizes sentence s of the document whose text is `text` into c->tokens. */
static void S_tokenize_sentence(chorus_corpus *c, sentence *s, const char *text)
{
    s->first_token = (uint32_t)c->tokens.len;
    s->ntokens = (uint32_t)tokenize(c->tok, text + s->start, s->len, s->start, &c->terms,
                                    &c->stems, &c->tokens.items, &c->tokens.len, &c->tokens.cap);
}

void corpus_defer_tokens(chorus_corpus *c) { c->defer_tokens = 1; }

void corpus_tokenize_document(chorus_corpus *c, uint32_t d)
{
    if (c->tokenized_doc < c->docs.len) {
        const document *old = &c->docs.items[c->tokenized_doc];
        for (uint32_t k = 0; k < old->nsentences; k++)
            c->sentences.items[old->first_sentence + k].ntokens = 0;
    }
    c->tokens.len = 0;
    const document *doc = &c->docs.items[d];
    for (uint32_t k = 0; k < doc->nsentences; k++)
        S_tokenize_sentence(c, &c->sentences.items[doc->first_sentence + k], doc->text);
    c->tokenized_doc = d;
}

/* Segments one kept paragraph (at text offset `base` of the document) and tokenizes each
 * sentence (unless tokens are deferred). */
static void S_add_paragraph(chorus_corpus *c, document *d, const char *text, uint32_t base,
                            uint32_t plen, uint32_t paragraph)
{
    seg_span *spans = NULL;
    size_t n = segment_paragraph(text + base, plen, &spans);
    for (size_t i = 0; i < n; i++) {
        sentence s = {0};
        s.doc = (uint32_t)c->docs.len;
        s.index = d->nsentences;
        s.paragraph = paragraph;
        s.start = base + spans[i].start;
        s.len = spans[i].len;
        const char *st = text + s.start;
        if (!c->defer_tokens) {
            S_tokenize_sentence(c, &s, text);
            s.words = (uint32_t)utf8_count_words(st, s.len);
        }
        if (spans[i].headline)
            s.flags |= SENT_HEADLINE;
        if (s.len && st[s.len - 1] == '?')
            s.flags |= SENT_QUESTION;
        if (S_is_quote_start(st, s.len))
            s.flags |= SENT_QUOTE;
        VEC_PUSH(&c->sentences, s);
        d->nsentences++;
    }
    free(spans);
}

/* Articles larger than this are cut (with a warning): offsets are 32-bit, and no news article
 * is anywhere near it. */
#define MAX_ARTICLE_BYTES ((size_t)1 << 30)

chorus_code corpus_add_article(chorus_corpus *c, const raw_article *a, chorus_error *err)
{
    document d = {0};
    d.origin = arena_strdup(&c->mem, a->origin);
    d.id = arena_strdup(&c->mem, a->id);
    d.title = arena_strdup(&c->mem, a->title);
    d.url = arena_strdup(&c->mem, a->url);
    d.source = arena_strdup(&c->mem, a->source);
    d.date = arena_strdup(&c->mem, a->date);
    d.day = S_days_from_date(a->date);
    d.format = a->format;
    d.first_sentence = (uint32_t)c->sentences.len;

    size_t body_len = a->body_len;
    if (body_len > MAX_ARTICLE_BYTES) {
        corpus_warn(c, "%s: article longer than %zu bytes, cut", a->origin, MAX_ARTICLE_BYTES);
        body_len = MAX_ARTICLE_BYTES;
    }
    size_t nfc_len;
    char *nfc_copy = utf8_nfc(a->body, body_len, &nfc_len);
    const char *nfc = nfc_copy ? nfc_copy : a->body;

    /* Keep the prose paragraphs; the document text is exactly what later stages may quote.
     * Paragraphs are classified together because headings and teasers need their neighbours. */
    VEC(clean_para) paras = {0};
    size_t pos = 0;
    while (pos < nfc_len) {
        const char *nl = memchr(nfc + pos, '\n', nfc_len - pos);
        size_t end = nl ? (size_t)(nl - nfc) : nfc_len;
        size_t b = pos, e = end;
        while (b < e && (nfc[b] == ' ' || nfc[b] == '\t' || nfc[b] == '\r'))
            b++;
        while (e > b && (nfc[e - 1] == ' ' || nfc[e - 1] == '\t' || nfc[e - 1] == '\r'))
            e--;
        if (e > b) {
            clean_para cp = {nfc + b, e - b};
            VEC_PUSH(&paras, cp);
        }
        pos = end + 1;
    }
    clean_reason *why = xmalloc((paras.len ? paras.len : 1) * sizeof *why);
    clean_article(paras.items, paras.len, why);
    /* The kept lines go straight to the document's text, sized for the whole body (each kept
     * line and its '\n' fit in it; the bytes of removed lines are left unused). */
    char *text = arena_alloc(&c->mem, nfc_len + 1);
    size_t text_len = 0;
    VEC(uint32_t) starts = {0};
    VEC_RESERVE(&starts, paras.len);
    for (size_t i = 0; i < paras.len; i++) {
        const char *pt = paras.items[i].text;
        size_t pl = paras.items[i].len;
        if (why[i] != CLEAN_KEEP) {
            removed_line r = {(uint32_t)c->docs.len, (uint32_t)i, arena_strndup(&c->mem, pt, pl),
                              why[i]};
            VEC_PUSH(&c->removed, r);
            continue;
        }
        /* A dateline is metadata, not prose: keep it on the document, out of the sentence. */
        size_t dl_len = 0, skip = clean_dateline(pt, pl, &dl_len);
        if (skip) {
            if (!d.dateline)
                d.dateline = arena_strndup(&c->mem, pt, dl_len);
            pt += skip;
            pl -= skip;
        }
        VEC_PUSH(&starts, (uint32_t)text_len);
        memcpy(text + text_len, pt, pl);
        text[text_len + pl] = '\n';
        text_len += pl + 1;
    }
    free(why);
    VEC_FREE(&paras);
    free(nfc_copy);
    text[text_len] = '\0';
    d.text_len = (uint32_t)text_len;
    d.text = text;

    for (size_t i = 0; i < starts.len; i++) {
        uint32_t b = starts.items[i];
        uint32_t e = (i + 1 < starts.len ? starts.items[i + 1] : d.text_len) - 1; /* minus '\n' */
        S_add_paragraph(c, &d, d.text, b, e - b, (uint32_t)i);
    }
    VEC_FREE(&starts);
    (void)err;
    VEC_PUSH(&c->docs, d);
    return CHORUS_OK;
}

static int S_cmp_removed(const void *a, const void *b)
{
    const removed_line *x = a, *y = b;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    return x->position < y->position ? -1 : x->position > y->position;
}

void corpus_drop_sentences(chorus_corpus *c, const uint8_t *drop, clean_reason reason)
{
    VEC(sentence) kept = {0};
    VEC_RESERVE(&kept, c->sentences.len);
    for (size_t di = 0; di < c->docs.len; di++) {
        document *d = &c->docs.items[di];
        /* Paragraphs of the document text (one per line) and whether each goes. */
        uint32_t npara = 0;
        for (uint32_t k = 0; k < d->text_len; k++)
            npara += d->text[k] == '\n';
        uint8_t *gone = xcalloc(npara ? npara : 1, 1);
        uint8_t *stays = xcalloc(npara ? npara : 1, 1);
        for (uint32_t k = 0; k < d->nsentences; k++) {
            const sentence *s = &c->sentences.items[d->first_sentence + k];
            if (drop[d->first_sentence + k])
                gone[s->paragraph] = 1;
            else
                stays[s->paragraph] = 1;
        }
        for (uint32_t p = 0; p < npara; p++)
            gone[p] = gone[p] && !stays[p];
        /* New text; shift[p] = bytes removed before paragraph p; renumber[p] = new index. */
        int32_t *shift = xcalloc(npara ? npara : 1, sizeof *shift);
        uint32_t *renumber = xcalloc(npara ? npara : 1, sizeof *renumber);
        buf text = BUF_INIT;
        uint32_t b = 0, p = 0, removed_bytes = 0, newp = 0;
        for (uint32_t k = 0; k < d->text_len; k++) {
            if (d->text[k] != '\n')
                continue;
            shift[p] = (int32_t)removed_bytes;
            renumber[p] = newp;
            if (gone[p]) {
                removed_line r = {(uint32_t)di, UINT32_MAX - npara + p,
                                  arena_strndup(&c->mem, d->text + b, k - b), reason};
                VEC_PUSH(&c->removed, r);
                removed_bytes += k + 1 - b;
            } else {
                buf_append(&text, d->text + b, k + 1 - b);
                newp++;
            }
            b = k + 1;
            p++;
        }
        uint32_t first = (uint32_t)kept.len;
        for (uint32_t k = 0; k < d->nsentences; k++) {
            sentence s = c->sentences.items[d->first_sentence + k];
            if (gone[s.paragraph])
                continue;
            uint32_t delta = (uint32_t)shift[s.paragraph];
            s.start -= delta;
            for (uint32_t t = 0; t < s.ntokens; t++)
                c->tokens.items[s.first_token + t].start -= delta;
            s.index = (uint32_t)kept.len - first;
            s.paragraph = renumber[s.paragraph];
            VEC_PUSH(&kept, s);
        }
        if (removed_bytes) {
            d->text_len = (uint32_t)text.len;
            d->text = arena_strndup(&c->mem, text.data ? text.data : "", text.len);
        }
        d->first_sentence = first;
        d->nsentences = (uint32_t)kept.len - first;
        buf_free(&text);
        free(gone);
        free(stays);
        free(shift);
        free(renumber);
    }
    VEC_FREE(&c->sentences);
    c->sentences.items = kept.items;
    c->sentences.len = kept.len;
    c->sentences.cap = kept.cap;
    qsort(c->removed.items, c->removed.len, sizeof *c->removed.items, S_cmp_removed);
}

static chorus_code S_sink(void *ctx, const raw_article *a, chorus_error *err)
{
    return corpus_add_article(ctx, a, err);
}

chorus_code chorus_corpus_add_path(chorus_corpus *c, const char *path, chorus_error *err)
{
    if (!c || !path)
        return error_set(err, CHORUS_ERR_INVALID, "chorus_corpus_add_path: NULL argument");
    return ingest_path(path, &c->opts, S_sink, c, err);
}

chorus_code chorus_corpus_add_text(chorus_corpus *c, const char *name, const char *data,
                                   size_t len, chorus_error *err)
{
    if (!c || !data)
        return error_set(err, CHORUS_ERR_INVALID, "chorus_corpus_add_text: NULL argument");
    return ingest_buffer(name ? name : "<text>", data, len, &c->opts, S_sink, c, err);
}
