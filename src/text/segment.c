#include "text/segment.h"

#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include "core/alloc.h"
#include "core/vec.h"
#include "text/token.h"
#include "text/utf8.h"

/* The rules are documented in segment.h; this file follows them in the same order. Everything
 * is one forward pass over the paragraph. Look-behind uses the start of the current
 * whitespace-delimited word (tracked while scanning), look-ahead is bounded to one short word,
 * so the whole pass is linear in the paragraph length. */

/* Longest word (in bytes) that can be an abbreviation or a sentence-starting stopword; longer
 * words are ordinary words. Bounds all look-behind and look-ahead. */
#define SEG_MAX_ABBREV 24
#define SEG_MAX_STARTER 16

typedef VEC(seg_span) span_vec;

static uint32_t S_cp(const char *p, size_t len, size_t i, size_t *adv)
{
    unsigned char c = (unsigned char)p[i];
    if (c < 0x80) {
        *adv = 1;
        return c;
    }
    return utf8_decode(p + i, len - i, adv);
}

/* White space: ASCII, NEL, NBSP and the Unicode space separators, line/paragraph separators
 * and the zero-width (no-break) spaces that web text leaves behind. */
static int S_is_space(uint32_t cp)
{
    switch (cp) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F:
    case 0x3000: case 0xFEFF: case 0x200B:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

/* Marks that end a sentence. U+2026 (…) only counts at the end of a paragraph or together
 * with other marks (see S_run_breaks). */
static int S_is_terminator(uint32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x203C ||
           (cp >= 0x2047 && cp <= 0x2049) || cp == 0xFF01 || cp == 0xFF1F;
}

/* Closing quotes and brackets that stay with the sentence they follow. Straight quotes are
 * closers here because they come right after the final mark (no space in between). */
static int S_is_closer(uint32_t cp)
{
    switch (cp) {
    case '"': case '\'': case ')': case ']': case '}':
    case 0x201D: case 0x2019: case 0x00BB: case 0x203A: case 0x201F:
        return 1;
    default:
        return 0;
    }
}

/* Opening quotes and brackets that may begin a sentence (`` is the PTB/DUC opening quote). */
static int S_is_opener(uint32_t cp)
{
    switch (cp) {
    case '"': case '\'': case '`': case '(': case '[': case '{':
    case 0x201C: case 0x2018: case 0x00AB: case 0x2039: case 0x201E: case 0x201A:
        return 1;
    default:
        return 0;
    }
}

static int S_is_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z';
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
}

