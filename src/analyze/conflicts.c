/* conflicts: the same statement with different numbers in different sources.
 *
 * A quantity is a number with its unit noun: digits ("100,000", "3.5", "$1.5 billion", "40%"),
 * number words ("eight", "twenty"), hyphenated forms ("six-hour", "57-member"), optionally
 * scaled (thousand, million, billion) and optionally hedged ("nearly", "about", "more than",
 * "at least", "as many as" ...). The unit is the hyphenated noun, or the first lower-case
 * content word within the next three tokens (capitalized adjectives may come between:
 * "100,000 Russian troops"), normalized to its stem with a few synonyms ("soldiers" = "troops").
 * Years (1900-2100 without a unit of their own) and dates ("Jan. 12") are not quantities.
 *
 * Two quantities with the same unit in different articles are about the same statement when
 * their sentences are in one sentence group, or share at least four content stems (the unit
 * usually among them) making up at least a fifth of the shorter sentence's stems. Statements are the
 * connected sets of such quantities.
 *
 * Values conflict unless they are equal or one of them is hedged and they are within 10% of
 * each other ("100,000" / "about 100,000" / "more than 100,000" are one value; "nearly six",
 * "more than seven" and "eight" hours are three). A statement is a conflict when two of its
 * articles give incompatible values; it is reported with every value and its sources. */
#include "analyze/internal.h"
#include "core/unionfind.h"

#include <math.h>
#include <stdlib.h>

/* How many later mentions of the same unit each mention is compared with. */
#define CONFLICT_WINDOW 256

typedef struct qty {
    uint32_t doc, sentence;
    double value;
    int hedged;
    const char *unit; /* normalized unit (stem string), owned by the corpus stem table */
    uint32_t text_start, text_end; /* bytes of the document text: hedge, number and unit */
} qty;

