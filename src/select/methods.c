/* The similarity-based selection methods: submodular coverage + diversity (Lin & Bilmes 2011),
 * the MEAD centroid (Radev et al. 2004) and LexRank (Erkan & Radev 2004). They share TF-IDF
 * sentence vectors and a dense cosine matrix; the cores work on that matrix alone so that the
 * unit tests can drive them with hand-made similarities. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/vec.h"
#include "select/select.h"

typedef VEC(uint32_t) u32vec;

/* ---- TF-IDF vectors ------------------------------------------------------------------- */

typedef struct term_count {
    uint32_t term, n;
} term_count;

/* Sentence-frequency of every stem over the article sentences; returns S, fills sf (indexed
 * by stem id, sized to the corpus stem table). */
static size_t S_sentence_freq(const chorus_corpus *c, uint32_t *sf, uint32_t *last)
{
    size_t nsent = 0;
    for (size_t si = 0; si < c->sentences.len; si++) {
        const sentence *s = &c->sentences.items[si];
        if (s->flags & SENT_HEADLINE)
            continue;
        nsent++;
        const token *t = sentence_tokens(c, s);
        for (uint32_t k = 0; k < s->ntokens; k++) {
            if (!(t[k].flags & TOK_WORD) || (t[k].flags & TOK_STOP))
                continue;
            if (last[t[k].stem] != (uint32_t)si) {
                last[t[k].stem] = (uint32_t)si;
                sf[t[k].stem]++;
            }
        }
    }
    return nsent;
}

/* The distinct content stems of s with their counts, ascending by stem (insertion sort:
 * sentences have a few dozen words). Returns how many. */
static size_t S_term_counts(const chorus_corpus *c, const sentence *s, term_count *out)
{
    size_t n = 0;
    const token *t = sentence_tokens(c, s);
    for (uint32_t k = 0; k < s->ntokens; k++) {
        if (!(t[k].flags & TOK_WORD) || (t[k].flags & TOK_STOP))
            continue;
        uint32_t stem = t[k].stem;
        size_t i = n;
        while (i > 0 && out[i - 1].term > stem)
            i--;
        if (i > 0 && out[i - 1].term == stem) {
            out[i - 1].n++;
            continue;
        }
        memmove(out + i + 1, out + i, (n - i) * sizeof *out);
        out[i] = (term_count){stem, 1};
        n++;
    }
    return n;
}

static size_t S_nstems(const chorus_corpus *c)
{
    size_t m = 0;
    for (size_t i = 0; i < c->tokens.len; i++)
        if (c->tokens.items[i].stem + 1 > m)
            m = c->tokens.items[i].stem + 1;
    return m;
}

/* idf of every stem (0 where it never occurs); the caller frees. */
static double *S_idf(const chorus_corpus *c, size_t nstems)
{
    uint32_t *sf = xcalloc(nstems ? nstems : 1, sizeof *sf);
    uint32_t *last = xmalloc((nstems ? nstems : 1) * sizeof *last);
    memset(last, 0xff, (nstems ? nstems : 1) * sizeof *last);
    size_t nsent = S_sentence_freq(c, sf, last);
    double *idf = xcalloc(nstems ? nstems : 1, sizeof *idf);
    for (size_t i = 0; i < nstems; i++)
        if (sf[i])
            idf[i] = log((double)(nsent + 1) / sf[i]); /* +1: a stem in every sentence keeps a
                                                        little weight */
    free(sf);
    free(last);
    return idf;
}

void tfidf_build(const chorus_corpus *c, const uint32_t *cand, size_t n, tfidf *out)
{
    size_t nstems = S_nstems(c);
    double *idf = S_idf(c, nstems);
    out->n = n;
    out->start = xmalloc((n + 1) * sizeof *out->start);
    u32vec term = {0};
    VEC(double) w = {0};
    term_count *tc = NULL;
    size_t tc_cap = 0;
    for (size_t i = 0; i < n; i++) {
        const sentence *s = corpus_sentence(c, cand[i]);
        tc = xgrow(tc, sizeof *tc, &tc_cap, s->ntokens + 1);
        size_t m = S_term_counts(c, s, tc);
        out->start[i] = (uint32_t)term.len;
        double norm = 0;
        for (size_t k = 0; k < m; k++) {
            double v = tc[k].n * idf[tc[k].term];
            VEC_PUSH(&term, tc[k].term);
            VEC_PUSH(&w, v);
            norm += v * v;
        }
        norm = sqrt(norm);
        for (size_t k = out->start[i]; k < w.len; k++)
            w.items[k] = norm > 0 ? w.items[k] / norm : 0;
    }
    out->start[n] = (uint32_t)term.len;
    out->term = term.items;
    out->w = w.items;
    free(tc);
    free(idf);
}

