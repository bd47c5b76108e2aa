/* segment: sentence boundaries inside one paragraph.
 *
 * The rules, in the order they are applied (one forward pass, linear time, O(1) extra memory
 * besides the result):
 *
 *  1. Candidates. A sentence can end only after a run of final marks (. ! ? … and their
 *     doubled/fullwidth forms), optionally followed directly by closing quotes or brackets
 *     (" ' ” ’ » › ) ] }), and then white space. No white space, no break: "3.5", "U.S.-Russia",
 *     "example.com". The closing quotes/brackets belong to the sentence that ends before them
 *     (`he said." Then` -> `he said."` | `Then`).
 *  2. Plausible start. After the white space must come an upper-case letter, a digit, an
 *     opening quote or bracket (" ' ` “ ‘ « „ ( [ {), AP's list mark "_" before a capital, or an
 *     ellipsis followed by a capital. Anything else (a lower-case word, a comma) continues the
 *     sentence: `"Is it over?" she asked.` is one sentence.
 *  3. ! and ? (also in a run with periods) break.
 *  4. Ellipses. "..." and "…" do not break ("We will wait... Nobody knows" is one sentence);
 *     neither does a typeset ". . ." or "...." standing as a word of its own. A period directly
 *     after a word followed by a separate ellipsis ("over. . . . They") breaks before the
 *     ellipsis (the NIST convention). "....", "…." and ".." directly after a word break.
 *  5. A single period looks at the word before it (after stripping leading quotes, brackets
 *     and list marks, and anything up to a hyphen: "then-Sen." is "Sen"):
 *     - titles (Mr Mrs Ms Dr Prof Gen Col Lt Sgt Capt Sen Rep Gov Rev Atty Dist vs ...): never
 *       break ("Gen. Mark Milley");
 *     - "No."/"Nos." (either case) before a digit: no break ("No. 1"), otherwise a normal word;
 *     - AP state abbreviations (Calif Fla Mass Wash ...): break, except before a digit (ZIP);
 *     - sentence-final-capable abbreviations (Inc Corp Co Ltd Bros Jr Sr etc, months Jan Feb
 *       Aug Sept Oct Nov Dec ..., St Ave), dotted acronyms of 1-3-letter segments (U.S. U.N.
 *       U.K. a.m. J.F. Ph.D.) and single upper-case initials (R.): break only when the next
 *       word is a sentence starter, i.e. a capitalized stopword not itself followed by a period
 *       ("The", "It", "But", "In"), or an opening quote followed by a capital. So "the U.S.
 *       delegation", "U.S. President Joe Biden", "Wendy R. Sherman", "J. A. Smith" and "2 a.m.
 *       Sunday" stay whole, while "...flew to the U.S. The next day..." and "Acme Inc. The
 *       company..." break;
 *     - any other word (including numbers: "in 2014. Critics") breaks.
 *     Abbreviation lists are case-sensitive: lower-case "gen." is an ordinary word.
 *  6. Spans are trimmed of white space at both ends (ASCII, NEL, NBSP, U+2000-U+200B, U+2028/9,
 *     U+202F, U+205F, U+3000, U+FEFF). Empty spans are dropped. A span without any letter or
 *     digit (a stray quote or "..." left between sentences) is merged into the previous span,
 *     or into the next one if it comes first; a paragraph of punctuation only is one span.
 *  7. Headlines. The last span is marked `headline` when its last character, ignoring closing
 *     quotes/brackets, is not a final mark. This covers a paragraph that is a single unit
 *     without final punctuation (a heading, a byline) and also an unpunctuated tail after
 *     sentences ("Tensions are high. Here is what you need to know"): the tail is kept as its
 *     own span, marked headline as a fragment, never glued onto the sentence before it. Other
 *     spans end at a sentence break and are never headlines.
 *
 * Measured against NIST's sentence tags for the DUC 2002 body text (tests/test_segment.c):
 * recall 0.953, precision 0.993; most remaining differences are NIST errors. */
#ifndef CHORUS_TEXT_SEGMENT_H
#define CHORUS_TEXT_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

typedef struct seg_span {
    uint32_t start, len; /* bytes of the paragraph, leading/trailing white space trimmed */
    int headline;        /* 1: no sentence-final punctuation (a heading or fragment) */
} seg_span;

/* Splits paragraph p (len bytes, UTF-8; invalid bytes are tolerated, p may be NULL when len is
 * 0) into sentences. Returns the count and sets *out to a malloc'ed array the caller frees
 * (NULL when the count is 0: empty or white-space-only input). Linear time. Offsets are
 * uint32_t: only the first 4 GiB of a paragraph are read. */
size_t segment_paragraph(const char *p, size_t len, seg_span **out);

#endif
