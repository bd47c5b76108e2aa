#include "text/token.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/alloc.h"
#include "corpus/corpus.h"
#include "text/utf8.h"

/* The rules are documented in token.h. One forward pass over the text; each word is lower-cased
 * into a scratch buffer, interned, and stemmed at most once per distinct term (the cache). */

/* The word cache: the hot path of tokenizing. A term of up to WORD_KEY bytes is looked up by
 * its bytes, stored inline, and gives its term id, stem id and stopword flag from one cache
 * line; the string table (several dependent loads per lookup) is only asked for new words.
 * Past a few hundred thousand words the table outgrows the processor's caches and a lookup
 * often waits for memory. Tokenizing does nothing about it: the lookup that hits is inline,
 * and the processor runs several words ahead and overlaps their misses on its own. A pass
 * that prefetched each sentence's slots first (when the lookup was a call) cost more than it
 * saved once it was inline (bench/results/dedup.md). */
enum { WORD_KEY = 20 };
typedef struct word_entry {
    char key[WORD_KEY];
    uint8_t len; /* 0: empty */
    uint8_t stop;
    uint16_t unused;
    uint32_t term, stem;
} word_entry;

struct tokenizer {
    struct sb_stemmer *stemmer;
    word_entry *words; /* open addressing, nwords_slots a power of two */
    size_t nwords, nwords_slots;
    uint32_t *stem_of; /* term id -> stem id, STRTAB_NONE until computed */
    uint8_t *stop_of;  /* term id -> STOP_UNKNOWN, STOP_YES, STOP_NO */
    size_t nstem_of, cap_stem_of;
    const strtab *terms, *stems; /* the tables the cache refers to */
    char *scratch;               /* the term being built */
    size_t scratch_cap;
};

/* Snowball allocates with plain malloc; like core/alloc, treat its failure as fatal. */
static void S_stemmer_oom(void)
{
    fputs("chorus: out of memory (Snowball stemmer)\n", stderr);
    abort();
}

tokenizer *tokenizer_new(void)
{
    tokenizer *t = xcalloc(1, sizeof *t);
    t->stemmer = sb_stemmer_new("english", "UTF_8");
    if (!t->stemmer) /* fails only when out of memory: English UTF-8 is always built in */
        S_stemmer_oom();
    t->scratch_cap = 64; /* S_key reads sixteen bytes of it whatever the word's length */
    t->scratch = xmalloc(t->scratch_cap);
    return t;
}

void tokenizer_free(tokenizer *t)
{
    if (!t)
        return;
    sb_stemmer_delete(t->stemmer);
    free(t->stem_of);
    free(t->stop_of);
    free(t->words);
    free(t->scratch);
    free(t);
}

/* The stopword list: the Snowball English stop list (snowball.tartarus.org, "english/stop.txt",
 * 174 words: pronouns, auxiliaries and their contractions, articles, prepositions, conjunctions,
 * a few adverbs), plus 65 further function words (modal verbs "can will may might must shall",
 * "also just even still already ever never now often", more prepositions and conjunctions, "us").
 * Sorted in byte order (strcmp), for the binary search in is_stopword. Reporting verbs ("said")
 * are deliberately not stopwords. */
