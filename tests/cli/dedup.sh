#!/usr/bin/env bash
# End-to-end tests of `chorus dedup`: relations on invented articles and on the seeds.
# usage: dedup.sh CHORUS_BINARY SOURCE_DIR SHARED_DIR
set -u
CHORUS=$1 SRC=$2 SHARED=$3
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

# Invented articles: an original, an exact copy, a reordered excerpt, an unrelated story.
mkdir -p "$TMP/set"
cat >"$TMP/set/a.txt" <<'TXT'
Library reopens after flood

The city library reopened on Saturday, six months after a flood ruined its ground floor.

Volunteers carried more than ten thousand books back onto the shelves during the week.

The children's reading room now sits on the first floor, away from the river.

Insurance covered most of the repair bill, the head librarian said.

A new pump system will switch on automatically when the river rises.

Opening hours remain the same as before the flood.
TXT
cp "$TMP/set/a.txt" "$TMP/set/b.txt"
cat >"$TMP/set/c.txt" <<'TXT'
Flooded library open again

A new pump system will switch on automatically when the river rises.

The city library reopened on Saturday, six months after a flood ruined its ground floor.

Insurance covered most of the repair bill, the head librarian said.
TXT
cat >"$TMP/set/d.txt" <<'TXT'
Council approves bicycle lanes

The council approved twelve kilometres of new bicycle lanes on Thursday evening.

Shop owners on the high street opposed the plan, fearing the loss of parking spaces.

Work on the first lanes should start in the spring.
TXT

"$CHORUS" dedup --format json "$TMP/set" >"$TMP/out.json" 2>"$TMP/err" && ok || bad "dedup json exit status"
python3 - "$TMP/out.json" <<'PY' && ok || bad "dedup json relations on invented set"
import json, sys
d = json.load(open(sys.argv[1]))
assert [x["id"] for x in d["documents"]] == [1, 2, 3, 4], d["documents"]
assert all("path" in x and "title" in x and "source" in x for x in d["documents"])
rel = {(p["a"], p["b"]): p["relation"] for p in d["pairs"]}
assert rel.get((1, 2)) == "duplicate", rel
assert rel.get((3, 1)) == "contained", rel
assert rel.get((3, 2)) == "contained", rel
assert not any(4 in k for k in rel), rel
assert all(0 < p["score"] <= 1 for p in d["pairs"])
assert len(d["sentence_groups"]) >= 3
PY
"$CHORUS" dedup "$TMP/set" >"$TMP/out.txt" 2>"$TMP/err" && ok || bad "dedup text exit status"
grep -q '^\[3\] is contained in \[1\]' "$TMP/out.txt" && ok || bad "text report names the excerpt"
"$CHORUS" dedup >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "no input is a usage error"
"$CHORUS" dedup --format xml "$TMP/set" >/dev/null 2>&1; [ $? -eq 2 ] && ok || bad "bad format is a usage error"

# The seeds: 000 is contained in 002, and there is no other document-level relation.
if [ -d "$SHARED/seeds" ]; then
  "$CHORUS" dedup --format json "$SHARED/seeds" >"$TMP/seeds.json" 2>"$TMP/err" && ok || bad "dedup seeds"
  python3 - "$TMP/seeds.json" <<'PY' && ok || bad "seeds: only 000 contained in 002"
import json, sys
d = json.load(open(sys.argv[1]))
ids = {x["id"]: x["path"].rsplit("/", 1)[-1][:3] for x in d["documents"]}
rels = [(ids[p["a"]], ids[p["b"]], p["relation"]) for p in d["pairs"]]
assert rels == [("000", "002", "contained")], rels
PY
else
  echo "seed checks skipped: $SHARED/seeds is absent"
fi

