/* Tests of the cross-source analysis (src/analyze): entities and their merging, conflicting
 * numbers (and what is not a conflict), quotes and their speakers, the timeline. The fixtures
 * are invented; the seed checks read /work/shared/seeds when present. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "analyze/analyze.h"
#include "chorus.h"

typedef struct fixture {
    chorus_corpus *c;
    signatures sig;
    analysis *an;
} fixture;

/* Articles in the header format: title, date, URL, body. */
static void S_build(fixture *f, const char *const *articles)
{
    f->c = chorus_corpus_new(NULL);
    for (int i = 0; articles[i]; i++) {
        char name[32];
        snprintf(name, sizeof name, "a%d.txt", i + 1);
        chorus_error err = {0};
        assert_int_equal(chorus_corpus_add_text(f->c, name, articles[i], strlen(articles[i]), &err),
                         CHORUS_OK);
    }
    signatures_build(f->c, &f->sig);
    f->an = analysis_build(f->c, &f->sig);
}

static void S_free(fixture *f)
{
    analysis_free(f->an);
    signatures_free(&f->sig);
    chorus_corpus_free(f->c);
}

static const entity *S_entity(const analysis *an, const char *name)
{
    for (size_t i = 0; i < an->nentities; i++)
        if (strcmp(an->entities[i].name, name) == 0)
            return &an->entities[i];
    return NULL;
}

static int S_has_variant(const entity *e, const char *v)
{
    for (size_t k = 0; k < e->nvariants; k++)
        if (strcmp(e->variants[k], v) == 0)
            return 1;
    return 0;
}

static const timeline_event *S_event_with(const analysis *an, const char *needle)
{
    for (size_t i = 0; i < an->nevents; i++)
        if (strstr(an->events[i].text, needle))
            return &an->events[i];
    return NULL;
}

static void S_assert_day(const timeline_event *ev, const char *want)
{
    assert_non_null(ev);
    char day[16];
    analysis_format_day(ev->day, day);
    assert_string_equal(day, want);
}

/* ------------------------------------------------------------------------------------------ */

static void test_entities_merge(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Talks in Oslo\n2023-03-06\nhttps://a.example/1\n"
        "Deputy Foreign Minister Sergey Volkov met delegates in Oslo on Monday. "
        "The meeting was hosted by the Nordic Trade Council. "
        "Volkov said the U.S. had asked for more time.\n",
        "Oslo meeting ends\n2023-03-06\nhttps://b.example/2\n"
        "Sergei Volkov told reporters that the United States and NATO wanted a deal. "
        "Officials from the US stayed in Oslo overnight. Mr. Volkov left on Tuesday.\n",
        NULL};
    fixture f;
    S_build(&f, docs);
    const entity *v = S_entity(f.an, "Sergey Volkov");
    if (!v)
        v = S_entity(f.an, "Sergei Volkov");
    assert_non_null(v);
    assert_int_equal(v->type, ENTITY_PERSON);
    assert_true(S_has_variant(v, "Sergey Volkov"));
    assert_true(S_has_variant(v, "Sergei Volkov"));
    assert_true(S_has_variant(v, "Volkov"));
    assert_int_equal(v->sources.n, 2);
    const entity *us = S_entity(f.an, "United States");
    assert_non_null(us);
    assert_true(S_has_variant(us, "U.S."));
    assert_true(S_has_variant(us, "US"));
    assert_true(S_has_variant(us, "United States"));
    const entity *oslo = S_entity(f.an, "Oslo");
    assert_non_null(oslo);
    assert_int_equal(oslo->type, ENTITY_PLACE);
    const entity *council = S_entity(f.an, "Nordic Trade Council");
    assert_non_null(council);
    assert_int_equal(council->type, ENTITY_ORGANIZATION);
    const entity *nato = S_entity(f.an, "NATO");
    assert_non_null(nato);
    assert_int_equal(nato->type, ENTITY_ORGANIZATION);
    /* Titles are not names: no "Deputy Foreign Minister" entity. */
    for (size_t i = 0; i < f.an->nentities; i++)
        assert_null(strstr(f.an->entities[i].name, "Minister"));
    S_free(&f);
}

