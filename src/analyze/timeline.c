/* timeline: dated events, from the temporal expressions of each article resolved against its
 * publication day (analysis.doc_day; an inferred day is flagged on every event it dates).
 *
 * Expressions and how they resolve:
 *   today / tonight / yesterday / tomorrow            the day, the day before, the day after
 *   Monday ... Sunday ("on Monday", "Monday's")       see below
 *   last / this / next Monday                         strictly before / the publication week /
 *                                                     strictly after
 *   last / this / next week|month|year, "earlier this month", "later this year"
 *                                                     week (its Monday), month or year precision
 *   Jan. 12 / January 12 / 12 January [, 2022]        that day; without a year, the year that puts
 *                                                     it nearest the publication day (so "Jan. 3"
 *                                                     written on Dec. 30 is next year)
 *   January 2022, "in 2014", "early 2022"             month or year precision
 * A bare weekday in an article published that weekday is that day. Otherwise, when the sentence
 * says "this week" it is the day of the publication week; else the tense decides: the nearest
 * tense marker to the weekday — future ("will", "slated", "scheduled", "planned", "followed by"
 * ...) or past ("said", "was", "held", "met" ...) — picks the next such day on or after, or the
 * most recent on or before the publication day (past when there is no marker: news reports).
 *
 * An event is the clause that holds the expression when a sentence has several dated clauses
 * ("planned Wednesday in Brussels | followed by a meeting in Vienna ... on Thursday"), the whole
 * sentence otherwise. Events with the same date and precision from one sentence group are one
 * event with all their sources. */
#include "analyze/internal.h"

#include <stdlib.h>

static const char *const S_weekdays[] = {"monday", "tuesday", "wednesday", "thursday",
                                         "friday", "saturday", "sunday", NULL};
