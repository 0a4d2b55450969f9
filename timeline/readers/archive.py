"""Zip archives of articles: each member is read in turn by the importer.

Guards against zip bombs: a bounded number of members, total size, and compression ratio,
all checked from the directory before anything is inflated; nested archives are read to a
bounded depth by the importer.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import PurePosixPath

from . import ReadError, ReadResult

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # inflated, all members together (held in memory until imported)
MAX_RATIO = 200  # inflated / compressed, for members over a megabyte


def is_zip(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04")


def looks_like_zip(data: bytes, filename: str) -> bool:
    return is_zip(data)  # DOCX is sniffed before this


def open_zip(data: bytes) -> zipfile.ZipFile:
    """The archive's directory read, or a plain reason why it cannot be."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except UNPACK_ERRORS as error:
        raise ReadError(f"damaged or unsupported zip archive: {unpack_reason(error)}") from None


def check_zip(data: bytes) -> list[zipfile.ZipInfo]:
    with open_zip(data) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
    if len(members) > MAX_MEMBERS:
        raise ReadError(f"zip archive with {len(members):,} files (the limit is {MAX_MEMBERS:,})")
    total = sum(m.file_size for m in members)
    if total > MAX_TOTAL_BYTES:
        raise ReadError(f"zip archive inflating to {size_text(total)} (the limit is {size_text(MAX_TOTAL_BYTES)}): not read")
    for m in members:
        if m.file_size > 1_000_000 and m.file_size > MAX_RATIO * max(1, m.compress_size):
            raise ReadError(f"zip member {m.filename} is compressed {m.file_size // max(1, m.compress_size):,} "
                            "to 1: refused as a possible zip bomb")
    return members


def size_text(count: int) -> str:
    return f"{count / 1024 ** 2:,.0f} MB" if count >= 1024 ** 2 else f"{count / 1024:,.0f} KB"


def read_zip(data: bytes, filename: str, max_member: int = 50 * 1024 * 1024) -> ReadResult:
    members = check_zip(data)
    children, notes = [], []
    budget = MAX_TOTAL_BYTES  # counted on what is inflated: the directory's sizes may lie
    with open_zip(data) as archive:
        for member in members:
            name = PurePosixPath(member.filename)
            if ".." in name.parts or name.is_absolute():
                notes.append((member.filename, "a name pointing outside the archive: not read"))
                continue
            if any(part.startswith(".") or part == "__MACOSX" for part in name.parts):
                continue  # hidden files and the Finder's resource forks
            if member.file_size > max_member:
                notes.append((member.filename, f"too large ({member.file_size / 1e6:.1f} MB), skipped"))
                continue
            try:
                content = _inflate(archive, member, min(max_member, budget))
            except UNPACK_ERRORS as error:
                notes.append((member.filename, f"could not be unpacked: {unpack_reason(error)}"))
                continue
            budget -= len(content)
            children.append((member.filename, content))
    return ReadResult("", "zip", children=tuple(children), skipped=tuple(notes))


UNPACK_ERRORS = (zipfile.BadZipFile, RuntimeError, ValueError, NotImplementedError, zlib.error, EOFError, OSError)


def unpack_reason(error: Exception) -> str:
    """Why a member could not be inflated, in plain words."""
    text = str(error)
    if isinstance(error, NotImplementedError) and "version" in text:
        return f"made with a newer zip format ({text.replace('zip file ', '')})"
    if isinstance(error, NotImplementedError):
        return "compressed with an unsupported method (AES encryption, or a newer compressor)"
    if isinstance(error, RuntimeError) and "encrypted" in text:
        return "encrypted: it needs a password"
    if isinstance(error, (zlib.error, EOFError)):
        return "damaged compressed data"
    return text or type(error).__name__


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> bytes:
    """Read at most ``limit`` bytes, whatever the directory claims."""
    with archive.open(member) as stream:
        content = stream.read(limit + 1)
    if len(content) > limit:
        raise ValueError("larger than its directory entry says, or than what is left of the archive's budget")
    return content
