"""E-mail (.eml): the body as the article, the subject as its title, the Date header as the
reference when the text has no dateline, and attachments (forwarded messages too) passed on to be
imported.

A damaged header never costs the body (the standard library's header parser raises assorted
errors on malformed addresses and dates); nesting, attachments and their total size are bounded.
"""
from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage

from . import KnownDate, ReadError, ReadResult, suffix

_HEADER = re.compile(rb"^(?:return-path|received|from|to|subject|date|message-id|mime-version|delivered-to)"
                     rb":[^\n]*\n", re.IGNORECASE)
_CONTAINER = re.compile(rb"content-type:\s*(?:multipart/|message/rfc822)", re.IGNORECASE)
MAX_CONTAINERS = 100  # multipart sections and forwarded messages: the parser recurses into each
MAX_ATTACHMENTS = 100
MAX_ATTACHED_BYTES = 200 * 1024 * 1024  # decoded, all attachments together


def looks_like_mail(data: bytes, filename: str) -> bool:
    if suffix(filename) == ".eml":
        return True
    lines = data[:4096].replace(b"\r\n", b"\n").split(b"\n")[:30]
    return bool(lines) and bool(_HEADER.match(lines[0] + b"\n")) and \
        sum(1 for line in lines if _HEADER.match(line + b"\n")) >= 3


def read_mail(data: bytes, filename: str) -> ReadResult:
    containers = len(_CONTAINER.findall(data))
    if containers > MAX_CONTAINERS:
        raise ReadError(f"e-mail with {containers:,} nested parts (the limit is {MAX_CONTAINERS}): not read")
    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except RecursionError:
        raise ReadError("e-mail nested too deep to read") from None
    if not isinstance(message, EmailMessage) or not any(_header(message, h) for h in ("From", "Subject", "Date")):
        raise ReadError("not an e-mail message (no From, Subject or Date header)")
    body = _body(message)
    subject = str(_header(message, "Subject") or "").strip()
    text = (subject + "\n\n" if subject else "") + body.strip() + "\n"
    children, skipped = _attachments(message)
    if not body.strip() and not children:
        raise ReadError("e-mail without a text body or attachments")
    sent = _sent(message)
    unread = not sent and "date" in (k.lower() for k in message.keys())  # there, but damaged or out of range
    return ReadResult(text if body.strip() else "", "email", None, sent, children=children, skipped=skipped,
                      notes=("the e-mail's Date header cannot be read",) if unread else ())


def _header(message: EmailMessage, name: str) -> object | None:
    """A parsed header, or None when it is malformed (the rest of the message is still read)."""
    try:
        value = message[name]
        str(value)  # some defects only surface when the value is formatted
        return value
    except Exception:  # noqa: BLE001 - IndexError, AttributeError, OverflowError, ... from email._header_value_parser
        return None


def _body(message: EmailMessage) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            return ""
        content = part.get_content()
    except LookupError:
        raise ReadError(f"e-mail with an unknown character set {_charset(message)}") from None
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        raise ReadError(f"damaged e-mail body ({type(error).__name__})") from None
    if part.get_content_subtype() == "html":
        from .webpage import read_html  # an HTML-only mail: the same extraction as a web page

        try:
            return read_html(content.encode("utf-8"), "body.html").text
        except ReadError:
            return ""
    return content.replace("\r\n", "\n")


def _charset(message: EmailMessage) -> str:
    names = [part.get_content_charset() for part in message.walk() if not part.is_multipart()]
    return next((n for n in names if n and not _known_codec(n)), "")


def _known_codec(name: str) -> bool:
    import codecs

    try:
        codecs.lookup(name)
        return True
    except LookupError:
        return False


def _attachments(message: EmailMessage) -> tuple[tuple[tuple[str, bytes], ...], tuple[tuple[str, str], ...]]:
    """(name, content) of each attachment, a forwarded message as its own .eml; over the budget,
    the rest get one line."""
    parts = [message] if message.get_content_type() == "message/rfc822" else list(message.iter_attachments())
    children: list[tuple[str, bytes]] = []
    skipped: list[tuple[str, str]] = []
    total = 0
    for n, part in enumerate(parts, 1):
        name, content = _attachment(part, n)
        total += len(content)
        if n > MAX_ATTACHMENTS or total > MAX_ATTACHED_BYTES:
            limit = f"{MAX_ATTACHMENTS} attachments" if n > MAX_ATTACHMENTS else \
                f"{MAX_ATTACHED_BYTES // 1024 // 1024} MB of attachments"
            skipped.append((f"attachments {n}-{len(parts)}", f"not read: the limit is {limit} per e-mail"))
            break
        children.append((name, content))
    return tuple(children), tuple(skipped)


def _attachment(part: EmailMessage, n: int) -> tuple[str, bytes]:
    if part.get_content_type() == "message/rfc822":  # a forwarded message: its payload is the message
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) and inner else inner
        try:
            return f"forwarded-{n}.eml", inner.as_bytes() if hasattr(inner, "as_bytes") else b""
        except Exception:  # noqa: BLE001 - re-serialising a damaged message raises what its headers raise
            return f"forwarded-{n}.eml", b""
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001 - a malformed Content-Disposition header; the content is still good
        name = None
    return name or f"attachment-{n}", part.get_payload(decode=True) or b""


def _sent(message: EmailMessage) -> tuple[KnownDate, ...]:
    header = _header(message, "Date")
    when = getattr(header, "datetime", None) if header is not None else None
    return (KnownDate(when, "e-mail Date header", 0.6, before_text=False),) if when else ()
