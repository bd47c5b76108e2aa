#!/usr/bin/env python3
"""Human ceiling on the dev sets: how a human summary scores against another human summary,
next to how chorus scores against the same single references.

For every docset with two or more N-word human summaries (models; by default only the first
two, sorted by file name, so that every docset contributes one pair each way) it scores
  - human:  each model as the peer against each other model of the docset alone (every
            ordered pair, one reference per evaluation), and
  - chorus: the chorus summary of the docset against each model alone (the same references),
with `chorus rouge -n 2 -x -m -l N -p 0.5 -c 95 -r 1000 -f A -t 0 -a` (ROUGE-1.5.5 flags,
recall), and prints R-1 / R-2 recall x 100 and chorus as a share of the human level.
Averages are over the evaluations (ordered pairs, resp. summary-model pairs). DUC 2002 has
two models for 57 docsets at 100 words (114 pairs); DUC 2001 has one (30 docsets,
skipped), two (1) or three (29), so with the default `--models 2` 30 docsets count there
(`--models 0` takes every ordered pair of all models instead).

Why: the held-out target (R-1 39.85 / R-2 9.81, human-vs-other-three 40.4 / 9.8 there) is a
share of the human level; with single references on the dev sets the same share shows which
measure is short. The chorus summaries are made here (`chorus summarize <docset> --words N
--fill --format lines`, CHORUS_SELECT_PARAMS from --params), or read from --peers DIR
(DIR/<set>/<docset>.txt).

  python3 bench/human_ceiling.py --chorus build/chorus [--sets duc2002,duc2001] [--size 100]

Needs ../shared/data and only the standard library.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import quality  # noqa: E402  (docsets, models)

FLAGS = "-n 2 -x -m -l {n} -p 0.5 -c 95 -r 1000 -f A -t 0 -a"


def write_config(path, evals):
    """evals: [(id, peer_root, peer_file, model_root, model_file)], one model each."""
    with open(path, "w") as f:
        f.write('<ROUGE-EVAL version="1.0">\n')
        for eid, proot, peer, mroot, model in evals:
            f.write('<EVAL ID="%s">\n<PEER-ROOT>%s</PEER-ROOT>\n<MODEL-ROOT>%s</MODEL-ROOT>\n'
                    '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>\n<PEERS><P ID="p">%s</P></PEERS>\n'
                    '<MODELS>\n<M ID="m">%s</M>\n</MODELS>\n</EVAL>\n' % (eid, proot, mroot, peer, model))
        f.write("</ROUGE-EVAL>\n")


def score(chorus, config, size):
    out = subprocess.run([chorus, "rouge"] + FLAGS.format(n=size).split() + [config], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    res = {}
    for m in re.finditer(r"p (ROUGE-[12]) Average_R: ([0-9.]+)", out):
        res[m.group(1)] = 100 * float(m.group(2))
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chorus", default=os.path.join(ROOT, "build", "chorus"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--sets", default="duc2002,duc2001")
    ap.add_argument("--size", type=int, default=100)
    ap.add_argument("--params", default="", help="CHORUS_SELECT_PARAMS for the chorus summaries")
    ap.add_argument("--models", type=int, default=2,
                    help="use the first K models of each docset (sorted by name); 0 = all")
    ap.add_argument("--peers", default="", help="read chorus summaries from DIR/<set>/<docset>.txt")
    a = ap.parse_args()
    if a.models <= 0:
        a.models = sys.maxsize
    if not os.path.isdir(a.data):
        print("skip: %s not found" % a.data)
        return 0
    work = tempfile.mkdtemp(prefix="human_ceiling.")
    for year in a.sets.split(","):
        sets = quality.docsets(a.data, year)
        mroot = os.path.join(a.data, year, "models")
        if a.peers:
            proot = os.path.join(a.peers, year)
        else:
            proot = os.path.join(work, year)
            quality.run_summaries(a.chorus, sets, a.size, "concept", [], proot, a.params)
        human, system = [], []
        for docset, _ in sets:
            ms = quality.models(a.data, year, docset, a.size)[:a.models]
            if len(ms) < 2:
                continue
            for i, pi in enumerate(ms):
                system.append(("%s.%d" % (docset, i), proot, docset + ".txt", mroot, pi))
                for j, mj in enumerate(ms):
                    if i != j:
                        human.append(("%s.%d.%d" % (docset, i, j), mroot, pi, mroot, mj))
        res = {}
        for name, evals in (("human", human), ("chorus", system)):
            cfg = os.path.join(work, "%s-%s.xml" % (year, name))
            write_config(cfg, evals)
            res[name] = score(a.chorus, cfg, a.size)
        h, s = res["human"], res["chorus"]
        print("%s %d words: human vs one other human R-1 %.2f R-2 %.2f (%d pairs); chorus vs "
              "the same single references R-1 %.2f R-2 %.2f (%d); chorus / human R-1 %.1f%% "
              "R-2 %.1f%%" % (year, a.size, h["ROUGE-1"], h["ROUGE-2"], len(human), s["ROUGE-1"],
                              s["ROUGE-2"], len(system), 100 * s["ROUGE-1"] / h["ROUGE-1"],
                              100 * s["ROUGE-2"] / h["ROUGE-2"]), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
