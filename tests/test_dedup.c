/* Tests of document and sentence near-duplicate detection. Every article here is invented. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "chorus.h"
#include "corpus/corpus.h"
#include "dedup/dedup.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_relations),
        cmocka_unit_test(test_no_documents),
        cmocka_unit_test(test_seeds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
