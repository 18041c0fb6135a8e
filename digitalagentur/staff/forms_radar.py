"""Forms of the technology radar in the staff area (issue 14, section 1): a radar (with the
preset of its quadrants and rings or names of one's own when it is created; renamed or added
to later), an entry (with the reason of a ring
change), publishing an edition, and the import file. Forms validate input only; views write
through radar/services.py (change log, ring history, editions)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from digitalagentur.portfolio.models import Project
from digitalagentur.radar import formats, services
from digitalagentur.radar.models import Entry, Radar
from digitalagentur.radar.presets import DEFAULT_PRESET, PRESETS

from .forms import ConfirmForm, IdModelChoiceField, IdMultipleChoiceField, VersionedModelForm
from .forms_participation import region_towns
from .forms_workshops import region_fields

LENGTH_MESSAGE = _("Bitte höchstens %(limit_value)d Zeichen (jetzt %(show_value)d).")


def preset_choices() -> list[tuple[str, str]]:
    """Each preset with its quadrants and rings spelt out, the district's first."""
    return [
        (key, f"{preset.label} ({', '.join(preset.quadrants)} / {', '.join(preset.rings)})")
        for key, preset in PRESETS.items()
    ]


class NamesField(forms.CharField):
    """Names, one per line (radar/services.py checks how many and that they differ)."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault(
            "error_messages",
            {"required": _("Bitte geben Sie die Namen an."), "max_length": LENGTH_MESSAGE},
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class RadarForm(VersionedModelForm):
    """Name, description, whether the public sees it, and the names of the quadrants and
    rings (on creation a preset, or names of one's own)."""

    preset = forms.ChoiceField(
        label=_("Quadranten und Ringe"),
        choices=preset_choices,
        initial=DEFAULT_PRESET,
        widget=forms.RadioSelect,
        help_text=_("Die Namen lassen sich später umbenennen und ergänzen."),
        error_messages={"invalid_choice": _("Bitte wählen Sie eine der Vorlagen.")},
    )

    class Meta:
        model = Radar
        fields = ["name", "description", "published"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"published": _("Veröffentlicht (auf der öffentlichen Website sichtbar)")}
        help_texts = {
            "name": _("z. B. „Technologie-Radar der Verwaltung“ oder „Chancen-Radar“."),
            "published": _("Ohne Haken ist das Radar ein Entwurf, nur im internen Bereich."),
        }
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie einen Namen an."),
                "max_length": LENGTH_MESSAGE,
            },
            "description": {"max_length": LENGTH_MESSAGE},
        }

    quadrant_names = NamesField(
        label=_("Quadranten"),
        help_text=_("Ein Name je Zeile, höchstens vier, im Uhrzeigersinn ab oben rechts."),
    )
    ring_names = NamesField(
        label=_("Ringe"),
        help_text=_("Ein Name je Zeile, höchstens vier, vom innersten zum äußersten Ring."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_edit:
            del self.fields["preset"]
            self.fields["quadrant_names"].initial = [q.name for q in self.instance.quadrants.all()]
            self.fields["ring_names"].initial = [r.name for r in self.instance.rings.all()]
            extra = _(
                " Vorhandene lassen sich umbenennen und neue unten anfügen, aber nicht "
                "entfernen; leer bleibt es, wie es ist."
            )
            for name in ("quadrant_names", "ring_names"):
                self.fields[name].help_text = f"{self.fields[name].help_text}{extra}"
        else:
            self.fields["quadrant_names"].help_text = _(
                "Optional: eigene Namen statt derer der Vorlage, einer je Zeile, höchstens vier."
            )
            self.fields["ring_names"].help_text = _(
                "Optional: eigene Namen statt derer der Vorlage, vom innersten Ring an, "
                "höchstens vier."
            )
            self.order_fields(
                ["name", "description", "preset", "quadrant_names", "ring_names", "published"]
            )
            self.fields["reason"] = self.fields.pop("reason")

    def names(self) -> dict:
        """The quadrants and rings given (None: keep those of the preset or radar)."""
        return {
            "quadrants": self.cleaned_data.get("quadrant_names") or None,
            "rings": self.cleaned_data.get("ring_names") or None,
        }

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an."))
        return name

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in self.Meta.fields}


class LinksField(forms.CharField):
    """Web addresses, one per line (radar/services.py checks them)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(str(v) for v in value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class EntryForm(VersionedModelForm):
    """An entry of a radar. The reason ("Begründung") is required when the ring changes: it
    goes into the entry's ring history and the change log."""

    links = LinksField(
        label=_("Links"),
        required=False,
        help_text=_(
            "Eine Web-Adresse je Zeile (https://…), höchstens %(max)d; die erste ist der "
            "Haupt-Link."
        )
        % {"max": services.MAX_LINKS},
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
    projects = IdMultipleChoiceField(
        label=_("Projekte, die es einsetzen oder erproben"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Bitte wählen Sie Projekte der Liste."),
            "invalid_pk_value": _("Bitte wählen Sie Projekte der Liste."),
        },
    )
    towns = IdMultipleChoiceField(
        label=_("Kommunen, die es einsetzen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Bitte wählen Sie Kommunen der Liste."),
            "invalid_pk_value": _("Bitte wählen Sie Kommunen der Liste."),
        },
    )

    class Meta:
        model = Entry
        fields = ["name", "quadrant", "ring", "description", "links", "contact"]
        field_classes = {"quadrant": IdModelChoiceField, "ring": IdModelChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "name": _("Die Technik, z. B. „LoRaWAN“; der Name kommt im Radar nur einmal vor."),
            "contact": _("Wer im Kreis dazu Auskunft gibt."),
        }
        error_messages = {
            "name": {
                "required": _("Bitte geben Sie einen Namen an."),
                "max_length": LENGTH_MESSAGE,
            },
            "quadrant": {
                "required": _("Bitte wählen Sie einen Quadranten."),
                "invalid_choice": _("Bitte wählen Sie einen Quadranten der Liste."),
            },
            "ring": {
                "required": _("Bitte wählen Sie einen Ring."),
                "invalid_choice": _("Bitte wählen Sie einen Ring der Liste."),
            },
            "description": {"max_length": LENGTH_MESSAGE},
            "contact": {"max_length": LENGTH_MESSAGE},
        }

    def __init__(self, *args, radar, **kwargs):
        super().__init__(*args, **kwargs)
        self.radar = radar
        self.old_ring_id = self.instance.ring_id if self.is_edit else None
        self.fields["quadrant"].queryset = radar.quadrants.order_by("position", "pk")
        self.fields["ring"].queryset = radar.rings.order_by("position", "pk")
        for name in ("quadrant", "ring"):
            self.fields[name].empty_label = _("– bitte wählen –")
        self.fields["fields"].queryset = region_fields(self.region)
        self.fields["projects"].queryset = Project.objects.filter(region=self.region).order_by(
            "code", "title", "pk"
        )
        self.fields["towns"].queryset = region_towns(self.region)
        if self.is_edit and not self.is_bound:
            self.initial["fields"] = list(self.instance.fields.values_list("pk", flat=True))
            self.initial["projects"] = list(self.instance.projects.values_list("pk", flat=True))
            self.initial["towns"] = list(self.instance.municipalities.values_list("pk", flat=True))
        reason = self.fields["reason"]
        reason.label = _("Begründung")
        if self.is_edit:
            reason.help_text = _(
                "Pflicht, wenn sich der Ring ändert: erscheint in der Ringhistorie und im "
                "Änderungsprotokoll."
            )
        else:
            reason.help_text = _("Optional: warum das Radar den Eintrag aufnimmt (Ringhistorie).")

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name:
            raise forms.ValidationError(_("Bitte geben Sie einen Namen an."))
        return name

    def clean(self):
        cleaned = super().clean()
        ring = cleaned.get("ring")
        moved = self.is_edit and ring is not None and ring.pk != self.old_ring_id
        if moved and not (cleaned.get("reason") or "").strip() and "reason" not in self.errors:
            self.add_error(
                "reason",
                _("Bitte begründen Sie, warum der Eintrag in einen anderen Ring wechselt."),
            )
        return cleaned

    def model_values(self) -> dict:
        return {k: v for k, v in super().model_values().items() if k in self.Meta.fields}

    @property
    def ring_changed(self) -> bool:
        ring = self.cleaned_data.get("ring")
        return self.is_edit and ring is not None and ring.pk != self.old_ring_id

    def relations(self) -> dict:
        return {
            "fields": list(self.cleaned_data["fields"]),
            "projects": list(self.cleaned_data["projects"]),
            "municipalities": list(self.cleaned_data["towns"]),
        }


class EditionForm(ConfirmForm):
    """Publishing an edition: the version of the radar the page showed and a note."""

    note = forms.CharField(
        label=_("Anmerkung zur Ausgabe (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("z. B. was sich seit der letzten Ausgabe bewegt hat; öffentlich sichtbar."),
        error_messages={"max_length": LENGTH_MESSAGE},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["reason"]
        self.fields["version"].widget = forms.HiddenInput()


AUTO = ""
FORMAT_CHOICES = [
    (AUTO, _("nach der Dateiendung (.csv oder .json)")),
    (formats.BYOR_CSV, _("Build-Your-Own-Radar CSV")),
    (formats.BYOR_JSON, _("Build-Your-Own-Radar JSON")),
]
EXTENSIONS = {".csv": formats.BYOR_CSV, ".json": formats.BYOR_JSON}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Datei"),
        help_text=_(
            "BYOR-CSV mit der Kopfzeile name,ring,quadrant,isNew,description (status erlaubt) "
            "oder BYOR-JSON (eine Liste solcher Objekte). Es wird zuerst nur geprüft."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.json,text/csv,application/json"}),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei."),
            "empty": _("Die Datei ist leer."),
            "invalid": _("Bitte wählen Sie eine Datei."),
        },
    )
    format = forms.ChoiceField(
        label=_("Format"),
        choices=FORMAT_CHOICES,
        required=False,
        error_messages={"invalid_choice": _("Bitte wählen Sie ein Format der Liste.")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = services.import_max_bytes()
        if upload.size is None or upload.size > limit:
            raise forms.ValidationError(
                _("Die Datei ist zu groß: höchstens %(size)s. Bitte teilen Sie sie auf.")
                % {"size": formats.size_label(limit)}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not cleaned.get("format"):
            name = (upload.name or "").lower()
            found = next((f for ext, f in EXTENSIONS.items() if name.endswith(ext)), None)
            if found is None:
                self.add_error(
                    "format",
                    _("Die Dateiendung verrät das Format nicht: bitte wählen Sie CSV oder JSON."),
                )
            else:
                cleaned["format"] = found
        return cleaned
