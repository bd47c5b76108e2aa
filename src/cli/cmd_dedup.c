/* chorus dedup: which articles copy which (duplicate, contained, paraphrase), and which
 * sentences say the same thing across articles. */
#include <getopt.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chorus.h"
#include "clean/clean.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "core/buf.h"
#include "core/io.h"
#include "ingest/ingest.h"
#include <sys/stat.h>
#include "corpus/corpus.h"
#include "dedup/dedup.h"

static const char USAGE[] =
    "usage: chorus dedup [options] PATH...\n"
    "\n"
    "Compares the articles found at each PATH and reports pairs that are the same text\n"
    "(duplicate), an excerpt of another in any order (contained: a is inside b), or the same\n"
    "content reworded (paraphrase: translation, synonym spinning), then the groups of\n"
    "sentences that say the same thing in several articles.\n"
    "\n"
    "  -f, --format F         text (default), json, or pairs (one relation a line:\n"
    "                         RELATION<TAB>ID_A<TAB>ID_B<TAB>SCORE, for large inputs)\n"
    "      --stream           bounded memory: read articles in batches and keep only\n"
    "                         sketches and stem ids (default for inputs over 64 MB);\n"
    "                         no sentence groups, boilerplate removed per batch\n"
    "  -i, --input-format F   auto (default), header, text, jsonl, sgml, html\n"
    "      --strict           invalid UTF-8 is an error instead of a warning\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
    "  -q, --quiet            no warnings\n"
    "  -h, --help             this help\n";

/* The documents a result is about: a corpus (in memory, with sentence groups) or a streaming
 * index (which keeps each document's names, not its text). */
typedef struct doc_list {
    const chorus_corpus *c;
    const dedup_index *ix;
} doc_list;

static size_t S_count(const doc_list *l)
{
    return l->c ? l->c->docs.len : dedup_index_count(l->ix);
}

static dedup_doc_meta S_meta(const doc_list *l, uint32_t d)
{
    if (!l->c)
        return *dedup_index_meta(l->ix, d);
    const document *doc = &l->c->docs.items[d];
    return (dedup_doc_meta){doc->origin, doc->id, doc->title, doc->source};
}

static json_object *S_str_or_null(const char *s) { return s ? json_object_new_string(s) : NULL; }

static void S_render_json(const doc_list *l, const dedup_result *r, buf *b)
{
    json_object *root = json_object_new_object();
    json_object *docs = json_object_new_array();
    for (uint32_t d = 0; d < S_count(l); d++) {
        dedup_doc_meta m = S_meta(l, d);
        json_object *o = json_object_new_object();
        json_object_object_add(o, "id", json_object_new_int64((int64_t)d + 1));
        json_object_object_add(o, "path", json_object_new_string(m.origin));
        json_object_object_add(o, "title", S_str_or_null(m.title));
        json_object_object_add(o, "source", S_str_or_null(m.source));
        json_object_object_add(o, "group", json_object_new_int64((int64_t)r->group[d] + 1));
        json_object_array_add(docs, o);
    }
    json_object_object_add(root, "documents", docs);
    /* Scores keep three decimals. */
    json_object *pairs = json_object_new_array();
    for (size_t k = 0; k < r->npairs; k++) {
        const dedup_pair *p = &r->pairs[k];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "a", json_object_new_int64((int64_t)p->a + 1));
        json_object_object_add(o, "b", json_object_new_int64((int64_t)p->b + 1));
        json_object_object_add(o, "relation", json_object_new_string(dedup_relation_name(p->relation)));
        json_object_object_add(o, "score", json_object_new_double((double)(int)(p->score * 1000 + 0.5) / 1000));
        json_object_array_add(pairs, o);
    }
    json_object_object_add(root, "pairs", pairs);
    json_object_object_add(root, "independent_sources", json_object_new_int64((int64_t)r->ngroups));
    json_object *groups = json_object_new_array();
    for (size_t g = 0; g < r->nsgroups; g++) { /* none when streaming */
        json_object *arr = json_object_new_array();
        for (uint32_t k = r->sgroup_start[g]; k < r->sgroup_start[g + 1]; k++) {
            const sentence *s = corpus_sentence(l->c, r->sentences[k]);
            json_object *o = json_object_new_object();
            json_object_object_add(o, "document", json_object_new_int64((int64_t)s->doc + 1));
            json_object_object_add(o, "sentence", json_object_new_int64((int64_t)s->index + 1));
            json_object_object_add(o, "text", json_object_new_string_len(sentence_text(l->c, s), (int)s->len));
            json_object_array_add(arr, o);
        }
        json_object_array_add(groups, arr);
    }
    json_object_object_add(root, "sentence_groups", groups);
    buf_puts(b, json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                                         JSON_C_TO_STRING_NOSLASHESCAPE));
    buf_putc(b, '\n');
    json_object_put(root);
}

