#include "clean/clean.h"

#include <ctype.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

#include "ingest/ingest.h"
#include "text/token.h"
#include "text/utf8.h"

/* Paragraphs longer than this are prose whatever words they contain: boilerplate is short. */
enum { BOILERPLATE_MAX_WORDS = 30 };

#ifdef __SSE2__
/* Folds the 16 ASCII bytes at p into out when each of them gives exactly one byte: none is
 * 0x80 or above and no blank needs collapsing (a blank after a blank, or first while *space
 * says the output ends in a blank). Returns 0 otherwise, and S_fold takes the byte loop.
 * Ordinary prose is ASCII with single spaces, so nearly every block of it comes through here. */
static int S_fold16(const char *p, char *out, int *space)
{
    __m128i x = _mm_loadu_si128((const __m128i *)p);
    if (_mm_movemask_epi8(x))
        return 0;
    __m128i blank = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\t'))),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\r'))));
    unsigned ws = (unsigned)_mm_movemask_epi8(blank);
    if (ws & (ws << 1 | (unsigned)*space))
        return 0;
    /* The bytes are below 0x80, so the signed compares order them as unsigned. */
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('A' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('Z' + 1)));
    __m128i tick = _mm_cmpeq_epi8(x, _mm_set1_epi8('`'));
    x = _mm_or_si128(x, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    /* '`' and the blanks are replaced whole: clear them, then or in '\'' or ' ' */
    __m128i swap = _mm_or_si128(tick, blank);
    x = _mm_or_si128(_mm_andnot_si128(swap, x),
                     _mm_or_si128(_mm_and_si128(tick, _mm_set1_epi8('\'')),
                                  _mm_and_si128(blank, _mm_set1_epi8(' '))));
    _mm_storeu_si128((__m128i *)out, x);
    *space = (int)(ws >> 15);
    return 1;
}
#endif

