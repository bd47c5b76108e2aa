/* rouge_text: how ROUGE-1.5.5 reads a summary and cuts it into tokens.
 *
 * readText (L1816-L1935) and readText_LCS (L2020-L2117) read the units of a file (lines for
 * SPL), lower-case them, apply the -l/-b limit and tokenize. The n-gram reader joins the kept
 * units into one string; the LCS reader keeps them apart and, under -b, applies a different
 * (buggy) limit. Everything here works on bytes, as the script does: no decoding.
 */
#include "eval/rouge.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"

/* Perl's \s on a byte string (perl >= 5.18): [ \t\n\r\f\v]. NEL 0x85 and NBSP 0xA0 are not
 * whitespace because the text is read as bytes, without the UTF-8 flag. */
static int S_is_space(unsigned char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int S_is_alnum(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
}

static int S_is_digit(unsigned char ch)
{
    return ch >= '0' && ch <= '9';
}

static int S_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'a' && ca <= 'z')
            ca -= 32;
        if (cb >= 'a' && cb <= 'z')
            cb -= 32;
        if (ca != cb || ca == 0)
            return ca - cb;
    }
}

/* ---- unit extraction per input format ---------------------------------------------------- */

/* Helpers for the SEE/ISI line regexes: each advances *i on success. */
static int S_lit(const char *s, size_t n, size_t *i, const char *lit)
{
    size_t k = strlen(lit);
    if (*i + k > n || memcmp(s + *i, lit, k) != 0)
        return 0;
    *i += k;
    return 1;
}

static int S_digits(const char *s, size_t n, size_t *i) /* [0-9]+ */
{
    size_t j = *i;
    while (j < n && S_is_digit((unsigned char)s[j]))
        j++;
    if (j == *i)
        return 0;
    *i = j;
    return 1;
}

/* The two SEE patterns of L1830-L1833: `^<a size="[0-9]+" name="[0-9]+">\[([0-9]+)\]</a>\s+
 * <a href="\#[0-9]+" id=[0-9]+>([^<]+)` and the same without `size="..." `. The text is
 * [^<]+ and therefore keeps the line's newline when no '<' follows (the line is not chomped). */
static int S_match_see(const char *s, size_t n, rouge_span *text)
{
    for (int with_size = 1; with_size >= 0; with_size--) {
        size_t i = 0;
        if (!S_lit(s, n, &i, "<a "))
            return 0;
        if (with_size &&
            !(S_lit(s, n, &i, "size=\"") && S_digits(s, n, &i) && S_lit(s, n, &i, "\" ")))
            continue;
        if (!(S_lit(s, n, &i, "name=\"") && S_digits(s, n, &i) && S_lit(s, n, &i, "\">[") &&
              S_digits(s, n, &i) && S_lit(s, n, &i, "]</a>")))
            continue;
        size_t j = i;
        while (j < n && S_is_space((unsigned char)s[j]))
            j++;
        if (j == i)
            continue;
        i = j;
        if (!(S_lit(s, n, &i, "<a href=\"#") && S_digits(s, n, &i) && S_lit(s, n, &i, "\" id=") &&
              S_digits(s, n, &i) && S_lit(s, n, &i, ">")))
            continue;
        j = i;
        while (j < n && s[j] != '<')
            j++;
        if (j == i)
            continue;
        text->p = s + i;
        text->len = j - i;
        return 1;
    }
    return 0;
}

/* ISI (L1840-L1847): `^<S SNTNO="[0-9a-z,]+">([^<]+)</S>`. */
static int S_match_isi(const char *s, size_t n, rouge_span *text)
{
    size_t i = 0;
    if (!S_lit(s, n, &i, "<S SNTNO=\""))
        return 0;
    size_t j = i;
    while (j < n &&
           (S_is_digit((unsigned char)s[j]) || (s[j] >= 'a' && s[j] <= 'z') || s[j] == ','))
        j++;
    if (j == i)
        return 0;
    i = j;
    if (!S_lit(s, n, &i, "\">"))
        return 0;
    j = i;
    while (j < n && s[j] != '<')
        j++;
    if (j == i)
        return 0;
    size_t k = j;
    if (!S_lit(s, n, &k, "</S>"))
        return 0;
    text->p = s + i;
    text->len = j - i;
    return 1;
}

