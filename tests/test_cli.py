"""Every command through the command line, in every format."""

import csv
import io
import json
import subprocess
import sys

import pytest

from corpus_cli.cli import cli
from corpus_cli.output.records import DOCUMENT_KEYS, FULL_DOCUMENT_KEYS, HIT_KEYS, MATCH_KEYS

from .conftest import ARTICLE, SEED_IDS

ANSI = "\x1b["

LIST_PLAIN = """\
2016-01-02T17:52  000_3e1c546575f83025  Coalition News  Large-scale Regime Offensive on Sheikh Misskin in Rural Dara’a
2016-12-09T16:37  002_6d0a1ca802d3b216  Coalition News  Syrian Coalition: Russia Has Not Halted Military Operations in Besieged Eastern Aleppo
2017-09-27        001_6bce3e69434a3938  Coalition News  The Assad regime and Russian forces continued the intensified aerial attacks on most towns and villages in the liberated areas, targeting mainly residential areas, medical and services centers
2019-07-05T21:16  003_7e59c539d2ddab83  Press Releases  Assad Regimes’ Continued Massacres Require Mechanism to Protect Civilians
2020-01-31T17:48  004_375b785a8374fdba  Press Releases  We Demand Int’l Action to End Assad & Backers’ Onslaught on Idlib
"""


def test_list_plain_down_a_pipe(invoke):
    r = invoke("list")
    assert (r.exit_code, r.stdout, r.stderr) == (0, LIST_PLAIN, "")


def test_list_since_json(invoke):
    r = invoke("list", "--since", "2019", "--json")
    assert r.exit_code == 0
    docs = json.loads(r.stdout)
    assert [d["id"] for d in docs] == ["003_7e59c539d2ddab83", "004_375b785a8374fdba"]
    assert tuple(docs[0]) == DOCUMENT_KEYS
    assert docs[0]["date"] == "2019-07-05T21:16"
    assert docs[0]["source"] is None and docs[0]["type"] == "press release"


def test_list_until_jsonl_and_csv(invoke):
    r = invoke("list", "--until", "2016", "--format", "jsonl")
    lines = r.stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["000_3e1c546575f83025", "002_6d0a1ca802d3b216"]
    r = invoke("list", "--until", "2016", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == list(DOCUMENT_KEYS)
    assert rows[1][:7] == [
        "000_3e1c546575f83025", "2016-01-02T17:52",
        "Large-scale Regime Offensive on Sheikh Misskin in Rural Dara’a", "False",
        "Coalition News", "news", "Syrian Coalition",
    ]
    assert len(rows) == 3


def test_list_with_no_result_exits_1(invoke):
    r = invoke("list", "--since", "2021")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "")
    r = invoke("list", "--since", "2021", "--json")
    assert (r.exit_code, r.stdout) == (1, "[]\n")


@pytest.mark.parametrize(
    "args, message",
    [
        (["list", "--since", "soon"], "corpus: error: invalid value for --since: cannot read 'soon' as a date"),
        (["list", "--since", "2020", "--until", "2019"], "corpus: error: --since '2020' is after --until '2019'"),
        (["list", "--sort", "size"], "corpus: error: Invalid value for '--sort': 'size' is not one of 'date', 'title'."),
        (["list", "--limit", "-1"], "corpus: error: Invalid value for '--limit' / '-n': -1 is not in the range x>=0."),
        (["search"], "corpus: error: Missing argument 'QUERY'."),
        (["search", "..."], "corpus: error: the query '...' has no words to search for"),
        (["show", "00"], "corpus: error: '00' is ambiguous: it starts 5 ids: 000_3e1c546575f83025, 001_6bce3e69434a3938"),
        (["frobnicate"], "corpus: error: No such command 'frobnicate'."),
    ],
)
def test_usage_errors_are_one_line_on_stderr_exit_2(invoke, args, message):
    r = invoke(*args)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert r.stderr.startswith(message)
    assert r.stderr.count("\n") == 1


def test_show_unknown_id_exits_1(invoke):
    r = invoke("show", "zzz")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "corpus: error: no document has an id starting with 'zzz'\n")


