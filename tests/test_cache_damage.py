"""A damaged .plnsite-cache/ is verified, not trusted: whatever happened to its files (bits
flipped, cut short, emptied, swapped, overwritten, or of the right checksum but the wrong shape),
`plnsite build` and `plnsite serve` give exactly the bytes of a `--no-cache` build, say so in one
warning, and the build after is silent. Real builds through the CLI, the real preview server."""

from __future__ import annotations

import marshal
import pickle
import random
import shutil
import urllib.request
from pathlib import Path

import pytest

from plnsite.cli import main
from plnsite.incremental.store import CACHE_DIR, decode, encode
from plnsite.model import BuildOptions
from plnsite.output import MANIFEST
from plnsite.serve import PreviewServer, ServeOptions
from plnsite.urls import Urls, url_for

from .conftest import NOW, SITES

NOTE = Path("content/notes/2024-01-10-first-note.md")
WARNING = f"{CACHE_DIR}: warning: "


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def _records(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).rglob("*.bin"))


class Prepared:
    """The sample site built once with the cache (into ``public/``), then one note edited;
    a copy of all of it to start each test from, and what a --no-cache build of it gives."""

    def __init__(self, base: Path) -> None:
        self.root = base / "site"
        self.saved = base / "saved"
        shutil.copytree(SITES / "basic", self.root)
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(self.root)
            assert main(["build"]) == 0
            note = self.root / NOTE
            note.write_text(note.read_text().replace("footnote.", "footnote, edited after the cache was made."))
            assert main(["build", "--no-cache", "-o", str(base / "fresh")]) == 0
        self.expected = _tree(base / "fresh")
        assert len(_records(self.root)) > 10
        shutil.copytree(self.root, self.saved)

    def restore(self, monkeypatch) -> Path:
        """The site as it was saved, at the same place (the caches' keys hold the folder)."""
        shutil.rmtree(self.root)
        shutil.copytree(self.saved, self.root)
        monkeypatch.chdir(self.root)
        return self.root


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> Prepared:
    return Prepared(tmp_path_factory.mktemp("damage"))


# --------------------------------------------------------------------------- kinds of damage


