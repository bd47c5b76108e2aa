/* commands: the `chorus` subcommands. Each parses its own options (getopt_long) and returns the
 * process exit status: EXIT_OK, EXIT_ERROR (bad input, I/O) or EXIT_USAGE (bad command line).
 * Errors are printed as one line on stderr, "chorus <cmd>: <file>: <what>". */
#ifndef CHORUS_CLI_COMMANDS_H
#define CHORUS_CLI_COMMANDS_H

enum { EXIT_OK = 0, EXIT_ERROR = 1, EXIT_USAGE = 2 };

int cmd_summarize(int argc, char **argv);
int cmd_rouge(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_dedup(int argc, char **argv);
int cmd_report(int argc, char **argv);

#endif
