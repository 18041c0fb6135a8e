"""A town page shows its council's adoption only while the strategy is published."""

from django.urls import reverse

from digitalagentur.strategy.models import Strategy


def town_page(client, site) -> str:
    response = client.get(reverse("public:municipality_detail", args=[site.town.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_published_strategy_shows_the_towns_adoption(client, site):
    html = town_page(client, site)
    assert "Rat der Gemeinde Senden" in html and "Fassung 2021" in html and "SV-2021-77" in html


def test_an_unpublished_strategy_hides_adoptions_and_version_names(client, site):
    Strategy.objects.filter(pk=site.strategy.pk).update(published=False)
    html = town_page(client, site)
    assert "Fassung 2021" not in html
    assert "SV-2021-77" not in html
    assert "Ein Beschluss des Rates ist noch nicht erfasst." in html
