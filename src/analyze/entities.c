/* entities: people, organizations and places named in the articles, with their spellings merged.
 *
 * Names are runs of capitalized words (TOK_CAP), joined across "of/for/and/the/in/on" only inside
 * organization names and titles ("Organization for Security and Cooperation in Europe",
 * "Secretary of State"). The first word of a sentence (or of a quotation) is capitalized anyway,
 * so it only starts a name when the corpus writes that word capitalized mid-sentence and never
 * (or rarely) in lower case.
 *
 * Each mention votes for a type:
 *   person        a title before the name ("Deputy Foreign Minister", "Gen.", "Mr."), a
 *                 reporting verb after it ("Ryabkov said"), a lower-case role before it
 *                 ("spokesman Ned Price"), or a plain two- or three-word name (weakly);
 *   organization  an organization word in the name (Council, Department, Ministry ...) or an
 *                 all-capitals acronym (NATO, OSCE, CNN);
 *   place         a locative preposition before it ("in Geneva", "near Kyiv").
 * Titles are not part of the name. Votes are summed over every mention of the merged entity,
 * and a small alias table (below) fixes the type of well-known countries and organizations.
 *
 * Merging: alias spellings first ("U.S.", "US", "United States" -> United States); then people
 * with the same surname whose first names are within edit distance 2 ("Sergey"/"Sergei"
 * Ryabkov; middle initials are ignored: "Wendy R. Sherman"); then surname-only mentions
 * ("Ryabkov", "Mr. Ryabkov") join the most-mentioned full name with that surname. */
#include "analyze/internal.h"
#include "core/unionfind.h"

#include <stdlib.h>

/* ------------------------------------------------------------------------------------------ */
/* Word lists (lower-case terms)                                                               */

static const char *const S_titles[] = {
    "president", "vice", "prime", "minister", "secretary", "deputy", "foreign", "ambassador",
    "spokesman", "spokeswoman", "spokesperson", "chancellor", "gen", "general", "adm", "admiral",
    "col", "colonel", "lt", "sgt", "capt", "captain", "mr", "mrs", "ms", "miss", "dr", "sen",
    "senator", "rep", "representative", "gov", "governor", "mayor", "chief", "director", "king",
    "queen", "pope", "prince", "princess", "commissioner", "envoy", "undersecretary", "assistant",
    "adviser", "advisor", "premier", "judge", "attorney", "commander", "lieutenant", "sir",
    "lord", "prof", "professor", "rev", "sheikh", "chairman", "chairwoman", "speaker", "leader",
    "permanent", "national", "security", "defense", "defence", "interior", "first", "lady",
    "special", "top", "former", "acting", "senior", "presidents", "ministers", NULL};

static const char *const S_org_words[] = {
    "council", "department", "ministry", "organization", "organisation", "treaty", "agency",
    "union", "committee", "commission", "administration", "mission", "nations", "party",
    "parliament", "congress", "senate", "kremlin", "pentagon", "bank", "fund", "company", "corp",
    "corporation", "inc", "ltd", "group", "university", "institute", "court", "army", "navy",
    "forces", "force", "guard", "police", "office", "bureau", "service", "authority",
    "association", "alliance", "foundation", "network", "times", "post", "news", "press",
    "television", "radio", "house", "assembly", "cabinet", "board", "agency's", "tass",
    "reuters", "kremlin's", "journal", "tribune", "herald", "gazette", "wire", "ledger", NULL};

/* Lower-case words before a name that make it a person's ("spokesman Ned Price"). */
static const char *const S_person_context[] = {
    "spokesman", "spokeswoman", "spokesperson", "counterpart", "minister", "president",
    "secretary", "ambassador", "envoy", "adviser", "advisor", "chief", "leader", "official",
    "colleague", "analyst", "professor", "correspondent", "reporter", "editor", "director",
    "mayor", "governor", "senator", "general", "negotiator", "diplomat", "lawmaker", NULL};

static const char *const S_place_preps[] = {"in", "near", "from", "across", "outside", "inside",
                                            "throughout", "toward", "towards", NULL};

/* Nationality and region adjectives: never names on their own, and stripped before a title. */
static const char *const S_nationalities[] = {
    "american", "russian", "ukrainian", "european", "western", "eastern", "northern", "southern",
    "soviet", "british", "chinese", "german", "french", "polish", "belarusian", "japanese",
    "indian", "israeli", "iranian", "canadian", "italian", "spanish", "turkish", "african",
    "asian", "arab", "swiss", "dutch", "swedish", "finnish", "georgian", "baltic", "nordic",
    "atlantic", "democratic", "republican", "kremlin-backed", "pro-russian", "english", NULL};

