"""A published image without its personal data: segments and chunks removed, pixels untouched.

A phone photo carries where and when it was taken, the camera's serial number, the owner's
name, XMP and IPTC blocks, maker notes and a thumbnail of the uncropped picture. ``strip``
removes them from JPEG, PNG, WebP and GIF without decoding the image: the compressed pixel data
is copied byte for byte, so nothing is re-encoded. Kept: what changes how the image looks (the
ICC colour profile, PNG's gamma and colour chunks, animation) and the EXIF orientation, as a
new EXIF block holding that one tag, so a photo taken sideways stays upright.

Everything not known to be safe is dropped (a whitelist): a new kind of metadata chunk is
removed, not published. A file that cannot be read to its end raises ``Damaged``; other files
(not one of these formats) are returned as they are.
"""

from __future__ import annotations

import struct
import zlib

__all__ = ["Damaged", "strip"]

_ORIENTATION = 0x0112


class Damaged(ValueError):
    """The image's structure is broken (a segment or chunk runs past the end of the file)."""


def strip(data: bytes) -> bytes:
    """``data`` without metadata; ``data`` itself when it is not a JPEG, PNG, WebP or GIF."""
    if data[:3] == b"\xff\xd8\xff":
        return _jpeg(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return _gif(data)
    return data


def _orientation_tiff(orientation: int) -> bytes:
    """A TIFF header and one IFD with only the Orientation tag (what EXIF blocks are)."""
    return b"MM\x00\x2a\x00\x00\x00\x08" + struct.pack(">HHHIHH", 1, _ORIENTATION, 3, 1, orientation, 0) + b"\0\0\0\0"


def _orientation_of(tiff: bytes) -> int:
    """The Orientation tag of an EXIF block's TIFF (IFD0), or 1 when there is none or it is unreadable."""
    tiff = tiff.removeprefix(b"Exif\0\0")  # some writers keep the JPEG's prefix in PNG and WebP
    try:
        order = {b"II": "<", b"MM": ">"}[tiff[:2]]
        (ifd,) = struct.unpack_from(order + "I", tiff, 4)
        (count,) = struct.unpack_from(order + "H", tiff, ifd)
        for n in range(min(count, 1000)):
            tag, kind, _, value = struct.unpack_from(order + "HHI4s", tiff, ifd + 2 + 12 * n)
            if tag == _ORIENTATION and kind == 3:
                (orientation,) = struct.unpack_from(order + "H", value)
                return orientation if 1 <= orientation <= 8 else 1
    except (KeyError, struct.error):
        pass
    return 1


# JPEG -------------------------------------------------------------------------------------------

_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM, RST0–7: markers without a length
_SOS, _EOI = 0xDA, 0xD9
_APP0, _APP1, _APP2, _APP14, _COM = 0xE0, 0xE1, 0xE2, 0xEE, 0xFE


def _jpeg(data: bytes) -> bytes:
    out = bytearray(b"\xff\xd8")
    pos, size = 2, len(data)
    while True:
        while pos < size and data[pos] == 0xFF and pos + 1 < size and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes before a marker
        if pos + 2 > size or data[pos] != 0xFF:
            raise Damaged(f"no marker at byte {pos} (the file ends early or is not a JPEG)")
        marker = data[pos + 1]
        if marker == _EOI:
            out += b"\xff\xd9"
            return bytes(out)  # anything after the end (a phone's appended video, a trailer) is dropped
        if marker in _STANDALONE:
            out += data[pos:pos + 2]
            pos += 2
            continue
        if pos + 4 > size:
            raise Damaged(f"a segment at byte {pos} is cut off")
        (length,) = struct.unpack_from(">H", data, pos + 2)
        end = pos + 2 + length
        if length < 2 or end > size:
            raise Damaged(f"a segment at byte {pos} runs past the end of the file")
        body = data[pos + 4:end]
        if marker == _APP1 and body.startswith(b"Exif\0\0"):
            orientation = _orientation_of(body[6:])
            if orientation != 1:
                block = b"Exif\0\0" + _orientation_tiff(orientation)
                out += b"\xff\xe1" + struct.pack(">H", len(block) + 2) + block
        elif _kept_jpeg(marker, body):
            out += data[pos:end]
        pos = end
        if marker == _SOS:  # entropy-coded data follows, up to the next marker that is not RSTn or a stuffed 0
            start = pos
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= size:
                    raise Damaged("the image data is cut off (no end marker)")
                following = data[pos + 1]
                if following == 0 or 0xD0 <= following <= 0xD7:
                    pos += 2
                    continue
                break
            out += data[start:pos]


def _kept_jpeg(marker: int, body: bytes) -> bool:
    if 0xE0 <= marker <= 0xEF:  # APPn: only the ones that change how the picture looks
        return ((marker == _APP0 and body.startswith((b"JFIF\0", b"JFXX\0")))
                or (marker == _APP2 and body.startswith(b"ICC_PROFILE\0"))
                or (marker == _APP14 and body.startswith(b"Adobe")))  # colour transform of CMYK/YCCK
    return marker != _COM  # tables, frames, scans; not comments


# PNG --------------------------------------------------------------------------------------------

# Chunks that make or change the picture (colour, transparency, animation, physical size).
_PNG_KEPT = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT",
             b"bKGD", b"pHYs", b"cICP", b"mDCv", b"cLLi", b"acTL", b"fcTL", b"fdAT"}