def test_missing_data_folder_exits_2(invoke, tmp_path):
    r = invoke("list", "--data", str(tmp_path / "nope"))
    assert (r.exit_code, r.stdout) == (2, "")
    assert r.stderr == f"corpus: error: data path '{tmp_path / 'nope'}' does not exist\n"


def test_show_plain(invoke):
    r = invoke("show", "003")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[:7] == [
        "Assad Regimes’ Continued Massacres Require Mechanism to Protect Civilians",
        "id: 003_7e59c539d2ddab83",
        "date: 2019-07-05T21:16 (dateline)",
        "category: Press Releases",
        "type: press release",
        "source: -",
        "words: 296",
    ]
    assert lines[10].startswith("The barbaric bombardment")
    assert lines[-1].endswith("equal citizenship, and democracy.")


def test_show_json_holds_the_whole_document(invoke):
    r = invoke("show", "000", "001", "--json")
    docs = json.loads(r.stdout)
    assert [d["id"] for d in docs] == SEED_IDS[:2]
    assert tuple(docs[0]) == FULL_DOCUMENT_KEYS
    assert len(docs[0]["statements"]) == 10
    assert docs[0]["statements"][0] == {
        "index": 0, "start": 0, "end": 221, "text": docs[0]["body"][:221], "places": ["Sheikh Miskin", "Daraa"],
        "speakers": [],
    }
    assert docs[0]["places"] == ["Sheikh Miskin", "Daraa Governorate", "Daraa", "Russia", "Syria"]
    assert docs[1]["title_derived"] is True


def test_show_jsonl_and_csv(invoke):
    r = invoke("show", "002", "--format", "jsonl")
    assert json.loads(r.stdout)["source"] == "Syrian Coalition’s Media Office"
    r = invoke("show", "002", "--format", "csv")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == list(FULL_DOCUMENT_KEYS)
    statements = rows[0].index("statements")
    assert json.loads(rows[1][statements])[0]["index"] == 0
    assert json.loads(rows[1][rows[0].index("places")]) == ["Russia", "Aleppo", "Damascus", "Moscow", "Syria"]


SEARCH_PLAIN = [
    '1.99  2016-12-09T16:37  002_6d0a1ca802d3b216#title  -                                       Syrian Coalition: Russia Has Not Halted Military Operations in Besieged Eastern Aleppo',
    '1.78  2016-12-09T16:37  002_6d0a1ca802d3b216#0      Syrian Coalition: Russia Has Not…       An official in the Syrian Coalition denied Russia’s claims that military operations in besieged eastern Aleppo were suspended.',
]


def test_search_alepo_plain(invoke):
    r = invoke("search", "Alepo")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert len(lines) == 8
    assert lines[:2] == SEARCH_PLAIN
    assert ANSI not in r.stdout


def test_search_json_contract(invoke):
    r = invoke("search", "Alepo", "--json")
    hits = json.loads(r.stdout)
    assert tuple(hits[0]) == HIT_KEYS
    assert tuple(hits[0]["matches"][0]) == MATCH_KEYS
    assert hits[1] == {
        "id": "002_6d0a1ca802d3b216",
        "date": "2016-12-09T16:37",
        "title": "Syrian Coalition: Russia Has Not Halted Military Operations in Besieged Eastern Aleppo",
        "category": "Coalition News",
        "type": "news",
        "statement_index": 0,
        "statement": "An official in the Syrian Coalition denied Russia’s claims that military operations "
        "in besieged eastern Aleppo were suspended.",
        "statement_start": 0,
        "statement_end": 126,
        "score": 1.779,
        "matches": [{"term": "Alepo", "text": "Aleppo", "start": 104, "end": 110, "score": 0.8}],
        "field": "body",
        "terms": [{"term": "Alepo", "forms": [{"form": "Aleppo", "score": 0.8}]}],
        "places": ["Russia", "Aleppo"],
        "speakers": [],
    }
    title = hits[0]
    assert (title["field"], title["statement_index"], title["statement_start"]) == ("title", None, None)
    assert title["statement"] == title["title"]
    # UTF-8, not escaped
    assert "Russia’s" in r.stdout


