/* rouge: the run of a ROUGE-1.5.5 evaluation and its output.
 *
 * The loops follow the script's main program (L520-L646) so that everything observable
 * happens in the same order: for each peer (sorted with -a), for each metric (ROUGE-1..n,
 * L, W, S/SU, BE), for each EVAL in config order, score the peer against the EVAL's models.
 * Warnings ("*ROUGE Warning: ...", "readText: ... -> empty text") are emitted at the moment
 * the script prints them, and a fatal error stops the run where the script dies, keeping the
 * blocks already computed (the script has printed them by then).
 *
 * Each file is read and tokenized once and cached; what the script recomputes (n-grams, LCS
 * tables) is recomputed. Tokens are interned into ids.
 *
 * JSON output (--format json), one object:
 *   {
 *     "rouge_version": "1.5.5",
 *     "confidence": 95,                      -- the -c value, as given
 *     "counting": "unit" | "token" | "raw",  -- -t 0 | 1 | 2
 *     "results": [                           -- one per printed block, in the script's order
 *       { "peer": "lead", "metric": "ROUGE-1",
 *         "average": {"R": 0.30517, "P": 0.30123, "F": 0.30314},        -- -t 0 and 1
 *         "ci": {"R": [0.29274, 0.31727], "P": [..., ...], "F": [..., ...]},
 *         "counts": {"model": 12345, "peer": 12000, "hit": 3456},          -- -t 2 instead
 *         "evals": [ {"eval": "D061", "R": 0.32353, "P": 0.32039, "F": 0.32195}, ... ]
 *       } ] }
 * Every number is written with exactly the digits the text output prints. "evals" is always
 * present (in the -d order); for -t 1 and 2 its entries hold the raw counts instead of R/P/F:
 * {"eval": ..., "model": m, "peer": p, "hit": h}.
 */
#define _POSIX_C_SOURCE 200809L
#include "eval/rouge.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/strtab.h"
#include "core/vec.h"
#include "eval/rouge_stem.h"

/* ---- per-file cache ------------------------------------------------------------------------- */

typedef struct S_toks {
    uint32_t *ids;
    size_t len;
} S_toks;

typedef struct S_file {
    char *path;
    char *format;
    int exists; /* -e test: 0 not checked yet, 1 yes, 2 no (files do not come and go in a run) */
    int loaded;
    buf store; /* the units' bytes */
    rouge_span *units;
    size_t nunits;
    /* readText + tokenize, per stemming flag: state 0 = not yet, 1 = defined, 2 = undefined */
    int joined_state[2];
    S_toks joined[2];
    /* readText_LCS + tokenizeText_LCS, per stemming flag */
    int lcs_done[2];
    rouge_units lcs[2];
    /* grams built from `joined`, cached: kind 0 = n-grams of size param, 1 = skip-bigrams
     * with unigrams iff param */
    struct S_gram_cache {
        int kind, stem;
        size_t param;
        rouge_grams g;
    } * grams;
    size_t ngrams, grams_cap;
    /* readBE */
    int be_loaded;
    char **be_lines;
    size_t nbe;
} S_file;

typedef struct S_ctx {
    const rouge_options *o;
    const rouge_config *cfg;
    strtab tok;
    VEC(uint32_t) stem_of; /* token id -> id of its MorphStem, ROUGE_NO_ID until computed */
    strtab file_ix;
    VEC(S_file *) files;
    strtab known_missing; /* "<eval>\n<peer>" already warned about (%knownMissing) */
    int opt_m;            /* the script's global $opt_m, which -M switches on and off */
    int opt_u;            /* $opt_u, which -U switches on for its second pass */
    rouge_warn_fn warn;
    void *warn_ud;
    chorus_error *err;
    int32_t *cnt_model, *cnt_peer;
    size_t cnt_cap;
    rouge_grams peer_grams; /* scratch for the peer's grams of one evaluation */
    char *scratch;
    size_t scratch_cap;
} S_ctx;

static void S_warnf(S_ctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static void S_warnf(S_ctx *c, const char *fmt, ...)
{
    if (!c->warn)
        return;
    buf b = BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    c->warn(c->warn_ud, b.data);
    buf_free(&b);
}

static void S_units_free(rouge_units *u)
{
    for (size_t i = 0; i < u->count; i++)
        free(u->toks[i]);
    free(u->toks);
    free(u->lens);
    memset(u, 0, sizeof *u);
}

static void S_file_free(S_file *f)
{
    free(f->path);
    free(f->format);
    buf_free(&f->store);
    free(f->units);
    for (int s = 0; s < 2; s++) {
        free(f->joined[s].ids);
        S_units_free(&f->lcs[s]);
    }
    for (size_t i = 0; i < f->nbe; i++)
        free(f->be_lines[i]);
    free(f->be_lines);
    for (size_t i = 0; i < f->ngrams; i++)
        rouge_grams_free(&f->grams[i].g);
    free(f->grams);
    free(f);
}

static S_file *S_file_get(S_ctx *c, const char *path, const char *format)
{
    /* Cache key: format and path (a file could in principle be read under two formats). */
    buf key = BUF_INIT;
    buf_puts(&key, format ? format : "");
    buf_putc(&key, '\n');
    buf_puts(&key, path);
    uint32_t id = strtab_intern(&c->file_ix, key.data, key.len);
    buf_free(&key);
    if (id < c->files.len)
        return c->files.items[id];
    S_file *f = xcalloc(1, sizeof *f);
    f->path = xstrdup(path);
    f->format = format ? xstrdup(format) : NULL;
    VEC_PUSH(&c->files, f);
    return f;
}

/* Reads the whole file as bytes. open() of a directory succeeds in Perl and reads nothing,
 * so a directory is an empty file here. Returns -1 if it cannot be opened. */
static int S_slurp(const char *path, buf *out)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            close(fd);
            buf_append(out, "", 0);
            return 0;
        }
        if (S_ISREG(st.st_mode))
            buf_reserve(out, (size_t)st.st_size);
    }
    for (;;) {
        buf_reserve(out, 65536);
        ssize_t n = read(fd, out->data + out->len, 65536);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        out->len += (size_t)n;
    }
    close(fd);
    buf_append(out, "", 0);
    return 0;
}

