"""Forms of the public idea pages (issue 12): the list's filters, submitting an idea, a
comment (or an answer to one) and a comment's report.

The forms only read input; every rule (duplicates, lengths, one level of answers, rate
limits) is checked by participation.services, whose German messages land on the fields of
these forms. The idea and comment forms carry the honeypot of the public forms (legal/spam.py);
submitting an idea also the signed timestamp (a form sent faster than a person can type is
refused).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.legal import spam
from digitalagentur.participation.choices import PUBLIC_STATUSES, IdeaOrdering, IdeaStatus
from digitalagentur.participation.models import COMMENT_MAX, TEXT_MAX, TITLE_MAX
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from .filters import LenientFilterForm, choice_lists

SPAM_REFUSED = _(
    "Ihre Eingabe konnte nicht gesendet werden. Bitte versuchen Sie es später noch einmal."
)
MAX_SEARCH = 200


class HoneypotMixin:
    """A field people never see (its wrapper is hidden), filled in by bots."""

    honeypot_name = "homepage"

    @property
    def honeypot(self):
        return self[self.honeypot_name]

    def visible_fields(self):
        return [f for f in super().visible_fields() if f.name != self.honeypot_name]

    def honeypot_filled(self) -> bool:
        return bool((self.data.get(self.honeypot_name) or "").strip())


def honeypot_field():
    return forms.CharField(
        label=_("Dieses Feld bitte leer lassen"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


def title_field(label, help_text):
    """The title of an idea or a competition entry (same limit and messages)."""
    return forms.CharField(
        label=label,
        max_length=TITLE_MAX,
        help_text=help_text,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Bitte geben Sie einen Titel ein."),
            "max_length": _(
                "Der Titel ist zu lang: höchstens %(limit_value)d Zeichen (jetzt %(show_value)d)."
            ),
        },
    )


def text_field(label, help_text, *, required, rows):
    """The description of an idea or a competition entry."""
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required,
            "max_length": _(
                "Die Beschreibung ist zu lang: höchstens %(limit_value)d Zeichen "
                "(jetzt %(show_value)d)."
            ),
        },
    )


def municipality_field():
    """An optional town; the form sets the queryset to the region's towns."""
    return forms.ModelChoiceField(
        label=_("Kommune (optional)"),
        queryset=Municipality.objects.none(),
        required=False,
        empty_label=_("der ganze Kreis / keine Angabe"),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine Kommune der Liste.")},
    )


# ---- the list -------------------------------------------------------------------------------


class IdeaFilterForm(LenientFilterForm):
    """The list's filters; an unknown value is reported and ignored, the others apply."""

    q = forms.CharField(
        label=_("Suche"),
        required=False,
        max_length=MAX_SEARCH,
        help_text=_("Wörter aus Titel oder Beschreibung"),
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Bitte suchen Sie mit höchstens %(limit_value)d Zeichen.")},
    )
    field = forms.ChoiceField(label=_("Handlungsfeld"), required=False)
    municipality = forms.ChoiceField(label=_("Kommune"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    ordering = forms.ChoiceField(
        label=_("Sortierung"),
        required=False,
        choices=IdeaOrdering.choices,
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        lists = choice_lists(region)
        every = [("", _("alle"))]
        self.fields["field"].choices = every + lists["field"]
        self.fields["municipality"].choices = every + lists["municipality"]
        labels = dict(IdeaStatus.choices)
        self.fields["status"].choices = every + [(s.value, labels[s]) for s in PUBLIC_STATUSES]
        for name in ("field", "municipality", "status", "ordering"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "„%(value)s“ gibt es nicht zur Auswahl."
            )


# ---- submitting an idea ---------------------------------------------------------------------


class IdeaForm(HoneypotMixin, forms.Form):
    title = title_field(
        _("Titel"),
        _("Kurz und treffend, z. B. „Freies WLAN am Bahnhof“. Höchstens 150 Zeichen."),
    )
    text = text_field(
        _("Beschreibung"),
        _("Was soll besser werden, für wen, und wie? Höchstens 5.000 Zeichen."),
        required=_("Bitte beschreiben Sie Ihre Idee."),
        rows=8,
    )
    field = forms.ModelChoiceField(
        label=_("Handlungsfeld (optional)"),
        queryset=Field.objects.none(),
        required=False,
        empty_label=_("keine Angabe"),
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Handlungsfeld der Liste.")},
    )
    municipality = municipality_field()
    image = forms.FileField(
        label=_("Bild (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG oder WebP, höchstens 8 MB. Wir speichern das Bild neu, ohne "
            "Standort- und Kameradaten."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Bildbeschreibung"),
        required=False,
        max_length=300,
        help_text=_("Nur mit Bild: was darauf zu sehen ist, für Menschen, die es nicht sehen."),
        error_messages={
            "max_length": _("Die Bildbeschreibung ist zu lang: höchstens %(limit_value)d Zeichen.")
        },
    )
    homepage = honeypot_field()
    timestamp = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set once the similar ideas were shown (by the page after a first sending, or by the
    # script while typing): the idea is then sent as it is.
    similar_seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.spam_reason = ""
        fields = Field.objects.filter(region=region, published=True, strategy__published=True)
        self.fields["field"].queryset = fields.order_by("name", "pk")
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region).order_by(
            "name", "pk"
        )
        if not self.is_bound:
            self.fields["timestamp"].initial = spam.issue_token()

    def clean(self):
        cleaned = super().clean()
        if self.honeypot_filled():
            self.spam_reason = "honeypot"
            raise forms.ValidationError(SPAM_REFUSED, code="spam")
        if self._errors:
            return cleaned  # field errors first: corrected and sent again, nothing stored
        problem = spam.token_problem(self.data.get("timestamp", ""))
        if problem:
            self.spam_reason = "timestamp"
            data = self.data.copy()
            data["timestamp"] = spam.issue_token()  # a person simply sends again
            self.data = data
            raise forms.ValidationError(problem, code="timestamp")
        return cleaned


# ---- comments -------------------------------------------------------------------------------


class CommentForm(HoneypotMixin, forms.Form):
    text = forms.CharField(
        label=_("Ihr Kommentar"),
        max_length=COMMENT_MAX,
        help_text=_("Höchstens 2.000 Zeichen. Bitte bleiben Sie sachlich und freundlich."),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Bitte schreiben Sie einen Kommentar."),
            "max_length": _(
                "Der Kommentar ist zu lang: höchstens %(limit_value)d Zeichen "
                "(jetzt %(show_value)d)."
            ),
        },
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    homepage = honeypot_field()

    def __init__(self, *args, parent=None, **kwargs):
        # One form per comment on the page: the names are the same, the ids differ.
        if parent is not None:
            kwargs.setdefault("auto_id", f"id_antwort{parent.pk}_%s")
        super().__init__(*args, **kwargs)
        if parent is not None:
            self.fields["text"].label = _("Ihre Antwort")
            self.fields["parent"].initial = parent.pk

    def clean(self):
        cleaned = super().clean()
        if self.honeypot_filled():
            raise forms.ValidationError(SPAM_REFUSED, code="spam")
        return cleaned


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund (freiwillig)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": _("Bitte fassen Sie sich kürzer (höchstens %(limit_value)d Zeichen).")
        },
    )
