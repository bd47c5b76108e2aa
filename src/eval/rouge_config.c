/* rouge_config: the ROUGE evaluation configuration.
 *
 * The script parses its XML config with XML::DOM and walks the tree in readEvals
 * (L3019-L3186). This file has a small tolerant XML reader of its own (elements, attributes,
 * text, the predefined and numeric entities; comments, processing instructions, DOCTYPE
 * skipped; CDATA read as text) that builds the same kind of tree, and a walk that follows
 * readEvals rule by rule:
 *  - element names are matched case-insensitively (/^EVAL$/oi ...), attribute names ("ID",
 *    "TYPE") exactly;
 *  - an unknown element is descended into, so PEERS may sit inside a wrapper element;
 *  - PEER-ROOT, MODEL-ROOT, P and M take the text of their text children (the last one wins),
 *    trimmed of leading and trailing blanks (L3070-L3071, L3121-L3122, L3154-L3155);
 *  - a repeated M ID is listed twice and both use the last file given for it (MIDList is an
 *    array, Ms a hash); a P without text makes its peer "missing" for that EVAL.
 * The -z file list (readFileList, L2936-L3017) is read here too.
 */
#include "eval/rouge.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/error.h"
#include "core/io.h"
#include "core/vec.h"

/* ---- a minimal DOM -----------------------------------------------------------------------------
 */

typedef struct S_node S_node;
struct S_node {
    int is_text;
    char *name; /* element name */
    char **attr_name, **attr_value;
    size_t nattr;
    buf text; /* text node content */
    S_node **kids;
    size_t nkids, kcap;
};

static S_node *S_node_new(int is_text)
{
    S_node *n = xcalloc(1, sizeof *n);
    n->is_text = is_text;
    return n;
}

static void S_node_free(S_node *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        S_node_free(n->kids[i]);
    for (size_t i = 0; i < n->nattr; i++) {
        free(n->attr_name[i]);
        free(n->attr_value[i]);
    }
    free(n->attr_name);
    free(n->attr_value);
    free(n->kids);
    free(n->name);
    buf_free(&n->text);
    free(n);
}

static void S_add_kid(S_node *parent, S_node *kid)
{
    parent->kids = xgrow(parent->kids, sizeof *parent->kids, &parent->kcap, parent->nkids + 1);
    parent->kids[parent->nkids++] = kid;
}

static const char *S_attr(const S_node *n, const char *name)
{
    for (size_t i = n->nattr; i-- > 0;)
        if (strcmp(n->attr_name[i], name) == 0)
            return n->attr_value[i];
    return NULL;
}

static void S_put_utf8(buf *b, unsigned long cp)
{
    char s[4];
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6)), s[1] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, s, 2);
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12)), s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, s, 3);
    } else {
        s[0] = (char)(0xF0 | (cp >> 18)), s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), s[3] = (char)(0x80 | (cp & 0x3F));
        buf_append(b, s, 4);
    }
}

/* Appends s[0..len) to b with entity references decoded. Unknown references stay as written
 * (expat would reject the file; being tolerant costs nothing here). With attr, blanks
 * \t \n \r become spaces (XML attribute-value normalisation). */
static void S_decode(buf *b, const char *s, size_t len, int attr)
{
    static const struct {
        const char *name;
        char ch;
    } named[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (ch == '&') {
            const char *semi = memchr(s + i, ';', len - i);
            if (semi) {
                size_t nlen = (size_t)(semi - (s + i)) - 1;
                const char *nm = s + i + 1;
                int done = 0;
                if (nlen >= 2 && nm[0] == '#') {
                    char tmp[16];
                    int hex = nm[1] == 'x' || nm[1] == 'X';
                    size_t dl = nlen - 1 - (size_t)hex;
                    if (dl > 0 && dl < sizeof tmp) {
                        memcpy(tmp, nm + 1 + hex, dl);
                        tmp[dl] = '\0';
                        char *end;
                        unsigned long cp = strtoul(tmp, &end, hex ? 16 : 10);
                        if (*end == '\0' && cp > 0 && cp <= 0x10FFFF) {
                            S_put_utf8(b, cp);
                            done = 1;
                        }
                    }
                } else {
                    for (size_t k = 0; k < sizeof named / sizeof named[0]; k++)
                        if (strlen(named[k].name) == nlen && memcmp(named[k].name, nm, nlen) == 0) {
                            buf_putc(b, named[k].ch);
                            done = 1;
                        }
                }
                if (done) {
                    i = (size_t)(semi - s);
                    continue;
                }
            }
        }
        if (attr && (ch == '\t' || ch == '\n' || ch == '\r'))
            ch = ' ';
        if (!attr && ch == '\r') { /* XML end-of-line handling: \r\n and \r become \n */
            if (i + 1 < len && s[i + 1] == '\n')
                continue;
            ch = '\n';
        }
        buf_putc(b, ch);
    }
}

