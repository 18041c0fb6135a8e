"""Forms of the staff area. Forms validate input only; writes go through the service layer."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.core.models import ObjectChange
from digitalagentur.core.parsing import parse_id
from digitalagentur.directory.models import Body
from digitalagentur.portfolio.models import (
    CODE_TAKEN_MESSAGE,
    Milestone,
    Participation,
    Project,
    ProjectUpdate,
)
from digitalagentur.portfolio.rules import OFFICER_LOCKED_FIELDS, project_write_denial
from digitalagentur.portfolio.services import code_taken
from digitalagentur.strategy.models import Adoption, Field, Goal, Strategy, StrategyVersion
from digitalagentur.tenancy.choices import Role
from digitalagentur.tenancy.models import Municipality
from digitalagentur.tenancy.usernames import validate_username_characters

from .invitations import EMAIL_NEEDED_MESSAGE
from .services import account_of_region, duplicate_role_message, role_exists

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

REASON_HELP = _("Optional; erscheint im Änderungsprotokoll.")


def reason_field():
    return forms.CharField(
        label=_("Grund der Änderung"), required=False, max_length=500, help_text=REASON_HELP
    )


class VersionedModelForm(forms.ModelForm):
    """Edit forms carry the version they were loaded at (hidden) and an optional reason.

    The form never saves itself: views hand `model_values()` to core.services, which refuse a
    stale version with EditConflict.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    reason = reason_field()

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        if self.instance.pk is None:
            self.instance.region = region
            del self.fields["version"]
        else:
            self.fields["version"].required = True
            self.fields["version"].initial = self.instance.version
        for f in self.fields.values():
            if isinstance(f, forms.DateField):
                f.widget = DATE_WIDGET
        self.fields["reason"] = self.fields.pop("reason")  # always the last field

    def model_values(self) -> dict:
        """The cleaned values of the model's own (non many-to-many) fields in this form."""
        names = {f.name for f in self._meta.model._meta.concrete_fields}
        return {k: v for k, v in self.cleaned_data.items() if k in names and k in self.fields}

    @property
    def is_edit(self) -> bool:
        return self.instance.pk is not None


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rejects values that cannot be ids before they reach the database (no OverflowError)."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if parse_id(pk) is None:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(pk)[:30]},
                )
        return super()._check_values(value)


class IdModelChoiceField(forms.ModelChoiceField):
    """Rejects values that cannot be ids before they reach the database (no OverflowError)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class ProjectForm(VersionedModelForm):
    """Coordinators edit every attribute; officers only local content of their towns."""

    towns = IdMultipleChoiceField(
        label=_("Beteiligte Kommunen"),
        queryset=Municipality.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead_town = forms.ModelChoiceField(
        label=_("Federführende Kommune"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_("Muss zu den beteiligten Kommunen gehören."),
    )
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Project
        fields = [
            "title",
            "code",
            "is_strategy_project",
            "is_lighthouse",
            "field",
            "summary",
            "description",
            "central_benefit",
            "challenges",
            "lead",
            "status",
            "progress",
            "progress_is_override",
            "start_date",
            "end_date",
            "website",
            "internal_notes",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "central_benefit": forms.Textarea(attrs={"rows": 4}),
            "challenges": forms.Textarea(attrs={"rows": 4}),
            "internal_notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.order_fields(
            ["title", "code", "is_strategy_project", "is_lighthouse", "field", "towns", "lead_town"]
        )
        self.fields["reason"] = self.fields.pop("reason")
        self.fields["progress"].widget.attrs["max"] = 100
        towns = Municipality.objects.filter(region=self.region)
        self.fields["field"].queryset = Field.objects.filter(region=self.region).select_related(
            "priority_group"
        )
        self.fields["field"].empty_label = _("– kein Handlungsfeld –")
        self.fields["towns"].queryset = towns
        self.fields["lead_town"].queryset = towns
        self.fields["lead_town"].empty_label = _("– keine –")
        shared = False
        if self.is_edit:
            del self.fields["lead_town"]
            self.fields["towns"].initial = sorted(self.instance.participating_town_ids())
            shared = len(self.fields["towns"].initial) > 1
        if not shared:
            # Only a project of several towns has figures computed from parts to override.
            del self.fields["progress_is_override"]
        if access.can_manage:
            if shared:
                self.fields["status"].help_text = self.fields["progress"].help_text = _(
                    "Ergibt sich aus den Teilen der Kommunen; eine Änderung hier legt den Wert "
                    "fest (siehe unten)."
                )
            return
        for name in OFFICER_LOCKED_FIELDS:
            self.fields.pop(name, None)
        if self.is_edit:
            # Officers change the content of their projects, not who takes part in them, and
            # the figures of a shared project in their town's part.
            del self.fields["towns"]
            if shared:
                del self.fields["status"]
                del self.fields["progress"]
            if self.instance.is_strategy_project:
                del self.fields["field"]
        else:
            own = towns.filter(pk__in=access.officer_town_ids)
            self.fields["towns"].queryset = own
            self.fields["towns"].required = True
            self.fields["towns"].help_text = _("Sie können Projekte Ihrer Kommune anlegen.")
            self.fields["lead_town"].queryset = own
            if len(access.officer_town_ids) == 1:
                self.fields["towns"].initial = list(access.officer_town_ids)

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        # The rule of the database constraint (case-blind per region), shared with the API.
        if code_taken(self.region.pk, code, self.instance.pk):
            raise forms.ValidationError(CODE_TAKEN_MESSAGE)
        return code

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Das Ende liegt vor dem Beginn."))
        lead = data.get("lead_town")
        if lead is not None and lead not in (data.get("towns") or []):
            self.add_error("lead_town", _("Die federführende Kommune muss beteiligt sein."))
        if not self.access.can_manage and not self.errors:
            # The form hides what officers may not set; the shared rule has the last word.
            town_ids = None
            if "towns" in self.fields:
                town_ids = [t.pk for t in data.get("towns") or []]
            denial = project_write_denial(
                self.access, data, town_ids, self.instance if self.is_edit else None
            )
            if denial:
                self.add_error("towns" if "towns" in self.fields else None, denial)
        return data

    def town_ids(self) -> list[int] | None:
        if "towns" not in self.fields:
            return None
        return [t.pk for t in self.cleaned_data.get("towns") or []]

    def model_values(self) -> dict:
        values = super().model_values()
        if not self.access.can_manage and not self.is_edit:
            values.update(code="", is_strategy_project=False, is_lighthouse=False)
        if "progress_is_override" in values and "progress_is_override" not in self.changed_data:
            # Untouched, it leaves the rule to the service: new figures set the override.
            del values["progress_is_override"]
        return values


class MilestoneForm(VersionedModelForm):
    class Meta:
        model = Milestone
        fields = ["title", "description", "due_date", "completed_on", "position", "published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PartForm(VersionedModelForm):
    """A town's part of a project: where the town stands, optionally told as a public update."""

    publish_update = forms.BooleanField(
        label=_("Notiz als Projekt-Update veröffentlichen"),
        required=False,
        help_text=_("Die Notiz erscheint mit Datum von heute öffentlich beim Projekt."),
    )

    class Meta:
        model = Participation
        fields = ["status", "progress", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["progress"].widget.attrs["max"] = 100
        self.fields["publish_update"] = self.fields.pop("publish_update")
        self.fields["reason"] = self.fields.pop("reason")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("publish_update") and not (cleaned.get("note") or "").strip():
            self.add_error("note", _("Für ein Projekt-Update bitte eine Notiz schreiben."))
        return cleaned


class ProjectUpdateForm(VersionedModelForm):
    class Meta:
        model = ProjectUpdate
        fields = ["date", "title", "text", "source", "published"]

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))
        return date


