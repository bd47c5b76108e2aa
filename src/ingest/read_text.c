/* read_text: free text. The first non-empty line is the title; the rest is the body.
 *
 * Paragraphs are separated by blank lines and may be indented or hard-wrapped. Wrapped lines
 * are rejoined with a space, except after a line that ends a sentence or a lone short line
 * without punctuation (a section heading): see ingest_paras_text_line in readers.h. */
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "ingest/readers.h"

chorus_code ingest_read_text(ingest_file *f, chorus_error *err)
{
    size_t pos = 0, n = 0;
    const char *line = NULL;
    while (ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        line = ingest_trim(line, &n);
        if (n)
            break;
    }
    char *title = n ? xstrndup(line, n) : NULL;

    ingest_paras body = INGEST_PARAS_INIT;
    ingest_paras_text(&body, f->data + pos, f->len - pos);

    chorus_code rc;
    if (!body.out.len) {
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no body text", f->name);
    } else {
        raw_article a = {.title = title, .body = body.out.data, .body_len = body.out.len};
        rc = ingest_emit(f, &a, err);
    }
    ingest_paras_free(&body);
    free(title);
    return rc;
}
