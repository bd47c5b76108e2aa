#!/usr/bin/env bash
# End-to-end tests of `chorus summarize`: output formats, budgets, and bad input.
# usage: summarize.sh CHORUS_BINARY SOURCE_DIR SHARED_DIR
set -u
CHORUS=$1 SRC=$2 SHARED=$3
EX="$SRC/examples/port-alder-bridge"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# expect_status WANT DESCRIPTION -- command...: checks exit status and a one-line stderr message.
expect_status() {
  local want=$1 what=$2; shift 3
  "$@" >"$TMP/out" 2>"$TMP/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then bad "$what: exit $got, want $want"; cat "$TMP/err"; return; fi
  if [ "$want" -ne 0 ] && [ ! -s "$TMP/err" ]; then bad "$what: no message on stderr"; return; fi
  ok
}
words() { wc -w <"$1" | tr -d ' '; }

# --- the bundled example ---
expect_status 0 "example text" -- "$CHORUS" summarize "$EX"
grep -q '^Sources:$' "$TMP/out" && ok || bad "text output has a Sources list"
grep -Eq '\[[0-9]+(,[0-9]+)*\]$' "$TMP/out" && ok || bad "text output has source markers"
grep -qi 'newsletter\|Leave a Reply\|Click:\|(L)\|Photo:' "$TMP/out" && bad "boilerplate in summary" || ok
# the example's two cost figures disagree: plain text must say so, with the sources of each
grep -q '^Sources disagree:$' "$TMP/out" && grep -Eq '^- 41 million dollars \[1,2\] vs 47 million dollars \[3,4\]$' "$TMP/out" \
  && ok || bad "text output lists the disputed cost with its sources"

expect_status 0 "example lines" -- "$CHORUS" summarize "$EX" --format lines --words 50
[ "$(words "$TMP/out")" -le 50 ] && ok || bad "lines output within 50 words ($(words "$TMP/out"))"

expect_status 0 "fill" -- "$CHORUS" summarize "$EX" --format lines --words 60 --fill
[ "$(words "$TMP/out")" -eq 60 ] && ok || bad "--fill gives exactly 60 words ($(words "$TMP/out"))"

expect_status 0 "sentences" -- "$CHORUS" summarize "$EX" --format lines --sentences 2
[ "$(wc -l <"$TMP/out")" -eq 2 ] && ok || bad "--sentences 2 gives 2 lines"

expect_status 0 "bytes" -- "$CHORUS" summarize "$EX" --format lines --bytes 300
[ "$(tr '\n' ' ' <"$TMP/out" | wc -c)" -le 301 ] && ok || bad "--bytes 300 respected"

expect_status 0 "json" -- "$CHORUS" summarize "$EX" --format json
if command -v python3 >/dev/null; then
  python3 - "$TMP/out" <<'PY' && ok || bad "json shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["documents"]) == 4
for doc in d["documents"]:
    for k in ("id", "title", "source", "date", "url", "sentences"):
        assert k in doc, k
assert d["summary"], "empty summary"
ids = {doc["id"] for doc in d["documents"]}
for s in d["summary"]:
    assert s["text"] and s["document"] in ids and s["sentence"] >= 1
    assert s["document"] in s["sources"] and set(s["sources"]) <= ids
# the syndicated copy: the opening sentence is carried by articles 1 and 2
assert any({1, 2} <= set(s["sources"]) for s in d["summary"]), "syndicated copy not attributed"
PY
fi

# -o writes atomically; a failed run leaves no file
expect_status 0 "output file" -- "$CHORUS" summarize "$EX" -o "$TMP/summary.txt"
[ -s "$TMP/summary.txt" ] && [ ! -s "$TMP/out" ] && ok || bad "-o writes the file, not stdout"
expect_status 1 "missing input with -o" -- "$CHORUS" summarize "$TMP/nope" -o "$TMP/never.txt"
[ ! -e "$TMP/never.txt" ] && ok || bad "failed run left an output file"
ls "$TMP" | grep -q tmp && bad "temporary file left behind" || ok

# stdin
expect_status 0 "stdin" -- sh -c "cat '$EX/01-tidewater-gazette.txt' | '$CHORUS' summarize - --sentences 1"

# --- usage errors: exit 2 ---
expect_status 2 "no args" -- "$CHORUS"
expect_status 2 "unknown command" -- "$CHORUS" frobnicate
expect_status 2 "no input" -- "$CHORUS" summarize
expect_status 2 "bad words" -- "$CHORUS" summarize --words abc "$EX"
expect_status 2 "zero words" -- "$CHORUS" summarize --words 0 "$EX"
expect_status 2 "bad format" -- "$CHORUS" summarize --format xml "$EX"
expect_status 2 "bad option" -- "$CHORUS" summarize --no-such-option "$EX"
expect_status 0 "help" -- "$CHORUS" summarize --help
expect_status 0 "version" -- "$CHORUS" --version

