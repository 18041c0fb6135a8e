"""Photos of spaces (issue 11, section 1): checked, re-encoded without metadata, scaled, with
a required description; deleting asks first."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from digitalagentur.core import images as photos
from digitalagentur.core import testing as t
from digitalagentur.spaces.models import SpacePhoto
from digitalagentur.testing.spaces import make_provider, make_space


def jpeg_with_exif(size=(640, 480), orientation: int | None = None) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "GEHEIME-KAMERA"  # Make
    exif[0x9286] = "GEHEIMER-KOMMENTAR"  # UserComment (in the IFD, stored as given)
    if orientation:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"GEHEIMER-JPEG-KOMMENTAR")
    return out.getvalue()


def encoded(fmt: str, size=(300, 200), mode="RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size).save(out, format=fmt)
    return out.getvalue()


@pytest.fixture
def space(region, town):
    anna = t.make_user("anna")
    provider = make_provider(region, "ExtraGleis", managers=[anna])
    space = make_space(region, town, provider=provider, name="Bahnwaggon", published=False)
    space.manager = anna
    return space


def upload(client, space, content: bytes, name="foto.jpg", alt="Der Waggon von außen"):
    url = reverse("public:spaces_manage_photos", args=[space.pk])
    return client.post(url, {"image": SimpleUploadedFile(name, content), "alt": alt})


# -- core/images.py --------------------------------------------------------------------------


def test_jpeg_is_reencoded_without_exif_and_turned_upright():
    original = jpeg_with_exif(size=(640, 480), orientation=6)  # to be turned 90°
    assert b"GEHEIME-KAMERA" in original
    photo = photos.cleaned_photo(original)
    assert photo.content_type == "image/jpeg"
    assert b"GEHEIME-KAMERA" not in photo.content
    assert b"GEHEIMER-JPEG-KOMMENTAR" not in photo.content
    with Image.open(io.BytesIO(photo.content)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert image.size == (480, 640) == (photo.width, photo.height)


def test_png_with_transparency_stays_png_and_webp_becomes_jpeg():
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Comment", "GEHEIMER-PNG-TEXT")
    out = io.BytesIO()
    Image.new("RGBA", (300, 200)).save(out, format="PNG", pnginfo=info)
    assert b"GEHEIMER-PNG-TEXT" in out.getvalue()
    png = photos.cleaned_photo(out.getvalue())
    assert png.content_type == "image/png"
    assert b"GEHEIMER-PNG-TEXT" not in png.content
    webp = photos.cleaned_photo(encoded("WEBP"))
    assert webp.content_type == "image/jpeg" and (webp.width, webp.height) == (300, 200)


def test_large_photo_is_scaled_down():
    photo = photos.cleaned_photo(encoded("PNG", size=(4000, 1000)))
    assert (photo.width, photo.height) == (2000, 500)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "Die Datei ist leer."),
        (b"<svg onload='alert(1)'></svg>", "kein lesbares Foto"),
        (b"GIF89a" + b"\x00" * 100, "kein lesbares Foto"),
        (encoded("GIF"), "kein lesbares Foto"),  # a real image, but not an accepted type
        (encoded("PNG")[:60], "kein lesbares Foto"),  # truncated
    ],
)
@pytest.mark.parametrize("weasyprint_loaded", [False, True])
def test_non_photos_are_refused(content, message, weasyprint_loaded, monkeypatch):
    # WeasyPrint, once imported, lets Pillow pad truncated images process-wide
    # (ImageFile.LOAD_TRUNCATED_IMAGES = True); an upload is refused all the same.
    from PIL import ImageFile

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", weasyprint_loaded)
    with pytest.raises(ValidationError) as caught:
        photos.cleaned_photo(content)
    assert message in " ".join(caught.value.messages)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is weasyprint_loaded  # restored


def test_too_many_pixels_are_refused_before_decoding():
    # 8000 x 6000 = 48 megapixels, a few KB as a 1-bit PNG.
    with pytest.raises(ValidationError) as caught:
        photos.cleaned_photo(encoded("PNG", size=(8000, 6000), mode="1"))
    assert "mehr als 40 Megapixel" in caught.value.messages[0]


# -- the pages ---------------------------------------------------------------------------------


def test_upload_stores_the_reencoded_photo(client, space):
    client.force_login(space.manager)
    response = upload(client, space, jpeg_with_exif())
    assert response.status_code == 302
    photo = SpacePhoto.objects.get(space=space)
    stored = bytes(photo.content)
    assert b"GEHEIME-KAMERA" not in stored and stored.startswith(b"\xff\xd8")
    assert photo.alt == "Der Waggon von außen" and photo.content_type == "image/jpeg"
    page = client.get(reverse("public:spaces_manage_photos", args=[space.pk])).content.decode()
    image_url = reverse("public:spaces_manage_photo_image", args=[space.pk, photo.pk])
    assert image_url in page and 'alt="Der Waggon von außen"' in page
    served = client.get(image_url)
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "private" in served["Cache-Control"]
    assert served.content == stored


def test_upload_refuses_bad_files_and_saves_nothing(client, space):
    client.force_login(space.manager)
    response = upload(client, space, b"%PDF-1.4 kein Bild", name="foto.jpg")
    assert response.status_code == 400
    assert "kein lesbares Foto" in response.content.decode()
    big = b"\xff\xd8" + b"\x00" * (photos.MAX_BYTES + 1)
    response = upload(client, space, big)
    assert response.status_code == 400
    assert "Das Foto ist größer als 8 MB." in response.content.decode()
    response = upload(client, space, jpeg_with_exif(), alt="  ")
    assert response.status_code == 400
    assert "Bitte beschreiben Sie, was das Foto zeigt." in response.content.decode()
    assert not SpacePhoto.objects.exists()


def test_photo_pages_are_for_the_provider_only(client, space, region):
    client.force_login(space.manager)
    upload(client, space, jpeg_with_exif())
    photo = SpacePhoto.objects.get()
    client.force_login(t.make_user("fremd"))
    image_url = reverse("public:spaces_manage_photo_image", args=[space.pk, photo.pk])
    assert client.get(image_url).status_code == 403
    assert upload(client, space, jpeg_with_exif()).status_code == 403
    delete = reverse("public:spaces_manage_photo_delete", args=[space.pk, photo.pk])
    assert client.post(delete, {"confirm": "True"}).status_code == 403
    assert SpacePhoto.objects.count() == 1


def test_photo_delete_asks_first(client, space):
    client.force_login(space.manager)
    upload(client, space, jpeg_with_exif())
    photo = SpacePhoto.objects.get()
    delete = reverse("public:spaces_manage_photo_delete", args=[space.pk, photo.pk])
    page = client.get(delete)
    assert page.status_code == 200
    assert "Wollen Sie das Foto „Der Waggon von außen“ wirklich löschen?" in page.content.decode()
    assert SpacePhoto.objects.exists()
    assert client.post(delete, {"confirm": "True"}).status_code == 302
    assert not SpacePhoto.objects.exists()
