/* Tests of `chorus rouge`, the ROUGE-1.5.5 re-implementation (src/eval/rouge*.c).
 *
 * Three kinds:
 *  - unit tests of each piece on small inputs written here (no third-party text);
 *  - end-to-end runs on tiny peers and models created in a temporary folder, with the
 *    expected numbers worked out by hand in the comments;
 *  - exactness against the official script: the 7 option sets on DUC 2002 and on the corner
 *    case set, comparing the whole stdout and stderr byte for byte with the script's, every
 *    row of expected*.tsv and every confidence interval of expected*_averages.tsv, and all
 *    34 786 stemmer vectors. These need /work/shared (CHORUS_SHARED_DIR) and skip without it.
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE /* drand48 for the RNG cross-check */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "core/buf.h"
#include "core/strtab.h"
#include "eval/rouge.h"
#include "eval/rouge_stem.h"

#define REF_DIR CHORUS_SHARED_DIR "/data/rouge-reference"

static int S_have_ref(void)
{
    return access(REF_DIR "/README.md", R_OK) == 0;
}

#define SKIP_WITHOUT_REF()                                                                         \
    do {                                                                                           \
        if (!S_have_ref()) {                                                                       \
            print_message("skipped: %s not found (shared data absent)\n", REF_DIR);                \
            skip();                                                                                \
        }                                                                                          \
    } while (0)

static char *S_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    buf b = BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        buf_append(&b, chunk, n);
    fclose(f);
    buf_append(&b, "", 0);
    return buf_detach(&b);
}

static void S_collect(void *ud, const char *line)
{
    buf *b = ud;
    buf_puts(b, line);
    buf_putc(b, '\n');
}

/* Runs `rouge <cmdline>` in the current directory; out/err receive stdout and stderr. */
static int S_run(const char *cmdline, buf *out, buf *err)
{
    char *copy = strdup(cmdline);
    char *argv[64];
    int argc = 0;
    argv[argc++] = "rouge";
    char *save = NULL;
    for (char *t = strtok_r(copy, " \t\n", &save); t && argc < 63;
         t = strtok_r(NULL, " \t\n", &save))
        argv[argc++] = t;
    argv[argc] = NULL;
    buf msg = BUF_INIT;
    int rc = rouge_main(argc, argv, out, S_collect, err, &msg);
    if (msg.len)
        buf_puts(err, msg.data);
    buf_free(&msg);
    free(copy);
    if (!out->data)
        buf_append(out, "", 0);
    if (!err->data)
        buf_append(err, "", 0);
    return rc;
}

/* ---- stemmer and tables ---------------------------------------------------------------------- */

static void S_check_stem(const char *word, const char *porter, const char *morph)
{
    size_t len = strlen(word);
    char *out = malloc(len + 1), *scratch = malloc(len + 1);
    size_t n = rouge_porter_stem(word, len, out);
    assert_int_equal(n, strlen(out));
    if (strcmp(out, porter) != 0)
        fail_msg("porter(%s) = %s, expected %s", word, out, porter);
    size_t ml;
    const char *m = rouge_morph_stem(word, len, scratch, &ml);
    if (ml != strlen(morph) || strncmp(m, morph, ml) != 0)
        fail_msg("MorphStem(%s) = %.*s, expected %s", word, (int)ml, m, morph);
    free(out);
    free(scratch);
}

static void test_stem_examples(void **state)
{
    (void)state;
    /* CYL's step-4 cascade: -ement is removed, then -ment/-ent are tried again on the rest. */
    S_check_stem("agreement", "agreem", "agreem");
    S_check_stem("replacement", "replac", "replac");
    /* WordNet exceptions replace the token and are not stemmed further. */
    S_check_stem("children", "children", "child");
    S_check_stem("running", "run", "run");
    S_check_stem("media", "media", "medium");
    S_check_stem("better", "better", "well"); /* the table as shipped (README section 4) */
    S_check_stem("geese", "gees", "goose");
    /* textbook Porter steps (only a WordNet key changes MorphStem's answer) */
    S_check_stem("caresses", "caress", "caress");
    S_check_stem("ponies", "poni", "poni");
    S_check_stem("relational", "relat", "relat");
    S_check_stem("hopping", "hop", "hop");
    S_check_stem("filing", "file", "file");
    S_check_stem("happy", "happi", "happi");
    S_check_stem("generalization", "gener", "gener");
    S_check_stem("controll", "control", "control");
    /* initial y is a consonant and comes back lower-case */
    S_check_stem("yelling", "yell", "yell");
    S_check_stem("youth", "youth", "youth");
    /* short words are returned unchanged by stem() itself */
    S_check_stem("as", "as", "as");
    S_check_stem("1990s", "1990", "1990");
}

static void test_stem_vectors(void **state)
{
    (void)state;
    SKIP_WITHOUT_REF();
    char *data = S_slurp(REF_DIR "/stem_vectors.tsv");
    assert_non_null(data);
    size_t rows = 0, bad = 0;
    char *save = NULL;
    char *line = strtok_r(data, "\n", &save); /* header */
    assert_non_null(strstr(line, "porter_only"));
    for (line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[4];
        char *s2 = NULL;
        int k = 0;
        for (char *t = strtok_r(line, "\t", &s2); t && k < 4; t = strtok_r(NULL, "\t", &s2))
            f[k++] = t;
        assert_int_equal(k, 4);
        size_t len = strlen(f[0]);
        char out[512], scratch[512];
        assert_true(len < sizeof out);
        rouge_porter_stem(f[0], len, out);
        size_t ml;
        const char *m = rouge_morph_stem(f[0], len, scratch, &ml);
        int ok = strcmp(out, f[1]) == 0 && ml == strlen(f[3]) && strncmp(m, f[3], ml) == 0;
        if (!ok && bad++ < 10)
            print_error("stem %s: porter %s (want %s), morph %.*s (want %s)\n", f[0], out, f[1],
                        (int)ml, m, f[3]);
        rows++;
    }
    free(data);
    assert_int_equal(rows, 34786);
    assert_int_equal(bad, 0);
}

