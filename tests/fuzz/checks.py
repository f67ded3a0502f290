"""The invariants every fuzzed build must keep, as a list of ``Failure``s (empty: all kept).

- exit status 0 or 1, no exception escaping ``cli.main``, no hang, no "Traceback" printed;
  at most 5 s of CPU time and 1 GB more peak memory (a hundred times what the seed site takes);
- every line on stderr is a problem, ``path[:line]: error|warning: message``, or the closing
  ``build failed: …`` line; exit 1 comes with an error line, exit 0 with none; no control
  character in a message; no Python warning reaches the user;
- the build changes nothing in ``content/``;
- on exit 0: every page, feed and list is UTF-8 without control characters (files copied as
  they are excepted); RSS and Atom feeds parse (feedparser), the OPML does (listparser), the
  sitemap and JSON Feed do; no email address of the seed and no draft reaches any file;
- a build after cache damage or edits equals a ``--no-cache`` build of the same content: the
  same exit status, the same problems, the same files byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import traceback
import xml.sax
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import listparser

from .edits import Case
from .harness import BUILD_SECONDS, Build, Run, run_case
from .seed import DRAFT, DRAFT_TAG, EMAIL
from .yamltext import CONTROLS

__all__ = ["Failure", "check_build", "check_case", "check_outputs", "check_run", "check_stderr"]

PROBLEM_LINE = re.compile(r"(?!(?:error|warning): )(?P<where>\S.*?): (?P<level>error|warning): \S.*")
# A problem of a command-line option has no file to name (`--base-url /`).
OPTION_LINE = re.compile(r"(?P<level>error|warning): \S.*")
CLOSING_LINE = re.compile(r"build failed: \S.*")
CONTROL = re.compile(f"[{re.escape(CONTROLS)}]")
# What a terminal acts on: C0 controls but TAB, DEL, C1 controls, the Unicode line separators.
TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")
TEXT_SUFFIXES = {".html", ".xml", ".json", ".opml", ".txt", ""}
# A build of the seed site takes about 0.05 s of CPU time and a few MB: a hundred times that
# is a bug (CPU time, not the clock, so that a busy machine does not make it fail).
SLOW_CPU = 5.0
MEMORY = 1 << 30


@dataclass(frozen=True)
class Failure:
    """An invariant broken. ``kind`` and ``where`` make its signature: failures with the same
    signature are taken for one bug (the long run counts and shrinks each signature once)."""

    kind: str  # traceback, hang, slow, memory, exit status, message, python warning, content changed, output, cache
    where: str
    evidence: str = ""

    @property
    def signature(self) -> str:
        return f"{self.kind}: {self.where}"


def _where(error: BaseException) -> str:
    """``TypeError in plnsite/load/notes.py:_date (via feedgen/entry.py)``: the exception's type,
    the innermost plnsite frame, and the library frame below it, if any."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames
            if f"{os.sep}plnsite{os.sep}" in f.filename and f"{os.sep}tests{os.sep}" not in f.filename]
    text = type(error).__name__
    if ours:
        mine = ours[-1]
        text += f" in plnsite/{mine.filename.rpartition(os.sep + 'plnsite' + os.sep)[2]}:{mine.name}"
        if frames[-1] is not mine:
            library = Path(frames[-1].filename)
            text += f" (via {library.parent.name}/{library.name})"
    if isinstance(error, OSError) and error.errno is not None:
        text += f" [errno {error.errno}]"
    return text


def _lines(text: str) -> list[str]:
    # Lines as a terminal shows them: str.splitlines() would also break at NEL, FS, GS, RS…,
    # characters that are findings of their own when a message holds them.
    return text.rstrip("\n").split("\n") if text else []


def _level(line: str) -> str | None:
    found = PROBLEM_LINE.fullmatch(line) or OPTION_LINE.fullmatch(line)
    return found["level"] if found else None


def check_stderr(result: Build) -> list[Failure]:
    failures = []
    lines = _lines(result.err)
    options = "--base-url" in result.argv
    for index, line in enumerate(lines):
        if not (PROBLEM_LINE.fullmatch(line) or CLOSING_LINE.fullmatch(line)
                or (options and OPTION_LINE.fullmatch(line))):
            what = "a message of several lines" if index and _level(lines[index - 1]) else \
                "a line that is not `path[:line]: error|warning: message`"
            failures.append(Failure("message", what, "\n".join(lines[max(0, index - 1): index + 1])))
            break
    for line in lines:
        if TERMINAL_CONTROL.search(line):
            failures.append(Failure("message", "a control character in a message", repr(line)))
            break
    if "Traceback" in result.err or "Traceback" in result.out:
        failures.append(Failure("traceback", "printed", result.err[-2000:]))
    errors = [line for line in lines if _level(line) == "error"]
    if result.code == 1 and not errors:
        failures.append(Failure("exit status", "1 without an error line", result.err[-2000:]))
    if result.code == 0 and errors:
        failures.append(Failure("exit status", "0 with an error line", errors[0]))
    return failures


def check_build(result: Build) -> list[Failure]:
    """What every build must keep, whatever its input."""
    if result.error is not None:
        kind = "hang" if result.hang else "traceback"
        return [Failure(kind, _where(result.error), result.trace)]
    failures = []
    if result.code not in (0, 1):
        failures.append(Failure("exit status", str(result.code), result.err[-2000:]))
    failures += check_stderr(result)
    if result.warned:
        failures.append(Failure("python warning", result.warned[0].split(" (")[0][:80], "\n".join(result.warned)))
    if result.touched:
        failures.append(Failure("content changed", "the build changed content/", "\n".join(result.touched)))
    if result.cpu > SLOW_CPU:
        failures.append(Failure("slow", f"over {SLOW_CPU:g} s of CPU time", f"{result.cpu:.1f} s"))
    if result.grew > MEMORY:
        failures.append(Failure("memory", f"the peak memory grew by over {MEMORY >> 20} MB",
                                f"{result.grew >> 20} MB"))
    return failures


