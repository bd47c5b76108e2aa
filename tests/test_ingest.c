/* Tests of the ingest module: every format from small invented fixtures, detection, the
 * date/source helpers, the robustness cases (paths, encodings, sizes), and, when the shared
 * data is present, the five seed articles and every DUC 2001/2002 document. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/vec.h"
#include "ingest/ingest.h"

/* ---------------------------------------------------------------------------------------------
 * Harness: a sink that copies what it gets, a warning collector, temp files
 * ------------------------------------------------------------------------------------------- */

typedef struct art {
    char *origin, *id, *title, *date, *url, *source, *body;
    chorus_input_format format;
} art;

typedef struct collect {
    VEC(art) arts;
    VEC(char *) warnings;
    size_t count;   /* articles seen (also when not kept) */
    int keep;       /* 0: only count and check, do not copy (big runs) */
    int fail_after; /* >0: the sink fails on article number fail_after */
} collect;

static char *S_dup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

/* Every string the sink gets must be valid UTF-8 with '\n'-separated, non-empty paragraphs. */
static void S_check_body(const raw_article *a)
{
    assert_non_null(a->body);
    assert_int_equal(strlen(a->body), a->body_len);
    assert_true(a->body_len > 0);
    assert_true(a->body[0] != '\n' && a->body[a->body_len - 1] != '\n');
    assert_null(strstr(a->body, "\n\n"));
    assert_null(strchr(a->body, '\r'));
    for (size_t i = 0; i < a->body_len; i++) {
        unsigned char c = (unsigned char)a->body[i];
        if (c == '\n') { /* no paragraph starts or ends with a blank */
            assert_true(a->body[i - 1] != ' ' && a->body[i + 1] != ' ');
        }
    }
}

static chorus_code S_sink(void *ctx, const raw_article *a, chorus_error *err)
{
    collect *c = ctx;
    c->count++;
    assert_non_null(a->origin);
    assert_non_null(a->id);
    assert_non_null(a->source);
    S_check_body(a);
    if (c->fail_after && (int)c->count == c->fail_after) {
        snprintf(err->message, sizeof err->message, "sink says no");
        err->code = CHORUS_ERR_INVALID;
        return CHORUS_ERR_INVALID;
    }
    if (c->keep) {
        art x = {S_dup(a->origin), S_dup(a->id),     S_dup(a->title), S_dup(a->date),
                 S_dup(a->url),    S_dup(a->source), S_dup(a->body),  a->format};
        VEC_PUSH(&c->arts, x);
    }
    return CHORUS_OK;
}

static void S_warn(void *userdata, const char *msg)
{
    collect *c = userdata;
    VEC_PUSH(&c->warnings, xstrdup(msg));
}

static void S_collect_init(collect *c)
{
    memset(c, 0, sizeof *c);
    c->keep = 1;
}

static void S_collect_free(collect *c)
{
    for (size_t i = 0; i < c->arts.len; i++) {
        art *x = &c->arts.items[i];
        free(x->origin), free(x->id), free(x->title), free(x->date), free(x->url);
        free(x->source), free(x->body);
    }
    VEC_FREE(&c->arts);
    for (size_t i = 0; i < c->warnings.len; i++)
        free(c->warnings.items[i]);
    VEC_FREE(&c->warnings);
}

static chorus_options S_opts(collect *c)
{
    chorus_options o;
    memset(&o, 0, sizeof o);
    o.input_format = CHORUS_INPUT_AUTO;
    o.warn = S_warn;
    o.warn_userdata = c;
    return o;
}

/* Reads a buffer with default options; returns the code. */
static chorus_code S_buffer(collect *c, const char *name, const char *data, chorus_error *err)
{
    chorus_options o = S_opts(c);
    return ingest_buffer(name, data, strlen(data), &o, S_sink, c, err);
}

static chorus_code S_path(collect *c, const char *path, chorus_error *err)
{
    chorus_options o = S_opts(c);
    return ingest_path(path, &o, S_sink, c, err);
}

static int S_has_warning(const collect *c, const char *needle)
{
    for (size_t i = 0; i < c->warnings.len; i++)
        if (strstr(c->warnings.items[i], needle))
            return 1;
    return 0;
}

/* A fresh temp directory per test that needs one, removed at the end. */
static char S_tmp[256];

static void S_mktmp(void)
{
    const char *base = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
    snprintf(S_tmp, sizeof S_tmp, "%s/chorus-ingest-XXXXXX", base);
    assert_non_null(mkdtemp(S_tmp));
}

static void S_rm_rf(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        struct dirent *e;
        char child[4096];
        while (d && (e = readdir(d)) != NULL) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(child, sizeof child, "%s/%s", path, e->d_name);
            S_rm_rf(child);
        }
        if (d)
            closedir(d);
        rmdir(path);
    } else {
        unlink(path);
    }
}

/* S_tmp/rel; the returned string lives until the next call. */
static const char *S_at(const char *rel)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", S_tmp, rel);
    return path;
}

