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

static const char *S_name(const document *d) { return d->title && *d->title ? d->title : d->id; }

static json_object *S_str_or_null(const char *s) { return s ? json_object_new_string(s) : NULL; }

/* One entry of documents[]: the same shape from a corpus and from a streaming index. */
static json_object *S_doc_json(uint32_t d, const char *path, const char *title,
                               const char *source, uint32_t group)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "id", json_object_new_int64((int64_t)d + 1));
    json_object_object_add(o, "path", json_object_new_string(path));
    json_object_object_add(o, "title", S_str_or_null(title));
    json_object_object_add(o, "source", S_str_or_null(source));
    json_object_object_add(o, "group", json_object_new_int64((int64_t)group + 1));
    return o;
}

/* pairs[] and the independent-source count. Scores keep three decimals. */
static void S_add_pairs_json(json_object *root, const dedup_result *r)
{
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
}

static void S_render_json(const chorus_corpus *c, const dedup_result *r, buf *b)
{
    json_object *root = json_object_new_object();
    json_object *docs = json_object_new_array();
    for (size_t d = 0; d < c->docs.len; d++) {
        const document *doc = &c->docs.items[d];
        json_object_array_add(docs, S_doc_json((uint32_t)d, doc->origin, doc->title, doc->source,
                                               r->group[d]));
    }
    json_object_object_add(root, "documents", docs);
    S_add_pairs_json(root, r);
    json_object *groups = json_object_new_array();
    for (size_t g = 0; g < r->nsgroups; g++) {
        json_object *arr = json_object_new_array();
        for (uint32_t k = r->sgroup_start[g]; k < r->sgroup_start[g + 1]; k++) {
            const sentence *s = corpus_sentence(c, r->sentences[k]);
            json_object *o = json_object_new_object();
            json_object_object_add(o, "document", json_object_new_int64((int64_t)s->doc + 1));
            json_object_object_add(o, "sentence", json_object_new_int64((int64_t)s->index + 1));
            json_object_object_add(o, "text", json_object_new_string_len(sentence_text(c, s), (int)s->len));
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

static void S_render_text(const chorus_corpus *c, const dedup_result *r, buf *b)
{
    buf_printf(b, "Documents: %zu, independent sources: %zu\n", c->docs.len, r->ngroups);
    for (size_t d = 0; d < c->docs.len; d++) {
        const document *doc = &c->docs.items[d];
        buf_printf(b, "[%zu] %s — %s (%s)", d + 1, S_name(doc), doc->source ? doc->source : "?",
                   doc->origin);
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
    buf_printf(b, "\nSentence groups: %zu\n", r->nsgroups);
    for (size_t g = 0; g < r->nsgroups; g++) {
        buf_printf(b, "group %zu:\n", g + 1);
        for (uint32_t k = r->sgroup_start[g]; k < r->sgroup_start[g + 1]; k++) {
            const sentence *s = corpus_sentence(c, r->sentences[k]);
            buf_printf(b, "  [%u.%u] %.*s\n", s->doc + 1, s->index + 1, (int)s->len, sentence_text(c, s));
        }
    }
}

static void S_render_pairs(const dedup_result *r, const char *(*id)(const void *, uint32_t),
                           const void *ctx, buf *b)
{
    for (size_t k = 0; k < r->npairs; k++) {
        const dedup_pair *p = &r->pairs[k];
        buf_printf(b, "%s\t%s\t%s\t%.3f\n", dedup_relation_name(p->relation), id(ctx, p->a),
                   id(ctx, p->b), p->score);
    }
}

static const char *S_corpus_id(const void *ctx, uint32_t d)
{
    return ((const chorus_corpus *)ctx)->docs.items[d].id;
}

static const char *S_index_id(const void *ctx, uint32_t d)
{
    return dedup_index_meta(ctx, d)->id;
}

/* The streaming path. Articles go to a batch corpus (the same cleaning, segmentation and
 * tokenization as the in-memory path); each full batch is folded into the index and its
 * documents dropped, so memory holds one batch of text plus about 1 KB per article seen. The
 * corpus keeps its word tables from batch to batch: each distinct word is stemmed once. */
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
    dedup_index_add_batch(s->ix, s->batch, &s->map);
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

static void S_render_index(const dedup_index *ix, const dedup_result *r, int json, buf *b)
{
    size_t nd = dedup_index_count(ix);
    if (!json) {
        buf_printf(b, "Documents: %zu, independent sources: %zu\n", nd, r->ngroups);
        for (uint32_t d = 0; d < nd; d++) {
            const dedup_doc_meta *m = dedup_index_meta(ix, d);
            buf_printf(b, "[%u] %s — %s (%s)", d + 1, m->title && *m->title ? m->title : m->id,
                       m->source ? m->source : "?", m->origin);
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
        buf_printf(b, "\nSentence groups: not computed when streaming\n");
        return;
    }
    json_object *root = json_object_new_object();
    json_object *docs = json_object_new_array();
    for (uint32_t d = 0; d < nd; d++) {
        const dedup_doc_meta *m = dedup_index_meta(ix, d);
        json_object_array_add(docs, S_doc_json(d, m->origin, m->title, m->source, r->group[d]));
    }
    json_object_object_add(root, "documents", docs);
    S_add_pairs_json(root, r);
    json_object_object_add(root, "sentence_groups", json_object_new_array());
    buf_puts(b, json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
                                                         JSON_C_TO_STRING_NOSLASHESCAPE));
    buf_putc(b, '\n');
    json_object_put(root);
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
    int quiet = 0, json = 0, stream = 0;
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
                json = 1;
            else if (strcmp(optarg, "text") == 0)
                json = 0;
            else if (strcmp(optarg, "pairs") == 0)
                json = 2;
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
            buf b = BUF_INIT;
            if (json == 2)
                S_render_pairs(&r, S_index_id, sc.ix, &b);
            else
                S_render_index(sc.ix, &r, json, &b);
            status = cli_write(cmd, output, b.data ? b.data : "");
            buf_free(&b);
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
    buf b = BUF_INIT;
    if (json == 2)
        S_render_pairs(&r, S_corpus_id, corpus, &b);
    else if (json)
        S_render_json(corpus, &r, &b);
    else
        S_render_text(corpus, &r, &b);
    int status = cli_write(cmd, output, b.data ? b.data : "");
    buf_free(&b);
    dedup_result_free(&r);
    chorus_corpus_free(corpus);
    return status;
}
