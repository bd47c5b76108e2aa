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
    assert_int_equal(S_cls(""), CLEAN_KEEP);
    assert_string_equal(clean_reason_name(CLEAN_CAPTION), "caption");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_boilerplate_is_removed),
        cmocka_unit_test(test_prose_is_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
