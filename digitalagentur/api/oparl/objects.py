"""OParl 1.1 objects built from the models: what is public, and how each object looks.

Public means: every region (one oparl:Body per region, the Kreis), all bodies of a region
(oparl:Organization), people only with recorded consent and never a placeholder ("N. N."),
status reports that are no drafts (oparl:Paper with its File, Consultation and AgendaItem),
and the meetings that are not known only from drafts.

The builders take model instances that were loaded by the querysets below (related rows
selected or prefetched), so that a list page costs the same number of queries for any size.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from django.db.models import Prefetch, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.utils import timezone
from django.utils.translation import gettext as _

from digitalagentur.directory.models import Body, Membership, Person
from digitalagentur.reports.choices import ReportStatus
from digitalagentur.reports.models import LegislativeTerm, Meeting, StatusReport
from digitalagentur.reports.visibility import public_meetings, public_reports
from digitalagentur.tenancy.models import Region

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL_VERSION = "https://schema.oparl.org/1.1/"
PAPER_TYPE = "Sitzungsvorlage"  # what the Kreis's status reports are (seeds: SV-10-0671)
ORGANIZATION_TYPE = "Gremium"
CONSULTATION_ROLE = "Kenntnisnahme"


class Urls:
    """Absolute URLs of the API's objects, from the request's host and the mount point."""

    def __init__(self, base: str):
        self.base = base  # ends with "/"

    def __call__(self, *parts) -> str:
        return self.base + "/".join(str(part) for part in parts)


# --- what is public ------------------------------------------------------------------------

# public_reports() and public_meetings(): the rule of every public output
# (reports/visibility.py), imported above.


def public_persons() -> QuerySet[Person]:
    """Persons the public may see named: with consent and not a placeholder (N. N.)."""
    # The same normalisation as Person.is_placeholder, in the database.
    normalised = Upper(Replace(Replace("name", Value(" "), Value("")), Value("."), Value("")))
    return (
        Person.objects.filter(public_consent=True)
        .annotate(_normalised_name=normalised)
        .exclude(_normalised_name__in=["NN", ""])
    )


def public_memberships() -> QuerySet[Membership]:
    return Membership.objects.filter(person__in=public_persons().values("pk"))


def agenda_reports() -> QuerySet[StatusReport]:
    """The public reports of a meeting in the order of its agenda."""
    return public_reports().order_by("date", "pk")


# --- querysets of the lists and detail views (related rows loaded up front) -----------------


def regions() -> QuerySet[Region]:
    return Region.objects.order_by("pk")


def attach_terms(found: list[Region]) -> list[Region]:
    """Loads the legislative terms of these regions in one query (as `region.terms`)."""
    terms: dict[int, list[LegislativeTerm]] = {region.pk: [] for region in found}
    for term in LegislativeTerm.objects.filter(region__in=found).order_by("start_date", "pk"):
        terms[term.region_id].append(term)
    for region in found:
        region.terms = terms[region.pk]
    return found


def organizations() -> QuerySet[Body]:
    return Body.objects.order_by("pk").prefetch_related(
        Prefetch(
            "memberships", queryset=public_memberships().order_by("pk"), to_attr="public_members"
        )
    )


def persons() -> QuerySet[Person]:
    return (
        public_persons()
        .order_by("pk")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.order_by("pk"),
                to_attr="membership_list",
            )
        )
    )


def memberships() -> QuerySet[Membership]:
    return public_memberships().select_related("person", "body")


def meetings() -> QuerySet[Meeting]:
    return (
        public_meetings()
        .order_by("pk")
        .select_related("body")  # the name of a meeting without one says whose it is
        .prefetch_related(
            Prefetch("status_reports", queryset=agenda_reports(), to_attr="agenda_reports")
        )
    )


def papers() -> QuerySet[StatusReport]:
    return (
        public_reports()
        .order_by("pk")
        .select_related("previous")
        .prefetch_related(
            Prefetch("following", queryset=public_reports().order_by("pk"), to_attr="followers")
        )
    )


def legislative_terms() -> QuerySet[LegislativeTerm]:
    return LegislativeTerm.objects.order_by("pk")


# --- formatting ----------------------------------------------------------------------------


def _datetime(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat(timespec="seconds") if value else None


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(data: dict) -> dict:
    """Leaves out empty values: OParl omits what is unknown rather than sending null."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def _stamps(obj) -> dict:
    return {"created": _datetime(obj.created), "modified": _datetime(obj.updated)}


