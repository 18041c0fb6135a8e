"""The scale data of reuse and checklists (issue 14, portfolio): per region the checklist
(CHECKLIST_PER_PHASE points for each project phase), ticks for a share of the projects (always
the first points, in order, as a project works through them), offers for reuse of about
REUSE_SHARE of the projects, and a few towns that joined each offered project (kind "join";
no copies: those would be projects of their own)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.portfolio.choices import ProjectPhase, ReuseKind
from digitalagentur.portfolio.models import (
    ChecklistItem,
    ChecklistTick,
    Participation,
    Reuse,
    ReuseOffer,
)
from digitalagentur.tenancy.choices import Role

from .base import BASE_TIME, END_TIME, Context, Progress
from .changelog import log_created

CHECKLIST_PER_PHASE = 2
TICKED_SHARE = 0.6  # share of the projects that ticked off at least one point
REUSE_SHARE = 0.1  # share of the projects offered for reuse
REUSERS = (1, 4)  # towns joining an offered project (at most the towns not taking part)

CHECKLIST = {
    ProjectPhase.IDEA: ("Bedarf in den Kommunen abgefragt", "Projektskizze abgestimmt"),
    ProjectPhase.FUNDING: ("Förderprogramm geprüft", "Eigenanteil im Haushalt gesichert"),
    ProjectPhase.TENDER: (
        "Leistungsbeschreibung erstellt",
        "Vergabeart mit der Vergabestelle geklärt",
    ),
    ProjectPhase.DATA_PROTECTION: (
        "Datenschutz-Folgenabschätzung geprüft",
        "Auftragsverarbeitungsvertrag geschlossen",
    ),
    ProjectPhase.GO_LIVE: ("Mitarbeitende geschult", "Betrieb und Support geregelt"),
    ProjectPhase.EVALUATION: ("Wirkung gemessen", "Erfahrungen im Netzwerk geteilt"),
}
BUILT = (
    "Ein erprobtes Verfahren mit Vorlagen, Leistungsbeschreibung und Schulungsunterlagen.",
    "Eine laufende Lösung samt Betriebskonzept, die andere Kommunen mitnutzen können.",
    "Ein Konzept mit Datenschutz-Folgenabschätzung und Mustervertrag zur Übernahme.",
)
LESSONS = (
    "Früher mit dem Personalrat sprechen und die Fachämter von Anfang an einbinden.",
    "Mehr Zeit für die Vergabe einplanen; die Schnittstellen zuerst klären.",
    "Die Schulungen in kleineren Gruppen anbieten.",
)
DAY = datetime.timedelta(days=1)


def build_reuse(ctx: Context, progress: Progress) -> None:
    phases = list(ProjectPhase)
    for chunk in ctx.chunks():
        items = []
        for state in chunk:
            position = 0
            for phase in phases:
                for text in CHECKLIST[phase][:CHECKLIST_PER_PHASE]:
                    position += 1
                    items.append(
                        ChecklistItem(
                            region=state.region,
                            phase=phase,
                            text=text,
                            position=position,
                            created=BASE_TIME,
                            updated=BASE_TIME,
                        )
                    )
        ctx.insert(items, ChecklistItem)
        project_ids = [p.pk for state in chunk for p in state.projects]
        taking_part: dict[int, set[int]] = {}
        for project_id, town_id in Participation.objects.filter(
            project_id__in=project_ids
        ).values_list("project_id", "municipality_id"):
            taking_part.setdefault(project_id, set()).add(town_id)
        ticks, offers, reuses = [], [], []
        for state in chunk:
            rng = ctx.rng("reuse", state.index)
            own_items = [i for i in items if i.region is state.region]
            coordinator = state.users.get(Role.COORDINATOR)
            for project in state.projects:
                if rng.random() >= TICKED_SHARE:
                    continue
                done = project.created
                for item in own_items[: rng.randint(1, len(own_items))]:
                    done = min(END_TIME, done + rng.randint(1, 90) * DAY)
                    ticks.append(
                        ChecklistTick(project=project, item=item, done_by=coordinator, done_at=done)
                    )
            count = max(1, round(len(state.projects) * REUSE_SHARE))
            for project in rng.sample(state.projects, min(count, len(state.projects))):
                created = min(END_TIME, project.created + rng.randint(30, 400) * DAY)
                offers.append(
                    ReuseOffer(
                        region=state.region,
                        project=project,
                        built=rng.choice(BUILT),
                        cost_eur=Decimal(rng.randrange(5_000, 250_000, 500)),
                        cost_note="einmalig für die Einführung, dazu Kosten für den Betrieb",
                        lessons=rng.choice(LESSONS),
                        contact=f"Digitalisierungsbeauftragte/r {state.region.name}",
                        contact_email=f"digital@{state.region.hostname}",
                        created=created,
                        updated=created,
                    )
                )
                others = [t for t in state.towns if t.pk not in taking_part.get(project.pk, set())]
                low, high = REUSERS
                for town in rng.sample(others, min(len(others), rng.randint(low, high))):
                    when = min(END_TIME, created + rng.randint(1, 300) * DAY)
                    reuses.append(
                        Reuse(
                            region=state.region,
                            original=project,
                            municipality=town,
                            kind=ReuseKind.JOIN,
                            created_by=coordinator,
                            created=when,
                            updated=when,
                        )
                    )
        ctx.insert(ticks, ChecklistTick)
        ctx.insert(offers, ReuseOffer)
        ctx.insert(reuses, Reuse)
        log_created(ctx, items)
        log_created(ctx, offers)
        progress.advance(len(chunk))
