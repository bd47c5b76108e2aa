/* libFuzzer target for the ROUGE XML evaluation config parser (src/eval/rouge_config.c):
 * rouge_config_parse_xml on the whole input. See fuzz/README.md. */
#include <stddef.h>
#include <stdint.h>

#include "eval/rouge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rouge_config cfg;
    chorus_error err;
    if (rouge_config_parse_xml(&cfg, "fuzz.xml", (const char *)data, size, &err) == CHORUS_OK)
        rouge_config_free(&cfg);
    return 0;
}
