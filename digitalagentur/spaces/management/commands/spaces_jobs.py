"""`digitalagentur spaces_jobs`: send the due booking reminders and anonymise bookings past
the retention period now, in this process (what the daily job of spaces/tasks.py does)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from digitalagentur.spaces import tasks


class Command(BaseCommand):
    help = (
        "Landräume: verschickt die fälligen Erinnerungen an Buchungen und anonymisiert "
        "Buchungen nach Ablauf der Aufbewahrungsfrist, sofort in diesem Prozess."
    )

    def handle(self, *args, **options):
        outcome = tasks.run_daily()
        self.stdout.write(describe(outcome))


def describe(outcome: dict) -> str:
    lines = []
    sent = outcome.get("reminders")
    if sent is None:
        lines.append("Landräume: Erinnerungen fehlgeschlagen (siehe Protokoll).")
    else:
        lines.append(
            f"Landräume: Erinnerungen verschickt: {sent['sent']}, fehlgeschlagen: {sent['failed']}."
        )
    kept = outcome.get("retention")
    if kept is None:
        lines.append("Landräume: Anonymisierung fehlgeschlagen (siehe Protokoll).")
    else:
        lines.append(f"Landräume: Buchungen anonymisiert: {kept['anonymised']}.")
        if kept.get("registrations_deleted") is not None:
            lines.append(f"Abgelaufene Registrierungen gelöscht: {kept['registrations_deleted']}.")
    return "\n".join(lines)
