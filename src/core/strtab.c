#include "core/strtab.h"

#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed) { return XXH3_64bits_withSeed(data, len, seed); }

void strtab_init(strtab *t) { memset(t, 0, sizeof *t); arena_init(&t->mem); }

void strtab_free(strtab *t)
{
    arena_free(&t->mem);
    free(t->strings);
    free(t->lengths);
    free(t->slots);
    memset(t, 0, sizeof *t);
}

static size_t S_probe(const strtab *t, const char *s, size_t len, uint64_t h)
{
    size_t mask = t->nslots - 1;
    size_t i = (size_t)h & mask;
    for (;;) {
        uint32_t slot = t->slots[i];
        if (slot == 0)
            return i;
        uint32_t id = slot - 1;
        if (t->lengths[id] == len && memcmp(t->strings[id], s, len) == 0)
            return i;
        i = (i + 1) & mask;
    }
}

static void S_rehash(strtab *t)
{
    size_t n = t->nslots ? t->nslots * 2 : 1024;
    free(t->slots);
    t->slots = xcalloc(n, sizeof(uint32_t));
    t->nslots = n;
    for (size_t id = 0; id < t->count; id++) {
        uint64_t h = hash_bytes(t->strings[id], t->lengths[id], 0);
        size_t i = S_probe(t, t->strings[id], t->lengths[id], h);
        t->slots[i] = (uint32_t)id + 1;
    }
}

uint32_t strtab_find(const strtab *t, const char *s, size_t len)
{
    if (!t->nslots)
        return STRTAB_NONE;
    uint32_t slot = t->slots[S_probe(t, s, len, hash_bytes(s, len, 0))];
    return slot ? slot - 1 : STRTAB_NONE;
}

uint32_t strtab_intern(strtab *t, const char *s, size_t len)
{
    if ((t->count + 1) * 2 > t->nslots)
        S_rehash(t);
    size_t i = S_probe(t, s, len, hash_bytes(s, len, 0));
    if (t->slots[i])
        return t->slots[i] - 1;
    if (t->count == t->cap) {
        size_t cap = t->cap;
        t->strings = xgrow(t->strings, sizeof *t->strings, &cap, t->count + 1);
        t->lengths = xrealloc(t->lengths, cap * sizeof *t->lengths);
        t->cap = cap;
    }
    uint32_t id = (uint32_t)t->count++;
    t->strings[id] = arena_strndup(&t->mem, s, len);
    t->lengths[id] = (uint32_t)len;
    t->slots[i] = id + 1;
    return id;
}
