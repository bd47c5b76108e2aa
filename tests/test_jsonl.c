/* Tests of the JSON Lines reader (src/ingest/read_jsonl.c): every field, escapes, repeated keys,
 * bodies as arrays, skipped nested values, each error message, and a differential test against
 * the reader it replaced, which parsed each line with json-c. That reader is kept below, as it
 * was, as the oracle: the new parser must accept and reject the same lines and extract the same
 * fields. */
#define _POSIX_C_SOURCE 200809L
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/io.h"
#include "core/vec.h"
#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "text/utf8.h"

/* ---------------------------------------------------------------------------------------------
 * Harness: a sink that copies what it gets, a warning collector
 * ------------------------------------------------------------------------------------------- */

typedef struct art {
    char *origin, *id, *title, *date, *url, *source, *body;
} art;

typedef struct collect {
    VEC(art) arts;
    VEC(char *) warnings;
} collect;

static char *S_dup(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static chorus_code S_sink(void *ctx, const raw_article *a, chorus_error *err)
{
    (void)err;
    collect *c = ctx;
    assert_int_equal(strlen(a->body), a->body_len);
    art x = {S_dup(a->origin), S_dup(a->id),     S_dup(a->title), S_dup(a->date),
             S_dup(a->url),    S_dup(a->source), S_dup(a->body)};
    VEC_PUSH(&c->arts, x);
    return CHORUS_OK;
}

static void S_warn(void *userdata, const char *msg)
{
    collect *c = userdata;
    VEC_PUSH(&c->warnings, xstrdup(msg));
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
    memset(c, 0, sizeof *c);
}

static chorus_options S_opts(collect *c)
{
    chorus_options o;
    memset(&o, 0, sizeof o);
    o.input_format = CHORUS_INPUT_JSONL;
    o.warn = S_warn;
    o.warn_userdata = c;
    return o;
}

/* Reads data (len bytes) as JSON Lines through the real entry point. */
static chorus_code S_read(collect *c, const char *data, size_t len, chorus_error *err)
{
    chorus_options o = S_opts(c);
    memset(err, 0, sizeof *err);
    return ingest_buffer("f.jsonl", data, len, &o, S_sink, c, err);
}

static void S_compare(const char *data, size_t len, size_t *accepted, size_t *msg_diff);
static chorus_code O_read(collect *c, const char *data, size_t len, chorus_error *err);

/* Reads one line that must give one article; returns it. */
static const art *S_read_one(collect *c, const char *line)
{
    chorus_error err;
    S_collect_free(c);
    chorus_code rc = S_read(c, line, strlen(line), &err);
    if (rc != CHORUS_OK)
        fail_msg("%s: %s", line, err.message);
    assert_int_equal(c->arts.len, 1);
    return &c->arts.items[0];
}

/* The same, and json-c must read it alike. */
static const art *S_one(collect *c, const char *line)
{
    size_t accepted = 0, msg_diff = 0;
    S_compare(line, strlen(line), &accepted, &msg_diff);
    return S_read_one(c, line);
}

/* Reads one line that must fail; returns the message. */
static const char *S_error(const char *line)
{
    static chorus_error err;
    collect c;
    memset(&c, 0, sizeof c);
    chorus_code rc = S_read(&c, line, strlen(line), &err);
    S_collect_free(&c);
    if (rc == CHORUS_OK)
        fail_msg("accepted: %s", line);
    chorus_error oerr;
    O_read(&c, line, strlen(line), &oerr);
    S_collect_free(&c);
    if (strcmp(oerr.message, err.message) != 0)
        fail_msg("%s: json-c said \"%s\"", line, oerr.message);
    return err.message;
}

/* ---------------------------------------------------------------------------------------------
 * The oracle: the json-c reader as it was
 * ------------------------------------------------------------------------------------------- */

static char *O_field(json_object *obj, const char *key)
{
    json_object *v;
    if (!json_object_object_get_ex(obj, key, &v) || !v)
        return NULL;
    if (!json_object_is_type(v, json_type_string) && !json_object_is_type(v, json_type_int))
        return NULL;
    const char *s = json_object_get_string(v);
    size_t n = json_object_is_type(v, json_type_string) ? (size_t)json_object_get_string_len(v)
                                                        : strlen(s);
    buf out = BUF_INIT;
    utf8_sanitize(s, n, &out, NULL);
    size_t w = 0;
    for (size_t r = 0; r < out.len; r++)
        if (out.data[r] != '\0')
            out.data[w++] = out.data[r];
    out.len = w;
    const char *t = ingest_trim(out.data, &w);
    char *res = w ? xstrndup(t, w) : NULL;
    buf_free(&out);
    return res;
}

static char *O_line_field(json_object *obj, const char *key)
{
    char *s = O_field(obj, key);
    if (s)
        for (char *c = s; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
    return s;
}

static void O_add_text(ingest_paras *body, json_object *v)
{
    const char *s = json_object_get_string(v);
    size_t n = (size_t)json_object_get_string_len(v);
    buf clean = BUF_INIT;
    utf8_sanitize(s, n, &clean, NULL);
    for (size_t i = 0; i < clean.len; i++)
        if (clean.data[i] == '\0' || clean.data[i] == '\r')
            clean.data[i] = '\n';
    ingest_paras_text(body, clean.data ? clean.data : "", clean.len);
    ingest_paras_break(body);
    buf_free(&clean);
}

static void O_body(json_object *obj, ingest_paras *body)
{
    static const char *const keys[] = {"text", "content", "body"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys && !body->out.len; k++) {
        json_object *v;
        if (!json_object_object_get_ex(obj, keys[k], &v) || !v)
            continue;
        if (json_object_is_type(v, json_type_string)) {
            O_add_text(body, v);
        } else if (json_object_is_type(v, json_type_array)) {
            size_t count = json_object_array_length(v);
            for (size_t i = 0; i < count; i++) {
                json_object *item = json_object_array_get_idx(v, i);
                if (item && json_object_is_type(item, json_type_string))
                    O_add_text(body, item);
            }
        }
    }
}

static chorus_code O_article(ingest_file *f, json_object *obj, size_t lineno, chorus_error *err)
{
    ingest_paras body = INGEST_PARAS_INIT;
    O_body(obj, &body);
    if (!body.out.len) {
        ingest_warn(f, "%s:%zu: no text, skipped", f->name, lineno);
        ingest_paras_free(&body);
        return CHORUS_OK;
    }
    char *title = O_line_field(obj, "title");
    char *url = O_line_field(obj, "url");
    char *source = O_line_field(obj, "source");
    char *id = O_line_field(obj, "id");
    char *date_text = O_line_field(obj, "date");
    char date[11];
    int have_date = 0;
    if (date_text) {
        have_date = ingest_parse_date(date_text, strlen(date_text), date);
        if (!have_date)
            ingest_warn(f, "%s:%zu: unrecognized date \"%.40s\", ignored", f->name, lineno,
                        date_text);
    }
    buf origin = BUF_INIT, fallback_id = BUF_INIT;
    buf_printf(&origin, "%s:%zu", f->origin, lineno);
    if (!id)
        buf_printf(&fallback_id, "%s:%zu", f->base, lineno);
    raw_article a = {
        .origin = origin.data,
        .id = id ? id : fallback_id.data,
        .title = title,
        .date = have_date ? date : NULL,
        .url = url,
        .source = source,
        .body = body.out.data,
        .body_len = body.out.len,
    };
    chorus_code rc = ingest_emit(f, &a, err);
    buf_free(&origin);
    buf_free(&fallback_id);
    free(title), free(url), free(source), free(id), free(date_text);
    ingest_paras_free(&body);
    return rc;
}

static json_object *O_parse(ingest_file *f, json_tokener *tok, const char *line, size_t n,
                            size_t lineno, chorus_error *err)
{
    json_tokener_reset(tok);
    json_object *obj = json_tokener_parse_ex(tok, line, (int)n);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    if (!obj && jerr == json_tokener_success)
        jerr = json_tokener_error_parse_null;
    if (jerr == json_tokener_continue) {
        error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: unexpected end of line", f->name,
                  lineno);
        return NULL;
    }
    if (jerr != json_tokener_success) {
        error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: %s", f->name, lineno,
                  json_tokener_error_desc(jerr));
        json_object_put(obj);
        return NULL;
    }
    size_t end = json_tokener_get_parse_end(tok);
    size_t rest = n - end;
    ingest_trim(line + end, &rest);
    if (rest) {
        error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: unexpected text after the object",
                  f->name, lineno);
        json_object_put(obj);
        return NULL;
    }
    if (!json_object_is_type(obj, json_type_object)) {
        error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: expected an object, got %s",
                  f->name, lineno, json_type_to_name(json_object_get_type(obj)));
        json_object_put(obj);
        return NULL;
    }
    return obj;
}

