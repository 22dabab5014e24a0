"""corpus serve in a real browser: headless Chromium types a query into the search page, sees the
hits and opens one (driven over the DevTools protocol on a pipe: no driver to install)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from corpus_cli.output import web

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Browser:
    """Chromium driven over --remote-debugging-pipe: JSON messages, each ended by a NUL byte."""

    def __init__(self, profile):
        read_cmd, self._to_browser = os.pipe()
        self._from_browser, write_evt = os.pipe()
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--window-size=1100,700", "about:blank"],
            close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: (os.dup2(read_cmd, 3), os.dup2(write_evt, 4)))  # the pipe's ends, as Chromium wants
        os.close(read_cmd)
        os.close(write_evt)
        self._buffer, self._n = b"", 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)

    def call(self, method, session=False, **params):
        self._n += 1
        message = {"id": self._n, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._next()
            if reply.get("id") == self._n:
                if "error" in reply:
                    raise RuntimeError(reply["error"])
                return reply.get("result", {})

    def _next(self):
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("the browser went away")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def evaluate(self, expression):
        return self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True)["result"].get("value")

    def wait_for(self, expression, seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.1)
        raise AssertionError(f"never true: {expression}")

    def close(self):
        self.proc.kill()
        self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    pytest.importorskip("datasette")
    port = free_port()
    env = {**os.environ, "CORPUS_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "corpus_cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/-/search", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                message = proc.stderr.read().decode()
                proc.stderr.close()
                raise AssertionError(message)
            time.sleep(0.2)
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    proc.stderr.close()


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium: apt install chromium")
def test_type_a_query_see_hits_open_one(server, tmp_path):
    browser = Browser(tmp_path / "profile")
    try:
        browser.call("Page.navigate", session=True, url=server + "/-/search")
        browser.wait_for("document.getElementById('q') !== null")
        browser.evaluate("document.getElementById('q').focus()")
        browser.call("Input.insertText", session=True, text="Alepo")  # typed, misspelt
        browser.evaluate("document.querySelector('form').submit()")
        browser.wait_for("document.getElementById('hits') !== null")
        assert browser.evaluate("document.getElementById('count').textContent") == "8 hits"
        marks = browser.evaluate("[...document.querySelectorAll('#hits mark')].map(m => m.textContent)")
        assert set(marks) == {"Aleppo"}
        first = browser.evaluate("document.querySelector('#hits a.hit').getAttribute('href')")
        assert first == "/-/document/002_6d0a1ca802d3b216"
        browser.evaluate("document.querySelector('#hits a.hit').click()")
        browser.wait_for("document.getElementById('title') !== null")
        assert browser.evaluate("document.getElementById('title').textContent") == (
            "Syrian Coalition: Russia Has Not Halted Military Operations in Besieged Eastern Aleppo")
        assert "Osama Taljou" in browser.evaluate("document.getElementById('text').textContent")
    finally:
        browser.close()


def test_the_search_page_takes_the_filters_of_corpus_search(server):
    def hits(query):
        page = urllib.request.urlopen(f"{server}/-/search?{query}").read().decode()
        return page[page.index("<p id='count'>"):].split("<", 2)[1], page.count("class='hit' href='/-/document/")

    assert hits("q=Alepo") == ("p id='count'>8 hits", 8)
    assert hits("q=Alepo&speaker=Haitham+Maleh") == ("p id='count'>1 hit", 1)
    assert hits("q=Alepo&place=Idlib") == ("p id='count'>2 hits", 2)
    assert hits("q=Alepo&source=syrian+coalition%E2%80%99s+media+office") == ("p id='count'>6 hits", 6)
    assert hits("q=Alepo&since=2019&until=2019") == ("p id='count'>1 hit", 1)


def test_the_tables_come_with_descriptions_facets_and_a_search(server):
    tables = json.load(urllib.request.urlopen(server + "/-/metadata.json"))
    name = next(iter(tables["databases"]))
    statements = json.load(urllib.request.urlopen(
        f"{server}/{name}/statements.json?_search=aleppo&_shape=array&n__notblank=1"))
    assert len(statements) == 7 and all("Aleppo" in s["text"] for s in statements)
    documents = json.load(urllib.request.urlopen(f"{server}/{name}/document_fields.json?_facet=source"))
    assert {f["value"] for f in documents["facet_results"]["source"]["results"]} >= {"Syrian Coalition"}
    assert "spans" not in documents["columns"] and "doc_id" in documents["columns"]  # no arrays to browse past
    home = urllib.request.urlopen(f"{server}/{name}").read().decode()
    assert "document_fields" in home and "/bodies" not in home  # the tables of the engine are hidden
    # facets on place and speaker: every document's, found before serving
    places = json.load(urllib.request.urlopen(f"{server}/{name}/document_places.json?_facet=place&_facet=country"))
    by_place = {f["value"]: f["count"] for f in places["facet_results"]["place"]["results"]}
    assert (by_place["Russia"], by_place["Syria"], by_place["Aleppo"], by_place["Idlib"]) == (4, 4, 3, 2)
    assert {f["value"] for f in places["facet_results"]["country"]["results"]} == {"SY", "RU", "IR"}
    speakers = json.load(urllib.request.urlopen(f"{server}/{name}/document_speakers.json?_facet=speaker&_shape=objects"))
    assert {f["value"] for f in speakers["facet_results"]["speaker"]["results"]} == {
        "Yasser Farhan", "Haitham Maleh", "Osama Taljou", "Kifah Murad"}
    farhan = [r for r in speakers["rows"] if r["speaker"] == "Yasser Farhan"]
    assert [(r["date"], r["role"], r["statements"]) for r in farhan] == [
        ("2017-09-27", "Member of the Coalition’s political committee", 6)]


def test_document_text_is_escaped_into_the_page():
    class Match:
        start, end = 4, 9

    assert web._marked("Say <b>Hello</b>", [Match()]) == "Say <mark>&lt;b&gt;He</mark>llo&lt;/b&gt;"