def _digests(folder: Path) -> set[str]:
    found = set()
    for dirpath, _, files in os.walk(folder):
        for name in files:
            try:
                found.add(hashlib.sha256(Path(dirpath, name).read_bytes()).hexdigest())
            except OSError:
                pass
    return found


def _files(folder: Path) -> dict[str, bytes]:
    found = {}
    for dirpath, _, files in os.walk(folder):
        for name in files:
            path = Path(dirpath, name)
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def check_outputs(output: Path, content: Path, case: Case | None = None) -> list[Failure]:
    """The files of a successful build (``output``) of ``content``."""
    failures: list[Failure] = []
    copied = _digests(content)
    files = _files(output)
    for rel, data in sorted(files.items()):
        if EMAIL.encode() in data:
            failures.append(Failure("output", "an email address published", rel))
        if case is not None and not case.flags.drafts and not case.touches(DRAFT) and DRAFT_TAG.encode() in data:
            failures.append(Failure("output", "a draft published", rel))
        suffix = Path(rel).suffix.lower()
        if rel.startswith("theme/") or suffix not in TEXT_SUFFIXES or hashlib.sha256(data).hexdigest() in copied:
            continue  # a file copied as it is: the user's bytes, or the theme's
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            failures.append(Failure("output", f"{suffix or 'a file'} not UTF-8", f"{rel}: {exc}"))
            continue
        found = CONTROL.search(text)
        if found:
            snippet = text[max(0, found.start() - 40): found.end() + 40]
            failures.append(Failure("output", f"a control character in {suffix or 'a file'}", f"{rel}: {snippet!r}"))
        failures += _parses(rel, data)
    return failures


def _parses(rel: str, data: bytes) -> list[Failure]:
    name = rel.rsplit("/", 1)[-1]
    if name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse(data)
        if parsed.bozo and isinstance(parsed.bozo_exception, xml.sax.SAXException):
            return [Failure("output", f"{name} does not parse", f"{rel}: {parsed.bozo_exception}")]
    elif name.endswith(".opml"):
        parsed = listparser.parse(data)
        if parsed.bozo:
            return [Failure("output", "the OPML does not parse", f"{rel}: {parsed.bozo_exception}")]
    elif name == "sitemap.xml":
        try:
            ElementTree.fromstring(data)
        except ElementTree.ParseError as exc:
            return [Failure("output", "sitemap.xml does not parse", f"{rel}: {exc}")]
    elif name == "feed.json":
        try:
            feed = json.loads(data)
            assert feed["version"].startswith("https://jsonfeed.org/version/") and isinstance(feed["items"], list)
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            return [Failure("output", "feed.json is no JSON Feed", f"{rel}: {exc!r}")]
    return []


def _problems(result: Build) -> list[str]:
    """The problem lines, but those about the cache itself (a damaged record is worth a word)."""
    return sorted(line for line in _lines(result.err)
                  if PROBLEM_LINE.fullmatch(line) and ".plnsite-cache" not in line)


def check_case(case: Case, root: Path, seconds: float = BUILD_SECONDS) -> tuple[Run, list[Failure]]:
    """Build ``case`` under ``root`` (an empty folder) and check every invariant."""
    def outputs(result: Build) -> list[Failure]:
        if result.error is not None or result.code != 0:
            return []
        return check_outputs(result.output, root / "content", case)

    run = run_case(case, root, seconds, inspect=outputs)
    return run, check_run(run, case)


def check_run(run: Run, case: Case) -> list[Failure]:
    """Every invariant for a case's builds. A failure of the build after cache damage (or after
    edits) that a ``--no-cache`` build of the same content does not share is put down to the
    cache: its signature says so."""
    found = [_check(result, run, case) for result in run.builds]
    if len(run.builds) < 3:
        return found[0]
    first, cached, fresh = found
    cause = "after cache damage" if case.cache else "after edits, from the cache"
    shared = {f.signature for f in fresh}
    failures = first + [f if f.signature in shared else replace(f, where=f"{cause}: {f.where}") for f in cached] + fresh
    if not failures:
        failures = _compare(run.builds[1], run.builds[2], cause)
    return failures


def _check(result: Build, run: Run, case: Case) -> list[Failure]:
    found = check_build(result)
    if not found and result.code == 0:
        found = list(result.inspected) if result.inspected is not None else \
            check_outputs(result.output, run.root / "content", case)
    return found


def _compare(cached: Build, fresh: Build, cause: str) -> list[Failure]:
    """A build with the cache against a ``--no-cache`` build of the same content."""
    if cached.code != fresh.code:
        return [Failure("cache", f"{cause}: the exit status differs from a --no-cache build",
                        f"cached {cached.code}, --no-cache {fresh.code}\n{cached.err}")]
    if _problems(cached) != _problems(fresh):
        extra = sorted(set(_problems(cached)) ^ set(_problems(fresh)))
        return [Failure("cache", f"{cause}: the problems differ from a --no-cache build", "\n".join(extra))]
    if cached.code == 0:
        ours, theirs = _files(cached.output), _files(fresh.output)
        differ = sorted(p for p in ours.keys() | theirs.keys() if ours.get(p) != theirs.get(p))
        if differ:
            return [Failure("cache", f"{cause}: the files differ from a --no-cache build", "\n".join(differ))]
    return []