static int S_is_letter(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z');
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static int S_is_alnum(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || S_is_letter(cp);
    utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

/* Start of the code point that ends at `end` (end > lo). */
static size_t S_prev_start(const char *p, size_t lo, size_t end)
{
    size_t s = end - 1;
    while (s > lo && end - s < 4 && ((unsigned char)p[s] & 0xC0) == 0x80)
        s--;
    return s;
}

/* Abbreviations by how a period after them behaves. Case-sensitive: a lower-case "gen." or
 * "rep." is an ordinary word.
 *  ABBR_TITLE:  titles and other words that stand before a name or noun and practically never
 *               end a sentence ("Gen.", "Mr.", "Dist. Atty.", "vs."): never a break.
 *  ABBR_FINAL:  can also end a sentence (company and name suffixes, months, streets, "etc."):
 *               a break only before a sentence starter (S_starter).
 *  ABBR_STATE:  AP-style U.S. state abbreviations. They end a place name, and a capitalized word
 *               after one almost always starts a new sentence (measured on DUC 2002), so they
 *               break before any plausible start except a number (a ZIP code: "Wash. 98133").
 *  ABBR_NUMBER: "No." / "Nos." before a number ("No. 1"); before anything else the word "no". */
enum abbr_kind { ABBR_NONE, ABBR_TITLE, ABBR_FINAL, ABBR_STATE, ABBR_NUMBER };

typedef struct abbr {
    const char *word;
    enum abbr_kind kind;
} abbr;

/* Sorted in byte order (strcmp) for the binary search in S_abbr_kind. */
static const abbr S_abbrevs[] = {
    {"Adm", ABBR_TITLE}, {"Ala", ABBR_STATE}, {"Apr", ABBR_FINAL}, {"Ariz", ABBR_STATE},
    {"Ark", ABBR_STATE}, {"Assn", ABBR_FINAL}, {"Atty", ABBR_TITLE}, {"Aug", ABBR_FINAL},
    {"Ave", ABBR_FINAL}, {"Blvd", ABBR_FINAL}, {"Brig", ABBR_TITLE}, {"Bros", ABBR_FINAL},
    {"Calif", ABBR_STATE}, {"Capt", ABBR_TITLE}, {"Cmdr", ABBR_TITLE}, {"Co", ABBR_FINAL},
    {"Col", ABBR_TITLE}, {"Colo", ABBR_STATE}, {"Conn", ABBR_STATE}, {"Corp", ABBR_FINAL},
    {"Cos", ABBR_FINAL}, {"Cpl", ABBR_TITLE}, {"Cpt", ABBR_TITLE}, {"Dec", ABBR_FINAL},
    {"Del", ABBR_STATE}, {"Dept", ABBR_FINAL}, {"Det", ABBR_TITLE}, {"Dist", ABBR_TITLE},
    {"Dr", ABBR_TITLE}, {"Drs", ABBR_TITLE}, {"Ens", ABBR_TITLE}, {"Esq", ABBR_FINAL},
    {"Feb", ABBR_FINAL}, {"Fla", ABBR_STATE}, {"Fr", ABBR_TITLE}, {"Ft", ABBR_TITLE},
    {"Ga", ABBR_STATE}, {"Gen", ABBR_TITLE}, {"Gens", ABBR_TITLE}, {"Gov", ABBR_TITLE},
    {"Govs", ABBR_TITLE}, {"Hon", ABBR_TITLE}, {"Ill", ABBR_STATE}, {"Inc", ABBR_FINAL},
    {"Ind", ABBR_STATE}, {"Insp", ABBR_TITLE}, {"Jan", ABBR_FINAL}, {"Jr", ABBR_FINAL},
    {"Jul", ABBR_FINAL}, {"Jun", ABBR_FINAL}, {"Kan", ABBR_STATE}, {"Kans", ABBR_STATE},
    {"Ky", ABBR_STATE}, {"La", ABBR_STATE}, {"Lt", ABBR_TITLE}, {"Ltd", ABBR_FINAL},
    {"Lts", ABBR_TITLE}, {"Maj", ABBR_TITLE}, {"Mar", ABBR_FINAL}, {"Mass", ABBR_STATE},
    {"Md", ABBR_STATE}, {"Messrs", ABBR_TITLE}, {"Mich", ABBR_STATE}, {"Minn", ABBR_STATE},
    {"Miss", ABBR_STATE}, {"Mme", ABBR_TITLE}, {"Mmes", ABBR_TITLE}, {"Mo", ABBR_STATE},
    {"Mont", ABBR_STATE}, {"Mr", ABBR_TITLE}, {"Mrs", ABBR_TITLE}, {"Ms", ABBR_TITLE},
    {"Msgr", ABBR_TITLE}, {"Mt", ABBR_TITLE}, {"Neb", ABBR_STATE}, {"Nev", ABBR_STATE},
    {"No", ABBR_NUMBER}, {"Nos", ABBR_NUMBER}, {"Nov", ABBR_FINAL}, {"Oct", ABBR_FINAL},
    {"Okla", ABBR_STATE}, {"Ore", ABBR_STATE}, {"Pa", ABBR_STATE}, {"PhD", ABBR_FINAL},
    {"Pres", ABBR_TITLE}, {"Prof", ABBR_TITLE}, {"Pvt", ABBR_TITLE}, {"Rd", ABBR_FINAL},
    {"Rep", ABBR_TITLE}, {"Reps", ABBR_TITLE}, {"Rev", ABBR_TITLE}, {"Sen", ABBR_TITLE},
    {"Sens", ABBR_TITLE}, {"Sep", ABBR_FINAL}, {"Sept", ABBR_FINAL}, {"Sgt", ABBR_TITLE},
    {"Sgts", ABBR_TITLE}, {"Spc", ABBR_TITLE}, {"Sr", ABBR_FINAL}, {"St", ABBR_FINAL},
    {"Supt", ABBR_TITLE}, {"Tenn", ABBR_STATE}, {"Tex", ABBR_STATE}, {"Univ", ABBR_FINAL},
    {"Va", ABBR_STATE}, {"Vs", ABBR_TITLE}, {"Vt", ABBR_STATE}, {"Wash", ABBR_STATE},
    {"Wis", ABBR_STATE}, {"Wyo", ABBR_STATE}, {"approx", ABBR_FINAL}, {"cf", ABBR_TITLE},
    {"etc", ABBR_FINAL}, {"no", ABBR_NUMBER}, {"nos", ABBR_NUMBER}, {"vs", ABBR_TITLE},
};

/* The kind of the abbreviation w (n bytes, without its period); ABBR_NONE for other words.
 * Runs for most periods, so the comparison is inline: the words are short and usually differ
 * in the first byte (a strlen and a memcmp call per probe cost more than the search). */
static enum abbr_kind S_abbr_kind(const char *w, size_t n)
{
    const unsigned char *u = (const unsigned char *)w;
    size_t lo = 0, hi = sizeof S_abbrevs / sizeof *S_abbrevs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const unsigned char *s = (const unsigned char *)S_abbrevs[mid].word;
        size_t k = 0;
        while (k < n && s[k] && s[k] == u[k])
            k++;
        /* Unsigned byte order; a proper prefix sorts first. */
        int c = k == n ? s[k] != 0 : !s[k] ? -1 : (int)s[k] - (int)u[k];
        if (c == 0)
            return S_abbrevs[mid].kind;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return ABBR_NONE;
}

/* Length of an ellipsis at i ("...", "…" or the typeset ". . ."), or 0. */
static size_t S_ellipsis_at(const char *p, size_t len, size_t i)
{
    if (i + 3 <= len && memcmp(p + i, "\xE2\x80\xA6", 3) == 0)
        return 3;
    if (i + 3 <= len && memcmp(p + i, "...", 3) == 0)
        return 3;
    if (i + 5 <= len && memcmp(p + i, ". . .", 5) == 0)
        return 5;
    return 0;
}

/* Does a new sentence plausibly start at m (not white space)? An upper-case letter, a digit,
 * an opening quote/bracket, AP's list marker "_" before an upper-case letter ("_After"), or an
 * ellipsis that opens a quotation fragment ("... They made"). */
static int S_plausible_start(const char *p, size_t len, size_t m)
{
    size_t adv;
    uint32_t cp = S_cp(p, len, m, &adv);
    if (S_is_upper(cp) || (cp >= '0' && cp <= '9') || S_is_opener(cp))
        return 1;
    if (cp == '_' && m + 1 < len)
        return S_is_upper(S_cp(p, len, m + 1, &adv));
    if (!S_ellipsis_at(p, len, m))
        return 0;
    size_t q = m; /* the ellipsis, maybe with a fourth dot, then a space and a capital */
    while (q < len && q - m < 16 && (p[q] == '.' || p[q] == ' ' || (unsigned char)p[q] >= 0x80)) {
        cp = S_cp(p, len, q, &adv);
        if (cp != '.' && cp != ' ' && cp != 0x2026)
            break;
        q += adv;
    }
    if (q >= len || p[q - 1] != ' ')
        return 0;
    cp = S_cp(p, len, q, &adv);
    return S_is_upper(cp) || S_is_opener(cp);
}

/* After a sentence-final-capable abbreviation, acronym or initial, the next word must look
 * like the start of a sentence, not like the rest of a name ("U.S. President", "R. Sherman"):
 * either an opening quote followed by an upper-case letter, or a capitalized stopword ("The",
 * "It", "But", "In") that is not itself an initial ("J. A. Smith"). */
static int S_starter(const char *p, size_t len, size_t m)
{
    size_t q = m, adv;
    int quoted = 0;
    while (q < len) {
        uint32_t cp = S_cp(p, len, q, &adv);
        if (!S_is_opener(cp) || cp == '(' || cp == '[' || cp == '{')
            break;
        quoted = 1;
        q += adv;
    }
    if (q >= len)
        return 0;
    uint32_t first = S_cp(p, len, q, &adv);
    if (quoted)
        return S_is_upper(first);
    if (!(first >= 'A' && first <= 'Z'))
        return 0;
    char w[SEG_MAX_STARTER + 1];
    size_t n = 0, e = q;
    while (e < len && n <= SEG_MAX_STARTER) {
        unsigned char c = (unsigned char)p[e];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '\''))
            break;
        w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        e++;
    }
    if (n > SEG_MAX_STARTER || (e < len && p[e] == '.'))
        return 0;
    return is_stopword(w, n);
}

