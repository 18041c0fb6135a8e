"""Test data of the staff resources (issue 14, section 3): posts and vacancies made through
the services (validated and logged like every write)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from digitalagentur.network import services
from digitalagentur.network.models import Post, Vacancy


def make_post(
    region,
    town=None,
    title: str = "Digitalisierungsbeauftragte/r",
    *,
    planned: str | Decimal = "0.5",
    filled: str | Decimal | None = None,
    **values,
) -> Post:
    """A post of `town` (None: the district level); filled defaults to planned."""
    planned = Decimal(str(planned))
    filled = planned if filled is None else Decimal(str(filled))
    return services.create_post(
        region,
        user=None,
        values={
            "municipality": town,
            "title": title,
            "planned_fte": planned,
            "filled_fte": filled,
            **values,
        },
    )


def make_vacancy(
    post: Post,
    start: datetime.date = datetime.date(2023, 6, 1),
    end: datetime.date | None = None,
    cause: str = "Stelleninhaber/in ausgeschieden",
) -> Vacancy:
    return services.create_vacancy(
        post, user=None, values={"start": start, "end": end, "cause": cause}
    )
