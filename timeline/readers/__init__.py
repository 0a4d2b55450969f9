"""Readers turn a file's bytes into text. One module per format; chosen by sniffing content."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


class ReadError(Exception):
    """A file that cannot be read; the message says why, for the analyst."""


@dataclass(frozen=True)
class ReadResult:
    text: str
    format: str
    encoding: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


Sniffer = Callable[[bytes, str], bool]
Reader = Callable[[bytes, str], ReadResult]
_REGISTRY: list[tuple[str, Sniffer, Reader]] = []


def register(name: str, sniff: Sniffer, read: Reader) -> None:
    _REGISTRY.append((name, sniff, read))


def read_bytes(data: bytes, filename: str) -> ReadResult:
    """Pick the first reader whose sniffer accepts the content (and name) and read it."""
    if not data.strip():
        raise ReadError("empty file")
    for _name, sniff, read in _REGISTRY:
        if sniff(data, filename):
            return read(data, filename)
    raise ReadError(f"unsupported file type ({Path(filename).suffix or 'no extension'}); not text")


from . import plaintext  # noqa: E402  (registers itself)

__all__ = ["ReadError", "ReadResult", "read_bytes", "register", "plaintext"]
