/* chorus report: articles in, one self-contained HTML briefing out (src/render/html.c). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyze/analyze.h"
#include "chorus.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/io.h"
#include "render/html.h"

static const char USAGE[] =
    "usage: chorus report [options] PATH... -o report.html\n"
    "\n"
    "Writes one self-contained HTML page (no network, no external files) about the articles at\n"
    "each PATH: the summary with citations, the sources and their copies, how many sources\n"
    "agree, conflicting numbers, quotes by speaker, and a timeline.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE      the HTML file to write (atomically); - for standard output\n"
    "  -w, --words N          summary length in words (default 100)\n"
    "  -i, --input-format F   auto (default), header, text, jsonl, sgml, html\n"
    "      --strict           invalid UTF-8 is an error instead of a warning\n"
    "  -q, --quiet            no warnings\n"
    "  -h, --help             this help\n";

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"words", required_argument, NULL, 'w'},
        {"input-format", required_argument, NULL, 'i'},
        {"strict", no_argument, NULL, 'S'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "report";
    chorus_options opts;
    chorus_options_init(&opts);
    chorus_summary_options so;
    chorus_summary_options_init(&so);
    const char *output = NULL;
    int quiet = 0;

    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "o:w:i:qh", longopts, NULL)) != -1) {
        int shared = cli_input_option(cmd, ch, optarg, &opts, &quiet);
        if (shared < 0)
            return EXIT_USAGE;
        if (shared > 0)
            continue;
        switch (ch) {
        case 'o':
            output = optarg;
            break;
        case 'w':
            if (cli_parse_size(cmd, "--words", optarg, &so.words))
                return EXIT_USAGE;
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
    if (!output) {
        cli_error(cmd, "no output file: give -o report.html (or -o - for standard output)");
        return EXIT_USAGE;
    }

    chorus_corpus *corpus = cli_read_corpus(cmd, &opts, &quiet, argv + optind, argc - optind);
    if (!corpus)
        return EXIT_ERROR;
    chorus_error err = {0};
    int status = EXIT_OK;
    chorus_summary *sum = chorus_summarize(corpus, &so, &err);
    if (!sum) {
        cli_error(cmd, "%s", err.message);
        status = EXIT_ERROR;
    } else {
        signatures sig;
        signatures_build(corpus, &sig);
        analysis *an = analysis_build(corpus, &sig);
        char *html = html_report(sum, an, &sig);
        status = cli_write(cmd, output, html);
        free(html);
        analysis_free(an);
        signatures_free(&sig);
    }
    chorus_summary_free(sum);
    chorus_corpus_free(corpus);
    return status;
}
