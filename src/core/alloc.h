/* alloc: checked allocation and the arena that owns a corpus's memory.
 *
 * Out-of-memory aborts here, in one place, so the rest of chorus never checks an allocation
 * for NULL (the cmark convention). An arena hands out memory that lives until the arena is
 * freed as a whole; nothing allocated from it is freed on its own. */
#ifndef CHORUS_CORE_ALLOC_H
#define CHORUS_CORE_ALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t len);
/* Grows *cap geometrically until it holds at least `need` items; returns the new array. */
void *xgrow(void *items, size_t item_size, size_t *cap, size_t need);

typedef struct arena_block arena_block;
typedef struct arena {
    arena_block *head;
    size_t used_bytes; /* total bytes handed out, for memory reports */
} arena;

void arena_init(arena *a);
void arena_free(arena *a);
/* Memory aligned for any type, zero-filled. */
void *arena_alloc(arena *a, size_t size);
char *arena_strndup(arena *a, const char *s, size_t len);
char *arena_strdup(arena *a, const char *s); /* NULL stays NULL */

#endif