static int S_is_name_char(unsigned char ch)
{
    return ch > ' ' && ch != '>' && ch != '/' && ch != '=' && ch != '<' && ch != '"' && ch != '\'';
}

static int S_xml_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static const char *S_find(const char *p, const char *end, const char *lit)
{
    size_t k = strlen(lit);
    for (; p + k <= end; p++)
        if (memcmp(p, lit, k) == 0)
            return p;
    return NULL;
}

/* Parses data into a document node. Returns NULL with a message on a malformed tag. */
static S_node *S_parse_xml(const char *data, size_t len, char *msg, size_t msgcap)
{
    S_node *doc = S_node_new(0);
    VEC(S_node *) stack = {0};
    VEC_PUSH(&stack, doc);
    S_node *pending = NULL; /* the text node being extended */
    const char *p = data, *end = data + len;
    while (p < end) {
        S_node *top = stack.items[stack.len - 1];
        if (*p != '<') {
            const char *lt = memchr(p, '<', (size_t)(end - p));
            const char *stop = lt ? lt : end;
            if (!pending) {
                pending = S_node_new(1);
                S_add_kid(top, pending);
            }
            S_decode(&pending->text, p, (size_t)(stop - p), 0);
            p = stop;
            continue;
        }
        if (end - p >= 9 && memcmp(p, "<![CDATA[", 9) == 0) {
            const char *close = S_find(p + 9, end, "]]>");
            const char *stop = close ? close : end;
            if (!pending) {
                pending = S_node_new(1);
                S_add_kid(top, pending);
            }
            buf_append(&pending->text, p + 9, (size_t)(stop - p - 9));
            p = close ? close + 3 : end;
            continue;
        }
        pending = NULL; /* any other markup ends the text node */
        if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
            const char *close = S_find(p + 4, end, "-->");
            p = close ? close + 3 : end;
        } else if (end - p >= 2 && p[1] == '?') {
            const char *close = S_find(p + 2, end, "?>");
            p = close ? close + 2 : end;
        } else if (end - p >= 2 && p[1] == '!') {
            int depth = 0; /* <!DOCTYPE ... [ internal subset ] > */
            for (p += 2; p < end; p++) {
                if (*p == '[')
                    depth++;
                else if (*p == ']')
                    depth--;
                else if (*p == '>' && depth <= 0)
                    break;
            }
            if (p < end)
                p++;
        } else if (end - p >= 2 && p[1] == '/') {
            const char *q = p + 2;
            while (q < end && S_is_name_char((unsigned char)*q))
                q++;
            size_t nlen = (size_t)(q - (p + 2));
            const char *gt = memchr(q, '>', (size_t)(end - q));
            /* Pop to the matching open element; an end tag that matches nothing is ignored. */
            for (size_t k = stack.len; k-- > 1;) {
                if (strlen(stack.items[k]->name) == nlen &&
                    memcmp(stack.items[k]->name, p + 2, nlen) == 0) {
                    stack.len = k;
                    break;
                }
            }
            p = gt ? gt + 1 : end;
        } else {
            const char *q = p + 1;
            while (q < end && S_is_name_char((unsigned char)*q))
                q++;
            if (q == p + 1) {
                snprintf(msg, msgcap, "malformed tag at byte %zu", (size_t)(p - data));
                VEC_FREE(&stack);
                S_node_free(doc);
                return NULL;
            }
            S_node *el = S_node_new(0);
            el->name = xstrndup(p + 1, (size_t)(q - p - 1));
            S_add_kid(top, el);
            size_t acap = 0, acap2 = 0;
            int self_close = 0;
            for (;;) {
                while (q < end && S_xml_blank(*q))
                    q++;
                if (q >= end)
                    break;
                if (*q == '>') {
                    q++;
                    break;
                }
                if (*q == '/' && q + 1 < end && q[1] == '>') {
                    self_close = 1;
                    q += 2;
                    break;
                }
                const char *an = q;
                while (q < end && S_is_name_char((unsigned char)*q))
                    q++;
                if (q == an) { /* stray character: skip it */
                    q++;
                    continue;
                }
                char *name = xstrndup(an, (size_t)(q - an));
                buf val = BUF_INIT;
                while (q < end && S_xml_blank(*q))
                    q++;
                if (q < end && *q == '=') {
                    q++;
                    while (q < end && S_xml_blank(*q))
                        q++;
                    if (q < end && (*q == '"' || *q == '\'')) {
                        char quote = *q++;
                        const char *vend = memchr(q, quote, (size_t)(end - q));
                        if (!vend)
                            vend = end;
                        S_decode(&val, q, (size_t)(vend - q), 1);
                        q = vend < end ? vend + 1 : end;
                    } else {
                        const char *vs = q;
                        while (q < end && !S_xml_blank(*q) && *q != '>')
                            q++;
                        S_decode(&val, vs, (size_t)(q - vs), 1);
                    }
                }
                el->attr_name = xgrow(el->attr_name, sizeof(char *), &acap, el->nattr + 1);
                el->attr_value = xgrow(el->attr_value, sizeof(char *), &acap2, el->nattr + 1);
                el->attr_name[el->nattr] = name;
                el->attr_value[el->nattr] = val.data ? buf_detach(&val) : xstrdup("");
                el->nattr++;
            }
            p = q;
            if (!self_close)
                VEC_PUSH(&stack, el);
        }
    }
    VEC_FREE(&stack);
    return doc;
}