/* The old ingest_read_jsonl, on data that is already what the funnel hands a reader: valid
 * UTF-8, no NUL, no CR, no BOM. */
static chorus_code O_read(collect *c, const char *data, size_t len, chorus_error *err)
{
    chorus_options o = S_opts(c);
    memset(err, 0, sizeof *err);
    ingest_file fl = {
        .name = "f.jsonl",
        .origin = "f.jsonl",
        .base = "f.jsonl",
        .data = data,
        .len = len,
        .format = CHORUS_INPUT_JSONL,
        .opts = &o,
        .sink = S_sink,
        .sink_ctx = c,
    };
    ingest_file *f = &fl;
    json_tokener *tok = json_tokener_new();
    size_t pos = 0, n, lineno = 0;
    const char *line;
    chorus_code rc = CHORUS_OK;
    while (rc == CHORUS_OK && ingest_next_line(f->data, f->len, &pos, &line, &n)) {
        lineno++;
        size_t t = n;
        ingest_trim(line, &t);
        if (!t)
            continue;
        json_object *obj = O_parse(f, tok, line, n, lineno, err);
        if (!obj) {
            rc = CHORUS_ERR_FORMAT;
            break;
        }
        rc = O_article(f, obj, lineno, err);
        json_object_put(obj);
    }
    json_tokener_free(tok);
    if (rc == CHORUS_OK && f->emitted == 0)
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no articles found", f->name);
    return rc;
}

