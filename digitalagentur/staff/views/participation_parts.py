"""The parts of a competition in the staff area (issue 12, section 2): criteria and prizes
(added through participation/competitions.py; edited and deleted here with the change log, as
competitions.py has no services for those simple rows), removing a juror, and the change-log
addresses of ideas' comments and of competitions' parts. Coordination only, other regions 404.
Once the result is published, criteria, prizes and jury stay as they were.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.core import services as core
from digitalagentur.core.models import ObjectChange
from digitalagentur.participation import competitions, rules
from digitalagentur.participation.models import (
    Comment,
    Competition,
    Conflict,
    Criterion,
    Juror,
    Prize,
    Score,
    Submission,
)

from ..forms_participation import CriterionForm, PrizeForm, ReasonForm
from ..mixins import ObjectMixin
from .base import ObjectRedirect
from .participation import ActionPage, idea_url
from .participation_competitions import (
    CompetitionObject,
    CompetitionSection,
    competition_crumbs,
    detail_url,
    juror_name,
)

LOCKED = gettext_lazy(
    "Das Ergebnis ist veröffentlicht: Kriterien, Preise und Jury bleiben, wie sie sind."
)


def _locked_competition(competition_id: int) -> Competition:
    competition = Competition.objects.select_for_update().get(pk=competition_id)
    if competition.result_published:
        raise ValidationError(str(LOCKED))
    return competition


@transaction.atomic
def update_row(instance, values: dict, *, user, reason: str = ""):
    """Change a criterion or prize and log it (nothing when nothing changed)."""
    competition = _locked_competition(instance.competition_id)
    before = core.snapshot(instance)
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()
    changes = core.diff_snapshots(before, core.snapshot(instance))
    if changes:
        instance.save()
        core.log_change(
            instance,
            ObjectChange.Action.UPDATE,
            user=user,
            changes=changes,
            reason=reason,
            region_id=competition.region_id,
        )
    return instance


@transaction.atomic
def delete_row(instance, *, user, reason: str = "") -> None:
    """Delete a criterion (and its scores) or a prize, with the change log."""
    competition = _locked_competition(instance.competition_id)
    core.log_change(
        instance,
        ObjectChange.Action.DELETE,
        user=user,
        changes=core.diff_snapshots(core.snapshot(instance), {}),
        reason=reason,
        region_id=competition.region_id,
    )
    instance.delete()


class PartObject(CompetitionSection, ObjectMixin):
    """A criterion, prize or juror of a competition of the request's region (404 otherwise)."""

    model = None

    def get_queryset(self):
        return self.model.objects.filter(competition__region=self.region).select_related(
            "competition"
        )

    def has_permission(self, obj) -> bool:
        return rules.can_manage_competitions(self.access)

    def prepare(self) -> None:
        super().prepare()
        self.competition = self.object.competition

    def get_breadcrumbs(self):
        return competition_crumbs(self.competition, (self.get_title(), None))


class PartCreate(CompetitionObject, ActionPage):
    """…/wettbewerbe/<pk>/…/neu/: a new part of the competition <pk>."""

    submit_label = gettext_lazy("Anlegen")

    def prepare(self) -> None:
        super().prepare()
        self.competition = self.object

    def get_breadcrumbs(self):
        return competition_crumbs(self.competition, (self.get_title(), None))

    def current_version(self):
        return None  # adding a part leaves the competition's own version alone

    def get(self, request, *args, **kwargs):
        if self.competition.result_published:
            return self.refuse_locked(request)
        return super().get(request, *args, **kwargs)

    def refuse_locked(self, request):
        messages.error(request, str(LOCKED))
        return redirect(self.get_cancel_url())


# --- criteria --------------------------------------------------------------------------------


class CriterionCreate(PartCreate):
    title = gettext_lazy("Neues Kriterium")

    def make_form(self, data=None):
        return CriterionForm(data)

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, "#kriterien")

    def perform(self, form) -> str:
        data = form.cleaned_data
        criterion = competitions.add_criterion(
            self.competition,
            name=data["name"],
            weight=data["weight"],
            description=data["description"],
            position=data["position"],
            user=self.request.user,
        )
        return _("Das Kriterium „%(name)s“ wurde angelegt.") % {"name": criterion.name}


class CriterionEdit(PartObject, ActionPage):
    model = Criterion
    submit_label = gettext_lazy("Speichern")

    def get_title(self) -> str:
        return _("Kriterium bearbeiten: %(name)s") % {"name": self.object.name}

    def make_form(self, data=None):
        c = self.object
        initial = {
            "name": c.name,
            "weight": c.weight,
            "description": c.description,
            "position": c.position,
        }
        return CriterionForm(data, initial=initial)

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, f"#kriterium-{self.object.pk}")

    def perform(self, form) -> str:
        values = dict(form.cleaned_data)
        if values["position"] is None:
            values["position"] = self.object.position
        values["name"] = values["name"].strip()
        values["description"] = values["description"].strip()
        update_row(self.object, values, user=self.request.user)
        return _("Das Kriterium wurde gespeichert.")


