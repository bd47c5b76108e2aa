/* Tests of the exact budgeted coverage solver against brute force on random instances. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "select/cover.h"

/* Deterministic generator so failures reproduce. */
static uint64_t S_rng = 88172645463325252ULL;
static uint32_t S_rand(uint32_t n)
{
    S_rng ^= S_rng << 13;
    S_rng ^= S_rng >> 7;
    S_rng ^= S_rng << 17;
    return (uint32_t)(S_rng % n);
}

typedef struct instance {
    size_t nitems, nconcepts;
    uint32_t cost[16], start[17], concepts[16 * 8], cstart[17], conflicts[16 * 16];
    double weight[32];
    cover_problem p;
} instance;

static void S_make(instance *in, size_t nitems, uint32_t budget, int with_conflicts)
{
    in->nitems = nitems;
    in->nconcepts = 20;
    for (size_t c = 0; c < in->nconcepts; c++)
        in->weight[c] = 1 + S_rand(5);
    uint32_t n = 0, m = 0;
    for (size_t i = 0; i < nitems; i++) {
        in->cost[i] = 5 + S_rand(20);
        in->start[i] = n;
        size_t k = 1 + S_rand(6);
        for (size_t j = 0; j < k; j++) {
            uint32_t c = S_rand((uint32_t)in->nconcepts);
            int dup = 0;
            for (uint32_t q = in->start[i]; q < n; q++)
                dup |= in->concepts[q] == c;
            if (!dup)
                in->concepts[n++] = c;
        }
        in->cstart[i] = m;
        if (with_conflicts)
            for (size_t j = 0; j < nitems; j++)
                if (j != i && (i + j) % 7 == 0)
                    in->conflicts[m++] = (uint32_t)j;
    }
    in->start[nitems] = n;
    in->cstart[nitems] = m;
    in->p = (cover_problem){.nitems = nitems, .cost = in->cost, .concept_start = in->start,
                            .concepts = in->concepts, .nconcepts = in->nconcepts,
                            .weight = in->weight, .budget = budget};
    if (with_conflicts) {
        in->p.conflict_start = in->cstart;
        in->p.conflicts = in->conflicts;
    }
}

static double S_value(const instance *in, uint32_t mask, int *feasible)
{
    int covered[32] = {0};
    uint32_t cost = 0;
    *feasible = 1;
    for (size_t i = 0; i < in->nitems; i++) {
        if (!(mask >> i & 1))
            continue;
        cost += in->cost[i];
        for (uint32_t k = in->start[i]; k < in->start[i + 1]; k++)
            covered[in->concepts[k]] = 1;
        if (in->p.conflict_start)
            for (uint32_t k = in->cstart[i]; k < in->cstart[i + 1]; k++)
                if (mask >> in->conflicts[k] & 1)
                    *feasible = 0;
    }
    if (cost > in->p.budget)
        *feasible = 0;
    double v = 0;
    for (size_t c = 0; c < in->nconcepts; c++)
        v += covered[c] ? in->weight[c] : 0;
    return v;
}

static double S_brute(const instance *in)
{
    double best = 0;
    for (uint32_t mask = 0; mask < (1u << in->nitems); mask++) {
        int ok;
        double v = S_value(in, mask, &ok);
        if (ok && v > best)
            best = v;
    }
    return best;
}

static void S_check(int with_conflicts)
{
    for (int trial = 0; trial < 200; trial++) {
        instance in;
        S_make(&in, 4 + S_rand(11), 20 + S_rand(50), with_conflicts);
        cover_solution sol;
        cover_solve(&in.p, &sol);
        assert_true(sol.optimal);
        uint32_t mask = 0;
        for (size_t i = 0; i < sol.n; i++)
            mask |= 1u << sol.items[i];
        int ok;
        double v = S_value(&in, mask, &ok);
        assert_true(ok);
        assert_float_equal(v, sol.value, 1e-9);
        assert_float_equal(sol.value, S_brute(&in), 1e-9);

        cover_solution g;
        cover_greedy(&in.p, &g);
        assert_true(g.value <= sol.value + 1e-9);
        mask = 0;
        for (size_t i = 0; i < g.n; i++)
            mask |= 1u << g.items[i];
        S_value(&in, mask, &ok);
        assert_true(ok);
        cover_solution_free(&g);
        cover_solution_free(&sol);
    }
}

/* The work limit stops a search that the node limit would let run on: the result is then
 * the best found so far (at least greedy's), feasible, and not called optimal. */
static void test_work_limit(void **state)
{
    (void)state;
    instance in;
    S_make(&in, 10, 60, 0);
    cover_solution full, cut, g;
    cover_solve(&in.p, &full);
    assert_true(full.optimal);
    in.p.max_work = 5;
    cover_solve(&in.p, &cut);
    assert_false(cut.optimal);
    cover_greedy(&in.p, &g);
    assert_true(cut.value >= g.value - 1e-9 && cut.value <= full.value + 1e-9);
    uint32_t mask = 0;
    for (size_t i = 0; i < cut.n; i++)
        mask |= 1u << cut.items[i];
    int ok;
    assert_float_equal(S_value(&in, mask, &ok), cut.value, 1e-9);
    assert_true(ok);
    cover_solution_free(&full);
    cover_solution_free(&cut);
    cover_solution_free(&g);
}

static void test_exact_matches_brute_force(void **state) { S_check(0); }
static void test_exact_with_conflicts(void **state) { S_check(1); }

static void test_empty_and_tight_budget(void **state)
{
    instance in;
    S_make(&in, 5, 1, 0); /* every item costs at least 5: nothing fits */
    cover_solution sol;
    cover_solve(&in.p, &sol);
    assert_int_equal(sol.n, 0);
    assert_float_equal(sol.value, 0, 0);
    cover_solution_free(&sol);

    cover_problem none = {.nitems = 0, .budget = 10, .concept_start = (uint32_t[]){0}};
    cover_solve(&none, &sol);
    assert_int_equal(sol.n, 0);
    cover_solution_free(&sol);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_matches_brute_force),
        cmocka_unit_test(test_work_limit),
        cmocka_unit_test(test_exact_with_conflicts),
        cmocka_unit_test(test_empty_and_tight_budget),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