/* The bytes of a peer or model file, or the script's "Cannot open <path>". */
static int S_file_bytes(S_ctx *c, const S_file *f, buf *data)
{
    if (S_slurp(f->path, data) == 0)
        return 0;
    buf_free(data);
    error_set(c->err, CHORUS_ERR_IO, "Cannot open %s", f->path);
    return -1;
}

/* The unit list of readText/readText_LCS (before the limit). Dies like the script:
 * "Cannot open <path>" or "Unknown input format: <type>". */
static int S_file_load(S_ctx *c, S_file *f)
{
    if (f->loaded)
        return 0;
    buf data = BUF_INIT;
    if (S_file_bytes(c, f, &data) != 0)
        return -1;
    int rc = rouge_split_units(data.data, data.len, f->format, &f->store, &f->units, &f->nunits);
    buf_free(&data);
    if (rc != 0) {
        error_set(c->err, CHORUS_ERR_FORMAT, "Unknown input format: %s",
                  f->format ? f->format : "");
        return -1;
    }
    f->loaded = 1;
    return 0;
}

/* ---- tokens ------------------------------------------------------------------------------------
 */

typedef struct S_tokenizer {
    S_ctx *c;
    int stem;
    VEC(uint32_t) out;
} S_tokenizer;

static uint32_t S_stem_id(S_ctx *c, uint32_t id)
{
    while (c->stem_of.len <= id)
        VEC_PUSH(&c->stem_of, ROUGE_NO_ID);
    if (c->stem_of.items[id] != ROUGE_NO_ID)
        return c->stem_of.items[id];
    const char *s = strtab_get(&c->tok, id);
    size_t len = c->tok.lengths[id];
    c->scratch = xgrow(c->scratch, 1, &c->scratch_cap, len + 1);
    size_t slen;
    const char *st = rouge_morph_stem(s, len, c->scratch, &slen);
    uint32_t sid = strtab_intern(&c->tok, st, slen);
    while (c->stem_of.len <= sid)
        VEC_PUSH(&c->stem_of, ROUGE_NO_ID);
    c->stem_of.items[id] = sid;
    return sid;
}

static void S_on_token(void *ud, const char *t, size_t len)
{
    S_tokenizer *tz = ud;
    S_ctx *c = tz->c;
    /* createNGram (L2610-L2635): a stopword is dropped first (only with -s: without it the
     * stopword hash is emptied, L2606), then a token of more than 3 characters is stemmed
     * with -m; shorter tokens are kept as they are. */
    if (c->o->s && rouge_is_stopword(t, len))
        return;
    uint32_t id = strtab_intern(&c->tok, t, len);
    if (tz->stem && len > 3)
        id = S_stem_id(c, id);
    VEC_PUSH(&tz->out, id);
}

static S_toks S_tokenize(S_ctx *c, const char *text, size_t len, int stem)
{
    S_tokenizer tz = {c, stem, {0}};
    rouge_tokenize(text, len, S_on_token, &tz);
    S_toks t = {tz.out.items, tz.out.len};
    return t;
}

/* readText + createNGram's tokens for the file. With a length limit and nothing kept, the
 * script's text is undefined: it prints the warning (on every call) and counts nothing. */
static int S_joined(S_ctx *c, S_file *f, int stem, const S_toks **out)
{
    static const S_toks empty = {NULL, 0};
    if (S_file_load(c, f) != 0)
        return -1;
    stem = stem ? 1 : 0;
    if (f->joined_state[stem] == 0) {
        buf text = BUF_INIT;
        int defined =
            rouge_limit_join(f->units, f->nunits, c->o->word_limit, c->o->byte_limit, &text);
        f->joined_state[stem] = defined ? 1 : 2;
        if (defined)
            f->joined[stem] = S_tokenize(c, text.data, text.len, stem);
        buf_free(&text);
    }
    if (f->joined_state[stem] == 2) {
        S_warnf(c, "readText: %s -> empty text", f->path);
        *out = &empty;
    } else {
        *out = &f->joined[stem];
    }
    return 0;
}

/* The n-grams (kind 0, size param) or skip-bigrams (kind 1, unigrams iff param) of the
 * file's readText tokens; the warning of S_joined is repeated on every call. With cache (for
 * models, which every peer is scored against) the grams are kept: they depend only on the
 * file, the stemming flag and the parameter. */
static int S_file_grams(S_ctx *c, S_file *f, int stem, int kind, size_t param, int cache,
                        const rouge_grams **out)
{
    const S_toks *t;
    if (S_joined(c, f, stem, &t) != 0)
        return -1;
    stem = stem ? 1 : 0;
    if (!cache) {
        /* A peer's grams are used once per block: build them in a reused buffer. */
        if (kind == 0)
            rouge_grams_ngram(&c->peer_grams, t->ids, t->len, param);
        else
            rouge_grams_skip(&c->peer_grams, t->ids, t->len, c->o->gap, (int)param);
        *out = &c->peer_grams;
        return 0;
    }
    for (size_t i = 0; i < f->ngrams; i++) {
        if (f->grams[i].kind == kind && f->grams[i].stem == stem && f->grams[i].param == param) {
            *out = &f->grams[i].g;
            return 0;
        }
    }
    f->grams = xgrow(f->grams, sizeof *f->grams, &f->grams_cap, f->ngrams + 1);
    struct S_gram_cache *gc = &f->grams[f->ngrams++];
    memset(gc, 0, sizeof *gc);
    gc->kind = kind;
    gc->stem = stem;
    gc->param = param;
    if (kind == 0)
        rouge_grams_ngram(&gc->g, t->ids, t->len, param);
    else
        rouge_grams_skip(&gc->g, t->ids, t->len, c->o->gap, (int)param);
    *out = &gc->g;
    return 0;
}