static void test_tables(void **state)
{
    (void)state;
    assert_int_equal(rouge_wordnet_exc_count, 5930);
    for (size_t i = 1; i < rouge_wordnet_exc_count; i++)
        assert_true(strcmp(rouge_wordnet_exc[i - 1].key, rouge_wordnet_exc[i].key) < 0);
    /* 598 lines, "may" and "would" twice */
    assert_int_equal(rouge_smart_stopwords_count, 596);
    for (size_t i = 1; i < rouge_smart_stopwords_count; i++)
        assert_true(strcmp(rouge_smart_stopwords[i - 1], rouge_smart_stopwords[i]) < 0);
    assert_true(rouge_is_stopword("the", 3));
    assert_true(rouge_is_stopword("a's", 3));
    assert_false(rouge_is_stopword("The", 3));
    assert_true(rouge_is_stopword("th", 2)); /* yes, "th" is in the SMART list */
    assert_false(rouge_is_stopword("zz", 2));
    assert_false(rouge_is_stopword("gunman", 6));
    assert_string_equal(rouge_exception_lookup("mice", 4), "mouse");
    assert_string_equal(rouge_exception_lookup("feet", 4), "foot");
    assert_null(rouge_exception_lookup("mic", 3));
    assert_null(rouge_exception_lookup("micex", 5));
}

/* ---- reading and tokenizing --------------------------------------------------------------------
 */

static void S_tok_collect(void *ud, const char *tok, size_t len)
{
    buf *b = ud;
    if (b->len)
        buf_putc(b, '|');
    buf_append(b, tok, len);
}

static void S_check_tokens(const char *text, const char *expected)
{
    buf b = BUF_INIT;
    rouge_tokenize(text, strlen(text), S_tok_collect, &b);
    buf_append(&b, "", 0);
    assert_string_equal(b.data, expected);
    buf_free(&b);
}

static void test_tokenize(void **state)
{
    (void)state;
    /* readText lower-cases first; the tokenizer sees lower-case text */
    S_check_tokens("u.s.-led state-of-the-art -- $5.3 1,000 at&t 50% \"quoted\" o'clock e.g. 1990s",
                   "u|s|led|state|of|the|art|5|3|1|000|at|t|50|quoted|o|clock|e|g|1990s");
    /* bytes >= 0x80 (Latin-1, UTF-8, NBSP) separate tokens; TAB and CR are blanks */
    S_check_tokens("caf\xe9 na\xc3\xafve a\xa0"
                   "b\tc\r",
                   "caf|na|ve|a|b|c");
    S_check_tokens("", "");
    S_check_tokens(" -- ", "");
}

static void test_split_units(void **state)
{
    (void)state;
    const char *spl = "First LINE\r\n\n   \nno newline";
    buf store = BUF_INIT;
    rouge_span *units = NULL;
    size_t n = 0;
    assert_int_equal(rouge_split_units(spl, strlen(spl), "spl", &store, &units, &n), 0);
    /* the empty line is skipped, the blank line is kept, \r stays, A-Z lower-cased */
    assert_int_equal(n, 3);
    assert_int_equal(units[0].len, 11);
    assert_memory_equal(units[0].p, "first line\r", 11);
    assert_memory_equal(units[1].p, "   ", 3);
    assert_memory_equal(units[2].p, "no newline", 10);
    free(units);
    buf_free(&store);

    const char *see = "<html>\n"
                      "<a name=\"1\">[1]</a> <a href=\"#1\" id=1>The Cat sat.</a>\n"
                      "<a size=\"9\" name=\"2\">[2]</a>\t<a href=\"#2\" id=2>No closing tag\n"
                      "<a name=\"x\">[3]</a> <a href=\"#3\" id=3>bad name</a>\n";
    units = NULL;
    n = 0;
    assert_int_equal(rouge_split_units(see, strlen(see), "SEE", &store, &units, &n), 0);
    assert_int_equal(n, 2);
    assert_int_equal(units[0].len, 12);
    assert_memory_equal(units[0].p, "the cat sat.", 12);
    /* [^<]+ keeps the newline when no '<' follows */
    assert_int_equal(units[1].len, 15);
    assert_memory_equal(units[1].p, "no closing tag\n", 15);
    free(units);
    buf_free(&store);

    const char *isi =
        "<S SNTNO=\"1\">One Two</S>\n<S SNTNO=\"2a\">three</s>\n<S SNTNO=\"3,b\">Four</S>";
    units = NULL;
    n = 0;
    assert_int_equal(rouge_split_units(isi, strlen(isi), "isi", &store, &units, &n), 0);
    assert_int_equal(n, 2);
    assert_memory_equal(units[0].p, "one two", 7);
    assert_memory_equal(units[1].p, "four", 4);
    free(units);
    buf_free(&store);

    units = NULL;
    n = 0;
    assert_int_equal(rouge_split_units(spl, strlen(spl), "SIMPLE", &store, &units, &n), -1);
    free(units);
    buf_free(&store);
}

static void test_word_count(void **state)
{
    (void)state;
    assert_int_equal(rouge_perl_word_count("a b", 3), 2);
    assert_int_equal(rouge_perl_word_count(" a b", 4), 3);   /* leading empty field counts */
    assert_int_equal(rouge_perl_word_count("a b \t", 5), 2); /* trailing empties dropped */
    assert_int_equal(rouge_perl_word_count("   ", 3), 0);
    assert_int_equal(rouge_perl_word_count("", 0), 0);
    assert_int_equal(rouge_perl_word_count("U.S.-led --", 11), 2);
    assert_int_equal(rouge_perl_word_count("a\xa0"
                                           "b\x85"
                                           "c",
                                           5),
                     1); /* not whitespace */
    assert_int_equal(rouge_perl_word_count("a\vb\fc", 5), 3);
}

static char *S_join(const char *const *lines, size_t n, double words, double bytes, int *defined)
{
    rouge_span *u = calloc(n + 1, sizeof *u);
    for (size_t i = 0; i < n; i++)
        u[i].p = lines[i], u[i].len = strlen(lines[i]);
    buf out = BUF_INIT;
    *defined = rouge_limit_join(u, n, words, bytes, &out);
    free(u);
    return buf_detach(&out);
}

static void test_limit_words(void **state)
{
    (void)state;
    int def;
    const char *a[] = {"one two three", "four five six", "seven"};
    char *s = S_join(a, 3, 0, 0, &def);
    assert_true(def);
    assert_string_equal(s, "one two three four five six seven");
    free(s);
    /* the crossing line is cut after exactly N words and the reading stops */
    s = S_join(a, 3, 5, 0, &def);
    assert_string_equal(s, "one two three four five");
    free(s);
    /* n + |w(s)| == N goes to the cut branch too: the line is re-joined with single blanks */
    const char *b[] = {"one  two", "three\tfour", "five"};
    s = S_join(b, 3, 4, 0, &def);
    assert_string_equal(s, "one  two three four");
    free(s);
    /* a leading blank is an empty first word */
    const char *c[] = {"  alpha beta", "gamma"};
    s = S_join(c, 2, 2, 0, &def);
    assert_string_equal(s, " alpha");
    free(s);
    /* ... so with -l 1 nothing is kept: the text is undefined (the warning case) */
    s = S_join(c, 2, 1, 0, &def);
    assert_false(def);
    assert_string_equal(s, "");
    free(s);
    /* no units: undefined with a limit, defined (empty) without */
    s = S_join(c, 0, 10, 0, &def);
    assert_false(def);
    free(s);
    s = S_join(c, 0, 0, 0, &def);
    assert_true(def);
    free(s);
    /* a blank-only unit has 0 words and is kept; no separator after it (count is 0) */
    const char *d[] = {"   ", "x y"};
    s = S_join(d, 2, 5, 0, &def);
    assert_string_equal(s, "   x y");
    free(s);
}

