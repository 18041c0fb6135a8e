"""Indicators in the staff area: list (drafts included), detail with targets and values,
create, edit, delete, and the import of measured values from CSV or XLSX.

Who may write what is decided by indicators.rules: the coordination defines indicators and
targets and enters every value; officers enter and correct the values of their own towns.
"""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from digitalagentur.core import uploads
from digitalagentur.indicators import importer, services
from digitalagentur.indicators.choices import IndicatorStatus
from digitalagentur.indicators.models import (
    Indicator,
    IndicatorTarget,
    IndicatorValue,
)
from digitalagentur.indicators.queries import status_counts, visible_indicators, with_status
from digitalagentur.indicators.rules import (
    can_write_any_value,
    indicator_write_denial,
    value_write_denial,
)
from digitalagentur.indicators.wording import explanation

from ..changes import history
from ..forms_indicators import (
    ImportApplyForm,
    ImportUploadForm,
    IndicatorFilterForm,
    IndicatorForm,
    IndicatorTargetForm,
    IndicatorValueForm,
)
from ..mixins import ObjectMixin, StaffMixin
from .base import CreatePage, DeletePage, EditPage, StaffPage
from .projects import home_crumb

PAGE_SIZE = 25
# The file of a checked import waits in the session for the confirmation (one per session).
TEMPLATE_HEADER = ["Indikator", "Stichtag", "Wert", "Kommune", "Anmerkung"]


def list_crumbs():
    return [home_crumb(), (_("Indikatoren"), reverse("staff:indicator_list"))]


def indicator_crumbs(indicator, *tail):
    crumbs = list_crumbs() + [
        (str(indicator), reverse("staff:indicator_detail", args=[indicator.pk]))
    ]
    return crumbs + list(tail)


def public_url(indicator) -> str | None:
    """The indicator's public page, when it is published."""
    if not indicator.published:
        return None
    return reverse("public:indicator_detail", args=[indicator.slug])


