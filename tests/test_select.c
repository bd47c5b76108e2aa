/* Tests of the selection methods: the cores of submodular, LexRank, clustering and reranking on
 * hand-made similarity matrices, the candidate filters, and every method end to end on a small
 * invented corpus. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdio.h>

#include <cmocka.h>

#include "chorus.h"
#include "corpus/corpus.h"
#include "select/select.h"
#include "summary/summary.h"
#include "text/utf8.h"

/* Two topics: items 0-2 are near each other, 3-4 near each other, 5 is alone. */
/* A corpus of the n texts (header format), every one accepted. */
static chorus_corpus *S_corpus(const char *const *texts, size_t n)
{
    chorus_corpus *c = chorus_corpus_new(NULL);
    chorus_error err;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(chorus_corpus_add_text(c, "t.txt", texts[i], strlen(texts[i]), &err),
                         CHORUS_OK);
    return c;
}

static void S_blocks(double *sim)
{
    static const double m[6][6] = {
        {1.0, 0.8, 0.7, 0.1, 0.0, 0.0}, {0.8, 1.0, 0.6, 0.0, 0.1, 0.0},
        {0.7, 0.6, 1.0, 0.0, 0.0, 0.0}, {0.1, 0.0, 0.0, 1.0, 0.9, 0.0},
        {0.0, 0.1, 0.0, 0.9, 1.0, 0.0}, {0.0, 0.0, 0.0, 0.0, 0.0, 1.0},
    };
    memcpy(sim, m, sizeof m);
}

static void test_cluster_blocks(void **state)
{
    (void)state;
    double sim[36];
    S_blocks(sim);
    uint32_t cl[6];
    sim_cluster(sim, 6, 3, cl);
    assert_int_equal(cl[0], cl[1]);
    assert_int_equal(cl[0], cl[2]);
    assert_int_equal(cl[3], cl[4]);
    assert_int_not_equal(cl[0], cl[3]);
    assert_int_not_equal(cl[5], cl[0]);
    assert_int_not_equal(cl[5], cl[3]);
}

static void test_lexrank_center(void **state)
{
    (void)state;
    /* A star: item 0 is similar to everyone, the others only to 0. */
    double sim[25] = {0};
    for (int i = 0; i < 5; i++) {
        sim[i * 5 + i] = 1;
        sim[i] = sim[i * 5] = i ? 0.5 : 1;
    }
    double s[5];
    lexrank_scores(sim, 5, 0.1, 0.15, s);
    double total = 0;
    for (int i = 0; i < 5; i++) {
        total += s[i];
        if (i)
            assert_true(s[0] > s[i]);
        if (i > 1)
            assert_true(fabs(s[i] - s[1]) < 1e-9); /* symmetric leaves score alike */
    }
    assert_true(fabs(total - 1) < 1e-9);
}

static void test_lexrank_threshold(void **state)
{
    (void)state;
    /* Below the threshold there is no edge: all items are alike. */
    double sim[9] = {1, 0.05, 0.05, 0.05, 1, 0.05, 0.05, 0.05, 1};
    double s[3];
    lexrank_scores(sim, 3, 0.1, 0.15, s);
    for (int i = 0; i < 3; i++)
        assert_true(fabs(s[i] - 1.0 / 3) < 1e-9);
}

static void test_submodular_is_submodular(void **state)
{
    (void)state;
    double sim[36];
    S_blocks(sim);
    uint32_t cost[6] = {10, 10, 10, 10, 10, 10};
    uint32_t cl[6] = {0, 0, 0, 1, 1, 2};
    sim_problem p = {.n = 6, .sim = sim, .cost = cost, .budget = 100};
    /* F(A + x) - F(A) >= F(B + x) - F(B) for A a subset of B, and F grows. */
    uint32_t a[] = {0, 5}, b[] = {0, 5, 1, 3};
    for (uint32_t x = 0; x < 6; x++) {
        uint32_t ax[3] = {a[0], a[1], x}, bx[5] = {b[0], b[1], b[2], b[3], x};
        double ga = submodular_value(&p, cl, 0.3, 6, ax, 3) - submodular_value(&p, cl, 0.3, 6, a, 2);
        double gb = submodular_value(&p, cl, 0.3, 6, bx, 5) - submodular_value(&p, cl, 0.3, 6, b, 4);
        assert_true(ga >= gb - 1e-12);
        assert_true(gb >= -1e-12);
    }
}

static void test_submodular_budget_and_diversity(void **state)
{
    (void)state;
    double sim[36];
    S_blocks(sim);
    uint32_t cost[6] = {10, 10, 10, 10, 10, 10};
    uint32_t cl[6] = {0, 0, 0, 1, 1, 2};
    sim_problem p = {.n = 6, .sim = sim, .cost = cost, .budget = 25};
    uint32_t out[6];
    size_t n = submodular_select(&p, cl, 1.0 / 6, 6, 0.3, out);
    assert_int_equal(n, 2);
    /* With a diversity reward the two picks come from the two big topics. */
    assert_int_not_equal(cl[out[0]], cl[out[1]]);
    assert_true(out[0] != 5 && out[1] != 5);
}

static void test_submodular_singleton_check(void **state)
{
    (void)state;
    /* Item 0 is cheap but covers little; item 1 covers everything but costs the whole budget.
     * Cost-scaled greedy takes 0 first and can then not afford 1; the singleton check must
     * return {1}. */
    double sim3[9] = {1, 0, 0, 0, 1, 1, 0, 1, 1};
    uint32_t cost3[3] = {1, 100, 1000};
    uint32_t cl3[3] = {0, 1, 1};
    sim_problem p = {.n = 3, .sim = sim3, .cost = cost3, .budget = 100};
    uint32_t out[3];
    size_t n = submodular_select(&p, cl3, 1, 0, 1, out);
    assert_int_equal(n, 1);
    assert_int_equal(out[0], 1);
}