static const char *const S_number_words[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", NULL};
static const char *const S_tens[] = {"thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                     "ninety", NULL};

static const char *const S_months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", NULL};

/* Hedges, longest first; each a sequence of terms right before the number. */
static const char *const S_hedges[] = {
    "as many as", "more than", "less than", "fewer than", "at least", "at most", "up to",
    "close to", "an estimated", "nearly", "almost", "about", "around", "approximately",
    "roughly", "some", "over", "under", "estimated", "just", "only", "roughly", "upward of",
    "upwards of", NULL};

/* The value of a number word or digits (without hyphen suffix), or -1. */
static double S_word_value(const char *w, size_t len)
{
    char tmp[64];
    if (len == 0 || len >= sizeof tmp)
        return -1;
    memcpy(tmp, w, len);
    tmp[len] = '\0';
    if (tmp[0] >= '0' && tmp[0] <= '9') {
        char digits[64];
        size_t n = 0;
        for (size_t i = 0; i < len; i++) {
            if (tmp[i] == ',')
                continue;
            if (!((tmp[i] >= '0' && tmp[i] <= '9') || tmp[i] == '.'))
                return -1;
            digits[n++] = tmp[i];
        }
        digits[n] = '\0';
        return strtod(digits, NULL);
    }
    for (int i = 0; S_number_words[i]; i++)
        if (!strcmp(tmp, S_number_words[i]))
            return i;
    for (int i = 0; S_tens[i]; i++)
        if (!strcmp(tmp, S_tens[i]))
            return 30 + 10 * i;
    if (!strcmp(tmp, "dozen"))
        return 12;
    return -1;
}

static double S_scale(const char *w)
{
    if (!strcmp(w, "hundred"))
        return 1e2;
    if (!strcmp(w, "thousand"))
        return 1e3;
    if (!strcmp(w, "million"))
        return 1e6;
    if (!strcmp(w, "billion"))
        return 1e9;
    if (!strcmp(w, "trillion"))
        return 1e12;
    return 0;
}

/* Units that name the same thing. */
static const char *S_unit_synonym(const char *u)
{
    static const char *const pairs[][2] = {
        {"soldier", "troop"}, {"servicemen", "troop"}, {"hr", "hour"}, {"min", "minut"},
        {"usd", "dollar"}, {"percentag", "percent"}, {"person", "peopl"}, {NULL, NULL}};
    for (int i = 0; pairs[i][0]; i++)
        if (!strcmp(u, pairs[i][0]))
            return pairs[i][1];
    return u;
}

/* Is there punctuation (other than white space or a hyphen) between tokens a and b? */
static int S_punct_between(const document *d, const token *a, const token *b)
{
    for (uint32_t i = a->start + a->len; i < b->start; i++) {
        char ch = d->text[i];
        if (ch != ' ' && ch != '\t' && ch != '-')
            return 1;
    }
    return 0;
}

/* Finds the quantities of sentence si and appends them. */
static void S_scan_sentence(const analysis *an, uint32_t si, void *out_vec)
{
    VEC(qty) *out = out_vec;
    const chorus_corpus *c = an->corpus;
    const sentence *se = corpus_sentence(c, si);
    const document *d = &c->docs.items[se->doc];
    const token *tk = sentence_tokens(c, se);
    for (uint32_t k = 0; k < se->ntokens; k++) {
        const token *t = &tk[k];
        if (!(t->flags & TOK_WORD))
            continue;
        const char *w = an_term(c, t);
        /* "six-hour", "57-member": split at the first hyphen. */
        const char *hy = strchr(w, '-');
        size_t numlen = hy ? (size_t)(hy - w) : strlen(w);
        double v = S_word_value(w, numlen);
        if (v < 0)
            continue;
        if (k > 0 && an_in_list(an_term(c, &tk[k - 1]), S_months))
            continue; /* a date: "Jan. 12" */
        if (!hy && (t->flags & TOK_NUM) && numlen == 4 && v >= 1900 && v <= 2100)
            continue; /* a year */
        const char *unit = NULL;
        uint32_t end_tok = k;
        uint32_t next = k + 1;
        /* Scale words: "1.5 billion", "two million". */
        if (!hy && next < se->ntokens && S_scale(an_term(c, &tk[next])) > 0 &&
            !S_punct_between(d, t, &tk[next])) {
            v *= S_scale(an_term(c, &tk[next]));
            end_tok = next;
            next++;
        }
        /* Currency and percent signs are not tokens: look at the raw text. */
        if (t->start > 0 && d->text[t->start - 1] == '$')
            unit = "dollar";
        else if (t->start + t->len < d->text_len && d->text[t->start + t->len] == '%')
            unit = "percent";
        else if (hy && hy[1]) {
            /* The stem of the part after the hyphen: look it up as a term of its own. */
            uint32_t tid = strtab_find(&c->terms, hy + 1, strlen(hy + 1));
            unit = hy + 1;
            if (tid != STRTAB_NONE) {
                /* Use the stem of an identical token elsewhere if the corpus has one. */
                for (uint32_t q = 0; q < se->ntokens; q++)
                    if (tk[q].term == tid) {
                        unit = strtab_get(&c->stems, tk[q].stem);
                        break;
                    }
            }
        } else {
            uint32_t skipped = 0;
            for (uint32_t q = next; q < se->ntokens && q <= next + 2; q++) {
                const token *u = &tk[q];
                if (S_punct_between(d, &tk[q - 1], u) || !(u->flags & TOK_WORD) ||
                    (u->flags & (TOK_NUM | TOK_STOP)))
                    break;
                if (u->flags & TOK_CAP) { /* "100,000 Russian troops" */
                    if (++skipped > 2)
                        break;
                    continue;
                }
                unit = strtab_get(&c->stems, u->stem);
                end_tok = q;
                break;
            }
        }
        if (!unit)
            continue;
        unit = S_unit_synonym(unit);
        if (!strcmp(unit, "percent") && end_tok == k && next < se->ntokens &&
            an_term_is(c, &tk[next], "percent"))
            end_tok = next;

        /* A hedge right before the number. */
        int hedged = 0;
        uint32_t start_tok = k;
        for (int h = 0; S_hedges[h] && !hedged; h++) {
            const char *hw = S_hedges[h];
            uint32_t nw = 1;
            for (const char *p = hw; *p; p++)
                nw += *p == ' ';
            if (nw > k)
                continue;
            const char *p = hw;
            int ok = 1;
            for (uint32_t q = k - nw; q < k && ok; q++) {
                const char *tw = an_term(c, &tk[q]);
                size_t pl = strcspn(p, " ");
                if (strlen(tw) != pl || strncmp(p, tw, pl) != 0)
                    ok = 0;
                p += pl + (p[pl] == ' ');
            }
            if (ok) {
                hedged = 1;
                start_tok = k - nw;
            }
        }
        qty qt = {se->doc, si, v, hedged, unit, tk[start_tok].start,
                  tk[end_tok].start + tk[end_tok].len};
        if (qt.text_start > 0 && d->text[qt.text_start - 1] == '$')
            qt.text_start--;
        if (qt.text_end < d->text_len && d->text[qt.text_end] == '%')
            qt.text_end++;
        VEC_PUSH(out, qt);
    }
}

static int S_compatible(const qty *a, const qty *b)
{
    if (a->value == b->value)
        return 1;
    double hi = fmax(fabs(a->value), fabs(b->value));
    return (a->hedged || b->hedged) && hi > 0 && fabs(a->value - b->value) / hi <= 0.10;
}

static int S_cmp_qty_unit(const void *x, const void *y)
{
    const qty *a = x, *b = y;
    int u = strcmp(a->unit, b->unit);
    if (u)
        return u;
    return (a->sentence > b->sentence) - (a->sentence < b->sentence);
}

static size_t S_sig_len(const signatures *sig, uint32_t s) { return sig->start[s + 1] - sig->start[s]; }

/* Do two quantities' sentences make the same statement? */
static int S_same_statement(const analysis *an, const signatures *sig, const qty *a, const qty *b)
{
    if (an->group[a->sentence] == an->group[b->sentence])
        return 1;
    size_t shared = an_shared_stems(sig, a->sentence, b->sentence);
    size_t la = S_sig_len(sig, a->sentence), lb = S_sig_len(sig, b->sentence);
    size_t mn = la < lb ? la : lb;
    return shared >= 4 && shared * 5 >= mn;
}

void conflicts_build(analysis *an, const signatures *sig)
{
    const chorus_corpus *c = an->corpus;
    VEC(qty) qs = {0};
    for (size_t s = 0; s < c->sentences.len; s++)
        if (!(corpus_sentence(c, (uint32_t)s)->flags & SENT_HEADLINE))
            S_scan_sentence(an, (uint32_t)s, &qs);
    if (qs.len)
        qsort(qs.items, qs.len, sizeof *qs.items, S_cmp_qty_unit);

    size_t n = qs.len;
    uint32_t *parent = xmalloc((n ? n : 1) * sizeof *parent);
    uf_init(parent, n);
    /* Pairs within one unit only, and each mention is compared with at most the next
     * CONFLICT_WINDOW mentions of its unit (in corpus order), so a unit named thousands of times
     * in a huge cluster stays linear; statements of one sentence group are joined regardless. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n && j <= i + CONFLICT_WINDOW &&
                               !strcmp(qs.items[i].unit, qs.items[j].unit); j++) {
            if (qs.items[i].doc == qs.items[j].doc)
                continue;
            if (S_same_statement(an, sig, &qs.items[i], &qs.items[j])) {
                uint32_t ra = uf_find(parent, (uint32_t)i), rb = uf_find(parent, (uint32_t)j);
                if (ra != rb)
                    parent[rb] = ra;
            }
        }

    VEC(conflict) out = {0};
    uint8_t *has = xcalloc(c->docs.len ? c->docs.len : 1, 1);
    for (size_t r = 0; r < n; r++) {
        if (uf_find(parent, (uint32_t)r) != r)
            continue;
        /* Members in order (the unit block is sorted by sentence). */
        VEC(uint32_t) mem = {0};
        for (size_t i = r; i < n && !strcmp(qs.items[i].unit, qs.items[r].unit); i++)
            if (uf_find(parent, (uint32_t)i) == r)
                VEC_PUSH(&mem, (uint32_t)i);
        int conflicting = 0;
        for (size_t a = 0; a < mem.len && !conflicting; a++)
            for (size_t b = a + 1; b < mem.len && !conflicting; b++) {
                const qty *x = &qs.items[mem.items[a]], *y = &qs.items[mem.items[b]];
                conflicting = x->doc != y->doc && !S_compatible(x, y);
            }
        if (!conflicting) {
            VEC_FREE(&mem);
            continue;
        }
        /* Values: each member joins the first compatible value (greedy, in order). */
        VEC(uint32_t) rep = {0}; /* representative member per value */
        uint32_t *value_of = xmalloc(mem.len * sizeof *value_of);
        for (size_t a = 0; a < mem.len; a++) {
            const qty *x = &qs.items[mem.items[a]];
            size_t v = 0;
            while (v < rep.len && !S_compatible(&qs.items[rep.items[v]], x))
                v++;
            if (v == rep.len)
                VEC_PUSH(&rep, mem.items[a]);
            value_of[a] = (uint32_t)v;
        }
        conflict cf = {0};
        const qty *first = &qs.items[mem.items[0]];
        const sentence *fs = corpus_sentence(c, first->sentence);
        cf.statement = arena_strndup(&an->mem, sentence_text(c, fs), fs->len);
        cf.unit = arena_strdup(&an->mem, first->unit);
        cf.nvalues = rep.len;
        cf.values = arena_alloc(&an->mem, rep.len * sizeof *cf.values);
        for (size_t v = 0; v < rep.len; v++) {
            const qty *x = &qs.items[rep.items[v]];
            const document *d = &c->docs.items[x->doc];
            memset(has, 0, c->docs.len);
            for (size_t a = 0; a < mem.len; a++)
                if (value_of[a] == v)
                    has[qs.items[mem.items[a]].doc] = 1;
            conflict_value *cv = &cf.values[v];
            cv->value = arena_strndup(&an->mem, d->text + x->text_start, x->text_end - x->text_start);
            cv->number = x->value;
            cv->sentence = x->sentence;
            cv->sources = an_docset_from_flags(&an->mem, has, c->docs.len);
        }
        free(value_of);
        VEC_FREE(&rep);
        VEC_FREE(&mem);
        VEC_PUSH(&out, cf);
    }
    free(has);
    free(parent);
    VEC_FREE(&qs);
    an->nconflicts = out.len;
    an->conflicts = arena_alloc(&an->mem, (out.len ? out.len : 1) * sizeof *an->conflicts);
    if (out.len)
        memcpy(an->conflicts, out.items, out.len * sizeof *out.items);
    VEC_FREE(&out);
}
