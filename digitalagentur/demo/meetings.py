"""The demo's meetings of the Digitalagentur's bodies (issue 14, section 3), loaded by
DemoLoader.load after the logins: three past meetings of the Koordinierungskreis and the
Lenkungskreis with agenda, minutes and decisions, one upcoming meeting with its agenda, and
tasks owned by the demo logins (some overdue, some done), so that "Meine Aufgaben" on the
dashboard of `koordination`, `senden` and `havixbeck` has something to show.

The content is invented for the demo (no real minutes): every meeting and task is marked
``is_demo`` and written through reports.services (logged with the demo's reason). Idempotent:
a meeting is found again by its body and name, a task by its meeting and title; a body or
login that does not exist is skipped. Meetings of status reports (demo/reports.py) are left
alone.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from digitalagentur.directory.models import Body
from digitalagentur.reports import services
from digitalagentur.reports.models import Meeting, MeetingTask

BERLIN = ZoneInfo("Europe/Berlin")
REASON = "Demo-Daten"
MEETINGS_LABEL = "Sitzungen der Gremien"
TASKS_LABEL = "Aufgaben aus Sitzungen"

# (body slug, name, start (date, hour) or days from today, location, agenda, minutes,
#  decisions, [(task title, owner login, due: date, days from today or None, done)])
MEETINGS = [
    (
        "koordinierungskreis",
        "Koordinierungskreis: Sitzung im Frühjahr 2025",
        (datetime.date(2025, 3, 18), 14),
        "Kreishaus Coesfeld, Raum 2.14",
        "1. Begrüßung und Protokoll der letzten Sitzung\n"
        "2. Bericht aus den Kommunen\n"
        "3. Technologie-Radar: erste Ausgabe\n"
        "4. Förderaufrufe im Blick\n"
        "5. Verschiedenes",
        "Demo-Protokoll. Zu TOP 2 berichten die Digitalisierungsbeauftragten kurz aus ihren "
        "Kommunen. Zu TOP 3 stellt die Koordination den Entwurf des Radars vor; die Runde "
        "wünscht je Eintrag eine Ansprechperson.",
        "- Der Entwurf des Technologie-Radars wird mit den Ergänzungen veröffentlicht.\n"
        "- Die Kommunen melden Ansprechpersonen für die Radar-Einträge.",
        [
            ("Ansprechpersonen für die Radar-Einträge melden", "senden", 28, True),
            ("Ansprechpersonen für die Radar-Einträge melden (Havixbeck)", "havixbeck", 28, False),
            ("Radar-Ausgabe veröffentlichen", "koordination", 14, True),
        ],
    ),
    (
        "lenkungskreis",
        "Lenkungskreis: Sitzung im Sommer 2025",
        (datetime.date(2025, 6, 24), 10),
        "Kreishaus Coesfeld, Sitzungssaal",
        "1. Sachstand der Digitalisierungsstrategie\n"
        "2. Fortschreibung der Strategie: Zeitplan\n"
        "3. Verschiedenes",
        "Demo-Protokoll. Die Koordination berichtet über den Stand der Projekte. Der "
        "Lenkungskreis bittet um einen Zeitplan für die Fortschreibung.",
        "- Die Koordination legt bis zur nächsten Sitzung einen Zeitplan für die "
        "Fortschreibung vor.",
        [
            ("Zeitplan für die Fortschreibung entwerfen", "koordination", 60, False),
        ],
    ),
    (
        "koordinierungskreis",
        "Koordinierungskreis: Sitzung im Herbst 2025",
        (datetime.date(2025, 10, 7), 14),
        "Rathaus Senden",
        "1. Begrüßung\n2. Fortschreibung: Beiträge der Kommunen\n3. Landräume\n4. Verschiedenes",
        "Demo-Protokoll. Die Kommunen sammeln Beiträge zur Fortschreibung; die Landräume "
        "werden von zwei weiteren Kommunen mitgenutzt.",
        "- Beiträge der Kommunen zur Fortschreibung bis Jahresende an die Koordination.",
        [
            ("Beiträge Sendens zur Fortschreibung zusammenstellen", "senden", 80, False),
            ("Beiträge Havixbecks zur Fortschreibung zusammenstellen", "havixbeck", 80, False),
            ("Raumliste der Landräume aktualisieren", None, None, False),
        ],
    ),
    (
        "koordinierungskreis",
        "Koordinierungskreis: nächste Sitzung",
        21,  # days from the day the demo is loaded, 14:00
        "Kreishaus Coesfeld, Raum 2.14",
        "1. Begrüßung und Protokoll der letzten Sitzung\n"
        "2. Fortschreibung: Stand der Beiträge\n"
        "3. Technologie-Radar: Ringwechsel\n"
        "4. Verschiedenes",
        "",
        "",
        [
            ("Tagesordnung an die Runde verschicken", "koordination", -7, False),
        ],
    ),
]


def _start(when) -> datetime.datetime:
    if isinstance(when, int):
        day = timezone.localdate() + datetime.timedelta(days=when)
        return datetime.datetime.combine(day, datetime.time(14), tzinfo=BERLIN)
    day, hour = when
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def load_meetings(loader, region) -> None:
    owners = {user.username: user for user in services.task_owners(region)}
    for body_slug, name, when, location, agenda, minutes, decisions, tasks in MEETINGS:
        body = Body.objects.filter(region=region, slug=body_slug).first()
        if body is None:
            continue
        meeting = Meeting.objects.filter(region=region, body=body, name=name).first()
        if meeting is None:
            meeting = services.create_meeting(
                region,
                {
                    "body": body,
                    "name": name,
                    "start": _start(when),
                    "end": _start(when) + datetime.timedelta(hours=2),
                    "location": location,
                    "agenda": agenda,
                    "minutes": minutes,
                    "decisions": decisions,
                },
                reason=REASON,
                is_demo=True,
            )
            loader.created[MEETINGS_LABEL] += 1
        start_day = timezone.localtime(meeting.start).date()
        for title, login, due_in, done in tasks:
            if MeetingTask.objects.filter(meeting=meeting, title=title).exists():
                continue
            # Due some days after the meeting; the upcoming meeting's task before it.
            due = start_day + datetime.timedelta(days=due_in) if due_in is not None else None
            task = services.create_task(
                meeting,
                {"title": title, "owner": owners.get(login or ""), "due_date": due},
                reason=REASON,
                is_demo=True,
            )
            loader.created[TASKS_LABEL] += 1
            if done:
                services.set_task_done(task, True, user=owners.get(login or ""))
