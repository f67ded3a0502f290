#!/usr/bin/env python3
"""Deterministic benchmark corpus for plnsite, with equivalent Hugo and Pelican sites.

    python benchmarks/corpus.py --notes N --out DIR [--formats plnsite,hugo,pelican]
                                [--seed S] [--generator PATH] [--stats]

writes DIR/<format>-<N>/ for each format.

The notes come from the shared peer benchmark's generator
(``shared/bench/gen_corpus.py``, found beside this repository or named with
``--generator``/``$PLNSITE_BENCH_GENERATOR``): it is run once per format with
the same ``--notes``/``--seed``, so every tool gets the very same notes (titles,
dates, tags, summaries, bodies) that the peer figures in shared/bench/RESULTS.md
were measured on.  On top of that generator output this module adds,
deterministically:

* links between notes: ~40% of notes end with a "Related" paragraph linking
  1-3 *earlier* notes (half of them a few "hub" notes, so some pages have
  hundreds of backlinks).  plnsite gets wikilinks (``[[slug]]``,
  ``[[slug|text]]``); Hugo and Pelican get the same paragraph with plain
  Markdown links to the same pages, with the text plnsite shows;
* (plnsite only) reading logs: ``reading/<year>.yaml`` with ~N/10 entries
  (finished 70%, want 17%, reading 8%, abandoned 5%; 40% recommended ``via``
  a contact, half with a short note, some of those with wikilinks) and
  ~N/200 ``reading/*.md`` reviews that get pages of their own;
* (plnsite only) contact lists: ``contacts/<list>.yaml``, ~N/50 people in 4
  lists, 85% with a feed (the OPML blogroll), some with handles, private
  e-mail addresses, and ~5% ``visibility: private``;
* (plnsite only) ``site.yaml`` with a sub-path ``base_url``
  (``https://example.org/bench/``), ``paginate: 20`` and a 20-item feed, and
  two standalone pages.

Because links only point at earlier notes, and every addition is drawn from
a random generator seeded by (seed, what, index), the N=1000 corpus is
exactly the first 1000 notes of the N=10000 corpus, links included.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SEED = 20240601  # the shared generator's default
FORMATS = ("plnsite", "hugo", "pelican")
BASE_URL = "https://example.org/bench/"
SITE_TITLE = "Bench Portfolio"


def find_generator(explicit: str | None = None) -> Path:
    """The shared generator: --generator, $PLNSITE_BENCH_GENERATOR, or ../shared/bench/ beside the repo."""
    candidates = [explicit, os.environ.get("PLNSITE_BENCH_GENERATOR")]
    candidates += [str(HERE.parent.parent / "shared" / "bench" / "gen_corpus.py"),
                   str(HERE.parent / "shared" / "bench" / "gen_corpus.py")]
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    sys.exit("corpus.py: cannot find shared/bench/gen_corpus.py; pass --generator PATH")


# ---------------------------------------------------------------------------
# reading the generator's output back
# ---------------------------------------------------------------------------

@dataclass
class NoteInfo:
    index: int
    slug: str
    title: str
    tags: list[str]
    year: int


_INDEX = re.compile(r"-(\d{5})$")


def read_plnsite_notes(content: Path) -> list[NoteInfo]:
    """Slug, title, tags and year of every note the generator wrote, in generation order."""
    notes = []
    for path in (content / "notes").glob("*.md"):
        slug = path.stem
        meta = {}
        with path.open(encoding="utf-8") as fh:
            assert fh.readline() == "---\n", path
            for line in fh:
                if line == "---\n":
                    break
                key, _, value = line.partition(": ")
                meta[key] = value.strip()
        tags = [t.strip() for t in meta["tags"].strip("[]").split(",") if t.strip()]
        notes.append(NoteInfo(int(_INDEX.search(slug).group(1)), slug, json.loads(meta["title"]),
                              tags, int(meta["date"][:4])))
    notes.sort(key=lambda n: n.index)
    assert [n.index for n in notes] == list(range(len(notes))), "unexpected note names"
    return notes


def _rng(seed: int, what: str, index: int = 0) -> random.Random:
    # A str seed is hashed with SHA-512 by random.seed(): stable across runs and Python versions.
    return random.Random(f"{seed}:{what}:{index}")


# ---------------------------------------------------------------------------
# links between notes
# ---------------------------------------------------------------------------

HUB_EVERY = 50  # notes 0, 50, 100, ... are "hubs" that many later notes link to


def note_links(notes: list[NoteInfo], seed: int) -> dict[int, list[tuple[int, str | None]]]:
    """note index -> [(target index, shown text or None)]: links to earlier notes only."""
    links: dict[int, list[tuple[int, str | None]]] = {}
    for note in notes[1:]:
        rng = _rng(seed, "links", note.index)
        if rng.random() >= 0.4:
            continue
        targets: list[int] = []
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            if rng.random() < 0.5:
                t = rng.randrange(0, note.index, HUB_EVERY)
            else:
                t = rng.randrange(note.index)
            if t not in targets:
                targets.append(t)
        links[note.index] = [(t, "this note" if rng.random() < 0.2 else None) for t in targets]
    return links


def related_paragraph(targets, notes: list[NoteInfo], fmt: str) -> str:
    parts = []
    for t, shown in targets:
        target = notes[t]
        if fmt == "plnsite":
            parts.append(f"[[{target.slug}|{shown}]]" if shown else f"[[{target.slug}]]")
        else:  # the text plnsite shows for [[slug]] is the title
            url = f"/posts/{target.slug}/" if fmt == "hugo" else f"/{target.slug}.html"
            parts.append(f"[{shown or target.title}]({url})")
    return "\nRelated: " + ", ".join(parts) + ".\n"


def add_links(root: Path, fmt: str, notes: list[NoteInfo], links) -> None:
    folder = {"plnsite": root / "content" / "notes", "hugo": root / "content" / "posts",
              "pelican": root / "content"}[fmt]
    for index, targets in links.items():
        with (folder / f"{notes[index].slug}.md").open("a", encoding="utf-8", newline="\n") as fh:
            fh.write(related_paragraph(targets, notes, fmt))


# ---------------------------------------------------------------------------
# plnsite extras: site.yaml, pages, contacts, reading logs
# ---------------------------------------------------------------------------

FIRST = """Ada Amara Ben Chen Dana Elif Farah Gabriel Hana Ibrahim Jonas Kai Lena Marco Nadia Omar
Priya Quinn Rosa Sami Tomas Uma Vera Wei Xavier Yara Zane Aiko Bruno Carmen Dmitri Esther""".split()
LAST = """Okafor Lindqvist Moreau Tanaka Haddad Kowalski Ferreira Nguyen Schultz Mensah Park Oduya
Raman Ortiz Liu Belanger Tran Whitfield Novak Costa Ibarra Petrov Adeyemi Fischer Silva Kaur""".split()
WORDS = """notes learning practice systems design data code teaching reading networks habits
open patterns tools craft theory models writing feedback memory attention teams research""".split()
TITLE_A = """Thinking Designing Learning Teaching Building Understanding Writing Reading Making
Measuring Practicing Debugging Sharing Connecting""".split()
TITLE_B = """Systems Habits Networks Programs Classrooms Proofs Algorithms Machines Communities
Experiments Notebooks Pipelines Gardens Interfaces""".split()
KINDS = (("book", 30), ("article", 35), ("paper", 15), ("video", 8), ("podcast", 5),
         ("course", 4), ("talk", 3))
STATUSES = (("finished", 70), ("want", 17), ("reading", 8), ("abandoned", 5))
LISTS = (("colleagues", "Colleagues", "People I work and learn with.", 30),
         ("experts", "Experts", "People whose writing I follow closely.", 35),
         ("classmates", "Classmates", "My cohort.", 20),
         ("community", "Community", "People from meetups, forums and open source.", 15))
ROLES = ("colleague", "expert", "classmate", "mentor", "community", "teacher", "author")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML for this text)."""
    return json.dumps(text, ensure_ascii=False)