/* readText_LCS + tokenizeText_LCS: the kept units, tokenized one by one. */
static int S_lcs_units(S_ctx *c, S_file *f, int stem, const rouge_units **out)
{
    if (S_file_load(c, f) != 0)
        return -1;
    stem = stem ? 1 : 0;
    if (!f->lcs_done[stem]) {
        buf store = BUF_INIT;
        size_t *offs = NULL, *lens = NULL;
        size_t n = rouge_limit_units(f->units, f->nunits, c->o->word_limit, c->o->byte_limit,
                                     &store, &offs, &lens);
        rouge_units *u = &f->lcs[stem];
        u->count = n;
        u->toks = xcalloc(n ? n : 1, sizeof *u->toks);
        u->lens = xcalloc(n ? n : 1, sizeof *u->lens);
        for (size_t i = 0; i < n; i++) {
            S_toks t = S_tokenize(c, store.data + offs[i], lens[i], stem);
            u->toks[i] = t.ids;
            u->lens[i] = t.len;
        }
        free(offs);
        free(lens);
        buf_free(&store);
        f->lcs_done[stem] = 1;
    }
    *out = &f->lcs[stem];
    return 0;
}

/* ---- Basic Elements (-3) ----------------------------------------------------------------------
 */

static int S_be_load(S_ctx *c, S_file *f)
{
    if (f->be_loaded)
        return 0;
    buf data = BUF_INIT;
    if (S_file_bytes(c, f, &data) != 0)
        return -1;
    size_t cap = 0;
    const char *fmt = f->format ? f->format : "";
    int simple = strcmp(fmt, "SIMPLE") == 0 || strcmp(fmt, "simple") == 0;
    int isi = 0;
    if (!simple) {
        /* /^SIMPLE$/oi and /^ISI$/oi */
        char up[16];
        size_t k = 0;
        for (; fmt[k] && k + 1 < sizeof up; k++)
            up[k] = (char)((fmt[k] >= 'a' && fmt[k] <= 'z') ? fmt[k] - 32 : fmt[k]);
        up[k] = '\0';
        simple = strcmp(up, "SIMPLE") == 0 && fmt[k] == '\0';
        isi = strcmp(up, "ISI") == 0 && fmt[k] == '\0';
    }
    if (!simple && !isi) {
        buf_free(&data);
        error_set(c->err, CHORUS_ERR_FORMAT, "Unknown input format: %s", fmt);
        return -1;
    }
    if (simple) { /* every line, chomped, even empty ones (L1945-L1950) */
        for (size_t pos = 0; pos < data.len;) {
            const char *nl = memchr(data.data + pos, '\n', data.len - pos);
            size_t end = nl ? (size_t)(nl - data.data) : data.len;
            f->be_lines = xgrow(f->be_lines, sizeof(char *), &cap, f->nbe + 1);
            f->be_lines[f->nbe++] = xstrndup(data.data + pos, end - pos);
            pos = nl ? end + 1 : data.len;
        }
    }
    buf_free(&data);
    f->be_loaded = 1;
    return 0;
}