void tfidf_free(tfidf *v)
{
    free(v->start);
    free(v->term);
    free(v->w);
    memset(v, 0, sizeof *v);
}

double *tfidf_cosines(const tfidf *v)
{
    size_t n = v->n;
    double *sim = xcalloc(n ? n * n : 1, sizeof *sim);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a; b < n; b++) {
            /* Merge of two ascending term lists. */
            uint32_t i = v->start[a], ie = v->start[a + 1], j = v->start[b], je = v->start[b + 1];
            double dot = 0;
            while (i < ie && j < je) {
                if (v->term[i] < v->term[j])
                    i++;
                else if (v->term[i] > v->term[j])
                    j++;
                else
                    dot += v->w[i++] * v->w[j++];
            }
            if (dot > 1)
                dot = 1;
            sim[a * n + b] = sim[b * n + a] = dot;
        }
    return sim;
}

/* ---- submodular coverage + diversity -------------------------------------------------- */

typedef struct submod_state {
    const sim_problem *p;
    const uint32_t *cluster;
    double alpha, lambda;
    double *cap;     /* per item i: alpha * C_i(V) */
    double *cover;   /* per item i: C_i(S) */
    double *reward;  /* per item j: r_j */
    double *csum;    /* per cluster: sum of r_j over chosen j in it */
} submod_state;

static size_t S_nclusters(const uint32_t *cluster, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (cluster[i] + 1 > k)
            k = cluster[i] + 1;
    return k;
}

static void S_submod_init(submod_state *st, const sim_problem *p, const uint32_t *cluster,
                          double alpha, double lambda)
{
    size_t n = p->n;
    st->p = p;
    st->cluster = cluster;
    st->alpha = alpha;
    st->lambda = lambda;
    st->cap = xcalloc(n ? n : 1, sizeof *st->cap);
    st->cover = xcalloc(n ? n : 1, sizeof *st->cover);
    st->reward = xcalloc(n ? n : 1, sizeof *st->reward);
    st->csum = xcalloc(S_nclusters(cluster, n) + 1, sizeof *st->csum);
    for (size_t i = 0; i < n; i++) {
        double total = 0;
        for (size_t j = 0; j < n; j++)
            total += p->sim[i * n + j];
        st->cap[i] = alpha * total;
        st->reward[i] = n ? total / (double)n : 0; /* symmetric: column sum = row sum */
    }
}

static void S_submod_free(submod_state *st)
{
    free(st->cap);
    free(st->cover);
    free(st->reward);
    free(st->csum);
}

static double S_submod_gain(const submod_state *st, size_t l)
{
    const sim_problem *p = st->p;
    size_t n = p->n;
    double g = 0;
    for (size_t i = 0; i < n; i++) {
        double before = st->cover[i] < st->cap[i] ? st->cover[i] : st->cap[i];
        double a = st->cover[i] + p->sim[i * n + l];
        double after = a < st->cap[i] ? a : st->cap[i];
        g += after - before;
    }
    double cs = st->csum[st->cluster[l]];
    g += st->lambda * (sqrt(cs + st->reward[l]) - sqrt(cs));
    return g;
}

static void S_submod_add(submod_state *st, size_t l)
{
    size_t n = st->p->n;
    for (size_t i = 0; i < n; i++)
        st->cover[i] += st->p->sim[i * n + l];
    st->csum[st->cluster[l]] += st->reward[l];
}

double submodular_value(const sim_problem *p, const uint32_t *cluster, double alpha,
                        double lambda, const uint32_t *items, size_t nitems)
{
    submod_state st;
    S_submod_init(&st, p, cluster, alpha, lambda);
    double v = 0;
    for (size_t k = 0; k < nitems; k++) {
        v += S_submod_gain(&st, items[k]);
        S_submod_add(&st, items[k]);
    }
    S_submod_free(&st);
    return v;
}

