/* Tests of document and sentence near-duplicate detection. Every article here is invented. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "chorus.h"
#include "corpus/corpus.h"
#include "dedup/dedup.h"
#include "dedup/index.h"
#include "dedup/minhash.h"
#include "dedup/synonyms.h"

static const char ORIGINAL[] =
    "Harbour crane collapse closes northern pier\n\n"
    "The harbour authority closed the northern pier on Monday after a loading crane collapsed "
    "onto two empty container ships.\n\n"
    "Nobody was hurt, the authority said, because the night shift had ended an hour earlier.\n\n"
    "Engineers began inspecting the quay wall on Tuesday and expect to finish their report by "
    "Friday.\n\n"
    "The crane, built in 1998, had passed its last safety inspection in March.\n\n"
    "Ferry services to the islands will leave from the southern pier until further notice.\n\n"
    "Union leaders demanded an independent inquiry into maintenance at the port.\n\n"
    "The port handles about forty thousand containers a month, most of them bound for inland "
    "factories.\n\n"
    "Shipping companies warned that delays could last several weeks if the pier stays shut.\n";

/* The same story cut down and reordered: an excerpt. */
static const char EXCERPT[] =
    "Crane falls at harbour\n\n"
    "Ferry services to the islands will leave from the southern pier until further notice.\n\n"
    "The harbour authority closed the northern pier on Monday after a loading crane collapsed "
    "onto two empty container ships.\n\n"
    "Union leaders demanded an independent inquiry into maintenance at the port.\n\n"
    "Nobody was hurt, the authority said, because the night shift had ended an hour earlier.\n";

/* The same story with words swapped for synonyms, as article spinners do. */
static const char SPUN[] =
    "Harbour crane fall shuts northern pier\n\n"
    "The harbour authority shut the northern pier on Monday after a loading crane fell "
    "onto two vacant container vessels.\n\n"
    "No one was injured, the authority stated, because the night shift had finished an hour "
    "before.\n\n"
    "Engineers started examining the quay wall on Tuesday and anticipate to complete their "
    "account by Friday.\n\n"
    "The crane, constructed in 1998, had passed its final safety review in March.\n\n"
    "Ferry service to the islands will depart from the southern pier until further notice.\n\n"
    "Union chiefs required an independent inquiry into upkeep at the port.\n\n"
    "The port manages roughly forty thousand containers a month, most of them headed for "
    "inland mills.\n\n"
    "Shipping firms cautioned that holdups could endure several weeks if the pier remains "
    "closed.\n";

/* Another reporter's story of the same event: shares facts, not text. */
static const char INDEPENDENT[] =
    "Port chaos after crane accident\n\n"
    "A crane toppled at the harbour late on Sunday night, forcing officials to shut the "
    "northern pier.\n\n"
    "Dock workers told this newspaper they had complained about the crane's brakes for months.\n\n"
    "The northern pier is the busiest part of the port, which employs some two thousand "
    "people.\n\n"
    "Local shops near the quay said they feared losing customers during the closure.\n\n"
    "The mayor promised on Tuesday that the city would help businesses affected by the "
    "accident.\n\n"
    "An inquiry could take months, according to a spokesman for the transport ministry.\n";

static chorus_corpus *S_corpus(const char *const *texts, size_t n)
{
    chorus_corpus *c = chorus_corpus_new(NULL);
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%zu.txt", i);
        assert_int_equal(chorus_corpus_add_text(c, name, texts[i], strlen(texts[i]), NULL), CHORUS_OK);
    }
    return c;
}

static const dedup_pair *S_pair(const dedup_result *r, uint32_t a, uint32_t b)
{
    for (size_t k = 0; k < r->npairs; k++)
        if ((r->pairs[k].a == a && r->pairs[k].b == b) || (r->pairs[k].a == b && r->pairs[k].b == a))
            return &r->pairs[k];
    return NULL;
}

/* The same relations in x and y, pair by pair (and the same scores when with_score). */
static void S_same_pairs(const dedup_result *x, const dedup_result *y, int with_score)
{
    assert_int_equal(x->npairs, y->npairs);
    for (size_t k = 0; k < x->npairs; k++) {
        assert_int_equal(x->pairs[k].a, y->pairs[k].a);
        assert_int_equal(x->pairs[k].b, y->pairs[k].b);
        assert_int_equal(x->pairs[k].relation, y->pairs[k].relation);
        if (with_score)
            assert_true(x->pairs[k].score == y->pairs[k].score);
    }
}