def file_name(report: StatusReport) -> str:
    """The PDF's file name: the paper's reference, else a neutral name with its id."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", report.reference).strip("-.")
    return f"{stem or f'Sachstandsbericht-{report.pk}'}.pdf"


# --- the objects ---------------------------------------------------------------------------


def system(url: Urls) -> dict:
    return {
        "id": url("system"),
        "type": SCHEMA + "System",
        "oparlVersion": OPARL_VERSION,
        "name": _("Digitalagentur – Gremien und Sachstandsberichte"),
        "body": url("bodies"),
    }


def body(url: Urls, region: Region, *, omit_internal: bool = False) -> dict:
    terms = getattr(region, "terms", None)
    if terms is None:
        terms = attach_terms([region])[0].terms
    data = {
        "id": url("body", region.pk),
        "type": SCHEMA + "Body",
        "system": url("system"),
        "name": region.name,
        "shortName": region.slug,
        "website": region.website,
        "classification": _("Kreis"),
        "organization": url("body", region.pk, "organization"),
        "person": url("body", region.pk, "person"),
        "meeting": url("body", region.pk, "meeting"),
        "paper": url("body", region.pk, "paper"),
        "legislativeTermList": url("body", region.pk, "legislativeterm"),
        "modified": _datetime(region.content_changed),
    }
    data = _clean(data)
    # Required by the schema, so sent even when empty (unless the client asked to omit it).
    if not omit_internal:
        data["legislativeTerm"] = [legislative_term(url, term) for term in terms]
    elif "legislativeTerm" not in data:
        data["legislativeTerm"] = []
    return data


def legislative_term(url: Urls, term: LegislativeTerm) -> dict:
    return _clean(
        {
            "id": url("legislativeterm", term.pk),
            "type": SCHEMA + "LegislativeTerm",
            "body": url("body", term.region_id),
            "name": term.name,
            "startDate": _date(term.start_date),
            "endDate": _date(term.end_date),
            **_stamps(term),
        }
    )


def organization(url: Urls, org: Body) -> dict:
    members = getattr(org, "public_members", None)
    if members is None:
        members = list(public_memberships().filter(body=org).order_by("pk"))
    return _clean(
        {
            "id": url("organization", org.pk),
            "type": SCHEMA + "Organization",
            "body": url("body", org.region_id),
            "name": org.name,
            "organizationType": ORGANIZATION_TYPE,
            "classification": str(org.get_kind_display()),
            "startDate": _date(org.constituted_on),
            "membership": [url("membership", m.pk) for m in members],
            "meeting": url("organization", org.pk, "meeting"),
            **_stamps(org),
        }
    )


def membership(url: Urls, member: Membership, *, embedded: bool = False) -> dict:
    data = {
        "id": url("membership", member.pk),
        "type": SCHEMA + "Membership",
        "person": None if embedded else url("person", member.person_id),
        "organization": url("organization", member.body_id),
        "role": member.label or str(member.get_role_display()),
        "startDate": _date(member.start_date),
        "endDate": _date(member.end_date),
        **_stamps(member),
    }
    return _clean(data)


def person(url: Urls, someone: Person, *, omit_internal: bool = False) -> dict:
    data = {
        "id": url("person", someone.pk),
        "type": SCHEMA + "Person",
        "body": url("body", someone.region_id),
        "name": someone.name,
        "status": [someone.office] if someone.office else [],
        **_stamps(someone),
    }
    if not omit_internal:
        members = getattr(someone, "membership_list", None)
        if members is None:
            members = list(someone.memberships.order_by("pk"))
        data["membership"] = [membership(url, m, embedded=True) for m in members]
    return _clean(data)


def meeting(url: Urls, session: Meeting, *, omit_internal: bool = False) -> dict:
    data = {
        "id": url("meeting", session.pk),
        "type": SCHEMA + "Meeting",
        "name": session.name or str(session),
        "cancelled": session.cancelled or None,
        "start": _datetime(session.start),
        "end": _datetime(session.end),
        "organization": [url("organization", session.body_id)],
        **_stamps(session),
    }
    if not omit_internal:
        reports = getattr(session, "agenda_reports", None)
        if reports is None:
            reports = list(agenda_reports().filter(meeting=session))
        data["agendaItem"] = [
            agenda_item(url, report, order, embedded=True) for order, report in enumerate(reports)
        ]
    return _clean(data)


def agenda_item(url: Urls, report: StatusReport, order: int, *, embedded: bool = False) -> dict:
    result = str(report.get_status_display()) if report.status == ReportStatus.NOTED else None
    return _clean(
        {
            "id": url("agendaitem", report.pk),
            "type": SCHEMA + "AgendaItem",
            # The back reference only where the item is fetched alone (as the spec asks).
            "meeting": None if embedded else url("meeting", report.meeting_id),
            "number": str(order + 1),
            "order": order,
            "name": report.title,
            "public": True,
            "consultation": url("consultation", report.pk),
            "result": result,
            **_stamps(report),
        }
    )


def consultation(url: Urls, report: StatusReport, *, embedded: bool = False) -> dict:
    return _clean(
        {
            "id": url("consultation", report.pk),
            "type": SCHEMA + "Consultation",
            "paper": None if embedded else url("paper", report.pk),
            "agendaItem": url("agendaitem", report.pk) if report.meeting_id else None,
            "meeting": url("meeting", report.meeting_id) if report.meeting_id else None,
            "organization": [url("organization", report.body_id)],
            "authoritative": True,
            "role": CONSULTATION_ROLE,
            **_stamps(report),
        }
    )


def file(url: Urls, report: StatusReport) -> dict:
    return _clean(
        {
            "id": url("file", report.pk),
            "type": SCHEMA + "File",
            "name": str(report),
            "fileName": file_name(report),
            "mimeType": "application/pdf",
            "date": _date(report.date),
            "accessUrl": url("file", report.pk, "access"),
            "downloadUrl": url("file", report.pk, "download"),
            "paper": [url("paper", report.pk)],
            "meeting": [url("meeting", report.meeting_id)] if report.meeting_id else [],
            **_stamps(report),
        }
    )


def paper(url: Urls, report: StatusReport) -> dict:
    related = []
    if report.previous_id and report.previous.status != ReportStatus.DRAFT:
        related.append(url("paper", report.previous_id))
    followers = getattr(report, "followers", None)
    if followers is None:
        followers = list(public_reports().filter(previous=report).order_by("pk"))
    related += [url("paper", follower.pk) for follower in followers]
    return _clean(
        {
            "id": url("paper", report.pk),
            "type": SCHEMA + "Paper",
            "body": url("body", report.region_id),
            "name": report.title,
            "reference": report.reference,
            "date": _date(report.date),
            "paperType": PAPER_TYPE,
            "relatedPaper": related,
            "mainFile": file(url, report),
            "consultation": [consultation(url, report, embedded=True)],
            **_stamps(report),
        }
    )


def error(message: str, debug: str = "") -> dict:
    return _clean({"type": SCHEMA + "Error", "message": message, "debug": debug})
