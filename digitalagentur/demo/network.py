"""The demo's staff resources (issue 14, section 3), loaded by DemoLoader.load after the people
of the Digitalagentur: the posts at the district and in the towns, measured against the
working group's recommendation of August 2020 (0.5 post per town, 1.0 at the district).

From the seeds (Sachstandsbericht of 14.09.2023): since June 2023 both project posts
Smarte.Land.Regionen and the post "Smart Region Koordination" are vacant; core tasks are taken
over by Mathias Raabe and Dr. Jürgen Grüner. The Smart Region coordinator's post was created in
spring 2022 (SV-10-0671) and held by Helena Mense Oliveira. Everything else (the FTE of each
post, the towns' posts, the dates not named above) is plausible demo data: every post is
marked ``is_demo`` and says so in its note. Niklas Esser (Gemeinde Senden) holds Senden's post.

Idempotent: a post that exists (same region, town and title) is left alone.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.directory.models import Person
from digitalagentur.network import services
from digitalagentur.network.models import Post
from digitalagentur.tenancy.models import Municipality

LABEL = "Stellen"
REASON = "Demo-Daten"
VACANT_SINCE = datetime.date(2023, 6, 1)
SEED_VACANCY = (
    "Seit Juni 2023 vakant; Kernaufgaben übernehmen Mathias Raabe und Dr. Jürgen Grüner "
    "(Sachstandsbericht vom 14.09.2023)."
)
DEMO_NOTE = "Demo-Daten: Stellenanteil und Daten angenommen."

# (town slug or None, title, planned, filled, holder name or None, since, note, vacancy cause)
POSTS = [
    (
        None,
        "Smart Region Koordination",
        "1.0",
        "1.0",
        None,
        datetime.date(2022, 4, 1),
        "Im Frühjahr 2022 geschaffen, bis Mai 2023 besetzt mit Helena Mense Oliveira. "
        "Demo-Daten: Stellenanteil und Daten angenommen.",
        SEED_VACANCY,
    ),
    (
        None,
        "Projektstelle Smarte.Land.Regionen (1)",
        "1.0",
        "1.0",
        None,
        datetime.date(2021, 10, 1),
        "Gefördert im Modellvorhaben Smarte.Land.Regionen. " + DEMO_NOTE,
        SEED_VACANCY,
    ),
    (
        None,
        "Projektstelle Smarte.Land.Regionen (2)",
        "1.0",
        "1.0",
        None,
        datetime.date(2021, 10, 1),
        "Gefördert im Modellvorhaben Smarte.Land.Regionen. " + DEMO_NOTE,
        SEED_VACANCY,
    ),
    ("ascheberg", "Digitalisierungsbeauftragte/r (CDO)", "0.5", "0.5", None, None, "", None),
    ("billerbeck", "Digitalisierungsbeauftragte/r (CDO)", "0.5", "0.5", None, None, "", None),
    ("coesfeld", "Digitalisierungsbeauftragte/r (CDO)", "1.0", "1.0", None, None, "", None),
    ("duelmen", "Digitalisierungsbeauftragte/r (CDO)", "1.0", "0.75", None, None, "", None),
    ("havixbeck", "Digitalisierungsbeauftragte/r (CDO)", "0.5", "0.25", None, None, "", None),
    ("luedinghausen", "Digitalisierungsbeauftragte/r (CDO)", "0.5", "0.5", None, None, "", None),
    ("nordkirchen", "Digitalisierungsbeauftragte/r (CDO)", "0.25", "0.25", None, None, "", None),
    ("nottuln", "Digitalisierungsbeauftragte/r (CDO)", "0.5", "0.5", None, None, "", None),
    ("olfen", "Digitalisierungsbeauftragte/r (CDO)", "0.5", "0.5", None, None, "", None),
    (
        "senden",
        "Digitalisierungsbeauftragte/r (CDO)",
        "0.5",
        "0.5",
        "Niklas Esser",
        None,
        "",
        None,
    ),
    # Rosendahl: no post recorded in the demo (the table lists the town with a gap).
]


def load_network(loader, region) -> None:
    towns = {town.slug: town for town in Municipality.objects.filter(region=region)}
    people = {person.name: person for person in Person.objects.filter(region=region)}
    for slug, title, planned, filled, holder, since, note, cause in POSTS:
        town = towns.get(slug) if slug else None
        if slug and town is None:
            continue  # a region without this town (set up by hand)
        if Post.objects.filter(region=region, municipality=town, title=title).exists():
            continue
        post = services.create_post(
            region,
            user=None,
            values={
                "municipality": town,
                "title": title,
                "planned_fte": Decimal(planned),
                "filled_fte": Decimal(filled),
                "holder": people.get(holder) if holder else None,
                "since": since,
                "note": note or DEMO_NOTE,
            },
            reason=REASON,
            is_demo=True,
        )
        loader.created[LABEL] += 1
        if cause:
            services.create_vacancy(
                post,
                user=None,
                values={"start": VACANT_SINCE, "cause": cause},
                reason=REASON,
                is_demo=True,
            )
            loader.created["Vakanzen"] += 1
