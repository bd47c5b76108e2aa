/* In-process speed of summarization, parsing included, without process start-up.
 *
 *   bench_summarize [-r RUNS] [-s] [-m METHOD] CLUSTER_DIR...
 *
 * Each run summarizes every cluster once: a new corpus, chorus_corpus_add_path (read, parse,
 * clean, segment, tokenize), the 100-word --fill summary and its `lines` rendering; with -s the
 * `text` rendering instead, which computes the sources and document groups (document dedup)
 * as text, JSON, Markdown and HTML output do. Prints the median and minimum per-cluster time over all runs and
 * clusters, and the median and minimum time of one pass over all clusters. Not part of
 * `make check`: timings are never tests. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chorus.h"
#include "summary/summary.h"

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int S_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static chorus_method S_method(const char *name)
{
    static const struct {
        const char *name;
        chorus_method m;
    } names[] = {{"concept", CHORUS_METHOD_CONCEPT}, {"submodular", CHORUS_METHOD_SUBMODULAR},
                 {"centroid", CHORUS_METHOD_CENTROID}, {"lexrank", CHORUS_METHOD_LEXRANK},
                 {"lead", CHORUS_METHOD_LEAD},       {"random", CHORUS_METHOD_RANDOM}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(name, names[i].name) == 0)
            return names[i].m;
    fprintf(stderr, "bench_summarize: unknown method %s\n", name);
    exit(2);
}

int main(int argc, char **argv)
{
    int runs = 5, sources = 0, first = 1;
    chorus_method method = CHORUS_METHOD_DEFAULT;
    for (; first < argc && argv[first][0] == '-'; first++) {
        if (strcmp(argv[first], "-r") == 0 && first + 1 < argc)
            runs = atoi(argv[++first]);
        else if (strcmp(argv[first], "-s") == 0)
            sources = 1;
        else if (strcmp(argv[first], "-m") == 0 && first + 1 < argc)
            method = S_method(argv[++first]);
        else {
            fprintf(stderr, "usage: bench_summarize [-r RUNS] [-s] [-m METHOD] CLUSTER_DIR...\n");
            return 2;
        }
    }
    int nclusters = argc - first;
    if (nclusters <= 0 || runs <= 0) {
        fprintf(stderr, "usage: bench_summarize [-r RUNS] [-s] [-m METHOD] CLUSTER_DIR...\n");
        return 2;
    }
    double *per = malloc((size_t)runs * (size_t)nclusters * sizeof *per);
    double *pass = malloc((size_t)runs * sizeof *pass);
    size_t nper = 0, bytes = 0;
    chorus_summary_options so;
    chorus_summary_options_init(&so);
    so.words = 100;
    so.fill = 1;
    so.method = method;
    for (int r = 0; r < runs; r++) {
        double t0 = S_now();
        for (int i = first; i < argc; i++) {
            double t = S_now();
            chorus_error err = {0};
            chorus_corpus *c = chorus_corpus_new(NULL);
            if (chorus_corpus_add_path(c, argv[i], &err) != CHORUS_OK) {
                fprintf(stderr, "bench_summarize: %s: %s\n", argv[i], err.message);
                return 1;
            }
            chorus_summary *sum = chorus_summarize(c, &so, &err);
            if (!sum) {
                fprintf(stderr, "bench_summarize: %s: %s\n", argv[i], err.message);
                return 1;
            }
            /* lines needs no sources; text computes them (document dedup), as summarize does
             * for every format but lines. */
            char *out = chorus_summary_render(sum, sources ? CHORUS_FORMAT_TEXT : CHORUS_FORMAT_LINES);
            bytes += strlen(out);
            free(out);
            chorus_summary_free(sum);
            chorus_corpus_free(c);
            per[nper++] = S_now() - t;
        }
        pass[r] = S_now() - t0;
    }
    qsort(per, nper, sizeof *per, S_cmp_double);
    qsort(pass, (size_t)runs, sizeof *pass, S_cmp_double);
    printf("%d clusters x %d runs%s: per cluster median %.2f ms, min %.2f ms, max %.2f ms; "
           "one pass median %.1f ms, min %.1f ms (%zu bytes of summaries)\n",
           nclusters, runs, sources ? " (with sources)" : "", per[nper / 2] * 1e3, per[0] * 1e3,
           per[nper - 1] * 1e3, pass[runs / 2] * 1e3, pass[0] * 1e3, bytes);
    free(per);
    free(pass);
    return 0;
}
