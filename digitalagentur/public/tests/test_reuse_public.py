"""Reuse across towns on the public website (issue 14, section 2): the solutions to reuse,
the reuse count and the phase on a project's profile; drafts never appear."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digitalagentur.core import testing as t
from digitalagentur.portfolio import checklists, reuse
from digitalagentur.portfolio.models import ChecklistItem

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture(autouse=True)
def default_region(settings, region):
    settings.DEFAULT_REGION_SLUG = region.slug


def offer(project, built="Eine Dorfplattform für alle Ortsteile"):
    return reuse.save_offer(project, {"built": built, "contact": "Senden", "cost_eur": 900})


def test_the_list_shows_published_offers_only_with_their_reuse_count(client, site, region):
    offer(site.local)
    offer(site.draft, built="GEHEIMES ANGEBOT")
    third = t.make_municipality(region, "Nottuln", slug="nottuln")
    reuse.join(site.local, site.other_town)
    reuse.copy_project(site.local, third)
    body = client.get(reverse("public:reuse_list")).content.decode()
    assert "Crossiety-Dorfplattform" in body and "Eine Dorfplattform" in body
    assert "von 2 weiteren Kommunen nachgenutzt" in body
    assert "GEHEIM" not in body


def test_the_profile_shows_the_offer_the_reusing_towns_and_the_phase(client, site, region):
    offer(site.local)
    reuse.join(site.local, site.other_town)
    item = ChecklistItem.objects.create(region=region, phase="funding", text="Förderantrag")
    ChecklistItem.objects.create(region=region, phase="go_live", text="Start")
    checklists.set_done(site.local, item, True)
    body = client.get(reverse("public:project_detail", args=[site.local.slug])).content.decode()
    assert "Eine Dorfplattform für alle Ortsteile" in body
    assert "Von 1 weiteren Kommune nachgenutzt" in body and "Havixbeck" in body
    assert "Inbetriebnahme" in body and "1 von 2 Prüfpunkten erledigt" in body


def test_an_unpublished_copy_is_not_linked_and_an_empty_list_explains_itself(client, site, region):
    assert "Noch bietet keine Kommune" in client.get(reverse("public:reuse_list")).content.decode()
    offer(site.local)
    record = reuse.copy_project(site.local, site.other_town)
    body = client.get(reverse("public:project_detail", args=[site.local.slug])).content.decode()
    assert record.copy.slug not in body  # the copy is a draft


def test_the_list_costs_the_same_queries_however_many_offers(client, site, region):
    offer(site.local)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("public:reuse_list")).status_code == 200
        return len(queries)

    before = count()
    for n in range(4):
        town = t.make_municipality(region, f"Ort {n}", slug=f"ort-{n}")
        project = t.make_project(region, f"Lösung {n}", towns=[town])
        offer(project)
        reuse.join(project, site.town)
    assert count() == before


def test_only_public_documents_of_the_project_and_its_original_are_offered(client, site):
    from digitalagentur.library.choices import Visibility
    from digitalagentur.testing.library import make_document

    offer(site.local)
    make_document(site.region, "Leitfaden zur Einführung", project=site.local)
    make_document(
        site.region, "INTERNER VERTRAG", project=site.local, visibility=Visibility.INTERNAL
    )
    record = reuse.copy_project(site.local, site.other_town)
    record.copy.published = True
    record.copy.save()
    for slug in (site.local.slug, record.copy.slug):
        body = client.get(reverse("public:project_detail", args=[slug])).content.decode()
        assert "Leitfaden zur Einführung" in body
        assert "INTERNER VERTRAG" not in body