static void test_relations(void **state)
{
    const char *texts[] = {ORIGINAL, EXCERPT, SPUN, INDEPENDENT, ORIGINAL};
    chorus_corpus *c = S_corpus(texts, 5);
    dedup_result r;
    dedup_documents(c, &r);
    const dedup_pair *p = S_pair(&r, 0, 4);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_DUPLICATE);
    p = S_pair(&r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_CONTAINED);
    assert_int_equal(p->a, 1); /* the excerpt is inside the original */
    assert_int_equal(p->b, 0);
    p = S_pair(&r, 0, 2);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_PARAPHRASE);
    for (uint32_t d = 0; d < 5; d++)
        if (d != 3)
            assert_null(S_pair(&r, d, 3)); /* an independent report is no copy */
    assert_int_equal(r.ngroups, 2);
    assert_int_equal(r.group[3], 3);
    assert_int_equal(r.group[4], 0);
    uint32_t docs[] = {0, 1, 2, 3, 4};
    assert_int_equal(dedup_count_groups(&r, docs, 5), 2);
    /* The sentence about ferries is said by the original, the excerpt, the spun copy. */
    assert_true(r.nsgroups >= 8);
    assert_string_equal(dedup_relation_name(DEDUP_CONTAINED), "contained");
    dedup_result_free(&r);
    chorus_corpus_free(c);
}

static void test_no_documents(void **state)
{
    chorus_corpus *c = chorus_corpus_new(NULL);
    dedup_result r;
    dedup_documents(c, &r);
    assert_int_equal(r.npairs, 0);
    assert_int_equal(r.ngroups, 0);
    dedup_result_free(&r);
    chorus_corpus_free(c);
}

/* Found by fuzz/fuzz_ingest: a document with no stems left the all-pairs stem array NULL and
 * dedup did pointer arithmetic on it (UBSan: "applying zero offset to null pointer"). */
static void test_fuzz_no_stems(void **state)
{
    static const char doc[] = "}\n}";
    const char *texts[] = {doc, doc};
    for (size_t n = 1; n <= 2; n++) {
        chorus_corpus *c = S_corpus(texts, n);
        dedup_result r;
        dedup_documents(c, &r);
        assert_int_equal(r.npairs, 0);
        dedup_result_free(&r);
        chorus_corpus_free(c);
    }
}

/* Fuzz find (fuzz_ingest): two short near-copies, whose sentence bounds fit in the first
 * word of each row, made S_bounds offset a NULL row array by zero (undefined behaviour that
 * clang's UBSan reports). */
static void test_fuzz_short_bounds(void **state)
{
    (void)state;
    const char *texts[] = {
        "Bridge reopens\n\n"
        "The bridge reopened to traffic on Saturday morning, said the engineer who led the "
        "inspection after the storm. The council will vote next month on a plan to inspect "
        "every old bridge.",
        "Bridge reopens\n\n"
        "The bridge reopened.to traffic on Saturday morning, three months after a winter storm. "
        "The council will vote next month on a plan to inspect every old bridge."};
    chorus_corpus *c = S_corpus(texts, 2);
    dedup_result r;
    dedup_documents(c, &r);
    dedup_result_free(&r);
    chorus_corpus_free(c);
}

/* The seeds: 000 is a reordered excerpt of 002; no other pair is a copy. */
static void test_seeds(void **state)
{
    struct stat st;
    const char *dir = CHORUS_SHARED_DIR "/seeds";
    if (stat(dir, &st) != 0) {
        print_message("skipped: %s is absent\n", dir);
        skip();
    }
    chorus_corpus *c = chorus_corpus_new(NULL);
    assert_int_equal(chorus_corpus_add_path(c, dir, NULL), CHORUS_OK);
    assert_int_equal(c->docs.len, 5);
    dedup_result r;
    dedup_documents(c, &r);
    assert_int_equal(r.npairs, 1);
    assert_int_equal(r.pairs[0].relation, DEDUP_CONTAINED);
    assert_int_equal(r.pairs[0].a, 0);
    assert_int_equal(r.pairs[0].b, 2);
    assert_int_equal(r.ngroups, 4);
    dedup_result_free(&r);
    chorus_corpus_free(c);
}