/* ---------------------------------------------------------------------------------------------
 * Fields, escapes, keys, bodies
 * ------------------------------------------------------------------------------------------- */

static void test_fields(void **state)
{
    (void)state;
    collect c;
    memset(&c, 0, sizeof c);
    const art *a = S_one(&c, "{\"title\": \" Big\\tnews\\n \", \"url\": \"https://www.x.example/a\","
                             " \"source\": \"X\", \"id\": \"a-1\", \"date\": \"2021-03-04T08:00Z\","
                             " \"text\": \"One.\\n\\nTwo.\"}");
    assert_string_equal(a->title, "Big news");
    assert_string_equal(a->url, "https://www.x.example/a");
    assert_string_equal(a->source, "X");
    assert_string_equal(a->id, "a-1");
    assert_string_equal(a->date, "2021-03-04");
    assert_string_equal(a->body, "One.\nTwo.");
    assert_string_equal(a->origin, "f.jsonl:1");

    /* an integer id is its decimal text; any other type is no id */
    assert_string_equal(S_one(&c, "{\"id\": 42, \"text\": \"t.\"}")->id, "42");
    assert_string_equal(S_one(&c, "{\"id\": -007, \"text\": \"t.\"}")->id, "-7");
    assert_string_equal(S_one(&c, "{\"id\": -0, \"text\": \"t.\"}")->id, "0");
    assert_string_equal(S_one(&c, "{\"id\": 99999999999999999999, \"text\": \"t.\"}")->id,
                        "18446744073709551615");
    assert_string_equal(S_one(&c, "{\"id\": -99999999999999999999, \"text\": \"t.\"}")->id,
                        "-9223372036854775808");
    assert_string_equal(S_one(&c, "{\"id\": 1.5, \"text\": \"t.\"}")->id, "f.jsonl:1");
    assert_string_equal(S_one(&c, "{\"id\": 1e, \"text\": \"t.\"}")->id, "f.jsonl:1");
    assert_string_equal(S_one(&c, "{\"id\": true, \"text\": \"t.\"}")->id, "f.jsonl:1");
    assert_string_equal(S_one(&c, "{\"id\": null, \"text\": \"t.\"}")->id, "f.jsonl:1");
    assert_string_equal(S_one(&c, "{\"id\": \"  \", \"text\": \"t.\"}")->id, "f.jsonl:1");
    assert_null(S_one(&c, "{\"title\": [\"x\"], \"text\": \"t.\"}")->title);
    assert_null(S_one(&c, "{\"title\": {\"x\": 1}, \"text\": \"t.\"}")->title);
    S_collect_free(&c);
}

static void test_escapes(void **state)
{
    (void)state;
    collect c;
    memset(&c, 0, sizeof c);
    const art *a = S_one(&c, "{\"title\": \"q\\\" b\\\\ s\\/ \\u00e9\\u20AC \\ud83d\\ude00\","
                             " \"text\": \"a\\bb\\fc\\td\\re\\nf\"}");
    assert_string_equal(a->title, "q\" b\\ s/ \xC3\xA9\xE2\x82\xAC \xF0\x9F\x98\x80");
    assert_string_equal(a->body, "a\bb\fc\td e f"); /* wrapped lines rejoin */
    /* "\u0000": dropped from fields, a line break in bodies; lone surrogates: U+FFFD */
    a = S_one(&c, "{\"title\": \"Nul\\u0000byte\", \"text\": \"A\\u0000B. \\ud800 lone \\udc00."
                  " \\ud83d\\u0041 \\ud83d\\ud83d\\ude00 \\ud83d\\n end\\ud83d\"}");
    assert_string_equal(a->title, "Nulbyte");
    assert_string_equal(a->body, "A\nB. \xEF\xBF\xBD lone \xEF\xBF\xBD. \xEF\xBF\xBD"
                                 "A \xEF\xBF\xBD\xF0\x9F\x98\x80 \xEF\xBF\xBD "
                                 "end\xEF\xBF\xBD");
    /* Pairs giving U+1DE00 and U+1D800, which json-c misread (it tested the paired code point
     * for a surrogate on its low 16 bits: U+FFFD, and a wait for a second low half). */
    a = S_read_one(&c, "{\"title\": \"\\ud837\\ude00|\\ud836\\udc00|\\ud836\\udc00\\udc00\","
                       " \"text\": \"\\ud83d\\ude00\"}");
    assert_string_equal(a->title,
                        "\xF0\x9D\xB8\x80|\xF0\x9D\xA0\x80|\xF0\x9D\xA0\x80\xEF\xBF\xBD");
    /* raw UTF-8 and tabs pass through; single quotes as json-c takes them */
    a = S_one(&c, "{'title': '\xC3\xA9t\xC3\xA9 \"q\"', 'text': 'x\ty.'}");
    assert_string_equal(a->title, "\xC3\xA9t\xC3\xA9 \"q\"");
    assert_string_equal(a->body, "x\ty.");
    /* an escaped key: "\u0074itle" is "title"; json-c cut keys at an escaped NUL */
    a = S_one(&c, "{\"\\u0074itle\": \"T\", \"text\\u0000junk\": \"b.\"}");
    assert_string_equal(a->title, "T");
    assert_string_equal(a->body, "b.");
    S_collect_free(&c);
}

