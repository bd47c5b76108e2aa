/* rouge_stats: averages over evaluations and their bootstrap confidence intervals, exactly as
 * computeAverages (L802-L968) and bootstrapResampling (L689-L767) compute them.
 *
 * Exactness depends on doing the floating-point operations in the script's order: the draws
 * of a sample are added in the order they are drawn, the sample means are added in ascending
 * order, and every value is a double (no x87 extended precision, no contraction into FMA:
 * ISO C mode, -std=c11, keeps GCC from contracting).
 */
#include "eval/rouge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* ---- Perl's rand ----------------------------------------------------------------------------- */

/* Perl >= 5.20 implements srand/rand with its own drand48 (util.c, Perl_drand48_init_r /
 * Perl_drand48_r); earlier perls on Linux called libc's drand48, which is the same generator:
 * x0 = (seed << 16) + 0x330E, x <- (0x5DEECE66D x + 0xB) mod 2^48, rand() = x / 2^48. It is
 * implemented here rather than calling srand48 so that no global state is involved. */
void rouge_rng_seed(rouge_rng *r, uint32_t seed)
{
    r->x = (((uint64_t)seed << 16) + 0x330E) & 0xFFFFFFFFFFFFULL;
}

double rouge_rng_next(rouge_rng *r)
{
    r->x = (r->x * 0x5DEECE66DULL + 0xB) & 0xFFFFFFFFFFFFULL;
    return (double)r->x * 0x1p-48; /* exact: 48 bits fit a double's mantissa */
}

/* ---- helpers -----------------------------------------------------------------------------------
 */

void rouge_perl_num_str(double x, char *out, size_t cap)
{
    /* Perl prints a number with "%.15g" (integers stored as IV print the same way below 1e15). */
    snprintf(out, cap, "%.15g", x);
}

/* Ascending sort of the sample means (`sort by_value`; equal values are interchangeable, so
 * the order among them cannot change a sum or a percentile). A few thousand values: qsort. */
static int S_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void S_sort_doubles(double *a, size_t n) { qsort(a, n, sizeof *a, S_cmp_double); }

/* $array[$i] in numeric context: a negative index counts from the end, a missing element is
 * undef, i.e. 0 (this only happens for -c 100 and other extreme settings). */
static double S_perl_elem(const double *a, size_t n, double idx)
{
    double i = idx < 0 ? idx + (double)n : idx;
    if (i < 0 || i >= (double)n)
        return 0;
    return a[(size_t)i];
}

/* One bootstrap sample (bootstrapResampling, L689-L767). */
static void S_bootstrap_sample(const rouge_inst *inst, size_t n, uint32_t seed, int t, double alpha,
                               double out[3])
{
    rouge_rng rng;
    rouge_rng_seed(&rng, seed); /* srand($seed), L702 */
    double s[3] = {0, 0, 0};
    for (size_t i = 0; i < n; i++) {
        /* int(rand(N)): rand(N) is N * drand48(), then truncated (L705). */
        double x = (double)n * rouge_rng_next(&rng);
        size_t k = (size_t)x;
        if (i == 0) {
            s[0] = inst[k].v[0], s[1] = inst[k].v[1], s[2] = inst[k].v[2];
        } else {
            s[0] += inst[k].v[0], s[1] += inst[k].v[1], s[2] += inst[k].v[2];
        }
    }
    if (t == 1) {
        /* Token level: the sums are [model count, peer count, hits] (L730-L760). */
        double R = s[0] > 0 ? s[2] / s[0] : 0;
        double P = s[1] > 0 ? s[2] / s[1] : 0;
        double den = (1 - alpha) * P + alpha * R;
        out[0] = R;
        out[1] = P;
        out[2] = den > 0 ? (R * P) / den : 0;
    } else if (n > 0) {
        out[0] = s[0] / (double)n;
        out[1] = s[1] / (double)n;
        out[2] = s[2] / (double)n;
    } else {
        out[0] = out[1] = out[2] = 0;
    }
}

void rouge_compute_average(const rouge_inst *inst, size_t n, int t, double resamples, double conf,
                           double alpha, rouge_average *out)
{
    memset(out, 0, sizeof *out);
    if (t == 2) {
        /* Raw counts: the three sums in instance order, printed with int() (L676-L683). */
        double sum[3] = {0, 0, 0};
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < 3; k++)
                sum[k] += inst[i].v[k];
        for (int k = 0; k < 3; k++) {
            double tr = trunc(sum[k]);
            if (fabs(tr) < 9.2e18)
                snprintf(out->counts[k], sizeof out->counts[k], "%lld", (long long)tr);
            else
                rouge_perl_num_str(tr, out->counts[k], sizeof out->counts[k]);
        }
        return;
    }
    /* `for($i=0;$i<$numOfResamples;$i++)`: ceil(B) samples for a fractional B. */
    size_t nb = resamples > 0 ? (size_t)ceil(resamples) : 0;
    double *samples[3];
    for (int k = 0; k < 3; k++)
        samples[k] = xmalloc((nb ? nb : 1) * sizeof(double));
    for (size_t b = 0; b < nb; b++) {
        double s[3];
        S_bootstrap_sample(inst, n, (uint32_t)b, t, alpha, s);
        for (int k = 0; k < 3; k++)
            samples[k][b] = s[k];
    }
    /* L926-L932: the confidence interval indexes, computed in the script's order. */
    double delta = resamples * ((100 - conf) / 2.0) / 100.0;
    double ci_ua = trunc(resamples - delta - 1);
    double ci_ub = ci_ua + 1;
    double ci_la = trunc(delta);
    double ci_lb = ci_la + 1;
    double ci_r = resamples - delta - 1 - ci_ua;
    for (int k = 0; k < 3; k++) {
        double *s = samples[k];
        S_sort_doubles(s, nb);
        /* The printed average is the mean of the sample means, added in ascending order
         * (L898-L923); it is not the plain mean of the evaluations. */
        double sum = 0;
        for (size_t b = 0; b < nb; b++)
            sum += s[b];
        snprintf(out->avg[k], sizeof out->avg[k], "%7.5f", nb ? sum / (double)nb : 0.0);
        double la = S_perl_elem(s, nb, ci_la), lb = S_perl_elem(s, nb, ci_lb);
        double ua = S_perl_elem(s, nb, ci_ua), ub = S_perl_elem(s, nb, ci_ub);
        snprintf(out->low[k], sizeof out->low[k], "%7.5f", la + (lb - la) * ci_r);
        snprintf(out->high[k], sizeof out->high[k], "%7.5f", ua + (ub - ua) * ci_r);
        free(s);
    }
}