static void test_limit_bytes(void **state)
{
    (void)state;
    int def;
    const char *a[] = {"0123456789", "abcdefghij", "KLMNOPQRST"};
    char *s = S_join(a, 3, 0, 15, &def);
    assert_string_equal(s, "0123456789 abcde"); /* separators not counted */
    free(s);
    s = S_join(a, 3, 0, 10, &def);
    assert_string_equal(s, "0123456789");
    free(s);

    /* readText_LCS never counts: every unit shorter than N is kept whole */
    rouge_span u[3];
    for (int i = 0; i < 3; i++)
        u[i].p = a[i], u[i].len = 10;
    buf store = BUF_INIT;
    size_t *offs = NULL, *lens = NULL;
    size_t n = rouge_limit_units(u, 3, 0, 15, &store, &offs, &lens);
    assert_int_equal(n, 3);
    assert_int_equal(lens[2], 10);
    free(offs);
    free(lens);
    buf_clear(&store);
    offs = lens = NULL;
    /* only a unit of >= N bytes is cut, and it ends the reading */
    n = rouge_limit_units(u, 3, 0, 10, &store, &offs, &lens);
    assert_int_equal(n, 1);
    assert_int_equal(lens[0], 10);
    free(offs);
    free(lens);
    buf_clear(&store);
    offs = lens = NULL;
    /* under -l, the LCS reader cuts like readText but keeps the units apart */
    n = rouge_limit_units(u, 3, 1, 0, &store, &offs, &lens);
    assert_int_equal(n, 1);
    free(offs);
    free(lens);
    buf_free(&store);
}

/* ---- counting ----------------------------------------------------------------------------------
 */

typedef struct S_vocab {
    strtab t;
} S_vocab;

/* Token ids of a blank-separated string. */
static size_t S_ids(S_vocab *v, const char *text, uint32_t *out)
{
    size_t n = 0;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *s = p;
        while (*p && *p != ' ')
            p++;
        if (p > s)
            out[n++] = strtab_intern(&v->t, s, (size_t)(p - s));
    }
    return n;
}

static void test_ngrams(void **state)
{
    (void)state;
    S_vocab v;
    strtab_init(&v.t);
    uint32_t pt[16], mt[16];
    size_t np = S_ids(&v, "the cat sat on the mat the cat", pt);
    size_t nm = S_ids(&v, "the cat lay on the mat", mt);
    rouge_grams pg = {0}, mg = {0};
    rouge_grams_ngram(&pg, pt, np, 1);
    rouge_grams_ngram(&mg, mt, nm, 1);
    assert_int_equal(pg.count, 8);
    /* clipping: "the" 3 in peer, 2 in model -> 2; cat 2 vs 1 -> 1; on, mat -> 5 */
    assert_int_equal(rouge_grams_hits(&mg, &pg), 5);
    rouge_grams_ngram(&pg, pt, np, 2);
    rouge_grams_ngram(&mg, mt, nm, 2);
    assert_int_equal(pg.count, 7);
    assert_int_equal(rouge_grams_hits(&mg, &pg), 3); /* the cat, on the, the mat */
    rouge_grams_ngram(&pg, pt, np, 4);
    assert_int_equal(pg.count, 5);
    rouge_grams_ngram(&pg, pt, 3, 4); /* T < n: no grams */
    assert_int_equal(pg.count, 0);
    rouge_grams_free(&pg);
    rouge_grams_free(&mg);
    strtab_free(&v.t);
}

static void test_skip_bigrams(void **state)
{
    (void)state;
    S_vocab v;
    strtab_init(&v.t);
    uint32_t t[16];
    size_t n = S_ids(&v, "a b c d e f", t);
    rouge_grams g = {0}, h = {0};
    /* -2 4 -u, T = 6: (T-1) unigrams + sum_{i<T-1} min(5, T-1-i) = 5 + (5+4+3+2+1) */
    rouge_grams_skip(&g, t, n, 4, 1);
    assert_int_equal(g.count, 20);
    /* without -u */
    rouge_grams_skip(&g, t, n, 4, 0);
    assert_int_equal(g.count, 15);
    /* -2 0: adjacent pairs only; -2 -1: every pair */
    rouge_grams_skip(&g, t, n, 0, 0);
    assert_int_equal(g.count, 5);
    rouge_grams_skip(&g, t, n, -1, 0);
    assert_int_equal(g.count, 15);
    rouge_grams_skip(&g, t, n, 1, 0);
    assert_int_equal(g.count, 9);
    /* a 1-token text has no unit at all, even with -u */
    rouge_grams_skip(&g, t, 1, 4, 1);
    assert_int_equal(g.count, 0);
    /* the last token is never a unigram: "f" alone does not match "f" of the other text */
    uint32_t x[4], y[4];
    size_t nx = S_ids(&v, "a f", x), ny = S_ids(&v, "f a", y);
    rouge_grams_skip(&g, x, nx, 4, 1); /* {a, (a f)} */
    rouge_grams_skip(&h, y, ny, 4, 1); /* {f, (f a)} */
    assert_int_equal(rouge_grams_hits(&g, &h), 0);
    rouge_grams_free(&g);
    rouge_grams_free(&h);
    strtab_free(&v.t);
}

/* Builds units from "|"-separated sentences. */
static void S_units(S_vocab *v, const char *text, rouge_units *u)
{
    char *copy = strdup(text);
    u->count = 0;
    u->toks = calloc(16, sizeof *u->toks);
    u->lens = calloc(16, sizeof *u->lens);
    char *save = NULL;
    for (char *s = strtok_r(copy, "|", &save); s; s = strtok_r(NULL, "|", &save)) {
        u->toks[u->count] = calloc(64, sizeof(uint32_t));
        u->lens[u->count] = S_ids(v, s, u->toks[u->count]);
        u->count++;
    }
    free(copy);
}

static void S_units_free(rouge_units *u)
{
    for (size_t i = 0; i < u->count; i++)
        free(u->toks[i]);
    free(u->toks);
    free(u->lens);
}

