"""Test data of the document library (issue 14): small valid files of every allowed type,
built in code, and documents made through the services."""

from __future__ import annotations

import io
import zipfile

from digitalagentur.demo.library import simple_pdf
from digitalagentur.library import services
from digitalagentur.library.choices import Visibility
from digitalagentur.library.models import Document

OOXML_MAIN = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
}
OOXML_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


def minimal_pdf(text: str = "Digitalagentur") -> bytes:
    """A small valid one-page PDF showing `text`."""
    return simple_pdf([text])


def png_bytes() -> bytes:
    """A 1x1 PNG."""
    return bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
        "0000000d4944415478da63f8ffff3f0005fe02fea7d6a4c50000000049454e44ae426082"
    )


def jpeg_bytes() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def ooxml_bytes(kind: str = "docx", *, macro: bool = False) -> bytes:
    """A ZIP with the [Content_Types].xml of a Word, Excel or PowerPoint file ("docm": the
    macro-enabled Word type); `macro` adds a vbaProject.bin."""
    buffer = io.BytesIO()
    part = OOXML_PART.get(kind, "word/document.xml")
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Override PartName="/'
            + part
            + f'" ContentType="{OOXML_MAIN[kind]}"/></Types>',
        )
        archive.writestr(part, "<document/>")
        if macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


def odf_bytes(kind: str = "odt") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", ODF[kind], compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hallo")
    return buffer.getvalue()


def make_document(
    region,
    title: str = "Musterdokument",
    *,
    user=None,
    filename: str = "notiz.txt",
    content: bytes = b"Inhalt des Dokuments\n",
    visibility: str = Visibility.PUBLIC,
    tags=(),
    fields=(),
    towns=(),
    **values,
) -> Document:
    """A document (public unless told) with one version."""
    return services.create_document(
        region=region,
        user=user,
        values={"title": title, "visibility": visibility, **values},
        filename=filename,
        content=content,
        tags=tags,
        fields=fields,
        municipalities=towns,
    )


def add_version(document: Document, content: bytes = b"Neue Fassung\n", filename="notiz.txt"):
    return services.add_version(document, user=None, filename=filename, content=content)
