/* read_jsonl: JSON Lines, one article object per line.
 *
 *     {"title": ..., "text"|"content"|"body": ..., "date": ..., "url": ..., "source": ..., "id":
 * ...}
 *
 * A line that is not a JSON object is an error naming file and line: a feed that is broken
 * halfway should not be half-read silently. A line whose object has no text is skipped with a
 * warning (feeds carry such stubs). The text may also be an array of strings (paragraphs).
 *
 * The parser is a single pass over the line that validates all of it but keeps only where the
 * few fields we use lie; strings are decoded afterwards, and only those fields. It replaced
 * json-c (tokenizing and building a tree per line was 5-7% of a large `dedup --stream` run)
 * and accepts exactly what json-c 0.16's default (non-strict) tokenizer accepts, so that no
 * feed that used to load breaks:
 *   - strings and keys in single quotes as well as double quotes (no \' escape in either);
 *   - a trailing comma before } or ];
 *   - comments between tokens; a // comment runs to the line end, which json-c then reports as
 *     an unfinished value;
 *   - true, false, null, NaN and Infinity in any letter case, -Infinity;
 *   - numbers with leading zeros, "-.5", "1.", and json-c's trimming of a dangling exponent
 *     ("1e", "1.5e+" are 1 and 1.5);
 *   - raw control characters (tabs) inside strings;
 * and, like json-c, only ' ', \t, \n, \r as whitespace between tokens, a nesting limit of 32
 * levels (json-c's default depth), "last one wins" for repeated keys, and keys cut at an
 * embedded "\u0000" (json-c stores keys as C strings). Lone surrogate escapes become U+FFFD as
 * in json-c. Error messages reuse json-c's descriptions. Two json-c bugs are not copied (see
 * S_decode and S_comment): there the old reader misread valid input. */
#include <inttypes.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "ingest/readers.h"
#include "text/utf8.h"

/* ---------------------------------------------------------------------------------------------
 * Scanning
 * ------------------------------------------------------------------------------------------- */

enum { S_MAX_DEPTH = 32 }; /* json-c's JSON_TOKENER_DEFAULT_DEPTH */

/* The fields we look at; the last three are the body in order of preference. */
enum { F_TITLE, F_URL, F_SOURCE, F_ID, F_DATE, F_TEXT, F_CONTENT, F_BODY, F_COUNT };
#define S_IS_BODY(f) ((f) >= F_TEXT)

enum { V_NONE, V_STRING, V_INT, V_ARRAY, V_BOOL, V_OTHER }; /* V_NONE: absent or null */

/* The raw text of a string (between the quotes), or of an integer. */
typedef struct span {
    const char *p;
    size_t n;
    int esc; /* a string with escapes: decode before use */
} span;

typedef struct field {
    int kind;   /* V_NONE until seen; a repeated key overwrites */
    span s;     /* V_STRING, V_INT */
    size_t len; /* V_ARRAY: items[0..len) are its string items */
    size_t cap;
    span *items;
} field;

typedef struct jscan {
    field f[F_COUNT];
    buf key;   /* an escaped key, decoded */
    buf dec;   /* a decoded string */
    buf clean; /* a field or paragraph text, sanitized */
} jscan;

/* The error for a value cut off by the line end, in the words the tests know. */
static const char S_eol[] = "unexpected end of line";

static int S_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int S_hex(char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

static unsigned S_hexval(char c)
{
    return c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10);
}

/* A comment at p ('/'): a block comment ends at the first "*" "/" (json-c also swallows the
 * byte after any other '*', so that a star right before the end hides it: not copied). A line
 * comment runs to the line end, where json-c still waits for a value. */
static const char *S_comment(const char **pp, const char *e)
{
    const char *p = *pp + 1;
    if (p == e)
        return S_eol;
    if (*p == '/')
        return S_eol;
    if (*p != '*')
        return "expected comment";
    p++;
    for (;;) {
        const char *star = memchr(p, '*', (size_t)(e - p));
        if (!star || star + 1 >= e)
            return S_eol;
        if (star[1] == '/') {
            *pp = star + 2;
            return NULL;
        }
        p = star + 1;
    }
}

