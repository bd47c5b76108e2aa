/* rouge_stem: ROUGE-1.5.5's modified Porter stemmer and its table lookups.
 *
 * The script's stemmer is written with Perl regexes; this file evaluates the same regexes by
 * hand. Two properties of the Perl code matter and are kept:
 *  - The conditions (m>0, m=1, m>1, *v*, *o) are regexes anchored at the start of the stem and
 *    are only used as yes/no tests, so what matters is whether *some* way of matching exists.
 *    They are evaluated by a tiny backtracking matcher over the script's own character
 *    classes (S_match), not by counting VC pairs as textbook Porter does: the script's classes
 *    differ slightly from the textbook's (`C = [^aeiou][^aeiouy]*`, `V = [aeiouy][aeiou]*`,
 *    L3283-L3291) and the backtracking search is the simplest way to be sure to agree.
 *  - A suffix alternation `(a|b|...)$` matches at the leftmost possible start, i.e. it picks
 *    the longest listed suffix the word ends with (S_longest_suffix).
 */
#include "eval/rouge_stem.h"

#include <stdlib.h>
#include <string.h>

/* ---- table lookups --------------------------------------------------------------------- */

static int S_cmp_key(const char *word, size_t len, const char *key)
{
    /* strcmp order of word[0..len) against the NUL-terminated key, in one pass. */
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)word[i], b = (unsigned char)key[i];
        if (b == 0)
            return 1; /* the key is a proper prefix of the word */
        if (a != b)
            return a < b ? -1 : 1;
    }
    return key[len] == 0 ? 0 : -1;
}

