"""`digitalagentur purge_survey_submissions`: delete unconfirmed e-mail survey answers older
than 7 days and blank the rate-limit source keys older than an hour
(assessment.surveys.purge_unconfirmed); run it daily (cron or timer)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from digitalagentur.assessment import surveys


class Command(BaseCommand):
    help = (
        "Löscht unbestätigte Antworten auf Umfragen mit E-Mail-Bestätigung, die älter als "
        "7 Tage sind, und die Herkunftsschlüssel der Sperre gegen Massenantworten, die älter "
        "als eine Stunde sind. Täglich ausführen."
    )

    def handle(self, *args, **options):
        count = surveys.purge_unconfirmed()
        self.stdout.write(f"Unbestätigte Umfrage-Antworten gelöscht: {count}.")
