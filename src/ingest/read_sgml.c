/* read_sgml: NIST DUC/TREC newswire documents, one or more <DOC> per file.
 *
 * The collections share <DOC>, <DOCNO> and <TEXT> but differ in everything else (see
 * ../shared/data/README.md, "SGML tags per source"). The DOCNO prefix names the source and
 * selects its quirks:
 *
 *   source  title              date                  body and paragraphs
 *   AP      first HEAD before  DOCNO YYMMDD          every TEXT; a 3-blank indent starts a
 * paragraph; the first TEXT                           the HEAD sub-headings between TEXT blocks are
 * dropped WSJ     HL up to "----"    DOCNO YYMMDD          LP then TEXT; indent starts a paragraph
 *   SJMN    HEADLINE           PUBDATE YYMMDD        LEADPARA then TEXT; ";" + 2 or more blanks
 *                                                    (or ".; ") separates paragraphs; ";" dropped
 *   LA      HEADLINE, first P  DOCNO MMDDYY          the P elements of TEXT; TABLE dropped
 *   FT      HEADLINE without   DATE YYMMDD           TEXT, no markers: wrapped lines rejoined by
 *           "FT  03 SEP 92 / "                       the free-text rule
 *   FBIS    TI (inside H3)     DATE1 "25 February    TEXT after its header, which ends at a marker
 *                              1994"                 such as "[Text]"; indent starts a paragraph
 *
 * Unknown sources get the generic path: the first of HEADLINE, HL, TI, HEAD as title, the
 * DOCNO or a DATE-like tag as date, and LP/LEADPARA/TEXT as body (P elements when present,
 * else indentation when the text is indented, else the free-text rule). Tags inside the body
 * are removed and entities (&amp; ...) decoded. */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/vec.h"
#include "ingest/readers.h"
#include "text/utf8.h"

typedef struct span {
    const char *s;
    size_t n;
} span;

/* A tag at p ('<'): its name, whether it closes, and its total length (0: not a tag). */
typedef struct tag {
    const char *name;
    size_t name_len;
    int closing;
    size_t len;
} tag;

/* Tags are short; a '<' not followed by a name and a '>' soon after is text ("a < b"). */
#define S_TAG_MAX 512

static size_t S_parse_tag(const char *p, const char *end, tag *t)
{
    const char *q = p + 1;
    t->closing = q < end && *q == '/';
    if (t->closing)
        q++;
    t->name = q;
    while (q < end && isalnum((unsigned char)*q))
        q++;
    t->name_len = (size_t)(q - t->name);
    if (!t->name_len || !isalpha((unsigned char)t->name[0]))
        return t->len = 0;
    const char *limit = end - p > S_TAG_MAX ? p + S_TAG_MAX : end;
    while (q < limit && *q != '>' && *q != '<')
        q++;
    if (q >= limit || *q != '>')
        return t->len = 0;
    return t->len = (size_t)(q + 1 - p);
}

static int S_name_is(const tag *t, const char *name)
{
    size_t k = strlen(name);
    if (t->name_len != k)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (toupper((unsigned char)t->name[i]) != name[i])
            return 0;
    return 1;
}

/* The next tag at or after p, or NULL. */
static const char *S_next_tag(const char *p, const char *end, tag *t)
{
    while (p < end) {
        const char *lt = memchr(p, '<', (size_t)(end - p));
        if (!lt)
            return NULL;
        if (S_parse_tag(lt, end, t))
            return lt;
        p = lt + 1;
    }
    return NULL;
}

static int S_same_name(const tag *a, const tag *b)
{
    if (a->name_len != b->name_len)
        return 0;
    for (size_t i = 0; i < a->name_len; i++)
        if (toupper((unsigned char)a->name[i]) != toupper((unsigned char)b->name[i]))
            return 0;
    return 1;
}

/* Finds the </name> that closes `open`, from p. *content_end gets where the content ends; the
 * return value is where scanning resumes. Elements of one name never nest in these
 * collections, so an element left open ends where the next one of its name opens (an
 * unclosed <P> before the next <P>), else at end. That also keeps a file full of unclosed
 * tags linear. */
