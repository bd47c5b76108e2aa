#!/bin/sh
# Speed of summarization, parsing included (see bench/results/speed.md):
#   1. one 10-article DUC 2002 cluster, one `chorus summarize` process per run (hyperfine);
#   2. all 59 DUC 2002 clusters in one shell loop, one process each (hyperfine);
# for every method. Usage: bench/speed.sh [path/to/chorus] [data dir]
# Set CHORUS_WORDNET_DIR=/nonexistent to leave out the WordNet synonym load of document dedup.
set -eu
cd "$(dirname "$0")/.."
CHORUS=${1:-build/chorus}
DATA=${2:-../shared/data}
CLUSTER="$DATA/duc2002/docs/d061j"
if [ ! -d "$CLUSTER" ]; then
    echo "skip: $CLUSTER not found; the speed bench needs the DUC data"
    exit 0
fi
METHODS="concept submodular centroid lexrank lead random"
echo "cluster: $CLUSTER ($(ls "$CLUSTER" | wc -l) articles)"
for m in $METHODS; do
    hyperfine -N -w 5 -r 50 --style basic \
        "$CHORUS summarize $CLUSTER --words 100 --fill --format lines --method $m -q -o /dev/null"
done
ALL=$(ls -d "$DATA"/duc2002/docs/*/)
echo "all DUC 2002 clusters: $(echo "$ALL" | wc -l)"
for m in $METHODS; do
    hyperfine -w 1 -r 5 --style basic -n "all DUC 2002 clusters, $m" \
        "for d in $(echo $ALL); do $CHORUS summarize \$d --words 100 --fill --format lines --method $m -q -o /dev/null; done"
done
