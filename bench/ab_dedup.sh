#!/usr/bin/env bash
# Compares two builds of chorus on `chorus dedup` by running them AT THE SAME TIME, one per core,
# RUNS times (the order of launch alternating), and prints each run's user time and peak memory,
# then the ratio of the user times B/A over the runs (mean, its standard error, median).
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
rm -f "$WORK/ratios"
for i in $(seq "$RUNS"); do
    if [ $((i % 2)) = 1 ]; then run a "$A"; run b "$B"; else run b "$B"; run a "$A"; fi
    wait
    read -r ua ma <"$WORK/a.time"
    read -r ub mb <"$WORK/b.time"
    printf 'run %d: A %s s user, %d MB   B %s s user, %d MB\n' "$i" "$ua" $((ma / 1024)) "$ub" \
        $((mb / 1024))
    echo "$ua $ub" >>"$WORK/ratios"
    if ! cmp -s "$WORK/a.tsv" "$WORK/b.tsv"; then
        echo "the two builds' pairs differ: $WORK/a.tsv $WORK/b.tsv" >&2
        [ "${DIFFER:-0}" = 1 ] || exit 1
    fi
done
# The ratio B/A of each run's user times, summarized: a change of a few percent needs many
# runs to stand out of this machine's noise (a standard error of 2-4% for 8 runs).
python3 - "$WORK/ratios" <<'PY'
import statistics as st, sys
r = [float(b) / float(a) for a, b in (l.split() for l in open(sys.argv[1])) if float(a) > 0]
if not r:
    sys.exit(0)  # too short to time
if len(r) == 1:
    print("user time B/A: %.3f (one run)" % r[0])
else:
    print("user time B/A: mean %.3f +- %.3f (standard error), median %.3f, %d runs"
          % (st.mean(r), st.stdev(r) / len(r) ** 0.5, st.median(r), len(r)))
PY
