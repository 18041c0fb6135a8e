"""The region's look: claim and brand colours, checked for WCAG AA contrast on save and used
by the public site through /region.css."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from digitalagentur.core.colors import contrast_ratio
from digitalagentur.core.models import ObjectChange
from digitalagentur.tenancy.models import Region


@pytest.mark.parametrize(
    "first, second, expected",
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_ratio_as_wcag_defines_it(first, second, expected):
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(expected, abs=0.01)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, colour, ok",
    [
        ("color_primary", "#005a87", True),
        ("color_primary", "#6b7c8f", False),  # 4.2:1 on white: too light for links
        ("color_primary", "#ffbf47", False),
        ("color_dark", "#003b5c", True),
        ("color_dark", "#707070", False),  # white on it is 4.95:1, on the light tint 4.25:1
        ("color_dark", "#0000ff", True),
        ("color_primary", "blue", False),
    ],
)
def test_colours_must_keep_aa_contrast(region, field, colour, ok):
    setattr(region, field, colour)
    if ok:
        region.full_clean()
    else:
        with pytest.raises(ValidationError) as caught:
            region.full_clean()
        assert field in caught.value.message_dict


@pytest.mark.django_db
def test_public_site_uses_claim_and_colours(client, region, strategy):
    Region.objects.filter(pk=region.pk).update(claim="Gemeinsam. Digital.", color_dark="#1a3300")
    html = client.get(reverse("public:home")).content.decode()
    region.refresh_from_db()
    assert '<span class="brand-claim">Gemeinsam. Digital.</span>' in html
    css_url = f"{reverse('public:region_css')}?v={region.content_version}"
    assert f'href="{css_url}"' in html
    css = client.get(css_url)
    assert css["Content-Type"].startswith("text/css")
    assert "--c-primary-dark: #1a3300;" in css.content.decode()
    assert "immutable" in css["Cache-Control"]
    assert "immutable" not in client.get(reverse("public:region_css"))["Cache-Control"]


@pytest.mark.django_db
def test_only_admins_edit_the_look_and_bad_colours_are_refused(client, users, region):
    url = reverse("staff:region_look")
    client.force_login(users["coordinator"])
    assert client.get(url).status_code == 403
    client.force_login(users["admin"])
    page = client.get(url).content.decode()
    assert 'type="color"' in page
    bad = client.post(
        url, {"name": "Kreis A", "claim": "", "color_primary": "#ffbf47", "color_dark": "#003b5c"}
    )
    assert bad.status_code == 200
    assert "Zu wenig Kontrast" in bad.content.decode()
    region.refresh_from_db()
    assert region.color_primary == "#005a87"
    good = client.post(
        url,
        {
            "name": "Kreis A",
            "claim": "Gemeinsam. Digital.",
            "color_primary": "#0b5394",
            "color_dark": "#003b5c",
        },
    )
    assert good.status_code == 302
    region.refresh_from_db()
    assert (region.claim, region.color_primary) == ("Gemeinsam. Digital.", "#0b5394")
    entry = ObjectChange.objects.get(region=region, object_id=region.pk, action="update")
    assert entry.changes["color_primary"] == {"before": "#005a87", "after": "#0b5394"}
