/* analyze: the build order, sentence groups, publication dates, agreement, and the JSON and
 * Markdown forms of the analysis. */
#include "analyze/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/unionfind.h"
#include "summary/summary.h"

/* ------------------------------------------------------------------------------------------ */
/* Small shared helpers                                                                        */

int an_in_list(const char *w, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(w, *list) == 0)
            return 1;
    return 0;
}

int an_gap_is_space(const document *d, const token *a, const token *b)
{
    for (uint32_t i = a->start + a->len; i < b->start; i++)
        if (d->text[i] != ' ' && d->text[i] != '\t')
            return 0;
    return 1;
}

doc_set an_docset_from_flags(arena *mem, const uint8_t *has, size_t ndocs)
{
    doc_set s = {0};
    for (size_t d = 0; d < ndocs; d++)
        s.n += has[d] != 0;
    s.ids = arena_alloc(mem, (s.n ? s.n : 1) * sizeof *s.ids);
    size_t k = 0;
    for (size_t d = 0; d < ndocs; d++)
        if (has[d])
            s.ids[k++] = (uint32_t)d;
    return s;
}

int an_is_reporting_verb(const char *w)
{
    static const char *const verbs[] = {
        "said", "says", "say", "told", "tells", "added", "adds", "stressed", "stresses",
        "insisted", "insists", "emphasized", "emphasised", "stated", "noted", "notes",
        "explained", "warned", "warns", "asked", "wrote", "writes", "declared", "argued",
        "acknowledged", "replied", "recalled", "urged", "claimed", "claims", "announced",
        "conceded", "tweeted", "agreed", "continued", "cautioned", "observed", "remarked",
        "according", "saying", "telling", "adding", "asserted", "vowed", "predicted",
        NULL};
    return an_in_list(w, verbs);
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
int32_t an_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + (int)doe - 719468);
}