/* ASCII-lower-cased copy of at most cap-1 bytes, typographic quotes folded, spaces collapsed. */
static size_t S_fold(const char *p, size_t len, char *out, size_t cap)
{
    size_t n = 0, i = 0;
    int space = 1;
#ifdef __SSE2__
    size_t bytewise_until = 0; /* the end of a block S_fold16 refused: no use asking again */
#endif
    while (i < len && n + 4 < cap) {
#ifdef __SSE2__
        /* The byte loop would take all 16 bytes too: each gives one byte, and n + 4 < cap
         * holds up to the last of them when n + 20 <= cap. */
        if (i >= bytewise_until && i + 16 <= len && n + 20 <= cap) {
            if (S_fold16(p + i, out + n, &space)) {
                i += 16;
                n += 16;
                continue;
            }
            bytewise_until = i + 16;
        }
#endif
        size_t adv = 1;
        unsigned char b = (unsigned char)p[i];
        uint32_t cp = b < 0x80 ? (b == '`' ? '\'' : b)
                               : utf8_fold_char(utf8_decode(p + i, len - i, &adv));
        i += adv;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            if (!space)
                out[n++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        if (cp < 0x80)
            out[n++] = (char)(cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp);
        else
            n += utf8_encode(cp, out + n);
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

/* A string constant with its length, so that no hot loop calls strlen. */
typedef struct lit {
    const char *s;
    size_t len;
} lit;
#define LIT(text) {text, sizeof text - 1}

/* Whether s[0..n) starts with prefix[0..plen). */
static int S_starts(const char *s, size_t n, const char *prefix, size_t plen)
{
    return n >= plen && memcmp(s, prefix, plen) == 0;
}
#define STARTS(s, n, text) S_starts(s, n, text, sizeof text - 1)

static const char *const SIGNUP[] = {"sign up", "signup", "sign-up", "subscribe", "newsletter",
                                     "an email has been sent", "unsubscribe", "inbox", NULL};
static const char *const COMMENT_FORM[] = {"leave a reply", "leave a comment", "post a comment",
                                           "your email address will not be published",
                                           "required fields are marked", "comment policy",
                                           "cancel reply", "you must be logged in", NULL};
static const lit LINK_PREFIX[] = {LIT("click:"),    LIT("click here"),    LIT("read more"),
                                  LIT("read also"), LIT("related:"),      LIT("see also:"),
                                  LIT("more:"),     LIT("watch:"),        LIT("listen:"),
                                  LIT("read the full"), LIT("also read"), LIT("recommended:")};
/* "(R)" alone is also a US party label ("Sen. Ames (R) said"), so it needs an "(L)" too. */
static const char *const CAPTION[] = {"(l)", "(l-r)", "(left)", "(center)", "photo:", "photo by", "photograph:",
                                      "ap photo", "getty images", "/ reuters", "/reuters",
                                      "/afp", "image:", "file photo", "(photo", NULL};
static const char *const CREDIT[] = {"contributed reporting", "contributed to this report",
                                     "reporting by", "editing by", "writing by",
                                     "additional reporting", NULL};

/* Teasers that announce another story whatever their punctuation. */
static const char *const TEASER[] = {"here's what you need to know", "what you need to know",
                                     "here's what we know", "what we know so far", "live updates:",
                                     "opinion:", "analysis:", "video:", "watch live", NULL};
enum { TEASER_MAX_WORDS = 16 };

/* Which of the needle lists above occur in a folded paragraph, in one pass over it instead of
 * a strstr per needle (cleaning ran some forty strstr calls on every short paragraph).
 *
 * At each position where a word or punctuation starts (S_starts16), a hash of the next three
 * bytes picks the needles that may start there (every needle has three bytes or more); a
 * needle's first four bytes, compared as one word, turn away nearly all of those before any
 * memcmp. */
enum { IN_COMMENT_FORM = 1, IN_SIGNUP = 2, IN_CREDIT = 4, IN_CAPTION = 8, IN_TEASER = 16,
       IN_RIGHTS = 32 };

enum { NEEDLE_MIN_LEN = 3 };

typedef struct needle_index {
    int ready;
    size_t n;
    const char *text[64];
    uint8_t len[64], list[64];
    uint32_t head[64], head_mask[64]; /* the needle's first 4 bytes as S_word4 reads them, and
                                         which of them to compare (3 for a 3-byte needle) */
    uint64_t by_start[1024]; /* bit k: needle k may start with these three bytes (S_start_key) */
} needle_index;

/* The four bytes at s as one word, in memory order (memcpy: s need not be aligned). */
static uint32_t S_word4(const char *s)
{
    uint32_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

/* The mask that keeps the first three bytes of a word from S_word4, whatever the byte order
 * (a constant once compiled). */
static uint32_t S_mask3(void)
{
    static const unsigned char m[4] = {0xff, 0xff, 0xff, 0};
    return S_word4((const char *)m);
}

/* A hash (0..1023) of the first three bytes of a word from S_word4: needles and text go through
 * the same path, so the byte order does not matter. */
static size_t S_start_key(uint32_t w, uint32_t mask3) { return ((w & mask3) * 0x9E3779B1u) >> 22; }

static const char *const RIGHTS[] = {"all rights reserved", NULL};

#define NNEEDLES(list) (sizeof list / sizeof *list - 1)
_Static_assert(NNEEDLES(COMMENT_FORM) + NNEEDLES(SIGNUP) + NNEEDLES(CREDIT) + NNEEDLES(CAPTION) +
                       NNEEDLES(TEASER) + NNEEDLES(RIGHTS) <= 64,
               "needle_index holds 64 needles");

/* Not inlined: GCC would then recompute the thread-local address at every position of the
 * scan in S_lists_in instead of keeping the returned pointer in a register. */
__attribute__((noinline)) static const needle_index *S_needles(void)
{
    /* Built once per thread: no locking, and every thread builds the same table. */
    static _Thread_local needle_index ix;
    if (ix.ready)
        return &ix;
    const char *const *lists[] = {COMMENT_FORM, SIGNUP, CREDIT, CAPTION, TEASER, RIGHTS};
    uint32_t mask3 = S_mask3();
    for (size_t l = 0; l < sizeof lists / sizeof *lists; l++)
        for (const char *const *q = lists[l]; *q; q++) {
            size_t k = ix.n++, len = strlen(*q);
            if (len < NEEDLE_MIN_LEN)
                abort(); /* S_lists_in would never look for it */
            char head[4] = {0};
            unsigned char mask[4] = {0};
            for (size_t b = 0; b < 4 && b < len; b++) {
                head[b] = (*q)[b];
                mask[b] = 0xff;
            }
            ix.text[k] = *q;
            ix.len[k] = (uint8_t)len;
            ix.list[k] = (uint8_t)(1u << l);
            ix.head[k] = S_word4(head);
            ix.head_mask[k] = S_word4((const char *)mask);
            ix.by_start[S_start_key(ix.head[k], mask3)] |= 1ull << k;
        }
    ix.ready = 1;
    return &ix;
}

/* Which lists the needles in m (bits of by_start) that start at s, of which n bytes remain,
 * come from; w is S_word4(s). */
static unsigned S_matches(const needle_index *ix, const char *s, size_t n, uint32_t w, uint64_t m)
{
    unsigned found = 0;
    while (m) {
        int k = __builtin_ctzll(m);
        m &= m - 1;
        /* The first four bytes decide (a 4-byte needle that would run past n meets the '\0'
         * at s[n]); only the rest of a longer needle needs memcmp. */
        if ((w & ix->head_mask[k]) == ix->head[k] && ix->len[k] <= n &&
            (ix->len[k] <= 4 || memcmp(s + 4, ix->text[k] + 4, ix->len[k] - 4u) == 0))
            found |= ix->list[k];
    }
    return found;
}

#ifdef __SSE2__
/* 0xFF for each byte of x that is an ASCII letter or digit (S_fold lower-cased the letters):
 * c - 'a' < 26 or c - '0' < 10, unsigned, done as signed compares on bytes biased by 0x80. */
static __m128i S_word_bytes16(__m128i x)
{
    const __m128i bias = _mm_set1_epi8((char)0x80);
    __m128i letter = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(x, _mm_set1_epi8('a')), bias),
                                    _mm_set1_epi8((char)(0x80 + 26)));
    __m128i digit = _mm_cmplt_epi8(_mm_xor_si128(_mm_sub_epi8(x, _mm_set1_epi8('0')), bias),
                                   _mm_set1_epi8((char)(0x80 + 10)));
    return _mm_or_si128(letter, digit);
}
#endif

/* The positions of s[at..at+16) where a needle is looked for, as bits (bit k for s[at + k]):
 * not a space, and not a letter or digit that follows one. A needle is found where a word or
 * punctuation starts ("sign up", "/reuters", "(l)"), not inside a word: "heap photosensitivity"
 * holds no "ap photo" caption, "typewriting by" no "writing by" credit (matching anywhere
 * removed such prose), and most positions of a paragraph need no look at all. s must have 17
 * readable bytes from at - 1. */
static unsigned S_starts16(const char *s, size_t at)
{
#ifdef __SSE2__
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + at));
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + at - 1));
    __m128i skip = _mm_or_si128(_mm_and_si128(S_word_bytes16(x), S_word_bytes16(y)),
                                _mm_cmpeq_epi8(x, _mm_set1_epi8(' ')));
    return ~(unsigned)_mm_movemask_epi8(skip) & 0xFFFFu;