static size_t S_lcs_case(const char *model, const char *peer, size_t *base, size_t *npeer)
{
    S_vocab v;
    strtab_init(&v.t);
    rouge_units m, p;
    S_units(&v, model, &m);
    S_units(&v, peer, &p);
    int32_t *mc = calloc(v.t.count + 1, sizeof *mc), *pc = calloc(v.t.count + 1, sizeof *pc);
    *npeer = 0;
    for (size_t i = 0; i < m.count; i++)
        for (size_t k = 0; k < m.lens[i]; k++)
            mc[m.toks[i][k]]++;
    for (size_t i = 0; i < p.count; i++)
        for (size_t k = 0; k < p.lens[i]; k++)
            pc[p.toks[i][k]]++, (*npeer)++;
    size_t hits = rouge_lcs_hits(&m, &p, mc, pc, base);
    free(mc);
    free(pc);
    S_units_free(&m);
    S_units_free(&p);
    strtab_free(&v.t);
    return hits;
}

static void test_lcs_tiebreak(void **state)
{
    (void)state;
    /* README 3.7 step 5 (edge case 11): preferring "up" on ties marks 'police killed ... the
     * gunman' differently from preferring "left"; with the script's rule R = 7/11, P = 7/10. */
    size_t base, npeer;
    size_t hits =
        S_lcs_case("police killed the gunman in the bank|the gunman killed police",
                   "the gunman killed|police in the bank killed the gunman", &base, &npeer);
    assert_int_equal(base, 11);
    assert_int_equal(npeer, 10);
    assert_int_equal(hits, 7);
    rouge_triple t;
    rouge_triple_from(&t, (double)hits, (double)base, (double)npeer, 0.5);
    assert_string_equal(t.r, "0.63636");
    assert_string_equal(t.p, "0.70000");
    assert_string_equal(t.f, "0.66666"); /* from the rounded strings; 2*7/21 would give 0.66667 */

    /* the union over peer units: "a b" marks model 0,1 and "b a" marks 1,2 */
    hits = S_lcs_case("a b a", "a b|b a", &base, &npeer);
    assert_int_equal(hits, 3);
    /* clipping across model units: both units are fully marked, but the peer has one "a" and
     * one "b", so the second unit gets nothing */
    hits = S_lcs_case("a b|a b", "a b", &base, &npeer);
    assert_int_equal(base, 4);
    assert_int_equal(hits, 2);
}

static void test_wlcs(void **state)
{
    (void)state;
    S_vocab v;
    strtab_init(&v.t);
    rouge_units m, p;
    S_units(&v, "the cat lay on the mat", &m);
    S_units(&v, "the cat sat on the mat", &p);
    int32_t *mc = calloc(v.t.count + 1, sizeof *mc), *pc = calloc(v.t.count + 1, sizeof *pc);
    for (size_t k = 0; k < m.lens[0]; k++)
        mc[m.toks[0][k]]++;
    for (size_t k = 0; k < p.lens[0]; k++)
        pc[p.toks[0][k]]++;
    double base;
    double hits = rouge_wlcs_hits(&m, &p, 1.2, mc, pc, &base);
    /* runs "the cat" and "on the mat": 2^1.2 + 3^1.2; base 6^1.2 */
    assert_true(hits == pow(2, 1.2) + pow(3, 1.2));
    assert_true(base == pow(6, 1.2));
    free(mc);
    free(pc);
    S_units_free(&m);
    S_units_free(&p);
    strtab_free(&v.t);
}

static void test_rounding(void **state)
{
    (void)state;
    rouge_triple t;
    rouge_triple_from(&t, 5, 6, 6, 0.5);
    assert_string_equal(t.r, "0.83333");
    assert_string_equal(t.f, "0.83333");
    rouge_triple_from(&t, 0, 0, 10, 0.5); /* zero denominators give 0 */
    assert_string_equal(t.r, "0.00000");
    assert_string_equal(t.p, "0.00000");
    assert_string_equal(t.f, "0.00000");
    rouge_triple_from(&t, 3, 4, 8, 0.0); /* alpha 0: F = R */
    assert_string_equal(t.f, "0.75000");
    rouge_triple_from(&t, 3, 4, 8, 1.0); /* alpha 1: F = P */
    assert_string_equal(t.f, "0.37500");
    /* R:0.56522 P:0.19118 F:0.28572 (edge case 2): the rounded inputs move the last digit */
    char f[32];
    snprintf(f, sizeof f, "%7.5f", rouge_f_from_strings("0.56522", "0.19118", 0.5));
    assert_string_equal(f, "0.28572");
}

/* ---- statistics --------------------------------------------------------------------------------
 */

static void test_drand48(void **state)
{
    (void)state;
    /* Perl's srand/rand == glibc srand48/drand48 */
    for (uint32_t seed = 0; seed < 50; seed++) {
        rouge_rng r;
        rouge_rng_seed(&r, seed);
        srand48((long)seed);
        for (int i = 0; i < 100; i++)
            assert_true(rouge_rng_next(&r) == drand48());
    }
    rouge_rng r;
    rouge_rng_seed(&r, 0);
    /* x1 = 0x5DEECE66D * 0x330E + 0xB mod 2^48 */
    uint64_t x1 = (0x5DEECE66DULL * 0x330EULL + 0xBULL) & 0xFFFFFFFFFFFFULL;
    assert_true(rouge_rng_next(&r) == (double)x1 / 281474976710656.0);
}