/* Skips whitespace and comments. Reaching the end is not an error here. */
static const char *S_skip(const char **pp, const char *e)
{
    const char *p = *pp;
    for (;;) {
        while (p < e && S_ws(*p))
            p++;
        if (p == e || *p != '/')
            break;
        const char *err = S_comment(&p, e);
        if (err)
            return err;
    }
    *pp = p;
    return NULL;
}

/* The first quote or backslash in p[0..e), or e. Eight bytes at a time where that is safe:
 * article bodies are long runs without either. */
static const char *S_find_stop(const char *p, const char *e, char quote)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    const uint64_t q = ones * (unsigned char)quote, bs = ones * (unsigned char)'\\';
    while (e - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t a = w ^ q, b = w ^ bs;
        /* The lowest flagged byte of each test is exact (false hits only sit above a true
         * one), so the lowest of either is the first stop. */
        uint64_t hit = ((a - ones) & ~a & highs) | ((b - ones) & ~b & highs);
        if (hit)
            return p + (__builtin_ctzll(hit) >> 3);
        p += 8;
    }
#endif
    while (p < e && *p != quote && *p != '\\')
        p++;
    return p;
}

/* A string whose opening quote is at *pp: on success *pp is past the closing quote and s
 * holds the text between the quotes. Escapes are only checked here, decoded by S_decode. */
static const char *S_string(const char **pp, const char *e, span *s)
{
    char quote = **pp;
    const char *p = *pp + 1;
    s->p = p;
    s->esc = 0;
    for (;;) {
        p = S_find_stop(p, e, quote);
        if (p == e)
            return S_eol;
        if (*p == quote)
            break;
        s->esc = 1;
        if (p + 1 == e)
            return S_eol;
        switch (p[1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            p += 2;
            break;
        case 'u':
            for (int k = 2; k < 6; k++) {
                if (p + k == e)
                    return S_eol;
                if (!S_hex(p[k]))
                    return "invalid string sequence";
            }
            p += 6;
            break;
        default:
            return "invalid string sequence";
        }
    }
    s->n = (size_t)(p - s->p);
    *pp = p + 1;
    return NULL;
}

static char *S_put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | (cp >> 6));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | (cp >> 12));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | (cp >> 18));
        *o++ = (char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Decodes a checked string into out (replacing its content): a high surrogate escape pairs
 * with a directly following low one; any other surrogate becomes U+FFFD (as in json-c, which
 * however also misreads pairs that give U+xD800..U+xDFFF: not copied); "\u0000" gives a NUL
 * byte. The result is never longer than the source. */
static void S_decode(const span *s, buf *out)
{
    buf_clear(out);
    buf_reserve(out, s->n);
    char *o = out->data;
    const char *p = s->p, *e = s->p + s->n;
    uint32_t high = 0; /* a high surrogate waiting for its low half */
    for (;;) {
        const char *stop = memchr(p, '\\', (size_t)(e - p));
        if (!stop)
            stop = e;
        if (high && stop != p) {
            o = S_put_cp(o, 0xFFFD);
            high = 0;
        }
        memcpy(o, p, (size_t)(stop - p));
        o += stop - p;
        if (stop == e)
            break;
        char c = stop[1];
        p = stop + 2;
        if (c != 'u') {
            if (high)
                o = S_put_cp(o, 0xFFFD), high = 0;
            switch (c) {
            case 'b': *o++ = '\b'; break;
            case 'f': *o++ = '\f'; break;
            case 'n': *o++ = '\n'; break;
            case 'r': *o++ = '\r'; break;
            case 't': *o++ = '\t'; break;
            default: *o++ = c; break; /* " \ / */
            }
            continue;
        }
        uint32_t cp = S_hexval(p[0]) << 12 | S_hexval(p[1]) << 8 | S_hexval(p[2]) << 4 |
                      S_hexval(p[3]);
        p += 4;
        if (high) {
            uint32_t h = high;
            high = 0;
            if ((cp & 0xFC00) == 0xDC00) {
                o = S_put_cp(o, 0x10000 + ((h & 0x3FF) << 10) + (cp & 0x3FF));
                continue;
            }
            o = S_put_cp(o, 0xFFFD);
        }
        if ((cp & 0xFC00) == 0xD800)
            high = cp;
        else
            o = S_put_cp(o, (cp & 0xFC00) == 0xDC00 ? 0xFFFD : cp);
    }
    if (high)
        o = S_put_cp(o, 0xFFFD);
    out->len = (size_t)(o - out->data);
    out->data[out->len] = '\0';
}

static int S_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
}

