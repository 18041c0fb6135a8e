"""The command `digitalagentur import_programmes FILE [--dry-run] [--region SLUG]`: the
report on stdout, the progress bar on stderr, exit code 1 with rejected rows, the region."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from digitalagentur.funding.models import Programme

from .test_importer import GOOD, HEADER, counts, csv_bytes


@pytest.fixture
def export_file(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(GOOD))
    return path


@pytest.mark.django_db
def test_command_dry_run_reports_and_writes_nothing(region, export_file):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_programmes", str(export_file), "--dry-run", stdout=out, stderr=err)
    assert counts() == (0, 0, 0)
    text = out.getvalue()
    assert "Region: Kreis A (kreis-a)" in text
    assert "Zeile 2: Modellprojekte Smart Cities (BMI): neu" in text
    assert "Probelauf ohne Fehler (3 neu, 0 geändert, 0 unverändert); nichts gespeichert." in text
    assert "3/3 (100 %)" in err.getvalue() and err.getvalue().startswith("\rPrüfung [")


@pytest.mark.django_db
def test_command_imports_with_progress_and_reports_changes(region, other_region, export_file):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_programmes", str(export_file), region="kreis-b", stdout=out, stderr=err)
    assert "Importiert: 3 neu, 0 geändert, 0 unverändert." in out.getvalue()
    assert "Import [" in err.getvalue() and "3/3 (100 %)" in err.getvalue()
    assert Programme.objects.filter(region=other_region).count() == 3
    assert not Programme.objects.filter(region=region).exists()
    export_file.write_bytes(
        csv_bytes([HEADER, ["fdb-1", "Modellprojekte Smart Cities", "BMI", "Darlehen", "", "", ""]])
    )
    out = io.StringIO()
    call_command(
        "import_programmes", str(export_file), region="kreis-b", stdout=out, stderr=io.StringIO()
    )
    assert "Zeile 2: Modellprojekte Smart Cities (BMI): geändert (Förderart)" in out.getvalue()


@pytest.mark.django_db
def test_command_exits_non_zero_with_the_report_when_rows_are_rejected(region, export_file):
    export_file.write_bytes(csv_bytes(GOOD + [["", "Ohne Geber", "", "", "", "", ""]]))
    out = io.StringIO()
    with pytest.raises(CommandError) as error:
        call_command("import_programmes", str(export_file), stdout=out, stderr=io.StringIO())
    assert str(error.value) == "Nichts importiert: 1 Zeile(n) abgelehnt."
    assert "Zeile 5: Ohne Geber: Der Fördergeber fehlt" in out.getvalue()
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_command_region_and_file_errors(region, other_region, export_file, settings):
    quiet = {"stdout": io.StringIO(), "stderr": io.StringIO()}
    settings.DEFAULT_REGION_SLUG = "kreis-b"
    call_command("import_programmes", str(export_file), "--dry-run", **quiet)
    assert "Region: Kreis B (kreis-b)" in quiet["stdout"].getvalue()
    settings.DEFAULT_REGION_SLUG = "nirgendwo"
    with pytest.raises(CommandError, match="Bitte die Region mit --region angeben."):
        call_command("import_programmes", str(export_file), **quiet)
    with pytest.raises(CommandError, match="Die Region „nirgendwo“ gibt es nicht."):
        call_command("import_programmes", str(export_file), region="nirgendwo", **quiet)
    with pytest.raises(CommandError, match="Die Datei ist nicht lesbar"):
        call_command("import_programmes", str(export_file) + ".fehlt", region="kreis-a", **quiet)
    export_file.write_bytes(b"Foo;Bar\r\n1;2\r\n")
    with pytest.raises(CommandError, match="Es fehlen Spalten"):
        call_command("import_programmes", str(export_file), region="kreis-a", **quiet)
    assert counts() == (0, 0, 0)


@pytest.mark.django_db
def test_command_is_quiet_with_verbosity_0_but_names_rejected_rows(region, export_file):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_programmes", str(export_file), verbosity=0, stdout=out, stderr=err)
    assert out.getvalue() == err.getvalue() == ""
    assert Programme.objects.count() == 3
    export_file.write_bytes(csv_bytes([HEADER, ["", "X", "", "", "", "", ""]]))
    with pytest.raises(CommandError):
        call_command("import_programmes", str(export_file), verbosity=0, stdout=out, stderr=err)
    assert out.getvalue() == "Zeile 2: X: Der Fördergeber fehlt (Spalte „Fördergeber“).\n"