/* MinHash agrees with the exact Jaccard similarity within sampling error (K = 120: the
 * standard error is at most 0.046, so 0.15 is over three of them). */
static void test_minhash_estimate(void **state)
{
    static uint64_t a[400], b[400];
    for (int common = 0; common <= 200; common += 50) {
        /* a = {0..199}, b = {200-common .. 399-common}: |a & b| = common, |a | b| = 400 - common */
        for (int i = 0; i < 200; i++) {
            a[i] = minhash_mix((uint64_t)i);
            b[i] = minhash_mix((uint64_t)(i + 200 - common));
        }
        uint32_t sa[MINHASH_K], sb[MINHASH_K];
        minhash_sketch(a, 200, sa);
        minhash_sketch(b, 200, sb);
        double j = (double)common / (400 - common), est = minhash_estimate(sa, sb);
        assert_true(est > j - 0.15 && est < j + 0.15);
    }
    uint32_t s1[MINHASH_K], s2[MINHASH_K], k1[MINHASH_BANDS], k2[MINHASH_BANDS];
    minhash_sketch(a, 200, s1);
    minhash_sketch(a, 200, s2);
    minhash_bands(s1, k1);
    minhash_bands(s2, k2);
    assert_memory_equal(k1, k2, sizeof k1); /* deterministic */
}

/* One-permutation sketches: deterministic, independent of feature order and repeats; an
 * empty set is all UINT32_MAX; a single feature fills every bin (densification); and
 * agreement tracks Jaccard similarity for small sets too (many empty bins). */
static void test_minhash_densified(void **state)
{
    (void)state;
    uint64_t f[60], g[120];
    for (int i = 0; i < 60; i++)
        f[i] = minhash_mix((uint64_t)i + 99);
    for (int i = 0; i < 60; i++)
        g[i] = f[59 - i], g[60 + i] = f[i]; /* reversed, every feature twice */
    uint32_t a[MINHASH_K], b[MINHASH_K];
    minhash_sketch(f, 60, a);
    minhash_sketch(g, 120, b);
    assert_memory_equal(a, b, sizeof a);
    minhash_sketch(f, 0, a);
    for (int i = 0; i < MINHASH_K; i++)
        assert_int_equal(a[i], UINT32_MAX);
    minhash_sketch(f, 1, a);
    for (int i = 1; i < MINHASH_K; i++)
        assert_int_equal(a[i], a[0]);
    /* 30 features, half shared: J = 15 / 45 */
    uint64_t x[30], y[30];
    double est = 0;
    for (int rep = 0; rep < 20; rep++) {
        for (int i = 0; i < 30; i++) {
            x[i] = minhash_mix((uint64_t)(rep * 1000 + i));
            y[i] = minhash_mix((uint64_t)(rep * 1000 + i + 15));
        }
        minhash_sketch(x, 30, a);
        minhash_sketch(y, 30, b);
        est += minhash_estimate(a, b) / 20;
    }
    assert_true(est > 1.0 / 3 - 0.05 && est < 1.0 / 3 + 0.05);
}

/* minhash_sketch against the definition written out plainly (minhash.c): each feature's hash
 * picks a bin and competes for its minimum; an empty bin takes the value of the first full bin
 * along its probe sequence. Sets of 1 to 120 features, so every way of densifying is used
 * (one full bin, few, many). */
static uint32_t S_ref_probe(uint32_t i, uint64_t t)
{
    uint64_t h = minhash_mix((uint64_t)i << 32 | t);
    return (uint32_t)(((h >> 32) * MINHASH_K) >> 32);
}

