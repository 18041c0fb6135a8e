"""Background job of status reports, run by the task worker (`digitalagentur db_worker`):
generating a report's sections takes longer than a request should (issue 10, section 6)."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django_tasks import task

from .choices import GenerationState

logger = logging.getLogger(__name__)


@task()
def generate_report(
    report_id: int,
    overwrite_edits: bool = False,
    user_id: int | None = None,
    confirmed_version: int | None = None,
):
    """Regenerate the report's sections, recording state and progress (0..100) on the report.

    Running it twice is harmless: the second run finds nothing new to write (services.regenerate).
    A failure leaves the report as it was, marked failed with the error."""
    from . import services
    from .models import StatusReport

    if not StatusReport.objects.filter(pk=report_id).exists():
        logger.info("Status report %s is gone: nothing to generate", report_id)
        return {"kept": [], "state": "missing"}
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    services.set_generation(
        report_id,
        generation_state=GenerationState.RUNNING,
        generation_progress=0,
        generation_error="",
    )

    def progress(done: int, total: int) -> None:
        percent = min(99, done * 100 // total) if total else 99
        services.set_generation(report_id, generation_progress=percent)

    try:
        report = StatusReport.objects.get(pk=report_id)
        kept = services.regenerate(
            report,
            overwrite_edits=overwrite_edits,
            confirmed_version=confirmed_version,
            user=user,
            progress=progress,
        )
    except Exception as exc:
        logger.exception("Status report %s: generation failed", report_id)
        services.set_generation(
            report_id,
            generation_state=GenerationState.FAILED,
            generation_error=(
                _("Der Bericht konnte nicht erzeugt werden: %(error)s")
                % {"error": str(exc) or exc.__class__.__name__}
            )[:500],
        )
        return {"kept": [], "state": GenerationState.FAILED}
    services.set_generation(
        report_id, generation_state=GenerationState.IDLE, generation_progress=100
    )
    return {"kept": kept, "state": GenerationState.IDLE}


@task()
def make_brochure(brochure_id: int):
    """Make and store the PDF brochure of a frozen strategy version (reports/brochure.py),
    recording state and progress (0..100) on the Brochure row. Running it twice stores the PDF
    once: the second run finds it made."""
    from . import brochure

    return {"state": brochure.make_stored(brochure_id)}