#else
#define S_WORD_BYTE(c) ((unsigned)((c) - 'a') < 26u || (unsigned)((c) - '0') < 10u)
    unsigned m = 0;
    for (int k = 0; k < 16; k++) {
        unsigned char c = (unsigned char)s[at + k], prev = (unsigned char)s[at + k - 1];
        m |= (unsigned)(c != ' ' && !(S_WORD_BYTE(c) && S_WORD_BYTE(prev))) << k;
    }
    return m;
#undef S_WORD_BYTE
#endif
}

/* Which lists have a needle in the folded paragraph s[0..n). s must be preceded by a space
 * and followed by 16 readable bytes (S_classify's buffer: the word read at the last position
 * a needle fits in, n - 3, takes s[n] too, and positions are classified sixteen at a time). */
static unsigned S_lists_in(const char *s, size_t n)
{
    if (n < NEEDLE_MIN_LEN)
        return 0;
    const needle_index *ix = S_needles();
    uint32_t mask3 = S_mask3();
    unsigned found = 0;
    size_t last = n - NEEDLE_MIN_LEN;
    for (size_t at = 0; at <= last; at += 16) {
        unsigned m = S_starts16(s, at);
        if (last - at < 15)
            m &= (2u << (last - at)) - 1; /* positions up to last only */
        while (m) {
            const char *q = s + at + (unsigned)__builtin_ctz(m);
            m &= m - 1;
            uint32_t w = S_word4(q);
            uint64_t cand = ix->by_start[S_start_key(w, mask3)];
            if (cand)
                found |= S_matches(ix, q, (size_t)(s + n - q), w, cand);
        }
    }
    return found;
}

