"""Plain text and Markdown in any common encoding (detected by charset-normalizer)."""
from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from . import ReadError, ReadResult

# UTF-32 first: its little-endian BOM begins with UTF-16's (FF FE), and was read as UTF-16.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
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
    return b"\x00" not in sample or _wide_encoding(sample) is not None


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the zero bytes fall: mostly-Latin text in
    UTF-32LE is "a\\0\\0\\0", in UTF-16BE "\\0a"."""
    for width, encoding in ((4, "utf-32"), (2, "utf-16")):
        usable = sample[:len(sample) - len(sample) % width]
        if not usable:
            continue
        columns = [usable[i::width].count(0) / (len(usable) // width) for i in range(width)]
        zero_columns = [c > 0.7 for c in columns]
        if zero_columns == [False] + [True] * (width - 1):
            return f"{encoding}-le"
        if zero_columns == [True] * (width - 1) + [False]:
            return f"{encoding}-be"
    return None


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-8, then charset detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data, encoding), encoding
    wide = _wide_encoding(data[:4096]) if b"\x00" in data[:4096] else None
    if wide:
        return _strict(data, wide), wide
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


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ReadError(f"text marked as {encoding} that is not valid {encoding} (at byte {error.start:,})") from None


def read_text(data: bytes, filename: str) -> ReadResult:
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return ReadResult(text=text, format="markdown" if filename.lower().endswith(".md") else "text", encoding=encoding)


