#!/usr/bin/env python3
"""Synthetic article streams with planted copies, for benchmarking and testing chorus dedup.

usage: bench/gen_stream.py [-n N] [--seed S] [--truth FILE] [--copy-rate R]
                          [--lengths short|newswire] [--events [--events-out FILE]]
                          > stream.jsonl

Writes N articles as JSON Lines ({"id", "title", "text", "date", "source"}) and, with --truth,
the planted relations, one per line: "RELATION<TAB>A<TAB>B" (ids; for contained, A is the
excerpt inside B). Same seed, same output (python3 stdlib only).

Text is real English: words are WordNet 3.0 single-word lemmas from the index files
(/usr/share/wordnet, or $CHORUS_WORDNET_DIR), drawn with a Zipf-like law over their tagged
sense counts, with function words mixed in. For speed, sentences are built from a pool of
pre-drawn two-word chunks, which keeps every sentence unique with overwhelming probability.

Article lengths (--lengths):
  short     (the default) 6-14 sentences of 8-18 words: about 130 words, 1 KB of text
  newswire  as long as the DUC 2001/2002 newswire articles: sentence counts drawn from a
            log-normal law with their median (25) and spread (10th percentile 12; measured on
            duc2002/docs.with.sentence.breaks, 567 articles, mean 28.5), 3 to 150 of them,
            of 12-28 words (DUC: mean 19.9): about 560 words, 3.7 KB of text
Both give the same kinds of copies; the short articles put more of the work per document
(sketches, candidate pairs) against each byte.

Planted copies of a recent base article (a window of the last 20,000 bases, so copies are far
apart in the stream):
  duplicate   the same text, often under another title and source
  contained   an excerpt: 30-70% of the sentences (at least two), in shuffled order
  paraphrase  about half of the words that have WordNet synonyms (a lemma sharing one of their
              first six senses) swapped for one, a clause moved to the front in some
              sentences, and two adjacent sentences swapped now and then
A base gets at most one excerpt and one paraphrase. Relations that follow between copies of
one base are part of the truth too (an excerpt of a base is contained in its duplicates, a
paraphrase of it paraphrases them and its excerpt).

Events (--events): by default every base article draws its words from one vocabulary, so two
unrelated articles share more of their words than real ones do (bench/stem_share.py: a share of
0.3 or more, the prefilter's threshold, for 9.5% of random newswire-length pairs, against 1.0%
of DUC 2002 articles from different clusters) and none share the names and rare words of a
story. With --events, base articles tell stories: each belongs to an event (a new one with
probability 0.35, else one of the last 2,000, uniformly), and each event has 8 invented names,
4 numbers and 800 rarer WordNet words of its own and one of 20 topics of 600 words; a
sentence draws 15% of its chunks from its event, 35% from its topic and the rest from the
general pool. Calibrated on DUC 2002 with stem_share.py (all 567 DUC 2002 articles; the first
4,000 of a 50,000-article stream, seed 1; 50,000 pairs a kind at most):

                                     median   p90    p99   share >= 0.3
  DUC 2002, different clusters        0.116  0.188  0.303     1.0%
  DUC 2002, same cluster              0.261  0.429  0.800    36.6%
  --events newswire, other events     0.114  0.179  0.306     1.1%
  --events newswire, same event*      0.284  0.395  0.495    42.2%
  (no --events) newswire, random      0.214  0.298  0.385     9.5%
  * independent articles only: planted copies left out

So the independent articles of one event are hard negatives: many share enough to be aligned
sentence by sentence, and none is a copy. --events-out writes ID<TAB>EVENT for every article
(copies carry their base's event). The planted copies and the truth are as without --events;
generating takes about twice as long.
"""
import argparse
import bisect
import itertools
import json
import math
import os
import random
import sys

SYN_SENSES = 6
FUNCTION_WORDS = ("the", "of", "and", "to", "in", "a", "for", "on", "with", "was", "that",
                  "by", "at", "from", "is", "as")