/* Does p[0..n) equal the lower-case word w[0..n) in any letter case? */
static int S_word(const char *p, const char *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (S_lower(p[i]) != w[i])
            return 0;
    return 1;
}

/* true/false (bool != 0) or null/NaN at *pp, as json-c matches them: the word in any case,
 * checked one byte at a time, and one more byte must follow it (json-c reads it before it
 * knows the word is complete; at the line end it waits for more). */
static const char *S_literal(const char **pp, const char *e, int is_bool, int *kind)
{
    const char *p = *pp;
    const char *w1 = is_bool ? "true" : "null", *w2 = is_bool ? "false" : "nan";
    size_t n1 = 4, n2 = is_bool ? 5 : 3;
    for (size_t k = 0;; k++) {
        if (p + k == e)
            return S_eol;
        if (S_word(p, w1, k + 1 < n1 ? k + 1 : n1)) {
            if (k == n1) {
                *pp = p + n1;
                *kind = is_bool ? V_BOOL : V_NONE;
                return NULL;
            }
        } else if (S_word(p, w2, k + 1 < n2 ? k + 1 : n2)) {
            if (k == n2) {
                *pp = p + n2;
                *kind = is_bool ? V_BOOL : V_OTHER;
                return NULL;
            }
        } else {
            return is_bool ? "boolean expected" : "null expected";
        }
    }
}

/* Infinity at *pp, letters in any case; a byte must follow (see S_literal). */
static const char *S_infinity(const char **pp, const char *e)
{
    const char *p = *pp;
    for (size_t k = 0; k < 8; k++) {
        if (p + k == e)
            return S_eol;
        if (S_lower(p[k]) != "infinity"[k])
            return "unexpected character";
    }
    if (p + 8 == e)
        return S_eol;
    *pp = p + 8;
    return NULL;
}

static int S_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Is t[0..n) a whole number for strtod: -?(D+(.D*)?|.D+)([eE][+-]?D+)? */
static int S_double_ok(const char *t, size_t n)
{
    size_t i = 0, d = 0;
    if (i < n && t[i] == '-')
        i++;
    while (i < n && S_digit(t[i]))
        i++, d++;
    if (i < n && t[i] == '.') {
        i++;
        while (i < n && S_digit(t[i]))
            i++, d++;
    }
    if (!d)
        return 0;
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            i++;
        if (i == n || !S_digit(t[i]))
            return 0;
        while (i < n && S_digit(t[i]))
            i++;
    }
    return i == n;
}

/* A number at *pp ('-' or a digit), as json-c reads one: the longest run its number loop takes,
 * which must end in a byte that can follow a value (inside an object or array); "-" before
 * Infinity; a double loses a dangling e/E/+/- at the end. kind is V_INT or V_OTHER (double). */
