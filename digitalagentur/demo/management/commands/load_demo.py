"""`digitalagentur load_demo`: the Coesfeld 12.0 demo with one login per role (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from digitalagentur.demo.loader import LoadResult, load_demo, region_totals


class Command(BaseCommand):
    help = (
        "Lädt die Demo „Coesfeld 12.0 – Im Kreis gemeinsam digital“ (Kreis Coesfeld, 11 Städte "
        "und Gemeinden, 28 Strategieprojekte, Digitalagentur) und legt je Rolle einen "
        "Demo-Zugang an – einmal: Gibt es die Region schon, wird nichts angelegt, geändert, "
        "veröffentlicht oder wiederhergestellt. Mit den Produktiv-Einstellungen nur mit "
        "--allow-production."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help=(
                "Die Demo auch mit den Produktiv-Einstellungen laden (legt Zugänge mit dem "
                "Passwort „demo“ an)."
            ),
        )

    def handle(self, *args, **options):
        production = getattr(settings, "DIGITALAGENTUR_ENV", "") == "production"
        if production and not options["allow_production"]:
            raise CommandError(
                "Die Demo wird mit den Produktiv-Einstellungen nicht geladen: Sie legt "
                "Zugänge mit dem Passwort „demo“ an. Wer das wirklich will, ruft "
                "load_demo --allow-production auf."
            )
        result = load_demo()
        self.print_summary(result)
        self.print_logins(result)

    def print_summary(self, result: LoadResult) -> None:
        totals = ", ".join(
            f"{count} {singular if count == 1 else plural}"
            for count, singular, plural in region_totals(result.region)
        )
        if result.already_loaded:
            self.stdout.write(
                self.style.WARNING(
                    f"Demo für {result.region.name} bereits geladen – nichts geändert. "
                    "Gelöschtes wird nicht wiederhergestellt."
                )
            )
            self.stdout.write(f"Stand jetzt: {totals}.")
            return
        self.stdout.write(self.style.SUCCESS(f"Demo geladen ({result.region.name}): {totals}."))
        if result.created_total:
            details = ", ".join(f"{label}: {count}" for label, count in result.created.items())
            self.stdout.write(f"Neu angelegt: {result.created_total} Objekte ({details}).")
        else:
            self.stdout.write(
                "Nichts neu angelegt: Die Demo war bereits vollständig geladen; "
                "vorhandene Daten bleiben unverändert."
            )

    def print_logins(self, result: LoadResult) -> None:
        rows = [("Benutzername", "Passwort", "Rolle")]
        for login in result.logins:
            password = "demo" if login.password_is_demo else "(geändert)"
            role = ", ".join(login.roles) or f"keine Rolle in {result.region.name}"
            if login.spaces:
                role += " – Landräume: " + ", ".join(login.spaces)
            rows.append((login.username, password, role))
        widths = [max(len(row[i]) for row in rows) for i in range(3)]
        line = "  ".join("-" * width for width in widths)
        self.stdout.write("")
        self.stdout.write(f"Demo-Zugänge für {result.region.name} (nur zum Ausprobieren):")
        for index, row in enumerate(rows):
            cells = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write("  " + cells.rstrip())
            if index == 0:
                self.stdout.write("  " + line)
        self.stdout.write(
            f"Anmeldung unter {reverse('login')} (lokal z. B. http://127.0.0.1:8000"
            f"{reverse('login')}). Keiner der Zugänge ist Superuser."
        )
