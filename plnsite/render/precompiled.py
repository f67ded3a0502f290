"""The bundled themes' templates as Python code Jinja generated ahead of time: the ``templates`` speed-up.

Jinja turns each template into Python source (lex, parse, generate) and compiles that, in every
process that renders with it: ~0.15 s of CPU for the default theme, a fifth of a small site's
build. The package ``plnsite.render.compiled`` holds that Python source for every template of
every bundled theme, one module each, so Python's own bytecode cache (``__pycache__``, written by
pip at install) loads it instead: what is skipped is Jinja's lexer, parser and code generator.

Safe because the code is used only when it is the code Jinja would generate now:

- the template is a bundled theme's own file (a site's ``themes/<name>/`` overriding it is
  compiled from its source as ever: the loader finds the site's file first);
- the template's source has the SHA-256 recorded when the code was generated (an edited theme
  file without a regenerated package is compiled from its source);
- the running Jinja is the release that generated the code, and the environment's options that
  shape generated code (delimiters, whitespace control, autoescaping, extensions, the filters and
  tests and how they are called…) are the ones recorded (``options_key``).

Anything else compiles the source, as Jinja does; so does ``PLNSITE_STOCK=1`` (speedups.py). The
code objects are Jinja's own, given the template's file name, so error lines map as before.

Regenerate after editing a bundled template or upgrading Jinja (a test fails until then)::

    python -m plnsite.render.precompile          # writes plnsite/render/compiled/
    python -m plnsite.render.precompile --check  # exit 1 if it is stale
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import re
import sys
from functools import lru_cache
from pathlib import Path
from types import CodeType

from .. import speedups

__all__ = ["COMPILED_DIR", "COMPILED_PACKAGE", "code_for", "jinja_version", "module_name", "options_key", "source_digest"]

COMPILED_PACKAGE = "plnsite.render.compiled"
COMPILED_DIR = Path(__file__).resolve().parent / "compiled"


def source_digest(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()


def options_key(env) -> str | None:
    """A digest of what, besides a template's source and Jinja's release, decides the code Jinja
    generates for it; None when that depends on the template (a callable ``autoescape``)."""
    if not isinstance(env.autoescape, bool):
        return None

    def calling(functions) -> list:  # a filter or test taking the context is called differently
        return sorted((name, str(getattr(f, "jinja_pass_arg", None))) for name, f in functions.items())

    generator = env.code_generator_class
    shown = repr((
        env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
        env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
        env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
        env.autoescape, env.is_async, env.sandboxed, sorted(env.extensions),
        sorted(getattr(env, "intercepted_binops", ())), sorted(getattr(env, "intercepted_unops", ())),
        str(getattr(env.finalize, "jinja_pass_arg", None)) if env.finalize else None,
        calling(env.filters), calling(env.tests), f"{generator.__module__}.{generator.__qualname__}",
    ))
    return hashlib.sha256(shown.encode("utf-8")).hexdigest()


def code_for(env, name: str, filename: str, source: str, bundled: Path) -> CodeType | None:
    """The precompiled code of template ``name`` read from ``filename`` (with ``source``), when it
    is a template of a bundled theme (under ``bundled``) and exactly what Jinja would compile now;
    else None."""
    if speedups.stock_requested():
        return None
    try:
        theme, folder, *rest = Path(filename).relative_to(bundled).parts
    except ValueError:  # not a bundled theme's file: a site's theme overriding it, or its own
        return None
    if folder != "templates" or "/".join(rest) != name:
        return None
    manifest = _manifest()
    entry = manifest.TEMPLATES.get(f"{theme}/{name}") if manifest else None
    if entry is None or manifest.JINJA != jinja_version() or entry[1] != source_digest(source):
        return None
    if options_key(env) != manifest.OPTIONS:
        return None
    code = _module_code(entry[0])
    return _renamed(code, filename) if code is not None else None


def jinja_version() -> str:
    """The running Jinja's release."""
    return sys.modules["jinja2"].__version__  # imported by theme.py, the home of Jinja


@lru_cache(maxsize=1)
def _manifest():
    try:
        return importlib.import_module(COMPILED_PACKAGE)
    except ImportError:  # not generated
        return None


@lru_cache(maxsize=None)
def _module_code(module: str) -> CodeType | None:
    """The module's code object, from Python's bytecode cache when it is current; not run."""
    spec = importlib.util.find_spec(f"{COMPILED_PACKAGE}.{module}")
    if spec is None or spec.loader is None:
        return None
    return spec.loader.get_code(spec.name)


def _renamed(code: CodeType, filename: str) -> CodeType:
    """``code`` as if compiled from ``filename``, as Jinja compiles it: tracebacks name the template."""
    consts = tuple(_renamed(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)


def module_name(key: str) -> str:
    """The module of ``theme/template``'s code in the compiled package."""
    return "t_" + re.sub(r"[^0-9A-Za-z]", "_", key)
