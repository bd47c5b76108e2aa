/* The corpus-level boilerplate pass: lines a site repeats in many of its articles. */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "clean/clean.h"
#include "core/strtab.h"
#include "corpus/corpus.h"
#include "text/utf8.h"

/* What S_para_hash keeps of a byte: ASCII letters lower-cased, digits and the bytes of
 * multi-byte characters as they are, and 0 (dropped) for everything else. */
#define KEEP1(c)                                                                                   \
    ((c) >= 'A' && (c) <= 'Z'                                                                      \
         ? (c) | 0x20                                                                              \
         : ((c) >= 'a' && (c) <= 'z') || ((c) >= '0' && (c) <= '9') || (c) >= 0x80 ? (c) : 0)
#define KEEP4(c) KEEP1(c), KEEP1(c + 1), KEEP1(c + 2), KEEP1(c + 3)
#define KEEP16(c) KEEP4(c), KEEP4(c + 4), KEEP4(c + 8), KEEP4(c + 12)
#define KEEP64(c) KEEP16(c), KEEP16(c + 16), KEEP16(c + 32), KEEP16(c + 48)
static const unsigned char KEEP[256] = {KEEP64(0), KEEP64(64), KEEP64(128), KEEP64(192)};
#undef KEEP1
#undef KEEP4
#undef KEEP16
#undef KEEP64

#ifdef __SSE2__
/* Writes the bytes of p[0..16) that S_para_hash keeps (as KEEP maps them) to out, and returns
 * how many. Up to 32 bytes of out may be written: each run of kept bytes is copied 16 bytes at
 * a time, and the next run (or the caller) writes over what lies past its end. A run is about
 * a word, so this is a few copies per block instead of a step per byte. */
static size_t S_keep16(const char *p, char *out)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    /* Signed compares: bytes from 0x80 up are negative, so they are neither letters nor digits
     * here; `high` keeps them. */
    __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                   _mm_cmplt_epi8(lower, _mm_set1_epi8('z' + 1)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    __m128i high = _mm_cmplt_epi8(x, _mm_setzero_si128());
    unsigned keep = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), high));
    __m128i y = _mm_or_si128(x, _mm_and_si128(letter, _mm_set1_epi8(0x20)));
    if (keep == 0xFFFF) {
        _mm_storeu_si128((__m128i *)out, y);
        return 16;
    }
    char block[32] = {0}; /* 16 bytes more, for the copy of a run near the end */
    _mm_storeu_si128((__m128i *)block, y);
    size_t n = 0;
    while (keep) {
        unsigned at = (unsigned)__builtin_ctz(keep);
        unsigned run = (unsigned)__builtin_ctz(~(keep >> at)); /* at + run <= 16 */
        memcpy(out + n, block + at, 16);
        n += run;
        keep &= ~0u << (at + run);
    }
    return n;
}
#endif

/* Hash of a paragraph for matching: letters and digits only, ASCII lower-cased, so that
 * spacing, punctuation and quote styles do not hide a repeat. The kept bytes are hashed in
 * chunks of PARA_CHUNK, each chunk seeding the next (the last may be short or empty). */
enum { PARA_CHUNK = 512 };
static uint64_t S_para_hash(const char *p, size_t len)
{
    char tmp[PARA_CHUNK + 32]; /* a chunk, and what a block of S_keep16 may write past it */
    size_t n = 0, i = 0;
    uint64_t h = 0;
#ifdef __SSE2__
    for (; i + 16 <= len; i += 16) {
        n += S_keep16(p + i, tmp + n);
        if (n >= PARA_CHUNK) {
            h = hash_bytes(tmp, PARA_CHUNK, h);
            n -= PARA_CHUNK;
            memcpy(tmp, tmp + PARA_CHUNK, n); /* n < 16: no overlap */
        }
    }
#endif
    for (; i < len; i++) {
        unsigned char k = KEEP[(unsigned char)p[i]];
        tmp[n] = (char)k; /* written always, kept only when k != 0 */
        n += k != 0;
        if (n == PARA_CHUNK) {
            h = hash_bytes(tmp, n, h);
            n = 0;
        }
    }
    return hash_bytes(tmp, n, h);
}