static void test_minhash_reference(void **state)
{
    (void)state;
    uint64_t f[MINHASH_K];
    for (size_t n = 1; n <= MINHASH_K; n += n < 24 ? 1 : 8) {
        for (int rep = 0; rep < 20; rep++) {
            for (size_t j = 0; j < n; j++)
                f[j] = minhash_mix((uint64_t)(n * 7919 + (size_t)rep * 104729 + j));
            uint32_t want[MINHASH_K], got[MINHASH_K];
            int full[MINHASH_K] = {0};
            for (int i = 0; i < MINHASH_K; i++)
                want[i] = UINT32_MAX;
            for (size_t j = 0; j < n; j++) {
                uint64_t h = minhash_mix(f[j] ^ 0x5bd1e9955bd1e995ULL);
                uint32_t bin = (uint32_t)(((h >> 32) * MINHASH_K) >> 32);
                if ((uint32_t)h < want[bin])
                    want[bin] = (uint32_t)h;
                full[bin] = 1;
            }
            uint32_t filled[MINHASH_K];
            memcpy(filled, want, sizeof filled);
            for (uint32_t i = 0; i < MINHASH_K; i++) {
                if (full[i])
                    continue;
                uint64_t t = 1;
                while (!full[S_ref_probe(i, t)])
                    t++;
                want[i] = filled[S_ref_probe(i, t)];
            }
            minhash_sketch(f, n, got);
            assert_memory_equal(got, want, sizeof want);
        }
    }
}

/* The decision from coverages. Containment needs the excerpt covered near-verbatim and more
 * than the other side: two texts covering each other alike (a light rewrite of a whole
 * article, where names and numbers keep many sentences verbatim) are a paraphrase. */
static void test_decide(void **state)
{
    (void)state;
    int in;
    double sc;
    dedup_coverage full = {1.0, 1.0}, half = {0.5, 0.6};
    assert_int_equal(dedup_decide(full, full, &in, &sc), DEDUP_DUPLICATE);
    assert_int_equal(dedup_decide(full, half, &in, &sc), DEDUP_CONTAINED);
    assert_true(in);
    assert_int_equal(dedup_decide(half, full, &in, &sc), DEDUP_CONTAINED);
    assert_false(in);
    assert_true(sc == 1.0);
    /* a rewrite: 70% verbatim on both sides, all of it with synonyms */
    dedup_coverage r1 = {0.70, 1.0}, r2 = {0.72, 0.98};
    assert_int_equal(dedup_decide(r1, r2, &in, &sc), DEDUP_PARAPHRASE);
    /* ... but an excerpt of a rewrite, inside far more than the other way, is contained */
    dedup_coverage ex = {0.95, 1.0}, rest = {0.45, 0.82};
    assert_int_equal(dedup_decide(ex, rest, &in, &sc), DEDUP_CONTAINED);
    assert_true(in);
    /* verbatim below the containment threshold: reworded */
    dedup_coverage low = {0.70, 0.9}, other = {0.3, 0.4};
    assert_int_equal(dedup_decide(low, other, &in, &sc), DEDUP_PARAPHRASE);
    dedup_coverage none = {0.1, 0.3};
    assert_int_equal(dedup_decide(none, none, &in, &sc), DEDUP_NONE);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The radix sort behind LSH buckets and candidate lists agrees with qsort, including runs of
 * equal values and bytes that every value shares (skipped passes). */
static void test_sort_u64(void **state)
{
    (void)state;
    enum { N = 5000 };
    static uint64_t v[N], w[N];
    size_t sizes[] = {0, 1, 2, 31, 32, 33, 1000, N};
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        size_t n = sizes[s];
        for (size_t i = 0; i < n; i++) {
            uint64_t h = minhash_mix((uint64_t)i * 7 + s);
            /* Mixed: full 64-bit values, small ones, a shared high word, and repeats. */
            v[i] = i % 4 == 0 ? h : i % 4 == 1 ? h % 97 : i % 4 == 2 ? (0xabcdull << 32 | (h & 0xffff)) : v[i / 2];
        }
        memcpy(w, v, n * sizeof *v);
        minhash_sort_u64(v, n);
        if (n)
            qsort(w, n, sizeof *w, cmp_u64);
        assert_memory_equal(v, w, (n ? n : 1) * sizeof *v);
    }
}

static void test_synonym_table(void **state)
{
    uint32_t x[32], y[32], rep;
    assert_true(synonyms_available());
    size_t nx = synonyms_lookup("shut", 4, x, 32, &rep);
    size_t ny = synonyms_of("close", 5, y, 32);
    assert_true(nx > 0 && ny > 0);
    assert_int_not_equal(rep, UINT32_MAX);
    int shared = 0;
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            shared |= x[i] == y[j];
    assert_true(shared);
    for (size_t i = 1; i < nx; i++)
        assert_true(x[i - 1] < x[i]); /* sorted, distinct */
    assert_true(synonyms_of("observed", 8, x, 32) > 0); /* morphy: observe */
    assert_int_equal(synonyms_of("zzqxv", 5, x, 32), 0);
    assert_int_equal(synonyms_lookup("zzqxv", 5, x, 32, &rep), 0);
    assert_int_equal(rep, UINT32_MAX);
}