static const char *S_close(const char *p, const char *end, const tag *open,
                           const char **content_end)
{
    tag t;
    const char *q;
    while ((q = S_next_tag(p, end, &t)) != NULL) {
        if (S_same_name(&t, open)) {
            *content_end = q;
            return t.closing ? q + t.len : q;
        }
        p = q + t.len;
    }
    *content_end = end;
    return end;
}

/* ---------------------------------------------------------------------------------------------
 * Entities and tag removal
 * ------------------------------------------------------------------------------------------- */

static const struct {
    const char *name;
    const char *text;
} S_entities[] = {
    {"amp", "&"},
    {"lt", "<"},
    {"gt", ">"},
    {"quot", "\""},
    {"apos", "'"},
    {"nbsp", "\xC2\xA0"},
    {"pound", "\xC2\xA3"},
    {"cent", "\xC2\xA2"},
    {"yen", "\xC2\xA5"},
    {"sect", "\xC2\xA7"},
    {"copy", "\xC2\xA9"},
    {"reg", "\xC2\xAE"},
    {"deg", "\xC2\xB0"},
    {"para", "\xC2\xB6"},
    {"frac12", "\xC2\xBD"},
    {"frac14", "\xC2\xBC"},
    {"frac34", "\xC2\xBE"},
    {"mdash", "\xE2\x80\x94"},
    {"ndash", "\xE2\x80\x93"},
    {"hellip", "\xE2\x80\xA6"},
    {"lsquo", "\xE2\x80\x98"},
    {"rsquo", "\xE2\x80\x99"},
    {"ldquo", "\xE2\x80\x9C"},
    {"rdquo", "\xE2\x80\x9D"},
};

/* Decodes the entity at s ('&'); returns the bytes consumed, 0 when it is not one. */
static size_t S_entity(const char *s, const char *end, buf *out)
{
    const char *semi = memchr(s, ';', (size_t)(end - s) < 12 ? (size_t)(end - s) : 12);
    if (!semi || semi == s + 1)
        return 0;
    const char *name = s + 1;
    size_t n = (size_t)(semi - name);
    if (name[0] == '#') {
        int hex = n > 1 && (name[1] == 'x' || name[1] == 'X');
        size_t i = hex ? 2 : 1;
        if (i >= n)
            return 0;
        unsigned long cp = 0;
        for (; i < n; i++) {
            int c = (unsigned char)name[i];
            int v = isdigit(c) ? c - '0' : hex && isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
            if (v < 0)
                return 0;
            cp = cp * (hex ? 16 : 10) + (unsigned long)v;
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            cp = 0xFFFD;
        char enc[4];
        buf_append(out, enc, utf8_encode((uint32_t)cp, enc));
        return n + 2;
    }
    for (size_t k = 0; k < sizeof S_entities / sizeof *S_entities; k++) {
        if (strlen(S_entities[k].name) == n && memcmp(S_entities[k].name, name, n) == 0) {
            buf_puts(out, S_entities[k].text);
            return n + 2;
        }
    }
    /* The typesetting codes of the older LDC newswire (TDT, the New York Times service):
     * &AMP; &LT; &GT; are the characters, &MD; a dash, and the layout codes (&QL; &QC; &QR;
     * &UR; &LR; &HT; ..., &Cx1f;) are no text: a blank, so that words do not run together. */
    const char *text = NULL;
    if (n == 3 && memcmp(name, "AMP", 3) == 0)
        text = "&";
    else if (n == 2 && memcmp(name, "LT", 2) == 0)
        text = "<";
    else if (n == 2 && memcmp(name, "GT", 2) == 0)
        text = ">";
    else if (n == 2 && memcmp(name, "MD", 2) == 0)
        text = "\xE2\x80\x94";
    else {
        int code = n >= 2 && n <= 4;
        for (size_t i = 0; i < n && code; i++)
            code = isupper((unsigned char)name[i]);
        int ctrl = n >= 3 && n <= 4 && name[0] == 'C' && name[1] == 'x';
        for (size_t i = 2; i < n && ctrl; i++)
            ctrl = isxdigit((unsigned char)name[i]);
        if (code || ctrl)
            text = " ";
    }
    if (!text)
        return 0;
    buf_puts(out, text);
    return n + 2;
}

/* Appends s without its tags (a TABLE element is dropped whole: its cells are not prose)
 * and with entities decoded. */
static void S_plain(const char *s, size_t n, buf *out)
{
    const char *p = s, *end = s + n, *run = s;
    while (p < end) {
        const char *q = p;
        while (q < end && *q != '<' && *q != '&')
            q++;
        if (q >= end)
            break;
        tag t;
        if (*q == '<') {
            if (S_parse_tag(q, end, &t)) {
                buf_append(out, run, (size_t)(q - run));
                const char *next = q + t.len, *unused;
                if (!t.closing && S_name_is(&t, "TABLE"))
                    next = S_close(next, end, &t, &unused);
                p = run = next;
            } else {
                p = q + 1; /* a lone '<' is text */
            }
        } else { /* '&' */
            buf_append(out, run, (size_t)(q - run));
            run = q;
            size_t used = S_entity(q, end, out);
            p = used ? (run = q + used) : q + 1;
        }
    }
    buf_append(out, run, (size_t)(end - run));
}

/* Plain text on one line: tags removed, entities decoded, blank runs collapsed, trimmed. */
static void S_plain_line(const char *s, size_t n, buf *out)
{
    buf tmp = BUF_INIT;
    S_plain(s, n, &tmp);
    int space = 0;
    size_t start = out->len;
    for (size_t i = 0; i < tmp.len; i++) {
        unsigned char c = (unsigned char)tmp.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = 1;
            continue;
        }
        if (space && out->len > start)
            buf_putc(out, ' ');
        space = 0;
        buf_putc(out, (char)c);
    }
    buf_free(&tmp);
}

