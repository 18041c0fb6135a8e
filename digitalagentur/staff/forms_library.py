"""Forms of the document library in the staff area (issue 14, section 2): a document's
description (with its first file when it is uploaded), a new version, and the list's filters.
Forms validate input only; the file itself is checked by library/uploads.py through
library/services.py, which also writes (change log)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.library import conf
from digitalagentur.library.choices import DocumentKind, Visibility
from digitalagentur.library.models import Document, Tag
from digitalagentur.library.uploads import allowed_types_text
from digitalagentur.portfolio.models import Project

from .forms import IdModelChoiceField, IdMultipleChoiceField, VersionedModelForm
from .forms_participation import region_towns
from .forms_workshops import region_fields

LENGTH_MESSAGE = _("Bitte höchstens %(limit_value)d Zeichen (jetzt %(show_value)d).")


def file_help() -> str:
    megabytes = conf.max_bytes() / (1024 * 1024)
    return _("Erlaubt: %(types)s; höchstens %(size)s MB. Der Typ wird am Inhalt erkannt.") % {
        "types": allowed_types_text(),
        "size": f"{megabytes:.0f}",
    }


def upload_field(label) -> forms.FileField:
    return forms.FileField(
        label=label,
        error_messages={
            "required": _("Bitte wählen Sie eine Datei."),
            "empty": _("Die Datei ist leer."),
            "invalid": _("Das ist keine Datei."),
            "missing": _("Bitte wählen Sie eine Datei."),
        },
    )


def read_upload(upload) -> tuple[str, bytes]:
    """Name and bytes of an uploaded file, read at most one byte past the limit (the check
    then refuses it as too large without reading the rest)."""
    upload.seek(0)
    return upload.name or "", upload.read(conf.max_bytes() + 1)


class DocumentForm(VersionedModelForm):
    """Title, description, kind, visibility, project, tags, fields and towns; on creation the
    file and a note too."""

    tags = forms.CharField(
        label=_("Schlagwörter"),
        required=False,
        max_length=700,
        help_text=_("Durch Kommas getrennt, z. B. „Vergabe, Glasfaser“."),
        error_messages={"max_length": LENGTH_MESSAGE},
    )
    fields = IdMultipleChoiceField(
        label=_("Handlungsfelder"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Bitte wählen Sie Handlungsfelder der Liste."),
            "invalid_pk_value": _("Bitte wählen Sie Handlungsfelder der Liste."),
        },
    )
    towns = IdMultipleChoiceField(
        label=_("Kommunen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Bitte wählen Sie Kommunen der Liste."),
            "invalid_pk_value": _("Bitte wählen Sie Kommunen der Liste."),
        },
    )

    class Meta:
        model = Document
        fields = ["title", "description", "kind", "visibility", "project"]
        field_classes = {"project": IdModelChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "visibility": _(
                "Interne Dokumente sieht nur der interne Bereich; öffentliche stehen mit ihrer "
                "aktuellen Fassung auf der Website und in der API."
            ),
            "project": _("Optional: das Projekt, zu dem das Dokument gehört."),
        }
        error_messages = {
            "title": {
                "required": _("Bitte geben Sie einen Titel an."),
                "max_length": LENGTH_MESSAGE,
            },
            "description": {"max_length": LENGTH_MESSAGE},
            "kind": {"invalid_choice": _("Bitte wählen Sie eine Art der Liste.")},
            "visibility": {"invalid_choice": _("Bitte wählen Sie eine Sichtbarkeit der Liste.")},
            "project": {"invalid_choice": _("Bitte wählen Sie ein Projekt der Liste.")},
        }

    def __init__(self, *args, towns_hint: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.filter(region=self.region).order_by(
            "code", "title", "pk"
        )
        self.fields["project"].empty_label = _("– kein Projekt –")
        self.fields["fields"].queryset = region_fields(self.region)
        self.fields["towns"].queryset = region_towns(self.region)
        if towns_hint:
            self.fields["towns"].help_text = towns_hint
        if self.is_edit:
            if not self.is_bound:
                self.initial["tags"] = ", ".join(t.name for t in self.instance.tags.all())
                self.initial["fields"] = list(self.instance.fields.values_list("pk", flat=True))
                self.initial["towns"] = list(
                    self.instance.municipalities.values_list("pk", flat=True)
                )
        else:
            self.fields["file"] = upload_field(_("Datei"))
            self.fields["file"].help_text = file_help()
            self.fields["reason"] = self.fields.pop("reason")

    def clean_title(self):
        title = " ".join((self.cleaned_data.get("title") or "").split())
        if not title:
            raise forms.ValidationError(_("Bitte geben Sie einen Titel an."))
        return title

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in self.Meta.fields}

    def relations(self) -> dict:
        return {
            "tags": self.cleaned_data["tags"],
            "fields": list(self.cleaned_data["fields"]),
            "municipalities": list(self.cleaned_data["towns"]),
        }


class VersionForm(forms.Form):
    """A new file for a document, with a note on what changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"] = upload_field(_("Neue Fassung (Datei)"))
        self.fields["file"].help_text = file_help()
        self.fields["note"] = forms.CharField(
            label=_("Was hat sich geändert?"),
            required=False,
            max_length=500,
            error_messages={"max_length": LENGTH_MESSAGE},
        )


class DocumentFilterForm(forms.Form):
    """The list's search and filters (GET); an unknown value is ignored, never an error page."""

    q = forms.CharField(label=_("Suche"), required=False, max_length=200)
    kind = forms.ChoiceField(label=_("Art"), required=False)
    tag = forms.ModelChoiceField(label=_("Schlagwort"), queryset=None, required=False)
    field = forms.ModelChoiceField(label=_("Handlungsfeld"), queryset=None, required=False)
    town = forms.ModelChoiceField(label=_("Kommune"), queryset=None, required=False)
    visibility = forms.ChoiceField(label=_("Sichtbarkeit"), required=False)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("alle"))]
        self.fields["kind"].choices = everything + list(DocumentKind.choices)
        self.fields["visibility"].choices = everything + list(Visibility.choices)
        self.fields["tag"].queryset = Tag.objects.filter(region=region).order_by("name")
        self.fields["field"].queryset = region_fields(region)
        self.fields["town"].queryset = region_towns(region)
        for name in ("tag", "field", "town"):
            self.fields[name].empty_label = _("alle")

    def filters(self) -> dict:
        """The valid filters only (an invalid one is dropped, with the form showing why)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) for name in self.fields if data.get(name)}
