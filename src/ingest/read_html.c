/* read_html: the article of a web page, without the page around it.
 *
 * The page is parsed with gumbo (an HTML5 parser, so broken markup reads as browsers read it).
 * Elements that are never article prose are skipped whole: script, style, nav, header, footer,
 * aside, form, figcaption, noscript, iframe, svg, button, and any element whose class or id
 * names a cookie banner, comments, related links, sharing, newsletter or advertising block.
 * What is left is cut into blocks (p, li, blockquote, headings, and text directly inside
 * divs) and each block is classified in the spirit of jusText (Pomikalek 2011):
 *   good   at least GOOD_WORDS words, stopword ratio >= GOOD_STOP, link density <= MAX_LINKS
 *   bad    link density > MAX_LINKS, or a heading, or too few words to be a sentence
 *   short  anything else: kept when the nearest classified blocks on both sides are good,
 *          or when it is a link-free sentence and the nearest one before it is good.
 * Headings and link-free scraps too short to be a sentence (a timestamp, "Advertisement")
 * are bad but say nothing about their neighbours, so the search for the nearest classified
 * block passes over them.
 * Metadata: title from og:title, JSON-LD headline, <title> or <h1>; date from
 * article:published_time, JSON-LD datePublished or <time datetime>; URL from
 * <link rel=canonical> or og:url; source from og:site_name or the JSON-LD publisher's name. */
#include <ctype.h>
#include <gumbo.h>
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/vec.h"
#include "ingest/readers.h"
#include "text/token.h"

#define GOOD_WORDS 10
#define SHORT_WORDS 4
#define GOOD_STOP 0.2
#define MAX_LINKS 0.35

typedef enum { BLOCK_BAD, BLOCK_SHORT, BLOCK_GOOD } block_class;

typedef struct block {
    char *text;
    size_t text_chars, link_chars;
    int heading;
    block_class cls;
    int sentence; /* ends like a sentence: . ! ? then any closing quotes or brackets */
    int neutral;  /* a heading or a tiny link-free scrap: no evidence about its neighbours */
} block;

typedef struct page {
    VEC(block) blocks;
    buf cur;
    size_t cur_links;
    int cur_heading;
    char *og_title, *title, *h1, *date, *url, *og_url, *site, *ld_title, *ld_site;
} page;

static int S_attr_has(const GumboElement *e, const char *name, const char *const *needles)
{
    const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);
    if (!a)
        return 0;
    char low[256];
    size_t n = 0;
    for (const char *p = a->value; *p && n + 1 < sizeof low; p++)
        low[n++] = (char)tolower((unsigned char)*p);
    low[n] = '\0';
    for (; *needles; needles++)
        if (strstr(low, *needles))
            return 1;
    return 0;
}

static const char *const BOILER_CLASS[] = {"cookie", "consent", "comment", "related", "share",
                                          "social", "newsletter", "subscribe", "promo", "advert",
                                          "sidebar", "breadcrumb", "menu", "recommend", "banner",
                                          "signup", "sign-up", "outbrain", "taboola",
                                          "disqus", /* the common comment embed (#disqus_thread) */
                                          NULL};

static int S_skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NAV: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_HEAD: case GUMBO_TAG_TEMPLATE:
        return 1;
    default:
        return 0;
    }
}

static int S_block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_H1:
    case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN:
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE: case GUMBO_TAG_TR: case GUMBO_TAG_TD:
    case GUMBO_TAG_BR: case GUMBO_TAG_BODY: case GUMBO_TAG_FIGURE: case GUMBO_TAG_DL: case GUMBO_TAG_DD:
        return 1;
    default:
        return 0;
    }
}