static void test_submodular_conflicts(void **state)
{
    (void)state;
    double sim[36];
    S_blocks(sim);
    uint32_t cost[6] = {10, 10, 10, 10, 10, 10};
    uint32_t cl[6] = {0, 1, 2, 3, 4, 5};
    uint8_t conflict[36] = {0};
    conflict[0 * 6 + 1] = conflict[1 * 6 + 0] = 1;
    sim_problem p = {.n = 6, .sim = sim, .cost = cost, .budget = 60, .conflict = conflict};
    uint32_t out[6];
    size_t n = submodular_select(&p, cl, 1, 1, 0.3, out);
    int has0 = 0, has1 = 0;
    for (size_t i = 0; i < n; i++) {
        has0 |= out[i] == 0;
        has1 |= out[i] == 1;
    }
    assert_false(has0 && has1);
}

static void test_rerank(void **state)
{
    (void)state;
    double sim[36];
    S_blocks(sim);
    uint32_t cost[6] = {10, 10, 10, 10, 10, 10};
    double score[6] = {6, 5, 4, 3, 2, 1};
    sim_problem p = {.n = 6, .sim = sim, .cost = cost, .budget = 30};
    uint32_t out[6];
    size_t n = rerank_select(&p, score, 0.5, out);
    /* 1 and 2 repeat 0, 4 repeats 3. */
    assert_int_equal(n, 3);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 3);
    assert_int_equal(out[2], 5);
}

static void test_params_parse(void **state)
{
    (void)state;
    select_params p;
    select_params_default(&p);
    assert_int_equal(select_params_parse(&p, "min_words=10,lead_boost=2.5"), 0);
    assert_int_equal(p.min_words, 10);
    assert_true(p.lead_boost == 2.5);
    assert_int_equal(select_params_parse(&p, "uni_weight=0.2,pos_bonus=3,pos_sentences=2,"
                                                 "fill_concept=0"),
                     0);
    assert_true(p.uni_weight == 0.2 && p.pos_bonus == 3 && p.pos_sentences == 2);
    assert_int_equal(p.fill_concept, 0);
    /* knobs of rejected experiments are gone (quality.md) */
    assert_int_equal(select_params_parse(&p, "w_pow=0.5"), -1);
    assert_int_equal(select_params_parse(&p, "fill_slack=12"), -1);
    assert_int_equal(select_params_parse(&p, "drop_quotes=1"), -1);
    assert_int_equal(select_params_parse(&p, "compress=2,compress_rules=5"), 0);
    assert_true(p.compress == 2 && p.compress_rules == 5);
    assert_int_equal(select_params_parse(&p, "nonsense=1"), -1);
    assert_int_equal(select_params_parse(&p, "min_words="), -1);
    assert_int_equal(select_params_parse(&p, "min_words=3x"), -1);
}

static const char *DOC =
    "Flood waters rise in river town\n"
    "2024-05-01\n"
    "\n"
    "Flood waters rose in the river town of Millbrook on Tuesday after three days of heavy rain.\n"
    "\n"
    "He said the levee on the east bank of the river would hold through the night.\n"
    "\n"
    "\"We are doing everything we can to keep people safe tonight,\" the mayor told reporters.\n";

static void test_quotes_balanced(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int balanced;
    } cases[] = {
        {"The mayor said the levee would hold.", 1},
        {"\"We will win,\" he said.", 1},
        {"Russia pulling back,\" Blinken said.", 0},
        {"He said: \"We will not stop here.", 0},
        {"``It's certainly one of the larger systems,'' said Hal Gerrish.", 1},
        {"the larger systems,'' said Hal Gerrish.", 0},
        {"``It's certainly one of the larger systems.", 0},
        {"\xe2\x80\x9cWe will win,\xe2\x80\x9d he said.", 1},
        {"pulling back,\xe2\x80\x9d Blinken said.", 0},
        {"\xe2\x80\x9d closing first \xe2\x80\x9c then opening", 0},
        {"The rock 'n' roll band's tour, the singers' show.", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        assert_int_equal(select_quotes_balanced(cases[i].text, strlen(cases[i].text)),
                         cases[i].balanced);
}

/* A sentence that closes a quotation opened in its predecessor is never chosen alone: with the
 * default rules it either comes with its predecessor or not at all. */
static const char *QDOCS[] = {
    "Talks on grain exports stall\n2024-07-01\n\n"
    "Negotiators from both countries met in Geneva on Monday to discuss grain exports.\n\n"
    "\"So if we are going to see grain exports resume soon, we need to see shipping lanes open "
    "and the blockade of the ports of Odesa and Mykolaiv lifted,\n\n"
    "and that means the navy pulling back from the coast,\" the minister said on Monday.\n",
    "Grain export talks in Geneva\n2024-07-01\n\n"
    "Negotiators met in Geneva on Monday to discuss grain exports and the blockade of the ports.\n\n"
    "The minister said the navy pulling back from the coast was needed for grain exports.\n\n"
    "Shipping lanes must open before grain exports from the ports of Odesa and Mykolaiv resume.\n",
};

static void test_unbalanced_quote_never_alone(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus(QDOCS, 2);
    chorus_error err;
    for (size_t words = 20; words <= 120; words += 10) {
        chorus_summary_options o;
        chorus_summary_options_init(&o);
        o.words = words;
        chorus_summary *s = chorus_summarize(c, &o, &err);
        assert_non_null(s);
        for (size_t i = 0; i < chorus_summary_sentence_count(s); i++) {
            const char *t = chorus_summary_sentence_text(s, i);
            if (strncmp(t, "and that means", 14) == 0) {
                assert_true(i > 0);
                assert_non_null(strstr(chorus_summary_sentence_text(s, i - 1), "\"So if"));
            }
        }
        chorus_summary_free(s);
    }
    chorus_corpus_free(c);
}

/* A document's text is its kept paragraphs, one per line, in NFC: a caption is gone and a
 * decomposed accent composed; an ASCII body (its own NFC form) comes through as it is. */
static void test_document_text(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "Harbour reopens\n\nPhoto: The pier at dawn.\n"
        "The cafe\xCC\x81 on the pier reopened on Monday after repairs.\n"
        "Its owner said trade was good.\n",
        "Ferry returns\n\nThe ferry returned to the north route on Tuesday.\n"
        "Tickets went on sale at noon.\n",
    };
    chorus_corpus *c = S_corpus(texts, 2);
    assert_int_equal(c->docs.len, 2);
    const char want0[] = "The caf\xC3\xA9 on the pier reopened on Monday after repairs.\n"
                         "Its owner said trade was good.\n";
    const char want1[] = "The ferry returned to the north route on Tuesday.\n"
                         "Tickets went on sale at noon.\n";
    assert_int_equal(c->docs.items[0].text_len, sizeof want0 - 1);
    assert_string_equal(c->docs.items[0].text, want0);
    assert_int_equal(c->docs.items[1].text_len, sizeof want1 - 1);
    assert_string_equal(c->docs.items[1].text, want1);
    chorus_corpus_free(c);
}

