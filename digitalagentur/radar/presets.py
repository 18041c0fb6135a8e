"""The quadrants and rings a new radar starts with (issue 14: the district's default and the
Thoughtworks set). Rings are listed innermost first."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Preset:
    label: str
    quadrants: tuple[str, ...]
    rings: tuple[str, ...]


PRESETS = {
    "kreis": Preset(
        label=_("Kreis (Voreinstellung)"),
        quadrants=("Verwaltung", "Infrastruktur", "Bürgerdienste", "Daten & KI"),
        rings=("Einsetzen", "Erproben", "Beobachten", "Zurückstellen"),
    ),
    "thoughtworks": Preset(
        label=_("Thoughtworks"),
        quadrants=("Techniques", "Tools", "Platforms", "Languages & Frameworks"),
        rings=("Adopt", "Trial", "Assess", "Hold"),
    ),
}
DEFAULT_PRESET = "kreis"