def _flip(seed: int):
    def damage(root: Path) -> None:
        rng = random.Random(seed)
        for path in _records(root):
            data = bytearray(path.read_bytes())
            for _ in range(3):
                bit = rng.randrange(len(data) * 8)
                data[bit // 8] ^= 1 << bit % 8
            path.write_bytes(bytes(data))
    return damage


def _truncate(root: Path) -> None:
    rng = random.Random(7)
    for path in _records(root):
        data = path.read_bytes()
        path.write_bytes(data[:rng.randrange(1, len(data))])


def _empty(root: Path) -> None:
    for path in _records(root):
        path.write_bytes(b"")


def _garbage(root: Path) -> None:
    rng = random.Random(11)
    for path in _records(root):
        path.write_bytes(bytes(rng.randrange(256) for _ in range(path.stat().st_size)))


def _swap(root: Path) -> None:
    """Each shard of a folder gets the next one's bytes (and a load shard one of markdown/'s)."""
    for folder in ("load", "markdown"):
        paths = sorted((root / CACHE_DIR / folder).glob("*.bin"))
        datas = [p.read_bytes() for p in paths]
        for path, data in zip(paths, datas[1:] + datas[:1]):
            path.write_bytes(data)
    shutil.copyfile(sorted((root / CACHE_DIR / "markdown").glob("*.bin"))[0], root / CACHE_DIR / "build-state.bin")


def _recoded(change):
    """Every record rewritten with a valid checksum, its (magic, key, payload) changed by ``change``."""
    def damage(root: Path) -> None:
        for path in _records(root):
            magic, key, payload = decode(path, path.read_bytes())
            path.write_bytes(encode(path, *change(path, magic, key, payload)))
    return damage


def _wrong_shape(path: Path, magic: str, key: str, payload):
    """What another plnsite version might have written under the same magic and key."""
    if path.parent.name == "markdown":
        payload = {k: (html.encode(), *rest) for k, (html, *rest) in payload.items()}
    elif path.parent.name == "load":
        span, entries = payload
        shapes = [pickle.dumps(("a note",)), pickle.dumps((None, ["a problem"])), b"not a pickle"]
        payload = (span, {p: (stat, digest, shapes[n % 3]) for n, (p, (stat, digest, _)) in enumerate(entries.items())})
    elif path.name == "build-state.bin":
        payload = (payload[0], list(payload[1].items()))
    # other records (the note that the output folder was searched for leftovers) hold a flag
    return magic, key, payload


def _another_key(path: Path, magic: str, key: str, payload):
    return magic, key + " (another plnsite)", payload


def _unchecked(root: Path) -> None:
    """The records as plnsite wrote them before they had a checksum."""
    for path in _records(root):
        path.write_bytes(marshal.dumps(decode(path, path.read_bytes())))


DAMAGED = {**{f"flip-{seed}": _flip(seed) for seed in range(20)}, "truncate": _truncate, "empty": _empty,
           "garbage": _garbage, "swap": _swap, "wrong-shape": _recoded(_wrong_shape)}
STALE = {"another-key": _recoded(_another_key), "unchecked-format": _unchecked}


def _cache_warnings(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith(WARNING)]


@pytest.mark.parametrize("kind", sorted(DAMAGED))
def test_a_damaged_cache_gives_the_bytes_of_no_cache_in_one_warning(prepared, monkeypatch, run_cli, kind):
    root = prepared.restore(monkeypatch)
    DAMAGED[kind](root)
    code, _, err = run_cli("build")
    assert code == 0, err
    assert "Traceback" not in err
    warnings = _cache_warnings(err)
    assert len(warnings) == 1, err
    assert "damaged cache record" in warnings[0] and "made again from the sources" in warnings[0]
    assert _tree(root / "public") == prepared.expected

    code, _, err = run_cli("build")
    assert (code, err) == (0, ""), "the build after is silent"
    assert _tree(root / "public") == prepared.expected
    for path in _records(root):
        decode(path, path.read_bytes())  # every record left is whole


@pytest.mark.parametrize("kind", sorted(STALE))
def test_a_stale_cache_is_a_silent_miss(prepared, monkeypatch, run_cli, kind):
    """Records of another key, or of the format before checksums: nothing is wrong with them."""
    root = prepared.restore(monkeypatch)
    STALE[kind](root)
    code, _, err = run_cli("build")
    assert (code, err) == (0, "")
    assert _tree(root / "public") == prepared.expected


def test_a_damaged_cache_does_not_fail_a_strict_build(prepared, monkeypatch, run_cli):
    """The cache is not the user's content: --strict fails on the site's warnings, not on it."""
    root = prepared.restore(monkeypatch)
    _flip(1)(root)
    code, _, err = run_cli("build", "--strict")
    assert code == 0, err
    assert len(_cache_warnings(err)) == 1
    assert _tree(root / "public") == prepared.expected


def test_a_damaged_build_state_writes_every_output_again(prepared, monkeypatch, run_cli):
    """Without a state read back whole, no file of the output folder is trusted."""
    root = prepared.restore(monkeypatch)
    about = root / "public" / "about" / "index.html"
    about.write_bytes(about.read_bytes() + b"<!-- changed by hand -->")
    state = root / CACHE_DIR / "build-state.bin"
    data = bytearray(state.read_bytes())
    data[len(data) // 2] ^= 0x10
    state.write_bytes(bytes(data))
    code, _, err = run_cli("build")
    assert code == 0
    assert _cache_warnings(err) == [f"{WARNING}1 damaged cache record ignored and made again from the sources "
                                    "(build-state.bin)"]
    assert _tree(root / "public") == prepared.expected


# --------------------------------------------------------------------------- the preview server


def _served(content: Path, cache: bool) -> tuple[dict[str, tuple[int, bytes]], list[str]]:
    """Every page of a real preview server started on ``content``, fetched over HTTP (status and
    body by file), and what the server logged."""
    log: list[str] = []
    server = PreviewServer(ServeOptions(build=BuildOptions(source=content, now=NOW, cache=cache), port=0),
                           log=log.append)
    server.start()
    try:
        host, port = server.httpd.server_address[:2]
        urls = Urls("https://example.org/portfolio/")
        pages = {}
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        for file in sorted(server.rebuilder.outputs):
            with opener.open(f"http://{host}:{port}{urls.path(url_for(file))}", timeout=10) as response:
                pages[file] = (response.status, response.read())
    finally:
        server.stop()
    return pages, log


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_preview_server_serves_a_damaged_cache_as_no_cache(prepared, monkeypatch, seed):
    root = prepared.restore(monkeypatch)
    expected, _ = _served(root / "content", cache=False)
    _flip(seed)(root)
    pages, log = _served(root / "content", cache=True)
    assert {status for status, _ in pages.values()} == {200}
    assert pages == expected
    assert len([line for line in log if line.startswith(WARNING)]) == 1, log
    _, log = _served(root / "content", cache=True)
    assert [line for line in log if line.startswith(WARNING)] == [], "reported once: the next start is silent"
