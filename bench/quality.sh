#!/bin/sh
# The quality loop (see bench/quality.py): builds chorus, then summarizes and scores every
# DUC 2001/2002 docset. Options are passed through, e.g. `bench/quality.sh --save`.
set -eu
cd "$(dirname "$0")/.."
make -s >/dev/null
exec python3 bench/quality.py "$@"
