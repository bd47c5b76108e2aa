/* chorus rouge: ROUGE-1.5.5, re-implemented (src/eval/rouge.h, docs/rouge.md).
 *
 * Takes the Perl script's own command line, `chorus rouge [options] config [systemID]`, and
 * prints the same stdout and stderr, plus `--format json`. The script's option syntax is
 * Getopt::Std's, not getopt_long's, so the parsing lives in rouge_parse_args. */
#include <stdio.h>

#include "cli/commands.h"
#include "core/buf.h"
#include "eval/rouge.h"

static void S_warn(void *ud, const char *line)
{
    (void)ud;
    /* The script's stderr is unbuffered: each warning goes out as it happens. */
    fputs(line, stderr);
    fputc('\n', stderr);
}

int cmd_rouge(int argc, char **argv)
{
    buf out = BUF_INIT, errmsg = BUF_INIT;
    int rc = rouge_main(argc, argv, &out, S_warn, NULL, &errmsg);
    if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len)
        rc = EXIT_ERROR;
    if (fflush(stdout) != 0) {
        fputs("chorus rouge: <stdout>: write error\n", stderr);
        rc = EXIT_ERROR;
    }
    if (errmsg.len)
        fputs(errmsg.data, stderr);
    buf_free(&out);
    buf_free(&errmsg);
    return rc == 0 ? EXIT_OK : rc == 2 ? EXIT_USAGE : EXIT_ERROR;
}
