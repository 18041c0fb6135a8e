"""The public website: published content of the request's region, no login needed."""

from __future__ import annotations

import itertools

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from digitalagentur.assessment.workshops import public_workshops
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.summary import summarize
from digitalagentur.strategy.figures import strategy_counts
from digitalagentur.tenancy.pagecache import cache_public

from . import indicators, queries
from .brochure import public_versions
from .exports import projects_csv_lines
from .filters import PublicProjectFilterSet
from .presentation import headline_sentence
from .project_support import project_support
from .shared import render_shared

PROJECTS_PER_PAGE = 20
EXPORT_BATCH = 500


def _crumbs(*items):
    """Breadcrumbs from the start page; the last item is the current page (no link)."""
    return [(_("Start"), reverse("public:home")), *items]


@cache_public
def home(request):
    def build():
        strategy = queries.public_strategy(request.region)
        context = {"strategy": strategy}
        if strategy is not None:
            context.update(
                figures=headline_sentence(strategy_counts(strategy, public=True)),
                priority_blocks=queries.fields_by_priority(strategy),
                lighthouses=queries.for_display(
                    request.region, queries.lighthouse_projects(request.region)
                ),
                summary=queries.region_summary(request.region),
            )
        return context

    return render_shared(request, "public/home.html", build)


@cache_public
def strategy_overview(request):
    def build():
        strategy = queries.public_strategy(request.region)
        context = {
            "strategy": strategy,
            "breadcrumbs": _crumbs((_("Strategie"), None)),
        }
        if strategy is not None:
            context.update(
                figures=headline_sentence(strategy_counts(strategy, public=True)),
                priority_blocks=queries.fields_by_priority(strategy),
                adoption_rows=queries.adoption_matrix(request.region),
                summary=queries.region_summary(request.region, strategy_only=True),
                versions=public_versions(request.region),
            )
        return context

    return render_shared(request, "public/strategy.html", build)


@cache_public
def field_detail(request, slug):
    def build():
        strategy = queries.public_strategy(request.region)
        field = queries.public_field(strategy, slug)
        projects = queries.for_display(
            request.region, queries.field_projects(request.region, field)
        )
        return {
            "strategy": strategy,
            "field": field,
            "goals": queries.public_goals(field),
            "projects": projects,
            "summary": summarize((p.status, 1, p.progress) for p in projects),
            "indicators": indicators.field_indicators(request.region, field),
            "workshops": public_workshops(field),
            "breadcrumbs": _crumbs(
                (_("Strategie"), reverse("public:strategy")), (field.name, None)
            ),
        }

    return render_shared(request, "public/field_detail.html", build)


def _page_notice(raw: str | None, page) -> str:
    """A message when the requested page number was unusable (the nearest page is shown)."""
    if raw in (None, ""):
        return ""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return _("Die Seitenzahl „%(raw)s“ ist ungültig; Seite 1 wird angezeigt.") % {
            "raw": raw[:20]
        }
    if number != page.number:
        return _("Seite %(n)d gibt es nicht; Seite %(shown)d wird angezeigt.") % {
            "n": number,
            "shown": page.number,
        }
    return ""


def _project_filterset(request) -> PublicProjectFilterSet:
    return PublicProjectFilterSet(
        request.GET, queryset=queries.published_projects(request.region), request=request
    )


@cache_public
def project_list(request):
    return render_shared(request, "public/project_list.html", lambda: _project_list(request))


def _project_list(request) -> dict:
    filterset = _project_filterset(request)
    paginator = Paginator(filterset.qs, PROJECTS_PER_PAGE)
    raw_page = request.GET.get("page")
    page = paginator.get_page(raw_page)
    problems = [
        f"{filterset.form.fields[name].label}: {' '.join(errors)}"
        for name, errors in filterset.form.errors.items()
        if name in filterset.form.fields
    ]
    notice = _page_notice(raw_page, page)
    if notice:
        problems.append(notice)
    active = any(
        filterset.form.cleaned_data.get(name) not in (None, "")
        for name in filterset.form.fields
        if name != "ordering"
    )
    context = {
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "projects": queries.for_display(request.region, page.object_list),
        "problems": problems,
        "filters_active": active,
        "export_query": request.GET.urlencode(),
        "breadcrumbs": _crumbs((_("Projekte"), None)),
    }
    return context


