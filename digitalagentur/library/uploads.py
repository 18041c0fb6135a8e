"""Checks of an uploaded file before the library stores it (issue 14, section 2): pure
functions on the name and the bytes, no database.

- The type is detected from the content (magic bytes; for ZIP containers the declared main
  part), never from the name or the type the browser sent: PDF, Word/Excel/PowerPoint (DOCX,
  XLSX, PPTX, without macros), OpenDocument text and spreadsheet (ODT, ODS), PNG, JPEG, and
  plain text or CSV (UTF-8 without NUL bytes). The name's extension must be one of the
  detected type's.
- Empty files and files larger than the limit are refused.
- The name: path separators, "..", control characters, Unicode direction marks (U+202E
  "rechnung" + U+202E + "fdp.exe") and leading dots are refused, as are double extensions such as
  "rechnung.pdf.exe"; characters Windows cannot store are replaced, a name that is too long is
  shortened (the extension stays), Unicode is normalised (NFC).

Every refusal is a django ValidationError with a German message; nothing here stores anything.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_NAME = 150
# Parts of a ZIP container read to tell its type: refused when declared larger (a ZIP bomb
# is never unpacked beyond this).
MAX_MANIFEST_BYTES = 1024 * 1024


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("pdf", "PDF", "application/pdf", ("pdf",))
DOCX = FileType(
    "docx",
    "Word (DOCX)",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ("docx",),
)
XLSX = FileType(
    "xlsx",
    "Excel (XLSX)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ("xlsx",),
)
PPTX = FileType(
    "pptx",
    "PowerPoint (PPTX)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ("pptx",),
)
ODT = FileType(
    "odt", "OpenDocument-Text (ODT)", "application/vnd.oasis.opendocument.text", ("odt",)
)
ODS = FileType(
    "ods",
    "OpenDocument-Tabelle (ODS)",
    "application/vnd.oasis.opendocument.spreadsheet",
    ("ods",),
)
PNG = FileType("png", "PNG-Bild", "image/png", ("png",))
JPEG = FileType("jpeg", "JPEG-Bild", "image/jpeg", ("jpg", "jpeg"))
TEXT = FileType("text", "Text (TXT/CSV)", "text/plain; charset=utf-8", ("txt", "csv"))
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

TYPES = (PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPEG, TEXT)
ALLOWED_EXTENSIONS = frozenset(ext for t in TYPES for ext in t.extensions)

# Main parts named in [Content_Types].xml of an Office Open XML file (macro-free only: the
# macro-enabled types such as ...document.macroEnabled.main+xml name other parts).
OOXML_MAIN = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": PPTX,
}
ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": ODS,
}
# Extensions that must not hide inside a name ("rechnung.pdf.exe", "foto.exe.png"): programs,
# scripts, active documents, and the allowed ones themselves ("bericht.pdf.docx").
RISKY_EXTENSIONS = frozenset(
    {
        "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "jar", "js",
        "jse", "vbs", "vbe", "wsf", "wsh", "ps1", "psm1", "sh", "bash", "zsh", "py", "pl",
        "php", "phtml", "asp", "aspx", "jsp", "cgi", "hta", "htm", "html", "xhtml", "svg",
        "xml", "lnk", "reg", "iso", "img", "dmg", "apk", "app", "docm", "xlsm", "pptm",
        "dotm", "xltm", "zip", "rar", "7z", "gz", "tar",
    }
)  # fmt: skip
KNOWN_EXTENSIONS = RISKY_EXTENSIONS | ALLOWED_EXTENSIONS
# Characters Windows cannot store in a name: replaced, not refused (a harmless "Frage?.pdf").
REPLACED = re.compile(r'[<>:"|?*]')
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
)


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed every check, with what the library stores about it."""

    filename: str
    file_type: FileType
    content_type: str
    size: int
    sha256: str


def refuse(message: str, code: str) -> ValidationError:
    return ValidationError(message, code=code)


def _is_invisible_trick(char: str) -> bool:
    """Control characters (Cc), and format characters (Cf): the bidirectional overrides and
    isolates (U+202A-202E, U+2066-2069), zero-width characters, the BOM."""
    return unicodedata.category(char) in ("Cc", "Cf")