static void test_conflicts(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Harbor talks\n2023-05-02\nhttps://a.example/1\n"
        "The harbor talks in Larsvik lasted eight hours on Monday, port officials said. "
        "About 2,000 workers joined the strike at the Larsvik harbor on Monday.\n",
        "Harbor talks end\n2023-05-02\nhttps://b.example/2\n"
        "The harbor talks in Larsvik lasted nearly six hours on Monday, port officials said. "
        "More than 2,000 workers joined the strike at the Larsvik harbor on Monday.\n",
        "Strike at harbor\n2023-05-02\nhttps://c.example/3\n"
        "Port officials said the harbor talks in Larsvik ran for a six-hour session on Monday. "
        "2,000 workers joined the strike at the Larsvik harbor on Monday.\n",
        NULL};
    fixture f;
    S_build(&f, docs);
    assert_int_equal(f.an->nconflicts, 1); /* the workers are not a conflict: hedges */
    const conflict *cf = &f.an->conflicts[0];
    assert_string_equal(cf->unit, "hour");
    assert_int_equal(cf->nvalues, 2);
    assert_true(cf->values[0].number == 8);
    assert_int_equal(cf->values[0].sources.n, 1);
    assert_int_equal(cf->values[0].sources.ids[0], 0);
    assert_true(cf->values[1].number == 6);
    /* "nearly six hours" and "six-hour" are one value, from documents 2 and 3. */
    assert_int_equal(cf->values[1].sources.n, 2);
    assert_string_equal(cf->values[1].value, "nearly six hours");
    S_free(&f);
}

static void test_no_conflict_rounding(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Troops\n2023-05-02\nhttps://a.example/1\n"
        "As many as 100,000 troops have gathered near the northern border, officials said.\n",
        "Troops\n2023-05-02\nhttps://b.example/2\n"
        "About 98,000 troops have gathered near the northern border, officials said.\n",
        "Troops\n2023-05-02\nhttps://c.example/3\n"
        "100,000 troops have gathered near the northern border, officials said.\n",
        NULL};
    fixture f;
    S_build(&f, docs);
    assert_int_equal(f.an->nconflicts, 0);
    S_free(&f);
}

static void test_quotes(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "Ministers meet\n2023-05-02\nhttps://a.example/1\n"
        "Minister Anna Berg arrived in Larsvik on Monday with a small delegation.\n"
        "“We have no plans to leave these talks early,” she said.\n"
        "\"The harbor will reopen before the summer season,\" said Mayor Karl Dunn.\n",
        "Ministers meet\n2023-05-02\nhttps://b.example/2\n"
        "Anna Berg rejected the reports. \"We have absolutely no plans to leave these talks early,\" "
        "Berg told reporters.\n"
        "Dunn said \"the harbor will reopen before the summer season starts\" despite the strike.\n",
        NULL};
    fixture f;
    S_build(&f, docs);
    int found_berg = 0, found_dunn = 0;
    for (size_t i = 0; i < f.an->nquotes; i++) {
        const quote *q = &f.an->quotes[i];
        if (strstr(q->text, "no plans to leave")) {
            found_berg++;
            assert_non_null(q->speaker);
            assert_string_equal(q->speaker, "Anna Berg");
            assert_int_equal(q->sources.n, 2); /* merged across the two articles */
        }
        if (strstr(q->text, "harbor will reopen")) {
            found_dunn++;
            assert_non_null(q->speaker);
            assert_string_equal(q->speaker, "Karl Dunn");
            assert_int_equal(q->sources.n, 2);
        }
    }
    assert_int_equal(found_berg, 1);
    assert_int_equal(found_dunn, 1);
    S_free(&f);
}

