#include "cli/cli.h"

#include "cli/commands.h"
#include "core/io.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "chorus %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int cli_parse_size(const char *cmd, const char *opt, const char *arg, size_t *out)
{
    char *end;
    errno = 0;
    if (arg[0] < '0' || arg[0] > '9') {
        cli_error(cmd, "%s needs a positive whole number, not '%s'", opt, arg);
        return -1;
    }
    unsigned long long v = strtoull(arg, &end, 10);
    if (errno || *end || v == 0 || v > (unsigned long long)1 << 31) {
        cli_error(cmd, "%s needs a positive whole number up to 2147483648, not '%s'", opt, arg);
        return -1;
    }
    *out = (size_t)v;
    return 0;
}

int cli_parse_input_format(const char *cmd, const char *arg, chorus_input_format *out)
{
    static const struct {
        const char *name;
        chorus_input_format fmt;
    } names[] = {{"auto", CHORUS_INPUT_AUTO},   {"header", CHORUS_INPUT_HEADER},
                 {"text", CHORUS_INPUT_TEXT},   {"jsonl", CHORUS_INPUT_JSONL},
                 {"sgml", CHORUS_INPUT_SGML},   {"html", CHORUS_INPUT_HTML}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcmp(arg, names[i].name) == 0) {
            *out = names[i].fmt;
            return 0;
        }
    cli_error(cmd, "unknown input format '%s' (auto, header, text, jsonl, sgml, html)", arg);
    return -1;
}

int cli_input_option(const char *cmd, int ch, const char *arg, chorus_options *opts, int *quiet)
{
    switch (ch) {
    case 'i':
        return cli_parse_input_format(cmd, arg, &opts->input_format) ? -1 : 1;
    case 'S': /* --strict has no short form */
        opts->strict = 1;
        return 1;
    case 'q':
        *quiet = 1;
        return 1;
    default:
        return 0;
    }
}

void cli_warn(void *userdata, const char *message)
{
    if (userdata && *(const int *)userdata)
        return; /* --quiet */
    fprintf(stderr, "chorus: warning: %s\n", message);
}

int cli_need_input(const char *cmd, int optind, int argc, const char *usage)
{
    if (optind < argc)
        return 0;
    cli_error(cmd, "no input: give one or more files or directories, or - for stdin");
    fputs(usage, stderr);
    return -1;
}

chorus_corpus *cli_read_corpus(const char *cmd, chorus_options *opts, int *quiet,
                               char *const *paths, int npaths)
{
    opts->warn = cli_warn;
    opts->warn_userdata = quiet;
    chorus_corpus *corpus = chorus_corpus_new(opts);
    chorus_error err = {0};
    for (int i = 0; i < npaths; i++)
        if (chorus_corpus_add_path(corpus, paths[i], &err) != CHORUS_OK) {
            cli_error(cmd, "%s", err.message);
            chorus_corpus_free(corpus);
            return NULL;
        }
    return corpus;
}

int cli_write(const char *cmd, const char *path, const char *text)
{
    chorus_error err = {0};
    if (io_write_atomic(path, text, strlen(text), &err) != CHORUS_OK) {
        cli_error(cmd, "%s", err.message);
        return EXIT_ERROR;
    }
    return EXIT_OK;
}
