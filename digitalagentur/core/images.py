"""Uploaded photos (spaces, issue 11; ideas, issue 12): an upload is checked and re-encoded
before it is stored, so that what is served is a fresh file of pixels only.

Pillow decodes the upload (refusing decompression bombs and anything larger than
MAX_PIXELS), the image is turned upright by its EXIF orientation, scaled to at most MAX_SIDE
pixels on its longer side and written anew: without EXIF, GPS, XMP, ICC or comment chunks and
without anything smuggled in them. Photos without transparency become JPEG, those with
transparency PNG. Accepted: JPEG, PNG and WebP (by content, never by the file name).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 2000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP"}
JPEG, PNG = "image/jpeg", "image/png"
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Photo:
    content: bytes
    content_type: str
    width: int
    height: int


def _unreadable() -> ValidationError:
    return ValidationError(
        _("Die Datei ist kein lesbares Foto. Bitte laden Sie ein JPEG-, PNG- oder WebP-Bild hoch.")
    )


def _load_complete(image) -> None:
    """Decode every pixel; a truncated file raises OSError. WeasyPrint, once imported, sets
    Pillow's process-wide LOAD_TRUNCATED_IMAGES, which would pad a truncated upload with grey:
    it is switched off while an upload is decoded. (Only our own, re-encoded and therefore
    complete, images reach WeasyPrint, so a PDF rendered meanwhile loses nothing.)"""
    from PIL import ImageFile

    allowed = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = allowed


def cleaned_photo(content: bytes) -> Photo:
    """The re-encoded photo, or a ValidationError in German."""
    from PIL import Image, ImageOps

    if not content:
        raise ValidationError(_("Die Datei ist leer."))
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("Das Foto ist größer als %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    try:
        with Image.open(io.BytesIO(content), formats=sorted(ACCEPTED_FORMATS)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("Das Foto hat mehr als %(mp)d Megapixel.") % {"mp": MAX_PIXELS // 1_000_000}
                )
            _load_complete(image)
            upright = ImageOps.exif_transpose(image)
            has_alpha = upright.mode in ("RGBA", "LA", "PA") or (
                upright.mode == "P" and "transparency" in upright.info
            )
            pixels = upright.convert("RGBA" if has_alpha else "RGB")
    except ValidationError:
        raise
    except Image.DecompressionBombError as exc:
        raise ValidationError(
            _("Das Foto hat mehr als %(mp)d Megapixel.") % {"mp": MAX_PIXELS // 1_000_000}
        ) from exc
    except Exception as exc:  # not an image, truncated, an unaccepted format, ...
        raise _unreadable() from exc
    if max(pixels.size) > MAX_SIDE:
        pixels.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # Pillow carries comments, ICC profiles, EXIF and the like along in `info` and writes
    # them again when saving: none of the upload's extras may reach the stored file.
    pixels.info.clear()
    out = io.BytesIO()
    if has_alpha:
        pixels.save(out, format="PNG", optimize=True)
        content_type = PNG
    else:
        pixels.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        content_type = JPEG
    return Photo(out.getvalue(), content_type, pixels.width, pixels.height)


# Types cleaned_photo writes; anything else is served as bytes.
SERVED_TYPES = {JPEG, PNG, "image/webp"}


def image_response(content: bytes, content_type: str, *, public: bool):
    """A stored photo as an answer that can run and load nothing even when opened on its
    own; `public`: shared caches may keep it 5 minutes (a withdrawn one must go soon)."""
    from django.http import HttpResponse

    served = content_type if content_type in SERVED_TYPES else "application/octet-stream"
    response = HttpResponse(bytes(content), content_type=served)
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
