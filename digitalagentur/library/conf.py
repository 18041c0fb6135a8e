"""Settings of the document library, with their defaults (settings/base.py may name them):

- DIGITALAGENTUR_LIBRARY_MAX_BYTES: the largest file accepted (default 20 MB).
- DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER: dotted path of a callable(content: bytes, name: str)
  that returns None when the file is clean, or a German reason to refuse it (default: none,
  versions are stored as "nicht geprüft").
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.utils.module_loading import import_string

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

Scanner = Callable[[bytes, str], "str | None"]


def max_bytes() -> int:
    return int(getattr(settings, "DIGITALAGENTUR_LIBRARY_MAX_BYTES", DEFAULT_MAX_BYTES))


def virus_scanner() -> Scanner | None:
    path = getattr(settings, "DIGITALAGENTUR_LIBRARY_VIRUS_SCANNER", None)
    if not path:
        return None
    return path if callable(path) else import_string(path)
