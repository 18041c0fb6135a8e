"""Forms of the newsletter issues in the staff area (issue 13, section 1 "Composing"): the
date the suggestions start from, a new issue (subject, introduction, groups and the picked
suggestions), an issue's own fields and its items as rows. Forms validate input only; the
views write through core.services (change log, edit conflicts)."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digitalagentur.communication.choices import SubscriptionStatus
from digitalagentur.communication.models import NewsletterIssue, Segment

from .forms import DATE_WIDGET, IdMultipleChoiceField, VersionedModelForm

#: Suggestions are taken from the activity of the last DEFAULT_DAYS days unless asked otherwise.
DEFAULT_DAYS = 30
ITEM_TITLE_MAX = 500
ITEM_TEXT_MAX = 5000
ITEM_URL_MAX = 500
ITEMS_MAX = 50
DATE_MESSAGE = _("Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).")
URL_MESSAGE = _("Bitte geben Sie eine Webadresse an, die mit https:// oder http:// beginnt.")


def default_since(today: datetime.date | None = None) -> datetime.date:
    return (today or timezone.localdate()) - datetime.timedelta(days=DEFAULT_DAYS)


class SinceForm(forms.Form):
    """From which day on the suggestions are collected (GET ?seit=YYYY-MM-DD)."""

    seit = forms.DateField(
        label=_("Aktivitäten seit"),
        widget=DATE_WIDGET,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        error_messages={"invalid": DATE_MESSAGE, "required": DATE_MESSAGE},
    )

    def clean_seit(self):
        since = self.cleaned_data["seit"]
        if since > timezone.localdate():
            raise forms.ValidationError(_("Das Datum darf nicht in der Zukunft liegen."))
        if since.year < 2000:
            raise forms.ValidationError(DATE_MESSAGE)
        return since


class SegmentField(IdMultipleChoiceField):
    """The region's groups as checkboxes, each with its number of active subscriptions."""

    def label_from_instance(self, obj):
        return _("%(name)s (%(kind)s, %(n)d angemeldet)") % {
            "name": obj.name,
            "kind": obj.get_kind_display(),
            "n": getattr(obj, "active_count", 0),
        }


def region_segments(region):
    return (
        Segment.objects.filter(region=region)
        .annotate(
            active_count=Count(
                "subscriptions", filter=Q(subscriptions__status=SubscriptionStatus.ACTIVE)
            )
        )
        .order_by("kind", "position", "name", "pk")
    )


