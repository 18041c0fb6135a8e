import datetime
import io

import pytest

from digitalagentur.reports import exports, services

from .conftest import SINCE, UNTIL


@pytest.fixture
def report(build, committee):
    build.timeline(datetime.date(2022, 3, 28), "Landespreis überreicht", topic="agency")
    build.timeline(datetime.date(2022, 11, 15), "Konferenz danach", topic="events")
    report = services.create_report(
        build.region,
        body=committee,
        meeting_date=UNTIL,
        since=SINCE,
        until=UNTIL,
        topics=["strategy", "agency", "events"],
        reference="SV-10-0671",
        date=datetime.date(2022, 8, 18),
    )
    return services.update_report(
        report,
        data={"attachments": "Präsentation Digitalagentur\nFlyer"},
        sections={"strategy": "Die Strategie wird umgesetzt.\n\n- Punkt eins\n- Punkt zwei"},
        expected_version=report.version,
    )


def test_blocks_read_paragraphs_and_bullets():
    found = exports.blocks("Eins\nzwei\n\n- a\n- b\nDanach")
    assert [(b.kind, b.lines) for b in found] == [
        ("p", ["Eins", "zwei"]),
        ("ul", ["a", "b"]),
        ("p", ["Danach"]),
    ]


def test_markdown_has_the_papers_structure(report):
    text = exports.as_markdown(report)
    assert text.startswith("# SV-10-0671: Sachstandsbericht Digitalisierungsstrategie")
    for heading in ("## Betreff", "## Beschlussvorschlag", "## Sachdarstellung", "## Anlagen"):
        assert f"\n{heading}\n" in text
    assert "### Digitalagentur\n\n- 28.03.2022: Landespreis überreicht." in text
    assert "### Digitalisierungsstrategie\n\nDie Strategie wird umgesetzt.\n\n- Punkt eins" in text
    assert "wird zur Kenntnis genommen." in text
    assert "Konferenz danach" not in text
    assert "Sitzung am 13.09.2022" in text


def test_docx_opens_with_headings_and_properties(report):
    import docx

    document = docx.Document(io.BytesIO(exports.as_docx(report)))
    assert document.core_properties.title.startswith("SV-10-0671: Sachstandsbericht")
    assert document.core_properties.language == "de-DE"
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert ("Heading 1", "Betreff") in headings
    assert ("Heading 1", "Beschlussvorschlag") in headings
    assert ("Heading 1", "Sachdarstellung") in headings
    assert ("Heading 2", "Digitalagentur") in headings
    bullets = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert "Punkt eins" in bullets and "Flyer" in bullets


def test_pdf_is_tagged_german_and_holds_the_sections(report):
    from pypdf import PdfReader

    data = exports.as_pdf(report)
    assert data.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in pdf.pages)
    for words in (
        "Betreff",
        "Beschlussvorschlag",
        "Sachdarstellung",
        "Digitalisierungsstrategie",
        "Digitalagentur",
        "Veranstaltungen",
        "Landespreis überreicht",
        "Anlagen",
    ):
        assert words in text, words
    assert "Konferenz danach" not in text
    root = pdf.trailer["/Root"]
    assert root["/Lang"] == "de"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert pdf.metadata.title.startswith("SV-10-0671: Sachstandsbericht")


def test_filename(report):
    assert exports.filename(report, "pdf") == "sachstandsbericht-sv-10-0671-2022-08-18.pdf"
    report.reference = ""
    assert exports.filename(report, ".md") == "sachstandsbericht-2022-08-18.md"