static void test_candidate_filters(void **state)
{
    (void)state;
    chorus_corpus *c = chorus_corpus_new(NULL);
    chorus_error err;
    assert_int_equal(chorus_corpus_add_text(c, "a.txt", DOC, strlen(DOC), &err), CHORUS_OK);
    select_params p;
    select_params_default(&p);
    const sentence *lead = NULL, *he = NULL, *quote = NULL;
    for (size_t i = 0; i < c->sentences.len; i++) {
        const sentence *s = &c->sentences.items[i];
        const char *t = sentence_text(c, s);
        if (strncmp(t, "Flood waters rose", 17) == 0)
            lead = s;
        else if (strncmp(t, "He said", 7) == 0)
            he = s;
        else if (t[0] == '"')
            quote = s;
    }
    assert_non_null(lead);
    assert_non_null(he);
    assert_non_null(quote);
    assert_true(select_is_candidate_p(c, he, &p));
    assert_true(select_is_candidate_p(c, quote, &p));
    p.dangling = 2;
    assert_false(select_is_candidate_p(c, he, &p));
    assert_true(select_is_candidate_p(c, lead, &p));
    assert_true(select_is_candidate_p(c, quote, &p)); /* its quotation marks balance */
    chorus_corpus_free(c);
}

/* Three invented articles on one event, with a syndicated near-copy. */
static const char *ARTS[] = {
    "Bridge closes after barge strike\n2024-06-10\n\n"
    "The Harbor Street bridge was closed on Monday after a barge struck one of its piers.\n\n"
    "Inspectors found a crack in the pier and said the bridge would stay closed for a week.\n\n"
    "Traffic was diverted to the Canal Road crossing, where drivers faced long delays.\n\n"
    "The barge operator said its captain had lost power in a strong current.\n",
    "Barge hits Harbor Street bridge\n2024-06-10\n\n"
    "The Harbor Street bridge was closed on Monday after a barge hit one of its piers.\n\n"
    "Inspectors found a crack in the pier and said the bridge would stay closed for a week.\n\n"
    "City officials said repairs to the damaged pier could cost two million dollars.\n",
    "Harbor Street bridge to reopen\n2024-06-17\n\n"
    "The Harbor Street bridge reopened on Monday, a week after a barge struck one of its piers.\n\n"
    "Repairs to the damaged pier cost the city about two million dollars, officials said.\n\n"
    "Drivers who used the Canal Road crossing during the closure welcomed the news.\n",
};

static void test_methods_end_to_end(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus(ARTS, 3);
    chorus_error err;
    chorus_method ms[] = {CHORUS_METHOD_DEFAULT,    CHORUS_METHOD_CONCEPT,
                          CHORUS_METHOD_SUBMODULAR, CHORUS_METHOD_CENTROID,
                          CHORUS_METHOD_LEXRANK,    CHORUS_METHOD_LEAD,
                          CHORUS_METHOD_RANDOM};
    for (size_t m = 0; m < sizeof ms / sizeof *ms; m++) {
        for (size_t words = 20; words <= 60; words += 20) {
            chorus_summary_options o;
            chorus_summary_options_init(&o);
            o.words = words;
            o.method = ms[m];
            chorus_summary *s = chorus_summarize(c, &o, &err);
            assert_non_null(s);
            size_t n = chorus_summary_sentence_count(s), total = 0;
            assert_true(n >= 1 || words < 20);
            for (size_t i = 0; i < n; i++) {
                const char *t = chorus_summary_sentence_text(s, i);
                total += utf8_count_words(t, strlen(t));
                /* never both copies of the syndicated sentence */
                for (size_t j = i + 1; j < n; j++)
                    assert_false(strncmp(t, "Inspectors found", 16) == 0 &&
                                 strncmp(chorus_summary_sentence_text(s, j), "Inspectors found",
                                         16) == 0);
            }
            assert_true(total <= words);
            /* Deterministic: the same input gives the same summary. */
            chorus_summary *again = chorus_summarize(c, &o, &err);
            assert_int_equal(chorus_summary_sentence_count(again), n);
            for (size_t i = 0; i < n; i++)
                assert_string_equal(chorus_summary_sentence_text(again, i),
                                    chorus_summary_sentence_text(s, i));
            chorus_summary_free(again);
            o.fill = 1;
            chorus_summary *f = chorus_summarize(c, &o, &err);
            size_t ft = 0;
            for (size_t i = 0; i < chorus_summary_sentence_count(f); i++) {
                const char *t = chorus_summary_sentence_text(f, i);
                ft += utf8_count_words(t, strlen(t));
            }
            /* Fill mode: more words, never past the budget (the corpus may run out of
             * sentences that are not near-copies). */
            assert_true(ft <= words && ft >= total);
            chorus_summary_free(f);
            chorus_summary_free(s);
        }
    }
    chorus_corpus_free(c);
}