void an_civil_from_days(int32_t z0, int *y, int *m, int *d)
{
    int z = z0 + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

void analysis_format_day(int32_t day, char *out)
{
    int y, m, d;
    an_civil_from_days(day, &y, &m, &d);
    /* Dates come from parsed four-digit years; clamp so the text is always 10 bytes. */
    if (y < 0)
        y = 0;
    if (y > 9999)
        y = 9999;
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", y, m, d);
    memcpy(out, tmp, 10);
    out[10] = '\0';
}

size_t an_shared_stems(const signatures *sig, uint32_t a, uint32_t b)
{
    const uint32_t *x = sig->stems + sig->start[a], *xe = sig->stems + sig->start[a + 1];
    const uint32_t *y = sig->stems + sig->start[b], *ye = sig->stems + sig->start[b + 1];
    size_t n = 0;
    while (x < xe && y < ye) {
        if (*x < *y)
            x++;
        else if (*y < *x)
            y++;
        else {
            n++;
            x++;
            y++;
        }
    }
    return n;
}

const char *entity_type_name(entity_type t)
{
    switch (t) {
    case ENTITY_PERSON:
        return "person";
    case ENTITY_ORGANIZATION:
        return "organization";
    case ENTITY_PLACE:
        return "place";
    case ENTITY_OTHER:
    default:
        return "other";
    }
}

const char *date_precision_name(date_precision p)
{
    switch (p) {
    case DATE_WEEK:
        return "week";
    case DATE_MONTH:
        return "month";
    case DATE_YEAR:
        return "year";
    case DATE_DAY:
    default:
        return "day";
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Sentence groups                                                                             */

typedef struct hashed {
    uint64_t h;
    uint32_t i;
} hashed;

static int S_cmp_hashed(const void *a, const void *b)
{
    const hashed *x = a, *y = b;
    if (x->h != y->h)
        return x->h < y->h ? -1 : 1;
    return (x->i > y->i) - (x->i < y->i);
}

void an_union_identical(const uint32_t *const *stems, const size_t *len, size_t n,
                        uint32_t *parent)
{
    hashed *hs = xmalloc((n ? n : 1) * sizeof *hs);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (len[i]) {
            hs[m].h = hash_bytes(stems[i], len[i] * sizeof **stems, 0x6368);
            hs[m++].i = (uint32_t)i;
        }
    if (m)
        qsort(hs, m, sizeof *hs, S_cmp_hashed);
    for (size_t k = 0; k < m;) {
        size_t j = k + 1;
        while (j < m && hs[j].h == hs[k].h)
            j++;
        uint32_t a = hs[k].i;
        for (size_t q = k + 1; q < j; q++) {
            uint32_t b = hs[q].i;
            if (len[a] != len[b] || memcmp(stems[a], stems[b], len[a] * sizeof **stems) != 0)
                continue;
            uf_union_min(parent, a, b);
        }
        k = j;
    }
    free(hs);
}

/* Groups sentences that say the same thing (similarity >= SIMILAR_SAME). Candidate pairs come
 * from an inverted index over signature stems; stems carried by very many sentences ("russia"
 * in a cluster about Russia) are skipped as candidate generators only — the similarity check
 * still counts them — so the work stays near-linear in the corpus size. */
static void S_build_groups(analysis *an, const signatures *sig)
{
    const chorus_corpus *c = an->corpus;
    size_t ns = c->sentences.len, nstems = c->stems.count;
    uint32_t *parent = xmalloc((ns ? ns : 1) * sizeof *parent);
    uf_init(parent, ns);

    uint32_t *count = xcalloc(nstems + 1, sizeof *count);
    for (size_t s = 0; s < ns; s++)
        for (uint32_t k = sig->start[s]; k < sig->start[s + 1]; k++)
            count[sig->stems[k] + 1]++;
    for (size_t t = 0; t < nstems; t++)
        count[t + 1] += count[t];
    uint32_t *post = xmalloc((count[nstems] ? count[nstems] : 1) * sizeof *post);
    uint32_t *fill = xmalloc((nstems ? nstems : 1) * sizeof *fill);
    if (nstems)
        memcpy(fill, count, nstems * sizeof *fill);
    for (size_t s = 0; s < ns; s++)
        for (uint32_t k = sig->start[s]; k < sig->start[s + 1]; k++)
            post[fill[sig->stems[k]]++] = (uint32_t)s;

    {
        const uint32_t **sets = xmalloc((ns ? ns : 1) * sizeof *sets);
        size_t *lens = xmalloc((ns ? ns : 1) * sizeof *lens);
        for (size_t s = 0; s < ns; s++) {
            int head = (corpus_sentence(c, (uint32_t)s)->flags & SENT_HEADLINE) != 0;
            sets[s] = sig->stems + sig->start[s];
            lens[s] = head ? 0 : sig->start[s + 1] - sig->start[s];
        }
        an_union_identical(sets, lens, ns, parent);
        free(lens);
        free(sets);
    }
    size_t cap = ns / 16 > 64 ? ns / 16 : 64;
    uint32_t *stamp = xmalloc((ns ? ns : 1) * sizeof *stamp);
    for (size_t i = 0; i < ns; i++)
        stamp[i] = UINT32_MAX;
    for (size_t a = 0; a < ns; a++) {
        if (corpus_sentence(c, (uint32_t)a)->flags & SENT_HEADLINE)
            continue;
        for (uint32_t k = sig->start[a]; k < sig->start[a + 1]; k++) {
            uint32_t t = sig->stems[k];
            if (count[t + 1] - count[t] > cap)
                continue;
            for (uint32_t p = count[t]; p < count[t + 1]; p++) {
                uint32_t b = post[p];
                if (b <= a || stamp[b] == a)
                    continue;
                stamp[b] = (uint32_t)a;
                if (corpus_sentence(c, b)->flags & SENT_HEADLINE)
                    continue;
                if (similar_sentences(sig, (uint32_t)a, b) >= SIMILAR_SAME)
                    uf_union_min(parent, (uint32_t)a, b);
            }
        }
    }
    free(stamp);
    free(fill);
    free(post);
    free(count);

    /* Members of each group, contiguous, groups in order of their smallest sentence. */
    an->group = arena_alloc(&an->mem, (ns ? ns : 1) * sizeof *an->group);
    an->group_rank = arena_alloc(&an->mem, (ns ? ns : 1) * sizeof *an->group_rank);
    uint32_t *size = xcalloc(ns ? ns : 1, sizeof *size);
    for (size_t s = 0; s < ns; s++) {
        an->group[s] = uf_find(parent, (uint32_t)s);
        size[an->group[s]]++;
    }
    size_t ng = 0;
    for (size_t s = 0; s < ns; s++)
        if (an->group[s] == s)
            parent[s] = (uint32_t)ng++; /* parent[] is reused as root -> rank */
    an->ngroups = ng;
    an->group_start = arena_alloc(&an->mem, (ng + 1) * sizeof *an->group_start);
    an->group_members = arena_alloc(&an->mem, (ns ? ns : 1) * sizeof *an->group_members);
    for (size_t s = 0; s < ns; s++)
        if (an->group[s] == s)
            an->group_start[parent[s] + 1] = size[s];
    for (size_t g = 0; g < ng; g++)
        an->group_start[g + 1] += an->group_start[g];
    uint32_t *pos = xmalloc((ng ? ng : 1) * sizeof *pos);
    if (ng)
        memcpy(pos, an->group_start, ng * sizeof *pos);
    for (size_t s = 0; s < ns; s++) {
        uint32_t r = parent[an->group[s]];
        an->group_rank[s] = r;
        an->group_members[pos[r]++] = (uint32_t)s;
    }
    free(pos);
    free(size);
    free(parent);
}

doc_set analysis_support(const analysis *an, uint32_t s, arena *mem)
{
    const chorus_corpus *c = an->corpus;
    uint8_t *has = xcalloc(c->docs.len ? c->docs.len : 1, 1);
    uint32_t g = an->group_rank[s];
    for (uint32_t k = an->group_start[g]; k < an->group_start[g + 1]; k++)
        has[corpus_sentence(c, an->group_members[k])->doc] = 1;
    doc_set out = an_docset_from_flags(mem, has, c->docs.len);
    free(has);
    return out;
}

agreement analysis_agreement(const analysis *an, const chorus_summary *sum, size_t item,
                             arena *mem)
{
    const chorus_corpus *c = an->corpus;
    const summary_item *it = &sum->items[item];
    uint8_t *has = xcalloc(c->docs.len ? c->docs.len : 1, 1);
    for (size_t k = 0; k < it->nsources; k++)
        has[it->sources[k]] = 1;
    uint32_t g = an->group_rank[it->sentence];
    for (uint32_t k = an->group_start[g]; k < an->group_start[g + 1]; k++)
        has[corpus_sentence(c, an->group_members[k])->doc] = 1;
    agreement a;
    a.sources = an_docset_from_flags(mem, has, c->docs.len);
    /* Syndicated copies count once (summary dedup); without that information, every source
     * counts as independent. */
    a.independent = it->nindependent ? it->nindependent : a.sources.n;
    if (a.independent > a.sources.n)
        a.independent = a.sources.n;
    free(has);
    return a;
}

/* ------------------------------------------------------------------------------------------ */
/* Publication dates                                                                           */

static int S_cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

/* Documents without a date get the most common date of the dated documents (ties: the earliest).
 * Articles in one cluster are about one event and mostly published within a day or two, so the
 * mode is the best single guess; it is flagged so every date resolved from it can say so. */
static void S_doc_days(analysis *an)
{
    const chorus_corpus *c = an->corpus;
    size_t n = c->docs.len;
    an->doc_day = arena_alloc(&an->mem, (n ? n : 1) * sizeof *an->doc_day);
    an->doc_day_inferred = arena_alloc(&an->mem, n ? n : 1);
    int32_t *known = xmalloc((n ? n : 1) * sizeof *known);
    size_t nk = 0;
    for (size_t d = 0; d < n; d++)
        if (c->docs.items[d].day != INT32_MIN)
            known[nk++] = c->docs.items[d].day;
    if (nk)
        qsort(known, nk, sizeof *known, S_cmp_i32);
    int32_t mode = INT32_MIN;
    size_t best = 0;
    for (size_t i = 0; i < nk;) {
        size_t j = i;
        while (j < nk && known[j] == known[i])
            j++;
        if (j - i > best) {
            best = j - i;
            mode = known[i];
        }
        i = j;
    }
    free(known);
    for (size_t d = 0; d < n; d++) {
        an->doc_day[d] = c->docs.items[d].day;
        if (an->doc_day[d] == INT32_MIN && mode != INT32_MIN) {
            an->doc_day[d] = mode;
            an->doc_day_inferred[d] = 1;
        }
    }
}

/* ------------------------------------------------------------------------------------------ */

analysis *analysis_build(const chorus_corpus *c, const signatures *sig)
{
    analysis *an = xcalloc(1, sizeof *an);
    an->corpus = c;
    arena_init(&an->mem);
    S_doc_days(an);
    S_build_groups(an, sig);
    entities_build(an);
    conflicts_build(an, sig);
    quotes_build(an, sig);
    timeline_build(an, sig);
    return an;
}

void analysis_free(analysis *an)
{
    if (!an)
        return;
    arena_free(&an->mem);
    free(an);
}

/* ------------------------------------------------------------------------------------------ */
/* JSON                                                                                        */

static json_object *S_sources_json(doc_set s)
{
    json_object *a = json_object_new_array();
    for (size_t k = 0; k < s.n; k++)
        json_object_array_add(a, json_object_new_int64((int64_t)s.ids[k] + 1));
    return a;
}

void analysis_to_json(const analysis *an, json_object *root)
{
    const chorus_corpus *c = an->corpus;
    char day[16];

    json_object *refs = json_object_new_array();
    for (size_t d = 0; d < c->docs.len; d++) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "document", json_object_new_int64((int64_t)d + 1));
        if (an->doc_day[d] != INT32_MIN) {
            analysis_format_day(an->doc_day[d], day);
            json_object_object_add(o, "date", json_object_new_string(day));
        } else
            json_object_object_add(o, "date", NULL);
        json_object_object_add(o, "inferred", json_object_new_boolean(an->doc_day_inferred[d]));
        json_object_array_add(refs, o);
    }
    json_object_object_add(root, "reference_dates", refs);

    json_object *ents = json_object_new_array();
    for (size_t i = 0; i < an->nentities; i++) {
        const entity *e = &an->entities[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(e->name));
        json_object *v = json_object_new_array();
        for (size_t k = 0; k < e->nvariants; k++)
            json_object_array_add(v, json_object_new_string(e->variants[k]));
        json_object_object_add(o, "variants", v);
        json_object_object_add(o, "type", json_object_new_string(entity_type_name(e->type)));
        json_object_object_add(o, "mentions", json_object_new_int64((int64_t)e->mentions));
        json_object_object_add(o, "sources", S_sources_json(e->sources));
        json_object_array_add(ents, o);
    }
    json_object_object_add(root, "entities", ents);

    json_object *confs = json_object_new_array();
    for (size_t i = 0; i < an->nconflicts; i++) {
        const conflict *cf = &an->conflicts[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "statement", json_object_new_string(cf->statement));
        json_object_object_add(o, "unit", json_object_new_string(cf->unit));
        json_object *vals = json_object_new_array();
        for (size_t k = 0; k < cf->nvalues; k++) {
            json_object *v = json_object_new_object();
            json_object_object_add(v, "value", json_object_new_string(cf->values[k].value));
            json_object_object_add(v, "number", json_object_new_double(cf->values[k].number));
            json_object_object_add(v, "sources", S_sources_json(cf->values[k].sources));
            json_object_array_add(vals, v);
        }
        json_object_object_add(o, "values", vals);
        json_object_array_add(confs, o);
    }
    json_object_object_add(root, "conflicts", confs);

    json_object *qs = json_object_new_array();
    for (size_t i = 0; i < an->nquotes; i++) {
        const quote *q = &an->quotes[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "speaker", q->speaker ? json_object_new_string(q->speaker) : NULL);
        json_object_object_add(o, "text", json_object_new_string(q->text));
        json_object_object_add(o, "sources", S_sources_json(q->sources));
        json_object_array_add(qs, o);
    }
    json_object_object_add(root, "quotes", qs);

    json_object *tl = json_object_new_array();
    for (size_t i = 0; i < an->nevents; i++) {
        const timeline_event *ev = &an->events[i];
        json_object *o = json_object_new_object();
        analysis_format_day(ev->day, day);
        json_object_object_add(o, "date", json_object_new_string(day));
        json_object_object_add(o, "precision",
                               json_object_new_string(date_precision_name(ev->precision)));
        json_object_object_add(o, "when", json_object_new_string(ev->when));
        json_object_object_add(o, "text", json_object_new_string(ev->text));
        json_object_object_add(o, "sources", S_sources_json(ev->sources));
        json_object_object_add(o, "inferred", json_object_new_boolean(ev->inferred));
        json_object_array_add(tl, o);
    }
    json_object_object_add(root, "timeline", tl);
}

void analysis_agreement_to_json(const analysis *an, const chorus_summary *sum, json_object *root)
{
    arena tmp;
    arena_init(&tmp);
    json_object *arr = json_object_new_array();
    for (size_t i = 0; i < sum->n; i++) {
        agreement a = analysis_agreement(an, sum, i, &tmp);
        json_object *o = json_object_new_object();
        json_object_object_add(o, "summary", json_object_new_int64((int64_t)i + 1));
        json_object_object_add(o, "sources", S_sources_json(a.sources));
        json_object_object_add(o, "support", json_object_new_int64((int64_t)a.sources.n));
        json_object_object_add(o, "documents", json_object_new_int64((int64_t)an->corpus->docs.len));
        json_object_array_add(arr, o);
    }
    json_object_object_add(root, "agreement", arr);
    arena_free(&tmp);
}

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                    */

/* Text in Markdown with its special characters escaped and line breaks folded. */
static void S_md_text(buf *b, const char *s)
{
    for (; *s; s++) {
        if (strchr("\\`*_[]<>#|", *s))
            buf_putc(b, '\\');
        buf_putc(b, *s == '\n' || *s == '\r' ? ' ' : *s);
    }
}

static void S_md_sources(buf *b, doc_set s)
{
    buf_puts(b, " [");
    for (size_t k = 0; k < s.n; k++)
        buf_printf(b, "%s%u", k ? "," : "", s.ids[k] + 1);
    buf_putc(b, ']');
}

void analysis_to_markdown(const analysis *an, const chorus_summary *sum, buf *b)
{
    const chorus_corpus *c = an->corpus;
    char day[16];
    arena tmp;
    arena_init(&tmp);

    buf_puts(b, "# Summary\n\n");
    for (size_t i = 0; i < sum->n; i++) {
        const summary_item *it = &sum->items[i];
        agreement a = analysis_agreement(an, sum, i, &tmp);
        buf_puts(b, "- ");
        S_md_text(b, it->text);
        if (it->cut)
            buf_puts(b, " …");
        S_md_sources(b, a.sources);
        buf_printf(b, " — %zu of %zu sources\n", a.independent, c->docs.len);
    }

    buf_puts(b, "\n## Sources\n\n");
    for (size_t d = 0; d < c->docs.len; d++) {
        const document *doc = &c->docs.items[d];
        buf_printf(b, "%zu. ", d + 1);
        S_md_text(b, doc->title && *doc->title ? doc->title : doc->id);
        if (doc->source) {
            buf_puts(b, " — ");
            S_md_text(b, doc->source);
        }
        if (an->doc_day[d] != INT32_MIN) {
            analysis_format_day(an->doc_day[d], day);
            buf_printf(b, ", %s%s", day, an->doc_day_inferred[d] ? " (date inferred)" : "");
        }
        if (doc->url) {
            buf_puts(b, " <");
            S_md_text(b, doc->url);
            buf_putc(b, '>');
        }
        buf_putc(b, '\n');
    }

    buf_puts(b, "\n## Conflicts\n\n");
    if (!an->nconflicts)
        buf_puts(b, "No conflicting numbers found.\n");
    for (size_t i = 0; i < an->nconflicts; i++) {
        const conflict *cf = &an->conflicts[i];
        buf_puts(b, "- ");
        S_md_text(b, cf->statement);
        buf_putc(b, '\n');
        for (size_t k = 0; k < cf->nvalues; k++) {
            buf_puts(b, "  - **");
            S_md_text(b, cf->values[k].value);
            buf_puts(b, "**");
            S_md_sources(b, cf->values[k].sources);
            buf_putc(b, '\n');
        }
    }

    buf_puts(b, "\n## Quotes\n\n");
    if (!an->nquotes)
        buf_puts(b, "No direct quotations found.\n");
    for (size_t i = 0; i < an->nquotes; i++) {
        const quote *q = &an->quotes[i];
        buf_puts(b, "> “");
        S_md_text(b, q->text);
        buf_puts(b, "”\n> — ");
        S_md_text(b, q->speaker ? q->speaker : "unattributed");
        S_md_sources(b, q->sources);
        buf_puts(b, "\n\n");
    }

    buf_puts(b, "## Timeline\n\n");
    if (!an->nevents)
        buf_puts(b, "No dated events found.\n");
    for (size_t i = 0; i < an->nevents; i++) {
        const timeline_event *ev = &an->events[i];
        analysis_format_day(ev->day, day);
        if (ev->precision == DATE_MONTH)
            day[7] = '\0';
        else if (ev->precision == DATE_YEAR)
            day[4] = '\0';
        buf_printf(b, "- **%s**%s%s ", day, ev->precision == DATE_WEEK ? " (week of)" : "",
                   ev->inferred ? " (inferred)" : "");
        S_md_text(b, ev->text);
        S_md_sources(b, ev->sources);
        buf_putc(b, '\n');
    }

    buf_puts(b, "\n## Entities\n\n");
    for (size_t i = 0; i < an->nentities; i++) {
        const entity *e = &an->entities[i];
        buf_puts(b, "- ");
        S_md_text(b, e->name);
        buf_printf(b, " (%s", entity_type_name(e->type));
        if (e->nvariants > 1) {
            buf_puts(b, "; also ");
            int first = 1;
            for (size_t k = 0; k < e->nvariants; k++) {
                if (strcmp(e->variants[k], e->name) == 0)
                    continue;
                buf_puts(b, first ? "" : ", ");
                S_md_text(b, e->variants[k]);
                first = 0;
            }
        }
        buf_putc(b, ')');
        S_md_sources(b, e->sources);
        buf_putc(b, '\n');
    }
    arena_free(&tmp);
}
