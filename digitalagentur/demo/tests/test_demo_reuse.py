"""The demo's reuse across towns and checklists (issue 14, section 2): a checklist over all
six phases, projects offered for reuse, Olfen's copy of the Lastenradbox, and the public
pages that show them."""

import pytest
from django.urls import reverse

from digitalagentur.portfolio.checklists import project_checklist
from digitalagentur.portfolio.choices import ProjectPhase, ReuseKind
from digitalagentur.portfolio.models import ChecklistItem, Project, Reuse, ReuseOffer
from digitalagentur.tenancy.models import Region


@pytest.fixture
def region(demo_db, db):
    return Region.objects.get(slug="kreis-coesfeld")


@pytest.fixture
def host(region):
    return {"HTTP_HOST": region.hostname} if region.hostname else {}


def test_the_checklist_covers_every_phase(region):
    phases = set(ChecklistItem.objects.filter(region=region).values_list("phase", flat=True))
    assert phases == set(ProjectPhase.values)


def test_olfen_copied_the_lastenradbox_of_nordkirchen(region):
    box = Project.objects.get(region=region, slug="lastenradbox-nordkirchen")
    assert ReuseOffer.objects.filter(project=box).exists()
    record = Reuse.objects.get(original=box)
    assert (record.municipality.slug, record.kind) == ("olfen", ReuseKind.COPY)
    assert [p.municipality.slug for p in record.copy.participations.all()] == ["olfen"]
    assert project_checklist(box).current == ProjectPhase.EVALUATION


def test_the_public_sees_the_solutions_and_the_count(client, region, host):
    body = client.get(reverse("public:reuse_list"), **host).content.decode()
    assert "Lastenradbox Nordkirchen" in body and "Crossiety" in body
    box = client.get(
        reverse("public:project_detail", args=["lastenradbox-nordkirchen"]), **host
    ).content.decode()
    assert "Von 1 weiteren Kommune nachgenutzt" in box and "Olfen" in box
