/* libFuzzer target for the input readers: chorus_corpus_add_text on every input format,
 * then a summary of what was read, rendered as TEXT and JSON.
 *
 * Input layout: byte 0 picks the format (mod 6: auto, header, text, jsonl, sgml, html),
 * byte 1 the strict flag (low bit), the rest is the article data. See fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "chorus.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    chorus_options opts;
    chorus_options_init(&opts);
    opts.input_format = (chorus_input_format)(data[0] % 6);
    opts.strict = data[1] & 1;
    chorus_corpus *corpus = chorus_corpus_new(&opts);
    chorus_error err;
    /* A failed add may still leave earlier articles; summarize whatever is there. */
    (void)chorus_corpus_add_text(corpus, "fuzz.txt", (const char *)data + 2, size - 2, &err);
    chorus_summary_options sopts;
    chorus_summary_options_init(&sopts);
    sopts.words = 50;
    chorus_summary *summary = chorus_summarize(corpus, &sopts, &err);
    if (summary) {
        free(chorus_summary_render(summary, CHORUS_FORMAT_TEXT));
        free(chorus_summary_render(summary, CHORUS_FORMAT_JSON));
        chorus_summary_free(summary);
    }
    chorus_corpus_free(corpus);
    return 0;
}