static const char *const S_not_names[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "mondays", "tuesdays", "wednesdays", "thursdays", "fridays",
    "saturdays", "sundays", "today", "yesterday", "tomorrow", "am", "pm", "a.m.", "p.m.", NULL};

static const char *const S_connectors[] = {"of", "for", "and", "the", "on", "in", "de", NULL};

/* Aliases: spellings of one well-known country or organization, and its type. The table is
 * deliberately small — the merge rules handle people; this only covers abbreviations that no
 * rule could guess. Keys are lower-case tokens joined by single spaces. */
typedef struct alias {
    const char *key, *name;
    entity_type type;
} alias;

static const alias S_aliases[] = {
    {"u.s.", "United States", ENTITY_PLACE},
    {"us", "United States", ENTITY_PLACE},
    {"usa", "United States", ENTITY_PLACE},
    {"u.s.a.", "United States", ENTITY_PLACE},
    {"united states", "United States", ENTITY_PLACE},
    {"united states of america", "United States", ENTITY_PLACE},
    {"america", "United States", ENTITY_PLACE},
    {"u.k.", "United Kingdom", ENTITY_PLACE},
    {"uk", "United Kingdom", ENTITY_PLACE},
    {"britain", "United Kingdom", ENTITY_PLACE},
    {"great britain", "United Kingdom", ENTITY_PLACE},
    {"united kingdom", "United Kingdom", ENTITY_PLACE},
    {"u.n.", "United Nations", ENTITY_ORGANIZATION},
    {"un", "United Nations", ENTITY_ORGANIZATION},
    {"united nations", "United Nations", ENTITY_ORGANIZATION},
    {"eu", "European Union", ENTITY_ORGANIZATION},
    {"e.u.", "European Union", ENTITY_ORGANIZATION},
    {"european union", "European Union", ENTITY_ORGANIZATION},
    {"nato", "NATO", ENTITY_ORGANIZATION},
    {"north atlantic treaty organization", "NATO", ENTITY_ORGANIZATION},
    {"osce", "OSCE", ENTITY_ORGANIZATION},
    {"organization for security and cooperation in europe", "OSCE", ENTITY_ORGANIZATION},
    {"organization for security and co-operation in europe", "OSCE", ENTITY_ORGANIZATION},
    {"ussr", "Soviet Union", ENTITY_PLACE},
    {"soviet union", "Soviet Union", ENTITY_PLACE},
    {"russia", "Russia", ENTITY_PLACE},
    {"russian federation", "Russia", ENTITY_PLACE},
    {"ukraine", "Ukraine", ENTITY_PLACE},
    {"kyiv", "Kyiv", ENTITY_PLACE},
    {"kiev", "Kyiv", ENTITY_PLACE},
    {"moscow", "Moscow", ENTITY_PLACE},
    {"washington", "Washington", ENTITY_PLACE},
    {"geneva", "Geneva", ENTITY_PLACE},
    {"brussels", "Brussels", ENTITY_PLACE},
    {"vienna", "Vienna", ENTITY_PLACE},
    {"europe", "Europe", ENTITY_PLACE},
    {"china", "China", ENTITY_PLACE},
    {"germany", "Germany", ENTITY_PLACE},
    {"france", "France", ENTITY_PLACE},
    {"switzerland", "Switzerland", ENTITY_PLACE},
    {"belarus", "Belarus", ENTITY_PLACE},
    {"georgia", "Georgia", ENTITY_PLACE},
    {"crimea", "Crimea", ENTITY_PLACE},
    {"crimean peninsula", "Crimea", ENTITY_PLACE},
    {"poland", "Poland", ENTITY_PLACE},
    {NULL, NULL, ENTITY_OTHER},
};

static const alias *S_alias(const char *key)
{
    for (const alias *a = S_aliases; a->key; a++)
        if (strcmp(a->key, key) == 0)
            return a;
    return NULL;
}

/* ------------------------------------------------------------------------------------------ */

/* A term without a final possessive "'s" (terms fold typographic apostrophes to '). */
static size_t S_base_len(const char *t)
{
    size_t n = strlen(t);
    if (n > 2 && t[n - 2] == '\'' && t[n - 1] == 's')
        return n - 2;
    return n;
}

