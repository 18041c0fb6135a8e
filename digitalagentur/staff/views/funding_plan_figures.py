"""What the plan editor hands to static/js/funding-plan.js: the programme's rules as exact
decimal strings (data attributes), the messages of funding.finance as templates, and the
figures the server computed (shown before the script runs and without it).

The script computes with the formulas of funding/finance.py in integer cents (BigInt); the
texts here are the same msgids as there, so that a figure or a warning reads the same whether
the browser or the server computed it (staff/tests/test_funding_plan_browser.py compares).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from digitalagentur.funding.display import euros, percent, share_percent
from digitalagentur.funding.finance import ZERO, Plan
from digitalagentur.funding.models import Application
from digitalagentur.funding.overview import overviews, rules_of

from ..funding_input import AMOUNT_CENTS, AMOUNT_INVALID, AMOUNT_NEGATIVE, AMOUNT_TOO_LARGE
from .funding import programme_rules


def decimal_text(value: Decimal | None, places: int) -> str:
    """A rule for a data attribute: "0.6500", "15000000.00"; "" for none."""
    if value is None:
        return ""
    return f"{value:.{places}f}"


def rule_attributes(application: Application) -> dict[str, str]:
    rules = rules_of(application)
    return {
        "funding-rate": decimal_text(rules.funding_rate, 4),
        "max-grant": decimal_text(rules.max_grant, 2),
        "third-party-max-share": decimal_text(rules.third_party_max_share_of_own, 4),
        "max-months": "" if rules.max_months is None else str(rules.max_months),
    }


def message_templates() -> dict[str, str]:
    """funding.finance's messages with {placeholders} for the script (the same msgids)."""
    return {
        "msg-cap": _(
            "Die Förderung ist auf den Höchstbetrag von %(cap)s € begrenzt "
            "(ohne Begrenzung %(uncapped)s €)."
        )
        % {"cap": "{cap}", "uncapped": "{uncapped}"},
        "msg-third-party": _(
            "Mittel Dritter zählen höchstens mit %(allowed)s € (angeboten: %(offered)s €); "
            "der Rest verringert den Eigenanteil nicht."
        )
        % {"allowed": "{allowed}", "offered": "{offered}"},
        "msg-duration": _(
            "Die Laufzeit von %(months)s Monaten überschreitet die zulässigen %(max)s Monate."
        )
        % {"months": "{months}", "max": "{max}"},
        "msg-end-before-start": _("Das Ende liegt vor dem Beginn."),
        "msg-amount-invalid": str(AMOUNT_INVALID),
        "msg-amount-negative": str(AMOUNT_NEGATIVE),
        "msg-amount-cents": str(AMOUNT_CENTS),
        "msg-amount-too-large": str(AMOUNT_TOO_LARGE),
        "msg-amount-where": _("„%(sub)s“, Zeile %(row)s, Betrag: %(message)s")
        % {"sub": "{sub}", "row": "{row}", "message": "{message}"},
        "msg-third-party-field": _("Mittel Dritter: %(message)s") % {"message": "{message}"},
        "label-error": _("Fehler:"),
        "label-warning": _("Hinweis:"),
    }


def figures(plan: Plan, rate_text: str) -> list[tuple[str, str, str]]:
    """(key for the script, label, text) of the plan's figures."""
    return [
        ("investive", _("investiv"), euros(plan.investive)),
        ("consumptive", _("konsumtiv"), euros(plan.consumptive)),
        ("total", _("Gesamtkosten"), euros(plan.total)),
        ("investive_share", _("Anteil investiv"), share_percent(plan.investive, plan.total)),
        (
            "consumptive_share",
            _("Anteil konsumtiv"),
            share_percent(plan.consumptive, plan.total),
        ),
        ("eligible_total", _("förderfähige Kosten"), euros(plan.eligible_total)),
        ("grant", _("Förderung (%(rate)s)") % {"rate": rate_text}, euros(plan.grant)),
        ("own_share", _("Eigenanteil"), euros(plan.own_share)),
        ("third_party", _("davon angerechnete Mittel Dritter"), euros(plan.third_party)),
        (
            "municipal_own_share",
            _("kommunaler Eigenanteil (mit nicht förderfähigen Kosten)"),
            euros(plan.municipal_own_share),
        ),
    ]


def plan_context(application: Application, rejected: Plan | None = None) -> dict:
    """The editor's rules, messages and figures (of the stored plan, or of a plan the server
    refused to keep)."""
    overview = overviews([application])[application.pk]
    plan = rejected or overview.plan
    rules = rules_of(application)
    return {
        "rule_attributes": rule_attributes(application),
        "message_templates": message_templates(),
        "figures": figures(plan, percent(rules.funding_rate)),
        "plan": plan,
        "sums": {row.subproject.pk: line_sums_of(row) for row in overview.rows},
        "split": [
            {"label": row.label, "weight": format(row.weight, "f"), "amount": euros(row.amount)}
            for row in overview.split
        ],
        "split_problem": overview.split_problem,
        "has_programme": application.programme_id is not None,
        "programme_rules": programme_rules(application.programme) if application.programme else [],
    }


EMPTY_SUMS = {"investive": euros(ZERO), "consumptive": euros(ZERO), "total": euros(ZERO)}


def line_sums_of(row) -> dict[str, str]:
    return {
        "investive": euros(row.investive),
        "consumptive": euros(row.consumptive),
        "total": euros(row.total),
    }
