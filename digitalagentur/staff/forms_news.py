"""Forms of news posts in the staff area (issue 13, section 3): the list's filters and a
post's form (the fields of communication.news.EDITABLE, its fields of action and towns, and
an image). Forms validate input only; views write through communication/news.py (change log,
the image re-encoded)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.communication.models import (
    IMAGE_ALT_MAX,
    NEWS_BODY_MAX,
    NEWS_TEASER_MAX,
    NEWS_TITLE_MAX,
    NewsPost,
)
from digitalagentur.communication.news import EDITABLE
from digitalagentur.core.images import MAX_BYTES as IMAGE_MAX_BYTES

from .forms import IdMultipleChoiceField, VersionedModelForm
from .forms_events import DATETIME_FORMAT, SEARCH_MAX, datetime_widget
from .forms_participation import region_towns
from .forms_workshops import region_fields

DRAFT, SCHEDULED, PUBLISHED = "entwurf", "geplant", "veroeffentlicht"
# Form values of the list's status filter -> communication.news.status_of
STATUSES = {DRAFT: "draft", SCHEDULED: "scheduled", PUBLISHED: "published"}


class NewsFilterForm(forms.Form):
    """The list's filters (GET): the status and a search in title and teaser."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("alle")),
            (DRAFT, _("Entwürfe")),
            (SCHEDULED, _("geplant")),
            (PUBLISHED, _("veröffentlicht")),
        ],
        error_messages={"invalid_choice": _("„%(value)s“ gibt es nicht zur Auswahl.")},
    )
    q = forms.CharField(
        label=_("Suche in Titel und Kurztext"),
        required=False,
        max_length=SEARCH_MAX,
        error_messages={"max_length": _("Bitte höchstens %(limit_value)d Zeichen.")},
    )


class NewsPostForm(VersionedModelForm):
    """A post: title, teaser, text (Markdown), publication time, image with its description,
    fields of action and towns. Times are entered in Berlin time."""

    fields = IdMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Der Beitrag erscheint auf den Seiten dieser Handlungsfelder."),
        error_messages={"invalid_choice": _("Bitte wählen Sie Handlungsfelder der Liste.")},
    )
    towns = IdMultipleChoiceField(
        label=_("Kommunen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Der Beitrag erscheint auf den Seiten dieser Kommunen. Digitalisierungsbeauftragte "
            "schreiben für ihre eigenen Kommunen."
        ),
        error_messages={"invalid_choice": _("Bitte wählen Sie Kommunen der Liste.")},
    )
    # Not "image": the conflict panel lists the model's fields named in the form.
    upload = forms.FileField(
        label=_("Bild (optional)"),
        required=False,
        help_text=_(
            "JPEG, PNG oder WebP, höchstens 8 MB. Das Bild wird neu gespeichert, ohne Standort- "
            "und Kameradaten."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        error_messages={"invalid": _("Bitte wählen Sie eine Bilddatei.")},
    )
    remove_image = forms.BooleanField(label=_("Bild entfernen"), required=False)

    class Meta:
        model = NewsPost
        fields = list(EDITABLE)
        widgets = {
            "teaser": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 14}),
        }
        labels = {
            "publish_at": _("Veröffentlichen am"),
            "image_alt": _("Bildbeschreibung (Alternativtext)"),
        }
        help_texts = {
            "title": _("Höchstens 200 Zeichen."),
            "teaser": _(
                "Ein, zwei Sätze für Übersichten, den Feed und die Texte für soziale Medien "
                "(höchstens 300 Zeichen)."
            ),
            "body": _(
                "Absätze durch eine Leerzeile trennen. Möglich sind **fett**, *kursiv*, Listen "
                "mit „- “ oder „1. “, Zwischenüberschriften mit „## “, Zitate mit „> “ und Links "
                "als [Text](https://…). HTML wird nicht übernommen."
            ),
            "publish_at": _(
                "Datum und Uhrzeit (deutsche Zeit). Leer: Entwurf. Liegt der Zeitpunkt in der "
                "Zukunft, erscheint der Beitrag erst dann auf der Website, im Feed und in der API."
            ),
            "image_alt": _(
                "Pflicht, wenn es ein Bild gibt: was darauf zu sehen ist, für Menschen, die es "
                "nicht sehen (höchstens 300 Zeichen)."
            ),
        }
        error_messages = {
            "title": {
                "required": _("Bitte geben Sie einen Titel an."),
                "max_length": _(
                    "Der Titel ist zu lang: höchstens %(limit_value)d Zeichen "
                    "(jetzt %(show_value)d)."
                ),
            },
            "teaser": {
                "max_length": _(
                    "Der Kurztext ist zu lang: höchstens %(limit_value)d Zeichen "
                    "(jetzt %(show_value)d)."
                )
            },
            "body": {
                "max_length": _(
                    "Der Text ist zu lang: höchstens %(limit_value)d Zeichen "
                    "(jetzt %(show_value)d)."
                )
            },
            "image_alt": {
                "max_length": _(
                    "Die Bildbeschreibung ist zu lang: höchstens %(limit_value)d Zeichen "
                    "(jetzt %(show_value)d)."
                )
            },
            "publish_at": {
                "invalid": _("Bitte geben Sie Datum und Uhrzeit an (TT.MM.JJJJ, HH:MM)."),
            },
        }

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        field = self.fields["publish_at"]
        field.widget = datetime_widget()
        field.input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]
        self.fields["title"].max_length = NEWS_TITLE_MAX
        self.fields["teaser"].max_length = NEWS_TEASER_MAX
        self.fields["body"].max_length = NEWS_BODY_MAX
        self.fields["image_alt"].max_length = IMAGE_ALT_MAX
        self.fields["fields"].queryset = region_fields(self.region)
        towns = region_towns(self.region)
        if not access.can_manage:
            towns = towns.filter(pk__in=access.officer_town_ids)
        self.fields["towns"].queryset = towns
        if self.instance.pk is not None and not self.is_bound:
            self.initial["fields"] = list(self.instance.fields.values_list("pk", flat=True))
            self.initial["towns"] = list(self.instance.municipalities.values_list("pk", flat=True))
        if not self.instance.has_image:
            del self.fields["remove_image"]
        self.order_fields(
            ["title", "teaser", "body", "upload", "image_alt", "remove_image", "fields", "towns"]
        )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if upload.size is None or upload.size > IMAGE_MAX_BYTES:
            raise forms.ValidationError(
                _("Das Bild ist größer als %(mb)d MB.") % {"mb": IMAGE_MAX_BYTES // (1024 * 1024)}
            )
        return upload.read()

    def clean_towns(self):
        towns = list(self.cleaned_data.get("towns") or [])
        if not self.access.can_manage and not towns:
            raise forms.ValidationError(
                _("Wählen Sie mindestens eine Ihrer Kommunen: für sie schreiben Sie den Beitrag.")
            )
        return towns

    def clean(self):
        cleaned = super().clean()
        alt = (cleaned.get("image_alt") or "").strip()
        keeps_old = self.instance.has_image and not cleaned.get("remove_image")
        if (cleaned.get("upload") or keeps_old) and not alt and "image_alt" not in self.errors:
            self.add_error(
                "image_alt",
                _(
                    "Bitte beschreiben Sie das Bild in wenigen Worten (für Menschen, die es "
                    "nicht sehen)."
                ),
            )
        return cleaned

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in EDITABLE}
