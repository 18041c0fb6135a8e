"""Atom feeds of the ideas (issue 12): new public ideas, and the answers of the coordination
(ideas taken into review, into the strategy or declined with their public reason).

Only public ideas (PUBLIC_STATUSES) of the request's region: an idea rejected in moderation
or merged never appears, nor does a hidden comment (comments are not in the feeds at all).
Entry ids are tag URIs as in public/feeds.py; an answer's id names the idea and the time of
the answer, so a later answer to the same idea is a new entry.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from digitalagentur.participation.choices import IdeaStatus
from digitalagentur.participation.models import Idea

from .feeds import ENTRIES, RegionFeed, tag_uri, text_summary


class IdeasFeed(RegionFeed):
    """New public ideas, the most recently published first."""

    def public(self):
        return Idea.objects.public().filter(region=self.region).defer("image")

    def title(self, region):
        return _("Neue Ideen – %(region)s") % {"region": region.name}

    def subtitle(self, region):
        return _("Neu veröffentlichte Ideen aus der Beteiligung")

    def link(self, region):
        return reverse("public:ideas")

    def author_name(self, region):
        return region.name

    def items(self, region):
        return self.public().order_by("-published_at", "-created", "-pk")[:ENTRIES]

    def item_title(self, idea):
        return idea.title

    def item_description(self, idea):
        return text_summary(idea.text)

    def item_link(self, idea):
        return reverse("public:idea", args=[idea.pk])

    def item_guid(self, idea):
        return tag_uri(self.host, self.region, f"idea-{idea.pk}")

    def item_pubdate(self, idea):
        return idea.published_at or idea.created

    def item_updateddate(self, idea):
        return idea.published_at or idea.created


class IdeaAnswersFeed(IdeasFeed):
    """The answers to public ideas, the newest answer first."""

    def title(self, region):
        return _("Antworten auf Ideen – %(region)s") % {"region": region.name}

    def subtitle(self, region):
        return _("Ideen, die geprüft, in die Strategie übernommen oder nicht übernommen wurden")

    def items(self, region):
        return self.public().filter(answered__isnull=False).order_by("-answered", "-pk")[:ENTRIES]

    def item_title(self, idea):
        return _("%(title)s: %(status)s") % {
            "title": idea.title,
            "status": IdeaStatus(idea.status).label,
        }

    def item_description(self, idea):
        return text_summary(
            idea.answer or _("Neuer Stand: %(status)s") % {"status": IdeaStatus(idea.status).label}
        )

    def item_link(self, idea):
        return reverse("public:idea", args=[idea.pk]) + "#verlauf"

    def item_guid(self, idea):
        stamp = idea.answered.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%S%f")
        return tag_uri(self.host, self.region, f"idea-{idea.pk}-answer-{stamp}")

    def item_pubdate(self, idea):
        return idea.answered

    def item_updateddate(self, idea):
        return idea.answered
