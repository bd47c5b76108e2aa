#!/usr/bin/env bash
# Times builds of chorus on `chorus dedup --format pairs -q INPUT`, each ALONE (one at a time),
# RUNS times each, alternating between the builds, and prints each build's best and median
# user time. On a machine whose speed drifts within minutes, the best of several alternating
# runs compares builds better than one run of each (bench/ab_dedup.sh runs two builds at once
# instead). Outputs are not compared: use bench/ab_dedup.sh for that.
#
# usage: bench/best_of.sh INPUT RUNS CHORUS...
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,8p' "$0" >&2
    exit 2
fi
INPUT=$1 RUNS=$2
shift 2
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for i in $(seq "$RUNS"); do
    for b in "$@"; do
        /usr/bin/time -f "%U" -o "$WORK/t" "$b" dedup --format pairs -q -o "$WORK/p.tsv" "$INPUT"
        echo "$b $(cat "$WORK/t")" >>"$WORK/log"
    done
done
for b in "$@"; do
    grep -F "$b " "$WORK/log" | awk '{print $NF}' | sort -n |
        awk -v b="$b" '{t[NR] = $1} END {
            printf "%s best %s median %s all", b, t[1], t[int((NR + 1) / 2)]
            for (i = 1; i <= NR; i++) printf " %s", t[i]
            print ""
        }'
done
