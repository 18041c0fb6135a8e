"""Reuse across towns (portfolio/reuse.py): joining and copying an offered project."""

import pytest
from django.core.exceptions import ValidationError

from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.portfolio import checklists, reuse
from digitalagentur.portfolio.choices import ParticipationRole, ProjectPhase, ReuseKind
from digitalagentur.portfolio.models import ChecklistItem, ChecklistTick, Project, Reuse
from digitalagentur.portfolio.services import update_project

OFFER = {"built": "Ein Online-Terminbuchungssystem", "contact": "Digitalisierung Senden"}


@pytest.fixture
def offered(region, town, other_town):
    project = t.make_project(region, "Termine online", towns=[town])
    project = update_project(
        project, {"status": "in_progress", "progress": 60}, expected_version=project.version
    )
    reuse.save_offer(project, OFFER)
    return project


def test_joining_adds_the_town_as_partner_starting_at_the_beginning(offered, town, other_town):
    record = reuse.join(offered, other_town)
    part = offered.participations.get(municipality=other_town)
    assert (part.role, part.status, part.progress) == (ParticipationRole.PARTNER, "planned", 0)
    assert (record.kind, record.copy) == (ReuseKind.JOIN, None)
    assert offered.participations.get(municipality=town).progress == 60
    assert list(offered.reuses.values_list("municipality", flat=True)) == [other_town.pk]
    assert ObjectChange.objects.filter(object_id=record.pk).exists()


def test_copying_makes_a_local_draft_of_the_town_linked_to_the_original(offered, other_town):
    record = reuse.copy_project(offered, other_town)
    copy = record.copy
    assert copy.pk != offered.pk and copy.region_id == offered.region_id
    assert copy.title == offered.title and not copy.published and not copy.is_strategy_project
    assert (copy.status, copy.progress) == ("planned", 0)
    lead = copy.participations.get()
    assert (lead.municipality, lead.role) == (other_town, ParticipationRole.LEAD)
    assert copy.reused_from.original == offered
    assert not offered.participations.filter(municipality=other_town).exists()


def test_a_town_reuses_once_and_never_its_own_project(offered, town, other_town):
    reuse.join(offered, other_town)
    with pytest.raises(ValidationError, match="bereits"):
        reuse.copy_project(offered, other_town)
    with pytest.raises(ValidationError, match="bereits beteiligt"):
        reuse.join(offered, town)
    assert Project.objects.count() == 1  # the refused copy left nothing behind


def test_only_offered_projects_and_towns_of_the_region(region, town, other_town, other_region):
    project = t.make_project(region, "Nicht angeboten", towns=[town])
    with pytest.raises(ValidationError, match="nicht zur Nachnutzung"):
        reuse.join(project, other_town)
    reuse.save_offer(project, OFFER)
    foreign = t.make_municipality(other_region, "Fremdstadt", slug="fremdstadt")
    with pytest.raises(ValidationError, match="nicht zu dieser Region"):
        reuse.copy_project(project, foreign)
    assert not Reuse.objects.exists()


def test_the_database_allows_one_reuse_per_project_and_town(offered, other_town):
    reuse.join(offered, other_town)
    with pytest.raises(ValidationError, match="bereits"):
        # as a second request that passed the checks at the same moment would write it
        reuse._record(offered, other_town, ReuseKind.COPY, None, None)


def test_ticking_is_idempotent_and_moves_the_phase(region, offered):
    first = ChecklistItem.objects.create(region=region, phase=ProjectPhase.IDEA, text="Idee")
    ChecklistItem.objects.create(region=region, phase=ProjectPhase.TENDER, text="Vergabe")
    assert checklists.project_checklist(offered).current == ProjectPhase.IDEA
    assert checklists.set_done(offered, first, True)
    assert not checklists.set_done(offered, first, True)  # a second click changes nothing
    assert ChecklistTick.objects.filter(project=offered).count() == 1
    assert checklists.project_checklist(offered).current == ProjectPhase.TENDER
    assert checklists.set_done(offered, first, False)
    assert checklists.project_checklist(offered).current == ProjectPhase.IDEA


def test_a_point_of_another_region_is_refused(offered, other_region):
    foreign = ChecklistItem.objects.create(region=other_region, phase="idea", text="Fremd")
    with pytest.raises(ValidationError):
        checklists.set_done(offered, foreign, True)


def test_the_phase_computed_in_the_database_agrees_with_the_checklist(region, offered):
    """checklists.with_phase (one query for any number of projects) against phases.checklist."""
    specs = [("evaluation", "E"), ("idea", "I1"), ("tender", "T"), ("idea", "I2")]
    items = [
        ChecklistItem.objects.create(region=region, phase=phase, text=text, position=n)
        for n, (phase, text) in enumerate(specs)
    ]
    for ticked in ([], [1], [1, 3], [0, 1, 3], [0, 1, 2, 3], [2]):
        ChecklistTick.objects.filter(project=offered).delete()
        for n in ticked:
            checklists.set_done(offered, items[n], True)
        loaded = checklists.with_phase(Project.objects.filter(pk=offered.pk)).get()
        summary = checklists.phase_summary(loaded)
        expected = checklists.project_checklist(offered)
        assert (summary.current, summary.all_done) == (expected.current, expected.all_done)
        assert (summary.done, summary.total) == (expected.done, expected.total) == (len(ticked), 4)