static void test_keys_and_bodies(void **state)
{
    (void)state;
    collect c;
    memset(&c, 0, sizeof c);
    /* a repeated key: the last value wins, whatever its type */
    const art *a = S_one(&c, "{\"title\": \"one\", \"text\": \"x.\", \"title\": \"two\"}");
    assert_string_equal(a->title, "two");
    a = S_one(&c, "{\"title\": \"one\", \"text\": \"x.\", \"title\": null}");
    assert_null(a->title);
    a = S_one(&c, "{\"text\": [\"a.\"], \"text\": \"b.\"}");
    assert_string_equal(a->body, "b.");
    a = S_one(&c, "{\"text\": \"a.\", \"text\": [\"b.\", \"c.\"]}");
    assert_string_equal(a->body, "b.\nc.");
    /* text, else content, else body: the first one that gives text */
    a = S_one(&c, "{\"body\": \"B.\", \"content\": \"C.\", \"text\": \"T.\"}");
    assert_string_equal(a->body, "T.");
    a = S_one(&c, "{\"body\": \"B.\", \"content\": \"C.\", \"text\": \" \\n \"}");
    assert_string_equal(a->body, "C.");
    a = S_one(&c, "{\"body\": \"B.\", \"content\": [1, null], \"text\": 5}");
    assert_string_equal(a->body, "B.");
    /* an array body: string items are paragraphs, anything else is skipped */
    a = S_one(&c, "{\"body\": [\"P1.\", 2, [\"no\"], {\"t\": \"no\"}, null, \"P2.\\nmore\"]}");
    assert_string_equal(a->body, "P1.\nP2.\nmore");
    /* nested values elsewhere are skipped, strings with escapes and brackets included */
    a = S_one(&c, "{\"meta\": {\"a\": [1, {\"b\": \"}]\\\"{[\"}, -1.5e3, true, false, null],"
                  " \"text\": \"inner\"}, \"tags\": [[[]]], \"text\": \"outer.\", \"n\": NaN,"
                  " \"i\": -Infinity, /* c */ \"t\": TRUE,}");
    assert_string_equal(a->body, "outer.");
    /* a block comment ends at its first star-slash, also after another star (json-c went on) */
    a = S_read_one(&c, "{\"text\": \"c.\" /* note **/ , \"title\": \"T\"}");
    assert_string_equal(a->title, "T");
    S_collect_free(&c);

    /* a stub is skipped with a warning; line numbers count blank lines */
    chorus_error err;
    const char *data = "{\"text\": \"a.\"}\n\n  \n{\"title\": \"stub\"}\n{\"text\": \"b.\", "
                       "\"date\": \"soon\"}\n";
    assert_int_equal(S_read(&c, data, strlen(data), &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 2);
    assert_string_equal(c.arts.items[1].id, "f.jsonl:5");
    assert_int_equal(c.warnings.len, 2);
    assert_string_equal(c.warnings.items[0], "f.jsonl:4: no text, skipped");
    assert_string_equal(c.warnings.items[1], "f.jsonl:5: unrecognized date \"soon\", ignored");
    S_collect_free(&c);
}

/* ---------------------------------------------------------------------------------------------
 * Errors
 * ------------------------------------------------------------------------------------------- */

static void test_errors(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"{\"text\": \"a.\"", "unexpected end of line"},
        {"{\"text\": \"a.", "unexpected end of line"},
        {"{\"text\": \"a.\\", "unexpected end of line"},
        {"{\"text\": \"a.\\u12", "unexpected end of line"},
        {"{\"text\": 12", "unexpected end of line"},
        {"{\"text\": \"a.\"} // c", "unexpected end of line"},
        {"{\"text\": \"a.\"} /* c", "unexpected end of line"},
        {"{\"text\": \"a.\"} x", "unexpected text after the object"},
        {"{\"text\": \"a.\"}}", "unexpected text after the object"},
        {"{\"text\": \"a.\"}{\"text\": \"b.\"}", "unexpected text after the object"},
        {"[1, 2]", "expected an object, got array"},
        {"\"s\"", "expected an object, got string"},
        {"12 ", "expected an object, got int"},
        {"1.5 ", "expected an object, got double"},
        {"true ", "expected an object, got boolean"},
        {"null ", "null expected"},
        {"{\"text\": nul}", "null expected"},
        {"{\"text\": tru}", "boolean expected"},
        {"{\"text\": 1x}", "number expected"},
        {"{\"text\": -}", "number expected"},
        {"{\"text\": 1.2.3}", "number expected"},
        {"{\"text\": .5}", "unexpected character"},
        {"{\"text\": +1}", "unexpected character"},
        {"{\"text\": }", "unexpected character"},
        {"{\"text\": [,]}", "unexpected character"},
        {"{\"text\": \"\\x\"}", "invalid string sequence"},
        {"{\"text\": \"\\u12G4\"}", "invalid string sequence"},
        {"{\"text\": \"\\'\"}", "invalid string sequence"},
        {"{text: 1}", "quoted object property name expected"},
        {"{\"a\": 1,,}", "quoted object property name expected"},
        {"{\"a\" 1}", "object property name separator ':' expected"},
        {"{\"a\": 1 \"b\": 2}", "object value separator ',' expected"},
        {"{\"a\": [1 2]}", "array value separator ',' expected"},
        {"{\"a\": 1 / 2}", "expected comment"},
        {"\xC2\xA0{\"text\": \"a.\"}", "unexpected character"},
        {"\f{\"text\": \"a.\"}", "unexpected character"},
    };
    char want[600];
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(want, sizeof want, "f.jsonl:1: invalid JSON: %s", cases[i][1]);
        const char *got = S_error(cases[i][0]);
        if (strcmp(got, want) != 0)
            fail_msg("%s: got \"%s\", want \"%s\"", cases[i][0], got, want);
    }
    /* the line number of the first bad line; what came before was read */
    collect c;
    memset(&c, 0, sizeof c);
    chorus_error err;
    const char *data = "{\"text\": \"ok.\"}\n\n{\"text\": \"broken\n{\"text\": \"later.\"}\n";
    assert_int_equal(S_read(&c, data, strlen(data), &err), CHORUS_ERR_FORMAT);
    assert_string_equal(err.message, "f.jsonl:3: invalid JSON: unexpected end of line");
    assert_int_equal(c.arts.len, 1);
    S_collect_free(&c);
    /* a raw NUL byte never reaches the reader: the buffer is binary */
    assert_int_equal(S_read(&c, "{\"text\": \"a\0b\"}\n", 16, &err), CHORUS_ERR_FORMAT);
    assert_non_null(strstr(err.message, "binary file"));
    S_collect_free(&c);
}

