/* cli: helpers shared by the subcommands (number and enum parsing, messages). */
#ifndef CHORUS_CLI_CLI_H
#define CHORUS_CLI_CLI_H

#include <stddef.h>

#include "chorus.h"

/* Prints "chorus CMD: MESSAGE" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Parses a positive decimal integer; 0 on success, -1 (with a message) otherwise. */
int cli_parse_size(const char *cmd, const char *opt, const char *arg, size_t *out);

/* The input options every subcommand shares: -i/--input-format F, --strict, -q/--quiet. Call it
 * with each option getopt_long returns: 1 when ch was one of them (and is now applied), 0 when
 * it is the command's own, -1 on a bad value (a message was printed: exit with EXIT_USAGE). */
int cli_input_option(const char *cmd, int ch, const char *arg, chorus_options *opts, int *quiet);

/* Parses an --input-format name; -1 (with a message) when unknown. */
int cli_parse_input_format(const char *cmd, const char *arg, chorus_input_format *out);

/* Checks that positional arguments (input paths) follow the options; prints the usage and
 * returns -1 when there are none. */
int cli_need_input(const char *cmd, int optind, int argc, const char *usage);

/* A new corpus holding every article at paths[0..npaths). Warnings go to stderr unless *quiet.
 * On an input error prints it and returns NULL. */
chorus_corpus *cli_read_corpus(const char *cmd, chorus_options *opts, int *quiet,
                               char *const *paths, int npaths);

/* Writes text to path ("-" = stdout) atomically; prints the error. Returns an exit status. */
int cli_write(const char *cmd, const char *path, const char *text);

/* The warning callback the CLI gives the library: "chorus: warning: MESSAGE" on stderr. */
void cli_warn(void *userdata, const char *message);

#endif
