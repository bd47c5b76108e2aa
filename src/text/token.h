/* token: word tokens with interned lower-case terms, Snowball English stems and stopword flags.
 *
 * A tokenizer holds the Snowball stemmer (not thread-safe: one tokenizer per thread) and a
 * cache from term id to stem id, so each distinct word is stemmed once per corpus. */
#ifndef CHORUS_TEXT_TOKEN_H
#define CHORUS_TEXT_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/strtab.h"

struct token;
typedef struct tokenizer tokenizer;

tokenizer *tokenizer_new(void);
void tokenizer_free(tokenizer *t);

/* Appends the tokens of text[0..len) to *out (growing it; *len_out and *cap are the vector's
 * length and capacity). Token offsets are relative to `base` + position in text, so callers pass
 * the sentence's offset in its document. Words keep internal apostrophes, hyphens, periods of
 * abbreviations (U.S.) and digits with separators (1,000 / 3.5); punctuation marks that matter
 * (quotes) become their own tokens with TOK_QUOTE. Terms are interned in `terms` and stems in
 * `stems`. Returns the number of tokens appended. */
size_t tokenize(tokenizer *t, const char *text, size_t len, uint32_t base, strtab *terms,
                strtab *stems, struct token **out, size_t *len_out, size_t *cap);

/* Is the lower-case word w (len bytes) an English stopword? */
int is_stopword(const char *w, size_t len);

#endif