/* Nesting: 32 levels as json-c (the top object is level 1), then an error, without recursion. */
static void test_depth(void **state)
{
    (void)state;
    collect c;
    memset(&c, 0, sizeof c);
    buf b = BUF_INIT;
    for (int levels = 30; levels <= 34; levels++) {
        for (int empty_inner = 0; empty_inner < 2; empty_inner++) {
            buf_clear(&b);
            buf_puts(&b, "{\"text\": \"t.\", \"x\": ");
            for (int i = 1; i < levels; i++)
                buf_puts(&b, "[");
            if (!empty_inner)
                buf_puts(&b, "1");
            for (int i = 1; i < levels; i++)
                buf_puts(&b, "]");
            buf_puts(&b, "}");
            chorus_error err, oerr;
            collect oc;
            memset(&oc, 0, sizeof oc);
            chorus_code rc = S_read(&c, b.data, b.len, &err);
            chorus_code orc = O_read(&oc, b.data, b.len, &oerr);
            assert_int_equal(rc, orc);
            assert_string_equal(err.message, oerr.message);
            /* 32 containers with the innermost empty, 31 holding a value */
            int deep_ok = levels + (empty_inner ? 0 : 1) <= 32;
            assert_int_equal(rc == CHORUS_OK, deep_ok);
            if (!deep_ok)
                assert_string_equal(err.message, "f.jsonl:1: invalid JSON: nesting too deep");
            S_collect_free(&c);
            S_collect_free(&oc);
        }
    }
    /* far too deep: an error, not a stack overflow */
    buf_clear(&b);
    buf_puts(&b, "{\"x\": ");
    for (int i = 0; i < 1000000; i++)
        buf_putc(&b, '[');
    chorus_error err;
    assert_int_equal(S_read(&c, b.data, b.len, &err), CHORUS_ERR_FORMAT);
    assert_string_equal(err.message, "f.jsonl:1: invalid JSON: nesting too deep");
    S_collect_free(&c);
    buf_free(&b);
}