/* Is w (n bytes, no final period) an acronym or abbreviation with internal periods: segments of
 * one to three letters joined by periods ("U.S", "a.m", "J.F", "Ph.D", "W.Va")? */
static int S_dotted_abbrev(const char *w, size_t n)
{
    size_t seg = 0, segs = 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c == '.') {
            if (seg == 0)
                return 0;
            seg = 0;
            segs++;
        } else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
            if (++seg > 3)
                return 0;
        } else {
            return 0;
        }
    }
    return segs >= 2 && seg > 0;
}

/* Decides whether a single period at `dot` ends the sentence. [ws, dot) is the white-space
 * delimited word before it; m is where the next word starts (a plausible sentence start). */
static int S_period_breaks(const char *p, size_t len, size_t ws, size_t dot, size_t m)
{
    /* Leading quotes, brackets and list marks are not part of the word: `("Gen.` and "_Sept."
     * are "Gen" and "Sept"; nor is a prefix before a hyphen: "then-U.S." is "U.S.", "Then-Dist."
     * is "Dist". */
    size_t adv;
    while (ws < dot && !S_is_alnum(S_cp(p, len, ws, &adv)))
        ws += adv;
    for (size_t h = dot; h > ws && dot - h <= SEG_MAX_ABBREV; h--) {
        if (p[h - 1] == '-') {
            ws = h;
            break;
        }
    }
    size_t n = dot - ws;
    if (n == 0 || n > SEG_MAX_ABBREV)
        return 1;
    const char *w = p + ws;
    uint32_t first = S_cp(p, len, ws, &adv);
    if (adv == n && S_is_letter(first)) /* a single letter: an initial ("R. Sherman") */
        return S_is_upper(first) ? S_starter(p, len, m) : 1;
    int digit_next = p[m] >= '0' && p[m] <= '9';
    switch (S_abbr_kind(w, n)) {
    case ABBR_TITLE:
        return 0;
    case ABBR_FINAL:
        return S_starter(p, len, m);
    case ABBR_STATE:
    case ABBR_NUMBER:
        return !digit_next;
    case ABBR_NONE:
        break;
    }
    if (memchr(w, '.', n) && S_dotted_abbrev(w, n))
        return S_starter(p, len, m);
    return 1;
}