static const char *S_number(const char **pp, const char *e, int nested, span *s, int *kind)
{
    const char *p = *pp, *q = p;
    int is_double = 0, is_exp = 0, neg_ok = 1, pos_ok = 0;
    while (q < e) {
        char c = *q;
        if (!(S_digit(c) || (!is_exp && (c == 'e' || c == 'E')) || (neg_ok && c == '-') ||
              (pos_ok && c == '+') || (!is_double && c == '.')))
            break;
        neg_ok = pos_ok = 0;
        if (c == '.')
            is_double = neg_ok = pos_ok = 1;
        else if (c == 'e' || c == 'E')
            is_exp = is_double = neg_ok = pos_ok = 1;
        q++;
    }
    if (q == e)
        return S_eol;
    char c = *q;
    if (nested && c != ',' && c != ']' && c != '}' && c != '/' && c != 'I' && c != 'i' &&
        !S_ws(c))
        return "number expected";
    size_t n = (size_t)(q - p);
    if (*p == '-' && n == 1 && (c == 'I' || c == 'i')) {
        *pp = q;
        *kind = V_OTHER;
        return S_infinity(pp, e);
    }
    if (is_double) {
        while (n > 1 && (p[n - 1] == 'e' || p[n - 1] == 'E' || p[n - 1] == '-' || p[n - 1] == '+'))
            n--;
        if (!S_double_ok(p, n))
            return "number expected";
        *kind = V_OTHER;
    } else {
        if (*p == '-' && n == 1)
            return "number expected";
        *kind = V_INT;
    }
    s->p = p, s->n = n, s->esc = 0;
    *pp = q;
    return NULL;
}

/* Which field a key names, or -1. */
static int S_field_of(const char *k, size_t n)
{
    switch (n) {
    case 2:
        return memcmp(k, "id", 2) == 0 ? F_ID : -1;
    case 3:
        return memcmp(k, "url", 3) == 0 ? F_URL : -1;
    case 4:
        if (memcmp(k, "text", 4) == 0)
            return F_TEXT;
        if (memcmp(k, "date", 4) == 0)
            return F_DATE;
        return memcmp(k, "body", 4) == 0 ? F_BODY : -1;
    case 5:
        return memcmp(k, "title", 5) == 0 ? F_TITLE : -1;
    case 6:
        return memcmp(k, "source", 6) == 0 ? F_SOURCE : -1;
    case 7:
        return memcmp(k, "content", 7) == 0 ? F_CONTENT : -1;
    default:
        return -1;
    }
}

static void S_push_item(field *f, const span *s)
{
    if (f->len == f->cap)
        f->items = xgrow(f->items, sizeof *f->items, &f->cap, f->len + 1);
    f->items[f->len++] = *s;
}

/* Parses line s[0..n): NULL when it is one valid JSON value, with js->f filled from its members
 * if it is an object, *type one of "object", "array", "string", ... (json-c's type names);
 * otherwise the error, S_eol when the line ends inside the value. *end is where json-c stops:
 * after the value and any whitespace and comments that follow it. */
