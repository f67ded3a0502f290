"""A faster loop for Pygments' RegexLexer: the same tokens, fewer regex calls.

Stock ``RegexLexer.get_tokens_unprocessed`` tries a state's rules one Python call
at a time (Python's lexer has ~40 rules in its root state), and that is most of the
time of highlighting. ``StateScanner`` joins the rules that can start with the
character at hand (worked out from each rule's parsed regex) into one alternation.
The regex engine tries its branches in order, so the first rule that matches is the
rule the stock loop would pick, with the same match; tests/unit/test_highlight.py
compares both loops on real files. A lexer whose rules cannot be joined safely
(backreferences, conditionals, mixed flags) keeps the stock loop.

What it skips is only the regex calls of rules that cannot match at the character at
hand (a rule whose first characters are unknown is always tried). It reads Pygments'
internals (``_tokens``, the bound ``match`` of each rule, ``_TokenType``), so
``plnsite.speedups`` uses it only with the Pygments releases it is tested with, and
PLNSITE_STOCK=1 turns it off. Part of the highlighting home (``highlight.py``): nothing
else imports Pygments.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pygments.token import Error, Whitespace, _TokenType

try:  # Python ≥ 3.11
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["StateScanner"]

_UNSAFE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # numbered backreferences, conditionals
_GLOBAL_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_FLAG = {"a": re.A, "i": re.I, "L": re.L, "m": re.M, "s": re.S, "u": re.U, "x": re.X}
_ASCII = [chr(c) for c in range(128)]
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W",
    _sre.CATEGORY_LINEBREAK: r"\n", _sre.CATEGORY_NOT_LINEBREAK: r"[^\n]",
}


# ------------------------------------------------------------------ which characters a rule starts with


def first_chars(pattern: re.Pattern) -> frozenset[str] | None:
    """The ASCII characters a match of ``pattern`` can begin with; None for any (or unknown).

    A pattern that can match the empty string can match anywhere: None.
    """
    return _first_chars(pattern.pattern, pattern.flags)


@lru_cache(maxsize=4096)
def _first_chars(source: str, flags: int) -> frozenset[str] | None:
    try:
        parsed = _sre_parse.parse(source, flags)
        found, nullable = _sequence(list(parsed), flags)
    except Exception:  # noqa: BLE001 - anything unexpected: no shortcut for this rule
        return None
    return None if found is None or nullable else frozenset(found)


def _sequence(items, flags: int):
    out: set[str] = set()
    for op, av in items:
        found, nullable = _item(op, av, flags)
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _item(op, av, flags: int):
    if op is _sre.LITERAL:
        return _charset([(op, av)], flags), False
    if op is _sre.IN:
        return _charset(av, flags), False
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return set(), True  # zero-width: the next item decides
    if op is _sre.BRANCH:
        out, nullable = set(), False
        for branch in av[1]:
            found, empty = _sequence(list(branch), flags)
            if found is None:
                return None, False
            out |= found
            nullable = nullable or empty
        return out, nullable
    if op is _sre.SUBPATTERN:
        _group, add, remove, sub = av
        return _sequence(list(sub), (flags | add) & ~remove)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        low, _high, sub = av
        found, nullable = _sequence(list(sub), flags)
        return found, low == 0 or nullable
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence(list(av), flags)
    return None, False  # ANY, NOT_LITERAL, group references, ...: could be anything


def _charset(items, flags: int) -> set[str] | None:
    ignore_case = bool(flags & re.I)
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL:
            codes = [av]
        elif op is _sre.RANGE:
            low, high = av
            if ignore_case and high > 127:
                return None  # case folding can reach ASCII from outside it (K: the Kelvin sign)
            codes = range(low, min(high, 127) + 1)
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            matcher = re.compile(_CATEGORIES[av], flags & re.A).match
            out.update(c for c in _ASCII if matcher(c))
            continue
        else:
            return None  # NEGATE and the rest
        for code in codes:
            if code > 127:
                if ignore_case:
                    return None
                continue
            out.add(chr(code))
    if ignore_case:
        out |= {c.swapcase() for c in out}
    return out


# ------------------------------------------------------------------ the scanner


class _State:
    """One lexer state's rules, joined per first character on demand."""

    __slots__ = ("rules", "firsts", "flags", "by_char", "joined", "unjoined")

    def __init__(self, rules: list[tuple], firsts: list, flags: int) -> None:
        self.rules = rules  # (source, rexmatch, action, new_state, groups)
        self.firsts = firsts
        self.flags = flags
        self.by_char: dict[str, tuple] = {}
        self.joined: dict[tuple[int, ...], tuple] = {}
        self.unjoined: dict[str, tuple] = {}

    def for_char(self, char: str | None, join: bool = True) -> tuple:
        """(match or None, {group index: (rexmatch, action, new_state)}) for rules able to start
        with ``char`` (every rule for a non-ASCII character or the end of the text). Without
        ``join``, the match tries those rules one by one (nothing to compile)."""
        entry = (self.by_char if join else self.unjoined).get(char)
        if entry is None:
            if char is not None and char < "\x80":
                subset = tuple(i for i, f in enumerate(self.firsts) if f is None or char in f)
            else:
                subset = tuple(range(len(self.rules)))
            if not join:
                entry = self.unjoined[char] = self._one_by_one(subset)
                return entry
            entry = self.joined.get(subset)
            if entry is None:
                entry = self.joined[subset] = self._join(subset)
            self.by_char[char] = entry
        return entry

    def _groups(self, subset: tuple[int, ...]) -> tuple[list[str], dict]:
        """Each rule's source as a group of the joined regex, and what each group index means."""
        parts, groups, index = [], {}, 1
        for i in subset:
            source, rexmatch, action, new_state, count = self.rules[i]
            groups[index] = (rexmatch, action, new_state)
            parts.append(f"({source})")
            index += 1 + count
        return parts, groups

    def _join(self, subset: tuple[int, ...]) -> tuple:
        if not subset:
            return None, {}
        parts, groups = self._groups(subset)
        try:
            return re.compile("|".join(parts), self.flags).match, groups
        except re.error:  # the rules cannot share one regex: try them one by one, as Pygments does
            return self._one_by_one(subset)

    def _one_by_one(self, subset: tuple[int, ...]) -> tuple:
        if not subset:
            return None, {}
        _, groups = self._groups(subset)
        return _OneByOne([(n, groups[n][0]) for n in groups]).match, groups


