"""Forms of the public competition pages (issue 12, section 2): handing in an entry with the
extra fields the call defines, and the jury's conflict declaration and scores.

The forms only read input; every rule (phase, lengths, duplicates, conflicts, the published
result, rate limits) is checked by participation.competitions, whose German messages land on
the fields of these forms (`add_service_errors`). The entry form carries the honeypot and the
signed timestamp of the public forms (legal/spam.py).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalagentur.legal import spam
from digitalagentur.participation.competitions import COMMENT_MAX, EXTRA_MAX_DEFAULT, NOTE_MAX
from digitalagentur.tenancy.models import Municipality

from .forms_ideas import (
    SPAM_REFUSED,
    HoneypotMixin,
    honeypot_field,
    municipality_field,
    text_field,
    title_field,
)

EXTRA_PREFIX = "extra_"
# Longer extra fields get a text area, shorter ones a line.
LINE_MAX = 200
POINTS = [(str(n), str(n)) for n in range(11)]


def extra_field_name(key: str) -> str:
    return f"{EXTRA_PREFIX}{key}"


class SubmissionForm(HoneypotMixin, forms.Form):
    """Title, text, town and the call's extra fields (`competition.extra_fields`)."""

    title = title_field(
        gettext_lazy("Titel Ihres Beitrags"),
        gettext_lazy("Kurz und treffend. Höchstens 150 Zeichen."),
    )
    text = text_field(
        gettext_lazy("Beschreibung"),
        gettext_lazy(
            "Was ist die Idee, wem nützt sie, und wie wird sie umgesetzt? Höchstens 5.000 Zeichen."
        ),
        required=gettext_lazy("Bitte beschreiben Sie Ihren Beitrag."),
        rows=10,
    )
    municipality = municipality_field()
    homepage = honeypot_field()
    timestamp = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, competition, **kwargs):
        super().__init__(*args, **kwargs)
        self.competition = competition
        self.spam_reason = ""
        self.fields["municipality"].queryset = Municipality.objects.filter(
            region_id=competition.region_id
        ).order_by("name", "pk")
        # The call's own fields, after the town and before the honeypot.
        honeypot, timestamp = self.fields.pop("homepage"), self.fields.pop("timestamp")
        for item in competition.extra_fields or []:
            self.fields[extra_field_name(item["key"])] = self._extra_field(item)
        self.fields["homepage"], self.fields["timestamp"] = honeypot, timestamp
        if not self.is_bound:
            self.fields["timestamp"].initial = spam.issue_token()

    @staticmethod
    def _extra_field(item: dict) -> forms.CharField:
        label = str(item["label"])
        max_length = item.get("max_length", EXTRA_MAX_DEFAULT)
        required = bool(item.get("required"))
        widget = (
            forms.Textarea(attrs={"rows": 4})
            if max_length > LINE_MAX
            else forms.TextInput(attrs={"autocomplete": "off"})
        )
        return forms.CharField(
            label=label if required else _("%(label)s (optional)") % {"label": label},
            required=required,
            max_length=max_length,
            help_text=item.get("help_text", "")
            or _("Höchstens %(n)d Zeichen.") % {"n": max_length},
            widget=widget,
            error_messages={
                "required": _("Bitte füllen Sie „%(label)s“ aus.") % {"label": label},
                "max_length": _("„%(label)s“ ist zu lang (höchstens %(n)d Zeichen).")
                % {"label": label, "n": max_length},
            },
        )

    def extra_fields(self):
        return [self[name] for name in self.fields if name.startswith(EXTRA_PREFIX)]

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

    def entry_values(self) -> dict:
        """The keyword arguments of competitions.submit_entry (but competition and user)."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "text": data["text"],
            "municipality": data.get("municipality"),
            "extra": {
                name.removeprefix(EXTRA_PREFIX): value
                for name, value in data.items()
                if name.startswith(EXTRA_PREFIX) and value
            },
        }

    def add_service_errors(self, error: ValidationError) -> None:
        """The messages of submit_entry on the matching fields (others above the form)."""
        add_service_errors(self, error, {"title": "title", "text": "text"})


class ScoreForm(forms.Form):
    """The juror's points (0–10) and comment for every criterion of one submission.

    A criterion may be left open while nothing was given for it yet; a score once given can be
    changed, not taken back (the service keeps it), so its points are then required."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = scores or {}
        for criterion in self.criteria:
            given = scores.get(criterion.pk)
            self.fields[self.value_name(criterion)] = forms.TypedChoiceField(
                label=_("Punkte für „%(name)s“ (0 bis 10)") % {"name": criterion.name},
                choices=[("", _("noch nicht bewertet"))] + POINTS,
                coerce=int,
                empty_value=None,
                required=given is not None,
                initial=None if given is None else str(given.value),
                error_messages={
                    "required": _(
                        "Eine vergebene Bewertung kann geändert, aber nicht gelöscht werden."
                    ),
                    "invalid_choice": _("Bitte vergeben Sie ganze Punkte von 0 bis 10."),
                },
            )
            self.fields[self.comment_name(criterion)] = forms.CharField(
                label=_("Kommentar zu „%(name)s“ (optional)") % {"name": criterion.name},
                required=False,
                max_length=COMMENT_MAX,
                initial="" if given is None else given.comment,
                widget=forms.Textarea(attrs={"rows": 3}),
                error_messages={
                    "max_length": _(
                        "Der Kommentar ist zu lang: höchstens %(limit_value)d Zeichen "
                        "(jetzt %(show_value)d)."
                    )
                },
            )

    @staticmethod
    def value_name(criterion) -> str:
        return f"punkte_{criterion.pk}"

    @staticmethod
    def comment_name(criterion) -> str:
        return f"kommentar_{criterion.pk}"

    def groups(self):
        """(criterion, points field, comment field) in the criteria's order."""
        return [(c, self[self.value_name(c)], self[self.comment_name(c)]) for c in self.criteria]

    def clean(self):
        cleaned = super().clean()
        if not self._errors and all(cleaned.get(self.value_name(c)) is None for c in self.criteria):
            raise forms.ValidationError(
                _("Bitte vergeben Sie für mindestens ein Kriterium Punkte."), code="empty"
            )
        return cleaned

    def given(self):
        """(criterion, points, comment) of every criterion with points."""
        data = self.cleaned_data
        return [
            (c, data[self.value_name(c)], data.get(self.comment_name(c), ""))
            for c in self.criteria
            if data.get(self.value_name(c)) is not None
        ]

    def add_service_errors(self, error: ValidationError, criterion) -> None:
        add_service_errors(
            self,
            error,
            {"value": self.value_name(criterion), "comment": self.comment_name(criterion)},
        )


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Anmerkung (optional)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=gettext_lazy("Z. B. „Ich arbeite im Verein der Einreichenden mit.“"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": gettext_lazy(
                "Die Anmerkung ist zu lang: höchstens %(limit_value)d Zeichen."
            )
        },
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Ich bin bei dieser Einreichung befangen und bewerte sie nicht. Punkte, die ich "
            "ihr schon gegeben habe, werden gelöscht."
        ),
        error_messages={"required": gettext_lazy("Bitte bestätigen Sie die Erklärung.")},
    )


def add_service_errors(form: forms.Form, error: ValidationError, fields: dict[str, str]) -> None:
    """Put a service's ValidationError on the form: its keys mapped by `fields` to the form's
    field names, anything else above the form."""
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for key, messages in error.message_dict.items():
        target = fields.get(key) or (
            extra_field_name(key) if extra_field_name(key) in form.fields else None
        )
        if target is None and key in form.fields:
            target = key
        for message in messages:
            form.add_error(target, message)
