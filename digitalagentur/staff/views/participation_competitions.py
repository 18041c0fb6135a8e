"""Competitions in the staff area (issue 12, section 2), mounted at
/intern/beteiligung/wettbewerbe/: the coordination's list, the call's form, its page (criteria,
prizes, jury), the submissions, the ranking with each juror's scores, and publishing the
result. Coordination only (participation.rules.can_manage_competitions), other regions 404.
Writes go through participation/competitions.py (and core.services for the call's own
fields), each with the change log.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core.services import update_object
from digitalagentur.participation import competitions, rules, services
from digitalagentur.participation.choices import CompetitionPhase
from digitalagentur.participation.models import Competition, Juror, Submission

from ..changes import history
from ..forms_participation import CompetitionForm, JurorAddForm
from ..mixins import ObjectMixin
from .base import CreatePage, EditPage, StaffPage
from .participation import ActionPage, queue_crumbs


def list_url() -> str:
    return reverse("staff:competition_list")


def detail_url(competition_id: int, anchor: str = "") -> str:
    return reverse("staff:competition_detail", args=[competition_id]) + anchor


def list_crumbs(*tail):
    return queue_crumbs((_("Wettbewerbe"), list_url()), *tail)


def competition_crumbs(competition, *tail):
    return list_crumbs((str(competition), detail_url(competition.pk)), *tail)


class CompetitionSection:
    """The coordination only; the navigation highlights "Beteiligung"."""

    def has_page_permission(self) -> bool:
        return rules.can_manage_competitions(self.access)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["section"] = "participation"
        return context


class CompetitionObject(CompetitionSection, ObjectMixin):
    """A competition of the request's region (404 otherwise)."""

    conflict_subject = gettext_lazy("Dieser Wettbewerb")

    def get_queryset(self):
        return Competition.objects.filter(region=self.region)

    def has_permission(self, obj) -> bool:
        return rules.can_manage_competitions(self.access)