static int S_base_in(const char *t, const char *const *list)
{
    char w[64];
    size_t n = S_base_len(t);
    if (n >= sizeof w)
        return 0;
    memcpy(w, t, n);
    w[n] = '\0';
    return an_in_list(w, list);
}

static int S_is_acronym(const document *d, const token *t)
{
    size_t letters = 0;
    for (uint32_t i = 0; i < t->len; i++) {
        char ch = d->text[t->start + i];
        if (ch >= 'A' && ch <= 'Z')
            letters++;
        else if (ch != '.' && ch != '-')
            return 0;
    }
    return letters >= 2;
}

/* A nationality or region adjective, or its plural ("Russians"), which is no name on its own.
 * Besides the list, single words ending in -ian/-ean/-ese ("Crimean", "Taiwanese") count. */
static int S_is_adjective(const char *t)
{
    char w[64];
    size_t n = S_base_len(t);
    if (n + 1 >= sizeof w)
        return 0;
    memcpy(w, t, n);
    w[n] = '\0';
    if (n > 1 && w[n - 1] == 's')
        w[--n] = '\0';
    if (an_in_list(w, S_nationalities))
        return 1;
    return n > 5 && (!strcmp(w + n - 3, "ian") || !strcmp(w + n - 3, "ean") ||
                     !strcmp(w + n - 3, "ese"));
}

/* Levenshtein distance of two short byte strings; larger than 2 for long ones. */
static size_t S_edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 40 || nb > 40)
        return strcmp(a, b) ? 99 : 0;
    size_t row[41], prev[41];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        row[0] = i;
        for (size_t j = 1; j <= nb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
        }
        memcpy(prev, row, (nb + 1) * sizeof *row);
    }
    return prev[nb];
}

typedef struct variant {
    const char *text;
    size_t count, nwords;
} variant;

typedef struct raw_entity {
    int votes[4];
    const alias *alias;
    int gender;
    size_t count;
    size_t nwords; /* words in the key */
    VEC(variant) variants;
} raw_entity;

typedef struct raw_mention {
    uint32_t raw, doc, sentence, first, n;
} raw_mention;

typedef struct builder {
    analysis *an;
    const chorus_corpus *c;
    uint32_t *cap_mid, *lower; /* per term: capitalized mid-sentence, lower-case occurrences */
    strtab keys;               /* name key -> raw entity id */
    VEC(raw_entity) raws;
    VEC(raw_mention) mentions;
} builder;

static int S_is_title(const char *t) { return S_base_in(t, S_titles); }
static int S_is_org_word(const char *t) { return S_base_in(t, S_org_words); }

/* Is the token at sentence position i the start of a sentence or of a quotation? */
static int S_is_initial(const document *d, const token *toks, uint32_t i)
{
    if (i == 0)
        return 1;
    if (toks[i - 1].flags & TOK_QUOTE)
        return 1;
    for (uint32_t p = toks[i - 1].start + toks[i - 1].len; p < toks[i].start; p++)
        if (d->text[p] == ':' || d->text[p] == '(' || d->text[p] == '-' || d->text[p] == '\n')
            return 1;
    return 0;
}

static void S_term_stats(builder *b)
{
    const chorus_corpus *c = b->c;
    size_t nt = c->terms.count ? c->terms.count : 1;
    b->cap_mid = xcalloc(nt, sizeof *b->cap_mid);
    b->lower = xcalloc(nt, sizeof *b->lower);
    for (size_t s = 0; s < c->sentences.len; s++) {
        const sentence *se = corpus_sentence(c, (uint32_t)s);
        if (se->flags & SENT_HEADLINE)
            continue;
        const document *d = &c->docs.items[se->doc];
        const token *toks = sentence_tokens(c, se);
        for (uint32_t i = 0; i < se->ntokens; i++) {
            const token *t = &toks[i];
            if (!(t->flags & TOK_WORD) || (t->flags & TOK_NUM))
                continue;
            if (!(t->flags & TOK_CAP))
                b->lower[t->term]++;
            else if (!S_is_initial(d, toks, i))
                b->cap_mid[t->term]++;
        }
    }
}

