"""The results of an assessment round in the staff area (issue 9 §3): the consolidation
table with the portfolio matrix and a town compared with the district, the coordination's
overrides of a field's group, applying the final groups to the strategy, and the table as
CSV. The round's list, forms and page are in assessment_rounds.py.

Every role of the region reads these pages; overrides and applying are the coordination's
(assessment.rules.manage_denial). Writes go through assessment/result_actions.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.assessment import result_actions, result_table
from digitalagentur.assessment import results as round_results_module
from digitalagentur.assessment.models import GroupOverride
from digitalagentur.assessment.results import roman
from digitalagentur.core.services import EditConflict

from ..forms_rounds import OverrideForm
from .assessment_rounds import RoundMixin, RoundSection, round_crumbs
from .base import ConfirmPage, StaffPage

# -- results, overrides, applying ------------------------------------------------------------


class ResultsMixin(RoundMixin):
    def get_town(self):
        slug = self.request.GET.get("kommune", "")
        if not slug:
            return None
        return self.round.municipalities.filter(slug=slug).first()


class RoundResults(RoundSection, ResultsMixin, StaffPage):
    """The consolidation table, the overrides, the matrix, a town compared with the district,
    and applying the final groups to the strategy (a constant number of queries)."""

    template_name = "staff/assessment/rounds/results.html"

    def get_title(self):
        return _("Ergebnisse: %(obj)s") % {"obj": self.round}

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.round), reverse("staff:round_detail", args=[self.round.slug])),
            (_("Ergebnisse"), None),
        )

    def get_context_data(self, override_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        town = self.get_town()
        try:
            results = round_results_module.round_results(self.round, municipality=town)
        except ValidationError as exc:
            context.update(results_error=" ".join(exc.messages), towns=[], rows=[])
            return context
        rows = results.rows
        failed = getattr(override_form, "field_pk", None)
        for row in rows:
            row.computed_roman = roman(row.computed_group)
            row.group_roman = roman(row.group)
            row.form = (
                override_form
                if failed == row.field.pk
                else OverrideForm(
                    initial={
                        "priority_group": row.group,
                        "reason": row.override.reason if row.override else "",
                        "version": row.override.version if row.override else None,
                    },
                    group_count=results.group_count,
                    prefix=f"f{row.field.pk}",
                )
            )
        context.update(
            results=results,
            rows=rows,
            town=town,
            towns=list(self.round.municipalities.order_by("name")),
            applied_version=self.round.applied_version,
        )
        if matrix_template():
            from digitalagentur.assessment.matrix import build_matrix

            town_items = None
            if town is not None:
                town_items = [
                    {
                        "field": row.field,
                        "relevance": row.own_relevance,
                        "potential": row.own_potential,
                        "group": row.group,
                        "project_count": row.project_count,
                    }
                    for row in rows
                ]
            context["matrix"] = build_matrix(rows, municipality=town, town_results=town_items)
            context["matrix_template"] = matrix_template()
        return context


def matrix_template() -> str | None:
    """The portfolio matrix include when it exists (helper "matrix")."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template

    try:
        get_template("assessment/includes/matrix.html")
    except TemplateDoesNotExist:
        return None
    return "assessment/includes/matrix.html"


