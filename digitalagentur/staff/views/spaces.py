"""Landräume in the staff area (issue 11): the coordination's overview and the commuting the
bookings saved (spaces/impact_report.py), as a page with a chart and a table, as CSV and as
XLSX. Coordination only (coordinators, region admins); every other role gets 403.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.db.models import Count, Q
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core.text import spreadsheet_safe
from digitalagentur.spaces import impact_report
from digitalagentur.spaces.choices import BookingStatus
from digitalagentur.spaces.models import Booking, Contingent, Employer, Provider, Space
from digitalagentur.spaces.usage import month_bounds

from ..mixins import StaffMixin
from .base import StaffPage


class CoordinationOnly:
    def has_page_permission(self) -> bool:
        return self.access.can_manage


class SpacesPage(CoordinationOnly, StaffPage):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "spaces"
        return context


def _crumbs(*items):
    return [(_("Interner Bereich"), reverse("staff:dashboard")), *items]


class SpacesOverview(SpacesPage):
    template_name = "staff/spaces/overview.html"
    title = gettext_lazy("Landräume")

    def get_breadcrumbs(self):
        return _crumbs((_("Landräume"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        start, end = month_bounds(timezone.localdate())
        spaces = Space.objects.filter(region=self.region).aggregate(
            total=Count("pk"),
            published=Count("pk", filter=Q(published=True)),
            pilot=Count("pk", filter=Q(in_pilot=True)),
        )
        bookings = Booking.objects.filter(region=self.region).aggregate(
            month=Count(
                "pk",
                filter=Q(status=BookingStatus.CONFIRMED, start__gte=start, start__lt=end),
            ),
            pending=Count("pk", filter=Q(status=BookingStatus.REQUESTED, end__gt=now)),
        )
        context.update(
            spaces=spaces,
            bookings=bookings,
            providers=Provider.objects.filter(region=self.region).count(),
            employers=Employer.objects.filter(region=self.region).count(),
            contingents=Contingent.objects.filter(region=self.region).count(),
            month=timezone.localdate(),
        )
        return context


def _year(request, years: list[int]) -> int | None:
    text = (request.GET.get("jahr") or "").strip()
    if not text:
        return years[0]
    if not text.isdigit() or not 2000 <= int(text) <= 2100:
        return None
    return int(text)


class SpacesImpact(SpacesPage):
    template_name = "staff/spaces/impact.html"
    title = gettext_lazy("Wirkung der Landräume")

    def get_breadcrumbs(self):
        return _crumbs((_("Landräume"), reverse("staff:spaces")), (_("Wirkung"), None))

    def get(self, request, *args, **kwargs):
        years = impact_report.years_with_bookings(self.region, timezone.localdate())
        year = _year(request, years)
        if year is None:
            context = self.get_context_data(
                years=years,
                year_error=_("Bitte wählen Sie ein Jahr zwischen 2000 und 2100."),
            )
            return self.render_to_response(context, status=400)
        report = impact_report.impact_report(self.region, year)
        context = self.get_context_data(
            years=years,
            year=year,
            report=report,
            chart=impact_report.month_chart(report),
        )
        return self.render_to_response(context)


class SpacesImpactExport(CoordinationOnly, StaffMixin, View):
    """GET …/wirkung.csv|xlsx?jahr=YYYY."""

    def get(self, request, *args, fmt, **kwargs):
        years = impact_report.years_with_bookings(self.region, timezone.localdate())
        year = _year(request, years)
        if year is None:
            return HttpResponse(
                _("Bitte wählen Sie ein Jahr zwischen 2000 und 2100."),
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        report = impact_report.impact_report(self.region, year)
        if fmt == "xlsx":
            content = as_xlsx(report)
            content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            content = as_csv(report)
            content_type = "text/csv; charset=utf-8"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="landraeume-wirkung-{year}.{fmt}"'
        return response


def _csv_cell(value):
    """Whole numbers stay numbers, decimals get a decimal comma, text is never a formula."""
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    return spreadsheet_safe(value)


def as_csv(report) -> bytes:
    """Semicolons, decimal commas, UTF-8 with BOM (as German spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(impact_report.export_header())
    for row in impact_report.export_rows(report):
        writer.writerow([_csv_cell(v) for v in row])
    writer.writerow([])
    for label, value in parameters(report):
        writer.writerow([spreadsheet_safe(label), spreadsheet_safe(value)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def parameters(report) -> list[tuple[str, str]]:
    factors = report.factors
    return [
        (
            _("Formel"),
            _(
                "eingesparte km = max(0, (Luftlinie Wohnort–Arbeitsort − Luftlinie "
                "Wohnort–Raum) × Umwegfaktor × 2); CO2 = km × Emissionsfaktor"
            ),
        ),
        (_("Umwegfaktor"), str(factors.detour).replace(".", ",")),
        (_("Emissionsfaktor (g CO2 je km)"), str(factors.grams_per_km).replace(".", ",")),
        (_("Quelle des Emissionsfaktors"), factors.source),
        (_("nicht gezählt (Wohn- oder Arbeitsort fehlt)"), str(report.without_places)),
    ]


def as_xlsx(report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)

    def header(sheet, titles):
        cells = []
        for text in titles:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)

    sheet = book.create_sheet(_("Wirkung %(year)d") % {"year": report.year})
    for letter, width in zip("ABCDEF", (12, 40, 24, 14, 16, 20), strict=True):
        sheet.column_dimensions[letter].width = width
    header(sheet, impact_report.export_header())
    for kind, label, town, days, km, kg in impact_report.export_rows(report):
        km_cell = WriteOnlyCell(sheet, value=km)
        km_cell.number_format = "#,##0.0"
        kg_cell = WriteOnlyCell(sheet, value=kg)
        kg_cell.number_format = "#,##0.0"
        sheet.append(
            [
                spreadsheet_safe(kind),
                spreadsheet_safe(label),
                spreadsheet_safe(town),
                days,
                km_cell,
                kg_cell,
            ]
        )
    notes = book.create_sheet(_("Berechnung"))
    notes.column_dimensions["A"].width = 40
    notes.column_dimensions["B"].width = 100
    for label, value in parameters(report):
        notes.append([spreadsheet_safe(label), spreadsheet_safe(value)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