class IndicatorSection:
    """Marks the indicators' entry of the staff navigation as current."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "indicators"
        return context


# -- list and detail ------------------------------------------------------------------------


class IndicatorList(IndicatorSection, StaffPage):
    template_name = "staff/indicators/list.html"
    title = gettext_lazy("Indikatoren")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Indikatoren"), None)]

    def rows(self, form: IndicatorFilterForm) -> list:
        """The filtered rows with status: a fixed number of queries however many there are
        (the status needs every value, so status and currency are filtered in Python)."""
        form.is_valid()  # invalid filters are reported and left out, the valid ones apply
        data = form.cleaned_data
        indicators = visible_indicators(self.region, internal=True).prefetch_related("fields")
        if data.get("q"):
            indicators = indicators.filter(name__icontains=data["q"])
        if data.get("field"):
            indicators = indicators.filter(fields=data["field"]).distinct()
        if data.get("sichtbarkeit"):
            indicators = indicators.filter(published=data["sichtbarkeit"] == "1")
        rows = with_status(indicators)
        if data.get("status"):
            rows = [row for row in rows if row.status == data["status"]]
        if data.get("aktuell"):
            rows = [row for row in rows if row.is_current == (data["aktuell"] == "1")]
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = IndicatorFilterForm(self.request.GET, region=self.region)
        rows = self.rows(form)
        page = Paginator(rows, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(
            form=form,
            page=page,
            rows=list(page),
            counts=status_counts(rows),
            status_labels=dict(IndicatorStatus.choices),
            can_create=indicator_write_denial(self.access) is None,
            can_import=can_write_any_value(self.access),
            is_filtered=any(v for k, v in self.request.GET.items() if k != "page"),
        )
        return context


class IndicatorDetail(IndicatorSection, ObjectMixin, StaffPage):
    template_name = "staff/indicators/detail.html"

    def get_queryset(self):
        return Indicator.objects.filter(region=self.region).prefetch_related(
            "fields", "goals", "projects", "municipalities"
        )

    def has_permission(self, obj) -> bool:
        return True

    def get_title(self):
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs() + [(str(self.object), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.object
        row = with_status([indicator])[0]
        values = (
            IndicatorValue.objects.filter(indicator=indicator)
            .select_related("municipality")
            .order_by(F("municipality__name").asc(nulls_first=True), "-date", "-pk")
        )
        can_manage = indicator_write_denial(self.access) is None
        context.update(
            indicator=indicator,
            row=row,
            status_label=IndicatorStatus(row.status).label,
            explanation=explanation(row),
            targets=row.targets,
            values=[
                (v, value_write_denial(self.access, v.municipality_id) is None) for v in values
            ],
            can_manage=can_manage,
            can_add_value=can_write_any_value(self.access),
            public_url=public_url(indicator),
            history=history(indicator),
        )
        return context


# -- indicator create, edit, delete -----------------------------------------------------------


class IndicatorCreate(IndicatorSection, CreatePage):
    form_class = IndicatorForm
    title = gettext_lazy("Neuer Indikator")
    success_message = gettext_lazy("Der Indikator wurde angelegt.")

    def has_page_permission(self) -> bool:
        return indicator_write_denial(self.access) is None

    def get_breadcrumbs(self):
        return list_crumbs() + [(_("Neuer Indikator"), None)]

    def get_cancel_url(self):
        return reverse("staff:indicator_list")

    def get_success_url(self, obj):
        return reverse("staff:indicator_detail", args=[obj.pk])

    def save(self, form):
        return services.create_indicator(
            region=self.region,
            values=form.model_values(),
            links=form.links(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class IndicatorObjectMixin(IndicatorSection):
    conflict_subject = gettext_lazy("Dieser Indikator")

    def get_queryset(self):
        return Indicator.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return indicator_write_denial(self.access) is None

    def get_cancel_url(self):
        return reverse("staff:indicator_detail", args=[self.object.pk])


class IndicatorEdit(IndicatorObjectMixin, EditPage):
    form_class = IndicatorForm
    success_message = gettext_lazy("Der Indikator wurde gespeichert.")

    def get_title(self):
        return _("Indikator bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return indicator_crumbs(self.object, (_("Bearbeiten"), None))

    def save(self, form):
        return services.update_indicator(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            links=form.links(),
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class IndicatorDelete(IndicatorObjectMixin, DeletePage):
    question = gettext_lazy(
        "Wollen Sie den Indikator „{obj}“ mit allen Zielwerten und Messwerten wirklich löschen? "
        "Das lässt sich nicht rückgängig machen."
    )

    def get_breadcrumbs(self):
        return indicator_crumbs(self.object, (_("Löschen"), None))

    def get_success_url(self):
        return reverse("staff:indicator_list")


# -- targets and values, edited on the indicator's page ---------------------------------------


class IndicatorChildMixin(IndicatorSection):
    """Resolves the indicator from the URL (region-scoped, 404); subclasses check the right."""

    model = None
    anchor = ""

    def prepare(self) -> None:
        self.indicator = get_object_or_404(
            Indicator.objects.filter(region=self.region), pk=self.kwargs["indicator_pk"]
        )
        if not self.may_write_here():
            raise PermissionDenied
        super().prepare()

    def may_write_here(self) -> bool:
        raise NotImplementedError

    def get_queryset(self):
        return self.model.objects.filter(region=self.region, indicator=self.indicator)

    def has_permission(self, obj) -> bool:
        return True

    def get_cancel_url(self):
        return reverse("staff:indicator_detail", args=[self.indicator.pk]) + self.anchor

    def get_breadcrumbs(self):
        return indicator_crumbs(self.indicator, (self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["intro"] = _("Indikator: %(name)s%(unit)s") % {
            "name": self.indicator.name,
            "unit": f" ({self.indicator.unit})" if self.indicator.unit else "",
        }
        return context


class TargetMixin(IndicatorChildMixin):
    model = IndicatorTarget
    form_class = IndicatorTargetForm
    anchor = "#zielwerte"
    conflict_subject = gettext_lazy("Dieser Zielwert")

    def may_write_here(self) -> bool:
        return indicator_write_denial(self.access) is None


class TargetCreate(TargetMixin, CreatePage):
    title = gettext_lazy("Neuer Zielwert")
    success_message = gettext_lazy("Der Zielwert wurde angelegt.")

    def save(self, form):
        return services.add_target(
            self.indicator,
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            **form.model_values(),
        )


class TargetEdit(TargetMixin, EditPage):
    success_message = gettext_lazy("Der Zielwert wurde gespeichert.")

    def get_title(self):
        return _("Zielwert bearbeiten: %(obj)s") % {"obj": self.object}

    def save(self, form):
        return services.update_target(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class TargetDelete(TargetMixin, DeletePage):
    pass


class ValueMixin(IndicatorChildMixin):
    model = IndicatorValue
    form_class = IndicatorValueForm
    anchor = "#messwerte"
    conflict_subject = gettext_lazy("Dieser Messwert")

    def may_write_here(self) -> bool:
        return can_write_any_value(self.access)

    def has_permission(self, obj) -> bool:
        return value_write_denial(self.access, obj.municipality_id) is None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "access": self.access}


class ValueCreate(ValueMixin, CreatePage):
    title = gettext_lazy("Neuer Messwert")
    success_message = gettext_lazy("Der Messwert wurde angelegt.")

    def get_form(self, data=None):
        form = super().get_form(data)
        towns = self.access.officer_town_ids
        if not self.access.can_manage and len(towns) == 1:
            form.fields["municipality"].initial = next(iter(towns))
        return form

    def save(self, form):
        return services.add_value(
            self.indicator,
            user=self.request.user,
            reason=form.cleaned_data["reason"],
            **form.model_values(),
        )


class ValueEdit(ValueMixin, EditPage):
    success_message = gettext_lazy("Der Messwert wurde gespeichert.")

    def get_title(self):
        return _("Messwert bearbeiten: %(obj)s") % {"obj": self.object}

    def save(self, form):
        return services.update_value(
            self.object,
            form.model_values(),
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class ValueDelete(ValueMixin, DeletePage):
    pass


class ChildRedirect(ObjectMixin, View):
    """A target's or value's own address (change-log links): its indicator's staff page."""

    model = None
    anchor = ""

    def get_queryset(self):
        return self.model.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return True

    def get(self, request, *args, **kwargs):
        url = reverse("staff:indicator_detail", args=[self.object.indicator_id])
        return redirect(f"{url}#{self.anchor}-{self.object.pk}")


