#!/usr/bin/env bash
# Compares two builds of chorus on `chorus dedup` by running them AT THE SAME TIME, one per core,
# RUNS times (the order of launch alternating), and prints each run's user time and peak memory.
# On a shared machine whose speed drifts by a third within minutes, runs one after the other
# compare the machine more than the builds; side by side, both see the same machine (they share
# the memory bus and the last-level cache, which slows both alike). Needs two idle cores.
#
# usage: bench/ab_dedup.sh CHORUS_A CHORUS_B INPUT [RUNS=2] [WORKDIR=/tmp/chorus-ab]
# Exits non-zero if the two builds' pairs differ (a speed change must not change results),
# unless DIFFER=1 (a change meant to change them: both outputs are kept, WORKDIR/a.tsv and
# b.tsv, for bench/score_dedup.py).
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n '2,11p' "$0" >&2
    exit 2
fi
A=$1 B=$2 INPUT=$3 RUNS=${4:-2} WORK=${5:-/tmp/chorus-ab}
mkdir -p "$WORK"
run() { # name binary: one run in the background, its time in $WORK/name.time
    /usr/bin/time -f "%U %M" -o "$WORK/$1.time" "$2" dedup --format pairs -q \
        -o "$WORK/$1.tsv" "$INPUT" &
}
for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then run a "$A"; run b "$B"; else run b "$B"; run a "$A"; fi
    wait
    read -r ua ma <"$WORK/a.time"
    read -r ub mb <"$WORK/b.time"
    printf 'run %d: A %s s user, %d MB   B %s s user, %d MB\n' "$i" "$ua" $((ma / 1024)) "$ub" \
        $((mb / 1024))
    if ! cmp -s "$WORK/a.tsv" "$WORK/b.tsv"; then
        echo "the two builds' pairs differ: $WORK/a.tsv $WORK/b.tsv" >&2
        [ "${DIFFER:-0}" = 1 ] || exit 1
    fi
done
