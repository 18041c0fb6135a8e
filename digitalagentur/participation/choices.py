"""Choices of the participation module (issue 12): the states of ideas and competitions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IdeaStatus(models.TextChoices):
    RECEIVED = "received", _("eingegangen")
    PUBLISHED = "published", _("veröffentlicht")
    REVIEW = "review", _("in Prüfung")
    ADOPTED = "adopted", _("in die Strategie übernommen")
    DECLINED = "declined", _("nicht übernommen")
    # Moderation outcomes, never public:
    REJECTED = "rejected", _("in der Moderation abgelehnt")
    MERGED = "merged", _("zusammengeführt")


# What the public sees: an idea after moderation, with the answer it got. A declined idea
# ("nicht übernommen") stays public with its public reason; an idea rejected in moderation
# (spam, insults, off-topic) or merged into another never appears publicly.
PUBLIC_STATUSES = (
    IdeaStatus.PUBLISHED,
    IdeaStatus.REVIEW,
    IdeaStatus.ADOPTED,
    IdeaStatus.DECLINED,
)
# States in which people may still support and comment.
OPEN_STATUSES = (IdeaStatus.PUBLISHED, IdeaStatus.REVIEW)
# A status change to one of these is an answer of the coordination ("zuletzt beantwortet").
ANSWER_STATUSES = (IdeaStatus.REVIEW, IdeaStatus.ADOPTED, IdeaStatus.DECLINED)

# Moves moderators may make (the "take into the strategy" step has its own service).
TRANSITIONS = {
    IdeaStatus.RECEIVED: (IdeaStatus.PUBLISHED, IdeaStatus.REJECTED),
    IdeaStatus.PUBLISHED: (IdeaStatus.REVIEW, IdeaStatus.DECLINED, IdeaStatus.REJECTED),
    IdeaStatus.REVIEW: (IdeaStatus.PUBLISHED, IdeaStatus.DECLINED),
    IdeaStatus.DECLINED: (IdeaStatus.REVIEW,),
    IdeaStatus.REJECTED: (IdeaStatus.PUBLISHED,),
    IdeaStatus.ADOPTED: (),
    IdeaStatus.MERGED: (),
}


class IdeaOrdering(models.TextChoices):
    NEWEST = "newest", _("neueste zuerst")
    SUPPORTED = "supported", _("meiste Unterstützung")
    ANSWERED = "answered", _("zuletzt beantwortet")


class CompetitionPhase(models.TextChoices):
    UPCOMING = "upcoming", _("angekündigt")
    SUBMISSION = "submission", _("Einreichung läuft")
    JURY = "jury", _("Jury-Phase")
    AWAITING = "awaiting", _("Ergebnis folgt")
    RESULT = "result", _("Ergebnis veröffentlicht")
