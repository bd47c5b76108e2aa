/* quotes: direct quotations, who said them, and which articles carry them.
 *
 * Quotation marks are tokens (TOK_QUOTE). Within a paragraph they pair up: typographic marks
 * say which side they are (“ „ « open, ” » close); a straight " opens when none is open and
 * closes otherwise. Single quotes are ignored (apostrophes, nested quotes, headline style).
 * A quotation must have at least four words and not be a title ("State of the Union": every
 * word capitalized or a stopword).
 *
 * Speaker, in this order:
 *   1. after the closing mark, in the same sentence: a reporting verb (said, told, added ...)
 *      whose subject is the name or pronoun right before it (`,” Ryabkov said`, `,” he said`)
 *      or right after it (`,” said Ryabkov`), or "according to <name>";
 *   2. before the opening mark, in its sentence: the nearest such verb with its subject
 *      (`Ryabkov said "…"`, `She told reporters that the session was "…"`);
 *   3. an unattributed quotation continues the previous quotation of its paragraph.
 * A pronoun (he/she) is the nearest preceding person mention of the article that is not inside
 * a quotation and whose known gender (Mr./Ms.) does not contradict it.
 *
 * Across articles, quotations with nearly the same content words (overlap >= SIMILAR_SAME) and
 * compatible speakers are one quotation carrying all their sources. */
#include "analyze/internal.h"
#include "core/unionfind.h"

#include <math.h>
#include <stdlib.h>

#include "text/utf8.h"

#define MIN_QUOTE_WORDS 4

enum { MARK_OPEN = 1, MARK_CLOSE = 2, MARK_BOTH = 3 };

static int S_mark_kind(const document *d, const token *t)
{
    size_t adv;
    uint32_t cp = utf8_decode(d->text + t->start, t->len, &adv);
    switch (cp) {
    case '"':
        return MARK_BOTH;
    case 0x201C: /* “ */
    case 0x201E: /* „ */
    case 0x00AB: /* « */
        return MARK_OPEN;
    case 0x201D: /* ” */
    case 0x00BB: /* » */
        return MARK_CLOSE;
    case '`':
        return t->len == 2 ? MARK_OPEN : 0; /* `` */
    case '\'':
        return t->len == 2 ? MARK_CLOSE : 0; /* '' */
    default:
        return 0;
    }
}

typedef struct raw_quote {
    uint32_t doc, sentence;     /* sentence of the opening mark */
    uint32_t open, close;       /* corpus token indices of the marks */
    uint32_t close_sentence;
    int32_t entity;             /* -1: unknown */
    uint32_t *stems;            /* sorted distinct content stems */
    size_t nstems;
    uint32_t merged;            /* index of the merged quote it belongs to */
} raw_quote;

