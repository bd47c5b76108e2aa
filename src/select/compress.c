/* Light sentence compression: deletions a reader does not miss in a summary.
 *
 *  - trailing attribution: "X, he said." / "X, officials said Monday." / "X, said John Smith, a
 *    spokesman." / "X, according to the agency." -> "X."
 *  - leading adverbial or attribution: "However, x" / "On Sunday, x" / "In a statement on
 *    Monday, x" / "According to police, x" -> "X"
 *  - asides: "(...)" and " -- short aside -- " (also em and en dashes between spaces).
 *  - time adjuncts inside the sentence (COMPRESS_TEMPORAL): "on Monday (night)", "last week",
 *    "this morning", "(early) today", "yesterday", "said Monday" -> deleted with the space
 *    before them.
 *  - COMPRESS_ATTRIBUTION: the trailing rule without ", according to X." (the source named
 *    there is often what the sentence is about: "according to a study").
 *  - COMPRESS_HONORIFIC: "Mr. Smith" / "Mrs. Smith" / "Ms. Smith" -> "Smith".
 *
 * A variant only deletes byte ranges of the sentence; the final punctuation stays, and the
 * first letter is upper-cased when the opening was deleted. Anything with quotation marks,
 * parentheses or dashes inside a leading or trailing phrase is left alone, and a variant whose
 * quotation marks do not balance is not made. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "select/select.h"
#include "text/utf8.h"

enum { MAX_WORDS = 160 };

typedef struct word {
    uint32_t b, e;   /* raw bytes: a run of non-space characters */
    char core[24];   /* lower-cased ASCII letters/digits/apostrophes, punctuation stripped */
    uint8_t comma;   /* ends with ',' */
    uint8_t quote;   /* holds a double quotation mark (" `` '' U+201C U+201D) */
    uint8_t paren;   /* holds ( or ) */
    uint8_t dash;    /* is a dash on its own: -- --- U+2013 U+2014 */
    uint8_t cap;     /* starts (after punctuation) with an upper-case ASCII letter */
    uint8_t digit;   /* starts (after punctuation) with a digit */
} word;

static int S_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

static size_t S_words(const char *t, uint32_t len, word *w)
{
    size_t n = 0;
    uint32_t i = 0;
    while (i < len) {
        while (i < len && S_space(t[i]))
            i++;
        if (i == len)
            break;
        if (n == MAX_WORDS)
            return MAX_WORDS + 1;
        word *x = &w[n++];
        memset(x, 0, sizeof *x);
        x->b = i;
        while (i < len && !S_space(t[i]))
            i++;
        x->e = i;
        size_t k = 0;
        int first = 1;
        for (uint32_t j = x->b; j < x->e; j++) {
            unsigned char ch = (unsigned char)t[j];
            if (ch == '"' || (ch == '`' && j + 1 < x->e && t[j + 1] == '`') ||
                (ch == '\'' && j + 1 < x->e && t[j + 1] == '\''))
                x->quote = 1;
            if (ch == 0xE2 && j + 2 < x->e && (unsigned char)t[j + 1] == 0x80 &&
                ((unsigned char)t[j + 2] == 0x9C || (unsigned char)t[j + 2] == 0x9D))
                x->quote = 1;
            if (ch == '(' || ch == ')')
                x->paren = 1;
            if (isalnum(ch) || (ch == '\'' && k > 0)) {
                if (first) {
                    x->cap = (uint8_t)(isupper(ch) != 0);
                    x->digit = (uint8_t)(isdigit(ch) != 0);
                    first = 0;
                }
                if (k < sizeof x->core - 1)
                    x->core[k++] = (char)tolower(ch);
            } else if (ch >= 0x80 && first) {
                first = 0; /* a non-ASCII letter: neither cap nor digit for these rules */
            }
        }
        x->core[k] = 0;
        x->comma = t[x->e - 1] == ',';
        uint32_t wl = x->e - x->b;
        const char *r = t + x->b;
        x->dash = (wl >= 2 && wl <= 3 && strspn(r, "-") >= wl) ||
                  (wl == 3 && (unsigned char)r[0] == 0xE2 && (unsigned char)r[1] == 0x80 &&
                   ((unsigned char)r[2] == 0x93 || (unsigned char)r[2] == 0x94));
    }
    return n;
}