static void S_render_text(const doc_list *l, const dedup_result *r, buf *b)
{
    buf_printf(b, "Documents: %zu, independent sources: %zu\n", S_count(l), r->ngroups);
    for (uint32_t d = 0; d < S_count(l); d++) {
        dedup_doc_meta m = S_meta(l, d);
        buf_printf(b, "[%u] %s — %s (%s)", d + 1, m.title && *m.title ? m.title : m.id,
                   m.source ? m.source : "?", m.origin);
        if (r->group[d] != d)
            buf_printf(b, " = [%u]", r->group[d] + 1);
        buf_putc(b, '\n');
    }
    buf_printf(b, "\nRelations: %zu\n", r->npairs);
    for (size_t k = 0; k < r->npairs; k++) {
        const dedup_pair *p = &r->pairs[k];
        if (p->relation == DEDUP_CONTAINED)
            buf_printf(b, "[%u] is contained in [%u] (%.2f)\n", p->a + 1, p->b + 1, p->score);
        else
            buf_printf(b, "[%u] and [%u]: %s (%.2f)\n", p->a + 1, p->b + 1,
                       dedup_relation_name(p->relation), p->score);
    }
    if (!l->c) {
        buf_printf(b, "\nSentence groups: not computed when streaming\n");
        return;
    }
    buf_printf(b, "\nSentence groups: %zu\n", r->nsgroups);
    for (size_t g = 0; g < r->nsgroups; g++) {
        buf_printf(b, "group %zu:\n", g + 1);
        for (uint32_t k = r->sgroup_start[g]; k < r->sgroup_start[g + 1]; k++) {
            const sentence *s = corpus_sentence(l->c, r->sentences[k]);
            buf_printf(b, "  [%u.%u] %.*s\n", s->doc + 1, s->index + 1, (int)s->len,
                       sentence_text(l->c, s));
        }
    }
}

static void S_render_pairs(const doc_list *l, const dedup_result *r, buf *b)
{
    for (size_t k = 0; k < r->npairs; k++) {
        const dedup_pair *p = &r->pairs[k];
        buf_printf(b, "%s\t%s\t%s\t%.3f\n", dedup_relation_name(p->relation), S_meta(l, p->a).id,
                   S_meta(l, p->b).id, p->score);
    }
}

/* Renders r in format (0 text, 1 json, 2 pairs) and writes it. */
static int S_output(const char *cmd, const char *output, const doc_list *l, const dedup_result *r,
                    int format)
{
    buf b = BUF_INIT;
    if (format == 2)
        S_render_pairs(l, r, &b);
    else if (format == 1)
        S_render_json(l, r, &b);
    else
        S_render_text(l, r, &b);
    int status = cli_write(cmd, output, b.data ? b.data : "");
    buf_free(&b);
    return status;
}

/* The streaming path. Articles go to a batch corpus (the same cleaning, segmentation and
 * tokenization as the in-memory path); each full batch is folded into the index and its
 * documents dropped, so memory holds one batch of text plus what the index keeps per article
 * (at the peak of 1M-article runs, candidate search included: 1.8 KB per 1 KB article, 5.0 KB
 * per newswire-length article of 4.3 KB; bench/results/dedup.md). A large JSONL file is read
 * from a mapping whose pages are handed back as the reader advances. The corpus keeps its word
 * tables from batch to batch: each distinct word is stemmed once. Its tokens are made one
 * document at a time, after the batch's repetition pass, just before the index reads them
 * (corpus_defer_tokens): a batch's tokens did not stay in the processor's caches until then. */