def clean_filename(name: str) -> str:
    """The name the library stores and offers for download, or ValidationError."""
    name = unicodedata.normalize("NFC", name or "")
    if any(_is_invisible_trick(c) for c in name) or any(
        unicodedata.category(c) in ("Zl", "Zp") for c in name
    ):
        raise refuse(
            _(
                "Der Dateiname enthält Steuer- oder unsichtbare Richtungszeichen. Bitte "
                "benennen Sie die Datei um."
            ),
            "name_control",
        )
    if "/" in name or "\\" in name or ".." in name:
        raise refuse(
            _("Der Dateiname darf keine Pfadangaben („/“, „\\“ oder „..“) enthalten."),
            "name_path",
        )
    name = " ".join(name.split()).rstrip(" .")  # "rechnung.pdf. " is "rechnung.pdf" elsewhere
    if not name:
        raise refuse(_("Die Datei hat keinen Namen."), "name_empty")
    if name.startswith("."):
        raise refuse(
            _("Der Dateiname darf nicht mit einem Punkt beginnen (versteckte Datei)."),
            "name_dot",
        )
    name = REPLACED.sub("_", name)
    if "." not in name:
        raise refuse(
            _("Der Dateiname braucht eine Endung, z. B. „.pdf“."),
            "name_extension",
        )
    stem, extension = name.rsplit(".", 1)
    inner = [part.strip().lower() for part in stem.split(".")[1:]]
    if any(part in KNOWN_EXTENSIONS for part in inner):
        raise refuse(
            _(
                "Der Dateiname hat eine doppelte Endung (z. B. „rechnung.pdf.exe“). Bitte "
                "benennen Sie die Datei so, dass sie nur eine Endung hat."
            ),
            "name_double_extension",
        )
    if stem.split(".")[0].strip().lower() in WINDOWS_RESERVED:
        raise refuse(_("Dieser Dateiname ist unter Windows reserviert."), "name_reserved")
    extension = extension.lower()
    room = MAX_NAME - len(extension) - 1
    if len(stem) > room:
        stem = stem[:room].rstrip(" .")
    return f"{stem}.{extension}"


def extension_of(filename: str) -> str:
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def _zip_type(content: bytes) -> FileType | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = set(archive.namelist())
        if "mimetype" in names:
            info = archive.getinfo("mimetype")
            if info.file_size <= 200:
                return ODF_MIMETYPES.get(archive.read(info).strip())
        if "[Content_Types].xml" in names:
            if any(n.lower().endswith("vbaproject.bin") for n in names):
                return None  # macros, whatever the declared type says
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > MAX_MANIFEST_BYTES:
                return None
            manifest = archive.read(info).decode("utf-8", errors="replace")
            found = {t for main, t in OOXML_MAIN.items() if f'ContentType="{main}"' in manifest}
            return found.pop() if len(found) == 1 else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None  # damaged, encrypted or otherwise unreadable: not one of ours
    return None


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect_type(content: bytes) -> FileType | None:
    """The type of the content, or None when it is none of the allowed ones."""
    if content.startswith(b"%PDF-"):
        return PDF
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if content.startswith(b"\xff\xd8\xff"):
        return JPEG
    if content.startswith(b"PK\x03\x04"):
        return _zip_type(content)
    if _is_text(content):
        return TEXT
    return None


def allowed_types_text() -> str:
    return ", ".join(t.label for t in TYPES)


def check_upload(name: str, content: bytes, *, max_bytes: int) -> CheckedFile:
    """The checked file, or ValidationError naming the first problem found."""
    size = len(content)
    if size == 0:
        raise refuse(_("Die Datei ist leer."), "empty")
    if size > max_bytes:
        raise refuse(
            _("Die Datei ist zu groß (%(size)s); erlaubt sind höchstens %(max)s.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            "too_large",
        )
    filename = clean_filename(name)
    file_type = detect_type(content)
    if file_type is None:
        raise refuse(
            _("Dieser Dateityp ist nicht erlaubt. Erlaubt sind: %(types)s.")
            % {"types": allowed_types_text()},
            "type",
        )
    extension = extension_of(filename)
    if extension not in file_type.extensions:
        raise refuse(
            _(
                "Die Dateiendung „.%(extension)s“ passt nicht zum Inhalt der Datei (erkannt: "
                "%(type)s). Erwartet wird „.%(expected)s“."
            )
            % {
                "extension": extension,
                "type": file_type.label,
                "expected": file_type.extensions[0],
            },
            "extension_mismatch",
        )
    content_type = file_type.content_type
    if file_type is TEXT and extension == "csv":
        content_type = CSV_CONTENT_TYPE
    return CheckedFile(
        filename=filename,
        file_type=file_type,
        content_type=content_type,
        size=size,
        sha256=hashlib.sha256(content).hexdigest(),
    )
