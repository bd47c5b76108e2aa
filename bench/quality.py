#!/usr/bin/env python3
"""The quality loop: summarize every DUC 2001/2002 docset, score with `chorus rouge`, tabulate.

For each data set, budget and method it runs
    chorus summarize <docset> --words N --fill --format lines --method M [extra flags]
writes an SPL ROUGE config, scores it with
    chorus rouge -n 2 -x -m -2 4 -u -l N -p 0.5 -c 95 -r 1000 -f A -t 0 -a <config>
and prints (and with --save, writes to bench/results/quality-<date>.md) R-1, R-2 and R-SU4
recall with 95% confidence intervals, seconds per cluster and peak memory (max RSS of one
summarize process). Needs ../shared/data; only the standard library of Python 3.
"""
import argparse
import datetime
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROUGE_FLAGS = "-n 2 -x -m -2 4 -u -l {n} -p 0.5 -c 95 -r 1000 -f A -t 0 -a"


def docsets(data, year):
    """(docset id, docs dir, [model files of size N]) from docsets.tsv."""
    rows = []
    with open(os.path.join(data, year, "docsets.tsv")) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(header, line.rstrip("\n").split("\t")))
            rows.append((r["docset_id"], os.path.join(data, year, "docs", r["docset_dir"])))
    return rows


def models(data, year, docset, size):
    d = os.path.join(data, year, "models")
    prefix = "%s.M.%d." % (docset, size)
    return sorted(m for m in os.listdir(d) if m.startswith(prefix))


def run_summaries(chorus, sets, size, method, extra, outdir, params=""):
    os.makedirs(outdir, exist_ok=True)
    env = dict(os.environ)
    if params:
        env["CHORUS_SELECT_PARAMS"] = params
    peak = 0
    t0 = time.perf_counter()
    for docset, docdir in sets:
        cmd = [chorus, "summarize", docdir, "--words", str(size), "--fill",
               "--format", "lines", "--method", method, "-q", "-o",
               os.path.join(outdir, docset + ".txt")] + extra
        p = subprocess.Popen(cmd, stderr=subprocess.PIPE, env=env)
        err = p.stderr.read().decode(errors="replace")
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            sys.exit("summarize failed on %s: %s" % (docdir, err.strip()))
        peak = max(peak, usage.ru_maxrss)
    return (time.perf_counter() - t0) / len(sets), peak


def write_config(path, data, year, sets, size, peerdir):
    with open(path, "w") as f:
        f.write('<ROUGE-EVAL version="1.0">\n')
        for docset, _ in sets:
            ms = models(data, year, docset, size)
            if not ms:
                continue
            f.write('<EVAL ID="%s">\n<PEER-ROOT>%s</PEER-ROOT>\n<MODEL-ROOT>%s</MODEL-ROOT>\n'
                    '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>\n<PEERS><P ID="sys">%s.txt</P></PEERS>\n<MODELS>\n'
                    % (docset, peerdir, os.path.join(data, year, "models"), docset))
            for i, m in enumerate(ms):
                f.write('<M ID="%d">%s</M>\n' % (i, m))
            f.write("</MODELS>\n</EVAL>\n")
        f.write("</ROUGE-EVAL>\n")


def score(chorus, config, size):
    cmd = [chorus, "rouge"] + ROUGE_FLAGS.format(n=size).split() + [config]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
    res = {}
    for m in re.finditer(r"sys (ROUGE-\S+) Average_R: ([0-9.]+) \(95%-conf.int. ([0-9.]+) - ([0-9.]+)\)", out):
        res[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)))
    return res, " ".join(cmd)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chorus", default=os.path.join(ROOT, "build", "chorus"))
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--sets", default="duc2001,duc2002")
    ap.add_argument("--sizes", default="100,200")
    ap.add_argument("--methods", default="concept,lead,random")
    ap.add_argument("--extra", default="", help="more summarize flags, e.g. for an ablation")
    ap.add_argument("--params", default="",
                    help="CHORUS_SELECT_PARAMS for an ablation, e.g. min_words=10,lead_boost=1")
    ap.add_argument("--work", default=os.path.join(ROOT, "bench", "results", "tmp"))
    ap.add_argument("--save", action="store_true", help="write bench/results/quality-<date>.md")
    a = ap.parse_args()
    if not os.path.isdir(a.data):
        print("skip: %s not found; the quality loop needs the DUC data" % a.data)
        return 0
    extra = a.extra.split()
    rows = []
    rouge_cmd = ""
    for year in a.sets.split(","):
        sets = docsets(a.data, year)
        for size in map(int, a.sizes.split(",")):
            for method in a.methods.split(","):
                tag = method + ("+" + a.params.replace(",", "+") if a.params else "")
                peerdir = os.path.join(a.work, year, str(size), tag)
                spc, peak = run_summaries(a.chorus, sets, size, method, extra, peerdir, a.params)
                config = os.path.join(a.work, "%s-%d-%s.xml" % (year, size, tag))
                write_config(config, a.data, year, sets, size, peerdir)
                res, rouge_cmd = score(a.chorus, config, size)
                rows.append((year, size, tag, res, spc, peak))
                print("%-8s %4d %-9s R-1 %.5f  R-2 %.5f  R-SU4 %.5f  %.4f s/cluster  %d KiB" % (
                    year, size, tag, res["ROUGE-1"][0], res["ROUGE-2"][0], res["ROUGE-SU4"][0], spc, peak),
                    flush=True)
    if a.save:
        commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                                stdout=subprocess.PIPE, text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               stdout=subprocess.PIPE, text=True).stdout.strip()
        today = datetime.date.today().isoformat()
        path = os.path.join(ROOT, "bench", "results", "quality-%s.md" % today)
        with open(path, "w") as f:
            f.write("# Quality on DUC 2001/2002 (%s)\n\n" % today)
            f.write("Commit `%s`%s. Command:\n\n```\n%s\n```\n\n" % (
                commit, " (with uncommitted changes)" if dirty else "", "bench/quality.sh " + " ".join(sys.argv[1:])))
            f.write("Summaries: `chorus summarize <docset> --words N --fill --format lines --method M %s`; "
                    "scores: `chorus rouge %s <config>`. Recall with 95%% confidence intervals; "
                    "seconds per cluster are wall time of one summarize process per docset "
                    "(start-up and parsing included); peak memory is the largest max RSS of those "
                    "processes.\n\n" % (a.extra, ROUGE_FLAGS.format(n="N")))
            f.write("| set | words | method | R-1 | R-2 | R-SU4 | s/cluster | peak RSS |\n")
            f.write("|---|---|---|---|---|---|---|---|\n")
            for year, size, method, res, spc, peak in rows:
                cells = ["%.2f (%.2f–%.2f)" % tuple(100 * v for v in res[m]) for m in ("ROUGE-1", "ROUGE-2", "ROUGE-SU4")]
                f.write("| %s | %d | %s | %s | %.4f | %.1f MiB |\n" % (year, size, method, " | ".join(cells), spc, peak / 1024))
        print("saved", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