/* Unigram concepts add to the bigram ones at a fraction of their weight; the position bonus is
 * one concept of its own per unit that opens its article. */
static void test_concept_unigrams_and_bonus(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus(ARTS, 3);
    uint32_t cand[64];
    size_t n = 0, nfirst = 0;
    for (size_t i = 0; i < c->sentences.len && n < 64; i++)
        if (!(c->sentences.items[i].flags & SENT_HEADLINE)) {
            cand[n++] = (uint32_t)i;
            nfirst += c->sentences.items[i].index == 0;
        }
    assert_true(nfirst >= 1);
    select_params p;
    select_params_default(&p);
    p.uni_weight = 0;
    p.pos_bonus = 0;
    concept_index bi, uni, bonus;
    concept_index_build(c, cand, n, &p, &bi);
    p.uni_weight = 0.25;
    concept_index_build(c, cand, n, &p, &uni);
    p.uni_weight = 0;
    p.pos_bonus = 4;
    p.pos_sentences = 1;
    concept_index_build(c, cand, n, &p, &bonus);
    assert_true(uni.nconcepts > bi.nconcepts);
    assert_int_equal(bonus.nconcepts, bi.nconcepts + nfirst);
    double max_bi = 0, max_uni = 0;
    for (size_t i = 0; i < bi.nconcepts; i++)
        max_bi = bi.weight[i] > max_bi ? bi.weight[i] : max_bi;
    for (size_t i = 0; i < uni.nconcepts; i++)
        max_uni = uni.weight[i] > max_uni ? uni.weight[i] : max_uni;
    assert_true(max_bi > 0 && fabs(max_uni - max_bi) < 1e-9); /* unigrams weigh less */
    for (size_t i = 0; i < n; i++) {
        /* each candidate keeps its bigrams; an article opener also has one bonus concept */
        uint32_t nb = bi.start[i + 1] - bi.start[i], nw = bonus.start[i + 1] - bonus.start[i];
        int first = c->sentences.items[cand[i]].index == 0;
        assert_int_equal(nw, nb + (uint32_t)first);
        if (first) {
            uint32_t id = bonus.concepts[bonus.start[i + 1] - 1];
            assert_true(id >= bi.nconcepts && bonus.weight[id] == 4);
        }
        assert_true(uni.start[i + 1] - uni.start[i] >= nb);
    }
    concept_index_free(&bi);
    concept_index_free(&uni);
    concept_index_free(&bonus);
    chorus_corpus_free(c);
}

/* The cut sentence of --fill: with nothing chosen (every sentence is longer than the budget),
 * the sentence whose first N words cover shared concepts, not the first one of the corpus
 * (all of whose stems are new, the old rule) nor one whose shared words come after word N. */
/* report_verbs: "said"/"says" is no concept word. Three articles share only "police said"
 * (df 3) and the word "police": without the rule that bigram and the unigram "said" are concepts
 * of every sentence; with it only the unigram "police" is left. */
static void test_concept_report_verbs(void **state)
{
    (void)state;
    static const char *const arts[] = {
        "Alpha\n2024-01-01\n\nPolice said alpha bravo charlie delta echo foxtrot golf.\n",
        "Hotel\n2024-01-01\n\nPolice said hotel india juliet kilo lima mike november.\n",
        "Oscar\n2024-01-01\n\nPolice says oscar papa quebec romeo sierra tango uniform.\n",
    };
    chorus_corpus *c = S_corpus(arts, 3);
    uint32_t cand[8];
    size_t n = 0;
    for (size_t i = 0; i < c->sentences.len && n < 8; i++)
        if (!(c->sentences.items[i].flags & SENT_HEADLINE))
            cand[n++] = (uint32_t)i;
    assert_int_equal(n, 3);
    select_params p;
    select_params_default(&p);
    assert_int_equal(p.report_verbs, 1); /* the default */
    p.pos_bonus = 0;
    p.uni_weight = 0;
    p.report_verbs = 0;
    concept_index off, on, off_uni, on_uni;
    concept_index_build(c, cand, n, &p, &off);
    p.uni_weight = 0.15;
    concept_index_build(c, cand, n, &p, &off_uni);
    p.report_verbs = 1;
    concept_index_build(c, cand, n, &p, &on_uni);
    p.uni_weight = 0;
    concept_index_build(c, cand, n, &p, &on);
    for (size_t i = 0; i < n; i++) {
        /* "police said" in the first two only ("says" stems to "say") */
        assert_int_equal(off.start[i + 1] - off.start[i], i < 2 ? 1 : 0);
        assert_int_equal(on.start[i + 1] - on.start[i], 0);
        /* + "police" everywhere, "said" in the first two */
        assert_int_equal(off_uni.start[i + 1] - off_uni.start[i], i < 2 ? 3 : 1);
        assert_int_equal(on_uni.start[i + 1] - on_uni.start[i], 1);
        /* df 3, and each article carries it in its lead */
        assert_true(fabs(on_uni.weight[on_uni.concepts[on_uni.start[i]]] -
                         0.15 * (3 + p.lead_boost * 3)) < 1e-9);
    }
    concept_index_free(&off);
    concept_index_free(&on);
    concept_index_free(&off_uni);
    concept_index_free(&on_uni);
    chorus_corpus_free(c);
}

