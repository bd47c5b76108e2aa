/* Tests of paragraph-level boilerplate classification. Every example is invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clean/clean.h"

static clean_reason S_cls(const char *s) { return clean_paragraph(s, strlen(s)); }

static void test_boilerplate_is_removed(void **state)
{
    assert_int_equal(S_cls("Success! An email has been sent to  with a link to confirm list signup."), CLEAN_SIGNUP);
    assert_int_equal(S_cls("Sign up for our morning newsletter to get the top stories."), CLEAN_SIGNUP);
    assert_int_equal(S_cls("Leave a Reply"), CLEAN_COMMENT_FORM);
    assert_int_equal(S_cls("Leave A Reply"), CLEAN_COMMENT_FORM);
    assert_int_equal(S_cls("Your email address will not be published. Required fields are marked *"),
                     CLEAN_COMMENT_FORM);
    assert_int_equal(S_cls("Click: See details"), CLEAN_LINK);
    assert_int_equal(S_cls("Read more: the council's full statement"), CLEAN_LINK);
    assert_int_equal(S_cls("Mayor Ana Reyes (L) and engineer Li Wei (R) inspect the dam on Friday."),
                     CLEAN_CAPTION);
    assert_int_equal(S_cls("Photo: The new ferry terminal at dawn."), CLEAN_CAPTION);
    assert_int_equal(S_cls("Jo Park and Sam Ode contributed reporting."), CLEAN_CREDIT);
    assert_int_equal(S_cls("https://example.org/news/2025/a-story.html"), CLEAN_URL);
    assert_int_equal(S_cls("2025-09-14"), CLEAN_DATE);
    assert_int_equal(S_cls("20250914"), CLEAN_DATE);
    assert_int_equal(S_cls("\xc2\xa9 2025 Example Media. All rights reserved."), CLEAN_COPYRIGHT);
    /* The TDT-era wires' copyright lines */
    assert_int_equal(S_cls("c.1998 N.Y. Times News Service"), CLEAN_COPYRIGHT);
    assert_int_equal(S_cls("Harbor Gazette News Service"), CLEAN_COPYRIGHT);
}

static void test_prose_is_kept(void **state)
{
    assert_int_equal(S_cls("The council voted on Tuesday to reopen the northern ferry route."), CLEAN_KEEP);
    /* A newsletter mentioned in a long sentence of prose is news, not a sign-up prompt. */
    assert_int_equal(S_cls("The mayor said the city would publish a weekly newsletter about the repairs, "
                           "listing every closed road, every detour and every change to the ferry "
                           "timetable until the work is finished next spring."),
                     CLEAN_KEEP);
    assert_int_equal(S_cls("Week of high-stakes talks"), CLEAN_KEEP); /* a heading: segmenter's job */
    assert_int_equal(S_cls("The report came from a small regional news service."), CLEAN_KEEP);
    assert_int_equal(S_cls("c.f. the council minutes of 1998."), CLEAN_KEEP);
    assert_int_equal(S_cls(""), CLEAN_KEEP);
    assert_string_equal(clean_reason_name(CLEAN_CAPTION), "caption");
}

static void test_headings_and_teasers(void **state)
{
    const char *body[] = {
        "The harbour authority closed the northern pier on Monday after a crane collapsed.",
        "Week of repairs",
        "Engineers said the repairs would take a week and cost about two million euros.",
        "Pier crane contract awarded to local firm",
        "The authority said the crane contract had gone to a local firm last spring.",
        "Why the city's tram plan keeps stalling",
        "Ferry services will run from the southern pier until the work is done.",
        "Five things to do this weekend",
        "Best bakeries in the old town",
        "Maria Lund contributed reporting.",
    };
    size_t n = sizeof body / sizeof *body;
    clean_para paras[10];
    clean_reason why[10];
    for (size_t i = 0; i < n; i++)
        paras[i] = (clean_para){body[i], strlen(body[i])};
    clean_article(paras, n, why);
    assert_int_equal(why[0], CLEAN_KEEP);
    assert_int_equal(why[1], CLEAN_HEADING); /* short */
    assert_int_equal(why[2], CLEAN_KEEP);
    assert_int_equal(why[3], CLEAN_HEADING); /* its words come back next */
    assert_int_equal(why[4], CLEAN_KEEP);
    assert_int_equal(why[5], CLEAN_TEASER); /* another story */
    assert_int_equal(why[6], CLEAN_KEEP);
    assert_int_equal(why[7], CLEAN_TEASER); /* a list of links at the end */
    assert_int_equal(why[8], CLEAN_TEASER);
    assert_int_equal(why[9], CLEAN_CREDIT);
    assert_string_equal(clean_reason_name(CLEAN_TEASER), "teaser");
    assert_string_equal(clean_reason_name(CLEAN_HEADING), "heading");
    assert_int_equal(S_cls("Storms are closing roads in the north. Here's what you need to know"),
                     CLEAN_TEASER);
    /* A long wire credit line is still a credit line. */
    assert_int_equal(S_cls("Park reported from Oslo. Ana Silva in Lisbon, Tom Berg in Bergen, Ola "
                           "Dahl in Tromso, Eva Lind in Malmo, Kari Nygaard in Stavanger, Per "
                           "Holm in Aarhus and Liv Ek at the United Nations contributed."),
                     CLEAN_CREDIT);
}