size_t submodular_select(const sim_problem *p, const uint32_t *cluster, double alpha,
                         double lambda, double r, uint32_t *out)
{
    size_t n = p->n;
    submod_state st;
    S_submod_init(&st, p, cluster, alpha, lambda);
    /* open[l]: still in U. An item that no longer fits the remaining budget can never be
     * added, so dropping it early picks the same items as the textbook loop. */
    uint8_t *open = xmalloc(n ? n : 1);
    memset(open, 1, n ? n : 1);
    size_t nout = 0;
    uint64_t used = 0;
    double value = 0;
    for (;;) {
        long best = -1;
        double best_ratio = 0, best_gain = 0;
        for (size_t l = 0; l < n; l++) {
            if (!open[l])
                continue;
            if (used + p->cost[l] > p->budget) {
                open[l] = 0;
                continue;
            }
            double g = S_submod_gain(&st, l);
            double ratio = g / pow((double)p->cost[l], r);
            if (best < 0 || ratio > best_ratio) {
                best = (long)l;
                best_ratio = ratio;
                best_gain = g;
            }
        }
        if (best < 0)
            break;
        open[best] = 0;
        if (best_gain < 0)
            continue;
        S_submod_add(&st, (size_t)best);
        value += best_gain;
        used += p->cost[best];
        out[nout++] = (uint32_t)best;
        if (p->conflict) /* near-copies of a chosen sentence leave U */
            for (size_t l = 0; l < n; l++)
                if (p->conflict[(size_t)best * n + l])
                    open[l] = 0;
    }
    /* The best single item that fits: with it the greedy keeps a constant-factor guarantee
     * (Lin & Bilmes 2010, after Khuller et al. 1999). */
    long single = -1;
    double single_value = 0;
    for (size_t l = 0; l < n; l++) {
        if (p->cost[l] > p->budget)
            continue;
        /* F({l}) from the initial state: nothing covered, every cluster empty. */
        double v = lambda * sqrt(st.reward[l]);
        for (size_t i = 0; i < n; i++)
            v += p->sim[i * n + l] < st.cap[i] ? p->sim[i * n + l] : st.cap[i];
        if (single < 0 || v > single_value) {
            single = (long)l;
            single_value = v;
        }
    }
    if (single >= 0 && single_value > value) {
        out[0] = (uint32_t)single;
        nout = 1;
    }
    free(open);
    S_submod_free(&st);
    return nout;
}

/* ---- clustering ------------------------------------------------------------------------ */

void sim_cluster(const double *sim, size_t n, size_t k, uint32_t *cluster)
{
    if (n == 0)
        return;
    if (k < 1)
        k = 1;
    if (k > n)
        k = n;
    /* Seeds by farthest-first traversal from the most central item, so runs are
     * deterministic and the seeds spread over the topics. */
    size_t *med = xmalloc(k * sizeof *med);
    double *near = xmalloc(n * sizeof *near); /* similarity to the nearest seed */
    size_t first = 0;
    double best = -1;
    for (size_t i = 0; i < n; i++) {
        double t = 0;
        for (size_t j = 0; j < n; j++)
            t += sim[i * n + j];
        if (t > best) {
            best = t;
            first = i;
        }
    }
    med[0] = first;
    for (size_t i = 0; i < n; i++)
        near[i] = sim[i * n + first];
    for (size_t m = 1; m < k; m++) {
        size_t far = 0;
        double lo = 2;
        for (size_t i = 0; i < n; i++)
            if (near[i] < lo) {
                lo = near[i];
                far = i;
            }
        med[m] = far;
        for (size_t i = 0; i < n; i++)
            if (sim[i * n + far] > near[i])
                near[i] = sim[i * n + far];
        near[far] = 2; /* never a seed twice */
    }
    /* k-medoids: assign to the most similar medoid, then move each medoid to the member most
     * similar to the rest of its cluster, until nothing changes. */
    for (int iter = 0; iter < 20; iter++) {
        for (size_t i = 0; i < n; i++) {
            size_t bm = 0;
            for (size_t m = 1; m < k; m++)
                if (sim[i * n + med[m]] > sim[i * n + med[bm]])
                    bm = m;
            cluster[i] = (uint32_t)bm;
        }
        for (size_t m = 0; m < k; m++)
            cluster[med[m]] = (uint32_t)m;
        int moved = 0;
        for (size_t m = 0; m < k; m++) {
            size_t bi = med[m];
            double bt = -1;
            for (size_t i = 0; i < n; i++) {
                if (cluster[i] != m)
                    continue;
                double t = 0;
                for (size_t j = 0; j < n; j++)
                    if (cluster[j] == m)
                        t += sim[i * n + j];
                if (t > bt + 1e-12) {
                    bt = t;
                    bi = i;
                }
            }
            moved |= bi != med[m];
            med[m] = bi;
        }
        if (!moved)
            break;
    }
    free(near);
    free(med);
}

/* ---- LexRank ---------------------------------------------------------------------------- */

