#!/usr/bin/env python3
"""People and places on folders from anywhere: the most quoted speakers (judged by hand), --place
against a regular expression of the place's names, 100 place mentions drawn at random (judged by
hand), the time of a warm `corpus places`, a first build, and the gazetteer's load.

    python bench/world.py                          # UN speeches and Sri Lankan releases of ../shared/corpora
    python bench/world.py --scraped /tmp/s20k      # and 20,000 `make_corpus.py --scraped` releases
    python bench/world.py --warm /tmp/c100k        # warm `corpus places` on a big folder, beside rg
    python bench/world.py --build /tmp/c20k --base /tmp/base   # a first build, this checkout against another
    python bench/world.py --draw                   # add new mentions and speakers to the verdict files

Verdicts are kept beside this script: `world_speakers.tsv` (folder, rank, name, roles, aliases,
verdict: person | place | body | title-in-name | sentence-role | twice, and a note) and
`world_mentions.tsv` (folder, document, unit, start, written, place id, kind, context, verdict:
yes | no, and a note). A row without a verdict is reported as unjudged, never counted as right.
Mentions are drawn by a hash of where each one is (seed 20): the same corpus gives the same rows,
and a change of the rules keeps the rows of the mentions it keeps.

Truth for --place is a regular expression of every spelling the gazetteer keeps for the place
(case as written, whole words) run over each document's raw file; its demonyms make the second
set. Recall is the share that `--place` finds of the documents that name the place on its own
(not inside a longer proper name: the Paris Agreement, Lake Geneva, East Chicago, the Chicago
Cubs); the ratio is what `--place` finds over the documents with any match of its names or its
demonyms (target ≤ 1.05). Timings are medians of --runs, with `rg -il
aleppo` on the same folder in the same run. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import csv
import os
import hashlib
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent.parent / "shared" / "corpora"
SPEAKERS = HERE / "world_speakers.tsv"
MENTIONS = HERE / "world_mentions.tsv"
SEED, TOP, DRAWN = 20, 50, 100
# five places a reader of each folder would ask for: countries, capitals, a city
PLACES = {
    "un": ["Ukraine", "Afghanistan", "Kyiv", "Paris", "Geneva"],
    "lk": ["Sri Lanka", "India", "Colombo", "Kandy", "Jaffna"],
    "scraped": ["Iraq", "China", "Baghdad", "Beijing", "Chicago"],
}


def folders(args) -> dict[str, Path]:
    found = {"un": CORPORA / "un-general-debate", "lk": CORPORA / "lk-pmd-en"}
    if args.scraped:
        found["scraped"] = Path(args.scraped)
    return {k: v for k, v in found.items() if v.exists() and (not args.only or k in args.only)}


def read_tsv(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def write_tsv(path: Path, rows: list[dict], keys: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, keys, delimiter="\t", lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- speakers ----------------------------------------------------------------------------------

SPEAKER_KEYS = ["folder", "rank", "name", "roles", "aliases", "verdict", "note"]


def speakers(corpora, draw: bool) -> None:
    kept = {(r["folder"], r["name"]): r for r in read_tsv(SPEAKERS)}
    rows = []
    print(f"\n## The {TOP} most quoted speakers (verdicts: {SPEAKERS.name})")
    for key, corpus in corpora.items():
        found = corpus.speakers()[:TOP]
        tally: dict[str, int] = {}
        for rank, s in enumerate(found, 1):
            old = kept.get((key, s.name), {})
            row = {"folder": key, "rank": rank, "name": s.name, "roles": "; ".join(s.roles),
                   "aliases": "; ".join(s.aliases), "verdict": old.get("verdict", ""), "note": old.get("note", "")}
            rows.append(row)
            tally[row["verdict"] or "unjudged"] = tally.get(row["verdict"] or "unjudged", 0) + 1
        print(f"{key}: " + ", ".join(f"{v} {n}" for v, n in sorted(tally.items())))
    if draw:
        others = [r for r in read_tsv(SPEAKERS) if r["folder"] not in corpora]
        write_tsv(SPEAKERS, others + rows, SPEAKER_KEYS)


# --- --place against a regular expression -----------------------------------------------------

def raw_texts(corpus) -> dict[str, str]:
    return {d.id: Path(d.path).read_text(encoding="utf-8", errors="replace") for d in corpus.documents if d.path}


def pattern(names) -> re.Pattern | None:
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)") if names else None


# a name inside a longer proper name: a treaty's, a forum's, a team's ("Paris Agreement", "Geneva
# Conventions", "Chicago Cubs"), a lake's or another town's ("Lake Geneva", "East Chicago")
INSIDE = re.compile(r"[ \t]+[A-Z][a-z]")  # matched at the end of the name
BEFORE = re.compile(r"(?:^|[^\w])(?!(?:In|At|From|To|Of|The|And|For|On|By|With|Near|Northern|Southern|Eastern|Western|"
                    r"Central|Greater|As|But|While|When|If|After|Before|Since|During|Today|Both|That|This|Our|My|His|"
                    r"Her|Their|Its|All|Every|Across|Through|Throughout|Outside|Inside|Into|Over|Under|About|Dear|"
                    r"Mr|Mrs|Ms|Dr)\b)[A-Z][\w’']*[ ]+$")


def own_name(text: str, m: re.Match) -> bool:
    """Whether the name met is a name of its own, not a word of a longer proper name."""
    return not INSIDE.match(text, m.end()) and not BEFORE.search(text[max(0, m.start() - 40): m.start()])


def place_recall(key: str, corpus) -> None:
    from corpus_cli.index.select import Filters, resolve_place

    texts = raw_texts(corpus)
    for name in PLACES[key]:
        places = resolve_place(name)[0]  # every place of that name, as --place takes them
        named = pattern([v for p in places for n in (p.name, *p.spellings, *p.others) for v in (n, n.upper())])
        people = pattern([n for p in places for n in p.demonyms])
        anywhere = {i for i, t in texts.items() if named.search(t)}
        by_name = {i for i in anywhere if any(own_name(texts[i], m) for m in named.finditer(texts[i]))}
        by_people = {i for i, t in texts.items() if people and people.search(t)}
        found = {d.id for d in corpus.list(Filters.of(place=name))}
        recall = len(found & by_name) / len(by_name) if by_name else 1.0
        ratio = len(found) / len(anywhere | by_people) if anywhere | by_people else 0.0
        print(f"{key:8} {name:12} {len(anywhere):8} {len(by_name):6} {len(anywhere | by_people):9} {len(found):7}   "
              f"{recall:.3f}   {ratio:.3f}")


# --- 100 mentions drawn at random -------------------------------------------------------------

MENTION_KEYS = ["folder", "document", "unit", "start", "written", "place", "kind", "context", "verdict", "note"]


def mentions(corpora, draw: bool) -> None:
    from corpus_cli.language.places import find_in_units

    kept = {(r["folder"], r["document"], r["unit"], r["start"]): r for r in read_tsv(MENTIONS)}
    rows = []
    print(f"\n## {DRAWN} place mentions drawn at random (verdicts: {MENTIONS.name})")
    for key, corpus in corpora.items():
        every = []
        for doc in corpus.documents:
            units = [doc.title or "", *[s.text for s in doc.statements]]
            for n, here in enumerate(find_in_units(units)):
                every += [(doc.id, n, m, units[n]) for m in here]
        # drawn by a hash of where each mention is: a change of the rules keeps most of the draw
        drawn = sorted(every, key=lambda e: hashlib.sha1(f"{SEED}|{key}|{e[0]}|{e[1]}|{e[2].start}".encode()).digest())[:DRAWN]
        yes = no = 0
        for doc_id, n, m, text in sorted(drawn, key=lambda d: (d[0], d[1], d[2].start)):
            old = kept.get((key, doc_id, str(n), str(m.start)), {})
            context = one_line(text[max(0, m.start - 80): m.start]) + " [" + m.text + "] " + one_line(text[m.end: m.end + 60])
            rows.append({"folder": key, "document": doc_id, "unit": n, "start": m.start, "written": m.text,
                         "place": f"{m.place.name} ({m.place.id})", "kind": m.place.kind, "context": context,
                         "verdict": old.get("verdict", ""), "note": old.get("note", "")})
            yes += old.get("verdict") == "yes"
            no += old.get("verdict") == "no"
        judged = yes + no
        print(f"{key}: {len(every)} mentions, {len(drawn)} drawn, {judged} judged: precision "
              f"{yes / judged if judged else float('nan'):.3f} ({yes} yes, {no} no, {len(drawn) - judged} unjudged)")
    if draw:
        others = [r for r in read_tsv(MENTIONS) if r["folder"] not in corpora]
        write_tsv(MENTIONS, others + rows, MENTION_KEYS)


# --- timings -----------------------------------------------------------------------------------

def timed(cmd: list[str], env: dict | None = None, cwd: str | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=False)
    return time.perf_counter() - start


def corpus_cmd() -> list[str]:
    return [shutil.which("corpus") or "corpus"]


def warm(folder: str, runs: int) -> None:
    print(f"\n## Warm `corpus places` on {folder} ({runs} runs, medians)")
    timed(corpus_cmd() + ["places", "--data", folder])  # the first run finds and keeps the places
    ours, rg = [], []
    for _ in range(runs):
        ours.append(timed(corpus_cmd() + ["places", "--data", folder]))
        rg.append(timed(["rg", "-il", "aleppo", folder]))
    print(f"corpus places {statistics.median(ours):.2f} s   rg -il aleppo {statistics.median(rg):.2f} s   "
          f"ratio {statistics.median(ours) / statistics.median(rg):.2f}")


def build(folder: str, base: str, runs: int) -> None:
    print(f"\n## A first build of {folder}: this checkout against {base} ({runs} runs each, alternating, medians)")
    times: dict[str, list[float]] = {"this": [], "base": [], "places": []}
    for _ in range(runs):
        for name in ("base", "this"):
            with tempfile.TemporaryDirectory() as cache:
                env = dict(os.environ, CORPUS_CACHE_DIR=cache, PYTHONPATH=base if name == "base" else str(HERE.parent))
                # run from the checkout itself: python -m puts the working folder first on the path
                cwd = base if name == "base" else str(HERE.parent)
                times[name].append(timed([sys.executable, "-m", "corpus_cli", "index", "--data", folder], env, cwd))
                if name == "this":  # the places are found the first time a command needs them
                    times["places"].append(timed([sys.executable, "-m", "corpus_cli", "places", "--data", folder], env, cwd))
    this, old = statistics.median(times["this"]), statistics.median(times["base"])
    print(f"this {this:.2f} s   base {old:.2f} s   ratio {this / old:.3f}   "
          f"(then the first `corpus places`, which finds them all: {statistics.median(times['places']):.2f} s)")


# peak memory as /proc reports it (VmHWM, kB): ru_maxrss would keep the parent's peak across the exec
LOAD = """
import re, time
def peak():
    return int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
