"""The own addresses of assessment objects shown on a round's pages (change-log links)."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.assessment.models import GroupOverride, Response, Round

from .base import ObjectRedirect


class RoundRedirect(ObjectRedirect):
    model = Round

    def target(self, obj) -> str:
        return reverse("staff:round_detail", args=[obj.slug])


class ResponseRedirect(ObjectRedirect):
    model = Response

    def get_queryset(self):
        return super().get_queryset().select_related("round", "municipality")

    def target(self, obj) -> str:
        return reverse("staff:round_answer", args=[obj.round.slug, obj.municipality.slug])


class OverrideRedirect(ObjectRedirect):
    model = GroupOverride

    def get_queryset(self):
        return super().get_queryset().select_related("round")

    def target(self, obj) -> str:
        return reverse("staff:round_results", args=[obj.round.slug])
