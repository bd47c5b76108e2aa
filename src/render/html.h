/* html: the reader-facing report of `chorus report` — one self-contained HTML file (inline CSS
 * and JS, no network, no external assets) with the summary and its citations, the sources and
 * their copy relations, agreement, conflicts, quotes by speaker and the timeline. */
#ifndef CHORUS_RENDER_HTML_H
#define CHORUS_RENDER_HTML_H

#include "analyze/analyze.h"
#include "dedup/similar.h"

/* The report as a new NUL-terminated string (free() it). sig and an belong to sum's corpus. */
char *html_report(const chorus_summary *sum, const analysis *an, const signatures *sig);

#endif