static const char *const S_month_names[][2] = {
    {"january", "jan"}, {"february", "feb"}, {"march", "mar"},    {"april", "apr"},
    {"may", "may"},     {"june", "jun"},     {"july", "jul"},     {"august", "aug"},
    {"september", "sep"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"}};

static const char *const S_future[] = {"will", "shall", "slated", "scheduled", "planned", "plans",
                                       "expected", "upcoming", "follows", "followed", "next",
                                       "ahead", "due", "set", "later", "would", "until",
                                       "won't", "wont", NULL};
static const char *const S_past[] = {"said", "told", "was", "were", "had", "did", "held", "met",
                                     "spoke", "ended", "began", "wrapped", "ago", "earlier",
                                     "last", "took", "came", "arrived", "visited", "says",
                                     "announced", "issued", NULL};

typedef struct expr {
    uint32_t tok0, tok1; /* corpus tokens [tok0, tok1] */
    int32_t day;
    date_precision precision;
    int relative; /* resolved against the publication day */
} expr;

static int S_weekday_of(int32_t day) { return (int)(((int64_t)day % 7 + 7 + 3) % 7); }

/* Index 0..6 (Monday first) of a weekday term, possessive or plural forms included; -1. */
static int S_weekday(const char *w)
{
    for (int i = 0; S_weekdays[i]; i++) {
        size_t n = strlen(S_weekdays[i]);
        if (strncmp(w, S_weekdays[i], n) == 0 &&
            (w[n] == '\0' || strcmp(w + n, "'s") == 0 || strcmp(w + n, "s") == 0))
            return i;
    }
    return -1;
}

/* 1..12 for a month name or abbreviation ("sept" too), 0 otherwise. */
static int S_month(const char *w)
{
    if (!strcmp(w, "sept"))
        return 9;
    for (int i = 0; i < 12; i++)
        if (!strcmp(w, S_month_names[i][0]) || !strcmp(w, S_month_names[i][1]))
            return i + 1;
    return 0;
}

static int S_int(const char *w, int lo, int hi)
{
    char *end;
    long v = strtol(w, &end, 10);
    if (end == w || *end || v < lo || v > hi)
        return -1;
    return (int)v;
}

static int32_t S_month_start(int y, int m)
{
    while (m < 1) {
        m += 12;
        y--;
    }
    while (m > 12) {
        m -= 12;
        y++;
    }
    return an_days_from_civil(y, m, 1);
}

/* The year for month/day without one: the candidate nearest the publication day. */
static int32_t S_nearest_year(int32_t ref, int m, int d)
{
    int y, mm, dd;
    an_civil_from_days(ref, &y, &mm, &dd);
    int32_t best = an_days_from_civil(y, m, d);
    for (int dy = -1; dy <= 1; dy += 2) {
        int32_t cand = an_days_from_civil(y + dy, m, d);
        if (llabs((long long)cand - ref) < llabs((long long)best - ref))
            best = cand;
    }
    return best;
}

/* Is the nearest tense marker to token k (within sentence tokens [a, b)) a future one? */
static int S_future_near(const chorus_corpus *c, uint32_t a, uint32_t b, uint32_t k)
{
    const token *tk = c->tokens.items;
    uint32_t best = UINT32_MAX;
    int future = 0;
    for (uint32_t q = a; q < b; q++) {
        if (q == k)
            continue;
        const char *w = an_term(c, &tk[q]);
        size_t n = strlen(w);
        int f = an_in_list(w, S_future) || (n > 3 && !strcmp(w + n - 3, "'ll"));
        int p = !f && an_in_list(w, S_past);
        /* "..., the department said" after the date attributes the sentence; it says nothing
         * about when the event happens. */
        if (p && q > k && an_is_reporting_verb(w))
            p = 0;
        if (!f && !p)
            continue;
        uint32_t dist = q > k ? q - k : k - q;
        if (dist < best || (dist == best && p)) {
            best = dist;
            future = f;
        }
    }
    return future;
}

static int S_has_phrase(const chorus_corpus *c, uint32_t a, uint32_t b, const char *w1,
                        const char *w2)
{
    const token *tk = c->tokens.items;
    for (uint32_t q = a; q + 1 < b; q++)
        if (an_term_is(c, &tk[q], w1) && an_term_is(c, &tk[q + 1], w2))
            return 1;
    return 0;
}

/* A day and month whose last token is `last`: dated by the year that may follow ("January 12,
 * 2022", "12 January 2022"), else by the nearest such day to ref. e's end and day are set;
 * returns whether it is dated. */
static int S_day_month(const chorus_corpus *c, uint32_t last, uint32_t b, int mo, int day,
                       int32_t ref, expr *e)
{
    const token *tk = c->tokens.items;
    int year = last + 1 < b ? S_int(an_term(c, &tk[last + 1]), 1900, 2100) : -1;
    e->tok1 = last;
    if (year > 0) {
        e->tok1 = last + 1;
        e->day = an_days_from_civil(year, mo, day);
        e->relative = 0;
        return 1;
    }
    if (ref == INT32_MIN)
        return 0;
    e->day = S_nearest_year(ref, mo, day);
    return 1;
}

/* Finds the expressions of sentence si, with publication day ref (INT32_MIN: unknown). */
static void S_scan(const analysis *an, uint32_t si, int32_t ref, void *vec)
{
    VEC(expr) *out = vec;
    const chorus_corpus *c = an->corpus;
    const sentence *se = corpus_sentence(c, si);
    const token *tk = c->tokens.items;
    uint32_t a = se->first_token, b = se->first_token + se->ntokens;
    int this_week = S_has_phrase(c, a, b, "this", "week");
    for (uint32_t k = a; k < b; k++) {
        if (!(tk[k].flags & TOK_WORD))
            continue;
        const char *w = an_term(c, &tk[k]);
        const char *prev = k > a ? an_term(c, &tk[k - 1]) : "";
        expr e = {k, k, 0, DATE_DAY, 1};
        int found = 0;
        int wd = (tk[k].flags & TOK_CAP) ? S_weekday(w) : -1;
        int mo = (tk[k].flags & TOK_CAP) ? S_month(w) : 0;
        if (wd >= 0 && ref != INT32_MIN) {
            int rw = S_weekday_of(ref);
            int back = (rw - wd + 7) % 7, fwd = (wd - rw + 7) % 7;
            if (!strcmp(prev, "last")) {
                e.day = ref - (back ? back : 7);
                e.tok0 = k - 1;
            } else if (!strcmp(prev, "next")) {
                e.day = ref + (fwd ? fwd : 7);
                e.tok0 = k - 1;
            } else if (!strcmp(prev, "this") || this_week) {
                e.day = ref - rw + wd; /* the publication week, Monday to Sunday */
                if (!strcmp(prev, "this"))
                    e.tok0 = k - 1;
            } else if (S_future_near(c, a, b, k))
                e.day = ref + fwd;
            else
                e.day = ref - back;
            if (!strcmp(prev, "on"))
                e.tok0 = k - 1;
            found = 1;
        } else if (!strcmp(w, "today") || !strcmp(w, "tonight") || !strcmp(w, "yesterday") ||
                   !strcmp(w, "tomorrow")) {
            if (ref != INT32_MIN) {
                e.day = ref + (!strcmp(w, "yesterday") ? -1 : !strcmp(w, "tomorrow") ? 1 : 0);
                found = 1;
            }
        } else if ((!strcmp(w, "week") || !strcmp(w, "month") || !strcmp(w, "year")) &&
                   k > a && ref != INT32_MIN &&
                   (!strcmp(prev, "last") || !strcmp(prev, "this") || !strcmp(prev, "next"))) {
            int off = !strcmp(prev, "last") ? -1 : !strcmp(prev, "next") ? 1 : 0;
            int y, m, d;
            an_civil_from_days(ref, &y, &m, &d);
            e.tok0 = k - 1;
            if (k - 1 > a && (an_term_is(c, &tk[k - 2], "earlier") || an_term_is(c, &tk[k - 2], "later")))
                e.tok0 = k - 2;
            if (w[0] == 'w') {
                e.day = ref - S_weekday_of(ref) + 7 * off;
                e.precision = DATE_WEEK;
            } else if (w[0] == 'm') {
                e.day = S_month_start(y, m + off);
                e.precision = DATE_MONTH;
            } else {
                e.day = an_days_from_civil(y + off, 1, 1);
                e.precision = DATE_YEAR;
            }
            /* "this week" only qualifies weekdays; on its own it dates nothing new. */
            found = !(w[0] == 'w' && off == 0);
        } else if (mo && k + 1 < b) {
            int day = S_int(an_term(c, &tk[k + 1]), 1, 31), year;
            if (day > 0) {
                found = S_day_month(c, k + 1, b, mo, day, ref, &e); /* "January 12, 2022" */
            } else if ((year = S_int(an_term(c, &tk[k + 1]), 1900, 2100)) > 0) {
                e.tok1 = k + 1;
                e.day = an_days_from_civil(year, mo, 1);
                e.precision = DATE_MONTH;
                e.relative = 0;
                found = 1;
            }
        } else if ((tk[k].flags & TOK_NUM) && k + 1 < b && (tk[k + 1].flags & TOK_CAP) &&
                   (mo = S_month(an_term(c, &tk[k + 1]))) != 0 && S_int(w, 1, 31) > 0) {
            /* "12 January 2022" */
            found = S_day_month(c, k + 1, b, mo, S_int(w, 1, 31), ref, &e);
            k = e.tok1;
        } else if ((tk[k].flags & TOK_NUM) && S_int(w, 1900, 2100) > 0 && k > a &&
                   (an_in_list(prev, (const char *const[]){"in", "since", "by", "until", "before",
                                                           "after", "early", "late", "mid",
                                                           "of", "from", "through", NULL}))) {
            /* A year, unless a unit noun follows ("in 2000 troops"). */
            int unit = k + 1 < b && (tk[k + 1].flags & TOK_WORD) &&
                       !(tk[k + 1].flags & (TOK_STOP | TOK_CAP | TOK_NUM));
            if (!unit) {
                e.day = an_days_from_civil(S_int(w, 1900, 2100), 1, 1);
                e.precision = DATE_YEAR;
                e.relative = 0;
                if (!strcmp(prev, "early") || !strcmp(prev, "late") || !strcmp(prev, "mid"))
                    e.tok0 = k - 1;
                found = 1;
            }
        }
        if (found) {
            VEC_PUSH(out, e);
            if (e.tok1 > k)
                k = e.tok1;
        }
    }
}

/* Clause boundaries: punctuation that separates clauses, and "followed" / "while" / "but". */
static int S_is_cut(const chorus_corpus *c, const document *d, uint32_t tok, uint32_t *at)
{
    const token *tk = c->tokens.items;
    const char *w = an_term(c, &tk[tok]);
    if (!strcmp(w, "followed") || !strcmp(w, "while") || !strcmp(w, "but") ||
        !strcmp(w, "whereas")) {
        *at = tk[tok].start;
        return 1;
    }
    (void)d;
    return 0;
}

/* The bytes of sentence se that the expression at index i of exprs dates. */
static void S_clause(const chorus_corpus *c, const sentence *se, const expr *ex, size_t n,
                     size_t i, uint32_t *s0, uint32_t *s1)
{
    const document *d = &c->docs.items[se->doc];
    const token *tk = c->tokens.items;
    uint32_t lo = se->start, hi = se->start + se->len;
    if (n < 2)
        goto done;
    /* Count distinct dates: one date in several words ("on Monday ... Monday's") is one clause. */
    int distinct = 0;
    for (size_t k = 0; k < n; k++)
        if (ex[k].day != ex[i].day)
            distinct = 1;
    if (!distinct)
        goto done;
    uint32_t left = i > 0 ? tk[ex[i - 1].tok1].start + tk[ex[i - 1].tok1].len : se->start;
    uint32_t right = i + 1 < n ? tk[ex[i + 1].tok0].start : se->start + se->len;
    uint32_t e0 = tk[ex[i].tok0].start, e1 = tk[ex[i].tok1].start + tk[ex[i].tok1].len;
    /* Punctuation cuts, scanning bytes; word cuts, scanning tokens. */
    for (uint32_t p = e0; p-- > left;)
        if (strchr(",;:", d->text[p])) {
            lo = p + 1;
            break;
        }
    if (lo < left)
        lo = left;
    for (uint32_t p = e1; p < right; p++)
        if (strchr(",;:", d->text[p])) {
            hi = p;
            break;
        }
    for (uint32_t q = se->first_token; q < se->first_token + se->ntokens; q++) {
        uint32_t at;
        if (!S_is_cut(c, d, q, &at))
            continue;
        if (at >= left && at <= e0 && at > lo)
            lo = at;
        if (at >= e1 && at < right && at < hi)
            hi = at;
    }
    if (hi > right && i + 1 < n)
        hi = right;
done:
    while (lo < hi && strchr(" ,;:", d->text[lo]))
        lo++;
    while (hi > lo && strchr(" ,;:", d->text[hi - 1]))
        hi--;
    *s0 = lo;
    *s1 = hi;
}

typedef struct raw_event {
    int32_t day;
    date_precision precision;
    uint32_t sentence, doc, group;
    uint32_t when0, when1, text0, text1; /* bytes of the document text */
    int inferred;
} raw_event;

/* Merge order: date, precision, sentence group, sentence. */
static int S_cmp_event(const void *x, const void *y)
{
    const raw_event *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->precision != b->precision)
        return a->precision < b->precision ? -1 : 1;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    return (a->sentence > b->sentence) - (a->sentence < b->sentence);
}

/* Output order: date, precision, first sentence. */
static int S_cmp_out(const void *x, const void *y)
{
    const timeline_event *a = x, *b = y;
    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->precision != b->precision)
        return a->precision < b->precision ? -1 : 1;
    return (a->sentence > b->sentence) - (a->sentence < b->sentence);
}