static const char *const S_stopwords[] = {
    "a", "about", "above", "across", "after", "again", "against", "all", "almost", "along",
    "already", "also", "although", "am", "among", "amongst", "an", "and", "another", "any", "are",
    "aren't", "around", "as", "at", "be", "because", "been", "before", "behind", "being", "below",
    "beside", "besides", "between", "beyond", "both", "but", "by", "can", "can't", "cannot",
    "could", "couldn't", "despite", "did", "didn't", "do", "does", "doesn't", "doing", "don't",
    "down", "during", "each", "either", "else", "even", "ever", "every", "except", "few", "for",
    "from", "further", "had", "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he'd",
    "he'll", "he's", "hence", "her", "here", "here's", "hers", "herself", "him", "himself", "his",
    "how", "how's", "however", "i", "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is",
    "isn't", "it", "it's", "its", "itself", "just", "let's", "many", "may", "me", "might", "more",
    "most", "much", "must", "mustn't", "my", "myself", "neither", "never", "no", "nor", "not",
    "now", "of", "off", "often", "on", "once", "only", "onto", "or", "other", "ought", "our",
    "ours", "ourselves", "out", "over", "own", "per", "perhaps", "quite", "rather", "same",
    "several", "shall", "shan't", "she", "she'd", "she'll", "she's", "should", "shouldn't",
    "since", "so", "some", "still", "such", "than", "that", "that's", "the", "their", "theirs",
    "them", "themselves", "then", "there", "there's", "therefore", "these", "they", "they'd",
    "they'll", "they're", "they've", "this", "those", "though", "through", "throughout", "thus",
    "to", "too", "toward", "towards", "under", "unless", "until", "up", "upon", "us", "very",
    "via", "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what",
    "what's", "whatever", "when", "when's", "whenever", "where", "where's", "whereas", "wherever",
    "whether", "which", "whichever", "while", "who", "who's", "whoever", "whom", "whose", "why",
    "why's", "will", "with", "within", "without", "won't", "would", "wouldn't", "yet", "you",
    "you'd", "you'll", "you're", "you've", "your", "yours", "yourself", "yourselves",
};