class CompetitionList(CompetitionSection, StaffPage):
    template_name = "staff/participation/competition_list.html"
    title = gettext_lazy("Wettbewerbe")

    def get_breadcrumbs(self):
        return queue_crumbs((self.get_title(), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(
            Competition.objects.filter(region=self.region)
            .annotate(
                entries=Count("submissions", filter=Q(submissions__withdrawn=False), distinct=True),
                juror_count=Count("jurors", distinct=True),
            )
            .order_by("-submission_start", "pk")
        )
        now = timezone.now()
        for row in rows:
            row.phase_label = CompetitionPhase(row.phase(now)).label
        context["competitions"] = rows
        return context


class CompetitionCreate(CompetitionSection, CreatePage):
    form_class = CompetitionForm
    title = gettext_lazy("Neuer Wettbewerb")
    success_message = gettext_lazy(
        "Der Wettbewerb wurde angelegt. Legen Sie nun Kriterien, Preise und die Jury fest."
    )

    def get_breadcrumbs(self):
        return list_crumbs((self.get_title(), None))

    def get_cancel_url(self) -> str:
        return list_url()

    def get_success_url(self, obj) -> str:
        return detail_url(obj.pk)

    def save(self, form):
        competition = Competition(region=self.region, **form.model_values())
        return competitions.create_competition(
            competition, user=self.request.user, reason=form.cleaned_data["reason"]
        )


class CompetitionEdit(CompetitionObject, EditPage):
    form_class = CompetitionForm
    success_message = gettext_lazy("Der Wettbewerb wurde gespeichert.")

    def get_title(self) -> str:
        return _("Wettbewerb bearbeiten: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return competition_crumbs(self.object, (_("Bearbeiten"), None))

    def get_cancel_url(self) -> str:
        return detail_url(self.object.pk)

    def save(self, form):
        values = form.model_values()
        competitions.check_extra_field_definitions(values["extra_fields"])
        return update_object(
            self.object,
            values,
            expected_version=form.cleaned_data["version"],
            user=self.request.user,
            reason=form.cleaned_data["reason"],
        )


class CompetitionDetail(CompetitionObject, StaffPage):
    """The call at a glance: dates and phase, criteria, prizes and their winners, the jury
    (added here by user name or e-mail address), and the ways to the entries and ranking."""

    template_name = "staff/participation/competition_detail.html"

    def get_title(self) -> str:
        return str(self.object)

    def get_breadcrumbs(self):
        return list_crumbs((str(self.object), None))

    def post(self, request, *args, **kwargs):
        form = JurorAddForm(request.POST, competition=self.object)
        if form.is_valid():
            account = form.cleaned_data["account"]
            try:
                competitions.add_juror(self.object, account, actor=request.user)
            except ValidationError as exc:
                form.add_error("account", exc.messages)
            else:
                messages.success(
                    request,
                    _("%(name)s gehört jetzt zur Jury.") % {"name": account.get_username()},
                )
                return redirect(detail_url(self.object.pk, "#jury"))
        return self.render_to_response(self.get_context_data(juror_form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        competition = self.object
        context.setdefault("juror_form", JurorAddForm(competition=competition))
        entries = Submission.objects.filter(competition=competition).aggregate(
            total=Count("pk", filter=Q(withdrawn=False)),
            withdrawn=Count("pk", filter=Q(withdrawn=True)),
        )
        context.update(
            competition=competition,
            object=competition,
            phase=CompetitionPhase(competition.phase()),
            criteria=list(competition.criteria.all()),
            prizes=list(competition.prizes.select_related("winner")),
            jurors=list(
                Juror.objects.filter(competition=competition)
                .select_related("user")
                .annotate(score_count=Count("scores", distinct=True))
                .order_by("user__username", "pk")
            ),
            entries=entries,
            locked=competition.result_published,
            history=history(competition),
        )
        return context


class SubmissionList(CompetitionObject, StaffPage):
    """Every entry, withdrawn ones marked, with the call's extra fields."""

    template_name = "staff/participation/competition_submissions.html"

    def get_title(self) -> str:
        return _("Einreichungen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return competition_crumbs(self.object, (_("Einreichungen"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fields = [f for f in self.object.extra_fields or [] if isinstance(f, dict)]
        rows = list(
            Submission.objects.filter(competition=self.object)
            .select_related("municipality", "author")
            .annotate(
                conflict_count=Count("conflicts", distinct=True),
                score_count=Count("scores", distinct=True),
            )
            .order_by("created", "pk")
        )
        for row in rows:
            row.extra_rows = [
                (f.get("label", f.get("key")), row.extra.get(f.get("key"), "")) for f in fields
            ]
            row.author_name = services.display_name(row.author)
        context.update(competition=self.object, submissions=rows, extra_fields=fields)
        return context


class Ranking(CompetitionObject, StaffPage):
    """The ranking (weighted mean of the jury's scores) with each juror's scores."""

    template_name = "staff/participation/competition_ranking.html"

    def has_permission(self, obj) -> bool:
        return rules.can_see_ranking(self.access, obj) and super().has_permission(obj)

    def get_title(self) -> str:
        return _("Rangliste: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return competition_crumbs(self.object, (_("Rangliste"), None))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        competition = self.object
        entries = competitions.ranking(competition)
        criteria = list(competition.criteria.all())
        jurors = list(
            Juror.objects.filter(competition=competition).select_related("user").order_by("pk")
        )
        for entry in entries:
            entry.criterion_cells = [(c, entry.per_criterion.get(c)) for c in criteria]
            entry.juror_rows = [
                {
                    "juror": juror,
                    "name": juror_name(juror),
                    "conflict": juror in entry.conflicts,
                    "values": [(c, entry.values.get(juror, {}).get(c)) for c in criteria],
                    "mean": entry.per_juror.get(juror),
                }
                for juror in jurors
            ]
        context.update(
            competition=competition,
            entries=entries,
            criteria=criteria,
            jurors=jurors,
            can_publish=not competition.result_published
            and competition.phase() not in (CompetitionPhase.UPCOMING, CompetitionPhase.SUBMISSION),
        )
        return context


def juror_name(juror: Juror) -> str:
    user = juror.user
    return user.get_full_name() or user.get_username()


class PublishResult(CompetitionObject, ActionPage):
    """Give the prizes in ranking order and publish the result (with a preview)."""

    submit_label = gettext_lazy("Ergebnis veröffentlichen")
    template_name = "staff/participation/competition_publish.html"

    def get_title(self) -> str:
        return _("Ergebnis veröffentlichen: %(obj)s") % {"obj": self.object}

    def get_breadcrumbs(self):
        return competition_crumbs(self.object, (_("Ergebnis veröffentlichen"), None))

    def get_cancel_url(self) -> str:
        return reverse("staff:competition_ranking", args=[self.object.pk])

    def get_success_url(self) -> str:
        return detail_url(self.object.pk)

    def question(self) -> str:
        return _(
            "Das Ergebnis von „%(obj)s“ veröffentlichen? Die Preise gehen in der Reihenfolge der "
            "Rangliste an die Einreichungen; danach können Jury und Bewertungen nicht mehr "
            "geändert werden, und die Gewinnerseite ist öffentlich."
        ) % {"obj": self.object}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ranked = [e for e in competitions.ranking(self.object) if e.rank is not None]
        prizes = list(self.object.prizes.all())
        context["preview"] = [
            (prize, ranked[i] if i < len(ranked) else None) for i, prize in enumerate(prizes)
        ]
        context["already"] = self.object.result_published
        return context

    def perform(self, form) -> str:
        competitions.publish_result(
            self.object, user=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("Das Ergebnis von „%(obj)s“ ist veröffentlicht.") % {"obj": self.object}