def project_export(request):
    """The filtered project list as CSV (UTF-8 with BOM, ";" separated, as Excel expects)."""
    filterset = _project_filterset(request)
    if not filterset.is_valid():
        problems = "; ".join(
            f"{filterset.form.fields[name].label}: {' '.join(errors)}"
            for name, errors in filterset.form.errors.items()
            if name in filterset.form.fields
        )
        return HttpResponseBadRequest(
            _("Ungültige Filter: %(problems)s") % {"problems": problems},
            content_type="text/plain; charset=utf-8",
        )
    region, language = request.region, translation.get_language()
    base_url = request.build_absolute_uri("/")[:-1]

    def lines():
        # Runs while the server sends the answer: in the request's language, in batches.
        with translation.override(language):
            yield "\ufeff"
            rows = filterset.qs.iterator(chunk_size=EXPORT_BATCH)
            projects = (
                project
                for batch in iter(lambda: list(itertools.islice(rows, EXPORT_BATCH)), [])
                for project in queries.for_display(region, batch)
            )
            yield from projects_csv_lines(projects, base_url=base_url)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projekte.csv"'
    return response


@cache_public
def project_detail(request, key):
    def build():
        project = queries.public_project(request.region, key)
        project = queries.for_display(request.region, [project])[0]
        updates = list(queries.public_updates(project))
        return {
            "project": project,
            "participations": project.participation_list,
            "parts": queries.project_parts(request.region, project),
            "milestones": list(queries.public_milestones(project)),
            "updates": updates,
            "last_updated": queries.last_updated(project, updates),
            "breadcrumbs": _crumbs(
                (_("Projekte"), reverse("public:project_list")), (str(project), None)
            ),
            **project_support(project),
        }

    return render_shared(request, "public/project_detail.html", build)


@cache_public
def municipality_list(request):
    def build():
        return {
            "towns": list(queries.public_towns(request.region)),
            "breadcrumbs": _crumbs((_("Kommunen"), None)),
        }

    return render_shared(request, "public/municipality_list.html", build)


@cache_public
def municipality_detail(request, slug):
    def build():
        town = queries.public_town(request.region, slug)
        region = request.region
        strategy_projects, local_projects = queries.town_projects(region, town)
        strategy_projects = queries.for_display(region, strategy_projects, mark_all_towns=False)
        local_projects = queries.for_display(region, local_projects, mark_all_towns=False)
        shown = [*strategy_projects, *local_projects]
        for p in shown:
            p.town_role = queries.town_role(p, town)
            p.part_status_display = ProjectStatus(p.part_status).label
        return {
            "town": town,
            "summary": summarize((p.part_status, 1, p.part_progress) for p in shown),
            "strategy_projects": strategy_projects,
            "local_projects": local_projects,
            "officers": queries.town_officers(town),
            "adoptions": list(queries.town_adoptions(town)),
            "indicators": indicators.town_indicators(region, town),
            "breadcrumbs": _crumbs(
                (_("Kommunen"), reverse("public:municipality_list")), (town.display_name, None)
            ),
        }

    return render_shared(request, "public/municipality_detail.html", build)


@cache_public
def agency(request):
    def build():
        region = request.region
        agency_bodies, other_bodies = queries.agency_bodies(region)
        return {
            "work_lines": list(queries.work_lines(region)),
            "agency_bodies": agency_bodies,
            "other_bodies": other_bodies,
            "stakeholder_roles": list(queries.stakeholder_roles(region)),
            "timeline": list(queries.timeline(queries.public_strategy(region))),
            "breadcrumbs": _crumbs((_("Digitalagentur"), None)),
        }

    return render_shared(request, "public/agency.html", build)


def region_css(request):
    """The region's brand colours as the stylesheet's custom properties (site.css reads
    them); the address carries the content version, so a browser may keep it for a year."""
    region = getattr(request, "region", None)
    rules = ""
    if region is not None:
        rules = (
            ":root {\n"
            f"  --c-primary: {region.color_primary};\n"
            f"  --c-primary-dark: {region.color_dark};\n"
            f"  --c-primary-hover: {region.color_dark};\n"
            "}\n"
        )
    response = HttpResponse(rules, content_type="text/css; charset=utf-8")
    versioned = region is not None and request.GET.get("v") == str(region.content_version)
    response["Cache-Control"] = (
        "public, max-age=31536000, immutable" if versioned else "public, max-age=300"
    )
    return response
