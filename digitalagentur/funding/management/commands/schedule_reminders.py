"""`digitalagentur schedule_reminders [--run]`: start the daily chains of background runs in the
task queue unless a run is pending (safe to call on every start): the deadline reminders
(funding/tasks.py), the Landräume jobs (booking reminders and retention, spaces/tasks.py) and
the event jobs (reminders and retention, communication/tasks.py). With --run, do all of it at
once in this process."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from digitalagentur.communication import jobs as communication_jobs
from digitalagentur.communication import tasks as communication_tasks
from digitalagentur.funding import reminders, tasks
from digitalagentur.spaces import tasks as spaces_tasks
from digitalagentur.spaces.management.commands.spaces_jobs import describe


class Command(BaseCommand):
    help = (
        "Plant die Erinnerungs-Mails zu Fristen und die täglichen Aufgaben der Landräume "
        "(Erinnerungen an Buchungen, Anonymisierung) und der Veranstaltungen (Erinnerungen, "
        "Anonymisierung der Anmeldungen) in der Aufgabenwarteschlange ein "
        "(täglich, ausgeführt von `digitalagentur db_worker`), sofern noch kein Lauf ansteht. "
        "Mit --run wird beides sofort in diesem Prozess erledigt."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--run",
            action="store_true",
            help="Fällige Erinnerungen jetzt verschicken (ohne Warteschlange).",
        )

    def handle(self, *args, run=False, **options):
        if run:
            outcome = reminders.send_due_reminders()
            self.stdout.write(
                f"Erinnerungen verschickt: {outcome['sent']}, fehlgeschlagen: {outcome['failed']}."
            )
            self.stdout.write(describe(spaces_tasks.run_daily()))
            events = communication_jobs.run_daily()
            reminded = events["reminders"] or {"sent": 0, "failed": 0}
            self.stdout.write(
                f"Veranstaltungen: {reminded['sent']} Erinnerungen verschickt "
                f"({reminded['failed']} fehlgeschlagen), "
                f"{events['retention'] or 0} Anmeldungen anonymisiert."
            )
            return
        self.stdout.write(
            schedule(
                tasks.schedule_reminders,
                tasks.pending_runs,
                "Erinnerungen zu Fristen eingeplant: der Worker verschickt sie.",
                "Erinnerungen zu Fristen sind bereits eingeplant",
            )
        )
        self.stdout.write(
            schedule(
                spaces_tasks.schedule_jobs,
                spaces_tasks.pending_runs,
                "Landräume (Erinnerungen, Anonymisierung) eingeplant: der Worker erledigt sie.",
                "Landräume (Erinnerungen, Anonymisierung) sind bereits eingeplant",
            )
        )
        self.stdout.write(
            schedule(
                communication_tasks.schedule_jobs,
                communication_tasks.pending_runs,
                "Veranstaltungen (Erinnerungen, Anonymisierung) eingeplant: der Worker "
                "erledigt sie.",
                "Veranstaltungen (Erinnerungen, Anonymisierung) sind bereits eingeplant",
            )
        )


def schedule(enqueue, pending_runs, scheduled: str, already: str) -> str:
    if enqueue() is not None:
        return scheduled
    pending = pending_runs().order_by("run_after").first()
    if pending is None:
        return "Die Aufgabenwarteschlange ist keine Datenbank-Warteschlange: nichts eingeplant."
    at = pending.run_after
    if at.year == 9999 or at <= timezone.now():  # 9999: "at once" in the queue
        when = "sobald der Worker läuft"
    else:
        when = timezone.localtime(at).strftime("%d.%m.%Y, %H:%M Uhr")
    return f"{already} ({when})."
