"""The scale data of meetings and their tasks (issue 14, reports): the core data has no
bodies, so per region one committee of the district (BODY_SLUG) with MEETINGS_PER_REGION
meetings spread over the data's years (agenda, minutes and decisions as German text), and
TASKS_PER_MEETING tasks each, owned by the region's generated users or by nobody; tasks of
past meetings are mostly done."""

from __future__ import annotations

import datetime

from digitalagentur.directory.choices import BodyKind
from digitalagentur.directory.models import Body
from digitalagentur.reports.models import Meeting, MeetingTask
from digitalagentur.tenancy.choices import Role

from .base import BASE_TIME, END_TIME, Context, Progress
from .changelog import log_created

MEETINGS_PER_REGION = 24
TASKS_PER_MEETING = 3
BODY_SLUG = "digitalausschuss"
TASKS = (
    "Sachstand {topic} für die nächste Sitzung vorbereiten",
    "Rückmeldung der Kommunen zu {topic} einholen",
    "Kostenschätzung {topic} vorlegen",
    "Förderaufruf zu {topic} prüfen",
    "Protokollauszug zu {topic} an die Kommunen senden",
)
TOPICS = ("Online-Terminvergabe", "Glasfaserausbau", "Open Data", "E-Akte", "Bürgerkonto")
DAY = datetime.timedelta(days=1)


def build_meetings(ctx: Context, progress: Progress) -> None:
    span = (END_TIME - BASE_TIME) / MEETINGS_PER_REGION
    for chunk in ctx.chunks():
        bodies = [
            Body(
                region=state.region,
                slug=BODY_SLUG,
                name="Ausschuss für Digitalisierung",
                kind=BodyKind.COMMITTEE,
                is_agency_body=True,
                constituted_on=BASE_TIME.date(),
                created=BASE_TIME,
                updated=BASE_TIME,
            )
            for state in chunk
        ]
        ctx.insert(bodies, Body)
        meetings, plans = [], []
        for state, body in zip(chunk, bodies, strict=True):
            rng = ctx.rng("meetings", state.index)
            owners = [state.users.get(Role.COORDINATOR), state.users.get(Role.READER), None]
            for n in range(MEETINGS_PER_REGION):
                day = (BASE_TIME + n * span + rng.randint(0, 20) * DAY).date()
                start = datetime.datetime.combine(day, datetime.time(15), datetime.UTC)
                topics = rng.sample(TOPICS, 3)
                meeting = Meeting(
                    region=state.region,
                    body=body,
                    name=f"{n + 1}. Sitzung des Ausschusses für Digitalisierung",
                    start=start,
                    end=start + datetime.timedelta(hours=2),
                    location="Kreishaus, Sitzungssaal",
                    agenda="\n".join(
                        ["1. Begrüßung"]
                        + [f"{i}. {topic}" for i, topic in enumerate(topics, start=2)]
                        + ["5. Verschiedenes"]
                    ),
                    minutes=f"Der Ausschuss hat die Sachstände zu {', '.join(topics)} beraten.",
                    decisions=f"Der Ausschuss nimmt den Sachstand zu {topics[0]} zur Kenntnis.",
                    created=start - 14 * DAY,
                    updated=start + DAY,
                )
                meetings.append(meeting)
                plans.append((state, meeting, topics, rng, owners))
        ctx.insert(meetings, Meeting)
        tasks = []
        for state, meeting, topics, rng, owners in plans:
            for n in range(TASKS_PER_MEETING):
                due = meeting.start.date() + rng.randint(14, 90) * DAY
                done = due < END_TIME.date() and rng.random() < 0.8
                owner = rng.choice(owners)
                tasks.append(
                    MeetingTask(
                        region=state.region,
                        meeting=meeting,
                        title=rng.choice(TASKS).format(topic=topics[n]),
                        owner=owner,
                        due_date=due,
                        done_at=(
                            datetime.datetime.combine(due, datetime.time(10), datetime.UTC)
                            if done
                            else None
                        ),
                        done_by=owner if done else None,
                        created=meeting.start + DAY,
                        updated=meeting.start + DAY,
                    )
                )
        ctx.insert(tasks, MeetingTask)
        log_created(ctx, meetings)
        log_created(ctx, tasks)
        progress.advance(len(chunk))
