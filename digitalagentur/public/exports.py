"""Exports of public lists: plain rows built from what the pages show."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.core.text import spreadsheet_safe


def project_rows(projects: Iterable, *, base_url: str = "") -> Iterable[list[str]]:
    """Header and one row per project (projects prepared by queries.for_display)."""
    yield [
        _("Kennung"),
        _("Titel"),
        _("Handlungsfeld"),
        _("Status"),
        _("Fortschritt (%)"),
        _("Leuchtturmprojekt"),
        _("Projekt der Strategie"),
        _("Kommunen"),
        _("Kümmerer"),
        _("Adresse"),
    ]
    for p in projects:
        yield [
            p.code,
            p.title,
            p.public_field.name if p.public_field else "",
            p.get_status_display(),
            str(p.progress),
            _("ja") if p.is_lighthouse else _("nein"),
            _("ja") if p.is_strategy_project else _("nein"),
            ", ".join(town.name for town in p.towns),
            p.lead,
            base_url + reverse("public:project_detail", args=[p.slug]),
        ]


class _Line:
    """csv.writer's target that hands each formatted line back instead of storing it."""

    def write(self, line: str) -> str:
        return line


def projects_csv_lines(projects: Iterable, *, base_url: str = "") -> Iterator[str]:
    """The CSV lines of the projects, one at a time (the export streams)."""
    writer = csv.writer(_Line(), delimiter=";")
    for row in project_rows(projects, base_url=base_url):
        yield writer.writerow([spreadsheet_safe(v) for v in row])
