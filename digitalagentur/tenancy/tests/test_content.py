"""The content version of a region: raised once per committed change, never for another region."""

import pytest
from django.db import transaction

from digitalagentur.core import testing as t
from digitalagentur.portfolio.models import Participation
from digitalagentur.portfolio.services import update_project
from digitalagentur.tenancy import content
from digitalagentur.tenancy.models import Region
from digitalagentur.tenancy.regions import resolve_region

pytestmark = pytest.mark.django_db


def version(region):
    return Region.objects.values_list("content_version", "content_changed").get(pk=region.pk)


@pytest.fixture
def after_commit(settings, region, other_region, town):
    """As in production: raised after the commit (from here on; the fixtures are made)."""
    settings.DIGITALAGENTUR_CONTENT_VERSION_AT_ONCE = False


@pytest.mark.usefixtures("after_commit")
def test_raised_once_after_the_commit(
    region, other_region, town, django_capture_on_commit_callbacks
):
    before, other_before = version(region), version(other_region)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            project = t.make_project(region, "Eins", towns=[town])
            update_project(project, {"title": "Zwei"}, expected_version=project.version)
            assert version(region) == before  # nothing before the commit
    raised = version(region)
    assert raised[0] == before[0] + 1 and raised[1] > before[1]
    assert version(other_region) == other_before


@pytest.mark.usefixtures("after_commit")
def test_not_raised_when_the_transaction_rolls_back(region, django_capture_on_commit_callbacks):
    before = version(region)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            t.make_project(region, "Verworfen")
            raise RuntimeError
    assert callbacks == [] and version(region) == before


def test_participations_and_deletions_raise_it(region, town, other_town):
    project = t.make_project(region, "Eins", towns=[town])
    before = version(region)[0]
    Participation.objects.create(project=project, municipality=other_town)
    assert version(region)[0] == before + 1
    project.delete()
    assert version(region)[0] > before + 1


def test_bulk_writes_mark_the_region_themselves(region):
    before = version(region)[0]
    content.mark_changed(region.pk)
    assert version(region)[0] == before + 1


@pytest.mark.parametrize(
    "typed", ["Digital.Kreis-A.de", "digital.kreis-a.de.", " DIGITAL.kreis-a.de:8443 "]
)
def test_host_names_are_stored_as_requests_name_them(region, typed):
    region.hostname = typed
    region.save()
    region.refresh_from_db()
    assert region.hostname == "digital.kreis-a.de"
    assert resolve_region("DIGITAL.Kreis-A.de.:443") == region
