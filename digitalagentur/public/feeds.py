"""Atom feeds of a project, a field of action and a town: published project updates and
status changes (from the change log: only which status a project changed to, and when).

A reader's feed program follows these instead of visiting the pages; each page links its
feed in the <head> and in the text.

The feeds are Atom (RFC 4287): the region is the author of every feed, and each entry's id
is a tag URI (RFC 4151), `tag:<host>,2020:<region>/<key>`, the same whichever feed carries
the entry and however its date is corrected later.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import linebreaks
from django.utils.translation import gettext as _

from digitalagentur.core.models import ObjectChange
from digitalagentur.portfolio.choices import ProjectStatus
from digitalagentur.portfolio.models import Project, ProjectUpdate
from digitalagentur.tenancy.hostnames import normalise_hostname

from . import queries

ENTRIES = 30
# The date of the entries' tag URIs: a fixed year, so that an id never changes.
TAG_YEAR = 2020


@dataclass(frozen=True)
class Entry:
    title: str
    text: str
    time: datetime.datetime
    link: str
    key: str


@dataclass(frozen=True)
class Subject:
    title: str
    link: str
    description: str
    projects: object  # a queryset of published projects


def status_label(value) -> str:
    try:
        return str(ProjectStatus(value).label)
    except ValueError:
        return str(value or "–")


def entries(region, projects) -> list[Entry]:
    """The latest published updates and status changes of `projects`, newest first."""
    updates = (
        ProjectUpdate.objects.filter(region=region, published=True, project__in=projects)
        .select_related("project")
        .order_by("-date", "-pk")[:ENTRIES]
    )
    found = []
    for update in updates:
        page = reverse("public:project_detail", args=[update.project.slug])
        day = datetime.datetime.combine(update.date, datetime.time(12))
        found.append(
            Entry(
                title=f"{update.project}: {update.title}",
                text=update.text,
                time=timezone.make_aware(day),
                link=f"{page}#update-{update.pk}",
                key=f"update-{update.pk}",
            )
        )
    changes = (
        ObjectChange.objects.filter(
            region=region,
            content_type=ContentType.objects.get_for_model(Project),
            object_id__in=projects.values("pk"),
            action=ObjectChange.Action.UPDATE,
            changes__has_key="status",
        )
        .only("pk", "time", "object_id", "changes")
        .order_by("-time", "-pk")[:ENTRIES]
    )
    by_pk = {p.pk: p for p in projects.filter(pk__in=[c.object_id for c in changes])}
    for change in changes:
        project = by_pk.get(change.object_id)
        if project is None:
            continue
        status = change.changes["status"]
        found.append(
            Entry(
                title=_("%(project)s: jetzt „%(after)s“")
                % {"project": project, "after": status_label(status.get("after"))},
                text=_("Der Status wechselte von „%(before)s“ zu „%(after)s“.")
                % {
                    "before": status_label(status.get("before")),
                    "after": status_label(status.get("after")),
                },
                time=change.time,
                link=reverse("public:project_detail", args=[project.slug]),
                key=f"status-{change.pk}",
            )
        )
    found.sort(key=lambda e: e.time, reverse=True)
    return found[:ENTRIES]


def tag_uri(host: str, region, key: str) -> str:
    """An entry's id (RFC 4151 tag URI): tag:digital.kreis.de,2020:kreis-coesfeld/update-7."""
    return f"tag:{host},{TAG_YEAR}:{region.slug}/{key}"


def text_summary(text: str) -> str:
    """Plain text for an Atom summary: Django marks every summary as type "html", so the
    text is escaped (and its paragraphs kept); a title like "<b>" stays visible text and no
    markup of a visitor reaches a feed reader."""
    return linebreaks(text or "", autoescape=True)


class RegionFeed(Feed):
    """An Atom feed of the request's region (404 without one); sets `region` and the `host`
    its tag URIs are minted with. The feed's object is the region unless a subclass says."""

    feed_type = Atom1Feed

    def get_object(self, request, **kwargs):
        self.region = getattr(request, "region", None)
        if self.region is None:
            raise Http404
        self.host = (
            normalise_hostname(self.region.hostname)
            or normalise_hostname(request.get_host())
            or "localhost"
        )
        return self.region


class ActivityFeed(RegionFeed):
    """Shared by the three feeds; subclasses find the subject from the URL."""

    def subject(self, request, **kwargs) -> Subject:
        raise NotImplementedError

    def get_object(self, request, **kwargs):
        super().get_object(request, **kwargs)
        return self.subject(request, **kwargs)

    def author_name(self, subject):
        return self.region.name

    def title(self, subject):
        return f"{subject.title} – {self.region.name}"

    def link(self, subject):
        return subject.link

    def subtitle(self, subject):
        return subject.description

    def items(self, subject):
        return entries(self.region, subject.projects)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return text_summary(item.text)

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return tag_uri(self.host, self.region, item.key)

    def item_pubdate(self, item):
        return item.time

    def item_updateddate(self, item):
        return item.time


class ProjectFeed(ActivityFeed):
    def subject(self, request, key):
        project = queries.public_project(self.region, key)
        return Subject(
            title=str(project),
            link=reverse("public:project_detail", args=[project.slug]),
            description=_("Projekt-Updates und Statuswechsel des Projekts"),
            projects=Project.objects.filter(pk=project.pk),
        )


class FieldFeed(ActivityFeed):
    def subject(self, request, slug):
        field = queries.public_field(queries.public_strategy(self.region), slug)
        return Subject(
            title=field.name,
            link=reverse("public:field_detail", args=[field.slug]),
            description=_("Projekt-Updates und Statuswechsel der Projekte im Handlungsfeld"),
            projects=Project.objects.filter(region=self.region, published=True, field=field),
        )


class TownFeed(ActivityFeed):
    def subject(self, request, slug):
        town = queries.public_town(self.region, slug)
        return Subject(
            title=town.display_name,
            link=reverse("public:municipality_detail", args=[town.slug]),
            description=_("Projekt-Updates und Statuswechsel der Projekte mit %(name)s")
            % {"name": town.name},
            projects=Project.objects.filter(
                region=self.region, published=True, participations__municipality=town
            ),
        )
