/* The corpus-level boilerplate pass: lines a site repeats in many of its articles. */
#include <string.h>

#include "clean/clean.h"
#include "core/strtab.h"
#include "corpus/corpus.h"
#include "text/utf8.h"

/* Hash of a paragraph for matching: letters and digits only, ASCII lower-cased, so that
 * spacing, punctuation and quote styles do not hide a repeat. */
static uint64_t S_para_hash(const char *p, size_t len)
{
    char tmp[512];
    size_t n = 0;
    uint64_t h = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)p[i];
        unsigned char lower = ch | 0x20; /* ASCII letters lower-cased; the test below is exact */
        if (!((lower >= 'a' && lower <= 'z') || (ch >= '0' && ch <= '9') || ch >= 0x80))
            continue;
        tmp[n++] = (char)(ch >= 'A' && ch <= 'Z' ? lower : ch);
        if (n == sizeof tmp) {
            h = hash_bytes(tmp, n, h);
            n = 0;
        }
    }
    return hash_bytes(tmp, n, h);
}

typedef struct para_ref {
    uint32_t doc, paragraph;
    uint32_t key; /* id in the (source, hash) table */
} para_ref;

size_t clean_repeated(chorus_corpus *c)
{
    strtab keys, sources;
    strtab_init(&keys);
    strtab_init(&sources);
    VEC(uint32_t) key_docs = {0}, key_last = {0}, source_docs = {0};
    VEC(para_ref) refs = {0};
    uint32_t *doc_source = xmalloc((c->docs.len ? c->docs.len : 1) * sizeof *doc_source);

    for (size_t di = 0; di < c->docs.len; di++) {
        const document *d = &c->docs.items[di];
        const char *src = d->source ? d->source : "";
        uint32_t sid = strtab_intern(&sources, src, strlen(src));
        if (sid == source_docs.len)
            VEC_PUSH(&source_docs, 0);
        source_docs.items[sid]++;
        doc_source[di] = sid;
        uint32_t b = 0, p = 0;
        for (const char *nl; b < d->text_len && (nl = memchr(d->text + b, '\n', d->text_len - b));) {
            uint32_t k = (uint32_t)(nl - d->text);
            if (utf8_count_words_max(d->text + b, k - b, REPEAT_MAX_WORDS) <= REPEAT_MAX_WORDS) {
                uint64_t key[2] = {sid, S_para_hash(d->text + b, k - b)};
                uint32_t id = strtab_intern(&keys, (const char *)key, sizeof key);
                if (id == key_docs.len) {
                    VEC_PUSH(&key_docs, 0);
                    VEC_PUSH(&key_last, UINT32_MAX);
                }
                if (key_last.items[id] != di) {
                    key_last.items[id] = (uint32_t)di;
                    key_docs.items[id]++;
                }
                para_ref r = {(uint32_t)di, p, id};
                VEC_PUSH(&refs, r);
            }
            b = k + 1;
            p++;
        }
    }

    uint8_t *drop = xcalloc(c->sentences.len ? c->sentences.len : 1, 1);
    size_t removed = 0;
    for (size_t r0 = 0; r0 < refs.len;) {
        /* The refs of one document are contiguous. */
        size_t r1 = r0;
        uint32_t di = refs.items[r0].doc, nrep = 0;
        uint32_t need = source_docs.items[doc_source[di]] / 4;
        if (need < REPEAT_MIN_DOCS)
            need = REPEAT_MIN_DOCS;
        while (r1 < refs.len && refs.items[r1].doc == di)
            nrep += key_docs.items[refs.items[r1++].key] >= need;
        const document *d = &c->docs.items[di];
        uint32_t npara = 0;
        for (const char *q = d->text, *e = d->text + d->text_len; (q = memchr(q, '\n', (size_t)(e - q)));
             q++)
            npara++;
        if (nrep && 2 * nrep <= npara) {
            for (size_t r = r0; r < r1; r++) {
                if (key_docs.items[refs.items[r].key] < need)
                    continue;
                removed++;
                for (uint32_t k = 0; k < d->nsentences; k++)
                    if (c->sentences.items[d->first_sentence + k].paragraph == refs.items[r].paragraph)
                        drop[d->first_sentence + k] = 1;
            }
        }
        r0 = r1;
    }
    if (removed)
        corpus_drop_sentences(c, drop, CLEAN_REPEATED);
    free(drop);
    free(doc_source);
    VEC_FREE(&refs);
    VEC_FREE(&key_docs);
    VEC_FREE(&key_last);
    VEC_FREE(&source_docs);
    strtab_free(&keys);
    strtab_free(&sources);
    return removed;
}
