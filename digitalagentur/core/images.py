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
            image.load()
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
