/* chorus: the command-line front end. Dispatches to one subcommand per job. */
#include <stdio.h>
#include <string.h>

#include "chorus.h"
#include "cli/commands.h"

static const char USAGE[] =
    "usage: chorus <command> [options] [arguments]\n"
    "\n"
    "commands:\n"
    "  summarize PATH...   summarize articles into an attributed multi-document summary\n"
    "  clean PATH...       print the articles without boilerplate (--explain: what went, why)\n"
    "  dedup PATH...       find copies, excerpts and paraphrases among articles\n"
    "  report PATH... -o FILE\n"
    "                      write a self-contained HTML briefing: summary with citations,\n"
    "                      agreement, conflicts, quotes by speaker, timeline\n"
    "  rouge [options] CONFIG [SYSTEM]\n"
    "                      score summaries exactly as ROUGE-1.5.5 does\n"
    "\n"
    "  chorus <command> --help   options of a command\n"
    "  chorus --version          print the version\n"
    "\n"
    "Exit status: 0 success, 1 error (bad input, I/O), 2 usage error.\n";

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(USAGE, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(USAGE, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("chorus %s\n", chorus_version());
        return EXIT_OK;
    }
    if (strcmp(cmd, "summarize") == 0)
        return cmd_summarize(argc - 1, argv + 1);
    if (strcmp(cmd, "clean") == 0)
        return cmd_clean(argc - 1, argv + 1);
    if (strcmp(cmd, "dedup") == 0)
        return cmd_dedup(argc - 1, argv + 1);
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    if (strcmp(cmd, "rouge") == 0)
        return cmd_rouge(argc - 1, argv + 1);
    fprintf(stderr, "chorus: unknown command '%s'\n\n%s", cmd, USAGE);
    return EXIT_USAGE;
}