/* Appends the span [start, end) trimmed of white space at both ends; empty spans are dropped,
 * spans without a letter or digit (a stray quote, "...") are merged into a neighbour. */
static void S_emit(span_vec *v, const char *p, size_t len, size_t start, size_t end, int headline,
                   size_t *pending)
{
    size_t adv;
    while (start < end && S_is_space(S_cp(p, len, start, &adv)))
        start += adv;
    while (end > start) {
        size_t s = S_prev_start(p, start, end);
        if (!S_is_space(S_cp(p, len, s, &adv)))
            break;
        end = s;
    }
    if (start == end)
        return;
    int alnum = 0;
    for (size_t i = start; i < end && !alnum; i += adv)
        alnum = S_is_alnum(S_cp(p, len, i, &adv));
    if (!alnum) {
        if (v->len) { /* `We'll see. “` at the end: the stray quote joins the sentence. */
            seg_span *prev = &v->items[v->len - 1];
            prev->len = (uint32_t)(end - prev->start);
        } else if (*pending == SIZE_MAX) {
            *pending = start; /* leading debris joins the next sentence */
        }
        return;
    }
    if (*pending != SIZE_MAX) {
        start = *pending;
        *pending = SIZE_MAX;
    }
    seg_span s = {(uint32_t)start, (uint32_t)(end - start), headline};
    VEC_PUSH(v, s);
}

