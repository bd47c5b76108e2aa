/* Tests of the core helpers: arena, buf, vec, strtab, atomic writes, utf8. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/alloc.h"
#include "core/buf.h"
#include "core/io.h"
#include "core/strtab.h"
#include "core/unionfind.h"
#include "core/vec.h"
#include "text/utf8.h"

static void test_arena(void **state)
{
    arena a;
    arena_init(&a);
    char *big = arena_alloc(&a, 200000); /* larger than a block */
    memset(big, 'x', 200000);
    for (int i = 0; i < 10000; i++) {
        int *p = arena_alloc(&a, sizeof(int) * 3);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        assert_int_equal(p[0] | p[1] | p[2], 0); /* zero-filled */
        p[0] = i;
    }
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_null(arena_strdup(&a, NULL));
    assert_true(a.used_bytes >= 200000);
    arena_free(&a);
}

static void test_buf_and_vec(void **state)
{
    buf b = BUF_INIT;
    buf_puts(&b, "a");
    buf_printf(&b, "%d-%s", 42, "x");
    buf_putc(&b, '!');
    assert_string_equal(b.data, "a42-x!");
    assert_int_equal(b.len, 6);
    char *s = buf_detach(&b);
    assert_string_equal(s, "a42-x!");
    assert_null(b.data);
    free(s);
    s = buf_detach(&b); /* an empty buf detaches as "" */
    assert_string_equal(s, "");
    free(s);

    VEC(int) v = {0};
    for (int i = 0; i < 1000; i++)
        VEC_PUSH(&v, i * 2);
    assert_int_equal(v.len, 1000);
    assert_int_equal(v.items[999], 1998);
    VEC_FREE(&v);
    assert_null(v.items);
}

static void test_strtab(void **state)
{
    strtab t;
    strtab_init(&t);
    char key[32];
    for (int i = 0; i < 50000; i++) {
        snprintf(key, sizeof key, "w%d", i);
        assert_int_equal(strtab_intern(&t, key, strlen(key)), (uint32_t)i);
    }
    assert_int_equal(strtab_intern(&t, "w123", 4), 123);
    assert_int_equal(strtab_find(&t, "w49999", 6), 49999);
    assert_int_equal(strtab_find(&t, "nope", 4), STRTAB_NONE);
    assert_string_equal(strtab_get(&t, 7), "w7");
    /* Binary keys with NUL bytes are distinct strings. */
    uint32_t a = strtab_intern(&t, "a\0b", 3), b = strtab_intern(&t, "a\0c", 3);
    assert_int_not_equal(a, b);
    strtab_free(&t);
}

/* Writes n bytes of a repeating pattern to path. */
static void S_write_pattern(const char *path, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < n; i++)
        fputc('a' + (int)(i % 23), f);
    assert_int_equal(fclose(f), 0);
}

/* Large regular files are mapped, NUL-terminated, and stay readable after io_release (the
 * pages come back from the file); a size that is a whole number of pages, and small files,
 * are read into the scratch buffer. */
static void test_io_open(void **state)
{
    (void)state;
    char dir[] = "/tmp/chorus-io-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/big", dir);
    size_t sizes[] = {(size_t)IO_MAP_MIN + 1000, (size_t)IO_MAP_MIN + 4096 * 3, 5000};
    int mapped[] = {1, 0, 0};
    long page = sysconf(_SC_PAGESIZE);
    for (size_t k = 0; k < 3; k++) {
        S_write_pattern(path, sizes[k]);
        buf scratch = BUF_INIT;
        io_input in;
        chorus_error err;
        assert_int_equal(io_open(path, &scratch, &in, &err), CHORUS_OK);
        assert_int_equal(in.len, sizes[k]);
        assert_int_equal(in.map != NULL, mapped[k] && page > 0 && sizes[k] % (size_t)page);
        assert_int_equal(in.data[in.len], '\0');
        io_release(&in, in.len / 2);
        for (size_t i = 0; i < in.len; i += 4093)
            assert_int_equal(in.data[i], 'a' + (int)(i % 23));
        assert_int_equal(in.data[in.len - 1], 'a' + (int)((in.len - 1) % 23));
        io_close(&in);
        buf_free(&scratch);
    }
    chorus_error err;
    buf scratch = BUF_INIT;
    io_input in;
    snprintf(path, sizeof path, "%s/missing", dir);
    assert_int_equal(io_open(path, &scratch, &in, &err), CHORUS_ERR_IO);
    assert_non_null(strstr(err.message, "missing"));
    buf_free(&scratch);
    snprintf(path, sizeof path, "%s/big", dir);
    unlink(path);
    rmdir(dir);
}

static void test_atomic_write(void **state)
{
    char dir[] = "/tmp/chorus-core-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    chorus_error err;
    assert_int_equal(io_write_atomic(path, "hello\n", 6, &err), CHORUS_OK);
    buf b = BUF_INIT;
    assert_int_equal(io_read_file(path, &b, &err), CHORUS_OK);
    assert_string_equal(b.data, "hello\n");
    buf_free(&b);
    /* A directory that does not exist: an error naming the path, nothing left behind. */
    char bad[300];
    snprintf(bad, sizeof bad, "%s/missing/out.txt", dir);
    assert_int_equal(io_write_atomic(bad, "x", 1, &err), CHORUS_ERR_IO);
    assert_non_null(strstr(err.message, "missing/out.txt"));
    assert_int_equal(io_read_file(dir, &b, &err), CHORUS_ERR_IO); /* a directory */
    buf_free(&b);
    unlink(path);
    rmdir(dir);
}