def _sentence(rng: random.Random, lo: int = 6, hi: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _weighted(rng: random.Random, pairs) -> str:
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _tag_pool(notes: list[NoteInfo]) -> tuple[list[str], list[int]]:
    counts: dict[str, int] = {}
    for n in notes:
        for t in n.tags:
            counts[t] = counts.get(t, 0) + 1
    tags = sorted(counts, key=lambda t: (-counts[t], t))
    return tags, [counts[t] for t in tags]


def _pick_tags(rng: random.Random, pool, k_max: int = 3) -> list[str]:
    tags, weights = pool
    out: list[str] = []
    for _ in range(rng.randint(1, k_max)):
        t = rng.choices(tags, weights=weights)[0]
        if t not in out:
            out.append(t)
    return out


def _wikilink(rng: random.Random, notes: list[NoteInfo]) -> str:
    return f"[[{notes[rng.randrange(len(notes))].slug}]]"


@dataclass
class Person:
    list_id: str
    id: str
    text: str
    public: bool


def make_people(n_notes: int, notes: list[NoteInfo], seed: int, pool) -> list[Person]:
    count = max(4, round(n_notes / 50))
    people = []
    for i in range(count):
        rng = _rng(seed, "contact", i)
        list_id = _weighted(rng, [(lst[0], lst[3]) for lst in LISTS])
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        pid = re.sub(r"[^a-z0-9]+", "-", name.lower()) + f"-{i}"
        host = f"{pid}.example.net"
        public = rng.random() >= 0.05
        lines = [f"  - name: {q(name)}", f"    id: {pid}", f"    url: https://{host}/"]
        if rng.random() < 0.85:
            lines.append(f"    feed: https://{host}/{rng.choice(['feed.xml', 'rss', 'atom.xml', 'index.xml'])}")
        lines.append(f"    role: {rng.choice(ROLES)}")
        if rng.random() < 0.4:
            handle = pid.replace("-", "_")
            lines.append("    handles:")
            lines.append(f"      mastodon: \"https://social.example.org/@{handle}\"")
            lines.append(f"      github: {handle}")
        lines.append(f"    tags: [{', '.join(_pick_tags(rng, pool))}]")
        if rng.random() < 0.6:
            note = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
            if rng.random() < 0.2:
                note += f" See {_wikilink(rng, notes)}."
            lines.append(f"    note: {q(note)}")
        if rng.random() < 0.3:
            lines.append(f"    email: {pid}@example.net")
        if not public:
            lines.append("    visibility: private")
        people.append(Person(list_id, pid, "\n".join(lines), public))
    return people


def write_contacts(content: Path, people: list[Person]) -> None:
    folder = content / "contacts"
    folder.mkdir(parents=True, exist_ok=True)
    for list_id, title, description, _ in LISTS:
        members = [p for p in people if p.list_id == list_id]
        if not members:
            continue
        text = f"title: {title}\ndescription: {q(description)}\npeople:\n"
        text += "\n\n".join(p.text for p in members) + "\n"
        (folder / f"{list_id}.yaml").write_text(text, encoding="utf-8")


def _date(rng: random.Random, year: int) -> tuple[int, int, int]:
    return year, rng.randint(1, 12), rng.randint(1, 28)


def write_reading(content: Path, n_notes: int, notes: list[NoteInfo], people: list[Person],
                  seed: int, pool) -> dict:
    count = max(1, round(n_notes / 10))
    reviews = max(1, round(n_notes / 200))  # entries written as reading/*.md with a body
    public_ids = [p.id for p in people if p.public]
    by_year: dict[int, list[str]] = {}
    folder = content / "reading"
    folder.mkdir(parents=True, exist_ok=True)
    stats = {"entries": count, "reviews": reviews, "status": {}}
    for i in range(count):
        rng = _rng(seed, "reading", i)
        title = f"{rng.choice(TITLE_A)} {rng.choice(TITLE_B)}"
        if rng.random() < 0.5:
            title += f": {_sentence(rng, 2, 5)[:-1]}"
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") + f"-r{i:05d}"
        status = _weighted(rng, STATUSES)
        stats["status"][status] = stats["status"].get(status, 0) + 1
        year = rng.randint(2020, 2024)
        meta = [f"title: {q(title)}"]
        if rng.random() < 0.8:
            meta.append(f"author: {q(rng.choice(FIRST) + ' ' + rng.choice(LAST))}")
        else:
            names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(2, 3))]
            meta.append(f"authors: [{', '.join(q(n) for n in names)}]")
        meta.append(f"url: https://example.net/r/{slug}")
        meta.append(f"kind: {_weighted(rng, KINDS)}")
        meta.append(f"status: {status}")
        if status != "want":
            y, m, d = _date(rng, year)
            meta.append(f"started: {y:04d}-{m:02d}-{d:02d}")
            if status == "finished":
                meta.append(f"finished: {y:04d}-{m:02d}-{min(28, d + rng.randint(0, 20)):02d}")
                if rng.random() < 0.6:
                    meta.append(f"rating: {rng.choices([1, 2, 3, 4, 5], weights=[2, 5, 20, 40, 33])[0]}")
        meta.append(f"tags: [{', '.join(_pick_tags(rng, pool))}]")
        if public_ids and rng.random() < 0.4:
            meta.append(f"via: {rng.choice(public_ids)}")
        step = count // reviews
        is_review = i % step == 0 and i // step < reviews
        if is_review:
            paras = [" ".join(_sentence(rng, 8, 18) for _ in range(rng.randint(3, 6)))
                     for _ in range(rng.randint(2, 4))]
            paras.append(f"It connects to {_wikilink(rng, notes)} and {_wikilink(rng, notes)}.")
            (folder / f"{slug}.md").write_text("---\n" + "\n".join(meta) + "\n---\n\n"
                                               + "\n\n".join(paras) + "\n", encoding="utf-8")
            continue
        if rng.random() < 0.5:
            note = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
            if rng.random() < 0.3:
                note += f" Notes in {_wikilink(rng, notes)}."
            meta.append(f"notes: {q(note)}")
        by_year.setdefault(year, []).append("- " + "\n  ".join(meta))
    for year, entries in sorted(by_year.items()):
        (folder / f"{year}.yaml").write_text(f"# Reading log {year}\n" + "\n\n".join(entries) + "\n",
                                             encoding="utf-8")
    return stats