/* Does the (trimmed) text [start, end) end with final punctuation, possibly followed by
 * closing quotes/brackets? */
static int S_ends_final(const char *p, size_t len, size_t start, size_t end)
{
    size_t adv;
    while (end > start) {
        size_t s = S_prev_start(p, start, end);
        uint32_t cp = S_cp(p, len, s, &adv);
        if (S_is_space(cp) || S_is_closer(cp)) {
            end = s;
            continue;
        }
        return S_is_terminator(cp);
    }
    return 0;
}

/* Plain text: ASCII bytes that can neither end a sentence nor need decoding, i.e. everything
 * but control bytes, non-ASCII bytes and . ! ?. Most of a paragraph is plain text, so with
 * SSE2 it is skipped 16 bytes at a time: S_plain_block returns the mask of the bytes at q that
 * are not plain (bit k for q[k]) and sets *spaces to the mask of ASCII spaces. */
#ifdef __SSE2__
static unsigned S_plain_block(const char *q, unsigned *spaces)
{
    const __m128i space = _mm_set1_epi8(' ');
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)q);
    /* Signed compare: below ' ' is a control byte or (negative) a non-ASCII byte. */
    __m128i stop = _mm_or_si128(
        _mm_or_si128(_mm_cmplt_epi8(x, space), _mm_cmpeq_epi8(x, _mm_set1_epi8('.'))),
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('!')), _mm_cmpeq_epi8(x, _mm_set1_epi8('?'))));
    *spaces = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, space));
    return (unsigned)_mm_movemask_epi8(stop);
}
#endif

/* Skips the plain text and ASCII spaces at p[i..len); *word is moved past the last space (the
 * start of the current word). Returns the first byte that is neither, or len. */
static size_t S_skip_plain(const char *p, size_t len, size_t i, size_t *word)
{
#ifdef __SSE2__
    unsigned s, w;
    while (len - i >= 16) {
        s = S_plain_block(p + i, &w);
        if (s)
            w &= (s & -s) - 1; /* only the spaces before the stop */
        if (w)
            *word = i + (size_t)(31 - __builtin_clz(w)) + 1;
        if (s)
            return i + (size_t)__builtin_ctz(s);
        i += 16;
    }
    if (i < len && len >= 16) {
        /* The last few bytes: classify the final block and drop the bytes before i. */
        size_t skip = i - (len - 16);
        s = S_plain_block(p + len - 16, &w) >> skip;
        w >>= skip;
        if (s)
            w &= (s & -s) - 1;
        if (w)
            *word = i + (size_t)(31 - __builtin_clz(w)) + 1;
        return s ? i + (size_t)__builtin_ctz(s) : len;
    }
#endif
    for (; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c == ' ')
            *word = i + 1;
        else if (c < ' ' || c >= 0x80 || c == '.' || c == '!' || c == '?')
            break;
    }
    return i;
}

