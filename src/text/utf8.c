#include "text/utf8.h"

#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <utf8proc.h>

#include "core/alloc.h"

/* Length of the valid sequence at s, or 0 if invalid (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF). */
static size_t S_valid_len(const unsigned char *s, size_t len)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return len >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (len < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (len < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0;
        if (c == 0xF4 && s[1] >= 0x90)
            return 0;
        return 4;
    }
    return 0;
}

/* Offset of the first invalid sequence of u[i..len), or len. */
static size_t S_next_bad(const unsigned char *u, size_t i, size_t len)
{
    while (i < len) {
        /* ASCII, eight bytes at a time: most news text is ASCII. */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = S_valid_len(u + i, len - i);
        if (!n)
            return i;
        i += n;
    }
    return len;
}

size_t utf8_valid_prefix(const char *s, size_t len)
{
    return S_next_bad((const unsigned char *)s, 0, len);
}

size_t utf8_sanitize(const char *s, size_t len, buf *out, size_t *first_bad)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t bad = 0, run = 0, i;
    buf_reserve(out, len);
    while ((i = S_next_bad(u, run, len)) < len) {
        buf_append(out, s + run, i - run);
        buf_append(out, "\xEF\xBF\xBD", 3);
        if (bad++ == 0 && first_bad)
            *first_bad = i;
        run = i + 1;
    }
    buf_append(out, s + run, len - run);
    return bad;
}

uint32_t utf8_decode(const char *s, size_t len, size_t *adv)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = S_valid_len(u, len);
    *adv = n ? n : 1;
    switch (n) {
    case 1:
        return u[0];
    case 2:
        return ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
    case 3:
        return ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
    case 4:
        return ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
               ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
    default:
        return 0xFFFD;
    }
}

size_t utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

char *utf8_nfc(const char *s, size_t len, size_t *out_len)
{
    /* Pure ASCII is already NFC: skip the library call on the common case. */
    size_t i = 0;
#ifdef __SSE2__
    while (i + 16 <= len && !_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(s + i))))
        i += 16;
#endif
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    *out_len = len;
    if (i == len)
        return NULL;
    utf8proc_uint8_t *res = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &res,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        /* Only reachable on invalid input, which callers sanitize first: keep the text. */
        *out_len = len;
        return xstrndup(s, len);
    }
    *out_len = (size_t)n;
    return (char *)res;
}

uint32_t utf8_fold_char(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x0060:
    case 0x00B4:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return '-';
    case 0x00A0: case 0x2002: case 0x2003: case 0x2009: case 0x200A: case 0x202F: case 0x3000:
        return ' ';
    default:
        return cp;
    }
}

static int S_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

size_t utf8_count_words(const char *s, size_t len)
{
    return utf8_count_words_max(s, len, SIZE_MAX - 1);
}

size_t utf8_count_words_max(const char *s, size_t len, size_t max)
{
    /* A word starts at every non-blank byte that follows a blank (or the start). */
    size_t n = 0, i = 0;
    int prev_space = 1;
#ifdef __SSE2__
    /* Sixteen bytes at a time: blanks are 9..13 and 32 (x - 9 <= 4 unsigned, or x == 32). */
    static const uint8_t bits[256] = {
#define B2(n) n, n + 1, n + 1, n + 2
#define B4(n) B2(n), B2(n + 1), B2(n + 1), B2(n + 2)
#define B6(n) B4(n), B4(n + 1), B4(n + 1), B4(n + 2)
        B6(0), B6(1), B6(1), B6(2)
#undef B2
#undef B4
#undef B6
    };
    const __m128i nine = _mm_set1_epi8(9), four = _mm_set1_epi8(4), space = _mm_set1_epi8(' ');
    for (; i + 16 <= len; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(s + i)), d = _mm_sub_epi8(x, nine);
        __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(x, space),
                                     _mm_cmpeq_epi8(_mm_min_epu8(d, four), d));
        unsigned mask = (unsigned)_mm_movemask_epi8(blank);
        unsigned starts = ~mask & (mask << 1 | (unsigned)prev_space) & 0xFFFFu;
        n += bits[starts & 255] + bits[starts >> 8];
        if (n > max)
            return max + 1;
        prev_space = (int)(mask >> 15);
    }
    if (i < len && len >= 16) {
        /* The last few bytes: the final sixteen, with the bytes before i dropped (byte i's
         * predecessor is in the block, so its starts need no carried prev_space). */
        unsigned skip = (unsigned)(i - (len - 16));
        __m128i x = _mm_loadu_si128((const __m128i *)(s + len - 16)), d = _mm_sub_epi8(x, nine);
        __m128i blank = _mm_or_si128(_mm_cmpeq_epi8(x, space),
                                     _mm_cmpeq_epi8(_mm_min_epu8(d, four), d));
        unsigned mask = (unsigned)_mm_movemask_epi8(blank);
        unsigned starts = ~mask & (mask << 1) & (0xFFFFu << skip) & 0xFFFFu;
        n += bits[starts & 255] + bits[starts >> 8];
        return n > max ? max + 1 : n;
    }
#endif
    for (; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        int sp = c <= ' ' && S_is_space(c);
        if (prev_space && !sp && ++n > max)
            return n;
        prev_space = sp;
    }
    return n;
}