static const char *S_scan(jscan *js, const char *s, size_t n, const char **end, const char **type)
{
    const char *p = s, *e = s + n, *err;
    char stack[S_MAX_DEPTH]; /* '{' or '[' per open container */
    int level = 0;           /* open containers */
    int rec = -1;            /* the field of the top object's member being read */
    span str = {NULL, 0, 0};
    int kind;

    for (int i = 0; i < F_COUNT; i++)
        js->f[i].kind = V_NONE, js->f[i].len = 0;
    *type = "object";
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (p == e)
        return S_eol;

value: /* p is on the first byte of a value */
    switch (*p) {
    case '{':
        if (level == 1 && rec >= 0)
            js->f[rec].kind = V_OTHER;
        stack[level++] = '{';
        p++;
        goto member;
    case '[':
        if (level == 0)
            *type = "array";
        if (level == 1 && rec >= 0) {
            js->f[rec].kind = S_IS_BODY(rec) ? V_ARRAY : V_OTHER;
            js->f[rec].len = 0;
        }
        stack[level++] = '[';
        p++;
        if ((err = S_skip(&p, e)) != NULL)
            return err;
        if (p == e)
            return S_eol;
        if (*p == ']') {
            p++;
            goto close;
        }
        goto element;
    case '"':
    case '\'':
        if ((err = S_string(&p, e, &str)) != NULL)
            return err;
        kind = V_STRING;
        if (level == 2 && rec >= 0 && stack[1] == '[' && js->f[rec].kind == V_ARRAY) {
            S_push_item(&js->f[rec], &str);
            goto after;
        }
        break;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
        if ((err = S_number(&p, e, level > 0, &str, &kind)) != NULL)
            return err;
        break;
    case 't': case 'T': case 'f': case 'F':
        if ((err = S_literal(&p, e, 1, &kind)) != NULL)
            return err;
        break;
    case 'n': case 'N':
        if ((err = S_literal(&p, e, 0, &kind)) != NULL)
            return err;
        break;
    case 'i': case 'I':
        if ((err = S_infinity(&p, e)) != NULL)
            return err;
        kind = V_OTHER;
        break;
    default:
        return "unexpected character";
    }
    /* a scalar */
    if (level == 1) {
        if (rec >= 0) {
            js->f[rec].kind = kind;
            js->f[rec].s = str;
        }
    } else if (level == 0) { /* json-c gives no object for null: old messages said so */
        *type = kind == V_STRING ? "string"
                : kind == V_INT  ? "int"
                : kind == V_BOOL ? "boolean"
                : kind == V_NONE ? NULL
                                 : "double";
    }
    goto after;

close: /* a container ended */
    level--;

after: /* a value ended */
    if (level == 0)
        goto done;
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (p == e)
        return S_eol;
    if (stack[level - 1] == '{') {
        if (*p == '}') {
            p++;
            goto close;
        }
        if (*p != ',')
            return "object value separator ',' expected";
        p++;
        goto member;
    }
    if (*p == ']') {
        p++;
        goto close;
    }
    if (*p != ',')
        return "array value separator ',' expected";
    p++;
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (p == e)
        return S_eol;
    if (*p == ']') { /* json-c takes a trailing comma */
        p++;
        goto close;
    }
    goto element;

member: /* after '{' or ',' in an object: a key, or the end (json-c takes a trailing comma) */
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (p == e)
        return S_eol;
    if (*p == '}') {
        p++;
        goto close;
    }
    if (*p != '"' && *p != '\'')
        return "quoted object property name expected";
    if ((err = S_string(&p, e, &str)) != NULL)
        return err;
    if (level == 1) {
        if (!str.esc) {
            rec = S_field_of(str.p, str.n);
        } else { /* json-c keeps keys as C strings: an escaped NUL ends the key */
            S_decode(&str, &js->key);
            rec = S_field_of(js->key.data, strlen(js->key.data));
        }
    }
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (p == e)
        return S_eol;
    if (*p != ':')
        return "object property name separator ':' expected";
    p++;

element: /* a value inside a container follows */
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (p == e)
        return S_eol;
    if (level >= S_MAX_DEPTH)
        return "nesting too deep";
    goto value;

done:
    if ((err = S_skip(&p, e)) != NULL)
        return err;
    if (!*type)
        return "null expected";
    *end = p;
    return NULL;
}

/* ---------------------------------------------------------------------------------------------
 * Fields
 * ------------------------------------------------------------------------------------------- */

/* The text of a string span, decoded when it has escapes; valid until the next call. */
static const char *S_text(jscan *js, const span *s, size_t *n)
{
    if (!s->esc) {
        *n = s->n;
        return s->p;
    }
    S_decode(s, &js->dec);
    *n = js->dec.len;
    return js->dec.data;
}

/* A string field as valid UTF-8 without NUL bytes (a "\u0000" escape puts one in the decoded
 * text), trimmed; NULL when absent, empty or neither a string nor an integer. An integer is
 * its decimal value, as json-c prints it: leading zeros dropped, out-of-range values clamped. */