static void S_write(const char *rel, const char *data, size_t len)
{
    FILE *f = fopen(S_at(rel), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void S_writes(const char *rel, const char *data)
{
    S_write(rel, data, strlen(data));
}

static void S_mkdir(const char *rel)
{
    assert_int_equal(mkdir(S_at(rel), 0755), 0);
}

static int S_setup_tmp(void **state)
{
    (void)state;
    S_mktmp();
    return 0;
}

static int S_teardown_tmp(void **state)
{
    (void)state;
    S_rm_rf(S_tmp);
    return 0;
}

static double S_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---------------------------------------------------------------------------------------------
 * Helpers: dates and sources
 * ------------------------------------------------------------------------------------------- */

static void S_date_ok(const char *in, const char *want)
{
    char out[11];
    assert_true(ingest_parse_date(in, strlen(in), out));
    assert_string_equal(out, want);
}

static void S_date_bad(const char *in)
{
    char out[11];
    assert_false(ingest_parse_date(in, strlen(in), out));
}

static void test_parse_date(void **state)
{
    (void)state;
    S_date_ok("20220110", "2022-01-10");
    S_date_ok("2022-01-10", "2022-01-10");
    S_date_ok("  2022-01-10\n", "2022-01-10");
    S_date_ok("2022-01-10T14:03:00Z", "2022-01-10");
    S_date_ok("2022-01-10T14:03:00+02:00", "2022-01-10");
    S_date_ok("2022-01-10 14:03", "2022-01-10");
    S_date_ok("2024-02-29", "2024-02-29"); /* leap year */
    S_date_ok("2000-02-29", "2000-02-29"); /* divisible by 400 */
    S_date_ok("19991231", "1999-12-31");
    S_date_bad("2023-02-29");
    S_date_bad("1900-02-29"); /* divisible by 100 */
    S_date_bad("2022-13-01");
    S_date_bad("2022-00-10");
    S_date_bad("2022-04-31");
    S_date_bad("2022-01-00");
    S_date_bad("202201101"); /* a longer number */
    S_date_bad("2022-01-10x");
    S_date_bad("2022/01/10");
    S_date_bad("https://example.com/");
    S_date_bad("");
    S_date_bad("2022");
    /* len is honoured: the bytes after it are not read */
    char out[11];
    assert_true(ingest_parse_date("20220110999", 8, out));
    assert_string_equal(out, "2022-01-10");
}

static void S_src(const char *url, const char *want)
{
    char *s = ingest_source_from_url(url);
    if (!want) {
        assert_null(s);
        return;
    }
    assert_non_null(s);
    assert_string_equal(s, want);
    free(s);
}

static void test_source_from_url(void **state)
{
    (void)state;
    S_src("https://www.komu.com/news/nationworld/x.html", "komu.com");
    S_src("https://www.abqjournal.com/2460108/us-russia.html", "abqjournal.com");
    S_src("http://edition.cnn.com/2022/01/10/x", "edition.cnn.com");
    S_src("HTTPS://WWW.Example.COM", "example.com");
    S_src("https://user:pw@www.example.com:8080/a?b#c", "example.com");
    S_src("https://example.com.", "example.com");
    S_src("https://example.com?q=1", "example.com");
    S_src("//www.example.org/x", "example.org");
    S_src("https://[::1]:80/", "[::1]");
    S_src("https://www./x", "www"); /* nothing after "www.": keep what there is */
    S_src("example.com/path", NULL);
    S_src("https:///path", NULL);
    S_src("not a url", NULL);
    S_src("", NULL);
    S_src(NULL, NULL);
}

/* ---------------------------------------------------------------------------------------------
 * Detection
 * ------------------------------------------------------------------------------------------- */

static chorus_input_format S_detect(const char *name, const char *data)
{
    return ingest_detect(name, data, strlen(data));
}

static void test_detect(void **state)
{
    (void)state;
    assert_int_equal(S_detect("a.txt", "Title\n20220110\nhttps://x.org/a\nBody.\n"),
                     CHORUS_INPUT_HEADER);
    assert_int_equal(S_detect("a.txt", "Title\r\n2022-01-10\r\n\r\nBody.\r\n"),
                     CHORUS_INPUT_HEADER);
    assert_int_equal(S_detect("a.txt", "\xEF\xBB\xBFTitle\n20220110\nhttp://x.org\nBody.\n"),
                     CHORUS_INPUT_HEADER);
    /* line 2 is a date, but line 3 is text: free text that happens to start with a date line */
    assert_int_equal(S_detect("a.txt", "Title\n20220110\nSome text.\n"), CHORUS_INPUT_TEXT);
    assert_int_equal(S_detect("a.txt", "Title\n20221310\nhttp://x.org\nBody.\n"),
                     CHORUS_INPUT_TEXT);
    assert_int_equal(S_detect("a.txt", "Title\n\nBody text.\n"), CHORUS_INPUT_TEXT);
    assert_int_equal(S_detect("a.txt", "\n\nTitle\n20220110\nhttp://x.org\n"), CHORUS_INPUT_TEXT);
    assert_int_equal(S_detect("feed", "{\"title\": \"x\"}\n"), CHORUS_INPUT_JSONL);
    assert_int_equal(S_detect("feed.jsonl", "\n"), CHORUS_INPUT_JSONL);
    assert_int_equal(S_detect("feed.NDJSON", ""), CHORUS_INPUT_JSONL);
    assert_int_equal(S_detect("AP880101-0001", "\n<DOC>\n<DOCNO> X </DOCNO>\n"), CHORUS_INPUT_SGML);
    assert_int_equal(S_detect("x", "<doc id=\"1\">\n"), CHORUS_INPUT_SGML);
    assert_int_equal(S_detect("x", "<!DOCTYPE html>\n<html>"), CHORUS_INPUT_HTML);
    assert_int_equal(S_detect("x", "  <HTML lang=en>"), CHORUS_INPUT_HTML);
    assert_int_equal(S_detect("page.html", "Just text\n"), CHORUS_INPUT_HTML);
    /* content wins over the name */
    assert_int_equal(S_detect("page.html", "<DOC>\n"), CHORUS_INPUT_SGML);
    assert_int_equal(S_detect(NULL, "Title\n\nBody.\n"), CHORUS_INPUT_TEXT);
    assert_int_equal(S_detect("x", ""), CHORUS_INPUT_TEXT);
}

/* ---------------------------------------------------------------------------------------------
 * Header format
 * ------------------------------------------------------------------------------------------- */

static void test_header(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    const char *data = "Lanterns lit over the harbour town\n"
                       "2021-11-05\n"
                       "https://www.harbour-gazette.example/news/lanterns\n"
                       "The town lit four hundred lanterns on Friday.\n"
                       "\n"
                       "   Organisers said the rain held off until midnight.   \n"
                       "Nobody was hurt.\n";
    assert_int_equal(S_buffer(&c, "dir/a.txt", data, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    art *a = &c.arts.items[0];
    assert_int_equal(a->format, CHORUS_INPUT_HEADER);
    assert_string_equal(a->title, "Lanterns lit over the harbour town");
    assert_string_equal(a->date, "2021-11-05");
    assert_string_equal(a->url, "https://www.harbour-gazette.example/news/lanterns");
    assert_string_equal(a->source, "harbour-gazette.example");
    assert_string_equal(a->origin, "dir/a.txt");
    assert_string_equal(a->id, "a.txt");
    /* each line its own paragraph, even without final punctuation; blank lines dropped */
    assert_string_equal(a->body, "The town lit four hundred lanterns on Friday.\n"
                                 "Organisers said the rain held off until midnight.\n"
                                 "Nobody was hurt.");
    S_collect_free(&c);

    /* no URL: the file name is the source */
    S_collect_init(&c);
    assert_int_equal(S_buffer(&c, "/x/y/b.txt", "T\n20211105\n\nOne line\n", &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    assert_null(c.arts.items[0].url);
    assert_string_equal(c.arts.items[0].source, "b.txt");
    assert_string_equal(c.arts.items[0].date, "2021-11-05");
    assert_string_equal(c.arts.items[0].body, "One line");
    S_collect_free(&c);

    /* a title and a date but no body */
    S_collect_init(&c);
    assert_int_equal(S_buffer(&c, "c.txt", "T\n20211105\nhttps://x.org/\n\n", &err),
                     CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, "c.txt: no body text");
    assert_int_equal(c.arts.len, 0);
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * Free text
 * ------------------------------------------------------------------------------------------- */

static void test_text(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    const char *data = "\n\n   The night the river froze   \n"
                       "\n\n"
                       "    The river froze overnight for the first time in\n"
                       "    thirty years, and by morning children were\n"
                       "    skating on it.\n"
                       "\n"
                       "Week of cold weather\n"
                       "\n"
                       "\t\tForecasters expect the cold to last until Sunday.\n"
                       "The ferry will not run before then.\n"
                       "Harbour closed\n"
                       "The harbour master closed the port at noon.\n"
                       "He said the ice was \"thicker than it looks.\"\n"
                       "A spokesman added that the ice\n"
                       "breakers were on their way.\n";
    assert_int_equal(S_buffer(&c, "river.txt", data, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    art *a = &c.arts.items[0];
    assert_int_equal(a->format, CHORUS_INPUT_TEXT);
    assert_string_equal(a->title, "The night the river froze");
    assert_null(a->date);
    assert_null(a->url);
    assert_string_equal(a->source, "river.txt");
    assert_string_equal(a->body,
                        "The river froze overnight for the first time in thirty years, and by "
                        "morning children were skating on it.\n"
                        "Week of cold weather\n"
                        "Forecasters expect the cold to last until Sunday.\n"
                        "The ferry will not run before then.\n"
                        "Harbour closed\n"
                        "The harbour master closed the port at noon.\n"
                        "He said the ice was \"thicker than it looks.\"\n"
                        "A spokesman added that the ice breakers were on their way.");
    S_collect_free(&c);

    /* curly closing quote and ellipsis end a sentence too */
    S_collect_init(&c);
    assert_int_equal(S_buffer(&c, "q.txt",
                              "T\n\n\xE2\x80\x9CIt is over.\xE2\x80\x9D\nThey left\xE2\x80\xA6\n"
                              "Then rain.\n",
                              &err),
                     CHORUS_OK);
    assert_string_equal(c.arts.items[0].body,
                        "\xE2\x80\x9CIt is over.\xE2\x80\x9D\nThey left\xE2\x80\xA6\nThen rain.");
    S_collect_free(&c);

    /* a title alone */
    S_collect_init(&c);
    assert_int_equal(S_buffer(&c, "t.txt", "Only a title\n\n\n", &err), CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, "t.txt: no body text");
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * JSON Lines
 * ------------------------------------------------------------------------------------------- */

static void test_jsonl(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    const char *data =
        "{\"title\": \"Bridge reopens\", \"text\": \"The bridge reopened today.\\n\\nTraffic was "
        "light.\", \"date\": \"2021-03-04T08:00:00Z\", \"url\": \"https://www.valley.example/b\", "
        "\"id\": \"v-1\"}\n"
        "\n"
        "{\"title\": \"Second\", \"content\": \"Wrapped line one\\ncontinues here.\", \"source\": "
        "\"Valley Post\", \"date\": \"20210305\", \"id\": 42}\n"
        "   \n"
        "{\"title\": \"Stub\", \"text\": \"   \"}\n"
        "{\"body\": [\"First para.\", \"Second para.\"], \"date\": \"soon\"}\n"
        "{\"title\": \"Nul\\u0000byte\", \"text\": \"A\\u0000B. \\ud800 lone.\"}\n";
    assert_int_equal(S_buffer(&c, "feeds/feed.jsonl", data, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 4);
    art *a = &c.arts.items[0];
    assert_int_equal(a->format, CHORUS_INPUT_JSONL);
    assert_string_equal(a->origin, "feeds/feed.jsonl:1");
    assert_string_equal(a->id, "v-1");
    assert_string_equal(a->title, "Bridge reopens");
    assert_string_equal(a->date, "2021-03-04");
    assert_string_equal(a->source, "valley.example");
    assert_string_equal(a->body, "The bridge reopened today.\nTraffic was light.");
    a = &c.arts.items[1];
    assert_string_equal(a->origin, "feeds/feed.jsonl:3");
    assert_string_equal(a->id, "42");
    assert_string_equal(a->source, "Valley Post");
    assert_string_equal(a->date, "2021-03-05");
    assert_null(a->url);
    assert_string_equal(a->body, "Wrapped line one continues here.");
    a = &c.arts.items[2];
    assert_string_equal(a->origin, "feeds/feed.jsonl:6");
    assert_string_equal(a->id, "feed.jsonl:6"); /* no id: file name and line */
    assert_string_equal(a->source, "feed.jsonl");
    assert_null(a->title);
    assert_null(a->date);
    assert_string_equal(a->body, "First para.\nSecond para.");
    a = &c.arts.items[3];
    assert_string_equal(a->title, "Nulbyte");
    assert_non_null(strstr(a->body, "A"));
    assert_true(S_has_warning(&c, "feeds/feed.jsonl:5: no text, skipped"));
    assert_true(S_has_warning(&c, "feeds/feed.jsonl:6: unrecognized date"));
    S_collect_free(&c);

    /* a malformed line stops the read with file and line */
    S_collect_init(&c);
    assert_int_equal(
        S_buffer(&c, "feed.jsonl",
                 "{\"text\": \"ok.\"}\n\n{\"text\": \"broken\n{\"text\": \"later.\"}\n", &err),
        CHORUS_ERR_FORMAT);
    assert_int_equal(strncmp(err.message, "feed.jsonl:3: invalid JSON: ", 28), 0);
    assert_int_equal(c.arts.len, 1);
    S_collect_free(&c);

    S_collect_init(&c);
    assert_int_equal(S_buffer(&c, "f.jsonl", "{\"text\": \"a.\"} trailing\n", &err),
                     CHORUS_ERR_FORMAT);
    assert_int_equal(strncmp(err.message, "f.jsonl:1: invalid JSON: ", 25), 0);
    assert_int_equal(S_buffer(&c, "f.jsonl", "{\"text\": \"a.\"}\n[1, 2]\n", &err),
                     CHORUS_ERR_FORMAT);
    assert_string_equal(err.message, "f.jsonl:2: invalid JSON: expected an object, got array");
    assert_int_equal(S_buffer(&c, "f.jsonl", "{\"text\": \"a.\"}\n{\n", &err), CHORUS_ERR_FORMAT);
    assert_string_equal(err.message, "f.jsonl:2: invalid JSON: unexpected end of line");
    /* only stubs: nothing to read */
    assert_int_equal(S_buffer(&c, "f.jsonl", "{\"title\": \"x\"}\n", &err), CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, "f.jsonl: no articles found");
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * SGML (invented documents in the shapes of the NIST collections)
 * ------------------------------------------------------------------------------------------- */

static const char S_SGML_AP[] =
    "\n<DOC>\n<DOCNO> AP900412-0101 </DOCNO>\n<FILEID>AP-NR-04-12-90 0101EDT</FILEID>\n"
    "<HEAD>Kites Fill the Sky Over Dune Park</HEAD>\n<HEAD>With Photo</HEAD>\n"
    "<BYLINE>By A WRITER</BYLINE>\n<DATELINE>DUNEVILLE (AP) </DATELINE>\n<TEXT>\n"
    "   More than 300 kites flew over Dune Park on Thursday, a record\n"
    "for the annual festival.\n"
    "   Organizers said the wind was ``just right'' &amp; steady.\n"
    "</TEXT>\n<HEAD>NORTH SHORE</HEAD>\n<TEXT>\n"
    "   A second field opened on the north shore.\n</TEXT>\n</DOC>\n";

static const char S_SGML_WSJ[] =
    "<DOC>\n<DOCNO>\nWSJ900115-0042\n</DOCNO>\n<HL>\n   Glassmakers Report a Strong Quarter\n"
    "@  For Window Panes\n   ----\n   By Some Reporter\n</HL>\n<DATE>\n01/15/90\n</DATE>\n"
    "<LP>\n   Glassmakers said sales of window panes rose sharply in the\nfourth quarter.\n"
    "   Prices held steady.\n</LP>\n<TEXT>\n   Analysts expect more of the same.\n</TEXT>\n"
    "</DOC>\n";

static const char S_SGML_SJMN[] =
    "<DOC>\n<DOCNO> SJMN91-01234567 </DOCNO>\n<LEADPARA>  The city council voted to plant a\n"
    "thousand trees.;    Work starts in spring.  </LEADPARA>\n"
    "<HEADLINE>  COUNCIL VOTES FOR TREES  </HEADLINE>\n"
    "<TEXT>     The oaks will line Main Street, officials said; the maples go to parks.;   \n"
    "Planting crews are hired.;\n   Budget questions;  The cost is covered by a grant.;"
    " Q What trees?; A Oaks and maples.  </TEXT>\n"
    "<PUBDATE>   910315  </PUBDATE>\n</DOC>\n";

static const char S_SGML_LA[] =
    "<DOC>\n<DOCNO> LA103089-0075 </DOCNO>\n<DATE>\n<P>\nOctober 30, 1989, Monday \n</P>\n</DATE>\n"
    "<HEADLINE>\n<P>\nMUSEUM OPENS NEW WING; \n</P>\n<P>\nA SUBTITLE NOBODY NEEDS "
    "\n</P>\n</HEADLINE>\n"
    "<TEXT>\n<P>\nThe museum opened its new wing on Sunday. \n</P>\n"
    "<P>\nVisitors queued for two \nhours. \n</P>\n"
    "<TABLE CWL=\"1IN\" NCOLS=\"1\">\n<TABLEROW>\n<TABLECELL CHJ=\"C\">\nRoom \n</TABLECELL>\n"
    "</TABLEROW>\n</TABLE>\n<P>\nThe wing cost $4 million. \n</P>\n</TEXT>\n</DOC>\n";

static const char S_SGML_FT[] =
    "<DOC>\n<DOCNO>FT921-1234</DOCNO>\n<PROFILE>_AN-X</PROFILE>\n<DATE>920103\n</DATE>\n"
    "<HEADLINE>\nFT  03 JAN 92 / Canal barges return: Freight on\nthe water again\n</HEADLINE>\n"
    "<TEXT>\nBARGES are carrying freight on the old canal again after a gap of\n"
    "forty years.\nThe first load was gravel.\nOperators hope for more\ntraffic next year.\n"
    "</TEXT>\n</DOC>\n";

static const char S_SGML_FBIS[] =
    "<DOC>\n<DOCNO> FBIS4-12345 </DOCNO>\n<HT>    \"x\" </HT>\n<HEADER>\n<AU>   X </AU>\n"
    "<DATE1>  14 Jun 1994 </DATE1>\n</HEADER>\n<F P=100> REGION </F>\n"
    "<H3> <TI>   Rail Link Planned Between Two Towns </TI></H3>\n<TEXT>\n"
    "Language: <F P=105> English </F>\nArticle Type:BFN \n\n"
    "<F P=106> [Article by Someone: \"Rails </F>\nAgain\"] \n"
    "  [Text] Northtown, 13 Jun -- A rail link between the two \ntowns is planned. \n"
    "  Construction will take two years. \n</TEXT>\n</DOC>\n";

/* The TDT-era AP and New York Times wires (DUC 2004 style): DATE_TIME, BODY, SLUG, the
 * underscore dash, and the old LDC typesetting entities (&QL; &UR; &LR; &MD; &HT; &Cx1f;). */
static const char S_SGML_APW[] =
    "<DOC>\n<DOCNO> APW19981016.0240 </DOCNO>\n<DOCTYPE> NEWS STORY </DOCTYPE>\n"
    "<DATE_TIME> 10/16/1998 07:52:00 </DATE_TIME>\n<BODY>\n"
    "<HEADLINE> Harbor council approves ferry route </HEADLINE>\n<TEXT>\n"
    "   PORT ALDER (AP) _ The harbor council approved a ferry route.\n\n"
    "   The route opens in March.\n</TEXT>\n</BODY>\n"
    "<TRAILER> AP-NY-10-16-98 0752EDT </TRAILER>\n</DOC>\n";
static const char S_SGML_NYT[] =
    "<DOC>\n<DOCNO> NYT19981016.0136 </DOCNO>\n<DOCTYPE> NEWS STORY </DOCTYPE>\n"
    "<DATE_TIME> 10/16/1998 14:49:00 </DATE_TIME>\n<HEADER>\nA9436 &Cx1f; taf-z\n"
    "u s &Cx13; BC-FERRY-NYT &QL;\n</HEADER>\n<BODY>\n<SLUG> BC-FERRY-NYT </SLUG>\n"
    "<HEADLINE>\nA NEW FERRY FOR PORT ALDER\n</HEADLINE>\n &UR; By LENA MARSH &LR; &QC;\n"
    "<TEXT>\n<P>\nPORT ALDER _ The council voted&MD;at last&MD;for a ferry route.&QL;\n</P>\n"
    "<P>\nFares&HT;rise, AT&AMP;T said.\n</P>\n</TEXT>\n</BODY>\n"
    "<TRAILER>\nNYT-10-16-98 1449EDT &QL;\n</TRAILER>\n</DOC>\n";

static art *S_one_sgml(collect *c, const char *name, const char *data)
{
    chorus_error err = {0};
    assert_int_equal(S_buffer(c, name, data, &err), CHORUS_OK);
    assert_int_equal(c->arts.len, 1);
    assert_int_equal(c->arts.items[0].format, CHORUS_INPUT_SGML);
    return &c->arts.items[0];
}

static void test_sgml_sources(void **state)
{
    (void)state;
    collect c;
    art *a;

    S_collect_init(&c);
    a = S_one_sgml(&c, "d/AP900412-0101", S_SGML_AP);
    assert_string_equal(a->id, "AP900412-0101");
    assert_string_equal(a->source, "AP");
    assert_string_equal(a->title, "Kites Fill the Sky Over Dune Park");
    assert_string_equal(a->date, "1990-04-12");
    assert_string_equal(a->origin, "d/AP900412-0101");
    assert_string_equal(a->body, "More than 300 kites flew over Dune Park on Thursday, a record "
                                 "for the annual festival.\n"
                                 "Organizers said the wind was ``just right'' & steady.\n"
                                 "A second field opened on the north shore.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "w", S_SGML_WSJ);
    assert_string_equal(a->id, "WSJ900115-0042");
    assert_string_equal(a->source, "WSJ");
    assert_string_equal(a->title, "Glassmakers Report a Strong Quarter For Window Panes");
    assert_string_equal(a->date, "1990-01-15");
    assert_string_equal(a->body, "Glassmakers said sales of window panes rose sharply in the "
                                 "fourth quarter.\nPrices held steady.\n"
                                 "Analysts expect more of the same.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "s", S_SGML_SJMN);
    assert_string_equal(a->source, "SJMN");
    assert_string_equal(a->title, "COUNCIL VOTES FOR TREES");
    assert_string_equal(a->date, "1991-03-15"); /* from PUBDATE: the DOCNO has no date */
    assert_string_equal(a->body, "The city council voted to plant a thousand trees.\n"
                                 "Work starts in spring.\n"
                                 "The oaks will line Main Street, officials said; the maples go "
                                 "to parks.\n"
                                 "Planting crews are hired.\n"
                                 "Budget questions\n"
                                 "The cost is covered by a grant.\n"
                                 "Q What trees?\n"
                                 "A Oaks and maples.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "l", S_SGML_LA);
    assert_string_equal(a->source, "LA");
    assert_string_equal(a->title, "MUSEUM OPENS NEW WING");
    assert_string_equal(a->date, "1989-10-30"); /* DOCNO MMDDYY */
    assert_string_equal(a->body, "The museum opened its new wing on Sunday.\n"
                                 "Visitors queued for two hours.\n"
                                 "The wing cost $4 million.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "f", S_SGML_FT);
    assert_string_equal(a->source, "FT");
    assert_string_equal(a->title, "Canal barges return: Freight on the water again");
    assert_string_equal(a->date, "1992-01-03");
    assert_string_equal(a->body, "BARGES are carrying freight on the old canal again after a gap "
                                 "of forty years.\nThe first load was gravel.\n"
                                 "Operators hope for more traffic next year.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "b", S_SGML_FBIS);
    assert_string_equal(a->source, "FBIS");
    assert_string_equal(a->title, "Rail Link Planned Between Two Towns");
    assert_string_equal(a->date, "1994-06-14");
    assert_string_equal(a->body, "Northtown, 13 Jun -- A rail link between the two towns is "
                                 "planned.\nConstruction will take two years.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "a", S_SGML_APW);
    assert_string_equal(a->id, "APW19981016.0240");
    assert_string_equal(a->title, "Harbor council approves ferry route");
    assert_string_equal(a->date, "1998-10-16");
    assert_string_equal(a->body, "PORT ALDER (AP) _ The harbor council approved a ferry route.\n"
                                 "The route opens in March.");
    S_collect_free(&c);

    S_collect_init(&c);
    a = S_one_sgml(&c, "n", S_SGML_NYT);
    assert_string_equal(a->id, "NYT19981016.0136");
    assert_string_equal(a->title, "A NEW FERRY FOR PORT ALDER");
    assert_string_equal(a->date, "1998-10-16");
    assert_string_equal(a->body, "PORT ALDER _ The council voted\xE2\x80\x94" "at last\xE2\x80\x94"
                                 "for a ferry route.\nFares rise, AT&T said.");
    S_collect_free(&c);
}

static void test_sgml_multi(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    buf b = BUF_INIT;
    buf_puts(&b, S_SGML_FT);
    buf_puts(&b, "<DOC>\n<DOCNO> XYZ-1 </DOCNO>\n<TEXT>\nNo body here is empty? No: "
                 "it &lt;is&gt; &#233;t&#xE9; &bogus; text.\n</TEXT>\n</DOC>\n"
                 "<DOC>\n<DOCNO> XYZ-2 </DOCNO>\n<TEXT>\n   \n</TEXT>\n</DOC>\n"
                 "<DOC>\n<TEXT>\nNo docno.\n</TEXT>\n</DOC>\n");
    assert_int_equal(S_buffer(&c, "dir/bundle.sgml", b.data, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 3);
    assert_string_equal(c.arts.items[0].id, "FT921-1234");
    assert_string_equal(c.arts.items[1].id, "XYZ-1");
    assert_string_equal(c.arts.items[1].source, "XYZ");
    assert_null(c.arts.items[1].date);
    assert_null(c.arts.items[1].title);
    assert_string_equal(c.arts.items[1].body,
                        "No body here is empty? No: it <is> \xC3\xA9t\xC3\xA9 &bogus; text.");
    assert_string_equal(c.arts.items[2].id, "bundle.sgml#4");
    assert_string_equal(c.arts.items[2].source, "bundle.sgml");
    assert_true(S_has_warning(&c, "dir/bundle.sgml: XYZ-2: no body text, skipped"));
    buf_free(&b);
    S_collect_free(&c);

    /* forced SGML on a file without <DOC> */
    S_collect_init(&c);
    chorus_options o = S_opts(&c);
    o.input_format = CHORUS_INPUT_SGML;
    assert_int_equal(ingest_buffer("x.txt", "Title\n\nBody.\n", 13, &o, S_sink, &c, &err),
                     CHORUS_ERR_FORMAT);
    assert_string_equal(err.message, "x.txt: no <DOC> element");
    /* forced text on an SGML file: read as text */
    o.input_format = CHORUS_INPUT_TEXT;
    assert_int_equal(ingest_buffer("x", S_SGML_FT, strlen(S_SGML_FT), &o, S_sink, &c, &err),
                     CHORUS_OK);
    assert_int_equal(c.arts.items[0].format, CHORUS_INPUT_TEXT);
    S_collect_free(&c);
}

/* Unclosed elements end where the next one of their name opens; a file full of unclosed or
 * unknown tags is read in linear time. */
static void test_sgml_unclosed(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    assert_int_equal(S_buffer(&c, "u",
                              "<DOC><DOCNO>LA010190-0001</DOCNO><HEADLINE><P>Open head"
                              "</HEADLINE><TEXT><P>One.<P>Two\nlines.<P>Three.</TEXT>"
                              "<DOC><DOCNO>LA010290-0002</DOCNO><TEXT><P>Second doc.",
                              &err),
                     CHORUS_OK);
    assert_int_equal(c.arts.len, 2);
    assert_string_equal(c.arts.items[0].title, "Open head");
    assert_string_equal(c.arts.items[0].date, "1990-01-01");
    assert_string_equal(c.arts.items[0].body, "One.\nTwo lines.\nThree.");
    assert_string_equal(c.arts.items[1].body, "Second doc.");
    S_collect_free(&c);

    S_collect_init(&c);
    c.keep = 0;
    buf b = BUF_INIT;
    buf_puts(&b, "<DOC>\n<DOCNO> AP900101-0001 </DOCNO>\n");
    while (b.len < 2u * 1024 * 1024)
        buf_puts(&b, "<X a=1> <F P=1> word <B> a < b ");
    buf_puts(&b, "<TEXT>\n");
    while (b.len < 4u * 1024 * 1024)
        buf_puts(&b, "<P>Para. <F P=1> <X>");
    buf_puts(&b, "</TEXT></DOC>\n");
    double t0 = S_now();
    assert_int_equal(S_buffer(&c, "x", b.data, &err), CHORUS_OK);
    double t = S_now() - t0;
    print_message("4 MB of unclosed tags: %.2fs\n", t);
    assert_true(t < 10);
    assert_int_equal(c.count, 1);
    buf_free(&b);
    S_collect_free(&c);
}

static void test_html_not_yet(void **state)
{
    /* The HTML reader has landed (read_html.c, tests/test_html.c): a page is read, and a page
     * without article text is empty. */
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    assert_int_equal(S_buffer(&c, "p.html",
                              "<!DOCTYPE html><html><p>The river rose above its banks on Monday and "
                              "closed the old bridge for the rest of the week.</p></html>",
                              &err),
                     CHORUS_OK);
    assert_int_equal(c.count, 1);
    assert_int_equal(S_buffer(&c, "q.html", "<!DOCTYPE html><html><p>Hi.</p></html>", &err),
                     CHORUS_ERR_EMPTY);
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * Robustness: encodings and contents
 * ------------------------------------------------------------------------------------------- */

static void test_binary_and_empty_buffers(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    chorus_options o = S_opts(&c);
    assert_int_equal(ingest_buffer("bin.dat", "Title\n\nab\0cd", 12, &o, S_sink, &c, &err),
                     CHORUS_ERR_FORMAT);
    assert_string_equal(err.message, "bin.dat: binary file (NUL byte at offset 9)");
    assert_int_equal(ingest_buffer("e.txt", "", 0, &o, S_sink, &c, &err), CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, "e.txt: empty file");
    assert_int_equal(ingest_buffer("e.txt", " \n\t\r\n ", 6, &o, S_sink, &c, &err),
                     CHORUS_ERR_EMPTY);
    assert_int_equal(ingest_buffer("e.txt", "\xEF\xBB\xBF\n", 4, &o, S_sink, &c, &err),
                     CHORUS_ERR_EMPTY);
    assert_int_equal(ingest_buffer("e.txt", NULL, 0, &o, S_sink, &c, &err), CHORUS_ERR_EMPTY);
    /* NULL options are the defaults */
    assert_int_equal(ingest_buffer("ok.txt", "T\n\nBody.", 8, NULL, S_sink, &c, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    assert_int_equal(c.warnings.len, 0);
    S_collect_free(&c);
}

static void test_utf8(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    const char bad[] = "Title\n\nCaf\xE9 au lait.\nNa\xEF\xBF ve \xC3\xA9t\xC3\xA9.\n";
    chorus_options o = S_opts(&c);
    assert_int_equal(ingest_buffer("bad.txt", bad, sizeof bad - 1, &o, S_sink, &c, &err),
                     CHORUS_OK);
    assert_int_equal(c.warnings.len, 1); /* once per file */
    assert_string_equal(c.warnings.items[0],
                        "bad.txt: invalid UTF-8 at byte 10 (3 bytes replaced)");
    assert_string_equal(c.arts.items[0].body, "Caf\xEF\xBF\xBD au lait.\n"
                                              "Na\xEF\xBF\xBD\xEF\xBF\xBD ve \xC3\xA9t\xC3\xA9.");
    o.strict = 1;
    assert_int_equal(ingest_buffer("bad.txt", bad, sizeof bad - 1, &o, S_sink, &c, &err),
                     CHORUS_ERR_UTF8);
    assert_string_equal(err.message, "bad.txt: invalid UTF-8 at byte 10 (3 bytes replaced)");
    assert_int_equal(c.arts.len, 1);
    /* one bad byte: singular */
    o.strict = 0;
    assert_int_equal(ingest_buffer("one.txt", "T\n\n\xFF.", 5, &o, S_sink, &c, &err), CHORUS_OK);
    assert_string_equal(c.warnings.items[1], "one.txt: invalid UTF-8 at byte 3 (1 byte replaced)");
    S_collect_free(&c);
}

static void test_bom_crlf(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    assert_int_equal(S_buffer(&c, "h.txt",
                              "\xEF\xBB\xBFTitle here\r\n20200202\r\nhttps://news.example/x\r\n"
                              "Line one.\r\n\r\nLine two.\r\n",
                              &err),
                     CHORUS_OK);
    art *a = &c.arts.items[0];
    assert_int_equal(a->format, CHORUS_INPUT_HEADER);
    assert_string_equal(a->title, "Title here");
    assert_string_equal(a->date, "2020-02-02");
    assert_string_equal(a->url, "https://news.example/x");
    assert_string_equal(a->body, "Line one.\nLine two.");
    assert_int_equal(S_buffer(&c, "t.txt", "\xEF\xBB\xBFT\r\rOne\rtwo.\r\n\r\nThree.", &err),
                     CHORUS_OK);
    assert_string_equal(c.arts.items[1].title, "T");
    assert_string_equal(c.arts.items[1].body, "One two.\nThree.");
    assert_int_equal(
        S_buffer(&c, "j.jsonl", "\xEF\xBB\xBF{\"text\": \"A.\"}\r\n{\"text\": \"B.\"}\r\n", &err),
        CHORUS_OK);
    assert_int_equal(c.arts.len, 4);
    assert_string_equal(c.arts.items[3].origin, "j.jsonl:2");
    S_collect_free(&c);
}

/* A 50 MB single line: text and JSON, in linear time. */
static void test_huge_line(void **state)
{
    (void)state;
    const size_t big = 50u * 1024 * 1024;
    collect c;
    S_collect_init(&c);
    c.keep = 0;
    chorus_error err = {0};
    chorus_options o = S_opts(&c);

    buf b = BUF_INIT;
    buf_puts(&b, "Long\n\n");
    buf_reserve(&b, big);
    while (b.len < big)
        buf_append(&b, "word word word word word word word word word word. ", 51);
    double t0 = S_now();
    assert_int_equal(ingest_buffer("big.txt", b.data, b.len, &o, S_sink, &c, &err), CHORUS_OK);
    double t_text = S_now() - t0;
    assert_int_equal(c.count, 1);

    buf j = BUF_INIT;
    buf_reserve(&j, big + 64);
    buf_puts(&j, "{\"title\": \"Long\", \"text\": \"");
    buf_append(&j, b.data + 6, b.len - 6);
    buf_puts(&j, "\"}\n");
    t0 = S_now();
    assert_int_equal(ingest_buffer("big.jsonl", j.data, j.len, &o, S_sink, &c, &err), CHORUS_OK);
    double t_json = S_now() - t0;
    assert_int_equal(c.count, 2);

    /* one line with no break at all: the title alone, so no body */
    memset(b.data, 'x', b.len);
    t0 = S_now();
    assert_int_equal(ingest_buffer("x.txt", b.data, b.len, &o, S_sink, &c, &err), CHORUS_ERR_EMPTY);
    double t_one = S_now() - t0;
    print_message("50 MB line: text %.2fs, JSON %.2fs, no-break %.2fs\n", t_text, t_json, t_one);
    assert_true(t_text < 20 && t_json < 20 && t_one < 20); /* generous: sanitizer builds */
    buf_free(&b);
    buf_free(&j);
    S_collect_free(&c);
}

static chorus_code S_failing_sink(void *ctx, const raw_article *a, chorus_error *err)
{
    (void)ctx, (void)a;
    snprintf(err->message, sizeof err->message, "full");
    err->code = CHORUS_ERR_EMPTY; /* even EMPTY from the sink must not become a skip */
    return CHORUS_ERR_EMPTY;
}

static void test_sink_error(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    c.fail_after = 2;
    chorus_error err = {0};
    assert_int_equal(
        S_buffer(&c, "f.jsonl", "{\"text\":\"a.\"}\n{\"text\":\"b.\"}\n{\"text\":\"c.\"}\n", &err),
        CHORUS_ERR_INVALID);
    assert_string_equal(err.message, "sink says no");
    assert_int_equal(c.count, 2);
    S_collect_free(&c);

    S_writes("a.txt", "T\n\nBody.\n");
    S_writes("b.txt", "T\n\nBody.\n");
    S_collect_init(&c);
    chorus_options o = S_opts(&c);
    assert_int_equal(ingest_path(S_tmp, &o, S_failing_sink, &c, &err), CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, "full");
    assert_int_equal(c.warnings.len, 0);
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * Robustness: paths
 * ------------------------------------------------------------------------------------------- */

static void test_missing_path(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    assert_int_equal(S_path(&c, S_at("nope"), &err), CHORUS_ERR_IO);
    char want[4200];
    snprintf(want, sizeof want, "%s: No such file or directory", S_at("nope"));
    assert_string_equal(err.message, want);
    assert_int_equal(S_path(&c, "", &err), CHORUS_ERR_INVALID);
    S_collect_free(&c);
}

static void test_empty_dir(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    S_mkdir("empty");
    assert_int_equal(S_path(&c, S_at("empty"), &err), CHORUS_ERR_EMPTY);
    char want[4200];
    snprintf(want, sizeof want, "%s: no articles found", S_at("empty"));
    assert_string_equal(err.message, want);

    /* only skippable files: still no articles */
    S_writes("empty/.hidden.txt", "T\n\nHidden body.\n");
    S_writes("empty/blank.txt", "\n  \n");
    S_write("empty/bin.txt", "T\n\n\0\0", 5);
    S_writes("empty/title-only.txt", "Just a title\n");
    assert_int_equal(S_path(&c, S_at("empty"), &err), CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, want);
    assert_int_equal(c.warnings.len, 3);
    assert_true(S_has_warning(&c, "bin.txt: binary file (NUL byte at offset 3), skipped"));
    assert_true(S_has_warning(&c, "blank.txt: empty file, skipped"));
    assert_true(S_has_warning(&c, "title-only.txt: no body text, skipped"));
    assert_false(S_has_warning(&c, "hidden"));
    S_collect_free(&c);
}

static void test_named_files(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    char want[4200];
    S_writes("blank.txt", "");
    assert_int_equal(S_path(&c, S_at("blank.txt"), &err), CHORUS_ERR_EMPTY);
    snprintf(want, sizeof want, "%s: empty file", S_at("blank.txt"));
    assert_string_equal(err.message, want);
    S_write("bin.txt", "ab\0", 3);
    assert_int_equal(S_path(&c, S_at("bin.txt"), &err), CHORUS_ERR_FORMAT);
    snprintf(want, sizeof want, "%s: binary file (NUL byte at offset 2)", S_at("bin.txt"));
    assert_string_equal(err.message, want);
    S_writes(".hidden.txt", "Named hidden\n\nBody.\n");
    assert_int_equal(S_path(&c, S_at(".hidden.txt"), &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    assert_string_equal(c.arts.items[0].id, ".hidden.txt");
    S_collect_free(&c);
}

static void test_dir_errors_stop(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    S_writes("a.txt", "T\n\nBody.\n");
    S_writes("b.jsonl", "{\"text\": \"x.\"}\n{oops}\n");
    S_writes("c.txt", "T\n\nBody.\n");
    assert_int_equal(S_path(&c, S_tmp, &err), CHORUS_ERR_FORMAT);
    char want[4200];
    snprintf(want, sizeof want, "%s/b.jsonl:2: invalid JSON: ", S_tmp);
    assert_int_equal(strncmp(err.message, want, strlen(want)), 0);
    assert_int_equal(c.count, 2); /* a.txt, then line 1 of b.jsonl; c.txt never read */

    /* invalid UTF-8 in strict mode is an error in a walk too */
    S_rm_rf(S_at("b.jsonl"));
    S_writes("b.txt", "T\n\nBad \xC0 byte.\n");
    chorus_options o = S_opts(&c);
    o.strict = 1;
    assert_int_equal(ingest_path(S_tmp, &o, S_sink, &c, &err), CHORUS_ERR_UTF8);
    snprintf(want, sizeof want, "%s/b.txt: invalid UTF-8 at byte 7 (1 byte replaced)", S_tmp);
    assert_string_equal(err.message, want);
    S_collect_free(&c);
}

static void test_nested_sorted(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    S_mkdir("b");
    S_mkdir("b/inner");
    S_mkdir("B");
    S_mkdir(".git");
    S_writes(".git/config.txt", "Hidden dir\n\nNever read.\n");
    S_writes("a.txt", "A\n\nBody a.\n");
    S_writes("b/z.txt", "BZ\n\nBody.\n");
    S_writes("b/inner/y.txt", "BIY\n\nBody.\n");
    S_writes("b/a.txt", "BA\n\nBody.\n");
    S_writes("B/x.txt", "UpperB\n\nBody.\n");
    S_writes("a b.txt", "Space\n\nBody.\n");
    S_writes("_.txt", "Under\n\nBody.\n");
    S_writes("\xC3\xA9.txt", "Eacute\n\nBody.\n");
    /* a symlink loop back to the top, and a dangling link */
    assert_int_equal(symlink(S_tmp, S_at("b/inner/loop")), 0);
    char target[4200];
    snprintf(target, sizeof target, "%s", S_at("missing")); /* S_at reuses its buffer */
    assert_int_equal(symlink(target, S_at("dangling.txt")), 0);
    assert_int_equal(symlink("self.txt", S_at("self.txt")), 0); /* a link to itself */
    /* a symlink to a file outside is followed */
    char outside[300];
    snprintf(outside, sizeof outside, "%s-outside.txt", S_tmp);
    FILE *f = fopen(outside, "w");
    assert_non_null(f);
    fputs("Linked\n\nBody.\n", f);
    fclose(f);
    assert_int_equal(symlink(outside, S_at("link.txt")), 0);

    char dir[300];
    snprintf(dir, sizeof dir, "%s/", S_tmp); /* a trailing slash does not double */
    assert_int_equal(S_path(&c, dir, &err), CHORUS_OK);
    unlink(outside);
    /* byte order: "B" < "_" < "a b" < "a." < "b" < ... < "\xC3\xA9" */
    const char *want[] = {"UpperB", "Under", "Space", "A", "BA", "BIY", "BZ", "Linked", "Eacute"};
    assert_int_equal(c.arts.len, sizeof want / sizeof *want);
    for (size_t i = 0; i < c.arts.len; i++)
        assert_string_equal(c.arts.items[i].title, want[i]);
    char origin[4200];
    snprintf(origin, sizeof origin, "%s/b/inner/y.txt", S_tmp);
    assert_string_equal(c.arts.items[5].origin, origin);
    assert_string_equal(c.arts.items[5].id, "y.txt");
    assert_true(S_has_warning(&c, "loop: directory loop"));
    assert_true(S_has_warning(&c, "dangling.txt: No such file or directory, skipped"));
    assert_true(S_has_warning(&c, "self.txt: Too many levels of symbolic links, skipped"));
    assert_int_equal(c.warnings.len, 3);
    S_collect_free(&c);
}

static void test_many_files(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    c.keep = 0;
    chorus_error err = {0};
    S_mkdir("many");
    char name[64], body[64];
    for (int i = 0; i < 10000; i++) {
        snprintf(name, sizeof name, "many/%05d.txt", i);
        int n = snprintf(body, sizeof body, "Title %d\n\nBody %d.\n", i, i);
        S_write(name, body, (size_t)n);
    }
    double t0 = S_now();
    assert_int_equal(S_path(&c, S_at("many"), &err), CHORUS_OK);
    double t = S_now() - t0;
    print_message("10,000 files read in %.2fs\n", t);
    assert_int_equal(c.count, 10000);
    assert_true(t < 20);
    S_collect_free(&c);
}

static void test_stdin(void **state)
{
    (void)state;
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    S_writes("in.txt", "From a pipe\n20230303\nhttps://www.pipe.example/a\nPiped body.\n");
    assert_non_null(freopen(S_at("in.txt"), "rb", stdin));
    assert_int_equal(S_path(&c, "-", &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    art *a = &c.arts.items[0];
    assert_string_equal(a->origin, "-");
    assert_string_equal(a->id, "stdin");
    assert_string_equal(a->source, "pipe.example"); /* the URL wins over "stdin" */
    assert_string_equal(a->date, "2023-03-03");
    S_writes("in2.txt", "");
    assert_non_null(freopen(S_at("in2.txt"), "rb", stdin));
    assert_int_equal(S_path(&c, "-", &err), CHORUS_ERR_EMPTY);
    assert_string_equal(err.message, "<stdin>: empty file");
    S_writes("in3.txt", "T\n\nNo URL.\n");
    assert_non_null(freopen(S_at("in3.txt"), "rb", stdin));
    assert_int_equal(S_path(&c, "-", &err), CHORUS_OK);
    assert_string_equal(c.arts.items[1].source, "stdin");
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * Shared data: the seeds and every DUC 2001/2002 document
 * ------------------------------------------------------------------------------------------- */

static int S_have_shared(const char *rel, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", CHORUS_SHARED_DIR, rel);
    struct stat st;
    if (stat(path, &st) != 0) {
        print_message("skipped: %s not found\n", path);
        return 0;
    }
    return 1;
}

static void test_seeds(void **state)
{
    (void)state;
    char dir[1024];
    if (!S_have_shared("seeds", dir, sizeof dir))
        skip();
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    assert_int_equal(S_path(&c, dir, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 5);
    assert_int_equal(c.warnings.len, 0);
    static const struct {
        const char *id_prefix;
        chorus_input_format format;
        const char *title_prefix, *date, *source;
    } want[5] = {
        {"000_", CHORUS_INPUT_HEADER, "US says no breakthrough", "2022-01-10", "komu.com"},
        {"001_", CHORUS_INPUT_HEADER, "No progress seen after", "2022-01-10", "abqjournal.com"},
        {"002_", CHORUS_INPUT_TEXT, "US says no breakthrough", NULL, "002_"},
        {"003_", CHORUS_INPUT_TEXT, "US-Russian talks on Ukraine", NULL, "003_"},
        {"004_", CHORUS_INPUT_TEXT, "Little sign of progress", NULL, "004_"},
    };
    for (size_t i = 0; i < 5; i++) {
        art *a = &c.arts.items[i];
        assert_int_equal(strncmp(a->id, want[i].id_prefix, 4), 0);
        assert_int_equal(a->format, want[i].format);
        assert_int_equal(strncmp(a->title, want[i].title_prefix, strlen(want[i].title_prefix)), 0);
        if (want[i].date) {
            assert_string_equal(a->date, want[i].date);
            assert_int_equal(strncmp(a->url, "https://", 8), 0);
        } else {
            assert_null(a->date);
            assert_null(a->url);
        }
        assert_int_equal(strncmp(a->source, want[i].source, strlen(want[i].source)), 0);
        size_t paras = 1;
        for (const char *p = a->body; *p; p++)
            paras += *p == '\n';
        assert_true(paras >= 10);
        print_message("seed %s: %s, %zu paragraphs\n", a->id,
                      a->format == CHORUS_INPUT_HEADER ? "header" : "text", paras);
    }
    /* 002's section headings stay their own paragraphs */
    assert_non_null(strstr(c.arts.items[2].body, "\nWeek of high-stakes talks\n"));
    assert_non_null(strstr(c.arts.items[2].body, "\nBreakthrough unlikely\n"));
    S_collect_free(&c);
}

static void S_duc_year(const char *year, size_t want_docs)
{
    char rel[64], dir[1024];
    snprintf(rel, sizeof rel, "data/%s/docs", year);
    if (!S_have_shared(rel, dir, sizeof dir))
        skip();
    collect c;
    S_collect_init(&c);
    chorus_error err = {0};
    assert_int_equal(S_path(&c, dir, &err), CHORUS_OK);
    assert_int_equal(c.warnings.len, 0);
    assert_int_equal(c.arts.len, want_docs);
    size_t titles = 0, no_title_ap = 0;
    for (size_t i = 0; i < c.arts.len; i++) {
        art *a = &c.arts.items[i];
        assert_int_equal(a->format, CHORUS_INPUT_SGML);
        assert_non_null(a->date);
        assert_true(a->body[0] != '\0');
        /* the id is the DOCNO, which is also the file name */
        const char *slash = strrchr(a->origin, '/');
        assert_string_equal(a->id, slash + 1);
        /* the source is the DOCNO prefix */
        assert_int_equal(strncmp(a->id, a->source, strlen(a->source)), 0);
        /* the date agrees with the DOCNO where it carries one */
        if (strcmp(a->source, "AP") == 0 || strcmp(a->source, "WSJ") == 0) {
            const char *d = a->id + strlen(a->source);
            assert_int_equal(memcmp(a->date + 2, d, 2), 0);
            assert_int_equal(memcmp(a->date + 5, d + 2, 2), 0);
        }
        /* no markup and no header leaks into the body */
        assert_null(strstr(a->body, "<P>"));
        assert_null(strstr(a->body, "</"));
        assert_null(strstr(a->body, "&amp;"));
        assert_null(strstr(a->body, "[Text]"));
        assert_null(strstr(a->body, "Article Type:"));
        /* SJMN's paragraph separator ";" is gone */
        if (strcmp(a->source, "SJMN") == 0) {
            assert_null(strstr(a->body, ".; "));
            assert_null(strstr(a->body, ";\n"));
            assert_true(a->body[strlen(a->body) - 1] != ';');
        }
        if (a->title)
            titles++;
        else if (strcmp(a->source, "AP") == 0)
            no_title_ap++; /* a few AP stories have no headline before their text */
        else
            fail_msg("%s has no title", a->id);
    }
    print_message("DUC %s: %zu documents, %zu with a date, %zu with a title (%zu AP without "
                  "a headline)\n",
                  year, c.arts.len, c.arts.len, titles, no_title_ap);
    S_collect_free(&c);
}

static void test_duc2001(void **state)
{
    (void)state;
    S_duc_year("duc2001", 607);
}

static void test_duc2002(void **state)
{
    (void)state;
    S_duc_year("duc2002", 567);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_date),
        cmocka_unit_test(test_source_from_url),
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_text),
        cmocka_unit_test(test_jsonl),
        cmocka_unit_test(test_sgml_sources),
        cmocka_unit_test(test_sgml_multi),
        cmocka_unit_test(test_sgml_unclosed),
        cmocka_unit_test(test_html_not_yet),
        cmocka_unit_test(test_binary_and_empty_buffers),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_bom_crlf),
        cmocka_unit_test(test_huge_line),
        cmocka_unit_test_setup_teardown(test_sink_error, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_missing_path, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_empty_dir, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_named_files, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_dir_errors_stop, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_nested_sorted, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_many_files, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test_setup_teardown(test_stdin, S_setup_tmp, S_teardown_tmp),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_duc2001),
        cmocka_unit_test(test_duc2002),
    };
    return cmocka_run_group_tests_name("ingest", tests, NULL, NULL);
}
