/* read_header: the "header" format of the seed articles.
 *
 *     line 1  title
 *     line 2  date, YYYYMMDD or YYYY-MM-DD (ISO date-times accepted too)
 *     line 3  URL (may be empty)
 *     then    the body, one sentence or paragraph per line; blank lines are ignored
 *
 * Body lines are never joined: in this format each line is a unit by definition. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "ingest/readers.h"

chorus_code ingest_read_header(ingest_file *f, chorus_error *err)
{
    size_t pos = 0, n;
    const char *line;
    char *title = NULL, *url = NULL;
    char date[11];
    int have_date = 0;

    if (ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        line = ingest_trim(line, &n);
        if (n)
            title = xstrndup(line, n);
    }
    if (ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        have_date = ingest_parse_date(line, n, date);
        if (!have_date && (line = ingest_trim(line, &n), n))
            ingest_warn(f, "%s:2: not a date: \"%.*s\"", f->name, n > 40 ? 40 : (int)n, line);
    }
    if (ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        line = ingest_trim(line, &n);
        if (n)
            url = xstrndup(line, n);
    }

    ingest_paras body = INGEST_PARAS_INIT;
    while (ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        ingest_paras_break(&body);
        ingest_paras_add(&body, line, n);
    }

    chorus_code rc;
    if (!body.out.len) {
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no body text", f->name);
    } else {
        raw_article a = {
            .title = title,
            .date = have_date ? date : NULL,
            .url = url,
            .body = body.out.data,
            .body_len = body.out.len,
        };
        rc = ingest_emit(f, &a, err);
    }
    ingest_paras_free(&body);
    free(title);
    free(url);
    return rc;
}
