/* Library-level tests of chorus_summarize: budgets, attribution, ordering, boilerplate, errors.
 * All article text is invented for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chorus.h"
#include "summary/summary.h"
#include "text/utf8.h"

static const char *A1 =
    "Dam inspection finds cracks in Lake Morrow spillway\n"
    "20240302\n"
    "https://www.valleynews.example/dam-cracks\n"
    "Engineers found three cracks in the spillway of the Lake Morrow dam during an inspection on Friday.\n"
    "The water authority said the cracks posed no immediate danger to towns downstream of the dam.\n"
    "Repairs to the spillway are expected to take six weeks and will begin in April.\n"
    "Sign up for our newsletter to get alerts in your inbox.\n";
/* A syndicated copy of A1 with another headline and no date line. */
static const char *A2 =
    "Cracks found at Lake Morrow dam\n"
    "\n"
    "Engineers found three cracks in the spillway of the Lake Morrow dam during an inspection on Friday.\n"
    "\n"
    "The water authority said the cracks posed no immediate danger to towns downstream of the dam.\n"
    "\n"
    "Leave a Reply\n";
static const char *A3 =
    "Lake Morrow dam repairs to cost more than planned\n"
    "2024-03-04\n"
    "https://morrowtimes.example/dam-repairs\n"
    "The water authority said repairs to the spillway of the Lake Morrow dam will take eight weeks, not six.\n"
    "Engineers found the cracks in the spillway during an inspection on Friday, the authority said.\n"
    "Residents downstream of the dam were told there was no immediate danger.\n";

static chorus_corpus *S_corpus(void)
{
    chorus_corpus *c = chorus_corpus_new(NULL);
    chorus_error err;
    assert_int_equal(chorus_corpus_add_text(c, "a1.txt", A1, strlen(A1), &err), CHORUS_OK);
    assert_int_equal(chorus_corpus_add_text(c, "a2.txt", A2, strlen(A2), &err), CHORUS_OK);
    assert_int_equal(chorus_corpus_add_text(c, "a3.txt", A3, strlen(A3), &err), CHORUS_OK);
    assert_int_equal(chorus_corpus_document_count(c), 3);
    return c;
}

static size_t S_words(const chorus_summary *s)
{
    size_t n = 0;
    for (size_t i = 0; i < chorus_summary_sentence_count(s); i++) {
        const char *t = chorus_summary_sentence_text(s, i);
        n += utf8_count_words(t, strlen(t));
    }
    return n;
}

static void test_word_budget_and_no_boilerplate(void **state)
{
    chorus_corpus *c = S_corpus();
    for (size_t budget = 10; budget <= 80; budget += 7) {
        chorus_summary_options o;
        chorus_summary_options_init(&o);
        o.words = budget;
        chorus_error err;
        chorus_summary *s = chorus_summarize(c, &o, &err);
        assert_non_null(s);
        assert_true(S_words(s) <= budget);
        for (size_t i = 0; i < chorus_summary_sentence_count(s); i++) {
            const char *t = chorus_summary_sentence_text(s, i);
            assert_null(strstr(t, "newsletter"));
            assert_null(strstr(t, "Leave a Reply"));
            assert_null(strstr(t, "https://"));
        }
        chorus_summary_free(s);
    }
    chorus_corpus_free(c);
}

static void test_fill_gives_exact_words(void **state)
{
    chorus_corpus *c = S_corpus();
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 30;
    o.fill = 1;
    chorus_summary *s = chorus_summarize(c, &o, NULL);
    assert_non_null(s);
    assert_int_equal(S_words(s), 30);
    chorus_summary_free(s);
    chorus_corpus_free(c);
}

static void test_attribution_and_json(void **state)
{
    chorus_corpus *c = S_corpus();
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 60;
    chorus_summary *s = chorus_summarize(c, &o, NULL);
    assert_non_null(s);
    char *json = chorus_summary_render(s, CHORUS_FORMAT_JSON);
    /* The opening sentence is syndicated: A1 and A2 carry it word for word. */
    assert_non_null(strstr(json, "\"documents\""));
    assert_non_null(strstr(json, "\"source\": \"valleynews.example\""));
    assert_non_null(strstr(json, "\"date\": \"2024-03-02\""));
    assert_non_null(strstr(json, "\"compressed\": false")); /* compress is off by default */
    char *text = chorus_summary_render(s, CHORUS_FORMAT_TEXT);
    assert_non_null(strstr(text, "[1,2"));
    assert_non_null(strstr(text, "Sources:\n[1] Dam inspection finds cracks"));
    free(json);
    free(text);
    chorus_summary_free(s);
    chorus_corpus_free(c);
}

