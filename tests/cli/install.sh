#!/usr/bin/env bash
# `cmake --install` into a scratch prefix, then build and run a program against the installed
# header, pkg-config file, and the shared and static libraries, as a library user would.
# usage: install.sh CHORUS_BINARY SOURCE_DIR SHARED_DIR
set -u
CHORUS=$1
BUILD=$(dirname "$CHORUS")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
command -v cc >/dev/null && command -v pkg-config >/dev/null || { echo "skip: no cc or pkg-config"; exit 77; }
# A sanitizer build's libraries need the sanitizer runtime in every program that links them;
# what users install is the plain build, which the Release run of the suite checks.
if grep -q '^CHORUS_SANITIZE:BOOL=ON' "$BUILD/CMakeCache.txt" 2>/dev/null; then
  echo "skip: sanitizer build; the install is checked in the plain build"
  exit 77
fi

cmake --install "$BUILD" --prefix "$TMP/prefix" >/dev/null && ok || bad "cmake --install"
# The pkg-config file is relative to its own location, so the prefix can be moved.
mv "$TMP/prefix" "$TMP/moved"
PC=$(dirname "$(find "$TMP/moved" -name chorus.pc | head -n 1)")
[ -f "$PC/chorus.pc" ] && ok || bad "chorus.pc installed"
[ -f "$TMP/moved/include/chorus.h" ] && ok || bad "chorus.h installed"
[ -n "$(find "$TMP/moved" -name 'chorus.1')" ] && ok || bad "man page installed"

cat >"$TMP/user.c" <<'C'
#include <chorus.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void)
{
    const char *a = "Ferry strike ends\n\nThe island ferry resumed service on Monday after a two-week strike by its crew ended.\n";
    chorus_corpus *c = chorus_corpus_new(NULL);
    chorus_error err;
    if (chorus_corpus_add_text(c, "a.txt", a, strlen(a), &err) != CHORUS_OK)
        return 1;
    chorus_summary *s = chorus_summarize(c, NULL, &err);
    if (!s)
        return 2;
    char *out = chorus_summary_render(s, CHORUS_FORMAT_LINES);
    fputs(out, stdout);
    free(out);
    chorus_summary_free(s);
    chorus_corpus_free(c);
    return 0;
}
C
export PKG_CONFIG_PATH=$PC
# shellcheck disable=SC2046
cc "$TMP/user.c" $(pkg-config --cflags --libs chorus) -o "$TMP/user-shared" && ok || bad "link against the shared library"
LIBDIR=$(pkg-config --variable=libdir chorus)
LD_LIBRARY_PATH=$LIBDIR "$TMP/user-shared" | grep -q "resumed service" && ok || bad "run with the shared library"
# shellcheck disable=SC2046
cc "$TMP/user.c" $(pkg-config --cflags chorus) "$LIBDIR/libchorus.a" \
  $(pkg-config --static --libs chorus | sed 's/-lchorus//') -o "$TMP/user-static" && ok || bad "link statically"
"$TMP/user-static" | grep -q "resumed service" && ok || bad "run the static build"

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
