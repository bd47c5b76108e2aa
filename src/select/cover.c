#include "select/cover.h"

#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#define EPS 1e-9

typedef struct search {
    const cover_problem *p;
    uint32_t *covered;   /* per concept: how many chosen items cover it */
    uint8_t *blocked;    /* per item: count of chosen items it conflicts with (saturating) */
    uint32_t *chosen;
    size_t nchosen;
    uint32_t *best;
    size_t nbest;
    double best_value;
    size_t nodes, max_nodes, work, max_work;
    int aborted;
} search;

static double S_marginal(const search *s, uint32_t item)
{
    const cover_problem *p = s->p;
    double g = 0;
    for (uint32_t k = p->concept_start[item]; k < p->concept_start[item + 1]; k++)
        if (!s->covered[p->concepts[k]])
            g += p->weight[p->concepts[k]];
    return g;
}

static void S_take(search *s, uint32_t item, int delta)
{
    const cover_problem *p = s->p;
    for (uint32_t k = p->concept_start[item]; k < p->concept_start[item + 1]; k++)
        s->covered[p->concepts[k]] += (uint32_t)delta;
    if (p->conflict_start)
        for (uint32_t k = p->conflict_start[item]; k < p->conflict_start[item + 1]; k++)
            s->blocked[p->conflicts[k]] += (uint8_t)delta;
    if (delta > 0)
        s->chosen[s->nchosen++] = item;
    else
        s->nchosen--;
}

typedef struct ranked {
    uint32_t item;
    double gain;
    double density;
} ranked;

/* Items by gain per cost, descending; ties by item id so results are deterministic (a total
 * order: item ids are distinct). */
static int S_before(const ranked *x, const ranked *y)
{
    return x->density > y->density || (x->density == y->density && x->item < y->item);
}

/* Sorts r[0..n) by S_before. Every node of the search sorts its items, so this is inlined
 * quicksort rather than qsort with a callback (which was a quarter of summarizing). */
static void S_sort_ranked(ranked *r, size_t n)
{
    while (n > 12) {
        ranked piv = r[n / 2];
        size_t i = 0, j = n - 1;
        for (;;) {
            while (S_before(&r[i], &piv))
                i++;
            while (S_before(&piv, &r[j]))
                j--;
            if (i >= j)
                break;
            ranked t = r[i];
            r[i] = r[j], r[j] = t;
            i++, j--;
        }
        /* r[0..j] before r[j+1..n): recurse into the smaller part, loop on the larger. */
        size_t left = j + 1;
        if (left < n - left) {
            S_sort_ranked(r, left);
            r += left, n -= left;
        } else {
            S_sort_ranked(r + left, n - left);
            n = left;
        }
    }
    for (size_t i = 1; i < n; i++) {
        ranked x = r[i];
        size_t k = i;
        while (k > 0 && S_before(&x, &r[k - 1]))
            r[k] = r[k - 1], k--;
        r[k] = x;
    }
}

/* Fractional knapsack bound over r[from..n) (sorted by density) with the given budget. */
static double S_bound(const ranked *r, size_t from, size_t n, const uint32_t *cost, double budget)
{
    double total = 0;
    for (size_t i = from; i < n && budget > 0; i++) {
        double c = cost[r[i].item];
        if (c <= budget) {
            total += r[i].gain;
            budget -= c;
        } else {
            total += r[i].gain * (budget / c);
            budget = 0;
        }
    }
    return total;
}

static void S_record(search *s, double value)
{
    if (value > s->best_value + EPS) {
        s->best_value = value;
        memcpy(s->best, s->chosen, s->nchosen * sizeof *s->chosen);
        s->nbest = s->nchosen;
    }
}

