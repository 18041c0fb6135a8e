"""`digitalagentur schedule_reminders [--run]`: start the daily chain of deadline reminder runs
in the task queue unless a run is pending (safe to call on every start), or with --run send
the due reminders at once in this process."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from digitalagentur.funding import reminders, tasks


class Command(BaseCommand):
    help = (
        "Plant die Erinnerungs-Mails zu Fristen in der Aufgabenwarteschlange ein (täglich, "
        "ausgeführt von `digitalagentur db_worker`), sofern noch kein Lauf ansteht. Mit --run "
        "werden die fälligen Erinnerungen sofort in diesem Prozess verschickt."
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
            return
        result = tasks.schedule_reminders()
        if result is not None:
            self.stdout.write("Erinnerungen zu Fristen eingeplant: der Worker verschickt sie.")
            return
        pending = tasks.pending_runs().order_by("run_after").first()
        if pending is None:
            self.stdout.write(
                "Die Aufgabenwarteschlange ist keine Datenbank-Warteschlange: nichts eingeplant."
            )
        else:
            at = pending.run_after
            if at.year == 9999 or at <= timezone.now():  # 9999: "at once" in the queue
                when = "sobald der Worker läuft"
            else:
                when = timezone.localtime(at).strftime("%d.%m.%Y, %H:%M Uhr")
            self.stdout.write(f"Erinnerungen zu Fristen sind bereits eingeplant ({when}).")
