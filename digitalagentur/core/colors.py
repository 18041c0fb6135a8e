"""Colour contrast as WCAG 2.1 defines it (relative luminance, contrast ratio): the check a
region's brand colours must pass before the site uses them."""

from __future__ import annotations

import re

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}\Z")
WHITE = "#ffffff"
SURFACE = "#f3f5f7"  # site.css --c-surface: panels on which links appear too
TINT = "#e6eff6"  # site.css: tags and the "geplant" badge, on which the dark colour is text
AA_TEXT = 4.5


def channels(colour: str) -> tuple[int, int, int]:
    if not HEX_COLOUR.match(colour or ""):
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def relative_luminance(colour: str) -> float:
    def linear(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in channels(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same colour) to 21 (black on white)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)