/* A summary built without sources gets them when a rendering that shows them asks: the same
 * text output as the eager chorus_summarize. */
static void test_lazy_sources(void **state)
{
    (void)state;
    chorus_corpus *c = S_corpus();
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 60;
    /* Sources are computed on first need; computing them first must not change any output. */
    chorus_summary *eager = chorus_summarize(c, &o, NULL);
    chorus_summary *lazy = chorus_summarize(c, &o, NULL);
    assert_non_null(eager);
    assert_non_null(lazy);
    summary_sources_ensure(eager);
    assert_int_equal(eager->sources_done, 1);
    assert_int_equal(lazy->sources_done, 0);
    char *l1 = chorus_summary_render(eager, CHORUS_FORMAT_LINES);
    char *l2 = chorus_summary_render(lazy, CHORUS_FORMAT_LINES);
    assert_string_equal(l1, l2);
    assert_int_equal(lazy->sources_done, 0);
    char *t1 = chorus_summary_render(eager, CHORUS_FORMAT_TEXT);
    char *t2 = chorus_summary_render(lazy, CHORUS_FORMAT_TEXT);
    assert_string_equal(t1, t2);
    assert_int_equal(lazy->sources_done, 1);
    free(l1);
    free(l2);
    free(t1);
    free(t2);
    chorus_summary_free(eager);
    chorus_summary_free(lazy);
    chorus_corpus_free(c);
}

static void test_no_two_copies_selected(void **state)
{
    chorus_corpus *c = S_corpus();
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 200;
    chorus_summary *s = chorus_summarize(c, &o, NULL);
    size_t n = chorus_summary_sentence_count(s);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            assert_string_not_equal(chorus_summary_sentence_text(s, i), chorus_summary_sentence_text(s, j));
    chorus_summary_free(s);
    chorus_corpus_free(c);
}

static void test_sentences_budget_and_lead(void **state)
{
    chorus_corpus *c = S_corpus();
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 0;
    o.sentences = 2;
    o.method = CHORUS_METHOD_LEAD;
    chorus_summary *s = chorus_summarize(c, &o, NULL);
    assert_non_null(s);
    assert_int_equal(chorus_summary_sentence_count(s), 2);
    /* Lead takes the most recent article, A3 (2024-03-04). */
    assert_non_null(strstr(chorus_summary_sentence_text(s, 0), "eight weeks"));
    chorus_summary_free(s);
    chorus_corpus_free(c);
}

/* Found by fuzz/fuzz_ingest: a text article "}\n}" has sentences but not a single token, so
 * corpus->tokens.items is NULL and sentence_tokens() (corpus/corpus.h) did &NULL[0] (UB). */
static void test_fuzz_no_tokens(void **state)
{
    static const char data[] = "}\n}";
    chorus_options o;
    chorus_options_init(&o);
    o.input_format = CHORUS_INPUT_TEXT;
    chorus_corpus *c = chorus_corpus_new(&o);
    (void)chorus_corpus_add_text(c, "f.txt", data, sizeof data - 1, NULL);
    chorus_summary_options so;
    chorus_summary_options_init(&so);
    so.words = 50;
    chorus_summary *s = chorus_summarize(c, &so, NULL);
    if (s) {
        free(chorus_summary_render(s, CHORUS_FORMAT_TEXT));
        free(chorus_summary_render(s, CHORUS_FORMAT_JSON));
    }
    chorus_summary_free(s);
    chorus_corpus_free(c);
}

static void test_errors(void **state)
{
    chorus_error err;
    chorus_corpus *c = chorus_corpus_new(NULL);
    assert_null(chorus_summarize(c, NULL, &err));
    assert_int_equal(err.code, CHORUS_ERR_EMPTY);
    const char *frag = "Only a title\n\nToo short.\n";
    assert_int_equal(chorus_corpus_add_text(c, "frag.txt", frag, strlen(frag), &err), CHORUS_OK);
    assert_null(chorus_summarize(c, NULL, &err));
    assert_int_equal(err.code, CHORUS_ERR_EMPTY);
    chorus_summary_options o;
    chorus_summary_options_init(&o);
    o.words = 0;
    assert_null(chorus_summarize(c, &o, &err));
    assert_int_equal(err.code, CHORUS_ERR_INVALID);
    chorus_corpus_free(c);
    chorus_corpus_free(NULL);
    chorus_summary_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_word_budget_and_no_boilerplate),
        cmocka_unit_test(test_fill_gives_exact_words),
        cmocka_unit_test(test_attribution_and_json),
        cmocka_unit_test(test_no_two_copies_selected),
        cmocka_unit_test(test_lazy_sources),
        cmocka_unit_test(test_sentences_budget_and_lead),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_fuzz_no_tokens),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