void lexrank_scores(const double *sim, size_t n, double threshold, double damping, double *out)
{
    if (n == 0)
        return;
    uint32_t *deg = xcalloc(n, sizeof *deg);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            deg[i] += sim[i * n + j] > threshold;
    double *next = xmalloc(n * sizeof *next);
    for (size_t i = 0; i < n; i++)
        out[i] = 1.0 / (double)n;
    for (int iter = 0; iter < 200; iter++) {
        /* Mass of items with no edge is spread evenly, like the teleport. */
        double lost = 0;
        for (size_t j = 0; j < n; j++)
            if (!deg[j])
                lost += out[j];
        for (size_t i = 0; i < n; i++) {
            double in = 0;
            for (size_t j = 0; j < n; j++)
                if (deg[j] && sim[j * n + i] > threshold)
                    in += out[j] / deg[j];
            next[i] = damping / (double)n + (1 - damping) * (in + lost / (double)n);
        }
        double delta = 0;
        for (size_t i = 0; i < n; i++) {
            delta += fabs(next[i] - out[i]);
            out[i] = next[i];
        }
        if (delta < 1e-10)
            break;
    }
    free(next);
    free(deg);
}

/* ---- score-then-rerank selection ------------------------------------------------------- */

static int S_cmp_scored(const void *a, const void *b)
{
    const select_scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

void select_sort_scored(select_scored *v, size_t n)
{
    if (n)
        qsort(v, n, sizeof *v, S_cmp_scored);
}

size_t rerank_select(const sim_problem *p, const double *score, double rerank, uint32_t *out)
{
    size_t n = p->n, nout = 0;
    select_scored *s = xmalloc((n ? n : 1) * sizeof *s);
    for (size_t i = 0; i < n; i++)
        s[i] = (select_scored){score[i], (uint32_t)i};
    select_sort_scored(s, n);
    uint64_t used = 0;
    for (size_t k = 0; k < n; k++) {
        uint32_t i = s[k].id;
        if (used + p->cost[i] > p->budget)
            continue;
        int redundant = 0;
        for (size_t q = 0; q < nout && !redundant; q++)
            redundant = p->sim[(size_t)i * n + out[q]] >= rerank ||
                        (p->conflict && p->conflict[(size_t)i * n + out[q]]);
        if (redundant)
            continue;
        out[nout++] = i;
        used += p->cost[i];
    }
    free(s);
    return nout;
}

/* ---- MEAD centroid ---------------------------------------------------------------------- */

void centroid_scores(const chorus_corpus *c, const uint32_t *cand, size_t n, uint32_t keep,
                     double *out)
{
    size_t nstems = S_nstems(c);
    double *idf = S_idf(c, nstems);
    /* The centroid: mean over articles of term count x idf, cut to its top `keep` words. */
    double *cent = xcalloc(nstems ? nstems : 1, sizeof *cent);
    size_t ndocs = c->docs.len ? c->docs.len : 1;
    for (size_t i = 0; i < c->tokens.len; i++) {
        const token *t = &c->tokens.items[i];
        if ((t->flags & TOK_WORD) && !(t->flags & TOK_STOP))
            cent[t->stem] += idf[t->stem] / (double)ndocs;
    }
    /* Headline tokens count too: MEAD reads whole documents. */
    select_scored *tv = xmalloc((nstems ? nstems : 1) * sizeof *tv);
    for (size_t i = 0; i < nstems; i++)
        tv[i] = (select_scored){cent[i], (uint32_t)i};
    select_sort_scored(tv, nstems);
    for (size_t i = keep; i < nstems; i++)
        cent[tv[i].id] = 0;
    free(tv);
    /* Centroid score of every candidate, then the position score per article. */
    double *cmax = xcalloc(ndocs, sizeof *cmax);
    for (size_t i = 0; i < n; i++) {
        const sentence *s = corpus_sentence(c, cand[i]);
        const token *t = sentence_tokens(c, s);
        double v = 0;
        for (uint32_t k = 0; k < s->ntokens; k++)
            if ((t[k].flags & TOK_WORD) && !(t[k].flags & TOK_STOP))
                v += cent[t[k].stem];
        out[i] = v;
        if (v > cmax[s->doc])
            cmax[s->doc] = v;
    }
    for (size_t i = 0; i < n; i++) {
        const sentence *s = corpus_sentence(c, cand[i]);
        const document *d = &c->docs.items[s->doc];
        double ns = d->nsentences ? d->nsentences : 1;
        out[i] += (ns - s->index) / ns * cmax[s->doc];
    }
    free(cmax);
    free(cent);
    free(idf);
}
