#!/bin/sh
# Times `chorus rouge` on the main ROUGE-1.5.5 reference run (DUC 2002, 59 docsets, peers
# lead and leadall, ROUGE-1..4 + SU4 with stemming, 100-word cut, 1000 bootstrap samples),
# after checking that its output is still byte-identical to the script's.
#
#   bench/rouge.sh                 builds with `make` (Release, build/) and times build/chorus
#   CHORUS=path/to/chorus bench/rouge.sh
#   SHARED=path/to/shared bench/rouge.sh   (default: ../shared next to the repository)
#
# Needs hyperfine. Results are written up by hand in bench/results/rouge-speed.md.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$root/../shared}
ref="$shared/data/rouge-reference"
if [ -z "${CHORUS:-}" ]; then
    make -s -C "$root" >/dev/null
    CHORUS="$root/build/chorus"
fi
case $CHORUS in /*) ;; *) CHORUS="$(pwd)/$CHORUS" ;; esac
[ -d "$ref" ] || { echo "bench/rouge.sh: $ref not found" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "bench/rouge.sh: hyperfine not installed" >&2; exit 1; }

flags="-n 4 -2 4 -u -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a -d"
cd "$ref" # the config's roots are relative to this folder
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
"$CHORUS" rouge $flags configs/duc2002_M100_lead_leadall.xml > "$tmp"
if ! cmp -s "$tmp" runs/r1_l100_n4_su4_stem/output.txt; then
    echo "bench/rouge.sh: output differs from ROUGE-1.5.5's runs/r1_l100_n4_su4_stem/output.txt" >&2
    exit 1
fi
echo "output identical to ROUGE-1.5.5 (runs/r1_l100_n4_su4_stem/output.txt)"
hyperfine --warmup 5 --min-runs 50 -N \
    "$CHORUS rouge $flags configs/duc2002_M100_lead_leadall.xml" "$@"