class CriterionDelete(PartObject, ActionPage):
    model = Criterion
    danger = True
    submit_label = gettext_lazy("Endgültig löschen")

    def get_title(self) -> str:
        return _("Kriterium löschen: %(name)s") % {"name": self.object.name}

    def question(self) -> str:
        count = Score.objects.filter(criterion=self.object).count()
        text = _("Das Kriterium „%(name)s“ löschen?") % {"name": self.object.name}
        if count:
            text += " " + _(
                "Die %(n)d Bewertungen der Jury zu diesem Kriterium werden mit gelöscht."
            ) % {"n": count}
        return text

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, "#kriterien")

    def perform(self, form) -> str:
        delete_row(self.object, user=self.request.user, reason=form.cleaned_data["reason"])
        return _("Das Kriterium „%(name)s“ wurde gelöscht.") % {"name": self.object.name}


# --- prizes ----------------------------------------------------------------------------------


class PrizeCreate(PartCreate):
    title = gettext_lazy("Neuer Preis")

    def make_form(self, data=None):
        last = self.competition.prizes.order_by("-position").first()
        initial = {"position": (last.position + 1) if last else 1}
        return PrizeForm(data, competition=self.competition, initial=initial)

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, "#preise")

    def perform(self, form) -> str:
        data = form.cleaned_data
        prize = competitions.add_prize(
            self.competition,
            name=data["name"],
            position=data["position"],
            description=data["description"],
            user=self.request.user,
        )
        return _("Der Preis „%(name)s“ wurde angelegt.") % {"name": prize.name}


class PrizeEdit(PartObject, ActionPage):
    model = Prize
    submit_label = gettext_lazy("Speichern")

    def get_title(self) -> str:
        return _("Preis bearbeiten: %(name)s") % {"name": self.object.name}

    def make_form(self, data=None):
        p = self.object
        initial = {"position": p.position, "name": p.name, "description": p.description}
        return PrizeForm(data, competition=self.competition, prize=p, initial=initial)

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, f"#preis-{self.object.pk}")

    def perform(self, form) -> str:
        values = {k: v.strip() if isinstance(v, str) else v for k, v in form.cleaned_data.items()}
        update_row(self.object, values, user=self.request.user)
        return _("Der Preis wurde gespeichert.")


class PrizeDelete(PartObject, ActionPage):
    model = Prize
    danger = True
    submit_label = gettext_lazy("Endgültig löschen")

    def get_title(self) -> str:
        return _("Preis löschen: %(name)s") % {"name": self.object.name}

    def question(self) -> str:
        return _("Den Preis „%(name)s“ löschen?") % {"name": self.object.name}

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, "#preise")

    def perform(self, form) -> str:
        delete_row(self.object, user=self.request.user, reason=form.cleaned_data["reason"])
        return _("Der Preis „%(name)s“ wurde gelöscht.") % {"name": self.object.name}


# --- jury ------------------------------------------------------------------------------------


class JurorRemove(PartObject, ActionPage):
    model = Juror
    danger = True
    submit_label = gettext_lazy("Aus der Jury entfernen")

    def get_queryset(self):
        return super().get_queryset().select_related("user")

    def get_title(self) -> str:
        return _("Aus der Jury entfernen: %(name)s") % {"name": juror_name(self.object)}

    def make_form(self, data=None):
        return ReasonForm(
            data,
            required=False,
            label=_("Grund"),
            help_text=_("Optional; erscheint im Änderungsprotokoll."),
        )

    def question(self) -> str:
        count = Score.objects.filter(juror=self.object).count()
        return _(
            "%(name)s aus der Jury entfernen? Die %(n)d Bewertungen und die erklärten "
            "Befangenheiten dieser Person werden mit gelöscht."
        ) % {"name": juror_name(self.object), "n": count}

    def get_cancel_url(self) -> str:
        return detail_url(self.competition.pk, "#jury")

    def perform(self, form) -> str:
        name = juror_name(self.object)
        competitions.remove_juror(
            self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("%(name)s gehört nicht mehr zur Jury.") % {"name": name}


# --- change-log addresses --------------------------------------------------------------------


class CommentRedirect(ObjectRedirect):
    model = Comment

    def get_queryset(self):
        return Comment.objects.filter(idea__region=self.region)

    def target(self, obj):
        return idea_url(obj.idea_id, f"#kommentar-{obj.pk}")


class CompetitionPartRedirect(ObjectRedirect):
    """A criterion, prize or juror: its competition's page, at its anchor."""

    anchor = ""

    def get_queryset(self):
        return self.model.objects.filter(competition__region=self.region)

    def target(self, obj):
        return detail_url(obj.competition_id, f"#{self.anchor}-{obj.pk}")


class CriterionRedirect(CompetitionPartRedirect):
    model, anchor = Criterion, "kriterium"


class PrizeRedirect(CompetitionPartRedirect):
    model, anchor = Prize, "preis"


class JurorRedirect(CompetitionPartRedirect):
    model, anchor = Juror, "juror"


class SubmissionRedirect(CompetitionPartRedirect):
    model = Submission

    def target(self, obj):
        url = reverse("staff:competition_submissions", args=[obj.competition_id])
        return f"{url}#einreichung-{obj.pk}"


class ScoreRedirect(ObjectRedirect):
    """Scores and conflicts: the ranking, at the submission's place."""

    model = Score

    def get_queryset(self):
        return self.model.objects.filter(
            submission__competition__region=self.region
        ).select_related("submission")

    def target(self, obj):
        url = reverse("staff:competition_ranking", args=[obj.submission.competition_id])
        return f"{url}#einreichung-{obj.submission_id}"


class ConflictRedirect(ScoreRedirect):
    model = Conflict