static char *S_field(jscan *js, int which)
{
    const field *f = &js->f[which];
    char num[24];
    const char *s;
    size_t n;
    if (f->kind == V_STRING) {
        s = S_text(js, &f->s, &n);
    } else if (f->kind == V_INT) {
        const char *d = f->s.p, *de = f->s.p + f->s.n;
        int neg = *d == '-';
        uint64_t v = 0;
        int over = 0;
        for (d += neg; d < de; d++) {
            unsigned digit = (unsigned)(*d - '0');
            if (v > (UINT64_MAX - digit) / 10)
                over = 1;
            else
                v = v * 10 + digit;
        }
        if (!neg)
            snprintf(num, sizeof num, "%" PRIu64, over ? UINT64_MAX : v);
        else if (over || v > (uint64_t)INT64_MAX + 1)
            snprintf(num, sizeof num, "%" PRId64, INT64_MIN);
        else if (v)
            snprintf(num, sizeof num, "-%" PRIu64, v);
        else
            snprintf(num, sizeof num, "0"); /* "-0" */
        s = num, n = strlen(num);
    } else {
        return NULL;
    }
    buf *out = &js->clean;
    buf_clear(out);
    utf8_sanitize(s, n, out, NULL);
    size_t w = 0;
    for (size_t r = 0; r < out->len; r++)
        if (out->data[r] != '\0')
            out->data[w++] = out->data[r];
    const char *t = ingest_trim(out->data ? out->data : "", &w);
    return w ? xstrndup(t, w) : NULL;
}

/* Titles, URLs and the like are one line: inner line breaks and tabs become spaces. */
static char *S_line_field(jscan *js, int which)
{
    char *s = S_field(js, which);
    if (s)
        for (char *c = s; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
    return s;
}

/* NUL and CR become line breaks (as far as we care, that is what they are). Texts rarely have
 * either: sixteen bytes are looked at at once. */
static void S_breaks(char *s, size_t n)
{
    size_t i = 0;
#ifdef __SSE2__
    const __m128i nul = _mm_setzero_si128(), cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        if (_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, nul), _mm_cmpeq_epi8(v, cr))))
            break; /* the loop below does this block and the rest */
    }
#endif
    for (; i < n; i++)
        if (s[i] == '\0' || s[i] == '\r')
            s[i] = '\n';
}

/* s and ":lineno" into b, which is empty (buf_printf's vsnprintf, twice per article, was a
 * fiftieth of reading short articles). */
static void S_name_line(buf *b, const char *s, size_t lineno)
{
    char digits[24], *d = digits + sizeof digits;
    do
        *--d = (char)('0' + lineno % 10);
    while (lineno /= 10);
    buf_append(b, s, strlen(s));
    buf_putc(b, ':');
    buf_append(b, d, (size_t)(digits + sizeof digits - d));
}

static void S_add_text(jscan *js, ingest_paras *body, const span *sp)
{
    size_t n;
    const char *s = S_text(js, sp, &n);
    buf *clean = &js->clean;
    buf_clear(clean);
    utf8_sanitize(s, n, clean, NULL);
    S_breaks(clean->data, clean->len);
    /* The paragraphs take at most the text and a separator: one allocation, not a doubling
     * per few lines. */
    buf_reserve(&body->out, clean->len + 1);
    ingest_paras_text(body, clean->data ? clean->data : "", clean->len);
    ingest_paras_break(body);
}

/* The body from "text", else "content", else "body": a string or an array of strings. */
static void S_body(jscan *js, ingest_paras *body)
{
    for (int k = F_TEXT; k <= F_BODY && !body->out.len; k++) {
        const field *f = &js->f[k];
        if (f->kind == V_STRING) {
            S_add_text(js, body, &f->s);
        } else if (f->kind == V_ARRAY) {
            for (size_t i = 0; i < f->len; i++)
                S_add_text(js, body, &f->items[i]);
        }
    }
}

