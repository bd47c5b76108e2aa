/* chorus clean: the articles as the summarizer sees them, and (--explain) what was removed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "clean/clean.h"
#include "core/buf.h"
#include "core/io.h"
#include "corpus/corpus.h"

static const char USAGE[] =
    "usage: chorus clean [options] PATH...\n"
    "\n"
    "Prints every article found at each PATH after boilerplate removal: sign-up and comment\n"
    "forms, link teasers, captions, credits, section headings, headlines of other stories,\n"
    "and lines a source repeats in many of its articles. Datelines are shown as metadata.\n"
    "\n"
    "  -e, --explain          also list each removed line with its reason\n"
    "  -i, --input-format F   auto (default), header, text, jsonl, sgml, html\n"
    "      --strict           invalid UTF-8 is an error instead of a warning\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
    "  -q, --quiet            no warnings\n"
    "  -h, --help             this help\n";

static void S_render(const chorus_corpus *c, int explain, buf *b)
{
    size_t r = 0;
    for (size_t di = 0; di < c->docs.len; di++) {
        const document *d = &c->docs.items[di];
        buf_printf(b, "# [%zu] %s\n", di + 1, d->title && *d->title ? d->title : d->id);
        buf_printf(b, "# path: %s\n", d->origin);
        if (d->source)
            buf_printf(b, "# source: %s\n", d->source);
        if (d->date)
            buf_printf(b, "# date: %s\n", d->date);
        if (d->url)
            buf_printf(b, "# url: %s\n", d->url);
        if (d->dateline)
            buf_printf(b, "# dateline: %s\n", d->dateline);
        buf_putc(b, '\n');
        buf_append(b, d->text, d->text_len);
        while (r < c->removed.len && c->removed.items[r].doc < di)
            r++;
        if (explain) {
            size_t n = 0;
            for (size_t k = r; k < c->removed.len && c->removed.items[k].doc == di; k++)
                n++;
            buf_printf(b, "\n# removed: %zu\n", n);
            for (; r < c->removed.len && c->removed.items[r].doc == di; r++)
                buf_printf(b, "- %s: %s\n", clean_reason_name(c->removed.items[r].reason),
                           c->removed.items[r].text);
        }
        buf_putc(b, '\n');
    }
}

int cmd_clean(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"explain", no_argument, NULL, 'e'},
        {"input-format", required_argument, NULL, 'i'},
        {"strict", no_argument, NULL, 'S'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "clean";
    chorus_options opts;
    chorus_options_init(&opts);
    int explain = 0, quiet = 0;
    const char *output = "-";
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "ei:o:qh", longopts, NULL)) != -1) {
        int shared = cli_input_option(cmd, ch, optarg, &opts, &quiet);
        if (shared < 0)
            return EXIT_USAGE;
        if (shared > 0)
            continue;
        switch (ch) {
        case 'e':
            explain = 1;
            break;
        case 'o':
            output = optarg;
            break;
        case 'h':
            fputs(USAGE, stdout);
            return EXIT_OK;
        default:
            fputs(USAGE, stderr);
            return EXIT_USAGE;
        }
    }
    if (cli_need_input(cmd, optind, argc, USAGE))
        return EXIT_USAGE;
    chorus_corpus *corpus = cli_read_corpus(cmd, &opts, &quiet, argv + optind, argc - optind);
    if (!corpus)
        return EXIT_ERROR;
    clean_repeated(corpus);
    buf b = BUF_INIT;
    S_render(corpus, explain, &b);
    int status = cli_write(cmd, output, b.data ? b.data : "");
    buf_free(&b);
    chorus_corpus_free(corpus);
    return status;
}
