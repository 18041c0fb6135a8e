"""Forms of participation in the staff area (issue 12): the moderation queue's filters, the
moderators' actions on an idea and its comments, and the coordination's competitions with
their criteria, prizes and jury. Forms validate input only; views write through
participation/services.py and participation/competitions.py (change log)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import REASON_MAX, TEXT_MAX, TITLE_MAX, Competition
from digitalagentur.tenancy.models import Municipality

from .forms import DATE_WIDGET, IdModelChoiceField, VersionedModelForm
from .forms_spaces import find_account
from .forms_workshops import region_fields

SEARCH_MAX = 200


def region_towns(region):
    return Municipality.objects.filter(region=region).order_by("name")


class IdeaFilterForm(forms.Form):
    """The moderation queue's filters (GET)."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("alle")), *IdeaStatus.choices]
    )
    town = IdModelChoiceField(
        label=_("Kommune"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("alle"),
    )
    field = IdModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("alle")
    )
    q = forms.CharField(label=_("Suche"), required=False, max_length=SEARCH_MAX)

    def __init__(self, *args, region, towns=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["town"].queryset = towns if towns is not None else region_towns(region)
        self.fields["field"].queryset = region_fields(region)


# --- moderation of an idea -------------------------------------------------------------------


class ReasonForm(forms.Form):
    """A status change, a hidden comment: the reason (required where `required`)."""

    reason = forms.CharField(
        label=_("Begründung"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, required=True, label=None, help_text=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.required = required
        if label:
            field.label = label
        if help_text:
            field.help_text = help_text


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund für das Ausblenden"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Pflichtangabe; erscheint im Änderungsprotokoll."),
    )


class IdeaEditForm(forms.Form):
    """A moderator's edit of an idea: the note saying why is required (change log)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=_("Beschreibung"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 10})
    )
    field = IdModelChoiceField(
        label=_("Handlungsfeld"), queryset=None, required=False, empty_label=_("keines")
    )
    municipality = IdModelChoiceField(
        label=_("Kommune"), queryset=None, required=False, empty_label=_("keine")
    )
    image_alt = forms.CharField(label=_("Bildbeschreibung"), max_length=300, required=False)
    note = forms.CharField(
        label=_("Notiz zur Änderung"),
        max_length=500,
        help_text=_("Pflichtangabe: was Sie geändert haben und warum (Änderungsprotokoll)."),
    )

    def __init__(self, *args, region, idea, **kwargs):
        initial = kwargs.pop("initial", None) or {
            "version": idea.version,
            "title": idea.title,
            "text": idea.text,
            "field": idea.field_id,
            "municipality": idea.municipality_id,
            "image_alt": idea.image_alt,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["field"].queryset = region_fields(region)
        self.fields["municipality"].queryset = region_towns(region)
        if not idea.image_type:
            del self.fields["image_alt"]

    def values(self) -> dict:
        names = ("title", "text", "field", "municipality", "image_alt")
        return {name: self.cleaned_data[name] for name in names if name in self.fields}


class MergeForm(forms.Form):
    """The target of a merge (an id chosen from the search), and why."""

    target = forms.IntegerField(
        label=_("Ziel-Idee (Nummer)"), min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )
    reason = forms.CharField(
        label=_("Begründung"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Optional; erscheint im Änderungsprotokoll und im Verlauf der Idee."),
    )


# --- competitions ----------------------------------------------------------------------------


def start_of(day: datetime.date) -> datetime.datetime:
    """The first moment of `day` in the site's time zone (Europe/Berlin)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def end_of(day: datetime.date) -> datetime.datetime:
    """'14.03.2021, 24:00 Uhr': the first moment after `day` (Europe/Berlin)."""
    return start_of(day + datetime.timedelta(days=1))


def last_day(moment: datetime.datetime) -> datetime.date:
    """The day a moment saved by end_of() ends (24:00 of that day)."""
    return timezone.localtime(moment - datetime.timedelta(microseconds=1)).date()


def extra_fields_text(definitions) -> str:
    lines = []
    for item in definitions or []:
        line = f"{item.get('key', '')}|{item.get('label', '')}"
        if item.get("required"):
            line += "|required"
        lines.append(line)
    return "\n".join(lines)


REQUIRED_WORDS = {"required", "pflicht", "ja", "1"}


def parse_extra_fields(text: str) -> list[dict]:
    """Lines "key|Label|required" (the third part optional) as the call's extra fields."""
    result = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            raise forms.ValidationError(
                _(
                    "Zeile %(n)d: bitte „schluessel|Bezeichnung“ oder "
                    "„schluessel|Bezeichnung|required“."
                ),
                params={"n": number},
            )
        key = parts[0]
        if not key.isidentifier() or not key.isascii():
            raise forms.ValidationError(
                _(
                    "Zeile %(n)d: der Schlüssel besteht aus Buchstaben ohne Umlaute, Ziffern "
                    "und Unterstrichen."
                ),
                params={"n": number},
            )
        required = len(parts) == 3 and parts[2].lower() in REQUIRED_WORDS
        if len(parts) == 3 and not required and parts[2]:
            raise forms.ValidationError(
                _("Zeile %(n)d: der dritte Teil ist „required“ oder leer."), params={"n": number}
            )
        result.append({"key": key[:50], "label": parts[1][:200], "required": required})
    return result


class CompetitionForm(VersionedModelForm):
    """A call: its dates as days (start at 0:00, ends at 24:00 Berlin time)."""

    start_day = forms.DateField(label=_("Einreichung ab"), widget=DATE_WIDGET)
    end_day = forms.DateField(
        label=_("Einreichung bis"), widget=DATE_WIDGET, help_text=_("einschließlich (24:00 Uhr)")
    )
    jury_day = forms.DateField(
        label=_("Jury-Phase bis"), widget=DATE_WIDGET, help_text=_("einschließlich (24:00 Uhr)")
    )
    extra_text = forms.CharField(
        label=_("Zusätzliche Felder der Einreichung"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Ein Feld je Zeile: „schluessel|Bezeichnung“ oder „schluessel|Bezeichnung|required“ "
            "für ein Pflichtfeld, z. B. „team|Team oder Verein|required“."
        ),
    )

    class Meta:
        model = Competition
        fields = ["title", "slug", "description", "eligibility", "award_date", "published"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "slug": _("Teil der Adresse: /wettbewerbe/<kürzel>/"),
            "published": _("Der Wettbewerb erscheint auf der öffentlichen Website."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = ["title", "slug", "description", "eligibility", "start_day", "end_day"]
        order += ["jury_day", "award_date", "extra_text", "published", "version", "reason"]
        self.order_fields(order)
        competition = self.instance
        if competition.pk is not None and not self.is_bound:
            self.initial.update(
                start_day=timezone.localtime(competition.submission_start).date(),
                end_day=last_day(competition.submission_end),
                jury_day=last_day(competition.jury_end),
                extra_text=extra_fields_text(competition.extra_fields),
            )

    def clean_extra_text(self):
        return parse_extra_fields(self.cleaned_data.get("extra_text") or "")

    def clean(self):
        cleaned = super().clean()
        start, end, jury = (cleaned.get(n) for n in ("start_day", "end_day", "jury_day"))
        if start and end and end < start:
            self.add_error("end_day", _("Die Einreichung endet vor ihrem Beginn."))
        elif end and jury and jury < end:
            self.add_error("jury_day", _("Die Jury-Phase endet vor dem Ende der Einreichung."))
        return cleaned

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = Competition.objects.filter(region=self.region, slug=slug)
        if self.instance.pk is not None:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Dieses Kürzel ist in der Region schon vergeben."))
        return slug

    def model_values(self) -> dict:
        values = {k: v for k, v in super().model_values().items() if k != "version"}
        data = self.cleaned_data
        values.update(
            submission_start=start_of(data["start_day"]),
            submission_end=end_of(data["end_day"]),
            jury_end=end_of(data["jury_day"]),
            extra_fields=data["extra_text"],
        )
        return values


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Kriterium"), max_length=200)
    weight = forms.DecimalField(
        label=_("Gewicht"),
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        initial=Decimal("1"),
        help_text=_("Ein Kriterium mit Gewicht 2 zählt wie zwei mit Gewicht 1."),
    )
    description = forms.CharField(
        label=_("Beschreibung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    position = forms.IntegerField(
        label=_("Reihenfolge"), required=False, min_value=0, max_value=32767
    )


class PrizeForm(forms.Form):
    position = forms.IntegerField(label=_("Platz"), min_value=1, max_value=32767)
    name = forms.CharField(label=_("Preis"), max_length=200)
    description = forms.CharField(label=_("Beschreibung"), required=False, max_length=500)

    def __init__(self, *args, competition, prize=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition, self.prize = competition, prize

    def clean_position(self):
        position = self.cleaned_data["position"]
        taken = self.competition.prizes.filter(position=position)
        if self.prize is not None:
            taken = taken.exclude(pk=self.prize.pk)
        if taken.exists():
            raise forms.ValidationError(_("Diesen Platz hat schon ein Preis."))
        return position


class JurorAddForm(forms.Form):
    account = forms.CharField(
        label=_("Benutzername oder E-Mail-Adresse"),
        max_length=254,
        help_text=_("Die Person braucht ein aktives Konto."),
    )

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition = competition

    def clean_account(self):
        name = self.cleaned_data["account"].strip()
        user = find_account(name)
        if user is None:
            raise forms.ValidationError(
                _("Kein (eindeutiges) aktives Konto gefunden für: %(names)s"),
                params={"names": name[:80]},
            )
        if self.competition.jurors.filter(user=user).exists():
            raise forms.ValidationError(_("Diese Person gehört bereits zur Jury."))
        return user