# --events: a new event for a base article with probability EVENT_NEW, else a recent one; an
# event's vocabulary is EVENT_NAMES invented names, EVENT_NUMBERS numbers and EVENT_WORDS WordNet
# words of frequency ranks EVENT_RANKS; EVENT_SHARE of a sentence's chunks are drawn from it.
EVENT_NEW, EVENT_WINDOW = 0.35, 2000
EVENT_NAMES, EVENT_NUMBERS, EVENT_WORDS, EVENT_RANKS = 8, 4, 800, (500, 40000)
EVENT_SHARE, TOPIC_SHARE, TOPICS, TOPIC_WORDS = 0.15, 0.35, 20, 600
SYLLABLES = ("ka", "ro", "vi", "len", "mar", "tos", "ul", "be", "dan", "ish", "or", "pe", "sa",
             "gor", "ni", "val", "tu", "mek", "ra", "zo")
SOURCES = ("wire", "herald", "gazette", "tribune", "courier", "post", "times", "chronicle",
           "observer", "journal", "daily", "ledger")


def load_wordnet(wn, n_senses=SYN_SENSES):
    """Returns (words sorted by decreasing frequency, weights, synonyms: word -> tuple); a
    synonym shares one of the first `n_senses` senses of the word."""
    freq, senses = {}, {}
    for pos, name in enumerate(("index.noun", "index.verb", "index.adj", "index.adv")):
        with open(os.path.join(wn, name), encoding="latin-1") as f:
            for line in f:
                if line.startswith(" "):
                    continue
                tok = line.split()
                w = tok[0]
                if not w.isalpha() or not w.isascii() or len(w) < 3:
                    continue
                nsyn, nptr = int(tok[2]), int(tok[3])
                tagged = int(tok[4 + nptr + 1])
                freq[w] = freq.get(w, 0) + tagged
                first = 4 + nptr + 2
                lst = senses.setdefault(w, [])
                lst.extend((pos, o) for o in tok[first:first + nsyn][:n_senses])
    members = {}
    for w, lst in senses.items():
        for s in lst:
            members.setdefault(s, []).append(w)
    syn = {}
    for w, lst in senses.items():
        cands = sorted({m for s in lst for m in members[s] if m != w})
        if cands:
            syn[w] = tuple(cands)
    words = sorted(freq, key=lambda w: (-freq[w], w))
    # Zipf over the frequency rank, flattened for the long tail of untagged lemmas.
    weights = [1.0 / (r + 10) for r in range(len(words))]
    return words, weights, syn


