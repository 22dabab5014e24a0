"""Near-duplicates on small folders built here."""

import json
import sqlite3

import pytest

from corpus_cli.api import Corpus

from .conftest import ARTICLE

PARA1 = "Regime forces shelled the town of Sheikh Miskin in rural Daraa on Saturday morning for many hours."
PARA2 = "The Coalition called on the Security Council to stop the attacks on civilians in the south at once."
OTHER = "An unrelated statement about the weather and the harvest in the northern provinces this year again."


def article(day, title, paragraphs):
    body = "\n\n".join(paragraphs)
    return ARTICLE.replace("02 January", f"{day:02d} January").replace("A Test Title", title).replace(
        "First paragraph here. It has two sentences.\n\nSecond paragraph. (Source: Test Office)", body
    )


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "a.txt").write_text(article(2, "Shelling in Sheikh Miskin", [PARA1, PARA2]), encoding="utf-8")
    (tmp_path / "b.txt").write_text(article(3, "Shelling in Sheikh Miskin (updated)", [PARA1, PARA2 + " Again."]), encoding="utf-8")
    listing = "News\n04 January 2016 In News\n\n" + PARA1 + "\n\n" + PARA2 + "\n\nHome Media Center News Items filtered by date: Monday, 04 January 2016\n"
    (tmp_path / "c.txt").write_text(listing, encoding="utf-8")
    (tmp_path / "d.txt").write_text(article(5, "Weather", [OTHER, "Nothing else happened in the region that we could report today."]), encoding="utf-8")
    return tmp_path


def test_clusters_keep_the_earliest_first(folder):
    corpus = Corpus.open(folder, cache=False)
    found = corpus.dupes()
    assert [[(corpus.index.doc_ids[m.position], m.similarity) for m in c.members] for c in found] == [
        [("a", 100.0), ("b", 100.0), ("c", 100.0)]
    ]
    assert corpus.dupes(threshold=100.0) == found
    statements = corpus.dupes(statements=True)
    assert [[(corpus.index.doc_ids[m.position], m.statement) for m in c.members] for c in statements] == [
        [("a", 0), ("b", 0), ("c", 0)], [("a", 1), ("b", 1), ("c", 1)],
    ]


def test_dedupe_keeps_one_per_cluster_and_says_how_many_it_hid(folder, invoke):
    corpus = Corpus.open(folder, cache=False)
    assert [d.id for d in corpus.list(dedupe=True)] == ["a", "d"]
    assert corpus.hidden == 2
    assert sorted({h.document.id for h in corpus.search("Miskin", dedupe=True)}) == ["a"]
    r = invoke("list", "--dedupe", "--data", str(folder))
    assert r.stdout.splitlines()[0].startswith("2016-01-02T17:52  a ")
    assert r.stderr == "corpus: 2 near-duplicate documents hidden (--dedupe)\n"


def test_dupes_command(folder, invoke):
    r = invoke("dupes", "--data", str(folder))
    assert r.stdout.splitlines() == [
        "1  100  edited  2016-01-02T17:52  a  Shelling in Sheikh Miskin",
        "1  100  edited  2016-01-03T17:52  b  Shelling in Sheikh Miskin (updated)",
        "1  100  same    2016-01-04        c  Regime forces shelled the town of Sheikh Miskin in rural Daraa on Saturday morning for many hours",
    ]
    data = json.loads(invoke("dupes", "--data", str(folder), "--json").stdout)
    assert (data[0]["cluster"], data[0]["size"], [m["id"] for m in data[0]["members"]]) == (1, 3, ["a", "b", "c"])
    assert invoke("dupes", "--data", str(folder), "--threshold", "101").exit_code == 2
    (folder / "b.txt").unlink()
    (folder / "c.txt").unlink()
    assert invoke("dupes", "--data", str(folder)).exit_code == 1


WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec "
         "romeo sierra tango uniform victor whiskey xray yankee zulu one two three four five six seven eight nine ten "
         "eleven twelve thirteen fourteen fifteen sixteen").split()


GRANT = ("Senator Smith announced a grant of ${} to the {} Fire Department today. The money will buy new equipment "
         "and train volunteers, the senator said, and the department will report on its use next year. The program "
         "helps small towns across the state keep their fire services ready for floods, storms and wildfires, and "
         "this year it has funded more departments than in any year since it began. Applications for the next round "
         "open in the spring, and towns of every size are encouraged to apply early.")


def test_template_families_are_told_apart_and_kept_by_dedupe(tmp_path, invoke):
    for day, (amount, town) in enumerate([("50,000", "Springfield"), ("75,000", "Shelbyville"), ("20,000", "Ogdenville")],
                                         start=1):
        (tmp_path / f"2019-07-0{day}_{town}.txt").write_text(GRANT.format(amount, town) + "\n", encoding="utf-8")
    (tmp_path / "2019-07-05_copy.txt").write_text(GRANT.format("50,000", "Springfield") + "\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path, cache=False)
    found = corpus.dupes(threshold=80)
    ids = corpus.index.doc_ids
    assert [(c.kind, [(ids[m.position], m.kind) for m in c.members]) for c in found] == [
        ("template", [("2019-07-01_Springfield", "same"), ("2019-07-02_Shelbyville", "template"),
                      ("2019-07-03_Ogdenville", "template"), ("2019-07-05_copy", "same")])]
    assert [d.id for d in corpus.list(dedupe=True)] == ["2019-07-01_Springfield", "2019-07-02_Shelbyville",
                                                         "2019-07-03_Ogdenville"]
    r = invoke("list", "--data", str(tmp_path), "--dedupe-templates")
    assert [line.split()[1] for line in r.stdout.splitlines()] == ["2019-07-01_Springfield"]


def test_a_chain_of_three_does_not_join_its_far_ends(tmp_path):
    # A and B are 92 alike, B and C 95, but A and C under 90: C must not join A's cluster through B.
    for day, shift in ((1, 0), (2, 4), (3, 8)):
        (tmp_path / f"2019-07-0{day}_{day}.txt").write_text(" ".join(WORDS[shift : shift + 36]) + ".\n", encoding="utf-8")
    corpus = Corpus.open(tmp_path, cache=False)
    found = corpus.dupes()
    assert [[(corpus.index.doc_ids[m.position], m.similarity) for m in c.members] for c in found] == [
        [("2019-07-01_1", 100.0), ("2019-07-02_2", 92.2)]
    ]
    assert [[corpus.index.doc_ids[m.position] for m in c.members] for c in corpus.dupes(threshold=85)] == [
        ["2019-07-01_1", "2019-07-02_2", "2019-07-03_3"]
    ]


def test_minhashes_are_made_once_and_kept_in_the_database(folder, monkeypatch):
    from corpus_cli.analysis import dupes

    first = Corpus.open(folder)
    found = [[(first.index.doc_ids[m.position], m.similarity) for m in c.members] for c in first.dupes()]
    assert sqlite3.connect(first.report.database).execute(
        "SELECT count(*), count(minhash) FROM signatures").fetchone() == (4, 4)
    monkeypatch.setattr(dupes, "shingles", None)  # read back, not made again
    again = Corpus.open(folder)
    assert [[(again.index.doc_ids[m.position], m.similarity) for m in c.members] for c in again.dupes()] == found
    assert found == [[("a", 100.0), ("b", 100.0), ("c", 100.0)]]