/* ---------------------------------------------------------------------------------------------
 * Sources
 * ------------------------------------------------------------------------------------------- */

typedef enum src_kind { SRC_OTHER, SRC_AP, SRC_WSJ, SRC_SJMN, SRC_LA, SRC_FT, SRC_FBIS } src_kind;

static src_kind S_kind(const char *prefix)
{
    static const struct {
        const char *name;
        src_kind kind;
    } kinds[] = {{"AP", SRC_AP}, {"WSJ", SRC_WSJ}, {"SJMN", SRC_SJMN},
                 {"LA", SRC_LA}, {"FT", SRC_FT},   {"FBIS", SRC_FBIS}};
    for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
        if (strcmp(prefix, kinds[i].name) == 0)
            return kinds[i].kind;
    return SRC_OTHER;
}

/* ---------------------------------------------------------------------------------------------
 * Dates
 * ------------------------------------------------------------------------------------------- */

static int S_num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return n ? v : -1;
}

/* Two-digit years of these collections are 19xx; below 50 they would be 20xx. */
static int S_year2(int yy)
{
    return yy < 50 ? 2000 + yy : 1900 + yy;
}

/* AP880928-0054 (YYMMDD), LA103089-0075 (MMDDYY): six digits then '-'. */
static int S_docno_date(const char *docno, src_kind kind, char out[11])
{
    const char *p = docno;
    while (isalpha((unsigned char)*p))
        p++;
    if (strlen(p) < 7 || p[6] != '-' || S_num(p, 6) < 0)
        return 0;
    int a = S_num(p, 2), b = S_num(p + 2, 2), c = S_num(p + 4, 2);
    if (kind == SRC_LA)
        return ingest_make_date(S_year2(c), a, b, out);
    return ingest_make_date(S_year2(a), b, c, out);
}

