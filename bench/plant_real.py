#!/usr/bin/env python3
"""Planted copies among real news: a harder dedup benchmark than bench/gen_stream.py.

usage: bench/plant_real.py [--data ../shared/data] [--seed S] [--truth FILE] [-o FILE]

The background is every distinct DUC 2001/2002 article in ../shared/data (about 1,100 real
newswire articles in 119 clusters of the same event, so same-event independent reports are the
negatives, not random text). Copies of a random third of them are planted, one of each kind
per chosen base:
  duplicate   the same text under another id and source
  contained   an excerpt: 30-70% of the sentences (at least two), in shuffled order
  paraphrase  synonym spinning as content farms do it: about half (--spin-rate) of the
              lower-case words that have WordNet synonyms (a lemma sharing one of their first
              six senses, --senses) swapped for one, capitals and punctuation kept, adjacent
              sentences swapped now and then
Writes JSONL ({"id", "title", "text", "source"}) and, with --truth, the planted relations
(bench/score_dedup.py format) including those that follow between copies of one base. The
relations between the DUC articles themselves are unknown (some are updates of one wire
story); score with --ignore-unplanted so that only pairs involving a copy count, and look at
the others by hand. Nothing from ../shared is written into the repository: the output goes
where -o says (python3 stdlib only; WordNet from /usr/share/wordnet).
"""
import argparse
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_stream import load_wordnet, planted  # noqa: E402

SENT_END = re.compile(r'(?<=[.!?])["\'\u201d]?\s+(?=["\'`\u201c(]*[A-Z0-9])')


def duc_articles(data):
    """(docno, title, paragraphs) of every DUC document under data/duc200*/docs."""
    for year in ("duc2001", "duc2002"):
        root = os.path.join(data, year, "docs")
        if os.path.isdir(root):
            yield from duc_docs(root)


def duc_docs(root):
    """("CLUSTER/DOCNO", title, paragraphs) of the DUC documents under root, a directory of
    cluster directories (as data/duc2002/docs)."""
    for cluster in sorted(os.listdir(root)):
        for name in sorted(os.listdir(os.path.join(root, cluster))):
            with open(os.path.join(root, cluster, name), encoding="latin-1") as f:
                sgml = f.read()
            docno = re.search(r"<DOCNO>\s*(.*?)\s*</DOCNO>", sgml, re.S)
            text = re.search(r"<TEXT>(.*?)</TEXT>", sgml, re.S)
            head = re.search(r"<(?:HEAD|HEADLINE|HL)>(.*?)</(?:HEAD|HEADLINE|HL)>", sgml, re.S)
            if not docno or not text:
                continue
            body = re.sub(r"</?P>", "\n\n", text.group(1))
            body = re.sub(r"<[^>]+>", " ", body)
            paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|;\s{3,}", body)]
            paras = [p for p in paras if len(p.split()) >= 4]
            title = " ".join(re.sub(r"<[^>]+>", " ", head.group(1)).split()) if head else ""
            if paras:
                yield "%s/%s" % (cluster, docno.group(1)), title, paras


ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Rev|Prof|Jan|Feb|Mar|Apr|Jun|"
                    r"Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Corp|Co|Ltd|No|Jr|Sr|Ft|Mt|vs)|\b[A-Z]|"
                    r"\b(?:[A-Za-z]\.){2,}[A-Za-z]?)\.$")


def sentences(paras):
    """Sentences by punctuation, not split after abbreviations ("Oct. 26", "Mr. Bush")."""
    out = []
    for p in paras:
        for s in SENT_END.split(p):
            if not s.strip():
                continue
            if out and out[-1] is not None and ABBREV.search(out[-1]) and out[-1] in p:
                out[-1] += " " + s
            else:
                out.append(s)
    return out


def spin(rng, syn, sents, rate):
    """Synonym spinning of real text: capitals, digits and punctuation stay."""
    out = []
    for s in sents:
        words = s.split(" ")
        for i, w in enumerate(words):
            m = re.fullmatch(r"([^a-z]*)([a-z]+)([^a-z]*)", w)
            if m and m.group(2) in syn and rng.random() < rate:
                alts = syn[m.group(2)]
                words[i] = m.group(1) + alts[rng.randrange(len(alts))] + m.group(3)
        out.append(" ".join(words))
    for i in range(len(out) - 1):
        if rng.random() < 0.15:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def record(aid, title, sents, source, rng):
    paras, i = [], 0
    while i < len(sents):
        k = rng.randint(1, 3)
        paras.append(" ".join(sents[i:i + k]))
        i += k
    return json.dumps({"id": aid, "title": title, "text": "\n\n".join(paras), "source": source})


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--share", type=float, default=1 / 3, help="share of articles copied (1/3)")
    ap.add_argument("--spin-rate", type=float, default=0.5,
                    help="share of the words with synonyms that spinning replaces (0.5)")
    ap.add_argument("--senses", type=int, default=6,
                    help="synonyms share one of this many first senses of a word (6)")
    ap.add_argument("--truth")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    # The same article can sit in two clusters (or both years): keep it once.
    arts, seen = [], set()
    for art in duc_articles(a.data):
        key = (art[0].split("/")[1], " ".join(art[2]))
        if key[0] in seen or key[1] in seen:
            continue
        seen.update(key)
        arts.append(art)
    if not arts:
        sys.exit("plant_real.py: no DUC documents under %s" % a.data)
    rng = random.Random(a.seed)
    syn = load_wordnet(os.environ.get("CHORUS_WORDNET_DIR") or "/usr/share/wordnet", a.senses)[2]
    lines, rel = [], []
    for docno, title, paras in arts:
        lines.append(record(docno, title, sentences(paras), "duc", rng))
    n = 0
    for docno, title, paras in rng.sample(arts, int(len(arts) * a.share)):
        sents = sentences(paras)
        if len(sents) < 4:
            continue
        copies = []
        for kind in ("duplicate", "contained", "paraphrase"):
            n += 1
            aid = "copy%d" % n
            if kind == "duplicate":
                text = sents
            elif kind == "contained":
                text = rng.sample(sents, max(2, int(len(sents) * rng.uniform(0.3, 0.7))))
            else:
                text = spin(rng, syn, sents, a.spin_rate)
            lines.append(record(aid, title, text, "farm%d" % rng.randrange(20), rng))
            rel.extend(planted(kind, aid, docno, copies))
            copies.append((kind, aid))
    rng.shuffle(lines)
    out = sys.stdout if a.output == "-" else open(a.output, "w")
    out.write("\n".join(lines) + "\n")
    if a.truth:
        with open(a.truth, "w") as f:
            f.write("".join("%s\t%s\t%s\n" % r for r in rel))
    print("plant_real.py: %d articles, %d copies, %d relations" % (len(arts), n, len(rel)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