static int S_cmpd(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void test_bootstrap_ci(void **state)
{
    (void)state;
    /* 7 instances; an independent recomputation of the script's procedure with libc drand48 */
    rouge_inst inst[7];
    const double vals[7] = {0.1, 0.25, 0.3, 0.42, 0.5, 0.61, 0.9};
    for (int i = 0; i < 7; i++)
        inst[i].v[0] = vals[i], inst[i].v[1] = vals[6 - i], inst[i].v[2] = 0.5;
    rouge_average avg;
    rouge_compute_average(inst, 7, 0, 1000, 95, 0.5, &avg);
    double means[1000];
    for (int b = 0; b < 1000; b++) {
        srand48(b);
        double s = 0;
        for (int i = 0; i < 7; i++)
            s += vals[(int)(7 * drand48())];
        means[b] = s / 7;
    }
    qsort(means, 1000, sizeof means[0], S_cmpd);
    double sum = 0;
    for (int b = 0; b < 1000; b++)
        sum += means[b];
    char want[32];
    snprintf(want, sizeof want, "%7.5f", sum / 1000);
    assert_string_equal(avg.avg[0], want);
    snprintf(want, sizeof want, "%7.5f", means[25]); /* delta = 25, r = 0 */
    assert_string_equal(avg.low[0], want);
    snprintf(want, sizeof want, "%7.5f", means[974]);
    assert_string_equal(avg.high[0], want);
    assert_string_equal(avg.avg[2], "0.50000");

    /* a constant score gives a degenerate interval; -c 90 with B = 10: delta = 0.5 */
    for (int i = 0; i < 7; i++)
        inst[i].v[0] = 0.25;
    rouge_compute_average(inst, 7, 0, 10, 90, 0.5, &avg);
    assert_string_equal(avg.avg[0], "0.25000");
    assert_string_equal(avg.low[0], "0.25000");
    assert_string_equal(avg.high[0], "0.25000");
    /* no instance at all (a peer missing everywhere): zeros */
    rouge_compute_average(inst, 0, 0, 1000, 95, 0.5, &avg);
    assert_string_equal(avg.avg[1], "0.00000");
    assert_string_equal(avg.high[1], "0.00000");
    /* -t 2: int() of the sums */
    inst[0].v[0] = 10, inst[0].v[1] = 12, inst[0].v[2] = 7.9;
    inst[1].v[0] = 3, inst[1].v[1] = 4, inst[1].v[2] = 1.5;
    rouge_compute_average(inst, 2, 2, 1000, 95, 0.5, &avg);
    assert_string_equal(avg.counts[0], "13");
    assert_string_equal(avg.counts[1], "16");
    assert_string_equal(avg.counts[2], "9");
}

/* ---- config and command line ------------------------------------------------------------------
 */

static void test_config_xml(void **state)
{
    (void)state;
    const char *xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [ <!ENTITY a \"b\"> ]>\n"
                      "<ROUGE_EVAL version=\"1.5.5\">\n<!-- a comment <EVAL ID=\"no\"> -->\n"
                      "<eval ID='e&amp;1'>\n"
                      "<PEER-ROOT>\n  peers dir \n</PEER-ROOT>\n<MODEL-ROOT>models</MODEL-ROOT>\n"
                      "<INPUT-FORMAT TYPE=\"spl\"/>\n"
                      "<PEERS><P ID=\"zeta\">z.txt</P><p ID=\"alpha\"> a&lt;1&gt;.txt </p><P "
                      "ID=\"empty\"></P></PEERS>\n"
                      "<Wrapper><MODELS><M ID=\"A\">a1</M><M ID=\"B\">b</M><M "
                      "ID=\"A\">a2</M></MODELS></Wrapper>\n"
                      "</eval>\n"
                      "<EVAL ID=\"2\"><PEERS><P ID=\"beta\">x</P></PEERS></EVAL>\n"
                      "</ROUGE_EVAL>\n";
    rouge_config cfg;
    chorus_error err;
    assert_int_equal(rouge_config_parse_xml(&cfg, "t.xml", xml, strlen(xml), &err), CHORUS_OK);
    assert_int_equal(cfg.nevals, 2);
    rouge_eval *e = &cfg.evals[0];
    assert_string_equal(e->id, "e&1");
    assert_string_equal(e->peer_root, "peers dir");
    assert_string_equal(e->model_root, "models");
    assert_string_equal(e->format, "spl");
    assert_int_equal(e->npeers, 3);
    assert_string_equal(e->peers[1].file, "a<1>.txt");
    assert_null(e->peers[2].file); /* no text: the peer counts as missing */
    /* MIDList keeps the repeated ID twice; both use the last file given for it */
    assert_int_equal(e->nmodels, 3);
    assert_string_equal(e->models[0].file, "a2");
    assert_string_equal(e->models[1].file, "b");
    assert_string_equal(e->models[2].file, "a2");
    assert_null(cfg.evals[1].peer_root);
    assert_int_equal(cfg.npeer_ids, 4);
    assert_string_equal(cfg.peer_ids[0], "alpha");
    assert_string_equal(cfg.peer_ids[3], "zeta");
    rouge_config_free(&cfg);

    const char *bad = "<EVAL ID=\"1\"><INPUT-FORMAT TYPE=\"TXT\"/></EVAL>";
    assert_int_not_equal(rouge_config_parse_xml(&cfg, "bad.xml", bad, strlen(bad), &err),
                         CHORUS_OK);
    assert_non_null(strstr(err.message, "Unknown input type: TXT"));
    const char *orphan = "<PEERS><P ID=\"x\">f</P></PEERS>";
    assert_int_not_equal(rouge_config_parse_xml(&cfg, "o.xml", orphan, strlen(orphan), &err),
                         CHORUS_OK);
    assert_non_null(strstr(err.message, "Evaluation database does not contain entry"));
}

static void test_args(void **state)
{
    (void)state;
    rouge_options o;
    buf w = BUF_INIT, msg = BUF_INIT;
    char *a1[] = {"rouge", "-e", "data", "-n4",      "-2",   "4",   "-uxm",    "-l",
                  "100",   "-c", "95.0", "--format", "json", "-ad", "cfg.xml", NULL};
    assert_int_equal(rouge_parse_args(15, a1, &o, &w, &msg), 0);
    assert_true(o.has_n && o.n_max == 4);
    assert_string_equal(o.gap_str, "4");
    assert_true(o.u && o.no_lcs && o.m && o.a && o.d && o.json);
    assert_true(o.word_limit == 100 && o.byte_limit == 0);
    assert_string_equal(o.c_str, "95.0"); /* printed as given */
    assert_string_equal(o.config_path, "cfg.xml");
    assert_null(o.system_id);

    char *a2[] = {"rouge", "-q", "-t", "7", "--", "-cfg", "sys", NULL};
    assert_int_equal(rouge_parse_args(7, a2, &o, &w, &msg), 0);
    assert_string_equal(w.data, "Unknown option: q\n"); /* reported, not fatal (getopts) */
    assert_int_equal(o.t, 0);                           /* -t other than 1/2 means 0 */
    assert_string_equal(o.config_path, "-cfg");
    assert_string_equal(o.system_id, "sys");

    char *a3[] = {"rouge", "-a", NULL};
    assert_int_equal(rouge_parse_args(2, a3, &o, &w, &msg), 2);
    char *a4[] = {"rouge", "cfg.xml", NULL};
    buf_clear(&msg);
    assert_int_equal(rouge_parse_args(2, a4, &o, &w, &msg), 2);
    assert_non_null(strstr(msg.data, "Please specify a system ID"));
    char *a5[] = {"rouge", "-l", "10", "-b", "20", "-a", "c", NULL};
    assert_int_equal(rouge_parse_args(7, a5, &o, &w, &msg), 2);
    char *a6[] = {"rouge", "-p", "1.5", "-a", "c", NULL};
    assert_int_equal(rouge_parse_args(5, a6, &o, &w, &msg), 2);
    char *a7[] = {"rouge", "-z", "SPL", "list.txt", NULL};
    assert_int_equal(rouge_parse_args(4, a7, &o, &w, &msg), 0);
    assert_string_equal(o.system_id, "X");
    assert_true(rouge_perl_num(" 12abc") == 12);
    assert_true(rouge_perl_num("0x10") == 0);
    assert_true(rouge_perl_num("1e2") == 100);
    buf_free(&w);
    buf_free(&msg);
}

/* ---- end to end on tiny data -------------------------------------------------------------------
 */

typedef struct S_tmp {
    char dir[64];
    char cwd[4096];
} S_tmp;

static void S_put(const S_tmp *t, const char *name, const char *content)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", t->dir, name);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    mkdir(path, 0755);
    *slash = '/';
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static void S_tmp_enter(S_tmp *t)
{
    snprintf(t->dir, sizeof t->dir, "/tmp/chorus-rouge-XXXXXX");
    assert_non_null(mkdtemp(t->dir));
    assert_non_null(getcwd(t->cwd, sizeof t->cwd));
    /* peer "sys" in evals 1 and 2, peer "other" in eval 1 only */
    S_put(t, "p/sys1.txt", "The cat sat on the mat.\n");
    S_put(t, "p/sys2.txt", "\n\n");
    S_put(t, "p/other1.txt", "A dog sat on a log.\n");
    S_put(t, "m/1.A", "The cat lay on the mat.\n");
    S_put(t, "m/1.B", "A dog sat on a log.\n");
    S_put(t, "m/2.A", "Nothing in common here.\n");
    S_put(t, "see/sys1.html",
          "<html>\n<a name=\"1\">[1]</a> <a href=\"#1\" id=1>The cat sat on the mat.</a>\n");
    S_put(t, "see/1.A", "<a name=\"1\">[1]</a> <a href=\"#1\" id=1>The cat lay on the mat.</a>\n");
    S_put(t, "see/1.B", "<a name=\"1\">[1]</a> <a href=\"#1\" id=1>A dog sat on a log.</a>\n");
    S_put(t, "conf.xml",
          "<ROUGE_EVAL version=\"1.5.5\">\n"
          "<EVAL ID=\"1\"><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT>"
          "<INPUT-FORMAT TYPE=\"SPL\"></INPUT-FORMAT>"
          "<PEERS><P ID=\"sys\">sys1.txt</P><P ID=\"other\">other1.txt</P></PEERS>"
          "<MODELS><M ID=\"A\">1.A</M><M ID=\"B\">1.B</M></MODELS></EVAL>\n"
          "<EVAL ID=\"2\"><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT>"
          "<INPUT-FORMAT TYPE=\"SPL\"></INPUT-FORMAT>"
          "<PEERS><P ID=\"sys\">sys2.txt</P></PEERS>"
          "<MODELS><M ID=\"A\">2.A</M></MODELS></EVAL>\n"
          "</ROUGE_EVAL>\n");
    S_put(t, "see.xml",
          "<ROUGE_EVAL version=\"1.5.5\"><EVAL ID=\"1\"><PEER-ROOT>see</PEER-ROOT>"
          "<MODEL-ROOT>see</MODEL-ROOT><INPUT-FORMAT TYPE=\"SEE\"></INPUT-FORMAT>"
          "<PEERS><P ID=\"sys\">sys1.html</P></PEERS>"
          "<MODELS><M ID=\"A\">1.A</M><M ID=\"B\">1.B</M></MODELS></EVAL></ROUGE_EVAL>\n");
    S_put(t, "missing.xml",
          "<ROUGE_EVAL version=\"1.5.5\"><EVAL ID=\"1\"><PEER-ROOT>p</PEER-ROOT>"
          "<MODEL-ROOT>m</MODEL-ROOT><INPUT-FORMAT TYPE=\"SPL\"></INPUT-FORMAT>"
          "<PEERS><P ID=\"sys\">sys1.txt</P></PEERS>"
          "<MODELS><M ID=\"A\">nope.A</M></MODELS></EVAL></ROUGE_EVAL>\n");
    S_put(t, "list.txt", "# peer model...\np/sys1.txt m/1.A m/1.B\n\n");
    assert_int_equal(chdir(t->dir), 0);
}

static void S_tmp_leave(S_tmp *t)
{
    assert_int_equal(chdir(t->cwd), 0);
    const char *files[] = {"p/sys1.txt",
                           "p/sys2.txt",
                           "p/other1.txt",
                           "m/1.A",
                           "m/1.B",
                           "m/2.A",
                           "see/sys1.html",
                           "see/1.A",
                           "see/1.B",
                           "conf.xml",
                           "see.xml",
                           "missing.xml",
                           "list.txt",
                           "p",
                           "m",
                           "see",
                           ""};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", t->dir, files[i]);
        remove(path);
    }
}

static int S_has_line(const buf *b, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = b->data; p && (p = strstr(p, line)) != NULL; p++)
        if ((p == b->data || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return 1;
    return 0;
}

static void test_e2e_tiny(void **state)
{
    (void)state;
    S_tmp t;
    S_tmp_enter(&t);
    buf out = BUF_INIT, err = BUF_INIT;
    assert_int_equal(S_run("-n 2 -2 4 -u -l 100 -d -a conf.xml", &out, &err), 0);
    /* Eval 1, peer "the cat sat on the mat" against "the cat lay on the mat" (5 hits of 6)
     * and "a dog sat on a log" (2 hits): -f A pools: R = 7/12, P = 7/(2*6). */
    assert_true(S_has_line(&out, "sys ROUGE-1 Eval 1.sys R:0.58333 P:0.58333 F:0.58333"));
    /* bigrams: 3 + 1 hits of 5 + 5 */
    assert_true(S_has_line(&out, "sys ROUGE-2 Eval 1.sys R:0.40000 P:0.40000 F:0.40000"));
    /* union LCS: 5 + 2 of 12 */
    assert_true(S_has_line(&out, "sys ROUGE-L Eval 1.sys R:0.58333 P:0.58333 F:0.58333"));
    /* eval 2: the peer has only empty lines */
    assert_true(S_has_line(&out, "sys ROUGE-1 Eval 2.sys R:0.00000 P:0.00000 F:0.00000"));
    /* peer "other" = model B: 1 + 6 hits of 12 */
    assert_true(S_has_line(&out, "other ROUGE-1 Eval 1.other R:0.58333 P:0.58333 F:0.58333"));
    /* one instance: every bootstrap sample is that instance */
    assert_true(strstr(out.data, "---------------------------------------------\nother ROUGE-1 "
                                 "Average_R: 0.58333 (95%-conf.int. 0.58333 - 0.58333)\n") != NULL);
    /* stderr: "other" comes first (sorted) and is missing from eval 2 (once for the whole
     * run); then the empty peer of sys under -l, once per readText call: ROUGE-1, ROUGE-2,
     * the clipping unigrams of ROUGE-L and ROUGE-SU4 */
    assert_string_equal(err.data, "*ROUGE Warning: test instance for peer other does not exist "
                                  "for evaluation 2\n"
                                  "readText: p/sys2.txt -> empty text\n"
                                  "readText: p/sys2.txt -> empty text\n"
                                  "readText: p/sys2.txt -> empty text\n"
                                  "readText: p/sys2.txt -> empty text\n");
    /* block order: peers sorted, then ROUGE-1, ROUGE-2, ROUGE-L, ROUGE-SU4 */
    const char *p1 = strstr(out.data, "other ROUGE-1 Average_R");
    const char *p2 = strstr(out.data, "other ROUGE-SU4 Average_R");
    const char *p3 = strstr(out.data, "sys ROUGE-1 Average_R");
    assert_true(p1 && p2 && p3 && p1 < p2 && p2 < p3);

    /* -f B: model A wins (0.83333 > 0.33333): R = P = 5/6 */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 1 -x -f B -d conf.xml sys", &out, &err), 0);
    assert_true(S_has_line(&out, "sys ROUGE-1 Eval 1.sys R:0.83333 P:0.83333 F:0.83333"));
    assert_string_equal(err.data, ""); /* no limit: no empty-text warning */

    /* -t 2: raw counts. Eval 1: model unigrams 6+6, peer 6 per model, hits 5+2; eval 2:
     * a 4-token model against an empty peer (no limit, so no warning). */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 1 -x -t 2 -d -2 4 -u conf.xml sys", &out, &err), 0);
    assert_true(S_has_line(&out, "sys ROUGE-1 M_count: 16 P_count: 12 H_count: 7"));
    assert_true(S_has_line(&out, "sys ROUGE-1 Eval 1.sys R:12 P:12 F:7"));
    assert_true(S_has_line(&out, "sys ROUGE-1 Eval 2.sys R:4 P:0 F:0"));
    /* SU4 units: 5 unigrams + 15 pairs per 6-token text, 3 + 6 for the 4-token model; hits
     * against A: the x2, cat, on + the cat, the on, the the, the mat x2, cat on, cat the,
     * cat mat, on the, on mat = 14; against B: sat, on, sat on = 3 */
    assert_true(S_has_line(&out, "sys ROUGE-SU4 M_count: 49 P_count: 40 H_count: 17"));

    /* -U: ROUGE-S4 then ROUGE-SU4; -s removes "the", "on", "a" and also "sat" (the SMART
     * list has the day abbreviations) */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 1 -x -U -2 4 -s -d conf.xml sys", &out, &err), 0);
    /* peer "cat mat"; A "cat lay mat" (2 hits of 3); B "dog log" (0 of 2): R = 2/5,
     * P = 2/(2*2), F from the rounded strings */
    assert_true(S_has_line(&out, "sys ROUGE-1 Eval 1.sys R:0.40000 P:0.50000 F:0.44444"));
    const char *s4 = strstr(out.data, "sys ROUGE-S4 Average_R");
    const char *su4 = strstr(out.data, "sys ROUGE-SU4 Average_R");
    assert_true(s4 && su4 && s4 < su4);
    /* S4 pairs: peer (cat mat); A has 3 pairs and shares it, B has (dog log): 1 of 3 + 1 */
    assert_true(S_has_line(&out, "sys ROUGE-S4 Eval 1.sys R:0.25000 P:0.50000 F:0.33333"));

    /* ROUGE-W: runs of 2 and 3 against model A, 2 against B (see test_wlcs) */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-x -w 1.2 -d conf.xml sys", &out, &err), 0);
    double hit = pow(2, 1.2) + pow(3, 1.2) + pow(2, 1.2);
    double count = 2 * pow(pow(6, 1.2), 1.2), count_p = 2 * pow(6, 1.2);
    rouge_triple tri;
    rouge_triple_set(&tri, pow(hit / count, 1 / 1.2), pow(hit / count_p, 1 / 1.2), 0.5);
    char line[256];
    snprintf(line, sizeof line, "sys ROUGE-W-1.2 Eval 1.sys R:%s P:%s F:%s", tri.r, tri.p, tri.f);
    assert_true(S_has_line(&out, line));

    /* SEE input gives the same numbers as SPL */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 2 -d see.xml sys", &out, &err), 0);
    assert_true(S_has_line(&out, "sys ROUGE-2 Eval 1.sys R:0.40000 P:0.40000 F:0.40000"));

    /* -z file list: eval 1, peer X (or the system ID given) */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 1 -x -d -z SPL list.txt", &out, &err), 0);
    assert_true(S_has_line(&out, "X ROUGE-1 Eval 1.X R:0.58333 P:0.58333 F:0.58333"));

    /* JSON: same numbers */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 1 -x --format json conf.xml sys", &out, &err), 0);
    json_object *root = json_tokener_parse(out.data);
    assert_non_null(root);
    json_object *results, *r0, *avg, *ci, *evals, *v;
    assert_true(json_object_object_get_ex(root, "results", &results));
    assert_int_equal(json_object_array_length(results), 1);
    r0 = json_object_array_get_idx(results, 0);
    assert_true(json_object_object_get_ex(r0, "metric", &v));
    assert_string_equal(json_object_get_string(v), "ROUGE-1");
    assert_true(json_object_object_get_ex(r0, "average", &avg));
    assert_true(json_object_object_get_ex(avg, "R", &v));
    assert_true(json_object_object_get_ex(r0, "ci", &ci));
    assert_true(json_object_object_get_ex(r0, "evals", &evals));
    assert_int_equal(json_object_array_length(evals), 2);
    assert_true(json_object_object_get_ex(json_object_array_get_idx(evals, 0), "R", &v));
    assert_true(fabs(json_object_get_double(v) - 0.58333) < 1e-12);
    json_object_put(root);

    /* a missing model is fatal, naming the file, after the blocks already done */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-n 1 missing.xml sys", &out, &err), 1);
    assert_non_null(strstr(err.data, "Cannot find model summary: m/nope.A"));
    /* usage errors */
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("conf.xml", &out, &err), 2);
    buf_clear(&out), buf_clear(&err);
    assert_int_equal(S_run("-a no-such-config.xml", &out, &err), 1);
    assert_non_null(strstr(err.data, "no-such-config.xml"));
    buf_free(&out);
    buf_free(&err);
    S_tmp_leave(&t);
}

/* ---- exactness against ROUGE-1.5.5
 * --------------------------------------------------------------- */

static const char *const S_runs[] = {
    "r1_l100_n4_su4_stem",    "r2_nolimit_stem",        "r3_nolimit_nostem",    "x4_l100_lcs_stem",
    "x5_l100_stopwords_stem", "x6_l100_bestmodel_stem", "x7_b665_su4_lcs_stem",
};

/* Runs the recorded command of runs/<id> (prefix "" or "edge/") from the reference folder and
 * returns the report-level output; compares stdout and stderr with the recorded ones. */
static void S_exact_run(const char *prefix, const char *id, buf *out)
{
    char path[1024];
    snprintf(path, sizeof path, REF_DIR "/%sruns/%s/command.txt", prefix, id);
    char *cmd = S_slurp(path);
    assert_non_null(cmd);
    const char *args = strstr(cmd, "ROUGE-1.5.5.pl");
    assert_non_null(args);
    args += strlen("ROUGE-1.5.5.pl");
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(REF_DIR), 0);
    buf err = BUF_INIT;
    int rc = S_run(args, out, &err);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    snprintf(path, sizeof path, REF_DIR "/%sruns/%s/output.txt", prefix, id);
    char *want_out = S_slurp(path);
    snprintf(path, sizeof path, REF_DIR "/%sruns/%s/stderr.txt", prefix, id);
    char *want_err = S_slurp(path);
    assert_non_null(want_out);
    assert_non_null(want_err);
    if (strcmp(out->data, want_out) != 0)
        fail_msg("%s%s: stdout differs from ROUGE-1.5.5's", prefix, id);
    if (strcmp(err.data, want_err) != 0)
        fail_msg("%s%s: stderr differs from ROUGE-1.5.5's:\n%s", prefix, id, err.data);
    free(want_out);
    free(want_err);
    free(cmd);
    buf_free(&err);
}