static int S_is_url(const char *s, size_t n)
{
    if (!(STARTS(s, n, "http://") || STARTS(s, n, "https://") || STARTS(s, n, "www.")))
        return 0;
    return strchr(s, ' ') == NULL;
}

/* A credit line of a wire story can be long ("Lee reported from Washington. Jo Park in Geneva,
 * ... contributed."); its ending gives it away whatever its length. */
enum { CREDIT_MAX_WORDS = 90 };
static const lit CREDIT_TAIL[] = {LIT(" contributed."), LIT(" contributed reporting."),
                                  LIT(" contributed to this report."),
                                  LIT(" contributed to this story.")};

static int S_credit_tail(const char *p, size_t len)
{
    /* Most prose ends in '.', so the next-to-last byte turns away the rest before memcmp. */
    for (size_t t = 0; t < sizeof CREDIT_TAIL / sizeof *CREDIT_TAIL; t++) {
        size_t n = CREDIT_TAIL[t].len;
        if (len >= n && p[len - 2] == CREDIT_TAIL[t].s[n - 2] &&
            memcmp(p + len - n, CREDIT_TAIL[t].s, n) == 0)
            return 1;
    }
    return 0;
}

/* The wire services' own copyright lines: "c.1998 N.Y. Times News Service", "(c) 1998 The
 * Washington Post" (caught above) and a short line that is only a service's name. */
static int S_wire_copyright(const char *s, size_t n, size_t words)
{
    int year = n >= 6;
    for (size_t i = 2; i < 6 && year; i++)
        year = isdigit((unsigned char)s[i]);
    if (year && s[0] == 'c' && s[1] == '.')
        return 1;
    static const char tail[] = "news service";
    size_t t = sizeof tail - 1;
    return words <= 6 && n >= t && memcmp(s + n - t, tail, t) == 0;
}

enum { FOLD_CAP = 512 }; /* S_classify folds this many bytes of a paragraph at most */

/* clean_paragraph, also giving the word count it took (up to BOILERPLATE_MAX_WORDS + 1, exact
 * below that), which clean_article needs again. */
