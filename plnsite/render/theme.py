"""Find a theme and make its Jinja environment. The home of jinja2 (with html.py).

Lookup: ``<site>/themes/<name>`` then the bundled ``<name>``, then bundled
``default``; templates overlay file by file (a site theme may hold one file).

The ``jinja`` speed-up (``_EscapeAsStrEnvironment``) skips the Markup object markupsafe's
``escape`` wraps each escaped expression in: the template joins its output into one
string anyway, so the escaped text alone gives the same bytes. It swaps a name in the
namespace of Jinja's compiled templates and calls markupsafe's inner escape, so
``plnsite.speedups`` uses it only with the Jinja and markupsafe releases it is tested with,
and PLNSITE_STOCK=1 turns it off.
"""

from __future__ import annotations

import difflib
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import jinja2
from jinja2.utils import object_type_repr
import markupsafe

from .. import speedups
from ..confine import escapes, outside_message
from ..errors import ConfigError, Level, Loc, Problem, Problems
from ..i18n import Words, load_words
from ..model import StaticFile
from ..paths import display_path, files_signature
from ..sources import read_source
from ..yamlio import YamlError, load_yaml
from . import precompiled

__all__ = ["THEME_STATIC_PREFIX", "Theme", "bundled_themes_dir", "close_name", "load_theme"]

THEME_STATIC_PREFIX = "theme/"


def bundled_themes_dir() -> Path:
    """``plnsite/_themes`` in an installed wheel, the repo's ``themes/`` in a checkout."""
    packaged = Path(str(resources.files("plnsite"))) / "_themes"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes"


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    dirs: tuple[Path, ...]  # most specific first
    env: jinja2.Environment
    static: tuple[StaticFile, ...]  # output paths under THEME_STATIC_PREFIX
    stylesheets: tuple[str, ...]  # site-relative URLs with a content hash for cache busting
    words: Words  # the theme's words in the site's language: ``t`` in templates
    problems: tuple[Problem, ...] = ()  # what is wrong in its catalogues (i18n/*.yaml)


def load_theme(name: str, site_root: Path, fingerprint: bool = True, fresh: bool = False,
               where: Loc | None = None, language: str = "en", strings: tuple = (),
               language_at: Loc | None = None) -> Theme:
    """The theme ``name``; ``fingerprint`` adds ``?v=<hash>`` to stylesheet links (builds do,
    the preview server does not, so a CSS edit changes no page); ``fresh`` rereads templates.
    ``where``: the place that names the theme (site.yaml's `theme:`), for the error if it is missing.
    ``language``, ``strings``: site.yaml's, for the words templates show (``language_at``: its line)."""
    bundled = bundled_themes_dir()
    known = ", ".join(sorted(d.name for d in bundled.iterdir() if (d / "templates").is_dir()))
    if not _folder_name(name):  # `theme: /` would make the whole disk a theme, `..` the site folder
        wrong = Problem(where, Level.ERROR, f"theme '{name}' is not a folder name: name a folder of themes/ beside "
                                            f"the content folder, or a bundled theme ({known})")
        raise ConfigError(wrong.message, [wrong])
    candidates = [site_root / "themes" / name, bundled / name, bundled / "default"]
    dirs = tuple(dict.fromkeys(d for d in candidates if _is_dir(d)))
    if not _is_dir(site_root / "themes" / name) and not _is_dir(bundled / name):
        missing = Problem(where, Level.ERROR, f"no theme named '{name}': no themes/{name}/ folder beside the content "
                                              f"folder, and the bundled themes are: {known}")
        raise ConfigError(missing.message, [missing])
    if fresh:
        _load.cache_clear()
    words, problems = load_words(dirs, language, strings, language_at)
    return _load(dirs, name, fingerprint, _signature(dirs), words, problems)


def _folder_name(name: str) -> bool:
    """One plain name of a folder: no path, no '.' or '..', short enough for the file system."""
    return bool(name.strip()) and name not in (".", "..") and not any(c in name for c in "/\\\0") \
        and len(name.encode("utf-8", "surrogatepass")) <= 255


def _is_dir(path: Path) -> bool:
    return os.path.isdir(path)  # False, not OSError, for a name the file system refuses