void timeline_build(analysis *an, const signatures *sig)
{
    (void)sig;
    const chorus_corpus *c = an->corpus;
    const token *tk = c->tokens.items;
    VEC(raw_event) evs = {0};
    VEC(expr) ex = {0};
    for (size_t s = 0; s < c->sentences.len; s++) {
        const sentence *se = corpus_sentence(c, (uint32_t)s);
        if (se->flags & SENT_HEADLINE)
            continue;
        ex.len = 0;
        S_scan(an, (uint32_t)s, an->doc_day[se->doc], &ex);
        for (size_t i = 0; i < ex.len; i++) {
            /* One event per distinct date of a sentence. */
            int dup = 0;
            for (size_t k = 0; k < i && !dup; k++)
                dup = ex.items[k].day == ex.items[i].day &&
                      ex.items[k].precision == ex.items[i].precision;
            if (dup)
                continue;
            raw_event ev = {0};
            ev.day = ex.items[i].day;
            ev.precision = ex.items[i].precision;
            ev.sentence = (uint32_t)s;
            ev.group = an->group[s];
            ev.doc = se->doc;
            ev.when0 = tk[ex.items[i].tok0].start;
            ev.when1 = tk[ex.items[i].tok1].start + tk[ex.items[i].tok1].len;
            ev.inferred = ex.items[i].relative && an->doc_day_inferred[se->doc];
            S_clause(c, se, ex.items, ex.len, i, &ev.text0, &ev.text1);
            VEC_PUSH(&evs, ev);
        }
    }
    VEC_FREE(&ex);
    if (evs.len)
        qsort(evs.items, evs.len, sizeof *evs.items, S_cmp_event);

    /* Merge runs of the same date, precision and sentence group (sorted together above). */
    uint8_t *has = xcalloc(c->docs.len ? c->docs.len : 1, 1);
    an->events = arena_alloc(&an->mem, (evs.len ? evs.len : 1) * sizeof *an->events);
    for (size_t i = 0; i < evs.len;) {
        const raw_event *e = &evs.items[i];
        int inferred = 1;
        size_t j = i;
        for (; j < evs.len && evs.items[j].day == e->day && evs.items[j].precision == e->precision &&
               evs.items[j].group == e->group;
             j++) {
            has[evs.items[j].doc] = 1;
            inferred &= evs.items[j].inferred;
        }
        const document *d = &c->docs.items[e->doc];
        timeline_event *out = &an->events[an->nevents++];
        out->day = e->day;
        out->precision = e->precision;
        out->when = arena_strndup(&an->mem, d->text + e->when0, e->when1 - e->when0);
        out->text = arena_strndup(&an->mem, d->text + e->text0, e->text1 - e->text0);
        out->sentence = e->sentence;
        out->inferred = inferred;
        out->sources = an_docset_from_flags(&an->mem, has, c->docs.len);
        for (size_t k = i; k < j; k++)
            has[evs.items[k].doc] = 0;
        i = j;
    }
    if (an->nevents)
        qsort(an->events, an->nevents, sizeof *an->events, S_cmp_out);
    free(has);
    VEC_FREE(&evs);
}
