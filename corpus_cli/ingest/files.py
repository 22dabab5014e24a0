"""Finding the files of a folder: what every command does first, kept light to import."""

from __future__ import annotations

import errno
import functools
import os
import time
from array import array
from operator import attrgetter
from stat import S_ISDIR, S_ISREG
from pathlib import Path
from typing import Callable, Iterable, NamedTuple, Sequence

from corpus_cli.errors import DataError

# What a file holds, by its suffix (a further .gz means gzip-compressed).
KINDS = {
    ".txt": "text", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".html": "html", ".htm": "html",
}


KINDS_READ = ", ".join(sorted(KINDS)) + ", also .gz"  # for messages: the files corpus reads


def kind_of(name: str) -> str | None:
    """The kind of a corpus file from its name (``text``, ``csv``…), or None."""
    if name.endswith(".txt"):  # nearly every file: no lower() needed
        return "text"
    low = name.lower()
    if low.endswith(".txt"):
        return "text"
    if low.endswith(".gz"):
        low = low[:-3]
    dot = low.rfind(".")
    return KINDS.get(low[dot:]) if dot > 0 else None


# Files that lie beside documents but are not documents: skipped, and counted in one line.
_JUNK_NAMES = {".ds_store": ".DS_Store", "thumbs.db": "Thumbs.db", "desktop.ini": "desktop.ini", "ehthumbs.db": "Thumbs.db"}
_BACKUP_ENDS = ("~", ".swp", ".swo", ".bak", ".orig", ".tmp")
CONFIG_NAMES = frozenset({"corpus.toml"})
NOT_A_FILE = "named pipes, sockets and devices"  # never opened: reading a pipe waits for a writer


def passed_over(name: str) -> str | None:
    """Why a name in a corpus folder is not read: junk, a backup, hidden, another kind; None to read it."""
    if name.startswith("._"):
        return "macOS resource files (._*)"
    if kind_of(name):
        return "hidden files" if name[0] == "." else None
    low = name.lower()
    if low in _JUNK_NAMES:
        return _JUNK_NAMES[low]
    if low.endswith(_BACKUP_ENDS) or (name[0] == "#" and name[-1] == "#") or low.startswith(".~lock."):
        return "editor backups"
    if name[0] == ".":
        return "hidden files"
    if name in CONFIG_NAMES:
        return None
    dot = low.rfind(".")
    return f"{low[dot:]} files" if dot > 0 else "files without a suffix"


def sidecar_of(path: Path) -> Path:
    """Where the metadata of a text file lives: ``name.json`` beside ``name.txt``, or a
    ``doc.json`` in a folder whose only text file it is."""
    own = path.with_suffix(".json")
    folder = str(path.parent)
    if has_name(folder, own.name) or not has_name(folder, "doc.json"):
        return own
    texts = [n for n in names_in(folder) if n.lower().endswith(".txt")]
    return path.with_name("doc.json") if texts == [path.name] else own


LISTING = {"on": False}  # a build that reads many files lists each folder once instead of looking name by name


def has_name(folder: str, name: str) -> bool:
    """Whether ``folder`` holds ``name``: from the folder's listing while a build reads many
    files, else one look (a folder of 100,000 files is not listed for one changed file)."""
    if LISTING["on"]:
        return name in names_in(folder)
    return os.path.lexists(os.path.join(folder, name))


@functools.lru_cache(maxsize=256)
def names_in(folder: str) -> frozenset[str]:
    """The names in a folder, listed once (a build clears this when it starts)."""
    try:
        return frozenset(os.listdir(folder))
    except OSError:
        return frozenset()


class Problem(NamedTuple):
    path: str
    what: str
    action: str  # "skipped" or what was done instead
    skipped: bool = False


def bundled_data() -> Path:
    """The bundled corpus: inside the installed package, or ``data/`` in a checkout."""
    here = Path(__file__).resolve().parent.parent  # the package, above ingest/
    packaged = here / "data"
    return packaged if packaged.is_dir() else here.parent / "data"


class FileEntry(NamedTuple):
    rel: str  # path relative to the folder, with forward slashes
    size: int
    mtime_ns: int
    n: int = 0  # its place in the scan


class Scan:
    """Every corpus file under a folder, in the order the folders listed them.

    Kept as parallel lists so that comparing two scans is a few C-level
    list and array comparisons.
    """

    def __init__(self):
        self.paths: list[str] = []
        self.sizes = array("q")
        self.mtimes = array("q")
        self.problems: list[Problem] = []
        self.passed_over: dict[str, int] = {}  # names not read, by why (see passed_over)
        self.listed: int | None = None  # a summary's count of files, whose names it does not hold

    @property
    def count(self) -> int:
        """How many files were listed."""
        return len(self.paths) if self.listed is None else self.listed

    def entries(self) -> list[FileEntry]:
        """The files sorted by path, the order documents are built in."""
        found = [FileEntry(p, s, m, n) for n, (p, s, m) in enumerate(zip(self.paths, self.sizes, self.mtimes))]
        found.sort(key=lambda e: e.rel)
        return found