static int S_month(const char *s, size_t n)
{
    static const char *const names[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
    if (n < 3)
        return 0;
    if (s[n - 1] == '.')
        n--;
    for (int m = 0; m < 12; m++) {
        if (n > strlen(names[m]))
            continue;
        size_t i = 0;
        while (i < n && tolower((unsigned char)s[i]) == names[m][i])
            i++;
        if (i == n)
            return m + 1;
    }
    return 0;
}

/* The text of a date tag: "920103", "910702", "07/02/91", "25 February 1994",
 * "January 26, 1989, Thursday, Home Edition", "1994-02-25". */
static int S_text_date(const char *s, size_t n, char out[11])
{
    buf plain = BUF_INIT;
    S_plain_line(s, n, &plain);
    span w[3] = {{0}};
    size_t nw = 0;
    const char *p = plain.data ? plain.data : "", *end = p + plain.len;
    while (p < end && nw < 3) { /* the first three words, commas dropped */
        while (p < end && (*p == ' ' || *p == ','))
            p++;
        const char *b = p;
        while (p < end && *p != ' ' && *p != ',')
            p++;
        if (p > b)
            w[nw].s = b, w[nw].n = (size_t)(p - b), nw++;
    }
    int ok = 0;
    if (nw >= 1) {
        const char *t = w[0].s;
        size_t k = w[0].n;
        const char *sl1 = memchr(t, '/', k),
                   *sl2 = sl1 ? memchr(sl1 + 1, '/', k - (size_t)(sl1 + 1 - t)) : NULL;
        if (ingest_parse_date(t, k, out)) {
            ok = 1;
        } else if (k == 6 && S_num(t, 6) >= 0) {
            ok = ingest_make_date(S_year2(S_num(t, 2)), S_num(t + 2, 2), S_num(t + 4, 2), out);
        } else if (sl1 && sl2) { /* MM/DD/YY or MM/DD/YYYY */
            int m = S_num(t, (size_t)(sl1 - t)), d = S_num(sl1 + 1, (size_t)(sl2 - sl1 - 1));
            size_t yl = k - (size_t)(sl2 + 1 - t);
            int y = S_num(sl2 + 1, yl);
            if (y >= 0 && yl == 2)
                y = S_year2(y);
            ok = m > 0 && d > 0 && yl >= 2 && ingest_make_date(y, m, d, out);
        } else if (nw == 3 && S_month(w[1].s, w[1].n) && w[2].n == 4) { /* 25 February 1994 */
            ok = ingest_make_date(S_num(w[2].s, 4), S_month(w[1].s, w[1].n), S_num(t, k), out);
        } else if (nw == 3 && S_month(t, k) && w[2].n == 4) { /* January 26, 1989 */
            ok = ingest_make_date(S_num(w[2].s, 4), S_month(t, k), S_num(w[1].s, w[1].n), out);
        }
    }
    buf_free(&plain);
    return ok;
}

/* ---------------------------------------------------------------------------------------------
 * Titles
 * ------------------------------------------------------------------------------------------- */

/* Title text of a headline element: the first P when it has several (LA: the second is a
 * subtitle), WSJ's HL up to its "----" line (the byline follows), FT's "FT  03 SEP 92 / "
 * prefix and a trailing ';' removed. NULL when nothing is left. */
static char *S_title(span e, src_kind kind)
{
    const char *s = e.s, *end = e.s + e.n, *q;
    tag t;
    if ((q = S_next_tag(s, end, &t)) != NULL) {
        for (; q; q = S_next_tag(q + t.len, end, &t)) {
            if (!t.closing && S_name_is(&t, "P")) {
                const char *cend;
                s = q + t.len;
                S_close(s, end, &t, &cend);
                end = cend;
                break;
            }
        }
    }
    /* Line by line: old WSJ headlines start every line with "@", and a line of dashes
     * separates the headline from the byline. */
    buf lines = BUF_INIT, out = BUF_INIT;
    size_t pos = 0, n;
    const char *line;
    while (ingest_next_line(s, (size_t)(end - s), &pos, &line, &n)) {
        line = ingest_trim(line, &n);
        if (n && line[0] == '@')
            line++, n--, line = ingest_trim(line, &n);
        if (n >= 2 && strspn(line, "-") >= n)
            break;
        buf_append(&lines, line, n);
        buf_putc(&lines, '\n');
    }
    S_plain_line(lines.data ? lines.data : "", lines.len, &out);
    buf_free(&lines);
    const char *r = out.data ? out.data : "";
    size_t rn = out.len;
    if (kind == SRC_FT && rn > 3 && memcmp(r, "FT ", 3) == 0) {
        const char *slash = strstr(r, " / ");
        if (slash && slash - r < 24)
            rn -= (size_t)(slash + 3 - r), r = slash + 3;
    }
    while (rn && (r[rn - 1] == ';' || r[rn - 1] == ' '))
        rn--;
    char *res = rn ? xstrndup(r, rn) : NULL;
    buf_free(&out);
    return res;
}

/* ---------------------------------------------------------------------------------------------
 * Bodies
 * ------------------------------------------------------------------------------------------- */

/* FBIS puts a header inside TEXT ("Language: <F P=105> English </F>", "Article Type:BFN", an
 * <F P=106> author/title note) and starts the body at a marker like "[Text]". Header lines are
 * not indented, body paragraphs are: the body starts at the first indented line or marker line,
 * after the marker if there is one. */
static size_t S_fbis_start(const char *s, size_t n)
{
    size_t pos = 0, len;
    const char *line;
    while (ingest_next_line(s, n, &pos, &line, &len)) {
        size_t tn = len;
        const char *t = ingest_trim(line, &tn);
        if (!tn)
            continue;
        int indented = t > line;
        size_t m = 0;
        if (t[0] == '[') { /* [Text], [Excerpts], [Editorial Report]: capitalized words only */
            m = 1;
            while (m < tn && m < 32 && (isalpha((unsigned char)t[m]) || t[m] == ' '))
                m++;
            if (!(m < tn && t[m] == ']' && m > 1 && isupper((unsigned char)t[1])))
                m = 0;
        }
        if (m)
            return (size_t)(t + m + 1 - s);
        if (indented)
            return (size_t)(line - s);
    }
    return 0;
}

static int S_has_p(const char *s, size_t n)
{
    tag t;
    const char *q = s, *end = s + n;
    while ((q = S_next_tag(q, end, &t)) != NULL) {
        if (!t.closing && S_name_is(&t, "P"))
            return 1;
        q += t.len;
    }
    return 0;
}

/* LA: every P element is one paragraph; anything outside them (TABLE ...) is dropped. */
static void S_body_p(ingest_paras *p, const char *s, size_t n)
{
    tag t;
    const char *q = s, *end = s + n;
    buf tmp = BUF_INIT;
    while ((q = S_next_tag(q, end, &t)) != NULL) {
        if (t.closing || !S_name_is(&t, "P")) {
            q += t.len;
            continue;
        }
        const char *cend;
        const char *next = S_close(q + t.len, end, &t, &cend);
        buf_clear(&tmp);
        S_plain_line(q + t.len, (size_t)(cend - (q + t.len)), &tmp);
        ingest_paras_break(p);
        ingest_paras_add(p, tmp.data ? tmp.data : "", tmp.len);
        q = next;
    }
    ingest_paras_break(p);
    buf_free(&tmp);
}

/* SJMN: ";" followed by two or more blanks (line ends count), or by one blank after the end
 * of a sentence, ends a paragraph; the ";" is not text. */
static void S_body_sjmn(ingest_paras *p, const char *s, size_t n)
{
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        int cut = i == n;
        size_t skip = 0;
        if (!cut && s[i] == ';') {
            size_t j = i + 1;
            while (j < n && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n'))
                j++;
            /* ".; " never occurs in prose: the list sections of SJMN use one blank */
            int after_end = i > 0 && strchr(".?!:\"')", s[i - 1]) != NULL && j > i + 1;
            if (j - (i + 1) >= 2 || j == n || after_end)
                cut = 1, skip = j - i;
        }
        if (!cut)
            continue;
        size_t pos = 0, ln;
        const char *line;
        while (ingest_next_line(s + start, i - start, &pos, &line, &ln))
            ingest_paras_add(p, line, ln);
        ingest_paras_break(p);
        if (skip)
            i += skip - 1;
        start = i + 1;
    }
}

/* AP, WSJ, FBIS: an indented line starts a paragraph; other lines continue it. */
static void S_body_indent(ingest_paras *p, const char *s, size_t n)
{
    size_t pos = 0, ln;
    const char *line;
    while (ingest_next_line(s, n, &pos, &line, &ln)) {
        size_t tn = ln;
        const char *t = ingest_trim(line, &tn);
        if (!tn || t > line)
            ingest_paras_break(p);
        ingest_paras_add(p, t, tn);
    }
    ingest_paras_break(p);
}

static int S_first_line_indented(const char *s, size_t n)
{
    size_t pos = 0, ln;
    const char *line;
    while (ingest_next_line(s, n, &pos, &line, &ln)) {
        size_t tn = ln;
        const char *t = ingest_trim(line, &tn);
        if (tn)
            return t > line;
    }
    return 0;
}

static void S_body_element(ingest_paras *p, span e, src_kind kind)
{
    const char *s = e.s;
    size_t n = e.n;
    if (kind == SRC_FBIS) {
        size_t off = S_fbis_start(s, n);
        s += off, n -= off;
    }
    if (S_has_p(s, n)) {
        S_body_p(p, s, n);
        return;
    }
    buf plain = BUF_INIT;
    S_plain(s, n, &plain);
    const char *t = plain.data ? plain.data : "";
    if (kind == SRC_SJMN)
        S_body_sjmn(p, t, plain.len);
    else if (S_first_line_indented(t, plain.len))
        S_body_indent(p, t, plain.len);
    else
        ingest_paras_text(p, t, plain.len);
    ingest_paras_break(p);
    buf_free(&plain);
}

/* ---------------------------------------------------------------------------------------------
 * Documents
 * ------------------------------------------------------------------------------------------- */

typedef struct sgml_doc {
    span docno, headline, hl, ti, head, date, pubdate, date1, dd;
    VEC(span) body;
    int seen_text;
} sgml_doc;

static const struct {
    const char *name;
    size_t off;
} S_fields[] = {
    {"DOCNO", offsetof(sgml_doc, docno)}, {"HEADLINE", offsetof(sgml_doc, headline)},
    {"HL", offsetof(sgml_doc, hl)},       {"TI", offsetof(sgml_doc, ti)},
    {"DATE", offsetof(sgml_doc, date)},   {"PUBDATE", offsetof(sgml_doc, pubdate)},
    {"DATE1", offsetof(sgml_doc, date1)}, {"DD", offsetof(sgml_doc, dd)},
};

static int S_is_body_tag(const tag *t)
{
    return S_name_is(t, "TEXT") || S_name_is(t, "LP") || S_name_is(t, "LEADPARA");
}

/* The field an element fills, or NULL when the scan should go inside it (H3 holds TI,
 * HEADER holds DATE1) or ignore it. */
static span *S_field_of(sgml_doc *d, const tag *t)
{
    for (size_t i = 0; i < sizeof S_fields / sizeof *S_fields; i++)
        if (S_name_is(t, S_fields[i].name))
            return (span *)((char *)d + S_fields[i].off);
    return NULL;
}

/* One pass over the tags of a document: only the elements we read are searched for their
 * end (searching every tag's end would be quadratic on unclosed tags). */
static void S_scan_doc(sgml_doc *d, const char *s, const char *end)
{
    tag t;
    const char *q = s;
    while ((q = S_next_tag(q, end, &t)) != NULL) {
        const char *content = q + t.len;
        span *field = t.closing ? NULL : S_field_of(d, &t);
        int body = !t.closing && S_is_body_tag(&t);
        int head = !t.closing && S_name_is(&t, "HEAD");
        if (!field && !body && !head) {
            q = content;
            continue;
        }
        const char *cend;
        q = S_close(content, end, &t, &cend);
        span e = {content, (size_t)(cend - content)};
        if (body) {
            VEC_PUSH(&d->body, e);
            d->seen_text |= S_name_is(&t, "TEXT");
        } else if (head) { /* AP: the headline comes before the text, sub-heads between */
            if (!d->seen_text && !d->head.s)
                d->head = e;
        } else if (!field->s) {
            *field = e;
        }
    }
}

static chorus_code S_doc(ingest_file *f, const char *s, const char *end, size_t index, int many,
                         chorus_error *err)
{
    sgml_doc d = {0};
    S_scan_doc(&d, s, end);

    buf docno = BUF_INIT;
    if (d.docno.s)
        S_plain_line(d.docno.s, d.docno.n, &docno);
    char prefix[16] = "";
    size_t k = 0;
    while (k < docno.len && k + 1 < sizeof prefix && isalpha((unsigned char)docno.data[k]))
        prefix[k] = (char)toupper((unsigned char)docno.data[k]), k++;
    prefix[k] = '\0';
    src_kind kind = S_kind(prefix);

    buf id = BUF_INIT;
    if (docno.len)
        buf_append(&id, docno.data, docno.len);
    else if (many)
        buf_printf(&id, "%s#%zu", f->base, index);
    else
        buf_puts(&id, f->base);

    ingest_paras body = INGEST_PARAS_INIT;
    for (size_t i = 0; i < d.body.len; i++)
        S_body_element(&body, d.body.items[i], kind);

    chorus_code rc = CHORUS_OK;
    if (!body.out.len) {
        ingest_warn(f, "%s: %s: no body text, skipped", f->name, id.data);
    } else {
        span title_elem = d.headline.s ? d.headline : d.hl.s ? d.hl : d.ti.s ? d.ti : d.head;
        char *title = title_elem.s ? S_title(title_elem, kind) : NULL;
        char date[11];
        int have_date = docno.len && S_docno_date(docno.data, kind, date);
        const span *tags[] = {&d.date, &d.pubdate, &d.date1, &d.dd};
        for (size_t i = 0; i < sizeof tags / sizeof *tags && !have_date; i++)
            if (tags[i]->s)
                have_date = S_text_date(tags[i]->s, tags[i]->n, date);
        raw_article a = {
            .id = id.data,
            .title = title,
            .date = have_date ? date : NULL,
            .source = prefix[0] ? prefix : NULL,
            .body = body.out.data,
            .body_len = body.out.len,
        };
        rc = ingest_emit(f, &a, err);
        free(title);
    }
    ingest_paras_free(&body);
    buf_free(&id);
    buf_free(&docno);
    VEC_FREE(&d.body);
    return rc;
}

chorus_code ingest_read_sgml(ingest_file *f, chorus_error *err)
{
    const char *p = f->data, *end = f->data + f->len, *q;
    tag t;
    size_t docs = 0;
    /* First count the documents, so that ids of DOCNO-less documents can be numbered only
     * when a file has several. */
    for (q = p; (q = S_next_tag(q, end, &t)) != NULL; q += t.len)
        if (!t.closing && S_name_is(&t, "DOC"))
            docs++;
    if (!docs)
        return error_set(err, CHORUS_ERR_FORMAT, "%s: no <DOC> element", f->name);

    chorus_code rc = CHORUS_OK;
    size_t index = 0;
    for (q = p; rc == CHORUS_OK && (q = S_next_tag(q, end, &t)) != NULL;) {
        if (t.closing || !S_name_is(&t, "DOC")) {
            q += t.len;
            continue;
        }
        const char *cend;
        const char *after = S_close(q + t.len, end, &t, &cend);
        rc = S_doc(f, q + t.len, cend, ++index, docs > 1, err);
        q = after;
    }
    if (rc == CHORUS_OK && f->emitted == 0)
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no articles found", f->name);
    return rc;
}
