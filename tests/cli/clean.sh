#!/usr/bin/env bash
# End-to-end tests of `chorus clean`: boilerplate removal with reasons, on invented pages and
# on the seeds.
# usage: clean.sh CHORUS_BINARY SOURCE_DIR SHARED_DIR
set -u
CHORUS=$1 SRC=$2 SHARED=$3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

cat >"$TMP/a.txt" <<'TXT'
Harbour crane collapse closes pier

OSLO (AP) — The harbour authority closed the northern pier on Monday after a crane collapsed.

Sign up for our morning newsletter to get the top stories.

Engineers said the repairs would take a week.

Ana Berg (L) and Ola Dahl (R) inspect the pier on Monday.

Ferries will leave from the southern pier until the work is done.

Why the city's tram plan keeps stalling

The port handles forty thousand containers a month.

Click: See details

Leave a Reply

Your email address will not be published. Required fields are marked *

Jo Park contributed reporting.
TXT
"$CHORUS" clean --explain "$TMP/a.txt" >"$TMP/out" 2>"$TMP/err" && ok || bad "clean exit status"
for want in "signup: Sign up" "caption: Ana Berg" "teaser: Why the city" "link: Click:" \
  "comment-form: Leave a Reply" "comment-form: Your email" "credit: Jo Park"; do
  grep -q -- "^- $want" "$TMP/out" && ok || bad "explain lists '$want'"
done
grep -q '^# dateline: OSLO (AP)$' "$TMP/out" && ok || bad "dateline kept as metadata"
grep -q '^The harbour authority closed' "$TMP/out" && ok || bad "dateline stripped from the text"
for prose in "Engineers said" "Ferries will leave" "The port handles"; do
  grep -q "^$prose" "$TMP/out" && ok || bad "prose kept: $prose"
done
"$CHORUS" clean "$TMP/a.txt" >"$TMP/plain" 2>"$TMP/err" && ok || bad "clean without --explain"
grep -q '^- ' "$TMP/plain" && bad "no reasons without --explain" || ok

# Repetition: a line that one source repeats in many articles is boilerplate.
for i in 1 2 3; do
  printf '{"title":"Story %s","source":"harbour.example","text":"Story number %s about the port opened with new facts.\\nA second paragraph of story %s with its own details.\\nFollow Harbour News on every platform for updates."}\n' $i $i $i
done >"$TMP/feed.jsonl"
"$CHORUS" clean --explain "$TMP/feed.jsonl" >"$TMP/out" 2>"$TMP/err" && ok || bad "clean feed"
[ "$(grep -c '^- repeated: Follow Harbour News' "$TMP/out")" -eq 3 ] && ok || bad "repeated line removed from each article"

# The seeds: every sign-up, comment-form, Click:, caption and teaser line goes; prose stays.
if [ -d "$SHARED/seeds" ]; then
  "$CHORUS" clean --explain "$SHARED/seeds" >"$TMP/seeds" 2>"$TMP/err" && ok || bad "clean seeds"
  removed=$(grep '^- ' "$TMP/seeds")
  kept=$(grep -v '^- \|^#' "$TMP/seeds")
  for pat in 'Success! An email has been sent' 'Leave A Reply' 'Leave a Reply' \
    'Your email address will not be published' 'Click: See details' '(L) and' \
    "Here's what you need to know" 'The West has a rare window' 'contributed reporting' \
    'at the United Nations contributed'; do
    grep -qF -- "$pat" <<<"$removed" && ok || bad "seeds: removed '$pat'"
    grep -qF -- "$pat" <<<"$kept" && bad "seeds: '$pat' still in the text" || ok
  done
  # Prose that looks like boilerplate to a careless rule must stay.
  for pat in 'The global community will be closely following' 'Sherman again stressed' \
    'We will not make decisions about Ukraine without Ukraine' 'It was not what you would call a negotiation'; do
    grep -qF -- "$pat" <<<"$removed" && bad "seeds: prose removed '$pat'" || ok
  done
  n_removed=$(grep -c '^- ' "$TMP/seeds")
  # 1 + 0 + 7 + 2 + 3 pattern/context removals + the long credit line of 001.
  [ "$n_removed" -eq 14 ] && ok || { bad "seeds: $n_removed lines removed, want 14"; grep '^- ' "$TMP/seeds"; }
else
  echo "seed checks skipped: $SHARED/seeds is absent"
fi

echo "clean: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
