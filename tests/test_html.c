/* Tests of the HTML reader: metadata, and main-content extraction measured against hand-made
 * pages (tests/fixtures/html/NAME.html, with NAME.expected listing the article's paragraphs).
 * Precision and recall are over paragraphs: a kept paragraph is right when it is one of the
 * expected ones. Every page is invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "chorus.h"
#include "core/buf.h"
#include "core/io.h"
#include "corpus/corpus.h"

#define FIXTURES CHORUS_SOURCE_DIR "/tests/fixtures/html/"
/* Floors for every page; the measured values are printed. */
#define MIN_PRECISION 0.9
#define MIN_RECALL 0.9

static const char *const PAGES[] = {"harbour", "plain"};

static void test_extraction_quality(void **state)
{
    size_t kept_total = 0, right_total = 0, expected_total = 0;
    for (size_t p = 0; p < sizeof PAGES / sizeof *PAGES; p++) {
        char path[512];
        snprintf(path, sizeof path, FIXTURES "%s.expected", PAGES[p]);
        buf exp = BUF_INIT;
        assert_int_equal(io_read_file(path, &exp, NULL), CHORUS_OK);
        snprintf(path, sizeof path, FIXTURES "%s.html", PAGES[p]);
        chorus_corpus *c = chorus_corpus_new(NULL);
        assert_int_equal(chorus_corpus_add_path(c, path, NULL), CHORUS_OK);
        assert_int_equal(c->docs.len, 1);
        const document *d = &c->docs.items[0];
        size_t kept = 0, right = 0, expected = 0;
        for (const char *l = exp.data; l && *l;) {
            const char *nl = strchr(l, '\n');
            size_t n = nl ? (size_t)(nl - l) : strlen(l);
            expected += n > 0;
            l += n + (nl != NULL);
        }
        for (const char *l = d->text; *l;) {
            const char *nl = strchr(l, '\n');
            size_t n = nl ? (size_t)(nl - l) : strlen(l);
            kept++;
            /* Right when the paragraph is a whole line of the expected list. */
            for (const char *e = exp.data; e && *e;) {
                const char *enl = strchr(e, '\n');
                size_t en = enl ? (size_t)(enl - e) : strlen(e);
                if (en == n && memcmp(e, l, n) == 0) {
                    right++;
                    break;
                }
                e += en + (enl != NULL);
            }
            l += n + (nl != NULL);
        }
        double precision = kept ? (double)right / (double)kept : 0;
        double recall = expected ? (double)right / (double)expected : 0;
        print_message("%s: precision %.3f recall %.3f (%zu kept, %zu right, %zu expected)\n",
                      PAGES[p], precision, recall, kept, right, expected);
        assert_true(precision >= MIN_PRECISION);
        assert_true(recall >= MIN_RECALL);
        kept_total += kept, right_total += right, expected_total += expected;
        buf_free(&exp);
        chorus_corpus_free(c);
    }
    print_message("all pages: precision %.3f recall %.3f\n", (double)right_total / (double)kept_total,
                  (double)right_total / (double)expected_total);
}

static void test_metadata(void **state)
{
    chorus_corpus *c = chorus_corpus_new(NULL);
    assert_int_equal(chorus_corpus_add_path(c, FIXTURES "harbour.html", NULL), CHORUS_OK);
    const document *d = &c->docs.items[0];
    assert_string_equal(d->title, "Crane collapse shuts northern harbour pier"); /* og:title */
    assert_string_equal(d->source, "Harbour Herald");                           /* og:site_name */
    assert_string_equal(d->url, "https://harbourherald.example/news/crane-collapse");
    assert_string_equal(d->date, "2025-09-14"); /* JSON-LD / time */
    assert_int_equal(d->format, CHORUS_INPUT_HTML);
    chorus_corpus_free(c);

    /* Detected from content without a file name; <title> and article:published_time. */
    static const char page[] =
        "<!DOCTYPE html><html><head><title>Dam inspection finds cracks</title>"
        "<meta property=\"article:published_time\" content=\"2025-05-06T09:00:00Z\"></head><body>"
        "<p>Inspectors found two long cracks in the old dam above the village on Monday morning, "
        "the water board said.</p><p>Repairs will start next week and should take a month.</p>"
        "</body></html>";
    c = chorus_corpus_new(NULL);
    assert_int_equal(chorus_corpus_add_text(c, "-", page, strlen(page), NULL), CHORUS_OK);
    d = &c->docs.items[0];
    assert_string_equal(d->title, "Dam inspection finds cracks");
    assert_string_equal(d->date, "2025-05-06");
    assert_non_null(strstr(d->text, "Inspectors found two long cracks"));
    chorus_corpus_free(c);

    /* A page with no article text is empty. */
    static const char empty[] = "<html><body><nav><a href=\"/\">Home</a></nav></body></html>";
    c = chorus_corpus_new(NULL);
    assert_int_equal(chorus_corpus_add_text(c, "x.html", empty, strlen(empty), NULL), CHORUS_ERR_EMPTY);
    chorus_corpus_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extraction_quality),
        cmocka_unit_test(test_metadata),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
