#!/usr/bin/env python3
"""Precision and recall per relation of `chorus dedup --format pairs` against planted truth.

usage: bench/score_dedup.py TRUTH.tsv PAIRS.tsv [--min P]   (python3 stdlib only)

TRUTH: "RELATION<TAB>A<TAB>B" lines from bench/gen_stream.py (contained: A inside B).
PAIRS: "RELATION<TAB>A<TAB>B<TAB>SCORE" lines from chorus (ids are the input ids).
Duplicate and paraphrase pairs are unordered; contained is ordered. A found pair counts as
correct only with the planted relation. With --min, exits 1 when any precision or recall of a
relation present in the truth is below P. With --only-with PREFIX, found pairs in which
neither id starts with PREFIX are left out of the scores and only counted (for
bench/plant_real.py, whose background articles' own relations are unknown).
"""
import sys


def key(rel, a, b):
    return (rel, a, b) if rel == "contained" else (rel, min(a, b), max(a, b))


def load(path):
    out = set()
    with open(path) as f:
        for line in f:
            t = line.rstrip("\n").split("\t")
            if len(t) >= 3:
                out.add(key(t[0], t[1], t[2]))
    return out


def main():
    args = sys.argv[1:]
    minimum = None
    if "--min" in args:
        i = args.index("--min")
        minimum = float(args[i + 1])
        del args[i:i + 2]
    only = None
    if "--only-with" in args:
        i = args.index("--only-with")
        only = args[i + 1]
        del args[i:i + 2]
    truth, found = load(args[0]), load(args[1])
    if only is not None:
        left = {k for k in found if not (k[1].startswith(only) or k[2].startswith(only))}
        found -= left
        print("pairs between background articles (not scored): %d" % len(left))
        for rel in ("duplicate", "contained", "paraphrase"):
            print("  %-10s %d" % (rel, sum(1 for k in left if k[0] == rel)))
        # A copy of X found related to Y, where X and Y themselves were found related, follows
        # from that background relation, whose truth is unknown: not scored either.
        base = {}
        for _, a, b in truth:
            for x, y in ((a, b), (b, a)):
                if x.startswith(only) and not y.startswith(only):
                    base[x] = y
        related = {frozenset((k[1], k[2])) for k in left}
        planted = {frozenset((k[1], k[2])) for k in truth}
        follows = {k for k in found - truth if frozenset((k[1], k[2])) not in planted and
                   frozenset((base.get(k[1], k[1]), base.get(k[2], k[2]))) in related}
        found -= follows
        print("pairs that follow from those (not scored): %d" % len(follows))
    ok = True
    print("relation     truth   found  correct  precision  recall")
    for rel in ("duplicate", "contained", "paraphrase"):
        t = {k for k in truth if k[0] == rel}
        f = {k for k in found if k[0] == rel}
        c = len(t & f)
        p = c / len(f) if f else 1.0
        r = c / len(t) if t else 1.0
        print("%-10s %7d %7d %8d %10.4f %7.4f" % (rel, len(t), len(f), c, p, r))
        if minimum is not None and t and (p < minimum or r < minimum):
            ok = False
    c = len(truth & found)
    print("%-10s %7d %7d %8d %10.4f %7.4f" % ("all", len(truth), len(found), c,
          c / len(found) if found else 1.0, c / len(truth) if truth else 1.0))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