static const char *FILL_ARTS[] = {
    "Storm floods coast\n2024-03-01\n\n"
    "Zebras quietly admire purple kites above distant orchards every afternoon.\n\n"
    "Late on Monday evening, far from anything, the harbor town flooded after the storm surge.\n\n"
    "Harbor town flooded streets were closed after the storm surge, officials said.\n",
    "Harbor floods\n2024-03-01\n\n"
    "The harbor town flooded when the storm surge arrived on Monday night.\n",
    "Surge hits town\n2024-03-02\n\n"
    "Residents said the harbor town flooded after the storm surge broke the sea wall.\n",
};

/* The default summary of c at `words` words (with --fill when fill) under the ablation
 * parameters params (NULL: none). */
static chorus_summary *S_summarize_with(const chorus_corpus *c, const char *params, size_t words,
                                        int fill)
{
    if (params)
        setenv("CHORUS_SELECT_PARAMS", params, 1);
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = words;
    o.fill = fill;
    chorus_error err;
    chorus_summary *s = chorus_summarize(c, &o, &err);
    unsetenv("CHORUS_SELECT_PARAMS");
    assert_non_null(s);
    return s;
}

static char *S_fill_summary(const chorus_corpus *c, const char *params)
{
    chorus_summary *s = S_summarize_with(c, params, 6, 1);
    assert_int_equal(chorus_summary_sentence_count(s), 1);
    const char *t = chorus_summary_sentence_text(s, 0);
    assert_int_equal(utf8_count_words(t, strlen(t)), 6);
    char *out = strdup(t);
    chorus_summary_free(s);
    return out;
}

static void test_fill_concept(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus(FILL_ARTS, 3);
    char *t = S_fill_summary(c, NULL);
    assert_non_null(strstr(t, "harbor town flooded"));
    free(t);
    t = S_fill_summary(c, "fill_concept=0");
    assert_int_equal(strncmp(t, "Zebras quietly", 14), 0);
    free(t);
    chorus_corpus_free(c);
}

/* The lead baseline fills with the next sentence of its own article, whatever the concepts
 * say: it stays a pure lead. */
static void test_fill_lead(void **state)
{
    (void)state;
    static const char *const ART =
        "Lead headline of the bridge story\n\n"
        "The river bridge at Port Alder opened to traffic on Monday morning after repairs. "
        "Zebras wandered near the old quarry without any visitors that week. "
        "The bridge repairs cost the town council more than two million dollars in total.\n";
    static const char *const OTHER =
        "Second report\n\n"
        "The bridge repairs cost the council two million dollars, officials said on Monday. "
        "The bridge repairs at Port Alder took three months, the council said.\n";
    chorus_corpus *c = chorus_corpus_new(NULL);
    chorus_error err;
    assert_int_equal(chorus_corpus_add_text(c, "a.txt", ART, strlen(ART), &err), CHORUS_OK);
    assert_int_equal(chorus_corpus_add_text(c, "b.txt", OTHER, strlen(OTHER), &err), CHORUS_OK);
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 17;
    o.fill = 1;
    o.method = CHORUS_METHOD_LEAD;
    chorus_summary *s = chorus_summarize(c, &o, &err);
    assert_non_null(s);
    assert_int_equal(chorus_summary_sentence_count(s), 2);
    assert_int_equal(strncmp(chorus_summary_sentence_text(s, 0), "The river bridge", 16), 0);
    const char *t = chorus_summary_sentence_text(s, 1);
    assert_int_equal(strncmp(t, "Zebras wandered", 15), 0);
    assert_int_equal(utf8_count_words(t, strlen(t)), 3);
    chorus_summary_free(s);
    chorus_corpus_free(c);
}

/* A quotation is no statement of the summary: the middle sentence of a multi-sentence
 * quotation (no marks of its own) and a copy of it that lost its marks in another article
 * do not stand alone (quoted_copies); without the rule the copy is what a short summary
 * picks. */
static char *S_quote_summary(const chorus_corpus *c, const char *params)
{
    chorus_summary *s = S_summarize_with(c, params, 14, 0);
    buf b = BUF_INIT;
    for (size_t i = 0; i < chorus_summary_sentence_count(s); i++) {
        buf_puts(&b, chorus_summary_sentence_text(s, i));
        buf_putc(&b, '\n');
    }
    chorus_summary_free(s);
    return b.data ? b.data : strdup("");
}

static void test_quoted_copies(void **state)
{
    (void)state;
    static const char *arts[] = {
        "Harbor plan\n\nThe minister presented the harbor plan to reporters in the capital.\n\n"
        "\"The harbor will be rebuilt within two years. The new sea wall will stand twice as "
        "high as the old one. The town will pay nothing,\" the minister said.\n",
        "Sea wall\n\nOfficials described the harbor plan to the town council.\n\n"
        "The new sea wall will stand twice as high as the old one.\n",
        "Council\n\nThe town council met to hear about the harbor plan and the new sea wall.\n",
    };
    chorus_corpus *c = S_corpus(arts, 3);
    char *off = S_quote_summary(c, "quoted_copies=0");
    assert_non_null(strstr(off, "The new sea wall will stand twice as high"));
    char *on = S_quote_summary(c, "quoted_copies=1");
    assert_null(strstr(on, "The new sea wall will stand twice as high"));
    free(off);
    free(on);
    chorus_corpus_free(c);
}

static void test_tfidf_cosines(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus(ARTS, 3);
    uint32_t cand[64];
    size_t n = 0;
    for (size_t i = 0; i < c->sentences.len && n < 64; i++)
        if (!(c->sentences.items[i].flags & SENT_HEADLINE))
            cand[n++] = (uint32_t)i;
    tfidf v;
    tfidf_build(c, cand, n, &v);
    double *sim = tfidf_cosines(&v);
    for (size_t a = 0; a < n; a++) {
        assert_true(fabs(sim[a * n + a] - 1) < 1e-9);
        for (size_t b = 0; b < n; b++) {
            assert_true(sim[a * n + b] >= 0 && sim[a * n + b] <= 1);
            assert_true(sim[a * n + b] == sim[b * n + a]);
        }
    }
    free(sim);
    tfidf_free(&v);
    chorus_corpus_free(c);
}


