/* corpus: the one in-memory data model every stage reads and annotates.
 *
 * A corpus owns all of its memory: documents, their cleaned text, sentences and tokens live in
 * its arena and arrays and are freed with it. Stages never reparse text: the tokens of a
 * sentence are a slice of `corpus->tokens`, the sentences of a document a slice of
 * `corpus->sentences`, and every span is a byte range of the document's `text`. */
#ifndef CHORUS_CORPUS_H
#define CHORUS_CORPUS_H

#include <stdint.h>

#include "chorus.h"
#include "clean/clean.h"
#include "core/alloc.h"
#include "core/strtab.h"
#include "core/vec.h"
#include "ingest/ingest.h"
#include "text/token.h"

enum token_flag {
    TOK_WORD = 1 << 0,  /* contains a letter or digit (not punctuation) */
    TOK_STOP = 1 << 1,  /* a stopword */
    TOK_CAP = 1 << 2,   /* starts with an upper-case letter */
    TOK_NUM = 1 << 3,   /* starts with a digit */
    TOK_QUOTE = 1 << 4, /* a quotation mark, straight or typographic */
};

typedef struct token {
    uint32_t start, len; /* bytes of the document text */
    uint32_t term;       /* id in corpus->terms: lower-cased, typographic quotes/dashes folded */
    uint32_t stem;       /* id in corpus->stems: Snowball English stem of the term */
    uint32_t flags;      /* enum token_flag */
} token;

enum sentence_flag {
    SENT_HEADLINE = 1 << 0, /* a line without final punctuation: a heading, not prose */
    SENT_QUESTION = 1 << 1,
    SENT_QUOTE = 1 << 2,    /* starts inside or with a quotation */
};

typedef struct sentence {
    uint32_t doc;          /* index in corpus->docs */
    uint32_t index;        /* position in its document, 0-based */
    uint32_t paragraph;    /* paragraph number in its document, 0-based */
    uint32_t start, len;   /* bytes of the document text */
    uint32_t first_token;  /* index in corpus->tokens */
    uint32_t ntokens;
    uint32_t words;        /* whitespace-separated words, as ROUGE counts them */
    uint32_t flags;        /* enum sentence_flag */
} sentence;

typedef struct document {
    const char *origin; /* where it came from: "dir/a.txt", "feed.jsonl:12", "-" */
    const char *id;     /* from the input (DOCNO, JSON id) or the file name */
    const char *title, *url, *source;
    const char *date; /* "YYYY-MM-DD", or NULL when unknown */
    int32_t day;      /* days since 1970-01-01, or INT32_MIN when unknown */
    chorus_input_format format;
    const char *text; /* cleaned, NFC body: paragraphs separated by '\n' */
    uint32_t text_len;
    uint32_t first_sentence, nsentences;
    const char *dateline; /* "GENEVA (AP)", stripped from the text; NULL when none */
} document;

/* A paragraph the cleaner removed, kept so that `chorus clean --explain` can say why. */
typedef struct removed_line {
    uint32_t doc;      /* index in corpus->docs */
    uint32_t position; /* paragraph number in the raw body, 0-based; removals of the
                          corpus-level passes sort after the others (values near UINT32_MAX) */
    const char *text;  /* in the corpus arena */
    clean_reason reason;
} removed_line;

struct chorus_corpus {
    chorus_options opts;
    arena mem;
    VEC(document) docs;
    VEC(sentence) sentences;
    VEC(token) tokens;
    strtab terms;
    strtab stems;
    tokenizer *tok;
    VEC(removed_line) removed; /* by document, then position */
    int defer_tokens;          /* see corpus_defer_tokens */
    uint32_t tokenized_doc;    /* ... the document whose tokens c->tokens holds, or UINT32_MAX */
};

/* Turns one raw article into a document: normalizes, cleans, segments and tokenizes it. */
chorus_code corpus_add_article(chorus_corpus *c, const raw_article *a, chorus_error *err);

/* For a caller that reads each document's tokens once, right after they are made (chorus
 * dedup --stream): from now on, added documents are cleaned and segmented but their sentences
 * get no tokens (ntokens 0) until corpus_tokenize_document, and no word counts (words 0) at
 * all. Tokenizing a document just before reading its tokens, not a whole batch before, keeps
 * them in the processor's caches. */
void corpus_defer_tokens(chorus_corpus *c);

/* In a corpus with deferred tokens: tokenizes the sentences of document d into c->tokens,
 * which then hold d's tokens only (the document tokenized before has none again). Words are
 * interned in the order documents are tokenized. The sentences' word counts stay 0: the one
 * reader of such tokens, dedup, has no use for them, and counting them was a pass over the
 * whole text (2% of the instructions of dedup --stream on short articles). */
void corpus_tokenize_document(chorus_corpus *c, uint32_t d);

/* Removes every document (and its sentences, tokens and removed lines) but keeps the term and
 * stem tables and the tokenizer's caches: a stream of batches through one corpus interns and
 * stems each distinct word once, not once per batch. Term and stem ids stay valid. */
void corpus_clear_documents(chorus_corpus *c);

/* Drops paragraphs from documents after the fact (the corpus-level cleaning passes):
 * drop[s] != 0 for every corpus sentence s to remove; whole paragraphs are removed when all of
 * their sentences are. Each removed paragraph is recorded with `reason`. Sentence and token
 * offsets are rewritten so that every span stays a byte range of the new document text. */
void corpus_drop_sentences(chorus_corpus *c, const uint8_t *drop, clean_reason reason);

/* Reports a warning through the corpus's callback. */
void corpus_warn(const chorus_corpus *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static inline const sentence *corpus_sentence(const chorus_corpus *c, uint32_t i) { return &c->sentences.items[i]; }
/* Fuzz fix: a corpus with sentences but no token at all has tokens.items == NULL, and
 * &NULL[i] is UB even for i == 0; such a sentence has ntokens 0, so NULL is returned. */
static inline const token *sentence_tokens(const chorus_corpus *c, const sentence *s) { return c->tokens.items ? &c->tokens.items[s->first_token] : NULL; }
static inline const char *sentence_text(const chorus_corpus *c, const sentence *s) { return c->docs.items[s->doc].text + s->start; }

#endif
