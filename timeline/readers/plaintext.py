"""Plain text and Markdown in any common encoding (detected by charset-normalizer)."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from . import ReadError, ReadResult

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
         (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"))
# When the detector's scores are close (short texts), prefer the encodings most text is really in.
_COMMON = ("cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr")
_CLOSE_CHAOS = 0.05
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\xd0\xcf\x11\xe0")


def looks_textual(data: bytes, filename: str) -> bool:
    if data.startswith(_BINARY_MAGIC):
        return False
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return True
    sample = data[:4096]
    return b"\x00" not in sample


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-8, then charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise ReadError("binary content or unknown text encoding")
    close = [m for m in matches if m.chaos <= matches[0].chaos + _CLOSE_CHAOS]
    best = min(close, key=lambda m: _COMMON.index(m.encoding) if m.encoding in _COMMON else len(_COMMON))
    return str(best), best.encoding


def read_text(data: bytes, filename: str) -> ReadResult:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(text=text, format="markdown" if filename.lower().endswith(".md") else "text", encoding=encoding)


