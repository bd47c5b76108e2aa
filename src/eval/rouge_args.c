/* rouge_args: the ROUGE-1.5.5 command line.
 *
 * The script reads its options with Getopt::Std's getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')
 * (L260) and then checks them (L262-L399). Both are reproduced: bundled flags ("-amx"),
 * attached or separate values ("-n4", "-n 4"), "--" ends the options, the first non-option
 * argument ends them too; an unknown option is reported ("Unknown option: q") and skipped, as
 * getopts does (the script ignores getopts' failure).
 */
#include "eval/rouge.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const char S_usage[] =
    "usage: chorus rouge [-a (evaluate all systems)] [-c cf] [-d (print per evaluation scores)]\n"
    "         [-e ROUGE_EVAL_HOME (accepted, ignored: the data tables are compiled in)]\n"
    "         [-h (usage)] [-b n-bytes|-l n-words] [-m (use Porter stemmer)] [-M (stem models "
    "only)]\n"
    "         [-n max-ngram] [-s (remove stopwords)] [-r number-of-samples (for resampling)]\n"
    "         [-2 max-gap-length (if < 0 then no gap length limit)]\n"
    "         [-3 <H|HM|HMR|HM1|HMR1|HMR2> (for scoring based on BE)]\n"
    "         [-u (include unigram in skip-bigram) default no)]\n"
    "         [-U (same as -u but also compute regular skip-bigram)]\n"
    "         [-w weight (weighting factor for WLCS)] [-v (verbose)] [-x (do not calculate "
    "ROUGE-L)]\n"
    "         [-f A|B (scoring formula)] [-p alpha (0 <= alpha <=1)]\n"
    "         [-t 0|1|2 (count by token instead of sentence)] [-z <SEE|SPL|ISI|SIMPLE>]\n"
    "         [--format text|json]\n"
    "         <ROUGE-eval-config-file> [<systemID>]\n"
    "Computes ROUGE scores exactly as ROUGE-1.5.5.pl does; see docs/rouge.md.";

void rouge_options_init(rouge_options *o)
{
    memset(o, 0, sizeof *o);
    o->f_str = "A";
    o->alpha = 0.5;
    o->c_str = "95";
    o->c = 95;
    o->r = 1000;
}

double rouge_perl_num(const char *s)
{
    if (!s)
        return 0;
    while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
        s++;
    /* The longest prefix that is a decimal number; strtod alone would also take hex ("0x1f"),
     * which Perl does not. */
    const char *p = s;
    if (*p == '+' || *p == '-')
        p++;
    size_t digits = 0;
    while (isdigit((unsigned char)*p))
        p++, digits++;
    if (*p == '.') {
        p++;
        while (isdigit((unsigned char)*p))
            p++, digits++;
    }
    if (digits == 0) /* (Perl's "Inf"/"NaN" spellings are not worth supporting here) */
        return 0;
    if (*p == 'e' || *p == 'E') {
        const char *q = p + 1;
        if (*q == '+' || *q == '-')
            q++;
        if (isdigit((unsigned char)*q)) {
            while (isdigit((unsigned char)*q))
                q++;
            p = q;
        }
    }
    size_t len = (size_t)(p - s);
    char tmp[64];
    if (len >= sizeof tmp)
        len = sizeof tmp - 1;
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    return strtod(tmp, NULL);
}

/* Options that take a value, from the getopts string 'ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:'. */
static int S_takes_value(char ch)
{
    return ch && strchr("bcefnlptr23wz", ch);
}
static int S_is_flag(char ch)
{
    return ch && strchr("ahHdmMsuUvx", ch);
}

static void S_set_value(rouge_options *o, char ch, const char *v)
{
    switch (ch) {
    case 'b':
        o->byte_limit = rouge_perl_num(v), o->b_given = 1;
        break;
    case 'l':
        o->word_limit = rouge_perl_num(v), o->l_given = 1;
        break;
    case 'c':
        o->c_str = v, o->c = rouge_perl_num(v), o->c_given = 1;
        break;
    case 'e':
        break; /* ROUGE_EVAL_HOME: the tables are compiled in */
    case 'f':
        o->f_str = v;
        break;
    case 'n':
        o->has_n = 1, o->n_max = rouge_perl_num(v);
        break;
    case 'p':
        o->alpha = rouge_perl_num(v), o->p_given = 1;
        break;
    case 't':
        o->t_str = v;
        break;
    case 'r':
        o->r = rouge_perl_num(v);
        break;
    case '2':
        o->gap_str = v, o->gap = rouge_perl_num(v);
        break;
    case '3':
        o->be_mode = v;
        break;
    case 'w':
        o->w_str = v, o->w = rouge_perl_num(v);
        break;
    case 'z':
        o->z_format = v;
        break;
    default:
        break;
    }
}

