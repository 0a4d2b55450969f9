"""Real-looking documents of every format the importer reads, written by the tests themselves."""
from __future__ import annotations

import io
import zipfile
import zlib
from datetime import datetime, timezone
from email.message import EmailMessage

ARTICLE = [
    "Ministers agree to step up deterrence",
    "TOKYO, Feb 2 (Example News) - The Japanese and U.S. foreign ministers agreed Wednesday to closely "
    "cooperate toward the complete denuclearization of North Korea.",
    "The talks came after North Korea on Sunday fired an intermediate-range ballistic missile, the first "
    "such launch since November 2017.",
    "The ministers spoke by telephone for about 35 minutes, officials said.",
]
UNDATED = [
    "Ministers agree to step up deterrence",
    "The Japanese and U.S. foreign ministers agreed Wednesday to closely cooperate toward the complete "
    "denuclearization of North Korea.",
    "The talks came after a missile launch on Sunday.",
]


def pdf(pages: list[list[str]], encrypt: str | None = None, creation: str = "20220202113600+09'00'") -> bytes:
    """A PDF with a text layer: one Helvetica line per string, wrapped at 80 characters."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "", "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        wrapped = [chunk for line in lines for chunk in _wrap(line)] if lines else []
        ops = "BT /F1 10 Tf 14 TL 50 780 Td " + " ".join(f"({_escape(w)}) Tj T*" for w in wrapped) + " ET"
        stream = zlib.compress(ops.encode("latin-1"))
        objects.append(f"<< /Length {len(stream)} /Filter /FlateDecode >>stream\n".encode("latin-1") + stream +
                       b"\nendstream")  # type: ignore[arg-type]
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {len(objects)} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    objects.append(f"<< /Title (Wire story) /CreationDate (D:{creation}) >>")
    data = _assemble(objects)
    if encrypt is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=encrypt, owner_password=encrypt + "-owner")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _wrap(line: str, width: int = 80) -> list[str]:
    words, lines, current = line.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + [current, ""]  # a blank line after each paragraph


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _assemble(objects: list) -> bytes:  # type: ignore[type-arg]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        body = body if isinstance(body, bytes) else body.encode("latin-1")
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def docx(paragraphs: list[str], created: datetime | None = None) -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if created:
        document.core_properties.created = created
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def eml(paragraphs: list[str], sent: str = "Wed, 02 Feb 2022 14:05:00 +0900",
        attachments: tuple[tuple[str, bytes, str], ...] = ()) -> bytes:
    message = EmailMessage()
    message["From"] = "Desk <desk@example.org>"
    message["To"] = "analyst@example.org"
    message["Subject"] = "FW: " + paragraphs[0]
    message["Date"] = sent
    message.set_content("\n\n".join(paragraphs[1:]) + "\n\n-- \nSent from the newsroom\n")
    for name, content, kind in attachments:
        main, sub = kind.split("/")
        message.add_attachment(content, maintype=main, subtype=sub, filename=name)
    return message.as_bytes()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def zip_bomb(inflated: int = 60 * 1024 * 1024) -> bytes:
    """One member of zeros: a few tens of kilobytes that claim to inflate a thousand times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("zeros.txt", "w", force_zip64=True) as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(inflated // len(block)):
                member.write(block)
    return out.getvalue()


def docx_with_entity_bomb() -> bytes:
    """A DOCX whose document.xml defines a billion-laughs entity."""
    base = docx(["placeholder"])
    laughs = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10 if i else "lol"}">' for i in range(10))
    body = (f'<?xml version="1.0"?><!DOCTYPE w:document [{laughs}]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
            '<w:t>&l9;</w:t></w:r></w:p></w:body></w:document>')
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(item, body if item.filename == "word/document.xml" else source.read(item.filename))
    return out.getvalue()


CREATED = datetime(2022, 2, 2, 9, 0, tzinfo=timezone.utc)