class Gen:
    def __init__(self, seed, wn, lengths="short"):
        self.rng = random.Random(seed)
        self.lengths = lengths
        words, weights, self.syn = load_wordnet(wn)
        fw = list(FUNCTION_WORDS)
        allw = fw + words
        allweights = [0.03] * len(fw) + weights
        cum = list(itertools.accumulate(allweights))
        rng = self.rng
        # The chunk pool: two words each, drawn once from the Zipf law.
        n = 400_000
        picks = rng.choices(allw, cum_weights=cum, k=2 * n)
        self.chunks = [picks[2 * i] + " " + picks[2 * i + 1] for i in range(n)]
        self.title_words = words[:5000]
        self.dates = ["2024-%02d-%02d" % (m, d) for m in range(1, 13) for d in range(1, 29)]
        self.bases = []  # ring of [sentences, id, copies] for recent bases
        self.window = 20_000
        self.words = words
        self.events = []  # with --events: ring of recent events (see event())
        self.topics = []
        self.nevents = 0

    def sentence(self):
        k = self.rng.randint(4, 9) if self.lengths == "short" else self.rng.randint(6, 14)
        s = " ".join(self.rng.choices(self.chunks, k=k))
        return s[0].upper() + s[1:] + "."

    def event(self):
        """With --events: the event (story) of a new base article. A new one with probability
        EVENT_NEW, else one of the last EVENT_WINDOW events, uniformly: most events get one to
        three articles, a few (the ones drawn again and again while recent) ten or more."""
        rng = self.rng
        if not self.events or rng.random() < EVENT_NEW:
            if not self.topics:
                self.topics = [self.vocab([], TOPIC_WORDS, 20 * TOPIC_WORDS)
                               for _ in range(TOPICS)]
            topic = self.topics[rng.randrange(TOPICS)]
            names = [self.name() for _ in range(EVENT_NAMES)]
            numbers = [str(rng.randint(2, 2000)) for _ in range(EVENT_NUMBERS)]
            ev = (self.nevents, self.vocab(names + numbers, EVENT_WORDS, EVENT_WORDS), topic)
            self.nevents += 1
            if len(self.events) < EVENT_WINDOW:
                self.events.append(ev)
            else:
                self.events[rng.randrange(EVENT_WINDOW)] = ev
            return ev
        return self.events[rng.randrange(len(self.events))]

    def vocab(self, first, n, chunks):
        """A pool of `chunks` two-word chunks over a vocabulary: first, then n WordNet words of
        frequency ranks EVENT_RANKS, drawn with weights falling with their place (first ones
        most). Pre-drawn, as the general pool is, for speed."""
        words = first + self.rng.sample(self.words[EVENT_RANKS[0]:EVENT_RANKS[1]], n)
        cum = list(itertools.accumulate(1.0 / (r + 5) for r in range(len(words))))
        picks = self.rng.choices(words, cum_weights=cum, k=2 * chunks)
        return [picks[2 * i] + " " + picks[2 * i + 1] for i in range(chunks)]

    def name(self):
        rng = self.rng
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    def event_sentence(self, ev):
        """A sentence of an article on event ev: chunks of the general pool, and with
        probability EVENT_SHARE a two-word chunk of the event's own words instead."""
        rng = self.rng
        k = rng.randint(4, 9) if self.lengths == "short" else rng.randint(6, 14)
        parts = []
        for _ in range(k):
            r = rng.random()
            if r < EVENT_SHARE:
                parts.append(ev[1][rng.randrange(len(ev[1]))])
            elif r < EVENT_SHARE + TOPIC_SHARE:
                parts.append(ev[2][rng.randrange(len(ev[2]))])
            else:
                parts.append(rng.choice(self.chunks))
        s = " ".join(parts)
        return s[0].upper() + s[1:] + "."

    def title(self):
        return " ".join(self.rng.choices(self.title_words, k=5)).capitalize()

    def paraphrase(self, sents):
        rng, syn = self.rng, self.syn
        out = []
        for s in sents:
            w = s[:-1].lower().split(" ")
            for i, x in enumerate(w):
                alts = syn.get(x)
                if alts and rng.random() < 0.5:
                    w[i] = alts[rng.randrange(len(alts))]
            if len(w) > 8 and rng.random() < 0.3:
                cut = rng.randint(3, len(w) - 3)
                w = w[cut:] + w[:cut]  # a clause moved to the front
            t = " ".join(w)
            out.append(t[0].upper() + t[1:] + ".")
        for i in range(len(out) - 1):
            if rng.random() < 0.15:
                out[i], out[i + 1] = out[i + 1], out[i]
        return out

    def article(self, aid, sents, title=None, source=None):
        rng = self.rng
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(1, 3)
            paras.append(" ".join(sents[i:i + k]))
            i += k
        return json.dumps({"id": aid, "title": title or self.title(), "text": "\n\n".join(paras),
                           "date": rng.choice(self.dates),
                           "source": source or rng.choice(SOURCES)}, separators=(",", ":"))

    def run(self, n, copy_rate, out, truth, events_out=None, events=False):
        rng = self.rng
        lines, rel = [], []
        event_of = {}  # article id -> event, with events_out
        for i in range(n):
            aid = "g%d" % i
            if self.bases and rng.random() < copy_rate:
                base = self.bases[rng.randrange(len(self.bases))]
                sents, bid, copies = base[0], base[1], base[2]
                kinds = [k for k in ("duplicate", "contained", "paraphrase")
                         if k == "duplicate" or all(c[0] != k for c in copies)]
                kind = rng.choice(kinds)
                if kind == "duplicate":
                    text = sents
                    same = rng.random() < 0.5
                    lines.append(self.article(aid, text, base[3] if same else None,
                                              base[4] if same else None))
                elif kind == "contained":
                    k = max(2, int(len(sents) * rng.uniform(0.3, 0.7)))
                    text = rng.sample(sents, k)
                    lines.append(self.article(aid, text))
                else:
                    text = self.paraphrase(sents)
                    lines.append(self.article(aid, text))
                rel.extend(planted(kind, aid, bid, copies))
                copies.append((kind, aid))
                if events_out:
                    event_of[aid] = event_of[bid]
            else:
                if self.lengths == "short":
                    k = rng.randint(6, 14)
                else:
                    k = min(150, max(3, round(rng.lognormvariate(math.log(25), 0.57))))
                if events:
                    ev = self.event()
                    sents = [self.event_sentence(ev) for _ in range(k)]
                    if events_out:
                        event_of[aid] = ev[0]
                else:
                    sents = [self.sentence() for _ in range(k)]
                title, source = self.title(), rng.choice(SOURCES)
                if len(self.bases) < self.window:
                    self.bases.append([sents, aid, [], title, source])
                else:
                    self.bases[rng.randrange(self.window)] = [sents, aid, [], title, source]
                lines.append(self.article(aid, sents, title, source))
            if len(lines) >= 4096:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")
        if truth:
            truth.write("".join("%s\t%s\t%s\n" % r for r in rel))
        if events_out:
            events_out.write("".join("%s\t%d\n" % kv for kv in event_of.items()))


