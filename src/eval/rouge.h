/* rouge: an exact re-implementation of the ROUGE-1.5.5 Perl script (Chin-Yew Lin, 2005).
 *
 * Given the same configuration, files and options, `rouge_run` produces the same numbers as
 * `perl ROUGE-1.5.5.pl`, printed the same way byte for byte, and the same warnings. The
 * behaviour is specified in shared/data/rouge-reference/README.md (the shared data folder);
 * `Lnnn` in comments means line nnn of ROUGE-1.5.5.pl as that README numbers it. Many details
 * are odd on purpose (they are what the script does); each is commented where it is done.
 *
 * Module layout (all internal; the public API is proposed for include/chorus.h):
 *   rouge_args.c    the script's command line (Getopt::Std) -> rouge_options
 *   rouge_config.c  the XML evaluation config (readEvals) and the -z file list (readFileList)
 *   rouge_text.c    reading summaries (readText / readText_LCS), length limits, tokenizing
 *   rouge_score.c   ROUGE-N, -S/-SU, -L, -W and -BE counting and the rounded R/P/F triple
 *   rouge_stats.c   Perl's drand48, bootstrap averages, confidence intervals
 *   rouge.c         the run (peers x metrics x evals, caches, warnings) and the output
 *   rouge_stem.c    MorphStem: WordNet exceptions + ROUGE's modified Porter stemmer
 */
#ifndef CHORUS_EVAL_ROUGE_H
#define CHORUS_EVAL_ROUGE_H

#include <stddef.h>
#include <stdint.h>

#include "chorus.h"
#include "core/buf.h"

/* ---- options ----------------------------------------------------------------------------
 * Option values the script prints back ("-c 95", "-2 4", "-w 1.2") are kept as the strings
 * given, because Perl interpolates the string: `-2 04` prints ROUGE-SU04. The numeric value
 * is Perl's numification of that string (rouge_perl_num). */
typedef struct rouge_options {
    int has_n;            /* -n given; the script has no default, no -n means no ROUGE-N */
    double n_max;         /* -n: ROUGE-1 .. ROUGE-floor(n) */
    int no_lcs;           /* -x: no ROUGE-L (also implied by -3, L553) */
    const char *w_str;    /* -w weight for ROUGE-W, or NULL */
    double w;             /*    its value (> 0) */
    const char *gap_str;  /* -2 max gap for ROUGE-S, or NULL */
    double gap;           /*    its value; < 0 means no limit */
    int u;                /* -u: add unigrams to the skip-bigrams (ROUGE-SU) */
    int U;                /* -U: ROUGE-S and then ROUGE-SU */
    const char *be_mode;  /* -3 H|HM|HMR|HM1|HMR1|HMR2, or NULL */
    int m;                /* -m: stem with MorphStem */
    int M;                /* -M: stem the models only (undocumented; see rouge.c for its quirk) */
    int s;                /* -s: remove stopwords */
    double word_limit;    /* -l, 0 = none */
    double byte_limit;    /* -b, 0 = none */
    const char *f_str;    /* -f scoring formula: "A" model average (default), "B" best model;
                             any other string behaves as "A" (L1172-L1186) */
    double alpha;         /* -p, default 0.5 */
    const char *c_str;    /* -c confidence level as printed, default "95" */
    double c;             /*    its value */
    double r;             /* -r number of bootstrap samples, default 1000 */
    int t;                /* -t: 0 unit average (default), 1 token level, 2 raw counts */
    int d;                /* -d: print the per-evaluation scores */
    int a;                /* -a: evaluate every peer of the config */
    int v;                /* -v: accepted; the script's debug dump is not reproduced */
    const char *z_format; /* -z FORMAT: the config is a file list (readFileList), or NULL */
    const char *config_path;
    const char *system_id; /* peer to evaluate without -a (second argument), or NULL */
    int json;              /* chorus extension: --format json */
    int help;              /* -h (1) or -H (2) or --help: print rouge_usage() */
    /* bookkeeping of what was given, for the script's checks */
    int l_given, b_given, c_given, p_given;
    const char *t_str;
} rouge_options;

void rouge_options_init(rouge_options *o);

/* Parses the script's command line: argv[0] is the command name, then options in
 * Getopt::Std style ("-n 4", "-n4", bundled flags "-amx", "--" ends them), then
 * `config [systemID]`. `--format text|json` (a chorus extension) may appear anywhere.
 * Returns 0, or 2 for a usage error with the message (one line, no newline) in msg.
 * The strings in *o point into argv. Unknown options are reported in warnings as the
 * script's Getopt::Std does ("Unknown option: q\n") but do not fail, like the script.
 * -h, -H and --help set o->help and return 0 (the caller prints rouge_usage()). */
int rouge_parse_args(int argc, char **argv, rouge_options *o, buf *warnings, buf *msg);

/* The usage text (-h). */
const char *rouge_usage(void);

/* Perl's numification of a string: leading blanks, then the longest decimal-number prefix
 * ("95", "1.2", "1e3", ".5"); anything else gives 0. */
double rouge_perl_num(const char *s);

