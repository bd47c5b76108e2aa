/* strtab: interns byte strings, giving each distinct string a dense id 0, 1, 2, ...
 *
 * The table owns copies of its strings (in its own arena). Lookups are O(1) on average;
 * ids are stable for the life of the table, so they can index side arrays. */
#ifndef CHORUS_CORE_STRTAB_H
#define CHORUS_CORE_STRTAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/alloc.h"

typedef struct strtab {
    arena mem;
    const char **strings; /* id -> NUL-terminated string */
    uint32_t *lengths;    /* id -> length in bytes */
    size_t count, cap;
    uint32_t *slots; /* open addressing: id + 1, 0 = empty */
    size_t nslots;
} strtab;

#define STRTAB_NONE UINT32_MAX

void strtab_init(strtab *t);
void strtab_free(strtab *t);
/* Returns the id of s, adding it if it is new. */
uint32_t strtab_intern(strtab *t, const char *s, size_t len);
/* Returns the id of s, or STRTAB_NONE. */
uint32_t strtab_find(const strtab *t, const char *s, size_t len);
static inline const char *strtab_get(const strtab *t, uint32_t id) { return t->strings[id]; }

uint64_t hash_bytes(const void *data, size_t len, uint64_t seed);

#endif