/* Index of the sentence of document d that holds corpus token t. */
static uint32_t S_sentence_of(const chorus_corpus *c, const document *d, uint32_t t)
{
    uint32_t lo = d->first_sentence, hi = d->first_sentence + d->nsentences;
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (c->sentences.items[mid].first_token <= t)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The person mention that starts at token `start` (or, below, ends right before `end`); mentions
 * are sorted by first token. Only people speak: "…, saying" after "Ukraine" is not Ukraine's. */
/* The first mention that starts at token `tok` or later (nmentions when none). */
static size_t S_mention_from(const analysis *an, uint32_t tok)
{
    size_t lo = 0, hi = an->nmentions;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (an->mentions[mid].first_token < tok)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int32_t S_mention_starting(const analysis *an, uint32_t start)
{
    size_t lo = S_mention_from(an, start);
    if (lo < an->nmentions && an->mentions[lo].first_token == start &&
        an->entities[an->mentions[lo].entity].type == ENTITY_PERSON)
        return (int32_t)an->mentions[lo].entity;
    return -1;
}

static int32_t S_mention_ending(const analysis *an, uint32_t end)
{
    size_t lo = S_mention_from(an, end);
    /* Mentions do not overlap: the one ending at `end` is the last one starting before it. */
    if (lo > 0 && an->mentions[lo - 1].first_token + an->mentions[lo - 1].ntokens == end &&
        an->entities[an->mentions[lo - 1].entity].type == ENTITY_PERSON)
        return (int32_t)an->mentions[lo - 1].entity;
    return -1;
}

/* The nearest person mentioned before token t in document doc, outside quotations, whose gender
 * does not contradict the pronoun's ('m' he, 'f' she). */
static int32_t S_resolve_pronoun(const analysis *an, const uint8_t *in_quote, uint32_t doc,
                                 uint32_t t, int gender)
{
    for (size_t m = S_mention_from(an, t); m-- > 0;) {
        const entity_mention *em = &an->mentions[m];
        if (em->doc != doc)
            break;
        const entity *e = &an->entities[em->entity];
        if (e->type != ENTITY_PERSON || in_quote[m])
            continue;
        if (e->gender && gender && e->gender != gender)
            continue;
        return (int32_t)em->entity;
    }
    return -1;
}

static int S_pronoun_gender(const char *w)
{
    if (!strcmp(w, "he"))
        return 'm';
    if (!strcmp(w, "she"))
        return 'f';
    return 0;
}

/* The subject of the reporting verb at token v (corpus index) within tokens [lo, hi). */
static int32_t S_subject(const analysis *an, const uint8_t *in_quote, uint32_t doc, uint32_t v,
                         uint32_t lo, uint32_t hi)
{
    const chorus_corpus *c = an->corpus;
    const token *tk = c->tokens.items;
    if (an_term_is(c, &tk[v], "according")) {
        if (v + 2 < hi && an_term_is(c, &tk[v + 1], "to")) {
            for (uint32_t k = v + 2; k < hi && k < v + 8; k++) {
                int32_t e = S_mention_starting(an, k);
                if (e >= 0)
                    return e;
                if (tk[k].flags & TOK_QUOTE)
                    break;
            }
        }
        return -1;
    }
    /* Before the verb: a name ending right there, or a pronoun. */
    if (v > lo) {
        int32_t e = S_mention_ending(an, v);
        if (e >= 0)
            return e;
        int g = S_pronoun_gender(an_term(c, &tk[v - 1]));
        if (g)
            return S_resolve_pronoun(an, in_quote, doc, v - 1, g);
    }
    /* After the verb: "said Ryabkov", "said Russian Deputy Foreign Minister Sergei Ryabkov",
     * "said he". Title words before the name are skipped (they are not part of mentions). */
    if (v + 1 < hi) {
        int g = S_pronoun_gender(an_term(c, &tk[v + 1]));
        if (g)
            return S_resolve_pronoun(an, in_quote, doc, v + 1, g);
        for (uint32_t k = v + 1; k < hi && k < v + 7; k++) {
            int32_t e = S_mention_starting(an, k);
            if (e >= 0)
                return e;
            if (!(tk[k].flags & TOK_CAP) && !(tk[k].flags & TOK_STOP))
                break;
        }
    }
    return -1;
}

/* Title-cased text ("State of the Union") is a name in quotation marks, not a quotation. */
static int S_is_title_case(const chorus_corpus *c, uint32_t a, uint32_t b)
{
    const token *tk = c->tokens.items;
    for (uint32_t k = a; k < b; k++)
        if ((tk[k].flags & TOK_WORD) && !(tk[k].flags & (TOK_CAP | TOK_STOP | TOK_NUM)))
            return 0;
    return 1;
}

static int S_cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static double S_overlap(const raw_quote *a, const raw_quote *b)
{
    size_t i = 0, j = 0, n = 0;
    while (i < a->nstems && j < b->nstems) {
        if (a->stems[i] < b->stems[j])
            i++;
        else if (b->stems[j] < a->stems[i])
            j++;
        else {
            n++;
            i++;
            j++;
        }
    }
    if (!a->nstems || !b->nstems)
        return 0;
    return (double)n / sqrt((double)a->nstems * (double)b->nstems);
}

void quotes_build(analysis *an, const signatures *sig)
{
    (void)sig;
    const chorus_corpus *c = an->corpus;
    const token *tk = c->tokens.items;
    VEC(raw_quote) raws = {0};

    /* 1. Pair the marks, paragraph by paragraph. */
    for (size_t di = 0; di < c->docs.len; di++) {
        const document *d = &c->docs.items[di];
        uint32_t open = UINT32_MAX, open_par = UINT32_MAX;
        for (uint32_t si = d->first_sentence; si < d->first_sentence + d->nsentences; si++) {
            const sentence *se = corpus_sentence(c, si);
            if (se->paragraph != open_par)
                open = UINT32_MAX;
            for (uint32_t k = se->first_token; k < se->first_token + se->ntokens; k++) {
                if (!(tk[k].flags & TOK_QUOTE))
                    continue;
                int kind = S_mark_kind(d, &tk[k]);
                if (!kind)
                    continue;
                if (open == UINT32_MAX) {
                    if (kind & MARK_OPEN) {
                        open = k;
                        open_par = se->paragraph;
                    }
                    continue;
                }
                if (!(kind & MARK_CLOSE)) { /* an unbalanced opening mark: start over here */
                    open = k;
                    continue;
                }
                uint32_t words = 0;
                for (uint32_t w = open + 1; w < k; w++)
                    words += (tk[w].flags & TOK_WORD) != 0;
                if (words >= MIN_QUOTE_WORDS && !S_is_title_case(c, open + 1, k)) {
                    raw_quote q = {0};
                    q.doc = (uint32_t)di;
                    q.sentence = S_sentence_of(c, d, open);
                    q.open = open;
                    q.close = k;
                    q.close_sentence = si;
                    q.entity = -1;
                    VEC_PUSH(&raws, q);
                }
                open = UINT32_MAX;
            }
        }
    }

    /* Mentions inside quotations do not count for pronouns. */
    uint8_t *in_quote = xcalloc(an->nmentions ? an->nmentions : 1, 1);
    {
        size_t q = 0;
        for (size_t m = 0; m < an->nmentions; m++) {
            uint32_t t = an->mentions[m].first_token;
            while (q < raws.len && raws.items[q].close < t)
                q++;
            if (q < raws.len && raws.items[q].open < t)
                in_quote[m] = 1;
        }
    }

    /* 2. Speakers. */
    for (size_t i = 0; i < raws.len; i++) {
        raw_quote *q = &raws.items[i];
        const sentence *cs = corpus_sentence(c, q->close_sentence);
        uint32_t lo = q->close + 1, hi = cs->first_token + cs->ntokens;
        /* The next quotation in this sentence bounds the search. */
        for (uint32_t k = lo; k < hi; k++)
            if (tk[k].flags & TOK_QUOTE) {
                hi = k;
                break;
            }
        for (uint32_t k = lo; k < hi && k < lo + 10 && q->entity < 0; k++)
            if (an_is_reporting_verb(an_term(c, &tk[k]))) {
                q->entity = S_subject(an, in_quote, q->doc, k, lo, hi);
                break;
            }
        if (q->entity < 0) {
            const sentence *os = corpus_sentence(c, q->sentence);
            uint32_t start = os->first_token;
            /* Only text before the opening mark and after any earlier quotation. */
            for (uint32_t k = q->open; k-- > start;)
                if (tk[k].flags & TOK_QUOTE) {
                    start = k + 1;
                    break;
                }
            for (uint32_t k = q->open; k-- > start && q->entity < 0;)
                if (an_is_reporting_verb(an_term(c, &tk[k])))
                    q->entity = S_subject(an, in_quote, q->doc, k, start, q->open);
        }
        if (q->entity < 0 && i > 0) {
            const raw_quote *p = &raws.items[i - 1];
            if (p->doc == q->doc && corpus_sentence(c, p->sentence)->paragraph ==
                                        corpus_sentence(c, q->sentence)->paragraph)
                q->entity = p->entity;
        }
        /* Content stems for merging. */
        VEC(uint32_t) st = {0};
        for (uint32_t k = q->open + 1; k < q->close; k++)
            if ((tk[k].flags & TOK_WORD) && !(tk[k].flags & TOK_STOP))
                VEC_PUSH(&st, tk[k].stem);
        if (st.len)
            qsort(st.items, st.len, sizeof *st.items, S_cmp_u32);
        size_t u = 0;
        for (size_t k = 0; k < st.len; k++)
            if (!u || st.items[u - 1] != st.items[k])
                st.items[u++] = st.items[k];
        q->stems = arena_alloc(&an->mem, (u ? u : 1) * sizeof *q->stems);
        if (u)
            memcpy(q->stems, st.items, u * sizeof *q->stems);
        q->nstems = u;
        VEC_FREE(&st);
    }
    free(in_quote);

    /* 3. Merge across articles. Candidates share a rare-ish stem: an inverted index keeps this
     * near-linear, as for sentence groups. */
    size_t n = raws.len;
    uint32_t *parent = xmalloc((n ? n : 1) * sizeof *parent);
    uf_init(parent, n);
    {
        size_t nstems = c->stems.count;
        uint32_t *cnt = xcalloc(nstems + 1, sizeof *cnt);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < raws.items[i].nstems; k++)
                cnt[raws.items[i].stems[k] + 1]++;
        for (size_t t = 0; t < nstems; t++)
            cnt[t + 1] += cnt[t];
        uint32_t *post = xmalloc((cnt[nstems] ? cnt[nstems] : 1) * sizeof *post);
        uint32_t *fill = xmalloc((nstems ? nstems : 1) * sizeof *fill);
        if (nstems)
            memcpy(fill, cnt, nstems * sizeof *fill);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < raws.items[i].nstems; k++)
                post[fill[raws.items[i].stems[k]]++] = (uint32_t)i;
        uint32_t *stamp = xmalloc((n ? n : 1) * sizeof *stamp);
        for (size_t i = 0; i < n; i++)
            stamp[i] = UINT32_MAX;
        size_t cap = n / 8 > 64 ? n / 8 : 64;
        /* Verbatim copies first (same speaker or unknown is checked below for the rest; an
         * identical quotation is one quotation whoever the article names). */
        const uint32_t **sets = xmalloc((n ? n : 1) * sizeof *sets);
        size_t *lens = xmalloc((n ? n : 1) * sizeof *lens);
        for (size_t i = 0; i < n; i++) {
            sets[i] = raws.items[i].stems;
            lens[i] = raws.items[i].nstems;
        }
        an_union_identical(sets, lens, n, parent);
        free(lens);
        free(sets);
        for (size_t i = 0; i < n; i++) {
            const raw_quote *a = &raws.items[i];
            for (size_t k = 0; k < a->nstems; k++) {
                uint32_t t = a->stems[k];
                if (cnt[t + 1] - cnt[t] > cap)
                    continue;
                for (uint32_t p = cnt[t]; p < cnt[t + 1]; p++) {
                    uint32_t j = post[p];
                    if (j <= i || stamp[j] == i)
                        continue;
                    stamp[j] = (uint32_t)i;
                    const raw_quote *bq = &raws.items[j];
                    if (a->entity >= 0 && bq->entity >= 0 && a->entity != bq->entity)
                        continue;
                    if (S_overlap(a, bq) >= SIMILAR_SAME)
                        uf_union_min(parent, (uint32_t)i, j);
                }
            }
        }
        free(stamp);
        free(fill);
        free(post);
        free(cnt);
    }

    /* 4. One quote per root, in order of first appearance; the text is the longest variant,
     * the speaker the first known one. */
    uint8_t *has = xcalloc(c->docs.len ? c->docs.len : 1, 1);
    uint32_t *root_of_out = xmalloc((n ? n : 1) * sizeof *root_of_out);
    size_t nout = 0;
    for (size_t i = 0; i < n; i++)
        if (uf_find(parent, (uint32_t)i) == i)
            root_of_out[nout++] = (uint32_t)i;
    /* Members of each root, contiguous. */
    uint32_t *mstart, *members;
    uf_members(parent, n, &mstart, &members);

    an->quotes = arena_alloc(&an->mem, (nout ? nout : 1) * sizeof *an->quotes);
    for (size_t o = 0; o < nout; o++) {
        uint32_t r = root_of_out[o];
        memset(has, 0, c->docs.len);
        const raw_quote *best = NULL;
        int32_t ent = -1;
        for (uint32_t k = mstart[r]; k < mstart[r + 1]; k++) {
            const raw_quote *q = &raws.items[members[k]];
            has[q->doc] = 1;
            if (ent < 0)
                ent = q->entity;
            uint32_t len = tk[q->close].start - (tk[q->open].start + tk[q->open].len);
            if (!best || len > tk[best->close].start - (tk[best->open].start + tk[best->open].len))
                best = q;
        }
        quote *out = &an->quotes[an->nquotes++];
        const document *d = &c->docs.items[best->doc];
        uint32_t s0 = tk[best->open].start + tk[best->open].len, s1 = tk[best->close].start;
        while (s0 < s1 && (d->text[s0] == ' '))
            s0++;
        while (s1 > s0 && (d->text[s1 - 1] == ' ' || d->text[s1 - 1] == ','))
            s1--;
        out->text = arena_strndup(&an->mem, d->text + s0, s1 - s0);
        out->entity = ent;
        out->speaker = ent >= 0 ? an->entities[ent].name : NULL;
        out->sentence = raws.items[r].sentence;
        out->sources = an_docset_from_flags(&an->mem, has, c->docs.len);
    }
    free(members);
    free(mstart);
    free(root_of_out);
    free(has);
    free(parent);
    VEC_FREE(&raws);
}