/* ---- configuration ----------------------------------------------------------------------- */
typedef struct rouge_member {
    char *id;
    char *file; /* as written in the config, trimmed; NULL if the element had no text */
} rouge_member;

typedef struct rouge_eval {
    char *id;
    char *peer_root;  /* NULL if absent: the script then builds "/file" */
    char *model_root; /* NULL if absent */
    char *format;     /* INPUT-FORMAT TYPE, NULL if absent */
    rouge_member *peers;
    size_t npeers;
    rouge_member *models; /* in config order; a repeated ID appears twice with the last file */
    size_t nmodels;
} rouge_eval;

typedef struct rouge_config {
    rouge_eval *evals; /* in config order */
    size_t nevals;
    char **peer_ids; /* every peer ID of the config, sorted in byte order (for -a) */
    size_t npeer_ids;
    int file_list; /* read with -z: paths are used as they are, without roots */
} rouge_config;

/* Reads the XML config at path (or, with file_list_format != NULL, the -z file list whose
 * peer is system_id). Returns CHORUS_OK or an error naming the file. */
chorus_code rouge_config_read(rouge_config *cfg, const char *path, const char *file_list_format,
                              const char *system_id, chorus_error *err);
/* Parses an XML config held in memory; name is used in messages. */
chorus_code rouge_config_parse_xml(rouge_config *cfg, const char *name, const char *data,
                                   size_t len, chorus_error *err);
void rouge_config_free(rouge_config *cfg);

/* ---- text reading and tokenizing (rouge_text.c) ------------------------------------------- */
typedef struct rouge_span {
    const char *p;
    size_t len;
} rouge_span;

/* Splits a file's bytes into the summary units of the given INPUT-FORMAT (SPL, SEE, ISI;
 * case-insensitive), lower-cased with ASCII tr/A-Z/a-z/. The units are appended to *units
 * (a malloc'd array) and their bytes, NUL-terminated, to *store; the spans point into store
 * and stay valid until store grows again (use one store per file). Returns 0, or -1 for a
 * format readText does not know (SIMPLE included: the script only reads it for -3). */
int rouge_split_units(const char *data, size_t len, const char *format, buf *store,
                      rouge_span **units, size_t *nunits);

/* Perl's split(/\s+/, s) field count: a leading blank gives an empty first field, trailing
 * empty fields are dropped (L1874). Whitespace is [ \t\n\r\f\v] only. */
size_t rouge_perl_word_count(const char *s, size_t len);

/* readText's length limit (L1861-L1923): appends to *out the joined text of the units cut at
 * word_limit words or byte_limit bytes (both 0: no limit). Returns 1 when the script's text is
 * defined, 0 when it is undefined (limit given and nothing kept): the script then prints
 * "readText: <path> -> empty text". */
int rouge_limit_join(const rouge_span *units, size_t nunits, double word_limit, double byte_limit,
                     buf *out);

/* readText_LCS's limit (L2063-L2104): the kept units, each appended NUL-terminated to *store
 * and recorded (offset, length) in offs/lens. Under -b this reader never counts bytes (the
 * quirk of L2089-L2104). Returns the number of units kept. */
size_t rouge_limit_units(const rouge_span *units, size_t nunits, double word_limit,
                         double byte_limit, buf *store, size_t **offs, size_t **lens);

/* The raw tokens of a text (L1924-L1930 then the split and `^[a-z0-9$]` test of createNGram):
 * maximal runs of ASCII letters and digits. Calls fn(ud, token, len) for each. */
void rouge_tokenize(const char *text, size_t len, void (*fn)(void *ud, const char *tok, size_t len),
                    void *ud);

/* ---- scoring (rouge_score.c) -------------------------------------------------------------- */

/* A multiset of grams over token ids, each `width` ids long (unigram keys of ROUGE-SU are
 * stored as (id, ROUGE_NO_ID)). Kept sorted so two sets intersect by merging. */
#define ROUGE_NO_ID UINT32_MAX
typedef struct rouge_grams {
    uint32_t *ids; /* count * width ids, sorted lexicographically by gram */
    size_t count;
    size_t width;
    size_t cap;
} rouge_grams;

void rouge_grams_free(rouge_grams *g);
/* createNGram (L2640-L2655): the T-n+1 windows of toks (none if T < n). */
void rouge_grams_ngram(rouge_grams *g, const uint32_t *toks, size_t ntoks, size_t n);
/* createSkipBigram (L2702-L2731): for i < T-1, the unigram t_i when with_unigrams, then the
 * pairs (t_i, t_j) for i < j <= i+gap+1 (no limit when gap < 0). The last token is never a
 * unigram. */
void rouge_grams_skip(rouge_grams *g, const uint32_t *toks, size_t ntoks, double gap,
                      int with_unigrams);
/* Clipped overlap sum_g min(peer(g), model(g)) (ngramScore L2215-L2243). */
size_t rouge_grams_hits(const rouge_grams *model, const rouge_grams *peer);
/* Sorts and installs the grams once they are all added (used by the builders above). */
void rouge_grams_sort(rouge_grams *g);