/* A capitalized word that is a name on its own merit, even at the start of a sentence. */
static int S_is_proper(const builder *b, uint32_t term)
{
    return b->cap_mid[term] > 0 && b->lower[term] * 2 < b->cap_mid[term];
}

/* Can this token be part of a name? */
static int S_is_name_word(const chorus_corpus *c, const token *t)
{
    if (!(t->flags & TOK_WORD) || !(t->flags & TOK_CAP) || (t->flags & (TOK_NUM | TOK_STOP)))
        return 0;
    const char *w = an_term(c, t);
    if (S_base_in(w, S_not_names))
        return 0;
    return S_base_len(w) > 1 || t->len > 2; /* "R" in "(R)" is not a name; "U.S." is */
}

static uint32_t S_raw_for(builder *b, const char *key, size_t nwords)
{
    uint32_t id = strtab_intern(&b->keys, key, strlen(key));
    while (b->raws.len <= id) {
        raw_entity r = {0};
        VEC_PUSH(&b->raws, r);
    }
    raw_entity *r = &b->raws.items[id];
    if (!r->nwords) {
        r->nwords = nwords;
        r->alias = S_alias(key);
    }
    return id;
}

static void S_add_variant(builder *b, raw_entity *r, const char *text, size_t len, size_t nwords)
{
    for (size_t k = 0; k < r->variants.len; k++)
        if (strlen(r->variants.items[k].text) == len &&
            memcmp(r->variants.items[k].text, text, len) == 0) {
            r->variants.items[k].count++;
            return;
        }
    variant v = {arena_strndup(&b->an->mem, text, len), 1, nwords};
    VEC_PUSH(&r->variants, v);
}

/* One run of name words, tokens [r0, r1] of sentence se: strip titles, vote, record. */
static void S_take_run(builder *b, const sentence *se, const token *toks, uint32_t r0, uint32_t r1)
{
    const chorus_corpus *c = b->c;
    const document *d = &c->docs.items[se->doc];
    uint32_t i = r0;
    int votes[4] = {0};
    int gender = 0;

    /* "US Deputy Secretary of State ...", "Russian Foreign Minister ...": the country is not
     * part of the name when a title follows. */
    while (i < r1 &&
           (S_base_in(an_term(c, &toks[i]), S_nationalities) || S_alias(an_term(c, &toks[i]))) &&
           S_is_title(an_term(c, &toks[i + 1])))
        i++;
    int has_org = 0, acronym = 0;
    for (uint32_t k = i; k <= r1; k++) {
        if (S_is_org_word(an_term(c, &toks[k])))
            has_org = 1;
        if (S_is_acronym(d, &toks[k]) && !S_alias(an_term(c, &toks[k])))
            acronym = 1;
    }
    int titled = 0;
    if (!has_org) {
        while (i <= r1) {
            const char *w = an_term(c, &toks[i]);
            int title = S_is_title(w) ||
                        (titled && an_in_list(w, S_connectors)) ||
                        (titled && strcmp(w, "state") == 0 && i > r0 &&
                         an_term_is(c, &toks[i - 1], "of"));
            if (!title)
                break;
            if (!strcmp(w, "mr"))
                gender = 'm';
            else if (!strcmp(w, "ms") || !strcmp(w, "mrs") || !strcmp(w, "miss"))
                gender = 'f';
            titled = 1;
            i++;
        }
        if (i > r1)
            return; /* a title alone: "Deputy Foreign Minister" */
        /* A name cannot end in a connector ("Secretary of" cut by punctuation). */
        if (an_in_list(an_term(c, &toks[r1]), S_connectors))
            return;
    }
    if (i == r1 && S_is_adjective(an_term(c, &toks[i])))
        return;

    /* The key: terms without possessives; middle initials dropped ("wendy r sherman"). */
    char key[256];
    size_t klen = 0, nwords = 0;
    for (uint32_t k = i; k <= r1; k++) {
        const char *w = an_term(c, &toks[k]);
        size_t wl = S_base_len(w);
        if (k > i && k < r1 && wl == 1)
            continue;
        if (klen + wl + 2 >= sizeof key)
            return;
        if (klen)
            key[klen++] = ' ';
        memcpy(key + klen, w, wl);
        klen += wl;
        nwords++;
    }
    key[klen] = '\0';

    if (titled)
        votes[ENTITY_PERSON] += 3;
    if (has_org)
        votes[ENTITY_ORGANIZATION] += 3;
    else if (acronym)
        votes[ENTITY_ORGANIZATION] += 2;
    if (r0 > 0 && !(toks[r0 - 1].flags & TOK_CAP) && an_gap_is_space(d, &toks[r0 - 1], &toks[r0])) {
        const char *prev = an_term(c, &toks[r0 - 1]);
        if (an_in_list(prev, S_place_preps))
            votes[ENTITY_PLACE] += 2;
        else if (an_in_list(prev, S_person_context))
            votes[ENTITY_PERSON] += 2;
    }
    if (r1 + 1 < se->ntokens && an_is_reporting_verb(an_term(c, &toks[r1 + 1])) &&
        !an_term_is(c, &toks[r1 + 1], "according"))
        votes[ENTITY_PERSON] += 2;
    /* A plain two- or three-word name whose words the corpus never writes in lower case
     * ("Olga Stefanishyna", not "Strategic Security Dialogue") is probably a person. */
    if (!has_org && !acronym && nwords >= 2 && nwords <= 3) {
        int common = 0;
        for (uint32_t k = i; k <= r1; k++)
            common |= b->lower[toks[k].term] > 0;
        if (!common)
            votes[ENTITY_PERSON] += 1;
    }

    uint32_t id = S_raw_for(b, key, nwords);
    raw_entity *r = &b->raws.items[id];
    for (int t = 0; t < 4; t++)
        r->votes[t] += votes[t];
    if (gender)
        r->gender = gender;
    r->count++;
    /* The spelling as written, without a possessive. */
    uint32_t s0 = toks[i].start, s1 = toks[r1].start + toks[r1].len;
    const char *txt = d->text + s0;
    size_t len = s1 - s0;
    if (len > 2 && txt[len - 2] == '\'' && txt[len - 1] == 's')
        len -= 2;
    else if (len > 4 && memcmp(txt + len - 4, "\xe2\x80\x99s", 4) == 0)
        len -= 4;
    S_add_variant(b, r, txt, len, nwords);
    raw_mention m = {id, se->doc, (uint32_t)(se - c->sentences.items), se->first_token + i,
                     r1 - i + 1};
    VEC_PUSH(&b->mentions, m);
}