SITE_YAML = f"""# Benchmark site (benchmarks/corpus.py). Peers are configured for the same page sizes.
title: {q(SITE_TITLE)}
description: Synthetic learning portfolio for plnsite's benchmarks.
base_url: {BASE_URL}
author:
  name: Bench Author
  url: https://author.example.org/
language: en
timezone: UTC
paginate: 20
feed:
  limit: 20
  full_content: false
  include: [notes]
social:
  mastodon: "https://social.example.org/@bench"
  github: "https://github.com/bench"
"""

PAGES = {
    "about.md": "---\ntitle: About\n---\n\nThis portfolio is generated for benchmarks. "
                "Start with [[Now]] or the notes archive.\n",
    "now.md": "---\ntitle: Now\n---\n\nReading, writing and measuring build times.\n",
}


def add_plnsite_extras(root: Path, notes: list[NoteInfo], seed: int) -> dict:
    content = root / "content"
    (content / "site.yaml").write_text(SITE_YAML, encoding="utf-8")
    (content / "pages").mkdir(exist_ok=True)
    for name, text in PAGES.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    pool = _tag_pool(notes)
    people = make_people(len(notes), notes, seed, pool)
    write_contacts(content, people)
    reading = write_reading(content, len(notes), notes, people, seed, pool)
    return {"contacts": len(people), "contacts_private": sum(not p.public for p in people),
            "contacts_with_feed": sum("    feed: " in p.text for p in people), "reading": reading}