/* Summary-level union LCS of one model against the peer (lcs L2275-L2337): units are token
 * arrays. model_count/peer_count are the clipping unigram counts indexed by token id; they
 * are decremented for every hit (peer_count must be a fresh copy per model, L1396).
 * Returns the hits; *base receives the number of model tokens. */
typedef struct rouge_units {
    uint32_t **toks;
    size_t *lens;
    size_t count;
} rouge_units;
size_t rouge_lcs_hits(const rouge_units *model, const rouge_units *peer, int32_t *model_count,
                      int32_t *peer_count, size_t *base);
/* ROUGE-W (wlcs L2383-L2517): weighted hits; *base receives sum over units of len^w. */
double rouge_wlcs_hits(const rouge_units *model, const rouge_units *peer, double w,
                       int32_t *model_count, int32_t *peer_count, double *base);

/* The score triple the script stores per evaluation (L1191-L1216): R = hit/count and
 * P = hit/count_p formatted "%7.5f", F computed from the two *rounded strings* with alpha,
 * then "%7.5f". A zero denominator gives 0. */
typedef struct rouge_triple {
    char r[32], p[32], f[32];
} rouge_triple;
void rouge_triple_from(rouge_triple *t, double hit, double count, double count_p, double alpha);
/* The same from R and P values already divided (ROUGE-W applies its inverse power first). */
void rouge_triple_set(rouge_triple *t, double r, double p, double alpha);
/* F from two rounded strings (exposed for tests). */
double rouge_f_from_strings(const char *r, const char *p, double alpha);

/* ---- statistics (rouge_stats.c) ------------------------------------------------------------ */

/* Perl's srand/rand (perl >= 5.20, and glibc drand48 before): a 48-bit LCG. */
typedef struct rouge_rng {
    uint64_t x;
} rouge_rng;
void rouge_rng_seed(rouge_rng *r, uint32_t seed);
double rouge_rng_next(rouge_rng *r); /* [0, 1) */

/* One scored instance: its three numbers as Perl sees them (the %7.5f strings for -t 0, the
 * raw counts for -t 1/2). */
typedef struct rouge_inst {
    double v[3];
} rouge_inst;

/* computeAverages (L802-L968) on instances in *string order of their keys*. For t = 0/1 fills
 * avg, ci_low, ci_high (each "%7.5f") for R, P, F from `resamples` bootstrap samples; for
 * t = 2 fills counts (the int() of the three sums). */
typedef struct rouge_average {
    char avg[3][32], low[3][32], high[3][32];
    char counts[3][32];
} rouge_average;
void rouge_compute_average(const rouge_inst *inst, size_t n, int t, double resamples, double conf,
                           double alpha, rouge_average *out);

/* Perl's default stringification of a number ("%.15g"), for raw counts. */
void rouge_perl_num_str(double x, char *out, size_t cap);

/* ---- the run (rouge.c) -------------------------------------------------------------------- */

typedef struct rouge_row {
    char *eval_id;
    char *key;     /* "<EVAL ID>.<peer ID>", what the script prints */
    char v[3][32]; /* as printed: "%7.5f" strings (-t 0) or Perl-formatted raw counts */
    double num[3]; /* the numbers the averages use (full precision for the raw counts) */
} rouge_row;

typedef struct rouge_block {
    char *peer;
    char *metric; /* "ROUGE-1", "ROUGE-L", "ROUGE-W-1.2", "ROUGE-SU4", "ROUGE-BE-HM" ... */
    rouge_average avg;
    rouge_row *rows; /* in the script's -d order (by_evalID) */
    size_t nrows;
} rouge_block;

typedef struct rouge_report {
    rouge_block *blocks; /* in the order the script prints them */
    size_t nblocks;
} rouge_report;

/* Receives each warning line (no trailing newline) when the script would print it on stderr. */
typedef void (*rouge_warn_fn)(void *ud, const char *line);

/* Runs the evaluation. Blocks computed before a fatal error stay in *rep (the script prints
 * them before it dies), and the error message is the script's die text
 * ("Cannot find model summary: <path>", "Cannot open <path>" ...). */
chorus_code rouge_run(const rouge_options *o, const rouge_config *cfg, rouge_report *rep,
                      rouge_warn_fn warn, void *warn_ud, chorus_error *err);
void rouge_report_free(rouge_report *rep);

/* The script's stdout for the report (printResults / printPerEvalData). */
void rouge_report_text(const rouge_options *o, const rouge_report *rep, buf *out);
/* The same numbers as JSON; the shape is documented in rouge.c and docs/rouge.md. */
void rouge_report_json(const rouge_options *o, const rouge_report *rep, buf *out);

/* The whole command for the CLI and the tests: parse argv (argv[0] = "rouge"), read the
 * config, run, render text or JSON into out. Warnings go to warn as they happen (the script's
 * stderr lines, without the newline). Returns 0, 1 (error) or 2 (usage); for 1 and 2 the
 * message "chorus rouge: ...\n" is appended to errmsg. On an error, out still holds the
 * blocks computed before it, as the script's stdout does. */
int rouge_main(int argc, char **argv, buf *out, rouge_warn_fn warn, void *warn_ud, buf *errmsg);

#endif