int rouge_split_units(const char *data, size_t len, const char *format, buf *store,
                      rouge_span **units, size_t *nunits)
{
    enum { F_SPL, F_SEE, F_ISI } kind;
    /* The script tests the type with /^SEE$/oi etc. (L1829). */
    if (format && S_casecmp(format, "SPL") == 0)
        kind = F_SPL;
    else if (format && S_casecmp(format, "SEE") == 0)
        kind = F_SEE;
    else if (format && S_casecmp(format, "ISI") == 0)
        kind = F_ISI;
    else
        return -1;

    /* Pass 1: the units as spans of data. Pass 2: copy them, lower-cased, into store, after
     * reserving the room so that store does not move while the pointers are taken. */
    rouge_span *found = NULL;
    size_t nfound = 0, cap = 0, total = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) + 1 : len; /* the line with its "\n" */
        const char *line = data + pos;
        size_t llen = end - pos;
        pos = end;
        rouge_span text;
        if (kind == F_SPL) {
            /* chomp removes the "\n" only; a "\r" stays (L1851). An empty line is skipped,
             * a line of blanks is kept (L1852). */
            text.p = line;
            text.len = llen - (llen > 0 && line[llen - 1] == '\n');
            if (text.len == 0)
                continue;
        } else if (kind == F_SEE) {
            if (!S_match_see(line, llen, &text))
                continue;
        } else {
            if (!S_match_isi(line, llen, &text))
                continue;
        }
        found = xgrow(found, sizeof *found, &cap, nfound + 1);
        found[nfound++] = text;
        total += text.len + 1;
    }
    buf_reserve(store, total + 1);
    size_t ucap = *nunits;
    *units = xgrow(*units, sizeof **units, &ucap, *nunits + nfound + 1);
    for (size_t u = 0; u < nfound; u++) {
        size_t at = store->len;
        buf_append(store, found[u].p, found[u].len);
        buf_putc(store, '\0'); /* every unit NUL-terminated, handy when debugging */
        for (size_t k = at; k < at + found[u].len; k++) /* tr/A-Z/a-z/ (L1854) */
            if (store->data[k] >= 'A' && store->data[k] <= 'Z')
                store->data[k] = (char)(store->data[k] - 'A' + 'a');
        (*units)[*nunits].p = store->data + at;
        (*units)[*nunits].len = found[u].len;
        (*nunits)++;
    }
    free(found);
    return 0;
}

/* ---- limits --------------------------------------------------------------------------------- */

size_t rouge_perl_word_count(const char *s, size_t len)
{
    /* split(/\s+/, s): fields between runs of whitespace; a leading run yields an empty first
     * field; trailing empty fields are removed, so all-blank gives 0. */
    size_t i = 0, fields = 0;
    int any_nonspace = 0;
    for (size_t k = 0; k < len; k++)
        if (!S_is_space((unsigned char)s[k]))
            any_nonspace = 1;
    if (!any_nonspace)
        return 0;
    if (len > 0 && S_is_space((unsigned char)s[0])) {
        fields++; /* the empty leading field */
        while (i < len && S_is_space((unsigned char)s[i]))
            i++;
    }
    while (i < len) {
        fields++;
        while (i < len && !S_is_space((unsigned char)s[i]))
            i++;
        while (i < len && S_is_space((unsigned char)s[i]))
            i++;
    }
    return fields;
}

/* join(" ", @tokens[0..k-1]) of the split fields of s (k may be 0). */
static void S_join_fields(const char *s, size_t len, size_t k, buf *out)
{
    size_t i = 0, taken = 0;
    if (k == 0)
        return;
    if (len > 0 && S_is_space((unsigned char)s[0])) {
        taken++; /* the empty leading field: nothing to write but its separator */
        while (i < len && S_is_space((unsigned char)s[i]))
            i++;
        if (taken < k)
            buf_putc(out, ' ');
        else
            return;
    }
    while (i < len && taken < k) {
        size_t start = i;
        while (i < len && !S_is_space((unsigned char)s[i]))
            i++;
        buf_append(out, s + start, i - start);
        taken++;
        while (i < len && S_is_space((unsigned char)s[i]))
            i++;
        if (taken < k && i < len)
            buf_putc(out, ' ');
    }
}

/* Number of fields Perl's slice @tokens[0..$x] takes: the range operator truncates $x to an
 * integer; an empty range gives 0. Fields beyond the end would be undef (never reached: the
 * cut only happens when the unit has enough words). */
static size_t S_slice_count(double last_index)
{
    if (!(last_index >= 0))
        return 0;
    double t = floor(last_index);
    return t >= 1e15 ? (size_t)1e15 : (size_t)t + 1;
}