static int S_in(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

static const char *const S_speech[] = {
    "said",   "says",     "say",      "told",     "reported", "added",  "announced",
    "stated", "noted",    "explained", "warned",  "claimed",  "declared", "confirmed",
    "acknowledged", "insisted", "reports", "adds", "tells", NULL,
};

/* Words that may follow the verb of a short trailing attribution: when and where it was said. */
static const char *const S_after_verb[] = {
    "on", "in", "at", "a", "an", "the", "last", "this", "late", "early", "earlier", "later",
    "statement", "interview", "conference", "news", "briefing", "reporters", "yesterday",
    "today", "tonight", "week", "month", "year", "morning", "afternoon", "evening", "night",
    "by", "telephone", "to", "him", "her", "them", "us", "written", NULL,
};

/* A trailing phrase that starts with one of these is a clause of its own, not an attribution. */
static const char *const S_clause_start[] = {
    "and", "but", "or", "nor", "yet", "so", "which", "who", "whom", "whose", "that", "while",
    "because", "as", "when", "after", "before", "if", "although", "though", "since", "where",
    "until", "unless", "whether", "what", "than", "not", NULL,
};

/* Openings that may be deleted up to their comma: connectives and time words on their own or
 * with more words ("Earlier this week, "), and prepositions or conjunctions with at least one
 * more word ("On Sunday, "). Conditions ("If", "Unless"), limits ("Until", "Without") and
 * "Not" change what the rest asserts, so they are not here. */
static const char *const S_lead_word[] = {
    "however", "meanwhile", "moreover", "furthermore", "nevertheless", "nonetheless", "still",
    "also", "instead", "indeed", "thus", "therefore", "besides", "separately", "elsewhere",
    "additionally", "earlier", "later", "previously", "now", "today", "yesterday", "overall",
    "finally", "currently", "initially", "consequently", "similarly", "likewise",
    "ultimately", "eventually", "recently", "apparently", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", NULL,
};
static const char *const S_lead_phrase[] = {
    "in", "on", "at", "during", "by", "under", "with", "for", "despite", "following", "within",
    "over", "through", "from", "amid", "among", "unlike", "like", "throughout", "this", "last",
    "according", "late", "early", NULL,
};
/* Conjunctions that open a clause: its verb is expected. */
static const char *const S_lead_clause[] = {
    "after", "before", "since", "as", "when", "while", "although", "though", "because", "once",
    NULL,
};

/* Finite verbs that show a phrase is a clause of its own. */
static const char *const S_aux[] = {
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "could", "should", "can", "may", "might", "must", "did", "does", "do", "said", "says", NULL,
};

static const char *const S_calendar[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", NULL,
};

static int S_add_cut(select_compress *v, uint32_t b, uint32_t e)
{
    if (e <= b || v->ncuts == COMPRESS_MAX_CUTS)
        return 0;
    v->cut[v->ncuts][0] = b;
    v->cut[v->ncuts][1] = e;
    v->ncuts++;
    return 1;
}

/* ", he said." and the like: the earliest comma after which only an attribution follows.
 * according = 0: only attributions with a reporting verb, not ", according to X." */
static void S_trailing(const char *t, uint32_t len, const word *w, size_t nw, int according,
                       select_compress *v)
{
    if (nw < 3 || (t[len - 1] != '.' && t[len - 1] != '!'))
        return;
    const word *last = &w[nw - 1];
    if (last->quote || last->paren || last->dash || last->e != len || last->e - last->b < 2 ||
        !isalnum((unsigned char)t[len - 2]))
        return;
    for (size_t i = 0; i + 1 < nw; i++) {
        if (!w[i].comma)
            continue;
        size_t m = nw - 1 - i; /* words of the phrase */
        const word *s = &w[i + 1];
        if (m > 12)
            continue;
        int clean = 1;
        for (size_t k = 0; k < m && clean; k++)
            clean = !s[k].quote && !s[k].paren && !s[k].dash;
        if (!clean || S_in(s[0].core, S_clause_start))
            continue;
        int ok = 0;
        if (strcmp(s[0].core, "according") == 0) {
            ok = according && m >= 3 && m <= 10 && strcmp(s[1].core, "to") == 0;
        } else {
            size_t vb = 0;
            while (vb < m && vb <= 4 && !S_in(s[vb].core, S_speech))
                vb++;
            if (vb < m && vb <= 4) {
                ok = 1;
                for (size_t k = 0; k < vb && ok; k++)
                    ok = !s[k].comma;
                if (vb == 0) {
                    /* "said John Smith, a spokesman": the inverted form, with no verb after. */
                    ok = m >= 2 && m <= 11 &&
                         (strcmp(s[0].core, "said") == 0 || strcmp(s[0].core, "says") == 0 ||
                          strcmp(s[0].core, "added") == 0) &&
                         (s[1].cap || strcmp(s[1].core, "the") == 0 ||
                          strcmp(s[1].core, "a") == 0 || strcmp(s[1].core, "an") == 0);
                    for (size_t k = 1; k < m && ok; k++)
                        ok = !S_in(s[k].core, S_aux) && !S_in(s[k].core, S_speech);
                } else {
                    ok = ok && m - 1 - vb <= 4;
                    for (size_t k = vb + 1; k < m && ok; k++)
                        ok = (s[k].cap || S_in(s[k].core, S_after_verb)) &&
                             (k + 1 == m || !s[k].comma);
                }
            }
        }
        if (ok) {
            S_add_cut(v, w[i].e - 1, len - 1);
            return;
        }
    }
}

/* "However, " / "On Sunday, " / "According to police, ": the opening up to its first comma. */
static void S_leading(const char *t, const word *w, size_t nw, select_compress *v)
{
    size_t k = 0;
    while (k < nw && k <= 9 && !w[k].comma)
        k++;
    if (k >= nw || k > 9 || k + 1 >= nw)
        return;
    for (size_t j = 0; j <= k; j++)
        if (w[j].quote || w[j].paren || w[j].dash)
            return;
    if (S_in(w[0].core, S_lead_word)) {
        /* "However, " / "Earlier this week, " */
    } else if (k >= 1 && S_in(w[0].core, S_lead_phrase)) {
        for (size_t j = 1; j <= k; j++) /* "At noon Gilbert was near latitude 21, ...": a clause */
            if (S_in(w[j].core, S_aux))
                return;
    } else if (!(k >= 1 && S_in(w[0].core, S_lead_clause))) {
        return;
    }
    if (strcmp(w[0].core, "according") == 0 && (k < 2 || strcmp(w[1].core, "to") != 0))
        return;
    /* "In Paris, France, ..." and "On Jan. 5, 1990, ...": the comma does not end the phrase. */
    /* "On Sunday, Monday and Tuesday, ..." likewise. */
    const word *r = &w[k + 1];
    if (r->digit || S_in(r->core, S_calendar))
        return;
    size_t j = k + 1;
    while (j < nw && j <= k + 4 && !w[j].comma &&
           (w[j].cap || w[j].digit || strcmp(w[j].core, "and") == 0 ||
            strcmp(w[j].core, "or") == 0 || strcmp(w[j].core, "of") == 0))
        j++;
    if (j < nw && j <= k + 4 && (w[j].cap || w[j].digit) && w[j].comma)
        return;
    (void)t;
    if (S_add_cut(v, 0, r->b))
        v->capitalize = 1;
}

/* "(...)" (up to 12 words, not opening the sentence) and " -- aside -- " (up to 10 words). */
static void S_asides(const char *t, uint32_t len, const word *w, size_t nw, select_compress *v)
{
    for (uint32_t p = 1; p < len; p++) {
        if (t[p] != '(')
            continue;
        uint32_t q = p + 1;
        int bad = 0;
        while (q < len && t[q] != ')' && !bad) {
            unsigned char ch = (unsigned char)t[q];
            bad = ch == '(' || ch == '"' || ch == '`' ||
                  (ch == 0xE2 && q + 2 < len && (unsigned char)t[q + 1] == 0x80 &&
                   ((unsigned char)t[q + 2] == 0x9C || (unsigned char)t[q + 2] == 0x9D));
            q++;
        }
        /* Inside a quotation, brackets are the editor's words standing in for the speaker's
         * ("the kind of person (his grandfather) wanted"): deleting them breaks the quote. */
        if (bad || q >= len || !select_quotes_balanced(t, p))
            continue;
        if (utf8_count_words(t + p + 1, q - p - 1) > 12 || q + 1 >= len)
            continue;
        uint32_t b = t[p - 1] == ' ' ? p - 1 : p;
        if (b == 0)
            continue;
        S_add_cut(v, b, q + 1);
        p = q;
    }
    for (size_t a = 1; a + 1 < nw; a++) {
        if (!w[a].dash)
            continue;
        size_t b = a + 1;
        while (b < nw && b <= a + 11 && !w[b].dash && !w[b].quote && !w[b].paren)
            b++;
        if (b >= nw - 1 || !w[b].dash || b == a + 1 || b > a + 11)
            continue;
        S_add_cut(v, w[a - 1].e, w[b].e);
        a = b;
    }
}

static int S_cmp_cut(const void *x, const void *y)
{
    const uint32_t *a = x, *b = y;
    return a[0] < b[0] ? -1 : a[0] > b[0];
}

uint32_t select_compress_text(const char *text, uint32_t len, const select_compress *v, char *out)
{
    uint32_t n = 0, at = 0;
    for (uint32_t k = 0; v && k < v->ncuts; k++) {
        memcpy(out + n, text + at, v->cut[k][0] - at);
        n += v->cut[k][0] - at;
        at = v->cut[k][1];
    }
    memcpy(out + n, text + at, len - at);
    n += len - at;
    out[n] = 0;
    if (v && v->capitalize && n && islower((unsigned char)out[0]))
        out[0] = (char)toupper((unsigned char)out[0]);
    return n;
}

int select_compress_keeps(const select_compress *v, uint32_t b, uint32_t e)
{
    for (uint32_t k = 0; v && k < v->ncuts; k++)
        if (b < v->cut[k][1] && e > v->cut[k][0])
            return 0;
    return 1;
}

static const char *const S_weekday[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL,
};
static const char *const S_period[] = {"week", "month", "year", "weekend", NULL};
static const char *const S_daypart[] = {"morning", "afternoon", "evening", "night", NULL};
static const char *const S_relative[] = {"today", "yesterday", "tonight", NULL};
static const char *const S_early[] = {"early", "late", "earlier", "later", NULL};
/* A time phrase is an adjunct only when nothing governs or coordinates it: not after these
 * ("slated for this week", "until today", "again yesterday", "on Friday and on Monday")... */
static const char *const S_governs_time[] = {
    "for", "since", "until", "till", "by", "before", "after", "from", "through", "to", "of",
    "during", "over", "in", "within", "throughout", "at", "about", "around", "into", "between",
    "than", "as", "like", "and", "or", "but", "nor", "the", "a", "an", "next", "every", "each",
    "that", "this", "last", "on", "again", "also", "only", "just", "even", "still", NULL,
};
/* ... and not when a range or another time phrase follows ("Monday through Friday", "on
 * Friday and on Monday", "this morning and again yesterday"). */
static const char *const S_range[] = {"to", "through", "until", "till", NULL};
static const char *const S_conj[] = {"and", "or", "but", "nor", NULL};
static const char *const S_time_start[] = {"on", "last", "this", "next", "early", "late",
                                           "earlier", "later", "again", "then", "in", "at",
                                           "by", "since", "until", NULL};

/* Mid-sentence time adjuncts: "on Monday (night)", "last/this week", "(early) today", a bare
 * weekday after a lower-case word ("said Monday", not "since Monday"). Only words without
 * punctuation (the last may carry the sentence's final mark), outside quotations, not the first
 * word, and not after a comma or a dash. */
static void S_temporal(uint32_t len, const word *w, size_t nw, select_compress *v)
{
    int inq = 0;
    for (size_t i = 0; i < nw; i++) {
        if (w[i].quote) {
            inq = !inq;
            continue;
        }
        if (inq || i == 0)
            continue;
        size_t j = i; /* last word of the phrase */
        if (S_in(w[i].core, S_relative))
            j = i;
        else if ((strcmp(w[i].core, "on") == 0) && i + 1 < nw && S_in(w[i + 1].core, S_weekday))
            j = i + 1;
        else if ((strcmp(w[i].core, "last") == 0 || strcmp(w[i].core, "this") == 0) &&
                 i + 1 < nw && (S_in(w[i + 1].core, S_period) || S_in(w[i + 1].core, S_weekday) ||
                                S_in(w[i + 1].core, S_daypart)))
            j = i + 1;
        else if (S_in(w[i].core, S_weekday) && w[i].cap && !w[i - 1].cap)
            j = i; /* "said Monday" (not "since Monday": see S_governs_time) */
        else
            continue;
        if (j + 1 < nw && S_in(w[j + 1].core, S_daypart) && !w[j].comma)
            j++;
        size_t a = i; /* first word of the phrase */
        if (a > 1 && S_in(w[a - 1].core, S_early) && !w[a - 1].quote)
            a--; /* "early today" */
        int ok = 1;
        for (size_t k = a; k <= j && ok; k++) {
            if (w[k].quote || w[k].paren || w[k].dash)
                ok = 0;
            /* inner words: letters only; the last may carry the sentence's final mark */
            uint32_t end = w[k].b + (uint32_t)strlen(w[k].core);
            if (end != w[k].e && !(k == j && j == nw - 1 && w[k].e - end == 1))
                ok = 0;
        }
        if (w[a - 1].comma || w[a - 1].quote || w[a - 1].dash ||
            S_in(w[a - 1].core, S_governs_time))
            ok = 0;
        /* "Monday night's ceremony": the time phrase is a possessive's owner. */
        for (const char *const *d = S_daypart; *d && j + 1 < nw; d++)
            if (strncmp(w[j + 1].core, *d, strlen(*d)) == 0 && w[j + 1].core[strlen(*d)] == '\'')
                ok = 0;
        if (j + 2 < nw && (S_in(w[j + 1].core, S_conj) || S_in(w[j + 1].core, S_range)) &&
            (S_in(w[j + 2].core, S_time_start) || S_in(w[j + 2].core, S_weekday) ||
             S_in(w[j + 2].core, S_relative)))
            ok = 0;
        if (!ok)
            continue;
        uint32_t end = w[j].b + (uint32_t)strlen(w[j].core);
        S_add_cut(v, w[a - 1].e, end < len ? end : len);
        i = j;
    }
}

/* "Mr. Smith" -> "Smith" (also "Mrs.", "Ms."): the title before a capitalized name, outside
 * quotations; not in "Mr. and Mrs. Smith", where the name belongs to both. */
static int S_honor(const char *w)
{
    return strcmp(w, "mr") == 0 || strcmp(w, "mrs") == 0 || strcmp(w, "ms") == 0;
}

static void S_honorific(const char *t, const word *w, size_t nw, select_compress *v)
{
    int inq = 0;
    for (size_t i = 0; i + 1 < nw; i++) {
        if (w[i].quote)
            inq = !inq;
        if (inq || w[i].quote)
            continue;
        if (!S_honor(w[i].core))
            continue;
        if (w[i].e - w[i].b != strlen(w[i].core) + 1 || t[w[i].e - 1] != '.')
            continue; /* exactly "Mr." */
        if (!w[i + 1].cap || w[i + 1].quote || w[i + 1].paren)
            continue;
        if (i >= 2 && (strcmp(w[i - 1].core, "and") == 0 || w[i - 1].e - w[i - 1].b == 1) &&
            S_honor(w[i - 2].core))
            continue; /* "Mr. and Mrs. Smith", "Mr. & Mrs. Smith" */
        S_add_cut(v, w[i].b, w[i + 1].b);
    }
}

int select_compress_find(const char *text, uint32_t len, unsigned rules, uint32_t min_words,
                         select_compress *v)
{
    memset(v, 0, sizeof *v);
    if (len < 2)
        return 0;
    word *w = xmalloc((MAX_WORDS + 1) * sizeof *w);
    size_t nw = S_words(text, len, w);
    if (nw > MAX_WORDS) {
        free(w);
        return 0;
    }
    if (rules & COMPRESS_LEADING)
        S_leading(text, w, nw, v);
    if (rules & COMPRESS_ASIDE)
        S_asides(text, len, w, nw, v);
    if (rules & (COMPRESS_TRAILING | COMPRESS_ATTRIBUTION))
        S_trailing(text, len, w, nw, (rules & COMPRESS_TRAILING) != 0, v);
    if (rules & COMPRESS_TEMPORAL)
        S_temporal(len, w, nw, v);
    if (rules & COMPRESS_HONORIFIC)
        S_honorific(text, w, nw, v);
    free(w);
    if (v->ncuts == 0)
        return 0;
    qsort(v->cut, v->ncuts, sizeof v->cut[0], S_cmp_cut);
    /* Merge overlapping cuts (the rules keep them apart, but stay safe). */
    uint32_t m = 0;
    for (uint32_t k = 0; k < v->ncuts; k++) {
        if (m && v->cut[k][0] <= v->cut[m - 1][1]) {
            if (v->cut[k][1] > v->cut[m - 1][1])
                v->cut[m - 1][1] = v->cut[k][1];
        } else {
            v->cut[m][0] = v->cut[k][0];
            v->cut[m][1] = v->cut[k][1];
            m++;
        }
    }
    v->ncuts = m;
    char *out = xmalloc((size_t)len + 1);
    v->len = select_compress_text(text, len, v, out);
    v->words = (uint32_t)utf8_count_words(out, v->len);
    int ok = v->words >= min_words && v->len < len && select_quotes_balanced(out, v->len);
    free(out);
    if (!ok)
        memset(v, 0, sizeof *v);
    return ok;
}
