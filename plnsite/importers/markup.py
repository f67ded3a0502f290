"""Jekyll's Liquid and Hugo's shortcodes → plain Markdown, where the meaning is clear.

Converted: Liquid ``{% highlight x %}…{% endhighlight %}`` and Hugo ``{{< highlight x >}}``
→ fenced code; ``{% raw %}``/``{% endraw %}`` dropped (what is between is kept as written);
``{% comment %}`` → an HTML comment; ``{{ site.baseurl }}``/``{{ site.url }}`` dropped and
``{{ "/x" | relative_url }}`` → ``/x`` (root-relative links are the site root in plnsite);
``{% post_url %}``, ``{% link %}`` and Hugo ``ref``/``relref`` → a relative link to the
imported note; Hugo ``{{< figure >}}`` → a Markdown image; ``{{</* x */>}}`` → ``{{< x >}}``.
Anything else is kept verbatim and reported as ``(line, message)`` so the importer can
print ``path:line: warning`` lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["convert_liquid", "convert_shortcodes"]

Link = Callable[[str], "str | None"]  # a post's name as the source writes it → relative .md path
Warnings = list[tuple[int, str]]

_LIQUID = re.compile(r"\{%-?\s*(?P<tag>[A-Za-z_]\w*)(?P<args>.*?)-?%\}|\{\{-?(?P<out>.*?)-?\}\}", re.DOTALL)
_SITE_URL = re.compile(r"^\s*site\.(?:baseurl|url)\s*$")
_URL_FILTER = re.compile(r"""^\s*(['"])(?P<path>[^'"]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*$""")
_SHORTCODE = re.compile(r"\{\{(?:<(?P<a>.*?)>|%(?P<b>.*?)%)\}\}", re.DOTALL)
_PARAM = re.compile(r"""(?:(?P<key>[\w-]+)\s*=\s*)?(?:"(?P<dq>(?:[^"\\]|\\.)*)"|`(?P<bq>[^`]*)`|(?P<bare>[^\s"`]+))""")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "…"


def _fence(lang: str, code: str) -> str:
    code = code[1:] if code.startswith("\n") else code
    code = code.rstrip()
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{lang}\n{code}\n{fence}"


class _Out:
    """Converted text, plus what a ``{% highlight %}``/``{% comment %}`` block has collected."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.block: list[str] | None = None

    def add(self, text: str) -> None:
        (self.block if self.block is not None else self.parts).append(text)

    def at_line_start(self) -> None:
        tail = "".join(self.parts[-2:])
        if tail and not tail.endswith("\n"):
            self.parts.append("\n")

    def text(self) -> str:
        return "".join(self.parts)


def convert_liquid(body: str, first_line: int, link: Link) -> tuple[str, Warnings]:
    """``body`` (which starts on file line ``first_line``) without the Liquid it can convert."""
    out, warnings = _Out(), []
    raw = False
    block: tuple[str, str, int] | None = None  # (kind, language, line) of an open block
    pos = 0
    for match in _LIQUID.finditer(body):
        out.add(body[pos:match.start()])
        pos = match.end()
        line = first_line + body.count("\n", 0, match.start())
        tag, args = match["tag"], (match["args"] or "").strip()
        if raw:
            if tag == "endraw":
                raw = False
            else:
                out.add(match[0])
        elif tag == "raw":
            raw = True
        elif block is not None:
            if tag == f"end{block[0]}":
                collected = "".join(out.block)
                out.block = None
                if block[0] == "highlight":
                    out.at_line_start()
                    out.add(_fence(block[1], collected))
                else:
                    out.add(f"<!--{collected}-->")
                block = None
            else:
                out.add(match[0])
        elif tag in ("highlight", "comment"):
            block = (tag, (args.split() or [""])[0] if tag == "highlight" else "", line)
            out.block = []
        elif tag in ("post_url", "link"):
            target = link(args)
            out.add(target if target is not None else match[0])
            if target is None:
                warnings.append((line, f"'{_short(match[0])}' names no imported post: kept as it is"))
        elif match["out"] is not None and _SITE_URL.match(match["out"]):
            pass  # {{ site.baseurl }}/x → /x, which plnsite puts under the site's base_url
        elif match["out"] is not None and (found := _URL_FILTER.match(match["out"])):
            out.add(found["path"])
        else:
            out.add(match[0])
            kind = "Liquid output" if match["out"] is not None else "Liquid tag"
            warnings.append((line, f"{kind} '{_short(match[0])}' kept as it is (plnsite does not run Liquid)"))
    out.add(body[pos:])
    if block is not None:  # never closed: give back what was taken, as it was
        collected = "".join(out.block)
        out.block = None
        opening = "{% highlight " + block[1] + " %}" if block[0] == "highlight" else "{% comment %}"
        out.add(opening + collected)
        warnings.append((block[2], f"'{{% {block[0]} %}}' has no '{{% end{block[0]} %}}': kept as it is"))
    return out.text(), warnings


def convert_shortcodes(body: str, first_line: int, link: Link) -> tuple[str, Warnings]:
    """``body`` without the Hugo shortcodes it can convert (``figure``, ``highlight``, ``ref``)."""
    out, warnings = _Out(), []
    block: tuple[str, int] | None = None  # (language, line) of an open highlight
    pos = 0
    for match in _SHORTCODE.finditer(body):
        out.add(body[pos:match.start()])
        pos = match.end()
        line = first_line + body.count("\n", 0, match.start())
        delim = "<" if match["a"] is not None else "%"
        inner = (match["a"] if match["a"] is not None else match["b"]).strip()
        close = ">" if delim == "<" else "%"
        if inner.startswith("/*") and inner.endswith("*/"):  # {{</* x */>}} shows a shortcode as text
            out.add("{{" + delim + " " + inner[2:-2].strip() + " " + close + "}}")
            continue
        closing = inner.startswith("/")
        words = inner.lstrip("/").rstrip("/").split(None, 1)
        name = words[0] if words else ""
        args = _params(words[1] if len(words) > 1 else "")
        if block is not None:
            if closing and name == "highlight":
                collected = "".join(out.block)
                out.block = None
                out.at_line_start()
                out.add(_fence(block[0], collected))
                block = None
            else:
                out.add(match[0])
        elif name == "highlight" and not closing:
            block = (args.get(0, ""), line)
            out.block = []
        elif name == "figure" and not closing and args.get("src"):
            out.add(_figure(args))
        elif name in ("ref", "relref") and not closing:
            target = link(args.get(0, ""))
            out.add(target if target is not None else match[0])
            if target is None:
                warnings.append((line, f"'{_short(match[0])}' names no imported post: kept as it is"))
        else:
            out.add(match[0])
            if not closing:
                warnings.append((line, f"shortcode '{_short(match[0])}' kept as it is (plnsite has no shortcodes)"))
    out.add(body[pos:])
    if block is not None:
        collected = "".join(out.block)
        out.block = None
        out.add("{{< highlight " + block[0] + " >}}" + collected)
        warnings.append((block[1], "'{{< highlight >}}' has no '{{< /highlight >}}': kept as it is"))
    return out.text(), warnings


def _params(text: str) -> dict:
    """Named (``src="x"``) and positional (``"go"``, index 0, 1, …) shortcode parameters."""
    params: dict = {}
    position = 0
    for match in _PARAM.finditer(text):
        value = match["dq"] if match["dq"] is not None else match["bq"] if match["bq"] is not None else match["bare"]
        value = re.sub(r"\\(.)", r"\1", value) if match["dq"] is not None else value
        if match["key"]:
            params[match["key"].lower()] = value
        else:
            params[position] = value
            position += 1
    return params


def _figure(args: dict) -> str:
    src = args["src"]
    alt = args.get("alt") or args.get("caption") or args.get("title") or ""
    alt = re.sub(r"<[^>]+>", "", alt).replace("[", "\\[").replace("]", "\\]")
    title = args.get("title") or (args.get("caption") if args.get("alt") else None)
    target = f"<{src}>" if " " in src else src
    if title:
        target += ' "' + re.sub(r"<[^>]+>", "", title).replace('"', '\\"') + '"'
    image = f"![{alt}]({target})"
    return f"[{image}]({args['link']})" if args.get("link") else image
