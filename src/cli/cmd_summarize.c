/* chorus summarize: articles in, an attributed summary out. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/io.h"

static const char USAGE[] =
    "usage: chorus summarize [options] PATH...\n"
    "\n"
    "Summarizes the articles found at each PATH (a file, a directory read recursively, or - for\n"
    "standard input) as one event. Every summary sentence cites the articles that carry it.\n"
    "\n"
    "budget (default: --words 100):\n"
    "  -w, --words N          at most N words (counted as ROUGE counts them)\n"
    "  -b, --bytes N          at most N bytes of summary text\n"
    "  -n, --sentences N      at most N sentences\n"
    "      --fill             cut one more sentence so the summary has exactly N words\n"
    "\n"
    "method:\n"
    "  -m, --method NAME      concept (default: bigram concept coverage, exact optimizer),\n"
    "                         submodular (Lin & Bilmes: coverage + diversity, greedy),\n"
    "                         centroid (MEAD: TF-IDF centroid + position),\n"
    "                         lexrank (Erkan & Radev: cosine graph centrality),\n"
    "                         lead (first sentences of the most recent article), or\n"
    "                         random (a baseline: candidates in a fixed pseudo-random order)\n"
    "\n"
    "input and output:\n"
    "  -i, --input-format F   auto (default), header, text, jsonl, sgml, html\n"
    "      --strict           invalid UTF-8 is an error instead of a warning\n"
    "  -f, --format F         text (default), lines, json, md (Markdown report with the\n"
    "                         cross-source analysis: conflicts, quotes, timeline, entities)\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
    "  -q, --quiet            no warnings\n"
    "  -h, --help             this help\n";

int cmd_summarize(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"words", required_argument, NULL, 'w'},
        {"bytes", required_argument, NULL, 'b'},
        {"sentences", required_argument, NULL, 'n'},
        {"fill", no_argument, NULL, 'F'},
        {"method", required_argument, NULL, 'm'},
        {"input-format", required_argument, NULL, 'i'},
        {"strict", no_argument, NULL, 'S'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "summarize";
    chorus_options opts;
    chorus_options_init(&opts);
    chorus_summary_options so;
    chorus_summary_options_init(&so);
    int words_given = 0, quiet = 0;
    chorus_output_format format = CHORUS_FORMAT_TEXT;
    const char *output = "-";

    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "w:b:n:m:i:f:o:qh", longopts, NULL)) != -1) {
        int shared = cli_input_option(cmd, ch, optarg, &opts, &quiet);
        if (shared < 0)
            return EXIT_USAGE;
        if (shared > 0)
            continue;
        switch (ch) {
        case 'w':
            if (cli_parse_size(cmd, "--words", optarg, &so.words))
                return EXIT_USAGE;
            words_given = 1;
            break;
        case 'b':
            if (cli_parse_size(cmd, "--bytes", optarg, &so.bytes))
                return EXIT_USAGE;
            break;
        case 'n':
            if (cli_parse_size(cmd, "--sentences", optarg, &so.sentences))
                return EXIT_USAGE;
            break;
        case 'F':
            so.fill = 1;
            break;
        case 'm':
            if (strcmp(optarg, "concept") == 0)
                so.method = CHORUS_METHOD_CONCEPT;
            else if (strcmp(optarg, "lead") == 0)
                so.method = CHORUS_METHOD_LEAD;
            else if (strcmp(optarg, "random") == 0)
                so.method = CHORUS_METHOD_RANDOM;
            else if (strcmp(optarg, "submodular") == 0)
                so.method = CHORUS_METHOD_SUBMODULAR;
            else if (strcmp(optarg, "centroid") == 0)
                so.method = CHORUS_METHOD_CENTROID;
            else if (strcmp(optarg, "lexrank") == 0)
                so.method = CHORUS_METHOD_LEXRANK;
            else {
                cli_error(cmd,
                          "unknown method '%s' (concept, submodular, centroid, lexrank, lead, "
                          "random)",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                format = CHORUS_FORMAT_TEXT;
            else if (strcmp(optarg, "lines") == 0)
                format = CHORUS_FORMAT_LINES;
            else if (strcmp(optarg, "json") == 0)
                format = CHORUS_FORMAT_JSON;
            else if (strcmp(optarg, "md") == 0)
                format = CHORUS_FORMAT_MD;
            else {
                cli_error(cmd, "unknown format '%s' (text, lines, json, md)", optarg);
                return EXIT_USAGE;
            }
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
    /* A byte or sentence budget alone replaces the default word budget. */
    if (!words_given && (so.bytes || so.sentences))
        so.words = 0;
    if (so.fill && !so.words) {
        cli_error(cmd, "--fill needs a word budget (--words N)");
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
        char *out = chorus_summary_render(sum, format);
        status = cli_write(cmd, output, out);
        free(out);
    }
    chorus_summary_free(sum);
    chorus_corpus_free(corpus);
    return status;
}