class TargetRedirect(ChildRedirect):
    model = IndicatorTarget
    anchor = "zielwert"


class ValueRedirect(ChildRedirect):
    model = IndicatorValue
    anchor = "messwert"


# -- import -----------------------------------------------------------------------------------


UPLOAD_KIND = "indicator-values"


class ImportPageMixin(IndicatorSection):
    template_name = "staff/indicators/import.html"
    title = gettext_lazy("Messwerte importieren")

    def has_page_permission(self) -> bool:
        return can_write_any_value(self.access)

    def get_breadcrumbs(self):
        return list_crumbs() + [(_("Import"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["officer_only"] = not self.access.can_manage
        return context


class IndicatorImport(ImportPageMixin, StaffPage):
    """Upload and dry run: the report of every row; nothing is written here."""

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportUploadForm()))

    def post(self, request, *args, **kwargs):
        form = ImportUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        upload = form.cleaned_data["file"]
        content = upload.read(importer.MAX_BYTES + 1)
        try:
            report = importer.check(self.region, self.access, upload.name, content)
        except importer.ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        uploads.forget(UPLOAD_KIND, request.user)
        apply_form = None
        if report.ok:
            token = uploads.remember(UPLOAD_KIND, request.user, self.region, upload.name, content)
            apply_form = ImportApplyForm(initial={"token": token})
        context = self.get_context_data(
            form=ImportUploadForm(), report=report, file_name=upload.name, apply_form=apply_form
        )
        return self.render_to_response(context)


class IndicatorImportApply(ImportPageMixin, StaffPage):
    """Write the checked file (checked again: the data or the rights may have changed)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ImportApplyForm(request.POST)
        token = form.cleaned_data["token"] if form.is_valid() else ""
        pending = uploads.recall(UPLOAD_KIND, request.user, self.region, token)
        if pending is None:
            messages.error(
                request,
                _(
                    "Dieser Import ist nicht mehr vorhanden (abgelaufen oder schon ausgeführt). "
                    "Bitte laden Sie die Datei erneut hoch."
                ),
            )
            return redirect("staff:indicator_import")
        name, content = pending.name, bytes(pending.content)
        try:
            report = importer.apply(self.region, self.access, name, content, user=request.user)
        except importer.ImportFileError as exc:
            report, error = None, str(exc)
        else:
            error = ""
        pending.delete()
        if report is not None and report.applied:
            summary = report.summary()
            messages.success(
                request,
                _(
                    "Import abgeschlossen: %(created)s neue, %(updated)s geänderte und "
                    "%(unchanged)s unveränderte Werte."
                )
                % summary,
            )
            return redirect("staff:indicator_list")
        messages.error(
            request,
            error
            or _(
                "Nichts wurde importiert: Seit der Prüfung haben sich Daten oder Rechte geändert. "
                "Bitte prüfen Sie den Bericht und laden Sie die Datei erneut hoch."
            ),
        )
        context = self.get_context_data(form=ImportUploadForm(), report=report, file_name=name)
        return self.render_to_response(context, status=409)


class IndicatorImportTemplate(StaffMixin, View):
    """A CSV to fill in: the header and one example row (UTF-8 with BOM for Excel)."""

    def get(self, request, *args, **kwargs):
        first = Indicator.objects.filter(region=self.region).order_by("name", "pk").first()
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(TEMPLATE_HEADER)
        example = first.name if first else _("Name des Indikators")
        writer.writerow([example, "31.12.2024", "12,5", "", _("Beispielzeile: bitte ersetzen")])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="indikatoren-import-vorlage.csv"'
        return response
