"""Plain text the public pages show: the headline figures and dates of varying precision."""

from __future__ import annotations

import datetime

from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from digitalagentur.strategy.choices import DatePrecision


def headline_figures(counts) -> list[str]:
    """The strategy's figures as phrases, e.g. ["1 Kreis", "11 Städte und Gemeinden", ...]."""

    def phrase(text: str, n: int) -> str:
        return text % {"n": n}

    # Literal strings in ngettext so that makemessages extracts them.
    return [
        _("1 Kreis"),
        phrase(
            ngettext(
                "%(n)d Stadt oder Gemeinde", "%(n)d Städte und Gemeinden", counts.municipalities
            ),
            counts.municipalities,
        ),
        phrase(
            ngettext("%(n)d gemeinsame Vision", "%(n)d gemeinsame Visionen", counts.visions),
            counts.visions,
        ),
        phrase(
            ngettext("%(n)d Handlungsfeld", "%(n)d Handlungsfelder", counts.fields), counts.fields
        ),
        phrase(
            ngettext("%(n)d Leitbild", "%(n)d Leitbilder", counts.guiding_principles),
            counts.guiding_principles,
        ),
        phrase(
            ngettext("%(n)d Prioritätengruppe", "%(n)d Prioritätengruppen", counts.priority_groups),
            counts.priority_groups,
        ),
        phrase(ngettext("%(n)d Projekt", "%(n)d Projekte", counts.projects), counts.projects),
    ]


def headline_sentence(counts) -> str:
    """ "1 Kreis, 11 Städte und Gemeinden, …, 28 Projekte"."""
    return ", ".join(headline_figures(counts))


def partial_date(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """A date as precise as it is known: "01.07.2021", "Oktober 2021" or "2021"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return dateformat.format(value, "Y")
    if precision == DatePrecision.MONTH:
        return dateformat.format(value, "F Y")
    return dateformat.format(value, "d.m.Y")


def partial_iso(value: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """The machine-readable form for <time datetime>: "2021-07-01", "2021-10" or "2021"."""
    if value is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{value.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
