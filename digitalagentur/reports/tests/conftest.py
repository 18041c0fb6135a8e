"""Small builders of the facts a status report tells: chronicle entries, project updates,
milestones, status changes, funding applications, workshops and surveys, each on a given day."""

from __future__ import annotations

import datetime
from decimal import Decimal
from itertools import count

import pytest
from django.utils import timezone, translation

from digitalagentur.assessment.models import Questionnaire, QuestionnaireKind, Survey, Workshop
from digitalagentur.core import services as core
from digitalagentur.core import testing as t
from digitalagentur.core.models import ObjectChange
from digitalagentur.directory.models import Body
from digitalagentur.funding.models import Application
from digitalagentur.portfolio.models import Milestone, ProjectUpdate
from digitalagentur.strategy.models import TimelineEvent

_seq = count(1)

SINCE = datetime.date(2022, 3, 17)
UNTIL = datetime.date(2022, 9, 13)
BEFORE = SINCE - datetime.timedelta(days=1)
AFTER = UNTIL + datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def german():
    with translation.override("de"):
        yield


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


class Builder:
    def __init__(self, region, strategy):
        self.region, self.strategy = region, strategy
        self.field = t.make_field(strategy, "Arbeit")
        self._project = None
        self._questionnaire = None

    @property
    def project(self):
        if self._project is None:
            self._project = t.make_project(self.region, "Coworking im Kreis")
        return self._project

    def timeline(self, day, title=None, topic="strategy", **values):
        return TimelineEvent.objects.create(
            region=self.region,
            strategy=self.strategy,
            date=day,
            title=title or f"Eintrag {next(_seq)}",
            topic=topic,
            **values,
        )

    def update(self, day, title=None, **values):
        return ProjectUpdate.objects.create(
            region=self.region,
            project=values.pop("project", None) or self.project,
            date=day,
            title=title or f"Neuigkeit {next(_seq)}",
            text=values.pop("text", "Text."),
            **values,
        )

    def milestone(self, day, title=None):
        return Milestone.objects.create(
            region=self.region,
            project=self.project,
            title=title or f"Meilenstein {next(_seq)}",
            completed_on=day,
        )

    def status_change(self, day, status, project=None):
        project = project or self.project
        project.refresh_from_db()
        core.update_object(project, {"status": status}, expected_version=project.version)
        change = ObjectChange.objects.filter(object_id=project.pk).order_by("-pk").first()
        ObjectChange.objects.filter(pk=change.pk).update(time=noon(day))
        return change

    def application(self, title=None, **values):
        return Application.objects.create(
            region=self.region,
            slug=f"antrag-{next(_seq)}",
            title=title or f"Antrag {next(_seq)}",
            **values,
        )

    def workshop(self, day, title=None, **values):
        values.setdefault("format", "in_person")
        return Workshop.objects.create(
            region=self.region,
            slug=f"workshop-{next(_seq)}",
            title=title or f"Workshop {next(_seq)}",
            field=self.field,
            date=day,
            **values,
        )

    def survey(self, opens, closes, title=None, **values):
        if self._questionnaire is None:
            self._questionnaire = Questionnaire.objects.create(
                region=self.region,
                slug="umfrage",
                revision=1,
                kind=QuestionnaireKind.SURVEY,
                title="Fragebogen",
            )
        return Survey.objects.create(
            region=self.region,
            slug=f"umfrage-{next(_seq)}",
            title=title or f"Umfrage {next(_seq)}",
            questionnaire=self._questionnaire,
            opens_at=noon(opens),
            closes_at=noon(closes),
            **values,
        )


@pytest.fixture
def build(region, strategy):
    return Builder(region, strategy)


@pytest.fixture
def committee(region):
    return Body.objects.create(
        region=region,
        slug="ausschuss-finanzen-wirtschaft-digitalisierung",
        name="Ausschuss für Finanzen, Wirtschaftsförderung und Digitalisierung",
        kind="committee",
    )


AMOUNT = Decimal("150000.00")