class OverrideSet(RoundSection, ResultsMixin, StaffPage):
    """POST: put a field into another group with a reason (a form error re-renders the
    results page with the message at that field, status 400)."""

    manage_only = True
    template_name = "staff/assessment/rounds/results.html"

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        field = get_object_or_404(self.round.fields.all(), pk=self.kwargs["field"])
        form = OverrideForm(
            request.POST,
            group_count=round_results_module.group_count(self.round),
            prefix=f"f{field.pk}",
        )
        status = 400
        if form.is_valid():
            try:
                result_actions.set_override(
                    self.round,
                    field,
                    form.cleaned_data["priority_group"],
                    form.cleaned_data["reason"],
                    user=request.user,
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict:
                form = self.conflict_form(form, field)
                status = 409
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for name, errors in exc.message_dict.items():
                        form.add_error(name if name in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
        if not form.is_valid():
            form.field_pk = field.pk
            page = RoundResults(request=request, args=args, kwargs=kwargs)
            page.access, page.region, page.round, page.object = (
                self.access,
                self.region,
                self.round,
                self.round,
            )
            messages.error(request, _("Die abweichende Einstufung wurde nicht gespeichert."))
            return page.render_to_response(page.get_context_data(override_form=form), status=status)
        messages.success(
            request,
            _("„%(field)s“ steht jetzt in Gruppe %(group)s; die Begründung ist vermerkt.")
            % {"field": field, "group": roman(form.cleaned_data["priority_group"])},
        )
        return redirect(reverse("staff:round_results", args=[self.round.slug]) + "#ergebnisse")

    def conflict_form(self, form, field):
        """The input kept, based on the override as it is now (saving again on purpose
        replaces it), with the message what happened."""
        current = GroupOverride.objects.filter(round=self.round, field=field).first()
        data = self.request.POST.copy()
        data[f"{form.prefix}-version"] = str(current.version) if current else ""
        fresh = OverrideForm(data, group_count=form.group_count, prefix=form.prefix)
        fresh.is_valid()
        if current is None:
            text = _(
                "Die abweichende Einstufung von „%(field)s“ wurde inzwischen von jemand anderem "
                "aufgehoben. Ihre Eingaben stehen noch im Formular; speichern Sie erneut, wenn "
                "sie gelten sollen."
            )
        else:
            text = _(
                "Die abweichende Einstufung von „%(field)s“ wurde inzwischen von jemand anderem "
                "geändert (jetzt Gruppe %(group)s: „%(reason)s“). Ihre Eingaben stehen noch im "
                "Formular; speichern Sie erneut, wenn sie gelten sollen."
            )
        fresh.add_error(
            None,
            text
            % {
                "field": field,
                "group": roman(current.priority_group) if current else "",
                "reason": current.reason if current else "",
            },
        )
        return fresh


class OverrideClear(RoundSection, ResultsMixin, ConfirmPage):
    """Confirmation (GET) and removal (POST) of a field's override, based on the override's
    version (a stale page shows the conflict)."""

    manage_only = True
    submit_label = gettext_lazy("Abweichung aufheben")
    conflict_subject = gettext_lazy("Diese abweichende Einstufung")

    def prepare(self) -> None:
        super().prepare()
        self.field = get_object_or_404(self.round.fields.all(), pk=self.kwargs["field"])
        self.override = (
            GroupOverride.objects.filter(round=self.round, field=self.field)
            .select_related("user")
            .first()
        )
        if self.override is not None:
            self.object = self.override

    def get_title(self):
        return _("Abweichende Einstufung aufheben: %(field)s") % {"field": self.field}

    def get_breadcrumbs(self):
        return round_crumbs(
            (str(self.round), reverse("staff:round_detail", args=[self.round.slug])),
            (_("Ergebnisse"), reverse("staff:round_results", args=[self.round.slug])),
            (_("Abweichung aufheben"), None),
        )

    def get_cancel_url(self):
        return reverse("staff:round_results", args=[self.round.slug]) + "#abweichungen"

    def get_success_url(self):
        return reverse("staff:round_results", args=[self.round.slug]) + "#ergebnisse"

    def nothing_to_clear(self):
        messages.info(
            self.request,
            _("Für „%(field)s“ gibt es keine abweichende Einstufung (mehr).")
            % {"field": self.field},
        )
        return redirect(self.get_success_url())

    def get(self, request, *args, **kwargs):
        if self.override is None:
            return self.nothing_to_clear()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.override is None:
            return self.nothing_to_clear()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _(
            "Die abweichende Einstufung von „%(field)s“ (Gruppe %(group)s, Begründung: "
            "„%(reason)s“) aufheben? Danach gilt wieder die berechnete Gruppe."
        ) % {
            "field": self.field,
            "group": roman(self.override.priority_group),
            "reason": self.override.reason,
        }
        return context

    def perform(self, form):
        cleared = result_actions.clear_override(
            self.round,
            self.field,
            user=self.request.user,
            expected_version=form.cleaned_data["version"],
        )
        if not cleared:
            # Removed by someone else meanwhile: no success message.
            raise GroupOverride.DoesNotExist
        return _("Die abweichende Einstufung von „%(field)s“ ist aufgehoben.") % {
            "field": self.field
        }


class RoundApply(RoundSection, RoundMixin, ConfirmPage):
    """Apply the round's final priority groups to the strategy (confirmation first)."""

    manage_only = True
    submit_label = gettext_lazy("Prioritäten übernehmen")
    conflict_subject = gettext_lazy("Diese Bewertungsrunde")

    def get_title(self):
        return _("Prioritäten in die Strategie übernehmen: %(obj)s") % {"obj": self.round}

    def get_cancel_url(self):
        return reverse("staff:round_results", args=[self.round.slug])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["question"] = _(
            "Die Prioritätengruppen dieser Runde (einschließlich der abweichenden Einstufungen) "
            "in die Strategie übernehmen? Die Handlungsfelder erhalten ihre neuen Gruppen; "
            "das Änderungsprotokoll und eine neue Fassung der Strategie zeigen die Änderung."
        )
        if self.round.applied_version_id:
            context["notice"] = _(
                "Diese Runde wurde bereits am %(when)s übernommen (Fassung „%(version)s“)."
            ) % {
                "when": timezone.localtime(self.round.applied_at).strftime("%d.%m.%Y %H:%M")
                if self.round.applied_at
                else "–",
                "version": self.round.applied_version,
            }
        return context

    def perform(self, form):
        self.version = result_actions.apply_to_strategy(
            self.round,
            user=self.request.user,
            note=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )
        return _("Die Prioritäten sind in die Strategie übernommen (Fassung „%(version)s“).") % {
            "version": self.version
        }

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.get_cancel_url())


class ResultsCsv(ResultsMixin, StaffPage):
    """The results table as CSV (semicolons, decimal commas: opens in German spreadsheets)."""

    def get(self, request, *args, **kwargs):
        try:
            results = round_results_module.round_results(self.round)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("staff:round_results", args=[self.round.slug]))
        response = HttpResponse(result_table.as_csv(results), content_type=result_table.CSV)
        response["Content-Disposition"] = f'attachment; filename="{self.round.slug}-ergebnisse.csv"'
        return response