import corpus_cli.language.text
bare = peak()
t = time.perf_counter()
from corpus_cli.language.gazetteer import gazetteer
g = gazetteer()
print(time.perf_counter() - t, len(g), peak() - bare)
"""


def load(runs: int) -> None:
    seconds, peak = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True).stdout.split()
        seconds.append(float(out[0]))
        peak.append(int(out[2]) / 1024)
    print(f"\n## The gazetteer: {out[1]} places, loaded in {statistics.median(seconds) * 1000:.0f} ms "
          f"(median of {runs}; target ≤ 150 ms), peak memory +{statistics.median(peak):.1f} MB (target ≤ 40 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scraped", help="a folder of make_corpus.py --scraped releases")
    parser.add_argument("--only", nargs="*", help="only these folders: un lk scraped")
    parser.add_argument("--draw", action="store_true", help="write the drawn rows to the verdict files (verdicts kept)")
    parser.add_argument("--warm", help="time warm `corpus places` on this folder")
    parser.add_argument("--build", help="time a first build of this folder")
    parser.add_argument("--base", help="a checkout to compare the build with (its corpus_cli on PYTHONPATH)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from corpus_cli.api import Corpus

    if not (args.warm or args.build):
        corpora = {k: Corpus.open(v) for k, v in folders(args).items()}
        speakers(corpora, args.draw)
        print("\n## --place against a regular expression of the place's names\n(anywhere: documents with any "
              "match; own: with one as a name of its own, not inside a longer proper name (Paris Agreement, Lake "
              "Geneva); +demonym: anywhere or its people. recall: of own (target ≥ 0.95); ratio: --place over "
              "+demonym (target ≤ 1.05))")
        print(f"{'folder':8} {'place':12} {'anywhere':>8} {'own':>6} {'+demonym':>9} {'--place':>7}   recall  ratio")
        for key, corpus in corpora.items():
            place_recall(key, corpus)
        mentions(corpora, args.draw)
        load(args.runs)
    if args.warm:
        warm(args.warm, args.runs)
    if args.build and args.base:
        build(args.build, args.base, args.runs)
    print(f"\n(python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}; "
          f"maxrss of this process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