def test_search_jsonl_csv_and_limit(invoke):
    r = invoke("search", "Idlib", "--format", "jsonl", "--limit", "2")
    assert [(json.loads(x)["id"], json.loads(x)["statement_index"]) for x in r.stdout.splitlines()] == [
        ("004_375b785a8374fdba", None), ("003_7e59c539d2ddab83", 2),
    ]
    r = invoke("search", "Aleppo", "--format", "csv", "--since", "2020")
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == list(HIT_KEYS)
    assert [(row[0], row[5]) for row in rows[1:]] == [("004_375b785a8374fdba", "1")]


def test_search_homs_exits_1(invoke):
    r = invoke("search", "Homs")
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", "")
    r = invoke("search", "Homs", "--json")
    assert (r.exit_code, r.stdout) == (1, "[]\n")


def test_stats_every_format(invoke):
    r = invoke("stats")
    assert r.stdout.splitlines()[:3] == ["total     documents       5", "total     statements      52", "total     words           1,511"]
    r = invoke("stats", "--json")
    data = json.loads(r.stdout)
    assert data["per_year"] == {"2016": 2, "2017": 1, "2019": 1, "2020": 1}
    assert data["first_date"] == "2016-01-02T17:52"
    r = invoke("stats", "--format", "jsonl")
    assert json.loads(r.stdout)["documents"] == 5
    r = invoke("stats", "--format", "csv")
    assert r.stdout.splitlines()[:2] == ["group,key,value", "total,documents,5"]
    assert "category,Press Releases,2" in r.stdout.splitlines()


def test_rich_table_on_a_terminal(invoke):
    r = invoke("list", "--since", "2019", env={"FORCE_COLOR": "1", "COLUMNS": "160"})
    assert ANSI in r.stdout
    assert "Assad Regimes’ Continued Massacres" in r.stdout
    assert "2 documents" in r.stdout