/* ---- readEvals ----------------------------------------------------------------------------------
 */

static int S_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a, y = *b;
        if (x >= 'a' && x <= 'z')
            x = (char)(x - 32);
        if (y >= 'a' && y <= 'z')
            y = (char)(y - 32);
        if (x != y)
            return 0;
    }
    return *a == *b;
}

/* Length of a Perl \s character at s (Unicode rules: the XML parser hands the script
 * character strings), or 0. */
static size_t S_uspace_len(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
        return 2;
    if (n >= 3 && s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)
        return 3; /* U+1680 */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3; /* U+2000-200A, U+2028, U+2029, U+202F */
    if (n >= 3 && s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
        return 3; /* U+205F */
    if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3; /* U+3000 */
    return 0;
}

/* s/^[\n\s]+//; s/[\n\s]+$// */
static char *S_trim(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t a = 0, b = len, k;
    while (a < b && (k = S_uspace_len(u + a, b - a)) > 0)
        a += k;
    for (;;) {
        size_t found = 0;
        for (size_t back = 1; back <= 3 && back <= b - a; back++)
            if (S_uspace_len(u + b - back, back) == back) {
                found = back;
                break;
            }
        if (!found)
            break;
        b -= found;
    }
    return xstrndup(s + a, b - a);
}

typedef struct S_evalb {
    rouge_eval e;
    size_t pcap, mcap;
    /* Ms: model ID -> file, as assignments in order (the last one wins) */
    char **ms_id, **ms_file;
    size_t nms, mscap, mscap2;
} S_evalb;

typedef struct S_walk {
    VEC(S_evalb) evals;
    VEC(char *) peer_ids;
    const char *name;
    chorus_error *err;
    int failed;
} S_walk;

static S_evalb *S_find_eval(S_walk *w, const char *id)
{
    const char *key = id ? id : ""; /* an undefined $evalID is the hash key "" */
    for (size_t i = 0; i < w->evals.len; i++)
        if (strcmp(w->evals.items[i].e.id, key) == 0)
            return &w->evals.items[i];
    return NULL;
}

static int S_fail(S_walk *w, const char *what, const char *eval_id)
{
    error_set(w->err, CHORUS_ERR_FORMAT,
              "%s: (%s) Evaluation database does not contain entry for this evaluation ID: %s",
              w->name, what, eval_id ? eval_id : "");
    w->failed = 1;
    return -1;
}

/* The text of an element's text children, trimmed; NULL when it has none. Each text child is
 * assigned in turn in the script, so the last one wins. */
static char *S_last_text(const S_node *n)
{
    char *out = NULL;
    for (size_t i = 0; i < n->nkids; i++) {
        const S_node *k = n->kids[i];
        if (k->is_text) {
            free(out);
            out = S_trim(k->text.data ? k->text.data : "", k->text.len);
        }
    }
    return out;
}

static int S_walk_node(S_walk *w, const S_node *n, const char *eval_id);

static int S_walk_kids(S_walk *w, const S_node *n, const char *eval_id)
{
    for (size_t i = 0; i < n->nkids; i++)
        if (S_walk_node(w, n->kids[i], eval_id) != 0)
            return -1;
    return 0;
}

static int S_walk_node(S_walk *w, const S_node *n, const char *eval_id)
{
    if (n->is_text)
        return 0;
    if (!n->name) /* the document */
        return S_walk_kids(w, n, eval_id);
    if (S_ieq(n->name, "EVAL")) {
        const char *id = S_attr(n, "ID");
        if (!id) {
            error_set(w->err, CHORUS_ERR_FORMAT, "%s: <EVAL> without an ID attribute", w->name);
            return -1;
        }
        if (!S_find_eval(w, id)) {
            S_evalb b;
            memset(&b, 0, sizeof b);
            b.e.id = xstrdup(id);
            VEC_PUSH(&w->evals, b);
        }
        return S_walk_kids(w, n, id);
    }
    if (S_ieq(n->name, "INPUT-FORMAT")) {
        const char *type = S_attr(n, "TYPE");
        if (!type) {
            error_set(w->err, CHORUS_ERR_FORMAT, "%s: <INPUT-FORMAT> without a TYPE attribute",
                      w->name);
            return -1;
        }
        if (!(S_ieq(type, "SEE") || S_ieq(type, "ISI") || S_ieq(type, "SPL") ||
              S_ieq(type, "SIMPLE"))) {
            error_set(w->err, CHORUS_ERR_FORMAT, "%s: Unknown input type: %s", w->name, type);
            return -1;
        }
        S_evalb *e = S_find_eval(w, eval_id);
        if (!e)
            return S_fail(w, "INPUT-FORMAT", eval_id);
        free(e->e.format);
        e->e.format = xstrdup(type);
        return 0;
    }
    int is_proot = S_ieq(n->name, "PEER-ROOT");
    if (is_proot || S_ieq(n->name, "MODEL-ROOT")) {
        char *text = S_last_text(n);
        if (!text)
            return 0;
        S_evalb *e = S_find_eval(w, eval_id);
        if (!e) {
            free(text);
            return S_fail(w, is_proot ? "PEER-ROOT" : "MODEL-ROOT", eval_id);
        }
        char **slot = is_proot ? &e->e.peer_root : &e->e.model_root;
        free(*slot);
        *slot = text;
        return 0;
    }
    int is_peers = S_ieq(n->name, "PEERS");
    if (is_peers || S_ieq(n->name, "MODELS")) {
        for (size_t i = 0; i < n->nkids; i++) {
            const S_node *k = n->kids[i];
            if (k->is_text || !S_ieq(k->name, is_peers ? "P" : "M"))
                continue;
            const char *id = S_attr(k, "ID");
            if (!id) {
                error_set(w->err, CHORUS_ERR_FORMAT, "%s: <%s> without an ID attribute", w->name,
                          k->name);
                return -1;
            }
            if (is_peers) {
                int known = 0;
                for (size_t j = 0; j < w->peer_ids.len && !known; j++)
                    known = strcmp(w->peer_ids.items[j], id) == 0;
                if (!known)
                    VEC_PUSH(&w->peer_ids, xstrdup(id));
            }
            S_evalb *e = S_find_eval(w, eval_id);
            if (!e)
                return S_fail(w, is_peers ? "PEERS" : "MODELS", eval_id);
            char *file = S_last_text(k);
            if (is_peers) {
                rouge_member *m = NULL;
                for (size_t j = 0; j < e->e.npeers; j++)
                    if (strcmp(e->e.peers[j].id, id) == 0)
                        m = &e->e.peers[j];
                if (!m) {
                    e->e.peers = xgrow(e->e.peers, sizeof *e->e.peers, &e->pcap, e->e.npeers + 1);
                    m = &e->e.peers[e->e.npeers++];
                    m->id = xstrdup(id);
                    m->file = NULL;
                }
                if (file) {
                    free(m->file);
                    m->file = file;
                }
            } else {
                e->e.models = xgrow(e->e.models, sizeof *e->e.models, &e->mcap, e->e.nmodels + 1);
                e->e.models[e->e.nmodels].id = xstrdup(id);
                e->e.models[e->e.nmodels].file = NULL;
                e->e.nmodels++;
                if (file) {
                    e->ms_id = xgrow(e->ms_id, sizeof(char *), &e->mscap, e->nms + 1);
                    e->ms_file = xgrow(e->ms_file, sizeof(char *), &e->mscap2, e->nms + 1);
                    e->ms_id[e->nms] = xstrdup(id);
                    e->ms_file[e->nms] = file;
                    e->nms++;
                }
            }
        }
        return 0;
    }
    return S_walk_kids(w, n, eval_id);
}

static int S_strcmp_p(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Moves the walk's result into cfg: resolves each model's file (the last assignment of its
 * ID) and sorts the peer IDs (`sort keys %ROUGEPeerIDTable`, L527). */
static void S_finish(S_walk *w, rouge_config *cfg)
{
    cfg->nevals = w->evals.len;
    cfg->evals = xcalloc(w->evals.len ? w->evals.len : 1, sizeof *cfg->evals);
    for (size_t i = 0; i < w->evals.len; i++) {
        S_evalb *b = &w->evals.items[i];
        for (size_t k = 0; k < b->e.nmodels; k++) {
            for (size_t j = b->nms; j-- > 0;)
                if (strcmp(b->ms_id[j], b->e.models[k].id) == 0) {
                    b->e.models[k].file = xstrdup(b->ms_file[j]);
                    break;
                }
        }
        for (size_t j = 0; j < b->nms; j++) {
            free(b->ms_id[j]);
            free(b->ms_file[j]);
        }
        free(b->ms_id);
        free(b->ms_file);
        cfg->evals[i] = b->e;
    }
    VEC_FREE(&w->evals);
    if (w->peer_ids.len > 1)
        qsort(w->peer_ids.items, w->peer_ids.len, sizeof(char *), S_strcmp_p);
    cfg->peer_ids = w->peer_ids.items;
    cfg->npeer_ids = w->peer_ids.len;
    w->peer_ids.items = NULL;
}

static void S_walk_free(S_walk *w)
{
    rouge_config tmp;
    memset(&tmp, 0, sizeof tmp);
    S_finish(w, &tmp);
    rouge_config_free(&tmp);
}

chorus_code rouge_config_parse_xml(rouge_config *cfg, const char *name, const char *data,
                                   size_t len, chorus_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    char msg[128];
    S_node *doc = S_parse_xml(data, len, msg, sizeof msg);
    if (!doc)
        return error_set(err, CHORUS_ERR_FORMAT, "%s: %s", name, msg);
    S_walk w;
    memset(&w, 0, sizeof w);
    w.name = name;
    w.err = err;
    int rc = S_walk_node(&w, doc, NULL);
    S_node_free(doc);
    if (rc != 0) {
        S_walk_free(&w);
        return err ? err->code : CHORUS_ERR_FORMAT;
    }
    S_finish(&w, cfg);
    return CHORUS_OK;
}

/* readFileList (L2936-L3017): one evaluation per line, "peer model1 ... modelN"; lines that
 * start with '#' or are blank are skipped. IDs are 1, 2, ...; the peer is system_id and the
 * models are M.1 ... M.N. Paths are used as written (no roots). */
static chorus_code S_parse_file_list(rouge_config *cfg, const char *name, const char *data,
                                     size_t len, const char *format, const char *system_id,
                                     chorus_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->file_list = 1;
    cfg->peer_ids = xmalloc(sizeof(char *));
    cfg->peer_ids[0] = xstrdup(system_id);
    cfg->npeer_ids = 1;
    size_t cap = 0;
    for (size_t pos = 0; pos < len;) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - data) : len;
        const char *line = data + pos;
        size_t llen = end - pos;
        pos = nl ? end + 1 : len;
        size_t a = 0;
        while (a < llen && (line[a] == ' ' || (line[a] >= '\t' && line[a] <= '\r')))
            a++;
        if ((llen > 0 && line[0] == '#') || a == llen)
            continue;
        VEC(char *) fields = {0};
        for (size_t i = a; i < llen;) {
            size_t s = i;
            while (i < llen && !(line[i] == ' ' || (line[i] >= '\t' && line[i] <= '\r')))
                i++;
            VEC_PUSH(&fields, xstrndup(line + s, i - s));
            while (i < llen && (line[i] == ' ' || (line[i] >= '\t' && line[i] <= '\r')))
                i++;
        }
        if (fields.len < 2) {
            for (size_t i = 0; i < fields.len; i++)
                free(fields.items[i]);
            VEC_FREE(&fields);
            rouge_config_free(cfg);
            return error_set(err, CHORUS_ERR_FORMAT,
                             "%s: File list has to have at least 2 filenames per line (peer "
                             "model1 model2 ... modelN)",
                             name);
        }
        cfg->evals = xgrow(cfg->evals, sizeof *cfg->evals, &cap, cfg->nevals + 1);
        rouge_eval *e = &cfg->evals[cfg->nevals];
        memset(e, 0, sizeof *e);
        char idbuf[32];
        snprintf(idbuf, sizeof idbuf, "%zu", cfg->nevals + 1);
        e->id = xstrdup(idbuf);
        e->format = xstrdup(format);
        e->npeers = 1;
        e->peers = xmalloc(sizeof *e->peers);
        e->peers[0].id = xstrdup(system_id);
        e->peers[0].file = fields.items[0];
        e->nmodels = fields.len - 1;
        e->models = xmalloc(e->nmodels * sizeof *e->models);
        for (size_t i = 1; i < fields.len; i++) {
            snprintf(idbuf, sizeof idbuf, "M.%zu", i);
            e->models[i - 1].id = xstrdup(idbuf);
            e->models[i - 1].file = fields.items[i];
        }
        VEC_FREE(&fields);
        cfg->nevals++;
    }
    return CHORUS_OK;
}