/* A 50 MB line: one long string with escapes every few hundred bytes. */
static void test_long_line(void **state)
{
    (void)state;
    size_t target = 50u << 20;
    buf b = BUF_INIT;
    buf_reserve(&b, target + 100);
    buf_puts(&b, "{\"title\": \"Long\", \"text\": \"");
    size_t paras = 0;
    while (b.len < target) {
        for (int i = 0; i < 40; i++)
            buf_puts(&b, "word \\\"q\\\" ");
        buf_puts(&b, "end.\\n\\n");
        paras++;
    }
    buf_puts(&b, "\"}\n");
    collect c;
    memset(&c, 0, sizeof c);
    chorus_error err;
    assert_int_equal(S_read(&c, b.data, b.len, &err), CHORUS_OK);
    assert_int_equal(c.arts.len, 1);
    const char *body = c.arts.items[0].body;
    size_t breaks = 0;
    for (const char *p = body; (p = strchr(p, '\n')) != NULL; p++)
        breaks++;
    assert_int_equal(breaks, paras - 1);
    assert_int_equal(strncmp(body, "word \"q\" word", 13), 0);
    S_collect_free(&c);
    buf_free(&b);
}

/* ---------------------------------------------------------------------------------------------
 * Differential test against the json-c reader
 * ------------------------------------------------------------------------------------------- */

static uint64_t S_rng = 0x9E3779B97F4A7C15ull;

static uint32_t S_rand(uint32_t n)
{
    S_rng ^= S_rng << 13, S_rng ^= S_rng >> 7, S_rng ^= S_rng << 17;
    return (uint32_t)(S_rng >> 11) % n;
}

static void S_pick(buf *b, const char *const *list, size_t n)
{
    buf_puts(b, list[S_rand((uint32_t)n)]);
}
#define PICK(b, list) S_pick(b, list, sizeof list / sizeof *list)

static void S_ws_gen(buf *b)
{
    static const char *const ws[] = {"", "", "", " ", "  ", "\t", " /* c */ ", "/* */", "\r"};
    if (S_rand(3) == 0)
        PICK(b, ws);
}

static void S_string_gen(buf *b, char quote)
{
    static const char *const parts[] = {
        "Word",   " ",      "the ",     ". ",       "\\n",      "\\n\\n", "\\t",    "\\\"",
        "\\\\",   "\\/",    "\\b",      "\\f",      "\\r",      "\\u00e9", "\\u20AC", "\\u0000",
        "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\ud83d\\u0041", "\xC3\xA9", "\t", "{[}]", ",:",
        "\xC2\xA0", "  ", "2021-03-04", "https://www.ex.example/a", "'",      "\\u0041",
        "\\uDBFF\\uDFFF", "\\uD83D\\\\", "\\ud874\\udc00\\udc00"};
    /* Not here: pairs giving U+xD800..U+xDFFF (x >= 1), which json-c misreads (test_escapes). */
    buf_putc(b, quote);
    int n = (int)S_rand(12);
    for (int i = 0; i < n; i++) {
        const char *p = parts[S_rand(sizeof parts / sizeof *parts)];
        if (*p == '\'' && quote == '\'')
            continue;
        buf_puts(b, p);
    }
    buf_putc(b, quote);
}

static void S_value_gen(buf *b, int depth, int bodyish);

static void S_array_gen(buf *b, int depth, int bodyish)
{
    buf_putc(b, '[');
    int n = (int)S_rand(5);
    for (int i = 0; i < n; i++) {
        S_ws_gen(b);
        if (bodyish && S_rand(3))
            S_string_gen(b, '"');
        else
            S_value_gen(b, depth + 1, 0);
        S_ws_gen(b);
        if (i + 1 < n || S_rand(10) == 0)
            buf_putc(b, ',');
    }
    buf_putc(b, ']');
}

static void S_object_gen(buf *b, int depth)
{
    static const char *const keys[] = {
        "\"title\"", "\"url\"",  "\"source\"", "\"id\"",         "\"date\"",    "\"text\"",
        "\"content\"", "\"body\"", "\"x\"",    "\"tags\"",       "'text'",      "\"t\\u0069tle\"",
        "\"text\\u0000z\"", "\"Text\"", "\"\"",   "\"ids\"",     "\"bod\""};
    buf_putc(b, '{');
    int n = (int)S_rand(depth ? 4 : 9);
    for (int i = 0; i < n; i++) {
        S_ws_gen(b);
        size_t k = S_rand(sizeof keys / sizeof *keys);
        buf_puts(b, keys[k]);
        S_ws_gen(b);
        buf_putc(b, ':');
        S_ws_gen(b);
        S_value_gen(b, depth + 1, depth == 0 && (k == 5 || k == 6 || k == 7 || k == 10));
        S_ws_gen(b);
        if (i + 1 < n || S_rand(10) == 0)
            buf_putc(b, ',');
    }
    buf_putc(b, '}');
}