# ---------------------------------------------------------------------------
# driver
# ---------------------------------------------------------------------------

def generate(n: int, out: Path, formats=FORMATS, seed: int = DEFAULT_SEED,
             generator: str | None = None, python: str = sys.executable) -> dict:
    """Write out/<fmt>-<n>/ for each format; returns statistics about what was added."""
    gen = find_generator(generator)
    out.mkdir(parents=True, exist_ok=True)
    stats: dict = {"notes": n, "seed": seed, "generator": str(gen)}
    roots = {}
    for fmt in formats:
        root = out / f"{fmt}-{n}"
        subprocess.run([python, str(gen), "--notes", str(n), "--seed", str(seed),
                        "--out", str(root), "--format", fmt], check=True)
        roots[fmt] = root
    # Slugs and titles are the same in every format; read them from one of them.
    first = roots.get("plnsite")
    if first is None:  # read back a throwaway plnsite copy
        first = out / f".notes-{n}"
        subprocess.run([python, str(gen), "--notes", str(n), "--seed", str(seed),
                        "--out", str(first), "--format", "plnsite"], check=True)
    notes = read_plnsite_notes(first / "content")
    if "plnsite" not in roots:
        shutil.rmtree(first)
    links = note_links(notes, seed)
    stats["notes_with_links"] = len(links)
    stats["links"] = sum(len(v) for v in links.values())
    for fmt, root in roots.items():
        add_links(root, fmt, notes, links)
    if "plnsite" in roots:
        stats.update(add_plnsite_extras(roots["plnsite"], notes, seed))
    return stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--notes", type=int, required=True)
    ap.add_argument("--out", required=True, type=Path, help="writes OUT/<format>-<N>/ (replaced)")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated: plnsite,hugo,pelican")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--generator", help="path of shared/bench/gen_corpus.py")
    ap.add_argument("--stats", action="store_true", help="print what was added as JSON")
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    bad = set(formats) - set(FORMATS)
    if bad:
        ap.error(f"unknown format(s): {', '.join(sorted(bad))}")
    stats = generate(args.notes, args.out, formats, args.seed, args.generator)
    if args.stats:
        print(json.dumps(stats, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