/* substr($s, 0, $n) length: $n truncated to an integer; a negative $n leaves that many bytes
 * off the end. */
static size_t S_substr_len(size_t len, double n)
{
    double t = trunc(n);
    if (t >= 0)
        return t >= (double)len ? len : (size_t)t;
    double keep = (double)len + t;
    return keep <= 0 ? 0 : (size_t)keep;
}

int rouge_limit_join(const rouge_span *units, size_t nunits, double word_limit, double byte_limit,
                     buf *out)
{
    size_t start = out->len;
    if (word_limit == 0 && byte_limit == 0) {
        /* join(" ", @sntList): always defined, even when empty (so no warning, L1861). */
        for (size_t u = 0; u < nunits; u++) {
            if (u)
                buf_putc(out, ' ');
            buf_append(out, units[u].p, units[u].len);
        }
        if (!out->data)
            buf_append(out, "", 0);
        return 1;
    }
    double done = 0; /* $tmpTextLen */
    for (size_t u = 0; u < nunits; u++) {
        const char *s = units[u].p;
        size_t len = units[u].len;
        double slen = word_limit != 0 ? (double)rouge_perl_word_count(s, len) : (double)len;
        double limit = word_limit != 0 ? word_limit : byte_limit;
        if (done + slen < limit) {
            /* The separator depends on the count so far, not on the text (L1880): after
             * blank-only units (0 words) nothing is inserted. */
            if (done != 0)
                buf_putc(out, ' ');
            buf_append(out, s, len);
            done += slen;
        } else {
            if (done > 0)
                buf_putc(out, ' ');
            if (word_limit != 0)
                S_join_fields(s, len, S_slice_count(word_limit - done - 1), out);
            else
                buf_append(out, s, S_substr_len(len, byte_limit - done));
            break;
        }
    }
    if (!out->data)
        buf_append(out, "", 0);
    /* `if(length($tmpText)>0)`: an empty result leaves the text undefined (L1892). */
    return out->len > start;
}

size_t rouge_limit_units(const rouge_span *units, size_t nunits, double word_limit,
                         double byte_limit, buf *store, size_t **offs, size_t **lens)
{
    size_t kept = 0, cap = 0, cap2 = 0;
    double done = 0;
    for (size_t u = 0; u < nunits; u++) {
        const char *s = units[u].p;
        size_t len = units[u].len;
        size_t at = store->len;
        int last = 0;
        if (word_limit == 0 && byte_limit == 0) {
            buf_append(store, s, len);
        } else if (word_limit != 0) {
            double slen = (double)rouge_perl_word_count(s, len);
            if (done + slen < word_limit) {
                done += slen;
                buf_append(store, s, len);
            } else {
                S_join_fields(s, len, S_slice_count(word_limit - done - 1), store);
                last = 1;
            }
        } else {
            /* The quirk (L2089-L2104): $tmpTextLen is never increased here, so each unit is
             * compared with the limit on its own; only a unit of >= N bytes is cut, to N
             * bytes, and ends the reading. */
            if ((double)len < byte_limit) {
                buf_append(store, s, len);
            } else {
                buf_append(store, s, S_substr_len(len, byte_limit));
                last = 1;
            }
        }
        buf_putc(store, '\0');
        *offs = xgrow(*offs, sizeof **offs, &cap, kept + 1);
        *lens = xgrow(*lens, sizeof **lens, &cap2, kept + 1);
        (*offs)[kept] = at;
        (*lens)[kept] = store->len - 1 - at;
        kept++;
        if (last)
            break;
    }
    return kept;
}

/* ---- tokenizing ---------------------------------------------------------------------------- */

void rouge_tokenize(const char *text, size_t len, void (*fn)(void *ud, const char *tok, size_t len),
                    void *ud)
{
    /* The script turns "-" into " - ", every byte outside [A-Za-z0-9-] into a blank, trims,
     * squeezes and splits (L1924-L1930); createNGram then drops tokens that do not start with
     * [a-z0-9$] (L2618), which removes the "-" tokens. What remains are exactly the maximal
     * runs of ASCII letters and digits (lower-case already, readText lower-cased the lines). */
    size_t i = 0;
    while (i < len) {
        while (i < len && !S_is_alnum((unsigned char)text[i]))
            i++;
        size_t start = i;
        while (i < len && S_is_alnum((unsigned char)text[i]))
            i++;
        if (i > start)
            fn(ud, text + start, i - start);
    }
}