static void test_timeline(void **state)
{
    (void)state;
    /* 2022-01-10 is a Monday. */
    static const char *const docs[] = {
        "Summit week\n2022-01-10\nhttps://a.example/1\n"
        "The leaders will hold a summit in Larsvik on Wednesday.\n"
        "Protesters gathered outside the ministry on Saturday.\n"
        "The vote was held in parliament on Monday.\n"
        "The sanctions were announced last month.\n"
        "The new rules take effect on January 20, 2022.\n"
        "The treaty was signed in 2014.\n",
        "Year end\n2021-12-30\nhttps://b.example/2\n"
        "The ferry company expects the new harbor terminal to open Jan. 3.\n"
        "The last ferry ran on Sunday.\n"
        "A review of the harbor is planned for next month.\n",
        "No date here\n\nThe council said it met on Friday with the harbor board.\n",
        NULL};
    fixture f;
    S_build(&f, docs);
    S_assert_day(S_event_with(f.an, "summit"), "2022-01-12");
    S_assert_day(S_event_with(f.an, "Protesters"), "2022-01-08");
    S_assert_day(S_event_with(f.an, "vote was held"), "2022-01-10");
    const timeline_event *m = S_event_with(f.an, "sanctions");
    S_assert_day(m, "2021-12-01");
    assert_int_equal(m->precision, DATE_MONTH);
    S_assert_day(S_event_with(f.an, "new rules"), "2022-01-20");
    const timeline_event *y = S_event_with(f.an, "treaty");
    S_assert_day(y, "2014-01-01");
    assert_int_equal(y->precision, DATE_YEAR);
    /* Year rollover: "Jan. 3" written on Dec. 30, 2021 is 2022. */
    S_assert_day(S_event_with(f.an, "terminal"), "2022-01-03");
    S_assert_day(S_event_with(f.an, "last ferry"), "2021-12-26");
    const timeline_event *nm = S_event_with(f.an, "review");
    S_assert_day(nm, "2022-01-01");
    assert_int_equal(nm->precision, DATE_MONTH);
    S_free(&f);
}

static void test_inferred_date(void **state)
{
    (void)state;
    static const char *const docs[] = {
        "A\n2022-01-10\nhttps://a.example/1\nThe board met on Monday in Larsvik.\n",
        "B\n2022-01-10\nhttps://b.example/2\nThe harbor board met on Monday in Larsvik.\n",
        "Undated story\n\nThe harbor board will meet again on Thursday in Larsvik.\n",
        NULL};
    fixture f;
    S_build(&f, docs);
    assert_int_equal(f.an->doc_day_inferred[2], 1);
    assert_int_equal(f.an->doc_day[2], f.an->doc_day[0]);
    const timeline_event *ev = S_event_with(f.an, "again");
    S_assert_day(ev, "2022-01-13");
    assert_true(ev->inferred);
    S_free(&f);
}

/* ------------------------------------------------------------------------------------------ */
/* The seeds: five real copies of the 2022-01-10 US-Russia talks in Geneva.                    */

static json_object *S_seed_json(void)
{
    struct stat st;
    const char *dir = CHORUS_SHARED_DIR "/seeds";
    if (stat(dir, &st) != 0)
        return NULL;
    chorus_corpus *c = chorus_corpus_new(NULL);
    chorus_error err = {0};
    assert_int_equal(chorus_corpus_add_path(c, dir, &err), CHORUS_OK);
    chorus_summary *sum = chorus_summarize(c, NULL, &err);
    assert_non_null(sum);
    char *out = chorus_summary_render(sum, CHORUS_FORMAT_JSON);
    json_object *root = json_tokener_parse(out);
    assert_non_null(root);
    free(out);
    chorus_summary_free(sum);
    chorus_corpus_free(c);
    return root;
}

static int S_json_has_int(json_object *arr, int v)
{
    for (size_t i = 0; i < json_object_array_length(arr); i++)
        if (json_object_get_int(json_object_array_get_idx(arr, i)) == v)
            return 1;
    return 0;
}

static const char *S_str(json_object *o, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
        return NULL;
    return json_object_get_string(v);
}

static json_object *S_get(json_object *o, const char *key)
{
    json_object *v = NULL;
    json_object_object_get_ex(o, key, &v);
    return v;
}