size_t segment_paragraph(const char *p, size_t len, seg_span **out)
{
    span_vec v = {0};
    size_t i = 0, sent = 0, word = 0, adv, pending = SIZE_MAX;
    if (!p)
        len = 0;
    /* Offsets are uint32: a paragraph longer than 4 GiB is cut off (corpus texts are smaller). */
    if (len > UINT32_MAX)
        len = UINT32_MAX;

    while (i < len) {
        i = S_skip_plain(p, len, i, &word);
        if (i >= len)
            break;
        uint32_t cp = S_cp(p, len, i, &adv);
        if (S_is_space(cp)) {
            i += adv;
            word = i;
            continue;
        }
        if (!S_is_terminator(cp)) {
            i += adv;
            continue;
        }
        /* A run of final marks: "." "?!" "..." "…" "?...". A run that starts a word may also be
         * a typeset ellipsis ". . ." (spaces in between); after a word, "end. . . ." is a
         * period and then an ellipsis that opens the next sentence (the NIST convention). */
        size_t run = i;
        int periods = 0, marks = 0, ellipses = 0, spaced = (i == word);
        while (run < len) {
            uint32_t mark = S_cp(p, len, run, &adv);
            if (mark == '.')
                periods++;
            else if (mark == ' ' && spaced && periods && !marks && run + 1 < len && p[run + 1] == '.')
                ;
            else if (mark == 0x2026)
                ellipses++;
            else if (S_is_terminator(mark))
                marks++;
            else
                break;
            run += adv;
        }
        size_t k = run;
        while (k < len && S_is_closer(S_cp(p, len, k, &adv)))
            k += adv;
        if (k >= len)
            break; /* final punctuation at the very end: the last sentence */
        if (!S_is_space(S_cp(p, len, k, &adv))) {
            i = run; /* "U.S.-Russia", "3.5", "J.F.Kennedy": no white space, no break */
            continue;
        }
        size_t m = k;
        while (m < len && S_is_space(S_cp(p, len, m, &adv)))
            m += adv;
        if (m >= len)
            break;
        int brk;
        if (!S_plausible_start(p, len, m))
            brk = 0;
        else if (marks)
            brk = 1;
        else if (ellipses)
            brk = periods > 0 && i != word; /* "…" alone continues; "…." is an ellipsis plus a period */
        else if (i == word && periods >= 3)
            brk = 0; /* dots standing alone (". . .", "...."): an ellipsis, never a sentence end */
        else if (periods == 3)
            brk = 0; /* "..." */
        else if (periods == 1)
            brk = S_period_breaks(p, len, word, i, m);
        else
            brk = 1; /* ".." (a typo) or "...." (ellipsis plus period) */
        if (brk) {
            S_emit(&v, p, len, sent, k, 0, &pending);
            sent = m;
        }
        i = m;
        word = m;
    }

    /* The last sentence. It is a headline when it lacks final punctuation; when it follows
     * other sentences it is kept as its own span, also marked headline (a fragment). */
    if (sent < len) {
        size_t s = sent, e = len;
        while (s < e && S_is_space(S_cp(p, len, s, &adv)))
            s += adv;
        S_emit(&v, p, len, sent, len, !S_ends_final(p, len, s, e), &pending);
    }
    if (pending != SIZE_MAX) {
        /* Only debris without letters or digits ("...", a lone quote): keep it as one unit. */
        size_t e = len;
        while (e > pending) {
            size_t s = S_prev_start(p, pending, e);
            if (!S_is_space(S_cp(p, len, s, &adv)))
                break;
            e = s;
        }
        seg_span s = {(uint32_t)pending, (uint32_t)(e - pending), !S_ends_final(p, len, pending, e)};
        VEC_PUSH(&v, s);
    }
    *out = v.items;
    if (!v.len) {
        free(v.items);
        *out = NULL;
    }
    return v.len;
}
