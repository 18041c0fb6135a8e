"""The staff dashboard's status bar counts the region's whole portfolio, drafts included."""

import pytest
from django.urls import reverse

from digitalagentur.core import testing as t

pytestmark = pytest.mark.django_db


def test_dashboard_shows_the_portfolio_status(client, login, region, town, other_region):
    t.make_project(region, "Läuft", towns=[town], status="in_progress", progress=40)
    t.make_project(region, "Entwurf", towns=[town], published=False)
    t.make_project(other_region, "Fremd", status="completed", progress=100)
    login("reader")
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert "Stand des Portfolios" in html
    assert "(mit Entwürfen): 2 Projekte" in html
    assert "Fortschritt insgesamt 20 %" in html
    assert "abgeschlossen" not in html[html.index("Stand des Portfolios") :].split("</section>")[0]
