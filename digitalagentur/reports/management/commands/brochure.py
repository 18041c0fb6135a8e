"""`digitalagentur brochure --version <name or id> --output FILE.pdf [--region SLUG]
[--internal] [--format pdf|html]`: the strategy brochure of a frozen version as a file, with
progress on stderr. The public brochure (no drafts) unless --internal. Rendered directly, the
stored PDF of the website (reports.Brochure) is neither read nor written."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from digitalagentur.reports import brochure
from digitalagentur.strategy.models import StrategyVersion
from digitalagentur.tenancy.models import Region
from digitalagentur.tenancy.regions import command_region

STEPS = {
    0: "Inhalt wird zusammengestellt …",
    1: "Seiten werden gesetzt …",
    3: "PDF wird geschrieben …",
}


class Command(BaseCommand):
    help = (
        "Schreibt die Strategiebroschüre einer eingefrorenen Fassung als PDF- oder HTML-Datei "
        "(Titelseite mit Kennzahlen, Vision, Handlungsfelder, Projektsteckbriefe, Prioritäten)."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # --version names the strategy version here, not Django's version.
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument(
            "--version",
            dest="strategy_version",
            required=True,
            help="Name (z. B. „Fassung 2021“) oder Nummer der Fassung",
        )
        parser.add_argument("--output", required=True, help="Zieldatei")
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf")
        parser.add_argument("--region", help="Kürzel der Region (ohne Angabe: die Demo-Region)")
        parser.add_argument(
            "--internal",
            action="store_true",
            help="Interne Fassung mit Entwürfen (sonst nur, was öffentlich ist)",
        )

    def handle(self, *args, **options):
        verbosity = options.get("verbosity", 1)
        region = command_region(options.get("region"))
        version = self.version(region, options["strategy_version"])
        public = not options.get("internal")

        def progress(done: int, total: int) -> None:
            if verbosity and done in STEPS:
                self.stderr.write(f"[{done}/{total}] {STEPS[done]}")

        if options["format"] == "html":
            content = brochure.render_html(version, public).encode()
        else:
            content = brochure.render_pdf(version, public, progress=progress)
        path = Path(options["output"])
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Die Datei ist nicht schreibbar: {exc.strerror or exc}") from None
        if verbosity:
            kind = "öffentliche" if public else "interne"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Broschüre „{version.name}“ ({kind} Fassung) geschrieben: {path}"
                )
            )

    def version(self, region: Region, value: str) -> StrategyVersion:
        versions = StrategyVersion.objects.filter(region=region).select_related("region")
        found = versions.filter(name__iexact=value.strip()).first()
        if found is None and value.strip().isdigit():
            found = versions.filter(pk=int(value)).first()
        if found is None:
            names = ", ".join(f"„{n}“" for n in versions.values_list("name", flat=True)[:10])
            raise CommandError(
                f"Die Fassung „{value}“ gibt es in der Region {region.name} nicht."
                + (f" Vorhandene Fassungen: {names}." if names else " Es gibt noch keine Fassung.")
            )
        return found