# A generated stream of 2,000 articles with planted copies (bench/gen_stream.py, fixed seed):
# precision and recall of every relation at least 0.95, and --stream gives the same pairs.
if [ -d /usr/share/wordnet ] && [ -f "$SRC/bench/gen_stream.py" ]; then
  python3 "$SRC/bench/gen_stream.py" -n 2000 --seed 7 --truth "$TMP/truth.tsv" -o "$TMP/gen.jsonl" \
    && ok || bad "gen_stream.py"
  "$CHORUS" dedup --format pairs -q -o "$TMP/pairs.tsv" "$TMP/gen.jsonl" && ok || bad "dedup pairs"
  python3 "$SRC/bench/score_dedup.py" "$TMP/truth.tsv" "$TMP/pairs.tsv" --min 0.95 >"$TMP/score" \
    && ok || { bad "generated stream: precision/recall < 0.95"; cat "$TMP/score"; }
  "$CHORUS" dedup --stream --format pairs -q "$TMP/gen.jsonl" | cmp -s - "$TMP/pairs.tsv" \
    && ok || bad "--stream gives other pairs"
  # Articles grouped in events (--events): independent reports of one story share its names
  # and rare words, and none of them may be reported as a copy of another.
  python3 "$SRC/bench/gen_stream.py" -n 2000 --seed 11 --lengths newswire --events \
    --truth "$TMP/etruth.tsv" -o "$TMP/events.jsonl" && ok || bad "gen_stream.py --events"
  "$CHORUS" dedup --format pairs -q -o "$TMP/epairs.tsv" "$TMP/events.jsonl" && ok || bad "dedup events"
  python3 "$SRC/bench/score_dedup.py" "$TMP/etruth.tsv" "$TMP/epairs.tsv" --min 0.95 >"$TMP/escore" \
    && ok || { bad "events stream: precision/recall < 0.95"; cat "$TMP/escore"; }
else
  echo "generated-stream checks skipped: /usr/share/wordnet is absent"
fi

# Planted copies among real newswire (bench/plant_real.py over the DUC articles of
# ../shared/data): same-event independent reports are the negatives, and real text keeps
# names and numbers through spinning. Every relation at least 0.95, pairs that involve a copy.
if [ -d /usr/share/wordnet ] && [ -d "$SHARED/data/duc2002/docs" ]; then
  python3 "$SRC/bench/plant_real.py" --data "$SHARED/data" --seed 3 --truth "$TMP/rtruth.tsv" \
    -o "$TMP/real.jsonl" 2>/dev/null && ok || bad "plant_real.py"
  "$CHORUS" dedup --format pairs -q -o "$TMP/rpairs.tsv" "$TMP/real.jsonl" && ok || bad "dedup real"
  python3 "$SRC/bench/score_dedup.py" "$TMP/rtruth.tsv" "$TMP/rpairs.tsv" --only-with copy \
    --min 0.95 >"$TMP/rscore" && ok || { bad "real-text copies: precision/recall < 0.95"; cat "$TMP/rscore"; }
  # Heavy spinning: every word with a synonym in any sense replaced. Few rare words survive;
  # names and numbers do, and their sketch must still bring the copies together.
  python3 "$SRC/bench/plant_real.py" --data "$SHARED/data" --seed 5 --spin-rate 1 --senses 100 \
    --truth "$TMP/htruth.tsv" -o "$TMP/heavy.jsonl" 2>/dev/null && ok || bad "plant_real.py heavy"
  "$CHORUS" dedup --format pairs -q -o "$TMP/hpairs.tsv" "$TMP/heavy.jsonl" && ok || bad "dedup heavy"
  python3 "$SRC/bench/score_dedup.py" "$TMP/htruth.tsv" "$TMP/hpairs.tsv" --only-with copy \
    --min 0.95 >"$TMP/hscore" && ok || { bad "heavy spinning: precision/recall < 0.95"; cat "$TMP/hscore"; }
else
  echo "real-text checks skipped: needs /usr/share/wordnet and $SHARED/data"
fi

echo "dedup: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
