"""E-mail (.eml): the body as the article, the subject as its title, the Date header as the
reference when the text has no dateline, and attachments passed on to be imported too."""
from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage

from . import KnownDate, ReadError, ReadResult, suffix

_HEADER = re.compile(rb"^(?:return-path|received|from|to|subject|date|message-id|mime-version|delivered-to)"
                     rb":[^\n]*\n", re.IGNORECASE)


def looks_like_mail(data: bytes, filename: str) -> bool:
    if suffix(filename) == ".eml":
        return True
    lines = data[:4096].replace(b"\r\n", b"\n").split(b"\n")[:30]
    return bool(lines) and bool(_HEADER.match(lines[0] + b"\n")) and \
        sum(1 for line in lines if _HEADER.match(line + b"\n")) >= 3


def read_mail(data: bytes, filename: str) -> ReadResult:
    message = email.message_from_bytes(data, policy=policy.default)
    if not isinstance(message, EmailMessage) or not (message["From"] or message["Subject"] or message["Date"]):
        raise ReadError("not an e-mail message (no From, Subject or Date header)")
    body = _body(message)
    subject = str(message["Subject"] or "").strip()
    text = (subject + "\n\n" if subject else "") + body.strip() + "\n"
    children = tuple((part.get_filename() or f"attachment-{n}", part.get_payload(decode=True) or b"")
                     for n, part in enumerate(message.iter_attachments(), 1))
    if not body.strip() and not children:
        raise ReadError("e-mail without a text body or attachments")
    return ReadResult(text if body.strip() else "", "email", None, _sent(message), children=children)


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_subtype() == "html":
        from .webpage import read_html  # an HTML-only mail: the same extraction as a web page

        try:
            return read_html(content.encode("utf-8"), "body.html").text
        except ReadError:
            return ""
    return content.replace("\r\n", "\n")


def _sent(message: EmailMessage) -> tuple[KnownDate, ...]:
    header = message["Date"]
    when = getattr(header, "datetime", None) if header is not None else None
    return (KnownDate(when, "e-mail Date header", 0.6, before_text=False),) if when else ()


