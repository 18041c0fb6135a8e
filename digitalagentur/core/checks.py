"""System checks of the installation."""

from pathlib import Path

from django.conf import settings
from django.core import checks

MANIFEST_STORAGES = {
    "whitenoise.storage.CompressedManifestStaticFilesStorage",
    "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
}


def static_files_collected(app_configs=None, **kwargs):
    """Warns when `collectstatic` has not run under a manifest storage (production).

    Pages name their CSS and JavaScript by hashed file name, which the manifest written by
    `collectstatic` provides; without it {% static %} fails and every page answers 500. A
    warning, so that migrate, backup etc. still run; the server refuses to start on it
    (gunicorn_conf.py).
    """
    if settings.STORAGES["staticfiles"]["BACKEND"] not in MANIFEST_STORAGES:
        return []
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():
        return []
    return [
        checks.Warning(
            f"The static files have not been collected: {manifest} is missing, so every page "
            "would answer 500.",
            hint="Run `digitalagentur collectstatic --noinput` with the production settings "
            "(`make serve` and deploy/ do it on every start or upgrade).",
            id="digitalagentur.W001",
        )
    ]
