#!/usr/bin/env python3
"""Lengths of cleaned articles, read from `chorus clean` on standard input: how many articles,
and the mean and median bytes of their kept text (lines and their line breaks). It puts the
synthetic streams of bench/gen_stream.py beside real news, since dedup throughput per byte
depends on article length (each article has a fixed cost: its sketches and LSH entries).

usage: chorus clean -q PATH... | python3 bench/article_lengths.py

Articles start at a "# [N] title" line; the other "# " lines of an article are its metadata,
and its remaining non-empty lines its text. (A text line that itself starts with "# " would
be missed: none does in the sets measured in bench/results/dedup.md.)
"""
import re
import statistics
import sys


def main():
    lengths = []
    for line in sys.stdin.buffer:
        if re.match(rb"# \[\d+\] ", line):
            lengths.append(0)
        elif lengths and line.strip() and not line.startswith(b"# "):
            lengths[-1] += len(line.rstrip(b"\n")) + 1
    if not lengths:
        sys.exit("article_lengths.py: no article on standard input (expected `chorus clean`)")
    print("%d articles, mean %.0f bytes, median %.0f bytes"
          % (len(lengths), statistics.mean(lengths), statistics.median(lengths)))


if __name__ == "__main__":
    main()