/* An invented article of unique made-up words (no synonyms, no shared sentences). */
/* Appends one invented sentence of ten three-syllable words to out, as a paragraph of its
 * own, drawing from *r; returns its length (at most 102 bytes). */
static size_t S_invented_sentence(uint32_t *r, char *out)
{
    static const char *const syl[] = {"ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "pi",
                                      "nes", "gra", "bo", "fen", "qui", "zar", "lim"};
    size_t n = 0;
    for (int w = 0; w < 10; w++) {
        for (int k = 0; k < 3; k++) {
            *r = *r * 1103515245u + 12345u;
            const char *p = syl[(*r >> 16) % 16];
            memcpy(out + n, p, strlen(p));
            n += strlen(p);
        }
        out[n++] = w == 9 ? '.' : ' ';
    }
    out[n++] = '\n';
    out[n++] = '\n';
    return n;
}

static char *S_random_article(uint32_t *seed)
{
    char *out = malloc(4096);
    size_t n = 0;
    for (int s = 0; s < 8; s++)
        n += S_invented_sentence(seed, out + n);
    out[n] = '\0';
    return out;
}

/* n invented sentences of ten words, one paragraph each: sentence k of the article is
 * sentence pick(k) of the sequence the seed gives. */
static char *S_sentences(uint32_t seed, size_t n, size_t (*pick)(size_t))
{
    char *out = malloc(n * 102 + 1);
    size_t len = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t r = seed + (uint32_t)pick(k) * 7919u; /* the same sentence for the same index */
        len += S_invented_sentence(&r, out + len);
    }
    out[len] = '\0';
    return out;
}

static size_t S_same(size_t k) { return k; }
static size_t S_every_third_backwards(size_t k) { return 3 * (399 - k); } /* k < 400 */

/* Documents longer than 64 sentences (bounds over several words) and longer than the bounds'
 * limit (every sentence pair compared): copies and excerpts are still found. */
static void test_long_documents(void **state)
{
    (void)state;
    char *texts[] = {S_sentences(11, 1200, S_same), S_sentences(11, 400, S_every_third_backwards),
                     S_sentences(11, 1200, S_same), S_sentences(99, 120, S_same)};
    chorus_corpus *c = S_corpus((const char *const *)texts, 4);
    dedup_result r;
    dedup_documents(c, &r);
    const dedup_pair *p = S_pair(&r, 0, 2); /* 1,200 sentences a side: no bounds */
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_DUPLICATE);
    for (uint32_t d = 0; d < 3; d += 2) { /* 400 of them in another order; with bounds for 2 */
        p = S_pair(&r, d, 1);
        assert_non_null(p);
        assert_int_equal(p->relation, DEDUP_CONTAINED);
        assert_int_equal(p->a, 1);
    }
    for (uint32_t d = 0; d < 3; d++)
        assert_null(S_pair(&r, d, 3));
    dedup_result_free(&r);
    chorus_corpus_free(c);
    for (size_t i = 0; i < 4; i++)
        free(texts[i]);
}

/* A made-up word, different for every k and left alone by the stemmer and the synonyms. */
static void S_word(char *out, unsigned k)
{
    snprintf(out, 8, "zv%c%c%ck", 'a' + k / 100 % 26, 'a' + k / 10 % 10, 'a' + k % 10);
}

/* A text of `nsent` sentences; sentence i holds the words first(i) .. first(i) + len - 1. */
static char *S_made_up(unsigned nsent, unsigned len, unsigned (*first)(unsigned, unsigned))
{
    size_t cap = 64 + (size_t)nsent * len * 8, n = 0;
    char *t = malloc(cap);
    assert_non_null(t);
    n += (size_t)snprintf(t, cap, "Zvtitle%uk\n\n", len);
    for (unsigned i = 0; i < nsent; i++) {
        for (unsigned w = 0; w < len; w++) {
            char word[8];
            S_word(word, first(i, len) + w);
            n += (size_t)snprintf(t + n, cap - n, "%s%s", w ? " " : "", word);
        }
        n += (size_t)snprintf(t + n, cap - n, ".\n\n");
    }
    return t;
}

