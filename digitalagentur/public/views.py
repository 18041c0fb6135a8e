"""The public website: published content of the request's region, no login needed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.strategy.figures import strategy_counts

from . import queries
from .exports import write_projects_csv
from .filters import PublicProjectFilterSet
from .presentation import headline_sentence

PROJECTS_PER_PAGE = 20


def _crumbs(*items):
    """Breadcrumbs from the start page; the last item is the current page (no link)."""
    return [(_("Start"), reverse("public:home")), *items]


def home(request):
    strategy = queries.public_strategy(request.region)
    context = {"strategy": strategy}
    if strategy is not None:
        context.update(
            figures=headline_sentence(strategy_counts(strategy, public=True)),
            priority_blocks=queries.fields_by_priority(strategy),
            lighthouses=queries.for_display(
                queries.lighthouse_projects(request.region), queries.town_count(request.region)
            ),
        )
    return render(request, "public/home.html", context)


def strategy_overview(request):
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
        )
    return render(request, "public/strategy.html", context)


def field_detail(request, slug):
    strategy = queries.public_strategy(request.region)
    field = queries.public_field(strategy, slug)
    context = {
        "strategy": strategy,
        "field": field,
        "goals": queries.public_goals(field),
        "projects": queries.for_display(
            queries.field_projects(request.region, field), queries.town_count(request.region)
        ),
        "breadcrumbs": _crumbs((_("Strategie"), reverse("public:strategy")), (field.name, None)),
    }
    return render(request, "public/field_detail.html", context)


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


def project_list(request):
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
        "projects": queries.for_display(page.object_list, queries.town_count(request.region)),
        "problems": problems,
        "filters_active": active,
        "export_query": request.GET.urlencode(),
        "breadcrumbs": _crumbs((_("Projekte"), None)),
    }
    return render(request, "public/project_list.html", context)


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
    projects = queries.for_display(filterset.qs, queries.town_count(request.region))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="projekte.csv"'
    response.write("\ufeff")
    write_projects_csv(response, projects, base_url=request.build_absolute_uri("/")[:-1])
    return response


def project_detail(request, key):
    project = queries.public_project(request.region, key)
    project = queries.for_display([project])[0]
    context = {
        "project": project,
        "participations": list(project.participations.all()),
        "milestones": queries.public_milestones(project),
        "updates": queries.public_updates(project),
        "breadcrumbs": _crumbs(
            (_("Projekte"), reverse("public:project_list")), (str(project), None)
        ),
    }
    return render(request, "public/project_detail.html", context)


def municipality_list(request):
    context = {
        "towns": queries.public_towns(request.region),
        "breadcrumbs": _crumbs((_("Kommunen"), None)),
    }
    return render(request, "public/municipality_list.html", context)


def municipality_detail(request, slug):
    town = queries.public_town(request.region, slug)
    strategy_projects, local_projects = queries.town_projects(request.region, town)
    for p in [*strategy_projects, *local_projects]:
        p.town_role = queries.town_role(p, town)
    context = {
        "town": town,
        "strategy_projects": queries.for_display(strategy_projects),
        "local_projects": queries.for_display(local_projects),
        "officers": queries.town_officers(town),
        "adoptions": queries.town_adoptions(town),
        "breadcrumbs": _crumbs(
            (_("Kommunen"), reverse("public:municipality_list")), (town.display_name, None)
        ),
    }
    return render(request, "public/municipality_detail.html", context)


def agency(request):
    region = request.region
    agency_bodies, other_bodies = queries.agency_bodies(region)
    context = {
        "work_lines": queries.work_lines(region),
        "agency_bodies": agency_bodies,
        "other_bodies": other_bodies,
        "stakeholder_roles": queries.stakeholder_roles(region),
        "timeline": queries.timeline(queries.public_strategy(region)),
        "breadcrumbs": _crumbs((_("Digitalagentur"), None)),
    }
    return render(request, "public/agency.html", context)