SETTLED_NS = 20_000_000  # a change this recent may be followed by another in the same tick of the file clock
COARSE_SETTLED_NS = 2_000_000_000  # where times are kept to the second (FAT keeps two)


def settle(path: Path, mtime_ns: int) -> None:
    """Wait, if need be, until a change to ``path`` made after this moment would show in its
    modification time, so that the time the scan recorded (``mtime_ns``) is safe to keep with
    what is read next.

    A file's time moves in ticks of the file system's clock (a few milliseconds here; a second
    or two on FAT and some network shares): a file read in the same tick as it was written could
    be written again unseen. Only a file changed within the last two seconds is looked at again.
    """
    now = time.time_ns()
    if now - mtime_ns > COARSE_SETTLED_NS:
        return
    try:
        mtime_ns = os.stat(path).st_mtime_ns
    except OSError:
        return
    window = COARSE_SETTLED_NS if mtime_ns % 1_000_000_000 == 0 else SETTLED_NS
    wait = mtime_ns + window - now
    if wait > 0:
        time.sleep(min(wait, window) / 1e9)


def scan(root: Path, stat: bool = True, only: str | None = None) -> Scan:
    """Every corpus file under ``root`` with its size and time, and what could not be looked at.

    Hidden files and folders are passed over, and so are junk (macOS ``._*``
    files, ``.DS_Store``, ``Thumbs.db``, editor backups) and files of other
    kinds: ``passed_over`` counts them by why. Symbolic links to files are
    followed, links to folders are not (so a link loop cannot trap the scan).
    With ``stat`` false only the names are listed (no size or time), and a
    folder whose name ends in ``.txt`` is taken for a file. With ``only``, the one file of that name
    in ``root`` is the corpus.
    """
    result = Scan()
    stack = [""]
    while stack:
        rel_dir = stack.pop()
        folder = os.path.join(root, rel_dir) if rel_dir else str(root)
        prefix = rel_dir + "/" if rel_dir else ""
        try:
            names = [only] if only is not None and os.path.lexists(os.path.join(folder, only)) else (
                [] if only is not None else os.listdir(folder))
        except OSError as exc:
            result.problems.append(Problem(folder, f"cannot list folder: {exc.strerror or exc}", "skipped", True))
            continue
        files = [n for n in names if n[-4:] == ".txt" and n[0] != "."]  # nearly every name, in C-level loops
        if len(files) == len(names):
            others = []
        else:
            files, others = [], []
            for n in names:
                if n[0] != "." and kind_of(n):
                    files.append(n)
                else:
                    others.append(n)
        for n in others:
            path = os.path.join(folder, n)
            if os.path.isdir(path):
                if n[0] != "." and not os.path.islink(path):
                    stack.append(prefix + n)
                continue
            why = passed_over(n)
            if why is not None:
                result.passed_over[why] = result.passed_over.get(why, 0) + 1
        sidecars = _sidecars(files)
        if sidecars:
            files = [n for n in files if n not in sidecars]
        if not stat:
            result.paths.extend(prefix + n for n in files)
            continue
        first = len(result.paths)
        stack.extend(_stat_files(root, folder, prefix, files, result))
        if sidecars:
            _fold_sidecars(folder, prefix, sidecars, result, first)
    return result


def _sidecars(files: list[str]) -> dict[str, str]:
    """The ``.json`` files that hold the metadata of a ``.txt`` file (see :func:`sidecar_of`)."""
    jsons = [n for n in files if n[-5:].lower() == ".json"]
    if not jsons:  # the usual folder of text files: nothing more to look at
        return {}
    texts = [n for n in files if n[-4:].lower() == ".txt"]
    stems = {n[:-4] for n in texts}
    found = {n: n[:-5] + ".txt" for n in jsons if n[:-5] in stems}
    if "doc.json" in jsons and "doc.json" not in found and len(texts) == 1:
        found["doc.json"] = texts[0]
    return found


def _fold_sidecars(folder: str, prefix: str, sidecars: dict[str, str], result: Scan, first: int) -> None:
    """Make a text file's size and time stand for its sidecar too, so editing either is noticed."""
    place = {result.paths[i]: i for i in range(first, len(result.paths))}
    for side, text in sidecars.items():
        i = place.get(prefix + text)
        if i is None:
            continue
        try:
            st = os.stat(os.path.join(folder, side))
        except OSError:
            continue
        result.sizes[i] += st.st_size << 32
        result.mtimes[i] ^= st.st_mtime_ns << 1