static unsigned S_at_100(unsigned i, unsigned len) { return (void)len, 100 * i; }

/* Sentences of 3 and 12 words sharing 3 have similarity 3 / sqrt(36) = 0.5 exactly, the
 * paraphrase threshold: the bounds (S_live's single precision, S_may_reach's squares) must
 * let the pair through, and give what comparing every sentence pair gives. With 13 words,
 * 3 / sqrt(39) < 0.5: no relation. Five sentences a side: four at once and one alone. */
static void test_bounds_at_threshold(void **state)
{
    (void)state;
    char *texts[] = {S_made_up(5, 3, S_at_100), S_made_up(5, 12, S_at_100),
                     S_made_up(5, 13, S_at_100)};
    chorus_corpus *c = S_corpus((const char *const *)texts, 3);
    dedup_result r;
    dedup_documents(c, &r);
    const dedup_pair *p = S_pair(&r, 0, 1);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_PARAPHRASE);
    assert_null(S_pair(&r, 0, 2));
    for (int bounds = 1; bounds >= 0; bounds--) { /* the index, with bounds and without */
        dedup_index *ix = dedup_index_new(0);
        dedup_index_add(ix, c);
        if (!bounds)
            dedup_index_set_bound_keys(ix, 1);
        dedup_result s;
        dedup_index_run(ix, 0, &s);
        S_same_pairs(&s, &r, 0);
        dedup_result_free(&s);
        dedup_index_free(ix);
    }
    dedup_result_free(&r);
    chorus_corpus_free(c);
    for (size_t i = 0; i < 3; i++)
        free(texts[i]);
}

/* Adds texts[from, to) to corpus c, as one document each. */
static void S_add_texts(chorus_corpus *c, const char *const *texts, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        assert_int_equal(chorus_corpus_add_text(c, "doc.txt", texts[i], strlen(texts[i]), NULL),
                         CHORUS_OK);
}

/* Runs the index through LSH, checks its relations are want's, and frees the index, the stem
 * map and the batch corpus. */
static void S_check_stream(dedup_index *ix, dedup_stem_map *map, chorus_corpus *batch,
                           const dedup_result *want)
{
    dedup_result s;
    dedup_index_run(ix, 1, &s);
    S_same_pairs(&s, want, 0);
    dedup_result_free(&s);
    dedup_stem_map_free(map);
    chorus_corpus_free(batch);
    dedup_index_free(ix);
}

/* 80 documents (the LSH path): the planted copies are found, and an index fed in two batches
 * compared pair by pair gives the same relations as the corpus through LSH. */
