"""The upload checks (library/uploads.py): the type comes from the content, the extension must
match it, empty and oversized files are refused, and every trick with the name is refused or
neutralised."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.library import uploads
from digitalagentur.testing.library import (
    jpeg_bytes,
    minimal_pdf,
    odf_bytes,
    ooxml_bytes,
    plain_zip,
    png_bytes,
)

MAX = 10_000


def refused(name: str, content: bytes, *, max_bytes: int = MAX) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        uploads.check_upload(name, content, max_bytes=max_bytes)
    return info.value


@pytest.mark.parametrize(
    ("name", "content", "key", "content_type"),
    [
        ("bericht.pdf", minimal_pdf(), "pdf", "application/pdf"),
        ("vorlage.docx", ooxml_bytes("docx"), "docx", uploads.DOCX.content_type),
        ("tabelle.xlsx", ooxml_bytes("xlsx"), "xlsx", uploads.XLSX.content_type),
        ("folien.pptx", ooxml_bytes("pptx"), "pptx", uploads.PPTX.content_type),
        ("text.odt", odf_bytes("odt"), "odt", uploads.ODT.content_type),
        ("tabelle.ods", odf_bytes("ods"), "ods", uploads.ODS.content_type),
        ("bild.png", png_bytes(), "png", "image/png"),
        ("foto.jpg", jpeg_bytes(), "jpeg", "image/jpeg"),
        ("foto.JPEG", jpeg_bytes(), "jpeg", "image/jpeg"),
        ("notiz.txt", "Grüße aus Dülmen\n".encode(), "text", "text/plain; charset=utf-8"),
        ("liste.csv", b"name;ort\nA;Senden\n", "text", "text/csv; charset=utf-8"),
    ],
)
def test_allowed_types_are_detected_from_the_content(name, content, key, content_type):
    checked = uploads.check_upload(name, content, max_bytes=MAX)
    assert checked.file_type.key == key
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert len(checked.sha256) == 64


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programm.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
        ("archiv.docx", plain_zip()),  # a ZIP, but no Office file
        ("makro.docx", ooxml_bytes("docm")),  # macro-enabled Word declared
        ("makro2.docx", ooxml_bytes("docx", macro=True)),  # a vbaProject.bin inside
        ("kaputt.docx", b"PK\x03\x04" + b"\x00" * 40),  # damaged ZIP
        ("binär.txt", b"Text\x00mit NUL"),
        ("latin1.txt", "Größe".encode("latin-1")),  # not UTF-8
        ("bild.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_other_types_are_refused(name, content):
    error = refused(name, content)
    assert error.code == "type"
    assert "Dieser Dateityp ist nicht erlaubt" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rechnung.pdf", png_bytes()),  # a picture named as a PDF
        ("bericht.txt", minimal_pdf()),  # a PDF named as text
        ("seite.html", b"<script>alert(1)</script>"),  # text, but the name says HTML
        ("tabelle.xlsx", ooxml_bytes("docx")),  # a Word file named as Excel
        ("skript.exe", b"harmless text"),
    ],
)
def test_the_extension_must_match_the_content(name, content):
    error = refused(name, content)
    assert error.code == "extension_mismatch"
    assert "passt nicht zum Inhalt" in error.messages[0]


def test_empty_files_are_refused():
    error = refused("leer.txt", b"")
    assert error.code == "empty" and error.messages == ["Die Datei ist leer."]


def test_the_size_limit_holds_to_the_byte():
    assert uploads.check_upload("a.txt", b"x" * MAX, max_bytes=MAX).size == MAX
    error = refused("a.txt", b"x" * (MAX + 1))
    assert error.code == "too_large" and "zu groß" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("../../etc/passwd.txt", "name_path"),
        ("..\\..\\boot.txt", "name_path"),
        ("ordner/datei.txt", "name_path"),
        ("C:\\Users\\datei.txt", "name_path"),
        ("bericht..txt", "name_path"),
        ("rechnung\u202etxt.exe", "name_control"),  # right-to-left override
        ("rech\u2066nung.txt", "name_control"),  # isolate
        ("zero\u200bwidth.txt", "name_control"),
        ("zeile\nzwei.txt", "name_control"),
        ("nul\x00.txt", "name_control"),
        ("bell\x07.txt", "name_control"),
        (".htaccess.txt", "name_dot"),
        (".versteckt", "name_dot"),
        ("rechnung.pdf.exe", "name_double_extension"),
        ("rechnung.exe.txt", "name_double_extension"),
        ("bild.svg.txt", "name_double_extension"),
        ("ohne-endung", "name_extension"),
        ("   ", "name_empty"),
        ("CON.txt", "name_reserved"),
    ],
)
def test_name_tricks_are_refused(name, code):
    error = refused(name, b"harmloser Text")
    assert error.code == code
    assert error.messages[0]  # a German sentence, never a traceback


def test_names_are_neutralised_where_harmless():
    clean = uploads.clean_filename
    assert clean("  Bericht   2024 .txt ") == "Bericht 2024 .txt"
    assert clean("Frage?: ja|nein*.TXT") == "Frage__ ja_nein_.txt"
    assert clean("protokoll.v2.txt") == "protokoll.v2.txt"  # a dot that is no extension
    assert clean("rechnung.txt. . ") == "rechnung.txt"  # trailing dots and spaces (Windows)
    assert clean("Scho\u0308ne Gru\u0308ße.txt") == "Schöne Grüße.txt"  # NFC
    long = clean("a" * 400 + ".pdf")
    assert len(long) == uploads.MAX_NAME and long.endswith(".pdf")
