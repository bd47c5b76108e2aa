/* clean: deciding which paragraphs of an article are not article prose.
 *
 * Web copies of news carry sign-up prompts, comment forms, "Click:" teasers, photo captions,
 * credit lines and stray URLs or dates. clean_paragraph classifies one paragraph by pattern;
 * the corpus drops what is not prose before segmentation, so no later stage ever sees it. */
#ifndef CHORUS_CLEAN_H
#define CHORUS_CLEAN_H

#include <stddef.h>

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
} clean_reason;

/* Classifies one paragraph (valid UTF-8, trimmed or not). */
clean_reason clean_paragraph(const char *p, size_t len);

/* A short lower-case name for a reason ("signup", "caption" ...), for --explain output. */
const char *clean_reason_name(clean_reason r);

#endif