/* MorphStemMulti (L2823-L2842): stems every blank-separated word that has a letter or digit. */
static void S_morph_multi(S_ctx *c, const char *s, buf *out)
{
    size_t len = strlen(s), i = 0;
    int first = 1;
    /* split(/\s+/): a leading blank gives an empty first field */
    if (len > 0 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))) {
        first = 0;
        while (i < len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
            i++;
    }
    while (i < len) {
        size_t st = i;
        while (i < len && !(s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
            i++;
        size_t wl = i - st;
        while (i < len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
            i++;
        if (!first)
            buf_putc(out, ' ');
        first = 0;
        int has_alnum = 0;
        for (size_t k = st; k < st + wl; k++) {
            char ch = s[k];
            if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))
                has_alnum = 1;
        }
        /* The -LRB-/-RRB-... exclusion is upper-case while the text was lower-cased (L1941),
         * so it never applies. */
        if (has_alnum) {
            c->scratch = xgrow(c->scratch, 1, &c->scratch_cap, wl + 1);
            size_t ol;
            const char *m = rouge_morph_stem(s + st, wl, c->scratch, &ol);
            buf_append(out, m, ol);
        } else {
            buf_append(out, s + st, wl);
        }
    }
    if (!out->data)
        buf_append(out, "", 0);
}

/* createBE (L2740-L2821): the BE keys of a file, interned. */
static int S_be_keys(S_ctx *c, S_file *f, int stem, S_toks *out)
{
    if (S_be_load(c, f) != 0)
        return -1;
    if (f->nbe == 0)
        S_warnf(c, "readBE: %s -> empty text", f->path);
    const char *mode = c->o->be_mode;
    VEC(uint32_t) keys = {0};
    for (size_t i = 0; i < f->nbe; i++) {
        char *be = xstrdup(f->be_lines[i]);
        for (char *p = be; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        /* split(/\|/): trailing empty fields dropped */
        char *fds[4] = {NULL, NULL, NULL, NULL};
        size_t nf = 0;
        {
            size_t blen = strlen(be), last_nonempty = 0, count = 0;
            char *starts[64];
            size_t lens[64];
            size_t st = 0;
            for (size_t k = 0; k <= blen && count < 64; k++) {
                if (k == blen || be[k] == '|') {
                    starts[count] = be + st;
                    lens[count] = k - st;
                    count++;
                    if (k > st)
                        last_nonempty = count;
                    st = k + 1;
                }
            }
            nf = last_nonempty;
            for (size_t k = 0; k < nf && k < 3; k++)
                fds[k] = xstrndup(starts[k], lens[k]);
        }
        if (nf != 3) {
            S_warnf(c, "Basic Element (BE) input file is invalid: *%s*", be);
            S_warnf(c, "A BE file has to be in this format per line: HEAD|MODIFIER|RELATION");
            error_set(c->err, CHORUS_ERR_FORMAT,
                      "For more infomation about BE, go to: http://www.isi.edu/~cyl/BE");
            for (int k = 0; k < 3; k++)
                free(fds[k]);
            free(be);
            VEC_FREE(&keys);
            return -1;
        }
        buf h = BUF_INIT, m = BUF_INIT, key = BUF_INIT;
        if (stem && strlen(fds[0]) > 3)
            S_morph_multi(c, fds[0], &h);
        else
            buf_puts(&h, fds[0]);
        /* `$stemM ne "NIL"` compares with upper case after lower-casing: always true. */
        if (stem && strlen(fds[1]) > 3)
            S_morph_multi(c, fds[1], &m);
        else
            buf_puts(&m, fds[1]);
        int add = 0;
        if (strcmp(mode, "H") == 0 && strcmp(m.data, "nil") == 0) {
            buf_puts(&key, h.data), add = 1;
        } else if (strcmp(mode, "HM") == 0 && strcmp(m.data, "nil") != 0) {
            buf_printf(&key, "%s|%s", h.data, m.data), add = 1;
        } else if (strcmp(mode, "HMR") == 0 && strcmp(fds[2], "nil") != 0) {
            buf_printf(&key, "%s|%s|%s", h.data, m.data, fds[2]), add = 1;
        } else if (strcmp(mode, "HM1") == 0) {
            buf_printf(&key, "%s|%s", h.data, m.data), add = 1;
        } else if (strcmp(mode, "HMR1") == 0 && strcmp(fds[1], "nil") != 0) {
            buf_printf(&key, "%s|%s|%s", h.data, m.data, fds[2]), add = 1;
        } else if (strcmp(mode, "HMR2") == 0) {
            buf_printf(&key, "%s|%s|%s", h.data, m.data, fds[2]), add = 1;
        }
        if (add)
            VEC_PUSH(&keys, strtab_intern(&c->tok, key.data, key.len));
        buf_free(&h);
        buf_free(&m);
        buf_free(&key);
        for (int k = 0; k < 3; k++)
            free(fds[k]);
        free(be);
    }
    out->ids = keys.items;
    out->len = keys.len;
    return 0;
}

/* ---- scoring one EVAL --------------------------------------------------------------------------
 */

typedef enum { MET_N, MET_L, MET_W, MET_S, MET_BE } S_metric;

/* Accumulates the per-model results under -f A (pooled sums) or -f B (the model with the
 * strictly best score; the first wins ties, L1172-L1180). */
typedef struct S_acc {
    int best_mode;
    double best;
    double hit, count, count_p;
} S_acc;

static void S_acc_add(S_acc *a, double score, double hit, double count, double count_p)
{
    if (a->best_mode) {
        if (score > a->best) {
            a->best = score;
            a->hit = hit;
            a->count = count;
            a->count_p = count_p;
        }
    } else {
        a->hit += hit;
        a->count += count;
        a->count_p += count_p;
    }
}

/* ngramScore's per-model score for -f B: "%07.5f" of hit/count, compared as a number, so the
 * comparison is on the 5-decimal rounding (L2233-L2240); 0 without model grams. */
static double S_round5(double hit, double count)
{
    if (count == 0)
        return 0;
    char s[64];
    snprintf(s, sizeof s, "%07.5f", hit / count);
    return strtod(s, NULL);
}

static void S_ensure_counts(S_ctx *c)
{
    size_t need = c->tok.count + 1;
    if (need > c->cnt_cap) {
        size_t old = c->cnt_cap;
        size_t cap = old;
        c->cnt_model = xgrow(c->cnt_model, sizeof *c->cnt_model, &cap, need);
        c->cnt_peer = xrealloc(c->cnt_peer, cap * sizeof *c->cnt_peer);
        memset(c->cnt_model + old, 0, (cap - old) * sizeof *c->cnt_model);
        memset(c->cnt_peer + old, 0, (cap - old) * sizeof *c->cnt_peer);
        c->cnt_cap = cap;
    }
}

static char *S_join_path(const char *root, const char *file)
{
    buf b = BUF_INIT;
    buf_printf(&b, "%s/%s", root ? root : "", file ? file : "");
    return buf_detach(&b);
}

/* One computeROUGEX call (L970-L1105) for an EVAL where the peer exists. Fills res with the
 * script's results[0..5]: model count, hits, R, peer count, P, F (R/P/F in the triple). */
static int S_score_eval(S_ctx *c, S_metric met, size_t n, const rouge_eval *e,
                        const rouge_member *peer, rouge_triple *tri, double raw[3])
{
    const rouge_options *o = c->o;
    int file_list = c->cfg->file_list;
    int rc = -1;
    char *peer_path = file_list ? xstrdup(peer->file) : S_join_path(e->peer_root, peer->file);
    char **model_paths = xcalloc(e->nmodels ? e->nmodels : 1, sizeof *model_paths);
    for (size_t k = 0; k < e->nmodels; k++) {
        model_paths[k] = file_list ? xstrdup(e->models[k].file ? e->models[k].file : "")
                                   : S_join_path(e->model_root, e->models[k].file);
    }
    /* Every model must exist before anything is read (L1036-L1047). */
    for (size_t k = 0; k < e->nmodels; k++) {
        S_file *mf = S_file_get(c, model_paths[k], e->format);
        if (!mf->exists) {
            struct stat st;
            mf->exists = stat(model_paths[k], &st) == 0 ? 1 : 2;
        }
        if (mf->exists != 1) {
            error_set(c->err, CHORUS_ERR_IO, "Cannot find model summary: %s", model_paths[k]);
            goto done;
        }
    }
    S_acc acc = {strcmp(o->f_str, "B") == 0, -1, 0, 0, 0};
    S_file *pf = S_file_get(c, peer_path, e->format);
    rouge_grams pg = {0}, mg = {0};
    int w_mode = met == MET_W;

    if (met == MET_N || met == MET_S) {
        int kind = met == MET_S;
        size_t param = met == MET_N ? n : (size_t)c->opt_u;
        const rouge_grams *pgc, *mgc;
        if (S_file_grams(c, pf, c->opt_m, kind, param, 0, &pgc) != 0)
            goto done;
        for (size_t k = 0; k < e->nmodels; k++) {
            S_file *mf = S_file_get(c, model_paths[k], e->format);
            /* -M: the skip-bigram scorer stems the models by switching the global $opt_m on
             * and then *off* (L1262-L1268); ROUGE-N ignores -M. */
            if (met == MET_S && o->M)
                c->opt_m = 1;
            int r = S_file_grams(c, mf, c->opt_m, kind, param, 1, &mgc);
            if (met == MET_S && o->M)
                c->opt_m = 0;
            if (r != 0)
                goto done_grams;
            double hit = (double)rouge_grams_hits(mgc, pgc);
            S_acc_add(&acc, acc.best_mode ? S_round5(hit, (double)mgc->count) : 0, hit,
                      (double)mgc->count, (double)pgc->count);
        }
    } else if (met == MET_BE) {
        S_toks pk = {0}, mk = {0};
        if (S_be_keys(c, pf, c->opt_m, &pk) != 0)
            goto done_grams;
        rouge_grams_ngram(&pg, pk.ids, pk.len, 1);
        free(pk.ids);
        for (size_t k = 0; k < e->nmodels; k++) {
            S_file *mf = S_file_get(c, model_paths[k], e->format);
            if (o->M)
                c->opt_m = 1;
            int r = S_be_keys(c, mf, c->opt_m, &mk);
            if (o->M)
                c->opt_m = 0;
            if (r != 0)
                goto done_grams;
            rouge_grams_ngram(&mg, mk.ids, mk.len, 1);
            free(mk.ids);
            mk.ids = NULL;
            double hit = (double)rouge_grams_hits(&mg, &pg);
            S_acc_add(&acc, acc.best_mode ? S_round5(hit, (double)mg.count) : 0, hit,
                      (double)mg.count, (double)pg.count);
        }
    } else { /* ROUGE-L and ROUGE-W (computeLCSScore L1353-L1489, computeWLCSScore L1491-L1622) */
        const rouge_units *pu;
        const S_toks *puni;
        if (S_lcs_units(c, pf, c->opt_m, &pu) != 0)
            goto done_grams;
        /* The clipping unigrams come from readText, not readText_LCS: under -b they are cut
         * while the LCS units are not (README 3.2). */
        if (S_joined(c, pf, c->opt_m, &puni) != 0)
            goto done_grams;
        for (size_t k = 0; k < e->nmodels; k++) {
            S_file *mf = S_file_get(c, model_paths[k], e->format);
            const rouge_units *mu;
            const S_toks *muni;
            int r;
            if (!w_mode && o->M) { /* L1399-L1403; ROUGE-W has no such branch */
                c->opt_m = 1;
                r = S_lcs_units(c, mf, c->opt_m, &mu);
                c->opt_m = 0;
            } else {
                r = S_lcs_units(c, mf, c->opt_m, &mu);
            }
            if (r != 0)
                goto done_grams;
            if (o->M)
                c->opt_m = 1;
            r = S_joined(c, mf, c->opt_m, &muni);
            if (o->M)
                c->opt_m = 0;
            if (r != 0)
                goto done_grams;
            S_ensure_counts(c);
            for (size_t i = 0; i < muni->len; i++)
                c->cnt_model[muni->ids[i]]++;
            for (size_t i = 0; i < puni->len; i++) /* a fresh copy per model (L1396) */
                c->cnt_peer[puni->ids[i]]++;
            double peer_cn = (double)puni->len;
            if (!w_mode) {
                size_t base;
                size_t hit = rouge_lcs_hits(mu, pu, c->cnt_model, c->cnt_peer, &base);
                double score = base > 0 ? (double)hit / (double)base : 0; /* unrounded */
                S_acc_add(&acc, score, (double)hit, (double)base, peer_cn);
            } else {
                double base;
                double hit = rouge_wlcs_hits(mu, pu, o->w, c->cnt_model, c->cnt_peer, &base);
                if (!(base != 0)) {
                    /* `$$hit/$$base` in wlcs (L2516) has no guard: the script dies. */
                    error_set(c->err, CHORUS_ERR_INVALID,
                              "Illegal division by zero (ROUGE-W on model %s, which has no "
                              "tokens)",
                              model_paths[k]);
                    for (size_t i = 0; i < muni->len; i++)
                        c->cnt_model[muni->ids[i]] = 0;
                    for (size_t i = 0; i < puni->len; i++)
                        c->cnt_peer[puni->ids[i]] = 0;
                    goto done_grams;
                }
                double score = pow(hit / base, 1 / o->w);
                /* The counts are raised to the power w (L1573-L1575). */
                S_acc_add(&acc, score, hit, pow(base, o->w), pow(peer_cn, o->w));
            }
            for (size_t i = 0; i < muni->len; i++)
                c->cnt_model[muni->ids[i]] = 0;
            for (size_t i = 0; i < puni->len; i++)
                c->cnt_peer[puni->ids[i]] = 0;
        }
    }
    if (w_mode) {
        double R = acc.count != 0 ? pow(acc.hit / acc.count, 1 / o->w) : 0;
        double P = acc.count_p != 0 ? pow(acc.hit / acc.count_p, 1 / o->w) : 0;
        rouge_triple_set(tri, R, P, o->alpha);
    } else {
        rouge_triple_from(tri, acc.hit, acc.count, acc.count_p, o->alpha);
    }
    raw[0] = acc.count;
    raw[1] = acc.count_p;
    raw[2] = acc.hit;
    rc = 0;
done_grams:
    rouge_grams_free(&pg);
    rouge_grams_free(&mg);
done:
    free(peer_path);
    for (size_t k = 0; k < e->nmodels; k++)
        free(model_paths[k]);
    free(model_paths);
    return rc;
}

/* ---- a block: one peer, one metric, all EVALs ------------------------------------------------ */

/* by_evalID (L785-L800): numeric on the leading digits when both keys start with digits,
 * else string order. Keys whose leading numbers are equal ("1a.x", "1b.x") tie in the script
 * and come out in Perl's hash order, which is not reproducible; here they fall back to string
 * order. */
static int S_by_eval_id(const char *a, const char *b)
{
    size_t da = 0, db = 0;
    while (a[da] >= '0' && a[da] <= '9')
        da++;
    while (b[db] >= '0' && b[db] <= '9')
        db++;
    if (da > 0 && db > 0) {
        char ta[64], tb[64];
        size_t la = da < 63 ? da : 63, lb = db < 63 ? db : 63;
        memcpy(ta, a, la), ta[la] = '\0';
        memcpy(tb, b, lb), tb[lb] = '\0';
        double x = strtod(ta, NULL), y = strtod(tb, NULL); /* Perl compares them as numbers */
        if (x != y)
            return x < y ? -1 : 1;
    }
    return strcmp(a, b);
}

/* A stable merge sort of rows; by_evalID need not be a consistent order for every input, and
 * a merge sort stays safe whatever the comparator answers. */
static void S_sort_rows(rouge_row *rows, size_t n, int by_eval)
{
    if (n < 2)
        return;
    rouge_row *tmp = xmalloc(n * sizeof *tmp);
    rouge_row *src = rows, *dst = tmp;
    for (size_t run = 1; run < n; run *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * run) {
            size_t mid = lo + run < n ? lo + run : n, hi = lo + 2 * run < n ? lo + 2 * run : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                int cmp =
                    by_eval ? S_by_eval_id(src[j].key, src[i].key) : strcmp(src[j].key, src[i].key);
                dst[k++] = cmp < 0 ? src[j++] : src[i++];
            }
            while (i < mid)
                dst[k++] = src[i++];
            while (j < hi)
                dst[k++] = src[j++];
        }
        rouge_row *t = src;
        src = dst;
        dst = t;
    }
    if (src != rows)
        memcpy(rows, src, n * sizeof *rows);
    free(tmp);
}