static clean_reason S_classify(const char *p, size_t len, size_t *nwords)
{
    /* The folded paragraph, with a space before it and 16 bytes after it for S_lists_in,
     * which classifies positions sixteen at a time and looks at the byte before each. */
    char folded[1 + FOLD_CAP + 16], *s = folded + 1;
    folded[0] = ' ';
    int credit_tail = S_credit_tail(p, len);
    size_t words =
        utf8_count_words_max(p, len, credit_tail ? CREDIT_MAX_WORDS : BOILERPLATE_MAX_WORDS);
    *nwords = words;
    if (words <= CREDIT_MAX_WORDS && credit_tail)
        return CLEAN_CREDIT;
    if (words > BOILERPLATE_MAX_WORDS)
        return CLEAN_KEEP;
    size_t n = S_fold(p, len, s, FOLD_CAP);
    memset(s + n + 1, 0, 16);
    if (n == 0)
        return CLEAN_KEEP;
    if (S_is_url(s, n))
        return CLEAN_URL;
    char date[11];
    if (ingest_parse_date(s, n, date))
        return CLEAN_DATE;
    unsigned in = S_lists_in(s, n);
    if (in & IN_COMMENT_FORM)
        return CLEAN_COMMENT_FORM;
    if (in & IN_SIGNUP)
        return CLEAN_SIGNUP;
    for (size_t q = 0; q < sizeof LINK_PREFIX / sizeof *LINK_PREFIX; q++)
        if (s[0] == LINK_PREFIX[q].s[0] && S_starts(s, n, LINK_PREFIX[q].s, LINK_PREFIX[q].len))
            return CLEAN_LINK;
    if (in & IN_CREDIT)
        return CLEAN_CREDIT;
    if (in & IN_CAPTION)
        return CLEAN_CAPTION;
    if (words <= TEASER_MAX_WORDS && (in & IN_TEASER))
        return CLEAN_TEASER;
    if ((in & IN_RIGHTS) || STARTS(s, n, "(c) ") || STARTS(s, n, "copyright ") ||
        STARTS(s, n, "\xc2\xa9") || S_wire_copyright(s, n, words))
        return CLEAN_COPYRIGHT;
    return CLEAN_KEEP;
}

clean_reason clean_paragraph(const char *p, size_t len)
{
    size_t words;
    return S_classify(p, len, &words);
}

const char *clean_reason_name(clean_reason r)
{
    static const char *const names[] = {"keep",    "signup",  "comment-form", "link",
                                        "caption", "credit",  "url",          "date",
                                        "copyright", "heading", "teaser",     "repeated"};
    return (size_t)r < sizeof names / sizeof *names ? names[r] : "unknown";
}

/* ---- context rules: headings and teasers ------------------------------------------------- */

enum { HEADLINE_MAX_WORDS = 16, HEADING_MAX_SHORT = 4, ECHO_PARAGRAPHS = 2 };
_Static_assert((int)HEADLINE_MAX_WORDS < (int)BOILERPLATE_MAX_WORDS,
               "S_classify counts all the words of a headline");

/* Length of the closing quotes/brackets at the end of s[0..n). */
static size_t S_closers(const char *s, size_t n)
{
    size_t k = 0;
    for (;;) {
        if (k < n && (s[n - k - 1] == '"' || s[n - k - 1] == '\'' || s[n - k - 1] == ')' ||
                      s[n - k - 1] == ']')) {
            k++;
            continue;
        }
        /* ” and ’ are E2 80 9D / E2 80 99 */
        if (k + 3 <= n && (unsigned char)s[n - k - 3] == 0xE2 && (unsigned char)s[n - k - 2] == 0x80 &&
            ((unsigned char)s[n - k - 1] == 0x9D || (unsigned char)s[n - k - 1] == 0x99)) {
            k += 3;
            continue;
        }
        return k;
    }
}

/* A line that reads like a headline: short, capitalized, no sentence punctuation at the end.
 * w is its word count as S_classify gave it (exact up to BOILERPLATE_MAX_WORDS). */
static int S_headline_like(const char *p, size_t len, size_t w)
{
    if (w == 0 || w > HEADLINE_MAX_WORDS)
        return 0;
    size_t n = len - S_closers(p, len);
    if (n == 0)
        return 0;
    char last = p[n - 1];
    if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',')
        return 0;
    if (n >= 3 && memcmp(p + n - 3, "\xe2\x80\xa6", 3) == 0) /* … */
        return 0;
    unsigned char first = (unsigned char)p[0];
    return isupper(first) || isdigit(first) || first == '$' || first >= 0x80;
}