class StrategyForm(VersionedModelForm):
    class Meta:
        model = Strategy
        fields = ["title", "subtitle", "vision", "introduction"]


class FieldForm(VersionedModelForm):
    class Meta:
        model = Field
        fields = [
            "name",
            "priority_group",
            "position",
            "description",
            "guiding_principle",
            "internal_notes",
            "published",
        ]
        help_texts = {"internal_notes": _("Nie öffentlich sichtbar.")}

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["priority_group"].queryset = strategy.priority_groups.all()
        self.fields["priority_group"].empty_label = None

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Field.objects.filter(strategy=self.strategy, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("Ein Handlungsfeld mit diesem Namen gibt es schon."))
        return name


class GoalForm(VersionedModelForm):
    class Meta:
        model = Goal
        fields = ["title", "description", "position", "published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class MunicipalityForm(VersionedModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Municipality
        fields = ["description", "website", "population"]


class ConfirmForm(forms.Form):
    """Confirmation of a delete/publish action, with the version it was based on."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    reason = reason_field()


class FreezeVersionForm(forms.Form):
    name = forms.CharField(
        label=_("Name der Fassung"),
        max_length=200,
        help_text=_("z. B. „Fassung 2021 (Beschluss)“"),
    )
    note = forms.CharField(label=_("Anmerkung"), required=False, widget=forms.Textarea)

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.strategy = strategy

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Bitte einen Namen angeben."))
        if StrategyVersion.objects.filter(strategy=self.strategy, name__iexact=name).exists():
            raise forms.ValidationError(_("Eine Fassung mit diesem Namen gibt es schon."))
        return name


CURRENT = "aktuell"


class CompareForm(forms.Form):
    """Two states to compare: frozen versions or the current state."""

    a = forms.ChoiceField(label=_("Ältere Fassung"))
    b = forms.ChoiceField(label=_("Neuere Fassung"))

    def __init__(self, *args, versions, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(CURRENT, _("aktueller Stand"))] + [(str(v.pk), v.name) for v in versions]
        self.fields["a"].choices = choices
        self.fields["b"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("a") and data.get("a") == data.get("b"):
            raise forms.ValidationError(_("Bitte zwei verschiedene Stände auswählen."))
        return data


class AdoptionForm(forms.ModelForm):
    class Meta:
        model = Adoption
        fields = [
            "version",
            "municipality",
            "body",
            "date",
            "date_precision",
            "decision",
            "paper_reference",
            "note",
        ]
        widgets = {"date": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.instance.region = region
        self.fields["version"].queryset = StrategyVersion.objects.filter(region=region)
        self.fields["version"].empty_label = None
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)
        self.fields["municipality"].empty_label = _("Kreis (Kreistag und Ausschüsse)")
        self.fields["body"].queryset = Body.objects.filter(region=region).select_related(
            "municipality"
        )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("Ein Beschluss kann nicht in der Zukunft liegen."))
        return date

    def clean(self):
        data = super().clean()
        body, town = data.get("body"), data.get("municipality")
        if body is not None and "municipality" not in self.errors:
            if body.municipality_id != (town.pk if town else None):
                owner = body.municipality or _("den Kreis")
                self.add_error(
                    "body",
                    _("Das Gremium „%(body)s“ gehört zu %(owner)s.")
                    % {"body": body, "owner": owner},
                )
        return data


class ChangeLogFilterForm(forms.Form):
    TYPES = {
        "strategy.strategy": _("Strategie"),
        "strategy.field": _("Handlungsfeld"),
        "strategy.goal": _("Ziel"),
        "strategy.strategyversion": _("Fassung"),
        "strategy.adoption": _("Beschluss"),
        "portfolio.project": _("Projekt"),
        "portfolio.milestone": _("Meilenstein"),
        "portfolio.projectupdate": _("Projekt-Update"),
        "tenancy.municipality": _("Stadt/Gemeinde"),
        "strategy.timelineevent": _("Chronik-Eintrag"),
        "tenancy.roleassignment": _("Rollenzuweisung"),
        "tenancy.invitation": _("Einladung"),
    }

    type = forms.ChoiceField(label=_("Objektart"), required=False)
    user = forms.ModelChoiceField(
        label=_("Person"), queryset=get_user_model().objects.none(), required=False
    )
    action = forms.ChoiceField(
        label=_("Aktion"),
        required=False,
        choices=[("", _("alle"))] + list(ObjectChange.Action.choices),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", _("alle"))] + list(self.TYPES.items())
        users = ObjectChange.objects.filter(region=region, user__isnull=False).values("user")
        self.fields["user"].queryset = get_user_model().objects.filter(pk__in=users)
        self.fields["user"].empty_label = _("alle")


class RoleAssignmentForm(forms.Form):
    """A role for a user name: directly for accounts of the region, else by invitation.

    Whether a name exists outside the region never changes what this form says. The form only
    validates; `staff.services.assign_role` and `staff.invitations.invite` write (and check
    again).
    """

    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        help_text=_(
            "Hat das Benutzerkonto schon eine Rolle in der Region, erhält es die zusätzliche "
            "Rolle sofort; Name und E-Mail-Adresse des Kontos bleiben dann unverändert. Sonst "
            "wird die Person per E-Mail eingeladen und erhält die Rolle, wenn sie die Einladung "
            "annimmt. Neue Benutzernamen: nur a–z, A–Z, Ziffern und . _ - @"
        ),
    )
    first_name = forms.CharField(label=_("Vorname"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Nachname"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"),
        required=False,
        help_text=_("Für Einladungen nötig: Dorthin geht der Link zum Festlegen des Passworts."),
    )
    role = forms.ChoiceField(label=_("Rolle"), choices=[("", _("– bitte wählen –")), *Role.choices])
    municipality = IdModelChoiceField(
        label=_("Stadt/Gemeinde"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_(
            "Nur für Digitalisierungsbeauftragte: die Kommune, für die sie zuständig sind."
        ),
    )
    reason = reason_field()

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.existing_user = None
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region)
        self.fields["municipality"].empty_label = _("– keine –")

    @property
    def is_invitation(self) -> bool:
        """True unless the name is an account that already holds a role in the region."""
        return self.existing_user is None

    def clean_username(self):
        name = self.cleaned_data["username"].strip()
        try:
            self.existing_user = account_of_region(self.region, name)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None
        if self.existing_user is None:
            # Same rule and message whether or not the name exists outside the region.
            validate_username_characters(name)
        return name

    def clean(self):
        data = super().clean()
        role, town = data.get("role"), data.get("municipality")
        if "municipality" in self.errors or not role:
            return data
        if role == Role.OFFICER and town is None:
            self.add_error(
                "municipality",
                _("Digitalisierungsbeauftragte brauchen eine Kommune. Bitte wählen Sie sie aus."),
            )
        elif role != Role.OFFICER and town is not None:
            self.add_error(
                "municipality",
                _(
                    "Nur Digitalisierungsbeauftragte werden einer Kommune zugeordnet. Bitte "
                    "lassen Sie das Feld für diese Rolle leer."
                ),
            )
        elif self.existing_user is not None and role_exists(
            self.existing_user, self.region, role, town
        ):
            self.add_error(None, duplicate_role_message(self.existing_user))
        if self.is_invitation and "username" in data and not data.get("email"):
            if "email" not in self.errors:
                self.add_error("email", EMAIL_NEEDED_MESSAGE)
        return data