static int S_heading_tag(GumboTag t)
{
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

/* Ends the current block, if it has text. */
static void S_flush(page *pg)
{
    size_t n = pg->cur.len;
    const char *s = pg->cur.data ? ingest_trim(pg->cur.data, &n) : NULL;
    if (s && n) {
        block b = {xstrndup(s, n), n, pg->cur_links, pg->cur_heading, BLOCK_BAD, 0, 0};
        VEC_PUSH(&pg->blocks, b);
    }
    buf_clear(&pg->cur);
    pg->cur_links = 0;
    pg->cur_heading = 0;
}

/* Appends text with whitespace collapsed. */
static void S_text(page *pg, const char *s, int in_link)
{
    for (; *s; s++) {
        int sp = *s == ' ' || *s == '\n' || *s == '\t' || *s == '\r';
        if (sp) {
            if (pg->cur.len && pg->cur.data[pg->cur.len - 1] != ' ')
                buf_putc(&pg->cur, ' ');
        } else {
            buf_putc(&pg->cur, *s);
            if (in_link)
                pg->cur_links++;
        }
    }
}

static void S_node_text(const GumboNode *n, buf *out)
{
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
        buf_puts(out, n->v.text.text);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboVector *ch = &n->v.element.children;
    for (unsigned i = 0; i < ch->length; i++)
        S_node_text(ch->data[i], out);
}

static char *S_trimmed_text(const GumboNode *n)
{
    buf b = BUF_INIT;
    S_node_text(n, &b);
    size_t len = b.len;
    const char *s = b.data ? ingest_trim(b.data, &len) : NULL;
    char *r = s && len ? xstrndup(s, len) : NULL;
    buf_free(&b);
    return r;
}

static void S_set(char **slot, const char *v)
{
    if (!*slot && v && *v)
        *slot = xstrdup(v);
}

static void S_json_ld(page *pg, json_object *o)
{
    if (json_object_is_type(o, json_type_array)) {
        for (size_t i = 0; i < json_object_array_length(o); i++)
            S_json_ld(pg, json_object_array_get_idx(o, i));
        return;
    }
    if (!json_object_is_type(o, json_type_object))
        return;
    json_object *v;
    if (json_object_object_get_ex(o, "datePublished", &v) && json_object_is_type(v, json_type_string))
        S_set(&pg->date, json_object_get_string(v));
    /* Schema.org articles carry the headline and the publisher; AMP pages often have no
     * og: tags and a <title> with the site's name appended, so these come before <title>. */
    if (json_object_object_get_ex(o, "headline", &v) && json_object_is_type(v, json_type_string))
        S_set(&pg->ld_title, json_object_get_string(v));
    json_object *name;
    if (json_object_object_get_ex(o, "publisher", &v) && json_object_is_type(v, json_type_object) &&
        json_object_object_get_ex(v, "name", &name) && json_object_is_type(name, json_type_string))
        S_set(&pg->ld_site, json_object_get_string(name));
    if (json_object_object_get_ex(o, "@graph", &v))
        S_json_ld(pg, v);
}

/* Metadata anywhere in the page (head or body). */
static void S_meta(page *pg, const GumboNode *n)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboElement *e = &n->v.element;
    if (e->tag == GUMBO_TAG_META) {
        const GumboAttribute *prop = gumbo_get_attribute(&e->attributes, "property");
        if (!prop)
            prop = gumbo_get_attribute(&e->attributes, "name");
        const GumboAttribute *content = gumbo_get_attribute(&e->attributes, "content");
        if (prop && content) {
            if (strcmp(prop->value, "og:title") == 0)
                S_set(&pg->og_title, content->value);
            else if (strcmp(prop->value, "og:site_name") == 0)
                S_set(&pg->site, content->value);
            else if (strcmp(prop->value, "og:url") == 0)
                S_set(&pg->og_url, content->value);
            else if (strcmp(prop->value, "article:published_time") == 0)
                S_set(&pg->date, content->value);
        }
    } else if (e->tag == GUMBO_TAG_LINK) {
        const GumboAttribute *rel = gumbo_get_attribute(&e->attributes, "rel");
        const GumboAttribute *href = gumbo_get_attribute(&e->attributes, "href");
        if (rel && href && strcmp(rel->value, "canonical") == 0)
            S_set(&pg->url, href->value);
    } else if (e->tag == GUMBO_TAG_TITLE && !pg->title) {
        pg->title = S_trimmed_text(n);
    } else if (e->tag == GUMBO_TAG_H1 && !pg->h1) {
        pg->h1 = S_trimmed_text(n);
    } else if (e->tag == GUMBO_TAG_TIME) {
        const GumboAttribute *dt = gumbo_get_attribute(&e->attributes, "datetime");
        if (dt)
            S_set(&pg->date, dt->value);
    } else if (e->tag == GUMBO_TAG_SCRIPT) {
        const GumboAttribute *type = gumbo_get_attribute(&e->attributes, "type");
        if (type && strcmp(type->value, "application/ld+json") == 0) {
            char *txt = S_trimmed_text(n);
            json_object *o = txt ? json_tokener_parse(txt) : NULL;
            if (o)
                S_json_ld(pg, o);
            json_object_put(o);
            free(txt);
        }
        return;
    }
    const GumboVector *ch = &e->children;
    for (unsigned i = 0; i < ch->length; i++)
        S_meta(pg, ch->data[i]);
}

static void S_walk(page *pg, const GumboNode *n, int in_link)
{
    if (n->type == GUMBO_NODE_TEXT) {
        S_text(pg, n->v.text.text, in_link);
        return;
    }
    if (n->type == GUMBO_NODE_WHITESPACE) {
        S_text(pg, " ", 0);
        return;
    }
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    const GumboElement *e = &n->v.element;
    if (S_skip_tag(e->tag) || S_attr_has(e, "class", BOILER_CLASS) || S_attr_has(e, "id", BOILER_CLASS))
        return;
    int is_block = S_block_tag(e->tag);
    if (is_block)
        S_flush(pg);
    if (S_heading_tag(e->tag))
        pg->cur_heading = 1;
    int link = in_link || e->tag == GUMBO_TAG_A;
    const GumboVector *ch = &e->children;
    for (unsigned i = 0; i < ch->length; i++)
        S_walk(pg, ch->data[i], link);
    if (is_block)
        S_flush(pg);
}

