"""Change-log entries link to the staff page of their object (or to none, when deleted)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from digitalagentur.core.models import ObjectChange, VersionedModel
from digitalagentur.core.services import create_object, update_object
from digitalagentur.directory.models import Person
from digitalagentur.staff.links import DETAIL_PAGES, LIST_PAGES, object_url

# Versioned objects without a page of their own: milestones and updates are edited under
# their project (the URL needs the project too), so the entry shows no link.
WITHOUT_PAGE = {"portfolio.milestone", "portfolio.projectupdate"}


def change_of(label: str, action=ObjectChange.Action.UPDATE, pk: int = 7) -> ObjectChange:
    content_type = ContentType.objects.get_for_model(apps.get_model(label))
    return ObjectChange(content_type=content_type, object_id=pk, action=action)


def test_the_link_tables_name_real_models():
    for label in [*DETAIL_PAGES, *LIST_PAGES]:
        assert apps.get_model(label)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label",
    sorted(
        m._meta.label_lower
        for m in apps.get_models()
        if issubclass(m, VersionedModel) and m._meta.label_lower not in WITHOUT_PAGE
    ),
)
def test_every_versioned_object_has_a_staff_page(label):
    url = object_url(change_of(label))
    assert url and url.startswith("/intern/")


@pytest.mark.django_db
def test_deleted_objects_have_no_link():
    assert object_url(change_of("directory.person", ObjectChange.Action.DELETE)) is None


def test_the_change_list_links_an_edited_person(client, login, region):
    person = create_object(Person(region=region, name="Erika Muster", office="Beauftragte"))
    update_object(person, {"office": "Leitung"}, expected_version=person.version)
    login("coordinator")
    page = client.get(reverse("staff:change_list")).content.decode()
    assert reverse("staff:person_edit", args=[person.pk]) in page


@pytest.mark.parametrize("role", ["reader", "officer", "coordinator"])
def test_questionnaire_parts_link_to_the_builder_page_every_role_reads(client, login, region, role):
    from digitalagentur.assessment import questionnaire_parts, questionnaires

    questionnaire = questionnaires.create_questionnaire(region, {"title": "Bedarfsanalyse"})
    section = questionnaire_parts.create_section(questionnaire, {"title": "Relevanz"})
    criterion = questionnaire_parts.create_criterion(
        questionnaire,
        {"key": "arbeit", "name": "Arbeitsplätze", "dimension": "relevance", "weight": "1"},
    )
    question = questionnaire_parts.create_question(
        section, {"text": "Wie wichtig?", "kind": "scale", "criterion": criterion}
    )
    detail = reverse("staff:questionnaire_detail", args=[questionnaire.pk])
    login(role)
    for obj, anchor in [
        (section, f"abschnitt-{section.pk}"),
        (criterion, f"kriterium-{criterion.pk}"),
        (question, f"frage-{question.pk}"),
    ]:
        change = ObjectChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        ).get()
        response = client.get(object_url(change))
        assert response.status_code == 302
        assert response["Location"] == f"{detail}#{anchor}"
        target = client.get(detail)
        assert target.status_code == 200
        assert f'id="{anchor}"' in target.content.decode()


def test_questionnaire_part_addresses_stay_in_their_region(client, login, region, other_region):
    from digitalagentur.testing.assessment import make_questionnaire

    foreign = make_questionnaire(other_region)
    login("reader")
    for name, obj in [
        ("staff:questionnaire_section", foreign.sections.first()),
        ("staff:questionnaire_criterion", foreign.criteria.first()),
        ("staff:questionnaire_question", foreign.questions.first()),
    ]:
        assert client.get(reverse(name, args=[obj.pk])).status_code == 404
