"""The API's version diff is computed once per pair and audience, then read back."""

from unittest import mock

from django.urls import reverse

from digitalagentur.core.services import update_object
from digitalagentur.strategy import versions as strategy_versions
from digitalagentur.strategy.models import VersionDiff
from digitalagentur.strategy.versions import freeze_version


def test_the_diff_of_two_versions_is_computed_once_per_audience(api, client_for, strategy):
    old = freeze_version(strategy, "Fassung 2021")
    strategy.refresh_from_db()
    update_object(strategy, {"vision": "Gemeinsam mutig digital."}, expected_version=1)
    new = freeze_version(strategy, "Fassung 2024")
    url = reverse("api-strategy-version-diff", args=[old.pk, new.pk])
    with mock.patch.object(
        strategy_versions, "diff_snapshots", wraps=strategy_versions.diff_snapshots
    ) as computed:
        public = [api.get(url).json() for _ in range(2)]
        internal = [client_for("reader").get(url).json() for _ in range(2)]
    assert computed.call_count == 2  # once for the public, once for staff
    assert public[0] == public[1] and internal[0] == internal[1]
    vision = public[0]["strategy"][0]
    assert vision["attribute"] == "vision"
    assert {"op": "insert", "text": "mutig "} in vision["segments"]
    assert VersionDiff.objects.filter(old=old, new=new).count() == 2
