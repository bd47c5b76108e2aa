/* Tests for text/token: word shapes, terms, stems, flags, quotes, the stem cache and the
 * stopword table. All sentences are invented for these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/strtab.h"
#include "corpus/corpus.h"
#include "text/token.h"

typedef struct {
    tokenizer *tok;
    strtab terms, stems;
    token *v;
    size_t len, cap;
} fixture;

static int S_setup(void **state)
{
    fixture *f = xcalloc(1, sizeof *f);
    f->tok = tokenizer_new();
    strtab_init(&f->terms);
    strtab_init(&f->stems);
    *state = f;
    return 0;
}

static int S_teardown(void **state)
{
    fixture *f = *state;
    tokenizer_free(f->tok);
    strtab_free(&f->terms);
    strtab_free(&f->stems);
    free(f->v);
    free(f);
    return 0;
}

/* Tokenizes s afresh and renders "term/stem/flags" per token, space-separated. Flags are letters:
 * W word, S stop, C cap, N num, Q quote. */
static char *S_run(fixture *f, const char *s)
{
    f->len = 0;
    size_t n = tokenize(f->tok, s, strlen(s), 0, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
    assert_int_equal(n, f->len);
    buf b = BUF_INIT;
    for (size_t i = 0; i < f->len; i++) {
        const token *t = &f->v[i];
        if (i)
            buf_putc(&b, ' ');
        buf_printf(&b, "%s/%s/", strtab_get(&f->terms, t->term), strtab_get(&f->stems, t->stem));
        if (t->flags & TOK_WORD) buf_putc(&b, 'W');
        if (t->flags & TOK_STOP) buf_putc(&b, 'S');
        if (t->flags & TOK_CAP) buf_putc(&b, 'C');
        if (t->flags & TOK_NUM) buf_putc(&b, 'N');
        if (t->flags & TOK_QUOTE) buf_putc(&b, 'Q');
        assert_true(t->start + t->len <= strlen(s));
    }
    return buf_detach(&b);
}

#define EXPECT_TOK(f, input, expected)                                                           \
    do {                                                                                           \
        char *got_ = S_run(f, input);                                                              \
        if (strcmp(got_, expected) != 0)                                                           \
            print_error("input:    %s\nexpected: %s\ngot:      %s\n", input, expected, got_);      \
        assert_string_equal(got_, expected);                                                       \
        free(got_);                                                                                \
    } while (0)

static void test_words(void **state)
{
    fixture *f = *state;
    EXPECT_TOK(f, "The talks ended.", "the/the/WSC talks/talk/W ended/end/W");
    EXPECT_TOK(f, "Running negotiations", "running/run/WC negotiations/negoti/W");
    /* Punctuation other than quotes is not emitted. */
    EXPECT_TOK(f, "Yes, no; maybe: (fine) - ok!", "yes/yes/WC no/no/WS maybe/mayb/W fine/fine/W ok/ok/W");
    EXPECT_TOK(f, "", "");
    EXPECT_TOK(f, "  \t ... !? ", "");
}

static void test_apostrophes_hyphens(void **state)
{
    fixture *f = *state;
    EXPECT_TOK(f, "Russia's demand", "russia's/russia/WC demand/demand/W");
    /* Typographic apostrophe folds to '. */
    EXPECT_TOK(f, "Russia\xE2\x80\x99s troops", "russia's/russia/WC troops/troop/W");
    EXPECT_TOK(f, "don't de-escalate", "don't/don't/WS de-escalate/de-escal/W");
    EXPECT_TOK(f, "O\xE2\x80\x99Neill", "o'neill/o'neil/WC");
    /* Plural possessive: the apostrophe is dropped, not a quote. */
    EXPECT_TOK(f, "the States' commitment", "the/the/WS states/state/WC commitment/commit/W");
    /* A trailing hyphen or a dash between words splits. */
    EXPECT_TOK(f, "pre- and post-war", "pre/pre/W and/and/WS post-war/post-war/W");
    EXPECT_TOK(f, "talks\xE2\x80\x94" "again", "talks/talk/W again/again/WS");
    /* Elision before digits is dropped. */
    EXPECT_TOK(f, "the '90s", "the/the/WS 90s/90s/WN");
}

static void test_abbreviations_numbers(void **state)
{
    fixture *f = *state;
    EXPECT_TOK(f, "the U.S. delegation", "the/the/WS u.s./u.s./WC delegation/deleg/W");
    EXPECT_TOK(f, "U.S.-Russia ties", "u.s./u.s./WC russia/russia/WC ties/tie/W");
    EXPECT_TOK(f, "at 2 a.m. Sunday", "at/at/WS 2/2/WN a.m./a.m./W sunday/sunday/WC");
    EXPECT_TOK(f, "J.F. Kennedy", "j.f./j.f./WC kennedy/kennedi/WC");
    /* Single-letter initials and titles lose their period (it may end a sentence). */
    EXPECT_TOK(f, "Wendy R. Sherman", "wendy/wendi/WC r/r/WC sherman/sherman/WC");
    EXPECT_TOK(f, "Mr. Putin", "mr/mr/WC putin/putin/WC");
    /* "US" in capitals is the country; "us" is a stopword. */
    EXPECT_TOK(f, "US told us", "us/us/WC told/told/W us/us/WS");
    EXPECT_TOK(f, "100,000 troops", "100,000/100,000/WN troops/troop/W");
    EXPECT_TOK(f, "3.5 percent, $1.2 billion", "3.5/3.5/WN percent/percent/W 1.2/1.2/WN billion/billion/W");
    EXPECT_TOK(f, "1,2 and 12,3456", "1/1/WN 2/2/WN and/and/WS 12/12/WN 3456/3456/WN");
    EXPECT_TOK(f, "in 2014.", "in/in/WS 2014/2014/WN");
    EXPECT_TOK(f, "1,000,000", "1,000,000/1,000,000/WN");
}

static void test_quotes(void **state)
{
    fixture *f = *state;
    EXPECT_TOK(f, "\"frank and forthright\"",
               "\"/\"/Q frank/frank/W and/and/WS forthright/forthright/W \"/\"/Q");
    EXPECT_TOK(f, "\xE2\x80\x9CYes,\xE2\x80\x9D she said",
               "\"/\"/Q yes/yes/WC \"/\"/Q she/she/WS said/said/W");
    EXPECT_TOK(f, "\xE2\x80\x98nothing\xE2\x80\x99", "\"/\"/Q nothing/noth/W \"/\"/Q");
    /* PTB-style `` and '' are one mark each. */
    EXPECT_TOK(f, "``It is,'' he said", "\"/\"/Q it/it/WSC is/is/WS \"/\"/Q he/he/WS said/said/W");
    EXPECT_TOK(f, "\xC2\xABOui\xC2\xBB", "\"/\"/Q oui/oui/WC \"/\"/Q");
}

static void test_unicode(void **state)
{
    fixture *f = *state;
    EXPECT_TOK(f, "\xC3\x89lys\xC3\xA9" "e Palace", "\xC3\xA9lys\xC3\xA9" "e/\xC3\xA9lys\xC3\xA9/WC palace/palac/WC");
    EXPECT_TOK(f, "\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0/\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0/WC");
    /* NBSP separates words; invalid bytes are skipped, never read past len. */
    EXPECT_TOK(f, "two\xC2\xA0words", "two/two/W words/word/W");
    EXPECT_TOK(f, "bad\xFF\xFE" "bytes", "bad/bad/W bytes/byte/W");
}

static void test_offsets_and_append(void **state)
{
    fixture *f = *state;
    const char *s = "  Alpha \"beta\" 3.5";
    f->len = 0;
    size_t n = tokenize(f->tok, s, strlen(s), 100, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
    assert_int_equal(n, 5);
    uint32_t want[][2] = {{102, 5}, {108, 1}, {109, 4}, {113, 1}, {115, 3}};
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(f->v[i].start, want[i][0]);
        assert_int_equal(f->v[i].len, want[i][1]);
    }
    /* A second call appends and returns only the new count. */
    n = tokenize(f->tok, "more words", 10, 200, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
    assert_int_equal(n, 2);
    assert_int_equal(f->len, 7);
    assert_int_equal(f->v[5].start, 200);
    /* len bounds the text: "more" only. */
    n = tokenize(f->tok, "more words", 4, 0, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
    assert_int_equal(n, 1);
    n = tokenize(f->tok, NULL, 0, 0, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
    assert_int_equal(n, 0);
}

static void test_stem_cache(void **state)
{
    fixture *f = *state;
    /* Same term -> same term and stem ids; related forms share a stem. */
    f->len = 0;
    const char *s = "connected connecting connected Connection";
    tokenize(f->tok, s, strlen(s), 0, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
    assert_int_equal(f->len, 4);
    assert_int_equal(f->v[0].term, f->v[2].term);
    assert_int_equal(f->v[0].stem, f->v[1].stem);
    assert_int_equal(f->v[0].stem, f->v[3].stem);
    assert_string_equal(strtab_get(&f->stems, f->v[0].stem), "connect");

    /* A different pair of tables resets the cache instead of returning stale ids. */
    strtab t2, s2;
    strtab_init(&t2);
    strtab_init(&s2);
    strtab_intern(&s2, "zzz", 3); /* shift the stem ids */
    token *v = NULL;
    size_t len = 0, cap = 0;
    tokenize(f->tok, "connected", 9, 0, &t2, &s2, &v, &len, &cap);
    assert_int_equal(len, 1);
    assert_string_equal(strtab_get(&s2, v[0].stem), "connect");
    free(v);
    strtab_free(&t2);
    strtab_free(&s2);

    /* Many distinct terms grow the cache: short words and longer ones, stopwords among them.
     * Read again, from the grown cache, every word gives the same ids and flags as the first
     * time, and its term is its text. */
    buf b = BUF_INIT;
    for (int i = 0; i < 5000; i++)
        buf_printf(&b, "w%dx the Longerword%dq themselves ", i, i);
    for (int pass = 0; pass < 2; pass++) {
        f->len = 0;
        tokenize(f->tok, b.data, b.len, 0, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
        assert_int_equal(f->len, 4 * 5000);
        for (int i = 0; i < 5000; i++) {
            char w[32];
            snprintf(w, sizeof w, "w%dx", i);
            assert_string_equal(strtab_get(&f->terms, f->v[4 * i].term), w);
            snprintf(w, sizeof w, "longerword%dq", i);
            assert_string_equal(strtab_get(&f->terms, f->v[4 * i + 2].term), w);
            assert_false(f->v[4 * i].flags & TOK_STOP);
            assert_true(f->v[4 * i + 1].flags & TOK_STOP);
            assert_true(f->v[4 * i + 2].flags & TOK_CAP);
            assert_false(f->v[4 * i + 2].flags & TOK_STOP);
            assert_true(f->v[4 * i + 3].flags & TOK_STOP);
            assert_int_equal(f->v[4 * i + 1].stem, f->v[1].stem);
            assert_int_equal(f->v[4 * i + 3].stem, f->v[3].stem);
        }
    }
    buf_free(&b);
}

static void test_stopwords(void **state)
{
    (void)state;
    static const char *const yes[] = {"a", "the", "and", "of", "it's", "its", "don't", "also",
                                      "just", "would", "very", "yourselves", "i", "we've", "us"};
    static const char *const no[] = {"said", "russia", "talks", "", "th", "thee", "zzz", "aa",
                                     "said's", "news", "ukraine"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        assert_true(is_stopword(yes[i], strlen(yes[i])));
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        assert_false(is_stopword(no[i], strlen(no[i])));
    /* Length, not NUL, bounds the word. */
    assert_true(is_stopword("theory", 3));
    assert_false(is_stopword("the", 2));
}

/* Tokenizes the seed articles: every token lies inside the text and has valid ids. */
static void test_seeds(void **state)
{
    fixture *f = *state;
    int any = 0;
    for (int k = 0; k < 5; k++) {
        static const char *const files[] = {"000_d49ebca76bc22fe0.txt", "001_b8ab3410023e88b2.txt",
                                            "002_5cfd086878a4a1df.txt", "003_12fa4de552d0c0ef.txt",
                                            "004_9a4343f4823d3420.txt"};
        char path[4096];
        snprintf(path, sizeof path, "%s/seeds/%s", CHORUS_SHARED_DIR, files[k]);
        FILE *fp = fopen(path, "rb");
        if (!fp)
            continue;
        any = 1;
        buf b = BUF_INIT;
        char chunk[4096];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
            buf_append(&b, chunk, n);
        fclose(fp);
        f->len = 0;
        tokenize(f->tok, b.data, b.len, 0, &f->terms, &f->stems, &f->v, &f->len, &f->cap);
        assert_true(f->len > 100);
        for (size_t i = 0; i < f->len; i++) {
            assert_true(f->v[i].start + f->v[i].len <= b.len);
            assert_true(f->v[i].term < f->terms.count);
            assert_true(f->v[i].stem < f->stems.count);
        }
        buf_free(&b);
    }
    if (!any) {
        printf("SKIP: no seed articles under %s/seeds\n", CHORUS_SHARED_DIR);
        skip();
    }
}

/* Words are read sixteen bytes at a time where the text allows: every word length around the
 * block size, at every offset, and at the very end of the text, gives the same tokens as a
 * short text would. */
static void test_letter_runs(void **state)
{
    fixture *f = *state;
    char word[48], expect[160], text[128];
    for (size_t n = 1; n <= 40; n++) {
        for (size_t k = 0; k < n; k++) /* mixed case, no stopword, unchanged by the stemmer */
            word[k] = (char)((k % 3 ? 'q' : 'Q') + (char)(k % 2));
        word[n] = '\0';
        char lower[48];
        for (size_t k = 0; k <= n; k++)
            lower[k] = (char)(word[k] ? word[k] | 0x20 : 0);
        for (size_t lead = 0; lead < 18; lead++) {
            /* at the end of the text, then followed by more text */
            for (int tail = 0; tail < 2; tail++) {
                snprintf(text, sizeof text, "%*s%s%s", (int)lead, "", word, tail ? " zz" : "");
                snprintf(expect, sizeof expect, "%s/%s/WC%s", lower, lower, tail ? " zz/zz/W" : "");
                EXPECT_TOK(f, text, expect);
            }
        }
    }
    /* "US" in capitals is not the pronoun, wherever the 16-byte blocks fall. */
    for (size_t lead = 0; lead < 20; lead++) {
        snprintf(text, sizeof text, "%*sUS Us uS us qqqqqqqqqqqqqqqq", (int)lead, "");
        EXPECT_TOK(f, text, "us/us/WC us/us/WSC us/us/WS us/us/WS qqqqqqqqqqqqqqqq/qqqqqqqqqqqqqqqq/W");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_words, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_apostrophes_hyphens, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_abbreviations_numbers, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_quotes, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_unicode, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_offsets_and_append, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_stem_cache, S_setup, S_teardown),
        cmocka_unit_test_setup_teardown(test_letter_runs, S_setup, S_teardown),
        cmocka_unit_test(test_stopwords),
        cmocka_unit_test_setup_teardown(test_seeds, S_setup, S_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