/* Checks every row of expected*.tsv (and CIs of expected*_averages.tsv) against the lines of
 * our stdout for the runs. */
static void S_check_tsv(const char *prefix, const char *tsv, const char *avg_tsv)
{
    buf outs[7];
    for (int i = 0; i < 7; i++) {
        outs[i] = (buf)BUF_INIT;
        S_exact_run(prefix, S_runs[i], &outs[i]);
    }
    char path[1024];
    snprintf(path, sizeof path, REF_DIR "/%s", tsv);
    char *data = S_slurp(path);
    assert_non_null(data);
    size_t rows = 0;
    char *save = NULL;
    strtok_r(data, "\n", &save);
    for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[7], *s2 = NULL;
        int k = 0;
        for (char *t = strtok_r(line, "\t", &s2); t && k < 7; t = strtok_r(NULL, "\t", &s2))
            f[k++] = t;
        assert_int_equal(k, 7);
        int run = -1;
        for (int i = 0; i < 7; i++)
            if (strcmp(f[0], S_runs[i]) == 0)
                run = i;
        assert_true(run >= 0);
        char want[512];
        if (strcmp(f[2], "ALL") == 0) {
            const char *st[3] = {"R", "P", "F"};
            for (int s = 0; s < 3; s++) {
                snprintf(want, sizeof want, "%s %s Average_%s: %s (95%%-conf.int.", f[1], f[3],
                         st[s], f[4 + s]);
                if (!strstr(outs[run].data, want))
                    fail_msg("%s: missing \"%s\"", f[0], want);
            }
        } else {
            snprintf(want, sizeof want, "%s %s Eval %s.%s R:%s P:%s F:%s", f[1], f[3], f[2], f[1],
                     f[4], f[5], f[6]);
            if (!S_has_line(&outs[run], want))
                fail_msg("%s: missing \"%s\"", f[0], want);
        }
        rows++;
    }
    print_message("%s: %zu rows match\n", tsv, rows);
    assert_true(rows > 400);
    free(data);

    snprintf(path, sizeof path, REF_DIR "/%s", avg_tsv);
    data = S_slurp(path);
    assert_non_null(data);
    rows = 0;
    save = NULL;
    strtok_r(data, "\n", &save);
    for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *f[9], *s2 = NULL;
        int k = 0;
        for (char *t = strtok_r(line, "\t", &s2); t && k < 9; t = strtok_r(NULL, "\t", &s2))
            f[k++] = t;
        assert_int_equal(k, 9);
        int run = -1;
        for (int i = 0; i < 7; i++)
            if (strcmp(f[0], S_runs[i]) == 0)
                run = i;
        assert_true(run >= 0);
        char want[512];
        snprintf(want, sizeof want, "%s %s Average_%s: %s (95%%-conf.int. %s - %s)", f[1], f[2],
                 f[3], f[4], f[5], f[6]);
        if (!S_has_line(&outs[run], want))
            fail_msg("%s: missing \"%s\"", f[0], want);
        rows++;
    }
    print_message("%s: %zu rows match\n", avg_tsv, rows);
    assert_int_equal(rows, 138);
    free(data);
    for (int i = 0; i < 7; i++)
        buf_free(&outs[i]);
}