/* A short paragraph as a key: its source and hash, and the documents it occurs in. */
typedef struct para_key {
    uint64_t hash;
    uint32_t source;
    uint32_t docs;     /* how many documents have it */
    uint32_t last_doc; /* the last of them, so that a document counts once */
} para_key;

/* The keys seen, each with an id in order of first sight. The (source, hash) pair is a hash
 * already: unlike a strtab of 16-byte strings the table needs no second hash and no copy. The
 * slots hold ids only, so that growing the table clears little memory. */
typedef struct key_table {
    uint32_t *slots; /* id + 1 of the key there; 0 for an empty slot */
    size_t nslots;   /* a power of two, at least twice keys.len */
    VEC(para_key) keys;
} key_table;

static size_t S_slot(const key_table *t, uint32_t source, uint64_t hash)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)(hash + source * 0x9E3779B97F4A7C15ull) & mask;
    for (uint32_t s; (s = t->slots[i]) != 0; i = (i + 1) & mask)
        if (t->keys.items[s - 1].hash == hash && t->keys.items[s - 1].source == source)
            break;
    return i;
}

/* The key of (source, hash), added when new. */
static para_key *S_key(key_table *t, uint32_t source, uint64_t hash, uint32_t *id)
{
    size_t count = t->keys.len;
    if ((count + 1) * 2 > t->nslots) {
        free(t->slots);
        t->nslots = t->nslots ? t->nslots * 2 : 1024;
        t->slots = xcalloc(t->nslots, sizeof *t->slots);
        for (size_t k = 0; k < count; k++)
            t->slots[S_slot(t, t->keys.items[k].source, t->keys.items[k].hash)] = (uint32_t)k + 1;
    }
    uint32_t *slot = &t->slots[S_slot(t, source, hash)];
    if (!*slot) {
        para_key k = {hash, source, 0, UINT32_MAX};
        VEC_PUSH(&t->keys, k);
        *slot = (uint32_t)count + 1;
    }
    *id = *slot - 1;
    return &t->keys.items[*id];
}

typedef struct para_ref {
    uint32_t doc, paragraph;
    uint32_t key; /* id in the (source, hash) table */
} para_ref;

size_t clean_repeated(chorus_corpus *c)
{
    strtab sources;
    strtab_init(&sources);
    key_table keys = {0};
    VEC(uint32_t) source_docs = {0};
    VEC(para_ref) refs = {0};
    uint32_t *doc_source = xmalloc((c->docs.len ? c->docs.len : 1) * sizeof *doc_source);
    uint32_t *doc_paras = xmalloc((c->docs.len ? c->docs.len : 1) * sizeof *doc_paras);

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
                uint32_t id;
                para_key *key = S_key(&keys, sid, S_para_hash(d->text + b, k - b), &id);
                if (key->last_doc != di) {
                    key->last_doc = (uint32_t)di;
                    key->docs++;
                }
                para_ref r = {(uint32_t)di, p, id};
                VEC_PUSH(&refs, r);
            }
            b = k + 1;
            p++;
        }
        doc_paras[di] = p; /* every '\n' ends a paragraph */
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
            nrep += keys.keys.items[refs.items[r1++].key].docs >= need;
        const document *d = &c->docs.items[di];
        uint32_t npara = doc_paras[di];
        if (nrep && 2 * nrep <= npara) {
            for (size_t r = r0; r < r1; r++) {
                if (keys.keys.items[refs.items[r].key].docs < need)
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
    free(doc_paras);
    free(keys.slots);
    VEC_FREE(&keys.keys);
    VEC_FREE(&refs);
    VEC_FREE(&source_docs);
    strtab_free(&sources);
    return removed;
}