/* Does the text end a sentence: . ! ? then any closing quotes and brackets? */
static int S_ends_sentence(const char *s, size_t n)
{
    for (;;) {
        if (n && (s[n - 1] == '"' || s[n - 1] == '\'' || s[n - 1] == ')'))
            n--;
        else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
                 ((unsigned char)s[n - 1] == 0x9D || (unsigned char)s[n - 1] == 0x99))
            n -= 3; /* ” ’ */
        else
            break;
    }
    return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

static void S_classify(block *b)
{
    b->sentence = S_ends_sentence(b->text, strlen(b->text));
    size_t words = 0, stops = 0;
    const char *s = b->text;
    while (*s) {
        while (*s && !isalnum((unsigned char)*s) && (unsigned char)*s < 0x80)
            s++;
        const char *w = s;
        while (*s && (isalnum((unsigned char)*s) || (unsigned char)*s >= 0x80 || *s == '\''))
            s++;
        if (s > w) {
            words++;
            char low[32];
            size_t n = (size_t)(s - w) < sizeof low ? (size_t)(s - w) : sizeof low - 1;
            for (size_t k = 0; k < n; k++)
                low[k] = (char)tolower((unsigned char)w[k]);
            stops += is_stopword(low, n);
        }
    }
    double link_density = b->text_chars ? (double)b->link_chars / (double)b->text_chars : 0;
    double stop_ratio = words ? (double)stops / (double)words : 0;
    b->neutral = b->heading || (words < SHORT_WORDS && b->link_chars == 0);
    if (b->heading || link_density > MAX_LINKS || words < SHORT_WORDS)
        b->cls = BLOCK_BAD;
    else if (words >= GOOD_WORDS && stop_ratio >= GOOD_STOP)
        b->cls = BLOCK_GOOD;
    else
        b->cls = BLOCK_SHORT;
}

chorus_code ingest_read_html(ingest_file *f, chorus_error *err)
{
    GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, f->data, f->len);
    page pg = {0};
    S_meta(&pg, out->root);
    S_walk(&pg, out->root, 0);
    S_flush(&pg);
    gumbo_destroy_output(&kGumboDefaultOptions, out);

    size_t nb = pg.blocks.len;
    for (size_t i = 0; i < nb; i++)
        S_classify(&pg.blocks.items[i]);
    /* Short blocks take the class of their surroundings: kept between good blocks, or after a
     * good block when they are a link-free sentence (the short closing lines of a paragraph
     * run, or of a live-blog update followed by the next update's timestamp). Neutral blocks
     * are passed over while looking for the surroundings. */
    ingest_paras body = INGEST_PARAS_INIT;
    for (size_t i = 0; i < nb; i++) {
        block *b = &pg.blocks.items[i];
        int keep = b->cls == BLOCK_GOOD;
        if (b->cls == BLOCK_SHORT) {
            int prev = 0, next = 0;
            for (size_t j = i; j-- > 0;)
                if (pg.blocks.items[j].cls != BLOCK_SHORT && !pg.blocks.items[j].neutral) {
                    prev = pg.blocks.items[j].cls == BLOCK_GOOD;
                    break;
                }
            for (size_t j = i + 1; j < nb; j++)
                if (pg.blocks.items[j].cls != BLOCK_SHORT && !pg.blocks.items[j].neutral) {
                    next = pg.blocks.items[j].cls == BLOCK_GOOD;
                    break;
                }
            keep = prev && (next || (b->sentence && b->link_chars == 0));
        }
        if (keep) {
            ingest_paras_add(&body, b->text, strlen(b->text));
            ingest_paras_break(&body);
        }
    }
    char date[11];
    /* Only the calendar date matters: "2025-09-14T08:30:00+02:00" -> "2025-09-14". */
    size_t date_len = pg.date ? strlen(pg.date) : 0;
    int have_date = pg.date && ingest_parse_date(pg.date, date_len > 10 ? 10 : date_len, date);
    const char *title = pg.og_title ? pg.og_title : pg.ld_title ? pg.ld_title : pg.title ? pg.title : pg.h1;
    chorus_code rc;
    if (!body.out.len) {
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no article text found in the page", f->name);
    } else {
        raw_article a = {.title = title,
                         .date = have_date ? date : NULL,
                         .url = pg.url ? pg.url : pg.og_url,
                         .source = pg.site ? pg.site : pg.ld_site,
                         .body = body.out.data,
                         .body_len = body.out.len};
        rc = ingest_emit(f, &a, err);
    }
    ingest_paras_free(&body);
    for (size_t i = 0; i < nb; i++)
        free(pg.blocks.items[i].text);
    VEC_FREE(&pg.blocks);
    buf_free(&pg.cur);
    free(pg.og_title);
    free(pg.title);
    free(pg.h1);
    free(pg.date);
    free(pg.url);
    free(pg.og_url);
    free(pg.site);
    free(pg.ld_title);
    free(pg.ld_site);
    return rc;
}
