#!/usr/bin/env bash
# Dedup at scale: generates N synthetic articles with planted copies (bench/gen_stream.py),
# runs `chorus dedup --format pairs` on them, and reports throughput, peak memory, and
# precision/recall per relation (bench/score_dedup.py).
# usage: bench/dedup.sh [N=1000000] [SEED=1] [CHORUS=build/chorus] [WORKDIR=/tmp/chorus-dedup-bench]
#                       [LENGTHS=short|newswire] [EVENTS=0|1]
# (LENGTHS: article lengths of the generated stream; EVENTS=1: articles grouped in events that
# share names and words, gen_stream.py --events. A stream already in WORKDIR is reused, so keep
# one WORKDIR per kind.)
set -euo pipefail
N=${1:-1000000} SEED=${2:-1} LENGTHS=${5:-short} EVENTS=${6:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
CHORUS=${3:-$HERE/../build/chorus}
WORK=${4:-/tmp/chorus-dedup-bench}
mkdir -p "$WORK"
STREAM=$WORK/stream-$N-$SEED.jsonl TRUTH=$WORK/truth-$N-$SEED.tsv OUT=$WORK/pairs-$N-$SEED.tsv
if [ ! -s "$STREAM" ]; then
  /usr/bin/time -f "generate: %e s, %M KB" python3 "$HERE/gen_stream.py" -n "$N" --seed "$SEED" \
    --lengths "$LENGTHS" $([ "$EVENTS" = 1 ] && echo --events) --truth "$TRUTH" -o "$STREAM"
fi
BYTES=$(stat -c %s "$STREAM")
/usr/bin/time -f "%e %U %M" -o "$WORK/time" "$CHORUS" dedup --format pairs -q -o "$OUT" "$STREAM"
read -r WALL USER RSS <"$WORK/time"
python3 - "$BYTES" "$WALL" "$USER" "$RSS" "$N" <<'PY'
import sys
b, wall, user, rss, n = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print("input: %d articles, %.1f MB" % (n, b / 1e6))
print("dedup: %.1f s wall, %.1f s user: %.1f MB/s end to end, %.1f MB/s per core-second" % (wall, user, b / 1e6 / wall, b / 1e6 / user))
print("peak memory: %.0f MB (%.0f bytes per article)" % (rss / 1024, rss * 1024 / n))
PY
python3 "$HERE/score_dedup.py" "$TRUTH" "$OUT"