chorus_code rouge_config_read(rouge_config *cfg, const char *path, const char *file_list_format,
                              const char *system_id, chorus_error *err)
{
    memset(cfg, 0, sizeof *cfg);
    buf data = BUF_INIT;
    chorus_code rc = io_read_file(path, &data, err);
    if (rc != CHORUS_OK) {
        buf_free(&data);
        return rc;
    }
    if (file_list_format)
        rc = S_parse_file_list(cfg, path, data.data, data.len, file_list_format,
                               system_id ? system_id : "X", err);
    else
        rc = rouge_config_parse_xml(cfg, path, data.data, data.len, err);
    buf_free(&data);
    return rc;
}

void rouge_config_free(rouge_config *cfg)
{
    for (size_t i = 0; i < cfg->nevals; i++) {
        rouge_eval *e = &cfg->evals[i];
        for (size_t k = 0; k < e->npeers; k++) {
            free(e->peers[k].id);
            free(e->peers[k].file);
        }
        for (size_t k = 0; k < e->nmodels; k++) {
            free(e->models[k].id);
            free(e->models[k].file);
        }
        free(e->peers);
        free(e->models);
        free(e->id);
        free(e->peer_root);
        free(e->model_root);
        free(e->format);
    }
    free(cfg->evals);
    for (size_t i = 0; i < cfg->npeer_ids; i++)
        free(cfg->peer_ids[i]);
    free(cfg->peer_ids);
    memset(cfg, 0, sizeof *cfg);
}
