/* read_jsonl: JSON Lines, one article object per line.
 *
 *     {"title": ..., "text"|"content"|"body": ..., "date": ..., "url": ..., "source": ..., "id":
 * ...}
 *
 * A line that is not a JSON object is an error naming file and line: a feed that is broken
 * halfway should not be half-read silently. A line whose object has no text is skipped with a
 * warning (feeds carry such stubs). The text may also be an array of strings (paragraphs). */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/error.h"
#include "ingest/readers.h"
#include "text/utf8.h"

/* A string field as valid UTF-8 without NUL bytes (a "\u0000" escape or a lone surrogate
 * escape can put either into a json-c string), trimmed; NULL when absent or empty. */
static char *S_field(json_object *obj, const char *key)
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

/* Titles, URLs and the like are one line: inner line breaks and tabs become spaces. */
static char *S_line_field(json_object *obj, const char *key)
{
    char *s = S_field(obj, key);
    if (s)
        for (char *c = s; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
    return s;
}

static void S_add_text(ingest_paras *body, json_object *v)
{
    const char *s = json_object_get_string(v);
    size_t n = (size_t)json_object_get_string_len(v);
    buf clean = BUF_INIT;
    utf8_sanitize(s, n, &clean, NULL);
    for (size_t i = 0; i < clean.len; i++) /* NUL and CR: line breaks as far as we care */
        if (clean.data[i] == '\0' || clean.data[i] == '\r')
            clean.data[i] = '\n';
    ingest_paras_text(body, clean.data ? clean.data : "", clean.len);
    ingest_paras_break(body);
    buf_free(&clean);
}

/* The body from "text", else "content", else "body": a string or an array of strings. */
static void S_body(json_object *obj, ingest_paras *body)
{
    static const char *const keys[] = {"text", "content", "body"};
    for (size_t k = 0; k < sizeof keys / sizeof *keys && !body->out.len; k++) {
        json_object *v;
        if (!json_object_object_get_ex(obj, keys[k], &v) || !v)
            continue;
        if (json_object_is_type(v, json_type_string)) {
            S_add_text(body, v);
        } else if (json_object_is_type(v, json_type_array)) {
            size_t count = json_object_array_length(v);
            for (size_t i = 0; i < count; i++) {
                json_object *item = json_object_array_get_idx(v, i);
                if (item && json_object_is_type(item, json_type_string))
                    S_add_text(body, item);
            }
        }
    }
}

static chorus_code S_article(ingest_file *f, json_object *obj, size_t lineno, chorus_error *err)
{
    ingest_paras body = INGEST_PARAS_INIT;
    S_body(obj, &body);
    if (!body.out.len) {
        ingest_warn(f, "%s:%zu: no text, skipped", f->name, lineno);
        ingest_paras_free(&body);
        return CHORUS_OK;
    }
    char *title = S_line_field(obj, "title");
    char *url = S_line_field(obj, "url");
    char *source = S_line_field(obj, "source");
    char *id = S_line_field(obj, "id");
    char *date_text = S_line_field(obj, "date");
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
    if (!id) /* one file holds many articles: the file name alone would not be unique */
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

/* Parses one line into an object, or sets err naming the line. */
static json_object *S_parse(ingest_file *f, json_tokener *tok, const char *line, size_t n,
                            size_t lineno, chorus_error *err)
{
    if (n > (size_t)INT_MAX) {
        error_set(err, CHORUS_ERR_FORMAT, "%s:%zu: invalid JSON: line too long", f->name, lineno);
        return NULL;
    }
    json_tokener_reset(tok);
    json_object *obj = json_tokener_parse_ex(tok, line, (int)n);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    if (!obj && jerr == json_tokener_success) /* the literal null */
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

chorus_code ingest_read_jsonl(ingest_file *f, chorus_error *err)
{
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
        json_object *obj = S_parse(f, tok, line, n, lineno, err);
        if (!obj) {
            rc = CHORUS_ERR_FORMAT;
            break;
        }
        rc = S_article(f, obj, lineno, err);
        json_object_put(obj);
    }
    json_tokener_free(tok);
    if (rc == CHORUS_OK && f->emitted == 0)
        rc = error_set(err, CHORUS_ERR_EMPTY, "%s: no articles found", f->name);
    return rc;
}
