"""Text fields take JSON strings only: a number is a 400, never silently stored as text."""

import pytest
from django.urls import reverse

from digitalagentur.strategy.models import StrategyVersion

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("value", [12, -6.7e82, True, ["Name"]])
def test_version_name_must_be_text(client_for, fields, value):
    response = client_for("coordinator").post(
        reverse("api-strategy-version-list"), {"name": value, "note": 1.5}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) >= {"name", "note"}
    assert not StrategyVersion.objects.exists()


def test_project_title_must_be_text(client_for, projects):
    project = projects["p1"]
    response = client_for("coordinator").patch(
        reverse("api-project-detail", args=[project.pk]),
        {"title": 42, "version": project.version},
        format="json",
    )
    assert response.status_code == 400 and "title" in response.json()
    project.refresh_from_db()
    assert project.title == "Online ins Rathaus"