def _png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    pos, size = 8, len(data)
    while True:
        if pos + 12 > size:
            raise Damaged(f"a chunk at byte {pos} is cut off")
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > size:
            raise Damaged(f"the chunk '{kind.decode('latin-1')}' at byte {pos} runs past the end of the file")
        if kind in _PNG_KEPT:
            out += data[pos:end]
        elif kind == b"eXIf":
            orientation = _orientation_of(data[pos + 8:end - 4])
            if orientation != 1:
                body = b"eXIf" + _orientation_tiff(orientation)
                out += struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
        pos = end
        if kind == b"IEND":
            return bytes(out)


# WebP -------------------------------------------------------------------------------------------

_WEBP_KEPT = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ICCP", b"ANIM", b"ANMF"}
_VP8X_EXIF, _VP8X_XMP = 0x08, 0x04


def _webp(data: bytes) -> bytes:
    (riff_size,) = struct.unpack_from("<I", data, 4)
    size = 8 + riff_size
    if size > len(data):
        raise Damaged("the file is shorter than its RIFF header says")
    chunks: list[bytes] = []
    pos = 12
    while pos < size:
        if pos + 8 > size:
            raise Damaged(f"a chunk at byte {pos} is cut off")
        kind, length = struct.unpack_from("<4sI", data, pos)
        end = pos + 8 + length + (length & 1)
        if pos + 8 + length > size:
            raise Damaged(f"the chunk '{kind.decode('latin-1')}' at byte {pos} runs past the end of the file")
        if kind in _WEBP_KEPT:
            chunks.append(data[pos:end])
        elif kind == b"EXIF":
            orientation = _orientation_of(data[pos + 8:pos + 8 + length])
            if orientation != 1:
                tiff = _orientation_tiff(orientation)
                chunks.append(b"EXIF" + struct.pack("<I", len(tiff)) + tiff)
        pos = end
    has_exif = any(c.startswith(b"EXIF") for c in chunks)
    for n, chunk in enumerate(chunks):
        if chunk.startswith(b"VP8X"):  # its flags say which chunks follow
            flags = (chunk[8] & ~(_VP8X_EXIF | _VP8X_XMP)) | (_VP8X_EXIF if has_exif else 0)
            chunks[n] = chunk[:8] + bytes([flags]) + chunk[9:]
    if has_exif and not any(c.startswith(b"VP8X") for c in chunks):
        chunks = [c for c in chunks if not c.startswith(b"EXIF")]  # a simple WebP cannot hold EXIF
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


# GIF --------------------------------------------------------------------------------------------

# Application extensions that change how the picture is shown: looping, and an ICC profile.
_GIF_APPS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def _gif(data: bytes) -> bytes:
    size = len(data)
    if size < 13:
        raise Damaged("the header is cut off")
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    out = bytearray(data[:pos])
    while True:
        if pos >= size:
            raise Damaged("the file ends before its trailer")
        block = data[pos]
        if block == 0x3B:
            out += b"\x3b"
            return bytes(out)
        if block == 0x2C:  # an image: descriptor, local colour table, LZW code size, data sub-blocks
            if pos + 10 > size:
                raise Damaged(f"an image at byte {pos} is cut off")
            local = data[pos + 9]
            end = _sub_blocks(data, pos + 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1)
            out += data[pos:end]
        elif block == 0x21:  # an extension: label, sub-blocks
            if pos + 2 > size:
                raise Damaged(f"an extension at byte {pos} is cut off")
            label = data[pos + 1]
            end = _sub_blocks(data, pos + 2)
            app = data[pos + 3:pos + 14] if label == 0xFF else b""
            if label in (0xF9, 0x01) or (label == 0xFF and app in _GIF_APPS):  # timing/transparency, text, apps
                out += data[pos:end]
            # dropped: comments (0xFE), XMP and other application data
        else:
            raise Damaged(f"an unknown block at byte {pos}")
        pos = end


def _sub_blocks(data: bytes, pos: int) -> int:
    """The end of the sub-blocks starting at ``pos`` (after their zero-length terminator)."""
    while True:
        if pos >= len(data):
            raise Damaged("a block of data is cut off")
        length = data[pos]
        pos += 1 + length
        if length == 0:
            if pos > len(data):
                raise Damaged("a block of data is cut off")
            return pos