def _signature(dirs: tuple[Path, ...]) -> tuple:
    """Every theme file's name, size and mtime: a cached Theme is reused only while they hold."""
    return files_signature(path for folder in dirs for path in sorted(folder.rglob("*")))


# markupsafe's escaping of a plain str, without the Markup object ``escape`` wraps it in.
_escape_str = getattr(markupsafe, "_escape_inner", None) or (lambda text: str(markupsafe.escape(text)))


def _escape_output(value, _str=str, _escape=markupsafe.escape):
    """``markupsafe.escape`` for what a template writes out, as a plain str: the output is
    joined into one string, so the Markup object ``escape`` makes (a third of a page's
    escaping time) is never needed there."""
    if value.__class__ is _str:
        return _escape_str(value)
    return _escape(value)


def close_name(name: str, names) -> str | None:
    """The one of ``names`` that ``name`` is most likely a misspelling of, if any."""
    found = difflib.get_close_matches(name, sorted(n for n in names if isinstance(n, str)), n=1, cutoff=0.7)
    return found[0] if found else None


class _HintingUndefined(jinja2.StrictUndefined):
    """StrictUndefined whose error names the key a view most likely meant: views are plain
    dicts, so ``note.titel`` fails with "'dict object' has no attribute 'titel' (did you mean
    'title'?)"."""

    __slots__ = ()

    @property
    def _undefined_message(self) -> str:
        message = super()._undefined_message
        obj, name = self._undefined_obj, self._undefined_name
        if isinstance(obj, dict) and type(obj) is not dict:  # a view's own dict (NoteView) reads as the dict it is
            message = message.replace(object_type_repr(obj), object_type_repr({}), 1)
        if self._undefined_hint or not isinstance(obj, dict) or not isinstance(name, str):
            return message
        meant = close_name(name, obj.keys())
        return f"{message} (did you mean '{meant}'?)" if meant else message


class _ConfinedLoader(jinja2.FileSystemLoader):
    """A template that is a symbolic link out of its theme folder is an error, never read out.
    A bundled theme's template comes precompiled when that is what Jinja would compile (precompiled.py)."""

    def __init__(self, searchpath):
        super().__init__(searchpath)
        self.precompiled: set[str] = set()  # the templates loaded as precompiled code
        self._bundled = bundled_themes_dir()

    def load(self, environment, name, globals=None):
        # BaseLoader.load without a bytecode cache (plnsite sets none), and the precompiled code first.
        source, filename, uptodate = self.get_source(environment, name)
        code = precompiled.code_for(environment, name, filename, source, self._bundled)
        if code is None:
            code = environment.compile(source, name, filename)
        else:
            self.precompiled.add(name)
        return environment.template_class.from_code(environment, code, {} if globals is None else globals, uptodate)

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        templates = next(p for p in self.searchpath if filename.startswith(os.path.join(p, "")))
        real = escapes(filename, Path(templates).parent)
        if real is not None:
            raise jinja2.TemplateSyntaxError(outside_message(real, "the theme folder"), 1, template, filename)
        return source, filename, uptodate


class _EscapeAsStrTemplate(jinja2.Template):
    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        # The template's functions (root, blocks, macros) look "escape" up in this namespace:
        # its compiled code calls it only to write an expression out in autoescape mode.
        template.root_render_func.__globals__["escape"] = _escape_output
        return template


class _ViewEnvironment(jinja2.Environment):
    """Jinja, reading ``x.name`` on a plain dict (every view is one) as its key first.

    Stock Jinja tries the attribute first and the key only after a failed ``getattr``,
    which raises and catches an AttributeError for nearly every lookup in a page: half
    of a page's rendering time. Any other object, or a missing key, takes Jinja's path.
    This is the documented lookup order of plnsite's templates (a key named ``items``
    wins), with or without the speed-ups.
    """

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


class _EscapeAsStrEnvironment(_ViewEnvironment):
    """The ``jinja`` speed-up: templates write escaped expressions out as plain strings
    (``_escape_output``)."""

    template_class = _EscapeAsStrTemplate


