#!/usr/bin/env python3
"""How much vocabulary unrelated articles share: the distribution that decides how many
candidate pairs pass chorus dedup's prefilter (PREFILTER_MIN, a share of 0.3), measured the same
way on real newswire and on bench/gen_stream.py streams, so the generator can be held to real
text.

usage: bench/stem_share.py duc DOCS_DIR [--pairs N] [--seed S]
       bench/stem_share.py stream STREAM.jsonl [--events FILE] [--truth FILE] [--docs M]
                                               [--pairs N] [--seed S]

share(A, B) = |A & B| / min(|A|, |B|) over the two articles' distinct content "stems": lower-case
[a-z]+ words, chorus's stopwords removed (parsed from src/text/token.c), cut to their first six
letters. The cut is a crude stand-in for Snowball stemming, the same on both sides.

duc: DOCS_DIR holds one directory per cluster (topic) of DUC documents, as
../shared/data/duc2002/docs, read as bench/plant_real.py reads them. Prints pairs from
different clusters (sampled) and pairs within a cluster (all).

stream: the first M articles (default 2000) of a JSONL stream. Without --events, random pairs;
with the ID<TAB>EVENT file gen_stream.py --events-out writes, pairs of different events
(sampled) and pairs of one event (all of them, up to N), leaving out the planted relations
listed in --truth (they are copies, not independent articles).

Prints, per kind of pair: how many, the median, 90th and 99th percentile of the share, and the
fraction of pairs at 0.3 or more.
"""
import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from plant_real import duc_docs  # noqa: E402
WORD = re.compile(r"[a-z]+")


def stopwords():
    src = open(os.path.join(HERE, "..", "src", "text", "token.c"), encoding="utf-8").read()
    block = src[src.index("S_stopwords[] = {"):]
    block = block[:block.index("};")]
    return set(re.findall(r'"([^"]*)"', block))


STOP = stopwords()


def stems(text):
    return {w[:6] for w in WORD.findall(text.lower()) if w not in STOP}


def report(label, shares):
    if not shares:
        print("%-28s no pairs" % label)
        return
    shares.sort()
    n = len(shares)
    print("%-28s %7d pairs  median %.3f  p90 %.3f  p99 %.3f  >=0.3: %.4f" % (
        label, n, shares[n // 2], shares[9 * n // 10], shares[99 * n // 100],
        sum(s >= 0.3 for s in shares) / n))


def share(a, b):
    return len(a & b) / min(len(a), len(b)) if a and b else None


def sampled(docs, n, rng, keep):
    """Up to n shares of random pairs (i, j) of docs for which keep(i, j) holds."""
    out = []
    for _ in range(n * 20):
        if len(out) >= n:
            break
        i, j = rng.randrange(len(docs)), rng.randrange(len(docs))
        if i != j and keep(i, j):
            s = share(docs[i], docs[j])
            if s is not None:
                out.append(s)
    return out


def duc(args, rng):
    docs, cluster = [], []
    for aid, _title, paras in duc_docs(args.path):
        docs.append(stems(" ".join(paras)))
        cluster.append(aid.split("/")[0])
    if not docs:
        sys.exit("stem_share: no DUC articles under %s" % args.path)
    print("%d articles in %d clusters" % (len(docs), len(set(cluster))))
    report("different clusters", sampled(docs, args.pairs, rng,
                                         lambda i, j: cluster[i] != cluster[j]))
    within = [share(docs[i], docs[j]) for i in range(len(docs)) for j in range(i + 1, len(docs))
              if cluster[i] == cluster[j]]
    report("same cluster", [s for s in within if s is not None])


def stream(args, rng):
    ids, docs = [], []
    with open(args.path, encoding="utf-8") as f:
        for line in f:
            if len(docs) >= args.docs:
                break
            a = json.loads(line)
            ids.append(a["id"])
            docs.append(stems(a.get("text", "")))
    related = set()
    if args.truth:
        for line in open(args.truth, encoding="utf-8"):
            _, a, b = line.rstrip("\n").split("\t")
            related.add((a, b))
            related.add((b, a))
    if not args.events:
        report("random pairs", sampled(docs, args.pairs, rng,
                                       lambda i, j: (ids[i], ids[j]) not in related))
        return
    event = {}
    for line in open(args.events, encoding="utf-8"):
        aid, ev = line.rstrip("\n").split("\t")
        event[aid] = ev
    ev = [event.get(i) for i in ids]
    report("different events", sampled(docs, args.pairs, rng,
                                       lambda i, j: ev[i] != ev[j]))
    members = {}
    for i, e in enumerate(ev):
        members.setdefault(e, []).append(i)
    within = []
    for m in members.values():
        for x in range(len(m)):
            for y in range(x + 1, len(m)):
                i, j = m[x], m[y]
                if (ids[i], ids[j]) not in related and len(within) < args.pairs:
                    s = share(docs[i], docs[j])
                    if s is not None:
                        within.append(s)
    report("same event, not copies", within)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("kind", choices=("duc", "stream"))
    ap.add_argument("path")
    ap.add_argument("--events", help="stream: ID<TAB>EVENT per article (gen_stream.py --events-out)")
    ap.add_argument("--truth", help="stream: planted relations to leave out (gen_stream.py --truth)")
    ap.add_argument("--docs", type=int, default=2000, help="stream: articles read (2000)")
    ap.add_argument("--pairs", type=int, default=100000, help="pairs sampled per kind (100000)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    (duc if a.kind == "duc" else stream)(a, rng)


if __name__ == "__main__":
    main()