static void S_search(search *s, const uint32_t *items, size_t nitems, uint32_t budget, double value)
{
    const cover_problem *p = s->p;
    s->work += nitems;
    if (++s->nodes > s->max_nodes || s->work > s->max_work) {
        s->aborted = 1;
        return;
    }
    S_record(s, value);
    ranked *r = xmalloc((nitems ? nitems : 1) * sizeof *r);
    size_t n = 0;
    for (size_t i = 0; i < nitems; i++) {
        uint32_t it = items[i];
        if (p->cost[it] > budget || (s->blocked && s->blocked[it]))
            continue;
        double g = S_marginal(s, it);
        if (g <= EPS)
            continue;
        r[n].item = it;
        r[n].gain = g;
        r[n].density = g / p->cost[it];
        n++;
    }
    S_sort_ranked(r, n);
    uint32_t *next = xmalloc((n ? n : 1) * sizeof *next);
    for (size_t i = 0; i < n && !s->aborted; i++) {
        if (value + S_bound(r, i, n, p->cost, budget) <= s->best_value + EPS)
            break;
        size_t m = 0;
        for (size_t j = i + 1; j < n; j++)
            next[m++] = r[j].item;
        S_take(s, r[i].item, +1);
        S_search(s, next, m, budget - p->cost[r[i].item], value + r[i].gain);
        S_take(s, r[i].item, -1);
    }
    free(next);
    free(r);
}

static void S_init(search *s, const cover_problem *p)
{
    memset(s, 0, sizeof *s);
    s->p = p;
    s->covered = xcalloc(p->nconcepts ? p->nconcepts : 1, sizeof *s->covered);
    s->blocked = p->conflict_start ? xcalloc(p->nitems ? p->nitems : 1, 1) : NULL;
    s->chosen = xmalloc((p->nitems + 1) * sizeof *s->chosen);
    s->best = xmalloc((p->nitems + 1) * sizeof *s->best);
    s->max_nodes = p->max_nodes ? p->max_nodes : 200000;
    s->max_work = p->max_work ? p->max_work : 40000000;
    s->best_value = 0;
}

static void S_done(search *s, cover_solution *out)
{
    out->items = xmalloc((s->nbest ? s->nbest : 1) * sizeof *out->items);
    memcpy(out->items, s->best, s->nbest * sizeof *s->best);
    out->n = s->nbest;
    out->value = s->best_value;
    out->nodes = s->nodes;
    out->optimal = !s->aborted;
    free(s->covered);
    free(s->blocked);
    free(s->chosen);
    free(s->best);
}

void cover_greedy(const cover_problem *p, cover_solution *out)
{
    search s;
    S_init(&s, p);
    uint32_t budget = p->budget;
    double value = 0;
    uint8_t *used = xcalloc(p->nitems ? p->nitems : 1, 1);
    for (;;) {
        int best = -1;
        double best_density = 0, best_gain = 0;
        for (size_t i = 0; i < p->nitems; i++) {
            if (used[i] || p->cost[i] > budget || (s.blocked && s.blocked[i]))
                continue;
            double g = S_marginal(&s, (uint32_t)i);
            double d = g / p->cost[i];
            if (g > EPS && d > best_density + EPS) {
                best = (int)i;
                best_density = d;
                best_gain = g;
            }
        }
        if (best < 0)
            break;
        used[best] = 1;
        S_take(&s, (uint32_t)best, +1);
        budget -= p->cost[best];
        value += best_gain;
    }
    S_record(&s, value);
    /* The single best item guards against greedy's worst case (Khuller, Moss & Naor 1999). */
    for (size_t i = 0; i < p->nitems; i++) {
        if (p->cost[i] > p->budget)
            continue;
        double g = 0;
        for (uint32_t k = p->concept_start[i]; k < p->concept_start[i + 1]; k++)
            g += p->weight[p->concepts[k]];
        if (g > s.best_value + EPS) {
            s.best_value = g;
            s.best[0] = (uint32_t)i;
            s.nbest = 1;
        }
    }
    free(used);
    S_done(&s, out);
    out->optimal = 0;
}

void cover_solve(const cover_problem *p, cover_solution *out)
{
    cover_solution greedy;
    cover_greedy(p, &greedy);
    search s;
    S_init(&s, p);
    memcpy(s.best, greedy.items, greedy.n * sizeof *greedy.items);
    s.nbest = greedy.n;
    s.best_value = greedy.value;
    cover_solution_free(&greedy);

    uint32_t *all = xmalloc((p->nitems ? p->nitems : 1) * sizeof *all);
    for (size_t i = 0; i < p->nitems; i++)
        all[i] = (uint32_t)i;
    S_search(&s, all, p->nitems, p->budget, 0);
    free(all);
    S_done(&s, out);
}

void cover_solution_free(cover_solution *s)
{
    free(s->items);
    s->items = NULL;
    s->n = 0;
}