static void S_dateline(const char *p, const char *want_dl, const char *want_rest)
{
    size_t dl = 0, skip = clean_dateline(p, strlen(p), &dl);
    if (!want_dl) {
        assert_int_equal(skip, 0);
        return;
    }
    assert_true(skip > 0);
    assert_int_equal(dl, strlen(want_dl));
    assert_memory_equal(p, want_dl, dl);
    assert_string_equal(p + skip, want_rest);
}

static void test_datelines(void **state)
{
    S_dateline("OSLO (AP) \xe2\x80\x94 The ferry strike ended.", "OSLO (AP)", "The ferry strike ended.");
    S_dateline("OSLO \xe2\x80\x94 The ferry strike ended.", "OSLO", "The ferry strike ended.");
    S_dateline("NEW YORK -- Markets rose.", "NEW YORK", "Markets rose.");
    S_dateline("TROMSO, Norway \xe2\x80\x94 Snow fell.", "TROMSO, Norway", "Snow fell.");
    S_dateline("Oslo, Norway (CNN)The ferry strike ended.", "Oslo, Norway (CNN)", "The ferry strike ended.");
    S_dateline("OSLO  The ferry strike ended.", "OSLO", "The ferry strike ended.");
    /* The TDT-era wires' underscore dash (AP, New York Times) */
    S_dateline("OSLO (AP) _ The ferry strike ended.", "OSLO (AP)", "The ferry strike ended.");
    S_dateline("OSLO _ The ferry strike ended.", "OSLO", "The ferry strike ended.");
    /* Not datelines. */
    S_dateline("Oslo \xe2\x80\x94 a city of ferries \xe2\x80\x94 was quiet.", NULL, NULL);
    S_dateline("Sen. Ames (R) said the bill would pass.", NULL, NULL);
    S_dateline("Wendy Park (L) and Ola Dahl (R) meet.", NULL, NULL);
    S_dateline("The council met on Monday.", NULL, NULL);
    S_dateline("Oslo _ a city of ferries _ was quiet.", NULL, NULL);
}

/* Needles where the matching has edges: at the very end of a paragraph, after spacing that
 * folding collapses, behind typographic quotes, and past the folded copy's 511 bytes. */
static void test_needle_edges(void **state)
{
    assert_int_equal(S_cls("Ana Reyes and Li Wei (L)"), CLEAN_CAPTION);
    assert_int_equal(S_cls("Reuters photo /AFP"), CLEAN_CAPTION);
    assert_int_equal(S_cls("Ana Reyes and Li Wei (L"), CLEAN_KEEP);
    assert_int_equal(S_cls("Ana Reyes wrote from the /af"), CLEAN_KEEP);
    assert_int_equal(S_cls("The ferry timetable is in the inbo"), CLEAN_KEEP);
    assert_int_equal(S_cls("The ferry timetable is in your inbox"), CLEAN_SIGNUP);
    assert_int_equal(S_cls("The   mayor\tsaid the ferry will run again next week. LEAVE  A\tREPLY"),
                     CLEAN_COMMENT_FORM);
    assert_int_equal(S_cls("Storms closed roads up north on Monday. Here\xe2\x80\x99s what we know"),
                     CLEAN_TEASER);
    assert_int_equal(S_cls("Storms closed roads up north on Monday. Here`s what we know"), CLEAN_TEASER);
    assert_int_equal(S_cls("Storms clos\xc3\xa9 roads up north on Monday. Here's what we know"),
                     CLEAN_TEASER);

    /* A needle starts a word or with punctuation: inside a word it is none ("heap photo..."
     * holds "ap photo", "typewriting by" holds "writing by"); after punctuation it is one. */
    assert_int_equal(S_cls("Critics called the heap photosensitivity test reliable."), CLEAN_KEEP);
    assert_int_equal(S_cls("Her typewriting by hand was slow but exact."), CLEAN_KEEP);
    assert_int_equal(S_cls("A ferry leaves the pier. (AP Photo/Jo Park)"), CLEAN_CAPTION);
    assert_int_equal(S_cls("Crowds at the pier, Geneva/Reuters"), CLEAN_CAPTION);
    assert_int_equal(S_cls("Writing by Jo Park; editing by Sam Ode"), CLEAN_CREDIT);

    char p[700] = "";
    for (int i = 0; i < 20; i++)
        strcat(p, "Abcdefghijklmnopqrstuvw ");
    strcat(p, "inbox"); /* at byte 480 */
    assert_int_equal(S_cls(p), CLEAN_SIGNUP);
    p[0] = '\0';
    for (int i = 0; i < 25; i++)
        strcat(p, "Abcdefghijklmnopqrstuvw ");
    strcat(p, "inbox"); /* at byte 600: past what the pattern rules read */
    assert_int_equal(S_cls(p), CLEAN_KEEP);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_is_removed),
        cmocka_unit_test(test_prose_is_kept),
        cmocka_unit_test(test_headings_and_teasers),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_needle_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