static int S_run_block(S_ctx *c, const char *peer_id, S_metric met, size_t n, const char *name,
                       rouge_report *rep)
{
    const rouge_options *o = c->o;
    const rouge_config *cfg = c->cfg;
    VEC(rouge_row) rows = {0};
    int rc = 0;
    for (size_t i = 0; i < cfg->nevals; i++) {
        const rouge_eval *e = &cfg->evals[i];
        const rouge_member *peer = NULL;
        for (size_t k = 0; k < e->npeers; k++)
            if (strcmp(e->peers[k].id, peer_id) == 0 && e->peers[k].file)
                peer = &e->peers[k];
        if (!peer) {
            /* Once per (EVAL, peer) for the whole run (%knownMissing, L1001-L1010). */
            buf key = BUF_INIT;
            buf_printf(&key, "%s\n%s", e->id, peer_id);
            if (strtab_find(&c->known_missing, key.data, key.len) == STRTAB_NONE) {
                strtab_intern(&c->known_missing, key.data, key.len);
                S_warnf(c,
                        "*ROUGE Warning: test instance for peer %s does not exist for "
                        "evaluation %s",
                        peer_id, e->id);
            }
            buf_free(&key);
            continue;
        }
        rouge_triple tri;
        double raw[3];
        if (S_score_eval(c, met, n, e, peer, &tri, raw) != 0) {
            rc = -1;
            break;
        }
        rouge_row row;
        memset(&row, 0, sizeof row);
        row.eval_id = xstrdup(e->id);
        buf key = BUF_INIT;
        buf_printf(&key, "%s.%s", e->id, peer_id);
        row.key = buf_detach(&key);
        if (o->t == 0) {
            /* The stored values are the "%7.5f" strings (L1075-L1080); the averages use
             * their numeric value, i.e. the rounded scores. */
            snprintf(row.v[0], sizeof row.v[0], "%s", tri.r);
            snprintf(row.v[1], sizeof row.v[1], "%s", tri.p);
            snprintf(row.v[2], sizeof row.v[2], "%s", tri.f);
            for (int k = 0; k < 3; k++)
                row.num[k] = strtod(row.v[k], NULL);
        } else {
            /* -t 1/2: raw model count, peer count and hits (L1082-L1086). */
            for (int k = 0; k < 3; k++) {
                row.num[k] = raw[k];
                rouge_perl_num_str(raw[k], row.v[k], sizeof row.v[k]);
            }
        }
        VEC_PUSH(&rows, row);
    }
    if (rc != 0) {
        for (size_t i = 0; i < rows.len; i++) {
            free(rows.items[i].eval_id);
            free(rows.items[i].key);
        }
        VEC_FREE(&rows);
        return -1;
    }
    /* Averages over the instances in string order of their keys (L812). */
    S_sort_rows(rows.items, rows.len, 0);
    rouge_inst *inst = xcalloc(rows.len ? rows.len : 1, sizeof *inst);
    for (size_t i = 0; i < rows.len; i++)
        for (int k = 0; k < 3; k++)
            inst[i].v[k] = rows.items[i].num[k];
    rouge_block blk;
    memset(&blk, 0, sizeof blk);
    rouge_compute_average(inst, rows.len, o->t, o->r, o->c, o->alpha, &blk.avg);
    free(inst);
    S_sort_rows(rows.items, rows.len, 1);
    blk.peer = xstrdup(peer_id);
    blk.metric = xstrdup(name);
    blk.rows = rows.items;
    blk.nrows = rows.len;
    size_t cap = rep->nblocks;
    rep->blocks = xgrow(rep->blocks, sizeof *rep->blocks, &cap, rep->nblocks + 1);
    rep->blocks[rep->nblocks++] = blk;
    return 0;
}