enum { STREAM_BATCH = 1024 };

typedef struct stream_ctx {
    chorus_corpus *batch;
    dedup_index *ix;
    dedup_stem_map map; /* batch stem ids -> index stem ids */
} stream_ctx;

static void S_flush(stream_ctx *s)
{
    if (!s->batch->docs.len)
        return;
    clean_repeated(s->batch);
    for (uint32_t d = 0; d < s->batch->docs.len; d++) {
        corpus_tokenize_document(s->batch, d);
        dedup_index_add_document(s->ix, s->batch, d, &s->map);
    }
    corpus_clear_documents(s->batch);
}

static chorus_code S_stream_sink(void *ctx, const raw_article *a, chorus_error *err)
{
    stream_ctx *s = ctx;
    chorus_code rc = corpus_add_article(s->batch, a, err);
    if (rc == CHORUS_OK && s->batch->docs.len >= STREAM_BATCH)
        S_flush(s);
    return rc;
}

/* Inputs larger than this stream by default: a whole corpus would take ~20x their size. */
#define STREAM_AUTO_BYTES ((long long)64 << 20)

static long long S_input_bytes(char **paths, int n)
{
    long long total = 0;
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 && S_ISREG(st.st_mode))
            total += (long long)st.st_size;
    }
    return total;
}

int cmd_dedup(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"input-format", required_argument, NULL, 'i'},
        {"strict", no_argument, NULL, 'S'},
        {"stream", no_argument, NULL, 'T'},
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *cmd = "dedup";
    chorus_options opts;
    chorus_options_init(&opts);
    int quiet = 0, format = 0, stream = 0;
    const char *output = "-";
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "f:i:o:qh", longopts, NULL)) != -1) {
        int shared = cli_input_option(cmd, ch, optarg, &opts, &quiet);
        if (shared < 0)
            return EXIT_USAGE;
        if (shared > 0)
            continue;
        switch (ch) {
        case 'f':
            if (strcmp(optarg, "json") == 0)
                format = 1;
            else if (strcmp(optarg, "text") == 0)
                format = 0;
            else if (strcmp(optarg, "pairs") == 0)
                format = 2;
            else {
                cli_error(cmd, "unknown format '%s' (text, json, pairs)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'T':
            stream = 1;
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
    opts.warn = cli_warn;
    opts.warn_userdata = &quiet;
    if (stream || S_input_bytes(argv + optind, argc - optind) > STREAM_AUTO_BYTES) {
        stream_ctx sc = {chorus_corpus_new(&opts), dedup_index_new(1), {0}};
        corpus_defer_tokens(sc.batch);
        chorus_error err = {0};
        int status = EXIT_OK;
        for (int i = optind; i < argc && status == EXIT_OK; i++)
            if (ingest_path(argv[i], &opts, S_stream_sink, &sc, &err) != CHORUS_OK) {
                cli_error(cmd, "%s", err.message);
                status = EXIT_ERROR;
            }
        S_flush(&sc);
        chorus_corpus_free(sc.batch);
        dedup_stem_map_free(&sc.map);
        if (status == EXIT_OK) {
            dedup_result r;
            dedup_index_run(sc.ix, -1, &r);
            doc_list l = {NULL, sc.ix};
            status = S_output(cmd, output, &l, &r, format);
            dedup_result_free(&r);
        }
        dedup_index_free(sc.ix);
        return status;
    }
    chorus_corpus *corpus = cli_read_corpus(cmd, &opts, &quiet, argv + optind, argc - optind);
    if (!corpus)
        return EXIT_ERROR;
    clean_repeated(corpus);
    dedup_result r;
    dedup_documents(corpus, &r);
    doc_list l = {corpus, NULL};
    int status = S_output(cmd, output, &l, &r, format);
    dedup_result_free(&r);
    chorus_corpus_free(corpus);
    return status;
}