static void S_value_gen(buf *b, int depth, int bodyish)
{
    static const char *const scalars[] = {
        "0",     "42",    "-7",    "007",  "-0",   "1.5",  "-2.5e3", "1e",    "1.",
        "-.5",   "1E+2",  "99999999999999999999", "-99999999999999999999",   "true",
        "false", "null",  "TRUE",  "Null", "NaN",  "nan",  "Infinity", "-Infinity",
        "-iNfInItY", "18446744073709551615", "9223372036854775808", "1e+", "0.0"};
    uint32_t r = S_rand(10);
    if (depth > 34)
        r = 9;
    if (r < 4 || (bodyish && r < 6))
        S_string_gen(b, S_rand(8) ? '"' : '\'');
    else if (r < 6)
        S_array_gen(b, depth, bodyish);
    else if (r < 7 && depth < 6)
        S_object_gen(b, depth);
    else if (r < 8 && S_rand(4) == 0) { /* a deep chain */
        int levels = 25 + (int)S_rand(10);
        for (int i = 0; i < levels; i++)
            buf_putc(b, '[');
        for (int i = 0; i < levels; i++)
            buf_putc(b, ']');
    } else {
        PICK(b, scalars);
    }
}

/* Breaks a line in a few random places. Never a NUL, CR or LF: the funnel never lets those
 * through to a reader. */
static void S_mutate(buf *b)
{
    static const char bytes[] = "{}[]\"',:\\/* 0123456789eE.+-antrufliINx\t\xC3\xA9";
    int n = 1 + (int)S_rand(3);
    for (int i = 0; i < n && b->len; i++) {
        size_t at = S_rand((uint32_t)b->len);
        switch (S_rand(4)) {
        case 0: /* delete */
            memmove(b->data + at, b->data + at + 1, b->len - at - 1);
            b->len--;
            break;
        case 1: /* replace */
            b->data[at] = bytes[S_rand(sizeof bytes - 1)];
            break;
        case 2: /* insert */
            buf_putc(b, ' ');
            memmove(b->data + at + 1, b->data + at, b->len - at - 1);
            b->data[at] = bytes[S_rand(sizeof bytes - 1)];
            break;
        default: /* truncate */
            b->len = at;
            break;
        }
        b->data[b->len] = '\0';
    }
}

static int S_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* Reads data with both readers and checks that they agree on everything. */
static void S_compare(const char *data, size_t len, size_t *accepted, size_t *msg_diff)
{
    /* Inside a block comment json-c swallows the byte after a '*', so it does not end the
     * comment at a "*" + "/" that follows another '*' (the reader does): no oracle for input
     * with "**" + "/" anywhere, which test_keys_and_bodies covers (S_ws_gen avoids it). */
    for (size_t i = 0; i + 2 < len; i++)
        if (data[i] == '*' && data[i + 1] == '*' && data[i + 2] == '/')
            return;
    collect nc, oc;
    memset(&nc, 0, sizeof nc);
    memset(&oc, 0, sizeof oc);
    chorus_error nerr, oerr;
    chorus_code nrc = S_read(&nc, data, len, &nerr);
    chorus_code orc = O_read(&oc, data, len, &oerr);
    if (nrc != orc)
        fail_msg("codes %d (new) %d (json-c) on [%.*s]: %s | %s", nrc, orc, (int)len, data,
                 nerr.message, oerr.message);
    if (nrc != CHORUS_OK && strcmp(nerr.message, oerr.message) != 0) {
        (*msg_diff)++;
        fail_msg("messages differ on [%.*s]: \"%s\" (new) \"%s\" (json-c)", (int)len, data,
                 nerr.message, oerr.message);
    }
    if (nrc == CHORUS_OK)
        (*accepted)++;
    assert_int_equal(nc.arts.len, oc.arts.len);
    for (size_t i = 0; i < nc.arts.len; i++) {
        const art *x = &nc.arts.items[i], *y = &oc.arts.items[i];
        if (!S_same(x->origin, y->origin) || !S_same(x->id, y->id) ||
            !S_same(x->title, y->title) || !S_same(x->date, y->date) ||
            !S_same(x->url, y->url) || !S_same(x->source, y->source) ||
            !S_same(x->body, y->body))
            fail_msg("fields differ on [%.*s]: title [%s]/[%s] id [%s]/[%s] body [%s]/[%s]",
                     (int)len, data, x->title ? x->title : "(null)",
                     y->title ? y->title : "(null)", x->id, y->id, x->body, y->body);
    }
    assert_int_equal(nc.warnings.len, oc.warnings.len);
    for (size_t i = 0; i < nc.warnings.len; i++)
        assert_string_equal(nc.warnings.items[i], oc.warnings.items[i]);
    S_collect_free(&nc);
    S_collect_free(&oc);
}