static void S_set_flag(rouge_options *o, char ch)
{
    switch (ch) {
    case 'a':
        o->a = 1;
        break;
    case 'h':
        o->help = 1;
        break;
    case 'H':
        o->help = 2;
        break;
    case 'd':
        o->d = 1;
        break;
    case 'm':
        o->m = 1;
        break;
    case 'M':
        o->M = 1;
        break;
    case 's':
        o->s = 1;
        break;
    case 'u':
        o->u = 1;
        break;
    case 'U':
        o->U = 1;
        break;
    case 'v':
        o->v = 1;
        break;
    case 'x':
        o->no_lcs = 1;
        break;
    default:
        break;
    }
}

const char *rouge_usage(void)
{
    return S_usage;
}

int rouge_parse_args(int argc, char **argv, rouge_options *o, buf *warnings, buf *msg)
{
    rouge_options_init(o);
    /* Pull out the chorus extension --format first, wherever it is. */
    char **args = malloc((size_t)(argc > 0 ? argc : 1) * sizeof *args);
    if (!args)
        abort();
    int nargs = 0;
    for (int i = 1; i < argc; i++) {
        const char *fmt = NULL;
        if (strcmp(argv[i], "--format") == 0) {
            if (i + 1 >= argc) {
                buf_puts(msg, "--format needs a value: text or json");
                free(args);
                return 2;
            }
            fmt = argv[++i];
        } else if (strncmp(argv[i], "--format=", 9) == 0) {
            fmt = argv[i] + 9;
        } else if (strcmp(argv[i], "--help") == 0) {
            o->help = 1;
            continue;
        } else {
            args[nargs++] = argv[i];
            continue;
        }
        if (strcmp(fmt, "json") == 0) {
            o->json = 1;
        } else if (strcmp(fmt, "text") == 0) {
            o->json = 0;
        } else {
            buf_printf(msg, "--format must be text or json, not '%s'", fmt);
            free(args);
            return 2;
        }
    }

    /* Getopt::Std::getopts. */
    int i = 0, missing_value = 0;
    while (i < nargs) {
        const char *a = args[i];
        if (a[0] != '-' || a[1] == '\0')
            break;
        if (strcmp(a, "--") == 0) {
            i++;
            break;
        }
        const char *p = a + 1;
        int stop = 0;
        for (;;) {
            char ch = *p;
            const char *rest = p + 1;
            if (S_takes_value(ch)) {
                i++;
                if (*rest) {
                    S_set_value(o, ch, rest);
                } else if (i < nargs) {
                    S_set_value(o, ch, args[i++]);
                } else {
                    missing_value = 1; /* $opt_X = undef: as if not given */
                }
                break;
            }
            if (S_is_flag(ch)) {
                S_set_flag(o, ch);
            } else {
                buf_printf(warnings, "Unknown option: %c\n", ch);
            }
            if (*rest == '\0') {
                i++;
                break;
            }
            if (strcmp(rest, "-") == 0) { /* "-$rest" is now "--": getopts stops there */
                i++;
                stop = 1;
                break;
            }
            p = rest;
        }
        if (stop)
            break;
    }
    (void)missing_value;
    char **pos = args + i;
    int npos = nargs - i;

    /* The script's checks, in its order (L262-L399). */
    if (o->help) {
        free(args);
        return 0;
    }
    if (npos == 0) {
        buf_puts(msg, "Please specify the ROUGE configuration file or use option '-h' for help");
        free(args);
        return 2;
    }
    o->config_path = pos[0];
    if (npos == 1 && o->z_format) {
        o->system_id = "X";
    } else if (npos == 1 && !o->a) {
        buf_puts(msg, "Please specify a system ID to evaluate or use option '-a' to evaluate all "
                      "systems. For more information, use option '-h'.");
        free(args);
        return 2;
    } else if (npos >= 2) {
        o->system_id = pos[1];
    }
    int rc = 0;
    if (o->l_given && o->b_given) {
        buf_puts(msg, "Please specify length limit in words or bytes but not both.");
        rc = 2;
    } else if (o->c_given && (o->c < 0 || o->c > 100)) {
        buf_puts(msg, "Confidence interval should be within 0 and 100. Use option -h for more "
                      "details.");
        rc = 2;
    } else if (o->w_str && !(o->w > 0)) {
        buf_puts(msg, "ROUGE-W weight factor must greater than 0.");
        rc = 2;
    } else if (!(o->r > 0)) {
        /* The script would die later with "Illegal division by zero". */
        buf_puts(msg, "The number of resamples (-r) must be greater than 0.");
        rc = 2;
    } else if (o->p_given && (o->alpha < 0 || o->alpha > 1)) {
        buf_puts(msg, "Relative importance of ROUGE recall and precision has to be between 0 "
                      "and 1 inclusively.");
        rc = 2;
    }
    /* -l/-b: whichever is given is the limit, the other is 0 (L308-L320). */
    if (o->l_given)
        o->byte_limit = 0;
    else if (o->b_given)
        o->word_limit = 0;
    /* -t: 0 and anything but 1 or 2 mean unit averaging (L371-L381). */
    if (o->t_str) {
        double t = rouge_perl_num(o->t_str);
        o->t = t == 1 ? 1 : t == 2 ? 2 : 0;
    }
    if (o->z_format) /* -z evaluates one system; -a is dropped (L383-L388) */
        o->a = 0;
    free(args);
    return rc;
}
