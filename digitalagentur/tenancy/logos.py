"""A region's logo: an uploaded SVG is cleaned, a PNG re-encoded, before either is stored.

SVG: py-svg-hush (Cloudflare's svg-hush) removes scripts, event handlers, foreign objects and
external references, so the file is an inert picture even when opened on its own.
PNG: Pillow decodes it (refusing decompression bombs) and writes a fresh file of its pixels
only, without the uploaded file's other chunks (metadata, anything smuggled in them).
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 512 * 1024
MAX_SIDE = 4000  # pixels of a PNG logo, either side
SVG, PNG = "image/svg+xml", "image/png"


def cleaned_logo(name: str, content: bytes) -> tuple[bytes, str]:
    """(the cleaned file, its content type), or a ValidationError in German."""
    if len(content) > MAX_BYTES:
        raise ValidationError(_("Das Logo ist größer als 512 KB."))
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return reencoded_png(content), PNG
    if name.lower().endswith(".svg") or b"<svg" in content[:4096]:
        return cleaned_svg(content), SVG
    raise ValidationError(_("Bitte ein Logo als SVG- oder PNG-Datei hochladen."))


def cleaned_svg(content: bytes) -> bytes:
    import py_svg_hush
    from defusedxml import ElementTree

    svg_tags = ("{http://www.w3.org/2000/svg}svg", "svg")
    try:
        root = ElementTree.fromstring(content)  # well-formed XML, no entity tricks
    except Exception as exc:  # the parser raises many kinds for broken files
        raise ValidationError(_("Die SVG-Datei ist nicht lesbar.")) from exc
    if root.tag not in svg_tags:
        raise ValidationError(_("Die Datei ist kein SVG-Bild."))
    try:
        cleaned = py_svg_hush.filter_svg(content)
        if ElementTree.fromstring(cleaned).tag not in svg_tags:
            raise ValueError("the cleaned file is no SVG")
    except Exception as exc:
        raise ValidationError(_("Die SVG-Datei ist nicht lesbar.")) from exc
    return cleaned


def reencoded_png(content: bytes) -> bytes:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != "PNG":
                raise ValidationError(_("Bitte ein Logo als SVG- oder PNG-Datei hochladen."))
            if max(image.size) > MAX_SIDE:
                raise ValidationError(
                    _("Das Logo ist größer als %(max)s × %(max)s Pixel.") % {"max": MAX_SIDE}
                )
            image.load()
            pixels = image.convert("RGBA")
    except ValidationError:
        raise
    except Exception as exc:  # truncated files, bombs (Image.DecompressionBombError), ...
        raise ValidationError(_("Die PNG-Datei ist nicht lesbar.")) from exc
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=True)
    return out.getvalue()
