"""Shapes of the participation API (issue 12, section 3): ideas as the public sees them, the
body of a new idea, the state of one's support, competitions and their ranking.

Texts are returned exactly as they were written (JSON strings, no HTML processing): escaping
is the business of whoever renders them, as the public pages do. Names of people are the
ones they chose to show (participation.services.display_name), never an e-mail address or a
user name.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from digitalagentur.participation.choices import PUBLIC_STATUSES, CompetitionPhase, IdeaStatus
from digitalagentur.participation.models import (
    TEXT_MAX,
    TITLE_MAX,
    Competition,
    Criterion,
    Idea,
    IdeaStatusChange,
    Prize,
)
from digitalagentur.participation.services import display_name
from digitalagentur.portfolio.filtersets import SLUG_RE
from digitalagentur.strategy.models import Field
from digitalagentur.tenancy.models import Municipality

from ..funding.fields import StatusField
from ..serializers import FieldSlugField, StrictCharField, context_region, public_page_url

SLUG_MAX = 120
SCORE_SCHEMA = {
    "type": "string",
    "pattern": r"^([0-9]|10)\.[0-9]{2}$",
    "example": "7.25",
    "description": "Gewichteter Mittelwert der Punkte (0 bis 10), zwei Nachkommastellen",
    "nullable": True,
}
# Steps of an idea's way that the public sees (a refusal in moderation and a merge never).
PUBLIC_STEPS = (IdeaStatus.RECEIVED, *PUBLIC_STATUSES)


def context_can_read_internal(context) -> bool:
    access = context.get("access")
    return bool(access is not None and access.can_read_internal)


# --- slugs of the request's region --------------------------------------------------------------


SLUG_INPUT = {
    "type": "string",
    "pattern": r"^[-a-zA-Z0-9_]+$",
    "maxLength": SLUG_MAX,
    "nullable": True,
}


@extend_schema_field(SLUG_INPUT)
class IdeaFieldSlugField(FieldSlugField):
    """A field of action of the region by slug: for the public only the published ones (a
    draft field's slug is unknown to them), for the region's staff every one."""

    default_error_messages = {
        "does_not_exist": _("Dieses Handlungsfeld gibt es in dieser Region nicht: „{value}“."),
    }

    def get_queryset(self):
        region = context_region(self.context)
        if region is None:
            return Field.objects.none()
        fields = Field.objects.filter(region=region)
        if not context_can_read_internal(self.context):
            fields = fields.filter(published=True, strategy__published=True)
        return fields


@extend_schema_field(SLUG_INPUT)
class MunicipalitySlugField(serializers.SlugRelatedField):
    """A town of the request's region by slug."""

    default_error_messages = {
        "does_not_exist": _("Diese Kommune gibt es in dieser Region nicht: „{value}“."),
        "invalid": _("Bitte das Kürzel einer Kommune angeben."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        kwargs.setdefault("queryset", Municipality.objects.none())
        super().__init__(**kwargs)

    def get_queryset(self):
        region = context_region(self.context)
        return Municipality.objects.filter(region=region) if region else Municipality.objects.none()

    def run_validation(self, data=serializers.empty):
        if data == "":  # DRF would read "" as null; the schema says a slug or null
            self.fail("does_not_exist", slug_name=self.slug_field, value="")
        return super().run_validation(data)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not SLUG_RE.match(data) or len(data) > SLUG_MAX:
            self.fail("does_not_exist", slug_name=self.slug_field, value=str(data)[:100])
        return super().to_internal_value(data)


@extend_schema_field(
    {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$", "maxLength": SLUG_MAX, "nullable": True}
)
class FieldSlugOutput(serializers.Field):
    """The slug of an idea's field of action; null for the public while the field is a draft."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if not context_can_read_internal(self.context):
            if not (value.published and value.strategy.published):
                return None
        return value.slug


# --- ideas -------------------------------------------------------------------------------------


class IdeaSerializer(serializers.ModelSerializer):
    """An idea in the public list (the contract of issue 12, section 3)."""

    field = FieldSlugOutput(help_text=_("Kürzel des Handlungsfelds oder null"))
    municipality = serializers.SlugRelatedField(
        slug_field="slug",
        read_only=True,
        allow_null=True,
        help_text=_("Kürzel der Kommune oder null"),
    )
    status = StatusField(IdeaStatus, "IdeaStatusEnum")
    supporters = serializers.IntegerField(
        read_only=True, help_text=_("Zahl der Menschen, die die Idee unterstützen")
    )

    class Meta:
        model = Idea
        fields = ["id", "title", "field", "municipality", "status", "supporters", "created"]
        read_only_fields = fields


class IdeaStepSerializer(serializers.ModelSerializer):
    status = StatusField(IdeaStatus, "IdeaStatusEnum")
    reason = serializers.CharField(read_only=True, help_text=_("Öffentliche Begründung"))

    class Meta:
        model = IdeaStatusChange
        fields = ["status", "time", "reason"]
        read_only_fields = fields


class IdeaDetailSerializer(IdeaSerializer):
    """One idea with its text, the coordination's answer and every step of its way."""

    author_name = serializers.SerializerMethodField(
        help_text=_("Angezeigter Name der einreichenden Person (auch ein Pseudonym)")
    )
    status_history = serializers.SerializerMethodField(
        help_text=_("Jede Änderung des Status mit Datum, älteste zuerst")
    )
    project = serializers.SerializerMethodField(
        help_text=_("ID des Projekts, zu dem die Idee wurde (sobald es veröffentlicht ist)")
    )
    supported = serializers.SerializerMethodField(
        help_text=_("Ob die angemeldete Person die Idee unterstützt (anonym: false)")
    )
    page_url = serializers.SerializerMethodField(
        help_text=_("Adresse der öffentlichen Seite der Idee")
    )

    class Meta(IdeaSerializer.Meta):
        fields = [
            *IdeaSerializer.Meta.fields,
            "text",
            "answer",
            "answered",
            "author_name",
            "status_history",
            "project",
            "supported",
            "page_url",
        ]
        read_only_fields = fields

    def get_author_name(self, idea) -> str:
        return display_name(idea.author)

    @extend_schema_field(IdeaStepSerializer(many=True))
    def get_status_history(self, idea):
        steps = [step for step in idea.status_changes.all() if step.status in PUBLIC_STEPS]
        return IdeaStepSerializer(steps, many=True).data

    def get_project(self, idea) -> int | None:
        project = idea.project
        if project is None or not project.published:
            return None
        return project.pk

    def get_supported(self, idea) -> bool:
        return bool(getattr(idea, "supported", False))

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_page_url(self, idea) -> str | None:
        return public_page_url(self.context, "public:idea", idea.pk)


class IdeaCreateSerializer(serializers.Serializer):
    """A new idea; it waits for the moderation ("received") before anyone else sees it."""

    title = StrictCharField(max_length=TITLE_MAX, help_text=_("Titel der Idee"))
    text = StrictCharField(max_length=TEXT_MAX, help_text=_("Beschreibung der Idee"))
    field = IdeaFieldSlugField(
        required=False, allow_null=True, help_text=_("Kürzel eines Handlungsfelds der Region")
    )
    municipality = MunicipalitySlugField(
        required=False, allow_null=True, help_text=_("Kürzel einer Kommune der Region")
    )


class SupportStateSerializer(serializers.Serializer):
    supporters = serializers.IntegerField(
        help_text=_("Zahl der Menschen, die die Idee unterstützen")
    )
    supported = serializers.BooleanField(help_text=_("Die Person unterstützt die Idee"))


class ParticipationMessageSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text=_("Meldung auf Deutsch"))


# --- competitions --------------------------------------------------------------------------------


class CriterionSerializer(serializers.ModelSerializer):
    weight = serializers.DecimalField(max_digits=6, decimal_places=2, read_only=True)

    class Meta:
        model = Criterion
        fields = ["name", "weight"]
        read_only_fields = fields


class PrizeSerializer(serializers.ModelSerializer):
    winner = serializers.SerializerMethodField(
        help_text=_("Titel des Gewinnerbeitrags, sobald das Ergebnis veröffentlicht ist")
    )

    class Meta:
        model = Prize
        fields = ["position", "name", "winner"]
        read_only_fields = fields

    def get_winner(self, prize) -> str | None:
        if prize.winner is None or not prize.competition.result_published:
            return None
        return prize.winner.title


class ExtraFieldSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    required = serializers.BooleanField()


class CompetitionSerializer(serializers.ModelSerializer):
    phase = StatusField(CompetitionPhase, "CompetitionPhaseEnum")
    criteria = CriterionSerializer(many=True, read_only=True)
    prizes = PrizeSerializer(many=True, read_only=True)

    class Meta:
        model = Competition
        fields = [
            "id",
            "slug",
            "title",
            "phase",
            "submission_start",
            "submission_end",
            "jury_end",
            "award_date",
            "result_published",
            "criteria",
            "prizes",
        ]
        read_only_fields = fields


class CompetitionDetailSerializer(CompetitionSerializer):
    """A competition with its call: description, who may submit, the extra fields asked."""

    extra_fields = serializers.SerializerMethodField(
        help_text=_("Weitere Angaben, die eine Einreichung macht")
    )

    class Meta(CompetitionSerializer.Meta):
        fields = [*CompetitionSerializer.Meta.fields, "description", "eligibility", "extra_fields"]
        read_only_fields = fields

    @extend_schema_field(ExtraFieldSerializer(many=True))
    def get_extra_fields(self, competition):
        items = [
            {
                "key": str(item.get("key", "")),
                "label": str(item.get("label", "")),
                "required": bool(item.get("required")),
            }
            for item in competition.extra_fields or []
            if isinstance(item, dict)
        ]
        return ExtraFieldSerializer(items, many=True).data


# --- the ranking --------------------------------------------------------------------------------


@extend_schema_field(SCORE_SCHEMA)
class ScoreField(serializers.DecimalField):
    def __init__(self, **kwargs):
        super().__init__(max_digits=4, decimal_places=2, allow_null=True, **kwargs)


class RankedSubmissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    submitter_name = serializers.CharField(help_text=_("Angezeigter Name der Einreichenden"))


class CriterionValueSerializer(serializers.Serializer):
    criterion = serializers.CharField(help_text=_("Kriterium"))
    value = serializers.IntegerField(min_value=0, max_value=10, help_text=_("Punkte 0 bis 10"))


class JurorScoreSerializer(serializers.Serializer):
    juror = serializers.CharField(help_text=_("Name des Jurymitglieds"))
    score = ScoreField(help_text=_("Gewichteter Mittelwert dieses Jurymitglieds"))
    values = CriterionValueSerializer(many=True)


class RankingEntrySerializer(serializers.Serializer):
    """A submission's place. `per_juror` and `conflicts` only for the coordination."""

    rank = serializers.IntegerField(
        allow_null=True, help_text=_("Platz (gleiche Punkte teilen ihn); null ohne Bewertung")
    )
    submission = RankedSubmissionSerializer()
    score = ScoreField(help_text=_("Gewichteter Mittelwert aller Bewertungen; null ohne"))
    jurors_scored = serializers.IntegerField(
        help_text=_("Zahl der Jurymitglieder, die bewertet haben")
    )
    per_juror = JurorScoreSerializer(
        many=True, required=False, help_text=_("Nur für die Koordination: je Jurymitglied")
    )
    conflicts = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Nur für die Koordination: Jurymitglieder mit erklärter Befangenheit"),
    )


def ranking_rows(entries, *, internal: bool) -> list[dict]:
    """The ranking entries (participation.competitions.RankedEntry) as plain values."""
    rows = []
    for entry in entries:
        submission = entry.submission
        row = {
            "rank": entry.rank,
            "submission": {
                "id": submission.pk,
                "title": submission.title,
                "submitter_name": submission.submitter_name,
            },
            "score": entry.score,
            "jurors_scored": entry.jurors_scored,
        }
        if internal:
            row["per_juror"] = [
                {
                    "juror": display_name(juror.user),
                    "score": score,
                    "values": [
                        {"criterion": criterion.name, "value": value}
                        for criterion, value in entry.values.get(juror, {}).items()
                    ],
                }
                for juror, score in entry.per_juror.items()
            ]
            row["conflicts"] = [display_name(juror.user) for juror in entry.conflicts]
        rows.append(row)
    return RankingEntrySerializer(rows, many=True).data
