"""The demo's reuse across towns and phase checklists (issue 14, section 2), loaded by
DemoLoader.load after the projects: the region's checklist, ticks on a few projects, two local
projects offered for reuse and Olfen copying the Lastenradbox of Nordkirchen (the demo's idea
"Lastenrad-Sharing auch in Olfen" asks for it). The seeds give no costs or lessons: those are
demo figures and say so. Written through portfolio/reuse.py and checklists.py (logged).
"""

from __future__ import annotations

from decimal import Decimal

from digitalagentur.core.services import create_object
from digitalagentur.portfolio import checklists, reuse
from digitalagentur.portfolio.choices import ProjectPhase
from digitalagentur.portfolio.models import ChecklistItem, Project, ReuseOffer
from digitalagentur.tenancy.models import Municipality

REASON = "Demo-Daten"

CHECKLIST = [
    (ProjectPhase.IDEA, "Bedarf und Nutzen beschrieben, Handlungsfeld zugeordnet"),
    (ProjectPhase.IDEA, "Im Koordinierungskreis vorgestellt"),
    (ProjectPhase.FUNDING, "Förderprogramme geprüft (Förderdatenbank)"),
    (ProjectPhase.FUNDING, "Finanzierung gesichert (Haushalt oder Förderbescheid)"),
    (ProjectPhase.TENDER, "Leistungsbeschreibung erstellt"),
    (ProjectPhase.TENDER, "Vergabe abgeschlossen"),
    (ProjectPhase.DATA_PROTECTION, "Verzeichnis der Verarbeitungstätigkeiten ergänzt"),
    (ProjectPhase.DATA_PROTECTION, "Datenschutz-Folgenabschätzung geprüft"),
    (ProjectPhase.GO_LIVE, "Test mit Nutzerinnen und Nutzern"),
    (ProjectPhase.GO_LIVE, "Start öffentlich bekannt gemacht"),
    (ProjectPhase.EVALUATION, "Nutzung nach sechs Monaten ausgewertet"),
    (ProjectPhase.EVALUATION, "Erfahrungen für andere Kommunen festgehalten"),
]

# slug -> offer values (demo figures where the seeds say nothing)
OFFERS = {
    "crossiety-havixbeck": {
        "built": (
            "Eine lokale Kommunikationsplattform (Crossiety) mit Veranstaltungskalender, "
            "Messenger und Kleinanzeigen, eingeführt mit Vereinen und Nachbarschaften."
        ),
        "cost_eur": Decimal("6000"),
        "cost_note": "Demo-Angabe: Lizenz im Jahr, dazu die Einführung",
        "lessons": "Demo-Angabe: Vereine früher einbinden; sie füllen den Kalender.",
        "contact": "Gemeinde Havixbeck, Digitalisierung",
    },
    "lastenradbox-nordkirchen": {
        "built": (
            "Eine solarbetriebene Lastenradbox mit E-Lastenrad, per App auszuleihen, zu buchen "
            "und zu bezahlen; Standort, Vertrag mit dem Betreiber und Nutzungsbedingungen."
        ),
        "cost_eur": Decimal("18500"),
        "cost_note": "Demo-Angabe: Box, Rad und Einrichtung, einmalig",
        "lessons": "Demo-Angabe: den Standort mit Pendlern und Einkaufsverkehr zusammen planen.",
        "contact": "Gemeinde Nordkirchen, Klimaschutz und Digitalisierung",
    },
}

# project slug -> how many checklist points (in order) it has done
TICKED = {"crossiety-havixbeck": 12, "lastenradbox-nordkirchen": 11, "smarte-land-regionen": 5}


def load_reuse(loader, region) -> None:
    if ChecklistItem.objects.filter(region=region).exists():
        return  # loaded before
    items = []
    for position, (phase, text) in enumerate(CHECKLIST, start=1):
        item = ChecklistItem(region=region, phase=phase, text=text, position=position)
        items.append(create_object(item, reason=REASON))
    loader.created["Prüfpunkte"] += len(items)
    wanted = Project.objects.filter(region=region, slug__in=[*TICKED, *OFFERS])
    projects = {project.slug: project for project in wanted}
    for slug, count in TICKED.items():
        if slug in projects:
            for item in items[:count]:
                checklists.set_done(projects[slug], item, True)
    for slug, values in OFFERS.items():
        if slug in projects and not ReuseOffer.objects.filter(project=projects[slug]).exists():
            reuse.save_offer(projects[slug], values, reason=REASON)
            loader.created["Angebote zur Nachnutzung"] += 1
    olfen = Municipality.objects.filter(region=region, slug="olfen").first()
    box = projects.get("lastenradbox-nordkirchen")
    if olfen is not None and box is not None:
        reuse.copy_project(box, olfen)
        loader.created["Nachnutzungen"] += 1