def planted(kind, aid, base_id, copies):
    """The relations of a new copy `aid` of kind `kind`: with its base and with the earlier
    copies of that base ((kind, id) pairs), as (relation, a, b) truth lines."""
    out = []
    for other_kind, oid in [("duplicate", base_id)] + list(copies):
        r = derived(kind, other_kind)
        if r == "contained-a":
            out.append(("contained", aid, oid))
        elif r == "contained-b":
            out.append(("contained", oid, aid))
        elif r:
            out.append((r, oid, aid))
    return out


def derived(new, old):
    """The relation between a new copy and an earlier document of the same base, by kinds
    ("duplicate" stands for the base itself too): "contained-a" when the new one is inside."""
    if new == "duplicate":
        return {"duplicate": "duplicate", "contained": "contained-b",
                "paraphrase": "paraphrase"}[old]
    if new == "contained":
        return {"duplicate": "contained-a", "paraphrase": "paraphrase"}.get(old)
    return {"duplicate": "paraphrase", "contained": "paraphrase"}.get(old)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--truth", help="write the planted relations here")
    ap.add_argument("--copy-rate", type=float, default=0.2,
                    help="share of articles that are copies of an earlier one (0.2)")
    ap.add_argument("--lengths", choices=("short", "newswire"), default="short",
                    help="article lengths: short (1 KB) or as long as newswire (3.7 KB)")
    ap.add_argument("--events", action="store_true",
                    help="base articles tell stories: several independent articles per event, "
                         "sharing its names, numbers and words")
    ap.add_argument("--events-out", help="with --events: write ID<TAB>EVENT per article here")
    ap.add_argument("-o", "--output", default="-")
    a = ap.parse_args()
    if a.events_out and not a.events:
        ap.error("--events-out needs --events")
    wn = os.environ.get("CHORUS_WORDNET_DIR") or "/usr/share/wordnet"
    g = Gen(a.seed, wn, a.lengths)
    out = sys.stdout if a.output == "-" else open(a.output, "w")
    truth = open(a.truth, "w") if a.truth else None
    events_out = open(a.events_out, "w") if a.events_out else None
    g.run(a.n, a.copy_rate, out, truth, events_out, a.events)
    if truth:
        truth.close()
    if events_out:
        events_out.close()
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