/* The content words of a line as crude stems: lower-case ASCII words of 3+ letters that are not
 * stopwords, cut to 5 letters so that "authorized" meets "authorizes". Returns how many. */
enum { MAX_KEYS = 64, KEY_LEN = 5 };
static size_t S_keys(const char *p, size_t len, char keys[][KEY_LEN + 1], size_t cap)
{
    size_t n = 0, i = 0;
    while (i < len && n < cap) {
        while (i < len && !isalnum((unsigned char)p[i]))
            i++;
        size_t b = i;
        while (i < len && (isalnum((unsigned char)p[i]) || p[i] == '-'))
            i++;
        size_t wl = i - b;
        if (wl < 3)
            continue;
        char w[64];
        size_t m = wl < sizeof w ? wl : sizeof w - 1;
        for (size_t k = 0; k < m; k++)
            w[k] = (char)tolower((unsigned char)p[b + k]);
        if (is_stopword(w, m))
            continue;
        size_t kl = m < KEY_LEN ? m : KEY_LEN;
        memcpy(keys[n], w, kl);
        keys[n][kl] = '\0';
        n++;
    }
    return n;
}

/* Share of the line's content words that come back in the next prose paragraphs: a section
 * heading announces what follows, a teaser for another story does not. */
static double S_echo(const clean_para *paras, size_t n, size_t at, const clean_reason *out,
                     const uint8_t *headline)
{
    char keys[MAX_KEYS][KEY_LEN + 1], other[256][KEY_LEN + 1];
    size_t nk = S_keys(paras[at].text, paras[at].len, keys, MAX_KEYS);
    if (nk == 0)
        return 0;
    size_t no = 0, seen = 0;
    for (size_t j = at + 1; j < n && seen < ECHO_PARAGRAPHS; j++) {
        if (out[j] != CLEAN_KEEP || headline[j])
            continue;
        no += S_keys(paras[j].text, paras[j].len, other + no, 256 - no);
        seen++;
    }
    size_t hit = 0;
    for (size_t k = 0; k < nk; k++)
        for (size_t o = 0; o < no; o++)
            if (strcmp(keys[k], other[o]) == 0) {
                hit++;
                break;
            }
    return (double)hit / (double)nk;
}

void clean_article(const clean_para *paras, size_t n, clean_reason *out)
{
    /* Most articles have few paragraphs: no allocation for them. */
    uint8_t small[64];
    uint8_t *headline = n <= sizeof small ? small : xmalloc(n);
    for (size_t i = 0; i < n; i++) {
        size_t words;
        out[i] = S_classify(paras[i].text, paras[i].len, &words);
        headline[i] = out[i] == CLEAN_KEEP && S_headline_like(paras[i].text, paras[i].len, words);
    }
    for (size_t i = 0; i < n; i++) {
        if (!headline[i])
            continue;
        /* Neighbouring kept lines, skipping what is already removed. */
        size_t prev = i, next = i + 1;
        while (prev > 0 && out[prev - 1] != CLEAN_KEEP)
            prev--;
        while (next < n && out[next] != CLEAN_KEEP)
            next++;
        int in_run = (prev > 0 && headline[prev - 1]) || (next < n && headline[next]);
        if (next >= n || in_run) {
            out[i] = CLEAN_TEASER; /* a list of links, or a line with nothing after it */
            continue;
        }
        size_t words = utf8_count_words_max(paras[i].text, paras[i].len, HEADING_MAX_SHORT);
        if (words <= HEADING_MAX_SHORT || S_echo(paras, n, i, out, headline) >= 0.34)
            out[i] = CLEAN_HEADING;
        else
            out[i] = CLEAN_TEASER;
    }
    if (headline != small)
        free(headline);
}

/* ---- datelines -------------------------------------------------------------------------- */