static chorus_code S_article(ingest_file *f, jscan *js, size_t lineno, chorus_error *err)
{
    ingest_paras body = INGEST_PARAS_INIT;
    S_body(js, &body);
    if (!body.out.len) {
        ingest_warn(f, "%s:%zu: no text, skipped", f->name, lineno);
        ingest_paras_free(&body);
        return CHORUS_OK;
    }
    char *title = S_line_field(js, F_TITLE);
    char *url = S_line_field(js, F_URL);
    char *source = S_line_field(js, F_SOURCE);
    char *id = S_line_field(js, F_ID);
    char *date_text = S_line_field(js, F_DATE);
    char date[11];
    int have_date = 0;
    if (date_text) {
        have_date = ingest_parse_date(date_text, strlen(date_text), date);
        if (!have_date)
            ingest_warn(f, "%s:%zu: unrecognized date \"%.40s\", ignored", f->name, lineno,
                        date_text);
    }
    buf origin = BUF_INIT, fallback_id = BUF_INIT;
    S_name_line(&origin, f->origin, lineno);
    if (!id) /* one file holds many articles: the file name alone would not be unique */
        S_name_line(&fallback_id, f->base, lineno);

    raw_article a = {
        .origin = origin.data,
        .id = id ? id : fallback_id.data,
        .title = title,
        .date = have_date ? date : NULL,
        .url = url,
        .source = source,
        .body = body.out.data,
        .body_len = body.out.len,
    };
    chorus_code rc = ingest_emit(f, &a, err);
    buf_free(&origin);
    buf_free(&fallback_id);
    free(title), free(url), free(source), free(id), free(date_text);
    ingest_paras_free(&body);
    return rc;
}

/* Parses one line into js, or sets err naming the line. */
static chorus_code S_parse(ingest_file *f, jscan *js, const char *line, size_t n, size_t lineno,
                           chorus_error *err)
{
    if (n > (size_t)INT_MAX) /* json-c's limit; kept so that the same files load */
        return error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: line too long", f->name,
                         lineno);
    const char *end, *type, *jerr = S_scan(js, line, n, &end, &type);
    if (jerr)
        return error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: %s", f->name, lineno,
                         jerr);
    size_t rest = n - (size_t)(end - line);
    ingest_trim(end, &rest);
    if (rest)
        return error_set(err, CHORUS_ERR_FORMAT,
                         "%s:%zu: invalid JSON: unexpected text after the object", f->name,
                         lineno);
    if (strcmp(type, "object") != 0)
        return error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: expected an object, got %s",
                         f->name, lineno, type);
    return CHORUS_OK;
}

enum { RELEASE_STEP = 16 << 20 };

chorus_code ingest_read_jsonl(ingest_file *f, chorus_error *err)
{
    jscan js;
    memset(&js, 0, sizeof js);
    size_t pos = 0, n, lineno = 0, released = 0;
    const char *line;
    chorus_code rc = CHORUS_OK;
    while (rc == CHORUS_OK && ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        lineno++;
        /* Lines before this one are done with (the sink copies what it keeps): a stream of
         * millions of articles need not stay in memory. */
        if (line - f->data >= (ptrdiff_t)(released + RELEASE_STEP)) {
            released = (size_t)(line - f->data);
            ingest_release(f, released);
        }
        size_t t = n;
        ingest_trim(line, &t);
        if (!t)
            continue;
        rc = S_parse(f, &js, line, n, lineno, err);
        if (rc == CHORUS_OK)
            rc = S_article(f, &js, lineno, err);
    }
    for (int i = 0; i < F_COUNT; i++)
        free(js.f[i].items);
    buf_free(&js.key);
    buf_free(&js.dec);
    buf_free(&js.clean);
    if (rc == CHORUS_OK && f->emitted == 0)
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no articles found", f->name);
    return rc;
}
