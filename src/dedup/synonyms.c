#include "dedup/synonyms.h"

#include <string.h>

#include "dedup/synonyms_table.h"

int synonyms_available(void) { return syn_table_nwords > 0; }

/* Binary search of the sorted lemmas; byte order, as the generator sorts them. */
static size_t S_lookup(const char *w, size_t len, uint32_t *out, size_t cap, uint32_t *rep)
{
    size_t lo = 0, hi = syn_table_nwords;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *m = syn_table_text + syn_table_word[mid];
        size_t ml = syn_table_word[mid + 1] - syn_table_word[mid] - 1;
        int c = memcmp(m, w, ml < len ? ml : len);
        if (c == 0)
            c = ml < len ? -1 : ml > len;
        if (c == 0) {
            size_t n = 0;
            for (uint32_t k = syn_table_start[mid]; k < syn_table_start[mid + 1] && n < cap; k++)
                out[n++] = syn_table_ids[k];
            if (rep)
                *rep = syn_table_rep[mid];
            return n;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

size_t synonyms_lookup(const char *word, size_t len, uint32_t *out, size_t cap, uint32_t *rep)
{
    if (rep)
        *rep = UINT32_MAX;
    if (len == 0 || len > 60)
        return 0;
    size_t n = S_lookup(word, len, out, cap, rep);
    if (n)
        return n;
    /* WordNet's "morphy" detachment rules, the common ones: try each base form in turn. */
    static const struct {
        const char *suffix, *repl;
    } rules[] = {{"ies", "y"}, {"es", "e"}, {"es", ""}, {"s", ""},  {"ed", "e"}, {"ed", ""},
                 {"ing", "e"}, {"ing", ""}, {"er", ""}, {"est", ""}, {"ly", ""}};
    char tmp[64];
    for (size_t r = 0; r < sizeof rules / sizeof *rules; r++) {
        size_t sl = strlen(rules[r].suffix), rl = strlen(rules[r].repl);
        if (len <= sl + 2 || memcmp(word + len - sl, rules[r].suffix, sl) != 0)
            continue;
        memcpy(tmp, word, len - sl);
        memcpy(tmp + len - sl, rules[r].repl, rl);
        n = S_lookup(tmp, len - sl + rl, out, cap, rep);
        if (n)
            return n;
    }
    return 0;
}

size_t synonyms_of(const char *word, size_t len, uint32_t *out, size_t cap)
{
    return synonyms_lookup(word, len, out, cap, NULL);
}