int is_stopword(const char *w, size_t len)
{
    size_t lo = 0, hi = sizeof S_stopwords / sizeof *S_stopwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *s = S_stopwords[mid];
        size_t n = strlen(s);
        int c = memcmp(s, w, n < len ? n : len);
        if (c == 0)
            c = n < len ? -1 : n > len;
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

static uint32_t S_cp(const char *p, size_t len, size_t i, size_t *adv)
{
    unsigned char c = (unsigned char)p[i];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    return utf8_decode(p + i, len - i, adv);
}

static utf8proc_category_t S_cat(uint32_t cp) { return utf8proc_category((utf8proc_int32_t)cp); }

static int S_is_digit(uint32_t cp)
{
    return cp < 0x80 ? cp >= '0' && cp <= '9' : S_cat(cp) == UTF8PROC_CATEGORY_ND;
}

static int S_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    utf8proc_category_t c = S_cat(cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

/* Letters, digits (all numbers, e.g. "½"), and combining marks inside a word. */
static int S_is_wordchar(uint32_t cp, int inside)
{
    if (cp < 0x80)
        return S_is_letter(cp) || (cp >= '0' && cp <= '9');
    utf8proc_category_t c = S_cat(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
           (inside && c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static int S_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = S_cat(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

/* utf8_fold_char without the call for ASCII, where only the backtick folds (to '). */
static uint32_t S_fold(uint32_t cp)
{
    if (cp < 0x80)
        return cp == '`' ? '\'' : cp;
    return utf8_fold_char(cp);
}

static int S_is_space(uint32_t cp)
{
    if (cp < 0x80)
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return utf8_fold_char(cp) == ' ' || cp == 0x85 ||
           cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0x200B ||
           (cp >= 0x2000 && cp <= 0x200A);
}

static void S_scratch_put(tokenizer *t, size_t *n, const char *s, size_t len)
{
    if (*n + len > t->scratch_cap)
        t->scratch = xgrow(t->scratch, 1, &t->scratch_cap, *n + len);
    memcpy(t->scratch + *n, s, len);
    *n += len;
}

static void S_scratch_cp(tokenizer *t, size_t *n, uint32_t cp)
{
    char enc[4];
    if (cp < 0x80) {
        if (cp >= 'A' && cp <= 'Z')
            cp += 'a' - 'A';
        enc[0] = (char)cp;
        S_scratch_put(t, n, enc, 1);
        return;
    }
    cp = (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
    S_scratch_put(t, n, enc, utf8_encode(cp, enc));
}

enum { STOP_UNKNOWN = 0, STOP_YES, STOP_NO };

/* Makes the per-term caches cover term ids below `need`, emptying them when the tables are
 * not those they were filled for. */
static void S_cache_reserve(tokenizer *t, const strtab *terms, const strtab *stems, size_t need)
{
    if (t->terms != terms || t->stems != stems) {
        /* Other tables: the cached ids mean nothing there. */
        t->terms = terms;
        t->stems = stems;
        t->nstem_of = 0;
        t->nwords = 0;
        if (t->words)
            memset(t->words, 0, t->nwords_slots * sizeof *t->words);
    }
    if (need <= t->nstem_of)
        return;
    if (need > t->cap_stem_of) {
        size_t cap = t->cap_stem_of;
        t->stem_of = xgrow(t->stem_of, sizeof *t->stem_of, &cap, need);
        t->stop_of = xrealloc(t->stop_of, cap);
        t->cap_stem_of = cap;
    }
    for (size_t i = t->nstem_of; i < need; i++) {
        t->stem_of[i] = STRTAB_NONE;
        t->stop_of[i] = STOP_UNKNOWN;
    }
    t->nstem_of = need;
}

/* The stem id of term id `term` (text w, n bytes), computed once per term. Numbers and dotted
 * abbreviations ("u.s.", "3.5") are their own stem; a possessive "'s" is stripped first. */
static uint32_t S_stem(tokenizer *t, strtab *terms, strtab *stems, uint32_t term, const char *w,
                       size_t n, int stemmable)
{
    S_cache_reserve(t, terms, stems, (size_t)term + 1);
    if (t->stem_of[term] != STRTAB_NONE)
        return t->stem_of[term];
    const char *s = w;
    size_t sn = n;
    if (stemmable) {
        if (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's')
            n -= 2;
        const sb_symbol *r = sb_stemmer_stem(t->stemmer, (const sb_symbol *)w, (int)n);
        if (!r)
            S_stemmer_oom();
        s = (const char *)r;
        sn = (size_t)sb_stemmer_length(t->stemmer);
    }
    return t->stem_of[term] = strtab_intern(stems, s, sn);
}

/* Is term id `term` (text w, n bytes) a stopword? Looked up once per term (after S_stem, which
 * sized the cache). */
static int S_stop(tokenizer *t, uint32_t term, const char *w, size_t n)
{
    if (t->stop_of[term] == STOP_UNKNOWN)
        t->stop_of[term] = is_stopword(w, n) ? STOP_YES : STOP_NO;
    return t->stop_of[term] == STOP_YES;
}

/* The word cache's own hash of a short word (at most WORD_KEY bytes) read as 8-byte words: the
 * caller pads w with zeros to the next multiple of 8 (the keys are zero-padded anyway). Only
 * slot positions depend on it, never term ids (interned in first-seen order), so outputs do
 * not. */
static inline uint64_t S_word_hash(const char *w, size_t n)
{
    uint64_t h = n * 0x9e3779b97f4a7c15ull;
    for (size_t k = 0; k < n; k += 8) {
        uint64_t x;
        memcpy(&x, w + k, 8);
        h = (h ^ x) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
    }
    return h ^ (h >> 32);
}

/* The slot of word w[0..n) (n <= WORD_KEY), which must be followed by WORD_KEY zeros, as the
 * keys are (and S_word_hash reads to the next multiple of 8): the comparison is then of fixed
 * size, inlined (a memcmp call per lookup was a twentieth of tokenizing). */
static size_t S_word_slot(const word_entry *tab, size_t nslots, const char *w, size_t n)
{
    size_t mask = nslots - 1, i = (size_t)S_word_hash(w, n) & mask;
    while (tab[i].len && (tab[i].len != n || memcmp(tab[i].key, w, WORD_KEY) != 0))
        i = (i + 1) & mask;
    return i;
}

#ifdef __SSE2__
/* All ones in the first k bytes (k <= 16), zeros in the others. */
static __m128i S_first_bytes(unsigned k)
{
    const char idx[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    return _mm_cmplt_epi8(_mm_loadu_si128((const __m128i *)idx), _mm_set1_epi8((char)k));
}
#endif

/* The word in the scratch, scratch[0..n) with 0 < n <= WORD_KEY, followed by zeros in key.
 * Built in a register for the common short word: the word was just stored in the scratch
 * sixteen bytes at a time (S_letters), and storing zeros after it there made S_word_hash's
 * first read overlap two stores, which the processor cannot forward (a third of the word
 * lookup's time went to that wait). */
static void S_key(char key[2 * WORD_KEY], const tokenizer *t, size_t n)
{
#ifdef __SSE2__
    if (n <= 16) {
        __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)t->scratch),
                                  S_first_bytes((unsigned)n));
        _mm_storeu_si128((__m128i *)key, v);
        _mm_storeu_si128((__m128i *)(key + 16), _mm_setzero_si128());
        memset(key + 32, 0, 2 * WORD_KEY - 32);
        return;
    }
#endif
    memset(key, 0, 2 * WORD_KEY);
    memcpy(key, t->scratch, n);
}

#if defined(__GNUC__)
#define S_INLINE __attribute__((always_inline)) inline
#define S_NOINLINE __attribute__((noinline))
#else
#define S_INLINE inline
#define S_NOINLINE
#endif

S_NOINLINE static void S_word_new(tokenizer *t, strtab *terms, strtab *stems, size_t n,
                                  int stemmable, const char *key, uint32_t *term, uint32_t *stem,
                                  int *stop);

/* Term id, stem id and stopword flag of the word in the scratch, scratch[0..n): from the word
 * cache, or from the tables (then cached when short enough). The cache is for these tables
 * (tokenize called S_cache_reserve). Inline: it is called for every word, and the call and
 * its arguments cost as much as a lookup that hits. */
static S_INLINE void S_word(tokenizer *t, strtab *terms, strtab *stems, size_t n, int stemmable,
                            uint32_t *term, uint32_t *stem, int *stop)
{
    char key[2 * WORD_KEY]; /* the word zero-padded, for S_word_slot */
    if (n && n <= WORD_KEY) {
        S_key(key, t, n);
        if (t->words) {
            const word_entry *e = &t->words[S_word_slot(t->words, t->nwords_slots, key, n)];
            if (e->len) {
                *term = e->term;
                *stem = e->stem;
                *stop = e->stop;
                return;
            }
        }
    }
    S_word_new(t, terms, stems, n, stemmable, key, term, stem, stop);
}

/* S_word for a word not in the cache (key: as S_word made it, when n <= WORD_KEY). */
S_NOINLINE static void S_word_new(tokenizer *t, strtab *terms, strtab *stems, size_t n,
                                  int stemmable, const char *key, uint32_t *term, uint32_t *stem,
                                  int *stop)
{
    const char *w = t->scratch;
    *term = strtab_intern(terms, w, n);
    *stem = S_stem(t, terms, stems, *term, w, n, stemmable);
    *stop = S_stop(t, *term, w, n);
    if (!n || n > WORD_KEY)
        return;
    if ((t->nwords + 1) * 2 > t->nwords_slots) {
        size_t nn = t->nwords_slots ? t->nwords_slots * 2 : 4096;
        word_entry *tab = xcalloc(nn, sizeof *tab);
        for (size_t k = 0; k < t->nwords_slots; k++) {
            if (!t->words[k].len)
                continue;
            char padded[2 * WORD_KEY] = {0}; /* the key with the zeros S_word_slot reads */
            memcpy(padded, t->words[k].key, WORD_KEY);
            tab[S_word_slot(tab, nn, padded, t->words[k].len)] = t->words[k];
        }
        free(t->words);
        t->words = tab;
        t->nwords_slots = nn;
    }
    word_entry *e = &t->words[S_word_slot(t->words, t->nwords_slots, key, n)];
    memcpy(e->key, w, n);
    e->len = (uint8_t)n;
    e->stop = (uint8_t)*stop;
    e->term = *term;
    e->stem = *stem;
    t->nwords++;
}

static void S_push(token **out, size_t *len_out, size_t *cap, token tk)
{
    if (*len_out + 1 > *cap)
        *out = xgrow(*out, sizeof **out, cap, *len_out + 1);
    (*out)[(*len_out)++] = tk;
}

/* TOK_STOP for a stopword, but not for "US" in capitals (the country, not the pronoun): the
 * word in the scratch has n bytes, `letters` of them letters, all upper case or not. */
static uint32_t S_stop_flag(const tokenizer *t, size_t n, int letters, int all_upper, int stop)
{
    int us_caps = letters == 2 && all_upper && n == 2 && memcmp(t->scratch, "us", 2) == 0;
    return stop && !us_caps ? TOK_STOP : 0;
}

static int S_ascii_letter(unsigned char b) { return (unsigned)((b | 0x20) - 'a') <= 25u; }

#ifdef __SSE2__
/* Bit k set when p[k] is an ASCII letter, for the 16 bytes at p; *folded gets them with bit
 * 0x20 set (lower case for letters). (b | 0x20) - 'a' is below 26 for letters only; SSE2 has
 * no unsigned byte compare, so the difference is biased by -128 and compared signed. */
static unsigned S_letter_mask(const char *p, __m128i *folded)
{
    __m128i f = _mm_or_si128(_mm_loadu_si128((const __m128i *)p), _mm_set1_epi8(0x20));
    *folded = f;
    __m128i y = _mm_add_epi8(f, _mm_set1_epi8((char)(0x80 - 'a')));
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(y, _mm_set1_epi8(-128 + 26)));
}

/* Bit k set when p[k] has bit 0x20 set (lower case, for a letter), for the 16 bytes at p. */
static unsigned S_lower_mask(const char *p)
{
    __m128i b = _mm_and_si128(_mm_loadu_si128((const __m128i *)p), _mm_set1_epi8(0x20));
    return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(b, _mm_set1_epi8(0x20)));
}
#endif

/* Appends the run of ASCII letters at p[0..avail) to the scratch at *n, lower-cased, and
 * returns its length; *lower gets a non-zero bit when one of them was lower case. Words are
 * mostly such runs: sixteen bytes at a time, not a test and a store per letter. */
static size_t S_letters(tokenizer *t, size_t *n, const char *p, size_t avail, unsigned *lower)
{
    size_t run = 0;
#ifdef __SSE2__
    while (avail - run >= 16) {
        if (*n + run + 16 > t->scratch_cap)
            t->scratch = xgrow(t->scratch, 1, &t->scratch_cap, *n + run + 16);
        __m128i f;
        unsigned m = S_letter_mask(p + run, &f);
        unsigned lw = S_lower_mask(p + run);
        _mm_storeu_si128((__m128i *)(t->scratch + *n + run), f); /* bytes past the run: unused */
        if (m != 0xffffu) {
            unsigned k = (unsigned)__builtin_ctz(~m);
            *lower |= lw & ((1u << k) - 1);
            run += k;
            *n += run;
            return run;
        }
        *lower |= lw;
        run += 16;
    }
#endif
    size_t k = run;
    while (k < avail && S_ascii_letter((unsigned char)p[k]))
        k++;
    if (*n + k > t->scratch_cap)
        t->scratch = xgrow(t->scratch, 1, &t->scratch_cap, *n + k);
    for (size_t i = run; i < k; i++) {
        t->scratch[*n + i] = (char)(p[i] | 0x20);
        *lower |= (unsigned char)p[i] & 0x20u;
    }
    *n += k;
    return k;
}

/* S_letters for a run at the start of the scratch (*n is 0), inline for the commonest case:
 * a run shorter than sixteen letters with sixteen bytes to look at. Its bytes after the run
 * are stored as zeros. */
static S_INLINE size_t S_short_run(tokenizer *t, size_t *n, const char *p, size_t avail,
                                   unsigned *lower)
{
#ifdef __SSE2__
    if (avail >= 16) {
        __m128i f;
        unsigned m = S_letter_mask(p, &f);
        unsigned k = (unsigned)__builtin_ctz(~m | 0x10000u);
        if (k < 16) {
            __m128i keep = S_first_bytes(k);
            unsigned lw = S_lower_mask(p);
            _mm_storeu_si128((__m128i *)t->scratch, _mm_and_si128(f, keep)); /* cap >= 64 */
            *lower |= lw & ((1u << k) - 1);
            *n = k;
            return k;
        }
    }
#endif
    return S_letters(t, n, p, avail, lower);
}

/* Is there exactly a three-digit group at p[j..] ("100,000")? */
static int S_digit_group(const char *p, size_t len, size_t j)
{
    for (size_t k = 0; k < 3; k++)
        if (j + k >= len || p[j + k] < '0' || p[j + k] > '9')
            return 0;
    return j + 3 >= len || p[j + 3] < '0' || p[j + 3] > '9';
}

size_t tokenize(tokenizer *t, const char *text, size_t len, uint32_t base, strtab *terms,
                strtab *stems, struct token **out, size_t *len_out, size_t *cap)
{
    size_t before = *len_out, i = 0, adv;
    size_t last_word_end = SIZE_MAX; /* end of the previous word token */
    int last_word_s = 0;             /* ... and whether it ended in 's' (plural possessive) */
    uint32_t quote_term = STRTAB_NONE;
    if (!text)
        len = 0;
    S_cache_reserve(t, terms, stems, 0); /* empties the word cache when the tables changed */

    while (i < len) {
        unsigned char b0 = (unsigned char)text[i];
        if (b0 == ' ') {
            i++;
            continue;
        }
        /* Most words are ASCII letters ending at a space or a punctuation mark that cannot
         * join them to more (not an apostrophe, hyphen, backtick, digit or non-ASCII byte, nor
         * a period after two letters or fewer, "U.S."): they take this shorter path, with the
         * flags the general one below would give them. */
        if (S_ascii_letter(b0)) {
            size_t n = 0;
            unsigned lower = 0;
            size_t j = i + S_short_run(t, &n, text + i, len - i, &lower);
            unsigned char c = j < len ? (unsigned char)text[j] : ' ';
            if (c < 0x80 && !S_ascii_letter(c) && (c < '0' || c > '9') && c != '\'' && c != '-' &&
                c != '`' && (c != '.' || n > 2)) {
                uint32_t term, stem, flags = TOK_WORD | (b0 <= 'Z' ? TOK_CAP : 0);
                int stop;
                S_word(t, terms, stems, n, 1, &term, &stem, &stop);
                flags |= S_stop_flag(t, n, (int)n, !lower, stop);
                S_push(out, len_out, cap,
                       (token){base + (uint32_t)i, (uint32_t)n, term, stem, flags});
                last_word_end = j;
                last_word_s = t->scratch[n - 1] == 's';
                i = j;
                continue;
            }
        }
        uint32_t cp = S_cp(text, len, i, &adv);
        if (S_is_space(cp)) {
            i += adv;
            continue;
        }
        uint32_t f = S_fold(cp);
        if (f == '"' || f == '\'') {
            size_t j = i + adv, nadv = 0;
            uint32_t next = j < len ? S_cp(text, len, j, &nadv) : 0;
            if ((cp == '`' || cp == '\'') && next == cp) {
                j += nadv; /* PTB-style `` and '' are one quotation mark each */
            } else if (f == '\'' && i == last_word_end && last_word_s && !S_is_wordchar(next, 0)) {
                i = j; /* plural possessive "States'": part of the word, not a quote */
                continue;
            }
            if (f == '\'' && j == i + adv && S_is_digit(next)) {
                i = j; /* elision "'90s" */
                continue;
            }
            if (quote_term == STRTAB_NONE)
                quote_term = strtab_intern(terms, "\"", 1);
            token tk = {base + (uint32_t)i, (uint32_t)(j - i), quote_term,
                        S_stem(t, terms, stems, quote_term, "\"", 1, 0), TOK_QUOTE};
            S_push(out, len_out, cap, tk);
            i = j;
            continue;
        }
        if (!S_is_wordchar(cp, 0)) {
            i += adv; /* other punctuation and symbols are not tokens */
            continue;
        }

        /* A word: letters, digits and marks, with internal joiners. */
        size_t j = i, n = 0, seg = 0;
        int first_digit = S_is_digit(cp), cap_first = S_is_upper(cp), dotted = 0, has_digit = 0;
        int all_upper = 1, letters = 0, prev_letter = 0, prev_digit = 0;
        while (j < len) {
            /* ASCII letters, the bulk of every word, without decoding or table lookups. */
            unsigned lower = 0;
            size_t run = S_letters(t, &n, text + j, len - j, &lower);
            if (run) {
                letters += (int)run;
                seg += run;
                all_upper &= !lower;
                prev_letter = 1;
                prev_digit = 0;
                j += run;
                continue;
            }
            size_t a;
            uint32_t c = S_cp(text, len, j, &a);
            if (S_is_wordchar(c, 1)) {
                int letter = S_is_letter(c), digit = !letter && S_is_digit(c);
                if (letter) {
                    letters++;
                    seg++;
                    all_upper &= S_is_upper(c);
                }
                has_digit |= digit;
                prev_letter = letter;
                prev_digit = digit;
                S_scratch_cp(t, &n, c);
                j += a;
                continue;
            }
            size_t na = 0;
            uint32_t nc = j + a < len ? S_cp(text, len, j + a, &na) : 0;
            uint32_t fc = S_fold(c);
            int next_letter = j + a < len && S_is_letter(nc);
            int next_alnum = j + a < len && S_is_wordchar(nc, 0);
            if (fc == '\'' && c != '`' && prev_letter && next_letter) {
                S_scratch_put(t, &n, "'", 1); /* don't, Russia's, O'Neill */
            } else if ((c == '-' || c == 0x2010 || c == 0x2011) && (prev_letter || prev_digit) &&
                       next_alnum) {
                S_scratch_put(t, &n, "-", 1); /* de-escalate, 9-11 */
                seg = 0;
            } else if (c == '.' && prev_digit && j + a < len && S_is_digit(nc)) {
                S_scratch_put(t, &n, ".", 1); /* 3.5 */
            } else if (c == '.' && prev_letter && !has_digit && seg <= 2 && next_letter) {
                S_scratch_put(t, &n, ".", 1); /* U.S, a.m, Ph.D */
                dotted = 1;
                seg = 0;
            } else if (c == '.' && prev_letter && dotted && seg <= 3) {
                S_scratch_put(t, &n, ".", 1); /* the final period of U.S. */
                j += a;
                break;
            } else if (c == ',' && prev_digit && S_digit_group(text, len, j + a)) {
                S_scratch_put(t, &n, ",", 1); /* 100,000 */
            } else {
                break;
            }
            prev_letter = prev_digit = 0;
            j += a;
        }

        uint32_t flags = TOK_WORD;
        if (cap_first)
            flags |= TOK_CAP;
        if (first_digit)
            flags |= TOK_NUM;
        uint32_t term, stem;
        int stop;
        S_word(t, terms, stems, n, !first_digit && !dotted && !has_digit, &term, &stem, &stop);
        flags |= S_stop_flag(t, n, letters, all_upper, stop);
        token tk = {base + (uint32_t)i, (uint32_t)(j - i), term, stem, flags};
        S_push(out, len_out, cap, tk);
        last_word_end = j;
        last_word_s = n > 0 && t->scratch[n - 1] == 's';
        i = j;
    }
    return *len_out - before;
}