static void test_exact_duc2002(void **state)
{
    (void)state;
    SKIP_WITHOUT_REF();
    S_check_tsv("", "expected.tsv", "expected_averages.tsv");
}

static void test_exact_edge(void **state)
{
    (void)state;
    SKIP_WITHOUT_REF();
    S_check_tsv("edge/", "expected_edge.tsv", "expected_edge_averages.tsv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_stem_examples), cmocka_unit_test(test_stem_vectors),
        cmocka_unit_test(test_tables),        cmocka_unit_test(test_tokenize),
        cmocka_unit_test(test_split_units),   cmocka_unit_test(test_word_count),
        cmocka_unit_test(test_limit_words),   cmocka_unit_test(test_limit_bytes),
        cmocka_unit_test(test_ngrams),        cmocka_unit_test(test_skip_bigrams),
        cmocka_unit_test(test_lcs_tiebreak),  cmocka_unit_test(test_wlcs),
        cmocka_unit_test(test_rounding),      cmocka_unit_test(test_drand48),
        cmocka_unit_test(test_bootstrap_ci),  cmocka_unit_test(test_config_xml),
        cmocka_unit_test(test_args),          cmocka_unit_test(test_e2e_tiny),
        cmocka_unit_test(test_exact_duc2002), cmocka_unit_test(test_exact_edge),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