# --- bad input: exit 1 with a message naming the file ---
expect_status 1 "missing path" -- "$CHORUS" summarize "$TMP/missing.txt"
grep -q "missing.txt" "$TMP/err" && ok || bad "message names the missing file"
mkdir "$TMP/emptydir"
expect_status 1 "empty dir" -- "$CHORUS" summarize "$TMP/emptydir"
: >"$TMP/empty.txt"
expect_status 1 "empty file" -- "$CHORUS" summarize "$TMP/empty.txt"
grep -q "empty.txt" "$TMP/err" && ok || bad "message names the empty file"
printf 'a\0b\0c' >"$TMP/binary.bin"
expect_status 1 "binary file" -- "$CHORUS" summarize "$TMP/binary.bin"
printf 'Title here\n\nThe harbour board approved the new \xff\xfe ferry timetable on Monday after a long debate.\n' >"$TMP/bad-utf8.txt"
expect_status 0 "invalid utf-8 warns" -- "$CHORUS" summarize "$TMP/bad-utf8.txt"
grep -q "bad-utf8.txt.*byte" "$TMP/err" && ok || bad "utf-8 warning names file and offset"
expect_status 1 "invalid utf-8 strict" -- "$CHORUS" summarize --strict "$TMP/bad-utf8.txt"
printf 'Just a title\n' >"$TMP/title-only.txt"
expect_status 1 "no prose" -- "$CHORUS" summarize "$TMP/title-only.txt"

# a 50 MB single line: finishes, no crash (exit 0 or a clean error)
python3 -c "
import sys
w = ['harbour', 'ferry', 'bridge', 'council', 'island', 'storm', 'repair', 'mayor']
with open(sys.argv[1], 'w') as f:
    f.write('A very long line\n\n')
    n = 0
    while n < 50_000_000:
        s = ' '.join(w[(n + i) % 8] for i in range(12)) + ' went ahead today. '
        f.write(s); n += len(s)
    f.write('\n')
" "$TMP/huge.txt"
"$CHORUS" summarize "$TMP/huge.txt" --words 50 >"$TMP/out" 2>"$TMP/err"
rc=$?
[ $rc -eq 0 ] || [ $rc -eq 1 ] && ok || bad "50 MB line: exit $rc"

# 10,000 tiny files
mkdir "$TMP/many"
python3 -c "
import os, sys
for i in range(10000):
    with open(os.path.join(sys.argv[1], 'a%05d.txt' % i), 'w') as f:
        f.write('Note %d\n\nThe island ferry ran %d extra crossings on Monday while the bridge stayed shut.\n' % (i, i % 7))
" "$TMP/many"
expect_status 0 "10,000 tiny files" -- "$CHORUS" summarize "$TMP/many" --words 40

# --- the shared seeds, when present ---
if [ -d "$SHARED/seeds" ]; then
  expect_status 0 "seeds" -- "$CHORUS" summarize "$SHARED/seeds" --words 100 --format lines
  [ "$(words "$TMP/out")" -le 100 ] && ok || bad "seeds summary within 100 words"
  grep -Eqi 'https?://|^[0-9]{8}$|\(L\)|email|Leave a Reply|Click:' "$TMP/out" && bad "seeds: non-prose line" || ok
  grep -qi 'Sherman\|Ryabkov\|Geneva\|talks' "$TMP/out" && ok || bad "seeds summary is about the Geneva talks"
  expect_status 0 "seeds json" -- "$CHORUS" summarize "$SHARED/seeds" --words 100 --format json
  python3 - "$TMP/out" <<'PY' && ok || bad "seeds json matches docs/json-schema.md"
import json, sys
d = json.load(open(sys.argv[1]))
types = {"version": str, "method": str, "budget": dict, "optimal": bool, "documents": list,
         "summary": list, "words": int}
for k, t in types.items():
    assert isinstance(d[k], t), k
assert len(d["documents"]) == 5 and d["words"] <= 100
for doc in d["documents"]:
    assert isinstance(doc["id"], int) and isinstance(doc["sentences"], int)
    for k in ("title", "source", "date", "url"):
        assert doc[k] is None or isinstance(doc[k], str), k
for s in d["summary"]:
    assert isinstance(s["text"], str) and s["text"]
    assert all(isinstance(i, int) for i in s["sources"]) and s["sources"] == sorted(s["sources"])
    assert s["document"] in s["sources"] and isinstance(s["sentence"], int)
    assert 1 <= s["independent_sources"] <= len(s["sources"])
PY
  expect_status 0 "seeds text" -- "$CHORUS" summarize "$SHARED/seeds" --words 100
  n=$(sed '/^$/q' "$TMP/out" | grep -c .)
  m=$(sed '/^$/q' "$TMP/out" | grep -Ec '\[[0-9,]+\]$')
  [ "$n" -eq "$m" ] && ok || bad "every seed summary sentence has source markers"
else
  echo "skip: $SHARED/seeds not found, seed checks not run"
fi

echo "summarize: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
