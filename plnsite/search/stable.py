"""Byte-stable filter files: Pagefind (1.5) writes each filter's values, and the list of filters
in its metadata file, in the order of a hash map that is seeded afresh in every run, so the
same pages gave different bytes (and file names) from one build to the next. Here those lists
are put in sorted order and the files named by their new content, so that the same pages
always give the same bundle.

The files are gzip streams of ``pagefind_dcd`` followed by CBOR (RFC 8949). The small codec
below reads and writes the part of CBOR they use; a file it cannot write back byte for byte
as it read it is left as Pagefind wrote it (never broken, at worst not stable).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct

__all__ = ["stabilise"]

_MAGIC = b"pagefind_dcd"
_META = re.compile(r"pagefind\.([^/]+)\.pf_meta")


class _Unsupported(ValueError):
    pass


def _read(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if major == 7:
        if info == 20:
            return False, pos
        if info == 21:
            return True, pos
        if info == 22:
            return None, pos
        if info == 25:
            return ("f16", data[pos:pos + 2]), pos + 2
        if info == 26:
            return struct.unpack(">f", data[pos:pos + 4])[0], pos + 4
        if info == 27:
            return struct.unpack(">d", data[pos:pos + 8])[0], pos + 8
        raise _Unsupported(head)
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise _Unsupported(head)
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major == 2:
        return data[pos:pos + arg], pos + arg
    if major == 3:
        return data[pos:pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _read(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = _read(data, pos)
            value, pos = _read(data, pos)
            pairs.append((key, value))
        return {"__map__": pairs}, pos
    raise _Unsupported(head)


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise _Unsupported(arg)


def _write(value) -> bytes:
    if value is False:
        return b"\xf4"
    if value is True:
        return b"\xf5"
    if value is None:
        return b"\xf6"
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)  # never round-trips a shorter float: left as written
    if isinstance(value, tuple):
        return b"\xf9" + value[1]
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(map(_write, value))
    if isinstance(value, dict):
        pairs = value["__map__"]
        return _head(5, len(pairs)) + b"".join(_write(k) + _write(v) for k, v in pairs)
    raise _Unsupported(type(value))


def _decode(gz: bytes):
    """The CBOR value of a Pagefind file; _Unsupported unless it writes back to the same bytes."""
    raw = gzip.decompress(gz)
    if not raw.startswith(_MAGIC):
        raise _Unsupported("no magic")
    value, end = _read(raw, len(_MAGIC))
    if end != len(raw) or _write(value) != raw[len(_MAGIC):]:
        raise _Unsupported("does not round-trip")
    return value


def _encode(value) -> bytes:
    return gzip.compress(_MAGIC + _write(value), compresslevel=9, mtime=0)


def _digest(body: bytes, size: int) -> str:
    return hashlib.sha256(body).hexdigest()[:size]


def stabilise(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle's files (path relative to the bundle → bytes) with the filter files and the
    metadata in a fixed order; the rest unchanged. The input is returned as it is when its
    shape is not the one this knows."""
    try:
        entry = json.loads(files["pagefind-entry.json"])
        out = dict(files)
        for language in entry.get("languages", {}).values():
            _stabilise_language(out, language)
        out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return out
    except (_Unsupported, KeyError, ValueError, TypeError, IndexError, OSError, EOFError):
        return files


def _stabilise_language(out: dict[str, bytes], language: dict) -> None:
    old_meta = f"pagefind.{language['hash']}.pf_meta"
    meta = _decode(out[old_meta])
    prefix = language["hash"].split("_", 1)[0]
    # The metadata: [version, index chunks, pages, sorts, filters [[name, file hash]], ...]
    filters = next(v for v in meta if isinstance(v, list) and v and all(
        isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) and isinstance(p[1], str)
        and f"filter/{p[1]}.pf_filter" in out for p in v)) if any(
        name.startswith("filter/") for name in out) else []
    renamed = []
    for name, digest in filters:
        old = f"filter/{digest}.pf_filter"
        value = _decode(out.pop(old))
        # [filter name, [[value, [page numbers]], ...]]: the values sorted
        value[1].sort(key=lambda pair: pair[0])
        body = _encode(value)
        new = f"{prefix}_{_digest(body, 7)}"
        out[f"filter/{new}.pf_filter"] = body
        renamed.append([name, new])
    renamed.sort(key=lambda pair: pair[0])
    if filters:
        filters[:] = renamed
    body = _encode(meta)
    del out[old_meta]
    language["hash"] = f"{prefix}_{_digest(body, 10)}"
    out[f"pagefind.{language['hash']}.pf_meta"] = body