/* ---- the run ------------------------------------------------------------------------------------
 */

static int S_run_peer(S_ctx *c, const char *peer, rouge_report *rep)
{
    const rouge_options *o = c->o;
    char name[256];
    if (o->has_n) {
        for (size_t n = 1; (double)n <= o->n_max; n++) {
            snprintf(name, sizeof name, "ROUGE-%zu", n);
            if (S_run_block(c, peer, MET_N, n, name, rep) != 0)
                return -1;
        }
    }
    if (!o->no_lcs && !o->be_mode) { /* L553 */
        if (S_run_block(c, peer, MET_L, 0, "ROUGE-L", rep) != 0)
            return -1;
    }
    if (o->w_str) {
        snprintf(name, sizeof name, "ROUGE-W-%s", o->w_str);
        if (S_run_block(c, peer, MET_W, 0, name, rep) != 0)
            return -1;
    }
    if (o->gap_str) {
        /* L575-L632: the name uses the -2 string as given; -U computes ROUGE-S and then, with
         * $opt_u switched on for one pass, ROUGE-SU; -u wins over -U. */
        int lim = o->gap >= 0;
        const char *g = lim ? o->gap_str : "*";
        snprintf(name, sizeof name, "ROUGE-%s%s", c->opt_u ? "SU" : "S", g);
        if (S_run_block(c, peer, MET_S, 0, name, rep) != 0)
            return -1;
        if (!c->opt_u && o->U) {
            c->opt_u = 1;
            snprintf(name, sizeof name, "ROUGE-SU%s", g);
            int r = S_run_block(c, peer, MET_S, 0, name, rep);
            c->opt_u = 0;
            if (r != 0)
                return -1;
        }
    }
    if (o->be_mode) {
        snprintf(name, sizeof name, "ROUGE-BE-%s", o->be_mode);
        if (S_run_block(c, peer, MET_BE, 0, name, rep) != 0)
            return -1;
    }
    return 0;
}