static void S_scan(builder *b)
{
    const chorus_corpus *c = b->c;
    for (size_t s = 0; s < c->sentences.len; s++) {
        const sentence *se = corpus_sentence(c, (uint32_t)s);
        if (se->flags & SENT_HEADLINE)
            continue;
        const document *d = &c->docs.items[se->doc];
        const token *toks = sentence_tokens(c, se);
        uint32_t i = 0;
        while (i < se->ntokens) {
            const token *t = &toks[i];
            if (!S_is_name_word(c, t)) {
                i++;
                continue;
            }
            const char *w = an_term(c, t);
            /* A sentence-initial word starts a name only if it is one on its own, or if a
             * proper name follows it ("Sergei Volkov told ..."; not "Skeptical Russian"). */
            if (S_is_initial(d, toks, i) && !S_is_proper(b, t->term) && !S_is_title(w) &&
                !S_base_in(w, S_nationalities) && !S_alias(w) && !S_is_acronym(d, t) &&
                !(i + 1 < se->ntokens && S_is_name_word(c, &toks[i + 1]) &&
                  an_gap_is_space(d, t, &toks[i + 1]) && S_is_proper(b, toks[i + 1].term) &&
                  !S_is_adjective(an_term(c, &toks[i + 1])) &&
                  !S_is_title(an_term(c, &toks[i + 1])) && !S_alias(an_term(c, &toks[i + 1])) &&
                  S_base_len(w) == strlen(w))) {
                i++;
                continue;
            }
            uint32_t j = i;
            int has_org = S_is_org_word(w), has_title = S_is_title(w);
            int took_of = 0, took_and = 0, took_in = 0;
            while (j + 1 < se->ntokens) {
                const char *wj = an_term(c, &toks[j]);
                if (S_base_len(wj) != strlen(wj))
                    break; /* a possessive ends the name */
                const token *n1 = &toks[j + 1];
                if (!an_gap_is_space(d, &toks[j], n1))
                    break;
                if (S_is_name_word(c, n1)) {
                    j++;
                    has_org |= S_is_org_word(an_term(c, n1));
                    has_title |= S_is_title(an_term(c, n1));
                    continue;
                }
                /* Connectors join only inside organization names and titles, so "Russia and
                 * Ukraine" stay two names: "Secretary of State" (titles: "of" only),
                 * "Organization for Security and Cooperation in Europe" (organizations: "of",
                 * "for", "on", "the", and once inside such a name one "and" and one "in"). */
                uint32_t k = j + 1;
                int ok = 1;
                while (ok && k < se->ntokens && k <= j + 2 && !(toks[k].flags & TOK_CAP) &&
                       an_gap_is_space(d, &toks[k - 1], &toks[k])) {
                    const char *wk = an_term(c, &toks[k]);
                    if (!strcmp(wk, "of") && (has_org || has_title))
                        took_of = 1;
                    else if ((!strcmp(wk, "for") || !strcmp(wk, "on")) && has_org)
                        took_of = 1;
                    else if (!strcmp(wk, "the") && k > j + 1)
                        ;
                    else if (!strcmp(wk, "and") && has_org && took_of && !took_and)
                        took_and = 1;
                    else if (!strcmp(wk, "in") && has_org && took_of && !took_in)
                        took_in = 1;
                    else
                        ok = 0;
                    if (ok)
                        k++;
                }
                if (!ok || k == j + 1 || k >= se->ntokens || !S_is_name_word(c, &toks[k]) ||
                    !an_gap_is_space(d, &toks[k - 1], &toks[k]))
                    break;
                j = k;
                has_org |= S_is_org_word(an_term(c, &toks[k]));
                has_title |= S_is_title(an_term(c, &toks[k]));
            }
            S_take_run(b, se, toks, i, j);
            i = j + 1;
        }
    }
}

