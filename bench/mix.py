"""The request mix: which endpoints, how often, and which concrete URLs they request.

Every module that adds pages adds its endpoints here (one `Endpoint` each): a weight in the
open-model mix, the URLs it requests in one region (`paths`), whether it needs a logged-in
reader, and the p95 budget of issue 6, section 4.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode

PUBLIC_P95_MS = 100  # public pages and API lists at 50 req/s, full scale, PostgreSQL
STAFF_P95_MS = 300  # staff pages


@dataclass
class RegionTargets:
    """What the bench may request in one region, read from the database before the run."""

    slug: str
    host: str
    projects: list[tuple[int, str]] = field(default_factory=list)  # (id, slug), published
    fields: list[str] = field(default_factory=list)  # slugs of published fields
    towns: list[str] = field(default_factory=list)  # slugs of public towns
    filters: list[tuple[str, str]] = field(default_factory=list)  # (field slug, status)
    search_terms: list[str] = field(default_factory=list)
    version_pairs: list[tuple[int, int]] = field(default_factory=list)  # (older, newer)
    reader_cookie: str = ""  # "sessionid=..." of a reader of this region
    indicators: list[tuple[int, str]] = field(default_factory=list)  # (id, slug), published
    applications: list[str] = field(default_factory=list)  # slugs of published applications
    rounds: list[tuple[int, str]] = field(default_factory=list)  # (id, slug), published
    surveys: list[str] = field(default_factory=list)  # slugs of published surveys
    survey_results: list[str] = field(default_factory=list)  # ... whose results are public
    spaces: list[str] = field(default_factory=list)  # slugs of published Landräume spaces
    # A weekday morning ahead, ISO 8601 with offset: (free_from, free_until) of the search.
    free_range: tuple[str, str] = ("", "")
    radars: list[tuple[int, str]] = field(default_factory=list)  # (id, slug), published


@dataclass(frozen=True)
class Endpoint:
    name: str
    group: str  # "public", "api" or "staff"
    weight: float  # share of the open-model mix (relative)
    paths: Callable[[RegionTargets], list[str]]
    login: bool = False  # requested with a reader's session
    static_copy: bool = False  # compared with a static copy of itself (closed loop)
    as_reader: bool = False  # closed loop also as a logged-in reader (uncached)
    budget_p95_ms: float = PUBLIC_P95_MS
    content_type: str = "html"  # suffix of the static copy
    # Budget: the anonymous throughput must reach this share of the static copy's (10 clients).
    min_static_ratio: float | None = None


def _query(path: str, **params) -> str:
    return f"{path}?{urlencode(params)}"


def _project_list(r: RegionTargets) -> list[str]:
    paths = [_query("/projekte/", field=f, status=s) for f, s in r.filters]
    paths += [_query("/projekte/", field=f) for f in r.fields[:3]]
    return paths or ["/projekte/"]


HALF = 0.5  # "at least half the requests per second ... for a static file"

ENDPOINTS: list[Endpoint] = [
    Endpoint("start_page", "public", 14, lambda r: ["/"], static_copy=True, min_static_ratio=HALF),
    Endpoint(
        "project_list",
        "public",
        12,
        _project_list,
        static_copy=True,
        as_reader=True,
        min_static_ratio=HALF,
    ),
    Endpoint(
        "project_search",
        "public",
        8,
        lambda r: [_query("/projekte/", q=term) for term in r.search_terms],
        static_copy=True,
    ),
    Endpoint(
        "project_detail",
        "public",
        18,
        lambda r: [f"/projekte/{slug}/" for _pk, slug in r.projects],
        static_copy=True,
        as_reader=True,
        min_static_ratio=HALF,
    ),
    Endpoint(
        "town_page", "public", 8, lambda r: [f"/kommunen/{s}/" for s in r.towns], static_copy=True
    ),
    Endpoint(
        "field_page",
        "public",
        8,
        lambda r: [f"/handlungsfelder/{s}/" for s in r.fields],
        static_copy=True,
    ),
    Endpoint(
        "api_project_list",
        "api",
        9,
        lambda r: [
            "/api/v1/projects/",
            *(_query("/api/v1/projects/", field=f) for f in r.fields[:2]),
        ],
        static_copy=True,
        as_reader=True,
        content_type="json",
        min_static_ratio=HALF,
    ),
    Endpoint(
        "api_project_detail",
        "api",
        9,
        lambda r: [f"/api/v1/projects/{pk}/" for pk, _slug in r.projects],
        static_copy=True,
        as_reader=True,
        content_type="json",
        min_static_ratio=HALF,
    ),
    Endpoint(
        "api_version_diff",
        "api",
        4,
        lambda r: [f"/api/v1/strategy/versions/{a}/diff/{b}/" for a, b in r.version_pairs],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "indicator_list",
        "public",
        4,
        lambda r: ["/indikatoren/"],
        static_copy=True,
        min_static_ratio=HALF,
    ),
    Endpoint(
        "indicator_page",
        "public",
        6,
        lambda r: [f"/indikatoren/{slug}/" for _pk, slug in r.indicators],
        static_copy=True,
        as_reader=True,
        min_static_ratio=HALF,
    ),
    Endpoint(
        "api_indicator_list",
        "api",
        3,
        lambda r: ["/api/v1/indicators/"],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "api_indicator_values",
        "api",
        3,
        lambda r: [f"/api/v1/indicators/{pk}/values/" for pk, _slug in r.indicators],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "funding_page",
        "public",
        3,
        lambda r: ["/foerderung/"],
        static_copy=True,
        min_static_ratio=HALF,
    ),
    Endpoint(
        "funding_application_page",
        "public",
        3,
        lambda r: [f"/foerderung/{slug}/" for slug in r.applications],
        static_copy=True,
        as_reader=True,
        min_static_ratio=HALF,
    ),
    Endpoint(
        "api_funding_applications",
        "api",
        2,
        lambda r: ["/api/v1/funding/applications/"],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "api_funding_programmes",
        "api",
        2,
        lambda r: ["/api/v1/funding/programmes/"],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "api_assessment_rounds",
        "api",
        2,
        lambda r: ["/api/v1/assessment/rounds/"],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "api_assessment_results",
        "api",
        2,
        lambda r: [f"/api/v1/assessment/rounds/{pk}/results/" for pk, _slug in r.rounds],
        static_copy=True,
        content_type="json",
    ),
    Endpoint(
        "assessment_round_page",
        "public",
        2,
        lambda r: [f"/bedarfsanalyse/{slug}/" for _pk, slug in r.rounds],
        static_copy=True,
    ),
    Endpoint(
        "survey_page",
        "public",
        2,
        lambda r: [f"/umfragen/{slug}/" for slug in r.surveys],
        static_copy=True,
    ),
    Endpoint(
        "survey_results",
        "public",
        1,
        lambda r: [f"/umfragen/{slug}/ergebnisse/" for slug in r.survey_results],
        static_copy=True,
    ),
    Endpoint(
        "opendata_page",
        "public",
        2,
        lambda r: ["/offene-daten/"],
        static_copy=True,
    ),
    # Streamed: the whole file of the region's published projects.
    Endpoint("opendata_csv", "public", 2, lambda r: ["/offene-daten/projekte.csv"]),
    Endpoint("region_feed", "public", 2, lambda r: ["/feed/"]),
    Endpoint("oparl", "api", 2, lambda r: ["/oparl/v1/system", "/oparl/v1/bodies"]),
    # Landräume (issue 11): never cached (they show what is free now).
    Endpoint(
        "spaces_search",
        "public",
        2,
        lambda r: (
            ["/landraeume/"]
            + (
                [_query("/landraeume/", datum=r.free_range[0][:10], von="09:00", bis="12:00")]
                if r.free_range[0]
                else []
            )
        ),
    ),
    Endpoint(
        "space_page",
        "public",
        2,
        lambda r: [f"/landraeume/{slug}/" for slug in r.spaces],
    ),
    Endpoint(
        "api_spaces",
        "api",
        2,
        lambda r: (
            ["/api/v1/spaces/"]
            + (
                [_query("/api/v1/spaces/", free_from=r.free_range[0], free_until=r.free_range[1])]
                if r.free_range[0]
                else []
            )
        ),
        content_type="json",
    ),
    # Participation (issue 12): the public ideas, newest and most supported first.
    Endpoint(
        "ideas_page",
        "public",
        2,
        lambda r: ["/ideen/", _query("/ideen/", ordering="supported")],
    ),
    Endpoint(
        "api_ideas",
        "api",
        2,
        lambda r: ["/api/v1/ideas/", _query("/api/v1/ideas/", ordering="-supporters")],
        content_type="json",
    ),
    # Communication (issue 13): the public calendar and the events API, coming ones first.
    Endpoint(
        "events_page",
        "public",
        2,
        lambda r: ["/veranstaltungen/", _query("/veranstaltungen/", zeitraum="vergangene")],
    ),
    Endpoint(
        "api_events",
        "api",
        2,
        lambda r: ["/api/v1/events/", _query("/api/v1/events/", upcoming="true")],
        content_type="json",
    ),
    # The newsletter's public archive with its feed, and the groups to subscribe to.
    Endpoint(
        "newsletter_archive",
        "public",
        1,
        lambda r: ["/newsletter/archiv/", "/newsletter/archiv/feed/"],
    ),
    Endpoint(
        "api_newsletter_segments",
        "api",
        1,
        lambda r: ["/api/v1/newsletter/segments/"],
        content_type="json",
    ),
    # The technology radar (issue 14): its page (picture and table) and the entries API.
    Endpoint(
        "radar_page",
        "public",
        1,
        lambda r: [f"/radar/{slug}/" for _pk, slug in r.radars],
    ),
    Endpoint(
        "api_radar_entries",
        "api",
        1,
        lambda r: [f"/api/v1/radars/{pk}/entries/" for pk, _slug in r.radars],
        content_type="json",
    ),
    # Reuse, the document library and the posts (issue 14): the public lists, the library's
    # search and its API; the staff pages of the posts and the library.
    Endpoint("reuse_list", "public", 1, lambda r: ["/nachnutzung/"]),
    Endpoint("library_list", "public", 1, lambda r: ["/dokumente/"]),
    Endpoint("library_search", "public", 1, lambda r: [_query("/dokumente/", q="vorlage")]),
    Endpoint(
        "api_documents",
        "api",
        1,
        lambda r: ["/api/v1/documents/"],
        content_type="json",
    ),
    Endpoint(
        "network_overview",
        "staff",
        1,
        lambda r: ["/intern/stellen/"],
        login=True,
        budget_p95_ms=STAFF_P95_MS,
    ),
    Endpoint(
        "staff_library",
        "staff",
        1,
        lambda r: ["/intern/dokumente/"],
        login=True,
        budget_p95_ms=STAFF_P95_MS,
    ),
    Endpoint(
        "staff_funding_overview",
        "staff",
        2,
        lambda r: ["/intern/foerderung/"],
        login=True,
        budget_p95_ms=STAFF_P95_MS,
    ),
    Endpoint(
        "staff_dashboard",
        "staff",
        5,
        lambda r: ["/intern/"],
        login=True,
        budget_p95_ms=STAFF_P95_MS,
    ),
    Endpoint(
        "staff_project_list",
        "staff",
        5,
        lambda r: [
            "/intern/projekte/",
            "/intern/projekte/?page=2",
            "/intern/projekte/?status=in_progress",
        ],
        login=True,
        budget_p95_ms=STAFF_P95_MS,
    ),
]


@dataclass(frozen=True)
class Target:
    """One concrete request: host name, path and (for logged-in requests) the cookie."""

    endpoint: str
    host: str
    path: str
    cookie: str = ""

    def headers(self) -> dict[str, str]:
        return {"Cookie": self.cookie} if self.cookie else {}


def targets(
    endpoint: Endpoint, regions: list[RegionTargets], *, as_reader: bool = False, per_region=12
) -> list[Target]:
    """The URLs of `endpoint` over all regions, interleaved so that a prefix spans regions."""
    login = endpoint.login or as_reader
    per = []
    for region in regions:
        if login and not region.reader_cookie:
            continue
        cookie = region.reader_cookie if login else ""
        paths = endpoint.paths(region)[:per_region]
        per.append([Target(endpoint.name, region.host, p, cookie) for p in paths])
    result = []
    for i in range(max((len(p) for p in per), default=0)):
        result += [p[i] for p in per if i < len(p)]
    return result