chorus_code rouge_run(const rouge_options *o, const rouge_config *cfg, rouge_report *rep,
                      rouge_warn_fn warn, void *warn_ud, chorus_error *err)
{
    S_ctx c;
    memset(&c, 0, sizeof c);
    c.o = o;
    c.cfg = cfg;
    c.warn = warn;
    c.warn_ud = warn_ud;
    c.err = err;
    c.opt_m = o->m;
    c.opt_u = o->u;
    strtab_init(&c.tok);
    strtab_init(&c.file_ix);
    strtab_init(&c.known_missing);
    memset(rep, 0, sizeof *rep);

    chorus_code rc = CHORUS_OK;
    if (o->a && !cfg->file_list) {
        for (size_t i = 0; i < cfg->npeer_ids && rc == CHORUS_OK; i++)
            if (S_run_peer(&c, cfg->peer_ids[i], rep) != 0)
                rc = err ? err->code : CHORUS_ERR_IO;
    } else {
        const char *peer = o->system_id ? o->system_id : "X";
        if (S_run_peer(&c, peer, rep) != 0)
            rc = err ? err->code : CHORUS_ERR_IO;
    }
    if (rc == CHORUS_OK && err)
        err->code = CHORUS_OK;

    for (size_t i = 0; i < c.files.len; i++)
        S_file_free(c.files.items[i]);
    VEC_FREE(&c.files);
    VEC_FREE(&c.stem_of);
    strtab_free(&c.tok);
    strtab_free(&c.file_ix);
    strtab_free(&c.known_missing);
    free(c.cnt_model);
    free(c.cnt_peer);
    rouge_grams_free(&c.peer_grams);
    free(c.scratch);
    return rc;
}

void rouge_report_free(rouge_report *rep)
{
    for (size_t i = 0; i < rep->nblocks; i++) {
        rouge_block *b = &rep->blocks[i];
        for (size_t k = 0; k < b->nrows; k++) {
            free(b->rows[k].eval_id);
            free(b->rows[k].key);
        }
        free(b->rows);
        free(b->peer);
        free(b->metric);
    }
    free(rep->blocks);
    memset(rep, 0, sizeof *rep);
}

/* ---- output ---------------------------------------------------------------------------------- */

void rouge_report_text(const rouge_options *o, const rouge_report *rep, buf *out)
{
    static const char *const stat[3] = {"R", "P", "F"};
    for (size_t i = 0; i < rep->nblocks; i++) {
        const rouge_block *b = &rep->blocks[i];
        buf_puts(out, "---------------------------------------------\n");
        if (o->t != 2) {
            for (int k = 0; k < 3; k++)
                buf_printf(out, "%s %s Average_%s: %s (%s%%-conf.int. %s - %s)\n", b->peer,
                           b->metric, stat[k], b->avg.avg[k], o->c_str, b->avg.low[k],
                           b->avg.high[k]);
        } else {
            buf_printf(out, "%s %s M_count: %s P_count: %s H_count: %s\n", b->peer, b->metric,
                       b->avg.counts[0], b->avg.counts[1], b->avg.counts[2]);
        }
        if (o->d) {
            buf_puts(out, ".............................................\n");
            for (size_t k = 0; k < b->nrows; k++) {
                const rouge_row *r = &b->rows[k];
                buf_printf(out, "%s %s Eval %s R:%s P:%s F:%s\n", b->peer, b->metric, r->key,
                           r->v[0], r->v[1], r->v[2]);
            }
        }
    }
    if (!out->data)
        buf_append(out, "", 0);
}