/* Runs one compression rule set on an invented sentence: want NULL = no variant. */
static void S_check_compress(const char *text, unsigned rules, const char *want)
{
    select_compress v;
    uint32_t len = (uint32_t)strlen(text);
    int ok = select_compress_find(text, len, rules, 4, &v);
    if (!want) {
        if (ok)
            fail_msg("unexpected variant of: %s", text);
        assert_int_equal(v.ncuts, 0);
        return;
    }
    if (!ok)
        fail_msg("no variant of: %s", text);
    char out[512];
    uint32_t n = select_compress_text(text, len, &v, out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    assert_int_equal(v.len, n);
    assert_int_equal(v.words, utf8_count_words(want, n));
    assert_true(select_quotes_balanced(out, n));
}

static void test_compress_trailing(void **state)
{
    (void)state;
    unsigned r = COMPRESS_TRAILING;
    S_check_compress("The bridge over the Tamsin River will close for repairs in June, he said.", r,
                     "The bridge over the Tamsin River will close for repairs in June.");
    S_check_compress("Nine people were hurt in the fire at the Orland mill, officials said Monday.",
                     r, "Nine people were hurt in the fire at the Orland mill.");
    S_check_compress("Ferry service to the island resumed on Friday, according to the port "
                     "authority of Vesk.",
                     r, "Ferry service to the island resumed on Friday.");
    S_check_compress("The dam held through the night, said Mira Olsen, a spokeswoman for the "
                     "water board.",
                     r, "The dam held through the night.");
    S_check_compress("Prices for wheat rose again in March, the farm ministry said in a statement.",
                     r, "Prices for wheat rose again in March.");
    S_check_compress("The storm destroyed two piers, four boats and a warehouse, the coast guard "
                     "told reporters.",
                     r, "The storm destroyed two piers, four boats and a warehouse.");
    /* A clause, not an attribution; the attribution of a quotation; inverted "told". */
    S_check_compress("The council approved the budget, and the mayor said it was fair.", r, NULL);
    S_check_compress("\"We will rebuild the school,\" the mayor said.", r, NULL);
    S_check_compress("The hall seats 400, the singer, a soprano, told the local paper.", r, NULL);
    S_check_compress("Although the pier is old, Ana Ruiz, the harbor master, said the boats were "
                     "safe.",
                     r, NULL);
    /* Too short once compressed (min_words 4 here). */
    S_check_compress("It rained, he said.", r, NULL);
}

static void test_compress_leading(void **state)
{
    (void)state;
    unsigned r = COMPRESS_LEADING;
    S_check_compress("However, the mill on the river will stay closed until the spring.", r,
                     "The mill on the river will stay closed until the spring.");
    S_check_compress("On Sunday, rescue teams reached the last of the flooded villages.", r,
                     "Rescue teams reached the last of the flooded villages.");
    S_check_compress("In a statement on Monday, the ministry of health ordered more vaccine.", r,
                     "The ministry of health ordered more vaccine.");
    S_check_compress("According to the police, three men entered the bank at noon.", r,
                     "Three men entered the bank at noon.");
    S_check_compress("After the storm passed, residents of Dunmore returned to their homes.", r,
                     "Residents of Dunmore returned to their homes.");
    /* Conditions stay; the comma of a place or a date does not end the opening; a clause. */
    S_check_compress("If the levee fails, the town of Harl will flood within hours.", r, NULL);
    S_check_compress("In Lyons, Kansas, the river rose six feet over the weekend.", r, NULL);
    S_check_compress("On Sunday, Monday and Tuesday, the storm pounded the coast.", r, NULL);
    S_check_compress("On Jan. 5, 1990, the company opened its first store in Akron.", r, NULL);
    S_check_compress("At noon the storm was near the coast of Vesk, moving north at 10 mph.", r,
                     NULL);
    S_check_compress("In the \"worst case,\" the town of Harl will flood within hours.", r, NULL);
}

static void test_compress_asides(void **state)
{
    (void)state;
    unsigned r = COMPRESS_ASIDE;
    S_check_compress("Senator Ada Pell (D-Vesk) voted against the bill on Thursday.", r,
                     "Senator Ada Pell voted against the bill on Thursday.");
    S_check_compress("The new bridge -- the longest in the region -- opens in May.", r,
                     "The new bridge opens in May.");
    S_check_compress("The plan \xe2\x80\x94 approved by the council last week \xe2\x80\x94 costs "
                     "$4 million (about 3.7 million euros).",
                     r, "The plan costs $4 million.");
    /* Brackets inside a quotation are the editor's; an unclosed aside; a dash at the end. */
    S_check_compress("\"I want (the council) to listen,\" Ms. Pell said of the vote.", r, NULL);
    S_check_compress("The bridge (which opened in 1990 is closed for repairs.", r, NULL);
    S_check_compress("The vote was close -- closer than anyone had expected.", r, NULL);
}

/* Time adjuncts inside a sentence (trim_time uses this rule on the chosen sentences). */
static void test_compress_temporal(void **state)
{
    (void)state;
    unsigned r = COMPRESS_TEMPORAL;
    S_check_compress("The harbor town flooded when the storm surge arrived on Monday night.", r,
                     "The harbor town flooded when the storm surge arrived.");
    S_check_compress("The mayor said Tuesday the sea wall would be rebuilt last week.", r,
                     "The mayor said the sea wall would be rebuilt.");
    S_check_compress("Troops crossed the border early today and took the capital.", r,
                     "Troops crossed the border and took the capital.");
    S_check_compress("The council met this morning to vote on the new budget.", r,
                     "The council met to vote on the new budget.");
    /* Governed or coordinated: "for this week", "again yesterday", "on Friday and on Monday". */
    S_check_compress("The talks between the two delegations are slated for this week.", r, NULL);
    S_check_compress("The council met this morning and again yesterday to vote.", r, NULL);
    S_check_compress("The delegations met on Friday and on Monday in Geneva.", r, NULL);
    S_check_compress("The border stays closed until today under the new order.", r, NULL);
    S_check_compress("The star opened Monday night's awards ceremony with a long song.", r, NULL);
    /* Needed ("since Monday"), after a comma, the first word, inside a quotation. */
    S_check_compress("The roads have been closed since Monday in the northern hills.", r, NULL);
    S_check_compress("The ferry sank off the coast, on Monday, with 40 people aboard.", r, NULL);
    S_check_compress("Today the town of Harl counts its losses after the flood.", r, NULL);
    S_check_compress("\"We will rebuild the wall this week,\" the mayor of Harl told us.", r, NULL);
    /* Not among the optimizer's variants. */
    S_check_compress("The harbor town flooded when the storm surge arrived on Monday night.",
                     COMPRESS_ALL, NULL);
}

/* trim_time (default on): the concept summary's sentences lose "on Monday night", and --fill
 * gets the words. */
static void test_trim_time(void **state)
{
    (void)state;
    static const char *arts[] = {
        "Storm\n2024-03-01\n\nThe harbor town flooded when the storm surge arrived on Monday "
        "night.\n",
        "Harbor\n2024-03-01\n\nThe harbor town flooded as the storm surge broke the sea wall of "
        "the old port.\n",
        "Surge\n2024-03-02\n\nThe storm surge broke the sea wall and the harbor town flooded "
        "within hours.\n",
    };
    chorus_corpus *c = S_corpus(arts, 3);
    for (int on = 0; on <= 1; on++) {
        chorus_summary *s = S_summarize_with(c, on ? "trim_time=1" : "trim_time=0", 12, 1);
        const char *t = chorus_summary_sentence_text(s, 0);
        if (on) {
            assert_string_equal(t, "The harbor town flooded when the storm surge arrived.");
            assert_true(s->items[0].compressed);
            assert_int_equal(chorus_summary_sentence_count(s), 2); /* 9 words + 3 of the fill */
        } else {
            assert_string_equal(t, "The harbor town flooded when the storm surge arrived on "
                                   "Monday night.");
            assert_int_equal(chorus_summary_sentence_count(s), 1);
        }
        chorus_summary_free(s);
    }
    chorus_corpus_free(c);
}

/* The trailing attribution with a reporting verb (trim_attrib) and "Mr." before a name
 * (trim_honorific), used on the chosen sentences only. */
static void test_compress_attribution_honorific(void **state)
{
    (void)state;
    unsigned r = COMPRESS_ATTRIBUTION;
    S_check_compress("Four firefighters were injured fighting the blaze, authorities said.", r,
                     "Four firefighters were injured fighting the blaze.");
    S_check_compress("The dam held through the night, said Ada Pell, a county spokeswoman.", r,
                     "The dam held through the night.");
    /* ", according to X." names the source, often what the sentence is about: kept here. */
    S_check_compress("The drug cured most patients, according to a study of the trial.", r, NULL);
    S_check_compress("The drug cured most patients, according to a study of the trial.",
                     COMPRESS_TRAILING, "The drug cured most patients.");
    r = COMPRESS_HONORIFIC;
    S_check_compress("The cartel will control the market, Mr. Lachosky says.", r,
                     "The cartel will control the market, Lachosky says.");
    S_check_compress("Mrs. Pell and Ms. Roe met Mr. Dunn in Harl.", r,
                     "Pell and Roe met Dunn in Harl.");
    /* Both names; inside a quotation; no name after it. */
    S_check_compress("The house of Mr. and Mrs. Pell burned down in the night.", r, NULL);
    S_check_compress("\"Mr. Dunn will win,\" the mayor of Harl told the crowd.", r, NULL);
    S_check_compress("The ship was named the Mr. at its launch in Harl.", r, NULL);
    /* Not among the optimizer's variants. */
    S_check_compress("The mill met Mr. Dunn in the spring of that year.", COMPRESS_ALL, NULL);
}

/* trim_attrib and trim_honorific (default on): the concept summary's sentence loses ", Mr.
 * Dunn said", and --fill gets the words. */
static void test_trim_attrib(void **state)
{
    (void)state;
    static const char *arts[] = {
        "Storm\n2024-03-01\n\nThe harbor town flooded when the storm surge arrived, Mr. Dunn "
        "said.\n",
        "Harbor\n2024-03-01\n\nThe harbor town flooded as the storm surge broke the sea wall of "
        "the old port.\n",
        "Surge\n2024-03-02\n\nThe storm surge broke the sea wall and the harbor town flooded "
        "within hours.\n",
    };
    chorus_corpus *c = S_corpus(arts, 3);
    static const char *params[] = {"trim_attrib=0,trim_honorific=0",
                                   "trim_attrib=1,trim_honorific=0",
                                   "trim_attrib=0,trim_honorific=1"};
    for (int k = 0; k < 3; k++) {
        chorus_summary *s = S_summarize_with(c, params[k], 12, 1);
        const char *t = chorus_summary_sentence_text(s, 0);
        if (k == 1) {
            assert_string_equal(t, "The harbor town flooded when the storm surge arrived.");
            assert_true(s->items[0].compressed);
            assert_int_equal(chorus_summary_sentence_count(s), 2); /* 9 words + 3 of the fill */
        } else if (k == 2) {
            assert_string_equal(t, "The harbor town flooded when the storm surge arrived, Dunn "
                                   "said.");
            assert_true(s->items[0].compressed);
            assert_int_equal(chorus_summary_sentence_count(s), 2); /* 11 words + 1 of the fill */
        } else {
            assert_string_equal(t, "The harbor town flooded when the storm surge arrived, Mr. "
                                   "Dunn said.");
            assert_int_equal(chorus_summary_sentence_count(s), 1);
        }
        chorus_summary_free(s);
    }
    chorus_corpus_free(c);
}

static void test_compress_combined(void **state)
{
    (void)state;
    S_check_compress("Meanwhile, the mill (built in 1890) will close in June, its owner said.",
                     COMPRESS_ALL, "The mill will close in June.");
    /* keeps: tokens inside a deletion are dropped, those outside kept. */
    const char *t = "However, the mill (built in 1890) will close, he said.";
    select_compress v;
    assert_true(select_compress_find(t, (uint32_t)strlen(t), COMPRESS_ALL, 1, &v));
    assert_int_equal(v.ncuts, 3);
    assert_false(select_compress_keeps(&v, 0, 7));   /* However */
    assert_true(select_compress_keeps(&v, 9, 12));   /* the */
    assert_false(select_compress_keeps(&v, 24, 28)); /* 1890 */
    assert_true(select_compress_keeps(&v, 35, 39));  /* will */
    assert_false(select_compress_keeps(&v, 50, 54)); /* said */
    assert_true(select_compress_keeps(NULL, 0, 7));
}

/* The concept optimizer with compress=1: a chosen variant is a deletion of its sentence, its
 * words count against the budget, and the original of the same sentence is never chosen too. */
static const char *const CDOCS[] = {
    "Harbor fire\n2024-06-01\n\n"
    "A fire destroyed the fish market at Port Vesk harbor on Saturday night, officials said Sunday.\n\n"
    "Firefighters from three towns fought the blaze at the harbor fish market for six hours.\n",
    "Port Vesk fish market burns\n2024-06-02\n\n"
    "However, the fire at the Port Vesk harbor fish market spread to two fishing boats, the coast guard said.\n\n"
    "Firefighters from three towns fought the fire at the fish market for six hours, the mayor said.\n",
    "Market fire at Port Vesk\n2024-06-02\n\n"
    "The fish market at Port Vesk harbor burned down on Saturday night, police said.\n\n"
    "The cause of the fire at the fish market is not yet known, police said.\n",
};

static void test_compress_end_to_end(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus(CDOCS, 3);
    chorus_error err;
    setenv("CHORUS_SELECT_PARAMS", "compress=2", 1);
    int seen = 0;
    for (size_t words = 10; words <= 60; words += 5) {
        chorus_summary_options o;
        chorus_summary_options_init(&o);
        o.words = words;
        chorus_summary *s = chorus_summarize(c, &o, &err);
        assert_non_null(s);
        size_t total = 0;
        for (size_t i = 0; i < s->n; i++) {
            const summary_item *it = &s->items[i];
            const sentence *st = corpus_sentence(c, it->sentence);
            total += utf8_count_words(it->text, strlen(it->text));
            for (size_t j = 0; j < i; j++)
                assert_int_not_equal(s->items[j].sentence, it->sentence);
            if (!it->compressed)
                continue;
            seen++;
            assert_true(strlen(it->text) < st->len);
            assert_true(select_quotes_balanced(it->text, strlen(it->text)));
            /* Only deletions: the variant's words appear in order in the source (case aside: the
             * first letter may be new upper case). */
            const char *src = sentence_text(c, st), *end = src + st->len, *p = it->text;
            while (*p) {
                const char *sp = strchr(p, ' ');
                size_t wl = sp ? (size_t)(sp - p) : strlen(p);
                char w[128];
                snprintf(w, sizeof w, "%.*s", (int)wl, p);
                const char *hit = NULL;
                for (const char *q = src; q + wl <= end && !hit; q++)
                    if (strncasecmp(q, w, wl) == 0 || (wl > 1 && w[wl - 1] == '.' &&
                                                       strncasecmp(q, w, wl - 1) == 0))
                        hit = q;
                assert_non_null(hit);
                src = hit + wl - 1;
                p += wl;
                while (*p == ' ')
                    p++;
            }
        }
        assert_true(total <= words);
        chorus_summary_free(s);
    }
    unsetenv("CHORUS_SELECT_PARAMS");
    assert_true(seen > 0);
    chorus_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cluster_blocks),
        cmocka_unit_test(test_quotes_balanced),
        cmocka_unit_test(test_unbalanced_quote_never_alone),
        cmocka_unit_test(test_lexrank_center),
        cmocka_unit_test(test_lexrank_threshold),
        cmocka_unit_test(test_submodular_is_submodular),
        cmocka_unit_test(test_submodular_budget_and_diversity),
        cmocka_unit_test(test_submodular_singleton_check),
        cmocka_unit_test(test_submodular_conflicts),
        cmocka_unit_test(test_rerank),
        cmocka_unit_test(test_params_parse),
        cmocka_unit_test(test_document_text),
        cmocka_unit_test(test_candidate_filters),
        cmocka_unit_test(test_tfidf_cosines),
        cmocka_unit_test(test_concept_unigrams_and_bonus),
        cmocka_unit_test(test_concept_report_verbs),
        cmocka_unit_test(test_fill_concept),
        cmocka_unit_test(test_fill_lead),
        cmocka_unit_test(test_quoted_copies),
        cmocka_unit_test(test_methods_end_to_end),
        cmocka_unit_test(test_compress_trailing),
        cmocka_unit_test(test_compress_leading),
        cmocka_unit_test(test_compress_temporal),
        cmocka_unit_test(test_trim_time),
        cmocka_unit_test(test_compress_attribution_honorific),
        cmocka_unit_test(test_trim_attrib),
        cmocka_unit_test(test_compress_asides),
        cmocka_unit_test(test_compress_combined),
        cmocka_unit_test(test_compress_end_to_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