def _stat_files(root: Path, folder: str, prefix: str, names: list[str], result: Scan) -> list[str]:
    """Add the sizes and times of one folder's files (one ``stat`` each); return its ``*.txt`` folders."""
    if os.stat not in os.supports_dir_fd:  # Windows: stat by full path
        return _stat_by_path(root, folder, prefix, names, result)
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            stats = [os.stat(n, dir_fd=fd) for n in names]  # the fast way, when nothing goes wrong
            failed = False
        except OSError:
            stats, failed = [], True
            for n in names:
                try:
                    stats.append(os.stat(n, dir_fd=fd))
                except OSError as exc:
                    stats.append(exc)
    finally:
        os.close(fd)
    return _add_stats(root, folder, prefix, names, stats, failed, result)


def _stat_by_path(root: Path, folder: str, prefix: str, names: list[str], result: Scan) -> list[str]:
    stats = []
    for n in names:
        try:
            stats.append(os.stat(os.path.join(folder, n)))
        except OSError as exc:
            stats.append(exc)
    return _add_stats(root, folder, prefix, names, stats, True, result)


def _add_stats(root: Path, folder: str, prefix: str, names: list[str], stats: list, failed: bool, result: Scan) -> list[str]:
    plain = not failed and all(S_ISREG(st.st_mode) for st in stats)  # no folder, pipe, socket or device
    if plain:
        result.paths.extend(prefix + n for n in names)
        result.sizes.extend(map(attrgetter("st_size"), stats))
        result.mtimes.extend(map(attrgetter("st_mtime_ns"), stats))
        return []
    folders = []
    for n, st in zip(names, stats):
        if isinstance(st, OSError):
            if st.errno == errno.ELOOP:
                what = "symbolic link loop"
            elif os.path.islink(os.path.join(folder, n)):
                what = "broken link"
            else:
                what = f"cannot read: {st.strerror or st}"
            result.problems.append(Problem(str(root / (prefix + n)), what, "skipped", True))
        elif S_ISDIR(st.st_mode):
            folders.append(prefix + n)
        elif not S_ISREG(st.st_mode):  # reading a named pipe would wait for a writer for ever
            why = NOT_A_FILE
            result.passed_over[why] = result.passed_over.get(why, 0) + 1
        else:
            result.paths.append(prefix + n)
            result.sizes.append(st.st_size)
            result.mtimes.append(st.st_mtime_ns)
    return folders


def unique_id(doc_id: str, taken: Callable[[str], bool]) -> str:
    """``doc_id``, or ``doc_id~2``, ``doc_id~3`` … the first that ``taken`` says is free: the one rule
    that makes document ids unique, for the files of a folder and for the records a reader finds."""
    if not taken(doc_id):
        return doc_id
    n = 2
    while taken(f"{doc_id}~{n}"):
        n += 1
    return f"{doc_id}~{n}"


def assign_ids(entries: Sequence[FileEntry], taken: Iterable[str] = ()) -> tuple[list[str], list[Problem]]:
    """Document ids: the file name without its suffix, made unique by :func:`unique_id`.

    (A text file whose sidecar names an id takes that id instead; the reader
    decides, see :func:`corpus_cli.ingest.loader.read_file`.)
    """
    seen = set(taken)
    ids, problems = [], []
    for e in entries:
        name = e.rel.rsplit("/", 1)[-1]
        stem = name[:-3] if name.lower().endswith(".gz") else name
        stem = stem.rsplit(".", 1)[0]
        doc_id = unique_id(stem, seen.__contains__)
        if doc_id != stem:
            problems.append(Problem(e.rel, f"id {stem!r} is taken by another file", f"id set to {doc_id!r}"))
        seen.add(doc_id)
        ids.append(doc_id)
    return ids, problems


def corpus_root(path: str | os.PathLike | None) -> tuple[Path, str | None]:
    """The folder to read (the bundled corpus by default) as an absolute path, and, where ``path``
    names one file of a kind corpus reads, that file's name (only it is read); a DataError saying
    why when ``path`` is neither."""
    given = Path(path) if path is not None else bundled_data()
    if given.is_dir():
        return given.resolve(), None
    if not given.exists():
        raise DataError(f"data path {str(given)!r} does not exist")
    if not given.is_file():
        raise DataError(f"data path {str(given)!r} is neither a folder nor a file (a pipe, a socket or a device)")
    if kind_of(given.name) is None:
        raise DataError(f"data file {str(given)!r} is not of a kind corpus reads ({KINDS_READ}); "
                        "give its folder, or name the file so")
    if not os.access(given, os.R_OK):
        raise DataError(f"cannot read the data file {str(given)!r}: permission denied")
    given = given.resolve()
    return given.parent, given.name



