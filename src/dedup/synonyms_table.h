/* synonyms_table: the compiled-in WordNet 3.0 synonym table (data/synonyms_table.c, generated
 * by scripts/gen-synonyms.py; licence in data/wordnet/NOTICE). Read-only; see synonyms.h. */
#ifndef CHORUS_DEDUP_SYNONYMS_TABLE_H
#define CHORUS_DEDUP_SYNONYMS_TABLE_H

#include <stdint.h>

extern const uint32_t syn_table_nwords;   /* lemmas */
extern const uint32_t syn_table_nsynsets; /* dense synset ids 0 .. nsynsets-1 */
extern const char syn_table_text[];       /* lemmas in byte order, NUL-terminated each */
extern const uint32_t syn_table_word[];   /* lemma -> offset in syn_table_text; nwords + 1 */
extern const uint32_t syn_table_rep[];    /* lemma -> representative synset (first sense) */
extern const uint32_t syn_table_start[];  /* lemma -> offset in syn_table_ids; nwords + 1 */
extern const uint32_t syn_table_ids[];    /* sorted, distinct synset ids per lemma */

#endif
