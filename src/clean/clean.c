#include "clean/clean.h"

#include <ctype.h>
#include <string.h>

#include "ingest/ingest.h"
#include "text/utf8.h"

/* Paragraphs longer than this are prose whatever words they contain: boilerplate is short. */
enum { BOILERPLATE_MAX_WORDS = 30 };

/* ASCII-lower-cased copy of at most cap-1 bytes, typographic quotes folded, spaces collapsed. */
static size_t S_fold(const char *p, size_t len, char *out, size_t cap)
{
    size_t n = 0, i = 0;
    int space = 1;
    while (i < len && n + 4 < cap) {
        size_t adv;
        uint32_t cp = utf8_fold_char(utf8_decode(p + i, len - i, &adv));
        i += adv;
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') {
            if (!space)
                out[n++] = ' ';
            space = 1;
            continue;
        }
        space = 0;
        if (cp < 0x80)
            out[n++] = (char)tolower((int)cp);
        else
            n += utf8_encode(cp, out + n);
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

static int S_has(const char *s, const char *needle) { return strstr(s, needle) != NULL; }

static int S_starts(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static int S_any(const char *s, const char *const *needles)
{
    for (; *needles; needles++)
        if (S_has(s, *needles))
            return 1;
    return 0;
}

static const char *const SIGNUP[] = {"sign up", "signup", "sign-up", "subscribe", "newsletter",
                                     "an email has been sent", "unsubscribe", "inbox", NULL};
static const char *const COMMENT_FORM[] = {"leave a reply", "leave a comment", "post a comment",
                                           "your email address will not be published",
                                           "required fields are marked", "comment policy",
                                           "cancel reply", "you must be logged in", NULL};
static const char *const LINK_PREFIX[] = {"click:", "click here", "read more", "read also",
                                          "related:", "see also:", "more:", "watch:", "listen:",
                                          "read the full", "also read", "recommended:", NULL};
/* "(R)" alone is also a US party label ("Sen. Ames (R) said"), so it needs an "(L)" too. */
static const char *const CAPTION[] = {"(l)", "(l-r)", "(left)", "(center)", "photo:", "photo by", "photograph:",
                                      "ap photo", "getty images", "/ reuters", "/reuters",
                                      "/afp", "image:", "file photo", "(photo", NULL};
static const char *const CREDIT[] = {"contributed reporting", "contributed to this report",
                                     "reporting by", "editing by", "writing by",
                                     "additional reporting", NULL};

static int S_is_url(const char *s)
{
    if (!(S_starts(s, "http://") || S_starts(s, "https://") || S_starts(s, "www.")))
        return 0;
    return strchr(s, ' ') == NULL;
}

clean_reason clean_paragraph(const char *p, size_t len)
{
    char s[512];
    if (utf8_count_words(p, len) > BOILERPLATE_MAX_WORDS)
        return CLEAN_KEEP;
    size_t n = S_fold(p, len, s, sizeof s);
    if (n == 0)
        return CLEAN_KEEP;
    if (S_is_url(s))
        return CLEAN_URL;
    char date[11];
    if (ingest_parse_date(s, n, date))
        return CLEAN_DATE;
    if (S_any(s, COMMENT_FORM))
        return CLEAN_COMMENT_FORM;
    if (S_any(s, SIGNUP))
        return CLEAN_SIGNUP;
    for (const char *const *q = LINK_PREFIX; *q; q++)
        if (S_starts(s, *q))
            return CLEAN_LINK;
    if (S_any(s, CREDIT))
        return CLEAN_CREDIT;
    if (S_any(s, CAPTION))
        return CLEAN_CAPTION;
    if (S_has(s, "all rights reserved") || S_starts(s, "(c) ") || S_starts(s, "copyright ") ||
        S_starts(s, "\xc2\xa9"))
        return CLEAN_COPYRIGHT;
    return CLEAN_KEEP;
}

const char *clean_reason_name(clean_reason r)
{
    static const char *const names[] = {"keep",   "signup", "comment-form", "link",     "caption",
                                        "credit", "url",    "date",         "copyright"};
    return (size_t)r < sizeof names / sizeof *names ? names[r] : "unknown";
}
