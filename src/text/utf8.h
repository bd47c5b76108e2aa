/* utf8: validation with replacement, NFC normalization, and folding for matching.
 *
 * Output keeps the original characters; only *matching* ignores typographic variants
 * (curly quotes, primes, en/em dashes, NBSP), through utf8_fold_char. */
#ifndef CHORUS_TEXT_UTF8_H
#define CHORUS_TEXT_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Appends s to out, replacing every invalid UTF-8 sequence (and overlong forms, surrogates,
 * code points above U+10FFFF) by U+FFFD. Returns how many were replaced; *first_bad (if not NULL)
 * gets the byte offset in s of the first one (unchanged when none). */
size_t utf8_sanitize(const char *s, size_t len, buf *out, size_t *first_bad);

/* Length of the longest valid UTF-8 prefix of s (len when all of s is valid): whether
 * utf8_sanitize would change anything, without copying. */
size_t utf8_valid_prefix(const char *s, size_t len);

/* Returns the NFC form of valid UTF-8 s as a new malloc'ed string; *out_len gets its length.
 * Returns NULL when s is pure ASCII, which is its own NFC form: the caller uses s itself
 * (*out_len is then len) instead of a copy. */
char *utf8_nfc(const char *s, size_t len, size_t *out_len);

/* Decodes one code point at s (len > 0 bytes available); *adv gets its byte length (>= 1).
 * Invalid bytes decode as U+FFFD with *adv = 1. */
uint32_t utf8_decode(const char *s, size_t len, size_t *adv);

/* Encodes cp into out (at least 4 bytes); returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);

/* The matching form of a code point: typographic quotes -> ' or ", dashes -> -, NBSP and
 * other spaces -> ' ', everything else unchanged. */
uint32_t utf8_fold_char(uint32_t cp);

/* Counts whitespace-separated words the way ROUGE-1.5.5's -l does (ASCII whitespace only). */
size_t utf8_count_words(const char *s, size_t len);
/* The same, but stops counting once past max (returns max + 1 then): for tests like "at most
 * 30 words" on paragraphs that may be long. */
size_t utf8_count_words_max(const char *s, size_t len, size_t max);

#endif
