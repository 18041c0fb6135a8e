import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from digitalagentur.reports.models import Meeting, StatusReport

from .conftest import AFTER, BEFORE


def run(*args):
    err = io.StringIO()
    call_command("status_report", *args, stdout=io.StringIO(), stderr=err)
    return err.getvalue()


@pytest.fixture
def history(build, committee):
    build.timeline(BEFORE, "Vorher passiert", topic="agency")
    build.timeline(datetime.date(2022, 4, 26), "Koordinierungskreis konstituiert", topic="agency")
    build.timeline(AFTER, "Nachher passiert", topic="agency")
    return build


def test_markdown_of_the_period_with_progress(history, tmp_path):
    out = tmp_path / "bericht.md"
    err = run(
        "--since",
        "2022-03-17",
        "--until",
        "2022-09-13",
        "--format",
        "md",
        "--output",
        str(out),
        "--reference",
        "SV-10-0671",
    )
    text = out.read_text(encoding="utf-8")
    assert "Koordinierungskreis konstituiert" in text
    assert "Vorher passiert" not in text and "Nachher passiert" not in text
    assert text.startswith("# SV-10-0671: Sachstandsbericht")
    assert "Abschnitt 1 von 7" in err and "Abschnitt 7 von 7" in err
    # Nothing is stored.
    assert not StatusReport.objects.exists() and not Meeting.objects.exists()


def test_pdf_and_docx_files(history, tmp_path):
    from pypdf import PdfReader

    pdf, docx_file = tmp_path / "b.pdf", tmp_path / "b.docx"
    run("--since", "17.03.2022", "--until", "2022-09-13", "--output", str(pdf))
    text = "".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Sachdarstellung" in text and "Koordinierungskreis" in text
    run(
        "--since",
        "2022-03-17",
        "--until",
        "2022-09-13",
        "--format",
        "docx",
        "--output",
        str(docx_file),
        "--committee",
        "ausschuss-finanzen-wirtschaft-digitalisierung",
        "--region",
        history.region.slug,
        "--meeting-date",
        "2022-09-13",
        "--topics",
        "agency",
    )
    import docx

    document = docx.Document(str(docx_file))
    assert any(p.text == "Digitalagentur" for p in document.paragraphs)


@pytest.mark.parametrize(
    "args, message",
    [
        (["--since", "2022-13-01"], "Ungültiges Datum für --since"),
        (["--since", "2022-09-14", "--until", "2022-09-13"], "liegt vor seinem Beginn"),
        (
            ["--since", "2022-03-17", "--region", "nirgendwo"],
            "Die Region „nirgendwo“ gibt es nicht",
        ),
        (["--since", "2022-03-17", "--committee", "rat"], "Den Ausschuss „rat“ gibt es"),
        (["--since", "2022-03-17", "--topics", "wetter"], "Unbekannte Themen: wetter"),
        ([], "Bitte den Beginn des Berichtszeitraums"),
    ],
)
def test_bad_options_are_refused_in_german(history, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args, "--output", str(tmp_path / "x.md"), "--format", "md")


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01"])
def test_far_dates_are_refused_with_a_message(history, value, tmp_path):
    with pytest.raises(CommandError, match="Unplausibles Datum"):
        call_command(
            "status_report",
            "--since=2022-01-01",
            f"--until={value}",
            "--format=md",
            f"--output={tmp_path / 'x.md'}",
        )
