"""Zip archives of articles: each member is read in turn by the importer.

Guards against zip bombs: a bounded number of members, total size, and compression ratio,
all checked from the directory before anything is inflated; nested archives are read to a
bounded depth by the importer.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from . import ReadError, ReadResult

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # inflated
MAX_RATIO = 200  # inflated / compressed, for members over a megabyte


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def looks_like_zip(data: bytes, filename: str) -> bool:
    return is_zip(data)  # DOCX is sniffed before this


def check_zip(data: bytes) -> list[zipfile.ZipInfo]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
    except zipfile.BadZipFile as error:
        raise ReadError(f"damaged zip archive ({error})") from None
    if len(members) > MAX_MEMBERS:
        raise ReadError(f"zip archive with {len(members):,} files (the limit is {MAX_MEMBERS:,})")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise ReadError(f"zip archive inflating to {total / 1e9:.1f} GB: refused as a possible zip bomb")
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(1, m.compress_size):
            raise ReadError(f"zip member {m.filename} is compressed {m.file_size // max(1, m.compress_size):,} "
                            "to 1: refused as a possible zip bomb")
    return members


def read_zip(data: bytes, filename: str, max_member: int = 50 * 1024 * 1024) -> ReadResult:
    members = check_zip(data)
    children, notes = [], []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in members:
            name = PurePosixPath(member.filename)
            if any(part.startswith(".") or part == "__MACOSX" for part in name.parts):
                continue
            if member.file_size > max_member:
                notes.append((member.filename, f"too large ({member.file_size / 1e6:.1f} MB), skipped"))
                continue
            try:
                children.append((member.filename, _inflate(archive, member, max_member)))
            except (zipfile.BadZipFile, RuntimeError, ValueError) as error:  # encrypted, damaged or lying sizes
                notes.append((member.filename, f"could not be unpacked ({error})"))
    return ReadResult("", "zip", children=tuple(children), skipped=tuple(notes))


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes:
    """Read at most ``limit`` bytes, whatever the directory claims."""
    with archive.open(member) as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise ValueError("larger than its directory entry says")
    return content