static void S_json_str(buf *out, const char *s)
{
    buf_putc(out, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            buf_printf(out, "\\%c", *p);
        else if (*p < 0x20)
            buf_printf(out, "\\u%04x", *p);
        else
            buf_putc(out, (char)*p);
    }
    buf_putc(out, '"');
}

/* A number as the text output prints it; "%7.5f" pads with blanks only above 10 000, which
 * never happens for scores, but strip them to stay valid JSON. */
static void S_json_num(buf *out, const char *s)
{
    while (*s == ' ')
        s++;
    buf_puts(out, *s ? s : "0");
}

void rouge_report_json(const rouge_options *o, const rouge_report *rep, buf *out)
{
    static const char *const stat[3] = {"R", "P", "F"};
    static const char *const raw[3] = {"model", "peer", "hit"};
    buf_puts(out, "{\n  \"rouge_version\": \"1.5.5\",\n  \"confidence\": ");
    char cbuf[64];
    snprintf(cbuf, sizeof cbuf, "%.15g", o->c);
    buf_puts(out, cbuf);
    buf_printf(out, ",\n  \"counting\": \"%s\",\n  \"results\": [",
               o->t == 0   ? "unit"
               : o->t == 1 ? "token"
                           : "raw");
    for (size_t i = 0; i < rep->nblocks; i++) {
        const rouge_block *b = &rep->blocks[i];
        buf_puts(out, i ? ",\n    {" : "\n    {");
        buf_puts(out, "\"peer\": ");
        S_json_str(out, b->peer);
        buf_puts(out, ", \"metric\": ");
        S_json_str(out, b->metric);
        if (o->t != 2) {
            buf_puts(out, ",\n     \"average\": {");
            for (int k = 0; k < 3; k++) {
                buf_printf(out, "%s\"%s\": ", k ? ", " : "", stat[k]);
                S_json_num(out, b->avg.avg[k]);
            }
            buf_puts(out, "},\n     \"ci\": {");
            for (int k = 0; k < 3; k++) {
                buf_printf(out, "%s\"%s\": [", k ? ", " : "", stat[k]);
                S_json_num(out, b->avg.low[k]);
                buf_puts(out, ", ");
                S_json_num(out, b->avg.high[k]);
                buf_putc(out, ']');
            }
            buf_putc(out, '}');
        } else {
            buf_puts(out, ",\n     \"counts\": {");
            for (int k = 0; k < 3; k++) {
                buf_printf(out, "%s\"%s\": ", k ? ", " : "", raw[k]);
                S_json_num(out, b->avg.counts[k]);
            }
            buf_putc(out, '}');
        }
        buf_puts(out, ",\n     \"evals\": [");
        for (size_t k = 0; k < b->nrows; k++) {
            const rouge_row *r = &b->rows[k];
            buf_puts(out, k ? ",\n       {\"eval\": " : "\n       {\"eval\": ");
            S_json_str(out, r->eval_id);
            for (int s = 0; s < 3; s++) {
                buf_printf(out, ", \"%s\": ", o->t == 0 ? stat[s] : raw[s]);
                S_json_num(out, r->v[s]);
            }
            buf_putc(out, '}');
        }
        buf_puts(out, b->nrows ? "\n     ]}" : "]}");
    }
    buf_puts(out, rep->nblocks ? "\n  ]\n}\n" : "]\n}\n");
}

/* ---- one call from argv to output ------------------------------------------------------------ */

int rouge_main(int argc, char **argv, buf *out, rouge_warn_fn warn, void *warn_ud, buf *errmsg)
{
    rouge_options o;
    buf warnings = BUF_INIT, msg = BUF_INIT;
    int rc = rouge_parse_args(argc, argv, &o, &warnings, &msg);
    if (warnings.len && warn) {
        /* getopts' "Unknown option" lines, one warning each */
        char *save = NULL;
        for (char *line = strtok_r(warnings.data, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save))
            warn(warn_ud, line);
    }
    buf_free(&warnings);
    if (rc != 0) {
        buf_printf(errmsg, "chorus rouge: %s\n", msg.data ? msg.data : "bad command line");
        buf_free(&msg);
        return 2;
    }
    buf_free(&msg);
    if (o.help) {
        buf_printf(out, "%s\n", rouge_usage());
        return 0;
    }
    rouge_config cfg;
    chorus_error err;
    memset(&err, 0, sizeof err);
    if (rouge_config_read(&cfg, o.config_path, o.z_format, o.system_id, &err) != CHORUS_OK) {
        buf_printf(errmsg, "chorus rouge: %s\n", err.message);
        return 1;
    }
    rouge_report rep;
    chorus_code code = rouge_run(&o, &cfg, &rep, warn, warn_ud, &err);
    /* The blocks computed before an error are printed, as the script's stdout holds them. */
    if (o.json && code == CHORUS_OK)
        rouge_report_json(&o, &rep, out);
    else if (!o.json)
        rouge_report_text(&o, &rep, out);
    if (code != CHORUS_OK)
        buf_printf(errmsg, "chorus rouge: %s\n", err.message);
    rouge_report_free(&rep);
    rouge_config_free(&cfg);
    return code == CHORUS_OK ? 0 : 1;
}