class IssueForm(VersionedModelForm):
    """An issue's subject, introduction and groups (none: every subscriber)."""

    segments = SegmentField(
        label=_("Gruppen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Keine Gruppe gewählt: die Ausgabe geht an alle, die den Newsletter abonniert "
            "haben. Sonst an alle, die mindestens eine der gewählten Gruppen abonniert haben."
        ),
        error_messages={
            "invalid_choice": _("„%(value)s“ ist keine Gruppe des Newsletters."),
            "invalid_pk_value": _("„%(pk)s“ ist keine Gruppe des Newsletters."),
        },
    )

    class Meta:
        model = NewsletterIssue
        fields = ["subject", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "subject": _("Die Betreffzeile der Mail und der Titel im Archiv."),
            "intro": _("Ein paar Sätze zur Begrüßung vor den Beiträgen (optional)."),
        }
        error_messages = {
            "subject": {
                "required": _("Bitte geben Sie einen Betreff an."),
                "max_length": _("Der Betreff ist zu lang (höchstens %(limit_value)d Zeichen)."),
            },
            "intro": {
                "max_length": _("Die Einleitung ist zu lang (höchstens %(limit_value)d Zeichen)."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segments"].queryset = region_segments(self.region)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["segments"] = list(self.instance.segments.values_list("pk", flat=True))
        self.order_fields(["subject", "intro", "segments"])

    def clean_subject(self):
        subject = " ".join(self.cleaned_data["subject"].split())
        if not subject:
            raise forms.ValidationError(_("Bitte geben Sie einen Betreff an."))
        return subject

    def segment_ids(self) -> list[int]:
        return [segment.pk for segment in self.cleaned_data.get("segments") or []]


class IssueCreateForm(IssueForm):
    """A new issue: the fields above, the date the suggestions were collected from (hidden,
    so the choices are the ones the editor saw) and the picked suggestions."""

    seit = forms.DateField(
        widget=forms.HiddenInput,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": DATE_MESSAGE, "required": DATE_MESSAGE},
    )
    picks = forms.MultipleChoiceField(
        label=_("Beiträge"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Ein gewählter Vorschlag ist nicht mehr verfügbar (z. B. inzwischen "
                "zurückgezogen). Bitte wählen Sie erneut."
            ),
        },
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        self.fields["picks"].choices = [(c.key, c.title) for c in self.candidates]

    def items(self) -> list[dict]:
        """The picked suggestions as the issue's items, in the order of the list."""
        picked = set(self.cleaned_data.get("picks") or [])
        return [c.as_item() for c in self.candidates if c.key in picked]


def validate_web_address(value: str) -> None:
    if not value.lower().startswith(("https://", "http://")):
        raise ValidationError(URL_MESSAGE, code="scheme")
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(URL_MESSAGE, code="invalid") from None


class ItemForm(forms.Form):
    """One item of the issue; a row without any input is left out."""

    position = forms.IntegerField(
        label=_("Reihenfolge"),
        required=False,
        min_value=0,
        max_value=32767,
        error_messages={
            "invalid": _("Bitte geben Sie eine ganze Zahl an."),
            "min_value": _("Bitte geben Sie eine Zahl ab 0 an."),
            "max_value": _("Diese Zahl ist zu groß."),
        },
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=ITEM_TITLE_MAX,
        required=False,
        error_messages={
            "max_length": _("Der Titel ist zu lang (höchstens %(limit_value)d Zeichen).")
        },
    )
    text = forms.CharField(
        label=_("Text"),
        max_length=ITEM_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("Der Text ist zu lang (höchstens %(limit_value)d Zeichen).")
        },
    )
    url = forms.CharField(
        label=_("Link"),
        max_length=ITEM_URL_MAX,
        required=False,
        widget=forms.URLInput,
        help_text=_("Optional: die Seite zum Weiterlesen, mit https:// oder http://."),
        validators=[validate_web_address],
        error_messages={
            "max_length": _("Die Adresse ist zu lang (höchstens %(limit_value)d Zeichen).")
        },
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("DELETE"):
            return cleaned
        filled = any(cleaned.get(n) for n in ("text", "url"))
        if filled and not (cleaned.get("title") or "").strip():
            self.add_error("title", _("Bitte geben Sie einen Titel an."))
        return cleaned

    def values(self) -> dict:
        return {
            "title": self.cleaned_data["title"].strip(),
            "text": self.cleaned_data.get("text") or "",
            "url": self.cleaned_data.get("url") or "",
        }


class BaseItemFormSet(forms.BaseFormSet):
    def items(self) -> list[dict]:
        """The filled rows not marked for deletion, in their order (position, then row)."""
        rows = []
        for index, form in enumerate(self.forms):
            # Not `has_changed()`: a stored item left as it was is kept too.
            data = getattr(form, "cleaned_data", None) or {}
            if not form.is_valid() or data.get("DELETE") or not (data.get("title") or "").strip():
                continue
            position = data.get("position")
            rows.append((position if position is not None else 10**6 + index, index, form))
        return [form.values() for _position, _index, form in sorted(rows, key=lambda r: r[:2])]


ItemFormSet = forms.formset_factory(
    ItemForm,
    formset=BaseItemFormSet,
    extra=2,
    can_delete=True,
    max_num=ITEMS_MAX,
    validate_max=True,
    absolute_max=ITEMS_MAX + 10,
)


def items_initial(issue) -> list[dict]:
    items = issue.items if isinstance(issue.items, list) else []
    return [
        {
            "position": n,
            "title": str(item.get("title", "")),
            "text": str(item.get("text", "")),
            "url": str(item.get("url", "")),
        }
        for n, item in enumerate((i for i in items if isinstance(i, dict)), start=1)
    ]
