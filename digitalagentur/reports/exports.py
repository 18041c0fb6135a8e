"""A status report as Markdown, DOCX (python-docx; opens in LibreOffice and Word) and PDF
(WeasyPrint, tagged PDF/UA-1 with language and title, fonts from Debian's DejaVu package).

All three work on saved reports and on transient ones (the command renders an unsaved report
whose meeting is an unsaved Meeting), and share `blocks`, which reads the sections' plain text:
paragraphs separated by blank lines, "- " lines as bullet lists.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from digitalagentur.core.text import german_slugify

from . import generator

LANGUAGE = generator.LANGUAGE
FONT_DIR = "/usr/share/fonts/truetype/dejavu"


@dataclass
class Block:
    kind: str  # "p" (lines of one paragraph) or "ul" (bullet items)
    lines: list[str] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    """Paragraphs and bullet lists of a section's text."""
    found: list[Block] = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        current: Block | None = None
        for raw in chunk.split("\n"):
            line = raw.strip()
            if not line:
                continue
            kind = "ul" if line.startswith("- ") else "p"
            if kind == "ul":
                line = line[2:].strip()
            if current is None or current.kind != kind:
                current = Block(kind)
                found.append(current)
            current.lines.append(line)
    return found


def attachment_lines(report) -> list[str]:
    return [line.strip() for line in (report.attachments or "").splitlines() if line.strip()]


def intro_and_topics(report) -> tuple[dict | None, list[dict]]:
    sections = list(report.sections or [])
    intro = next((s for s in sections if s.get("key") == "intro"), None)
    return intro, [s for s in sections if s.get("key") != "intro"]


def facts(report) -> list[tuple[str, str]]:
    """The paper's header: (label, value) rows."""
    rows = []
    if report.reference:
        rows.append((_("Vorlage"), report.reference))
    if report.date:
        rows.append((_("Datum"), generator.day(report.date)))
    rows.append((_("Status"), str(report.get_status_display())))
    meeting_date = generator.meeting_date_of(report)
    committee = report.body.name if report.body_id else ""
    if committee:
        value = committee
        if meeting_date:
            value += " – " + _("Sitzung am %(date)s") % {"date": generator.day(meeting_date)}
        rows.append((_("Beratungsfolge"), value))
    if report.period_start and report.period_end:
        rows.append(
            (
                _("Berichtszeitraum"),
                f"{generator.day(report.period_start)} – {generator.day(report.period_end)}",
            )
        )
    return rows


def document_title(report) -> str:
    return f"{report.reference}: {report.title}" if report.reference else report.title


def filename(report, ext: str) -> str:
    base = german_slugify(
        " ".join(
            part
            for part in ("Sachstandsbericht", report.reference, f"{report.date:%Y-%m-%d}")
            if part
        )
    )
    return f"{base}.{ext.lstrip('.')}"


# ---------------------------------------------------------------------------------------------


def as_markdown(report) -> str:
    with translation.override(LANGUAGE):
        intro, topics = intro_and_topics(report)
        out = [f"# {document_title(report)}", ""]
        out += [f"- **{label}:** {value}" for label, value in facts(report)]
        out += ["", f"## {_('Betreff')}", "", report.title, ""]
        out += [f"## {_('Beschlussvorschlag')}", "", report.resolution or "", ""]
        out += [f"## {_('Sachdarstellung')}", ""]
        if intro:
            out += _markdown_blocks(intro.get("text", ""))
        for section in topics:
            out += [f"### {section.get('title', '')}", ""]
            out += _markdown_blocks(section.get("text", ""))
        lines = attachment_lines(report)
        if lines:
            out += [f"## {_('Anlagen')}", ""] + [f"- {line}" for line in lines] + [""]
    return "\n".join(out).rstrip() + "\n"


def _markdown_blocks(text: str) -> list[str]:
    out = []
    for block in blocks(text):
        if block.kind == "ul":
            out += [f"- {line}" for line in block.lines]
        else:
            out.append(" ".join(block.lines))
        out.append("")
    return out


# ---------------------------------------------------------------------------------------------


def as_docx(report) -> bytes:
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt

    with translation.override(LANGUAGE):
        document = docx.Document()
        props = document.core_properties
        props.title = document_title(report)
        props.subject = report.title
        props.language = "de-DE"
        props.author = report.region.name if report.region_id else ""
        for style in document.styles:
            if style.type != WD_STYLE_TYPE.PARAGRAPH:
                continue
            # Spell checking and screen readers: the text is German.
            rpr = style.element.get_or_add_rPr()
            lang = rpr.find(qn("w:lang"))
            if lang is None:
                lang = rpr.makeelement(qn("w:lang"), {})
                rpr.append(lang)
            lang.set(qn("w:val"), "de-DE")
        normal = document.styles["Normal"]
        normal.font.name = "DejaVu Sans"
        normal.font.size = Pt(10.5)

        intro, topics = intro_and_topics(report)
        document.add_heading(document_title(report), level=0)
        table = document.add_table(rows=0, cols=2)
        for label, value in facts(report):
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, value
        document.add_heading(_("Betreff"), level=1)
        document.add_paragraph(report.title)
        document.add_heading(_("Beschlussvorschlag"), level=1)
        document.add_paragraph(report.resolution or "")
        document.add_heading(_("Sachdarstellung"), level=1)
        if intro:
            _docx_blocks(document, intro.get("text", ""))
        for section in topics:
            document.add_heading(section.get("title", ""), level=2)
            _docx_blocks(document, section.get("text", ""))
        lines = attachment_lines(report)
        if lines:
            document.add_heading(_("Anlagen"), level=1)
            for line in lines:
                document.add_paragraph(line, style="List Bullet")
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def _docx_blocks(document, text: str) -> None:
    for block in blocks(text):
        if block.kind == "ul":
            for line in block.lines:
                document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph(" ".join(block.lines))


# ---------------------------------------------------------------------------------------------


def as_html(report) -> str:
    """The printable page the PDF is made from."""
    with translation.override(LANGUAGE):
        intro, topics = intro_and_topics(report)
        context = {
            "report": report,
            "document_title": document_title(report),
            "facts": facts(report),
            "intro": blocks(intro.get("text", "")) if intro else [],
            "sections": [
                {"title": s.get("title", ""), "blocks": blocks(s.get("text", ""))} for s in topics
            ],
            "attachments": attachment_lines(report),
            "font_dir": FONT_DIR,
            "region_name": report.region.name if report.region_id else "",
        }
        return render_to_string("reports/report_pdf.html", context)


def as_pdf(report) -> bytes:
    from weasyprint import HTML

    html = as_html(report)
    return HTML(string=html, base_url=FONT_DIR + "/").write_pdf(pdf_variant="pdf/ua-1")
