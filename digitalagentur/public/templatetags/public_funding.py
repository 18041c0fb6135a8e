"""The funding section of a public project profile: {% project_funding project as items %}."""

from django import template

from digitalagentur.public.funding import project_funding as _project_funding

register = template.Library()


@register.simple_tag(takes_context=True)
def project_funding(context, project):
    """The project's published applications (public/funding.py), a fixed number of queries;
    none when the page's query found that no application carries the project."""
    if getattr(project, "has_funding", True) is False:
        return []
    request = context.get("request")
    return _project_funding(getattr(request, "region", None), project)