def test_no_color_is_honoured(invoke):
    r = invoke("search", "Alepo", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": "160"})
    assert "Aleppo" in r.stdout and "\x1b[1;33m" not in r.stdout and "\x1b[36m" not in r.stdout


def hostile_folder(tmp_path):
    text = ARTICLE.replace("A Test Title", "[bold red]Title[/] \x1b]0;pwned\x07 \x1b[31mred")
    text = text.replace("First paragraph here.", "Aleppo [link=http://x]click[/link] \x1b[2J here.")
    (tmp_path / "evil.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("env", [None, {"FORCE_COLOR": "1", "COLUMNS": "200"}])
@pytest.mark.parametrize("command", [["list"], ["show", "evil"], ["search", "Aleppo"]])
def test_document_text_cannot_drive_the_terminal(invoke, tmp_path, env, command):
    r = invoke(*command, "--data", str(hostile_folder(tmp_path)), env=env)
    assert r.exit_code == 0
    for evil in ("\x1b]0;", "\x1b[31m", "\x1b[2J", "\x07"):
        assert evil not in r.stdout
    assert "\\x1b[31mred" in r.stdout or "\\x1b[2J" in r.stdout


def test_json_keeps_hostile_text_exact(invoke, tmp_path):
    r = invoke("show", "evil", "--json", "--data", str(hostile_folder(tmp_path)))
    doc = json.loads(r.stdout)[0]
    assert doc["title"] == "[bold red]Title[/] \x1b]0;pwned\x07 \x1b[31mred"


def test_data_from_the_environment(invoke, tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    r = invoke("list", "--format", "csv", env={"CORPUS_DATA": str(tmp_path)})
    assert r.stdout.splitlines()[1].startswith("one,2016-01-02T17:52,A Test Title,False,Coalition News,news,Test Office,")


def test_skipped_files_are_reported_on_stderr(invoke, tmp_path):
    (tmp_path / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x00")
    r = invoke("list", "--json", "--data", str(tmp_path))
    assert r.exit_code == 0
    assert [d["id"] for d in json.loads(r.stdout)] == ["one"]
    assert r.stderr == "corpus: 1 file skipped; run corpus check for details\n"
    r = invoke("check", "--data", str(tmp_path))
    lines = r.stdout.splitlines()
    assert (lines[0], lines[-1]) == ("bin.txt: binary content (NUL bytes) (skipped)", "2 files: 1 indexed, 0 with warnings, 1 skipped")


def test_empty_folder(invoke, tmp_path):
    r = invoke("list", "--data", str(tmp_path))
    assert (r.exit_code, r.stdout, r.stderr) == (1, "", f"corpus: no documents under {tmp_path}: no file there is one "
                                                  "corpus reads (.csv, .htm, .html, .json, .jsonl, .ndjson, .tsv, .txt, "
                                                  "also .gz)\n")


def test_version(invoke):
    from importlib.metadata import version

    r = invoke("--version")
    assert r.stdout == f"corpus, version {version('corpus-statements')}\n"


@pytest.mark.parametrize(
    "command", [None, "list", "show", "search", "stats", "kwic", "variants", "check", "timeline", "speakers", "places", "dupes", "export"]
)
def test_every_command_has_help(invoke, command):
    r = invoke(*([command] if command else []), "--help")
    assert r.exit_code == 0
    assert r.stdout.startswith("Usage: corpus")
    if command:
        assert cli.commands[command].help
        assert "Example" in r.stdout
        assert "--data" in r.stdout and "--format" in r.stdout and "--json" in r.stdout


def test_python_dash_m_and_lazy_imports():
    code = (
        "import sys, runpy; sys.argv=['corpus','--help'];\n"
        "try: runpy.run_module('corpus_cli', run_name='__main__')\n"
        "except SystemExit as e: assert e.code == 0\n"
        "heavy = [m for m in ('rapidfuzz', 'rich', 'corpus_cli.index.base', 'dateutil') if m in sys.modules]\n"
        "print('heavy:', heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.startswith("Usage: corpus")
    assert out.endswith("heavy: []\n")


def test_stats_rich_on_a_terminal(invoke):
    r = invoke("stats", env={"FORCE_COLOR": "1", "COLUMNS": "100"})
    assert ANSI in r.stdout
    for heading in ("Corpus", "Per year", "Per category", "Per type"):
        assert heading in r.stdout
    assert "Press Releases" in r.stdout


def test_library_version_is_the_package_version():
    from importlib.metadata import version

    import corpus_cli

    assert corpus_cli.__version__ == version("corpus-statements")


@pytest.mark.parametrize("env", [None, {"FORCE_COLOR": "1", "COLUMNS": "200"}])
@pytest.mark.parametrize("command", [["list"], ["search", "Aleppo"], ["search", "Aleppo", "--docs"], ["kwic", "Aleppo"]])
def test_a_file_name_with_escape_codes_is_shown_escaped_in_the_id_column(invoke, tmp_path, env, command):
    name = "x\x1b[31mRED\x1b]8;;http:evil\x1b\\link\x1b]8;;\x1b\\"  # an OSC-8 link (no / in a file name)
    (tmp_path / f"{name}.txt").write_text(ARTICLE.replace("First paragraph here.", "Aleppo here."), encoding="utf-8")
    r = invoke(*command, "--data", str(tmp_path), env=env)
    assert r.exit_code == 0
    assert "\x1b[31mRED" not in r.stdout and "\x1b]8;;" not in r.stdout  # the name's own codes, never obeyed
    assert "x\\x1b[31mRED\\x1b]8;;http:evil\\x1b\\link" in r.stdout


def formula_folder(tmp_path):
    text = ARTICLE.replace("A Test Title", "=HYPERLINK(\"http://evil\",\"click\")").replace(
        "First paragraph here.", "+cmd|' /C calc'!A0 Aleppo.")
    (tmp_path / "@risk.txt").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("command", [["list"], ["search", "Aleppo"], ["export"], ["kwic", "Aleppo"]])
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised_unless_raw(invoke, tmp_path, command):
    import csv as csv_module

    folder = formula_folder(tmp_path)
    rows = list(csv_module.DictReader(io.StringIO(invoke(*command, "--data", str(folder), "--format", "csv").stdout)))
    cells = [v for row in rows for v in row.values() if v]
    assert not [v for v in cells if v[0] in "=+-@\t\r"]
    assert "'@risk" in cells
    raw = list(csv_module.DictReader(io.StringIO(invoke(*command, "--data", str(folder), "--format", "csv", "--csv-raw").stdout)))
    assert "@risk" in [v for row in raw for v in row.values()]
    if command != ["kwic", "Aleppo"]:
        assert any(v.startswith(('=HYPERLINK("http://evil"', "+cmd|")) for row in raw for v in row.values())