/* A file of IO_MAP_MIN bytes or more is read in place from a mapping, and the reader hands its
 * pages back as it goes; with CRLF line ends or an invalid byte it is copied and cleaned
 * first. Every way gives the same articles, the last line's included. */
static void test_large_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/chorus-jsonl-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/big.jsonl", dir);
    for (size_t v = 0; v < 3; v++) {
        FILE *fp = fopen(path, "wb");
        assert_non_null(fp);
        size_t n = 0, lines = 0;
        while (n < (size_t)IO_MAP_MIN + 3000) {
            int w = fprintf(fp, "{\"id\": \"a%zu\", \"text\": \"Line %zu says %s something.%s\"}%s\n",
                            lines, lines, v == 2 && lines == 7 ? "\xff" : "",
                            "                                                            ",
                            v == 1 ? "\r" : "");
            assert_true(w > 0);
            n += (size_t)w, lines++;
        }
        assert_int_equal(fclose(fp), 0);
        collect c;
        memset(&c, 0, sizeof c);
        chorus_options o = S_opts(&c);
        chorus_error err;
        assert_int_equal(ingest_path(path, &o, S_sink, &c, &err), CHORUS_OK);
        assert_int_equal(c.arts.len, lines);
        char want[64];
        snprintf(want, sizeof want, "a%zu", lines - 1);
        assert_string_equal(c.arts.items[lines - 1].id, want);
        snprintf(want, sizeof want, "Line %zu says  something.", lines - 1);
        assert_string_equal(c.arts.items[lines - 1].body, want);
        /* CRLF line ends (v 1) read the same; an invalid byte (v 2, line 8) becomes U+FFFD */
        assert_string_equal(c.arts.items[7].body, v == 2 ? "Line 7 says \xEF\xBF\xBD something."
                                                         : "Line 7 says  something.");
        assert_int_equal(c.warnings.len, v == 2 ? 1 : 0);
        S_collect_free(&c);
    }
    unlink(path);
    rmdir(dir);
}

static void test_differential(void **state)
{
    (void)state;
    buf raw = BUF_INIT, line = BUF_INIT, file = BUF_INIT;
    size_t accepted = 0, tried = 0, msg_diff = 0;
    for (int round = 0; round < 20000; round++) {
        buf_clear(&raw);
        S_ws_gen(&raw);
        if (S_rand(20) == 0)
            S_value_gen(&raw, 0, 0); /* a top-level value of any kind */
        else
            S_object_gen(&raw, 0);
        if (S_rand(8) == 0)
            buf_puts(&raw, S_rand(2) ? "  " : " /* end */ ");
        if (round % 2)
            S_mutate(&raw);
        /* what a reader sees: valid UTF-8 (mutations may split a character), no CR */
        buf_clear(&line);
        utf8_sanitize(raw.data ? raw.data : "", raw.len, &line, NULL);
        for (size_t i = 0; i < line.len; i++)
            if (line.data[i] == '\r')
                line.data[i] = ' ';
        size_t t = line.len;
        ingest_trim(line.data ? line.data : "", &t);
        if (!t || (line.len >= 3 && memcmp(line.data, "\xEF\xBB\xBF", 3) == 0))
            continue;
        tried++;
        S_compare(line.data, line.len, &accepted, &msg_diff);
        /* several lines in one file: line numbers, the stop at the first bad line */
        if (round % 7 == 0) {
            buf_append(&file, line.data, line.len);
            buf_putc(&file, '\n');
            if (S_rand(3) == 0)
                buf_putc(&file, '\n');
            if (round % 35 == 0) {
                S_compare(file.data, file.len, &accepted, &msg_diff);
                buf_clear(&file);
            }
        }
    }
    /* both kinds must be well represented */
    print_message("differential: %zu lines, %zu accepted\n", tried, accepted);
    assert_true(tried > 15000);
    assert_true(accepted > tried / 10 && accepted < tried * 3 / 4);
    buf_free(&raw);
    buf_free(&line);
    buf_free(&file);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),         cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_keys_and_bodies), cmocka_unit_test(test_errors),
        cmocka_unit_test(test_depth),          cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_differential),     cmocka_unit_test(test_large_file),
    };
    return cmocka_run_group_tests_name("jsonl", tests, NULL, NULL);
}
