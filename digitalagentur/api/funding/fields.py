"""Fields of the funding API: amounts and rates as decimal strings (JSON numbers would pass
through binary floating point on many clients), statuses as enums of their own."""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.utils import (
    extend_schema_field,
)
from rest_framework import serializers

AMOUNT_PATTERN = r"^(0|[1-9][0-9]{0,11})(\.[0-9]{1,2})?$"
# A rate or share from 0 to 1 with at most four places.
RATE_PATTERN = r"^(0(\.[0-9]{1,4})?|1(\.0{1,4})?)$"
MAX_MONTHS = 1200


class DecimalTextField(serializers.Field):
    """A decimal number sent as a JSON string matching `pattern` (German messages)."""

    pattern = ""
    default_error_messages = {
        "not_text": _('Bitte als Zeichenkette mit Dezimalpunkt angeben, z. B. "{example}".'),
        "comma": _(
            'Bitte einen Dezimalpunkt und keine Tausendertrennzeichen verwenden, z. B. "{example}".'
        ),
        "negative": _("Der Wert darf nicht negativ sein."),
        "invalid": _("Keine gültige Zahl der Form {example}."),
    }
    example = ""

    def to_internal_value(self, data):
        context = {"example": self.example}
        if not isinstance(data, str):
            self.fail("not_text", **context)
        text = data.strip()
        if re.fullmatch(self.pattern, text):
            return Decimal(text)
        if "," in text:
            self.fail("comma", **context)
        if text.startswith("-"):
            self.fail("negative")
        self.fail("invalid", **context)

    def to_representation(self, value):
        return str(value)


@extend_schema_field(
    {
        "type": "string",
        "pattern": AMOUNT_PATTERN,
        "example": "40000.00",
        "description": "Euro, höchstens zwei Nachkommastellen, unter 10^12",
    }
)
class AmountField(DecimalTextField):
    pattern = AMOUNT_PATTERN
    example = "40000.00"
    default_error_messages = {
        "invalid": _(
            "Kein gültiger Betrag: nicht negativ, unter 1 Billion Euro, höchstens zwei "
            'Nachkommastellen, z. B. "40000.00".'
        ),
    }


@extend_schema_field(
    {
        "type": "string",
        "pattern": RATE_PATTERN,
        "example": "0.65",
        "description": "Anteil von 0 bis 1, höchstens vier Nachkommastellen",
    }
)
class RateField(DecimalTextField):
    pattern = RATE_PATTERN
    example = "0.65"
    default_error_messages = {
        "invalid": _('Kein gültiger Anteil: eine Zahl von 0 bis 1, z. B. "0.65" für 65 %.'),
    }


def amount_text(value: Decimal) -> str:
    return f"{value:.2f}"


def share_text(value: Decimal) -> str:
    return f"{value:.4f}"


AMOUNT_OUT = {"type": "string", "pattern": r"^[0-9]+\.[0-9]{2}$", "example": "4897500.00"}
SHARE_OUT = {"type": "string", "pattern": r"^[01]\.[0-9]{4}$", "example": "0.5999"}


@extend_schema_field({**AMOUNT_OUT, "description": "Euro, genau, zwei Nachkommastellen"})
class AmountTextField(serializers.Field):
    """An amount of euros, written as a decimal string with two places."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return amount_text(value)


@extend_schema_field({**SHARE_OUT, "description": "Anteil von 0 bis 1, vier Nachkommastellen"})
class ShareTextField(AmountTextField):
    """A rate or share, written as a decimal string with four places."""

    def to_representation(self, value):
        return share_text(value)


class StatusField(serializers.CharField):
    """A status (read only), described as an enum component of its own: projects have a
    "status" too, and a shared name would rename theirs."""

    def __init__(self, choices, enum_name: str, **kwargs):
        self.choices, self.enum_name = choices, enum_name
        super().__init__(read_only=True, **kwargs)


class NamedChoiceField(serializers.ChoiceField):
    """A writable choice, described as the enum component `enum_name` (as StatusField)."""

    def __init__(self, choices, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices.choices, **kwargs)
        self.choices_class = choices


class StatusFieldSchema(OpenApiSerializerFieldExtension):
    target_class = StatusField

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        choices = getattr(field, "choices_class", None) or field.choices
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={
                "type": "string",
                "enum": list(choices.values),
                "description": "\n".join(f"* `{v}` - {label}" for v, label in choices.choices),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class NamedChoiceFieldSchema(StatusFieldSchema):
    target_class = NamedChoiceField
