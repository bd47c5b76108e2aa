/* html: `chorus report` as one self-contained page. Everything that comes from an article is
 * HTML-escaped (S_esc); the page loads nothing (no fonts, images, scripts or styles from outside),
 * so it can be mailed, archived and opened offline. Without JavaScript every part still reads:
 * citations open on hover/focus through CSS, the script only adds click-to-pin on touch screens
 * and marks <html data-js="ready"> (which the browser test checks). */
#include "render/html.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "dedup/dedup.h"
#include "summary/summary.h"

static void S_esc(buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        case '\n':
        case '\r':
            buf_putc(b, ' ');
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

static void S_esc_n(buf *b, const char *s, size_t n)
{
    char *tmp = xstrndup(s, n);
    S_esc(b, tmp);
    free(tmp);
}

/* The style sheet, in pieces (ISO C caps string literals at 4095 bytes). */
static const char *const S_css[] = {
    ":root{--ink:#1d2329;--mute:#5b6670;--line:#dde3e8;--bg:#f6f7f9;--card:#fff;",
    "--accent:#1f5fa8;--warn:#a8461f;--ok:#2d7a46}",
    "*{box-sizing:border-box}",
    "html{-webkit-text-size-adjust:100%}",
    "body{margin:0;background:var(--bg);color:var(--ink);font:16px/1.55 -apple-system,",
    "BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}",
    "header.top{background:#14263b;color:#fff;padding:28px 20px 22px}",
    "header.top .wrap{max-width:880px;margin:0 auto}",
    "header.top .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.75}",
    "header.top h1{font:700 26px/1.25 Georgia,'Times New Roman',serif;margin:6px 0 8px}",
    "header.top .meta{font-size:14px;opacity:.85}",
    "nav.toc{max-width:880px;margin:0 auto;padding:10px 20px;display:flex;flex-wrap:wrap;gap:6px}",
    "nav.toc a{font-size:13px;color:var(--accent);text-decoration:none;border:1px solid var(--line);",
    "background:#fff;border-radius:999px;padding:3px 11px}",
    "main{max-width:880px;margin:0 auto;padding:0 20px 40px}",
    "section{background:var(--card);border:1px solid var(--line);border-radius:10px;",
    "padding:18px 20px;margin:16px 0}",
    "section h2{font:700 19px/1.3 Georgia,'Times New Roman',serif;margin:0 0 4px}",
    "section .hint{color:var(--mute);font-size:13px;margin:0 0 12px}",
    ".claim{margin:0 0 16px}.claim:last-child{margin-bottom:0}",
    ".claim p{margin:0 0 6px;font-size:17px}",
    ".cite{position:relative;display:inline-block;font-size:12px;font-weight:600;color:var(--accent);",
    "background:#e8f0fa;border-radius:4px;padding:0 5px;margin-left:3px;cursor:pointer;",
    "vertical-align:2px;line-height:18px}",
    ".cite:focus{outline:2px solid var(--accent);outline-offset:1px}",
    ".cite .pop{display:none;position:absolute;z-index:5;left:50%;bottom:125%;transform:translateX(-50%);",
    "width:min(360px,80vw);background:#14263b;color:#fff;font-weight:400;font-size:13px;",
    "line-height:1.45;padding:10px 12px;border-radius:8px;box-shadow:0 6px 20px rgba(0,0,0,.25);",
    "text-align:left;white-space:normal}",
    ".cite .pop b{display:block;font-size:11px;text-transform:uppercase;letter-spacing:.05em;opacity:.7;",
    "margin-bottom:3px}",
    ".cite:hover .pop,.cite:focus .pop,.cite.open .pop{display:block}",
    ".agree{display:flex;align-items:center;gap:10px;font-size:13px;color:var(--mute)}",
    ".bar{flex:0 0 140px;height:8px;background:#e9edf0;border-radius:4px;overflow:hidden}",
    ".bar span{display:block;height:100%;background:var(--ok);border-radius:4px}",
    "ol.sources{margin:0;padding-left:22px}ol.sources li{margin:0 0 10px}",
    ".src-title{font-weight:600}.src-meta{font-size:13px;color:var(--mute)}",
    ".tag{display:inline-block;font-size:12px;border-radius:4px;padding:0 6px;margin-left:4px;",
    "border:1px solid var(--line);color:var(--mute)}",
    ".tag.copy{border-color:#e2c9a0;background:#fbf3e6;color:#7a5414}",
    ".tag.indep{border-color:#b9dcc5;background:#eef8f1;color:var(--ok)}",
    ".tag.inferred{border-color:#e2c9a0;color:#7a5414}",
    ".conflict{border-left:4px solid var(--warn);padding:4px 0 4px 14px;margin:0 0 16px}",
    ".conflict .stmt{margin:0 0 8px;color:var(--mute);font-size:14px}",
    ".values{display:flex;flex-wrap:wrap;gap:8px}",
    ".value{border:1px solid #ecc9b8;background:#fdf4ef;border-radius:8px;padding:6px 10px}",
    ".value strong{display:block;color:var(--warn)}.value small{color:var(--mute)}",
    ".speaker{margin:0 0 14px}.speaker h3{font-size:15px;margin:0 0 6px}",
    "blockquote{margin:0 0 8px;padding:6px 12px;border-left:3px solid var(--line);",
    "font-family:Georgia,'Times New Roman',serif}",
    "blockquote small{display:block;font-family:inherit;color:var(--mute);font-size:12px}",
    "ol.timeline{list-style:none;margin:0;padding:0;border-left:2px solid var(--line)}",
    "ol.timeline li{position:relative;margin:0 0 12px;padding-left:16px}",
    "ol.timeline li:before{content:'';position:absolute;left:-6px;top:7px;width:10px;height:10px;",
    "border-radius:50%;background:var(--accent)}",
    ".date{font-weight:700;font-variant-numeric:tabular-nums;margin-right:6px}",
    ".ents{display:flex;flex-wrap:wrap;gap:6px}",
    ".ent{font-size:13px;border:1px solid var(--line);border-radius:999px;padding:2px 10px}",
    ".ent.person{background:#eef3fb}.ent.organization{background:#f3eefb}.ent.place{background:#eef8f1}",
    ".empty{color:var(--mute);font-style:italic}",
    "footer{max-width:880px;margin:0 auto;padding:0 20px 30px;color:var(--mute);font-size:12px}",
    "@media (max-width:600px){header.top h1{font-size:21px}section{padding:14px}",
    ".claim p{font-size:16px}.bar{flex-basis:90px}main{padding:0 10px 30px}}",
    "@media print{body{background:#fff}header.top{background:#fff;color:#000;padding:0 0 10px;",
    "border-bottom:2px solid #000}nav.toc,.cite .pop{display:none!important}",
    "section{border:0;padding:0;margin:18px 0;page-break-inside:auto}",
    ".claim,.conflict,blockquote,ol.timeline li{page-break-inside:avoid}",
    ".cite{background:none;color:#000}.bar{border:1px solid #999}.bar span{background:#555}",
    "a{color:#000}}",
    NULL};

static const char S_js[] =
    "(function(){document.documentElement.setAttribute('data-js','ready');"
    "document.addEventListener('click',function(e){"
    "var c=e.target.closest?e.target.closest('.cite'):null;"
    "var open=document.querySelectorAll('.cite.open');"
    "for(var i=0;i<open.length;i++)if(open[i]!==c)open[i].classList.remove('open');"
    "if(c)c.classList.toggle('open');});"
    "document.addEventListener('keydown',function(e){if(e.key==='Escape'){"
    "var o=document.querySelectorAll('.cite.open');for(var i=0;i<o.length;i++)"
    "o[i].classList.remove('open');}});})();";

static const char *S_doc_name(const document *d)
{
    return d->source ? d->source : d->title && *d->title ? d->title : d->id;
}

/* The sentence of document doc that best matches corpus sentence s: a member of s's group if
 * there is one, else the most similar sentence of that document. */
static uint32_t S_best_sentence(const analysis *an, const signatures *sig, uint32_t s, uint32_t doc)
{
    const chorus_corpus *c = an->corpus;
    if (corpus_sentence(c, s)->doc == doc)
        return s;
    uint32_t g = an->group_rank[s];
    for (uint32_t k = an->group_start[g]; k < an->group_start[g + 1]; k++)
        if (corpus_sentence(c, an->group_members[k])->doc == doc)
            return an->group_members[k];
    const document *d = &c->docs.items[doc];
    uint32_t best = UINT32_MAX;
    double bs = -1;
    for (uint32_t k = 0; k < d->nsentences; k++) {
        double v = similar_sentences(sig, s, d->first_sentence + k);
        if (v > bs) {
            bs = v;
            best = d->first_sentence + k;
        }
    }
    return best;
}

static void S_cite(buf *b, const chorus_corpus *c, uint32_t doc, uint32_t sent)
{
    const document *d = &c->docs.items[doc];
    buf_printf(b, "<span class=\"cite\" tabindex=\"0\" role=\"button\" aria-label=\"source %u\">%u"
                  "<span class=\"pop\" role=\"tooltip\"><b>[%u] ",
               doc + 1, doc + 1, doc + 1);
    S_esc(b, S_doc_name(d));
    buf_puts(b, "</b>");
    if (sent != UINT32_MAX) {
        const sentence *se = corpus_sentence(c, sent);
        buf_puts(b, "“");
        S_esc_n(b, sentence_text(c, se), se->len);
        buf_puts(b, "”");
    }
    buf_puts(b, "</span></span>");
}

static void S_plain_sources(buf *b, doc_set s)
{
    for (size_t k = 0; k < s.n; k++)
        buf_printf(b, "%s<a href=\"#src-%u\">%u</a>", k ? ", " : "", s.ids[k] + 1, s.ids[k] + 1);
}

static const char *S_copy_kind(uint8_t relation)
{
    switch (relation) {
    case DEDUP_CONTAINED:
        return "excerpt of";
    case DEDUP_PARAPHRASE:
        return "reworded copy of";
    case DEDUP_DUPLICATE:
    default:
        return "syndicated copy of";
    }
}

static void S_day(buf *b, const timeline_event *ev)
{
    char day[16];
    analysis_format_day(ev->day, day);
    if (ev->precision == DATE_MONTH)
        day[7] = '\0';
    else if (ev->precision == DATE_YEAR)
        day[4] = '\0';
    buf_printf(b, "<span class=\"date\">%s%s</span>", ev->precision == DATE_WEEK ? "week of " : "",
               day);
}

char *html_report(const chorus_summary *sum, const analysis *an, const signatures *sig)
{
    const chorus_corpus *c = an->corpus;
    size_t ndocs = c->docs.len;
    summary_sources_ensure(sum); /* the page shows sources and copy relations */
    buf b = BUF_INIT;
    arena tmp;
    arena_init(&tmp);
    const char *title = ndocs && c->docs.items[0].title ? c->docs.items[0].title : "chorus report";

    buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                 "<meta name=\"generator\" content=\"chorus ");
    S_esc(&b, chorus_version());
    buf_puts(&b, "\">\n<title>");
    S_esc(&b, title);
    buf_puts(&b, " — chorus report</title>\n<style>");
    for (const char *const *p = S_css; *p; p++)
        buf_puts(&b, *p);
    buf_puts(&b, "</style>\n</head>\n<body>\n");

    /* Header: what this is, from how many sources, over which dates. */
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t d = 0; d < ndocs; d++)
        if (an->doc_day[d] != INT32_MIN && !an->doc_day_inferred[d]) {
            lo = an->doc_day[d] < lo ? an->doc_day[d] : lo;
            hi = an->doc_day[d] > hi ? an->doc_day[d] : hi;
        }
    buf_puts(&b, "<header class=\"top\"><div class=\"wrap\"><div class=\"kicker\">Multi-source "
                 "briefing</div><h1>");
    S_esc(&b, title);
    buf_printf(&b, "</h1><div class=\"meta\">%zu source%s", ndocs, ndocs == 1 ? "" : "s");
    if (lo != INT32_MAX) {
        char d0[16], d1[16];
        analysis_format_day(lo, d0);
        analysis_format_day(hi, d1);
        if (lo == hi)
            buf_printf(&b, " · published %s", d0);
        else
            buf_printf(&b, " · published %s to %s", d0, d1);
    }
    buf_printf(&b, " · %zu conflict%s · %zu quotation%s</div></div></header>\n", an->nconflicts,
               an->nconflicts == 1 ? "" : "s", an->nquotes, an->nquotes == 1 ? "" : "s");
    buf_puts(&b, "<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#conflicts\">"
                 "Conflicts</a><a href=\"#quotes\">Quotes</a><a href=\"#timeline\">Timeline</a>"
                 "<a href=\"#sources\">Sources</a><a href=\"#entities\">Names</a></nav>\n<main>\n");

    /* Summary with citations and agreement. */
    buf_puts(&b, "<section id=\"summary\"><h2>Summary</h2><p class=\"hint\">Each statement cites "
                 "the articles that carry it; hover, tap or focus a number to read that "
                 "article's sentence. The bar shows how many sources agree.</p>\n");
    if (!sum->n)
        buf_puts(&b, "<p class=\"empty\">No summary sentence.</p>");
    for (size_t i = 0; i < sum->n; i++) {
        const summary_item *it = &sum->items[i];
        agreement a = analysis_agreement(an, sum, i, &tmp);
        buf_puts(&b, "<div class=\"claim\"><p>");
        S_esc(&b, it->text);
        if (it->cut)
            buf_puts(&b, " …");
        for (size_t k = 0; k < a.sources.n; k++)
            S_cite(&b, c, a.sources.ids[k], S_best_sentence(an, sig, it->sentence, a.sources.ids[k]));
        unsigned pct = ndocs ? (unsigned)(100 * a.sources.n / ndocs) : 0;
        buf_printf(&b, "</p><div class=\"agree\"><div class=\"bar\" role=\"img\" aria-label=\"%zu of "
                       "%zu sources\"><span style=\"width:%u%%\"></span></div>%zu of %zu sources",
                   a.sources.n, ndocs, pct, a.sources.n, ndocs);
        if (a.independent != a.sources.n)
            buf_printf(&b, " · %zu independent", a.independent);
        buf_puts(&b, "</div></div>\n");
    }
    buf_puts(&b, "</section>\n");

    /* Conflicts. */
    buf_puts(&b, "<section id=\"conflicts\"><h2>Where the sources disagree</h2><p class=\"hint\">"
                 "The same statement with different numbers. Rounding and hedges (“about”, "
                 "“more than”) are not counted as disagreement.</p>\n");
    if (!an->nconflicts)
        buf_puts(&b, "<p class=\"empty\">No conflicting numbers found.</p>");
    for (size_t i = 0; i < an->nconflicts; i++) {
        const conflict *cf = &an->conflicts[i];
        buf_puts(&b, "<div class=\"conflict\"><p class=\"stmt\">");
        S_esc(&b, cf->statement);
        buf_puts(&b, "</p><div class=\"values\">");
        for (size_t k = 0; k < cf->nvalues; k++) {
            buf_puts(&b, "<div class=\"value\"><strong>");
            S_esc(&b, cf->values[k].value);
            buf_puts(&b, "</strong><small>sources ");
            S_plain_sources(&b, cf->values[k].sources);
            buf_puts(&b, "</small></div>");
        }
        buf_puts(&b, "</div></div>\n");
    }
    buf_puts(&b, "</section>\n");

    /* Quotes grouped by speaker, speakers in order of how often they are quoted. */
    buf_puts(&b, "<section id=\"quotes\"><h2>Who said what</h2><p class=\"hint\">Direct quotations, "
                 "merged across articles when the wording differs slightly.</p>\n");
    if (!an->nquotes)
        buf_puts(&b, "<p class=\"empty\">No direct quotations found.</p>");
    {
        size_t ne = an->nentities;
        size_t *count = xcalloc(ne + 1, sizeof *count);
        for (size_t i = 0; i < an->nquotes; i++)
            count[an->quotes[i].entity >= 0 ? (size_t)an->quotes[i].entity : ne]++;
        uint8_t *done = xcalloc(ne + 1, 1);
        for (;;) {
            size_t best = SIZE_MAX;
            for (size_t e = 0; e < ne; e++)
                if (!done[e] && count[e] && (best == SIZE_MAX || count[e] > count[best]))
                    best = e;
            if (best == SIZE_MAX) {
                if (done[ne] || !count[ne])
                    break;
                best = ne;
            }
            done[best] = 1;
            buf_puts(&b, "<div class=\"speaker\"><h3>");
            S_esc(&b, best < ne ? an->entities[best].name : "Unattributed");
            buf_puts(&b, "</h3>");
            for (size_t i = 0; i < an->nquotes; i++) {
                const quote *q = &an->quotes[i];
                size_t e = q->entity >= 0 ? (size_t)q->entity : ne;
                if (e != best)
                    continue;
                buf_puts(&b, "<blockquote>“");
                S_esc(&b, q->text);
                buf_puts(&b, "”<small>sources ");
                S_plain_sources(&b, q->sources);
                buf_puts(&b, "</small></blockquote>");
            }
            buf_puts(&b, "</div>\n");
        }
        free(done);
        free(count);
    }
    buf_puts(&b, "</section>\n");

    /* Timeline. */
    buf_puts(&b, "<section id=\"timeline\"><h2>Timeline</h2><p class=\"hint\">Dates in the articles "
                 "resolved against each article's publication date");
    int any_inferred = 0;
    for (size_t d = 0; d < ndocs; d++)
        any_inferred |= an->doc_day_inferred[d];
    if (any_inferred)
        buf_puts(&b, "; “inferred” marks dates resolved against a publication date guessed from "
                     "the other articles");
    buf_puts(&b, ".</p>\n");
    if (!an->nevents)
        buf_puts(&b, "<p class=\"empty\">No dated events found.</p>");
    else
        buf_puts(&b, "<ol class=\"timeline\">");
    for (size_t i = 0; i < an->nevents; i++) {
        const timeline_event *ev = &an->events[i];
        buf_puts(&b, "<li>");
        S_day(&b, ev);
        S_esc(&b, ev->text);
        buf_puts(&b, " <small class=\"src-meta\">(");
        S_plain_sources(&b, ev->sources);
        buf_puts(&b, ")</small>");
        if (ev->inferred)
            buf_puts(&b, "<span class=\"tag inferred\">inferred</span>");
        buf_puts(&b, "</li>\n");
    }
    if (an->nevents)
        buf_puts(&b, "</ol>");
    buf_puts(&b, "</section>\n");

    /* Sources with copy relations. */
    buf_puts(&b, "<section id=\"sources\"><h2>Sources</h2><p class=\"hint\">Copies (syndicated, "
                 "excerpted or reworded) repeat another source and do not count as independent "
                 "confirmation.</p>\n<ol class=\"sources\">");
    for (size_t d = 0; d < ndocs; d++) {
        const document *doc = &c->docs.items[d];
        buf_printf(&b, "<li id=\"src-%zu\"><span class=\"src-title\">", d + 1);
        S_esc(&b, doc->title && *doc->title ? doc->title : doc->id);
        buf_puts(&b, "</span>");
        /* Copy relations come from the summary's dedup data when present. */
        if (sum->doc_copy_of && sum->doc_copy_of[d] != UINT32_MAX) {
            buf_printf(&b, "<span class=\"tag copy\">%s [%u]</span>",
                       S_copy_kind(sum->doc_relation ? sum->doc_relation[d] : DEDUP_DUPLICATE),
                       sum->doc_copy_of[d] + 1);
        } else if (sum->doc_copy_of) {
            buf_puts(&b, "<span class=\"tag indep\">independent</span>");
        } else {
            buf_puts(&b, "<span class=\"tag\" data-copy-relations=\"pending\">copy relations not "
                         "computed</span>");
        }
        buf_puts(&b, "<div class=\"src-meta\">");
        S_esc(&b, S_doc_name(doc));
        if (an->doc_day[d] != INT32_MIN) {
            char day[16];
            analysis_format_day(an->doc_day[d], day);
            buf_printf(&b, " · %s", day);
            if (an->doc_day_inferred[d])
                buf_puts(&b, " <span class=\"tag inferred\">date inferred</span>");
        }
        if (doc->url) {
            buf_puts(&b, " · <a href=\"");
            S_esc(&b, doc->url);
            buf_puts(&b, "\" rel=\"noreferrer noopener\">");
            S_esc(&b, doc->url);
            buf_puts(&b, "</a>");
        }
        buf_puts(&b, "</div></li>\n");
    }
    buf_puts(&b, "</ol></section>\n");

    /* Entities. */
    buf_puts(&b, "<section id=\"entities\"><h2>Names in the coverage</h2><p class=\"hint\">People, "
                 "organizations and places; spellings that differ between sources are merged "
                 "(hover for the variants).</p><div class=\"ents\">");
    size_t shown = 0;
    for (size_t i = 0; i < an->nentities && shown < 60; i++) {
        const entity *e = &an->entities[i];
        if (e->type == ENTITY_OTHER)
            continue;
        shown++;
        buf_printf(&b, "<span class=\"ent %s\" title=\"", entity_type_name(e->type));
        for (size_t k = 0; k < e->nvariants; k++) {
            if (k)
                buf_puts(&b, " / ");
            S_esc(&b, e->variants[k]);
        }
        buf_puts(&b, "\">");
        S_esc(&b, e->name);
        buf_printf(&b, " <small>%zu</small></span>", e->sources.n);
    }
    if (!shown)
        buf_puts(&b, "<p class=\"empty\">No names found.</p>");
    buf_puts(&b, "</div></section>\n</main>\n<footer>Generated by chorus ");
    S_esc(&b, chorus_version());
    buf_puts(&b, " from the articles listed above. Statements are quoted from the sources; "
                 "nothing here is written by a model.</footer>\n<script>");
    buf_puts(&b, S_js);
    buf_puts(&b, "</script>\n</body>\n</html>\n");
    arena_free(&tmp);
    return buf_detach(&b);
}
