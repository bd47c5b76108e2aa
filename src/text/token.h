/* token: word tokens with interned lower-case terms, Snowball English stems and stopword flags.
 *
 * A tokenizer holds the Snowball stemmer (not thread-safe: one tokenizer per thread) and a
 * cache from term id to stem id, so each distinct word is stemmed once per corpus. The cache
 * belongs to one pair of (terms, stems) tables; calling with another pair resets it.
 *
 * Rules:
 *  - Words start at a letter or digit and continue over letters, digits and combining marks.
 *    Inside a word are kept: an apostrophe between letters (straight or typographic, folded
 *    to '): "don't", "Russia's", "O'Neill"; a hyphen (- U+2010 U+2011, not en/em dashes)
 *    between letters/digits: "de-escalate"; a period between digits: "3.5"; a comma before
 *    exactly three digits: "100,000"; periods of a dotted abbreviation whose segments are at
 *    most 2 letters before an inner period ("U.S.", "a.m.", "J.F.", "Ph.D."), including its
 *    final period. A single letter or a title keeps no period ("R.", "Mr." -> "r", "mr").
 *  - Term: the word lower-cased (utf8proc), apostrophes folded. Possessive "'s" stays in the
 *    term ("russia's").
 *  - Stem: Snowball English of the term with a final "'s" removed ("russia's" -> "russia");
 *    terms that start with or contain a digit, and dotted abbreviations, are their own stem
 *    ("3.5", "u.s.").
 *  - Quotation marks (" “ ” „ « » ‘ ’ ` ', with `` and '' as one mark) are tokens with only
 *    TOK_QUOTE, term and stem "\"". A single quote is not a quotation mark when it is an
 *    apostrophe: inside a word, a plural possessive right after a word ending in s ("States'"),
 *    or an elision before a digit ("'90s"); those are dropped.
 *  - All other punctuation and symbols are skipped.
 *  - Flags: TOK_WORD on every word; TOK_CAP when its first character is upper/title case;
 *    TOK_NUM when it starts with a digit; TOK_STOP when the term is a stopword, except "US"
 *    written in capitals (the country, not the pronoun). */
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

/* Is the lower-case word w (len bytes, no NUL needed) an English stopword? The list is the
 * Snowball English stop list plus common function words such as "also", "just", modal verbs
 * and more prepositions (239 words, see token.c). Reporting verbs ("said") are not stopwords. */
int is_stopword(const char *w, size_t len);

#endif
