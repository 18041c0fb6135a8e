"""The region's logo: SVG cleaned, PNG re-encoded, anything else refused; served inert."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image, PngImagePlugin

from digitalagentur.tenancy import logos
from digitalagentur.tenancy.models import Region, RegionLogo

EVIL_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>'
    b'<a xlink:href="javascript:alert(3)"><rect width="10" height="10" fill="#005a87"/></a>'
    b'<foreignObject><iframe src="https://evil.example/"></iframe></foreignObject>'
    b'<image href="https://evil.example/track.png"/></svg>'
)


def png_bytes(size=(4, 2), text: str | None = None) -> bytes:
    info = PngImagePlugin.PngInfo()
    if text:
        info.add_text("Comment", text)
    out = io.BytesIO()
    Image.new("RGB", size, (0, 90, 135)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def test_svg_loses_scripts_handlers_and_external_references():
    cleaned, content_type = logos.cleaned_logo("logo.svg", EVIL_SVG)
    assert content_type == "image/svg+xml"
    text = cleaned.decode()
    assert "<rect" in text
    for bad in ("script", "alert", "onload", "javascript:", "foreignObject", "iframe", "evil"):
        assert bad not in text, bad


def test_png_is_re_encoded_without_its_chunks():
    original = png_bytes(text="<script>alert(1)</script>")
    cleaned, content_type = logos.cleaned_logo("logo.png", original)
    assert content_type == "image/png"
    assert b"script" in original and b"script" not in cleaned
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.size == (4, 2)
        assert image.getpixel((0, 0))[:3] == (0, 90, 135)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.gif", b"GIF89a....", "SVG- oder PNG"),
        ("logo.svg", b"<svg><unclosed", "nicht lesbar"),
        ("logo.svg", b'<!DOCTYPE x [<!ENTITY a "b">]><svg>&a;</svg>', "nicht lesbar"),
        ("logo.svg", b'<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>', "kein SVG"),
        ("logo.png", b"\x89PNG\r\n\x1a\nbroken", "nicht lesbar"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * logos.MAX_BYTES, "512 KB"),
    ],
)
def test_other_files_are_refused_in_german(name, content, message):
    with pytest.raises(ValidationError) as error:
        logos.cleaned_logo(name, content)
    assert message in " ".join(error.value.messages)


def test_huge_png_dimensions_are_refused():
    with pytest.raises(ValidationError) as error:
        logos.cleaned_logo("logo.png", png_bytes(size=(logos.MAX_SIDE + 1, 1)))
    assert "Pixel" in error.value.messages[0]


def look(**extra):
    return {
        "name": "Kreis A",
        "claim": "",
        "color_primary": "#005a87",
        "color_dark": "#003b5c",
        **extra,
    }


@pytest.mark.django_db
def test_admin_uploads_replaces_and_removes_the_logo(client, users, region, strategy):
    url = reverse("staff:region_look")
    client.force_login(users["admin"])
    assert 'enctype="multipart/form-data"' in client.get(url).content.decode()
    upload = SimpleUploadedFile("logo.svg", EVIL_SVG, content_type="image/svg+xml")
    assert client.post(url, look(logo=upload)).status_code == 302
    region.refresh_from_db()
    assert region.logo_type == "image/svg+xml"
    stored = bytes(RegionLogo.objects.get(region=region).content)
    assert b"<rect" in stored and b"script" not in stored

    home = client.get(reverse("public:home")).content.decode()
    logo_url = f"{reverse('public:region_logo')}?v={region.content_version}"
    assert f'src="{logo_url}"' in home
    served = client.get(logo_url)
    assert served.content == stored
    assert served["Content-Type"] == "image/svg+xml"
    assert "sandbox" in served["Content-Security-Policy"]
    assert "default-src 'none'" in served["Content-Security-Policy"]
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "immutable" in served["Cache-Control"]

    bad = client.post(url, look(logo=SimpleUploadedFile("x.gif", b"GIF89a")))
    assert bad.status_code == 200 and "SVG- oder PNG" in bad.content.decode()
    assert bytes(RegionLogo.objects.get(region=region).content) == stored

    png = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    assert client.post(url, look(logo=png)).status_code == 302
    assert Region.objects.get(pk=region.pk).logo_type == "image/png"
    assert RegionLogo.objects.count() == 1

    assert client.post(url, look(remove_logo="on")).status_code == 302
    region.refresh_from_db()
    assert region.logo_type == "" and not RegionLogo.objects.exists()
    assert client.get(reverse("public:region_logo")).status_code == 404
    assert "brand-logo" not in client.get(reverse("public:home")).content.decode()