/* Length of a dash at p: "—", "–", "--", "-", or "_" (how the TDT-era AP and New York Times
 * wires wrote a dash: "WASHINGTON (AP) _ The Senate"); 0 when there is none. */
static size_t S_dash(const char *p, size_t len)
{
    if (len >= 1 && p[0] == '_')
        return 1;
    if (len >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
        ((unsigned char)p[2] == 0x94 || (unsigned char)p[2] == 0x93))
        return 3;
    if (len >= 2 && p[0] == '-' && p[1] == '-')
        return 2;
    if (len >= 1 && p[0] == '-')
        return 1;
    return 0;
}

enum { DATELINE_MAX_WORDS = 6, DATELINE_MAX_BYTES = 60, AGENCY_MAX = 30 };

size_t clean_dateline(const char *p, size_t len, size_t *dl_len)
{
    size_t i = 0, words = 0;
    int first_caps = 0;
    /* The place: capitalized words, separated by a space or ", ". */
    while (i < len && words < DATELINE_MAX_WORDS && i < DATELINE_MAX_BYTES) {
        if (!isupper((unsigned char)p[i]))
            break;
        size_t b = i;
        int caps = 1;
        while (i < len && (isalpha((unsigned char)p[i]) || p[i] == '.' || p[i] == '\'')) {
            if (islower((unsigned char)p[i]))
                caps = 0;
            i++;
        }
        if (words == 0)
            first_caps = caps && i - b >= 3;
        words++;
        if (i + 1 < len && p[i] == ',' && p[i + 1] == ' ')
            i += 2;
        else if (i + 1 < len && p[i] == ' ' && isupper((unsigned char)p[i + 1]))
            i += 1;
        else
            break;
    }
    if (words == 0)
        return 0;
    size_t place_end = i;
    while (place_end > 0 && (p[place_end - 1] == ' ' || p[place_end - 1] == ','))
        place_end--;
    /* An agency in brackets: "(AP)", "(CNN)", "(Reuters)". */
    size_t j = place_end;
    int agency = 0;
    if (j < len && p[j] == ' ')
        j++;
    if (j < len && p[j] == '(' && j + 1 < len && isupper((unsigned char)p[j + 1])) {
        size_t k = j + 1;
        while (k < len && k - j <= AGENCY_MAX &&
               (isalpha((unsigned char)p[k]) || p[k] == ' ' || p[k] == '.' || p[k] == '&'))
            k++;
        if (k < len && p[k] == ')' && k - j - 1 >= 2) {
            agency = 1;
            j = k + 1;
        }
    }
    size_t dl_end = agency ? j : place_end;
    size_t k = dl_end, spaces = 0;
    while (k < len && p[k] == ' ')
        k++, spaces++;
    size_t d = S_dash(p + k, len - k);
    int dash = d > 0 && (k + d == len || p[k + d] == ' ');
    if (dash) {
        k += d;
        while (k < len && p[k] == ' ')
            k++;
    }
    if (k >= len)
        return 0;
    unsigned char next = (unsigned char)p[k];
    int next_ok = isupper(next) || isdigit(next) || next == '"' || next == '\'' || next >= 0x80;
    if (!next_ok)
        return 0;
    int ok = 0;
    if (agency)
        ok = 1; /* "Geneva, Switzerland (CNN)US Deputy ..." and "GENEVA (AP) — The ..." */
    else if (dash && first_caps)
        ok = 1; /* "GENEVA — The ..." */
    else if (!dash && first_caps && spaces >= 2)
        ok = 1; /* "GENEVA  The ...": the dash was lost on the way */
    if (!ok)
        return 0;
    if (!agency) {
        /* Without an agency, every word of the city must be in capitals ("NEW YORK"). */
        for (size_t q = 0; q < place_end && p[q] != ','; q++)
            if (islower((unsigned char)p[q]))
                return 0;
    }
    if (dl_len)
        *dl_len = dl_end;
    return k;
}
