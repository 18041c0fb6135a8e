"""The OParl 1.1 read API: plain JSON views, public and read-only (objects.py says what is
public and how each object looks; this module finds them and pages the lists)."""

from __future__ import annotations

import functools
import math
from urllib.parse import urlencode

from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date
from django.utils.translation import gettext as _

from . import objects as o

PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
# Model fields behind the spec's created/modified (a region has only its content change).
STAMP_FIELDS = {"created": "created", "modified": "updated"}
REGION_STAMP_FIELDS = {"modified": "content_changed"}


class ApiError(Exception):
    def __init__(self, status: int, message: str, debug: str = ""):
        super().__init__(message)
        self.status, self.message, self.debug = status, message, debug


def not_found(what: str = "") -> ApiError:
    return ApiError(404, _("Dieses Objekt gibt es nicht."), what)


def respond(data: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(
        data,
        status=status,
        json_dumps_params={"ensure_ascii": False},
        content_type="application/json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"  # required by the spec for every JSON answer
    return response


def oparl_view(view):
    """GET and HEAD only; German texts; errors as OParl error objects."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override("de"):
            if request.method not in ("GET", "HEAD"):
                response = respond(o.error(_("Nur lesender Zugriff (GET).")), status=405)
                response["Allow"] = "GET, HEAD"
                return response
            try:
                return view(request, *args, **kwargs)
            except ApiError as exc:
                return respond(o.error(exc.message, exc.debug), status=exc.status)

    return wrapper


def urls_for(request) -> o.Urls:
    system = request.build_absolute_uri(reverse("oparl:system"))
    return o.Urls(system[: -len("system")])


def omit_internal(request) -> bool:
    return request.GET.get("omit_internal") == "true"


def get_or_404(queryset, pk):
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise not_found(f"{queryset.model.__name__} {pk}")
    return found


# --- lists ---------------------------------------------------------------------------------


def _filtered(request, queryset, stamp_fields: dict[str, str]):
    for name in FILTERS:
        raw = request.GET.get(name)
        if raw is None:
            continue
        try:
            moment = parse_datetime(raw)
            if moment is not None and timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            if moment is not None and not 1900 <= moment.year <= 9000:
                moment = None  # far dates overflow the database's date arithmetic
        except (ValueError, OverflowError):  # well-formed but impossible (month 13, 25:00)
            moment = None
        if moment is None:
            raise ApiError(400, _("Ungültige Zeitangabe in %(name)s.") % {"name": name}, raw)
        stamp, bound = name.split("_")
        field = stamp_fields.get(stamp)
        if field is not None:
            lookup = "gte" if bound == "since" else "lte"
            queryset = queryset.filter(**{f"{field}__{lookup}": moment})
    return queryset


def _int_param(request, name: str, default: int) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ApiError(400, _("Ungültiger Wert für %(name)s.") % {"name": name}, raw) from None


def paged(request, list_url: str, queryset, build, *, stamp_fields=STAMP_FIELDS) -> JsonResponse:
    """One page of an external object list, with `pagination` and `links` as the spec has them.

    Filters (created_since … modified_until, limit, omit_internal) are kept in every link.
    """
    queryset = _filtered(request, queryset, stamp_fields)
    size = min(max(_int_param(request, "limit", PAGE_SIZE), 1), MAX_PAGE_SIZE)
    number = _int_param(request, "page", 1)
    total = queryset.count()
    pages = max(math.ceil(total / size), 1)
    if not 1 <= number <= pages:
        raise not_found(f"page {number} of {pages}")
    found = list(queryset[(number - 1) * size : number * size])
    kept = [(key, value) for key, value in request.GET.items() if key != "page"]

    def page_url(n: int) -> str:
        query = urlencode(kept + ([("page", n)] if n > 1 else []))
        return f"{list_url}?{query}" if query else list_url

    links = {"first": page_url(1), "self": page_url(number), "last": page_url(pages)}
    if number > 1:
        links["prev"] = page_url(number - 1)
    if number < pages:
        links["next"] = page_url(number + 1)
    return respond(
        {
            "data": build(found),
            "pagination": {
                "totalElements": total,
                "elementsPerPage": size,
                "currentPage": number,
                "totalPages": pages,
            },
            "links": links,
        }
    )


# --- views ---------------------------------------------------------------------------------


@oparl_view
def system(request):
    return respond(o.system(urls_for(request)))


@oparl_view
def body_list(request):
    url, omit = urls_for(request), omit_internal(request)

    def build(found):
        return [o.body(url, region, omit_internal=omit) for region in o.attach_terms(found)]

    return paged(request, url("bodies"), o.regions(), build, stamp_fields=REGION_STAMP_FIELDS)


@oparl_view
def body_detail(request, pk: int):
    url = urls_for(request)
    region = get_or_404(o.regions(), pk)
    return respond(o.body(url, region, omit_internal=omit_internal(request)))


def _region_list(request, pk: int, name: str, queryset, build_one):
    url = urls_for(request)
    region = get_or_404(o.regions(), pk)
    return paged(
        request,
        url("body", region.pk, name),
        queryset.filter(region=region),
        lambda found: [build_one(url, obj) for obj in found],
    )


@oparl_view
def body_organizations(request, pk: int):
    return _region_list(request, pk, "organization", o.organizations(), o.organization)


@oparl_view
def body_persons(request, pk: int):
    omit = omit_internal(request)
    return _region_list(
        request,
        pk,
        "person",
        o.persons(),
        lambda url, someone: o.person(url, someone, omit_internal=omit),
    )


@oparl_view
def body_meetings(request, pk: int):
    omit = omit_internal(request)
    return _region_list(
        request,
        pk,
        "meeting",
        o.meetings(),
        lambda url, session: o.meeting(url, session, omit_internal=omit),
    )


@oparl_view
def body_papers(request, pk: int):
    return _region_list(request, pk, "paper", o.papers(), o.paper)


@oparl_view
def body_legislative_terms(request, pk: int):
    return _region_list(request, pk, "legislativeterm", o.legislative_terms(), o.legislative_term)


@oparl_view
def organization_detail(request, pk: int):
    return respond(o.organization(urls_for(request), get_or_404(o.organizations(), pk)))


@oparl_view
def organization_meetings(request, pk: int):
    url, omit = urls_for(request), omit_internal(request)
    org = get_or_404(o.organizations(), pk)
    return paged(
        request,
        url("organization", org.pk, "meeting"),
        o.meetings().filter(body=org),
        lambda found: [o.meeting(url, session, omit_internal=omit) for session in found],
    )


@oparl_view
def person_detail(request, pk: int):
    someone = get_or_404(o.persons(), pk)
    return respond(o.person(urls_for(request), someone, omit_internal=omit_internal(request)))


@oparl_view
def membership_detail(request, pk: int):
    return respond(o.membership(urls_for(request), get_or_404(o.memberships(), pk)))


@oparl_view
def meeting_detail(request, pk: int):
    session = get_or_404(o.meetings(), pk)
    return respond(o.meeting(urls_for(request), session, omit_internal=omit_internal(request)))


@oparl_view
def agenda_item_detail(request, pk: int):
    report = get_or_404(o.public_reports().filter(meeting__isnull=False), pk)
    agenda = list(
        o.agenda_reports().filter(meeting_id=report.meeting_id).values_list("pk", flat=True)
    )
    return respond(o.agenda_item(urls_for(request), report, agenda.index(report.pk)))


@oparl_view
def paper_detail(request, pk: int):
    return respond(o.paper(urls_for(request), get_or_404(o.papers(), pk)))


@oparl_view
def consultation_detail(request, pk: int):
    return respond(o.consultation(urls_for(request), get_or_404(o.public_reports(), pk)))


@oparl_view
def file_detail(request, pk: int):
    return respond(o.file(urls_for(request), get_or_404(o.public_reports(), pk)))


def render_pdf(report) -> bytes:
    """The report's PDF, rendered once per saved state (a public paper rarely changes, and
    rendering takes most of a second): cached under its id, version and last change."""
    key = f"oparl:pdf:{report.pk}:{report.version}:{report.updated.timestamp()}"
    pdf = cache.get(key)
    if pdf is None:
        from digitalagentur.reports import exports  # WeasyPrint is loaded only when needed

        pdf = exports.as_pdf(report)
        cache.set(key, pdf, timeout=24 * 3600)
    return pdf


@oparl_view
def file_content(request, pk: int, *, download: bool):
    """The report's PDF: shown in the browser (accessUrl) or saved (downloadUrl), as the spec
    wants the two: only the download carries `Content-Disposition: attachment`."""
    report = get_or_404(o.public_reports(), pk)
    response = HttpResponse(render_pdf(report), content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{o.file_name(report)}"'
    response["Last-Modified"] = http_date(report.updated.timestamp())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@oparl_view
def legislative_term_detail(request, pk: int):
    return respond(o.legislative_term(urls_for(request), get_or_404(o.legislative_terms(), pk)))


@oparl_view
def unknown(request, path: str = ""):
    raise ApiError(404, _("Diese Adresse gibt es in der OParl-Schnittstelle nicht."), path)
