"""Change-log addresses of Landräume objects (issue 11): providers and spaces are managed on
the provider pages under /landraeume/ (providers need no role in the region), employers and
contingents on the coordination's pages under /intern/landraeume/arbeitgeber/; these staff
addresses lead there."""

from __future__ import annotations

from django.urls import reverse

from digitalagentur.spaces.models import Contingent, Employer, Provider, Space

from .base import ObjectRedirect


class ProviderRedirect(ObjectRedirect):
    model = Provider

    def target(self, obj):
        return reverse("public:spaces_manage_provider_edit", args=[obj.pk])


class SpaceRedirect(ObjectRedirect):
    model = Space

    def target(self, obj):
        return reverse("public:spaces_manage_space_edit", args=[obj.pk])


class EmployerRedirect(ObjectRedirect):
    model = Employer

    def target(self, obj):
        return reverse("staff:spaces_employer_edit", args=[obj.pk])


class ContingentRedirect(ObjectRedirect):
    model = Contingent

    def target(self, obj):
        return reverse("staff:spaces_contingent_edit", args=[obj.pk])
