/* synonyms: which words can stand for each other, from WordNet 3.0, for paraphrase detection.
 *
 * A spun copy swaps words for synonyms ("hit a similar note" -> "hit a similar observe") and a
 * machine translation picks other words for the same meaning. Two words are treated as
 * synonyms when one of the first SYN_SENSES senses of each is the same WordNet synset.
 *
 * The table is compiled in (data/synonyms_table.c, generated at development time by
 * scripts/gen-synonyms.py from the WordNet 3.0 index files; licence in data/wordnet/NOTICE):
 * single-word lemmas only, synsets shared by at least two of them. Lookups are a binary search
 * over constant arrays: nothing is loaded at run time, there is no mutable state, and a
 * process that never asks pays nothing (loading the index files took ~130 ms per process). */
#ifndef CHORUS_DEDUP_SYNONYMS_H
#define CHORUS_DEDUP_SYNONYMS_H

#include <stddef.h>
#include <stdint.h>

enum { SYN_SENSES = 6 };

/* 1: the table is compiled in (kept for callers that ask). */
int synonyms_available(void);

/* The synset ids (sorted, distinct) of a lower-case word, after WordNet-style removal of
 * inflections ("observed" -> "observe"); writes at most cap ids to out and returns how many.
 * 0 when the word is unknown. When rep is not NULL, *rep is the word's representative synset
 * (its first sense; UINT32_MAX when unknown), used to fold synonyms in MinHash sketches. */
size_t synonyms_of(const char *word, size_t len, uint32_t *out, size_t cap);
size_t synonyms_lookup(const char *word, size_t len, uint32_t *out, size_t cap, uint32_t *rep);

#endif