static void test_lsh_and_stream(void **state)
{
    enum { N = 80 };
    const char *texts[N];
    char *owned[N] = {0};
    uint32_t seed = 42;
    for (int i = 0; i < N; i++)
        texts[i] = owned[i] = S_random_article(&seed);
    texts[10] = ORIGINAL;
    texts[40] = EXCERPT;
    texts[70] = SPUN;
    texts[75] = ORIGINAL;
    chorus_corpus *c = S_corpus(texts, N);
    dedup_result r;
    dedup_documents(c, &r);
    const dedup_pair *p = S_pair(&r, 10, 75);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_DUPLICATE);
    p = S_pair(&r, 40, 10);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_CONTAINED);
    p = S_pair(&r, 10, 70);
    assert_non_null(p);
    assert_int_equal(p->relation, DEDUP_PARAPHRASE);

    chorus_corpus *c1 = S_corpus(texts, 50), *c2 = S_corpus(texts + 50, N - 50);
    dedup_index *ix = dedup_index_new(1);
    dedup_index_add(ix, c1);
    chorus_corpus_free(c1);
    dedup_index_add(ix, c2);
    chorus_corpus_free(c2);
    assert_int_equal(dedup_index_count(ix), N);
    assert_non_null(dedup_index_meta(ix, 3));
    dedup_result s;
    dedup_index_run(ix, 0, &s);
    S_same_pairs(&s, &r, 0);
    assert_int_equal(s.ngroups, r.ngroups);
    dedup_result_free(&s);
    dedup_index_run(ix, 1, &s); /* LSH on the index too */
    assert_int_equal(s.npairs, r.npairs);
    /* No bounds at all (every first document lists too many rows): the same relations. */
    dedup_index_set_bound_keys(ix, 1);
    dedup_result t;
    dedup_index_run(ix, 1, &t);
    S_same_pairs(&t, &s, 1);
    dedup_result_free(&t);
    dedup_result_free(&s);
    dedup_index_free(ix);

    /* The --stream way: one corpus emptied between batches (its word tables kept), and one
     * stem map kept across them. Batch sizes 1, 29 and 50 docs. */
    ix = dedup_index_new(0);
    chorus_corpus *b = chorus_corpus_new(NULL);
    dedup_stem_map map = {0};
    size_t cuts[] = {0, 1, 30, N};
    for (size_t k = 0; k + 1 < sizeof cuts / sizeof *cuts; k++) {
        S_add_texts(b, texts, cuts[k], cuts[k + 1]);
        assert_int_equal(b->docs.len, cuts[k + 1] - cuts[k]);
        dedup_index_add_batch(ix, b, &map);
        corpus_clear_documents(b);
        assert_int_equal(b->docs.len, 0);
        assert_int_equal(b->sentences.len, 0);
    }
    assert_true(b->terms.count > 0); /* the tables stay */
    S_check_stream(ix, &map, b, &r);

    /* The same with tokens made one document at a time (chorus dedup --stream): documents
     * come without tokens, and each has them, the one before none, when tokenized. */
    ix = dedup_index_new(0);
    b = chorus_corpus_new(NULL);
    corpus_defer_tokens(b);
    map = (dedup_stem_map){0};
    for (size_t k = 0; k + 1 < sizeof cuts / sizeof *cuts; k++) {
        S_add_texts(b, texts, cuts[k], cuts[k + 1]);
        assert_true(b->sentences.len > 0);
        assert_int_equal(b->tokens.len, 0);
        for (uint32_t d = 0; d < b->docs.len; d++) {
            corpus_tokenize_document(b, d);
            const document *doc = &b->docs.items[d];
            const sentence *s0 = corpus_sentence(b, doc->first_sentence);
            assert_true(s0->ntokens > 0);
            assert_int_equal(s0->words, 0); /* not counted: dedup has no use for them */
            const token *tk = sentence_tokens(b, s0); /* its term is its text, lower-cased */
            const char *term = strtab_get(&b->terms, tk->term);
            assert_int_equal(strlen(term), tk->len);
            for (uint32_t q = 0; q < tk->len; q++)
                assert_int_equal(tolower((unsigned char)doc->text[tk->start + q]), term[q]);
            if (d > 0) {
                const document *before = &b->docs.items[d - 1];
                assert_int_equal(corpus_sentence(b, before->first_sentence)->ntokens, 0);
            }
            dedup_index_add_document(ix, b, d, &map);
        }
        corpus_clear_documents(b);
    }
    S_check_stream(ix, &map, b, &r);
    dedup_result_free(&r);
    chorus_corpus_free(c);
    for (int i = 0; i < N; i++)
        free(owned[i]);
}

/* A story syndicated to more sites than an LSH bucket pairs in full (LSH_MAX_BUCKET, 32): its
 * 40 copies among 40 other articles are still one group, and every two of them duplicates (the
 * group is completed pair by pair: GROUP_COMPLETE_MAX). */
static void test_many_copies(void **state)
{
    (void)state;
    enum { COPIES = 40, N = 80 };
    const char *texts[N];
    char *owned[N] = {0};
    uint32_t seed = 7;
    for (int i = 0; i < N; i++)
        texts[i] = i < COPIES ? ORIGINAL : (owned[i] = S_random_article(&seed));
    chorus_corpus *c = S_corpus(texts, N);
    dedup_result r;
    dedup_documents(c, &r);
    for (uint32_t d = 1; d < COPIES; d++)
        assert_int_equal(r.group[d], r.group[0]);
    for (uint32_t d = COPIES; d < N; d++)
        assert_int_not_equal(r.group[d], r.group[0]);
    size_t among = 0;
    for (size_t k = 0; k < r.npairs; k++)
        if (r.pairs[k].a < COPIES && r.pairs[k].b < COPIES) {
            assert_int_equal(r.pairs[k].relation, DEDUP_DUPLICATE);
            among++;
        }
    assert_int_equal(among, COPIES * (COPIES - 1) / 2);
    dedup_result_free(&r);
    chorus_corpus_free(c);
    for (int i = 0; i < N; i++)
        free(owned[i]);
}