def _environment_class() -> type[_ViewEnvironment]:
    return _EscapeAsStrEnvironment if speedups.enabled("jinja") else _ViewEnvironment


def _translate(words: Words):
    """The templates' ``t``: ``t("Notes")``, ``t("{n} notes", n=3)``, ``t("by {name}", name=x)``.
    A value that is HTML already (a ``{% set %}`` block, ``|safe``) goes in as it is, the
    translation around it escaped: ``t("Recommended by {who}", who=link)``."""

    def t(text: str, n: int | None = None, **values):
        if any(isinstance(v, markupsafe.Markup) for v in values.values()):
            pattern = markupsafe.escape(words.pattern(text, n))
            if n is not None:
                values["n"] = words.number(n)
            try:
                return pattern.format(**values)
            except (KeyError, IndexError, ValueError):  # a translation naming a placeholder the template has not
                return pattern
        return words(text, n, **values)

    return t


def _names(words: Words):
    """The templates' ``names``: a list of names in the site's language ("A, B, and C"), as
    HTML, each in a ``<span class="…">`` when a class is given (``p-author``)."""

    def names(items, css_class: str | None = None) -> markupsafe.Markup:
        shown = [markupsafe.escape(item) for item in items]
        if css_class:
            shown = [markupsafe.Markup('<span class="{}">{}</span>').format(css_class, item) for item in shown]
        return _joined(words, shown)

    return names


def _joined(words: Words, shown: list) -> markupsafe.Markup:
    """CLDR's list pattern, escaped, around HTML items: joined as placeholders, then filled."""
    marks = [f"\x00{i}\x00" for i in range(len(shown))]
    pattern = markupsafe.escape(words.names(marks))
    for mark, item in zip(marks, shown):
        pattern = markupsafe.Markup(str(pattern).replace(mark, str(item)))
    return markupsafe.Markup(pattern)


@lru_cache(maxsize=8)
def _load(dirs: tuple[Path, ...], name: str, fingerprint: bool, signature: tuple, words: Words,
          problems: tuple[Problem, ...]) -> Theme:
    env = _environment_class()(
        loader=_ConfinedLoader([str(d / "templates") for d in dirs]),
        autoescape=True,
        undefined=_HintingUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build never sees a template change; serve makes a new Theme
    )
    env.globals["t"] = _translate(words)
    env.globals["names"] = _names(words)
    static: dict[str, StaticFile] = {}
    for folder in reversed(dirs):  # the most specific theme wins
        root = folder / "static"
        for path in sorted(root.rglob("*")) if root.is_dir() else ():
            rel = path.relative_to(root).as_posix()
            if path.is_file() and not any(part.startswith((".", "_")) for part in rel.split("/")):
                real = escapes(path, folder)
                if real is not None:
                    refused = Problem(Loc(display_path(path)), Level.ERROR, outside_message(real, "the theme folder"))
                    raise ConfigError(str(refused), [refused])
                static[rel] = StaticFile(src=path, dest=THEME_STATIC_PREFIX + rel)
    sheets = []
    for rel in _stylesheets(dirs):
        file = static.get(rel)
        if file is not None and fingerprint:
            digest = hashlib.sha256(file.src.read_bytes()).hexdigest()[:10]
            sheets.append(f"{THEME_STATIC_PREFIX}{rel}?v={digest}")
        elif file is not None:
            sheets.append(f"{THEME_STATIC_PREFIX}{rel}")
    return Theme(name=name, dirs=dirs, env=env, static=tuple(static[k] for k in sorted(static)),
                 stylesheets=tuple(sheets), words=words, problems=problems)


def _stylesheets(dirs: tuple[Path, ...]) -> list[str]:
    for folder in dirs:
        meta = folder / "theme.yaml"
        if meta.is_file():
            problems = Problems()
            text = read_source(meta, display_path(meta), problems)
            try:
                data = load_yaml(text, display_path(meta)) if text is not None else None
            except YamlError as exc:
                problems.extend([exc.problem])
            if problems:
                found = problems.freeze()
                raise ConfigError(str(found[0]), found) from None
            if isinstance(data, dict) and data.get("stylesheets"):
                return [str(s) for s in data["stylesheets"]]
    return ["css/site.css"]