static void test_utf8(void **state)
{
    buf out = BUF_INIT;
    size_t first = 99;
    assert_int_equal(utf8_sanitize("ok \xC3\xA9", 5, &out, &first), 0);
    assert_int_equal(first, 99);
    buf_clear(&out);
    /* A stray continuation byte, an overlong '/', and a surrogate. */
    const char bad[] = "a\x80" "b\xC0\xAF" "c\xED\xA0\x80";
    assert_int_equal(utf8_sanitize(bad, sizeof bad - 1, &out, &first), 6);
    assert_int_equal(first, 1);
    assert_non_null(strstr(out.data, "a\xEF\xBF\xBD" "b"));
    buf_free(&out);
    size_t n;
    char *nfc = utf8_nfc("e\xCC\x81", 3, &n); /* e + combining acute -> é */
    assert_int_equal(n, 2);
    assert_memory_equal(nfc, "\xC3\xA9", 2);
    free(nfc);
    assert_null(utf8_nfc("plain ASCII", 11, &n)); /* its own NFC form: no copy */
    assert_int_equal(n, 11);
    assert_int_equal(utf8_fold_char(0x201C), '"');
    assert_int_equal(utf8_fold_char(0x2019), '\'');
    assert_int_equal(utf8_fold_char(0x2014), '-');
    assert_int_equal(utf8_count_words("  U.S.-led  talks -- ended\n", 27), 4);
    assert_int_equal(utf8_count_words_max("  U.S.-led  talks -- ended\n", 27, 2), 3);
    assert_int_equal(utf8_count_words_max("  U.S.-led  talks -- ended\n", 27, 4), 4);
    assert_int_equal(utf8_count_words_max("", 0, 0), 0);
    /* The sixteen-bytes-at-a-time word count against a byte-at-a-time one, on strings mixing
     * every blank (9..13, 32) with the bytes next to them (8, 14, 31, 33), letters and UTF-8,
     * at every length and cap. */
    {
        static const unsigned char pool[] = {' ', '\t', '\n', '\v', '\f', '\r', 8, 14, 31, 33,
                                             'a', 'Z', 0xC3, 0xA9, 0x80, 0xFF, 0x7F, 0};
        unsigned rng = 12345;
        for (int iter = 0; iter < 3000; iter++) {
            char w[40];
            size_t len = (size_t)iter % sizeof w;
            for (size_t i = 0; i < len; i++) {
                rng = rng * 1103515245u + 12345u;
                w[i] = (char)pool[(rng >> 16) % sizeof pool];
            }
            size_t ref = 0;
            int prev = 1;
            for (size_t i = 0; i < len; i++) {
                unsigned char c = (unsigned char)w[i];
                int sp = c == ' ' || (c >= 9 && c <= 13);
                ref += prev && !sp;
                prev = sp;
            }
            assert_int_equal(utf8_count_words(w, len), ref);
            for (size_t max = 0; max < 12; max++)
                assert_int_equal(utf8_count_words_max(w, len, max), ref > max ? max + 1 : ref);
        }
    }

    /* The eight-bytes-at-a-time ASCII scan: bad bytes on and around word boundaries, and after
     * a long ASCII run, are each found at their offset. */
    for (size_t at = 0; at < 40; at++) {
        char s[48];
        memset(s, 'a', sizeof s);
        s[at] = (char)0xFF;
        s[(at + 17) % sizeof s] = (char)0x80;
        buf_clear(&out);
        first = 99;
        assert_int_equal(utf8_sanitize(s, sizeof s, &out, &first), 2);
        assert_int_equal(first, at < (at + 17) % sizeof s ? at : (at + 17) % sizeof s);
        assert_int_equal(out.len, sizeof s + 4); /* two bytes became three each */
        assert_int_equal(utf8_valid_prefix(s, sizeof s), first);
    }
    assert_int_equal(utf8_valid_prefix("caf\xC3\xA9 \xE2\x80\x94 ok", 12), 12);
    assert_int_equal(utf8_valid_prefix("ab\xC3", 3), 2); /* cut sequence */
    assert_int_equal(utf8_valid_prefix("\xED\xA0\x80", 3), 0); /* surrogate */
    assert_int_equal(utf8_valid_prefix("", 0), 0);
    buf_free(&out);
}

/* Sets joined under their smallest element; members listed per root, ascending. */
static void test_unionfind(void **state)
{
    (void)state;
    uint32_t parent[8];
    uf_init(parent, 8);
    uf_union_min(parent, 5, 2);
    uf_union_min(parent, 7, 5);
    uf_union_min(parent, 3, 6);
    uf_union_min(parent, 2, 7); /* already joined */
    assert_int_equal(uf_find(parent, 7), 2);
    assert_int_equal(uf_find(parent, 6), 3);
    assert_int_equal(uf_find(parent, 0), 0);
    uint32_t *start, *members;
    uf_members(parent, 8, &start, &members);
    assert_int_equal(start[2], 2); /* 0 and 1, each alone, come first */
    assert_int_equal(start[3] - start[2], 3);             /* {2, 5, 7} */
    assert_int_equal(members[start[2] + 0], 2);
    assert_int_equal(members[start[2] + 1], 5);
    assert_int_equal(members[start[2] + 2], 7);
    assert_int_equal(start[4] - start[3], 2);             /* {3, 6} */
    assert_int_equal(start[8], 8);
    free(start);
    free(members);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena),     cmocka_unit_test(test_buf_and_vec),
        cmocka_unit_test(test_strtab), cmocka_unit_test(test_unionfind),    cmocka_unit_test(test_atomic_write),
        cmocka_unit_test(test_io_open),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
