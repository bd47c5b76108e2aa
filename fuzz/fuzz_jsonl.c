/* libFuzzer target for the JSON Lines reader (src/ingest/read_jsonl.c, a hand-written parser):
 * the whole input is read as JSONL through ingest_buffer, without building a corpus, so runs
 * are fast. Beyond crashes and sanitizer reports, it checks what the reader promises its sink:
 * every field valid UTF-8 without NUL bytes, single-line fields without line breaks or tabs,
 * and a body whose body_len is its length, with one non-empty paragraph a line. See fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "ingest/ingest.h"
#include "text/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void S_check(const char *s, int one_line)
{
    if (!s)
        return;
    size_t n = strlen(s);
    if (utf8_valid_prefix(s, n) != n)
        abort();
    if (one_line && strpbrk(s, "\n\r\t"))
        abort();
}

static chorus_code S_sink(void *ctx, const raw_article *a, chorus_error *err)
{
    (void)ctx, (void)err;
    if (!a->body || strlen(a->body) != a->body_len || a->body_len == 0)
        abort();
    S_check(a->body, 0);
    if (strchr(a->body, '\r') || strstr(a->body, "\n\n") || a->body[0] == '\n')
        abort(); /* paragraphs: one per line, none empty, no carriage return */
    S_check(a->title, 1);
    S_check(a->url, 1);
    S_check(a->source, 1);
    S_check(a->id, 1);
    S_check(a->date, 1);
    return CHORUS_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    chorus_options opts;
    chorus_options_init(&opts);
    opts.input_format = CHORUS_INPUT_JSONL;
    chorus_error err;
    (void)ingest_buffer("fuzz.jsonl", (const char *)data, size, &opts, S_sink, NULL, &err);
    return 0;
}