static entity_type S_type_of(const int *votes, const alias *al)
{
    if (al)
        return al->type;
    entity_type best = ENTITY_OTHER;
    int bv = 0;
    for (int t = ENTITY_PERSON; t <= ENTITY_PLACE; t++)
        if (votes[t] > bv) {
            bv = votes[t];
            best = (entity_type)t;
        }
    return best;
}

/* Last and first word of a key. */
static const char *S_last_word(const char *key)
{
    const char *sp = strrchr(key, ' ');
    return sp ? sp + 1 : key;
}

static int S_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Unions raw entities that name the same thing (see the file comment). */
static void S_merge(builder *b, uint32_t *parent)
{
    size_t n = b->raws.len;
    /* Aliases: all spellings of one alias join the first. */
    for (size_t i = 0; i < n; i++) {
        if (!b->raws.items[i].alias)
            continue;
        for (size_t j = 0; j < i; j++)
            if (b->raws.items[j].alias &&
                strcmp(b->raws.items[j].alias->name, b->raws.items[i].alias->name) == 0) {
                parent[uf_find(parent, (uint32_t)i)] = uf_find(parent, (uint32_t)j);
                break;
            }
    }
    /* Possessives that lost their apostrophe ("Ukraines", "NATOs"): to the name without "s"
     * when that name exists and the word itself is never written in lower case. */
    for (size_t i = 0; i < n; i++) {
        raw_entity *r = &b->raws.items[i];
        const char *key = strtab_get(&b->keys, (uint32_t)i);
        size_t kl = strlen(key);
        if (r->alias || r->nwords != 1 || kl < 4 || key[kl - 1] != 's')
            continue;
        uint32_t base = strtab_find(&b->keys, key, kl - 1);
        if (base != STRTAB_NONE && base < n)
            parent[uf_find(parent, (uint32_t)i)] = uf_find(parent, base);
    }
    /* People by surname: sort full names by surname so each surname is one block. */
    typedef struct {
        const char *surname, *first;
        uint32_t id;
    } pname;
    VEC(pname) people = {0};
    for (size_t i = 0; i < n; i++) {
        raw_entity *r = &b->raws.items[i];
        if (r->alias || r->nwords < 2 || S_type_of(r->votes, NULL) != ENTITY_PERSON)
            continue;
        const char *key = strtab_get(&b->keys, (uint32_t)i);
        pname p = {S_last_word(key), key, (uint32_t)i};
        VEC_PUSH(&people, p);
    }
    /* Sorting by the pointer to the surname string sorts by surname (S_cmp_str on field 0). */
    if (people.len)
        qsort(people.items, people.len, sizeof *people.items, S_cmp_str);
    char fa[64], fb[64];
    for (size_t i = 0; i < people.len; i++) {
        for (size_t j = i + 1; j < people.len && !strcmp(people.items[i].surname, people.items[j].surname); j++) {
            const char *a = people.items[i].first, *bb = people.items[j].first;
            size_t la = strcspn(a, " "), lb = strcspn(bb, " ");
            if (la >= sizeof fa || lb >= sizeof fb)
                continue;
            memcpy(fa, a, la);
            fa[la] = '\0';
            memcpy(fb, bb, lb);
            fb[lb] = '\0';
            if (S_edit_distance(fa, fb) <= 2)
                parent[uf_find(parent, people.items[j].id)] = uf_find(parent, people.items[i].id);
        }
    }
    /* Surname-only mentions: to the most-mentioned full name with that surname. */
    for (size_t i = 0; i < n; i++) {
        raw_entity *r = &b->raws.items[i];
        if (r->alias || r->nwords != 1)
            continue;
        entity_type t = S_type_of(r->votes, NULL);
        if (t != ENTITY_PERSON && t != ENTITY_OTHER)
            continue;
        const char *key = strtab_get(&b->keys, (uint32_t)i);
        size_t lo = 0, hi = people.len;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (strcmp(people.items[mid].surname, key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        uint32_t best = UINT32_MAX;
        size_t best_count = 0;
        for (size_t k = lo; k < people.len && !strcmp(people.items[k].surname, key); k++) {
            size_t cnt = b->raws.items[people.items[k].id].count;
            if (cnt > best_count) {
                best_count = cnt;
                best = people.items[k].id;
            }
        }
        if (best != UINT32_MAX)
            parent[uf_find(parent, (uint32_t)i)] = uf_find(parent, best);
    }
    VEC_FREE(&people);
}

typedef struct final_entity {
    entity e;
    size_t first_mention;
} final_entity;

static int S_cmp_entity(const void *a, const void *b)
{
    const final_entity *x = a, *y = b;
    if (x->e.mentions != y->e.mentions)
        return x->e.mentions > y->e.mentions ? -1 : 1;
    return (x->first_mention > y->first_mention) - (x->first_mention < y->first_mention);
}

void entities_build(analysis *an)
{
    builder b = {0};
    b.an = an;
    b.c = an->corpus;
    strtab_init(&b.keys);
    S_term_stats(&b);
    S_scan(&b);

    size_t n = b.raws.len;
    uint32_t *parent = xmalloc((n ? n : 1) * sizeof *parent);
    uf_init(parent, n);
    S_merge(&b, parent);

    /* Totals per root. */
    int (*votes)[4] = xcalloc(n ? n : 1, sizeof *votes);
    size_t *count = xcalloc(n ? n : 1, sizeof *count);
    size_t *first = xmalloc((n ? n : 1) * sizeof *first);
    for (size_t i = 0; i < n; i++)
        first[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        uint32_t r = uf_find(parent, (uint32_t)i);
        for (int t = 0; t < 4; t++)
            votes[r][t] += b.raws.items[i].votes[t];
        count[r] += b.raws.items[i].count;
    }
    for (size_t m = 0; m < b.mentions.len; m++) {
        uint32_t r = uf_find(parent, b.mentions.items[m].raw);
        if (first[r] == SIZE_MAX)
            first[r] = m;
    }

    /* Members of each root, contiguous. */
    uint32_t *mstart, *members;
    uf_members(parent, n, &mstart, &members);

    VEC(final_entity) fin = {0};
    uint32_t *root_to_fin = xmalloc((n ? n : 1) * sizeof *root_to_fin);
    for (size_t i = 0; i < n; i++)
        root_to_fin[i] = UINT32_MAX;
    for (size_t i = 0; i < n; i++) {
        if (uf_find(parent, (uint32_t)i) != i)
            continue;
        const alias *al = NULL;
        int gender = 0;
        for (uint32_t q = mstart[i]; q < mstart[i + 1]; q++) {
            const raw_entity *r = &b.raws.items[members[q]];
            if (r->alias && !al)
                al = r->alias;
            if (r->gender)
                gender = r->gender;
        }
        entity_type type = S_type_of(votes[i], al);
        /* One unexplained capitalized word is more likely noise than a name. */
        if (type == ENTITY_OTHER && count[i] < 2)
            continue;
        final_entity f = {0};
        f.e.type = type;
        f.e.gender = gender;
        f.e.mentions = count[i];
        f.first_mention = first[i];
        /* Variants of all members, and the canonical spelling: the most used full form. */
        VEC(const char *) vars = {0};
        const variant *best = NULL;
        for (uint32_t mq = mstart[i]; mq < mstart[i + 1]; mq++) {
            const raw_entity *r = &b.raws.items[members[mq]];
            for (size_t k = 0; k < r->variants.len; k++) {
                const variant *v = &r->variants.items[k];
                int dup = 0;
                for (size_t q = 0; q < vars.len && !dup; q++)
                    dup = strcmp(vars.items[q], v->text) == 0;
                if (!dup)
                    VEC_PUSH(&vars, v->text);
                if (!best || (v->nwords >= 2) > (best->nwords >= 2) ||
                    ((v->nwords >= 2) == (best->nwords >= 2) &&
                     (v->count > best->count ||
                      (v->count == best->count && v->nwords > best->nwords))))
                    best = v;
            }
        }
        f.e.name = al ? al->name : best->text;
        f.e.nvariants = vars.len;
        f.e.variants = arena_alloc(&an->mem, (vars.len ? vars.len : 1) * sizeof *f.e.variants);
        if (vars.len)
            memcpy(f.e.variants, vars.items, vars.len * sizeof *vars.items);
        VEC_FREE(&vars);
        root_to_fin[i] = (uint32_t)fin.len;
        VEC_PUSH(&fin, f);
    }
    /* Stable order: most mentioned first, then first appearance. */
    for (size_t k = 0; k < fin.len; k++)
        fin.items[k].e.sources.n = k; /* temporarily: the pre-sort index */
    if (fin.len)
        qsort(fin.items, fin.len, sizeof *fin.items, S_cmp_entity);
    uint32_t *remap = xmalloc((fin.len ? fin.len : 1) * sizeof *remap);
    for (size_t k = 0; k < fin.len; k++) {
        remap[fin.items[k].e.sources.n] = (uint32_t)k;
        fin.items[k].e.sources.n = 0;
    }

    an->nentities = fin.len;
    an->entities = arena_alloc(&an->mem, (fin.len ? fin.len : 1) * sizeof *an->entities);
    for (size_t k = 0; k < fin.len; k++)
        an->entities[k] = fin.items[k].e;
    VEC_FREE(&fin);

    /* Mentions of kept entities, and each entity's documents (mentions are in document order). */
    an->mentions = arena_alloc(&an->mem, (b.mentions.len ? b.mentions.len : 1) * sizeof *an->mentions);
    uint32_t *ndocs = xcalloc(an->nentities ? an->nentities : 1, sizeof *ndocs);
    uint32_t *last = xmalloc((an->nentities ? an->nentities : 1) * sizeof *last);
    for (size_t k = 0; k < an->nentities; k++)
        last[k] = UINT32_MAX;
    for (size_t m = 0; m < b.mentions.len; m++) {
        const raw_mention *rm = &b.mentions.items[m];
        uint32_t f = root_to_fin[uf_find(parent, rm->raw)];
        if (f == UINT32_MAX)
            continue;
        f = remap[f];
        entity_mention em = {f, rm->doc, rm->sentence, rm->first, rm->n};
        an->mentions[an->nmentions++] = em;
        if (last[f] != rm->doc) {
            last[f] = rm->doc;
            ndocs[f]++;
        }
    }
    for (size_t k = 0; k < an->nentities; k++) {
        an->entities[k].sources.ids = arena_alloc(&an->mem, (ndocs[k] ? ndocs[k] : 1) * sizeof(uint32_t));
        last[k] = UINT32_MAX;
    }
    for (size_t m = 0; m < an->nmentions; m++) {
        entity *e = &an->entities[an->mentions[m].entity];
        uint32_t f = an->mentions[m].entity;
        if (last[f] != an->mentions[m].doc) {
            last[f] = an->mentions[m].doc;
            e->sources.ids[e->sources.n++] = an->mentions[m].doc;
        }
    }

    free(members);
    free(mstart);
    free(last);
    free(ndocs);
    free(remap);
    free(root_to_fin);
    free(first);
    free(count);
    free(votes);
    free(parent);
    for (size_t i = 0; i < b.raws.len; i++)
        VEC_FREE(&b.raws.items[i].variants);
    VEC_FREE(&b.raws);
    VEC_FREE(&b.mentions);
    strtab_free(&b.keys);
    free(b.cap_mid);
    free(b.lower);
}