static void test_seeds(void **state)
{
    (void)state;
    json_object *root = S_seed_json();
    if (!root) {
        print_message("skipped: no seeds at %s/seeds\n", CHORUS_SHARED_DIR);
        skip();
    }
    /* The talk-duration conflict: at least two of six / seven / eight hours, with sources. */
    json_object *confs = S_get(root, "conflicts");
    int duration = 0;
    for (size_t i = 0; i < json_object_array_length(confs); i++) {
        json_object *cf = json_object_array_get_idx(confs, i);
        if (strcmp(S_str(cf, "unit"), "hour") != 0)
            continue;
        json_object *vals = S_get(cf, "values");
        int seen = 0;
        for (size_t k = 0; k < json_object_array_length(vals); k++) {
            json_object *v = json_object_array_get_idx(vals, k);
            const char *txt = S_str(v, "value");
            if (strstr(txt, "six") || strstr(txt, "seven") || strstr(txt, "eight"))
                seen++;
            assert_true(json_object_array_length(S_get(v, "sources")) >= 1);
        }
        if (seen >= 2)
            duration = 1;
    }
    assert_true(duration);

    /* Ryabkov's denial of plans to attack is his. */
    json_object *qs = S_get(root, "quotes");
    int denial = 0;
    for (size_t i = 0; i < json_object_array_length(qs); i++) {
        json_object *q = json_object_array_get_idx(qs, i);
        if (strstr(S_str(q, "text"), "no plans to attack")) {
            const char *sp = S_str(q, "speaker");
            assert_non_null(sp);
            assert_non_null(strstr(sp, "Ryabkov"));
            denial = 1;
        }
    }
    assert_true(denial);

    /* Sergey and Sergei Ryabkov are one person. */
    json_object *ents = S_get(root, "entities");
    int merged = 0;
    for (size_t i = 0; i < json_object_array_length(ents); i++) {
        json_object *e = json_object_array_get_idx(ents, i);
        if (!strstr(S_str(e, "name"), "Ryabkov"))
            continue;
        assert_string_equal(S_str(e, "type"), "person");
        json_object *vars = S_get(e, "variants");
        int sy = 0, si = 0;
        for (size_t k = 0; k < json_object_array_length(vars); k++) {
            const char *v = json_object_get_string(json_object_array_get_idx(vars, k));
            sy |= strcmp(v, "Sergey Ryabkov") == 0;
            si |= strcmp(v, "Sergei Ryabkov") == 0;
        }
        merged = sy && si;
    }
    assert_true(merged);

    /* NATO in Brussels on 2022-01-12, the OSCE in Vienna on 2022-01-13. */
    json_object *tl = S_get(root, "timeline");
    int brussels = 0, vienna = 0;
    for (size_t i = 0; i < json_object_array_length(tl); i++) {
        json_object *ev = json_object_array_get_idx(tl, i);
        const char *date = S_str(ev, "date"), *text = S_str(ev, "text");
        if (strstr(text, "Brussels") && strstr(text, "NATO") && !strcmp(date, "2022-01-12"))
            brussels = 1;
        if (strstr(text, "Vienna") && !strcmp(date, "2022-01-13"))
            vienna = 1;
    }
    assert_true(brussels);
    assert_true(vienna);

    /* Undated articles are flagged. */
    json_object *refs = S_get(root, "reference_dates");
    assert_int_equal(json_object_array_length(refs), 5);
    int inferred = 0;
    for (size_t i = 0; i < 5; i++)
        inferred += json_object_get_boolean(S_get(json_object_array_get_idx(refs, i), "inferred"));
    assert_int_equal(inferred, 3);
    /* One agreement entry per summary sentence, each supported by its own document. */
    json_object *agr = S_get(root, "agreement"), *summary = S_get(root, "summary");
    assert_int_equal(json_object_array_length(agr), json_object_array_length(summary));
    for (size_t i = 0; i < json_object_array_length(agr); i++) {
        json_object *it = json_object_array_get_idx(summary, i);
        int doc = json_object_get_int(S_get(it, "document"));
        assert_true(S_json_has_int(S_get(json_object_array_get_idx(agr, i), "sources"), doc));
    }
    json_object_put(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_entities_merge),
        cmocka_unit_test(test_conflicts),
        cmocka_unit_test(test_no_conflict_rounding),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_timeline),
        cmocka_unit_test(test_inferred_date),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
