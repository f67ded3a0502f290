"""The reading logs, loaded together, are kept in the parse cache (.plnsite-cache/load-groups/):
a warm build whose logs are the same bytes reads them back instead of parsing the YAML again;
any edit, or a new log, parses them again; a damaged record is a miss, removed and reported."""

from __future__ import annotations

from dataclasses import replace

from plnsite.incremental.parse_cache import GROUPS
from plnsite.incremental.store import CACHE_DIR, decode, dump_model, encode, load_model

LOG = """\
- title: A Book
  url: https://books.example.org/a/
  kind: book
  status: finished
  finished: 2024-02-03
- title: A Talk
  url: https://talks.example.org/b/
  kind: video
  status: reading
"""


def _titles(out) -> list[str]:
    text = (out / "reading" / "index.html").read_text(encoding="utf-8")
    return [t for t in ("A Book", "A Talk", "Marked", "Another") if t in text]


def test_a_warm_build_reads_the_reading_logs_it_kept(site_factory, run_cli, tmp_path):
    content = site_factory({"reading/2024.yaml": LOG})
    code, _, err = run_cli("build", "-o", str(tmp_path / "a"))
    assert code == 0, err
    assert _titles(tmp_path / "a") == ["A Book", "A Talk"]
    path = content.parent / CACHE_DIR / GROUPS / "readings.bin"
    assert path.is_file()
    # What the record holds is what the next build shows: mark a title in it (same key, same files).
    magic, key, (digest, stats, pickled) = decode(path, path.read_bytes())
    readings, problems = load_model(pickled)
    marked = (replace(readings[0], title="Marked"), *readings[1:])
    path.write_bytes(encode(path, magic, key, (digest, stats, dump_model((marked, problems)))))
    code, _, err = run_cli("build", "-o", str(tmp_path / "b"))
    assert code == 0, err
    assert _titles(tmp_path / "b") == ["A Talk", "Marked"]
    # an edit of the log is parsed again
    (content / "reading" / "2024.yaml").write_text(LOG.replace("A Talk", "Another"), encoding="utf-8")
    code, _, err = run_cli("build", "-o", str(tmp_path / "c"))
    assert code == 0, err
    assert _titles(tmp_path / "c") == ["A Book", "Another"]


def test_a_damaged_record_is_a_miss_and_the_build_says_so(site_factory, run_cli, tmp_path):
    content = site_factory({"reading/2024.yaml": LOG})
    code, _, err = run_cli("build", "-o", str(tmp_path / "a"))
    assert code == 0, err
    path = content.parent / CACHE_DIR / GROUPS / "readings.bin"
    magic, key, (digest, stats, _) = decode(path, path.read_bytes())
    path.write_bytes(encode(path, magic, key, (digest, stats, dump_model(("not", "readings")))))
    code, _, err = run_cli("build", "-o", str(tmp_path / "b"))
    assert code == 0, err
    assert "damaged cache record" in err and "load-groups/readings.bin" in err
    assert _titles(tmp_path / "b") == ["A Book", "A Talk"]
    code, _, err = run_cli("build", "-o", str(tmp_path / "c"))
    assert code == 0 and "damaged" not in err
