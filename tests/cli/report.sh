#!/usr/bin/env bash
# End-to-end test of `chorus report`: a self-contained HTML page with every section, and (when
# /usr/bin/chromium exists) a headless browser run: the script must run without console errors,
# and screenshots at desktop and phone widths are kept in the build dir as test artifacts.
# usage: report.sh CHORUS_BINARY SOURCE_DIR SHARED_DIR
set -u
CHORUS=$1 SRC=$2 SHARED=$3
EX="$SRC/examples/port-alder-bridge"
OUT="$PWD/report-artifacts"
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

check_page() { # NAME FILE
  local name=$1 f=$2
  for id in summary conflicts quotes timeline sources entities; do
    grep -q "<section id=\"$id\">" "$f" && ok || bad "$name: section $id missing"
  done
  grep -q 'class="cite"' "$f" && ok || bad "$name: no citations"
  grep -q 'class="bar"' "$f" && ok || bad "$name: no agreement bars"
  grep -q '@media print' "$f" && ok || bad "$name: no print CSS"
  grep -q 'name="viewport"' "$f" && ok || bad "$name: no viewport meta"
  # Self-contained: nothing is loaded from elsewhere.
  grep -Eiq '<(link|img|iframe)[^>]*(href|src)=|<script[^>]+src=|@import|url\(' "$f" \
    && bad "$name: external asset referenced" || ok
}

"$CHORUS" report "$EX" -o "$TMP/example.html" 2>"$TMP/err" && ok || { bad "report of the example"; cat "$TMP/err"; }
check_page example "$TMP/example.html"
grep -q '41 million dollars' "$TMP/example.html" && grep -q '47 million dollars' "$TMP/example.html" \
  && ok || bad "example: the repair-cost conflict is shown"
cp "$TMP/example.html" "$OUT/example.html"

# Usage errors.
"$CHORUS" report "$EX" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing -o is a usage error"
"$CHORUS" report -o "$TMP/x.html" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "missing input is a usage error"

pages=(example)
if [ -d "$SHARED/seeds" ]; then
  "$CHORUS" report "$SHARED/seeds" -o "$TMP/seeds.html" 2>"$TMP/err" && ok || { bad "report of the seeds"; cat "$TMP/err"; }
  check_page seeds "$TMP/seeds.html"
  grep -q 'nearly six-hour' "$TMP/seeds.html" && ok || bad "seeds: the talk-duration conflict is shown"
  cp "$TMP/seeds.html" "$OUT/seeds.html"
  pages+=(seeds)
else
  echo "note: no seeds at $SHARED/seeds, seed report skipped"
fi

if [ -x /usr/bin/chromium ]; then
  browse() { # extra chromium arguments...
    timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$(mktemp -d -p "$TMP")" --hide-scrollbars "$@"
  }
  for p in "${pages[@]}"; do
    url="file://$OUT/$p.html"
    browse --enable-logging=stderr --v=0 --dump-dom "$url" >"$TMP/$p.dom" 2>"$TMP/$p.log"
    grep -q 'data-js="ready"' "$TMP/$p.dom" && ok || bad "$p: the page script did not run"
    grep -Eq 'Uncaught|ERROR:CONSOLE|CONSOLE\([0-9]+\).*[Ee]rror' "$TMP/$p.log" \
      && { bad "$p: console errors"; grep -E 'Uncaught|CONSOLE' "$TMP/$p.log" | head -5; } || ok
    for size in 1280,900 390,844; do
      shot="$OUT/$p-${size%,*}.png"
      rm -f "$shot"
      browse --window-size="$size" --screenshot="$shot" "$url" >/dev/null 2>&1
      [ -s "$shot" ] && ok || bad "$p: no screenshot at $size"
    done
  done
  echo "screenshots: $OUT"
else
  echo "note: /usr/bin/chromium not found, browser checks skipped"
fi

echo "report.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
