/* clean: deciding which paragraphs of an article are not article prose.
 *
 * Web copies of news carry sign-up prompts, comment forms, "Click:" teasers, photo captions,
 * credit lines and stray URLs or dates. clean_paragraph classifies one paragraph by pattern;
 * the corpus drops what is not prose before segmentation, so no later stage ever sees it. */
#ifndef CHORUS_CLEAN_H
#define CHORUS_CLEAN_H

#include <stddef.h>

#include "chorus.h"

typedef enum clean_reason {
    CLEAN_KEEP = 0,
    CLEAN_SIGNUP,       /* newsletter / subscription / "an email has been sent" */
    CLEAN_COMMENT_FORM, /* "Leave a Reply", "Your email address will not be published" */
    CLEAN_LINK,         /* "Click: ...", "Read more", "Related:" teasers */
    CLEAN_CAPTION,      /* photo captions: "(L)", "(R)", photo credits */
    CLEAN_CREDIT,       /* "... contributed reporting", "Editing by ..." */
    CLEAN_URL,          /* a bare URL */
    CLEAN_DATE,         /* a bare date or time stamp */
    CLEAN_COPYRIGHT,    /* "(c) 2022 ...", "All rights reserved" */
    CLEAN_HEADING,      /* a section heading inside the body ("Breakthrough unlikely") */
    CLEAN_TEASER,       /* the headline of another story ("... Here's what you need to know") */
    CLEAN_REPEATED,     /* a line seen in many articles of the same source (corpus-level) */
} clean_reason;

/* Classifies one paragraph (valid UTF-8, trimmed or not). */
clean_reason clean_paragraph(const char *p, size_t len);

/* One paragraph of an article, for clean_article. */
typedef struct clean_para {
    const char *text;
    size_t len;
} clean_para;

/* Classifies every paragraph of one article in context: the pattern rules of clean_paragraph,
 * then the rules that need neighbours. A short line without final punctuation is a section
 * heading when its words come back in the next paragraphs or it is at most 4 words long, and
 * otherwise a teaser (the headline of another story); a run of such lines, or one at the very
 * end, is a list of teasers. Both are removed; the reason tells them apart. out[n]. */
void clean_article(const clean_para *paras, size_t n, clean_reason *out);

/* Detects a dateline at the start of a paragraph: "GENEVA (AP) —", "GENEVA —", "KYIV, Ukraine
 * —", "Geneva, Switzerland (CNN)" (also glued to the next word, as web copies have it) and
 * "GENEVA  The" (a dateline whose dash was lost). Returns the number of bytes to strip from p
 * (the dateline and the blanks after it), 0 when there is none; *dl_len gets the length of the
 * dateline itself without trailing blanks or dash ("GENEVA (AP)"). */
size_t clean_dateline(const char *p, size_t len, size_t *dl_len);

/* The corpus-level pass: a short paragraph found in at least REPEAT_MIN_DOCS articles of the
 * same source, and in at least a quarter of that source's articles, is the site's boilerplate
 * ("Follow us on ...", a standing disclaimer) and is removed with CLEAN_REPEATED. A document
 * in which most paragraphs are such lines is a version of another article, not a page with
 * boilerplate, so it keeps them. Returns how many paragraphs were removed. */
enum { REPEAT_MIN_DOCS = 3, REPEAT_MAX_WORDS = 40 };
size_t clean_repeated(chorus_corpus *c);

/* A short lower-case name for a reason ("signup", "caption" ...), for --explain output. */
const char *clean_reason_name(clean_reason r);

#endif