/* Candidates that miss a pair of copies of one text: the pairs of each group are aligned too.
 * The excerpt and the spun copy of one original are related (all pairs compared say so); given
 * only their pairs with the original as candidates, the run still finds it. Given only the
 * excerpt's pair, the group has two documents and nothing is added. */
static void test_groups_completed(void **state)
{
    (void)state;
    const char *texts[] = {ORIGINAL, EXCERPT, SPUN};
    chorus_corpus *c = S_corpus(texts, 3);
    dedup_index *ix = dedup_index_new(0);
    dedup_index_add(ix, c);
    dedup_result all;
    dedup_index_run(ix, 0, &all);
    assert_int_equal(all.npairs, 3);
    assert_non_null(S_pair(&all, 1, 2));
    const uint64_t with_original[] = {(uint64_t)0 << 32 | 1, (uint64_t)0 << 32 | 2};
    dedup_result r;
    dedup_index_run_candidates(ix, with_original, 2, &r);
    S_same_pairs(&r, &all, 0);
    dedup_result_free(&r);
    dedup_index_run_candidates(ix, with_original, 1, &r);
    assert_int_equal(r.npairs, 1);
    assert_non_null(S_pair(&r, 0, 1));
    assert_int_equal(r.ngroups, 2);
    dedup_result_free(&r);
    dedup_result_free(&all);
    dedup_index_free(ix);
    chorus_corpus_free(c);
}

static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* A document's stem list (dedup_doc_stems) holds each stem of its sentences once: the union
 * of its sentences' stem sets, made separately. The stories repeat words across sentences
 * and across documents. */
static void test_doc_stems(void **state)
{
    (void)state;
    const char *texts[] = {ORIGINAL, EXCERPT, SPUN, ORIGINAL};
    chorus_corpus *c = S_corpus(texts, 4);
    dedup_index *ix = dedup_index_new(0);
    dedup_index_add(ix, c);
    for (uint32_t d = 0; d < 4; d++) {
        size_t n, m = 0;
        const uint32_t *st = dedup_doc_stems(ix, d, &n);
        uint32_t *have = malloc((n + 1) * sizeof *have);
        memcpy(have, st, n * sizeof *have);
        qsort(have, n, sizeof *have, S_cmp_u32);
        uint32_t s0 = ix->dfirst.items[d], s1 = ix->dfirst.items[d + 1];
        size_t total = ix->sstart.items[s1] - ix->sstart.items[s0];
        uint32_t *want = malloc((total + 1) * sizeof *want);
        memcpy(want, ix->sstems.items + ix->sstart.items[s0], total * sizeof *want);
        qsort(want, total, sizeof *want, S_cmp_u32);
        for (size_t k = 0; k < total; k++)
            if (!m || want[k] != want[m - 1])
                want[m++] = want[k];
        assert_true(m > 10);
        assert_int_equal(n, m);
        assert_memory_equal(have, want, m * sizeof *want);
        free(have);
        free(want);
    }
    dedup_index_free(ix);
    chorus_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relations),
        cmocka_unit_test(test_doc_stems),
        cmocka_unit_test(test_no_documents),
        cmocka_unit_test(test_fuzz_no_stems),
        cmocka_unit_test(test_fuzz_short_bounds),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_minhash_estimate),
        cmocka_unit_test(test_minhash_densified),
        cmocka_unit_test(test_minhash_reference),
        cmocka_unit_test(test_decide),
        cmocka_unit_test(test_sort_u64),
        cmocka_unit_test(test_synonym_table),
        cmocka_unit_test(test_lsh_and_stream),
        cmocka_unit_test(test_groups_completed),
        cmocka_unit_test(test_many_copies),
        cmocka_unit_test(test_long_documents),
        cmocka_unit_test(test_bounds_at_threshold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