class _OneByOne:
    """The rules' own matches, tried in order; the result names its rule like a joined match."""

    __slots__ = ("rules",)

    def __init__(self, rules: list[tuple[int, object]]) -> None:
        self.rules = rules

    def match(self, text: str, pos: int):
        for index, rexmatch in self.rules:
            m = rexmatch(text, pos)
            if m is not None:
                return _Found(index, m.end())
        return None


class _Found:
    __slots__ = ("lastindex", "_end")

    def __init__(self, lastindex: int, end: int) -> None:
        self.lastindex, self._end = lastindex, end

    def end(self) -> int:
        return self._end


# Compiling the joined regexes costs ~70 ms for Python's lexer (each worker process pays it
# again), worth it only over a great deal of code: until a lexer class has read this many
# characters in this process, its rules are tried one by one, as Pygments does, but still only
# those able to start with the character at hand. Measured (one process, 2,000-character
# fences): joining lost up to 1,000,000 characters of Python or JavaScript (0.66 against 0.57 s;
# 0.89 against 0.90) and won by 2–9% at 4,000,000; a 1,000-note build lost ~0.25 s per worker.
JOIN_AFTER_CHARS = 2_000_000


class StateScanner:
    def __init__(self) -> None:
        self.states: dict[str, _State] = {}
        self.read = 0  # characters lexed so far

    @classmethod
    @lru_cache(maxsize=64)
    def of(cls, lexer_class) -> StateScanner | None:
        """A scanner for a RegexLexer class (after its first instance), or None; one per class,
        shared by the lexers of its aliases (``py``, ``python``), with the regexes it joined."""
        scanner = cls()
        for name, rules in lexer_class._tokens.items():
            state = _prepare(rules)
            if state is None:
                return None  # a rule the alternation cannot express: keep the stock loop
            scanner.states[name] = state
        return scanner

    def tokens(self, lexer, text, stack=("root",)):
        """``RegexLexer.get_tokens_unprocessed``, one regex call per token."""
        pos, size = 0, len(text)
        join = self.read >= JOIN_AFTER_CHARS
        self.read += size
        states = self.states
        statestack = list(stack)
        state = states[statestack[-1]]
        while True:
            match, groups = state.for_char(text[pos] if pos < size else None, join)
            m = match(text, pos) if match is not None else None
            if m is not None:
                rexmatch, action, new_state = groups[m.lastindex]
                end = m.end()
                if action is not None:
                    if type(action) is _TokenType:
                        yield pos, action, text[pos:end]
                    else:
                        yield from action(lexer, rexmatch(text, pos))
                pos = end
                if new_state is not None:
                    if isinstance(new_state, tuple):
                        for name in new_state:
                            if name == "#pop":
                                if len(statestack) > 1:
                                    statestack.pop()
                            elif name == "#push":
                                statestack.append(statestack[-1])
                            else:
                                statestack.append(name)
                    elif isinstance(new_state, int):
                        if abs(new_state) >= len(statestack):
                            del statestack[1:]
                        else:
                            del statestack[new_state:]
                    elif new_state == "#push":
                        statestack.append(statestack[-1])
                    state = states[statestack[-1]]
                continue
            if pos >= size:
                break
            if text[pos] == "\n":  # at the end of a line with no rule matching: back to root
                statestack = ["root"]
                state = states["root"]
                yield pos, Whitespace, "\n"
            else:
                yield pos, Error, text[pos]
            pos += 1


def _prepare(rules) -> _State | None:
    prepared, firsts, flags = [], [], None
    for rexmatch, action, new_state in rules:
        pattern = getattr(rexmatch, "__self__", None)
        if not isinstance(pattern, re.Pattern) or _UNSAFE.search(pattern.pattern):
            return None
        source, own = pattern.pattern, pattern.flags
        leading = _GLOBAL_FLAGS.match(source)
        if leading is not None:  # "(?i)…" applies to this rule only: "(?i:…)"
            letters = leading.group(1)
            tail = "\n" if "x" in letters else ""  # a verbose comment must not hide the ")"
            source = f"(?{letters}:{source[leading.end():]}{tail})"
            for letter in letters:
                own &= ~_FLAG[letter]
        if source:
            if flags is None:
                flags = own
            elif own != flags:
                return None
        prepared.append((source, rexmatch, action, new_state, pattern.groups))
        firsts.append(first_chars(pattern))
    return _State(prepared, firsts, flags or 0)