const char *rouge_exception_lookup(const char *word, size_t len)
{
    size_t lo = 0, hi = rouge_wordnet_exc_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = S_cmp_key(word, len, rouge_wordnet_exc[mid].key);
        if (c == 0)
            return rouge_wordnet_exc[mid].value;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

int rouge_is_stopword(const char *word, size_t len)
{
    size_t lo = 0, hi = rouge_smart_stopwords_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = S_cmp_key(word, len, rouge_smart_stopwords[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* ---- the regex conditions ---------------------------------------------------------------- */

/* Character classes of L3283-L3286. Everything that is not a lower-case vowel (digits, 'Y',
 * bytes >= 0x80) is a consonant, as in Perl's negated classes. */
static int S_is_aeiou(unsigned char ch)
{
    return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u';
}
static int S_is_aeiouy(unsigned char ch)
{
    return S_is_aeiou(ch) || ch == 'y';
}

/* Pattern elements. P_C = ${C} = [^aeiou][^aeiouy]*, P_V = ${V} = [aeiouy][aeiou]*,
 * P_v = [aeiouy], P_X = [^aeiouwxy], P_END = '$', P_ANY = end of an unanchored pattern. */
typedef enum { P_C, P_V, P_v, P_X, P_END, P_ANY } S_pel;

static int S_match(const char *s, size_t n, size_t pos, const S_pel *p)
{
    switch (*p) {
    case P_ANY:
        return 1;
    case P_END:
        return pos == n;
    case P_v:
        return pos < n && S_is_aeiouy((unsigned char)s[pos]) && S_match(s, n, pos + 1, p + 1);
    case P_X: {
        unsigned char ch = pos < n ? (unsigned char)s[pos] : 0;
        return pos < n && !S_is_aeiou(ch) && ch != 'w' && ch != 'x' && ch != 'y' &&
               S_match(s, n, pos + 1, p + 1);
    }
    case P_C:
    case P_V: {
        if (pos >= n)
            return 0;
        unsigned char first = (unsigned char)s[pos];
        if (*p == P_C ? S_is_aeiou(first) : !S_is_aeiouy(first))
            return 0;
        /* Try every length of the starred tail, as Perl's backtracking would. */
        for (size_t q = pos + 1;; q++) {
            if (S_match(s, n, q, p + 1))
                return 1;
            if (q >= n)
                return 0;
            unsigned char ch = (unsigned char)s[q];
            if (*p == P_C ? S_is_aeiouy(ch) : !S_is_aeiou(ch))
                return 0;
        }
    }
    }
    return 0;
}

/* `^(${C})?` + rest: the optional leading consonant sequence, tried both ways. */
static int S_match_optc(const char *s, size_t n, const S_pel *rest, size_t rest_len)
{
    S_pel with[8];
    with[0] = P_C;
    memcpy(with + 1, rest, rest_len * sizeof *rest);
    return S_match(s, n, 0, with) || S_match(s, n, 0, rest);
}

/* $mgr0 = ^(C)?VC : m > 0 */
static int S_m_gt0(const char *s, size_t n)
{
    static const S_pel rest[] = {P_V, P_C, P_ANY};
    return S_match_optc(s, n, rest, 3);
}

/* $mgr1 = ^(C)?VCVC : m > 1 */
static int S_m_gt1(const char *s, size_t n)
{
    static const S_pel rest[] = {P_V, P_C, P_V, P_C, P_ANY};
    return S_match_optc(s, n, rest, 5);
}

/* $meq1 = ^(C)?VC(V)?$ : m == 1 */
static int S_m_eq1(const char *s, size_t n)
{
    static const S_pel rest_v[] = {P_V, P_C, P_V, P_END};
    static const S_pel rest[] = {P_V, P_C, P_END};
    return S_match_optc(s, n, rest_v, 4) || S_match_optc(s, n, rest, 3);
}

/* $_v = ^(C)?v : the stem contains a vowel */
static int S_has_vowel(const char *s, size_t n)
{
    static const S_pel rest[] = {P_v, P_ANY};
    return S_match_optc(s, n, rest, 2);
}

/* ^${C}${v}[^aeiouwxy]$ : the *o condition. Note that it tests the whole string, so it only
 * holds for short stems (L3220, L3262). */
static int S_cvc(const char *s, size_t n)
{
    static const S_pel pat[] = {P_C, P_v, P_X, P_END};
    return S_match(s, n, 0, pat);
}

/* ---- suffix rules -------------------------------------------------------------------------- */

static int S_ends(const char *w, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(w + n - k, suffix, k) == 0;
}

typedef struct {
    const char *suffix, *repl;
} S_rule;

/* The longest listed suffix that w ends with (what Perl's leftmost match picks), or NULL. */
static const S_rule *S_longest_suffix(const char *w, size_t n, const S_rule *rules, size_t count)
{
    const S_rule *best = NULL;
    size_t best_len = 0;
    for (size_t i = 0; i < count; i++) {
        size_t k = strlen(rules[i].suffix);
        if (k > best_len && S_ends(w, n, rules[i].suffix)) {
            best = &rules[i];
            best_len = k;
        }
    }
    return best;
}

/* %step2list and %step3list (L3273-L3281). */
static const S_rule S_step2[] = {
    {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"}, {"anci", "ance"}, {"izer", "ize"},
    {"bli", "ble"},     {"alli", "al"},     {"entli", "ent"}, {"eli", "e"},     {"ousli", "ous"},
    {"ization", "ize"}, {"ation", "ate"},   {"ator", "ate"},  {"alism", "al"},  {"iveness", "ive"},
    {"fulness", "ful"}, {"ousness", "ous"}, {"aliti", "al"},  {"iviti", "ive"}, {"biliti", "ble"},
    {"logi", "log"},
};
static const S_rule S_step3[] = {
    {"icate", "ic"}, {"ative", ""}, {"alize", "al"}, {"iciti", "ic"},
    {"ical", "ic"},  {"ful", ""},   {"ness", ""},
};
/* Step 4, first test (L3247): CYL removed "ment" and "ent" from the textbook list and moved
 * them to two separate tests that run after it. */
static const S_rule S_step4[] = {
    {"al", ""},   {"ance", ""}, {"ence", ""},  {"er", ""},  {"ic", ""},  {"able", ""},
    {"ible", ""}, {"ant", ""},  {"ement", ""}, {"ou", ""},  {"ism", ""}, {"ate", ""},
    {"iti", ""},  {"ous", ""},  {"ive", ""},   {"ize", ""},
};

#define S_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Steps 2 and 3: replace the suffix when the stem before it has m > 0. */
static size_t S_replace_step(char *w, size_t n, const S_rule *rules, size_t count)
{
    const S_rule *r = S_longest_suffix(w, n, rules, count);
    if (!r)
        return n;
    size_t stem = n - strlen(r->suffix);
    if (!S_m_gt0(w, stem))
        return n;
    size_t k = strlen(r->repl);
    memcpy(w + stem, r->repl, k); /* never longer than the suffix it replaces */
    return stem + k;
}

size_t rouge_porter_stem(const char *word, size_t len, char *w)
{
    memmove(w, word, len); /* word and w may be the same buffer */
    w[len] = '\0';
    size_t n = len;
    if (len < 3) /* L3206 */
        return len;
    /* Initial y is upper-cased so that no pattern treats it as a vowel (L3208-L3209). */
    int first_y = w[0] == 'y';
    if (first_y)
        w[0] = 'Y';

    /* Step 1a: (ss|i)es$ -> ss|i ; else ([^s])s$ -> drop the s. */
    if (S_ends(w, n, "sses") || S_ends(w, n, "ies"))
        n -= 2;
    else if (n >= 2 && w[n - 1] == 's' && w[n - 2] != 's')
        n -= 1;

    /* Step 1b. */
    if (S_ends(w, n, "eed")) {
        if (S_m_gt0(w, n - 3))
            n -= 1; /* chop: eed -> ee */
    } else if (S_ends(w, n, "ed") || S_ends(w, n, "ing")) {
        size_t stem = n - (S_ends(w, n, "ed") ? 2 : 3);
        if (S_has_vowel(w, stem)) {
            n = stem;
            if (S_ends(w, n, "at") || S_ends(w, n, "bl") || S_ends(w, n, "iz")) {
                w[n++] = 'e';
            } else if (n >= 2 && w[n - 1] == w[n - 2] &&
                       !strchr("aeiouylsz", w[n - 1])) { /* ([^aeiouylsz])\1$ */
                n -= 1;
            } else if (S_cvc(w, n)) {
                w[n++] = 'e';
            }
        }
    }

    /* Step 1c: y$ -> i when the stem has a vowel. */
    if (n >= 1 && w[n - 1] == 'y' && S_has_vowel(w, n - 1))
        w[n - 1] = 'i';

    /* Steps 2 and 3. */
    n = S_replace_step(w, n, S_step2, S_COUNT(S_step2));
    n = S_replace_step(w, n, S_step3, S_COUNT(S_step3));

    /* Step 4 (CYL, L3243-L3254): three tests in a row, each on the previous result, so
     * suffixes can cascade (agreement -> agreem, replacement -> replac). */
    const S_rule *r = S_longest_suffix(w, n, S_step4, S_COUNT(S_step4));
    if (r && S_m_gt1(w, n - strlen(r->suffix)))
        n -= strlen(r->suffix);
    if (S_ends(w, n, "ment") && S_m_gt1(w, n - 4))
        n -= 4;
    if (S_ends(w, n, "ent")) {
        if (S_m_gt1(w, n - 3))
            n -= 3;
    } else if (S_ends(w, n, "sion") || S_ends(w, n, "tion")) {
        if (S_m_gt1(w, n - 3)) /* the stem keeps its s/t */
            n -= 3;
    }

    /* Step 5. */
    if (n >= 1 && w[n - 1] == 'e') {
        size_t stem = n - 1;
        if (S_m_gt1(w, stem) || (S_m_eq1(w, stem) && !S_cvc(w, stem)))
            n = stem;
    }
    if (S_ends(w, n, "ll") && S_m_gt1(w, n)) /* tested on the whole word, L3265 */
        n -= 1;

    if (first_y)
        w[0] = 'y';
    w[n] = '\0';
    return n;
}

const char *rouge_morph_stem(const char *word, size_t len, char *scratch, size_t *out_len)
{
    /* MorphStem lower-cases with tr/A-Z/a-z/ (ASCII only) before the lookup. */
    for (size_t i = 0; i < len; i++) {
        char ch = word[i];
        scratch[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
    }
    const char *exc = rouge_exception_lookup(scratch, len);
    if (exc) {
        *out_len = strlen(exc);
        return exc;
    }
    *out_len = rouge_porter_stem(scratch, len, scratch);
    return scratch;
}
