"""`digitalagentur generate_scale_data`: a national-size installation for benchmarks."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from digitalagentur.demo.scale import (
    STEPS,
    Plan,
    Progress,
    delete_scale_data,
    run,
    scale_data_exists,
)


def positive_float(value: str) -> float:
    number = float(value)
    if not number > 0:
        raise ValueError(value)
    return number


def positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Erzeugt Skalendaten einer bundesweiten Installation: 400 Regionen („Kreis Skala 001“ "
        "…, Hostnamen skala-001.digitalagentur.test …), 11.000 Kommunen, 12.000 "
        "Strategieprojekte mit 120.000 Updates und 40.000 Meilensteinen, Fassungen und "
        "Änderungsprotokoll. --scale 0.01 für einen schnellen Lauf. Gleiche --seed und "
        "--scale ergeben dieselben Daten. Gibt es schon Skalendaten, nur mit --replace (löscht "
        "ausschließlich die früher erzeugten Skala-Regionen und -Zugänge)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=positive_float,
            default=1.0,
            help="Anteil der vollen Größe (Standard 1.0; 0.01 = 4 Regionen, 120 Projekte).",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Startwert des Zufalls (Standard 1)."
        )
        parser.add_argument(
            "--batch-size",
            type=positive_int,
            default=5000,
            help="Zeilen je INSERT (Standard 5000).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Früher erzeugte Skalendaten (nur Regionen skala-…) erst löschen.",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Auch mit den Produktiv-Einstellungen laufen.",
        )

    def handle(self, *args, **options):
        if (
            getattr(settings, "DIGITALAGENTUR_ENV", "") == "production"
            and not options["allow_production"]
        ):
            raise CommandError(
                "Skalendaten werden mit den Produktiv-Einstellungen nicht erzeugt "
                "(--allow-production, wenn das wirklich gewollt ist)."
            )
        progress = Progress(self.stderr._out, enabled=options["verbosity"] > 0)
        started = time.monotonic()
        if scale_data_exists():
            if not options["replace"]:
                raise CommandError(
                    "Es gibt bereits Skalendaten (Regionen skala-…). Mit --replace werden sie "
                    "gelöscht und neu erzeugt; andere Regionen bleiben unberührt."
                )
            delete_scale_data(progress)
        plan = Plan(scale=options["scale"], seed=options["seed"])
        ctx = run(plan, STEPS, batch_size=options["batch_size"], progress=progress)
        elapsed = time.monotonic() - started
        rows = sorted(ctx.created.items(), key=lambda item: -item[1])
        total = sum(count for _model, count in rows)
        self.stdout.write(
            self.style.SUCCESS(
                f"Skalendaten erzeugt (scale {plan.scale:g}, seed {plan.seed}): "
                f"{_number(total)} Zeilen in {elapsed:.1f} s."
            )
        )
        width = max(len(_number(count)) for _model, count in rows)
        for model, count in rows:
            label = f"{model._meta.app_label}.{model.__name__}"
            self.stdout.write(f"  {_number(count):>{width}}  {label}")


def _number(value: int) -> str:
    return f"{value:,}".replace(",", ".")
